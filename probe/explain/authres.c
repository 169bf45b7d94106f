/*
 * authres.c - read the authentication headers a receiver writes.
 *
 * Authentication-Results (RFC 8601 section 2.2):
 *   authserv-id [version] ; method=result [reason=x] ptype.prop=value... ; ...
 * as Gmail ("mx.google.com; dkim=pass header.i=@x header.s=s1;
 * dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=x"), Yahoo
 * ("dmarc=pass(p=REJECT)"), Coremail ("mx19; spf=pass"), rspamd and
 * OpenDMARC write it; Microsoft writes no authserv-id at all ("spf=pass
 * (sender IP is 192.0.2.1) smtp.mailfrom=x; ... dmarc=pass action=none
 * header.from=x;compauth=pass reason=100").  ARC-Authentication-Results
 * (RFC 8617 section 4.1.1) is the same after "i=N;".  Received-SPF (RFC
 * 7208 section 9.1): "result (comment) key=value; ...".  DKIM-Signature
 * (RFC 6376 section 3.5): "tag=value; ..." of which d=, s= and a= matter.
 *
 * Public: authres_parse(), authres_parse_received_spf(),
 * authres_parse_dkim_sig(), authres_from_domain(), authres_domain_of().
 *
 * Input is attacker-written: at most RCVD_VALUE_MAX bytes and
 * AUTHRES_RESULTS_MAX results are read, every field is cut to its buffer,
 * control characters become spaces (AR_F_CONTROL).  Nothing is allocated.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "explain/authres.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define AR_TOKENS_MAX	64

enum ar_tok_kind {
	ART_WORD,
	ART_QUOTED,
	ART_EQ,
	ART_COMMENT
};

struct ar_tok {
	enum ar_tok_kind kind;
	const char	*s;
	size_t		 len;
};

static void
ar_copy(char *dst, size_t cap, const char *s, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static void
ar_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Cut one ";"-free segment into words, "quoted", "=" and (comments). */
static size_t
ar_lex(const char *s, size_t len, struct ar_tok *t, size_t max)
{
	size_t i = 0, n = 0, start, depth;

	while (i < len && n < max) {
		if (s[i] == ' ' || s[i] == ')' || s[i] == ';') {
			i++;
			continue;
		}
		start = i;
		if (s[i] == '=') {
			t[n++] = (struct ar_tok){ ART_EQ, s + i, 1 };
			i++;
		} else if (s[i] == '(') {
			for (depth = 1, start = ++i; i < len; i++) {
				if (s[i] == '(')
					depth++;
				else if (s[i] == ')' && --depth == 0)
					break;
			}
			t[n++] = (struct ar_tok){ ART_COMMENT, s + start,
			    i - start };
			i++;
		} else if (s[i] == '"') {
			for (start = ++i; i < len && s[i] != '"'; i++)
				if (s[i] == '\\' && i + 1 < len)
					i++;
			t[n++] = (struct ar_tok){ ART_QUOTED, s + start,
			    i - start };
			i++;
		} else {
			while (i < len && strchr(" =(\";", s[i]) == NULL)
				i++;
			t[n++] = (struct ar_tok){ ART_WORD, s + start,
			    i - start };
		}
	}
	return n;
}

/*
 * Split s at ";" outside comments and quotes: the start and length of each
 * segment into seg[], at most max.  Returns the count.
 */
static size_t
ar_segments(const char *s, size_t len, const char *seg[], size_t seglen[],
    size_t max, bool *more)
{
	size_t i, n = 0, start = 0, depth = 0;
	bool quoted = false;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] == '"' && depth == 0)
			quoted = !quoted;
		else if (i < len && !quoted && s[i] == '(')
			depth++;
		else if (i < len && !quoted && s[i] == ')' && depth > 0)
			depth--;
		if (i == len || (s[i] == ';' && depth == 0 && !quoted)) {
			if (n == max) {
				*more = true;
				break;
			}
			seg[n] = s + start;
			seglen[n++] = i - start;
			start = i + 1;
		}
	}
	return n;
}

