/*
 * tlscache.c - TLS sessions kept for resumption.
 *
 * Public: tlscache_attach, tlscache_key, tlscache_offer, tlscache_size
 * (tlscache.h).
 *
 * OpenSSL hands a client its sessions through the new-session callback
 * (SSL_SESS_CACHE_CLIENT; its own internal store is off): in TLS 1.3 that
 * is when a NewSessionTicket arrives, after the handshake, so a session
 * read right after the handshake cannot be resumed.  Each SSL carries the
 * key it was offered under (ex_data, owned by the SSL); the cache itself
 * is ex_data of the SSL_CTX, owned by it and freed with it.  The cache
 * holds TLS_RESUME_MAX sessions at most, one per key; a full cache drops
 * the one stored longest ago.  A linear search is enough at that size.
 *
 * A kept session is offered again and again until a newer one replaces
 * it: Postfix (OpenSSL) issues no new ticket on a resumed connection, so
 * a ticket used once (RFC 8446 C.4's advice, for privacy between
 * servers) would make every other connection a full handshake.  We send
 * no early data, so a reused ticket cannot be replayed into anything.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "net/tlscache.h"

struct tlscache_entry {
	char		*key;		/* owned; NULL: a free slot */
	SSL_SESSION	*sess;		/* one reference, owned */
	unsigned long	 stamp;		/* when stored; the oldest goes first */
};

struct tlscache {
	struct tlscache_entry	 e[TLS_RESUME_MAX];
	unsigned long		 clock;
};

static int	tlscache_ctx_idx = -1;	/* SSL_CTX ex_data: struct tlscache */
static int	tlscache_ssl_idx = -1;	/* SSL ex_data: the key (char *) */

static void
tlscache_entry_clear(struct tlscache_entry *e)
{
	free(e->key);
	if (e->sess != NULL)
		SSL_SESSION_free(e->sess);
	memset(e, 0, sizeof(*e));
}

/* The SSL_CTX is being freed: its cache goes with it. */
static void
tlscache_free_cb(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx,
    long argl, void *argp)
{
	struct tlscache *c = ptr;
	size_t i;

	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	if (c == NULL)
		return;
	for (i = 0; i < TLS_RESUME_MAX; i++)
		tlscache_entry_clear(&c->e[i]);
	free(c);
}

/* The SSL is being freed: its key goes with it. */
static void
tlscache_key_free_cb(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx,
    long argl, void *argp)
{
	(void)parent;
	(void)ad;
	(void)idx;
	(void)argl;
	(void)argp;
	free(ptr);
}

static struct tlscache *
tlscache_of(SSL_CTX *ctx)
{
	if (tlscache_ctx_idx < 0 || ctx == NULL)
		return NULL;
	return SSL_CTX_get_ex_data(ctx, tlscache_ctx_idx);
}

static struct tlscache_entry *
tlscache_find(struct tlscache *c, const char *key)
{
	size_t i;

	for (i = 0; i < TLS_RESUME_MAX; i++)
		if (c->e[i].key != NULL && strcmp(c->e[i].key, key) == 0)
			return &c->e[i];
	return NULL;
}

/* The slot for key: its own, a free one, or the one stored longest ago. */
static struct tlscache_entry *
tlscache_slot(struct tlscache *c, const char *key)
{
	struct tlscache_entry *e = tlscache_find(c, key), *old = &c->e[0];
	size_t i;

	if (e != NULL)
		return e;
	for (i = 0; i < TLS_RESUME_MAX; i++) {
		if (c->e[i].key == NULL)
			return &c->e[i];
		if (c->e[i].stamp < old->stamp)
			old = &c->e[i];
	}
	return old;
}

/*
 * OpenSSL got a session for ssl (after a full handshake, or a ticket that
 * arrived later): keep a copy under ssl's key.  A copy, because the object
 * stays the connection's: OpenSSL marks it not resumable when the
 * connection is freed without a TLS close_notify, which is how every SMTP
 * session here ends (after QUIT, the TCP connection is closed).
 */
static int
tlscache_new_cb(SSL *ssl, SSL_SESSION *sess)
{
	struct tlscache *c = tlscache_of(SSL_get_SSL_CTX(ssl));
	const char *key = SSL_get_ex_data(ssl, tlscache_ssl_idx);
	struct tlscache_entry *e;
	SSL_SESSION *copy;

	if (c == NULL || key == NULL || !SSL_SESSION_is_resumable(sess))
		return 0;
	if ((copy = SSL_SESSION_dup(sess)) == NULL)
		return 0;
	e = tlscache_slot(c, key);
	tlscache_entry_clear(e);
	e->key = xstrdup(key);
	e->sess = copy;
	e->stamp = ++c->clock;
	return 0;	/* the connection keeps its own reference */
}

int
tlscache_attach(SSL_CTX *ctx)
{
	struct tlscache *c;

	if (tlscache_ctx_idx < 0)
		tlscache_ctx_idx = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL,
		    tlscache_free_cb);
	if (tlscache_ssl_idx < 0)
		tlscache_ssl_idx = SSL_get_ex_new_index(0, NULL, NULL, NULL,
		    tlscache_key_free_cb);
	if (tlscache_ctx_idx < 0 || tlscache_ssl_idx < 0)
		return -1;
	c = xcalloc(1, sizeof(*c));
	if (SSL_CTX_set_ex_data(ctx, tlscache_ctx_idx, c) != 1) {
		free(c);
		return -1;
	}
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT |
	    SSL_SESS_CACHE_NO_INTERNAL_STORE);
	SSL_CTX_sess_set_new_cb(ctx, tlscache_new_cb);
	return 0;
}

char *
tlscache_key(const char *ip, int port, const char *host)
{
	return xasprintf("%s\t%d\t%s", ip, port, host != NULL ? host : "");
}

void
tlscache_offer(SSL *ssl, const char *key)
{
	struct tlscache *c = tlscache_of(SSL_get_SSL_CTX(ssl));
	struct tlscache_entry *e;
	SSL_SESSION *copy;
	char *own;

	if (c == NULL || key == NULL)
		return;
	own = xstrdup(key);
	if (SSL_set_ex_data(ssl, tlscache_ssl_idx, own) != 1) {
		free(own);
		return;
	}
	if ((e = tlscache_find(c, key)) == NULL)
		return;
	if (!SSL_SESSION_is_resumable(e->sess)) {
		tlscache_entry_clear(e);
		return;
	}
	/* a copy again: the connection may spoil what it holds (see above) */
	if ((copy = SSL_SESSION_dup(e->sess)) == NULL)
		return;
	SSL_set_session(ssl, copy);	/* takes its own reference */
	SSL_SESSION_free(copy);
}

size_t
tlscache_size(SSL_CTX *ctx)
{
	struct tlscache *c = tlscache_of(ctx);
	size_t i, n = 0;

	if (c == NULL)
		return 0;
	for (i = 0; i < TLS_RESUME_MAX; i++)
		n += c->e[i].key != NULL;
	return n;
}
