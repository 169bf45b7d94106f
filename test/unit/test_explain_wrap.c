/*
 * test_explain_wrap.c - wrap_put, the terminal's sentences under
 * their value column: every line within 80 columns where a break is
 * allowed, breaks only between words or between Chinese characters (never
 * inside a Chinese word kept whole such as 记录, never
 * inside an ASCII word such as a host name, never before ，。） nor after
 * （“), continuation lines indented, nothing lost or added but the line
 * breaks, control characters escaped, and text with no break place (a long
 * URL) or invalid UTF-8 written whole; wrap_pad, a label padded to its
 * column by columns, not bytes; wrap_put_value, a server's reply line as
 * bytes (a NUL in it escaped) wrapped at a phone's width, and wrapped or
 * written whole as its caller says for the terminal it goes to.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"
#include "base/wrap.h"

#define COL	19

/* What wrap_put writes for s from column COL; owned. */
static char *
wrapped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	wrap_put(f, s, COL, COL);
	fclose(f);
	return buf;
}

/* The text without the line breaks and their indent, and the spaces the
 * breaks replaced: what a reader gets when the lines are joined. */
static void
assert_same_words(const char *in, const char *out)
{
	char a[4096], b[4096];
	size_t i, n = 0, m = 0;

	for (i = 0; in[i] != '\0' && n < sizeof(a) - 1; i++)
		if (in[i] != ' ')
			a[n++] = in[i];
	a[n] = '\0';
	for (i = 0; out[i] != '\0' && m < sizeof(b) - 1; i++)
		if (out[i] != ' ' && out[i] != '\n')
			b[m++] = out[i];
	b[m] = '\0';
	assert_string_equal(a, b);
}

/* Each line's columns (the first starts at COL), the widest returned;
 * each continuation line starts with COL spaces and no closing mark. */
static size_t
widest(const char *out)
{
	const char *p = out, *nl;
	size_t most = 0, cols, n, first = 1;
	unsigned long cp;

	for (; *p != '\0'; p = nl + 1, first = 0) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		cols = first ? COL : 0;
		if (!first) {
			assert_true(strspn(p, " ") == COL);
			assert_true(strncmp(p + COL, "，", 3) != 0 &&
			    strncmp(p + COL, "。", 3) != 0 &&
			    strncmp(p + COL, "）", 3) != 0 && p[COL] != ' ');
		}
		while (p < nl && (n = utf8_decode(p, (size_t)(nl - p), &cp)) > 0) {
			cols += cp >= 0x1100 ? 2 : 1;
			p += n;
		}
		if (cols > most)
			most = cols;
		if (*nl == '\0')
			break;
	}
	return most;
}

static void
test_english(void **state)
{
	static const char s[] = "This is on your side: your server is listed on "
	    "zen.spamhaus.org. Run mxtrace sender example.cn to check, and ask "
	    "your mail provider to delist it (https://check.spamhaus.org).";
	char *out = wrapped(s);

	(void)state;
	assert_true(widest(out) <= 80);
	assert_same_words(s, out);
	/* words whole: the host names and the URL are on one line each */
	assert_non_null(strstr(out, "zen.spamhaus.org."));
	assert_non_null(strstr(out, "(https://check.spamhaus.org)."));
	assert_non_null(strchr(out, '\n'));
	free(out);
}

static void
test_chinese(void **state)
{
	static const char s[] = "问题在我方：您的服务器被 zen.spamhaus.org 列入"
	    "黑名单。运行 mxtrace sender example.cn 核实，并请邮件服务商申请移除"
	    "（https://check.spamhaus.org）。改用普通邮件重新发送：使用常见附件"
	    "格式（PDF），主题中不要用特殊字符；告诉负责您邮件软件的人。";
	char *out = wrapped(s);

	(void)state;
	assert_true(widest(out) <= 80);
	assert_same_words(s, out);
	assert_non_null(strstr(out, "zen.spamhaus.org"));
	assert_non_null(strstr(out, "example.cn"));
	/* an opening mark stays with what it opens */
	assert_null(strstr(out, "（\n"));
	assert_null(strstr(out, "“\n"));
	free(out);
}

