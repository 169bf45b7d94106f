/*
 * test_report.c - the report on fixed JSON Lines fixtures
 * (test/fixtures/report_*.jsonl): the streaming reader's handling of bad
 * and overlong lines, the aggregation (counts per verdict, causes ranked
 * by the number of addresses, domains, which addresses keep their path),
 * and the page itself: server text containing markup appears only
 * escaped, the CSP forbids the network, and every label of both
 * languages exists, Chinese ones in Chinese.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "reports/agg.h"
#include "reports/html.h"
#include "meaning/catalog.h"
#include "reports/jsonl.h"
#include "reports/report.h"
#include "reports/report_html.h"
#include "reports/sndreport.h"

#define BASIC	"test/fixtures/report_basic.jsonl"
#define BAD	"test/fixtures/report_bad.jsonl"
#define PRETTY	"test/fixtures/report_pretty.json"
#define PROXY	"test/fixtures/report_proxy.jsonl"
#define IDN	"test/fixtures/report_idn.jsonl"
#define DUPS	"test/fixtures/report_dups.jsonl"
#define SESSIONS	"test/fixtures/report_sessions.jsonl"
#define SAMESEC	"test/fixtures/report_same_second.jsonl"
#define EMPTYCELL	"test/fixtures/report_empty_cell.jsonl"

static struct agg *
load(const char *path, size_t detail_max, unsigned long *bad)
{
	struct agg *a = agg_new(detail_max);
	struct jsonl j;
	json_t *rec;
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	jsonl_init(&j, fp, path);
	while (jsonl_next(&j, &rec) == JSONL_RECORD) {
		if (agg_add(a, rec) < 0)
			j.bad++;
		json_decref(rec);
	}
	if (bad != NULL)
		*bad = j.bad;
	jsonl_free(&j);
	fclose(fp);
	agg_finish(a);
	return a;
}

static char *
render(const struct agg *a, enum lang lang)
{
	struct report_opts o = { lang, NULL, 0, 0, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(report_render(fp, a, &o, NULL), 0);
	fclose(fp);
	return buf;
}

static size_t
count_of(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_counts(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);

	(void)state;
	assert_int_equal(a->nrows, 10);
	assert_int_equal(a->count[VERDICT_DELIVERABLE], 1);
	assert_int_equal(a->count[VERDICT_UNDELIVERABLE], 2);
	assert_int_equal(a->count[VERDICT_BLOCKED], 3);
	assert_int_equal(a->count[VERDICT_TEMPORARY], 1);
	assert_int_equal(a->count[VERDICT_NO_MAIL_DOMAIN], 1);
	assert_int_equal(a->count[VERDICT_INVALID_SYNTAX], 1);
	assert_int_equal(a->count[VERDICT_UNREACHABLE], 1);
	assert_int_equal(a->count[VERDICT_CATCH_ALL], 0);
	/*
	 * example, blocked, blocked2, grey, nxdomain, down and "" (no domain)
	 */
	assert_int_equal(a->ndomains, 7);
	assert_string_equal(a->domains[a->domain_order[0]].name, "example.test");
	assert_int_equal(a->domains[a->domain_order[0]].total, 3);
	assert_string_equal(a->domains[a->domain_order[1]].name, "blocked.test");
	assert_int_equal(json_object_size(a->source_ips), 1);
	assert_string_equal(a->first_at, "2026-11-29T04:31:41.000Z");
	assert_string_equal(a->last_at, "2026-11-29T04:31:41.009Z");
	assert_int_equal(a->ndetails, 10);
	agg_free(a);
}

static void
test_causes_ranked(void **state)
{
	static const struct { enum verdict v; enum reason r; size_t n; } want[] = {
		{ VERDICT_BLOCKED, REASON_IP_BLOCKLISTED, 3 },
		{ VERDICT_UNDELIVERABLE, REASON_MAILBOX_UNKNOWN, 2 },
		/* ties: in verdict order */
		{ VERDICT_TEMPORARY, REASON_GREYLISTED, 1 },
		{ VERDICT_NO_MAIL_DOMAIN, REASON_DOMAIN_NO_MAIL, 1 },
		{ VERDICT_UNREACHABLE, REASON_PORT25_FILTERED, 1 },
		{ VERDICT_INVALID_SYNTAX, REASON_INVALID_ADDRESS, 1 },
	};
	struct agg *a = load(BASIC, 500, NULL);
	size_t i;

	(void)state;
	assert_int_equal(a->ncauses, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < a->ncauses; i++) {
		assert_int_equal(a->causes[i].verdict, want[i].v);
		assert_int_equal(a->causes[i].reason, want[i].r);
		assert_int_equal(a->causes[i].count, want[i].n);
	}
	assert_string_equal(a->causes[0].blocklist, "zen.spamhaus.org");
	assert_null(a->causes[1].blocklist);
	assert_int_equal(json_integer_value(json_object_get(a->causes[0].domains,
	    "blocked.test")), 2);
	assert_int_equal(json_integer_value(json_object_get(a->causes[0].domains,
	    "blocked2.test")), 1);
	agg_free(a);
}

static void
test_domain_facts(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	const struct agg_domain *d = &a->domains[a->domain_order[0]];

	(void)state;
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(d->mx, 0), "host")), "mx1.example.test");
	assert_string_equal(json_string_value(json_object_get(d->tls,
	    "version")), "TLSv1.3");
	/* carol's record repeats bob's probe (duplicate_of 2): its attempt
	 * is bob's, no session or sample of its own */
	assert_int_equal(d->sessions, 2);
	assert_int_equal(d->tls_sessions, 2);
	/* RCPT samples 6, 5 (catch-all RCPT), 7: median 6 */
	assert_int_equal(agg_median(&d->lat[STAGE_RCPT]), 6);
	assert_int_equal(agg_median(&d->lat[STAGE_DNS]), 8);
	assert_int_equal(agg_median(&d->lat[STAGE_SYNTAX]), -1);
	agg_free(a);
}

/* With room for 3 paths, the failed addresses push the deliverable one out. */
static void
test_details_prefer_failures(void **state)
{
	struct agg *a = load(BASIC, 3, NULL);
	size_t i;

	(void)state;
	assert_int_equal(a->ndetails, 3);
	for (i = 0; i < a->ndetails; i++)
		assert_int_not_equal(a->rows[a->details[i].row].verdict,
		    VERDICT_DELIVERABLE);
	assert_false(a->rows[0].detail);
	assert_int_equal(a->details[0].row, 1);
	assert_int_equal(a->details[2].row, 3);
	agg_free(a);
}

static void
test_bad_lines(void **state)
{
	unsigned long bad = 0;
	struct agg *a = load(BAD, 500, &bad);

	(void)state;
	/* not JSON, an array, a truncated object, an unknown verdict */
	assert_int_equal(bad, 4);
	assert_int_equal(a->unusable, 1);
	assert_int_equal(a->nrows, 2);	/* the last one has no final newline */
	assert_string_equal(a->rows[1].address, "bob@example.test");
	agg_free(a);
}

/* Objects printed over many lines (probe --json), one cut off, then JSONL. */
static void
test_pretty_printed(void **state)
{
	unsigned long bad = 0;
	struct agg *a = load(PRETTY, 500, &bad);

	(void)state;
	assert_int_equal(bad, 1);
	assert_int_equal(a->nrows, 3);
	assert_string_equal(a->rows[0].address, "alice@example.test");
	assert_string_equal(a->rows[1].address, "bob@example.test");
	assert_string_equal(a->rows[2].address, "carol@example.test");
	assert_int_equal(a->domains[0].tls_sessions, 3);
	agg_free(a);
}

static void
test_long_line(void **state)
{
	FILE *fp = tmpfile();
	struct jsonl j;
	json_t *rec;
	size_t i;

	(void)state;
	assert_non_null(fp);
	fputs("{\"verdict\":\"deliverable\",\"address\":\"a@b.test\"}\n", fp);
	fputs("{\"verdict\":\"", fp);
	for (i = 0; i < JSONL_LINE_MAX / 64 + 1; i++)
		fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", fp);
	fputs("\"}\n{\"verdict\":\"deliverable\",\"address\":\"c@d.test\"}\n", fp);
	rewind(fp);
	jsonl_init(&j, fp, "long");
	assert_int_equal(jsonl_next(&j, &rec), JSONL_RECORD);
	json_decref(rec);
	assert_int_equal(jsonl_next(&j, &rec), JSONL_RECORD);
	assert_string_equal(json_string_value(json_object_get(rec, "address")),
	    "c@d.test");
	assert_int_equal(j.line, 3);
	assert_int_equal(j.bad, 1);
	json_decref(rec);
	assert_int_equal(jsonl_next(&j, &rec), JSONL_EOF);
	assert_true(j.cap <= JSONL_LINE_MAX * 2 + 65536);
	jsonl_free(&j);
	fclose(fp);
}

/*
 * An input whose first line is longer than any record (/dev/zero, a
 * binary file without a newline) is no mxtrace JSON, said without reading
 * on to the line's end: /dev/zero's never comes (SIGALRM ends the test
 * if it is read on).
 */
static void
test_long_first_line(void **state)
{
	FILE *fp = fopen("/dev/zero", "r");
	struct jsonl j;
	json_t *rec;

	(void)state;
	assert_non_null(fp);
	jsonl_init(&j, fp, "zeros");
	alarm(60);
	assert_int_equal(jsonl_next(&j, &rec), JSONL_FOREIGN);
	alarm(0);
	assert_null(rec);
	jsonl_free(&j);
	fclose(fp);
}

/* How many ::before{content:"..."} labels html holds; fails on one with
 * a character esc_css_string writes as \XXXXXX (not a letter, digit,
 * space, non-ASCII or such an escape). */
static size_t
css_labels_escaped(const char *html)
{
	const char *p = html, *q;
	size_t n = 0;

	while ((p = strstr(p, "::before{content:\"")) != NULL) {
		p += strlen("::before{content:\"");
		for (q = p; *q != '"'; q++) {
			assert_true(*q != '\0');
			if (*q == '\\') {
				assert_int_equal(strspn(q + 1, "0123456789abcdef"),
				    6);
				q += 6;
			} else
				assert_true((*q >= '0' && *q <= '9') ||
				    ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') ||
				    *q == ' ' || (unsigned char)*q >= 0x80);
		}
		n++;
		p = q;
	}
	return n;
}

static void
test_escaping(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	char *html = render(a, LANG_EN);

	(void)state;
	/* Our script is the only one; the server's markup shows as text. */
	assert_int_equal(count_of(html, "<script"), 1);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b onmouseover"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(html, "&lt;b onmouseover=&quot;document.title="
	    "&#39;pwned&#39;&quot;&gt;"));
	assert_non_null(strstr(html, "HELO name &lt;script&gt;document.title="));
	/* CSV input fields of verify: text too. */
	assert_non_null(strstr(html, "<span>name: <b>Bob &lt;b&gt;Builder&lt;/b&gt;"
	    "</b></span>"));
	assert_non_null(strstr(html, "<span>note: <b>&lt;img src=x onerror="));
	assert_non_null(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; "));
	assert_non_null(strstr(html, "script-src 'sha256-"));
	assert_null(strstr(html, "href=\"http"));
	assert_null(strstr(html, "src=\"http"));
	assert_non_null(strstr(html, "see http://postgrey"));	/* as text */
	/* every cell label of a phone's cards escaped for a CSS string, the
	 * catalogue's as the input's (html_cell_label): "Time (ms)" too */
	assert_true(css_labels_escaped(html) >= 10);
	free(html);
	agg_free(a);
}

