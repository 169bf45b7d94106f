/*
 * classify.h - what an SMTP reply (or a failure) means: one table-driven
 * place mapping (stage, code, enhanced code, text, MX provider) to a
 * verdict, a reason and a blocklist name.  See ../shared/smtp-replies.md.
 */
#ifndef MXTRACE_CLASSIFY_H
#define MXTRACE_CLASSIFY_H

#include <stddef.h>

#include "meaning/verdict.h"

struct classification {
	enum verdict	verdict;
	enum reason	reason;
	char		blocklist[128];	/* e.g. "zen.spamhaus.org", "" if none named */
};

/*
 * Classify a reply received at stage.  enhanced may be "" (none); text is
 * the raw reply text (may hold any byte).  mx_host (may be NULL) picks
 * provider-specific rules by its suffix.  A 2xx at RCPT gives deliverable;
 * a 2xx elsewhere is not a decision and gives VERDICT_DELIVERABLE with
 * REASON_ACCEPTED too (callers only classify non-2xx outside RCPT).
 * Never calls a 4xx "does not exist".
 */
void	classify_reply(enum stage stage, int code, const char *enhanced,
	    const char *text, size_t textlen, const char *mx_host,
	    struct classification *out);

/*
 * Name of the blocklist the text names (zen.spamhaus.org, b.barracudacentral.org,
 * bl.spamcop.net, "Spamhaus", ...), copied into out (size n); 0 if none.
 */
int	classify_blocklist(const char *text, size_t textlen, char *out, size_t n);

#endif
