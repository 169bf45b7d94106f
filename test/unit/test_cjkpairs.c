/*
 * test_cjkpairs.c - base/cjkpairs.c's one scan of a short text's
 * double-byte pairs: GB2312's range and its first-byte bound, Big5's
 * ranges and its Latin-letter guard, the runs, the common/rare counts,
 * and a pair cut by a sample's end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/cjkpairs.h"

static struct cjk_pairs
scan(const char *s, bool at_eof)
{
	struct cjk_pairs c;

	cjk_pairs_scan(s, strlen(s), at_eof, &c);
	return c;
}

/* "用户不存在" in GBK: GB2312 and not Big5's common rows; one run of 5. */
static void
test_gbk_words(void **state)
{
	struct cjk_pairs c = scan("550 \xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6"
	    "\xd4\xda", true);

	(void)state;
	assert_true(c.gb);
	assert_true(c.gb2312);
	assert_int_equal(c.longest, 5);
	assert_int_equal(c.common, 0);
	assert_int_equal(c.rare, 2);	/* D3, D4 */
}

/*
 * A first byte past F7 (GBK's user-defined rows, never a GB2312
 * character): still a GB pair, not GB2312.
 */
static void
test_gb2312_bound(void **state)
{
	struct cjk_pairs c;

	(void)state;
	c = scan("\xf7\xa1\xf7\xa2", true);
	assert_true(c.gb2312);
	c = scan("\xf7\xa1\xf8\xa2", true);
	assert_true(c.gb);
	assert_false(c.gb2312);
	c = scan("\xa0\xa1", true);
	assert_false(c.gb);
	assert_false(c.gb2312);
}

/* "郵件被退回" in Big5: Big5, its second byte 40-7E no GB pair. */
static void
test_big5_words(void **state)
{
	struct cjk_pairs c = scan("\xb6\x6c\xa5\xf3\xb3\x51\xb0\x68"
	    "\xa6\x5e", true);

	(void)state;
	assert_true(c.big5);
	assert_false(c.gb);
	assert_int_equal(c.longest, 5);
	assert_int_equal(c.common, 5);
	assert_int_equal(c.rare, 0);
}

/* A Latin-1 letter inside a word ("\xd1uez") is no Big5 pair. */
static void
test_latin_guard(void **state)
{
	struct cjk_pairs c;

	(void)state;
	c = scan("\xd1uez", true);
	assert_false(c.big5);
	c = scan("\xd1ue", true);
	assert_false(c.big5);
	c = scan("\xd1u", true);
	assert_true(c.big5);
}

/* Runs restart after ASCII; the longest is kept. */
static void
test_runs(void **state)
{
	struct cjk_pairs c = scan("\xb0\xa1 \xb0\xa1\xb0\xa1\xb0\xa1 \xb0\xa1",
	    true);

	(void)state;
	assert_int_equal(c.longest, 3);
}

/* A first byte at a sample's very end waits; at the text's end it fails. */
static void
test_cut_pair(void **state)
{
	struct cjk_pairs c;

	(void)state;
	c = scan("\xb0\xa1\xb0", false);
	assert_true(c.gb);
	assert_true(c.big5);
	assert_int_equal(c.longest, 1);
	c = scan("\xb0\xa1\xb0", true);
	assert_false(c.gb);
	assert_false(c.big5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gbk_words),
		cmocka_unit_test(test_gb2312_bound),
		cmocka_unit_test(test_big5_words),
		cmocka_unit_test(test_latin_guard),
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_cut_pair),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
