/*
 * report_html.c - the HTML page: header, summary (stat cards and the SVG
 * chart), "what to do first" (causes ranked by how many addresses they
 * affect), domains, the address table (address_table.c) and the
 * per-address paths.  One
 * self-contained file: the CSS and JavaScript are compiled in, and a
 * Content-Security-Policy forbids every network access and every script
 * but ours (html_head).  The page is complete without JavaScript; the
 * script only shows times in the reader's zone and pages, sorts and
 * filters the address table.
 *
 * Public: report_render, report_write_html; for the page's other parts
 * (report_ctx.h) report_reason_label, report_domain, report_cell_read,
 * report_path_link, report_address, report_suggestion.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "input/address.h"
#include "record/result.h"
#include "reports/address_table.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/report_ctx.h"
#include "reports/report_html.h"
#include "reports/sndreport.h"
#include "reports/waterfall.h"

#define REPORT_DETAIL_MAX	500
#define REPORT_PAGE_ROWS	100
#define REPORT_DOMAIN_MAX	500
#define REPORT_CAUSE_MAX	50
#define REPORT_CAUSE_DOMAINS	5
#define REPORT_ROLE_ROWS	50	/* shared mailboxes named; the rest counted */

const char *
report_reason_label(enum lang lang, enum reason r)
{
	char key[64];

	snprintf(key, sizeof(key), "report.reason.%s", reason_name(r));
	return catalog_label(lang, key);
}

static void
report_dl_item(struct report_ctx *c, const char *key)
{
	fprintf(c->out, "<dt>%s</dt><dd>", L(c, key));
}

static void
report_set(struct report_ctx *c, const json_t *set, const char *none)
{
	const char *key;
	json_t *v;
	int first = 1;

	json_object_foreach((json_t *)set, key, v) {
		(void)v;
		if (!first)
			fputs(", ", c->out);
		html_text(c->out, key);
		first = 0;
	}
	if (first)
		fputs(none, c->out);
}

/* `probe --html`: one address and nothing else. */
static bool
report_is_single(const struct agg *a)
{
	return a->nrows == 1 && a->ndetails == 1 && a->dlv.total == 0;
}

/* One item of the page's head naming files: key, or key_n for several. */
static void
report_files(struct report_ctx *c, const struct strlist *l, const char *key,
    const char *key_n)
{
	size_t i;

	if (l == NULL || l->n == 0)
		return;
	report_dl_item(c, l->n == 1 ? key : key_n);
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			fputs(L(c, "p.comma"), c->out);
		html_text(c->out, l->v[i]);
	}
	fputs("</dd>\n", c->out);
}

/*
 * The files the page was made from.  Of results, the list a sales person
 * checked (as verify's FILE.meta names it) comes first: the results file
 * given to the report is not that list, and naming it "input" made the
 * page seem to be about another file.
 */
static void
report_inputs(struct report_ctx *c, const struct report_meta *m,
    bool results)
{
	if (m == NULL)
		return;
	if (!results) {
		report_files(c, m->inputs, "report.input", "report.inputs");
		return;
	}
	report_files(c, m->lists, "report.list", "report.lists");
	report_files(c, m->inputs, "report.results_file",
	    "report.results_files");
}

/* Links to the sections this page has, and only those. */
static void
report_nav(struct report_ctx *c)
{
	const struct agg *a = c->agg;

	fputs("<nav>", c->out);
	if (a->senders_total > 0)
		fprintf(c->out, "<a href=\"#sender\">%s</a> ", L(c, "sender.title"));
	if (a->nrows > 0) {
		fprintf(c->out, "<a href=\"#summary\">%s</a> <a href=\"#todo\">"
		    "%s</a> ", L(c, "report.summary"),
		    L(c, "report.what_to_do_first"));
		if (a->roles > 0)
			fprintf(c->out, "<a href=\"#roles\">%s</a> ",
			    L(c, "report.roles_title"));
		if (a->group[GROUP_TESTER] > 0)
			fprintf(c->out, "<a href=\"#tester\" class=\"self-t\">"
			    "%s</a> ", L(c, "report.tester_nav"));
		fprintf(c->out, "<a href=\"#domains\">%s</a> <a href=\""
		    "#addresses\">%s</a> <a href=\"#paths\">%s</a> ",
		    L(c, "report.domains"), L(c, "report.addresses_title"),
		    L(c, "report.paths"));
	}
	if (a->bnc.messages > 0)
		fprintf(c->out, "<a href=\"#bounces\">%s</a> ",
		    L(c, "bnc.title"));
	if (a->dlv.total > 0)
		fprintf(c->out, "<a href=\"#delivered\">%s</a> ",
		    L(c, "dlv.nav"));
	fputs("</nav>\n<main>\n", c->out);
}

