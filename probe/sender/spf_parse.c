/*
 * spf_parse.c - the SPF record parser (RFC 7208 4.5, 4.6, 5, 6, 7.1 and
 * the ABNF of 12): terms split on spaces only, mechanisms with their
 * qualifier, domain-spec (macro-string ending in a toplabel or a macro)
 * and dual CIDR lengths, ip4/ip6 networks, redirect/exp at most once,
 * unknown modifiers checked and kept.  Anything else is a syntax error,
 * which RFC 7208 makes a permerror: the record is refused as a whole.
 * Input is hostile: every byte outside printable ASCII is an error, at
 * most SPF_TERMS_MAX terms are read.
 *
 * Public: spf_is_record, spf_parse, spf_record_clear, spf_result_name.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sender/spf.h"

static const char *const spf_result_names[] = {
	"none", "neutral", "pass", "fail", "softfail", "temperror", "permerror", "need",
};

const char *
spf_result_name(enum spf_result r)
{
	return spf_result_names[r];
}

bool
spf_is_record(const char *txt, size_t len)
{
	return len >= 6 && strncasecmp(txt, "v=spf1", 6) == 0 && (len == 6 || txt[6] == ' ');
}

void
spf_record_clear(struct spf_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nterms; i++) {
		free(rec->terms[i].spec);
		free(rec->terms[i].text);
	}
	free(rec->terms);
	free(rec->error);
	memset(rec, 0, sizeof(*rec));
}

/* macro-string (RFC 7208 7.1); exp: the letters c, r, t are allowed too. */
static bool
spf_macro_string_ok(const char *s, size_t n, bool exp, bool *macro)
{
	size_t i = 0, k;

	while (i < n) {
		if (s[i] != '%') {
			i++;
			continue;
		}
		if (i + 1 >= n)
			return false;
		if (s[i + 1] == '%' || s[i + 1] == '_' || s[i + 1] == '-') {
			i += 2;
			continue;
		}
		if (s[i + 1] != '{' || i + 2 >= n)
			return false;
		k = i + 2;
		if (strchr(exp ? "slodiphcrtv" : "slodiphv", tolower((unsigned char)s[k])) == NULL)
			return false;
		for (k++; k < n && isdigit((unsigned char)s[k]); k++)
			;
		if (k < n && (s[k] == 'r' || s[k] == 'R'))
			k++;
		for (; k < n && strchr(".-+,/_=", s[k]) != NULL; k++)
			;
		if (k >= n || s[k] != '}')
			return false;
		*macro = true;
		i = k + 1;
	}
	return true;
}

/*
 * toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-"
 * ) alphanum )
 */
static bool
spf_toplabel_ok(const char *s, size_t n)
{
	bool alpha = false, dash = false;
	size_t i;

	if (n == 0 || !isalnum((unsigned char)s[0]) ||
	    !isalnum((unsigned char)s[n - 1]))
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = true;
		else if (isalpha((unsigned char)s[i]))
			alpha = true;
		else if (!isdigit((unsigned char)s[i]))
			return false;
	}
	return alpha || dash;
}

/*
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] )
 * / macro-expand
 */
static bool
spf_domain_spec_ok(const char *s, size_t n, bool *macro)
{
	size_t end, dot;

	*macro = false;
	if (n == 0 || !spf_macro_string_ok(s, n, false, macro))
		return false;
	if (s[n - 1] == '}' || (n >= 2 && s[n - 2] == '%' &&
	    (s[n - 1] == '%' || s[n - 1] == '_' || s[n - 1] == '-')))
		return true;	/* ends in a macro-expand */
	end = s[n - 1] == '.' ? n - 1 : n;
	for (dot = end; dot > 0 && s[dot - 1] != '.'; dot--)
		;
	if (dot == 0)
		return false;	/* no "." before the toplabel */
	return spf_toplabel_ok(s + dot, end - dot);
}

/*
 * "/N" with no leading zero, N <= max; returns characters read, 0 if none, -1
 * bad.
 */
static int
spf_cidr(const char *s, size_t n, int max, int *out)
{
	size_t i = 1;
	int v = 0;

	if (n < 2 || s[0] != '/' || !isdigit((unsigned char)s[1]))
		return n >= 1 && s[0] == '/' ? -1 : 0;
	if (s[1] == '0' && n > 2 && isdigit((unsigned char)s[2]))
		return -1;
	for (; i < n && isdigit((unsigned char)s[i]) && v <= max; i++)
		v = v * 10 + (s[i] - '0');
	if (v > max)
		return -1;
	*out = v;
	return (int)i;
}

