/*
 * read_text.c - the reader of bounces without a delivery-status part: the
 * reporting system's own text (qmail, Exim, Postfix and Sendmail in plain
 * text, Exchange/Office 365 HTML, Gmail, Domino, Chinese providers...), or
 * text pasted by a person.
 *
 * Public: reader_text().
 *
 * The body is cut where the returned copy of the original starts, then
 * each recipient line (an address at the start of a line, alone or
 * followed by ':' or the reply) opens a recipient whose reply is the text
 * up to the next one.  Which lines are recipient lines and where the copy
 * starts are the format's rules (textfmt.c); a message without any bounce
 * sign is not a bounce.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The body's format and where its returned copy starts (*cut), from one
 * lowered copy. */
static const struct textfmt *
body_format(const char *body, size_t len, size_t *cut)
{
	char *l = extract_lower(body, len);
	const struct textfmt *f;
	struct memfind_text mt;

	memfind_prepare(&mt, l, len);
	f = textfmt_pick(&mt);
	*cut = body_end(&mt, f);
	free(l);
	return f;
}

/*
 * An address at the start of line p[0..n) (after blanks, '<', quotes), or
 * right after one of the format's recipient prefixes: owned, or NULL.
 */
static char *
line_address(const char *p, size_t n, const struct textfmt *f)
{
	size_t i = 0, k, at, pl;

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
	return explain_address(p + i, n - i);
}

/*
 * The recipient of a Sendmail result line p[0..n): a reply code, blanks,
 * then "<a@b>..." or "a@b..." (the "..." is Sendmail's); owned, or NULL.
 */
