/*
 * chart.c - the summary chart as an HTML table with CSS bars: one row per
 * verdict (deliverable first, then definite failures, then the rest), and
 * one row for the addresses whose check was refused because of where it
 * ran from (verdict_group GROUP_TESTER), which are never counted with their
 * verdict, and one for the addresses of an unfinished run not checked yet
 * (the shares are of the whole list).  Text stays text (no SVG scaling), so labels keep the page's font
 * size on a phone.  Only catalogue labels and numbers are written; they are
 * escaped anyway.  Rows carry data-v (a verdict) or data-g (a group) for the
 * script's filter.
 *
 * Public: chart_summary.
 */
#include "reports/chart.h"
#include "reports/html.h"

/* Order of the rows: deliverable, definite failures, the rest. */
static int
chart_rank(enum verdict v)
{
	switch (verdict_group(v, REASON_UNKNOWN)) {
	case GROUP_OK:
		return 0;
	case GROUP_NO:
		return 1;
	default:
		return 2;
	}
}

static void
chart_row(FILE *out, const char *attr, const char *value, const char *cls,
    const char *label, size_t n, size_t max, size_t total)
{
	fprintf(out, "<tr %s=\"%s\"><td><span class=\"chip %s\">", attr, value,
	    cls);
	html_text(out, label);
	fprintf(out, "</span></td><td class=\"bar\"><span class=\"b %s\" "
	    "style=\"width:%.1f%%\"></span></td><td class=\"n\">", cls,
	    max ? 100.0 * (double)n / (double)max : 0.0);
	html_count(out, n);
	fprintf(out, "</td><td class=\"n\">%.1f%%</td></tr>\n",
	    total ? 100.0 * (double)n / (double)total : 0.0);
}

void
chart_summary(FILE *out, const struct agg *a, size_t unchecked,
    enum lang lang)
{
	size_t n[VERDICT__LAST], tester = 0, max = unchecked;
	size_t total = a->nrows + unchecked;
	int rank, v;

	for (v = 0; v < VERDICT__LAST; v++) {
		n[v] = a->count[v] - a->tester[v];
		tester += a->tester[v];
		if (n[v] > max)
			max = n[v];
	}
	if (tester > max)
		max = tester;
	fprintf(out, "<table class=\"counts\"><thead><tr><th>%s</th><th>"
	    "</th><th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead>"
	    "<tbody>\n", catalog_label(lang, "report.result"),
	    catalog_label(lang, "report.count"),
	    catalog_label(lang, "report.share"));
	for (rank = 0; rank < 3; rank++)
		for (v = 0; v < VERDICT__LAST; v++)
			if (chart_rank(v) == rank && n[v] > 0)
				chart_row(out, "data-v", verdict_name(v),
				    html_verdict_class(v, REASON_UNKNOWN),
				    catalog_verdict_label(lang, v), n[v], max,
				    total);
	if (tester > 0)
		chart_row(out, "data-g", verdict_group_name(GROUP_TESTER),
		    html_group_class(GROUP_TESTER), catalog_label(lang, "report.card_self"), tester,
		    max, total);
	/* no data-v/data-g: the address table has no row to filter to */
	if (unchecked > 0)
		chart_row(out, "class", "unchecked", "info", catalog_label(lang,
		    "report.card_unchecked"), unchecked, max, total);
	fputs("</tbody></table>\n", out);
}
