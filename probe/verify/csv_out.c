/*
 * csv_out.c - the CSV a spreadsheet user opens after `mxtrace verify`.
 *
 * Rows finish out of order, and an interrupted run has no record for some
 * addresses, so the CSV is made at the end from the input and the JSON
 * Lines file: the run keeps each record's line offset by row (and part,
 * for a cell of several addresses) as it writes or resumes them
 * (csv_out_index), and the CSV walks the input in order and reads each
 * address's record there, or writes a not_checked row when it has none.  Every cell that came from the input file or a server goes
 * through esc_csv (bytes a spreadsheet cannot show, NUL included, as
 * \xNN; a leading = + - @ TAB would run as a formula) and esc_csv_text (a
 * date- or number-like cell stays text); quoting is libcsv's csv_fwrite.
 * Records are read with JSON_ALLOW_NUL and their strings by length: a
 * reply holding \u0000 is a row like any other.  The file starts with a UTF-8 BOM (so
 * spreadsheets read Chinese text right) and is written to FILE.tmp,
 * fsync'ed and renamed: a crash never leaves half a CSV.
 *
 * Public: csv_out_write, csv_out_check, csv_index_init, csv_index_set,
 * csv_index_free.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <jansson.h>

#include "base/atomic.h"
#include "verify/csv_out.h"
#include "base/escape.h"
#include "base/util.h"

/* Catalogue keys of the columns after the input's. */
static const char *const verdict_cols[] = {
	"csv.verdict", "csv.stage", "csv.reason", "csv.reply_code",
	"csv.enhanced", "csv.reply_text", "csv.mx", "csv.explanation",
	"csv.suggestion", "csv.role", "csv.disposable", NULL,
};

