/*
 * test_normalize.c - messy input made into addresses (every form the
 * issue lists: full-width ＠ and letters, 。 as a dot, `Name <addr>`,
 * mailto:, quotes and brackets, trailing punctuation, several addresses in
 * one cell) with what was changed; and the hints from the data files: a
 * table of real provider typos with their suggestion, domains that must
 * not get one, role accounts and disposable domains; control characters
 * (SMTP injection) refused whole, never normalized away.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "input/hints.h"
#include "input/intake.h"
#include "input/normalize.h"

struct ncase {
	const char	*in;
	const char	*want;		/* addresses joined by '|' */
	const char	*changes;	/* change names joined by ',' */
};

static void
test_messy_forms(void **state)
{
	static const struct ncase c[] = {
		{ "alice@example.com", "alice@example.com", "" },
		{ "zhang\xef\xbc\xa0qq.com", "zhang@qq.com", "fullwidth" },
		{ "\xef\xbd\x9a\xef\xbd\x88\xef\xbd\x81\xef\xbd\x8e\xef\xbd\x87"
		  "\xef\xbc\xa0\xef\xbd\x91\xef\xbd\x91\xef\xbc\x8e\xef\xbd\x83"
		  "\xef\xbd\x8f\xef\xbd\x8d", "zhang@qq.com", "fullwidth" },
		{ "li\xef\xbc\xa0" "163\xe3\x80\x82" "com", "li@163.com", "fullwidth" },
		{ "Hans M\xc3\xbcller <hans@firma.de>", "hans@firma.de",
		  "display_name" },
		{ "\"M\xc3\xbcller, Hans\" <hans@firma.de>", "hans@firma.de",
		  "display_name" },
		{ "<hans@firma.de>", "hans@firma.de", "" },
		{ "mailto:x@y.test", "x@y.test", "mailto" },
		{ "MAILTO:x@y.test?subject=Hi", "x@y.test", "mailto" },
		{ "\"alice@example.com\"", "alice@example.com", "quotes" },
		{ "'alice@example.com'", "alice@example.com", "quotes" },
		{ "(alice@example.com)", "alice@example.com", "quotes" },
		{ "[alice@example.com]", "alice@example.com", "quotes" },
		{ "\xe2\x80\x9c" "alice@example.com\xe2\x80\x9d", "alice@example.com",
		  "quotes" },
		{ "\xe3\x80\x8c" "alice@example.com\xe3\x80\x8d", "alice@example.com",
		  "quotes" },
		{ "alice@example.com.", "alice@example.com", "trailing_punctuation" },
		{ "alice@example.com;", "alice@example.com", "" },
		{ "alice@example.com!?", "alice@example.com", "trailing_punctuation" },
		{ "a@x.test, b@y.test", "a@x.test|b@y.test", "split" },
		{ "a@x.test; b@y.test;c@z.test", "a@x.test|b@y.test|c@z.test", "split" },
		{ "a@x.test b@y.test", "a@x.test|b@y.test", "split" },
		{ "a@x.test\xef\xbc\x8c" "b@y.test", "a@x.test|b@y.test",
		  "fullwidth,split" },
		{ "a@x.test\xe3\x80\x81" "b@y.test", "a@x.test|b@y.test", "split" },
		{ "Ann <a@x.test>, Bo <b@y.test>", "a@x.test|b@y.test",
		  "display_name,split" },
		{ "Email: a@x.test", "a@x.test", "display_name" },
		{ "mailto:<a@x.test>.", "a@x.test", "mailto,trailing_punctuation" },
		{ "\"a b\"@x.test", "\"a b\"@x.test", "" },
		{ "\xe5\xbc\xa0\xe4\xbc\x9f@\xe4\xbe\x8b\xe5\xad\x90.\xe4\xb8\xad"
		  "\xe5\x9b\xbd", "\xe5\xbc\xa0\xe4\xbc\x9f@\xe4\xbe\x8b\xe5\xad\x90."
		  "\xe4\xb8\xad\xe5\x9b\xbd", "" },
		/* a quoted span is one word: no address cut out of its end */
		{ "=cmd|' /C calc'!A0@ok.test", "=cmd|' /C calc'!A0@ok.test", "" },
		{ "+cmd|` /C calc`!A0@ok.test", "+cmd|` /C calc`!A0@ok.test", "" },
		{ "=cmd|' /C calc;x'!A0@ok.test", "=cmd|' /C calc;x'!A0@ok.test", "" },
		{ "=cmd|' /C calc'!A0 a@x.test", "a@x.test", "display_name" },
		/* apostrophes and the other atext of RFC 5321 stay */
		{ "o'neil@x.test", "o'neil@x.test", "" },
		{ "a=b|c!d@x.test", "a=b|c!d@x.test", "" },
		{ "'o'neil@x.test'", "o'neil@x.test", "quotes" },
		{ "Bob O'Neil o'neil@x.test", "o'neil@x.test", "display_name" },
		{ "'Bob O'Neil' bob@x.test", "bob@x.test", "display_name" },
		{ "Jones' office: jones@x.test", "jones@x.test", "display_name" },
		{ "it's a@x.test; d'arc@y.test", "a@x.test|d'arc@y.test",
		  "display_name,split" },
		{ "'a@x.test', 'b@y.test'", "a@x.test|b@y.test", "quotes,split" },
		/* a note glued to the address in brackets, as Chinese lists
		 * mark the main or the spare one: （备用） 【主】 (main) */
		{ "user@ok.test\xef\xbc\x88\xe5\xa4\x87\xe7\x94\xa8\xef\xbc\x89",
		  "user@ok.test", "fullwidth,display_name" },
		{ "user@ok.test(main)", "user@ok.test", "display_name" },
		{ "user@ok.test[main]", "user@ok.test", "display_name" },
		{ "user@ok.test\xe3\x80\x90\xe4\xb8\xbb\xe3\x80\x91", "user@ok.test",
		  "display_name" },
		{ "\xef\xbc\x88\xe4\xb8\xbb\xef\xbc\x89user@ok.test", "user@ok.test",
		  "fullwidth,display_name" },
		{ "\xe3\x80\x90\xe4\xb8\xbb\xe3\x80\x91user@ok.test", "user@ok.test",
		  "display_name" },
		{ "user@ok.test(main).", "user@ok.test",
		  "display_name,trailing_punctuation" },
		/* a name or a field glued before it by a colon, full-width
		 * or not: 李四：li@x.test, 邮箱:li@x.test, Email:li@x.test */
		{ "\xe6\x9d\x8e\xe5\x9b\x9b\xef\xbc\x9ali@x.test", "li@x.test",
		  "fullwidth,display_name" },
		{ "\xe9\x82\xae\xe7\xae\xb1:li@x.test", "li@x.test",
		  "display_name" },
		{ "Email:li@x.test.", "li@x.test",
		  "display_name,trailing_punctuation" },
		{ "\"a:b\"@x.test", "\"a:b\"@x.test", "" },
		{ "=x(\"a:b@x.test\")", "=x(\"a:b@x.test\")", "" },
		/* a comma typed for the domain's dot: kept whole, to be
		 * refused as written, not cut to li@qq and probed */
		{ "li@qq,com", "li@qq,com", "" },
		{ "li@163\xef\xbc\x8c" "com", "li@163,com", "fullwidth" },
		{ "li@qq,com;b@y.test", "li@qq,com|b@y.test", "split" },
		{ "a@x.test,b@y.test", "a@x.test|b@y.test", "split" },
		{ "a@x,b@y.test", "a@x|b@y.test", "split" },
		{ "a@localhost, Bob", "a@localhost", "display_name" },
		/* spaces typed around the '@': the words beside it are the
		 * address when they make one with a dotted domain; a
		 * name beside it, or no domain, stays as written */
		{ "alice @ ok.test", "alice@ok.test", "spaces" },
		{ "alice@ ok.test", "alice@ok.test", "spaces" },
		{ "alice @ok.test", "alice@ok.test", "spaces" },
		{ "alice\xef\xbc\xa0 ok.test", "alice@ok.test", "fullwidth,spaces" },
		{ "alice\xe3\x80\x80@\xe3\x80\x80ok.test", "alice@ok.test",
		  "fullwidth,spaces" },
		{ "Alice Li alice @ ok.test", "alice@ok.test",
		  "display_name,spaces" },
		{ "alice @ ok.test, bob@y.test", "alice@ok.test|bob@y.test",
		  "split,spaces" },
		{ "alice @ ok.test.", "alice@ok.test",
		  "trailing_punctuation,spaces" },
		{ "Bob @ work", "Bob @ work", "" },
		{ "Bob @ work bob@y.test", "bob@y.test", "display_name" },
		{ "\xe5\xbc\xa0\xe4\xb8\x89 @ok.test", "@ok.test",
		  "display_name" },
		{ "a@x.test @ y.test", "a@x.test", "display_name" },
		/* a slash between two addresses, as lists join a person's
		 * two mailboxes: a domain holds none, so it separates; one
		 * in a local part stays */
		{ "a@x.test/b@y.test", "a@x.test|b@y.test", "split" },
		{ "a@x.test / b@y.test", "a@x.test|b@y.test", "split" },
		{ "a@x.test\xef\xbc\x8f" "b@y.test", "a@x.test|b@y.test",
		  "fullwidth,split" },
		{ "a/b@x.test", "a/b@x.test", "" },
		{ "a@x.test/b", "a@x.test/b", "" },
		{ "a/b@x.test/c/d@y.test", "a/b@x.test|c/d@y.test", "split" },
		/* an address literal's brackets are the address */
		{ "user@[192.0.2.1]", "user@[192.0.2.1]", "" },
		{ "(x)@ok.test", "(x)@ok.test", "" },
		{ "not an address", "not an address", "" },
		{ "", "", "" },
		{ "a@@b", "a@@b", "" },
		{ "caf\xe9@x.test", "caf\xe9@x.test", "" },
	};
	struct normalized nm;
	char got[512], ch[256];
	size_t i, k, n, m;
	unsigned bit;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		normalize_cell(c[i].in, strlen(c[i].in), &nm);
		n = m = 0;
		got[0] = ch[0] = '\0';
		for (k = 0; k < nm.n; k++)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
			    k ? "|" : "", nm.addr[k]);
		for (bit = 1; bit < NORM__LAST; bit <<= 1)
			if (nm.changes & bit)
				m += (size_t)snprintf(ch + m, sizeof(ch) - m, "%s%s",
				    m ? "," : "", normalize_change_name(bit));
		if (strcmp(got, c[i].want) != 0 ||
		    strcmp(ch, c[i].changes) != 0)
			fail_msg("case %zu \"%s\": got \"%s\" [%s], want \"%s\" [%s]",
			    i, c[i].in, got, ch, c[i].want, c[i].changes);
		normalized_free(&nm);
	}
}

