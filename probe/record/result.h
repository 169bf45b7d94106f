/*
 * result.h - what one probe of one address found: the record behind
 * `mxtrace probe --json` and each line of `mxtrace verify`.  The JSON
 * names are in docs/json.md; result_json.c is the only writer.
 */
#ifndef MXTRACE_RESULT_H
#define MXTRACE_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"
#include "base/util.h"
#include "meaning/catalog.h"
#include "meaning/verdict.h"

/* One command and its reply (or what happened instead), with its latency. */
struct step {
	enum stage	 stage;
	char		*command;	/* owned; NULL for connect/banner */
	int		 code;		/* 0: no reply */
	char		 enhanced[ENHANCED_MAX];
	char		*text;		/* owned; raw reply text, may hold NULs; NULL: none */
	size_t		 textlen;
	long long	 ms;		/* from sending the command to its reply */
	char		*error;		/* owned; "timeout", "connection refused"... NULL: none */
	unsigned	 anomalies;	/* REPLY_A_* seen in the reply (reply.h) */
};

/* DANE (RFC 7672) on one TLS connection: what the TLSA records said. */
struct tls_dane {
	size_t		 usable;	/* TLSA records OpenSSL took */
	struct strlist	 unusable;	/* "7 1 1 00..: why" for each one it did not */
	bool		 verified;	/* a usable TLSA record matched the chain */
	char		*matched;	/* owned; "3 1 1 <hex>" that matched, NULL: none */
	unsigned	 matched_usage;	/* its usage: 2 DANE-TA, 3 DANE-EE; 0: none */
	int		 depth;		/* chain depth of the match (0: the server's own) */
	char		*error;		/* owned; why nothing matched, NULL when verified */
	unsigned	 ee_forms;	/* bit selector*3+mtype of each usable DANE-EE(3) record */
	struct strlist	 own;		/* the server certificate's "3 S M <hex>" for each */
};

/* The recipient domain's MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) records. */
struct tls_policy_rec {
	bool		 sts_txt;	/* _mta-sts TXT v=STSv1 found */
	char		 sts_dnssec[16];	/* DNSSEC status of that TXT answer */
	char		 rpt_dnssec[16];	/* ... and of the _smtp._tls one */
	char		*sts_id;	/* owned; its id */
	bool		 sts_policy;	/* a valid policy was fetched */
	char		*sts_mode;	/* owned; enforce, testing, none */
	long		 sts_max_age;
	struct strlist	 sts_mx;	/* its mx patterns */
	struct strlist	 sts_notes;	/* odd but accepted */
	char		*sts_error;	/* owned; why there is no valid policy */
	int		 sts_satisfied;	/* 1 a session met it, 0 none did, -1 unknown */
	bool		 rpt;		/* _smtp._tls TXT v=TLSRPTv1 found */
	struct strlist	 rpt_rua;	/* its report addresses */
	char		*rpt_error;	/* owned */
};

struct tls_info {
	char		*version;	/* all owned; NULL when unknown */
	char		*cipher;
	int		 cipher_bits;	/* its secret bits used, 0: unknown */
	int		 cipher_alg_bits;	/* ... its algorithm's, 0: unknown */
	char		*kex;		/* key exchange group: "X25519", "DHE" */
	int		 kex_bits;	/* the server's ephemeral key, 0: unknown */
	char		*sig;		/* server signature: "RSA-PSS", "ECDSA" */
	char		*sig_digest;	/* its digest: "SHA256"; NULL: none */
	int		 key_bits;	/* the certificate's key, 0: unknown */
	char		*key_curve;	/* an EC key's curve: "prime256v1" */
	bool		 verified;	/* chain verifies against the system store */
	char		*verify_error;	/* NULL when verified */
	bool		 name_match;	/* certificate matches the MX host name */
	bool		 resumed;	/* an earlier session was resumed (no full handshake) */
	char		*subject;
	char		*issuer;
	char		*not_after;	/* ISO 8601 UTC */
	char		*not_before;	/* ISO 8601 UTC */
	bool		 expired;	/* not_after had passed (this machine's clock) */
	bool		 not_yet_valid;	/* not_before had not come yet */
	char		*matched_name;	/* the certificate's name that matched the MX host */
	int		 verify_depth;	/* where the chain's verification stopped, -1: none */
	char		*verify_subject;	/* the certificate there: its subject, */
	char		*verify_issuer;	/* its issuer (owned; NULL: none) */
	bool		 verify_untrusted;	/* it stopped at an issuer not trusted here */
	bool		 verify_unsent;	/* ... the server's own, whose issuer is an
					 * intermediate it did not send */
	char		*sha256;	/* owned; SHA-256 of the certificate, hex */
	char		*pkey_sha256;	/* owned; ... of its public key (SPKI): TLSA 3 1 1 */
	struct strlist	 sans;		/* DNS names in subjectAltName */
	struct strlist	 chain;		/* subjects of the certificates the server sent */
	struct tls_dane	*dane;		/* owned; NULL: DANE did not apply */
};

/* One TCP connection to one address of one MX host. */
struct attempt {
	char		*mx;		/* owned */
	char		 ip[64];
	int		 port;
	char		 local_ip[64];	/* our end of the connection, "" unknown */
	char		*proxy;		/* owned: the SOCKS5 proxy as HOST:PORT; NULL direct */
	char		*proxy_bound;	/* owned: its BND.ADDR:PORT for this tunnel; NULL none */
	struct tls_info	*tls;		/* owned; NULL: no TLS */
	struct step	*steps;		/* owned array */
	size_t		 nsteps, capsteps;
	char		*error;		/* owned; why the attempt ended early, NULL: it did not */
	unsigned long	 session;	/* the SMTP session's number in this run, 0: none */
	bool		 reused;	/* the session served earlier work first */
};

