/*
 * classify_bounce.c - what only a bounce tells apart: classify_reply()'s
 * answer refined when the reply says more (bounce_rules), the cause a
 * temporary enhanced code names (temp_causes), the answers with no cause
 * of their own that words name (vague_rules), and a "user unknown" that
 * was not about the address (recipient_filter).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meaning/classify_int.h"

/*
 * What only a bounce tells apart.  A probe stops at RCPT and needs one
 * reason per cause it can act on; a bounce is read by a person who can act
 * on finer ones, so the classifier's answer is refined when the reply says
 * more.  Each rule: the answer it refines, the text cues (any) or the
 * enhanced code (subject and detail range, any cue list empty) that make
 * it finer, and the finer reason.  Only replies from MAIL on are refined:
 * a refusal at the banner or HELO is about the sending host whatever its
 * words.
 */
static const struct bounce_rule {
	enum reason		 from;
	const char *const	*cues;		/* NULL: by enhanced code only */
	int			 subject, dlo, dhi;	/* -1: any code */
	enum reason		 to;
} bounce_rules[] = {
	/*
	 * The reply names reputation: Microsoft's S3113-S3150 "rate limited
	 * due to IP reputation", Yahoo's [TSS04] "unexpected volume or user
	 * complaints" (postmaster.yahooinc.com/error-codes).
	 */
	/*
	 * Exchange's own NDR "554 5.4.4 SMTPSEND.DNS.MxLoopback": the
	 * domain's MX points back at the sending server, a routing loop
	 * (go-sisimai lhost/via-exchange2007.go), not a missing domain
	 */
	{ REASON_DOMAIN_NO_MAIL, CUES("smtpsend.dns.mxloopback"), -1, 0, 0,
	    REASON_MAIL_LOOP },
	{ REASON_REPUTATION_OR_RATE, CUES("reputation", "user complaints",
	    "connection rejected by policy",
	    "信誉", "被投诉"),
	    -1, 0, 0, REASON_BAD_REPUTATION },
	/* the reply names the speed: too much, too fast, per hour */
	{ REASON_REPUTATION_OR_RATE, CUES("rate limit", "ratelimit", "too fast",
	    "slower", "sending rate", "sending quota", "sending limit",
	    "too many messages", "too many mails",
	    "too many emails", "throttl", "per hour", "this hour",
	    "send limit exceeded", "too much email",
	    "frequency of receiving messages", "receiving mail at a rate",
	    "receiving mail too quickly", "excessive volume",
	    "频率过高", "发信频率过", "发送频率过", "过于频繁", "频率限制",
	    "频率超", "发信配额", "发送配额", "每小时",
	    /* Alibaba Mail's 504 and 505 (cue_rules) */
	    "number of rcpt attempts is achieved",
	    "total of rcpts is achieved",
	    /*
	     * Postfix smtpd.c's smtpd_client_message_rate_limit: "450 4.7.1
	     * Error: too much mail from ADDR"
	     */
	    "too much mail from"),
	    -1, 0, 0, REASON_RATE_LIMITED },
	/*
	 * GoDaddy's IB607 "has sent to too many recipients this hour";
	 * Postfix smtpd.c's smtpd_client_recipient_rate_limit, "450 4.7.1
	 * Error: too many recipients from ADDR" (recipients per time unit
	 * from one client, not per message)
	 */
	{ REASON_TOO_MANY_RECIPIENTS, CUES("per hour", "this hour", "per day",
	    "today", "too many recipients from"), -1, 0, 0,
	    REASON_RATE_LIMITED },
	/*
	 * Microsoft's Directory-Based Edge Blocking answers a recipient its
	 * directory does not hold with "550 5.4.1 Recipient address rejected:
	 * Access denied" (Exchange Online's NDR help for 5.4.1), also under
	 * 5.7.1 and when the bounce does not name Microsoft's host, and, when
	 * it refused every recipient, with "550 5.4.1 All recipient addresses
	 * rejected : Access denied" (a blank before the colon; go-sisimai
	 * reason/why-rejected.go lists it): in a bounce the address is the
	 * cause.  A probe keeps it a refusal.
	 */
	{ REASON_POLICY_OTHER, CUES("recipient address rejected: access denied",
	    "recipient addresses rejected : access denied"),
	    -1, 0, 0, REASON_MAILBOX_UNKNOWN },
	{ REASON_REMOTE_SERVER_ERROR, CUES("recipient address rejected: access "
	    "denied", "recipient addresses rejected : access denied"),
	    -1, 0, 0, REASON_MAILBOX_UNKNOWN },
	/*
	 * Not authorized: RFC 3463 X.7.1 "Delivery not authorized, message
	 * refused", Exchange's RESOLVER.RST.AuthRequired (the recipient or
	 * group accepts only authenticated, internal senders), and the
	 * "not authorized" wordings.  Not "access denied": QQ Mail's
	 * "Mailbox unavailable or access denied" does not say which.
	 */
	{ REASON_POLICY_OTHER, CUES("not authorized", "not authorised",
	    "unauthorized", "unauthorised", "rst.notauthorized",
	    "sender was not authenticated", "sender not authenticated for",
	    "not in allowed-senders list",
	    /* Sisimai's documented securityerror texts, as in cue_rules */
	    "account not subscribed to ses", "authentication credentials invalid",
	    "authentication failure", "authentication failed; server",
	    "authentication turned on in your email client",
	    "unauthenticated senders not allowed", "verification failure",
	    "you don't authenticate or the domain isn't",
	    PAIR("authentification invalide", "305"),
	    PAIR("authentification requise", "402"), "未授权",
	    "未经授权", "没有权限", "无权限", "has no permission"),
	    -1, 0, 0, REASON_NOT_AUTHORIZED },
	/*
	 * Exchange's delivery restrictions: RESOLVER.RST.AuthRequired and
	 * 5.7.133-5.7.136 RESOLVER.RST.SenderNotAuthenticatedForGroup (or
	 * ForMailbox, ForPublicFolder, ForMailUser) "; authentication
	 * required" (Exchange Online's NDR list): the recipient takes mail
	 * only from authenticated, internal senders, not a relay refusal
	 */
	{ REASON_RELAY_DENIED, CUES("rst.authrequired",
	    "rst.sendernotauthenticated"), -1, 0, 0, REASON_NOT_AUTHORIZED },
	/*
	 * RFC 3463 X.7.1-X.7.7: not authorized, mailing list expansion
	 * prohibited, security conversion not possible, security features not
	 * supported, cryptographic failure, algorithm, integrity; RFC 4954's
	 * X.7.12 (a password transition is needed); RFC 6710's X.7.14 (trust
	 * relationship required) and X.7.15 (priority level too low); RFC
	 * 7293's X.7.19 (RRVS test cannot be completed)
	 */
	{ REASON_POLICY_OTHER, NULL, 7, 1, 7, REASON_NOT_AUTHORIZED },
	{ REASON_POLICY_OTHER, NULL, 7, 12, 12, REASON_NOT_AUTHORIZED },
	{ REASON_POLICY_OTHER, NULL, 7, 14, 15, REASON_NOT_AUTHORIZED },
	{ REASON_POLICY_OTHER, NULL, 7, 19, 19, REASON_NOT_AUTHORIZED },
	/* RFC 6710 X.7.16: the message is too big for its priority */
	{ REASON_POLICY_OTHER, NULL, 7, 16, 16, REASON_MESSAGE_TOO_BIG },
	/*
	 * RFC 7293 X.7.17/X.7.18: the mailbox's or the domain's owner has
	 * changed since the sender last knew it (RRVS)
	 */
	{ REASON_POLICY_OTHER, NULL, 7, 17, 18, REASON_MAILBOX_MOVED },
	/*
	 * RFC 3463 X.2.0 "the mailbox exists, but something about the
	 * destination mailbox has caused the sending of this DSN" and X.2.4
	 * "mailing list expansion problem": the recipient's side refused it
	 */
	{ REASON_UNKNOWN, NULL, 2, 0, 0, REASON_RECIPIENT_FILTER },
	{ REASON_UNKNOWN, NULL, 2, 4, 4, REASON_RECIPIENT_FILTER },
	/*
	 * RFC 3463 X.1.4 "destination mailbox address ambiguous": the address
	 * names no one mailbox; X.1.9 "message relayed to non-compliant
	 * mailer": the receiving system's
	 */
	{ REASON_UNKNOWN, NULL, 1, 4, 4, REASON_INVALID_ADDRESS },
	{ REASON_UNKNOWN, NULL, 1, 9, 9, REASON_REMOTE_SERVER_ERROR },
	/*
	 * RFC 3463 X.4.0 "other or undefined network or routing status" and
	 * X.4.2 "bad connection" name the network's fault, X.4.6 "routing
	 * loop detected" a loop; X.5.1 "invalid command" and X.5.2 "syntax
	 * error" the SMTP exchange's, and so is RFC 4954's X.5.6
	 * "authentication exchange line is too long" (the client's AUTH
	 * response)
	 */
	{ REASON_REMOTE_SERVER_ERROR, NULL, 4, 0, 0, REASON_CONNECTION_FAILED },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 4, 2, 2, REASON_CONNECTION_FAILED },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 4, 6, 6, REASON_MAIL_LOOP },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 5, 1, 2, REASON_PROTOCOL_VIOLATION },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 5, 6, 6, REASON_PROTOCOL_VIOLATION },
	/*
	 * X.7.8/X.7.9 (RFC 4954: credentials invalid, mechanism too weak) in
	 * a bounce are the receiving server's refusal of the sender, not a
	 * relay refusal, unless the reply says relay
	 */
	{ REASON_RELAY_DENIED, NULL, 7, 8, 9, REASON_NOT_AUTHORIZED },
	/*
	 * RFC 3463 X.6.0-X.6.6: the message's media or its conversion (X.6.7-9
	 * are SMTPUTF8, their own reason already)
	 */
	{ REASON_UNKNOWN, NULL, 6, 0, 6, REASON_CONTENT_FORMAT },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 6, 0, 6, REASON_CONTENT_FORMAT },
	/*
	 * The receiver out of storage or congested: RFC 3463 X.3.1 "Mail system
	 * full" and X.4.5 "Mail system congestion", RFC 5321's 452 "Requested
	 * action not taken: insufficient system storage", qmail's "mailbox
	 * unavailable (not enough free space)"
	 */
	{ REASON_REMOTE_SERVER_ERROR, CUES("insufficient system storage",
	    "mail system full", "not enough free space",
	    "insufficient disk space; try again later",	/* Sendmail */ "系统存储空间不足",
	    "服务器存储空间不足", "磁盘空间不足", "系统存储不足"),
	    -1, 0, 0, REASON_SYSTEM_FULL },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 3, 1, 1, REASON_SYSTEM_FULL },
	{ REASON_REMOTE_SERVER_ERROR, NULL, 4, 5, 5, REASON_SYSTEM_FULL },
	/*
	 * RFC 5321's own 550 text, "Requested action not taken: mailbox
	 * unavailable", with nothing finer: Outlook.com and Zoho answer an
	 * address that does not exist so (Outlook.com's postmaster help); in
	 * a bounce that is the answer about the address.  Only for 5xx: 450
	 * has the same words for a busy mailbox.
	 */
	{ REASON_REMOTE_SERVER_ERROR, CUES("action not taken: mailbox "
	    "unavailable"), -1, 0, 0, REASON_MAILBOX_UNKNOWN },
	{ REASON_UNKNOWN, CUES("action not taken: mailbox unavailable"),
	    -1, 0, 0, REASON_MAILBOX_UNKNOWN },
	/*
	 * RFC 5321's own 553 text, "Requested action not taken: mailbox name
	 * not allowed (e.g., mailbox syntax incorrect)": the address, not a
	 * policy, whatever its "not allowed"
	 */
	{ REASON_POLICY_OTHER, CUES("mailbox name not allowed"),
	    -1, 0, 0, REASON_INVALID_ADDRESS },
	/*
	 * RFC 5321 4.2.3's 421 "<domain> Service not available, closing
	 * transmission channel", which "may be a reply to any command if the
	 * service knows it must shut down": in a bounce, the receiving
	 * server's own state, as Exchange's "451 4.3.2 Service not available"
	 * (its NDR list).  A probe keeps a 421 with these words a temporary
	 * problem: at the greeting they also turn a client away
	 */
	{ REASON_UNKNOWN, CUES("service not available, closing transmission "
	    "channel"), -1, 0, 0, REASON_REMOTE_SERVER_ERROR },
	/* RFC 5321 4.2.2: 503 "Bad sequence of commands", a protocol fault */
	{ REASON_REMOTE_SERVER_ERROR, CUES("bad sequence of commands",
	    "improper sequence of commands"), -1, 0, 0,
	    REASON_PROTOCOL_VIOLATION },
	/*
	 * Sendmail gives its own MaxMessageSize 5.2.3: "552 5.2.3 Message
	 * size exceeds fixed maximum message size (N)" (srvrsmtp.c at MAIL
	 * SIZE=, collect.c after DATA), the server's limit, not the
	 * mailbox's: kept before the X.2.3 rule below
	 */
	{ REASON_MESSAGE_TOO_BIG, CUES("exceeds fixed maximum message size"),
	    -1, 0, 0, REASON_MESSAGE_TOO_BIG },
	/* RFC 3463 X.2.3: the per-mailbox limit; Exchange's RecipSizeLimit */
	{ REASON_MESSAGE_TOO_BIG, NULL, 2, 3, 3, REASON_MAILBOX_SIZE_LIMIT },
	{ REASON_MESSAGE_TOO_BIG, CUES("recipsizelimit"),
	    -1, 0, 0, REASON_MAILBOX_SIZE_LIMIT },
};

