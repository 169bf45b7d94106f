/*
 * bncreport.c - the "Bounces" section of the report, from the JSON of
 * `mxtrace explain` (docs/json.md, "Explain records").
 *
 * Public: bncrep_init(), bncrep_add(), bncrep_free(), bncrep_html().
 *
 * Every field comes from an input file: only known reasons, sides and
 * kinds are counted (a file cannot grow those sets), domains and days are
 * bounded (BNCREP_DOMAINS_MAX, BNCREP_DAYS_MAX; the rest counted apart, as
 * are recipients with no address, no date or a date in the future: no
 * key a file writes can pass for one of those), every string is written
 * with html_text.  The day of a bounce is its original message's Date
 * (GMime reads RFC 5322 dates), else the recipient's Last-Attempt-Date,
 * else the report's own Date (a pasted bounce keeps only that).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "explain/complaint.h"
#include "explain/explain.h"
#include "reports/bncreport.h"
#include "reports/html.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

void
bncrep_init(struct bncrep *r)
{
	memset(r, 0, sizeof(*r));
	r->reasons = json_object();
	r->domains = json_object();
	r->days = json_object();
	r->rows = json_array();
	r->ours = json_object();
	r->now = time(NULL);
}

void
bncrep_free(struct bncrep *r)
{
	json_decref(r->reasons);
	json_decref(r->domains);
	json_decref(r->days);
	json_decref(r->rows);
	json_decref(r->ours);
	memset(r, 0, sizeof(*r));
}

static const char *
br_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The member, or JSON null when it is absent (for json_pack's "O"). */
static json_t *
br_or_null(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v != NULL ? v : json_null();
}

/* One more of key in o; past max distinct keys, one more in *other. */
static void
br_count(json_t *o, const char *key, size_t max, size_t *other)
{
	json_int_t n = json_integer_value(json_object_get(o, key));

	if (n == 0 && json_object_size(o) >= max) {
		(*other)++;
		return;
	}
	json_object_set_new(o, key, json_integer(n + 1));
}

/*
 * YYYY-MM-DD of an RFC 5322 date, in buf: 1; 2 when it is later than the
 * day after now (a wrong clock, not a day to count); 0 when it is no
 * date.  The day is the one the date names in its own zone: the original's
 * Date is written by the sender's own mail program, so a message sent at
 * 07:00 in Beijing (+0800) counts on the day the sender saw, not on the
 * day before as in UTC.
 */
static int
br_day(const char *date, time_t now, char *buf, size_t n)
{
	GDateTime *dt;
	int future;

	if (date == NULL || (dt = g_mime_utils_header_decode_date(date)) ==
	    NULL)
		return 0;
	future = g_date_time_to_unix(dt) > (gint64)now + 24 * 3600;
	(void)snprintf(buf, n, "%04d-%02d-%02d", g_date_time_get_year(dt),
	    g_date_time_get_month(dt), g_date_time_get_day_of_month(dt));
	g_date_time_unref(dt);
	return future ? 2 : 1;
}

/* The domain of the bounced message's From (the advice's `mxtrace sender
 * DOMAIN`), else of a complaint's envelope sender, counted: only a plain
 * host name is kept. */
static void
br_ours(struct bncrep *r, const json_t *rec)
{
	const char *from = br_str(json_object_get(rec, "original"), "from"),
	    *at;
	char dom[256];
	size_t n = 0, past = 0;

	if (from == NULL)
		from = br_str(json_object_get(rec, "complaint"),
		    "original_mail_from");
	at = from != NULL ? strrchr(from, '@') : NULL;

	if (at == NULL)
		return;
	for (at++; at[n] != '\0' && n + 1 < sizeof(dom) &&
	    (g_ascii_isalnum(at[n]) || at[n] == '-' || at[n] == '.'); n++)
		dom[n] = g_ascii_tolower(at[n]);
	dom[n] = '\0';
	if (n > 0 && strchr(dom, '.') != NULL)
		br_count(r->ours, dom, BNCREP_DOMAINS_MAX, &past);
}

