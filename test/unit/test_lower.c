/*
 * test_lower.c - extract_lower(), which lowers eight bytes at a time: the
 * same bytes as the plain rule (only 'A'..'Z' change, by 0x20) for every
 * byte value at every offset across a word's boundary, in texts of every
 * length up to five words, among random bytes (high ones, '@', '[', '`',
 * '{' beside the letters).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/extract.h"

static void
test_every_byte_every_offset(void **state)
{
	unsigned seed = 7;
	char buf[40], *o;
	size_t off, len, k;
	unsigned char u, want;
	int c;

	(void)state;
	for (c = 0; c < 256; c++)
		for (off = 0; off < 17; off++) {
			for (k = 0; k < sizeof(buf); k++)
				buf[k] = (char)(rand_r(&seed) & 0xff);
			buf[off] = (char)c;
			for (len = 0; len <= sizeof(buf); len++) {
				o = extract_lower(buf, len);
				for (k = 0; k < len; k++) {
					u = (unsigned char)buf[k];
					want = u >= 'A' && u <= 'Z' ? u + 32 : u;
					assert_int_equal((unsigned char)o[k], want);
				}
				assert_int_equal(o[len], '\0');
				free(o);
			}
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte_every_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
