/*
 * waterfall.c - the per-address part of the report.  The timeline puts
 * DNS first, then every step of every attempt one after another, each bar
 * offset by the time spent before it; the scale is the whole path, so a
 * slow step is visibly long.  The decisive step is the last step of the
 * last attempt at the verdict's stage whose reply was not a success.
 * Everything that came from a server (reply texts, commands echoed back,
 * certificate names, errors) goes through html_text.
 *
 * Public: waterfall_article, waterfall_stage_label.
 */
#include <string.h>
#include <strings.h>

#include "reports/agg.h"
#include "reports/html.h"
#include "base/util.h"
#include "record/result_json.h"
#include "reports/waterfall.h"

#define WF_LINE_MAX	200	/* bytes of reply shown beside the stop mark */
#define WF_INPUT_MAX	12	/* input fields shown per address */

const char *
waterfall_stage_label(enum lang lang, const char *stage)
{
	char key[48];
	int st = stage_from_name(stage);

	if (st < 0)
		return NULL;
	snprintf(key, sizeof(key), "stage.%s", stage_name(st));
	return catalog_label(lang, key);
}

static json_int_t
wf_ms(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) && json_integer_value(v) > 0 ?
	    json_integer_value(v) : 0;
}

/*
 * The step that stopped the message, or NULL: in the last attempt, the
 * step at the verdict's stage that gave the decisive reply; failing that
 * (no reply recorded), the last step there that did not succeed.  Matching
 * the reply matters: the catch-all RCPT that follows may fail too.
 */
static const json_t *
wf_decisive(const json_t *rec)
{
	const json_t *atts = json_object_get(rec, "attempts"), *last, *step;
	const json_t *reply = json_object_get(rec, "reply");
	const json_t *found = NULL;
	const char *stage = json_string_value(json_object_get(rec, "stage"));
	const char *s, *rt = json_string_value(json_object_get(reply, "text"));
	size_t i;

	if (stage == NULL || json_array_size(atts) == 0)
		return NULL;
	last = json_array_get(atts, json_array_size(atts) - 1);
	json_array_foreach(json_object_get(last, "steps"), i, step) {
		s = json_string_value(json_object_get(step, "stage"));
		if (s == NULL || strcmp(s, stage) != 0)
			continue;
		if (json_is_integer(json_object_get(reply, "code")) &&
		    json_equal(json_object_get(step, "code"),
		    json_object_get(reply, "code")) &&
		    (rt == NULL || json_equal(json_object_get(step, "text"),
		    json_object_get(reply, "text"))))
			return step;
		if (strcmp(html_step_class(step), "ok") != 0)
			found = step;
	}
	return found;
}

/* A warning or error mxtrace wrote in English, in the report's language. */
static void
wf_tr(FILE *out, const json_t *s, enum lang lang)
{
	if (strlen(json_string_value(s)) != json_string_length(s))
		html_textn(out, json_string_value(s), json_string_length(s));
	else
		html_tr(out, lang, json_string_value(s));
}

/*
 * "550 5.1.1 first line" of a step in <samp> (the server's words), or its
 * error in the report's language; bounded.
 */
static void
wf_short_reply(FILE *out, const json_t *step, enum lang lang)
{
	const json_t *code = json_object_get(step, "code");
	const char *text = json_string_value(json_object_get(step, "text"));
	const char *enh = json_string_value(json_object_get(step, "enhanced"));
	const char *err = json_string_value(json_object_get(step, "error"));
	char *cut;
	size_t len;

	if (json_is_integer(code)) {
		fprintf(out, "<samp>%lld ", (long long)json_integer_value(code));
		if (enh != NULL) {
			html_text(out, enh);
			fputc(' ', out);
		}
		if (text != NULL) {
			len = strcspn(text, "\n");
			cut = agg_strndup(text, len < WF_LINE_MAX ? len : WF_LINE_MAX);
			html_text(out, cut);
			if (strlen(cut) < strlen(text))
				fputs(" …", out);
			free(cut);
		}
		fputs("</samp>", out);
	} else if (err != NULL)
		wf_tr(out, json_object_get(step, "error"), lang);
}