/*
 * A temporary (4.x.y) enhanced code whose RFC 3463 / IANA registry entry
 * names a cause: in a bounce the sending server gave up on it, and the
 * cause it kept getting is the answer rather than the giving up (RFC 3463
 * X.4.7: "the code for the actual problem found when delivery was
 * attempted should be returned rather than this code").  Read as the
 * permanent code reads, when no words say more.  Not here, on purpose:
 * X.y.0 ("other or undefined": no cause named) but X.6.0 (its text says
 * the content made the message undeliverable); X.1.1, which Postfix also
 * gives a recipient it could not verify for now ("450 4.1.1 ...
 * Recipient address rejected: unverified address: ... timed out"), not
 * one found not to exist; X.4.1 "no answer from host" and X.4.7
 * "delivery time expired", which are the giving up itself; codes whose
 * 4xx reading already names a cause (X.1.7/X.1.8, X.2.2/X.2.3, X.3.x,
 * X.4.3, X.4.5, X.4.6, X.5.1-X.5.3, X.5.6, X.6.7-X.6.9, X.7.1, X.7.8-X.7.11,
 * X.7.20-X.7.30).
 */
static const struct {
	int		subject, dlo, dhi;
	enum reason	to;
} temp_causes[] = {
	/* X.1.2 "bad destination system address" (permanent or transient) */
	{ 1, 2, 2,	REASON_DOMAIN_NOT_FOUND },
	/* X.1.3 "bad destination mailbox address syntax", X.1.4 ambiguous */
	{ 1, 3, 4,	REASON_INVALID_ADDRESS },
	/* X.1.6 "destination mailbox has moved, no forwarding address" */
	{ 1, 6, 6,	REASON_MAILBOX_MOVED },
	/* RFC 3886 X.1.9 "message relayed to non-compliant mailer" */
	{ 1, 9, 9,	REASON_REMOTE_SERVER_ERROR },
	/* RFC 7505 X.1.10 "recipient address has null MX" */
	{ 1, 10, 10,	REASON_NULL_MX },
	/* X.2.1 "mailbox disabled, not accepting messages" */
	{ 2, 1, 1,	REASON_MAILBOX_DISABLED },
	/* X.2.4 "mailing list expansion problem", the recipient's side */
	{ 2, 4, 4,	REASON_RECIPIENT_FILTER },
	/* X.4.2 "bad connection": connected, but the transaction failed */
	{ 4, 2, 2,	REASON_CONNECTION_FAILED },
	/* X.4.4 "unable to route": no routing information for the domain */
	{ 4, 4, 4,	REASON_DOMAIN_NO_MAIL },
	/* X.5.4 "invalid command arguments", X.5.5 "wrong protocol version" */
	{ 5, 4, 5,	REASON_REMOTE_SERVER_ERROR },
	/* X.6.0-X.6.6: the message's media, its conversion */
	{ 6, 0, 6,	REASON_CONTENT_FORMAT },
	/*
	 * X.7.2 list expansion prohibited, X.7.3 security conversion not
	 * possible, X.7.4 security features not supported, X.7.5
	 * cryptographic failure, X.7.6 algorithm not supported, X.7.7
	 * message integrity failure; RFC 4954 X.7.12 password transition
	 * needed; RFC 5248 X.7.14 trust relationship required; RFC 6710
	 * X.7.15 priority level too low; RFC 7293 X.7.19 RRVS test cannot
	 * be completed: as the same codes read in a 5xx (bounce_rules)
	 */
	{ 7, 2, 7,	REASON_NOT_AUTHORIZED },
	{ 7, 12, 12,	REASON_NOT_AUTHORIZED },
	/* RFC 5248 X.7.13 "user account disabled" */
	{ 7, 13, 13,	REASON_MAILBOX_DISABLED },
	{ 7, 14, 15,	REASON_NOT_AUTHORIZED },
	/* RFC 6710 X.7.16 "message is too big for the specified priority" */
	{ 7, 16, 16,	REASON_MESSAGE_TOO_BIG },
	/* RFC 7293 X.7.17/X.7.18 mailbox or domain owner has changed */
	{ 7, 17, 18,	REASON_MAILBOX_MOVED },
	{ 7, 19, 19,	REASON_NOT_AUTHORIZED },
};

