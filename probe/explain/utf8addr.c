/*
 * utf8addr.c - an internationalised address in a bounce's text.  See
 * utf8addr.h.
 *
 * Public: utf8addr_find(), utf8addr_unescape().
 *
 * RFC 6531 (SMTPUTF8) and RFC 6532 let a local part hold UTF-8 and a
 * domain be an IDN in U-labels; a DSN names such a recipient in the
 * "utf-8" address type (RFC 6533: "Final-Recipient: utf-8; 张伟@例子.公司").
 * explain_address() reads ASCII addresses as it always did; when a text
 * holds none, this reads the one with non-ASCII characters.  A candidate
 * is a run of address characters (ASCII ones as explain_address has them,
 * or any valid UTF-8 character that is no space or punctuation: "，",
 * "。", "：", "“" end it), '@', and such a run after it; it is named only
 * when input/address.c accepts it whole (valid UTF-8, a local part of at
 * most 64 octets, the domain through libidn2, IDNA2008), so Chinese prose
 * with an '@' in it is no address unless the words around the '@' make
 * one.  Chinese is written without spaces: a top-level domain is one
 * kind of label (an IANA top-level label is ASCII letters, or an IDN one
 * such as 中国 or 公司), so "用户@qq.com联系" ends at "qq.com".  Runs
 * longer than a local part or a domain can be are dropped, not cut to
 * fit, and each '@' looks at most that far: a hostile line costs its
 * length times that bound.
 *
 * A DSN may write such an address in 7 bits (RFC 6533 section 3,
 * utf-8-addr-xtext): "utf-8; \x{5F20}\x{4F1F}@\x{4F8B}\x{5B50}.\x{516C}
 * \x{53F8}"; utf8addr_unescape() gives it back its characters.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"
#include "explain/utf8addr.h"
#include "input/address.h"

#define LOCAL_MAX	64	/* octets, RFC 5321 4.5.3.1.1 (RFC 6531 3.3) */
#define DOMAIN_RUN_MAX	255	/* octets, RFC 1035 2.3.4, with a final dot */

/*
 * Whether code point cp is a space or a punctuation mark rather than a
 * character of a word: Latin-1's (U+0080-U+00BF), General Punctuation
 * (U+2000-U+206F: “ ” … and the spaces), CJK Symbols and Punctuation
 * (U+3000-U+303F: the ideographic space, 、。「」【】), the vertical and
 * small forms (U+FE10-U+FE1F, U+FE30-U+FE6F), the fullwidth ASCII
 * punctuation (U+FF01-U+FF0F, U+FF1A-U+FF20, U+FF3B-U+FF40,
 * U+FF5B-U+FF65: ，：；＜＞＠（）) and the byte-order mark.
 */
