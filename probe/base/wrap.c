/*
 * wrap.c - terminal columns and wrapped sentences (wrap.h): the one width
 * rule (a character at or above U+1100 takes two columns) for the probe's
 * trace and explain's text alike.
 *
 * Public: wrap_span_cols(), wrap_cols(), wrap_fit(), wrap_pad(), wrap_put().
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "base/wrap.h"

#define WRAP_CLOSING	"，。、；：？！）」』》】”’…,.;:!?)]}"
#define WRAP_OPENING	"（「『《【“‘([{"

/* The columns a character takes on a terminal (CJK counts two). */
static size_t
wrap_char_cols(unsigned long cp)
{
	return cp >= 0x1100 ? 2 : 1;
}

size_t
wrap_span_cols(const char *s, size_t len)
{
	size_t i, n, cols = 0;
	unsigned long cp;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		cols += wrap_char_cols(cp);
	}
	return cols;
}

size_t
wrap_cols(const char *s)
{
	return wrap_span_cols(s, strlen(s));
}

size_t
wrap_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, n, used = 0;
	unsigned long cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (used + wrap_char_cols(cp) > cols)
			break;
		used += wrap_char_cols(cp);
		i += n;
	}
	return i;
}

size_t
wrap_pad(FILE *f, const char *s, size_t cols)
{
	size_t used = wrap_cols(s);

	fputs(s, f);
	for (; used < cols; used++)
		fputc(' ', f);
	return used;
}

/* True when cp is one of the characters of the UTF-8 string set. */
static bool
wrap_in(const char *set, unsigned long cp)
{
	size_t len = strlen(set), i = 0, n;
	unsigned long c;

	while (i < len && (n = utf8_decode(set + i, len - i, &c)) > 0) {
		if (c == cp)
			return true;
		i += n;
	}
	return false;
}

/* May a line end between prev and cp?  After a space; before or after a
 * wide (CJK) character, but never before a closing mark (，。）) nor
 * after an opening one (（“), and never inside an ASCII word. */
static bool
wrap_may_break(unsigned long prev, unsigned long cp)
{
	if (cp == ' ' || wrap_in(WRAP_CLOSING, cp) ||
	    wrap_in(WRAP_OPENING, prev))
		return false;
	if (prev == ' ')
		return true;
	if (cp >= 0x1100)
		return true;
	return prev >= 0x1100 && ((cp >= '0' && cp <= '9') ||
	    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
}

void
wrap_put(FILE *f, const char *text, size_t col, size_t indent)
{
	char *e;
	size_t len, i = 0, start = 0, brk = 0, end, n;
	unsigned long cp, prev = 0;

	if (text == NULL)
		return;
	e = esc_terminal(text, strlen(text));
	len = strlen(e);
	while (i < len) {
		if ((n = utf8_decode(e + i, len - i, &cp)) == 0) {
			n = 1;
			cp = '?';
		}
		if (i > start && wrap_may_break(prev, cp))
			brk = i;
		if (col + wrap_char_cols(cp) > WRAP_COLS && brk > start) {
			for (end = brk; end > start && e[end - 1] == ' '; end--)
				;
			fwrite(e + start, 1, end - start, f);
			fprintf(f, "\n%*s", (int)indent, "");
			for (start = brk; start < len && e[start] == ' '; start++)
				;
			/* the columns of what moved to the new line */
			col = indent + wrap_span_cols(e + start, i > start ?
			    i - start : 0);
			brk = start;
		}
		col += wrap_char_cols(cp);
		prev = cp;
		i += n;
	}
	fwrite(e + start, 1, len - start, f);
	free(e);
}
