/*
 * https.h - one bounded HTTPS GET on the event loop (libevent's evhttp
 * over bufferevent_openssl), for the MTA-STS policy: the certificate must
 * verify for the host name, redirects are never followed, the body and
 * the time are bounded.
 */
#ifndef MXTRACE_HTTPS_H
#define MXTRACE_HTTPS_H

#include <stddef.h>

#include <event2/event.h>
#include <openssl/ssl.h>

struct https_get;

/*
 * The answer: status is the HTTP status (200 ...), body/len the body
 * (borrowed, valid during the call), error NULL; or status 0 and error a
 * plain sentence (cannot connect, certificate, timeout, too large,
 * redirect refused).  Called exactly once, from the event loop; the fetch
 * is freed after it.
 */
typedef void	https_cb(void *arg, int status, const char *body, size_t len,
		    const char *error);

/*
 * GET https://host/path from ip:443 (DNS is the caller's).  ctx must
 * verify peers (tls_https_ctx_new).  Never calls back before returning.
 */
struct https_get *https_get(struct event_base *, SSL_CTX *ctx, const char *ip,
		    const char *host, const char *path, size_t max_body,
		    long long timeout_ms, https_cb *, void *arg);
/* Drop a fetch: its callback never runs. */
void		 https_cancel(struct https_get *);

#endif
