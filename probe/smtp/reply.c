/*
 * reply.c - SMTP reply parser (RFC 5321 4.2) and EHLO capability parser.
 *
 * Public: reply_parser_init, reply_parser_reset, reply_parser_feed,
 * reply_free, reply_copy, reply_split_enhanced, ehlo_parse_caps.
 *
 * The parser takes one line at a time and holds at most REPLY_BYTES_MAX
 * bytes of text, whatever the server sends.  The byte bound counts the
 * lines as received, without their line endings.  What breaks the
 * protocol or a bound is a REPLY_ERROR with a static English reason; what
 * is merely odd (bare LF, control bytes, invalid UTF-8, a bad enhanced
 * code, a code alone on its line) is recorded in the anomaly bits and the
 * parse goes on, so a verdict can still be reached.  A code followed by
 * anything but SP or '-' ("220OK") and a bare CR inside a line are errors
 * (RFC 5321 4.2; Postfix and OpenSMTPD refuse both): a client that read
 * past them could be made to see a reply the server never meant.
 * A complete reply that is not UTF-8 but plainly Chinese in GB18030 (a
 * Chinese server's "550 用户不存在" in GBK) is decoded here, once, so
 * the classifier's Chinese cues and every output see its words
 * (REPLY_A_GB18030); any other bytes stay raw (REPLY_A_BAD_UTF8).
 */
#include <stdlib.h>
#include <string.h>

#include "smtp/reply.h"
#include "base/gb18030.h"
#include "base/utf8.h"
#include "base/util.h"

#define REPLY_TEXT_INITIAL	256

/* What the start of a line's text holds, as far as RFC 3463 goes. */
enum reply_enh {
	REPLY_ENH_NONE,		/* nothing that looks like an enhanced code */
	REPLY_ENH_OK,		/* well-formed and of the reply's class */
	REPLY_ENH_BAD,		/* looks like one, but malformed or wrong class */
};

void
reply_parser_init(struct reply_parser *p)
{
	memset(p, 0, sizeof(*p));
}

void
reply_parser_reset(struct reply_parser *p)
{
	free(p->text);
	reply_parser_init(p);
}

static bool
reply_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/* A run of 1-3 digits at text[*i]; advances *i past it. */
static bool
reply_enh_number(const char *text, size_t len, size_t *i)
{
	size_t start = *i;

	while (*i < len && reply_isdigit(text[*i]) && *i - start < 4)
		(*i)++;
	return *i > start && *i - start <= 3;
}

/*
 * Classify the start of text.  Anything beginning "<digit>." is taken as
 * an attempt at an enhanced code, so "5.1234.1" or "4.1.1" on a 550 are
 * reported as bad rather than silently treated as prose.
 */
static enum reply_enh
reply_enh_scan(int code, const char *text, size_t len, size_t *codelen)
{
	size_t i = 0;

	if (len < 2 || !reply_isdigit(text[0]) || text[1] != '.')
		return REPLY_ENH_NONE;
	if (text[0] != '2' && text[0] != '4' && text[0] != '5')
		return REPLY_ENH_BAD;
	i = 2;
	if (!reply_enh_number(text, len, &i) || i >= len || text[i] != '.')
		return REPLY_ENH_BAD;
	i++;
	if (!reply_enh_number(text, len, &i))
		return REPLY_ENH_BAD;
	if (i < len && text[i] != ' ')
		return REPLY_ENH_BAD;
	if (text[0] - '0' != code / 100)
		return REPLY_ENH_BAD;
	*codelen = i;
	return REPLY_ENH_OK;
}

size_t
reply_split_enhanced(int code, const char *text, size_t len,
    char out[ENHANCED_MAX])
{
	size_t n = 0, used;

	out[0] = '\0';
	if (reply_enh_scan(code, text, len, &n) != REPLY_ENH_OK)
		return 0;
	memcpy(out, text, n);
	out[n] = '\0';
	for (used = n; used < len && text[used] == ' '; used++)
		;
	return used;
}

