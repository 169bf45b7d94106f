/*
 * ipaddr.c - IP address helpers for the sender checks: parse and print
 * (inet_pton/inet_ntop), reversed query names for PTR and DNSBL lookups
 * (RFC 5782 2.1 dotted quads reversed, 2.4 IPv6 nibbles reversed), the
 * private-range test and /24 neighbours.
 *
 * Public: ipaddr_parse, ipaddr_reverse, ipaddr_private, ipaddr_neighbour.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "sender/ipaddr.h"

bool
ipaddr_parse(const char *s, struct ipaddr *a)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	uint8_t b[16];

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->b) == 1)
		a->v4 = true;
	else if (inet_pton(AF_INET6, s, b) == 1) {
		if (memcmp(b, mapped, 12) == 0) {
			a->v4 = true;
			memcpy(a->b, b + 12, 4);
		} else
			memcpy(a->b, b, 16);
	} else
		return false;
	inet_ntop(a->v4 ? AF_INET : AF_INET6, a->b, a->text, sizeof(a->text));
	return true;
}

void
ipaddr_reverse(const struct ipaddr *a, const char *suffix, char *buf,
    size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k = 0;

	if (a->v4) {
		snprintf(buf, len, "%u.%u.%u.%u.%s", a->b[3], a->b[2], a->b[1], a->b[0],
		    suffix ? suffix : "in-addr.arpa");
		return;
	}
	for (i = 16; i > 0 && k + 4 < len; i--) {
		buf[k++] = hex[a->b[i - 1] & 15];
		buf[k++] = '.';
		buf[k++] = hex[a->b[i - 1] >> 4];
		buf[k++] = '.';
	}
	snprintf(buf + k, len - k, "%s", suffix ? suffix : "ip6.arpa");
}

bool
ipaddr_private(const struct ipaddr *a)
{
	const uint8_t *b = a->b;

	if (a->v4)
		return b[0] == 10 || b[0] == 127 || b[0] == 0 ||
		    (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
		    (b[0] == 100 && (b[1] & 0xc0) == 64) || (b[0] == 169 && b[1] == 254);
	return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
	    memcmp(b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15) == 0;
}

void
ipaddr_neighbour(const struct ipaddr *a, unsigned last, struct ipaddr *out)
{
	*out = *a;
	out->b[a->v4 ? 3 : 15] = (uint8_t)last;
	inet_ntop(out->v4 ? AF_INET : AF_INET6, out->b, out->text,
	    sizeof(out->text));
}