/*
 * Checked through --proxy: the servers saw the proxy, not the office
 * machine's own address towards it, so the page's "Checked from" names
 * the proxy (in the page's language) and never that address; a record
 * checked directly keeps its own address.
 */
static void
test_checked_through_proxy(void **state)
{
	struct agg *a = load(PROXY, 500, NULL);
	char *en = render(a, LANG_EN), *zh = render(a, LANG_ZH);
	const char *dd, *via;

	(void)state;
	dd = strstr(en, "Checked from (IP address)</dt><dd>");
	assert_non_null(dd);
	via = strstr(dd, "through the SOCKS5 proxy 203.0.113.5:1080");
	assert_non_null(via);
	assert_true(via < strstr(dd, "</dd>"));
	assert_true(strstr(dd, "198.51.100.7") < strstr(dd, "</dd>"));
	assert_null(strstr(en, "192.168.1.23"));
	assert_non_null(strstr(zh, "经由 SOCKS5 代理 203.0.113.5:1080"));
	assert_null(strstr(zh, "192.168.1.23"));
	free(en);
	free(zh);
	agg_free(a);
}

/*
 * A Chinese domain is shown as its owner writes it, 例子.测试, with the
 * A-label the records use beside it; an ASCII domain once.
 */
static void
test_idn_domain_readable(void **state)
{
	struct agg *a = load(IDN, 500, NULL);
	char *zh = render(a, LANG_ZH);
	const char *cell;

	(void)state;
	cell = strstr(zh, "<td class=\"dn\">");
	assert_non_null(cell);
	assert_non_null(strstr(zh, "<td class=\"dn\">\xe4\xbe\x8b\xe5\xad\x90."
	    "\xe6\xb5\x8b\xe8\xaf\x95 (xn--fsqu00a.xn--0zwm56d)</td>"));
	assert_non_null(strstr(zh, "<td class=\"dn\">ok.test</td>"));
	assert_null(strstr(zh, "<td class=\"dn\">xn--"));
	free(zh);
	agg_free(a);
}

/*
 * verify's rows Alice@, alice@ and ALICE@OK.TEST (one probe, rows 2 and 3
 * with duplicate_of) and nobody@ok.test, all in one shared session: every
 * row counts as an address with its result, the page says two repeat an
 * earlier row, and the copied attempts are no second session or sample.
 */
static void
test_duplicate_rows(void **state)
{
	struct agg *a = load(DUPS, 500, NULL);
	const struct agg_domain *d = &a->domains[a->domain_order[0]];
	char *en = render(a, LANG_EN), *zh = render(a, LANG_ZH);

	(void)state;
	assert_int_equal(a->nrows, 4);
	assert_int_equal(a->count[VERDICT_DELIVERABLE], 3);
	assert_int_equal(a->duplicates, 2);
	assert_int_equal(d->total, 4);
	assert_int_equal(d->sessions, 1);	/* both asked in session 1 */
	assert_int_equal(d->lat[STAGE_RCPT].n, 2);
	assert_int_equal(d->lat[STAGE_DNS].n, 2);
	assert_non_null(strstr(en, "4 addresses (2 of them repeat an earlier "
	    "row&#39;s address: probed once), "));
	assert_non_null(strstr(zh, "4 \xe4\xb8\xaa\xe5\x9c\xb0\xe5\x9d\x80"
	    "\xef\xbc\x88\xe5\x85\xb6\xe4\xb8\xad 2 "));	/* 4 个地址（其中 2 */
	free(en);
	free(zh);
	agg_free(a);
}

/*
 * ALICE@OK.TEST and alice@ok.test repeat Alice@ok.test's row and carry its
 * RCPT TO:<Alice@ok.test>: that is their own address's RCPT, not a
 * catch-all test of a random one (which would hide where a refused
 * copy stopped).  The fixture holds no catch-all probe at all.
 */
static void
test_duplicate_rows_own_rcpt(void **state)
{
	struct agg *a = load(DUPS, 500, NULL);
	char *en = render(a, LANG_EN);

	(void)state;
	assert_int_equal(count_of(en, "Catch-all test (random address)"), 0);
	free(en);
	agg_free(a);
}

/*
 * A lab verify of a list whose rows 3 and 4 left the address cell empty
 * (one blank, one spaces): their paths say the cell is empty, not to look
 * for a typo, in English and Chinese, and so does "what to do first",
 * where they are a cause of their own (3 times in all).
 */
static void
test_empty_cell_rows(void **state)
{
	struct agg *a = load(EMPTYCELL, 500, NULL);
	char *en = render(a, LANG_EN), *zh = render(a, LANG_ZH);
	char *todo, *end;

	(void)state;
	assert_int_equal(a->nrows, 3);
	assert_int_equal(count_of(en, "its address cell is empty"), 3);
	/* 邮箱单元格是空的 */
	assert_int_equal(count_of(zh, "\xe9\x82\xae\xe7\xae\xb1\xe5\x8d\x95"
	    "\xe5\x85\x83\xe6\xa0\xbc\xe6\x98\xaf\xe7\xa9\xba\xe7\x9a\x84"), 3);
	assert_non_null(todo = strstr(en, "<section id=\"todo\">"));
	assert_non_null(end = strstr(todo, "</section>"));
	*end = '\0';
	assert_non_null(strstr(todo, "its address cell is empty"));
	assert_null(strstr(todo, "check for typos"));
	free(en);
	free(zh);
	agg_free(a);
}

/*
 * The TLS column of a domain no server of which was reached (the invalid
 * rows' "no domain"): a whole phrase in Chinese, 未连接服务器, not the
 * dangling 未连接到 ("not connected to").
 */
static void
test_not_reached_zh(void **state)
{
	struct agg *a = load(EMPTYCELL, 500, NULL);
	char *zh = render(a, LANG_ZH);

	(void)state;
	assert_null(strstr(zh, "\xe6\x9c\xaa\xe8\xbf\x9e\xe6\x8e\xa5"
	    "\xe5\x88\xb0<"));				/* 未连接到< */
	assert_non_null(strstr(zh, "\xe6\x9c\xaa\xe8\xbf\x9e\xe6\x8e\xa5"
	    "\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8<"));	/* 未连接服务器< */
	free(zh);
	agg_free(a);
}

static const struct agg_domain *
domain_named(const struct agg *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->ndomains; i++)
		if (strcmp(a->domains[i].name, name) == 0)
			return &a->domains[i];
	fail_msg("no domain %s", name);
	return NULL;
}

/*
 * A lab verify run asked ok.test's 6 addresses (8 rows, 2 repeats) in its
 * session 3 and catchall.test's 2 in its session 1 with one catch-all probe;
 * a separate probe of alice@ok.test made a session 1 of its own.  Each
 * session counts once, and so does a step several records show alike.
 */
static void
test_shared_sessions(void **state)
{
	struct agg *a = load(SESSIONS, 500, NULL);
	const struct agg_domain *ok = domain_named(a, "ok.test");
	const struct agg_domain *ca = domain_named(a, "catchall.test");
	char *en = render(a, LANG_EN);

	(void)state;
	assert_int_equal(ok->total, 9);
	assert_int_equal(ok->sessions, 2);
	assert_int_equal(ok->tls_sessions, 2);
	assert_int_equal(ok->lat[STAGE_BANNER].n, 2);
	assert_int_equal(ok->lat[STAGE_MAIL].n, 2);
	/* 6 own RCPTs, the probe's own and its catch-all probe */
	assert_int_equal(ok->lat[STAGE_RCPT].n, 8);
	assert_int_equal(ca->total, 2);
	assert_int_equal(ca->sessions, 1);
	assert_int_equal(ca->tls_sessions, 1);
	assert_int_equal(ca->lat[STAGE_MAIL].n, 1);
	assert_int_equal(ca->lat[STAGE_RCPT].n, 3);
	assert_non_null(strstr(en, "sessions with TLS: 2 / 2<"));
	assert_non_null(strstr(en, "sessions with TLS: 1 / 1<"));
	free(en);
	agg_free(a);
}

/*
 * An address's path shows the list's other fields; one its row left empty
 * (eve@ok.test's note) is not drawn as "note: " and nothing.
 */
static void
test_input_fields_empty(void **state)
{
	struct agg *a = load(SESSIONS, 500, NULL);
	char *en = render(a, LANG_EN);

	(void)state;
	assert_non_null(strstr(en, "<span>name: <b>Eve</b></span> "
	    "<span>country: <b>US</b></span> </p>"));
	assert_non_null(strstr(en, "<span>note: <b>&lt;b&gt;bold"));
	assert_null(strstr(en, "<b></b></span>"));
	free(en);
	agg_free(a);
}

/*
 * Times are shown to the second: two records started 678 ms apart within
 * 03:04:17 read "when checked: 03:04:17", not "03:04:17 – 03:04:17"; the
 * lab run of report_sessions.jsonl, minutes apart, keeps its range.
 */
static void
test_checked_within_a_second(void **state)
{
	struct agg *a = load(SAMESEC, 500, NULL), *b = load(SESSIONS, 500, NULL);
	char *en = render(a, LANG_EN), *range = render(b, LANG_EN);

	(void)state;
	assert_non_null(strstr(en, "2026-12-02T03:04:17.195Z"));
	assert_null(strstr(en, "</time> \xe2\x80\x93 <time"));
	assert_non_null(strstr(range, "</time> \xe2\x80\x93 <time"));
	free(en);
	free(range);
	agg_free(a);
	agg_free(b);
}

/* The transcript's "!!" lines are mxtrace's words: in the report's language. */
static void
test_transcript_errors_translated(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	char *html = render(a, LANG_ZH);

	(void)state;
	assert_null(strstr(html, "!! connect timeout"));
	assert_non_null(strstr(html, "!! \xe8\xbf\x9e\xe6\x8e\xa5\xe8\xb6\x85"
	    "\xe6\x97\xb6"));	/* 连接超时 */
	free(html);
	agg_free(a);
}

/*
 * The transcript shows a reply's enhanced code as the server sent it, on
 * its first line (the record keeps it apart from the text); a reply
 * without one shows none.
 */
static void
test_transcript_enhanced(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	char *html = render(a, LANG_EN);

	(void)state;
	assert_non_null(strstr(html, "S: 550 5.1.1 &lt;bob@example.test&gt;: "
	    "Recipient address rejected"));
	assert_non_null(strstr(html, "S: 554 5.7.1 Service unavailable;"));
	assert_null(strstr(html, "S: 550 &lt;bob@example.test&gt;"));
	free(html);
	agg_free(a);
}

