/*
 * utf8.h - strict UTF-8 decoding (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF.  Shared by the reply parser, the
 * address parser and the output escapers, which must agree on what is valid.
 */
#ifndef MXTRACE_UTF8_H
#define MXTRACE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Decode the character at s[0..len).  Returns its length in bytes (1-4) and
 * stores the code point in *cp, or returns 0 when the bytes there are not a
 * valid UTF-8 sequence (or len is 0).
 */
size_t	utf8_decode(const char *s, size_t len, unsigned long *cp);
/* True when all of s[0..len) is valid UTF-8. */
bool	utf8_valid(const char *s, size_t len);
/*
 * The length of s[0..len) cut to at most max bytes without splitting a
 * UTF-8 sequence (backing off to the start of the one at max).
 */
size_t	utf8_cut(const char *s, size_t len, size_t max);

#endif
