/*
 * dns.c - asynchronous DNS: libunbound on the program's one event_base
 * (ub_ctx_create_event / ub_resolve_event), answers handed to dnsplan.c.
 *
 * dns_new() makes the context (forwarding to --resolver, or the servers of
 * /etc/resolv.conf; /etc/hosts and unbound's built-in local zones are kept
 * out so the answer is what a mail server would see).  dns_plan() asks MX,
 * then A and AAAA of every MX host in parallel, and calls back once, from
 * the event loop, with the finished plan; a timer bounds the whole plan
 * (PLAN_TIMEOUT).  dns_cancel() drops a plan: its callback never runs.
 *
 * Outstanding unbound queries are never cancelled with ub_cancel (it frees
 * unbound's query record while the event-mode resolver may still answer
 * it): each has a small dns_q record that is orphaned instead, and freed
 * when unbound answers it or when the context is freed.  Failures are
 * reported in the plan (PLAN_SERVFAIL with the resolver's words), never
 * fatal.
 */
#include <sys/queue.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <ldns/ldns.h>
#include <unbound.h>
#include <unbound-event.h>

#include "dns/dns.h"
#include "dns/dnsplan.h"

/*
 * Plans for thousands of domains share one context: room for their
 * queries, and enough UDP sockets in flight (libunbound's default made
 * 3,000 plans take 12 s instead of 0.6 s) while leaving file descriptors
 * for the SMTP sessions.
 */
#define DNS_QUERIES_PER_CTX	"16384"
#define DNS_OUTGOING_RANGE	"512"

/* Unbound's default local zones (RFC 6761 and friends) that would answer
 * locally instead of asking the resolver. */
static const char *const dns_local_zones[] = {
	"localhost.", "test.", "invalid.", "onion.", "home.arpa.",
	"resolver.arpa.", "service.arpa.", "local.",
	"127.in-addr.arpa.", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
};

struct dns_q;

struct dns_req {
	struct dns_ctx		*ctx;		/* borrowed */
	LIST_ENTRY(dns_req)	 entry;		/* in ctx->reqs */
	LIST_HEAD(, dns_q)	 qs;		/* this plan's queries in flight */
	struct dnsplan		 dp;
	struct event		*timer;		/* owned; the plan's bound, then its delivery */
	bool			 finished;	/* plan decided; the timer delivers it */
	bool			 starting;	/* still sending address queries */
	struct mxplan		*result;	/* owned until delivered */
	long long		 started;
	dns_plan_cb		*cb;
	void			*arg;
};

/* One query unbound holds; outlives its request when orphaned. */
struct dns_q {
	struct dns_ctx		*ctx;		/* borrowed */
	struct dns_req		*req;		/* borrowed; NULL: orphaned, answer ignored */
	LIST_ENTRY(dns_q)	 live;		/* in ctx->live */
	LIST_ENTRY(dns_q)	 mine;		/* in req->qs, while req is set */
	int			 rrtype;
	size_t			 host;
};

struct dns_ctx {
	struct event_base	*base;		/* borrowed */
	struct ub_ctx		*ub;		/* owned */
	long long		 timeout_ms;
	unsigned long		 queries;
	LIST_HEAD(, dns_q)	 live;		/* every query unbound still holds */
	LIST_HEAD(, dns_req)	 reqs;		/* every plan not yet delivered */
};

static void	dns_answer_cb(void *, int, void *, int, int, char *, int);
static void	dns_timer_cb(evutil_socket_t, short, void *);

bool
dns_resolver_valid(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];
	char ip[INET6_ADDRSTRLEN];
	const char *at = strrchr(s, '@'), *p;
	size_t n = at ? (size_t)(at - s) : strlen(s);
	long port = 0;

	if (n == 0 || n >= sizeof(ip))
		return false;
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, buf) != 1 && inet_pton(AF_INET6, ip, buf) != 1)
		return false;
	if (at == NULL)
		return true;
	for (p = at + 1; *p >= '0' && *p <= '9' && port <= 65535; p++)
		port = port * 10 + (*p - '0');
	return *p == '\0' && p != at + 1 && port >= 1 && port <= 65535;
}

