/*
 * test_explain_phrases.c - how many of the texts Sisimai itself recognises,
 * reason by reason (test/explain/sisimai/phrases.tsv, from go-sisimai's
 * reason/why-*.go, BSD-2), explain files under the same reason.  Each text
 * is a remote server's reply in a bounce: one failed recipient, the text
 * as its Diagnostic-Code, no command named, classified by
 * explain_finish() as every recipient of a real bounce is; its reason is
 * read through docs/sisimai-reasons.tsv.
 *
 * Prints the coverage per Sisimai reason and in total (the misses too
 * when PHRASES_VERBOSE is set) and fails below the floor reached, so that
 * a cue lost from the tables shows here.  A text go-sisimai lists under
 * more than one reason ("duplicate header", "user not found") counts for
 * any of them.
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
#include "sisimap.h"
#include "sisitally.h"
#include "tsvload.h"

#define PHRASES		"test/explain/sisimai/phrases.tsv"
#define MAXPHRASES	1000
/*
 * Texts explain files under the reason go-sisimai lists them for.  Not
 * every one can count: the pairs phrases.tsv's header lists as refused
 * would read unrelated replies ("Bad recipient address syntax", "<host>
 * not found") as unknown mailboxes.
 */
#define FLOOR		648

struct phrase {
	char	reason[32];
	char	kind[8];
	char	text[256];
};

static char	 map[REASON__LAST][32];
static struct phrase phrases[MAXPHRASES];
static size_t	 nphrases;

static void
add_phrase(char **field, void *arg)
{
	struct phrase *p;

	(void)arg;
	assert_true(field[0][0] != '\0' && field[1][0] != '\0' &&
	    field[2][0] != '\0');
	assert_true(nphrases < MAXPHRASES);
	p = &phrases[nphrases++];
	tsvload_copy(p->reason, sizeof(p->reason), field[0]);
	tsvload_copy(p->kind, sizeof(p->kind), field[1]);
	tsvload_copy(p->text, sizeof(p->text), field[2]);
	assert_true(strcmp(p->kind, "index") == 0 ||
	    strcmp(p->kind, "pair") == 0);
}

static void
load_phrases(void)
{
	tsvload(PHRASES, "sisimai_reason\tkind\ttext", 3, add_phrase, NULL);
	assert_true(nphrases > 600);
}

/*
 * The reply code a text is given: 450 for the reasons Sisimai describes
 * as a temporary refusal of the connection or of its speed (toomanyconn,
 * speeding), 550 for the rest; neither with an enhanced code, so the words
 * alone decide (an enhanced code would choose the reason for many texts
 * whatever they say).  A 4xx that explain cannot name becomes "expired",
 * which is no answer for those two: the code gives no reason away.
 */
static int
code_for(const char *sisimai_reason)
{
	return strcmp(sisimai_reason, "toomanyconn") == 0 ||
	    strcmp(sisimai_reason, "speeding") == 0 ? 450 : 550;
}

/*
 * The Sisimai reason ours maps to is p's, or one go-sisimai also lists p's text
 * for.
 */
static int
agrees(const struct phrase *p, const char *ours)
{
	size_t i;

	if (strcmp(p->reason, ours) == 0)
		return 1;
	for (i = 0; i < nphrases; i++)
		if (strcmp(phrases[i].text, p->text) == 0 &&
		    strcmp(phrases[i].reason, ours) == 0)
			return 1;
	return 0;
}

static void
test_phrases(void **state)
{
	struct sisitally t[SISITALLY_MAX];
	size_t i, nt = 0, hit = 0;
	enum reason got;
	int ok, verbose = getenv("PHRASES_VERBOSE") != NULL;

	(void)state;
	sisimap_load(map);
	load_phrases();
	if (verbose)
		printf(" misses: sisimai reason, kind: text -> explain's reason\n");
	for (i = 0; i < nphrases; i++) {
		got = sisitally_explain(phrases[i].text,
		    code_for(phrases[i].reason), "", NULL);
		ok = agrees(&phrases[i], map[got]);
		sisitally_count(t, &nt, phrases[i].reason, ok);
		if (ok)
			hit++;
		else if (verbose)
			printf("  %s, %s: %s -> %s (%s)\n", phrases[i].reason,
			    phrases[i].kind, phrases[i].text, reason_name(got),
			    map[got]);
	}
	sisitally_print("explain on the texts Sisimai recognises (" PHRASES ")",
	    t, nt, hit, nphrases);
	assert_true(hit >= FLOOR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phrases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
