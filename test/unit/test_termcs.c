/*
 * test_termcs.c - base/termcs.c's converter, which the streams stdout and
 * stderr write through under a GB18030 or GBK locale: UTF-8 given a byte
 * at a time (a character cut between two writes) converts as given whole;
 * a character the charset lacks is one '?' per column, a byte that is no
 * UTF-8 one '?', a character cut at the end one '?'; and which charsets
 * are left alone (UTF-8, and ASCII: the C locale); in a stateful charset
 * (ISO-2022-*) a '?' is written in ASCII mode, and the double-byte mode
 * is ended at exit.  iconv's own GB18030
 * and GBK tables say what the bytes must be.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/termcs.h"

struct sinkbuf {
	char	buf[256];
	size_t	len;
};

static int
sink(void *arg, const char *buf, size_t len)
{
	struct sinkbuf *s = arg;

	assert_true(s->len + len <= sizeof(s->buf));
	memcpy(s->buf + s->len, buf, len);
	s->len += len;
	return 0;
}

/* text through a converter to charset, step bytes at a time. */
static void
convert(const char *charset, const char *text, size_t step,
    struct sinkbuf *out)
{
	struct termcs_conv c;
	size_t len = strlen(text), i, n;

	memset(out, 0, sizeof(*out));
	assert_int_equal(termcs_conv_open(&c, charset, sink, out), 0);
	for (i = 0; i < len; i += n) {
		n = len - i < step ? len - i : step;
		assert_int_equal(termcs_conv_put(&c, text + i, n), 0);
	}
	assert_int_equal(termcs_conv_close(&c), 0);
}

static void
assert_bytes(const struct sinkbuf *s, const char *want)
{
	assert_int_equal(s->len, strlen(want));
	assert_memory_equal(s->buf, want, s->len);
}

static void
test_cut_between_writes(void **state)
{
	/* 中文 “标点” and an emoji, GB18030's four-byte form */
	const char *text = "\xe4\xb8\xad\xe6\x96\x87 \xe2\x80\x9c\xe6\xa0\x87"
	    "\xe7\x82\xb9\xe2\x80\x9d \xf0\x9f\x98\x80!";
	const char *want = "\xd6\xd0\xce\xc4 \xa1\xb0\xb1\xea\xb5\xe3\xa1\xb1 "
	    "\x94\x39\xfc\x36!";
	struct sinkbuf s;
	size_t step;

	(void)state;
	for (step = 1; step <= 5; step++) {
		convert("GB18030", text, step, &s);
		assert_bytes(&s, want);
	}
}

static void
test_missing_shown(void **state)
{
	struct sinkbuf s;
	size_t step;

	(void)state;
	for (step = 1; step <= 4; step++) {
		/* GBK has no emoji (two columns): ?? */
		convert("GBK", "\xe4\xb8\xad\xf0\x9f\x98\x80.", step, &s);
		assert_bytes(&s, "\xd6\xd0??.");
		/* ISO-8859-1 has é, not 中 (two columns) nor ő (one) */
		convert("ISO-8859-1", "\xc3\xa9\xe4\xb8\xad\xc5\x91", step,
		    &s);
		assert_bytes(&s, "\xe9???");
		/* a byte that is no UTF-8 between two that are */
		convert("GB18030", "a\xff\xe4\xb8\xad\x80z", step, &s);
		assert_bytes(&s, "a?\xd6\xd0?z");
	}
	/* a character cut at the very end */
	convert("GB18030", "a\xe4\xb8", 1, &s);
	assert_bytes(&s, "a?");
}

/* In a stateful charset a '?' after a character in double-byte mode is
 * written in ASCII mode, not as half of a double-byte character. */
static void
test_missing_stateful(void **state)
{
	struct sinkbuf s;
	size_t step;

	(void)state;
	for (step = 1; step <= 4; step++) {
		/* JIS X 0208 has 中, not 单 (two columns) */
		convert("ISO-2022-JP", "\xe4\xb8\xad\xe5\x8d\x95\xe4\xb8\xad.",
		    step, &s);
		assert_bytes(&s, "\x1b$BCf\x1b(B??\x1b$BCf\x1b(B.");
		/* KS X 1001 has 中, not the emoji */
		convert("ISO-2022-KR", "\xe4\xb8\xad\xf0\x9f\x98\x80", step,
		    &s);
		assert_bytes(&s, "\x1b$)C\x0eqi\x0f??");
	}
}

/*
 * A program whose last text on stderr is a character of a stateful
 * charset's double-byte set ends that set at exit: the stream itself,
 * under a locale (not installed: its name says the charset) of
 * ISO-2022-JP.
 */
static void
test_shift_ended_at_exit(void **state)
{
	const char *want = "\x1b$BCf\x1b(B";
	char buf[64];
	size_t len = 0;
	ssize_t n;
	int fds[2], status;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("LC_ALL", "ja_JP.ISO-2022-JP", 1);
		termcs_init();
		fputs("\xe4\xb8\xad", stderr);	/* 中, no newline after */
		exit(0);
	}
	assert_true(pid > 0);
	close(fds[1]);
	while ((n = read(fds[0], buf + len, sizeof(buf) - len)) > 0)
		len += (size_t)n;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(buf, want, len);
}

/*
 * termcs_bytes: what stderr writes for a text, made ahead for a signal
 * handler: in the locale's charset (GBK: 中 is D6 D0) when stderr
 * converts, the text itself when it does not (stdout before termcs_text).
 */
static void
test_bytes_ahead(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	if ((pid = fork()) == 0) {
		char *b;
		size_t len;
		int bad = 0;

		setenv("LC_ALL", "zh_CN.GBK", 1);
		termcs_init();
		b = termcs_bytes(stderr, "x\xe4\xb8\xad\n", &len);
		bad |= len != 4 || memcmp(b, "x\xd6\xd0\n", 4) != 0;
		free(b);
		b = termcs_bytes(stdout, "x\xe4\xb8\xad\n", &len);
		bad |= len != 5 || memcmp(b, "x\xe4\xb8\xad\n", 5) != 0;
		free(b);
		_exit(bad);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_which_charsets(void **state)
{
	(void)state;
	assert_false(termcs_converts("UTF-8"));
	assert_false(termcs_converts("utf8"));
	assert_false(termcs_converts("ANSI_X3.4-1968"));
	assert_false(termcs_converts(""));
	assert_false(termcs_converts(NULL));
	assert_true(termcs_converts("GB18030"));
	assert_true(termcs_converts("GBK"));
	assert_true(termcs_converts("BIG5"));
	assert_true(termcs_converts("ISO-8859-1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cut_between_writes),
		cmocka_unit_test(test_missing_shown),
		cmocka_unit_test(test_missing_stateful),
		cmocka_unit_test(test_shift_ended_at_exit),
		cmocka_unit_test(test_bytes_ahead),
		cmocka_unit_test(test_which_charsets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
