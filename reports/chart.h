/*
 * chart.h - the summary's one chart: a table with a bar per result (count,
 * share and a CSS bar), so the numbers are shown once and stay readable at
 * any width.  The tester's own problems get a row of their own.
 */
#ifndef MXTRACE_CHART_H
#define MXTRACE_CHART_H

#include <stdio.h>

#include "reports/agg.h"
#include "meaning/catalog.h"

void	chart_summary(FILE *, const struct agg *, enum lang);

#endif
