/*
 * dmarc.h - the DMARC record of a sender's domain (RFC 7489, and its
 * successor's np/psd/t tags): found at _dmarc.DOMAIN or at the
 * organisational domain (Public Suffix List via libpsl), parsed, and its
 * external report addresses checked for authorization (RFC 7489 7.1).
 * Pure over a sender_dns: run again while status is DMARC_NEED.
 */
#ifndef MXTRACE_DMARC_H
#define MXTRACE_DMARC_H

#include <stdbool.h>
#include <stddef.h>

#include "sender/sdns.h"

#define DMARC_RUA_MAX	8	/* report addresses examined */

enum dmarc_status {
	DMARC_NEED,		/* answers missing: run again */
	DMARC_OK,		/* one valid record */
	DMARC_NONE,		/* no record at the domain nor its organisational domain */
	DMARC_MULTIPLE,		/* more than one record: no policy (RFC 7489 6.6.3) */
	DMARC_INVALID,		/* a record that does not parse (no valid p=) */
	DMARC_TEMPERROR,	/* DNS failed */
};

struct dmarc_rua {
	char	*uri;		/* owned; as written */
	char	*dest;		/* owned; the mailto domain, NULL when not mailto */
	bool	 external;	/* another organisational domain */
	int	 authorized;	/* external: 1 yes, 0 no, -1 unknown (DNS error) */
};

struct dmarc_result {
	enum dmarc_status status;
	char		*at;		/* owned; the name the record was found at */
	bool		 inherited;	/* found at the organisational domain */
	char		*record;	/* owned; the record text */
	char		*error;		/* owned; why invalid / temperror */
	char		 p[12], sp[12], np[12];	/* "none", "quarantine", "reject", "" */
	int		 pct;		/* 0..100 (100 when absent) */
	char		 adkim, aspf;	/* 'r' or 's' */
	bool		 testing;	/* t=y */
	struct dmarc_rua rua[DMARC_RUA_MAX];
	size_t		 nrua;
	bool		 ruf;		/* a ruf= is present */
};

/* Parse one "v=DMARC1; ..." record into r (fields p..ruf); false: r->error. */
bool		 dmarc_parse(const char *txt, size_t len, struct dmarc_result *r);
void		 dmarc_check(const struct sender_dns *, const char *domain, struct dmarc_result *);
void		 dmarc_clear(struct dmarc_result *);
/*
 * The policy receivers apply to mail from the domain checked: sp= when
 * the record is the organisational domain's and has one (RFC 7489
 * 6.6.3), else p=; "" without a usable record.  *sp: sp= it is.
 */
const char	*dmarc_applied(const struct dmarc_result *, bool *sp);
/* The organisational domain of name (owned), or a copy of name. */
char		*dmarc_org_domain(const char *name);

#endif
