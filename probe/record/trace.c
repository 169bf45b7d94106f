/*
 * trace.c - print a probe result for a person at a terminal.  Every text
 * that came from a server or the input goes through esc_terminal, so a
 * hostile banner cannot move the cursor or change the terminal's state.
 * Into a file or a pipe, and on a terminal 80 columns wide or wider, the
 * trace is laid out for 80 columns: what mxtrace says in its own words
 * (the TLS line, warnings, the verdict and its explanation) is wrapped
 * under its column; a server's replies and an error quoting one are shown
 * as they came, one line each - the same lines either way.  On a narrower
 * terminal (a phone's SSH app: 40 to 60 columns) the layout follows its
 * width, at least 40, and a server's words are wrapped too, never cut; on
 * one narrower than TRACE_VALUE_COL + TRACE_VALUE_ROOM a step's values go
 * on lines of their own under its label and latency.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record/trace.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"
#include "base/wrap.h"

#define TRACE_LABEL_COLS	19	/* the widest stage.* label fits */
#define TRACE_UNIT_COLS		4	/* "ms", "毫秒" */
/* where a step's value starts: label, " 123456 ", unit, two spaces */
#define TRACE_VALUE_COL		(2 + TRACE_LABEL_COLS + 8 + TRACE_UNIT_COLS + 2)
#define TRACE_VALUE_ROOM	40	/* the least room beside the label */
#define TRACE_UNDER_COL		4	/* a value's column under its label */

/* How the trace is laid out on the FILE it goes to. */
struct trace_lay {
	struct wrap_out	out;	/* the columns a line may take, a terminal? */
	size_t	col;		/* where a step's value starts */
	bool	narrow;		/* a narrow terminal: a server's words wrapped */
	size_t	pad;		/* blanks owed before a first value beside
				 * the label: none at the end of a line */
};

/* The layout for f, asked at each piece (a terminal may be resized). */
static struct trace_lay
trace_lay(FILE *f)
{
	struct trace_lay y;

	y.out = wrap_out_of(f);
	y.narrow = y.out.width < WRAP_COLS;
	y.col = y.out.width >= TRACE_VALUE_COL + TRACE_VALUE_ROOM ?
	    TRACE_VALUE_COL : TRACE_UNDER_COL;
	y.pad = 0;
	return y;
}

/* True when the values go under the label, not beside it. */
static bool
lay_under(const struct trace_lay *y)
{
	return y->col != TRACE_VALUE_COL;
}

/*
 * Print a label padded to TRACE_LABEL_COLS terminal columns (CJK counts two).
 */
static void
put_label(FILE *f, const char *label)
{
	fputs("  ", f);
	wrap_pad(f, label, TRACE_LABEL_COLS);
}

/*
 * A step's label and latency in the catalogue's unit (the report's too);
 * beside them the value's column.
 */
static void
put_label_ms(FILE *f, struct trace_lay *y, const char *label,
    long long ms, enum lang lang)
{
	const char *unit = catalog_label(lang, "unit.ms");
	size_t cols = wrap_cols(unit);

	put_label(f, label);
	fprintf(f, " %6lld %s", ms, unit);
	y->pad = lay_under(y) ? 0 :
	    (cols < TRACE_UNIT_COLS ? TRACE_UNIT_COLS - cols : 0) + 2;
}

/*
 * Go to where a step's next value starts: its first one beside the label
 * (*first), unless the values go under it, any further one on a line of
 * its own.
 */
static void
put_value_start(FILE *f, const struct trace_lay *y, bool *first)
{
	if (!*first || lay_under(y))
		fprintf(f, "\n%*s", (int)y->col, "");
	else
		fprintf(f, "%*s", (int)y->pad, "");
	*first = false;
}

/*
 * A line made from fmt (raw: names and addresses from the network or the
 * input included), escaped and wrapped from column col under indent.
 */
