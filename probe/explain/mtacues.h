/*
 * mtacues.h - what the *sending* server wrote about its own delivery
 * attempts (as opposed to the remote server's reply): it gave up after
 * retrying, its DNS lookups failed, it found a mail loop.  A table of
 * documented MTA texts (mtacues.c).
 */
#ifndef MXTRACE_EXPLAIN_MTACUES_H
#define MXTRACE_EXPLAIN_MTACUES_H

#include <stddef.h>

#include "meaning/verdict.h"

/*
 * The reason the MTA's own words give; REASON__LAST when none.  format
 * (NULL: none) is the bounce's format (textfmt.c's name) when the words
 * are its own (no server replied): its scoped words are read too.
 * *decisive (may be NULL) is set when the words say what happened
 * whatever else the text holds (a lost connection, a provider's own
 * notice): they decide when no remote server replied.
 */
enum reason	mtacue_reason(const char *text, size_t len, const char *format,
		    int *decisive);

#endif
