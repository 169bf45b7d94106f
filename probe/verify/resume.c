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
 * longer than the one that ended it (its own timing.deadline_ms; a record
 * of an mxtrace before it, the last run's from FILE.meta): the limit was
 * the user's, not an answer about the address; its line is taken out of
 * the output (verify_resume_drop, told by its place: each line is decoded
 * once) and its row is left to do.
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

/*
 * Why: FILE.meta holds only the last run's --deadline, so after runs
 * with several (10s, then 1s, then 5s) the records 10s ended were taken
 * for 1s's and probed again under 5s.  A record's own limit is the truth;
 * the meta's is for records written before they said theirs.
 */
static long long
ended_by(const struct vrun *run, const json_t *o)
{
	const json_t *d = json_object_get(json_object_get(o, "timing"),
	    "deadline_ms");

	return json_is_integer(d) && json_integer_value(d) > 0 ?
	    json_integer_value(d) : run->meta_deadline_ms;
}

/* Whether o is a record this --resume probes again instead of keeping:
 * --deadline ended it (*was: that limit) and this run's is longer. */
static bool
retried(const struct vrun *run, const json_t *o, long long *was)
{
	if (verify_record_reason(o) != REASON_DEADLINE)
		return false;
	*was = ended_by(run, o);
	return run->c.deadline_ms > *was;
}

/* Line at (0-based) of the output holds a record to probe again. */
static void
retry_add(struct vrun *run, unsigned long at, long long was)
{
	unsigned long n = run->retried;

	/* room for 2^k lines each time n reaches a power of two */
	if ((n & (n - 1)) == 0)
		run->retry_lines = xrealloc(run->retry_lines,
		    (n ? 2 * n : 1) * sizeof(*run->retry_lines));
	run->retry_lines[n] = at;
	run->retried++;
	if (n == 0 || was < run->retried_lo)
		run->retried_lo = was;
	if (was > run->retried_hi)
		run->retried_hi = was;
}

/*
 * The lines come as verify_resume_line had them (jsonl_begin: each whole
 * line, in order), so the n-th is dropped when the n-th read was marked.
 */
int
verify_resume_drop(void *arg, const char *line, size_t len)
{
	struct vrun *run = arg;
	unsigned long at = run->lines_dropped++;

	(void)line;
	(void)len;
	if (run->drop_next < run->retried &&
	    run->retry_lines[run->drop_next] == at) {
		run->drop_next++;
		return 1;
	}
	return 0;
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
	unsigned long at = run->lines_read++;
	long long was;
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
	if (retried(run, o, &was)) {
		retry_add(run, at, was);
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
		d->groups[verdict_group((enum verdict)verdict,
		    verify_record_reason(o))]++;
	keep_for_dups(run, o, (unsigned long)r, (unsigned long)part);
	json_decref(o);
	return 0;
}
