/*
 * test_jsonw.c - the record's text writer (record/jsonw.c) writes every
 * string exactly as jansson does (json_dumps, JSON_COMPACT | ENCODE_ANY, of
 * the string made valid UTF-8): random strings over the bytes that matter
 * (controls, NUL, quote, backslash, slash, DEL, multi-byte and invalid
 * sequences, U+2028), whether they take the plain copy, jansson's path or
 * jansson's earlier answer for the same bytes;
 * numbers, cut-back and growth past the first buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/escape.h"
#include "record/jsonw.h"

static const char *const pieces[] = {
	"a", "Z", "0", " ", "/", "\"", "\\", "\x7f", "\x01", "\x1f", "\r",
	"\n", "\t", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
	"\xe2\x80\xa8", "\xe2\x80\xae", "\xff", "\xc3", "\xed\xa0\x80",
	"\xc0\xaf", "<", ">", "@", "",
};

/* jansson's own answer for s[0..len). */
static char *
reference(const char *s, size_t len)
{
	size_t n;
	char *u = esc_utf8(s, len, &n), *out;
	json_t *j = json_stringn(u, n);

	assert_non_null(j);
	out = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	free(u);
	return out;
}

/* w writes s[0..len) as jansson does; case names it in a failure. */
static void
check_like_jansson(struct jsonw *w, const char *s, size_t len, size_t nth)
{
	char *want = reference(s, len);

	jsonw_reset(w);
	jsonw_bytes(w, s, len);
	if (w->len != strlen(want) || memcmp(w->buf, want, w->len) != 0)
		fail_msg("case %zu: wrote %s, jansson %s", nth, w->buf, want);
	free(want);
}

static void
test_strings_like_jansson(void **state)
{
	struct jsonw w;
	char s[64];
	size_t len, k, i, npieces = sizeof(pieces) / sizeof(pieces[0]);
	unsigned seed = 8;

	(void)state;
	jsonw_init(&w);
	for (i = 0; i < 20000; i++) {
		len = 0;
		for (k = (size_t)(rand_r(&seed) % 8); k > 0; k--) {
			const char *p = pieces[(size_t)rand_r(&seed) % npieces];

			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		if (rand_r(&seed) % 5 == 0)
			s[len++] = '\0';	/* a NUL inside */
		check_like_jansson(&w, s, len, i);
	}
	/* the same few escaped strings again and again (the memo), and ones
	 * that differ from them only in their last byte or their length */
	for (i = 0; i < 2000; i++) {
		static const char *const again[] = { "mx\npipelining\nsize",
		    "mx\npipelining\nsizf", "mx\npipelining\nsiz", "\xff\n",
		    "\xfe\n", "a\"b", "a\"c", "\x01", "\x02", "" };
		const char *p = again[(size_t)rand_r(&seed) % 10];

		len = strlen(p) + (rand_r(&seed) % 3 == 0);	/* + its NUL */
		check_like_jansson(&w, p, len, 20000 + i);
	}
	jsonw_reset(&w);
	jsonw_str(&w, NULL);
	jsonw_raw(&w, ",", 1);
	jsonw_str_or_null(&w, "");
	assert_string_equal(w.buf, "null,null");
	jsonw_free(&w);
}

static void
test_numbers_and_cut(void **state)
{
	struct jsonw w;
	size_t i, mark;

	(void)state;
	jsonw_init(&w);
	jsonw_int(&w, 0);
	JSONW_LIT(&w, ",");
	jsonw_int(&w, -1);
	JSONW_LIT(&w, ",");
	jsonw_int(&w, 9223372036854775807LL);
	JSONW_LIT(&w, ",");
	jsonw_int(&w, -9223372036854775807LL - 1);
	JSONW_LIT(&w, ",");
	jsonw_bool(&w, true);
	assert_string_equal(w.buf, "0,-1,9223372036854775807,"
	    "-9223372036854775808,true");
	mark = w.len;
	for (i = 0; i < 10000; i++)		/* past the first 4 KiB */
		jsonw_bytes(&w, "\x01\x02", 2);
	assert_int_equal(w.len, mark + 10000 * 14);
	jsonw_cut(&w, mark);
	assert_string_equal(w.buf, "0,-1,9223372036854775807,"
	    "-9223372036854775808,true");
	jsonw_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_like_jansson),
		cmocka_unit_test(test_numbers_and_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
