/*
 * mtacues.c - the sending MTA's own words about a failed delivery, each
 * naming the system that writes it.  The first match wins.
 *
 * Public: mtacue_reason().
 */
#include "explain/extract.h"
#include "explain/mtacues.h"

static const struct {
	const char	*cue;
	enum reason	 reason;
} cues[] = {
	/* loops first: a looping message also "gives up" */
	{ "mail loop",					REASON_MAIL_LOOP },
	{ "loop detected",				REASON_MAIL_LOOP },
	{ "loops back to myself",			REASON_MAIL_LOOP },	/* Postfix */
	{ "too many hops",				REASON_MAIL_LOOP },
	{ "hop count exceeded",				REASON_MAIL_LOOP },
	{ "too many \"received\" headers",		REASON_MAIL_LOOP },	/* Exim */
	/* DNS, as the sender saw it */
	{ "name service error",				REASON_DNS_FAILURE },	/* Postfix */
	{ "dns error:",					REASON_DNS_FAILURE },	/* Gmail */
	{ "host unknown",				REASON_DOMAIN_NO_MAIL },	/* Sendmail */
	{ "no route to host",				REASON_CONNECTION_FAILED },
	{ "connection refused",				REASON_CONNECTION_FAILED },
	{ "no smtp service",				REASON_NULL_MX },	/* Exim, null MX */
	{ "host or domain name not found",		REASON_DOMAIN_NO_MAIL },	/* Postfix */
	{ "domain is not reachable",			REASON_DOMAIN_NO_MAIL },	/* Outlook.com */
	{ "all relevant mx records point to non-existent hosts", REASON_NO_ADDRESS },	/* Exim */
	{ "unrouteable mail domain",			REASON_DOMAIN_NO_MAIL },	/* Exim */
	{ "network error on destination",		REASON_CONNECTION_FAILED },	/* OpenSMTPD */
	/* giving up after retries */
	{ "retry timeout exceeded",			REASON_EXPIRED },	/* Exim */
	{ "retry time not reached for any host",	REASON_EXPIRED },	/* Exim */
	{ "could not deliver for the last",		REASON_EXPIRED },	/* DragonFly */
	{ "giving up",					REASON_EXPIRED },
	{ "message expired",				REASON_EXPIRED },	/* Amazon SES */
	{ "has been in the queue too long",		REASON_EXPIRED },	/* qmail */
	{ "cannot send message for",			REASON_EXPIRED },	/* Sendmail */
	{ "delivery time expired",			REASON_EXPIRED },
	{ "delivery expired",				REASON_EXPIRED },
	{ "did not accept our requests to connect",	REASON_EXPIRED },	/* Gmail */
	{ "message timed out",				REASON_EXPIRED },
	{ "too long in the queue",			REASON_EXPIRED },
	{ "delivery temporarily suspended",		REASON_EXPIRED },	/* Postfix */
};

enum reason
mtacue_reason(const char *text, size_t len)
{
	size_t i;

	for (i = 0; text != NULL && i < sizeof(cues) / sizeof(cues[0]); i++)
		if (extract_find(text, len, cues[i].cue) != (size_t)-1)
			return cues[i].reason;
	return REASON__LAST;
}
