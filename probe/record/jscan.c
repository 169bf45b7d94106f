/*
 * jscan.c - a JSON object's top-level members found in its text, the
 * syntax checked as jansson's load.c checks it, nothing built.
 *
 * Why: verify --resume reads back every record already written; built
 * whole by json_loadb, a million records of ~1 KB took half a minute, most
 * of it making and freeing the values of members nobody reads.  This walk
 * takes what jansson takes, never more: strings (no control character,
 * valid UTF-8 as base/utf8.c and jansson both define it, the eight short
 * escapes, \uXXXX with surrogates paired), numbers in JSON's grammar,
 * true/false/null, objects and arrays, the whitespace JSON allows, nothing
 * after the object.  Where jansson could still refuse what the grammar
 * allows (an integer beyond 64 bits, a real beyond a double, a NUL in a
 * key, nesting past its limit) it is not sure and says so, and the caller
 * asks jansson.  Values are decoded by jansson (jscan_value); only a plain
 * string, an integer and the three words are made here, as jansson makes
 * them.
 *
 * Public: jscan_object, jscan_last, jscan_value.
 */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "record/jscan.h"

#define JSCAN_INT_DIGITS	18	/* digits of an integer that surely fit 64 bits */
#define JSCAN_REAL_MAX		24	/* bytes of a real that surely fits a double */

struct scan {
	const unsigned char	*p, *end;
};

static bool	value(struct scan *, int depth);

static void
ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

static bool
digit(const struct scan *s)
{
	return s->p < s->end && *s->p >= '0' && *s->p <= '9';
}

/* Four hex digits at p (before end): their value, or -1. */
static long
hex4(const unsigned char *p, const unsigned char *end)
{
	long v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v += p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			v += p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			v += p[i] - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* The string at s->p (its '"'); *esc: it holds an escape. */
static bool
string(struct scan *s, bool *esc)
{
	const unsigned char *p = s->p + 1, *end = s->end;
	unsigned long cp;
	long hi, lo;
	size_t n;

	*esc = false;
	while (p < end) {
		if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		if (*p == '"') {
			s->p = p + 1;
			return true;
		}
		if (*p < 0x20)
			return false;
		if (*p >= 0x80) {
			if ((n = utf8_decode((const char *)p, (size_t)(end - p),
			    &cp)) == 0)
				return false;
			p += n;
			continue;
		}
		*esc = true;
		if (++p == end)
			return false;
		if (*p != '\0' && strchr("\"\\/bfnrt", *p) != NULL) {
			p++;
			continue;
		}
		if (*p != 'u' || (hi = hex4(p + 1, end)) < 0)
			return false;
		p += 5;
		if (hi >= 0xDC00 && hi <= 0xDFFF)
			return false;
		if (hi >= 0xD800 && hi <= 0xDBFF) {
			if (end - p < 2 || p[0] != '\\' || p[1] != 'u' ||
			    (lo = hex4(p + 2, end)) < 0xDC00 || lo > 0xDFFF)
				return false;
			p += 6;
		}
	}
	return false;
}

/* A number in JSON's grammar, one jansson surely reads (no overflow). */
static bool
number(struct scan *s)
{
	const unsigned char *start = s->p;
	bool real = false;
	int expdigits = 0;

	if (*s->p == '-')
		s->p++;
	if (!digit(s))
		return false;
	if (*s->p++ != '0')
		while (digit(s))
			s->p++;
	else if (digit(s))
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!digit(s))
			return false;
		while (digit(s))
			s->p++;
		real = true;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		if (!digit(s))
			return false;
		while (digit(s)) {
			s->p++;
			expdigits++;
		}
		real = true;
	}
	if (real)
		return s->p - start <= JSCAN_REAL_MAX && expdigits <= 2;
	return s->p - start - (*start == '-') <= JSCAN_INT_DIGITS;
}

static bool
word(struct scan *s, const char *w, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, w, len) != 0)
		return false;
	s->p += len;
	return true;
}

/*
 * The object at s->p ('{'); with want, each wanted member's value.  A key
 * with an escape is left to jansson (it may decode to a NUL, which jansson
 * refuses in a key, or to a wanted name).
 */
