/*
 * dkim.c - DKIM key records (RFC 6376 3.6.1, RFC 8463 for ed25519): the
 * tag list read within the record's bounds (v=DKIM1 first when present,
 * k=, p=, t=), p= empty meaning revoked, t=y testing, and the RSA key's
 * size measured by decoding p= as a SubjectPublicKeyInfo with OpenSSL
 * (the only OpenSSL use outside net/tls.c: parsing a public key, no TLS).
 * A record that is not a key, bad base64 or a key OpenSSL refuses is
 * DKIM_KEY_INVALID.
 *
 * Public: dkim_common_selectors, dkim_parse_key, dkim_check, dkim_key_clear.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "base/util.h"
#include "sender/dkim.h"

#define DKIM_P_MAX	2048	/* base64 characters of p= read (a 8192-bit RSA key fits) */
#define DKIM_RECORD_KEEP 512	/* bytes of the record kept for the output */

const char *const dkim_common_selectors[] = {
	"default", "dkim", "google", "selector1", "selector2", "mail", "k1", "k2", "k3",
	"s1", "s2", "smtp", "key1", "mxvault", "dkim1", "sig1", NULL,
};

/* The modulus size of a base64 SubjectPublicKeyInfo; 0 when it is not a key. */
static int
dkim_key_bits(const char *b64, size_t n, char *k)
{
	unsigned char *der;
	const unsigned char *p;
	EVP_PKEY *key;
	int len, bits = 0;
	size_t pad = 0;

	if (n == 0 || n % 4 != 0)
		return 0;
	der = xmalloc(n / 4 * 3 + 1);
	len = EVP_DecodeBlock(der, (const unsigned char *)b64, (int)n);
	if (len > 0) {
		while (pad < 2 && b64[n - 1 - pad] == '=')
			pad++;
		len -= (int)pad;
		p = der;
		if ((key = d2i_PUBKEY(NULL, &p, len)) != NULL) {
			bits = EVP_PKEY_get_bits(key);
			if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519)
				snprintf(k, 12, "ed25519");
			EVP_PKEY_free(key);
		}
	}
	free(der);
	return bits;
}

void
dkim_parse_key(const char *txt, size_t len, struct dkim_key *key)
{
	const char *p = txt, *end = txt + len, *semi, *eq, *v;
	char b64[DKIM_P_MAX + 1];
	size_t n, tn, vn, bn = 0, i;
	bool first = true, have_p = false;

	snprintf(key->k, sizeof(key->k), "rsa");
	key->status = DKIM_KEY_INVALID;
	while (p < end) {
		semi = memchr(p, ';', (size_t)(end - p));
		n = semi ? (size_t)(semi - p) : (size_t)(end - p);
		while (n > 0 && isspace((unsigned char)*p)) {
			p++;
			n--;
		}
		if (n > 0 && (eq = memchr(p, '=', n)) != NULL) {
			for (tn = (size_t)(eq - p); tn > 0 && isspace((unsigned char)p[tn - 1]); tn--)
				;
			v = eq + 1;
			vn = n - (size_t)(v - p);
			if (first && tn == 1 && p[0] == 'v' &&
			    !(vn >= 5 && strncmp(v, "DKIM1", 5) == 0)) {
				key->error = xstrdup("v= is not DKIM1");
				return;
			}
			if (tn == 1 && p[0] == 'k') {
				for (i = 0; i < vn && isspace((unsigned char)v[i]); i++)
					;
				snprintf(key->k, sizeof(key->k), "%.*s", (int)(vn - i), v + i);
				for (i = strlen(key->k); i > 0 && isspace((unsigned char)key->k[i - 1]); i--)
					key->k[i - 1] = '\0';
			} else if (tn == 1 && p[0] == 't') {
				for (i = 0; i < vn; i++)
					if (v[i] == 'y' && (i == 0 || v[i - 1] == ':' ||
					    isspace((unsigned char)v[i - 1])))
						key->testing = true;
			} else if (tn == 1 && p[0] == 'p') {
				have_p = true;
				for (i = 0; i < vn; i++) {
					if (isspace((unsigned char)v[i]))
						continue;	/* FWS inside the base64 */
					if (bn == DKIM_P_MAX) {
						key->error = xasprintf("p= longer than %d characters",
						    DKIM_P_MAX);
						return;
					}
					b64[bn++] = v[i];
				}
			}
			first = false;
		}
		if (semi == NULL)
			break;
		p = semi + 1;
	}
	b64[bn] = '\0';
	if (!have_p) {
		key->error = xstrdup("no p= tag: not a DKIM key record");
		return;
	}
	if (bn == 0) {
		key->status = DKIM_KEY_REVOKED;
		return;
	}
	if (strcasecmp(key->k, "rsa") != 0 && strcasecmp(key->k, "ed25519") != 0) {
		key->error = xasprintf("unknown key type k=%s", key->k);
		return;
	}
	if (strcasecmp(key->k, "ed25519") == 0) {
		/*
		 * RFC 8463: p= is the bare 32-byte key, not a
		 * SubjectPublicKeyInfo.
		 */
		key->bits = bn == 44 ? 256 : 0;
		if (key->bits == 0) {
			key->error = xstrdup("an ed25519 key must be 32 bytes");
			return;
		}
		key->status = DKIM_KEY_OK;
		return;
	}
	if ((key->bits = dkim_key_bits(b64, bn, key->k)) <= 0) {
		key->bits = 0;
		key->error = xstrdup("p= is not a valid public key");
		return;
	}
	key->status = DKIM_KEY_OK;
}

bool
dkim_check(const struct sender_dns *dns, const char *domain,
    const char *const *sel, size_t n, struct dkim_key *out)
{
	const struct dns_result *r;
	char q[320];
	size_t i, k;
	bool done = true;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].selector = xstrdup(sel[i]);
		snprintf(q, sizeof(q), "%s._domainkey.%s", sel[i], domain);
		if ((r = sdns_get(dns, q, DNS_T_TXT)) == NULL) {
			out[i].status = DKIM_KEY_NEED;
			done = false;
			continue;
		}
		if (dns_result_nxdomain(r) ||
		    (dns_result_ok(r) && r->nrrs == 0)) {
			out[i].status = DKIM_KEY_ABSENT;
			continue;
		}
		if (!dns_result_ok(r)) {
			out[i].status = DKIM_KEY_ERROR;
			out[i].error = xstrdup(dns_result_problem(r));
			continue;
		}
		/*
		 * The first record that is a key; else the first record's
		 * error.
		 */
		for (k = 0; k < r->nrrs; k++) {
			struct dkim_key tmp = { 0 };

			dkim_parse_key((const char *)r->rrs[k].data,
			    r->rrs[k].len, &tmp);
			if (k == 0 || tmp.status != DKIM_KEY_INVALID) {
				free(out[i].error);
				out[i].status = tmp.status;
				memcpy(out[i].k, tmp.k, sizeof(tmp.k));
				out[i].bits = tmp.bits;
				out[i].testing = tmp.testing;
				out[i].error = tmp.error;
				free(out[i].record);
				out[i].record = xstrndup((const char *)r->rrs[k].data,
				    r->rrs[k].len < DKIM_RECORD_KEEP ? r->rrs[k].len : DKIM_RECORD_KEEP);
			} else
				free(tmp.error);
			if (tmp.status != DKIM_KEY_INVALID)
				break;
		}
	}
	return done;
}

void
dkim_key_clear(struct dkim_key *k)
{
	free(k->selector);
	free(k->error);
	free(k->record);
	memset(k, 0, sizeof(*k));
}
