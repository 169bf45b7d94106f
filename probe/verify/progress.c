/*
 * progress.c - how far `mxtrace verify` is, for the person waiting.
 *
 * On a terminal one line is redrawn in place (done/total, addresses per
 * second, ETA, sessions open, the commonest verdicts, and the addresses
 * waiting for a retry as a countdown); elsewhere (a log file, CI) a plain
 * line every PROGRESS_PLAIN_MS.  --quiet prints neither, nor the summary.
 * Every word comes from the catalogue (catalog.c), so --lang zh shows
 * Chinese here too.  The terminal's line fits the terminal's width (a
 * line the terminal folds cannot be redrawn in place): on a narrow one the
 * countdown is shortened, then the rate, the sessions, the countdown and
 * the ETA are left out, before the verdicts' counts are cut at its edge.
 *
 * Public: progress_init, progress_count, progress_tick, progress_clear,
 * progress_summary, progress_duration, progress_flight_add,
 * progress_queue_add, progress_eta.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/escape.h"
#include "base/util.h"
#include "base/wrap.h"
#include "input/address.h"
#include "verify/progress.h"

void
progress_init(struct progress *p, FILE *out, unsigned long total, bool quiet,
    enum lang lang)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->lang = lang;
	p->tty = isatty(fileno(out));
	p->quiet = quiet;
	p->total = total;
	p->t0 = p->last_plain = now_ms();
}

void
progress_count(struct progress *p, enum verdict v, enum reason r,
    bool resumed)
{
	p->done++;
	if (resumed)
		p->resumed++;
	if (v < VERDICT__LAST) {
		p->counts[v]++;
		/* the tester's own problems: a refusal of this IP or
		 * sender, or a network (port 25, the proxy) that got
		 * nowhere -- two different fixes */
		if (verdict_group(v, r) == GROUP_TESTER &&
		    reason_side(r) == SIDE_NETWORK)
			p->tester_net++;
		else if (verdict_group(v, r) == GROUP_TESTER)
			p->tester++;
		if (v == VERDICT_DNS_ERROR && (r == REASON_DNS_FAILURE ||
		    r == REASON_DNS_TIMEOUT))
			p->dns_failed++;
	}
}

void
progress_duration(long long ms, enum lang lang, char *buf, size_t size)
{
	long long s = (ms + 999) / 1000;
	char a[24], b[24], *t;
	const char *vals[2] = { a, b };

	if (s < 0)
		s = 0;
	if (s >= 3600) {
		snprintf(a, sizeof(a), "%lld", s / 3600);
		snprintf(b, sizeof(b), "%02lld", s % 3600 / 60);
		t = catalog_fmt(lang, "verify.dur_h", 2, vals);
	} else if (s >= 60) {
		snprintf(a, sizeof(a), "%lld", s / 60);
		snprintf(b, sizeof(b), "%02lld", s % 60);
		t = catalog_fmt(lang, "verify.dur_m", 2, vals);
	} else {
		snprintf(a, sizeof(a), "%lld", s);
		t = catalog_fmt(lang, "verify.dur_s", 1, vals);
	}
	snprintf(buf, size, "%s", t);
	free(t);
}

/* "deliverable 12, undeliverable 3, ..." for the first most verdicts. */
static void
top_verdicts(const struct progress *p, char *buf, size_t sz, int most)
{
	size_t used = 0;
	int v, shown = 0;

	buf[0] = '\0';
	for (v = 0; v < VERDICT__LAST && shown < most; v++) {
		if (p->counts[v] == 0)
			continue;
		used += (size_t)snprintf(buf + used, used < sz ? sz - used : 0,
		    "%s%s %lu", shown ? catalog_label(p->lang, "p.comma") : "",
		    catalog_verdict_label(p->lang, v), p->counts[v]);
		shown++;
		if (used >= sz)
			break;
	}
}

/*
 * "2 greylisted addresses, next retry in 4m12s, give up at 10:42", or in
 * short "2 waiting, retry in 4m12s".
 */
static char *
wait_text(const struct progress *p, const struct progress_wait *w,
    long long now, bool brief)
{
	char n[24], next[48], at[16];
	const char *vals[3] = { n, next, at };
	time_t t;
	struct tm tm;

	snprintf(n, sizeof(n), "%lu", w->n);
	progress_duration(w->next_ms - now, p->lang, next, sizeof(next));
	if (brief)
		return catalog_fmt(p->lang, "verify.waiting_short", 2, vals);
	t = time(NULL) + (time_t)((w->give_up_ms - now) / 1000);
	localtime_r(&t, &tm);
	strftime(at, sizeof(at), "%H:%M", &tm);
	return catalog_fmt(p->lang, "verify.waiting", 3, vals);
}

