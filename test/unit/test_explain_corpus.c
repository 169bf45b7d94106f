/*
 * test_explain_corpus.c - mxtrace explain measured on Sisimai's public
 * corpus (test/explain/sisimai/, BSD-2, LICENSE beside it): for every file,
 * whether a recipient was found (parsed); for every expected row
 * (expected.tsv, from go-sisimai's own tests), whether the enhanced status
 * and the reason agree, the reason read through docs/sisimai-reasons.tsv.
 * Prints the counts of the rules' training part and the confusion of
 * reasons (expected -> ours) on its rows.  The held-out part (every 5th
 * file in name order, kept out of sight while writing rules: once, in
 * session 37, its misses were printed, see docs/performance.md) is measured
 * and its floors asserted on every run, but its figures (and those of all
 * files, which would give them away) are printed only when CORPUS_HELDOUT
 * is set, as scripts/check sets it: whoever writes rules with make check
 * does not see them.
 *
 * The floors asserted are below the figures reached, so that a change that
 * makes the parser worse fails here; the figures themselves are printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "explain/explain.h"
#include "explain/source.h"
#include "sisimap.h"
#include "tsvload.h"

#define CORPUS		"test/explain/sisimai"
#define EXPECTED	CORPUS "/expected.tsv"
#define MAXROWS		1000
#define MAXPAIRS	400
#define MSGS_MAX	16	/* records kept of one corpus file (a forward of bounces gives one each) */

struct row {
	char	file[128];
	int	index;
	char	status[16];
	char	reason[32];
};

struct tally {
	size_t	files, parsed, rows, status_eq, status_real, status_real_eq,
		reason_eq, filtered_unknown;
};

struct pair {
	char	expected[32];
	char	got[32];
	size_t	n;
	size_t	held;
};

static char	 map[REASON__LAST][32];
static struct row rows[MAXROWS];
static size_t	 nrows;
static struct pair pairs[MAXPAIRS];
static size_t	 npairs;

/* One expected row: file, recipient index, status (or none), reason. */
static void
add_row(char **field, void *arg)
{
	struct row *x;
	char *end;
	long index;

	(void)arg;
	assert_true(nrows < MAXROWS);
	x = &rows[nrows++];
	tsvload_copy(x->file, sizeof(x->file), field[0]);
	index = strtol(field[1], &end, 10);
	if (end == field[1] || *end != '\0' || index < 1 || index > 1000)
		fail_msg("%s: %s: bad recipient index %s", EXPECTED, field[0],
		    field[1]);
	x->index = (int)index;
	/* the status may be empty or no status code: none */
	if (strchr(field[2], '.') != NULL)
		tsvload_copy(x->status, sizeof(x->status), field[2]);
	else
		x->status[0] = '\0';
	assert_true(field[4][0] != '\0');
	tsvload_copy(x->reason, sizeof(x->reason), field[4]);
}

static void
load_rows(void)
{
	tsvload(EXPECTED, "file\tindex\tstatus\treplycode\treason", 7,
	    add_row, NULL);
	assert_true(nrows > 400);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
confuse(const char *expected, const char *got, int held)
{
	size_t i;

	for (i = 0; i < npairs; i++)
		if (strcmp(pairs[i].expected, expected) == 0 &&
		    strcmp(pairs[i].got, got) == 0)
			break;
	if (i == npairs) {
		if (npairs == MAXPAIRS)
			return;
		snprintf(pairs[i].expected, sizeof(pairs[i].expected), "%s",
		    expected);
		snprintf(pairs[i].got, sizeof(pairs[i].got), "%s", got);
		npairs++;
	}
	pairs[i].n++;
	pairs[i].held += held;
}

/* The confusion of the training part alone: the held-out rows taken out. */
static void
confuse_training_only(void)
{
	size_t i;

	for (i = 0; i < npairs; i++) {
		pairs[i].n -= pairs[i].held;
		pairs[i].held = 0;
	}
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->expected, y->expected);

	if (c != 0)
		return c;
	return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->got, y->got);
}

