/*
 * test_session.c - replay tests of the SMTP session against scripted
 * servers on loopback (127.0.28.1, a kernel-chosen port), run on the same
 * event_base as the session: a well-behaved pipelining server, a server
 * that wants fewer recipients (452 4.5.3), silence, a trickle, an endless
 * multi-line reply, a 1 MB line, a 421 banner, STARTTLS with injected
 * plaintext and with garbage instead of TLS (certificate made at test
 * time), 421 in the middle of RCPTs, MAIL rejected, refused connection,
 * abort from a callback; replies out of step (a line after the EHLO
 * reply, every reply shifted by one, two replies per RCPT, 550 to QUIT,
 * a reply right after the TLS handshake), malformed banners (220OK, a
 * bare CR) and STARTTLS refused with 454.  Then the engine (job.c) over
 * the same servers: a job decides the address and the catch-all test, and
 * decides nothing from a session whose replies were out of step.  Then
 * the pool and the gate with jobs as verify runs them: READY sessions
 * kept by MX address, port, TLS name, HELO and MAIL FROM; the idle limit;
 * a session the server closes while idle; the reuse limits (the count
 * before Exim's nonmail limit, the age on a clock the test moves);
 * --per-host counting idle kept sessions like busy ones
 * (the server's own log of connects and QUITs shows the order).  Each
 * case asserts how the session ended, the transcript and what the server
 * saw; the whole file runs in a few seconds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "smtp/session.h"
#include "base/limits.h"
#include "engine/batch.h"
#include "engine/gate.h"
#include "engine/hostlim.h"
#include "engine/job.h"
#include "engine/pool.h"
#include "net/tls.h"

#include "loopback.h"
#include "testcert.h"

#define LOOP_LIMIT_MS	5000	/* a case never runs longer than this */

enum srv_mode {
	M_GOOD,		/* PIPELINING, ok* accepted, others 550 5.1.1 */
	M_NOPIPE,	/* the same without PIPELINING */
	M_LIMIT10,	/* 452 4.5.3 after 10 RCPTs in a transaction */
	M_SILENT,	/* never sends a banner */
	M_TRICKLE,	/* a banner at one byte every 100 ms */
	M_ENDLESS,	/* a multi-line banner that never ends */
	M_BIGLINE,	/* 1 MB without CRLF */
	M_BANNER421,
	M_INJECT,	/* STARTTLS, then plaintext injected after the 220 */
	M_GARBAGE,	/* STARTTLS, then garbage instead of a handshake */
	M_RCPT421,	/* 421 at the third RCPT */
	M_RCPT421Q,	/* 421 over quota at the first RCPT */
	M_MAIL550,
	M_EXTRA,	/* one unsolicited line right after the EHLO reply */
	M_SHIFT,	/* an unsolicited 250 after EHLO, then every command
			 * answered with the previous command's reply */
	M_PIPEEXTRA,	/* two replies to each RCPT */
	M_QUIT550,	/* 550 to QUIT */
	M_TLSEARLY,	/* a reply right after the TLS handshake, before EHLO */
	M_NOSPACE,	/* banner "220OK" */
	M_BARECR,	/* banner "220 a<CR>b" */
	M_TLS454,	/* STARTTLS offered, answered 454 */
};

struct srv {
	struct event_base	*base;
	struct evconnlistener	*lis;
	enum srv_mode		 mode;
	SSL_CTX			*ctx;
	int			 port;
	/* what the server saw, for the assertions */
	int			 rcpts, mails, rsets, quits, max_intx, max_burst;
	int			 rejects;	/* 550s to RCPT */
	char			 last_mail[600];
	/* connections: made, open as the server sees it (until QUIT or the
	 * drop), the most at once, the most RSETs one saw */
	int			 conns, open, max_open, max_rsets;
	char			 log[256];	/* C: connect, Q: QUIT, D: dropped */
	struct conn		*live;		/* connections not freed yet */
};

struct conn {
	struct srv		*srv;
	struct bufferevent	*bev;
	struct event		*tick;
	int			 intx, trickle_pos, rsets;
	bool			 tls_started, close_after_write, ended;
	struct conn		*next;		/* in srv->live */
	char			 queued[128];	/* M_SHIFT: the reply owed */
};

static void
srv_log(struct srv *s, char what)
{
	size_t n = strlen(s->log);

	if (n + 1 < sizeof(s->log)) {
		s->log[n] = what;
		s->log[n + 1] = '\0';
	}
}

/* The session is over for the server: at QUIT, or when it goes. */
static void
conn_ended(struct conn *c, char why)
{
	if (c->ended)
		return;
	c->ended = true;
	c->srv->open--;
	srv_log(c->srv, why);
}