/* The terminal's columns now (it may have been resized); 80 when unknown. */
static size_t
progress_width(const struct progress *p)
{
	size_t w = wrap_term_cols(p->out);

	return w >= 20 ? w : WRAP_COLS;
}

/* The parts of the progress line, in their order on it. */
enum { PP_DONE, PP_RATE, PP_ETA, PP_SESSIONS, PP_WAIT, PP_WAIT_SHORT, PP__N };

#define PP(x)	(1u << PP_##x)

/*
 * The line's forms, from the whole to the barest, for a terminal too
 * narrow for the whole (a phone's): the countdown shortened first, then
 * the rate, the sessions, the countdown and the ETA left out.  What is
 * done and the verdicts' counts stay: they matter most (when even they do
 * not fit, the last verdicts go, each whole, down to one).
 */
static const unsigned progress_forms[] = {
	PP(WAIT_SHORT),
	PP(WAIT),
	PP(WAIT) | PP(RATE),
	PP(WAIT) | PP(RATE) | PP(SESSIONS),
	PP(WAIT) | PP(RATE) | PP(SESSIONS) | PP(WAIT_SHORT),
	PP(WAIT) | PP(RATE) | PP(SESSIONS) | PP(WAIT_SHORT) | PP(ETA),
};

#define NFORMS	(sizeof(progress_forms) / sizeof(progress_forms[0]))
#define PROGRESS_VERDICTS	4	/* at most on the line */

/* The parts not in drop, in order, then " | " and the verdicts. */
static char *
progress_join(const struct progress *p, char *const part[], unsigned drop,
    const char *verd)
{
	char *all = xstrdup(""), *t;
	int k;

	for (k = 0; k < PP__N; k++) {
		if (part[k] == NULL || (drop & (1u << k)) != 0)
			continue;
		t = xasprintf("%s%s%s", all, all[0] ? catalog_label(p->lang,
		    "p.comma") : "", part[k]);
		free(all);
		all = t;
	}
	t = xasprintf("%s%s%s", all, verd[0] ? " | " : "", verd);
	free(all);
	return t;
}

void
progress_flight_add(struct progress_flight *f, long long now, long long start,
    long long known_ms, long long limit_ms, unsigned long n)
{
	long long lo = 0, hi;

	if (n == 0)
		return;
	f->n += n;
	if (known_ms >= 0 && start + known_ms > now)
		lo = hi = start + known_ms - now;
	else
		hi = start + limit_ms > now ? start + limit_ms - now : 0;
	if (lo > f->lo_ms)
		f->lo_ms = lo;
	if (hi > f->hi_ms)
		f->hi_ms = hi;
	if (limit_ms > f->limit_ms)
		f->limit_ms = limit_ms;
}

void
progress_queue_add(struct progress_flight *f, long long known_ms,
    unsigned long jobs)
{
	if (jobs == 0)
		return;
	if (known_ms < 0) {
		f->q_unknown += jobs;
		return;
	}
	f->q_known_ms += (long long)jobs * known_ms;
	if (known_ms > f->q_known_max)
		f->q_known_max = known_ms;
}

/* The jobs not started yet over the slots: the last of them starts no
 * later than this after the work in flight ends (0: no queue told). */
static long long
progress_queue_start(const struct progress_flight *f)
{
	long long work;

	if (f->slots == 0)
		return 0;
	work = f->q_known_ms + (long long)f->q_unknown * f->limit_ms;
	return (work + f->slots - 1) / f->slots;
}

/*
 * Why: once fast domains were done the rate said "5s" and the high end
 * only reached to the work in flight, while a queued domain whose MX
 * hosts time out one after the other took minutes.  No later than the
 * jobs not started yet run f->slots at a time once the work in flight
 * ends: their times summed over the slots, plus the longest (a greedy
 * schedule's bound), each its domain's longest so far, else its limit.
 * 0 when the queue is not told.
 */
static long long
progress_queue_ms(const struct progress_flight *f)
{
	long long longest;

	if (f->slots == 0 || (f->q_unknown == 0 && f->q_known_ms == 0))
		return 0;
	longest = f->q_unknown > 0 && f->limit_ms > f->q_known_max ?
	    f->limit_ms : f->q_known_max;
	return progress_queue_start(f) + longest;
}