/* The numbers a reader sees: cards, the counts table, the cause list. */
static void
test_page_numbers(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	char *html = render(a, LANG_EN);

	(void)state;
	assert_non_null(strstr(html, "<div class=\"card ok\"><div class=\"n\">1"
	    "</div>"));
	/* the blocklisted probe IP and the blocked port 25 are the tester's
	 * own problems: never "will not arrive" */
	assert_non_null(strstr(html, "<div class=\"card bad\"><div class=\"n\">"
	    "4</div>"));
	assert_non_null(strstr(html, "<div class=\"card warn\"><div class=\"n\">"
	    "1</div>"));
	assert_non_null(strstr(html, "<div class=\"card self\"><div class=\"n\">"
	    "4</div>"));
	assert_non_null(strstr(html, "<tr data-v=\"undeliverable\"><td><span "
	    "class=\"chip bad\">"));
	assert_non_null(strstr(html, "<tr data-g=\"tester\"><td><span "
	    "class=\"chip self\">"));
	assert_non_null(strstr(html, "<td class=\"n\">4</td><td class=\"n\">"
	    "40.0%</td>"));
	/* what to do first: the customers' problems, then the tester's own */
	assert_true(strstr(html, "data-r=\"mailbox_unknown\"") <
	    strstr(html, "<section id=\"tester\""));
	assert_true(strstr(html, "<section id=\"tester\"") <
	    strstr(html, "data-r=\"ip_blocklisted\""));
	assert_non_null(strstr(html, "mxtrace sender YOUR-DOMAIN"));
	/* the customers are named: the company of row 2 */
	assert_non_null(strstr(html, "<ul class=\"who\"><li><b>"));
	assert_int_equal(count_of(html, "<article class=\"addr\""), 10);
	/*
	 * rows: 10 addresses, then the summary's 5 verdict rows and 1 tester
	 * row
	 */
	assert_int_equal(count_of(html, "<tr data-v="), 10 + 5);
	assert_int_equal(count_of(html, "<tr data-g="), 1);
	free(html);
	agg_free(a);
}

/* A page of n records (JSON texts) made into an agg, rendered. */
static char *
render_recs(const char *const *recs, size_t n, enum lang lang)
{
	struct agg *a = agg_new(10);
	json_t *rec;
	char *html;
	size_t i;

	for (i = 0; i < n; i++) {
		rec = json_loads(recs[i], 0, NULL);
		assert_non_null(rec);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	agg_finish(a);
	html = render(a, lang);
	agg_free(a);
	return html;
}

/*
 * A trusted issuer's certificate for other names is not "certificate
 * verified" in green: the domain's TLS cell and the transcript say it is
 * from a trusted issuer and that the name does not match, en and zh.
 */
static void
test_cert_other_name(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"bob@a.test\",\"domain\":\"a.test\",\"verdict\":"
	    "\"undeliverable\",\"reason\":\"mailbox_unknown\",\"stage\":"
	    "\"rcpt\",\"attempts\":[{\"mx\":\"mx.a.test\",\"ip\":"
	    "\"127.0.10.1\",\"port\":25,\"tls\":{\"version\":\"TLSv1.3\","
	    "\"cipher\":\"X\",\"verified\":true,\"name_match\":false},"
	    "\"steps\":[{\"stage\":\"rcpt\",\"command\":\"RCPT TO:<bob@a.test>\","
	    "\"code\":550,\"text\":\"no\",\"ms\":1}]}]}",
	    "{\"address\":\"li@b.test\",\"domain\":\"b.test\",\"verdict\":"
	    "\"deliverable\",\"reason\":\"accepted\"}",
	};
	char *html;

	(void)state;
	html = render_recs(recs, 2, LANG_EN);
	assert_non_null(strstr(html, "<span class=\"warn-t\">certificate from a "
	    "trusted issuer, name does not match the server</span>"));
	assert_non_null(strstr(html, "certificate from a trusted issuer; name "
	    "does not match the server"));
	assert_null(strstr(html, "certificate verified"));
	free(html);
	html = render_recs(recs, 2, LANG_ZH);
	assert_non_null(strstr(html, "证书由受信任的机构签发，证书名称与服务器不符"));
	assert_null(strstr(html, "证书已验证"));
	free(html);
}

/*
 * The waterfall names the TLS handshake (a starttls step without a
 * command) as the terminal's trace does, not STARTTLS a second time.
 */
static void
test_handshake_label(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"bob@a.test\",\"domain\":\"a.test\",\"verdict\":"
	    "\"undeliverable\",\"reason\":\"mailbox_unknown\",\"stage\":"
	    "\"rcpt\",\"attempts\":[{\"mx\":\"mx.a.test\",\"ip\":"
	    "\"127.0.10.1\",\"port\":25,\"steps\":["
	    "{\"stage\":\"starttls\",\"command\":\"STARTTLS\",\"code\":220,"
	    "\"text\":\"go\",\"ms\":1},"
	    "{\"stage\":\"starttls\",\"command\":null,\"code\":null,"
	    "\"text\":null,\"ms\":9},"
	    "{\"stage\":\"rcpt\",\"command\":\"RCPT TO:<bob@a.test>\","
	    "\"code\":550,\"text\":\"no\",\"ms\":1}]}]}",
	};
	char *html;

	(void)state;
	html = render_recs(recs, 1, LANG_EN);
	assert_int_equal(count_of(html, "<span class=\"wf-stage\">Encrypt "
	    "(STARTTLS)</span>"), 1);
	assert_int_equal(count_of(html, "<span class=\"wf-stage\">TLS</span>"),
	    1);
	free(html);
	html = render_recs(recs, 1, LANG_ZH);
	assert_int_equal(count_of(html, "<span class=\"wf-stage\">TLS 加密"
	    "</span>"), 1);
	free(html);
}

/*
 * probe --html of an office PC whose network blocks port 25, or through a
 * proxy that refused: no server refused the check, so the tester's section
 * does not say "these servers refused the check ... its IP, its name, its
 * sender address" nor offer --helo and --mail-from; a blocklisted probe IP
 * beside it still gets those words and fixes.
 */
static void
test_tester_unreached(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"li@down.test\",\"domain\":\"down.test\","
		"\"verdict\":\"unreachable\",\"stage\":\"connect\","
		"\"reason\":\"port25_filtered\"}",
		"{\"address\":\"wu@ok.test\",\"domain\":\"ok.test\","
		"\"verdict\":\"unreachable\",\"stage\":\"proxy\","
		"\"reason\":\"proxy_auth_failed\"}",
		"{\"address\":\"bo@blocked.test\",\"domain\":\"blocked.test\","
		"\"verdict\":\"blocked\",\"stage\":\"rcpt\","
		"\"reason\":\"ip_blocklisted\",\"blocklist\":\"zen.test\"}",
	};
	const char *refused = catalog_label(LANG_EN, "report.tester_intro");
	const char *unreached = catalog_label(LANG_EN,
	    "report.tester_intro_unreached");
	char *html;

	(void)state;
	html = render_recs(recs, 2, LANG_EN);
	assert_non_null(strstr(html, "<section id=\"tester\""));
	assert_non_null(strstr(html, "no mail server could be reached"));
	assert_null(strstr(html, "These servers refused the check itself"));
	assert_null(strstr(html, "<ul class=\"fix\">"));
	assert_null(strstr(html, "Give --helo"));
	free(html);
	html = render_recs(recs, 1, LANG_ZH);
	assert_non_null(strstr(html, catalog_label(LANG_ZH,
	    "report.tester_intro_unreached")));
	assert_null(strstr(html, catalog_label(LANG_ZH,
	    "report.tester_intro")));
	free(html);
	/* a refusal among them: the refusals' words and fixes */
	html = render_recs(recs, 3, LANG_EN);
	assert_non_null(strstr(html, "These servers refused the check itself"));
	assert_non_null(strstr(html, "Give --helo"));
	assert_null(strstr(html, "no mail server could be reached"));
	free(html);
	assert_string_not_equal(refused, unreached);
}

/*
 * A refusal of the tester (blocked.test's blocklisting of the probe's IP)
 * has the colour and the words of its group wherever it is counted: the
 * card, the chart's row and the domains' badge (which said "Blocked" in
 * red while the card and chart said the check's own problem, in blue).
 */
static void
test_tester_badge(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"alice@ok.test\",\"domain\":\"ok.test\","
		"\"verdict\":\"deliverable\",\"reason\":\"accepted\"}",
		"{\"address\":\"bo@blocked.test\",\"domain\":\"blocked.test\","
		"\"verdict\":\"blocked\",\"stage\":\"rcpt\","
		"\"reason\":\"ip_blocklisted\",\"blocklist\":\"zen.test\"}",
	};
	static const enum lang langs[] = { LANG_EN, LANG_ZH };
	char *html, *dom, *end, *want;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		html = render_recs(recs, 2, langs[i]);
		want = xasprintf("<span class=\"chip self\">%s 1</span>",
		    catalog_label(langs[i], "report.card_self"));
		assert_non_null(strstr(html, "<div class=\"card self\">"));
		assert_non_null(strstr(html, "<tr data-g=\"tester\"><td><span "
		    "class=\"chip self\">"));
		assert_non_null(dom = strstr(html, "<section id=\"domains\">"));
		assert_non_null(end = strstr(dom, "</section>"));
		*end = '\0';
		assert_non_null(strstr(dom, want));
		assert_null(strstr(dom, "chip bad"));
		assert_non_null(strstr(dom, "<span class=\"chip ok\">"));
		free(want);
		free(html);
	}
}

/* Invalid rows show what the input held; a typo gets its suggestion. */
static void
test_raw_input(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"\",\"verdict\":\"invalid_syntax\",\"reason\":"
		"\"invalid_address\",\"row\":3,\"normalized\":{\"given\":"
		"\"Hans <M\u00fcller> at firma\",\"changes\":[]}}",
		"{\"address\":\"li@gmial.com\",\"summary\":\"bad\",\"verdict\":\"no_mail_domain\","
		"\"reason\":\"domain_no_mail\",\"row\":2,\"suggestion\":"
		"\"li@gmail.com\",\"input\":{\"company\":\"ACME\"}}",
	};
	char *html;

	(void)state;
	html = render_recs(recs, 2, LANG_EN);
	assert_non_null(strstr(html, "Hans &lt;M\xc3\xbcller&gt; at firma"));
	assert_non_null(strstr(html, "Did you mean li@gmail.com"));
	/* input order: row 2 before row 3, whatever order they came in */
	assert_true(strstr(html, "li@gmial.com</kbd></a>") <
	    strstr(html, "Hans &lt;"));
	/* the list's own words marked <kbd> (user input, not our text) */
	assert_non_null(strstr(html,
	    "<ul class=\"who\"><li><b><kbd>ACME</kbd></b> "));
	/* the simple answer first, when the records carry it */
	assert_non_null(strstr(html,
	    "<td class=\"sm s-bad\">Bad<td><kbd>ACME</kbd>"));
	assert_non_null(strstr(html, "data-col=\"summary\""));
	free(html);
}

/*
 * A Chinese customer list: a serial number (序号) in the first column, the
 * company after it, a typo in the domain.  What to do first names the
 * customer by the company, not by "6".
 */
static void
test_todo_names_customer(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"123456@qq.con\",\"domain\":\"qq.con\","
	    "\"verdict\":\"no_mail_domain\",\"reason\":\"domain_not_found\","
	    "\"row\":9,\"input\":{"
	    "\"\u5e8f\u53f7\":\"6\",\"\u516c\u53f8\":\"\u4e49\u4e4c\","
	    "\"\u7535\u8bdd\":\"13800138005\"}}",
	    "{\"address\":\"x@nx.test\",\"domain\":\"nx.test\","
	    "\"verdict\":\"no_mail_domain\",\"reason\":\"domain_not_found\","
	    "\"row\":10,\"input\":{\"ID\":\"10023\"}}",
	};
	char *html, *who;

	(void)state;
	html = render_recs(recs, 2, LANG_ZH);
	who = strstr(html, "<ul class=\"who\">");
	assert_non_null(who);
	assert_non_null(strstr(who, "<li><b><kbd>\xe4\xb9\x89\xe4\xb9\x8c"
	    "</kbd></b> "));
	assert_null(strstr(html, "<li><b><kbd>6</kbd></b>"));
	/* only a number in the row: still shown, it is all there is */
	assert_non_null(strstr(who, "<li><b><kbd>10023</kbd></b> "));
	free(html);
}

