/*
 * resolve.c - asynchronous DNS: libunbound on the program's one event_base
 * (ub_ctx_create_event / ub_resolve_event); every answer becomes a
 * dns_result (dns/answer.c).
 *
 * dns_new() makes the context (forwarding to --resolver, or the servers of
 * /etc/resolv.conf, or those of them that answered the start-up check,
 * dns_set_forwarders; /etc/hosts and unbound's built-in local zones are kept
 * out so the answer is what a mail server would see).  dns_resolve() asks
 * one (name, type); dns_query_cancel() drops it.  Requests made of many
 * queries register as dns_users so dns_free() can drop them first.
 *
 * A query is a small state machine: WAITING (queued behind the in-flight
 * cap) -> SENT (unbound holds it; its timer bounds the wait) -> DONE (the
 * result is in; the same timer, at zero, delivers it from a fresh event
 * loop turn, so no callback ever runs inside dns_resolve or inside
 * unbound).  Outstanding unbound queries are never cancelled with
 * ub_cancel (it frees unbound's query record while the event-mode
 * resolver may still answer it): each has a small dns_ub record that is
 * orphaned instead, and freed when unbound answers it or when the context
 * is freed.  Orphans do not count against the cap (unbound bounds them
 * with num-queries-per-thread).  Failures are results, never fatal.
 */
#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include <event2/event.h>
#include <unbound.h>
#include <unbound-event.h>

#include "base/timer.h"
#include "base/util.h"
#include "dns/nameserver.h"
#include "dns/resolve.h"

/*
 * Thousands of plans share one context: room for their queries in
 * unbound, and enough UDP sockets in flight (libunbound's default made
 * 3,000 plans take 12 s instead of 0.6 s) while leaving file descriptors
 * for the SMTP sessions.
 */
#define DNS_QUERIES_PER_CTX	"16384"
#define DNS_OUTGOING_RANGE	"512"

/* Unbound's default local zones (RFC 6761 and friends, the documentation
 * ranges' reverse zones) that would answer locally instead of asking the
 * resolver; "unblock-lan-zones" frees the RFC 1918 reverse zones. */
static const char *const dns_local_zones[] = {
	"localhost.", "test.", "invalid.", "onion.", "home.arpa.",
	"resolver.arpa.", "service.arpa.", "local.",
	"127.in-addr.arpa.", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
	"2.0.192.in-addr.arpa.", "100.51.198.in-addr.arpa.", "113.0.203.in-addr.arpa.",
	"8.b.d.0.1.0.0.2.ip6.arpa.",
};

enum dns_qstate {
	DNSQ_WAITING,		/* queued behind the in-flight cap */
	DNSQ_SENT,		/* unbound holds it; the timer is the timeout */
	DNSQ_DONE,		/* result in; the timer (at zero) delivers it */
};

struct dns_ub;

struct dns_query {
	struct dns_ctx		*ctx;		/* borrowed */
	enum dns_qstate		 state;
	LIST_ENTRY(dns_query)	 entry;		/* in ctx->pending until delivered */
	TAILQ_ENTRY(dns_query)	 wait;		/* in ctx->waiting while WAITING */
	struct dns_ub		*ub;		/* borrowed; while SENT */
	struct event		*timer;		/* owned */
	char			*name;		/* owned */
	int			 type;
	long long		 sent;
	struct dns_result	*result;	/* owned while DONE */
	dns_result_cb		*cb;
	void			*arg;
};

/* One query unbound holds; outlives its dns_query when orphaned. */
struct dns_ub {
	struct dns_query	*q;		/* borrowed; NULL: orphaned, answer ignored */
	LIST_ENTRY(dns_ub)	 live;		/* in ctx->live */
};

