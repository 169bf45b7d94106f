/*
 * dns.h - asynchronous DNS through libunbound on the program's one
 * event_base, answers parsed with ldns.  Builds an mxplan for a domain.
 */
#ifndef MXTRACE_DNS_H
#define MXTRACE_DNS_H

#include <stdbool.h>

#include <event2/event.h>

#include "dns/mxplan.h"

struct dns_ctx;
struct dns_req;

/*
 * resolver: "IP" or "IP@PORT" to send every query there (forwarding, RD
 * set); NULL to use /etc/resolv.conf.  timeout_ms bounds each plan.
 * Returns NULL with *err (owned) set on failure.
 */
/* "IP" or "IP@PORT": a numeric IPv4/IPv6 address and a port 1..65535. */
bool		 dns_resolver_valid(const char *);
struct dns_ctx	*dns_new(struct event_base *, const char *resolver,
		    long long timeout_ms, char **err);
void		 dns_free(struct dns_ctx *);
/* Queries sent so far (for bench and verify statistics). */
unsigned long	 dns_queries(const struct dns_ctx *);

/*
 * Resolve MX, then A and AAAA of every MX host (following CNAMEs), or the
 * domain's own A/AAAA when it has no MX.  cb is called exactly once, later,
 * from the event loop, with a plan the callee owns (mxplan_free).  The plan
 * is already ordered (mxplan_order).
 */
typedef void	 dns_plan_cb(void *arg, struct mxplan *plan);
struct dns_req	*dns_plan(struct dns_ctx *, const char *domain_ascii,
		    dns_plan_cb *cb, void *arg);
/* Cancel a pending plan: cb is never called. */
void		 dns_cancel(struct dns_req *);

#endif
