/*
 * classify.h - what an SMTP reply (or a failure) means: one table-driven
 * place mapping (stage, code, enhanced code, text, MX provider) to a
 * verdict, a reason and a blocklist name.  See ../shared/smtp-replies.md.
 */
#ifndef MXTRACE_CLASSIFY_H
#define MXTRACE_CLASSIFY_H

#include <stddef.h>

#include "meaning/verdict.h"

struct classification {
	enum verdict	verdict;
	enum reason	reason;
	char		blocklist[128];	/* e.g. "zen.spamhaus.org", "" if none named */
	int		by_code;	/* a provider's documented reply code decided */
	int		named;		/* the reply's own words or codes named the cause */
	int		by_status;	/* a bounce's 4.x.y code alone named it */
	int		by_words;	/* a bounce's words refined a vague answer */
};

/*
 * Classify a reply received at stage.  enhanced may be "" (none); text is
 * the raw reply text (may hold any byte).  mx_host (may be NULL) picks
 * provider-specific rules by its suffix.  A 2xx at RCPT gives deliverable;
 * a 2xx elsewhere is not a decision and gives VERDICT_DELIVERABLE with
 * REASON_ACCEPTED too (callers only classify non-2xx outside RCPT).
 * Never calls a 4xx "does not exist".
 */
void	classify_reply(enum stage stage, int code, const char *enhanced,
	    const char *text, size_t textlen, const char *mx_host,
	    struct classification *out);

/*
 * classify_reply(), then what only a bounce tells apart (the bounce-only
 * reasons bad_reputation, rate_limited (classify_reply gives it only for
 * NetEase's limits on the sender address), not_authorized,
 * mailbox_size_limit, content_format, mailer_error and system_full) when a
 * reply from MAIL on says more, recipient_filter for a "user unknown"
 * that its enhanced code or its form shows was not about the address, and
 * the cause a temporary enhanced code names when no words say more
 * (by_status: the sending server gave up on that cause), and a 5xx too
 * many recipients read blocked and a 5xx mailer_error undeliverable, not
 * temporary (classify_bounce_verdict).  text may come
 * with its ASCII letters already lowered (explain lowers a reply once for
 * all its readers): the answer is the same, letters are read in either case.
 */
void	classify_bounce(enum stage stage, int code, const char *enhanced,
	    const char *text, size_t textlen, const char *mx_host,
	    struct classification *out);

/*
 * The verdict of reason r in a bounce whose reply is code, v the one it
 * had: a 5xx too many recipients is blocked and a 5xx failed delivery
 * program (mailer_error) undeliverable, not temporary: the sending server
 * gave the message up (classify_bounce.c says why).
 */
enum verdict	classify_bounce_verdict(enum reason r, int code, enum verdict v);

/*
 * The wording of a refusal whose reason alone would say less than is
 * known: "qq_unavailable" for QQ Mail's bare "Mailbox unavailable or
 * access denied" read as policy_other (QQ gives it for an address that
 * does not exist, for a recipient sent too much mail in a short time,
 * and for other refusals; the catalogue's "explain.wording.*" says so);
 * "virus_named" for a virus_detected refusal that names a virus, in
 * words or by a signature's name in ClamAV's documented form after the
 * filter's name ("rejected by antivirus: Eicar-Test-Signature") (the
 * reason's own words are for an attachment refused for its name or
 * type: send it another way; these add a scan of the computer);
 * "sender_day_limit" for a rate_limited refusal by NetEase's limit on
 * one sender address's mail in a day (MI:STC, RP:TRC: send fewer a day
 * from it, again tomorrow), "sender_short_limit" for its limit over
 * minutes (MI:SFQ, RP:QRC: wait, then send more slowly from it);
 * "ip_unknown_recipients" for a reputation refusal by NetEase's HL:REP
 * (the sending IP's mail went to many addresses that do not exist: clean
 * the list); "geo_block" for Mimecast's "Host network not allowed" read
 * as policy_other (the recipient organisation's Geographical Restriction
 * policy blocks the network the mail came from: only its administrator
 * can allow it); "send_mail_as" for Gmail's notice that a message sent
 * with its "Send mail as" could not go out through that address's own
 * SMTP server (read sender_rejected: no recipient's server refused it,
 * Gmail's settings for that address must be mended); "malformed_command"
 * for a remote_server_error that is a command refused as malformed (RFC
 * 3463 X.5.4 "Invalid command arguments", X.5.5 "Wrong protocol
 * version", by code after a 5xx or by those words, never a 4xx): no busy
 * server, a fault between the two servers that a retry will not mend, on
 * either side; NULL for the reason's own words.  Its wordings may have a
 * "meaning" label too, the whole Meaning line of explain.
 */
const char *classify_wording(enum reason, const char *text, size_t textlen);

/*
 * Whose side a reply's reason is on (reason_side), except where its
 * wording knows less: a command refused as malformed may be either
 * server's fault (SIDE_UNKNOWN).
 */
enum side	classify_side(enum reason, const char *text, size_t textlen);

/*
 * Name of the blocklist the text names (zen.spamhaus.org,
 * b.barracudacentral.org, bl.spamcop.net, "Spamhaus", ...), copied into out
 * (size n); 0 if none.
 */
int	classify_blocklist(const char *text, size_t textlen, char *out, size_t n);

/* How a SOCKS5 proxy failed (net/socks5.c finds out, this file judges). */
enum proxy_fail {
	PROXY_FAIL_NONE,
	PROXY_FAIL_UNREACHABLE,	/* no TCP connection to the proxy */
	PROXY_FAIL_PROTOCOL,	/* garbage, a short reply, closed or silent */
	PROXY_FAIL_AUTH,	/* no acceptable method, or credentials refused */
	PROXY_FAIL_REPLY,	/* CONNECT answered with a non-zero REP code */
};

/*
 * What a proxy failure means.  rep: the SOCKS5 REP code for
 * PROXY_FAIL_REPLY.  Returns the stage it belongs to: STAGE_CONNECT when
 * the proxy reports that the MX itself did not answer (network or host
 * unreachable, connection refused, TTL expired: the same finding as a
 * direct connect), else STAGE_PROXY: the user's proxy, never the
 * recipient.
 */
enum stage classify_proxy(enum proxy_fail, int rep, struct classification *out);

#endif