/*
 * A sales list's shared mailboxes (the records' role): those mail can
 * reach, or may, are counted and named in a section of their own, with
 * their customer, row and result, in the list's order; one that will not
 * arrive (under what to do first already) and a row repeating an earlier
 * one are not; every role row is marked in the address table.
 */
static void
test_roles(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"sales@b.test\",\"domain\":\"b.test\",\"verdict\":"
	    "\"catch_all\",\"reason\":\"catch_all\",\"row\":3,\"role\":true,"
	    "\"input\":{\"\u516c\u53f8\":\"\u6df1\u5733\u7535\u5b50\"}}",
	    "{\"address\":\"info@a.test\",\"domain\":\"a.test\",\"verdict\":"
	    "\"deliverable\",\"reason\":\"accepted\",\"row\":2,\"role\":true,"
	    "\"input\":{\"\u516c\u53f8\":\"\u534e\u4e3a\"}}",
	    "{\"address\":\"Info@a.test\",\"domain\":\"a.test\",\"verdict\":"
	    "\"deliverable\",\"reason\":\"accepted\",\"row\":5,\"role\":true,"
	    "\"duplicate_of\":2}",
	    "{\"address\":\"admin@c.test\",\"domain\":\"c.test\",\"verdict\":"
	    "\"undeliverable\",\"reason\":\"mailbox_unknown\",\"row\":4,"
	    "\"role\":true}",
	    "{\"address\":\"li@a.test\",\"domain\":\"a.test\",\"verdict\":"
	    "\"deliverable\",\"reason\":\"accepted\",\"row\":6,\"role\":false}",
	};
	char *html, *sec, *end;

	(void)state;
	html = render_recs(recs, 5, LANG_EN);
	sec = strstr(html, "<section id=\"roles\">");
	assert_non_null(sec);
	end = strstr(sec, "</section>");
	assert_non_null(end);
	*end = '\0';
	assert_non_null(strstr(sec, "2 addresses that can receive mail, or "
	    "may, name a role, not a person"));
	assert_non_null(strstr(sec, "info@a.test"));
	assert_non_null(strstr(sec, "sales@b.test"));
	assert_true(strstr(sec, "info@a.test") < strstr(sec, "sales@b.test"));
	assert_null(strstr(sec, "Info@a.test"));
	assert_null(strstr(sec, "admin@c.test"));
	assert_null(strstr(sec, "li@a.test"));
	assert_non_null(strstr(sec, "<b><kbd>\xe5\x8d\x8e\xe4\xb8\xba</kbd></b>"));
	assert_non_null(strstr(sec, "<small>row 2</small>"));
	assert_non_null(strstr(sec, "<span class=\"chip warn\">"));
	*end = '<';
	assert_non_null(strstr(html, "<a href=\"#roles\">Shared mailboxes</a>"));
	/* the four role rows marked in the table, the fifth not */
	assert_int_equal(count_of(html, "shared mailbox: a role, not a person"), 4);
	/* the repeating row says whose probe its result is, in the table */
	assert_non_null(strstr(html, "not a person</small><br><small class="
	    "\"note\">Same address as row 2</small></div><td"));
	free(html);
	html = render_recs(recs, 5, LANG_ZH);
	assert_non_null(strstr(html, "\xe6\x9c\x89 2 \xe4\xb8\xaa"));
	assert_non_null(strstr(html, catalog_label(LANG_ZH, "report.role_mark")));
	free(html);
	/* no role among the records: no section */
	html = render_recs(recs + 3, 2, LANG_EN);
	assert_null(strstr(html, "id=\"roles\""));
	assert_null(strstr(html, "#roles"));
	free(html);
}

/*
 * The cards count whether mail sent now arrives, the summary judges the
 * address itself: where their answers part (a full mailbox: "will not
 * arrive" and Risky), the page says why, in both languages; where they
 * agree it says nothing.
 */
static void
test_cards_vs_summary(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"a@x.test\",\"summary\":\"ok\",\"verdict\":"
	    "\"deliverable\",\"reason\":\"accepted\"}",
	    "{\"address\":\"b@x.test\",\"summary\":\"bad\",\"verdict\":"
	    "\"undeliverable\",\"reason\":\"mailbox_unknown\"}",
	    "{\"address\":\"c@full.test\",\"summary\":\"risky\",\"verdict\":"
	    "\"mailbox_full\",\"reason\":\"mailbox_full\"}",
	};
	const char *en = catalog_label(LANG_EN, "report.cards_vs_summary");
	const char *zh = catalog_label(LANG_ZH, "report.cards_vs_summary");
	char *html;

	(void)state;
	assert_string_not_equal(en, zh);
	html = render_recs(recs, 2, LANG_EN);
	assert_null(strstr(html, "The cards count whether mail sent now"));
	free(html);
	html = render_recs(recs, 3, LANG_EN);
	assert_non_null(strstr(html, "<p class=\"note\">The cards count "
	    "whether mail sent now would arrive."));
	assert_true(strstr(html, "The cards count") < strstr(html, "</section>"));
	free(html);
	html = render_recs(recs, 3, LANG_ZH);
	assert_non_null(strstr(html, "\xe5\x8d\xa1\xe7\x89\x87\xe7\xbb\x9f"
	    "\xe8\xae\xa1\xe7\x9a\x84\xe6\x98\xaf"));
	free(html);
}

/*
 * Records come in the order their probes end: what to do first names a
 * cause's addresses first in the list, in its order (it named row 10
 * before row 4), the one of row 1 arriving sixth kept, row 10 left to
 * "others"; on a phone the notes under an address stay under it (one
 * <div> beside the cell's label).
 */
static void
test_cause_rows_in_list_order(void **state)
{
	static const int rows[] = { 10, 4, 7, 9, 5, 1 };
	const char *recs[6];
	char *buf[6], *html, *who;
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++) {
		buf[i] = xasprintf("{\"address\":\"r%d@x.test\",\"domain\":"
		    "\"x.test\",\"verdict\":\"undeliverable\",\"reason\":"
		    "\"mailbox_unknown\",\"row\":%d,\"role\":%s}", rows[i],
		    rows[i], i == 0 ? "true" : "false");
		recs[i] = buf[i];
	}
	html = render_recs(recs, 6, LANG_EN);
	who = strstr(html, "<ul class=\"who\">");
	assert_non_null(who);
	*strstr(who, "</ul>") = '\0';
	assert_non_null(strstr(who, "r1@x.test"));
	assert_null(strstr(who, "r10@x.test"));
	assert_true(strstr(who, "r1@x.test") < strstr(who, "r4@x.test"));
	assert_true(strstr(who, "r4@x.test") < strstr(who, "r5@x.test"));
	assert_true(strstr(who, "r5@x.test") < strstr(who, "r7@x.test"));
	assert_true(strstr(who, "r7@x.test") < strstr(who, "r9@x.test"));
	free(html);
	html = render_recs(recs, 6, LANG_EN);
	assert_non_null(strstr(html, "<td class=\"ad\"><div><a href="));
	assert_non_null(strstr(html, "a role, not a person</small></div>"
	    "<td class=\"v bad\">"));
	free(html);
	for (i = 0; i < 6; i++)
		free(buf[i]);
}

/* What to do first puts a typo's suggested address next to the address,
 * where the boss reads it, not only in the address table further down. */
static void
test_todo_suggestion(void **state)
{
	static const char *const recs[] = {
	    "{\"address\":\"123456@qq.con\",\"domain\":\"qq.con\","
	    "\"verdict\":\"no_mail_domain\",\"reason\":\"domain_not_found\","
	    "\"row\":9,\"suggestion\":\"123456@qq.com\"}",
	    "{\"address\":\"a@ok.test\",\"domain\":\"ok.test\","
	    "\"verdict\":\"deliverable\",\"reason\":\"accepted\",\"row\":10}",
	};
	char *html, *who;

	(void)state;
	html = render_recs(recs, 2, LANG_ZH);
	who = strstr(html, "<ul class=\"who\">");
	assert_non_null(who);
	assert_non_null(strstr(who, "123456@qq.com"));
	assert_true(strstr(who, "123456@qq.com") < strstr(who, "</ul>"));
	free(html);
}

/*
 * A cell with two addresses (alice@ok.test，bob@exim.test) whose second was
 * written first (the first repeats an earlier row, so its record came
 * later): the address table keeps the cell's order, part 1 then part 2.
 */
static void
test_parts_in_cell_order(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"bob@exim.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":18,\"part\":2}",
		"{\"address\":\"alice@ok.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":18,\"part\":1}",
		"{\"address\":\"carol@ok.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":4,\"part\":null}",
	};
	char *html, *rows;

	(void)state;
	html = render_recs(recs, 3, LANG_EN);
	rows = strstr(html, "id=\"rows\"");
	assert_non_null(rows);
	assert_non_null(strstr(rows, "alice@ok.test</kbd>"));
	assert_true(strstr(rows, "carol@ok.test</kbd>") <
	    strstr(rows, "alice@ok.test</kbd>"));
	assert_true(strstr(rows, "alice@ok.test</kbd>") <
	    strstr(rows, "bob@exim.test</kbd>"));
	free(html);
}

/*
 * Without JavaScript the address table shows its first page only and says
 * how much of it, one sentence in the page's language: it read "显示前面的
 * 行： 2 / 3. 在浏览器中..." (an English full stop in the Chinese).
 */
/*
 * A cause spread over more domains than it names: the rest said as how
 * many domains and addresses (it said "others: 2" after counts of
 * addresses, and they were domains); the page's count of domains leaves
 * out the group of addresses without one (it said 8 with 7).
 */
static void
test_cause_other_domains(void **state)
{
	static const char *const doms[] = { "d1.test", "d1.test", "d2.test",
	    "d3.test", "d4.test", "d5.test", "d6.test", "d7.test", "d7.test" };
	static const struct {
		enum lang	 lang;
		const char	*others, *count, *wrong;
	} want[] = {
		{ LANG_EN, "; 2 other domains (2)", "7 domains", "8 domains" },
		{ LANG_ZH, "；其他 2 个域名（2）", "7 个域名", "8 个域名" },
	};
	struct report_opts o = { LANG_EN, NULL, 0, 0, 0, 0 };
	struct agg *a = agg_new(20);
	char *buf, line[256];
	size_t i, len;
	json_t *rec;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(doms) / sizeof(doms[0]); i++) {
		snprintf(line, sizeof(line), "{\"address\":\"u%zu@%s\","
		    "\"domain\":\"%s\",\"verdict\":\"undeliverable\","
		    "\"reason\":\"mailbox_unknown\",\"row\":%zu}", i, doms[i],
		    doms[i], i + 1);
		rec = json_loads(line, 0, NULL);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	rec = json_loads("{\"address\":\"x@@y\",\"domain\":null,"
	    "\"verdict\":\"invalid_syntax\",\"reason\":\"invalid_address\","
	    "\"row\":10}", 0, NULL);
	assert_int_equal(agg_add(a, rec), 0);
	json_decref(rec);
	agg_finish(a);
	assert_int_equal(a->ndomains, 8);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		o.lang = want[i].lang;
		buf = NULL;
		len = 0;
		fp = open_memstream(&buf, &len);
		assert_int_equal(report_render(fp, a, &o, NULL), 0);
		fclose(fp);
		if (strstr(buf, want[i].others) == NULL ||
		    strstr(buf, want[i].count) == NULL ||
		    strstr(buf, want[i].wrong) != NULL)
			fail_msg("want \"%s\" and \"%s\", not \"%s\"",
			    want[i].others, want[i].count, want[i].wrong);
		free(buf);
	}
	agg_free(a);
}

