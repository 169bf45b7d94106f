/*
 * cue_text.c - a reply's text made ready for the cue searches: a copy
 * with the addresses the server echoes blanked, in lower case, blanks
 * folded, Postfix qmgr's preface blanked (cue_text), and prepared once
 * per reply for memfind (cue_view_make).
 */
#include <stdint.h>
#include <string.h>

#include "meaning/classify_int.h"
#include "base/util.h"

/*
 * Whether a word is a link to the SPF project's "Why?" page (open-spf.org,
 * earlier openspf.org and openspf.net), whose query names the sender's
 * address ("identity=a@b"): the link says SPF, the address in it must not
 * speak (cue_rules).
 */
static int
spf_why_link(const char *w, size_t n)
{
	return classify_find_ci(w, n, "spf.org/why?", NULL) != SIZE_MAX ||
	    classify_find_ci(w, n, "openspf.net/why?", NULL) != SIZE_MAX;
}

/* A URL query's separators: an address in a link ends at one. */
static int
is_query_sep(int c)
{
	return c == '?' || c == '&' || c == ';' || c == '=' || c == '/';
}

/* Blank each address in a link, from the separator before it to the next. */
static void
mask_link_addresses(char *w, size_t n)
{
	size_t a, b, k;

	for (k = 0; k < n; k++) {
		if (w[k] != '@')
			continue;
		for (a = k; a > 0 &&
		    !is_query_sep((unsigned char)w[a - 1]); a--)
			;
		for (b = k + 1; b < n &&
		    !is_query_sep((unsigned char)w[b]); b++)
			;
		memset(w + a, ' ', b - a);
		k = b;
	}
}

/* A domain's own characters (RFC 5321 Domain): an address ends after them. */
static int
is_domain_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* A local part's own characters (RFC 5321 Atom and Dot-string). */
static int
is_local_char(int c)
{
	return is_domain_char(c) || (c != '\0' &&
	    strchr("!#$%&'*+/=?^_`{|}~", c) != NULL);
}

/*
 * Blank each address in a word of n bytes: from its local part's first
 * character to the end of the domain after its '@', an address literal
 * "[...]" included.  What stands around it is the server's own words and
 * stays: Barracuda's "(user@example.com:blocked)" keeps "(" and
 * ":blocked)", its verdict on the message; Postfix's "[user@example.com]
 * blocked using" its brackets.
 */
static void
blank_addresses(char *w, size_t n)
{
	size_t a, b, k, prev = 0;

	for (k = 0; k < n; k++) {
		if (w[k] != '@')
			continue;
		for (a = k; a > prev && is_local_char((unsigned char)w[a - 1]);
		    a--)
			;
		b = k + 1;
		if (b < n && w[b] == '[') {
			while (b < n && w[b] != ']')
				b++;
			if (b < n)
				b++;
		} else
			while (b < n && is_domain_char((unsigned char)w[b]))
				b++;
		memset(w + a, ' ', b - a);
		prev = b;
		k = b - 1;
	}
}

/*
 * Postfix qmgr(8) defers every recipient of a destination it marked dead
 * with "delivery temporarily suspended: <the last failure>" (qmgr_defer.c)
 * and returns them so at maximal_queue_lifetime, whatever status the
 * bounce then gives.  Its words are the sending MTA's own (their home is
 * explain/mtacues.c: it gave up), about the destination, never the
 * mailbox: blanked in a lowered cue text, so that "suspended" is not a
 * disabled mailbox and the failure after the colon (a refused connection,
 * a DNS lookup, a greeting refused) is what the cues read.
 */
static void
blank_preface(char *m, size_t len)
{
	size_t at, end, i;

	for (i = 0; i < len && (at = classify_find_ci(m + i, len - i,
	    "delivery temporarily suspended", &end)) != SIZE_MAX; i += end)
		memset(m + i + at, ' ', end - at);
}

/*
 * Latin letters with a diacritic (U+00C0..U+017F) as their base letter,
 * '\0' where none is one letter (AE, OE, IJ, thorn, sharp s, the signs
 * times and divide): cues in the servers' other languages are written
 * without accents, as the servers that keep their replies ASCII (RFC 5321
 * 4.5.3.1) write them ("ueberschritten" apart, cue_rules).
 */
