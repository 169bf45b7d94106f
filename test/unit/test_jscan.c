/*
 * test_jscan.c - record/jscan.c takes a text only when jansson takes it
 * (json_loadb, JSON_ALLOW_NUL), and then finds each member as jansson
 * decodes it: the texts verify --resume meets (a record with an address
 * in quotes, escapes, non-ASCII and IDN text, a torn or empty line, a
 * line of garbage), every rule of JSON's grammar on either side of the
 * edge, and a record mutated at random 200,000 times (bytes that matter
 * put in, taken out, changed) compared with jansson each time.
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

#include "record/jscan.h"

static const char *const names[] = { "row", "part", "address", "domain",
    "duplicate_of", "attempts", "reply", "mx", "role", "t" };
#define NNAMES	(sizeof(names) / sizeof(names[0]))

/* A record as verify writes it, with the bytes that test a reader. */
static const char record[] =
    "{\"summary\":\"bad\",\"address\":\"\\\"john \\\\\\\"q\\\\\\\" doe\\\""
    "@b\xc3\xbc" "cher.test\",\"domain\":\"xn--bcher-kva.test\","
    "\"verdict\":\"no_mail_domain\",\"reason\":\"domain_not_found\","
    "\"explanation\":\"\xe5\x9f\x9f\xe5\x90\x8d\xe4\xb8\x8d\xe5\xad\x98"
    "\xe5\x9c\xa8 \\u00e9\\ud83d\\ude00 tab\\tnl\\n\\/ \xf0\x9f\x98\x80\","
    "\"reply\":{\"code\":550,\"enhanced\":\"5.1.1\",\"text\":\"no\\u0000"
    "such\"},\"mx\":[{\"host\":\"mx.b\xc3\xbc" "cher.test\",\"pref\":10}],"
    "\"attempts\":[{\"mx\":\"a\",\"steps\":[[1,2.5,-0.0,1e5,true,false,null"
    "]]},{\"mx\":\"last\",\"ms\":-12}],\"role\":false,\"t\":{\"dns_ms\":9},"
    "\"row\":12345,\"part\":null,\"input\":null,\"duplicate_of\":null}";

/*
 * jscan's promise for s[0..len): when it is sure, jansson takes the text
 * and each wanted member jscan found is the one jansson decodes (an
 * array's last element for "attempts").  Returns whether jscan was sure.
 */
static bool
check_promise(const char *s, size_t len, const char *what)
{
	struct jscan_member m[NNAMES];
	json_t *whole, *v, *want;
	const char *ev;
	size_t i, elen;
	bool sure;

	for (i = 0; i < NNAMES; i++)
		m[i].name = names[i];
	sure = jscan_object(s, len, m, NNAMES);
	whole = json_loadb(s, len, JSON_ALLOW_NUL, NULL);
	if (sure && (whole == NULL || !json_is_object(whole)))
		fail_msg("%s: jscan took what jansson refuses: %.*s", what,
		    (int)len, s);
	for (i = 0; sure && i < NNAMES; i++) {
		want = json_object_get(whole, names[i]);
		if ((want == NULL) != (m[i].val == NULL))
			fail_msg("%s: member %s found by one side only", what,
			    names[i]);
		if (want == NULL)
			continue;
		v = jscan_value(m[i].val, m[i].len);
		if (v == NULL || !json_equal(v, want))
			fail_msg("%s: member %s differs: %.*s", what, names[i],
			    (int)m[i].len, m[i].val);
		json_decref(v);
		if (json_is_array(want) && json_array_size(want) > 0) {
			if (!jscan_last(m[i].val, m[i].len, &ev, &elen))
				fail_msg("%s: no last element of %s", what, names[i]);
			v = jscan_value(ev, elen);
			if (!json_equal(v, json_array_get(want,
			    json_array_size(want) - 1)))
				fail_msg("%s: last element of %s differs", what,
				    names[i]);
			json_decref(v);
		}
	}
	json_decref(whole);
	return sure;
}

static bool
promise(const char *s, const char *what)
{
	return check_promise(s, strlen(s), what);
}

static void
test_record_read(void **state)
{
	struct jscan_member m[3] = { { "address", NULL, 0 }, { "row", NULL, 0 },
	    { "absent", NULL, 0 } };
	json_t *v;

	(void)state;
	assert_true(promise(record, "the record"));
	assert_true(jscan_object(record, strlen(record), m, 3));
	v = jscan_value(m[0].val, m[0].len);
	assert_string_equal(json_string_value(v),
	    "\"john \\\"q\\\" doe\"@b\xc3\xbc" "cher.test");
	json_decref(v);
	v = jscan_value(m[1].val, m[1].len);
	assert_int_equal(json_integer_value(v), 12345);
	json_decref(v);
	assert_null(m[2].val);
	/* a Chinese address, written as is (no \u escapes) */
	assert_true(promise("{\"address\":\"\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe"
	    "\x8b\xe5\xad\x90.test\",\"row\":1}", "a Chinese address"));
	/* a repeated member: the last, as jansson */
	assert_true(promise("{\"row\":1,\"row\":2}", "row twice"));
	assert_true(promise(" {\"row\" : 1 ,\t\"t\":[ ] , \"mx\":{}}\r\n ",
	    "whitespace"));
}