/*
 * "6 addresses, " or, for an unfinished run, "5 of 6 addresses checked,
 * 1 not checked yet, ": the list's size, never the checked part's alone.
 * Rows that repeat an earlier row's address are counted (each row has its
 * result) and said, so the count of rows is not read as people probed.
 */
static void
report_total(struct report_ctx *c)
{
	const struct agg *a = c->agg;

	if (c->unchecked == 0) {
		html_count(c->out, a->nrows);
		fputc(' ', c->out);
		html_fmt_counts(c->out, c->lang, "report.addresses", 1,
		    &a->nrows);
	} else {
		fputs("<span class=\"bad-t\">", c->out);
		html_fmt_counts(c->out, c->lang, "report.unf_totals", 3,
		    (const size_t[]){ a->nrows, a->nrows + c->unchecked,
		    c->unchecked });
		fputs("</span>", c->out);
	}
	if (a->duplicates > 0)
		html_fmt_counts(c->out, c->lang, "report.repeated", 1,
		    &a->duplicates);
	fputs(L(c, "p.comma"), c->out);
}

/*
 * Whether the catch-all check ran, said truly: a run stopped before any
 * address reached SMTP has no record with catch_all set, yet its check
 * was on; records of probe --json without a meta may not say.  Each
 * input file counts once (report_meta); without m, the records alone.
 */
static const char *
report_catch_all_key(const struct agg *a, const struct report_meta *m)
{
	if (m == NULL)
		return a->catch_all_checked ? "report.on" : "report.unknown";
	if (m->catch_all_unsaid > 0)
		return "report.unknown";
	if (m->catch_all_on > 0 && m->catch_all_off > 0)
		return "report.on_some";
	return m->catch_all_off > 0 ? "report.off" : "report.on";
}

/*
 * The page's head: what it answers, when it was made, and for probe
 * records when and from where they were checked.  A page of bounces and
 * delivered messages only (explain records) has no probe to describe.
 */
static void
report_header(struct report_ctx *c, const char *title,
    const struct report_meta *m)
{
	const struct agg *a = c->agg;
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	size_t i, named;	/* domains by name: not the group of
				 * addresses without one (bad syntax) */
	bool read_only = a->nrows == 0 && a->senders_total == 0 &&
	    (a->bnc.messages > 0 || a->dlv.total > 0);

	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("<header>\n<h1>", c->out);
	html_text(c->out, title);
	fprintf(c->out, "</h1>\n<p class=\"sub\">%s</p>\n<dl class=\"meta\">\n",
	    L(c, read_only ? "report.subtitle_read" : "report.subtitle"));
	report_dl_item(c, "report.generated");
	html_time(c->out, now);
	fputs("</dd>\n", c->out);
	if (read_only) {
		report_inputs(c, m, false);
		fputs("</dl>\n</header>\n", c->out);
		report_nav(c);
		return;
	}
	report_dl_item(c, "report.probed");
	if (a->first_at[0] != '\0') {
		html_time(c->out, a->first_at);
		/* shown to the second: a range within one second is one time */
		if (strncmp(a->first_at, a->last_at, 19) != 0) {
			fputs(" – ", c->out);
			html_time(c->out, a->last_at);
		}
	} else
		fputs(L(c, "report.unknown"), c->out);
	fputs("</dd>\n", c->out);
	report_dl_item(c, "report.source_ip");
	if (json_object_size(a->proxies) == 0)
		report_set(c, a->source_ips, L(c, "report.unknown"));
	else {
		if (json_object_size(a->source_ips) > 0) {
			report_set(c, a->source_ips, "");
			fputs(L(c, "p.semi"), c->out);
		}
		fprintf(c->out, "%s ", L(c, "report.via_proxy"));
		report_set(c, a->proxies, "");
	}
	fputs("</dd>\n", c->out);
	report_dl_item(c, "report.options");
	fprintf(c->out, "%s ", L(c, "report.port"));
	report_set(c, a->ports, "25");
	fprintf(c->out, "%s%s%s</dd>\n", L(c, "p.semi"),
	    L(c, "report.catch_all_check"),
	    L(c, report_catch_all_key(a, m)));
	report_inputs(c, m, true);
	report_dl_item(c, "report.totals");
	report_total(c);
	for (i = named = 0; i < a->ndomains; i++)
		named += a->domains[i].name[0] != '\0';
	html_count(c->out, named);
	fputc(' ', c->out);
	html_fmt_counts(c->out, c->lang, "report.domains_n", 1, &named);
	if ((m != NULL && m->bad_lines > 0) || a->unusable > 0) {
		fprintf(c->out, "%s<span class=\"bad-t\">%s", L(c, "p.semi"),
		    L(c, "report.skipped_lines"));
		html_count(c->out, m != NULL ? m->bad_lines : a->unusable);
		fputs("</span>", c->out);
	}
	fputs("</dd>\n</dl>\n</header>\n", c->out);
	if (report_is_single(a)) {
		fputs("<main>\n", c->out);
		return;
	}
	report_nav(c);
}