/*
 * Split "domain-spec dual-cidr" in s[0..n): the CIDR suffix is taken from
 * the end ("/24", "//64", "/24//64") since a domain-spec may hold '/'.
 */
static bool
spf_split_cidr(const char *s, size_t n, struct spf_term *t, size_t *speclen)
{
	size_t i;

	for (i = n; i > 0 && isdigit((unsigned char)s[i - 1]); i--)
		;
	if (i < n && i >= 2 && s[i - 1] == '/' && s[i - 2] == '/') {
		if (spf_cidr(s + i - 1, n - i + 1, 128, &t->cidr6) !=
		    (int)(n - i + 1))
			return false;
		n = i - 2;
		for (i = n; i > 0 && isdigit((unsigned char)s[i - 1]); i--)
			;
	}
	if (i < n && i >= 1 && s[i - 1] == '/') {
		if (spf_cidr(s + i - 1, n - i + 1, 32, &t->cidr4) !=
		    (int)(n - i + 1))
			return false;
		n = i - 1;
	}
	*speclen = n;
	return true;
}

static const struct {
	const char	*name;
	enum spf_kind	 kind;
} spf_mechs[] = {
	{ "all", SPF_ALL }, { "include", SPF_INCLUDE }, { "a", SPF_A }, { "mx", SPF_MX },
	{ "ptr", SPF_PTR }, { "ip4", SPF_IP4 }, { "ip6", SPF_IP6 }, { "exists", SPF_EXISTS },
};

/* One term s[0..n) into t; an error message (static) or NULL. */
static const char *
spf_term(const char *s, size_t n, struct spf_term *t)
{
	const char *arg;
	size_t i, namelen, arglen, speclen;
	char buf[INET6_ADDRSTRLEN + 1];
	bool macro;
	int r;

	t->cidr4 = t->cidr6 = -1;
	t->qual = '+';
	/* A modifier: name "=" before any ':' or '/'. */
	for (i = 0; i < n && s[i] != '=' && s[i] != ':' && s[i] != '/'; i++)
		;
	if (i < n && s[i] == '=') {
		if (i == 0 || !isalpha((unsigned char)s[0]))
			return "bad modifier name";
		for (namelen = 0; namelen < i; namelen++)
			if (!isalnum((unsigned char)s[namelen]) && strchr("-_.", s[namelen]) == NULL)
				return "bad modifier name";
		arg = s + i + 1;
		arglen = n - i - 1;
		if (namelen == 8 && strncasecmp(s, "redirect", 8) == 0) {
			t->kind = SPF_REDIRECT;
			if (!spf_domain_spec_ok(arg, arglen, &t->macro))
				return "bad domain in redirect=";
		} else if (namelen == 3 && strncasecmp(s, "exp", 3) == 0) {
			t->kind = SPF_EXP;
			if (!spf_domain_spec_ok(arg, arglen, &t->macro))
				return "bad domain in exp=";
		} else {
			t->kind = SPF_UNKNOWN_MOD;
			if (!spf_macro_string_ok(arg, arglen, false, &macro))
				return "bad macro in a modifier";
		}
		t->spec = xstrndup(arg, arglen);
		return NULL;
	}
	if (s[0] == '+' || s[0] == '-' || s[0] == '~' || s[0] == '?') {
		t->qual = s[0];
		s++;
		n--;
	}
	for (namelen = 0; namelen < n && s[namelen] != ':' && s[namelen] != '/'; namelen++)
		;
	for (i = 0; i < sizeof(spf_mechs) / sizeof(spf_mechs[0]); i++)
		if (strlen(spf_mechs[i].name) == namelen &&
		    strncasecmp(s, spf_mechs[i].name, namelen) == 0)
			break;
	if (i == sizeof(spf_mechs) / sizeof(spf_mechs[0]))
		return "unknown mechanism";
	t->kind = spf_mechs[i].kind;
	arg = s + namelen;
	arglen = n - namelen;
	switch (t->kind) {
	case SPF_ALL:
		return arglen == 0 ? NULL : "all takes no argument";
	case SPF_INCLUDE:
	case SPF_EXISTS:
		if (arglen < 1 || arg[0] != ':' ||
		    !spf_domain_spec_ok(arg + 1, arglen - 1, &t->macro))
			return "needs :domain";
		t->spec = xstrndup(arg + 1, arglen - 1);
		return NULL;
	case SPF_PTR:
		if (arglen == 0)
			return NULL;
		if (arg[0] != ':' ||
		    !spf_domain_spec_ok(arg + 1, arglen - 1, &t->macro))
			return "bad ptr argument";
		t->spec = xstrndup(arg + 1, arglen - 1);
		return NULL;
	case SPF_A:
	case SPF_MX:
		if (arglen > 0 && arg[0] == ':') {
			if (!spf_split_cidr(arg + 1, arglen - 1, t, &speclen) ||
			    !spf_domain_spec_ok(arg + 1, speclen, &t->macro))
				return "bad domain or CIDR length";
			t->spec = xstrndup(arg + 1, speclen);
			return NULL;
		}
		if (!spf_split_cidr(arg, arglen, t, &speclen) || speclen != 0)
			return "bad CIDR length";
		return NULL;
	case SPF_IP4:
	case SPF_IP6:
		if (arglen < 2 || arg[0] != ':')
			return "needs an address";
		arg++;
		arglen--;
		for (i = 0; i < arglen && arg[i] != '/'; i++)
			;
		if (i >= sizeof(buf))
			return "bad address";
		memcpy(buf, arg, i);
		buf[i] = '\0';
		if (t->kind == SPF_IP4) {
			memset(t->ip, 0, sizeof(t->ip));
			if (inet_pton(AF_INET, buf, t->ip) != 1)
				return "bad IPv4 address";
			r = i < arglen ?
			    spf_cidr(arg + i, arglen - i, 32, &t->cidr4) :
			    0;
		} else {
			if (inet_pton(AF_INET6, buf, t->ip) != 1)
				return "bad IPv6 address";
			r = i < arglen ?
			    spf_cidr(arg + i, arglen - i, 128, &t->cidr6) :
			    0;
		}
		if (r < 0 || i + (size_t)r != arglen)
			return "bad CIDR length";
		return NULL;
	default:
		return "unknown mechanism";
	}
}