/* A cell of thousands of addresses keeps NORM_ADDRS_MAX and counts the rest. */
static void
test_many(void **state)
{
	char buf[4096];
	struct normalized nm;
	size_t n = 0, i;

	(void)state;
	for (i = 0; i < 300 && n + 16 < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "u%zu@x.t,", i);
	normalize_cell(buf, n, &nm);
	assert_int_equal(nm.n, NORM_ADDRS_MAX);
	assert_true(nm.dropped > 0);
	assert_true(nm.changes & NORM_SPLIT);
	normalized_free(&nm);
}

struct tcase {
	const char	*domain;
	const char	*suggest;	/* NULL: none */
};

static void
test_typos(void **state)
{
	static const struct tcase c[] = {
		{ "gmial.com", "gmail.com" }, { "gmai.com", "gmail.com" },
		{ "gmal.com", "gmail.com" }, { "gmail.co", "gmail.com" },
		{ "gmail.con", "gmail.com" }, { "gamil.com", "gmail.com" },
		{ "gmaill.com", "gmail.com" }, { "hotmial.com", "hotmail.com" },
		{ "hotmal.com", "hotmail.com" }, { "hotmail.con", "hotmail.com" },
		{ "yaho.com", "yahoo.com" }, { "yahooo.com", "yahoo.com" },
		{ "yhoo.com", "yahoo.com" }, { "outlok.com", "outlook.com" },
		{ "outlook.co", "outlook.com" }, { "otlook.com", "outlook.com" },
		{ "qq.con", "qq.com" }, { "qq.cm", "qq.com" }, { "qq.co", "qq.com" },
		{ "163.cm", "163.com" }, { "163.con", "163.com" },
		{ "126.cm", "126.com" }, { "foxmial.com", "foxmail.com" },
		{ "sian.com", "sina.com" }, { "iclod.com", "icloud.com" },
		/* as near to sina.com as to sina.cn: no guess */
		{ "sina.cm", NULL },
		{ "aliyun.con", "aliyun.com" },
		/* right, or other real providers: never "corrected" */
		{ "gmail.com", NULL }, { "mail.com", NULL }, { "qq.com", NULL },
		{ "163.com", NULL }, { "126.com", NULL }, { "gmx.com", NULL },
		{ "yahoo.co.jp", NULL }, { "me.com", NULL },
		/* not near any provider */
		{ "firma.de", NULL }, { "example.com", NULL }, { "ok.test", NULL },
		{ "huawei.com", NULL },
	};
	struct addr_notes n;
	char want[128];
	char *w;
	size_t i;

	(void)state;
	w = hints_init();
	if (w != NULL)
		fail_msg("%s", w);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memset(&n, 0, sizeof(n));
		hints_of("alice", c[i].domain, &n);
		if (c[i].suggest == NULL) {
			if (n.suggestion != NULL)
				fail_msg("%s: suggested %s", c[i].domain, n.suggestion);
		} else {
			snprintf(want, sizeof(want), "alice@%s", c[i].suggest);
			if (n.suggestion == NULL ||
			    strcmp(n.suggestion, want) != 0)
				fail_msg("%s: suggested %s, want %s", c[i].domain,
				    n.suggestion ? n.suggestion : "nothing", want);
		}
		notes_free(&n);
	}
}

