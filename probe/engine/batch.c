/*
 * batch.c - one session use shared by several jobs, and the jobs waiting
 * for one.
 *
 * Public: batch_hub_new, batch_hub_free, batch_wait, batch_unwait,
 * batch_launch, batch_leave (batch.h).
 *
 * A batch is a small state machine:
 *   BATCH_GATHER  launched: its leader holds a session (or a gate slot);
 *                 the go event, from the loop, takes along the jobs
 *                 waiting for the same key, so that every job that came
 *                 to wait in the same turn of the loop can ride;
 *   BATCH_RIDE    the session runs with everyone's RCPTs; replies go to
 *                 their own job (batch_rcpt), want() asks their own job;
 *   BATCH_DONE    the session's done: the session goes back to the pool
 *                 (or its gate slot is freed), then each rider gets its
 *                 own done, then the batch is freed.
 * A rider whose job is aborted while riding is forgotten (its slot NULL):
 * replies for it are dropped and it is asked nothing more.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/timer.h"
#include "base/util.h"
#include "engine/batch.h"
#include "engine/batchplan.h"
#include "meaning/hostsig.h"
#include "net/tls.h"

enum batch_state {
	BATCH_GATHER,
	BATCH_RIDE,
	BATCH_DONE,
};

struct batch_hub {
	struct event_base	*base;
	struct session_pool	*pool;
	const struct probe_gate	*gate;
	struct hostlim		*lim;
	struct batch_rider	*whead, *wtail;	/* waiting, in order */
};

struct batch {
	enum batch_state	 state;
	struct batch_hub	*hub;		/* NULL: one rider, no pool */
	struct event_base	*base;
	struct event		*go;		/* owned: gather from the loop */
	char			*key, *ip;	/* owned */
	int			 port;
	struct session		*sess;
	bool			 reused;	/* sess came from the pool */
	bool			 no_reuse;	/* postscreen asked for a new connection */
	size_t			 share;		/* rejections one rider may collect
						 * while others wait their turn */
	/* a new session: what it is made from (owned copies) */
	struct session_config	 cfg;
	char			*mx_host;
	struct mx_addr		 addr;
	struct tls_tlsa		*tlsa;
	/* riders (a NULL slot: aborted) and the use's RCPTs */
	struct batch_rider	*riders[BATCH_RIDERS_MAX];
	size_t			 nriders;
	const char		**rcpts;	/* owned array, borrowed strings */
	struct bplan_slot	*slots;		/* owned: RCPT -> (rider, its index) */
	size_t			 n;
};

static void	batch_rcpt(void *, size_t, const struct step *);
static void	batch_retry(void *, size_t, const struct step *);
static bool	batch_want(void *, size_t, bool);
static void	batch_done(void *, const struct session_outcome *);

static const struct session_cb batch_cb = {
	.rcpt = batch_rcpt,
	.retry = batch_retry,
	.want = batch_want,
	.done = batch_done,
};

struct batch_hub *
batch_hub_new(struct event_base *base, struct session_pool *pool,
    const struct probe_gate *gate, struct hostlim *lim)
{
	struct batch_hub *h = xcalloc(1, sizeof(*h));

	h->base = base;
	h->pool = pool;
	h->gate = gate;
	h->lim = lim;
	return h;
}

void
batch_hub_free(struct batch_hub *h)
{
	while (h != NULL && h->whead != NULL)
		batch_unwait(h->whead);
	free(h);
}

void
batch_wait(struct batch_hub *h, struct batch_rider *r, const char *key,
    bool front)
{
	if (r->hub != NULL)
		batch_unwait(r);
	r->hub = h;
	r->key = xstrdup(key);
	r->wprev = r->wnext = NULL;
	if (front) {
		r->wnext = h->whead;
		if (h->whead != NULL)
			h->whead->wprev = r;
		else
			h->wtail = r;
		h->whead = r;
		return;
	}
	r->wprev = h->wtail;
	if (h->wtail != NULL)
		h->wtail->wnext = r;
	else
		h->whead = r;
	h->wtail = r;
}

void
batch_unwait(struct batch_rider *r)
{
	struct batch_hub *h = r->hub;

	if (h == NULL)
		return;
	if (r->wprev != NULL)
		r->wprev->wnext = r->wnext;
	else
		h->whead = r->wnext;
	if (r->wnext != NULL)
		r->wnext->wprev = r->wprev;
	else
		h->wtail = r->wprev;
	r->wprev = r->wnext = NULL;
	r->hub = NULL;
	free(r->key);
	r->key = NULL;
}

static void
batch_free(struct batch *b)
{
	size_t i;

	if (b->go != NULL)
		event_free(b->go);
	for (i = 0; i < b->cfg.ntlsa; i++)
		free(b->tlsa[i].data);
	free(b->tlsa);
	free(b->mx_host);
	free(b->key);
	free(b->ip);
	free(b->rcpts);
	free(b->slots);
	free(b);
}

