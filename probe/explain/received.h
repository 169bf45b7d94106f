/*
 * received.h - one Received: trace header (RFC 5321 section 4.4) read into
 * its parts, for the forms real MTAs write: Postfix, Sendmail, Exim,
 * Exchange/Office 365, Gmail, Yahoo, QQ/Exmail, NetEase (Coremail), Aliyun,
 * qmail and zmailer.  A pure function over the header's text: no I/O, no
 * allocation, every field bounded.
 */
#ifndef MXTRACE_RECEIVED_H
#define MXTRACE_RECEIVED_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"

#define RCVD_HOST_MAX	256	/* a domain name fits (RFC 1035: 253) */
#define RCVD_IP_MAX	46	/* INET6_ADDRSTRLEN */
#define RCVD_WORD_MAX	64	/* protocol, software, TLS version */
#define RCVD_ID_MAX	128
#define RCVD_DATE_MAX	96	/* the date text kept for display */

/* Tri-state for what a header may or may not say. */
enum rcvd_tri {
	RCVD_UNKNOWN,
	RCVD_NO,
	RCVD_YES
};

/* Anomalies, as bits in rcvd_hop.flags. */
#define RCVD_F_TRUNCATED	0x01	/* longer than RCVD_VALUE_MAX or RCVD_TOKENS_MAX */
#define RCVD_F_NO_DATE		0x02	/* no "; date" part */
#define RCVD_F_BAD_DATE		0x04	/* a date part that is not a date */
#define RCVD_F_CONTROL		0x08	/* control characters (header injection?) */
#define RCVD_F_FORGED		0x10	/* the MTA wrote "may be forged" */
#define RCVD_F_ZONE_GUESSED	0x20	/* obsolete military zone: read as -0000 */
#define RCVD_F_LONG_FIELD	0x40	/* a field longer than its buffer, cut */

struct rcvd_hop {
	char	from_rdns[RCVD_HOST_MAX];	/* reverse DNS the receiver found, "" when none */
	char	helo[RCVD_HOST_MAX];		/* what the sender said in HELO/EHLO */
	char	ip[RCVD_IP_MAX];		/* the connecting address, validated; "" when none */
	char	by[RCVD_HOST_MAX];		/* the host that wrote this header */
	char	by_ip[RCVD_IP_MAX];
	char	software[RCVD_WORD_MAX];	/* "Postfix", "Coremail", "Microsoft SMTP Server"... */
	char	protocol[RCVD_WORD_MAX];	/* as written after "with": "ESMTPS", "esmtpsa", "HTTP" */
	char	tls_version[RCVD_WORD_MAX];	/* "TLSv1.3", "TLS1_2"... when a comment names it */
	char	id[RCVD_ID_MAX];
	char	for_addr[RCVD_HOST_MAX];
	char	date_text[RCVD_DATE_MAX];
	enum rcvd_tri tls;			/* the hop was encrypted */
	enum rcvd_tri auth;			/* the sender logged in (SMTP AUTH) */
	bool	has_from;
	bool	rdns_slot;			/* the form has a place for rDNS: empty means none */
	bool	has_time;
	long long time;				/* Unix seconds, when has_time */
	int	tz_min;				/* the writer's UTC offset, minutes */
	unsigned flags;				/* RCVD_F_* */
};

/*
 * Read one Received: header value (without "Received:", folded or not,
 * any bytes) into *hop.  Returns 0 when it holds at least a "from", a "by"
 * or a date, -1 when nothing in it is recognisable (hop is still filled
 * with what was found, and flags say why).
 */
int	 rcvd_parse(const char *value, size_t len, struct rcvd_hop *hop);

/*
 * Read a date as RFC 5322 (section 3.3 and the obsolete forms of 4.3)
 * allows, through GMime.  Returns 0 and sets *t (Unix seconds) and *tz_min,
 * or -1.  *flags gets RCVD_F_ZONE_GUESSED for a military zone.
 */
int	 rcvd_parse_date(const char *s, size_t len, long long *t, int *tz_min,
	    unsigned *flags);

/*
 * What a protocol name after "with" says (RFC 3848 and the IANA "Mail
 * Transmission Types" registry): encryption and authentication.
 */
void	 rcvd_protocol_meaning(const char *protocol, enum rcvd_tri *tls,
	    enum rcvd_tri *auth);

/*
 * Copy a header value into buf (cap bytes, NUL-terminated) unfolded: CR,
 * LF and TAB become spaces, other control characters and NUL become
 * spaces and set *control; more than cap - 1 bytes sets *truncated.
 * Returns the length copied.
 */
size_t	 rcvd_unfold(const char *value, size_t len, char *buf, size_t cap,
	    bool *truncated, bool *control);

/* Case-insensitive search for needle in s[0..len); NULL when absent. */
const char *rcvd_find(const char *s, size_t len, const char *needle);

/* True for a syntactically valid IPv4 or IPv6 address (no brackets). */
bool	 rcvd_is_ip(const char *s);

#endif
