/*
 * textreply.c - one recipient's reply in a text bounce: where in its block
 * of text the remote server's words start (after Sendmail's transcript
 * heading, a format's reply heading, at the reply code, after a reason
 * heading, at an enhanced code) and end (a format's end mark, a line that
 * is no reply: a MIME boundary, a report's own field, a rule), and what of
 * them is the MTA's rather than the server's (the quotes or brackets it
 * wrote around the reply, Exchange's " ##rfc822;a", a transcript's "<<<").
 * The block itself is cut by the caller (read_text.c).
 *
 * Public: textreply_take(), textreply_ends(), textreply_quotes_forward(),
 * textreply_forward_marks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain/extract.h"
#include "explain/mtacues.h"
#include "explain/remotehost.h"
#include "explain/textreply.h"

/*
 * A mail client's mark above a forwarded or quoted message (a bounce
 * forwarded inline, or the returned copy a client shows as a forward):
 * Gmail's "---------- Forwarded message ---------" and its zh-CN
 * "---------- 转发的邮件 ---------", Outlook's "-----Original
 * Message-----", Thunderbird's "-------- Forwarded Message --------",
 * NetEase Mail's "-------- 转发邮件信息 --------", Apple Mail's "Begin
 * forwarded message:"
 */
const char *const textreply_forward_marks[] = {
	"---------- Forwarded message", "---------- 转发的邮件",
	"-----Original Message-----", "-------- Forwarded Message",
	"-------- Original Message", "-------- 转发邮件信息",
	"Begin forwarded message:", NULL };

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
 * non-deliverable.", as Sisimai's Lhost modules show them); or the head
 * of the original a Chinese mail client quotes below a pasted bounce
 * ("-----邮件原件-----", "发件人：").  Lines
 * quoted with '>' (a forwarded bounce) are read inside their quotes.
 */
int
textreply_ends(const char *p, size_t n)
{
	static const char *const heads[] = { "Content-Type:",
	    "Content-Description:", "Content-Transfer-Encoding:",
	    "Reporting-MTA:", "Final-Recipient:", "Original-Recipient:",
	    "Received-From-MTA:", "Arrival-Date:", "pipe to |", "save to ",
	    "Received: from ", "This has been a permanent failure.",
	    "--- Message non-deliverable.",
	    /* a Chinese mail client's quoted original below a pasted
	     * bounce: its mark, or its first field (original.c, zh_fields,
	     * names the messages each layout is taken from) */
	    "------------------ 原始邮件 ------------------",
	    "-----邮件原件-----", "-----原始邮件-----",
	    "---- 回复的原邮件 ----", "发件人:", "发件人：", NULL };
	size_t i;

	/* blanks after a boundary are RFC 2046 5.1.1's transport padding */
	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
	    p[n - 1] == '\t'))
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
	for (i = 0; textreply_forward_marks[i] != NULL; i++)
		if (extract_starts(p, n, textreply_forward_marks[i]))
			return 1;
	return 0;
}

