/*
 * listin.c - read verify's input as a stream of rows.
 *
 * The first line decides the format: a line whose cells (split at ',', ';'
 * or TAB) include an e-mail header name, a line of cells without any '@'
 * (a header; without an e-mail name it is refused), or any input when
 * --column is given, is CSV (parsed with libcsv); so is a title alone on
 * the first line above such a header; anything else is a plain list.  A
 * title above the header is passed (header_after_title).  Input
 * is read in fixed chunks; a plain line keeps at most LISTIN_RECORD_MAX
 * bytes, a CSV record at most as many (libcsv's field buffer is capped
 * through its realloc hook, and the parser restarts at the next line when a
 * field overflows).  Whatever is too long becomes a row with an error.
 *
 * Any encoding is read (encoding.c: BOM, valid UTF-8, else uchardet; or
 * --encoding) and converted to UTF-8 before anything else looks at it.
 *
 * An Excel workbook (.xlsx, a ZIP file) is read by xlsx.c: its rows take
 * the place of libcsv's records, so the header, the address column, blank
 * rows and the rows' cells are handled as a CSV's are; a row's number is
 * the sheet's (as Excel shows it).  An old workbook (.xls) or a
 * password-protected one (OLE2 files), a PDF, an image and mxtrace's own
 * JSON are refused with what to do instead.
 *
 * With a spool (listin_opts.spool) each row handed out is also written to
 * it (rowspool.c); once the input is read to its end, the workbook is
 * closed (its shared strings freed) and listin_rewind hands the same rows
 * out again from the spool, as often as asked: a workbook's ZIP is
 * inflated and its XML parsed once, a CSV converted and split once.
 *
 * Public: listin_open, listin_next, listin_rewind, listin_format,
 * listin_ncolumns, listin_column, listin_addr_column, listin_sha256,
 * listin_file_sha256, listin_file_is_workbook, listin_bytes,
 * listin_encoding, listin_replaced, listin_error, listin_sheet,
 * listin_unread_sheets, listin_close, listin_is_email_header.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <openssl/evp.h>

#include "input/encoding.h"
#include "input/listin.h"
#include "input/normalize.h"
#include "input/rowspool.h"
#include "input/xlsx.h"
#include "base/filesig.h"
#include "base/limits.h"
#include "base/syserr.h"
#include "base/utf8.h"
#include "base/util.h"

#define LISTIN_CHUNK	16384

/* A complete CSV record waiting to be returned. */
struct listin {
	FILE			*f;		/* borrowed */
	enum listin_format	 fmt;
	EVP_MD_CTX		*sha;
	unsigned long long	 nbytes;
	/* bytes as read, then as UTF-8 */
	char			 raw[LISTIN_CHUNK];
	size_t			 rlen, rpos;
	bool			 raw_eof;
	struct encoding_conv	*conv;		/* owned; NULL: UTF-8, copied */
	char			 encoding[ENCODING_NAME_MAX];
	enum encoding_how	 how;
	char			 chunk[LISTIN_CHUNK];
	size_t			 clen, cpos;
	bool			 eof;
	bool			 error;
	/* plain */
	char			*line;		/* owned, LISTIN_RECORD_MAX + 1 */
	size_t			 linelen;
	bool			 line_long;
	unsigned long		 lineno;
	/* CSV */
	struct csv_parser	 csv;
	bool			 csv_live;
	unsigned char		 delim;
	struct list_row	 cur;		/* record being parsed */
	size_t			 curbytes;
	unsigned long		 recno;
	int			 last_end;	/* the last record's end: '\r', '\n' */
	bool			 skip_to_nl;	/* resync after an overlong field */
	struct row_queue	 q;		/* complete records */
	struct strlist		 header;
	size_t			 addrcol;
	/* an Excel workbook (.xlsx): its rows stand for libcsv's records */
	struct xlsx		*book;		/* owned; closed at the end of a
						 * spooled reading */
	const char		*book_err;	/* static: why it stopped */
	char			*sheet;		/* owned: the sheet's name */
	bool			 sheet_given;	/* by --sheet */
	char			*unread;	/* owned: another sheet with an
						 * address column, not read */
	size_t			 nunread;	/* how many such sheets */
	/* the rows kept for listin_rewind */
	FILE			*spool;		/* borrowed; NULL: none */
	bool			 spooled;	/* the input was read to its end */
	int			 spool_errno;	/* a write to the spool failed: why */
	bool			 replay;	/* rows come from the spool */
	/* the row handed out last */
	struct list_row	 out;
	char			*addrbuf;	/* owned */
};

static const char LINE_LONG[] = "line longer than 65536 bytes: not read";
static const char RECORD_LONG[] = "record longer than 65536 bytes: not read";