/* Also refuse a directory: its name can be written beside, not renamed onto. */
int
csv_out_check(const char *csv_path, char **err)
{
	struct stat st;

	if (stat(csv_path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("cannot write %s: it is a directory", csv_path);
		return -1;
	}
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
		snprintf(key, sizeof(key), "report.stage.%s", name);
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

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static size_t
jlen(const char *s)
{
	return s ? strlen(s) : 0;
}

/* A record's string by its stored length: it may hold NULs. */
static size_t
jslen(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_length(v) : 0;
}

/* Cut text to at most max bytes without splitting a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* The host that gave the decisive answer: the last attempt's, else the first MX. */
static const char *
record_mx(json_t *rec)
{
	json_t *a = json_object_get(rec, "attempts"), *m;
	size_t n = json_array_size(a);

	if (n > 0)
		return jstr(json_array_get(a, n - 1), "mx");
	m = json_object_get(rec, "mx");
	if (json_array_size(m) > 0)
		return jstr(json_array_get(m, 0), "host");
	return NULL;
}

/* A machine word (or a catalogue phrase) of mxtrace's own: one cell. */
static int
own(FILE *f, const struct csv_out_opts *o, const char *s)
{
	return cell(f, o->delim, false, s, jlen(s), false);
}

static const char *
yes(const struct csv_out_opts *o, json_t *rec, const char *key)
{
	return json_is_true(json_object_get(rec, key)) ?
	    catalog_label(o->lang, "csv.yes") : "";
}

/* The input's cells; the address column shows addr (one address of the cell). */
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
write_record(FILE *f, const struct csv_out_opts *o, json_t *rec,
    const struct csv_out_cols *c, const struct csv_out_row *in)
{
	json_t *reply = json_object_get(rec, "reply");
	json_t *code = json_object_get(reply, "code");
	const char *s;
	char num[16] = "";
	int rv = 0;

	s = word(o, W_SUMMARY, jstr(rec, "summary"));
	rv |= cell(f, o->delim, true, s, jlen(s), false);
	rv |= input_cells(f, o, c, in, jstr(rec, "address"),
	    jslen(rec, "address"));
	rv |= own(f, o, word(o, W_VERDICT, jstr(rec, "verdict")));
	rv |= own(f, o, word(o, W_STAGE, jstr(rec, "stage")));
	rv |= own(f, o, word(o, W_REASON, jstr(rec, "reason")));
	if (json_is_integer(code))
		snprintf(num, sizeof(num), "%d", (int)json_integer_value(code));
	rv |= own(f, o, num);
	rv |= cell(f, o->delim, false, jstr(reply, "enhanced"),
	    jslen(reply, "enhanced"), true);
	s = jstr(reply, "text");
	rv |= cell(f, o->delim, false, s, utf8_cut(s ? s : "",
	    jslen(reply, "text"), CSV_OUT_TEXT_MAX), true);
	s = record_mx(rec);
	rv |= cell(f, o->delim, false, s, jlen(s), true);
	rv |= cell(f, o->delim, false, jstr(rec, "explanation"),
	    jslen(rec, "explanation"), true);
	rv |= cell(f, o->delim, false, jstr(rec, "suggestion"),
	    jslen(rec, "suggestion"), true);
	rv |= own(f, o, yes(o, rec, "role"));
	rv |= own(f, o, yes(o, rec, "disposable"));
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

/* An address the run never reached: said so, never silently missing. */
static int
write_not_checked(FILE *f, const struct csv_out_opts *o,
    const struct csv_out_cols *c, const struct csv_out_row *in,
    const char *addr)
{
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
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

static int
write_header(FILE *f, const struct csv_out_opts *o, const struct csv_out_cols *c)
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

static int
part_cmp(const void *a, const void *b)
{
	const struct csv_part_off *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	return 0;
}

void
csv_index_init(struct csv_out_index *ix, unsigned long max_row)
{
	unsigned long i;

	memset(ix, 0, sizeof(*ix));
	ix->max_row = max_row;
	ix->off = xmalloc((max_row + 1) * sizeof(*ix->off));
	for (i = 0; i <= max_row; i++)
		ix->off[i] = -1;
}

void
csv_index_set(struct csv_out_index *ix, unsigned long row, unsigned long part,
    long long off)
{
	if (row < 1 || row > ix->max_row)
		return;
	if (part <= 1) {
		ix->off[row] = off;
		return;
	}
	if (ix->nmore == ix->capmore) {
		ix->capmore = ix->capmore ? ix->capmore * 2 : 64;
		ix->more = xrealloc(ix->more, ix->capmore * sizeof(*ix->more));
	}
	ix->more[ix->nmore].row = row;
	ix->more[ix->nmore].part = part;
	ix->more[ix->nmore++].off = off;
}

void
csv_index_free(struct csv_out_index *ix)
{
	free(ix->off);
	free(ix->more);
	memset(ix, 0, sizeof(*ix));
}

static long long
index_find(const struct csv_out_index *ix, unsigned long row, unsigned long part)
{
	struct csv_part_off key = { row, part, 0 }, *hit;

	if (row > ix->max_row)
		return -1;
	if (part <= 1)
		return ix->off[row];
	hit = ix->nmore ? bsearch(&key, ix->more, ix->nmore, sizeof(key),
	    part_cmp) : NULL;
	return hit != NULL ? hit->off : -1;
}

/* The record at off, or NULL. */
static json_t *
record_at(FILE *in, long long off, char **line, size_t *cap)
{
	ssize_t n;

	if (off < 0 || fseeko(in, off, SEEK_SET) != 0 ||
	    (n = getline(line, cap, in)) <= 0)
		return NULL;
	return json_loadb(*line, (size_t)n, JSON_ALLOW_NUL, NULL);
}

int
csv_out_write(const char *csv_path, const char *jsonl_path,
    struct csv_out_index *ix, const struct csv_out_cols *c,
    const struct csv_out_opts *o, csv_out_next_fn *next, void *arg,
    char **err)
{
	struct csv_out_row in;
	struct atomic_file af;
	char *line = NULL;
	FILE *jl = NULL, *out = NULL;
	size_t cap = 0, p;
	json_t *rec;
	int rv = -1, w, got;

	*err = NULL;
	if ((jl = fopen(jsonl_path, "r")) == NULL) {
		*err = xasprintf("cannot read %s: %s", jsonl_path, strerror(errno));
		goto out;
	}
	if (ix->nmore > 0)
		qsort(ix->more, ix->nmore, sizeof(*ix->more), part_cmp);
	if ((out = atomic_open(&af, csv_path, err)) == NULL)
		goto out;
	if (write_header(out, o, c) < 0)
		goto ioerr;
	while ((got = next(arg, &in)) > 0) {
		if (in.row > ix->max_row)
			continue;
		for (p = 0; p < in.nparts; p++) {
			rec = record_at(jl, index_find(ix, in.row,
			    in.partnos[p]), &line, &cap);
			w = rec != NULL ? write_record(out, o, rec, c, &in) :
			    write_not_checked(out, o, c, &in, in.parts[p]);
			json_decref(rec);
			if (w < 0)
				goto ioerr;
		}
	}
	if (got < 0) {
		*err = xasprintf("cannot read the input again: %s",
		    strerror(errno));
		atomic_discard(&af);
		goto out;
	}
	rv = atomic_commit(&af, err);
	goto out;
 ioerr:
	*err = xasprintf("cannot write %s: %s", csv_path, strerror(errno));
	atomic_discard(&af);
 out:
	if (jl != NULL)
		fclose(jl);
	free(line);
	return rv;
}