static void
test_first_rows_sentence(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"a@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":2}",
		"{\"address\":\"b@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":3}",
		"{\"address\":\"c@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":4}",
	};
	struct report_opts o = { LANG_ZH, NULL, 0, 2, 0, 0 };
	struct agg *a = agg_new(10);
	char *buf = NULL;
	size_t i, len = 0;
	json_t *rec;
	FILE *fp;

	(void)state;
	for (i = 0; i < 3; i++) {
		rec = json_loads(recs[i], 0, NULL);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	agg_finish(a);
	for (i = 0; i < 2; i++) {
		o.lang = i == 0 ? LANG_ZH : LANG_EN;
		fp = open_memstream(&buf, &len);
		assert_int_equal(report_render(fp, a, &o, NULL), 0);
		fclose(fp);
		assert_non_null(strstr(buf, i == 0 ?
		    "<noscript><p>这里只显示前 2 行（共 3 行）。在浏览器中启用 "
		    "JavaScript 即可翻页、排序和筛选全部行。</p></noscript>" :
		    "<noscript><p>Showing the first 2 of 3 rows. Turn on "
		    "JavaScript in your browser to page through, sort and "
		    "filter all rows.</p></noscript>"));
		free(buf);
		buf = NULL;
	}
	agg_free(a);
}

/*
 * A list whose rows leave different cells empty (a phone given on one row
 * only, as in most customer lists): each row shows the cells it has, an
 * empty <td> for the others.
 */
static void
test_input_cells_missing(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"a@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":2,\"input\":{\"name\":"
		"\"Zhang\",\"phone\":\"+86 138\"}}",
		"{\"address\":\"b@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":3,\"input\":{\"name\":"
		"\"Li\",\"phone\":\"\"}}",
		"{\"address\":\"c@x.test\",\"verdict\":\"deliverable\","
		"\"reason\":\"accepted\",\"row\":4,\"input\":{\"phone\":"
		"\"+86 139\"}}",
	};
	struct agg *a = agg_new(10);
	json_t *rec;
	char *html;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		rec = json_loads(recs[i], 0, NULL);
		assert_non_null(rec);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	agg_finish(a);
	html = render(a, LANG_EN);
	assert_non_null(strstr(html, "<td><kbd>Li</kbd><td><td class=\"ad\">"));
	assert_non_null(strstr(html, "<td><td><kbd>+86 139</kbd><td class=\"ad\">"));
	free(html);
	agg_free(a);
}

/*
 * A card's own punctuation in the page's language: the list's cells and
 * where it stopped after a Chinese colon in zh (an English ": " read
 * "客户名称: 张三"), a repeated address naming its first row in a
 * sentence ("与此行地址相同： 2" said "the same as this row: 2").
 */
static void
test_card_words(void **state)
{
	static const char *const recs[] = {
		"{\"address\":\"a@x.test\",\"verdict\":\"undeliverable\","
		"\"reason\":\"mailbox_unknown\",\"stage\":\"rcpt\",\"row\":2,"
		"\"reply\":{\"code\":550,\"text\":\"User unknown\"},"
		"\"input\":{\"name\":\"Zhang\"}}",
		"{\"address\":\"a@x.test\",\"verdict\":\"undeliverable\","
		"\"reason\":\"mailbox_unknown\",\"stage\":\"rcpt\",\"row\":5,"
		"\"reply\":{\"code\":550,\"text\":\"User unknown\"},"
		"\"input\":{\"name\":\"Zhang\"},\"duplicate_of\":2}",
	};
	struct agg *a = agg_new(10);
	json_t *rec;
	char *en, *zh;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		rec = json_loads(recs[i], 0, NULL);
		assert_non_null(rec);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	agg_finish(a);
	en = render(a, LANG_EN);
	zh = render(a, LANG_ZH);
	assert_non_null(strstr(en, "<span>name: <b>Zhang</b></span>"));
	assert_non_null(strstr(en, "Same address as row 2</p>"));
	assert_non_null(strstr(zh, "<span>name\xef\xbc\x9a<b>Zhang</b></span>"));
	assert_null(strstr(zh, ": <code>"));
	assert_non_null(strstr(zh, "\xef\xbc\x9a<code>"));
	assert_non_null(strstr(zh, "\xe4\xb8\x8e\xe7\xac\xac 2 \xe8\xa1\x8c"));
	free(en);
	free(zh);
	agg_free(a);
}

static void
test_empty(void **state)
{
	struct agg *a = agg_new(10);
	char *html;

	(void)state;
	agg_finish(a);
	html = render(a, LANG_EN);
	assert_non_null(strstr(html, catalog_label(LANG_EN, "report.nothing")));
	assert_null(strstr(html, "id=\"rows\""));
	free(html);
	agg_free(a);
}

static int
has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Every report label, stage and reason label exists in both languages and
 * the Chinese one is Chinese (not the English text copied). */
static void
test_labels_translated(void **state)
{
	const char *key;
	char k[80];
	size_t i, n = 0;
	int s;

	(void)state;
	for (i = 0; (key = catalog_label_key(LANG_EN, i)) != NULL; i++) {
		if (strncmp(key, "report.", 7) != 0 &&
		    strncmp(key, "stage.", 6) != 0 &&
		    strncmp(key, "unit.", 5) != 0)
			continue;
		n++;
		assert_string_not_equal(catalog_label(LANG_EN, key),
		    catalog_label(LANG_ZH, key));
		if (!has_non_ascii(catalog_label(LANG_ZH, key)))
			fail_msg("zh label %s is not translated", key);
	}
	assert_true(n >= 100);
	for (s = 0; s < STAGE__LAST; s++) {
		snprintf(k, sizeof(k), "stage.%s", stage_name(s));
		assert_true(has_non_ascii(catalog_label(LANG_ZH, k)));
	}
	for (s = 0; s < REASON__LAST; s++) {
		snprintf(k, sizeof(k), "report.reason.%s", reason_name(s));
		assert_true(has_non_ascii(catalog_label(LANG_ZH, k)));
		assert_string_not_equal(catalog_label(LANG_EN, k),
		    catalog_label(LANG_ZH, k));
	}
}

/* The Chinese page: no English label left in it. */
static void
test_page_zh(void **state)
{
	struct agg *a = load(BASIC, 500, NULL);
	char *html = render(a, LANG_ZH);
	const char *key;
	size_t i;

	(void)state;
	assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(html, "邮件投递检测报告"));
	for (i = 0; (key = catalog_label_key(LANG_EN, i)) != NULL; i++) {
		const char *en = catalog_label(LANG_EN, key);

		/*
		 * Phrases: they cannot occur by chance in ids or server text.
		 */
		if (strncmp(key, "report.", 7) == 0 && strchr(en, ' ') != NULL &&
		    strstr(html, en) != NULL)
			fail_msg("English label %s (\"%s\") in the zh page", key, en);
	}
	free(html);
	agg_free(a);
}

/* report_write_html: the entry point of `mxtrace probe --html`. */
static void
test_write_html_one(void **state)
{
	json_error_t err;
	json_t *rec = json_load_file(BASIC, JSON_DISABLE_EOF_CHECK, &err);
	const json_t *recs[1];
	struct report_opts o = { LANG_EN, "One <address>", 0, 0, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(rec);
	recs[0] = rec;
	assert_int_equal(report_write_html(fp, recs, 1, &o, true), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "<title>One &lt;address&gt;</title>"));
	assert_non_null(strstr(buf, "id=\"a0\""));
	assert_non_null(strstr(buf, "alice@example.test"));
	free(buf);
	json_decref(rec);
}

/*
 * explain records make a "Bounces" section: counts by side, reason,
 * domain and day, the failed recipients with the server's words escaped;
 * unknown reasons are not counted; a page of bounces alone says nothing of
 * a probe and links only to its Bounces section; the kinds are a table.
 */
static void
test_bounces(void **state)
{
	struct agg *a = load("test/fixtures/report_bounces.jsonl", 500, NULL);
	char *html = render(a, LANG_EN), *zh;

	(void)state;
	assert_int_equal(a->bnc.messages, 4);
	assert_int_equal(a->bnc.failed, 4);
	assert_non_null(strstr(html, "<section id=\"bounces\">"));
	assert_non_null(strstr(html, "Mailbox does not exist"));
	assert_non_null(strstr(html, "163.com"));
	assert_non_null(strstr(html, "2026-12-01"));
	assert_null(strstr(html, "<script>alert"));
	assert_null(strstr(html, "<b>no</b>"));
	assert_null(strstr(html, "not_a_reason"));
	/* bounces alone: no probe to describe, links only to what is there */
	assert_null(strstr(html, "Checked without sending any mail"));
	assert_null(strstr(html, "href=\"#addresses\""));
	assert_non_null(strstr(html, "<a href=\"#bounces\">Bounces</a>"));
	assert_non_null(strstr(html, "<th>What it is</th><th>Messages</th>"));
	assert_non_null(strstr(html, "<h3>What to do</h3>"));
	/* each part under its own heading: on a phone the tables and the
	 * recipients' cards otherwise run into one another */
	assert_non_null(strstr(html, "<h3>By reason</h3>\n<table class=\"causes"
	    "\"><thead><tr><th>Reason</th>"));
	assert_non_null(strstr(html, "<h3>By recipient domain</h3>\n<table "
	    "class=\"causes\"><thead><tr><th>Recipient domain</th>"));
	assert_non_null(strstr(html, "<h3>By date</h3>\n<table class=\"causes\">"
	    "<thead><tr><th>Day</th>"));
	assert_non_null(strstr(html, "<h3>Failed recipients and what the server "
	    "said</h3>\n<style>"));
	zh = render(a, LANG_ZH);
	/* bounces read, no address checked: no "检测" (check) in the title */
	assert_non_null(strstr(zh, "<title>邮件投递报告</title>"));
	assert_null(strstr(zh, "检测报告"));
	assert_non_null(strstr(zh, "<h3>按原因</h3>\n<table"));
	assert_non_null(strstr(zh, "<h3>按收件人域名</h3>\n<table"));
	assert_non_null(strstr(zh, "<h3>按日期</h3>\n<table"));
	assert_non_null(strstr(zh, "<h3>失败的收件人和服务器原文</h3>\n<style>"));
	assert_non_null(strstr(zh, "退信"));
	assert_non_null(strstr(zh, "我方（您的服务器或域名）"));
	assert_non_null(strstr(zh, "<th>类型</th><th>邮件数</th>"));
	assert_non_null(strstr(zh, "<h3>该怎么办</h3>"));
	assert_null(strstr(zh, "未送达：4"));
	free(html);
	free(zh);
	agg_free(a);
}

/*
 * Pasted bounces keep no original message and no Last-Attempt-Date: their
 * day is the report's own Date (the record's "date"), not "no date".
 */
static void
test_bounces_report_date(void **state)
{
	struct agg *a = load("test/fixtures/report_bounces_dated.jsonl", 500,
	    NULL);
	char *html = render(a, LANG_EN);

	(void)state;
	assert_int_equal(a->bnc.failed, 2);
	assert_non_null(strstr(html, "<td>2026-12-01</td><td>2</td>"));
	assert_null(strstr(html, "no date"));
	free(html);
	agg_free(a);
}

