/*
 * verify_gate.c - admission of SMTP sessions for `mxtrace verify`.
 *
 * Each MX IP has a state: sessions open, its cap (per_host, halved by a
 * "too many connections" answer, never below 1), the earliest time the
 * next session may start (--rate spacing, back-off pause), and a FIFO of
 * jobs waiting for it.  A job the gate refuses waits in its IP's FIFO;
 * whenever a session ends or a pause is over, the gate walks the IPs with
 * waiters and resumes each job that may go now.  A waiting job holds no
 * socket, so a slow or dead host only holds its own slots.
 *
 * Public: vgate_new, vgate_free, vgate_probe_gate, vgate_open,
 * vgate_waiting, vgate_sessions, vgate_backoffs, vgate_pump.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/timer.h"
#include "base/util.h"
#include "engine/gate.h"
#include "meaning/hostsig.h"
#include "base/vtab.h"

struct vwaiter {
	struct probe_job	*job;
	struct vwaiter		*next;
};

struct vhost {
	char			*ip;		/* owned */
	unsigned		 open, cap;
	long long		 next_ms;	/* no new session before (lim.clock) */
	struct vwaiter		*head, *tail;	/* owned FIFO */
	bool			 listed;	/* in gate->busy */
	struct vhost		*busy_next;
};

struct vgate {
	struct event_base	*base;
	struct vgate_limits	 lim;
	struct probe_gate	 pg;
	struct vtab		 hosts;		/* ip -> struct vhost (owned) */
	struct vhost		*busy;		/* hosts with waiters */
	unsigned		 open;
	unsigned long		 waiting, sessions, backoffs;
	struct event		*wake;		/* timer: the next pause ends */
	long long		 wake_at;
	bool			 pumping;
};

static struct vhost *
host_get(struct vgate *g, const char *ip)
{
	struct vkey k = vtab_key(ip, strlen(ip));
	struct vhost *h = vtab_get(&g->hosts, k);

	if (h == NULL) {
		h = xcalloc(1, sizeof(*h));
		h->ip = xstrdup(ip);
		h->cap = g->lim.per_host;
		vtab_put(&g->hosts, k, h);
	}
	return h;
}

static bool
may_start(const struct vgate *g, const struct vhost *h, long long now)
{
	return g->open < g->lim.jobs && h->open < h->cap && now >= h->next_ms;
}

static void
admit(struct vgate *g, struct vhost *h, long long now)
{
	g->open++;
	h->open++;
	g->sessions++;
	if (g->lim.rate > 0 && h->next_ms < now + 60000 / g->lim.rate)
		h->next_ms = now + 60000 / g->lim.rate;
}

static void
arm_wake(struct vgate *g, long long when)
{
	long long d;

	/* an earlier wake-up pumps again and re-arms for the rest */
	if (evtimer_pending(g->wake, NULL) && g->wake_at <= when)
		return;
	d = when - g->lim.clock();
	g->wake_at = when;
	timer_arm_ms(g->wake, d < 1 ? 1 : d);
}

/* Resume every waiting job that may start now; re-arm for pauses. */
void
vgate_pump(struct vgate *g)
{
	struct vhost *h, **pp;
	struct vwaiter *w;
	long long now = g->lim.clock(), next = 0;

	if (g->pumping)
		return;
	g->pumping = true;
	for (pp = &g->busy; (h = *pp) != NULL && g->open < g->lim.jobs;) {
		while (h->head != NULL && may_start(g, h, now)) {
			w = h->head;
			h->head = w->next;
			if (h->head == NULL)
				h->tail = NULL;
			g->waiting--;
			probe_job_resume(w->job);	/* calls acquire again */
			free(w);
		}
		if (h->head == NULL) {
			h->listed = false;
			*pp = h->busy_next;
			continue;
		}
		if (h->open < h->cap && h->next_ms > now &&
		    (next == 0 || h->next_ms < next))
			next = h->next_ms;
		pp = &h->busy_next;
	}
	g->pumping = false;
	if (next != 0)
		arm_wake(g, next);
}

static void
wake_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	vgate_pump(arg);
}

static bool
gate_acquire(void *arg, struct probe_job *job, const char *ip)
{
	struct vgate *g = arg;
	struct vhost *h = host_get(g, ip);
	struct vwaiter *w;
	long long now = g->lim.clock();

	/* first come, first served: no overtaking jobs already waiting */
	if (may_start(g, h, now) && (h->head == NULL || g->pumping)) {
		admit(g, h, now);
		return true;
	}
	w = xcalloc(1, sizeof(*w));
	w->job = job;
	if (h->tail != NULL)
		h->tail->next = w;
	else
		h->head = w;
	h->tail = w;
	g->waiting++;
	if (!h->listed) {
		h->listed = true;
		h->busy_next = g->busy;
		g->busy = h;
	}
	if (h->open < h->cap && g->open < g->lim.jobs && h->next_ms > now)
		arm_wake(g, h->next_ms);
	return false;
}

