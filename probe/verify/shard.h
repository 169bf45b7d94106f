/*
 * shard.h - --shard K/N: which part of a list this run takes.  A row
 * belongs to shard K (1-based) of N when FNV-1a 64 of its domain (A-label,
 * lowercase) mod N is K-1, so one domain never spreads across machines.
 */
#ifndef MXTRACE_SHARD_H
#define MXTRACE_SHARD_H

#include <stdbool.h>
#include <stddef.h>

struct shard {
	unsigned long	k, n;		/* 1 <= k <= n; n == 1: everything */
};

/* Parse "K/N"; -1 on anything else. */
int	shard_parse(const char *, struct shard *);
/* Does the row with this domain (A-label) belong to the shard? */
bool	shard_has(const struct shard *, const char *domain, size_t len);
/* The domain key of a row whose address did not parse: the text after the
 * last '@' (or all of it), lowercased ASCII, into buf.  Returns its length. */
size_t	shard_raw_domain(const char *addr, size_t len, char *buf, size_t bufsz);

#endif
