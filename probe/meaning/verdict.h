/*
 * verdict.h - the names a probe ends with: verdict, stage and reason.
 * The string tables (verdict.c) are the JSON interface: never rename.
 */
#ifndef MXTRACE_VERDICT_H
#define MXTRACE_VERDICT_H

#include <stdbool.h>

enum verdict {
	VERDICT_DELIVERABLE,
	VERDICT_UNDELIVERABLE,
	VERDICT_CATCH_ALL,
	VERDICT_MAILBOX_FULL,
	VERDICT_BLOCKED,
	VERDICT_TEMPORARY,
	VERDICT_NO_MAIL_DOMAIN,
	VERDICT_DNS_ERROR,
	VERDICT_UNREACHABLE,
	VERDICT_TLS_FAILED,
	VERDICT_PROTOCOL_ERROR,
	VERDICT_INVALID_SYNTAX,
	VERDICT__LAST
};

/*
 * Never compare stages with < or >: the values are names, not the order of
 * the conversation (STAGE_DATA was added later).  stage_before() knows it.
 */
enum stage {
	STAGE_SYNTAX,
	STAGE_DNS,
	STAGE_PROXY,	/* the user's SOCKS5 proxy (--proxy) */
	STAGE_CONNECT,
	STAGE_BANNER,
	STAGE_EHLO,
	STAGE_STARTTLS,
	STAGE_MAIL,
	STAGE_RCPT,
	STAGE_DATA,	/* after DATA: only bounces report it (explain) */
	STAGE_RSET,	/* in transcripts only; never a verdict stage */
	STAGE_QUIT,	/* in transcripts only; never a verdict stage */
	STAGE__LAST
};

/* The finer cause behind a verdict; documented in docs/json.md. */
enum reason {
	REASON_ACCEPTED,		/* RCPT accepted */
	REASON_CATCH_ALL,		/* a random local part was accepted too */
	REASON_MAILBOX_UNKNOWN,
	REASON_MAILBOX_DISABLED,
	REASON_DOMAIN_NO_MAIL,		/* the domain exists but has no MX and no address; X.4.4 */
	REASON_NULL_MX,			/* RFC 7505 MX 0 . */
	REASON_MAILBOX_FULL,
	REASON_MESSAGE_TOO_BIG,
	REASON_IP_BLOCKLISTED,
	REASON_REPUTATION_OR_RATE,
	REASON_AUTH_SPF_DKIM_DMARC,
	REASON_HOST_IDENTITY_PTR_HELO,
	REASON_TLS_REQUIRED,
	REASON_TLS_HANDSHAKE_FAILED,
	REASON_STARTTLS_REFUSED,	/* STARTTLS answered 4xx/5xx */
	REASON_STARTTLS_NOT_OFFERED,	/* --require-tls and EHLO offers no STARTTLS */
	REASON_SENDER_REJECTED,
	REASON_RELAY_DENIED,
	REASON_POLICY_OTHER,		/* 5.7.x without a finer cue */
	REASON_GREYLISTED,
	REASON_TOO_MANY_CONNECTIONS,
	REASON_TOO_MANY_RECIPIENTS,
	REASON_TEMPORARY_OTHER,		/* 4xx without a finer cue */
	REASON_REMOTE_SERVER_ERROR,
	REASON_SMTPUTF8_UNSUPPORTED,
	REASON_CONNECTION_FAILED,
	REASON_PORT25_FILTERED,
	REASON_PRIVATE_ADDRESS,
	REASON_NO_ADDRESS,		/* MX hosts exist but none has an address */
	REASON_DNS_FAILURE,
	REASON_DNS_TIMEOUT,
	REASON_PROTOCOL_VIOLATION,
	REASON_TIMEOUT,			/* a server stopped answering mid-session (--timeout) */
	REASON_INVALID_ADDRESS,
	REASON_PROXY_UNREACHABLE,	/* no connection to the --proxy */
	REASON_PROXY_AUTH_FAILED,	/* the proxy refused our method or credentials */
	REASON_PROXY_PORT25_BLOCKED,	/* REP 2: the proxy's rules forbid the connection */
	REASON_PROXY_REFUSED,		/* another SOCKS error code from the proxy */
	REASON_PROXY_PROTOCOL_ERROR,	/* the proxy did not speak SOCKS5 */
	REASON_PROXY_PORT25_FILTERED,	/* through the proxy every MX timed out at connect */
	REASON_LOCAL_FIREWALL,		/* this machine refused every connect (EPERM, EACCES) */
	REASON_DNSSEC_BOGUS,		/* a DNS answer failed DNSSEC validation */
	REASON_TLS_POLICY_DANE,		/* the MX's certificate does not match its DNSSEC-secure TLSA */
	REASON_TLS_POLICY_MTA_STS,	/* the domain's MTA-STS policy (enforce) rejects the MX */
	REASON_UNKNOWN,
	/*
	 * reasons only a bounce or a report about a sent message gives
	 * (explain)
	 */
	REASON_DELIVERED,		/* a DSN says delivered or relayed */
	REASON_DELAYED,			/* Action: delayed, the sender still retries */
	REASON_EXPIRED,			/* the sending server gave up retrying */
	REASON_AUTO_REPLY,		/* RFC 3834 auto-reply, out of office */
	REASON_FEEDBACK,		/* RFC 5965 feedback report (a complaint) */
	REASON_CONTENT_REJECTED,	/* the message's content looked like spam */
	REASON_VIRUS_DETECTED,
	REASON_MESSAGE_NOT_COMPLIANT,	/* broken RFC 5322 headers */
	REASON_MAILBOX_MOVED,		/* the address has moved (5.1.6 "has moved") */
	REASON_RECIPIENT_FILTER,	/* the recipient's own filter refused it */
	REASON_MAIL_LOOP,		/* too many hops: a forwarding loop */
	REASON_BAD_REPUTATION,		/* refused for the sending IP's or domain's reputation, said so */
	REASON_RATE_LIMITED,		/* refused for sending too much too fast, said so (probe too: NetEase's limits on the sender address) */
	REASON_NOT_AUTHORIZED,		/* not authorized to send to this address (X.7.1, access denied) */
	REASON_MAILBOX_SIZE_LIMIT,	/* larger than this mailbox accepts (X.2.3), not the server */
	REASON_CONTENT_FORMAT,		/* the server cannot take the message's media or encoding (X.6) */
	REASON_MAILER_ERROR,		/* the recipient's delivery program (a pipe, a filter) failed */
	REASON_SYSTEM_FULL,		/* the recipient's mail system is out of storage or congested (X.3.1, X.4.5) */
	REASON_HELO_REJECTED,		/* the sending host's HELO/EHLO name was refused (probe and explain) */
	REASON_DOMAIN_BLOCKLISTED,	/* a domain (sender's, HELO's, a link's) is on a domain blocklist (probe and explain) */
	REASON_CLIENT_AUTH_REQUIRED,	/* the sender's own provider refused its mail client: no login, or no client service/authorization code */
	REASON_RECIPIENT_DOMAIN_BLOCKLISTED, /* the RECIPIENT's domain is on a domain blocklist the server checks (Postfix reject_rhsbl_recipient) */
	REASON_LOGIN_REQUIRED,		/* the server wants the sender's program or server to log in (SMTP AUTH) first, no provider named */
	REASON_DOMAIN_NOT_FOUND,	/* NXDOMAIN, X.1.2, "domain does not exist" (probe and explain) */
	REASON_SUPPRESSED,		/* the sending service's own suppression list: it did not try (explain) */
	REASON_DEADLINE,		/* the user's --deadline ended the probe while a server was still answering */
	REASON__LAST
};

