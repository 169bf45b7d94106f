/*
 * normalize.c - from what a cell holds to the addresses it means.
 *
 * Steps, each recorded when it changed something:
 *  1. NFKC (GLib's g_utf8_normalize): the full-width forms Chinese,
 *     Japanese and Korean input methods type (＠ ． ｃｏｍ) become ASCII;
 *     the ideographic full stop 。, which UTS #46 treats as a label dot,
 *     becomes '.' too.
 *  2. Split at , ; 、 (and a '/' between two addresses) outside quotes
 *     and angle brackets; a part
 *     with `<...>` holding an '@' is that address (the display name is
 *     dropped); otherwise the words holding an '@' are the addresses.
 *     A span in "...", '...' or `...` is one word, spaces and all, so no
 *     address is ever cut out of the middle of one.
 *     Spaces typed around the '@' (alice @ qq.com) are dropped when the
 *     words beside it make an address with a dotted domain.
 *  3. Each address loses a `mailto:` prefix (and any ?query), a label
 *     glued before it by a colon (李四：li@x.com), matching
 *     quotes or brackets around it, a note in brackets glued to its end or
 *     its start (user@x.com（备用）), and trailing punctuation.
 * Input of any size is safe: at most NORM_ADDRS_MAX addresses are kept
 * (the rest counted), and every step works within the cell's bytes.
 *
 * Public: normalize_cell, normalized_free, normalize_change_name.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "input/normalize.h"
#include "base/utf8.h"
#include "base/util.h"

#define NORM_INPUT_MAX	4096	/* bytes of a cell worth normalizing */

/* Pairs of characters that may surround an address. */
static const char *const norm_pairs[][2] = {
	{ "\"", "\"" }, { "'", "'" }, { "`", "`" }, { "(", ")" },
	{ "[", "]" }, { "{", "}" }, { "<", ">" },
	{ "\xe2\x80\x9c", "\xe2\x80\x9d" },	/* “ ” */
	{ "\xe2\x80\x98", "\xe2\x80\x99" },	/* ‘ ’ */
	{ "\xe3\x80\x8c", "\xe3\x80\x8d" },	/* 「 」 */
	{ "\xe3\x80\x8e", "\xe3\x80\x8f" },	/* 『 』 */
	{ "\xe3\x80\x90", "\xe3\x80\x91" },	/* 【 】 */
	{ "\xe3\x80\x8a", "\xe3\x80\x8b" },	/* 《 》 */
	{ "\xc2\xab", "\xc2\xbb" },		/* « » */
};

static const char *const norm_change_names[] = {
	"fullwidth", "display_name", "mailto", "quotes",
	"trailing_punctuation", "split", "spaces",
};

const char *
normalize_change_name(enum norm_change c)
{
	size_t i;

	for (i = 0; i < sizeof(norm_change_names) / sizeof(norm_change_names[0]);
	    i++)
		if ((unsigned)c == 1u << i)
			return norm_change_names[i];
	fatalx("%s: bad change %u", __func__, (unsigned)c);
}

static bool
norm_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static void
norm_trim(const char **s, size_t *len)
{
	while (*len > 0 && norm_space((*s)[0])) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && norm_space((*s)[*len - 1]))
		(*len)--;
}

static void
norm_add(struct normalized *out, const char *s, size_t len)
{
	if (out->n == NORM_ADDRS_MAX) {
		out->dropped++;
		return;
	}
	out->addr[out->n++] = xstrndup(s, len);
}

char *
normalize_nfkc(const char *s, size_t len)
{
	gchar *g;
	char *out;
	size_t i, j, n;

	if (!utf8_valid(s, len) || memchr(s, '\0', len) != NULL)
		return NULL;
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)		/* ASCII: NFKC changes nothing */
		return xstrndup(s, len);
	if ((g = g_utf8_normalize(s, (gssize)len, G_NORMALIZE_NFKC)) == NULL)
		return NULL;
	n = strlen(g);
	out = xmalloc(n + 1);
	for (i = j = 0; i < n;) {
		if (n - i >= 3 && memcmp(g + i, "\xe3\x80\x82", 3) == 0) {	/* 。 */
			out[j++] = '.';
			i += 3;
		} else
			out[j++] = g[i++];
	}
	out[j] = '\0';
	g_free(g);
	return out;
}

