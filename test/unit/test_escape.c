/*
 * test_escape.c - each escaper on hostile text: markup, quotes, control
 * bytes, NUL, invalid UTF-8, bidi overrides and spreadsheet formulas;
 * every byte value alone through each of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/escape.h"

#define B(s) s, sizeof(s) - 1		/* bytes that may hold NULs */

struct ecase {
	const char	*in;
	size_t		 len;
	const char	*want;
	size_t		 wantlen;
};

#define FFFD "\xef\xbf\xbd"

static void
test_esc_utf8(void **state)
{
	static const struct ecase c[] = {
		{ B("plain"), B("plain") },
		{ B(""), B("") },
		{ B("caf\xc3\xa9"), B("caf\xc3\xa9") },
		{ B("caf\xe9"), B("caf" FFFD) },
		{ B("\xff\xfe"), B(FFFD FFFD) },
		{ B("a\0b\x01"), B("a\0b\x01") },
		{ B("\xc0\xaf"), B(FFFD FFFD) },		/* overlong '/' */
		{ B("\xed\xa0\x80"), B(FFFD FFFD FFFD) },	/* surrogate */
		{ B("\xe4\xbd"), B(FFFD FFFD) },		/* truncated */
		{ B("\xf0\x9f\x98\x80"), B("\xf0\x9f\x98\x80") },
		{ B("\xf4\x90\x80\x80"), B(FFFD FFFD FFFD FFFD) }, /* > U+10FFFF */
	};
	size_t i, n;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		out = esc_utf8(c[i].in, c[i].len, &n);
		if (n != c[i].wantlen || memcmp(out, c[i].want, n) != 0 ||
		    out[n] != '\0')
			fail_msg("case %zu: got %zu bytes \"%s\"", i, n, out);
		free(out);
	}
}

static void
run_str_cases(char *(*fn)(const char *, size_t), const struct ecase *c,
    size_t nc, const char *name)
{
	size_t i;
	char *out;

	for (i = 0; i < nc; i++) {
		out = fn(c[i].in, c[i].len);
		if (strlen(out) != c[i].wantlen ||
		    strcmp(out, c[i].want) != 0)
			fail_msg("%s case %zu: got \"%s\", want \"%s\"", name,
			    i, out, c[i].want);
		free(out);
	}
}

static void
test_esc_terminal(void **state)
{
	static const struct ecase c[] = {
		{ B("250 OK"), B("250 OK") },
		{ B("a\r\nb"), B("a\\r\\nb") },
		{ B("back\\slash"), B("back\\\\slash") },
		{ B("\x1b[2J\x1b]0;pwned\x07"),
		  B("\\x1B[2J\\x1B]0;pwned\\x07") },
		{ B("a\0b"), B("a\\x00b") },
		{ B("tab\there"), B("tab\\x09here") },
		{ B("del\x7f"), B("del\\x7F") },
		{ B("caf\xe9"), B("caf\\xE9") },
		{ B("\xc2\x9b" "31m"), B("\\xC2\\x9B31m") },	/* C1 CSI */
		{ B("\xe2\x80\xae" "evil"), B("\\xE2\\x80\\xAEevil") },
		{ B("\xe4\xbd\xa0\xe5\xa5\xbd"), B("\xe4\xbd\xa0\xe5\xa5\xbd") },
		{ B("<script>\"'"), B("<script>\"'") },
	};

	(void)state;
	run_str_cases(esc_terminal, c, sizeof(c) / sizeof(c[0]), "terminal");
}

/*
 * Words that quote bytes escaped where they were quoted keep their
 * backslashes (the quote's own escapes); everything else is escaped as
 * for the terminal.
 */
static void
test_esc_terminal_quoting(void **state)
{
	static const struct ecase c[] = {
		{ B("data: \"250 ok\\r\\n\""), B("data: \"250 ok\\r\\n\"") },
		{ B("a\r\nb"), B("a\\r\\nb") },
		{ B("\x1b[2J"), B("\\x1B[2J") },
		{ B("caf\xe9"), B("caf\\xE9") },
		{ B("\xe2\x80\xae" "evil"), B("\\xE2\\x80\\xAEevil") },
	};

	(void)state;
	run_str_cases(esc_terminal_quoting, c, sizeof(c) / sizeof(c[0]),
	    "terminal, quoting");
}

static void
test_esc_html(void **state)
{
	static const struct ecase c[] = {
		{ B("<script>alert(1)</script>"),
		  B("&lt;script&gt;alert(1)&lt;/script&gt;") },
		{ B("a & b"), B("a &amp; b") },
		{ B("\"x\" onload='y'"),
		  B("&quot;x&quot; onload=&#39;y&#39;") },
		{ B("&amp;"), B("&amp;amp;") },
		{ B("line1\nline2\tend"), B("line1\nline2\tend") },
		{ B("a\rb\0c\x1b[0m\x7f"), B("abc[0m") },
		{ B("\xc2\x85x"), B("x") },			/* C1 NEL */
		/*
		 * bidi overrides and isolates would reorder what the page shows
		 */
		{ B("550 \xe2\x80\xae" "moc.knab"), B("550 moc.knab") },
		{ B("\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8f"), B("x") },
		/* U+2028/9 end a line in JavaScript and break the page's */
		{ B("550 no\xe2\x80\xa8" "such\xe2\x80\xa9user"),
		  B("550 no such user") },
		{ B("caf\xe9"), B("caf" FFFD) },
		{ B("\xe5\x85\xb3\xe9\x97\xad"), B("\xe5\x85\xb3\xe9\x97\xad") },
		{ B(""), B("") },
	};

	(void)state;
	run_str_cases(esc_html, c, sizeof(c) / sizeof(c[0]), "html");
}

