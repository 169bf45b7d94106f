/*
 * session.c - one SMTP client session as a visible state machine.
 *
 * Public: session_start, session_abort, session_local_ip, session_attempt,
 * session_waiting (session.h).
 *
 * Layers inside this file, top to bottom:
 *   - the transport callbacks (bufferevent, timers) only turn what happened
 *     into an enum sess_event and call sess_dispatch();
 *   - sess_dispatch() reads complete lines (bounded by REPLY_LINE_MAX),
 *     feeds the reply parser, and hands each complete reply to
 *     sess_reply(), which picks the next state with a switch;
 *   - sess_enter() runs a state's entry action (send a command, start TLS).
 *
 * Every way a session ends goes through sess_finish(), which calls done()
 * exactly once.  The memory is released only when no dispatch is running
 * (s->depth == 0), so a callback may end or abort the session safely.
 * Remote misbehaviour is never fatal: it ends the session with
 * SESSION_TIMEOUT, SESSION_CLOSED, SESSION_PROTOCOL_ERROR or
 * SESSION_TLS_FAILED and a plain error text in attempt->error.
 */
#define _GNU_SOURCE	/* strcasestr */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/util.h>

#include "smtp/session.h"
#include "base/escape.h"
#include "base/syserr.h"
#include "net/tls.h"
#include "net/tcpconn.h"
#include "net/tlscache.h"

/* Session numbers, for the records (attempts[].session). */
static unsigned long	sess_next_id;

/* How long QUIT may wait for its 221; the answer never matters. */
#define SESSION_QUIT_WAIT_MS	2000
/* Bytes of out-of-step data or of a malformed line quoted in an error. */
#define SESSION_QUOTE_MAX	80

enum sess_state {
	S_CONNECTING,
	S_PROXY,	/* SOCKS5 handshake with --proxy (net/socks5.c) */
	S_BANNER,
	S_EHLO,
	S_HELO,
	S_STARTTLS,
	S_TLS_HANDSHAKE,
	S_EHLO2,
	S_MAIL,
	S_RCPT,
	S_RSET,
	S_READY,	/* everyone asked, idle, connected: the next work may take it */
	S_QUIT,
	S_DONE,
	S__LAST		/* also "stay in the current state" from sess_reply() */
};

static const char *const sess_state_name[S__LAST] = {
	[S_CONNECTING] = "connecting",
	[S_PROXY] = "proxy",
	[S_BANNER] = "banner",
	[S_EHLO] = "ehlo",
	[S_HELO] = "helo",
	[S_STARTTLS] = "starttls",
	[S_TLS_HANDSHAKE] = "tls-handshake",
	[S_EHLO2] = "ehlo-tls",
	[S_MAIL] = "mail",
	[S_RCPT] = "rcpt",
	[S_RSET] = "rset",
	[S_READY] = "ready",
	[S_QUIT] = "quit",
	[S_DONE] = "done",
};

/* The stage a state's steps carry in the transcript. */
static const enum stage sess_state_step_stage[S__LAST] = {
	[S_CONNECTING] = STAGE_CONNECT,
	[S_PROXY] = STAGE_PROXY,
	[S_BANNER] = STAGE_BANNER,
	[S_EHLO] = STAGE_EHLO,
	[S_HELO] = STAGE_EHLO,
	[S_STARTTLS] = STAGE_STARTTLS,
	[S_TLS_HANDSHAKE] = STAGE_STARTTLS,
	[S_EHLO2] = STAGE_EHLO,
	[S_MAIL] = STAGE_MAIL,
	[S_RCPT] = STAGE_RCPT,
	[S_RSET] = STAGE_RSET,
	[S_READY] = STAGE_RSET,
	[S_QUIT] = STAGE_QUIT,
	[S_DONE] = STAGE_QUIT,
};

/* The stage a session ending in that state reports (never rset/quit). */
static const enum stage sess_state_end_stage[S__LAST] = {
	[S_CONNECTING] = STAGE_CONNECT,
	[S_PROXY] = STAGE_PROXY,
	[S_BANNER] = STAGE_BANNER,
	[S_EHLO] = STAGE_EHLO,
	[S_HELO] = STAGE_EHLO,
	[S_STARTTLS] = STAGE_STARTTLS,
	[S_TLS_HANDSHAKE] = STAGE_STARTTLS,
	[S_EHLO2] = STAGE_EHLO,
	[S_MAIL] = STAGE_MAIL,
	[S_RCPT] = STAGE_RCPT,
	[S_RSET] = STAGE_RCPT,
	[S_READY] = STAGE_RCPT,
	[S_QUIT] = STAGE_RCPT,
	[S_DONE] = STAGE_RCPT,
};

/* What the session was doing, for "timeout while ..." texts. */
static const char *const sess_state_phrase[S__LAST] = {
	[S_CONNECTING] = N_("connecting"),
	[S_PROXY] = N_("waiting for the SOCKS5 proxy"),
	[S_BANNER] = N_("waiting for the banner"),
	[S_EHLO] = N_("waiting for the reply to EHLO"),
	[S_HELO] = N_("waiting for the reply to HELO"),
	[S_STARTTLS] = N_("waiting for the reply to STARTTLS"),
	[S_TLS_HANDSHAKE] = N_("in the TLS handshake"),
	[S_EHLO2] = N_("waiting for the reply to EHLO after STARTTLS"),
	[S_MAIL] = N_("waiting for the reply to MAIL FROM"),
	[S_RCPT] = N_("waiting for the reply to RCPT TO"),
	[S_RSET] = N_("waiting for the reply to RSET"),
	[S_READY] = N_("idle, waiting for more work"),
	[S_QUIT] = N_("waiting for the reply to QUIT"),
	[S_DONE] = N_("finished"),
};

/* What the transport reports; the only input of sess_dispatch(). */
enum sess_event {
	SEV_CONNECTED,
	SEV_DATA,
	SEV_TLS_READY,
	SEV_TIMEOUT,		/* the stage timer */
	SEV_DEADLINE,		/* the whole-session deadline */
	SEV_ERROR,
	SEV_EOF,
	SEV_DEFERRED,		/* a failure found in session_start, reported later */
};

struct session {
	struct event_base	*base;		/* borrowed */
	struct session_config	 cfg;		/* strings and ssl_ctx borrowed */
	char			*mx_host;	/* owned */
	struct sockaddr_storage	 ss;
	socklen_t		 sslen;
	const char *const	*rcpts;		/* borrowed */
	size_t			 nrcpts;
	struct session_cb	 cb;
	void			*arg;

	struct bufferevent	*bev;		/* owned; the TLS filter once started */
	struct bufferevent	*sock;		/* the socket's own bufferevent: bev, or
						 * the one under the TLS filter (owned by it) */
	struct event		*timer;		/* owned; per stage */
	struct event		*deadline;	/* owned; whole session */
	struct event		*defer;		/* owned; reports start-up failures */
	char			 local_ip[64];	/* "" before connect */
	struct socks5_client	*socks;		/* owned; through a proxy only (S_PROXY) */
	struct tls_dane		*dane;		/* owned until the handshake's tls_info takes it */
	enum proxy_fail		 proxy_fail;	/* how the proxy failed, for done() */

	enum sess_state		 state;
	enum sess_state		 state_at_end;	/* the state a refusal came in */
	struct reply_parser	 rp;
	struct ehlo_caps	 caps;
	bool			 tls_active;
	bool			 need_smtputf8;	/* some recipient has non-ASCII bytes */
	size_t			 pending;	/* replies still expected */
	long long		 sent_ms;	/* when the current command went out */
	size_t			 cur_step;	/* attempt step awaiting a reply */

