/*
 * live.c - the live trace of `mxtrace probe` on a terminal.  The engine
 * reports through a probe_watch (engine/job.h): the plan is known, a
 * session started, an RCPT reply came, the session ended.  Each finished
 * step is printed at once with trace.c's own pieces, so the lines are the
 * ones a piped run prints; while the session waits, a status line redrawn
 * every LIVE_TICK_MS shows the step and the time waited so far (and while
 * the job waits for the check of its next address, that connect's time).
 * Nothing here decides anything.
 *
 * Public: live_new, live_watch, live_finish.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/wrap.h"
#include "cmd/live.h"
#include "record/trace.h"
#include "smtp/session.h"

#define LIVE_TICK_MS	100
/* a direct connect unanswered this long, before any server answered */
#define LIVE_PORT25_HINT_MS	5000

struct live {
	FILE				*out;		/* borrowed */
	const struct probe_result	*r;		/* borrowed */
	enum lang			 lang;
	bool				 status;	/* redraw a waiting line */
	bool				 dumb;		/* TERM=dumb: no escape sequences */
	bool				 shown;		/* a waiting line is on screen */
	bool				 planned;
	long long			 t0;
	const struct session		*sess;		/* borrowed, until ended */
	size_t				 printed;	/* steps of sess printed */
	bool				 head;		/* its "Attempt N" line is out */
	bool				 answered;	/* a server of this probe replied */
	bool				 proxied;	/* the last attempt went through --proxy */
	long long			 ahead_since;	/* a check waited for began; -1: none */
	size_t				 nsessions;
	struct event			*tick;		/* owned */
	struct probe_watch		 watch;
};

/*
 * Back to the start of the waiting line, blanked.  A terminal that says
 * it knows no escape sequences (TERM=dumb: Emacs' shell, a console taken
 * for one) showed "\033[K" as bytes at each redraw; it gets spaces over
 * the line instead, which trace_waiting keeps a column short of it.
 */
static void
live_blank(struct live *l)
{
	if (l->dumb)
		fprintf(l->out, "\r%*s\r", (int)wrap_layout_cols(l->out) - 1,
		    "");
	else
		fputs("\r\033[K", l->out);
}

static void
live_clear(struct live *l)
{
	if (l->shown) {
		live_blank(l);
		l->shown = false;
	}
}

/*
 * Print the steps of a that are finished: all but the one the session
 * still waits for (waiting: its stage, STAGE__LAST when none).
 */
static void
live_steps(struct live *l, const struct attempt *a, enum stage waiting)
{
	size_t done = a->nsteps;

	if (done > 0 && waiting != STAGE__LAST &&
	    a->steps[done - 1].stage == waiting &&
	    a->steps[done - 1].code == 0 && a->steps[done - 1].error == NULL)
		done--;
	if (l->printed >= done)
		return;
	live_clear(l);
	/* after the connect, when the head can name the local address too */
	if (!l->head) {
		trace_attempt_head(l->out, a, l->nsessions, l->lang);
		l->head = true;
	}
	for (; l->printed < done; l->printed++) {
		l->answered |= a->steps[l->printed].code != 0;
		trace_step(l->out, a, &a->steps[l->printed], l->lang);
	}
}

/*
 * The words after the time waited: a direct connect still unanswered
 * after LIVE_PORT25_HINT_MS, with no server of this probe heard from,
 * is what a network that drops port 25 looks like (an office's, most
 * often), and the probe will wait out --timeout: said while it waits,
 * so the user learns it before the verdict.  A connect checked ahead
 * says so: its attempt is not on screen yet.
 */
static const char *
live_waiting_words(const struct live *l, enum stage waiting, bool direct,
    bool ahead, long long waited)
{
	if (waiting == STAGE_CONNECT && direct && !l->answered &&
	    waited >= LIVE_PORT25_HINT_MS)
		return "waiting_port25";
	return ahead ? "waiting_ahead" : "waiting";
}

