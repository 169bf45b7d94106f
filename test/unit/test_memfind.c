/*
 * test_memfind.c - base/memfind.c's search: the first occurrence (not a
 * later one, though candidates are anchored on a rare byte in the middle
 * of the needle), matches at both ends of the text, an upper-case needle
 * in a lowered text, needles longer than the text or empty, and a prepared
 * text answering exactly as a plain search and as a naive one on many
 * random texts and needles (the byte-pair set only ever skips searches
 * that cannot match), also when prepared in steps (memfind_extend); and
 * needles of parts (MEMFIND_PAIR): in order, never overlapping, found at
 * the text's end, empty parts, three parts, and agreeing with a naive
 * search on random texts.
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

/* A naive search for a needle of parts: every start of the first part tried. */
static size_t
naive_parts(const char *s, size_t len, const char *a, size_t al,
    const char *b, size_t bl)
{
	size_t i;

	for (i = 0; al > 0 && bl > 0 && i + al <= len; i++)
		if (memcmp(s + i, a, al) == 0 &&
		    naive(s + i + al, len - i - al, b, bl) != (size_t)-1)
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

/*
 * n random bytes from a small alphabet (blanks, a line break, '@', a
 * rare 'q'), so that matches and near matches are common.
 */
static void
random_fill(char *buf, size_t n)
{
	static const char alpha[] = "ab e.\n@q";
	size_t k;

	for (k = 0; k < n; k++)
		buf[k] = alpha[rand() % (int)(sizeof(alpha) - 1)];
}

static void
test_prepared_agrees(void **state)
{
	struct memfind_text t;
	char s[300], n[9], pn[12];
	size_t len, nl, al, bl, i, want;

	(void)state;
	srand(11);
	for (i = 0; i < 20000; i++) {
		len = (size_t)rand() % sizeof(s);
		random_fill(s, len);
		nl = (size_t)rand() % (sizeof(n) - 1);
		random_fill(n, nl);
		n[nl] = '\0';
		want = naive(s, len, n, nl);
		memfind_prepare(&t, s, len);
		assert_int_equal(memfind_lower(s, len, n, nl), want);
		assert_int_equal(memfind_in(&t, n), want);
		/* a needle of two parts, either may be empty */
		al = (size_t)rand() % 5;
		bl = (size_t)rand() % 5;
		random_fill(pn, al + 1 + bl);
		pn[al] = MEMFIND_THEN[0];
		pn[al + 1 + bl] = '\0';
		assert_int_equal(memfind_in(&t, pn),
		    naive_parts(s, len, pn, al, pn + al + 1, bl));
	}
}

/*
 * A text prepared in two steps (a head, then memfind_extend to the whole)
 * holds the pairs of the text prepared at once, and answers every search
 * as it does; the head, searched before the extension, as the head
 * prepared alone.
 */
static void
test_extended(void **state)
{
	struct memfind_text t, whole, head;
	char s[300], n[6];
	size_t len, cut, nl, i, k;

	(void)state;
	srand(12);
	for (i = 0; i < 20000; i++) {
		len = (size_t)rand() % sizeof(s);
		cut = len > 0 ? (size_t)rand() % (len + 1) : 0;
		random_fill(s, len);
		nl = (size_t)rand() % (sizeof(n) - 1);
		random_fill(n, nl);
		n[nl] = '\0';
		memfind_prepare(&t, s, cut);
		memfind_prepare(&head, s, cut);
		assert_int_equal(memfind_in(&t, n), memfind_in(&head, n));
		assert_memory_equal(t.pairs, head.pairs, sizeof(t.pairs));
		memfind_extend(&t, len);
		memfind_extend(&t, cut);	/* never shrinks */
		memfind_prepare(&whole, s, len);
		assert_int_equal(t.len, len);
		assert_memory_equal(t.pairs, whole.pairs, sizeof(t.pairs));
		assert_int_equal(memfind_in(&t, n), naive(s, len, n, nl));
		/* in two steps of one byte each, too */
		memfind_prepare(&t, s, 0);
		for (k = 1; k <= len; k++)
			memfind_extend(&t, k);
		assert_memory_equal(t.pairs, whole.pairs, sizeof(t.pairs));
	}
}

/*
 * Every byte in a needle is compared as lower case, through the table;
 * every byte but MEMFIND_THEN (1), which joins a pair's parts.
 */
static void
test_every_byte(void **state)
{
	struct memfind_text t;
	char s[4], n[4];
	int c, l;

	(void)state;
	for (c = 2; c < 256; c++) {
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

static size_t
pairs_in(const char *s, const char *n)
{
	struct memfind_text t;

	memfind_prepare(&t, s, strlen(s));
	return memfind_in(&t, n);
}

static void
test_pairs(void **state)
{
	(void)state;
	/* the second part after the first, with anything between */
	assert_int_equal(pairs_in("550 user bob was not found here",
	    MEMFIND_PAIR("user ", " was not found")), 4);
	/* both parts' letters compared as lower case */
	assert_int_equal(pairs_in("550 user bob was not found",
	    MEMFIND_PAIR("User ", " Was Not Found")), 4);
	/* order matters */
	assert_int_equal(pairs_in("was not found: user bob",
	    MEMFIND_PAIR("user ", " was not found")), (size_t)-1);
	/* parts never overlap: "user " then " was" share no blank */
	assert_int_equal(pairs_in("user was not found",
	    MEMFIND_PAIR("user ", " was not found")), (size_t)-1);
	assert_int_equal(pairs_in("abc", MEMFIND_PAIR("ab", "bc")),
	    (size_t)-1);
	assert_int_equal(pairs_in("abbc", MEMFIND_PAIR("ab", "bc")), 0);
	assert_int_equal(pairs_in("aa", MEMFIND_PAIR("a", "a")), 0);
	assert_int_equal(pairs_in("a", MEMFIND_PAIR("a", "a")), (size_t)-1);
	/*
	 * the first occurrence of the first part, though a later one ends later
	 */
	assert_int_equal(pairs_in("bad x bad recipient",
	    MEMFIND_PAIR("bad", "recipient")), 0);
	/* at the text's very end, and the second part right after the first */
	assert_int_equal(pairs_in("xx non existent user",
	    MEMFIND_PAIR("non", "existent user")), 3);
	assert_int_equal(pairs_in("xx nonexistent user",
	    MEMFIND_PAIR("non", "existent user")), 3);
	assert_int_equal(pairs_in("xx non existent use",
	    MEMFIND_PAIR("non", "existent user")), (size_t)-1);
	/* a second part missing, or only before the first */
	assert_int_equal(pairs_in("user (bob)", MEMFIND_PAIR("user (",
	    ") unknown")), (size_t)-1);
	assert_int_equal(pairs_in(") unknown user (", MEMFIND_PAIR("user (",
	    ") unknown")), (size_t)-1);
	/* an empty part matches nowhere, as an empty needle */
	assert_int_equal(pairs_in("abc", MEMFIND_PAIR("", "b")), (size_t)-1);
	assert_int_equal(pairs_in("abc", MEMFIND_PAIR("a", "")), (size_t)-1);
	assert_int_equal(pairs_in("abc", MEMFIND_PAIR("", "")), (size_t)-1);
	assert_int_equal(pairs_in("", MEMFIND_PAIR("a", "b")), (size_t)-1);
	/* three parts, each after the one before */
	assert_int_equal(pairs_in("host mx refused to talk to me: 550 blocked",
	    MEMFIND_PAIR(MEMFIND_PAIR("host ", " refused to talk to me: "),
	    " blocked")), 0);
	assert_int_equal(pairs_in("host mx blocked refused to talk to me: 550",
	    MEMFIND_PAIR(MEMFIND_PAIR("host ", " refused to talk to me: "),
	    " blocked")), (size_t)-1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_occurrence),
		cmocka_unit_test(test_prepared_agrees),
		cmocka_unit_test(test_extended),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