static void
test_role_disposable(void **state)
{
	struct addr_notes n;
	int i;

	(void)state;
	free(hints_init());
	memset(&n, 0, sizeof(n));
	hints_of("Info", "firma.de", &n);
	assert_true(n.role);
	assert_false(n.disposable);
	hints_of("sales+cn", "firma.de", &n);
	assert_true(n.role);
	hints_of("hans", "firma.de", &n);
	assert_false(n.role);
	hints_of("x", "mailinator.com", &n);
	assert_true(n.disposable);
	hints_of("x", "abc.mailinator.com", &n);
	assert_true(n.disposable);
	hints_of("x", "notmailinator.com", &n);
	assert_false(n.disposable);
	/* the answer kept by domain is the same answer, again and again */
	for (i = 0; i < 3; i++) {
		hints_of("Ann", "gmial.com", &n);
		assert_string_equal(n.suggestion, "Ann@gmail.com");
		hints_of("bo", "example.test", &n);
		assert_null(n.suggestion);
		hints_of("cy", "gmail.com", &n);
		assert_null(n.suggestion);
	}
	notes_free(&n);
	assert_int_equal(hints_distance("gmial.com", "gmail.com", 2), 1);
	assert_int_equal(hints_distance("abc", "abc", 2), 0);
	assert_int_equal(hints_distance("a", "abcdef", 2), 3);
	/* the early stop (two rows past cap) never cuts a near match */
	assert_int_equal(hints_distance("qqqqqqqqq", "gmail.com", 2), 3);
	assert_int_equal(hints_distance("xygmail.com", "gmail.com", 2), 2);
	assert_int_equal(hints_distance("gmail.comxy", "gmail.com", 2), 2);
	assert_int_equal(hints_distance("gmai.lcom", "gmail.com", 2), 1);
	assert_int_equal(hints_distance("mgali.ocm", "gmail.com", 3), 3);
	assert_int_equal(hints_distance("hotmial.con", "hotmail.com", 2), 2);
	hints_free();
}

