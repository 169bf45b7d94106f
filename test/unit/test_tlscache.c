/*
 * test_tlscache.c - TLS session resumption (net/tlscache.c) over
 * in-memory handshakes (BIO pairs, a server context made at test time):
 * the session of a first connection is offered to the next one under the
 * same key and the server resumes it, again and again; another key
 * (another TLS name) gets nothing; a server that issues no tickets leaves
 * nothing to keep; the cache holds TLS_RESUME_MAX keys and drops the one
 * stored longest ago; the cache goes with its SSL_CTX (ASan sees leaks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/limits.h"
#include "net/tls.h"
#include "net/tlscache.h"

#include "testcert.h"

static SSL_CTX *
server_ctx(bool tickets)
{
	SSL_CTX *ctx = testcert_server_ctx();

	if (!tickets) {
		SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
		SSL_CTX_set_num_tickets(ctx, 0);
		SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	}
	return ctx;
}

/*
 * One connection under key: handshake in memory, then let the client
 * read what the server sends after it (TLS 1.3 tickets).  Returns whether
 * the client resumed a session.
 */
static bool
connect_once(SSL_CTX *cctx, SSL_CTX *sctx, const char *host, const char *key)
{
	char *err = NULL;
	SSL *c = tls_ssl_new(cctx, host, key, &err);
	SSL *s = SSL_new(sctx);
	BIO *cb, *sb;
	unsigned char buf[16];
	bool cdone = false, sdone = false, resumed;
	int i, rc;

	assert_non_null(c);
	assert_non_null(s);
	assert_int_equal(BIO_new_bio_pair(&cb, 0, &sb, 0), 1);
	SSL_set_bio(c, cb, cb);
	SSL_set_bio(s, sb, sb);
	SSL_set_connect_state(c);
	SSL_set_accept_state(s);
	for (i = 0; i < 20 && !(cdone && sdone); i++) {
		if (!cdone) {
			rc = SSL_do_handshake(c);
			cdone = rc == 1;
			assert_true(rc == 1 ||
			    SSL_get_error(c, rc) == SSL_ERROR_WANT_READ);
		}
		if (!sdone) {
			rc = SSL_do_handshake(s);
			sdone = rc == 1;
			assert_true(rc == 1 ||
			    SSL_get_error(s, rc) == SSL_ERROR_WANT_READ);
		}
	}
	assert_true(cdone && sdone);
	/* the server's tickets, then one byte of data behind them */
	assert_int_equal(SSL_write(s, "x", 1), 1);
	assert_int_equal(SSL_read(c, buf, sizeof(buf)), 1);
	resumed = SSL_session_reused(c) == 1;
	/* like an SMTP session: no close_notify, the connection just goes */
	SSL_free(c);
	SSL_free(s);
	return resumed;
}

static void
test_resume_same_key(void **state)
{
	SSL_CTX *sctx = server_ctx(true), *cctx;
	char *err = NULL, *key = tlscache_key("127.0.28.1", 25, "mx.test");
	char *other = tlscache_key("127.0.28.1", 25, "mx2.test");

	(void)state;
	assert_non_null(cctx = tls_ctx_new(&err));
	assert_false(connect_once(cctx, sctx, "mx.test", key));
	assert_int_equal(tlscache_size(cctx), 1);
	/*
	 * Offered again and again: like Postfix, the server issues no new
	 * ticket from now on, so the first one must stay usable although
	 * each connection ends without close_notify.
	 */
	SSL_CTX_set_num_tickets(sctx, 0);
	assert_true(connect_once(cctx, sctx, "mx.test", key));
	assert_true(connect_once(cctx, sctx, "mx.test", key));
	assert_true(connect_once(cctx, sctx, "mx.test", key));
	/* another TLS name is another key: nothing offered */
	SSL_CTX_set_num_tickets(sctx, 2);
	assert_false(connect_once(cctx, sctx, "mx2.test", other));
	assert_int_equal(tlscache_size(cctx), 2);
	/* no key: nothing offered, nothing kept */
	assert_false(connect_once(cctx, sctx, "mx.test", NULL));
	assert_int_equal(tlscache_size(cctx), 2);
	free(key);
	free(other);
	SSL_CTX_free(cctx);
	SSL_CTX_free(sctx);
}

static void
test_no_tickets(void **state)
{
	SSL_CTX *sctx = server_ctx(false), *cctx;
	char *err = NULL, *key = tlscache_key("127.0.28.1", 25, "mx.test");

	(void)state;
	assert_non_null(cctx = tls_ctx_new(&err));
	assert_false(connect_once(cctx, sctx, "mx.test", key));
	assert_int_equal(tlscache_size(cctx), 0);
	assert_false(connect_once(cctx, sctx, "mx.test", key));
	free(key);
	SSL_CTX_free(cctx);
	SSL_CTX_free(sctx);
}

static void
test_bound(void **state)
{
	SSL_CTX *sctx = server_ctx(true), *cctx;
	char *err = NULL, *key;
	int i;

	(void)state;
	assert_non_null(cctx = tls_ctx_new(&err));
	for (i = 0; i < TLS_RESUME_MAX + 10; i++) {
		key = tlscache_key("127.0.28.1", 1000 + i, "mx.test");
		assert_false(connect_once(cctx, sctx, "mx.test", key));
		free(key);
		assert_true(tlscache_size(cctx) <= TLS_RESUME_MAX);
	}
	assert_int_equal(tlscache_size(cctx), TLS_RESUME_MAX);
	/* the first ten were dropped, the last one is kept */
	key = tlscache_key("127.0.28.1", 1000, "mx.test");
	assert_false(connect_once(cctx, sctx, "mx.test", key));
	free(key);
	key = tlscache_key("127.0.28.1", 1000 + TLS_RESUME_MAX + 9, "mx.test");
	assert_true(connect_once(cctx, sctx, "mx.test", key));
	free(key);
	SSL_CTX_free(cctx);
	SSL_CTX_free(sctx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resume_same_key),
		cmocka_unit_test(test_no_tickets),
		cmocka_unit_test(test_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
