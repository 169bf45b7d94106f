/*
 * received.c - read one Received: trace header into its parts.
 *
 * RFC 5321 section 4.4 gives the shape "from X (TCP-info) by Y (comment)
 * via V with PROTO id ID for <addr>; date"; real MTAs put the sender's
 * HELO, reverse DNS and IP in different places:
 *   Postfix, Sendmail, QQ, Coremail  from HELO (rDNS [IP])        ("unknown" when no rDNS)
 *   Gmail                            from HELO (rDNS. [IP])
 *   Exim                             from rDNS ([IP] helo=HELO), from [IP] (helo=HELO)
 *   Exchange / Office 365            from HELO (IP)               (no brackets)
 *   Yahoo                            from IP (EHLO HELO)
 *   qmail                            from rDNS (HELO helo) (IP)
 *   zmailer (vger.kernel.org)        from rDNS ([IP]:port "EHLO helo" rhost-flags-...)
 *   Aliyun                           from HELO(mailfrom:addr fp:id) by host(IP)
 * TLS and authentication come from the protocol name after "with" (RFC
 * 3848: ESMTPS, ESMTPSA...) and from comments (Postfix "using TLSv1.3",
 * Sendmail and Gmail "version=TLS1_3", Exchange "version=TLS1_2", Exim
 * "(TLS1.3) tls", Postfix "Authenticated sender:").
 *
 * Public: rcvd_parse(), rcvd_parse_date(), rcvd_protocol_meaning(),
 * rcvd_is_ip(), rcvd_unfold() and rcvd_find() (shared by the other header
 * readers).
 *
 * The text is attacker-written: at most RCVD_VALUE_MAX bytes and
 * RCVD_TOKENS_MAX tokens are read, every field is cut to its buffer,
 * control characters become spaces and set RCVD_F_CONTROL.  Nothing is
 * allocated; nothing fails except by saying so in flags.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "explain/received.h"

enum rcvd_tok_kind {
	TOK_WORD,
	TOK_QUOTED,
	TOK_COMMENT
};

struct rcvd_tok {
	enum rcvd_tok_kind kind;
	const char	*s;
	size_t		 len;
};

enum rcvd_clause {
	CL_NONE,
	CL_FROM,
	CL_BY,
	CL_VIA,
	CL_WITH,
	CL_ID,
	CL_FOR
};

static const struct {
	const char	*word;
	enum rcvd_clause clause;
} rcvd_keywords[] = {
	{ "from", CL_FROM }, { "by", CL_BY }, { "via", CL_VIA },
	{ "with", CL_WITH }, { "id", CL_ID }, { "for", CL_FOR },
};

/* What the comments after "from" said; resolved once all are read. */
struct rcvd_fromc {
	char	 word[RCVD_HOST_MAX];	/* the word after "from" */
	char	 helo[RCVD_HOST_MAX];	/* helo=, HELO x, EHLO x */
	bool	 bare_literal;		/* "([IP] ...)": no name before the IP */
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
rcvd_copy(char *dst, size_t cap, const char *s, size_t len, unsigned *flags)
{
	if (len >= cap) {
		len = cap - 1;
		*flags |= RCVD_F_LONG_FIELD;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

const char *
rcvd_find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

bool
rcvd_is_ip(const char *s)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, s, buf) == 1 ||
	    inet_pton(AF_INET6, s, buf) == 1;
}

/* s[0..len) as an IP (an "IPv6:" prefix allowed); copied to ip on success. */
static bool
rcvd_take_ip(const char *s, size_t len, char ip[RCVD_IP_MAX])
{
	char tmp[RCVD_IP_MAX + 8];

	if (len > 5 && strncasecmp(s, "IPv6:", 5) == 0) {
		s += 5;
		len -= 5;
	}
	if (len == 0 || len >= RCVD_IP_MAX)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (!rcvd_is_ip(tmp))
		return false;
	memcpy(ip, tmp, len + 1);
	return true;
}

/* A host name as written, without a trailing dot or a "user@" ident. */
static void
rcvd_host(char *dst, const char *s, size_t len, unsigned *flags)
{
	const char *at;

	if ((at = memchr(s, '@', len)) != NULL) {
		len -= (size_t)(at + 1 - s);
		s = at + 1;
	}
	while (len > 0 && s[len - 1] == '.')
		len--;
	rcvd_copy(dst, RCVD_HOST_MAX, s, len, flags);
}

static size_t
rcvd_wordlen(const char *s, size_t len, const char *stops)
{
	size_t i;

	for (i = 0; i < len && s[i] != ' ' && strchr(stops, s[i]) == NULL; i++)
		;
	return i;
}

/*
 * The HELO name in a comment: Exim's "helo=x", or "HELO x" / "EHLO x"
 * (qmail, Yahoo, zmailer's quoted "EHLO x").
 */
static void
rcvd_comment_helo(const char *s, size_t len, char helo[RCVD_HOST_MAX],
    unsigned *flags)
{
	const char *p, *end = s + len;
	static const char *const kw[] = { "HELO ", "EHLO " };
	size_t i;

	if ((p = rcvd_find(s, len, "helo=")) != NULL) {
		p += 5;
		rcvd_copy(helo, RCVD_HOST_MAX, p,
		    rcvd_wordlen(p, (size_t)(end - p), ")\""), flags);
		return;
	}
	for (i = 0; i < NELEM(kw); i++) {
		if ((p = rcvd_find(s, len, kw[i])) == NULL)
			continue;
		if (p != s && p[-1] != ' ' && p[-1] != '"' && p[-1] != '(')
			continue;
		p += 5;
		while (p < end && *p == ' ')
			p++;
		rcvd_copy(helo, RCVD_HOST_MAX, p,
		    rcvd_wordlen(p, (size_t)(end - p), ")\""), flags);
		return;
	}
}

/* A comment after "from": the reverse DNS name, the IP, the HELO. */
static void
rcvd_from_comment(const char *s, size_t len, struct rcvd_hop *hop,
    struct rcvd_fromc *fc)
{
	const char *lb, *rb, *w, *end = s + len;
	size_t wl;

