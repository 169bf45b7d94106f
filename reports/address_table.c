/*
 * address_table.c - the report's address table (section "addresses"): the
 * cell labels a phone's cards show, the filters (counted from the rows the
 * table holds), a row per address in list order (the first page_rows shown,
 * report.js pages the rest), and on a light page (more than full_rows
 * addresses) the rows that need a look in the table, those that can
 * receive mail as one compact list, the rest counted (report_pick).
 *
 * Public: report_addresses.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "reports/address_table.h"
#include "reports/html.h"
#include "reports/report_ctx.h"

/* The filters of the table, its rows counted by verdict (count) and
 * the tester's own (tester). */
static void
report_filters(struct report_ctx *c, const size_t count[VERDICT__LAST],
    size_t tester)
{
	int v;

	fprintf(c->out, "<form class=\"filters\" id=\"filters\" hidden>"
	    "<label>%s <select id=\"f-verdict\"><option value=\"\">%s"
	    "</option>", L(c, "report.result"), L(c, "report.all"));
	for (v = 0; v < VERDICT__LAST; v++) {
		if (count[v] == 0)
			continue;
		fprintf(c->out, "<option value=\"%s\">", verdict_name(v));
		html_text(c->out, catalog_verdict_label(c->lang, v));
		fprintf(c->out, " (%zu)</option>", count[v]);
	}
	if (tester > 0)
		fprintf(c->out, "<option value=\"%s\">%s (%zu)</option>",
		    verdict_group_name(GROUP_TESTER), L(c, "report.card_self"),
		    tester);
	fprintf(c->out, "</select></label> <label>%s <input id=\"f-domain\" "
	    "type=\"search\" autocomplete=\"off\"></label> <label>%s <input "
	    "id=\"f-text\" type=\"search\" autocomplete=\"off\"></label> "
	    "<output id=\"f-count\"></output></form>\n",
	    L(c, "report.domain"), L(c, "report.search"));
}

/* Whether any row has a row number: the table then shows it. */
static bool
report_has_rownum(const struct agg *a)
{
	size_t i;

	for (i = 0; i < a->nrows; i++)
		if (a->rows[i].rownum >= 0)
			return true;
	return false;
}

/* The simple answer first (docs/json.md "summary"), when the records have it. */
static void
report_summary_cell(struct report_ctx *c, const struct agg_row *r)
{
	char key[32];

	if (c->agg->with_summary == 0)
		return;
	if (r->summary < 0) {
		fputs("<td class=\"sm\">", c->out);
		return;
	}
	snprintf(key, sizeof(key), "summary.%s", summary_name(r->summary));
	fprintf(c->out, "<td class=\"sm s-%s\">%s", summary_name(r->summary),
	    L(c, key));
}

static void
report_row(struct report_ctx *c, size_t i, size_t pos, bool rownum)
{
	const struct agg *a = c->agg;
	const struct agg_row *r = &a->rows[i];
	char num[24], *dup;
	size_t k;

	fprintf(c->out, "<tr data-v=\"%s\" data-g=\"%s\" data-s=\"%d\"%s>",
	    verdict_name(r->verdict), verdict_group_name(verdict_group(
	    r->verdict, r->reason)), agg_severity(r),
	    pos >= c->page_rows ? " class=\"h\"" : "");
	if (rownum) {
		if (r->rownum >= 0)
			fprintf(c->out, "<td class=\"n\">%lld", r->rownum);
		else
			fputs("<td class=\"n\">", c->out);
	}
	report_summary_cell(c, r);
	/* <kbd>: the user's own list, as it was written; a cell this row
	 * left empty is NULL even when another of its cells is not */
	for (k = 0; k < a->ncols; k++) {
		fputs("<td>", c->out);
		if (r->cells != NULL && r->cells[k] != NULL && *r->cells[k]) {
			fputs("<kbd>", c->out);
			html_text(c->out, r->cells[k]);
			fputs("</kbd>", c->out);
		}
	}
	/* one <div>: on a phone the cell is a flex row beside its label, and
	 * the notes under the address (the cell read, a typo's fix, a shared
	 * mailbox) would stand beside it, the address squeezed */
	fputs("<td class=\"ad\"><div>", c->out);
	report_address(c, i, 1);
	report_cell_read(c, r);
	report_suggestion(c, r);
	if (r->role)
		fprintf(c->out, "<br><small class=\"note\">%s</small>",
		    L(c, "report.role_mark"));
	/* the row's result is that row's probe: said where the row is read */
	if (r->dup_row > 0) {
		snprintf(num, sizeof(num), "%lld", r->dup_row);
		dup = catalog_label_with(c->lang, "report.duplicate_of", "{row}",
		    num);
		fprintf(c->out, "<br><small class=\"note\">%s</small>", dup);
		free(dup);
	}
	fprintf(c->out, "</div><td class=\"v %s\">", html_verdict_class(r->verdict,
	    r->reason));
	html_text(c->out, catalog_verdict_label(c->lang, r->verdict));
	fputs("<td>", c->out);
	html_text(c->out, report_reason_label(c->lang, r->reason));
	fputs("<td class=\"dm\">", c->out);
	if (*a->domains[r->domain].name != '\0')
		report_domain(c, a->domains[r->domain].name);
	fputs("<td class=\"rp\">", c->out);
	if (r->reply_server) {
		/* <samp>: the server's own words, shown as they came */
		fputs("<samp>", c->out);
		html_text(c->out, r->reply);
		fputs("</samp>", c->out);
	} else
		html_tr(c->out, c->lang, r->reply);
	if (r->total_ms >= 0)
		fprintf(c->out, "<td class=\"n\">%lld\n", r->total_ms);
	else
		fputs("<td class=\"n\">\n", c->out);
}

