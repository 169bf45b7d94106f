/*
 * test_utf8.c - base/utf8.c's utf8_valid, which passes ASCII eight bytes
 * at a time: it answers as a byte-by-byte walk with utf8_decode for every
 * sequence (valid, overlong, surrogate, beyond U+10FFFF, a lone
 * continuation byte, cut at the end) at every offset across a word's
 * boundary, with NUL bytes around it.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_agrees_at_every_offset),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
