/*
 * hostsig.c - replies that speak about the session, not the address.
 *
 * Public: hostsig_of, hostsig_slow_down (hostsig.h).
 *
 * postscreen (Postfix's front door, at many real sites) answers a client
 * it has just tested with "450 4.3.2 Service currently unavailable" at
 * RCPT: the client passed and is served on its next connection.  Postfix's
 * smtpd ends a session that collected smtpd_hard_error_limit (20) rejected
 * commands with "421 4.7.0 <host> Error: too many errors".  Neither says
 * anything about the recipient it answered.
 */
#include <string.h>
#include <strings.h>

#include "meaning/hostsig.h"

/* Case-insensitive search in a text that may hold any byte. */
static int
hostsig_has(const char *text, size_t len, const char *cue)
{
	size_t n = strlen(cue), i;

	if (text == NULL || len < n)
		return 0;
	for (i = 0; i + n <= len; i++)
		if (strncasecmp(text + i, cue, n) == 0)
			return 1;
	return 0;
}

enum hostsig
hostsig_of(int code, const char *enhanced, const char *text, size_t textlen)
{
	if (enhanced == NULL)
		enhanced = "";
	if (code == 421 && hostsig_has(text, textlen, "too many errors"))
		return HOSTSIG_TOO_MANY_ERRORS;
	if (code / 100 == 4 && (strcmp(enhanced, "4.5.3") == 0 ||
	    (code == 452 && hostsig_has(text, textlen, "too many recipients"))))
		return HOSTSIG_TOO_MANY_RCPTS;
	if (code == 450 && strcmp(enhanced, "4.3.2") == 0 &&
	    hostsig_has(text, textlen, "service currently unavailable"))
		return HOSTSIG_RECONNECT;
	return HOSTSIG_NONE;
}

bool
hostsig_slow_down(int code, const char *text, size_t textlen)
{
	if (code == 421)
		return true;
	return code >= 400 && code < 500 &&
	    hostsig_has(text, textlen, "too many");
}