/* The host's limits now (the defaults of cfg without a hub's table). */
static void
batch_limits(const struct batch *b, struct host_limits *l)
{
	memset(l, 0, sizeof(*l));
	if (b->hub != NULL && b->hub->lim != NULL) {
		hostlim_get(b->hub->lim, b->ip, b->port, l);
		return;
	}
	l->rcpt_batch = b->cfg.rcpt_batch;
	l->error_budget = b->cfg.error_budget;
	l->nonmail_max = b->cfg.nonmail_max;
}

/* The planner's view of a rider. */
static void
batch_plan_rider(const struct batch_rider *r, struct bplan_rider *p)
{
	p->n = r->n;
	p->probe = r->probe;
	p->seen = r->seen;
	p->rejected = r->rejected;
	p->fresh = r->fresh;
}

/*
 * Take along the jobs waiting for the same key, as the planner says: the
 * leader is riders[0] already.
 */
static void
batch_gather(struct batch *b, const struct host_limits *l)
{
	struct batch_rider *cand[BATCH_CANDIDATES_MAX], *r;
	struct bplan_rider pc[BATCH_CANDIDATES_MAX];
	size_t pick[BATCH_CANDIDATES_MAX];
	struct bplan_use u;
	size_t nc = 0, np, i;

	cand[nc++] = b->riders[0];
	for (r = b->hub != NULL ? b->hub->whead : NULL;
	    r != NULL && nc < BATCH_CANDIDATES_MAX; r = r->wnext)
		if (strcmp(r->key, b->key) == 0)
			cand[nc++] = r;
	for (i = 0; i < nc; i++)
		batch_plan_rider(cand[i], &pc[i]);
	memset(&u, 0, sizeof(u));
	u.budget = b->reused ? session_budget_left(b->sess) :
	    l->error_budget > 0 ? l->error_budget : SIZE_MAX;
	u.rcpt_max = l->rcpt_batch;
	u.riders_max = BATCH_RIDERS_MAX;
	u.host_seen = l->seen;
	u.host_rejected = l->rejected;
	u.reused = b->reused;
	np = bplan_pick(&u, pc, nc, pick);
	b->nriders = 0;
	for (i = 0; i < np; i++) {
		r = cand[pick[i]];
		batch_unwait(r);
		r->ride = b;
		r->slot = b->nriders;
		b->riders[b->nriders++] = r;
	}
}

/* The use's RCPT list, in the planner's order. */
static void
batch_order(struct batch *b)
{
	struct bplan_rider pr[BATCH_RIDERS_MAX];
	size_t i, total = 0;

	for (i = 0; i < b->nriders; i++) {
		batch_plan_rider(b->riders[i], &pr[i]);
		total += b->riders[i]->n;
		b->riders[i]->use_n = b->riders[i]->n;
		b->riders[i]->use_sent = b->riders[i]->use_answered = 0;
		b->riders[i]->use_rejected = 0;
		b->riders[i]->use_cut = false;
	}
	b->slots = xcalloc(total ? total : 1, sizeof(*b->slots));
	b->rcpts = xcalloc(total ? total : 1, sizeof(*b->rcpts));
	b->n = bplan_order(pr, b->nriders, b->slots);
	for (i = 0; i < b->n; i++)
		b->rcpts[i] =
		    b->riders[b->slots[i].rider]->rcpts[b->slots[i].local];
}

/* BATCH_GATHER -> BATCH_RIDE: everyone aboard, the session goes. */
static void
batch_go_cb(evutil_socket_t fd, short what, void *arg)
{
	struct batch *b = arg;
	struct host_limits l;
	struct session_config cfg;
	size_t i;

	(void)fd;
	(void)what;
	batch_limits(b, &l);
	batch_gather(b, &l);
	batch_order(b);
	b->share = l.error_budget > 1 ? (l.error_budget + 1) / 2 : 0;
	b->state = BATCH_RIDE;
	if (b->reused) {
		session_limit(b->sess, l.rcpt_batch, l.error_budget,
		    l.nonmail_max);
		session_reuse(b->sess, b->rcpts, b->n, &batch_cb, b);
	} else {
		cfg = b->cfg;
		cfg.rcpt_batch = l.rcpt_batch;
		cfg.error_budget = l.error_budget;
		cfg.nonmail_max = l.nonmail_max;
		b->sess = session_start(b->base, &cfg, b->mx_host, &b->addr,
		    b->rcpts, b->n, &batch_cb, b);
	}
	for (i = 0; i < b->nriders; i++)
		b->riders[i]->board(b->riders[i]->arg, b->sess);
}

