/*
 * shard.c - --shard K/N parsing and the stable domain hash behind it
 * (docs/sharding.md).
 *
 * Public: shard_parse, shard_has, shard_raw_domain.
 */
#include <stdlib.h>

#include "verify/shard.h"
#include "base/vtab.h"

int
shard_parse(const char *s, struct shard *sh)
{
	char *end;
	unsigned long k, n;

	if (*s < '0' || *s > '9')
		return -1;
	k = strtoul(s, &end, 10);
	if (*end != '/' || end[1] < '0' || end[1] > '9')
		return -1;
	n = strtoul(end + 1, &end, 10);
	if (*end != '\0' || n < 1 || n > 100000 || k < 1 || k > n)
		return -1;
	sh->k = k;
	sh->n = n;
	return 0;
}

bool
shard_has(const struct shard *sh, const char *domain, size_t len)
{
	if (sh->n <= 1)
		return true;
	return vtab_fnv1a(domain, len) % sh->n == sh->k - 1;
}

size_t
shard_raw_domain(const char *addr, size_t len, char *buf, size_t bufsz)
{
	size_t i, start = 0, n = 0;

	for (i = 0; i < len; i++)
		if (addr[i] == '@')
			start = i + 1;
	for (i = start; i < len && n + 1 < bufsz; i++) {
		char c = addr[i];

		buf[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	buf[n] = '\0';
	return n;
}