static void
conn_free(struct conn *c)
{
	struct conn **pp;

	conn_ended(c, 'D');
	for (pp = &c->srv->live; *pp != NULL; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	if (c->tick != NULL)
		event_free(c->tick);
	bufferevent_free(c->bev);
	free(c);
}

static void
conn_say(struct conn *c, const char *s)
{
	bufferevent_write(c->bev, s, strlen(s));
}

static void	conn_read(struct bufferevent *, void *);
static void	conn_event(struct bufferevent *, short, void *);

static void
conn_write(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;

	if (c->close_after_write &&
	    evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		conn_free(c);
}

static void
conn_start_tls(struct conn *c)
{
	SSL *ssl = SSL_new(c->srv->ctx);

	c->bev = bufferevent_openssl_filter_new(c->srv->base, c->bev, ssl,
	    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
	assert_non_null(c->bev);
	bufferevent_setcb(c->bev, conn_read, conn_write, conn_event, c);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	c->tls_started = true;
}

/* M_SHIFT: say what the previous command was owed, keep this one's. */
static void
conn_say_shifted(struct conn *c, const char *s)
{
	conn_say(c, c->queued);
	snprintf(c->queued, sizeof(c->queued), "%s", s);
}

static void
conn_reply(struct conn *c, const char *s)
{
	if (c->srv->mode == M_SHIFT && c->queued[0] != '\0')
		conn_say_shifted(c, s);
	else
		conn_say(c, s);
}

static bool
conn_offers_tls(const struct srv *s)
{
	return s->mode == M_INJECT || s->mode == M_GARBAGE ||
	    s->mode == M_TLSEARLY || s->mode == M_TLS454;
}

static void
conn_line(struct conn *c, const char *l, int burst)
{
	struct srv *s = c->srv;

	if (strncasecmp(l, "EHLO", 4) == 0) {
		if (s->mode == M_EXTRA)
			conn_say(c, "250-mx.test\r\n250 PIPELINING\r\n"
			    "250 2.0.0 unsolicited\r\n");
		else if (s->mode == M_SHIFT) {
			conn_say(c, "250-mx.test\r\n250 PIPELINING\r\n");
			snprintf(c->queued, sizeof(c->queued),
			    "250 2.0.0 unsolicited\r\n");
		} else if (conn_offers_tls(s))
			conn_say(c, c->tls_started ? "250-mx.test\r\n250 PIPELINING\r\n" :
			    "250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
		else if (s->mode == M_NOPIPE)
			conn_say(c, "250-mx.test\r\n250 8BITMIME\r\n");
		else
			conn_say(c, "250-mx.test\r\n250-PIPELINING\r\n250 SIZE 1000\r\n");
	} else if (strcasecmp(l, "STARTTLS") == 0) {
		if (s->mode == M_TLS454)
			conn_say(c, "454 4.7.0 TLS not available\r\n");
		else if (s->mode == M_TLSEARLY) {
			conn_say(c, "220 2.0.0 go\r\n");
			conn_start_tls(c);
		} else if (s->mode == M_INJECT) {
			conn_say(c, "220 2.0.0 go\r\n250-PIPELINING\r\n250 HACKED\r\n");
			conn_start_tls(c);
		} else {
			conn_say(c, "220 2.0.0 go\r\n");
			c->tls_started = true;	/* garbage follows the ClientHello */
		}
	} else if (strncasecmp(l, "MAIL", 4) == 0) {
		s->mails++;
		c->intx = 0;
		snprintf(s->last_mail, sizeof(s->last_mail), "%s", l);
		conn_reply(c, s->mode == M_MAIL550 ? "550 5.7.1 sender rejected\r\n" :
		    "250 2.1.0 ok\r\n");
	} else if (strncasecmp(l, "RCPT", 4) == 0) {
		s->rcpts++;
		c->intx++;
		if (c->intx > s->max_intx)
			s->max_intx = c->intx;
		if (burst > s->max_burst)
			s->max_burst = burst;
		if (s->mode == M_RCPT421 && s->rcpts == 3) {
			conn_say(c, "421 4.7.0 closing\r\n");
			c->close_after_write = true;
		} else if (s->mode == M_RCPT421Q) {
			conn_say(c, "421 User \"ok0@mx.test\" is over quota\r\n");
			c->close_after_write = true;
		} else if (s->mode == M_LIMIT10 && c->intx > 10)
			conn_say(c, "452 4.5.3 Too many recipients\r\n");
		else if (s->mode == M_PIPEEXTRA)
			conn_say(c, "250 2.1.5 ok\r\n250 2.1.5 ok again\r\n");
		else if (strncasecmp(l, "RCPT TO:<ok", 11) == 0)
			conn_reply(c, "250 2.1.5 ok\r\n");
		else {
			s->rejects++;
			conn_reply(c, "550 5.1.1 <x>: Recipient address rejected: User unknown\r\n");
		}
	} else if (strcasecmp(l, "RSET") == 0) {
		s->rsets++;
		if (++c->rsets > s->max_rsets)
			s->max_rsets = c->rsets;
		c->intx = 0;
		conn_say(c, "250 2.0.0 ok\r\n");
	} else if (strcasecmp(l, "QUIT") == 0) {
		s->quits++;
		conn_ended(c, 'Q');
		if (s->mode == M_QUIT550)
			conn_say(c, "550 5.1.1 <x>: Recipient address rejected\r\n");
		else if (s->mode == M_SHIFT)
			conn_say(c, c->queued);
		conn_say(c, "221 2.0.0 bye\r\n");
		c->close_after_write = true;
	} else {
		conn_say(c, "502 5.5.1 unknown\r\n");
	}
}

static void
conn_read(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	char *l;
	size_t n;
	int burst = 0;

	if (c->srv->mode == M_GARBAGE && c->tls_started) {
		evbuffer_drain(in, evbuffer_get_length(in));
		conn_say(c, "\x15\x03\x03\x00\x02\x02\x28 this is not TLS\r\n");
		c->close_after_write = true;
		return;
	}
	/* Count the RCPTs that arrived together: pipelining at work. */
	while (!c->close_after_write && bev == c->bev &&
	    (l = evbuffer_readln(in, &n, EVBUFFER_EOL_CRLF_STRICT)) != NULL) {
		if (strncasecmp(l, "RCPT", 4) == 0)
			burst++;
		conn_line(c, l, burst);
		free(l);
	}
}

static void
conn_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;

	(void)bev;
	if ((what & BEV_EVENT_CONNECTED) && c->srv->mode == M_TLSEARLY)
		conn_say(c, "250-EARLY\r\n250 STARTTLS\r\n");
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		conn_free(c);
}

static void
conn_tick(evutil_socket_t fd, short what, void *arg)
{
	static const char banner[] = "220 slow\r\n";
	struct conn *c = arg;
	struct timeval tv = { 0, 100000 };

	(void)fd;
	(void)what;
	if (c->trickle_pos < (int)sizeof(banner) - 1) {
		bufferevent_write(c->bev, &banner[c->trickle_pos++], 1);
		evtimer_add(c->tick, &tv);
	}
}

static void
srv_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int salen, void *arg)
{
	struct srv *s = arg;
	struct conn *c = calloc(1, sizeof(*c));
	int i;

	(void)l;
	(void)sa;
	(void)salen;
	c->srv = s;
	c->next = s->live;
	s->live = c;
	s->conns++;
	if (++s->open > s->max_open)
		s->max_open = s->open;
	srv_log(s, 'C');
	c->bev = bufferevent_socket_new(s->base, fd, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(c->bev, conn_read, conn_write, conn_event, c);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
	switch (s->mode) {
	case M_SILENT:
		break;
	case M_TRICKLE:
		c->tick = evtimer_new(s->base, conn_tick, c);
		conn_tick(-1, 0, c);
		break;
	case M_ENDLESS:
		for (i = 0; i < 1000; i++)
			conn_say(c, "220-and more\r\n");
		break;
	case M_BIGLINE: {
		char *big = malloc(1 << 20);

		memset(big, 'x', 1 << 20);
		memcpy(big, "220 ", 4);
		bufferevent_write(c->bev, big, 1 << 20);
		free(big);
		break;
	}
	case M_BANNER421:
		conn_say(c, "421 4.3.2 Service not available\r\n");
		c->close_after_write = true;
		break;
	case M_NOSPACE:
		conn_say(c, "220OK\r\n");
		break;
	case M_BARECR:
		conn_say(c, "220 a\rb\r\n");
		break;
	default:
		conn_say(c, "220 mx.test ESMTP test\r\n");
		break;
	}
}

static void
srv_start(struct srv *s, struct event_base *base, enum srv_mode mode)
{
	memset(s, 0, sizeof(*s));
	s->base = base;
	s->mode = mode;
	s->lis = loopback_listen(base, srv_accept, s, &s->port);
	if (conn_offers_tls(s))
		s->ctx = testcert_server_ctx();
}

/* What the session reported, copied out of the callbacks. */
struct run {
	struct event_base	*base;
	struct session		*sess;
	bool			 done;
	enum session_end	 end;
	enum stage		 stage;
	int			 reply_code;
	size_t			 answered, rejections;
	bool			 desync, budget_spent, reused, deadline;
	struct session		*ready;		/* READY session handed over, or NULL */
	struct attempt		 att;
	int			 codes[64];	/* per recipient, 0: no callback */
	int			 ncalls;
	int			 abort_after;	/* abort politely after this many, 0: never */
	long long		 ms;
};

static void
run_rcpt(void *arg, size_t idx, const struct step *st)
{
	struct run *r = arg;

	assert_true(idx < 64);
	assert_int_equal(r->codes[idx], 0);	/* once per recipient */
	assert_int_equal(st->stage, STAGE_RCPT);
	assert_non_null(strstr(st->command, "RCPT TO:<"));
	r->codes[idx] = st->code;
	if (++r->ncalls == r->abort_after)
		session_abort(r->sess, true);
}

static void
run_done(void *arg, const struct session_outcome *o)
{
	struct run *r = arg;

	assert_false(r->done);
	r->done = true;
	r->end = o->end;
	r->stage = o->stage;
	r->reply_code = o->reply != NULL ? o->reply->code : 0;
	r->answered = o->answered;
	r->desync = o->desync;
	r->rejections = o->rejections;
	r->budget_spent = o->budget_spent;
	r->deadline = o->deadline;
	r->ready = o->ready;
	r->reused = o->reused;
	attempt_copy(&r->att, o->attempt);
	event_base_loopbreak(r->base);
}

struct opts {
	int		 port;
	bool		 starttls, require_tls;
	size_t		 batch, budget;
	long long	 stage_ms, deadline_ms;
	int		 abort_after;
	bool		 reusable;
};

static void
run_session(struct run *r, struct event_base *base, const struct opts *op,
    const char *const *rcpts, size_t n)
{
	static SSL_CTX *cctx;
	struct session_config cfg;
	struct session_cb cb = { .rcpt = run_rcpt, .done = run_done };
	struct mx_addr a;
	struct timeval limit = { LOOP_LIMIT_MS / 1000, 0 };
	char *err = NULL;
	long long t0;

	if (cctx == NULL)
		assert_non_null(cctx = tls_ctx_new(&err));
	memset(r, 0, sizeof(*r));
	r->base = base;
	r->abort_after = op->abort_after;
	loopback_addr(&a);
	memset(&cfg, 0, sizeof(cfg));
	cfg.helo = "probe.example.org";
	cfg.mail_from = "probe@example.org";
	cfg.port = op->port;
	cfg.stage_timeout_ms = op->stage_ms ? op->stage_ms : 2000;
	cfg.deadline_ms = op->deadline_ms;
	cfg.starttls = op->starttls;
	cfg.require_tls = op->require_tls;
	cfg.rcpt_batch = op->batch ? op->batch : 10;
	cfg.error_budget = op->budget;
	cfg.reusable = op->reusable;
	cfg.ssl_ctx = cctx;

	t0 = now_ms();
	r->sess = session_start(base, &cfg, "mx.test", &a, rcpts, n, &cb, r);
	assert_false(r->done);		/* never calls back before returning */
	event_base_loopexit(base, &limit);
	event_base_dispatch(base);
	r->ms = now_ms() - t0;
	assert_true(r->done);
}

/* The server closes every connection it has (idle or not). */
static void
srv_drop_all(struct srv *s)
{
	while (s->live != NULL)
		conn_free(s->live);
}

static void
srv_stop(struct srv *s)
{
	srv_drop_all(s);	/* nothing may point at s after this */
	evconnlistener_free(s->lis);
	if (s->ctx != NULL)
		SSL_CTX_free(s->ctx);
}

static const struct step *
find_step(const struct attempt *a, enum stage st, int nth)
{
	size_t i;

	for (i = 0; i < a->nsteps; i++)
		if (a->steps[i].stage == st && nth-- == 0)
			return &a->steps[i];
	return NULL;
}

static int
count_steps(const struct attempt *a, enum stage st)
{
	size_t i;
	int n = 0;

	for (i = 0; i < a->nsteps; i++)
		n += a->steps[i].stage == st;
	return n;
}

/* ok0, no1, ok2, ... : even indexes exist. */
static const char **
make_rcpts(size_t n)
{
	const char **v = calloc(n, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = xasprintf("%s%zu@mx.test", i % 2 ? "no" : "ok", i);
	return v;
}

static void
free_rcpts(const char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free((char *)v[i]);
	free(v);
}

static void
check_rcpt_codes(const struct run *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(r->codes[i], i % 2 ? 550 : 250);
}

static void
test_pipelined_batches(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(50);
	struct srv s;
	struct run r;
	struct opts op = { .batch = 20 };

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, rc, 50);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	assert_false(r.desync);
	assert_int_equal(r.answered, 50);
	assert_int_equal(r.ncalls, 50);
	check_rcpt_codes(&r, 50);
	assert_int_equal(s.rcpts, 50);
	assert_int_equal(s.mails, 3);		/* 20 + 20 + 10 */
	assert_int_equal(s.rsets, 2);
	assert_int_equal(s.max_intx, 20);
	assert_true(s.max_burst > 1);		/* RCPTs really were pipelined */
	assert_int_equal(s.quits, 1);
	assert_int_equal(count_steps(&r.att, STAGE_MAIL), 3);
	assert_int_equal(count_steps(&r.att, STAGE_RCPT), 0);
	assert_int_equal(find_step(&r.att, STAGE_BANNER, 0)->code, 220);
	assert_string_equal(find_step(&r.att, STAGE_EHLO, 0)->command,
	    "EHLO probe.example.org");
	assert_string_equal(s.last_mail, "MAIL FROM:<probe@example.org>");
	assert_null(r.att.tls);
	assert_null(r.att.error);
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 50);
}

static void
test_no_pipelining(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(7);
	struct srv s;
	struct run r;
	struct opts op = { .batch = 3 };

	srv_start(&s, base, M_NOPIPE);
	op.port = s.port;
	run_session(&r, base, &op, rc, 7);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	check_rcpt_codes(&r, 7);
	assert_int_equal(s.max_burst, 1);	/* one at a time */
	assert_int_equal(s.mails, 3);
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 7);
}

/* 452 4.5.3 after 10: the rest go in new, smaller transactions. */
static void
test_too_many_recipients(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(40);
	struct srv s;
	struct run r;
	struct opts op = { .batch = 25 };

	srv_start(&s, base, M_LIMIT10);
	op.port = s.port;
	run_session(&r, base, &op, rc, 40);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	assert_int_equal(r.answered, 40);
	check_rcpt_codes(&r, 40);		/* no 452 reported */
	assert_int_equal(s.max_intx, 25);	/* the first batch, refused past 10 */
	assert_int_equal(s.mails, 4);		/* 10, 10, 10, 10 */
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 40);
}

