/*
 * tlserr.c - fixed words for OpenSSL's errors (tlserr.h), so each one
 * has its Chinese in the catalogue.
 *
 * Public: tlserr_verify_text(), tlserr_queue_text(), tlserr_known().
 *
 * The English is OpenSSL 3's for the same code, as users and search
 * engines know it, so the JSON fields that carry it keep their values; a
 * code outside the tables still says OpenSSL's words, as their detail.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/syserr.h"
#include "net/tlserr.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct tlserr_row {
	int		 code;
	const char	*text;
};

/* What a server's certificate chain can fail with. */
static const struct tlserr_row tlserr_x509[] = {
	{ X509_V_ERR_UNSPECIFIED, "unspecified certificate verification error" },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "unable to get issuer certificate" },
	{ X509_V_ERR_UNABLE_TO_GET_CRL,	"unable to get certificate CRL" },
	{ X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE,
	    "unable to decrypt certificate's signature" },
	{ X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY,
	    "unable to decode issuer public key" },
	{ X509_V_ERR_CERT_SIGNATURE_FAILURE, "certificate signature failure" },
	{ X509_V_ERR_CERT_NOT_YET_VALID, "certificate is not yet valid" },
	{ X509_V_ERR_CERT_HAS_EXPIRED,	"certificate has expired" },
	{ X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD,
	    "format error in certificate's notBefore field" },
	{ X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD,
	    "format error in certificate's notAfter field" },
	{ X509_V_ERR_OUT_OF_MEM,	"out of memory" },
	{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate" },
	{ X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
	    "self-signed certificate in certificate chain" },
	{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
	    "unable to get local issuer certificate" },
	{ X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE,
	    "unable to verify the first certificate" },
	{ X509_V_ERR_CERT_CHAIN_TOO_LONG, "certificate chain too long" },
	{ X509_V_ERR_CERT_REVOKED,	"certificate revoked" },
	{ X509_V_ERR_PATH_LENGTH_EXCEEDED, "path length constraint exceeded" },
	{ X509_V_ERR_INVALID_PURPOSE,	"unsuitable certificate purpose" },
	{ X509_V_ERR_CERT_UNTRUSTED,	"certificate not trusted" },
	{ X509_V_ERR_CERT_REJECTED,	"certificate rejected" },
	{ X509_V_ERR_SUBJECT_ISSUER_MISMATCH, "subject issuer mismatch" },
	{ X509_V_ERR_KEYUSAGE_NO_CERTSIGN,
	    "key usage does not include certificate signing" },
	{ X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION,
	    "unhandled critical extension" },
	{ X509_V_ERR_INVALID_NON_CA,
	    "invalid non-CA certificate (has CA markings)" },
	{ X509_V_ERR_INVALID_EXTENSION,
	    "invalid or inconsistent certificate extension" },
	{ X509_V_ERR_PERMITTED_VIOLATION, "permitted subtree violation" },
	{ X509_V_ERR_EXCLUDED_VIOLATION, "excluded subtree violation" },
	{ X509_V_ERR_PATH_LOOP,		"path loop" },
	{ X509_V_ERR_HOSTNAME_MISMATCH,	"hostname mismatch" },
	{ X509_V_ERR_IP_ADDRESS_MISMATCH, "IP address mismatch" },
	{ X509_V_ERR_DANE_NO_MATCH,	"no matching DANE TLSA records" },
	{ X509_V_ERR_EE_KEY_TOO_SMALL,	"EE certificate key too weak" },
	{ X509_V_ERR_CA_KEY_TOO_SMALL,	"CA certificate key too weak" },
	{ X509_V_ERR_CA_MD_TOO_WEAK,	"CA signature digest algorithm too weak" },
	{ X509_V_ERR_STORE_LOOKUP,	"issuer certificate lookup error" },
	{ X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM,
	    "Cannot find certificate signature algorithm" },
	{ X509_V_ERR_INVALID_CA,	"invalid CA certificate" },
	{ X509_V_ERR_EC_KEY_EXPLICIT_PARAMS,
	    "Certificate public key has explicit ECC parameters" },
};

/*
 * OpenSSL's reasons (library SSL) that a probe's handshake meets: what
 * the client finds wrong, and each alert a server can send (its reason is
 * SSL_AD_REASON_OFFSET + the alert's number, RFC 8446 6).
 */
