/*
 * sender_text.c - the terminal checklist of a sender run, every line
 * wrapped at 80 columns (base/wrap.c): one entry per finding, worst first,
 * marked ✗ (fail), ? (unknown), ! (warn), i (info: optional, absent), ✓
 * (pass), with its subject and detail; then "what to do": the explanation
 * of each finding that is not a pass, once per explanation (under a
 * listing's, where to ask for removal); then how many DNS queries it
 * took.  Remote text (records, names) is escaped for the terminal.
 *
 * Public: sender_print.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/wrap.h"
#include "sender/sender_out.h"

static const char *const marks[CHECK__LAST] = { "✓", "i", "!", "?", "✗" };

/*
 * One line of the checklist: its parts joined, escaped and wrapped at 80
 * columns, the further lines indented by indent (under the title).
 */
static void
st_para(FILE *f, size_t indent, const char *a, const char *b, const char *c, const char *d)
{
	char *line = xasprintf("%s%s%s%s", a, b ? b : "", c ? c : "", d ? d : "");

	wrap_put(f, line, 0, indent);
	fputc('\n', f);
	free(line);
}

/*
 * Where to ask for removal, under the advice that says "at the address
 * shown": once per list that lists one of the IPs itself (key
 * sender.dnsbl.fail) or the domain (sender.dnsbl_domain.fail).
 */
static void
st_delist(FILE *f, const struct sender_report *r, const char *key, enum lang lang)
{
	const struct dnsbl_set *lists = r->opts->lists;
	const struct dnsbl_list *l;
	const struct dnsbl_verdict *v;
	const char *vals[2];
	bool domain = strcmp(key, "sender.dnsbl_domain.fail") == 0, listed;
	char *line;
	size_t i, k;

	if (!domain && strcmp(key, "sender.dnsbl.fail") != 0)
		return;
	for (i = 0; i < lists->n; i++) {
		l = &lists->lists[i];
		if (l->delist == NULL || l->domain != domain)
			continue;
		listed = false;
		for (k = 0; k < (domain ? 1 : r->nips) && !listed; k++) {
			v = domain ? &r->domain_v[i] : &r->ips[k].v[i];
			listed = domain ? v->state == DNSBL_LISTED || v->state == DNSBL_POLICY :
			    v->state == DNSBL_LISTED && !v->neighbours;
		}
		if (!listed)
			continue;
		vals[0] = l->name;
		vals[1] = l->delist;
		line = catalog_fmt(lang, "sender.delist", 2, vals);
		st_para(f, 4, "  ", line, NULL, NULL);
		free(line);
	}
}

void
sender_print(FILE *f, const struct sender_report *r, const struct sender_checks *cs,
    enum lang lang)
{
	const char *said[SENDER_CHECKS_MAX], *vals[2];
	char key[64], *title, *subject, *detail, queries[32], ms[32];
	char ips[SENDER_IPS_MAX * (sizeof(r->ips[0].a.text) + 1)];
	size_t i, k, n, nsaid = 0, todo = 0;

	st_para(f, 2, catalog_label(lang, "sender.title"), r->opts->domain ?
	    catalog_label(lang, "p.colon") : NULL, r->opts->domain, NULL);
	if (r->nips > 0) {
		for (i = 0, n = 0; i < r->nips && n < sizeof(ips); i++)
			n += (size_t)snprintf(ips + n, sizeof(ips) - n, "%s%s", i ? " " : "",
			    r->ips[i].a.text);
		st_para(f, 2, catalog_label(lang, "sender.ips"), catalog_label(lang, "p.colon"),
		    ips, NULL);
	}
	fputc('\n', f);
	for (i = 0; i < cs->n; i++) {
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
		st_para(f, 2, marks[cs->v[i].status], " ", catalog_label(lang, cs->v[i].key), NULL);
		st_delist(f, r, cs->v[i].key, lang);
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
