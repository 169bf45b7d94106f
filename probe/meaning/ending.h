/*
 * ending.h - every way a session or a lookup can end, described in words
 * the lower layers can give (no session, plan or result types: this is
 * layer 2), and the one place that decides what each ending means:
 * verdict, stage, reason, whether it is final for the domain and whether
 * it may replace what an earlier attempt found.  The engine only reports
 * what happened (ending_judge); see probe/README.md.
 */
#ifndef MXTRACE_ENDING_H
#define MXTRACE_ENDING_H

#include <stdbool.h>
#include <stddef.h>

#include "meaning/classify.h"
#include "meaning/verdict.h"

enum ending_kind {
	ENDING_NOTHING,		/* the job ends and no attempt found anything */
	ENDING_DNS,		/* the MX plan has no host to try; see dns */
	ENDING_DNS_STOPPED,	/* the job was stopped while DNS was asked
				 * (--deadline: ENDING_DEADLINE at STAGE_DNS) */
	ENDING_PRIVATE_ONLY,	/* every MX address is private or loopback (safety rule) */
	ENDING_FAMILY_EXCLUDED,	/* no MX address of the family -4/-6/--source allow */
	ENDING_CONNECT_FAILED,	/* refused, unreachable, connect timeout; see connects */
	ENDING_PROXY_FAILED,	/* the user's SOCKS5 proxy failed; see proxy_fail */
	ENDING_REJECTED,	/* a non-2xx at banner/EHLO/MAIL ended the session */
	ENDING_TLS_FAILED,	/* STARTTLS refused, not offered or its handshake failed */
	ENDING_TIMEOUT,		/* a reply did not come in time, after connect */
	ENDING_CLOSED,		/* the server closed the connection */
	ENDING_PROTOCOL_ERROR,	/* the server broke the protocol or a bound */
	ENDING_SMTPUTF8,	/* the recipient needs SMTPUTF8, the server lacks it */
	ENDING_DEADLINE,	/* the job's whole deadline passed */
	ENDING_STOPPED,		/* the job was stopped from outside (interrupt) */
	ENDING_RCPT,		/* the address's own reply to RCPT */
	ENDING__LAST
};

/* Why a DNS plan has no host to try (dns/mxplan.h's statuses, by name). */
enum ending_dns {
	ENDING_DNS_NXDOMAIN,
	ENDING_DNS_NO_MAIL,	/* no MX and no address */
	ENDING_DNS_NULL_MX,	/* RFC 7505 */
	ENDING_DNS_NO_ADDRESS,	/* MX hosts without addresses */
	ENDING_DNS_SERVFAIL,
	ENDING_DNS_TIMEOUT,
	ENDING_DNS_BOGUS,	/* DNSSEC validation failed */
	ENDING_DNS__LAST
};

/* How TLS failed, as the transcript shows it (ENDING_TLS_FAILED). */
enum ending_tls {
	ENDING_TLS_HANDSHAKE,	/* STARTTLS accepted, the handshake failed */
	ENDING_TLS_REFUSED,	/* STARTTLS answered 4xx/5xx */
	ENDING_TLS_NOT_OFFERED,	/* EHLO offered no STARTTLS */
};

/* A TLS policy that stops a sender although RCPT was answered. */
enum ending_policy {
	ENDING_POLICY_NONE,
	ENDING_POLICY_DANE,	/* RFC 7672 */
	ENDING_POLICY_MTA_STS,	/* RFC 8461, enforce */
};

/* What happened; fields beyond kind matter only for the kinds named. */
struct ending {
	enum ending_kind	 kind;
	enum stage		 stage;		/* sessions: where it ended */
	/* the decisive reply (REJECTED, RCPT, ...); code 0: none */
	int			 code;
	const char		*enhanced;	/* may be NULL */
	const char		*text;		/* any bytes, textlen long */
	size_t			 textlen;
	const char		*mx;		/* the MX host name, for provider rules */
	enum ending_dns		 dns;		/* DNS */
	enum ending_tls		 tls;		/* TLS_FAILED */
	bool			 tls_required;	/* TLS_FAILED: --require-tls */
	unsigned		 connects;	/* CONNECT_FAILED: failed connects so far */
	unsigned		 connect_timeouts;	/* ... of which timed out */
	unsigned		 connect_denied;	/* ... of which this machine
						 * refused (ending_connect_denied) */
	bool			 via_proxy;	/* CONNECT_FAILED: through --proxy */
	bool			 port25_open;	/* CONNECT_FAILED: a server answered
						 * on port 25 in this run, the same
						 * way (direct or through --proxy) */
	enum proxy_fail		 proxy_fail;	/* PROXY_FAILED */
	int			 proxy_rep;
	int			 catch_all;	/* RCPT: the domain's catch-all, -1 unknown */
	enum ending_policy	 policy;	/* RCPT */
};

/* Which earlier finding a new one may replace. */
enum ending_rank {
	ENDING_RANK_FALLBACK,	/* only when nothing was found */
	ENDING_RANK_WEAK,	/* nothing, or an unreachable host */
	ENDING_RANK_STRONG,	/* always: the server said something definite */
};

struct ending_meaning {
	bool		 decided;	/* false: not a finding (retry without TLS) */
	enum verdict	 verdict;
	enum stage	 stage;
	enum reason	 reason;
	char		 blocklist[128];
	bool		 with_reply;	/* the reply belongs in the record */
	bool		 final;		/* decides every open recipient now; no
					 * other MX is tried */
	enum ending_rank rank;
};

/*
 * Did a direct connect that failed with errno err never leave this
 * machine: its own firewall or routing policy forbade it (EPERM, EACCES)?
 */
bool	ending_connect_denied(int err);
/* What an ending means; out is always filled. */
void	ending_judge(const struct ending *, struct ending_meaning *out);
/*
 * May m replace the finding held so far?  held_set false: nothing held;
 * else held_verdict is its verdict.
 */
bool	ending_replaces(const struct ending_meaning *m, bool held_set,
	    enum verdict held_verdict);
/*
 * The catch-all test's random address was answered code: 1 the domain
 * accepts anything, 0 it does not, -1 the reply tells nothing.
 */
int	ending_catch_all_probe(int code);
/* An address's own RCPT reply proves the domain is no catch-all. */
bool	ending_denies_catch_all(int code, const char *enhanced,
	    const char *text, size_t textlen);

#endif
