/*
 * delivered_print.c - a delivered message's analysis for a person at a
 * terminal: the verdict, the path as a waterfall (one line per hop, a bar
 * as long as the wait before it), the authentication results and which
 * of them count, the spam filters' headers, the reasons with what to
 * change, and the `mxtrace sender` command to check the sender's side.
 *
 * Public: delivered_print().
 *
 * It prints from the JSON object delivered_to_json() made, so the
 * terminal, --json and the report show the same facts.  Every string that
 * came from the message goes through explain_put_esc (esc_terminal).
 */
#include <stdlib.h>
#include <string.h>

#include "explain/delivered_json.h"
#include "explain/delivered_print.h"
#include "explain/explain_print.h"
#include "explain/path.h"
#include "base/escape.h"
#include "base/util.h"
#include "base/wrap.h"

#define DP_BAR_MAX	30
#define DP_INDENT	6	/* a hop's lines, under its hosts */

static const char *
dp_get(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * The sending side of a hop as its name and "[ip]", each escaped and
 * owned (NULL when not shown): "-" when the hop names neither.
 */
static void
dp_sender(json_t *h, char **name, char **ip)
{
	const char *from = dp_get(h, "from"), *helo = dp_get(h, "helo"),
	    *addr = dp_get(h, "ip");
	char *e;

	if (from == NULL && helo != NULL && helo[0] == '[' && addr != NULL)
		helo = NULL;		/* HELO [ip]: the address says it all */
	if (addr != NULL && ((from != NULL && strcmp(from, addr) == 0) ||
	    (from == NULL && helo != NULL && strcmp(helo, addr) == 0)))
		from = helo = NULL;	/* "54.240.27.38 [54.240.27.38]" */
	*name = *ip = NULL;
	if (from != NULL || helo != NULL) {
		from = from != NULL ? from : helo;
		*name = esc_terminal(from, strlen(from));
	} else if (addr == NULL)
		*name = xstrdup("-");
	if (addr != NULL) {
		e = esc_terminal(addr, strlen(addr));
		*ip = xasprintf("[%s]", e);
		free(e);
	}
}

/* A hop's time, 2026-11-30T09:00:05Z in --json, as 2026-11-30 09:00:05
 * UTC: the form of the message's own date above it, not an ISO stamp. */
static void
dp_time(FILE *f, const char *t)
{
	size_t n = strlen(t);

	if (n == 20 && t[10] == 'T' && t[19] == 'Z')
		fprintf(f, "%.10s %.8s UTC", t, t + 11);
	else
		explain_put_esc(f, t);
}

/* What fn writes to a stream, as a string; owned by the caller. */
static char *
dp_text(void (*fn)(FILE *, json_t *, enum lang), json_t *h, enum lang l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		fatalx("%s: open_memstream", __func__);
	fn(m, h, l);
	if (fclose(m) != 0)
		fatalx("%s: fclose", __func__);
	return buf;
}

static void
dp_by(FILE *f, json_t *h, enum lang l)
{
	(void)l;
	fputs("-> ", f);
	explain_put_esc(f, dp_get(h, "by") != NULL ? dp_get(h, "by") : "?");
}

/* "ESMTP, TLS" and ", login" when the sender logged in (，in Chinese). */
static void
dp_proto(FILE *f, json_t *h, enum lang l)
{
	if (dp_get(h, "protocol") != NULL) {
		explain_put_esc(f, dp_get(h, "protocol"));
		fputs(catalog_label(l, "p.comma"), f);
	}
	fputs(catalog_label(l, delivered_hop_tls_key(h)), f);
	if (json_is_true(json_object_get(h, "auth")))
		fprintf(f, "%s%s", catalog_label(l, "p.comma"),
		    catalog_label(l, "dlv.login"));
}

static void
dp_when(FILE *f, json_t *h, enum lang l)
{
	if (dp_get(h, "time") != NULL)
		dp_time(f, dp_get(h, "time"));
	else
		fputs(catalog_label(l, "dlv.no_time"), f);
}

/* One piece the hop's text, written by fn, makes on its lines. */
static void
dp_hop_piece(FILE *f, const struct wrap_out *lay, size_t *col,
    const char *sep, void (*fn)(FILE *, json_t *, enum lang), json_t *h,
    enum lang l)
{
	char *t = dp_text(fn, h, l);

	explain_put_piece(f, lay, col, DP_INDENT, sep, t);
	free(t);
}

/* "-> by  ESMTP, TLS" after the sender when it fits; else from a line of
 * its own, the receiving host and its protocol kept together if they fit. */
static void
dp_hop_to(FILE *f, const struct wrap_out *lay, size_t *col, json_t *h,
    enum lang l)
{
	char *by = dp_text(dp_by, h, l), *proto = dp_text(dp_proto, h, l);

	if (*col + 1 + wrap_cols(by) + 2 + wrap_cols(proto) > lay->width) {
		fprintf(f, "\n%*s", DP_INDENT, "");
		*col = DP_INDENT;
	}
	explain_put_piece(f, lay, col, DP_INDENT, " ", by);
	explain_put_piece(f, lay, col, DP_INDENT, "  ", proto);
	free(by);
	free(proto);
}

/* The hop's second line: its time, the wait before it and its bar, and
 * the marks of a skewed clock and of the receiver's border. */
static void
dp_hop_time(FILE *f, const struct wrap_out *lay, json_t *h, long long max,
    enum lang l)
{
	json_t *dl = json_object_get(h, "delay_s");
	char dur[64], bar[DP_BAR_MAX + 1], *mark;
	size_t col = DP_INDENT, n;
	long long d;

	fprintf(f, "%*s", DP_INDENT, "");
	dp_hop_piece(f, lay, &col, "", dp_when, h, l);
	if (json_is_integer(dl)) {
		d = json_integer_value(dl);
		path_delay(d, l, dur, sizeof(dur));
		explain_put_piece(f, lay, &col, DP_INDENT, "  ", dur);
		n = d > 0 && max > 0 ? (size_t)(d * DP_BAR_MAX / max) : 0;
		if (d > 0 && n == 0)
			n = 1;
		memset(bar, '#', n);
		bar[n] = '\0';
		if (n > 0)
			explain_put_piece(f, lay, &col, DP_INDENT, "  ", bar);
		if (json_is_true(json_object_get(h, "skew"))) {
			mark = xasprintf("! %s", catalog_label(l, "dlv.skew"));
			explain_put_piece(f, lay, &col, DP_INDENT, "  ", mark);
			free(mark);
		}
	}
	if (json_is_true(json_object_get(h, "boundary"))) {
		mark = xasprintf("<= %s", catalog_label(l, "dlv.boundary"));
		explain_put_piece(f, lay, &col, DP_INDENT, "  ", mark);
		free(mark);
	}
	fputc('\n', f);
}

static void
dp_hops(FILE *f, const struct wrap_out *lay, json_t *o, enum lang l)
{
	json_t *hops = json_object_get(o, "hops"), *h;
	long long max = 0, d;
	size_t i, col;
	char *name, *ip;

	json_array_foreach(hops, i, h)
		if ((d = json_integer_value(json_object_get(h, "delay_s"))) > max)
			max = d;
	fprintf(f, "\n%s\n", catalog_label(l, "dlv.path"));
	json_array_foreach(hops, i, h) {
		fprintf(f, "  %2zu  ", i + 1);
		col = DP_INDENT;
		dp_sender(h, &name, &ip);
		if (name != NULL)
			explain_put_piece(f, lay, &col, DP_INDENT, "", name);
		if (ip != NULL)
			explain_put_piece(f, lay, &col, DP_INDENT, " ", ip);
		free(name);
		free(ip);
		dp_hop_to(f, lay, &col, h, l);
		fputc('\n', f);
		dp_hop_time(f, lay, h, max, l);
	}
	if (json_integer_value(json_object_get(o, "hops_dropped")) > 0)
		fprintf(f, "  %s %lld\n", catalog_label(l, "dlv.hops_dropped"),
		    (long long)json_integer_value(json_object_get(o,
		    "hops_dropped")));
}

static void
dp_times(FILE *f, const struct wrap_out *lay, json_t *o, enum lang l)
{
	json_t *t = json_object_get(o, "total_s"), *lo = json_object_get(o,
	    "longest");
	char dur[64];
	char *label, *next, *text;

	if (json_is_integer(t)) {
		path_duration(json_integer_value(t), l, dur, sizeof(dur));
		label = xasprintf("%s%s%s", catalog_label(l, "dlv.total"),
		    catalog_label(l, "p.colon"), dur);
		fputs("  ", f);
		wrap_put_value(f, lay, WRAP_ON_NARROW, label, strlen(label), 2,
		    4);
		fputc('\n', f);
		free(label);
	}
	if (!json_is_object(lo))
		return;
	path_duration(json_integer_value(json_object_get(lo, "delay_s")), l,
	    dur, sizeof(dur));
	label = xasprintf("%s%s", catalog_label(l, "dlv.longest"),
	    catalog_label(l, "p.colon"));
	next = dp_get(lo, "next_operator") != NULL ? xasprintf("%s%s%s%s",
	    dp_get(lo, "next") != NULL ? dp_get(lo, "next") : "",
	    catalog_label(l, "p.open"), dp_get(lo, "next_operator"),
	    catalog_label(l, "p.close")) : NULL;
	/* the template's words with the hosts, escaped and wrapped as one */
	if (path_same_host(dp_get(lo, "at"), dp_get(lo, "next")))
		text = catalog_fmt(l, "dlv.held_in", 2, (const char *const[]){
		    dur, dp_get(lo, "at") });
	else
		text = catalog_fmt(l, "dlv.held", 3, (const char *const[]){
		    dur, dp_get(lo, "at") != NULL ? dp_get(lo, "at") : "",
		    next != NULL ? next : dp_get(lo, "next") != NULL ?
		    dp_get(lo, "next") : "" });
	fprintf(f, "  %s", label);
	wrap_put_value(f, lay, WRAP_ALWAYS, text, strlen(text),
	    2 + wrap_cols(label), 4);
	fputc('\n', f);
	free(label);
	free(next);
	free(text);
}

/* An opening bracket for after two blanks: the language's, its own blank
 * (" (") dropped. */
static const char *
dp_open(enum lang l)
{
	const char *o = catalog_label(l, "p.open");

	return o[0] == ' ' ? o + 1 : o;
}

/* One "  - " line of found headers: the text (raw: wrap_put_value escapes it,
 * once) wrapped under itself within the terminal's columns. */
static void
dp_item(FILE *f, const struct wrap_out *lay, const char *text)
{
	fputs("  - ", f);
	wrap_put_value(f, lay, WRAP_ALWAYS, text, strlen(text), 4, 4);
	fputc('\n', f);
}

/* An authentication result in the reader's words ("pass": 通过（pass）)
 * from column 9; a word no table knows, as the header wrote it; nc when
 * there is none.  Wrapped on a narrower terminal; returns the column it
 * ends at. */
static size_t
dp_result(FILE *f, const struct wrap_out *lay, const char *res,
    const char *nc, enum lang l)
{
	char key[64];
	const char *t = nc;

	if (res != NULL) {
		(void)snprintf(key, sizeof(key), "dlv.result.%s", res);
		t = strlen(res) < 40 && catalog_label_or(l, key, NULL) !=
		    NULL ? catalog_label(l, key) : res;
	}
	return wrap_put_value(f, lay, WRAP_ON_NARROW, t, strlen(t), 9, 9);
}

/*
 * raw (the message's words) after a result that ended at column col,
 * wrapped under the result (column 9): past sep on the same line, or on
 * the next line on a narrower terminal when its first word would pass
 * the edge.
 */
static void
dp_after(FILE *f, const struct wrap_out *lay, const char *sep,
    const char *raw, size_t col)
{
	if (lay->width < WRAP_COLS && col + wrap_cols(sep) +
	    wrap_first_word_cols(raw, strlen(raw)) > lay->width) {
		fprintf(f, "\n%*s", 9, "");
		col = 9;
	} else {
		fputs(sep, f);
		col += wrap_cols(sep);
	}
	wrap_put_value(f, lay, WRAP_ALWAYS, raw, strlen(raw), col, 9);
}

/* After a DKIM result (ending at column col): d=, s= and whether d= is
 * From:'s domain, wrapped under the result. */
static void
dp_dkim_tail(FILE *f, const struct wrap_out *lay, json_t *k, size_t col,
    enum lang l)
{
	const char *d = dp_get(k, "domain"), *sel = dp_get(k, "selector");
	char *t;

	t = xasprintf("d=%s%s%s  %s%s%s", d != NULL ? d : "",
	    sel != NULL ? " s=" : "", sel != NULL ? sel : "", dp_open(l),
	    catalog_label(l, json_is_true(json_object_get(k, "aligned")) ?
	    "dlv.aligned" : "dlv.not_aligned"), catalog_label(l, "p.close"));
	/* raw: wrap_put_value escapes it, once */
	dp_after(f, lay, "  ", t, col);
	free(t);
}

static void
dp_auth(FILE *f, const struct wrap_out *lay, json_t *o, enum lang l)
{
	json_t *a = json_object_get(o, "auth"), *k, *h, *hs;
	const char *nc = catalog_label(l, "dlv.not_checked");
	size_t i, same, col;

	char *t;

	/* "(none)": the receiver's header names no server */
	if (dp_get(a, "trusted_authserv_id") != NULL &&
	    strcmp(dp_get(a, "trusted_authserv_id"), "(none)") != 0)
		t = xasprintf("%s%s%s%s", catalog_label(l, "dlv.auth"),
		    catalog_label(l, "p.open"), dp_get(a,
		    "trusted_authserv_id"), catalog_label(l, "p.close"));
	else
		t = xstrdup(catalog_label(l, "dlv.auth"));
	fputc('\n', f);
	wrap_put_value(f, lay, WRAP_ON_NARROW, t, strlen(t), 0, 2);
	free(t);
	fputs("\n  SPF    ", f);
	col = dp_result(f, lay, dp_get(a, "spf"), nc, l);
	if (dp_get(a, "spf_domain") != NULL && lay->width < WRAP_COLS)
		dp_after(f, lay, "  ", dp_get(a, "spf_domain"), col);
	else if (dp_get(a, "spf_domain") != NULL) {
		fputs("  ", f);
		explain_put_esc(f, dp_get(a, "spf_domain"));
	}
	json_array_foreach(json_object_get(a, "dkim"), i, k) {
		fputs("\n  DKIM   ", f);
		dp_dkim_tail(f, lay, k, dp_result(f, lay, dp_get(k, "result"),
		    nc, l), l);
	}
	if (json_array_size(json_object_get(a, "dkim")) == 0)
		fprintf(f, "\n  DKIM   %s", nc);
	fputs("\n  DMARC  ", f);
	col = dp_result(f, lay, dp_get(a, "dmarc"), nc, l);
	if (dp_get(a, "dmarc_policy") != NULL && lay->width < WRAP_COLS) {
		t = xasprintf("(p=%s)", dp_get(a, "dmarc_policy"));
		dp_after(f, lay, " ", t, col);
		free(t);
	} else if (dp_get(a, "dmarc_policy") != NULL) {
		fputs(" (p=", f);
		explain_put_esc(f, dp_get(a, "dmarc_policy"));
		fputc(')', f);
	}
	if (dp_get(a, "arc") != NULL) {
		fputs("\n  ARC    ", f);
		dp_result(f, lay, dp_get(a, "arc"), nc, l);
	}
	fputc('\n', f);
	hs = json_object_get(a, "headers");
	for (i = 0; i < json_array_size(hs); i += same) {
		char key[64], num[32], *text;

		h = json_array_get(hs, i);
		/* one server's results in several headers: one line, counted */
		for (same = 1; i + same < json_array_size(hs) &&
		    json_equal(h, json_array_get(hs, i + same)); same++)
			;
		(void)snprintf(key, sizeof(key), "dlv.trust.%s",
		    dp_get(h, "trust"));
		(void)snprintf(num, sizeof(num), " (x%zu)", same);
		text = xasprintf("%s%s%s%s%s%s", dp_get(h, "header"),
		    dp_get(h, "authserv_id") != NULL ? " " : "",
		    dp_get(h, "authserv_id") != NULL ? dp_get(h, "authserv_id") :
		    "", same > 1 ? num : "", catalog_label(l, "p.colon"),
		    catalog_label(l, key));
		dp_item(f, lay, text);
		free(text);
	}
}

static void
dp_spam(FILE *f, const struct wrap_out *lay, json_t *o, enum lang l)
{
	json_t *s = json_object_get(o, "spam"), *r, *h;
	char key[64], *text, *d;
	size_t i;
	bool any = false, rejects;

	char *raw = NULL;
	size_t rawlen = 0;
	FILE *m = open_memstream(&raw, &rawlen);

	if (m == NULL)
		fatalx("%s: open_memstream", __func__);
	(void)snprintf(key, sizeof(key), "dlv.v.%s", dp_get(s, "verdict"));
	fprintf(m, "%s%s%s", catalog_label(l, "dlv.spam"),
	    catalog_label(l, "p.colon"),
	    catalog_label(l, key));
	if (json_is_number(json_object_get(s, "score")))
		fprintf(m, "  %s %.1f", catalog_label(l, "dlv.score"),
		    json_number_value(json_object_get(s, "score")));
	/* rspamd's second number is the score it rejects at, said so
	 * (and below the line what that leaves to its other actions) */
	rejects = dp_get(s, "required_for") != NULL &&
	    strcmp(dp_get(s, "required_for"), "reject") == 0;
	if (json_is_number(json_object_get(s, "required")))
		fprintf(m, " / %s %.1f", catalog_label(l, rejects ?
		    "dlv.reject_score" : "dlv.threshold"),
		    json_number_value(json_object_get(s, "required")));
	if (dp_get(s, "verdict_from") != NULL &&
	    strcmp(dp_get(s, "verdict_from"), "user") == 0)
		/* the label has its own brackets, full-width in zh */
		fprintf(m, "  %s", catalog_label(l, "dlv.verdict.user"));
	else if (dp_get(s, "verdict_from") != NULL)
		/* the header's name, raw: wrap_put_value escapes the line */
		fprintf(m, "  (%s)", dp_get(s, "verdict_from"));
	if (fclose(m) != 0)
		fatalx("%s: fclose", __func__);
	fputc('\n', f);
	wrap_put_value(f, lay, WRAP_ON_NARROW, raw, strlen(raw), 0, 2);
	free(raw);
	fputc('\n', f);
	if (rejects && json_is_number(json_object_get(s, "required"))) {
		(void)snprintf(key, sizeof(key), "%.1f",
		    json_number_value(json_object_get(s, "required")));
		text = catalog_fmt(l, "dlv.reject_note", 1,
		    (const char *const[]){ key });
		fputs("  ", f);
		wrap_put_value(f, lay, WRAP_ALWAYS, text, strlen(text), 2, 2);
		fputc('\n', f);
		free(text);
	}
	json_array_foreach(json_object_get(s, "filters"), i, h) {
		(void)snprintf(key, sizeof(key), "dlv.trust.%s",
		    dp_get(h, "trust"));
		text = xasprintf("%s: %s  [%s]", dp_get(h, "header"),
		    dp_get(h, "detail"), catalog_label(l, key));
		dp_item(f, lay, text);
		free(text);
	}
	fprintf(f, "\n%s\n", catalog_label(l, strcmp(dp_get(s, "verdict"),
	    "inbox") == 0 ? "dlv.risks" : "dlv.reasons"));
	json_array_foreach(json_object_get(s, "reasons"), i, r) {
		any = true;
		fputs("  * ", f);
		wrap_put_value(f, lay, WRAP_ALWAYS, dp_get(r, "text"),
		    strlen(dp_get(r, "text")), 4, 4);
		/* the evidence: header text, or a finding of ours */
		d = catalog_tr_text(l, dp_get(r, "detail"));
		text = xasprintf("[%s: %s]", dp_get(r, "source") != NULL ?
		    dp_get(r, "source") : "", d != NULL ? d : "");
		fputs("\n    ", f);
		/* raw: wrap_put_value escapes it, once */
		wrap_put_value(f, lay, WRAP_ALWAYS, text, strlen(text), 4, 5);
		free(text);
		free(d);
		fprintf(f, "\n    %s%s", catalog_label(l, "dlv.fix"),
		    catalog_label(l, "p.colon"));
		wrap_put_value(f, lay, WRAP_ALWAYS, dp_get(r, "fix"),
		    strlen(dp_get(r, "fix")), 4 + wrap_cols(catalog_label(l,
		    "dlv.fix")) + wrap_cols(catalog_label(l, "p.colon")), 6);
		fputc('\n', f);
	}
	if (!any)
		fprintf(f, "  %s\n", catalog_label(l, "dlv.no_reasons"));
}

/*
 * Under "Where": the user's --folder against the receiving server's own
 * verdict, when they differ (delivered_disagreement says it in the
 * explanation; the terminal reads the record).
 */
static void
dp_disagree(FILE *f, const struct wrap_out *lay, json_t *sp, enum lang l,
    size_t col)
{
	const char *from = dp_get(sp, "verdict_from"),
	    *v = dp_get(sp, "verdict"), *srv = dp_get(sp, "server_verdict"), *t;

	if (from == NULL || strcmp(from, "user") != 0 || v == NULL ||
	    srv == NULL || strcmp(srv, "unknown") == 0 || strcmp(srv, v) == 0)
		return;
	t = catalog_label(l, strcmp(v, "inbox") == 0 ?
	    "dlv.disagree.user_inbox" : "dlv.disagree.user_spam");
	fprintf(f, "%*s", (int)col, "");
	wrap_put_value(f, lay, WRAP_ALWAYS, t, strlen(t), col, col);
	fputc('\n', f);
}

void
delivered_print(FILE *f, const struct wrap_out *lay, json_t *o, enum lang l)
{
	json_t *cs = json_object_get(o, "check_sender"), *sp;
	const char *from;
	char key[64], *t;
	size_t col;

	sp = json_object_get(o, "spam");
	/* --folder: where the user found it, not what a server did (its
	 * own filter may have said otherwise: the headers below show it) */
	(void)snprintf(key, sizeof(key), "dlv.verdict.%s%s",
	    dp_get(sp, "verdict_from") != NULL &&
	    strcmp(dp_get(sp, "verdict_from"), "user") == 0 ? "user_" : "",
	    dp_get(sp, "verdict") != NULL ? dp_get(sp, "verdict") : "unknown");
	/* under "What it is: A delivered message", a line like it */
	col = explain_put_label(f, 2, catalog_label(l, "dlv.where"));
	wrap_put_value(f, lay, WRAP_ALWAYS, catalog_label(l, key),
	    strlen(catalog_label(l, key)), col, col);
	fputc('\n', f);
	dp_disagree(f, lay, sp, l, col);
	dp_hops(f, lay, o, l);
	dp_times(f, lay, o, l);
	if (dp_get(o, "sending_ip") != NULL) {
		from = dp_get(o, "sending_ip_from");
		t = xasprintf("%s%s%s%s%s%s", catalog_label(l,
		    "dlv.sending_ip"), catalog_label(l, "p.colon"),
		    dp_get(o, "sending_ip"), from != NULL ? " (" : "",
		    from != NULL ? from : "", from != NULL ? ")" : "");
		fputc('\n', f);
		wrap_put_value(f, lay, WRAP_ON_NARROW, t, strlen(t), 0, 2);
		fputc('\n', f);
		free(t);
	}
	dp_auth(f, lay, o, l);
	dp_spam(f, lay, o, l);
	if (json_is_object(cs)) {
		fprintf(f, "\n%s\n  ", catalog_label(l, "dlv.check_sender"));
		wrap_put_value(f, lay, WRAP_ON_NARROW, dp_get(cs, "command"),
		    strlen(dp_get(cs, "command")), 2, 4);
		fputc('\n', f);
		/* what sender will read from the file; the --ip form says it */
		if (strstr(dp_get(cs, "command"), " --message ") != NULL &&
		    (dp_get(cs, "ip") != NULL ||
		    dp_get(cs, "dkim_selector") != NULL)) {
			from = dp_get(cs, "dkim_selector");
			t = xasprintf("(%s%s%s%s%s%s)", dp_get(cs, "ip") !=
			    NULL ? "IP " : "", dp_get(cs, "ip") != NULL ?
			    dp_get(cs, "ip") : "", from != NULL && dp_get(cs,
			    "ip") != NULL ? ", " : "", from != NULL ?
			    catalog_label(l, "dlv.selector") : "", from != NULL ?
			    " " : "", from != NULL ? from : "");
			fputs("  ", f);
			wrap_put_value(f, lay, WRAP_ON_NARROW, t, strlen(t), 2,
			    3);
			fputc('\n', f);
			free(t);
		}
	}
}
