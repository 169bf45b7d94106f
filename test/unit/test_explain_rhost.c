/*
 * test_explain_rhost.c - how much of what providers document explain
 * reads as Sisimai does: every row of test/explain/sisimai/rhost.tsv (a
 * provider's refusal as go-sisimai's rhost tables list it, BSD-2, LICENSE
 * beside it) and of status.tsv (each enhanced status code alone, as its
 * smtp/status table reads it, printed as provider "status") becomes one
 * failed recipient of a delivery-status report
 * (Status, the Diagnostic-Code "smtp; CODE ENHANCED TEXT", the provider's
 * host as Remote-MTA) and goes through explain_finish(), as a bounce's
 * recipient does; its reason is compared with Sisimai's through
 * docs/sisimai-reasons.tsv.
 *
 * Prints the agreement per provider and in total (the rows that differ
 * with RHOST_VERBOSE set) and asserts the number of rows that agree now,
 * so that a rule lost or broken fails here; a change that reads a row
 * differently on purpose lowers FLOOR_ROWS and says why.
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
#include "explain/dsn.h"
#include "explain/explain.h"
#include "sisimap.h"
#include "sisitally.h"
#include "tsvload.h"

#define ROWS		"test/explain/sisimai/rhost.tsv"
#define STATUS_ROWS	"test/explain/sisimai/status.tsv"
#define FLOOR_ROWS	514	/* rows that agree now: one lost fails */

static char	 map[REASON__LAST][32];

/* The counts per provider and in total; whether the rows that differ print. */
struct run {
	struct sisitally	 t[SISITALLY_MAX];
	size_t			 nt, hit, n;
	int			 verbose;
};

/* Run one row, counting into its provider and into the total. */
static void
run_row(char **f, void *arg)
{
	struct run *run = arg;
	enum reason got;
	int ok;

	got = sisitally_dsn(f[1], STAGE__LAST, f[2], f[3], f[4]);
	ok = strcmp(map[got], f[5]) == 0;
	sisitally_count(run->t, &run->nt, f[0], ok);
	run->n++;
	run->hit += ok;
	if (!ok && run->verbose)
		printf("  %s %s %s %s: expected %s, got %s (%s)\n", f[0],
		    f[2], f[3], f[4], f[5], map[got], reason_name(got));
}

static void
test_rhost(void **state)
{
	static struct run run;

	(void)state;
	run.verbose = getenv("RHOST_VERBOSE") != NULL;
	sisimap_load(map);
	explain_init();
	tsvload(ROWS, NULL, 6, run_row, &run);
	tsvload(STATUS_ROWS, NULL, 6, run_row, &run);
	explain_shutdown();
	sisitally_print("explain on go-sisimai's provider and status tables ("
	    ROWS ", " STATUS_ROWS ")", run.t, run.nt, run.hit, run.n);
	assert_true(run.n > 500);
	assert_true(run.hit >= FLOOR_ROWS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rhost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