static void
report_card(struct report_ctx *c, const char *cls, const char *key,
    size_t n)
{
	/* out of the whole list: an unfinished run's unchecked addresses too */
	size_t total = c->agg->nrows + c->unchecked;

	fprintf(c->out, "<div class=\"card %s\"><div class=\"n\">", cls);
	html_count(c->out, n);
	fprintf(c->out, "</div><div class=\"t\">%s</div><div class=\"p\">"
	    "%.1f%%</div></div>\n", L(c, key), total ? 100.0 * (double)n /
	    (double)total : 0.0);
}

static void
report_summary(struct report_ctx *c)
{
	const struct agg *a = c->agg;

	fprintf(c->out, "<section id=\"summary\">\n<h2>%s</h2>\n"
	    "<div class=\"cards\">\n", L(c, "report.summary"));
	report_card(c, html_group_class(GROUP_OK), "report.card_ok",
	    a->group[GROUP_OK]);
	report_card(c, html_group_class(GROUP_NO), "report.card_bad",
	    a->group[GROUP_NO]);
	report_card(c, html_group_class(GROUP_UNSURE), "report.card_warn",
	    a->group[GROUP_UNSURE]);
	if (a->group[GROUP_TESTER] > 0)
		report_card(c, html_group_class(GROUP_TESTER), "report.card_self",
		    a->group[GROUP_TESTER]);
	if (c->unchecked > 0)
		report_card(c, "info", "report.card_unchecked", c->unchecked);
	fputs("</div>\n", c->out);
	if (a->summary_apart > 0)
		fprintf(c->out, "<p class=\"note\">%s</p>\n",
		    L(c, "report.cards_vs_summary"));
	chart_summary(c->out, a, c->unchecked, c->lang);
	fputs("</section>\n", c->out);
}

/*
 * A domain as its owner writes it: an IDN's U-label (例子.测试), which the
 * reader can read, then the A-label the records use; "" is no domain.
 */
void
report_domain(struct report_ctx *c, const char *name)
{
	char *uni;

	if (*name == '\0') {
		fputs(L(c, "report.no_domain"), c->out);
		return;
	}
	uni = address_domain_unicode(name);
	html_text(c->out, uni);
	if (strcmp(uni, name) != 0) {
		fputs(" (", c->out);
		html_text(c->out, name);
		fputc(')', c->out);
	}
	free(uni);
}

/*
 * Up to REPORT_CAUSE_DOMAINS domains of a cause, most addresses first,
 * each with its addresses; the rest as how many domains and addresses
 * (it said "others: 292" after counts of addresses, and 292 were domains).
 */
static void
report_cause_domains(struct report_ctx *c, const json_t *domains)
{
	const char *best[REPORT_CAUSE_DOMAINS], *key;
	json_int_t cnt[REPORT_CAUSE_DOMAINS], n, rest = 0;
	size_t nbest = 0, i, k, total = json_object_size(domains);
	json_t *v;

	json_object_foreach((json_t *)domains, key, v) {
		n = json_integer_value(v);
		rest += n;
		for (i = 0; i < nbest; i++)
			if (n > cnt[i] || (n == cnt[i] && strcmp(key, best[i]) < 0))
				break;
		if (i == REPORT_CAUSE_DOMAINS)
			continue;
		if (nbest < REPORT_CAUSE_DOMAINS)
			nbest++;
		for (k = nbest - 1; k > i; k--) {
			best[k] = best[k - 1];
			cnt[k] = cnt[k - 1];
		}
		best[i] = key;
		cnt[i] = n;
	}
	fprintf(c->out, "<p class=\"doms\">%s", L(c, "report.cause_domains"));
	for (i = 0; i < nbest; i++) {
		if (i > 0)
			fputs(L(c, "p.comma"), c->out);
		report_domain(c, best[i]);
		fprintf(c->out, "%s%lld%s", L(c, "p.open"), (long long)cnt[i],
		    L(c, "p.close"));
		rest -= cnt[i];
	}
	if (total > nbest) {
		fputs(L(c, "p.semi"), c->out);
		html_fmt_counts(c->out, c->lang, "report.cause_others", 2,
		    (const size_t[]){ total - nbest, rest > 0 ? (size_t)rest : 0 });
	}
	fputs("</p>\n", c->out);
}

