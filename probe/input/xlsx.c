/*
 * xlsx.c - an Excel workbook's sheet as rows of text.  See xlsx.h.
 *
 * Public: xlsx_open, xlsx_next, xlsx_sheet_name, xlsx_unread_sheets,
 * xlsx_close, xlsx_encrypted.
 *
 * A workbook is a ZIP package (ECMA-376 Part 2, Open Packaging
 * Conventions), read with libgsf (GsfInfileZip).  The package's
 * relationships (_rels/.rels) name the workbook part, the workbook's own
 * (xl/_rels/workbook.xml.rels) its sheets and its shared strings; the
 * workbook part lists the sheets in their order with their names and
 * whether they are hidden.  Every part is XML read by libxml2's SAX2 push
 * parser in chunks as libgsf inflates them, so a sheet of a million rows
 * is never held whole: rows are handed out as they are parsed.  Element
 * names are matched without their namespace, so the Transitional and the
 * Strict vocabularies (ISO/IEC 29500) both read.
 *
 * A cell is found by its reference (r="C7"): the cells before it in the
 * row are empty.  Its text: a shared string (t="s", rich-text runs joined,
 * phonetic runs <rPh> left out), an inline string (t="inlineStr"), a
 * boolean as TRUE or FALSE, a number in a date or time format (the styles
 * part says) as 2024-01-05, 13:30:00 or both (xlsxdate.c), a number in a
 * zero-padded format (000000: a postcode, a phone number) with the leading
 * zeros Excel shows (xlsxnum.c), anything else (numbers, errors, a
 * formula's string) as the value written; a formula is never evaluated,
 * its cached value is the cell's text.
 *
 * Hostile workbooks: each part is read to XLSX_PART_MAX bytes at most
 * (its declared size is checked first, the bytes inflated are counted);
 * XML nests XLSX_DEPTH_MAX deep at most; shared strings are bounded in
 * number and bytes; a row's number stays within Excel's sheet.  No part
 * of a package may declare a DTD (Part 2, the XML usage rules), so the
 * parse stops at a DOCTYPE before any entity is declared; the network is
 * never used (XML_PARSE_NONET) and no entity is substituted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>
#include <libxml/parser.h>

#include "base/lsan.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"
#include "input/listin.h"
#include "input/xlsx.h"
#include "input/xlsxdate.h"
#include "input/xlsxnum.h"

#define XLSX_CHUNK	65536
#define XLSX_ATTR_MAX	2048	/* bytes kept of an attribute (a path, a name) */
#define XLSX_COLS	16384	/* Excel's last column, XFD */
#define XLSX_NAMES_SHOWN 20	/* sheets a --sheet refusal names */

/* What one part holds, so the SAX callbacks know what to keep. */
enum xpart {
	XP_RELS,
	XP_BOOK,
	XP_STRINGS,
	XP_STYLES,
	XP_SHEET,
};

/* The elements looked at; the rest are E_OTHER. */
enum xelem {
	E_OTHER,
	E_REL,
	E_BOOK,
	E_SHEETS,
	E_SHEET,
	E_SI,
	E_R,
	E_T,
	E_SHEETDATA,
	E_ROW,
	E_C,
	E_V,
	E_IS,
	E_NUMFMT,
	E_CELLXFS,
	E_XF,
	E_WBPR,
};

static const char *const elem_names[] = {
	[E_REL] = "Relationship", [E_BOOK] = "workbook", [E_SHEETS] = "sheets",
	[E_SHEET] = "sheet", [E_SI] = "si", [E_R] = "r", [E_T] = "t",
	[E_SHEETDATA] = "sheetData", [E_ROW] = "row", [E_C] = "c", [E_V] = "v",
	[E_IS] = "is", [E_NUMFMT] = "numFmt", [E_CELLXFS] = "cellXfs",
	[E_XF] = "xf", [E_WBPR] = "workbookPr",
};

static const char XLSX_DAMAGED[] = N_("this Excel workbook (.xlsx) is "
    "damaged (cut short or corrupted), mxtrace cannot read it: open it in "
    "Excel and save it again, or save it as \"CSV UTF-8\" and give that file");
static const char XLSX_NOT_BOOK[] = N_("this ZIP archive is not an Excel "
    "workbook (.xlsx) mxtrace reads (a binary .xlsb workbook, an OpenDocument "
    ".ods file or another archive): save it as \"Excel Workbook (.xlsx)\" or "
    "as \"CSV UTF-8\" and give that file");
static const char XLSX_BAD_XML[] = N_("this Excel workbook (.xlsx) is "
    "damaged: a part of it is not well-formed XML or refers to what the "
    "workbook does not hold; open it in Excel and save it again, or save it "
    "as \"CSV UTF-8\" and give that file");
static const char XLSX_DTD[] = N_("this Excel workbook (.xlsx) is not read: "
    "a part of it declares a document type (DTD), which Office Open XML "
    "forbids and Excel never writes");
static const char XLSX_NO_SHEET[] = N_("this Excel workbook (.xlsx) has no "
    "visible worksheet to read");
