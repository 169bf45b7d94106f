/*
 * test_zhdate.c - explain/zhdate.c: the dates Chinese mail clients write
 * above a quoted message (Outlook, QQ Mail, Foxmail, Coremail, NetEase
 * Mail), with a weekday or not, twelve hours with the part of the day
 * (上午/下午/中午/晚上/凌晨/早上) or twenty-four, with seconds or not,
 * fullwidth digits and colons, made RFC 5322 dates in China Standard Time;
 * and what names no time (month 13, 31 November, 29 February of a common
 * year, 25:00, 09:61, 下午13:00, a weekday not the date's, a bracket left
 * open, words after the time, no time at all) is no date.  Then the same
 * through original.c: a client's block gives the date in that form, an
 * English block's Date: stays as written.
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
#include "explain/zhdate.h"

static const struct {
	const char	*in;
	const char	*out;		/* NULL: no date */
} cases[] = {
	/* the forms each client writes */
	{ "2026年11月30日 10:05", "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2026年11月30日 星期一 10:05", "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2026年11月30日(星期一) 上午10:05",
	    "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2013年8月6日(星期二) 晚上6:00", "Tue, 6 Aug 2013 18:00:00 +0800" },
	{ "2026-11-30  10:05:00", "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2021-03-11 19:05:03 (星期四)", "Thu, 11 Mar 2021 19:05:03 +0800" },
	{ "2026-11-30 10:05", "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2026/11/30 10:05", "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "  2026年1月2日 周五 08:00 ", "Fri, 2 Jan 2026 08:00:00 +0800" },
	{ "2026年11月29日（星期日） 下午3:30", "Sun, 29 Nov 2026 15:30:00 +0800" },
	{ "2026年11月29日(星期天) 下午3:30", "Sun, 29 Nov 2026 15:30:00 +0800" },
	/* fullwidth digits, colon, brackets; the ideographic space */
	{ "２０２６年１１月３０日　１０：０５",
	    "Mon, 30 Nov 2026 10:05:00 +0800" },
	{ "2026-11-30 10：05：09", "Mon, 30 Nov 2026 10:05:09 +0800" },
	/* the parts of the day, 12 included */
	{ "2026年11月30日 上午12:10", "Mon, 30 Nov 2026 00:10:00 +0800" },
	{ "2026年11月30日 凌晨1:10", "Mon, 30 Nov 2026 01:10:00 +0800" },
	{ "2026年11月30日 早上7:10", "Mon, 30 Nov 2026 07:10:00 +0800" },
	{ "2026年11月30日 中午12:30", "Mon, 30 Nov 2026 12:30:00 +0800" },
	{ "2026年11月30日 中午1:30", "Mon, 30 Nov 2026 13:30:00 +0800" },
	{ "2026年11月30日 下午12:30", "Mon, 30 Nov 2026 12:30:00 +0800" },
	{ "2026年11月30日 下午11:59", "Mon, 30 Nov 2026 23:59:00 +0800" },
	{ "2026年11月30日 晚上11:05", "Mon, 30 Nov 2026 23:05:00 +0800" },
	{ "2024年2月29日 23:59:59", "Thu, 29 Feb 2024 23:59:59 +0800" },
	/* no time there is */
	{ "2026年13月30日 10:05", NULL },
	{ "2026年0月30日 10:05", NULL },
	{ "2026年11月31日 10:05", NULL },
	{ "2026年11月0日 10:05", NULL },
	{ "2026-02-29 10:05", NULL },
	{ "2026-11-30 25:00", NULL },
	{ "2026-11-30 24:00", NULL },
	{ "2026-11-30 09:61", NULL },
	{ "2026-11-30 09:60", NULL },
	{ "2026-11-30 09:59:60", NULL },
	{ "2026年11月30日 下午13:00", NULL },
	{ "2026年11月30日 上午13:00", NULL },
	{ "2026年11月30日 晚上12:00", NULL },
	{ "2026年11月30日 中午5:00", NULL },
	{ "2026年11月30日(星期二) 10:05", NULL },
	{ "2026年11月30日(星期一 10:05", NULL },
	{ "2026年11月30日 星期八 10:05", NULL },
	/* not these forms */
	{ "2026年11月30日", NULL },
	{ "2026-11/30 10:05", NULL },
	{ "2026年11-30 10:05", NULL },
	{ "26-11-30 10:05", NULL },
	{ "2026-11-30 10:5", NULL },
	{ "2026-11-30 10:05 +0800", NULL },
	{ "2026-11-30 10:05 来自iPhone", NULL },
	{ "1899-12-31 10:05", NULL },
	{ "Mon, 30 Nov 2026 10:05:00 +0800", NULL },
	{ "", NULL },
};

static void
test_forms(void **state)
{
	size_t i;
	char *d;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d = zhdate_rfc5322(cases[i].in, strlen(cases[i].in));
		if (cases[i].out == NULL && d != NULL)
			fail_msg("\"%s\": \"%s\", not no date", cases[i].in, d);
		if (cases[i].out != NULL && (d == NULL ||
		    strcmp(d, cases[i].out) != 0))
			fail_msg("\"%s\": \"%s\", not \"%s\"", cases[i].in,
			    d != NULL ? d : "(no date)", cases[i].out);
		free(d);
	}
}

/* A NUL in the value, and a value longer than any date, are no date. */
static void
test_bounds(void **state)
{
	static const char nul[] = "2026-11-30 10:05\0 and more";
	char lng[300];

	(void)state;
	assert_null(zhdate_rfc5322(nul, sizeof(nul) - 1));
	memset(lng, ' ', sizeof(lng));
	memcpy(lng + sizeof(lng) - 16, "2026-11-30 10:05", 16);
	assert_null(zhdate_rfc5322(lng, sizeof(lng)));
}

/*
 * Through original.c: QQ Mail's block gives its date as an RFC 5322 date,
 * one that names no time gives none, and an English block's Date: is
 * kept as written (that form is its sender's own).
 */
static void
test_blocks(void **state)
{
	static const char qq[] = "550 5.1.1 unknown\n\n"
	    "发件人：\"Sales\"<sales@example.cn>;\n"
	    "发送时间：2026年11月30日(星期一) 上午10:05\n"
	    "收件人：\"z\"<z@example.cn>;\n主题：报价\n\n";
	static const char bad[] = "550 5.1.1 unknown\n\n"
	    "发件人: Sales <sales@example.cn>\n"
	    "发送时间: 2026年11月30日 09:61\n主题: 报价\n\n";
	static const char en[] = "550 5.1.1 unknown\n\n"
	    "From: sales@example.cn\nDate: 2026-11-30 10:05\n\n";
	struct explain_original o;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(original_from_client(qq, sizeof(qq) - 1, &o), 1);
	assert_string_equal(o.date, "Mon, 30 Nov 2026 10:05:00 +0800");
	original_free(&o);
	assert_int_equal(original_from_client(bad, sizeof(bad) - 1, &o), 1);
	assert_string_equal(o.subject, "报价");
	assert_null(o.date);
	original_free(&o);
	assert_int_equal(original_from_text(en, sizeof(en) - 1, &o), 1);
	assert_string_equal(o.date, "2026-11-30 10:05");
	original_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
