/*
 * rtftext.c - an RTF body as the text or HTML it carries.  See rtftext.h.
 *
 * Public: rtftext_convert().
 *
 * One pass over the RTF with a stack of group states (at most
 * RTF_DEPTH_MAX deep: a deeper group is skipped whole, so no input grows
 * the stack).  Outlook's encapsulation (MS-OXRTFEX 2.4): a document that
 * says \fromhtml1 (or \fromtext) in its header carries HTML (or text);
 * what is inside \htmlrtf ... \htmlrtf0 is there only for RTF readers and
 * is left out; a {\*\htmltag} group holds the original's own markup and
 * is kept as it is; the rest is the original's text.  Any other RTF is
 * read as text.  Everywhere: \par and \line end a line, \tab and \cell
 * are tabs, \uN is the character N followed by \ucN fallback characters
 * to skip, and destinations that hold no text (font and colour tables,
 * pictures, \* groups nobody here knows) are skipped.  The output is
 * bounded by max.
 *
 * Bytes (\'hh, or raw) are in the code page of the font in force (its
 * \cpg, else its \fcharset), else the document's \ansicpg, else, with no
 * \ansicpg, the default font's (\deffN).  The font in force follows the
 * RTF specification's associated character properties, as Word writes
 * Chinese and Japanese: \loch, \hich and \dbch say which kind of text
 * follows (ASCII, single bytes beyond it, double-byte), \afN after one
 * sets that kind's font and \fN the font of the kind last named (of all
 * three when none was); between \rtlch and \ltrch, \afN is the font of
 * right-to-left text, which no byte here is in.  \dbch text without a
 * font of its own is in Word's default double-byte font (\stshfdbchN).
 * \loch text is ASCII, so a byte from 0x80 in it is taken as the \dbch
 * font's when that one is double-byte.  In a double-byte code page a lead
 * byte and the byte after it are one character whether written
 * "\'c4\'fa" or "\'b5L" (the second raw, as the specification's Far East
 * section allows); a lead byte with nothing after it is U+FFFD.  A symbol
 * font's (\fcharset2) bytes are read as 1252's, one character each.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/codepage.h"
#include "explain/mime.h"
#include "explain/rtftext.h"

#define RTFTEXT_WORD_MAX	32	/* letters of a control word (RTF: 32) */
#define RTFTEXT_UC_MAX		16	/* fallback characters skipped after \uN */

/* The kinds of text \loch, \hich and \dbch name; indexes of font[]. */
enum rtftext_run {
	RTFTEXT_LOCH,		/* ASCII */
	RTFTEXT_HICH,		/* single bytes from 0x80 */
	RTFTEXT_DBCH,		/* double-byte characters */
	RTFTEXT_ANY,		/* none named: \fN is every kind's font */
};

/* The state a group inherits from its parent and may change. */
struct rtfgroup {
	unsigned	 skip:1;	/* a destination left out, with all inside */
	unsigned	 htmlrtf:1;	/* RTF-only content of an encapsulation */
	unsigned	 htmltag:1;	/* the original's markup: always kept */
	unsigned	 fonttbl:1;	/* the font table: read, never shown */
	unsigned	 run:2;		/* enum rtftext_run */
	unsigned	 rtlch:1;	/* \rtlch: \afN is a right-to-left font */
	unsigned	 uc;		/* \ucN */
	long		 font[3];	/* each kind's font; -1: the default */
};

