/*
 * explain_print.c - print an explain result for a person.  Every text from
 * the input goes through esc_terminal: a hostile bounce cannot move the
 * cursor or change the terminal's state.
 *
 * Public: explain_print(), explain_put_label(), explain_put_esc(),
 * explain_put_sentence(), explain_put_meaning().  Columns and wrapped
 * sentences: base/wrap.h.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "base/escape.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/wrap.h"
#include "explain/complaint.h"
#include "explain/explain_print.h"
#include "explain/original.h"
#include "meaning/classify.h"

#define LABEL_COLS	14

size_t
explain_put_label(FILE *f, int indent, const char *label)
{
	size_t cols;

	fprintf(f, "%*s", indent, "");
	cols = wrap_pad(f, label, LABEL_COLS);
	fputc(' ', f);
	return (size_t)indent + cols + 1;
}

void
explain_put_esc(FILE *f, const char *s)
{
	char *e;

	if (s == NULL)
		return;
	e = esc_terminal(s, strlen(s));
	fputs(e, f);
	free(e);
}

/* The column after explain_put_label(f, indent, label). */
static size_t
label_end(int indent, const char *label)
{
	size_t w = wrap_cols(label);

	return (size_t)indent + (w > LABEL_COLS ? w : LABEL_COLS) + 1;
}

/*
 * s (from the input or the catalogue) from column col: on a terminal
 * narrower than WRAP_COLS (a phone's) wrapped under col, else whole on the
 * line as it always was; escaped either way.
 */
static void
put_value(FILE *f, const struct wrap_out *lay, const char *s, size_t col)
{
	wrap_put_value(f, lay, WRAP_ON_NARROW, s, strlen(s), col, col);
}

/*
 * Whether value's first word, from column col, passes the edge of a
 * terminal narrower than WRAP_COLS: a long address or host name then goes
 * under its label, not past the edge.
 */
static bool
value_under(const struct wrap_out *lay, const char *value, size_t col)
{
	return lay->width < WRAP_COLS &&
	    col + wrap_first_word_cols(value, strlen(value)) > lay->width;
}

/* Where the server's words are cut on a terminal: at EXPLAIN_QUOTE_MAX
 * bytes, a character boundary (all of them when not UTF-8 from there). */
static size_t
quote_cut(const char *text)
{
	size_t len = strlen(text), cut = 0, n;
	unsigned long cp;

	while (cut < len && cut < EXPLAIN_QUOTE_MAX &&
	    (n = utf8_decode(text + cut, len - cut, &cp)) > 0)
		cut += n;
	if (cut < len && cut < EXPLAIN_QUOTE_MAX)
		cut = len;	/* not UTF-8 from here: esc_terminal shows it */
	return cut;
}

/* The server's words quoted (and marked cut) as a narrower terminal
 * shows them, raw: wrap_put_value escapes them as esc_terminal would. */
static char *
quote_narrow(const char *text, enum lang l)
{
	size_t len = strlen(text), cut = quote_cut(text);

	return xasprintf("\"%.*s\"%s%s", (int)(cut < len ? cut : len), text,
	    cut < len ? " " : "", cut < len ? catalog_label(l,
	    "explain.quote_cut") : "");
}

/* Whether put_quote from column col puts the words under their label. */
static bool
quote_under(const struct wrap_out *lay, const char *text, enum lang l,
    size_t col)
{
	char *e;
	bool under;

	if (lay->width >= WRAP_COLS)
		return false;
	e = quote_narrow(text, l);
	under = value_under(lay, e, col);
	free(e);
	return under;
}

/*
 * The server's words in quotes from column col, cut on a terminal at
 * EXPLAIN_QUOTE_MAX bytes (a character boundary): a bounce can quote a
 * whole transcript, and --json keeps all of it.  On a terminal narrower
 * than WRAP_COLS (a phone's) they are wrapped, a further line indented by
 * indent (all of them by under when the first word does not fit), else
 * whole on the line.
 */
static void
put_quote(FILE *f, const struct wrap_out *lay, const char *text, enum lang l,
    size_t col, size_t indent, size_t under)
{
	size_t len = strlen(text), cut = quote_cut(text);
	char *e;

	if (lay->width < WRAP_COLS) {
		e = quote_narrow(text, l);
		if (value_under(lay, e, col)) {
			/* a long first word under the label */
			fprintf(f, "\n%*s", (int)under, "");
			col = indent = under;
		}
		wrap_put_value(f, lay, WRAP_ALWAYS, e, strlen(e), col, indent);
		free(e);
		return;
	}
	e = esc_terminal(text, cut < len ? cut : len);
	fputc('"', f);
	fputs(e, f);
	fputc('"', f);
	if (cut < len)
		fprintf(f, " %s", catalog_label(l, "explain.quote_cut"));
	free(e);
}

