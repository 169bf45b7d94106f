/*
 * dnsbl.h - DNS blocklists (RFC 5782): the lists from a data file
 * (data/dnsbl.json, installed with the program), the query name of an IP
 * (reversed, IPv6 as nibbles) or a domain, the meaning of an answer (a
 * listing, a policy listing like the PBL, or an error answer that is
 * never a listing), and each zone's self-test (RFC 5782 5).  Pure.
 */
#ifndef MXTRACE_DNSBL_H
#define MXTRACE_DNSBL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/limits.h"
#include "sender/ipaddr.h"
#include "sender/sdns.h"

#define DNSBL_LISTS_MAX		64	/* lists read from the data file */
#define DNSBL_RANGES_MAX	16	/* code or error ranges per list */

struct dnsbl_range {
	uint32_t	 from, to;	/* host order */
	bool		 policy;	/* class "policy" (PBL) */
	bool		 neighbours;	/* scope: the IP's allocation/network, not the IP */
	bool		 resolver;	/* an error: the list refuses the resolver asked */
	char		*meaning;	/* owned */
	char		*advice;	/* owned; what to do about this code, or NULL */
};

struct dnsbl_list {
	char		*id, *name, *zone, *dqs_zone, *delist;	/* owned */
	char		*test_listed, *test_unlisted;		/* owned */
	bool		 domain;	/* kind "domain" */
	bool		 ipv6;
	bool		 neighbours;	/* scope "neighbours": the IP's allocation/network */
	bool		 sweep;		/* used by --neighbours */
	struct dnsbl_range codes[DNSBL_RANGES_MAX], errors[DNSBL_RANGES_MAX];
	size_t		 ncodes, nerrors;
};

struct dnsbl_set {
	struct dnsbl_list lists[DNSBL_LISTS_MAX];
	size_t		  n;
};

/* Read the data file; false with *err (owned). */
bool		 dnsbl_load(const char *path, struct dnsbl_set *, char **err);
void		 dnsbl_free(struct dnsbl_set *);

/*
 * The name to ask for an IP (ip != NULL) or a domain at list l; key: a
 * Spamhaus DQS key (uses dqs_zone) or NULL.  False when the list cannot
 * answer it (IPv6 on a list without IPv6, an IP on a domain list).
 */
bool		 dnsbl_qname(const struct dnsbl_list *, const struct ipaddr *ip,
		    const char *domain, const char *key, char *buf, size_t len);

/*
 * The zone asked, as shown: the DQS zone (without the key) when a key is used.
 */
const char	*dnsbl_zone_name(const struct dnsbl_list *, const char *key);

enum dnsbl_state {
	DNSBL_NEED,		/* answer missing */
	DNSBL_CLEAN,		/* not listed (NXDOMAIN or no A record) */
	DNSBL_LISTED,
	DNSBL_POLICY,		/* a policy listing (PBL): see the explanation */
	DNSBL_UNKNOWN,		/* error answer, failed lookup, broken zone */
	DNSBL_UNSUPPORTED,	/* the list does not cover this kind of address */
};

/* One listing code of an answer and what the list says it means. */
struct dnsbl_hit {
	char		 code[16];	/* "127.0.0.4" */
	const char	*meaning;	/* borrowed from the list */
	const char	*advice;	/* borrowed from the list; NULL: none */
	bool		 policy;	/* a policy listing (PBL) */
	bool		 neighbours;	/* the code speaks of the IP's network */
};

struct dnsbl_verdict {
	enum dnsbl_state state;
	char		 code[16];	/* the worst listing code (hits[0]), or the answer
					 * that made it unknown, "127.0.0.2" */
	const char	*meaning;	/* borrowed from the list; hits[0]'s */
	char		*cause;		/* owned; why unknown */
	/* LISTED, POLICY: every distinct listing code of the answer, worst
	 * first (the IP's own, its network's, policy; then the lowest), at
	 * most DNSBL_HITS_MAX; how many more distinct codes were left out */
	struct dnsbl_hit hits[DNSBL_HITS_MAX];
	size_t		 nhits, hits_omitted;
};

/*
 * What answer r means at list l: the state of its worst listing code
 * (the exit status follows it), and every listing code in v->hits.  At
 * most DNSBL_ANSWERS_MAX records of r are read.
 */
void		 dnsbl_interpret(const struct dnsbl_list *, const struct dns_result *,
		    struct dnsbl_verdict *);
/*
 * The worst listing code of a LISTED or POLICY verdict that speaks of the
 * IP's network (network: a code whose scope is "neighbours", like
 * Spamhaus DROP) or of the IP itself (!network: its own and policy
 * codes); NULL when the answer has none of that part.  One answer can
 * have both (Spamhaus answers SBL with DROP): each part is its own finding.
 */
const struct dnsbl_hit *dnsbl_part(const struct dnsbl_verdict *, bool network);
/*
 * The code ranges of list l that speak of that part: of the IP's network
 * (network) or of the IP itself, its own or policy codes (!network), as
 * "127.0.0.9" or "127.0.0.9, 127.0.0.12-127.0.0.13" into buf (cut at len;
 * buf may be NULL when len is 0); their count, 0 when l does not speak of
 * that part at all.  A list can speak of both (Spamhaus ZEN: SBL and DROP).
 */
size_t		 dnsbl_part_codes(const struct dnsbl_list *, bool network, char *buf, size_t len);
/*
 * The list's self-test (RFC 5782 5): the test entry is listed and the
 * "not listed" entry is not.  1 passed, 0 failed (*cause owned), -1 need.
 */
int		 dnsbl_selftest(const struct sender_dns *, const struct dnsbl_list *,
		    const char *key, char **cause);
void		 dnsbl_verdict_clear(struct dnsbl_verdict *);

#endif