static void
put_wrapped_fmt(FILE *f, const struct trace_lay *y, size_t col, size_t indent,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
put_wrapped_fmt(FILE *f, const struct trace_lay *y, size_t col, size_t indent,
    const char *fmt, ...)
{
	va_list ap;
	char *t;

	va_start(ap, fmt);
	t = xvasprintf(fmt, ap);
	va_end(ap);
	wrap_put_value(f, &y->out, WRAP_ALWAYS, t, strlen(t), col, indent);
	free(t);
}

/* Punctuation in the reader's language (", " or "，"). */
#define P(lang, key)	catalog_label(lang, key)

/*
 * An error mxtrace wrote in English, in the user's language, from column
 * col: it often quotes a server, OpenSSL or the resolver, whose words are
 * kept together as a server's are: wrapped on a narrow terminal only.  A
 * server's bytes in it were escaped where they were quoted: not again.
 */
static void
put_tr(FILE *f, const struct trace_lay *y, const char *s, enum lang lang,
    size_t col, size_t indent)
{
	char *t;

	if (s == NULL)
		return;
	t = catalog_tr_text(lang, s);
	wrap_put_quoting(f, &y->out, WRAP_ON_NARROW, t, col, indent);
	free(t);
}

/* A warning, in the user's language, wrapped from column col under indent. */
static void
put_tr_wrapped(FILE *f, const struct trace_lay *y, const char *s,
    enum lang lang, size_t col, size_t indent)
{
	char *t = catalog_tr_text(lang, s);

	wrap_put_value(f, &y->out, WRAP_ALWAYS, t, strlen(t), col, indent);
	free(t);
}

/*
 * Reply text: EHLO shows its first line only (and " ..."), others every
 * line, each marked "< " as the server's words; the first line's mark and
 * codes are the caller's, ending at column col.
 */
static void
put_reply_text(FILE *f, const struct trace_lay *y, const struct step *s,
    size_t col)
{
	const char *p = s->text, *end = s->text + s->textlen, *nl = NULL;
	bool first = true;
	size_t len;
	char *t;

	while (p != NULL && p <= end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!first) {
			fprintf(f, "\n%*s< ", (int)y->col, "");
			col = y->col + 2;
		}
		if (s->stage == STAGE_EHLO && nl != NULL) {
			/* the mark of the lines left out goes with the line */
			t = xmalloc(len + 5);
			memcpy(t, p, len);
			memcpy(t + len, " ...", 5);
			wrap_put_value(f, &y->out, WRAP_ON_NARROW, t, len + 4,
			    col, y->col + 2);
			free(t);
		} else
			wrap_put_value(f, &y->out, WRAP_ON_NARROW, p, len, col,
			    y->col + 2);
		first = false;
		if (nl == NULL || s->stage == STAGE_EHLO)
			break;
		p = nl + 1;
	}
}

/* The columns the first word of a step's reply takes, escaped. */
static size_t
first_word_cols(const struct step *s)
{
	const char *nl = s->text != NULL ? memchr(s->text, '\n', s->textlen) :
	    NULL;

	if (s->text == NULL)
		return 0;
	return wrap_first_word_cols(s->text, nl != NULL ?
	    (size_t)(nl - s->text) : s->textlen);
}