static const struct tlserr_row tlserr_ssl[] = {
	{ SSL_R_WRONG_VERSION_NUMBER,	"wrong version number" },
	{ SSL_R_UNKNOWN_PROTOCOL,	"unknown protocol" },
	{ SSL_R_UNSUPPORTED_PROTOCOL,	"unsupported protocol" },
	{ SSL_R_NO_PROTOCOLS_AVAILABLE,	"no protocols available" },
	{ SSL_R_VERSION_TOO_LOW,	"version too low" },
	{ SSL_R_NO_SHARED_CIPHER,	"no shared cipher" },
	{ SSL_R_NO_CIPHERS_AVAILABLE,	"no ciphers available" },
	{ SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM,
	    "no suitable signature algorithm" },
	{ SSL_R_UNEXPECTED_EOF_WHILE_READING, "unexpected eof while reading" },
	{ SSL_R_CERTIFICATE_VERIFY_FAILED, "certificate verify failed" },
	{ SSL_R_PACKET_LENGTH_TOO_LONG,	"packet length too long" },
	{ SSL_R_RECORD_LENGTH_MISMATCH,	"record length mismatch" },
	{ SSL_R_UNEXPECTED_MESSAGE,	"unexpected message" },
	{ SSL_R_UNEXPECTED_RECORD,	"unexpected record" },
	{ SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC,
	    "decryption failed or bad record mac" },
	{ SSL_R_DH_KEY_TOO_SMALL,	"dh key too small" },
	{ SSL_R_EE_KEY_TOO_SMALL,	"ee key too small" },
	{ SSL_R_CA_KEY_TOO_SMALL,	"ca key too small" },
	{ SSL_R_CA_MD_TOO_WEAK,		"ca md too weak" },
	{ SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED,
	    "unsafe legacy renegotiation disabled" },
	{ SSL_R_BAD_KEY_SHARE,		"bad key share" },
	{ SSL_R_BAD_EXTENSION,		"bad extension" },
	{ SSL_R_WRONG_CURVE,		"wrong curve" },
	{ SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED,
	    "legacy sigalg disallowed or unsupported" },
	{ SSL_R_BAD_SIGNATURE,	"bad signature" },
	{ SSL_R_WRONG_SIGNATURE_TYPE,	"wrong signature type" },
	{ SSL_R_NO_SHARED_SIGNATURE_ALGORITHMS,
	    "no shared signature algorithms" },
	{ SSL_R_WRONG_CIPHER_RETURNED,	"wrong cipher returned" },
	{ SSL_R_UNKNOWN_CIPHER_RETURNED,	"unknown cipher returned" },
	{ SSL_R_BAD_ECPOINT,	"bad ecpoint" },
	{ SSL_R_BAD_DH_VALUE,	"bad dh value" },
	{ SSL_R_UNSUPPORTED_ELLIPTIC_CURVE,	"unsupported elliptic curve" },
	{ SSL_R_WRONG_CERTIFICATE_TYPE,	"wrong certificate type" },
	{ SSL_R_EXCESSIVE_MESSAGE_SIZE,	"excessive message size" },
	{ SSL_R_BAD_PACKET_LENGTH,	"bad packet length" },
	{ SSL_R_LENGTH_MISMATCH,	"length mismatch" },
	{ SSL_R_LENGTH_TOO_SHORT,	"length too short" },
	{ SSL_R_BAD_LENGTH,	"bad length" },
	{ SSL_R_BAD_RECORD_TYPE,	"bad record type" },
	{ SSL_R_WRONG_SSL_VERSION,	"wrong ssl version" },
	{ SSL_R_BAD_LEGACY_VERSION,	"bad legacy version" },
	{ SSL_R_UNEXPECTED_CCS_MESSAGE,	"unexpected ccs message" },
	{ SSL_R_UNSOLICITED_EXTENSION,	"unsolicited extension" },
	{ SSL_R_RENEGOTIATION_MISMATCH,	"renegotiation mismatch" },
	{ SSL_R_SSLV3_ALERT_UNEXPECTED_MESSAGE,
	    "sslv3 alert unexpected message" },
	{ SSL_R_SSLV3_ALERT_BAD_RECORD_MAC, "sslv3 alert bad record mac" },
	{ SSL_R_TLSV1_ALERT_RECORD_OVERFLOW, "tlsv1 alert record overflow" },
	{ SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE,
	    "sslv3 alert handshake failure" },
	{ SSL_R_SSLV3_ALERT_BAD_CERTIFICATE, "sslv3 alert bad certificate" },
	{ SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE,
	    "sslv3 alert unsupported certificate" },
	{ SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED,
	    "sslv3 alert certificate revoked" },
	{ SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED,
	    "sslv3 alert certificate expired" },
	{ SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN,
	    "sslv3 alert certificate unknown" },
	{ SSL_R_SSLV3_ALERT_ILLEGAL_PARAMETER,
	    "sslv3 alert illegal parameter" },
	{ SSL_R_TLSV1_ALERT_UNKNOWN_CA,	"tlsv1 alert unknown ca" },
	{ SSL_R_TLSV1_ALERT_ACCESS_DENIED, "tlsv1 alert access denied" },
	{ SSL_R_TLSV1_ALERT_DECODE_ERROR, "tlsv1 alert decode error" },
	{ SSL_R_TLSV1_ALERT_DECRYPT_ERROR, "tlsv1 alert decrypt error" },
	{ SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
	    "tlsv1 alert protocol version" },
	{ SSL_R_TLSV1_ALERT_INSUFFICIENT_SECURITY,
	    "tlsv1 alert insufficient security" },
	{ SSL_R_TLSV1_ALERT_INTERNAL_ERROR, "tlsv1 alert internal error" },
	{ SSL_R_TLSV1_ALERT_INAPPROPRIATE_FALLBACK,
	    "tlsv1 alert inappropriate fallback" },
	{ SSL_R_TLSV1_ALERT_USER_CANCELLED, "tlsv1 alert user cancelled" },
	{ SSL_R_TLSV1_ALERT_NO_RENEGOTIATION,
	    "tlsv1 alert no renegotiation" },
	{ SSL_R_TLSV13_ALERT_MISSING_EXTENSION,
	    "tlsv13 alert missing extension" },
	{ SSL_R_TLSV1_UNSUPPORTED_EXTENSION, "tlsv1 unsupported extension" },
	{ SSL_R_TLSV1_UNRECOGNIZED_NAME, "tlsv1 unrecognized name" },
	{ SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED,
	    "tlsv13 alert certificate required" },
	{ SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL,
	    "tlsv1 alert no application protocol" },
	{ SSL_R_TLSV1_ALERT_DECRYPTION_FAILED,
	    "tlsv1 alert decryption failed" },
	{ SSL_R_SSLV3_ALERT_DECOMPRESSION_FAILURE,
	    "sslv3 alert decompression failure" },
	{ SSL_R_SSLV3_ALERT_NO_CERTIFICATE,	"sslv3 alert no certificate" },
	{ SSL_R_TLSV1_ALERT_EXPORT_RESTRICTION,
	    "tlsv1 alert export restriction" },
	{ SSL_R_TLSV1_CERTIFICATE_UNOBTAINABLE,
	    "tlsv1 certificate unobtainable" },
	{ SSL_R_TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE,
	    "tlsv1 bad certificate status response" },
	{ SSL_R_TLSV1_BAD_CERTIFICATE_HASH_VALUE,
	    "tlsv1 bad certificate hash value" },
	{ SSL_R_TLSV1_ALERT_UNKNOWN_PSK_IDENTITY,
	    "tlsv1 alert unknown psk identity" },
};

