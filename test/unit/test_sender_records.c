/*
 * test_sender_records.c - the sender's record checks without a network:
 * DMARC (dmarc.c: parse, organisational-domain fallback, two records,
 * external rua authorization), DKIM keys (dkim.c: revoked, testing, RSA
 * sizes measured, ed25519, junk), reverse DNS (ptr.c: missing, FCrDNS,
 * generic names, HELO) and DNSBL answers (dnsbl.c: listed, PBL, error
 * answers, answers outside 127/8, many answers, self-test, IPv6 nibbles)
 * over the mock DNS, with the lists from data/dnsbl.json.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meaning/catalog.h"
#include "base/exitcode.h"
#include "sender/checks.h"
#include "sender/dkim.h"
#include "sender/dmarc.h"
#include "sender/dnsbl.h"
#include "sender/provider.h"
#include "sender/ptr.h"
#include "sender/sender_out.h"
#include "reports/sndreport.h"
#include "mockdns.h"

#define K512	"MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMa/lvk7xez9zP+q2ryCoq4FjpEXaDNNUSqzXybeja1VADKSYBAH97qkNo1uu35vATsP7FqXa8COGRY4i7kHZo0CAwEAAQ=="
#define K1024	"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDQ9uDPFGbrZ6PiYvBVXIcKkFoYwxb3mrRc19VT9ejTTCZEv9gbHY19guC5e7WIECJJ7rf5UAsWP2HJn8lZLTLcVmg7XwfNLbdZt43osX60MnJ1oo68r0XIRWuJ6Yq+yOu3SujBeQAFeDkZCeoGbJUS8gPGuukbDGCgF2TWSpKiYQIDAQAB"
#define K2048	"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwHDZJchIZzoc6kjWwMk6UtKeASsuY7KERbj+s4z3sGkBDnLkvwMpUS18Lvn2whIebg+B4OUL9JI8vUVb+TW44L7pmxfIK+PIv6CId607oedhM4BPJpdcFE/pLlRBRVB0cq9FukNLLUyqriaq0tO5Adi7l1k9i+ymSHJPOEbFvS97IM3v/PKkUYy1eD7RnfNV08hjgC4s6Qk9Rnwz2xeF0ovSYob8TIU0ncTgdT4jWV83L6dvoI6ND75eK7qN1s8Tc8S8SQmRR9vAfQwIW+Y7H8hH+0EIbzGi1SYkfsg4RhGSSPErMYKznzR76nfxNPo1OvqkwyeV4UDl+IkkCe1IgQIDAQAB"

static void
test_dmarc(void **state)
{
	struct mock m = { 0 };
	struct sender_dns dns;
	struct dmarc_result r;

	(void)state;
	mock_add(&m, "_dmarc.reject.test", DNS_T_TXT,
	    "v=DMARC1; p=reject; sp=quarantine; pct=50; adkim=s; rua=mailto:d@reject.test,mailto:x@reports.example; ruf=mailto:f@reject.test");
	mock_add(&m, "_dmarc.none.test", DNS_T_TXT, "v=DMARC1; p=none");
	mock_add(&m, "_dmarc.two.test", DNS_T_TXT, "v=DMARC1; p=reject");
	mock_add(&m, "_dmarc.two.test", DNS_T_TXT, "v=DMARC1; p=none");
	mock_add(&m, "_dmarc.bad.test", DNS_T_TXT, "v=DMARC1; p=maybe");
	mock_add(&m, "_dmarc.ruaonly.test", DNS_T_TXT, "v=DMARC1; rua=mailto:a@ruaonly.test");
	mock_add(&m, "_dmarc.example.co.uk", DNS_T_TXT, "v=DMARC1; p=quarantine");
	mock_add(&m, "reject.test._report._dmarc.reports.example", DNS_T_TXT, "v=DMARC1");
	mock_add(&m, "_dmarc.ext.test", DNS_T_TXT, "v=DMARC1; p=reject; rua=mailto:r@unauth.example");
	mock_add(&m, "_dmarc.fail.test", 0, "");
	dns = mock_dns(&m);

	dmarc_check(&dns, "reject.test", &r);
	assert_int_equal(r.status, DMARC_OK);
	assert_string_equal(r.p, "reject");
	assert_string_equal(r.sp, "quarantine");
	assert_int_equal(r.pct, 50);
	assert_int_equal(r.adkim, 's');
	assert_int_equal(r.aspf, 'r');
	assert_true(r.ruf);
	assert_int_equal(r.nrua, 2);
	assert_false(r.rua[0].external);
	assert_true(r.rua[1].external);
	assert_int_equal(r.rua[1].authorized, 1);
	dmarc_clear(&r);

	dmarc_check(&dns, "ext.test", &r);
	assert_int_equal(r.rua[0].authorized, 0);
	dmarc_clear(&r);

	dmarc_check(&dns, "none.test", &r);
	assert_string_equal(r.p, "none");
	dmarc_clear(&r);

	dmarc_check(&dns, "two.test", &r);
	assert_int_equal(r.status, DMARC_MULTIPLE);
	dmarc_clear(&r);

	dmarc_check(&dns, "bad.test", &r);
	assert_int_equal(r.status, DMARC_INVALID);
	dmarc_clear(&r);

	dmarc_check(&dns, "ruaonly.test", &r);
	assert_int_equal(r.status, DMARC_OK);
	assert_string_equal(r.p, "none");
	dmarc_clear(&r);

	dmarc_check(&dns, "missing.test", &r);
	assert_int_equal(r.status, DMARC_NONE);
	dmarc_clear(&r);

	/* The organisational domain's record applies to a subdomain. */
	dmarc_check(&dns, "mail.example.co.uk", &r);
	assert_int_equal(r.status, DMARC_OK);
	assert_true(r.inherited);
	assert_string_equal(r.at, "_dmarc.example.co.uk");
	dmarc_clear(&r);

	dmarc_check(&dns, "fail.test", &r);
	assert_int_equal(r.status, DMARC_TEMPERROR);
	dmarc_clear(&r);
	mock_free(&m);
}

