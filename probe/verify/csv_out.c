/*
 * csv_out.c - the CSV a spreadsheet user opens after `mxtrace verify`.
 *
 * Rows finish out of order, and an interrupted run has no record for some
 * addresses, so the CSV is made at the end: the run keeps each record's
 * cells as it writes or resumes it (csv_rows.c), and the CSV walks the
 * input again in order and writes each address's row from them, or a
 * not_checked row when it has none.  Every cell that came from the input file
 * or a server goes through esc_csv (bytes a spreadsheet cannot show, NUL
 * included, as \xNN; a leading = + - @ TAB would run as a formula) and
 * esc_csv_text (a date- or number-like cell stays text); quoting is libcsv's
 * csv_fwrite.  Cells are kept with their lengths: a reply holding a NUL is a
 * row like any other.  The file starts with a UTF-8 BOM (so
 * spreadsheets read Chinese text right) and is written to FILE.tmp,
 * fsync'ed and renamed: a crash never leaves half a CSV.
 *
 * Public: csv_out_write, csv_out_check.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "base/atomic.h"
#include "verify/csv_out.h"
#include "verify/csv_rows.h"
#include "base/escape.h"
#include "base/syserr.h"
#include "base/util.h"

/* Catalogue keys of the columns after the input's. */
static const char *const verdict_cols[] = {
	"csv.verdict", "csv.stage", "csv.reason", "csv.reply_code",
	"csv.enhanced", "csv.reply_text", "csv.mx", "csv.explanation",
	"csv.suggestion", "csv.role", "csv.disposable", "csv.duplicate_of",
	NULL,
};

int
csv_out_check(const char *csv_path, char **err)
{
	return atomic_check(csv_path, err);
}

/* One cell; escaped when it came from outside mxtrace. */
static int
cell(FILE *f, char delim, bool first, const char *s, size_t len, bool outside)
{
	char *e = NULL, *t, *u;
	int rv;

	if (!first && fputc(delim, f) == EOF)
		return -1;
	if (s == NULL) {
		s = "";
		len = 0;
	}
	if (outside) {
		u = esc_utf8(s, len, &len);
		e = esc_csv(u, len);
		free(u);
		s = e;
		len = strlen(e);
	}
	if ((t = esc_csv_text(s, len)) != NULL) {
		free(e);
		e = t;
		s = e;
		len = strlen(e);
	}
	rv = csv_fwrite(f, s, len);
	free(e);
	return rv == 0 ? 0 : -1;
}

enum csv_word { W_SUMMARY, W_VERDICT, W_STAGE, W_REASON };

/*
 * A machine word of a record in the CSV's language: English keeps the
 * JSON's names (scripts read them), Chinese shows the catalogue's words.
 * A name mxtrace does not know (a record edited by hand) stays as it is.
 */
static const char *
word(const struct csv_out_opts *o, enum csv_word w, const char *name)
{
	char key[96];
	int v;

	if (o->lang == LANG_EN || name == NULL)
		return name;
	switch (w) {
	case W_VERDICT:
		if ((v = verdict_from_name(name)) < 0)
			return name;
		return catalog_verdict_label(o->lang, (enum verdict)v);
	case W_SUMMARY:
		v = summary_from_name(name);
		snprintf(key, sizeof(key), "summary.%s", name);
		break;
	case W_STAGE:
		v = stage_from_name(name);
		snprintf(key, sizeof(key), "stage.%s", name);
		break;
	case W_REASON:
		v = reason_from_name(name);
		snprintf(key, sizeof(key), "report.reason.%s", name);
		break;
	default:
		fatalx("%s: bad word kind %d", __func__, (int)w);
	}
	return v < 0 ? name : catalog_label(o->lang, key);
}

static size_t
jlen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* A machine word (or a catalogue phrase) of mxtrace's own: one cell. */
static int
own(FILE *f, const struct csv_out_opts *o, const char *s)
{
	return cell(f, o->delim, false, s, jlen(s), false);
}

static const char *
yes(const struct csv_out_opts *o, const struct csv_rec *r, enum csv_field f)
{
	return r->len[f] > 0 ? catalog_label(o->lang, "csv.yes") : "";
}

/*
 * The input's cells; the address column shows addr (one address of the cell).
 */
static int
input_cells(FILE *f, const struct csv_out_opts *o, const struct csv_out_cols *c,
    const struct csv_out_row *in, const char *addr, size_t addrlen)
{
	const char *s;
	size_t i, len;
	int rv = 0;

	for (i = 0; i < c->n; i++) {
		if (i == c->addrcol) {
			s = addr;
			len = addrlen;
		} else if (i < in->nfields) {
			s = in->fields[i];
			len = in->lens[i];
		} else {
			s = "";
			len = 0;
		}
		rv |= cell(f, o->delim, false, s, len, true);
	}
	return rv;
}