void
authres_domain_of(const char *s, char out[RCVD_HOST_MAX])
{
	const char *at = strrchr(s, '@');
	size_t n;

	if (at != NULL)
		s = at + 1;
	n = strcspn(s, " >;,)\"");
	while (n > 0 && s[n - 1] == '.')
		n--;
	ar_copy(out, RCVD_HOST_MAX, s, n);
	ar_lower(out);
}

/* The word after "cue" in s (case-insensitive), or NULL; its length in *wl. */
static const char *
ar_after(const char *s, size_t len, const char *cue, size_t *wl)
{
	size_t n = strlen(cue), i, k;

	for (i = 0; n <= len && i <= len - n; i++) {
		if (strncasecmp(s + i, cue, n) != 0)
			continue;
		if (i > 0 && isalnum((unsigned char)s[i - 1]) && isalpha(
		    (unsigned char)cue[0]))
			continue;
		for (k = i + n; k < len && strchr(" )(;,", s[k]) == NULL; k++)
			;
		*wl = k - i - n;
		return s + i + n;
	}
	return NULL;
}

/* What a comment says: DMARC policy (p=), the client IP in prose. */
static void
ar_comment(const char *s, size_t len, struct ar_result *r)
{
	static const char *const ipcues[] = {
		"sender IP is ", "designates ", "does not designate ",
		"client-ip=", "ip=",
	};
	const char *w;
	char ip[RCVD_IP_MAX];
	size_t wl, i;

	if (r->comment[0] == '\0')
		ar_copy(r->comment, sizeof(r->comment), s, len);
	if (r->policy[0] == '\0' && ((w = ar_after(s, len, "p=", &wl)) != NULL ||
	    (w = ar_after(s, len, "policy=", &wl)) != NULL)) {
		ar_copy(r->policy, sizeof(r->policy), w, wl);
		ar_lower(r->policy);
	}
	for (i = 0; i < NELEM(ipcues) && r->client_ip[0] == '\0'; i++)
		if ((w = ar_after(s, len, ipcues[i], &wl)) != NULL) {
			ar_copy(ip, sizeof(ip), w, wl);
			if (rcvd_is_ip(ip))
				memcpy(r->client_ip, ip, sizeof(ip));
		}
}

/* One "ptype.property=value" (or reason=, action=, policy.x=). */
static void
ar_prop(const struct ar_tok *k, const struct ar_tok *v, struct ar_result *r)
{
	char key[AR_WORD_MAX], val[RCVD_HOST_MAX];

	ar_copy(key, sizeof(key), k->s, k->len);
	ar_lower(key);
	ar_copy(val, sizeof(val), v->s, v->len);
	if (strcmp(key, "reason") == 0)
		ar_copy(r->reason, sizeof(r->reason), v->s, v->len);
	else if (strcmp(key, "header.d") == 0 || (strcmp(key, "header.i") == 0 &&
	    r->header_d[0] == '\0'))
		authres_domain_of(val, r->header_d);
	else if (strcmp(key, "header.s") == 0)
		ar_copy(r->header_s, sizeof(r->header_s), v->s, v->len);
	else if (strcmp(key, "header.from") == 0)
		authres_domain_of(val, r->header_from);
	else if (strcmp(key, "smtp.mailfrom") == 0 ||
	    strcmp(key, "smtp.mail") == 0)
		ar_copy(r->mailfrom, sizeof(r->mailfrom), v->s, v->len);
	else if (strcmp(key, "smtp.helo") == 0)
		ar_copy(r->helo, sizeof(r->helo), v->s, v->len);
	else if ((strcmp(key, "smtp.client-ip") == 0 ||
	    strcmp(key, "smtp.remote-ip") == 0 ||
	    strcmp(key, "policy.iprev") == 0) && rcvd_is_ip(val))
		memcpy(r->client_ip, val, RCVD_IP_MAX);
	else if (strcmp(key, "action") == 0) {
		ar_copy(r->action, sizeof(r->action), v->s, v->len);
		ar_lower(r->action);
	} else if (strcmp(key, "policy.dmarc") == 0 ||
	    strcmp(key, "policy.published-domain-policy") == 0) {
		ar_copy(r->policy, sizeof(r->policy), v->s, v->len);
		ar_lower(r->policy);
	}
}

/*
 * "method[/version] = result props..." into r. Returns -1 if not that shape.
 */
