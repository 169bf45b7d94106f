/*
 * ptr.h - reverse DNS of a sending IP: the PTR names, forward-confirmed
 * (a PTR name resolves back to the IP, FCrDNS), generic-looking names
 * (the IP's digits, "dynamic", "dsl", "pool"...), and the HELO name
 * (resolves, matches the IP).  Pure over a sender_dns.
 */
#ifndef MXTRACE_PTR_H
#define MXTRACE_PTR_H

#include <stdbool.h>

#include "sender/ipaddr.h"
#include "sender/sdns.h"

#define PTR_NAMES_MAX	4	/* PTR names forward-checked */

struct ptr_result {
	bool	 done;		/* false: answers missing, run again */
	char	*name;		/* owned; the first PTR name, NULL when none */
	bool	 missing;	/* no PTR record (NXDOMAIN or empty) */
	char	*error;		/* owned; the PTR lookup failed (SERVFAIL, timeout) */
	bool	 fcrdns;	/* a PTR name resolves back to the IP */
	char	*fcrdns_name;	/* owned; that name */
	bool	 generic;	/* the name looks like a pool/dynamic one */
	char	*generic_why;	/* owned; the cue found */
	bool	 line;		/* generic_why is an access line's word (ptr_line_word) */
	/* HELO, when one is given */
	bool	 helo_resolves;	/* has an A/AAAA record */
	bool	 helo_matches;	/* one of them is the IP */
	char	*helo_error;	/* owned; its lookup failed */
	bool	 helo_not_fqdn;	/* one label: not a name EHLO may give, not asked */
	bool	 helo_literal;	/* an address literal, not asked; helo_matches: the IP */
};

bool	ptr_check(const struct sender_dns *, const struct ipaddr *, const char *helo,
	    struct ptr_result *);
/*
 * The cue when name looks generic for ip: a word of a home or dynamic line
 * (ptr_line_word, "dsl") first, else "the IP's digits"; NULL if not.
 */
const char *ptr_generic(const char *name, const struct ipaddr *);
/* The word of its host part that names an access line's address pool
 * ("dyn", "dsl", "pool"...); NULL if none. */
const char *ptr_line_word(const char *name);
void	ptr_clear(struct ptr_result *);

#endif