/*
 * Why: "王经理 <bob@ok.test>" or "alice＠ok。test" was checked as the address
 * cleaned out of it; the list's owner sees the cell beside that address,
 * not only in the records' normalized field.
 */
void
report_cell_read(struct report_ctx *c, const struct agg_row *r)
{
	if (r->given == NULL)
		return;
	fprintf(c->out, "<br><small>%s <kbd>", L(c, "report.cell_read"));
	html_text(c->out, r->given);
	fputs("</kbd></small>", c->out);
}

/*
 * Row i's address, linked to its path section when it has one; a row
 * without an address says so (in italics in the table, where a cell
 * would otherwise look empty).
 */
bool
report_path_link(struct report_ctx *c, size_t i)
{
	if (!c->agg->rows[i].detail)
		return false;
	fprintf(c->out, "<a href=\"#a%zu\">", i);
	return true;
}

void
report_address(struct report_ctx *c, size_t i, int italic)
{
	const struct agg_row *r = &c->agg->rows[i];
	bool linked = report_path_link(c, i);

	if (*r->address) {
		fputs("<kbd>", c->out);
		html_text(c->out, r->address);
		fputs("</kbd>", c->out);
	} else {
		fputs(italic ? "<i>" : "", c->out);
		html_text(c->out, L(c, "report.empty_address"));
		fputs(italic ? "</i>" : "", c->out);
	}
	if (linked)
		fputs("</a>", c->out);
}

/* A typo's fix, where the reader decides what to do. */
void
report_suggestion(struct report_ctx *c, const struct agg_row *r)
{
	if (r->suggestion == NULL)
		return;
	fprintf(c->out, "<br><small class=\"warn-t\">%s ",
	    L(c, "report.did_you_mean"));
	html_text(c->out, r->suggestion);
	fputs("</small>", c->out);
}

/* One address of a list under a heading (a cause, the shared mailboxes):
 * its customer when the list names one, its row, its cell, a typo's fix. */
static void
report_who(struct report_ctx *c, size_t i)
{
	const struct agg *a = c->agg;
	const struct agg_row *r = &a->rows[i];
	const char *who = agg_customer(a, r, 0);

	fputs("<li>", c->out);
	if (*who) {
		fputs("<b><kbd>", c->out);
		html_text(c->out, who);
		fputs("</kbd></b> ", c->out);
	}
	report_address(c, i, 0);
	if (r->rownum >= 0)
		fprintf(c->out, " <small>%s %lld</small>",
		    L(c, "report.row"), r->rownum);
	report_cell_read(c, r);
	report_suggestion(c, r);
}

/* The first addresses of a cause, named by their customer when the list had one. */
static void
report_cause_rows(struct report_ctx *c, const struct agg_cause *k)
{
	size_t i;

	fprintf(c->out, "<ul class=\"who\">");
	for (i = 0; i < k->nrows; i++) {
		report_who(c, k->rows[i]);
		fputs("</li>", c->out);
	}
	if (k->count > k->nrows) {
		fprintf(c->out, "<li class=\"more\">%s", L(c, "report.others"));
		html_count(c->out, k->count - k->nrows);
		fputs("</li>", c->out);
	}
	fputs("</ul>\n", c->out);
}

/*
 * The shared mailboxes (the records' role) that mail can reach, or may,
 * in the list's order, each with its result: "can receive mail" for
 * info@customer.com reaches a shared inbox, not the buyer.
 */
static void
report_roles(struct report_ctx *c)
{
	const struct agg *a = c->agg;
	const struct agg_row *r;
	size_t i, shown = 0;

	if (a->roles == 0)
		return;
	fprintf(c->out, "<section id=\"roles\">\n<h2>%s</h2>\n<p>",
	    L(c, "report.roles_title"));
	html_fmt_counts(c->out, c->lang, "report.roles_intro", 1, &a->roles);
	fputs("</p>\n<ul class=\"who\">", c->out);
	for (i = 0; i < a->nrows && shown < REPORT_ROLE_ROWS; i++) {
		r = &a->rows[a->row_order[i]];
		if (!agg_role_counted(r))
			continue;
		report_who(c, a->row_order[i]);
		fprintf(c->out, " <span class=\"chip %s\">", html_verdict_class(
		    r->verdict, r->reason));
		html_text(c->out, catalog_verdict_label(c->lang, r->verdict));
		fputs("</span></li>", c->out);
		shown++;
	}
	if (a->roles > shown) {
		fprintf(c->out, "<li class=\"more\">%s", L(c, "report.others"));
		html_count(c->out, a->roles - shown);
		fputs("</li>", c->out);
	}
	fputs("</ul>\n</section>\n", c->out);
}

