/*
 * read_text.c - the reader of bounces without a delivery-status part: the
 * reporting system's own text (qmail, Exim, Postfix and Sendmail in plain
 * text, Exchange/Office 365 HTML, Gmail, Domino, Chinese providers...), or
 * text pasted by a person.
 *
 * Public: reader_text(), text_recipients().
 *
 * The body is cut where the returned copy of the original starts, then
 * each recipient line (an address at the start of a line, alone or
 * followed by ':' or the reply) opens a recipient whose reply is the text
 * up to the next one.  Which lines are recipient lines and where the copy
 * starts are the format's rules (textfmt.c); where in its text a reply
 * starts and ends is textreply.c's, and the server that gave it
 * remotehost.c's.  A message without any bounce sign is not a bounce.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/limits.h"
#include "base/memfind.h"
#include "base/util.h"
#include "explain/body.h"
#include "explain/dsn.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/mtacues.h"
#include "explain/original.h"
#include "explain/readers.h"
#include "explain/signs.h"
#include "explain/textfmt.h"
#include "explain/textreply.h"
#include "meaning/classify.h"

/* Lines of text kept as one recipient's reply. */
#define REPLY_LINES	12

/* Where the returned copy starts in lowered l: the body is read up to there. */
static size_t
body_end(const struct memfind_text *l, const struct textfmt *f)
{
	size_t best = l->len, at, i;
	const char *m;

	for (i = 0; (m = f->copy_marks[i]) != NULL; i++)
		if ((at = memfind_in(l, m)) < best)
			best = at;
	for (i = 0; (m = textfmt_copy_marks[i]) != NULL; i++)
		if ((at = memfind_in(l, m)) < best)
			best = at;
	return best;
}

/* Header name of msg, past its leading blanks; NULL when absent. */
static const char *
header_value(GMimeMessage *msg, const char *name)
{
	const char *v = mime_header_raw(GMIME_OBJECT(msg), name);

	while (v != NULL && (*v == ' ' || *v == '\t'))
		v++;
	return v;
}

/*
 * The system a header of msg names when its words do not: fml, the
 * mailing-list manager, marks its own mail "X-MLServer: fml [fml 4.0
 * ...]" (fml4 kern/fml.pl; go-sisimai lhost/via-fml.go recognises fml by
 * it), whatever its notice says (a loop, a refused sender); InterScan
 * MSS signs its notices From: "InterScan MSS for SMTP" <...> also when
 * their labels are translated (go-sisimai lhost/via-interscanmss.go);
 * IMail Server's X-Mailer is "<SMTP32 vN>" (via-imailserver.go), its
 * notice of one failed address holding none of its words.
 */
static const struct textfmt *
header_format(GMimeMessage *msg)
{
	const char *v = header_value(msg, "X-MLServer");

	if (v != NULL && strncasecmp(v, "fml", 3) == 0)
		return textfmt_named("fml");
	v = header_value(msg, "From");
	if (v != NULL && strncmp(v, "\"InterScan", 10) == 0)
		return textfmt_named("interscan");
	v = header_value(msg, "X-Mailer");
	if (v != NULL && strncmp(v, "<SMTP32 v", 9) == 0)
		return textfmt_named("imail");
	return textfmt_none();
}

/*
 * The system that wrote msg when its notice is in another system's words,
 * by a header field of its own; NULL when none says.  Zoho Mail writes
 * Exim's bounce_message_text ("This message was created automatically by
 * mail delivery software") and Sendmail's delay warning ("THIS IS A
 * WARNING MESSAGE ONLY"), and marks its mail X-ZohoMail (Sisimai's
 * Lhost/Zoho.pm knows its notices by that field alone).  The words' format
 * still reads the notice; the system names it.
 */
static const char *
header_system(GMimeMessage *msg)
{
	if (mime_header_raw(GMIME_OBJECT(msg), "X-ZohoMail") != NULL)
		return "zoho";
	return NULL;
}

/*
 * The format of msg, whose body lowered and prepared is l (its words, or
 * its headers), and where its returned copy starts (*cut).
 */
static const struct textfmt *
body_format(GMimeMessage *msg, const struct memfind_text *l, size_t *cut)
{
	const struct textfmt *f = textfmt_pick(l);

	if (f == textfmt_none())
		f = header_format(msg);
	*cut = body_end(l, f);
	return f;
}

/*
 * An address at the start of line p[0..n) (after blanks, '<', quotes), or
 * right after one of the format's recipient prefixes: owned, or NULL.
 * *unreadable: NULL because the address there was written with control
 * characters ("<a\x1b[31m@example.com>: 550 ..."), a recipient all the
 * same.
 */
static char *
line_address(const char *p, size_t n, const struct textfmt *f,
    int *unreadable)
{
	size_t i = 0, k, at, pl;

	*unreadable = 0;
	for (k = 0; f->rcpt_prefixes[k] != NULL; k++) {
		pl = strlen(f->rcpt_prefixes[k]);
		if ((at = extract_find(p, n, f->rcpt_prefixes[k])) !=
		    (size_t)-1) {
			i = at + pl;
			break;
		}
	}
	if (f->rcpt_prefixes[k] == NULL && (f->flags & TF_PREFIX_ONLY))
		return NULL;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '<' ||
	    p[i] == '\'' || p[i] == '*' || p[i] == '-' || p[i] == '>' ||
	    p[i] == '|'))
		i++;
	for (k = i; k < n && p[k] != '@' && (p[k] != ' ' || (i < n &&
	    p[i] == '"')) && p[k] != '\t' && p[k] != '<' && p[k] != ':'; k++)
		;
	if (k >= n || p[k] != '@' || k == i)
		return NULL;
	if (explain_word_unreadable(p, n, k)) {
		*unreadable = 1;
		return NULL;
	}
	return explain_address(p + i, n - i);
}