struct dns_ctx *
dns_new(struct event_base *base, const char *resolver, long long timeout_ms, char **err)
{
	struct dns_ctx *ctx;
	char zone[128];
	size_t i;
	int rc;

	*err = NULL;
	if (resolver != NULL && !dns_resolver_valid(resolver)) {
		*err = xasprintf("bad resolver \"%s\": expected IP or IP@PORT", resolver);
		return NULL;
	}
	ctx = xcalloc(1, sizeof(*ctx));
	ctx->base = base;
	ctx->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	LIST_INIT(&ctx->live);
	LIST_INIT(&ctx->reqs);
	if ((ctx->ub = ub_ctx_create_event(base)) == NULL) {
		*err = xstrdup("cannot create the DNS resolver context");
		free(ctx);
		return NULL;
	}
	rc = ub_ctx_set_option(ctx->ub, "do-not-query-localhost:", "no");
	if (rc == 0)
		rc = ub_ctx_set_option(ctx->ub, "num-queries-per-thread:", DNS_QUERIES_PER_CTX);
	if (rc == 0)
		rc = ub_ctx_set_option(ctx->ub, "outgoing-range:", DNS_OUTGOING_RANGE);
	for (i = 0; rc == 0 && i < sizeof(dns_local_zones) / sizeof(dns_local_zones[0]); i++) {
		snprintf(zone, sizeof(zone), "%s transparent", dns_local_zones[i]);
		rc = ub_ctx_set_option(ctx->ub, "local-zone:", zone);
	}
	if (rc == 0)
		rc = resolver ? ub_ctx_set_fwd(ctx->ub, resolver) : ub_ctx_resolvconf(ctx->ub, NULL);
	if (rc != 0) {
		*err = xasprintf("DNS resolver set-up: %s", ub_strerror(rc));
		ub_ctx_delete(ctx->ub);
		free(ctx);
		return NULL;
	}
	return ctx;
}

unsigned long
dns_queries(const struct dns_ctx *ctx)
{
	return ctx->queries;
}

/* Stop listening to req's queries: unbound may still answer them later. */
static void
dns_orphan(struct dns_req *req)
{
	struct dns_q *q;

	while ((q = LIST_FIRST(&req->qs)) != NULL) {
		LIST_REMOVE(q, mine);
		q->req = NULL;
	}
}

static void
dns_req_free(struct dns_req *req)
{
	dns_orphan(req);
	LIST_REMOVE(req, entry);
	event_free(req->timer);
	dnsplan_clear(&req->dp);
	mxplan_free(req->result);
	free(req);
}

/* The plan is decided: hand it over from a fresh event-loop turn. */
static void
dns_finish(struct dns_req *req, struct mxplan *plan)
{
	static const struct timeval now = { 0, 0 };

	dns_orphan(req);
	req->result = plan;
	req->finished = true;
	evtimer_add(req->timer, &now);
}

/* Ask unbound; false (with the plan failed) when it refuses the query. */
static bool
dns_query(struct dns_req *req, const char *name, int rrtype, size_t host)
{
	struct dns_ctx *ctx = req->ctx;
	struct dns_q *q = xcalloc(1, sizeof(*q));
	char *msg;
	int rc;

	q->ctx = ctx;
	q->req = req;
	q->rrtype = rrtype;
	q->host = host;
	LIST_INSERT_HEAD(&ctx->live, q, live);
	LIST_INSERT_HEAD(&req->qs, q, mine);
	ctx->queries++;
	/* May answer before returning (local data): q is then already freed. */
	rc = ub_resolve_event(ctx->ub, name, rrtype, LDNS_RR_CLASS_IN, q, dns_answer_cb, NULL);
	if (rc == 0)
		return true;
	LIST_REMOVE(q, live);
	LIST_REMOVE(q, mine);
	free(q);
	if (!req->finished) {
		msg = xasprintf("cannot query %s: %s", name, ub_strerror(rc));
		dns_finish(req, dnsplan_fail(&req->dp, PLAN_SERVFAIL, msg));
		free(msg);
	}
	return false;
}

