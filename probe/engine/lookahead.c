/*
 * lookahead.c - check the plan's next MX addresses while a connect waits.
 *
 * A network that drops outgoing port 25 (the usual office or cloud
 * network) makes every connect wait out --timeout, one address after the
 * other: five MX hosts cost five timeouts, past the job's deadline.  An MTA
 * would wait so; a probe need not.  When the current connect has waited
 * JOB_LOOKAHEAD_MS with nothing back, a bare connect goes to each address
 * still ahead (at most JOB_LOOKAHEAD_MAX) and is closed as soon as it
 * answers; through --proxy, a SOCKS5 CONNECT to it (a cloud server's
 * network that filters port 25 makes the proxy's CONNECTs wait alike).  The job keeps its strict MX order: it skips an address only
 * when that address's own check timed out, and waits for a check still in
 * flight; an address that answered gets its session as before.
 *
 * Public: lookahead_new, lookahead_session, lookahead_session_end,
 * lookahead_found, lookahead_free.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "net/tcpconn.h"
#include "engine/lookahead.h"

struct lookahead_check {
	struct lookahead	*la;
	struct tcpconn_check	*conn;		/* in flight, else NULL */
	size_t			 host, addr;
	struct lookahead_found	 found;
};

struct lookahead {
	struct lookahead_cfg	 cfg;
	struct event		*timer;
	const struct session	*sess;		/* waited on; NULL: none */
	size_t			 host, addr;	/* its address */
	bool			 done;		/* the checks were started */
	const char		*beside;	/* the MX host of sess then */
	struct lookahead_check	 checks[JOB_LOOKAHEAD_MAX];
	size_t			 nchecks;
};

static void
lookahead_conn_cb(void *arg, const struct tcpconn_result *res)
{
	struct lookahead_check *c = arg;

	c->conn = NULL;
	c->found.proxy_ms = res->proxy_ms;
	c->found.connect_ms = res->connect_ms;
	c->found.seen = res->end == TCPCONN_OPEN ? LOOKAHEAD_OPEN :
	    res->end == TCPCONN_TIMED_OUT ? LOOKAHEAD_TIMED_OUT :
	    LOOKAHEAD_FAILED;
	c->la->cfg.seen(c->la->cfg.arg);
}

/* Each address after (host, addr) the job may use, in the plan's order. */
static void
lookahead_start_checks(struct lookahead *la)
{
	const struct mxplan *p = la->cfg.plan;
	size_t h = la->host, k = la->addr + 1;
	struct lookahead_check *c;
	struct sockaddr_storage to;

	la->done = true;
	la->beside = p->hosts[la->host].name;
	for (; h < p->nhosts && la->nchecks < JOB_LOOKAHEAD_MAX; h++, k = 0)
		for (; k < p->hosts[h].naddrs &&
		    la->nchecks < JOB_LOOKAHEAD_MAX; k++) {
			const struct mx_addr *a = &p->hosts[h].addrs[k];

			if (!la->cfg.may(la->cfg.arg, a))
				continue;
			c = &la->checks[la->nchecks++];
			c->la = la;
			c->host = h;
			c->addr = k;
			c->found.seen = LOOKAHEAD_PENDING;
			c->found.beside = la->beside;
			c->found.started_ms = now_ms();
			mx_addr_to(a, la->cfg.port, &to);
			c->conn = tcpconn_check_start(la->cfg.base, &to,
			    a->sslen, la->cfg.source, la->cfg.proxy,
			    la->cfg.timeout_ms,
			    lookahead_conn_cb, c);
		}
}

static long long
lookahead_delay(const struct lookahead *la)
{
	long long quarter = la->cfg.timeout_ms / 4;

	return quarter < JOB_LOOKAHEAD_MS ? quarter : JOB_LOOKAHEAD_MS;
}

static void
lookahead_arm(struct lookahead *la, long long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	evtimer_add(la->timer, &tv);
}

/* The session still connecting after the delay: check what lies ahead. */
static void
lookahead_timer_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct lookahead *la = arg;
	long long since, waited;

	(void)fd;
	(void)ev;
	if (la->sess == NULL || la->done ||
	    session_waiting(la->sess, &since) != STAGE_CONNECT)
		return;
	waited = now_ms() - since;
	if (waited < lookahead_delay(la)) {
		lookahead_arm(la, lookahead_delay(la) - waited);
		return;
	}
	lookahead_start_checks(la);
}

struct lookahead *
lookahead_new(const struct lookahead_cfg *cfg)
{
	struct lookahead *la = xcalloc(1, sizeof(*la));

	la->cfg = *cfg;
	la->timer = evtimer_new(cfg->base, lookahead_timer_cb, la);
	if (la->timer == NULL)
		fatalx("%s: evtimer_new", __func__);
	return la;
}

void
lookahead_session(struct lookahead *la, const struct session *s,
    size_t host, size_t addr)
{
	if (la->done)
		return;
	la->sess = s;
	la->host = host;
	la->addr = addr;
	lookahead_arm(la, lookahead_delay(la));
}

void
lookahead_session_end(struct lookahead *la)
{
	la->sess = NULL;
	evtimer_del(la->timer);
}

const struct lookahead_found *
lookahead_found(const struct lookahead *la, size_t host, size_t addr)
{
	size_t i;

	for (i = 0; i < la->nchecks; i++)
		if (la->checks[i].host == host && la->checks[i].addr == addr)
			return &la->checks[i].found;
	return NULL;
}

void
lookahead_free(struct lookahead *la)
{
	size_t i;

	if (la == NULL)
		return;
	for (i = 0; i < la->nchecks; i++)
		tcpconn_check_cancel(la->checks[i].conn);
	event_free(la->timer);
	free(la);
}