static const char *const email_headers[] = {
	"email", "e-mail", "mail", "email address", "e-mail address",
	"email_address", "emailaddress", "mail address", "\xe9\x82\xae\xe7\xae\xb1",
	"\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6",
	"\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe7\xae\xb1",
	"\xe9\x82\xae\xe7\xae\xb1\xe5\x9c\xb0\xe5\x9d\x80",
	"\xe9\x82\xae\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80",
	/* 电邮 电邮地址 电子信箱 电子邮件地址, and Email地址 E-mail地址 as
	 * Chinese forms write them */
	"\xe7\x94\xb5\xe9\x82\xae",
	"\xe7\x94\xb5\xe9\x82\xae\xe5\x9c\xb0\xe5\x9d\x80",
	"\xe7\x94\xb5\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1",
	"\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80",
	"email\xe5\x9c\xb0\xe5\x9d\x80", "e-mail\xe5\x9c\xb0\xe5\x9d\x80",
	/* 邮件 郵件: "mail" */
	"\xe9\x82\xae\xe4\xbb\xb6", "\xe9\x83\xb5\xe4\xbb\xb6",
	/* Traditional (Taiwan, Hong Kong): 郵箱 電子郵件 電子郵箱 郵箱地址
	 * 郵件地址 電郵 電郵地址 電子信箱 電子郵件地址 */
	"\xe9\x83\xb5\xe7\xae\xb1",
	"\xe9\x9b\xbb\xe5\xad\x90\xe9\x83\xb5\xe4\xbb\xb6",
	"\xe9\x9b\xbb\xe5\xad\x90\xe9\x83\xb5\xe7\xae\xb1",
	"\xe9\x83\xb5\xe7\xae\xb1\xe5\x9c\xb0\xe5\x9d\x80",
	"\xe9\x83\xb5\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80",
	"\xe9\x9b\xbb\xe9\x83\xb5",
	"\xe9\x9b\xbb\xe9\x83\xb5\xe5\x9c\xb0\xe5\x9d\x80",
	"\xe9\x9b\xbb\xe5\xad\x90\xe4\xbf\xa1\xe7\xae\xb1",
	"\xe9\x9b\xbb\xe5\xad\x90\xe9\x83\xb5\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80", NULL,
};

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

/*
 * A header cell's name: its blanks cut (utf8_trim_blanks) and one pair of
 * quotes around it, as a template that quotes every cell writes it.
 */
static void
header_unquote(const char **s, size_t *len)
{
	utf8_trim_blanks(s, len);
	if (*len >= 2 && (*s)[0] == '"' && (*s)[*len - 1] == '"') {
		(*s)++;
		*len -= 2;
		utf8_trim_blanks(s, len);
	}
}

/*
 * A header cell as Chinese spreadsheet templates write it, made comparable:
 * full-width forms (Ｅｍａｉｌ, （必填）) and the ideographic space as the
 * address cells are (normalize_nfkc), a required-field mark taken off
 * ("*邮箱", "邮箱*") and one note in brackets at its end ("Email(必填)",
 * "邮箱（必填）").  Length in out, or 0 when the cell is no short name.
 */
static size_t
header_fold(const char *cell, size_t len, char *out, size_t outsz)
{
	char *nf;
	size_t n, k;

	if ((nf = normalize_nfkc(cell, len)) == NULL)
		return 0;
	if ((n = strlen(nf)) >= outsz) {
		free(nf);
		return 0;
	}
	memcpy(out, nf, n);
	free(nf);
	/* one note in brackets at the end: (...) */
	if (n > 0 && out[n - 1] == ')') {
		for (k = n - 1; k > 0 && out[k - 1] != '('; k--)
			;
		if (k > 1)
			n = k - 1;
	}
	while (n > 0 && (out[n - 1] == '*' || out[n - 1] == ':' ||
	    is_space((unsigned char)out[n - 1])))
		n--;
	for (k = 0; k < n && (out[k] == '*' || is_space((unsigned char)out[k]));
	    k++)
		;
	memmove(out, out + k, n - k);
	return n - k;
}

/*
 * Names that end with a word for the address, as a template names a column
 * after whose address it is: 客户邮箱, 联系邮箱, 客户Email, Customer Email,
 * contact_email.  An ASCII word must start the name or follow a space, '_',
 * '-' or a Chinese character.
 */
static const char *const email_suffixes[] = {
	"\xe9\x82\xae\xe7\xae\xb1",			/* 邮箱 */
	"\xe9\x83\xb5\xe7\xae\xb1",			/* 郵箱 */
	"\xe4\xbf\xa1\xe7\xae\xb1",			/* 信箱 */
	"\xe9\x82\xae\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80",	/* 邮件地址 */
	"\xe9\x83\xb5\xe4\xbb\xb6\xe5\x9c\xb0\xe5\x9d\x80",	/* 郵件地址 */
	"\xe7\x94\xb5\xe9\x82\xae",			/* 电邮 */
	"\xe9\x9b\xbb\xe9\x83\xb5",			/* 電郵 */
	"email", "e-mail", "email address", "e-mail address", NULL,
};

/* Is buf[0..n) an address column's own name (email_headers)? */
static bool
header_exact(const char *buf, size_t n)
{
	size_t i;

	for (i = 0; email_headers[i] != NULL; i++)
		if (strlen(email_headers[i]) == n &&
		    strncasecmp(buf, email_headers[i], n) == 0)
			return true;
	return false;
}

/*
 * A bilingual name, as export firms' templates write the address column:
 * "邮箱/Email", "Email | 邮箱", "E-mail 地址", "电子邮件 E-mail".  Cut at '/',
 * '|' and spaces, every part is an address column's name or the word for
 * address (地址, address), and one at least is a name: "Email 密码" (a
 * password) and "Name/Email" are not.
 */
static bool
header_bilingual(const char *buf, size_t n)
{
	size_t i, start = 0, k;
	bool named = false;

	for (i = 0; i <= n; i++) {
		if (i < n && buf[i] != '/' && buf[i] != '|' && buf[i] != ' ')
			continue;
		k = i - start;
		if (k > 0 && header_exact(buf + start, k))
			named = true;
		else if (k > 0 && !(k == 6 && memcmp(buf + start,
		    "\xe5\x9c\xb0\xe5\x9d\x80", 6) == 0) &&
		    !(k == 7 && strncasecmp(buf + start, "address", 7) == 0))
			return false;
		start = i + 1;
	}
	return named;
}

/*
 * 2: an address column's name; 1: a name ending with one, or a bilingual
 * one; 0: neither.
 */
