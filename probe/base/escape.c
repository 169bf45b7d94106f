/*
 * escape.c - server and input-file text made safe for each output.
 *
 * Public: esc_utf8 (JSON), esc_terminal, esc_terminal_quoting, esc_html,
 * esc_csv, esc_csv_text, esc_css_string, esc_shell (a file name in a
 * command to copy).
 *
 * The parsers keep raw bytes; only here do they become something a
 * terminal, a browser or a spreadsheet can show without being driven by
 * them.  All four agree with utf8.c on what is valid UTF-8, and each
 * invalid byte is handled on its own.  They cannot fail: the output is
 * sized from the input before writing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/escape.h"
#include "base/utf8.h"
#include "base/util.h"

#define ESC_REPLACEMENT		"\xef\xbf\xbd"	/* U+FFFD */

/* Room for n output bytes per input byte, plus the NUL. */
static char *
esc_alloc(size_t len, size_t n)
{
	if (len > (SIZE_MAX - 1) / n)
		fatalx("%s: %zu bytes is beyond any bound", __func__, len);
	return xmalloc(len * n + 1);
}

/*
 * Bidirectional overrides and isolates reorder what a terminal or a
 * browser shows, so a server could make its text read differently from
 * what it sent.
 */
static int
esc_is_bidi(unsigned long cp)
{
	return cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* U+2028 and U+2029 end a line in JavaScript and some viewers. */
static int
esc_is_line_separator(unsigned long cp)
{
	return cp == 0x2028 || cp == 0x2029;
}

/* Printable ASCII (0x20-0x7E) an escaper copies as it is. */
struct esc_plain {
	const char	*stop;		/* printable bytes it does not copy */
	bool		 ready;
	bool		 keep[256];
};

static struct esc_plain esc_plain_html = { "&<>\"'", false, { false } };
static struct esc_plain esc_plain_terminal = { "\\", false, { false } };
static struct esc_plain esc_plain_csv = { "", false, { false } };

/*
 * The length of the run at s of bytes t keeps: copied in one go rather
 * than decoded and copied one at a time (most of a reply or a page is
 * such a run).  One table lookup a byte; the table is made on first use.
 */
static size_t
esc_plain_run(const char *s, size_t len, struct esc_plain *t)
{
	size_t i;
	int c;

	if (!t->ready) {
		for (c = 0x20; c <= 0x7E; c++)
			t->keep[c] = strchr(t->stop, c) == NULL;
		t->ready = true;
	}
	for (i = 0; i < len && t->keep[(unsigned char)s[i]]; i++)
		;
	return i;
}

char *
esc_utf8(const char *s, size_t len, size_t *outlen)
{
	char *out = esc_alloc(len, 3), *o = out;
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			memcpy(o, ESC_REPLACEMENT, 3);
			o += 3;
			n = 1;
			continue;
		}
		memcpy(o, s + i, n);
		o += n;
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

static char *
esc_hex(char *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(o, 5, "\\x%02X", (unsigned char)s[i]);
		o += 4;
	}
	return o;
}

/*
 * s as visible text at o (4 bytes per input byte at most): invalid UTF-8,
 * controls, bidi overrides and line separators as \xNN, CR as \r.  For a
 * terminal LF is \n, and a backslash is doubled when doubling is set (so
 * \x41 cannot be forged); a CSV cell keeps LF, TAB and backslashes.
 * Returns the end.
 */
static char *
esc_visible(char *o, const char *s, size_t len, bool terminal, bool doubling)
{
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		if ((n = esc_plain_run(s + i, len - i, doubling ?
		    &esc_plain_terminal : &esc_plain_csv)) > 0) {
			memcpy(o, s + i, n);
			o += n;
		} else if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			o = esc_hex(o, s + i, 1);
		} else if (cp == '\\' && doubling) {
			memcpy(o, "\\\\", 2);
			o += 2;
		} else if (cp == '\r') {
			memcpy(o, "\\r", 2);
			o += 2;
		} else if (cp == '\n' && terminal) {
			memcpy(o, "\\n", 2);
			o += 2;
		} else if ((utf8_is_control(cp) && (terminal ||
		    (cp != '\t' && cp != '\n'))) || esc_is_bidi(cp) ||
		    esc_is_line_separator(cp)) {
			o = esc_hex(o, s + i, n);
		} else {
			memcpy(o, s + i, n);
			o += n;
		}
	}
	*o = '\0';
	return o;
}