static void
wf_row(FILE *out, enum lang lang, const char *label, const char *cls,
    json_int_t off, json_int_t ms, double scale, int stop, const json_t *step)
{
	fprintf(out, "<div class=\"wf-row%s\"><span class=\"wf-stage\">",
	    stop ? " stop" : "");
	html_text(out, label);
	fputs("</span>", out);
	html_bar(out, cls, (double)off * scale, (double)ms * scale);
	fprintf(out, "<span class=\"wf-ms\">%lld %s</span><span class=\"wf-reply\">",
	    (long long)ms, catalog_label(lang, "unit.ms"));
	if (stop)
		fprintf(out, "<b class=\"stopmark\">✖ %s</b> ",
		    catalog_label(lang, "report.stopped_here"));
	if (step != NULL)
		wf_short_reply(out, step, lang);
	fputs("</span></div>\n", out);
}

/*
 * Whether cmd holds "<local@", ASCII letters folded (strncasecmp in the
 * C locale mxtrace keeps for LC_CTYPE: no other byte folds).
 */
static int
wf_names_local(const char *cmd, const char *local, size_t len)
{
	const char *p;

	for (p = strchr(cmd, '<'); p != NULL; p = strchr(p + 1, '<'))
		if (strncasecmp(p + 1, local, len) == 0 && p[1 + len] == '@')
			return 1;
	return 0;
}

/*
 * The RCPT for a random local part that tests for a catch-all: its
 * command names another local part than the address's.  Its refusal is
 * good news, so it is drawn neutral, not red.  A row that repeats an
 * earlier one (ALICE@X for Alice@X: verify probes them once) carries that
 * row's RCPT, so the local parts are compared as dupkey.c folds them:
 * ASCII letters alike in either case.
 */
static int
wf_catch_all_probe(const json_t *rec, const json_t *step)
{
	const char *addr = json_string_value(json_object_get(rec, "address"));
	const char *cmd = json_string_value(json_object_get(step, "command"));
	const char *s = json_string_value(json_object_get(step, "stage"));
	const char *at;

	if (addr == NULL || cmd == NULL || s == NULL || strcmp(s, "rcpt") != 0 ||
	    (at = strrchr(addr, '@')) == NULL)
		return 0;
	return !wf_names_local(cmd, addr, (size_t)(at - addr));
}

/*
 * A step's label as the terminal's trace gives it: the TLS handshake, a
 * starttls step without a command, is "TLS", not STARTTLS a second time.
 */
static const char *
wf_step_label(const json_t *step, enum lang lang)
{
	const char *s = json_string_value(json_object_get(step, "stage"));

	if (s != NULL && strcmp(s, "starttls") == 0 &&
	    !json_is_string(json_object_get(step, "command")))
		return catalog_label(lang, "tls");
	return waterfall_stage_label(lang, s);
}

/*
 * A session kept from earlier work: its connect/banner/EHLO/TLS bars are
 * the session's, made before this address; say so.
 */
static void
wf_reused(FILE *out, const json_t *att, enum lang lang)
{
	const json_t *id = json_object_get(att, "session");

	if (!json_is_true(json_object_get(att, "reused")))
		return;
	fprintf(out, " <span class=\"wf-reused\">(%s",
	    catalog_label(lang, "report.reused"));
	if (json_is_integer(id))
		fprintf(out, " #%lld", (long long)json_integer_value(id));
	fputs(")</span>", out);
}

static void
wf_attempt_head(FILE *out, const json_t *att, size_t n, enum lang lang)
{
	const json_t *port = json_object_get(att, "port");

	fprintf(out, "<div class=\"wf-att\">%s %zu: ",
	    catalog_label(lang, "report.attempt"), n);
	html_member(out, att, "mx", "?");
	fputs(" [", out);
	html_member(out, att, "ip", "?");
	fputs("]", out);
	if (json_is_integer(port))
		fprintf(out, ":%lld", (long long)json_integer_value(port));
	wf_reused(out, att, lang);
	fputs("</div>\n", out);
}

