/*
 * address.h - e-mail address syntax (RFC 5321 4.1.2 Mailbox, RFC 5322
 * dot-atom and quoted-string local parts, IP-literal domains, RFC 6531 UTF-8
 * local parts) and IDN domains (IDNA2008 via libidn2).  Pure: no network.
 */
#ifndef MXTRACE_ADDRESS_H
#define MXTRACE_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

struct address {
	char	*local;		/* owned: local part as it goes on the wire
				 * (quoted form kept when it was quoted) */
	char	*domain;	/* owned: domain as given (UTF-8), lowercased */
	char	*domain_ascii;	/* owned: A-label form, lowercased, no trailing dot;
				 * for an IP literal the literal with brackets */
	char	*path;		/* owned: local "@" domain_ascii - what RCPT TO carries */
	bool	 ip_literal;
	bool	 utf8_local;	/* local part has non-ASCII: needs SMTPUTF8 */
};

/*
 * Parse in[0..len).  Surrounding whitespace and one pair of angle brackets
 * are accepted.  CR, LF, NUL or any other control character is rejected
 * (SMTP command injection), as is anything that makes "RCPT TO:<path>"
 * exceed 512 octets.  Returns 0, or -1 with *err a short English reason.
 */
int	address_parse(const char *in, size_t len, struct address *out,
	    const char **err);
void	address_free(struct address *);
/* The domain ascii (A-labels) as its owner reads it (U-labels, UTF-8); a
 * copy of ascii when it has none or they do not convert.  Owned. */
char	*address_domain_unicode(const char *ascii);

#endif
