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

#endif