static void
report_cause(struct report_ctx *c, const struct agg_cause *k)
{
	const char *cls = html_verdict_class(k->verdict, k->reason), *own;
	char *expl;

	fprintf(c->out, "<li class=\"cause %s\" data-v=\"%s\" "
	    "data-r=\"%s\"><div class=\"cn\"><b>", cls,
	    verdict_name(k->verdict), reason_name(k->reason));
	html_count(c->out, k->count);
	fputs("</b>", c->out);
	html_fmt_counts(c->out, c->lang, "report.addresses", 1, &k->count);
	fprintf(c->out, "</div><div class=\"cb\"><h3><span "
	    "class=\"chip %s\">", cls);
	html_text(c->out, catalog_verdict_label(c->lang, k->verdict));
	fputs("</span> ", c->out);
	html_text(c->out, report_reason_label(c->lang, k->reason));
	if (k->blocklist != NULL) {
		fputs(" — <code>", c->out);
		html_text(c->out, k->blocklist);
		fputs("</code>", c->out);
	}
	fputs("</h3>\n<p>", c->out);
	own = k->own_address != NULL ? result_explain_own(k->verdict,
	    k->reason, k->own_address, k->own_domain, c->lang) : NULL;
	expl = own != NULL ? xstrdup(own) : catalog_explain(c->lang,
	    k->verdict, k->reason, k->blocklist);
	html_text(c->out, expl);
	free(expl);
	fputs("</p>\n", c->out);
	report_cause_rows(c, k);
	report_cause_domains(c, k->domains);
	fputs("</div></li>\n", c->out);
}

/*
 * The tester's problems when every one is that no server could be reached
 * from where the check ran (port 25 blocked on this network, the --proxy
 * unreachable, refusing the login or port 25): no server refused anything,
 * so the refusals' words (its IP, its HELO name, its sender address) and
 * their fixes do not fit; each cause below says its own fix.
 */
static void
report_tester_unreached(struct report_ctx *c)
{
	fprintf(c->out, "<section id=\"tester\" class=\"self\">\n"
	    "<h2>%s</h2>\n<p>%s</p>\n", L(c, "report.tester_title"),
	    L(c, "report.tester_intro_unreached"));
}

/*
 * The causes, most addresses first: those about the addresses under "what
 * to do first", those about where the check ran from (tester) in a section
 * of their own, with the fix, so nobody blames the customer for them.
 */
static void
report_causes(struct report_ctx *c, bool tester)
{
	const struct agg *a = c->agg;
	const struct agg_cause *k;
	size_t i, shown = 0, left = 0;

	if (tester) {
		if (a->group[GROUP_TESTER] == 0)
			return;
		if (a->tester[VERDICT_UNREACHABLE] == a->group[GROUP_TESTER])
			report_tester_unreached(c);
		else
			fprintf(c->out, "<section id=\"tester\" class=\"self\">"
			    "\n<h2>%s</h2>\n<p>%s</p>\n<ul class=\"fix\"><li>%s"
			    "</li><li>%s</li><li>%s</li></ul>\n",
			    L(c, "report.tester_title"),
			    L(c, "report.tester_intro"),
			    L(c, "report.tester_fix_server"),
			    L(c, "report.tester_fix_helo"),
			    L(c, "report.tester_fix_from"));
	} else {
		fprintf(c->out, "<section id=\"todo\">\n<h2>%s</h2>\n",
		    L(c, "report.what_to_do_first"));
		if (a->nrows == a->group[GROUP_OK] + a->group[GROUP_TESTER]) {
			/* not "every address" while some are not checked */
			fprintf(c->out, "<p class=\"allgood\">%s</p>\n"
			    "</section>\n", L(c, c->unchecked > 0 ?
			    "report.nothing_to_do_yet" : "report.nothing_to_do"));
			return;
		}
	}
	fputs("<ol class=\"causes\">\n", c->out);
	for (i = 0; i < a->ncauses; i++) {
		k = &a->causes[i];
		if ((verdict_group(k->verdict, k->reason) == GROUP_TESTER) !=
		    tester)
			continue;
		if (shown++ < REPORT_CAUSE_MAX)
			report_cause(c, k);
		else
			left++;
	}
	fputs("</ol>\n", c->out);
	if (left > 0) {
		fprintf(c->out, "<p>%s ", L(c, "report.more_causes"));
		html_count(c->out, left);
		fputs("</p>\n", c->out);
	}
	fputs("</section>\n", c->out);
}