/* The reason in words, unless the verdict already says it ("Mailbox
 * full"), or alone where the verdict would mislead; a delay with what
 * holds it up (delay_reason, REASON__LAST for none).  Words only: the
 * reason's and the stage's names are for --json (the stage is "data"
 * whenever the bounce does not name the command). */
void
explain_put_meaning(FILE *f, const struct wrap_out *lay, enum verdict v,
    enum reason r, enum reason delay_reason, bool undelivered,
    const char *wording, enum lang l)
{
	const char *label = catalog_label(l, "explain.meaning"), *said;
	char key[64], wkey[64], *t, *both;

	explain_put_label(f, 4, label);
	/* a 5xx rate limit is temporary in kind, but a bounce's recipient
	 * did not get the message: no "Temporary failure" under "not
	 * delivered" */
	said = undelivered && v == VERDICT_TEMPORARY ? catalog_label(l,
	    "explain.undelivered_temporary") : catalog_verdict_label(l, v);
	/* a bounce that gives no cause names no refusal either: "Not
	 * delivered: Unknown cause", not "Blocked" (a note with no code) */
	if (undelivered && r == REASON_UNKNOWN)
		said = catalog_label(l, "explain.undelivered");
	snprintf(key, sizeof(key), "report.reason.%s", reason_name(r));
	/* a complaint, an out-of-office reply or a delivery report is not
	 * "Deliverable: ..." to its reader, though the message did arrive;
	 * a sender that gave up or still retries is no "Temporary failure" */
	/* a wording that says the reason's label would mislead (classify.h) */
	if (wording != NULL)
		snprintf(wkey, sizeof(wkey), "explain.wording.%s.meaning",
		    wording);
	if (wording != NULL && catalog_label_or(l, wkey, NULL) != NULL)
		t = xstrdup(catalog_label(l, wkey));
	else if ((r == REASON_FEEDBACK || r == REASON_AUTO_REPLY ||
	    r == REASON_DELIVERED || r == REASON_DELAYED ||
	    r == REASON_EXPIRED) && catalog_label_or(l, key, NULL) != NULL)
		t = xstrdup(catalog_label(l, key));
	/* "DNS error: DNS failure" says DNS twice and nothing more */
	else if (v != VERDICT_MAILBOX_FULL && v != VERDICT_NO_MAIL_DOMAIN &&
	    r != REASON_ACCEPTED && (v != VERDICT_DNS_ERROR ||
	    r != REASON_DNS_FAILURE) && catalog_label_or(l, key, NULL) != NULL)
		t = xasprintf("%s%s%s", said, catalog_label(l, "p.colon"),
		    catalog_label(l, key));
	else
		t = xstrdup(said);
	/* still retrying, and what holds it up */
	if (r == REASON_DELAYED && delay_reason != REASON__LAST) {
		snprintf(key, sizeof(key), "report.reason.%s",
		    reason_name(delay_reason));
		if (catalog_label_or(l, key, NULL) != NULL) {
			both = xasprintf("%s%s%s%s", t, catalog_label(l,
			    "p.open"), catalog_label(l, key),
			    catalog_label(l, "p.close"));
			free(t);
			t = both;
		}
	}
	/* mxtrace's own words, never copied: wrapped at any width (a
	 * temporary reason with its label passes 80 columns) */
	wrap_put_value(f, lay, WRAP_ALWAYS, t, strlen(t), label_end(4, label),
	    label_end(4, label));
	free(t);
	fputc('\n', f);
}

/* A header's date as 2026-11-30 09:01 +0800 (its own time zone), which
 * reads the same in every language; the header as it is when GMime
 * cannot read it.  Raw (for put_value, which escapes); owned. */
static char *
date_value(const char *date)
{
	GDateTime *dt;
	char *s, *out;

	if ((dt = g_mime_utils_header_decode_date(date)) == NULL)
		return xstrdup(date);
	s = g_date_time_format(dt, "%Y-%m-%d %H:%M %z");
	g_date_time_unref(dt);
	if (s == NULL)
		return xstrdup(date);
	out = xstrdup(s);
	g_free(s);
	return out;
}