static const char XLSX_PART_BIG[] = N_("this Excel workbook (.xlsx) is not "
    "read: a part of it inflates to more than 512 MiB (a ZIP bomb, or a sheet "
    "too large: save it as \"CSV UTF-8\" and give that file)");
static const char XLSX_STRINGS_BIG[] = N_("this Excel workbook (.xlsx) is not "
    "read: it holds more than 2,000,000 shared strings or more than 128 MiB "
    "of them (save it as \"CSV UTF-8\" and give that file)");
static const char XLSX_DEEP[] = N_("this Excel workbook (.xlsx) is not read: "
    "its XML nests more than 64 elements deep, which Excel never writes");
static const char XLSX_ROWS_BAD[] = N_("this Excel workbook (.xlsx) is "
    "damaged: its rows are out of order or numbered past Excel's last row, "
    "1,048,576; open it in Excel and save it again, or save it as \"CSV "
    "UTF-8\" and give that file");

struct xrel {
	char	*id;		/* owned */
	char	*type;		/* owned */
	char	*path;		/* owned: the part's name in the package */
};

/* How a number format shows a number: a date or time, or zero-padded. */
struct xfmt {
	unsigned long		 id;
	unsigned char		 kind;		/* enum xlsxdate_kind */
	unsigned char		 zeros;		/* xlsxnum_zeros */
};

struct xsheet {
	char	*name;		/* owned */
	char	*rid;		/* owned */
	bool	 hidden;
};

struct xlsx {
	GsfInput		*src;		/* owned */
	GsfInfile		*zip;		/* owned */
	/* the part being parsed */
	enum xpart		 mode;
	GsfInput		*part;		/* owned */
	xmlParserCtxtPtr	 ctxt;		/* owned */
	unsigned long long	 partbytes;
	bool			 part_done;
	const char		*err;		/* static, the first error */
	char			*why;		/* owned: a --sheet refusal (names
						 * the sheets), else NULL */
	enum xelem		 stack[XLSX_DEPTH_MAX + 1];
	int			 depth;
	/* the text of <t> or <v> being read */
	char			*text;		/* owned, LISTIN_RECORD_MAX + 2 */
	size_t			 textlen;
	bool			 collect;
	/* relationships and sheets */
	struct xrel		*rels;		/* owned */
	size_t			 nrels;
	const char		*rels_base;	/* borrowed: the folder targets are relative to */
	struct xsheet		*sheets;	/* owned */
	size_t			 nsheets;
	bool			 is_book;	/* the workbook part's root is <workbook> */
	bool			 date1904;	/* serial dates count from 1904 */
	/* styles: what each cell format's number format shows (dates, zeros) */
	struct xfmt		*fmts;		/* owned: the custom number formats */
	size_t			 nfmts;
	struct xfmt		*xfs;		/* owned: by style (id unused) */
	size_t			 nxf;
	/* shared strings: string i is strs[offs[i]], lens[i] bytes */
	char			*strs;		/* owned */
	size_t			 strslen, strscap;
	size_t			*offs, *slens;	/* owned */
	size_t			 nstrs, capstrs;
	/* the sheet */
	const char		*sheet_name;	/* borrowed from sheets[] */
	const char		*unread_name;	/* borrowed: the first of */
	size_t			 nunread;	/* the sheets after it with a header */
	unsigned long		 header_row;	/* rows before it are not handed out */
	unsigned long		 lastrow;
	struct list_row		 cur;		/* being parsed */
	size_t			 curbytes;
	long			 col;		/* the cell's column, 0-based */
	char			 ctype[16];	/* its t="..." */
	unsigned long		 cstyle;	/* its s="..." */
	struct row_queue	 q;		/* complete rows */
};

static void
xlsx_quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)arg;
}

/* libgsf once, its warnings about broken files silenced (errors are ours). */
static void
xlsx_init(void)
{
	static bool ready;

	if (ready)
		return;
	gsf_init();
	xmlInitParser();
	g_log_set_handler("libgsf:zip", G_LOG_LEVEL_MASK, xlsx_quiet, NULL);
	g_log_set_handler("libgsf:msole", G_LOG_LEVEL_MASK, xlsx_quiet, NULL);
	g_log_set_handler("libgsf", G_LOG_LEVEL_MASK, xlsx_quiet, NULL);
	ready = true;
}

static void
xlsx_fail(struct xlsx *x, const char *why)
{
	if (x->err == NULL)
		x->err = why;
	if (x->ctxt != NULL)
		xmlStopParser(x->ctxt);
}

/* --- attributes -------------------------------------------------------- */

/*
 * The value of attribute name (in a namespace when ns, else in none) into
 * out, NUL-terminated; false when absent or longer than outsz - 1.
 */
static bool
attr(const xmlChar **a, int n, const char *name, bool ns, char *out,
    size_t outsz)
{
	size_t len;
	int i;

	for (i = 0; i < n; i++, a += 5) {
		if (strcmp((const char *)a[0], name) != 0 ||
		    (a[2] != NULL) != ns)
			continue;
		len = (size_t)(a[4] - a[3]);
		if (len >= outsz)
			return false;
		memcpy(out, a[3], len);
		out[len] = '\0';
		return true;
	}
	return false;
}

