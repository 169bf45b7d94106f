/*
 * dlvreport.c - the "Delivered messages" section of the report, from the
 * JSON of `mxtrace explain` (kind delivered_message; docs/json.md,
 * "Delivered messages").
 *
 * Public: dlvrep_init(), dlvrep_add(), dlvrep_free(), dlvrep_html().
 *
 * Every field comes from an input file, so every string is written with
 * html_text (escaped) and every number is checked for its type; a record
 * with missing or odd fields still draws what it has.  Memory: counts for
 * every message, the full record of at most DLVREP_KEEP_MAX.
 */
#include <stdlib.h>
#include <string.h>

#include "explain/cause.h"
#include "explain/delivered_json.h"
#include "explain/path.h"
#include "reports/dlvreport.h"
#include "reports/html.h"

void
dlvrep_init(struct dlvrep *r)
{
	memset(r, 0, sizeof(*r));
	r->causes = json_object();
	r->kept = json_array();
}

void
dlvrep_free(struct dlvrep *r)
{
	json_decref(r->causes);
	json_decref(r->kept);
	memset(r, 0, sizeof(*r));
}

static const char *
dr_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int
dlvrep_add(struct dlvrep *r, json_t *rec)
{
	const json_t *spam, *why;
	const char *kind = dr_str(rec, "kind"), *v, *c;
	size_t i;

	if (kind == NULL || strcmp(kind, "delivered_message") != 0)
		return -1;
	r->total++;
	spam = json_object_get(rec, "spam");
	v = dr_str(spam, "verdict");
	if (v != NULL && strcmp(v, "inbox") == 0)
		r->inbox++;
	else if (v != NULL && strcmp(v, "spam") == 0)
		r->spam++;
	else
		r->unknown++;
	json_array_foreach(json_object_get(spam, "reasons"), i, why) {
		/* only known causes: a file cannot grow this set */
		if ((c = dr_str(why, "cause")) == NULL || cause_from_name(c) < 0)
			continue;
		json_object_set_new(r->causes, c, json_integer(
		    json_integer_value(json_object_get(r->causes, c)) + 1));
	}
	if (json_array_size(r->kept) < DLVREP_KEEP_MAX)
		json_array_append(r->kept, rec);
	return 0;
}

static const char *
dr_class(const char *verdict)
{
	if (verdict != NULL && strcmp(verdict, "spam") == 0)
		return "bad";
	if (verdict != NULL && strcmp(verdict, "inbox") == 0)
		return "ok";
	return "warn";
}

/* A message's badge in the words of the section's cards, short: the
 * terminal's one-word dlv.v.* ("spam") reads as jargon on a phone. */
static void
dr_verdict(FILE *out, const char *verdict, enum lang l)
{
	char key[32];

	(void)snprintf(key, sizeof(key), "dlv.badge.%s",
	    verdict != NULL && (strcmp(verdict, "spam") == 0 ||
	    strcmp(verdict, "inbox") == 0) ? verdict : "unknown");
	fprintf(out, "<span class=\"badge %s\">%s</span>", dr_class(verdict),
	    catalog_label(l, key));
}

/* One of the summary's cards: the number first, as the report's own. */
static void
dr_card(FILE *out, const char *cls, const char *key, size_t n, enum lang l)
{
	fprintf(out, "<div class=\"card %s\"><div class=\"n\">", cls);
	html_count(out, n);
	fprintf(out, "</div><div class=\"t\">%s</div></div>\n",
	    catalog_label(l, key));
}

/* The causes across all messages, most frequent first. */
static void
dr_causes(FILE *out, const struct dlvrep *r, enum lang l)
{
	const char *k, *best;
	json_t *left = json_copy(r->causes), *v;
	json_int_t n, most;
	char key[96];

	if (json_object_size(left) == 0) {
		json_decref(left);
		return;
	}
	/* a card per cause on a phone (table.stack), its cells labelled */
	fputs("<style>@media (max-width:720px){", out);
	html_cell_label(out, "#delivered table.causes", 2, catalog_label(l,
	    "dlv.report.messages"));
	html_cell_label(out, "#delivered table.causes", 3, catalog_label(l,
	    "dlv.fix"));
	fputs("}</style>\n", out);
	fprintf(out, "<table class=\"causes stack\"><thead><tr><th>%s</th><th "
	    "class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
	    catalog_label(l, "dlv.reasons"), catalog_label(l,
	    "dlv.report.messages"), catalog_label(l, "dlv.fix"));
	while (json_object_size(left) > 0) {
		best = NULL;
		most = -1;
		json_object_foreach(left, k, v)
			if ((n = json_integer_value(v)) > most) {
				most = n;
				best = k;
			}
		(void)snprintf(key, sizeof(key), "dlv.cause.%s", best);
		fprintf(out, "<tr><td>%s</td><td class=\"n\"><div>%lld</div>"
		    "</td><td><div>", catalog_label(l, key), (long long)most);
		(void)snprintf(key, sizeof(key), "dlv.fix.%s", best);
		fprintf(out, "%s</div></td></tr>\n", catalog_label(l, key));
		json_object_del(left, best);
	}
	fputs("</tbody></table>\n", out);
	json_decref(left);
}