	if (rcvd_find(s, len, "may be forged") != NULL)
		hop->flags |= RCVD_F_FORGED;
	if (fc->helo[0] == '\0')
		rcvd_comment_helo(s, len, fc->helo, &hop->flags);
	lb = memchr(s, '[', len);
	rb = lb != NULL ? memchr(lb, ']', (size_t)(end - lb)) : NULL;
	if (lb != NULL && rb != NULL && hop->ip[0] == '\0' &&
	    rcvd_take_ip(lb + 1, (size_t)(rb - lb - 1), hop->ip)) {
		hop->rdns_slot = true;
		/* the word just before "[" is the reverse DNS name */
		for (w = lb; w > s && w[-1] == ' '; w--)
			;
		wl = 0;
		while (w > s && w[-1] != ' ' && w[-1] != '(') {
			w--;
			wl++;
		}
		if (wl == 0)
			fc->bare_literal = true;
		else if (hop->from_rdns[0] == '\0' &&
		    !(wl == 7 && strncasecmp(w, "unknown", 7) == 0))
			rcvd_host(hop->from_rdns, w, wl, &hop->flags);
		return;
	}
	/* Exchange and qmail: the bare IP alone */
	while (s < end && *s == ' ')
		s++;
	wl = rcvd_wordlen(s, (size_t)(end - s), ")");
	if (hop->ip[0] == '\0')
		(void)rcvd_take_ip(s, wl, hop->ip);
}

/* A comment anywhere: does it say the hop was encrypted or authenticated? */
static void
rcvd_comment_tls(const char *s, size_t len, struct rcvd_hop *hop)
{
	static const char *const cues[] = {
		"using TLS", "version=TLS", "version=SSL", "Google Transport Security",
		"cipher=", "TLS1", "TLSv1",
	};
	const char *p, *end = s + len;
	size_t i;

	for (i = 0; i < NELEM(cues); i++)
		if (rcvd_find(s, len, cues[i]) != NULL)
			hop->tls = RCVD_YES;
	if (hop->tls_version[0] == '\0' &&
	    (p = rcvd_find(s, len, "TLS")) != NULL && (size_t)(end - p) > 3 &&
	    (p[3] == 'v' || isdigit((unsigned char)p[3])))
		rcvd_copy(hop->tls_version, RCVD_WORD_MAX, p,
		    rcvd_wordlen(p, (size_t)(end - p), "),;"), &hop->flags);
	if (rcvd_find(s, len, "Authenticated sender") != NULL ||
	    rcvd_find(s, len, "authenticated as") != NULL)
		hop->auth = RCVD_YES;
}

void
rcvd_protocol_meaning(const char *protocol, enum rcvd_tri *tls,
    enum rcvd_tri *auth)
{
	static const char *const bases[] = { "ESMTP", "SMTP", "LMTP" };
	const char *p = protocol;
	size_t i, n;

