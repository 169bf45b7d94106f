/*
 * explain.c - one received message to its explain results (one, or one
 * for each bounce a forward attaches): the readers in order, then the
 * meaning of every recipient (the data stage of the one classifier), then
 * the kind.  See explain.h.
 *
 * Public: explain_init(), explain_shutdown(), explain_message(),
 * explain_records_free(), explain_finish(), explain_result_free(),
 * explain_rcpt_add(), explain_rcpt_clear(),
 * explain_kind_name(), explain_kind_from_name(), explain_action_name(),
 * explain_action_parse(), explain_address(), explain_word_unreadable(),
 * explain_lead_unreadable().
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/util.h"
#include "explain/body.h"
#include "explain/explain.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/utf8addr.h"
#include "explain/original.h"
#include "explain/readers.h"
#include "explain/mtacues.h"
#include "explain/signs.h"
#include "explain/textfmt.h"
#include "input/address.h"
#include "meaning/classify.h"

static const char *kind_names[EXPLAIN_KIND__LAST] = {
	"failure", "delayed", "delivered", "auto_reply", "feedback",
	"not_a_bounce", "delivered_message", "forward_unread",
};

static const char *action_names[ACTION__LAST] = {
	"", "failed", "delayed", "delivered", "relayed", "expanded",
};

/*
 * The readers, most specific first: a feedback report and an auto-reply
 * can carry a DSN-looking part; free text is the last resort for bounces.
 * A reader returns 1 when the message is its kind (it filled r).
 */
