/*
 * test_csv_out.c - verify's CSV: rows sorted by input row, the input
 * columns with the address column from the record, formula cells from the
 * input and from servers neutralized, quoting by libcsv, long reply text
 * cut, and the file replaced atomically.
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

static void
test_csv(void **state)
{
	char dir[] = "/tmp/mxtrace-csv-XXXXXX", jl[128], csv[128], tmp[140];
	char buf[8192], *err, longtext[3000];
	static const char *const names[] = { "Name", "Email", "Note" };
	struct csv_out_cols cols = { 3, names, 1 };
	FILE *f;
	size_t n;

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
	fprintf(f, "{\"row\":2,\"address\":\"a@x.test\",\"verdict\":\"deliverable\","
	    "\"stage\":\"rcpt\",\"reason\":\"accepted\",\"explanation\":\"Yes.\","
	    "\"reply\":{\"code\":250,\"enhanced\":null,\"text\":\"=HYPERLINK(1)\"},"
	    "\"mx\":[{\"host\":\"mx.x.test\"}],\"attempts\":[],"
	    "\"input\":{\"Name\":\"@SUM(A1)\",\"Note\":\"-2+3\"}}\n");
	fclose(f);
	assert_int_equal(csv_out_check(csv, &err), 0);
	assert_int_equal(csv_out_write(csv, jl, &cols, 5, &err), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	f = fopen(csv, "r");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	/* BOM, header, then row 2 before row 3 */
	assert_memory_equal(buf, "\xef\xbb\xbf\"Name\",\"Email\",\"Note\",\"verdict\"", 33);
	if (strstr(buf, "\"'@SUM(A1)\",\"a@x.test\",\"'-2+3\",\"deliverable\",\"rcpt\","
	    "\"accepted\",\"250\",\"\",\"'=HYPERLINK(1)\",\"mx.x.test\",\"Yes.\"\r\n") == NULL)
		fail_msg("row 2 wrong:\n%s", buf);
	if (strstr(buf, "\"Bo, \"\"B\"\"\",\"b@y.test\",\"line1\nline2\",\"undeliverable\"") == NULL)
		fail_msg("row 3 quoting wrong:\n%s", buf);
	assert_true(strstr(buf, "\"'=mx.y.test\"") != NULL);
	assert_true(strstr(buf, "a@x.test") < strstr(buf, "b@y.test"));
	/* the reply text is cut to CSV_OUT_TEXT_MAX */
	assert_null(strstr(buf, longtext + sizeof(longtext) - 1 - CSV_OUT_TEXT_MAX - 1));
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
