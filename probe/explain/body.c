/*
 * body.c - a message's readable text, bounded.  See body.h.
 *
 * Public: body_init(), body_free(), body_text(), body_lowered(),
 * body_html_to_text().
 *
 * A text part quoted whole with '>' (forwarded, or replied to) is read
 * without its quote marks (quoted.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/body.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/quoted.h"

struct collect {
	char	*buf;
	size_t	 len, cap;
	int	 want_html;
	int	 found;
	int	 cut;		/* text past EXPLAIN_TEXT_MAX left unread */
};

/*
 * Append s and a line break; the buffer grows by doubling up to the bound.
 * A part quoted whole (a bounce forwarded to IT) goes in unquoted, and
 * with LF line ends whatever the file had: the readers' cues that span a
 * line break ("SMTP command\nDATA") then match a CRLF file as well.
 */
static void
append(struct collect *c, const char *s, size_t n)
{
	size_t un;
	char *u = quoted_strip(s, n, &un);
	const char *p, *end, *cr;

	if (u != NULL) {
		s = u;
		n = un;
	}
	/* room for the text, its line break and body_text's NUL */
	if (c->len + n + 2 > EXPLAIN_TEXT_MAX) {
		n = EXPLAIN_TEXT_MAX - c->len - 2;
		c->cut = 1;
	}
	while (c->len + n + 2 > c->cap) {
		c->cap = c->cap * 2 < EXPLAIN_TEXT_MAX ? c->cap * 2 :
		    EXPLAIN_TEXT_MAX;
		c->buf = xrealloc(c->buf, c->cap);
	}
	/* a CR before a LF goes, and at the end (the line break appended) */
	for (p = s, end = s + n; (cr = memchr(p, '\r', (size_t)(end - p))) !=
	    NULL; p = cr + 1) {
		memcpy(c->buf + c->len, p, (size_t)(cr - p));
		c->len += (size_t)(cr - p);
		if (cr + 1 < end && cr[1] != '\n')
			c->buf[c->len++] = '\r';
	}
	memcpy(c->buf + c->len, p, (size_t)(end - p));
	c->len += (size_t)(end - p);
	c->buf[c->len++] = '\n';
	free(u);
}

static int
collect_part(GMimeObject *part, int depth, void *arg)
{
	struct collect *c = arg;
	char type[128], *t, *h;
	size_t n, hn;
	int cut;

	(void)depth;
	if (!GMIME_IS_PART(part))
		return 0;
	mime_type(part, type, sizeof(type));
	if (strcmp(type, c->want_html ? "text/html" : "text/plain") != 0)
		return 0;
	/* a text part past the bound is text not read */
	if (c->len + 2 >= EXPLAIN_TEXT_MAX) {
		c->cut = 1;
		return 0;
	}
	if ((t = mime_part_text(part, EXPLAIN_TEXT_MAX, &n, &cut)) == NULL)
		return 0;
	c->found = 1;
	c->cut |= cut;
	if (c->want_html) {
		h = body_html_to_text(t, n, &hn);
		append(c, h, hn);
		free(h);
	} else
		append(c, t, n);
	free(t);
	return 0;
}

/*
 * A multipart whose boundary never appears (a report cut or pasted whole)
 * has all its text in the prologue: the last resort when no text part
 * was found.
 */
static int
collect_prologue(GMimeObject *obj, int depth, void *arg)
{
	struct collect *c = arg;
	const char *t;

	(void)depth;
	if (!GMIME_IS_MULTIPART(obj) || c->len + 2 >= EXPLAIN_TEXT_MAX)
		return 0;
	if ((t = g_mime_multipart_get_prologue(GMIME_MULTIPART(obj))) == NULL ||
	    *t == '\0')
		return 0;
	c->found = 1;
	append(c, t, strlen(t));
	return 0;
}

/* The prepared text (4 KB) is left uncleared: it is read only once made. */
void
body_init(struct body *b, GMimeMessage *m)
{
	b->msg = m;
	b->text = b->lowered = NULL;
	b->len = 0;
	b->cut = 0;
}

void
body_free(struct body *b)
{
	free(b->text);
	free(b->lowered);
	b->text = b->lowered = NULL;
}