/*
 * Why: the rate alone (addresses done a second) knows nothing of the work
 * in flight: with every session held by a slow server (a tarpit, a connect
 * that times out) it said "?", then 26 s, then 2 min 11 s as the first
 * answers came in bursts, and 13 s with a 60 s connect still to come.
 * With more queued than in flight and none done (the first minute of a
 * list of slow domains) it said "?" too, though the work in flight tells
 * a range: no faster than if it all ended now, no slower than the rest
 * going through in turns of as many addresses, each at its --deadline.
 */
void
progress_eta(unsigned long todo, unsigned long fresh, long long elapsed,
    const struct progress_flight *f, const struct progress_wait *w,
    long long now, long long *lo, long long *hi)
{
	static const struct progress_flight none;
	long long wait = 0, give_up = 0, ceiling, first_try;
	long long max_wait = w != NULL ? w->max_wait_ms : 0;
	unsigned long turns;

	if (f == NULL)
		f = &none;
	/* a run stopping (SIGINT) only waits for its sessions in flight to
	 * end: the rest and the retries are left for --resume */
	if (f->last) {
		*lo = f->lo_ms;
		*hi = f->hi_ms > *lo ? f->hi_ms : *lo;
		return;
	}
	/* the addresses waiting for a retry are not done at the rate: they
	 * are done when their retry comes */
	if (w != NULL && w->n > 0) {
		todo = todo > w->n ? todo - w->n : 0;
		wait = w->last_ms > now ? w->last_ms - now : 0;
		give_up = w->give_up_ms > now ? w->give_up_ms - now : 0;
	}
	ceiling = f->hi_ms + progress_queue_ms(f);
	if (todo == 0)
		*lo = 0;
	else if (fresh > 0 && elapsed > 0)
		*lo = (long long)((double)todo * (double)elapsed /
		    (double)fresh);
	else if (todo <= f->n)
		*lo = 0;		/* all of it in flight */
	else if (f->n > 0) {		/* queued, nothing done yet */
		*lo = elapsed > 0 ? (long long)((double)todo *
		    (double)elapsed / (double)f->n) : 0;
		turns = (todo - f->n + f->n - 1) / f->n;
		if (f->slots == 0)
			ceiling += (long long)turns * f->limit_ms;
	} else {
		*lo = *hi = -1;		/* queued, nothing known yet */
		return;
	}
	/* the rate of the first second (9 done while 200 jobs started)
	 * said "3h11m" for a 12.5-minute run: until as many are done as
	 * are in flight it measures the start, and the queue's limits bound
	 * it (later they do not: a gate's wait, --rate, is not limited) */
	if (fresh < f->n && f->slots > 0 && ceiling > 0 && *lo > ceiling)
		*lo = ceiling;
	/* an address not tried yet may be greylisted at its first try and
	 * retried for --max-wait from it: queued, that try starts by the
	 * rate's end or the queue's bound; in flight it has started (the
	 * 100,001-row walk's "211 s to 456 s" had 653 s left) */
	first_try = -max_wait;		/* none left to try */
	if (todo > f->n) {
		first_try = *lo;
		if (f->slots > 0 && first_try < f->hi_ms +
		    progress_queue_start(f))
			first_try = f->hi_ms + progress_queue_start(f);
	} else if (todo > 0)
		first_try = f->first_ms > 0 ? f->first_ms - now : 0;
	if (*lo < f->lo_ms)
		*lo = f->lo_ms;
	if (*lo < wait)
		*lo = wait;
	/* a greylisted address may pass at its next retry or only be given
	 * up at the end of --max-wait; a session in flight may end now or
	 * at its limit: the run ends between the two */
	*hi = *lo;
	if (todo > 0 && *hi < ceiling)
		*hi = ceiling;
	if (*hi < give_up)
		*hi = give_up;
	if (*hi < first_try + max_wait)
		*hi = first_try + max_wait;
}

/* The ETA's words: "?", "4m12s", "3s to 10m00s", "at most 1m55s". */
static void
eta_text(const struct progress *p, long long lo, long long hi, char *buf,
    size_t size)
{
	char a[48], b[48], *t;
	const char *span[2] = { a, b };

	if (lo < 0) {
		snprintf(buf, size, "?");
		return;
	}
	progress_duration(lo, p->lang, a, sizeof(a));
	progress_duration(hi, p->lang, b, sizeof(b));
	if (strcmp(a, b) == 0) {
		snprintf(buf, size, "%s", a);
		return;
	}
	span[0] = lo < 1000 ? b : a;
	t = catalog_fmt(p->lang, lo < 1000 ? "verify.p_eta_most" :
	    "verify.p_eta_range", lo < 1000 ? 1 : 2, span);
	snprintf(buf, size, "%s", t);
	free(t);
}