static void
test_no_banner_times_out(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .stage_ms = 300 };
	const struct step *st;

	srv_start(&s, base, M_SILENT);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_TIMEOUT);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_true(r.ms >= 290 && r.ms < 1500);
	assert_non_null(st = find_step(&r.att, STAGE_BANNER, 0));
	assert_string_equal(st->error, "timeout");
	assert_false(r.deadline);	/* a step's timeout, not the deadline */
	assert_int_equal(r.ncalls, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

/* A byte every 100 ms keeps no stage timer from firing; the deadline does. */
static void
test_trickle_hits_deadline(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .stage_ms = 5000, .deadline_ms = 400 };

	srv_start(&s, base, M_TRICKLE);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_TIMEOUT);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_true(r.ms < 1500);
	/* the option and its value as the user typed it, not "session
	 * deadline", which names nothing the user set */
	assert_string_equal(r.att.error,
	    "--deadline 400ms passed while waiting for the banner");
	/* the job reads the user's --deadline from this, not from the words */
	assert_true(r.deadline);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_endless_reply(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_ENDLESS);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_true(r.ms < 1000);
	assert_non_null(r.att.error);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_line_without_crlf(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_BIGLINE);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_non_null(strstr(r.att.error, "longer than"));
	assert_true(r.ms < 1000);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_banner_421(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_BANNER421);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_REJECTED);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_int_equal(r.reply_code, 421);
	assert_string_equal(find_step(&r.att, STAGE_BANNER, 0)->enhanced, "4.3.2");
	attempt_free(&r.att);
	srv_stop(&s);
}