/*
 * The recipient of a Sendmail result line p[0..n): a reply code, blanks,
 * Sendmail 8's enhanced code and blanks ("550 5.1.1 <a@b>... User
 * unknown"), then "<a@b>..." or "a@b..." (the "..." is Sendmail's);
 * owned, or NULL.  *unreadable: NULL because the address there was
 * written with control characters ("550 <a\x1b[31m@example.com>... User
 * unknown"), a recipient all the same.
 */
static char *
result_address(const char *p, size_t n, int *unreadable)
{
	char enh[ENHANCED_MAX];
	size_t i = 3, b, e;
	const char *at;

	*unreadable = 0;
	if (n < 8 || p[0] < '2' || p[0] > '5' || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9' || p[3] != ' ')
		return NULL;
	while (i < n && p[i] == ' ')
		i++;
	if (i < n && p[i] == p[0] && extract_enhanced(p + i, n - i < 16 ?
	    n - i : 16, enh) && strncmp(p + i, enh, strlen(enh)) == 0 &&
	    i + strlen(enh) < n && p[i + strlen(enh)] == ' ')
		for (i += strlen(enh); i < n && p[i] == ' '; i++)
			;
	b = i;
	for (e = b; e + 2 < n && p[e] != ' '; e++)
		if (p[e] == '.' && p[e + 1] == '.' && p[e + 2] == '.')
			break;
	if (e + 2 >= n || p[e] != '.' || (at = memchr(p + b, '@', e - b)) ==
	    NULL)
		return NULL;
	if (explain_word_unreadable(p, n, (size_t)(at - p))) {
		*unreadable = 1;
		return NULL;
	}
	return explain_address(p + b, e - b);
}

/*
 * Recipient x's reply when it is the whole text before the copy (the
 * format writes the reason apart from the addresses): read once into
 * model, copied to each recipient.  keep: x's own codes (a DSN field's)
 * stay when it has them.
 */
static void
whole_reply(struct explain_rcpt *x, struct explain_rcpt *model,
    const char *body, size_t cut, const struct textfmt *f, int keep)
{
	if (model->text == NULL)
		textreply_take(model, body, cut, f);
	free(x->text);
	x->text = xstrdup_or_null(model->text);
	if (!keep || (x->code == 0 && x->enhanced[0] == '\0')) {
		x->code = model->code;
		memcpy(x->enhanced, model->enhanced, sizeof(x->enhanced));
	}
	x->stage = model->stage;
	x->stage_said = model->stage_said;
	if (!keep)
		x->action = ACTION_FAILED;
}

/*
 * The text of s before line p, blanks and line breaks skipped, ends with
 * phrase.
 */
static int
follows(const char *s, const char *p, const char *phrase)
{
	size_t n = strlen(phrase);
	const char *q = p;

	while (q > s && (q[-1] == '\n' || q[-1] == '\r' || q[-1] == ' ' ||
	    q[-1] == '\t'))
		q--;
	return (size_t)(q - s) >= n && extract_starts(q - n, n, phrase);
}

/*
 * Line p of s names no recipient: the sender, after Exim's
 * bounce_message_text "A message sent by\n\n  <sender>\n\ncould not be
 * delivered", or the alias, after Postfix's "<rcpt> (expanded from\n
 * <alias>): reason".
 */
static int
not_recipient_line(const char *s, const char *p)
{
	return follows(s, p, "a message sent by") ||
	    follows(s, p, "(expanded from");
}

/* The blanks line p starts with. */
static size_t
indent(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	return (size_t)(q - p);
}

/*
 * Line p, indented deeper than the open recipient's line (xindent), with
 * no blank line (gap) since that line and that line holding reply text
 * after its address (xwords), continues the recipient's reply even when it
 * starts with an address: Postfix's bounce(8) folds a long reply onto
 * lines indented by four blanks ("<a>: host h[192.0.2.1] said: 553
 * 5.1.8\n    <sender>... Domain of sender address ...").  A line with
 * nothing but its address is an entry of a list, and the next entry may
 * be indented deeper.
 */
static int
continues(const struct explain_rcpt *x, int gap, size_t xindent, int xwords,
    const char *p, const char *end)
{
	return x != NULL && !gap && xwords && indent(p, end) > xindent;
}

/* Line p[0..n) holds words after address a (not just "<a>:"). */
static int
words_after(const char *p, size_t n, const char *a)
{
	size_t at = extract_find(p, n, a), k;

	if (at == (size_t)-1)
		return 0;
	for (k = at + strlen(a); k < n; k++)
		if (strchr(" \t\r>:.,;'\"", p[k]) == NULL)
			return 1;
	return 0;
}

/*
 * A recipient whose lines hold nothing but its address: the notice wrote
 * the reason elsewhere ("Your message was not delivered within ...  The
 * following recipients did not receive this message: <a>").
 */
static int
says_nothing(const struct explain_rcpt *x)
{
	size_t n = x->text != NULL ? strlen(x->text) : 0;

	return x->code == 0 && x->enhanced[0] == '\0' && x->address != NULL &&
	    (n <= 4 || (n <= strlen(x->address) + 4 &&
	    extract_find(x->text, n, x->address) != (size_t)-1));
}

/* The recipient from index first on with address a, or NULL. */
static struct explain_rcpt *
listed(struct explain_result *r, size_t first, const char *a)
{
	size_t i;

	for (i = first; i < r->nrcpts; i++)
		if (r->rcpts[i].address != NULL &&
		    strcasecmp(r->rcpts[i].address, a) == 0)
			return &r->rcpts[i];
	return NULL;
}

/*
 * The line before p in s lists a delivery to a program: Exim's "pipe to
 * |cmd" (above "generated by ADDRESS", in its list of failed addresses
 * and above the program's output, deliver.c); the recipient's reply is
 * then the program's words.
 */
static int
pipe_listed(const char *s, const char *p)
{
	const char *q = p;

	if (q == s)
		return 0;
	for (q--; q > s && q[-1] != '\n'; q--)
		;
	return extract_find(q, (size_t)(p - q), "pipe to |") != (size_t)-1;
}

/*
 * Line p[0..n) holds nothing but address a, listed already with a reply
 * code of its own (for the open recipient x: a code on its line, xcode):
 * a repeat (MXLogic's notice lists "<a>: 550 unknown user",
 * then "<a>" alone), not another recipient.  A listing without a code
 * is not one (Exchange names the address above its notice, then again
 * above "#550 5.7.1 ..." in "Diagnostic information for administrators").
 */
static int
repeated(struct explain_result *r, size_t first, const struct explain_rcpt *x,
    int xcode, const char *a, const char *p, size_t n)
{
	struct explain_rcpt *y = listed(r, first, a);

	return y != NULL && (y->code != 0 || y->enhanced[0] != '\0' ||
	    (y == x && xcode)) && !words_after(p, n, a);
}

/*
 * The recipients in s[0..len): each recipient line opens one; its reply
 * runs to the next recipient line, REPLY_LINES lines or two blank lines.
 * An address listed again (Sendmail lists the failed addresses, then
 * each with its reason in the transcript) gives its reply to the first
 * listing when that one quoted no reply.  Returns how many were found.
 */
static size_t
scan_recipients(const char *s, size_t len, const struct textfmt *f,
    struct explain_result *r)
{
	const char *p = s, *end = s + len, *eol, *bstart = NULL;
	struct explain_rcpt *x = NULL;
	size_t n, found = 0, lines = 0, blanks = 0, first = r->nrcpts;
	size_t xindent = 0;	/* the recipient line's indentation */
	int xwords = 0;		/* the recipient line holds reply text */
	int xcode = 0;		/* the recipient line holds a reply code */
	int gap = 0;	/* a blank line since the recipient's line */
	int unr;	/* the line's address was unreadable */
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if ((a = line_address(p, n, f, &unr)) != NULL &&
		    repeated(r, first, x, xcode, a, p, n)) {
			/* a repeat ends the open reply and adds nothing */
			free(a);
			a = NULL;
			if (x != NULL)
				textreply_take(x, bstart, (size_t)(p - bstart),
				    f);
			x = NULL;
		} else if ((a != NULL || unr) && (not_recipient_line(s, p) ||
		    continues(x, gap, xindent, xwords, p, end))) {
			free(a);
			a = NULL;
			unr = 0;
		}
		if (a != NULL || unr) {
			if (x != NULL)
				textreply_take(x, bstart, (size_t)(p - bstart),
				    f);
			if (a != NULL && (x = listed(r, first, a)) != NULL &&
			    x->code == 0 && x->enhanced[0] == '\0')
				free(a);	/* listed again, with its reason */
			else if ((x = explain_rcpt_add(r)) != NULL) {
				x->address = a;
				x->unreadable = a == NULL;
				found++;
			} else
				free(a);
			if (x != NULL && pipe_listed(s, p))
				x->program = 1;
			bstart = p;
			lines = blanks = 0;
			gap = 0;
			xindent = indent(p, eol);
			xwords = x != NULL && x->address != NULL &&
			    words_after(p, n, x->address);
			xcode = extract_reply_start(p, n) != (size_t)-1;
		} else if (x != NULL) {
			blanks = extract_blank(p, n) ? blanks + 1 : 0;
			gap |= blanks > 0;
			/*
			 * the reply starts below a recipient line that holds
			 * only its address (Postfix's line_wrap puts "<a>:"
			 * alone on its line when the address is long): the
			 * lines indented as it is continue it, as after
			 * "<a>: reply"
			 */
			if (!gap && blanks == 0 && indent(p, eol) > xindent)
				xwords = 1;
			if (++lines > REPLY_LINES || blanks >= 2 ||
			    textreply_ends(p, n)) {
				textreply_take(x, bstart, (size_t)(p - bstart),
				    f);
				x = NULL;
			}
		}
		p = eol < end ? eol + 1 : end;
	}
	if (x != NULL)
		textreply_take(x, bstart, (size_t)(end - bstart), f);
	return found;
}

