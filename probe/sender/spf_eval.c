/*
 * spf_eval.c - check_host() of RFC 7208 4-6: the record of a domain
 * selected (4.5), mechanisms evaluated in order (5), redirect after them
 * (6.1), the limits of 4.6.4 (10 DNS-querying terms, 2 void lookups, 10
 * addresses per mx); an include or redirect back to a record being read
 * ends as the loop it is, not at the 10th lookup.  DNS comes from a
 * sender_dns; an answer not known yet ends the run with SPF_NEED (the
 * caller asks and runs again).  The first reason for a permerror/temperror
 * (or the matching term) is left in ctx->why for the user.
 *
 * Public: spf_check_host.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "sender/spf.h"
#include "sender/spf_int.h"

#define SPF_DEPTH_MAX	20	/* include/redirect nesting (the lookup limit ends it first) */

enum spf_match { SPF_NOMATCH, SPF_MATCH, SPF_ERROR };

static enum spf_result
spf_host(struct spf_ctx *, const char *domain, const struct spf_chain *up,
    const char *via);

static void
spf_why(struct spf_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
spf_why(struct spf_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	if (c->why != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	c->why = xstrdup(buf);
}

/* RFC 7208 4.3: a name check_host() can use (FQDN, labels 1..63, <= 253). */
static bool
spf_domain_ok(const char *d)
{
	size_t n = strlen(d), label = 0, i;

	if (n > 0 && d[n - 1] == '.')
		n--;
	if (n == 0 || n > 253 || memchr(d, '.', n) == NULL)
		return false;
	for (i = 0; i <= n; i++) {
		if (i < n && d[i] != '.') {
			label++;
			continue;
		}
		if (label == 0 || label > 63)
			return false;
		label = 0;
	}
	return true;
}

/*
 * The one v=spf1 record of domain (4.4, 4.5).  SPF_PASS with rec filled,
 * or NONE / TEMPERROR / PERMERROR / NEED.
 */
static enum spf_result
spf_fetch(struct spf_ctx *c, const char *domain, struct spf_record *rec)
{
	const struct dns_result *r = sdns_get(c->dns, domain, DNS_T_TXT);
	const struct dns_rr *found = NULL;
	size_t i, n = 0;

	memset(rec, 0, sizeof(*rec));
	if (r == NULL)
		return SPF_NEED;
	if (dns_result_nxdomain(r))
		return SPF_NONE;
	if (!dns_result_ok(r)) {
		spf_why(c, "DNS error for the SPF record of %s: %s", domain, dns_result_problem(r));
		return SPF_TEMPERROR;
	}
	for (i = 0; i < r->nrrs; i++)
		if (spf_is_record((const char *)r->rrs[i].data, r->rrs[i].len)) {
			found = &r->rrs[i];
			n++;
		}
	if (n == 0)
		return SPF_NONE;
	if (n > 1) {
		spf_why(c, "%s has %zu v=spf1 records; there must be one", domain, n);
		return SPF_PERMERROR;
	}
	if (found->cut) {
		spf_why(c, "the SPF record of %s is longer than %d bytes", domain, DNS_RDATA_MAX);
		return SPF_PERMERROR;
	}
	if (!spf_parse((const char *)found->data, found->len, rec)) {
		spf_why(c, "SPF record of %s: %s", domain, rec->error);
		spf_record_clear(rec);
		return SPF_PERMERROR;
	}
	return SPF_PASS;
}

/* Count one DNS-querying term; false (permerror) beyond the limit. */
static bool
spf_count(struct spf_ctx *c, const struct spf_term *t)
{
	if (++c->lookups <= SPF_LOOKUP_LIMIT)
		return true;
	spf_why(c, "more than %d DNS lookups (at \"%s\")", SPF_LOOKUP_LIMIT, t->text);
	return false;
}

/*
 * A void lookup (NXDOMAIN or no records); false (permerror) beyond the limit.
 */
static bool
spf_void(struct spf_ctx *c, const struct spf_term *t)
{
	if (++c->voids <= SPF_VOID_LIMIT)
		return true;
	spf_why(c, "more than %d lookups found nothing (at \"%s\")", SPF_VOID_LIMIT, t->text);
	return false;
}

/* The target of a term: its expanded domain-spec or the current domain. */
static char *
spf_target(struct spf_ctx *c, const struct spf_term *t, const char *domain,
    enum spf_result *err)
{
	char *s;
	bool bad;

	if (t->spec == NULL)
		return xstrdup(domain);
	if ((s = spf_expand(c, t->spec, domain, false, &bad)) == NULL) {
		*err = bad ? SPF_PERMERROR : SPF_NEED;
		if (bad)
			spf_why(c, "bad macro in \"%s\"", t->text);
	}
	return s;
}

/* The address records of name for the client's family, or NULL (need). */
static const struct dns_result *
spf_addrs(struct spf_ctx *c, const char *name)
{
	return sdns_get(c->dns, name, c->v4 ? DNS_T_A : DNS_T_AAAA);
}

static bool
spf_any_match(struct spf_ctx *c, const struct dns_result *r,
    const struct spf_term *t)
{
	size_t i;
	int prefix = c->v4 ? (t->cidr4 >= 0 ? t->cidr4 : 32) : (t->cidr6 >= 0 ? t->cidr6 : 128);

	for (i = 0; i < r->nrrs; i++)
		if (spf_ip_match(c, &r->rrs[i], prefix))
			return true;
	return false;
}

/*
 * The answer a term needs for (target, type): SPF_MATCH with *out when it
 * has records, SPF_NOMATCH when void (counted), else SPF_ERROR with *err:
 * NEED, PERMERROR past the void limit, TEMPERROR on a DNS error.
 */
static enum spf_match
spf_lookup(struct spf_ctx *c, const struct spf_term *t, const char *target,
    int type, const struct dns_result **out, enum spf_result *err)
{
	const struct dns_result *r;

	if ((r = sdns_get(c->dns, target, type)) == NULL) {
		*err = SPF_NEED;
		return SPF_ERROR;
	}
	if (dns_result_nxdomain(r) || (dns_result_ok(r) && r->nrrs == 0)) {
		if (!spf_void(c, t)) {
			*err = SPF_PERMERROR;
			return SPF_ERROR;
		}
		return SPF_NOMATCH;
	}
	if (!dns_result_ok(r)) {
		spf_why(c, "DNS error for %s %s: %s", dns_type_name(type), target,
		    dns_result_problem(r));
		*err = SPF_TEMPERROR;
		return SPF_ERROR;
	}
	*out = r;
	return SPF_MATCH;
}

static enum spf_match
spf_mech_a(struct spf_ctx *c, const struct spf_term *t, const char *target,
    enum spf_result *err)
{
	const struct dns_result *r;
	enum spf_match m;

	if (!spf_domain_ok(target))
		return SPF_NOMATCH;
	m = spf_lookup(c, t, target, c->v4 ? DNS_T_A : DNS_T_AAAA, &r, err);
	if (m != SPF_MATCH)
		return m;
	return spf_any_match(c, r, t) ? SPF_MATCH : SPF_NOMATCH;
}

static enum spf_match
spf_mech_mx(struct spf_ctx *c, const struct spf_term *t, const char *target,
    enum spf_result *err)
{
	const struct dns_result *mx, *r;
	size_t i, hosts = 0;
	bool need = false, match = false;

	enum spf_match m;

	if (!spf_domain_ok(target))
		return SPF_NOMATCH;
	if ((m = spf_lookup(c, t, target, DNS_T_MX, &mx, err)) != SPF_MATCH)
		return m;
	for (i = 0; i < mx->nrrs; i++) {
		if (mx->rrs[i].name[0] == '\0')
			continue;	/* null MX */
		if (++hosts > SPF_MX_ADDR_LIMIT) {
			spf_why(c, "mx of %s: more than %d MX hosts to look up",
			    target, SPF_MX_ADDR_LIMIT);
			*err = SPF_PERMERROR;
			return SPF_ERROR;
		}
		if ((r = spf_addrs(c, mx->rrs[i].name)) == NULL) {
			need = true;
			continue;
		}
		if (dns_result_ok(r) && spf_any_match(c, r, t))
			match = true;
	}
	if (need) {
		*err = SPF_NEED;
		return SPF_ERROR;
	}
	return match ? SPF_MATCH : SPF_NOMATCH;
}

/* ptr (5.5): a validated PTR name of the client within target. */
static enum spf_match
spf_mech_ptr(struct spf_ctx *c, const struct spf_term *t, const char *target,
    enum spf_result *err)
{
	const struct dns_result *ptr, *r;
	char rev[80];
	size_t i, k, n;
	bool need = false;

	spf_reverse_name(c, rev, sizeof(rev));
	if ((ptr = sdns_get(c->dns, rev, DNS_T_PTR)) == NULL) {
		*err = SPF_NEED;
		return SPF_ERROR;
	}
	if (dns_result_nxdomain(ptr) ||
	    (dns_result_ok(ptr) && ptr->nrrs == 0)) {
		if (!spf_void(c, t)) {
			*err = SPF_PERMERROR;
			return SPF_ERROR;
		}
		return SPF_NOMATCH;
	}
	if (!dns_result_ok(ptr))
		return SPF_NOMATCH;	/* 5.5: a DNS error makes ptr not match */
	n = ptr->nrrs < SPF_PTR_NAME_LIMIT ? ptr->nrrs : SPF_PTR_NAME_LIMIT;
	for (i = 0; i < n; i++) {
		if (!spf_name_within(ptr->rrs[i].name, target))
			continue;
		if ((r = spf_addrs(c, ptr->rrs[i].name)) == NULL) {
			need = true;
			continue;
		}
		for (k = 0; dns_result_ok(r) && k < r->nrrs; k++)
			if (spf_ip_match(c, &r->rrs[k], c->v4 ? 32 : 128))
				return SPF_MATCH;
	}
	if (need) {
		*err = SPF_NEED;
		return SPF_ERROR;
	}
	return SPF_NOMATCH;
}

static enum spf_match
spf_mech_exists(struct spf_ctx *c, const struct spf_term *t, const char *target,
    enum spf_result *err)
{
	const struct dns_result *r;

	if (!spf_domain_ok(target))
		return SPF_NOMATCH;
	return spf_lookup(c, t, target, DNS_T_A, &r, err);
}

static enum spf_match
spf_mech_include(struct spf_ctx *c, const char *target,
    const struct spf_chain *up, enum spf_result *err)
{
	enum spf_result r;

	if (!spf_domain_ok(target)) {
		spf_why(c, "include:%s is not a usable domain", target);
		*err = SPF_PERMERROR;
		return SPF_ERROR;
	}
	r = spf_host(c, target, up, "include:");
	switch (r) {
	case SPF_PASS:
		return SPF_MATCH;
	case SPF_FAIL:
	case SPF_SOFTFAIL:
	case SPF_NEUTRAL:
		return SPF_NOMATCH;
	case SPF_NONE:
		spf_why(c, "include:%s has no SPF record", target);
		*err = SPF_PERMERROR;
		return SPF_ERROR;
	default:
		*err = r;
		return SPF_ERROR;
	}
}

/* One mechanism: match, no match, or an error result in *err. */
static enum spf_match
spf_mech(struct spf_ctx *c, const struct spf_term *t, const char *domain,
    const struct spf_chain *up, enum spf_result *err)
{
	enum spf_match m;
	char *target;

	switch (t->kind) {
	case SPF_ALL:
		return SPF_MATCH;
	case SPF_IP4:
		return c->v4 && spf_prefix_eq(c->ip + 12, t->ip, t->cidr4 >= 0 ? t->cidr4 : 32) ?
		    SPF_MATCH : SPF_NOMATCH;
	case SPF_IP6:
		return !c->v4 && spf_prefix_eq(c->ip, t->ip, t->cidr6 >= 0 ? t->cidr6 : 128) ?
		    SPF_MATCH : SPF_NOMATCH;
	case SPF_INCLUDE:
	case SPF_A:
	case SPF_MX:
	case SPF_PTR:
	case SPF_EXISTS:
		break;
	default:
		return SPF_NOMATCH;
	}
	if (!spf_count(c, t)) {
		*err = SPF_PERMERROR;
		return SPF_ERROR;
	}
	if ((target = spf_target(c, t, domain, err)) == NULL)
		return SPF_ERROR;
	switch (t->kind) {
	case SPF_INCLUDE:
		m = spf_mech_include(c, target, up, err);
		break;
	case SPF_A:
		m = spf_mech_a(c, t, target, err);
		break;
	case SPF_MX:
		m = spf_mech_mx(c, t, target, err);
		break;
	case SPF_PTR:
		m = spf_mech_ptr(c, t, target, err);
		break;
	default:
		m = spf_mech_exists(c, t, target, err);
		break;
	}
	free(target);
	return m;
}

static enum spf_result
spf_qual_result(char q)
{
	switch (q) {
	case '-':
		return SPF_FAIL;
	case '~':
		return SPF_SOFTFAIL;
	case '?':
		return SPF_NEUTRAL;
	default:
		return SPF_PASS;
	}
}

/*
 * A record that names one being read (itself, or an include above it):
 * read on, check_host() would go round until the 10 lookups of 4.6.4
 * end it, and "more than 10 DNS lookups" would blame a record that has a
 * few.  The result is the same permerror, said for what it is (5.2).
 */
static bool
spf_loop(struct spf_ctx *c, const char *domain, const struct spf_chain *up,
    const char *via)
{
	if (spf_chain_find(up, domain) == NULL)
		return false;
	spf_why(c, "a loop: %s%s in the record of %s names a record already "
	    "being read (RFC 7208 5.2)", via, domain, up->domain);
	return true;
}

/* check_host() of domain, reached by via ("include:", "redirect=") from
 * up (NULL: the domain checked). */
static enum spf_result
spf_host(struct spf_ctx *c, const char *domain, const struct spf_chain *up,
    const char *via)
{
	struct spf_record rec;
	struct spf_chain at = { domain, up != NULL ? up->depth + 1 : 0, up };
	const struct spf_term *redirect = NULL;
	enum spf_result res, err = SPF_NONE;
	enum spf_match m;
	char *target;
	size_t i;

	if (!spf_domain_ok(domain))
		return SPF_NONE;
	if (at.depth > SPF_DEPTH_MAX) {
		spf_why(c, "include/redirect nested more than %d deep", SPF_DEPTH_MAX);
		return SPF_PERMERROR;
	}
	if (spf_loop(c, domain, up, via))
		return SPF_PERMERROR;
	if ((res = spf_fetch(c, domain, &rec)) != SPF_PASS)
		return res;
	res = SPF_NEUTRAL;
	for (i = 0; i < rec.nterms; i++) {
		if (rec.terms[i].kind == SPF_REDIRECT)
			redirect = &rec.terms[i];
		if (rec.terms[i].kind >= SPF_REDIRECT)
			continue;
		m = spf_mech(c, &rec.terms[i], domain, &at, &err);
		if (m == SPF_ERROR) {
			res = err;
			goto done;
		}
		if (m == SPF_MATCH) {
			res = spf_qual_result(rec.terms[i].qual);
			if (up == NULL)
				spf_why(c, "matched \"%s\" in the record of %s", rec.terms[i].text, domain);
			goto done;
		}
	}
	if (redirect != NULL) {
		if (!spf_count(c, redirect)) {
			res = SPF_PERMERROR;
			goto done;
		}
		if ((target = spf_target(c, redirect, domain, &err)) == NULL) {
			res = err;
			goto done;
		}
		res = spf_domain_ok(target) ? spf_host(c, target, &at, "redirect=") : SPF_NONE;
		if (res == SPF_NONE) {
			spf_why(c, "redirect=%s has no SPF record", target);
			res = SPF_PERMERROR;
		}
		free(target);
	}
done:
	spf_record_clear(&rec);
	return res;
}

enum spf_result
spf_check_host(struct spf_ctx *c, const char *domain)
{
	c->lookups = c->voids = 0;
	free(c->why);
	c->why = NULL;
	return spf_host(c, domain, NULL, NULL);
}
