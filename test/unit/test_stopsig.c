/*
 * test_stopsig.c - base/stopsig.c: SIGINT and SIGTERM at their default are
 * heeded, each one ignored is not (the other unaffected), and a handler
 * set by the program itself (what a second look would see) is heeded.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/stopsig.h"

static void
on_signal(int sig)
{
	(void)sig;
}

static void
test_dispositions(void **state)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		int sig = sigs[i], other = sigs[1 - i];

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		assert_true(stopsig_heeded(sig));
		signal(sig, SIG_IGN);
		assert_false(stopsig_heeded(sig));
		assert_true(stopsig_heeded(other));
		signal(sig, on_signal);
		assert_true(stopsig_heeded(sig));
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dispositions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
