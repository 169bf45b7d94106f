/*
 * test_spf.c - SPF (sender/spf_*.c) without a network.
 *
 * The RFC 7208 test suite (test/unit/data/rfc7208-tests.json, see
 * test/unit/data/README.md for its source and licence): every section's
 * zone data becomes a mock DNS, every test is one check_host() whose
 * result must be one of those the suite allows.  Then the parser's edge
 * cases and spf_walk over a sender's tree: lookups counted across
 * includes, void lookups, loops, +all, two records, 50-deep chains.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "sender/spf.h"
#include "mockdns.h"

#define SUITE	"test/unit/data/rfc7208-tests.json"

static int
suite_type(const char *t)
{
	static const struct { const char *n; int t; } tab[] = {
		{ "A", DNS_T_A }, { "AAAA", DNS_T_AAAA }, { "MX", DNS_T_MX },
		{ "PTR", DNS_T_PTR }, { "TXT", DNS_T_TXT }, { "SPF", 99 }, { "CNAME", DNS_T_CNAME },
	};
	size_t i;

	for (i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(tab[i].n, t) == 0)
			return tab[i].t;
	fail_msg("unknown type %s in the suite", t);
	return 0;
}

/* A TXT/SPF value: a string, or a list of strings joined without spaces. */
static void
mock_add_txt(struct mock *m, const char *name, int type, json_t *v)
{
	char buf[4096];
	size_t len = 0, i, n;
	json_t *s;

	if (json_is_string(v)) {
		if (strcmp(json_string_value(v), "NONE") == 0) {
			mock_add_len(m, name, -type, "", 0);	/* present, no record */
			return;
		}
		mock_add_len(m, name, type, json_string_value(v),
		    json_string_length(v));
		return;
	}
	json_array_foreach(v, i, s) {
		n = json_string_length(s);
		assert_true(len + n < sizeof(buf));
		memcpy(buf + len, json_string_value(s), n);
		len += n;
	}
	mock_add_len(m, name, type, buf, len);
}

/*
 * The suite's drivers copy SPF-type records to TXT when a name has no TXT
 * entry (the suite's header says so); "TXT: NONE" stops that.
 */
static void
mock_load_zone(struct mock *m, json_t *zone)
{
	const char *name;
	json_t *rrs, *rr, *v;
	size_t i, k;
	const char *type;
	bool has_txt;
	char text[512];

	json_object_foreach(zone, name, rrs) {
		has_txt = false;
		json_array_foreach(rrs, i, rr)
			if (json_is_object(rr) && json_object_get(rr, "TXT") != NULL)
				has_txt = true;
		json_array_foreach(rrs, i, rr) {
			if (json_is_string(rr)) {	/* TIMEOUT */
				mock_add(m, name, 0, "");
				continue;
			}
			json_object_foreach(rr, type, v) {
				k = (size_t)suite_type(type);
				if (k == DNS_T_TXT || k == 99) {
					mock_add_txt(m, name, k == 99 && !has_txt ? DNS_T_TXT :
					    (int)k, v);
				} else if (k == DNS_T_MX) {
					snprintf(text, sizeof(text), "%lld %s",
					    json_integer_value(json_array_get(v, 0)),
					    json_string_length(json_array_get(v, 1)) ?
					    json_string_value(json_array_get(v, 1)) : ".");
					mock_add(m, name, DNS_T_MX, text);
				} else
					mock_add(m, name, (int)k,
					    json_string_value(v));
			}
		}
	}
}

static bool
result_allowed(json_t *want, enum spf_result got)
{
	json_t *v;
	size_t i;

	if (json_is_string(want))
		return strcmp(json_string_value(want), spf_result_name(got)) ==
		    0;
	json_array_foreach(want, i, v)
		if (strcmp(json_string_value(v), spf_result_name(got)) == 0)
			return true;
	return false;
}

/* One check_host() of domain for ip, as sender with helo, over dns, into
 * c (the caller frees c->why). */