static void
dr_hop_label(FILE *out, const json_t *h)
{
	const char *from = dr_str(h, "from"), *helo = dr_str(h, "helo");

	html_text(out, from != NULL ? from : helo != NULL ? helo :
	    dr_str(h, "ip") != NULL ? dr_str(h, "ip") : "-");
	fputs(" → ", out);
	html_text(out, dr_str(h, "by") != NULL ? dr_str(h, "by") : "?");
}

/*
 * One bar per hop on a line from the first hop's time to the last: the
 * bar spans the wait before the hop (its delay).  Clock skew is drawn as
 * a thin mark, never as time.
 */
static void
dr_waterfall(FILE *out, const json_t *rec, enum lang l)
{
	const json_t *hops = json_object_get(rec, "hops"), *h, *d;
	const char *tls_key;
	json_int_t span = 0, off = 0, delay;
	double scale;
	char dur[64];
	size_t i;

	json_array_foreach(hops, i, h)
		if (json_is_integer(d = json_object_get(h, "delay_s")) &&
		    json_integer_value(d) > 0)
			span += json_integer_value(d);
	scale = span > 0 ? 100.0 / (double)span : 0;
	fputs("<div class=\"wf\">\n", out);
	json_array_foreach(hops, i, h) {
		if (i == DLVREP_HOPS_MAX)
			break;
		d = json_object_get(h, "delay_s");
		delay = json_is_integer(d) ? json_integer_value(d) : 0;
		fprintf(out, "<div class=\"wf-row%s\"><span class=\"wf-stage\">",
		    json_is_true(json_object_get(h, "boundary")) ? " stop" : "");
		dr_hop_label(out, h);
		fputs("</span>", out);
		tls_key = delivered_hop_tls_key(h);
		html_bar(out, strcmp(tls_key, "dlv.tls_yes") == 0 ? "ok" :
		    strcmp(tls_key, "dlv.tls_no") == 0 ? "warn" : "info",
		    (double)off * scale, delay > 0 ? (double)delay * scale : 0);
		fputs("<span class=\"wf-ms\">", out);
		if (json_is_integer(d)) {
			path_delay(delay, l, dur, sizeof(dur));
			fputs(dur, out);
		}
		fputs("</span><span class=\"wf-reply\">", out);
		if (dr_str(h, "protocol") != NULL) {
			html_text(out, dr_str(h, "protocol"));
			fputs(" · ", out);
		}
		fputs(catalog_label(l, tls_key), out);
		if (dr_str(h, "ip") != NULL) {
			fputs(" · ", out);
			html_text(out, dr_str(h, "ip"));
		}
		if (json_is_true(json_object_get(h, "skew")))
			fprintf(out, " · <b>%s</b>", catalog_label(l, "dlv.skew"));
		if (json_is_true(json_object_get(h, "boundary")))
			fprintf(out, " · <b>%s</b>", catalog_label(l,
			    "dlv.boundary"));
		fputs("</span></div>\n", out);
		if (delay > 0)
			off += delay;
	}
	fputs("</div>\n", out);
}

/*
 * A reason's words in the report's language: the catalogue's for a known
 * cause (the record may have been written in the other language), else
 * the record's own text, escaped.
 */
static void
dr_words(FILE *out, const json_t *why, const char *field, const char *prefix,
    enum lang l)
{
	const char *c = dr_str(why, "cause");
	char key[96];

	if (c != NULL && cause_from_name(c) >= 0) {
		(void)snprintf(key, sizeof(key), "%s.%s", prefix, c);
		fputs(catalog_label(l, key), out);
	} else
		html_text(out, dr_str(why, field));
}