/* date_value() escaped for the terminal; owned. */
static char *
date_text(const char *date)
{
	char *v = date_value(date), *e = esc_terminal(v, strlen(v));

	free(v);
	return e;
}

void
explain_put_piece(FILE *f, const struct wrap_out *lay, size_t *col,
    size_t indent, const char *sep, const char *piece)
{
	size_t w = wrap_cols(piece), width = lay->width;

	if (indent + w > width && lay->term) {
		/* wider than a line of its own: wrapped on from here */
		if (*col > indent) {
			fputs(sep, f);
			*col += wrap_cols(sep);
		}
		*col = wrap_put_escaped(f, lay, piece, *col, indent);
		return;
	}
	if (*col > indent && *col + wrap_cols(sep) + w > width) {
		fprintf(f, "\n%*s", (int)indent, "");
		*col = indent;
	} else if (*col > indent) {
		fputs(sep, f);
		*col += wrap_cols(sep);
	}
	fputs(piece, f);
	*col += w;
}

static void
line(FILE *f, const struct wrap_out *lay, int indent, enum lang l,
    const char *key, const char *value)
{
	const char *label = catalog_label(l, key);

	if (value == NULL)
		return;
	if (value_under(lay, value, label_end(indent, label))) {
		fprintf(f, "%*s%s\n%*s", indent, "", label, indent + 2, "");
		put_value(f, lay, value, (size_t)indent + 2);
	} else {
		explain_put_label(f, indent, label);
		put_value(f, lay, value, label_end(indent, label));
	}
	fputc('\n', f);
}

/* A date on a line of its own, formatted as date_value() does. */
static void
date_line(FILE *f, const struct wrap_out *lay, int indent, enum lang l,
    const char *key, const char *date)
{
	char *v = date_value(date);

	line(f, lay, indent, l, key, v);
	free(v);
}

static bool
has_last_attempt(const struct explain_result *r)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].last_attempt != NULL)
			return true;
	return false;
}

/*
 * When delivery failed (or was last tried), for "when did this bounce?":
 * a recipient's Last-Attempt-Date under it (print_rcpt); when no recipient
 * has one, the report's own Date: once, under the original message.
 */
static void
print_when(FILE *f, const struct wrap_out *lay,
    const struct explain_result *r, enum lang l)
{
	if (r->date == NULL || has_last_attempt(r) ||
	    (r->kind != EXPLAIN_FAILURE && r->kind != EXPLAIN_DELAYED))
		return;
	date_line(f, lay, 2, l, r->kind == EXPLAIN_FAILURE ?
	    "explain.bounced_at" : "explain.notice_at", r->date);
}

void
explain_put_sentence(FILE *f, const struct wrap_out *lay, enum lang l,
    const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	explain_put_label(f, 4, catalog_label(l, key));
	wrap_put_value(f, lay, WRAP_ALWAYS, value, strlen(value),
	    4 + LABEL_COLS + 1, 4 + LABEL_COLS + 1);
	fputc('\n', f);
}

/*
 * The original message on a terminal narrower than WRAP_COLS (a phone's):
 * each part on a line of its own under the value column, the subject and
 * the recipients wrapped.
 */
static void
print_original_narrow(FILE *f, const struct wrap_out *lay,
    const struct explain_original *o)
{
	const size_t vc = 2 + LABEL_COLS + 1;
	const char *sep = "";
	char *e, *p;

	if (o->subject != NULL) {
		p = xasprintf("\"%s\"", o->subject);
		wrap_put_value(f, lay, WRAP_ALWAYS, p, strlen(p), vc, vc);
		free(p);
		sep = "\n";
	}
	if (o->to != NULL) {
		p = xasprintf("-> %s", o->to);
		fprintf(f, "%s%*s", sep, *sep ? (int)vc : 0, "");
		wrap_put_value(f, lay, WRAP_ALWAYS, p, strlen(p), vc, vc + 3);
		free(p);
		sep = "\n";
	}
	if (o->date != NULL) {
		e = date_text(o->date);
		p = xasprintf("(%s)", e);
		fprintf(f, "%s%*s", sep, *sep ? (int)vc : 0, "");
		wrap_put_value(f, lay, WRAP_ALWAYS, p, strlen(p), vc, vc);
		free(p);
		free(e);
		sep = "\n";
	}
	if (o->message_id != NULL) {
		fprintf(f, "%s%*s", sep, *sep ? (int)vc : 0, "");
		wrap_put_value(f, lay, WRAP_ALWAYS, o->message_id,
		    strlen(o->message_id), vc, vc);
	}
	fputc('\n', f);
}

