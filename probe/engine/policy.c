/*
 * policy.c - MTA-STS and TLS-RPT lookups for one domain, as a small state
 * machine on the event loop.
 *
 * Public: policy_start, policy_cancel, policy_rec_copy, policy_cache_new,
 * policy_cache_free, policy_cache_get, policy_cache_put (policy.h).
 *
 * TXT _mta-sts.D and TXT _smtp._tls.D are asked at once.  When the first
 * says v=STSv1, the policy host mta-sts.D is resolved (A, then AAAA) and
 * the policy fetched over HTTPS (net/https.c: verified, no redirects,
 * bounded) and parsed (net/mtasts.c).  Every failure is recorded in the
 * record's sts_error / rpt_error as a plain sentence; nothing is fatal.
 * The callback is delivered from a fresh loop turn once nothing is
 * pending.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timer.h"
#include "base/util.h"
#include "base/vtab.h"
#include "dns/mxplan.h"
#include "engine/policy.h"
#include "net/https.h"

#define POLICY_PATH	"/.well-known/mta-sts.txt"

struct policy_req {
	struct event_base	*base;		/* borrowed */
	struct dns_ctx		*dns;		/* borrowed */
	SSL_CTX			*https_ctx;	/* borrowed */
	bool			 allow_private;
	long long		 timeout_ms;
	char			*domain;	/* owned */
	char			*host;		/* owned; mta-sts.DOMAIN */
	struct dns_query	*q_sts, *q_rpt, *q_addr;	/* borrowed handles */
	struct https_get	*fetch;		/* borrowed handle */
	struct event		*deliver;	/* owned */
	struct tls_policy_rec	*rec;		/* owned until delivered */
	struct mtasts_policy	 sts;
	policy_cb		*cb;
	void			*arg;
};

static void	policy_sts_cb(void *, struct dns_result *);

static bool
policy_pending(const struct policy_req *p)
{
	return p->q_sts || p->q_rpt || p->q_addr || p->fetch;
}

/* Nothing left to wait for: deliver from the loop. */
static void
policy_maybe_done(struct policy_req *p)
{
	if (!policy_pending(p))
		timer_arm_ms(p->deliver, 0);
}

/* The one TXT record of rrs that starts with prefix; NULL when none or two. */
static const struct dns_rr *
policy_txt(const struct dns_result *r, const char *prefix, bool *several)
{
	const struct dns_rr *found = NULL;
	size_t k, n = strlen(prefix);

	*several = false;
	for (k = 0; k < r->nrrs; k++) {
		if (r->rrs[k].len < n || memcmp(r->rrs[k].data, prefix, n) != 0)
			continue;
		if (found != NULL)
			*several = true;
		found = &r->rrs[k];
	}
	return *several ? NULL : found;
}

static void
policy_fetched(void *arg, int status, const char *body, size_t len,
    const char *error)
{
	struct policy_req *p = arg;
	char *err = NULL;

	p->fetch = NULL;
	if (error != NULL)
		p->rec->sts_error = xasprintf("policy from https://%s%s: %s",
		    p->host, POLICY_PATH, error);
	else if (status != 200)
		p->rec->sts_error = xasprintf("policy from https://%s%s: HTTP "
		    "status %d", p->host, POLICY_PATH, status);
	else if (mtasts_policy_parse(body, len, &p->sts, &err) < 0) {
		p->rec->sts_error = xasprintf("policy from https://%s%s: %s",
		    p->host, POLICY_PATH, err);
		free(err);
	} else {
		p->rec->sts_policy = true;
		p->rec->sts_mode = xstrdup(mtasts_mode_name(p->sts.mode));
		p->rec->sts_max_age = p->sts.max_age;
		strlist_add_all(&p->rec->sts_mx, &p->sts.mx);
		strlist_add_all(&p->rec->sts_notes, &p->sts.notes);
	}
	policy_maybe_done(p);
}