static void
test_dkim(void **state)
{
	static const char *const sel[] = { "good", "small", "weak", "revoked", "testing",
		"junk", "ed", "none" };
	struct mock m = { 0 };
	struct sender_dns dns;
	struct dkim_key k[8];
	size_t i;

	(void)state;
	mock_add(&m, "good._domainkey.d.test", DNS_T_TXT, "v=DKIM1; k=rsa; p=" K2048);
	mock_add(&m, "small._domainkey.d.test", DNS_T_TXT, "v=DKIM1; p=" K1024);
	mock_add(&m, "weak._domainkey.d.test", DNS_T_TXT, "k=rsa; p=" K512);
	mock_add(&m, "revoked._domainkey.d.test", DNS_T_TXT, "v=DKIM1; k=rsa; p=");
	mock_add(&m, "testing._domainkey.d.test", DNS_T_TXT, "v=DKIM1; t=y; p=" K2048);
	mock_add(&m, "junk._domainkey.d.test", DNS_T_TXT, "v=DKIM1; p=AAAAnotakey==");
	mock_add(&m, "ed._domainkey.d.test", DNS_T_TXT,
	    "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
	dns = mock_dns(&m);
	assert_true(dkim_check(&dns, "d.test", sel, 8, k));
	assert_int_equal(k[0].status, DKIM_KEY_OK);
	assert_int_equal(k[0].bits, 2048);
	assert_int_equal(k[1].bits, 1024);
	assert_int_equal(k[2].bits, 512);
	assert_int_equal(k[3].status, DKIM_KEY_REVOKED);
	assert_true(k[4].testing);
	assert_int_equal(k[5].status, DKIM_KEY_INVALID);
	assert_int_equal(k[6].status, DKIM_KEY_OK);
	assert_string_equal(k[6].k, "ed25519");
	assert_int_equal(k[7].status, DKIM_KEY_ABSENT);
	for (i = 0; i < 8; i++)
		dkim_key_clear(&k[i]);
	mock_free(&m);
}

static void
test_ptr(void **state)
{
	struct mock m = { 0 };
	struct sender_dns dns;
	struct ptr_result p;
	struct ipaddr a;

	(void)state;
	mock_add(&m, "10.2.0.192.in-addr.arpa", DNS_T_PTR, "mail.good.test");
	mock_add(&m, "mail.good.test", DNS_T_A, "192.0.2.10");
	mock_add(&m, "11.2.0.192.in-addr.arpa", DNS_T_PTR, "other.good.test");
	mock_add(&m, "other.good.test", DNS_T_A, "192.0.2.99");
	mock_add(&m, "12.2.0.192.in-addr.arpa", DNS_T_PTR, "192-0-2-12.dyn.isp.test");
	mock_add(&m, "192-0-2-12.dyn.isp.test", DNS_T_A, "192.0.2.12");
	mock_add(&m, "13.2.0.192.in-addr.arpa", DNS_T_PTR, "adsl-pool7.isp.test");
	mock_add(&m, "15.2.0.192.in-addr.arpa", DNS_T_PTR, "192-0-2-15.static.hoster.test");
	mock_add(&m, "192-0-2-15.static.hoster.test", DNS_T_A, "192.0.2.15");
	dns = mock_dns(&m);

	ipaddr_parse("192.0.2.10", &a);
	assert_true(ptr_check(&dns, &a, "mail.good.test", &p));
	assert_string_equal(p.name, "mail.good.test");
	assert_true(p.fcrdns);
	assert_false(p.generic);
	assert_true(p.helo_resolves && p.helo_matches);
	ptr_clear(&p);

	ipaddr_parse("192.0.2.11", &a);
	ptr_check(&dns, &a, "mail.good.test", &p);
	assert_false(p.fcrdns);		/* mismatched */
	assert_true(p.helo_resolves);
	assert_false(p.helo_matches);
	ptr_clear(&p);

	ipaddr_parse("192.0.2.12", &a);
	ptr_check(&dns, &a, NULL, &p);
	assert_true(p.fcrdns);
	assert_true(p.generic);
	/* the line's word outranks the digits: a home or dynamic line */
	assert_string_equal(p.generic_why, "dyn");
	assert_true(p.line);
	ptr_clear(&p);

	ipaddr_parse("192.0.2.13", &a);
	ptr_check(&dns, &a, NULL, &p);
	assert_true(p.generic);
	assert_string_equal(p.generic_why, "adsl");
	assert_true(p.line);
	ptr_clear(&p);

	/* a hosting company's numbered name: generic, no line's word */
	ipaddr_parse("192.0.2.15", &a);
	ptr_check(&dns, &a, NULL, &p);
	assert_true(p.generic && p.fcrdns);
	assert_string_equal(p.generic_why, "the IP's digits");
	assert_false(p.line);
	ptr_clear(&p);

	ipaddr_parse("192.0.2.14", &a);
	ptr_check(&dns, &a, NULL, &p);
	assert_true(p.missing);
	assert_null(p.name);
	ptr_clear(&p);
	mock_free(&m);
}

static const struct dnsbl_list *
list_by_id(const struct dnsbl_set *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->lists[i].id, id) == 0)
			return &s->lists[i];
	fail_msg("no list %s", id);
	return NULL;
}

/*
 * info (an optional record absent) never changes the exit status; warn and
 * unknown do.
 */
static void
test_checks_exit(void **state)
{
	static struct sender_checks cs;

	(void)state;
	assert_string_equal(check_status_name(CHECK_INFO), "info");
	cs.n = 2;
	cs.v[0].status = CHECK_INFO;
	cs.v[1].status = CHECK_PASS;
	assert_int_equal(checks_exit(&cs), MX_EXIT_OK);
	cs.v[1].status = CHECK_WARN;
	assert_int_equal(checks_exit(&cs), MX_EXIT_UNSURE);
	cs.v[1].status = CHECK_UNKNOWN;
	assert_int_equal(checks_exit(&cs), MX_EXIT_UNSURE);
	cs.v[0].status = CHECK_FAIL;
	assert_int_equal(checks_exit(&cs), MX_EXIT_NO);
}

/*
 * Only private IPs given, no domain: each is its finding's subject and the
 * detail says what it is, in both languages; no blank "-" subject.
 */
static void
test_private_ips_only(void **state)
{
	static const struct dnsbl_set none;
	static struct sender_report rep;
	static struct sender_checks cs;
	struct sender_opts opts;
	char *zh;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.lists = &none;
	opts.ips[opts.nips++] = "192.168.1.10";
	opts.ips[opts.nips++] = "::ffff:10.0.0.1";
	opts.ips[opts.nips++] = "192.168.1.10";
	rep.opts = &opts;
	checks_build(&rep, &cs);
	assert_int_equal(cs.n, 2);
	assert_string_equal(cs.v[0].id, "sending_ips");
	assert_int_equal(cs.v[0].status, CHECK_WARN);
	assert_string_equal(cs.v[0].subject, "192.168.1.10");
	assert_string_equal(cs.v[1].subject, "10.0.0.1");
	assert_string_equal(cs.v[0].detail, "a private address, used only inside your network: "
	    "receiving servers see your public sending IP; give that one");
	zh = catalog_tr_text(LANG_ZH, cs.v[0].detail);
	assert_string_equal(zh, "内网地址，只在您的网络内部使用：收件服务器看到的是您的公网发信 IP，"
	    "请给出那个 IP");
	free(zh);
	checks_free(&cs);
}

/*
 * Every meaning and advice in data/dnsbl.json is said in Chinese too (catalog.c
 * tr_zh).
 */
static void
test_dnsbl_meanings_zh(void **state)
{
	struct dnsbl_set set;
	const struct dnsbl_list *l;
	char *err = NULL;
	size_t i, k;

	(void)state;
	if (!dnsbl_load("data/dnsbl.json", &set, &err))
		fail_msg("%s", err);
	for (i = 0; i < set.n; i++) {
		l = &set.lists[i];
		for (k = 0; k < l->ncodes; k++) {
			if (strcmp(catalog_tr(LANG_ZH, l->codes[k].meaning), l->codes[k].meaning) == 0)
				fail_msg("no Chinese for %s: \"%s\"", l->id, l->codes[k].meaning);
			if (l->codes[k].advice != NULL &&
			    strcmp(catalog_tr(LANG_ZH, l->codes[k].advice), l->codes[k].advice) == 0)
				fail_msg("no Chinese for %s: \"%s\"", l->id, l->codes[k].advice);
		}
		for (k = 0; k < l->nerrors; k++)
			if (strcmp(catalog_tr(LANG_ZH, l->errors[k].meaning), l->errors[k].meaning) == 0)
				fail_msg("no Chinese for %s: \"%s\"", l->id, l->errors[k].meaning);
	}
	dnsbl_free(&set);
}

/*
 * The server's reply in a finding stays as the server wrote it in the
 * Chinese checklist: the quoted words are not a sentence of ours, so
 * "...>: Recipient address rejected: User unknown" keeps its colons
 * (it became "...>：Recipient address rejected：User unknown").
 */
