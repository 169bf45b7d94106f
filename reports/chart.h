/*
 * chart.h - the summary's one chart: a table with a bar per result (count,
 * share and a CSS bar), so the numbers are shown once and stay readable at
 * any width.  The tester's own problems get a row of their own, and so
 * do the addresses of an unfinished run not checked yet.
 */
#ifndef MXTRACE_CHART_H
#define MXTRACE_CHART_H

#include <stdio.h>

#include "reports/agg.h"
#include "meaning/catalog.h"

/* unchecked: the list's addresses not checked yet (unfinished.h); the
 * shares are then out of the whole list, never of the checked part alone. */
void	chart_summary(FILE *, const struct agg *, size_t unchecked, enum lang);

#endif