/* The original message on one line when it fits: "subject" -> to (date)
 * <message-id>, each part moving whole to the next line when it would
 * pass the edge. */
static void
print_original(FILE *f, const struct wrap_out *lay,
    const struct explain_original *o, enum lang l)
{
	size_t col = 2 + LABEL_COLS + 1;
	char *e, *p;

	if (o->subject == NULL && o->to == NULL && o->date == NULL &&
	    o->message_id == NULL)
		return;
	explain_put_label(f, 2, catalog_label(l, "explain.original"));
	if (lay->width < WRAP_COLS) {
		print_original_narrow(f, lay, o);
		return;
	}
	if (o->subject != NULL) {
		e = esc_terminal(o->subject, strlen(o->subject));
		p = xasprintf("\"%s\"", e);
		explain_put_piece(f, lay, &col, 2 + LABEL_COLS + 1, " ", p);
		free(p);
		free(e);
	}
	if (o->to != NULL) {
		e = esc_terminal(o->to, strlen(o->to));
		p = xasprintf("-> %s", e);
		explain_put_piece(f, lay, &col, 2 + LABEL_COLS + 1, " ", p);
		free(p);
		free(e);
	}
	if (o->date != NULL) {
		e = date_text(o->date);
		p = xasprintf("(%s)", e);
		explain_put_piece(f, lay, &col, 2 + LABEL_COLS + 1, " ", p);
		free(p);
		free(e);
	}
	if (o->message_id != NULL) {
		e = esc_terminal(o->message_id, strlen(o->message_id));
		explain_put_piece(f, lay, &col, 2 + LABEL_COLS + 1, " ", e);
		free(e);
	}
	fputc('\n', f);
}

/*
 * What a complaint names besides who complained (often hidden): the IP
 * address the message came from, its envelope sender unless the original's
 * From says it, when it arrived unless the original is dated, the domain
 * complained about unless it is the sender's (the original's From, else
 * the envelope's).
 */
static void
print_complaint(FILE *f, const struct wrap_out *lay,
    const struct explain_result *r, const char *dom, enum lang l)
{
	char *from = r->original.from == NULL ? NULL :
	    explain_address(r->original.from, strlen(r->original.from));

	line(f, lay, 2, l, "explain.source_ip", r->source_ip);
	if (r->mail_from != NULL && (from == NULL ||
	    strcasecmp(from, r->mail_from) != 0))
		line(f, lay, 2, l, "explain.mail_from", r->mail_from);
	free(from);
	if (r->arrival_date != NULL && r->original.date == NULL)
		date_line(f, lay, 2, l, "explain.arrival", r->arrival_date);
	if (dom == NULL && r->mail_from != NULL &&
	    strchr(r->mail_from, '@') != NULL)
		dom = strrchr(r->mail_from, '@') + 1;
	if (r->reported_domain != NULL && (dom == NULL ||
	    strcasecmp(r->reported_domain, dom) != 0))
		line(f, lay, 2, l, "explain.reported_domain",
		    r->reported_domain);
}

/* "mx.example.com [192.0.2.1]" or "(192.0.2.1)": a name and its address,
 * no words of the bounce to quote. */
static bool
host_and_ip(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];
	const char *sp = strchr(s, ' ');
	char ip[INET6_ADDRSTRLEN + 1];
	size_t n;

	if (sp == NULL || sp == s || (sp[1] != '[' && sp[1] != '('))
		return false;
	n = strlen(sp + 2);
	if (n < 2 || n - 1 >= sizeof(ip) || sp[2 + n - 1] !=
	    (sp[1] == '[' ? ']' : ')'))
		return false;
	memcpy(ip, sp + 2, n - 1);
	ip[n - 1] = '\0';
	return inet_pton(AF_INET, ip, buf) == 1 ||
	    inet_pton(AF_INET6, ip, buf) == 1;
}

