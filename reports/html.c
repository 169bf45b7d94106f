/*
 * html.c - small helpers the report's writers share: escaped text (all
 * escaping itself is esc_html's, in probe/base/escape.c), verdict colours and
 * number formatting.
 *
 * Public: html_text, html_tr, html_textn, html_member, html_verdict_class,
 * html_step_class, html_time, html_count.
 */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "reports/html.h"
#include "base/util.h"

void
html_textn(FILE *out, const char *s, size_t len)
{
	char *e;

	if (s == NULL)
		return;
	e = esc_html(s, len);
	fputs(e, out);
	free(e);
}

void
html_text(FILE *out, const char *s)
{
	if (s != NULL)
		html_textn(out, s, strlen(s));
}

void
html_tr(FILE *out, enum lang lang, const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = catalog_tr_text(lang, s);
	html_text(out, t);
	free(t);
}

void
html_member(FILE *out, const json_t *o, const char *key, const char *dflt)
{
	const json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		html_textn(out, json_string_value(v), json_string_length(v));
	else if (dflt != NULL)
		fputs(dflt, out);
}

const char *
html_verdict_class(enum verdict v, enum reason r)
{
	static const char *cls[GROUP__LAST] = { "ok", "bad", "warn", "self" };

	return cls[verdict_group(v, r)];
}

const char *
html_step_class(const json_t *step)
{
	const json_t *code = json_object_get(step, "code");
	json_int_t c;

	if (!json_is_integer(code))
		return json_is_string(json_object_get(step, "error")) ? "bad" : "ok";
	c = json_integer_value(code);
	if (c >= 200 && c < 400)
		return "ok";
	if (c >= 400 && c < 500)
		return "warn";
	return "bad";
}

void
html_time(FILE *out, const char *iso)
{
	char buf[24];

	if (iso != NULL && strlen(iso) >= 20 && iso[10] == 'T' &&
	    iso[strlen(iso) - 1] == 'Z') {
		memcpy(buf, iso, 19);
		buf[10] = ' ';
		buf[19] = '\0';
		/* report.js shows it in the reader's own time zone */
		fputs("<time datetime=\"", out);
		html_text(out, iso);
		fputs("\">", out);
		html_text(out, buf);
		fputs(" UTC</time>", out);
	} else
		html_text(out, iso);
}

void
html_count(FILE *out, size_t n)
{
	char buf[32], sep[40];
	size_t len, i, k = 0;

	snprintf(buf, sizeof(buf), "%zu", n);
	len = strlen(buf);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			sep[k++] = ',';
		sep[k++] = buf[i];
	}
	sep[k] = '\0';
	fputs(sep, out);
}

void
html_bar(FILE *out, const char *cls, double left, double width)
{
	/* a sliver stays visible; nothing runs past the end of the track */
	if (width < 0.4)
		width = 0.4;
	if (left > 99.6)
		left = 99.6;
	if (left + width > 100)
		width = 100 - left;
	fprintf(out, "<span class=\"wf-track\"><span class=\"wf-bar %s\" "
	    "style=\"left:%.2f%%;width:%.2f%%\"></span></span>", cls, left,
	    width);
}

void
html_cell_label(FILE *out, const char *sel, size_t nth, const char *label)
{
	char *e = esc_css_string(label, strlen(label));

	fprintf(out, "%s td:nth-child(%zu)::before{content:\"%s\"}", sel, nth, e);
	free(e);
}