static void
test_reply_quoted_zh(void **state)
{
	char *zh;

	(void)state;
	zh = catalog_tr_text(LANG_ZH, "postmaster@x.test is refused: undeliverable, the server "
	    "replied 550 <postmaster@x.test>: Recipient address rejected: User unknown");
	assert_non_null(strstr(zh, "postmaster@x.test 被拒收："));
	assert_non_null(strstr(zh, "<postmaster@x.test>: Recipient address rejected: User "
	    "unknown”"));
	free(zh);
	/* a record quoted in an SPF reason: as it is */
	zh = catalog_tr_text(LANG_ZH, "SPF of x.test: pass (matched \"ip4:192.0.2.1\" in the "
	    "record of x.test)");
	assert_non_null(strstr(zh, "“ip4:192.0.2.1”"));
	free(zh);
}

/*
 * A data file whose one list has the one code range given is refused, saying
 * why.
 */
static void
bad_dnsbl(const char *code, const char *why)
{
	struct dnsbl_set set;
	char *err = NULL;
	FILE *f = fopen("build/test/bad-dnsbl.json", "w");

	assert_non_null(f);
	fprintf(f, "{\"lists\":[{\"id\":\"x\",\"name\":\"X\",\"zone\":\"x.test\","
	    "\"codes\":[%s]}]}", code);
	fclose(f);
	assert_false(dnsbl_load("build/test/bad-dnsbl.json", &set, &err));
	assert_non_null(strstr(err, why));
	free(err);
}

static void
test_dnsbl(void **state)
{
	struct dnsbl_set set;
	const struct dnsbl_list *zen, *uribl, *spamcop, *dbl;
	struct mock m = { 0 };
	struct sender_dns dns;
	struct dnsbl_verdict v;
	struct ipaddr a, a6;
	char q[320], *err = NULL, *cause;
	size_t i;

	(void)state;
	if (!dnsbl_load("data/dnsbl.json", &set, &err))
		fail_msg("%s", err);
	for (i = 0; i < set.n; i++)
		assert_null(strstr(set.lists[i].zone, "sorbs"));
	zen = list_by_id(&set, "spamhaus-zen");
	uribl = list_by_id(&set, "uribl");
	spamcop = list_by_id(&set, "spamcop");
	dbl = list_by_id(&set, "spamhaus-dbl");
	ipaddr_parse("192.0.2.1", &a);
	ipaddr_parse("2001:db8::1", &a6);
	assert_true(dnsbl_qname(zen, &a, NULL, NULL, q, sizeof(q)));
	assert_string_equal(q, "1.2.0.192.zen.spamhaus.org");
	assert_true(dnsbl_qname(zen, &a, NULL, "KEY", q, sizeof(q)));
	assert_string_equal(q, "1.2.0.192.KEY.zen.dq.spamhaus.net");
	assert_true(dnsbl_qname(zen, &a6, NULL, NULL, q, sizeof(q)));
	assert_string_equal(q, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org");
	assert_false(dnsbl_qname(spamcop, &a6, NULL, NULL, q, sizeof(q)));	/* no IPv6 */
	assert_false(dnsbl_qname(dbl, &a, NULL, NULL, q, sizeof(q)));
	assert_true(dnsbl_qname(dbl, NULL, "example.test", NULL, q, sizeof(q)));
	assert_string_equal(q, "example.test.dbl.spamhaus.org");

	mock_add(&m, "2.0.0.127.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "2.0.0.127.zen.spamhaus.org", DNS_T_A, "127.0.0.4");
	mock_add(&m, "1.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "2.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.10");
	mock_add(&m, "3.2.0.192.zen.spamhaus.org", DNS_T_A, "127.255.255.254");
	mock_add(&m, "4.2.0.192.zen.spamhaus.org", DNS_T_A, "203.0.113.7");
	mock_add(&m, "5.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.11");
	mock_add(&m, "5.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.3");
	mock_add(&m, "6.2.0.192.zen.spamhaus.org", 0, "");
	mock_add(&m, "9.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.9");
	mock_add(&m, "10.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.9");
	mock_add(&m, "10.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "11.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.4");
	mock_add(&m, "11.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "x.test.multi.uribl.com", DNS_T_A, "127.0.0.1");
	mock_add(&m, "12.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.50");
	mock_add(&m, "12.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.40");
	mock_add(&m, "13.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.40");
	mock_add(&m, "13.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.50");
	for (i = 0; i < 300; i++) {
		char ip[32];

		snprintf(ip, sizeof(ip), "127.0.%zu.%zu", i / 200, i % 200 + 2);
		mock_add(&m, "7.2.0.192.zen.spamhaus.org", DNS_T_A, ip);
	}
	dns = mock_dns(&m);
#define VERDICT(list, name) (dnsbl_interpret(list, sdns_get(&dns, name, DNS_T_A), &v), v.state)
	assert_int_equal(VERDICT(zen, "1.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);
	assert_string_equal(v.code, "127.0.0.2");
	assert_non_null(strstr(v.meaning, "SBL"));
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "2.2.0.192.zen.spamhaus.org"), DNSBL_POLICY);
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "3.2.0.192.zen.spamhaus.org"), DNSBL_UNKNOWN);
	assert_non_null(strstr(v.cause, "public or open resolvers"));
	assert_non_null(strstr(v.cause, "--dnsbl-resolver"));
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "4.2.0.192.zen.spamhaus.org"), DNSBL_UNKNOWN);
	assert_non_null(strstr(v.cause, "outside 127.0.0.0/8"));
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "5.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);	/* CSS beats PBL */
	assert_string_equal(v.code, "127.0.0.3");
	assert_false(v.hits[0].neighbours);	/* CSS: the address's own listing */
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "9.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);	/* DROP alone */
	assert_true(v.hits[0].neighbours);
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "10.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);	/* DROP + SBL */
	assert_string_equal(v.code, "127.0.0.2");
	assert_false(v.hits[0].neighbours);
	dnsbl_verdict_clear(&v);
	/* XBL and SBL, equals: the lowest code, whatever the records' order */
	assert_int_equal(VERDICT(zen, "11.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);
	assert_string_equal(v.code, "127.0.0.2");
	dnsbl_verdict_clear(&v);
	/*
	 * codes the list does not document, in either order: the same one said
	 */
	assert_int_equal(VERDICT(zen, "12.2.0.192.zen.spamhaus.org"), DNSBL_UNKNOWN);
	assert_string_equal(v.cause, "answer 127.0.0.40 is not a code this list documents");
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "13.2.0.192.zen.spamhaus.org"), DNSBL_UNKNOWN);
	assert_string_equal(v.cause, "answer 127.0.0.40 is not a code this list documents");
	assert_string_equal(v.code, "127.0.0.40");
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "6.2.0.192.zen.spamhaus.org"), DNSBL_UNKNOWN);	/* timeout */
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "8.2.0.192.zen.spamhaus.org"), DNSBL_CLEAN);
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(zen, "7.2.0.192.zen.spamhaus.org"), DNSBL_LISTED);	/* many answers */
	dnsbl_verdict_clear(&v);
	assert_int_equal(VERDICT(uribl, "x.test.multi.uribl.com"), DNSBL_UNKNOWN);
	assert_non_null(strstr(v.cause, "refuses"));
	dnsbl_verdict_clear(&v);
	assert_int_equal(dnsbl_selftest(&dns, zen, NULL, &cause), 1);
	assert_int_equal(dnsbl_selftest(&dns, spamcop, NULL, &cause), 0);	/* 127.0.0.2 not listed */
	assert_non_null(strstr(cause, "self-test failed"));
	free(cause);
	mock_free(&m);
	dnsbl_free(&set);

	/* Bad data files are refused with a reason. */
	{
		bad_dnsbl("{\"from\":\"127.0.0.9\",\"to\":\"127.0.0.2\",\"meaning\":\"m\"}",
		    "range");
		bad_dnsbl("{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"scope\":\"range\","
		    "\"meaning\":\"m\"}", "scope");
		bad_dnsbl("{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"meaning\":\"m\","
		    "\"advice\":5}", "advice");
		assert_false(dnsbl_load("build/test/no-such-file.json", &set, &err));
		free(err);
	}
}

