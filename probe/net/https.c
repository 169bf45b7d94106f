/*
 * https.c - one bounded HTTPS GET on the event loop: evhttp over a
 * bufferevent_openssl whose SSL verifies the peer for the host name.
 *
 * Public: https_get, https_cancel (https.h).
 *
 * The fetch is a small state machine: CONNECTING (evhttp connects, TLS,
 * sends the request) -> DONE (an answer or an error is kept) -> the
 * delivery timer hands it to the caller from a fresh loop turn and frees
 * everything (evhttp must not be freed inside its own callbacks).  A
 * whole-fetch timer bounds the time; evhttp bounds headers and body.  A
 * 3xx is reported as a refused redirect, never followed (RFC 8461 3.3).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/http.h>

#include "base/util.h"
#include "net/https.h"
#include "net/tls.h"
#include "net/tlserr.h"

#define HTTPS_HEADERS_MAX	16384

enum https_state {
	HTTPS_CONNECTING,
	HTTPS_DONE,
};

struct https_get {
	struct event_base	*base;		/* borrowed */
	enum https_state	 state;
	SSL			*ssl;		/* borrowed from bev (it frees it) */
	struct evhttp_connection *conn;	/* owned; frees bev */
	struct event		*timer;		/* owned; the bound, then the delivery */
	size_t			 max_body;
	int			 status;
	char			*body;		/* owned */
	size_t			 len;
	char			*error;		/* owned */
	https_cb		*cb;
	void			*arg;
};

static void
https_free(struct https_get *g)
{
	g->state = HTTPS_DONE;	/* callbacks run by the free below do nothing */
	if (g->conn != NULL)
		evhttp_connection_free(g->conn);
	if (g->timer != NULL)
		event_free(g->timer);
	free(g->body);
	free(g->error);
	free(g);
}

/* -> DONE: keep what happened; the timer delivers it from the loop. */
static void __attribute__((format(printf, 3, 4)))
https_done(struct https_get *g, int status, const char *fmt, ...)
{
	static const struct timeval now = { 0, 0 };
	va_list ap;
	char buf[512];

	if (g->state == HTTPS_DONE)
		return;
	g->state = HTTPS_DONE;
	g->status = status;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
		g->error = xstrdup(buf);
	}
	evtimer_del(g->timer);
	evtimer_add(g->timer, &now);
}

/*
 * Why the connection failed: the certificate first, with where its chain
 * stopped in the words of the SMTP trace's TLS line, then OpenSSL's words.
 */
static void
https_conn_error(struct https_get *g, const char *what)
{
	long vr = g->ssl != NULL ? SSL_get_verify_result(g->ssl) : X509_V_OK;
	unsigned long e = ERR_peek_last_error();
	struct tls_info *ti;
	char buf[256], *where;

	if (vr != X509_V_OK) {
		ti = tls_info_failed(g->ssl, vr);
		where = tls_where_text(ti);
		if (where != NULL)
			https_done(g, 0, "the certificate does not verify: %s; %s",
			    ti->verify_error, where);
		else
			https_done(g, 0, "the certificate does not verify: %s",
			    ti->verify_error);
		free(where);
		tls_info_free(ti);
	} else if (e != 0) {
		tlserr_queue_text(e, buf, sizeof(buf));
		https_done(g, 0, "TLS failed: %s", buf);
	} else
		https_done(g, 0, "%s", what);
	ERR_clear_error();
}

static void
https_req_cb(struct evhttp_request *req, void *arg)
{
	struct https_get *g = arg;
	struct evbuffer *in;
	int code;

	if (g->state == HTTPS_DONE)
		return;
	if (req == NULL ||
	    (code = evhttp_request_get_response_code(req)) == 0) {
		https_conn_error(g, "no answer (connection failed)");
		return;
	}
	if (code >= 300 && code < 400) {
		const char *loc = evhttp_find_header(
		    evhttp_request_get_input_headers(req), "Location");

		if (loc != NULL)
			https_done(g, code, "HTTP %d redirect to %.200s refused: a policy "
			    "must not be fetched through redirects (RFC 8461 3.3)", code, loc);
		else
			https_done(g, code, "HTTP %d redirect refused: a policy must not be "
			    "fetched through redirects (RFC 8461 3.3)", code);
		return;
	}
	in = evhttp_request_get_input_buffer(req);
	g->len = evbuffer_get_length(in);
	if (g->len > g->max_body) {
		https_done(g, code, "the answer is larger than %zu bytes",
		    g->max_body);
		return;
	}
	g->body = xmalloc(g->len + 1);
	evbuffer_remove(in, g->body, g->len);
	g->body[g->len] = '\0';
	https_done(g, code, NULL);
}

