/*
 * dns.c - the MX plan asked through dns_resolve (dns/resolve.c): MX
 * first, then A and AAAA of every MX host in parallel, each answer handed
 * to dnsplan.c.  The plan calls back once, from the event loop, with the
 * finished plan; a timer bounds the whole plan (the context's timeout)
 * and then delivers it.  dns_cancel() drops a plan and its queries: its
 * callback never runs.  Failures are reported in the plan, never fatal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "base/timer.h"
#include "base/util.h"
#include "dns/dns.h"
#include "dns/dnsplan.h"

/* One outstanding lookup of a plan. */
struct dns_pq {
	struct dns_req		*req;		/* borrowed */
	struct dns_query	*q;		/* borrowed handle; valid until answered */
	size_t			 host;
};

struct dns_req {
	struct dns_user		 user;		/* first: dns_free drops the plan */
	struct dns_ctx		*ctx;		/* borrowed */
	struct dnsplan		 dp;
	struct dns_pq		*pqs;		/* owned; MX, then AAAA and A per host */
	size_t			 npqs;
	size_t			 pending;	/* lookups not yet answered */
	struct event		*timer;		/* owned; the plan's bound, then its delivery */
	bool			 finished;	/* plan decided; the timer delivers it */
	struct mxplan		*result;	/* owned until delivered */
	long long		 started;
	dns_plan_cb		*cb;
	void			*arg;
};

static void	dns_plan_answer(void *, struct dns_result *);

/* Drop every lookup still outstanding. */
static void
dns_req_stop(struct dns_req *req)
{
	size_t i;

	for (i = 0; i < req->npqs; i++) {
		dns_query_cancel(req->pqs[i].q);
		req->pqs[i].q = NULL;
	}
	req->pending = 0;
}

static void
dns_req_free(struct dns_req *req)
{
	dns_user_remove(&req->user);
	dns_req_stop(req);
	free(req->pqs);
	event_free(req->timer);
	dnsplan_clear(&req->dp);
	mxplan_free(req->result);
	free(req);
}

/* The plan is decided: hand it over from a fresh event-loop turn. */
static void
dns_finish(struct dns_req *req, struct mxplan *plan)
{
	dns_req_stop(req);
	req->result = plan;
	req->finished = true;
	timer_arm_ms(req->timer, 0);
}

static void
dns_ask(struct dns_req *req, size_t slot, const char *name, int type,
    size_t host)
{
	struct dns_pq *pq = &req->pqs[slot];

	pq->req = req;
	pq->host = host;
	req->pending++;
	pq->q = dns_resolve(req->ctx, name, type, dns_plan_answer, pq);
}

/* The MX answer is in: ask every address at once. */
static void
dns_start_addresses(struct dns_req *req)
{
	struct mxplan *plan = req->dp.plan;
	size_t i, n = 0, per;

	for (i = 0; i < plan->nhosts; i++)
		if (dnsplan_wants(&req->dp, i))
			n++;
	if (n == 0) {
		dns_finish(req, dnsplan_finish(&req->dp));
		return;
	}
	/* With DNSSEC, each host's TLSA too (DANE, RFC 7672 2.2). */
	per = dns_validating(req->ctx) ? 3 : 2;
	free(req->pqs);
	req->pqs = xcalloc(per * n, sizeof(*req->pqs));
	req->npqs = per * n;
	for (i = 0, n = 0; i < plan->nhosts; i++) {
		if (!dnsplan_wants(&req->dp, i))
			continue;
		dns_ask(req, n++, plan->hosts[i].name, DNS_T_AAAA, i);
		dns_ask(req, n++, plan->hosts[i].name, DNS_T_A, i);
		if (per == 3) {
			char tname[300];

			snprintf(tname, sizeof(tname), "_25._tcp.%s",
			    plan->hosts[i].name);
			dns_ask(req, n++, tname, DNS_T_TLSA, i);
		}
	}
}

static void
dns_plan_answer(void *arg, struct dns_result *r)
{
	struct dns_pq *pq = arg;
	struct dns_req *req = pq->req;

	pq->q = NULL;
	req->pending--;
	if (r->qtype == DNS_T_MX) {
		if (dnsplan_mx(&req->dp, r) == DNSPLAN_DONE)
			dns_finish(req, dnsplan_finish(&req->dp));
		else
			dns_start_addresses(req);
	} else {
		if (r->qtype == DNS_T_TLSA)
			dnsplan_tlsa(&req->dp, pq->host, r);
		else
			dnsplan_addrs(&req->dp, pq->host, r);
		if (req->pending == 0)
			dns_finish(req, dnsplan_finish(&req->dp));
	}
	dns_result_free(r);
}

static void
dns_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dns_req *req = arg;
	struct mxplan *plan;
	dns_plan_cb *cb = req->cb;
	void *cbarg = req->arg;
	char msg[96];

	(void)fd;
	(void)what;
	if (!req->finished) {
		snprintf(msg, sizeof(msg), "no DNS answer within %lld ms",
		    dns_timeout_ms(req->ctx));
		req->result = dnsplan_fail(&req->dp, PLAN_TIMEOUT, msg);
	}
	plan = req->result;
	req->result = NULL;
	plan->dns_ms = now_ms() - req->started;
	dns_req_free(req);
	cb(cbarg, plan);
}

static void
dns_req_drop(struct dns_user *u)
{
	dns_req_free((struct dns_req *)(void *)u);
}

struct dns_req *
dns_plan(struct dns_ctx *ctx, const char *domain_ascii, dns_plan_cb *cb,
    void *arg)
{
	struct dns_req *req = xcalloc(1, sizeof(*req));

	req->ctx = ctx;
	req->cb = cb;
	req->arg = arg;
	req->started = now_ms();
	req->user.drop = dns_req_drop;
	dns_user_add(ctx, &req->user);
	req->timer = timer_new(dns_base(ctx), dns_timer_cb, req);
	timer_arm_ms(req->timer, dns_timeout_ms(ctx));
	if (dnsplan_is_literal(domain_ascii)) {
		dns_finish(req, dnsplan_literal(domain_ascii));
		return req;
	}
	if (!dnsplan_init(&req->dp, domain_ascii)) {
		dns_finish(req, dnsplan_finish(&req->dp));
		return req;
	}
	req->pqs = xcalloc(1, sizeof(*req->pqs));
	req->npqs = 1;
	dns_ask(req, 0, req->dp.plan->domain, DNS_T_MX, 0);
	return req;
}

void
dns_cancel(struct dns_req *req)
{
	if (req != NULL)
		dns_req_free(req);
}
