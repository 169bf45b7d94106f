/*
 * dns.h - the MX plan of a domain (RFC 5321 5.1), asked through the one
 * resolver (dns/resolve.h, included here for its context functions).
 */
#ifndef MXTRACE_DNS_H
#define MXTRACE_DNS_H

#include "dns/mxplan.h"
#include "dns/resolve.h"

struct dns_req;

/*
 * Resolve MX, then A and AAAA of every MX host (following CNAMEs), or the
 * domain's own A/AAAA when it has no MX.  cb is called exactly once, later,
 * from the event loop, with a plan the callee owns (mxplan_free).  The plan
 * is already ordered (mxplan_order) and bounded by the context's timeout.
 */
typedef void	 dns_plan_cb(void *arg, struct mxplan *plan);
struct dns_req	*dns_plan(struct dns_ctx *, const char *domain_ascii,
		    dns_plan_cb *cb, void *arg);
/* Cancel a pending plan: cb is never called. */
void		 dns_cancel(struct dns_req *);

#endif