/* Plaintext after the STARTTLS 220 is discarded and noted; TLS goes on. */
static void
test_starttls_injection(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test", "no1@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .starttls = true };
	const struct step *st;

	srv_start(&s, base, M_INJECT);
	op.port = s.port;
	run_session(&r, base, &op, rc, 2);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	check_rcpt_codes(&r, 2);
	assert_non_null(st = find_step(&r.att, STAGE_STARTTLS, 0));
	assert_string_equal(st->command, "STARTTLS");
	assert_int_equal(st->code, 220);
	assert_non_null(st->error);
	assert_non_null(strstr(st->error, "discarded 28 bytes"));
	assert_non_null(strstr(st->error, "STARTTLS injection"));
	/* EHLO again after the handshake, its capabilities fresh */
	assert_int_equal(count_steps(&r.att, STAGE_EHLO), 2);
	assert_null(strstr(find_step(&r.att, STAGE_EHLO, 1)->text, "HACKED"));
	assert_non_null(r.att.tls);
	assert_non_null(r.att.tls->version);
	assert_true(r.att.tls->name_match);
	assert_false(r.att.tls->verified);
	assert_non_null(r.att.tls->verify_error);
	assert_string_equal(r.att.tls->subject, "/CN=mx.test");
	assert_int_equal(r.att.tls->sans.n, 1);
	assert_string_equal(r.att.tls->sans.v[0], "mx.test");
	assert_non_null(r.att.tls->not_after);
	assert_int_equal(strlen(r.att.tls->not_after), 20);
	assert_int_equal(s.quits, 1);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_starttls_garbage(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .starttls = true };

	srv_start(&s, base, M_GARBAGE);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_TLS_FAILED);
	assert_int_equal(r.stage, STAGE_STARTTLS);
	assert_non_null(strstr(r.att.error, "TLS handshake failed"));
	assert_null(r.att.tls);
	assert_int_equal(r.ncalls, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_require_tls_not_offered(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .starttls = true, .require_tls = true };

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_TLS_FAILED);
	assert_int_equal(r.stage, STAGE_STARTTLS);
	assert_int_equal(s.mails, 0);
	assert_int_equal(s.quits, 1);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_rcpt_421(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(6);
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_RCPT421);
	op.port = s.port;
	run_session(&r, base, &op, rc, 6);
	assert_int_equal(r.end, SESSION_REJECTED);
	assert_int_equal(r.stage, STAGE_RCPT);
	assert_int_equal(r.reply_code, 421);
	assert_int_equal(r.answered, 2);
	assert_int_equal(r.codes[0], 250);
	assert_int_equal(r.codes[1], 550);
	assert_int_equal(r.codes[2], 0);	/* the 421 is nobody's answer */
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 6);
}

static void
test_mail_rejected(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_MAIL550);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_REJECTED);
	assert_int_equal(r.stage, STAGE_MAIL);
	assert_int_equal(r.reply_code, 550);
	assert_int_equal(s.quits, 1);
	assert_int_equal(s.rcpts, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_smtputf8_missing(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test", "\xc3\xb6k@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, rc, 2);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_SMTPUTF8);
	assert_int_equal(r.stage, STAGE_MAIL);
	assert_int_equal(s.mails, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_connection_refused(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };
	const struct step *st;

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	srv_stop(&s);		/* nothing listens there now */
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_CONNECT_FAILED);
	assert_int_equal(r.stage, STAGE_CONNECT);
	assert_non_null(st = find_step(&r.att, STAGE_CONNECT, 0));
	assert_string_equal(st->error, "connection refused");
	attempt_free(&r.att);
}

static void
test_polite_abort(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(30);
	struct srv s;
	struct run r;
	struct opts op = { .batch = 10, .abort_after = 5 };

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, rc, 30);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_ABORTED);
	assert_int_equal(r.ncalls, 5);
	assert_int_equal(r.answered, 5);
	assert_int_equal(s.quits, 1);
	assert_int_equal(find_step(&r.att, STAGE_QUIT, 0)->code, 221);
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 30);
}

/* One line after the EHLO reply: the session ends, nothing shifts. */
static void
test_extra_line_after_ehlo(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test", "no1@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };
	const struct step *st;

	srv_start(&s, base, M_EXTRA);
	op.port = s.port;
	run_session(&r, base, &op, rc, 2);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_true(r.desync);
	assert_int_equal(r.stage, STAGE_EHLO);
	assert_int_equal(r.ncalls, 0);
	assert_int_equal(s.mails, 0);
	assert_non_null(strstr(r.att.error, "out-of-step"));
	assert_non_null(strstr(r.att.error, "250 2.0.0 unsolicited\\r\\n"));
	assert_non_null(st = find_step(&r.att, STAGE_EHLO, 0));
	assert_int_equal(st->code, 250);
	assert_non_null(strstr(st->error, "out-of-step: data no command asked for"));
	attempt_free(&r.att);
	srv_stop(&s);
}