static const char latin1_base[64] =
    "aaaaaa\0ceeeeiiii" "dnooooo\0ouuuuy\0\0"
    "aaaaaa\0ceeeeiiii" "dnooooo\0ouuuuy\0y";
static const char latin_ext_a_base[128] =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "\0\0" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "\0\0" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/*
 * A letter at s (n bytes) in the form the cues are written: an accented
 * Latin letter its base letter, a combining mark (U+0300..U+036F, how
 * NFD writes accents) nothing.  The bytes written to out (at most 1),
 * the bytes taken in *used; 0 with *used 0: not one of these.
 */
static size_t
fold_letter(const unsigned char *s, size_t n, char *out, size_t *used)
{
	unsigned cp;
	char c;

	*used = 0;
	if (n < 2 || s[0] < 0xc3 || s[0] > 0xcd || (s[1] & 0xc0) != 0x80)
		return 0;
	cp = (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (cp >= 0xc0 && cp <= 0xff)
		c = latin1_base[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		c = latin_ext_a_base[cp - 0x100];
	else if (cp >= 0x300 && cp <= 0x36f) {
		*used = 2;
		return 0;
	} else
		return 0;
	if (c == '\0')
		return 0;
	*used = 2;
	out[0] = c;
	return 1;
}

/*
 * The text the cues are matched against: a copy with every address the
 * server echoes blanked out (a <...> path holding '@' or the null path
 * <>, and in any word holding '@' the address up to its domain's end,
 * blank_addresses; of an SPF "Why?" link only the address in it), ASCII
 * letters in lower case, accented Latin letters as their base letter
 * (fold_letter), every run
 * of blanks and line breaks one space, Postfix qmgr's preface blanked
 * (blank_preface), its length in *outlen.  The
 * recipient's own address must not choose the reason: "spf" inside
 * <unknown-eqspfz@d381.example>, "blocked" in <blocked.orders@...>; and a
 * phrase wrapped over lines must still be found.
 */
static char *
cue_text(const char *text, size_t len, size_t *outlen)
{
	char *m = xmalloc(len + 2), letter[1];
	size_t i, j, k, o, used;

	if (len > 0)
		memcpy(m, text, len);
	m[len] = '\0';
	for (i = 0; i < len; i++) {
		if (m[i] != '<')
			continue;
		for (j = i + 1; j < len && m[j] != '>' && m[j] != '<' &&
		    m[j] != '\n'; j++)
			;
		if (j < len && m[j] == '>' &&
		    (j == i + 1 || memchr(m + i, '@', j - i) != NULL))
			memset(m + i, ' ', j - i + 1);
	}
	for (i = 0; i < len; i = j) {
		while (i < len && is_space((unsigned char)m[i]))
			i++;
		for (j = i; j < len && !is_space((unsigned char)m[j]); j++)
			;
		if (memchr(m + i, '@', j - i) == NULL)
			continue;
		if (spf_why_link(m + i, j - i))
			mask_link_addresses(m + i, j - i);
		else
			blank_addresses(m + i, j - i);
	}
	for (i = 0, o = 0; i < len; i++) {
		if (is_space((unsigned char)m[i])) {
			if (o > 0 && m[o - 1] == ' ')
				continue;
			m[o++] = ' ';
		} else if ((k = fold_letter((unsigned char *)m + i, len - i,
		    letter, &used)) > 0 || used > 0) {
			memcpy(m + o, letter, k);
			o += k;
			i += used - 1;
		} else
			m[o++] = (char)ascii_lower((unsigned char)m[i]);
	}
	/* the text ends a word: a cue that must end one ("quota ") ends
	 * there too */
	if (o == 0 || m[o - 1] != ' ')
		m[o++] = ' ';
	m[o] = '\0';
	blank_preface(m, o);
	*outlen = o;
	return m;
}

void
cue_view_make(struct cue_view *v, const char *text, size_t textlen)
{
	if (v->masked != NULL)
		return;
	v->masked = cue_text(text != NULL ? text : "", textlen, &v->mlen);
	memfind_prepare(&v->mt, v->masked, v->mlen);
}
