/*
 * resume.c - verify --resume: each record already written, read back.
 * A record marks its (row, part) done, counts in the progress and its
 * domain's tally, gives the CSV its cells (--csv), and, when later rows
 * repeat its address and are not written yet, is kept for them.
 *
 * Why not json_loadb per record: a million records of ~1 KB took half a
 * minute that way, most of it building members nobody reads.  The record's
 * text is walked by record/jscan.c, which checks its syntax as jansson
 * would and finds the members read here (and the CSV's); only those are
 * decoded.  A text jscan is not sure of is decoded whole by jansson, as
 * before, and one jansson refuses refuses the resume, as before.  The
 * rare record kept for its duplicates is decoded whole.
 *
 * Public: verify_resume_begin, verify_resume_line, verify_resume_end.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/util.h"
#include "input/address.h"
#include "input/normalize.h"
#include "meaning/verdict.h"
#include "record/jscan.h"
#include "verify/csv_rows.h"
#include "verify/dupkey.h"
#include "verify/run.h"

/* What this file reads of a record; the CSV's members after them. */
static const char *const own_members[] = {
	"row", "part", "verdict", "reason", "domain", "duplicate_of", "address",
};
static const char *const csv_members[] = { CSV_ROWS_MEMBERS };

#define OWN_N	(sizeof(own_members) / sizeof(own_members[0]))
#define CSV_N	(sizeof(csv_members) / sizeof(csv_members[0]))

/*
 * The record in line as an object of the members read (whole false), or
 * whole when jscan was not sure (jansson decoded it all); NULL when it is
 * not JSON.  "attempts" holds its last element alone: the CSV reads no
 * other (csv_rows.h).
 */
static json_t *
record_members(const char *line, size_t len, bool csv, bool *whole)
{
	struct jscan_member m[OWN_N + CSV_N];
	size_t n = 0, i, elen;
	const char *ev;
	json_t *o, *v;

	for (i = 0; i < OWN_N; i++)
		m[n++].name = own_members[i];
	for (i = 0; csv && i < CSV_N; i++)
		m[n++].name = csv_members[i];
	if (!jscan_object(line, len, m, n)) {
		*whole = true;
		return json_loadb(line, len, JSON_ALLOW_NUL, NULL);
	}
	*whole = false;
	o = json_object();
	for (i = 0; i < n; i++) {
		if (m[i].val == NULL || json_object_get(o, m[i].name) != NULL)
			continue;
		if (strcmp(m[i].name, "attempts") == 0 &&
		    jscan_last(m[i].val, m[i].len, &ev, &elen)) {
			v = json_array();
			json_array_append_new(v, jscan_value(ev, elen));
		} else
			v = jscan_value(m[i].val, m[i].len);
		if (v == NULL)
			fatalx("%s: jansson refused what jscan took", __func__);
		json_object_set_new(o, m[i].name, v);
	}
	return o;
}

/*
 * The first record of an address whose duplicate rows are not written
 * yet: kept (without its row's own members) for them, so they repeat it
 * instead of probing the address again.
 */
static void
keep_for_dups(struct vrun *run, json_t *o, const char *line, size_t len,
    bool whole, unsigned long row, unsigned long part)
{
	const char *addr = json_string_value(json_object_get(o, "address"));
	struct address a;
	struct ventry *e;
	const char *why;
	json_t *all;

	if (!(run->dupfirst[row / 8] & (1u << (row % 8))) ||
	    !json_is_null(json_object_get(o, "duplicate_of")) || addr == NULL ||
	    address_parse(addr, json_string_length(json_object_get(o,
	    "address")), &a, &why) != 0)
		return;
	e = vtab_get(&run->index, dupkey_of(&a));
	address_free(&a);
	if (e == NULL || e->first_row != row || e->first_part != part ||
	    e->dups_left == 0 || e->json != NULL)
		return;
	all = whole ? json_incref(o) : json_loadb(line, len, JSON_ALLOW_NUL,
	    NULL);
	if (all == NULL)
		fatalx("%s: jansson refused what jscan took", __func__);
	json_object_del(all, "row");
	json_object_del(all, "part");
	json_object_del(all, "input");
	json_object_del(all, "duplicate_of");
	e->json = json_dumps(all, JSON_COMPACT);
	json_decref(all);
}

static void
mark_first(void *val, void *arg)
{
	const struct ventry *e = val;
	struct vrun *run = arg;

	if (e->dups_left > 0)
		run->dupfirst[e->first_row / 8] |=
		    (unsigned char)(1u << (e->first_row % 8));
}

/*
 * Why: a record is kept for its duplicates only when its row holds the
 * first of an address later rows repeat; finding its index entry means
 * parsing its address, which for every record of a million cost more
 * than reading them.  The rows that can be such a first are marked once
 * from pass 1's index (one bit a row, as run->done).
 */
void
verify_resume_begin(struct vrun *run)
{
	run->dupfirst = xcalloc(run->max_row / 8 + 1, 1);
	vtab_each(&run->index, mark_first, run);
}

void
verify_resume_end(struct vrun *run)
{
	free(run->dupfirst);
	run->dupfirst = NULL;
}

int
verify_resume_line(void *arg, const char *line, size_t len)
{
	struct vrun *run = arg;
	bool whole;
	json_t *o = record_members(line, len, run->csvrows != NULL, &whole);
	json_t *row;
	const char *v, *dom;
	struct vdomain *d;
	json_int_t r, part;
	int verdict;

	if (o == NULL)
		return -1;
	row = json_object_get(o, "row");
	if (!json_is_integer(row) || (r = json_integer_value(row)) < 1 ||
	    (unsigned long)r > run->max_row) {
		json_decref(o);
		return -1;
	}
	part = json_integer_value(json_object_get(o, "part"));
	if (part < 0 || part > NORM_ADDRS_MAX) {
		json_decref(o);
		return -1;
	}
	vsched_done_set(run, (unsigned long)r, (unsigned long)part);
	if (run->csvrows != NULL)
		csv_rows_add_json(run->csvrows, (unsigned long)r,
		    (unsigned long)part, o);
	v = json_string_value(json_object_get(o, "verdict"));
	verdict = v ? verdict_from_name(v) : -1;
	progress_count(&run->prog, verdict < 0 ? VERDICT__LAST :
	    (enum verdict)verdict, verify_record_reason(o), true);
	dom = json_string_value(json_object_get(o, "domain"));
	if (dom != NULL && verdict >= 0 &&
	    (d = vtab_get(&run->domains, vtab_key(dom, strlen(dom)))) != NULL)
		d->counts[verdict]++;
	keep_for_dups(run, o, line, len, whole, (unsigned long)r,
	    (unsigned long)part);
	json_decref(o);
	return 0;
}
