/*
 * dkim.h - DKIM public keys of a sender's domain (RFC 6376 3.6.1): the
 * key record at SELECTOR._domainkey.DOMAIN for each selector tried,
 * parsed, its RSA size measured.  Selectors cannot be listed, so the
 * caller gives the ones to try (the message's s=, --dkim-selector, then
 * dkim_common_selectors).  Pure over a sender_dns.
 */
#ifndef MXTRACE_DKIM_H
#define MXTRACE_DKIM_H

#include <stdbool.h>
#include <stddef.h>

#include "sender/sdns.h"

#define DKIM_SELECTORS_MAX	32	/* selectors tried for one domain */

enum dkim_key_status {
	DKIM_KEY_NEED,		/* answer missing */
	DKIM_KEY_ABSENT,	/* no key record at this selector */
	DKIM_KEY_OK,
	DKIM_KEY_REVOKED,	/* p= empty */
	DKIM_KEY_INVALID,	/* not a key record, bad base64 or key */
	DKIM_KEY_ERROR,		/* DNS failed */
};

struct dkim_key {
	char			*selector;	/* owned */
	enum dkim_key_status	 status;
	char			 k[12];		/* "rsa", "ed25519" */
	int			 bits;		/* RSA modulus bits; 256 for ed25519; 0 unknown */
	bool			 testing;	/* t=y */
	char			*error;		/* owned */
	char			*record;	/* owned; the TXT text (cut at 512 bytes) */
};

/*
 * The common selectors tried when none is known (documented in docs/json.md).
 */
extern const char *const dkim_common_selectors[];

/*
 * Parse one key record; fills status (OK/REVOKED/INVALID), k, bits, testing,
 * error.
 */
void		 dkim_parse_key(const char *txt, size_t len, struct dkim_key *);
/* Look up every selector of sel[0..n); false while answers are missing. */
bool		 dkim_check(const struct sender_dns *, const char *domain,
		    const char *const *sel, size_t n, struct dkim_key *out);
void		 dkim_key_clear(struct dkim_key *);

#endif