static int
header_kind(const char *cell, size_t len)
{
	char buf[128];
	const char *w;
	size_t i, n, k;

	header_unquote(&cell, &len);
	if ((n = header_fold(cell, len, buf, sizeof(buf))) == 0)
		return 0;
	if (header_exact(buf, n))
		return 2;
	for (i = 0; email_suffixes[i] != NULL; i++) {
		w = email_suffixes[i];
		k = strlen(w);
		if (k >= n || strncasecmp(buf + n - k, w, k) != 0)
			continue;
		if ((unsigned char)w[0] >= 0x80 || buf[n - k - 1] == ' ' ||
		    buf[n - k - 1] == '_' || buf[n - k - 1] == '-' ||
		    (unsigned char)buf[n - k - 1] >= 0x80)
			return 1;
	}
	return header_bilingual(buf, n) ? 1 : 0;
}

bool
listin_is_email_header(const char *cell, size_t len)
{
	return header_kind(cell, len) > 0;
}

/* libcsv grows its field buffer through this: refuse past the record bound. */
static void *
csv_bounded_realloc(void *p, size_t n)
{
	if (n > LISTIN_RECORD_MAX + 256)
		return NULL;
	return realloc(p, n);
}

/* Read more raw bytes after the unconverted rest: 1, 0 at the end, -1. */
static int
raw_fill(struct listin *l)
{
	size_t left = l->rlen - l->rpos, n;

	memmove(l->raw, l->raw + l->rpos, left);
	l->rlen = left;
	l->rpos = 0;
	n = fread(l->raw + left, 1, sizeof(l->raw) - left, l->f);
	if (n < sizeof(l->raw) - left) {
		if (ferror(l->f)) {
			l->error = true;
			return -1;
		}
		l->raw_eof = true;
	}
	if (n == 0)
		return 0;
	if (EVP_DigestUpdate(l->sha, l->raw + left, n) != 1)
		fatalx("%s: EVP_DigestUpdate", __func__);
	l->nbytes += n;
	l->rlen += n;
	return 1;
}

/*
 * The next chunk of UTF-8 into l->chunk: 1, 0 at the end, -1 on a read error.
 */
static int
fill(struct listin *l)
{
	const char *in;
	size_t inlen, n;

	while (!l->eof) {
		if (l->rpos < l->rlen) {
			in = l->raw + l->rpos;
			inlen = l->rlen - l->rpos;
			if (l->conv == NULL) {
				n = inlen;
				memcpy(l->chunk, in, n);
				inlen = 0;
			} else
				n = encoding_convert(l->conv, &in, &inlen,
				    l->chunk, sizeof(l->chunk), l->raw_eof);
			l->rpos = l->rlen - inlen;
			if (n > 0) {
				l->clen = n;
				l->cpos = 0;
				return 1;
			}
		}
		if (l->raw_eof && l->rpos == l->rlen)
			l->eof = true;
		else if (raw_fill(l) < 0)
			return -1;
	}
	return 0;
}

/* A ZIP archive's first bytes (a local file header): an .xlsx workbook. */
static bool
zip_bytes(const void *b, size_t n)
{
	static const unsigned char zip[] = { 'P', 'K', 3, 4 };

	return n >= sizeof(zip) && memcmp(b, zip, sizeof(zip)) == 0;
}

/*
 * Why: a list saved as an old Excel workbook (.xls) or a password-protected
 * .xlsx (both OLE2 compound files), a PDF or a screenshot of it read as
 * text is a few lines of binary, each an "invalid address": the user would
 * believe the customers' addresses are bad.  mxtrace's own results given
 * back (results.jsonl for report) would be probed again, the catch-all
 * check's random addresses and the sender's postmaster among them.  Its
 * signature says what it is.
 */
static const char *
listin_foreign_file(struct listin *l)
{
	switch (filesig_of(l->raw, l->rlen)) {
	case FILESIG_OLE2:
		if (xlsx_encrypted(l->f))
			return N_("this Excel workbook is protected by a "
			    "password (encrypted), mxtrace cannot read it: in "
			    "Excel choose File, Info, Protect Workbook, Encrypt "
			    "with Password, clear the password and save, or save "
			    "it as \"CSV UTF-8\" and give that file");
		return N_("this is an old Excel workbook (.xls) or another "
		    "Office file, not a list: in Excel choose File, Save As, "
		    "\"CSV UTF-8\" (or \"Unicode Text\") and give that file");
	case FILESIG_PDF:
		return N_("this is a PDF document, not a list: save the list "
		    "from the program that made it as \"CSV UTF-8\" or as an "
		    "Excel workbook (.xlsx) and give that file");
	case FILESIG_IMAGE:
		return N_("this is an image, not a list (mxtrace reads text, "
		    "not screenshots): save the list as \"CSV UTF-8\" or as an "
		    "Excel workbook (.xlsx) and give that file");
	case FILESIG_OWN_JSON:
		return N_("this is mxtrace's own JSON (of verify, probe --json, "
		    "explain --json or sender --json), not a list: \"mxtrace "
		    "report FILE\" makes a page of it; to check the addresses "
		    "again, give the list it was made from");
	case FILESIG_ZIP:	/* an .xlsx: xlsx.c reads it */
	case FILESIG_NONE:
		break;
	}
	return NULL;
}

static bool
listin_is_zip(const struct listin *l)
{
	return zip_bytes(l->raw, l->rlen);
}

/*
 * Read the first raw chunk and choose the encoding: forced by --encoding,
 * else detected from it.  A UTF-16 BOM is skipped here; a UTF-8 one (also
 * what a forced UTF-16 turns its BOM into) after conversion.
 */