static char *
result_address(const char *p, size_t n)
{
	size_t i = 3, b, e;

	if (n < 8 || p[0] < '2' || p[0] > '5' || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9' || p[3] != ' ')
		return NULL;
	while (i < n && p[i] == ' ')
		i++;
	b = i;
	for (e = b; e + 2 < n && p[e] != ' '; e++)
		if (p[e] == '.' && p[e + 1] == '.' && p[e + 2] == '.')
			break;
	if (e + 2 >= n || p[e] != '.' || memchr(p + b, '@', e - b) == NULL)
		return NULL;
	return explain_address(p + b, e - b);
}

/*
 * A rule: ten or more of '-', '=', '_' or '*' and nothing else, the line a
 * report draws around its parts (Courier's dashes, mail.ru's stars,
 * MailMarshal's "===="); no server writes one inside its reply.
 */
static int
rule_line(const char *p, size_t n)
{
	size_t i;

	if (n < 10)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] != p[0] || strchr("-=_*", p[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Line p[0..n) is no part of a recipient's reply: a MIME boundary ("--"
 * and a token without blanks) or a header of the report's own parts, as
 * in a report whose multipart structure was flattened into text (a
 * forwarded or re-encoded bounce: RFC 2046 boundaries, RFC 3464 fields);
 * or the first line of Exim's listing of a pipe or file delivery ("pipe
 * to |cmd", "save to FILE"), whose recipient is on the next line; or the
 * reporting system's own closing words after the reply (MailFoundry's
 * "This has been a permanent failure.", SurfControl's "--- Message
 * non-deliverable.", as Sisimai's Lhost modules show them).  Lines
 * quoted with '>' (a forwarded bounce) are read inside their quotes.
 */
static int
ends_reply(const char *p, size_t n)
{
	static const char *const heads[] = { "Content-Type:",
	    "Content-Description:", "Content-Transfer-Encoding:",
	    "Reporting-MTA:", "Final-Recipient:", "Original-Recipient:",
	    "Received-From-MTA:", "Arrival-Date:", "pipe to |", "save to ",
	    "Received: from ", "This has been a permanent failure.",
	    "--- Message non-deliverable.", NULL };
	size_t i;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	while (n > 0 && (p[0] == ' ' || p[0] == '\t' || (p[0] == '>' &&
	    n > 1 && (p[1] == ' ' || p[1] == '>')))) {
		p++;	/* blanks, and the "> " of a forwarded copy */
		n--;
	}
	if (n >= 10 && p[0] == '-' && p[1] == '-' && p[2] != '-' &&
	    memchr(p, ' ', n) == NULL && memchr(p, '\t', n) == NULL)
		return 1;
	if (rule_line(p, n))
		return 1;
	for (i = 0; heads[i] != NULL; i++)
		if (extract_starts(p, n, heads[i]))
			return 1;
	return 0;
}

/* t[0..n) closes more angle brackets than it opens. */
static int
more_closed(const char *t, size_t n)
{
	size_t i;
	long d = 0;

	for (i = 0; i < n; i++)
		d += t[i] == '>' ? 1 : t[i] == '<' ? -1 : 0;
	return d > 0;
}

/*
 * The character a reply starting at b[at] was opened with: the quote
 * before Exchange 2010's "< #5.1.1 smtp;" ahead of the code ('<' then
 * set in *angle), else the character before it; '\0' at the start.
 */
static char
opened_by(const char *b, size_t at, int *angle)
{
	size_t k;

	*angle = 0;
	if (at == 0)
		return '\0';
	for (k = at; k > 0 && at - k < 64 && b[k - 1] != '\n' &&
	    b[k - 1] != '\'' && b[k - 1] != '"'; k--)
		;
	if (k > 0 && k < at && at - k < 64 && b[k] == '<' &&
	    b[k - 1] != '\n' && extract_find(b + k, at - k, "smtp;") !=
	    (size_t)-1) {
		*angle = 1;
		return b[k - 1];
	}
	return b[at - 1];
}

/*
 * A reply the MTA wrote in quotes (Exchange's "Remote Server returned
 * '550 5.1.1 ...'", Exchange 2010's "'< #5.1.1 smtp;550 5.1.1 ...>'") or
 * in brackets ("It responded as follows: [550 5.1.1 User unknown]",
 * McAfee's "<a>   (reason)") or
 * after "smtp;" in angle brackets (Exchange 2000/2003: "<mx.example
 * #5.1.1 smtp;550 5.1.1 User unknown>"): the closing quote (the '>'
 * before it) or bracket, and the MTA's words after the closing bracket,
 * are not the server's.  The closing quote goes only when the reply was
 * opened by the same quote, whatever quotes the server's own words hold
 * ("don't", "'zen.spamhaus.org'").  In place.
 */
static void
unquote(char *t, const char *b, size_t at)
{
	size_t n = strlen(t), i;
	int depth = 0, angle;
	char open = opened_by(b, at, &angle), close;

	if ((open == '\'' || open == '"') && n > 0 && t[n - 1] == open) {
		t[--n] = '\0';
		if (angle && n > 0 && t[n - 1] == '>')
			t[--n] = '\0';
		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
	}
	if (open == ';' && n > 0 && t[n - 1] == '>' && more_closed(t, n))
		t[n - 1] = '\0';
	close = open == '[' ? ']' : open == '(' ? ')' : '\0';
	for (i = 0; close != '\0' && i < n; i++)
		if (t[i] == open)
			depth++;
		else if (t[i] == close && depth-- == 0) {
			t[i] = '\0';
			break;
		}
}

/*
 * Exchange 2007 and later end the reply in their diagnostic section with
 * " ##" and the recipient ("#550 5.7.1 ... required ##rfc822;a"): the
 * server's words end there.  In place.
 */
static void
exchange_tail(char *t)
{
	char *h = strstr(t, " ##");

	if (h != NULL)
		*h = '\0';
}

/*
 * The host of Sendmail's last "... while talking to NAME.:" in b[0..n)
 * (deliver.c; the transcript names each host tried, the last gave the
 * reply), without the trailing dot; owned, or NULL.
 */
static char *
talking_to(const char *b, size_t n)
{
	static const char cue[] = "while talking to ";
	size_t at, last = (size_t)-1, from = 0, k;

	while (from < n && (at = extract_find(b + from, n - from, cue)) !=
	    (size_t)-1) {
		last = from + at + sizeof(cue) - 1;
		from = last;
	}
	if (last == (size_t)-1)
		return NULL;
	for (k = last; k < n && k - last < 256 && b[k] != ':' &&
	    b[k] != ' ' && b[k] != '\n' && b[k] != '\r'; k++)
		;
	while (k > last && b[k - 1] == '.')
		k--;
	if (k == last || memchr(b + last, '.', k - last) == NULL)
		return NULL;
	return xstrndup(b + last, k - last);
}

/*
 * The host of the DragonFly Mail Agent's "NAME [ADDR] did not like our
 * RCPT TO:" (dma's net.c) in b[0..n): the name opening that line; owned,
 * or NULL.
 */
static char *
not_like(const char *b, size_t n)
{
	size_t at = extract_find(b, n, " did not like our "), k, e;

	if (at == (size_t)-1)
		return NULL;
	for (k = at; k > 0 && b[k - 1] != '\n'; k--)
		;
	while (k < at && (b[k] == ' ' || b[k] == '\t'))
		k++;
	for (e = k; e < at && b[e] != ' ' && b[e] != '['; e++)
		;
	if (e == k || e - k > 255 || memchr(b + k, '.', e - k) == NULL)
		return NULL;
	return xstrndup(b + k, e - k);
}

/*
 * The host name after the first cue in b[0..n) that opens b or follows
 * one of the characters in before, up to one of the characters in stops
 * (or 256 bytes): its start, its end in *end; (size_t)-1 when there is
 * none or it holds no dot.
 */
static size_t
name_after(const char *b, size_t n, const char *cue, const char *before,
    const char *stops, size_t *end)
{
	size_t at = extract_find(b, n, cue), e;

	if (at == (size_t)-1 || (at > 0 && strchr(before, b[at - 1]) == NULL))
		return (size_t)-1;
	at += strlen(cue);
	for (e = at; e < n && e - at < 256 && strchr(stops, b[e]) == NULL; e++)
		;
	if (e == at || memchr(b + at, '.', e - at) == NULL)
		return (size_t)-1;
	*end = e;
	return at;
}

/*
 * GMX's and 1&1's "host: NAME" (Sisimai's Lhost/GMX.pm, EinsUndEins.pm:
 * "host: mx.example.jp", "host: smtp-in.orange.fr (193.252.22.65)") in
 * b[0..n); owned, or NULL.
 */
static char *
host_field(const char *b, size_t n)
{
	size_t at, e;

	if ((at = name_after(b, n, "host: ", " \n\t", " \r\n(", &e)) ==
	    (size_t)-1)
		return NULL;
	return xstrndup(b + at, e - at);
}

/*
 * The server that gave the reply, from the MTA's words before it (b[0..n)):
 * Sendmail's "while talking to NAME.:", dma's "NAME [ADDR] did not like
 * our RCPT TO:", GMX's "host: NAME", Postfix's "host NAME[ADDR] said:",
 * Exim's "host NAME [ADDR]:"; owned or NULL.
 */
static char *
quoted_host(const char *b, size_t n)
{
	size_t at, k;
	char *h;

	if ((h = talking_to(b, n)) != NULL || (h = not_like(b, n)) != NULL ||
	    (h = host_field(b, n)) != NULL)
		return h;
	if ((at = name_after(b, n, "host ", " \n:", "[ \n:", &k)) ==
	    (size_t)-1 || k >= n)
		return NULL;
	if (b[k] == ' ' && k + 1 < n && b[k + 1] == '[')
		;	/* Exim: "host NAME [ADDR]" */
	else if (b[k] != '[')
		return NULL;
	return xstrndup(b + at, k - at);
}

/* Sendmail's heading of the session transcript in its returned mail. */
#define TRANSCRIPT	"----- Transcript of session follows -----"

/* Past the blanks and dashes after a heading that ends at b[at]. */
static size_t
past_heading(const char *b, size_t n, size_t at)
{
	while (at < n && strchr(" \t\r\n-", b[at]) != NULL)
		at++;
	return at;
}

/*
 * The start of the first line of b[0..n) that opens with an enhanced
 * status code: a reply written without its reply code (GMX: "host:
 * mx.example\n5.1.1 <a>... User Unknown"); 0 when none.
 */
static size_t
enhanced_line(const char *b, size_t n)
{
	char enh[ENHANCED_MAX];
	size_t i = 0, k;

	while (i < n) {
		for (k = i; k < n && (b[k] == ' ' || b[k] == '\t'); k++)
			;
		if (k < n && extract_enhanced(b + k, n - k < 32 ? n - k : 32,
		    enh) && strncmp(b + k, enh,
		    strlen(enh)) == 0)
			return k;
		while (i < n && b[i] != '\n')
			i++;
		i++;
	}
	return 0;
}

/*
 * Where the reply starts in Sendmail's transcript b[at..n): at the code of
 * the first reply the remote server gave ("<<< 550 5.1.1 ..."), else at
 * the transcript's start (a local mailer's words, "mail.local: unknown
 * user", come before the result line's code).
 */
static size_t
transcript_reply(const char *b, size_t n, size_t at)
{
	size_t k = at, c;

	while (k < n && (c = extract_find(b + k, n - k, "<<< ")) !=
	    (size_t)-1) {
		k += c + 4;
		if (extract_reply_start(b + k, n - k) == 0)
			return k;
	}
	return at;
}

/*
 * Where the reply in block b[0..n) starts: after Sendmail's transcript
 * heading when the block holds one (the transcript is the reply: a local
 * mailer's words such as "mail.local: unknown user" come before the
 * result line's code), else after the format's reply heading (Notes'
 * "Failure Reasons", m-FILTER's "server message", Messaging Server's
 * "Reason:"), else at the remote reply's code, else after a heading any
 * format writes before a reason (textfmt_reason_heads), else at a line
 * that opens with an enhanced code, else at 0.
 */
static size_t
reply_start(const char *b, size_t n, const struct textfmt *f)
{
	size_t at = extract_find(b, n, TRANSCRIPT), i;

	if (at != (size_t)-1)
		return transcript_reply(b, n, at + sizeof(TRANSCRIPT) - 1);
	for (i = 0; f->reply_after != NULL && f->reply_after[i] != NULL; i++)
		if ((at = extract_find(b, n, f->reply_after[i])) != (size_t)-1) {
			/* after the heading and the blanks and dashes after it */
			return past_heading(b, n, at + strlen(f->reply_after[i]));
		}
	if ((at = extract_reply_start(b, n)) != (size_t)-1)
		return at;
	for (i = 0; textfmt_reason_heads[i] != NULL; i++)
		if ((at = extract_find(b, n, textfmt_reason_heads[i])) !=
		    (size_t)-1)
			return past_heading(b, n, at +
			    strlen(textfmt_reason_heads[i]));
	return enhanced_line(b, n);
}

static int
has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* b[0..n) is blanks and brackets, or ends with one of the prefixes. */
static int
only_lead(const char *b, size_t n, const char *const *prefixes)
{
	size_t i, pl, m = n;

	while (m > 0 && strchr(" \t<'\"", b[m - 1]) != NULL)
		m--;	/* "prefix <a": blanks and the bracket before a */
	for (i = 0; prefixes != NULL && prefixes[i] != NULL; i++) {
		for (pl = strlen(prefixes[i]); pl > 0 &&
		    prefixes[i][pl - 1] == ' '; pl--)
			;
		if (pl > 0 && m >= pl && strncasecmp(b + m - pl, prefixes[i],
		    pl) == 0)
			return 1;
	}
	for (i = 0; i < n; i++)
		if (strchr(" \t<'\"*->|", b[i]) == NULL)
			return 0;
	return 1;
}

/* Where the reply from at on ends: at the format's end mark, else n. */
static size_t
reply_end(const char *b, size_t n, size_t at, const struct textfmt *f)
{
	size_t i, e, end = n;

	for (i = 0; f->reply_end != NULL && f->reply_end[i] != NULL; i++)
		if ((e = extract_find(b + at, n - at, f->reply_end[i])) !=
		    (size_t)-1 && at + e < end)
			end = at + e;
	return end;
}

/*
 * Past the recipient's own address when it opens the block's first line
 * (after blanks, brackets or one of the format's recipient prefixes), and
 * past the brackets, colon, Sendmail's "..." or Exim's "------" after it:
 * the reason the MTA wrote starts there.  0 when the line does not start
 * with a ("Unknown user: a" is the reason itself).
 */
static size_t
past_address(const char *b, size_t n, const char *a,
    const char *const *prefixes)
{
	const char *eol = memchr(b, '\n', n);
	size_t at, k, line = eol != NULL ? (size_t)(eol - b) : n;

	if (a == NULL || (at = extract_find(b, line, a)) == (size_t)-1 ||
	    !only_lead(b, at, prefixes))
		return 0;
	for (k = at + strlen(a); k < line && (b[k] == '>' || b[k] == ':' ||
	    b[k] == '.' || b[k] == '-' || b[k] == '\'' || b[k] == '"' ||
	    b[k] == ',' || b[k] == ' ' || b[k] == '\t' || b[k] == '\r' ||
	    b[k] == '[' || b[k] == '('); k++)
		;
	/*
	 * Exchange 2000/2003: "a on 4/29/01 11:34:45 PM" or "a on Thu, 9 May
	 * 2005 23:34:45 +0900" (the server's date format), the reason below
	 */
	if (line - k > 5 && strncmp(b + k, "on ", 3) == 0 &&
	    memchr(b + k, ':', line - k) != NULL && has_digit(b + k, line - k))
		k = line;
	return k;
}

/*
 * The MTA's words in b[0..n), before the reply, decide what happened
 * whatever the reply says (a provider's own notice, mtacues.c: Gmail's
 * "Send mail as" notice above "The response was: ..."): the text kept
 * starts with them, so that the meaning reads them.
 */
static int
notice_decides(const char *b, size_t n)
{
	int decisive;

	return mtacue_reason(b, n, &decisive) != REASON__LAST && decisive;
}

/* Line p[0..n) is a line a transcript received ("<<< ..."), after blanks. */
static int
received_line(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
		i++;
	return n - i >= 4 && memcmp(p + i, "<<< ", 4) == 0;
}

/*
 * The "<<< " of a transcript's later received lines, in a squeezed reply
 * ("550-5.7.1 a <<< 550 5.7.1 b" -> "550-5.7.1 a 550 5.7.1 b", which
 * extract_unfold then reads whole).  In place.
 */
static void
drop_marks(char *t)
{
	char *m;

	while ((m = strstr(t, " <<< ")) != NULL)
		memmove(m + 1, m + 5, strlen(m + 5) + 1);
}

/*
 * Fill recipient x's reply from the text block b[0..n) of format f.  The
 * codes and the command it answered are read from the whole block (the
 * MTA's words around the reply); the text kept starts where the remote
 * reply does (the recipient line, the MTA's preamble and the host are not
 * the server's words) and ends before a line that is no reply, at most
 * EXPLAIN_FIELD_MAX bytes.
 */
static void
take_reply(struct explain_rcpt *x, const char *b, size_t n,
    const struct textfmt *f)
{
	char enh[ENHANCED_MAX];
	size_t at = reply_start(b, n, f), end = reply_end(b, n, at, f), n_line;
	const char *p, *eol;
	int code, received;

	/* a reply quoted in a transcript ("<<< 550 ..."): its "<<<" lines */
	received = at >= 4 && memcmp(b + at - 4, "<<< ", 4) == 0;
	if (at > 0 && notice_decides(b, at))
		at = 0;
	if (at == 0)
		at = past_address(b, n, x->address, f->rcpt_prefixes);
	/* the reply's first line, then lines up to one that is no reply */
	for (p = memchr(b + at, '\n', end - at); p != NULL && p < b + end;
	    p = eol) {
		p++;
		eol = memchr(p, '\n', (size_t)(b + end - p));
		n_line = (size_t)((eol != NULL ? eol : b + end) - p);
		if (ends_reply(p, n_line) || (received && !received_line(p,
		    n_line))) {
			end = (size_t)(p - b);
			break;
		}
	}
	/* a field holds EXPLAIN_FIELD_MAX bytes (squeezing only shortens) */
	if (end - at > EXPLAIN_FIELD_MAX)
		end = at + EXPLAIN_FIELD_MAX;
	if (x->remote_mta == NULL)
		x->remote_mta = quoted_host(b, at);
	free(x->text);
	x->text = extract_squeeze(b + at, end - at);
	if (received)
		drop_marks(x->text);
	unquote(x->text, b, at);
	exchange_tail(x->text);
	extract_unfold(x->text);
	extract_reply(b, n, &code, enh);
	x->code = code;
	memcpy(x->enhanced, enh, sizeof(enh));
	explain_rcpt_stage(x, extract_stage(b, n));
	x->action = ACTION_FAILED;
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
		take_reply(model, body, cut, f);
	free(x->text);
	x->text = xstrdup(model->text);
	if (!keep || (x->code == 0 && x->enhanced[0] == '\0')) {
		x->code = model->code;
		memcpy(x->enhanced, model->enhanced, sizeof(x->enhanced));
	}
	x->stage = model->stage;
	x->stage_said = model->stage_said;
	if (!keep)
		x->action = ACTION_FAILED;
}

/* The text of s before line p, blanks and line breaks skipped, ends with phrase. */
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
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if ((a = line_address(p, n, f)) != NULL &&
		    repeated(r, first, x, xcode, a, p, n)) {
			/* a repeat ends the open reply and adds nothing */
			free(a);
			a = NULL;
			if (x != NULL)
				take_reply(x, bstart, (size_t)(p - bstart), f);
			x = NULL;
		} else if (a != NULL && (not_recipient_line(s, p) ||
		    continues(x, gap, xindent, xwords, p, end))) {
			free(a);
			a = NULL;
		}
		if (a != NULL) {
			if (x != NULL)
				take_reply(x, bstart, (size_t)(p - bstart), f);
			if ((x = listed(r, first, a)) != NULL && x->code == 0 &&
			    x->enhanced[0] == '\0')
				free(a);	/* listed again, with its reason */
			else if ((x = explain_rcpt_add(r)) != NULL) {
				x->address = a;
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
			if (++lines > REPLY_LINES || blanks >= 2 ||
			    ends_reply(p, n)) {
				take_reply(x, bstart, (size_t)(p - bstart), f);
				x = NULL;
			}
		}
		p = eol < end ? eol + 1 : end;
	}
	if (x != NULL)
		take_reply(x, bstart, (size_t)(end - bstart), f);
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
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((a = result_address(p, (size_t)(eol - p))) != NULL) {
			if ((x = explain_rcpt_add(r)) == NULL) {
				free(a);
				break;
			}
			x->address = a;
			take_reply(x, bstart, (size_t)(eol - bstart),
			    textfmt_none());
			found++;
			bstart = eol < end ? eol + 1 : end;
		} else if (extract_starts(p, (size_t)(eol - p),
		    "While talking to"))
			bstart = p;	/* a new host's transcript starts here */
		p = eol < end ? eol + 1 : end;
	}
	return found;
}

