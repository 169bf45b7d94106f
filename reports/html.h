/*
 * html.h - writing HTML: every string that did not come from mxtrace's own
 * catalogue goes through html_text (esc_html), whether it lands in text or
 * in a quoted attribute value.
 */
#ifndef MXTRACE_HTML_H
#define MXTRACE_HTML_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"
#include "meaning/verdict.h"

/*
 * A page's start, from <!DOCTYPE> to <body>: in lang, titled title
 * (escaped), the report's CSS embedded, and a Content-Security-Policy
 * under which the page makes no request and runs no script but html_script.
 */
void	 html_head(FILE *, enum lang, const char *title);
/* report.js, the one script html_head lets run: it shows html_time's
 * times in the reader's time zone (and pages a report's address table). */
void	 html_script(FILE *);
/* s escaped for HTML text or a double-quoted attribute; NULL writes nothing. */
void	 html_text(FILE *, const char *s);
/*
 * A text mxtrace wrote in English (a warning, an error, a finding) in the
 * page's language (catalog_tr_text), escaped; NULL writes nothing.
 */
void	 html_tr(FILE *, enum lang, const char *s);
/* The same for a string that may hold NUL bytes. */
void	 html_textn(FILE *, const char *s, size_t len);
/*
 * Catalogue sentence key filled in with vals[0] .. vals[n-1] (catalog_fmt:
 * {1} .. {n}, and each value's plural), escaped: the one place a page
 * makes, escapes and frees such a sentence.  html_fmt_by writes it with
 * write, a page's own escaping (sndreport's keeps an SPF term on one line);
 * html_fmt with html_text; html_fmt_counts with counts as the values, each
 * with thousands separators (html_count_fmt).
 */
typedef void html_writer(FILE *, const char *);
void	 html_fmt_by(FILE *, html_writer *write, enum lang, const char *key,
	    size_t n, const char *const vals[]);
void	 html_fmt(FILE *, enum lang, const char *key, size_t n,
	    const char *const vals[]);
void	 html_fmt_counts(FILE *, enum lang, const char *key, size_t n,
	    const size_t counts[]);
/* A JSON string member of o escaped; dflt (trusted) when absent or not a string. */
void	 html_member(FILE *, const json_t *o, const char *key, const char *dflt);
/*
 * "ok", "bad", "warn" or "self": the colour class of a verdict group
 * (green/red/amber, and blue for the tester's own problems), the one the
 * cards, the chart and the domains' badges give it.
 */
const char *html_group_class(enum verdict_group);
/* The colour class of a verdict and reason: its group's (verdict_group). */
const char *html_verdict_class(enum verdict, enum reason);
/*
 * How far a session's certificate (attempts[].tls) is trusted: verified (a
 * trusted issuer's, for this server, or DANE), only from a trusted issuer
 * (for other names), or not verified; html_cert_key gives each its
 * catalogue key ("tls.issuer_trusted" as the trace says it).
 */
enum cert_trust {
	CERT_VERIFIED,
	CERT_ISSUER_ONLY,
	CERT_NOT_VERIFIED
};
enum cert_trust html_cert_trust(const json_t *tls);
const char *html_cert_key(enum cert_trust);
/* The colour class of one SMTP step (attempts[].steps[]): by its reply
 * code; without a reply "bad" when it has an error, else "ok" (a connect). */
const char *html_step_class(const json_t *step);
/* An ISO 8601 UTC time ("2026-11-29T04:31:41.123Z") as "2026-11-29
 * 04:31:41 UTC" in a <time datetime> element (report.js shows it in the
 * reader's time zone), escaped; other text escaped as it is.  Not for
 * inside an attribute. */
void	 html_time(FILE *, const char *iso);
/* A waterfall track with one bar of class cls (trusted) from left% for
 * width%, kept visible and inside the track. */
void	 html_bar(FILE *, const char *cls, double left, double width);
/* A count with thousands separators ("100,000"). */
void	 html_count(FILE *, size_t);
/* The same into buf, for a catalogue sentence (escape it as text). */
#define HTML_COUNT_SIZE	32
void	 html_count_fmt(char buf[HTML_COUNT_SIZE], size_t);
/* One rule of a narrow screen's cell labels: "SEL td:nth-child(NTH)::before
 * {content:"LABEL"}", sel trusted, label escaped for a CSS string. */
void	 html_cell_label(FILE *, const char *sel, size_t nth, const char *label);

#endif
