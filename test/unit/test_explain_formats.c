/*
 * test_explain_formats.c - mxtrace explain on one synthetic bounce per
 * sending system whose format go-sisimai's lhost readers describe
 * (test/explain/lhost/, written from each via-*.go file's markers and
 * example lines, README.md there): each must give the expected recipient,
 * reply code, enhanced code, reason and format (expected.tsv), so a change
 * in how the text reader takes a format's recipients or replies shows.
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
#include "explain/textfmt.h"
#include "meaning/catalog.h"
#include "explainfile.h"
#include "tsvload.h"

#define DIR	"test/explain/lhost"

/* Fixtures read, and those that gave the expected answer. */
struct count {
	size_t	n, ok;
};

/* Explain the fixture of one row of expected.tsv and compare. */
static void
check_fixture(char **f, void *arg)
{
	struct count *c = arg;
	char path[512];
	struct explain_result r;
	int bad;

	assert_true(strstr(f[6], "via-") != NULL);	/* names its source */
	snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
	assert_int_equal(explainfile(path, &r), 1);
	c->n++;
	bad = r.kind != EXPLAIN_FAILURE || r.nrcpts != 1 ||
	    r.rcpts[0].address == NULL ||
	    strcmp(r.rcpts[0].address, f[1]) != 0 ||
	    r.rcpts[0].code != atoi(f[2]) ||
	    strcmp(r.rcpts[0].enhanced, f[3]) != 0 ||
	    strcmp(reason_name(r.rcpts[0].reason), f[4]) != 0 ||
	    r.format == NULL || strcmp(r.format, f[5]) != 0;
	if (bad)
		printf("  %s: got %zu rcpt(s), %s %d %s %s, format %s\n",
		    f[0], r.nrcpts, r.nrcpts ? r.rcpts[0].address : "-",
		    r.nrcpts ? r.rcpts[0].code : 0,
		    r.nrcpts ? r.rcpts[0].enhanced : "-",
		    r.nrcpts ? reason_name(r.rcpts[0].reason) : "-",
		    r.format ? r.format : "-");
	else
		c->ok++;
	explain_result_free(&r);
}

/*
 * Whether the terminal can name format in words, in English and Chinese,
 * without naming what the message is: a system's delay notice comes in
 * the format of its bounces (Postfix's, Exim's, Courier's), and the
 * "What it is" line above says which it is, so "bounce" (退信) on the
 * Format line would be wrong for a delay.
 */
static int
format_labelled(const char *format)
{
	char key[128];
	const char *en, *zh;

	snprintf(key, sizeof(key), "explain.format.%s", format);
	en = catalog_label_or(LANG_EN, key, NULL);
	zh = catalog_label_or(LANG_ZH, key, NULL);
	if (en == NULL || zh == NULL) {
		printf("  no en and zh label %s\n", key);
		return 0;
	}
	if (strstr(en, "bounce") != NULL || strstr(zh, "退信") != NULL) {
		printf("  %s names a bounce: %s / %s\n", key, en, zh);
		return 0;
	}
	return 1;
}

/*
 * Every format explain can report, the text formats' table's and the
 * readers', is labelled and its label fits a delay notice as well.
 */
static void
test_format_labels(void **state)
{
	static const char *const readers[] = { "dsn", "arf", "rfc3834",
	    "amazon-ses", "apple-unsubscribe", "text" };
	const struct textfmt *t;
	size_t i, bad = 0;

	(void)state;
	for (i = 0; (t = textfmt_at(i)) != NULL; i++)
		bad += !format_labelled(t->name);
	assert_true(i >= 20);
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		bad += !format_labelled(readers[i]);
	assert_int_equal(bad, 0);
}

static void
test_formats(void **state)
{
	struct count c = { 0, 0 };

	(void)state;
	explain_init();
	tsvload(DIR "/expected.tsv",
	    "file\taddress\tcode\tenhanced\treason\tformat\tsystem", 7,
	    check_fixture, &c);
	explain_shutdown();
	printf("explain on the lhost format fixtures: %zu / %zu as expected\n",
	    c.ok, c.n);
	assert_true(c.n >= 20);
	assert_int_equal(c.ok, c.n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_format_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
