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
};

/* One domain's line in the summary. */
struct progress_domain {
	const char	*name;		/* borrowed */
	unsigned long	 total;
	unsigned long	 counts[VERDICT__LAST];
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
 * The ETA counts the retries' wait, which the line shows as a countdown:
 * while addresses wait, from their last retry to their give-up time.
 */
void	progress_tick(struct progress *, unsigned open_sessions,
	    const struct progress_wait *);
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
