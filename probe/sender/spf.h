/*
 * spf.h - SPF (RFC 7208): the record parser (spf_parse.c), macro
 * expansion (spf_macro.c), check_host() (spf_eval.c) and the whole-tree
 * analysis a sender needs (spf_walk.c: lookups counted the RFC's way, void
 * lookups, the addresses the record authorizes).
 *
 * Nothing here does I/O: DNS answers come from a sender_dns (sender/sdns.h)
 * that returns NULL for an answer not known yet and asks for it; the
 * caller runs the evaluation again when answers arrive (each run is
 * deterministic, so the result is the same as one run with all answers).
 */
#ifndef MXTRACE_SPF_H
#define MXTRACE_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sender/sdns.h"

#define SPF_LOOKUP_LIMIT	10	/* RFC 7208 4.6.4: DNS-querying terms */
#define SPF_VOID_LIMIT		2	/* RFC 7208 4.6.4: void lookups */
#define SPF_MX_ADDR_LIMIT	10	/* address lookups per mx (permerror beyond) */
#define SPF_PTR_NAME_LIMIT	10	/* PTR names validated per ptr (the rest ignored) */
#define SPF_TERMS_MAX		64	/* terms parsed from one record (more: permerror) */

enum spf_result {
	SPF_NONE, SPF_NEUTRAL, SPF_PASS, SPF_FAIL, SPF_SOFTFAIL, SPF_TEMPERROR,
	SPF_PERMERROR,
	SPF_NEED,		/* a DNS answer is not known yet: run again */
};

enum spf_kind {
	SPF_ALL, SPF_INCLUDE, SPF_A, SPF_MX, SPF_PTR, SPF_IP4, SPF_IP6, SPF_EXISTS,
	SPF_REDIRECT, SPF_EXP, SPF_UNKNOWN_MOD,
};

struct spf_term {
	enum spf_kind	 kind;
	char		 qual;		/* '+', '-', '~', '?' (mechanisms) */
	char		*spec;		/* owned; domain-spec as written, NULL when absent */
	int		 cidr4, cidr6;	/* -1 when absent */
	uint8_t		 ip[16];	/* ip4 (first 4 bytes) / ip6 */
	bool		 macro;		/* spec holds a macro other than %%, %_, %- */
	char		*text;		/* owned; the term as written (for messages) */
};

struct spf_record {
	struct spf_term	*terms;		/* owned; mechanisms and modifiers in order */
	size_t		 nterms;
	char		*error;		/* owned; a syntax error: permerror */
};

/*
 * Whether a TXT string is an SPF record: "v=spf1" (any case) then a
 * space or the end (RFC 7208 4.5).
 */
bool		 spf_is_record(const char *txt, size_t len);
/* Parse one record (the TXT strings joined); false with rec->error set. */
bool		 spf_parse(const char *txt, size_t len, struct spf_record *rec);
void		 spf_record_clear(struct spf_record *);
const char	*spf_result_name(enum spf_result);

/* What check_host() knows about the message (RFC 7208 4.1). */
struct spf_ctx {
	const struct sender_dns *dns;	/* borrowed */
	uint8_t		 ip[16];	/* IPv4 as ::ffff:a.b.c.d */
	bool		 v4;
	const char	*sender;	/* borrowed; local@domain ("postmaster@helo" when none) */
	const char	*helo;		/* borrowed */
	/* set by spf_check_host */
	unsigned	 lookups, voids;
	char		*why;		/* owned; why permerror/temperror, or the matching term */
};

/* Expand a domain-spec or explain-string (RFC 7208 7); NULL: NEED (p
 * macro) or a syntax error (*bad set).  Owned. */
char		*spf_expand(struct spf_ctx *, const char *spec, const char *domain,
		    bool exp, bool *bad);
/* Parse "192.0.2.1" / "2001:db8::1" / "::ffff:192.0.2.1" into ctx->ip. */
bool		 spf_set_ip(struct spf_ctx *, const char *ip);

/* check_host(ip, domain, sender) of RFC 7208 4; the caller frees ctx->why. */
enum spf_result	 spf_check_host(struct spf_ctx *, const char *domain);

/* ---- the whole tree, as a sender checks its own record (spf_walk.c) ---- */

#define SPF_WALK_RANGES_MAX	64	/* ip4/ip6/a/mx addresses collected */
#define SPF_WALK_NOTES_MAX	32
#define SPF_WALK_LOOKUPS_MAX	40	/* the walk stops counting (and fetching) here */

struct spf_range {
	uint8_t		 ip[16];	/* as spf_ctx.ip */
	bool		 v4;
	int		 prefix;	/* in the family's own bits (32 or 128 for one address) */
	char		*from;		/* owned; the domain whose record said it */
	char		*how;		/* owned; "ip4", "a:mail.example.com", "mx" */
};

struct spf_walk {
	enum spf_result	 status;	/* SPF_NEED, SPF_NONE (no record), SPF_PERMERROR
					 * (a record of the tree is broken), SPF_TEMPERROR,
					 * else SPF_PASS meaning "walked" */
	size_t		 nrecords;	/* v=spf1 records at the domain itself */
	char		*record;	/* owned; the domain's record text */
	unsigned	 lookups;	/* DNS-querying terms in the whole tree */
	unsigned	 voids;		/* void lookups in the whole tree */
	unsigned	 depth;		/* deepest include/redirect nesting */
	char		 all;		/* the top record's all qualifier, 0 when none */
	bool		 redirect;	/* the top record ends in redirect= */
	bool		 ptr;		/* a ptr mechanism or %{p} anywhere */
	bool		 loop;		/* an include/redirect loop */
	bool		 not_enumerable;/* exists, macros: addresses cannot be listed */
	struct spf_range ranges[SPF_WALK_RANGES_MAX];
	size_t		 nranges;
	size_t		 ranges_omitted;
	char		*notes[SPF_WALK_NOTES_MAX];	/* owned; findings in words */
	size_t		 nnotes;
};

/* Walk the record of domain and everything it includes or redirects to. */
void		 spf_walk(const struct sender_dns *, const char *domain, struct spf_walk *);
void		 spf_walk_clear(struct spf_walk *);

#endif