/* Brackets a note glued to an address comes in (after NFKC: （ ） are
 * ASCII by then). */
static const char *const norm_notes[][2] = {
	{ "(", ")" }, { "[", "]" },
	{ "\xe3\x80\x90", "\xe3\x80\x91" },	/* 【 】 */
};

/*
 * Why: Chinese lists mark an address as the main or the spare one with a
 * note glued to it, user@x.com（备用） or 【主】user@x.com, which no MTA
 * reads as part of the address.  Cut a bracketed note that ends the
 * domain (after at least one of its characters, so user@[192.0.2.1]
 * stays a literal) or opens the local part (before at least one of its
 * characters); true when one was cut.
 */
static bool
norm_note(const char **s, size_t *len)
{
	const char *at, *o, *c;
	size_t i, a, b;

	if ((at = memchr(*s, '@', *len)) == NULL)
		return false;
	for (i = 0; i < sizeof(norm_notes) / sizeof(norm_notes[0]); i++) {
		a = strlen(norm_notes[i][0]);
		b = strlen(norm_notes[i][1]);
		if (*len > a + b && memcmp(*s + *len - b, norm_notes[i][1],
		    b) == 0) {
			for (o = *s + *len - b; o > at + 1 &&
			    memcmp(o, norm_notes[i][0], a) != 0; o--)
				;
			if (o > at + 1) {
				*len = (size_t)(o - *s);
				return true;
			}
		}
		if (*len <= a + b || memcmp(*s, norm_notes[i][0], a) != 0)
			continue;
		for (c = *s + a; c + b < at && memcmp(c, norm_notes[i][1],
		    b) != 0; c++)
			;
		if (c + b < at) {
			*len -= (size_t)(c + b - *s);
			*s = c + b;
			return true;
		}
	}
	return false;
}

/*
 * A label glued to the address by a colon, as Chinese lists and chats
 * write a name or a field before it (李四：li@x.com, 邮箱:li@x.com,
 * Email:li@x.com): a colon is no part of an unquoted local part, so the
 * text up to the last one before the '@' is a name.  Not when that text
 * holds quotes, brackets or a formula's signs: a formula's words are not
 * cut into an address.
 */
static bool
norm_label(const char **s, size_t *len)
{
	const char *at = memchr(*s, '@', *len), *c = NULL, *p;

	if (at == NULL)
		return false;
	for (p = *s; p < at; p++)
		if (*p == ':')
			c = p;
	if (c == NULL || c + 1 == at)
		return false;
	for (p = *s; p < c; p++)
		if (strchr("\"'`()<>[]{}=+|!@\\/,;", *p) != NULL)
			return false;
	*len -= (size_t)(c + 1 - *s);
	*s = c + 1;
	return true;
}

/* Cut mailto:, a label before a colon, surrounding pairs, a bracketed
 * note and trailing punctuation; repeat until stable. */