/* Does a relationship's type end in "/kind" (Transitional or Strict)? */
static bool
rel_is(const char *type, const char *kind)
{
	size_t t = strlen(type), k = strlen(kind);

	return t > k && type[t - k - 1] == '/' &&
	    strcmp(type + t - k, kind) == 0;
}

/*
 * A relationship's target as a part name: relative to base (the folder of
 * the part the relationships belong to) or, with a leading '/', to the
 * package's root; "." and ".." resolved.  NULL when it leaves the package.
 */
static char *
part_path(const char *base, const char *target)
{
	char *joined, *out, *seg, *save;
	size_t n = 0;

	joined = target[0] == '/' ? xstrdup(target + 1) :
	    xasprintf("%s%s%s", base, base[0] != '\0' ? "/" : "", target);
	out = xmalloc(strlen(joined) + 1);
	out[0] = '\0';
	for (seg = strtok_r(joined, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n == 0) {
				free(joined);
				free(out);
				return NULL;
			}
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		n += (size_t)sprintf(out + n, "%s%s", n > 0 ? "/" : "", seg);
	}
	free(joined);
	return out;
}

/* --- SAX callbacks ------------------------------------------------------ */

static enum xelem
elem_of(const xmlChar *local)
{
	size_t i;

	for (i = 1; i < sizeof(elem_names) / sizeof(elem_names[0]); i++)
		if (strcmp((const char *)local, elem_names[i]) == 0)
			return (enum xelem)i;
	return E_OTHER;
}

/* The element d levels up from the one being read (0: itself). */
static enum xelem
up(const struct xlsx *x, int d)
{
	return x->depth - d >= 1 ? x->stack[x->depth - d] : E_OTHER;
}

static void
rel_start(struct xlsx *x, const xmlChar **a, int na)
{
	char id[XLSX_ATTR_MAX], type[XLSX_ATTR_MAX], target[XLSX_ATTR_MAX];
	char mode[16];
	struct xrel *r;
	char *path;

	if (x->depth != 2 || !attr(a, na, "Id", false, id, sizeof(id)) ||
	    !attr(a, na, "Type", false, type, sizeof(type)) ||
	    !attr(a, na, "Target", false, target, sizeof(target)))
		return;
	if (attr(a, na, "TargetMode", false, mode, sizeof(mode)) &&
	    strcmp(mode, "External") == 0)
		return;
	if (x->nrels >= XLSX_SHEETS_MAX) {
		xlsx_fail(x, XLSX_NOT_BOOK);
		return;
	}
	if ((path = part_path(x->rels_base, target)) == NULL)
		return;
	x->rels = xrealloc(x->rels, (x->nrels + 1) * sizeof(*x->rels));
	r = &x->rels[x->nrels++];
	r->id = xstrdup(id);
	r->type = xstrdup(type);
	r->path = path;
}

static void
book_start(struct xlsx *x, enum xelem e, const xmlChar **a, int na)
{
	char name[256], rid[XLSX_ATTR_MAX], state[32];
	struct xsheet *s;

	if (x->depth == 1) {
		x->is_book = e == E_BOOK;
		return;
	}
	if (e == E_WBPR && x->depth == 2) {
		x->date1904 = attr(a, na, "date1904", false, state,
		    sizeof(state)) && (strcmp(state, "1") == 0 ||
		    strcmp(state, "true") == 0);
		return;
	}
	if (e != E_SHEET || up(x, 1) != E_SHEETS || x->depth != 3 ||
	    !attr(a, na, "id", true, rid, sizeof(rid)))
		return;
	if (x->nsheets >= XLSX_SHEETS_MAX) {
		xlsx_fail(x, XLSX_NOT_BOOK);
		return;
	}
	if (!attr(a, na, "name", false, name, sizeof(name)))
		name[0] = '\0';
	x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof(*x->sheets));
	s = &x->sheets[x->nsheets++];
	s->name = xstrdup(name);
	s->rid = xstrdup(rid);
	s->hidden = attr(a, na, "state", false, state, sizeof(state)) &&
	    strcmp(state, "visible") != 0;
}

/*
 * <numFmt> (a custom number format) and <cellXfs><xf> (a cell format,
 * cells name it by its index) of the styles part.
 */
static void
style_start(struct xlsx *x, enum xelem e, const xmlChar **a, int na)
{
	char id[24], code[XLSX_ATTR_MAX];
	struct xfmt show = { 0, XLSXDATE_NONE, 0 };
	unsigned long n;
	size_t i;

	if (x->depth != 3 || (e != E_NUMFMT && (e != E_XF ||
	    up(x, 1) != E_CELLXFS)))
		return;
	n = attr(a, na, "numFmtId", false, id, sizeof(id)) ?
	    strtoul(id, NULL, 10) : 0;
	if (x->nfmts >= XLSX_STYLES_MAX || x->nxf >= XLSX_STYLES_MAX) {
		xlsx_fail(x, XLSX_BAD_XML);
		return;
	}
	if (e == E_NUMFMT) {
		show.id = n;
		if (attr(a, na, "formatCode", false, code, sizeof(code))) {
			show.kind = (unsigned char)xlsxdate_kind(n, code);
			show.zeros = (unsigned char)xlsxnum_zeros(code);
		}
		x->fmts = xrealloc(x->fmts, (x->nfmts + 1) * sizeof(*x->fmts));
		x->fmts[x->nfmts++] = show;
		return;
	}
	show.kind = (unsigned char)xlsxdate_kind(n, NULL);
	for (i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == n)
			show = x->fmts[i];
	x->xfs = xrealloc(x->xfs, (x->nxf + 1) * sizeof(*x->xfs));
	x->xfs[x->nxf++] = show;
}