void
progress_tick(struct progress *p, unsigned open_sessions,
    const struct progress_wait *w, const struct progress_flight *f)
{
	long long now = now_ms(), el = now - p->t0, lo, hi;
	unsigned long fresh = p->done - p->resumed, todo;
	double rate = el > 0 ? fresh * 1000.0 / (double)el : 0;
	char verd[200], eta[96], done[24], total[24], rs[24];
	char ss[16];
	const char *vals[2] = { done, total };
	char *part[PP__N] = { NULL }, *all;
	size_t i, fit;
	int k, most;

	if (p->quiet)
		return;
	if (!p->tty && now - p->last_plain < PROGRESS_PLAIN_MS)
		return;
	p->last_plain = now;
	todo = p->total > p->done ? p->total - p->done : 0;
	progress_eta(todo, fresh, el, f, w, now, &lo, &hi);
	eta_text(p, lo, hi, eta, sizeof(eta));
	snprintf(done, sizeof(done), "%lu", p->done);
	snprintf(total, sizeof(total), "%lu", p->total);
	snprintf(rs, sizeof(rs), "%.1f", rate);
	snprintf(ss, sizeof(ss), "%u", open_sessions);
	part[PP_DONE] = catalog_fmt(p->lang, "verify.p_done", 2, vals);
	vals[0] = rs;
	part[PP_RATE] = catalog_fmt(p->lang, "verify.p_rate", 1, vals);
	vals[0] = eta;
	part[PP_ETA] = catalog_fmt(p->lang, "verify.p_eta", 1, vals);
	vals[0] = ss;
	part[PP_SESSIONS] = catalog_fmt(p->lang, "verify.p_sessions", 1, vals);
	if (w != NULL && w->n > 0) {
		part[PP_WAIT] = wait_text(p, w, now, false);
		part[PP_WAIT_SHORT] = wait_text(p, w, now, true);
	}
	top_verdicts(p, verd, sizeof(verd), PROGRESS_VERDICTS);
	fit = progress_width(p) - 1;
	for (i = 0, most = PROGRESS_VERDICTS;; i++) {
		if (i >= NFORMS && most > 1)
			top_verdicts(p, verd, sizeof(verd), --most);
		all = progress_join(p, part, progress_forms[i < NFORMS ? i :
		    NFORMS - 1], verd);
		if (!p->tty || wrap_cols(all) <= fit ||
		    (i + 1 >= NFORMS && most == 1))
			break;
		free(all);
	}
	if (p->tty)
		fprintf(p->out, "\r\033[K%.*s", (int)wrap_fit(all, fit), all);
	else
		fprintf(p->out, "mxtrace verify%s%s\n", catalog_label(p->lang,
		    "p.colon"), all);
	fflush(p->out);
	for (k = 0; k < PP__N; k++)
		free(part[k]);
	free(all);
	p->shown = p->tty;
}

void
progress_clear(struct progress *p)
{
	if (p->shown) {
		fputs("\r\033[K", p->out);
		p->shown = false;
	}
}

/* Spaces up to cols terminal columns, then s. */
static void
put_right(FILE *f, const char *s, size_t cols)
{
	size_t used = wrap_cols(s);

	for (; used < cols; used++)
		fputc(' ', f);
	fputs(s, f);
}

/* The verdicts' table: its columns (2 + this + count 7 + share 8). */
#define SUMMARY_VERDICT_COLS	28
/* The domains' table: name, count, then its records counted as the
 * report's cards count them (verdict_group: can receive mail, will not
 * arrive) and the rest, each column as wide as its heading. */
#define SUMMARY_DOMAIN_COLS	24
static const char *const summary_dcol[3] = { "verify.col_dom_ok",
    "verify.col_dom_no", "verify.col_dom_other" };

/*
 * A row's label padded to cols columns; on a terminal one wider goes on
 * a line of its own, the row's numbers under it (into a file it pushes
 * them right, as it always did).
 */
static void
put_row_label(struct progress *p, const char *label, size_t cols)
{
	fputs("  ", p->out);
	if (p->tty && wrap_cols(label) > cols) {
		fprintf(p->out, "%s\n  ", label);
		label = "";
	}
	wrap_pad(p->out, label, cols);
}

