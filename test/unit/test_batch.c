/*
 * test_batch.c - engine/batch.c itself: jobs of several domains riding one
 * session use (GATHER -> RIDE -> DONE) against a scripted SMTP server on
 * loopback (127.0.28.1, a kernel-chosen port) in the same process and on
 * the same event_base.  The riders here are bare batch_riders, no jobs,
 * so each case sees exactly what batch.c hands each of them: its own RCPT
 * replies under its own indexes, its retries, its one done().  The server
 * answers by address (ok*: 250, stall*: silence from then on, bye*: 421
 * and close, ps*: postscreen's 450 4.3.2 "come again", any address at
 * ca.test: 250, the rest 550 5.1.1), can say
 * "452 too many recipients" after N RCPTs in a transaction and refuse an
 * RSET past an Exim-style nonmail limit, and logs every command it sees.
 * Then a READY session with no pool to keep it, riders leaving (their
 * jobs aborted) before the batch starts and while it rides, a rider's
 * share of the error budget, and a kept session from the pool taking the
 * next batch (a rider that needs a fresh connection stays behind), and a
 * session postscreen asked to leave not kept.
 * The sessions' clock is the test's; no case asserts a duration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "base/limits.h"
#include "engine/batch.h"
#include "engine/hostlim.h"
#include "engine/pool.h"
#include "smtp/session.h"

#include "loopback.h"

#define LOOP_LIMIT_S	5	/* a case never runs longer than this */
#define RCPTS_MAX	8	/* per rider */

/* The scripted server: what it does, and what it saw. */
struct bsrv {
	struct event_base	*base;
	struct evconnlistener	*lis;
	int			 port;
	int			 limit;		/* 452 after this many RCPTs in a
						 * transaction; 0: never */
	int			 nonmail_limit;	/* 550 to the RSET that makes EHLO +
						 * RSETs pass this; 0: never */
	bool			 nopipe;	/* no PIPELINING: one RCPT a round */
	int			 conns, mails, rsets, quits, too_many, max_intx;
	char			 log[2048];	/* C E M <rcpt>... S Q, space-separated */
	struct bconn		*live;
};

struct bconn {
	struct bsrv		*srv;
	struct bufferevent	*bev;
	int			 intx, nonmail;
	bool			 mute, closing;
	struct bconn		*next;
};

static void
bsrv_log(struct bsrv *s, const char *what)
{
	size_t n = strlen(s->log);

	snprintf(s->log + n, sizeof(s->log) - n, "%s%s", n ? " " : "", what);
}