static void
put_step(FILE *f, const struct step *s, enum lang lang)
{
	struct trace_lay y = trace_lay(f);
	char key[32], codes[48];
	bool first = true;
	size_t col;

	snprintf(key, sizeof(key), "stage.%s", stage_name(s->stage));
	put_label_ms(f, &y, catalog_label(lang, key), s->ms, lang);
	if (s->command != NULL) {
		put_value_start(f, &y, &first);
		fputs("> ", f);
		wrap_put_value(f, &y.out, WRAP_ON_NARROW, s->command,
		    strlen(s->command), y.col + 2, y.col + 2);
		if (s->code == 0 && s->error == NULL &&
		    (s->stage == STAGE_CONNECT || s->stage == STAGE_PROXY)) {
			fputc('\n', f);
			return;
		}
	}
	if (s->code != 0) {
		put_value_start(f, &y, &first);
		snprintf(codes, sizeof(codes), "< %d%s%s", s->code,
		    s->enhanced[0] ? " " : "", s->enhanced);
		fputs(codes, f);
		col = y.col + strlen(codes) + 1;
		if (y.narrow && col + first_word_cols(s) > y.out.width) {
			/* a long first word (<user@host>:) under the codes */
			fprintf(f, "\n%*s", (int)y.col + 2, "");
			col = y.col + 2;
		} else
			fputc(' ', f);
		put_reply_text(f, &y, s, col);
	} else if (s->error != NULL) {
		put_value_start(f, &y, &first);
		fputs("! ", f);
		put_tr(f, &y, s->error, lang, y.col + 2, y.col + 2);
	} else if (s->stage != STAGE_CONNECT && s->stage != STAGE_PROXY) {
		put_value_start(f, &y, &first);
		fputs(catalog_label(lang, "no_reply"), f);
	}
	fputc('\n', f);
	if (s->code != 0 && s->error != NULL) {
		fprintf(f, "%*s! ", (int)y.col, "");
		put_tr(f, &y, s->error, lang, y.col + 2, y.col + 2);
		fputc('\n', f);
	}
}

/* A certificate's expiry, 2026-12-31T05:41:58Z in --json, as its date. */
static const char *
tls_day(const char *t, char day[11])
{
	if (strlen(t) != 20 || t[10] != 'T' || t[19] != 'Z')
		return t;
	memcpy(day, t, 10);
	day[10] = '\0';
	return day;
}

/* At most this many of a certificate's names are listed in the trace. */
#define TRACE_NAMES_MAX	5

/*
 * The names a certificate carries, for a host it does not name: its
 * subjectAltName DNS names, the first TRACE_NAMES_MAX and how many more;
 * its subject when it has none.  Owned.
 */
static char *
tls_names(const struct tls_info *t, enum lang lang)
{
	char *out, *tmp, more[24];
	const char *v[2];
	size_t i;

	if (t->sans.n == 0)
		return xstrdup(t->subject != NULL ? t->subject : "-");
	out = xstrdup(t->sans.v[0]);
	for (i = 1; i < t->sans.n && i < TRACE_NAMES_MAX; i++) {
		tmp = xasprintf("%s, %s", out, t->sans.v[i]);
		free(out);
		out = tmp;
	}
	if (t->sans.n <= TRACE_NAMES_MAX)
		return out;
	snprintf(more, sizeof(more), "%zu", t->sans.n - TRACE_NAMES_MAX);
	v[0] = out;
	v[1] = more;
	tmp = catalog_fmt(lang, "tls.names_more", 2, v);
	free(out);
	return tmp;
}

/* A DANE-EE match: the key itself is bound (RFC 7672 3.1.1). */
static bool
tls_dane_ee(const struct tls_info *t)
{
	return t->dane != NULL && t->dane->verified && t->dane->matched_usage == 3;
}

/*
 * How far the certificate is trusted.  "Verified" only when a trusted
 * issuer signed it for this server, chain and name, as posttls-finger
 * says "Verified" and "Trusted" apart: a trusted issuer's certificate for
 * other names is "from a trusted issuer", not "verified, mx is not a name
 * on it", which reads as a contradiction; under DANE-EE no name is wanted.
 */
static const char *
tls_trust_key(const struct tls_info *t)
{
	if (!t->verified)
		return "tls.not_verified";
	if (!t->name_match && !tls_dane_ee(t))
		return "tls.issuer_trusted";
	return "tls.verified";
}

/*
 * Whether the certificate names the MX host: which of its names matched
 * when that is not the host itself (a wildcard), or the names it carries
 * instead; DANE-EE binds the key alone (RFC 7672 3.1.1).  Owned.
 */
