/*
 * sender_text.c - the terminal checklist of a sender run, every line
 * wrapped at 80 columns, or at a narrower terminal's width down to 40 (a
 * phone's SSH app; base/wrap.c): one entry per finding, worst first,
 * marked ✗ (fail), ? (unknown), ! (warn), i (info: optional, absent), ✓
 * (pass), with its subject and detail; then "what to do": the explanation
 * of each finding that is not a pass, once per explanation (under a
 * listing's, where to ask for removal); then how many DNS queries it
 * took.  Remote text (records, names) is escaped for the terminal.
 *
 * Public: sender_print, sender_advice_for.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/wrap.h"
#include "input/address.h"
#include "sender/sender_out.h"

static const char *const marks[CHECK__LAST] = { "✓", "i", "!", "?", "✗" };

/*
 * One line of the checklist: its parts joined, escaped and wrapped at 80
 * columns (a narrower terminal's width), the further lines indented by
 * indent (under the title).
 */
static void
st_para(FILE *f, size_t indent, const char *a, const char *b, const char *c,
    const char *d)
{
	char *line = xasprintf("%s%s%s%s", a, b ? b : "", c ? c : "", d ? d : "");

	wrap_put_width(f, line, 0, indent, wrap_layout_cols(f));
	fputc('\n', f);
	free(line);
}

/*
 * Which verdicts the advice of catalogue key key speaks of, and which of
 * their codes (*network): the IPs' own listings (sender.dnsbl.fail), their
 * networks' (dnsbl_neighbours.warn: codes whose scope is the network, like
 * Spamhaus DROP, even beside an own listing in the same answer) or the
 * domain's (dnsbl_domain.fail); NULL for any other key.  v is list i's
 * verdict for IP k (k < nips) or for the domain.
 */
static const struct dnsbl_verdict *
st_listed(const struct sender_report *r, const char *key, size_t i, size_t k,
    bool *network)
{
	const struct dnsbl_list *l = &r->opts->lists->lists[i];
	const struct dnsbl_verdict *v;
	const struct dnsbl_hit *h;

	*network = false;
	if (strcmp(key, "sender.dnsbl_domain.fail") == 0)
		return l->domain && k == 0 && (r->domain_v[i].state == DNSBL_LISTED ||
		    r->domain_v[i].state == DNSBL_POLICY) ? &r->domain_v[i] : NULL;
	if (l->domain || k >= r->nips)
		return NULL;
	v = &r->ips[k].v[i];
	if (strcmp(key, "sender.dnsbl.fail") == 0)
		return (h = dnsbl_part(v, false)) != NULL && !h->policy ? v : NULL;
	*network = true;
	if (strcmp(key, "sender.dnsbl_neighbours.warn") == 0)
		return dnsbl_part(v, true) != NULL ? v : NULL;
	return NULL;
}

/*
 * Under the advice about a listing: what each listing code of the part it
 * speaks of asks for (data/dnsbl.json "advice": XBL, an infected machine,
 * is not SBL, spam; DROP, the network, goes under the network's advice),
 * once each, then where to ask for removal, once per list that lists an
 * IP itself or the domain (the advice says "at the address shown").
 */
static void
st_listing_help(FILE *f, const struct sender_report *r, const char *key,
    enum lang lang)
{
	const struct dnsbl_set *lists = r->opts->lists;
	const char *said[DNSBL_LISTS_MAX * DNSBL_HITS_MAX], *vals[2];
	const struct dnsbl_verdict *v;
	size_t i, k, h, j, nsaid = 0, n = r->nips > 0 ? r->nips : 1;
	bool delist[DNSBL_LISTS_MAX] = { false }, network;
	char *line;

	for (i = 0; i < lists->n; i++)
		for (k = 0; k < n; k++) {
			if ((v = st_listed(r, key, i, k, &network)) == NULL)
				continue;
			delist[i] = !network;
			for (h = 0; h < v->nhits; h++) {
				if (v->hits[h].neighbours != network)
					continue;
				for (j = 0; j < nsaid && said[j] != v->hits[h].advice; j++)
					;
				if (v->hits[h].advice == NULL || j < nsaid ||
				    nsaid == sizeof(said) / sizeof(said[0]))
					continue;
				said[nsaid++] = v->hits[h].advice;
				st_para(f, 4, "  - ", catalog_tr(lang, v->hits[h].advice), NULL, NULL);
			}
		}
	for (i = 0; i < lists->n; i++) {
		if (!delist[i] || lists->lists[i].delist == NULL)
			continue;
		vals[0] = lists->lists[i].name;
		vals[1] = lists->lists[i].delist;
		line = catalog_fmt(lang, "sender.delist", 2, vals);
		st_para(f, 4, "  ", line, NULL, NULL);
		free(line);
	}
}

/*
 * The n unknown DKIM key findings as one line when there are several
 * (checks_folded, the HTML's decision too): sixteen identical "? DKIM key
 * ... SERVFAIL" lines hide the findings that matter.  True when finding i
 * is one of them and so is not printed alone; *said records that the
 * folded line was printed.
 */
static bool
st_dkim_folded(FILE *f, const struct sender_checks *cs, size_t i, size_t n,
    bool *said, enum lang lang)
{
	const char *vals[1];
	char count[32], *title, *line;

	if (!checks_folded(cs->v[i].id, check_status_name(cs->v[i].status), n))
		return false;
	if (*said)
		return true;
	*said = true;
	snprintf(count, sizeof(count), "%zu", n);
	vals[0] = count;
	title = xasprintf("%s %s  ", marks[CHECK_UNKNOWN], catalog_label(lang,
	    "sender.title.dkim_key"));
	line = catalog_fmt(lang, "sender.dkim_keys_unanswered", 1, vals);
	st_para(f, 2, title, line, NULL, NULL);
	free(title);
	free(line);
	return true;
}

