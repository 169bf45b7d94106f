/*
 * spf_walk.c - the whole SPF tree of a sender's domain, as a checker sees
 * it rather than as a receiver evaluates it: every include and redirect
 * followed (each branch walked even while another waits for DNS, so one
 * run asks for everything it can at once), DNS-querying terms counted the
 * RFC's way across the tree (include, a, mx, ptr, exists, redirect), void
 * lookups counted, loops found, and the addresses the record authorizes
 * collected (ip4/ip6, a, mx; exists, ptr and macros are noted as not
 * enumerable).  Bounded: the walk stops fetching past
 * SPF_WALK_LOOKUPS_MAX terms and keeps SPF_WALK_RANGES_MAX ranges.
 *
 * Public: spf_walk, spf_walk_clear.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sender/spf.h"
#include "sender/spf_int.h"

#define SPF_WALK_DEPTH_MAX	12	/* nesting followed (the lookup count ends it first) */

struct spf_walker {
	const struct sender_dns	*dns;
	struct spf_walk		*w;
	bool			 need;
	bool			 broken;	/* a record of the tree is a permerror */
};

static void
spf_note(struct spf_walk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
spf_note(struct spf_walk *w, const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	size_t i;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < w->nnotes; i++)
		if (strcmp(w->notes[i], buf) == 0)
			return;
	if (w->nnotes < SPF_WALK_NOTES_MAX)
		w->notes[w->nnotes++] = xstrdup(buf);
}

static void
spf_add_range(struct spf_walk *w, const uint8_t *ip, bool v4, int prefix,
    const char *from, const char *how)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	struct spf_range *r;
	size_t i;

	for (i = 0; i < w->nranges; i++)
		if (w->ranges[i].v4 == v4 && w->ranges[i].prefix == prefix &&
		    memcmp(v4 ? w->ranges[i].ip + 12 : w->ranges[i].ip, ip, v4 ? 4 : 16) == 0)
			return;
	if (w->nranges == SPF_WALK_RANGES_MAX) {
		w->ranges_omitted++;
		return;
	}
	r = &w->ranges[w->nranges++];
	memset(r, 0, sizeof(*r));
	if (v4) {
		memcpy(r->ip, mapped, 12);
		memcpy(r->ip + 12, ip, 4);
	} else
		memcpy(r->ip, ip, 16);
	r->v4 = v4;
	r->prefix = prefix;
	r->from = xstrdup(from);
	r->how = xstrdup(how);
}

/* A void answer: NXDOMAIN or an empty NOERROR. */
static bool
spf_is_void(const struct dns_result *r)
{
	return dns_result_nxdomain(r) || (dns_result_ok(r) && r->nrrs == 0);
}

/*
 * The A and AAAA records of name into the ranges; returns whether both were
 * void.
 */
static bool
spf_walk_addrs(struct spf_walker *s, const char *name, int c4, int c6,
    const char *from, const char *how)
{
	static const int types[2] = { DNS_T_A, DNS_T_AAAA };
	const struct dns_result *r;
	bool all_void = true;
	size_t t, i;

	for (t = 0; t < 2; t++) {
		if ((r = sdns_get(s->dns, name, types[t])) == NULL) {
			s->need = true;
			all_void = false;
			continue;
		}
		if (!spf_is_void(r))
			all_void = false;
		for (i = 0; dns_result_ok(r) && i < r->nrrs; i++)
			spf_add_range(s->w, r->rrs[i].data, t == 0,
			    t == 0 ? (c4 >= 0 ? c4 : 32) : (c6 >= 0 ? c6 : 128),
			    from, how);
	}
	return all_void;
}

static void spf_walk_domain(struct spf_walker *, const char *domain,
		    const struct spf_chain *up, bool top, const char *via);

static void
spf_walk_mx(struct spf_walker *s, const struct spf_term *t, const char *target,
    const char *domain)
{
	const struct dns_result *mx;
	size_t i, hosts = 0;

	if ((mx = sdns_get(s->dns, target, DNS_T_MX)) == NULL) {
		s->need = true;
		return;
	}
	if (spf_is_void(mx)) {
		s->w->voids++;
		spf_note(s->w, "\"%s\" in %s: %s has no MX record (a void lookup)", t->text,
		    domain, target);
		return;
	}
	for (i = 0; dns_result_ok(mx) && i < mx->nrrs; i++) {
		if (mx->rrs[i].name[0] == '\0')
			continue;
		if (++hosts > SPF_MX_ADDR_LIMIT) {
			spf_note(s->w, "\"%s\" in %s: more than %d MX hosts (a permerror)",
			    t->text, domain, SPF_MX_ADDR_LIMIT);
			s->broken = true;
			return;
		}
		spf_walk_addrs(s, mx->rrs[i].name, t->cidr4, t->cidr6, domain,
		    t->text);
	}
}