static char *
tls_name_said(const struct tls_info *t, const char *mx, enum lang lang)
{
	const char *v[2];
	char *names, *out;

	if (tls_dane_ee(t))
		return xstrdup(catalog_label(lang, "tls.name_dane_ee"));
	if (t->name_match) {
		if (t->matched_name == NULL || mx == NULL ||
		    strcasecmp(t->matched_name, mx) == 0)
			return xstrdup(catalog_label(lang, "tls.name_match"));
		v[0] = t->matched_name;
		return catalog_fmt(lang, "tls.name_match_as", 1, v);
	}
	/* An address literal ([192.0.2.1]) is no name a certificate holds. */
	if (mx == NULL || *mx == '\0' || *mx == '[')
		return xstrdup(catalog_label(lang, "tls.name_mismatch"));
	names = tls_names(t, lang);
	v[0] = mx;
	v[1] = names;
	out = catalog_fmt(lang, "tls.name_missing", 2, v);
	free(names);
	return out;
}

/* "N bits", or "N of M bits" when the algorithm has more (M > N). Owned. */
static char *
tls_bits(int bits, int alg_bits, enum lang lang)
{
	char a[24], b[24];
	const char *v[2];

	snprintf(a, sizeof(a), "%d", bits);
	snprintf(b, sizeof(b), "%d", alg_bits);
	v[0] = a;
	v[1] = b;
	return catalog_fmt(lang, alg_bits > bits ? "tls.bits_of" : "tls.bits",
	    alg_bits > bits ? 2 : 1, v);
}

/* "NAME", "NAME DETAIL" or "NAME N bits" (bits > 0; detail first). Owned. */
static char *
tls_named(const char *name, const char *detail, int bits, enum lang lang)
{
	char *b, *out;

	if (detail != NULL)
		return xasprintf("%s %s", name, detail);
	if (bits <= 0)
		return xstrdup(name);
	b = tls_bits(bits, bits, lang);
	out = xasprintf("%s %s", name, b);
	free(b);
	return out;
}

/*
 * How strong the session is, as posttls-finger's one line says it: the
 * cipher's bits, the key exchange (a group's name, or DHE and its bits),
 * the server's signature (its key's curve or bits, its digest); each only
 * when known: a resumed session signs nothing, nor makes a resumed TLS
 * 1.2 session any key exchange.
 */
static void
tls_params_put(FILE *m, const struct tls_info *t, enum lang lang)
{
	char *x, *y;
	const char *v[2];

	if (t->cipher_bits > 0) {
		x = tls_bits(t->cipher_bits, t->cipher_alg_bits, lang);
		fprintf(m, "%s%s%s", P(lang, "p.open"), x, P(lang, "p.close"));
		free(x);
	}
	if (t->kex != NULL) {
		y = tls_named(t->kex, NULL, strcmp(t->kex, "DHE") == 0 ?
		    t->kex_bits : 0, lang);
		v[0] = y;
		x = catalog_fmt(lang, "tls.kex", 1, v);
		fprintf(m, "%s%s", P(lang, "p.comma"), x);
		free(x);
		free(y);
	}
	if (t->sig != NULL) {
		y = tls_named(t->sig, t->key_curve, t->key_bits, lang);
		v[0] = y;
		v[1] = t->sig_digest;
		x = catalog_fmt(lang, t->sig_digest != NULL ? "tls.sig_digest" :
		    "tls.sig", t->sig_digest != NULL ? 2 : 1, v);
		fprintf(m, "%s%s", P(lang, "p.comma"), x);
		free(x);
		free(y);
	}
}

/*
 * What TLS established, in one sentence: version and cipher (and how
 * strong: tls_params_put), the certificate's verdict and where its chain
 * failed, its names, its validity; raw here, escaped and wrapped by the
 * caller.  A failed DANE check is the verdict's cause, and the DANE line
 * below says it with the record it wanted: not said here too.  Owned.
 */
