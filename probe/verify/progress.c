/*
 * progress.c - how far `mxtrace verify` is, for the person waiting.
 *
 * On a terminal one line is redrawn in place (done/total, addresses per
 * second, ETA, the commonest verdicts, sessions open, addresses waiting for
 * a retry); elsewhere (a log file, CI) a plain line every
 * PROGRESS_PLAIN_MS.  --quiet prints neither, nor the summary.
 *
 * Public: progress_init, progress_count, progress_tick, progress_clear,
 * progress_summary.
 */
#include <string.h>
#include <unistd.h>

#include "verify/progress.h"
#include "base/util.h"

void
progress_init(struct progress *p, FILE *out, unsigned long total, bool quiet)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->tty = isatty(fileno(out));
	p->quiet = quiet;
	p->total = total;
	p->t0 = p->last_plain = now_ms();
}

void
progress_count(struct progress *p, enum verdict v, bool resumed)
{
	p->done++;
	if (resumed)
		p->resumed++;
	if (v < VERDICT__LAST)
		p->counts[v]++;
}

/* "deliverable 12, undeliverable 3, ..." for the commonest verdicts. */
static void
top_verdicts(const struct progress *p, char *buf, size_t sz)
{
	size_t used = 0;
	int v, shown = 0;

	buf[0] = '\0';
	for (v = 0; v < VERDICT__LAST && shown < 4; v++) {
		if (p->counts[v] == 0)
			continue;
		used += (size_t)snprintf(buf + used, used < sz ? sz - used : 0,
		    "%s%s %lu", shown ? ", " : "", verdict_name(v), p->counts[v]);
		shown++;
		if (used >= sz)
			break;
	}
}

void
progress_tick(struct progress *p, unsigned open_sessions,
    unsigned long waiting_retry)
{
	long long now = now_ms(), el = now - p->t0;
	unsigned long fresh = p->done - p->resumed;
	double rate = el > 0 ? fresh * 1000.0 / (double)el : 0;
	char verd[160], eta[32] = "?";
	long long left;

	if (p->quiet)
		return;
	if (!p->tty && now - p->last_plain < PROGRESS_PLAIN_MS)
		return;
	p->last_plain = now;
	if (rate > 0 && p->total >= p->done) {
		left = (long long)((double)(p->total - p->done) / rate);
		snprintf(eta, sizeof(eta), "%lldm%02llds", left / 60, left % 60);
	}
	top_verdicts(p, verd, sizeof(verd));
	fprintf(p->out, "%s%lu/%lu done, %.1f addr/s, ETA %s, %u sessions, "
	    "%lu waiting for retry%s%s%s", p->tty ? "\r\033[K" : "mxtrace verify: ",
	    p->done, p->total, rate, eta, open_sessions, waiting_retry,
	    verd[0] ? " | " : "", verd, p->tty ? "" : "\n");
	fflush(p->out);
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

void
progress_summary(struct progress *p, const struct progress_domain *d,
    size_t nd, const char *status)
{
	long long el = now_ms() - p->t0;
	size_t i;
	int v;

	if (p->quiet)
		return;
	progress_clear(p);
	fprintf(p->out, "\nmxtrace verify: %s: %lu of %lu addresses in %lld.%01llds",
	    status, p->done, p->total, el / 1000, (el % 1000) / 100);
	if (p->resumed)
		fprintf(p->out, " (%lu from an earlier run)", p->resumed);
	fputs("\n\n  verdict            count   share\n", p->out);
	for (v = 0; v < VERDICT__LAST; v++)
		if (p->counts[v] > 0)
			fprintf(p->out, "  %-17s %6lu  %5.1f%%\n", verdict_name(v),
			    p->counts[v], p->done ? 100.0 * p->counts[v] / p->done : 0);
	if (nd == 0)
		return;
	fputs("\n  top domains        count  deliverable  undeliverable  other\n",
	    p->out);
	for (i = 0; i < nd; i++) {
		unsigned long good = d[i].counts[VERDICT_DELIVERABLE];
		unsigned long bad = d[i].counts[VERDICT_UNDELIVERABLE];

		fprintf(p->out, "  %-17.40s %6lu  %11lu  %13lu  %5lu\n", d[i].name,
		    d[i].total, good, bad, d[i].total - good - bad);
	}
}