static void
norm_clean(const char **s, size_t *len, unsigned *changes)
{
	const char *q;
	size_t i, a, b;
	bool again = true;

	while (again && *len > 0) {
		again = false;
		norm_trim(s, len);
		if (*len >= 7 && strncasecmp(*s, "mailto:", 7) == 0) {
			*s += 7;
			*len -= 7;
			if ((q = memchr(*s, '?', *len)) != NULL)
				*len = (size_t)(q - *s);
			*changes |= NORM_MAILTO;
			again = true;
			continue;
		}
		if (norm_label(s, len)) {
			*changes |= NORM_DISPLAY_NAME;
			again = true;
			continue;
		}
		for (i = 0; i < sizeof(norm_pairs) / sizeof(norm_pairs[0]); i++) {
			a = strlen(norm_pairs[i][0]);
			b = strlen(norm_pairs[i][1]);
			if (*len >= a + b &&
			    memcmp(*s, norm_pairs[i][0], a) == 0 &&
			    memcmp(*s + *len - b, norm_pairs[i][1], b) == 0) {
				/*
				 * "a b"@x.test keeps its quotes: they end
				 * before the @
				 */
				if (i == 0 && memchr(*s + 1, '"', *len - 2) != NULL)
					continue;
				*s += a;
				*len -= a + b;
				*changes |= NORM_QUOTES;
				again = true;
				break;
			}
		}
		if (again)
			continue;
		if (norm_note(s, len)) {
			*changes |= NORM_DISPLAY_NAME;
			again = true;
			continue;
		}
		if (*len > 1 && strchr(".,;:!?", (*s)[*len - 1]) != NULL) {
			(*len)--;
			*changes |= NORM_PUNCTUATION;
			again = true;
		}
	}
}

/*
 * What surrounds <addr>: a mailto: before it, punctuation after it, or
 * else a display name (`Hans Müller <hans@firma.de>`).
 */
static void
norm_outside(const char *pre, size_t plen, const char *post, size_t qlen,
    unsigned *changes)
{
	size_t i;

	norm_trim(&pre, &plen);
	norm_trim(&post, &qlen);
	if (plen == 7 && strncasecmp(pre, "mailto:", 7) == 0)
		*changes |= NORM_MAILTO;
	else if (plen > 0)
		*changes |= NORM_DISPLAY_NAME;
	for (i = 0; i < qlen && strchr(".,;:!?", post[i]) != NULL; i++)
		;
	if (qlen > 0)
		*changes |= i == qlen ? NORM_PUNCTUATION : NORM_DISPLAY_NAME;
}

static bool
norm_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

/*
 * Where the span quoted by the ' or ` at s[i] ends, or i when s[i] opens
 * none.  A quote between two letters is an apostrophe (O'Neil, o'neil@x),
 * never an opening or a closing one.  Words are split outside such spans
 * only: in =cmd|' /C calc'!A0@x the part with the '@' is the end of a
 * quoted span, not an address beside some words.
 */
static size_t
norm_quote_end(const char *s, size_t len, size_t i)
{
	size_t k;

	if ((s[i] != '\'' && s[i] != '`') || (i > 0 && norm_alnum(s[i - 1])))
		return i;
	for (k = i + 1; k < len; k++)
		if (s[k] == s[i] && !(norm_alnum(s[k - 1]) && k + 1 < len &&
		    norm_alnum(s[k + 1])))
			return k;
	return i;
}

/* The end of the word that starts at s[i]: spaces end it, except
 * inside "..." and quoted spans. */
static size_t
norm_word_end(const char *s, size_t len, size_t i)
{
	size_t j;

	for (j = i; j < len && !norm_space(s[j]); j++)
		if (s[j] == '"')	/* "a b"@x: spaces inside quotes */
			while (j + 1 < len && s[++j] != '"')
				;
		else
			j = norm_quote_end(s, len, j);
	return j;
}

static bool
norm_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

struct norm_word {
	const char	*s;
	size_t		 len;
	bool		 at;	/* holds an '@' */
	bool		 used;	/* taken into an address */
};

/*
 * Why: people type spaces around the '@' (alice @ qq.com, alice@ qq.com),
 * and the words then are "alice", "@", "qq.com": the '@' alone is no
 * address, nor is either half.  Word k, whose one '@' opens or ends it,
 * joined with the word of ASCII before it and the word after it that hold
 * none, into buf; true when that makes a local part and a dotted domain
 * (a name beside a lone '@', "Bob @ work", stays words).
 */
