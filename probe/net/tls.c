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
 * reads what the handshake established (and, when the chain did not
 * verify, where it stopped: the certificate and its untrusted issuer);
 * tls_dane_result() which TLSA record matched, or the certificate's own
 * data for each DANE-EE form when none did; tls_bev_error() turns the error
 * queue of one bufferevent into one string so no other session is blamed.
 * Failures are returned as strings for the caller's record, never fatal,
 * in tlserr.c's words (the catalogue has their Chinese).
 */
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
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
#define TLS_CHAIN_MAX	10

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

/*
 * Why: a CA certificate saved in DER (binary), as browsers and Windows
 * export it, is the common wrong --ca-file; OpenSSL's "no certificate or
 * crl found" does not say which form it wants.
 */
int
tls_ctx_add_ca(SSL_CTX *ctx, const char *file, char **err)
{
	unsigned long e;

	ERR_clear_error();
	if (SSL_CTX_load_verify_locations(ctx, file, NULL) != 1) {
		e = ERR_peek_last_error();
		if (ERR_GET_LIB(e) == ERR_LIB_X509 &&
		    ERR_GET_REASON(e) == X509_R_NO_CERTIFICATE_OR_CRL_FOUND) {
			ERR_clear_error();
			*err = xasprintf("%s: %s", file, "no certificate in PEM "
			    "form in it (the text that starts with -----BEGIN "
			    "CERTIFICATE-----), and one in DER converts to it with "
			    "\"openssl x509 -inform der -in FILE -out FILE.pem\"");
			return -1;
		}
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

/* The chain errors that mean "its issuer is not trusted here". */
static bool
tls_untrusted_code(long code)
{
	return code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
	    code == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
	    code == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
	    code == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE;
}

/*
 * Whether cert says where its issuer's certificate is published (AIA
 * caIssuers, RFC 5280 4.2.2.1), as a public CA's certificates must (CA/B
 * Forum Baseline Requirements 7.1.2.7.7): its issuer is then most likely
 * an intermediate, which browsers fetch from there and mail servers do not.
 */
static bool
tls_issuer_published(X509 *cert)
{
	AUTHORITY_INFO_ACCESS *aia;
	bool found = false;
	int i;

	aia = X509_get_ext_d2i(cert, NID_info_access, NULL, NULL);
	for (i = 0; aia != NULL && i < sk_ACCESS_DESCRIPTION_num(aia); i++)
		if (OBJ_obj2nid(sk_ACCESS_DESCRIPTION_value(aia, i)->method) ==
		    NID_ad_ca_issuers)
			found = true;
	AUTHORITY_INFO_ACCESS_free(aia);
	return found;
}

/*
 * Why: SSL_get_verify_result() keeps only the code, not where in the
 * chain it failed nor which issuer was missing, and a resumed session
 * ran no verification at all.  So the chain the server sent is verified
 * again, after the handshake, against the same store and purpose, and the
 * certificate it stopped at is kept when the code is the same.  An
 * untrusted issuer of the server's own certificate is an intermediate it
 * failed to send when it sent others (not that one), or when the
 * certificate points to where its issuer is published; a leaf sent alone
 * without that is as likely issued by a private root, not trusted here.
 */
static void
tls_chain_where(SSL *ssl, X509 *cert, long vr, struct tls_info *ti)
{
	X509_STORE_CTX *ctx;
	X509 *at;

	ERR_clear_error();
	if ((ctx = X509_STORE_CTX_new()) == NULL)
		fatalx("%s: X509_STORE_CTX_new", __func__);
	if (X509_STORE_CTX_init(ctx, SSL_CTX_get_cert_store(
	    SSL_get_SSL_CTX(ssl)), cert, SSL_get_peer_cert_chain(ssl)) == 1 &&
	    X509_STORE_CTX_set_default(ctx, "ssl_server") == 1 &&
	    X509_verify_cert(ctx) <= 0 && X509_STORE_CTX_get_error(ctx) == vr &&
	    (at = X509_STORE_CTX_get_current_cert(ctx)) != NULL) {
		ti->verify_depth = X509_STORE_CTX_get_error_depth(ctx);
		ti->verify_subject = tls_name_text(X509_get_subject_name(at));
		ti->verify_issuer = tls_name_text(X509_get_issuer_name(at));
		ti->verify_untrusted = tls_untrusted_code(vr);
		ti->verify_unsent = ti->verify_untrusted &&
		    ti->verify_depth == 0 && (sk_X509_num(
		    SSL_get_peer_cert_chain(ssl)) > 1 ||
		    tls_issuer_published(cert));
	}
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
}

/* The subjects of the certificates the server sent, its own first. */
static void
tls_collect_chain(SSL *ssl, struct strlist *chain)
{
	STACK_OF(X509) *sk = SSL_get_peer_cert_chain(ssl);
	char *name;
	int i;

	for (i = 0; sk != NULL && i < sk_X509_num(sk) && i < TLS_CHAIN_MAX;
	    i++) {
		name = tls_name_text(X509_get_subject_name(sk_X509_value(sk, i)));
		strlist_add(chain, name != NULL ? name : "");
		free(name);
	}
}

/* A digest as lower-case hex (owned). */
static char *
tls_hex(const unsigned char *md, unsigned int n)
{
	char *out = xmalloc(2 * (size_t)n + 1);

	hex_text(out, md, n);
	return out;
}

/* The certificate's and its key's SHA-256, as posttls-finger's
 * fingerprint and pkey_fingerprint with -d sha256. */
static void
tls_fingerprints(X509 *cert, struct tls_info *ti)
{
	unsigned char md[EVP_MAX_MD_SIZE], *der = NULL;
	unsigned int n;
	int len;

	if (X509_digest(cert, EVP_sha256(), md, &n) == 1)
		ti->sha256 = tls_hex(md, n);
	/* X509_pubkey_digest() hashes the key's bits alone, not the SPKI. */
	len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
	if (len > 0 && EVP_Digest(der, (size_t)len, md, &n, EVP_sha256(),
	    NULL) == 1)
		ti->pkey_sha256 = tls_hex(md, n);
	OPENSSL_free(der);
	ERR_clear_error();
}

/* A key's curve (an EC key's group, "prime256v1"), owned; NULL: none. */
static char *
tls_key_curve(const EVP_PKEY *pk)
{
	char name[80];
	size_t n = 0;

	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC ||
	    EVP_PKEY_get_group_name(pk, name, sizeof(name), &n) != 1 || n == 0)
		return NULL;
	return xstrdup(name);
}

/* The name of a signature's key type, as posttls-finger writes it. */
static const char *
tls_sig_name(int nid)
{
	switch (nid) {
	case EVP_PKEY_RSA_PSS:
		return "RSA-PSS";
	case EVP_PKEY_RSA:
		return "RSA";
	case EVP_PKEY_EC:
		return "ECDSA";
	default:
		return OBJ_nid2sn(nid);
	}
}

/*
 * What posttls-finger's one line adds to the protocol and cipher: the
 * cipher's bits, the key exchange's group (the server's ephemeral key
 * when the group has no name: custom DHE), and how the server signed the
 * handshake: its signature type, digest and key (bits, or an EC key's
 * curve).  A resumed session signs nothing: no signature then.  A key
 * exchange is named only when the server sent an ephemeral key in this
 * handshake: a resumed TLS 1.2 session makes none, though OpenSSL still
 * names the group of the session it resumed.
 */
static void
tls_collect_params(SSL *ssl, X509 *cert, struct tls_info *ti)
{
	EVP_PKEY *tmp = NULL, *pk;
	const char *name = NULL;
	int nid, alg = 0;

	if (SSL_get_current_cipher(ssl) != NULL) {
		ti->cipher_bits = SSL_get_cipher_bits(ssl, &alg);
		ti->cipher_alg_bits = alg;
	}
	if (SSL_get_peer_tmp_key(ssl, &tmp) == 1) {
		nid = SSL_get_negotiated_group(ssl);
		if (nid != NID_undef && (nid & TLSEXT_nid_unknown) == 0)
			name = OBJ_nid2sn(nid);
		ti->kex_bits = EVP_PKEY_get_bits(tmp);
		if (name == NULL && EVP_PKEY_get_base_id(tmp) == EVP_PKEY_DH)
			name = "DHE";
		EVP_PKEY_free(tmp);
	}
	if (name != NULL)
		ti->kex = xstrdup(name);
	if (SSL_get_peer_signature_type_nid(ssl, &nid) == 1 &&
	    (name = tls_sig_name(nid)) != NULL)
		ti->sig = xstrdup(name);
	if (ti->sig != NULL && SSL_get_peer_signature_nid(ssl, &nid) == 1 &&
	    nid != NID_undef && (name = OBJ_nid2sn(nid)) != NULL)
		ti->sig_digest = xstrdup(name);
	if (cert != NULL && (pk = X509_get0_pubkey(cert)) != NULL) {
		ti->key_bits = EVP_PKEY_get_bits(pk);
		ti->key_curve = tls_key_curve(pk);
	}
	ERR_clear_error();
}

/* Whether cert names host; *matched: the name that did (owned). */
static bool
tls_check_name(X509 *cert, const char *host, char **matched)
{
	char *peer = NULL;
	bool ok;

	*matched = NULL;
	if (host == NULL || *host == '\0')
		return false;
	ok = X509_check_host(cert, host, strlen(host),
	    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, &peer) == 1;
	if (ok && peer != NULL && strlen(peer) <= TLS_NAME_MAX)
		*matched = xstrdup(peer);
	OPENSSL_free(peer);
	return ok;
}

struct tls_info *
tls_info_collect(SSL *ssl, const char *mx_host)
{
	struct tls_info *ti = xcalloc(1, sizeof(*ti));
	X509 *cert;
	long vr;

	ti->verify_depth = -1;

	ERR_clear_error();
	ti->version = xstrdup(SSL_get_version(ssl));
	ti->resumed = SSL_session_reused(ssl) == 1;
	if (SSL_get_current_cipher(ssl) != NULL)
		ti->cipher = xstrdup(SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)));
	cert = SSL_get1_peer_certificate(ssl);
	tls_collect_params(ssl, cert, ti);
	if (cert == NULL) {
		ti->verified = false;
		ti->verify_error = xstrdup("no peer certificate");
		return ti;
	}
	ti->subject = tls_name_text(X509_get_subject_name(cert));
	ti->issuer = tls_name_text(X509_get_issuer_name(cert));
	ti->not_after = tls_time_text(X509_get0_notAfter(cert));
	ti->not_before = tls_time_text(X509_get0_notBefore(cert));
	ti->expired = X509_cmp_current_time(X509_get0_notAfter(cert)) < 0;
	ti->not_yet_valid = X509_cmp_current_time(X509_get0_notBefore(cert)) >
	    0;
	tls_collect_sans(cert, &ti->sans);
	tls_collect_chain(ssl, &ti->chain);
	tls_fingerprints(cert, ti);
	ti->name_match = tls_check_name(cert, mx_host, &ti->matched_name);
	/* The chain alone: no expected host is set on the SSL, so a name
	 * mismatch cannot overwrite a chain error here (see name_match). */
	vr = SSL_get_verify_result(ssl);
	if (vr == X509_V_OK) {
		ti->verified = true;
	} else {
		ti->verified = false;
		ti->verify_error = xstrdup(tlserr_verify_text(vr));
		/* DANE's verdict is tls_dane_result's, not the chain's. */
		if (vr != X509_V_ERR_DANE_NO_MATCH)
			tls_chain_where(ssl, cert, vr, ti);
	}
	X509_free(cert);
	ERR_clear_error();
	return ti;
}