/*
 * A Chinese word read as one (记录, 选择器, 垃圾邮件箱, 反向解析, 正常) is never
 * cut at the line's end, wherever the edge falls in it, and a name to type
 * (mail.您的域名) not after its dot: an 80-column terminal once broke
 * 记录 into 记 and 录.  Between other Chinese characters a line still
 * ends at the edge.
 */
static void
test_chinese_words_whole(void **state)
{
	static const char *const words[] = { "记录", "选择器", "垃圾邮件箱",
	    "反向解析", "mail.您的域名", "所有者", "正常" };
	char s[1024], *out, *p;
	size_t w, m, k, len;

	(void)state;
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		assert_true(wrap_keeps_whole(words[w]));
		/* the edge at each place in the word: m fillers of 2 columns */
		for (m = 25; m < 34; m++) {
			for (len = 0, k = 0; k < m; k++)
				len += (size_t)snprintf(s + len, sizeof(s) - len, "这");
			snprintf(s + len, sizeof(s) - len, "%s要看的一行说明文字。", words[w]);
			out = wrapped(s);
			assert_true(widest(out) <= 80);
			assert_same_words(s, out);
			if (strstr(out, words[w]) == NULL)
				fail_msg("\"%s\" cut:\n%s", words[w], out);
			free(out);
		}
	}
	/* not a word: the edge between two characters is a place to break */
	assert_false(wrap_keeps_whole("这这"));
	for (len = 0, k = 0; k < 40; k++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "这");
	out = wrapped(s);
	p = strchr(out, '\n');
	assert_non_null(p);
	/* the first line full: 19 + 30 x 2 = 79 columns, one more does not fit */
	assert_int_equal(widest(out), 79);
	free(out);
}

static void
test_short_long_and_hostile(void **state)
{
	char long_url[300], *out;

	(void)state;
	out = wrapped("Resend later.");
	assert_string_equal(out, "Resend later.");
	free(out);
	out = wrapped("");
	assert_string_equal(out, "");
	free(out);
	/* no place to break: written whole, not cut */
	memset(long_url, 'a', sizeof(long_url) - 1);
	memcpy(long_url, "https://", 8);
	long_url[sizeof(long_url) - 1] = '\0';
	out = wrapped(long_url);
	assert_string_equal(out, long_url);
	free(out);
	/* a control character from a bounce cannot reach the terminal */
	out = wrapped("listed on evil\x1b[2J.example and more words to wrap "
	    "the line somewhere after the eightieth column of the terminal");
	assert_null(strchr(out, '\x1b'));
	free(out);
	/* invalid UTF-8 is escaped, never read past */
	out = wrapped("\xe4\xb8 \xff\xfe 问题");
	assert_non_null(out);
	free(out);
	/* NULL writes nothing */
	out = wrapped(NULL);
	assert_string_equal(out, "");
	free(out);
}

/* What wrap_pad writes for s padded to cols, and the columns it says. */
static void
assert_padded(const char *s, size_t cols, const char *want, size_t used)
{
	char *buf = NULL;
	size_t len = 0, got;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	got = wrap_pad(f, s, cols);
	fclose(f);
	assert_string_equal(buf, want);
	assert_int_equal(got, used);
	free(buf);
}

/*
 * The one padding of a label column (the probe's trace at 16 columns,
 * explain's at 14, verify's summary): a Chinese label takes two columns a
 * character, so 反向解析 gets 8 spaces to 16, not the 4 its 12 bytes
 * would leave; a label wider than the column is written whole.
 */