static const struct {
	const char	*name;
	int		(*read)(struct body *, struct explain_result *);
} readers[] = {
	{ "arf",	reader_arf },
	/* a Chinese provider's own notice, with or without a DSN part */
	{ "zh_notice",	reader_zh_notice },
	{ "dsn",	reader_dsn },
	{ "auto_reply",	reader_auto_reply },
	{ "amazon-ses",	reader_ses },		/* SES's JSON, before free text */
	{ "text",	reader_text },
	{ "delivered",	reader_delivered },	/* not a bounce: its own path */
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

void
explain_init(void)
{
	mime_init();
}

void
explain_shutdown(void)
{
	mime_shutdown();
	g_mime_shutdown();
}

const char *
explain_kind_name(enum explain_kind k)
{
	if ((int)k < 0 || k >= EXPLAIN_KIND__LAST)
		fatalx("%s: bad kind %d", __func__, (int)k);
	return kind_names[k];
}

int
explain_kind_from_name(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < EXPLAIN_KIND__LAST; i++)
		if (strcmp(kind_names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
explain_action_name(enum explain_action a)
{
	if ((int)a < 0 || a >= ACTION__LAST)
		fatalx("%s: bad action %d", __func__, (int)a);
	return action_names[a];
}

enum explain_action
explain_action_parse(const char *s, size_t len)
{
	size_t i, n;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	for (i = 1; i < ACTION__LAST; i++) {
		n = strlen(action_names[i]);
		if (len >= n && strncasecmp(s, action_names[i], n) == 0 &&
		    (len == n || s[n] == ' ' || s[n] == '\t' || s[n] == '(' ||
		    s[n] == ';' || s[n] == '\r' || s[n] == '\n'))
			return (enum explain_action)i;
	}
	return ACTION_NONE;
}

static int
addr_char(int c)
{
	return c > ' ' && c < 127 && c != '<' && c != '>' && c != '(' &&
	    c != ')' && c != ',' && c != ';' && c != '"' && c != '[' &&
	    c != ']' && c != '\\';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The word around s[b..e): up to a space, at most 64 bytes either side. */
static void
word_bounds(const char *s, size_t len, size_t b, size_t e, size_t *wb,
    size_t *we)
{
	for (*wb = b; *wb > 0 && b - *wb < 64 && !is_space(s[*wb - 1]); (*wb)--)
		;
	for (*we = e; *we < len && *we - e < 64 && !is_space(s[*we]); (*we)++)
		;
}

/*
 * Whether the word around s[b..e) holds a control character
 * (utf8_has_control): an address cut out of such a word
 * ("a\x1b[31m@example.com" read as "31m@example.com") is not one the
 * text wrote.
 */
static bool
word_has_ctl(const char *s, size_t len, size_t b, size_t e)
{
	size_t wb, we;

	word_bounds(s, len, b, e, &wb, &we);
	return utf8_has_control(s + wb, we - wb);
}

/*
 * Whether the word around the '@' at s[at] was written with terminal
 * control characters (a recipient line's address the reader found but
 * may not read).  The ISO 2022 escapes of raw ISO-2022-JP text are
 * charset switches, not control (utf8_has_terminal_control): a Japanese
 * word set next to an address makes no unreadable recipient.
 */
bool
explain_word_unreadable(const char *s, size_t len, size_t at)
{
	size_t wb, we;

	if (at >= len || s[at] != '@')
		return false;
	word_bounds(s, len, at, at + 1, &wb, &we);
	return utf8_has_terminal_control(s + wb, we - wb);
}

/*
 * Whether the first word of s[0..len) (past blanks) is an address written
 * with terminal control characters (explain_word_unreadable at its first
 * '@'): a recipient field or label's value a reader found but may not read.
 */
bool
explain_lead_unreadable(const char *s, size_t len)
{
	size_t i = 0, at;

	while (i < len && is_space(s[i]))
		i++;
	for (at = i; at < len && !is_space(s[at]) && s[at] != '@'; at++)
		;
	return explain_word_unreadable(s, len, at);
}

/*
 * The first "local@domain" in s: local and domain made of address
 * characters, a dot in the domain or a bracketed literal.  Leading
 * "rfc822;" and angle brackets fall away by themselves.  One pass: each
 * '@' of a run of address characters ("a@a@a@...") shares the run's
 * start, end and last dot, found once, so a hostile line costs its length,
 * not its length squared.  An ASCII address wins (a text read as it always
 * was); only a text without one is searched for an address with UTF-8 in
 * it (utf8addr.c: 张伟@例子.公司).  One in a word with a control
 * character is no address (word_has_ctl).
 */
char *
explain_address(const char *s, size_t len)
{
	size_t at, b, e, run = 0, end = 0, trim = 0, dot = 0;

	if (len > EXPLAIN_FIELD_MAX)
		len = EXPLAIN_FIELD_MAX;
	for (at = 0; at < len; at++) {
		if (s[at] != '@') {
			/* where a plain local part ending here would start */
			if (!addr_char((unsigned char)s[at]) || s[at] == ':' ||
			    s[at] == '=')
				run = at + 1;
			continue;
		}
		if (at > 1 && s[at - 1] == '"') {
			/* a quoted local part: "neko..nyaan"@example.org */
			for (b = at - 1; b > 0 && s[b - 1] != '"' &&
			    s[b - 1] != '\n' && at - b < 256; b--)
				;
			b = b > 0 && s[b - 1] == '"' ? b - 1 : at;
		} else if (at > 3 && s[at - 1] == '=' && s[at - 2] == '?') {
			/*
			 * an RFC 2047 encoded-word as the local part, as a
			 * mail client wrote it and Sendmail reports it:
			 * =?utf-8?B?8J+QiA==?=@example.org
			 */
			for (b = at - 2; b > 1 && !(s[b - 2] == '=' &&
			    s[b - 1] == '?') && addr_char((unsigned char)
			    s[b - 1]) && at - b < 256; b--)
				;
			b = b > 1 && s[b - 2] == '=' && s[b - 1] == '?' ?
			    b - 2 : at;
		} else
			b = run;
		if (end <= at) {
			/* the domain's run; trailing dots and colons cut */
			for (end = at + 1; end < len &&
			    addr_char((unsigned char)s[end]); end++)
				;
			for (trim = end; trim > at + 1 && (s[trim - 1] == '.' ||
			    s[trim - 1] == ':'); trim--)
				;
			for (dot = trim; dot > at + 1 && s[dot - 1] != '.';
			    dot--)
				;
		}
		/* the run's '@' signs are never cut, so trim > at */
		e = trim;
		if (b == at || e == at + 1 || dot <= at + 1 ||
		    word_has_ctl(s, len, b, e))
			continue;
		return xstrndup(s + b, e - b);
	}
	/* none in ASCII: an internationalised one (RFC 6531), if any */
	return utf8addr_find(s, len);
}

struct explain_rcpt *
explain_rcpt_add(struct explain_result *r)
{
	struct explain_rcpt *x;

	if (r->nrcpts >= EXPLAIN_RCPTS_MAX) {
		r->rcpts_dropped++;
		return NULL;
	}
	if ((r->nrcpts & (r->nrcpts - 1)) == 0)
		r->rcpts = xrealloc(r->rcpts, (r->nrcpts ? r->nrcpts * 2 : 1) *
		    sizeof(*r->rcpts));
	x = &r->rcpts[r->nrcpts++];
	memset(x, 0, sizeof(*x));
	x->stage = STAGE_DATA;
	return x;
}

void
explain_rcpt_stage(struct explain_rcpt *x, enum stage s)
{
	x->stage_said = s != STAGE__LAST;
	x->stage = x->stage_said ? s : STAGE_DATA;
}

/* An enhanced code's class digit, or 0 when there is none. */
static int
enhanced_class(const char *e)
{
	return (e[0] == '2' || e[0] == '4' || e[0] == '5') && e[1] == '.' ?
	    e[0] - '0' : 0;
}

/* Reasons the classifier gives when the reply names no finer cause. */
static int
vague(enum reason r)
{
	switch (r) {
	case REASON_UNKNOWN:
	case REASON_TEMPORARY_OTHER:
	case REASON_REMOTE_SERVER_ERROR:
	case REASON_TIMEOUT:
	case REASON_CONNECTION_FAILED:
	case REASON_POLICY_OTHER:
		return 1;
	default:
		return 0;
	}
}

/*
 * A temporary reply that still says the mailbox does not exist (Postfix's
 * "450 4.1.1 ... User unknown in virtual alias table" when it is set to
 * soft-reject unknown users): after the sending server gave up, what the
 * server kept saying is the answer.  Read as a permanent reply would be.
 */
static int
mailbox_said(const struct explain_rcpt *x, const char *text)
{
	struct classification c;

	classify_reply(x->stage, 550, "", text, strlen(text), x->remote_mta, &c);
	return vague(x->reason) && c.reason == REASON_MAILBOX_UNKNOWN;
}

/*
 * What a bounce adds to the classifier's answer.  The sending MTA's own
 * words (it gave up, its DNS failed: mtacues.c) decide when the reply is
 * vague, its words of the domain's DNS answer also over the enhanced
 * code's reading, and its decisive words (a lost connection, a provider's notice)
 * whenever no remote server replied; a temporary reply that says the mailbox
 * does not exist says so (mailbox_said); any other report that failed with a
 * 4.x.x status gave up retrying; a mailbox refused after the message was sent
 * (the bounce names the DATA command) was refused by the recipient's filter,
 * not at RCPT, unless the enhanced code itself says the address is bad (X.1.x)
 * or the provider documents that it refuses unknown users after DATA
 * (Yahoo's "554 delivery error: dd This user doesn't have a ... account");
 * a refusal of the connection itself (banner) or of the HELO, with no
 * finer cue, is about the sending IP, even when the sending MTA wraps it
 * in its own words ("delivery temporarily suspended: ... refused to talk
 * to me: 421 ...").  A reply in which the receiving system says it
 * failed (server_failed) stays the receiver's error, also when the
 * sending server says it gave up on it, and so does any reply a
 * provider's documented code decided (by_code: La Poste's "LPN007_416"
 * is an invalid recipient after DATA too, Orange's "OFR005_505" its own
 * refusal, not the sender's giving up) or whose own words named the
 * cause (named: Exim's "Temporary local problem", "for policy reasons"),
 * or whose temporary enhanced code alone has an RFC 3463 / IANA meaning
 * that names one (by_status, classify_bounce.c temp_causes: 4.1.6 the mailbox
 * moved, 4.7.5 a cryptographic failure), unless the sending MTA's own
 * words name a cause (Amazon SES's "<421 4.4.2 Connection timed out>":
 * a timeout, its giving up): the remote server's last reply, when it
 * says why, outranks the sending server's giving up (RFC 3463 X.4.7: the
 * code of the actual problem rather than "delivery time expired"); only
 * a vague one (a bare 4xx, X.y.0, X.4.1 no answer) becomes "expired".  A
 * greylisting names its cause (RFC 6647: the receiver defers an unknown
 * sender on purpose; Zoho's "451 4.7.1 Greylisted, try again after some
 * time", go-sisimai rhost/for-zoho.go) and stays one when the sending
 * server then gave up: resending is what helps; a bare "try again later"
 * (classify.c reads it as one, not named) does not.  Google
 * Groups bounces name no code: the group may not exist or the sender may
 * not post to it (its documented notice), which is about the sender.
 */
/*
 * The receiving system said it failed: 451 "local error in processing",
 * X.3.x (mail system status), X.4.3 (directory server failure: qmail's
 * "Unable to contact LDAP server (#4.4.3)").  That is the cause even when
 * the sending server then gave up on it.
 */
static int
server_failed(const struct explain_rcpt *x, int code)
{
	return x->reason == REASON_REMOTE_SERVER_ERROR && (code == 451 ||
	    strncmp(x->enhanced + 1, ".3.", 3) == 0 ||
	    strcmp(x->enhanced + 1, ".4.3") == 0);
}

/* The verdict that goes with a reason the MTA's own words gave (mtacues.c). */
static enum verdict
cue_verdict(enum reason m, int code)
{
	switch (m) {
	case REASON_EXPIRED:
	case REASON_DELAYED:
		return VERDICT_TEMPORARY;
	case REASON_DNS_FAILURE:
		return VERDICT_DNS_ERROR;
	case REASON_CONNECTION_FAILED:
		return VERDICT_UNREACHABLE;
	case REASON_TIMEOUT:
		/* connected, then no answer: a probe's timeout after the greeting */
		return VERDICT_TEMPORARY;
	case REASON_MAILER_ERROR:
		return classify_bounce_verdict(m, code, VERDICT_TEMPORARY);
	case REASON_MAIL_LOOP:
	case REASON_REPUTATION_OR_RATE:
	case REASON_SENDER_REJECTED:
	case REASON_RECIPIENT_FILTER:
	case REASON_NOT_AUTHORIZED:
	case REASON_CONTENT_FORMAT:
	case REASON_MESSAGE_NOT_COMPLIANT:
		return VERDICT_BLOCKED;
	case REASON_MAILBOX_UNKNOWN:
	case REASON_MAILBOX_DISABLED:
	case REASON_MAILBOX_SIZE_LIMIT:
		return VERDICT_UNDELIVERABLE;
	case REASON_MAILBOX_FULL:
		return VERDICT_MAILBOX_FULL;
	case REASON_REMOTE_SERVER_ERROR:
		return code / 100 == 4 ? VERDICT_TEMPORARY : VERDICT_BLOCKED;
	default:
		return VERDICT_NO_MAIL_DOMAIN;
	}
}

static void
bounce_adjust(struct explain_rcpt *x, int code, const char *text,
    const struct memfind_text *lowered, const struct classification *c,
    const char *format)
{
	int flags, decisive, words, by_code = c->by_code, named = c->named;
	enum reason m = mtacue_reason_in(lowered,
	    x->code == 0 ? format : NULL, &flags);

	/*
	 * the receiver said it failed; the sender's words, only that it gave up
	 */
	if (m == REASON_EXPIRED && (flags & MTACUE_GAVE_UP) &&
	    server_failed(x, code))
		m = REASON__LAST;
	decisive = (flags & MTACUE_DECIDES) != 0;
	/*
	 * The MTA's words replace an answer the reply's words did not name:
	 * a vague one; the cause its temporary code named (by_status) when
	 * they name a cause too, not only that the sender gave up; an X.4.7
	 * "delivery time expired" code (the sender's own, as Sendmail's)
	 * when they name a cause past a failed connection attempt (RFC 3463:
	 * the actual problem's code rather than this one)
	 */
	if (c->by_status)
		words = !(flags & MTACUE_GAVE_UP);
	else if (x->reason == REASON_EXPIRED)
		words = !(flags & (MTACUE_GAVE_UP | MTACUE_ATTEMPT)) &&
		    m != REASON_EXPIRED && m != REASON_DELAYED;
	else
		words = vague(x->reason);
	/*
	 * The sender's own account of the domain's DNS answer (Postfix's
	 * "Host found but no data record", Sendmail's "Host unknown (Name
	 * server: d: no data known)": mtacues.c, their only home) over what
	 * the enhanced code alone gave: 5.1.2 and 5.4.4 come with no data
	 * and NXDOMAIN alike, and with a lookup that failed for now
	 * (Postfix's "Host not found, try again", the resolver's TRY_AGAIN:
	 * the domain may well have mail; RFC 3463's X.4.4 is "useful for
	 * both permanent and persistent transient errors").  Other words of
	 * a failed lookup leave a domain code's reading (Sisimai reads
	 * "5.4.4 ... Malformed or unexpected name server reply" notaccept)
	 */
	if (m != REASON__LAST && !by_code && !c->by_words &&
	    (cue_verdict(m, code) == VERDICT_NO_MAIL_DOMAIN ||
	    (m == REASON_DNS_FAILURE &&
	    x->verdict == VERDICT_NO_MAIL_DOMAIN &&
	    extract_find(text, strlen(text), "host not found, try again") !=
	    (size_t)-1)))
		words = 1;
	words = words && !named;

	if (x->stage_said && (x->stage == STAGE_BANNER ||
	    x->stage == STAGE_EHLO) && x->code != 0 && vague(x->reason) &&
	    !by_code) {
		/* before the MTA's "delivery temporarily suspended" */
		x->verdict = code / 100 == 4 ? VERDICT_TEMPORARY :
		    VERDICT_BLOCKED;
		x->reason = REASON_REPUTATION_OR_RATE;
	} else if (m != REASON__LAST && (words || (decisive && x->code == 0) ||
	    (m == REASON_EXPIRED && x->reason == REASON_GREYLISTED &&
	    !named))) {
		x->reason = m;
		x->verdict = cue_verdict(m, code);
	} else if (x->program && vague(x->reason)) {
		/* the recipient's delivery program failed (read_text.c) */
		x->reason = REASON_MAILER_ERROR;
		x->verdict = classify_bounce_verdict(x->reason, code,
		    VERDICT_TEMPORARY);
	} else if (code / 100 == 4 && mailbox_said(x, text)) {
		x->verdict = VERDICT_UNDELIVERABLE;
		x->reason = REASON_MAILBOX_UNKNOWN;
	} else if (code / 100 == 4 && (vague(x->reason) ||
	    x->reason == REASON_GREYLISTED) && !named && !c->by_status &&
	    !server_failed(x, code)) {
		x->verdict = VERDICT_TEMPORARY;
		x->reason = REASON_EXPIRED;
	} else if (x->stage_said && x->stage == STAGE_DATA && !by_code &&
	    x->reason == REASON_MAILBOX_UNKNOWN &&
	    strncmp(x->enhanced + 1, ".1.", 3) != 0 &&
	    extract_find(text, strlen(text), "delivery error: dd ") ==
	    (size_t)-1) {
		x->verdict = VERDICT_BLOCKED;
		x->reason = REASON_RECIPIENT_FILTER;
	} else if (x->code == 0 && x->enhanced[0] == '\0' && vague(x->reason) &&
	    x->address != NULL && strlen(x->address) > 17 &&
	    strcasecmp(x->address + strlen(x->address) - 17,
	    "@googlegroups.com") == 0) {
		x->verdict = VERDICT_BLOCKED;
		x->reason = REASON_SENDER_REJECTED;
	} else if (x->stage_said && (x->stage == STAGE_BANNER ||
	    x->stage == STAGE_EHLO) && !by_code &&
	    (x->reason == REASON_POLICY_OTHER || x->reason == REASON_UNKNOWN)) {
		x->verdict = VERDICT_BLOCKED;
		x->reason = REASON_REPUTATION_OR_RATE;
	}
}

/*
 * Whether name[0..n) is the recipient's domain in either spelling: a
 * resolver names it in A-labels ("xn--bcher-kva.example") where the
 * address may carry U-labels ("bücher.example"), or the other way round.
 */
static int
is_recipient_domain(const char *address, const char *name, size_t n)
{
	struct address a;
	const char *err;
	int same;

	if (address_parse(address, strlen(address), &a, &err) == -1)
		return 0;
	same = (strlen(a.domain_ascii) == n &&
	    strncasecmp(name, a.domain_ascii, n) == 0) ||
	    (strlen(a.domain) == n && strncasecmp(name, a.domain, n) == 0);
	address_free(&a);
	return same;
}

/*
 * The name a sending MTA's resolver found with no record: Sendmail's "Host
 * unknown (Name server: H: no data known)" (err.c, NO_DATA) and Postfix's
 * "Name service error for name=H type=A: Host found but no data record"
 * (dns_strerror).  H is the recipient's domain when the domain has no MX
 * and no address; any other H is a host the MTA was sent to (an MX or a
 * route) that has no address, which is no_address.
 */
static int
other_host_looked_up(const struct explain_rcpt *x, const char *lowered,
    size_t len)
{
	static const struct {
		const char	*before;
		char		 end;
	} forms[] = { { "name server: ", ':' }, { "name=", ' ' } };
	const char *name;
	size_t at, n, i;

	if (x->address == NULL || strchr(x->address, '@') == NULL)
		return 0;
	for (i = 0; i < NELEM(forms); i++) {
		if ((at = extract_find(lowered, len, forms[i].before)) ==
		    (size_t)-1)
			continue;
		name = lowered + at + strlen(forms[i].before);
		for (n = 0; name + n < lowered + len && name[n] != forms[i].end &&
		    name[n] != ' ' && name[n] != '\n'; n++)
			;
		if (n > 0 && name[n - 1] == '.')
			n--;
		return n > 0 && !is_recipient_domain(x->address, name, n);
	}
	return 0;
}

/*
 * The host whose provider rules apply: the remote MTA, or when the bounce
 * names none the recipient's own domain (a reply for a gmail.com,
 * hotmail.com or yahoo.com address came from that provider, as Sisimai
 * chooses its per-provider rules by the destination first).
 */
static const char *
provider_host(const struct explain_rcpt *x)
{
	const char *at;

	if (x->remote_mta != NULL)
		return x->remote_mta;
	if (x->address == NULL || (at = strrchr(x->address, '@')) == NULL)
		return NULL;
	return at + 1;
}

/*
 * A recipient still being retried is delayed, whatever its reply says:
 * the sender must not send again.  What the reply names as holding it
 * up (a full mailbox, a blocklist, greylisting) is kept as its
 * delay_reason, as Sisimai keeps it for a delay; the sender's own words that it is
 * still trying, or a reply that names nothing, give none.
 */
static void
rcpt_delayed(struct explain_rcpt *x)
{
	bool said = x->code != 0 || x->enhanced[0] != '\0' ||
	    (x->text != NULL && x->text[0] != '\0');

	x->delay_reason = said && x->reason != REASON_DELAYED &&
	    x->reason != REASON_EXPIRED && x->reason != REASON_UNKNOWN ?
	    x->reason : REASON__LAST;
	x->verdict = VERDICT_TEMPORARY;
	x->reason = REASON_DELAYED;
}

/*
 * The meaning of one recipient.  A reply whose reader named no command
 * gets the one its own words name (extract.c).  The reply code decides
 * the class; without one the enhanced code's class stands in (a DSN often
 * gives only Status), and without either a failed recipient is taken as
 * a permanent failure.
 * The sending server's giving up after retries (a 4.x.x, or a failure
 * without a reply) is "expired" when the classifier found nothing finer.
 * format is the bounce's (textfmt.c's name, or NULL), whose own words
 * are read where no server replied.
 * The reply is lowered once here for its three readers (the stage's
 * words, the classifier, the MTA's words), which read letters in either
 * case alike.
 */
static void
rcpt_meaning(struct explain_rcpt *x, const char *format)
{
	struct classification c;
	struct memfind_text mt;
	int code = x->code, cls = enhanced_class(x->enhanced);
	const char *text = x->text ? x->text : "";
	size_t len;
	char *lowered;

	x->delay_reason = REASON__LAST;
	switch (x->action) {
	case ACTION_DELIVERED:
	case ACTION_RELAYED:
	case ACTION_EXPANDED:
		x->verdict = VERDICT_DELIVERABLE;
		x->reason = REASON_DELIVERED;
		x->side = reason_side(x->reason);
		return;
	default:
		break;
	}
	if (x->action == ACTION_NONE && (code / 100 == 2 || (code == 0 &&
	    cls == 2))) {
		/* no Action, but a success code: delivered */
		x->verdict = VERDICT_DELIVERABLE;
		x->reason = REASON_DELIVERED;
		x->side = reason_side(x->reason);
		return;
	}
	len = strlen(text);
	lowered = extract_lower(text, len);
	memfind_prepare(&mt, lowered, len);
	/* the command the reply names, for a reader that did not look */
	if (!x->stage_said)
		explain_rcpt_stage(x, extract_stage_in(&mt));
	if (code < 400 || code > 599)
		code = cls == 4 ? 450 : cls == 2 ? 250 : 550;
	if (code / 100 == 2)
		code = 550;	/* "failed" with a 2xx code: the code lies */
	classify_bounce(x->stage, code, x->enhanced, lowered, len,
	    provider_host(x), &c);
	/*
	 * The recipient's domain stands for its server, never for the
	 * sender's own provider whose refusal client_auth_required reads
	 */
	if (c.reason == REASON_CLIENT_AUTH_REQUIRED && x->remote_mta == NULL)
		classify_bounce(x->stage, code, x->enhanced, lowered, len,
		    NULL, &c);
	x->verdict = c.verdict;
	x->reason = c.reason;
	memcpy(x->blocklist, c.blocklist, sizeof(x->blocklist));
	bounce_adjust(x, code, text, &mt, &c, format);
	if (x->reason == REASON_DOMAIN_NO_MAIL &&
	    other_host_looked_up(x, lowered, len))
		x->reason = REASON_NO_ADDRESS;
	free(lowered);
	if (x->action == ACTION_DELAYED)
		rcpt_delayed(x);
	x->side = reason_side(x->reason);
}

void
explain_finish(struct explain_result *r)
{
	size_t i, failed = 0, delayed = 0;

	for (i = 0; i < r->nrcpts; i++) {
		if (r->kind == EXPLAIN_AUTO_REPLY) {
			r->rcpts[i].verdict = VERDICT_DELIVERABLE;
			r->rcpts[i].reason = REASON_AUTO_REPLY;
		} else if (r->kind == EXPLAIN_FEEDBACK) {
			r->rcpts[i].verdict = VERDICT_DELIVERABLE;
			r->rcpts[i].reason = REASON_FEEDBACK;
		} else
			rcpt_meaning(&r->rcpts[i], r->format);
		r->rcpts[i].side = classify_side(r->rcpts[i].reason,
		    r->rcpts[i].text, r->rcpts[i].text != NULL ?
		    strlen(r->rcpts[i].text) : 0);
		if (r->rcpts[i].reason == REASON_DELAYED)
			delayed++;
		else if (r->rcpts[i].side != SIDE_NOT_A_FAILURE &&
		    r->rcpts[i].reason != REASON_FEEDBACK)
			failed++;
	}
	if (r->kind != EXPLAIN_FAILURE)
		return;		/* the reader decided */
	if (failed > 0)
		r->kind = EXPLAIN_FAILURE;
	else if (delayed > 0)
		r->kind = EXPLAIN_DELAYED;
	else if (r->nrcpts > 0)
		r->kind = EXPLAIN_DELIVERED;
}

/*
 * The messages a message attaches in its own parts (not those inside an
 * attached message), in order: EXPLAIN_ATTACHED_MAX at most, the rest
 * counted.  Found in one walk, for deciding whether it forwards them and
 * for reading them.
 */
struct attached {
	GMimeObject	*part[EXPLAIN_ATTACHED_MAX];	/* borrowed */
	size_t		 n;
	size_t		 past;		/* attached past the bound */
};

static int
attached_add(GMimeObject *part, int depth, void *arg)
{
	struct attached *a = arg;

	if (depth == 0 || !mime_is_message(part))
		return 0;
	if (a->n < EXPLAIN_ATTACHED_MAX)
		a->part[a->n++] = part;
	else
		a->past++;
	return 0;
}

/*
 * What reading one message has made so far: its records, and how many
 * attached messages it read, in all the forwards it holds, against the
 * one bound (EXPLAIN_ATTACHED_MAX) and past it.
 */
struct reading {
	struct explain_records	*out;
	size_t			 read;
	size_t			 unread;
	size_t			 budget;	/* messages past the bound still to count (attached_held) */
	int			 floor;		/* unread is a floor: the budget ran out */
	int			 copies;	/* read them as delivered copies, not bounces */
};

/* A new zeroed record at the end of out. */
static struct explain_result *
records_add(struct explain_records *out)
{
	if ((out->n & (out->n - 1)) == 0)
		out->r = xrealloc(out->r, (out->n ? out->n * 2 : 1) *
		    sizeof(*out->r));
	memset(&out->r[out->n], 0, sizeof(*out->r));
	return &out->r[out->n++];
}

/*
 * msg is a person's forward of bounces rather than a bounce: no report
 * (RFC 6522 multipart/report), its sender no mailer daemon, a message
 * attached (a, found here), and its own text in no bounce format
 * (textfmt.h: "Could you look at this one?").
 */
static int
forwards(struct body *body, struct attached *a)
{
	GMimeMessage *msg = body->msg;
	char type[64];

	memset(a, 0, sizeof(*a));
	(void)mime_walk(GMIME_OBJECT(msg), NULL, attached_add, a);
	mime_type(g_mime_message_get_mime_part(msg), type, sizeof(type));
	if (a->n == 0 || strcmp(type, "multipart/report") == 0 ||
	    signs_bounce_sender(msg))
		return 0;
	return textfmt_pick(body_lowered(body)) == textfmt_none();
}

static size_t read_attached(struct reading *, const struct attached *);

/*
 * How many messages one attached message left unread stands for: itself
 * and every message attached in it, however deep (a forward of a forward
 * of ...), so that the note counts what was not read rather than one
 * message for a whole nest.  Counting parses each nested message as
 * reading would: at most *budget of them, then *budget is 0 and the count
 * is a floor.
 */
static size_t
attached_held(GMimeObject *part, size_t *budget)
{
	GMimeMessage *inner;
	struct attached a;
	size_t i, n = 1;

	if (*budget == 0)
		return 0;
	(*budget)--;
	if ((inner = mime_inner_message(part)) == NULL)
		return 1;
	memset(&a, 0, sizeof(a));
	(void)mime_walk(GMIME_OBJECT(inner), NULL, attached_add, &a);
	if (a.past > *budget) {
		n += *budget;
		*budget = 0;
		return n;
	}
	n += a.past;
	*budget -= a.past;
	for (i = 0; i < a.n && *budget > 0; i++)
		n += attached_held(a.part[i], budget);
	if (i < a.n)
		*budget = 0;
	return n;
}

/*
 * One attached message: when it forwards bounces in its turn, each of
 * them (read_attached); else itself, when a reader but the last takes it
 * (a delivered message's own path is the forward's, not the bounce's),
 * its original message found in it; with st->copies, itself when the
 * delivered-message reader alone takes it.  How many records it added.
 */
static size_t
read_one(struct reading *st, GMimeObject *part)
{
	GMimeMessage *inner;
	struct explain_result *r;
	struct attached a;
	struct body body;
	size_t i, n = 0;

	if ((inner = mime_inner_message(part)) == NULL)
		return 0;
	body_init(&body, inner);
	if (forwards(&body, &a)) {
		/* its text no longer needed while the nested ones are read */
		body_free(&body);
		if ((n = read_attached(st, &a)) > 0)
			return n;
		body_init(&body, inner);
	}
	r = records_add(st->out);
	if (st->copies)
		i = reader_delivered_attached(&body, r) ? 0 :
		    NELEM(readers) - 1;
	else
		for (i = 0; i + 1 < NELEM(readers); i++)
			if (readers[i].read(&body, r))
				break;
	r->text_cut = body.cut && r->text_role != TEXT_ROLE_NONE;
	body_free(&body);
	if (i + 1 == NELEM(readers)) {
		explain_result_free(r);
		st->out->n--;
		return 0;
	}
	if (r->format == NULL)
		r->format = xstrdup(readers[i].name);
	if (r->original.subject == NULL && r->original.message_id == NULL)
		original_find(inner, &r->original);
	/* when the attached bounce was written, not the forward */
	r->date = mime_header(GMIME_OBJECT(inner), "Date");
	return 1;
}

/*
 * Every message a forward attaches, a bounce each or a forward of more:
 * people pass bounces on to whoever can read them, several at once.
 * EXPLAIN_ATTACHED_MAX messages are read in all (nested ones included),
 * the others counted in st->unread.  How many records they added.
 */
static size_t
read_attached(struct reading *st, const struct attached *a)
{
	size_t i, n = 0;

	st->unread += a->past;
	for (i = 0; i < a->n; i++) {
		if (st->read == EXPLAIN_ATTACHED_MAX) {
			if (st->budget == 0)
				st->unread++;
			else {
				st->unread += attached_held(a->part[i],
				    &st->budget);
				st->floor |= st->budget == 0;
			}
			continue;
		}
		st->read++;
		n += read_one(st, a->part[i]);
	}
	return n;
}

/*
 * The readers in order; the bounces attached to msg (read_attached)
 * first when msg forwards them, else before the last reader (a
 * delivered message, no bounce).  A forward that attaches no bounce but
 * a delivered copy (a customer sends back our message from their junk
 * folder, its headers as their server wrote them) is read as that copy:
 * the forward's own path is the customer's mail to us.  msg's body is
 * made here, once, for every reader.
 */
void
explain_message(GMimeMessage *msg, struct explain_records *out)
{
	struct reading st = { out, 0, 0, EXPLAIN_ATTACHED_MAX, 0, 0 };
	struct explain_result own, *r;
	struct attached a;
	struct body body;
	size_t i, k, n = 0;
	int fwd;

	memset(out, 0, sizeof(*out));
	memset(&own, 0, sizeof(own));
	body_init(&body, msg);
	fwd = forwards(&body, &a);
	for (i = 0; i < NELEM(readers); i++) {
		if ((i == 0 ? fwd : !fwd && i + 1 == NELEM(readers)) &&
		    (n = read_attached(&st, &a)) > 0)
			break;
		if (fwd && i + 1 == NELEM(readers)) {
			/* no bounce in it: its copies, counted afresh */
			st = (struct reading){ out, 0, 0,
			    EXPLAIN_ATTACHED_MAX, 0, 1 };
			if ((n = read_attached(&st, &a)) > 0)
				break;
		}
		if (readers[i].read(&body, &own))
			break;
	}
	own.text_cut = body.cut && own.text_role != TEXT_ROLE_NONE;
	body_free(&body);
	if (n > 0)
		explain_result_free(&own);
	else {
		/*
		 * a reader that declined may have reset own; nothing read is
		 * a bounce, but attached messages past the bound were not
		 * read and may be (forward_unread): no plain "not a bounce"
		 */
		if (i == NELEM(readers))
			own.kind = st.unread > 0 ? EXPLAIN_FORWARD_UNREAD :
			    EXPLAIN_NOT_A_BOUNCE;
		if (own.format == NULL)
			own.format = xstrdup(i < NELEM(readers) ?
			    readers[i].name : "none");
		/* when the report was written, for a terminal's "when did
		 * this bounce?"; a forward's own Date: is when IT forwarded
		 * it */
		own.date = mime_header(GMIME_OBJECT(msg), "Date");
		*records_add(out) = own;
	}
	for (k = 0; k < out->n; k++) {
		r = &out->r[k];
		/* an attached bounce's original is in it or nowhere: msg's
		 * first attached message is another letter (or the bounce
		 * itself), not the one this bounce returned */
		if (n == 0 && r->original.subject == NULL &&
		    r->original.message_id == NULL)
			original_find(msg, &r->original);
		if (n > 0) {
			r->attachment = k + 1;
			r->attachments = n;
		}
		explain_finish(r);
	}
	/* what was not read of the message itself, said once: last */
	out->r[out->n - 1].fields_dropped = mime_dropped(msg);
	out->r[out->n - 1].attached_unread = st.unread;
	out->r[out->n - 1].attached_floor = st.floor;
}

void
explain_records_free(struct explain_records *out)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		explain_result_free(&out->r[i]);
	free(out->r);
	memset(out, 0, sizeof(*out));
}

char *
explain_attached_note(const struct explain_result *r, enum lang l)
{
	char n[24], max[24];
	const char *vals[2] = { n, max };

	if (r->attached_unread == 0)
		return NULL;
	snprintf(n, sizeof(n), "%zu", r->attached_unread);
	snprintf(max, sizeof(max), "%d", EXPLAIN_ATTACHED_MAX);
	return catalog_fmt(l, r->attached_floor ? "explain.attached_unread_floor"
	    : "explain.attached_unread", 2, vals);
}

char *
explain_fields_note(const struct explain_result *r, enum lang l)
{
	char n[24], kb[24];
	const char *vals[2] = { n, kb };

	if (r->fields_dropped == 0)
		return NULL;
	snprintf(n, sizeof(n), "%zu", r->fields_dropped);
	snprintf(kb, sizeof(kb), "%d", EXPLAIN_HDRBLOCK_MAX / 1024);
	return catalog_fmt(l, "explain.fields_dropped", 2, vals);
}

char *
explain_text_note(const struct explain_result *r, enum lang l)
{
	char kib[24];
	const char *vals[1] = { kib };

	if (!r->text_cut)
		return NULL;
	snprintf(kib, sizeof(kib), "%d", EXPLAIN_TEXT_MAX / 1024);
	return catalog_fmt(l, r->text_role == TEXT_ROLE_REPLIES ?
	    "explain.text_cut_replies" : "explain.text_cut", 1, vals);
}

void
explain_rcpt_clear(struct explain_rcpt *x)
{
	free(x->address);
	free(x->original);
	free(x->text);
	free(x->remote_mta);
	free(x->last_attempt);
	free(x->will_retry_until);
	memset(x, 0, sizeof(*x));
}

void
explain_result_free(struct explain_result *r)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++)
		explain_rcpt_clear(&r->rcpts[i]);
	free(r->rcpts);
	free(r->reporting_mta);
	free(r->format);
	free(r->feedback_type);
	free(r->source_ip);
	free(r->mail_from);
	free(r->arrival_date);
	free(r->reported_domain);
	free(r->date);
	original_free(&r->original);
	strlist_free(&r->notes);
	if (r->extra != NULL)
		json_decref(r->extra);
	memset(r, 0, sizeof(*r));
}