/* A row starts: its number from r="", else the one after the last. */
static void
row_start(struct xlsx *x, const xmlChar **a, int na)
{
	char r[16], *end;
	unsigned long n;

	n = x->lastrow + 1;
	if (attr(a, na, "r", false, r, sizeof(r))) {
		n = strtoul(r, &end, 10);
		if (r[0] < '0' || r[0] > '9' || *end != '\0')
			n = 0;
	}
	if (n <= x->lastrow || n > XLSX_ROWS_MAX) {
		xlsx_fail(x, XLSX_ROWS_BAD);
		return;
	}
	x->lastrow = n;
	list_row_free(&x->cur);
	x->cur.row = n;
	x->curbytes = 0;
	x->col = -1;
}

/* A cell starts: its column from r="C7" (letters), else the next one. */
static void
cell_start(struct xlsx *x, const xmlChar **a, int na)
{
	char r[32];
	long col = 0;
	size_t i;

	if (!attr(a, na, "t", false, x->ctype, sizeof(x->ctype)))
		x->ctype[0] = '\0';
	x->cstyle = attr(a, na, "s", false, r, sizeof(r)) ?
	    strtoul(r, NULL, 10) : 0;
	x->textlen = 0;
	if (!attr(a, na, "r", false, r, sizeof(r))) {
		x->col++;
		return;
	}
	for (i = 0; r[i] >= 'A' && r[i] <= 'Z' && i < 3; i++)
		col = col * 26 + (r[i] - 'A' + 1);
	if (i == 0 || col > XLSX_COLS || r[i] < '1' || r[i] > '9') {
		xlsx_fail(x, XLSX_BAD_XML);
		return;
	}
	x->col = col - 1;
}

static void
x_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int na, int ndef,
    const xmlChar **a)
{
	struct xlsx *x = ctx;
	enum xelem e = elem_of(local);

	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndef;
	if (x->err != NULL)
		return;
	if (x->depth >= XLSX_DEPTH_MAX) {
		xlsx_fail(x, XLSX_DEEP);
		return;
	}
	x->stack[++x->depth] = e;
	switch (x->mode) {
	case XP_RELS:
		if (e == E_REL)
			rel_start(x, a, na);
		break;
	case XP_BOOK:
		book_start(x, e, a, na);
		break;
	case XP_STRINGS:
		if (e == E_SI && x->depth == 2)
			x->textlen = 0;
		/* <si><t> or <si><r><t>; a phonetic run <rPh><t> is not text */
		x->collect = e == E_T && ((x->depth == 3 && up(x, 1) == E_SI) ||
		    (x->depth == 4 && up(x, 1) == E_R && up(x, 2) == E_SI));
		break;
	case XP_STYLES:
		style_start(x, e, a, na);
		break;
	case XP_SHEET:
		if (e == E_ROW && x->depth == 3 && up(x, 1) == E_SHEETDATA)
			row_start(x, a, na);
		else if (e == E_C && x->depth == 4 && up(x, 1) == E_ROW)
			cell_start(x, a, na);
		x->collect = x->depth >= 5 && x->stack[2] == E_SHEETDATA &&
		    x->stack[3] == E_ROW && x->stack[4] == E_C &&
		    ((e == E_V && x->depth == 5) ||
		    (e == E_T && x->depth == 6 && up(x, 1) == E_IS) ||
		    (e == E_T && x->depth == 7 && up(x, 1) == E_R &&
		    up(x, 2) == E_IS));
		break;
	}
}

static void
x_chars(void *ctx, const xmlChar *s, int len)
{
	struct xlsx *x = ctx;
	size_t n = (size_t)len, room = LISTIN_RECORD_MAX + 1 - x->textlen;

	if (!x->collect || x->err != NULL)
		return;
	/* one byte past the bound marks the text too long */
	if (n > room)
		n = room;
	memcpy(x->text + x->textlen, s, n);
	x->textlen += n;
}

