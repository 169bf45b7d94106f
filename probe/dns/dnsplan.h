/*
 * dnsplan.h - the pure half of the MX plan: DNS answers (dns_result) go
 * in, an mxplan comes out (RFC 5321 5.1, RFC 7505, RFC 2181 10.3).  dns.c
 * feeds it what dns_resolve answered; unit tests and the fuzz target feed
 * it packets built with ldns through dns_result_from_answer.  No I/O, no
 * clock, no event loop.
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

#include "dns/answer.h"
#include "dns/mxplan.h"

#define DNSPLAN_HOSTS_MAX	32	/* MX hosts kept (lowest preferences) */
#define DNSPLAN_ADDRS_MAX	16	/* addresses kept per host */

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
	bool		 addr_bogus;	/* ... and it failed DNSSEC validation */
};

/* false when domain cannot be a DNS name (the plan then says so). */
bool		 dnsplan_init(struct dnsplan *, const char *domain);
enum dnsplan_next dnsplan_mx(struct dnsplan *, const struct dns_result *);
/* Whether host i needs address queries (an IP-literal MX target does not). */
bool		 dnsplan_wants(const struct dnsplan *, size_t i);
/* An A or AAAA answer (r->qtype) for host i; other types are ignored. */
void		 dnsplan_addrs(struct dnsplan *, size_t i, const struct dns_result *);
/* The TLSA answer at _25._tcp.NAME of host i (RFC 7672). */
void		 dnsplan_tlsa(struct dnsplan *, size_t i, const struct dns_result *);
/*
 * Decide the status and DANE, mark private addresses, order; the caller owns
 * the plan.
 */
struct mxplan	*dnsplan_finish(struct dnsplan *);
/* End the plan with an error instead (timeout, resolver failure). */
struct mxplan	*dnsplan_fail(struct dnsplan *, enum plan_status, const char *error);
/* Free whatever the dnsplan still owns (after a cancel). */
void		 dnsplan_clear(struct dnsplan *);
/*
 * The plan of an address literal domain ("[192.0.2.1]", "[IPv6:2001:db8::1]"):
 * that address itself, no DNS (RFC 5321 4.1.3, 5.1); the private-address
 * rule applies as to any MX address.  Caller owns it; PLAN_NXDOMAIN when
 * the literal is malformed.
 */
struct mxplan	*dnsplan_literal(const char *literal);
/* Whether domain is an address literal: "[" ... "]". */
bool		 dnsplan_is_literal(const char *domain);

#endif