static enum spf_result
check_host(struct spf_ctx *c, const struct sender_dns *dns, const char *sender,
    const char *helo, const char *ip, const char *domain)
{
	memset(c, 0, sizeof(*c));
	c->dns = dns;
	c->sender = sender;
	c->helo = helo;
	assert_true(spf_set_ip(c, ip));
	return spf_check_host(c, domain);
}

static void
test_rfc7208_suite(void **state)
{
	json_error_t jerr;
	json_t *root = json_load_file(SUITE, JSON_ALLOW_NUL, &jerr), *sec, *tests, *t;
	const char *tname, *mailfrom, *helo, *at;
	struct mock m;
	struct sender_dns dns;
	struct spf_ctx c;
	enum spf_result r;
	char sender[600];
	size_t i, run = 0, failed = 0;

	(void)state;
	if (root == NULL)
		fail_msg("%s: %s", SUITE, jerr.text);
	json_array_foreach(json_object_get(root, "sections"), i, sec) {
		memset(&m, 0, sizeof(m));
		mock_load_zone(&m, json_object_get(sec, "zonedata"));
		dns = mock_dns(&m);
		tests = json_object_get(sec, "tests");
		json_object_foreach(tests, tname, t) {
			mailfrom = json_string_value(json_object_get(t, "mailfrom"));
			helo = json_string_value(json_object_get(t, "helo"));
			if (mailfrom[0] == '\0')
				snprintf(sender, sizeof(sender), "postmaster@%s", helo);
			else
				snprintf(sender, sizeof(sender), "%s", mailfrom);
			at = strrchr(sender, '@');
			r = check_host(&c, &dns, sender, helo,
			    json_string_value(json_object_get(t, "host")), at + 1);
			run++;
			if (!result_allowed(json_object_get(t, "result"), r)) {
				failed++;
				print_message("rfc7208 %s / %s: got %s (%s)\n",
				    json_string_value(json_object_get(sec, "description")), tname,
				    spf_result_name(r), c.why ? c.why : "");
			}
			free(c.why);
		}
		mock_free(&m);
	}
	json_decref(root);
	print_message("rfc7208: %zu tests, %zu failed\n", run, failed);
	assert_int_equal(run, 198);
	assert_int_equal(failed, 0);
}

static void
test_parse_edges(void **state)
{
	static const struct {
		const char	*rec;
		bool		 ok;
	} cases[] = {
		{ "v=spf1", true },
		{ "v=spf1 -all", true },
		{ "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx ptr include:_spf.example.com ~all", true },
		{ "v=spf1 a:mail.example.com/24//64 mx:example.com//48 -all", true },
		{ "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all", true },
		{ "v=spf1 redirect=_spf.example.com", true },
		{ "v=spf1 redirect=a.example.com redirect=b.example.com", false },
		{ "v=spf1 include:", false },
		{ "v=spf1 ip4:192.0.2.0/33", false },
		{ "v=spf1 ip4:192.0.2", false },
		{ "v=spf1 a:%{z}.example.com", false },
		{ "v=spf1 a:%", false },
		{ "v=spf1 foo", false },
		{ "v=spf1 +all\t", false },
		{ "v=spf10 -all", false },
	};
	struct spf_record rec;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (spf_parse(cases[i].rec, strlen(cases[i].rec), &rec) !=
		    cases[i].ok)
			fail_msg("\"%s\": want %s (%s)", cases[i].rec, cases[i].ok ? "ok" : "error",
			    rec.error ? rec.error : "");
		spf_record_clear(&rec);
	}
	/* More terms than SPF_TERMS_MAX: refused, not read without bound. */
	{
		char big[SPF_TERMS_MAX * 8 + 32];
		size_t k = (size_t)sprintf(big, "v=spf1");

		for (i = 0; i <= SPF_TERMS_MAX; i++)
			k += (size_t)sprintf(big + k, " a");
		assert_false(spf_parse(big, k, &rec));
		assert_non_null(strstr(rec.error, "terms"));
		spf_record_clear(&rec);
	}
}

