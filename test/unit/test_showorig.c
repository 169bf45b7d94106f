/*
 * test_showorig.c - explain/showorig.c: the table of Gmail's "Show
 * original" page found above the message (English and Chinese, a row on
 * one line or on two, CRLF), and text that only looks like it left alone:
 * a message, a table without its buttons or its Message ID, a line that
 * is no label of the table; the line Outlook's "Internet headers" box
 * opens with, and lines only like it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "explain/showorig.h"

#define MSG	"Delivered-To: b@example.com\nReceived: from a by b; " \
		"Mon, 30 Nov 2026 02:10:04 -0800\nFrom: a@example.cn\n\nhi\n"

/* showorig_skip of table followed by MSG is the table's length. */
static void
skips(const char *table)
{
	char buf[2048];

	(void)snprintf(buf, sizeof(buf), "%s%s", table, MSG);
	assert_int_equal(showorig_skip(buf, strlen(buf)), strlen(table));
}

static void
test_table(void **state)
{
	(void)state;
	skips("Original Message\nMessage ID\t<a1@example.cn>\n"
	    "Created at:\tMon, Nov 30, 2026 at 2:10 AM (Delivered after 4 "
	    "seconds)\nFrom:\tA <a@example.cn>\nTo:\tb@example.com\n"
	    "Subject:\tPrice list\nSPF:\tPASS with IP 192.0.2.1 Learn more\n"
	    "DKIM:\t'PASS' with domain example.cn Learn more\n"
	    "DMARC:\t'PASS' Learn more\nDownload Original\tCopy to clipboard\t\n");
	/* each cell on its own line, the buttons apart, CRLF, blank lines */
	skips("Original Message\r\n\r\nMessage ID\r\n<a1@example.cn>\r\n"
	    "Created at:\r\nMon, Nov 30, 2026 at 2:10 AM\r\nSPF:\r\n"
	    "SOFTFAIL with IP 198.51.100.23\r\nLearn more\r\n"
	    "Download Original\r\nCopy to clipboard\r\n\r\n");
	skips("原始邮件\n邮件 ID\t<a1@example.cn>\n创建时间：\t2026年11月30日\n"
	    "发件人：\t王丽 <a@example.cn>\n收件人：\tb@example.com\n主题：\t报价单\n"
	    "SPF：\tPASS 了解详情\nDMARC：\t'PASS' 了解详情\n\n下载原始邮件\t复制到剪贴板\n"
	    "\n");
}

static void
test_not_table(void **state)
{
	static const char *const texts[] = {
		MSG,
		"",
		/* no buttons: the rows alone say nothing of a page */
		"Message ID\t<a1@example.cn>\nFrom:\ta@example.cn\n" MSG,
		/* no Message ID */
		"From:\ta@example.cn\nDownload Original\n" MSG,
		/* a line that is no label between the rows */
		"Message ID\t<a1@example.cn>\nHello there\n"
		"Download Original\n" MSG,
		/* a label only as the start of a word */
		"Message IDs\t<a1@example.cn>\nDownload Original\n" MSG,
		"Tokyo office\nMessage ID <a1@example.cn>\nDownload Original\n"
		    MSG,
		NULL,
	};
	size_t i;

	(void)state;
	for (i = 0; texts[i] != NULL; i++)
		assert_int_equal(showorig_skip(texts[i], strlen(texts[i])), 0);
}

static void
test_outlook(void **state)
{
	static const char *const not[] = {
		"Microsoft Mail Internet Headers Version\n" MSG,
		"Microsoft Mail Internet Headers Version 2.0 (draft)\n" MSG,
		"microsoft mail internet headers version 2.0\n" MSG,
		"Received: from a by b; Mon, 30 Nov 2026 02:10:04 -0800\n"
		    "Microsoft Mail Internet Headers Version 2.0\n" MSG,
		"Hello\n\nMicrosoft Mail Internet Headers Version 2.0\n" MSG,
		NULL,
	};
	size_t i;

	(void)state;
	skips("Microsoft Mail Internet Headers Version 2.0\n");
	skips("Microsoft Mail Internet Headers Version 2.0\r\n");
	skips("\r\n \nMicrosoft Mail Internet Headers Version 2.0 \r\n");
	for (i = 0; not[i] != NULL; i++)
		assert_int_equal(showorig_skip(not[i], strlen(not[i])), 0);
	/* the line alone, nothing after it */
	assert_int_equal(showorig_skip("Microsoft Mail Internet Headers "
	    "Version 2.0", 43), 43);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_not_table),
		cmocka_unit_test(test_outlook),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
