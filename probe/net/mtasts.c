/*
 * mtasts.c - MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) parsers, pure.
 *
 * Public: mtasts_txt_parse, mtasts_policy_parse, mtasts_policy_free,
 * mtasts_mx_match, mtasts_mode_name, tlsrpt_txt_parse (mtasts.h).
 *
 * Every input is hostile: a policy longer than MTASTS_POLICY_MAX is
 * refused, lines may end in CRLF or LF (a mix is noted), at most
 * MTASTS_MX_MAX patterns are kept, and every text kept is printable ASCII
 * of bounded length.  A policy that breaks RFC 8461 3.2 (no version, a
 * bad mode or max_age, enforce/testing without mx) is invalid: -1 and one
 * plain sentence.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net/mtasts.h"

#define MTASTS_LINE_MAX		1024	/* bytes of one policy line */
#define MTASTS_VALUE_MAX	255	/* bytes of a kept value */

const char *
mtasts_mode_name(enum mtasts_mode m)
{
	switch (m) {
	case MTASTS_ENFORCE:
		return "enforce";
	case MTASTS_TESTING:
		return "testing";
	case MTASTS_NONE:
		return "none";
	}
	fatalx("%s: bad mode %d", __func__, (int)m);
}

/* Skip spaces and tabs (RFC 8461's WSP). */
static const char *
sts_wsp(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Whether [p, end) is printable ASCII without spaces. */
static bool
sts_printable(const char *p, const char *end)
{
	for (; p < end; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

/*
 * One "key=value" field of a TXT record ("; " separated) at *pp; false at
 * the end.  Keys and values are trimmed of WSP.
 */
static bool
sts_txt_field(const char **pp, const char *end, const char **k, size_t *kl,
    const char **v, size_t *vl)
{
	const char *p = sts_wsp(*pp, end), *semi, *eq, *ve;

	if (p >= end)
		return false;
	semi = memchr(p, ';', (size_t)(end - p));
	if (semi == NULL)
		semi = end;
	eq = memchr(p, '=', (size_t)(semi - p));
	*k = p;
	*kl = eq ? (size_t)(eq - p) : (size_t)(semi - p);
	while (*kl > 0 && (p[*kl - 1] == ' ' || p[*kl - 1] == '\t'))
		(*kl)--;
	*v = eq ? sts_wsp(eq + 1, semi) : semi;
	ve = semi;
	while (ve > *v && (ve[-1] == ' ' || ve[-1] == '\t'))
		ve--;
	*vl = (size_t)(ve - *v);
	*pp = semi < end ? semi + 1 : end;
	return true;
}

int
mtasts_txt_parse(const char *txt, size_t len, char **id, const char **err)
{
	const char *p = txt, *end = txt + len, *k, *v;
	size_t kl, vl, i;
	bool first = true;

	*id = NULL;
	while (sts_txt_field(&p, end, &k, &kl, &v, &vl)) {
		if (first) {
			first = false;
			if (kl != 1 || k[0] != 'v' || vl != 5 ||
			    memcmp(v, "STSv1", 5) != 0) {
				*err = "the _mta-sts TXT record does not start "
				    "with v=STSv1";
				return -1;
			}
			continue;
		}
		if (kl == 2 && memcmp(k, "id", 2) == 0 && *id == NULL) {
			if (vl < 1 || vl > 32) {
				*err = "the _mta-sts TXT record's id is not 1 to 32 "
				    "letters and digits";
				return -1;
			}
			for (i = 0; i < vl; i++)
				if (!isalnum((unsigned char)v[i])) {
					*err = "the _mta-sts TXT record's id is not 1 "
					    "to 32 letters and digits";
					return -1;
				}
			*id = xstrndup(v, vl);
		}
	}
	if (first) {
		*err = "the _mta-sts TXT record is empty";
		return -1;
	}
	if (*id == NULL) {
		*err = "the _mta-sts TXT record has no id";
		return -1;
	}
	return 0;
}

void
mtasts_policy_free(struct mtasts_policy *p)
{
	strlist_free(&p->mx);
	strlist_free(&p->notes);
	memset(p, 0, sizeof(*p));
}

/* Lowercase, no trailing dot; NULL when not a plausible pattern. */
static char *
sts_pattern(const char *v, size_t vl)
{
	char *out;
	size_t i;

	if (vl > 0 && v[vl - 1] == '.')
		vl--;
	if (vl == 0 || vl > 253 || !sts_printable(v, v + vl))
		return NULL;
	out = xstrndup(v, vl);
	for (i = 0; i < vl; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	/* no empty label; a wildcard only as the whole first label */
	if (strchr(out + 1, '*') != NULL || strstr(out, "..") != NULL ||
	    out[0] == '.' || out[vl - 1] == '.' ||
	    (out[0] == '*' && (vl < 3 || out[1] != '.'))) {
		free(out);
		return NULL;
	}
	return out;
}

/* One "key: value" line of a policy. */
static int
sts_policy_line(struct mtasts_policy *p, const char *line, size_t len,
    bool *have_version, bool *have_mode, bool *have_age, char **err)
{
	const char *colon = memchr(line, ':', len), *v, *ve;
	char num[16], *pat, *end;
	size_t kl, vl;
	long age;

	if (len == 0)
		return 0;
	if (colon == NULL) {
		strlist_addf(&p->notes, "a line without ':' ignored");
		return 0;
	}
	kl = (size_t)(colon - line);
	v = sts_wsp(colon + 1, line + len);
	ve = line + len;
	while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
		ve--;
	vl = (size_t)(ve - v);
	if (kl == 7 && memcmp(line, "version", 7) == 0) {
		if (vl != 5 || memcmp(v, "STSv1", 5) != 0) {
			*err = xstrdup("the policy's version is not STSv1");
			return -1;
		}
		*have_version = true;
	} else if (kl == 4 && memcmp(line, "mode", 4) == 0) {
		if (vl == 7 && memcmp(v, "enforce", 7) == 0)
			p->mode = MTASTS_ENFORCE;
		else if (vl == 7 && memcmp(v, "testing", 7) == 0)
			p->mode = MTASTS_TESTING;
		else if (vl == 4 && memcmp(v, "none", 4) == 0)
			p->mode = MTASTS_NONE;
		else {
			*err = xstrdup("the policy's mode is not enforce, "
			    "testing or none");
			return -1;
		}
		*have_mode = true;
	} else if (kl == 7 && memcmp(line, "max_age", 7) == 0) {
		if (vl == 0 || vl > 10) {
			*err = xstrdup("the policy's max_age is not a number of "
			    "seconds up to 31557600");
			return -1;
		}
		memcpy(num, v, vl);
		num[vl] = '\0';
		age = strtol(num, &end, 10);
		if (*end != '\0' || num[0] < '0' || num[0] > '9' || age < 0 ||
		    age > MTASTS_MAX_AGE_MAX) {
			*err = xstrdup("the policy's max_age is not a number of "
			    "seconds up to 31557600");
			return -1;
		}
		p->max_age = age;
		*have_age = true;
	} else if (kl == 2 && memcmp(line, "mx", 2) == 0) {
		if ((pat = sts_pattern(v, vl)) == NULL) {
			strlist_addf(&p->notes, "an mx line that is not a host "
			    "name pattern ignored");
			return 0;
		}
		if (p->mx.n >= MTASTS_MX_MAX) {
			p->mx_dropped++;
			free(pat);
			return 0;
		}
		strlist_add(&p->mx, pat);
		free(pat);
	}
	/* other keys: extensions, ignored (RFC 8461 3.2) */
	return 0;
}

int
mtasts_policy_parse(const char *text, size_t len, struct mtasts_policy *p,
    char **err)
{
	const char *s = text, *end = text + len, *nl;
	bool have_version = false, have_mode = false, have_age = false;
	bool crlf = false, lf = false;
	size_t ll;

	memset(p, 0, sizeof(*p));
	*err = NULL;
	if (len > MTASTS_POLICY_MAX) {
		*err = xasprintf("the policy is larger than %d bytes",
		    MTASTS_POLICY_MAX);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		*err = xstrdup("the policy holds a NUL byte");
		return -1;
	}
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		ll = nl ? (size_t)(nl - s) : (size_t)(end - s);
		if (nl != NULL && ll > 0 && s[ll - 1] == '\r') {
			ll--;
			crlf = true;
		} else if (nl != NULL)
			lf = true;
		if (ll > MTASTS_LINE_MAX) {
			*err = xasprintf("a policy line is longer than %d bytes",
			    MTASTS_LINE_MAX);
			mtasts_policy_free(p);
			return -1;
		}
		if (sts_policy_line(p, s, ll, &have_version, &have_mode,
		    &have_age, err) < 0) {
			mtasts_policy_free(p);
			return -1;
		}
		s = nl ? nl + 1 : end;
	}
	if (!have_version || !have_mode || !have_age) {
		*err = xasprintf("the policy lacks %s", !have_version ?
		    "version: STSv1" : !have_mode ? "a mode" : "max_age");
		mtasts_policy_free(p);
		return -1;
	}
	if (p->mode != MTASTS_NONE && p->mx.n == 0) {
		*err = xstrdup("the policy names no mx pattern");
		mtasts_policy_free(p);
		return -1;
	}
	if (crlf && lf)
		strlist_add(&p->notes, "lines end in CRLF and in LF (mixed)");
	if (p->mx_dropped > 0)
		strlist_addf(&p->notes, "%zu mx {1|pattern|patterns} beyond the "
		    "first %d ignored", p->mx_dropped, MTASTS_MX_MAX);
	return 0;
}

bool
mtasts_mx_match(const struct mtasts_policy *p, const char *mx)
{
	size_t i, n = strlen(mx), pl;
	const char *dot;

	if (n > 0 && mx[n - 1] == '.')
		n--;
	for (i = 0; i < p->mx.n; i++) {
		const char *pat = p->mx.v[i];

		pl = strlen(pat);
		if (pat[0] != '*') {
			if (pl == n && strncasecmp(pat, mx, n) == 0)
				return true;
			continue;
		}
		/* "*.example.com": exactly one label before example.com */
		dot = memchr(mx, '.', n);
		if (dot == NULL || dot == mx)
			continue;
		if ((size_t)(mx + n - dot) == pl - 1 &&
		    strncasecmp(dot, pat + 1, pl - 1) == 0)
			return true;
	}
	return false;
}

int
tlsrpt_txt_parse(const char *txt, size_t len, struct strlist *rua,
    const char **err)
{
	const char *p = txt, *end = txt + len, *k, *v, *c, *ve;
	size_t kl, vl;
	bool first = true;

	while (sts_txt_field(&p, end, &k, &kl, &v, &vl)) {
		if (first) {
			first = false;
			if (kl != 1 || k[0] != 'v' || vl != 8 ||
			    memcmp(v, "TLSRPTv1", 8) != 0) {
				*err = "the _smtp._tls TXT record does not start "
				    "with v=TLSRPTv1";
				return -1;
			}
			continue;
		}
		if (kl != 3 || memcmp(k, "rua", 3) != 0)
			continue;
		ve = v + vl;
		while (v < ve && rua->n < 8) {
			c = memchr(v, ',', (size_t)(ve - v));
			if (c == NULL)
				c = ve;
			v = sts_wsp(v, c);
			if (c > v && (size_t)(c - v) <= MTASTS_VALUE_MAX &&
			    sts_printable(v, c))
				strlist_addf(rua, "%.*s", (int)(c - v), v);
			v = c < ve ? c + 1 : ve;
		}
	}
	if (first) {
		*err = "the _smtp._tls TXT record is empty";
		return -1;
	}
	if (rua->n == 0) {
		*err = "the _smtp._tls TXT record names no rua";
		return -1;
	}
	return 0;
}
