/*
 * sender_text.c - the terminal checklist of a sender run: one line per
 * finding, worst first, marked ✗ (fail), ? (unknown), ! (warn), i (info:
 * optional, absent), ✓ (pass),
 * with its subject and detail, then "what to do": the explanation of each
 * finding that is not a pass, once per explanation.  Remote text (records,
 * names) is escaped for the terminal.
 *
 * Public: sender_print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "sender/sender_out.h"

static const char *const marks[CHECK__LAST] = { "✓", "i", "!", "?", "✗" };

static void
st_line(FILE *f, const char *s)
{
	char *e = esc_terminal(s, strlen(s));

	fputs(e, f);
	free(e);
}

void
sender_print(FILE *f, const struct sender_report *r, const struct sender_checks *cs,
    enum lang lang)
{
	const char *said[SENDER_CHECKS_MAX];
	char key[64], *detail;
	size_t i, k, nsaid = 0, todo = 0;

	fprintf(f, "%s", catalog_label(lang, "sender.title"));
	if (r->opts->domain != NULL) {
		fputs(catalog_label(lang, "p.colon"), f);
		st_line(f, r->opts->domain);
	}
	fputc('\n', f);
	if (r->nips > 0) {
		fprintf(f, "%s:", catalog_label(lang, "sender.ips"));
		for (i = 0; i < r->nips; i++) {
			fputc(' ', f);
			st_line(f, r->ips[i].a.text);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	for (i = 0; i < cs->n; i++) {
		snprintf(key, sizeof(key), "sender.title.%s", cs->v[i].id);
		fprintf(f, "%s %s  ", marks[cs->v[i].status], catalog_label(lang, key));
		detail = catalog_tr_text(lang, cs->v[i].subject);
		st_line(f, detail);
		free(detail);
		fputs(catalog_label(lang, "p.colon"), f);
		detail = catalog_tr_text(lang, cs->v[i].detail);
		st_line(f, detail);
		free(detail);
		fputc('\n', f);
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
			fprintf(f, "\n%s:\n", catalog_label(lang, "sender.what_to_do"));
		fprintf(f, "%s %s\n", marks[cs->v[i].status], catalog_label(lang, cs->v[i].key));
	}
	if (todo == 0)
		fprintf(f, "\n%s\n", catalog_label(lang, "sender.none_failed"));
	fprintf(f, "\n%s%s%lu%s%u%s%lld ms%s\n", catalog_label(lang, "sender.queries"),
	    catalog_label(lang, "p.colon"), r->queries, catalog_label(lang, "p.comma"),
	    r->rounds, catalog_label(lang, "p.comma"), r->ms,
	    r->complete ? "" : catalog_tr(lang, " (deadline)"));
}