	/* Recipients: [txn_start, next) sent in this transaction, replies
	 * come in order for [reply_next, next). */
	size_t			 batch;		/* RCPTs per transaction, shrinks on 452 */
	size_t			 txn_start, next, reply_next;
	long long		*rcpt_sent_ms;	/* owned; by index - txn_start, grown up to batch */
	size_t			 sent_cap;	/* entries of rcpt_sent_ms */
	bool			 overflow;	/* "too many recipients" in this transaction */
	size_t			 answered;
	size_t			 rejections;	/* 4xx/5xx after the greeting */
	size_t			 budget;	/* rejections allowed; 0: no limit */
	bool			 budget_spent;
	bool			 deadline_passed;	/* SEV_DEADLINE ended it */
	bool			 slowed;	/* a reply slowed after a rejection */
	bool			 tarpit;	/* ... and the next one too */
	size_t			 slow_run;	/* slowed replies in a row */
	size_t			 tarpit_after;	/* rejections before the first slowed reply */
	size_t			 rcpt_max;	/* "too many recipients" after this many */
	bool			 rset_refused;	/* RSET got a 5xx */
	unsigned		 mails;		/* MAIL commands sent in the session */
	long long		 last_reply_ms;	/* when the previous RCPT reply came */
	/* Reuse (S_READY): the greeting's steps stay, each use adds its own. */
	unsigned long		 id;
	long long		 started_ms;
	size_t			 greet_steps;	/* steps before the first MAIL; 0: none yet */
	unsigned		 nonmail;	/* EHLO, HELO, STARTTLS, RSET sent */
	unsigned		 nonmail_max;	/* never more than this */
	unsigned		 uses;		/* recipient lists served, this one included */

	struct attempt		 att;
	struct step		 last;		/* a decisive RCPT reply not in att */
	struct step		 unanswered;	/* the RCPT the session ended waiting
						 * for; command NULL: none */
	/* How the session ends once QUIT is answered (or not). */
	enum session_end	 final_end;
	enum stage		 final_stage;
	ptrdiff_t		 final_step;	/* decisive step in att, -1: none */
	bool			 finished;	/* done() was called */
	bool			 desync;	/* replies fell out of step with commands */
	int			 depth;		/* dispatches running */
	enum session_end	 deferred_end;	/* for SEV_DEFERRED */
	bool			 deferred_reuse;	/* SEV_DEFERRED starts a reuse instead */
	char			 bind_error[200];	/* --source could not be used */
	int			 connect_err;	/* the errno a direct connect failed with */
};

static void	sess_enter(struct session *, enum sess_state);
static void	sess_ready(struct session *);
static enum sess_state sess_all_asked(struct session *);
static void	sess_sock_input(struct evbuffer *,
		    const struct evbuffer_cb_info *, void *);
static void	sess_dispatch(struct session *, enum sess_event);
static void	sess_finish(struct session *, enum session_end, enum stage,
		    const struct step *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

/* What the session learned about its host, for the outcome. */
static void
sess_outcome_learned(const struct session *s, struct session_outcome *o)
{
	o->rcpt_max = s->rcpt_max;
	o->tarpit_after = s->tarpit_after;
	o->nonmail = s->nonmail;
	o->rset_refused = s->rset_refused;
}

/* Free what is left once nothing up the stack can touch the session. */
static void
sess_release(struct session *s)
{
	if (--s->depth > 0 || !s->finished)
		return;
	reply_parser_reset(&s->rp);
	attempt_free(&s->att);
	step_free(&s->last);
	step_free(&s->unanswered);
	tls_dane_free(s->dane);
	free(s->rcpt_sent_ms);
	free(s->mx_host);
	free(s->socks);
	free(s);
}

static void
sess_close(struct session *s)
{
	if (s->timer != NULL)
		event_free(s->timer);
	if (s->deadline != NULL)
		event_free(s->deadline);
	if (s->defer != NULL)
		event_free(s->defer);
	s->timer = s->deadline = s->defer = NULL;
	if (s->sock != NULL)
		evbuffer_remove_cb(bufferevent_get_input(s->sock),
		    sess_sock_input, s);
	if (s->bev != NULL)
		bufferevent_free(s->bev);	/* safe inside its own callbacks */
	s->bev = s->sock = NULL;
}

/*
 * End the session: close the connection first (so the driver may open
 * another at once), then call done() exactly once.  decisive may point
 * into s->att or at s->last.
 */
static void
sess_finish(struct session *s, enum session_end end, enum stage stage,
    const struct step *decisive, const char *fmt, ...)
{
	struct session_outcome o;
	va_list ap;

	if (s->finished)
		return;
	s->finished = true;
	if (fmt != NULL && s->att.error == NULL) {
		char buf[512];

		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		s->att.error = xstrdup(buf);
	}
	sess_close(s);
	/* QUIT after a refusal: the refused command's state counts */
	if (s->state != S_QUIT || s->final_end == SESSION_OK)
		s->state_at_end = s->state;
	s->state = S_DONE;
	memset(&o, 0, sizeof(o));
	o.end = end;
	o.stage = stage;
	o.reply = decisive;
	o.attempt = &s->att;
	o.answered = s->answered;
	o.desync = s->desync;
	o.proxy_fail = s->proxy_fail;
	o.proxy_rep = s->socks != NULL ? s->socks->reply.rep : -1;
	o.connect_err = s->connect_err;
	o.rejections = s->rejections;
	o.budget_spent = s->budget_spent;
	o.deadline = s->deadline_passed;
	o.tarpit = s->tarpit;
	o.reused = s->uses > 1;
	o.reuse_failed = end != SESSION_OK && end != SESSION_ABORTED &&
	    (s->state_at_end == S_RSET ||
	    (s->state_at_end == S_MAIL && s->mails > 1) ||
	    (s->uses > 1 && s->answered == 0));
	o.stalled = s->state_at_end == S_RCPT && s->pending > 0 &&
	    s->reply_next < s->next ? s->reply_next : SIZE_MAX;
	o.unanswered = s->unanswered.command != NULL ? &s->unanswered : NULL;
	sess_outcome_learned(s, &o);
	s->depth++;
	s->cb.done(s->arg, &o);
	sess_release(s);
}

static void
sess_arm_timer(struct session *s, long long ms)
{
	struct timeval tv;

	if (ms <= 0)
		ms = 1;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	evtimer_add(s->timer, &tv);
}

/* The error's words (syserr_text) in lower case, as the transcript words
 * it ("connection refused"). */
static void
sess_errno_text(int err, char *buf, size_t len)
{
	snprintf(buf, len, "%s", syserr_text(err));
	buf[0] = (char)tolower((unsigned char)buf[0]);
}

/*
 * Queue one command line.  A line over SMTP_CMD_MAX octets or with a line
 * break inside is never sent (the address checks make it impossible; this
 * is the last wall against command injection).  Returns -1 after ending
 * the session.
 */
static int
sess_write(struct session *s, const char *line)
{
	size_t len = strlen(line);
	char buf[SMTP_CMD_MAX];

	if (len + 2 > SMTP_CMD_MAX || strpbrk(line, "\r\n") != NULL) {
		sess_finish(s, SESSION_PROTOCOL_ERROR,
		    sess_state_end_stage[s->state], NULL,
		    "refused to send a command longer than %d octets or with a "
		    "line break", SMTP_CMD_MAX);
		return -1;
	}
	/* One write per line: under TLS each write may become a record. */
	memcpy(buf, line, len);
	memcpy(buf + len, "\r\n", 2);
	if (bufferevent_write(s->bev, buf, len + 2) == -1) {
		sess_finish(s, SESSION_CLOSED, sess_state_end_stage[s->state],
		    NULL, "could not queue %s", sess_state_name[s->state]);
		return -1;
	}
	return 0;
}

/*
 * The session ends waiting for an RCPT's reply (a timeout, a closed
 * connection, a reply that broke the protocol).  RCPT steps are not in
 * the common transcript (each is its recipient's own), so without this
 * the trace showed no RCPT at all where it stopped: the command sent and
 * what became of it go to the outcome, for the recipient's record.
 * partial: keep the lines of the reply that did come.
 */
static void
sess_note_unanswered(struct session *s, const char *error, bool partial)
{
	struct step *st = &s->unanswered;

	if (s->state != S_RCPT || s->pending == 0 ||
	    s->reply_next >= s->next || st->command != NULL)
		return;
	st->stage = STAGE_RCPT;
	st->command = xasprintf("RCPT TO:<%s>", s->rcpts[s->reply_next]);
	st->ms = now_ms() - s->rcpt_sent_ms[s->reply_next - s->txn_start];
	st->error = xstrdup(error);
	if (partial && s->rp.nlines > 0 && s->rp.text != NULL) {
		st->text = xstrndup(s->rp.text, s->rp.textlen);
		st->textlen = s->rp.textlen;
	}
}

/*
 * The server broke the protocol or a bound: note it on the step of the
 * reply being read (a banner step when it was the banner) and end.
 */
static void __attribute__((format(printf, 2, 3)))
sess_protocol_error(struct session *s, const char *fmt, ...)
{
	struct step *st;
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);

	if (s->state == S_BANNER) {
		attempt_add_step(&s->att, STAGE_BANNER, NULL);
		s->cur_step = s->att.nsteps - 1;
	}
	if (s->state != S_RCPT) {
		st = &s->att.steps[s->cur_step];
		free(st->error);
		st->error = xstrdup(what);
		st->ms = now_ms() - s->sent_ms;
	} else
		sess_note_unanswered(s, what, false);
	sess_finish(s, SESSION_PROTOCOL_ERROR, sess_state_end_stage[s->state],
	    NULL, "%s (%s)", what, sess_state_phrase[s->state]);
}

