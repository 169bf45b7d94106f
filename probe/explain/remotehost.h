/*
 * remotehost.h - the remote server named in a text bounce's own words
 * (remotehost.c).
 */
#ifndef MXTRACE_EXPLAIN_REMOTEHOST_H
#define MXTRACE_EXPLAIN_REMOTEHOST_H

#include <stddef.h>

/*
 * The server that gave the reply, from the MTA's words before it
 * (b[0..n), not NUL-terminated): Sendmail's "while talking to NAME.:",
 * dma's "NAME [ADDR] did not like our RCPT TO:", GMX's "host: NAME",
 * Gmail's "for the recipient domain DOMAIN by NAME. [ADDR]", Postfix's "host
 * NAME[ADDR] said:", Exim's "host NAME [ADDR]:". Owned by the caller (free), or
 * NULL when b names none.
 */
char	*remotehost_find(const char *b, size_t n);

#endif
