/*
 * test_explain_chinese.c - mxtrace explain on the Chinese-provider bounce
 * fixtures (test/explain/chinese/, written by gen.py; expected.tsv names
 * the documented source of every reply text): QQ Mail and Tencent Exmail,
 * NetEase 163/126/yeah.net codes (HL:REP, HL:ICC, DT:RBL, DT:SPM, ...),
 * Aliyun, Sina, Chinese-language Outlook and Gmail notices, and replies
 * written in Chinese only, as DSNs, Exim text, GB2312/UTF-8 notices and
 * pasted lines.  Each must give the expected recipient, code, enhanced
 * code, reason and side, a Chinese explanation that says why (not the
 * one for a bounce that does not say) and action, and (for whole
 * messages) the original Subject decoded from encoded-words split
 * mid-character.  The providers' own notices (Tencent's, Coremail's,
 * Alibaba Mail's: notices.tsv) must also be read as such, by their format
 * and with the remote host they name, and name the message they return:
 * its Subject and date from the returned copy or, pasted, from the
 * notice's own block (被退回邮件, 原邮件信息: "Mon, 30 Nov 2026 HH:MM:00
 * +0800", fixture n's time).  Recipients named in UTF-8 (RFC
 * 6531: 张伟@例子.公司) are named, and a forward pasted from a Chinese
 * mail client gives the original's Subject, To and date from the
 * client's header block (forwards.tsv), the date an RFC 5322 date in
 * China Standard Time that `mxtrace report` counts on its day.  Every
 * Date field of the fixtures is a time there is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmime/gmime.h>

#include "base/util.h"
#include "explain/explain.h"
#include "explain/explain_json.h"
#include "reports/agg.h"
#include "reports/report_html.h"
#include "explainfile.h"
#include "tsvload.h"

#define DIR	"test/explain/chinese"
#define SUBJ	"关于报价单的确认（第二版）"

/* Whether s holds a character of the CJK blocks (U+4E00-U+9FFF). */
static int
has_cjk(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0xE4 && (unsigned char)*s <= 0xE9)
			return 1;
	return 0;
}

/* Whether a Date field, when there is one, is an RFC 5322 date. */
static int
is_date(const char *date)
{
	GDateTime *dt;

	if (date == NULL)
		return 1;
	if ((dt = g_mime_utils_header_decode_date(date)) == NULL)
		return 0;
	g_date_time_unref(dt);
	return 1;
}

/*
 * Fixtures read, those that gave the expected answer, and the Chinese
 * explanation of a bounce that does not say why (no answer for any).
 */
struct count {
	size_t	 n, ok;
	char	*unknown;
};

/* Explain the fixture of one row of expected.tsv and compare. */
static void
check_fixture(char **f, void *arg)
{
	struct count *c = arg;
	char path[512], *t;
	struct explain_result r;
	int bad;

	assert_true(strlen(f[6]) > 10);	/* every text names its source */
	snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
	assert_int_equal(explainfile(path, &r), 1);
	c->n++;
	bad = r.kind != EXPLAIN_FAILURE || r.nrcpts < 1 ||
	    r.rcpts[0].address == NULL ||
	    strcmp(r.rcpts[0].address, f[1]) != 0 ||
	    r.rcpts[0].code != atoi(f[2]) ||
	    strcmp(r.rcpts[0].enhanced, f[3]) != 0 ||
	    strcmp(reason_name(r.rcpts[0].reason), f[4]) != 0 ||
	    strcmp(side_name(r.rcpts[0].side), f[5]) != 0;
	if (!bad && strstr(f[0], ".eml") != NULL &&
	    (r.original.subject == NULL ||
	    strstr(r.original.subject, SUBJ) == NULL))
		bad = 1;
	/* the fixtures' Date fields are times there are (not 09:61), and
	 * so is a mail client's date once read */
	if (!bad && (!is_date(r.date) || !is_date(r.original.date)))
		bad = 1;
	if (!bad) {
		t = catalog_action(LANG_ZH, AUDIENCE_BOUNCE,
		    r.rcpts[0].verdict, r.rcpts[0].reason,
		    r.rcpts[0].blocklist, "example.cn");
		if (r.rcpts[0].side == SIDE_OUR_SIDE &&
		    strstr(t, "mxtrace sender example.cn") == NULL &&
		    r.rcpts[0].reason != REASON_TOO_MANY_CONNECTIONS &&
		    r.rcpts[0].reason != REASON_TOO_MANY_RECIPIENTS)
			bad = 1;
		free(t);
		t = catalog_explain_for(LANG_ZH, AUDIENCE_BOUNCE,
		    r.rcpts[0].verdict, r.rcpts[0].reason,
		    r.rcpts[0].blocklist);
		if (strcmp(t, c->unknown) == 0 || !has_cjk(t))
			bad = 1;
		free(t);
	}
	if (bad)
		printf("  %s: got %s %d %s %s %s (subject %s, dates %s, %s)\n",
		    f[0],
		    r.nrcpts ? r.rcpts[0].address : "-",
		    r.nrcpts ? r.rcpts[0].code : 0,
		    r.nrcpts ? r.rcpts[0].enhanced : "-",
		    r.nrcpts ? reason_name(r.rcpts[0].reason) : "-",
		    r.nrcpts ? side_name(r.rcpts[0].side) : "-",
		    r.original.subject ? r.original.subject : "-",
		    r.date ? r.date : "-",
		    r.original.date ? r.original.date : "-");
	else
		c->ok++;
	explain_result_free(&r);
}

