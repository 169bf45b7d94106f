/*
 * test_util.c - base/util.c's bounded error setter (xseterror): a text at
 * the bound is kept whole, one past it is cut to ERROR_TEXT_MAX - 1
 * bytes, and setting again replaces (ASan sees the old one freed).
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seterror_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