static void
https_err_cb(enum evhttp_request_error err, void *arg)
{
	struct https_get *g = arg;

	switch (err) {
	case EVREQ_HTTP_TIMEOUT:
		https_done(g, 0, "no answer in time");
		break;
	case EVREQ_HTTP_DATA_TOO_LONG:
		https_done(g, 0, "the answer is larger than %zu bytes",
		    g->max_body);
		break;
	case EVREQ_HTTP_INVALID_HEADER:
		https_done(g, 0, "the answer's headers are invalid or too long");
		break;
	case EVREQ_HTTP_EOF:
	case EVREQ_HTTP_BUFFER_ERROR:
	case EVREQ_HTTP_REQUEST_CANCEL:
	default:
		https_conn_error(g, "the connection failed or closed early");
		break;
	}
}

static void
https_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct https_get *g = arg;

	(void)fd;
	(void)what;
	if (g->state != HTTPS_DONE) {
		g->state = HTTPS_DONE;
		g->error = xstrdup("no answer in time");
	}
	g->cb(g->arg, g->error ? 0 : g->status, g->body, g->len, g->error);
	https_free(g);
}

struct https_get *
https_get(struct event_base *base, SSL_CTX *ctx, const char *ip,
    const char *host, const char *path, size_t max_body, long long timeout_ms,
    https_cb *cb, void *arg)
{
	struct https_get *g = xcalloc(1, sizeof(*g));
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
	struct evhttp_request *req;
	struct evkeyvalq *h;
	struct bufferevent *bev;

	g->base = base;
	g->cb = cb;
	g->arg = arg;
	g->max_body = max_body;
	if ((g->timer = evtimer_new(base, https_timer_cb, g)) == NULL)
		fatalx("%s: evtimer_new", __func__);
	evtimer_add(g->timer, &tv);
	tls_ctx_trust(ctx);
	ERR_clear_error();
	if ((g->ssl = SSL_new(ctx)) == NULL ||
	    SSL_set_tlsext_host_name(g->ssl, host) != 1 ||
	    SSL_set1_host(g->ssl, host) != 1) {
		if (g->ssl != NULL)
			SSL_free(g->ssl);
		g->ssl = NULL;
		https_done(g, 0, "TLS set-up failed");
		return g;
	}
	SSL_set_verify(g->ssl, SSL_VERIFY_PEER, NULL);
	bev = bufferevent_openssl_socket_new(base, -1, g->ssl,
	    BUFFEREVENT_SSL_CONNECTING, BEV_OPT_CLOSE_ON_FREE |
	    BEV_OPT_DEFER_CALLBACKS);
	if (bev == NULL)
		fatalx("%s: bufferevent_openssl_socket_new", __func__);
	bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);
	g->conn = evhttp_connection_base_bufferevent_new(base, NULL, bev, ip,
	    443);
	if (g->conn == NULL)
		fatalx("%s: evhttp_connection_base_bufferevent_new", __func__);
	evhttp_connection_set_timeout_tv(g->conn, &tv);
	evhttp_connection_set_retries(g->conn, 0);
	evhttp_connection_set_max_headers_size(g->conn, HTTPS_HEADERS_MAX);
	evhttp_connection_set_max_body_size(g->conn, (ev_ssize_t)max_body);
	req = evhttp_request_new(https_req_cb, g);
	if (req == NULL)
		fatalx("%s: evhttp_request_new", __func__);
	evhttp_request_set_error_cb(req, https_err_cb);
	h = evhttp_request_get_output_headers(req);
	evhttp_add_header(h, "Host", host);
	evhttp_add_header(h, "User-Agent", "mxtrace (MTA-STS)");
	evhttp_add_header(h, "Connection", "close");
	if (evhttp_make_request(g->conn, req, EVHTTP_REQ_GET, path) != 0)
		https_done(g, 0, "cannot send the request");
	return g;
}

void
https_cancel(struct https_get *g)
{
	if (g != NULL)
		https_free(g);
}