static void
wf_timeline(FILE *out, const json_t *rec, enum lang lang)
{
	const json_t *atts = json_object_get(rec, "attempts"), *att, *step;
	const json_t *stop = wf_decisive(rec);
	const char *stage = json_string_value(json_object_get(rec, "stage"));
	int v = verdict_from_name(json_string_value(json_object_get(rec,
	    "verdict")));
	json_int_t dns = wf_ms(json_object_get(rec, "timing"), "dns_ms");
	json_int_t total = dns, off;
	int dns_stop;
	size_t i, k;
	double scale;

	json_array_foreach(atts, i, att)
		json_array_foreach(json_object_get(att, "steps"), k, step)
			total += wf_ms(step, "ms");
	scale = 100.0 / (double)(total > 0 ? total : 1);

	dns_stop = stage != NULL && strcmp(stage, "dns") == 0 &&
	    v != VERDICT_DELIVERABLE;
	fprintf(out, "<div class=\"wf\" aria-label=\"%s\">\n",
	    catalog_label(lang, "report.path"));
	wf_row(out, lang, waterfall_stage_label(lang, "dns"), dns_stop ?
	    html_verdict_class(v, REASON_UNKNOWN) : "ok", 0, dns, scale,
	    dns_stop, NULL);
	off = dns;
	json_array_foreach(atts, i, att) {
		wf_attempt_head(out, att, i + 1, lang);
		json_array_foreach(json_object_get(att, "steps"), k, step) {
			const char *label = wf_step_label(step, lang);

			if (wf_catch_all_probe(rec, step))
				wf_row(out, lang, catalog_label(lang,
				    "report.catch_all_probe"), "info", off,
				    wf_ms(step, "ms"), scale, 0, step);
			else
				wf_row(out, lang, label ? label : "?",
				    html_step_class(step), off, wf_ms(step, "ms"),
				    scale, step == stop &&
				    strcmp(html_step_class(step), "ok") != 0, step);
			off += wf_ms(step, "ms");
		}
	}
	fputs("</div>\n", out);
}

/*
 * Each line of a reply text as "S: 250-line", the last as "S: 250 line";
 * the enhanced code, which the reply's parser keeps apart from the text,
 * on the first line, where the terminal's trace shows it too.
 */
static void
wf_transcript_reply(FILE *out, const json_t *step, enum lang lang)
{
	const json_t *code = json_object_get(step, "code");
	const char *text = json_string_value(json_object_get(step, "text"));
	const char *err = json_string_value(json_object_get(step, "error"));
	const char *enh = json_string_value(json_object_get(step, "enhanced"));
	size_t len = json_string_length(json_object_get(step, "text")), i, nl;

	if (json_is_integer(code)) {
		i = 0;
		do {
			for (nl = i; nl < len && text[nl] != '\n'; nl++)
				;
			fprintf(out, "<span class=\"s\">S: %lld%c", (long long)
			    json_integer_value(code), nl < len ? '-' : ' ');
			if (i == 0 && enh != NULL && enh[0] != '\0') {
				html_text(out, enh);
				fputc(' ', out);
			}
			if (text != NULL)
				html_textn(out, text + i, nl - i);
			fputs("</span>\n", out);
			i = nl + 1;
		} while (text != NULL && i < len);
	}
	if (err != NULL) {
		fputs("<span class=\"e\">!! ", out);
		wf_tr(out, json_object_get(step, "error"), lang);
		fputs("</span>\n", out);
	}
}

static void
wf_transcript(FILE *out, const json_t *rec, enum lang lang)
{
	const json_t *att, *step, *cmd, *steps;
	const char *said;
	size_t i, k;

	fprintf(out, "<details class=\"tx\"><summary>%s</summary><pre>",
	    catalog_label(lang, "report.transcript"));
	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		fprintf(out, "<span class=\"h\"># %s %zu: ",
		    catalog_label(lang, "report.attempt"), i + 1);
		html_member(out, att, "mx", "?");
		fputs(" [", out);
		html_member(out, att, "ip", "?");
		fputs("]</span>\n", out);
		steps = json_object_get(att, "steps");
		json_array_foreach(steps, k, step) {
			cmd = json_object_get(step, "command");
			if (json_is_string(cmd)) {
				fputs("<span class=\"c\">C: ", out);
				html_textn(out, json_string_value(cmd),
				    json_string_length(cmd));
				fputs("</span>\n", out);
			}
			wf_transcript_reply(out, step, lang);
		}
		/* the ending, unless the last step already said it */
		said = json_string_value(json_object_get(json_array_get(steps,
		    json_array_size(steps) - 1), "error"));
		if (json_is_string(json_object_get(att, "error")) &&
		    !attempt_error_said(said, json_string_value(
		    json_object_get(att, "error")))) {
			fputs("<span class=\"e\">!! ", out);
			wf_tr(out, json_object_get(att, "error"), lang);
			fputs("</span>\n", out);
		}
	}
	if (json_array_size(json_object_get(rec, "attempts")) == 0)
		fputs(catalog_label(lang, "report.no_session"), out);
	fputs("</pre></details>\n", out);
}