/* Send a command that gets a step in the common transcript. */
static void
sess_command(struct session *s, const char *line)
{
	if (s->state == S_EHLO || s->state == S_HELO || s->state == S_EHLO2 ||
	    s->state == S_STARTTLS || s->state == S_RSET)
		s->nonmail++;
	attempt_add_step(&s->att, sess_state_step_stage[s->state], line);
	s->cur_step = s->att.nsteps - 1;
	if (sess_write(s, line) == -1)
		return;
	s->sent_ms = now_ms();
	s->pending = 1;
	sess_arm_timer(s, s->cfg.stage_timeout_ms);
}

static bool
sess_needs_utf8(const char *a)
{
	for (; *a != '\0'; a++)
		if ((unsigned char)*a >= 0x80)
			return true;
	return false;
}

/*
 * Why: most sessions send a few RCPTs, not the hundred a transaction may
 * hold; the send times grow with what is sent (bounded by batch) instead
 * of 800 bytes in every session from the start.
 */
static void
sess_note_sent(struct session *s, size_t k)
{
	size_t cap = s->sent_cap ? s->sent_cap : 8;

	while (cap <= k)
		cap *= 2;
	if (cap > s->sent_cap) {
		s->rcpt_sent_ms = xrealloc(s->rcpt_sent_ms,
		    cap * sizeof(*s->rcpt_sent_ms));
		s->sent_cap = cap;
	}
	s->rcpt_sent_ms[k] = s->sent_ms;
}

/* Send the next RCPT, or a whole batch of them when PIPELINING allows. */
static void
sess_send_rcpts(struct session *s)
{
	char line[SMTP_CMD_MAX + 1];
	size_t room, i;

	/*
	 * Recipients the owner no longer wants are skipped at a round's start.
	 */
	while (s->next < s->nrcpts && s->cb.want != NULL &&
	    !s->cb.want(s->arg, s->next, true))
		s->next++;
	room = s->batch - (s->next - s->txn_start);
	if (!s->caps.pipelining && room > 1)
		room = 1;
	if (room > s->nrcpts - s->next)
		room = s->nrcpts - s->next;
	/* Never more in flight than rejections the budget still allows. */
	if (s->budget > 0 && room > s->budget - s->rejections)
		room = s->budget - s->rejections;
	if (room == 0) {
		/* nobody left to ask, or the budget allows no more */
		if (s->next < s->nrcpts)
			s->budget_spent = true;
		sess_enter(s, s->next < s->nrcpts ? S_QUIT : sess_all_asked(s));
		return;
	}
	s->reply_next = s->next;
	s->sent_ms = now_ms();
	s->last_reply_ms = s->sent_ms;
	for (i = 0; i < room; i++) {
		if (i > 0 && s->cb.want != NULL &&
		    !s->cb.want(s->arg, s->next, false)) {
			room = i;	/* skipped when the next round starts */
			break;
		}
		/*
		 * A truncated line is SMTP_CMD_MAX long: sess_write refuses it.
		 */
		snprintf(line, sizeof(line), "RCPT TO:<%s>", s->rcpts[s->next]);
		if (sess_write(s, line) == -1)
			return;
		sess_note_sent(s, s->next - s->txn_start);
		s->next++;
	}
	s->pending = room;
	sess_arm_timer(s, s->cfg.stage_timeout_ms);
}

/* Replace the socket bufferevent by a TLS filter over it. */
static void
sess_start_tls(struct session *s)
{
	struct evbuffer *in = bufferevent_get_input(s->bev);
	struct bufferevent *tb;
	size_t injected;
	char *err = NULL, *key;
	SSL *ssl;

	/*
	 * The trust store is read (once, lazily) before the step's clock and
	 * timer start: its 30 ms of our own CPU (far more under ASan) is not
	 * the server's handshake time and must not eat its timeout.
	 */
	tls_ctx_trust(s->cfg.ssl_ctx);
	event_base_update_cache_time(s->base);

	/* STARTTLS is a wall: nothing read before the handshake may count. */
	injected = evbuffer_get_length(in);
	if (injected > 0) {
		struct step *st = &s->att.steps[s->cur_step];

		evbuffer_drain(in, injected);
		free(st->error);
		st->error = xasprintf("discarded %zu {1|byte|bytes} sent before "
		    "the TLS handshake (STARTTLS injection)", injected);
	}
	reply_parser_reset(&s->rp);
	attempt_add_step(&s->att, STAGE_STARTTLS, NULL);
	s->cur_step = s->att.nsteps - 1;
	s->sent_ms = now_ms();
	sess_arm_timer(s, s->cfg.stage_timeout_ms);

	/*
	 * Resumption is offered to the same address, port and TLS name only,
	 * and never where DANE applies: a resumed session skips the TLSA
	 * check the verdict depends on.
	 */
	key = s->cfg.ntlsa > 0 ? NULL :
	    tlscache_key(s->att.ip, s->att.port, s->mx_host);
	ssl = tls_ssl_new(s->cfg.ssl_ctx, s->mx_host, key, &err);
	free(key);
	if (ssl == NULL) {
		s->att.steps[s->cur_step].error = err;
		sess_finish(s, SESSION_TLS_FAILED, STAGE_STARTTLS, NULL,
		    "TLS set-up failed: %s", err);
		return;
	}
	if (s->cfg.ntlsa > 0) {
		tls_dane_free(s->dane);
		s->dane = tls_dane_enable(ssl, s->mx_host, s->cfg.tlsa,
		    s->cfg.ntlsa);
	}
	bufferevent_setcb(s->bev, NULL, NULL, NULL, NULL);
	tb = bufferevent_openssl_filter_new(s->base, s->bev, ssl,
	    BUFFEREVENT_SSL_CONNECTING, BEV_OPT_CLOSE_ON_FREE);
	if (tb == NULL) {
		SSL_free(ssl);
		s->att.steps[s->cur_step].error = xstrdup("TLS set-up failed");
		sess_finish(s, SESSION_TLS_FAILED, STAGE_STARTTLS, NULL,
		    "TLS set-up failed");
		return;
	}
	s->bev = tb;
	bufferevent_openssl_set_allow_dirty_shutdown(tb, 1);
	s->pending = 0;
}

/* Attach the transport callbacks; defined below with the transport. */
static void	sess_bev_setcb(struct session *);

/* Run the entry action of state st. */
static void
sess_enter(struct session *s, enum sess_state st)
{
	char line[SMTP_CMD_MAX + 1];

	s->state = st;
	switch (st) {
	case S_PROXY:
		socks5_client_start(s->socks, s->cfg.proxy,
		    (struct sockaddr *)&s->ss, s->sslen,
		    bufferevent_get_output(s->bev));
		break;
	case S_BANNER:
		s->sent_ms = now_ms();
		s->pending = 1;
		sess_arm_timer(s, s->cfg.stage_timeout_ms);
		break;
	case S_EHLO:
	case S_EHLO2:
		memset(&s->caps, 0, sizeof(s->caps));
		snprintf(line, sizeof(line), "EHLO %s", s->cfg.helo);
		sess_command(s, line);
		break;
	case S_HELO:
		snprintf(line, sizeof(line), "HELO %s", s->cfg.helo);
		sess_command(s, line);
		break;
	case S_STARTTLS:
		sess_command(s, "STARTTLS");
		break;
	case S_TLS_HANDSHAKE:
		sess_start_tls(s);
		if (!s->finished)
			sess_bev_setcb(s);
		break;
	case S_MAIL:
		if (s->greet_steps == 0)
			s->greet_steps = s->att.nsteps;
		s->mails++;
		snprintf(line, sizeof(line), "MAIL FROM:<%s>%s", s->cfg.mail_from,
		    s->need_smtputf8 ? " SMTPUTF8" : "");
		s->txn_start = s->next;
		s->overflow = false;
		sess_command(s, line);
		break;
	case S_RCPT:
		sess_send_rcpts(s);
		break;
	case S_RSET:
		sess_command(s, "RSET");
		break;
	case S_READY:
		sess_ready(s);
		break;
	case S_QUIT:
		sess_command(s, "QUIT");
		if (!s->finished)
			sess_arm_timer(s, s->cfg.stage_timeout_ms < SESSION_QUIT_WAIT_MS ?
			    s->cfg.stage_timeout_ms : SESSION_QUIT_WAIT_MS);
		break;
	case S_CONNECTING:
	case S_DONE:
	case S__LAST:
		fatalx("%s: no entry action for state %s", __func__,
		    st < S__LAST ? sess_state_name[st] : "?");
	}
}

