/*
 * dnsplan.h - the pure half of the DNS step: answer packets in wire format
 * go in, an mxplan comes out (RFC 5321 5.1, RFC 7505, RFC 2181 10.3).
 * dns.c feeds it what libunbound answered; unit tests and the fuzz target
 * feed it packets built with ldns.  No I/O, no clock, no event loop.
 *
 * Use: dnsplan_init(); dnsplan_mx() with the MX answer; when it says
 * DNSPLAN_ADDRESSES, dnsplan_addrs() with the A and AAAA answer of every
 * host i for which dnsplan_wants(i); then dnsplan_finish().
 */
#ifndef MXTRACE_DNSPLAN_H
#define MXTRACE_DNSPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/mxplan.h"

#define DNSPLAN_HOSTS_MAX	32	/* MX hosts kept (lowest preferences) */
#define DNSPLAN_ADDRS_MAX	16	/* addresses kept per host */
#define DNSPLAN_CNAME_MAX	8	/* CNAME links followed in one answer */

/* One answer as libunbound hands it over. */
struct dns_answer {
	int		 rcode;		/* resolver error rcode; 0: read the packet */
	const uint8_t	*pkt;		/* borrowed wire packet; ignored when rcode != 0 */
	size_t		 len;
	int		 sec;		/* 0 insecure, 1 bogus, 2 DNSSEC secure */
	const char	*why_bogus;	/* borrowed, may be NULL */
};

enum dnsplan_next {
	DNSPLAN_DONE,		/* the plan's status is final: call dnsplan_finish() */
	DNSPLAN_ADDRESSES,	/* resolve A and AAAA of the hosts dnsplan_wants() */
};

struct dnsplan {
	struct mxplan	*plan;		/* owned until dnsplan_finish() hands it over */
	bool		 implicit;	/* no MX: hosts[0] is the domain itself */
	bool		 secure;	/* every answer used so far was secure */
	bool		*failed;	/* owned; per host: an address lookup failed */
	char		*addr_error;	/* owned; the first failed address lookup */
};

/* false when domain cannot be a DNS name (the plan then says so). */
bool		 dnsplan_init(struct dnsplan *, const char *domain);
enum dnsplan_next dnsplan_mx(struct dnsplan *, const struct dns_answer *);
/* Whether host i needs address queries (an IP-literal MX target does not). */
bool		 dnsplan_wants(const struct dnsplan *, size_t i);
/* rrtype: LDNS_RR_TYPE_A or LDNS_RR_TYPE_AAAA (1 or 28). */
void		 dnsplan_addrs(struct dnsplan *, size_t i, int rrtype,
		    const struct dns_answer *);
/* Decide the status, mark private addresses, order; the caller owns the plan. */
struct mxplan	*dnsplan_finish(struct dnsplan *);
/* End the plan with an error instead (timeout, resolver failure). */
struct mxplan	*dnsplan_fail(struct dnsplan *, enum plan_status, const char *error);
/* Free whatever the dnsplan still owns (after a cancel). */
void		 dnsplan_clear(struct dnsplan *);

#endif