static bool
object(struct scan *s, int depth, struct jscan_member *want, size_t n)
{
	const unsigned char *key, *val;
	size_t klen, i;
	bool esc;

	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return true;
	}
	for (;;) {
		if (s->p == s->end || *s->p != '"')
			return false;
		key = s->p + 1;
		if (!string(s, &esc) || esc)
			return false;
		klen = (size_t)(s->p - 1 - key);
		ws(s);
		if (s->p == s->end || *s->p != ':')
			return false;
		s->p++;
		ws(s);
		val = s->p;
		if (!value(s, depth + 1))
			return false;
		for (i = 0; i < n; i++)
			if ((klen == 0 || want[i].name[0] == (char)key[0]) &&
			    strncmp(want[i].name, (const char *)key, klen) == 0 &&
			    want[i].name[klen] == '\0') {
				want[i].val = (const char *)val;
				want[i].len = (size_t)(s->p - val);
			}
		ws(s);
		if (s->p == s->end)
			return false;
		if (*s->p == '}') {
			s->p++;
			return true;
		}
		if (*s->p++ != ',')
			return false;
		ws(s);
	}
}

/* The array at s->p ('['); *last (may be NULL) its last element's start. */
static bool
array(struct scan *s, int depth, const unsigned char **last)
{
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return true;
	}
	for (;;) {
		if (last != NULL)
			*last = s->p;
		if (!value(s, depth + 1))
			return false;
		ws(s);
		if (s->p == s->end)
			return false;
		if (*s->p == ']') {
			s->p++;
			return true;
		}
		if (*s->p++ != ',')
			return false;
		ws(s);
	}
}

/* One value at s->p (whitespace before it skipped by the caller). */
static bool
value(struct scan *s, int depth)
{
	bool esc;

	if (s->p == s->end || depth > JSCAN_DEPTH_MAX)
		return false;
	switch (*s->p) {
	case '{':
		return object(s, depth, NULL, 0);
	case '[':
		return array(s, depth, NULL);
	case '"':
		return string(s, &esc);
	case 't':
		return word(s, "true", 4);
	case 'f':
		return word(s, "false", 5);
	case 'n':
		return word(s, "null", 4);
	default:
		return (*s->p == '-' || (*s->p >= '0' && *s->p <= '9')) &&
		    number(s);
	}
}

bool
jscan_object(const char *text, size_t len, struct jscan_member *want,
    size_t n)
{
	struct scan s = { (const unsigned char *)text,
	    (const unsigned char *)text + len };
	size_t i;

	for (i = 0; i < n; i++) {
		want[i].val = NULL;
		want[i].len = 0;
	}
	ws(&s);
	if (s.p == s.end || *s.p != '{' || !object(&s, 1, want, n))
		return false;
	ws(&s);
	return s.p == s.end;
}

bool
jscan_last(const char *val, size_t len, const char **ev, size_t *elen)
{
	struct scan s = { (const unsigned char *)val,
	    (const unsigned char *)val + len };
	const unsigned char *last = NULL, *end;

	if (len == 0 || *val != '[' || !array(&s, 1, &last) || last == NULL)
		return false;
	s.p = last;
	if (!value(&s, 2))
		return false;
	end = s.p;
	*ev = (const char *)last;
	*elen = (size_t)(end - last);
	return true;
}

json_t *
jscan_value(const char *val, size_t len)
{
	char num[JSCAN_INT_DIGITS + 2];

	switch (*val) {
	case '"':
		if (memchr(val, '\\', len) == NULL)
			return json_stringn_nocheck(val + 1, len - 2);
		break;
	case 't':
		return json_true();
	case 'f':
		return json_false();
	case 'n':
		return json_null();
	case '{':
	case '[':
		break;
	default:
		if (len < sizeof(num) && memchr(val, '.', len) == NULL &&
		    memchr(val, 'e', len) == NULL && memchr(val, 'E', len) == NULL) {
			memcpy(num, val, len);
			num[len] = '\0';
			return json_integer((json_int_t)strtoll(num, NULL, 10));
		}
	}
	return json_loadb(val, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
}