/* Copy what a new session is made from: the job may go before it starts. */
static void
batch_copy_start(struct batch *b, const struct batch_start *st)
{
	size_t i;

	b->base = st->base;
	b->cfg = st->cfg;
	b->mx_host = xstrdup(st->mx_host);
	b->addr = *st->addr;
	if (st->cfg.ntlsa > 0) {
		b->tlsa = xcalloc(st->cfg.ntlsa, sizeof(*b->tlsa));
		for (i = 0; i < st->cfg.ntlsa; i++) {
			b->tlsa[i] = st->cfg.tlsa[i];
			b->tlsa[i].data = xmalloc(st->cfg.tlsa[i].len ?
			    st->cfg.tlsa[i].len : 1);
			memcpy(b->tlsa[i].data, st->cfg.tlsa[i].data,
			    st->cfg.tlsa[i].len);
		}
	}
	b->cfg.tlsa = b->tlsa;
}

void
batch_launch(struct batch_hub *h, struct batch_rider *leader, const char *key,
    const char *ip, int port, struct session *pooled,
    const struct batch_start *start)
{
	struct batch *b = xcalloc(1, sizeof(*b));

	batch_unwait(leader);
	b->state = BATCH_GATHER;
	b->hub = h;
	b->key = xstrdup(key);
	b->ip = xstrdup(ip);
	b->port = port;
	b->sess = pooled;
	b->reused = pooled != NULL;
	if (start != NULL)
		batch_copy_start(b, start);
	else
		b->base = h->base;
	if (pooled == NULL && start == NULL)
		fatalx("%s: neither a session nor a way to start one", __func__);
	b->riders[0] = leader;
	b->nriders = 1;
	leader->ride = b;
	leader->slot = 0;
	b->go = timer_new(b->base, batch_go_cb, b);
	timer_arm_ms(b->go, 0);
}

/* Does anyone else in the use still have recipients it was not asked? */
static bool
batch_others_wait(const struct batch *b, const struct batch_rider *r)
{
	size_t i;

	for (i = 0; i < b->nriders; i++)
		if (b->riders[i] != NULL && b->riders[i] != r &&
		    !b->riders[i]->use_cut &&
		    b->riders[i]->use_sent < b->riders[i]->use_n)
			return true;
	return false;
}

static struct batch_rider *
batch_rider_of(const struct batch *b, size_t k, size_t *local)
{
	if (k >= b->n)
		fatalx("%s: recipient %zu of %zu", __func__, k, b->n);
	*local = b->slots[k].local;
	return b->riders[b->slots[k].rider];
}

static void
batch_rcpt(void *arg, size_t k, const struct step *st)
{
	struct batch *b = arg;
	size_t local;
	struct batch_rider *r = batch_rider_of(b, k, &local);

	if (b->hub != NULL && b->hub->lim != NULL)
		hostlim_count(b->hub->lim, b->ip, b->port, st->code);
	if (hostsig_of(st->code, st->enhanced, st->text, st->textlen) ==
	    HOSTSIG_RECONNECT)
		b->no_reuse = true;
	if (r == NULL)
		return;
	r->use_answered++;
	if (st->code >= 400)
		r->use_rejected++;
	r->cb->rcpt(r->arg, local, st);
}

static void
batch_retry(void *arg, size_t k, const struct step *st)
{
	struct batch *b = arg;
	size_t local;
	struct batch_rider *r = batch_rider_of(b, k, &local);

	if (r != NULL && r->cb->retry != NULL)
		r->cb->retry(r->arg, local, st);
}

/*
 * Ask recipient k now?  Not for an aborted rider; not for a rider that
 * collected its share of the session's error budget while others still
 * wait (it continues in a session of its own); else its job says, "first"
 * meaning every earlier recipient of that job was answered.
 */
static bool
batch_want(void *arg, size_t k, bool first)
{
	struct batch *b = arg;
	size_t local;
	struct batch_rider *r = batch_rider_of(b, k, &local);
	bool yes;

	if (r == NULL)
		return false;
	if (b->share > 0 && r->use_rejected >= b->share &&
	    batch_others_wait(b, r)) {
		if (first)
			r->use_cut = true;
		return false;
	}
	yes = r->cb->want == NULL || r->cb->want(r->arg, local,
	    first || r->use_sent == r->use_answered);
	if (yes)
		r->use_sent++;
	return yes;
}

/*
 * A session that failed waiting for an RCPT's reply (a timeout, a closed
 * connection) failed the rider whose RCPT that was; the others - those
 * pipelined behind it included - were only in the same session: nobody's
 * verdict, they ask again on a fresh connection.  A session a reply
 * ended (421 to an RCPT) has no bystanders: that is the server's word to
 * the whole connection, and o->stalled then names the RCPT pipelined
 * after the one answered 421 - blaming whoever happened to be sent next
 * (test_batch: test_421_mid_transaction).
 */
