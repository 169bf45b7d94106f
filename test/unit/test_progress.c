/*
 * test_progress.c - verify's closing summary as a person reads it: the
 * top domains' table names a Chinese domain as its owner writes it
 * (例子.测试), not by its A-label; a run stopped before its first record
 * prints no empty table of verdicts; a run whose every lookup failed, for
 * several domains, says the fault is most likely this machine's; a list's
 * typos are counted with where the address meant is written; the ETA
 * counts the work in flight (progress_eta).
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/util.h"
#include "verify/progress.h"

static char *
closing_summary(const char *domain)
{
	struct progress p;
	struct progress_domain d = { domain, 2, { 0 } };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	d.groups[GROUP_OK] = 2;
	progress_init(&p, fp, 2, false, LANG_ZH);
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	progress_summary(&p, &d, 1, "verify.status_done");
	fclose(fp);
	return buf;
}

static void
test_idn_domain_readable(void **state)
{
	char *out;

	(void)state;
	out = closing_summary("xn--fsqu00a.xn--0zwm56d");
	if (strstr(out, "  \xe4\xbe\x8b\xe5\xad\x90.\xe6\xb5\x8b\xe8\xaf\x95 ")
	    == NULL || strstr(out, "xn--") != NULL)
		fail_msg("no 例子.测试 in:\n%s", out);
	free(out);
	/* an ASCII domain as it is */
	out = closing_summary("ok.test");
	assert_non_null(strstr(out, "  ok.test "));
	free(out);
}

/* Ctrl-C (or a full disk) before the first record: the closing lines say
 * 0 of N and what is not checked yet, without a verdicts' table holding
 * only its header. */
static void
test_nothing_done_no_table(void **state)
{
	struct progress p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	progress_init(&p, fp, 2, false, LANG_EN);
	progress_summary(&p, NULL, 0, "verify.status_interrupted");
	fclose(fp);
	assert_non_null(strstr(buf, "0 of 2"));
	if (strstr(buf, "verdict") != NULL || strstr(buf, "share") != NULL)
		fail_msg("an empty verdicts' table in:\n%s", buf);
	free(buf);
}

/*
 * A list with typos (gmial.com, qq.con): the summary counts them and says
 * where the address meant is written; their verdicts (a DNS error, no
 * such domain) alone do not say it.  No line when there is none.
 */
static void
test_typos_counted(void **state)
{
	struct progress p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	progress_init(&p, fp, 3, false, LANG_ZH);
	p.typos = 2;
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	progress_count(&p, VERDICT_DNS_ERROR, REASON_DNS_FAILURE, false);
	progress_count(&p, VERDICT_NO_MAIL_DOMAIN, REASON_DOMAIN_NOT_FOUND,
	    false);
	progress_summary(&p, NULL, 0, "verify.status_done");
	fclose(fp);
	if (strstr(buf, "\xe5\x9f\x9f\xe5\x90\x8d\xe5\x8f\xaf\xe8\x83\xbd"
	    "\xe6\x8b\xbc\xe9\x94\x99\xe4\xba\x86\xe7\x9a\x84\xe5\x9c\xb0"
	    "\xe5\x9d\x80\xef\xbc\x9a" "2") == NULL ||
	    strstr(buf, "\xe5\xbb\xba\xe8\xae\xae\xe5\x9c\xb0\xe5\x9d\x80")
	    == NULL)
		fail_msg("no typo count (域名可能拼错了的地址：2, 建议地址) in:\n%s",
		    buf);
	free(buf);
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	progress_init(&p, fp, 1, false, LANG_EN);
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	progress_summary(&p, NULL, 0, "verify.status_done");
	fclose(fp);
	assert_null(strstr(buf, "mistyped"));
	free(buf);
}

/*
 * The closing line's time: a run of 10 min 14 s says so, as the progress
 * line says its ETA, where it said "613.6 s" (用时 613.6 秒); a short one
 * keeps its tenths.
 */
static void
test_summary_time(void **state)
{
	static const struct {
		long long	 ms;
		enum lang	 lang;
		const char	*says;
	} cases[] = {
		{ 613600, LANG_ZH, "\xe7\x94\xa8\xe6\x97\xb6 10 \xe5\x88\x86 14 "
		    "\xe7\xa7\x92\n" },		/* 用时 10 分 14 秒 */
		{ 613600, LANG_EN, "in 10m14s\n" },
		{ 43100, LANG_ZH, "\xe7\x94\xa8\xe6\x97\xb6 43.1 \xe7\xa7\x92\n" },
		{ 43100, LANG_EN, "in 43.1s\n" },
		{ 3725000, LANG_EN, "in 1h02m\n" },
	};
	struct progress p;
	char *buf;
	size_t i, len;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		fp = open_memstream(&buf, &len);
		assert_non_null(fp);
		progress_init(&p, fp, 1, false, cases[i].lang);
		p.t0 -= cases[i].ms;
		progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED,
		    false);
		progress_summary(&p, NULL, 0, "verify.status_done");
		fclose(fp);
		if (strstr(buf, cases[i].says) == NULL)
			fail_msg("no \"%s\" in:\n%s", cases[i].says, buf);
		free(buf);
	}
}

