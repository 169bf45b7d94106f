/*
 * test_authres.c - Authentication-Results, ARC-Authentication-Results,
 * Received-SPF, DKIM-Signature and From: as Gmail, Microsoft, Yahoo,
 * Coremail and OpenDMARC/rspamd write them; then hostile text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/authres.h"
#include "explain/orgdomain.h"

static const struct ar_result *
find(const struct authres *a, const char *method)
{
	size_t i;

	for (i = 0; i < a->nres; i++)
		if (strcmp(a->res[i].method, method) == 0)
			return &a->res[i];
	fail_msg("no %s result", method);
	return NULL;
}

static void
test_gmail(void **state)
{
	static const char v[] = "mx.google.com;\r\n"
	    "       dkim=pass header.i=@amazonses.com header.s=gdwg2y3kokkkj5a55z2ilkup5wp5hhxx header.b=FxxfSHRK;\r\n"
	    "       spf=pass (google.com: domain of x@us-west-2.amazonses.com designates 54.240.27.116 as permitted sender) smtp.mailfrom=x@us-west-2.amazonses.com;\r\n"
	    "       dmarc=fail (p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com";
	struct authres a;
	const struct ar_result *r;

	(void)state;
	assert_int_equal(authres_parse(v, sizeof(v) - 1, false, &a), 3);
	assert_string_equal(a.authserv_id, "mx.google.com");
	r = find(&a, "dkim");
	assert_string_equal(r->result, "pass");
	assert_string_equal(r->header_d, "amazonses.com");
	assert_string_equal(r->header_s, "gdwg2y3kokkkj5a55z2ilkup5wp5hhxx");
	r = find(&a, "spf");
	assert_string_equal(r->client_ip, "54.240.27.116");
	assert_string_equal(r->mailfrom, "x@us-west-2.amazonses.com");
	r = find(&a, "dmarc");
	assert_string_equal(r->result, "fail");
	assert_string_equal(r->policy, "none");
	assert_string_equal(r->header_from, "gmail.com");
	assert_int_equal(a.flags, 0);
}

static void
test_microsoft(void **state)
{
	static const char v[] = "spf=softfail (sender IP is 203.0.113.5)\r\n"
	    " smtp.mailfrom=example.com; dkim=none (message not signed)\r\n"
	    " header.d=none;dmarc=fail action=quarantine\r\n"
	    " header.from=example.com;compauth=fail reason=001";
	struct authres a;
	const struct ar_result *r;

	(void)state;
	assert_int_equal(authres_parse(v, sizeof(v) - 1, false, &a), 4);
	assert_string_equal(a.authserv_id, "");
	assert_true(a.flags & AR_F_NO_ID);
	r = find(&a, "spf");
	assert_string_equal(r->result, "softfail");
	assert_string_equal(r->client_ip, "203.0.113.5");
	r = find(&a, "dmarc");
	assert_string_equal(r->action, "quarantine");
	r = find(&a, "compauth");
	assert_string_equal(r->result, "fail");
	assert_string_equal(r->reason, "001");
}

static void
test_yahoo_coremail_arc(void **state)
{
	static const char y[] = "atlas-production.v2.mail.yahoo.com; dkim=pass "
	    "header.i=@example.com header.s=s1; spf=pass smtp.mailfrom=example.com;"
	    " dmarc=pass(p=REJECT) header.from=example.com;";
	static const char c[] = "mx19; spf=pass smtp.mail=0101@us-west-2.amazonses.com;"
	    " dkim=\n\tpass header.i=@amazonses.com";
	static const char arc[] = "i=2; mx.microsoft.com 1; spf=pass (sender ip is"
	    " 198.51.100.4) smtp.rcpttodomain=example.org smtp.mailfrom=example.com;"
	    " dmarc=pass (p=reject sp=reject pct=100) action=none header.from=example.com;"
	    " dkim=pass (signature was verified) header.d=example.com; arc=none";
	static const char none[] = "mx.example.org; none";
	static const char ver[] = "mx.example.org 1; auth=pass smtp.auth=alice";
	struct authres a;

	(void)state;
	assert_int_equal(authres_parse(y, sizeof(y) - 1, false, &a), 3);
	assert_string_equal(find(&a, "dmarc")->policy, "reject");
	assert_string_equal(find(&a, "dkim")->header_d, "example.com");
	assert_int_equal(authres_parse(c, sizeof(c) - 1, false, &a), 2);
	assert_string_equal(a.authserv_id, "mx19");
	assert_string_equal(find(&a, "dkim")->result, "pass");
	assert_string_equal(find(&a, "spf")->mailfrom,
	    "0101@us-west-2.amazonses.com");
	assert_int_equal(authres_parse(arc, sizeof(arc) - 1, true, &a), 4);
	assert_int_equal(a.arc_instance, 2);
	assert_string_equal(a.authserv_id, "mx.microsoft.com");
	assert_string_equal(find(&a, "spf")->client_ip, "198.51.100.4");
	assert_string_equal(find(&a, "dmarc")->policy, "reject");
	assert_string_equal(find(&a, "arc")->result, "none");
	assert_int_equal(authres_parse(none, sizeof(none) - 1, false, &a), 0);
	assert_true(a.none);
	assert_int_equal(authres_parse(ver, sizeof(ver) - 1, false, &a), 1);
	assert_string_equal(a.authserv_id, "mx.example.org");
	assert_int_equal(authres_parse("", 0, false, &a), -1);
	assert_int_equal(authres_parse(";;;", 3, false, &a), -1);
}

static void
test_received_spf(void **state)
{
	static const char g[] = "pass (google.com: domain of a@example.com "
	    "designates 54.240.27.116 as permitted sender) client-ip=54.240.27.116;";
	static const char p[] = "Softfail (mailfrom) identity=mailfrom; "
	    "client-ip=203.0.113.5; helo=mail.example.com; "
	    "envelope-from=\"a@example.com\"; receiver=mx.example.org";
	struct authres a;

	(void)state;
	assert_int_equal(authres_parse_received_spf(g, sizeof(g) - 1, &a), 1);
	assert_string_equal(a.authserv_id, "google.com");
	assert_string_equal(a.res[0].result, "pass");
	assert_string_equal(a.res[0].client_ip, "54.240.27.116");
	assert_int_equal(authres_parse_received_spf(p, sizeof(p) - 1, &a), 1);
	assert_string_equal(a.authserv_id, "mx.example.org");
	assert_string_equal(a.res[0].result, "softfail");
	assert_string_equal(a.res[0].helo, "mail.example.com");
	assert_string_equal(a.res[0].mailfrom, "a@example.com");
	assert_int_equal(authres_parse_received_spf("", 0, &a), -1);
}

static void
test_dkim_from(void **state)
{
	static const char sig[] = "v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;\r\n"
	    "\ts=gdwg2y3kokkkj5a55z2ilkup5wp5hhxx; d=AmazonSES.com; t=1580526353;\r\n"
	    "\th=From:To:Subject; bh=Cdy=; b=hrSTg\r\n\t+rjOQ=";
	struct dkim_sig d;
	char dom[RCVD_HOST_MAX];

	(void)state;
	assert_int_equal(authres_parse_dkim_sig(sig, sizeof(sig) - 1, &d), 0);
	assert_string_equal(d.d, "amazonses.com");
	assert_string_equal(d.s, "gdwg2y3kokkkj5a55z2ilkup5wp5hhxx");
	assert_string_equal(d.a, "rsa-sha256");
	assert_int_equal(authres_parse_dkim_sig("v=1; s=x", 8, &d), -1);

	assert_int_equal(authres_from_domain("\"Sales <sales@fake.example>\" "
	    "<Sales@Example.COM>", 47, dom), 0);
	assert_string_equal(dom, "example.com");
	assert_int_equal(authres_from_domain("a@b.example (A)", 15, dom), 0);
	assert_string_equal(dom, "b.example");
	assert_int_equal(authres_from_domain("=?UTF-8?B?5byg5LiJ?= <zhang@"
	    "example.cn>", 38, dom), 0);
	assert_string_equal(dom, "example.cn");
	assert_int_equal(authres_from_domain("no address", 10, dom), -1);
}

static void
test_orgdomain(void **state)
{
	char o[ORGDOM_MAX];

	(void)state;
	assert_true(orgdom_get("DB5EUR03FT012.mail.protection.outlook.com.", o));
	assert_string_equal(o, "outlook.com");
	assert_true(orgdom_get("a.b.example.co.uk", o));
	assert_string_equal(o, "example.co.uk");
	assert_false(orgdom_get("mx19", o));
	assert_false(orgdom_get("192.0.2.1", o));
	assert_false(orgdom_get("com", o));
	assert_true(orgdom_same_operator("gmail.com", "google.com"));
	assert_true(orgdom_same_operator("163.com", "126.com"));
	assert_false(orgdom_same_operator("gmail.com", "outlook.com"));
	assert_false(orgdom_same_operator("", ""));
	assert_true(orgdom_ip_private("10.1.2.3"));
	assert_true(orgdom_ip_private("172.31.0.1"));
	assert_false(orgdom_ip_private("172.32.0.1"));
	assert_true(orgdom_ip_private("100.64.0.1"));
	assert_true(orgdom_ip_private("::1"));
	assert_true(orgdom_ip_private("fd00::1"));
	assert_true(orgdom_ip_private("::ffff:192.168.1.1"));
	assert_false(orgdom_ip_private("2603:10a6:20b:11::22"));
	assert_false(orgdom_ip_private("203.0.113.5"));
}

/* 1 MB of results, controls, unclosed comments and quotes: bounded. */
static void
test_hostile(void **state)
{
	static const char inj[] = "x; dkim=pass\x1b[2J header.d=a\0b";
	struct authres a;
	struct dkim_sig d;
	char dom[RCVD_HOST_MAX];
	char *big;
	size_t i, n = 1024 * 1024;

	(void)state;
	big = malloc(n);
	assert_non_null(big);
	memcpy(big, "mx.example.org", 14);
	for (i = 14; i + 9 < n; i += 9)
		memcpy(big + i, ";spf=pass", 9);
	memset(big + i, ' ', n - i);
	assert_int_equal(authres_parse(big, n, false, &a), AUTHRES_RESULTS_MAX);
	assert_true(a.flags & AR_F_TRUNCATED);
	memset(big, '(', n);
	(void)authres_parse(big, n, true, &a);
	(void)authres_parse_received_spf(big, n, &a);
	(void)authres_parse_dkim_sig(big, n, &d);
	(void)authres_from_domain(big, n, dom);
	memset(big, '"', n);
	(void)authres_parse(big, n, false, &a);
	(void)authres_from_domain(big, n, dom);
	free(big);
	assert_int_equal(authres_parse(inj, sizeof(inj) - 1, false, &a), 1);
	assert_true(a.flags & AR_F_CONTROL);
	assert_string_equal(a.res[0].result, "pass");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gmail),
		cmocka_unit_test(test_microsoft),
		cmocka_unit_test(test_yahoo_coremail_arc),
		cmocka_unit_test(test_received_spf),
		cmocka_unit_test(test_dkim_from),
		cmocka_unit_test(test_orgdomain),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
