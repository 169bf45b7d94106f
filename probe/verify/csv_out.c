/*
 * csv_out.c - the CSV a spreadsheet user opens after `mxtrace verify`.
 *
 * Rows finish out of order, so the CSV is made at the end from the JSON
 * Lines file: one pass records each row's line offset, a second reads the
 * lines in row order.  Every cell that came from the input file or a
 * server goes through esc_csv_formula (a leading = + - @ TAB CR would run
 * as a formula); quoting is libcsv's csv_fwrite.  The file starts with a
 * UTF-8 BOM (so spreadsheets read Chinese text right) and is written to
 * FILE.tmp, fsync'ed and renamed: a crash never leaves half a CSV.
 *
 * Public: csv_out_write, csv_out_check.
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

static const char *const verdict_cols[] = {
	"verdict", "stage", "reason", "reply_code", "enhanced", "reply_text",
	"mx", "explanation", NULL,
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
cell(FILE *f, bool first, const char *s, size_t len, bool outside)
{
	char *e = NULL;
	int rv;

	if (!first && fputc(',', f) == EOF)
		return -1;
	if (s == NULL) {
		s = "";
		len = 0;
	}
	if (outside) {
		e = esc_csv_formula(s, len);
		s = e;
		len = strlen(e);
	}
	rv = csv_fwrite(f, s, len);
	free(e);
	return rv == 0 ? 0 : -1;
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

static int
write_record(FILE *f, json_t *rec, const struct csv_out_cols *c)
{
	json_t *input = json_object_get(rec, "input");
	json_t *reply = json_object_get(rec, "reply");
	json_t *code = json_object_get(reply, "code");
	const char *s;
	char num[16] = "";
	size_t i;
	int rv = 0;

	for (i = 0; i < c->n; i++) {
		s = i == c->addrcol ? jstr(rec, "address") :
		    jstr(input, c->names[i]);
		rv |= cell(f, i == 0, s, jlen(s), true);
	}
	rv |= cell(f, c->n == 0, jstr(rec, "verdict"), jlen(jstr(rec, "verdict")), false);
	rv |= cell(f, false, jstr(rec, "stage"), jlen(jstr(rec, "stage")), false);
	rv |= cell(f, false, jstr(rec, "reason"), jlen(jstr(rec, "reason")), false);
	if (json_is_integer(code))
		snprintf(num, sizeof(num), "%d", (int)json_integer_value(code));
	rv |= cell(f, false, num, strlen(num), false);
	s = jstr(reply, "enhanced");
	rv |= cell(f, false, s, jlen(s), true);
	s = jstr(reply, "text");
	rv |= cell(f, false, s, utf8_cut(s ? s : "", jlen(s), CSV_OUT_TEXT_MAX), true);
	s = record_mx(rec);
	rv |= cell(f, false, s, jlen(s), true);
	s = jstr(rec, "explanation");
	rv |= cell(f, false, s, jlen(s), true);
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

static int
write_header(FILE *f, const struct csv_out_cols *c)
{
	size_t i;
	int rv = 0;

	if (fputs("\xef\xbb\xbf", f) == EOF)
		return -1;
	for (i = 0; i < c->n; i++)
		rv |= cell(f, i == 0, c->names[i], strlen(c->names[i]), true);
	for (i = 0; verdict_cols[i] != NULL; i++)
		rv |= cell(f, c->n == 0 && i == 0, verdict_cols[i],
		    strlen(verdict_cols[i]), false);
	if (fputs("\r\n", f) == EOF)
		rv = -1;
	return rv;
}

/* Offset of each row's line in the JSONL (-1: none); owned array. */
static long long *
index_rows(FILE *in, unsigned long max_row)
{
	long long *off = xmalloc((max_row + 1) * sizeof(*off));
	char *line = NULL;
	size_t cap = 0;
	long long pos = 0;
	ssize_t n;
	unsigned long i;
	json_t *o, *row;

	for (i = 0; i <= max_row; i++)
		off[i] = -1;
	while ((n = getline(&line, &cap, in)) > 0) {
		if ((o = json_loadb(line, (size_t)n, 0, NULL)) != NULL) {
			row = json_object_get(o, "row");
			if (json_is_integer(row) && json_integer_value(row) >= 1 &&
			    (unsigned long)json_integer_value(row) <= max_row)
				off[json_integer_value(row)] = pos;
			json_decref(o);
		}
		pos += n;
	}
	free(line);
	return off;
}

int
csv_out_write(const char *csv_path, const char *jsonl_path,
    const struct csv_out_cols *c, unsigned long max_row, char **err)
{
	struct atomic_file af;
	char *line = NULL;
	FILE *in = NULL, *out = NULL;
	long long *off = NULL;
	size_t cap = 0;
	unsigned long r;
	ssize_t n;
	json_t *rec;
	int rv = -1;

	*err = NULL;
	if ((in = fopen(jsonl_path, "r")) == NULL) {
		*err = xasprintf("cannot read %s: %s", jsonl_path, strerror(errno));
		goto out;
	}
	off = index_rows(in, max_row);
	if ((out = atomic_open(&af, csv_path, err)) == NULL)
		goto out;
	if (write_header(out, c) < 0)
		goto ioerr;
	for (r = 1; r <= max_row; r++) {
		if (off[r] < 0)
			continue;
		if (fseeko(in, off[r], SEEK_SET) != 0 ||
		    (n = getline(&line, &cap, in)) <= 0)
			continue;
		if ((rec = json_loadb(line, (size_t)n, 0, NULL)) == NULL)
			continue;
		if (write_record(out, rec, c) < 0) {
			json_decref(rec);
			goto ioerr;
		}
		json_decref(rec);
	}
	rv = atomic_commit(&af, err);
	goto out;
 ioerr:
	*err = xasprintf("cannot write %s: %s", csv_path, strerror(errno));
	atomic_discard(&af);
 out:
	if (in != NULL)
		fclose(in);
	free(off);
	free(line);
	return rv;
}