static void
test_pad(void **state)
{
	(void)state;
	assert_padded("DNS", 16, "DNS             ", 16);
	assert_padded("反向解析", 16, "反向解析        ", 16);
	assert_padded("原因", 14, "原因          ", 14);
	assert_padded("Authentication", 8, "Authentication", 14);
	assert_padded("结论", 3, "结论", 4);
	assert_padded("", 2, "  ", 2);
}

/* The last line of out (after its indent), owned by out. */
static const char *
last_line(const char *out)
{
	const char *nl = strrchr(out, '\n');

	assert_non_null(nl);
	return nl + 1 + COL;
}

/*
 * The sentence's last word never stands alone on the last line when the
 * word before it can go down too: "... give the\n  address" becomes
 * "... give\n  the address"; in Chinese the last character goes down with
 * the one before it (never "址。" alone).  A last word that fits on the
 * line is not moved, and a line is not emptied to half for it.
 */
static void
test_lone_word(void **state)
{
	/* from column 19, 61 columns a line: the greedy wrap left
	 * "mailbox." alone on the second line, and "户。" */
	static const char en[] = "Ask the customer for the right address: the "
	    "recipient's mailbox.";
	static const char zh[] = "收件方服务器说这个邮箱不存在：请检查地址有没有拼错，"
	    "或者问客户。";
	static const char fits[] = "A short sentence stays on one line.";
	char *out;

	(void)state;
	out = wrapped(en);
	assert_true(widest(out) <= 80);
	assert_same_words(en, out);
	assert_string_equal(last_line(out), "recipient's mailbox.");
	free(out);
	out = wrapped(zh);
	assert_true(widest(out) <= 80);
	assert_same_words(zh, out);
	assert_string_equal(last_line(out), "客户。");
	free(out);
	out = wrapped(fits);
	assert_string_equal(out, fits);
	free(out);
	/* moving the link down would leave "See" alone: the word stays */
	out = wrapped("See https://postmaster.example.com/troubleshooting/spam "
	    "today.");
	assert_string_equal(last_line(out), "today.");
	free(out);
}

/*
 * A command the reader is told to type stays on one line: the widow rule
 * wrote "... neighbours: mxtrace\n  sender YOUR-DOMAIN." for a blocked
 * verdict; at every width from a phone's to the terminal's the three
 * words stand together, in English and in Chinese, and a word that only
 * ends in "mxtrace" (a path) glues nothing.
 */
static void
test_command_whole(void **state)
{
	static const char *const texts[] = {
		"The mail server refused the IP address this check ran from "
		"because it is listed on zen.dnsbl.test. Check again from your "
		"company's real mail server; if that server's IP is listed "
		"too, ask your provider to delist it. To check your company's "
		"mail server and its neighbours: mxtrace sender YOUR-DOMAIN.",
		"收件方服务器因为检查所在机器的 IP 在黑名单上而拒收。要检查公司发件服务器"
		"及其邻居：mxtrace sender 你的域名。",
	};
	char *buf, *p;
	size_t len, i, width;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		for (width = 40; width <= 80; width++) {
			buf = NULL;
			f = open_memstream(&buf, &len);
			assert_non_null(f);
			wrap_put_width(f, texts[i], 2, 2, width);
			fclose(f);
			assert_same_words(texts[i], buf);
			p = strstr(buf, "mxtrace");
			assert_non_null(p);
			assert_true(strncmp(p, "mxtrace sender ", 15) == 0);
			assert_null(memchr(p, '\n', strcspn(p, ".。")));
			free(buf);
		}
	/* a whole command is no widow: it pulls no word down after it,
	 * where it left "... mail server and its" a short line above */
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	wrap_put_width(f, "The mail server refused the IP address this check "
	    "ran from because it is listed on zen.dnsbl.test. This is about "
	    "the machine the check ran from, not about the customer's address. "
	    "Check again from your company's real mail server; if that "
	    "server's IP is listed too, ask your provider to delist it. To "
	    "check your company's mail server and its neighbours: mxtrace "
	    "sender YOUR-DOMAIN.", 2, 2, 80);
	fclose(f);
	assert_non_null(strstr(buf, " and its neighbours:\n  mxtrace sender "
	    "YOUR-DOMAIN."));
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	wrap_put_width(f, "Run /usr/bin/mxtrace again later", 0, 0, 25);
	fclose(f);
	assert_string_equal(buf, "Run /usr/bin/mxtrace\nagain later");
	free(buf);
}