struct dns_ctx {
	struct event_base	*base;		/* borrowed */
	struct ub_ctx		*ub;		/* owned */
	long long		 timeout_ms;
	unsigned long		 sent;		/* queries sent so far */
	unsigned		 inflight;	/* SENT queries */
	unsigned		 inflight_max;
	bool			 validating;	/* a trust anchor is in use */
	bool			 pumping;	/* dns_pump is running (re-entry guard) */
	unsigned		 rate;		/* queries sent per second at most; 0: no limit */
	long long		 next_send;	/* with rate: the earliest time of the next send */
	struct event		*rate_timer;	/* owned; pumps again when the rate allows */
	struct dns_user		*users;		/* borrowed; dropped by dns_free */
	LIST_HEAD(, dns_ub)	 live;		/* every query unbound still holds */
	LIST_HEAD(, dns_query)	 pending;	/* every query not yet delivered */
	TAILQ_HEAD(, dns_query)	 waiting;
};

static void	dns_answer_cb(void *, int, void *, int, int, char *, int);
static void	dns_timer_cb(evutil_socket_t, short, void *);
static void	dns_rate_cb(evutil_socket_t, short, void *);
static struct dns_ctx *dns_check(struct dns_ctx *, int, char **);

bool
dns_resolver_valid(const char *s)
{
	struct sockaddr_storage ss;
	socklen_t len;

	return dns_ns_resolver(s, &ss, &len) == NULL;
}

/*
 * A context with mxtrace's settings, before the choice of servers; NULL with
 * *err.
 */
static struct dns_ctx *
dns_create(struct event_base *base, long long timeout_ms, char **err)
{
	struct dns_ctx *ctx;
	char zone[128];
	size_t i;
	int rc;

	ctx = xcalloc(1, sizeof(*ctx));
	ctx->base = base;
	ctx->timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
	ctx->inflight_max = DNS_INFLIGHT_MAX;
	ctx->rate_timer = timer_new(base, dns_rate_cb, ctx);
	LIST_INIT(&ctx->live);
	LIST_INIT(&ctx->pending);
	TAILQ_INIT(&ctx->waiting);
	if ((ctx->ub = ub_ctx_create_event(base)) == NULL) {
		*err = xstrdup("cannot create the DNS resolver context");
		event_free(ctx->rate_timer);
		free(ctx);
		return NULL;
	}
	rc = ub_ctx_set_option(ctx->ub, "do-not-query-localhost:", "no");
	if (rc == 0)
		rc = ub_ctx_set_option(ctx->ub, "num-queries-per-thread:", DNS_QUERIES_PER_CTX);
	if (rc == 0)
		rc = ub_ctx_set_option(ctx->ub, "outgoing-range:", DNS_OUTGOING_RANGE);
	if (rc == 0)
		rc = ub_ctx_set_option(ctx->ub, "unblock-lan-zones:", "yes");
	for (i = 0; rc == 0 && i < sizeof(dns_local_zones) / sizeof(dns_local_zones[0]); i++) {
		snprintf(zone, sizeof(zone), "%s transparent", dns_local_zones[i]);
		rc = ub_ctx_set_option(ctx->ub, "local-zone:", zone);
	}
	return dns_check(ctx, rc, err);
}

/*
 * libunbound's error rc in words of our own: ub_strerror's would reach a
 * --lang zh user in English; these the catalogue translates.
 */
static const char *
dns_ub_text(int rc)
{
	switch (rc) {
	case UB_NOMEM:
		return "out of memory";
	case UB_SOCKET:
		return "socket error";
	case UB_SYNTAX:
		return "syntax error";
	case UB_SERVFAIL:
		return "server failure";
	case UB_FORKFAIL:
		return "could not fork";
	case UB_AFTERFINAL:
		return "setting change after finalize";
	case UB_INITFAIL:
		return "initialization failure";
	case UB_PIPE:
		return "error in pipe communication with async bg worker";
	case UB_READFILE:
		return "error reading from file";
	case UB_NOID:
		return "error async_id does not exist";
	default:
		return "unknown error";
	}
}