/* An MX host's DNSSEC status and whether DANE applies to it. */
static void
report_domain_dnssec(struct report_ctx *c, const json_t *h)
{
	const char *sec = json_string_value(json_object_get(h, "dnssec"));
	const char *dane = json_string_value(json_object_get(h, "dane"));
	char key[48];

	if (sec == NULL || strcmp(sec, "indeterminate") == 0)
		return;
	snprintf(key, sizeof(key), "report.dnssec.%s", strcmp(sec, "secure") == 0 ?
	    "secure" : strcmp(sec, "bogus") == 0 ? "bogus" : "insecure");
	fprintf(c->out, "<br>%s", L(c, key));
	if (dane != NULL && (strcmp(dane, "applies") == 0 ||
	    strcmp(dane, "ignored") == 0 || strcmp(dane, "bogus") == 0)) {
		snprintf(key, sizeof(key), "report.dane.%s", dane);
		fprintf(c->out, " · %s", L(c, key));
	}
}

static void
report_domain_mx(struct report_ctx *c, const json_t *mx)
{
	const json_t *h, *ip;
	size_t i, k;

	if (json_array_size(mx) == 0) {
		fputs("—", c->out);
		return;
	}
	fputs("<ul class=\"mx\">", c->out);
	json_array_foreach(mx, i, h) {
		fputs("<li>", c->out);
		if (json_is_integer(json_object_get(h, "preference")))
			fprintf(c->out, "<span class=\"pref\">%lld</span> ",
			    (long long)json_integer_value(json_object_get(h,
			    "preference")));
		else
			fprintf(c->out, "<span class=\"pref\">%s</span> ",
			    L(c, "report.implicit_mx"));
		html_member(c->out, h, "host", "?");
		fputs("<br><small>", c->out);
		json_array_foreach(json_object_get(h, "addresses"), k, ip) {
			if (k > 0)
				fputs(", ", c->out);
			html_text(c->out, json_string_value(ip));
		}
		if (json_is_true(json_object_get(h, "more_addresses")))
			fputs(", …", c->out);
		if (json_array_size(json_object_get(h, "addresses")) == 0)
			fputs(L(c, "report.no_addresses"), c->out);
		report_domain_dnssec(c, h);
		fputs("</small></li>", c->out);
	}
	fputs("</ul>", c->out);
}

static void
report_domain_tls(struct report_ctx *c, const struct agg_domain *d)
{
	const json_t *t = d->tls;
	enum cert_trust trust;

	if (t == NULL) {
		fputs(L(c, d->sessions ? "report.no_tls" : "report.not_reached"),
		    c->out);
		return;
	}
	html_member(c->out, t, "version", "TLS");
	fputs("<br>", c->out);
	trust = html_cert_trust(t);
	if (trust == CERT_VERIFIED)
		fprintf(c->out, "<span class=\"ok-t\">%s</span>",
		    L(c, html_cert_key(trust)));
	else if (trust == CERT_ISSUER_ONLY)
		fprintf(c->out, "<span class=\"warn-t\">%s%s%s</span>",
		    L(c, html_cert_key(trust)), L(c, "p.comma"),
		    L(c, "report.name_mismatch"));
	else {
		fprintf(c->out, "<span class=\"warn-t\">%s</span>",
		    L(c, html_cert_key(trust)));
		if (json_is_string(json_object_get(t, "verify_error"))) {
			fputs(L(c, "p.open"), c->out);
			html_tr(c->out, c->lang, json_string_value(
			    json_object_get(t, "verify_error")));
			fputs(L(c, "p.close"), c->out);
		}
	}
	if (json_is_string(json_object_get(t, "not_after"))) {
		fprintf(c->out, "<br>%s ", L(c, "report.expires"));
		html_time(c->out, json_string_value(json_object_get(t,
		    "not_after")));
	}
	fprintf(c->out, "<br><small>%s%zu / %zu</small>",
	    L(c, "report.tls_sessions"), d->tls_sessions,
	    d->sessions > d->tls_sessions ? d->sessions : d->tls_sessions);
	if (d->dane >= 0)
		fprintf(c->out, "<br><span class=\"%s\">%s</span>",
		    d->dane ? "ok-t" : "warn-t",
		    L(c, d->dane ? "report.dane.satisfied" : "report.dane.failed"));
	if (d->sts_mode > 0)
		fprintf(c->out, "<br><span class=\"%s\">%s</span>",
		    d->sts_ok == 0 ? "warn-t" : "ok-t",
		    L(c, d->sts_mode == 2 ? (d->sts_ok == 0 ?
		    "report.sts.enforce_failed" : "report.sts.enforce") :
		    "report.sts.testing"));
}