/* An MX host as the plan saw it, for the report. */
struct mx_summary {
	char		*host;		/* owned */
	int		 preference;	/* -1: implicit MX */
	struct strlist	 addresses;
	struct strlist	 warnings;
	char		 dnssec[16];	/* of its address answers; "" unknown */
	char		 dane[12];	/* none, ignored, applies, bogus; "" unknown */
	char		 tlsa_dnssec[16];	/* of its TLSA answer; "" not asked */
	struct strlist	 tlsa;		/* its TLSA records, "3 1 1 <hex>" */
};

/*
 * What mxtrace noticed about the address itself before any probe
 * (input/normalize.c, input/hints.c): information beside the verdict.
 */
struct addr_notes {
	char		*given;		/* owned: the text as the input had it, when
					 * normalizing changed it; NULL otherwise */
	struct strlist	 changes;	/* what normalizing did ("fullwidth", ...) */
	char		*suggestion;	/* owned: "alice@gmail.com" for a likely typo */
	bool		 role;		/* info@, sales@ ...: a shared mailbox */
	bool		 disposable;	/* a throw-away mail domain */
};

struct probe_result {
	char		*address;	/* owned; as given, may be invalid bytes */
	char		*domain;	/* owned; A-label form, NULL before parsing */
	enum verdict	 verdict;
	enum stage	 stage;
	enum reason	 reason;
	char		 blocklist[128];	/* "" when none */
	bool		 has_reply;
	struct step	 reply;		/* the decisive reply (copy), when has_reply */
	struct mx_summary *mx;		/* owned array */
	size_t		 nmx;
	struct attempt	*attempts;	/* owned array */
	size_t		 nattempts, capattempts;
	int		 catch_all;	/* 1 yes, 0 no, -1 unknown/not checked */
	struct strlist	 warnings;
	long long	 dns_ms, total_ms;
	long long	 deadline_ms;	/* the --deadline the probe ran under
					 * (what ended it, reason deadline);
					 * 0: nothing was probed */
	char		 started_at[32];	/* ISO 8601 UTC with milliseconds */
	char		*source_ip;	/* owned; local address the sessions used, NULL: unknown */
	char		 dnssec[16];	/* of the MX answer; "" when none came */
	struct tls_policy_rec *policy;	/* owned; NULL: not looked up */
	struct addr_notes notes;
};

void		 result_init(struct probe_result *, const char *address);
void		 result_free(struct probe_result *);
/* dst (empty) gets a copy of src; free with notes_free. */
void		 notes_copy(struct addr_notes *dst, const struct addr_notes *src);
void		 notes_free(struct addr_notes *);
struct attempt	*result_add_attempt(struct probe_result *);
void		 attempt_init(struct attempt *, const char *mx, const char *ip, int port);
void		 attempt_free(struct attempt *);
void		 attempt_copy(struct attempt *dst, const struct attempt *src);
struct step	*attempt_add_step(struct attempt *, enum stage, const char *command);
void		 step_set_reply(struct step *, int code, const char *enhanced,
		    const char *text, size_t textlen);
void		 step_copy(struct step *dst, const struct step *src);
void		 step_free(struct step *);
/*
 * Whether an attempt's error (att) says no more than its last step's
 * (step) already said: the same words, or the one with a few words of
 * where it stood after them ("timeout" and "timeout waiting for the
 * banner").  The trace and the report then show the step's alone.
 */
bool		 attempt_error_said(const char *step, const char *att);
void		 tls_info_free(struct tls_info *);
void		 tls_dane_free(struct tls_dane *);
void		 tls_policy_rec_free(struct tls_policy_rec *);
void		 tls_info_copy(struct tls_info **dst, const struct tls_info *src);
/*
 * Where a chain that did not verify stopped, when that tells more than
 * OpenSSL's words, in English (the catalogue translates it): the issuer
 * not trusted here (and an intermediate the server did not send), or the
 * certificate up the chain that failed.  Owned; NULL: nothing to add.
 * The SMTP trace and the MTA-STS policy fetch's error both say it.
 */
char		*tls_where_text(const struct tls_info *);
/*
 * A server offered STARTTLS but the encrypted session could not be set up
 * (a TLS handshake step holds an error): the check
 * went on without TLS, as an MTA would, and the result must say so.
 */
bool		 result_tls_broken(const struct probe_result *);
/*
 * The explanation for a person, with the TLS warning when it applies (owned).
 */
char		*result_explain(const struct probe_result *, enum lang);
/*
 * The same from a record's parts, as a record read back has them (owned).
 */
char		*result_explain_parts(enum verdict, enum reason,
		    const char *blocklist, const char *address,
		    const char *domain, const struct addr_notes *,
		    bool tls_broken, enum lang);
/*
 * The sentence a record's own address calls for instead of its verdict's
 * and reason's (an empty address cell; a private IP named in brackets),
 * or NULL; address and domain may be NULL.  The report asks it too.
 */
const char	*result_explain_own(enum verdict, enum reason,
		    const char *address, const char *domain, enum lang);
/* Set verdict, stage, reason (and decisive reply when step != NULL). */
void		 result_decide(struct probe_result *, enum verdict, enum stage,
		    enum reason, const struct step *decisive, const char *blocklist);

#endif