static int
choose_encoding(struct listin *l, const char *forced, char **err)
{
	const char *book;

	if (l->rlen == 0 && raw_fill(l) < 0) {
		*err = xasprintf("cannot read the input: %s", syserr_text(errno));
		return -1;
	}
	if ((book = listin_foreign_file(l)) != NULL) {
		*err = xstrdup(book);
		return -1;
	}
	if (forced != NULL)
		snprintf(l->encoding, sizeof(l->encoding), "%s", forced);
	else {
		encoding_detect(l->raw, l->rlen, l->raw_eof, l->encoding,
		    &l->how);
		/* UTF-16 is also found without a BOM: only a BOM is skipped */
		if (strncmp(l->encoding, "UTF-16", 6) == 0 && l->rlen >= 2 &&
		    (memcmp(l->raw, "\xff\xfe", 2) == 0 ||
		    memcmp(l->raw, "\xfe\xff", 2) == 0))
			l->rpos = 2;
	}
	if (encoding_is_utf8(l->encoding))
		return 0;
	if ((l->conv = encoding_open(l->encoding)) == NULL) {
		*err = xasprintf("cannot read the input as %s", l->encoding);
		return -1;
	}
	return 0;
}

/* --- CSV ------------------------------------------------------------- */

static void
csv_field_cb(void *s, size_t len, void *arg)
{
	struct listin *l = arg;
	struct list_row *r = &l->cur;

	l->curbytes += len + 1;
	if (r->toolong || l->curbytes > LISTIN_RECORD_MAX ||
	    r->n >= LISTIN_FIELDS_MAX) {
		r->toolong = true;
		return;
	}
	r->fields = xrealloc(r->fields, (r->n + 1) * sizeof(*r->fields));
	r->lens = xrealloc(r->lens, (r->n + 1) * sizeof(*r->lens));
	r->fields[r->n] = xmalloc(len + 1);
	if (len > 0)
		memcpy(r->fields[r->n], s, len);
	r->fields[r->n][len] = '\0';
	r->lens[r->n++] = len;
}

/*
 * Why: a record's number is the row Excel shows for it (docs/json.md,
 * `row`).  Excel shows an empty line as an empty row, so libcsv reports
 * every unquoted line end (CSV_REPALL_NL) and an empty one is counted,
 * not handed out; the '\n' of a "\r\n" after a record is that record's
 * line end, no row of its own.  A quoted cell's line breaks stay in it.
 */
static void
csv_record_cb(int c, void *arg)
{
	struct listin *l = arg;
	bool crlf_tail = c == '\n' && l->last_end == '\r';

	l->last_end = c;
	if (l->cur.n == 0 && !l->cur.toolong) {
		if (!crlf_tail)
			l->recno++;
		l->curbytes = 0;
		return;
	}
	l->cur.row = ++l->recno;
	l->curbytes = 0;
	row_queue_push(&l->q, &l->cur);
}

