/*
 * test_memfind.c - base/memfind.c's search: the first occurrence (not a
 * later one, though candidates are anchored on a rare byte in the middle
 * of the needle), matches at both ends of the text, an upper-case needle
 * in a lowered text, needles longer than the text or empty, and a prepared
 * text answering exactly as a plain search and as a naive one on many
 * random texts and needles (the byte-pair set only ever skips searches
 * that cannot match).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/memfind.h"

static size_t
naive(const char *s, size_t len, const char *n, size_t nl)
{
	size_t i;

	for (i = 0; nl > 0 && i + nl <= len; i++)
		if (memcmp(s + i, n, nl) == 0)
			return i;
	return (size_t)-1;
}

static size_t
find(const char *s, const char *n)
{
	return memfind_lower(s, strlen(s), n, strlen(n));
}

static void
test_first_occurrence(void **state)
{
	(void)state;
	/* 'q' is the rare anchor: an earlier "quota" without the rest */
	assert_int_equal(find("quota. over quota exceeded; quota exceeded",
	    "quota exceeded"), 12);
	assert_int_equal(find("\n---- copy\n--- below this line", "\n--- below"),
	    10);
	assert_int_equal(find("abc", "abc"), 0);
	assert_int_equal(find("xxabc", "abc"), 2);
	assert_int_equal(find("abcxx", "abc"), 0);
	assert_int_equal(find("550 user unknown", "User Unknown"), 4);
	assert_int_equal(find("ab", "abc"), (size_t)-1);
	assert_int_equal(find("abc", ""), (size_t)-1);
	assert_int_equal(find("", "a"), (size_t)-1);
	assert_int_equal(find("mailbox full", "mailbox is full"), (size_t)-1);
	assert_int_equal(find("\xe6\x97\xa0\xe6\xb3\x95 x",
	    "\xe6\xb3\x95"), 3);
}

static void
test_prepared_agrees(void **state)
{
	static const char alpha[] = "ab e.\n@q";
	struct memfind_text t;
	char s[300], n[9];
	size_t len, nl, i, k, want;

	(void)state;
	srand(11);
	for (i = 0; i < 20000; i++) {
		len = (size_t)rand() % sizeof(s);
		for (k = 0; k < len; k++)
			s[k] = alpha[rand() % (int)(sizeof(alpha) - 1)];
		nl = (size_t)rand() % (sizeof(n) - 1);
		for (k = 0; k < nl; k++)
			n[k] = alpha[rand() % (int)(sizeof(alpha) - 1)];
		n[nl] = '\0';
		want = naive(s, len, n, nl);
		memfind_prepare(&t, s, len);
		assert_int_equal(memfind_lower(s, len, n, nl), want);
		assert_int_equal(memfind_in(&t, n), want);
	}
}

/* Every byte in a needle is compared as lower case, through the table. */
static void
test_every_byte(void **state)
{
	struct memfind_text t;
	char s[4], n[4];
	int c, l;

	(void)state;
	for (c = 1; c < 256; c++) {
		l = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
		snprintf(n, sizeof(n), "x%cy", c);
		snprintf(s, sizeof(s), "x%cy", l);
		memfind_prepare(&t, s, 3);
		assert_int_equal(memfind_in(&t, n), 0);
		s[1] = (char)(l == 'q' ? 'r' : 'q');
		memfind_prepare(&t, s, 3);
		assert_int_equal(memfind_in(&t, n), (size_t)-1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_occurrence),
		cmocka_unit_test(test_prepared_agrees),
		cmocka_unit_test(test_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
