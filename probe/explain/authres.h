/*
 * authres.h - what the receiving side wrote about sender authentication:
 * Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC
 * 8617), Received-SPF (RFC 7208 section 9.1), and the parts of a
 * DKIM-Signature (RFC 6376) and From: needed to judge alignment.  Pure
 * functions over header text; every field bounded.
 */
#ifndef MXTRACE_AUTHRES_H
#define MXTRACE_AUTHRES_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"
#include "explain/received.h"

#define AR_WORD_MAX	32
#define AR_TEXT_MAX	200

/* One method's result: "dkim=pass header.d=example.com header.s=s1". */
struct ar_result {
	char	method[AR_WORD_MAX];		/* lower case: spf, dkim, dmarc, arc, compauth... */
	char	result[AR_WORD_MAX];		/* lower case: pass, fail, softfail, none... */
	char	reason[AR_TEXT_MAX];		/* reason= */
	char	comment[AR_TEXT_MAX];		/* the first comment: "(p=NONE sp=NONE dis=NONE)" */
	char	header_d[RCVD_HOST_MAX];	/* header.d, or the domain of header.i */
	char	header_s[AR_WORD_MAX * 2];	/* header.s: the DKIM selector */
	char	header_from[RCVD_HOST_MAX];	/* header.from (DMARC) */
	char	mailfrom[RCVD_HOST_MAX];	/* smtp.mailfrom (an address or a domain) */
	char	helo[RCVD_HOST_MAX];		/* smtp.helo */
	char	client_ip[RCVD_IP_MAX];		/* smtp.client-ip, smtp.remote-ip or said in the comment */
	char	policy[AR_WORD_MAX];		/* DMARC p= from the comment or policy.dmarc, lower case */
	char	action[AR_WORD_MAX];		/* Microsoft's DMARC action= */
};

/* Anomalies, as bits in authres.flags. */
#define AR_F_TRUNCATED	0x01	/* longer than RCVD_VALUE_MAX or AUTHRES_RESULTS_MAX results */
#define AR_F_CONTROL	0x02	/* control characters */
#define AR_F_NO_ID	0x04	/* no authserv-id (Microsoft writes none) */

struct authres {
	char	authserv_id[RCVD_HOST_MAX];	/* who wrote it; "" when absent */
	int	arc_instance;			/* ARC-Authentication-Results i=; 0 otherwise */
	bool	none;				/* "authserv-id; none": nothing checked */
	struct ar_result res[AUTHRES_RESULTS_MAX];
	size_t	nres;
	unsigned flags;				/* AR_F_* */
};

/*
 * Read an Authentication-Results value (arc false) or an
 * ARC-Authentication-Results value (arc true: "i=N;" first).  Returns the
 * number of results read, or -1 when not even an authserv-id or a result
 * is there.
 */
int	 authres_parse(const char *value, size_t len, bool arc,
	    struct authres *out);

/*
 * Read a Received-SPF value into one "spf" result; authserv_id is the
 * receiver= key or the domain that opens the comment ("google.com: ...").
 * Returns 1, or -1 when there is no result word.
 */
int	 authres_parse_received_spf(const char *value, size_t len,
	    struct authres *out);

/* The tags of a DKIM-Signature that say who signed. */
struct dkim_sig {
	char	d[RCVD_HOST_MAX];	/* signing domain, lower case */
	char	s[AR_WORD_MAX * 2];	/* selector */
	char	a[AR_WORD_MAX];		/* algorithm */
};

/* Read d=, s=, a= of a DKIM-Signature value.  Returns 0, or -1 without d=. */
int	 authres_parse_dkim_sig(const char *value, size_t len,
	    struct dkim_sig *out);

/*
 * The domain of the (last) address in a From: value, lower case, into out.
 * Returns 0, or -1 when there is none.
 */
int	 authres_from_domain(const char *value, size_t len,
	    char out[RCVD_HOST_MAX]);

/* The domain part of "user@domain", "@domain" or "domain", lower case. */
void	 authres_domain_of(const char *s, char out[RCVD_HOST_MAX]);

#endif