static void
strings_add(struct xlsx *x)
{
	if (x->nstrs >= XLSX_STRINGS_MAX ||
	    x->strslen + x->textlen > XLSX_STRINGS_BYTES_MAX) {
		xlsx_fail(x, XLSX_STRINGS_BIG);
		return;
	}
	if (x->nstrs == x->capstrs) {
		x->capstrs = x->capstrs ? x->capstrs * 2 : 1024;
		x->offs = xrealloc(x->offs, x->capstrs * sizeof(*x->offs));
		x->slens = xrealloc(x->slens, x->capstrs * sizeof(*x->slens));
	}
	if (x->strslen + x->textlen > x->strscap) {
		while (x->strslen + x->textlen > x->strscap)
			x->strscap = x->strscap ? x->strscap * 2 : 65536;
		x->strs = xrealloc(x->strs, x->strscap);
	}
	if (x->textlen > 0)	/* an empty string before any: strs NULL */
		memcpy(x->strs + x->strslen, x->text, x->textlen);
	x->offs[x->nstrs] = x->strslen;
	x->slens[x->nstrs++] = x->textlen;
	x->strslen += x->textlen;
}

/* A cell's text into the row at its column; an empty one is a gap. */
static void
cell_end(struct xlsx *x)
{
	const char *s = x->text;
	size_t n = x->textlen, i;
	char *end, shown[XLSXNUM_ZEROS_MAX + 32];
	const struct xfmt *f;
	unsigned long k;
	struct list_row *r = &x->cur;

	if (strcmp(x->ctype, "s") == 0 && n > 0) {
		x->text[n] = '\0';
		k = strtoul(x->text, &end, 10);
		if (x->text[0] < '0' || x->text[0] > '9' || *end != '\0' ||
		    k >= x->nstrs) {
			xlsx_fail(x, XLSX_BAD_XML);
			return;
		}
		s = x->strs + x->offs[k];
		n = x->slens[k];
	} else if (strcmp(x->ctype, "b") == 0 && n == 1 &&
	    (x->text[0] == '0' || x->text[0] == '1')) {
		s = x->text[0] == '1' ? "TRUE" : "FALSE";
		n = strlen(s);
	} else if ((x->ctype[0] == '\0' || strcmp(x->ctype, "n") == 0) &&
	    x->cstyle < x->nxf && n < 64) {	/* a number as its format shows it */
		x->text[n] = '\0';
		f = &x->xfs[x->cstyle];
		if (xlsxdate_format(x->text, (enum xlsxdate_kind)f->kind,
		    x->date1904, shown, sizeof(shown)) ||
		    xlsxnum_format(x->text, f->zeros, shown, sizeof(shown))) {
			s = shown;
			n = strlen(s);
		}
	}
	if (n == 0 || r->toolong)
		return;
	if (x->col >= LISTIN_FIELDS_MAX || n > LISTIN_RECORD_MAX ||
	    x->curbytes + n + 1 + (x->col >= (long)r->n ?
	    (size_t)x->col - r->n : 0) > LISTIN_RECORD_MAX) {
		list_row_free(r);
		r->row = x->lastrow;
		r->toolong = true;
		return;
	}
	if ((size_t)x->col < r->n) {	/* the same cell again: the last wins */
		x->curbytes -= r->lens[x->col];
		free(r->fields[x->col]);
	} else {
		r->fields = xrealloc(r->fields, ((size_t)x->col + 1) *
		    sizeof(*r->fields));
		r->lens = xrealloc(r->lens, ((size_t)x->col + 1) *
		    sizeof(*r->lens));
		for (i = r->n; i < (size_t)x->col; i++) {
			r->fields[i] = xstrdup("");
			r->lens[i] = 0;
			x->curbytes++;
		}
		r->n = (size_t)x->col + 1;
		x->curbytes++;
	}
	r->fields[x->col] = xmalloc(n + 1);
	memcpy(r->fields[x->col], s, n);
	r->fields[x->col][n] = '\0';
	r->lens[x->col] = n;
	x->curbytes += n;
}

static void
x_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct xlsx *x = ctx;
	enum xelem e;

	(void)local;
	(void)prefix;
	(void)uri;
	if (x->err != NULL || x->depth == 0)
		return;
	e = x->stack[x->depth];
	x->collect = false;
	if (x->mode == XP_STRINGS && e == E_SI && x->depth == 2)
		strings_add(x);
	else if (x->mode == XP_SHEET && e == E_C && x->depth == 4 &&
	    up(x, 1) == E_ROW)
		cell_end(x);
	else if (x->mode == XP_SHEET && e == E_ROW && x->depth == 3 &&
	    up(x, 1) == E_SHEETDATA && x->cur.row >= x->header_row)
		row_queue_push(&x->q, &x->cur);
	x->depth--;
}

/* A DOCTYPE: stop before its internal subset (entities) is read. */
static void
x_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xlsx_fail(ctx, XLSX_DTD);
}

static void
x_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* --- parts -------------------------------------------------------------- */