int
textreply_quotes_forward(const char *t, size_t len)
{
	size_t i, at, end;

	for (at = 0; at < len; at = end + 1) {
		end = at;
		while (end < len && t[end] != '\n')
			end++;
		while (at < end && (t[at] == ' ' || t[at] == '\t' ||
		    t[at] == '>'))
			at++;
		for (i = 0; textreply_forward_marks[i] != NULL; i++)
			if (extract_starts(t + at, end - at,
			    textreply_forward_marks[i]))
				return 1;
	}
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
 * The typographic quotes a localized notice wraps the reply in (Chinese
 * Outlook's 远程服务器返回“550 …”, a Japanese notice's 「550 …」): the
 * closing one of the pair whose opening one ends at b[at], else NULL.
 */
static const char *
wide_close(const char *b, size_t at)
{
	static const char *const pairs[][2] = {
		{ "\u201c", "\u201d" }, { "\u2018", "\u2019" },
		{ "\u300c", "\u300d" }, { "\u300e", "\u300f" },
		{ "\uff02", "\uff02" }, { "\uff07", "\uff07" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		k = strlen(pairs[i][0]);
		if (at >= k && memcmp(b + at - k, pairs[i][0], k) == 0)
			return pairs[i][1];
	}
	return NULL;
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
 * ("don't", "'zen.spamhaus.org'"); so with a localized notice's
 * typographic pair (wide_close).  In place.
 */
static void
unquote(char *t, const char *b, size_t at)
{
	size_t n = strlen(t), i;
	int depth = 0, angle;
	char open = opened_by(b, at, &angle), close;
	const char *wide = wide_close(b, at);
	size_t k = wide != NULL ? strlen(wide) : 0;

	if (wide != NULL && n >= k && memcmp(t + n - k, wide, k) == 0) {
		t[n -= k] = '\0';
		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
	}
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
 * mx.example\n5.1.1 <a>... User Unknown"; Exchange: "Remote Server
 * returned '5.7.1 ...'", the reply then past Exchange's words); SIZE_MAX
 * when none.
 */
static size_t
enhanced_line(const char *b, size_t n)
{
	char enh[ENHANCED_MAX];
	size_t i = 0, k;

	while (i < n) {
		for (k = i; k < n && (b[k] == ' ' || b[k] == '\t'); k++)
			;
		if (extract_starts(b + k, n - k, EXTRACT_EXCHANGE_SAID) &&
		    extract_enhanced_opens(b + k + sizeof(EXTRACT_EXCHANGE_SAID) -
		    1, n - k - sizeof(EXTRACT_EXCHANGE_SAID) + 1))
			return k + sizeof(EXTRACT_EXCHANGE_SAID) - 1;
		if (k < n && extract_enhanced(b + k, n - k < 32 ? n - k : 32,
		    enh) && strncmp(b + k, enh,
		    strlen(enh)) == 0)
			return k;
		while (i < n && b[i] != '\n')
			i++;
		i++;
	}
	return SIZE_MAX;
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
 * that opens with an enhanced code, else SIZE_MAX: nothing marks a reply.
 */
static size_t
reply_start(const char *b, size_t n, const struct textfmt *f)
{
	size_t at = extract_find(b, n, TRANSCRIPT), i;

	if (at != (size_t)-1)
		return transcript_reply(b, n, at + sizeof(TRANSCRIPT) - 1);
	for (i = 0; f->reply_after != NULL && f->reply_after[i] != NULL; i++)
		if ((at = extract_find(b, n, f->reply_after[i])) !=
		    (size_t)-1) {
			/*
			 * after the heading and the blanks and dashes after it
			 */
			return past_heading(b, n,
			    at + strlen(f->reply_after[i]));
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

/*
 * Where the reply from at on ends: at the format's end mark, else n.  A
 * mark the reply starts with ends nothing: the block holds no other words
 * (InterScan's "Unable to deliver message to <a>" alone, where no
 * transcript came before it).
 */
static size_t
reply_end(const char *b, size_t n, size_t at, const struct textfmt *f)
{
	size_t i, e, end = n;

	for (i = 0; f->reply_end != NULL && f->reply_end[i] != NULL; i++)
		if ((e = extract_find(b + at, n - at, f->reply_end[i])) !=
		    (size_t)-1 && e > 0 && at + e < end)
			end = at + e;
	return end;
}

/*
 * Past the brackets, colon, Sendmail's "..." or Exim's "------" from b[k]
 * on, up to the end of the line at b[line].
 */
static size_t
past_marks(const char *b, size_t line, size_t k)
{
	while (k < line && (b[k] == '>' || b[k] == ':' || b[k] == '.' ||
	    b[k] == '-' || b[k] == '\'' || b[k] == '"' || b[k] == ',' ||
	    b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '[' ||
	    b[k] == '('))
		k++;
	return k;
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
	const char *eol = memchr(b, '\n', n), *close;
	size_t at, k, line = eol != NULL ? (size_t)(eol - b) : n;

	if (a == NULL || (at = extract_find(b, line, a)) == (size_t)-1 ||
	    !only_lead(b, at, prefixes))
		return 0;
	k = past_marks(b, line, at + strlen(a));
	/*
	 * Postfix: "<a> (expanded from <alias>): reason" when an alias or a
	 * .forward led to a (bounce_notify_util.c); the alias is no reason.
	 * Postfix's line_wrap may fold it ("(expanded from\n    <alias>):"):
	 * the reason then starts on the line of its ')'.
	 */
	if (k > 0 && b[k - 1] == '(' && n - k >= 13 &&
	    strncasecmp(b + k, "expanded from", 13) == 0 &&
	    (close = memchr(b + k, ')', n - k < 512 ? n - k : 512)) != NULL) {
		eol = memchr(close, '\n', n - (size_t)(close - b));
		k = past_marks(b, eol != NULL ? (size_t)(eol - b) : n,
		    (size_t)(close - b) + 1);
	}
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
 * The MTA's words before the reply (head: the block's text up to it,
 * lowered and prepared) decide what happened whatever the reply says (a
 * provider's own notice, mtacues.c: Gmail's "Send mail as" notice above
 * "The response was: ..."): the text kept starts with them, so that the
 * meaning reads them.
 */
static int
notice_decides(const struct memfind_text *head)
{
	int flags;

	return mtacue_reason_in(head, NULL, &flags) != REASON__LAST &&
	    (flags & MTACUE_DECIDES);
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
 * EXPLAIN_FIELD_MAX bytes.  The block is lowered once and prepared once
 * for its two searches of words, the notice's in its head before the
 * reply, then (the preparation extended) the command's in the whole.
 */
void
textreply_take(struct explain_rcpt *x, const char *b, size_t n,
    const struct textfmt *f)
{
	char enh[ENHANCED_MAX], *lowered;
	size_t at, end, n_line, t = extract_find(b, n, TRANSCRIPT);
	struct memfind_text block;
	const char *p, *eol;
	int code, received;

	/*
	 * a transcript heading with nothing under it (Zoho's delay notice,
	 * its copy's headers right after) is no reply: the block ends there
	 */
	if (t != (size_t)-1 && past_heading(b, n, t + sizeof(TRANSCRIPT) - 1)
	    >= n)
		n = t;
	/*
	 * a notice whose own words fill it (TF_NOTICE_ONLY) holds a reply
	 * only where one is marked: unmarked, its words are no server's
	 */
	if ((at = reply_start(b, n, f)) == SIZE_MAX &&
	    (f->flags & TF_NOTICE_ONLY)) {
		free(x->text);
		x->text = NULL;
		x->code = 0;
		x->enhanced[0] = '\0';
		x->action = ACTION_FAILED;
		return;
	}
	if (at == SIZE_MAX)
		at = 0;
	lowered = extract_lower(b, n);
	end = reply_end(b, n, at, f);
	/* a reply quoted in a transcript ("<<< 550 ..."): its "<<<" lines */
	received = at >= 4 && memcmp(b + at - 4, "<<< ", 4) == 0;
	memfind_prepare(&block, lowered, at);
	if (at > 0 && notice_decides(&block))
		at = 0;
	memfind_extend(&block, n);
	if (at == 0)
		at = (f->flags & TF_REASON_FIRST) ? 0 :
		    past_address(b, n, x->address, f->rcpt_prefixes);
	/* the reply's first line, then lines up to one that is no reply */
	for (p = memchr(b + at, '\n', end - at); p != NULL && p < b + end;
	    p = eol) {
		p++;
		eol = memchr(p, '\n', (size_t)(b + end - p));
		n_line = (size_t)((eol != NULL ? eol : b + end) - p);
		if (textreply_ends(p, n_line) || (received && !received_line(p,
		    n_line))) {
			end = (size_t)(p - b);
			break;
		}
	}
	/* a field holds EXPLAIN_FIELD_MAX bytes (squeezing only shortens) */
	if (end - at > EXPLAIN_FIELD_MAX)
		end = at + EXPLAIN_FIELD_MAX;
	if (x->remote_mta == NULL)
		x->remote_mta = remotehost_find(b, at);
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
	explain_rcpt_stage(x, extract_stage_in(&block));
	x->action = ACTION_FAILED;
	free(lowered);
}
