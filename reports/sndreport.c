/*
 * sndreport.c - the HTML of a sender run, in the report's style (its CSS
 * and script, embedded, under the report's Content-Security-Policy): cards
 * counting the rows of failures, unknowns, warnings and passes (the
 * terminal's lines, the folded DKIM keys once), then each finding as a
 * row with its status chip, title, subject, detail and explanation (under
 * a blocklist finding, what each listing code asks for and where to ask
 * for removal).  When DNS did not answer for the domain, one line says so
 * first and the unknown DKIM selectors are one row, as on the terminal
 * (sender/checks.c decides); when the --message went straight from a PC
 * to the recipient's server (ips[].direct), one line says first to send
 * through the company's mail server, which the terminal says on stderr,
 * and the findings about that IP point to it (checks_page_key).
 * Every string is escaped (html.c), an SPF term or option in it kept on
 * one line (snd_text).  Read from the sender JSON object, so the same code
 * serves `mxtrace report`.
 *
 * Public: sndreport_html, sndreport_page.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input/address.h"
#include "reports/html.h"
#include "reports/sndreport.h"
#include "sender/checks.h"
#include "sender/sender_out.h"

static const struct {
	const char	*status;
	const char	*cls;
	const char	*mark;
} snd_status[] = {
	{ "fail", "bad", "\xe2\x9c\x97" }, { "unknown", "self", "?" },
	{ "warn", "warn", "!" }, { "info", "info", "i" }, { "pass", "ok", "\xe2\x9c\x93" },
};
#define SND_NSTATUS	(sizeof(snd_status) / sizeof(snd_status[0]))

/* a longer term may wrap, so it never widens a phone's page */
#define SND_TERM_MAX	40

/*
 * A finding's text, escaped, with each SPF term that starts with its
 * qualifier ("-all", "~all", "-include:x"), each option ("--message") and
 * each name with a hyphen inside ("_mta-sts.example.com",
 * "72-2-0-192.dyn.example.net") kept on one line: a phone breaks a line
 * after a hyphen, and "-" alone at a line's end, "all" on the next, reads
 * as two words, "_mta-" and "sts.example.com" as two names, not the
 * record's term or the name to look for.  The rest wraps as usual.
 */
