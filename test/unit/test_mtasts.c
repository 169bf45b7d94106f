/*
 * test_mtasts.c - the MTA-STS and TLS-RPT parsers (net/mtasts.c), table
 * driven: TXT records, policy files (valid, invalid, CRLF/LF mixes, 1,000
 * mx lines, the size bound exactly at and past MTASTS_POLICY_MAX), and the
 * mx pattern match of RFC 8461 4.1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "net/mtasts.h"

static void
test_txt(void **state)
{
	static const struct {
		const char *txt;
		int rc;
		const char *id;
	} cases[] = {
		{ "v=STSv1; id=20160831085700Z;", 0, "20160831085700Z" },
		{ "v=STSv1;id=abc", 0, "abc" },
		{ "v=STSv1; id=abc; ext=1", 0, "abc" },
		{ " v=STSv1 ;  id = x1 ", 0, "x1" },
		{ "v=STSv1", -1, NULL },
		{ "id=abc; v=STSv1", -1, NULL },
		{ "v=STSv2; id=abc", -1, NULL },
		{ "v=STSv1; id=", -1, NULL },
		{ "v=STSv1; id=abc-def", -1, NULL },
		{ "v=STSv1; id=123456789012345678901234567890123", -1, NULL },
		{ "", -1, NULL },
	};
	const char *err;
	char *id;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = mtasts_txt_parse(cases[i].txt, strlen(cases[i].txt),
		    &id, &err);

		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d", cases[i].txt, rc);
		if (rc == 0) {
			assert_string_equal(id, cases[i].id);
			free(id);
		} else
			assert_non_null(err);
	}
}

static void
test_policy(void **state)
{
	static const struct {
		const char *text;
		int rc;
		enum mtasts_mode mode;
		long age;
		size_t nmx;
		const char *err;	/* part of the error */
	} cases[] = {
		{ "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
		  "mx: *.example.net\r\nmax_age: 604800\r\n", 0, MTASTS_ENFORCE,
		  604800, 2, NULL },
		{ "version: STSv1\nmode: testing\nmx: a.example\nmax_age: 0", 0,
		  MTASTS_TESTING, 0, 1, NULL },
		{ "version: STSv1\nmode: none\nmax_age: 1\n", 0, MTASTS_NONE, 1,
		  0, NULL },
		{ "version:STSv1\nmode:enforce\nmx:MX.Example.COM.\nmax_age:5\n"
		  "future: thing\n", 0, MTASTS_ENFORCE, 5, 1, NULL },
		{ "mode: enforce\nmx: a.example\nmax_age: 5\n", -1, 0, 0, 0,
		  "version" },
		{ "version: STSv1\nmode: enforce\nmax_age: 5\n", -1, 0, 0, 0,
		  "no mx" },
		{ "version: STSv1\nmode: strict\nmx: a\nmax_age: 5\n", -1, 0, 0,
		  0, "mode" },
		{ "version: STSv1\nmode: enforce\nmx: a\nmax_age: 31557601\n", -1,
		  0, 0, 0, "max_age" },
		{ "version: STSv1\nmode: enforce\nmx: a\nmax_age: -5\n", -1, 0, 0,
		  0, "max_age" },
		{ "version: STSv1\nmode: enforce\nmx: a\nmax_age: 99999999999999\n",
		  -1, 0, 0, 0, "max_age" },
		{ "version: STSv1\nmode: enforce\nmx: a\n", -1, 0, 0, 0,
		  "max_age" },
		{ "version: STSv2\nmode: enforce\nmx: a\nmax_age: 5\n", -1, 0, 0,
		  0, "STSv1" },
		{ "<html>policy</html>", -1, 0, 0, 0, "lacks" },
	};
	struct mtasts_policy p;
	char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = mtasts_policy_parse(cases[i].text,
		    strlen(cases[i].text), &p, &err);

		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %d (%s)", i, rc, err ? err : "");
		if (rc < 0) {
			assert_non_null(err);
			if (strstr(err, cases[i].err) == NULL)
				fail_msg("case %zu: error '%s'", i, err);
			free(err);
			continue;
		}
		assert_int_equal(p.mode, cases[i].mode);
		assert_int_equal(p.max_age, cases[i].age);
		assert_int_equal(p.mx.n, cases[i].nmx);
		mtasts_policy_free(&p);
	}
}

