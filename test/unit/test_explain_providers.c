/*
 * test_explain_providers.c - how explain reads what the providers mxtrace's
 * users meet most (Microsoft 365 and Outlook.com, Gmail, Yahoo and AOL,
 * iCloud, the filtering gateways, NetEase, Tencent, Alibaba Mail, Sohu,
 * Sina, Coremail; and abroad Yandex, Mail.ru, Naver, United Internet,
 * T-Online, Interia, Seznam, GoDaddy, Zoho, Fastmail, Titan, Rackspace)
 * document about their own refusals: every
 * row of test/explain/providers/texts.tsv (one documented text, the reason
 * its provider's page gives it read as mxtrace's reason, the page) becomes
 * one failed recipient of a delivery-status report (Status, the
 * Diagnostic-Code "smtp; CODE ENHANCED TEXT", the provider's host as
 * Remote-MTA, the command named if the row names one) and goes through
 * explain_finish(), as a bounce's recipient does: the meaning classifier
 * (meaning/classify.c) that probe and verify use too decides.
 *
 * The same for the mail servers' own texts, test/explain/mtas/texts.tsv
 * (Postfix, Sendmail, qmail, Exim, OpenSMTPD, dma, Haraka, Courier, and
 * the filters, delivery agents and small servers beside them, Dovecot,
 * Rspamd, postgrey, chasquid, Stalwart ...: one text their source writes,
 * the reason its code means, the source file;
 * Exchange Server and Amazon SES: one their documentation gives), the
 * MTA in place of the provider; a row whose host is "-" is the reporting
 * MTA's own words (no Remote-MTA), one whose code is "-" carries none.
 *
 * Prints the agreement per provider (per MTA) and in total (the rows that
 * differ with PROVIDERS_VERBOSE set) and asserts the number of rows that
 * agree now in each table, so that a rule lost or broken fails here; a
 * change that reads a row differently on purpose lowers the table's floor
 * and says why.
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

#define PROVIDERS	"test/explain/providers/texts.tsv"
#define MTAS		"test/explain/mtas/texts.tsv"
#define COLUMNS		"host\tstage\tcode\tenhanced\ttext\treason\tsource"
#define FLOOR_PROVIDERS	393	/* rows that agree now: one lost fails */
#define FLOOR_MTAS	351	/* 354 rows; the misses: PROVIDERS_VERBOSE */

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
	/* "-": the text carries no enhanced code */
	got = sisitally_dsn(f[1], (enum stage)stage, f[3],
	    strcmp(f[4], "-") == 0 ? "" : f[4], f[5]);
	ok = strcmp(reason_name(got), f[6]) == 0;
	sisitally_count(run->t, &run->nt, f[0], ok);
	run->n++;
	run->hit += ok;
	if (!ok && run->verbose)
		printf("  %s %s %s %s: expected %s, got %s\n", f[0], f[3],
		    f[4], f[5], f[6], reason_name(got));
}

/* Run every row of table path (header its first line), print the counts. */
static void
run_table(struct run *run, const char *path, const char *header,
    const char *title)
{
	memset(run, 0, sizeof(*run));
	run->verbose = getenv("PROVIDERS_VERBOSE") != NULL;
	tsvload(path, header, 8, run_row, run);
	sisitally_print(title, run->t, run->nt, run->hit, run->n);
}

static void
test_providers(void **state)
{
	static struct run run;

	(void)state;
	run_table(&run, PROVIDERS, "provider\t" COLUMNS,
	    "explain on the providers' documented texts (" PROVIDERS ")");
	assert_true(run.n > 200);
	assert_true(run.hit >= FLOOR_PROVIDERS);
}

static void
test_mtas(void **state)
{
	static struct run run;

	(void)state;
	run_table(&run, MTAS, "mta\t" COLUMNS,
	    "explain on the mail servers' own texts (" MTAS ")");
	assert_true(run.n > 100);
	assert_true(run.hit >= FLOOR_MTAS);
}

/* explain's tables, once for both tests: a second explain_init() is not one */
static int
setup(void **state)
{
	(void)state;
	explain_init();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	explain_shutdown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers),
		cmocka_unit_test(test_mtas),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
