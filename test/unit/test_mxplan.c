/*
 * test_mxplan.c - the MX plan without a network: mxplan_order (RFC 5321
 * 5.1 ordering and shuffling), mx_addr_is_private (the safety table) and
 * dnsplan's packet -> plan step fed with answers built by ldns.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <ldns/ldns.h>

#include "dns/dnsplan.h"
#include "dns/mxplan.h"

/* An answer packet in wire format; rrs are zone-file lines. */
struct wire {
	uint8_t	*buf;
	size_t	 len;
};

static struct wire
mkpkt(const char *qname, ldns_rr_type qt, uint8_t rcode, const char *const *rrs)
{
	ldns_rdf *q = ldns_dname_new_frm_str(qname);
	ldns_pkt *p = ldns_pkt_query_new(q, qt, LDNS_RR_CLASS_IN, LDNS_RD);
	struct wire w;
	ldns_rr *rr;

	assert_non_null(p);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_ra(p, true);
	ldns_pkt_set_rcode(p, rcode);
	for (; rrs != NULL && *rrs != NULL; rrs++) {
		assert_int_equal(ldns_rr_new_frm_str(&rr, *rrs, 300, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	assert_int_equal(ldns_pkt2wire(&w.buf, p, &w.len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return w;
}

static struct dns_answer
answer(struct wire w, int sec)
{
	struct dns_answer a = { 0, w.buf, w.len, sec, NULL };

	return a;
}

/* The MX answer a, through the resolver's parser, into the plan. */
static enum dnsplan_next
mx_answer(struct dnsplan *dp, const struct dns_answer *a)
{
	struct dns_result *r = dns_result_from_answer(dp->plan->domain,
	    DNS_T_MX, a, true);
	enum dnsplan_next n = dnsplan_mx(dp, r);

	dns_result_free(r);
	return n;
}

/* Feed one packet as MX answer. */
static enum dnsplan_next
feed_mx(struct dnsplan *dp, uint8_t rcode, const char *const *rrs)
{
	struct wire w = mkpkt(dp->plan->domain, LDNS_RR_TYPE_MX, rcode, rrs);
	struct dns_answer a = answer(w, 0);
	enum dnsplan_next n = mx_answer(dp, &a);

	free(w.buf);
	return n;
}

static void
feed_addr(struct dnsplan *dp, size_t i, ldns_rr_type t, uint8_t rcode,
    const char *const *rrs, int sec)
{
	struct wire w = mkpkt(dp->plan->hosts[i].name, t, rcode, rrs);
	struct dns_answer a = answer(w, sec);
	struct dns_result *r = dns_result_from_answer(dp->plan->hosts[i].name,
	    (int)t, &a, true);

	dnsplan_addrs(dp, i, r);
	dns_result_free(r);
	free(w.buf);
}

static size_t
host_index(const struct mxplan *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nhosts; i++)
		if (strcmp(p->hosts[i].name, name) == 0)
			return i;
	fail_msg("host %s not in plan", name);
	return 0;
}

static bool
has_warning(const struct strlist *l, const char *needle)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strstr(l->v[i], needle) != NULL)
			return true;
	return false;
}

/* ---- mx_addr_is_private ---- */

static bool
private_text(const char *s)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, s, &sin->sin_addr) == 1)
		sin->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, s, &sin6->sin6_addr) == 1)
		sin6->sin6_family = AF_INET6;
	else
		fail_msg("bad test address %s", s);
	return mx_addr_is_private((struct sockaddr *)&ss);
}