/* What to do's group of a failed recipient: its side's, but for the two
 * reasons on our side whose fix is not our set-up's (bncreport.h). */
static size_t
br_group(const char *reason, const char *side)
{
	if (strcmp(reason, "feedback") == 0)
		return BNCREP_COMPLAINTS;
	if (strcmp(reason, "too_many_recipients") == 0)
		return BNCREP_SPLIT;
	return (size_t)side_from_name(side);
}

/* A group's name: its side's, or the reason it stands for. */
static const char *
br_group_name(size_t g)
{
	if (g == BNCREP_COMPLAINTS)
		return "feedback";
	if (g == BNCREP_SPLIT)
		return "too_many_recipients";
	return side_name((enum side)g);
}

int
bncrep_add(struct bncrep *r, json_t *rec)
{
	const char *kind = br_str(rec, "kind"), *reason, *side, *addr, *at;
	const json_t *x;
	char day[16];
	int k, dated;
	size_t i, uncounted = 0;

	if (br_str(rec, "record") == NULL ||
	    strcmp(br_str(rec, "record"), "explain") != 0 ||
	    (k = explain_kind_from_name(kind)) < 0 ||
	    k == EXPLAIN_DELIVERED_MESSAGE || (size_t)k >= NELEM(r->kinds))
		return -1;
	r->messages++;
	r->kinds[k]++;
	json_array_foreach(json_object_get(rec, "recipients"), i, x) {
		reason = br_str(x, "reason");
		side = br_str(x, "side");
		/* RFC 6430's not-spam mark is no failure, though its reason
		 * (feedback) is on our side */
		if (reason_from_name(reason) < 0 || side_from_name(side) < 0 ||
		    strcmp(side, "not_a_failure") == 0 ||
		    strcmp(reason, "delayed") == 0 ||
		    (strcmp(reason, "feedback") == 0 && br_str(rec,
		    "feedback_type") != NULL && strcasecmp(br_str(rec,
		    "feedback_type"), "not-spam") == 0))
			continue;
		r->failed++;
		/* reasons are known names: never past the bound */
		br_count(r->reasons, reason, REASON__LAST, &uncounted);
		if (strcmp(side, "our_side") == 0)
			br_ours(r, rec);
		r->todo[br_group(reason, side)]++;
		addr = br_str(x, "address");
		at = addr != NULL ? strrchr(addr, '@') : NULL;
		if (at != NULL && at[1] != '\0')
			br_count(r->domains, at + 1, BNCREP_DOMAINS_MAX,
			    &r->domains_other);
		else if (json_is_true(json_object_get(x, "address_unreadable")))
			r->unreadable++;
		else
			r->no_domain++;
		if ((dated = br_day(br_str(json_object_get(rec, "original"),
		    "date"), r->now, day, sizeof(day))) == 0 &&
		    (dated = br_day(br_str(x, "last_attempt"), r->now, day,
		    sizeof(day))) == 0)
			dated = br_day(br_str(rec, "date"), r->now, day,
			    sizeof(day));
		if (dated == 1)
			br_count(r->days, day, BNCREP_DAYS_MAX, &r->days_other);
		else if (dated == 2)
			r->future++;
		else
			r->undated++;
		if (json_array_size(r->rows) < BNCREP_ROWS_MAX)
			json_array_append_new(r->rows, json_pack("{s:O, s:b, "
			    "s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "address",
			    br_or_null(x, "address"), "address_unreadable",
			    json_is_true(json_object_get(x,
			    "address_unreadable")), "reason",
			    json_object_get(x, "reason"), "side",
			    json_object_get(x, "side"), "text",
			    br_or_null(x, "text"), "code", br_or_null(x,
			    "code"), "enhanced", br_or_null(x, "enhanced"),
			    "file", br_or_null(rec, "file"), "feedback_type",
			    br_or_null(rec, "feedback_type")));
	}
	return 0;
}

/* The key of counts with the largest count (by_key: the smallest key), and
 * that count in *n; NULL when counts is empty. */
