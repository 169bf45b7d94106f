/*
 * answer.h - one DNS answer as mxtrace uses it: the rcode, the DNSSEC
 * status, and a bounded list of the records found at the queried name
 * (after following CNAMEs), parsed from the wire with ldns.  Pure: no I/O,
 * no clock.  dns/resolve.c fills it from libunbound; unit tests and fuzz
 * targets fill it from packets they build.
 */
#ifndef MXTRACE_ANSWER_H
#define MXTRACE_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"

/* Record types mxtrace asks for (the DNS numbers). */
enum {
	DNS_T_A = 1, DNS_T_CNAME = 5, DNS_T_PTR = 12, DNS_T_MX = 15, DNS_T_TXT = 16,
	DNS_T_AAAA = 28, DNS_T_TLSA = 52,
};
/* Response codes a result can carry (the DNS numbers). */
enum {
	DNS_RCODE_NOERROR = 0, DNS_RCODE_SERVFAIL = 2, DNS_RCODE_NXDOMAIN = 3,
	DNS_RCODE_REFUSED = 5,
};

/* One answer as libunbound hands it over. */
struct dns_answer {
	int		 rcode;		/* resolver error rcode; 0: read the packet */
	const uint8_t	*pkt;		/* borrowed wire packet; ignored when rcode != 0 */
	size_t		 len;
	int		 sec;		/* libunbound: 0 not secure, 1 bogus, 2 secure */
	const char	*why_bogus;	/* borrowed, may be NULL */
};

/* Why there is no usable answer; DNS_OK: read rcode and the records. */
enum dns_err {
	DNS_OK,
	DNS_ERR_TIMEOUT,	/* no answer within the context's timeout */
	DNS_ERR_RESOLVER,	/* the resolver library refused or failed the query */
	DNS_ERR_MALFORMED,	/* the answer packet does not parse */
	DNS_ERR_BOGUS,		/* DNSSEC validation failed: the answer is not used */
	DNS_ERR_CNAME,		/* the CNAME chain loops or is longer than DNS_CNAME_MAX */
	DNS_ERR_NAME,		/* the name asked is not a valid DNS name */
};

enum dns_sec {
	DNS_SEC_INDETERMINATE,	/* not validated (no trust anchor in use) or no answer */
	DNS_SEC_INSECURE,	/* validated: provably unsigned */
	DNS_SEC_SECURE,		/* validated: signed and correct */
	DNS_SEC_BOGUS,		/* validated: signed and wrong (see why_bogus) */
};

struct dns_rr {
	int		 type;		/* DNS_T_* or any other number */
	uint32_t	 ttl;
	uint16_t	 pref;		/* MX preference */
	uint8_t		 tlsa[3];	/* TLSA usage, selector, matching type */
	char		*name;		/* owned; MX exchange, PTR or CNAME target (lowercase,
					 * no trailing dot, "" for the root); A/AAAA: the address
					 * as text; NULL otherwise */
	uint8_t		*data;		/* owned, NUL-terminated; A: 4 bytes, AAAA: 16, TXT: the
					 * strings joined (may hold NUL bytes: use len), TLSA:
					 * association data, other types: the
					 * raw rdata */
	size_t		 len;
	size_t		 nstrings;	/* TXT: how many character-strings were joined */
	bool		 cut;		/* data was longer than DNS_RDATA_MAX and is cut there */
};

struct dns_result {
	char		*qname;		/* owned; as asked, lowercase, no trailing dot */
	int		 qtype;
	enum dns_err	 err;
	int		 rcode;		/* when err == DNS_OK: NOERROR, NXDOMAIN, SERVFAIL, ... */
	enum dns_sec	 sec;
	char		*why_bogus;	/* owned, may be NULL */
	char		*error;		/* owned; one phrase when err != DNS_OK or rcode is not
					 * NOERROR/NXDOMAIN ("SERVFAIL", "no DNS answer within
					 * 5000 ms", ...); NULL otherwise */
	char		*canonical;	/* owned; the name the records are at after CNAMEs; NULL
					 * when that is qname */
	struct dns_rr	*rrs;		/* owned; records of qtype at the canonical name, in
					 * answer order (for qtype CNAME: the CNAME at qname) */
	size_t		 nrrs;		/* at most DNS_RECORDS_MAX */
	size_t		 omitted;	/* matching records beyond DNS_RECORDS_MAX */
	long long	 ms;		/* from sending the query to its answer */
};

/*
 * A result for (qname, qtype) from one libunbound answer; `validating`
 * says whether a trust anchor was in use (else sec is INDETERMINATE).
 * Never fails: a bad packet becomes DNS_ERR_MALFORMED.  Caller owns it.
 */
struct dns_result *dns_result_from_answer(const char *qname, int qtype,
		    const struct dns_answer *, bool validating);
/* A result carrying only an error (timeout, resolver failure, bad name). */
struct dns_result *dns_result_error(const char *qname, int qtype, enum dns_err,
		    const char *error);
void		 dns_result_free(struct dns_result *);

/* An answer to use: err == DNS_OK and NOERROR (possibly with no records). */
bool		 dns_result_ok(const struct dns_result *);
/* The name does not exist: NXDOMAIN. */
bool		 dns_result_nxdomain(const struct dns_result *);
/* A short phrase for what went wrong ("NXDOMAIN", "SERVFAIL", "timeout after
 * ..."), "no records" for an empty NOERROR, NULL when there are records. */
const char	*dns_result_problem(const struct dns_result *);

/* "A", "MX", "TYPE65" ...: a static or thread-unsafe buffer; for messages. */
const char	*dns_type_name(int type);
/* "secure", "insecure", "bogus", "indeterminate" (the JSON names). */
const char	*dns_sec_name(enum dns_sec);
/* "SERVFAIL", "RCODE11" ...; same. */
const char	*dns_rcode_name(int rcode);

/*
 * Lowercase name without the trailing dot, or NULL when it cannot be a DNS
 * name (empty label, label over 63, name over 253, bad escape).  Owned.
 */
char		*dns_name_canon(const char *);

#endif