/*
 * Every listing code of one answer is kept (Spamhaus ZEN lists one IP as
 * SBL 127.0.0.2 and XBL 127.0.0.4: spam AND an infected machine), worst
 * first whatever the records' order; the worst makes the verdict; a list
 * answering 50 codes keeps DNSBL_HITS_MAX and counts the rest.  The
 * finding's detail, its Chinese and the JSON carry them all.
 */
static void
test_dnsbl_codes(void **state)
{
	static struct sender_report rep;
	struct sender_opts opts;
	struct sender_checks cs;
	struct dnsbl_set set;
	const struct dnsbl_list *zen, *surbl;
	struct mock m = { 0 };
	struct sender_dns dns;
	struct dnsbl_verdict v, w;
	json_t *o, *listing, *codes;
	char ip[32], *err = NULL, *zh;
	size_t i, k, zi = 0;

	(void)state;
	if (!dnsbl_load("data/dnsbl.json", &set, &err))
		fail_msg("%s", err);
	zen = list_by_id(&set, "spamhaus-zen");
	surbl = list_by_id(&set, "surbl");
	mock_add(&m, "20.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.4");
	mock_add(&m, "20.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "21.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "21.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.4");
	mock_add(&m, "21.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");	/* twice: once */
	mock_add(&m, "22.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.10");
	mock_add(&m, "22.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.9");
	mock_add(&m, "22.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.4");
	for (i = 0; i < 50; i++) {
		snprintf(ip, sizeof(ip), "127.0.0.%zu", 51 - i);
		mock_add(&m, "many.test.multi.surbl.org", DNS_T_A, ip);
	}
	dns = mock_dns(&m);

	dnsbl_interpret(zen, sdns_get(&dns, "20.2.0.192.zen.spamhaus.org", DNS_T_A), &v);
	dnsbl_interpret(zen, sdns_get(&dns, "21.2.0.192.zen.spamhaus.org", DNS_T_A), &w);
	assert_int_equal(v.state, DNSBL_LISTED);
	assert_int_equal(v.nhits, 2);
	assert_int_equal(v.hits_omitted, 0);
	assert_string_equal(v.code, "127.0.0.2");
	assert_string_equal(v.hits[0].code, "127.0.0.2");
	assert_non_null(strstr(v.hits[0].meaning, "SBL"));
	assert_string_equal(v.hits[1].code, "127.0.0.4");
	assert_non_null(strstr(v.hits[1].meaning, "XBL"));
	/*
	 * each code's own advice: XBL is an infected machine to clean, not spam
	 */
	assert_non_null(strstr(v.hits[0].advice, "SBL: "));
	assert_non_null(strstr(v.hits[1].advice, "infected or is an open proxy"));
	/*
	 * the other record order, a duplicate: the same codes in the same order
	 */
	assert_int_equal(w.nhits, 2);
	for (k = 0; k < 2; k++) {
		assert_string_equal(w.hits[k].code, v.hits[k].code);
		assert_ptr_equal(w.hits[k].meaning, v.hits[k].meaning);
	}
	dnsbl_verdict_clear(&w);

	/*
	 * XBL, DROP and PBL: the IP's own first, then its network's, then
	 * policy
	 */
	dnsbl_interpret(zen, sdns_get(&dns, "22.2.0.192.zen.spamhaus.org", DNS_T_A), &w);
	assert_int_equal(w.state, DNSBL_LISTED);
	assert_false(w.hits[0].neighbours);
	assert_int_equal(w.nhits, 3);
	assert_string_equal(w.hits[0].code, "127.0.0.4");
	assert_string_equal(w.hits[1].code, "127.0.0.9");
	assert_true(w.hits[1].neighbours);
	assert_string_equal(w.hits[2].code, "127.0.0.10");
	assert_true(w.hits[2].policy);
	dnsbl_verdict_clear(&w);

	/*
	 * 50 codes in one answer: DNSBL_HITS_MAX kept, the lowest, the rest
	 * counted
	 */
	dnsbl_interpret(surbl, sdns_get(&dns, "many.test.multi.surbl.org", DNS_T_A), &w);
	assert_int_equal(w.state, DNSBL_LISTED);
	assert_int_equal(w.nhits, DNSBL_HITS_MAX);
	assert_int_equal(w.hits_omitted, 50 - DNSBL_HITS_MAX);
	assert_string_equal(w.hits[0].code, "127.0.0.2");
	snprintf(ip, sizeof(ip), "127.0.0.%d", DNSBL_HITS_MAX + 1);
	assert_string_equal(w.hits[DNSBL_HITS_MAX - 1].code, ip);
	dnsbl_verdict_clear(&w);

	/* the finding, its Chinese and the JSON name both codes */
	memset(&opts, 0, sizeof(opts));
	opts.lists = &set;
	memset(&rep, 0, sizeof(rep));
	rep.opts = &opts;
	rep.nips = 1;
	ipaddr_parse("192.0.2.20", &rep.ips[0].a);
	rep.ips[0].source = xstrdup("--ip");
	for (i = 0; i < set.n; i++) {
		if (&set.lists[i] == zen)
			zi = i;
		rep.ips[0].v[i].state = DNSBL_CLEAN;
	}
	rep.ips[0].v[zi] = v;
	checks_build(&rep, &cs);
	for (i = 0; i < cs.n && strcmp(cs.v[i].id, "dnsbl") != 0; i++)
		;
	assert_true(i < cs.n);
	assert_int_equal(cs.v[i].status, CHECK_FAIL);
	assert_non_null(strstr(cs.v[i].detail, "Spamhaus ZEN (127.0.0.2: SBL: "));
	assert_non_null(strstr(cs.v[i].detail, "; 127.0.0.4: XBL: an infected"));
	zh = catalog_tr_text(LANG_ZH, cs.v[i].detail);
	assert_non_null(strstr(zh, "SBL：被 Spamhaus"));
	assert_non_null(strstr(zh, "127.0.0.4：XBL：有中毒"));
	free(zh);
	/*
	 * a later code whose meaning has an aside in parentheses: still whole
	 */
	zh = catalog_tr_text(LANG_ZH, "listed on Spamhaus DBL (127.0.1.2: the domain is listed "
	    "for spam, phishing, malware or botnet use; 127.0.1.102: an abused legitimate domain "
	    "(spam links or redirects through it))");
	assert_non_null(strstr(zh, "127.0.1.102：被滥用的正常域名（垃圾邮件里的链接或跳转用到了它）"));
	free(zh);
	assert_int_equal(checks_exit(&cs), MX_EXIT_NO);
	o = sender_to_json(&rep, &cs, LANG_EN);
	listing = json_array_get(json_object_get(json_array_get(json_object_get(o, "ips"), 0),
	    "listings"), 0);
	assert_string_equal(json_string_value(json_object_get(listing, "code")), "127.0.0.2");
	codes = json_object_get(listing, "codes");
	assert_int_equal(json_array_size(codes), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(codes, 1), "code")),
	    "127.0.0.4");
	assert_string_equal(json_string_value(json_object_get(json_array_get(codes, 1), "scope")),
	    "own");
	assert_non_null(strstr(json_string_value(json_object_get(json_array_get(codes, 1),
	    "advice")), "open proxy"));
	assert_int_equal(json_integer_value(json_object_get(listing, "codes_omitted")), 0);
	json_decref(o);
	checks_free(&cs);
	free(rep.ips[0].source);
	dnsbl_verdict_clear(&v);
	mock_free(&m);
	dnsbl_free(&set);
}

