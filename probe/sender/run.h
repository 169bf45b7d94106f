/*
 * run.h - one `mxtrace sender` run: what to check (a domain, IPs), every
 * DNS answer gathered on the event loop through the cache (sdns.h), and
 * the findings (checks.h) built from them.
 */
#ifndef MXTRACE_SENDER_RUN_H
#define MXTRACE_SENDER_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>

#include "base/limits.h"
#include "base/util.h"
#include "dns/resolve.h"
#include "record/result.h"
#include "sender/dkim.h"
#include "sender/dmarc.h"
#include "sender/dnsbl.h"
#include "sender/ipaddr.h"
#include "sender/provider.h"
#include "sender/ptr.h"
#include "sender/spf.h"

struct sender_opts {
	const char	*domain;	/* borrowed; A-label, NULL when only IPs */
	const char	*ips[SENDER_IPS_MAX];	/* borrowed; --ip and positional IPs */
	size_t		 nips;
	bool		 ip_from_message;	/* ips[0]: the --message's, none given */
	const char	*helo;		/* borrowed; NULL: not checked */
	const char	*selectors[DKIM_SELECTORS_MAX];	/* borrowed; tried first */
	size_t		 nselectors;
	bool		 selector_signed;	/* selectors[0]: the --message's s= */
	bool		 message_unsigned;	/* the --message has no DKIM-Signature */
	bool		 message_sent_copy;	/* ... and shows no receiving server */
	/* ips[0]: the --message's, a computer that handed it straight to the
	 * recipient's server (an office line, not a mail server) */
	bool		 message_direct;
	/* borrowed; the --message's d= when no signature is of From:'s
	 * domain (a provider's own), else NULL */
	const char	*message_signer;
	const char	*spamhaus_key;	/* borrowed; DQS key or NULL */
	bool		 allow_private;	/* keep private/loopback IPs */
	bool		 neighbours;	/* --neighbours: sweep the /24 of the first IPs */
	long long	 deadline_ms;	/* the whole run */
	const struct dnsbl_set *lists;	/* borrowed */
	const struct provider_set *providers;	/* borrowed; NULL: not identified */
};

/* One sending IP and what was found about it. */
struct sender_ip {
	struct ipaddr		 a;
	char			*source;	/* owned; "--ip", "--message", "SPF ip4:...", "MX mx.example.com" */
	struct ptr_result	 ptr;
	enum spf_result		 spf;		/* SPF_NEED when no domain */
	char			*spf_why;	/* owned */
	struct dnsbl_verdict	 v[DNSBL_LISTS_MAX];	/* per list of opts->lists */
	/* --neighbours: the other addresses of the /24 on the sweep lists */
	bool			 swept;
	unsigned		 sweep_checked, sweep_listed, sweep_unknown;
};

struct sender_mx_host {
	char		*name;		/* owned */
	int		 pref;
	struct ipaddr	 addrs[4];
	size_t		 naddrs;
};

enum sender_mx_status { SMX_NEED, SMX_OK, SMX_NONE, SMX_NULL, SMX_NXDOMAIN, SMX_ERROR };
/*
 * "unknown", "ok", "none", "null_mx", "nxdomain", "error": the JSON's
 * mx.status.
 */
const char	*sender_mx_status_name(enum sender_mx_status);

struct sender_report {
	const struct sender_opts *opts;	/* borrowed */
	/* domain */
	bool			 has_domain;
	struct spf_walk		 spf;
	struct dmarc_result	 dmarc;
	struct dkim_key		 dkim[DKIM_SELECTORS_MAX];
	size_t			 ndkim;
	size_t			 ndkim_named;	/* dkim[0..ndkim_named): the selectors named */
	enum sender_mx_status	 mx_status;
	char			*mx_error;	/* owned */
	struct sender_mx_host	 mx[SENDER_MX_MAX];
	size_t			 nmx;
	/* a domain given as "www.NAME" without MX records of its own: NAME's
	 * MX hosts (0 when NAME has none, or was not asked) */
	size_t			 www_bare_mx;
	struct dnsbl_verdict	 domain_v[DNSBL_LISTS_MAX];
	/* _mta-sts and _smtp._tls TXT: 1 one record, 0 none, 2 several or
	 * malformed, -1 not answered yet, -2 DNS error */
	int			 sts_txt, tlsrpt_txt;
	/* lists */
	int			 zone_ok[DNSBL_LISTS_MAX];	/* 1 ok, 0 failed, -1 not known */
	char			*zone_cause[DNSBL_LISTS_MAX];	/* owned */
	bool			 zone_used[DNSBL_LISTS_MAX];
	/* IPs */
	struct sender_ip	 ips[SENDER_IPS_MAX];
	size_t			 nips;
	size_t			 ips_omitted;	/* candidates beyond SENDER_IPS_MAX */
	struct strlist		 ip_notes;	/* ranges not enumerated, private IPs skipped */
	/* who sends for the domain (provider.c) */
	const struct provider	*provider;	/* borrowed from opts->providers, NULL */
	char			 provider_why[320];
	/* the MTA-STS policy over HTTPS and TLS-RPT (engine/policy.c, from
	 * cmd/); NULL: not looked up (--no-mta-sts, no domain) */
	struct tls_policy_rec	*policy;	/* owned */
	/*
	 * the inbound check: postmaster@DOMAIN probed through the engine (cmd/)
	 */
	bool			 inbound_done;
	bool			 inbound_proxy;		/* it went through --proxy */
	int			 inbound_verdict;	/* enum verdict */
	char			*inbound_detail;	/* owned */
	/* the run */
	bool			 complete;	/* every answer arrived before the deadline */
	unsigned		 rounds;	/* passes that asked for new answers */
	unsigned long		 queries;
	long long		 ms;
};

/*
 * Run every check on base until all answers are in or the deadline
 * passes; report is filled (free with sender_report_clear).  The
 * blocklists are asked through dnsbl (--dnsbl-resolver, --recursive; the
 * same context as dns otherwise), everything else through dns.
 */
void	sender_run(struct event_base *, struct dns_ctx *dns, struct dns_ctx *dnsbl,
	    const struct sender_opts *, struct sender_report *);
void	sender_report_clear(struct sender_report *);

#endif
