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

#define ROWS		"test/explain/sisimai/rhost.tsv"
#define STATUS_ROWS	"test/explain/sisimai/status.tsv"
#define MAXPROV		32
#define FLOOR_ROWS	493	/* rows that agree now: one lost fails */

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

/*
 * The reason explain gives one row: a recipient of a DSN with the row's
 * Status, Remote-MTA and Diagnostic-Code (the code first unless the text
 * starts with one).
 */
static enum reason
explain_row(const char *host, const char *code, const char *enh,
    const char *text)
{
	struct explain_result r;
	struct explain_rcpt *x;
	char diag[2048];
	enum reason got;

	memset(&r, 0, sizeof(r));
	r.kind = EXPLAIN_FAILURE;
	assert_non_null(x = explain_rcpt_add(&r));
	x->address = xstrdup("rcpt@example.net");
	x->action = ACTION_FAILED;
	x->remote_mta = xstrdup(host);
	assert_true(strlen(enh) < sizeof(x->enhanced));
	memcpy(x->enhanced, enh, strlen(enh) + 1);
	explain_rcpt_stage(x, STAGE__LAST);
	if (text[0] >= '0' && text[0] <= '9' && text[1] >= '0' &&
	    text[1] <= '9' && text[2] >= '0' && text[2] <= '9' &&
	    text[3] == ' ')
		snprintf(diag, sizeof(diag), "smtp; %s", text);
	else
		snprintf(diag, sizeof(diag), "smtp; %s%s%s %s", code,
		    enh[0] != '\0' ? " " : "", enh, text);
	dsn_diagnostic(diag, strlen(diag), x);
	explain_finish(&r);
	got = x->reason;
	explain_result_free(&r);
	return got;
}

/* Split a row into its six tab-separated columns (the enhanced code may be empty). */
static void
split_row(const char *path, char *line, char f[6][512])
{
	char *c = line, *tab;
	size_t n;
	int col;

	for (col = 0; col < 6 && c != NULL; col++) {
		tab = strchr(c, '\t');
		n = tab != NULL ? (size_t)(tab - c) : strlen(c);
		assert_true(n < 512);
		memcpy(f[col], c, n);
		f[col][n] = '\0';
		c = tab != NULL ? tab + 1 : NULL;
	}
	if (col != 6 || c != NULL)
		fail_msg("%s: not 6 columns: %s", path, line);
}

/* Run every row of path, counting into its provider and into *total. */
static void
run_rows(const char *path, struct prov *total, int verbose)
{
	char line[2048], f[6][512];
	FILE *fp;
	struct prov *p;
	enum reason got;

	assert_non_null(fp = fopen(path, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		split_row(path, line, f);
		got = explain_row(f[1], f[2], f[3], f[4]);
		p = prov_get(f[0]);
		p->rows++;
		total->rows++;
		if (strcmp(map[got], f[5]) == 0) {
			p->agree++;
			total->agree++;
		} else if (verbose)
			printf("  %s %s %s %s: expected %s, got %s (%s)\n", f[0],
			    f[2], f[3], f[4], f[5], map[got], reason_name(got));
	}
	fclose(fp);
}

static void
test_rhost(void **state)
{
	struct prov total = { "total", 0, 0 };
	size_t i;

	(void)state;
	sisimap_load(map);
	explain_init();
	run_rows(ROWS, &total, getenv("RHOST_VERBOSE") != NULL);
	run_rows(STATUS_ROWS, &total, getenv("RHOST_VERBOSE") != NULL);
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
