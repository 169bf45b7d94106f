/*
 * report_html.h - the page itself, from an aggregate (agg.h); shared by
 * `mxtrace report` (report_cli.c) and report_write_html.
 */
#ifndef MXTRACE_REPORT_HTML_H
#define MXTRACE_REPORT_HTML_H

#include <stdio.h>

#include "reports/agg.h"
#include "reports/report.h"
#include "reports/unfinished.h"
#include "base/util.h"

/* What the page says about its inputs, besides the records. */
struct report_meta {
	const struct strlist *inputs;	/* borrowed; file names, may be NULL */
	const struct strlist *lists;	/* borrowed; the lists verify checked
					 * to make them, as their FILE.meta
					 * names them; may be NULL */
	unsigned long	 bad_lines;	/* input lines skipped */
	const struct unf_set *unf;	/* borrowed; unfinished verify runs, may be NULL */
	size_t		 catch_all_on;	/* input files whose catch-all check
					 * was on (their records or FILE.meta
					 * say so), */
	size_t		 catch_all_off;	/* off (FILE.meta: --no-catch-all-check), */
	size_t		 catch_all_unsaid; /* or that nothing says */
};

/* Write the page for a finished aggregate (agg_finish called).
 * Returns 0, or -1 when writing failed. */
int	report_render(FILE *, const struct agg *, const struct report_opts *,
	    const struct report_meta *);

#endif