static void
bconn_free(struct bconn *c)
{
	struct bconn **pp;

	for (pp = &c->srv->live; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	bufferevent_free(c->bev);
	free(c);
}

static void
bconn_say(struct bconn *c, const char *s)
{
	if (!c->mute)
		bufferevent_write(c->bev, s, strlen(s));
}

/* The reply to RCPT TO:<addr> by the address's name. */
static void
bconn_rcpt(struct bconn *c, const char *addr)
{
	struct bsrv *s = c->srv;
	const char *at = strchr(addr, '@');

	if (++c->intx > s->max_intx)
		s->max_intx = c->intx;
	if (s->limit > 0 && c->intx > s->limit) {
		s->too_many++;
		bconn_say(c, "452 4.5.3 Too many recipients\r\n");
	} else if (strncmp(addr, "stall", 5) == 0)
		c->mute = true;
	else if (strncmp(addr, "ps", 2) == 0)
		bconn_say(c, "450 4.3.2 Service currently unavailable\r\n");
	else if (strncmp(addr, "bye", 3) == 0) {
		bconn_say(c, "421 4.3.2 Service shutting down\r\n");
		c->closing = true;
	} else if (strncmp(addr, "ok", 2) == 0 ||
	    (at != NULL && strncmp(at, "@ca.test>", 9) == 0))
		bconn_say(c, "250 2.1.5 ok\r\n");
	else
		bconn_say(c, "550 5.1.1 User unknown\r\n");
}

static void
bconn_line(struct bconn *c, const char *l)
{
	struct bsrv *s = c->srv;
	char rcpt[300];

	if (strncasecmp(l, "EHLO", 4) == 0) {
		c->nonmail++;
		bsrv_log(s, "E");
		bconn_say(c, s->nopipe ? "250 mx.test\r\n" :
		    "250-mx.test\r\n250 PIPELINING\r\n");
	} else if (strncasecmp(l, "MAIL", 4) == 0) {
		s->mails++;
		c->intx = 0;
		bsrv_log(s, "M");
		bconn_say(c, "250 2.1.0 ok\r\n");
	} else if (strncasecmp(l, "RCPT TO:<", 9) == 0) {
		snprintf(rcpt, sizeof(rcpt), "%.*s", (int)strcspn(l + 9, ">"),
		    l + 9);
		bsrv_log(s, rcpt);
		bconn_rcpt(c, l + 9);
	} else if (strcasecmp(l, "RSET") == 0) {
		s->rsets++;
		c->intx = 0;
		bsrv_log(s, "S");
		if (s->nonmail_limit > 0 && ++c->nonmail > s->nonmail_limit)
			bconn_say(c, "550 5.7.0 Too many nonmail commands\r\n");
		else
			bconn_say(c, "250 2.0.0 ok\r\n");
	} else if (strcasecmp(l, "QUIT") == 0) {
		s->quits++;
		bsrv_log(s, "Q");
		bconn_say(c, "221 2.0.0 bye\r\n");
		c->closing = true;
	} else
		bconn_say(c, "502 5.5.1 unknown\r\n");
}

static void
bconn_read(struct bufferevent *bev, void *arg)
{
	struct bconn *c = arg;
	char *l;
	size_t n;

	while (!c->closing && (l = evbuffer_readln(bufferevent_get_input(bev),
	    &n, EVBUFFER_EOL_CRLF_STRICT)) != NULL) {
		bconn_line(c, l);
		free(l);
	}
	if (c->closing && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		bconn_free(c);
}

static void
bconn_write(struct bufferevent *bev, void *arg)
{
	struct bconn *c = arg;

	if (c->closing && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		bconn_free(c);
}

static void
bconn_event(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		bconn_free(arg);
}

static void
bsrv_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct bsrv *s = arg;
	struct bconn *c = calloc(1, sizeof(*c));

	(void)l;
	(void)sa;
	(void)salen;
	assert_non_null(c);
	c->srv = s;
	c->next = s->live;
	s->live = c;
	s->conns++;
	bsrv_log(s, "C");
	c->bev = bufferevent_socket_new(s->base, fd, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(c->bev, bconn_read, bconn_write, bconn_event, c);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	bconn_say(c, "220 mx.test ESMTP\r\n");
}

static void
bsrv_start(struct bsrv *s, struct event_base *base)
{
	memset(s, 0, sizeof(*s));
	s->base = base;
	s->lis = loopback_listen(base, bsrv_accept, s, &s->port);
}

static void
bsrv_stop(struct bsrv *s)
{
	while (s->live != NULL)
		bconn_free(s->live);
	evconnlistener_free(s->lis);
}

/* A rider as a job would be, recording what batch.c tells it. */
struct trider {
	struct batch_rider	 r;
	struct bench		*b;
	const char		*rcpts[RCPTS_MAX];
	int			 codes[RCPTS_MAX];	/* 0: no rcpt() */
	int			 retries[RCPTS_MAX];	/* retry() calls */
	int			 ncalls, ndone;
	struct session		*boarded;
	struct trider		*kick;		/* aborts this rider at its first reply */
	enum session_end	 end;
	enum stage		 stage;
	int			 reply_code;
	size_t			 answered;
	bool			 reuse_failed, budget_spent;
};

/* One engine's worth of batch.c: the hub, the host's limits, the server. */
struct bench {
	struct event_base	*base;
	struct batch_hub	*hub;
	struct hostlim		*lim;
	struct session_pool	*pool;		/* NULL: READY sessions are closed */
	bool			 drained;
	struct bsrv		 srv;
	struct mx_addr		 addr;
	int			 running;
	long long		 stage_ms;
	bool			 reusable;	/* sessions may end READY */
};

static long long bench_now = 1000;

/* The sessions' clock: the test's, never the wall's. */
static long long
bench_clock(void)
{
	return bench_now;
}

static void
tr_rcpt(void *arg, size_t idx, const struct step *st)
{
	struct trider *t = arg;

	assert_true(idx < t->r.n);
	assert_int_equal(t->codes[idx], 0);	/* once per address */
	assert_int_equal(t->ndone, 0);
	/* its own address's reply, under its own index */
	assert_non_null(strstr(st->command, t->rcpts[idx]));
	t->codes[idx] = st->code;
	t->ncalls++;
	if (t->kick != NULL) {
		struct trider *k = t->kick;

		t->kick = NULL;
		assert_true(batch_leave(&k->r, true));
	}
}

static void
tr_retry(void *arg, size_t idx, const struct step *st)
{
	struct trider *t = arg;

	assert_true(idx < t->r.n);
	assert_non_null(strstr(st->command, t->rcpts[idx]));
	t->retries[idx]++;
}

static void
tr_done(void *arg, const struct session_outcome *o)
{
	struct trider *t = arg;

	assert_int_equal(t->ndone, 0);		/* exactly once */
	assert_null(o->ready);
	t->ndone++;
	t->end = o->end;
	t->stage = o->stage;
	t->reply_code = o->reply != NULL ? o->reply->code : 0;
	t->answered = o->answered;
	t->reuse_failed = o->reuse_failed;
	t->budget_spent = o->budget_spent;
	if (--t->b->running == 0)
		event_base_loopbreak(t->b->base);
}

static void
tr_board(void *arg, struct session *s)
{
	struct trider *t = arg;

	assert_null(t->boarded);
	t->boarded = s;
}

static const struct session_cb tr_cb = {
	.rcpt = tr_rcpt,
	.retry = tr_retry,
	.done = tr_done,
};

/*
 * A rider for addresses rcpts (NULL-ended); probe: the catch-all probe's index,
 * or -1.
 */
static void
tr_init(struct trider *t, struct bench *b, int probe, ...)
{
	va_list ap;
	const char *a;

	memset(t, 0, sizeof(*t));
	t->b = b;
	va_start(ap, probe);
	while ((a = va_arg(ap, const char *)) != NULL) {
		assert_true(t->r.n < RCPTS_MAX);
		t->rcpts[t->r.n++] = a;
	}
	va_end(ap);
	t->r.rcpts = t->rcpts;
	t->r.probe = probe < 0 ? t->r.n : (size_t)probe;
	t->r.cb = &tr_cb;
	t->r.board = tr_board;
	t->r.arg = t;
}

/* Forget what a rider was told, to ride again (its addresses stay). */
static void
tr_again(struct trider *t)
{
	memset(t->codes, 0, sizeof(t->codes));
	memset(t->retries, 0, sizeof(t->retries));
	t->ncalls = t->ndone = 0;
	t->boarded = NULL;
}

static void
bench_init(struct bench *b, struct event_base *base, size_t rcpt_batch,
    size_t error_budget, bool pool)
{
	struct host_limits def = { .rcpt_batch = rcpt_batch,
	    .error_budget = error_budget, .nonmail_max = SESSION_NONMAIL_MAX };

	memset(b, 0, sizeof(*b));
	b->base = base;
	b->stage_ms = 2000;
	bsrv_start(&b->srv, base);
	loopback_addr(&b->addr);
	b->lim = hostlim_new(&def);
	if (pool)
		b->pool = pool_new(base, NULL, 5000);
	b->reusable = pool;
	b->hub = batch_hub_new(base, b->pool, NULL, b->lim);
}

static void
bench_drained(void *arg)
{
	((struct bench *)arg)->drained = true;
}

static void
bench_free(struct bench *b)
{
	struct timeval turn = { 0, 10000 };
	int i;

	if (b->pool != NULL) {
		pool_drain(b->pool, bench_drained, b);
		for (i = 0; i < LOOP_LIMIT_S * 100 && !b->drained; i++) {
			event_base_loopexit(b->base, &turn);
			event_base_dispatch(b->base);
		}
		assert_true(b->drained);
		pool_free(b->pool);
	}
	batch_hub_free(b->hub);
	hostlim_free(b->lim);
	bsrv_stop(&b->srv);
}

/*
 * riders[1..n) wait for the MX address, then riders[0] launches a batch
 * on pooled (a kept session) or, when NULL, a new session; run until
 * every rider is done.
 */
static void
bench_ride_on(struct bench *b, struct trider **riders, size_t n,
    struct session *pooled)
{
	struct batch_start st;
	struct timeval limit = { LOOP_LIMIT_S, 0 };
	size_t i;

	memset(&st, 0, sizeof(st));
	st.base = b->base;
	st.cfg.helo = "probe.example.org";
	st.cfg.mail_from = "probe@example.org";
	st.cfg.port = b->srv.port;
	st.cfg.stage_timeout_ms = b->stage_ms;
	st.cfg.rcpt_batch = 10;
	st.cfg.clock = bench_clock;
	st.cfg.reusable = b->reusable;
	st.mx_host = "mx.test";
	st.addr = &b->addr;
	for (i = 1; i < n; i++)
		batch_wait(b->hub, &riders[i]->r, "mx.test 127.0.28.1", false);
	b->running = (int)n;
	batch_launch(b->hub, &riders[0]->r, "mx.test 127.0.28.1", LOOPBACK_IP,
	    b->srv.port, pooled, pooled != NULL ? NULL : &st);
	for (i = 0; i < n; i++)
		assert_int_equal(riders[i]->ndone, 0);	/* from the loop only */
	event_base_loopexit(b->base, &limit);
	event_base_dispatch(b->base);
	assert_int_equal(b->running, 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(riders[i]->ndone, 1);
		assert_null(riders[i]->r.ride);
		assert_null(riders[i]->r.hub);
	}
	loopback_settle(b->base);
}

static void
bench_ride(struct bench *b, struct trider **riders, size_t n)
{
	bench_ride_on(b, riders, n, NULL);
}

/*
 * Two domains on one MX address share one transaction: one MAIL, a's
 * RCPTs then b's, and each rider gets its own replies only, under its
 * own indexes.
 */
static void
test_two_domains_one_transaction(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c };

	bench_init(&b, *state, 10, 0, false);
	tr_init(&a, &b, -1, "ok1@a.test", "no2@a.test", NULL);
	tr_init(&c, &b, -1, "no1@b.test", "ok2@b.test", "no3@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_string_equal(b.srv.log, "C E M ok1@a.test no2@a.test "
	    "no1@b.test ok2@b.test no3@b.test Q");
	assert_int_equal(b.srv.conns, 1);
	assert_int_equal(b.srv.mails, 1);
	assert_int_equal(b.srv.rsets, 0);
	assert_non_null(a.boarded);
	assert_ptr_equal(a.boarded, c.boarded);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(a.codes[1], 550);
	assert_int_equal(c.codes[0], 550);
	assert_int_equal(c.codes[1], 250);
	assert_int_equal(c.codes[2], 550);
	assert_int_equal(a.ncalls, 2);
	assert_int_equal(c.ncalls, 3);
	assert_int_equal(a.end, SESSION_OK);
	assert_int_equal(c.end, SESSION_OK);
	assert_int_equal(a.answered, 2);	/* its own count, not the session's */
	assert_int_equal(c.answered, 3);
	assert_false(a.reuse_failed || c.reuse_failed);
	assert_false(a.budget_spent || c.budget_spent);
	bench_free(&b);
}

/*
 * "452 too many recipients" after 3 RCPTs: the rest go into the next
 * transaction (RSET, MAIL again), each 452 is told to its own rider as a
 * retry, and the next session to the host sends 3 RCPTs a transaction
 * from the start (hostlim learned it), so it hears no 452.
 */
static void
test_too_many_recipients(void **state)
{
	struct bench b;
	struct trider a, c, d, *all[] = { &a, &c }, *alone[] = { &d };

	bench_init(&b, *state, 10, 0, false);
	b.srv.limit = 3;
	tr_init(&a, &b, -1, "ok1@a.test", "no2@a.test", "ok3@a.test", NULL);
	tr_init(&c, &b, -1, "no1@b.test", "ok2@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_string_equal(b.srv.log, "C E M ok1@a.test no2@a.test "
	    "ok3@a.test no1@b.test ok2@b.test S M no1@b.test ok2@b.test Q");
	assert_int_equal(b.srv.too_many, 2);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(a.codes[1], 550);
	assert_int_equal(a.codes[2], 250);
	assert_int_equal(c.codes[0], 550);	/* asked again: its real answer */
	assert_int_equal(c.codes[1], 250);
	assert_int_equal(c.retries[0], 1);
	assert_int_equal(c.retries[1], 1);
	assert_int_equal(a.retries[0] + a.retries[1] + a.retries[2], 0);
	assert_int_equal(a.end, SESSION_OK);
	assert_int_equal(c.end, SESSION_OK);
	assert_int_equal(c.answered, 2);

	b.srv.log[0] = '\0';
	b.srv.too_many = b.srv.max_intx = 0;
	tr_init(&d, &b, -1, "ok1@d.test", "ok2@d.test", "ok3@d.test",
	    "ok4@d.test", "ok5@d.test", NULL);
	bench_ride(&b, alone, 1);
	assert_string_equal(b.srv.log, "C E M ok1@d.test ok2@d.test "
	    "ok3@d.test S M ok4@d.test ok5@d.test Q");
	assert_int_equal(b.srv.too_many, 0);
	assert_int_equal(b.srv.max_intx, 3);
	assert_int_equal(d.answered, 5);
	bench_free(&b);
}

/*
 * No reply to one RCPT (the server falls silent): the session ends at
 * that address, which is its rider's ending only; the rider pipelined
 * behind it is told "reuse failed" (no verdict) and gets its answers on
 * a fresh connection.
 */
static void
test_stall_is_one_riders_ending(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c }, *again[] = { &c };

	bench_init(&b, *state, 10, 0, false);
	b.stage_ms = 200;
	tr_init(&a, &b, -1, "ok1@a.test", "stall2@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", "no2@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(a.codes[1], 0);
	assert_int_equal(a.end, SESSION_TIMEOUT);
	assert_int_equal(a.stage, STAGE_RCPT);
	assert_int_equal(a.answered, 1);
	assert_false(a.reuse_failed);		/* its own ending */
	assert_int_equal(c.ncalls, 0);
	assert_int_equal(c.answered, 0);
	assert_true(c.reuse_failed);		/* nobody's verdict: ask again */

	tr_again(&c);
	b.stage_ms = 2000;
	bench_ride(&b, again, 1);
	assert_int_equal(b.srv.conns, 2);
	assert_int_equal(c.end, SESSION_OK);
	assert_int_equal(c.codes[0], 250);
	assert_int_equal(c.codes[1], 550);
	assert_false(c.reuse_failed);
	bench_free(&b);
}

/*
 * 421 in the middle of a transaction, at a's second RCPT with b's
 * pipelined behind it: what was answered stays answered, nobody else gets
 * an RCPT reply (not "accepted"), each rider gets exactly one done, and
 * the 421 - the server's word to the whole connection - is every rider's
 * ending, whichever RCPT it happened to come after.
 */
static void
test_421_mid_transaction(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c };

	bench_init(&b, *state, 10, 0, false);
	tr_init(&a, &b, -1, "ok1@a.test", "bye2@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", "ok2@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_int_equal(b.srv.mails, 1);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(a.codes[1], 0);
	assert_int_equal(a.ncalls, 1);
	assert_int_equal(c.ncalls, 0);
	assert_int_equal(a.answered, 1);
	assert_int_equal(c.answered, 0);
	assert_int_equal(a.end, SESSION_REJECTED);
	assert_int_equal(c.end, SESSION_REJECTED);
	assert_int_equal(a.reply_code, 421);
	assert_int_equal(c.reply_code, 421);
	assert_false(a.reuse_failed);
	assert_false(c.reuse_failed);
	bench_free(&b);
}

/*
 * Each domain's catch-all probe rides last, after every domain's
 * addresses, and its answer goes to its own domain only: ca.test accepts
 * anything, a.test does not.
 */
static void
test_probe_rides_last(void **state)
{
	struct bench b;
	struct trider a, c, d, *all[] = { &a, &c, &d };

	bench_init(&b, *state, 10, 0, false);
	tr_init(&a, &b, 0, "zq7probe@a.test", "ok1@a.test", NULL);
	tr_init(&c, &b, 1, "no1@ca.test", "zq7probe@ca.test", NULL);
	tr_init(&d, &b, -1, "ok1@d.test", NULL);
	bench_ride(&b, all, 3);
	assert_string_equal(b.srv.log, "C E M ok1@a.test no1@ca.test "
	    "ok1@d.test zq7probe@a.test zq7probe@ca.test Q");
	assert_int_equal(a.codes[0], 550);	/* a.test's probe: refused */
	assert_int_equal(a.codes[1], 250);
	assert_int_equal(c.codes[0], 250);	/* ca.test: catch-all */
	assert_int_equal(c.codes[1], 250);
	assert_int_equal(d.codes[0], 250);
	assert_int_equal(a.answered, 2);
	assert_int_equal(c.answered, 2);
	assert_int_equal(d.answered, 1);
	bench_free(&b);
}

/*
 * A 5xx to RSET (Exim's smtp_accept_max_nonmail: here EHLO + 1 RSET
 * allowed): the session ends there with QUIT, the riders are told "reuse
 * failed" (ask again, nobody's verdict), and the host's nonmail limit is
 * learned: the next session to it stops before the RSET the host would
 * refuse (QUIT, budget spent) instead of hearing a 550 again.
 */
static void
test_rset_refused(void **state)
{
	struct bench b;
	struct trider a, d, *one[] = { &a }, *next[] = { &d };
	struct host_limits l;

	bench_init(&b, *state, 2, 0, false);
	b.srv.nonmail_limit = 2;
	tr_init(&a, &b, -1, "ok1@a.test", "no2@a.test", "ok3@a.test",
	    "ok4@a.test", "ok5@a.test", NULL);
	bench_ride(&b, one, 1);
	assert_string_equal(b.srv.log, "C E M ok1@a.test no2@a.test S M "
	    "ok3@a.test ok4@a.test S Q");
	assert_int_equal(a.end, SESSION_REJECTED);
	assert_int_equal(a.reply_code, 550);
	assert_true(a.reuse_failed);
	assert_int_equal(a.answered, 4);
	assert_int_equal(a.codes[4], 0);
	hostlim_get(b.lim, LOOPBACK_IP, b.srv.port, &l);
	assert_int_equal(l.nonmail_max, 2);

	b.srv.log[0] = '\0';
	tr_init(&d, &b, -1, "ok1@d.test", "ok2@d.test", "ok3@d.test",
	    "ok4@d.test", "ok5@d.test", NULL);
	bench_ride(&b, next, 1);
	assert_string_equal(b.srv.log, "C E M ok1@d.test ok2@d.test S M "
	    "ok3@d.test ok4@d.test Q");
	assert_int_equal(d.end, SESSION_OK);
	assert_true(d.budget_spent);		/* the rest: another session */
	assert_int_equal(d.answered, 4);
	assert_false(d.reuse_failed);
	bench_free(&b);
}

/*
 * A session that ends READY with no pool to keep it (a hub without one):
 * batch.c closes it politely (QUIT) after the riders are done, and the
 * session's own end must not call back into the batch it has freed.
 */
static void
test_ready_without_pool(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c };

	bench_init(&b, *state, 10, 0, false);
	b.reusable = true;
	tr_init(&a, &b, -1, "ok1@a.test", NULL);
	tr_init(&c, &b, -1, "no1@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_int_equal(a.end, SESSION_OK);
	assert_int_equal(c.end, SESSION_OK);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(c.codes[0], 550);
	assert_string_equal(b.srv.log, "C E M ok1@a.test no1@b.test Q");
	bench_free(&b);
}

/*
 * A rider whose job is aborted while others ride on: it alone is told
 * SESSION_ABORTED at once, replies for it are dropped, the others get
 * theirs; the last rider leaving ends the session politely (QUIT) and is
 * told through the session's done, once.
 */
static void
test_leave_while_riding(void **state)
{
	struct bench b;
	struct trider a, c, d, *all[] = { &a, &c }, *alone[] = { &d };

	bench_init(&b, *state, 10, 0, false);
	tr_init(&a, &b, -1, "ok1@a.test", "no2@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", "ok2@b.test", NULL);
	a.kick = &c;
	bench_ride(&b, all, 2);
	assert_int_equal(c.end, SESSION_ABORTED);
	assert_int_equal(c.ncalls, 0);
	assert_int_equal(c.answered, 0);
	assert_int_equal(a.end, SESSION_OK);
	assert_int_equal(a.codes[0], 250);
	assert_int_equal(a.codes[1], 550);
	assert_int_equal(b.srv.mails, 1);

	tr_init(&d, &b, -1, "ok1@d.test", "ok2@d.test", "ok3@d.test", NULL);
	d.kick = &d;
	bench_ride(&b, alone, 1);
	assert_int_equal(d.end, SESSION_ABORTED);
	assert_int_equal(d.codes[0], 250);
	assert_int_equal(b.srv.quits, 2);
	bench_free(&b);
}

/*
 * The leader's job is aborted before the batch starts: nothing is called,
 * no connection is made, and the job that waited for the same address
 * still waits.
 */
static void
test_leave_before_start(void **state)
{
	struct bench b;
	struct batch_start st;
	struct trider a, c;

	bench_init(&b, *state, 10, 0, false);
	tr_init(&a, &b, -1, "ok1@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", NULL);
	memset(&st, 0, sizeof(st));
	st.base = b.base;
	st.cfg.port = b.srv.port;
	st.mx_host = "mx.test";
	st.addr = &b.addr;
	batch_wait(b.hub, &c.r, "mx.test 127.0.28.1", false);
	batch_launch(b.hub, &a.r, "mx.test 127.0.28.1", LOOPBACK_IP,
	    b.srv.port, NULL, &st);
	assert_false(batch_leave(&a.r, true));
	assert_null(a.r.ride);
	loopback_settle(b.base);
	assert_int_equal(a.ndone + c.ndone, 0);
	assert_null(c.boarded);
	assert_non_null(c.r.hub);		/* still waiting */
	assert_int_equal(b.srv.conns, 0);
	bench_free(&b);				/* unwaits c */
	assert_null(c.r.hub);
}

/*
 * A rider that collected its share of the session's error budget (half
 * of 4) while another still waits is asked no more in this use (its done
 * says budget_spent: it continues in a session of its own); the other is
 * asked.  One RCPT a round (no PIPELINING), so each is decided in turn.
 */
static void
test_budget_share(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c };

	bench_init(&b, *state, 10, 4, false);
	b.srv.nopipe = true;
	tr_init(&a, &b, -1, "no1@a.test", "no2@a.test", "no3@a.test",
	    "no4@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", "ok2@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_string_equal(b.srv.log, "C E M no1@a.test no2@a.test "
	    "ok1@b.test ok2@b.test Q");
	assert_int_equal(a.end, SESSION_OK);
	assert_true(a.budget_spent);
	assert_int_equal(a.answered, 2);
	assert_int_equal(a.codes[2] + a.codes[3], 0);
	assert_int_equal(c.end, SESSION_OK);
	assert_false(c.budget_spent);
	assert_int_equal(c.codes[0], 250);
	assert_int_equal(c.codes[1], 250);
	bench_free(&b);
}

/*
 * A kept session (READY, from the pool) takes the next batch: RSET, one
 * MAIL, the RCPTs of the riders it takes along - but not of a rider that
 * needs a fresh connection, which still waits - and goes back to the pool.
 */
static void
test_pooled_session(void **state)
{
	struct bench b;
	struct trider a, d, e, f, *first[] = { &a }, *next[] = { &d, &e };
	struct session *kept;

	bench_init(&b, *state, 10, 0, true);
	tr_init(&a, &b, -1, "ok1@a.test", NULL);
	bench_ride(&b, first, 1);
	assert_int_equal(pool_size(b.pool), 1);
	kept = pool_take(b.pool, "mx.test 127.0.28.1");
	assert_non_null(kept);
	assert_ptr_equal(kept, a.boarded);

	b.srv.log[0] = '\0';
	tr_init(&d, &b, -1, "no1@d.test", NULL);
	tr_init(&e, &b, -1, "ok1@e.test", "ok2@e.test", NULL);
	tr_init(&f, &b, -1, "ok1@f.test", NULL);
	f.r.fresh = true;
	batch_wait(b.hub, &f.r, "mx.test 127.0.28.1", false);
	bench_ride_on(&b, next, 2, kept);
	assert_string_equal(b.srv.log, "S M no1@d.test ok1@e.test ok2@e.test");
	assert_ptr_equal(d.boarded, kept);
	assert_ptr_equal(e.boarded, kept);
	assert_int_equal(d.codes[0], 550);
	assert_int_equal(e.codes[1], 250);
	assert_int_equal(b.srv.conns, 1);
	assert_int_equal(pool_size(b.pool), 1);	/* kept again */
	assert_null(f.boarded);
	assert_non_null(f.r.hub);		/* still waits for its own */
	batch_unwait(&f.r);
	bench_free(&b);
	assert_int_equal(b.srv.quits, 1);
}

/*
 * Postscreen's "450 4.3.2 Service currently unavailable" to one rider's
 * RCPT: everyone still gets their own replies, but the session is not
 * kept for more work (QUIT now, nothing left in the pool); every RCPT
 * reply was counted for the host's limits.
 */
static void
test_postscreen_not_kept(void **state)
{
	struct bench b;
	struct trider a, c, *all[] = { &a, &c };
	struct host_limits l;

	bench_init(&b, *state, 10, 0, true);
	tr_init(&a, &b, -1, "ps1@a.test", NULL);
	tr_init(&c, &b, -1, "ok1@b.test", "no2@b.test", NULL);
	bench_ride(&b, all, 2);
	assert_int_equal(a.codes[0], 450);
	assert_int_equal(c.codes[0], 250);
	assert_int_equal(c.codes[1], 550);
	assert_int_equal(a.end, SESSION_OK);
	assert_int_equal(pool_size(b.pool), 0);
	assert_string_equal(b.srv.log, "C E M ps1@a.test ok1@b.test "
	    "no2@b.test Q");
	hostlim_get(b.lim, LOOPBACK_IP, b.srv.port, &l);
	assert_int_equal(l.seen, 3);
	assert_int_equal(l.rejected, 2);
	bench_free(&b);
}

#define CASE(t)	cmocka_unit_test_setup_teardown(t, loopback_setup, loopback_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_two_domains_one_transaction),
		CASE(test_too_many_recipients),
		CASE(test_stall_is_one_riders_ending),
		CASE(test_421_mid_transaction),
		CASE(test_probe_rides_last),
		CASE(test_rset_refused),
		CASE(test_ready_without_pool),
		CASE(test_leave_while_riding),
		CASE(test_leave_before_start),
		CASE(test_budget_share),
		CASE(test_pooled_session),
		CASE(test_postscreen_not_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