/*
 * Ctrl-C after 1 of 4 addresses: the verdicts' shares are out of the whole
 * list, as the report's are, and the 3 not checked have a row of their
 * own; 100% deliverable would read as the whole list's result.
 */
static void
test_interrupted_shares_of_list(void **state)
{
	struct progress p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	progress_init(&p, fp, 4, false, LANG_EN);
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	progress_summary(&p, NULL, 0, "verify.status_interrupted");
	fclose(fp);
	if (strstr(buf, "1   25.0%") == NULL ||
	    strstr(buf, "Not checked yet") == NULL ||
	    strstr(buf, "3   75.0%") == NULL || strstr(buf, "100.0%") != NULL)
		fail_msg("shares not out of the list in:\n%s", buf);
	free(buf);
}

/*
 * Two greylisted addresses retried in 3 s, given up in 10 minutes unless
 * the server lets them through: the run ends between the two, so the ETA
 * says both; "ETA 3s" alone, repeated at each retry, read as almost done
 * for the whole 10 minutes.
 */
static void
test_eta_while_waiting(void **state)
{
	struct progress p;
	struct progress_wait w;
	char *buf = NULL;
	size_t len = 0;
	long long now;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	progress_init(&p, fp, 3, false, LANG_EN);
	p.last_plain -= PROGRESS_PLAIN_MS;
	progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
	now = now_ms();
	w.n = 2;
	w.next_ms = w.last_ms = now + 3000;
	w.give_up_ms = now + 600000;
	progress_tick(&p, 0, &w, NULL);
	fclose(fp);
	if (strstr(buf, "ETA 3s to 10m00s") == NULL)
		fail_msg("no ETA to the give-up time in:\n%s", buf);
	/* the count beside it is still done of total */
	if (strstr(buf, "1/3 done") == NULL)
		fail_msg("no \"1/3 done\" in:\n%s", buf);
	free(buf);
}

/*
 * The cells read as cleaned-up addresses ("王经理 <bob@ok.test>") are
 * counted in the summary with where each is shown, en and zh; none: no
 * line.
 */
static void
test_cleaned_counted(void **state)
{
	static const struct {
		enum lang	 lang;
		unsigned long	 cleaned;
		const char	*want;
	} cases[] = {
		{ LANG_EN, 3, "Cells read as cleaned-up addresses: 3" },
		{ LANG_ZH, 3, "整理后才读出地址的单元格：3" },
		{ LANG_EN, 0, NULL },
	};
	struct progress p;
	char *buf;
	size_t len, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		len = 0;
		fp = open_memstream(&buf, &len);
		assert_non_null(fp);
		progress_init(&p, fp, 1, false, cases[i].lang);
		p.cleaned = cases[i].cleaned;
		progress_count(&p, VERDICT_DELIVERABLE, REASON_ACCEPTED, false);
		progress_summary(&p, NULL, 0, "verify.status_done");
		fclose(fp);
		if (cases[i].want != NULL && (strstr(buf, cases[i].want) == NULL
		    || strstr(buf, "normalized") == NULL))
			fail_msg("no \"%s\" with where in:\n%s", cases[i].want,
			    buf);
		if (cases[i].want == NULL && strstr(buf, "cleaned-up") != NULL)
			fail_msg("a count of none in:\n%s", buf);
		free(buf);
	}
}

/*
 * The ETA with the work in flight (progress_eta), at the moments a run
 * whose every session is held by a slow server was seen: before, the rate
 * alone said "?" at first and "8s" at 30/35 with a 60 s connect to come.
 */