/* A syntax error: the record is refused as a whole, only the error kept. */
static bool
spf_refuse(struct spf_record *rec, char *error)
{
	spf_record_clear(rec);
	rec->error = error;
	return false;
}

bool
spf_parse(const char *txt, size_t len, struct spf_record *rec)
{
	struct spf_term t;
	const char *err;
	size_t i, start, cap = 0;
	bool redirect = false, exp = false;

	memset(rec, 0, sizeof(*rec));
	for (i = 0; i < len; i++)
		if ((unsigned char)txt[i] < 0x20 ||
		    (unsigned char)txt[i] > 0x7e) {
			rec->error = xasprintf("byte 0x%02x at %zu: SPF records are printable ASCII",
			    (unsigned char)txt[i], i);
			return false;
		}
	if (!spf_is_record(txt, len)) {
		rec->error = xstrdup("not a v=spf1 record");
		return false;
	}
	for (i = 6; i < len;) {
		while (i < len && txt[i] == ' ')
			i++;
		if (i == len)
			break;
		for (start = i; i < len && txt[i] != ' '; i++)
			;
		if (rec->nterms == SPF_TERMS_MAX)
			return spf_refuse(rec, xasprintf("more than %d terms", SPF_TERMS_MAX));
		memset(&t, 0, sizeof(t));
		err = spf_term(txt + start, i - start, &t);
		t.text = xstrndup(txt + start, i - start);
		if (err == NULL && t.kind == SPF_REDIRECT && redirect)
			err = "redirect= appears twice";
		if (err == NULL && t.kind == SPF_EXP && exp)
			err = "exp= appears twice";
		if (err != NULL) {
			free(t.spec);
			free(t.text);
			return spf_refuse(rec, xasprintf("\"%.*s\": %s", (int)(i - start),
			    txt + start, err));
		}
		redirect |= t.kind == SPF_REDIRECT;
		exp |= t.kind == SPF_EXP;
		if (rec->nterms == cap) {
			cap = cap ? cap * 2 : 8;
			rec->terms = xrealloc(rec->terms,
			    cap * sizeof(*rec->terms));
		}
		rec->terms[rec->nterms++] = t;
	}
	return true;
}
