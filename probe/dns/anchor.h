/*
 * anchor.h - can DNSSEC be checked through this resolver?  A validating
 * context whose resolver strips DNSSEC data (many ISP and office resolvers
 * do) would call every answer bogus; asking for the trust anchor's own
 * DNSKEY first tells the two apart.
 */
#ifndef MXTRACE_ANCHOR_H
#define MXTRACE_ANCHOR_H

#include "dns/resolve.h"

/*
 * The zone a trust anchor file is for (owner of its first DS or DNSKEY
 * record, "." for the root key), owned; NULL when the file has none.
 */
char	*dns_anchor_zone(const char *file);

/*
 * Ask ctx (validating, the event loop not yet running) for the DNSKEY of
 * zone (for the root: of arpa., the root's own signed zone) and run the loop
 * until it is answered (bounded by the context's timeout).  true when the
 * answer is DNSSEC-secure; false with *why (owned) saying what came back
 * instead.
 */
bool	 dns_anchor_works(struct dns_ctx *ctx, const char *zone, char **why);

#endif