/* The finding of id among cs's (one IP), NULL when absent. */
static const struct sender_check *
check_of(const struct sender_checks *cs, const char *id)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].id, id) == 0)
			return &cs->v[i];
	return NULL;
}

/*
 * The findings of one IP whose verdict at list l of set is v (the others
 * clean).
 */
static void
network_build(const struct dnsbl_set *set, const struct dnsbl_list *l,
    const struct dnsbl_verdict *v, struct sender_report *rep,
    struct sender_opts *opts, struct sender_checks *cs)
{
	static char source[] = "--ip";
	size_t i;

	memset(opts, 0, sizeof(*opts));
	opts->lists = set;
	memset(rep, 0, sizeof(*rep));
	rep->opts = opts;
	rep->nips = 1;
	ipaddr_parse("192.0.2.10", &rep->ips[0].a);
	rep->ips[0].source = source;
	for (i = 0; i < set->n; i++)
		rep->ips[0].v[i].state = DNSBL_CLEAN;
	rep->ips[0].v[l - set->lists] = *v;
	checks_build(rep, cs);
}

/*
 * A code whose scope is the network (data/dnsbl.json "scope":
 * "neighbours": Spamhaus DROP, the netblock hijacked or run by spammers)
 * lists the IP's network even when the same answer also lists the IP
 * itself (SBL with DROP, as Spamhaus answers): the neighbourhood check
 * says so, with that code, and the IP's own finding keeps its own codes.
 * Decided by the code's scope in the data, not by its number: a list of
 * the test's own with a network code 127.0.0.7 does the same; a policy
 * code (PBL) is never a network listing.
 */
static void
test_dnsbl_network_codes(void **state)
{
	static struct sender_report rep;
	struct sender_opts opts;
	struct sender_checks cs;
	struct dnsbl_set set, own;
	const struct dnsbl_list *zen, *x;
	const struct sender_check *c;
	struct mock m = { 0 };
	struct sender_dns dns;
	struct dnsbl_verdict v;
	json_t *o, *ip, *nb;
	char *err = NULL, *zh;
	static char direct[] = "--message";
	FILE *f;

	(void)state;
	if (!dnsbl_load("data/dnsbl.json", &set, &err))
		fail_msg("%s", err);
	f = fopen("build/test/net-dnsbl.json", "w");
	assert_non_null(f);
	fputs("{\"lists\":[{\"id\":\"x\",\"name\":\"X\",\"zone\":\"x.test\",\"scope\":\"own\","
	    "\"codes\":[{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"meaning\":\"spam seen\"},"
	    "{\"from\":\"127.0.0.7\",\"to\":\"127.0.0.7\",\"scope\":\"neighbours\","
	    "\"meaning\":\"a bad network\",\"advice\":\"ask for another network\"},"
	    "{\"from\":\"127.0.0.10\",\"to\":\"127.0.0.10\",\"class\":\"policy\","
	    "\"meaning\":\"a dial-up range\"}]}]}", f);
	fclose(f);
	if (!dnsbl_load("build/test/net-dnsbl.json", &own, &err))
		fail_msg("%s", err);
	zen = list_by_id(&set, "spamhaus-zen");
	x = list_by_id(&own, "x");
	mock_add(&m, "10.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.9");
	mock_add(&m, "10.2.0.192.zen.spamhaus.org", DNS_T_A, "127.0.0.2");
	mock_add(&m, "10.2.0.192.x.test", DNS_T_A, "127.0.0.2");
	mock_add(&m, "10.2.0.192.x.test", DNS_T_A, "127.0.0.7");
	mock_add(&m, "11.2.0.192.x.test", DNS_T_A, "127.0.0.10");
	mock_add(&m, "11.2.0.192.x.test", DNS_T_A, "127.0.0.7");
	dns = mock_dns(&m);

	/* Spamhaus SBL with DROP: the IP is listed, and so is its network */
	dnsbl_interpret(zen, sdns_get(&dns, "10.2.0.192.zen.spamhaus.org", DNS_T_A), &v);
	network_build(&set, zen, &v, &rep, &opts, &cs);
	c = check_of(&cs, "dnsbl");
	assert_int_equal(c->status, CHECK_FAIL);
	assert_non_null(strstr(c->detail, "Spamhaus ZEN (127.0.0.2: SBL"));
	assert_null(strstr(c->detail, "127.0.0.9"));
	c = check_of(&cs, "dnsbl_neighbours");
	assert_int_equal(c->status, CHECK_WARN);
	assert_string_equal(c->detail, "Spamhaus ZEN (127.0.0.9: DROP: the network around this "
	    "address is a hijacked or criminal netblock)");
	zh = catalog_tr_text(LANG_ZH, c->detail);
	assert_string_equal(zh, "Spamhaus ZEN（127.0.0.9：DROP：这个 IP 所在的网段被劫持或用于犯罪）");
	free(zh);
	/* the JSON: the list among the IP's listings and its neighbours, each
	 * headed by the worst code of its scope, both with the whole answer */
	o = sender_to_json(&rep, &cs, LANG_EN);
	ip = json_array_get(json_object_get(o, "ips"), 0);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(ip, "listings"), 0), "code")), "127.0.0.2");
	nb = json_array_get(json_object_get(ip, "neighbours"), 0);
	assert_non_null(nb);
	assert_string_equal(json_string_value(json_object_get(nb, "list")), "Spamhaus ZEN");
	assert_string_equal(json_string_value(json_object_get(nb, "code")), "127.0.0.9");
	assert_false(json_is_true(json_object_get(nb, "policy")));
	assert_int_equal(json_array_size(json_object_get(nb, "codes")), 2);
	json_decref(o);
	checks_free(&cs);
	dnsbl_verdict_clear(&v);

	/*
	 * the same rule on another list: its code 127.0.0.7 is a network code
	 */
	dnsbl_interpret(x, sdns_get(&dns, "10.2.0.192.x.test", DNS_T_A), &v);
	network_build(&own, x, &v, &rep, &opts, &cs);
	assert_int_equal(check_of(&cs, "dnsbl")->status, CHECK_FAIL);
	assert_string_equal(check_of(&cs, "dnsbl")->detail, "listed on: X (127.0.0.2: spam seen)");
	assert_int_equal(check_of(&cs, "dnsbl_neighbours")->status, CHECK_WARN);
	assert_string_equal(check_of(&cs, "dnsbl_neighbours")->detail,
	    "X (127.0.0.7: a bad network)");
	checks_free(&cs);
	dnsbl_verdict_clear(&v);

	/*
	 * a network code beside a policy one: the policy listing stays the IP's
	 */
	dnsbl_interpret(x, sdns_get(&dns, "11.2.0.192.x.test", DNS_T_A), &v);
	network_build(&own, x, &v, &rep, &opts, &cs);
	assert_int_equal(check_of(&cs, "dnsbl")->status, CHECK_WARN);
	assert_string_equal(check_of(&cs, "dnsbl")->detail,
	    "policy listing only: X (127.0.0.10: a dial-up range)");
	assert_int_equal(check_of(&cs, "dnsbl_neighbours")->status, CHECK_WARN);
	assert_string_equal(check_of(&cs, "dnsbl_neighbours")->detail,
	    "X (127.0.0.7: a bad network)");
	checks_free(&cs);
	/* an IP the domain's SPF names sends directly: the detail says so */
	rep.ips[0].spf = SPF_PASS;
	checks_build(&rep, &cs);
	assert_int_equal(check_of(&cs, "dnsbl")->status, CHECK_WARN);
	assert_non_null(strstr(check_of(&cs, "dnsbl")->detail,
	    "(127.0.0.10: a dial-up range); the domain's SPF record names this IP"));
	checks_free(&cs);
	/* a PC that sent our --message straight to the recipient's server:
	 * it did what the list's users refuse, a failure with its advice */
	rep.ips[0].spf = SPF_FAIL;
	rep.ips[0].source = direct;
	opts.message_direct = true;
	checks_build(&rep, &cs);
	assert_int_equal(check_of(&cs, "dnsbl")->status, CHECK_FAIL);
	assert_string_equal(check_of(&cs, "dnsbl")->key, "sender.dnsbl.direct");
	assert_string_equal(check_of(&cs, "dnsbl")->detail, "on a policy list: X (127.0.0.10: "
	    "a dial-up range)");
	checks_free(&cs);
	dnsbl_verdict_clear(&v);
	mock_free(&m);
	dnsbl_free(&own);
	dnsbl_free(&set);
}