/* The MX answer is in: start every address query at once. */
static void
dns_start_addresses(struct dns_req *req)
{
	struct mxplan *plan = req->dp.plan;
	size_t i;

	req->starting = true;
	for (i = 0; i < plan->nhosts && !req->finished; i++) {
		if (!dnsplan_wants(&req->dp, i))
			continue;
		if (!dns_query(req, plan->hosts[i].name, LDNS_RR_TYPE_AAAA, i) ||
		    !dns_query(req, plan->hosts[i].name, LDNS_RR_TYPE_A, i))
			break;
	}
	req->starting = false;
	if (!req->finished && LIST_EMPTY(&req->qs))
		dns_finish(req, dnsplan_finish(&req->dp));
}

static void
dns_answer_cb(void *arg, int rcode, void *pkt, int len, int sec, char *why_bogus,
    int ratelimited)
{
	struct dns_q *q = arg;
	struct dns_req *req = q->req;
	struct dns_answer a;

	(void)ratelimited;
	LIST_REMOVE(q, live);
	if (req != NULL)
		LIST_REMOVE(q, mine);
	if (req == NULL || req->finished) {
		free(q);
		return;
	}
	a.rcode = rcode;
	a.pkt = pkt;
	a.len = pkt != NULL && len > 0 ? (size_t)len : 0;
	a.sec = sec;
	a.why_bogus = why_bogus;
	if (q->rrtype == LDNS_RR_TYPE_MX) {
		free(q);
		if (dnsplan_mx(&req->dp, &a) == DNSPLAN_DONE)
			dns_finish(req, dnsplan_finish(&req->dp));
		else
			dns_start_addresses(req);
		return;
	}
	dnsplan_addrs(&req->dp, q->host, q->rrtype, &a);
	free(q);
	if (LIST_EMPTY(&req->qs) && !req->starting)
		dns_finish(req, dnsplan_finish(&req->dp));
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
		snprintf(msg, sizeof(msg), "no DNS answer within %lld ms", req->ctx->timeout_ms);
		req->result = dnsplan_fail(&req->dp, PLAN_TIMEOUT, msg);
	}
	plan = req->result;
	req->result = NULL;
	plan->dns_ms = now_ms() - req->started;
	dns_req_free(req);
	cb(cbarg, plan);
}

struct dns_req *
dns_plan(struct dns_ctx *ctx, const char *domain_ascii, dns_plan_cb *cb, void *arg)
{
	struct dns_req *req = xcalloc(1, sizeof(*req));
	struct timeval tv;

	req->ctx = ctx;
	req->cb = cb;
	req->arg = arg;
	req->started = now_ms();
	LIST_INIT(&req->qs);
	LIST_INSERT_HEAD(&ctx->reqs, req, entry);
	if ((req->timer = evtimer_new(ctx->base, dns_timer_cb, req)) == NULL)
		fatalx("%s: evtimer_new failed", __func__);
	tv.tv_sec = ctx->timeout_ms / 1000;
	tv.tv_usec = (ctx->timeout_ms % 1000) * 1000;
	evtimer_add(req->timer, &tv);
	if (!dnsplan_init(&req->dp, domain_ascii))
		dns_finish(req, dnsplan_finish(&req->dp));
	else
		dns_query(req, req->dp.plan->domain, LDNS_RR_TYPE_MX, 0);
	return req;
}

void
dns_cancel(struct dns_req *req)
{
	if (req != NULL)
		dns_req_free(req);
}

void
dns_free(struct dns_ctx *ctx)
{
	struct dns_q *q;

	if (ctx == NULL)
		return;
	while (!LIST_EMPTY(&ctx->reqs))
		dns_req_free(LIST_FIRST(&ctx->reqs));
	/* Every query is orphaned now; deleting may still answer some (SERVFAIL). */
	ub_ctx_delete(ctx->ub);
	while ((q = LIST_FIRST(&ctx->live)) != NULL) {
		LIST_REMOVE(q, live);
		free(q);
	}
	free(ctx);
}