const char *
body_text(struct body *b, size_t *len)
{
	struct collect c = { NULL, 0, 4096, 0, 0, 0 };

	if (b->text == NULL) {
		c.buf = xmalloc(c.cap);
		mime_walk(GMIME_OBJECT(b->msg), NULL, collect_part, &c);
		if (!c.found) {
			c.want_html = 1;
			mime_walk(GMIME_OBJECT(b->msg), NULL, collect_part, &c);
		}
		if (!c.found)
			mime_walk(GMIME_OBJECT(b->msg), NULL, collect_prologue,
			    &c);
		c.buf[c.len] = '\0';
		b->text = c.buf;
		b->len = c.len;
		b->cut = c.cut;
	}
	*len = b->len;
	return b->text;
}

const struct memfind_text *
body_lowered(struct body *b)
{
	size_t len;
	const char *t;

	if (b->lowered == NULL) {
		t = body_text(b, &len);
		b->lowered = extract_lower(t, len);
		memfind_prepare(&b->mt, b->lowered, len);
	}
	return &b->mt;
}

static const struct {
	const char	*name;
	const char	*text;
} entities[] = {
	{ "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
	{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
};

/* Tags after which the text starts a new line. */
static int
breaks_line(const char *tag, size_t n)
{
	static const char *const names[] = { "br", "/p", "p", "/div", "div",
	    "/tr", "tr", "/li", "li", "/h1", "/h2", "/h3", "/table", "hr",
	    "/td" };
	size_t i, k;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		k = strlen(names[i]);
		if (n >= k && strncasecmp(tag, names[i], k) == 0 &&
		    (n == k || tag[k] == ' ' || tag[k] == '/' || tag[k] == '>'))
			return 1;
	}
	return 0;
}

/*
 * HTML's own white space rule: outside <pre>, a run of blanks and line
 * ends in the source is one blank (the page's lines fall where its writer
 * or an encoder broke them, as in Exchange's and Office 365's notices),
 * and only a <br> or a block's end starts a line.  A blank at the start
 * or end of a line goes.
 */
static void
put_blank(char *out, size_t *o)
{
	if (*o > 0 && out[*o - 1] != ' ' && out[*o - 1] != '\n')
		out[(*o)++] = ' ';
}

static void
put_break(char *out, size_t *o)
{
	while (*o > 0 && out[*o - 1] == ' ')
		(*o)--;
	out[(*o)++] = '\n';
}

/* Tag p[0..n) (after its '<') is <pre> (1), </pre> (0), another (-1). */
static int
pre_tag(const char *p, size_t n)
{
	size_t k = n > 0 && p[0] == '/' ? 1 : 0;

	if (n < k + 3 || strncasecmp(p + k, "pre", 3) != 0 || (n > k + 3 &&
	    p[k + 3] != ' ' && p[k + 3] != '>' && p[k + 3] != '\t' &&
	    p[k + 3] != '\r' && p[k + 3] != '\n'))
		return -1;
	return k == 0;
}

char *
body_html_to_text(const char *s, size_t len, size_t *outlen)
{
	char *out = xmalloc(len + 2);
	size_t i = 0, o = 0, k, e, n;
	const char *close;
	int pre = 0, t;

	while (i < len) {
		if (s[i] == '<') {
			close = memchr(s + i, '>', len - i);
			n = close ? (size_t)(close - s - i - 1) : len - i - 1;
			/* skip <style> and <script> bodies */
			if (n >= 5 && (strncasecmp(s + i + 1, "style", 5) == 0 ||
			    strncasecmp(s + i + 1, "script", 6) == 0)) {
				for (k = i + 1; k + 1 < len && !(s[k] == '<' &&
				    s[k + 1] == '/'); k++)
					;
				close = memchr(s + k, '>', len - k);
			} else if (breaks_line(s + i + 1, n))
				put_break(out, &o);
			else if ((t = pre_tag(s + i + 1, n)) >= 0)
				pre = t;
			i = close ? (size_t)(close - s) + 1 : len;
			continue;
		}
		if (s[i] == '&') {
			for (e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
				k = strlen(entities[e].name);
				if (len - i >= k && strncasecmp(s + i,
				    entities[e].name, k) == 0)
					break;
			}
			if (e < sizeof(entities) / sizeof(entities[0])) {
				out[o++] = entities[e].text[0];
				i += strlen(entities[e].name);
				continue;
			}
		}
		if (!pre && strchr(" \t\r\n", s[i]) != NULL)
			put_blank(out, &o);
		else
			out[o++] = s[i] == '\r' ? ' ' : s[i];
		i++;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}
