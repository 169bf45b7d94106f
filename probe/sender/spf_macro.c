/*
 * spf_macro.c - SPF macro expansion (RFC 7208 7): %{s l o d i p h c r t v}
 * with digit and "r" transformers and delimiters, %% %_ %-, upper-case
 * letters URL-escaped, and a domain-spec result cut from the left to 253
 * characters (7.3).  The p macro asks DNS (PTR, then the names' addresses)
 * and so may need answers not known yet.  Also spf_set_ip, the one place
 * that turns an address text into the evaluator's form, and the helpers
 * of spf_int.h (spf_chain_find: the one loop test of check_host() and the
 * walk).
 *
 * Public: spf_expand, spf_set_ip.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "sender/spf.h"
#include "sender/spf_int.h"

#define SPF_EXPAND_MAX	2048	/* bytes of one expansion (RFC 7208 7.3 asks 253 for names) */

bool
spf_set_ip(struct spf_ctx *c, const char *ip)
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	uint8_t v4[4];

	memset(c->ip, 0, sizeof(c->ip));
	if (inet_pton(AF_INET, ip, v4) == 1) {
		memcpy(c->ip, mapped, 12);
		memcpy(c->ip + 12, v4, 4);
		c->v4 = true;
		return true;
	}
	if (inet_pton(AF_INET6, ip, c->ip) != 1)
		return false;
	/* An IPv4-mapped IPv6 client is an IPv4 client (RFC 7208 5). */
	c->v4 = memcmp(c->ip, mapped, 12) == 0;
	return true;
}

/* The reverse-lookup name of the client ("4.3.2.1.in-addr.arpa"). */
void
spf_reverse_name(const struct spf_ctx *c, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, k = 0;

	if (c->v4) {
		snprintf(buf, len, "%u.%u.%u.%u.in-addr.arpa", c->ip[15], c->ip[14], c->ip[13],
		    c->ip[12]);
		return;
	}
	for (i = 16; i > 0 && k + 4 < len; i--) {
		buf[k++] = hex[c->ip[i - 1] & 15];
		buf[k++] = '.';
		buf[k++] = hex[c->ip[i - 1] >> 4];
		buf[k++] = '.';
	}
	snprintf(buf + k, len - k, "ip6.arpa");
}

void
spf_ip_text(const struct spf_ctx *c, char *buf, size_t len)
{
	if (c->v4)
		inet_ntop(AF_INET, c->ip + 12, buf, (socklen_t)len);
	else
		inet_ntop(AF_INET6, c->ip, buf, (socklen_t)len);
}

/* Whether addr (an A/AAAA record) is the client, within prefix bits. */
bool
spf_ip_match(const struct spf_ctx *c, const struct dns_rr *rr, int prefix)
{
	const uint8_t *a = c->v4 ? c->ip + 12 : c->ip;

	if ((rr->type == DNS_T_A) != c->v4 || rr->len != (c->v4 ? 4u : 16u))
		return false;
	return spf_prefix_eq(a, rr->data, prefix);
}

bool
spf_prefix_eq(const uint8_t *a, const uint8_t *b, int bits)
{
	int full = bits / 8, rest = bits % 8;
	uint8_t mask;

	if (memcmp(a, b, (size_t)full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return (a[full] & mask) == (b[full] & mask);
}

/*
 * The p macro: a validated name of the client (RFC 7208 7.3): one of at
 * most SPF_PTR_NAME_LIMIT PTR names whose addresses include the client;
 * "unknown" when none.  NULL: an answer is not known yet.
 */
static char *
spf_macro_p(struct spf_ctx *c, const char *domain)
{
	const struct dns_result *ptr, *addr;
	char rev[80];
	const char *best = NULL;
	size_t i, k, n;
	bool need = false;

	spf_reverse_name(c, rev, sizeof(rev));
	if ((ptr = sdns_get(c->dns, rev, DNS_T_PTR)) == NULL)
		return NULL;
	n = ptr->nrrs < SPF_PTR_NAME_LIMIT ? ptr->nrrs : SPF_PTR_NAME_LIMIT;
	for (i = 0; i < n; i++) {
		addr = sdns_get(c->dns, ptr->rrs[i].name,
		    c->v4 ? DNS_T_A : DNS_T_AAAA);
		if (addr == NULL) {
			need = true;
			continue;
		}
		for (k = 0; k < addr->nrrs; k++)
			if (spf_ip_match(c, &addr->rrs[k], c->v4 ? 32 : 128))
				break;
		if (k == addr->nrrs)
			continue;
		if (best == NULL || spf_name_within(ptr->rrs[i].name, domain))
			best = ptr->rrs[i].name;
	}
	if (need)
		return NULL;
	return xstrdup(best != NULL ? best : "unknown");
}

/* name equals domain or ends in "." domain, ignoring case. */
bool
spf_name_within(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);

	if (d > 0 && domain[d - 1] == '.')
		d--;
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == d)
		return strncasecmp(name, domain, n) == 0;
	return n > d && name[n - d - 1] == '.' &&
	    strncasecmp(name + n - d, domain, d) == 0;
}

const struct spf_chain *
spf_chain_find(const struct spf_chain *k, const char *domain)
{
	for (; k != NULL; k = k->up)
		if (strcasecmp(k->domain, domain) == 0)
			return k;
	return NULL;
}

