/*
 * mtacues.c - the sending MTA's own words about a failed delivery, each
 * naming the system that writes it.  The first match wins, so the
 * decisive notices come first.
 *
 * Public: mtacue_reason().
 */
#include <stdlib.h>

#include "base/memfind.h"
#include "explain/extract.h"
#include "explain/mtacues.h"

/* Decisive: the words name the whole event (see mtacues.h). */
#define DECIDES	1

static const struct {
	const char	*cue;
	enum reason	 reason;
	int		 decisive;
} cues[] = {
	/*
	 * Notices of a provider's own (no remote reply behind them): Google
	 * Groups' "may not exist, or you may not have permission to post"
	 * (in English and Japanese), Gmail's "Send mail as" notice, IMail's
	 * "Invalid final delivery userid".
	 */
	{ "not have permission to post messages to the group",
	    REASON_SENDER_REJECTED, DECIDES },
	{ "グループにメッセージを投稿する権限がない", REASON_SENDER_REJECTED, DECIDES },
	{ "using the 'send mail as' feature",	REASON_SENDER_REJECTED, DECIDES },
	{ "invalid final delivery userid",	REASON_MAILBOX_UNKNOWN, DECIDES },
	/* fml's refusal of a post from a non-member (textfmt.c) */
	{ "you are not a member of this mailing list", REASON_SENDER_REJECTED, DECIDES },
	/* the connection itself failed: Postfix smtp(8), qmail-remote(8) */
	{ "lost connection with",		REASON_CONNECTION_FAILED, DECIDES },
	{ "wasn't able to establish an smtp connection", REASON_CONNECTION_FAILED, DECIDES },
	/* loops first: a looping message also "gives up" */
	{ "mail loop",					REASON_MAIL_LOOP, 0 },
	{ "loop detected",				REASON_MAIL_LOOP, 0 },
	{ "loops back to myself",			REASON_MAIL_LOOP, 0 },	/* Postfix */
	{ "too many hops",				REASON_MAIL_LOOP, 0 },
	{ "hop count exceeded",				REASON_MAIL_LOOP, 0 },
	{ "too many \"received\" headers",		REASON_MAIL_LOOP, 0 },	/* Exim */
	/* DNS, as the sender saw it */
	{ "name service error",				REASON_DNS_FAILURE, 0 },	/* Postfix */
	{ "dns error:",					REASON_DNS_FAILURE, 0 },	/* Gmail */
	{ "host unknown",				REASON_DOMAIN_NO_MAIL, 0 },	/* Sendmail */
	{ "no route to host",				REASON_CONNECTION_FAILED, 0 },
	{ "connection refused",				REASON_CONNECTION_FAILED, 0 },
	{ "no smtp service",				REASON_NULL_MX, 0 },	/* Exim, null MX */
	{ "host or domain name not found",		REASON_DOMAIN_NO_MAIL, 0 },	/* Postfix */
	{ "dns lookup failure: host",			REASON_DOMAIN_NO_MAIL, 0 },	/* dma: "... not found" */
	{ "domain is not reachable",			REASON_DOMAIN_NO_MAIL, 0 },	/* Outlook.com */
	{ "all relevant mx records point to non-existent hosts", REASON_NO_ADDRESS, 0 },	/* Exim */
	{ "unrouteable mail domain",			REASON_DOMAIN_NO_MAIL, 0 },	/* Exim */
	{ "network error on destination",		REASON_CONNECTION_FAILED, 0 },	/* OpenSMTPD */
	/* giving up after retries */
	{ "retry timeout exceeded",			REASON_EXPIRED, 0 },	/* Exim */
	{ "all hosts have been failing for a long time", REASON_EXPIRED, 0 },	/* Exim */
	{ "was not delivered within",			REASON_EXPIRED, 0 },	/* Sendmail's warning text */
	{ "retry time not reached for any host",	REASON_EXPIRED, 0 },	/* Exim */
	{ "could not deliver for the last",		REASON_EXPIRED, 0 },	/* DragonFly */
	{ "giving up",					REASON_EXPIRED, 0 },
	{ "message expired",				REASON_EXPIRED, 0 },	/* Amazon SES */
	{ "has been in the queue too long",		REASON_EXPIRED, 0 },	/* qmail */
	{ "cannot send message for",			REASON_EXPIRED, 0 },	/* Sendmail */
	{ "delivery time expired",			REASON_EXPIRED, 0 },
	{ "delivery expired",				REASON_EXPIRED, 0 },
	{ "did not accept our requests to connect",	REASON_EXPIRED, 0 },	/* Gmail */
	{ "message timed out",				REASON_EXPIRED, 0 },
	{ "too long in the queue",			REASON_EXPIRED, 0 },
	{ "delivery temporarily suspended",		REASON_EXPIRED, 0 },	/* Postfix */
};

enum reason
mtacue_reason(const char *text, size_t len, int *decisive)
{
	enum reason r = REASON__LAST;
	struct memfind_text mt;
	size_t i;
	char *l;

	if (decisive != NULL)
		*decisive = 0;
	if (text == NULL)
		return r;
	l = extract_lower(text, len);
	memfind_prepare(&mt, l, len);
	for (i = 0; i < sizeof(cues) / sizeof(cues[0]); i++)
		if (memfind_in(&mt, cues[i].cue) != (size_t)-1) {
			if (decisive != NULL)
				*decisive = cues[i].decisive;
			r = cues[i].reason;
			break;
		}
	free(l);
	return r;
}
