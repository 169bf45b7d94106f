/*
 * tls.c - every OpenSSL call mxtrace makes.
 *
 * tls_ctx_new() builds the one client context (system trust store, no
 * enforcement: a probe must finish the handshake to see what the server
 * offers, and judges the certificate afterwards, as OpenSMTPD does).
 * The system store is read lazily, once per store, when the first SSL
 * is made on it (tls_ctx_trust); the MTA-STS context shares the store.
 * tls_ssl_new() makes the per-connection SSL with SNI, offering a kept
 * session for resumption (tlscache.c).  tls_info_collect()
 * reads what the handshake established; tls_bev_error() turns the error
 * queue of one bufferevent into one string so no other session is blamed.
 * Failures are returned as strings for the caller's record, never fatal,
 * in tlserr.c's words (the catalogue has their Chinese).
 */
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <event2/bufferevent_ssl.h>

#include "net/tls.h"
#include "net/tlscache.h"
#include "net/tlserr.h"
#include "base/util.h"

/* Bounds on what a hostile certificate can make us copy. */
#define TLS_NAME_MAX	512
#define TLS_SANS_MAX	100

static char *
tls_queue_error(const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	if (e == 0)
		return xstrdup(what);
	tlserr_queue_text(e, buf, sizeof(buf));
	ERR_clear_error();
	return xasprintf("%s: %s", what, buf);
}

/* A client context: verify mode and oldest version; no trust loaded yet. */
static SSL_CTX *
tls_ctx_base(int verify, int min_version, char **err)
{
	SSL_CTX *ctx;

	ERR_clear_error();
	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL) {
		*err = tls_queue_error("SSL_CTX_new");
		return NULL;
	}
	SSL_CTX_set_verify(ctx, verify, NULL);
	SSL_CTX_set_min_proto_version(ctx, min_version);
	return ctx;
}

