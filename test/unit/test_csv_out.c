/*
 * test_csv_out.c - verify's CSV: the summary first, rows in input order,
 * the input columns with the address column from the record, formula
 * cells from the input, the header, the address column and servers
 * neutralized, the reply text cut at exactly CSV_OUT_TEXT_MAX bytes, date-like
 * cells kept as text, quoting by libcsv, long reply text cut, a row without a
 * record as not_checked, a cell of two addresses as two rows, ';' as separator,
 * Chinese headers and words, the file replaced atomically, and the last
 * column, duplicate_of.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <jansson.h>

#include "record/result_json.h"
#include "verify/csv_out.h"

#define B(s)	s, sizeof(s) - 1

/* The input rows the CSV is made from. */
struct rows {
	struct csv_out_row	*v;
	size_t			 n, i;
};

static int
next_row(void *arg, struct csv_out_row *out)
{
	struct rows *r = arg;

	if (r->i == r->n)
		return 0;
	*out = r->v[r->i++];
	return 1;
}

static char *
slurp(const char *path)
{
	static char buf[16384];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Each record's cells as --resume keeps them: from the JSON Lines file. */
static struct csv_rows *
rows_of(const char *jl, const char *csv)
{
	struct csv_rows *rows;
	char *err = NULL, line[8192];
	json_t *o;
	FILE *f;

	rows = csv_rows_open(csv, 5, &err);
	assert_non_null(rows);
	f = fopen(jl, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		o = json_loads(line, JSON_ALLOW_NUL, NULL);
		assert_non_null(o);
		csv_rows_add_json(rows, (unsigned long)json_integer_value(
		    json_object_get(o, "row")), (unsigned long)
		    json_integer_value(json_object_get(o, "part")), o, LANG_EN);
		json_decref(o);
	}
	fclose(f);
	return rows;
}

static void
test_csv(void **state)
{
	char dir[] = "/tmp/mxtrace-csv-XXXXXX", jl[128], csv[128], tmp[140];
	char *buf, *err, longtext[3000];
	static const char *const names[] = { "Name", "Email", "=Note" };
	static char *const f2[] = { "@SUM(A1)", "+a@x.test", "-2+3" };
	static char *const f3[] = { "Bo, \"B\"", "b@y.test", "line1\nline2" };
	static char *const f4[] = { "Cy", "c@z.test", "2024-01-05" };
	static char *const f5[] = { "Di", "d@z.test; e@z.test", "0086" };
	static const size_t l2[] = { 8, 9, 4 }, l3[] = { 7, 8, 11 },
	    l4[] = { 2, 8, 10 }, l5[] = { 2, 18, 4 };
	static const char *const p2[] = { "+a@x.test" }, *const p3[] = { "b@y.test" },
	    *const p4[] = { "c@z.test" }, *const p5[] = { "d@z.test", "e@z.test" };
	static const unsigned long one[] = { 0 }, two[] = { 1, 2 },
	    nodup[] = { 0, 0 };
	struct csv_out_row in[] = {
		{ 2, 3, f2, l2, 1, p2, one, nodup },
		{ 3, 3, f3, l3, 1, p3, one, nodup },
		{ 4, 3, f4, l4, 1, p4, one, nodup },
		{ 5, 3, f5, l5, 2, p5, two, nodup },
	};
	struct rows inrows = { in, 4, 0 };
	struct csv_out_cols cols = { 3, names, 1 };
	struct csv_out_opts en = { ',', LANG_EN }, zh = { ';', LANG_ZH };
	struct csv_rows *rows;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(jl, sizeof(jl), "%s/o.jsonl", dir);
	snprintf(csv, sizeof(csv), "%s/o.csv", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", csv);
	memset(longtext, 'z', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	f = fopen(jl, "w");
	assert_non_null(f);
	fprintf(f, "{\"row\":3,\"address\":\"b@y.test\",\"verdict\":\"undeliverable\","
	    "\"stage\":\"rcpt\",\"reason\":\"mailbox_unknown\",\"explanation\":\"No.\","
	    "\"reply\":{\"code\":550,\"enhanced\":\"5.1.1\",\"text\":\"%s\"},"
	    "\"mx\":[],\"attempts\":[{\"mx\":\"=mx.y.test\"}],"
	    "\"input\":{\"Name\":\"Bo, \\\"B\\\"\",\"Note\":\"line1\\nline2\"}}\n",
	    longtext);
	fprintf(f, "{\"row\":2,\"address\":\"+a@x.test\",\"verdict\":\"deliverable\","
	    "\"stage\":\"rcpt\",\"reason\":\"accepted\",\"explanation\":\"Yes.\","
	    "\"reply\":{\"code\":250,\"enhanced\":null,\"text\":\"=HYPERLINK(1)\"},"
	    "\"mx\":[{\"host\":\"mx.x.test\"}],\"attempts\":[],"
	    "\"input\":{\"Name\":\"@SUM(A1)\",\"Note\":\"-2+3\"},"
	    "\"summary\":\"ok\",\"role\":true,\"suggestion\":null}\n");
	/* row 5: only its second address has a record (part 2) */
	fprintf(f, "{\"row\":5,\"part\":2,\"address\":\"e@z.test\",\"verdict\":"
	    "\"undeliverable\",\"stage\":\"rcpt\",\"reason\":\"mailbox_unknown\","
	    "\"summary\":\"bad\",\"reply\":{\"code\":550,\"enhanced\":\"5.1.1\","
	    "\"text\":\"no\"}}\n");
	fclose(f);
	rows = rows_of(jl, csv);
	assert_int_equal(csv_out_check(csv, &err), 0);
	assert_int_equal(csv_out_write(csv, rows, &cols, &en, next_row,
	    &inrows, 5, &err), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	buf = slurp(csv);
	/* BOM, header, then row 2 before row 3 */
	/* header cells and the address column are neutralised too */
	assert_memory_equal(buf, "\xef\xbb\xbf\"summary\",\"Name\",\"Email\",\"'=Note\",\"verdict\"", 44);
	/* the explanation made again from verdict, reason and role */
	if (strstr(buf, "\"ok\",\"'@SUM(A1)\",\"'+a@x.test\",\"'-2+3\",\"deliverable\",\"rcpt\","
	    "\"accepted\",\"250\",\"\",\"'=HYPERLINK(1)\",\"mx.x.test\",\"The recipient's "
	    "mail server accepted this address, ") == NULL ||
	    strstr(buf, "Write to a person when you can.\",\"\",\"yes\",\"\",\"\"\r\n") == NULL)
		fail_msg("row 2 wrong:\n%s", buf);
	/* row 4 has no record: not_checked, its date-like cell kept as text */
	if (strstr(buf, "\"unknown\",\"Cy\",\"c@z.test\",\"=\"\"2024-01-05\"\"\",\"not_checked\",\"\",\"interrupted\"") == NULL)
		fail_msg("row 4 wrong:\n%s", buf);
	/*
	 * row 5: two rows, the first not checked, the second with 5.1.1 as text
	 */
	if (strstr(buf, "\"unknown\",\"Di\",\"d@z.test\",\"=\"\"0086\"\"\",\"not_checked\"") == NULL ||
	    strstr(buf, "\"bad\",\"Di\",\"e@z.test\",\"=\"\"0086\"\"\",\"undeliverable\",\"rcpt\","
	    "\"mailbox_unknown\",\"550\",\"=\"\"5.1.1\"\"\"") == NULL)
		fail_msg("row 5 wrong:\n%s", buf);
	assert_true(strstr(buf, "d@z.test") < strstr(buf, "e@z.test"));
	/* Chinese words, ';' between cells */
	inrows.i = 0;
	assert_int_equal(csv_out_write(csv, rows, &cols, &zh, next_row,
	    &inrows, 5, &err), 0);
	buf = slurp(csv);
	if (strstr(buf, "\"\xe6\x80\xbb\xe4\xbd\x93\xe5\x88\xa4\xe6\x96\xad\";\"Name\";") == NULL ||
	    strstr(buf, "\"\xe5\x8f\xaf\xe7\x94\xa8\";\"'@SUM(A1)\";\"'+a@x.test\";\"'-2+3\";\"\xe5\x8f\xaf\xe6\x8a\x95\xe9\x80\x92\"") == NULL ||
	    strstr(buf, "\xe6\x9c\xaa\xe6\xa3\x80\xe6\xb5\x8b") == NULL)
		fail_msg("Chinese CSV wrong:\n%s", buf);
	inrows.i = 0;
	assert_int_equal(csv_out_write(csv, rows, &cols, &en, next_row,
	    &inrows, 5, &err), 0);
	buf = slurp(csv);
	if (strstr(buf, "\"Bo, \"\"B\"\"\",\"b@y.test\",\"line1\nline2\",\"undeliverable\"") == NULL)
		fail_msg("row 3 quoting wrong:\n%s", buf);
	assert_true(strstr(buf, "\"'=mx.y.test\"") != NULL);
	assert_true(strstr(buf, "a@x.test") < strstr(buf, "b@y.test"));
	/* the reply text is cut to CSV_OUT_TEXT_MAX */
	assert_null(strstr(buf,
	    longtext + sizeof(longtext) - 1 - CSV_OUT_TEXT_MAX - 1));
	/* ... and no shorter: exactly 1,024 bytes, as the man page says */
	assert_non_null(strstr(buf, ",\"zzz"));
	assert_int_equal(strspn(strstr(buf, ",\"zzz") + 2, "z"), 1024);
	csv_rows_close(rows);
	unlink(csv);
	unlink(jl);
	rmdir(dir);
}

/*
 * A record's CSV cells are the same whether they are taken from the result
 * as it is written or from its JSON (resumed and duplicate rows): a result
 * with hostile reply text longer than the cut, both ways, same row bytes.
 */
static void
result_like_json(enum lang json_lang)
{
	static const char text[] = "a\x00" "b \xff \x1b[31m =1+1 \"q\"";
	static char *const f1[] = { "x@y.test" };
	static const size_t l1[] = { 8 };
	static const char *const p1[] = { "x@y.test" };
	static const unsigned long one[] = { 0 };
	static const char *const names[] = { "Email" };
	struct csv_out_row in[] = { { 1, 1, f1, l1, 1, p1, one, one },
	    { 2, 1, f1, l1, 1, p1, one, one } };
	struct rows inrows = { in, 2, 0 };
	struct csv_out_cols cols = { 1, names, 0 };
	struct csv_out_opts zh = { ',', LANG_ZH };
	char dir[] = "/tmp/mxtrace-csvXXXXXX", csv[300], *err, *buf, *a, *b;
	char longtext[1500];
	struct probe_result r;
	struct csv_rows *rows;
	struct attempt *at;
	struct step *st;
	json_t *o;
	size_t i;

	assert_non_null(mkdtemp(dir));
	snprintf(csv, sizeof(csv), "%s/o.csv", dir);
	for (i = 0; i < sizeof(longtext); i++)
		longtext[i] = "\xe4\xb8\xad"[i % 3];	/* cut inside a character */
	memcpy(longtext, text, sizeof(text) - 1);
	result_init(&r, "x@y.test");
	r.domain = xstrdup("y.test");
	at = result_add_attempt(&r);
	attempt_init(at, "mx.y.test", "192.0.2.1", 25);
	st = attempt_add_step(at, STAGE_RCPT, "RCPT TO:<x@y.test>");
	step_set_reply(st, 550, "5.1.1", longtext, sizeof(longtext));
	result_decide(&r, VERDICT_UNDELIVERABLE, STAGE_RCPT,
	    REASON_MAILBOX_UNKNOWN, st, NULL);
	r.notes.suggestion = xstrdup("x@y.test");
	r.notes.role = true;
	rows = csv_rows_open(csv, 2, &err);
	assert_non_null(rows);
	csv_rows_add_result(rows, 1, 0, &r, LANG_ZH);
	o = result_to_json(&r, json_lang);
	csv_rows_add_json(rows, 2, 0, o, LANG_ZH);
	json_decref(o);
	assert_int_equal(csv_out_write(csv, rows, &cols, &zh, next_row,
	    &inrows, 2, &err), 0);
	buf = slurp(csv);
	a = strstr(buf, "\r\n") + 2;		/* after the header */
	b = strstr(a, "\r\n") + 2;
	assert_true(strlen(b) > 100);
	assert_int_equal(b - a, strlen(b));
	assert_memory_equal(a, b, strlen(b));
	assert_non_null(strstr(a, "a\\x00b"));	/* the NUL shown, not cut */
	csv_rows_close(rows);
	result_free(&r);
	unlink(csv);
	rmdir(dir);
}

static void
test_result_like_json(void **state)
{
	(void)state;
	result_like_json(LANG_ZH);
}

/*
 * A resume under --lang zh of records an English run wrote: the CSV's
 * explanation of a resumed row is made again in Chinese, the same bytes
 * as a row probed by the resume, not the record's English sentence.
 */
static void
test_resumed_other_lang(void **state)
{
	(void)state;
	result_like_json(LANG_EN);
}

/* Line n (0: the header) of a CSV without line breaks in its cells. */
static const char *
line_of(const char *buf, int n, size_t *len)
{
	const char *p = buf, *e;

	for (; n > 0; n--) {
		assert_non_null(p = strstr(p, "\r\n"));
		p += 2;
	}
	assert_non_null(e = strstr(p, "\r\n"));
	*len = (size_t)(e - p);
	return p;
}

/* Line n starts with start and ends with end. */
static void
assert_line(const char *buf, int n, const char *start, const char *end)
{
	size_t len, slen = strlen(start), elen = strlen(end);
	const char *l = line_of(buf, n, &len);

	if (len < slen || memcmp(l, start, slen) != 0 || len < elen ||
	    memcmp(l + len - elen, end, elen) != 0)
		fail_msg("line %d should be %s...%s:\n%.*s", n, start, end,
		    (int)len, l);
}

/*
 * The last column, duplicate_of: empty for a probed row, the first row's
 * number for a repeat whether its record came from JSON (--resume, or a
 * duplicate written from its original's record) or for a part of a cell
 * of two addresses, and for a repeat the run never reached (the
 * reader's), empty for any other row it never reached; after the
 * columns there were, so theirs do not move.  Header in English and
 * Chinese.
 */
static void
test_duplicate_of(void **state)
{
	static char *const f2[] = { "Alice@ok.test" }, *const f3[] = {
	    "ALICE@OK.TEST" }, *const f4[] = { "x@y.test; alice@ok.test" },
	    *const f5[] = { "alice@OK.test" }, *const f6[] = { "z@y.test" };
	static const size_t l2[] = { 13 }, l3[] = { 13 }, l4[] = { 23 },
	    l5[] = { 13 }, l6[] = { 8 };
	static const char *const p2[] = { "Alice@ok.test" },
	    *const p3[] = { "ALICE@OK.TEST" },
	    *const p4[] = { "x@y.test", "alice@ok.test" },
	    *const p5[] = { "alice@OK.test" }, *const p6[] = { "z@y.test" };
	static const unsigned long one[] = { 0 }, two[] = { 1, 2 },
	    no[] = { 0, 0 }, dup2[] = { 2 };
	static const char *const names[] = { "Email" };
	struct csv_out_row in[] = {
		{ 2, 1, f2, l2, 1, p2, one, no },
		{ 3, 1, f3, l3, 1, p3, one, no },
		{ 4, 1, f4, l4, 2, p4, two, no },
		{ 5, 1, f5, l5, 1, p5, one, dup2 },
		{ 6, 1, f6, l6, 1, p6, one, no },
	};
	struct rows inrows = { in, 5, 0 };
	struct csv_out_cols cols = { 1, names, 0 };
	struct csv_out_opts en = { ',', LANG_EN }, zh = { ',', LANG_ZH };
	char dir[] = "/tmp/mxtrace-csvXXXXXX", csv[300], *err, *buf;
	struct probe_result r, x;
	struct csv_rows *rows;
	json_t *o;
	size_t n;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(csv, sizeof(csv), "%s/o.csv", dir);
	result_init(&r, "Alice@ok.test");
	r.domain = xstrdup("ok.test");
	result_decide(&r, VERDICT_DELIVERABLE, STAGE_RCPT, REASON_ACCEPTED,
	    NULL, NULL);
	result_init(&x, "x@y.test");
	x.domain = xstrdup("y.test");
	result_decide(&x, VERDICT_UNDELIVERABLE, STAGE_RCPT,
	    REASON_MAILBOX_UNKNOWN, NULL, NULL);
	rows = csv_rows_open(csv, 6, &err);
	assert_non_null(rows);
	csv_rows_add_result(rows, 2, 0, &r, LANG_EN);
	o = result_to_json(&r, LANG_EN);
	json_object_set_new(o, "address", json_string("ALICE@OK.TEST"));
	json_object_set_new(o, "duplicate_of", json_integer(2));
	csv_rows_add_json(rows, 3, 0, o, LANG_EN);
	json_object_set_new(o, "address", json_string("alice@ok.test"));
	csv_rows_add_json(rows, 4, 2, o, LANG_EN);
	json_decref(o);
	csv_rows_add_result(rows, 4, 1, &x, LANG_EN);
	assert_int_equal(csv_out_write(csv, rows, &cols, &en, next_row,
	    &inrows, 6, &err), 0);
	buf = slurp(csv);
	assert_line(buf, 0, "\xef\xbb\xbf\"summary\",\"Email\",\"verdict\"",
	    "\"role\",\"disposable\",\"duplicate_of\"");
	assert_line(buf, 1, "\"ok\",\"Alice@ok.test\",\"deliverable\"",
	    "for example as spam.\",\"\",\"\",\"\",\"\"");
	assert_line(buf, 2, "\"ok\",\"ALICE@OK.TEST\",\"deliverable\"",
	    "for example as spam.\",\"\",\"\",\"\",\"2\"");
	assert_line(buf, 3, "\"bad\",\"x@y.test\",\"undeliverable\"",
	    ".\",\"\",\"\",\"\",\"\"");
	assert_line(buf, 4, "\"ok\",\"alice@ok.test\",\"deliverable\"",
	    "for example as spam.\",\"\",\"\",\"\",\"2\"");
	assert_line(buf, 5, "\"unknown\",\"alice@OK.test\",\"not_checked\"",
	    "--resume to check it.\",\"\",\"\",\"\",\"2\"");
	assert_line(buf, 6, "\"unknown\",\"z@y.test\",\"not_checked\"",
	    "--resume to check it.\",\"\",\"\",\"\",\"\"");
	/* every row has the header's 14 cells (commas outside quotes) */
	for (i = 0; i <= 6; i++) {
		size_t len, k;
		const char *l = line_of(buf, i, &len);
		bool quoted = false;

		for (n = k = 0; k < len; k++) {
			quoted ^= l[k] == '"';
			n += !quoted && l[k] == ',';
		}
		assert_int_equal(n, 13);
	}
	inrows.i = 0;
	assert_int_equal(csv_out_write(csv, rows, &cols, &zh, next_row,
	    &inrows, 6, &err), 0);
	buf = slurp(csv);
	/* 一次性邮箱,与第几行重复 */
	assert_line(buf, 0, "\xef\xbb\xbf", "\"\xe4\xb8\x80\xe6\xac\xa1\xe6\x80"
	    "\xa7\xe9\x82\xae\xe7\xae\xb1\",\"\xe4\xb8\x8e\xe7\xac\xac\xe5\x87"
	    "\xa0\xe8\xa1\x8c\xe9\x87\x8d\xe5\xa4\x8d\"");
	assert_line(buf, 2, "", ",\"\",\"\",\"\",\"2\"");
	assert_line(buf, 5, "", ",\"\",\"\",\"\",\"2\"");
	csv_rows_close(rows);
	result_free(&r);
	result_free(&x);
	unlink(csv);
	rmdir(dir);
}

static void
test_unwritable(void **state)
{
	char *err;

	(void)state;
	assert_int_equal(csv_out_check("/nonexistent-dir/x.csv", &err), -1);
	assert_non_null(strstr(err, "nonexistent-dir"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_result_like_json),
		cmocka_unit_test(test_resumed_other_lang),
		cmocka_unit_test(test_duplicate_of),
		cmocka_unit_test(test_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