/*
 * The top domains, on a terminal too narrow for their table (a phone's):
 * each name on its line, its counts in a sentence under it.
 */
static void
put_domains_narrow(struct progress *p, const struct progress_domain *d,
    size_t nd, const struct wrap_out *o)
{
	char n[4][24], *line, *name;
	const char *vals[4] = { n[0], n[1], n[2], n[3] };
	size_t i;

	fprintf(p->out, "\n  %s\n", catalog_label(p->lang, "verify.col_domain"));
	for (i = 0; i < nd; i++) {
		unsigned long good = d[i].groups[GROUP_OK];
		unsigned long bad = d[i].groups[GROUP_NO];

		snprintf(n[0], sizeof(n[0]), "%lu", d[i].total);
		snprintf(n[1], sizeof(n[1]), "%lu", good);
		snprintf(n[2], sizeof(n[2]), "%lu", bad);
		snprintf(n[3], sizeof(n[3]), "%lu", d[i].total - good - bad);
		/* a domain from the list, as its owner writes it (an IDN's
		 * U-label): wrap_put_value escapes it */
		name = address_domain_unicode(d[i].name);
		fputs("  ", p->out);
		wrap_put_value(p->out, o, WRAP_ALWAYS, name, strlen(name), 2,
		    4);
		free(name);
		line = catalog_fmt(p->lang, "verify.domain_counts", 4, vals);
		fputs("\n    ", p->out);
		wrap_put_value(p->out, o, WRAP_ALWAYS, line, strlen(line), 4,
		    4);
		fputc('\n', p->out);
		free(line);
	}
}

/* A count of the tester's own problems (or the list's typos), and what to
 * do about them. */
static void
put_tester(struct progress *p, const struct wrap_out *o, const char *key,
    const char *fix_key, unsigned long n)
{
	const char *fix = catalog_label(p->lang, fix_key);
	char *line;

	if (n == 0)
		return;
	line = xasprintf("%s%s%lu", catalog_label(p->lang, key),
	    catalog_label(p->lang, "p.colon"), n);
	fputs("\n  ", p->out);
	wrap_put_value(p->out, o, WRAP_ON_TERM, line, strlen(line), 2, 2);
	free(line);
	fputs("\n  ", p->out);
	wrap_put_value(p->out, o, WRAP_ALWAYS, fix, strlen(fix), 2, 2);
	fputc('\n', p->out);
}

/*
 * The run's time in the closing line: tenths of a second for a short run
 * (0.6 s), a longer one as the progress line says its ETA (10 min 14 s):
 * "613.6 s" made the reader divide.
 */
static void
summary_time(const struct progress *p, long long ms, char *buf, size_t size)
{
	char tenths[32], *t;
	const char *vals[1] = { tenths };

	if (ms >= 60000) {
		progress_duration(ms, p->lang, buf, size);
		return;
	}
	snprintf(tenths, sizeof(tenths), "%lld.%01lld", ms / 1000,
	    ms % 1000 / 100);
	t = catalog_fmt(p->lang, "verify.dur_s", 1, vals);
	snprintf(buf, size, "%s", t);
	free(t);
}