char *
esc_terminal(const char *s, size_t len)
{
	char *out = esc_alloc(len, 4);

	esc_visible(out, s, len, true, true);
	return out;
}

char *
esc_terminal_quoting(const char *s, size_t len)
{
	char *out = esc_alloc(len, 4);

	esc_visible(out, s, len, true, false);
	return out;
}

char *
esc_html(const char *s, size_t len)
{
	char *out = esc_alloc(len, 6), *o = out;
	const char *rep;
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		if ((n = esc_plain_run(s + i, len - i, &esc_plain_html)) > 0) {
			memcpy(o, s + i, n);
			o += n;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			rep = ESC_REPLACEMENT;
		} else if (cp == '&')
			rep = "&amp;";
		else if (cp == '<')
			rep = "&lt;";
		else if (cp == '>')
			rep = "&gt;";
		else if (cp == '"')
			rep = "&quot;";
		else if (cp == '\'')
			rep = "&#39;";
		else if (esc_is_line_separator(cp))
			rep = " ";	/* a break of the server's making */
		else if (cp == '\n' || cp == '\t' ||
		    (!utf8_is_control(cp) && !esc_is_bidi(cp))) {
			memcpy(o, s + i, n);
			o += n;
			continue;
		} else
			continue;
		memcpy(o, rep, strlen(rep));
		o += strlen(rep);
	}
	*o = '\0';
	return out;
}

char *
esc_css_string(const char *s, size_t len)
{
	char *out = esc_alloc(len, 7), *o = out;
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			n = 1;
			cp = 0xfffd;	/* escaped below, never copied */
		} else if (utf8_is_control(cp) || esc_is_bidi(cp))
			continue;
		else if (esc_is_line_separator(cp)) {
			*o++ = ' ';	/* a break of the input's making */
			continue;
		} else if (cp >= 0x80 || cp == ' ' ||
		    (cp >= '0' && cp <= '9') ||
		    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) {
			memcpy(o, s + i, n);
			o += n;
			continue;
		}
		o += sprintf(o, "\\%06lx", cp);
	}
	*o = '\0';
	return out;
}

/*
 * A spreadsheet shows bytes it cannot print as nothing or as boxes, and
 * a NUL may end the cell: each such byte is written as \xNN (CR as \r) so
 * the row keeps what the server said.  TAB and LF stay (libcsv quotes the
 * cell).  Then a cell that starts like a formula gets its quote.
 */
char *
esc_csv(const char *s, size_t len)
{
	char *out = esc_alloc(len + 1, 4), *o;

	o = esc_visible(out + 1, s, len, false, false);
	if (o > out + 1 && strchr("=+-@\t", out[1]) != NULL) {
		out[0] = '\'';
		return out;
	}
	memmove(out, out + 1, (size_t)(o - out));
	return out;
}

/*
 * Why: a spreadsheet opening a CSV turns "5.1.1" or "2024-01-05" into a
 * date and "0086..." into a number without its zeros.  Such a cell (only
 * digits and . / - : and spaces, starting with a digit, and not a plain
 * number) is written as ="5.1.1", which every spreadsheet keeps as text;
 * its characters cannot form anything else.
 */
char *
esc_csv_text(const char *s, size_t len)
{
	size_t i;
	bool plain = true;

	if (len == 0 || len > 64 || s[0] < '0' || s[0] > '9')
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			continue;
		if (strchr("./-: ", s[i]) == NULL || s[i] == '\0')
			return NULL;
		plain = false;
	}
	if (plain && !(s[0] == '0' && len > 1) && len <= 15)
		return NULL;
	return xasprintf("=\"%.*s\"", (int)len, s);
}

char *
esc_shell(const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-";
	size_t len = strlen(s), i;
	char *out, *o;

	if (len > 0 && strspn(s, plain) == len)
		return xstrdup(s);
	out = esc_alloc(len + 1, 4);	/* two quotes, each ' as four bytes */
	o = out;
	*o++ = '\'';
	for (i = 0; i < len; i++) {
		if (s[i] == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else
			*o++ = s[i];
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}