/* A part's input by its name, each folder matched without case (OPC). */
static GsfInput *
part_find(struct xlsx *x, const char *path)
{
	char *copy = xstrdup(path), *seg, *save;
	GsfInput *cur = NULL, *next;
	GsfInfile *dir = x->zip;
	const char *name;
	int i, n;

	for (seg = strtok_r(copy, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (dir == NULL) {
			next = NULL;
			goto out;
		}
		next = gsf_infile_child_by_name(dir, seg);
		n = gsf_infile_num_children(dir);
		for (i = 0; next == NULL && i < n; i++)
			if ((name = gsf_infile_name_by_index(dir, i)) != NULL &&
			    strcasecmp(name, seg) == 0)
				next = gsf_infile_child_by_index(dir, i);
		if (cur != NULL)
			g_object_unref(cur);
		if ((cur = next) == NULL)
			goto out;
		dir = GSF_IS_INFILE(cur) && gsf_infile_num_children(GSF_INFILE(cur))
		    >= 0 ? GSF_INFILE(cur) : NULL;
	}
	if (dir != NULL && cur != NULL) {	/* a folder, not a part */
		g_object_unref(cur);
		cur = NULL;
	}
 out:
	free(copy);
	return cur;
}

static void
part_close(struct xlsx *x)
{
	if (x->ctxt != NULL)
		xmlFreeParserCtxt(x->ctxt);
	x->ctxt = NULL;
	if (x->part != NULL)
		g_object_unref(x->part);
	x->part = NULL;
}

/* Start reading a part: 1, 0 when the package has no such part, -1. */
static int
part_open(struct xlsx *x, const char *path, enum xpart mode)
{
	static xmlSAXHandler sax = {
		.initialized = XML_SAX2_MAGIC,
		.startElementNs = x_start,
		.endElementNs = x_end,
		.characters = x_chars,
		.cdataBlock = x_chars,
		.internalSubset = x_dtd,
		.serror = x_error,
	};

	part_close(x);
	x->mode = mode;
	x->depth = 0;
	x->collect = false;
	x->partbytes = 0;
	x->part_done = false;
	x->lastrow = 0;
	if ((x->part = part_find(x, path)) == NULL)
		return 0;
	if (gsf_input_size(x->part) > (gsf_off_t)XLSX_PART_MAX) {
		xlsx_fail(x, XLSX_PART_BIG);
		return -1;
	}
	if ((x->ctxt = xmlCreatePushParserCtxt(&sax, x, NULL, 0, NULL)) == NULL)
		fatalx("%s: xmlCreatePushParserCtxt", __func__);
	xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	return 1;
}

/* Parse the part's next chunk: 1, 0 when the part is done, -1 (x->err). */
static int
part_feed(struct xlsx *x)
{
	const guint8 *p;
	gsf_off_t left;
	size_t n;

	if (x->err != NULL)
		return -1;
	if (x->part_done)
		return 0;
	left = gsf_input_remaining(x->part);
	n = left > XLSX_CHUNK ? XLSX_CHUNK : (size_t)left;
	if (n > 0 && (p = gsf_input_read(x->part, n, NULL)) == NULL) {
		xlsx_fail(x, XLSX_DAMAGED);
		return -1;
	}
	x->partbytes += n;
	if (x->partbytes > XLSX_PART_MAX) {
		xlsx_fail(x, XLSX_PART_BIG);
		return -1;
	}
	xmlParseChunk(x->ctxt, n > 0 ? (const char *)p : NULL, (int)n, n == 0);
	if (x->err == NULL && !x->ctxt->wellFormed)
		xlsx_fail(x, XLSX_BAD_XML);
	if (x->err != NULL)
		return -1;
	if (n == 0)
		x->part_done = true;
	return n > 0;
}

/* Read a whole part (relationships, workbook, strings): 1, 0 absent, -1. */
static int
part_read(struct xlsx *x, const char *path, enum xpart mode)
{
	int rv;

	if ((rv = part_open(x, path, mode)) <= 0)
		return rv;
	while ((rv = part_feed(x)) > 0)
		;
	part_close(x);
	return rv < 0 ? -1 : 1;
}

/* The relationships of the part at path ("" the package's own). */
static int
rels_read(struct xlsx *x, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *base = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
	char *rels = xasprintf("%s%s_rels/%s.rels", base, base[0] ? "/" : "",
	    slash ? slash + 1 : path);
	int rv;

	x->rels_base = base;
	rv = part_read(x, rels, XP_RELS);
	x->rels_base = NULL;
	free(rels);
	free(base);
	return rv;
}

static void
rels_free(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].path);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

static const struct xrel *
rel_by_type(const struct xlsx *x, const char *kind)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (rel_is(x->rels[i].type, kind))
			return &x->rels[i];
	return NULL;
}