static char *
tls_text(const struct tls_info *t, const char *mx, enum lang lang)
{
	char *buf = NULL, day[11], *x, *w;
	const char *v[1];
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		fatalx("%s: open_memstream", __func__);
	fprintf(m, "%s %s", t->version != NULL ? t->version : "",
	    t->cipher != NULL ? t->cipher : "");
	tls_params_put(m, t, lang);
	fprintf(m, "%s%s", P(lang, "p.comma"), catalog_label(lang,
	    tls_trust_key(t)));
	if (!t->verified && t->verify_error &&
	    !(t->dane != NULL && !t->dane->verified)) {
		char *e = catalog_tr_text(lang, t->verify_error);

		w = tls_where_text(t);
		x = w != NULL ? catalog_tr_text(lang, w) : NULL;
		free(w);
		fprintf(m, "%s%s%s%s%s", P(lang, "p.open"), e,
		    x != NULL ? P(lang, "p.semi") : "", x != NULL ? x : "",
		    P(lang, "p.close"));
		free(x);
		free(e);
	}
	x = tls_name_said(t, mx, lang);
	fprintf(m, "%s%s", P(lang, "p.comma"), x);
	free(x);
	if (t->expired && t->not_after != NULL) {
		v[0] = tls_day(t->not_after, day);
		x = catalog_fmt(lang, "tls.expired_on", 1, v);
	} else if (t->not_yet_valid && t->not_before != NULL) {
		v[0] = tls_day(t->not_before, day);
		x = catalog_fmt(lang, "tls.valid_from", 1, v);
	} else if (t->not_after != NULL) {
		x = xasprintf("%s %s", catalog_label(lang, "tls.expires"),
		    tls_day(t->not_after, day));
	} else {
		x = NULL;
	}
	if (x != NULL)
		fprintf(m, "%s%s", P(lang, "p.comma"), x);
	free(x);
	if (fclose(m) != 0)
		fatalx("%s: fclose", __func__);
	return buf;
}

/*
 * Which certificate of the chain a TLSA record matched, as posttls-finger's
 * "Matched DANE EE certificate at depth 0": the server's own (depth 0) or
 * an issuer's (DANE-TA).  Owned; NULL: none matched.
 */
static char *
tls_dane_depth(const struct tls_dane *d, enum lang lang)
{
	char depth[24];
	const char *v[1];

	if (!d->verified || d->depth < 0)
		return NULL;
	snprintf(depth, sizeof(depth), "%d", d->depth);
	v[0] = depth;
	return catalog_fmt(lang, d->depth == 0 ? "tls.dane_at_own" :
	    "tls.dane_at_issuer", 1, v);
}

/*
 * The handshake step: its latency, then what TLS established or why it failed.
 */
static void
put_tls(FILE *f, const struct step *s, const struct tls_info *t,
    const char *mx, enum lang lang)
{
	struct trace_lay y = trace_lay(f);
	const char *label;
	char *text, *at;
	bool first = true;
	size_t i;

	put_label_ms(f, &y, catalog_label(lang, "tls"), s->ms, lang);
	put_value_start(f, &y, &first);
	if (t == NULL) {
		fputs("! ", f);
		put_tr(f, &y, s->error ? s->error : catalog_label(lang,
		    "tls.failed"), lang, y.col + 2, y.col + 2);
		fputc('\n', f);
		return;
	}
	text = tls_text(t, mx, lang);
	wrap_put_value(f, &y.out, WRAP_ALWAYS, text, strlen(text), y.col,
	    y.col);
	free(text);
	if (t->dane != NULL) {
		label = catalog_label(lang, t->dane->verified ? "tls.dane_ok" :
		    "tls.dane_failed");
		put_value_start(f, &y, &first);
		text = t->dane->verified ? xstrdup(t->dane->matched != NULL ?
		    t->dane->matched : "") : catalog_tr_text(lang,
		    t->dane->error != NULL ? t->dane->error : "");
		at = tls_dane_depth(t->dane, lang);
		put_wrapped_fmt(f, &y, y.col, y.col + 2, "%s%s%s%s%s%s", label,
		    lang == LANG_EN ? " " : "", text, at != NULL ?
		    P(lang, "p.open") : "", at != NULL ? at : "", at != NULL ?
		    P(lang, "p.close") : "");
		free(at);
		free(text);
		for (i = 0; !t->dane->verified && i < t->dane->own.n; i++) {
			put_value_start(f, &y, &first);
			put_wrapped_fmt(f, &y, y.col, y.col + 2, "%s%s%s",
			    catalog_label(lang, "tls.dane_own"),
			    lang == LANG_EN ? " " : "", t->dane->own.v[i]);
		}
	}
	fputc('\n', f);
}

