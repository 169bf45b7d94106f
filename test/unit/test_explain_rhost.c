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
#define MAXPROV		32
#define FLOOR_ROWS	514	/* rows that agree now: one lost fails */

struct prov {
	char	name[32];
	size_t	rows, agree;
};

static char	 map[REASON__LAST][32];
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
	assert_true(strlen(name) < sizeof(provs[nprovs].name));
	memcpy(provs[nprovs].name, name, strlen(name) + 1);
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

	got = sisitally_dsn(f[1], STAGE__LAST, f[2], f[3], f[4]);
	p = prov_get(f[0]);
	p->rows++;
	run->total->rows++;
	if (strcmp(map[got], f[5]) == 0) {
		p->agree++;
		run->total->agree++;
	} else if (run->verbose)
		printf("  %s %s %s %s: expected %s, got %s (%s)\n", f[0],
		    f[2], f[3], f[4], f[5], map[got], reason_name(got));
}

static void
test_rhost(void **state)
{
	struct prov total = { "total", 0, 0 };
	struct run run = { &total, getenv("RHOST_VERBOSE") != NULL };
	size_t i;

	(void)state;
	sisimap_load(map);
	explain_init();
	tsvload(ROWS, NULL, 6, run_row, &run);
	tsvload(STATUS_ROWS, NULL, 6, run_row, &run);
	explain_shutdown();
	printf("explain on go-sisimai's provider and status tables (%s, %s)\n",
	    ROWS, STATUS_ROWS);
	for (i = 0; i < nprovs; i++)
		printf("  %-12s %3zu / %-3zu %5.1f %%\n", provs[i].name,
		    provs[i].agree, provs[i].rows,
		    100.0 * (double)provs[i].agree / (double)provs[i].rows);
	printf("  %-12s %3zu / %-3zu %5.1f %%\n", total.name, total.agree,
	    total.rows, 100.0 * (double)total.agree / (double)total.rows);
	assert_true(total.rows > 500);
	assert_true(total.agree >= FLOOR_ROWS);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rhost),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