/*
 * Sendmail's result lines in s[0..len): each names a recipient, and its
 * reply is the transcript since the previous one (since the last "While
 * talking to HOST:" that starts a host's transcript) and the line itself.
 */
static size_t
scan_results(const char *s, size_t len, struct explain_result *r)
{
	const char *p = s, *end = s + len, *eol, *bstart = s;
	struct explain_rcpt *x;
	size_t found = 0;
	int unr;	/* the line's address was unreadable */
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((a = result_address(p, (size_t)(eol - p), &unr)) != NULL ||
		    unr) {
			if ((x = explain_rcpt_add(r)) == NULL) {
				free(a);
				break;
			}
			x->address = a;
			x->unreadable = a == NULL;
			textreply_take(x, bstart, (size_t)(eol - bstart),
			    textfmt_none());
			found++;
			bstart = eol < end ? eol + 1 : end;
		} else if (extract_starts(p, (size_t)(eol - p),
		    "While talking to") || extract_starts(p, (size_t)(eol -
		    p), "... while talking to"))
			bstart = p;	/* a new host's transcript (v5, v8) */
		p = eol < end ? eol + 1 : end;
	}
	return found;
}

/*
 * A format with TF_TRANSCRIPT (Sendmail 8: the list of failed recipients,
 * then the session's transcript): each recipient of r from first on whose
 * own lines named no command takes the one its result line's part of the
 * transcript names (scan_results).  With several recipients the list
 * cuts each one's lines before the transcript, which only the last one's
 * reached.
 */
static void
transcript_stages(const char *s, size_t len, struct explain_result *r,
    size_t first)
{
	struct explain_result t;
	struct explain_rcpt *x;
	size_t i, k;

	memset(&t, 0, sizeof(t));
	if (scan_results(s, len, &t) > 0)
		for (i = first; i < r->nrcpts; i++) {
			x = &r->rcpts[i];
			for (k = 0; x->address != NULL && !x->stage_said &&
			    k < t.nrcpts; k++)
				if (t.rcpts[k].stage_said &&
				    t.rcpts[k].address != NULL &&
				    strcasecmp(t.rcpts[k].address,
				    x->address) == 0)
					explain_rcpt_stage(x, t.rcpts[k].stage);
		}
	explain_result_free(&t);
}

