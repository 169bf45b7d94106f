/*
 * html.c - small helpers the report's writers share: a page's head and
 * script, escaped text (all escaping itself is esc_html's, in
 * probe/base/escape.c), verdict colours and number formatting.
 *
 * Public: html_head, html_script, html_text, html_tr, html_textn,
 * html_fmt_by, html_fmt, html_fmt_counts, html_member, html_group_class, html_verdict_class, html_step_class, html_time, html_bar,
 * html_count, html_count_fmt, html_cell_label.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "report_assets.h"
#include "base/escape.h"
#include "reports/html.h"
#include "base/util.h"

/* 'sha256-...' of our script, for the CSP: the script is built in, so once. */
static const char *
html_script_hash(void)
{
	static char hash[128];
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];

	if (hash[0] != '\0')
		return hash;
	if (EVP_Digest(asset_report_js, strlen(asset_report_js), md, &mdlen,
	    EVP_sha256(), NULL) != 1)
		fatalx("%s: SHA-256 failed", __func__);
	EVP_EncodeBlock(b64, md, (int)mdlen);
	snprintf(hash, sizeof(hash), "'sha256-%s'", b64);
	return hash;
}

void
html_head(FILE *out, enum lang lang, const char *title)
{
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; script-src %s; "
	    "img-src data:; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", lang == LANG_ZH ? "zh-CN" : "en",
	    html_script_hash());
	html_text(out, title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
	    asset_report_css);
}

void
html_script(FILE *out)
{
	fprintf(out, "<script>%s</script>\n", asset_report_js);
}

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
html_fmt_by(FILE *out, html_writer *write, enum lang lang, const char *key,
    size_t n, const char *const vals[])
{
	char *t = catalog_fmt(lang, key, n, vals);

	write(out, t);
	free(t);
}

void
html_fmt(FILE *out, enum lang lang, const char *key, size_t n,
    const char *const vals[])
{
	html_fmt_by(out, html_text, lang, key, n, vals);
}

/* catalog_fmt takes at most 9 values */
#define HTML_FMT_MAX	9

void
html_fmt_counts(FILE *out, enum lang lang, const char *key, size_t n,
    const size_t counts[])
{
	char buf[HTML_FMT_MAX][HTML_COUNT_SIZE];
	const char *vals[HTML_FMT_MAX];
	size_t i;

	if (n > HTML_FMT_MAX)
		fatalx("%s: %zu values for %s", __func__, n, key);
	for (i = 0; i < n; i++) {
		html_count_fmt(buf[i], counts[i]);
		vals[i] = buf[i];
	}
	html_fmt(out, lang, key, n, vals);
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
html_group_class(enum verdict_group g)
{
	static const char *cls[GROUP__LAST] = { "ok", "bad", "warn", "self" };

	return cls[g];
}

const char *
html_verdict_class(enum verdict v, enum reason r)
{
	return html_group_class(verdict_group(v, r));
}

enum cert_trust
html_cert_trust(const json_t *tls)
{
	const json_t *dane = json_object_get(tls, "dane");

	if (!json_is_true(json_object_get(tls, "verified")))
		return CERT_NOT_VERIFIED;
	if (json_is_false(json_object_get(tls, "name_match")) &&
	    !json_is_true(json_object_get(dane, "verified")))
		return CERT_ISSUER_ONLY;
	return CERT_VERIFIED;
}

const char *
html_cert_key(enum cert_trust t)
{
	static const char *key[] = {
		[CERT_VERIFIED] = "report.cert_verified",
		[CERT_ISSUER_ONLY] = "tls.issuer_trusted",
		[CERT_NOT_VERIFIED] = "report.cert_not_verified",
	};

	return key[t];
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
html_count_fmt(char buf[HTML_COUNT_SIZE], size_t n)
{
	char raw[24];
	size_t len, i, k = 0;

	snprintf(raw, sizeof(raw), "%zu", n);
	len = strlen(raw);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = raw[i];
	}
	buf[k] = '\0';
}

void
html_count(FILE *out, size_t n)
{
	char buf[HTML_COUNT_SIZE];

	html_count_fmt(buf, n);
	fputs(buf, out);
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
