/*
 * tls.h - every OpenSSL call mxtrace makes: the client context (system
 * trust store), the per-connection SSL object, and reading what the
 * handshake established into a struct tls_info.
 */
#ifndef MXTRACE_TLS_H
#define MXTRACE_TLS_H

#include <openssl/ssl.h>
#include <event2/bufferevent.h>

#include "record/result.h"

/* A client context; verification is recorded, never enforced. NULL + *err. */
SSL_CTX	*tls_ctx_new(char **err);
/* A client SSL for host (SNI); NULL + *err. */
SSL	*tls_ssl_new(SSL_CTX *, const char *host, char **err);
/* After a handshake: version, cipher, certificate, chain verdict, name match. */
struct tls_info *tls_info_collect(SSL *, const char *mx_host);
/* The OpenSSL errors of this bufferevent (drains its queue) as one string. */
char	*tls_bev_error(struct bufferevent *);

#endif