static void
test_refused_lines(void **state)
{
	static const char *const bad[] = {
		"", " ", "x", "[]", "[1]", "\"s\"", "1", "null", "{", "}",
		"{\"row\":1", "{\"row\":1,}", "{\"row\":1}x", "{\"row\":1}{}",
		"{\"row\":1,\"address\":\"abc", "{\"row\" 1}", "{row:1}",
		"{\"row\":01}", "{\"row\":-}", "{\"row\":1.}", "{\"row\":.5}",
		"{\"row\":1e}", "{\"row\":+1}", "{\"row\":0x1}", "{\"row\":tru}",
		"{\"row\":truex}", "{\"row\":nul}", "{\"row\":NULL}",
		"{\"row\":[1,]}", "{\"row\":[,1]}", "{\"row\":{\"a\"}}",
		"{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}",
		"{\"a\":\"\\ud800\"}", "{\"a\":\"\\ud800x\"}",
		"{\"a\":\"\\ud800\\u0041\"}", "{\"a\":\"\\udc00\"}",
		"{\"a\":\"\x01\"}", "{\"a\":\"\t\"}", "{\"a\":\"\xff\"}",
		"{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}",
		"{\"a\":\"\xf4\x90\x80\x80\"}", "{\"a\":\"\xe4\xb8\"}",
		"\xef\xbb\xbf{\"row\":1}",
		/* jansson refuses what the grammar allows */
		"{\"row\":99999999999999999999}", "{\"row\":1e999}",
		"{\"a\\u0000\":1}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check_promise(bad[i], strlen(bad[i]), bad[i]))
			fail_msg("jscan took %s", bad[i]);
	/* a NUL byte after the object, in a string, in place of a value */
	assert_false(check_promise("{\"row\":1}\0", 10, "NUL after"));
	assert_false(check_promise("{\"a\":\"\0\"}", 9, "NUL in a string"));
	assert_false(check_promise("{\"a\":\0}", 7, "NUL a value"));
	/* a record torn anywhere: never taken */
	for (i = 0; i < strlen(record); i++)
		if (check_promise(record, i, "torn"))
			fail_msg("jscan took the record torn at %zu", i);
}

static void
test_edges_taken(void **state)
{
	static const char *const good[] = {
		"{}", "{\"row\":0}", "{\"row\":-0}", "{\"row\":-1}",
		"{\"row\":123456789012345678}", "{\"row\":1.5}",
		"{\"row\":-1.25e+10}", "{\"row\":2E-3}", "{\"t\":[[[[]]]]}",
		"{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
		"{\"a\":\"\\u0000\\uFFFF\\udbff\\udfff\"}",
		"{\"a\":\"\x7f\xc2\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf\"}",
		"{\"\":1,\"row\":true,\"part\":false,\"mx\":null}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!promise(good[i], good[i]))
			fail_msg("jscan left %s to jansson", good[i]);
}

static void
test_mutated_like_jansson(void **state)
{
	static const char *const pieces[] = { "\"", "\\", "\\u", "\\ud83d",
	    "\\udc00", "\\u0000", "{", "}", "[", "]", ",", ":", " ", "\t",
	    "\n", "0", "1", "-", ".", "e", "+", "true", "null", "\x01",
	    "\x7f", "\xc3", "\xbc", "\xff", "\xe4\xb8\xad", "\xed\xa0\x80",
	    "\xf0\x9f\x98\x80", "\"row\":", "a" };
	char buf[sizeof(record) + 64];
	size_t len, at, k, n = sizeof(pieces) / sizeof(pieces[0]), sure = 0;
	unsigned seed = 19;
	const char *p;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		memcpy(buf, record, sizeof(record) - 1);
		len = sizeof(record) - 1;
		for (k = 1 + (size_t)rand_r(&seed) % 2; k > 0; k--) {
			at = (size_t)rand_r(&seed) % (len + 1);
			p = pieces[(size_t)rand_r(&seed) % n];
			switch (rand_r(&seed) % 3) {
			case 0:		/* put in */
				memmove(buf + at + strlen(p), buf + at, len - at);
				memcpy(buf + at, p, strlen(p));
				len += strlen(p);
				break;
			case 1:		/* take out */
				if (at < len) {
					memmove(buf + at, buf + at + 1, len - at - 1);
					len--;
				}
				break;
			default:	/* change */
				if (at < len)
					buf[at] = *p;
			}
		}
		sure += check_promise(buf, len, "mutated");
	}
	/* many mutations leave valid JSON (inside a string): both sides seen */
	assert_true(sure > 20000 && sure < 190000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_read),
		cmocka_unit_test(test_refused_lines),
		cmocka_unit_test(test_edges_taken),
		cmocka_unit_test(test_mutated_like_jansson),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
