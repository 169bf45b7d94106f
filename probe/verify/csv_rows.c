/*
 * csv_rows.c - each record's CSV cells, kept in a scratch file as the run
 * goes, so --csv never parses the JSON Lines file again.
 *
 * A record's cells are taken where the record is at hand: from the result
 * when it is written (csv_rows_add_result), from its JSON when --resume
 * reads it back or a duplicate is written from a stored record
 * (csv_rows_add_json; the caller puts the duplicate's "duplicate_of" in
 * that record).  Both give the bytes the JSON holds (server text
 * made valid UTF-8 as the JSON writer does, the reply text cut at
 * CSV_ROWS_TEXT_MAX), so a CSV row is the same whichever way its record
 * came; test_csv_out checks that.  The scratch file (rows_scratch) is
 * unlinked as soon as it is made and holds each field as a 4-byte length
 * and its bytes.  Memory: one
 * offset per input row, plus one per extra address of a multi-address cell.
 *
 * Public: csv_rows_open, csv_rows_add_json, csv_rows_add_result,
 * csv_rows_get, csv_rows_error, csv_rows_close.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/syserr.h"
#include "base/tmpfile.h"
#include "base/utf8.h"
#include "base/util.h"
#include "record/result_json.h"
#include "verify/csv_rows.h"

#define CSV_ROWS_FIELD_MAX	(16u * 1024 * 1024)	/* a field read back */

/* A record of part >= 2 of a row (a cell of several addresses). */
struct csv_part_off {
	unsigned long	 row, part;
	long long	 off;
};

struct csv_rows {
	FILE			*f;		/* owned: the scratch file */
	long long		 end;		/* bytes written */
	long long		*off;		/* owned: [row] part 0 or 1, -1: none */
	unsigned long		 max_row;
	struct csv_part_off	*more;		/* owned */
	size_t			 nmore, capmore;
	bool			 sorted;
	int			 error;		/* first errno */
	char			*buf;		/* owned: the fields last read */
	size_t			 cap;
};

/*
 * Beside the CSV when its folder takes it (a big list's cells may not fit
 * in a memory-backed /tmp), else in $TMPDIR or /tmp (the CSV is a
 * device or FIFO in a folder we may not write).  Unlinked at once.
 */
static FILE *
rows_scratch(const char *csv_path, char **err)
{
	char *tmpl = xasprintf("%s.rows.XXXXXX", csv_path);
	FILE *f = NULL;
	int fd;

	if ((fd = mkstemp(tmpl)) >= 0) {
		unlink(tmpl);
		if ((f = fdopen(fd, "w+")) == NULL)
			close(fd);
	}
	if (f == NULL && (f = tmp_file()) == NULL)
		*err = xasprintf("cannot write %s: %s", tmpl, syserr_text(errno));
	free(tmpl);
	return f;
}

struct csv_rows *
csv_rows_open(const char *csv_path, unsigned long max_row, char **err)
{
	struct csv_rows *r;
	unsigned long i;
	FILE *f;

	if ((f = rows_scratch(csv_path, err)) == NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->f = f;
	r->max_row = max_row;
	r->off = xmalloc((max_row + 1) * sizeof(*r->off));
	for (i = 0; i <= max_row; i++)
		r->off[i] = -1;
	return r;
}

void
csv_rows_close(struct csv_rows *r)
{
	if (r == NULL)
		return;
	fclose(r->f);
	free(r->off);
	free(r->more);
	free(r->buf);
	free(r);
}

int
csv_rows_error(const struct csv_rows *r)
{
	return r->error;
}

static void
rows_index(struct csv_rows *r, unsigned long row, unsigned long part,
    long long off)
{
	if (part <= 1) {
		r->off[row] = off;
		return;
	}
	if (r->nmore == r->capmore) {
		r->capmore = r->capmore ? r->capmore * 2 : 64;
		r->more = xrealloc(r->more, r->capmore * sizeof(*r->more));
	}
	r->more[r->nmore].row = row;
	r->more[r->nmore].part = part;
	r->more[r->nmore++].off = off;
	r->sorted = false;
}

/* Append c's fields and index them under (row, part). */
static void
rows_save(struct csv_rows *r, unsigned long row, unsigned long part,
    const struct csv_rec *c)
{
	uint32_t n;
	size_t i;

	if (r->error || row < 1 || row > r->max_row)
		return;
	if (fseeko(r->f, r->end, SEEK_SET) != 0) {
		r->error = errno;
		return;
	}
	for (i = 0; i < CF__LAST; i++) {
		n = (uint32_t)(c->s[i] != NULL ? c->len[i] : 0);
		if (fwrite(&n, sizeof(n), 1, r->f) != 1 ||
		    (n > 0 && fwrite(c->s[i], 1, n, r->f) != n)) {
			r->error = errno ? errno : EIO;
			return;
		}
	}
	rows_index(r, row, part, r->end);
	r->end = ftello(r->f);
}

static const char *
jstr(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v)) {
		*len = 0;
		return NULL;
	}
	*len = json_string_length(v);
	return json_string_value(v);
}