/*
 * Odd data in the Bounces section: a bounce with no date, one dated in
 * the future, a complaint that names nobody, a "not spam" mark (not
 * counted), a recipient object with no
 * "address" (listed all the same); counted in words, not as "?"
 * nor as a day of 2999; complaints in what to do on their own (resending
 * is no fix), not among our set-up's failures; no table repeats what to
 * do's counts by side, each after a comma (no brackets after a side's own
 * "(your server or domain)"); one bounce alone gets no tables of one row.
 */
static void
test_bounces_odd(void **state)
{
	struct agg *a = load("test/fixtures/report_bounces_odd.jsonl", 500, NULL);
	char *html = render(a, LANG_EN), *zh, *one;
	FILE *f;
	char path[] = "/tmp/test_report_one.XXXXXX";
	int fd;

	(void)state;
	assert_int_equal(a->bnc.failed, 6);
	assert_non_null(strstr(html, "<td>no date</td><td>2</td>"));
	assert_non_null(strstr(html, "<td>a date in the future (a wrong "
	    "clock)</td><td>1</td>"));
	assert_null(strstr(html, "2999"));
	assert_non_null(strstr(html, "<td>(no address given)</td><td>2</td>"));
	/* a recipient object without "address" is a row too */
	assert_non_null(strstr(html, "<tr><td>(no address given)</td><td>"
	    "Mailbox does not exist"));
	assert_non_null(strstr(html, "<tr><td>(no address given)</td><td>"
	    "Spam complaint"));
	/* a complaint's type in words, not "Feedback-Type: abuse" */
	assert_null(strstr(html, "Feedback-Type"));
	assert_non_null(strstr(html, "<td>Spam complaint: someone who received "
	    "it marked it as spam</td>"));
	assert_null(strstr(html, "<td>?</td>"));
	/* the count after a comma: no second pair of brackets after a
	 * side's own ("(your server or domain)") */
	assert_non_null(strstr(html, "<b>your side (your server or domain)</b>"
	    ", <span class=\"n\">2 recipients</span>: "));
	assert_non_null(strstr(html, "<b>Spam complaint (feedback report)</b>"
	    ", <span class=\"n\">2 recipients</span>: people reported your "
	    "mail as spam"));
	assert_null(strstr(html, ") (2 recipients)"));
	assert_null(strstr(html, "<th>Whose side</th><th>Recipients</th>"));
	/* a "not spam" mark (RFC 6430) is no failure */
	assert_null(strstr(html, "fan@qq.com"));
	zh = render(a, LANG_ZH);
	assert_non_null(strstr(zh, "<b>我方（您的服务器或域名）</b>，<span "
	    "class=\"n\">2 个收件人</span>："));
	assert_null(strstr(zh, "）（"));
	assert_non_null(strstr(zh, "<td>没有日期</td><td>2</td>"));
	assert_non_null(strstr(zh, "<td>未来的日期（时钟有误）</td><td>1</td>"));
	assert_non_null(strstr(zh, "<td>（没有写明地址）</td><td>2</td>"));
	assert_non_null(strstr(zh, "有人把您的邮件举报为垃圾邮件或要求退订"));
	assert_non_null(strstr(zh, "<td>垃圾邮件投诉：收到邮件的人把它标记为垃圾邮件"
	    "</td>"));
	free(html);
	free(zh);
	agg_free(a);

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("{\"record\": \"explain\", \"file\": \"a.eml\", \"message\": 1, "
	    "\"kind\": \"failure\", \"original\": {\"date\": \"Mon, 30 Nov "
	    "2026 09:01:00 +0800\"}, \"recipients\": [{\"address\": "
	    "\"a@qq.com\", \"reason\": \"mailbox_unknown\", \"side\": "
	    "\"recipient_address\", \"text\": \"550 Mailbox not found\"}]}\n",
	    f);
	fclose(f);
	a = load(path, 500, NULL);
	one = render(a, LANG_EN);
	unlink(path);
	assert_non_null(strstr(one, "a@qq.com"));
	assert_null(strstr(one, "<th>Day</th>"));
	assert_null(strstr(one, "<th>Recipient domain</th>"));
	assert_null(strstr(one, "<th>Reason</th><th>Recipients</th>"));
	/* no heading over a table that is not drawn */
	assert_null(strstr(one, "<h3>By reason</h3>"));
	assert_null(strstr(one, "<h3>By recipient domain</h3>"));
	assert_null(strstr(one, "<h3>By date</h3>"));
	assert_non_null(strstr(one, "<h3>Failed recipients and what the server "
	    "said</h3>"));
	free(one);
	agg_free(a);
}

/*
 * A recipient whose address the bounce wrote with control characters
 * (address null, address_unreadable true) is said unreadable, in its row
 * and in the domains table apart from a bounce that names no address, en
 * and zh; a record without the field (an older mxtrace's) is one that
 * names none.
 */
static void
test_bounces_unreadable(void **state)
{
	static const char rec[] = "{\"record\": \"explain\", \"file\": "
	    "\"%s.eml\", \"message\": 1, \"kind\": \"failure\", "
	    "\"recipients\": [{\"address\": null%s, \"reason\": "
	    "\"mailbox_unknown\", \"side\": \"recipient_address\", "
	    "\"text\": \"550 5.1.1 no such user\"}]}\n";
	char path[] = "/tmp/test_report_unreadable.XXXXXX";
	struct agg *a;
	char *en, *zh;
	FILE *f;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fprintf(f, rec, "a", ", \"address_unreadable\": true");
	fprintf(f, rec, "b", ", \"address_unreadable\": true");
	fprintf(f, rec, "c", ", \"address_unreadable\": false");
	fprintf(f, rec, "d", "");
	fclose(f);
	a = load(path, 500, NULL);
	unlink(path);
	en = render(a, LANG_EN);
	zh = render(a, LANG_ZH);
	assert_int_equal(a->bnc.failed, 4);
	assert_non_null(strstr(en, "<td>(address unreadable: written with "
	    "control characters)</td><td>2</td>"));
	assert_non_null(strstr(en, "<td>(no address given)</td><td>2</td>"));
	assert_non_null(strstr(en, "<tr><td>(address unreadable: written with "
	    "control characters)</td><td>Mailbox does not exist"));
	assert_non_null(strstr(en, "<tr><td>(no address given)</td><td>"
	    "Mailbox does not exist"));
	assert_non_null(strstr(zh, "<td>（地址无法读取：写法含有控制字符）</td>"
	    "<td>2</td>"));
	assert_non_null(strstr(zh, "<td>（没有写明地址）</td><td>2</td>"));
	free(en);
	free(zh);
	agg_free(a);
}

/*
 * A recipient's words without any code are the notice's own (a pasted
 * "收件人空间不足"), not a server's: the cell says so, en and zh; words
 * with a code are the server's, said as before.
 */
static void
test_bounces_notice_words(void **state)
{
	char path[] = "/tmp/test_report_notice.XXXXXX", *html, *zh;
	struct agg *a;
	FILE *f;
	int fd;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("{\"record\": \"explain\", \"file\": \"a.txt\", \"message\": 1, "
	    "\"kind\": \"failure\", \"recipients\": [{\"address\": null, "
	    "\"code\": 0, \"enhanced\": null, \"reason\": \"mailbox_full\", "
	    "\"side\": \"recipient_server\", \"text\": \"退信原因 收件人空间不足"
	    "\"}, {\"address\": \"b@qq.com\", \"code\": 550, \"enhanced\": "
	    "null, \"reason\": \"mailbox_unknown\", \"side\": "
	    "\"recipient_address\", \"text\": \"550 Mailbox not found\"}]}\n", f);
	fclose(f);
	a = load(path, 500, NULL);
	unlink(path);
	html = render(a, LANG_EN);
	zh = render(a, LANG_ZH);
	assert_non_null(strstr(html, "the notice&#39;s own words, no server&#39;s: "
	    "<code>退信原因 收件人空间不足</code>"));
	assert_non_null(strstr(zh, "退信通知自己的话，并非服务器原文： <code>退信原因"));
	assert_non_null(strstr(html, "<td><code>550 Mailbox not found</code>"));
	free(html);
	free(zh);
	agg_free(a);
}

/* The report, in lang, of count bounces dated 2020-01-01 on, step days
 * apart; owned. */
static char *
over_time(int count, int step, enum lang lang)
{
	char path[] = "/tmp/test_report_days.XXXXXX", *html;
	struct agg *a;
	FILE *f;
	int fd, i;
	time_t t = 1577836800;	/* 2020-01-01 00:00 UTC */
	char date[64];

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	for (i = 0; i < count; i++, t += (time_t)step * 86400) {
		assert_true(strftime(date, sizeof(date), "%a, %d %b %Y 10:00:00 "
		    "+0000", gmtime(&t)) > 0);
		fprintf(f, "{\"record\": \"explain\", \"file\": \"%d.eml\", "
		    "\"message\": 1, \"kind\": \"failure\", \"original\": "
		    "{\"date\": \"%s\"}, \"recipients\": [{\"address\": "
		    "\"a%d@qq.com\", \"reason\": \"mailbox_unknown\", \"side\": "
		    "\"recipient_address\"}]}\n", i, date, i);
	}
	fclose(f);
	a = load(path, 500, NULL);
	html = render(a, lang);
	unlink(path);
	agg_free(a);
	return html;
}

/*
 * Over time: by day up to 20 days, then by month, then by year: a mailbox
 * of a year's bounces is no table of hundreds of days.
 */
static void
test_bounces_over_time(void **state)
{
	char *html;

	(void)state;
	html = over_time(20, 1, LANG_EN);
	assert_non_null(strstr(html, "<th>Day</th>"));
	assert_non_null(strstr(html, "<td>2020-01-20</td><td>1</td>"));
	free(html);
	html = over_time(40, 1, LANG_EN);
	assert_null(strstr(html, "<th>Day</th>"));
	assert_non_null(strstr(html, "<th>Month</th>"));
	assert_non_null(strstr(html, "<td>2020-01</td><td>31</td>"));
	assert_non_null(strstr(html, "<td>2020-02</td><td>9</td>"));
	free(html);
	html = over_time(30, 40, LANG_ZH);
	assert_non_null(strstr(html, "<th>年份</th>"));
	assert_non_null(strstr(html, "<td>2020</td><td>10</td>"));
	assert_null(strstr(html, "<td>2020-01</td>"));
	free(html);
}

/* The report, in language l, of the explain records in lines; owned. */
static char *
bounces_in(const char *lines, enum lang l)
{
	char path[] = "/tmp/test_report_lines.XXXXXX", *html;
	struct agg *a;
	FILE *f;
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(lines, f);
	fclose(f);
	a = load(path, 500, NULL);
	html = render(a, l);
	unlink(path);
	agg_free(a);
	return html;
}

/* The report, in English, of the explain records in lines; owned. */
static char *
bounces_of(const char *lines)
{
	return bounces_in(lines, LANG_EN);
}

#define DATED_REC(addr, date) "{\"record\": \"explain\", \"file\": " \
	"\"a.eml\", \"message\": 1, \"kind\": \"failure\", \"original\": " \
	"{\"date\": \"" date "\"}, \"recipients\": [{\"address\": \"" \
	addr "\", \"reason\": \"mailbox_unknown\", \"side\": " \
	"\"recipient_address\"}]}\n"

