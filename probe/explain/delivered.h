/*
 * delivered.h - explain a delivered message from its headers: the real
 * path hop by hop, authentication as the receiver saw it (and which
 * results count), the receiver's spam verdict and the reasons for it.
 * Pure analysis over (name, value) pairs: loading the message is the
 * caller's job (read_delivered.c does it from GMime).
 */
#ifndef MXTRACE_DELIVERED_H
#define MXTRACE_DELIVERED_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"
#include "explain/authres.h"
#include "explain/cause.h"
#include "explain/path.h"
#include "explain/spamhdr.h"

/* One header of the message, in order, top (newest) first; borrowed. */
struct dlv_header {
	const char	*name;
	const char	*value;		/* raw, may be folded, may hold any byte */
	size_t		 len;
};

enum dlv_arkind {
	DLV_AR,			/* Authentication-Results */
	DLV_ARC_AR,		/* ARC-Authentication-Results */
	DLV_RECEIVED_SPF,	/* Received-SPF */
	DLV_ARKIND__LAST
};

/* Why a result header counts or not: the JSON names (auth.headers[].trust). */
enum dlv_trust {
	TRUST_RECEIVER,		/* written by the final receiver after the message arrived */
	TRUST_UPSTREAM,		/* below the receiver's boundary: anyone before could write it */
	TRUST_OTHER_ID,		/* authserv-id is not the receiver's */
	TRUST__LAST
};

struct dlv_authres {
	enum dlv_arkind	 kind;
	size_t		 pos;
	enum dlv_trust	 trust;
	struct authres	 ar;
};

struct dlv_spam {
	size_t		 pos;
	enum dlv_trust	 trust;
	struct spam_signal sig;
};

/* A reason for the verdict, with what it is based on. */
struct dlv_reason {
	enum cause	 cause;
	const char	*source;	/* static: "SpamAssassin", "Authentication-Results", "Received" ... */
	char		 detail[160];	/* the evidence: rule name, result, IP */
};

/* One DKIM signature as the receiver judged it. */
struct dlv_dkim {
	char	 domain[RCVD_HOST_MAX];
	char	 selector[AR_WORD_MAX * 2];
	char	 result[AR_WORD_MAX];	/* from the trusted results; "" when unchecked */
	bool	 aligned;		/* same organisational domain as From: */
};

#define DLV_DKIM_MAX	8
#define DLV_REASONS_MAX	16
#define DLV_RESULTS_MAX	24	/* result headers kept */
#define DLV_SIGNALS_MAX	24	/* spam filter headers kept */

struct delivered {
	struct path	 path;
	char		 from_domain[RCVD_HOST_MAX];
	char		 subject[256];	/* raw (undecoded) Subject:, cut */
	/* authentication */
	struct dlv_authres *ars;	/* owned, grown up to DLV_RESULTS_MAX */
	size_t		 nars, capars;
	char		 trusted_id[RCVD_HOST_MAX];	/* authserv-id trusted, "" */
	char		 spf[AR_WORD_MAX];	/* from trusted results; "" when unknown */
	char		 spf_domain[RCVD_HOST_MAX];
	char		 dmarc[AR_WORD_MAX];
	char		 dmarc_policy[AR_WORD_MAX];
	char		 arc[AR_WORD_MAX];
	char		 compauth[AR_WORD_MAX];
	struct dlv_dkim	 dkim[DLV_DKIM_MAX];
	size_t		 ndkim;
	size_t		 nsigs;		/* DKIM-Signature headers */
	/* spam */
	struct dlv_spam	*spam;		/* owned, grown up to DLV_SIGNALS_MAX */
	size_t		 nspam, capspam;
	enum spam_verdict verdict;
	int		 verdict_from;	/* index in spam[], -1: none (or the user said) */
	bool		 user_folder;	/* the verdict is what the user told us */
	enum spam_verdict server_verdict; /* the receiving server's own, whatever --folder said */
	bool		 has_score;
	double		 score, required;
	bool		 required_rejects;	/* required is a reject score (spamhdr.h) */
	struct dlv_reason reasons[DLV_REASONS_MAX];
	size_t		 nreasons;
	/* for `mxtrace sender` */
	char		 sending_ip[RCVD_IP_MAX];
	const char	*sending_ip_from;	/* static: which header said it */
	char		 dkim_selector[AR_WORD_MAX * 2];
	char		 dkim_domain[RCVD_HOST_MAX];
	size_t		 nheaders_dropped;	/* beyond DLV_HEADERS_MAX */
};

/*
 * Analyse the headers h[0..n) (top first).  folder is what the user says
 * ("spam", "inbox") or NULL.  Returns 0 when the headers hold at least one
 * Received: (a delivered message), -1 when not (d is still valid to free).
 */
int	 delivered_analyse(const struct dlv_header *h, size_t n,
	    const char *folder, struct delivered *d);
void	 delivered_free(struct delivered *);

const char	*dlv_trust_name(enum dlv_trust);
const char	*dlv_arkind_name(enum dlv_arkind);

#endif