static void
spf_walk_term(struct spf_walker *s, const struct spf_term *t,
    const struct spf_chain *at, bool top)
{
	const char *domain = at->domain;
	struct spf_walk *w = s->w;
	const char *target = t->spec != NULL ? t->spec : domain;

	switch (t->kind) {
	case SPF_ALL:
		if (top && w->all == 0)
			w->all = t->qual;
		return;
	case SPF_IP4:
	case SPF_IP6:
		spf_add_range(w, t->ip, t->kind == SPF_IP4,
		    t->kind == SPF_IP4 ? (t->cidr4 >= 0 ? t->cidr4 : 32) :
		    (t->cidr6 >= 0 ? t->cidr6 : 128), domain, t->text);
		return;
	case SPF_INCLUDE:
	case SPF_A:
	case SPF_MX:
	case SPF_PTR:
	case SPF_EXISTS:
	case SPF_REDIRECT:
		break;
	default:
		return;
	}
	if (++w->lookups > SPF_WALK_LOOKUPS_MAX)
		return;
	if (t->kind == SPF_PTR) {
		w->ptr = true;
		w->not_enumerable = true;
		spf_note(w, "\"%s\" in %s: ptr is slow and discouraged (RFC 7208 5.5); "
		    "some receivers ignore it", t->text, domain);
		return;
	}
	if (t->kind == SPF_EXISTS || t->macro) {
		w->not_enumerable = true;
		spf_note(w, "\"%s\" in %s depends on the message (exists or a macro): its "
		    "addresses cannot be listed", t->text, domain);
		return;
	}
	switch (t->kind) {
	case SPF_A:
		if (spf_walk_addrs(s, target, t->cidr4, t->cidr6, domain, t->text)) {
			w->voids++;
			spf_note(w, "\"%s\" in %s: %s has no address (a void lookup)", t->text,
			    domain, target);
		}
		return;
	case SPF_MX:
		spf_walk_mx(s, t, target, domain);
		return;
	default:
		spf_walk_domain(s, target, at, top && t->kind == SPF_REDIRECT,
		    t->kind == SPF_INCLUDE ? "include" : "redirect");
		return;
	}
}

/* The record of domain, reached by via ("include", "redirect") from up
 * (NULL: the domain walked). */
static void
spf_walk_domain(struct spf_walker *s, const char *domain,
    const struct spf_chain *up, bool top, const char *via)
{
	const struct spf_chain at = { domain, up != NULL ? up->depth + 1 : 0, up };
	const unsigned depth = at.depth;
	struct spf_walk *w = s->w;
	const struct dns_result *r;
	const struct dns_rr *found = NULL;
	struct spf_record rec;
	const struct spf_term *redirect = NULL;
	bool has_all = false;
	size_t i, n = 0;

	if (spf_chain_find(up, domain) != NULL) {
		w->loop = true;
		s->broken = true;
		spf_note(w, "%s:%s loops back to a record already being read", via, domain);
		return;
	}
	if (depth > SPF_WALK_DEPTH_MAX) {
		s->broken = true;
		spf_note(w, "includes nested more than %d deep", SPF_WALK_DEPTH_MAX);
		return;
	}
	if (depth > w->depth)
		w->depth = depth;
	if ((r = sdns_get(s->dns, domain, DNS_T_TXT)) == NULL) {
		s->need = true;
		return;
	}
	if (!dns_result_ok(r) && !dns_result_nxdomain(r)) {
		if (depth == 0)
			w->status = SPF_TEMPERROR;
		spf_note(w, "the SPF record of %s cannot be read: %s", domain, dns_result_problem(r));
		return;
	}
	for (i = 0; dns_result_ok(r) && i < r->nrrs; i++)
		if (spf_is_record((const char *)r->rrs[i].data, r->rrs[i].len)) {
			found = &r->rrs[i];
			n++;
		}
	if (depth == 0)
		w->nrecords = n;
	if (n == 0) {
		if (depth > 0) {
			s->broken = true;
			spf_note(w, "%s:%s has no SPF record (a permerror)", via, domain);
		}
		return;
	}
	if (depth == 0)
		w->record = xstrndup((const char *)found->data, found->len);
	if (n > 1) {
		s->broken = true;
		spf_note(w, "%s has %zu v=spf1 records: receivers treat that as a permerror",
		    domain, n);
		return;
	}
	if (found->cut ||
	    !spf_parse((const char *)found->data, found->len, &rec)) {
		s->broken = true;
		if (found->cut)
			spf_note(w, "the SPF record of %s is longer than %d bytes", domain,
			    DNS_RDATA_MAX);
		else {
			spf_note(w, "the SPF record of %s has a syntax error: %s", domain, rec.error);
			spf_record_clear(&rec);
		}
		return;
	}
	for (i = 0; i < rec.nterms; i++) {
		if (rec.terms[i].kind == SPF_ALL)
			has_all = true;
		if (rec.terms[i].kind == SPF_REDIRECT)
			redirect = &rec.terms[i];
		else
			spf_walk_term(s, &rec.terms[i], &at, top);
	}
	if (redirect != NULL && has_all)
		spf_note(w, "%s has both all and redirect=: redirect= is never used", domain);
	else if (redirect != NULL) {
		if (top)
			w->redirect = true;
		spf_walk_term(s, redirect, &at, top);
	}
	spf_record_clear(&rec);
}

void
spf_walk(const struct sender_dns *dns, const char *domain, struct spf_walk *w)
{
	struct spf_walker s;

	memset(w, 0, sizeof(*w));
	memset(&s, 0, sizeof(s));
	s.dns = dns;
	s.w = w;
	w->status = SPF_PASS;
	spf_walk_domain(&s, domain, NULL, true, "domain");
	if (w->lookups > SPF_WALK_LOOKUPS_MAX)
		spf_note(w, "more than %d DNS-querying terms: the rest were not read",
		    SPF_WALK_LOOKUPS_MAX);
	if (s.need)
		w->status = SPF_NEED;
	else if (w->status != SPF_TEMPERROR && w->nrecords == 0)
		w->status = SPF_NONE;
	else if (w->status != SPF_TEMPERROR && (s.broken || w->lookups > SPF_LOOKUP_LIMIT ||
	    w->voids > SPF_VOID_LIMIT))
		w->status = SPF_PERMERROR;
}

void
spf_walk_clear(struct spf_walk *w)
{
	size_t i;

	for (i = 0; i < w->nranges; i++) {
		free(w->ranges[i].from);
		free(w->ranges[i].how);
	}
	for (i = 0; i < w->nnotes; i++)
		free(w->notes[i]);
	free(w->record);
	memset(w, 0, sizeof(*w));
}