static void
test_private_table(void **state)
{
	static const struct {
		const char	*addr;
		bool		 private_;
	} cases[] = {
		{ "127.0.0.1", true }, { "127.255.1.2", true },
		{ "10.0.0.1", true }, { "10.255.255.255", true },
		{ "172.16.0.1", true }, { "172.31.255.254", true }, { "172.32.0.1", false },
		{ "172.15.255.255", false },
		{ "192.168.1.1", true }, { "192.169.0.1", false },
		{ "100.64.0.1", true }, { "100.127.255.255", true }, { "100.128.0.1", false },
		{ "100.63.255.255", false },
		{ "169.254.10.10", true }, { "169.253.0.1", false },
		{ "0.0.0.0", true }, { "0.1.2.3", true },
		{ "224.0.0.1", true }, { "239.255.255.255", true },
		{ "240.0.0.1", true }, { "255.255.255.255", true },
		{ "8.8.8.8", false }, { "192.0.2.1", false }, { "203.0.113.9", false },
		{ "1.1.1.1", false }, { "223.255.255.255", false },
		{ "::1", true }, { "::", true },
		{ "fe80::1", true }, { "febf::1", true }, { "fec0::1", true },
		{ "fc00::1", true }, { "fd12:3456::1", true },
		{ "ff02::1", true },
		{ "::ffff:127.0.0.1", true }, { "::ffff:10.1.2.3", true },
		{ "::ffff:192.168.0.1", true }, { "::ffff:8.8.8.8", false },
		{ "::127.0.0.1", true },
		{ "2001:db8::1", false }, { "2a00:1450:4001::1b", false }, { "fe00::1", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (private_text(cases[i].addr) != cases[i].private_)
			fail_msg("%s: expected private=%d", cases[i].addr, cases[i].private_);
}

/* ---- mxplan_order ---- */

static struct mxplan *
plan_with(const int *prefs, size_t n)
{
	struct mxplan *p = calloc(1, sizeof(*p));
	size_t i;

	p->hosts = calloc(n, sizeof(*p->hosts));
	p->nhosts = n;
	for (i = 0; i < n; i++) {
		p->hosts[i].name = xasprintf("mx%zu.example", i);
		p->hosts[i].preference = prefs[i];
	}
	return p;
}

static void
test_order_sorts(void **state)
{
	static const int prefs[] = { 50, 10, 30, 0, 65535, 20, 10 };
	struct mxplan *p = plan_with(prefs, 7);
	size_t i;

	(void)state;
	mxplan_order(p);
	for (i = 1; i < p->nhosts; i++)
		assert_true(p->hosts[i - 1].preference <= p->hosts[i].preference);
	assert_string_equal(p->hosts[0].name, "mx3.example");
	assert_string_equal(p->hosts[6].name, "mx4.example");
	mxplan_free(p);
}

static void
test_order_shuffles_equal(void **state)
{
	static const int prefs[] = { 20, 10, 10, 5, 10 };
	int seen_first[5] = { 0 }, run, lowest_first = 0;
	struct mxplan *p;
	size_t i;

	(void)state;
	for (run = 0; run < 300; run++) {
		p = plan_with(prefs, 5);
		mxplan_order(p);
		assert_int_equal(p->hosts[0].preference, 5);
		assert_int_equal(p->hosts[1].preference, 10);
		assert_int_equal(p->hosts[3].preference, 10);
		assert_int_equal(p->hosts[4].preference, 20);
		assert_string_equal(p->hosts[0].name, "mx3.example");
		assert_string_equal(p->hosts[4].name, "mx0.example");
		seen_first[p->hosts[1].name[2] - '0']++;
		if (strcmp(p->hosts[1].name, "mx1.example") == 0)
			lowest_first++;
		mxplan_free(p);
	}
	/* Each of the three preference-10 hosts comes first sometimes. */
	for (i = 1; i <= 4; i++)
		if (i != 3)
			assert_true(seen_first[i] > 30);
	assert_true(lowest_first < 200);
}

/*
 * Two hosts of equal preference: each comes first about half the time.
 * 400 orderings; a fair shuffle puts one first fewer than 100 times with
 * probability below 1e-24, an unshuffled pair never does.
 */
static void
test_order_shuffles_a_pair(void **state)
{
	static const int prefs[] = { 10, 10 };
	int first0 = 0, run;
	struct mxplan *p;

	(void)state;
	for (run = 0; run < 400; run++) {
		p = plan_with(prefs, 2);
		mxplan_order(p);
		first0 += strcmp(p->hosts[0].name, "mx0.example") == 0;
		mxplan_free(p);
	}
	assert_true(first0 >= 100 && first0 <= 300);
}

static void
test_order_empty_and_single(void **state)
{
	static const int one[] = { -1 };
	struct mxplan *p = plan_with(one, 0);

	(void)state;
	mxplan_order(p);
	mxplan_free(p);
	p = plan_with(one, 1);
	mxplan_order(p);
	assert_int_equal(p->hosts[0].preference, -1);
	mxplan_free(p);
}

/* ---- dnsplan: packets -> plan ---- */

static void
test_plan_two_hosts(void **state)
{
	static const char *const mx[] = {
		"example.test. MX 20 MX2.Example.Test.",
		"example.test. MX 10 mx1.example.test.",
		"other.test. MX 5 not-mine.test.",
		NULL,
	};
	static const char *const a1[] = { "mx1.example.test. A 192.0.2.1",
		"mx1.example.test. A 10.1.1.1", "stray.test. A 192.0.2.99", NULL };
	static const char *const aaaa1[] = { "mx1.example.test. AAAA 2001:db8::1", NULL };
	static const char *const a2[] = { "mx2.example.test. A 198.51.100.2", NULL };
	struct dnsplan dp;
	struct mxplan *p;
	size_t i1, i2;

	(void)state;
	assert_true(dnsplan_init(&dp, "example.test."));
	assert_int_equal(feed_mx(&dp, LDNS_RCODE_NOERROR, mx),
	    DNSPLAN_ADDRESSES);
	assert_int_equal(dp.plan->nhosts, 2);
	i1 = host_index(dp.plan, "mx1.example.test");
	i2 = host_index(dp.plan, "mx2.example.test");
	assert_true(dnsplan_wants(&dp, i1));
	feed_addr(&dp, i1, LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, a1, 0);
	feed_addr(&dp, i1, LDNS_RR_TYPE_AAAA, LDNS_RCODE_NOERROR, aaaa1, 0);
	feed_addr(&dp, i2, LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, a2, 0);
	feed_addr(&dp, i2, LDNS_RR_TYPE_AAAA, LDNS_RCODE_NOERROR, NULL, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_OK);
	assert_string_equal(p->domain, "example.test");
	assert_null(p->error);
	assert_int_equal(p->nhosts, 2);
	assert_string_equal(p->hosts[0].name, "mx1.example.test");
	assert_int_equal(p->hosts[0].preference, 10);
	assert_int_equal(p->hosts[0].naddrs, 3);
	assert_string_equal(p->hosts[0].addrs[0].text, "2001:db8::1");
	assert_int_equal(p->hosts[0].addrs[0].ss.ss_family, AF_INET6);
	assert_int_equal(p->hosts[0].addrs[0].sslen,
	    sizeof(struct sockaddr_in6));
	assert_string_equal(p->hosts[0].addrs[1].text, "192.0.2.1");
	assert_false(p->hosts[0].addrs[1].private_);
	assert_string_equal(p->hosts[0].addrs[2].text, "10.1.1.1");
	assert_true(p->hosts[0].addrs[2].private_);
	assert_string_equal(p->hosts[1].name, "mx2.example.test");
	assert_int_equal(p->hosts[1].naddrs, 1);
	assert_int_equal(p->hosts[0].warnings.n, 0);
	assert_int_equal(p->warnings.n, 0);
	assert_false(p->dnssec_secure);
	mxplan_free(p);
}

static void
test_plan_nxdomain_and_failures(void **state)
{
	static const struct {
		uint8_t		 pkt_rcode;
		int		 ub_rcode;
		int		 sec;
		enum plan_status st;
		const char	*err;
	} cases[] = {
		{ LDNS_RCODE_NXDOMAIN, 0, 0, PLAN_NXDOMAIN, "NXDOMAIN" },
		{ LDNS_RCODE_NOERROR, LDNS_RCODE_NXDOMAIN, 0, PLAN_NXDOMAIN, "NXDOMAIN" },
		{ LDNS_RCODE_SERVFAIL, 0, 0, PLAN_SERVFAIL, "SERVFAIL" },
		{ LDNS_RCODE_NOERROR, LDNS_RCODE_SERVFAIL, 0, PLAN_SERVFAIL, "SERVFAIL" },
		{ LDNS_RCODE_REFUSED, 0, 0, PLAN_SERVFAIL, "REFUSED" },
		{ LDNS_RCODE_NOERROR, 0, 1, PLAN_BOGUS, "DNSSEC validation failed" },
	};
	struct dnsplan dp;
	struct dns_answer a;
	struct mxplan *p;
	struct wire w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(dnsplan_init(&dp, "gone.test"));
		w = mkpkt("gone.test", LDNS_RR_TYPE_MX, cases[i].pkt_rcode, NULL);
		a = answer(w, cases[i].sec);
		a.rcode = cases[i].ub_rcode;
		assert_int_equal(mx_answer(&dp, &a), DNSPLAN_DONE);
		free(w.buf);
		p = dnsplan_finish(&dp);
		assert_int_equal(p->status, cases[i].st);
		assert_non_null(strstr(p->error, cases[i].err));
		assert_int_equal(p->nhosts, 0);
		mxplan_free(p);
	}
}

static void
test_plan_malformed(void **state)
{
	static const uint8_t junk[] = { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 3, 'a' };
	struct dns_answer a = { 0, junk, sizeof(junk), 0, NULL };
	struct dnsplan dp;
	struct mxplan *p;

	(void)state;
	assert_true(dnsplan_init(&dp, "x.test"));
	assert_int_equal(mx_answer(&dp, &a), DNSPLAN_DONE);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_SERVFAIL);
	assert_non_null(strstr(p->error, "malformed"));
	mxplan_free(p);
}