/*
 * Addresses from the headers bounce generators add (Exim, Postfix), one
 * recipient each; an address written with control characters is one too,
 * said unreadable (each item of the list names a failed recipient).
 */
static size_t
header_recipients(GMimeMessage *msg, struct explain_result *r)
{
	static const char *const names[] = { "X-Failed-Recipients",
	    "X-Original-To-Failed", NULL };
	struct explain_rcpt *x;
	const char *p;
	size_t i, n, found = 0;
	char *v, *a, *next;
	int unr;

	for (i = 0; names[i] != NULL; i++) {
		if ((v = mime_header(GMIME_OBJECT(msg), names[i])) == NULL)
			continue;
		for (p = v; p != NULL && *p != '\0'; p = next) {
			next = strchr(p, ',');
			n = next ? (size_t)(next - p) : strlen(p);
			unr = explain_lead_unreadable(p, n);
			if ((a = unr ? NULL : explain_address(p, n)) == NULL &&
			    !unr)
				break;
			if ((x = explain_rcpt_add(r)) == NULL) {
				free(a);
				break;
			}
			x->address = a;
			x->unreadable = unr;
			x->action = ACTION_FAILED;
			found++;
			if (next != NULL)
				next++;
		}
		free(v);
	}
	return found;
}

/* Addresses that are never the failed recipient: daemons, the bounce's own. */
static int
excluded(const char *a, GMimeMessage *msg)
{
	static const char *const daemons[] = { "mailer-daemon@", "postmaster@",
	    "mail-daemon@", "maildaemon@", "mailerdaemon@", "root@", NULL };
	static const char *const own[] = { "From", "To", "Return-Path",
	    "Sender", NULL };
	size_t i, n = strlen(a);
	char *v;
	int hit;

	for (i = 0; daemons[i] != NULL; i++)
		if (extract_starts(a, n, daemons[i]))
			return 1;
	for (i = 0; own[i] != NULL; i++) {
		if ((v = mime_header(GMIME_OBJECT(msg), own[i])) == NULL)
			continue;
		hit = extract_find(v, strlen(v), a) != (size_t)-1;
		free(v);
		if (hit)
			return 1;
	}
	return 0;
}

/*
 * Whether a is named by the header a mail client wrote above the bounce it
 * forwards (original_bounce_head): the bounce goes back to the sender of
 * the message (RFC 5321 4.5.5, RFC 3464 2: to its reverse-path), so its
 * To is our own address, never the failed recipient, and its From a
 * daemon.  head may be NULL (none found).
 */
static int
bounce_head_names(const struct explain_original *head, const char *a)
{
	return head != NULL && ((head->to != NULL &&
	    extract_find(head->to, strlen(head->to), a) != (size_t)-1) ||
	    (head->from != NULL &&
	    extract_find(head->from, strlen(head->from), a) != (size_t)-1));
}

/*
 * The last resort: the first address in the text that is not a daemon's
 * or the bounce's own (its headers, or those a client wrote above it when
 * it was forwarded); its reply is its line and the lines after it, read
 * by the rules of format f (where its reply starts and ends).  An address
 * written with control characters is skipped here, not made a recipient
 * said unreadable: no line of a known format names it a recipient, and
 * in free text it may be anyone's (a signature, a quoted header, the
 * returned copy's From), so the bounce says no recipient could be read.
 */
static size_t
first_address(GMimeMessage *msg, const char *s, size_t len,
    const struct textfmt *f, struct explain_result *r)
{
	const char *p = s, *end = s + len, *eol;
	struct explain_original head;
	struct explain_rcpt *x;
	size_t found = 0;
	int has_head;
	char *a;

	memset(&head, 0, sizeof(head));
	has_head = original_bounce_head(s, len, &head);
	while (p < end && found == 0) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((a = explain_address(p, (size_t)(eol - p))) != NULL) {
			if (!excluded(a, msg) &&
			    !bounce_head_names(has_head ? &head : NULL, a) &&
			    (x = explain_rcpt_add(r)) != NULL) {
				x->address = a;
				textreply_take(x, p, (size_t)(end - p) < 2048 ?
				    (size_t)(end - p) : 2048, f);
				found = 1;
			} else
				free(a);
		}
		p = eol < end ? eol + 1 : end;
	}
	original_free(&head);
	return found;
}

/* DSN fields written into the text itself (no delivery-status part). */
static size_t
inline_dsn(const char *s, size_t len, struct explain_result *r)
{
	size_t at = extract_find(s, len, "Final-Recipient:");

	if (at == (size_t)-1)
		at = extract_find(s, len, "Original-Recipient:");
	if (at == (size_t)-1)
		return 0;
	return dsn_parse(s + at, len - at, r);
}

/*
 * DSN fields written in the text of a report of no known format (Amazon
 * WorkMail's "Technical report:"): a Final-Recipient and a Diagnostic-Code
 * or Status field, each at the start of a line.  They say more than the
 * lines around them; a known format's own lines come first.
 */
static int
has_dsn_fields(const char *s, size_t len)
{
	size_t at = extract_find(s, len, "\nFinal-Recipient:");

	return at != (size_t)-1 &&
	    (extract_find(s + at, len - at, "\nDiagnostic-Code:") != (size_t)-1 ||
	    extract_find(s + at, len - at, "\nStatus:") != (size_t)-1);
}

/*
 * A report flattened into text (its delivery-status part pasted or
 * re-encoded as plain text) still holds its Status fields: a recipient
 * whose own lines gave no enhanced code takes its group's.
 */
static void
inline_status(const char *s, size_t len, struct explain_result *r,
    size_t first)
{
	struct explain_result t;
	struct explain_rcpt *x;
	size_t i, k;

	if (!has_dsn_fields(s, len))
		return;
	memset(&t, 0, sizeof(t));
	if (inline_dsn(s, len, &t) > 0)
		for (i = first; i < r->nrcpts; i++) {
			x = &r->rcpts[i];
			for (k = 0; x->enhanced[0] == '\0' && x->address !=
			    NULL && k < t.nrcpts; k++)
				if (t.rcpts[k].address != NULL &&
				    strcasecmp(t.rcpts[k].address,
				    x->address) == 0)
					memcpy(x->enhanced, t.rcpts[k].enhanced,
					    sizeof(x->enhanced));
		}
	explain_result_free(&t);
}