static const char *
br_most(const json_t *counts, int by_key, json_int_t *n)
{
	const char *k, *best = NULL;
	json_t *v;

	*n = -1;
	json_object_foreach((json_t *)counts, k, v)
		if (best == NULL || (by_key ? strcmp(k, best) < 0 :
		    json_integer_value(v) > *n)) {
			*n = json_integer_value(v);
			best = k;
		}
	return best;
}

/*
 * What to do, group by group, most failed recipients first (a tie in the
 * groups' order, so the same bounces read the same in any file order):
 * the sentence a boss acts on (our own set-up, the list, the message, the
 * customer's server), before the tables that back it.
 */
static void
br_todo(FILE *out, const struct bncrep *r, enum lang l)
{
	const char *name, *dom;
	json_int_t dmost;
	int done[BNCREP_GROUPS] = { 0 };
	size_t g, best;
	char key[64], num[24], *text;
	const char *vals[1];

	dom = br_most(r->ours, 0, &dmost);
	fprintf(out, "<h3>%s</h3>\n<ul class=\"fix\">\n",
	    catalog_label(l, "bnc.todo"));
	for (;;) {
		for (best = BNCREP_GROUPS, g = 0; g < BNCREP_GROUPS; g++)
			if (!done[g] && r->todo[g] > 0 && (best ==
			    BNCREP_GROUPS || r->todo[g] > r->todo[best]))
				best = g;
		if (best == BNCREP_GROUPS)
			break;
		done[best] = 1;
		name = br_group_name(best);
		(void)snprintf(key, sizeof(key), "bnc.todo.%s%s", name,
		    best == SIDE_OUR_SIDE && dom != NULL ? "_domain" : "");
		text = catalog_label_with(l, catalog_label_or(l, key, NULL) ?
		    key : "bnc.todo.other", "{domain}", dom != NULL ? dom : "");
		(void)snprintf(key, sizeof(key), best >= SIDE__LAST ?
		    "report.reason.%s" : "explain.side.%s", name);
		(void)snprintf(num, sizeof(num), "%zu", r->todo[best]);
		vals[0] = num;
		/* the count after a comma, not in brackets: a side's own
		 * words may end in some ("your side (your server or domain)") */
		fputs("<li><b>", out);
		html_text(out, catalog_label_or(l, key, name));
		fputs("</b>", out);
		html_text(out, catalog_label(l, "p.comma"));
		fputs("<span class=\"n\">", out);
		html_fmt(out, l, "bnc.todo.count", 1, vals);
		fputs("</span>", out);
		html_text(out, catalog_label(l, "p.colon"));
		html_text(out, text);
		fputs("</li>\n", out);
		free(text);
	}
	fputs("</ul>\n", out);
}

/* A part's heading: on a phone the tables and cards follow one another,
 * and only a heading says where one part ends and the next begins. */
static void
br_heading(FILE *out, const char *key, enum lang l)
{
	fprintf(out, "<h3>%s</h3>\n", catalog_label(l, key));
}

/* A row counted apart from a table's keys: its label's key, its count. */
struct br_apart {
	const char	*key;
	size_t		 n;
};

static void
br_row(FILE *out, const char *label, long long n)
{
	fputs("<tr><td>", out);
	html_text(out, label);
	fprintf(out, "</td><td>%lld</td></tr>\n", n);
}

/*
 * One counts table, most frequent first (days: in date order), at most max
 * rows, then the rows counted apart that are not 0 (those not drawn are
 * added to the "others" row, apart[0]).
 */
static void
br_table(FILE *out, const json_t *counts, const char *title,
    const char *prefix, int by_key, size_t max, struct br_apart *apart,
    size_t napart, enum lang l)
{
	json_t *left = json_copy((json_t *)counts);
	const char *best, *k;
	json_int_t most;
	json_t *v;
	char key[128];
	size_t shown = 0, i;

	fprintf(out, "<table class=\"causes\"><thead><tr><th>%s</th><th>%s"
	    "</th></tr></thead><tbody>\n", title, catalog_label(l,
	    "bnc.recipients"));
	while (shown++ < max && (best = br_most(left, by_key, &most)) != NULL) {
		if (prefix != NULL) {
			(void)snprintf(key, sizeof(key), "%s%s", prefix, best);
			br_row(out, catalog_label(l, key), (long long)most);
		} else
			br_row(out, best, (long long)most);
		json_object_del(left, best);
	}
	json_object_foreach(left, k, v)
		if (napart > 0)
			apart[0].n += (size_t)json_integer_value(v);
	for (i = 0; i < napart; i++)
		if (apart[i].n > 0)
			br_row(out, catalog_label(l, apart[i].key),
			    (long long)apart[i].n);
	fputs("</tbody></table>\n", out);
	json_decref(left);
}