static int
is_mark(unsigned long cp)
{
	return cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) ||
	    (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE1F) ||
	    (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	    (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xFEFF;
}

/*
 * The length of the address character at s[0..len): 1 to 4, 0 when the
 * bytes there are none (a separator, '@', invalid UTF-8).  ':' and '='
 * end a run as in explain_address ("rfc822:a@b", "=?utf-8?...").
 */
static size_t
char_at(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	unsigned long cp;
	size_t n;

	if (c < 0x80)
		return c > ' ' && c < 127 && strchr("<>(),;:\"[]\\=@", c) ==
		    NULL ? 1 : 0;
	if ((n = utf8_decode(s, len, &cp)) == 0 || is_mark(cp))
		return 0;
	return n;
}

/*
 * The end of the top-level label s[b..e): its first character's kind
 * (ASCII or not) up to where the other kind starts.
 */
static size_t
top_label_end(const char *s, size_t b, size_t e)
{
	int ascii = (unsigned char)s[b] < 0x80;
	size_t k;

	for (k = b; k < e && ((unsigned char)s[k] < 0x80) == ascii; k++)
		;
	return k;
}

/* The address whose '@' is s[at], its local part's run from b; or NULL. */
static char *
at_address(const char *s, size_t len, size_t b, size_t at)
{
	struct address a;
	const char *err;
	size_t e = at + 1, n, dot, k;
	int wide = 0;

	while (b < at && s[b] == '.')
		b++;			/* "...张伟@" is "张伟@" */
	if (b == at || at - b > LOCAL_MAX)
		return NULL;
	while (e < len && e - at <= DOMAIN_RUN_MAX &&
	    (n = char_at(s + e, len - e)) > 0)
		e += n;
	if (e - at > DOMAIN_RUN_MAX)
		return NULL;
	while (e > at + 1 && s[e - 1] == '.')
		e--;
	for (dot = e; dot > at + 1 && s[dot - 1] != '.'; dot--)
		;
	if (dot <= at + 1 || dot == e)
		return NULL;		/* no dot, or nothing after it */
	e = top_label_end(s, dot, e);
	for (k = b; k < e && !wide; k++)
		wide = (unsigned char)s[k] >= 0x80;
	if (!wide || address_parse(s + b, e - b, &a, &err) != 0)
		return NULL;		/* ASCII: explain_address's */
	address_free(&a);
	return xstrndup(s + b, e - b);
}

char *
utf8addr_find(const char *s, size_t len)
{
	size_t i = 0, run = 0, n;
	char *a;

	if (len > EXPLAIN_FIELD_MAX)
		len = EXPLAIN_FIELD_MAX;
	while (i < len) {
		if (s[i] == '@') {
			if ((a = at_address(s, len, run, i)) != NULL)
				return a;
			run = ++i;
			continue;
		}
		n = char_at(s + i, len - i);
		i += n > 0 ? n : 1;
		if (n == 0)
			run = i;
	}
	return NULL;
}

/*
 * The code point HEXPOINT s[0..n) stands for, or -1.  RFC 6533 section 3:
 * two digits for '+', '=', '\' (the xtext specials an address may hold)
 * and U+0080-U+00FF; three to six without a leading zero (one character,
 * one spelling); no surrogate (U+D800-U+DFFF); six only as "10XXXX", so
 * at most U+10FFFF.  Its other two-digit forms (the C0 controls, space,
 * DEL) and the C1 controls stand for nothing an address holds: -1.  ABNF
 * letters match either case.
 */
static long
hexpoint(const char *s, size_t n)
{
	long cp = 0;
	size_t i;
	int d;

	if (n < 2 || n > 6 || (n > 2 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if ((d = hex_value((unsigned char)s[i])) < 0)
			return -1;
		cp = cp * 16 + d;
	}
	if (cp < 0x80)
		return n == 2 && (cp == '+' || cp == '=' || cp == '\\') ? cp : -1;
	if (cp <= 0x9F || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return -1;
	return cp;
}

/* cp (at most U+10FFFF, no surrogate) in UTF-8 at out: its length. */
static size_t
put_utf8(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * One pass, no look-back: an escape is "\x{" (3 bytes), its digits (at
 * most 7 are looked at) and "}", at least 6 bytes for at most 4 of
 * UTF-8, so the copy never outgrows s.
 */
int
utf8addr_unescape(const char *s, size_t len, char **out)
{
	char *d;
	size_t i = 0, o = 0, n;
	long cp;

	if (len > EXPLAIN_FIELD_MAX)
		len = EXPLAIN_FIELD_MAX;
	*out = NULL;
	d = xmalloc(len + 1);
	while (i < len) {
		if (s[i] != '\\' || len - i < 3 || s[i + 1] != 'x' ||
		    s[i + 2] != '{') {
			d[o++] = s[i++];
			continue;
		}
		for (n = 0; n <= 6 && i + 3 + n < len && s[i + 3 + n] != '}';
		    n++)
			;
		if (i + 3 + n >= len || s[i + 3 + n] != '}' ||
		    (cp = hexpoint(s + i + 3, n)) < 0) {
			free(d);
			return -1;
		}
		o += put_utf8((unsigned long)cp, d + o);
		i += 3 + n + 1;
	}
	d[o] = '\0';
	*out = d;
	return 0;
}