/* 452 or 4.5.3: the server wants fewer recipients per transaction. */
static bool
sess_too_many_rcpts(const struct reply *r)
{
	if (r->code / 100 != 4)
		return false;
	if (strcmp(r->enhanced, "4.5.3") == 0)
		return true;
	return r->code == 452 && r->text != NULL &&
	    strcasestr(r->text, "too many recipients") != NULL;
}

/*
 * Count a rejected RCPT against the error budget, and notice a tarpit: a
 * reply that comes SESSION_TARPIT_MS after the one before it, once the
 * session has been refused something.  The first such reply spends the
 * budget at once (every further reply may cost seconds of the host's
 * patience); a second in a row confirms a tarpit, which the host's limits
 * learn (one slow reply may be the network or a busy machine).
 */
static void
sess_count_rejection(struct session *s, int code)
{
	long long now = now_ms();

	if (s->rejections > 0 && now - s->last_reply_ms >= SESSION_TARPIT_MS) {
		if (!s->slowed)
			s->tarpit_after = s->rejections;
		s->slowed = true;
		if (++s->slow_run >= 2)
			s->tarpit = true;
		s->budget = s->rejections;
	} else
		s->slow_run = 0;
	s->last_reply_ms = now;
	if (code >= 400)
		s->rejections++;
	if (s->slowed && s->budget < s->rejections)
		s->budget = s->rejections;
}

/*
 * One RCPT reply, for recipient s->reply_next.  Returns the next state,
 * or S__LAST to keep waiting for the rest of the batch.
 */
static enum sess_state
sess_rcpt_reply(struct session *s, const struct reply *r)
{
	size_t idx = s->reply_next++;
	char line[SMTP_CMD_MAX + 1];
	struct step st;

	s->pending--;
	memset(&st, 0, sizeof(st));
	st.stage = STAGE_RCPT;
	snprintf(line, sizeof(line), "RCPT TO:<%s>", s->rcpts[idx]);
	st.command = line;
	st.code = r->code;
	snprintf(st.enhanced, sizeof(st.enhanced), "%s", r->enhanced);
	st.text = r->text;
	st.textlen = r->textlen;
	st.anomalies = r->anomalies;
	st.ms = now_ms() - s->rcpt_sent_ms[idx - s->txn_start];
	sess_count_rejection(s, r->code);

	if (r->code == 421) {
		step_free(&s->last);
		step_copy(&s->last, &st);
		sess_finish(s, SESSION_REJECTED, STAGE_RCPT, &s->last, NULL);
		return S__LAST;
	}
	if (s->overflow) {
		/* Retried in the next transaction whatever it says now; its
		 * own record keeps what was said. */
		if (s->cb.retry != NULL)
			s->cb.retry(s->arg, idx, &st);
	} else if (idx > s->txn_start && sess_too_many_rcpts(r)) {
		s->overflow = true;
		s->batch = idx - s->txn_start;
		s->rcpt_max = s->batch;
		s->next = idx;
		if (s->cb.retry != NULL)
			s->cb.retry(s->arg, idx, &st);
	} else {
		s->answered++;
		s->cb.rcpt(s->arg, idx, &st);
		if (s->finished)
			return S__LAST;
	}
	if (s->pending > 0) {
		sess_arm_timer(s, s->cfg.stage_timeout_ms);
		return S__LAST;
	}
	if (s->next >= s->nrcpts)
		return sess_all_asked(s);
	if (s->budget > 0 && s->rejections >= s->budget) {
		s->budget_spent = true;
		return S_QUIT;
	}
	if (s->overflow || s->next - s->txn_start >= s->batch) {
		if (s->nonmail + 1 > s->nonmail_max) {
			/* one more RSET would pass Exim's nonmail limit */
			s->budget_spent = true;
			return S_QUIT;
		}
		return S_RSET;
	}
	return S_RCPT;
}

/*
 * Everyone was asked.  A reusable session that may take more work stays
 * connected (READY); any other says QUIT.
 */
static enum sess_state
sess_all_asked(struct session *s)
{
	if (!s->cfg.reusable || s->final_end != SESSION_OK || s->desync ||
	    s->slowed || s->greet_steps == 0)
		return S_QUIT;
	s->state = S_READY;	/* session_can_reuse() looks at the state */
	if (!session_can_reuse(s))
		return S_QUIT;
	return S_READY;
}

/*
 * READY: idle and connected.  done() reports the finished work with
 * outcome.ready set; the session lives on (not finished, not freed) and
 * belongs to whoever the callback gives it to.
 */
static void
sess_ready(struct session *s)
{
	struct session_outcome o;

	evtimer_del(s->timer);
	s->pending = 0;
	memset(&o, 0, sizeof(o));
	o.end = SESSION_OK;
	o.stage = STAGE_RCPT;
	o.attempt = &s->att;
	o.answered = s->answered;
	o.rejections = s->rejections;
	o.ready = s;
	o.reused = s->uses > 1;
	o.stalled = SIZE_MAX;
	sess_outcome_learned(s, &o);
	s->cb.done(s->arg, &o);
}

/*
 * End as out of step: the server's replies no longer match the commands.
 * The step's line (st->error) already says how; the attempt ends with the
 * same words, so the trace says it once, not twice in other words.
 */
static void
sess_finish_out_of_step(struct session *s, const struct step *st,
    enum stage stage)
{
	s->desync = true;
	free(s->att.error);
	s->att.error = xstrdup(st->error);
	sess_finish(s, SESSION_PROTOCOL_ERROR, stage, NULL, NULL);
}

/* End the way sess_end_after_quit() prepared (SESSION_OK by default). */
static void
sess_finish_final(struct session *s)
{
	sess_finish(s, s->final_end, s->final_stage, s->final_step < 0 ? NULL :
	    &s->att.steps[s->final_step], NULL);
}

/*
 * The session will end as end/stage/decisive; say QUIT first, as an MTA
 * would, unless the server announced it is closing (421).  Returns the
 * next state, S__LAST when it ended here.
 */
static enum sess_state
sess_end_after_quit(struct session *s, enum session_end end, enum stage stage,
    const struct step *decisive, const char *why)
{
	if (why != NULL && s->att.error == NULL)
		s->att.error = xstrdup(why);
	s->state_at_end = s->state;
	if (decisive != NULL && decisive->code == 421) {
		sess_finish(s, end, stage, decisive, NULL);
		return S__LAST;
	}
	s->final_end = end;
	s->final_stage = stage;
	s->final_step = decisive != NULL ? decisive - s->att.steps : -1;
	return S_QUIT;
}

/* The greeting is over: MAIL, unless a recipient needs what is missing. */
static enum sess_state
sess_before_mail(struct session *s)
{
	if (s->nrcpts == 0)
		return S_QUIT;	/* nothing to ask: the greeting was the probe */
	if (s->need_smtputf8 && !s->caps.smtputf8)
		return sess_end_after_quit(s, SESSION_SMTPUTF8, STAGE_MAIL, NULL,
		    "a recipient needs SMTPUTF8, which the server does not offer");
	return S_MAIL;
}

static void
sess_record_reply(struct session *s, const struct reply *r)
{
	struct step *st = &s->att.steps[s->cur_step];

	step_set_reply(st, r->code, r->enhanced, r->text, r->textlen);
	st->anomalies = r->anomalies;
	st->ms = now_ms() - s->sent_ms;
}

