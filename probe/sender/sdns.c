/*
 * sdns.c - the DNS cache the sender checks read.  get(name, type) returns
 * the answer when it is in; otherwise it asks dns_resolve once (the
 * context's cap bounds what is in flight) and returns NULL.  When the
 * last outstanding query is answered, `ready` runs (from the event loop):
 * the driver runs the checks again, which ask for what they need next.
 * Every entry and answer is owned here until sdns_cache_free, which also
 * cancels what is still outstanding (free it before the dns_ctx).
 *
 * Public: sdns_cache_new, sdns_cache_free, sdns_cache_dns,
 * sdns_cache_pending.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base/vtab.h"
#include "sender/sdns.h"

struct sdns_entry {
	struct sdns_cache	*cache;		/* borrowed */
	struct dns_query	*q;		/* borrowed handle while outstanding */
	struct dns_result	*r;		/* owned once answered */
	struct sdns_entry	*next;		/* every entry, for freeing */
};

struct sdns_cache {
	struct dns_ctx		*dns;		/* borrowed */
	struct vtab		 tab;		/* "type name" -> entry */
	struct sdns_entry	*all;		/* owned list */
	unsigned		 pending;
	void			(*ready)(void *);
	void			*arg;
};

static struct vkey
sdns_key(const char *name, int type)
{
	char buf[600];
	int n = snprintf(buf, sizeof(buf), "%d %s", type, name);

	if (n < 0 || (size_t)n >= sizeof(buf))
		n = (int)sizeof(buf) - 1;
	return vtab_key(buf, (size_t)n);
}

static void
sdns_answer(void *arg, struct dns_result *r)
{
	struct sdns_entry *e = arg;
	struct sdns_cache *c = e->cache;

	e->q = NULL;
	e->r = r;
	if (--c->pending == 0)
		c->ready(c->arg);
}

static const struct dns_result *
sdns_get_cached(void *arg, const char *name, int type)
{
	struct sdns_cache *c = arg;
	struct vkey k = sdns_key(name, type);
	struct sdns_entry *e = vtab_get(&c->tab, k);

	if (e != NULL)
		return e->r;	/* NULL while outstanding */
	e = xcalloc(1, sizeof(*e));
	e->cache = c;
	e->next = c->all;
	c->all = e;
	vtab_put(&c->tab, k, e);
	c->pending++;
	e->q = dns_resolve(c->dns, name, type, sdns_answer, e);
	return NULL;
}

struct sdns_cache *
sdns_cache_new(struct dns_ctx *dns, void (*ready)(void *), void *arg)
{
	struct sdns_cache *c = xcalloc(1, sizeof(*c));

	c->dns = dns;
	c->ready = ready;
	c->arg = arg;
	return c;
}

struct sender_dns
sdns_cache_dns(struct sdns_cache *c)
{
	struct sender_dns d = { sdns_get_cached, c };

	return d;
}

unsigned
sdns_cache_pending(const struct sdns_cache *c)
{
	return c->pending;
}

void
sdns_cache_free(struct sdns_cache *c)
{
	struct sdns_entry *e;

	if (c == NULL)
		return;
	while ((e = c->all) != NULL) {
		c->all = e->next;
		dns_query_cancel(e->q);
		dns_result_free(e->r);
		free(e);
	}
	vtab_free(&c->tab);
	free(c);
}