/* An address of the policy host: fetch from the first one allowed. */
static void
policy_addr_cb(void *arg, struct dns_result *r)
{
	struct policy_req *p = arg;
	struct sockaddr_storage ss;
	size_t k;
	bool skipped = false;

	p->q_addr = NULL;
	for (k = 0; dns_result_ok(r) && k < r->nrrs; k++) {
		memset(&ss, 0, sizeof(ss));
		ss.ss_family = r->qtype == DNS_T_AAAA ? AF_INET6 : AF_INET;
		if (r->qtype == DNS_T_AAAA)
			memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr,
			    r->rrs[k].data, 16);
		else
			memcpy(&((struct sockaddr_in *)&ss)->sin_addr,
			    r->rrs[k].data, 4);
		if (!p->allow_private &&
		    mx_addr_is_private((struct sockaddr *)&ss)) {
			skipped = true;
			continue;
		}
		p->fetch = https_get(p->base, p->https_ctx, r->rrs[k].name,
		    p->host, POLICY_PATH, MTASTS_POLICY_MAX, p->timeout_ms,
		    policy_fetched, p);
		dns_result_free(r);
		return;
	}
	if (r->qtype == DNS_T_A && !skipped) {
		p->q_addr = dns_resolve(p->dns, p->host, DNS_T_AAAA,
		    policy_addr_cb, p);
		dns_result_free(r);
		return;
	}
	p->rec->sts_error = skipped ? xasprintf("the policy host %s has only "
	    "private or loopback addresses: not contacted", p->host) :
	    xasprintf("the policy host %s has no address (%s)", p->host,
	    dns_result_problem(r) ? dns_result_problem(r) : "no records");
	dns_result_free(r);
	policy_maybe_done(p);
}

static void
policy_sts_cb(void *arg, struct dns_result *r)
{
	struct policy_req *p = arg;
	const struct dns_rr *rr;
	const char *err;
	bool several;
	char *id = NULL;

	p->q_sts = NULL;
	snprintf(p->rec->sts_dnssec, sizeof(p->rec->sts_dnssec), "%s",
	    dns_sec_name(r->sec));
	rr = dns_result_ok(r) ? policy_txt(r, "v=STSv1", &several) : NULL;
	if (rr == NULL) {
		if (dns_result_ok(r) && several)
			p->rec->sts_error = xstrdup("more than one _mta-sts TXT "
			    "record: no policy (RFC 8461 3.1)");
	} else if (mtasts_txt_parse((const char *)rr->data, rr->len, &id,
	    &err) < 0) {
		p->rec->sts_error = xstrdup(err);
	} else {
		p->rec->sts_txt = true;
		p->rec->sts_id = id;
		p->q_addr = dns_resolve(p->dns, p->host, DNS_T_A,
		    policy_addr_cb, p);
	}
	dns_result_free(r);
	policy_maybe_done(p);
}

static void
policy_rpt_cb(void *arg, struct dns_result *r)
{
	struct policy_req *p = arg;
	const struct dns_rr *rr;
	const char *err;
	bool several;

	p->q_rpt = NULL;
	snprintf(p->rec->rpt_dnssec, sizeof(p->rec->rpt_dnssec), "%s",
	    dns_sec_name(r->sec));
	rr = dns_result_ok(r) ? policy_txt(r, "v=TLSRPTv1", &several) : NULL;
	if (rr == NULL) {
		if (dns_result_ok(r) && several)
			p->rec->rpt_error = xstrdup("more than one _smtp._tls "
			    "TXT record");
	} else if (tlsrpt_txt_parse((const char *)rr->data, rr->len,
	    &p->rec->rpt_rua, &err) < 0)
		p->rec->rpt_error = xstrdup(err);
	else
		p->rec->rpt = true;
	dns_result_free(r);
	policy_maybe_done(p);
}

static void
policy_free(struct policy_req *p)
{
	dns_query_cancel(p->q_sts);
	dns_query_cancel(p->q_rpt);
	dns_query_cancel(p->q_addr);
	https_cancel(p->fetch);
	event_free(p->deliver);
	tls_policy_rec_free(p->rec);
	mtasts_policy_free(&p->sts);
	free(p->domain);
	free(p->host);
	free(p);
}

static void
policy_deliver_cb(evutil_socket_t fd, short what, void *arg)
{
	struct policy_req *p = arg;
	struct tls_policy_rec *rec = p->rec;
	struct mtasts_policy *sts = NULL;
	policy_cb *cb = p->cb;
	void *cbarg = p->arg;

	(void)fd;
	(void)what;
	if (rec->sts_policy) {
		sts = xmalloc(sizeof(*sts));
		*sts = p->sts;
		memset(&p->sts, 0, sizeof(p->sts));
	}
	p->rec = NULL;
	policy_free(p);
	cb(cbarg, rec, sts);
}

