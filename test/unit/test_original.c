/*
 * test_original.c - explain/original.c reading a header block quoted in a
 * text bounce: folded fields unfolded, CRLF lines, names in any case, the
 * first of two fields of one name, RFC 2047 words decoded (a GB2312
 * Subject split over two words), the block ending at its first blank line,
 * a field cut at a NUL byte, and nothing found in text with no such block.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/explain.h"
#include "explain/original.h"

static int
read_block(const char *text, size_t len, struct explain_original *o)
{
	memset(o, 0, sizeof(*o));
	return original_from_text(text, len, o);
}

static void
test_fields(void **state)
{
	static const char t[] = "The mail system\n\n"
	    "Received: from a\n\tby b\n"
	    "SUBJECT: a quote\n  for you\n"
	    "To: <one@example.com>\r\n"
	    "to: <two@example.com>\n"
	    "Message-Id:\n <m1@example.com>\n"
	    "Date: Mon, 30 Nov 2026 10:00:00 +0800\n"
	    "\n"
	    "From: body@example.com\n";
	struct explain_original o;

	(void)state;
	assert_int_equal(read_block(t, sizeof(t) - 1, &o), 1);
	assert_string_equal(o.subject, "a quote  for you");
	assert_string_equal(o.to, "<one@example.com>");
	assert_string_equal(o.message_id, "<m1@example.com>");
	assert_string_equal(o.date, "Mon, 30 Nov 2026 10:00:00 +0800");
	assert_null(o.from);		/* after the blank line: the body */
	original_free(&o);
}

static void
test_encoded_and_nul(void **state)
{
	/* "报价单" in GB2312, split over two base64 words */
	static const char t[] = "\nReceived: x\n"
	    "Subject: =?GB2312?B?sai82w==?= =?GB2312?B?taU=?=\n"
	    "From: a@b.example\0hidden\n";
	struct explain_original o;

	(void)state;
	assert_int_equal(read_block(t, sizeof(t) - 1, &o), 1);
	assert_string_equal(o.subject, "报价单");
	assert_string_equal(o.from, "a@b.example");
	original_free(&o);
	assert_int_equal(read_block("no headers here\n", 16, &o), 0);
	original_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_encoded_and_nul),
	};

	explain_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