/* ctx as it is when rc is 0; else freed, NULL and *err. */
static struct dns_ctx *
dns_check(struct dns_ctx *ctx, int rc, char **err)
{
	if (rc == 0)
		return ctx;
	*err = xasprintf("DNS resolver set-up: %s", dns_ub_text(rc));
	ub_ctx_delete(ctx->ub);
	event_free(ctx->rate_timer);
	free(ctx);
	return NULL;
}

struct dns_ctx *
dns_new(struct event_base *base, const char *resolver, long long timeout_ms,
    char **err)
{
	struct dns_ctx *ctx;

	*err = NULL;
	if (resolver != NULL && !dns_resolver_valid(resolver)) {
		*err = xasprintf("bad resolver \"%s\": expected IP or IP@PORT", resolver);
		return NULL;
	}
	if ((ctx = dns_create(base, timeout_ms, err)) == NULL)
		return NULL;
	return dns_check(ctx, resolver ? ub_ctx_set_fwd(ctx->ub, resolver) :
	    ub_ctx_resolvconf(ctx->ub, NULL), err);
}

/*
 * Why not ub_ctx_resolvconf: it hands libunbound every server of
 * resolv.conf, a dead one too, and libunbound keeps sending to it, each
 * such question waiting out its timeout.  The NULL first drops the
 * forwarders dns_new set, as libunbound documents.
 */
int
dns_set_forwarders(struct dns_ctx *ctx, char *const *servers, size_t n,
    char **err)
{
	size_t i;
	int rc = ub_ctx_set_fwd(ctx->ub, NULL);

	*err = NULL;
	for (i = 0; rc == 0 && i < n; i++)
		rc = ub_ctx_set_fwd(ctx->ub, servers[i]);
	if (rc != 0) {
		*err = xasprintf("DNS resolver set-up: %s", dns_ub_text(rc));
		return -1;
	}
	return 0;
}

struct dns_ctx *
dns_new_recursive(struct event_base *base, const char *root_hints,
    long long timeout_ms, char **err)
{
	struct dns_ctx *ctx;

	*err = NULL;
	if ((ctx = dns_create(base, timeout_ms, err)) == NULL)
		return NULL;
	return dns_check(ctx, root_hints != NULL ? ub_ctx_set_option(ctx->ub, "root-hints:",
	    root_hints) : 0, err);
}

struct event_base *
dns_base(const struct dns_ctx *ctx)
{
	return ctx->base;
}

long long
dns_timeout_ms(const struct dns_ctx *ctx)
{
	return ctx->timeout_ms;
}

unsigned long
dns_queries(const struct dns_ctx *ctx)
{
	return ctx->sent;
}

void
dns_set_inflight_max(struct dns_ctx *ctx, unsigned n)
{
	ctx->inflight_max = n < 1 ? 1 : n > DNS_INFLIGHT_MAX ? DNS_INFLIGHT_MAX : n;
}

bool
dns_validating(const struct dns_ctx *ctx)
{
	return ctx->validating;
}

int
dns_set_resolver_rtt(struct dns_ctx *ctx, long long ms, char **err)
{
	char value[32];
	int rc;

	*err = NULL;
	if (ms <= DNS_RTT_SLOW_MS)
		return 0;
	snprintf(value, sizeof(value), "%lld", ms + ms / 2);
	if ((rc = ub_ctx_set_option(ctx->ub, "infra-cache-min-rtt:",
	    value)) != 0) {
		*err = xasprintf("DNS resolver set-up: %s", dns_ub_text(rc));
		return -1;
	}
	return 0;
}

int
dns_set_trust_anchor(struct dns_ctx *ctx, const char *file, char **err)
{
	int rc = ub_ctx_add_ta_file(ctx->ub, file);

	if (rc != 0) {
		*err = xasprintf("cannot use the trust anchor %s: %s", file,
		    rc == UB_READFILE ? "cannot read it" : dns_ub_text(rc));
		return -1;
	}
	ctx->validating = true;
	return 0;
}

