/*
 * test_answer.c - dns/answer.c without a network: answer packets built
 * with ldns become dns_results.  Each type's decoding, the CNAME chain,
 * the bounds (DNS_RECORDS_MAX records, DNS_RDATA_MAX bytes), rcodes,
 * DNSSEC states, malformed packets and name checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "base/util.h"
#include "dns/answer.h"

/*
 * The answer to (qname, qt): rcode, and rrs as zone-file lines; sec as unbound
 * says.
 */
static struct dns_result *
parse(const char *qname, int qt, uint8_t rcode, const char *const *rrs,
    size_t nrrs, int sec)
{
	ldns_rdf *q = ldns_dname_new_frm_str(qname);
	ldns_pkt *p = ldns_pkt_query_new(q, (ldns_rr_type)qt, LDNS_RR_CLASS_IN,
	    LDNS_RD);
	struct dns_answer a = { 0, NULL, 0, sec, sec == 1 ? "signature expired" : NULL };
	struct dns_result *r;
	uint8_t *buf;
	size_t len, i;
	ldns_rr *rr;

	assert_non_null(p);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_rcode(p, rcode);
	for (i = 0; i < nrrs; i++) {
		if (ldns_rr_new_frm_str(&rr, rrs[i], 300, NULL, NULL) !=
		    LDNS_STATUS_OK)
			fail_msg("bad test record %s", rrs[i]);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	assert_int_equal(ldns_pkt2wire(&buf, p, &len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	a.pkt = buf;
	a.len = len;
	r = dns_result_from_answer(qname, qt, &a, true);
	free(buf);
	return r;
}

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_types(void **state)
{
	static const char *const a[] = { "h.test. A 192.0.2.1", "h.test. A 192.0.2.2",
		"other.test. A 192.0.2.3" };
	static const char *const aaaa[] = { "h.test. AAAA 2001:db8::1" };
	static const char *const mx[] = { "d.test. MX 10 MX1.D.test.", "d.test. MX 0 ." };
	static const char *const txt[] = { "d.test. TXT \"v=spf1 \" \"-all\"", "d.test. TXT \"\"" };
	static const char *const ptr[] = { "1.2.0.192.in-addr.arpa. PTR Mail.Example.test." };
	static const char *const tlsa[] = { "_25._tcp.mx.test. TLSA 3 1 1 "
		"0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20" };
	struct dns_result *r;

	(void)state;
	r = parse("H.test.", DNS_T_A, 0, a, N(a), 0);
	assert_true(dns_result_ok(r));
	assert_string_equal(r->qname, "h.test");
	assert_int_equal(r->nrrs, 2);		/* other.test is not at the name */
	assert_string_equal(r->rrs[0].name, "192.0.2.1");
	assert_int_equal(r->rrs[1].len, 4);
	assert_int_equal(r->rrs[1].data[3], 2);
	assert_int_equal(r->rrs[0].ttl, 300);
	assert_int_equal(r->sec, DNS_SEC_INSECURE);
	assert_null(dns_result_problem(r));
	dns_result_free(r);

	r = parse("h.test", DNS_T_AAAA, 0, aaaa, N(aaaa), 2);
	assert_int_equal(r->nrrs, 1);
	assert_string_equal(r->rrs[0].name, "2001:db8::1");
	assert_int_equal(r->rrs[0].len, 16);
	assert_int_equal(r->sec, DNS_SEC_SECURE);
	dns_result_free(r);

	r = parse("d.test", DNS_T_MX, 0, mx, N(mx), 0);
	assert_int_equal(r->nrrs, 2);
	assert_int_equal(r->rrs[0].pref, 10);
	assert_string_equal(r->rrs[0].name, "mx1.d.test");
	assert_string_equal(r->rrs[1].name, "");	/* null MX */
	dns_result_free(r);

	r = parse("d.test", DNS_T_TXT, 0, txt, N(txt), 0);
	assert_int_equal(r->nrrs, 2);
	assert_string_equal((char *)r->rrs[0].data, "v=spf1 -all");
	assert_int_equal(r->rrs[0].nstrings, 2);
	assert_int_equal(r->rrs[1].len, 0);
	assert_null(r->rrs[0].name);
	dns_result_free(r);

	r = parse("1.2.0.192.in-addr.arpa", DNS_T_PTR, 0, ptr, N(ptr), 0);
	assert_string_equal(r->rrs[0].name, "mail.example.test");
	dns_result_free(r);

	r = parse("_25._tcp.mx.test", DNS_T_TLSA, 0, tlsa, N(tlsa), 0);
	assert_int_equal(r->nrrs, 1);
	assert_int_equal(r->rrs[0].tlsa[0], 3);
	assert_int_equal(r->rrs[0].tlsa[1], 1);
	assert_int_equal(r->rrs[0].tlsa[2], 1);
	assert_int_equal(r->rrs[0].len, 32);
	assert_int_equal(r->rrs[0].data[31], 0x20);
	dns_result_free(r);
}

static void
test_cname(void **state)
{
	static const char *const chain[] = { "a.test. CNAME b.test.", "b.test. CNAME c.test.",
		"c.test. TXT \"hello\"", "a.test. TXT \"not here\"" };
	static const char *const loop[] = { "a.test. CNAME b.test.", "b.test. CNAME a.test." };
	char *longer[DNS_CNAME_MAX + 2];
	struct dns_result *r;
	size_t i;

	(void)state;
	r = parse("a.test", DNS_T_TXT, 0, chain, N(chain), 0);
	assert_true(dns_result_ok(r));
	assert_string_equal(r->canonical, "c.test");
	assert_int_equal(r->nrrs, 1);
	assert_string_equal((char *)r->rrs[0].data, "hello");
	dns_result_free(r);

	/* Asking for the CNAME itself: the record at the name, not followed. */
	r = parse("a.test", DNS_T_CNAME, 0, chain, N(chain), 0);
	assert_null(r->canonical);
	assert_int_equal(r->nrrs, 1);
	assert_string_equal(r->rrs[0].name, "b.test");
	dns_result_free(r);

	r = parse("a.test", DNS_T_TXT, 0, loop, N(loop), 0);
	assert_int_equal(r->err, DNS_ERR_CNAME);
	assert_false(dns_result_ok(r));
	assert_non_null(strstr(dns_result_problem(r), "CNAME chain"));
	assert_int_equal(r->nrrs, 0);
	dns_result_free(r);

	for (i = 0; i < N(longer); i++)
		longer[i] = xasprintf("c%zu.test. CNAME c%zu.test.", i, i + 1);
	r = parse("c0.test", DNS_T_A, 0, (const char *const *)longer, N(longer), 0);
	assert_int_equal(r->err, DNS_ERR_CNAME);
	dns_result_free(r);
	r = parse("c2.test", DNS_T_A, 0, (const char *const *)longer, N(longer), 0);
	assert_int_equal(r->err, DNS_OK);	/* DNS_CNAME_MAX links: followed */
	assert_int_equal(r->nrrs, 0);
	assert_string_equal(dns_result_problem(r), "no records");
	dns_result_free(r);
	for (i = 0; i < N(longer); i++)
		free(longer[i]);
}

static void
test_bounds(void **state)
{
	char *many[DNS_RECORDS_MAX + 44], *big[1];
	char *s;
	struct dns_result *r;
	size_t i, k;

	(void)state;
	for (i = 0; i < N(many); i++)
		many[i] = xasprintf("bl.test. A 127.0.%zu.%zu", i / 250, i % 250 + 1);
	r = parse("bl.test", DNS_T_A, 0, (const char *const *)many, N(many), 0);
	assert_int_equal(r->nrrs, DNS_RECORDS_MAX);
	assert_int_equal(r->omitted, 44);
	dns_result_free(r);
	for (i = 0; i < N(many); i++)
		free(many[i]);

	/* 40 strings of 200 bytes: 8,000 bytes, cut at DNS_RDATA_MAX. */
	s = xmalloc(40 * 203 + 32);
	k = (size_t)sprintf(s, "big.test. TXT");
	for (i = 0; i < 40; i++) {
		k += (size_t)sprintf(s + k, " \"");
		memset(s + k, 'a' + (char)(i % 26), 200);
		k += 200;
		s[k++] = '"';
	}
	s[k] = '\0';
	big[0] = s;
	r = parse("big.test", DNS_T_TXT, 0, (const char *const *)big, 1, 0);
	assert_int_equal(r->nrrs, 1);
	assert_true(r->rrs[0].cut);
	assert_int_equal(r->rrs[0].len, DNS_RDATA_MAX);
	assert_int_equal(strlen((char *)r->rrs[0].data), DNS_RDATA_MAX);
	dns_result_free(r);
	free(s);
}

static void
test_rcodes_and_errors(void **state)
{
	static const uint8_t junk[] = { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 3, 'a' };
	struct dns_answer a = { 0, junk, sizeof(junk), 0, NULL };
	struct dns_result *r;

	(void)state;
	r = parse("nx.test", DNS_T_A, LDNS_RCODE_NXDOMAIN, NULL, 0, 0);
	assert_true(dns_result_nxdomain(r));
	assert_false(dns_result_ok(r));
	assert_null(r->error);
	assert_string_equal(dns_result_problem(r), "NXDOMAIN");
	dns_result_free(r);

	r = parse("x.test", DNS_T_A, LDNS_RCODE_REFUSED, NULL, 0, 0);
	assert_int_equal(r->err, DNS_OK);
	assert_int_equal(r->rcode, DNS_RCODE_REFUSED);
	assert_string_equal(dns_result_problem(r), "REFUSED");
	dns_result_free(r);

	r = parse("x.test", DNS_T_A, 0, NULL, 0, 1);
	assert_int_equal(r->err, DNS_ERR_BOGUS);
	assert_int_equal(r->sec, DNS_SEC_BOGUS);
	assert_string_equal(r->why_bogus, "signature expired");
	assert_non_null(strstr(dns_result_problem(r), "DNSSEC validation failed"));
	dns_result_free(r);

	r = dns_result_from_answer("x.test", DNS_T_MX, &a, false);
	assert_int_equal(r->err, DNS_ERR_MALFORMED);
	assert_int_equal(r->sec, DNS_SEC_INDETERMINATE);
	dns_result_free(r);

	a.rcode = LDNS_RCODE_SERVFAIL;	/* the resolver's own rcode: the packet is not read */
	r = dns_result_from_answer("x.test", DNS_T_MX, &a, false);
	assert_int_equal(r->err, DNS_OK);
	assert_int_equal(r->rcode, DNS_RCODE_SERVFAIL);
	assert_string_equal(dns_result_problem(r), "SERVFAIL");
	dns_result_free(r);

	r = dns_result_from_answer("a..b", DNS_T_A, &a, false);
	assert_int_equal(r->err, DNS_ERR_NAME);
	dns_result_free(r);
}

static void
test_names(void **state)
{
	char label[70], *c;

	(void)state;
	c = dns_name_canon("Example.TEST.");
	assert_string_equal(c, "example.test");
	free(c);
	assert_null(dns_name_canon(""));
	assert_null(dns_name_canon("."));
	assert_null(dns_name_canon("a..b"));
	memset(label, 'x', 64);
	label[64] = '\0';
	assert_null(dns_name_canon(label));
	assert_string_equal(dns_type_name(DNS_T_TLSA), "TLSA");
	assert_string_equal(dns_type_name(65280), "TYPE65280");
	assert_string_equal(dns_rcode_name(DNS_RCODE_REFUSED), "REFUSED");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_cname),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_rcodes_and_errors),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