static void
csv_start(struct listin *l)
{
	if (csv_init(&l->csv, CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
		fatalx("%s: csv_init", __func__);
	csv_set_delim(&l->csv, l->delim);
	csv_set_realloc_func(&l->csv, csv_bounded_realloc);
	l->csv_live = true;
}

/* A field outgrew the bound: report the record, restart at the next line. */
static void
csv_overflow(struct listin *l)
{
	csv_free(&l->csv);
	l->cur.toolong = true;
	csv_record_cb(0, l);
	csv_start(l);
	l->skip_to_nl = true;
}

/* Feed the rest of the chunk to libcsv; records land in the queue. */
static void
csv_feed(struct listin *l)
{
	while (l->cpos < l->clen) {
		const char *p = l->chunk + l->cpos;
		size_t n = l->clen - l->cpos, used;
		const char *nl;

		if (l->skip_to_nl) {
			if ((nl = memchr(p, '\n', n)) == NULL) {
				l->cpos = l->clen;
				return;
			}
			l->cpos += (size_t)(nl - p) + 1;
			l->skip_to_nl = false;
			continue;
		}
		used = csv_parse(&l->csv, p, n, csv_field_cb, csv_record_cb, l);
		if (used == n && csv_error(&l->csv) == CSV_SUCCESS) {
			l->cpos = l->clen;
			return;
		}
		l->cpos += used < n ? used : n;
		csv_overflow(l);
	}
}

static void
csv_finish(struct listin *l)
{
	if (!l->csv_live)
		return;
	csv_fini(&l->csv, csv_field_cb, csv_record_cb, l);
	if (l->cur.n > 0 || l->cur.toolong)
		csv_record_cb(0, l);
	csv_free(&l->csv);
	l->csv_live = false;
}

/* Next complete record: 1, 0 at the end, -1 on a read error. */
static int
csv_next_rec(struct listin *l, struct list_row *out)
{
	int rv;

	if (l->book != NULL) {
		if ((rv = xlsx_next(l->book, out, &l->book_err)) < 0)
			errno = EINVAL;
		return rv;
	}
	while (!row_queue_pop(&l->q, out)) {
		if (l->cpos < l->clen) {
			csv_feed(l);
			continue;
		}
		if ((rv = fill(l)) < 0)
			return -1;
		if (rv == 0) {
			csv_finish(l);
			return row_queue_pop(&l->q, out) ? 1 : 0;
		}
	}
	return 1;
}

#define HEADER_NAMES_SHOWN	20	/* columns a refusal names */

/*
 * The header's names, trimmed, joined by ", " (the first
 * HEADER_NAMES_SHOWN, then "..."): a --column that names none of them is
 * refused with them, for the user to copy the right one.
 */
static char *
header_names(const struct listin *l)
{
	char *all = xstrdup(""), *t;
	const char *c;
	size_t i, n;

	for (i = 0; i < l->header.n && i < HEADER_NAMES_SHOWN; i++) {
		c = l->header.v[i];
		n = strlen(c);
		utf8_trim_blanks(&c, &n);
		t = xasprintf("%s%s%.*s", all, i ? ", " : "", (int)n, c);
		free(all);
		all = t;
	}
	if (l->header.n > HEADER_NAMES_SHOWN) {
		t = xasprintf("%s, ...", all);
		free(all);
		all = t;
	}
	return all;
}

static int
find_column(struct listin *l, const char *column, char **err)
{
	size_t i;
	char *end, *names;
	long v;
	int kind;

	if (column != NULL) {
		v = strtol(column, &end, 10);
		if (*column != '\0' && *end == '\0') {
			if (v < 1 || (size_t)v > l->header.n) {
				*err = xasprintf("--column %s: the header has "
				    "%zu {2|column|columns}", column, l->header.n);
				return -1;
			}
			l->addrcol = (size_t)v - 1;
			return 0;
		}
		for (i = 0; i < l->header.n; i++)
			if (utf8_same_label(l->header.v[i],
			    strlen(l->header.v[i]), column)) {
				l->addrcol = i;
				return 0;
			}
		names = header_names(l);
		*err = xasprintf("--column %s: no such column in the header; "
		    "its columns: %s", column, names);
		free(names);
		return -1;
	}
	/* an address column's own name first, then a name ending with one */
	for (kind = 2; kind > 0; kind--)
		for (i = 0; i < l->header.n; i++)
			if (header_kind(l->header.v[i],
			    strlen(l->header.v[i])) == kind) {
				l->addrcol = i;
				return 0;
			}
	/* whole sentences: the catalogue cannot translate a fragment */
	if (l->book != NULL && l->sheet_given) {
		names = header_names(l);
		*err = xasprintf("no address column: sheet \"%s\" has no column "
		    "such as email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, "
		    "\xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 in "
		    "its first rows (use --column NAME or --column N); its "
		    "columns: %s", l->sheet, names);
		free(names);
	} else if (l->book != NULL)
		*err = xstrdup("no address column: no visible sheet of this "
		    "workbook has a column such as email, e-mail, mail, "
		    "\xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae"
		    "\xe4\xbb\xb6 in its first rows (use --column NAME or --column N)");
	else {
		/* its columns, for the user to copy the right one into
		 * --column (as a --column naming none of them is told) */
		names = header_names(l);
		*err = xasprintf(l->how == ENCODING_SURE ?
		    "no address column: the CSV header has no column such as "
		    "email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5"
		    "\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 (use --column NAME or "
		    "--column N; the input was read as %s, --encoding NAME "
		    "reads it as another); its columns: %s" :
		    "no address column: the CSV header has no column such as "
		    "email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5"
		    "\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 (use --column NAME or "
		    "--column N; the input was read as %s, a guess, --encoding "
		    "NAME reads it as another); its columns: %s",
		    l->encoding, names);
		free(names);
	}
	return -1;
}

/*
 * Why: a row's other fields are kept by column name (the record's `input`,
 * the --csv output), so two columns of one name, or a nameless one, would
 * overwrite each other.  Such a column is called "column N" (1-based).
 */
static void
name_columns(struct strlist *h)
{
	size_t i, j, n;
	const char *c;

	for (i = 0; i < h->n; i++) {
		c = h->v[i];
		n = strlen(c);
		utf8_trim_blanks(&c, &n);
		for (j = 0; n > 0 && j < i; j++)
			if (strcmp(h->v[j], h->v[i]) == 0)
				break;
		if (n == 0 || j < i) {
			free(h->v[i]);
			h->v[i] = xasprintf("column %zu", i + 1);
		}
	}
}

/* --- format detection -------------------------------------------------- */

/* Does line, split at delim, hold an e-mail header cell? */
static bool
line_has_email_header(const char *s, size_t len, char delim)
{
	const char *p = s, *e = s + len, *d;

	while (p <= e) {
		d = memchr(p, delim, (size_t)(e - p));
		if (d == NULL)
			d = e;
		if (listin_is_email_header(p, (size_t)(d - p)))
			return true;
		p = d + 1;
	}
	return false;
}

/*
 * A title alone on the first line (no separator, no '@'): the header may
 * follow it, up to XLSX_HEADER_ROWS lines down (header_after_title passes
 * the lines above it).  A line with an '@' ends the search.
 */
static void
detect_after_title(struct listin *l, const char *s)
{
	static const char delims[] = { ',', ';', '\t' };
	const char *end = l->chunk + l->clen, *nl;
	size_t len, i, n;

	for (n = 1; n < XLSX_HEADER_ROWS && s < end; n++) {
		s++;		/* past the '\n' */
		nl = memchr(s, '\n', (size_t)(end - s));
		len = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		if (memchr(s, '@', len) != NULL)
			return;
		for (i = 0; i < sizeof(delims); i++)
			if (memchr(s, delims[i], len) != NULL &&
			    line_has_email_header(s, len, delims[i])) {
				l->fmt = LISTIN_CSV;
				l->delim = (unsigned char)delims[i];
				return;
			}
		if (listin_is_email_header(s, len)) {
			l->fmt = LISTIN_CSV;
			return;
		}
		s += len;
	}
}

static void
detect(struct listin *l, const struct listin_opts *o)
{
	static const char delims[] = { ',', ';', '\t' };
	const char *s = l->chunk + l->cpos, *nl;
	size_t len = l->clen - l->cpos, i;

	if ((nl = memchr(s, '\n', len)) != NULL)
		len = (size_t)(nl - s);
	l->fmt = LISTIN_PLAIN;
	l->delim = ',';
	for (i = 0; i < sizeof(delims); i++) {
		if (memchr(s, delims[i], len) == NULL)
			continue;
		if (line_has_email_header(s, len, delims[i])) {
			l->fmt = LISTIN_CSV;
			l->delim = (unsigned char)delims[i];
			return;
		}
		/*
		 * cells but no '@' anywhere: a header without an address column
		 */
		if (memchr(s, '@', len) == NULL && l->fmt == LISTIN_PLAIN) {
			l->fmt = LISTIN_CSV;
			l->delim = (unsigned char)delims[i];
		}
		if (o->column != NULL && l->fmt == LISTIN_PLAIN) {
			l->fmt = LISTIN_CSV;
			l->delim = (unsigned char)delims[i];
		}
	}
	/* A one-column CSV: the first line is just "email". */
	if (listin_is_email_header(s, len) || o->column != NULL)
		l->fmt = LISTIN_CSV;
	else if (l->fmt == LISTIN_PLAIN && memchr(s, '@', len) == NULL)
		detect_after_title(l, s + len);
}

static bool
only_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_space((unsigned char)s[i]))
			return false;
	return true;
}