	*tls = *auth = RCVD_UNKNOWN;
	if (strcasecmp(p, "HTTP") == 0 || strcasecmp(p, "HTTPS") == 0) {
		*tls = p[4] != '\0' ? RCVD_YES : RCVD_NO;
		return;
	}
	if (strncasecmp(p, "Microsoft SMTP", 14) == 0) {
		*tls = RCVD_NO;		/* a comment "version=TLS..." says yes */
		return;
	}
	if (strncasecmp(p, "UTF8", 4) == 0)
		p += 4;
	for (i = 0; i < NELEM(bases); i++) {
		n = strlen(bases[i]);
		if (strncasecmp(p, bases[i], n) != 0)
			continue;
		p += n;
		if (strcasecmp(p, "") == 0 || strcasecmp(p, "A") == 0 ||
		    strcasecmp(p, "S") == 0 || strcasecmp(p, "SA") == 0) {
			*tls = (*p == 'S' || *p == 's') ? RCVD_YES : RCVD_NO;
			*auth = (*p != '\0' && (p[strlen(p) - 1] == 'A' ||
			    p[strlen(p) - 1] == 'a')) ? RCVD_YES : RCVD_NO;
		}
		return;
	}
}

int
rcvd_parse_date(const char *s, size_t len, long long *t, int *tz_min,
    unsigned *flags)
{
	char buf[RCVD_DATE_MAX * 2];
	GDateTime *d;
	size_t n = 0, i, z;

	for (i = 0; i < len && n < sizeof(buf) - 1; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			c = ' ';
		/* obsolete FWS around ":" and before ",": GMime misreads it */
		if (c == ' ' && (n == 0 || buf[n - 1] == ' ' ||
		    buf[n - 1] == ':'))
			continue;
		if ((c == ':' || c == ',') && n > 0 && buf[n - 1] == ' ')
			n--;
		if (c == '(')
			break;		/* "(PST)", "(UTC)": a comment only */
		buf[n++] = (char)c;
	}
	if (i < len && n == sizeof(buf) - 1)
		return -1;
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	if (n == 0)
		return -1;
	/* RFC 5322 4.3: military zones were botched; read them as -0000 */
	for (z = n; z > 0 && buf[z - 1] != ' '; z--)
		;
	if (n - z == 1 && isalpha((unsigned char)buf[z]) &&
	    toupper((unsigned char)buf[z]) != 'Z' && z + 5 < sizeof(buf)) {
		memcpy(buf + z, "-0000", 6);
		*flags |= RCVD_F_ZONE_GUESSED;
	}
	if ((d = g_mime_utils_header_decode_date(buf)) == NULL)
		return -1;
	*t = (long long)g_date_time_to_unix(d);
	*tz_min = (int)(g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE);
	g_date_time_unref(d);
	return 0;
}

/*
 * Cut s into words, "quoted strings" and (comments), nested comments kept
 * whole.  Returns the number of tokens; sets RCVD_F_TRUNCATED past max.
 */
static size_t
rcvd_tokenize(const char *s, size_t len, struct rcvd_tok *tok, size_t max,
    unsigned *flags)
{
	size_t i = 0, n = 0, start, depth;

	while (i < len) {
		if (s[i] == ' ' || s[i] == ';' || s[i] == ')') {
			i++;
			continue;
		}
		if (n == max) {
			*flags |= RCVD_F_TRUNCATED;
			break;
		}
		if (s[i] == '(') {
			start = ++i;
			for (depth = 1; i < len; i++) {
				if (s[i] == '(')
					depth++;
				else if (s[i] == ')' && --depth == 0)
					break;
			}
			tok[n++] = (struct rcvd_tok){ TOK_COMMENT, s + start,
			    i - start };
			i++;
		} else if (s[i] == '"') {
			start = ++i;
			while (i < len && s[i] != '"')
				i++;
			tok[n++] = (struct rcvd_tok){ TOK_QUOTED, s + start,
			    i - start };
			i++;
		} else {
			start = i;
			while (i < len && s[i] != ' ' && s[i] != '(' &&
			    s[i] != ';' && s[i] != '"')
				i++;
			tok[n++] = (struct rcvd_tok){ TOK_WORD, s + start,
			    i - start };
		}
	}
	return n;
}

static enum rcvd_clause
rcvd_keyword(const struct rcvd_tok *t)
{
	size_t i;

	if (t->kind != TOK_WORD)
		return CL_NONE;
	for (i = 0; i < NELEM(rcvd_keywords); i++)
		if (strlen(rcvd_keywords[i].word) == t->len &&
		    strncasecmp(t->s, rcvd_keywords[i].word, t->len) == 0)
			return rcvd_keywords[i].clause;
	return CL_NONE;
}

/* The value after a keyword. */
static void
rcvd_value(enum rcvd_clause cl, const struct rcvd_tok *t,
    struct rcvd_hop *hop, struct rcvd_fromc *fc)
{
	const char *s = t->s;
	size_t len = t->len;