static bool
has_note(const struct spf_walk *w, const char *needle)
{
	size_t i;

	for (i = 0; i < w->nnotes; i++)
		if (strstr(w->notes[i], needle) != NULL)
			return true;
	return false;
}

static void
test_walk(void **state)
{
	struct mock m = { 0 };
	struct sender_dns dns;
	struct spf_walk w;
	struct spf_ctx c;
	char name[64], rec[128];
	size_t i;

	(void)state;
	mock_add(&m, "good.test", DNS_T_TXT, "v=spf1 ip4:192.0.2.10 include:_spf.prov.test a mx -all");
	mock_add(&m, "good.test", DNS_T_TXT, "google-site-verification=abc");
	mock_add(&m, "good.test", DNS_T_A, "192.0.2.11");
	mock_add(&m, "good.test", DNS_T_MX, "10 mx.good.test");
	mock_add(&m, "mx.good.test", DNS_T_A, "192.0.2.12");
	mock_add(&m, "_spf.prov.test", DNS_T_TXT, "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/48 ~all");
	/* 11 lookups through includes */
	mock_add(&m, "many.test", DNS_T_TXT, "v=spf1 include:i1.test include:i2.test a a a a a a a a -all");
	mock_add(&m, "i1.test", DNS_T_TXT, "v=spf1 ip4:192.0.2.1 -all");
	mock_add(&m, "i2.test", DNS_T_TXT, "v=spf1 ip4:192.0.2.2 -all");
	mock_add(&m, "many.test", DNS_T_A, "192.0.2.50");
	mock_add(&m, "voids.test", DNS_T_TXT, "v=spf1 a:n1.voids.test a:n2.voids.test mx:n3.voids.test -all");
	mock_add(&m, "two.test", DNS_T_TXT, "v=spf1 -all");
	mock_add(&m, "two.test", DNS_T_TXT, "v=spf1 +all");
	mock_add(&m, "plus.test", DNS_T_TXT, "v=spf1 +all");
	mock_add(&m, "loop.test", DNS_T_TXT, "v=spf1 include:loop2.test -all");
	mock_add(&m, "loop2.test", DNS_T_TXT, "v=spf1 include:loop.test -all");
	mock_add(&m, "redir.test", DNS_T_TXT, "v=spf1 redirect=_spf.prov.test");
	mock_add(&m, "noinc.test", DNS_T_TXT, "v=spf1 include:nothing.test -all");
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "c%zu.chain.test", i);
		snprintf(rec, sizeof(rec), "v=spf1 include:c%zu.chain.test -all", i + 1);
		mock_add(&m, name, DNS_T_TXT, rec);
	}
	dns = mock_dns(&m);

	spf_walk(&dns, "good.test", &w);
	assert_int_equal(w.status, SPF_PASS);
	assert_int_equal(w.nrecords, 1);
	assert_int_equal(w.lookups, 3);
	assert_int_equal(w.voids, 0);
	assert_int_equal(w.all, '-');
	assert_int_equal(w.nranges, 5);	/* 192.0.2.10, 198.51.100/24, 2001:db8::/48, .11, .12 */
	assert_string_equal(w.record, "v=spf1 ip4:192.0.2.10 include:_spf.prov.test a mx -all");
	spf_walk_clear(&w);

	spf_walk(&dns, "many.test", &w);
	assert_int_equal(w.lookups, 10);
	assert_int_equal(w.status, SPF_PASS);	/* exactly at the limit */
	spf_walk_clear(&w);
	mock_add(&m, "many11.test", DNS_T_TXT,
	    "v=spf1 include:i1.test include:i2.test a a a a a a a a a -all");
	spf_walk(&dns, "many11.test", &w);
	assert_int_equal(w.lookups, 11);
	assert_int_equal(w.status, SPF_PERMERROR);
	spf_walk_clear(&w);

	spf_walk(&dns, "voids.test", &w);
	assert_int_equal(w.voids, 3);
	assert_int_equal(w.status, SPF_PERMERROR);
	spf_walk_clear(&w);

	spf_walk(&dns, "two.test", &w);
	assert_int_equal(w.nrecords, 2);
	assert_int_equal(w.status, SPF_PERMERROR);
	spf_walk_clear(&w);

	spf_walk(&dns, "plus.test", &w);
	assert_int_equal(w.all, '+');
	spf_walk_clear(&w);

	spf_walk(&dns, "loop.test", &w);
	assert_true(w.loop);
	assert_int_equal(w.status, SPF_PERMERROR);
	spf_walk_clear(&w);
	/* check_host() says the loop, not the 10 lookups it would reach */
	assert_int_equal(check_host(&c, &dns, "postmaster@loop.test", "loop.test",
	    "192.0.2.99", "loop.test"), SPF_PERMERROR);
	assert_string_equal(c.why, "a loop: include:loop.test in the record of loop2.test "
	    "names a record already being read (RFC 7208 5.2)");
	free(c.why);
	/* the same include twice, side by side, is no loop */
	mock_add(&m, "twice.test", DNS_T_TXT, "v=spf1 include:i1.test include:i1.test -all");
	assert_int_equal(check_host(&c, &dns, "postmaster@twice.test", "twice.test",
	    "192.0.2.99", "twice.test"), SPF_FAIL);
	free(c.why);

	spf_walk(&dns, "redir.test", &w);
	assert_true(w.redirect);
	assert_int_equal(w.all, '~');	/* the redirect target's all is the one that applies */
	spf_walk_clear(&w);

	spf_walk(&dns, "noinc.test", &w);
	assert_true(has_note(&w, "include:nothing.test has no SPF record"));
	assert_int_equal(w.status, SPF_PERMERROR);
	spf_walk_clear(&w);

	spf_walk(&dns, "nothing.test", &w);
	assert_int_equal(w.status, SPF_NONE);
	spf_walk_clear(&w);

	m.asked = 0;
	spf_walk(&dns, "c0.chain.test", &w);
	assert_int_equal(w.status, SPF_PERMERROR);
	assert_true(w.lookups <= SPF_WALK_LOOKUPS_MAX + 1);
	assert_true(m.asked <= 20);	/* bounded however deep the chain */
	spf_walk_clear(&w);
	mock_free(&m);
}