static void
snd_text(FILE *out, const char *s)
{
	static const char term[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._:/=+~?%{}";
	size_t n;

	if (s == NULL)
		return;
	while (*s != '\0') {
		n = strcspn(s, term);
		html_textn(out, s, n);
		s += n;
		n = strspn(s, term);
		if (n > 1 && n <= SND_TERM_MAX && (memchr(s + 1, '-', n - 2) != NULL ||
		    (strchr("-~?+", s[0]) != NULL && (s[1] == '-' ||
		    (s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))))) {
			fputs("<span style=\"white-space:nowrap\">", out);
			html_textn(out, s, n);
			fputs("</span>", out);
		} else
			html_textn(out, s, n);
		s += n;
	}
}

/* snd_text of a remote or composed text in lang (catalog_tr_text). */
static void
snd_tr(FILE *out, enum lang lang, const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = catalog_tr_text(lang, s);
	snd_text(out, t);
	free(t);
}

/*
 * Under a blocklist finding's explanation: what each listing code of the
 * IP asks for (its advice, once each; the IP's own codes under dnsbl, the
 * codes whose scope is its network under dnsbl_neighbours) and, for the
 * IP's own listings,
 * where to ask for removal ("at the address shown"), from ips[] of the
 * same record.  Every string is the record's: escaped, never a link.
 */
static void
snd_listing_help(FILE *out, const json_t *o, const json_t *c, enum lang lang)
{
	const char *id = json_string_value(json_object_get(c, "id"));
	const char *subject = json_string_value(json_object_get(c, "subject"));
	const char *vals[2], *advice, *said[64], *scope;
	const json_t *ip, *listing, *code;
	size_t i, k, h, j, nsaid = 0;
	bool own;

	if (id == NULL || subject == NULL)
		return;
	own = strcmp(id, "dnsbl") == 0;
	if (!own && strcmp(id, "dnsbl_neighbours") != 0)
		return;
	json_array_foreach(json_object_get(o, "ips"), i, ip) {
		if (!json_is_string(json_object_get(ip, "ip")) ||
		    strcmp(json_string_value(json_object_get(ip, "ip")), subject) != 0)
			continue;
		json_array_foreach(json_object_get(ip, own ? "listings" : "neighbours"), k, listing) {
			json_array_foreach(json_object_get(listing, "codes"), h, code) {
				/* a listing holds the whole answer: each finding its part's codes */
				scope = json_string_value(json_object_get(code, "scope"));
				if ((scope != NULL && strcmp(scope, "neighbours") == 0) == own)
					continue;
				if ((advice = json_string_value(json_object_get(code, "advice"))) == NULL)
					continue;
				for (j = 0; j < nsaid && strcmp(said[j], advice) != 0; j++)
					;
				if (j < nsaid || nsaid == sizeof(said) / sizeof(said[0]))
					continue;
				said[nsaid++] = advice;
				fputs("<p class=\"expl\">", out);
				snd_text(out, catalog_tr(lang, advice));
				fputs("</p>", out);
			}
			vals[0] = json_string_value(json_object_get(listing, "list"));
			vals[1] = json_string_value(json_object_get(listing, "delist_url"));
			if (!own || json_is_true(json_object_get(listing, "policy")) ||
			    vals[0] == NULL || vals[1] == NULL)
				continue;
			fputs("<p class=\"expl\">", out);
			html_fmt_by(out, snd_text, lang, "sender.delist", 2, vals);
			fputs("</p>", out);
		}
	}
}

/* A finding's name, "" when the record has none. */
static const char *
snd_member(const json_t *c, const char *name)
{
	const char *v = json_string_value(json_object_get(c, name));

	return v != NULL ? v : "";
}

/*
 * A finding's place in snd_status: a status this version does not know (a
 * newer or a hostile record) is drawn as unknown, and counted so.
 */
static size_t
snd_status_of(const json_t *c)
{
	const char *st = snd_member(c, "status");
	size_t k;

	for (k = 0; k < SND_NSTATUS && strcmp(st, snd_status[k].status) != 0; k++)
		;
	return k < SND_NSTATUS ? k : 1;
}

/*
 * The unknown DKIM key findings as one row when there are several, as
 * on the terminal (checks_folded): sixteen identical rows hide the
 * findings that matter.
 */
static void
snd_dkim_folded(FILE *out, size_t n, enum lang lang)
{
	const char *vals[1];
	char count[32];

	snprintf(count, sizeof(count), "%zu", n);
	vals[0] = count;
	fprintf(out, "<tr><td><span class=\"chip self\">?</span></td><td><b>");
	html_text(out, catalog_label(lang, "sender.title.dkim_key"));
	fputs("</b> ", out);
	html_fmt_by(out, snd_text, lang, "sender.dkim_keys_unanswered", 1, vals);
	fputs("<p class=\"expl\">", out);
	snd_text(out, catalog_label(lang, checks_key("dkim_key", "unknown")));
	fputs("</p></td></tr>\n", out);
}

/*
 * The catalogue key of a finding's explanation_id (into buf), when the
 * catalogue has its words; else NULL.
 */
static const char *
snd_explanation_key(const json_t *c, char *buf, size_t len, enum lang lang)
{
	const char *eid = json_string_value(json_object_get(c, "explanation_id"));

	if (eid == NULL || (size_t)snprintf(buf, len, "sender.%s", eid) >= len ||
	    catalog_label_or(lang, buf, NULL) == NULL)
		return NULL;
	return buf;
}

/*
 * The IP of ips[] entry ip when a --message's PC sent straight from it to
 * the recipient's server (ips[].direct): the page's note says so first.
 */
static const char *
snd_direct_ip(const json_t *ip)
{
	if (!json_is_true(json_object_get(ip, "direct")))
		return NULL;
	return json_string_value(json_object_get(ip, "ip"));
}

/* Whether the page's note (snd_direct_ip) is about subject. */
static bool
snd_direct_said(const json_t *o, const char *subject)
{
	const json_t *ip;
	const char *v;
	size_t i;

	json_array_foreach(json_object_get(o, "ips"), i, ip)
		if ((v = snd_direct_ip(ip)) != NULL && strcmp(v, subject) == 0)
			return true;
	return false;
}

/*
 * A finding's advice: in the report's language when the finding is known,
 * the words the run chose (explanation_id), else, in a record without it,
 * those its id and status give; else the record's own explanation.  NULL
 * for a pass, a folded DKIM row or no words at all.
 */
static const char *
snd_advice_text(const json_t *o, const json_t *c, bool dns_down, size_t ndkim,
    enum lang lang)
{
	const char *st = snd_member(c, "status"), *id = snd_member(c, "id"), *ekey;
	char key[80];

	if (strcmp(snd_status[snd_status_of(c)].status, "pass") == 0 ||
	    checks_folded(id, st, ndkim))
		return NULL;
	ekey = snd_explanation_key(c, key, sizeof(key), lang);
	if (ekey == NULL)
		ekey = checks_advice_key(checks_key(id, st), dns_down,
		    json_string_value(json_object_get(json_object_get(o, "mx"),
		    "status")));
	/* the note at the top said to send through the mail server */
	ekey = checks_page_key(ekey, snd_direct_said(o, snd_member(c, "subject")));
	if (ekey != NULL)
		return catalog_label(lang, ekey);
	return json_string_value(json_object_get(c, "explanation"));
}

/*
 * Finding i's advice, said once, as on the terminal (sender_advice_for): the
 * first finding it is for says it, naming the others' subjects when there
 * are several (spf11's eleven IPs each wanting a PTR); the later ones say
 * nothing again.  adv[]: the first nadv findings' advice (a record read
 * by `mxtrace report` may hold any number: beyond SENDER_CHECKS_MAX, as a
 * run writes at most, each finding says its own).
 */
static void
snd_advice(FILE *out, const json_t *o, const char *const *adv, size_t nadv,
    size_t i, bool dns_down, size_t ndkim, enum lang lang)
{
	const json_t *checks = json_object_get(o, "checks");
	const char *text, **subjects;
	char *line;
	size_t j, n = 0;

	text = i < nadv ? adv[i] : snd_advice_text(o, json_array_get(checks, i),
	    dns_down, ndkim, lang);
	if (text == NULL)
		return;
	for (j = 0; j < i && j < nadv; j++)
		if (adv[j] != NULL && strcmp(adv[j], text) == 0)
			return;
	fputs("<p class=\"expl\">", out);
	snd_text(out, text);
	fputs("</p>", out);
	/* whom it is for */
	subjects = xcalloc(nadv > i ? nadv - i : 1, sizeof(*subjects));
	for (j = i; j < nadv; j++)
		if (adv[j] != NULL && strcmp(adv[j], text) == 0)
			subjects[n++] = snd_member(json_array_get(checks, j), "subject");
	line = sender_advice_for(lang, subjects, n);
	if (line != NULL) {
		fputs("<p class=\"expl\">", out);
		snd_text(out, line);
		fputs("</p>", out);
	}
	free(line);
	free(subjects);
}

/*
 * A line of the page above the findings, as its own paragraph of class
 * cls (its look): catalogue sentence key with val as its {1}.
 */
static void
snd_para(FILE *out, enum lang lang, const char *cls, const char *key,
    const char *val)
{
	fprintf(out, "<p class=\"%s\">", cls);
	html_fmt_by(out, snd_text, lang, key, 1, &val);
	fputs("</p>\n", out);
}

void
sndreport_html(FILE *out, const json_t *o, enum lang lang)
{
	const json_t *checks = json_object_get(o, "checks"), *c;
	const char *id, *domain, **adv;
	char key[80], *uni;
	size_t i, k, counts[SND_NSTATUS] = { 0 }, ndkim = 0, nadv;
	bool dns_down, folded, counted = false, dkim_said = false;

	json_array_foreach((json_t *)checks, i, c)
		ndkim += checks_foldable(snd_member(c, "id"), snd_member(c, "status"));
	/* the cards count the rows below: the folded ones once */
	json_array_foreach((json_t *)checks, i, c) {
		folded = checks_folded(snd_member(c, "id"), snd_member(c, "status"), ndkim);
		if (!folded || !counted)
			counts[snd_status_of(c)]++;
		counted |= folded;
	}
	/* the terminal's decision, from the record's spf and mx */
	dns_down = checks_dns_down(
	    json_string_value(json_object_get(json_object_get(o, "spf"), "status")),
	    json_string_value(json_object_get(json_object_get(o, "mx"), "status")));
	fputs("<section id=\"sender\">\n<h2>", out);
	html_text(out, catalog_label(lang, "sender.title"));
	if (json_is_string(json_object_get(o, "domain"))) {
		/* an IDN as its owner writes it, with the A-label the records use */
		domain = json_string_value(json_object_get(o, "domain"));
		uni = address_domain_unicode(domain);
		/* the language's colon and brackets, as the terminal's title */
		html_text(out, catalog_label(lang, "p.colon"));
		html_text(out, uni);
		if (strcmp(uni, domain) != 0) {
			html_text(out, catalog_label(lang, "p.open"));
			html_text(out, domain);
			html_text(out, catalog_label(lang, "p.close"));
		}
		free(uni);
	}
	fputs("</h2>\n", out);
	if (dns_down && json_is_string(json_object_get(o, "domain")))
		snd_para(out, lang, "expl", "sender.dns_down",
		    json_string_value(json_object_get(o, "domain")));
	/* a --message sent straight from a PC: sending through the company's
	 * mail server comes first, before any record of that line */
	json_array_foreach(json_object_get(o, "ips"), i, c)
		if (snd_direct_ip(c) != NULL)
			snd_para(out, lang, "stop", "sender.direct_pc", snd_direct_ip(c));
	nadv = json_array_size(checks) < SENDER_CHECKS_MAX ?
	    json_array_size(checks) : SENDER_CHECKS_MAX;
	adv = xcalloc(nadv ? nadv : 1, sizeof(*adv));
	for (i = 0; i < nadv; i++)
		adv[i] = snd_advice_text(o, json_array_get(checks, i), dns_down,
		    ndkim, lang);
	fputs("<div class=\"cards\">\n", out);
	for (k = 0; k < SND_NSTATUS; k++) {
		snprintf(key, sizeof(key), "sender.st.%s", snd_status[k].status);
		fprintf(out, "<div class=\"card %s\"><div class=\"n\">%zu</div>"
		    "<div class=\"t\">%s %s</div></div>\n", snd_status[k].cls, counts[k],
		    snd_status[k].mark, catalog_label(lang, key));
	}
	fputs("</div>\n<table class=\"counts\">\n", out);
	json_array_foreach((json_t *)checks, i, c) {
		if (checks_folded(snd_member(c, "id"), snd_member(c, "status"), ndkim)) {
			if (!dkim_said)
				snd_dkim_folded(out, ndkim, lang);
			dkim_said = true;
			continue;
		}
		id = json_string_value(json_object_get(c, "id"));
		/* an id this version does not know: shown as it is */
		k = snd_status_of(c);
		snprintf(key, sizeof(key), "sender.title.%s", id ? id : "");
		fprintf(out, "<tr><td><span class=\"chip %s\">%s</span></td><td><b>",
		    snd_status[k].cls, snd_status[k].mark);
		html_text(out, catalog_label_or(lang, key, id ? id : ""));
		fputs("</b> ", out);
		/* a rule's name is ours, an IP or a domain stays as it is */
		snd_tr(out, lang, json_string_value(json_object_get(c, "subject")));
		fputs("<div class=\"sub\">", out);
		snd_tr(out, lang, json_string_value(json_object_get(c, "detail")));
		fputs("</div>", out);
		if (strcmp(snd_status[k].status, "pass") != 0) {
			snd_advice(out, o, adv, nadv, i, dns_down, ndkim, lang);
			snd_listing_help(out, o, c, lang);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n</section>\n", out);
	free(adv);
}

void
sndreport_page(FILE *out, const json_t *o, enum lang lang)
{
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	html_head(out, lang, catalog_label(lang, "sender.title"));
	/* a page forwarded on its own: what it is and when it was checked
	 * (now: the page is written as the check ends), in the reader's time
	 * zone as on the report's other pages */
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("<header>\n<h1>", out);
	html_text(out, catalog_label(lang, "sender.title"));
	fprintf(out, "</h1>\n<dl class=\"meta\"><dt>%s</dt><dd>",
	    catalog_label(lang, "report.probed"));
	html_time(out, now);
	fputs("</dd></dl>\n</header>\n<main>\n", out);
	sndreport_html(out, o, lang);
	fputs("</main>\n", out);
	html_script(out);
	fputs("</body>\n</html>\n", out);
}
