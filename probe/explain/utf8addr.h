/*
 * utf8addr.h - an internationalised address (RFC 6531/6532: a UTF-8 local
 * part, an IDN domain) found in a bounce's text: 张伟@例子.公司,
 * sales@例子.中国, 用户@qq.com.
 */
#ifndef MXTRACE_EXPLAIN_UTF8ADDR_H
#define MXTRACE_EXPLAIN_UTF8ADDR_H

#include <stddef.h>

/*
 * The first "local@domain" in s[0..len) that holds a non-ASCII character
 * and that input/address.c accepts as an address (valid UTF-8, a local
 * part of at most 64 octets, a domain libidn2 accepts, with a dot), as
 * written: owned, NULL when there is none.  Runs of text longer than an
 * address can be are not cut down to one: prose is no address.
 */
char	*utf8addr_find(const char *s, size_t len);

/*
 * s[0..len) (at most EXPLAIN_FIELD_MAX bytes of it) with each RFC 6533
 * EmbeddedUnicodeChar ("\x{5F20}", the 7-bit form of a "utf-8" address
 * type's character) made the character in UTF-8: *out, owned,
 * NUL-terminated, never longer than s; 0.  -1 and *out NULL when an
 * "\x{" is not a HEXPOINT as RFC 6533 section 3 writes it (2 to 6 hex
 * digits in the shortest form, no surrogate, at most U+10FFFF) or stands
 * for a character no address holds (a C0 or C1 control, a space).
 */
int	utf8addr_unescape(const char *s, size_t len, char **out);

#endif
