/*
 * resume.c - verify --resume: each record already written, read back.
 * A record marks its (row, part) done, counts in the progress and its
 * domain's tally, gives the CSV its cells (--csv), and, when later rows
 * repeat its address and are not written yet, is kept for them.
 *
 * Each record is decoded whole by jansson, its syntax checked as when it
 * was written: a line jansson refuses refuses the resume.
 *
 * A record --deadline ended is probed again when this run's --deadline is
 * longer than the one of the run that wrote it (retry_deadline_ms): the
 * limit was the user's, not an answer about the address; its line is
 * taken out of the output (verify_resume_drop) and its row is left to do.
 *
 * Public: verify_resume_begin, verify_resume_line, verify_resume_end,
 * verify_resume_drop.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/util.h"
#include "input/address.h"
#include "input/normalize.h"
#include "meaning/verdict.h"
#include "verify/dupkey.h"
#include "verify/run.h"

/*
 * The first record of an address whose duplicate rows are not written
 * yet: kept (without its row's own members, taken off o: the caller is
 * done with it) for them, so they repeat it instead of probing the
 * address again.
 */
static void
keep_for_dups(struct vrun *run, json_t *o, unsigned long row,
    unsigned long part)
{
	const char *addr = json_string_value(json_object_get(o, "address"));
	struct address a;
	struct ventry *e;
	const char *why;

	if (!vsched_rowbit(run->dupfirst, row) ||
	    !json_is_null(json_object_get(o, "duplicate_of")) || addr == NULL ||
	    address_parse(addr, json_string_length(json_object_get(o,
	    "address")), &a, &why) != 0)
		return;
	e = vtab_get(&run->index, dupkey_of(&a));
	address_free(&a);
	if (e == NULL || e->first_row != row || e->first_part != part ||
	    e->dups_left == 0 || e->json != NULL)
		return;
	json_object_del(o, "row");
	json_object_del(o, "part");
	json_object_del(o, "input");
	json_object_del(o, "duplicate_of");
	e->json = json_dumps(o, JSON_COMPACT);
}

static void
mark_first(void *val, void *arg)
{
	const struct ventry *e = val;
	struct vrun *run = arg;

	if (e->dups_left > 0)
		vsched_rowbit_set(run->dupfirst, e->first_row);
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

/* Whether o is a record this --resume probes again instead of keeping. */
static bool
retried(const struct vrun *run, const json_t *o)
{
	return run->retry_deadline_ms > 0 &&
	    verify_record_reason(o) == REASON_DEADLINE;
}

int
verify_resume_drop(void *arg, const char *line, size_t len)
{
	json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
	int rv = o != NULL && retried(arg, o);

	json_decref(o);
	return rv;
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
	json_t *o = json_loadb(line, len, JSON_ALLOW_NUL, NULL);
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
	if (retried(run, o)) {
		run->retried++;
		json_decref(o);
		return 0;
	}
	vsched_done_set(run, (unsigned long)r, (unsigned long)part);
	if (run->csvrows != NULL)
		csv_rows_add_json(run->csvrows, (unsigned long)r,
		    (unsigned long)part, o, run->lang);
	v = json_string_value(json_object_get(o, "verdict"));
	verdict = v ? verdict_from_name(v) : -1;
	progress_count(&run->prog, verdict < 0 ? VERDICT__LAST :
	    (enum verdict)verdict, verify_record_reason(o), true);
	dom = json_string_value(json_object_get(o, "domain"));
	if (dom != NULL && verdict >= 0 &&
	    (d = vtab_get(&run->domains, vtab_key(dom, strlen(dom)))) != NULL)
		d->counts[verdict]++;
	keep_for_dups(run, o, (unsigned long)r, (unsigned long)part);
	json_decref(o);
	return 0;
}