/* The value of macro letter m, owned; NULL when p needs DNS. */
static char *
spf_macro_value(struct spf_ctx *c, int m, const char *domain)
{
	const char *at = strrchr(c->sender, '@');
	char buf[INET6_ADDRSTRLEN * 2 + 80];
	size_t i, k;

	switch (m) {
	case 's':
		return xstrdup(c->sender);
	case 'l':
		return at == NULL || at == c->sender ? xstrdup("postmaster") :
		    xstrndup(c->sender, (size_t)(at - c->sender));
	case 'o':
		return xstrdup(at ? at + 1 : c->sender);
	case 'd':
		return xstrdup(domain);
	case 'i':
		if (c->v4) {
			spf_ip_text(c, buf, sizeof(buf));
			return xstrdup(buf);
		}
		for (i = 0, k = 0; i < 16; i++) {
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%x.%x.",
			    c->ip[i] >> 4, c->ip[i] & 15);
		}
		buf[k - 1] = '\0';
		return xstrdup(buf);
	case 'p':
		return spf_macro_p(c, domain);
	case 'v':
		return xstrdup(c->v4 ? "in-addr" : "ip6");
	case 'h':
		return xstrdup(c->helo);
	case 'c':
		spf_ip_text(c, buf, sizeof(buf));
		return xstrdup(buf);
	case 'r':
		return xstrdup("unknown");
	case 't':
		return xasprintf("%lld", (long long)time(NULL));
	default:
		return NULL;
	}
}

/*
 * Apply transformers: split on delims, keep the right-most n (0: all), reverse.
 */
static void
spf_transform(struct strlist *out, const char *v, const char *delims,
    size_t keep, bool rev)
{
	struct strlist parts = { 0 };
	const char *p = v, *q;
	size_t i, first;

	for (;;) {
		for (q = p; *q != '\0' && strchr(delims, *q) == NULL; q++)
			;
		strlist_add(&parts, "");
		free(parts.v[parts.n - 1]);
		parts.v[parts.n - 1] = xstrndup(p, (size_t)(q - p));
		if (*q == '\0')
			break;
		p = q + 1;
	}
	if (rev)
		for (i = 0; i < parts.n / 2; i++) {
			char *t = parts.v[i];

			parts.v[i] = parts.v[parts.n - 1 - i];
			parts.v[parts.n - 1 - i] = t;
		}
	first = keep > 0 && keep < parts.n ? parts.n - keep : 0;
	for (i = first; i < parts.n; i++)
		strlist_add(out, parts.v[i]);
	strlist_free(&parts);
}

static void
spf_append(char **buf, size_t *len, const char *s, size_t n, bool *over)
{
	if (*len + n > SPF_EXPAND_MAX) {
		*over = true;
		return;
	}
	*buf = xrealloc(*buf, *len + n + 1);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

char *
spf_expand(struct spf_ctx *c, const char *spec, const char *domain, bool exp,
    bool *bad)
{
	struct strlist parts;
	char *out = xstrdup(""), *val, delims[16], esc[4];
	const char *p = spec, *start;
	size_t len = 0, keep, i, nd;
	bool rev, upper, over = false;
	int m;

	*bad = false;
	while (*p != '\0' && !over) {
		if (*p != '%') {
			spf_append(&out, &len, p++, 1, &over);
			continue;
		}
		if (p[1] == '%' || p[1] == '_' || p[1] == '-') {
			spf_append(&out, &len, p[1] == '%' ? "%" : p[1] == '_' ? " " : "%20",
			    p[1] == '-' ? 3 : 1, &over);
			p += 2;
			continue;
		}
		if (p[1] != '{' || p[2] == '\0')
			goto bad;
		m = tolower((unsigned char)p[2]);
		upper = isupper((unsigned char)p[2]);
		if (strchr(exp ? "slodiphcrtv" : "slodiphv", m) == NULL)
			goto bad;
		start = p + 3;
		for (keep = 0, p = start; isdigit((unsigned char)*p); p++)
			if ((keep = keep * 10 + (size_t)(*p - '0')) > 128)
				goto bad;
		if (p != start && keep == 0)
			goto bad;
		rev = *p == 'r' || *p == 'R';
		p += rev;
		for (nd = 0; *p != '\0' && strchr(".-+,/_=", *p) != NULL; p++)
			if (nd < sizeof(delims) - 1)
				delims[nd++] = *p;
		delims[nd] = '\0';
		if (nd == 0)
			strcpy(delims, ".");
		if (*p != '}')
			goto bad;
		p++;
		if ((val = spf_macro_value(c, m, domain)) == NULL) {
			free(out);
			return NULL;	/* p: a DNS answer is needed */
		}
		memset(&parts, 0, sizeof(parts));
		spf_transform(&parts, val, delims, keep, rev);
		free(val);
		for (i = 0; i < parts.n; i++) {
			if (i > 0)
				spf_append(&out, &len, ".", 1, &over);
			for (val = parts.v[i]; *val != '\0'; val++) {
				if (upper && !isalnum((unsigned char)*val) &&
				    strchr("-._~", *val) == NULL) {
					snprintf(esc, sizeof(esc), "%%%02X", (unsigned char)*val);
					spf_append(&out, &len, esc, 3, &over);
				} else
					spf_append(&out, &len, val, 1, &over);
			}
		}
		strlist_free(&parts);
	}
	if (over)
		goto bad;
	if (!exp) {
		/* 7.3: cut labels from the left until 253 characters remain. */
		for (val = out; strlen(val) > 253 && strchr(val, '.') != NULL; )
			val = strchr(val, '.') + 1;
		if (val != out) {
			val = xstrdup(val);
			free(out);
			out = val;
		}
	}
	return out;
bad:
	free(out);
	*bad = true;
	return NULL;
}