static void
test_policy_hostile(void **state)
{
	struct mtasts_policy p;
	char *big, *err;
	size_t n = 0, i;

	(void)state;
	/* 1,000 mx lines, CRLF and LF mixed: bounded, noted */
	big = malloc(MTASTS_POLICY_MAX + 2);
	n += (size_t)sprintf(big + n, "version: STSv1\r\nmode: enforce\n"
	    "max_age: 10\r\n");
	for (i = 0; i < 1000; i++)
		n += (size_t)sprintf(big + n, "mx: mx%zu.example%s", i,
		    i % 2 ? "\r\n" : "\n");
	assert_int_equal(mtasts_policy_parse(big, n, &p, &err), 0);
	assert_int_equal(p.mx.n, MTASTS_MX_MAX);
	assert_int_equal(p.mx_dropped, 1000 - MTASTS_MX_MAX);
	assert_int_equal(p.notes.n, 2);
	assert_true(mtasts_mx_match(&p, "mx0.example"));
	assert_false(mtasts_mx_match(&p, "mx999.example"));
	mtasts_policy_free(&p);

	/* exactly the bound is read; one byte more is refused */
	memset(big, '\n', MTASTS_POLICY_MAX + 1);
	memcpy(big, "version: STSv1\nmode: none\nmax_age: 1\n", 37);
	assert_int_equal(mtasts_policy_parse(big, MTASTS_POLICY_MAX, &p, &err),
	    0);
	mtasts_policy_free(&p);
	assert_int_equal(mtasts_policy_parse(big, MTASTS_POLICY_MAX + 1, &p,
	    &err), -1);
	assert_non_null(strstr(err, "larger than"));
	free(err);

	/* an overlong line and a NUL */
	memset(big, 'x', 2000);
	assert_int_equal(mtasts_policy_parse(big, 2000, &p, &err), -1);
	free(err);
	assert_int_equal(mtasts_policy_parse("version: STSv1\0x", 16, &p,
	    &err), -1);
	free(err);
	free(big);
}

static void
test_match(void **state)
{
	static const char pol[] = "version: STSv1\nmode: enforce\nmax_age: 1\n"
	    "mx: mail.example.com\nmx: *.example.net\nmx: bad*.example.org\n"
	    "mx: *\nmx: a.example.c..\nmx: .lead.example\nmx: a..b\n";
	struct mtasts_policy p;
	char *err;

	(void)state;
	assert_int_equal(mtasts_policy_parse(pol, strlen(pol), &p, &err), 0);
	assert_int_equal(p.mx.n, 2);		/* the five bad patterns ignored */
	assert_true(mtasts_mx_match(&p, "mail.example.com"));
	assert_true(mtasts_mx_match(&p, "MAIL.Example.COM."));
	assert_false(mtasts_mx_match(&p, "x.mail.example.com"));
	assert_true(mtasts_mx_match(&p, "mx1.example.net"));
	assert_false(mtasts_mx_match(&p, "example.net"));
	assert_false(mtasts_mx_match(&p, "a.b.example.net"));
	assert_false(mtasts_mx_match(&p, ".example.net"));
	assert_false(mtasts_mx_match(&p, "badx.example.org"));
	mtasts_policy_free(&p);
}

static void
test_tlsrpt(void **state)
{
	struct strlist rua = { 0 };
	const char *err;
	const char *t1 = "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example/x";

	(void)state;
	assert_int_equal(tlsrpt_txt_parse(t1, strlen(t1), &rua, &err), 0);
	assert_int_equal(rua.n, 2);
	assert_string_equal(rua.v[1], "https://r.example/x");
	strlist_free(&rua);
	assert_int_equal(tlsrpt_txt_parse("v=TLSRPTv1;", 11, &rua, &err), -1);
	assert_non_null(strstr(err, "no rua"));
	assert_int_equal(tlsrpt_txt_parse("rua=mailto:x", 12, &rua, &err), -1);
	strlist_free(&rua);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txt),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_policy_hostile),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_tlsrpt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