/* The recipients of a body already read (f: its format, cut: its copy). */
static size_t
body_recipients(GMimeMessage *msg, const char *body, size_t len,
    const struct textfmt *f, size_t cut, struct explain_result *r)
{
	struct explain_rcpt model;
	size_t i, n = 0, first = r->nrcpts;

	memset(&model, 0, sizeof(model));
	if (f == textfmt_none() && has_dsn_fields(body, cut))
		n = inline_dsn(body, len, r);
	if (n == 0 && (f->flags & TF_RESULT_LINES))
		n = scan_results(body, cut, r);
	if (n == 0 && (n = scan_recipients(body, cut, f, r)) > 0 &&
	    (f->flags & TF_TRANSCRIPT))
		transcript_stages(body, cut, r, first);
	if (n == 0 && f->rcpt_prefixes[0] != NULL && cut < len)
		/* a format that lists the recipient after its details mark */
		n = scan_recipients(body, len, f, r);
	for (i = first; i < r->nrcpts; i++)
		if ((f->flags & TF_WHOLE_REPLY) || says_nothing(&r->rcpts[i]))
			whole_reply(&r->rcpts[i], &model, body, cut, f, 0);
	if (n == 0 && (n = header_recipients(msg, r)) > 0)
		for (i = first; i < r->nrcpts; i++)
			whole_reply(&r->rcpts[i], &model, body, cut, f, 0);
	if (n == 0 && (n = inline_dsn(body, len, r)) > 0)
		/* DSN fields without a Diagnostic-Code: the notice's words */
		for (i = first; i < r->nrcpts; i++)
			if (r->rcpts[i].text == NULL)
				whole_reply(&r->rcpts[i], &model, body, cut, f,
				    1);
	if (n == 0)
		n = first_address(msg, body, cut, f, r);
	if (n == 0 && cut < len) {	/* the returned copy's own To: */
		n = first_address(msg, body + cut, len - cut, textfmt_none(),
		    r);
		/*
		 * the notice names no recipient, its words are the reply, in
		 * any format: the copy's headers are no server's words
		 * (Sendmail V5's "421 example.jp (smtp)... Deferred:
		 * Connection timed out ..." names a host, not an address)
		 */
		if (n > 0)
			whole_reply(&r->rcpts[first], &model, body, cut, f, 0);
	}
	inline_status(body, len, r, first);
	explain_rcpt_clear(&model);
	return n;
}

size_t
text_recipients(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	const struct textfmt *f;
	const char *text;
	size_t len, cut;

	text = body_text(body, &len);
	f = body_format(msg, body_lowered(body), &cut);
	return body_recipients(msg, text, len, f, cut, r);
}

/*
 * A report that names no recipient at all (Postfix's "Delivery report
 * unavailable"): the returned copy's To is whom the message was for.  A
 * To written with control characters gives none (explain_address): it is
 * a guess at the failed recipient, not the report's word, and may list
 * others.
 */
static void
copy_recipient(struct explain_result *r, const char *body, size_t cut,
    const struct textfmt *f)
{
	struct explain_rcpt *x;
	char *a;

	if (r->original.to == NULL || (a = explain_address(r->original.to,
	    strlen(r->original.to))) == NULL)
		return;
	if ((x = explain_rcpt_add(r)) == NULL) {
		free(a);
		return;
	}
	x->address = a;
	textreply_take(x, body, cut, f);
}

/*
 * Whether pasted text quotes a server's refusal the way mail clients and
 * MTAs set it off: a 4xx or 5xx reply code opening a line, or after a
 * colon, a quote or a transcript's or reply's marker ("Delivery failed:
 * 550 ...", "returned '550 ...", "<<< 550 ...", "> 550 ..."),
 * rather than a number inside a letter's sentence ("The price is 450 USD",
 * "clause 5.1.1").  Only the first part of the text is searched.
 */
static int
quotes_refusal(const char *s, size_t len)
{
	char enh[ENHANCED_MAX];
	const char *nl;
	size_t at, end, code_at, k;
	int code;
	unsigned char c;

	if (len > EXPLAIN_PASTE_HEAD)
		len = EXPLAIN_PASTE_HEAD;
	for (at = 0; at < len; at = end + 1) {
		nl = memchr(s + at, '\n', len - at);
		end = nl != NULL ? (size_t)(nl - s) : len;
		if ((code_at = extract_reply_start(s + at, end - at)) ==
		    (size_t)-1)
			continue;
		extract_reply(s + at + code_at, end - at - code_at, &code, enh);
		if (code < 400 || code > 599)
			continue;
		/* a reply's text follows its code (RFC 5321 4.2), not an
		 * operator or a count's punctuation ("n < 512 ? n : 512") */
		for (k = at + code_at + 3; k < end && (s[k] == ' ' ||
		    s[k] == '\t' || s[k] == '-'); k++)
			;
		c = k < end ? (unsigned char)s[k] : '\r';
		if (c != '\r' && c < 0x80 && !isalnum(c) &&
		    strchr("<#[(\"'", c) == NULL)
			continue;
		for (k = at + code_at; k > at && (s[k - 1] == ' ' ||
		    s[k - 1] == '\t'); k--)
			;
		if (k == at || memchr(":'\"<>", s[k - 1], 5) != NULL)
			return 1;
	}
	return 0;
}

/*
 * The labels set before a server's reply quoted without its reply code:
 * Exchange's NDR "Remote Server returned '...'", RFC 3464's
 * "Diagnostic-Code: smtp; ...", and a client's "Delivery failed: ...".
 */
static const char *const reply_labels[] = { EXTRACT_EXCHANGE_SAID,
	"Diagnostic-Code: smtp;", "Diagnostic-Code:", "Delivery failed:", NULL };