static void
test_eta_in_flight(void **state)
{
	struct progress_flight f;
	struct progress_wait w;
	long long now = 1000000, lo, hi;

	(void)state;
	/* at first: all 35 in flight since 5 s, their servers not known
	 * yet, a session limited to 2 min: it ends by then at the latest */
	memset(&f, 0, sizeof(f));
	progress_flight_add(&f, now, now - 5000, -1, 120000, 35);
	progress_eta(35, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 115000);
	/* 25 more queued than the 10 in flight since 5 s, none done (it
	 * said "?"): no sooner than at the rate they make ending now (35 at
	 * 10 per 5 s: 17.5 s); no later than their limit (1m55s) and the
	 * queue's 3 turns of 10 at 2 min each */
	memset(&f, 0, sizeof(f));
	progress_flight_add(&f, now, now - 5000, -1, 120000, 10);
	assert_int_equal(f.limit_ms, 120000);
	progress_eta(35, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 17500);
	assert_int_equal(hi, 115000 + 3 * 120000);
	/* one turn when the queue fits in one */
	progress_eta(20, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 10000);
	assert_int_equal(hi, 115000 + 120000);
	/* the first tick: the range from nothing done to the limits */
	progress_eta(35, 0, 0, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 115000 + 3 * 120000);
	/* a greylisted address given up later than all that stretches hi */
	memset(&w, 0, sizeof(w));
	w.n = 1;
	w.next_ms = w.last_ms = now + 3000;
	w.give_up_ms = now + 1200000;
	progress_eta(36, 0, 5000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 17500);
	assert_int_equal(hi, 1200000);
	/* queued and nothing in flight (their domains' DNS still asked):
	 * nothing can be told */
	memset(&f, 0, sizeof(f));
	progress_eta(35, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, -1);
	/* stopping (SIGINT): only the 10 in flight are left to end, not the
	 * 25 queued nor a retry (it said 2m01s to 6m29s while it stopped) */
	progress_flight_add(&f, now, now - 5000, -1, 120000, 10);
	f.last = true;
	memset(&w, 0, sizeof(w));
	w.n = 1;
	w.next_ms = w.last_ms = now + 3000;
	w.give_up_ms = now + 1200000;
	progress_eta(36, 0, 5000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 115000);
	progress_eta(36, 30, 45000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 115000);
	/* 30 of 35 done in 45 s (the rate: 7.5 s left), but one job is at a
	 * domain whose jobs took 60 s (a connect timing out), 10 s in */
	memset(&f, 0, sizeof(f));
	progress_flight_add(&f, now, now - 10000, 60000, 120000, 1);
	progress_flight_add(&f, now, now - 1000, 2000, 120000, 4);
	progress_eta(5, 30, 45000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 50000);
	assert_int_equal(hi, 50000);
	/* one past its domain's known time: it may end now or at its limit */
	progress_flight_add(&f, now, now - 8000, 2000, 120000, 1);
	progress_eta(6, 30, 45000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 50000);
	assert_int_equal(hi, 112000);
	/* past its limit too: it ends any moment */
	memset(&f, 0, sizeof(f));
	progress_flight_add(&f, now, now - 130000, 2000, 120000, 1);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.lo_ms, 0);
	assert_int_equal(f.hi_ms, 0);
	/* the greylisting range as before: a retry in 3 s, given up in
	 * 10 min, nothing else left */
	memset(&f, 0, sizeof(f));
	memset(&w, 0, sizeof(w));
	w.n = 2;
	w.next_ms = w.last_ms = now + 3000;
	w.give_up_ms = now + 600000;
	progress_eta(2, 1, 5000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 3000);
	assert_int_equal(hi, 600000);
}

/*
 * --max-wait in the ETA's high end (w->max_wait_ms), with the figures of
 * the 100,001-row walk, where the last greylisted addresses were first
 * tried after 100 s and each was retried for --max-wait (8 min here)
 * from that first try.
 */
static void
test_eta_max_wait(void **state)
{
	struct progress_flight f;
	struct progress_wait w;
	long long now = 10000000, lo, hi;

	(void)state;
	/* at 100 s: 32,000 done, 1,600 waiting for a retry (the last
	 * planned in 200 s, given up in 456 s), 2,000 in jobs of domains
	 * known to take 5 s, 3,000 jobs of such domains queued on 200
	 * slots.  It said "3m28s to 7m36s" with 10m53s left: the 66,401
	 * not tried yet may be greylisted too, the last of them tried at
	 * the rate's end (207.5 s), given up 8 min later */
	memset(&f, 0, sizeof(f));
	f.limit_ms = 120000;
	f.slots = 200;
	progress_flight_add(&f, now, now - 5000, 10000, 120000, 2000);
	progress_queue_add(&f, 4000, 3000);
	memset(&w, 0, sizeof(w));
	w.n = 1600;
	w.next_ms = now + 1000;
	w.last_ms = now + 200000;
	w.give_up_ms = now + 456000;
	w.max_wait_ms = 480000;
	progress_eta(100001 - 32000, 32000, 100000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 207503);
	assert_int_equal(hi, 207503 + 480000);
	/* the queue's bound later than the rate's end: from there */
	progress_queue_add(&f, -1, 400);
	progress_eta(100001 - 32000, 32000, 100000, &f, &w, now, &lo, &hi);
	assert_int_equal(hi, 5000 + (3000 * 4000 + 400 * 120000) / 200 +
	    480000);
	/* all of it in flight, a retry first tried 5 min ago: from that
	 * try, not from now */
	memset(&f, 0, sizeof(f));
	progress_flight_add(&f, now, now - 1000, -1, 120000, 10);
	f.first_ms = now - 300000;
	w.n = 0;
	progress_eta(10, 1000, 100000, &f, &w, now, &lo, &hi);
	assert_int_equal(hi, 180000);
	/* nothing left to try: the retries' own give-up time, as before */
	memset(&f, 0, sizeof(f));
	w.n = 2;
	w.next_ms = w.last_ms = now + 3000;
	w.give_up_ms = now + 100000;
	progress_eta(2, 1, 5000, &f, &w, now, &lo, &hi);
	assert_int_equal(hi, 100000);
}