static bool
norm_spaced_at(struct norm_word *w, size_t nw, size_t k, char **buf,
    size_t *blen)
{
	size_t l = k, r = k, i, n = 0;
	const char *at, *dot;
	char *b;

	for (i = 0; i < w[k].len; i++)
		n += w[k].s[i] == '@';
	if (n != 1)
		return false;
	n = 0;
	if (w[k].s[0] == '@' && k > 0 && !w[k - 1].at && !w[k - 1].used &&
	    norm_ascii(w[k - 1].s, w[k - 1].len))
		l = k - 1;
	if (w[k].s[w[k].len - 1] == '@' && k + 1 < nw && !w[k + 1].at)
		r = k + 1;
	if (l == k && r == k)
		return false;
	for (i = l; i <= r; i++)
		n += w[i].len;
	b = xmalloc(n + 1);
	for (n = 0, i = l; i <= r; n += w[i].len, i++)
		memcpy(b + n, w[i].s, w[i].len);
	b[n] = '\0';
	at = strchr(b, '@');
	dot = strchr(at, '.');
	if (at == b || dot == NULL || dot == at + 1 || dot[1] == '\0') {
		free(b);
		return false;
	}
	for (i = l; i <= r; i++)
		w[i].used = true;
	*buf = b;
	*blen = n;
	return true;
}

/* One part between separators: its address(es) into out. */
static void
norm_part(const char *s, size_t len, struct normalized *out, unsigned *changes)
{
	const char *lt, *gt, *a;
	struct norm_word *w;
	size_t al, i, j, k, nw = 0;
	char *joined;

	norm_trim(&s, &len);
	if (len == 0)
		return;
	lt = memchr(s, '<', len);
	gt = lt != NULL ? memchr(lt, '>', len - (size_t)(lt - s)) : NULL;
	if (lt != NULL && gt != NULL &&
	    memchr(lt, '@', (size_t)(gt - lt)) != NULL) {
		norm_outside(s, (size_t)(lt - s), gt + 1,
		    (size_t)(s + len - gt - 1), changes);
		s = lt + 1;
		len = (size_t)(gt - lt - 1);
		norm_clean(&s, &len, changes);
		norm_add(out, s, len);
		return;
	}
	if (memchr(s, '@', len) == NULL) {
		/* words without an address, such as a name before a comma */
		*changes |= NORM_DISPLAY_NAME;
		return;
	}
	/* words: the ones holding an '@' are addresses, the rest a name */
	w = xcalloc(len / 2 + 1, sizeof(*w));
	for (i = 0; i < len; i = j) {
		while (i < len && norm_space(s[i]))
			i++;
		if ((j = norm_word_end(s, len, i)) == i)
			continue;
		w[nw].s = s + i;
		w[nw].len = j - i;
		w[nw++].at = memchr(s + i, '@', j - i) != NULL;
	}
	for (k = 0; k < nw; k++) {
		if (!w[k].at || w[k].used)
			continue;
		if (norm_spaced_at(w, nw, k, &joined, &al)) {
			*changes |= NORM_SPACES;
			a = joined;
			norm_clean(&a, &al, changes);
			norm_add(out, a, al);
			free(joined);
			continue;
		}
		if (w[k].len == 1)	/* a lone '@' is no address */
			continue;
		w[k].used = true;
		a = w[k].s;
		al = w[k].len;
		norm_clean(&a, &al, changes);
		norm_add(out, a, al);
	}
	for (k = 0; k < nw; k++)
		if (!w[k].at)
			*changes |= w[k].used ? 0 : NORM_DISPLAY_NAME;
	free(w);
}

/* Separators: , ; and 、 outside "..." and <...>. */
static size_t
norm_sep(const char *s, size_t len, size_t i)
{
	if (s[i] == ',' || s[i] == ';')
		return 1;
	if (len - i >= 3 && memcmp(s + i, "\xe3\x80\x81", 3) == 0)	/* 、 */
		return 3;
	return 0;
}