/*
 * A server's reply line as bytes (wrap_put_value): a NUL and an ESC in it
 * escaped, not the end of it; wrapped at a phone's 40 columns from the
 * column after "< 550 5.1.1 " under its text.  A memstream is no
 * terminal: wrap_layout_cols gives it the 80-column layout.
 */
static void
test_span(void **state)
{
	static const char reply[] = "The email account that you tried to "
	    "reach does not exist\0\033[2J. Please try double-checking.";
	const char *p, *nl;
	char *buf = NULL;
	size_t len = 0, col = 16;
	FILE *f = open_memstream(&buf, &len);
	struct wrap_out phone = { 40, false };

	(void)state;
	assert_non_null(f);
	assert_int_equal(wrap_layout_cols(f), WRAP_COLS);
	wrap_put_value(f, &phone, WRAP_ALWAYS, reply, sizeof(reply) - 1, col,
	    6);
	fclose(f);
	assert_non_null(strstr(buf, "exist\\x00\\x1B[2J."));
	assert_null(strchr(buf, '\033'));
	assert_non_null(strstr(buf, "double-checking."));
	for (p = buf; p != NULL; p = nl != NULL ? nl + 1 : NULL, col = 0) {
		nl = strchr(p, '\n');
		assert_true(col + wrap_span_cols(p, nl != NULL ?
		    (size_t)(nl - p) : strlen(p)) <= 40);
	}
	free(buf);
}

/*
 * wrap_put_value wraps as its caller says: WRAP_ON_NARROW on a terminal
 * narrower than WRAP_COLS only, WRAP_ON_TERM on any terminal,
 * WRAP_ALWAYS into a file too; else the text whole on its line, escaped
 * either way, and the column it ends at returned.
 */
static void
test_when(void **state)
{
	static const struct {
		struct wrap_out	 out;
		enum wrap_when	 when;
		bool		 wrapped;
	} cases[] = {
		{ { 40, true }, WRAP_ON_NARROW, true },
		{ { 80, true }, WRAP_ON_NARROW, false },
		{ { 80, false }, WRAP_ON_NARROW, false },
		{ { 80, true }, WRAP_ON_TERM, true },
		{ { 80, false }, WRAP_ON_TERM, false },
		{ { 80, false }, WRAP_ALWAYS, true },
	};
	char text[158], *buf;
	size_t len, i, end;
	FILE *f;

	(void)state;
	for (i = 0; i < 15; i++)
		memcpy(text + 10 * i, "ninechars ", 10);
	memcpy(text + 150, "\033[2J end", 8);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		assert_non_null(f = open_memstream(&buf, &len));
		end = wrap_put_value(f, &cases[i].out, cases[i].when, text,
		    sizeof(text), 4, 2);
		fclose(f);
		assert_null(strchr(buf, '\033'));
		assert_non_null(strstr(buf, "\\x1B[2J end"));
		assert_int_equal(strchr(buf, '\n') != NULL, cases[i].wrapped);
		if (!cases[i].wrapped)
			assert_int_equal(end, 4 + strlen(buf));
		else
			assert_int_equal(end, wrap_cols(strrchr(buf, '\n') +
			    1));
		free(buf);
	}
	assert_int_equal(wrap_put_value(stdout, &cases[0].out, WRAP_ALWAYS,
	    NULL, 3, 7, 2), 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_when),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_chinese_words_whole),
		cmocka_unit_test(test_short_long_and_hostile),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_lone_word),
		cmocka_unit_test(test_command_whole),
		cmocka_unit_test(test_span),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