struct rtftext {
	const char		*p, *end;
	struct rtfgroup		 st[RTF_DEPTH_MAX];
	int			 depth;		/* st[depth] is the current group */
	enum rtftext_kind	 kind;
	uint32_t		 ansicp;	/* \ansicpg; 0: none */
	long			 deff;		/* \deffN; -1: none */
	long			 dbdeff;	/* \stshfdbchN; -1: none */
	struct {
		long		 num;
		uint32_t	 cp;		/* of its \fcharset; 0: none */
		uint32_t	 cpg;		/* its \cpg; 0: none */
	}			 fonts[RTF_FONTS_MAX];
	size_t			 nfonts;
	int			 defining;	/* fonts[nfonts - 1] is being read */
	int			 star;		/* \* came: an optional destination */
	unsigned		 uskip;		/* fallback characters still to skip */
	int			 ulead;		/* the last one skipped was a lead byte */
	unsigned long		 high;		/* a \u high surrogate waiting */
	GString			*bytes;		/* \'hh bytes not yet converted */
	uint32_t		 bytescp;	/* their code page */
	int			 lead;		/* their last is a lead byte */
	uint32_t		 cp;		/* rtftext_cp() while cpok */
	int			 cpok;		/* no font or group changed since */
	GString			*out;
	size_t			 max;
	int			 done;		/* the document's group closed, or max reached */
};

/* Destinations that hold no text of the message. */
static const char *const rtftext_skipped[] = {
	"colortbl", "stylesheet", "info", "pict", "object", "header",
	"headerl", "headerr", "headerf", "footer", "footerl", "footerr",
	"footerf", "footnote", "fldinst", "themedata", "colorschememapping",
	"latentstyles", "datastore", "xmlnstbl", "listtable",
	"listoverridetable", "rsidtbl", "generator", "filetbl", "revtbl",
	"pgdsctbl", "nonshppict", "shpinst", "pntxta", "pntxtb", "template",
	"docvar", "xe", "tc", "bkmkstart", "bkmkend", "mhtmltag", "fldtype",
};

static struct rtfgroup *
rtftext_group(struct rtftext *t)
{
	return &t->st[t->depth];
}

/* Whether what comes now is part of the text. */
static int
rtftext_visible(struct rtftext *t)
{
	const struct rtfgroup *g = rtftext_group(t);

	if (g->skip || g->fonttbl)
		return 0;
	return t->kind == RTFTEXT_PLAIN || g->htmltag || !g->htmlrtf;
}

/* Append s (k bytes, whole or not at all: max is never passed). */
static void
rtftext_put(struct rtftext *t, const char *s, size_t k)
{
	if (t->done)
		return;
	if (k > t->max - t->out->len) {
		t->done = 1;
		return;
	}
	g_string_append_len(t->out, s, (gssize)k);
}

/* The \'hh bytes gathered so far, converted from their code page. */
static void
rtftext_flush(struct rtftext *t)
{
	char buf[24], *s;
	const char *cs;
	size_t len;

	if (t->bytes->len == 0)
		return;
	if (t->lead)
		g_string_truncate(t->bytes, t->bytes->len - 1);
	/*
	 * No code page known (no \ansicpg, no font charset): RTF's own default
	 * would be 1252, but writers that leave \ansicpg out write the bytes
	 * of the system's code page (936 on a Chinese Windows), so they are
	 * guessed from themselves as any text of unknown charset is.
	 */
	cs = t->bytescp != 0 ? codepage_charset(t->bytescp, buf, sizeof(buf)) :
	    NULL;
	s = mime_to_utf8(t->bytes->str, t->bytes->len, cs, &len);
	if (!t->done && len > t->max - t->out->len) {
		/* a run longer than the room left: cut on a whole character */
		len = t->max - t->out->len;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		rtftext_put(t, s, len);
		t->done = 1;
	} else
		rtftext_put(t, s, len);
	free(s);
	if (t->lead)
		rtftext_put(t, "\xEF\xBF\xBD", 3);
	t->lead = 0;
	g_string_truncate(t->bytes, 0);
}

/* A character or a few from a control word: the waiting bytes first. */
static void
rtftext_emit(struct rtftext *t, const char *s)
{
	rtftext_flush(t);
	if (t->high != 0) {
		t->high = 0;
		rtftext_put(t, "\xEF\xBF\xBD", 3);
	}
	if (rtftext_visible(t))
		rtftext_put(t, s, strlen(s));
}