/*
 * Words that give an answer with no cause of its own (vague_reason) one,
 * whatever the codes; perm: the verdict for a 5xx (a 4xx is temporary).
 *   - A greeting that refuses the connection, quoted without the command
 *     it answered: Apple iCloud's "554 ... ESMTP not accepting
 *     connections".  A refusal before any command is about the sending IP
 *     (as at the banner stage, explain.c).
 *   - The recipient's server delivered to a program that failed:
 *     Sendmail's "unknown mailer error N" (a local mailer's exit status
 *     outside sysexits(3)), Postfix local(8)'s "Command died with status
 *     N", Exim's "Child process of ... transport returned N" (a pipe);
 *     Sisimai's documented mailererror texts (go-sisimai
 *     reason/why-mailererror.go: procmail's own, "x-unix;" the
 *     diagnostic type of a local program, and a program recipient's
 *     command line, "|... bin/procmail ... || exit 75", "bin/maildrop":
 *     Sendmail writes a failed recipient before its reason, 'ADDR...
 *     reason', and a program recipient's ADDR is that command line;
 *     words after it that name a cause decide, as these rules read only
 *     answers that name none: '"|exec /usr/bin/procmail -f- || exit
 *     75"... Service unavailable' is the program's failure).
 */
static const struct {
	const char *const	*cues;
	enum reason		 to;
	enum verdict		 perm;
} vague_rules[] = {
	{ CUES("not accepting connections"), REASON_REPUTATION_OR_RATE,
	    VERDICT_BLOCKED },
	/*
	 * Postfix's pipe_command.c: "Command died with status N", "Command
	 * died with signal N" (the program was killed), "Command time limit
	 * exceeded"
	 */
	{ CUES("unknown mailer error", "command died with status",
	    "command died with signal", "command time limit exceeded",
	    "child process of", "mailer error", "procmail:", "command failed:",
	    "command output:", "pipe to |/", "x-unix;", "|| exit",
	    "bin/procmail", "bin/maildrop"),
	    REASON_MAILER_ERROR, VERDICT_UNDELIVERABLE },
};