static void
print_rcpt(FILE *f, const struct wrap_out *lay, const struct explain_result *r,
    const struct explain_rcpt *x, const char *dom, enum lang l)
{
	char key[64], *expl, *act, *t, *pre;
	const char *sep, *label, *fb = x->reason == REASON_FEEDBACK ?
	    complaint_meaning(l, r->feedback_type) : NULL;
	size_t col;
	bool under;

	if (x->address != NULL)
		line(f, lay, 2, l, "explain.recipient", x->address);
	else
		line(f, lay, 2, l, "explain.recipient", catalog_label(l,
		    x->unreadable ? "explain.rcpt_unreadable" :
		    r->kind == EXPLAIN_FEEDBACK ?
		    "explain.rcpt_unnamed.feedback" : "explain.rcpt_unnamed"));
	/* a complaint's "Feedback-Type: abuse" is said by its meaning */
	if (fb == NULL && (x->code != 0 || x->enhanced[0] != '\0' ||
	    x->text != NULL)) {
		/*
		 * an auto-reply's text is its subject, no server's words; words
		 * with no reply or enhanced code are the notice's own (QQ
		 * Mail's "收件人空间不足", qmail's "no mailbox here"), which no
		 * server said
		 */
		label = catalog_label(l, r->kind == EXPLAIN_AUTO_REPLY ?
		    "explain.auto_subject" : x->code == 0 &&
		    x->enhanced[0] == '\0' ? "explain.notice_said" :
		    "explain.reply");
		col = label_end(4, label);
		snprintf(key, sizeof(key), "%d", x->code);
		sep = "";
		pre = xstrdup("");
		if (x->code != 0 && (x->text == NULL ||
		    strstr(x->text, key) == NULL)) {
			free(pre);
			pre = xstrdup(key);
			sep = " ";
		}
		if (x->enhanced[0] != '\0' && (x->text == NULL ||
		    strstr(x->text, x->enhanced) == NULL)) {
			t = xasprintf("%s%s%s", pre, sep, x->enhanced);
			free(pre);
			pre = t;
			sep = " ";
		}
		col += strlen(pre);
		/* words moving under the label: no blanks left at its end */
		under = x->text != NULL && quote_under(lay, x->text, l,
		    col + strlen(sep));
		if (under && *pre == '\0')
			fprintf(f, "    %s", label);
		else {
			explain_put_label(f, 4, label);
			fputs(pre, f);
		}
		if (x->text != NULL) {
			if (!under)
				fputs(sep, f);
			put_quote(f, lay, x->text, l, col + strlen(sep),
			    label_end(4, label), 6);
		}
		free(pre);
		fputc('\n', f);
	}
	if (x->remote_mta != NULL && strchr(x->remote_mta, ' ') != NULL &&
	    !host_and_ip(x->remote_mta)) {
		/* more than a host name: the bounce's own words, quoted */
		label = catalog_label(l, "explain.remote_mta");
		explain_put_label(f, 4, label);
		t = xasprintf("\"%s\"", x->remote_mta);
		put_value(f, lay, t, label_end(4, label));
		free(t);
		fputc('\n', f);
	} else
		line(f, lay, 4, l, "explain.remote_mta", x->remote_mta);
	if (x->last_attempt != NULL && (r->kind == EXPLAIN_FAILURE ||
	    r->kind == EXPLAIN_DELAYED) && (x->action == ACTION_FAILED ||
	    x->action == ACTION_NONE || x->action == ACTION_DELAYED))
		date_line(f, lay, 4, l, x->action == ACTION_DELAYED ?
		    "explain.last_attempt" : "explain.failed_at",
		    x->last_attempt);
	if (x->will_retry_until != NULL)
		date_line(f, lay, 4, l, "explain.retry_until",
		    x->will_retry_until);
	if (fb != NULL)
		explain_put_sentence(f, lay, l, "explain.meaning", fb);
	else
		explain_put_meaning(f, lay, x->verdict, x->reason,
		    x->delay_reason, r->kind == EXPLAIN_FAILURE,
		    classify_wording(x->reason, x->text, x->text != NULL ?
		    strlen(x->text) : 0), l);
	/* RFC 6430's not-spam mark is no problem on anyone's side (its side
	 * is the reason's, feedback's, in --json) */
	snprintf(key, sizeof(key), "explain.side.%s", side_name(x->side));
	if (fb == NULL || strcmp(complaint_type(r->feedback_type),
	    "not-spam") != 0)
		line(f, lay, 4, l, "explain.side", catalog_label(l, key));
	complaint_words(l, r, x, dom, &expl, &act);
	explain_put_sentence(f, lay, l, "explain.why", expl);
	explain_put_sentence(f, lay, l, "explain.what_to_do", act);
	free(expl);
	free(act);
}

/* "Attached: bounce 2 of 3 in this message": which of a forward's
 * bounces this one is, each printed as a record of its own; a delivered
 * copy a forward attaches says whose headers are read. */