/* The stray reply comes alone: every later pair is shifted by one. */
static void
test_shifted_replies(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test", "no1@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_SHIFT);
	op.port = s.port;
	run_session(&r, base, &op, rc, 2);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_true(r.desync);
	assert_non_null(strstr(r.att.error, "out-of-step"));
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_more_replies_than_rcpts(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(4);
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_PIPEEXTRA);
	op.port = s.port;
	run_session(&r, base, &op, rc, 4);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_true(r.desync);
	assert_int_equal(r.stage, STAGE_RCPT);
	assert_non_null(strstr(r.att.error, "ok again"));
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 4);
}

static void
test_quit_550(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };
	const struct step *st;

	srv_start(&s, base, M_QUIT550);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_true(r.desync);
	assert_int_equal(r.codes[0], 250);
	assert_non_null(st = find_step(&r.att, STAGE_QUIT, 0));
	assert_int_equal(st->code, 550);
	assert_non_null(strstr(st->error, "out-of-step"));
	attempt_free(&r.att);
	srv_stop(&s);
}

/* A reply sent right after the handshake must not pass for EHLO's. */
static void
test_reply_before_ehlo_after_tls(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "no1@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .starttls = true };

	srv_start(&s, base, M_TLSEARLY);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_true(r.desync);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_banner_without_space(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_NOSPACE);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_false(r.desync);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_non_null(strstr(r.att.error, "\"220OK\""));
	assert_int_equal(r.ncalls, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

static void
test_banner_bare_cr(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { 0 };

	srv_start(&s, base, M_BARECR);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	assert_int_equal(r.end, SESSION_PROTOCOL_ERROR);
	assert_false(r.desync);
	assert_int_equal(r.stage, STAGE_BANNER);
	assert_non_null(strstr(r.att.error, "\"220 a\\rb\""));
	assert_int_equal(r.ncalls, 0);
	attempt_free(&r.att);
	srv_stop(&s);
}

/*
 * 454 to STARTTLS: on in plaintext (RFC 3207), the refusal in the transcript.
 */
static void
test_starttls_refused(void **state)
{
	struct event_base *base = *state;
	const char *rc[] = { "ok0@mx.test" };
	struct srv s;
	struct run r;
	struct opts op = { .starttls = true };
	const struct step *st;

	srv_start(&s, base, M_TLS454);
	op.port = s.port;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	assert_false(r.desync);
	assert_int_equal(r.codes[0], 250);
	assert_null(r.att.tls);
	assert_non_null(st = find_step(&r.att, STAGE_STARTTLS, 0));
	assert_int_equal(st->code, 454);
	attempt_free(&r.att);

	op.require_tls = true;
	run_session(&r, base, &op, rc, 1);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_TLS_FAILED);
	assert_int_equal(r.stage, STAGE_STARTTLS);
	assert_int_equal(r.reply_code, 454);
	assert_int_equal(s.mails, 1);
	attempt_free(&r.att);
	srv_stop(&s);
}

/* ---- the engine over the same scripted servers ---- */

struct jobrun {
	struct event_base	*base;
	int			 reported;
	bool			 done;
};

static void
jobrun_result(void *arg, size_t idx, struct probe_result *r)
{
	struct jobrun *jr = arg;

	(void)idx;
	(void)r;
	jr->reported++;
}

static void
jobrun_done(void *arg)
{
	struct jobrun *jr = arg;

	jr->done = true;
	event_base_loopbreak(jr->base);
}

/* One recipient's job against the scripted server, the plan given. */
static void
run_job(struct event_base *base, int port, const char *rcpt,
    struct probe_result *r)
{
	static SSL_CTX *cctx;
	struct probe_env env;
	struct mxplan plan;
	struct mx_host host;
	struct mx_addr a;
	struct jobrun jr = { base, 0, false };
	struct timeval limit = { LOOP_LIMIT_MS / 1000, 0 };
	struct probe_result *rs[1] = { r };
	const char *rcpts[1] = { rcpt };
	char *err = NULL;

	if (cctx == NULL)
		assert_non_null(cctx = tls_ctx_new(&err));
	loopback_addr(&a);
	memset(&host, 0, sizeof(host));
	host.name = "mx.test";
	host.preference = 10;
	host.addrs = &a;
	host.naddrs = 1;
	memset(&plan, 0, sizeof(plan));
	plan.status = PLAN_OK;
	plan.domain = "mx.test";
	plan.hosts = &host;
	plan.nhosts = 1;
	memset(&env, 0, sizeof(env));
	env.base = base;
	env.session.helo = "probe.example.org";
	env.session.mail_from = "probe@example.org";
	env.session.port = port;
	env.session.stage_timeout_ms = 2000;
	env.session.rcpt_batch = 10;
	env.session.ssl_ctx = cctx;
	env.allow_private = true;
	env.family = AF_UNSPEC;
	env.catch_all_check = true;
	result_init(r, rcpt);
	probe_job_start(&env, "mx.test", &plan, rcpts, rs, 1, -1,
	    jobrun_result, jobrun_done, &jr);
	event_base_loopexit(base, &limit);
	event_base_dispatch(base);
	assert_true(jr.done);
	assert_int_equal(jr.reported, 1);
}

/* A well-behaved server: the address and the catch-all test decided. */
static void
test_job_decides(void **state)
{
	struct event_base *base = *state;
	struct probe_result r;
	struct srv s;

	srv_start(&s, base, M_GOOD);
	run_job(base, s.port, "ok0@mx.test", &r);
	loopback_settle(base);
	assert_int_equal(r.verdict, VERDICT_DELIVERABLE);
	assert_int_equal(r.reason, REASON_ACCEPTED);
	assert_int_equal(r.catch_all, 0);	/* the random probe got 550 */
	assert_int_equal(r.reply.code, 250);
	result_free(&r);
	srv_stop(&s);
}

/*
 * A 421 to the RCPT closes the session: it decides the address through
 * the job's failure (no recipient's own answer), and the transcript still
 * ends with that RCPT and its reply.
 */
static void
test_job_rcpt_421_in_transcript(void **state)
{
	struct event_base *base = *state;
	struct probe_result r;
	struct srv s;
	const struct step *last;

	srv_start(&s, base, M_RCPT421Q);
	run_job(base, s.port, "ok0@mx.test", &r);
	loopback_settle(base);
	assert_int_equal(r.verdict, VERDICT_TEMPORARY);
	assert_int_equal(r.reason, REASON_MAILBOX_FULL);
	assert_int_equal(r.reply.code, 421);
	assert_int_equal(r.nattempts, 1);
	last = &r.attempts[0].steps[r.attempts[0].nsteps - 1];
	assert_int_equal(last->stage, STAGE_RCPT);
	assert_string_equal(last->command, "RCPT TO:<ok0@mx.test>");
	assert_int_equal(last->code, 421);
	result_free(&r);
	srv_stop(&s);
}

/*
 * Every reply one behind (a stray 250 after EHLO): the server would have
 * made the address catch_all.  The engine decides nothing from that
 * session's RCPT replies: protocol_error, the catch-all test unknown.
 */
static void
test_job_out_of_step_decides_nothing(void **state)
{
	struct event_base *base = *state;
	struct probe_result r;
	struct srv s;
	size_t i;
	bool quoted = false;

	srv_start(&s, base, M_SHIFT);
	run_job(base, s.port, "ok0@mx.test", &r);
	loopback_settle(base);
	assert_int_equal(r.verdict, VERDICT_PROTOCOL_ERROR);
	assert_int_equal(r.reason, REASON_PROTOCOL_VIOLATION);
	assert_int_equal(r.catch_all, -1);
	assert_int_equal(r.nattempts, 1);
	for (i = 0; i < r.attempts[0].nsteps; i++)
		assert_int_not_equal(r.attempts[0].steps[i].stage, STAGE_RCPT);
	quoted = r.attempts[0].error != NULL &&
	    strstr(r.attempts[0].error, "out-of-step") != NULL;
	assert_true(quoted);
	result_free(&r);
	srv_stop(&s);
}

/*
 * An error budget of 9: never more RCPTs in flight than rejections it
 * still allows, QUIT once it is spent, and the rest left unasked.
 * ok0 no1 ok2 ...: rounds of 9, 5, 2, 1, 1 RCPTs reach the 9th rejection
 * at no17.
 */
static void
test_error_budget(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(30);
	struct srv s;
	struct run r;
	struct opts op = { .batch = 20, .budget = 9 };
	size_t i;

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, rc, 30);
	loopback_settle(base);
	assert_int_equal(r.end, SESSION_OK);
	assert_true(r.budget_spent);
	assert_int_equal(r.rejections, 9);
	assert_int_equal(s.rejects, 9);
	assert_int_equal(r.answered, 18);
	assert_int_equal(s.rcpts, 18);
	for (i = 0; i < 18; i++)
		assert_int_equal(r.codes[i], i % 2 ? 550 : 250);
	for (; i < 30; i++)
		assert_int_equal(r.codes[i], 0);	/* never asked */
	assert_int_equal(s.quits, 1);
	assert_int_equal(s.mails, 1);
	attempt_free(&r.att);
	srv_stop(&s);
	free_rcpts(rc, 30);
}