/*
 * A complete reply in the current state: record it and pick the next
 * state.  Returns S__LAST when there is no transition (still waiting, or
 * the session ended).
 */
static enum sess_state
sess_reply(struct session *s, const struct reply *r)
{
	int cls = r->code / 100;
	const struct step *st;

	if (s->pending == 0) {
		s->desync = true;
		sess_finish(s, SESSION_PROTOCOL_ERROR,
		    sess_state_end_stage[s->state], NULL,
		    "a reply %d to no command (%s)", r->code,
		    sess_state_phrase[s->state]);
		return S__LAST;
	}
	if (s->state == S_RCPT)
		return sess_rcpt_reply(s, r);
	/* After an abort, replies to earlier commands come before QUIT's. */
	if (--s->pending > 0)
		return S__LAST;
	if (s->state == S_BANNER) {
		attempt_add_step(&s->att, STAGE_BANNER, NULL);
		s->cur_step = s->att.nsteps - 1;
	}
	sess_record_reply(s, r);
	st = &s->att.steps[s->cur_step];
	evtimer_del(s->timer);

	switch (s->state) {
	case S_BANNER:
		if (cls == 2)
			return S_EHLO;
		return sess_end_after_quit(s, SESSION_REJECTED, STAGE_BANNER,
		    st, NULL);
	case S_EHLO:
		if (cls == 5)
			return S_HELO;
		/* FALLTHROUGH */
	case S_EHLO2:
		if (cls != 2)
			return sess_end_after_quit(s, SESSION_REJECTED,
			    STAGE_EHLO, st, NULL);
		ehlo_parse_caps(r, &s->caps);
		if (!s->tls_active && s->cfg.starttls && s->caps.starttls)
			return S_STARTTLS;
		if (!s->tls_active && s->cfg.require_tls)
			return sess_end_after_quit(s, SESSION_TLS_FAILED,
			    STAGE_STARTTLS, NULL, "TLS is required and the server "
			    "does not offer STARTTLS");
		return sess_before_mail(s);
	case S_HELO:
		if (cls != 2)
			return sess_end_after_quit(s, SESSION_REJECTED,
			    STAGE_EHLO, st, NULL);
		memset(&s->caps, 0, sizeof(s->caps));
		if (s->cfg.require_tls)
			return sess_end_after_quit(s, SESSION_TLS_FAILED,
			    STAGE_STARTTLS, NULL, "TLS is required and the server "
			    "does not speak ESMTP");
		return sess_before_mail(s);
	case S_STARTTLS:
		if (cls == 2)
			return S_TLS_HANDSHAKE;
		if (r->code == 421)
			return sess_end_after_quit(s, SESSION_REJECTED,
			    STAGE_STARTTLS, st, NULL);
		if (s->cfg.require_tls)
			return sess_end_after_quit(s, SESSION_TLS_FAILED,
			    STAGE_STARTTLS, st, "the server refused STARTTLS");
		return sess_before_mail(s);	/* RFC 3207: go on in plaintext */
	case S_MAIL:
		if (cls == 2)
			return S_RCPT;
		return sess_end_after_quit(s, SESSION_REJECTED, STAGE_MAIL, st,
		    NULL);
	case S_RSET:
		if (cls == 2)
			return S_MAIL;
		if (cls == 5)
			s->rset_refused = true;
		return sess_end_after_quit(s, SESSION_REJECTED, STAGE_RCPT, st,
		    NULL);
	case S_QUIT:
		if (cls == 5) {
			/* QUIT cannot fail: this answers an earlier command. */
			free(s->att.steps[s->cur_step].error);
			s->att.steps[s->cur_step].error = xasprintf("out-of-step "
			    "replies: the server answered QUIT with %d, so its "
			    "replies do not match the commands", r->code);
			sess_finish_out_of_step(s, &s->att.steps[s->cur_step],
			    s->final_stage);
			return S__LAST;
		}
		sess_finish_final(s);
		return S__LAST;
	case S_CONNECTING:
	case S_PROXY:
	case S_TLS_HANDSHAKE:
	case S_RCPT:
	case S_READY:
	case S_DONE:
	case S__LAST:
		break;
	}
	fatalx("%s: reply in state %s", __func__, sess_state_name[s->state]);
}

/* At most SESSION_QUOTE_MAX bytes of server data, escaped for any text. */
static char *
sess_quote(const char *bytes, size_t len)
{
	char *q, *out;

	q = esc_terminal(bytes,
	    len > SESSION_QUOTE_MAX ? SESSION_QUOTE_MAX : len);
	if (len <= SESSION_QUOTE_MAX)
		return q;
	out = xasprintf("%s...", q);
	free(q);
	return out;
}

/*
 * Data came that no command asked for: after the last reply due (more
 * replies than commands, or a line after the banner or the QUIT reply).
 * Pairing any later reply with a command would shift every verdict by
 * one, so the session ends here with the stray bytes quoted.  r is the
 * reply that was due; it is recorded on its step as usual.
 */
static void
sess_out_of_step(struct session *s, const struct reply *r, struct evbuffer *in)
{
	char head[SESSION_QUOTE_MAX + 1];
	ev_ssize_t n;
	char *quoted;
	struct step *st;

	n = evbuffer_copyout(in, head, sizeof(head));
	quoted = sess_quote(head, n > 0 ? (size_t)n : 0);
	s->desync = true;
	if (s->state == S_BANNER) {
		attempt_add_step(&s->att, STAGE_BANNER, NULL);
		s->cur_step = s->att.nsteps - 1;
	}
	if (s->state != S_RCPT) {
		sess_record_reply(s, r);
		st = &s->att.steps[s->cur_step];
		free(st->error);
		st->error = xasprintf("out-of-step: data no command asked for "
		    "followed this reply: \"%s\"", quoted);
		sess_finish_out_of_step(s, st, sess_state_end_stage[s->state]);
	} else {
		free(s->att.error);	/* an earlier "aborted" is not why */
		s->att.error = NULL;
		sess_finish(s, SESSION_PROTOCOL_ERROR,
		    sess_state_end_stage[s->state], NULL, "out-of-step data "
		    "after the reply %d (%s): \"%s\"; the replies no longer "
		    "match the commands", r->code, sess_state_phrase[s->state],
		    quoted);
	}
	free(quoted);
}

/*
 * Take every complete line out of the input buffer.  A line must end
 * within REPLY_LINE_MAX bytes: a server cannot make us buffer more.
 */
static void
sess_read_lines(struct session *s)
{
	char line[REPLY_LINE_MAX + 2];
	struct evbuffer_ptr p;
	struct evbuffer *in;
	struct reply r;
	const char *err;
	char *quoted;
	size_t eol, len;
	enum sess_state next;

	while (!s->finished && s->state != S_TLS_HANDSHAKE &&
	    s->state != S_CONNECTING && s->state != S_PROXY) {
		in = bufferevent_get_input(s->bev);
		p = evbuffer_search_eol(in, NULL, &eol, EVBUFFER_EOL_CRLF);
		if (p.pos < 0) {
			if (evbuffer_get_length(in) > REPLY_LINE_MAX + 1)
				sess_protocol_error(s, "a reply line longer "
				    "than %d bytes", REPLY_LINE_MAX);
			return;
		}
		len = (size_t)p.pos;
		if (len > REPLY_LINE_MAX) {
			sess_protocol_error(s, "a reply line longer than %d bytes",
			    REPLY_LINE_MAX);
			return;
		}
		evbuffer_remove(in, line, len);
		evbuffer_drain(in, eol);
		memset(&r, 0, sizeof(r));
		switch (reply_parser_feed(&s->rp, line, len, eol == 1, &r, &err)) {
		case REPLY_MORE:
			break;
		case REPLY_ERROR:
			reply_parser_reset(&s->rp);
			quoted = sess_quote(line, len);
			sess_protocol_error(s, "%s: \"%s\"",
			    err ? err : "malformed reply", quoted);
			free(quoted);
			return;
		case REPLY_DONE:
			if (s->pending == 1 && evbuffer_get_length(in) > 0 &&
			    !(s->state == S_STARTTLS && r.code / 100 == 2)) {
				sess_out_of_step(s, &r, in);
				reply_free(&r);
				return;
			}
			next = sess_reply(s, &r);
			reply_free(&r);
			if (next != S__LAST && !s->finished)
				sess_enter(s, next);
			break;
		}
	}
}

