/*
 * test_original.c - explain/original.c reading a header block quoted in a
 * text bounce: folded fields unfolded, CRLF lines, names in any case, the
 * first of two fields of one name, RFC 2047 words decoded (a GB2312
 * Subject split over two words), a tab (folded or not) read as a space, the
 * block ending at its first blank line, a field cut at a NUL byte, and nothing
 * found in text with no such block; and a returned message/rfc822 copy, which
 * GMime leaves unparsed (mime_init): its fields read from its raw header block,
 * the copy parsed on first use only and kept (the same message the second
 * time), a delivery-status part inside it found by a walk that enters messages;
 * a copy whose bytes show it holds no part of the types looked for is not
 * parsed, while one whose type GMime would read only after decoding (an
 * encoded-word, a CR inside the type) is, and its part found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/explain.h"
#include "explain/mime.h"
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

/*
 * A field folded with a tab, as Yandex and many MTAs fold To: after its
 * first address: the tab is shown as the blank it is, not "\x09" on the
 * terminal nor "\t" in the JSON; from a quoted block and from a returned
 * message's own header alike.
 */
static void
test_folded_tab(void **state)
{
	static const char t[] = "\nReceived: x\n"
	    "To: sabineko@example.jp,\n\tmikeneko@example.jp\n"
	    "Subject: a\tquote\n";
	static const char m[] = "From: MAILER-DAEMON@example.net\n"
	    "Content-Type: multipart/report; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: message/rfc822\n\n"
	    "To: one@example.jp,\n\ttwo@example.jp\n"
	    "Subject: x\n\n"
	    "--b1--\n";
	struct explain_original o;
	GMimeStream *mem;
	GMimeParser *p;
	GMimeMessage *msg;

	(void)state;
	assert_int_equal(read_block(t, sizeof(t) - 1, &o), 1);
	assert_string_equal(o.to, "sabineko@example.jp, mikeneko@example.jp");
	assert_string_equal(o.subject, "a quote");
	original_free(&o);
	mem = g_mime_stream_mem_new_with_buffer(m, sizeof(m) - 1);
	p = g_mime_parser_new_with_stream(mem);
	msg = g_mime_parser_construct_message(p, NULL);
	assert_non_null(msg);
	memset(&o, 0, sizeof(o));
	assert_int_equal(original_find(msg, &o), 1);
	assert_string_equal(o.to, "one@example.jp, two@example.jp");
	original_free(&o);
	g_object_unref(msg);
	g_object_unref(p);
	g_object_unref(mem);
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

static int
is_status(GMimeObject *part, int depth, void *arg)
{
	char type[64];

	(void)depth;
	(void)arg;
	mime_type(part, type, sizeof(type));
	return strcmp(type, "message/delivery-status") == 0;
}

static const char *const status_types[] = { "message/delivery-status",
    NULL };

static void
test_returned_copy(void **state)
{
	static const char t[] = "From: MAILER-DAEMON@example.net\n"
	    "Content-Type: multipart/report; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nIt failed.\n"
	    "--b1\nContent-Type: message/rfc822\n\n"
	    "Subject: =?UTF-8?B?5oql5Lu3?=\n"
	    "Message-ID: <c1@example.com>\n"
	    "Content-Type: multipart/report; boundary=\"b2\"\n\n"
	    "--b2\nContent-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822; x@example.org\nStatus: 5.1.1\n"
	    "--b2--\n"
	    "--b1--\n";
	struct explain_original o;
	GMimeStream *mem;
	GMimeParser *p;
	GMimeMessage *m;
	GMimeObject *copy, *top;
	char *h;
	size_t len;

	(void)state;
	mem = g_mime_stream_mem_new_with_buffer(t, sizeof(t) - 1);
	p = g_mime_parser_new_with_stream(mem);
	m = g_mime_parser_construct_message(p, NULL);
	assert_non_null(m);
	top = g_mime_message_get_mime_part(m);
	copy = g_mime_multipart_get_part(GMIME_MULTIPART(top), 1);
	assert_true(mime_is_message(copy));
	assert_false(GMIME_IS_MESSAGE_PART(copy));	/* left unparsed */
	h = mime_inner_headers(copy, 4096, &len);
	assert_non_null(h);
	assert_non_null(strstr(h, "Message-ID: <c1@example.com>"));
	free(h);
	memset(&o, 0, sizeof(o));
	assert_int_equal(original_find(m, &o), 1);
	assert_string_equal(o.subject, "报价");
	assert_string_equal(o.message_id, "<c1@example.com>");
	original_free(&o);
	assert_false(mime_walk(GMIME_OBJECT(m), NULL, is_status, NULL));
	assert_true(mime_walk(GMIME_OBJECT(m), status_types, is_status, NULL));
	assert_ptr_equal(mime_inner_message(copy), mime_inner_message(copy));
	assert_false(mime_is_message(top));
	assert_null(mime_inner_message(top));
	g_object_unref(m);
	g_object_unref(p);
	g_object_unref(mem);
}

/* A bounce whose returned copy holds a part of type ctype (len bytes). */
static GMimeMessage *
bounce_with_copy(const char *ctype, size_t len, GMimeObject **copy)
{
	static const char head[] = "From: MAILER-DAEMON@example.net\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nIt failed.\n"
	    "--b1\nContent-Type: message/rfc822\n\n"
	    "Subject: =?UTF-8?B?5oql5Lu3?=\n"
	    "Content-Type: multipart/mixed; boundary=\"b2\"\n\n"
	    "--b2\nContent-Type: ";
	static const char tail[] = "\n\nFinal-Recipient: rfc822; x@example.org\n"
	    "--b2--\n--b1--\n";
	GMimeStream *mem = g_mime_stream_mem_new();
	GMimeParser *p;
	GMimeMessage *m;

	g_mime_stream_write(mem, head, sizeof(head) - 1);
	g_mime_stream_write(mem, ctype, len);
	g_mime_stream_write(mem, tail, sizeof(tail) - 1);
	g_mime_stream_reset(mem);
	p = g_mime_parser_new_with_stream(mem);
	m = g_mime_parser_construct_message(p, NULL);
	assert_non_null(m);
	*copy = g_mime_multipart_get_part(GMIME_MULTIPART(
	    g_mime_message_get_mime_part(m)), 1);
	assert_true(mime_is_message(*copy));
	g_object_unref(p);
	g_object_unref(mem);
	return m;
}

static void
test_walk_copies(void **state)
{
	/* what GMime reads as message/delivery-status, and what it does not */
	static const struct {
		const char	*ctype;
		size_t		 len;
		int		 found;
		int		 parsed;
	} cases[] = {
		{ "message/delivery-status", 23, 1, 1 },
		{ "Message/Delivery-Status", 23, 1, 1 },
		{ "=?us-ascii?q?message/delivery-status?=", 38, 1, 1 },
		{ "=?us-ascii?b?bWVzc2FnZS9kZWxpdmVyeS1zdGF0dXM=?=", 47, 1, 1 },
		{ "message/delivery\r-status", 24, 1, 1 },
		{ "message/\r\n delivery-status", 27, 1, 1 },
		{ "message/delivery\0-status", 24, 0, 1 },
		{ "message/delivery(x)-status", 26, 0, 0 },
		{ "text/plain", 10, 0, 0 },
	};
	GMimeObject *copy;
	GMimeMessage *m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		m = bounce_with_copy(cases[i].ctype, cases[i].len, &copy);
		assert_false(mime_walk(GMIME_OBJECT(m), NULL, is_status, NULL));
		assert_int_equal(mime_walk(GMIME_OBJECT(m), status_types,
		    is_status, NULL), cases[i].found);
		/* a copy that cannot hold one is not parsed */
		assert_int_equal(g_object_get_data(G_OBJECT(copy),
		    "mxtrace-inner-message-tried") != NULL, cases[i].parsed);
		g_object_unref(m);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_encoded_and_nul),
		cmocka_unit_test(test_folded_tab),
		cmocka_unit_test(test_returned_copy),
		cmocka_unit_test(test_walk_copies),
	};

	explain_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