/* Answers that name no cause of their own. */
static int
vague_reason(enum reason r)
{
	return r == REASON_UNKNOWN || r == REASON_TEMPORARY_OTHER ||
	    r == REASON_REMOTE_SERVER_ERROR || r == REASON_POLICY_OTHER;
}

/*
 * Cues that keep the classifier's answer against a refinement by the code
 * alone: the reply names a policy or relaying.
 */
static const char *const *const policy_named = CUES("policy", "policies",
    "relay");

/*
 * A "user unknown" whose enhanced code says something else: X.2.0/X.2.1
 * (RFC 3463: the mailbox exists but is not accepting messages) or X.7.x
 * (security or policy).  The code names the cause and the words are the
 * cover: the recipient's side refused the message, as Sisimai documents
 * for its "filtered" reason (status 5.2.0 or 5.2.1, a refusal by the
 * recipient's settings answered as an unknown user).  Not when the bounce
 * says RCPT refused it: an address refused at RCPT is the address.
 */
static int
unknown_as_cover(enum stage stage, enum reason r, int has_enh, int subject,
    int detail)
{
	return r == REASON_MAILBOX_UNKNOWN && stage != STAGE_RCPT && has_enh &&
	    ((subject == 2 && detail <= 1) || subject == 7);
}

/*
 * "550 : User unknown": the reply's slot for the recipient is empty (KDDI
 * au's form; at RCPT the same server names the address, "550 <a@b>: User
 * unknown").  No recipient was current when it answered: the refusal came
 * after DATA, where a "user unknown" is the recipient's filter (every
 * bounce in the corpus that names the command for this form names DATA),
 * unless the enhanced code itself says the address is bad (X.1.x), as
 * for a refusal that names DATA (explain.c).  The raw text is read:
 * cue_text() blanks the address that would fill the slot.
 */