static void
dr_article(FILE *out, const json_t *rec, size_t n, enum lang l)
{
	const json_t *spam = json_object_get(rec, "spam"), *why, *lo;
	const json_t *orig = json_object_get(rec, "original");
	const char *sep = "";
	char dur[64];
	size_t i;

	fprintf(out, "<article class=\"path\" id=\"d%zu\"><h3>", n);
	dr_verdict(out, dr_str(spam, "verdict"), l);
	/* <q>: the message's own subject, quoted as it was written */
	fputs(" <q>", out);
	html_text(out, dr_str(orig, "subject") != NULL ? dr_str(orig, "subject") :
	    dr_str(rec, "file"));
	fputs("</q></h3>\n<p class=\"note\">", out);
	if (dr_str(rec, "sending_ip") != NULL) {
		fprintf(out, "%s%s", catalog_label(l, "dlv.sending_ip"),
		    catalog_label(l, "p.colon"));
		html_text(out, dr_str(rec, "sending_ip"));
		sep = " · ";
	}
	if (json_is_integer(json_object_get(rec, "total_s"))) {
		path_duration(json_integer_value(json_object_get(rec, "total_s")),
		    l, dur, sizeof(dur));
		fprintf(out, "%s%s%s%s", sep, catalog_label(l, "dlv.total"),
		    catalog_label(l, "p.colon"), dur);
		sep = " · ";
	}
	if (json_is_object(lo = json_object_get(rec, "longest")) &&
	    json_is_integer(json_object_get(lo, "delay_s"))) {
		path_duration(json_integer_value(json_object_get(lo, "delay_s")),
		    l, dur, sizeof(dur));
		fprintf(out, "%s%s%s%s (", sep, catalog_label(l, "dlv.longest"),
		    catalog_label(l, "p.colon"), dur);
		html_text(out, dr_str(lo, "at"));
		if (!path_same_host(dr_str(lo, "at"), dr_str(lo, "next"))) {
			fputs(" → ", out);
			html_text(out, dr_str(lo, "next"));
		}
		fputc(')', out);
	}
	fputs("</p>\n", out);
	dr_waterfall(out, rec, l);
	fputs("<ul class=\"reasons\">\n", out);
	json_array_foreach(json_object_get(spam, "reasons"), i, why) {
		fputs("<li>", out);
		dr_words(out, why, "text", "dlv.cause", l);
		fputs(" <small>[", out);
		html_text(out, dr_str(why, "source"));
		fputs(": ", out);
		/* the evidence: header text, or a finding of ours */
		html_tr(out, l, dr_str(why, "detail"));
		fprintf(out, "]</small><br><b>%s%s</b>", catalog_label(l, "dlv.fix"),
		    catalog_label(l, "p.colon"));
		dr_words(out, why, "fix", "dlv.fix", l);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
	if (dr_str(json_object_get(rec, "check_sender"), "command") != NULL) {
		fprintf(out, "<p>%s <code>", catalog_label(l, "dlv.check_sender"));
		html_text(out, dr_str(json_object_get(rec, "check_sender"),
		    "command"));
		fputs("</code></p>\n", out);
	}
	fputs("</article>\n", out);
}

void
dlvrep_html(FILE *out, const struct dlvrep *r, enum lang l)
{
	const json_t *rec;
	size_t i;

	if (r->total == 0)
		return;
	fprintf(out, "<section id=\"delivered\">\n<h2>%s</h2>\n"
	    "<div class=\"cards\">\n", catalog_label(l, "dlv.report.title"));
	dr_card(out, "bad", "dlv.card.spam", r->spam, l);
	dr_card(out, "ok", "dlv.card.inbox", r->inbox, l);
	dr_card(out, "warn", "dlv.card.unknown", r->unknown, l);
	fputs("</div>\n", out);
	dr_causes(out, r, l);
	if (r->total > json_array_size(r->kept)) {
		fprintf(out, "<p class=\"note\">%s ", catalog_label(l,
		    "dlv.report.shown"));
		html_count(out, json_array_size(r->kept));
		fputs(" / ", out);
		html_count(out, r->total);
		fputs("</p>\n", out);
	}
	json_array_foreach(r->kept, i, rec)
		dr_article(out, rec, i, l);
	fputs("</section>\n", out);
}
