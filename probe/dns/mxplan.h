/*
 * mxplan.h - the list of hosts to try for a domain, chosen exactly as an
 * MTA does (RFC 5321 5.1, RFC 7505 null MX), with the reasons any host or
 * address was skipped.
 */
#ifndef MXTRACE_MXPLAN_H
#define MXTRACE_MXPLAN_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"
#include "dns/answer.h"
#include "net/tls.h"

/* Whether DANE (RFC 7672) applies to an MX host. */
enum mx_dane {
	MX_DANE_NONE,		/* no TLSA records (or nothing was validated) */
	MX_DANE_IGNORED,	/* TLSA records that are not DNSSEC-secure, or at a
				 * host whose addresses are not: not used (RFC 7672 2.2) */
	MX_DANE_APPLIES,	/* secure TLSA at a secure host: TLS must match them */
	MX_DANE_BOGUS,		/* the TLSA answer failed validation */
};

struct mx_addr {
	struct sockaddr_storage	ss;	/* port left 0; the session sets it */
	socklen_t		sslen;
	char			text[64];	/* "192.0.2.1" or "2001:db8::1" */
	bool			private_;	/* loopback, RFC 1918, ULA, link-local, unspecified... */
};

struct mx_host {
	char		*name;		/* owned; lowercased, no trailing dot */
	int		 preference;	/* -1: implicit MX (the domain itself) */
	struct mx_addr	*addrs;		/* owned; IPv6 first then IPv4, as resolved */
	size_t		 naddrs;
	struct strlist	 warnings;	/* "MX target is a CNAME to x", "no address", ... */
	enum dns_sec	 addr_sec;	/* of its A/AAAA answers together (the weakest) */
	bool		 addr_seen;	/* an address answer came */
	enum mx_dane	 dane;
	enum dns_sec	 tlsa_sec;	/* of the TLSA answer at _25._tcp.NAME */
	struct tls_tlsa	*tlsa;		/* owned; the TLSA records (also when ignored) */
	size_t		 ntlsa;
};

enum plan_status {
	PLAN_OK,		/* hosts[] holds at least one host with an address */
	PLAN_NXDOMAIN,		/* the domain does not exist */
	PLAN_NULL_MX,		/* RFC 7505: the domain accepts no mail */
	PLAN_NO_MAIL,		/* no MX and no A/AAAA */
	PLAN_NO_ADDRESS,	/* MX hosts, but none has an address */
	PLAN_SERVFAIL,		/* the resolver failed (SERVFAIL, REFUSED, bogus) */
	PLAN_TIMEOUT,		/* no answer in time */
	PLAN_BOGUS,		/* an answer failed DNSSEC validation */
};

struct mxplan {
	enum plan_status status;
	char		*domain;	/* owned; A-label */
	struct mx_host	*hosts;		/* owned; in the order to try them */
	size_t		 nhosts;
	struct strlist	 warnings;	/* plan-wide: null MX mixed with others, ... */
	char		*error;		/* owned; resolver's words when status is an error */
	long long	 dns_ms;	/* time to build the plan */
	bool		 dnssec_secure;	/* every answer used was DNSSEC-validated */
	enum dns_sec	 mx_sec;	/* of the MX answer */
};

/* Free what one host owns (not the struct). */
void	mx_host_clear(struct mx_host *);
/*
 * The weaker of two DNSSEC statuses: bogus < indeterminate < insecure < secure.
 */
enum dns_sec mx_sec_weakest(enum dns_sec, enum dns_sec);
/* Free the plan and everything it owns (the struct itself too). */
void	mxplan_free(struct mxplan *);
/* Sort by preference and shuffle equal preferences (RFC 5321 5.1). */
void	mxplan_order(struct mxplan *);
/* True for addresses the safety rule keeps away from by default. */
bool	mx_addr_is_private(const struct sockaddr *);
/* The address with port set, ready for connect(). */
void	mx_addr_to(const struct mx_addr *, int port, struct sockaddr_storage *);

#endif