/* Past the blanks from p[i] on, up to n. */
static size_t
past_blanks(const char *p, size_t n, size_t i)
{
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/*
 * Whether line p[0..n) opens with an enhanced code of class 4 or 5 where a
 * server's reply stands (RFC 3463: "5.1.1 ..." alone, as GMX and Gmail
 * quote it): at its start (past blanks and the "> " of a quote) or right
 * after one of reply_labels, then blanks and words (a letter, an address's
 * '<', a non-ASCII word; "5.1.0 - Unknown address" too).  The code goes to
 * enh.  A code inside a sentence ("Section 5.7.1 says", "see RFC 3463
 * section 5.1.1") stands nowhere a reply does.
 */
static int
enhanced_opens(const char *p, size_t n, char enh[ENHANCED_MAX])
{
	size_t i = 0, k, m;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
		i++;
	for (k = 0; reply_labels[k] != NULL; k++)
		if (extract_starts(p + i, n - i, reply_labels[k])) {
			i = past_blanks(p, n, i + strlen(reply_labels[k]));
			break;
		}
	if (i >= n || (p[i] != '4' && p[i] != '5') ||
	    !extract_enhanced(p + i, n - i < 16 ? n - i : 16, enh) ||
	    strncmp(p + i, enh, strlen(enh)) != 0)
		return 0;
	k = i + strlen(enh);
	if (k >= n || (p[k] != ' ' && p[k] != '\t'))
		return 0;
	for (m = k; m < n && (p[m] == ' ' || p[m] == '\t' || p[m] == '-' ||
	    p[m] == ':'); m++)
		;
	return m < n && (p[m] == '<' || (unsigned char)p[m] >= 0x80 ||
	    (p[m] >= 'a' && p[m] <= 'z') || (p[m] >= 'A' && p[m] <= 'Z'));
}

/*
 * The first enhanced code in the head of pasted text s[0..len) that
 * stands where a server's reply does (enhanced_opens), into enh; 0 when
 * none does.
 */
static int
enhanced_stands(const char *s, size_t len, char enh[ENHANCED_MAX])
{
	const char *nl;
	size_t at, end;

	if (len > EXPLAIN_PASTE_HEAD)
		len = EXPLAIN_PASTE_HEAD;
	for (at = 0; at < len; at = end + 1) {
		nl = memchr(s + at, '\n', len - at);
		end = nl != NULL ? (size_t)(nl - s) : len;
		if (enhanced_opens(s + at, end - at, enh))
			return 1;
	}
	enh[0] = '\0';
	return 0;
}

/*
 * Whether a recipient's words alone, without any code, name a cause the
 * classifier or a sending MTA's own words know ("user unknown", "邮箱已满",
 * "possible mail loop").
 */
static int
words_name_cause(const struct explain_rcpt *x)
{
	struct classification c;
	struct memfind_text mt;
	char *lowered;
	enum reason m;

	if (x->text == NULL)
		return 0;
	classify_bounce(x->stage, 550, "", x->text, strlen(x->text),
	    x->remote_mta, &c);
	if (c.named)
		return 1;
	lowered = extract_lower(x->text, strlen(x->text));
	memfind_prepare(&mt, lowered, strlen(x->text));
	m = mtacue_reason_in(&mt, NULL, NULL);
	free(lowered);
	return m != REASON__LAST;
}

/*
 * Whether a recipient's enhanced code without a reply code is a server's
 * refusal: where a reply stands, "5.1.1" also opens a contract's numbered
 * clause ("5.1.1 Payment is due within 30 days"), so its words must name
 * a cause too.
 */
static int
enhanced_said(const struct explain_rcpt *x)
{
	return (x->enhanced[0] == '4' || x->enhanced[0] == '5') &&
	    words_name_cause(x);
}

/*
 * Whether the reply taken from pasted text is a server's refusal rather
 * than a number in a letter ("The price is 450 USD", "clause 5.1.1"): its
 * code and enhanced code together as a server writes them ("550 5.1.1"),
 * or words or a provider's code the classifier knows ("554 DT:SPM"), also
 * words that only refine a bare code (RFC 5321's own "550 Requested action
 * not taken: mailbox unavailable", as Outlook.com answers an unknown
 * address), or without a reply code an enhanced code the caller found
 * standing where a reply does (enhanced_stands).
 */
static int
reply_said(const struct explain_rcpt *x)
{
	struct classification c;

	if (x->text == NULL || ((x->code < 400 || x->code > 599) &&
	    x->enhanced[0] != '4' && x->enhanced[0] != '5'))
		return 0;
	if (extract_reply_opens(x->text, strlen(x->text)))
		return 1;
	if (x->code < 400 || x->code > 599)
		return enhanced_said(x);
	classify_bounce(x->stage, x->code, x->enhanced, x->text,
	    strlen(x->text), x->remote_mta, &c);
	return c.named || c.by_code || c.by_words;
}

/*
 * Words that say a delivery failed, in the text of a pasted bounce that
 * quotes no code (a few lines copied from a mail client, Simplified and
 * Traditional Chinese alike): any of them keeps the text a bounce.
 */
static const char *const failure_words[] = {
	"fail", "undeliver", "not delivered", "could not be delivered",
	"couldn't be delivered", "reject", "refuse", "bounce", "returned",
	"does not exist", "doesn't exist", "unknown", "denied", "blocked",
	"invalid", "not found", "失败", "失敗", "退回", "退信", "拒收",
	"拒绝", "拒絕", "不存在", "无法", "無法", "未能", "无此", "無此",
	"错误", "錯誤", "被退",
	/* QQ Mail's notice: "很抱歉您的邮件没有发送成功" */
	"没有发送成功", "未发送成功", "发送不成功", NULL,
};

/* Whether text says in words that a delivery failed. */
static int
says_failure(const char *text, size_t len)
{
	size_t i;

	if (len > EXPLAIN_PASTE_HEAD)
		len = EXPLAIN_PASTE_HEAD;
	for (i = 0; failure_words[i] != NULL; i++)
		if (extract_find(text, len, failure_words[i]) != (size_t)-1)
			return 1;
	return signs_bounce_words(NULL, text);
}

/*
 * Whether pasted text s[0..len) is a fragment: at most
 * EXPLAIN_FRAGMENT_LINES lines that are not blank, the few lines a person
 * copies from a bounce (the address and the reply, or a client's sentence
 * above them).  Only there does a recipient's line or a client's label
 * (fragment_signs) stand for a bounce's sign: a README, a spreadsheet
 * export or a script holds "bob@example.com:" or "delivery failed" too.
 */
static int
fragment(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *eol;
	size_t lines = 0;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!extract_blank(p, (size_t)(eol - p)) &&
		    ++lines > EXPLAIN_FRAGMENT_LINES)
			return 0;
		p = eol < end ? eol + 1 : end;
	}
	return 1;
}

