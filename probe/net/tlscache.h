/*
 * tlscache.h - TLS sessions kept for resumption (RFC 8446 2.2, RFC 5077):
 * a bounded cache owned by the SSL_CTX it is attached to, keyed by what
 * the session pool keys by (MX address, port, TLS name), so a second
 * connection to the same server offers the first one's session instead
 * of a full handshake.
 */
#ifndef MXTRACE_TLSCACHE_H
#define MXTRACE_TLSCACHE_H

#include <stddef.h>

#include <openssl/ssl.h>

/*
 * Give ctx a cache (freed with ctx by SSL_CTX_free) and catch the sessions
 * its connections get - in TLS 1.3 the tickets come after the handshake,
 * so they are taken from OpenSSL's new-session callback.  0, or -1 when
 * OpenSSL refuses.
 */
int	 tlscache_attach(SSL_CTX *);
/* The key of a connection to ip:port named host (owned). */
char	*tlscache_key(const char *ip, int port, const char *host);
/*
 * Before the handshake: remember ssl's key (its sessions are kept under
 * it) and offer the session kept under it, if any (until a newer one
 * replaces it).
 */
void	 tlscache_offer(SSL *, const char *key);
/* Sessions kept in ctx's cache (0 without one). */
size_t	 tlscache_size(SSL_CTX *);

#endif