/* counts by YYYY-MM-DD summed by its first n bytes (YYYY-MM, YYYY); owned. */
static json_t *
br_by_prefix(const json_t *days, size_t n)
{
	json_t *out = json_object(), *v;
	const char *k;
	char key[16];

	json_object_foreach((json_t *)days, k, v) {
		(void)snprintf(key, sizeof(key), "%.*s", (int)n, k);
		json_object_set_new(out, key, json_integer(json_integer_value(
		    json_object_get(out, key)) + json_integer_value(v)));
	}
	return out;
}

/*
 * Over time, in date order: by day, or by month when that would be more
 * than BNCREP_SHOWN_MAX rows, or by year (a mailbox of years of bounces
 * is not a table of hundreds of days).
 */
static void
br_over_time(FILE *out, const json_t *days, struct br_apart *apart,
    size_t napart, enum lang l)
{
	json_t *months = br_by_prefix(days, 7), *years = br_by_prefix(days, 4);

	if (json_object_size(days) <= BNCREP_SHOWN_MAX)
		br_table(out, days, catalog_label(l, "bnc.day"), NULL, 1,
		    BNCREP_DAYS_MAX, apart, napart, l);
	else if (json_object_size(months) <= BNCREP_SHOWN_MAX)
		br_table(out, months, catalog_label(l, "bnc.month"), NULL, 1,
		    BNCREP_DAYS_MAX, apart, napart, l);
	else
		br_table(out, years, catalog_label(l, "bnc.year"), NULL, 1,
		    BNCREP_DAYS_MAX, apart, napart, l);
	json_decref(months);
	json_decref(years);
}

/* On a phone each row is a card and each cell says its column's name:
 * the names go into one style block, not into every row. */
static void
br_row_labels(FILE *out, enum lang l)
{
	static const char *const keys[] = { "bnc.address", "bnc.reason",
	    "bnc.side", "bnc.text" };
	size_t k;

	fputs("<style>@media (max-width:720px){", out);
	for (k = 0; k < NELEM(keys); k++)
		html_cell_label(out, "table.bounces", k + 1,
		    catalog_label(l, keys[k]));
	fputs("}</style>\n", out);
}

/* The server's words (the first 300 bytes); a bounce that quotes none
 * still has its codes, and a cell says so when it has nothing.  Words
 * without any code are the notice's own, said so.  A complaint's
 * "Feedback-Type: abuse" is said in words. */
static void
br_reply(FILE *out, const json_t *x, enum lang l)
{
	const char *t = br_str(x, "text"), *enh = br_str(x, "enhanced"),
	    *fb = strcmp(br_str(x, "reason"), "feedback") == 0 ?
	    complaint_meaning(l, br_str(x, "feedback_type")) : NULL;
	json_int_t code = json_integer_value(json_object_get(x, "code"));

	if (fb != NULL)
		html_text(out, fb);
	else if (t != NULL && *t != '\0') {
		if (code == 0 && (enh == NULL || *enh == '\0')) {
			html_text(out, catalog_label(l, "bnc.notice_said"));
			fputc(' ', out);
		}
		fputs("<code>", out);
		html_textn(out, t, strlen(t) > 300 ? 300 : strlen(t));
		fputs("</code>", out);
	} else if (code != 0 || (enh != NULL && *enh != '\0')) {
		fputs("<code>", out);
		if (code != 0)
			fprintf(out, "%lld%s", (long long)code, enh != NULL &&
			    *enh != '\0' ? " " : "");
		html_text(out, enh != NULL ? enh : "");
		fputs("</code>", out);
	} else
		html_text(out, catalog_label(l, "bnc.no_text"));
}