/*
 * Whether the ',' at p[i] is a dot mistyped in a domain (li@qq,com,
 * li@163，com): the part before it ends in an '@' and a domain without a
 * dot, the word after it is letters and dots up to the cell's end, a
 * space or a separator.  Split there, "com" was dropped as a name and li@qq
 * probed; kept whole, the address is refused as written, for the user to
 * correct.
 */
static bool
norm_comma_in_domain(const char *p, size_t len, const char *start, size_t i)
{
	const char *at = NULL, *q;
	size_t j;

	if (p[i] != ',')
		return false;
	for (q = p + i; q > start; q--)
		if (q[-1] == '@') {
			at = q - 1;
			break;
		} else if (q[-1] == '.' || norm_space(q[-1]) || q[-1] == '<')
			return false;
	if (at == NULL || at + 1 == p + i)
		return false;
	for (j = i + 1; j < len && ((p[j] >= 'a' && p[j] <= 'z') ||
	    (p[j] >= 'A' && p[j] <= 'Z') || p[j] == '.'); j++)
		;
	return j >= i + 3 && (j == len || norm_space(p[j]) ||
	    norm_sep(p, len, j) > 0);
}

/*
 * Why: lists join a person's two mailboxes with a slash
 * (zhang@qq.com/zhang@163.com).  A slash is atext in a local part but
 * never in a domain: the '/' at p[i] separates when the part before it
 * holds an '@' and the text after it, up to the next separator, holds
 * another; 1 then (its length), else 0.
 */
static size_t
norm_slash(const char *p, size_t len, const char *start, size_t i)
{
	size_t j;

	if (p[i] != '/' || memchr(start, '@', (size_t)(p + i - start)) == NULL)
		return 0;
	for (j = i + 1; j < len && norm_sep(p, len, j) == 0; j++)
		if (p[j] == '@')
			return 1;
	return 0;
}

void
normalize_cell(const char *s, size_t len, struct normalized *out)
{
	char *n;
	const char *p, *start;
	size_t nlen, i, k = 0;
	bool quoted = false, angled = false;
	unsigned changes = 0;

	memset(out, 0, sizeof(*out));
	if (len > NORM_INPUT_MAX || (n = normalize_nfkc(s, len)) == NULL) {
		norm_add(out, s, len);
		return;
	}
	nlen = strlen(n);
	if (nlen != len || memcmp(n, s, len) != 0)
		changes |= NORM_FULLWIDTH;
	p = start = n;
	for (i = 0; i <= nlen; i++) {
		if (i < nlen && !quoted && !angled &&
		    norm_quote_end(p, nlen, i) > i) {
			i = norm_quote_end(p, nlen, i);
			continue;
		}
		if (i < nlen && p[i] == '"' && !angled)
			quoted = !quoted;
		else if (i < nlen && p[i] == '<' && !quoted)
			angled = true;
		else if (i < nlen && p[i] == '>' && !quoted)
			angled = false;
		if (i < nlen && (quoted || angled || ((k = norm_sep(p, nlen,
		    i)) == 0 && (k = norm_slash(p, nlen, start, i)) == 0) ||
		    norm_comma_in_domain(p, nlen, start, i)))
			continue;
		norm_part(start, (size_t)(p + i - start), out, &changes);
		if (i < nlen) {
			i += k - 1;
			start = p + i + 1;
		}
	}
	if (out->n == 0) {
		/*
		 * nothing like an address: the cell as it is, for the parser's
		 * reason
		 */
		norm_add(out, s, len);
		changes = 0;
	} else if (out->n + out->dropped > 1)
		changes |= NORM_SPLIT;
	out->changes = changes;
	free(n);
}

void
normalized_free(struct normalized *nm)
{
	size_t i;

	for (i = 0; i < nm->n; i++)
		free(nm->addr[i]);
	memset(nm, 0, sizeof(*nm));
}