/* A walk with answers missing asks for every branch in one run. */
static const struct dns_result *
need_get(void *arg, const char *name, int type)
{
	struct mock *m = arg;
	size_t i;

	for (i = 0; i < m->nanswers; i++)
		if (m->answers[i]->qtype == type &&
		    strcmp(m->answers[i]->qname, name) == 0)
			return m->answers[i];
	m->asked++;
	return NULL;
}

static void
test_walk_parallel(void **state)
{
	struct mock m = { 0 };
	struct sender_dns dns = { need_get, &m };
	struct spf_walk w;

	(void)state;
	mock_add(&m, "p.test", DNS_T_TXT, "v=spf1 include:a.test include:b.test a mx -all");
	/* First round: only the record itself. */
	spf_walk(&dns, "p.test", &w);
	assert_int_equal(w.status, SPF_NEED);
	assert_int_equal(m.asked, 1);
	spf_walk_clear(&w);
	dns.get = mock_get;
	(void)mock_get(&m, "p.test", DNS_T_TXT);
	dns.get = need_get;
	m.asked = 0;
	/* Second round: both includes, A, AAAA and MX at once. */
	spf_walk(&dns, "p.test", &w);
	assert_int_equal(w.status, SPF_NEED);
	assert_int_equal(m.asked, 5);
	spf_walk_clear(&w);
	mock_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc7208_suite),
		cmocka_unit_test(test_parse_edges),
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_walk_parallel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
