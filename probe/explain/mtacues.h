/*
 * mtacues.h - what the *sending* server wrote about its own delivery
 * attempts (as opposed to the remote server's reply): it gave up after
 * retrying, its DNS lookups failed, it found a mail loop.  A table of
 * documented MTA texts (mtacues.c).
 */
#ifndef MXTRACE_EXPLAIN_MTACUES_H
#define MXTRACE_EXPLAIN_MTACUES_H

#include <stddef.h>

#include "base/memfind.h"
#include "meaning/verdict.h"

/* What the words that gave the reason say besides it (*flags). */
#define MTACUE_DECIDES	1	/* what happened, whatever else the text holds */
#define MTACUE_GAVE_UP	2	/* only that the sender gave up: no cause */
#define MTACUE_ATTEMPT	4	/* a connection attempt failed (X.4.1) */

/*
 * The reason the MTA's own words give, in a text lowered and prepared
 * (extract_lower, memfind_prepare); REASON__LAST when none.  format
 * (NULL: none) is the bounce's format (textfmt.c's name) when the words
 * are its own (no server replied): its scoped words are read too.
 * *flags (may be NULL): MTACUE_DECIDES when the words say what happened
 * whatever else the text holds (a lost connection, a provider's own
 * notice): they decide when no remote server replied; MTACUE_GAVE_UP when
 * they say only that the sender gave up (after retries, the message's
 * age) and name no cause of the failure it gave up on; MTACUE_ATTEMPT
 * when they say a connection attempt failed (refused, no route: RFC 3463
 * X.4.1 "no answer from host"), what a sender gives up on.
 */
enum reason	mtacue_reason_in(const struct memfind_text *lowered,
		    const char *format, int *flags);

#endif