static void
br_rows(FILE *out, const struct bncrep *r, enum lang l)
{
	const json_t *x;
	char key[128];
	size_t i;

	br_row_labels(out, l);
	fprintf(out, "<table class=\"bounces\"><thead><tr><th>%s</th><th>%s"
	    "</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	    catalog_label(l, "bnc.address"), catalog_label(l, "bnc.reason"),
	    catalog_label(l, "bnc.side"), catalog_label(l, "bnc.text"));
	json_array_foreach(r->rows, i, x) {
		fputs("<tr><td>", out);
		html_text(out, br_str(x, "address") ? br_str(x, "address") :
		    catalog_label(l, json_is_true(json_object_get(x,
		    "address_unreadable")) ? "bnc.address.unreadable" :
		    "bnc.domain.none"));
		(void)snprintf(key, sizeof(key), "report.reason.%s",
		    br_str(x, "reason"));
		fputs("</td><td>", out);
		html_text(out, catalog_label(l, key));
		(void)snprintf(key, sizeof(key), "explain.side.%s",
		    br_str(x, "side"));
		fputs("</td><td>", out);
		html_text(out, catalog_label(l, key));
		fputs("</td><td>", out);
		br_reply(out, x, l);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table>\n", out);
}

void
bncrep_html(FILE *out, const struct bncrep *r, enum lang l)
{
	struct br_apart domains[] = { { "bnc.domain.other", 0 },
	    { "bnc.address.unreadable", 0 }, { "bnc.domain.none", 0 } };
	struct br_apart days[] = { { "bnc.day.other", 0 },
	    { "bnc.day.future", 0 }, { "bnc.day.none", 0 } };
	char key[64];
	size_t k;

	if (r->messages == 0)
		return;
	fprintf(out, "<section id=\"bounces\">\n<h2>%s</h2>\n",
	    catalog_label(l, "bnc.title"));
	/* what the messages are: a table like the counts below (the kinds'
	 * own words hold a colon, "A bounce: the message was not delivered") */
	fprintf(out, "<table class=\"causes\"><thead><tr><th>%s</th><th>%s"
	    "</th></tr></thead><tbody>\n", catalog_label(l, "explain.kind"),
	    catalog_label(l, "bnc.messages"));
	for (k = 0; k < NELEM(r->kinds); k++) {
		if (r->kinds[k] == 0)
			continue;
		(void)snprintf(key, sizeof(key), "explain.kind.%s",
		    explain_kind_name((enum explain_kind)k));
		fputs("<tr><td>", out);
		html_text(out, catalog_label(l, key));
		fputs("</td><td>", out);
		html_count(out, r->kinds[k]);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table>\n", out);
	if (r->failed > 0)
		br_todo(out, r, l);
	/* the counts by side are what to do's: no table repeats them; one
	 * failed recipient is said by its row alone */
	if (r->failed > 1) {
		br_heading(out, "bnc.h.reasons", l);
		br_table(out, r->reasons, catalog_label(l, "bnc.reason"),
		    "report.reason.", 0, REASON__LAST, NULL, 0, l);
		domains[0].n = r->domains_other;
		domains[1].n = r->unreadable;
		domains[2].n = r->no_domain;
		br_heading(out, "bnc.h.domains", l);
		br_table(out, r->domains, catalog_label(l, "bnc.domain"), NULL,
		    0, BNCREP_SHOWN_MAX, domains, NELEM(domains), l);
	}
	/* over time only when at least one day is known to count by */
	if (r->failed > 1 && json_object_size(r->days) > 0) {
		days[0].n = r->days_other;
		days[1].n = r->future;
		days[2].n = r->undated;
		br_heading(out, "bnc.h.time", l);
		br_over_time(out, r->days, days, NELEM(days), l);
	}
	if (r->failed > 0) {
		br_heading(out, "bnc.h.rows", l);
		br_rows(out, r, l);
	}
	fputs("</section>\n", out);
}