static void
report_domain_latency(struct report_ctx *c, const struct agg_domain *d)
{
	static const enum stage order[] = { STAGE_DNS, STAGE_CONNECT,
	    STAGE_BANNER, STAGE_EHLO, STAGE_STARTTLS, STAGE_MAIL, STAGE_RCPT };
	size_t i;
	long m;
	int any = 0;

	fputs("<ul class=\"lat\">", c->out);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		m = agg_median(&d->lat[order[i]]);
		if (m < 0)
			continue;
		fprintf(c->out, "<li>%s <b>%ld</b> %s</li>",
		    waterfall_stage_label(c->lang, stage_name(order[i])), m,
		    L(c, "unit.ms"));
		any = 1;
	}
	fputs("</ul>", c->out);
	if (!any)
		fputs("—", c->out);
}

static void
report_domains(struct report_ctx *c)
{
	const struct agg *a = c->agg;
	const struct agg_domain *d;
	static const char *const cols[] = { "report.count", "report.results",
	    "report.mail_servers", "report.tls", "report.typical_time" };
	size_t i;
	int v;

	/* on a phone each domain becomes a card (table.stack: a cell's <div>
	 * beside its label), as the address table: six columns do not fit
	 * 390 px */
	fputs("<style>@media (max-width:720px){", c->out);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		html_cell_label(c->out, "#domains", i + 2, L(c, cols[i]));
	fputs("}</style>\n", c->out);
	fprintf(c->out, "<section id=\"domains\">\n<h2>%s</h2>\n"
	    "<div class=\"scroll\"><table class=\"domains stack\"><thead><tr>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr></thead><tbody>\n", L(c, "report.domains"),
	    L(c, "report.domain"), L(c, "report.count"),
	    L(c, "report.results"), L(c, "report.mail_servers"),
	    L(c, "report.tls"), L(c, "report.typical_time"));
	for (i = 0; i < a->ndomains && i < c->domain_max; i++) {
		d = &a->domains[a->domain_order[i]];
		fputs("<tr><td class=\"dn\">", c->out);
		report_domain(c, d->name);
		fputs("</td><td class=\"n\"><div>", c->out);
		html_count(c->out, d->total);
		fputs("</div></td><td><div>", c->out);
		for (v = 0; v < VERDICT__LAST; v++) {
			if (d->count[v] == 0)
				continue;
			fprintf(c->out, "<span class=\"chip %s\">",
			    html_verdict_class(v, REASON_UNKNOWN));
			html_text(c->out, catalog_verdict_label(c->lang, v));
			fprintf(c->out, " %zu</span> ", d->count[v]);
		}
		/* as the chart: never under the verdict the server gave */
		if (d->tester > 0) {
			fprintf(c->out, "<span class=\"chip %s\">",
			    html_group_class(GROUP_TESTER));
			html_text(c->out, L(c, "report.card_self"));
			fprintf(c->out, " %zu</span> ", d->tester);
		}
		fputs("</div></td><td><div>", c->out);
		report_domain_mx(c, d->mx);
		fputs("</div></td><td><div>", c->out);
		report_domain_tls(c, d);
		fputs("</div></td><td><div>", c->out);
		report_domain_latency(c, d);
		fputs("</div></td></tr>\n", c->out);
	}
	fputs("</tbody></table></div>\n", c->out);
	if (a->ndomains > c->domain_max) {
		fprintf(c->out, "<p>%s ", L(c, "report.more_domains"));
		html_count(c->out, a->ndomains - c->domain_max);
		fputs("</p>\n", c->out);
	}
	fputs("</section>\n", c->out);
}