static void
test_fixtures(void **state)
{
	struct count c = { 0, 0, NULL };

	(void)state;
	c.unknown = catalog_explain_for(LANG_ZH, AUDIENCE_BOUNCE,
	    VERDICT_BLOCKED, REASON_UNKNOWN, "");
	tsvload(DIR "/expected.tsv",
	    "file\taddress\tcode\tenhanced\treason\tside\tsource", 7,
	    check_fixture, &c);
	free(c.unknown);
	printf("explain on the Chinese fixtures: %zu / %zu as expected\n",
	    c.ok, c.n);
	assert_true(c.n >= 30);
	assert_int_equal(c.ok, c.n);
}

/* Notices read, and read as expected. */
struct notices {
	size_t	n, ok;
};

/*
 * Whether the first recipient's reply text repeats its code: a reply of
 * several lines quoted with each line's "550-5.7.26" left in.
 */
static int
repeats_code(const struct explain_result *r)
{
	char cont[8], mid[8];

	if (r->nrcpts == 0 || r->rcpts[0].code == 0 || r->rcpts[0].text == NULL)
		return 0;
	snprintf(cont, sizeof(cont), "%d-", r->rcpts[0].code);
	snprintf(mid, sizeof(mid), " %d ", r->rcpts[0].code);
	return strstr(r->rcpts[0].text + 1, cont) != NULL ||
	    strstr(r->rcpts[0].text, mid) != NULL;
}

/*
 * Whether a notice names the message it returns: the Subject, and a date;
 * a pasted one (no copy) the time its block quotes, fixture n's 09:00
 * plus n minutes in China Standard Time (gen.py, hm()).
 */
static int
names_original(const char *file, const struct explain_result *r)
{
	char want[64];
	int n = atoi(file);

	if (r->original.subject == NULL ||
	    strstr(r->original.subject, SUBJ) == NULL ||
	    r->original.date == NULL)
		return 0;
	if (strstr(file, ".txt") == NULL)
		return 1;
	snprintf(want, sizeof(want), "Mon, 30 Nov 2026 %02d:%02d:00 +0800",
	    9 + n / 60, n % 60);
	return strcmp(r->original.date, want) == 0;
}

/*
 * Explain the notice of one row of notices.tsv: its format and remote
 * host, a reply quoted over several lines read as one, and the message it
 * returns named.
 */
static void
check_notice(char **f, void *arg)
{
	struct notices *c = arg;
	struct explain_result r;
	char path[512];
	const char *host;

	snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
	assert_int_equal(explainfile(path, &r), 1);
	c->n++;
	host = r.nrcpts > 0 && r.rcpts[0].remote_mta != NULL ?
	    r.rcpts[0].remote_mta : "";
	if (r.format != NULL && strcmp(r.format, f[1]) == 0 &&
	    strcmp(host, f[2]) == 0 && !repeats_code(&r) &&
	    names_original(f[0], &r))
		c->ok++;
	else
		printf("  %s: format %s, remote host \"%s\", original "
		    "\"%s\" (%s)\n", f[0], r.format ? r.format : "-", host,
		    r.original.subject ? r.original.subject : "-",
		    r.original.date ? r.original.date : "-");
	explain_result_free(&r);
}