static void
sess_connected(struct session *s)
{
	struct sockaddr_storage la;
	socklen_t lalen = sizeof(la);
	struct step *st = &s->att.steps[s->cur_step];
	evutil_socket_t fd = bufferevent_getfd(s->bev);
	int one = 1;

	st->ms = now_ms() - s->sent_ms;
	/* Small commands must not wait for the server's delayed ACK (Nagle). */
	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (fd >= 0 && getsockname(fd, (struct sockaddr *)&la, &lalen) == 0) {
		if (la.ss_family == AF_INET6)
			inet_ntop(AF_INET6,
			    &((struct sockaddr_in6 *)&la)->sin6_addr,
			    s->local_ip, sizeof(s->local_ip));
		else if (la.ss_family == AF_INET)
			inet_ntop(AF_INET,
			    &((struct sockaddr_in *)&la)->sin_addr, s->local_ip,
			    sizeof(s->local_ip));
	}
	memcpy(s->att.local_ip, s->local_ip, sizeof(s->att.local_ip));
	sess_enter(s, s->cfg.proxy != NULL ? S_PROXY : S_BANNER);
}

/*
 * The proxy failed: the step in progress (the proxy's, or the connect
 * through it) says how.  REP codes that describe the MX itself end as a
 * connect failure, like a direct connect (classify_proxy decides).
 */
static void
sess_proxy_failed(struct session *s, enum proxy_fail fail, int rep,
    const char *why)
{
	struct classification c;
	struct step *st = &s->att.steps[s->cur_step];

	free(st->error);
	st->error = xstrdup(why);
	st->ms = now_ms() - s->sent_ms;
	if (classify_proxy(fail, rep, &c) == STAGE_CONNECT) {
		sess_finish(s, SESSION_CONNECT_FAILED, STAGE_CONNECT, NULL,
		    "%s", why);
		return;
	}
	s->proxy_fail = fail;
	sess_finish(s, SESSION_PROXY_FAILED, STAGE_PROXY, NULL, "%s", why);
}

/* Bytes from the proxy: one SOCKS5 reply at a time (net/socks5.c). */
static void
sess_proxy_input(struct session *s)
{
	struct evbuffer *in = bufferevent_get_input(s->bev);
	char line[SMTP_CMD_MAX];

	for (;;) {
		switch (socks5_client_input(s->socks, in,
		    bufferevent_get_output(s->bev))) {
		case SOCKS5_EV_MORE:
			return;
		case SOCKS5_EV_STEP:
			if (s->socks->state != SOCKS5_S_CONNECT)
				break;
			/* CONNECT is out: the MX's part begins. */
			s->att.steps[s->cur_step].ms = now_ms() - s->sent_ms;
			socks5_connect_text(line, sizeof(line),
			    s->ss.ss_family, s->att.ip, s->att.port);
			attempt_add_step(&s->att, STAGE_CONNECT, line);
			s->cur_step = s->att.nsteps - 1;
			s->sent_ms = now_ms();
			sess_arm_timer(s, s->cfg.stage_timeout_ms);
			break;
		case SOCKS5_EV_READY:
			s->att.steps[s->cur_step].ms = now_ms() - s->sent_ms;
			free(s->att.proxy_bound);
			s->att.proxy_bound = xstrdup(s->socks->reply.bound);
			sess_enter(s, S_BANNER);
			/* The banner may have come with the reply. */
			if (evbuffer_get_length(in) > 0)
				sess_read_lines(s);
			return;
		case SOCKS5_EV_FAILED:
			sess_proxy_failed(s, s->socks->fail,
			    s->socks->reply.rep, s->socks->error);
			return;
		}
	}
}

/* The proxy closed, failed or went silent before the tunnel was open. */
static void
sess_proxy_gone(struct session *s, enum sess_event ev, int err)
{
	char why[512], e[128];
	bool connecting = s->socks->state == SOCKS5_S_CONNECT;

	if (ev == SEV_TIMEOUT || ev == SEV_DEADLINE) {
		if (connecting) {
			/*
			 * The proxy is still trying the MX: a connect timeout.
			 */
			struct step *st = &s->att.steps[s->cur_step];

			snprintf(why, sizeof(why), "connect timeout (through "
			    "the proxy %s)", s->cfg.proxy->shown);
			st->error = xstrdup(why);
			st->ms = now_ms() - s->sent_ms;
			sess_finish(s, SESSION_CONNECT_FAILED, STAGE_CONNECT,
			    NULL, "%s", why);
			return;
		}
		snprintf(why, sizeof(why), "the proxy %s did not answer in "
		    "time (%s)", s->cfg.proxy->shown,
		    socks5_state_name(s->socks->state));
	} else {
		if (err != 0 && ev == SEV_ERROR)
			sess_errno_text(err, e, sizeof(e));
		snprintf(why, sizeof(why), "the proxy %s closed the "
		    "connection before %s (%s)", s->cfg.proxy->shown,
		    connecting ? "answering CONNECT" : "the tunnel was open",
		    err != 0 && ev == SEV_ERROR ? e :
		    evbuffer_get_length(bufferevent_get_input(s->bev)) > 0 ?
		    "a short reply" : "no reply");
	}
	sess_proxy_failed(s, PROXY_FAIL_PROTOCOL, -1, why);
}

static void
sess_tls_ready(struct session *s)
{
	struct step *st = &s->att.steps[s->cur_step];
	SSL *ssl = bufferevent_openssl_get_ssl(s->bev);

	st->ms = now_ms() - s->sent_ms;
	evtimer_del(s->timer);
	tls_info_free(s->att.tls);
	s->att.tls = ssl != NULL ? tls_info_collect(ssl, s->mx_host) : NULL;
	if (s->att.tls != NULL && s->dane != NULL) {
		tls_dane_result(ssl, s->att.tls, s->dane);
		s->att.tls->dane = s->dane;
		s->dane = NULL;
	}
	s->tls_active = true;
	reply_parser_reset(&s->rp);
	memset(&s->caps, 0, sizeof(s->caps));
	if (evbuffer_get_length(bufferevent_get_input(s->bev)) > 0) {
		/*
		 * Nothing is due before our EHLO: this would pass for its
		 * reply.
		 */
		char head[SESSION_QUOTE_MAX + 1];
		ev_ssize_t n = evbuffer_copyout(bufferevent_get_input(s->bev),
		    head, sizeof(head));
		char *quoted = sess_quote(head, n > 0 ? (size_t)n : 0);

		st->error = xasprintf("out-of-step: data no command asked for "
		    "came right after the TLS handshake: \"%s\"", quoted);
		sess_finish_out_of_step(s, st, STAGE_STARTTLS);
		free(quoted);
		return;
	}
	sess_enter(s, S_EHLO2);
}

/* The TLS handshake failed (an error, a close, a timeout): why, in words. */
static void
sess_tls_failed(struct session *s, enum sess_event ev, int err, char *why,
    size_t whysz)
{
	struct step *st = &s->att.steps[s->cur_step];
	char *tlserr;

	if (ev == SEV_ERROR && s->bev != NULL &&
	    (tlserr = tls_bev_error(s->bev)) != NULL) {
		snprintf(why, whysz, "%s", tlserr);
		free(tlserr);
	} else if (ev == SEV_ERROR && err == 0) {
		snprintf(why, whysz,
		    "the server closed the connection in the TLS handshake");
	}
	st->error = xasprintf("TLS handshake failed: %s", why);
	st->ms = now_ms() - s->sent_ms;
	sess_finish(s, SESSION_TLS_FAILED, STAGE_STARTTLS, NULL,
	    "TLS handshake failed: %s", why);
}