/*
 * The first line of that walk, on a terminal after 1 s: 9 done while
 * 2,000 addresses in 200 jobs had just started, 300 jobs queued, none of
 * their domains known.  The rate said "3h05m" (3h11m in the walk) for a
 * run of 12.5 minutes: until as many are done as are in flight, the
 * queue's limits bound it.
 */
static void
test_eta_first_line(void **state)
{
	struct progress_flight f;
	struct progress_wait w;
	long long now = 10000000, lo, hi, ceiling;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.limit_ms = 120000;
	f.slots = 200;
	progress_flight_add(&f, now, now - 1000, -1, 120000, 2000);
	progress_queue_add(&f, -1, 300);
	memset(&w, 0, sizeof(w));
	w.max_wait_ms = 480000;
	progress_eta(100001 - 9, 9, 1000, &f, &w, now, &lo, &hi);
	/* the jobs in flight at their limit, then 300 over 200 slots plus
	 * the longest */
	ceiling = 119000 + 300 * 120000 / 200 + 120000;
	assert_int_equal(lo, ceiling);
	assert_int_equal(hi, ceiling + 480000);
	/* once as many are done as are in flight, the rate is a rate */
	progress_eta(100001 - 2000, 2000, 60000, &f, &w, now, &lo, &hi);
	assert_int_equal(lo, 2940030);
}

/*
 * The ETA's high end reaches the jobs not started yet (progress_queue_add):
 * 30 of 35 done in 45 s, the fast domains first (the rate: 7.5 s left), a
 * job 1 s into a domain known to take 2 s; queued, three jobs of domains
 * known to take 1 s and one of a domain none of whose jobs ended yet (its
 * MX hosts may time out one after the other: up to its 2 min --deadline).
 * Before, hi stopped at the rate's 7.5 s, which that domain passes.
 */