static void
rec_set(struct csv_rec *c, enum csv_field f, const char *s)
{
	c->s[f] = s;
	c->len[f] = s != NULL ? strlen(s) : 0;
}

void
csv_rows_add_json(struct csv_rows *r, unsigned long row, unsigned long part,
    json_t *rec, enum lang lang)
{
	json_t *reply = json_object_get(rec, "reply"), *a, *m;
	json_t *code = json_object_get(reply, "code");
	json_t *dup = json_object_get(rec, "duplicate_of");
	struct csv_rec c;
	char num[24] = "", dupnum[24] = "", *expl;
	size_t n, len;

	memset(&c, 0, sizeof(c));
	c.s[CF_SUMMARY] = jstr(rec, "summary", &c.len[CF_SUMMARY]);
	c.s[CF_ADDRESS] = jstr(rec, "address", &c.len[CF_ADDRESS]);
	c.s[CF_VERDICT] = jstr(rec, "verdict", &c.len[CF_VERDICT]);
	c.s[CF_STAGE] = jstr(rec, "stage", &c.len[CF_STAGE]);
	c.s[CF_REASON] = jstr(rec, "reason", &c.len[CF_REASON]);
	if (json_is_integer(code))
		snprintf(num, sizeof(num), "%d", (int)json_integer_value(code));
	rec_set(&c, CF_CODE, num);
	c.s[CF_ENHANCED] = jstr(reply, "enhanced", &c.len[CF_ENHANCED]);
	if ((c.s[CF_TEXT] = jstr(reply, "text", &len)) != NULL)
		c.len[CF_TEXT] = utf8_cut(c.s[CF_TEXT], len, CSV_ROWS_TEXT_MAX);
	/* the host that gave the decisive answer: the last attempt's, else
	 * the first MX */
	a = json_object_get(rec, "attempts");
	m = json_object_get(rec, "mx");
	if ((n = json_array_size(a)) > 0)
		c.s[CF_MX] = jstr(json_array_get(a, n - 1), "mx", &c.len[CF_MX]);
	else if (json_array_size(m) > 0)
		c.s[CF_MX] = jstr(json_array_get(m, 0), "host", &c.len[CF_MX]);
	/* a resumed record may be in the first run's language */
	if ((expl = result_json_explain(rec, lang)) != NULL)
		rec_set(&c, CF_EXPLANATION, expl);
	else
		c.s[CF_EXPLANATION] = jstr(rec, "explanation",
		    &c.len[CF_EXPLANATION]);
	c.s[CF_SUGGESTION] = jstr(rec, "suggestion", &c.len[CF_SUGGESTION]);
	rec_set(&c, CF_ROLE, json_is_true(json_object_get(rec, "role")) ?
	    "1" : "");
	rec_set(&c, CF_DISPOSABLE, json_is_true(json_object_get(rec,
	    "disposable")) ? "1" : "");
	if (json_is_integer(dup) && json_integer_value(dup) > 0)
		snprintf(dupnum, sizeof(dupnum), "%lld",
		    (long long)json_integer_value(dup));
	rec_set(&c, CF_DUPLICATE_OF, dupnum);
	rows_save(r, row, part, &c);
	free(expl);
}