static int
write_record(FILE *f, const struct csv_out_opts *o, const struct csv_rec *r,
    const struct csv_out_cols *c, const struct csv_out_row *in)
{
	const char *s;
	int rv = 0;

	s = word(o, W_SUMMARY, r->s[CF_SUMMARY]);
	rv |= cell(f, o->delim, true, s, jlen(s), false);
	rv |= input_cells(f, o, c, in, r->s[CF_ADDRESS], r->len[CF_ADDRESS]);
	rv |= own(f, o, word(o, W_VERDICT, r->s[CF_VERDICT]));
	rv |= own(f, o, word(o, W_STAGE, r->s[CF_STAGE]));
	rv |= own(f, o, word(o, W_REASON, r->s[CF_REASON]));
	rv |= own(f, o, r->s[CF_CODE]);
	rv |= cell(f, o->delim, false, r->s[CF_ENHANCED], r->len[CF_ENHANCED],
	    true);
	rv |= cell(f, o->delim, false, r->s[CF_TEXT], r->len[CF_TEXT], true);
	rv |= cell(f, o->delim, false, r->s[CF_MX], r->len[CF_MX], true);
	rv |= cell(f, o->delim, false, r->s[CF_EXPLANATION],
	    r->len[CF_EXPLANATION], true);
	rv |= cell(f, o->delim, false, r->s[CF_SUGGESTION],
	    r->len[CF_SUGGESTION], true);
	rv |= own(f, o, yes(o, r, CF_ROLE));
	rv |= own(f, o, yes(o, r, CF_DISPOSABLE));
	rv |= own(f, o, r->s[CF_DUPLICATE_OF]);
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

/*
 * An address the run never reached: said so, never silently missing; a
 * repeat of an earlier row says which, as its record will.
 */
static int
write_not_checked(FILE *f, const struct csv_out_opts *o,
    const struct csv_out_cols *c, const struct csv_out_row *in,
    const char *addr, unsigned long dupof)
{
	char num[24] = "";
	int rv = 0, i;

	rv |= cell(f, o->delim, true, word(o, W_SUMMARY, "unknown"),
	    jlen(word(o, W_SUMMARY, "unknown")), false);
	rv |= input_cells(f, o, c, in, addr, jlen(addr));
	rv |= own(f, o, catalog_label(o->lang, "csv.not_checked"));
	rv |= own(f, o, "");
	rv |= own(f, o, catalog_label(o->lang, "csv.interrupted"));
	for (i = 0; i < 4; i++)
		rv |= own(f, o, "");
	rv |= own(f, o, catalog_label(o->lang, "csv.not_checked.interrupted"));
	for (i = 0; i < 3; i++)
		rv |= own(f, o, "");
	if (dupof != 0)
		snprintf(num, sizeof(num), "%lu", dupof);
	rv |= own(f, o, num);
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

static int
write_header(FILE *f, const struct csv_out_opts *o,
    const struct csv_out_cols *c)
{
	size_t i;
	int rv = 0;

	if (fputs("\xef\xbb\xbf", f) == EOF)
		return -1;
	rv |= cell(f, o->delim, true, catalog_label(o->lang, "csv.summary"),
	    strlen(catalog_label(o->lang, "csv.summary")), false);
	for (i = 0; i < c->n; i++)
		rv |= cell(f, o->delim, false, c->names[i], strlen(c->names[i]),
		    true);
	for (i = 0; verdict_cols[i] != NULL; i++)
		rv |= own(f, o, catalog_label(o->lang, verdict_cols[i]));
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

int
csv_out_write(const char *csv_path, struct csv_rows *rows,
    const struct csv_out_cols *c, const struct csv_out_opts *o,
    csv_out_next_fn *next, void *arg, unsigned long max_row, char **err)
{
	struct csv_out_row in;
	struct csv_rec rec;
	struct atomic_file af;
	FILE *out;
	size_t p;
	int w, got;

	*err = NULL;
	if (csv_rows_error(rows) != 0) {
		*err = xasprintf("cannot write %s: %s", csv_path,
		    syserr_text(csv_rows_error(rows)));
		return -1;
	}
	if ((out = atomic_open(&af, csv_path, err)) == NULL)
		return -1;
	if (write_header(out, o, c) < 0)
		goto ioerr;
	while ((got = next(arg, &in)) > 0) {
		if (in.row > max_row)
			continue;
		for (p = 0; p < in.nparts; p++) {
			switch (csv_rows_get(rows, in.row, in.partnos[p], &rec)) {
			case 1:
				w = write_record(out, o, &rec, c, &in);
				break;
			case 0:
				w = write_not_checked(out, o, c, &in,
				    in.parts[p], in.dupofs[p]);
				break;
			default:
				*err = xasprintf("cannot write %s: %s",
				    csv_path,
				    syserr_text(csv_rows_error(rows)));
				atomic_discard(&af);
				return -1;
			}
			if (w < 0)
				goto ioerr;
		}
	}
	if (got < 0) {
		*err = xasprintf("cannot read the input again: %s",
		    syserr_text(errno));
		atomic_discard(&af);
		return -1;
	}
	return atomic_commit(&af, err);
 ioerr:
	*err = xasprintf("cannot write %s: %s", csv_path, syserr_text(errno));
	atomic_discard(&af);
	return -1;
}