/* Forget what the session reported, before it is reused or aborted. */
static void
forget(struct run *r)
{
	attempt_free(&r->att);
	r->done = false;
	r->ready = NULL;
	memset(r->codes, 0, sizeof(r->codes));
	r->ncalls = 0;
}

/* Run the loop until the session reports again. */
static void
rerun(struct run *r, struct event_base *base)
{
	struct timeval limit = { LOOP_LIMIT_MS / 1000, 0 };

	event_base_loopexit(base, &limit);
	event_base_dispatch(base);
	assert_true(r->done);
}

/*
 * A reusable session ends READY, connected; reused it says RSET, MAIL and
 * asks the new recipients, keeps its greeting steps and its number, and
 * QUITs when aborted politely.
 */
static void
test_ready_and_reuse(void **state)
{
	struct event_base *base = *state;
	const char *first[] = { "ok0@mx.test", "no1@mx.test" };
	const char *second[] = { "no1@b.test", "ok2@b.test", "ok4@b.test" };
	struct session_cb cb = { .rcpt = run_rcpt, .done = run_done };
	struct srv s;
	struct run r;
	struct opts op = { .reusable = true, .budget = 9 };
	struct session *sess;
	unsigned long id;

	srv_start(&s, base, M_GOOD);
	op.port = s.port;
	run_session(&r, base, &op, first, 2);
	assert_int_equal(r.end, SESSION_OK);
	assert_non_null(r.ready);
	assert_false(r.reused);
	assert_int_equal(r.codes[0], 250);
	assert_int_equal(r.codes[1], 550);
	assert_int_equal(s.quits, 0);		/* still connected */
	assert_true(session_can_reuse(r.ready));
	id = session_id(r.ready);
	assert_int_equal(r.att.session, id);
	assert_int_equal(count_steps(&r.att, STAGE_QUIT), 0);

	sess = r.ready;
	forget(&r);
	session_reuse(sess, second, 3, &cb, &r);
	assert_false(r.done);			/* never calls back at once */
	rerun(&r, base);
	assert_int_equal(r.end, SESSION_OK);
	assert_non_null(r.ready);
	assert_true(r.reused);
	assert_int_equal(r.codes[0], 550);
	assert_int_equal(r.codes[1], 250);
	assert_int_equal(r.codes[2], 250);
	assert_true(r.att.reused);
	assert_int_equal(r.att.session, id);
	assert_int_equal(r.att.steps[0].stage, STAGE_CONNECT);
	assert_int_equal(find_step(&r.att, STAGE_BANNER, 0)->code, 220);
	assert_int_equal(count_steps(&r.att, STAGE_MAIL), 1);	/* its own only */
	assert_int_equal(find_step(&r.att, STAGE_RSET, 0)->code, 250);
	assert_int_equal(s.rsets, 1);
	assert_int_equal(s.mails, 2);
	assert_int_equal(s.rcpts, 5);

	sess = r.ready;
	forget(&r);
	session_abort(sess, true);
	rerun(&r, base);
	assert_int_equal(r.end, SESSION_ABORTED);
	assert_null(r.ready);
	loopback_settle(base);
	assert_int_equal(s.quits, 1);
	attempt_free(&r.att);
	srv_stop(&s);
}

/* ---- the pool and the gate, with jobs over the same scripted servers ---- */

/* An engine as verify builds it: a gate, a pool, jobs sharing an address. */
struct eng {
	struct event_base	*base;
	struct probe_env	 env;
	struct vgate		*gate;
	struct session_pool	*pool;
	struct hostlim		*lim;
	struct batch_hub	*batches;
	struct mx_addr		 addr;
	int			 running;
	bool			 drained;
	struct ejob		*jobs[16];	/* started; their results freed at the end */
	size_t			 njobs;
};

/* One job: one recipient at one domain, its MX host named mx. */
struct ejob {
	struct eng		*e;
	struct mx_host		 host;
	struct mxplan		 plan;
	const char		*rcpts[1];
	struct probe_result	 r, *rs[1];
	bool			 done;
};

static void
ejob_result(void *arg, size_t idx, struct probe_result *r)
{
	(void)arg;
	(void)idx;
	(void)r;
}

static void
ejob_done(void *arg)
{
	struct ejob *j = arg;

	j->done = true;
	if (--j->e->running == 0)
		event_base_loopbreak(j->e->base);
}