/* One home for the "For these N" line: the terminal and the page say it alike. */
char *
sender_advice_for(enum lang lang, const char *const *subjects, size_t n)
{
	const char *vals[2];
	char count[32], *list = NULL, *t, *subject, *line = NULL;
	size_t i, k, distinct = 0;

	for (i = 0; i < n; i++) {
		for (k = 0; k < i && strcmp(subjects[k], subjects[i]) != 0; k++)
			;
		if (k < i)
			continue;
		subject = catalog_tr_text(lang, subjects[i]);
		t = xasprintf("%s%s%s", list ? list : "", list ?
		    catalog_label(lang, "p.comma") : "", subject);
		free(subject);
		free(list);
		list = t;
		distinct++;
	}
	if (distinct > 1) {
		snprintf(count, sizeof(count), "%zu", distinct);
		vals[0] = count;
		vals[1] = list;
		line = catalog_fmt(lang, "sender.advice_for", 2, vals);
	}
	free(list);
	return line;
}

/* Under the advice of key: whom it is for, when it is for several. */
static void
st_advice_for(FILE *f, const struct sender_checks *cs, const char *key,
    enum lang lang)
{
	const char *subjects[SENDER_CHECKS_MAX];
	char *line;
	size_t i, n = 0;

	for (i = 0; i < cs->n; i++)
		if (cs->v[i].status != CHECK_PASS && strcmp(cs->v[i].key, key) == 0)
			subjects[n++] = cs->v[i].subject;
	line = sender_advice_for(lang, subjects, n);
	if (line != NULL)
		st_para(f, 4, "  ", line, NULL, NULL);
	free(line);
}

void
sender_print(FILE *f, const struct sender_report *r,
    const struct sender_checks *cs, enum lang lang)
{
	const char *said[SENDER_CHECKS_MAX], *vals[2];
	char key[64], *title, *subject, *detail, *shown, *uni, queries[32],
	    ms[32];
	char ips[SENDER_IPS_MAX * (sizeof(r->ips[0].a.text) + 1)];
	size_t i, k, n, nsaid = 0, todo = 0, ndkim;
	bool dns_down = checks_run_dns_down(r), dkim_said = false;

	/* an IDN as its owner writes it, with the A-label the records use */
	shown = NULL;
	if (r->opts->domain != NULL) {
		uni = address_domain_unicode(r->opts->domain);
		shown = strcmp(uni, r->opts->domain) == 0 ? xstrdup(uni) : xasprintf("%s%s%s%s",
		    uni, catalog_label(lang, "p.open"), r->opts->domain, catalog_label(lang, "p.close"));
		free(uni);
	}
	st_para(f, 2, catalog_label(lang, "sender.title"), shown ?
	    catalog_label(lang, "p.colon") : NULL, shown, NULL);
	free(shown);
	if (r->nips > 0) {
		for (i = 0, n = 0; i < r->nips && n < sizeof(ips); i++)
			n += (size_t)snprintf(ips + n, sizeof(ips) - n, "%s%s", i ? " " : "",
			    r->ips[i].a.text);
		st_para(f, 2, catalog_label(lang, "sender.ips"), catalog_label(lang, "p.colon"),
		    ips, NULL);
	}
	if (dns_down) {
		vals[0] = r->opts->domain;
		detail = catalog_fmt(lang, "sender.dns_down", 1, vals);
		st_para(f, 2, detail, NULL, NULL, NULL);
		free(detail);
	}
	fputc('\n', f);
	for (i = 0, ndkim = 0; i < cs->n; i++)
		ndkim += checks_foldable(cs->v[i].id,
		    check_status_name(cs->v[i].status));
	for (i = 0; i < cs->n; i++) {
		if (st_dkim_folded(f, cs, i, ndkim, &dkim_said, lang))
			continue;
		snprintf(key, sizeof(key), "sender.title.%s", cs->v[i].id);
		title = xasprintf("%s %s  ", marks[cs->v[i].status], catalog_label(lang, key));
		subject = catalog_tr_text(lang, cs->v[i].subject);
		detail = catalog_tr_text(lang, cs->v[i].detail);
		st_para(f, 2, title, subject, catalog_label(lang, "p.colon"), detail);
		free(title);
		free(subject);
		free(detail);
	}
	for (i = 0; i < cs->n; i++) {
		if (cs->v[i].status == CHECK_PASS)
			continue;
		for (k = 0; k < nsaid && strcmp(said[k], cs->v[i].key) != 0; k++)
			;
		if (k < nsaid)
			continue;
		said[nsaid++] = cs->v[i].key;
		if (todo++ == 0)
			fprintf(f, "\n%s\n", catalog_label(lang, "sender.what_to_do"));
		st_para(f, 2, marks[cs->v[i].status], " ", catalog_label(lang, cs->v[i].key),
		    NULL);
		st_advice_for(f, cs, cs->v[i].key, lang);
		st_listing_help(f, r, cs->v[i].key, lang);
	}
	if (todo == 0)
		fprintf(f, "\n%s\n", catalog_label(lang, "sender.none_failed"));
	snprintf(queries, sizeof(queries), "%lu", r->queries);
	snprintf(ms, sizeof(ms), "%lld", r->ms);
	vals[0] = queries;
	vals[1] = ms;
	detail = catalog_fmt(lang, r->complete ? "sender.stats" : "sender.stats_deadline", 2, vals);
	fputc('\n', f);
	st_para(f, 0, detail, NULL, NULL, NULL);
	free(detail);
}