/* Addresses from the headers bounce generators add (Exim, Postfix). */
static size_t
header_recipients(GMimeMessage *msg, struct explain_result *r)
{
	static const char *const names[] = { "X-Failed-Recipients",
	    "X-Original-To-Failed", NULL };
	struct explain_rcpt *x;
	const char *p;
	size_t i, found = 0;
	char *v, *a, *next;

	for (i = 0; names[i] != NULL; i++) {
		if ((v = mime_header(GMIME_OBJECT(msg), names[i])) == NULL)
			continue;
		for (p = v; p != NULL && *p != '\0'; p = next) {
			next = strchr(p, ',');
			if ((a = explain_address(p, next ? (size_t)(next - p) :
			    strlen(p))) == NULL)
				break;
			if ((x = explain_rcpt_add(r)) == NULL) {
				free(a);
				break;
			}
			x->address = a;
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
 * The last resort: the first address in the text that is not a daemon's
 * or the bounce's own; its reply is its line and the lines after it, read
 * by the rules of format f (where its reply starts and ends).
 */
static size_t
first_address(GMimeMessage *msg, const char *s, size_t len,
    const struct textfmt *f, struct explain_result *r)
{
	const char *p = s, *end = s + len, *eol;
	struct explain_rcpt *x;
	char *a;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if ((a = explain_address(p, (size_t)(eol - p))) != NULL) {
			if (!excluded(a, msg) && (x = explain_rcpt_add(r)) != NULL) {
				x->address = a;
				take_reply(x, p, (size_t)(end - p) < 2048 ?
				    (size_t)(end - p) : 2048, f);
				return 1;
			}
			free(a);
		}
		p = eol < end ? eol + 1 : end;
	}
	return 0;
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
	if (n == 0)
		n = scan_recipients(body, cut, f, r);
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
	if (n == 0 && cut < len)	/* the returned copy's own To: */
		n = first_address(msg, body + cut, len - cut, textfmt_none(),
		    r);
	inline_status(body, len, r, first);
	explain_rcpt_clear(&model);
	return n;
}

size_t
text_recipients(GMimeMessage *msg, struct explain_result *r)
{
	const struct textfmt *f;
	size_t len, n, cut;
	char *body = body_text(msg, &len);

	f = body_format(body, len, &cut);
	n = body_recipients(msg, body, len, f, cut, r);
	free(body);
	return n;
}

/*
 * A report that names no recipient at all (Postfix's "Delivery report
 * unavailable"): the returned copy's To is whom the message was for.
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
	take_reply(x, body, cut, f);
}

/* An SMTP reply code somewhere in the first part of the text. */
static int
has_code(const char *s, size_t len)
{
	char enh[ENHANCED_MAX];
	int code;

	extract_reply(s, len < 65536 ? len : 65536, &code, enh);
	return code != 0 || enh[0] != '\0';
}

int
reader_text(GMimeMessage *msg, struct explain_result *r)
{
	const struct textfmt *f;
	size_t len, cut;
	char *body;
	int sign, pasted;

	body = body_text(msg, &len);
	f = body_format(body, len, &cut);
	pasted = mime_header_raw(GMIME_OBJECT(msg), "X-Mxtrace-Pasted") !=
	    NULL;
	sign = pasted || f != textfmt_none() || signs_bounce_sender(msg) ||
	    signs_bounce_subject(msg);
	if (!sign) {
		free(body);
		return 0;
	}
	if (body_recipients(msg, body, len, f, cut, r) == 0 &&
	    f == textfmt_none() && !signs_bounce_subject(msg) && (!pasted || !has_code(body, len))) {
		/* a daemon's message that names no recipient: not a bounce */
		free(body);
		explain_result_free(r);
		return 0;
	}
	r->kind = EXPLAIN_FAILURE;
	r->format = xstrdup(f->name);
	original_find(msg, &r->original);
	if (r->original.subject == NULL && r->original.message_id == NULL &&
	    cut < len)
		original_from_text(body + cut, len - cut, &r->original);
	if (r->nrcpts == 0)
		copy_recipient(r, body, cut, f);
	free(body);
	return 1;
}