static void
test_eta_queue(void **state)
{
	struct progress_flight f;
	long long now = 1000000, lo, hi;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.limit_ms = 120000;
	f.slots = 100;
	progress_flight_add(&f, now, now - 1000, 2000, 120000, 1);
	progress_queue_add(&f, 1000, 3);
	progress_queue_add(&f, -1, 1);
	progress_queue_add(&f, 5000, 0);
	assert_int_equal(f.q_unknown, 1);
	assert_int_equal(f.q_known_ms, 3000);
	assert_int_equal(f.q_known_max, 1000);
	progress_eta(5, 30, 45000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 7500);
	/* the work in flight (1 s), then 123 s of jobs over 100 slots
	 * (1.23 s) plus the longest (2 min) */
	assert_int_equal(hi, 1000 + 1230 + 120000);
	/* every queued domain known: as long as they took, two at a time */
	memset(&f, 0, sizeof(f));
	f.limit_ms = 120000;
	f.slots = 2;
	progress_flight_add(&f, now, now - 1000, 2000, 120000, 1);
	progress_queue_add(&f, 30000, 3);
	progress_eta(4, 30, 45000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 6000);
	assert_int_equal(hi, 1000 + 45000 + 30000);
	/* the queue not told (no slots): as before, the rate's end */
	f.slots = 0;
	progress_eta(4, 30, 45000, &f, NULL, now, &lo, &hi);
	assert_int_equal(hi, 6000);
	/* none done yet, 25 queued in 3 jobs of unknown domains behind the
	 * 10 in flight: the jobs, not 3 turns of 10 addresses, at 2 min */
	memset(&f, 0, sizeof(f));
	f.limit_ms = 120000;
	f.slots = 10;
	progress_flight_add(&f, now, now - 5000, -1, 120000, 10);
	progress_queue_add(&f, -1, 3);
	progress_eta(35, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(lo, 17500);
	assert_int_equal(hi, 115000 + 36000 + 120000);
	/* stopping: the queue is left for --resume */
	f.last = true;
	progress_eta(35, 0, 5000, &f, NULL, now, &lo, &hi);
	assert_int_equal(hi, 115000);
}

/* The ETA's words on the line, en and zh: "at most" when it may be now
 * (all of it in flight, nothing done: it said "?"), a range when more is
 * queued (it said "?" too). */
static void
test_eta_words(void **state)
{
	static const struct {
		enum lang	 lang;
		const char	*want;
		unsigned long	 total;
	} cases[] = {
		{ LANG_EN, "ETA at most 1m5", 3 },
		{ LANG_ZH, "预计还需 至多 1 分 5", 3 },
		/* 3 in flight of 6 left, none done: a range, not "?" */
		{ LANG_EN, "ETA 10s to 3m5", 6 },
		{ LANG_ZH, "预计还需 10 秒 至 3 分 5", 6 },
	};
	struct progress p;
	struct progress_flight f;
	char *buf;
	size_t len, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		len = 0;
		fp = open_memstream(&buf, &len);
		assert_non_null(fp);
		progress_init(&p, fp, cases[i].total, false, cases[i].lang);
		p.last_plain -= PROGRESS_PLAIN_MS;
		p.t0 -= 4700;
		memset(&f, 0, sizeof(f));
		/* 5 s in: 1m55s left to its 2 min limit (1m5x whatever
		 * the machine's pace); 3 more queued: a turn of 2 min more
		 * (3m5x), no sooner than 6 at 3 per 4.7 s (9.4 s, up to
		 * 10 s however late the tick: "10s") */
		progress_flight_add(&f, now_ms(), now_ms() - 5000, -1, 120000,
		    3);
		progress_tick(&p, 3, NULL, &f);
		fclose(fp);
		if (strstr(buf, cases[i].want) == NULL)
			fail_msg("no \"%s\" in:\n%s", cases[i].want, buf);
		free(buf);
	}
}

/* The summary of n records over nd domains, each record (v, r). */
static char *
run_summary(unsigned long n, size_t nd, enum verdict v, enum reason r)
{
	struct progress p;
	struct progress_domain d[2] = { { "a.test", 1, { 0 } },
	    { "b.test", 1, { 0 } } };
	char *buf = NULL;
	size_t len = 0;
	unsigned long i;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	progress_init(&p, fp, n, false, LANG_EN);
	for (i = 0; i < n; i++)
		progress_count(&p, v, r, false);
	progress_summary(&p, d, nd, "verify.status_done");
	fclose(fp);
	return buf;
}

/* Every lookup failed for several domains: the machine's resolver or
 * network, said once; one domain alone, or one lookup that worked, is
 * not such evidence. */
static void
test_dns_failed_everywhere(void **state)
{
	static const struct {
		size_t		nd;
		enum verdict	v;
		enum reason	r;
		bool		said;
	} cases[] = {
		{ 2, VERDICT_DNS_ERROR, REASON_DNS_FAILURE, true },
		{ 2, VERDICT_DNS_ERROR, REASON_DNS_TIMEOUT, true },
		{ 1, VERDICT_DNS_ERROR, REASON_DNS_FAILURE, false },
		{ 2, VERDICT_DNS_ERROR, REASON_DNSSEC_BOGUS, false },
		{ 2, VERDICT_DELIVERABLE, REASON_ACCEPTED, false },
	};
	const char *said = "DNS failed for every domain";
	char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = run_summary(3, cases[i].nd, cases[i].v, cases[i].r);
		if ((strstr(out, said) != NULL) != cases[i].said ||
		    (cases[i].said && strstr(out, "--resolver") == NULL))
			fail_msg("case %zu: %s of this machine's DNS in:\n%s",
			    i, cases[i].said ? "no word" : "a word", out);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idn_domain_readable),
		cmocka_unit_test(test_nothing_done_no_table),
		cmocka_unit_test(test_interrupted_shares_of_list),
		cmocka_unit_test(test_typos_counted),
		cmocka_unit_test(test_cleaned_counted),
		cmocka_unit_test(test_summary_time),
		cmocka_unit_test(test_eta_while_waiting),
		cmocka_unit_test(test_eta_in_flight),
		cmocka_unit_test(test_eta_queue),
		cmocka_unit_test(test_eta_max_wait),
		cmocka_unit_test(test_eta_first_line),
		cmocka_unit_test(test_eta_words),
		cmocka_unit_test(test_dns_failed_everywhere),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