/* An address literal's host (user@[192.0.2.1]): "[192.0.2.1]", its own
 * address, neither an MX nor a name to repeat with it. */
static bool
mx_is_literal(const struct mx_summary *m)
{
	const char *h = m->host;
	size_t n;

	if (h == NULL || h[0] != '[' || m->addresses.n != 1)
		return false;
	h += strncasecmp(h, "[IPv6:", 6) == 0 ? 6 : 1;
	n = strlen(m->addresses.v[0]);
	return strncmp(h, m->addresses.v[0], n) == 0 && strcmp(h + n, "]") == 0;
}

/* One MX of the plan: "MX 10 host [ip, ip]", wrapped under column col. */
static void
put_mx(FILE *f, const struct trace_lay *y, const struct mx_summary *m,
    enum lang lang, size_t col)
{
	char *addrs = xstrdup(""), *t, pref[24];
	size_t k;

	for (k = 0; k < m->addresses.n; k++) {
		t = xasprintf("%s%s%s", addrs, k ? ", " : "", m->addresses.v[k]);
		free(addrs);
		addrs = t;
	}
	snprintf(pref, sizeof(pref), "MX %d ", m->preference);
	if (mx_is_literal(m))
		put_wrapped_fmt(f, y, col, col + 2, "%s", m->host);
	else
		put_wrapped_fmt(f, y, col, col + 2,
		    "%s%s [%s]", m->preference >= 0 ? pref : catalog_tr(lang,
		    "(implicit MX) "), m->host != NULL ? m->host : "-",
		    m->addresses.n ? addrs : "-");
	free(addrs);
}

static void
put_plan(FILE *f, const struct probe_result *r, enum lang lang)
{
	struct trace_lay y = trace_lay(f);
	bool first = true;
	size_t i, k;

	put_label_ms(f, &y, catalog_label(lang, "stage.dns"), r->dns_ms,
	    lang);
	if (r->nmx == 0) {
		put_value_start(f, &y, &first);
		fputs("-", f);
	}
	for (i = 0; i < r->nmx; i++) {
		const struct mx_summary *m = &r->mx[i];

		put_value_start(f, &y, &first);
		put_mx(f, &y, m, lang, y.col);
		for (k = 0; k < m->warnings.n; k++) {
			put_value_start(f, &y, &first);
			fputs("! ", f);
			put_tr(f, &y, m->warnings.v[k], lang, y.col + 2,
			    y.col + 2);
		}
	}
	fputc('\n', f);
}

/*
 * The address as given, cut after ADDRESS_SHOWN_MAX bytes (at a character's
 * start) with its length said: a pasted paragraph would fill the screen
 * before the verdict that it is no address (--json keeps it whole).
 */