static void
print_attachment(FILE *f, const struct wrap_out *lay,
    const struct explain_result *r, enum lang l)
{
	char k[24], n[24], *text;
	const char *vals[2] = { k, n };

	snprintf(k, sizeof(k), "%zu", r->attachment);
	snprintf(n, sizeof(n), "%zu", r->attachments);
	text = catalog_fmt(l, r->kind == EXPLAIN_DELIVERED_MESSAGE ?
	    "explain.attachment_copy" : "explain.attachment_of", 2, vals);
	line(f, lay, 2, l, "explain.attachment", text);
	free(text);
}

void
explain_print(FILE *f, const struct explain_result *r, const char *file,
    size_t index, enum lang l)
{
	char key[64], num[24], *text, *dom = complaint_our_domain(r);
	const char *vals[1] = { num }, *stdin_vals[1];
	/* the terminal asked once: the whole page laid out for one width */
	struct wrap_out lay = wrap_out_of(f);
	size_t i;

	/* pasted text is named as such, not "-"; on a terminal a long path
	 * wraps, cut after a '/' */
	if (file != NULL && strcmp(file, "-") == 0) {
		stdin_vals[0] = catalog_tr(l, STDIN_NAME);
		text = catalog_fmt(l, "p.bracketed", 1, stdin_vals);
		fputs(text, f);
		free(text);
	} else if (file != NULL)
		wrap_put_value(f, &lay, WRAP_ON_TERM, file, strlen(file), 0, 0);
	if (index > 1)
		fprintf(f, " #%zu", index);
	fputc('\n', f);
	if (r->attachment > 0)
		print_attachment(f, &lay, r, l);
	line(f, &lay, 2, l, "explain.kind", complaint_kind_label(l, r));
	/* the reader that recognised a report; a delivered message or one
	 * that is no report has none worth a line ("received", "none") */
	if (r->format != NULL && r->kind != EXPLAIN_NOT_A_BOUNCE &&
	    r->kind != EXPLAIN_FORWARD_UNREAD &&
	    r->kind != EXPLAIN_DELIVERED_MESSAGE) {
		snprintf(key, sizeof(key), "explain.format.%s", r->format);
		line(f, &lay, 2, l, "explain.format", catalog_label_or(l, key,
		    r->format));
	}
	line(f, &lay, 2, l, "explain.reporting_mta", r->reporting_mta);
	if (r->kind == EXPLAIN_FEEDBACK)
		print_complaint(f, &lay, r, dom, l);
	print_original(f, &lay, &r->original, l);
	print_when(f, &lay, r, l);
	for (i = 0; i < r->nrcpts; i++)
		print_rcpt(f, &lay, r, &r->rcpts[i], dom, l);
	if (r->nrcpts == 0 && r->kind != EXPLAIN_NOT_A_BOUNCE &&
	    r->kind != EXPLAIN_FORWARD_UNREAD &&
	    r->kind != EXPLAIN_DELIVERED_MESSAGE) {
		fputs("  ", f);
		put_value(f, &lay, catalog_label(l, "explain.no_recipient"), 2);
		fputc('\n', f);
	}
	if (r->rcpts_dropped > 0) {
		snprintf(num, sizeof(num), "%zu", r->rcpts_dropped);
		text = catalog_fmt(l, "explain.dropped", 1, vals);
		fputs("  ", f);
		put_value(f, &lay, text, 2);
		fputc('\n', f);
		free(text);
	}
	/* mxtrace's words, wrapped as the notes below are */
	for (i = 0; i < r->notes.n; i++) {
		fputs("  ! ", f);
		wrap_put_value(f, &lay, WRAP_ALWAYS, r->notes.v[i],
		    strlen(r->notes.v[i]), 4, 4);
		fputc('\n', f);
	}
	if ((text = explain_fields_note(r, l)) != NULL) {
		fputs("  ! ", f);
		wrap_put_value(f, &lay, WRAP_ALWAYS, text, strlen(text), 4, 4);
		fputc('\n', f);
		free(text);
	}
	if ((text = explain_text_note(r, l)) != NULL) {
		fputs("  ! ", f);
		wrap_put_value(f, &lay, WRAP_ALWAYS, text, strlen(text), 4, 4);
		fputc('\n', f);
		free(text);
	}
	if ((text = explain_attached_note(r, l)) != NULL) {
		fputs("  ! ", f);
		wrap_put_value(f, &lay, WRAP_ALWAYS, text, strlen(text), 4, 4);
		fputc('\n', f);
		free(text);
	}
	if (r->print_extra != NULL)
		r->print_extra(f, &lay, r, l);
	fputc('\n', f);
	free(dom);
}
