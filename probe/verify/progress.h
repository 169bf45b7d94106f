/*
 * progress.h - verify's progress on stderr (one updating line on a
 * terminal, a plain status line every PROGRESS_PLAIN_MS otherwise) and its
 * final summary table.
 */
#ifndef MXTRACE_PROGRESS_H
#define MXTRACE_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "meaning/verdict.h"

#define PROGRESS_PLAIN_MS	10000

struct progress {
	FILE		*out;		/* borrowed (stderr) */
	bool		 tty, quiet, shown;
	unsigned long	 total, done, resumed;
	unsigned long	 counts[VERDICT__LAST];
	long long	 t0, last_plain;
};

/* One domain's line in the summary. */
struct progress_domain {
	const char	*name;		/* borrowed */
	unsigned long	 total;
	unsigned long	 counts[VERDICT__LAST];
};

void	progress_init(struct progress *, FILE *, unsigned long total, bool quiet);
/* A record was written (resumed: it was already in the output). */
void	progress_count(struct progress *, enum verdict, bool resumed);
/* Called about once a second: redraw (terminal) or print when due (plain). */
void	progress_tick(struct progress *, unsigned open_sessions,
	    unsigned long waiting_retry);
/* Clear the terminal line so a message can be printed. */
void	progress_clear(struct progress *);
/* The summary: count and share per verdict, then the top domains. */
void	progress_summary(struct progress *, const struct progress_domain *,
	    size_t ndomains, const char *status);

#endif
