/*
 * test_utf8.c - base/utf8.c's utf8_valid, which passes ASCII eight bytes
 * at a time: it answers as a byte-by-byte walk with utf8_decode for every
 * sequence (valid, overlong, surrogate, beyond U+10FFFF, a lone
 * continuation byte, cut at the end) at every offset across a word's
 * boundary, with NUL bytes around it.  utf8_is_control and
 * utf8_has_control: what is a control character, on a code point and in
 * bytes (the one answer explain's address reading and the escapers share).
 * utf8_iso2022_escape and utf8_has_terminal_control: raw ISO-2022-JP's
 * charset switches are no control, a CSI and every other one still are.
 * utf8_trim_blanks: which blanks around a copied value are cut (ASCII
 * white space, U+00A0, U+200B, U+3000, U+FEFF) and which bytes stay.
 * utf8_same_label: a header cell or a sheet's name as --column and --sheet
 * name it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"

/* The plain definition: every character decodes. */
static bool
walk(const char *s, size_t len)
{
	unsigned long cp;
	size_t i, n;

	for (i = 0; i < len; i += n)
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			return false;
	return true;
}

static void
test_agrees_at_every_offset(void **state)
{
	static const char *const seqs[] = {
		"\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",	/* valid */
		"\xc0\x80", "\xe0\x80\xaf",			/* overlong */
		"\xed\xa0\x80", "\xf4\x90\x80\x80",		/* surrogate, too big */
		"\x80", "\xbf", "\xff", "\xfe",			/* never a start */
		"\xe4\xb8", "\xf0\x9f\x98",			/* cut short */
		"\0", "\0\xc3\xa9\0",
	};
	char buf[64];
	size_t i, off, pad, n;

	(void)state;
	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
		n = i >= 13 ? (i == 13 ? 1 : 4) : strlen(seqs[i]);
		for (off = 0; off < 20; off++)
			for (pad = 0; pad < 12; pad++) {
				memset(buf, 'a', sizeof(buf));
				memcpy(buf + off, seqs[i], n);
				/*
				 * the sequence at the text's end, then inside
				 * it
				 */
				assert_int_equal(utf8_valid(buf, off + n),
				    walk(buf, off + n));
				assert_int_equal(utf8_valid(buf, off + n + pad),
				    walk(buf, off + n + pad));
			}
	}
	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("plain ASCII text of some length\n", 32));
	assert_false(utf8_valid("plain ASCII text then \xff", 23));
}

/* utf8_cut: never inside a sequence, never longer than asked. */
static void
test_cut(void **state)
{
	const char *s = "a\xe4\xb8\xad\xf0\x9f\x98\x80" "b";	/* a, 中, U+1F600, b */

	(void)state;
	assert_int_equal(utf8_cut(s, 9, 20), 9);	/* short enough: whole */
	assert_int_equal(utf8_cut(s, 9, 9), 9);
	assert_int_equal(utf8_cut(s, 9, 8), 8);		/* before b */
	assert_int_equal(utf8_cut(s, 9, 7), 4);		/* inside the emoji */
	assert_int_equal(utf8_cut(s, 9, 5), 4);
	assert_int_equal(utf8_cut(s, 9, 4), 4);		/* at its start */
	assert_int_equal(utf8_cut(s, 9, 3), 1);		/* inside 中 */
	assert_int_equal(utf8_cut(s, 9, 1), 1);
	assert_int_equal(utf8_cut(s, 9, 0), 0);
}

