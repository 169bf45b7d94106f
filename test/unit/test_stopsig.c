/*
 * test_stopsig.c - base/stopsig.c: SIGINT and SIGTERM at their default are
 * heeded, each one ignored is not (the other unaffected), and a handler
 * set by the program itself (what a second look would see) is heeded;
 * stopsig_early_exit's handlers write their message and exit with the
 * status given, leave an ignored signal ignored, and are taken back by
 * stopsig_early_off.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/*
 * In a child: the early handlers set (SIGINT ignored first when ignore),
 * taken back when off, then sig raised; what it wrote to stderr in out,
 * its wait status returned.
 */
static int
early_child(int sig, bool ignore, bool off, char *out, size_t outlen)
{
	size_t len = 0;
	ssize_t n;
	int fds[2], status;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		signal(SIGINT, ignore ? SIG_IGN : SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		stopsig_early_exit("int\n", 4, "term!\n", 6, 3);
		if (off)
			stopsig_early_off();
		raise(sig);
		_exit(42);		/* the signal did not end it */
	}
	assert_true(pid > 0);
	close(fds[1]);
	while (len + 1 < outlen &&
	    (n = read(fds[0], out + len, outlen - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void
test_early_exit(void **state)
{
	char out[64];
	int st;

	(void)state;
	st = early_child(SIGINT, false, false, out, sizeof(out));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	assert_string_equal(out, "int\n");
	st = early_child(SIGTERM, false, false, out, sizeof(out));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	assert_string_equal(out, "term!\n");
	/* one the parent left ignored stays ignored */
	st = early_child(SIGINT, true, false, out, sizeof(out));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 42);
	assert_string_equal(out, "");
	/* taken back: the default action again, no word */
	st = early_child(SIGTERM, false, true, out, sizeof(out));
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	assert_string_equal(out, "");
	/* and one ignored before is still ignored after */
	st = early_child(SIGINT, true, true, out, sizeof(out));
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 42);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dispositions),
		cmocka_unit_test(test_early_exit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