static const struct xrel *
rel_by_id(const struct xlsx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

/* The next row of the sheet being read: 1, 0 at its end, -1 (x->err). */
static int
sheet_row(struct xlsx *x, struct list_row *out)
{
	int rv;

	while (!row_queue_pop(&x->q, out)) {
		if ((rv = part_feed(x)) <= 0)
			return rv;
	}
	return 1;
}

static void
queue_clear(struct xlsx *x)
{
	row_queue_clear(&x->q);
	list_row_free(&x->cur);
}

/*
 * The header of a worksheet: the number of the first of its first
 * XLSX_HEADER_ROWS rows with cells that is_header accepts, 0 when none
 * is; *first the number of its first row with cells (0: none).  -1.
 */
static long
sheet_header(struct xlsx *x, const char *path, xlsx_header_fn is_header,
    void *arg, unsigned long *first)
{
	struct list_row r;
	unsigned long seen = 0;
	long found = 0;
	int rv;

	*first = 0;
	x->header_row = 0;
	if ((rv = part_open(x, path, XP_SHEET)) <= 0) {
		if (rv == 0)
			xlsx_fail(x, XLSX_BAD_XML);
		return -1;
	}
	while (found == 0 && seen < XLSX_HEADER_ROWS &&
	    (rv = sheet_row(x, &r)) > 0) {
		if (r.n > 0 || r.toolong) {
			if (seen++ == 0)
				*first = r.row;
			if (!r.toolong && is_header(arg, &r))
				found = (long)r.row;
		}
		list_row_free(&r);
	}
	queue_clear(x);
	part_close(x);
	return x->err != NULL ? -1 : found;
}

/* The workbook part and its relationships; x->rels become the workbook's. */
static int
book_read(struct xlsx *x)
{
	const struct xrel *r;
	char *book;
	int rv;

	if ((rv = rels_read(x, "")) <= 0 ||
	    (r = rel_by_type(x, "officeDocument")) == NULL) {
		xlsx_fail(x, XLSX_NOT_BOOK);	/* keeps an earlier error */
		return -1;
	}
	book = xstrdup(r->path);
	rels_free(x);
	if ((rv = part_read(x, book, XP_BOOK)) <= 0 || !x->is_book) {
		free(book);
		xlsx_fail(x, XLSX_NOT_BOOK);
		return -1;
	}
	rv = rels_read(x, book);
	free(book);
	if (rv < 0)
		return -1;
	if ((r = rel_by_type(x, "sharedStrings")) != NULL &&
	    part_read(x, r->path, XP_STRINGS) < 0)
		return -1;
	if ((r = rel_by_type(x, "styles")) != NULL &&
	    part_read(x, r->path, XP_STYLES) < 0)
		return -1;
	return 0;
}

/*
 * A workbook of customers by region or by year (国内客户, 海外客户) has an
 * address column on several sheets, and only the first is read: count the
 * visible sheets from i on whose header names it too, so the user is told
 * which rows are not checked.  Only their first rows are parsed; a sheet
 * that cannot be read ends the count, never the reading of the first.
 */
static void
sheets_unread(struct xlsx *x, size_t i, xlsx_header_fn is_header, void *arg)
{
	const struct xrel *r;
	unsigned long first;
	long h;

	for (; i < x->nsheets; i++) {
		if (x->sheets[i].hidden ||
		    (r = rel_by_id(x, x->sheets[i].rid)) == NULL ||
		    !rel_is(r->type, "worksheet"))
			continue;
		if ((h = sheet_header(x, r->path, is_header, arg, &first)) < 0) {
			x->err = NULL;
			break;
		}
		if (h > 0 && x->nunread++ == 0)
			x->unread_name = x->sheets[i].name;
	}
	part_close(x);
	queue_clear(x);
}

/* The visible sheets' names, as the tab bar shows them: "A, B, ...". */
static char *
sheet_names(const struct xlsx *x)
{
	char *all = xstrdup(""), *t;
	const char *c;
	size_t i, n, shown = 0;

	for (i = 0; i < x->nsheets; i++) {
		if (x->sheets[i].hidden)
			continue;
		if (shown++ == XLSX_NAMES_SHOWN) {
			t = xasprintf("%s, ...", all);
			free(all);
			return t;
		}
		/* as --sheet takes them: its blanks are not to be typed */
		c = x->sheets[i].name;
		n = strlen(c);
		utf8_trim_blanks(&c, &n);
		t = xasprintf("%s%s%.*s", all, shown > 1 ? ", " : "", (int)n, c);
		free(all);
		all = t;
	}
	return all;
}

/*
 * --sheet: the sheet of that name, compared as --column compares a header
 * (its blanks and U+3000 aside, the case of ASCII letters aside; a hidden
 * one too, as the user named it); else, for digits, the Nth of the sheets
 * Excel's tab bar shows (the visible ones, chart sheets too).  A name
 * wins: workbooks name sheets by year ("2026").  -1 when none.
 */
static long
sheet_find(const struct xlsx *x, const char *want)
{
	size_t i, nth = 0;
	unsigned long pos;

	for (i = 0; i < x->nsheets; i++)
		if (utf8_same_label(x->sheets[i].name,
		    strlen(x->sheets[i].name), want))
			return (long)i;
	if (strspn(want, "0123456789") != strlen(want) || strlen(want) > 9 ||
	    (pos = strtoul(want, NULL, 10)) == 0)
		return -1;
	for (i = 0; i < x->nsheets; i++)
		if (!x->sheets[i].hidden && ++nth == pos)
			return (long)i;
	return -1;
}

/*
 * The sheet --sheet names: its header is the first of its first rows that
 * is_header accepts, else its first row with cells.  A sheet that is no
 * worksheet (a chart) or none of that name is refused with the sheets'
 * names.  Returns the sheet's index and *row its header's, or -1.
 */
static long
sheet_given(struct xlsx *x, const char *want, xlsx_header_fn is_header,
    void *arg, unsigned long *row)
{
	const struct xrel *r;
	unsigned long first;
	char *names;
	long i, h;

	if ((i = sheet_find(x, want)) < 0 ||
	    (r = rel_by_id(x, x->sheets[i].rid)) == NULL ||
	    !rel_is(r->type, "worksheet")) {
		names = sheet_names(x);
		if (i < 0)
			x->why = xasprintf("--sheet %s: no such sheet in this "
			    "workbook; its sheets: %s", want, names);
		else
			x->why = xasprintf("--sheet %s: sheet \"%s\" is a chart, "
			    "not a sheet of rows; the workbook's sheets: %s",
			    want, x->sheets[i].name, names);
		free(names);
		return -1;
	}
	if ((h = sheet_header(x, r->path, is_header, arg, &first)) < 0)
		return -1;
	*row = h > 0 ? (unsigned long)h : first;
	return i;
}

/* Choose the sheet (see xlsx_open) and start reading it. */
static int
sheet_choose(struct xlsx *x, const char *want, xlsx_header_fn is_header,
    void *arg)
{
	const struct xrel *r;
	unsigned long first, row = 0;
	long h, pick = -1, with_rows = -1, any = -1;
	size_t i;

	if (want != NULL && (pick = sheet_given(x, want, is_header, arg,
	    &row)) < 0)
		return -1;
	for (i = 0; want == NULL && i < x->nsheets && pick < 0; i++) {
		if (x->sheets[i].hidden ||
		    (r = rel_by_id(x, x->sheets[i].rid)) == NULL ||
		    !rel_is(r->type, "worksheet"))
			continue;
		if ((h = sheet_header(x, r->path, is_header, arg, &first)) < 0)
			return -1;
		if (h > 0) {
			pick = (long)i;
			row = (unsigned long)h;
		} else if (with_rows < 0 && first > 0) {
			with_rows = (long)i;
			row = first;
		}
		if (any < 0)
			any = (long)i;
	}
	if (pick >= 0 && want == NULL)
		sheets_unread(x, (size_t)pick + 1, is_header, arg);
	if (pick < 0)
		pick = with_rows >= 0 ? with_rows : any;
	if (pick < 0) {
		xlsx_fail(x, XLSX_NO_SHEET);
		return -1;
	}
	x->sheet_name = x->sheets[pick].name;
	r = rel_by_id(x, x->sheets[pick].rid);
	if (part_open(x, r->path, XP_SHEET) <= 0) {
		xlsx_fail(x, XLSX_BAD_XML);
		return -1;
	}
	x->header_row = row;
	return 0;
}

struct xlsx *
xlsx_open(FILE *f, const char *sheet, xlsx_header_fn is_header, void *arg,
    char **err)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	GError *gerr = NULL;

	xlsx_init();
	rewind(f);
	x->text = xmalloc(LISTIN_RECORD_MAX + 2);
	if ((x->src = gsf_input_stdio_new_FILE("workbook", f, TRUE)) == NULL ||
	    (x->zip = gsf_infile_zip_new(x->src, &gerr)) == NULL) {
		g_clear_error(&gerr);
		xlsx_fail(x, XLSX_DAMAGED);
		goto fail;
	}
	if (book_read(x) < 0 || sheet_choose(x, sheet, is_header, arg) < 0)
		goto fail;
	return x;
 fail:
	*err = x->why != NULL ? x->why : xstrdup(x->err);
	x->why = NULL;
	xlsx_close(x);
	return NULL;
}