static int
unknown_slot_empty(const char *text, size_t textlen)
{
	size_t at, i;

	if ((at = classify_find_ci(text, textlen, ": user unknown", NULL)) ==
	    SIZE_MAX)
		return 0;
	for (i = at; i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t');
	    i--)
		;
	return i > 0 && (text[i - 1] == ':' || (text[i - 1] >= '0' &&
	    text[i - 1] <= '9'));
}

/* classify_bounce()'s refinement of classify_src()'s answer, src and v. */
static void
bounce_refine(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, enum source src, struct cue_view *v,
    struct classification *out)
{
	const struct bounce_rule *r;
	int cls = code / 100, has_enh, subject = 0, detail = 0;
	size_t i;

	if (text == NULL)
		textlen = 0;
	cue_view_make(v, text, textlen);
	/* a provider's code decided: its page's cause, not the words' */
	if (src == SRC_PROVIDER && v->prule != NULL &&
	    v->prule->finer != NO_FINER) {
		if (classify_pick(&v->prule->out, cls)->reason == out->reason)
			out->reason = v->prule->finer;
		return;
	}
	if (src == SRC_PROVIDER) {
		if (v->coded < 0)
			v->coded = replycode_find(v->masked, v->mlen, cls,
			    &v->rc);
		if (v->coded) {
			if (v->rc.reason == out->reason)
				out->reason = v->rc.finer;
			return;
		}
	}
	has_enh = classify_enhanced_split(enhanced, cls, &subject, &detail);
	/* RFC 5321 4.2.3: 451 "local error in processing", the receiver's */
	if (code == 451 && out->reason == REASON_TEMPORARY_OTHER &&
	    (!has_enh || subject == 0 || subject == 3))
		out->reason = REASON_REMOTE_SERVER_ERROR;
	/*
	 * RFC 3463 X.7.1 "Delivery not authorized" in a 4xx with no words of
	 * its own: the sending host is held back for now (a throttle or a
	 * temporary block), which a bounce reports once the sender gave up;
	 * Sisimai's status table reads 4.7.1 so (blocked)
	 */
	if (cls == 4 && has_enh && subject == 7 && detail == 1 &&
	    out->reason == REASON_TEMPORARY_OTHER && src >= SRC_ENHANCED) {
		out->reason = REASON_REPUTATION_OR_RATE;
		return;
	}
	/*
	 * A 5xx that says only "blocked" ("Access from ip address 192.0.2.1
	 * blocked", "554 Blocked") with no cue or enhanced code: in a bounce,
	 * the sending host is what such a refusal means (Sisimai's blocked)
	 */
	if (cls == 5 && out->reason == REASON_UNKNOWN && src == SRC_FALLBACK &&
	    classify_cues_match(CUES("blocked"), &v->mt)) {
		out->reason = REASON_REPUTATION_OR_RATE;
		out->by_words = 1;
		return;
	}
	/*
	 * RFC 5321 4.2.2: 500 syntax error, command unrecognized, 501 syntax
	 * error in parameters, 502 command not implemented, 503 bad sequence
	 * of commands, 504 parameter not implemented, 555 MAIL FROM/RCPT TO
	 * parameters not recognized: with nothing finer, a fault in the SMTP
	 * exchange
	 */
	if (((code >= 500 && code <= 504) || code == 555) &&
	    out->reason == REASON_UNKNOWN && src == SRC_FALLBACK) {
		out->verdict = VERDICT_PROTOCOL_ERROR;
		out->reason = REASON_PROTOCOL_VIOLATION;
		return;
	}
	/*
	 * RFC 5321 4.2.2, with no enhanced code or words to go further: 551
	 * "User not local; please try <forward-path>" (the mailbox is no
	 * longer here), 553 "mailbox name not allowed (e.g., mailbox syntax
	 * incorrect)" (the address itself); an X.0.0 beside them says nothing
	 */
	if ((code == 551 || code == 553) && out->reason == REASON_UNKNOWN &&
	    src == SRC_FALLBACK &&
	    (!has_enh || (subject == 0 && detail == 0))) {
		out->verdict = VERDICT_UNDELIVERABLE;
		out->reason = code == 551 ? REASON_MAILBOX_MOVED :
		    REASON_INVALID_ADDRESS;
		return;
	}
	if (unknown_as_cover(stage, out->reason, has_enh, subject, detail) ||
	    (out->reason == REASON_MAILBOX_UNKNOWN && stage != STAGE_RCPT &&
	    !(has_enh && subject == 1) && unknown_slot_empty(text, textlen))) {
		out->verdict = VERDICT_BLOCKED;
		out->reason = REASON_RECIPIENT_FILTER;
		return;
	}
	/*
	 * RFC 3463 X.4.7 "Delivery time expired" says so whatever the reply's
	 * class: Exchange's "550 4.4.7 QUEUE.Expired", a 5.4.7 with a 4xx
	 */
	if (enhanced != NULL && (enhanced[0] == '4' || enhanced[0] == '5') &&
	    strcmp(enhanced + 1, ".4.7") == 0 && vague_reason(out->reason)) {
		out->verdict = VERDICT_TEMPORARY;
		out->reason = REASON_EXPIRED;
		return;
	}
	/*
	 * RFC 7504: 521 "host does not accept mail", 556 "domain does not
	 * accept mail" (the replies RFC 7505 gives a null MX)
	 */
	if ((code == 521 || code == 556) && vague_reason(out->reason)) {
		out->verdict = VERDICT_NO_MAIL_DOMAIN;
		out->reason = REASON_NULL_MX;
		return;
	}
	for (i = 0; vague_reason(out->reason) && i < NELEM(vague_rules); i++)
		if (classify_cues_match(vague_rules[i].cues, &v->mt)) {
			out->verdict = cls == 5 ? vague_rules[i].perm :
			    VERDICT_TEMPORARY;
			out->reason = vague_rules[i].to;
			out->by_words = 1;
			return;
		}
	if (cls == 4 && has_enh && src != SRC_PROVIDER && !out->named &&
	    vague_reason(out->reason) &&
	    !classify_cues_match(policy_named, &v->mt))
		for (i = 0; i < NELEM(temp_causes); i++)
			if (subject == temp_causes[i].subject &&
			    detail >= temp_causes[i].dlo &&
			    detail <= temp_causes[i].dhi) {
				out->verdict = VERDICT_TEMPORARY;
				out->reason = temp_causes[i].to;
				out->by_status = 1;
				return;
			}
	for (i = 0; i < NELEM(bounce_rules); i++) {
		r = &bounce_rules[i];
		if (r->from != out->reason ||
		    (r->to == REASON_MAILBOX_UNKNOWN && cls != 5))
			continue;
		if (r->cues != NULL && !classify_cues_match(r->cues, &v->mt))
			continue;
		if (r->cues == NULL && (!has_enh || subject != r->subject ||
		    detail < r->dlo || detail > r->dhi ||
		    classify_cues_match(policy_named, &v->mt)))
			continue;
		out->reason = r->to;
		out->by_words = r->cues != NULL;
		if (r->to == REASON_PROTOCOL_VIOLATION)
			out->verdict = VERDICT_PROTOCOL_ERROR;
		if (classify_mailbox_reason(r->to) && cls == 5)
			out->verdict = VERDICT_UNDELIVERABLE;
		if (r->to == REASON_MAIL_LOOP && cls == 5)
			out->verdict = VERDICT_BLOCKED;
		break;
	}
}