/* On code points: C0 with TAB, CR and LF, DEL, C1; nothing around them. */
static void
test_is_control(void **state)
{
	static const struct {
		unsigned long	cp;
		bool		control;
	} rows[] = {
		{ 0x00, true }, { 0x09, true }, { 0x0A, true }, { 0x0D, true },
		{ 0x1B, true }, { 0x1F, true }, { 0x20, false }, { 0x7E, false },
		{ 0x7F, true }, { 0x80, true }, { 0x85, true }, { 0x9F, true },
		{ 0xA0, false }, { 0xE9, false }, { 0x200E, false },
		{ 0x4E2D, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(utf8_is_control(rows[i].cp), rows[i].control);
}

/*
 * In bytes: TAB, CR and LF are white space in mail text, not control;
 * C1 counts only as valid UTF-8; a byte of another charset is none.
 */
static void
test_has_control(void **state)
{
	static const struct {
		const char	*label;
		const char	*s;
		size_t		 len;
		bool		 control;
	} rows[] = {
#define ROW(label, s, control)	{ label, s, sizeof(s) - 1, control }
		ROW("plain", "a@example.com", false),
		ROW("empty", "", false),
		ROW("NUL", "a\0b@example.com", true),
		ROW("ESC", "a\x1b[31m@example.com", true),
		ROW("C0 at the end", "a@example.com\x01", true),
		ROW("DEL", "a\x7f@example.com", true),
		ROW("TAB", "rfc822;\ta@example.com", false),
		ROW("CR LF folding", "rfc822;\r\n a@example.com", false),
		ROW("C1 U+0080", "a\xc2\x80@example.com", true),
		ROW("C1 U+0085", "a\xc2\x85@example.com", true),
		ROW("C1 U+009B (CSI)", "a\xc2\x9b" "31m@example.com", true),
		ROW("C1 U+009F", "a\xc2\x9f", true),
		ROW("U+00A0 (not C1)", "a\xc2\xa0", false),
		ROW("C2 cut at the end", "a\xc2", false),
		ROW("lone 0x85 (Windows-1252)", "a\x85@example.com", false),
		ROW("lone 0x9b", "a\x9b" "31m", false),
		ROW("invalid lead", "\xff\xfe", false),
		ROW("overlong C1", "\xe0\x82\x85", false),
		ROW("CJK", "\xe5\xbc\xa0\xe4\xbc\x9f@\xe4\xbe\x8b\xe5\xad\x90"
		    ".\xe5\x85\xac\xe5\x8f\xb8", false),
		ROW("GBK with C2", "\xc2\xa3\xb8\x85", false),
#undef ROW
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (utf8_has_control(rows[i].s, rows[i].len) != rows[i].control)
			fail_msg("%s: not %s", rows[i].label, rows[i].control ?
			    "control" : "plain");
}

static void
test_terminal_control(void **state)
{
	static const struct {
		const char	*label;
		const char	*s;
		size_t		 len;
		size_t		 esc;	/* utf8_iso2022_escape at s */
		bool		 control;
	} rows[] = {
#define ROW(label, s, esc, control) { label, s, sizeof(s) - 1, esc, control }
		ROW("ESC $ B", "\x1b$B", 3, false),
		ROW("ESC ( B", "\x1b(B", 3, false),
		ROW("ESC ( J", "\x1b(J", 3, false),
		ROW("ESC $ @", "\x1b$@", 3, false),
		ROW("ESC ) I", "\x1b)I", 3, false),
		ROW("ESC $ ( D", "\x1b$(D", 4, false),
		ROW("JIS word by an address",
		    "\x1b$B%a!<%k\x1b(B<a@example.jp>", 3, false),
		ROW("JIS word, then CSI", "\x1b$B%a\x1b(Ba\x1b[31m@b.jp", 3,
		    true),
		ROW("CSI", "\x1b[31m", 0, true),
		ROW("CSI after a switch", "x\x1b(B\x1b[0m", 0, true),
		ROW("ESC $ cut", "\x1b$", 0, true),
		ROW("ESC ( with no final", "\x1b(\x01", 0, true),
		ROW("ESC ( then C0 final", "\x1b(\x1f", 0, true),
		ROW("ESC alone", "\x1b", 0, true),
		ROW("ESC c (reset)", "\x1b" "c", 0, true),
		ROW("BEL", "a\x07@b.jp", 0, true),
		ROW("C1 CSI", "a\xc2\x9b" "31m", 0, true),
		ROW("plain", "a@example.jp", 0, false),
#undef ROW
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (utf8_iso2022_escape(rows[i].s, rows[i].len) != rows[i].esc)
			fail_msg("%s: escape length not %zu", rows[i].label,
			    rows[i].esc);
		if (utf8_has_terminal_control(rows[i].s, rows[i].len) !=
		    rows[i].control)
			fail_msg("%s: not %s", rows[i].label, rows[i].control ?
			    "control" : "plain");
	}
}

/*
 * utf8_trim_blanks: the blanks at both ends go, in any mix; what is inside
 * the value, other characters and bytes that only look like part of a
 * blank stay.
 */
static void
test_trim_blanks(void **state)
{
	static const struct {
		const char	*label;
		const char	*s;
		size_t		 len;
		size_t		 off;	/* where the value starts */
		size_t		 keep;	/* and its length */
	} rows[] = {
#define ROW(label, s, off, keep) { label, s, sizeof(s) - 1, off, keep }
		ROW("empty", "", 0, 0),
		ROW("bare", "a@x.test", 0, 8),
		ROW("ASCII white space", " \t\r\n\v\fa@x.test\f\v\n\r\t ", 6, 8),
		ROW("no-break space", "\xc2\xa0" "a@x.test\xc2\xa0", 2, 8),
		ROW("zero-width space", "\xe2\x80\x8b" "a@x.test\xe2\x80\x8b", 3, 8),
		ROW("ideographic space", "\xe3\x80\x80" "a@x.test\xe3\x80\x80", 3, 8),
		ROW("two ideographic spaces", "\xe3\x80\x80\xe3\x80\x80" "x.test"
		    "\xe3\x80\x80\xe3\x80\x80", 6, 6),
		ROW("byte order mark", "\xef\xbb\xbf" "a@x.test\xef\xbb\xbf", 3, 8),
		ROW("all mixed", "\xef\xbb\xbf \xe3\x80\x80\xc2\xa0\t" "a@x.test"
		    "\xe2\x80\x8b\xe3\x80\x80\r\n", 10, 8),
		ROW("only blanks", " \xe3\x80\x80\xc2\xa0\xe2\x80\x8b\xef\xbb\xbf\n",
		    13, 0),
		ROW("inside kept", "a\xe3\x80\x80" "b\xc2\xa0" "c d", 0, 10),
		ROW("NUL is no blank", "\0a\0", 0, 3),
		ROW("full-width letter stays", "\xef\xbd\x81", 0, 3),	/* U+FF41 */
		ROW("em space stays", "\xe2\x80\x83" "a", 0, 4),		/* U+2003 */
		ROW("a cut U+3000 stays", "a\xe3\x80", 0, 3),
		ROW("U+3000's tail alone stays", "\x80\x80" "a\x80", 0, 4),
		ROW("no-break's tail alone stays", "a\xa0", 0, 2),
#undef ROW
	};
	const char *s;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		s = rows[i].s;
		len = rows[i].len;
		utf8_trim_blanks(&s, &len);
		if (s != rows[i].s + rows[i].off || len != rows[i].keep)
			fail_msg("%s: kept %zu bytes from %zu, want %zu from %zu",
			    rows[i].label, len, (size_t)(s - rows[i].s),
			    rows[i].keep, rows[i].off);
	}
}

/*
 * utf8_same_label: blanks around either side and ASCII case do not count;
 * anything else (a letter's place, a non-ASCII letter's case, a blank
 * inside) does.
 */
static void
test_same_label(void **state)
{
	static const struct {
		const char	*cell;
		const char	*want;
		int		 same;
	} rows[] = {
		{ "Email", "email", 1 },
		{ "\xe3\x80\x80 E-Mail\t", "e-mail", 1 },
		{ "2026", " 2026 ", 1 },
		{ "\xe9\x82\xae\xe7\xae\xb1", "\xe9\x82\xae\xe7\xae\xb1", 1 },
		{ "", "", 1 },
		{ "Emails", "email", 0 },
		{ "mail", "email", 0 },
		{ "E mail", "email", 0 },
		{ "\xc3\x89mail", "\xc3\xa9mail", 0 },	/* É and é */
		{ "2025", "2026", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (utf8_same_label(rows[i].cell, strlen(rows[i].cell),
		    rows[i].want) != rows[i].same)
			fail_msg("\"%s\" and \"%s\": want %s", rows[i].cell,
			    rows[i].want, rows[i].same ? "same" : "not same");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_at_every_offset),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_is_control),
		cmocka_unit_test(test_has_control),
		cmocka_unit_test(test_terminal_control),
		cmocka_unit_test(test_trim_blanks),
		cmocka_unit_test(test_same_label),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