/* The code page of font num: its \cpg, else its \fcharset's; 0: none. */
static uint32_t
rtftext_font_cp(const struct rtftext *t, long num)
{
	size_t i;

	if (num < 0)
		return 0;
	for (i = 0; i < t->nfonts; i++)
		if (t->fonts[i].num == num)
			return t->fonts[i].cpg != 0 ? t->fonts[i].cpg :
			    t->fonts[i].cp;
	return 0;
}

/*
 * The code page of a byte of text now (the module's comment says why),
 * kept until a control word or a group changes it: a run of bytes costs
 * one look-up in the font table, not one a byte.
 */
static uint32_t
rtftext_cp(struct rtftext *t)
{
	const struct rtfgroup *g = &t->st[t->depth];
	long db = g->font[RTFTEXT_DBCH] >= 0 ? g->font[RTFTEXT_DBCH] : t->dbdeff;
	uint32_t cp;

	if (t->cpok)
		return t->cp;
	switch (g->run) {
	case RTFTEXT_DBCH:
		cp = rtftext_font_cp(t, db);
		break;
	case RTFTEXT_HICH:
		cp = rtftext_font_cp(t, g->font[RTFTEXT_HICH]);
		break;
	case RTFTEXT_LOCH:
		cp = rtftext_font_cp(t, db);
		if (!codepage_double(cp))
			cp = rtftext_font_cp(t, g->font[RTFTEXT_LOCH]);
		break;
	default:
		cp = rtftext_font_cp(t, g->font[RTFTEXT_LOCH]);
		break;
	}
	if (cp == 0)
		cp = t->ansicp != 0 ? t->ansicp : rtftext_font_cp(t, t->deff);
	t->cp = cp;
	t->cpok = 1;
	return cp;
}

/*
 * Whether c is part of the fallback of a \uN: the \ucN bytes after it, and
 * the second byte of a double-byte character whose lead byte was the last
 * of them (a writer counting characters, not bytes, puts \uc1 before a
 * pair; skipping only its lead would read its trail as a lead).
 */
static int
rtftext_fallback(struct rtftext *t, uint32_t cp, unsigned char c)
{
	if (t->uskip == 0 && !t->ulead)
		return 0;
	if (t->uskip == 0) {
		t->ulead = 0;
		return codepage_trail(cp, c);
	}
	t->uskip--;
	t->ulead = !t->ulead && codepage_lead(cp, c);
	return 1;
}

/* One byte of text (raw or \'hh) in the code page of the font in force. */
static void
rtftext_byte(struct rtftext *t, unsigned char c)
{
	char s[2] = { (char)c, '\0' };
	uint32_t cp;
	int trail;

	if (c < 0x80 && !t->lead && t->uskip == 0 && !t->ulead) {
		rtftext_emit(t, s);	/* ASCII text: no code page needed */
		return;
	}
	cp = rtftext_cp(t);
	if (rtftext_fallback(t, cp, c))
		return;
	trail = t->lead && t->bytescp == cp && codepage_trail(cp, c);
	if (c < 0x80 && !trail) {
		rtftext_emit(t, s);
		return;
	}
	if (!rtftext_visible(t))
		return;
	if (t->bytes->len > 0 && t->bytescp != cp)
		rtftext_flush(t);
	if (t->bytes->len >= t->max)
		return;
	t->bytescp = cp;
	t->lead = !trail && codepage_lead(cp, c);
	g_string_append_c(t->bytes, (char)c);
}