/* The same cells, from the result the record was written from. */
void
csv_rows_add_result(struct csv_rows *r, unsigned long row, unsigned long part,
    const struct probe_result *p, enum lang lang)
{
	const struct addr_notes *n = &p->notes;
	struct csv_rec c;
	char num[24] = "", *text = NULL, *expl;
	size_t len;

	memset(&c, 0, sizeof(c));
	rec_set(&c, CF_SUMMARY, summary_name(summary_of(p->verdict,
	    n->disposable, n->suggestion != NULL)));
	rec_set(&c, CF_ADDRESS, p->address);
	rec_set(&c, CF_VERDICT, verdict_name(p->verdict));
	rec_set(&c, CF_STAGE, stage_name(p->stage));
	rec_set(&c, CF_REASON, reason_name(p->reason));
	if (p->has_reply) {
		snprintf(num, sizeof(num), "%d", p->reply.code);
		rec_set(&c, CF_ENHANCED, p->reply.enhanced);
		if (p->reply.text != NULL) {
			text = esc_utf8(p->reply.text, p->reply.textlen, &len);
			c.s[CF_TEXT] = text;
			c.len[CF_TEXT] = utf8_cut(text, len, CSV_ROWS_TEXT_MAX);
		}
	}
	rec_set(&c, CF_CODE, num);
	if (p->nattempts > 0)
		rec_set(&c, CF_MX, p->attempts[p->nattempts - 1].mx);
	else if (p->nmx > 0)
		rec_set(&c, CF_MX, p->mx[0].host);
	expl = result_explain(p, lang);
	rec_set(&c, CF_EXPLANATION, expl);
	rec_set(&c, CF_SUGGESTION, n->suggestion);
	rec_set(&c, CF_ROLE, n->role ? "1" : "");
	rec_set(&c, CF_DISPOSABLE, n->disposable ? "1" : "");
	rec_set(&c, CF_DUPLICATE_OF, "");	/* a result is a probe's own */
	rows_save(r, row, part, &c);
	free(text);
	free(expl);
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

static long long
rows_find(struct csv_rows *r, unsigned long row, unsigned long part)
{
	struct csv_part_off key = { row, part, 0 }, *hit;

	if (row < 1 || row > r->max_row)
		return -1;
	if (part <= 1)
		return r->off[row];
	if (!r->sorted && r->nmore > 0)
		qsort(r->more, r->nmore, sizeof(*r->more), part_cmp);
	r->sorted = true;
	hit = r->nmore ? bsearch(&key, r->more, r->nmore, sizeof(key),
	    part_cmp) : NULL;
	return hit != NULL ? hit->off : -1;
}

int
csv_rows_get(struct csv_rows *r, unsigned long row, unsigned long part,
    struct csv_rec *out)
{
	size_t at[CF__LAST], used = 0, i;
	long long off;
	uint32_t n;

	if (r->error)
		return -1;
	if ((off = rows_find(r, row, part)) < 0)
		return 0;
	if (fseeko(r->f, off, SEEK_SET) != 0)
		goto bad;
	for (i = 0; i < CF__LAST; i++) {
		if (fread(&n, sizeof(n), 1, r->f) != 1 ||
		    n > CSV_ROWS_FIELD_MAX)
			goto bad;
		if (used + n + 1 > r->cap) {
			r->cap = (used + n + 1) * 2;
			r->buf = xrealloc(r->buf, r->cap);
		}
		if (n > 0 && fread(r->buf + used, 1, n, r->f) != n)
			goto bad;
		r->buf[used + n] = '\0';
		at[i] = used;
		out->len[i] = n;
		used += n + 1;
	}
	for (i = 0; i < CF__LAST; i++)
		out->s[i] = r->buf + at[i];
	return 1;
 bad:
	r->error = errno ? errno : EIO;
	return -1;
}
