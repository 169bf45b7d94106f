/*
 * dupkey.c - the key under which rows are one address: Bob.Lee@x.com and
 * bob.lee@x.com are probed once, the later row written with duplicate_of.
 *
 * RFC 5321 lets a server tell local parts apart by case, but the servers
 * people send to do not (Postfix, Exim, Exchange, Gmail fold it), and a
 * second RCPT for the same person is one more step towards a rate limit or
 * a blocklist.  Only ASCII letters are folded: how a UTF-8 local part
 * folds (RFC 6531) differs between servers, so those stay apart.
 *
 * Public: dupkey_text, dupkey_of.
 */
#include <string.h>

#include "verify/dupkey.h"

size_t
dupkey_text(const struct address *a, char buf[DUPKEY_TEXT_MAX])
{
	size_t i;
	char c;

	for (i = 0; a->path[i] != '\0' && i < DUPKEY_TEXT_MAX - 1; i++) {
		c = a->path[i];
		buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	buf[i] = '\0';
	return i;
}

struct vkey
dupkey_of(const struct address *a)
{
	char buf[DUPKEY_TEXT_MAX];

	return vtab_key(buf, dupkey_text(a, buf));
}
