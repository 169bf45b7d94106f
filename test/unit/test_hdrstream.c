/*
 * test_hdrstream.c - explain/hdrstream.c and rawhdr.c through the source
 * reader (an mbox file): a message's own fields kept from GMime and read
 * back in order with their raw values (folds, CRLF), the first of two of
 * one name, GMime's own decoding; GMime left only the Content- fields of
 * the top-level part, which it still parses (multipart, boundary, parts);
 * blocks that are not simple (blanks before a colon, a line that is no
 * field, a "From :" field) left to GMime whole and read the same; the
 * messages after each found where GMime finds them; in a block too big to
 * hold, the fields past the buffer dropped and counted, also in a single
 * message whose first 8 KB end inside a field's name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "explain/explain.h"
#include "explain/mime.h"
#include "explain/source.h"

static const char mbox[] =
    "From MAILER-DAEMON Mon Nov 30 00:00:00 2026\n"
    "Received: from a\n\tby b; Mon, 30 Nov 2026\n"
    "Subject: =?UTF-8?B?w6k=?= first\r\n"
    "subject: second\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    " boundary=\"b1\"\n"
    "MIME-Version: 1.0\n"
    "\n"
    "--b1\nContent-Type: text/plain\n\nhello\n"
    "--b1\nContent-Type: message/delivery-status\n\n"
    "Final-Recipient: rfc822; x@example.org\n"
    "--b1--\n"
    "From b Mon Nov 30 00:00:00 2026\n"
    "Subject : blanks before the colon\n"
    "X-A: 1\n"
    "\n"
    "body\n"
    "From c Mon Nov 30 00:00:00 2026\n"
    "From : a field, not a start\n"
    "To: someone@example.org\n"
    "\n"
    "From d Mon Nov 30 00:00:00 2026\n"
    "X-Only: 1\n"
    "\n"
    "last\n";

static struct source *
open_mbox(char *path, size_t n)
{
	struct source *s;
	char *err = NULL;
	FILE *f;

	snprintf(path, n, "/tmp/test_hdrstream.%ld", (long)getpid());
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(mbox, 1, sizeof(mbox) - 1, f),
	    sizeof(mbox) - 1);
	fclose(f);
	s = source_open(path, &err);
	assert_non_null(s);
	return s;
}

static GMimeMessage *
next(struct source *s)
{
	GMimeMessage *m = NULL;
	const char *name;
	size_t index;
	char *err = NULL;

	assert_int_equal(source_next(s, &m, &name, &index, &err), 1);
	return m;
}

static void
test_kept(void **state)
{
	char path[64], *v;
	const char *name, *raw;
	struct source *s = open_mbox(path, sizeof(path));
	GMimeMessage *m = next(s);
	GMimeObject *o = GMIME_OBJECT(m), *top;
	GMimeHeaderList *hl;

	(void)state;
	assert_true(mime_header_at(o, 0, &name, &raw));
	assert_string_equal(name, "Received");
	assert_string_equal(raw, " from a\n\tby b; Mon, 30 Nov 2026\n");
	assert_true(mime_header_at(o, 1, &name, &raw));
	assert_string_equal(raw, " =?UTF-8?B?w6k=?= first\r\n");
	assert_true(mime_header_at(o, 3, &name, &raw));
	assert_string_equal(name, "MIME-Version");
	assert_false(mime_header_at(o, 4, &name, &raw));
	v = mime_header(o, "SUBJECT");		/* the first of the two */
	assert_string_equal(v, "\xc3\xa9 first");
	free(v);
	v = mime_header_gmime(o, "Subject");
	assert_string_equal(v, "\xc3\xa9 first");
	free(v);
	assert_null(mime_header_raw(o, "Content-Type"));  /* the part's */
	/* GMime saw only the Content- fields, and still built the parts */
	hl = g_mime_object_get_header_list(o);
	assert_false(g_mime_header_list_contains(hl, "Received"));
	top = g_mime_message_get_mime_part(m);
	assert_true(GMIME_IS_MULTIPART(top));
	assert_int_equal(g_mime_multipart_get_count(GMIME_MULTIPART(top)), 2);
	assert_non_null(mime_header_raw(top, "Content-Type"));
	g_object_unref(m);

	/* blanks before a colon: GMime's own fields, read the same way */
	m = next(s);
	v = mime_header(GMIME_OBJECT(m), "Subject");
	assert_string_equal(v, "blanks before the colon");
	free(v);
	assert_true(g_mime_header_list_contains(
	    g_mime_object_get_header_list(GMIME_OBJECT(m)), "X-A"));
	g_object_unref(m);

	/* "From :" in a header block is a field, not the next message */
	m = next(s);
	v = mime_header(GMIME_OBJECT(m), "To");
	assert_string_equal(v, "someone@example.org");
	free(v);
	g_object_unref(m);

	/* no Content- field at all: kept, GMime given a stand-in */
	m = next(s);
	assert_true(mime_header_at(GMIME_OBJECT(m), 0, &name, &raw));
	assert_string_equal(name, "X-Only");
	assert_false(mime_header_at(GMIME_OBJECT(m), 1, &name, &raw));
	g_object_unref(m);
	assert_int_equal(source_count(s), 4);
	source_close(s);
	unlink(path);
}