static void
test_list_parse(void **state)
{
	static const char f[] = "# comment\n\n  Zeta.COM \r\nalpha.com\n#x\n"
	    "beta.com";
	struct strlist l = { 0 };

	(void)state;
	hints_parse_list(f, sizeof(f) - 1, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0], "alpha.com");
	assert_string_equal(l.v[1], "beta.com");
	assert_string_equal(l.v[2], "zeta.com");
	strlist_free(&l);
}

/*
 * An injection attempt is refused as it is, never "cleaned up" into
 * x@ok.test; addresses one to a line (Alt+Enter) are split.
 */
static void
test_intake_controls(void **state)
{
	static const char *const bad[] = {
		"alice\r\nRCPT TO:<x@ok.test>@ok.test",
		"a@x.test\r\nRCPT TO:<x@ok.test>", "a@x.test\nb@y.test\x7f",
		"<a@x.test>\x7f", "a\xc2\x85@x.test",
	};
	struct intake *in;
	size_t i, n;

	(void)state;
	free(hints_init());
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = intake_cell(bad[i], strlen(bad[i]), &in, NULL);
		assert_int_equal(n, 1);
		assert_false(in[0].ok);
		assert_non_null(in[0].why);
		assert_string_equal(in[0].text, bad[i]);
		intake_free(in, n);
	}
	/* Excel's Alt+Enter: addresses one to a line, each as it stands */
	n = intake_cell("a@x.test\r\n b@y.test \n\n", 22, &in, NULL);
	assert_int_equal(n, 2);
	assert_true(in[0].ok && in[1].ok);
	assert_string_equal(in[0].text, "a@x.test");
	assert_string_equal(in[1].text, "b@y.test");
	assert_string_equal(in[1].notes.changes.v[0], "split");
	intake_free(in, n);
	n = intake_cell("a@x.test\r\n", 10, &in, NULL);
	assert_int_equal(n, 1);
	assert_true(in[0].ok);
	assert_string_equal(in[0].text, "a@x.test");
	intake_free(in, n);
	n = intake_cell("Ann <info@gmial.com>", 20, &in, NULL);
	assert_int_equal(n, 1);
	assert_true(in[0].ok);
	assert_string_equal(in[0].text, "info@gmial.com");
	assert_string_equal(in[0].notes.given, "Ann <info@gmial.com>");
	assert_string_equal(in[0].notes.changes.v[0], "display_name");
	assert_null(in[0].notes.suggestion);	/* hints are a step of their own */
	assert_false(in[0].notes.role);
	intake_hints(in, n);
	assert_string_equal(in[0].notes.suggestion, "info@gmail.com");
	assert_true(in[0].notes.role);
	intake_free(in, n);
	hints_free();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messy_forms),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_typos),
		cmocka_unit_test(test_role_disposable),
		cmocka_unit_test(test_list_parse),
		cmocka_unit_test(test_intake_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