/* Does a record hold an address column's name, or an '@'? */
static bool
rec_has(const struct list_row *r, bool email_header)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (email_header ? listin_is_email_header(r->fields[i],
		    r->lens[i]) : memchr(r->fields[i], '@', r->lens[i]) != NULL)
			return true;
	return false;
}

/*
 * A CSV saved from a sheet with a title above its header ("2026年客户名单"
 * in the first row, as a workbook's are): rows with no address column's
 * name and no '@' are passed, up to XLSX_HEADER_ROWS, to the first that
 * names the address column.  Only without --column, where a first row
 * without such a name is refused anyway; a row with an '@' ends the
 * search (no address is passed over).  1 with the header in *hdr, 0 when
 * none: *hdr is then the first record, as before.  -1 on a read error.
 */
static int
header_after_title(struct listin *l, struct list_row *hdr)
{
	struct list_row r;
	unsigned long seen;
	int rv;

	if (hdr->toolong || rec_has(hdr, true) || rec_has(hdr, false))
		return 0;
	for (seen = 1; seen < XLSX_HEADER_ROWS; seen++) {
		if ((rv = csv_next_rec(l, &r)) <= 0)
			return rv;
		if (!r.toolong && rec_has(&r, true)) {
			list_row_free(hdr);
			*hdr = r;
			return 1;
		}
		rv = r.toolong || rec_has(&r, false);
		list_row_free(&r);
		if (rv)
			break;
	}
	return 0;
}

/* The CSV's (or the workbook's) header, and the address column in it. */
static int
header_read(struct listin *l, const struct listin_opts *o, char **err)
{
	struct list_row hdr;
	size_t i;
	int rv;

	if ((rv = csv_next_rec(l, &hdr)) > 0 && l->book == NULL &&
	    o->column == NULL && header_after_title(l, &hdr) < 0) {
		list_row_free(&hdr);
		rv = -1;
	}
	if (rv <= 0) {
		*err = rv < 0 && l->book_err != NULL ? xstrdup(l->book_err) :
		    rv < 0 ? xasprintf("cannot read the input: %s",
		    syserr_text(errno)) : xstrdup("the input is empty");
		return -1;
	}
	if (hdr.toolong) {
		list_row_free(&hdr);
		*err = xasprintf("the CSV header is longer than %d bytes",
		    LISTIN_RECORD_MAX);
		return -1;
	}
	for (i = 0; i < hdr.n; i++)
		strlist_add(&l->header, hdr.fields[i]);
	list_row_free(&hdr);
	name_columns(&l->header);
	return find_column(l, o->column, err);
}

/* Is this workbook row the header?  The CSV's test, or --column's name. */
static bool
book_is_header(void *arg, const struct list_row *r)
{
	const char *column = arg;
	size_t i;

	if (column != NULL && *column != '\0' &&
	    strspn(column, "0123456789") == strlen(column))
		return true;	/* --column N: the first row with cells */
	for (i = 0; i < r->n; i++)
		if (column == NULL ?
		    listin_is_email_header(r->fields[i], r->lens[i]) :
		    utf8_same_label(r->fields[i], r->lens[i], column))
			return true;
	return false;
}

/*
 * An Excel workbook: hashed whole (the hash names the input for --resume),
 * its rows read as CSV records are, in UTF-8 whatever --encoding says (a
 * workbook's XML declares its own).
 */
static int
book_open(struct listin *l, const struct listin_opts *o, char **err)
{
	const char *unread = NULL;

	while (!l->raw_eof) {
		l->rlen = l->rpos = 0;
		if (raw_fill(l) < 0) {
			*err = xasprintf("cannot read the input: %s",
			    syserr_text(errno));
			return -1;
		}
	}
	l->rlen = l->rpos = 0;
	snprintf(l->encoding, sizeof(l->encoding), "UTF-8");
	l->how = ENCODING_SURE;
	l->fmt = LISTIN_CSV;
	if ((l->book = xlsx_open(l->f, o->sheet, book_is_header,
	    (void *)o->column, err)) == NULL)
		return -1;
	l->sheet = xstrdup(xlsx_sheet_name(l->book));
	l->sheet_given = o->sheet != NULL;
	/* --column N reads the first sheet by choice: no header to compare */
	if (o->column == NULL || strspn(o->column, "0123456789") !=
	    strlen(o->column)) {
		l->nunread = xlsx_unread_sheets(l->book, &unread);
		if (unread != NULL)
			l->unread = xstrdup(unread);
	}
	return header_read(l, o, err);
}

/*
 * Why: "--sheet 2" and "--sheet Customers" may name one sheet, as may a
 * name typed in another case: a --resume must not refuse records of the
 * sheet it would read.  Do a and b name one sheet of the workbook in f
 * (left at its start)?
 */
bool
listin_same_sheet(FILE *f, const char *a, const char *b)
{
	const char *want[2] = { a, b };
	char *name[2] = { NULL, NULL }, *err;
	struct xlsx *x;
	bool same;
	int i;

	for (i = 0; i < 2; i++) {
		rewind(f);
		if ((x = xlsx_open(f, want[i], book_is_header, NULL,
		    &err)) == NULL) {
			free(err);
			break;
		}
		name[i] = xstrdup(xlsx_sheet_name(x));
		xlsx_close(x);
	}
	rewind(f);
	same = name[0] != NULL && name[1] != NULL &&
	    strcmp(name[0], name[1]) == 0;
	free(name[0]);
	free(name[1]);
	return same;
}