static void
test_notices(void **state)
{
	struct notices c = { 0, 0 };

	(void)state;
	tsvload(DIR "/notices.tsv", "file\tformat\tremote_mta", 3,
	    check_notice, &c);
	printf("the providers' own notices: %zu / %zu read as such\n",
	    c.ok, c.n);
	assert_true(c.n >= 9);
	assert_int_equal(c.ok, c.n);
}

/*
 * Explain the forward of one row of forwards.tsv, a bounce pasted with
 * the original quoted under a Chinese mail client's header block
 * (Outlook, QQ Mail, Foxmail, NetEase Mail): the original's Subject, To
 * and date read from that block, not from the forward's own, and the
 * server's reply ending where that block starts.
 */
static void
check_forward(char **f, void *arg)
{
	struct notices *c = arg;
	struct explain_result r;
	char path[512];
	const struct explain_original *o = &r.original;

	snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
	assert_int_equal(explainfile(path, &r), 1);
	c->n++;
	if (o->subject != NULL && strcmp(o->subject, SUBJ) == 0 &&
	    o->to != NULL && strstr(o->to, f[1]) != NULL && o->date != NULL &&
	    strcmp(o->date, f[2]) == 0 && r.nrcpts == 1 &&
	    r.rcpts[0].text != NULL && strstr(r.rcpts[0].text, "发件人") == NULL)
		c->ok++;
	else
		printf("  %s: subject %s, to %s, date %s, reply %s\n", f[0],
		    o->subject ? o->subject : "-", o->to ? o->to : "-",
		    o->date ? o->date : "-", r.nrcpts > 0 && r.rcpts[0].text ?
		    r.rcpts[0].text : "-");
	explain_result_free(&r);
}

static void
test_forwards(void **state)
{
	struct notices c = { 0, 0 };

	(void)state;
	tsvload(DIR "/forwards.tsv", "file\tto\tdate", 3,
	    check_forward, &c);
	printf("Chinese forwards: %zu / %zu originals read\n", c.ok, c.n);
	assert_true(c.n >= 4);
	assert_int_equal(c.ok, c.n);
}

/* The JSON record of one forward of forwards.tsv, added to the report's
 * aggregate. */
static void
add_forward(char **f, void *arg)
{
	struct agg *a = arg;
	struct explain_result r;
	struct jsonw w;
	char path[512];
	json_t *rec;

	snprintf(path, sizeof(path), "%s/%s", DIR, f[0]);
	assert_int_equal(explainfile(path, &r), 1);
	jsonw_init(&w);
	explain_json_write(&w, &r, path, 1, LANG_EN, NULL, NULL);
	assert_non_null(rec = json_loads(w.buf, 0, NULL));
	assert_int_equal(agg_add(a, rec), 0);
	json_decref(rec);
	jsonw_free(&w);
	explain_result_free(&r);
}

/*
 * The forwards' JSON through `mxtrace report`: each bounce counted on the
 * day its original was sent, 30 November 2026, by the date the client
 * wrote (QQ Mail's "2026年11月30日(星期一) 上午10:05" among them), none
 * counted as having no date.
 */
static void
test_forwards_report(void **state)
{
	struct agg *a = agg_new(500);
	struct report_opts o = { LANG_EN, NULL, 0, 0, 0, 0 };
	char *html = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&html, &len);

	(void)state;
	tsvload(DIR "/forwards.tsv", "file\tto\tdate", 3, add_forward, a);
	agg_finish(a);
	assert_non_null(fp);
	assert_int_equal(report_render(fp, a, &o, NULL), 0);
	fclose(fp);
	assert_int_equal(a->bnc.failed, 4);
	assert_non_null(strstr(html, "<td>2026-11-30</td><td>4</td>"));
	assert_null(strstr(html, "no date"));
	free(html);
	agg_free(a);
}

/* GMime is set up once per process: the tests share it. */
static int
setup(void **state)
{
	(void)state;
	explain_init();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	explain_shutdown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_notices),
		cmocka_unit_test(test_forwards),
		cmocka_unit_test(test_forwards_report),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