struct policy_req *
policy_start(struct event_base *base, struct dns_ctx *dns, SSL_CTX *https_ctx,
    bool allow_private, long long timeout_ms, const char *domain,
    policy_cb *cb, void *arg)
{
	struct policy_req *p = xcalloc(1, sizeof(*p));
	char name[300];

	p->base = base;
	p->dns = dns;
	p->https_ctx = https_ctx;
	p->allow_private = allow_private;
	p->timeout_ms = timeout_ms;
	p->domain = xstrdup(domain);
	p->host = xasprintf("mta-sts.%s", domain);
	p->rec = xcalloc(1, sizeof(*p->rec));
	p->rec->sts_satisfied = -1;
	p->cb = cb;
	p->arg = arg;
	p->deliver = timer_new(base, policy_deliver_cb, p);
	snprintf(name, sizeof(name), "_mta-sts.%s", domain);
	p->q_sts = dns_resolve(dns, name, DNS_T_TXT, policy_sts_cb, p);
	snprintf(name, sizeof(name), "_smtp._tls.%s", domain);
	p->q_rpt = dns_resolve(dns, name, DNS_T_TXT, policy_rpt_cb, p);
	return p;
}

void
policy_cancel(struct policy_req *p)
{
	if (p != NULL)
		policy_free(p);
}

struct tls_policy_rec *
policy_rec_copy(const struct tls_policy_rec *s)
{
	struct tls_policy_rec *d = xcalloc(1, sizeof(*d));

	d->sts_txt = s->sts_txt;
	memcpy(d->sts_dnssec, s->sts_dnssec, sizeof(d->sts_dnssec));
	memcpy(d->rpt_dnssec, s->rpt_dnssec, sizeof(d->rpt_dnssec));
	d->sts_id = xstrdup_or_null(s->sts_id);
	d->sts_policy = s->sts_policy;
	d->sts_mode = xstrdup_or_null(s->sts_mode);
	d->sts_max_age = s->sts_max_age;
	strlist_add_all(&d->sts_mx, &s->sts_mx);
	strlist_add_all(&d->sts_notes, &s->sts_notes);
	d->sts_error = xstrdup_or_null(s->sts_error);
	d->sts_satisfied = s->sts_satisfied;
	d->rpt = s->rpt;
	strlist_add_all(&d->rpt_rua, &s->rpt_rua);
	d->rpt_error = xstrdup_or_null(s->rpt_error);
	return d;
}

struct policy_cache {
	struct vtab	 tab;		/* domain -> struct policy_entry (owned) */
};

struct policy_entry {
	struct tls_policy_rec	*rec;	/* owned */
	struct mtasts_policy	*sts;	/* owned; NULL: no valid policy */
};

static struct mtasts_policy *
policy_sts_copy(const struct mtasts_policy *s)
{
	struct mtasts_policy *d;

	if (s == NULL)
		return NULL;
	d = xcalloc(1, sizeof(*d));
	d->mode = s->mode;
	d->max_age = s->max_age;
	d->mx_dropped = s->mx_dropped;
	strlist_add_all(&d->mx, &s->mx);
	strlist_add_all(&d->notes, &s->notes);
	return d;
}

struct policy_cache *
policy_cache_new(void)
{
	return xcalloc(1, sizeof(struct policy_cache));
}

static void
policy_entry_free(void *val, void *arg)
{
	struct policy_entry *e = val;

	(void)arg;
	tls_policy_rec_free(e->rec);
	if (e->sts != NULL) {
		mtasts_policy_free(e->sts);
		free(e->sts);
	}
	free(e);
}

void
policy_cache_free(struct policy_cache *c)
{
	if (c == NULL)
		return;
	vtab_each(&c->tab, policy_entry_free, NULL);
	vtab_free(&c->tab);
	free(c);
}

bool
policy_cache_get(struct policy_cache *c, const char *domain,
    struct tls_policy_rec **rec, struct mtasts_policy **sts)
{
	struct policy_entry *e = vtab_get(&c->tab,
	    vtab_key(domain, strlen(domain)));

	if (e == NULL)
		return false;
	*rec = policy_rec_copy(e->rec);
	*sts = policy_sts_copy(e->sts);
	return true;
}

void
policy_cache_put(struct policy_cache *c, const char *domain,
    const struct tls_policy_rec *rec, const struct mtasts_policy *sts)
{
	struct vkey k = vtab_key(domain, strlen(domain));
	struct policy_entry *e;

	if (c->tab.n >= POLICY_CACHE_MAX || vtab_get(&c->tab, k) != NULL)
		return;
	e = xcalloc(1, sizeof(*e));
	e->rec = policy_rec_copy(rec);
	e->rec->sts_satisfied = -1;
	e->sts = policy_sts_copy(sts);
	vtab_put(&c->tab, k, e);
}
