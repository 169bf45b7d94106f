/*
 * resolve.h - the one way mxtrace asks DNS: asynchronous lookups of any
 * type through one libunbound context on the program's event_base, each
 * answered with a dns_result (dns/answer.h).  At most DNS_INFLIGHT_MAX
 * queries (base/limits.h, or the context's own cap) are sent and
 * unanswered at a time; the rest wait in order.
 */
#ifndef MXTRACE_RESOLVE_H
#define MXTRACE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>

#include "dns/answer.h"

struct dns_ctx;
struct dns_query;

/*
 * "IP" or "IP@PORT": a numeric IPv4/IPv6 address and a port 1..65535; an
 * IPv6 address may name its interface, "IP%SCOPE" (an interface of this
 * machine, by name or number), and a link-local one must.
 */
bool		 dns_resolver_valid(const char *);
/*
 * resolver: "IP" or "IP@PORT" (dns_resolver_valid) to send every query
 * there (forwarding, RD set); NULL to use /etc/resolv.conf.  timeout_ms bounds each query from
 * the moment it is sent.  Returns NULL with *err (owned) set on failure.
 */
struct dns_ctx	*dns_new(struct event_base *, const char *resolver,
		    long long timeout_ms, char **err);
/*
 * Forward every query to these n servers alone (dns_resolver_valid's
 * form, a scope as "%IFNAME", which libunbound reads back; n >= 1),
 * instead of those dns_new chose: the servers of /etc/resolv.conf that
 * answered the start-up check (dns/alive.h).  Before the first query.
 * -1 with *err (owned) when one is refused.
 */
int		 dns_set_forwarders(struct dns_ctx *, char *const *servers,
		    size_t n, char **err);
/*
 * A context that resolves from this machine (libunbound as a full
 * recursive resolver, from the root), for lists that refuse shared
 * resolvers.  root_hints: a root hints file (the lab's), NULL for
 * libunbound's built-in root servers.  NULL with *err (owned) on failure.
 */
struct dns_ctx	*dns_new_recursive(struct event_base *, const char *root_hints,
		    long long timeout_ms, char **err);
/* Frees every pending query too: their callbacks never run. */
void		 dns_free(struct dns_ctx *);
struct event_base *dns_base(const struct dns_ctx *);
long long	 dns_timeout_ms(const struct dns_ctx *);
/* Queries sent so far (for bench and statistics). */
unsigned long	 dns_queries(const struct dns_ctx *);
/* Lower the cap on queries in flight (1..DNS_INFLIGHT_MAX). */
void		 dns_set_inflight_max(struct dns_ctx *, unsigned);
/* Send at most per_second queries a second (1..1000; 0: no limit): fair use. */
void		 dns_set_rate(struct dns_ctx *, unsigned per_second);
/*
 * Whether answers are DNSSEC-validated (a trust anchor is in use); when
 * not, every result's sec is DNS_SEC_INDETERMINATE.
 */
bool		 dns_validating(const struct dns_ctx *);
/*
 * Validate every answer with DNSSEC from this trust anchor file (DS or
 * DNSKEY records in zone-file form, e.g. Debian's /usr/share/dns/root.key).
 * Before the first query.  -1 with *err (owned) when it cannot be used.
 */
int		 dns_set_trust_anchor(struct dns_ctx *, const char *file, char **err);
/*
 * The resolver's reply time as the start-up check measured it (ms; -1
 * unknown), before the first query.  libunbound resends a question to a
 * server it has not timed yet after 376 ms, and drops the answer to the
 * question it sent before: over a slow link each first question went out
 * five times and took seconds.  A slow reply sets its least resend
 * timeout to 1.5 times the reply time.  The setting is libunbound's, for
 * the whole process.  -1 with *err (owned) when it is refused.
 */
int		 dns_set_resolver_rtt(struct dns_ctx *, long long ms, char **err);

/*
 * Ask for (name, type).  cb is called exactly once, later, from the event
 * loop (never before dns_resolve returns), with a result the callee owns
 * (dns_result_free) — unless the query is cancelled first.  The handle is
 * valid until then.  A name that is not a DNS name is answered with
 * DNS_ERR_NAME without a query.
 */
typedef void	 dns_result_cb(void *arg, struct dns_result *);
struct dns_query *dns_resolve(struct dns_ctx *, const char *name, int type,
		    dns_result_cb *cb, void *arg);
/* Drop a pending query: its callback never runs.  NULL is allowed. */
void		 dns_query_cancel(struct dns_query *);

/*
 * A multi-query request built on dns_resolve (the MX plan, a sender
 * check) registers here so that dns_free() drops it first: `drop` must
 * free it without calling back.  Unregister when it ends.
 */
struct dns_user {
	void			(*drop)(struct dns_user *);
	struct dns_user		*next, **prevp;	/* the context's list; private */
};
void		 dns_user_add(struct dns_ctx *, struct dns_user *);
void		 dns_user_remove(struct dns_user *);

#endif