/*
 * What a 5xx in a bounce means for causes that read temporary in a probe:
 * the sending server gave the message up, nobody retries it.
 *   - Too many recipients.  RFC 5321 4.5.3.1.10 has a client read 452
 *     (and the older 552) "too many recipients" as temporary so that it
 *     sends the recipients refused in another transaction, and RFC 3463
 *     lists X.5.3 "in the event that such segmentation is not possible";
 *     a bounce with a 5xx is that event: the sending server did not split
 *     the message and gave it up.  The message was refused as it was
 *     addressed (NetEase's RP:RCL "请减少每封邮件的收件人数量", its
 *     企业退信的常见问题 list): it must be sent again to fewer recipients a
 *     message: blocked.
 *   - A delivery program that failed (mailer_error).  Sendmail reads a
 *     local mailer's exit status by sysexits(3): EX_TEMPFAIL (75) alone
 *     queues the message for another try; a status outside sysexits is
 *     "554 5.3.0 unknown mailer error N" and made EX_UNAVAILABLE, a
 *     permanent failure (deliver.c, giveresponse()), and RFC 3463 class 5
 *     is a permanent failure (X.3.0, "other or undefined mail system
 *     status").  The message was not delivered and will not be:
 *     undeliverable, on the recipient's server's side.
 * A probe's answer stays temporary (classify_reply), and so does a
 * bounce's 4xx.
 */