static void
eng_init(struct eng *e, struct event_base *base, int port, unsigned per_host,
    long long idle_ms)
{
	static SSL_CTX *cctx;
	struct vgate_limits lim = { 100, per_host, 0, NULL };
	struct host_limits hdef = { .rcpt_batch = 10, .error_budget = 9,
	    .nonmail_max = SESSION_NONMAIL_MAX };
	char *err = NULL;

	if (cctx == NULL)
		assert_non_null(cctx = tls_ctx_new(&err));
	memset(e, 0, sizeof(*e));
	e->base = base;
	loopback_addr(&e->addr);
	e->gate = vgate_new(base, &lim);
	e->pool = pool_new(base, vgate_probe_gate(e->gate), idle_ms);
	e->env.base = base;
	e->env.session.helo = "probe.example.org";
	e->env.session.mail_from = "probe@example.org";
	e->env.session.port = port;
	e->env.session.stage_timeout_ms = 2000;
	e->env.session.rcpt_batch = 10;
	e->env.session.error_budget = 9;
	e->env.session.ssl_ctx = cctx;
	e->env.allow_private = true;
	e->env.family = AF_UNSPEC;
	e->env.gate = vgate_probe_gate(e->gate);
	e->env.pool = e->pool;
	e->lim = hostlim_new(&hdef);
	e->batches = batch_hub_new(base, e->pool, e->env.gate, e->lim);
	e->env.batches = e->batches;
}

/* Start a job for rcpt at domain, whose plan names MX host mx. */
static void
ejob_start(struct ejob *j, struct eng *e, const char *domain, const char *mx,
    const char *rcpt)
{
	memset(j, 0, sizeof(*j));
	j->e = e;
	j->host.name = (char *)mx;
	j->host.preference = 10;
	j->host.addrs = &e->addr;
	j->host.naddrs = 1;
	j->plan.status = PLAN_OK;
	j->plan.domain = (char *)domain;
	j->plan.hosts = &j->host;
	j->plan.nhosts = 1;
	j->rcpts[0] = rcpt;
	j->rs[0] = &j->r;
	result_init(&j->r, rcpt);
	assert_true(e->njobs < sizeof(e->jobs) / sizeof(e->jobs[0]));
	e->jobs[e->njobs++] = j;
	e->running++;
	probe_job_start(&e->env, domain, &j->plan, j->rcpts, j->rs, 1, 0,
	    ejob_result, ejob_done, j);
}

/* Run the loop until every job started has finished. */
static void
eng_run(struct eng *e)
{
	struct timeval limit = { LOOP_LIMIT_MS / 1000, 0 };

	event_base_loopexit(e->base, &limit);
	event_base_dispatch(e->base);
	assert_int_equal(e->running, 0);
}

/* One job, run to its end. */
static void
ejob_run(struct ejob *j, struct eng *e, const char *domain, const char *mx,
    const char *rcpt)
{
	ejob_start(j, e, domain, mx, rcpt);
	eng_run(e);
	assert_true(j->done);
}

/* Run the loop in short turns until cond() holds (bounded). */
static void
eng_until(struct eng *e, bool (*cond)(struct eng *))
{
	struct timeval turn = { 0, 10000 };
	int i;

	for (i = 0; i < LOOP_LIMIT_MS / 10 && !cond(e); i++) {
		event_base_loopexit(e->base, &turn);
		event_base_dispatch(e->base);
	}
	assert_true(cond(e));
}

static bool
eng_pool_empty(struct eng *e)
{
	return pool_size(e->pool) == 0;
}

static bool
eng_drained(struct eng *e)
{
	return e->drained;
}

static void
eng_drained_cb(void *arg)
{
	((struct eng *)arg)->drained = true;
}

/* QUIT what the pool keeps, then free the pool, the gate, the results. */
static void
eng_free(struct eng *e)
{
	size_t i;

	pool_drain(e->pool, eng_drained_cb, e);
	eng_until(e, eng_drained);
	assert_int_equal(vgate_open(e->gate), 0);
	batch_hub_free(e->batches);
	hostlim_free(e->lim);
	pool_free(e->pool);
	vgate_free(e->gate);
	for (i = 0; i < e->njobs; i++)
		result_free(&e->jobs[i]->r);
}

static bool
attempt_reused(const struct probe_result *r)
{
	return r->nattempts == 1 && r->attempts[0].reused;
}

/*
 * READY sessions are found by MX address, port, TLS name, HELO and MAIL
 * FROM: a second domain on the same MX host takes the kept session (no
 * connect, one RSET, a second MAIL); another MX name on the same address,
 * or another HELO, is another key and connects anew.
 */
static void
test_pool_key(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b, c, d;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 5, 5000);
	ejob_run(&a, &e, "a.test", "mx.test", "ok0@a.test");
	assert_int_equal(a.r.verdict, VERDICT_DELIVERABLE);
	assert_false(attempt_reused(&a.r));
	assert_int_equal(pool_size(e.pool), 1);
	ejob_run(&b, &e, "b.test", "mx.test", "no1@b.test");
	assert_int_equal(b.r.verdict, VERDICT_UNDELIVERABLE);
	assert_true(attempt_reused(&b.r));
	assert_int_equal(s.conns, 1);
	assert_int_equal(s.mails, 2);
	assert_int_equal(s.rsets, 1);
	assert_int_equal(pool_reuses(e.pool), 1);
	/* another TLS name on the same address */
	ejob_run(&c, &e, "c.test", "mx2.test", "ok2@c.test");
	assert_false(attempt_reused(&c.r));
	assert_int_equal(s.conns, 2);
	/* another HELO */
	e.env.session.helo = "other.example.org";
	ejob_run(&d, &e, "d.test", "mx.test", "ok3@d.test");
	assert_false(attempt_reused(&d.r));
	assert_int_equal(s.conns, 3);
	assert_int_equal(pool_size(e.pool), 3);
	eng_free(&e);
	loopback_settle(base);
	assert_int_equal(s.quits, 3);		/* each kept session QUIT */
	assert_string_equal(s.log, "CCCQQQ");
	srv_stop(&s);
}

/* An idle session is closed with QUIT after the pool's idle limit. */
static void
test_pool_idle_limit(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 2, 30);
	ejob_run(&a, &e, "a.test", "mx.test", "ok0@a.test");
	eng_until(&e, eng_pool_empty);
	loopback_settle(base);
	assert_int_equal(s.quits, 1);
	assert_int_equal(vgate_open(e.gate), 0);	/* its slot given back */
	ejob_run(&b, &e, "b.test", "mx.test", "ok1@b.test");
	assert_false(attempt_reused(&b.r));
	assert_int_equal(s.conns, 2);
	eng_free(&e);
	srv_stop(&s);
}

