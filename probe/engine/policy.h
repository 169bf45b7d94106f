/*
 * policy.h - the recipient domain's published TLS policy, looked up on
 * the event loop beside the MX plan: MTA-STS (RFC 8461: the _mta-sts TXT
 * record, then the policy from https://mta-sts.DOMAIN/.well-known/
 * mta-sts.txt) and TLS-RPT (RFC 8460: the _smtp._tls TXT record).
 */
#ifndef MXTRACE_POLICY_H
#define MXTRACE_POLICY_H

#include <stdbool.h>

#include <event2/event.h>
#include <openssl/ssl.h>

#include "dns/resolve.h"
#include "net/mtasts.h"
#include "record/result.h"

struct policy_req;

/*
 * Done: rec (owned by the callee) says what was found; sts (owned by the
 * callee, free with mtasts_policy_free) holds the valid policy when
 * rec->sts_policy.  Called exactly once, from the event loop.
 */
typedef void	policy_cb(void *arg, struct tls_policy_rec *rec,
		    struct mtasts_policy *sts);

/*
 * Look the policy of domain_ascii up.  https_ctx verifies the policy
 * server; allow_private lets it be on a private/loopback address (the
 * lab); timeout_ms bounds the fetch.  Never calls back before returning.
 */
struct policy_req *policy_start(struct event_base *, struct dns_ctx *,
		    SSL_CTX *https_ctx, bool allow_private, long long timeout_ms,
		    const char *domain_ascii, policy_cb *, void *arg);
/* Drop a lookup: its callback never runs. */
void		 policy_cancel(struct policy_req *);
/* A deep copy, for each recipient's record. */
struct tls_policy_rec *policy_rec_copy(const struct tls_policy_rec *);

/*
 * What was found per domain, so verify fetches each domain's policy once
 * (at most POLICY_CACHE_MAX domains are kept; later ones are looked up
 * each time).  Entries are copies; get hands out copies the caller owns
 * (*sts NULL when the domain had no valid policy).
 */
#define POLICY_CACHE_MAX	10000
struct policy_cache;
struct policy_cache *policy_cache_new(void);
void		 policy_cache_free(struct policy_cache *);
bool		 policy_cache_get(struct policy_cache *, const char *domain,
		    struct tls_policy_rec **rec, struct mtasts_policy **sts);
void		 policy_cache_put(struct policy_cache *, const char *domain,
		    const struct tls_policy_rec *, const struct mtasts_policy *);

#endif