static bool
batch_bystander(const struct batch *b, const struct batch_rider *r,
    const struct session_outcome *o)
{
	if (o->end == SESSION_OK || o->end == SESSION_ABORTED ||
	    o->end == SESSION_REJECTED || o->desync ||
	    o->stage != STAGE_RCPT || o->stalled >= b->n)
		return false;
	return b->riders[b->slots[o->stalled].rider] != r;
}

static void
batch_closed(void *arg, const struct session_outcome *o)
{
	(void)arg;
	(void)o;
}

static const struct session_cb batch_closed_cb = { .done = batch_closed };

/*
 * An idle session with no pool to keep it: QUIT.  Its done() comes after
 * the batch is freed, so it is parked on callbacks that need no batch
 * first (test_batch: test_ready_without_pool saw the use after free).
 */
static void
batch_close_idle(struct session *s)
{
	session_park(s, &batch_closed_cb, NULL);
	session_abort(s, true);
}

/*
 * BATCH_RIDE -> BATCH_DONE.  The session first: kept for the next work
 * (READY), closed when postscreen wants a new connection, or its gate
 * slot given back.  Then each rider its own outcome: its own answers,
 * "budget spent" when it was not asked everything, "reuse failed" when
 * the session failed another rider's RCPT.
 */
static void
batch_done(void *arg, const struct session_outcome *o)
{
	struct batch *b = arg;
	struct batch_hub *h = b->hub;
	struct session_outcome ro;
	struct batch_rider *r;
	bool bystander[BATCH_RIDERS_MAX];
	size_t i;

	b->state = BATCH_DONE;
	if (h != NULL && h->lim != NULL)
		hostlim_learn(h->lim, b->ip, b->port, o);
	if (o->ready != NULL) {
		if (h != NULL && h->pool != NULL && !b->no_reuse)
			pool_put(h->pool, o->ready, b->key, b->ip);
		else if (h != NULL && h->pool != NULL)
			pool_close(h->pool, o->ready, b->ip);
		else
			batch_close_idle(o->ready);
	} else if (h != NULL && h->gate != NULL)
		h->gate->release(h->gate->arg, b->ip, o->end, o->reply);
	/* before any rider's done: a done may end its job, rider and all */
	for (i = 0; i < b->nriders; i++)
		bystander[i] = b->riders[i] != NULL &&
		    batch_bystander(b, b->riders[i], o);
	for (i = 0; i < b->nriders; i++) {
		if ((r = b->riders[i]) == NULL)
			continue;
		ro = *o;
		ro.ready = NULL;
		ro.answered = r->use_answered;
		ro.budget_spent = o->end == SESSION_OK && (o->budget_spent ||
		    r->use_cut || r->use_answered < r->use_sent);
		ro.reuse_failed = o->reuse_failed || bystander[i];
		r->ride = NULL;
		r->cb->done(r->arg, &ro);
		b->riders[i] = NULL;
	}
	batch_free(b);
}

/* A batch that never started lost its last rider: give back what it holds. */
static void
batch_drop_unstarted(struct batch *b)
{
	struct batch_hub *h = b->hub;

	if (b->sess != NULL && h != NULL && h->pool != NULL)
		pool_put(h->pool, b->sess, b->key, b->ip);
	else if (b->sess != NULL)
		batch_close_idle(b->sess);
	else if (h != NULL && h->gate != NULL)
		h->gate->release(h->gate->arg, b->ip, SESSION_ABORTED, NULL);
	batch_free(b);
}

bool
batch_leave(struct batch_rider *r, bool polite)
{
	struct batch *b = r->ride;
	struct session_outcome o;
	size_t i, live = 0;

	if (b == NULL)
		return false;
	if (b->state == BATCH_GATHER) {
		b->riders[r->slot] = NULL;
		r->ride = NULL;
		for (i = 0; i < b->nriders; i++)
			live += b->riders[i] != NULL;
		if (live == 0)
			batch_drop_unstarted(b);
		return false;
	}
	for (i = 0; i < b->nriders; i++)
		live += b->riders[i] != NULL && b->riders[i] != r;
	if (live == 0) {
		session_abort(b->sess, polite);	/* batch_done tells r */
		return true;
	}
	/* Others ride on: r alone is told it ended here. */
	b->riders[r->slot] = NULL;
	r->ride = NULL;
	memset(&o, 0, sizeof(o));
	o.end = SESSION_ABORTED;
	o.stage = STAGE_RCPT;
	o.attempt = session_attempt(b->sess);
	o.answered = r->use_answered;
	o.reused = b->reused;
	r->cb->done(r->arg, &o);
	return true;
}