static void
wf_tls(FILE *out, const json_t *tls, enum lang lang)
{
	enum cert_trust trust = html_cert_trust(tls);
	const json_t *match = json_object_get(tls, "name_match");

	fputs("TLS ", out);
	html_member(out, tls, "version", "?");
	fputs(", ", out);
	html_member(out, tls, "cipher", "?");
	fputs(catalog_label(lang, "p.semi"), out);
	fputs(catalog_label(lang, html_cert_key(trust)), out);
	if (trust == CERT_NOT_VERIFIED &&
	    json_is_string(json_object_get(tls, "verify_error"))) {
		fputs(lang == LANG_ZH ? "（" : " (", out);
		wf_tr(out, json_object_get(tls, "verify_error"), lang);
		fputs(lang == LANG_ZH ? "）" : ")", out);
	}
	if (json_is_boolean(match)) {
		fputs(catalog_label(lang, "p.semi"), out);
		fputs(catalog_label(lang, json_is_true(match) ?
		    "report.name_match" : "report.name_mismatch"), out);
	}
	if (json_is_string(json_object_get(tls, "not_after"))) {
		fprintf(out, "%s%s ", catalog_label(lang, "p.semi"),
		    catalog_label(lang, "report.expires"));
		html_time(out, json_string_value(json_object_get(tls,
		    "not_after")));
	}
	if (json_is_string(json_object_get(tls, "subject"))) {
		fprintf(out, "%s%s ", catalog_label(lang, "p.semi"),
		    catalog_label(lang, "report.subject"));
		html_member(out, tls, "subject", "");
	}
}

static void
wf_attempts(FILE *out, const json_t *rec, enum lang lang)
{
	const json_t *att, *tls;
	size_t i;

	if (json_array_size(json_object_get(rec, "attempts")) == 0)
		return;
	fprintf(out, "<h4>%s</h4><ol class=\"atts\">\n",
	    catalog_label(lang, "report.attempts"));
	json_array_foreach(json_object_get(rec, "attempts"), i, att) {
		fputs("<li>", out);
		html_member(out, att, "mx", "?");
		fputs(" [", out);
		html_member(out, att, "ip", "?");
		fputs("]", out);
		wf_reused(out, att, lang);
		fputs(" — ", out);
		tls = json_object_get(att, "tls");
		if (json_is_object(tls))
			wf_tls(out, tls, lang);
		else
			fputs(catalog_label(lang, "report.no_tls"), out);
		if (json_is_string(json_object_get(att, "error"))) {
			fprintf(out, "%s<span class=\"bad-t\">",
			    catalog_label(lang, "p.semi"));
			wf_tr(out, json_object_get(att, "error"), lang);
			fputs("</span>", out);
		}
		fputs("</li>\n", out);
	}
	fputs("</ol>\n", out);
}

