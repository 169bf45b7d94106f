/*
 * test_csv_out.c - verify's CSV: the summary first, rows in input order,
 * the input columns with the address column from the record, formula
 * cells from the input, the header, the address column and servers
 * neutralized, the reply text cut at exactly CSV_OUT_TEXT_MAX bytes, date-like cells kept
 * as text, quoting by libcsv, long reply text cut, a row without a record
 * as not_checked, a cell of two addresses as two rows, ';' as separator,
 * Chinese headers and words, and the file replaced atomically.
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

#include "verify/csv_out.h"

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
	static const unsigned long one[] = { 0 }, two[] = { 1, 2 };
	struct csv_out_row in[] = {
		{ 2, 3, f2, l2, 1, p2, one }, { 3, 3, f3, l3, 1, p3, one },
		{ 4, 3, f4, l4, 1, p4, one }, { 5, 3, f5, l5, 2, p5, two },
	};
	struct rows rows = { in, 4, 0 };
	struct csv_out_cols cols = { 3, names, 1 };
	struct csv_out_opts en = { ',', LANG_EN }, zh = { ';', LANG_ZH };
	struct csv_out_index ix;
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
	/* where each record starts, as verify keeps it while writing */
	csv_index_init(&ix, 5);
	csv_index_set(&ix, 3, 0, ftell(f));
	fprintf(f, "{\"row\":3,\"address\":\"b@y.test\",\"verdict\":\"undeliverable\","
	    "\"stage\":\"rcpt\",\"reason\":\"mailbox_unknown\",\"explanation\":\"No.\","
	    "\"reply\":{\"code\":550,\"enhanced\":\"5.1.1\",\"text\":\"%s\"},"
	    "\"mx\":[],\"attempts\":[{\"mx\":\"=mx.y.test\"}],"
	    "\"input\":{\"Name\":\"Bo, \\\"B\\\"\",\"Note\":\"line1\\nline2\"}}\n",
	    longtext);
	csv_index_set(&ix, 2, 0, ftell(f));
	fprintf(f, "{\"row\":2,\"address\":\"+a@x.test\",\"verdict\":\"deliverable\","
	    "\"stage\":\"rcpt\",\"reason\":\"accepted\",\"explanation\":\"Yes.\","
	    "\"reply\":{\"code\":250,\"enhanced\":null,\"text\":\"=HYPERLINK(1)\"},"
	    "\"mx\":[{\"host\":\"mx.x.test\"}],\"attempts\":[],"
	    "\"input\":{\"Name\":\"@SUM(A1)\",\"Note\":\"-2+3\"},"
	    "\"summary\":\"ok\",\"role\":true,\"suggestion\":null}\n");
	/* row 5: only its second address has a record (part 2) */
	csv_index_set(&ix, 5, 2, ftell(f));
	csv_index_set(&ix, 6, 0, 0);	/* past max_row: ignored */
	fprintf(f, "{\"row\":5,\"part\":2,\"address\":\"e@z.test\",\"verdict\":"
	    "\"undeliverable\",\"stage\":\"rcpt\",\"reason\":\"mailbox_unknown\","
	    "\"summary\":\"bad\",\"reply\":{\"code\":550,\"enhanced\":\"5.1.1\","
	    "\"text\":\"no\"}}\n");
	fclose(f);
	assert_int_equal(csv_out_check(csv, &err), 0);
	assert_int_equal(csv_out_write(csv, jl, &ix, &cols, &en, next_row,
	    &rows, &err), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	buf = slurp(csv);
	/* BOM, header, then row 2 before row 3 */
	/* header cells and the address column are neutralised too */
	assert_memory_equal(buf, "\xef\xbb\xbf\"summary\",\"Name\",\"Email\",\"'=Note\",\"verdict\"", 44);
	if (strstr(buf, "\"ok\",\"'@SUM(A1)\",\"'+a@x.test\",\"'-2+3\",\"deliverable\",\"rcpt\","
	    "\"accepted\",\"250\",\"\",\"'=HYPERLINK(1)\",\"mx.x.test\",\"Yes.\",\"\",\"yes\",\"\"\r\n") == NULL)
		fail_msg("row 2 wrong:\n%s", buf);
	/* row 4 has no record: not_checked, its date-like cell kept as text */
	if (strstr(buf, "\"unknown\",\"Cy\",\"c@z.test\",\"=\"\"2024-01-05\"\"\",\"not_checked\",\"\",\"interrupted\"") == NULL)
		fail_msg("row 4 wrong:\n%s", buf);
	/* row 5: two rows, the first not checked, the second with 5.1.1 as text */
	if (strstr(buf, "\"unknown\",\"Di\",\"d@z.test\",\"=\"\"0086\"\"\",\"not_checked\"") == NULL ||
	    strstr(buf, "\"bad\",\"Di\",\"e@z.test\",\"=\"\"0086\"\"\",\"undeliverable\",\"rcpt\","
	    "\"mailbox_unknown\",\"550\",\"=\"\"5.1.1\"\"\"") == NULL)
		fail_msg("row 5 wrong:\n%s", buf);
	assert_true(strstr(buf, "d@z.test") < strstr(buf, "e@z.test"));
	/* Chinese words, ';' between cells */
	rows.i = 0;
	assert_int_equal(csv_out_write(csv, jl, &ix, &cols, &zh, next_row,
	    &rows, &err), 0);
	buf = slurp(csv);
	if (strstr(buf, "\"\xe6\x80\xbb\xe4\xbd\x93\xe5\x88\xa4\xe6\x96\xad\";\"Name\";") == NULL ||
	    strstr(buf, "\"\xe5\x8f\xaf\xe7\x94\xa8\";\"'@SUM(A1)\";\"'+a@x.test\";\"'-2+3\";\"\xe5\x8f\xaf\xe6\x8a\x95\xe9\x80\x92\"") == NULL ||
	    strstr(buf, "\xe6\x9c\xaa\xe6\xa3\x80\xe6\xb5\x8b") == NULL)
		fail_msg("Chinese CSV wrong:\n%s", buf);
	rows.i = 0;
	assert_int_equal(csv_out_write(csv, jl, &ix, &cols, &en, next_row,
	    &rows, &err), 0);
	buf = slurp(csv);
	if (strstr(buf, "\"Bo, \"\"B\"\"\",\"b@y.test\",\"line1\nline2\",\"undeliverable\"") == NULL)
		fail_msg("row 3 quoting wrong:\n%s", buf);
	assert_true(strstr(buf, "\"'=mx.y.test\"") != NULL);
	assert_true(strstr(buf, "a@x.test") < strstr(buf, "b@y.test"));
	/* the reply text is cut to CSV_OUT_TEXT_MAX */
	assert_null(strstr(buf, longtext + sizeof(longtext) - 1 - CSV_OUT_TEXT_MAX - 1));
	/* ... and no shorter: exactly 1,024 bytes, as the man page says */
	assert_non_null(strstr(buf, ",\"zzz"));
	assert_int_equal(strspn(strstr(buf, ",\"zzz") + 2, "z"), 1024);
	csv_index_free(&ix);
	unlink(csv);
	unlink(jl);
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
		cmocka_unit_test(test_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
