/*
 * test_util.c - base/util.c's bounded error setter (xseterror): a text at
 * the bound is kept whole, one past it is cut to ERROR_TEXT_MAX - 1
 * bytes, and setting again replaces (ASan sees the old one freed); the
 * hex encoder every digest and TLSA text goes through (hex_text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/limits.h"
#include "base/util.h"

static void
test_seterror_bound(void **state)
{
	char long_text[ERROR_TEXT_MAX + 100];
	char *err = NULL;

	(void)state;
	memset(long_text, 'x', sizeof(long_text));
	long_text[ERROR_TEXT_MAX - 1] = '\0';		/* exactly at the bound */
	xseterror(&err, "%s", long_text);
	assert_int_equal(strlen(err), ERROR_TEXT_MAX - 1);
	long_text[ERROR_TEXT_MAX - 1] = 'x';
	long_text[ERROR_TEXT_MAX] = '\0';		/* one past it */
	xseterror(&err, "%s", long_text);
	assert_int_equal(strlen(err), ERROR_TEXT_MAX - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	xseterror(&err, "why: %s", long_text);
	assert_int_equal(strlen(err), ERROR_TEXT_MAX - 1);
	assert_memory_equal(err, "why: xxx", 8);
	xseterror(&err, "short %d", 7);
	assert_string_equal(err, "short 7");
	free(err);
}

static void
test_hex_text(void **state)
{
	static const unsigned char b[] = { 0x00, 0x0f, 0xa5, 0xf0, 0xff };
	char out[2 * sizeof(b) + 2];

	(void)state;
	memset(out, '#', sizeof(out));
	hex_text(out, b, sizeof(b));
	assert_string_equal(out, "000fa5f0ff");
	assert_int_equal(out[sizeof(out) - 1], '#');	/* 2n + 1 bytes only */
	hex_text(out, b, 0);
	assert_string_equal(out, "");
}

/* A duration in the words parse_duration reads, and back. */
static void
test_duration_text(void **state)
{
	static const struct {
		long long	 ms;
		const char	*text;
	} rows[] = {
		{ 100, "100ms" }, { 1000, "1s" }, { 1500, "1500ms" },
		{ 90000, "90s" }, { 120000, "2m" }, { 3600000, "1h" },
		{ 5400000, "90m" }, { 0, "0s" },
	};
	char out[32];
	long long back;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_string_equal(duration_text(out, sizeof(out), rows[i].ms),
		    rows[i].text);
		assert_int_equal(parse_duration(out, &back), 0);
		assert_int_equal(back, rows[i].ms);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seterror_bound),
		cmocka_unit_test(test_hex_text),
		cmocka_unit_test(test_duration_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