/* \uN: the character N (UTF-16, a pair for one outside the BMP). */
static void
rtftext_unicode(struct rtftext *t, long n)
{
	unsigned long c = (unsigned long)(n < 0 ? n + 65536 : n) & 0xFFFF;
	char s[8];
	int k = 0;

	t->uskip = rtftext_group(t)->uc;
	t->ulead = 0;
	if (c == 0)
		return;
	if (c >= 0xD800 && c <= 0xDBFF) {
		rtftext_emit(t, "");
		t->high = c;
		return;
	}
	if (c >= 0xDC00 && c <= 0xDFFF) {
		if (t->high == 0)
			c = 0xFFFD;
		else
			c = 0x10000 + ((t->high - 0xD800) << 10) + (c - 0xDC00);
		t->high = 0;
	}
	if (c < 0x80)
		s[k++] = (char)c;
	else if (c < 0x800) {
		s[k++] = (char)(0xC0 | c >> 6);
		s[k++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		s[k++] = (char)(0xE0 | c >> 12);
		s[k++] = (char)(0x80 | (c >> 6 & 0x3F));
		s[k++] = (char)(0x80 | (c & 0x3F));
	} else {
		s[k++] = (char)(0xF0 | c >> 18);
		s[k++] = (char)(0x80 | (c >> 12 & 0x3F));
		s[k++] = (char)(0x80 | (c >> 6 & 0x3F));
		s[k++] = (char)(0x80 | (c & 0x3F));
	}
	s[k] = '\0';
	rtftext_emit(t, s);
}

/* A font's word: \fN, \afN or (in the font table) \fcharsetN, \cpgN. */
static int
rtftext_font(struct rtftext *t, const char *w, int has, long n)
{
	struct rtfgroup *g = rtftext_group(t);
	int i;

	if (!has)
		return strcmp(w, "f") == 0 || strcmp(w, "af") == 0;
	if (g->fonttbl) {
		if (strcmp(w, "f") == 0) {
			t->defining = t->nfonts < RTF_FONTS_MAX;
			if (t->defining) {
				t->fonts[t->nfonts].num = n;
				t->fonts[t->nfonts].cp = 0;
				t->fonts[t->nfonts++].cpg = 0;
			}
		} else if (strcmp(w, "fcharset") == 0 && t->defining)
			/* a symbol font's (2) bytes are glyphs, in no code
			 * page: read as 1252 they stay single bytes (not a
			 * GBK lead) and Symbol's bullet, 0xB7, is a dot */
			t->fonts[t->nfonts - 1].cp = n == 2 ? 1252 :
			    codepage_of_fcharset(n);
		else if (strcmp(w, "cpg") == 0 && t->defining && n > 0)
			t->fonts[t->nfonts - 1].cpg = (uint32_t)n;
		else
			return strcmp(w, "af") == 0;
		return 1;
	}
	if (strcmp(w, "f") == 0) {
		for (i = 0; i < 3; i++)
			if (g->run == RTFTEXT_ANY || g->run == (unsigned)i)
				g->font[i] = n;
	} else if (strcmp(w, "af") == 0) {
		if (g->run != RTFTEXT_ANY && !g->rtlch)
			g->font[g->run] = n;
	} else
		return 0;
	return 1;
}

/* A control word that changes the group's state (nonzero), or 0. */
static int
rtftext_state(struct rtftext *t, const char *w, int has, long n)
{
	struct rtfgroup *g = rtftext_group(t);

	if (rtftext_font(t, w, has, n))
		return 1;
	if (strcmp(w, "htmlrtf") == 0)
		g->htmlrtf = !has || n != 0;
	else if (strcmp(w, "ansicpg") == 0 && has && n > 0)
		t->ansicp = (uint32_t)n;
	else if (strcmp(w, "deff") == 0 && has)
		t->deff = n;
	else if (strcmp(w, "stshfdbch") == 0 && has)
		t->dbdeff = n;
	else if (strcmp(w, "fonttbl") == 0)
		g->fonttbl = 1;
	else if (strcmp(w, "loch") == 0)
		g->run = RTFTEXT_LOCH;
	else if (strcmp(w, "hich") == 0)
		g->run = RTFTEXT_HICH;
	else if (strcmp(w, "dbch") == 0)
		g->run = RTFTEXT_DBCH;
	else if (strcmp(w, "rtlch") == 0)
		g->rtlch = 1;
	else if (strcmp(w, "ltrch") == 0)
		g->rtlch = 0;
	else if (strcmp(w, "plain") == 0) {
		g->run = RTFTEXT_ANY;
		g->rtlch = 0;
		g->font[0] = g->font[1] = g->font[2] = -1;
	} else if (strcmp(w, "uc") == 0 && has)
		g->uc = n < 0 ? 0 : n > RTFTEXT_UC_MAX ? RTFTEXT_UC_MAX :
		    (unsigned)n;
	else
		return 0;
	return 1;
}

/* A control word with its parameter (has: there was one). */
static void
rtftext_word(struct rtftext *t, const char *w, int has, long n)
{
	static const struct {
		const char	*word;
		const char	*text;
	} chars[] = {
		{ "par", "\n" }, { "line", "\n" }, { "sect", "\n" },
		{ "page", "\n" }, { "row", "\n" }, { "tab", "\t" },
		{ "cell", "\t" }, { "lquote", "'" }, { "rquote", "'" },
		{ "ldblquote", "\"" }, { "rdblquote", "\"" },
		{ "emdash", "\xE2\x80\x94" }, { "endash", "\xE2\x80\x93" },
		{ "bullet", "\xE2\x80\xA2" }, { "emspace", " " },
		{ "enspace", " " },
	};
	struct rtfgroup *g = rtftext_group(t);
	int star = t->star;
	size_t i;

	t->star = 0;
	t->ulead = 0;
	if (strcmp(w, "bin") == 0) {
		/* binary data: n bytes that are no RTF */
		rtftext_flush(t);
		if (has && n > 0)
			t->p += (size_t)n < (size_t)(t->end - t->p) ?
			    (size_t)n :
			    (size_t)(t->end - t->p);
		return;
	}
	if (t->uskip > 0) {
		t->uskip--;
		return;
	}
	if (strcmp(w, "u") == 0 && has) {
		rtftext_unicode(t, n);
		return;
	}
	rtftext_flush(t);
	if (strcmp(w, "htmltag") == 0 && t->kind != RTFTEXT_PLAIN) {
		g->htmltag = 1;
		g->htmlrtf = 0;
		return;
	}
	if (t->depth == 0 && t->out->len == 0 && has && n == 1 &&
	    strcmp(w, "fromhtml") == 0) {
		t->kind = RTFTEXT_HTML;
		return;
	}
	if (t->depth == 0 && t->out->len == 0 && strcmp(w, "fromtext") == 0) {
		t->kind = RTFTEXT_TEXT;
		return;
	}
	if (rtftext_state(t, w, has, n)) {
		t->cpok = 0;
		return;
	}
	for (i = 0; i < sizeof(rtftext_skipped) / sizeof(rtftext_skipped[0]);
	    i++)
		if (strcmp(w, rtftext_skipped[i]) == 0) {
			g->skip = 1;
			return;
		}
	if (star) {
		g->skip = 1;	/* an optional destination we do not know */
		return;
	}
	for (i = 0; i < sizeof(chars) / sizeof(chars[0]); i++)
		if (strcmp(w, chars[i].word) == 0) {
			rtftext_emit(t, chars[i].text);
			return;
		}
}

/* After a backslash: a control word, or a control symbol. */
static void
rtftext_control(struct rtftext *t)
{
	char w[RTFTEXT_WORD_MAX + 1];
	size_t k = 0, digits = 0;
	long n = 0;
	int neg = 0, has = 0, hi, lo;
	unsigned char c;

	if (t->p >= t->end)
		return;
	c = (unsigned char)*t->p;
	if (isalpha(c)) {
		while (t->p < t->end && isalpha((unsigned char)*t->p)) {
			if (k < RTFTEXT_WORD_MAX)
				w[k++] = *t->p;
			t->p++;
		}
		w[k] = '\0';
		if (t->p < t->end && *t->p == '-') {
			neg = 1;
			t->p++;
		}
		while (t->p < t->end && isdigit((unsigned char)*t->p)) {
			if (digits++ < 10)
				n = n * 10 + (*t->p - '0');
			t->p++;
			has = 1;
		}
		if (t->p < t->end && *t->p == ' ')
			t->p++;
		rtftext_word(t, w, has, neg ? -n : n);
		return;
	}
	t->p++;
	switch (c) {
	case '\'':
		if (t->end - t->p >= 2 && isxdigit((unsigned char)t->p[0]) &&
		    isxdigit((unsigned char)t->p[1])) {
			hi = g_ascii_xdigit_value(t->p[0]);
			lo = g_ascii_xdigit_value(t->p[1]);
			t->p += 2;
			rtftext_byte(t, (unsigned char)(hi << 4 | lo));
		}
		break;
	case '*':
		t->star = 1;
		break;
	case '\\': case '{': case '}':
		rtftext_byte(t, c);
		break;
	case '\r': case '\n':
		rtftext_word(t, "par", 0, 0);
		break;
	case '~':
		rtftext_word(t, "enspace", 0, 0);
		break;
	case '_':
		rtftext_byte(t, '-');
		break;
	default:
		t->ulead = 0;
		if (t->uskip > 0)
			t->uskip--;
		break;
	}
}

/* A group deeper than RTF_DEPTH_MAX, skipped to its end whole. */
static void
rtftext_skip_group(struct rtftext *t)
{
	size_t open = 1;

	while (t->p < t->end && open > 0) {
		if (*t->p == '\\' && t->end - t->p >= 2)
			t->p++;
		else if (*t->p == '{')
			open++;
		else if (*t->p == '}')
			open--;
		t->p++;
	}
}

static void
rtftext_run(struct rtftext *t)
{
	unsigned char c;

	while (t->p < t->end && !t->done) {
		c = (unsigned char)*t->p++;
		switch (c) {
		case '{':
			rtftext_flush(t);
			t->uskip = 0;
			t->ulead = 0;
			t->star = 0;
			t->cpok = 0;
			if (t->depth + 1 >= RTF_DEPTH_MAX)
				rtftext_skip_group(t);
			else {
				t->st[t->depth + 1] = t->st[t->depth];
				t->depth++;
			}
			break;
		case '}':
			rtftext_flush(t);
			t->uskip = 0;
			t->ulead = 0;
			t->cpok = 0;
			if (t->depth == 0)
				t->done = 1;	/* the document's own group */
			else
				t->depth--;
			break;
		case '\\':
			rtftext_control(t);
			break;
		case '\r': case '\n': case '\0':
			break;
		default:
			rtftext_byte(t, c);
			break;
		}
	}
	rtftext_flush(t);
}

char *
rtftext_convert(const char *rtf, size_t n, size_t max,
    enum rtftext_kind *kind, size_t *outlen)
{
	struct rtftext *t;
	char *s;

	while (n > 0 && (*rtf == ' ' || *rtf == '\r' || *rtf == '\n' ||
	    *rtf == '\t')) {
		rtf++;
		n--;
	}
	if (n < 5 || memcmp(rtf, "{\\rtf", 5) != 0)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->p = rtf + 1;
	t->end = rtf + n;
	t->st[0].uc = 1;
	t->st[0].run = RTFTEXT_ANY;
	t->st[0].font[0] = t->st[0].font[1] = t->st[0].font[2] = -1;
	t->deff = t->dbdeff = -1;
	t->kind = RTFTEXT_PLAIN;
	t->bytes = g_string_new(NULL);
	t->out = g_string_new(NULL);
	t->max = max;
	rtftext_run(t);
	*kind = t->kind;
	*outlen = t->out->len;
	s = xstrndup(t->out->str, t->out->len);
	g_string_free(t->out, TRUE);
	g_string_free(t->bytes, TRUE);
	free(t);
	return s;
}