SSL_CTX *
tls_ctx_new(char **err)
{
	SSL_CTX *ctx = tls_ctx_base(SSL_VERIFY_NONE, TLS1_VERSION, err);

	if (ctx != NULL && SSL_CTX_dane_enable(ctx) <= 0) {
		*err = tls_queue_error("SSL_CTX_dane_enable");
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (ctx != NULL && tlscache_attach(ctx) < 0) {
		*err = tls_queue_error("tlscache_attach");
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

int
tls_ctx_add_ca(SSL_CTX *ctx, const char *file, char **err)
{
	ERR_clear_error();
	if (SSL_CTX_load_verify_locations(ctx, file, NULL) != 1) {
		*err = tls_queue_error(file);
		return -1;
	}
	return 0;
}

SSL_CTX *
tls_https_ctx_new(SSL_CTX *trust, char **err)
{
	SSL_CTX *ctx = tls_ctx_base(SSL_VERIFY_PEER, TLS1_2_VERSION, err);

	if (ctx != NULL)
		SSL_CTX_set1_cert_store(ctx, SSL_CTX_get_cert_store(trust));
	return ctx;
}

/*
 * Why: parsing the system CA bundle costs 25-30 ms of CPU, and most runs
 * that stop before STARTTLS (no MX, refused, unreachable) never need it.
 * A mark on the store (its ex_data) says it was loaded, so contexts that
 * share it read the bundle once.
 */
void
tls_ctx_trust(SSL_CTX *ctx)
{
	static int idx = -1;
	X509_STORE *st = SSL_CTX_get_cert_store(ctx);

	if (idx < 0 && (idx = X509_STORE_get_ex_new_index(0, NULL, NULL,
	    NULL, NULL)) < 0)
		fatalx("%s: X509_STORE_get_ex_new_index", __func__);
	if (X509_STORE_get_ex_data(st, idx) != NULL)
		return;
	ERR_clear_error();
	/* A missing system store only means nothing verifies; not fatal. */
	if (X509_STORE_set_default_paths(st) != 1)
		ERR_clear_error();
	if (X509_STORE_set_ex_data(st, idx, st) != 1)
		fatalx("%s: X509_STORE_set_ex_data", __func__);
}

SSL *
tls_ssl_new(SSL_CTX *ctx, const char *host, const char *resume_key,
    char **err)
{
	SSL *ssl;

	tls_ctx_trust(ctx);
	ERR_clear_error();
	if ((ssl = SSL_new(ctx)) == NULL) {
		*err = tls_queue_error("SSL_new");
		return NULL;
	}
	/* RFC 6066 3: no SNI for an address literal ("[192.0.2.1]"). */
	if (host != NULL && *host != '\0' && *host != '[') {
		if (SSL_set_tlsext_host_name(ssl, host) != 1) {
			*err = tls_queue_error("SNI");
			SSL_free(ssl);
			return NULL;
		}
	}
	tlscache_offer(ssl, resume_key);
	return ssl;
}

static char *
tls_name_text(const X509_NAME *name)
{
	char buf[TLS_NAME_MAX];

	if (name == NULL)
		return NULL;
	if (X509_NAME_oneline(name, buf, sizeof(buf)) == NULL)
		return NULL;
	return xstrdup(buf);
}

/* ASN1_TIME to "2026-01-31T12:00:00Z". */
static char *
tls_time_text(const ASN1_TIME *t)
{
	struct tm tm;
	char buf[32];

	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return NULL;
	if (strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return NULL;
	return xstrdup(buf);
}

static void
tls_collect_sans(X509 *cert, struct strlist *sans)
{
	GENERAL_NAMES *names;
	int i, n;

	names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
	if (names == NULL)
		return;
	n = sk_GENERAL_NAME_num(names);
	for (i = 0; i < n && sans->n < TLS_SANS_MAX; i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names, i);
		const unsigned char *p;
		int len;

		if (gn->type != GEN_DNS)
			continue;
		p = ASN1_STRING_get0_data(gn->d.dNSName);
		len = ASN1_STRING_length(gn->d.dNSName);
		if (p == NULL || len <= 0 || len > TLS_NAME_MAX)
			continue;
		/* Stops at an embedded NUL; the escapers handle the rest. */
		strlist_addf(sans, "%.*s", len, (const char *)p);
	}
	GENERAL_NAMES_free(names);
}

struct tls_info *
tls_info_collect(SSL *ssl, const char *mx_host)
{
	struct tls_info *ti = xcalloc(1, sizeof(*ti));
	X509 *cert;
	long vr;

	ERR_clear_error();
	ti->version = xstrdup(SSL_get_version(ssl));
	ti->resumed = SSL_session_reused(ssl) == 1;
	if (SSL_get_current_cipher(ssl) != NULL)
		ti->cipher = xstrdup(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
	cert = SSL_get1_peer_certificate(ssl);
	if (cert == NULL) {
		ti->verified = false;
		ti->verify_error = xstrdup("no peer certificate");
		return ti;
	}
	ti->subject = tls_name_text(X509_get_subject_name(cert));
	ti->issuer = tls_name_text(X509_get_issuer_name(cert));
	ti->not_after = tls_time_text(X509_get0_notAfter(cert));
	tls_collect_sans(cert, &ti->sans);
	ti->name_match = mx_host != NULL && *mx_host != '\0' &&
	    X509_check_host(cert, mx_host, strlen(mx_host),
	    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1;
	/* The chain alone: no expected host is set on the SSL, so a name
	 * mismatch cannot overwrite a chain error here (see name_match). */
	vr = SSL_get_verify_result(ssl);
	if (vr == X509_V_OK) {
		ti->verified = true;
	} else {
		ti->verified = false;
		ti->verify_error = xstrdup(tlserr_verify_text(vr));
	}
	X509_free(cert);
	ERR_clear_error();
	return ti;
}

/* "3 1 1 <hex>", the hex cut after 64 octets. */
static char *
tls_tlsa_text(uint8_t u, uint8_t s, uint8_t m, const unsigned char *data,
    size_t len)
{
	char hex[2 * 64 + 1];
	size_t i;

	for (i = 0; i < len && i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", data[i]);
	hex[2 * i] = '\0';
	return xasprintf("%u %u %u %s%s", u, s, m, hex, len > 64 ? "..." : "");
}

struct tls_dane *
tls_dane_enable(SSL *ssl, const char *mx_host, const struct tls_tlsa *t,
    size_t n)
{
	struct tls_dane *d = xcalloc(1, sizeof(*d));
	size_t i;
	char *txt;
	int rc;

	d->depth = -1;
	ERR_clear_error();
	if (SSL_dane_enable(ssl, mx_host) <= 0) {
		d->error = tls_queue_error("SSL_dane_enable");
		return d;
	}
	/* RFC 7672 3.1.1: DANE-EE(3) binds the key, not a name. */
	SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
	for (i = 0; i < n; i++) {
		txt = tls_tlsa_text(t[i].usage, t[i].selector, t[i].mtype,
		    t[i].data, t[i].len);
		if (t[i].usage < 2) {
			strlist_addf(&d->unusable, "%s: usage %u (PKIX) is not "
			    "used for SMTP (RFC 7672 3.1.3)", txt, t[i].usage);
			free(txt);
			continue;
		}
		if ((t[i].mtype == 1 && t[i].len != 32) ||
		    (t[i].mtype == 2 && t[i].len != 64)) {
			strlist_addf(&d->unusable, "%s: a %s digest of %zu "
			    "octets (it has %d)", txt, t[i].mtype == 1 ?
			    "SHA-256" : "SHA-512", t[i].len,
			    t[i].mtype == 1 ? 32 : 64);
			free(txt);
			continue;
		}
		ERR_clear_error();
		rc = SSL_dane_tlsa_add(ssl, t[i].usage, t[i].selector,
		    t[i].mtype, t[i].data, t[i].len);
		if (rc > 0)
			d->usable++;
		else
			strlist_addf(&d->unusable, "%s: %s", txt, rc == 0 ?
			    "unsupported usage, selector or matching type" :
			    "malformed (a digest of the wrong length?)");
		free(txt);
	}
	ERR_clear_error();
	if (d->usable == 0)
		d->error = xstrdup("no usable TLSA record: TLS is required, "
		    "but the server cannot be authenticated (RFC 7672 2.2)");
	return d;
}

void
tls_dane_result(SSL *ssl, struct tls_dane *d)
{
	uint8_t u, s, m;
	const unsigned char *data;
	size_t len;
	long vr;

	if (d->usable == 0)
		return;
	ERR_clear_error();
	d->depth = SSL_get0_dane_authority(ssl, NULL, NULL);
	if (d->depth >= 0 &&
	    SSL_get0_dane_tlsa(ssl, &u, &s, &m, &data, &len) >= 0) {
		d->verified = true;
		d->matched = tls_tlsa_text(u, s, m, data, len);
		free(d->error);
		d->error = NULL;
		return;
	}
	d->depth = -1;
	vr = SSL_get_verify_result(ssl);
	free(d->error);
	d->error = xasprintf("no TLSA record matches the certificate (%s)",
	    vr == X509_V_OK ? "no match" : tlserr_verify_text(vr));
	ERR_clear_error();
}

char *
tls_bev_error(struct bufferevent *bev)
{
	char buf[256], *out = NULL, *tmp;
	unsigned long e;
	int n = 0;

	while ((e = bufferevent_get_openssl_error(bev)) != 0) {
		/* libevent queues errno values too (library 0): not OpenSSL's. */
		if (ERR_GET_LIB(e) == 0 || n++ >= 8)
			continue;	/* keep draining, stop growing */
		tlserr_queue_text(e, buf, sizeof(buf));
		if (out == NULL) {
			out = xstrdup(buf);
		} else {
			tmp = xasprintf("%s; %s", out, buf);
			free(out);
			out = tmp;
		}
	}
	return out;
}