/* The connection failed or closed, or a timer fired: how the session ends. */
static void
sess_failure(struct session *s, enum sess_event ev, int err)
{
	enum stage stage = sess_state_end_stage[s->state];
	struct step *st = s->att.nsteps ? &s->att.steps[s->cur_step] : NULL;
	char why[256];

	if (s->state == S_QUIT) {
		sess_finish_final(s);
		return;
	}
	if (ev == SEV_DEADLINE) {
		/* the user's own limit, named as typed: not the server's fault */
		char d[32];

		snprintf(why, sizeof(why), "--deadline %s passed while %s",
		    duration_text(d, sizeof(d), s->cfg.deadline_ms),
		    sess_state_phrase[s->state]);
	} else if (ev == SEV_TIMEOUT)
		snprintf(why, sizeof(why), "timeout %s",
		    sess_state_phrase[s->state]);
	else if (ev == SEV_EOF)
		snprintf(why, sizeof(why), "the server closed the connection (%s)",
		    sess_state_phrase[s->state]);
	else if (err != 0)
		sess_errno_text(err, why, sizeof(why));
	else
		snprintf(why, sizeof(why), "connection error (%s)",
		    sess_state_phrase[s->state]);

	switch (s->state) {
	case S_PROXY:
		sess_proxy_gone(s, ev, err);
		return;
	case S_CONNECTING:
	case S_TLS_HANDSHAKE:
		/*
		 * the user's limit: no connect failure, no proxy blamed, no
		 * TLS failure retried in plain text
		 */
		if (ev == SEV_DEADLINE) {
			st->error = xstrdup(why);
			st->ms = now_ms() - s->sent_ms;
			break;
		}
		if (s->state == S_TLS_HANDSHAKE) {
			sess_tls_failed(s, ev, err, why, sizeof(why));
			return;
		}
		if (ev == SEV_TIMEOUT)
			snprintf(why, sizeof(why), "connect timeout");
		if (s->cfg.proxy != NULL) {
			char pwhy[600];

			snprintf(pwhy, sizeof(pwhy), "cannot reach the proxy "
			    "%s: %s", s->cfg.proxy->shown, why);
			sess_proxy_failed(s, PROXY_FAIL_UNREACHABLE, -1, pwhy);
			return;
		}
		if (ev == SEV_ERROR)
			s->connect_err = err;
		st->error = xstrdup(why);
		st->ms = now_ms() - s->sent_ms;
		sess_finish(s, SESSION_CONNECT_FAILED, STAGE_CONNECT, NULL,
		    "%s", why);
		return;
	case S_RCPT:
		break;		/* RCPT steps live in the rcpt callback only */
	case S_BANNER:
		st = attempt_add_step(&s->att, STAGE_BANNER, NULL);
		/* FALLTHROUGH */
	default:
		st->error = xstrdup(ev == SEV_TIMEOUT ? N_("timeout") : why);
		st->ms = now_ms() - s->sent_ms;
		break;
	}
	if (ev == SEV_TIMEOUT || ev == SEV_DEADLINE) {
		s->deadline_passed = ev == SEV_DEADLINE;
		sess_note_unanswered(s, ev == SEV_TIMEOUT ? N_("timeout") : why,
		    false);
		sess_finish(s, SESSION_TIMEOUT, stage, NULL, "%s", why);
	} else if (ev == SEV_EOF && s->rp.nlines > 0) {
		/* A reply cut off after some of its lines: the server broke the
		 * protocol, and what it did say belongs in the transcript. */
		if (s->state != S_RCPT) {
			if (st->text == NULL && s->rp.text != NULL) {
				st->text = xstrndup(s->rp.text, s->rp.textlen);
				st->textlen = s->rp.textlen;
			}
			free(st->error);
			st->error = xasprintf("the server closed the connection "
			    "in the middle of a reply (%s)",
			    sess_state_phrase[s->state]);
		} else
			sess_note_unanswered(s, "the server closed the "
			    "connection in the middle of a reply", true);
		sess_finish(s, SESSION_PROTOCOL_ERROR, stage, NULL,
		    "the server closed the connection in the middle of a reply");
	} else {
		sess_note_unanswered(s, why, false);
		sess_finish(s, SESSION_CLOSED, stage, NULL, "%s", why);
	}
}

/* Every transport event goes through here; protocol decisions start here. */
static void
sess_dispatch(struct session *s, enum sess_event ev)
{
	int err = EVUTIL_SOCKET_ERROR();

	if (s->finished)
		return;
	s->depth++;
	switch (ev) {
	case SEV_CONNECTED:
		if (s->state == S_CONNECTING)
			sess_connected(s);
		break;
	case SEV_TLS_READY:
		sess_tls_ready(s);
		break;
	case SEV_DATA:
		if (s->state == S_PROXY)
			sess_proxy_input(s);
		else
			sess_read_lines(s);
		break;
	case SEV_TIMEOUT:
	case SEV_DEADLINE:
		sess_failure(s, ev, 0);
		break;
	case SEV_EOF:
	case SEV_ERROR:
		/* A last reply may sit in the buffer (a TLS read that hit the
		 * close reports EOF before data): it decides first. */
		if (s->bev != NULL && s->state == S_PROXY)
			sess_proxy_input(s);
		if (s->bev != NULL && s->state != S_TLS_HANDSHAKE)
			sess_read_lines(s);
		if (!s->finished)
			sess_failure(s, ev, ev == SEV_ERROR ? err : 0);
		break;
	case SEV_DEFERRED:
		if (s->deferred_reuse) {
			s->deferred_reuse = false;
			if (s->state == S_READY)
				sess_enter(s, S_RSET);
		} else
			sess_finish(s, s->deferred_end, STAGE_CONNECT, NULL,
			    NULL);
		break;
	}
	sess_release(s);
}

/*
 * Acknowledge every segment at once.  A server under Nagle holds a reply
 * until its previous segment is acknowledged; Linux delays our ACK by
 * 40 ms when we have nothing to send.  It bit after STARTTLS: the server's
 * TLS 1.3 session tickets arrive after our Finished and EHLO went out,
 * OpenSSL reads them without any data for us, and the EHLO reply waited
 * 40 ms for the delayed ACK of the tickets.  This runs on every read of
 * the socket itself, under the TLS filter too; Linux clears the flag after
 * use, so it is set again each time.
 */
static void
sess_sock_input(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
#ifdef TCP_QUICKACK
	struct session *s = arg;
	evutil_socket_t fd;
	int one = 1;

	(void)buf;
	if (info->n_added == 0 || s->sock == NULL)
		return;
	if ((fd = bufferevent_getfd(s->sock)) >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
#else
	(void)buf;
	(void)info;
	(void)arg;
#endif
}

static void
sess_bev_read(struct bufferevent *bev, void *arg)
{
	(void)bev;
	sess_dispatch(arg, SEV_DATA);
}

static void
sess_bev_event(struct bufferevent *bev, short what, void *arg)
{
	struct session *s = arg;

	(void)bev;
	if (what & BEV_EVENT_CONNECTED) {
		sess_dispatch(s, s->state == S_TLS_HANDSHAKE ?
		    SEV_TLS_READY : SEV_CONNECTED);
	} else if (what & BEV_EVENT_EOF)
		sess_dispatch(s, SEV_EOF);
	else if (what & (BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT))
		sess_dispatch(s, SEV_ERROR);
}

static void
sess_bev_setcb(struct session *s)
{
	bufferevent_setcb(s->bev, sess_bev_read, NULL, sess_bev_event, s);
	bufferevent_enable(s->bev, EV_READ | EV_WRITE);
}

static void
sess_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	sess_dispatch(arg, SEV_TIMEOUT);
}

static void
sess_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	sess_dispatch(arg, SEV_DEADLINE);
}

/*
 * The socket for the connection, bound to --source when given; -1 lets
 * libevent make one.  A bind failure is kept in s->bind_error and the
 * session ends as a connect failure from the loop.
 */
static evutil_socket_t
sess_socket(struct session *s, int family)
{
	return tcpconn_socket(family, s->cfg.source, s->bind_error,
	    sizeof(s->bind_error));
}

static void
sess_defer_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	sess_dispatch(arg, SEV_DEFERRED);
}

