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
 * are tabs, \'hh bytes are in the code page of the current font's
 * \fcharset or else the document's \ansicpg (936 for a Chinese Outlook),
 * \uN is the character N followed by \ucN fallback characters to skip,
 * and destinations that hold no text (font and colour tables, pictures,
 * \* groups nobody here knows) are skipped.  The output is bounded by max.
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

/* The state a group inherits from its parent and may change. */
struct rtfgroup {
	unsigned	 skip:1;	/* a destination left out, with all inside */
	unsigned	 htmlrtf:1;	/* RTF-only content of an encapsulation */
	unsigned	 htmltag:1;	/* the original's markup: always kept */
	unsigned	 fonttbl:1;	/* the font table: read, never shown */
	unsigned	 uc;		/* \ucN */
	uint32_t	 cp;		/* code page of \'hh bytes; 0: unknown */
};

struct rtftext {
	const char		*p, *end;
	struct rtfgroup		 st[RTF_DEPTH_MAX];
	int			 depth;		/* st[depth] is the current group */
	enum rtftext_kind	 kind;
	uint32_t		 ansicp;	/* \ansicpg */
	struct {
		long		 num;
		uint32_t	 cp;
	}			 fonts[RTF_FONTS_MAX];
	size_t			 nfonts;
	long			 deffont;	/* the font the table defines now */
	int			 star;		/* \* came: an optional destination */
	unsigned		 uskip;		/* fallback characters still to skip */
	unsigned long		 high;		/* a \u high surrogate waiting */
	GString			*bytes;		/* \'hh bytes not yet converted */
	uint32_t		 bytescp;	/* their code page */
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
	cs = t->bytescp != 0 ? codepage_charset(t->bytescp, buf, sizeof(buf)) :
	    NULL;
	s = mime_to_utf8(t->bytes->str, t->bytes->len, cs, &len);
	rtftext_put(t, s, len);
	free(s);
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

/* One byte of text in the current code page (literal or \'hh). */
static void
rtftext_byte(struct rtftext *t, unsigned char c)
{
	char s[2] = { (char)c, '\0' };

	if (t->uskip > 0) {
		t->uskip--;
		return;
	}
	if (c < 0x80) {
		rtftext_emit(t, s);
		return;
	}
	if (!rtftext_visible(t))
		return;
	if (t->bytes->len > 0 && t->bytescp != rtftext_group(t)->cp)
		rtftext_flush(t);
	t->bytescp = rtftext_group(t)->cp;
	if (t->bytes->len < t->max)
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

/* The code page \fN selects: its \fcharset's, else the document's. */
static uint32_t
rtftext_font_cp(const struct rtftext *t, long num)
{
	size_t i;

	for (i = 0; i < t->nfonts; i++)
		if (t->fonts[i].num == num && t->fonts[i].cp != 0)
			return t->fonts[i].cp;
	return t->ansicp;
}

/* A control word that changes the group's state (nonzero), or 0. */
static int
rtftext_state(struct rtftext *t, const char *w, int has, long n)
{
	struct rtfgroup *g = rtftext_group(t);

	if (strcmp(w, "htmlrtf") == 0)
		g->htmlrtf = !has || n != 0;
	else if (strcmp(w, "ansicpg") == 0 && has && n > 0) {
		t->ansicp = (uint32_t)n;
		g->cp = t->ansicp;
	} else if (strcmp(w, "fonttbl") == 0)
		g->fonttbl = 1;
	else if (strcmp(w, "f") == 0 && has) {
		if (g->fonttbl)
			t->deffont = n;
		else
			g->cp = rtftext_font_cp(t, n);
	} else if (strcmp(w, "fcharset") == 0 && has) {
		if (g->fonttbl && t->nfonts < RTF_FONTS_MAX) {
			t->fonts[t->nfonts].num = t->deffont;
			t->fonts[t->nfonts++].cp = codepage_of_fcharset(n);
		}
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
	if (strcmp(w, "bin") == 0) {
		/* binary data: n bytes that are no RTF */
		rtftext_flush(t);
		if (has && n > 0)
			t->p += (size_t)n < (size_t)(t->end - t->p) ? (size_t)n :
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
	if (rtftext_state(t, w, has, n))
		return;
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
			t->star = 0;
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