void
trace_head(FILE *f, const struct probe_result *r, enum lang lang)
{
	struct trace_lay y = trace_lay(f);
	const char *vals[1];
	char *more, nbuf[24];
	size_t len, cut;

	fputs("mxtrace: ", f);
	if (r->address != NULL) {
		len = strlen(r->address);
		cut = utf8_cut(r->address, len, ADDRESS_SHOWN_MAX);
		wrap_put_value(f, &y.out, WRAP_ON_NARROW, r->address, cut, 9,
		    2);
		if (cut < len) {
			snprintf(nbuf, sizeof(nbuf), "%zu", len);
			vals[0] = nbuf;
			more = catalog_fmt(lang, "trace.address_cut", 1, vals);
			fputs(more, f);
			free(more);
		}
	}
	fputc('\n', f);
}

void
trace_plan(FILE *f, const struct probe_result *r, enum lang lang)
{
	if (r->domain != NULL)
		put_plan(f, r, lang);
}

void
trace_attempt_head(FILE *f, const struct attempt *a, size_t n, enum lang lang)
{
	struct trace_lay y = trace_lay(f);
	char *via = xstrdup(""), *from = xstrdup("");

	if (a->proxy != NULL) {
		free(via);
		via = a->proxy_bound != NULL && a->proxy_bound[0] != '\0' ?
		    xasprintf(" %s %s%s%s %s%s", catalog_label(lang,
		    "via_proxy"), a->proxy, P(lang, "p.open"),
		    catalog_label(lang, "proxy_bound"), a->proxy_bound,
		    P(lang, "p.close")) : xasprintf(" %s %s",
		    catalog_label(lang, "via_proxy"), a->proxy);
	}
	if (a->local_ip[0] != '\0') {
		free(from);
		from = xasprintf("%s%s %s", P(lang, "p.comma"),
		    catalog_label(lang, "local_ip"), a->local_ip);
	}
	/* an address literal's host is the address: named once */
	put_wrapped_fmt(f, &y, 0, 2, "%s %zu%s%s%s[%s]:%d%s%s",
	    catalog_label(lang, "attempt"), n, P(lang, "p.colon"),
	    a->mx != NULL && a->mx[0] == '[' ? "" : a->mx != NULL ? a->mx : "-",
	    a->mx != NULL && a->mx[0] == '[' ? "" : " ",
	    a->ip, a->port, via, from);
	fputc('\n', f);
	free(via);
	free(from);
}

void
trace_step(FILE *f, const struct attempt *a, const struct step *s,
    enum lang lang)
{
	if (s->stage == STAGE_STARTTLS && s->command == NULL)
		put_tls(f, s, a->tls, a->mx, lang);
	else
		put_step(f, s, lang);
}

void
trace_attempt_end(FILE *f, const struct attempt *a, enum lang lang)
{
	/* the ending in words, unless the last step already said it */
	if (a->error != NULL && (a->nsteps == 0 ||
	    !attempt_error_said(a->steps[a->nsteps - 1].error, a->error))) {
		struct trace_lay y = trace_lay(f);

		fprintf(f, "  ! ");
		put_tr(f, &y, a->error, lang, 4, 4);
		fputc('\n', f);
	}
}

void
trace_waiting(FILE *f, enum stage stage, bool tls, long long ms,
    const char *what, enum lang lang)
{
	char key[32], *line = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&line, &len);

	if (m == NULL)
		fatalx("%s: open_memstream", __func__);
	if (tls)
		snprintf(key, sizeof(key), "tls");
	else
		snprintf(key, sizeof(key), "stage.%s", stage_name(stage));
	put_label(m, catalog_label(lang, key));
	fprintf(m, " %4lld.%lld %s  %s", ms / 1000, ms % 1000 / 100,
	    catalog_label(lang, "unit.s"), catalog_label(lang, what));
	if (fclose(m) != 0)
		fatalx("%s: fclose", __func__);
	/* within a column less: a line the terminal folds cannot be redrawn */
	fwrite(line, 1, wrap_fit(line, wrap_layout_cols(f) - 1), f);
	free(line);
}

