/*
 * pool.h - sessions kept open between pieces of work (verify).  A session
 * that asked everyone it was given waits READY in the pool under a key
 * naming what the server sees (MX address and port, MX host name, TLS on
 * or off, HELO, MAIL FROM); the next work with the same key, for any
 * domain, takes it instead of connecting.  An idle session is closed
 * with QUIT after a few seconds, or when the server closes it; only then
 * is its place in the politeness gate given back, so the gate counts busy
 * and idle sessions alike.
 */
#ifndef MXTRACE_POOL_H
#define MXTRACE_POOL_H

#include <stddef.h>

#include <event2/event.h>

#include "engine/job.h"
#include "smtp/session.h"

struct session_pool;

/* gate: borrowed, may be NULL; its release() is called as a session ends. */
struct session_pool *pool_new(struct event_base *, const struct probe_gate *,
		    long long idle_ms);
/* Close what is left at once (no QUIT) and free the pool. */
void		 pool_free(struct session_pool *);
/* The key of a session to ip:port of mx_host with these settings (owned). */
char		*pool_key(const char *ip, int port, const char *mx_host, bool tls,
		    const char *helo, const char *mail_from);
/*
 * Keep a READY session (now the pool's) under key; closes it if it cannot be
 * reused.
 */
void		 pool_put(struct session_pool *, struct session *, const char *key,
		    const char *ip);
/*
 * Close a READY session the work did not want kept (QUIT; gate released after).
 */
void		 pool_close(struct session_pool *, struct session *, const char *ip);
/* A READY session kept under key, now the caller's; NULL when none. */
struct session	*pool_take(struct session_pool *, const char *key);
/* The gate is full for ip: close the idle sessions to ip (QUIT). */
void		 pool_evict_ip(struct session_pool *, const char *ip);
/* Close every idle session (QUIT); done(arg) once none is left open. */
void		 pool_drain(struct session_pool *, void (*done)(void *), void *arg);
/* Sessions the pool holds: idle, or closing. */
size_t		 pool_size(const struct session_pool *);
/* Sessions taken from the pool so far. */
unsigned long	 pool_reuses(const struct session_pool *);

#endif
