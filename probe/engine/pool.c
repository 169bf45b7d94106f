/*
 * pool.c - READY sessions kept for the next work to the same MX address.
 *
 * Public: pool_new, pool_free, pool_key, pool_put, pool_close, pool_take,
 * pool_evict_ip, pool_drain, pool_size, pool_reuses (pool.h).
 *
 * An entry is IDLE (in the list, its idle timer armed, the session parked
 * on this file's callbacks) or CLOSING (QUIT sent, waiting for done).
 * Whatever ends a pooled session - the idle timer, the server closing it,
 * a line it sends while idle, pool_drain - comes back through
 * pool_session_done(), the one place that gives the gate its slot back and
 * frees the entry.  A list is enough: it holds at most one entry per open
 * session, bounded by verify's --jobs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timer.h"
#include "base/util.h"
#include "engine/pool.h"

struct pool_entry {
	struct session_pool	*pool;
	struct session		*sess;
	char			*key;		/* owned; NULL once closing */
	char			*ip;		/* owned */
	struct event		*idle;		/* owned */
	struct event		*announce;	/* owned: tell the gate, from the loop */
	struct pool_entry	*next;
};

struct session_pool {
	struct event_base	*base;
	const struct probe_gate	*gate;
	long long		 idle_ms;
	struct pool_entry	*head;		/* idle and closing entries */
	size_t			 n;
	unsigned long		 reuses;
	void			(*drained)(void *);
	void			*drained_arg;
};

static void	pool_session_done(void *, const struct session_outcome *);
static void	pool_session_rcpt(void *, size_t, const struct step *);

static const struct session_cb pool_cb = {
	.rcpt = pool_session_rcpt,
	.done = pool_session_done,
};

struct session_pool *
pool_new(struct event_base *base, const struct probe_gate *gate,
    long long idle_ms)
{
	struct session_pool *p = xcalloc(1, sizeof(*p));

	p->base = base;
	p->gate = gate;
	p->idle_ms = idle_ms;
	return p;
}

char *
pool_key(const char *ip, int port, const char *mx_host, bool tls,
    const char *helo, const char *mail_from)
{
	return xasprintf("%s\t%d\t%s\t%d\t%s\t%s", ip, port, mx_host ? mx_host : "",
	    tls ? 1 : 0, helo ? helo : "", mail_from ? mail_from : "");
}

static void
pool_unlink(struct session_pool *p, struct pool_entry *e)
{
	struct pool_entry **pp;

	for (pp = &p->head; *pp != NULL; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			p->n--;
			return;
		}
}

static void
pool_entry_free(struct pool_entry *e)
{
	if (e->idle != NULL)
		event_free(e->idle);
	if (e->announce != NULL)
		event_free(e->announce);
	free(e->key);
	free(e->ip);
	free(e);
}

/* A pooled session never has recipients: nothing to do. */
static void
pool_session_rcpt(void *arg, size_t idx, const struct step *st)
{
	(void)arg;
	(void)idx;
	(void)st;
}

/* A pooled session ended (or came back READY after QUIT was refused). */
static void
pool_session_done(void *arg, const struct session_outcome *o)
{
	struct pool_entry *e = arg;
	struct session_pool *p = e->pool;

	if (o->ready != NULL) {		/* cannot happen while parked */
		session_abort(o->ready, false);
		return;
	}
	pool_unlink(p, e);
	if (p->gate != NULL)
		p->gate->release(p->gate->arg, e->ip, o->end, o->reply);
	pool_entry_free(e);
	if (p->drained != NULL && p->n == 0) {
		void (*cb)(void *) = p->drained;

		p->drained = NULL;
		cb(p->drained_arg);
	}
}

/* QUIT an entry's session; pool_session_done() follows, maybe at once. */
static void
pool_entry_close(struct pool_entry *e)
{
	if (e->key == NULL)
		return;		/* already closing */
	free(e->key);
	e->key = NULL;
	evtimer_del(e->idle);
	session_abort(e->sess, true);
}

/* A job waiting at the gate for this address may take the session. */
static void
pool_announce_cb(evutil_socket_t fd, short what, void *arg)
{
	struct pool_entry *e = arg;
	struct session_pool *p = e->pool;

	(void)fd;
	(void)what;
	if (e->key != NULL && p->gate != NULL && p->gate->wake != NULL)
		p->gate->wake(p->gate->arg, e->ip);	/* may free e */
}

static void
pool_idle_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	pool_entry_close(arg);
}

static struct pool_entry *
pool_adopt(struct session_pool *p, struct session *s, const char *key,
    const char *ip)
{
	struct pool_entry *e = xcalloc(1, sizeof(*e));

	e->pool = p;
	e->sess = s;
	e->key = xstrdup(key);
	e->ip = xstrdup(ip);
	e->idle = timer_new(p->base, pool_idle_cb, e);
	e->announce = timer_new(p->base, pool_announce_cb, e);
	e->next = p->head;
	p->head = e;
	p->n++;
	session_park(s, &pool_cb, e);
	return e;
}

void
pool_put(struct session_pool *p, struct session *s, const char *key,
    const char *ip)
{
	struct pool_entry *e = pool_adopt(p, s, key, ip);

	if (!session_can_reuse(s) || p->drained != NULL) {
		pool_entry_close(e);
		return;
	}
	timer_arm_ms(e->idle, p->idle_ms);
	timer_arm_ms(e->announce, 0);
}

void
pool_close(struct session_pool *p, struct session *s, const char *ip)
{
	pool_entry_close(pool_adopt(p, s, "", ip));
}

struct session *
pool_take(struct session_pool *p, const char *key)
{
	struct pool_entry *e;
	struct session *s;

	for (e = p->head; e != NULL; e = e->next) {
		if (e->key == NULL || strcmp(e->key, key) != 0)
			continue;
		if (!session_can_reuse(e->sess)) {
			pool_entry_close(e);
			return NULL;	/* the list may have changed */
		}
		s = e->sess;
		pool_unlink(p, e);
		pool_entry_free(e);
		p->reuses++;
		return s;
	}
	return NULL;
}

void
pool_evict_ip(struct session_pool *p, const char *ip)
{
	struct pool_entry *e;

	/* Closing may unlink at once: start over after each. */
	for (;;) {
		for (e = p->head; e != NULL; e = e->next)
			if (e->key != NULL && strcmp(e->ip, ip) == 0)
				break;
		if (e == NULL)
			return;
		pool_entry_close(e);
	}
}

void
pool_drain(struct session_pool *p, void (*done)(void *), void *arg)
{
	struct pool_entry *e;

	p->drained = done;
	p->drained_arg = arg;
	for (;;) {
		for (e = p->head; e != NULL; e = e->next)
			if (e->key != NULL)
				break;
		if (e == NULL)
			break;
		pool_entry_close(e);
	}
	if (p->n == 0 && p->drained != NULL) {
		p->drained = NULL;
		done(arg);
	}
}

void
pool_free(struct session_pool *p)
{
	struct pool_entry *e;

	if (p == NULL)
		return;
	p->drained = NULL;
	while ((e = p->head) != NULL) {
		if (e->key != NULL) {
			free(e->key);
			e->key = NULL;
		}
		session_abort(e->sess, false);	/* done unlinks and frees e */
		if (p->head == e)
			fatalx("%s: a session outlived its abort", __func__);
	}
	free(p);
}

size_t
pool_size(const struct session_pool *p)
{
	return p->n;
}

unsigned long
pool_reuses(const struct session_pool *p)
{
	return p->reuses;
}
