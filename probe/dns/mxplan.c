/*
 * mxplan.c - the plan's own rules, independent of how it was resolved.
 *
 * mxplan_free() releases a plan and everything it owns.  mxplan_order()
 * puts the hosts in the order RFC 5321 5.1 asks: ascending preference,
 * equal preferences in random order (arc4random, so no seeding is needed
 * and two probes spread over equal MX hosts as MTAs do).
 * mx_addr_is_private() is the safety rule: addresses that are not on the
 * public Internet (loopback, RFC 1918, CGN, link-local, ULA, unspecified,
 * multicast, reserved, and IPv4-mapped forms of those).  mx_addr_to()
 * gives an address with the port a session or a check connects to.
 * Nothing here fails.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns/mxplan.h"

void
mx_host_clear(struct mx_host *h)
{
	size_t i;

	free(h->name);
	free(h->addrs);
	strlist_free(&h->warnings);
	for (i = 0; i < h->ntlsa; i++)
		free(h->tlsa[i].data);
	free(h->tlsa);
	h->name = NULL;
	h->addrs = NULL;
	h->tlsa = NULL;
	h->naddrs = h->ntlsa = 0;
}

enum dns_sec
mx_sec_weakest(enum dns_sec a, enum dns_sec b)
{
	static const int rank[] = {
		[DNS_SEC_BOGUS] = 0, [DNS_SEC_INDETERMINATE] = 1,
		[DNS_SEC_INSECURE] = 2, [DNS_SEC_SECURE] = 3,
	};

	return rank[a] <= rank[b] ? a : b;
}

void
mxplan_free(struct mxplan *plan)
{
	size_t i;

	if (plan == NULL)
		return;
	for (i = 0; i < plan->nhosts; i++)
		mx_host_clear(&plan->hosts[i]);
	free(plan->hosts);
	strlist_free(&plan->warnings);
	free(plan->domain);
	free(plan->error);
	free(plan);
}

/* Fisher-Yates over hosts[lo..hi): every permutation equally likely. */
static void
mxplan_shuffle(struct mx_host *hosts, size_t lo, size_t hi)
{
	struct mx_host tmp;
	size_t i, j;

	for (i = hi - 1; i > lo; i--) {
		j = lo + arc4random_uniform((uint32_t)(i - lo + 1));
		tmp = hosts[i];
		hosts[i] = hosts[j];
		hosts[j] = tmp;
	}
}

void
mxplan_order(struct mxplan *plan)
{
	struct mx_host tmp;
	size_t i, j, run;

	/* Insertion sort: stable, and plans hold a few dozen hosts at most. */
	for (i = 1; i < plan->nhosts; i++) {
		tmp = plan->hosts[i];
		for (j = i; j > 0 && plan->hosts[j - 1].preference > tmp.preference; j--)
			plan->hosts[j] = plan->hosts[j - 1];
		plan->hosts[j] = tmp;
	}
	for (run = 0; run < plan->nhosts; run = i) {
		for (i = run + 1; i < plan->nhosts &&
		    plan->hosts[i].preference == plan->hosts[run].preference; i++)
			;
		if (i - run > 1)
			mxplan_shuffle(plan->hosts, run, i);
	}
}

static bool
mxplan_v4_private(uint32_t a)
{
	static const struct {
		uint32_t net, mask;
	} nets[] = {
		{ 0x00000000, 0xff000000 },	/* 0.0.0.0/8 "this network" */
		{ 0x0a000000, 0xff000000 },	/* 10/8 */
		{ 0x64400000, 0xffc00000 },	/* 100.64/10 CGN */
		{ 0x7f000000, 0xff000000 },	/* 127/8 loopback */
		{ 0xa9fe0000, 0xffff0000 },	/* 169.254/16 link-local */
		{ 0xac100000, 0xfff00000 },	/* 172.16/12 */
		{ 0xc0a80000, 0xffff0000 },	/* 192.168/16 */
		{ 0xe0000000, 0xf0000000 },	/* 224/4 multicast */
		{ 0xf0000000, 0xf0000000 },	/* 240/4 reserved, broadcast */
	};
	size_t i;

	for (i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if ((a & nets[i].mask) == nets[i].net)
			return true;
	return false;
}

static bool
mxplan_v6_private(const uint8_t *b)
{
	static const uint8_t zero[12];
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	/* ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: never public */
	if (memcmp(b, zero, 12) == 0)
		return true;
	if (memcmp(b, mapped, 12) == 0)			/* ::ffff:a.b.c.d */
		return mxplan_v4_private((uint32_t)b[12] << 24 |
		    (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
	if ((b[0] & 0xfe) == 0xfc)			/* fc00::/7 ULA */
		return true;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)	/* fe80::/10 link-local */
		return true;
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)	/* fec0::/10 old site-local */
		return true;
	if (b[0] == 0xff)				/* ff00::/8 multicast */
		return true;
	return false;
}

bool
mx_addr_is_private(const struct sockaddr *sa)
{
	const struct sockaddr_in *sin;
	const struct sockaddr_in6 *sin6;

	switch (sa->sa_family) {
	case AF_INET:
		sin = (const struct sockaddr_in *)(const void *)sa;
		return mxplan_v4_private(ntohl(sin->sin_addr.s_addr));
	case AF_INET6:
		sin6 = (const struct sockaddr_in6 *)(const void *)sa;
		return mxplan_v6_private(sin6->sin6_addr.s6_addr);
	default:
		return true;
	}
}

void
mx_addr_to(const struct mx_addr *a, int port, struct sockaddr_storage *to)
{
	memcpy(to, &a->ss, sizeof(*to));
	if (to->ss_family == AF_INET6)
		((struct sockaddr_in6 *)to)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)to)->sin_port = htons((uint16_t)port);
}