static void
gate_release(void *arg, const char *ip, enum session_end end,
    const struct step *reply)
{
	struct vgate *g = arg;
	struct vhost *h = host_get(g, ip);

	(void)end;
	if (h->open == 0 || g->open == 0)
		fatalx("%s: release without acquire for %s", __func__, ip);
	h->open--;
	g->open--;
	if (reply != NULL && hostsig_slow_down(reply->code, reply->text,
	    reply->textlen)) {
		g->backoffs++;
		if (h->cap > 1)
			h->cap /= 2;
		h->next_ms = g->lim.clock() + VGATE_BACKOFF_MS;
	}
	vgate_pump(g);
}

static void
gate_cancel(void *arg, struct probe_job *job)
{
	struct vgate *g = arg;
	struct vhost *h;
	struct vwaiter *w, **pp;

	for (h = g->busy; h != NULL; h = h->busy_next)
		for (pp = &h->head; (w = *pp) != NULL; pp = &w->next)
			if (w->job == job) {
				*pp = w->next;
				if (h->tail == w) {
					struct vwaiter *t = h->head;

					while (t != NULL && t->next != NULL)
						t = t->next;
					h->tail = t;
				}
				free(w);
				g->waiting--;
				return;
			}
}

/*
 * A check ahead is a connection to the server all the same: let through
 * only when a session to ip could start now without overtaking a job
 * that waits for it, and counted against --rate as a session is.  It
 * holds no slot (it is closed as soon as it is answered), and one not
 * let through costs nothing: the job reaches that address in its turn.
 */
static bool
gate_check(void *arg, const char *ip)
{
	struct vgate *g = arg;
	struct vhost *h = host_get(g, ip);
	long long now = g->lim.clock();

	if (!may_start(g, h, now) || h->head != NULL)
		return false;
	if (g->lim.rate > 0)
		h->next_ms = now + 60000 / g->lim.rate;
	return true;
}

/* An idle kept session to ip: the first job waiting for ip may take it. */
static void
gate_wake(void *arg, const char *ip)
{
	struct vgate *g = arg;
	struct vhost *h = host_get(g, ip);
	struct vwaiter *w = h->head;

	if (w == NULL || g->pumping)
		return;
	h->head = w->next;
	if (h->head == NULL)
		h->tail = NULL;
	g->waiting--;
	probe_job_resume(w->job);	/* takes it, or waits again */
	free(w);
}

struct vgate *
vgate_new(struct event_base *base, const struct vgate_limits *lim)
{
	struct vgate *g = xcalloc(1, sizeof(*g));

	g->base = base;
	g->lim = *lim;
	if (g->lim.jobs == 0)
		g->lim.jobs = 1;
	if (g->lim.per_host == 0)
		g->lim.per_host = 1;
	if (g->lim.clock == NULL)
		g->lim.clock = now_ms;
	g->pg.acquire = gate_acquire;
	g->pg.release = gate_release;
	g->pg.cancel = gate_cancel;
	g->pg.wake = gate_wake;
	g->pg.check = gate_check;
	g->pg.arg = g;
	g->wake = timer_new(base, wake_cb, g);
	return g;
}

static void
host_free(void *val, void *arg)
{
	struct vhost *h = val;
	struct vwaiter *w, *n;

	(void)arg;
	for (w = h->head; w != NULL; w = n) {
		n = w->next;
		free(w);
	}
	free(h->ip);
	free(h);
}

void
vgate_free(struct vgate *g)
{
	if (g == NULL)
		return;
	vtab_each(&g->hosts, host_free, NULL);
	vtab_free(&g->hosts);
	event_free(g->wake);
	free(g);
}

const struct probe_gate *
vgate_probe_gate(struct vgate *g)
{
	return &g->pg;
}

unsigned
vgate_open(const struct vgate *g)
{
	return g->open;
}

unsigned long
vgate_waiting(const struct vgate *g)
{
	return g->waiting;
}

unsigned long
vgate_sessions(const struct vgate *g)
{
	return g->sessions;
}

unsigned long
vgate_backoffs(const struct vgate *g)
{
	return g->backoffs;
}