/* SENT -> (orphan the unbound record) ; frees the cap slot. */
static void
dns_unsend(struct dns_query *q)
{
	if (q->state != DNSQ_SENT)
		return;
	if (q->ub != NULL)
		q->ub->q = NULL;
	q->ub = NULL;
	q->ctx->inflight--;
}

/* -> DONE: keep the result and deliver it from a fresh loop turn. */
static void
dns_done(struct dns_query *q, struct dns_result *r)
{
	dns_unsend(q);
	if (q->state == DNSQ_WAITING)
		TAILQ_REMOVE(&q->ctx->waiting, q, wait);
	q->state = DNSQ_DONE;
	q->result = r;
	timer_arm_ms(q->timer, 0);
}

/* WAITING -> SENT (or DONE when unbound refuses the query at once). */
static void
dns_send(struct dns_query *q)
{
	struct dns_ctx *ctx = q->ctx;
	struct dns_ub *u = xcalloc(1, sizeof(*u));
	char *msg;
	int rc;

	TAILQ_REMOVE(&ctx->waiting, q, wait);
	q->state = DNSQ_SENT;
	q->ub = u;
	q->sent = now_ms();
	u->q = q;
	ctx->inflight++;
	ctx->sent++;
	timer_arm_ms(q->timer, ctx->timeout_ms);
	LIST_INSERT_HEAD(&ctx->live, u, live);
	/* May answer before returning (cache, local data): q is then DONE. */
	rc = ub_resolve_event(ctx->ub, q->name, q->type, 1 /* IN */, u, dns_answer_cb, NULL);
	if (rc == 0)
		return;
	LIST_REMOVE(u, live);
	free(u);
	q->ub = NULL;
	if (q->state == DNSQ_SENT) {
		msg = xasprintf("cannot query %s: %s", q->name, dns_ub_text(rc));
		dns_done(q,
		    dns_result_error(q->name, q->type, DNS_ERR_RESOLVER, msg));
		free(msg);
	}
}

/*
 * Send waiting queries while the cap (and the rate) allows; safe to re-enter.
 */
static void
dns_pump(struct dns_ctx *ctx)
{
	long long now;

	if (ctx->pumping)
		return;
	ctx->pumping = true;
	while (ctx->inflight < ctx->inflight_max && !TAILQ_EMPTY(&ctx->waiting)) {
		if (ctx->rate > 0) {
			now = now_ms();
			if (now < ctx->next_send) {
				timer_arm_ms(ctx->rate_timer,
				    ctx->next_send - now);
				break;
			}
			ctx->next_send = now + 1000 / ctx->rate;
		}
		dns_send(TAILQ_FIRST(&ctx->waiting));
	}
	ctx->pumping = false;
}

static void
dns_rate_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	dns_pump(arg);
}

void
dns_set_rate(struct dns_ctx *ctx, unsigned per_second)
{
	ctx->rate = per_second > 1000 ? 1000 : per_second;
}

static void
dns_answer_cb(void *arg, int rcode, void *pkt, int len, int sec,
    char *why_bogus, int ratelimited)
{
	struct dns_ub *u = arg;
	struct dns_query *q = u->q;
	struct dns_answer a;
	struct dns_result *r;

	(void)ratelimited;
	LIST_REMOVE(u, live);
	free(u);
	if (q == NULL)
		return;
	q->ub = NULL;
	a.rcode = rcode;
	a.pkt = pkt;
	a.len = pkt != NULL && len > 0 ? (size_t)len : 0;
	a.sec = sec;
	a.why_bogus = why_bogus;
	r = dns_result_from_answer(q->name, q->type, &a, q->ctx->validating);
	r->ms = now_ms() - q->sent;
	dns_done(q, r);
	dns_pump(q->ctx);
}