/*
 * The findings of IP ip (v4 or v6) whose verdicts at the lists of set are
 * v[] (NULL: clean, or not supported where the list cannot answer for the
 * address, as run.c decides).
 */
static void
lists_build(const struct dnsbl_set *set, const char *ip,
    const struct dnsbl_verdict *const v[], struct sender_report *rep,
    struct sender_opts *opts, struct sender_checks *cs)
{
	static char source[] = "--ip";
	char q[320];
	size_t i;

	memset(opts, 0, sizeof(*opts));
	opts->lists = set;
	memset(rep, 0, sizeof(*rep));
	rep->opts = opts;
	rep->nips = 1;
	ipaddr_parse(ip, &rep->ips[0].a);
	rep->ips[0].source = source;
	for (i = 0; i < set->n; i++)
		if (v[i] != NULL)
			rep->ips[0].v[i] = *v[i];
		else
			rep->ips[0].v[i].state = dnsbl_qname(&set->lists[i], &rep->ips[0].a, NULL,
			    NULL, q, sizeof(q)) ? DNSBL_CLEAN : DNSBL_UNSUPPORTED;
	checks_build(rep, cs);
}

/* The detail of finding id among cs's, in language lang (owned). */
static char *
detail_of(const struct sender_checks *cs, const char *id, enum check_status st,
    enum lang lang)
{
	const struct sender_check *c = check_of(cs, id);

	assert_non_null(c);
	if (c->status != st)
		fail_msg("%s is %s, not %s: %s", id, check_status_name(c->status),
		    check_status_name(st), c->detail);
	return catalog_tr_text(lang, c->detail);
}

#define DETAIL_IS(cs, id, st, lang, want) do {					\
	char *d_ = detail_of(cs, id, st, lang);					\
	assert_string_equal(d_, want);						\
	free(d_);								\
} while (0)

/*
 * Made-up lists: O of the IP itself (IPv6 too); M of the IP and, by some
 * codes, of its network (as Spamhaus ZEN has DROP beside SBL; its policy
 * code is the IP's own whatever its scope), IPv6 too; N of networks only,
 * IPv4 only, with an error code that refuses the resolver.
 */
static void
netlists_load(struct dnsbl_set *set)
{
	char *err = NULL;
	FILE *f;

	f = fopen("build/test/netlists-dnsbl.json", "w");
	assert_non_null(f);
	fputs("{\"lists\":["
	    "{\"id\":\"o\",\"name\":\"O\",\"zone\":\"o.test\",\"ipv6\":true,\"scope\":\"own\","
	    "\"codes\":[{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"meaning\":\"spam seen\"}]},"
	    "{\"id\":\"m\",\"name\":\"M\",\"zone\":\"m.test\",\"ipv6\":true,\"scope\":\"own\","
	    "\"codes\":[{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"meaning\":\"spam seen\"},"
	    "{\"from\":\"127.0.0.9\",\"to\":\"127.0.0.9\",\"scope\":\"neighbours\",\"meaning\":\"n\"},"
	    "{\"from\":\"127.0.0.10\",\"to\":\"127.0.0.11\",\"class\":\"policy\",\"scope\":"
	    "\"neighbours\",\"meaning\":\"a dial-up range\"},"
	    "{\"from\":\"127.0.0.12\",\"to\":\"127.0.0.13\",\"scope\":\"neighbours\","
	    "\"meaning\":\"n\"}]},"
	    "{\"id\":\"n\",\"name\":\"N\",\"zone\":\"n.test\",\"ipv6\":false,\"scope\":\"neighbours\","
	    "\"codes\":[{\"from\":\"127.0.0.2\",\"to\":\"127.0.0.2\",\"meaning\":\"bad network\"}],"
	    "\"errors\":[{\"from\":\"127.255.255.254\",\"to\":\"127.255.255.254\",\"meaning\":"
	    "\"N refuses this resolver\",\"resolver\":true}]}]}", f);
	fclose(f);
	if (!dnsbl_load("build/test/netlists-dnsbl.json", set, &err))
		fail_msg("%s", err);
}

/*
 * Which lists are network lists comes from the codes' scope in the data
 * alone: a list with a network code (M) is asked for the network as much
 * as a list of networks only (N), and is named with the codes it was
 * asked for there.  So an IPv6 address that only M can answer for is
 * checked, not "not checked"; the pass names what was asked and what
 * cannot answer, and N, no list of the IP's own, is not named under the
 * IP's own finding.
 */
static void
test_dnsbl_network_lists(void **state)
{
	static struct sender_report rep;
	const struct dnsbl_verdict *v[3] = { NULL, NULL, NULL };
	struct dnsbl_verdict none = { .state = DNSBL_UNSUPPORTED };
	struct sender_opts opts;
	struct sender_checks cs;
	struct dnsbl_set set;

	(void)state;
	netlists_load(&set);
	assert_int_equal(dnsbl_part_codes(&set.lists[1], false, NULL, 0), 2);
	assert_int_equal(dnsbl_part_codes(&set.lists[1], true, NULL, 0), 2);
	assert_int_equal(dnsbl_part_codes(&set.lists[0], true, NULL, 0), 0);
	assert_int_equal(dnsbl_part_codes(&set.lists[2], false, NULL, 0), 0);

	/*
	 * IPv4: M (its network codes; its policy code is the IP's own) and N
	 * asked
	 */
	lists_build(&set, "192.0.2.10", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl", CHECK_PASS, LANG_EN, "not listed on the 2 lists asked");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_PASS, LANG_EN, "the IP's network is not listed "
	    "on the 2 network lists asked: M (127.0.0.9, 127.0.0.12-127.0.0.13); N");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_PASS, LANG_ZH, "查询了 2 个网段黑名单，这个 IP "
	    "所在的网段都没有列入：M（127.0.0.9, 127.0.0.12-127.0.0.13）；N");
	checks_free(&cs);

	/* IPv6: M answers for its network, N cannot */
	lists_build(&set, "2001:db8::1", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl", CHECK_PASS, LANG_EN, "not listed on the 2 lists asked");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_PASS, LANG_EN, "the IP's network is not listed "
	    "on the 1 network list asked: M (127.0.0.9, 127.0.0.12-127.0.0.13); not supported "
	    "for this address (no IPv6): N");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_PASS, LANG_ZH, "查询了 1 个网段黑名单，这个 IP "
	    "所在的网段没有列入：M（127.0.0.9, 127.0.0.12-127.0.0.13）；以下网段黑名单不支持这"
	    "个地址（不支持 IPv6）：N");
	checks_free(&cs);
	/* no network list that answers for it: not checked, and said which */
	v[1] = &none;
	lists_build(&set, "2001:db8::1", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_INFO, LANG_EN, "the 2 network lists do not "
	    "support this address (no IPv6): M, N; its network was not checked");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_INFO, LANG_ZH, "2 个网段黑名单不支持这个地址"
	    "（不支持 IPv6）：M, N；没有检查它所在的网段");
	checks_free(&cs);
	dnsbl_free(&set);
}