	switch (cl) {
	case CL_FROM:
		rcvd_copy(fc->word, sizeof(fc->word), s, len, &hop->flags);
		break;
	case CL_BY:
		rcvd_host(hop->by, s, len, &hop->flags);
		break;
	case CL_WITH:
		rcvd_copy(hop->protocol, sizeof(hop->protocol), s, len,
		    &hop->flags);
		break;
	case CL_ID:
		rcvd_copy(hop->id, sizeof(hop->id), s, len, &hop->flags);
		break;
	case CL_FOR:
		if (len >= 2 && s[0] == '<') {
			len -= s[len - 1] == '>' ? 2 : 1;
			s++;
		}
		rcvd_copy(hop->for_addr, sizeof(hop->for_addr), s, len,
		    &hop->flags);
		break;
	case CL_VIA:
	case CL_NONE:
		break;
	}
}

/* A word after the value of "with": Exchange's "SMTP Server", Exim's "tls". */
static void
rcvd_with_more(const struct rcvd_tok *t, struct rcvd_hop *hop)
{
	size_t have = strlen(hop->protocol);

	if (strcasecmp(hop->protocol, "Microsoft") == 0 ||
	    strcasecmp(hop->protocol, "Microsoft SMTP") == 0) {
		if (have + 1 + t->len < sizeof(hop->protocol)) {
			hop->protocol[have] = ' ';
			memcpy(hop->protocol + have + 1, t->s, t->len);
			hop->protocol[have + 1 + t->len] = '\0';
		}
	} else if (t->len == 3 && strncasecmp(t->s, "tls", 3) == 0)
		hop->tls = RCVD_YES;
}

/* The word after "from" and what its comments said, as one answer. */
static void
rcvd_resolve_from(struct rcvd_hop *hop, const struct rcvd_fromc *fc)
{
	const char *w = fc->word;
	size_t wl = strlen(w);
	bool literal = wl >= 2 && w[0] == '[' && w[wl - 1] == ']';

	if (literal) {
		if (hop->ip[0] == '\0')
			(void)rcvd_take_ip(w + 1, wl - 2, hop->ip);
		if (fc->helo[0] != '\0')
			hop->rdns_slot = true;	/* Exim: "[IP]" when no rDNS */
	} else if (rcvd_is_ip(w)) {
		if (hop->ip[0] == '\0')
			(void)rcvd_take_ip(w, wl, hop->ip);
	} else if (wl > 0 && hop->from_rdns[0] == '\0' &&
	    (fc->helo[0] != '\0' || fc->bare_literal) &&
	    strcasecmp(w, "unknown") != 0) {
		/* Exim, qmail: the word after "from" is the verified name */
		rcvd_host(hop->from_rdns, w, wl, &hop->flags);
	}
	if (fc->helo[0] != '\0')
		memcpy(hop->helo, fc->helo, sizeof(hop->helo));
	else
		rcvd_copy(hop->helo, sizeof(hop->helo), w, wl, &hop->flags);
}

size_t
rcvd_unfold(const char *value, size_t len, char *buf, size_t cap,
    bool *truncated, bool *control)
{
	size_t i, n;

	if (len > cap - 1) {
		len = cap - 1;
		*truncated = true;
	}
	for (i = n = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		if (c == '\t' || c == '\r' || c == '\n')
			c = ' ';
		else if (c < 0x20 || c == 0x7f) {
			c = ' ';
			*control = true;
		}
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return n;
}

int
rcvd_parse(const char *value, size_t len, struct rcvd_hop *hop)
{
	char buf[RCVD_VALUE_MAX + 1];
	struct rcvd_tok tok[RCVD_TOKENS_MAX];
	struct rcvd_fromc fc;
	enum rcvd_clause cl = CL_NONE, kw;
	enum rcvd_tri ptls, pauth;
	size_t n, ntok, i, semi, depth, dl;
	bool want = false, by_comment = false, trunc = false, control = false;
	const char *d;

	memset(hop, 0, sizeof(*hop));
	memset(&fc, 0, sizeof(fc));
	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	if (trunc)
		hop->flags |= RCVD_F_TRUNCATED;
	if (control)
		hop->flags |= RCVD_F_CONTROL;

	/* the date follows the last ";" outside comments and quotes */
	semi = n;
	for (i = 0, depth = 0; i < n; i++) {
		if (buf[i] == '(')
			depth++;
		else if (buf[i] == ')' && depth > 0)
			depth--;
		else if (buf[i] == ';' && depth == 0)
			semi = i;
	}
	ntok = rcvd_tokenize(buf, semi, tok, NELEM(tok), &hop->flags);

	for (i = 0; i < ntok; i++) {
		if ((kw = rcvd_keyword(&tok[i])) != CL_NONE) {
			cl = kw;
			want = true;
			by_comment = kw == CL_BY;
			if (kw == CL_FROM)
				hop->has_from = true;
			continue;
		}
		if (tok[i].kind == TOK_COMMENT) {
			rcvd_comment_tls(tok[i].s, tok[i].len, hop);
			if (cl == CL_FROM)
				rcvd_from_comment(tok[i].s, tok[i].len, hop,
				    &fc);
			else if (cl == CL_BY && by_comment && !want) {
				/*
				 * "(Postfix)", "(8.15.2/8.15.2)", "(10.1.2.3)"
				 */
				if (!rcvd_take_ip(tok[i].s, tok[i].len,
				    hop->by_ip))
					rcvd_copy(hop->software,
					    sizeof(hop->software), tok[i].s,
					    tok[i].len, &hop->flags);
				by_comment = false;
			}
			continue;
		}
		if (want) {
			rcvd_value(cl, &tok[i], hop, &fc);
			want = false;
		} else if (cl == CL_WITH)
			rcvd_with_more(&tok[i], hop);
	}
	if (hop->has_from)
		rcvd_resolve_from(hop, &fc);

	rcvd_protocol_meaning(hop->protocol, &ptls, &pauth);
	if (hop->tls != RCVD_YES)
		hop->tls = ptls;
	if (hop->auth != RCVD_YES)
		hop->auth = pauth;
	if (strncasecmp(hop->protocol, "Microsoft SMTP", 14) == 0)
		rcvd_copy(hop->software, sizeof(hop->software),
		    hop->protocol, strlen(hop->protocol), &hop->flags);

	if (semi == n)
		hop->flags |= RCVD_F_NO_DATE;
	else {
		d = buf + semi + 1;
		dl = n - semi - 1;
		while (dl > 0 && *d == ' ') {
			d++;
			dl--;
		}
		rcvd_copy(hop->date_text, sizeof(hop->date_text), d, dl,
		    &hop->flags);
		if (rcvd_parse_date(d, dl, &hop->time, &hop->tz_min,
		    &hop->flags) == 0)
			hop->has_time = true;
		else
			hop->flags |= RCVD_F_BAD_DATE;
	}
	return (hop->has_from || hop->by[0] != '\0' || hop->has_time) ? 0 : -1;
}