/* An invented Sisimai status (X.0.9xx) agrees when the class agrees. */
static int
status_agrees(const char *expected, const char *ours)
{
	if (strncmp(expected + 1, ".0.9", 4) == 0)
		return ours[0] == expected[0] || ours[0] == '\0';
	return strcmp(expected, ours) == 0;
}

static void
pct(const char *what, size_t a, size_t b)
{
	printf("  %-34s %4zu / %-4zu %5.1f %%\n", what, a, b,
	    b ? 100.0 * (double)a / (double)b : 0.0);
}

static void
print_tally(const char *name, const struct tally *t)
{
	printf(" %s\n", name);
	pct("files parsed (a recipient found)", t->parsed, t->files);
	pct("status equal (all rows)", t->status_eq, t->rows);
	pct("status equal (rows with a real code)", t->status_real_eq,
	    t->status_real);
	pct("reason equal (through the table)", t->reason_eq, t->rows);
	printf("  %-34s %4zu rows (Sisimai: filtered)\n",
	    "known: user unknown, no command", t->filtered_unknown);
}

static void
test_corpus(void **state)
{
	struct tally all = { 0 }, train = { 0 }, held = { 0 }, *t;
	struct explain_result r[MSGS_MAX];
	struct explain_records rs;
	struct strlist files = { 0 };
	struct source *src;
	GMimeMessage *msg;
	const char *name, *ours;
	struct explain_rcpt *x;
	char path[512], *err, cmd[600], line[512];
	size_t i, j, k, index, fi, nmsg, m, nth;
	int got, h, parsed, show_held = getenv("CORPUS_HELDOUT") != NULL;
	FILE *ls;

	(void)state;
	sisimap_load(map);
	load_rows();
	snprintf(cmd, sizeof(cmd), "ls %s", CORPUS);
	assert_non_null(ls = popen(cmd, "r"));
	while (fgets(line, sizeof(line), ls) != NULL)
		if (strstr(line, ".eml") != NULL) {
			line[strcspn(line, "\n")] = '\0';
			strlist_add(&files, line);
		}
	pclose(ls);
	qsort(files.v, files.n, sizeof(char *), cmp_str);
	assert_int_equal(files.n, 406);
	explain_init();
	for (fi = 0; fi < files.n; fi++) {
		h = fi % 5 == 4;
		snprintf(path, sizeof(path), "%s/%s", CORPUS, files.v[fi]);
		/* an mbox's recipients are numbered across its messages (and
		 * a forward's across its bounces) */
		assert_non_null(src = source_open(path, &err));
		for (nmsg = 0; nmsg < MSGS_MAX && (got = source_next(src, &msg,
		    &name, &index, &err)) == 1; ) {
			explain_message(msg, &rs);
			g_object_unref(msg);
			for (j = 0; j < rs.n; j++)
				if (nmsg < MSGS_MAX)
					r[nmsg++] = rs.r[j];
				else
					explain_result_free(&rs.r[j]);
			free(rs.r);
		}
		source_close(src);
		assert_true(nmsg >= 1);
		parsed = 0;
		for (m = 0; m < nmsg; m++)
			for (k = 0; k < r[m].nrcpts; k++)
				if (r[m].rcpts[k].address != NULL)
					parsed = 1;
		for (t = h ? &held : &train; t != NULL;
		    t = t == &all ? NULL : &all) {
			t->files++;
			t->parsed += parsed;
		}
		if (!parsed && getenv("CORPUS_VERBOSE") != NULL && !h)
			printf("  not parsed: %s (%s)\n", files.v[fi],
			    explain_kind_name(r[0].kind));
		for (i = 0; i < nrows; i++) {
			if (strcmp(rows[i].file, files.v[fi]) != 0)
				continue;
			x = NULL;
			for (m = 0, nth = (size_t)rows[i].index; x == NULL &&
			    m < nmsg && rows[i].index >= 1; m++)
				if (nth <= r[m].nrcpts)
					x = &r[m].rcpts[nth - 1];
				else
					nth -= r[m].nrcpts;
			/* Sisimai names a delay by what holds it up */
			ours = x == NULL ? "(none)" : map[x->reason ==
			    REASON_DELAYED && x->delay_reason != REASON__LAST ?
			    x->delay_reason : x->reason];
			for (t = h ? &held : &train; t != NULL;
			    t = t == &all ? NULL : &all) {
				t->rows++;
				if (rows[i].status[0] != '\0' &&
				    strncmp(rows[i].status + 1, ".0.9", 4) != 0)
					t->status_real++;
				if (x != NULL && status_agrees(rows[i].status,
				    x->enhanced)) {
					t->status_eq++;
					if (rows[i].status[0] != '\0' &&
					    strncmp(rows[i].status + 1, ".0.9",
					    4) != 0)
						t->status_real_eq++;
				}
				if (strcmp(ours, rows[i].reason) == 0)
					t->reason_eq++;
				/*
				 * The documented disagreement: Sisimai files a
				 * "user unknown" that names no command as
				 * filtered; mxtrace says the mailbox does
				 * not exist (docs/performance.md).
				 */
				if (x != NULL && !x->stage_said &&
				    x->reason == REASON_MAILBOX_UNKNOWN &&
				    strcmp(rows[i].reason, "filtered") == 0)
					t->filtered_unknown++;
			}
			confuse(rows[i].reason, ours, h);
			if (getenv("CORPUS_VERBOSE") != NULL && !h &&
			    (strcmp(ours, rows[i].reason) != 0 || x == NULL ||
			    !status_agrees(rows[i].status, x->enhanced)))
				printf("  %s#%d: expected %s %s, got %s %s%s (%s)\n",
				    files.v[fi], rows[i].index, rows[i].reason,
				    rows[i].status, ours, x ? x->enhanced : "",
				    x == NULL || status_agrees(rows[i].status,
				    x->enhanced) ? "" : " [status differs]",
				    x && x->text ? x->text : "");
		}
		for (m = 0; m < nmsg; m++)
			explain_result_free(&r[m]);
	}
	printf("explain on Sisimai's corpus (%zu files, %zu expected rows)\n",
	    all.files, all.rows);
	if (show_held)
		print_tally("all files", &all);
	print_tally("training part (4 files in 5)", &train);
	if (show_held)
		print_tally("held-out part (every 5th file, kept out of sight "
		    "while writing rules)", &held);
	else {
		printf(" held-out part (every 5th file): floors asserted, "
		    "figures printed with CORPUS_HELDOUT=1 (scripts/check)\n");
		confuse_training_only();
	}
	qsort(pairs, npairs, sizeof(pairs[0]), cmp_pair);
	printf(" confusion of reasons, expected -> ours: rows%s\n", show_held ?
	    " (held-out rows)" : " of the training part");
	for (i = 0; i < npairs; i++) {
		if (pairs[i].n == 0)
			continue;
		printf("  %-16s -> %-16s %3zu", pairs[i].expected,
		    pairs[i].got, pairs[i].n);
		if (show_held)
			printf(" (%zu)", pairs[i].held);
		printf("%s\n", strcmp(pairs[i].expected, pairs[i].got) == 0 ?
		    "" : "  x");
	}
	strlist_free(&files);
	explain_shutdown();
	/*
	 * floors: a regression fails here (the figures above are the measure);
	 * all rows' reason agreement at the aim, 90 %
	 */
	assert_true(all.parsed * 100 >= all.files * 99);
	assert_true(all.status_eq * 100 >= all.rows * 98);
	assert_true(held.parsed * 100 >= held.files * 98);
	assert_true(held.status_eq * 100 >= held.rows * 95);
	assert_true(all.reason_eq * 100 >= all.rows * 90);
	assert_true(train.reason_eq * 100 >= train.rows * 91);
	assert_true(held.reason_eq * 100 >= held.rows * 78);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