/*
 * A bounce counts on the day its date names in its own zone: a message
 * sent at 07:00 in Beijing on 1 January is the sender's 1 January, though
 * it was still 31 December in UTC (and 22:00 in New York on 31 December is
 * New York's 31 December, though 1 January in UTC).
 */
static void
test_bounces_day_of_own_zone(void **state)
{
	char *html;

	(void)state;
	html = bounces_of(
	    DATED_REC("a@qq.com", "Wed, 01 Jan 2020 07:00:00 +0800")
	    DATED_REC("b@qq.com", "Wed, 01 Jan 2020 07:30:00 +0800")
	    DATED_REC("c@qq.com", "Tue, 31 Dec 2019 22:00:00 -0500"));
	assert_non_null(strstr(html, "<td>2020-01-01</td><td>2</td>"));
	assert_non_null(strstr(html, "<td>2019-12-31</td><td>1</td>"));
	free(html);
}

#define TODO_REC(addr, reason, side) "{\"record\": \"explain\", \"file\": " \
	"\"a.eml\", \"message\": 1, \"kind\": \"failure\", \"recipients\": " \
	"[{\"address\": \"" addr "\", \"reason\": \"" reason "\", \"side\": " \
	"\"" side "\"}]}\n"

/*
 * What to do's groups with as many recipients come in one order whatever
 * the order of the files: our set-up, the message, then the complaint
 * (before, the first group read came first).
 */
static void
test_bounces_todo_ties(void **state)
{
	static const char *const orders[] = {
		TODO_REC("b@qq.com", "content_rejected", "content")
		TODO_REC("a@qq.com", "feedback", "our_side")
		TODO_REC("c@qq.com", "ip_blocklisted", "our_side"),
		TODO_REC("c@qq.com", "ip_blocklisted", "our_side")
		TODO_REC("a@qq.com", "feedback", "our_side")
		TODO_REC("b@qq.com", "content_rejected", "content"),
	};
	const char *ours, *content, *complaint;
	char *html;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		html = bounces_of(orders[i]);
		assert_non_null(ours = strstr(html, "<li><b>your side"));
		assert_non_null(content = strstr(html, "<li><b>the message "
		    "content"));
		assert_non_null(complaint = strstr(html, "<li><b>Spam "
		    "complaint"));
		assert_true(ours < content);
		assert_true(content < complaint);
		free(html);
	}
}

/*
 * A message sent to too many recipients at once is on our side, but its
 * fix is to split and resend, not our set-up: a group of its own in what
 * to do, never "run mxtrace sender", which cannot see it; a blocklisting
 * beside it stays in our set-up's group.
 */
static void
test_bounces_todo_split(void **state)
{
	static const char recs[] =
	    TODO_REC("a@163.com", "too_many_recipients", "our_side")
	    TODO_REC("b@163.com", "too_many_recipients", "our_side")
	    TODO_REC("c@qq.com", "ip_blocklisted", "our_side");
	char *html, *zh;

	(void)state;
	html = bounces_of(recs);
	assert_non_null(strstr(html, "<li><b>Too many recipients</b>, <span "
	    "class=\"n\">2 recipients</span>: a message went to more "
	    "recipients at once than the customer&#39;s server takes in one "
	    "message"));
	assert_non_null(strstr(html, "<li><b>your side (your server or "
	    "domain)</b>, <span class=\"n\">1 recipient</span>"));
	free(html);
	html = bounces_of(TODO_REC("a@163.com", "too_many_recipients",
	    "our_side"));
	assert_null(strstr(html, "mxtrace sender"));
	assert_non_null(strstr(html, "smaller batches"));
	free(html);
	zh = bounces_in(recs, LANG_ZH);
	assert_non_null(strstr(zh, "<li><b>收件人过多</b>"));
	assert_non_null(strstr(zh, "请分成小批"));
	free(zh);
}

/* A complaint without a copy of the message names our domain by its
 * envelope sender (complaint.original_mail_from) in what to do. */
static void
test_bounces_fbl_domain(void **state)
{
	struct agg *a = load("test/fixtures/report_bounces_fbl.jsonl", 500,
	    NULL);
	char *html = render(a, LANG_EN);

	(void)state;
	assert_non_null(strstr(html, "run mxtrace sender list.example.cn and "
	    "fix"));
	free(html);
	agg_free(a);
}

/*
 * The sender section's cards count the rows the reader sees, as the
 * terminal prints them: servfail.test's 16 unknown DKIM keys are one row
 * (SENDER_DKIM_FOLD), so one "could not tell", not 16; a status this
 * version does not know is drawn as unknown and counted so.
 */
static void
test_sender_cards_count_rows(void **state)
{
	static const char *const cls[] = { "bad", "self", "warn", "info", "ok" };
	json_t *o = json_pack("{s:s, s:{s:s}, s:{s:s}, s:[]}", "domain", "servfail.test",
	    "spf", "status", "temperror", "mx", "status", "error", "checks");
	json_t *checks = json_object_get(o, "checks");
	char *buf = NULL, needle[80];
	size_t len = 0, i, rows;
	FILE *fp;

	(void)state;
	json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id", "spf_record",
	    "status", "unknown", "subject", "servfail.test", "detail", "SERVFAIL"));
	for (i = 0; i < 16; i++) {
		snprintf(needle, sizeof(needle), "s%zu", i);
		json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id",
		    "dkim_key", "status", "unknown", "subject", needle, "detail", "SERVFAIL"));
	}
	json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id", "dkim",
	    "status", "unknown", "subject", "servfail.test", "detail", "no key found"));
	json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id", "newer",
	    "status", "doubtful", "subject", "servfail.test", "detail", "?"));
	json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id", "sending_ips",
	    "status", "warn", "subject", "servfail.test", "detail", "no sending IP"));
	for (i = 0; i < 3; i++)
		json_array_append_new(checks, json_pack("{s:s, s:s, s:s, s:s}", "id",
		    "dnsbl_domain", "status", "pass", "subject", "servfail.test", "detail", "ok"));
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	sndreport_html(fp, o, LANG_EN);
	fclose(fp);
	/* spf_record, the 16 DKIM keys as one, dkim, the unknown status */
	assert_int_equal(count_of(buf, "<span class=\"chip self\">"), 4);
	for (i = 0, rows = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		snprintf(needle, sizeof(needle), "<span class=\"chip %s\">", cls[i]);
		rows = count_of(buf, needle);
		snprintf(needle, sizeof(needle), "<div class=\"card %s\"><div class=\"n\">%zu</div>",
		    cls[i], rows);
		assert_non_null(strstr(buf, needle));
	}
	free(buf);
	json_decref(o);
}

/*
 * The lines above a sender page's findings (snd_para): DNS down for the
 * domain, then a --message sent straight from a PC, each its own
 * paragraph of its own class on its own line, the record's strings
 * escaped, an option kept on one line, in both languages.
 */
static void
test_sender_lines_above(void **state)
{
	static const struct {
		enum lang	lang;
		const char	*dns, *dns_end, *pc, *pc_end;
	} want[] = {
		{ LANG_EN, "</h2>\n<p class=\"expl\">DNS did not answer for a&lt;b&gt;.test: ",
		    "(not failed).</p>\n<p class=\"stop\">",
		    "<p class=\"stop\">The message you gave (<span style=\"white-space:nowrap\">"
		    "--message</span>) went ", "192.0.2.9&lt;i&gt; below are about that "
		    "office line.</p>\n<div class=\"cards\">" },
		{ LANG_ZH, "</h2>\n<p class=\"expl\">a&lt;b&gt;.test 的 DNS 没有回答",
		    "（并非失败）。</p>\n<p class=\"stop\">",
		    "<p class=\"stop\">您给出的邮件（<span style=\"white-space:nowrap\">"
		    "--message</span>）是", "都是这条办公线路。</p>\n<div class=\"cards\">" },
	};
	json_t *o = json_pack("{s:s, s:{s:s}, s:{s:s}, s:[{s:s, s:b}], s:[]}",
	    "domain", "a<b>.test", "spf", "status", "temperror", "mx", "status",
	    "error", "ips", "ip", "192.0.2.9<i>", "direct", 1, "checks");
	char *buf;
	size_t len, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_non_null(fp = open_memstream(&buf, &len));
		sndreport_html(fp, o, want[i].lang);
		fclose(fp);
		if (strstr(buf, want[i].dns) == NULL || strstr(buf, want[i].dns_end) == NULL ||
		    strstr(buf, want[i].pc) == NULL || strstr(buf, want[i].pc_end) == NULL)
			fail_msg("the lines above the findings:\n%s", buf);
		free(buf);
	}
	json_decref(o);
}

/* v with U+2028 and U+2029 added to every string (and to every key of the
 * objects below "input": a list's column names), but to the names the
 * report looks up.  Owned. */
static json_t *
with_separators(json_t *v, bool keys)
{
	static const char *const names[] = { "verdict", "reason", "stage",
	    "record", "side", "kind", "id", "status", NULL };
	json_t *o, *x;
	const char *k;
	char *key;
	size_t i;
	bool name;

	if (json_is_string(v))
		return json_sprintf("%s\u2028x\u2029", json_string_value(v));
	if (json_is_array(v)) {
		o = json_array();
		json_array_foreach(v, i, x)
			json_array_append_new(o, with_separators(x, keys));
		return o;
	}
	if (!json_is_object(v))
		return json_incref(v);
	o = json_object();
	json_object_foreach(v, k, x) {
		for (name = false, i = 0; names[i] != NULL; i++)
			name = name || strcmp(k, names[i]) == 0;
		key = keys ? xasprintf("%s\u2029", k) : xstrdup(k);
		json_object_set_new(o, key, name ? json_incref(x) :
		    with_separators(x, keys || strcmp(k, "input") == 0));
		free(key);
	}
	return o;
}

/*
 * U+2028 and U+2029 end a line in JavaScript and some viewers and break
 * the page's lines: from a server's reply, a list's cells or a bounce they
 * never reach the page, in either language, as themselves.
 */
static void
test_line_separators(void **state)
{
	static const char *const files[] = { BASIC, PROXY, IDN,
	    "test/fixtures/report_bounces.jsonl",
	    "test/fixtures/report_bounces_odd.jsonl" };
	struct agg *a = agg_new(500);
	unsigned long n = 0, taken = 0;
	json_t *rec, *sep;
	struct jsonl j;
	char *en, *zh;
	size_t i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		assert_non_null(fp = fopen(files[i], "r"));
		jsonl_init(&j, fp, files[i]);
		while (jsonl_next(&j, &rec) == JSONL_RECORD) {
			sep = with_separators(rec, false);
			n++;
			taken += agg_add(a, sep) == 0;
			json_decref(sep);
			json_decref(rec);
		}
		jsonl_free(&j);
		fclose(fp);
	}
	agg_finish(a);
	assert_true(n > 20);
	assert_true(taken == n);
	en = render(a, LANG_EN);
	zh = render(a, LANG_ZH);
	assert_non_null(strstr(en, "Recipient address rejected"));
	assert_null(strstr(en, "\xe2\x80\xa8"));
	assert_null(strstr(en, "\xe2\x80\xa9"));
	assert_null(strstr(zh, "\xe2\x80\xa8"));
	assert_null(strstr(zh, "\xe2\x80\xa9"));
	free(en);
	free(zh);
	agg_free(a);
	/* the sender section: a record of `mxtrace sender --json` */
	rec = json_pack("{s:s, s:{s:s}, s:[{s:s, s:s, s:s, s:s}, {s:s, s:s, s:s, s:s}]}",
	    "domain", "example.test", "spf", "status", "fail", "checks", "id",
	    "spf_record", "status", "fail", "subject", "example.test", "detail",
	    "v=spf1 -all", "id", "mta_sts", "status", "info", "subject",
	    "example.test", "detail", "no MTA-STS record at _mta-sts.example.test "
	    "from 72-2-0-192.dyn.example.net");
	sep = with_separators(rec, false);
	assert_non_null(fp = open_memstream(&en, &i));
	sndreport_html(fp, sep, LANG_EN);
	fclose(fp);
	/* the SPF term kept on one line (snd_text) */
	assert_non_null(strstr(en, "v=spf1 <span style=\"white-space:nowrap\">-all</span>"));
	/* and a name with a hyphen inside: a phone would break it after the
	 * hyphen, "_mta-" above "sts.example.test" */
	assert_non_null(strstr(en, "<span style=\"white-space:nowrap\">"
	    "_mta-sts.example.test</span>"));
	assert_non_null(strstr(en, "<span style=\"white-space:nowrap\">"
	    "72-2-0-192.dyn.example.net</span>"));
	assert_null(strstr(en, "\xe2\x80\xa8"));
	assert_null(strstr(en, "\xe2\x80\xa9"));
	free(en);
	json_decref(sep);
	json_decref(rec);
}

