/*
 * chart.c - the summary chart, drawn as SVG by hand (no chart library is
 * fetched: the report works offline).  Colours come from the CSS classes
 * ok/bad/warn, the same ones every verdict chip in the report uses.  Only
 * catalogue labels and numbers go into the SVG; labels are escaped anyway.
 *
 * Public: chart_summary_svg.
 */
#include "reports/chart.h"
#include "reports/html.h"

#define CHART_W		760
#define CHART_LABEL_W	210
#define CHART_BAR_W	400
#define CHART_ROW_H	30
#define CHART_STACK_H	36

/* Order of the bars: deliverable, then definite failures, then the rest. */
static int
chart_rank(enum verdict v)
{
	switch (verdict_exit_status(v)) {
	case 0:
		return 0;
	case 1:
		return 1;
	default:
		return 2;
	}
}

void
chart_summary_svg(FILE *out, const struct agg *a, enum lang lang)
{
	size_t total = a->nrows, max = 0, rows = 0;
	double x = 0, w;
	int rank, v;
	long y;

	for (v = 0; v < VERDICT__LAST; v++) {
		if (a->count[v] > 0)
			rows++;
		if (a->count[v] > max)
			max = a->count[v];
	}
	fprintf(out, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %ld\" "
	    "width=\"%d\" height=\"%ld\" aria-label=\"", CHART_W,
	    (long)(CHART_STACK_H + 20 + rows * CHART_ROW_H), CHART_W,
	    (long)(CHART_STACK_H + 20 + rows * CHART_ROW_H));
	html_text(out, catalog_label(lang, "report.summary"));
	fputs("\">\n", out);
	if (total == 0) {
		fputs("</svg>\n", out);
		return;
	}
	/* The stacked bar: every address, one segment per verdict. */
	for (rank = 0; rank < 3; rank++) {
		for (v = 0; v < VERDICT__LAST; v++) {
			if (chart_rank(v) != rank || a->count[v] == 0)
				continue;
			w = (double)CHART_W * (double)a->count[v] / (double)total;
			fprintf(out, "<rect class=\"%s\" x=\"%.2f\" y=\"0\" "
			    "width=\"%.2f\" height=\"%d\"><title>",
			    html_verdict_class(v), x, w, CHART_STACK_H);
			html_text(out, catalog_verdict_label(lang, v));
			fprintf(out, ": %zu</title></rect>\n", a->count[v]);
			x += w;
		}
	}
	y = CHART_STACK_H + 20;
	for (rank = 0; rank < 3; rank++) {
		for (v = 0; v < VERDICT__LAST; v++) {
			if (chart_rank(v) != rank || a->count[v] == 0)
				continue;
			w = (double)CHART_BAR_W * (double)a->count[v] /
			    (double)max;
			fprintf(out, "<text class=\"lbl\" x=\"0\" y=\"%ld\">",
			    y + 19);
			html_text(out, catalog_verdict_label(lang, v));
			fprintf(out, "</text><rect class=\"%s\" x=\"%d\" "
			    "y=\"%ld\" width=\"%.2f\" height=\"22\" rx=\"3\"/>"
			    "<text class=\"num\" x=\"%.2f\" y=\"%ld\">",
			    html_verdict_class(v), CHART_LABEL_W, y + 3,
			    w < 1 ? 1 : w, CHART_LABEL_W + (w < 1 ? 1 : w) + 8,
			    y + 19);
			html_count(out, a->count[v]);
			fprintf(out, " (%.1f%%)</text>\n",
			    100.0 * (double)a->count[v] / (double)total);
			y += CHART_ROW_H;
		}
	}
	fputs("</svg>\n", out);
}