static int
ar_resinfo(const char *s, size_t len, struct ar_result *r)
{
	struct ar_tok t[AR_TOKENS_MAX];
	size_t n, i = 0, slash;

	n = ar_lex(s, len, t, NELEM(t));
	memset(r, 0, sizeof(*r));
	while (i < n && t[i].kind == ART_COMMENT)
		i++;
	if (i + 2 >= n)
		return -1;
	if (t[i].kind != ART_WORD || t[i + 1].kind != ART_EQ ||
	    (t[i + 2].kind != ART_WORD && t[i + 2].kind != ART_QUOTED))
		return -1;
	for (slash = 0; slash < t[i].len && t[i].s[slash] != '/'; slash++)
		;
	ar_copy(r->method, sizeof(r->method), t[i].s, slash);
	ar_lower(r->method);
	ar_copy(r->result, sizeof(r->result), t[i + 2].s, t[i + 2].len);
	ar_lower(r->result);
	for (i += 3; i < n; i++) {
		if (t[i].kind == ART_COMMENT)
			ar_comment(t[i].s, t[i].len, r);
		else if (t[i].kind == ART_WORD && i + 2 < n &&
		    t[i + 1].kind == ART_EQ && t[i + 2].kind != ART_EQ &&
		    t[i + 2].kind != ART_COMMENT) {
			ar_prop(&t[i], &t[i + 2], r);
			i += 2;
		}
	}
	return 0;
}