/*
 * A list without a usable answer (an error code, an undocumented answer,
 * no answer in time) leaves unknown only the findings it speaks of, and
 * each finding names only its own lists' errors: O's is not the
 * network's, N's not the IP's own; M's, of both parts, is both.
 */
static void
test_dnsbl_part_errors(void **state)
{
	static struct sender_report rep;
	const struct dnsbl_verdict *v[3] = { NULL, NULL, NULL };
	struct dnsbl_verdict vo = { 0 }, vn = { 0 }, need = { .state = DNSBL_NEED };
	struct sender_opts opts;
	struct sender_checks cs;
	struct dnsbl_set set;
	struct mock m = { 0 };
	struct sender_dns dns;

	(void)state;
	netlists_load(&set);
	mock_add(&m, "10.2.0.192.o.test", DNS_T_A, "127.0.0.5");
	mock_add(&m, "10.2.0.192.n.test", DNS_T_A, "127.255.255.254");
	dns = mock_dns(&m);
	dnsbl_interpret(&set.lists[0], sdns_get(&dns, "10.2.0.192.o.test", DNS_T_A), &vo);
	dnsbl_interpret(&set.lists[2], sdns_get(&dns, "10.2.0.192.n.test", DNS_T_A), &vn);
	v[0] = &vo;
	v[2] = &vn;
	lists_build(&set, "192.0.2.10", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl", CHECK_UNKNOWN, LANG_EN,
	    "O: answer 127.0.0.5 is not a code this list documents");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_UNKNOWN, LANG_EN, "N: answer 127.255.255.254: "
	    "N refuses this resolver; ask through a resolver of your own: --dnsbl-resolver ADDR, "
	    "or --recursive");
	checks_free(&cs);
	/* the network list's error alone leaves the IP's own finding a pass */
	v[0] = NULL;
	lists_build(&set, "192.0.2.10", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl", CHECK_PASS, LANG_EN, "not listed on the 2 lists asked");
	assert_int_equal(check_of(&cs, "dnsbl_neighbours")->status, CHECK_UNKNOWN);
	checks_free(&cs);
	/* and the IP's own list's error alone leaves the network's a pass */
	v[0] = &vo;
	v[2] = NULL;
	lists_build(&set, "192.0.2.10", v, &rep, &opts, &cs);
	assert_int_equal(check_of(&cs, "dnsbl")->status, CHECK_UNKNOWN);
	assert_int_equal(check_of(&cs, "dnsbl_neighbours")->status, CHECK_PASS);
	checks_free(&cs);
	/* a list of both parts without an answer: neither part was checked */
	v[0] = NULL;
	v[1] = &need;
	lists_build(&set, "192.0.2.10", v, &rep, &opts, &cs);
	DETAIL_IS(&cs, "dnsbl", CHECK_UNKNOWN, LANG_EN, "M: no answer before the deadline");
	DETAIL_IS(&cs, "dnsbl_neighbours", CHECK_UNKNOWN, LANG_EN,
	    "M: no answer before the deadline");
	checks_free(&cs);
	dnsbl_verdict_clear(&vo);
	dnsbl_verdict_clear(&vn);
	mock_free(&m);
	dnsbl_free(&set);
}

static void
test_provider(void **state)
{
	static const char *const mx_g[] = { "aspmx.l.google.com", "alt1.aspmx.l.google.com" };
	static const char *const spf_ms[] = { "spf.protection.outlook.com" };
	static const char *const ptr_cp[] = { "cpanel12.myhost.example" };
	static const char *const mx_own[] = { "mail.example.com" };
	struct provider_set set;
	struct provider_evidence ev;
	const struct provider *p;
	char why[320], *err = NULL;

	(void)state;
	if (!provider_load("data/providers.json", &set, &err))
		fail_msg("%s", err);
	memset(&ev, 0, sizeof(ev));
	ev.mx = mx_g;
	ev.nmx = 2;
	p = provider_identify(&set, &ev, why, sizeof(why));
	assert_non_null(p);
	assert_string_equal(p->name, "Google Workspace");
	assert_string_equal(why, "MX aspmx.l.google.com");
	memset(&ev, 0, sizeof(ev));
	ev.spf = spf_ms;
	ev.nspf = 1;
	p = provider_identify(&set, &ev, why, sizeof(why));
	assert_string_equal(p->name, "Microsoft 365");
	memset(&ev, 0, sizeof(ev));
	ev.ptr = ptr_cp;
	ev.nptr = 1;
	p = provider_identify(&set, &ev, why, sizeof(why));
	assert_true(p != NULL && p->shared_hosting);
	memset(&ev, 0, sizeof(ev));
	ev.mx = mx_own;
	ev.nmx = 1;
	assert_null(provider_identify(&set, &ev, why, sizeof(why)));
	provider_free(&set);
}

/*
 * The SPF result of the sending IP in the Chinese checklist: none, neutral
 * and softfail in Chinese words with the protocol's word in parentheses,
 * as pass, fail and permerror are (it said "SPF：none").
 */
static void
test_spf_ip_zh(void **state)
{
	static const struct {
		enum spf_result	 spf;
		const char	*why;
		const char	*zh;
	} cases[] = {
		{ SPF_NONE, NULL, "a.test 的 SPF：没有记录（none）：没有 v=spf1 记录" },
		{ SPF_SOFTFAIL, "matched ~all", "a.test 的 SPF：软失败（softfail）：" },
		{ SPF_SOFTFAIL, NULL, "a.test 的 SPF：软失败（softfail）" },
		{ SPF_NEUTRAL, "matched ?all", "a.test 的 SPF：中立（neutral）：" },
		{ SPF_NEUTRAL, NULL, "a.test 的 SPF：中立（neutral）" },
	};
	static struct sender_report rep;
	static struct sender_checks cs;
	struct sender_opts opts;
	struct dnsbl_set set = { 0 };
	size_t i, k;
	char *zh;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		memset(&opts, 0, sizeof(opts));
		opts.domain = "a.test";
		opts.lists = &set;
		memset(&rep, 0, sizeof(rep));
		rep.opts = &opts;
		rep.has_domain = true;
		rep.nips = 1;
		ipaddr_parse("192.0.2.20", &rep.ips[0].a);
		rep.ips[0].spf = cases[k].spf;
		rep.ips[0].spf_why = (char *)cases[k].why;
		checks_build(&rep, &cs);
		for (i = 0; i < cs.n && strcmp(cs.v[i].id, "spf_pass") != 0; i++)
			;
		assert_true(i < cs.n);
		zh = catalog_tr_text(LANG_ZH, cs.v[i].detail);
		if (strncmp(zh, cases[k].zh, strlen(cases[k].zh)) != 0)
			fail_msg("\"%s\" in Chinese: \"%s\"", cs.v[i].detail, zh);
		free(zh);
		checks_free(&cs);
	}
}