static void
wf_warnings(FILE *out, const json_t *rec, enum lang lang)
{
	const json_t *w = json_object_get(rec, "warnings"), *s;
	size_t i;

	if (json_array_size(w) == 0)
		return;
	fprintf(out, "<h4>%s</h4><ul class=\"warns\">\n",
	    catalog_label(lang, "report.warnings"));
	json_array_foreach(w, i, s) {
		if (!json_is_string(s))
			continue;
		fputs("<li>", out);
		wf_tr(out, s, lang);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

/*
 * The customer list's other fields (verify with CSV input), bounded.  A
 * field the row left empty is not shown: "note:" followed by nothing reads
 * as if something were missing from the page.
 */
static void
wf_input(FILE *out, const json_t *rec, enum lang lang)
{
	const json_t *in = json_object_get(rec, "input"), *v;
	const json_t *dup = json_object_get(rec, "duplicate_of");
	const char *key;
	char *cut, row[24];
	size_t n = 0;

	json_object_foreach((json_t *)in, key, v) {
		if (!json_is_string(v) || *json_string_value(v) == '\0')
			continue;
		if (n == WF_INPUT_MAX)
			break;
		if (n++ == 0)
			fputs("<p class=\"input\">", out);
		fputs("<span>", out);
		html_text(out, key);
		fprintf(out, "%s<b>", catalog_label(lang, "p.colon"));
		cut = agg_strndup(json_string_value(v), WF_LINE_MAX);
		html_text(out, cut);
		free(cut);
		fputs("</b></span> ", out);
	}
	if (n > 0)
		fputs("</p>\n", out);
	if (json_is_integer(dup)) {
		snprintf(row, sizeof(row), "%lld",
		    (long long)json_integer_value(dup));
		cut = catalog_label_with(lang, "report.duplicate_of", "{row}",
		    row);
		fprintf(out, "<p class=\"note\">%s</p>\n", cut);
		free(cut);
	}
}

void
waterfall_article(FILE *out, const json_t *rec, size_t anchor, enum lang lang)
{
	int v = verdict_from_name(json_string_value(json_object_get(rec,
	    "verdict")));
	int r = reason_from_name(json_string_value(json_object_get(rec,
	    "reason")));
	const json_t *stop;
	const char *stage, *bl, *own;
	char *expl;

	if (v < 0)
		return;
	stage = json_string_value(json_object_get(rec, "stage"));
	bl = json_string_value(json_object_get(rec, "blocklist"));
	fprintf(out, "<article class=\"addr\" id=\"a%zu\">\n<h3><span class=\"chip "
	    "%s\">", anchor, html_verdict_class(v, r < 0 ? REASON_UNKNOWN : r));
	html_text(out, catalog_verdict_label(lang, v));
	fputs("</span> <kbd>", out);
	html_member(out, rec, "address", "");
	fputs("</kbd>", out);
	if (json_is_integer(json_object_get(rec, "row")))
		fprintf(out, " <small>%s %lld</small>",
		    catalog_label(lang, "report.row"), (long long)
		    json_integer_value(json_object_get(rec, "row")));
	fputs("</h3>\n", out);
	wf_input(out, rec, lang);
	fputs("<p class=\"expl\">", out);
	own = result_explain_own(v, r < 0 ? REASON_UNKNOWN : r,
	    json_string_value(json_object_get(rec, "address")),
	    json_string_value(json_object_get(rec, "domain")), lang);
	expl = own != NULL ? xstrdup(own) : catalog_explain(lang, v, r < 0 ?
	    REASON_UNKNOWN : r, bl);
	html_text(out, expl);
	free(expl);
	if ((v == VERDICT_DELIVERABLE || v == VERDICT_CATCH_ALL) &&
	    result_json_tls_broken(rec))
		fprintf(out, " <b class=\"warn-t\">%s</b>",
		    catalog_label(lang, "explain.tls_broken"));
	fputs("</p>\n", out);
	/* A catch-all was accepted: nothing stopped; the explanation says why
	 * that proves nothing. */
	if (v != VERDICT_DELIVERABLE && v != VERDICT_CATCH_ALL && stage != NULL) {
		stop = wf_decisive(rec);
		if (stop == NULL && json_is_object(json_object_get(rec, "reply")))
			stop = json_object_get(rec, "reply");
		fprintf(out, "<p class=\"stop\"><b>%s</b> ",
		    catalog_label(lang, "report.stopped_at"));
		html_text(out, waterfall_stage_label(lang, stage));
		if (stop != NULL) {
			fprintf(out, "%s<code>", catalog_label(lang, "p.colon"));
			wf_short_reply(out, stop, lang);
			fputs("</code>", out);
		}
		fputs("</p>\n", out);
	}
	if (stage == NULL || strcmp(stage, "syntax") != 0)
		wf_timeline(out, rec, lang);
	wf_warnings(out, rec, lang);
	wf_attempts(out, rec, lang);
	wf_transcript(out, rec, lang);
	fputs("</article>\n", out);
}