/*
 * Words only a notice of a failed delivery writes: its sentence
 * (Exchange's "Delivery has failed to these recipients or groups",
 * Postfix's and Exim's "could not be delivered", Gmail's "wasn't
 * delivered", qmail's "This is a permanent error", QQ Mail's
 * "没有发送成功", the Chinese providers' 退信 and 被退回), its heading
 * over the failed recipients (Exim's "failed recipients", Postfix's and
 * Domino's "the following recipient(s)/address(es)") or its subject
 * ("Delivery Status Notification (Failure)", Sendmail's "Returned mail",
 * qmail's "failure notice", 投递失败, 无法送达).
 */
static const char *const notice_words[] = {
	"not delivered", "could not be delivered", "couldn't be delivered",
	"wasn't delivered", "delivery has failed", "failed to deliver",
	"delivery status notification", "mail delivery failed",
	"delivery failure", "failure notice", "returned mail",
	"permanent error", "failed recipient", "the following recipient",
	"the following address", "退信", "退回", "拒收", "投递失败",
	"未能送达", "无法送达", "发送失败", "没有发送成功", "未发送成功",
	"发送不成功", NULL,
};

/*
 * Whether pasted text of no known format holds a bounce's sign, which
 * text longer than a fragment needs (a README, a .tsv or .csv export, a
 * script, notes are none): a server's reply code or enhanced status code
 * where a reply stands (quotes: the caller's quotes_refusal of the text;
 * enhanced_stands), a DSN field (RFC 3464 Final-Recipient,
 * Diagnostic-Code), a notice's own sentence or heading (notice_words).  A word alone a notice's subject holds
 * ("undeliverable", "rejected:") is none: mxtrace's own results and
 * notes about them hold it too.
 */
static int
bounce_signs(const char *s, size_t len, int quotes)
{
	char enh[ENHANCED_MAX];
	size_t i, head = len < EXPLAIN_PASTE_HEAD ? len : EXPLAIN_PASTE_HEAD;

	if (quotes || enhanced_stands(s, len, enh) ||
	    extract_find(s, head, "Final-Recipient:") != (size_t)-1 ||
	    extract_find(s, head, "Diagnostic-Code:") != (size_t)-1)
		return 1;
	for (i = 0; notice_words[i] != NULL; i++)
		if (extract_find(s, head, notice_words[i]) != (size_t)-1)
			return 1;
	return 0;
}

/*
 * Whether a line of s[0..len) opens with an address and a colon, as
 * Postfix's notices give each failed recipient ("<bob@example.com>: host
 * ... said: ...", bounce(8)'s per-recipient line) and qmail's
 * ("<bob@example.com>:" over its reply), or holds an address alone over
 * more text, as Exim's does ("The following address(es) failed:", each
 * address on its own line over its reason) and as a person copies an
 * address and its reply out of a mail client (Foxmail: the address, then
 * "账号不存在"): a fragment copied from one holds it, a note that an
 * address "does not exist" does not.  A "> " quote before it is skipped.
 */
static int
recipient_line(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *eol, *q, *a;
	int at;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		for (q = p; q < eol && (*q == ' ' || *q == '\t' || *q == '>');
		    q++)
			;
		if (q < eol && *q == '<')
			q++;
		for (a = q, at = 0; q < eol && *q != ':' && *q != '>' &&
		    *q != '<' && *q != ' ' && *q != '\t' && *q != '\r'; q++)
			at |= *q == '@';
		if (at && q > a && q < eol && *q == '>')
			q++;
		if (at && q > a && q < eol && *q == ':')
			return 1;
		if (at && q > a && extract_blank(q, (size_t)(eol - q)) &&
		    !extract_blank(eol, (size_t)(end - eol)))
			return 1;
		p = eol < end ? eol + 1 : end;
	}
	return 0;
}

/*
 * The label a mail client or an MTA sets before a recipient's failure in
 * the few lines a person copies ("Delivery failed: ...", qmail's "I'm not
 * going to try again"): a fragment's sign, not a long text's (a README
 * says "if delivery failed, ...").
 */
static const char *const fragment_words[] = {
	"delivery failed", "not going to try again", NULL,
};

/*
 * Whether a fragment (fragment()) holds a bounce's sign: the signs long
 * text needs (bounce_signs), a recipient's line in a notice's form
 * (recipient_line), a client's label over the failure (fragment_words).
 * Its words alone ("bob@example.com does not exist" in a six-line note)
 * are no bounce.
 */
static int
fragment_signs(const char *s, size_t len, int quotes)
{
	size_t i;

	if (bounce_signs(s, len, quotes) || recipient_line(s, len))
		return 1;
	for (i = 0; fragment_words[i] != NULL; i++)
		if (extract_find(s, len, fragment_words[i]) != (size_t)-1)
			return 1;
	return 0;
}

/*
 * Pasted text with no reply code that says in words both that delivery
 * failed and why ("退信原因：收件人邮箱已满", "Delivery failed: message
 * rejected under suspicion of SPAM"): a person copied a notice's lines,
 * not the server's reply.  Both are needed: a letter that only mentions
 * a full mailbox is no bounce.
 */
static int
words_said(const struct explain_rcpt *x, const char *text, size_t len)
{

	if (x->text == NULL || x->code != 0 || x->enhanced[0] != '\0' ||
	    !says_failure(text, len))
		return 0;
	return words_name_cause(x);
}