/*
 * The server closes a kept session while it is idle: the pool notices
 * (EOF), drops it and gives its gate slot back; the next work connects
 * anew and is never sent into the closed one.
 */
static void
test_pool_eof_while_idle(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 1, 5000);
	ejob_run(&a, &e, "a.test", "mx.test", "ok0@a.test");
	assert_int_equal(pool_size(e.pool), 1);
	assert_int_equal(vgate_open(e.gate), 1);
	srv_drop_all(&s);
	eng_until(&e, eng_pool_empty);
	assert_int_equal(vgate_open(e.gate), 0);
	ejob_run(&b, &e, "b.test", "mx.test", "ok1@b.test");
	assert_int_equal(b.r.verdict, VERDICT_DELIVERABLE);
	assert_false(attempt_reused(&b.r));
	assert_int_equal(s.conns, 2);
	assert_int_equal(s.mails, 2);
	assert_int_equal(s.rsets, 0);
	eng_free(&e);
	srv_stop(&s);
}

/*
 * Reuse stops before Exim's smtp_accept_max_nonmail: EHLO and each RSET
 * count, so a session serves SESSION_NONMAIL_MAX pieces of work (8 RSETs)
 * and the next work connects anew; the retired session QUITs.
 */
static void
test_pool_reuse_limit(void **state)
{
	struct event_base *base = *state;
	const char **rc = make_rcpts(12);
	struct srv s;
	struct eng e;
	struct ejob j[12];
	int i, reused = 0;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 2, 5000);
	for (i = 0; i < 12; i++) {
		ejob_run(&j[i], &e, "mx.test", "mx.test", rc[i]);
		reused += attempt_reused(&j[i].r);
	}
	assert_int_equal(s.conns, 2);
	assert_int_equal(s.max_rsets, SESSION_NONMAIL_MAX - 1);
	assert_int_equal(reused, 10);
	assert_int_equal(s.quits, 1);		/* the first, retired */
	assert_int_equal(s.mails, 12);
	eng_free(&e);
	srv_stop(&s);
	free_rcpts(rc, 12);
}

/* A clock the age test moves (ms). */
static long long pool_now;

static long long
pool_clock(void)
{
	return pool_now;
}

/*
 * Reuse stops at SESSION_REUSE_AGE_MS (Postfix's client reuses a
 * connection for 300 s): a kept session older than that is closed (QUIT)
 * instead of taken, and the work connects anew.  The sessions' clock is
 * the test's.
 */
static void
test_pool_reuse_age(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b, c;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 2, 5000);
	pool_now = 1000;
	e.env.session.clock = pool_clock;
	ejob_run(&a, &e, "a.test", "mx.test", "ok0@a.test");
	pool_now += SESSION_REUSE_AGE_MS - 1;
	ejob_run(&b, &e, "b.test", "mx.test", "ok1@b.test");
	assert_true(attempt_reused(&b.r));	/* still young enough */
	pool_now += 1;
	ejob_run(&c, &e, "c.test", "mx.test", "ok2@c.test");
	assert_false(attempt_reused(&c.r));
	assert_int_equal(c.r.verdict, VERDICT_DELIVERABLE);
	assert_int_equal(s.conns, 2);
	assert_int_equal(s.quits, 1);		/* the old one, retired */
	assert_int_equal(s.log[0], 'C');
	eng_free(&e);
	srv_stop(&s);
}

/*
 * --per-host 1 counts idle kept sessions as busy ones: work for another
 * key at the same address waits, the idle session is closed (QUIT) to
 * make room, and only then the new one connects.  The server never sees
 * two sessions at once.
 */
static void
test_gate_counts_idle(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 1, 5000);
	ejob_run(&a, &e, "a.test", "mx.test", "ok0@a.test");
	assert_int_equal(pool_size(e.pool), 1);
	assert_int_equal(vgate_open(e.gate), 1);
	ejob_run(&b, &e, "b.test", "mx2.test", "ok1@b.test");
	assert_int_equal(b.r.verdict, VERDICT_DELIVERABLE);
	assert_int_equal(s.conns, 2);
	assert_int_equal(s.max_open, 1);
	assert_string_equal(s.log, "CQC");
	eng_free(&e);
	srv_stop(&s);
}

/*
 * Two jobs at once for two keys at one address under --per-host 1: the
 * second waits at the gate until the first's session is gone.
 */
static void
test_gate_per_host_jobs(void **state)
{
	struct event_base *base = *state;
	struct srv s;
	struct eng e;
	struct ejob a, b;

	srv_start(&s, base, M_GOOD);
	eng_init(&e, base, s.port, 1, 5000);
	ejob_start(&a, &e, "a.test", "mx.test", "ok0@a.test");
	ejob_start(&b, &e, "b.test", "mx2.test", "no1@b.test");
	eng_run(&e);
	assert_int_equal(a.r.verdict, VERDICT_DELIVERABLE);
	assert_int_equal(b.r.verdict, VERDICT_UNDELIVERABLE);
	assert_int_equal(s.max_open, 1);
	assert_int_equal(s.conns, 2);
	assert_string_equal(s.log, "CQC");
	eng_free(&e);
	srv_stop(&s);
}

#define CASE(t)	cmocka_unit_test_setup_teardown(t, loopback_setup, loopback_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_pipelined_batches),
		CASE(test_no_pipelining),
		CASE(test_too_many_recipients),
		CASE(test_error_budget),
		CASE(test_ready_and_reuse),
		CASE(test_pool_key),
		CASE(test_pool_idle_limit),
		CASE(test_pool_eof_while_idle),
		CASE(test_pool_reuse_limit),
		CASE(test_pool_reuse_age),
		CASE(test_gate_counts_idle),
		CASE(test_gate_per_host_jobs),
		CASE(test_no_banner_times_out),
		CASE(test_trickle_hits_deadline),
		CASE(test_endless_reply),
		CASE(test_line_without_crlf),
		CASE(test_banner_421),
		CASE(test_starttls_injection),
		CASE(test_starttls_garbage),
		CASE(test_require_tls_not_offered),
		CASE(test_rcpt_421),
		CASE(test_job_rcpt_421_in_transcript),
		CASE(test_mail_rejected),
		CASE(test_smtputf8_missing),
		CASE(test_connection_refused),
		CASE(test_polite_abort),
		CASE(test_extra_line_after_ehlo),
		CASE(test_shifted_replies),
		CASE(test_more_replies_than_rcpts),
		CASE(test_quit_550),
		CASE(test_reply_before_ehlo_after_tls),
		CASE(test_banner_without_space),
		CASE(test_banner_bare_cr),
		CASE(test_starttls_refused),
		CASE(test_job_decides),
		CASE(test_job_out_of_step_decides_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