static void
dns_query_free(struct dns_query *q)
{
	dns_unsend(q);
	if (q->state == DNSQ_WAITING)
		TAILQ_REMOVE(&q->ctx->waiting, q, wait);
	LIST_REMOVE(q, entry);
	event_free(q->timer);
	dns_result_free(q->result);
	free(q->name);
	free(q);
}

/* SENT: the timeout; DONE: the delivery. */
static void
dns_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dns_query *q = arg;
	struct dns_ctx *ctx = q->ctx;
	struct dns_result *r;
	dns_result_cb *cb = q->cb;
	void *cbarg = q->arg;
	char msg[96];

	(void)fd;
	(void)what;
	if (q->state == DNSQ_SENT) {
		snprintf(msg, sizeof(msg), "no DNS answer within %lld ms", ctx->timeout_ms);
		r = dns_result_error(q->name, q->type, DNS_ERR_TIMEOUT, msg);
		r->ms = now_ms() - q->sent;
		dns_unsend(q);
		q->state = DNSQ_DONE;
		q->result = r;
	}
	if (q->state != DNSQ_DONE)
		fatalx("%s: timer in state %d", __func__, (int)q->state);
	r = q->result;
	q->result = NULL;
	dns_query_free(q);
	dns_pump(ctx);
	cb(cbarg, r);
}

struct dns_query *
dns_resolve(struct dns_ctx *ctx, const char *name, int type, dns_result_cb *cb,
    void *arg)
{
	struct dns_query *q = xcalloc(1, sizeof(*q));
	char *canon = dns_name_canon(name);

	q->ctx = ctx;
	q->type = type;
	q->cb = cb;
	q->arg = arg;
	q->name = canon != NULL ? canon : xstrdup(name);
	q->timer = timer_new(ctx->base, dns_timer_cb, q);
	LIST_INSERT_HEAD(&ctx->pending, q, entry);
	q->state = DNSQ_WAITING;
	TAILQ_INSERT_TAIL(&ctx->waiting, q, wait);
	if (canon == NULL || type < 0 || type > 65535)
		dns_done(q, dns_result_error(name, type, DNS_ERR_NAME, canon == NULL ?
		    "not a valid DNS name" : "not a DNS record type"));
	else
		dns_pump(ctx);
	return q;
}

void
dns_query_cancel(struct dns_query *q)
{
	struct dns_ctx *ctx;

	if (q == NULL)
		return;
	ctx = q->ctx;
	dns_query_free(q);
	dns_pump(ctx);
}

void
dns_user_add(struct dns_ctx *ctx, struct dns_user *u)
{
	u->next = ctx->users;
	u->prevp = &ctx->users;
	if (ctx->users != NULL)
		ctx->users->prevp = &u->next;
	ctx->users = u;
}

void
dns_user_remove(struct dns_user *u)
{
	if (u->prevp == NULL)
		return;
	*u->prevp = u->next;
	if (u->next != NULL)
		u->next->prevp = u->prevp;
	u->next = NULL;
	u->prevp = NULL;
}

void
dns_free(struct dns_ctx *ctx)
{
	struct dns_ub *u;
	struct dns_user *user;

	if (ctx == NULL)
		return;
	while ((user = ctx->users) != NULL) {
		dns_user_remove(user);
		user->drop(user);
	}
	/* No pumping while the queries go: nothing new is sent. */
	ctx->pumping = true;
	while (!LIST_EMPTY(&ctx->pending))
		dns_query_free(LIST_FIRST(&ctx->pending));
	/*
	 * Every query is orphaned now; deleting may still answer some
	 * (SERVFAIL).
	 */
	ub_ctx_delete(ctx->ub);
	while ((u = LIST_FIRST(&ctx->live)) != NULL) {
		LIST_REMOVE(u, live);
		free(u);
	}
	event_free(ctx->rate_timer);
	free(ctx);
}
