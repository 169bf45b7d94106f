/*
 * tls.h - every OpenSSL call mxtrace makes: the client context (system
 * trust store, read at the first SSL), the per-connection SSL object, and
 * reading what the handshake established into a struct tls_info.
 */
#ifndef MXTRACE_TLS_H
#define MXTRACE_TLS_H

#include <openssl/ssl.h>
#include <event2/bufferevent.h>

#include "record/result.h"

/* One TLSA record (RFC 6698) as DANE verification takes it. */
struct tls_tlsa {
	uint8_t		 usage, selector, mtype;
	uint8_t		*data;		/* owned by whoever holds the array */
	size_t		 len;
};

/* A TLSA record as "3 1 1 <hex>" (owned), the hex cut after 64 octets
 * (a full certificate's) with "...". */
char	*tls_tlsa_text(uint8_t usage, uint8_t selector, uint8_t mtype,
	    const unsigned char *data, size_t len);

/* A client context; verification is recorded, never enforced. NULL + *err. */
SSL_CTX	*tls_ctx_new(char **err);
/* Trust the CA certificates in file (PEM) too (--ca-file).  -1 + *err. */
int	 tls_ctx_add_ca(SSL_CTX *, const char *file, char **err);
/*
 * A context that verifies peers, TLS 1.2 or later, trusting what trust's
 * store trusts (the same store, shared: --ca-file included, the system
 * store read once for both): for fetching MTA-STS policies.  NULL + *err.
 */
SSL_CTX	*tls_https_ctx_new(SSL_CTX *trust, char **err);
/*
 * Read the system trust store into ctx's store unless done already
 * (once per store); before any SSL is made on ctx.  tls_ssl_new calls it.
 */
void	 tls_ctx_trust(SSL_CTX *);
/*
 * A client SSL for host (SNI); NULL + *err.  resume_key (tlscache_key(),
 * may be NULL: none): offer the session kept under it and keep this
 * connection's sessions under it.
 */
SSL	*tls_ssl_new(SSL_CTX *, const char *host, const char *resume_key,
	    char **err);
/*
 * After a handshake (a resumed one too): version, cipher, certificate
 * (names, validity, fingerprints, the chain sent), chain verdict and where
 * it stopped, name match and the name that matched.
 */
struct tls_info *tls_info_collect(SSL *, const char *mx_host);
/*
 * After a handshake that verification ended with vr (X509_V_ERR_*, an
 * SSL_VERIFY_PEER one: OpenSSL then keeps no peer certificate, only the
 * chain): its verify_error, the chain the server sent and where it
 * stopped, as tls_info_collect finds them (owned).
 */
struct tls_info *tls_info_failed(SSL *, long vr);
/*
 * DANE (RFC 7672) for this connection with OpenSSL's own DANE support:
 * usages 2 and 3 only (0 and 1 are not for SMTP, RFC 7672 3.1.3), no name
 * checks for DANE-EE.  Returns what was usable (owned); the handshake's
 * result is added by tls_dane_result().  Never fails: unusable records
 * are listed with the reason.
 */
struct tls_dane *tls_dane_enable(SSL *, const char *mx_host,
		    const struct tls_tlsa *, size_t n);
/*
 * After the handshake: which TLSA record matched, or why none did.  ti:
 * tls_info_collect's of the same handshake (its key's SHA-256 is reused).
 */
void	tls_dane_result(SSL *, const struct tls_info *ti, struct tls_dane *);
/* The OpenSSL errors of this bufferevent (drains its queue) as one string. */
char	*tls_bev_error(struct bufferevent *);

#endif
