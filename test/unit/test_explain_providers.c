/*
 * test_explain_providers.c - how explain reads what the providers mxtrace's
 * users meet most (Microsoft 365 and Outlook.com, Gmail, Yahoo and AOL,
 * iCloud, the filtering gateways, NetEase, Tencent, Alibaba Mail, Sohu,
 * Sina, Coremail) document about their own refusals: every
 * row of test/explain/providers/texts.tsv (one documented text, the reason
 * its provider's page gives it read as mxtrace's reason, the page) becomes
 * one failed recipient of a delivery-status report (Status, the
 * Diagnostic-Code "smtp; CODE ENHANCED TEXT", the provider's host as
 * Remote-MTA, the command named if the row names one) and goes through
 * explain_finish(), as a bounce's recipient does: the meaning classifier
 * (meaning/classify.c) that probe and verify use too decides.
 *
 * Prints the agreement per provider and in total (the rows that differ
 * with PROVIDERS_VERBOSE set) and asserts the number of rows that agree
 * now, so that a rule lost or broken fails here; a change that reads a
 * row differently on purpose lowers FLOOR_ROWS and says why.
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
#include "meaning/verdict.h"
#include "sisitally.h"
#include "tsvload.h"

#define ROWS		"test/explain/providers/texts.tsv"
#define HEADER		"provider\thost\tstage\tcode\tenhanced\ttext\treason\tsource"
#define FLOOR_ROWS	336	/* rows that agree now: one lost fails */

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
	int stage = STAGE__LAST, ok;

	if (strcmp(f[2], "-") != 0)
		assert_true((stage = stage_from_name(f[2])) >= 0);
	assert_true(reason_from_name(f[6]) >= 0);
	assert_true(strncmp(f[7], "https://", 8) == 0);
	got = sisitally_dsn(f[1], (enum stage)stage, f[3], f[4], f[5]);
	ok = strcmp(reason_name(got), f[6]) == 0;
	sisitally_count(run->t, &run->nt, f[0], ok);
	run->n++;
	run->hit += ok;
	if (!ok && run->verbose)
		printf("  %s %s %s %s: expected %s, got %s\n", f[0], f[3],
		    f[4], f[5], f[6], reason_name(got));
}

static void
test_providers(void **state)
{
	static struct run run;

	(void)state;
	run.verbose = getenv("PROVIDERS_VERBOSE") != NULL;
	explain_init();
	tsvload(ROWS, HEADER, 8, run_row, &run);
	explain_shutdown();
	sisitally_print("explain on the providers' documented texts ("
	    ROWS ")", run.t, run.nt, run.hit, run.n);
	assert_true(run.n > 200);
	assert_true(run.hit >= FLOOR_ROWS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