/*
 * Text pasted with the server's reply but no address (a sales person
 * copies only the line "550 5.1.1 user unknown"), or with a notice's
 * words alone (words_said): one recipient, not named, holding that
 * reply, so its meaning and what to do are said rather than only that
 * no recipient could be read.  Whether one was added.
 */
static int
unnamed_recipient(struct explain_result *r, const char *text, size_t len,
    const struct textfmt *f)
{
	struct explain_rcpt x, *to;

	memset(&x, 0, sizeof(x));
	explain_rcpt_stage(&x, STAGE__LAST);
	textreply_take(&x, text, len, f);
	/* without a reply code, an enhanced code only where a reply stands */
	if ((x.code < 400 || x.code > 599) && x.enhanced[0] != '\0')
		(void)enhanced_stands(text, len, x.enhanced);
	if ((reply_said(&x) || words_said(&x, text, len)) &&
	    (to = explain_rcpt_add(r)) != NULL) {
		*to = x;
		return 1;
	}
	explain_rcpt_clear(&x);
	return 0;
}

/*
 * Whether a recipient's words name a cause the classifier knows ("user
 * unknown", "邮箱不存在") when no reply code is said.
 */
static int
names_cause(const struct explain_result *r)
{
	struct classification c;
	const struct explain_rcpt *x;
	size_t i;

	for (i = 0; i < r->nrcpts; i++) {
		x = &r->rcpts[i];
		if (x->text == NULL)
			continue;
		/* no code: read as a refusal, as the bounce's meaning is */
		classify_bounce(x->stage, 550, x->enhanced, x->text,
		    strlen(x->text), x->remote_mta, &c);
		if (c.named)
			return 1;
	}
	return 0;
}

/*
 * The sentences a sending MTA writes in its warning that a message is
 * still being retried, not returned: Postfix's delay_template and
 * Sendmail's ("THIS IS A WARNING [MESSAGE] ONLY", "YOU DO NOT NEED TO
 * RESEND YOUR MESSAGE"), Exim's warning (deliver.c: "A message that you
 * sent has not yet been delivered to one or more of its recipients after
 * more than ..."), OpenSMTPD's (bounce.c: "Please note that this is only
 * a temporary failure report."), Exchange's ("Delivery is delayed to
 * these recipients or groups").  In the text of a warning pasted or
 * forwarded inline its DSN part (Action: delayed) is gone.
 */
static const char *const delay_words[] = {
	"you do not need to resend your message",
	"has not yet been delivered to one or more of its",
	"this is only a temporary failure report",
	"delivery is delayed to these recipients or groups", NULL,
};

/*
 * A warning that delivery is still being tried (delay_words, in the
 * notice's own text up to the copy at cut): its recipients are delayed,
 * not failed; resending them would send the message twice.
 */
static void
delay_warning(struct explain_result *r, const char *text, size_t cut)
{
	size_t i;

	for (i = 0; delay_words[i] != NULL; i++)
		if (extract_find(text, cut, delay_words[i]) != (size_t)-1)
			break;
	if (delay_words[i] == NULL)
		return;
	for (i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].action == ACTION_FAILED ||
		    r->rcpts[i].action == ACTION_NONE)
			r->rcpts[i].action = ACTION_DELAYED;
}

/* Whether a recipient of r holds a server's reply code. */
static int
holds_reply(const struct explain_result *r)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].code != 0 || enhanced_said(&r->rcpts[i]))
			return 1;
	return 0;
}

int
reader_text(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	const struct textfmt *f;
	const char *text, *system;
	size_t len, cut;
	int sign, pasted, bare, quotes, unnamed = 0;

	text = body_text(body, &len);
	f = body_format(msg, body_lowered(body), &cut);
	pasted = mime_header_raw(GMIME_OBJECT(msg), "X-Mxtrace-Pasted") !=
	    NULL;
	sign = pasted || f != textfmt_none() || signs_bounce_sender(msg) ||
	    signs_bounce_subject(msg);
	if (!sign)
		return 0;
	bare = body_recipients(msg, text, len, f, cut, r) == 0 &&
	    f == textfmt_none() && !signs_bounce_subject(msg);
	if (bare && !pasted) {
		/* a daemon's message that names no recipient: not a bounce */
		explain_result_free(r);
		return 0;
	}
	/* only pasted text is judged by whether it quotes a refusal */
	quotes = pasted && quotes_refusal(text, len);
	system = header_system(msg);
	r->kind = EXPLAIN_FAILURE;
	r->format = xstrdup(system != NULL ? system : f->name);
	original_find(msg, &r->original);
	if (r->original.subject == NULL && r->original.message_id == NULL &&
	    cut < len)
		original_from_text(text + cut, len - cut, &r->original);
	if (r->original.subject == NULL && r->original.message_id == NULL)
		original_from_client(text, len, &r->original);
	if (r->nrcpts == 0)
		copy_recipient(r, text, cut, f);
	if (r->nrcpts == 0 && pasted)
		unnamed = unnamed_recipient(r, text, len, f);
	if (bare && !unnamed && !holds_reply(r) && !quotes) {
		/* pasted text naming no recipient and quoting no refusal: a
		 * letter pasted by mistake */
		explain_result_free(r);
		return 0;
	}
	if (pasted && !bare && f == textfmt_none() &&
	    !signs_bounce_subject(msg) && !holds_reply(r) &&
	    !quotes && !names_cause(r) &&
	    !says_failure(text, len)) {
		/* text naming addresses but no failure in any words (a letter,
		 * the customer list given by mistake): no bounce either */
		explain_result_free(r);
		return 0;
	}
	if (pasted && f == textfmt_none() && (fragment(text, len) ?
	    !fragment_signs(text, len, quotes) :
	    !bounce_signs(text, len, quotes))) {
		/* no sign of a bounce in it, for its length */
		explain_result_free(r);
		return 0;
	}
	delay_warning(r, text, cut < len ? cut : len);
	return 1;
}