/* Parse "[2-5][0-5][0-9]" at the start of line; -1 when it is not there. */
static int
reply_code(const char *line, size_t len)
{
	if (len < 3)
		return -1;
	if (line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '5' ||
	    !reply_isdigit(line[2]))
		return -1;
	return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
}

static unsigned
reply_text_anomalies(const char *s, size_t len)
{
	unsigned a = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7F)
			a |= REPLY_A_NONPRINT;
	}
	if (!utf8_valid(s, len))
		a |= REPLY_A_BAD_UTF8;
	return a;
}

/* The buffer only ever grows to the power-of-two multiple of the initial
 * size that holds n bytes, so its capacity follows from the length. */
static size_t
reply_text_cap(size_t n)
{
	size_t cap;

	for (cap = REPLY_TEXT_INITIAL; cap < n; cap *= 2)
		;
	return cap;
}

/* Append one line's text; the byte bound already guarantees it fits. */
static void
reply_text_append(struct reply_parser *p, const char *s, size_t len, bool sep)
{
	size_t need = p->textlen + (sep ? 1 : 0) + len + 1;

	if (p->text == NULL)
		p->text = xmalloc(reply_text_cap(need));
	else if (need > reply_text_cap(p->textlen + 1))
		p->text = xrealloc(p->text, reply_text_cap(need));
	if (sep)
		p->text[p->textlen++] = '\n';
	if (len > 0)
		memcpy(p->text + p->textlen, s, len);
	p->textlen += len;
	p->text[p->textlen] = '\0';
}

/*
 * The text read as GB18030 when it is plainly Chinese in it (gb18030.h)
 * and its UTF-8 still holds within REPLY_BYTES_MAX.
 */
static void
reply_gb18030(struct reply_parser *p)
{
	size_t n;
	char *u;

	if ((u = gb18030_to_utf8(p->text, p->textlen, &n)) == NULL)
		return;
	if (n > REPLY_BYTES_MAX) {
		free(u);
		return;
	}
	free(p->text);
	p->text = u;
	p->textlen = n;
	p->anomalies = (p->anomalies & ~REPLY_A_BAD_UTF8) | REPLY_A_GB18030;
}

static enum reply_status
reply_fail(struct reply_parser *p, const char **err, const char *why)
{
	reply_parser_reset(p);
	*err = why;
	return REPLY_ERROR;
}

/*
 * The reply's enhanced code comes from the first line that carries a good
 * one; later lines repeating it have it stripped, so Gmail's
 * "550-5.1.1 The email account ..." lines read as one sentence.
 */
enum reply_status
reply_parser_feed(struct reply_parser *p, const char *line, size_t len,
    bool bare_lf, struct reply *out, const char **err)
{
	const char *text;
	size_t textlen, enhlen = 0, skip;
	bool last;
	int code;

	*err = NULL;
	if (len > REPLY_LINE_MAX)
		return reply_fail(p, err, "reply line longer than 4096 bytes");
	if (p->nlines >= REPLY_LINES_MAX)
		return reply_fail(p, err, "reply has more than 256 lines");
	if (len > REPLY_BYTES_MAX - p->bytes)
		return reply_fail(p, err, "reply longer than 65536 bytes");
	if ((code = reply_code(line, len)) < 0)
		return reply_fail(p, err,
		    "reply line does not start with a code 200-559");
	if (p->nlines > 0 && code != p->code)
		return reply_fail(p, err,
		    "reply code changed between lines of one reply");
	if (len > 3 && line[3] != ' ' && line[3] != '-')
		return reply_fail(p, err,
		    "reply code followed by neither a space nor '-'");
	if (memchr(line, '\r', len) != NULL)
		return reply_fail(p, err, "a bare CR inside a reply line");

	p->code = code;
	p->nlines++;
	p->bytes += len;
	if (bare_lf)
		p->anomalies |= REPLY_A_BARE_LF;

	if (len == 3) {
		last = true;
		text = line + 3;
		p->anomalies |= REPLY_A_NO_SEPARATOR;
	} else {
		last = line[3] == ' ';
		text = line + 4;
	}
	textlen = len - (size_t)(text - line);
	p->anomalies |= reply_text_anomalies(text, textlen);

	switch (reply_enh_scan(code, text, textlen, &enhlen)) {
	case REPLY_ENH_OK:
		if (p->enhanced[0] == '\0' ||
		    (strlen(p->enhanced) == enhlen &&
		    memcmp(p->enhanced, text, enhlen) == 0)) {
			skip = reply_split_enhanced(code, text, textlen,
			    p->enhanced);
			text += skip;
			textlen -= skip;
		}
		break;
	case REPLY_ENH_BAD:
		p->anomalies |= REPLY_A_BAD_ENHANCED;
		break;
	case REPLY_ENH_NONE:
		break;
	}

	/* A last line holding only the code adds no empty text line. */
	if (!(last && len == 3 && p->nlines > 1))
		reply_text_append(p, text, textlen, p->nlines > 1);
	if (!last)
		return REPLY_MORE;

	out->code = p->code;
	memcpy(out->enhanced, p->enhanced, sizeof(out->enhanced));
	if (p->text == NULL)
		reply_text_append(p, "", 0, false);
	if (p->anomalies & REPLY_A_BAD_UTF8)
		reply_gb18030(p);
	out->text = p->text;
	out->textlen = p->textlen;
	out->nlines = p->nlines;
	out->anomalies = p->anomalies;
	reply_parser_init(p);
	return REPLY_DONE;
}