struct listin *
listin_open(FILE *f, const struct listin_opts *o, char **err)
{
	static const struct listin_opts none = { NULL, NULL, NULL, NULL };
	struct listin *l = xcalloc(1, sizeof(*l));
	int rv;

	*err = NULL;
	if (o == NULL)
		o = &none;
	l->f = f;
	l->spool = o->spool;
	if ((l->sha = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(l->sha, EVP_sha256(), NULL) != 1)
		fatalx("%s: SHA-256 unavailable", __func__);
	if (raw_fill(l) < 0) {
		*err = xasprintf("cannot read the input: %s", syserr_text(errno));
		goto fail;
	}
	if (listin_is_zip(l)) {
		if (book_open(l, o, err) < 0)
			goto fail;
		return l;
	}
	if (choose_encoding(l, o->encoding, err) < 0)
		goto fail;
	if ((rv = fill(l)) < 0) {
		*err = xasprintf("cannot read the input: %s", syserr_text(errno));
		goto fail;
	}
	if (l->clen >= 3 && memcmp(l->chunk, "\xef\xbb\xbf", 3) == 0)
		l->cpos = 3;
	if (rv == 0 || (l->raw_eof && l->rpos == l->rlen &&
	    only_space(l->chunk + l->cpos, l->clen - l->cpos))) {
		*err = xstrdup("the input is empty");
		goto fail;
	}
	detect(l, o);
	if (l->fmt == LISTIN_PLAIN) {
		l->line = xmalloc(LISTIN_RECORD_MAX + 1);
		strlist_add(&l->header, "address");
		return l;
	}
	csv_start(l);
	if (header_read(l, o, err) < 0)
		goto fail;
	return l;
 fail:
	listin_close(l);
	return NULL;
}

/* --- plain ----------------------------------------------------------- */

/* The next line into l->line: 1, 0 at the end, -1 on a read error. */
static int
plain_next_line(struct listin *l)
{
	const char *p, *nl;
	size_t n, take;
	int rv;

	l->linelen = 0;
	l->line_long = false;
	for (;;) {
		if (l->cpos >= l->clen) {
			if ((rv = fill(l)) < 0)
				return -1;
			if (rv == 0) {
				if (l->linelen == 0 && !l->line_long)
					return 0;
				break;
			}
		}
		p = l->chunk + l->cpos;
		n = l->clen - l->cpos;
		nl = memchr(p, '\n', n);
		take = nl ? (size_t)(nl - p) : n;
		if (l->linelen + take > LISTIN_RECORD_MAX)
			l->line_long = true;
		else {
			memcpy(l->line + l->linelen, p, take);
			l->linelen += take;
		}
		l->cpos += take;
		if (nl != NULL) {
			l->cpos++;
			break;
		}
	}
	l->lineno++;
	l->line[l->linelen] = '\0';
	return 1;
}

static int
plain_next(struct listin *l, struct listin_row *row)
{
	const char *s;
	size_t n;
	int rv;

	for (;;) {
		if ((rv = plain_next_line(l)) <= 0)
			return rv;
		memset(row, 0, sizeof(*row));
		row->row = l->lineno;
		if (l->line_long) {
			row->addr = "";
			row->error = LINE_LONG;
			return 1;
		}
		s = l->line;
		n = l->linelen;
		utf8_trim_blanks(&s, &n);
		if (n == 0 || s[0] == '#')
			continue;
		free(l->addrbuf);
		l->addrbuf = xmalloc(n + 1);
		memcpy(l->addrbuf, s, n);	/* NULs kept: the parser rejects them */
		l->addrbuf[n] = '\0';
		row->addr = l->addrbuf;
		row->addrlen = n;
		return 1;
	}
}

/*
 * Why: a spreadsheet saves a row it shows empty as ",,," (or tabs), not as
 * an empty line; such a row is the blank line of a plain list, skipped,
 * not an address missing from a customer's row.
 */
static bool
rec_blank(const struct list_row *r)
{
	const char *s;
	size_t i, n;

	if (r->toolong)
		return false;
	for (i = 0; i < r->n; i++) {
		s = r->fields[i];
		n = r->lens[i];
		utf8_trim_blanks(&s, &n);
		if (n > 0)
			return false;
	}
	return true;
}

/* The record in l->out as the row handed out (its cells borrowed). */
static int
csv_row(struct listin *l, struct listin_row *row)
{
	const char *s;
	size_t n;

	memset(row, 0, sizeof(*row));
	row->row = l->out.row;
	row->addr = "";
	if (l->out.toolong) {
		row->error = RECORD_LONG;
		return 1;
	}
	row->nfields = l->out.n;
	row->fields = l->out.fields;
	row->lens = l->out.lens;
	if (l->addrcol >= l->out.n)
		return 1;
	s = l->out.fields[l->addrcol];
	n = l->out.lens[l->addrcol];
	utf8_trim_blanks(&s, &n);
	free(l->addrbuf);
	l->addrbuf = xmalloc(n + 1);
	memcpy(l->addrbuf, s, n);
	l->addrbuf[n] = '\0';
	row->addr = l->addrbuf;
	row->addrlen = n;
	return 1;
}

static int
csv_next(struct listin *l, struct listin_row *row)
{
	int rv;

	do {
		list_row_free(&l->out);
		if ((rv = csv_next_rec(l, &l->out)) <= 0)
			return rv;
	} while (rec_blank(&l->out));
	if (l->spool != NULL && rowspool_put(l->spool, &l->out) < 0) {
		l->spool_errno = errno != 0 ? errno : EIO;
		return -1;
	}
	return csv_row(l, row);
}

/* A plain row kept: its address the one cell, or too long. */
static int
plain_spool(struct listin *l, const struct listin_row *row)
{
	char *cell = (char *)row->addr;
	size_t len = row->addrlen;
	struct list_row r = { row->row, &cell, &len, 1, row->error != NULL };

	return rowspool_put(l->spool, &r);
}

/* The next row kept in the spool, handed out as it was the first time. */
static int
replay_next(struct listin *l, struct listin_row *row)
{
	int rv;

	list_row_free(&l->out);
	if ((rv = rowspool_get(l->spool, &l->out)) <= 0)
		return rv;
	if (l->fmt == LISTIN_CSV)
		return csv_row(l, row);
	memset(row, 0, sizeof(*row));
	row->row = l->out.row;
	row->addr = "";
	if (l->out.toolong)
		row->error = LINE_LONG;
	else if (l->out.n != 1) {
		errno = EIO;
		return -1;
	} else {
		row->addr = l->out.fields[0];
		row->addrlen = l->out.lens[0];
	}
	return 1;
}

/*
 * The input read to its end with a spool: what only reading it needed
 * goes (the workbook and its shared strings), the rows are in the spool.
 */
static void
spool_done(struct listin *l)
{
	xlsx_close(l->book);
	l->book = NULL;
	l->spooled = true;
}

int
listin_next(struct listin *l, struct listin_row *row)
{
	int rv;

	if (l->replay)
		return replay_next(l, row);
	if (l->book_err != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (l->error) {
		errno = EIO;
		return -1;
	}
	rv = l->fmt == LISTIN_PLAIN ? plain_next(l, row) : csv_next(l, row);
	if (rv > 0 && l->spool != NULL && l->fmt == LISTIN_PLAIN &&
	    plain_spool(l, row) < 0) {
		l->spool_errno = errno != 0 ? errno : EIO;
		rv = -1;
	}
	/* the rows still buffered: a full disk is found now, not as
	 * rows missing when they are read back */
	if (rv == 0 && l->spool != NULL && fflush(l->spool) != 0) {
		l->spool_errno = errno != 0 ? errno : EIO;
		rv = -1;
	}
	if (rv < 0 && l->book_err == NULL)
		l->error = true;
	if (rv == 0 && l->spool != NULL)
		spool_done(l);
	return rv;
}

int
listin_rewind(struct listin *l)
{
	if (l->spool == NULL || !l->spooled)
		fatalx("%s: the rows were not all read into a spool", __func__);
	list_row_free(&l->out);
	if (fseeko(l->spool, 0, SEEK_SET) != 0)
		return -1;
	l->replay = true;
	return 0;
}

const char *
listin_error(const struct listin *l)
{
	return l->book_err;
}

int
listin_spool_errno(const struct listin *l)
{
	return l->spool_errno;
}

const char *
listin_sheet(const struct listin *l)
{
	return l->sheet;
}

size_t
listin_unread_sheets(const struct listin *l, const char **first)
{
	*first = l->unread;
	return l->nunread;
}

enum listin_format
listin_format(const struct listin *l)
{
	return l->fmt;
}

size_t
listin_ncolumns(const struct listin *l)
{
	return l->header.n;
}

const char *
listin_column(const struct listin *l, size_t i)
{
	return i < l->header.n ? l->header.v[i] : NULL;
}

size_t
listin_addr_column(const struct listin *l)
{
	return l->addrcol;
}

void
listin_sha256(struct listin *l, unsigned char out[32])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int n = 32;

	if (c == NULL || EVP_MD_CTX_copy_ex(c, l->sha) != 1 ||
	    EVP_DigestFinal_ex(c, out, &n) != 1)
		fatalx("%s: SHA-256 failed", __func__);
	EVP_MD_CTX_free(c);
}

/* Why: verify's advice about records already there (may --resume continue
 * them?) is given before the rows are read; the same bytes hashed the
 * same way as listin_sha256 does. */
int
listin_file_sha256(FILE *f, char hex[65])
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *c;
	size_t n;
	int rv = -1;

	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
		fatalx("%s: SHA-256 unavailable", __func__);
	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (EVP_DigestUpdate(c, buf, n) != 1)
			fatalx("%s: EVP_DigestUpdate", __func__);
	if (!ferror(f) && EVP_DigestFinal_ex(c, md, &mdlen) == 1 &&
	    mdlen == 32) {
		hex_text(hex, md, mdlen);
		rv = 0;
	}
	EVP_MD_CTX_free(c);
	rewind(f);
	return rv;
}

/* Why: --sheet names a sheet of a workbook; given with a CSV or text
 * list it is a mistake of the command line, told before anything is read. */
bool
listin_file_is_workbook(FILE *f)
{
	unsigned char b[4];
	size_t n;

	rewind(f);
	n = fread(b, 1, sizeof(b), f);
	rewind(f);
	return zip_bytes(b, n);
}

unsigned long long
listin_bytes(const struct listin *l)
{
	return l->nbytes;
}

const char *
listin_encoding(const struct listin *l, enum encoding_how *how)
{
	if (how != NULL)
		*how = l->how;
	return l->encoding;
}

unsigned long
listin_replaced(const struct listin *l)
{
	return l->conv != NULL ? encoding_replaced(l->conv) : 0;
}

void
listin_close(struct listin *l)
{
	if (l == NULL)
		return;
	if (l->csv_live)
		csv_free(&l->csv);
	xlsx_close(l->book);
	free(l->sheet);
	free(l->unread);
	list_row_free(&l->cur);
	list_row_free(&l->out);
	row_queue_free(&l->q);
	strlist_free(&l->header);
	EVP_MD_CTX_free(l->sha);
	encoding_close(l->conv);
	free(l->line);
	free(l->addrbuf);
	free(l);
}
