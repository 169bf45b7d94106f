/*
 * cause.h - why a delivered message went to spam (or did not): the causes
 * the header readers and the authentication check can name.  The names
 * are the JSON interface (spam.reasons[].cause): never rename.  What each
 * means and what to change, in English and Chinese, is in the catalogue
 * under "dlv.cause.NAME" and "dlv.fix.NAME" (meaning/catalog.c).
 */
#ifndef MXTRACE_CAUSE_H
#define MXTRACE_CAUSE_H

#include <stdbool.h>

enum cause {
	CAUSE_SPF_FAIL,		/* the sending IP is not allowed by the SPF record */
	CAUSE_SPF_SOFTFAIL,	/* ~all: not allowed, "probably" */
	CAUSE_SPF_NONE,		/* the envelope domain has no SPF record */
	CAUSE_SPF_ERROR,	/* temperror / permerror: a broken record */
	CAUSE_DKIM_NONE,	/* not signed */
	CAUSE_DKIM_FAIL,	/* a signature that does not verify */
	CAUSE_DKIM_UNALIGNED,	/* signed, but by a domain other than From: */
	CAUSE_DMARC_FAIL,	/* neither SPF nor DKIM aligned with From: */
	CAUSE_DMARC_NONE,	/* the From: domain publishes no DMARC record */
	CAUSE_NO_PTR,		/* the sending IP has no reverse DNS name */
	CAUSE_PTR_GENERIC,	/* its reverse DNS looks like a home/dynamic line */
	CAUSE_HELO_BAD,		/* the HELO name is not a real name of the host */
	CAUSE_IP_BLOCKLISTED,	/* an IP in the path is on a blocklist */
	CAUSE_URL_BLOCKLISTED,	/* a link or domain in the message is listed */
	CAUSE_BULK,		/* bulk mail with complaints (Microsoft BCL, bulk folder) */
	CAUSE_CONTENT,		/* the text or layout looks like spam (Bayes, rules) */
	CAUSE_PHISH,		/* looks like phishing */
	CAUSE_MALWARE,
	CAUSE_SPOOF,		/* From: claims a domain the sender cannot prove */
	CAUSE_BLOCKED_SENDER,	/* the recipient or the organisation blocks this sender */
	CAUSE_HEADERS_BAD,	/* missing or malformed Date:, Message-ID:, forged headers */
	CAUSE_FREEMAIL,		/* free-mail From: with business-looking traits */
	CAUSE_HIGH_SCORE,	/* a score above the threshold, no finer cause known */
	CAUSE_SAFE_SENDER,	/* allowed by the recipient or organisation (inbox) */
	CAUSE_OPAQUE_FILTER,	/* the filter's header is encoded and undocumented */
	CAUSE__LAST
};

const char	*cause_name(enum cause);
/* -1 when unknown. */
int		 cause_from_name(const char *);
/* Reputation or authentication: `mxtrace sender` can check it. */
bool		 cause_is_senders_setup(enum cause);

#endif