static void
test_esc_csv(void **state)
{
	static const struct ecase c[] = {
		{ B("=HYPERLINK(\"http://x\")"),
		  B("'=HYPERLINK(\"http://x\")") },
		{ B("+1+1"), B("'+1+1") },
		{ B("-2+3"), B("'-2+3") },
		{ B("@SUM(A1)"), B("'@SUM(A1)") },
		{ B("\tcmd"), B("'\tcmd") },
		{ B("\rcmd"), B("\\rcmd") },		/* shown, no longer a formula */
		{ B("user@example.test"), B("user@example.test") },
		{ B("a=b"), B("a=b") },
		{ B(" =x"), B(" =x") },
		{ B(""), B("") },
		{ B("a\0b"), B("a\\x00b") },
		{ B("\0=x"), B("\\x00=x") },
		{ B("=a\0"), B("'=a\\x00") },
		{ B("l1\nl2\tx"), B("l1\nl2\tx") },	/* LF and TAB kept */
		{ B("a\rb"), B("a\\rb") },
		{ B("\x1b[2J\x07"), B("\\x1B[2J\\x07") },
		{ B("\x7f"), B("\\x7F") },
		{ B("\xc2\x85\xc2\x9b"), B("\\xC2\\x85\\xC2\\x9B") },	/* C1 */
		{ B("caf\xe9"), B("caf\\xE9") },
		{ B("\xe2\x80\xa8\xe2\x80\xa9"),
		  B("\\xE2\\x80\\xA8\\xE2\\x80\\xA9") },	/* U+2028/9 */
		{ B("\xe2\x80\xae" "abc"), B("\\xE2\\x80\\xAEabc") },	/* RLO */
		{ B("\xe5\x85\xb3\xe9\x97\xad"), B("\xe5\x85\xb3\xe9\x97\xad") },
		{ B("a\\b"), B("a\\b") },
	};

	(void)state;
	run_str_cases(esc_csv, c, sizeof(c) / sizeof(c[0]), "csv");
}

/* A CSS string (the report's row labels): nothing can end it or the style. */
static void
test_esc_css_string(void **state)
{
	static const struct ecase c[] = {
		{ B("Company name 2"), B("Company name 2") },
		{ B("a\"}</style><script>"),
		  B("a\\000022\\00007d\\00003c\\00002fstyle\\00003e\\00003cscript\\00003e") },
		{ B("back\\slash\n"), B("back\\00005cslash") },
		{ B("\xe5\x85\xac\xe5\x8f\xb8"), B("\xe5\x85\xac\xe5\x8f\xb8") },	/* 公司 */
		{ B("caf\xe9"), B("caf\\00fffd") },
		{ B("\xe2\x80\xae" "eman"), B("eman") },	/* RLO dropped */
		/* U+2028/9: a line break of the input's making */
		{ B("a\xe2\x80\xa8" "b\xe2\x80\xa9"), B("a b ") },
		{ B(""), B("") },
	};

	(void)state;
	run_str_cases(esc_css_string, c, sizeof(c) / sizeof(c[0]), "css");
}

/* Every byte value alone: output stays valid and bounded. */
static void
test_esc_every_byte(void **state)
{
	char in[1], *t, *h, *u, *c;
	size_t i, n;

	(void)state;
	for (i = 0; i < 256; i++) {
		in[0] = (char)i;
		t = esc_terminal(in, 1);
		h = esc_html(in, 1);
		u = esc_utf8(in, 1, &n);
		c = esc_csv(in, 1);
		assert_true(strlen(c) >= 1 && strlen(c) <= 5);
		for (const char *p = c; *p != '\0'; p++)
			assert_true((unsigned char)*p >= 0x20 ?
			    (unsigned char)*p != 0x7f : *p == '\t' || *p == '\n');
		free(c);
		assert_true(strlen(t) >= 1 && strlen(t) <= 4);
		for (const char *p = t; *p != '\0'; p++)
			assert_true((unsigned char)*p >= 0x20 &&
			    (unsigned char)*p != 0x7f);
		assert_true(strlen(h) <= 6);
		assert_null(strchr(h, '<'));
		assert_true(n == 1 || (n == 3 && memcmp(u, FFFD, 3) == 0));
		free(t);
		free(h);
		free(u);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_utf8),
		cmocka_unit_test(test_esc_terminal),
		cmocka_unit_test(test_esc_terminal_quoting),
		cmocka_unit_test(test_esc_html),
		cmocka_unit_test(test_esc_csv),
		cmocka_unit_test(test_esc_css_string),
		cmocka_unit_test(test_esc_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
