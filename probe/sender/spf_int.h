/*
 * spf_int.h - helpers the SPF files share (spf_macro.c defines them).
 */
#ifndef MXTRACE_SPF_INT_H
#define MXTRACE_SPF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sender/spf.h"

/* "4.3.2.1.in-addr.arpa" / the ip6.arpa nibble name of the client. */
void	spf_reverse_name(const struct spf_ctx *, char *buf, size_t len);
/* The client address as text. */
void	spf_ip_text(const struct spf_ctx *, char *buf, size_t len);
/* An A/AAAA record is the client within prefix bits (its family's). */
bool	spf_ip_match(const struct spf_ctx *, const struct dns_rr *, int prefix);
/* The first `bits` bits of a and b are equal. */
bool	spf_prefix_eq(const uint8_t *a, const uint8_t *b, int bits);
/* name is domain or below it (case-insensitive). */
bool	spf_name_within(const char *name, const char *domain);

/*
 * The records being read, innermost first, each link on its reader's
 * stack (check_host() and the walk alike): an include or redirect that
 * names one of them again is a loop (RFC 7208 5.2).
 */
struct spf_chain {
	const char		*domain;	/* borrowed */
	unsigned		 depth;		/* 0: the domain checked */
	const struct spf_chain	*up;		/* NULL at the domain checked */
};

/* The link of chain, or one above it, that reads domain; NULL if none. */
const struct spf_chain *spf_chain_find(const struct spf_chain *, const char *domain);

#endif