struct session *
session_start(struct event_base *base, const struct session_config *cfg,
    const char *mx_host, const struct mx_addr *addr,
    const char *const *rcpts, size_t n, const struct session_cb *cb, void *arg)
{
	struct session *s;
	struct step *st;
	const struct sockaddr *to;
	socklen_t tolen;
	size_t i;
	char why[256];

	if (cfg->rcpt_batch < 1 || cb == NULL || cb->done == NULL ||
	    cb->rcpt == NULL || addr == NULL)
		fatalx("%s: bad arguments", __func__);
	s = xcalloc(1, sizeof(*s));
	s->base = base;
	s->cfg = *cfg;
	s->mx_host = xstrdup(mx_host ? mx_host : "");
	s->rcpts = rcpts;
	s->nrcpts = n;
	s->cb = *cb;
	s->arg = arg;
	s->batch = cfg->rcpt_batch;
	s->budget = cfg->error_budget;
	s->nonmail_max = cfg->nonmail_max ? cfg->nonmail_max : SESSION_NONMAIL_MAX;
	s->id = ++sess_next_id;
	if (s->cfg.clock == NULL)
		s->cfg.clock = now_ms;
	s->started_ms = s->cfg.clock();
	s->uses = 1;
	s->final_end = SESSION_OK;
	s->final_stage = STAGE_RCPT;
	s->final_step = -1;
	for (i = 0; i < n; i++)
		if (sess_needs_utf8(rcpts[i]))
			s->need_smtputf8 = true;
	reply_parser_init(&s->rp);
	attempt_init(&s->att, s->mx_host, addr->text, cfg->port);
	s->att.session = s->id;

	mx_addr_to(addr, cfg->port, &s->ss);
	s->sslen = addr->sslen;
	to = (const struct sockaddr *)&s->ss;
	tolen = s->sslen;

	s->timer = evtimer_new(base, sess_timer_cb, s);
	s->defer = event_new(base, -1, 0, sess_defer_cb, s);
	if (cfg->deadline_ms > 0) {
		struct timeval tv = { cfg->deadline_ms / 1000,
		    (cfg->deadline_ms % 1000) * 1000 };

		s->deadline = evtimer_new(base, sess_deadline_cb, s);
		evtimer_add(s->deadline, &tv);
	}
	if (cfg->proxy != NULL) {
		/* ~1 KiB a session needs only through a proxy */
		s->socks = xcalloc(1, sizeof(*s->socks));
		s->socks->reply.rep = -1;
		s->att.proxy = xstrdup(cfg->proxy->shown);
		to = (const struct sockaddr *)&cfg->proxy->ss;
		tolen = cfg->proxy->sslen;
	}
	s->bev = s->sock = bufferevent_socket_new(base,
	    sess_socket(s, to->sa_family), BEV_OPT_CLOSE_ON_FREE);
	if (s->timer == NULL || s->defer == NULL || s->bev == NULL ||
	    (cfg->deadline_ms > 0 && s->deadline == NULL) ||
	    evbuffer_add_cb(bufferevent_get_input(s->sock), sess_sock_input,
	    s) == NULL)
		fatalx("%s: out of memory for events", __func__);
	sess_bev_setcb(s);

	s->state = S_CONNECTING;
	if (cfg->proxy != NULL) {
		char *cmd = xasprintf("SOCKS5 %s", cfg->proxy->shown);

		st = attempt_add_step(&s->att, STAGE_PROXY, cmd);
		free(cmd);
	} else
		st = attempt_add_step(&s->att, STAGE_CONNECT, NULL);
	s->cur_step = s->att.nsteps - 1;
	s->sent_ms = now_ms();
	sess_arm_timer(s, cfg->stage_timeout_ms);
	if (s->bind_error[0] != '\0') {
		/* Never call back before returning: report it from the loop. */
		st->error = xstrdup(s->bind_error);
		s->att.error = xstrdup(s->bind_error);
		s->deferred_end = SESSION_CONNECT_FAILED;
		event_active(s->defer, EV_TIMEOUT, 0);
	} else if (bufferevent_socket_connect(s->bev, to, (int)tolen) == -1) {
		/* Never call back before returning: report it from the loop. */
		s->connect_err = EVUTIL_SOCKET_ERROR();
		sess_errno_text(s->connect_err, why, sizeof(why));
		st->error = xstrdup(why);
		s->att.error = xstrdup(why);
		s->deferred_end = SESSION_CONNECT_FAILED;
		event_active(s->defer, EV_TIMEOUT, 0);
	}
	return s;
}

void
session_abort(struct session *s, bool polite)
{
	if (s->finished)
		return;
	s->depth++;
	switch (s->state) {
	case S_EHLO:
	case S_HELO:
	case S_EHLO2:
	case S_MAIL:
	case S_RCPT:
	case S_RSET:
	case S_READY:
		if (polite) {
			size_t due = s->pending;

			s->final_end = SESSION_ABORTED;
			s->final_stage = sess_state_end_stage[s->state];
			s->final_step = -1;
			if (s->att.error == NULL)
				s->att.error = xstrdup("aborted");
			sess_enter(s, S_QUIT);
			s->pending += due;	/* earlier replies come first */
			break;
		}
		/* FALLTHROUGH */
	default:
		sess_finish(s, SESSION_ABORTED, sess_state_end_stage[s->state],
		    NULL, "aborted");
		break;
	}
	sess_release(s);
}

bool
session_can_reuse(const struct session *s)
{
	return s->state == S_READY && !s->finished && !s->desync &&
	    !s->slowed && s->nonmail + 1 <= s->nonmail_max &&
	    s->uses < SESSION_REUSES_MAX &&
	    s->cfg.clock() - s->started_ms < SESSION_REUSE_AGE_MS &&
	    (s->budget == 0 || s->rejections < s->budget);
}

void
session_limit(struct session *s, size_t rcpt_batch, size_t error_budget,
    unsigned nonmail_max)
{
	if (rcpt_batch > 0 && rcpt_batch < s->batch)
		s->batch = rcpt_batch;
	if (error_budget > 0 && !s->slowed)
		s->budget = error_budget;
	if (nonmail_max > 0)
		s->nonmail_max = nonmail_max;
}

size_t
session_budget_left(const struct session *s)
{
	if (s->budget == 0)
		return SIZE_MAX;
	return s->budget > s->rejections ? s->budget - s->rejections : 0;
}

void
session_reuse(struct session *s, const char *const *rcpts, size_t n,
    const struct session_cb *cb, void *arg)
{
	size_t i;

	if (s->state != S_READY || s->finished || cb == NULL ||
	    cb->done == NULL || cb->rcpt == NULL)
		fatalx("%s: session not ready", __func__);
	for (i = s->greet_steps; i < s->att.nsteps; i++)
		step_free(&s->att.steps[i]);
	s->att.nsteps = s->greet_steps;
	free(s->att.error);
	s->att.error = NULL;
	s->att.reused = true;
	step_free(&s->last);
	s->rcpts = rcpts;
	s->nrcpts = n;
	s->cb = *cb;
	s->arg = arg;
	s->next = s->txn_start = s->reply_next = s->answered = 0;
	s->overflow = s->budget_spent = s->deadline_passed = false;
	s->final_end = SESSION_OK;
	s->final_stage = STAGE_RCPT;
	s->final_step = -1;
	s->need_smtputf8 = false;
	for (i = 0; i < n; i++)
		if (sess_needs_utf8(rcpts[i]))
			s->need_smtputf8 = true;
	s->uses++;
	/* The deadline bounds the work of one use, not the session's age
	 * (that is SESSION_REUSE_AGE_MS): it starts again. */
	if (s->deadline != NULL) {
		struct timeval tv = { s->cfg.deadline_ms / 1000,
		    (s->cfg.deadline_ms % 1000) * 1000 };

		evtimer_add(s->deadline, &tv);
	}
	/* RSET from the loop: never call back before returning. */
	s->deferred_reuse = true;
	event_active(s->defer, EV_TIMEOUT, 0);
}

void
session_park(struct session *s, const struct session_cb *cb, void *arg)
{
	s->cb = *cb;
	s->arg = arg;
}

unsigned long
session_id(const struct session *s)
{
	return s->id;
}

size_t
session_nsteps(const struct session *s)
{
	return s->att.nsteps;
}

const char *
session_local_ip(const struct session *s)
{
	return s->local_ip[0] != '\0' ? s->local_ip : NULL;
}

const struct attempt *
session_attempt(const struct session *s)
{
	return &s->att;
}

enum stage
session_waiting(const struct session *s, long long *since_ms)
{
	if (s->finished || s->state == S_DONE)
		return STAGE__LAST;
	*since_ms = s->sent_ms;
	/* the proxy's CONNECT out: the connect to the MX is waited for */
	if (s->state == S_PROXY && s->socks->state == SOCKS5_S_CONNECT)
		return STAGE_CONNECT;
	return sess_state_step_stage[s->state];
}