/* The fallbacks' formats and the queue line's: the catalogue translates
 * each (a queue line by its reason: a row per reason). */
#define TLSERR_X509_OTHER	"certificate verification error %ld (%s)"
#define TLSERR_SSL_LINE		"error:%08lX:SSL routines::%s"
#define TLSERR_SYS_LINE		"error:%08lX:system library::%s"
#define TLSERR_SSL_ROW		"error:%s:SSL routines::"	/* + reason */

static char tlserr_buf[256];

static const char *
tlserr_find(const struct tlserr_row *t, size_t n, long code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].text;
	return NULL;
}

const char *
tlserr_verify_text(long vr)
{
	const char *t = tlserr_find(tlserr_x509, NELEM(tlserr_x509), vr);

	if (t != NULL)
		return t;
	snprintf(tlserr_buf, sizeof(tlserr_buf), TLSERR_X509_OTHER, vr,
	    X509_verify_cert_error_string(vr));
	return tlserr_buf;
}

void
tlserr_queue_text(unsigned long e, char *buf, size_t len)
{
	const char *t;

	if (ERR_SYSTEM_ERROR(e)) {
		snprintf(buf, len, TLSERR_SYS_LINE, e,
		    syserr_text(ERR_GET_REASON(e)));
		return;
	}
	if (ERR_GET_LIB(e) == ERR_LIB_SSL && (t = tlserr_find(tlserr_ssl,
	    NELEM(tlserr_ssl), ERR_GET_REASON(e))) != NULL) {
		snprintf(buf, len, TLSERR_SSL_LINE, e, t);
		return;
	}
	ERR_error_string_n(e, buf, len);
}

/*
 * The i-th text: the verification results, then each queue line's format
 * with its reason in it ("error:%s:SSL routines::wrong version number":
 * the catalogue's row, its code captured), then the fallbacks.
 */
const char *
tlserr_known(size_t i)
{
	static char line[128];

	if (i < NELEM(tlserr_x509))
		return tlserr_x509[i].text;
	i -= NELEM(tlserr_x509);
	if (i < NELEM(tlserr_ssl)) {
		snprintf(line, sizeof(line), "%s%s", TLSERR_SSL_ROW,
		    tlserr_ssl[i].text);
		return line;
	}
	i -= NELEM(tlserr_ssl);
	return i == 0 ? TLSERR_X509_OTHER : i == 1 ? "error:%s:system library::%s" :
	    i == 2 ? "error:%s:%s::%s" : NULL;
}