/* One header cell; name (trusted) or text (escaped). */
static void
report_th(struct report_ctx *c, const char *sort, const char *col,
    const char *name, const char *text)
{
	fprintf(c->out, "<th data-sort=\"%s\"%s%s%s>", sort,
	    col ? " data-col=\"" : "", col ? col : "", col ? "\"" : "");
	if (name != NULL)
		fputs(name, c->out);
	html_text(c->out, text);
	fputs("</th>", c->out);
}

/*
 * On a narrow screen each row becomes a card and each cell says what it
 * is: the labels (input field names included, escaped for a CSS string)
 * go into this report's own style block, not into every one of 100,000
 * rows.
 */
static void
report_row_labels(struct report_ctx *c, bool rownum)
{
	const struct agg *a = c->agg;
	static const char *const keys[] = { "report.address", "report.result",
	    "report.cause", "report.domain", "report.reply" };
	size_t n = 1, k;
	char *time_ms;

	fputs("<style>@media (max-width:720px){", c->out);
	if (rownum)
		html_cell_label(c->out, "table.addrs", n++, L(c, "report.row"));
	if (a->with_summary > 0)
		html_cell_label(c->out, "table.addrs", n++,
		    L(c, "report.summary_col"));
	for (k = 0; k < a->ncols; k++, n++)
		html_cell_label(c->out, "table.addrs", n, a->cols[k]);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++, n++)
		html_cell_label(c->out, "table.addrs", n, L(c, keys[k]));
	/* the card shows a bare number: its unit goes with the label */
	time_ms = xasprintf("%s%s%s%s", L(c, "report.time"), L(c, "p.open"),
	    L(c, "unit.ms"), L(c, "p.close"));
	html_cell_label(c->out, "table.addrs", n, time_ms);
	free(time_ms);
	fputs("}</style>\n", c->out);
}

/* Where a row goes in a light page (report_pick). */
enum { PICK_NONE, PICK_TABLE, PICK_COMPACT };

/* Where each row goes, and what the table then holds (its filter's counts). */
struct report_picked {
	unsigned char	*pick;		/* owned: PICK_* by index into a->rows */
	size_t		 ntable;	/* rows in the table */
	size_t		 ncompact;	/* rows in the compact list */
	size_t		 verdicts[VERDICT__LAST];	/* the table's rows by verdict */
	size_t		 tester;	/* the table's rows of GROUP_TESTER */
};

/*
 * Which rows the table lists (PICK_TABLE) and which the compact list
 * (PICK_COMPACT), by index into a->rows: all in the table up to
 * c->full_rows; past it, in list order, the rows that need a look (and
 * those that can receive mail with a note: a shared mailbox, a typo's
 * fix, a repeat, a cleaned cell) up to c->full_rows, the others up to
 * REPORT_COMPACT_PER times that.  The table's rows are counted by
 * verdict and tester group on the same walk, as its filter shows them.
 */
static void
report_pick(const struct report_ctx *c, struct report_picked *p)
{
	const struct agg *a = c->agg;
	const struct agg_row *r;
	enum verdict_group g;
	size_t i, k;
	bool light = a->nrows > c->full_rows, quiet;

	memset(p, 0, sizeof(*p));
	p->pick = xcalloc(a->nrows ? a->nrows : 1, 1);
	for (i = 0; i < a->nrows; i++) {
		k = a->row_order[i];
		r = &a->rows[k];
		g = verdict_group(r->verdict, r->reason);
		quiet = g == GROUP_OK && !r->role && r->dup_row <= 0 &&
		    r->suggestion == NULL && r->given == NULL;
		if (!light || (!quiet && p->ntable < c->full_rows)) {
			p->pick[k] = PICK_TABLE;
			p->ntable++;
			if (r->verdict < VERDICT__LAST)
				p->verdicts[r->verdict]++;
			p->tester += g == GROUP_TESTER;
		} else if (quiet && p->ncompact < c->full_rows *
		    REPORT_COMPACT_PER) {
			p->pick[k] = PICK_COMPACT;
			p->ncompact++;
		}
	}
}