/*
 * The line naming whom shared advice is for (sender_advice_for) is one
 * function for the terminal and the page: each subject once, the
 * language's comma, nothing for one subject.  Three IPs without a PTR
 * record get the same line under the one PTR advice on the terminal
 * (sender_print) and on the page (sndreport_html over sender_to_json), in
 * both languages.
 */
static void
test_advice_for_alike(void **state)
{
	static const char *const three[] = { "192.0.2.1", "192.0.2.2", "192.0.2.1" };
	static const char *const ips[] = { "192.0.2.1", "192.0.2.2", "192.0.2.3" };
	static const char *const want[] = { "For these 2: 192.0.2.1, 192.0.2.2",
	    "适用于这 2 项：192.0.2.1，192.0.2.2" };
	static const char *const line3[] = { "For these 3: 192.0.2.1, 192.0.2.2, "
	    "192.0.2.3", "适用于这 3 项：192.0.2.1，192.0.2.2，192.0.2.3" };
	static const struct dnsbl_set none;
	static struct sender_report rep;
	static struct sender_checks cs;
	static const enum lang langs[] = { LANG_EN, LANG_ZH };
	struct sender_opts opts;
	char *line, *text, *page;
	size_t i, len;
	json_t *o;
	FILE *fp;

	(void)state;
	for (i = 0; i < 2; i++) {
		line = sender_advice_for(langs[i], three, 3);
		assert_string_equal(line, want[i]);
		free(line);
		assert_null(sender_advice_for(langs[i], three, 1));
		assert_null(sender_advice_for(langs[i], (const char *const[]){ "a", "a" }, 2));
		assert_null(sender_advice_for(langs[i], three, 0));
	}
	memset(&opts, 0, sizeof(opts));
	opts.lists = &none;
	rep.opts = &opts;
	rep.complete = true;
	rep.nips = 3;
	for (i = 0; i < rep.nips; i++) {
		ipaddr_parse(ips[i], &rep.ips[i].a);
		rep.ips[i].spf = SPF_NEED;
		rep.ips[i].ptr.done = true;
		rep.ips[i].ptr.missing = true;
	}
	checks_build(&rep, &cs);
	for (i = 0; i < 2; i++) {
		fp = open_memstream(&text, &len);
		sender_print(fp, &rep, &cs, langs[i]);
		fclose(fp);
		o = sender_to_json(&rep, &cs, langs[i]);
		fp = open_memstream(&page, &len);
		sndreport_html(fp, o, langs[i]);
		fclose(fp);
		if (strstr(text, line3[i]) == NULL || strstr(page, line3[i]) == NULL)
			fail_msg("\"%s\" on the terminal:\n%s\nand the page:\n%s", line3[i],
			    text, page);
		free(text);
		free(page);
		json_decref(o);
	}
	checks_free(&cs);
}

/*
 * The PTR row in Chinese names reverse DNS once: its title 反向解析, then
 * "没有 PTR 记录", not "没有 PTR 记录（反向解析）" again after it.
 */
/*
 * A generic PTR name with a home or dynamic line's word (dyn, dsl, pool):
 * its own advice, to send through a mail server rather than ask the line's
 * provider for a PTR; a hosting company's numbered name keeps ptr.warn's
 * (the IP's owner sets one).
 */
static void
test_ptr_line(void **state)
{
	static const struct dnsbl_set none;
	static struct sender_report rep;
	static struct sender_checks cs;
	static char name[] = "72-2-0-192.dyn.isp.example", why[] = "dyn";
	struct sender_opts opts;
	const struct sender_check *c;
	char *zh;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.lists = &none;
	rep.opts = &opts;
	rep.complete = true;
	rep.nips = 1;
	ipaddr_parse("192.0.2.72", &rep.ips[0].a);
	rep.ips[0].spf = SPF_PASS;
	rep.ips[0].ptr.done = true;
	rep.ips[0].ptr.name = name;
	rep.ips[0].ptr.generic = true;
	rep.ips[0].ptr.generic_why = why;
	rep.ips[0].ptr.line = true;
	checks_build(&rep, &cs);
	c = check_of(&cs, "ptr");
	assert_int_equal(c->status, CHECK_WARN);
	assert_string_equal(c->key, "sender.ptr.line");
	assert_string_equal(c->detail, "72-2-0-192.dyn.isp.example looks like the name of "
	    "a home or dynamic line (dyn)");
	assert_non_null(strstr(catalog_label(LANG_EN, c->key), "do not ask for a PTR record: "
	    "send through your provider's or your company's mail server instead"));
	assert_non_null(strstr(catalog_label(LANG_ZH, c->key), "不必申请 PTR 记录：请改为通过"
	    "服务商或公司的邮件服务器发信"));
	zh = catalog_tr_text(LANG_ZH, c->detail);
	assert_string_equal(zh, "72-2-0-192.dyn.isp.example 看起来是家庭宽带或动态 IP 线路的"
	    "名称（dyn）");
	free(zh);
	checks_free(&cs);
	rep.ips[0].ptr.line = false;
	checks_build(&rep, &cs);
	assert_string_equal(check_of(&cs, "ptr")->key, "sender.ptr.warn");
	checks_free(&cs);
}

static void
test_ptr_row_zh(void **state)
{
	static const struct dnsbl_set none;
	static struct sender_report rep;
	static struct sender_checks cs;
	struct sender_opts opts;
	char *text, *row, *end;
	size_t len;
	FILE *fp;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	opts.lists = &none;
	rep.opts = &opts;
	rep.complete = true;
	rep.nips = 1;
	ipaddr_parse("192.0.2.70", &rep.ips[0].a);
	rep.ips[0].spf = SPF_NEED;
	rep.ips[0].ptr.done = true;
	rep.ips[0].ptr.missing = true;
	checks_build(&rep, &cs);
	fp = open_memstream(&text, &len);
	sender_print(fp, &rep, &cs, LANG_ZH);
	fclose(fp);
	row = strstr(text, "\xe2\x9c\x97 反向解析  192.0.2.70：");
	if (row == NULL || (end = strchr(row, '\n')) == NULL)
		fail_msg("no PTR row:\n%s", text);
	*end = '\0';
	assert_string_equal(row, "\xe2\x9c\x97 反向解析  192.0.2.70：没有 PTR 记录");
	free(text);
	checks_free(&cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dmarc),
		cmocka_unit_test(test_dkim),
		cmocka_unit_test(test_ptr),
		cmocka_unit_test(test_dnsbl),
		cmocka_unit_test(test_dnsbl_codes),
		cmocka_unit_test(test_dnsbl_network_codes),
		cmocka_unit_test(test_dnsbl_network_lists),
		cmocka_unit_test(test_dnsbl_part_errors),
		cmocka_unit_test(test_dnsbl_meanings_zh),
		cmocka_unit_test(test_reply_quoted_zh),
		cmocka_unit_test(test_checks_exit),
		cmocka_unit_test(test_private_ips_only),
		cmocka_unit_test(test_provider),
		cmocka_unit_test(test_spf_ip_zh),
		cmocka_unit_test(test_advice_for_alike),
		cmocka_unit_test(test_ptr_row_zh),
		cmocka_unit_test(test_ptr_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
