/*
 * test_quoted.c - explain/quoted.c: a text quoted by a mail client loses
 * its quote marks ("> ", ">", nested, CRLF, unquoted blank lines and the
 * forwarder's words above the quote), a reply's quote below more words
 * than it has lines too; a text that is not quoted, or holds a few quoted
 * lines among others (a sendmail transcript), is left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/quoted.h"

/* quoted_strip of s compared with want (NULL: left alone). */
static void
strips_to(const char *s, const char *want)
{
	size_t n = 12345;
	char *t = quoted_strip(s, strlen(s), &n);

	if (want == NULL) {
		assert_null(t);
		return;
	}
	assert_non_null(t);
	assert_int_equal(n, strlen(want));
	assert_string_equal(t, want);
	free(t);
}

static void
test_quoted(void **state)
{
	(void)state;
	strips_to("> <a@example.jp>:\n> 550 5.1.1 User unknown\n>\n"
	    "> (#5.1.1)\n", "<a@example.jp>:\n550 5.1.1 User unknown\n\n"
	    "(#5.1.1)\n");
	/* ">" without a space: a line's own indent is kept */
	strips_to(">  a@example.jp\n>    SMTP error from remote mail server\n"
	    ">    550 5.1.1 unknown\n>end\n", "  a@example.jp\n"
	    "    SMTP error from remote mail server\n    550 5.1.1 unknown\n"
	    "end\n");
	/* nested, CRLF, blank lines left unquoted, and the forwarder's words */
	strips_to("FYI\r\n\r\nOn Mon, MAILER-DAEMON wrote:\r\n> > a\r\n"
	    "> > b\r\n\r\n> > c\r\n> > d\r\n>> e\r\n> > f\r\n> > g\r\n"
	    "> > h\r\n> > i\r\n> > j\r\n> > k\r\n",
	    "FYI\r\n\r\nOn Mon, MAILER-DAEMON wrote:\r\na\r\nb\r\n\r\nc\r\n"
	    "d\r\ne\r\nf\r\ng\r\nh\r\ni\r\nj\r\nk\r\n");
}

/*
 * A reply whose writer's words outnumber the quote below them: the quote
 * it ends with loses its marks, level by level ("> > " nested), the words
 * above it kept as they are.
 */
static void
test_reply_tail(void **state)
{
	(void)state;
	strips_to("Hi,\nplease look\nat this\none\nthanks\nLi\n\n"
	    "On Mon, A wrote:\n> Forwarded:\n>\n> > <a@example.com>: said: "
	    "550 5.1.1\n> >     User unknown in\n> >     virtual table\n> >\n",
	    "Hi,\nplease look\nat this\none\nthanks\nLi\n\nOn Mon, A wrote:\n"
	    "Forwarded:\n\n<a@example.com>: said: 550 5.1.1\n    User unknown "
	    "in\n    virtual table\n\n");
	/* nested as Thunderbird writes it, ">> " */
	strips_to("a\nb\nc\nd\ne\n> Fwd:\n>> 550 5.1.1\n>>     User unknown\n"
	    ">>\n>> end\n", "a\nb\nc\nd\ne\nFwd:\n550 5.1.1\n    User unknown"
	    "\n\nend\n");
	/* written as RFC 3676 4.5 quotes, no blank after the marks: the
	 * lines' own blanks kept */
	strips_to("a\nb\nc\nd\n>x\n>y\n>z\n", "a\nb\nc\nd\nx\ny\nz\n");
	strips_to("a\nb\nc\nd\ne\n>Fwd:\n>>550 5.1.1\n>>    User unknown\n"
	    ">>\n>>end\n", "a\nb\nc\nd\ne\nFwd:\n550 5.1.1\n    User unknown"
	    "\n\nend\n");
	/* CRLF, and a bare ">" with a CR */
	strips_to("a\r\nb\r\nc\r\nd\r\ne\r\n> x\r\n>\r\n> y\r\n> z\r\n",
	    "a\r\nb\r\nc\r\nd\r\ne\r\nx\r\n\r\ny\r\nz\r\n");
}

static void
test_not_quoted(void **state)
{
	(void)state;
	strips_to("", NULL);
	strips_to("550 5.1.1 User unknown\n", NULL);
	strips_to("> one\n> two\n", NULL);	/* too few lines to tell */
	/* a sendmail transcript: its ">>>" lines are not a quote */
	strips_to("----- Transcript of session follows -----\n"
	    "... while talking to mx.example.com.:\n>>> RCPT To:<a@example.com>\n"
	    "<<< 550 5.1.1 <a@example.com>... User unknown\n>>> DATA\n"
	    "<<< 503 5.0.0 Need RCPT (recipient)\n"
	    "550 5.1.1 <a@example.com>... User unknown\n", NULL);
	/* half the lines quoted: a reply with a few quoted lines */
	strips_to("Hi,\nthe customer says\n> 550 unknown\n> a@b\n> c\n"
	    "please check\nthe address\nthanks\n", NULL);
	/* the text ends with too short a quote, or a transcript's lines */
	strips_to("a\nb\nc\nd\n> 550 unknown\n> a@b\n", NULL);
	strips_to("----- Transcript of session follows -----\n"
	    "... while talking to mx.example.com.:\n<<< 250 ok\n"
	    ">>> MAIL From:<b@example.org>\n>>> RCPT To:<a@example.com>\n"
	    ">>> DATA\n", NULL);
}

/* NULs and no final line break: the length counts, not the C string. */
static void
test_bytes(void **state)
{
	static const char s[] = "> a\0b\n> c\n> d";
	size_t n;
	char *t;

	(void)state;
	t = quoted_strip(s, sizeof(s) - 1, &n);
	assert_non_null(t);
	assert_int_equal(n, 7);
	assert_memory_equal(t, "a\0b\nc\nd", 7);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_reply_tail),
		cmocka_unit_test(test_not_quoted),
		cmocka_unit_test(test_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