/*
 * A light page's words under the table: why it is light, how many are on
 * neither list and where every one is; then the compact list of the
 * addresses that can receive mail (text, closed; an address whose path
 * the page shows a link to it, at most detail_max of them).
 */
static void
report_light(struct report_ctx *c, const struct report_picked *p)
{
	const struct agg *a = c->agg;
	size_t i, k, left = a->nrows - p->ntable - p->ncompact;
	bool linked;

	fputs("<p class=\"note\" id=\"light\">", c->out);
	html_fmt_counts(c->out, c->lang, "report.light_table", 2,
	    (const size_t[]){ a->nrows, p->ntable });
	if (left > 0) {
		fputc(' ', c->out);
		html_fmt_counts(c->out, c->lang, "report.light_rest", 1, &left);
	}
	fputs("</p>\n", c->out);
	if (p->ncompact == 0)
		return;
	fputs("<details class=\"clist\" id=\"compact\"><summary>", c->out);
	html_fmt_counts(c->out, c->lang, "report.light_compact", 1,
	    &p->ncompact);
	fputs("</summary><pre>", c->out);
	for (i = 0; i < a->nrows; i++) {
		k = a->row_order[i];
		if (p->pick[k] != PICK_COMPACT)
			continue;
		/* a tap on an address whose path is further down reaches it,
		 * as in the table; the others stay text */
		linked = report_path_link(c, k);
		html_text(c->out, *a->rows[k].address ? a->rows[k].address :
		    L(c, "report.empty_address"));
		fputs(linked ? "</a>\n" : "\n", c->out);
	}
	fputs("</pre></details>\n", c->out);
}

void
report_addresses(struct report_ctx *c)
{
	const struct agg *a = c->agg;
	bool rownum = report_has_rownum(a);
	struct report_picked p;
	size_t i, k, pos;

	report_pick(c, &p);
	fprintf(c->out, "<section id=\"addresses\">\n<h2>%s</h2>\n",
	    L(c, "report.addresses_title"));
	report_row_labels(c, rownum);
	report_filters(c, p.verdicts, p.tester);
	fputs("<div class=\"scroll\"><table class=\"addrs\" id=\"addrs\">"
	    "<thead><tr>", c->out);
	if (rownum)
		report_th(c, "n", "row", L(c, "report.row"), NULL);
	if (a->with_summary > 0)
		report_th(c, "t", "summary", L(c, "report.summary_col"), NULL);
	for (i = 0; i < a->ncols; i++)
		report_th(c, "t", NULL, NULL, a->cols[i]);
	report_th(c, "t", "address", L(c, "report.address"), NULL);
	report_th(c, "s", "result", L(c, "report.result"), NULL);
	report_th(c, "t", NULL, L(c, "report.cause"), NULL);
	report_th(c, "t", "domain", L(c, "report.domain"), NULL);
	report_th(c, "t", NULL, L(c, "report.reply"), NULL);
	fprintf(c->out, "<th data-sort=\"n\">%s%s%s%s</th></tr></thead>\n"
	    "<tbody id=\"rows\" data-page=\"%zu\">\n", L(c, "report.time"),
	    L(c, "p.open"), L(c, "unit.ms"), L(c, "p.close"), c->page_rows);
	for (i = pos = 0; i < a->nrows; i++) {
		k = a->row_order[i];
		if (p.pick[k] == PICK_TABLE)
			report_row(c, k, pos++, rownum);
	}
	fputs("</tbody></table></div>\n", c->out);
	fprintf(c->out, "<div class=\"pager\" id=\"pager\" hidden><button "
	    "type=\"button\" id=\"p-prev\">← %s</button> <span id=\"p-info\">"
	    "</span> <button type=\"button\" id=\"p-next\">%s →</button>"
	    "</div>\n", L(c, "report.previous"), L(c, "report.next"));
	if (p.ntable > c->page_rows) {
		fputs("<noscript><p>", c->out);
		html_fmt_counts(c->out, c->lang, "report.first_rows", 2,
		    (const size_t[]){ c->page_rows, p.ntable });
		fputs("</p></noscript>\n", c->out);
	}
	if (a->nrows > c->full_rows)
		report_light(c, &p);
	free(p.pick);
	fputs("</section>\n", c->out);
}