static void
test_plan_null_mx(void **state)
{
	static const char *const alone[] = { "n.test. MX 0 .", NULL };
	static const char *const mixed[] = { "n.test. MX 10 mx.n.test.", "n.test. MX 0 .", NULL };
	struct dnsplan dp;
	struct mxplan *p;

	(void)state;
	assert_true(dnsplan_init(&dp, "n.test"));
	assert_int_equal(feed_mx(&dp, 0, alone), DNSPLAN_DONE);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NULL_MX);
	assert_int_equal(p->warnings.n, 0);
	mxplan_free(p);

	assert_true(dnsplan_init(&dp, "n.test"));
	assert_int_equal(feed_mx(&dp, 0, mixed), DNSPLAN_DONE);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NULL_MX);
	assert_int_equal(p->nhosts, 0);
	assert_true(has_warning(&p->warnings, "null MX (RFC 7505) mixed with 1 other MX record"));
	mxplan_free(p);
}

static void
test_plan_implicit(void **state)
{
	static const char *const a[] = { "imp.test. A 192.0.2.7", NULL };
	static const char *const cname_a[] = { "imp.test. CNAME web.host.test.",
		"web.host.test. A 192.0.2.8", NULL };
	struct dnsplan dp;
	struct mxplan *p;

	(void)state;
	assert_true(dnsplan_init(&dp, "imp.test"));
	assert_int_equal(feed_mx(&dp, 0, NULL), DNSPLAN_ADDRESSES);
	assert_int_equal(dp.plan->nhosts, 1);
	assert_int_equal(dp.plan->hosts[0].preference, -1);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, a, 0);
	feed_addr(&dp, 0, LDNS_RR_TYPE_AAAA, 0, NULL, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_OK);
	assert_string_equal(p->hosts[0].name, "imp.test");
	assert_string_equal(p->hosts[0].addrs[0].text, "192.0.2.7");
	mxplan_free(p);

	/* An implicit MX through a CNAME is ordinary: no MX-target warning. */
	assert_true(dnsplan_init(&dp, "imp.test"));
	assert_int_equal(feed_mx(&dp, 0, NULL), DNSPLAN_ADDRESSES);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, cname_a, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_OK);
	assert_string_equal(p->hosts[0].addrs[0].text, "192.0.2.8");
	assert_int_equal(p->hosts[0].warnings.n, 0);
	mxplan_free(p);

	/* No MX and no address: the domain takes no mail. */
	assert_true(dnsplan_init(&dp, "imp.test"));
	assert_int_equal(feed_mx(&dp, 0, NULL), DNSPLAN_ADDRESSES);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, NULL, 0);
	feed_addr(&dp, 0, LDNS_RR_TYPE_AAAA, 0, NULL, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NO_MAIL);
	assert_int_equal(p->nhosts, 0);
	mxplan_free(p);
}

