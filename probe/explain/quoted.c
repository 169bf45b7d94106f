/*
 * quoted.c - a forwarded or replied-to bounce's quote marks taken off.
 * See quoted.h.
 *
 * Public: quoted_strip().
 *
 * A text is quoted when at least QUOTED_MIN_LINES of its non-blank lines
 * start with '>' and they are at least 80 % of them (the forwarder's few
 * words above the quote, and blank lines a client leaves unquoted, do not
 * count against it); or when it ends with a quote of at least
 * QUOTED_MIN_LINES lines, each "> " ("> > " or ">> " nested), ">text"
 * (">>text" nested) or a bare ">" (a reply's quote below its writer's
 * words, however many they are: "On ... wrote:" and the bounce nested
 * when it was forwarded before), whose marks alone are then taken off.
 * A sendmail transcript's ">>> RCPT TO" lines are a few lines among
 * others, never nearly all, and no quote.  Nothing here fails.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/extract.h"
#include "explain/quoted.h"

#define QUOTED_MIN_LINES	3

/* How the quoted lines of one level look. */
struct quoted_count {
	size_t	 lines;		/* non-blank lines */
	size_t	 quoted;	/* of them, starting with '>' */
	size_t	 spaced;	/* quoted, '>' then a space */
	size_t	 tight;		/* quoted, '>' then another character */
	size_t	 tail_at;	/* where the quote the text ends with starts */
	size_t	 tail;		/* its non-blank lines, each "> " or ">" */
};

/*
 * Line p[0..n) is a reply's quoted line: its marks ("> ", "> > ", ">> " as
 * Thunderbird nests them, or ">" and ">>" with no blank after them, as
 * RFC 3676 4.5 writes quoted lines), then its text or nothing.  A
 * sendmail transcript's ">>> " line is none.
 */
static int
quoted_reply_line(const char *p, size_t n)
{
	return n > 0 && p[0] == '>' && !(n >= 4 && memcmp(p, ">>> ", 4) == 0);
}

static void
quoted_scan(const char *s, size_t len, struct quoted_count *c)
{
	const char *p = s, *end = s + len, *eol;
	size_t n;

	memset(c, 0, sizeof(*c));
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if (!extract_blank(p, n)) {
			if (quoted_reply_line(p, n))
				c->tail++;
			else {
				c->tail = 0;
				c->tail_at = eol < end ? (size_t)(eol + 1 - s) : len;
			}
			c->lines++;
			if (p[0] == '>') {
				c->quoted++;
				if (n > 1 && p[1] == ' ')
					c->spaced++;
				else if (n > 1 && p[1] != '>' && p[1] != '\r')
					c->tight++;
			}
		}
		p = eol + 1;
	}
}

/*
 * One level off: '>' from each quoted line, and the space after it when
 * the client writes "> " (most of its quoted lines have it; a client that
 * writes ">" keeps a line's own leading space).
 */
static size_t
quoted_level(char *t, size_t len, int spaced)
{
	size_t i = 0, o = 0;
	int bol = 1;

	while (i < len) {
		if (bol && t[i] == '>') {
			i++;
			if (spaced && i < len && t[i] == ' ')
				i++;
			bol = 0;
			continue;
		}
		bol = t[i] == '\n';
		t[o++] = t[i++];
	}
	t[o] = '\0';
	return o;
}

char *
quoted_strip(const char *s, size_t len, size_t *outlen)
{
	struct quoted_count c;
	char *t = NULL;
	int level;

	for (level = 0; level < EXPLAIN_QUOTED_LEVELS; level++) {
		quoted_scan(t != NULL ? t : s, t != NULL ? *outlen : len, &c);
		if (c.quoted >= QUOTED_MIN_LINES && c.quoted * 5 >= c.lines * 4)
			c.tail_at = 0;	/* nearly all quoted: every line */
		else if (c.tail < QUOTED_MIN_LINES)
			break;
		if (t == NULL) {
			t = xmalloc(len + 1);
			memcpy(t, s, len);
			*outlen = len;
		}
		*outlen = c.tail_at + quoted_level(t + c.tail_at, *outlen -
		    c.tail_at, c.spaced * 5 >= (c.spaced + c.tight) * 4);
	}
	return t;
}