/* The SGR colour of a verdict group: green, red, yellow, blue. */
static const char *
verdict_colour(enum verdict v, enum reason r)
{
	static const char *const sgr[GROUP__LAST] = {
		[GROUP_OK] = "\033[1;32m", [GROUP_NO] = "\033[1;31m",
		[GROUP_UNSURE] = "\033[1;33m", [GROUP_TESTER] = "\033[1;34m",
	};

	return sgr[verdict_group(v, r)];
}

/*
 * The end of the trace: the warnings, then the verdict in the reader's
 * words (its name for --json and the CSV in brackets), where the probe
 * stopped and why, and what it means and what to do.
 */
void
trace_tail(FILE *f, const struct probe_result *r, enum lang lang,
    bool colour)
{
	struct trace_lay y = trace_lay(f);
	size_t i;
	char *expl, *facts, *t, key[64];
	const char *why;

	if (r->warnings.n > 0)
		fprintf(f, "%s%s\n", catalog_label(lang, "warnings"),
		    lang == LANG_EN ? ":" : "：");
	for (i = 0; i < r->warnings.n; i++) {
		fputs("  - ", f);
		put_tr_wrapped(f, &y, r->warnings.v[i], lang, 4, 4);
		fputc('\n', f);
	}
	t = xasprintf("%s%s%s [%s]", catalog_label(lang, "verdict"),
	    P(lang, "p.colon"), catalog_verdict_label(lang, r->verdict),
	    verdict_name(r->verdict));
	/* the name for --json under the words when both do not fit */
	fprintf(f, "\n%s%s%s%s%s%s%s\n", catalog_label(lang, "verdict"),
	    P(lang, "p.colon"),
	    colour ? verdict_colour(r->verdict, r->reason) : "",
	    catalog_verdict_label(lang, r->verdict),
	    wrap_cols(t) > y.out.width ? "\n  [" : " [",
	    verdict_name(r->verdict), colour ? "]\033[0m" : "]");
	free(t);
	snprintf(key, sizeof(key), "report.reason.%s", reason_name(r->reason));
	why = catalog_label_or(lang, key, reason_name(r->reason));
	snprintf(key, sizeof(key), "stage.%s", stage_name(r->stage));
	facts = xasprintf("%s%s%s%s%s%s%s", catalog_label(lang, "reason"),
	    P(lang, "p.colon"), why, P(lang, "p.comma"),
	    catalog_label(lang, "stage"), P(lang, "p.colon"),
	    catalog_label(lang, key));
	if (r->blocklist[0]) {
		t = xasprintf("%s%s%s%s%s", facts, P(lang, "p.comma"),
		    catalog_label(lang, "blocklist"), P(lang, "p.colon"),
		    r->blocklist);
		free(facts);
		facts = t;
	}
	t = xasprintf("%s%s%s%s%lld %s", facts, P(lang, "p.comma"),
	    catalog_label(lang, "total_time"), P(lang, "p.colon"), r->total_ms,
	    catalog_label(lang, "unit.ms"));
	free(facts);
	facts = t;
	fputs("  ", f);
	wrap_put_value(f, &y.out, WRAP_ALWAYS, facts, strlen(facts), 2, 4);
	fputc('\n', f);
	free(facts);
	expl = result_explain(r, lang);
	fputs("  ", f);
	wrap_put_value(f, &y.out, WRAP_ALWAYS, expl, strlen(expl), 2, 2);
	fputc('\n', f);
	free(expl);
}

void
trace_print(FILE *f, const struct probe_result *r, enum lang lang)
{
	size_t i, k;

	trace_head(f, r, lang);
	trace_plan(f, r, lang);
	for (i = 0; i < r->nattempts; i++) {
		trace_attempt_head(f, &r->attempts[i], i + 1, lang);
		for (k = 0; k < r->attempts[i].nsteps; k++)
			trace_step(f, &r->attempts[i], &r->attempts[i].steps[k],
			    lang);
		trace_attempt_end(f, &r->attempts[i], lang);
	}
	trace_tail(f, r, lang, false);
}