/*
 * The simple answer beside the verdict (what Reacher calls is_reachable):
 * ok, risky, bad or unknown.  The mapping is in docs/json.md ("summary").
 */
enum summary {
	SUMMARY_OK,
	SUMMARY_RISKY,
	SUMMARY_BAD,
	SUMMARY_UNKNOWN,
	SUMMARY__LAST
};

/* Who must act, for each reason (reason_side()); names in docs/json.md. */
enum side {
	SIDE_RECIPIENT_ADDRESS,		/* the address itself is wrong or gone */
	SIDE_RECIPIENT_SERVER,		/* the recipient's server or its policy */
	SIDE_OUR_SIDE,			/* our server, IP or domain set-up */
	SIDE_CONTENT,			/* the message itself */
	SIDE_NETWORK,			/* DNS or the path between the servers */
	SIDE_NOT_A_FAILURE,		/* delivered, delayed, auto-reply */
	SIDE_UNKNOWN,			/* the bounce does not say why: nobody to name */
	SIDE__LAST
};

const char	*verdict_name(enum verdict);
const char	*stage_name(enum stage);
const char	*reason_name(enum reason);
const char	*side_name(enum side);
enum side	 reason_side(enum reason);
/* a comes before b in an SMTP conversation (banner < ... < rcpt < data). */
int		 stage_before(enum stage a, enum stage b);
/* Reverse lookups for readers of JSON (report); -1 when unknown. */
int		 verdict_from_name(const char *);
int		 stage_from_name(const char *);
int		 reason_from_name(const char *);
int		 side_from_name(const char *);

/*
 * What a (verdict, reason) says about the address, for every summary:
 * it will arrive, it will not, nobody can tell yet, or the check itself was
 * refused because of where it ran from (the probe's IP on a blocklist or
 * with a poor reputation, the probe's sender domain failing SPF/DMARC or
 * refused, the probing machine's HELO/PTR, port 25 blocked on its network).
 * The last group says nothing about the address: it is never counted as
 * "will not arrive".
 */
enum verdict_group {
	GROUP_OK,
	GROUP_NO,
	GROUP_UNSURE,
	GROUP_TESTER,
	GROUP__LAST
};

enum verdict_group verdict_group(enum verdict, enum reason);
/* "ok", "no", "unsure", "tester": CSS classes and JSON values. */
const char	*verdict_group_name(enum verdict_group);

/*
 * Exit status of `mxtrace probe`: 0 yes, 1 definite no, 2 indeterminate
 * (the tester's own problems included).
 */
int		 verdict_exit_status(enum verdict, enum reason);

/*
 * The summary of a record: its verdict (the reason refines nothing a
 * summary says), plus two hints about
 * the address itself (a disposable domain, a likely typo of a big
 * provider's domain) that turn an accepted address into a risky one.
 */
enum summary	 summary_of(enum verdict, bool disposable, bool typo);
const char	*summary_name(enum summary);
int		 summary_from_name(const char *);

#endif
