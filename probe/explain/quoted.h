/*
 * quoted.h - text quoted by a mail client ("> " before every line, as a
 * bounce forwarded or replied to reaches the office's IT) with its quote
 * marks taken off, so the readers see the bounce as it was written.
 */
#ifndef MXTRACE_EXPLAIN_QUOTED_H
#define MXTRACE_EXPLAIN_QUOTED_H

#include <stddef.h>

/*
 * s[0..len) (may hold NULs) without its quote marks when nearly all its
 * lines are quoted: one level of '>' (and the space after it, when the
 * client writes one) off every quoted line, again while nearly all lines
 * are still quoted, at most EXPLAIN_QUOTED_LEVELS levels.  Owned,
 * NUL-terminated, *outlen set (never more than len); NULL when the text
 * is not quoted.
 */
char	*quoted_strip(const char *s, size_t len, size_t *outlen);

#endif