/* A small decimal number (ARC instances are 1..50); -1 if not one. */
static int
ar_int(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	if (len == 0 || len > 4)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool
ar_has_eq(const char *s, size_t len)
{
	struct ar_tok t[AR_TOKENS_MAX];
	size_t n = ar_lex(s, len, t, NELEM(t)), i;

	for (i = 0; i < n; i++)
		if (t[i].kind == ART_EQ)
			return true;
	return false;
}

int
authres_parse(const char *value, size_t len, bool arc, struct authres *out)
{
	char buf[RCVD_VALUE_MAX + 1];
	const char *seg[AUTHRES_RESULTS_MAX + 3];
	size_t seglen[AUTHRES_RESULTS_MAX + 3], nseg, i = 0, n;
	struct ar_tok t[4];
	bool trunc = false, control = false, more = false;

	memset(out, 0, sizeof(*out));
	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	nseg = ar_segments(buf, n, seg, seglen, NELEM(seg), &more);
	if (arc && nseg > 0) {
		if (ar_lex(seg[0], seglen[0], t, NELEM(t)) == 3 &&
		    t[0].len == 1 && (t[0].s[0] == 'i' || t[0].s[0] == 'I') &&
		    t[1].kind == ART_EQ)
			out->arc_instance = ar_int(t[2].s, t[2].len);
		i = 1;
	}
	if (i < nseg && !ar_has_eq(seg[i], seglen[i])) {
		/* authserv-id [version] */
		if (ar_lex(seg[i], seglen[i], t, NELEM(t)) >= 1 &&
		    t[0].kind != ART_COMMENT) {
			ar_copy(out->authserv_id, sizeof(out->authserv_id),
			    t[0].s, t[0].len);
			ar_lower(out->authserv_id);
		}
		i++;
	} else
		out->flags |= AR_F_NO_ID;
	for (; i < nseg; i++) {
		if (out->nres == NELEM(out->res)) {
			more = true;
			break;
		}
		if (ar_resinfo(seg[i], seglen[i], &out->res[out->nres]) == 0)
			out->nres++;
		else if (ar_lex(seg[i], seglen[i], t, NELEM(t)) == 1 &&
		    t[0].kind == ART_WORD && t[0].len == 4 &&
		    strncasecmp(t[0].s, "none", 4) == 0)
			out->none = true;
	}
	if (trunc || more)
		out->flags |= AR_F_TRUNCATED;
	if (control)
		out->flags |= AR_F_CONTROL;
	if (out->authserv_id[0] == '\0' && out->nres == 0)
		return -1;
	return (int)out->nres;
}

int
authres_parse_received_spf(const char *value, size_t len, struct authres *out)
{
	char buf[RCVD_VALUE_MAX + 1], key[AR_WORD_MAX], val[RCVD_HOST_MAX];
	struct ar_tok t[AR_TOKENS_MAX];
	struct ar_result *r = &out->res[0];
	size_t n, nt, i, c;
	bool trunc = false, control = false;

	memset(out, 0, sizeof(*out));
	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	nt = ar_lex(buf, n, t, NELEM(t));
	if (trunc || nt == NELEM(t))
		out->flags |= AR_F_TRUNCATED;
	if (control)
		out->flags |= AR_F_CONTROL;
	if (nt == 0 || t[0].kind != ART_WORD)
		return -1;
	memcpy(r->method, "spf", 4);
	ar_copy(r->result, sizeof(r->result), t[0].s, t[0].len);
	ar_lower(r->result);
	out->nres = 1;
	for (i = 1; i < nt; i++) {
		if (t[i].kind == ART_COMMENT) {
			ar_comment(t[i].s, t[i].len, r);
			/* "(google.com: domain of ...)": the receiver's name */
			c = strcspn(r->comment, ": ");
			if (i == 1 && r->comment[c] == ':' &&
			    memchr(r->comment, '.', c) != NULL)
				ar_copy(out->authserv_id,
				    sizeof(out->authserv_id), r->comment, c);
			continue;
		}
		if (t[i].kind != ART_WORD || i + 2 >= nt ||
		    t[i + 1].kind != ART_EQ)
			continue;
		ar_copy(key, sizeof(key), t[i].s, t[i].len);
		ar_lower(key);
		ar_copy(val, sizeof(val), t[i + 2].s, t[i + 2].len);
		if (strcmp(key, "client-ip") == 0 && rcvd_is_ip(val))
			memcpy(r->client_ip, val, RCVD_IP_MAX);
		else if (strcmp(key, "envelope-from") == 0)
			memcpy(r->mailfrom, val, sizeof(val));
		else if (strcmp(key, "helo") == 0)
			memcpy(r->helo, val, sizeof(val));
		else if (strcmp(key, "receiver") == 0)
			memcpy(out->authserv_id, val, sizeof(val));
		i += 2;
	}
	ar_lower(out->authserv_id);
	return 1;
}

int
authres_parse_dkim_sig(const char *value, size_t len, struct dkim_sig *out)
{
	char buf[RCVD_VALUE_MAX + 1];
	const char *seg[48], *v;
	size_t seglen[48], nseg, i, n, k, vl;
	bool trunc = false, control = false, more = false;

	memset(out, 0, sizeof(*out));
	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	nseg = ar_segments(buf, n, seg, seglen, NELEM(seg), &more);
	for (i = 0; i < nseg; i++) {
		v = seg[i];
		vl = seglen[i];
		while (vl > 0 && *v == ' ') {
			v++;
			vl--;
		}
		for (k = 0; k < vl && v[k] != '=' && v[k] != ' '; k++)
			;
		if (k != 1 || strchr("dsa", v[0]) == NULL)
			continue;
		while (k < vl && (v[k] == ' ' || v[k] == '='))
			k++;
		while (vl > k && v[vl - 1] == ' ')
			vl--;
		if (v[0] == 'd') {
			ar_copy(out->d, sizeof(out->d), v + k, vl - k);
			ar_lower(out->d);
		} else if (v[0] == 's')
			ar_copy(out->s, sizeof(out->s), v + k, vl - k);
		else
			ar_copy(out->a, sizeof(out->a), v + k, vl - k);
	}
	return out->d[0] != '\0' ? 0 : -1;
}

int
authres_from_domain(const char *value, size_t len, char out[RCVD_HOST_MAX])
{
	char buf[RCVD_VALUE_MAX + 1];
	const char *lt = NULL, *gt, *addr, *at;
	size_t n, i;
	bool trunc = false, control = false, quoted = false;

	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	/* the last <...> outside a quoted display name, else the whole value */
	for (i = 0; i < n; i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		else if (buf[i] == '<' && !quoted)
			lt = buf + i;
	}
	if (lt != NULL && (gt = strchr(lt, '>')) != NULL) {
		addr = lt + 1;
		buf[gt - buf] = '\0';
	} else
		addr = buf;
	if ((at = strrchr(addr, '@')) == NULL) {
		out[0] = '\0';
		return -1;
	}
	authres_domain_of(at, out);
	return out[0] != '\0' ? 0 : -1;
}