void
reply_free(struct reply *r)
{
	free(r->text);
	memset(r, 0, sizeof(*r));
}

void
reply_copy(struct reply *dst, const struct reply *src)
{
	*dst = *src;
	dst->text = xmalloc(src->textlen + 1);
	if (src->textlen > 0)
		memcpy(dst->text, src->text, src->textlen);
	dst->text[src->textlen] = '\0';
}

static bool
reply_keyword_is(const char *s, size_t len, const char *kw)
{
	size_t i, n = strlen(kw);

	if (len != n)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != kw[i])
			return false;
	}
	return true;
}

/* SIZE's argument; 0 when absent, malformed or too large to hold. */
static unsigned long long
reply_size_arg(const char *s, size_t len)
{
	unsigned long long v = 0;
	size_t i;

	for (i = 0; i < len && s[i] == ' '; i++)
		;
	if (i == len)
		return 0;
	for (; i < len && reply_isdigit(s[i]); i++) {
		if (v > (~0ULL - 9) / 10)
			return 0;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	return v;
}

/* One EHLO keyword line: "KEYWORD [params]". */
static void
reply_caps_line(const char *s, size_t len, struct ehlo_caps *caps)
{
	size_t kwlen;

	for (kwlen = 0; kwlen < len && s[kwlen] != ' '; kwlen++)
		;
	if (reply_keyword_is(s, kwlen, "STARTTLS"))
		caps->starttls = true;
	else if (reply_keyword_is(s, kwlen, "PIPELINING"))
		caps->pipelining = true;
	else if (reply_keyword_is(s, kwlen, "SMTPUTF8"))
		caps->smtputf8 = true;
	else if (reply_keyword_is(s, kwlen, "8BITMIME"))
		caps->eightbitmime = true;
	else if (reply_keyword_is(s, kwlen, "ENHANCEDSTATUSCODES"))
		caps->enhancedstatuscodes = true;
	else if (reply_keyword_is(s, kwlen, "SIZE"))
		caps->size = reply_size_arg(s + kwlen, len - kwlen);
}

void
ehlo_parse_caps(const struct reply *r, struct ehlo_caps *caps)
{
	const char *s, *end, *nl;

	memset(caps, 0, sizeof(*caps));
	if (r->text == NULL || r->code / 100 != 2)
		return;
	s = r->text;
	end = r->text + r->textlen;
	/* The first line is the greeting, not a keyword. */
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		return;
	for (s = nl + 1; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		reply_caps_line(s, (size_t)(nl - s), caps);
	}
}