enum verdict
classify_bounce_verdict(enum reason r, int code, enum verdict v)
{
	if (code / 100 != 5)
		return v;
	if (r == REASON_TOO_MANY_RECIPIENTS)
		return VERDICT_BLOCKED;
	if (r == REASON_MAILER_ERROR)
		return VERDICT_UNDELIVERABLE;
	return v;
}

/* classify_reply()'s answer, refined for a reply from MAIL on. */
void
classify_bounce(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out)
{
	enum source src;
	struct cue_view v;

	classify_src(stage, code, enhanced, text, textlen, mx_host, out, &src,
	    &v);
	if (!stage_before(stage, STAGE_MAIL) && stage != STAGE_RSET &&
	    stage != STAGE_QUIT)
		bounce_refine(stage, code, enhanced, text, textlen, src, &v,
		    out);
	out->verdict = classify_bounce_verdict(out->reason, code, out->verdict);
	/*
	 * a command refused as malformed (RFC 3463 X.5.4, X.5.5) with a 5xx:
	 * a fault in the dialogue between the servers, not a busy one the
	 * sending server may retry (its reason stays remote_server_error)
	 */
	if (out->reason == REASON_REMOTE_SERVER_ERROR && code / 100 == 5 &&
	    classify_wording(out->reason, text, textlen) != NULL)
		out->verdict = VERDICT_PROTOCOL_ERROR;
	free(v.masked);
}
