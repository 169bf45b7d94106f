/*
 * chart.h - the summary as an inline SVG chart: one stacked bar of all
 * addresses, then one bar per verdict with its count and share.
 */
#ifndef MXTRACE_CHART_H
#define MXTRACE_CHART_H

#include <stdio.h>

#include "reports/agg.h"
#include "meaning/catalog.h"

void	chart_summary_svg(FILE *, const struct agg *, enum lang);

#endif
