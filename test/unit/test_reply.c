/*
 * test_reply.c - the SMTP reply parser and EHLO capability parser, table
 * driven: each case feeds lines and states the outcome of the last one;
 * every earlier line must give REPLY_MORE.  The bounds are tested exactly
 * at and one byte or line past each limit of limits.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtp/reply.h"

#define MAXL 6
#define L(s) { s, sizeof(s) - 1 }	/* a line that may hold NULs */

struct line {
	const char *s;
	size_t len;
};

struct rcase {
	const char	*name;
	struct line	 lines[MAXL];
	bool		 bare_lf;	/* the last line ended in a bare LF */
	enum reply_status want;
	int		 code;
	const char	*enhanced;
	const char	*text;
	size_t		 textlen;
	int		 nlines;
	unsigned	 anomalies;
};

#define T(s) s, sizeof(s) - 1		/* text and its length */

static const struct rcase cases[] = {
	{ "single line", { L("250 OK") }, false, REPLY_DONE,
	  250, "", T("OK"), 1, 0 },
	{ "banner", { L("220 mx.example.test ESMTP Postfix") }, false,
	  REPLY_DONE, 220, "", T("mx.example.test ESMTP Postfix"), 1, 0 },
	{ "multi-line EHLO", { L("250-mx.example.test"), L("250-PIPELINING"),
	  L("250 STARTTLS") }, false, REPLY_DONE, 250, "",
	  T("mx.example.test\nPIPELINING\nSTARTTLS"), 3, 0 },
	{ "code alone on last line", { L("250-hello"), L("250") }, false,
	  REPLY_DONE, 250, "", T("hello"), 2, REPLY_A_NO_SEPARATOR },
	{ "code alone, one line", { L("354") }, false, REPLY_DONE,
	  354, "", T(""), 1, REPLY_A_NO_SEPARATOR },
	{ "code then other byte", { L("250xyz") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "banner without space", { L("220OK") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "code then tab", { L("250\tok") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "no separator on a later line", { L("250-a"), L("250b") }, false,
	  REPLY_ERROR, 0, NULL, NULL, 0, 0, 0 },
	{ "empty text after space", { L("250 ") }, false, REPLY_DONE,
	  250, "", T(""), 1, 0 },
	{ "code changes mid-reply", { L("250-first"), L("550 second") },
	  false, REPLY_ERROR, 0, NULL, NULL, 0, 0, 0 },
	{ "code changes, same class", { L("250-first"), L("251 second") },
	  false, REPLY_ERROR, 0, NULL, NULL, 0, 0, 0 },
	{ "code 199", { L("199 no") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "code 260", { L("260 no") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "code 600", { L("600 no") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "code too short", { L("25") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "code letters", { L("abc") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "empty line", { L("") }, false, REPLY_ERROR, 0, NULL, NULL,
	  0, 0, 0 },
	{ "bad code on second line", { L("250-ok"), L("2x0 no") }, false,
	  REPLY_ERROR, 0, NULL, NULL, 0, 0, 0 },
	{ "lowest and highest codes", { L("559-a"), L("559 b") }, false,
	  REPLY_DONE, 559, "", T("a\nb"), 2, 0 },
	{ "enhanced split", { L("550 5.1.1 <x@example.test>: unknown") },
	  false, REPLY_DONE, 550, "5.1.1", T("<x@example.test>: unknown"),
	  1, 0 },
	{ "enhanced three-digit parts", { L("550 5.123.123 policy") }, false,
	  REPLY_DONE, 550, "5.123.123", T("policy"), 1, 0 },
	{ "enhanced at end of line", { L("250 2.0.0") }, false, REPLY_DONE,
	  250, "2.0.0", T(""), 1, 0 },
	{ "enhanced of another class", { L("550 4.1.1 nope") }, false,
	  REPLY_DONE, 550, "", T("4.1.1 nope"), 1, REPLY_A_BAD_ENHANCED },
	{ "enhanced with 4-digit subject", { L("550 5.1234.1 x") }, false,
	  REPLY_DONE, 550, "", T("5.1234.1 x"), 1, REPLY_A_BAD_ENHANCED },
	{ "enhanced class 3", { L("550 3.1.1 x") }, false, REPLY_DONE,
	  550, "", T("3.1.1 x"), 1, REPLY_A_BAD_ENHANCED },
	{ "enhanced missing detail", { L("550 5.1. x") }, false, REPLY_DONE,
	  550, "", T("5.1. x"), 1, REPLY_A_BAD_ENHANCED },
	{ "enhanced glued to text", { L("550 5.1.1x") }, false, REPLY_DONE,
	  550, "", T("5.1.1x"), 1, REPLY_A_BAD_ENHANCED },
	{ "number that is not a code", { L("250 1234 bytes") }, false,
	  REPLY_DONE, 250, "", T("1234 bytes"), 1, 0 },
	{ "Gmail repeated enhanced", {
	  L("550-5.1.1 The email account that you tried to reach does"),
	  L("550-5.1.1 not exist. Please try double-checking the"),
	  L("550 5.1.1 recipient's email address. x - gsmtp") }, false,
	  REPLY_DONE, 550, "5.1.1",
	  T("The email account that you tried to reach does\n"
	    "not exist. Please try double-checking the\n"
	    "recipient's email address. x - gsmtp"), 3, 0 },
	{ "other enhanced on later line kept", { L("550-5.1.1 a"),
	  L("550 5.7.1 b") }, false, REPLY_DONE, 550, "5.1.1",
	  T("a\n5.7.1 b"), 2, 0 },
	{ "enhanced first found on later line", { L("554-mx.example.test"),
	  L("554 5.7.1 blocked") }, false, REPLY_DONE, 554, "5.7.1",
	  T("mx.example.test\nblocked"), 2, 0 },
	{ "NUL kept", { L("250 a\0b") }, false, REPLY_DONE, 250, "",
	  T("a\0b"), 1, REPLY_A_NONPRINT },
	{ "bare CR inside a line", { L("250 a\rb") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "bare CR in a banner", { L("220 a\rb") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "CR at the end of a line", { L("250 ok\r") }, false, REPLY_ERROR,
	  0, NULL, NULL, 0, 0, 0 },
	{ "tab is printable", { L("250 a\tb") }, false, REPLY_DONE, 250, "",
	  T("a\tb"), 1, 0 },
	{ "invalid UTF-8 kept", { L("250 caf\xe9") }, false, REPLY_DONE,
	  250, "", T("caf\xe9"), 1, REPLY_A_BAD_UTF8 },
	{ "valid UTF-8", { L("250 \xe4\xbd\xa0\xe5\xa5\xbd") }, false,
	  REPLY_DONE, 250, "", T("\xe4\xbd\xa0\xe5\xa5\xbd"), 1, 0 },
	{ "bare LF recorded", { L("250 ok") }, true, REPLY_DONE, 250, "",
	  T("ok"), 1, REPLY_A_BARE_LF },
	/* a Chinese server's reply in GBK: 用户不存在, decoded */
	{ "GBK reply decoded",
	  { L("550 \xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6\xd4\xda") }, false,
	  REPLY_DONE, 550, "",
	  T("\xe7\x94\xa8\xe6\x88\xb7\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8"),
	  1, REPLY_A_GB18030 },
	/* 收件人地址不存在 on the first of two lines, after the code */
	{ "GBK multi-line decoded", { L("550-5.1.1 \xca\xd5\xbc\xfe\xc8\xcb"
	  "\xb5\xd8\xd6\xb7\xb2\xbb\xb4\xe6\xd4\xda"),
	  L("550 5.1.1 mailbox unavailable") }, false, REPLY_DONE, 550,
	  "5.1.1", T("\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba\xe5\x9c\xb0"
	  "\xe5\x9d\x80\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8\n"
	  "mailbox unavailable"), 2, REPLY_A_GB18030 },
	/* not Chinese: Latin-1 letters among ASCII, a lone pair, a stray
	 * byte after GBK, the lab's invalid UTF-8: kept raw */
	{ "Latin-1 not decoded", { L("550 Benutzer M\xfcller unbekannt") },
	  false, REPLY_DONE, 550, "", T("Benutzer M\xfcller unbekannt"), 1,
	  REPLY_A_BAD_UTF8 },
	{ "two Latin-1 letters not decoded", { L("550 caf\xe9\xe8 x") },
	  false, REPLY_DONE, 550, "", T("caf\xe9\xe8 x"), 1,
	  REPLY_A_BAD_UTF8 },
	{ "GBK then a stray byte not decoded",
	  { L("550 \xd3\xc3\xbb\xa7\xff") }, false, REPLY_DONE, 550, "",
	  T("\xd3\xc3\xbb\xa7\xff"), 1, REPLY_A_BAD_UTF8 },
	{ "invalid bytes not decoded", { L("550 5.1.1 caf\xe9 \xff\xfe \xc3") },
	  false, REPLY_DONE, 550, "5.1.1", T("caf\xe9 \xff\xfe \xc3"), 1,
	  REPLY_A_BAD_UTF8 },
};

static void
feed_case(const struct rcase *c)
{
	struct reply_parser p;
	struct reply r;
	enum reply_status st = REPLY_MORE;
	const char *err = NULL;
	int i, n;

	for (n = 0; n < MAXL && c->lines[n].s != NULL; n++)
		;
	reply_parser_init(&p);
	memset(&r, 0, sizeof(r));
	for (i = 0; i < n; i++) {
		st = reply_parser_feed(&p, c->lines[i].s, c->lines[i].len,
		    i == n - 1 && c->bare_lf, &r, &err);
		if (i < n - 1 && st != REPLY_MORE)
			fail_msg("%s: line %d gave %d", c->name, i, st);
	}
	if (st != c->want)
		fail_msg("%s: status %d, want %d (%s)", c->name, st, c->want,
		    err ? err : "");
	if (st == REPLY_ERROR) {
		assert_non_null(err);
		assert_null(p.text);
		return;
	}
	assert_int_equal(r.code, c->code);
	assert_string_equal(r.enhanced, c->enhanced);
	if (r.textlen != c->textlen || memcmp(r.text, c->text, c->textlen))
		fail_msg("%s: text \"%s\" (%zu), want \"%s\" (%zu)", c->name,
		    r.text, r.textlen, c->text, c->textlen);
	assert_int_equal(r.text[r.textlen], '\0');
	assert_int_equal(r.nlines, c->nlines);
	if (r.anomalies != c->anomalies)
		fail_msg("%s: anomalies %#x, want %#x", c->name, r.anomalies,
		    c->anomalies);
	/* the parser is ready for the next reply */
	assert_int_equal(p.nlines, 0);
	assert_null(p.text);
	reply_free(&r);
}

static void
test_reply_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		feed_case(&cases[i]);
}

/* Two replies back to back through one parser. */
static void
test_reply_sequence(void **state)
{
	struct reply_parser p;
	struct reply r;
	const char *err;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(reply_parser_feed(&p, "220-a", 5, false, &r, &err),
	    REPLY_MORE);
	assert_int_equal(reply_parser_feed(&p, "220 b", 5, false, &r, &err),
	    REPLY_DONE);
	assert_string_equal(r.text, "a\nb");
	reply_free(&r);
	assert_int_equal(reply_parser_feed(&p, "550 5.1.1 c", 11, false, &r,
	    &err), REPLY_DONE);
	assert_int_equal(r.code, 550);
	assert_string_equal(r.enhanced, "5.1.1");
	assert_string_equal(r.text, "c");
	assert_int_equal(r.nlines, 1);
	assert_int_equal(r.anomalies, 0);
	reply_free(&r);
	reply_parser_reset(&p);
}

/* A line of exactly len bytes: "250-" or "250 " then filler. */
static char *
make_line(size_t len, bool last)
{
	char *s = malloc(len + 1);

	assert_non_null(s);
	memset(s, 'x', len);
	memcpy(s, last ? "250 " : "250-", len < 4 ? len : 4);
	s[len] = '\0';
	return s;
}

static enum reply_status
feed(struct reply_parser *p, size_t len, bool last, struct reply *r,
    const char **err)
{
	char *s = make_line(len, last);
	enum reply_status st = reply_parser_feed(p, s, len, false, r, err);

	free(s);
	return st;
}

static void
test_reply_line_bound(void **state)
{
	struct reply_parser p;
	struct reply r;
	const char *err;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(feed(&p, REPLY_LINE_MAX, true, &r, &err), REPLY_DONE);
	assert_int_equal(r.textlen, REPLY_LINE_MAX - 4);
	reply_free(&r);
	assert_int_equal(feed(&p, REPLY_LINE_MAX + 1, true, &r, &err),
	    REPLY_ERROR);
	assert_non_null(strstr(err, "4096"));
	/* also mid-reply, after good lines */
	assert_int_equal(feed(&p, 10, false, &r, &err), REPLY_MORE);
	assert_int_equal(feed(&p, REPLY_LINE_MAX + 1, false, &r, &err),
	    REPLY_ERROR);
	assert_null(p.text);
}

static void
test_reply_lines_bound(void **state)
{
	struct reply_parser p;
	struct reply r;
	const char *err;
	int i;

	(void)state;
	reply_parser_init(&p);
	for (i = 0; i < REPLY_LINES_MAX - 1; i++)
		assert_int_equal(feed(&p, 6, false, &r, &err), REPLY_MORE);
	assert_int_equal(feed(&p, 6, true, &r, &err), REPLY_DONE);
	assert_int_equal(r.nlines, REPLY_LINES_MAX);
	assert_int_equal(r.textlen, REPLY_LINES_MAX * 3 - 1);
	reply_free(&r);

	for (i = 0; i < REPLY_LINES_MAX; i++)
		assert_int_equal(feed(&p, 6, false, &r, &err), REPLY_MORE);
	assert_int_equal(feed(&p, 6, true, &r, &err), REPLY_ERROR);
	assert_non_null(strstr(err, "256"));
	assert_null(p.text);
}

/*
 * The byte bound counts the lines without their endings: 15 full lines,
 * one of `mid` bytes and a final "250 x" make 65536 or 65537 bytes.
 */
static enum reply_status
feed_bytes(size_t mid, struct reply *r, const char **err)
{
	struct reply_parser p;
	enum reply_status st;
	int i;

	reply_parser_init(&p);
	for (i = 0; i < 15; i++)
		assert_int_equal(feed(&p, REPLY_LINE_MAX, false, r, err),
		    REPLY_MORE);
	assert_int_equal(feed(&p, mid, false, r, err), REPLY_MORE);
	st = reply_parser_feed(&p, "250 x", 5, false, r, err);
	if (st == REPLY_ERROR)
		assert_null(p.text);
	return st;
}

static void
test_reply_bytes_bound(void **state)
{
	struct reply r;
	const char *err;

	(void)state;
	assert_int_equal(15 * REPLY_LINE_MAX + 4091 + 5, REPLY_BYTES_MAX);
	assert_int_equal(feed_bytes(4091, &r, &err), REPLY_DONE);
	assert_int_equal(r.nlines, 17);
	assert_true(r.textlen <= REPLY_BYTES_MAX);
	reply_free(&r);
	assert_int_equal(feed_bytes(4092, &r, &err), REPLY_ERROR);
	assert_non_null(strstr(err, "65536"));
}

/* After an error the caller resets and the parser works again. */
static void
test_reply_reset(void **state)
{
	struct reply_parser p;
	struct reply r;
	const char *err;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(reply_parser_feed(&p, "250-a", 5, false, &r, &err),
	    REPLY_MORE);
	reply_parser_reset(&p);
	assert_int_equal(reply_parser_feed(&p, "421 bye", 7, false, &r, &err),
	    REPLY_DONE);
	assert_int_equal(r.code, 421);
	assert_int_equal(r.nlines, 1);
	reply_free(&r);
	assert_int_equal(reply_parser_feed(&p, "999", 3, false, &r, &err),
	    REPLY_ERROR);
	reply_parser_reset(&p);
	assert_int_equal(reply_parser_feed(&p, "250 ok", 6, false, &r, &err),
	    REPLY_DONE);
	reply_free(&r);
}

static void
test_reply_copy(void **state)
{
	struct reply_parser p;
	struct reply r, c;
	const char *err;

	(void)state;
	reply_parser_init(&p);
	assert_int_equal(reply_parser_feed(&p, "550 5.1.1 a\0b", 13, false, &r,
	    &err), REPLY_DONE);
	reply_copy(&c, &r);
	assert_ptr_not_equal(c.text, r.text);
	assert_int_equal(c.textlen, 3);
	assert_memory_equal(c.text, "a\0b", 4);
	assert_string_equal(c.enhanced, "5.1.1");
	assert_int_equal(c.code, 550);
	reply_free(&r);
	assert_memory_equal(c.text, "a\0b", 4);
	reply_free(&c);
	assert_null(c.text);
}

struct scase {
	int		 code;
	const char	*text;
	size_t		 want;
	const char	*enhanced;
};

static void
test_reply_split_enhanced(void **state)
{
	static const struct scase sc[] = {
		{ 550, "5.1.1 user unknown", 6, "5.1.1" },
		{ 550, "5.1.1   spaces", 8, "5.1.1" },
		{ 250, "2.0.0", 5, "2.0.0" },
		{ 451, "4.7.650 rate", 8, "4.7.650" },
		{ 550, "4.1.1 wrong class", 0, "" },
		{ 550, "5.1234.1 too long", 0, "" },
		{ 550, "5.1.1234 too long", 0, "" },
		{ 550, "5..1 empty", 0, "" },
		{ 550, "6.1.1 class", 0, "" },
		{ 550, "5.1.1x", 0, "" },
		{ 550, "text", 0, "" },
		{ 550, "", 0, "" },
	};
	char out[ENHANCED_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
		size_t n = reply_split_enhanced(sc[i].code, sc[i].text,
		    strlen(sc[i].text), out);

		if (n != sc[i].want || strcmp(out, sc[i].enhanced) != 0)
			fail_msg("\"%s\": %zu \"%s\", want %zu \"%s\"",
			    sc[i].text, n, out, sc[i].want, sc[i].enhanced);
	}
}

static void
parse_ehlo(const char *const *lines, struct ehlo_caps *caps)
{
	struct reply_parser p;
	struct reply r;
	const char *err;
	enum reply_status st = REPLY_MORE;

	reply_parser_init(&p);
	for (; *lines != NULL; lines++)
		st = reply_parser_feed(&p, *lines, strlen(*lines), false, &r,
		    &err);
	assert_int_equal(st, REPLY_DONE);
	ehlo_parse_caps(&r, caps);
	reply_free(&r);
}

static void
test_ehlo_caps(void **state)
{
	static const char *const full[] = { "250-mx.example.test",
	    "250-PIPELINING", "250-SIZE 10240000", "250-starttls",
	    "250-ENHANCEDSTATUSCODES", "250-8bitmime", "250-DSN",
	    "250 SMTPUTF8", NULL };
	static const char *const none[] = { "250 mx.example.test STARTTLS",
	    NULL };
	static const char *const odd[] = { "250-STARTTLS is the greeting",
	    "250-SIZE", "250-STARTTLSX", "250 PIPELINING extra", NULL };
	static const char *const huge[] = { "250-x",
	    "250 SIZE 99999999999999999999999", NULL };
	struct ehlo_caps c;

	(void)state;
	parse_ehlo(full, &c);
	assert_true(c.starttls && c.pipelining && c.smtputf8 &&
	    c.eightbitmime && c.enhancedstatuscodes);
	assert_int_equal(c.size, 10240000);

	parse_ehlo(none, &c);
	assert_false(c.starttls || c.pipelining || c.smtputf8 ||
	    c.eightbitmime || c.enhancedstatuscodes);
	assert_int_equal(c.size, 0);

	parse_ehlo(odd, &c);
	assert_false(c.starttls);
	assert_true(c.pipelining);
	assert_int_equal(c.size, 0);

	parse_ehlo(huge, &c);
	assert_int_equal(c.size, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_table),
		cmocka_unit_test(test_reply_sequence),
		cmocka_unit_test(test_reply_line_bound),
		cmocka_unit_test(test_reply_lines_bound),
		cmocka_unit_test(test_reply_bytes_bound),
		cmocka_unit_test(test_reply_reset),
		cmocka_unit_test(test_reply_copy),
		cmocka_unit_test(test_reply_split_enhanced),
		cmocka_unit_test(test_ehlo_caps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
