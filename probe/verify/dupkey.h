/*
 * dupkey.h - when two rows of a list are one address for `mxtrace verify`:
 * the one key the scheduler, pass 1's index and --resume's index all use,
 * so a resumed run pairs rows exactly as the first run did.
 */
#ifndef MXTRACE_DUPKEY_H
#define MXTRACE_DUPKEY_H

#include <stddef.h>

#include "base/vtab.h"
#include "input/address.h"

/* Longest key text, its NUL included (an RCPT path is at most 254). */
#define DUPKEY_TEXT_MAX	256

/*
 * The key's text: the RCPT path (the domain is lowercased already) with
 * the local part's ASCII letters lowered too; into buf, cut at
 * DUPKEY_TEXT_MAX - 1.  Returns its length.
 */
size_t		dupkey_text(const struct address *, char buf[DUPKEY_TEXT_MAX]);
/* The index key of that text. */
struct vkey	dupkey_of(const struct address *);

#endif
