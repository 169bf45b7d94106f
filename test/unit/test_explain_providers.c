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
#define MAXPROV		24
#define FLOOR_ROWS	336	/* rows that agree now: one lost fails */

struct prov {
	char	name[32];
	size_t	rows, agree;
};

static struct prov provs[MAXPROV];
static size_t	 nprovs;

static struct prov *
prov_get(const char *name)
{
	size_t i;

	for (i = 0; i < nprovs; i++)
		if (strcmp(provs[i].name, name) == 0)
			return &provs[i];
	assert_true(nprovs < MAXPROV);
	tsvload_copy(provs[nprovs].name, sizeof(provs[nprovs].name), name);
	return &provs[nprovs++];
}

/* What every row is counted into, and whether the rows that differ print. */
struct run {
	struct prov	*total;
	int		 verbose;
};

/* Run one row, counting into its provider and into the total. */
static void
run_row(char **f, void *arg)
{
	struct run *run = arg;
	struct prov *p;
	enum reason got;
	int stage = STAGE__LAST;

	if (strcmp(f[2], "-") != 0)
		assert_true((stage = stage_from_name(f[2])) >= 0);
	assert_true(reason_from_name(f[6]) >= 0);
	assert_true(strncmp(f[7], "https://", 8) == 0);
	got = sisitally_dsn(f[1], (enum stage)stage, f[3], f[4], f[5]);
	p = prov_get(f[0]);
	p->rows++;
	run->total->rows++;
	if (strcmp(reason_name(got), f[6]) == 0) {
		p->agree++;
		run->total->agree++;
	} else if (run->verbose)
		printf("  %s %s %s %s: expected %s, got %s\n", f[0], f[3],
		    f[4], f[5], f[6], reason_name(got));
}

static void
test_providers(void **state)
{
	struct prov total = { "total", 0, 0 };
	struct run run = { &total, getenv("PROVIDERS_VERBOSE") != NULL };
	size_t i;

	(void)state;
	explain_init();
	tsvload(ROWS, HEADER, 8, run_row, &run);
	explain_shutdown();
	printf("explain on the providers' documented texts (%s)\n", ROWS);
	for (i = 0; i < nprovs; i++)
		printf("  %-12s %3zu / %-3zu %5.1f %%\n", provs[i].name,
		    provs[i].agree, provs[i].rows,
		    100.0 * (double)provs[i].agree / (double)provs[i].rows);
	printf("  %-12s %3zu / %-3zu %5.1f %%\n", total.name, total.agree,
	    total.rows, 100.0 * (double)total.agree / (double)total.rows);
	assert_true(total.rows > 200);
	assert_true(total.agree >= FLOOR_ROWS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