void
progress_summary(struct progress *p, const struct progress_domain *d,
    size_t nd, const char *status_key)
{
	long long el = now_ms() - p->t0;
	char done[24], total[24], secs[48], res[24];
	const char *vals[4] = { catalog_label(p->lang, status_key), done, total,
	    secs };
	char *line, *name, *t;
	struct wrap_out o = wrap_out_of(p->out);
	size_t i, width = o.width;
	size_t vcols = SUMMARY_VERDICT_COLS;
	size_t dcols[3], dline = 2 + SUMMARY_DOMAIN_COLS + 7;
	unsigned long of;
	int v, g;

	if (p->quiet)
		return;
	progress_clear(p);
	snprintf(done, sizeof(done), "%lu", p->done);
	snprintf(total, sizeof(total), "%lu", p->total);
	summary_time(p, el, secs, sizeof(secs));
	t = catalog_fmt(p->lang, "verify.summary", 4, vals);
	line = xasprintf("mxtrace verify%s%s", catalog_label(p->lang,
	    "p.colon"), t);
	free(t);
	if (p->resumed) {
		snprintf(res, sizeof(res), "%lu", p->resumed);
		vals[0] = res;
		t = catalog_fmt(p->lang, "verify.resumed", 1, vals);
		/* no space before a full-width （ */
		name = xasprintf("%s%s%s", line, p->lang == LANG_EN ? " " : "",
		    t);
		free(t);
		free(line);
		line = name;
	}
	fputc('\n', p->out);
	/* a sentence of the summary: wrapped on a terminal, into a file
	 * whole on its line */
	wrap_put_value(p->out, &o, WRAP_ON_TERM, line, strlen(line), 0, 2);
	free(line);
	/* stopped before the first record: a table would be its header alone */
	if (p->done == 0) {
		fputc('\n', p->out);
		return;
	}
	/* a narrow terminal: the verdicts' column gives up what it lacks */
	if (2 + vcols + 15 > width)
		vcols = width - 2 - 15;
	fputs("\n\n", p->out);
	put_row_label(p, catalog_label(p->lang, "verify.col_verdict"), vcols);
	put_right(p->out, catalog_label(p->lang, "verify.col_count"), 7);
	put_right(p->out, catalog_label(p->lang, "verify.col_share"), 8);
	fputc('\n', p->out);
	/* shares out of the whole list, as the report's: a run stopped
	 * early has its addresses not checked yet on a row of their own */
	of = p->total > p->done ? p->total : p->done;
	for (v = 0; v < VERDICT__LAST; v++) {
		if (p->counts[v] == 0)
			continue;
		put_row_label(p, catalog_verdict_label(p->lang, v), vcols);
		fprintf(p->out, " %6lu  %5.1f%%\n", p->counts[v],
		    100.0 * p->counts[v] / of);
	}
	if (of > p->done) {
		put_row_label(p, catalog_label(p->lang, "verify.row_unchecked"),
		    vcols);
		fprintf(p->out, " %6lu  %5.1f%%\n", of - p->done,
		    100.0 * (of - p->done) / of);
	}
	put_tester(p, &o, "verify.tester", "verify.tester_fix", p->tester);
	put_tester(p, &o, "verify.tester_net", "verify.tester_net_fix",
	    p->tester_net);
	/*
	 * Every lookup of several domains failed: their owners did not all
	 * break their DNS at once; this machine's resolver or network did
	 * (the rows' own words cannot know that, the run's sum can)
	 */
	if (p->dns_failed == p->done && nd >= 2)
		put_tester(p, &o, "verify.dns_all", "verify.dns_all_fix",
		    p->dns_failed);
	/* gmial.com, qq.con: the verdicts say DNS error or no such domain,
	 * the fix is the customer's address, which only the records name */
	put_tester(p, &o, "verify.typos", "verify.typos_fix", p->typos);
	/* "王经理 <bob@ok.test>" was checked as bob@ok.test: the list's owner
	 * learns it here, not only in the records' normalized field */
	put_tester(p, &o, "verify.cleaned", "verify.cleaned_fix", p->cleaned);
	if (nd == 0)
		return;
	for (g = 0; g < 3; g++) {
		dcols[g] = wrap_cols(catalog_label(p->lang, summary_dcol[g]));
		if (dcols[g] < 5)
			dcols[g] = 5;
		dline += 2 + dcols[g];
	}
	if (width <= dline) {
		put_domains_narrow(p, d, nd, &o);
		return;
	}
	fputs("\n  ", p->out);
	wrap_pad(p->out, catalog_label(p->lang, "verify.col_domain"),
	    SUMMARY_DOMAIN_COLS);
	put_right(p->out, catalog_label(p->lang, "verify.col_count"), 7);
	for (g = 0; g < 3; g++) {
		fputs("  ", p->out);
		put_right(p->out, catalog_label(p->lang, summary_dcol[g]), dcols[g]);
	}
	fputc('\n', p->out);
	for (i = 0; i < nd; i++) {
		unsigned long good = d[i].groups[GROUP_OK];
		unsigned long bad = d[i].groups[GROUP_NO];

		/* a domain from the list as its owner writes it (an IDN's
		 * U-label), escaped, padded by its columns (its Chinese
		 * counts two) */
		t = address_domain_unicode(d[i].name);
		name = esc_terminal(t, strlen(t));
		free(t);
		put_row_label(p, name, SUMMARY_DOMAIN_COLS);
		fprintf(p->out, " %6lu  %*lu  %*lu  %*lu\n", d[i].total,
		    (int)dcols[0], good, (int)dcols[1], bad, (int)dcols[2],
		    d[i].total - good - bad);
		free(name);
	}
}
