/*
 * ipaddr.h - an IP address as the sender checks use it: parsed from text,
 * printed, and turned into reversed query names (PTR, DNSBL: RFC 5782 2.1
 * and 2.4, IPv6 as 32 reversed nibbles).
 */
#ifndef MXTRACE_IPADDR_H
#define MXTRACE_IPADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ipaddr {
	bool	 v4;
	uint8_t	 b[16];		/* IPv4 in the first 4 bytes */
	char	 text[48];	/* canonical text */
};

/* IPv4 or IPv6 text (an IPv4-mapped IPv6 becomes IPv4); false otherwise. */
bool	ipaddr_parse(const char *, struct ipaddr *);
/* "4.3.2.1.SUFFIX" or the nibble form; suffix NULL: in-addr.arpa / ip6.arpa. */
void	ipaddr_reverse(const struct ipaddr *, const char *suffix, char *buf, size_t len);
/* Loopback, RFC 1918, CGNAT, link-local and ULA addresses are
 * private (the documentation ranges are not: the lab uses them). */
bool	ipaddr_private(const struct ipaddr *);
/* The same address with the last byte replaced (a /24 neighbour). */
void	ipaddr_neighbour(const struct ipaddr *, unsigned last, struct ipaddr *out);

#endif