static void
live_tick_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct live *l = arg;
	const struct attempt *a = NULL;
	enum stage waiting = STAGE__LAST;
	long long since = l->t0;
	bool tls = false, direct = false, ahead = false;

	(void)fd;
	(void)ev;
	if (l->sess != NULL) {
		a = session_attempt(l->sess);
		waiting = session_waiting(l->sess, &since);
		live_steps(l, a, waiting);
		tls = a->nsteps > 0 && waiting == STAGE_STARTTLS &&
		    a->steps[a->nsteps - 1].command == NULL;
		direct = a->proxy == NULL;
	} else if (l->ahead_since >= 0) {
		waiting = STAGE_CONNECT;
		since = l->ahead_since;
		direct = !l->proxied;
		ahead = true;
	} else if (!l->planned)
		waiting = STAGE_DNS;
	if (l->status && waiting != STAGE__LAST) {
		live_blank(l);
		trace_waiting(l->out, waiting, tls, now_ms() - since,
		    live_waiting_words(l, waiting, direct, ahead,
		    now_ms() - since), l->lang);
		l->shown = true;
	}
	fflush(l->out);
}

static void
live_planned(void *arg)
{
	struct live *l = arg;

	live_clear(l);
	trace_plan(l->out, l->r, l->lang);
	l->planned = true;
	fflush(l->out);
}

static void
live_session(void *arg, const struct session *s)
{
	struct live *l = arg;

	live_clear(l);
	if (!l->planned)
		live_planned(l);
	l->sess = s;
	l->ahead_since = -1;
	l->printed = 0;
	l->head = false;
	l->nsessions++;
}

/* The RCPT reply: the common steps before it first, then the reply. */
static void
live_rcpt(void *arg, const struct step *st)
{
	struct live *l = arg;
	const struct attempt *a;

	if (l->sess == NULL)
		return;
	a = session_attempt(l->sess);
	live_steps(l, a, STAGE__LAST);
	live_clear(l);
	l->answered |= st->code != 0;
	trace_step(l->out, a, st, l->lang);
	fflush(l->out);
}

static void
live_ended(void *arg, const struct attempt *a)
{
	struct live *l = arg;

	if (l->sess == NULL) {
		/* no session: an address skipped for its check ahead
		 * (engine/lookahead.c) is an attempt of its own */
		l->nsessions++;
		l->printed = 0;
		l->head = false;
	}
	live_steps(l, a, STAGE__LAST);
	live_clear(l);
	if (!l->head)
		trace_attempt_head(l->out, a, l->nsessions, l->lang);
	trace_attempt_end(l->out, a, l->lang);
	l->sess = NULL;
	l->proxied = a->proxy != NULL;
	l->ahead_since = -1;
	fflush(l->out);
}

static void
live_ahead(void *arg, long long since_ms)
{
	struct live *l = arg;

	l->ahead_since = since_ms;
}

struct live *
live_new(struct event_base *base, FILE *out, const struct probe_result *r,
    enum lang lang, bool status)
{
	static const struct timeval tv = { 0, LIVE_TICK_MS * 1000 };
	struct live *l = xcalloc(1, sizeof(*l));

	l->out = out;
	l->r = r;
	l->lang = lang;
	l->status = status;
	l->dumb = getenv("TERM") != NULL &&
	    strcmp(getenv("TERM"), "dumb") == 0;
	l->t0 = now_ms();
	l->ahead_since = -1;
	l->watch.planned = live_planned;
	l->watch.session = live_session;
	l->watch.rcpt = live_rcpt;
	l->watch.ended = live_ended;
	l->watch.ahead = live_ahead;
	l->watch.arg = l;
	l->tick = event_new(base, -1, EV_PERSIST, live_tick_cb, l);
	if (l->tick == NULL)
		fatalx("%s: event_new", __func__);
	evtimer_add(l->tick, &tv);
	trace_head(out, r, l->lang);
	fflush(out);
	return l;
}

const struct probe_watch *
live_watch(struct live *l)
{
	return &l->watch;
}

void
live_finish(struct live *l)
{
	live_clear(l);
	if (!l->planned && l->nsessions == 0)
		trace_plan(l->out, l->r, l->lang);
	event_free(l->tick);
	free(l);
}
