/*
 * sdns.h - the DNS the sender checks read: a cache of dns_results keyed
 * by (name, type).  get() returns the answer when it is in, else NULL and
 * asks for it (once).  The checks are pure functions over it that are run
 * again whenever answers arrive (sender/run.c); tests give them a mock.
 */
#ifndef MXTRACE_SDNS_H
#define MXTRACE_SDNS_H

#include <stdbool.h>

#include "dns/resolve.h"

struct sender_dns {
	const struct dns_result *(*get)(void *arg, const char *name, int type);
	void	*arg;
};

static inline const struct dns_result *
sdns_get(const struct sender_dns *d, const char *name, int type)
{
	return d->get(d->arg, name, type);
}

/* The cache behind sender_dns in the real command. */
struct sdns_cache;

/*
 * ready is called from the event loop each time the last outstanding
 * query of a burst is answered (so the checks can run again).
 */
struct sdns_cache *sdns_cache_new(struct dns_ctx *, void (*ready)(void *), void *arg);
void		 sdns_cache_free(struct sdns_cache *);
/* A sender_dns reading (and filling) the cache. */
struct sender_dns sdns_cache_dns(struct sdns_cache *);
/* Queries still outstanding. */
unsigned	 sdns_cache_pending(const struct sdns_cache *);

#endif
