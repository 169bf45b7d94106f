/*
 * progress.h - verify's progress on stderr (one updating line on a
 * terminal, a plain status line every PROGRESS_PLAIN_MS otherwise) and its
 * final summary table, in the user's language (catalog.c).
 */
#ifndef MXTRACE_PROGRESS_H
#define MXTRACE_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "meaning/catalog.h"
#include "meaning/verdict.h"

#define PROGRESS_PLAIN_MS	10000

struct progress {
	FILE		*out;		/* borrowed (stderr) */
	enum lang	 lang;
	bool		 tty, quiet, shown;
	unsigned long	 total, done, resumed;
	unsigned long	 counts[VERDICT__LAST];
	unsigned long	 tester;	/* ... of which refused because of where the check ran from */
	unsigned long	 tester_net;	/* ... of which not reached: port 25 filtered, the proxy */
	unsigned long	 dns_failed;	/* ... whose DNS lookup failed or got no answer */
	unsigned long	 typos;		/* the list's addresses whose domain looks
					 * mistyped (gmial.com): set by the caller */
	unsigned long	 cleaned;	/* the list's cells read as cleaned-up
					 * addresses (a name, a full-width ＠,
					 * several in one cell): set by the caller */
	long long	 t0, last_plain;
};

/* Addresses waiting for a retry (greylisting), as the scheduler sees them. */
struct progress_wait {
	unsigned long	 n;		/* 0: none waiting */
	long long	 next_ms;	/* now_ms() time of the next retry */
	long long	 last_ms;	/* ... of the last retry now planned */
	long long	 give_up_ms;	/* ... after which the last one is given up */
	long long	 max_wait_ms;	/* --max-wait: an address not tried yet
					 * may be greylisted at its first try
					 * and wait this long from it; 0 none */
};

/*
 * The addresses being probed now (in jobs running), as the ETA counts
 * them: progress_flight_add adds each job.
 */
struct progress_flight {
	unsigned long	 n;		/* addresses in jobs running */
	long long	 lo_ms;		/* from now: the latest end their
					 * servers' known times promise; 0 none */
	long long	 hi_ms;		/* ... their time limits allow; 0 none */
	long long	 limit_ms;	/* the longest one job may take
					 * (--deadline); 0 none */
	long long	 first_ms;	/* now_ms() time of the latest first
					 * try of an address in flight (a
					 * retry's was earlier); 0 unknown */
	bool		 last;		/* nothing more starts (the run is
					 * stopping): it is all that is left */
	/* the jobs not started yet (queued, or rows not read yet), by what
	 * their domains' jobs took so far: progress_queue_add adds each */
	unsigned long	 q_unknown;	/* ... of domains none of whose jobs
					 * has ended yet: each may take
					 * limit_ms */
	long long	 q_known_ms;	/* the others' times summed, each its
					 * domain's longest so far */
	long long	 q_known_max;	/* the longest of those */
	unsigned	 slots;		/* jobs that run at once (--jobs); 0:
					 * the queue is not told */
};

/* One domain's line in the summary: its records by what the report's
 * cards say of them (verdict_group), so the two never part. */
struct progress_domain {
	const char	*name;		/* borrowed */
	unsigned long	 total;
	unsigned long	 groups[GROUP__LAST];
};

void	progress_init(struct progress *, FILE *, unsigned long total, bool quiet,
	    enum lang);
/*
 * A record was written (resumed: it was already in the output).  v may be
 * VERDICT__LAST (unknown); r REASON_UNKNOWN when the record has none.
 */
void	progress_count(struct progress *, enum verdict v, enum reason r,
	    bool resumed);
/*
 * Called about once a second: redraw (terminal) or print when due (plain).
 * The ETA (progress_eta) counts the work in flight f and the retries'
 * wait w, which the line shows as a countdown.
 */
void	progress_tick(struct progress *, unsigned open_sessions,
	    const struct progress_wait *w, const struct progress_flight *f);
/*
 * A running job of n addresses, started at start (now_ms() times, as
 * now), added to f: its domain's jobs have taken up to known_ms so far
 * (-1: none has ended yet), a session of it may last limit_ms (--deadline).
 * Within its known time it ends then (lo and hi); past it, or unknown, it
 * may end any moment (lo) or at its limit (hi).
 */
void	progress_flight_add(struct progress_flight *f, long long now,
	    long long start, long long known_ms, long long limit_ms,
	    unsigned long n);
/*
 * jobs jobs not started yet, of a domain whose jobs have taken up to
 * known_ms so far (-1: none has ended yet), added to f.
 */
void	progress_queue_add(struct progress_flight *f, long long known_ms,
	    unsigned long jobs);
/*
 * The time left, from now, as a range: *lo and *hi in ms, *lo -1 when
 * it cannot be told (addresses queued, none done and none in flight:
 * "?").  todo: addresses neither done nor waiting for a retry (in flight
 * included); fresh: addresses this run has done in elapsed ms.  The
 * rate so far sets lo for todo, never below what the work in flight is
 * known to take (f) nor the last retry's time (w); hi reaches to the
 * limits of the work in flight and the retries' give-up time.  With
 * addresses queued and none done yet, lo is the rate the work in flight
 * would make ending now, and hi the queue gone through in turns of as
 * many addresses as are in flight, each turn at its limit.  When f tells
 * the jobs not started yet (f->slots), hi reaches past the work in flight
 * to those jobs run f->slots at a time, each as long as its domain's
 * longest so far or, for a domain with none ended, its limit (greedy
 * scheduling ends by their sum over the slots plus the longest one),
 * which bounds lo too.  An address not tried yet may be greylisted at its
 * first try and retried for w->max_wait_ms: hi reaches that far past the
 * latest its first try may start.  When f is the last work (f->last), the
 * range is its own, whatever is left.
 */
void	progress_eta(unsigned long todo, unsigned long fresh, long long elapsed,
	    const struct progress_flight *f, const struct progress_wait *w,
	    long long now, long long *lo, long long *hi);
/* Clear the terminal line so a message can be printed. */
void	progress_clear(struct progress *);
/*
 * The summary: count and share per verdict, the tester's own problems
 * apart, then the top domains.  status_key: a catalogue key
 * ("verify.status_done", ...).
 */
void	progress_summary(struct progress *, const struct progress_domain *,
	    size_t ndomains, const char *status_key);
/* "4m12s", "59s", "1h02m" (zh: 4 分 12 秒): a duration for a person. */
void	progress_duration(long long ms, enum lang, char *buf, size_t size);

#endif