/*
 * A header block too big for hdrstream's buffer (40,000 fields, ~600 KB)
 * in an mbox: past the buffer's worth GMime is given only its Content-
 * fields (folds included), so it holds ~17,000 fields, not 40,002 (1.1 GB
 * for 16 MB of them), and still builds the parts and finds the next
 * message.
 */
static void
test_huge_block(void **state)
{
	char path[64];
	struct source *s;
	GMimeMessage *m;
	GMimeObject *top;
	FILE *f;
	int i, n;
	char *v, *err = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_hdrstream_big.%ld",
	    (long)getpid());
	assert_non_null(f = fopen(path, "w"));
	fputs("From a@example.org Mon Nov 30 00:00:00 2026\n"
	    "Subject: first\n", f);
	for (i = 0; i < 40000; i++)
		fprintf(f, "X-Junk-%05d: y\n\tfold\n", i);
	fputs("Content-Type: multipart/mixed;\n\tboundary=\"b\"\n\n"
	    "--b\n\none\n--b\n\ntwo\n--b--\n\n"
	    "From b@example.org Mon Nov 30 00:00:00 2026\n"
	    "Subject: second\n\nbody\n", f);
	fclose(f);
	assert_non_null(s = source_open(path, &err));
	m = next(s);
	n = g_mime_header_list_get_count(
	    g_mime_object_get_header_list(GMIME_OBJECT(m)));
	assert_true(n > 1000 && n < 20000);
	/* the fields GMime never saw are counted: with those it holds (the
	 * Content-Type is its part's), all 40,000 and the Subject */
	assert_int_equal(mime_dropped(m) + (size_t)n, 40001);
	top = g_mime_message_get_mime_part(m);
	assert_true(GMIME_IS_MULTIPART(top));
	assert_int_equal(g_mime_multipart_get_count(GMIME_MULTIPART(top)), 2);
	g_object_unref(m);
	m = next(s);
	v = mime_header(GMIME_OBJECT(m), "Subject");
	assert_string_equal(v, "second");
	assert_int_equal(mime_dropped(m), 0);
	free(v);
	g_object_unref(m);
	source_close(s);
	unlink(path);
}

/*
 * One message (no mbox) whose header block is larger than the buffer:
 * read as a message even though the 8 KB first looked at ends inside a
 * field's name, and the fields past the buffer counted as dropped.
 */
static void
test_huge_message(void **state)
{
	char path[64];
	struct source *s;
	GMimeMessage *m;
	FILE *f;
	int i, n;
	char *err = NULL;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_hdrstream_one.%ld",
	    (long)getpid());
	assert_non_null(f = fopen(path, "w"));
	fputs("Subject: first\n", f);		/* 15 bytes, then 16 a field: */
	for (i = 0; i < 40000; i++)		/* byte 8192 is in field 511's name */
		fprintf(f, "X-Junk-%05d: y\n", i);
	fputs("Content-Type: text/plain\n\nbody\n", f);
	fclose(f);
	assert_non_null(s = source_open(path, &err));
	m = next(s);
	n = g_mime_header_list_get_count(
	    g_mime_object_get_header_list(GMIME_OBJECT(m)));
	assert_true(n > 1000 && n < 20000);
	assert_int_equal(mime_dropped(m) + (size_t)n, 40001);
	g_object_unref(m);
	source_close(s);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_huge_block),
		cmocka_unit_test(test_huge_message),
	};

	explain_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
