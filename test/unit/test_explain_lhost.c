/*
 * test_explain_lhost.c - how many of the sending systems' own words about
 * a failed delivery, as Sisimai's bounce-format readers list them
 * (test/explain/sisimai/lhost-messages.tsv, from go-sisimai's
 * lhost/via-*.go, BSD-2), explain files under the reason Sisimai gives
 * them.  Each text is what the reporting MTA wrote itself: one failed
 * recipient, the text as its reply with no remote server behind it (the
 * reply code and enhanced code only when the MTA's own words carry them,
 * as Exchange's "550 5.1.1 RESOLVER.ADR.RecipNotFound" does), in a bounce
 * of the format explain's text reader names that MTA's (formats[]; none
 * for the MTAs it reads otherwise), classified by explain_finish() as
 * every recipient a reader extracts is; its reason is read through
 * docs/sisimai-reasons.tsv.
 *
 * Prints the coverage per MTA and in total (the misses too when
 * LHOST_VERBOSE is set) and fails below the floor reached, so that a cue
 * lost from the tables shows here.  A text listed under more than one
 * reason counts for any of them.
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
#include "explain/extract.h"
#include "sisimap.h"
#include "sisitally.h"
#include "tsvload.h"

#define MESSAGES	"test/explain/sisimai/lhost-messages.tsv"
#define MAXROWS		400
/*
 * Texts explain files under Sisimai's reason.  Not every one can count:
 * IMail's "Delivery failed" and InterScan's "Unable to deliver" head any
 * failure, and some of Sisimai's answers are its own choice against what
 * the text says (Exim's "Too many Received headers" a content error, not
 * a loop; Gmail's "DNS Error: Could not contact DNS servers" expired,
 * not a failed lookup): the list is in the table's header.
 */
#define FLOOR		120

struct row {
	char	mta[24];
	char	reason[24];
	char	text[256];
};

static char	 map[REASON__LAST][32];
static struct row rows[MAXROWS];
static size_t	 nrows;

static void
add_row(char **field, void *arg)
{
	struct row *p;

	(void)arg;
	assert_true(field[0][0] != '\0' && field[1][0] != '\0' &&
	    field[2][0] != '\0');
	assert_true(nrows < MAXROWS);
	p = &rows[nrows++];
	tsvload_copy(p->mta, sizeof(p->mta), field[0]);
	tsvload_copy(p->reason, sizeof(p->reason), field[1]);
	tsvload_copy(p->text, sizeof(p->text), field[2]);
}

static void
load_rows(void)
{
	tsvload(MESSAGES, "mta\tsisimai_reason\ttext", 3, add_row, NULL);
	assert_true(nrows > 100);
}

/*
 * The format (textfmt.c's name) explain's text reader gives the plain-text
 * bounces of each MTA of the table, as it recognises them; NULL for the
 * others (a DSN, or no format of their own).
 */
static const char *
format_of(const char *mta)
{
	static const char *const formats[][2] = {
		{ "Exim", "exim" }, { "qmail", "qmail" },
		{ "Domino", "domino" }, { "Courier", "courier" },
		{ "Exchange2007", "exchange" }, { "KDDI", "kddi" },
		{ "EZweb", "ezweb" }, { "Biglobe", "biglobe" },
		{ "Gmail", "gmail" }, { "GoogleWorkspace", "gmail" },
		{ "OpenSMTPD", "opensmtpd" },
		{ "MessagingServer", "messaging-server" }, { "Notes", "notes" },
		{ "Verizon", "verizon" }, { "DragonFly", "dma" },
		{ "fml", "fml" },
	};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i][0], mta) == 0)
			return formats[i][1];
	return NULL;
}

/* explain's reason for one text, as the reporting MTA's own words. */
static enum reason
explain_text(const char *text, const char *mta)
{
	char enh[ENHANCED_MAX];
	int code;

	extract_reply(text, strlen(text), &code, enh);
	return sisitally_explain(text, code, enh, format_of(mta));
}

/*
 * The Sisimai reason ours maps to is p's, or one the tables also give p's text.
 */
static int
agrees(const struct row *p, const char *ours)
{
	size_t i;

	if (strcmp(p->reason, ours) == 0)
		return 1;
	for (i = 0; i < nrows; i++)
		if (strcmp(rows[i].text, p->text) == 0 &&
		    strcmp(rows[i].reason, ours) == 0)
			return 1;
	return 0;
}

static void
test_lhost_messages(void **state)
{
	struct sisitally t[SISITALLY_MAX];
	size_t i, nt = 0, hit = 0;
	enum reason got;
	int ok, verbose = getenv("LHOST_VERBOSE") != NULL;

	(void)state;
	sisimap_load(map);
	load_rows();
	if (verbose)
		printf(" misses: mta, sisimai reason: text -> explain's reason\n");
	for (i = 0; i < nrows; i++) {
		got = explain_text(rows[i].text, rows[i].mta);
		ok = agrees(&rows[i], map[got]);
		sisitally_count(t, &nt, rows[i].mta, ok);
		if (ok)
			hit++;
		else if (verbose)
			printf("  %s, %s: %s -> %s (%s)\n", rows[i].mta,
			    rows[i].reason, rows[i].text, reason_name(got),
			    map[got]);
	}
	sisitally_print("explain on the MTAs' own words Sisimai recognises ("
	    MESSAGES ")", t, nt, hit, nrows);
	assert_true(hit >= FLOOR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lhost_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