struct tls_info *
tls_info_failed(SSL *ssl, long vr)
{
	struct tls_info *ti = xcalloc(1, sizeof(*ti));
	STACK_OF(X509) *sk = SSL_get_peer_cert_chain(ssl);

	ti->verify_depth = -1;
	ti->verify_error = xstrdup(tlserr_verify_text(vr));
	tls_collect_chain(ssl, &ti->chain);
	/* A client's peer chain starts with the server's own certificate. */
	if (sk != NULL && sk_X509_num(sk) > 0)
		tls_chain_where(ssl, sk_X509_value(sk, 0), vr, ti);
	return ti;
}

char *
tls_tlsa_text(uint8_t u, uint8_t s, uint8_t m, const unsigned char *data,
    size_t len)
{
	char hex[2 * 64 + 1];

	hex_text(hex, data, len < 64 ? len : 64);
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
		if (rc > 0 && t[i].usage == 3 && t[i].selector < 2 &&
		    t[i].mtype < 3)
			d->ee_forms |= 1u << (t[i].selector * 3 + t[i].mtype);
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

/*
 * The server certificate's own data in each form (selector, matching
 * type) its DANE-EE records use: what a record must hold to match it.
 * 3 1 1 is the key's SHA-256 tls_fingerprints made already (spki_sha256,
 * NULL: it could not), so it is not hashed twice; the DER is encoded only
 * for a form that still needs it.
 */
static void
tls_dane_own(SSL *ssl, const char *spki_sha256, struct tls_dane *d)
{
	X509 *cert = SSL_get0_peer_certificate(ssl);
	unsigned char *der, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	uint8_t sel, mt;
	char *txt;
	int len;

	for (sel = 0; cert != NULL && sel < 2; sel++) {
		der = NULL;
		len = 0;
		for (mt = 0; mt < 3; mt++) {
			if (!(d->ee_forms & (1u << (sel * 3 + mt))))
				continue;
			if (sel == 1 && mt == 1) {
				if (spki_sha256 != NULL)
					strlist_addf(&d->own, "3 1 1 %s",
					    spki_sha256);
				continue;
			}
			if (der == NULL && (len = sel == 0 ?
			    i2d_X509(cert, &der) : i2d_X509_PUBKEY(
			    X509_get_X509_PUBKEY(cert), &der)) <= 0)
				break;
			if (mt == 0)
				txt = tls_tlsa_text(3, sel, mt, der,
				    (size_t)len);
			else if (EVP_Digest(der, (size_t)len, md, &mdlen,
			    mt == 1 ? EVP_sha256() : EVP_sha512(), NULL) == 1)
				txt = tls_tlsa_text(3, sel, mt, md, mdlen);
			else
				continue;
			strlist_add(&d->own, txt);
			free(txt);
		}
		OPENSSL_free(der);
	}
	ERR_clear_error();
}

void
tls_dane_result(SSL *ssl, const struct tls_info *ti, struct tls_dane *d)
{
	uint8_t u, s, m;
	const unsigned char *data;
	size_t len;
	long vr;

	if (d->usable == 0)
		return;
	tls_dane_own(ssl, ti->pkey_sha256, d);
	d->depth = SSL_get0_dane_authority(ssl, NULL, NULL);
	if (d->depth >= 0 &&
	    SSL_get0_dane_tlsa(ssl, &u, &s, &m, &data, &len) >= 0) {
		d->verified = true;
		d->matched = tls_tlsa_text(u, s, m, data, len);
		d->matched_usage = u;
		free(d->error);
		d->error = NULL;
		return;
	}
	d->depth = -1;
	vr = SSL_get_verify_result(ssl);
	free(d->error);
	/* OpenSSL's own words would only say the same again. */
	d->error = vr == X509_V_ERR_DANE_NO_MATCH || vr == X509_V_OK ?
	    xstrdup("no TLSA record matches the certificate") :
	    xasprintf("no TLSA record matches the certificate (%s)",
	    tlserr_verify_text(vr));
	ERR_clear_error();
}

char *
tls_bev_error(struct bufferevent *bev)
{
	char buf[256], *out = NULL, *tmp;
	unsigned long e;
	int n = 0;

	while ((e = bufferevent_get_openssl_error(bev)) != 0) {
		/*
		 * libevent queues errno values too (library 0): not OpenSSL's.
		 */
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