static void
test_plan_cname_target(void **state)
{
	static const char *const mx[] = { "c.test. MX 10 alias.c.test.", NULL };
	static const char *const a[] = { "alias.c.test. CNAME mid.c.test.",
		"mid.c.test. CNAME real.c.test.", "real.c.test. A 192.0.2.30",
		"alias.c.test. A 192.0.2.99", NULL };
	static const char *const loop[] = { "alias.c.test. CNAME x.c.test.",
		"x.c.test. CNAME alias.c.test.", "x.c.test. A 192.0.2.31", NULL };
	struct dnsplan dp;
	struct mxplan *p;

	(void)state;
	assert_true(dnsplan_init(&dp, "c.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, a, 0);
	feed_addr(&dp, 0, LDNS_RR_TYPE_AAAA, 0, a, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_OK);
	assert_int_equal(p->hosts[0].naddrs, 1);
	assert_string_equal(p->hosts[0].addrs[0].text, "192.0.2.30");
	assert_int_equal(p->hosts[0].warnings.n, 1);
	assert_string_equal(p->hosts[0].warnings.v[0],
	    "MX target alias.c.test is a CNAME to real.c.test (RFC 2181 10.3)");
	mxplan_free(p);

	assert_true(dnsplan_init(&dp, "c.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, loop, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_SERVFAIL);
	assert_non_null(strstr(p->error, "CNAME chain"));
	mxplan_free(p);
}

static void
test_plan_ip_literal_and_no_address(void **state)
{
	static const char *const mx[] = { "l.test. MX 10 192.0.2.1.", "l.test. MX 20 [192.0.2.2].",
		"l.test. MX 30 none.l.test.", NULL };
	struct dnsplan dp;
	struct mxplan *p;
	size_t i;

	(void)state;
	assert_true(dnsplan_init(&dp, "l.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	assert_int_equal(dp.plan->nhosts, 3);
	for (i = 0; i < dp.plan->nhosts; i++) {
		if (strcmp(dp.plan->hosts[i].name, "none.l.test") == 0) {
			assert_true(dnsplan_wants(&dp, i));
			feed_addr(&dp, i, LDNS_RR_TYPE_A, LDNS_RCODE_NXDOMAIN,
			    NULL, 0);
			feed_addr(&dp, i, LDNS_RR_TYPE_AAAA,
			    LDNS_RCODE_NXDOMAIN, NULL, 0);
		} else
			assert_false(dnsplan_wants(&dp, i));
	}
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NO_ADDRESS);
	assert_int_equal(p->nhosts, 3);
	assert_string_equal(p->hosts[0].name, "192.0.2.1");
	assert_true(has_warning(&p->hosts[0].warnings, "is an IP address"));
	assert_true(has_warning(&p->hosts[1].warnings, "is an IP address"));
	assert_string_equal(p->hosts[2].name, "none.l.test");
	assert_string_equal(p->hosts[2].warnings.v[0], "no A/AAAA record");
	mxplan_free(p);
}

/*
 * 200 hosts of one preference: the 32 kept differ from plan to plan (the
 * shuffle comes before the cut).  Twenty plans that kept the same 32 would
 * have a union of 32; a fair draw gives about 190 (fewer than 64 with
 * probability far below 1e-30).
 */
static void
test_plan_cap_after_shuffle(void **state)
{
	const char *mx[201];
	char *owned[200];
	bool seen[200] = { false };
	struct dnsplan dp;
	size_t i, k, run, uni = 0;

	(void)state;
	for (i = 0; i < 200; i++)
		mx[i] = owned[i] = xasprintf("e.test. MX 10 h%zu.e.test.", i);
	mx[200] = NULL;
	for (run = 0; run < 20; run++) {
		assert_true(dnsplan_init(&dp, "e.test"));
		assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
		assert_int_equal(dp.plan->nhosts, DNSPLAN_HOSTS_MAX);
		for (k = 0; k < dp.plan->nhosts; k++) {
			i = (size_t)atoi(dp.plan->hosts[k].name + 1);
			assert_true(i < 200);
			seen[i] = true;
		}
		dnsplan_clear(&dp);
	}
	for (i = 0; i < 200; i++) {
		uni += seen[i];
		free(owned[i]);
	}
	assert_true(uni >= 64);
}

/* MX targets that are not host names: reported, never looked up. */
static void
test_plan_not_host_names(void **state)
{
	static const char *const mx[] = { "n.test. MX 10 <evil>.h.test.",
		"n.test. MX 20 ev\\032il.example.", "n.test. MX 30 e\\027vil.example.",
		"n.test. MX 40 -dash.n.test.", "n.test. MX 50 dash-.n.test.",
		"n.test. MX 60 good-1.n.test.", "n.test. MX 70 xn--fsqu00a.n.test.",
		NULL };
	struct dnsplan dp;
	size_t i, good = 0;

	(void)state;
	assert_true(dnsplan_init(&dp, "n.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	assert_int_equal(dp.plan->nhosts, 7);
	for (i = 0; i < dp.plan->nhosts; i++) {
		const struct mx_host *h = &dp.plan->hosts[i];

		if (strcmp(h->name, "good-1.n.test") == 0 ||
		    strcmp(h->name, "xn--fsqu00a.n.test") == 0) {
			assert_true(dnsplan_wants(&dp, i));
			assert_int_equal(h->warnings.n, 0);
			good++;
			continue;
		}
		if (dnsplan_wants(&dp, i))
			fail_msg("%s would be looked up", h->name);
		assert_true(has_warning(&h->warnings, "is not a host name"));
		assert_true(has_warning(&h->warnings, "skipped"));
	}
	assert_int_equal(good, 2);
	dnsplan_clear(&dp);
}

/* MX localhost: no mail here (like a null MX), never contacted. */
static void
test_plan_localhost(void **state)
{
	static const char *const only[] = { "l.test. MX 10 localhost.", NULL };
	static const char *const sub[] = { "l.test. MX 10 mail.localhost.", NULL };
	static const char *const mixed[] = { "l.test. MX 5 localhost.",
		"l.test. MX 10 mx.l.test.", NULL };
	struct dnsplan dp;
	struct mxplan *p;
	size_t i;

	(void)state;
	assert_true(dnsplan_init(&dp, "l.test"));
	assert_int_equal(feed_mx(&dp, 0, only), DNSPLAN_DONE);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NULL_MX);
	assert_int_equal(p->nhosts, 0);
	assert_true(has_warning(&p->warnings, "localhost"));
	mxplan_free(p);

	assert_true(dnsplan_init(&dp, "l.test"));
	assert_int_equal(feed_mx(&dp, 0, sub), DNSPLAN_DONE);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NULL_MX);
	mxplan_free(p);

	assert_true(dnsplan_init(&dp, "l.test"));
	assert_int_equal(feed_mx(&dp, 0, mixed), DNSPLAN_ADDRESSES);
	for (i = 0; i < dp.plan->nhosts; i++) {
		if (strcmp(dp.plan->hosts[i].name, "localhost") == 0) {
			assert_false(dnsplan_wants(&dp, i));
			assert_true(has_warning(&dp.plan->hosts[i].warnings,
			    "is localhost"));
		} else
			assert_true(dnsplan_wants(&dp, i));
	}
	dnsplan_clear(&dp);
}

/* An address literal is its own plan: no DNS, the safety rule applies. */
static void
test_plan_address_literal(void **state)
{
	struct mxplan *p;

	(void)state;
	assert_true(dnsplan_is_literal("[192.0.2.1]"));
	assert_false(dnsplan_is_literal("example.test"));
	assert_false(dnsplan_is_literal("[192.0.2.1"));
	p = dnsplan_literal("[192.0.2.1]");
	assert_int_equal(p->status, PLAN_OK);
	assert_int_equal(p->nhosts, 1);
	assert_string_equal(p->hosts[0].name, "[192.0.2.1]");
	assert_int_equal(p->hosts[0].preference, -1);
	assert_int_equal(p->hosts[0].naddrs, 1);
	assert_string_equal(p->hosts[0].addrs[0].text, "192.0.2.1");
	assert_int_equal(p->hosts[0].addrs[0].ss.ss_family, AF_INET);
	assert_true(has_warning(&p->warnings, "without DNS"));
	mxplan_free(p);
	p = dnsplan_literal("[IPv6:2001:DB8::1]");
	assert_int_equal(p->status, PLAN_OK);
	assert_string_equal(p->hosts[0].addrs[0].text, "2001:db8::1");
	assert_int_equal(p->hosts[0].addrs[0].ss.ss_family, AF_INET6);
	assert_false(p->hosts[0].addrs[0].private_);
	mxplan_free(p);
	p = dnsplan_literal("[127.0.0.1]");
	assert_true(p->hosts[0].addrs[0].private_);
	mxplan_free(p);
	p = dnsplan_literal("[IPv6:::1]");
	assert_true(p->hosts[0].addrs[0].private_);
	mxplan_free(p);
	p = dnsplan_literal("[300.1.1.1]");
	assert_int_equal(p->status, PLAN_NXDOMAIN);
	assert_int_equal(p->nhosts, 0);
	mxplan_free(p);
	p = dnsplan_literal("[tag:whatever]");
	assert_int_equal(p->status, PLAN_NXDOMAIN);
	mxplan_free(p);
}

static void
test_plan_duplicates_and_bounds(void **state)
{
	const char *mx[64];
	char *owned[64];
	const char *a[32];
	char *aowned[32];
	static const char *const aaaa[] = { "h0.b.test. AAAA 2001:db8::5", NULL };
	struct dnsplan dp;
	struct mxplan *p;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 40; i++)
		mx[n++] = owned[i] = xasprintf("b.test. MX %zu h%zu.b.test.", 100 - i, i);
	mx[n++] = owned[40] = xasprintf("b.test. MX 1 H39.b.test.");	/* duplicate, lower */
	mx[n] = NULL;
	for (i = 0; i < 20; i++)
		a[i] = aowned[i] = xasprintf("h0.b.test. A 192.0.2.%zu", i + 1);
	a[20] = NULL;
	assert_true(dnsplan_init(&dp, "b.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	assert_int_equal(dp.plan->nhosts, DNSPLAN_HOSTS_MAX);
	assert_true(has_warning(&dp.plan->warnings, "listed more than once"));
	assert_true(has_warning(&dp.plan->warnings, "more than 32 MX hosts"));
	for (i = 0; i < dp.plan->nhosts; i++)
		if (strcmp(dp.plan->hosts[i].name, "h0.b.test") == 0)
			break;
	assert_true(i == dp.plan->nhosts);	/* h0 (preference 100) was cut */
	for (i = 0; i < dp.plan->nhosts; i++)
		if (strcmp(dp.plan->hosts[i].name, "h8.b.test") == 0)
			break;
	assert_true(i < dp.plan->nhosts);	/* h8 (preference 92) was kept */
	dnsplan_clear(&dp);

	/* 20 A records: 16 kept; an AAAA arriving later still comes first. */
	static const char *const one[] = { "b.test. MX 10 h0.b.test.", NULL };
	assert_true(dnsplan_init(&dp, "b.test"));
	assert_int_equal(feed_mx(&dp, 0, one), DNSPLAN_ADDRESSES);
	feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, a, 0);
	feed_addr(&dp, 0, LDNS_RR_TYPE_AAAA, 0, aaaa, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->hosts[0].naddrs, DNSPLAN_ADDRS_MAX);
	assert_string_equal(p->hosts[0].addrs[0].text, "2001:db8::5");
	assert_string_equal(p->hosts[0].addrs[1].text, "192.0.2.1");
	assert_true(has_warning(&p->hosts[0].warnings, "more than 16 addresses"));
	mxplan_free(p);
	for (i = 0; i < 41; i++)
		free(owned[i]);
	for (i = 0; i < 20; i++)
		free(aowned[i]);
}

static void
test_plan_address_failures(void **state)
{
	static const char *const mx[] = { "f.test. MX 10 a.f.test.", "f.test. MX 20 b.f.test.", NULL };
	static const char *const ok[] = { "b.f.test. A 192.0.2.50", NULL };
	struct dnsplan dp;
	struct mxplan *p;
	size_t ia, ib;

	(void)state;
	/*
	 * One host's lookup fails, the other has an address: OK, with a
	 * warning.
	 */
	assert_true(dnsplan_init(&dp, "f.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	ia = host_index(dp.plan, "a.f.test");
	ib = host_index(dp.plan, "b.f.test");
	feed_addr(&dp, ia, LDNS_RR_TYPE_A, LDNS_RCODE_SERVFAIL, NULL, 0);
	feed_addr(&dp, ia, LDNS_RR_TYPE_AAAA, LDNS_RCODE_SERVFAIL, NULL, 0);
	feed_addr(&dp, ib, LDNS_RR_TYPE_A, 0, ok, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_OK);
	assert_true(has_warning(&p->hosts[0].warnings, "A lookup: SERVFAIL"));
	assert_true(has_warning(&p->hosts[0].warnings, "AAAA lookup: SERVFAIL"));
	assert_false(has_warning(&p->hosts[0].warnings, "no A/AAAA record"));
	mxplan_free(p);

	/*
	 * Every lookup fails or is empty: a resolver failure, not "no address".
	 */
	assert_true(dnsplan_init(&dp, "f.test"));
	assert_int_equal(feed_mx(&dp, 0, mx), DNSPLAN_ADDRESSES);
	ia = host_index(dp.plan, "a.f.test");
	ib = host_index(dp.plan, "b.f.test");
	feed_addr(&dp, ia, LDNS_RR_TYPE_A, LDNS_RCODE_SERVFAIL, NULL, 0);
	feed_addr(&dp, ib, LDNS_RR_TYPE_A, 0, NULL, 0);
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_SERVFAIL);
	assert_non_null(strstr(p->error, "a.f.test"));
	mxplan_free(p);
}

static void
test_plan_dnssec_flag(void **state)
{
	static const char *const mx[] = { "s.test. MX 10 mx.s.test.", NULL };
	static const char *const a[] = { "mx.s.test. A 192.0.2.60", NULL };
	struct dnsplan dp;
	struct dns_answer ans;
	struct mxplan *p;
	struct wire w;
	int last;

	(void)state;
	for (last = 0; last <= 2; last += 2) {
		assert_true(dnsplan_init(&dp, "s.test"));
		w = mkpkt("s.test", LDNS_RR_TYPE_MX, 0, mx);
		ans = answer(w, 2);
		assert_int_equal(mx_answer(&dp, &ans), DNSPLAN_ADDRESSES);
		free(w.buf);
		feed_addr(&dp, 0, LDNS_RR_TYPE_A, 0, a, 2);
		feed_addr(&dp, 0, LDNS_RR_TYPE_AAAA, 0, NULL, last);
		p = dnsplan_finish(&dp);
		assert_int_equal(p->status, PLAN_OK);
		assert_int_equal(p->dnssec_secure, last == 2);
		mxplan_free(p);
	}
}

static void
test_plan_bad_domain(void **state)
{
	struct dnsplan dp;
	struct mxplan *p;

	(void)state;
	assert_false(dnsplan_init(&dp, "a..b"));
	p = dnsplan_finish(&dp);
	assert_int_equal(p->status, PLAN_NXDOMAIN);
	mxplan_free(p);
	assert_false(dnsplan_init(&dp, ""));
	p = dnsplan_fail(&dp, PLAN_TIMEOUT, "late");
	assert_int_equal(p->status, PLAN_TIMEOUT);
	assert_string_equal(p->error, "late");
	mxplan_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private_table),
		cmocka_unit_test(test_order_sorts),
		cmocka_unit_test(test_order_shuffles_equal),
		cmocka_unit_test(test_order_shuffles_a_pair),
		cmocka_unit_test(test_order_empty_and_single),
		cmocka_unit_test(test_plan_two_hosts),
		cmocka_unit_test(test_plan_nxdomain_and_failures),
		cmocka_unit_test(test_plan_malformed),
		cmocka_unit_test(test_plan_null_mx),
		cmocka_unit_test(test_plan_implicit),
		cmocka_unit_test(test_plan_cname_target),
		cmocka_unit_test(test_plan_ip_literal_and_no_address),
		cmocka_unit_test(test_plan_cap_after_shuffle),
		cmocka_unit_test(test_plan_not_host_names),
		cmocka_unit_test(test_plan_localhost),
		cmocka_unit_test(test_plan_address_literal),
		cmocka_unit_test(test_plan_duplicates_and_bounds),
		cmocka_unit_test(test_plan_address_failures),
		cmocka_unit_test(test_plan_dnssec_flag),
		cmocka_unit_test(test_plan_bad_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
