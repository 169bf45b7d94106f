/*
 * utf8.c - strict UTF-8 decoding, see utf8.h.  Written out by hand because
 * it is a dozen lines and the modules that need it must agree byte for byte
 * on what counts as invalid (each invalid byte is escaped on its own).
 *
 * Public: utf8_decode, utf8_valid, utf8_cut, utf8_is_control,
 * utf8_has_control, utf8_iso2022_escape, utf8_has_terminal_control,
 * utf8_trim_blanks.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"

size_t
utf8_decode(const char *s, size_t len, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2; c = u[0] & 0x1F; min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3; c = u[0] & 0x0F; min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4; c = u[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/*
 * ASCII runs, the common case (a bounce's text is nearly all ASCII), are
 * passed eight bytes at a time: a word with no high bit holds no byte of
 * a multi-byte sequence.
 */
bool
utf8_valid(const char *s, size_t len)
{
	unsigned long cp;
	uint64_t w;
	size_t i = 0, n;

	while (i < len) {
		while (len - i >= sizeof(w)) {
			memcpy(&w, s + i, sizeof(w));
			if ((w & 0x8080808080808080ULL) != 0)
				break;
			i += sizeof(w);
		}
		if (i == len)
			break;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

bool
utf8_is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* C1 in UTF-8 is C2 80 to C2 9F: only a C2 byte can start one. */
bool
utf8_has_control(const char *s, size_t len)
{
	unsigned long cp;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c < 0x80 && utf8_is_control(c))
			return true;
		if (c == 0xC2 && utf8_decode(s + i, len - i, &cp) == 2 &&
		    utf8_is_control(cp))
			return true;
	}
	return false;
}

size_t
utf8_iso2022_escape(const char *s, size_t len)
{
	size_t n = 2;

	if (len < 3 || s[0] != '\x1b' || (s[1] != '$' && s[1] != '(' &&
	    s[1] != ')'))
		return 0;
	if (s[2] >= 0x20 && s[2] <= 0x2F)
		n++;		/* ESC $ ( D: a second intermediate byte */
	return n < len && s[n] >= 0x30 && s[n] <= 0x7E ? n + 1 : 0;
}

bool
utf8_has_terminal_control(const char *s, size_t len)
{
	size_t i = 0, b = 0, n;

	for (; i < len; i++)
		if (s[i] == '\x1b' && (n = utf8_iso2022_escape(s + i,
		    len - i)) > 0) {
			if (utf8_has_control(s + b, i - b))
				return true;
			i += n - 1;
			b = i + 1;
		}
	return utf8_has_control(s + b, len - b);
}

/*
 * The byte length of the blank that starts (at_end false) or ends s[0..len),
 * or 0.  Why a list and not every Unicode space: these are the ones seen
 * around copied addresses and domains; the others an address cell holds
 * are NFKC's (input/normalize.c) to fold, with a note saying so.
 */
static size_t
blank_len(const char *s, size_t len, bool at_end)
{
	static const char *const wide[] = {
		"\xc2\xa0",		/* U+00A0 no-break space */
		"\xe2\x80\x8b",	/* U+200B zero-width space */
		"\xe3\x80\x80",	/* U+3000 ideographic space */
		"\xef\xbb\xbf",	/* U+FEFF byte order mark */
	};
	unsigned char c;
	size_t i, n;

	if (len == 0)
		return 0;
	c = (unsigned char)(at_end ? s[len - 1] : s[0]);
	if (c == ' ' || (c >= '\t' && c <= '\r'))	/* TAB LF VT FF CR */
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		n = strlen(wide[i]);
		if (len >= n && memcmp(at_end ? s + len - n : s, wide[i],
		    n) == 0)
			return n;
	}
	return 0;
}

void
utf8_trim_blanks(const char **s, size_t *len)
{
	size_t n;

	while ((n = blank_len(*s, *len, false)) > 0) {
		*s += n;
		*len -= n;
	}
	while ((n = blank_len(*s, *len, true)) > 0)
		*len -= n;
}

bool
utf8_same_label(const char *s, size_t len, const char *want)
{
	size_t n = strlen(want);

	utf8_trim_blanks(&s, &len);
	utf8_trim_blanks(&want, &n);
	return len == n && strncasecmp(s, want, n) == 0;
}