static void
report_paths(struct report_ctx *c)
{
	const struct agg *a = c->agg;
	size_t i;
	int pass;

	fprintf(c->out, "<section id=\"paths\">\n<h2>%s</h2>\n<p class=\"note\">"
	    "%s ", L(c, "report.paths"), L(c, "report.paths_shown"));
	html_count(c->out, a->ndetails);
	fputs(" / ", c->out);
	html_count(c->out, a->nrows);
	fputs("</p>\n", c->out);
	/* Failed addresses first, then the deliverable ones, each in input order. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->ndetails; i++)
			if ((a->rows[a->details[i].row].verdict ==
			    VERDICT_DELIVERABLE) == pass)
				waterfall_article(c->out, a->details[i].rec,
				    a->details[i].row, c->lang);
	fputs("</section>\n", c->out);
}

/*
 * `probe --html`: one address needs no summary, tables or filters: its
 * verdict, what to do (the tester's fix when the check itself was
 * refused) and its path.
 */
static void
report_single(struct report_ctx *c)
{
	const struct agg *a = c->agg;

	fprintf(c->out, "<section id=\"one\" class=\"one\">\n");
	waterfall_article(c->out, a->details[0].rec, a->details[0].row, c->lang);
	fputs("</section>\n", c->out);
	report_causes(c, true);
}

/* `mxtrace sender` records first: whether our own side is the problem
 * comes before what happened to each address. */
static void
report_senders(struct report_ctx *c)
{
	const json_t *rec;
	const char *vals[1];
	char n[24];
	size_t i;

	json_array_foreach(c->agg->senders, i, rec)
		sndreport_html(c->out, rec, c->lang);
	if (c->agg->senders_total > json_array_size(c->agg->senders)) {
		snprintf(n, sizeof(n), "%zu", c->agg->senders_total -
		    json_array_size(c->agg->senders));
		vals[0] = n;
		fputs("<p class=\"sub\">", c->out);
		html_fmt(c->out, c->lang, "report.sender_more", 1, vals);
		fputs("</p>\n", c->out);
	}
}

int
report_render(FILE *out, const struct agg *a, const struct report_opts *o,
    const struct report_meta *m)
{
	struct report_ctx c;
	const char *title;

	c.out = out;
	c.agg = a;
	c.lang = o->lang;
	c.detail_max = o->detail_max ? o->detail_max : REPORT_DETAIL_MAX;
	c.page_rows = o->page_rows ? o->page_rows : REPORT_PAGE_ROWS;
	c.domain_max = o->domain_max ? o->domain_max : REPORT_DOMAIN_MAX;
	c.full_rows = o->full_rows ? o->full_rows : REPORT_FULL_ROWS;
	c.unchecked = m != NULL && m->unf != NULL ? m->unf->missing : 0;
	/* a page of bounces, delivered messages or sender checks alone
	 * reports what was read, not a check of addresses */
	title = o->title ? o->title : L(&c, a->nrows > 0 || c.unchecked > 0 ?
	    "report.title" : "report.title.read");

	html_head(out, c.lang, title);
	report_header(&c, title, m);
	unf_html(out, m != NULL ? m->unf : NULL, a->nrows, c.lang);
	report_senders(&c);
	if (a->nrows == 0 && a->dlv.total == 0 && a->bnc.messages == 0 &&
	    a->senders_total == 0)
		fprintf(out, "<section id=\"summary\"><h2>%s</h2><p class=\""
		    "empty\">%s</p></section>\n", L(&c, "report.summary"),
		    L(&c, "report.nothing"));
	else if (report_is_single(a))
		report_single(&c);
	else if (a->nrows > 0) {
		report_summary(&c);
		report_causes(&c, false);
		report_roles(&c);
		report_causes(&c, true);
		report_domains(&c);
		report_addresses(&c);
		report_paths(&c);
	}
	bncrep_html(out, &a->bnc, c.lang);
	dlvrep_html(out, &a->dlv, c.lang);
	fprintf(out, "</main>\n<footer>%s mxtrace %s%s%s</footer>\n",
	    L(&c, "report.made_by"), MXTRACE_VERSION, L(&c, "p.stop"),
	    L(&c, "report.offline"));
	html_script(out);
	fputs("</body>\n</html>\n", out);
	fflush(out);
	return ferror(out) ? -1 : 0;
}

int
report_write_html(FILE *out, const json_t *const *records, size_t n,
    const struct report_opts *o, bool catch_all_check)
{
	struct report_meta m = { NULL, NULL, 0, NULL, catch_all_check,
	    !catch_all_check, 0 };
	struct agg *a;
	size_t i;
	int rc;

	a = agg_new(o->detail_max ? o->detail_max : REPORT_DETAIL_MAX);
	for (i = 0; i < n; i++)
		if (json_is_object(records[i]))
			agg_add(a, (json_t *)records[i]);
	agg_finish(a);
	rc = report_render(out, a, o, &m);
	agg_free(a);
	return rc;
}