int
xlsx_next(struct xlsx *x, struct list_row *out, const char **err)
{
	int rv;

	memset(out, 0, sizeof(*out));
	if ((rv = sheet_row(x, out)) < 0)
		*err = x->err;
	return rv;
}

const char *
xlsx_sheet_name(const struct xlsx *x)
{
	return x->sheet_name;
}

size_t
xlsx_unread_sheets(const struct xlsx *x, const char **first)
{
	*first = x->unread_name;
	return x->nunread;
}

void
xlsx_close(struct xlsx *x)
{
	size_t i;

	if (x == NULL)
		return;
	part_close(x);
	queue_clear(x);
	row_queue_free(&x->q);
	rels_free(x);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	free(x->why);
	free(x->strs);
	free(x->offs);
	free(x->slens);
	free(x->fmts);
	free(x->xfs);
	free(x->text);
	if (x->zip != NULL)
		g_object_unref(x->zip);
	if (x->src != NULL)
		g_object_unref(x->src);
	free(x);
}

bool
xlsx_encrypted(FILE *f)
{
	GsfInput *src, *pkg = NULL;
	GsfInfile *ole;
	bool yes = false;

	xlsx_init();
	rewind(f);
	if ((src = gsf_input_stdio_new_FILE("workbook", f, TRUE)) == NULL)
		return false;
	LSAN_OFF();	/* libgsf leaks on a broken directory (msgfile.c) */
	ole = gsf_infile_msole_new(src, NULL);
	LSAN_ON();
	if (ole != NULL) {
		pkg = gsf_infile_child_by_name(ole, "EncryptedPackage");
		yes = pkg != NULL;
		if (pkg != NULL)
			g_object_unref(pkg);
		g_object_unref(ole);
	}
	g_object_unref(src);
	rewind(f);
	return yes;
}