/*
 * A page of more addresses than full_rows is light, for a phone: the
 * table lists in full, in list order, those that need a look (a shared
 * mailbox that can receive mail too) up to full_rows, the others one
 * compact list of up to 10 times that, escaped; the rest counted.  A
 * page of full_rows or fewer lists all in the table, as before.
 */
static void
test_light_page(void **state)
{
	static const struct {
		const char	*addr, *verdict, *reason;
		bool		 role;
	} rows[] = {
		{ "ok1@a.test", "deliverable", "accepted", false },
		{ "bad1@a.test", "undeliverable", "mailbox_unknown", false },
		{ "o<b>k@a.test", "deliverable", "accepted", false },
		{ "bad2@a.test", "undeliverable", "mailbox_unknown", false },
		{ "info@a.test", "deliverable", "accepted", true },
		{ "bad3@a.test", "undeliverable", "mailbox_unknown", false },
		{ "bad4@a.test", "blocked", "ip_blocklisted", false },
	};
	struct report_opts o = { LANG_EN, NULL, 0, 0, 0, 3 };
	struct agg *a = agg_new(20);
	char *buf = NULL, line[256], want[128];
	size_t i, len = 0;
	json_t *rec;
	FILE *fp;

	(void)state;
	for (i = 0; i < 7 + 32; i++) {
		if (i < 7)
			snprintf(line, sizeof(line), "{\"address\":\"%s\","
			    "\"domain\":\"a.test\",\"verdict\":\"%s\","
			    "\"reason\":\"%s\",\"role\":%s,\"row\":%zu}",
			    rows[i].addr, rows[i].verdict, rows[i].reason,
			    rows[i].role ? "true" : "false", i + 1);
		else
			snprintf(line, sizeof(line), "{\"address\":\"ok%zu@a.test\","
			    "\"domain\":\"a.test\",\"verdict\":\"deliverable\","
			    "\"reason\":\"accepted\",\"row\":%zu}", i - 5, i + 1);
		rec = json_loads(line, 0, NULL);
		assert_non_null(rec);
		assert_int_equal(agg_add(a, rec), 0);
		json_decref(rec);
	}
	agg_finish(a);
	fp = open_memstream(&buf, &len);
	assert_int_equal(report_render(fp, a, &o, NULL), 0);
	fclose(fp);
	/* bad1, bad2, info; bad3 and bad4 past the 3 (data-s: a row of
	 * the address table, not of the summary's) */
	assert_int_equal(count_of(buf, "\" data-s=\""), 3);
	assert_non_null(strstr(buf, "<kbd>bad2@a.test</kbd>"));
	assert_non_null(strstr(buf, "<kbd>info@a.test</kbd>"));
	snprintf(want, sizeof(want), "<option value=\"deliverable\">%s (1)"
	    "</option>", catalog_verdict_label(LANG_EN, VERDICT_DELIVERABLE));
	assert_non_null(strstr(buf, want));
	/* the filter counts the table's rows only: bad3 and bad4 are not in it */
	snprintf(want, sizeof(want), "<option value=\"undeliverable\">%s (2)"
	    "</option>", catalog_verdict_label(LANG_EN, VERDICT_UNDELIVERABLE));
	assert_non_null(strstr(buf, want));
	assert_null(strstr(buf, "<option value=\"blocked\">"));
	assert_null(strstr(buf, "<option value=\"tester\">"));
	assert_non_null(strstr(buf, "A page listing all 39 addresses would "
	    "be too heavy for a phone: the table lists in full the 3 that "
	    "need a look"));
	/* 30 of the 34 that can receive mail, the first in list order */
	assert_non_null(strstr(buf, "Addresses that can receive mail (30)"));
	/* each linked to its path when the page shows it (20 kept: rows
	 * 1 to 20), and only then */
	assert_non_null(strstr(buf, "<pre><a href=\"#a0\">ok1@a.test</a>\n"
	    "<a href=\"#a2\">o&lt;b&gt;k@a.test</a>\n"
	    "<a href=\"#a7\">ok2@a.test</a>\n"));
	assert_non_null(strstr(buf, "<a href=\"#a19\">ok14@a.test</a>\n"
	    "ok15@a.test\nok16@a.test\n"));
	assert_non_null(strstr(buf, "<article class=\"addr\" id=\"a19\">"));
	assert_null(strstr(buf, "id=\"a20\""));
	assert_null(strstr(buf, "ok30@a.test\n"));
	assert_non_null(strstr(buf, "6 addresses are on neither list."));
	free(buf);
	buf = NULL;
	o.lang = LANG_ZH;
	fp = open_memstream(&buf, &len);
	assert_int_equal(report_render(fp, a, &o, NULL), 0);
	fclose(fp);
	assert_non_null(strstr(buf, "39 个地址全部列在一页里"));
	assert_non_null(strstr(buf, "另有 6 个地址两处都没有列出"));
	free(buf);
	buf = NULL;
	/* as many as full_rows: the whole table, no compact list */
	o.lang = LANG_EN;
	o.full_rows = 39;
	fp = open_memstream(&buf, &len);
	assert_int_equal(report_render(fp, a, &o, NULL), 0);
	fclose(fp);
	assert_int_equal(count_of(buf, "\" data-s=\""), 39);
	snprintf(want, sizeof(want), "<option value=\"undeliverable\">%s (3)"
	    "</option>", catalog_verdict_label(LANG_EN, VERDICT_UNDELIVERABLE));
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(buf, "<option value=\"tester\">"));
	assert_non_null(strstr(buf, " (1)</option></select>"));
	assert_null(strstr(buf, "id=\"light\""));
	assert_null(strstr(buf, "id=\"compact\""));
	free(buf);
	agg_free(a);
}

/* a writer of its own, to see html_fmt_by hand it the whole sentence */
static void
bracketed(FILE *out, const char *s)
{
	fprintf(out, "[%s]", s);
}

/*
 * html_fmt, the one maker of a page's catalogue sentences: the values
 * filled in and escaped with the rest, the plural picked by the value,
 * counts with thousands separators, a page's own writer handed the
 * whole filled-in sentence; in both languages.
 */
static void
test_html_fmt(void **state)
{
	static const struct {
		enum lang	 lang;
		const char	*key;
		size_t		 count;		/* 0: vals */
		const char	*want;
	} cases[] = {
		{ LANG_EN, "sender.delist", 0, "Ask &lt;zen&gt; to remove the "
		    "listing: https://x.test/?a=1&amp;b=&quot;2&quot;" },
		{ LANG_ZH, "sender.delist", 0, "请向 &lt;zen&gt; 申请移除："
		    "https://x.test/?a=1&amp;b=&quot;2&quot;" },
		{ LANG_EN, "bnc.todo.count", 1, "1 recipient" },
		{ LANG_EN, "bnc.todo.count", 2500, "2,500 recipients" },
		{ LANG_ZH, "bnc.todo.count", 1234567, "1,234,567 个收件人" },
	};
	const char *vals[2] = { "<zen>", "https://x.test/?a=1&b=\"2\"" };
	char *buf;
	size_t i, len;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_non_null(fp = open_memstream(&buf, &len));
		if (cases[i].count == 0)
			html_fmt(fp, cases[i].lang, cases[i].key, 2, vals);
		else
			html_fmt_counts(fp, cases[i].lang, cases[i].key, 1,
			    &cases[i].count);
		fclose(fp);
		assert_string_equal(buf, cases[i].want);
		free(buf);
	}
	assert_non_null(fp = open_memstream(&buf, &len));
	html_fmt_by(fp, bracketed, LANG_EN, "sender.delist", 2, vals);
	fclose(fp);
	assert_string_equal(buf, "[Ask <zen> to remove the listing: "
	    "https://x.test/?a=1&b=\"2\"]");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_fmt),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_causes_ranked),
		cmocka_unit_test(test_domain_facts),
		cmocka_unit_test(test_details_prefer_failures),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_pretty_printed),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_long_first_line),
		cmocka_unit_test(test_transcript_errors_translated),
		cmocka_unit_test(test_transcript_enhanced),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_line_separators),
		cmocka_unit_test(test_checked_through_proxy),
		cmocka_unit_test(test_idn_domain_readable),
		cmocka_unit_test(test_duplicate_rows),
		cmocka_unit_test(test_duplicate_rows_own_rcpt),
		cmocka_unit_test(test_empty_cell_rows),
		cmocka_unit_test(test_not_reached_zh),
		cmocka_unit_test(test_shared_sessions),
		cmocka_unit_test(test_input_fields_empty),
		cmocka_unit_test(test_checked_within_a_second),
		cmocka_unit_test(test_page_numbers),
		cmocka_unit_test(test_tester_unreached),
		cmocka_unit_test(test_tester_badge),
		cmocka_unit_test(test_raw_input),
		cmocka_unit_test(test_input_cells_missing),
		cmocka_unit_test(test_card_words),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_labels_translated),
		cmocka_unit_test(test_bounces),
		cmocka_unit_test(test_bounces_report_date),
		cmocka_unit_test(test_bounces_notice_words),
		cmocka_unit_test(test_bounces_odd),
		cmocka_unit_test(test_bounces_unreadable),
		cmocka_unit_test(test_bounces_over_time),
		cmocka_unit_test(test_bounces_day_of_own_zone),
		cmocka_unit_test(test_bounces_todo_split),
		cmocka_unit_test(test_bounces_fbl_domain),
		cmocka_unit_test(test_bounces_todo_ties),
		cmocka_unit_test(test_page_zh),
		cmocka_unit_test(test_sender_cards_count_rows),
		cmocka_unit_test(test_sender_lines_above),
		cmocka_unit_test(test_todo_names_customer),
		cmocka_unit_test(test_todo_suggestion),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_light_page),
		cmocka_unit_test(test_cert_other_name),
		cmocka_unit_test(test_handshake_label),
		cmocka_unit_test(test_cards_vs_summary),
		cmocka_unit_test(test_cause_rows_in_list_order),
		cmocka_unit_test(test_parts_in_cell_order),
		cmocka_unit_test(test_first_rows_sentence),
		cmocka_unit_test(test_cause_other_domains),
		cmocka_unit_test(test_write_html_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
