/*
 * classify.c - what an SMTP reply means: the one place that turns (stage,
 * reply code, enhanced code, text, MX provider) into a verdict, a reason
 * and, for blocklist rejections, the name of the list.
 *
 * Public: classify_reply(), classify_bounce(), classify_blocklist().
 *
 * Codes alone are not enough (providers reuse 5.7.1 and 4.7.0 for a dozen
 * causes), so the rules are tried in this order and the first match wins:
 *   1. provider_rules:  per provider, chosen by the MX host's name suffix
 *                       (Gmail's 5.7.27 is SPF, Microsoft's 5.4.1 an
 *                       unknown recipient, ...), then the codes some
 *                       providers write into their refusals and document
 *                       (replycode.c: Orange, La Poste, Cox, Spectrum,
 *                       GoDaddy, i.ua, Facebook, Outlook.com, Comcast,
 *                       Sophos Email);
 *   2. cue_rules:       ordered, case-insensitive text cues, the specific
 *                       causes first (greylisting and blocklists before
 *                       "user unknown", so a 5.7.1 blocklist rejection is
 *                       never filed as a missing mailbox); then, at the
 *                       data stage only (bounces), data_rules: what the
 *                       text says about the message (virus, RFC 5322,
 *                       spam content);
 *   3. enhanced_rules:  the RFC 3463 / IANA enhanced-code table;
 *   4. weak_rules:      vague text cues ("access denied", "spam");
 *   5. fallback_rules:  reply code and stage only.
 * Then stage_adjust() applies what the stage implies (5xx at MAIL is about
 * the sender, 421 is always temporary, a 4xx is never a definite no).
 *
 * Documented choices (see docs/json.md):
 *   - 452 4.2.2 "over quota" is mailbox_full, not temporary: the mailbox
 *     exists, and that is what the sender needs to know.
 *   - remote_server_error (the receiver's own fault, e.g. a DNSBL "open
 *     resolver" error) is temporary even on a 5xx: the address may be fine.
 *   - a 5xx at RCPT with no cue at all is blocked/unknown, never
 *     undeliverable: an ambiguous answer is not "does not exist".
 *
 * Chinese cues sit beside the English ones they mean, in UTF-8 (byte
 * matching is exact there; explain converts GB18030 bounces to UTF-8, the
 * reply parser a GBK reply read off the wire by probe: base/gb18030.h).
 * A Chinese cue names whose thing it is when the bare words would
 * also fit the sender ("发件人地址不存在" is the sender's, so the sender's
 * cues come before "地址不存在"), and the NetEase advice appended to its
 * tagged refusals ("请检查是否有用户发送病毒或者垃圾邮件") matches none.
 *
 * Nothing here fails: any input gives some verdict.  The text is read only
 * within textlen and may hold NUL bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meaning/classify.h"
#include "meaning/replycode.h"
#include "base/memfind.h"
#include "base/util.h"

enum provider {
	PROV_ANY,
	PROV_GOOGLE,
	PROV_MICROSOFT,
	PROV_YAHOO,
	PROV_MIMECAST,
	PROV_PROOFPOINT,
	PROV_COX,
	PROV_GODADDY,
	PROV_MESSAGELABS,
	PROV_ZOHO,
	PROV_AOL,
	PROV_NETEASE,
	PROV_TENCENT,
};

/*
 * Which rule table decided: the stage adjustments trust text more than codes.
 */
enum source {
	SRC_PROVIDER,
	SRC_CUE,
	SRC_ENHANCED,
	SRC_WEAK,
	SRC_FALLBACK,
};

struct outcome {
	enum verdict	verdict;	/* VERDICT__LAST: the rule does not apply */
	enum reason	reason;
};

/* What a rule means for a permanent (5xx) and for a transient (4xx) reply. */
struct rule_out {
	struct outcome	perm;
	struct outcome	temp;
};

#define O(v, r)		{ VERDICT_##v, REASON_##r }
#define NOPE		{ VERDICT__LAST, REASON__LAST }
/* 5xx blocked, 4xx temporary, same reason */
#define REFUSED(r)	{ O(BLOCKED, r), O(TEMPORARY, r) }
/* temporary whatever the class */
#define ALWAYS_TEMP(r)	{ O(TEMPORARY, r), O(TEMPORARY, r) }
/* only a 4xx matches */
#define ONLY_4XX(r)	{ NOPE, O(TEMPORARY, r) }
/* a definite answer about the mailbox on 5xx; a 4xx says nothing about it */
#define MAILBOX(v, r)	{ O(v, r), O(TEMPORARY, TEMPORARY_OTHER) }
/*
 * the server's words of the domain's DNS answer: on a 4xx a temporary
 * answer still names what the lookup found (never a definite no)
 */
#define DOMAIN_WORDS(r)	{ O(NO_MAIL_DOMAIN, r), O(TEMPORARY, r) }
#define CUES(...)	((const char *const[]){ __VA_ARGS__, NULL })
/* a cue of two parts, the second after the first (base/memfind.h) */
#define PAIR(a, b)	MEMFIND_PAIR(a, b)
/* a provider rule with no finer reason for a bounce (never a failure's) */
#define NO_FINER	REASON_ACCEPTED

/*
 * QQ Mail's "550 Mailbox unavailable or access denied" (lowered): its
 * senders' help (smtp.codes/qq; the Chinese bulk-mail guides quoting
 * Tencent's table) gives it for a recipient sent a large number of mails
 * in a short time, to which mail is stopped for a while; QQ also answers
 * unknown and refused mailboxes with it (test/explain/chinese/README.md).
 */
#define QQ_UNAVAILABLE	"mailbox unavailable or access denied"

static const struct {
	const char	*suffix;
	enum provider	 provider;
} provider_names[] = {
	{ "google.com",		PROV_GOOGLE },
	{ "googlemail.com",	PROV_GOOGLE },
	{ "gmail.com",		PROV_GOOGLE },
	{ "outlook.com",	PROV_MICROSOFT },	/* *.protection.outlook.com */
	{ "hotmail.com",	PROV_MICROSOFT },
	{ "yahoodns.net",	PROV_YAHOO },
	{ "yahoo.com",		PROV_YAHOO },
	{ "mimecast.com",	PROV_MIMECAST },
	{ "pphosted.com",	PROV_PROOFPOINT },
	{ "ppe-hosted.com",	PROV_PROOFPOINT },
	{ "cox.net",		PROV_COX },
	{ "secureserver.net",	PROV_GODADDY },
	{ "messagelabs.com",	PROV_MESSAGELABS },
	{ "zoho.com",		PROV_ZOHO },
	{ "aol.com",		PROV_AOL },	/* *.mx.aol.com, *.mail.aol.com */
	/* NetEase's and Tencent's servers: client_auth_named() */
	{ "163.com",		PROV_NETEASE },	/* smtp.163.com, qiye.163.com */
	{ "126.com",		PROV_NETEASE },
	{ "yeah.net",		PROV_NETEASE },
	{ "netease.com",	PROV_NETEASE },
	{ "qq.com",		PROV_TENCENT },	/* smtp.qq.com, smtp.exmail.qq.com */
};

/*
 * Provider-specific meanings.  subject < 0: any (or no) enhanced code;
 * otherwise the enhanced code's subject and a detail range.  cues (may be
 * NULL) must also match the text.  finer is what a bounce
 * reads more finely than a probe (classify_bounce), as the provider's page
 * names it (NO_FINER: none); with one, no other refinement applies.
 */
static const struct provider_rule {
	enum provider		 provider;
	int			 subject, dlo, dhi;
	const char *const	*cues;
	struct rule_out		 out;
	enum reason		 finer;		/* NO_FINER: none */
} provider_rules[] = {
	/*
	 * Gmail's outgoing server refusing a mail program's login (its SMTP
	 * errors page, support.google.com/a/answer/3726730): 530 5.5.1
	 * "Authentication Required" (?p=WantAuthError), 535 5.7.8 "Username
	 * and Password not accepted" (?p=BadCredentials), 534 5.7.9
	 * "Application-specific password required", 504 5.7.4 "Unrecognized
	 * Authentication Type", 554 5.7.0 "Too many unauthenticated
	 * commands", 534 5.7.14 "Please log in through your web browser and
	 * then try again": the sender's own program and account, not a relay
	 * refusal nor a recipient that takes mail only from some senders;
	 * login_required, whose advice names Gmail's app password, not
	 * client_auth_required's NetEase and QQ Mail authorization code.
	 * First of Gmail's rules: the page now numbers these 5.7.40 ("504
	 * 5.7.40 Unrecognized authentication type"), 5.7.80, 5.7.90, codes
	 * its DMARC rule below reads by number.
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("authentication required",
	    "username and password not accepted",
	    "application-specific password required",
	    "unrecognized authentication type",
	    "too many unauthenticated commands",
	    "log in through your web browser",
	    "log in with your web browser"),
	    REFUSED(LOGIN_REQUIRED), REASON_LOGIN_REQUIRED },
	/* Gmail reuses registered numbers with its own meanings */
	/*
	 * 4.2.1/5.2.1 "The user you are trying to contact is receiving email
	 * too quickly" / "at a rate that prevents additional messages from
	 * being delivered" (its SMTP errors page): the recipient's rate,
	 * not the mailbox disabled X.2.1 names
	 */
	{ PROV_GOOGLE, 2, 1, 1, CUES("rate", "too quickly"),
	    ALWAYS_TEMP(REPUTATION_OR_RATE), REASON_RATE_LIMITED },
	/*
	 * Gmail's "SMTP errors and codes" page (support.google.com/a/answer/
	 * 3726730) and its sender guidelines (support.google.com/mail/answer/
	 * 81126): 4.7.24/5.7.24 a suspicious SPF record, 4.7.26 "rate limited
	 * because it is unauthenticated", 4.7.40 no DMARC record; the
	 * authentication is the cause, not the rate
	 */
	{ PROV_GOOGLE, 7, 24, 24, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC),
	    REASON_AUTH_SPF_DKIM_DMARC },
	{ PROV_GOOGLE, 7, 26, 26, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC),
	    REASON_AUTH_SPF_DKIM_DMARC },
	{ PROV_GOOGLE, 7, 40, 40, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC),
	    REASON_AUTH_SPF_DKIM_DMARC },
	/*
	 * 4.7.28 "exceeded its quota for sending messages with the same
	 * Message-ID:" is Gmail's policy; its other 4.7.28/5.7.28 and 4.7.0/
	 * 5.7.1 "unusual rate of (unsolicited) mail originating from your IP"
	 * a block of the sending IP, not a speed to slow down to
	 */
	{ PROV_GOOGLE, 7, 28, 28, CUES("same message-id"),
	    REFUSED(POLICY_OTHER), REASON_POLICY_OTHER },
	{ PROV_GOOGLE, -1, 0, 0, CUES("unusual rate of"),
	    REFUSED(REPUTATION_OR_RATE), REASON_REPUTATION_OR_RATE },
	/*
	 * 5.7.1 "The IP you're using to send mail is not authorized to send
	 * email directly to our servers. Please use the SMTP relay at your
	 * service provider instead" (its SMTP errors page): the sending IP
	 * is one that should not deliver directly (an end user's range), our
	 * side; not the recipient's restriction "not authorized" reads as
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("not authorized to send email directly"),
	    REFUSED(REPUTATION_OR_RATE), REASON_REPUTATION_OR_RATE },
	/*
	 * 5.4.5 "Daily user sending limit exceeded", "Daily SMTP relay limit
	 * exceeded" (a 4.4.5 is RFC 3463's congestion: "Server busy")
	 */
	{ PROV_GOOGLE, 4, 5, 5, CUES("limit", "quota"),
	    { O(BLOCKED, REPUTATION_OR_RATE), NOPE }, REASON_RATE_LIMITED },
	/*
	 * Workspace's SMTP relay limits: 450 4.2.1 "Peak SMTP relay limit
	 * exceeded for customer", 550 5.7.1 "Daily SMTP relay limit exceeded"
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("relay limit exceeded",
	    "relay sending limit exceeded"), REFUSED(REPUTATION_OR_RATE),
	    REASON_RATE_LIMITED },
	/*
	 * Its own trouble (the SMTP errors page): 421 4.3.0 "Temporary System
	 * Problem", 451 4.3.0 "Mail server temporarily rejected message" (now
	 * "Email server has temporarily rejected this message"), 454
	 * 4.7.0 "Cannot authenticate due to temporary system problem", 421
	 * 4.4.5 "Server busy"
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("temporary system problem",
	    "temporarily rejected message", "temporarily rejected this message",
	    "server busy"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR), REASON_REMOTE_SERVER_ERROR },
	/*
	 * 451 4.3.0 "Multiple destination domains per transaction is
	 * unsupported" (its SMTP errors page): one transaction's recipients
	 * must be of one domain, fewer recipients per transaction
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("multiple destination domains per "
	    "transaction"), ALWAYS_TEMP(TOO_MANY_RECIPIENTS),
	    REASON_TOO_MANY_RECIPIENTS },
	/*
	 * 421 4.7.0 "The IP address sending this message does not have a
	 * PTR record, or the corresponding forward DNS entry does not point
	 * to the sending IP. ... temporarily rate limited", 550 5.7.1 "does
	 * not meet IPv6 sending guidelines regarding PTR records" (its SMTP
	 * errors page): the PTR is the cause, the rate its consequence
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("ptr record"),
	    REFUSED(HOST_IDENTITY_PTR_HELO), REASON_HOST_IDENTITY_PTR_HELO },
	/*
	 * 523 5.7.10 "SMTP protocol violation, no commands allowed to
	 * pipeline after STARTTLS" (its SMTP errors page, RFC 3207): the
	 * client's SMTP exchange, not a TLS refusal
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("pipeline after starttls"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) }, REASON_PROTOCOL_VIOLATION },
	/*
	 * 550 5.7.0 "Email relay denied <IP>. The sending email account has
	 * been temporarily suspended due to abuse" (its SMTP errors page,
	 * "SMTP relay spam policy in Gmail"): the sender's account, before
	 * the relay words
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("suspended due to abuse"),
	    REFUSED(SENDER_REJECTED), REASON_SENDER_REJECTED },
	/*
	 * 552 5.7.0 "This message was blocked because its content presents a
	 * potential security issue" (its SMTP errors page, which sends the
	 * reader to "File types blocked in Gmail"): a refused file type,
	 * virus_detected's advice (a document as PDF or a link), as its
	 * "illegal attachment" below
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("content presents a potential security "
	    "issue"), REFUSED(VIRUS_DETECTED), REASON_VIRUS_DETECTED },
	/*
	 * "552 5.2.3 Your message exceeded Google's message size limits" (the
	 * page until 2023): Google's limit for every mailbox, not this
	 * mailbox's own X.2.3 names
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("google's message size limits"),
	    REFUSED(MESSAGE_TOO_BIG), REASON_MESSAGE_TOO_BIG },
	/*
	 * 421 4.7.0 "Try again later, closing connection.": "usually
	 * indicates a Denial of Service (DoS) for the SMTP relay at the HELO
	 * stage" (its SMTP errors page) -- the sending host held back, not a
	 * greylisting (which Gmail does not do)
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("try again later, closing connection"),
	    REFUSED(REPUTATION_OR_RATE), REASON_REPUTATION_OR_RATE },
	/*
	 * 421 4.7.0 "IP not in whitelist for RCPT domain": the recipient's
	 * domain takes mail only from the IPs it lists (support.google.com/a/
	 * answer/60752)
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("not in whitelist"),
	    REFUSED(REPUTATION_OR_RATE), REASON_REPUTATION_OR_RATE },
	/*
	 * 5.4.6 / 5.6.0 "Message exceeded 50 hops, this may indicate a mail
	 * loop"
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("exceeded 50 hops"),
	    REFUSED(REMOTE_SERVER_ERROR), REASON_MAIL_LOOP },
	/*
	 * Its RFC 5322 refusals (support.google.com/mail/?p=
	 * RfcMessageNonCompliant): "missing a valid address in the From:
	 * header", "missing a valid Message-ID: header", "a unicode character
	 * in a disallowed header", "Encoded-word syntax is not permitted",
	 * "Mail message is malformed"
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("missing a valid", "disallowed header",
	    "encoded-word syntax", "message is malformed"),
	    REFUSED(MESSAGE_NOT_COMPLIANT), REASON_MESSAGE_NOT_COMPLIANT },
	/* Workspace's SMTP relay (support.google.com/a/answer/6140680) */
	{ PROV_GOOGLE, -1, 0, 0, CUES("mail sending denied"),
	    REFUSED(SENDER_REJECTED), REASON_SENDER_REJECTED },
	{ PROV_GOOGLE, -1, 0, 0, CUES("invalid credentials for relay"),
	    REFUSED(RELAY_DENIED), REASON_RELAY_DENIED },
	/*
	 * 501 "Syntax error (no parameters allowed)." (its SMTP errors page,
	 * under 5.7.11 too): a command sent with parameters it takes none of,
	 * the SMTP exchange's fault, not RFC 4954's X.7.11 encryption; so are
	 * its "535 5.5.4 Optional Argument not permitted for that AUTH mode"
	 * and "454 5.5.1 STARTTLS may not be repeated" (the page until 2023)
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("syntax error (no parameters allowed)",
	    "optional argument not permitted", "starttls may not be repeated"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) }, REASON_PROTOCOL_VIOLATION },
	/*
	 * The sending client's SMTP authentication at Gmail (its SMTP errors
	 * page): 454 4.7.0 "Too many login attempts, please try again later"
	 * (not a greylisting), 503 5.7.0 "No identity changes permitted"
	 */
	{ PROV_GOOGLE, -1, 0, 0, CUES("too many login attempts",
	    "no identity changes permitted"), REFUSED(POLICY_OTHER),
	    REASON_NOT_AUTHORIZED },
	/* 4.5.0 "SMTP protocol violation" (its SMTP errors page) */
	{ PROV_GOOGLE, 5, 0, 0, CUES("protocol violation"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) }, REASON_PROTOCOL_VIOLATION },
	{ PROV_GOOGLE, 7, 23, 23, NULL,		REFUSED(HOST_IDENTITY_PTR_HELO), NO_FINER },
	{ PROV_GOOGLE, 7, 27, 27, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	{ PROV_GOOGLE, 7, 28, 28, NULL,		REFUSED(REPUTATION_OR_RATE), NO_FINER },
	{ PROV_GOOGLE, 7, 29, 29, NULL,		REFUSED(TLS_REQUIRED), NO_FINER },
	{ PROV_GOOGLE, 7, 30, 30, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	{ PROV_GOOGLE, 7, 32, 32, NULL,		REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	/*
	 * Microsoft: Directory-Based Edge Blocking, and its 5.7.5xx-7xx range
	 */
	{ PROV_MICROSOFT, 4, 1, 1, CUES("relay"), REFUSED(RELAY_DENIED),
	    NO_FINER },
	/*
	 * Exchange's NDR list ("Email non-delivery reports and SMTP errors in
	 * Exchange Online", learn.microsoft.com; Exchange Server's,
	 * technet.microsoft.com/library/bb232118): 5.1.0 "Sender denied";
	 * 5.1.6 "Recipient addresses in single label domains not accepted";
	 * 5.1.90 "reached your daily limit for message recipients", 5.2.121/
	 * 5.2.122 a recipient's per-hour receive limit, 5.2.2 "Submission
	 * quota exceeded" (a sender's limits, not a mailbox's); 5.3.0 "Too
	 * many related errors", 5.4.11 "Agent generated message depth
	 * exceeded", 5.5.6 "Invalid message content", 5.6.11 bare line feeds
	 * (the message's form); 5.3.3 "Unrecognized command"; 5.3.190
	 * journaling not turned on (the receiver's set-up); 5.4.312 "DNS query
	 * failed"; 5.0.350 the recipient organisation's catch-all refusal
	 */
	{ PROV_MICROSOFT, 1, 0, 0, CUES("sender denied"),
	    REFUSED(SENDER_REJECTED), REASON_SENDER_REJECTED },
	{ PROV_MICROSOFT, 1, 6, 6, CUES("single label"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS), REASON_INVALID_ADDRESS },
	{ PROV_MICROSOFT, 1, 90, 90, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_RATE_LIMITED },
	{ PROV_MICROSOFT, 2, 121, 122, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_RATE_LIMITED },
	{ PROV_MICROSOFT, 2, 2, 2, CUES("submission quota"),
	    REFUSED(REPUTATION_OR_RATE), REASON_RATE_LIMITED },
	{ PROV_MICROSOFT, 3, 0, 0, CUES("too many related errors"),
	    REFUSED(CONTENT_REJECTED), REASON_CONTENT_FORMAT },
	{ PROV_MICROSOFT, 4, 11, 11, NULL,	REFUSED(CONTENT_REJECTED),
	    REASON_CONTENT_FORMAT },
	{ PROV_MICROSOFT, 5, 6, 6, NULL,	REFUSED(CONTENT_REJECTED),
	    REASON_CONTENT_FORMAT },
	{ PROV_MICROSOFT, 6, 11, 11, NULL,	REFUSED(CONTENT_REJECTED),
	    REASON_CONTENT_FORMAT },
	/*
	 * 5.5.4 "Invalid domain name" (Exchange Server's NDR list, technet
	 * bb232118): what Exchange answers (501 5.5.4) an EHLO or HELO whose
	 * argument is not a valid domain, the sending server's name
	 */
	{ PROV_MICROSOFT, 5, 4, 4, CUES("invalid domain name"),
	    REFUSED(HELO_REJECTED), REASON_HELO_REJECTED },
	{ PROV_MICROSOFT, 3, 3, 3, NULL,	{ O(PROTOCOL_ERROR,
	    PROTOCOL_VIOLATION), O(TEMPORARY, PROTOCOL_VIOLATION) },
	    REASON_PROTOCOL_VIOLATION },
	{ PROV_MICROSOFT, 3, 190, 190, NULL,	ALWAYS_TEMP(REMOTE_SERVER_ERROR),
	    REASON_REMOTE_SERVER_ERROR },
	{ PROV_MICROSOFT, 4, 312, 312, NULL,	{ O(DNS_ERROR, DNS_FAILURE),
	    O(DNS_ERROR, DNS_FAILURE) }, REASON_DNS_FAILURE },
	{ PROV_MICROSOFT, 0, 350, 350, NULL,	REFUSED(POLICY_OTHER),
	    REASON_POLICY_OTHER },
	/*
	 * 451 4.7.500-4.7.699 (ASxxx), "Access denied, please try again
	 * later", "Server busy. Please try again later from [IP]. (ASnnn)":
	 * Exchange Online's page for these codes ("Fix email delivery issues
	 * for error code 451 4.7.500-699 (ASxxx)") says the connecting IP
	 * changed its sending pattern and sends much more than before, and is
	 * throttled until it builds a history: a rate, not the receiver's own
	 * trouble its "server busy" words alone would say.  Those words only:
	 * its 4.7.650 "rate limited due to IP reputation" (S775, S3113) names
	 * the reputation, read by the range's rule below
	 */
	{ PROV_MICROSOFT, 7, 500, 699, CUES("server busy",
	    "access denied, please try again later"),
	    ONLY_4XX(REPUTATION_OR_RATE), REASON_RATE_LIMITED },
	/*
	 * 4.3.2 "STOREDRV.Deliver; recipient thread limit exceeded": the
	 * recipient's mailbox is receiving too many messages too fast
	 */
	{ PROV_MICROSOFT, -1, 0, 0, CUES("recipient thread limit exceeded"),
	    REFUSED(REPUTATION_OR_RATE), REASON_RATE_LIMITED },
	/* 4.7.652 "has exceeded the maximum number of connections" (S3115) */
	{ PROV_MICROSOFT, -1, 0, 0, CUES("maximum number of connections"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS), REASON_TOO_MANY_CONNECTIONS },
	/*
	 * The receiving side's own trouble: 4.4.318/5.4.318
	 * "(SuspiciousRemoteServerError)", 4.7.700 "PFA agent busy", a "server
	 * busy" outside 4.7.500-4.7.699
	 */
	{ PROV_MICROSOFT, -1, 0, 0, CUES("suspiciousremoteservererror",
	    "server busy", "agent busy"), ALWAYS_TEMP(REMOTE_SERVER_ERROR),
	    REASON_REMOTE_SERVER_ERROR },
	{ PROV_MICROSOFT, 4, 1, 1, NULL,	MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN), NO_FINER },
	{ PROV_MICROSOFT, 1, 10, 10, NULL,	MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN), NO_FINER },
	/*
	 * 5.7.57 "Client was not authenticated to send anonymous mail during
	 * MAIL FROM": the sending client did not log in (Exchange Online's
	 * page for 5.7.57: a device or program sending through
	 * smtp.office365.com without SMTP AUTH), login_required in a bounce
	 */
	{ PROV_MICROSOFT, 7, 57, 57, NULL,	REFUSED(RELAY_DENIED),
	    REASON_LOGIN_REQUIRED },
	/*
	 * 5.7.321-5.7.325: the destination's TLS failed Exchange Online's
	 * outbound checks (STARTTLS not offered, its certificate expired,
	 * DANE's TLSA or DNSSEC invalid, a certificate for another host)
	 */
	{ PROV_MICROSOFT, 7, 321, 325, NULL,	{ O(TLS_FAILED, TLS_HANDSHAKE_FAILED),
	    O(TLS_FAILED, TLS_HANDSHAKE_FAILED) }, REASON_TLS_HANDSHAKE_FAILED },
	/*
	 * 5.7.501-5.7.503 "Access denied, spam abuse detected" / "banned
	 * sender" (the sending account banned), 5.7.505 "Access denied,
	 * banned recipient", 5.7.507 "Access denied, rejected by recipient"
	 * (the sending IP blocked by the recipient's organisation), 5.7.750
	 * "Client blocked from sending from unregistered domains", 5.7.700-
	 * 5.7.749 a tenant over its sending threshold
	 */
	{ PROV_MICROSOFT, 7, 501, 503, NULL,	REFUSED(SENDER_REJECTED),
	    REASON_SENDER_REJECTED },
	{ PROV_MICROSOFT, 7, 505, 505, NULL,	MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED),
	    REASON_MAILBOX_DISABLED },
	/* 5.7.506 "Access denied, bad HELO" (Exchange Online's NDR list) */
	{ PROV_MICROSOFT, 7, 506, 506, NULL,	REFUSED(HELO_REJECTED), NO_FINER },
	{ PROV_MICROSOFT, 7, 507, 507, NULL,	REFUSED(IP_BLOCKLISTED), NO_FINER },
	/* 5.7.508 "has exceeded permitted limits within $range range" */
	{ PROV_MICROSOFT, 7, 508, 508, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_RATE_LIMITED },
	{ PROV_MICROSOFT, 7, 750, 750, NULL,	REFUSED(SENDER_REJECTED),
	    REASON_SENDER_REJECTED },
	/*
	 * Exchange Online's page for 5.7.700-5.7.750: 5.7.703 "messages to
	 * <recipients> are blocked by your organization using Tenant Allow
	 * Block List" (the sender's own organisation's rule, only its admin
	 * changes it); 5.7.708 "Access denied, traffic not accepted from this
	 * IP" (the sending IP's poor reputation, not a threshold of the
	 * tenant's as 5.7.705 and the rest of the range)
	 */
	{ PROV_MICROSOFT, 7, 703, 703, NULL,	REFUSED(POLICY_OTHER),
	    REASON_POLICY_OTHER },
	{ PROV_MICROSOFT, 7, 708, 708, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_BAD_REPUTATION },
	{ PROV_MICROSOFT, 7, 700, 749, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_RATE_LIMITED },
	/*
	 * 4.7.850-4.7.899 "Access denied, please try again later": suspicious
	 * activity seen from the IP, restricted while it is evaluated
	 */
	{ PROV_MICROSOFT, 7, 850, 899, NULL,	REFUSED(REPUTATION_OR_RATE),
	    REASON_REPUTATION_OR_RATE },
	/*
	 * 5.7.900-5.7.999: a mail flow (transport) rule of the recipient's
	 * organisation rejected the message
	 */
	{ PROV_MICROSOFT, 7, 900, 999, NULL,	REFUSED(POLICY_OTHER),
	    REASON_POLICY_OTHER },
	/*
	 * 5.7.512 "Access denied, message must be RFC 5322 section 3.6.2
	 * compliant" (Exchange Online's NDR list: no valid From: address)
	 */
	{ PROV_MICROSOFT, 7, 512, 512, NULL,	REFUSED(MESSAGE_NOT_COMPLIANT),
	    REASON_MESSAGE_NOT_COMPLIANT },
	{ PROV_MICROSOFT, 7, 509, 509, NULL,	REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	/*
	 * 5.7.511 "Access denied, banned sender[IP]. To request removal from
	 * this list, forward this message to delist@microsoft.com" (Exchange
	 * Online's NDR list): the IP on Microsoft's own list, delisted on
	 * request, as 5.7.606-5.7.649's "banned sending IP"
	 */
	{ PROV_MICROSOFT, 7, 511, 511, NULL,	REFUSED(IP_BLOCKLISTED), NO_FINER },
	{ PROV_MICROSOFT, 7, 513, 513, NULL,	REFUSED(IP_BLOCKLISTED), NO_FINER },
	{ PROV_MICROSOFT, 7, 515, 515, NULL,	REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	{ PROV_MICROSOFT, 7, 606, 649, NULL,	REFUSED(IP_BLOCKLISTED), NO_FINER },
	{ PROV_MICROSOFT, 7, 500, 699, NULL,	{ O(BLOCKED, POLICY_OTHER), O(TEMPORARY, REPUTATION_OR_RATE) }, NO_FINER },
	{ PROV_MICROSOFT, 7, 700, 799, NULL,	REFUSED(POLICY_OTHER), NO_FINER },
	/*
	 * Yahoo tags its rejections; under its "delivery error: dd" tag "...
	 * is no longer valid" and "This mailbox is disabled (554.30)" are a
	 * closed mailbox (senders.yahooinc.com/smtp-error-codes)
	 */
	{ PROV_YAHOO, -1, 0, 0, CUES("is no longer valid",
	    "mailbox is disabled"), MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED),
	    REASON_MAILBOX_DISABLED },
	{ PROV_YAHOO, -1, 0, 0, CUES("delivery error: dd"), MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN), NO_FINER },
	{ PROV_YAHOO, -1, 0, 0, CUES("[bl2"),	REFUSED(IP_BLOCKLISTED), NO_FINER },
	{ PROV_YAHOO, -1, 0, 0, CUES("[ts"),	REFUSED(REPUTATION_OR_RATE), NO_FINER },
	/*
	 * Yahoo's SMTP error codes page: "Content based blocks (e.g: PH*
	 * Errors)", something in the content (viruses, phishing, links to
	 * them) it will not accept, whatever "for policy reasons" its reply
	 * says; "Resources temporarily unavailable", its servers busy
	 */
	{ PROV_YAHOO, -1, 0, 0, CUES("[ph"),	REFUSED(CONTENT_REJECTED),
	    REASON_CONTENT_REJECTED },
	{ PROV_YAHOO, -1, 0, 0, CUES("resources temporarily unavailable"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR), REASON_REMOTE_SERVER_ERROR },
	{ PROV_MIMECAST, -1, 0, 0, CUES("anti-spoofing"),
	    REFUSED(AUTH_SPF_DKIM_DMARC), NO_FINER },
	/*
	 * Mimecast's SMTP error codes page: "Email rejected due to security
	 * policies" is a virus (or spam) signature its scanner found
	 */
	{ PROV_MIMECAST, -1, 0, 0, CUES("rejected due to security policies"),
	    REFUSED(VIRUS_DETECTED), NO_FINER },
	{ PROV_PROOFPOINT, -1, 0, 0, CUES("ipcheck.proofpoint"),
	    REFUSED(IP_BLOCKLISTED), NO_FINER },
	/*
	 * Mimecast's SMTP error codes page (community.mimecast.com, "Mimecast
	 * SMTP Error Codes"): "Internal resources are temporarily unavailable"
	 * (greylisting or the IP's poor reputation), "Recipient temporarily
	 * unavailable" (the IP blocked after too many invalid connections),
	 * "Sender address blocked" (a Blocked Senders policy on the IP),
	 * "Journal messages past the expiration", "Configuration is invalid
	 * for this certificate", "Incorrect authentication data" and
	 * "Submitter failed to authenticate" (port 587), "Account service is
	 * temporarily unavailable" and "Exceeding outbound thread limit" (too
	 * many concurrent connections), "Invalid address" (not a valid SMTP
	 * address)
	 */
	{ PROV_MIMECAST, -1, 0, 0, CUES("internal resources are temporarily "
	    "unavailable"), REFUSED(REPUTATION_OR_RATE), REASON_BAD_REPUTATION },
	{ PROV_MIMECAST, -1, 0, 0, CUES("recipient temporarily unavailable"),
	    REFUSED(REPUTATION_OR_RATE), REASON_REPUTATION_OR_RATE },
	{ PROV_MIMECAST, -1, 0, 0, CUES("sender address blocked"),
	    REFUSED(IP_BLOCKLISTED), REASON_IP_BLOCKLISTED },
	{ PROV_MIMECAST, -1, 0, 0, CUES("past the expiration"),
	    ALWAYS_TEMP(EXPIRED), REASON_EXPIRED },
	{ PROV_MIMECAST, -1, 0, 0, CUES("invalid for this certificate"),
	    { O(TLS_FAILED, TLS_HANDSHAKE_FAILED),
	    O(TLS_FAILED, TLS_HANDSHAKE_FAILED) }, REASON_TLS_HANDSHAKE_FAILED },
	{ PROV_MIMECAST, -1, 0, 0, CUES("incorrect authentication data",
	    "failed to authenticate"), REFUSED(POLICY_OTHER),
	    REASON_NOT_AUTHORIZED },
	{ PROV_MIMECAST, -1, 0, 0, CUES("account service is temporarily "
	    "unavailable", "outbound thread limit"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS), REASON_TOO_MANY_CONNECTIONS },
	{ PROV_MIMECAST, -1, 0, 0, CUES("invalid address"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS), REASON_INVALID_ADDRESS },
	/*
	 * "The incorrect hostname used for inbounds": the recipient domain's
	 * MX records point to a Mimecast host for outbound mail (its page:
	 * "The recipients' domains have MX records configured incorrectly"),
	 * the server that answered does not take the domain's mail
	 */
	{ PROV_MIMECAST, -1, 0, 0, CUES("incorrect hostname used for inbounds"),
	    REFUSED(RELAY_DENIED), REASON_RELAY_DENIED },
	/* "Host network not allowed": a Geographical Restriction policy */
	{ PROV_MIMECAST, -1, 0, 0, CUES("host network not allowed",
	    "host network, not allowed"), REFUSED(POLICY_OTHER),
	    REASON_POLICY_OTHER },
	/*
	 * Cox's postmaster page (cox.com, "Cox Postmaster Email
	 * Administration") beside its AUP# codes (replycode.c): "too many bad
	 * commands" and "too many invalid recipients" block the IP, "DNS
	 * check failure" / "rejected - no rDNS" its reverse DNS, "ESMTP no
	 * data before greeting" a client talking too soon, "attachment
	 * extension is forbidden" a file type refused, "ESMTP server
	 * temporarily not available" its own trouble, "requested action
	 * aborted: try again later" and "message threshold exceeded" its
	 * connection limits, "recipient rejected" not a Cox account
	 */
	{ PROV_COX, -1, 0, 0, CUES("too many bad commands",
	    "too many invalid recipients"), REFUSED(REPUTATION_OR_RATE),
	    REASON_REPUTATION_OR_RATE },
	{ PROV_COX, -1, 0, 0, CUES("dns check failure", "no rdns"),
	    REFUSED(HOST_IDENTITY_PTR_HELO), REASON_HOST_IDENTITY_PTR_HELO },
	{ PROV_COX, -1, 0, 0, CUES("no data before greeting",
	    "attachment extension is forbidden"), REFUSED(POLICY_OTHER),
	    REASON_POLICY_OTHER },
	{ PROV_COX, -1, 0, 0, CUES("server temporarily not available"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR), REASON_REMOTE_SERVER_ERROR },
	{ PROV_COX, -1, 0, 0, CUES("requested action aborted: try again later",
	    "message threshold exceeded"), ALWAYS_TEMP(TOO_MANY_CONNECTIONS),
	    REASON_TOO_MANY_CONNECTIONS },
	{ PROV_COX, -1, 0, 0, CUES("recipient rejected"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN), REASON_MAILBOX_UNKNOWN },
	/*
	 * GoDaddy's "Fix rejected email with a bounce error" page beside its
	 * IB codes (replycode.c): "Account storage limit", "Account
	 * disabled", "Message rejected for spam or virus content"
	 */
	{ PROV_GODADDY, -1, 0, 0, CUES("account storage limit"),
	    { O(MAILBOX_FULL, MAILBOX_FULL), O(MAILBOX_FULL, MAILBOX_FULL) },
	    REASON_MAILBOX_FULL },
	{ PROV_GODADDY, -1, 0, 0, CUES("account disabled"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED), REASON_MAILBOX_DISABLED },
	{ PROV_GODADDY, -1, 0, 0, CUES("rejected for spam or virus content"),
	    REFUSED(CONTENT_REJECTED), REASON_CONTENT_REJECTED },
	/*
	 * Broadcom Email Security.cloud (MessageLabs), its knowledge base
	 * (knowledge.broadcom.com, "Email error and bounce codes for Email
	 * Security.cloud"): "553 Message Filtered" and "filtered by Outbound
	 * scanning" (taken for spam), "550 Requested action aborted [4]" (not
	 * RFC 5322), "Please turn on SMTP Authentication in your mail client"
	 */
	{ PROV_MESSAGELABS, -1, 0, 0, CUES("message filtered",
	    "filtered by outbound scanning"), REFUSED(CONTENT_REJECTED),
	    REASON_CONTENT_REJECTED },
	{ PROV_MESSAGELABS, -1, 0, 0, CUES("requested action aborted [4]"),
	    REFUSED(MESSAGE_NOT_COMPLIANT), REASON_MESSAGE_NOT_COMPLIANT },
	{ PROV_MESSAGELABS, -1, 0, 0, CUES("turn on smtp authentication"),
	    REFUSED(POLICY_OTHER), REASON_NOT_AUTHORIZED },
	/*
	 * Aol: the MX lookup of an address it hosts failing with Postfix's
	 * "type=MX: Malformed or unexpected name server reply" is the domain
	 * taking no mail (as go-sisimai's rhost table for Aol reads it)
	 */
	{ PROV_AOL, -1, 0, 0, CUES("type=mx: malformed or unexpected name "
	    "server reply"), MAILBOX(NO_MAIL_DOMAIN, NULL_MX), REASON_NULL_MX },
	/*
	 * Zoho Mail (its EmailFailureAlert list, github.com/zoho/zohodesk-oas):
	 * "Mailbox delivery restricted by policy error" (the recipient's
	 * policy, under a 5.1.1), "452 4.3.1 Temporary System Error"
	 */
	{ PROV_ZOHO, -1, 0, 0, CUES("restricted by policy"),
	    REFUSED(POLICY_OTHER), REASON_POLICY_OTHER },
	/*
	 * Zoho Mail's "541 5.4.1 Mail rejected by destination domain", at
	 * RCPT (as go-sisimai's rhost table for Zoho quotes it): the
	 * recipient's domain refused the message by a filter its
	 * administrator set (smtp.codes/zoho: ask them to adjust it), not a
	 * fault of Zoho's that a later try would get past
	 */
	{ PROV_ZOHO, -1, 0, 0, CUES("rejected by destination domain"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) },
	    REASON_RECIPIENT_FILTER },
	{ PROV_ZOHO, -1, 0, 0, CUES("temporary system error"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR), REASON_REMOTE_SERVER_ERROR },
};

/*
 * The words that name a greylisting (RFC 6647) as its cause; a bare "try
 * again later", also read as one (cue_rules), names none (classify_src)
 */
static const char *const greylist_words[] = { "greylist", "graylist",
    "grey-list", "gray-list", "grey list", "gray list",
    "not yet authorized to deliver", "灰名单", NULL };

/* Text cues, most specific cause first.  The order is the point. */
static const struct cue_rule {
	const char *const	*cues;
	struct rule_out		 out;
} cue_rules[] = {
	/*
	 * NetEase (163.com, 126.com, yeah.net) tags every refusal with a code,
	 * documented in its "企业退信的常见问题" list (help.163.com, also
	 * mail.163.com/help/help_spam_16.htm); the tag decides, before any
	 * English words after it.
	 */
	/*
	 * HL:ICC too many connections at once; MI:DMC "当前连接发送的邮件数量
	 * 超出限制" too many messages in one connection (as Yahoo's "Max
	 * message per connection" below)
	 */
	{ CUES("hl:icc", "mi:dmc"), ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	/*
	 * A sending service that did not send because the address is on its
	 * suppression list or the account's (an earlier hard bounce or
	 * complaint), before the "invalid address" and 5.7.1 words these
	 * notices hold: Amazon SES's "has suppressed sending to this address"
	 * (global list) and "did not send the message to this address
	 * because it is on the suppression list for your account" (AWS
	 * Knowledge Center, ses-suppression-list-sending-quota); SparkPost's
	 * "554 5.7.1 [internal] recipient address was suppressed due to
	 * customer policy" / "system policy" (its bounce class 25,
	 * support.sparkpost.com, preparing-for-async-suppressions); Mailgun's
	 * codes 605-607 "Not delivering to previously bounced address", "to
	 * unsubscribed address", "to a user who marked your messages as
	 * spam"; Postmark's inactive recipient, "Inactive recipients are ones
	 * that have generated a hard bounce, a spam complaint, or a manual
	 * suppression" (postmarkapp.com, its API's error 406).  SendGrid's
	 * "Spam Reporting Address" drop stays with the sender refusals below,
	 * as Sisimai files it
	 */
	{ CUES("has suppressed sending to this address",
	    "on the suppression list for your account",
	    "recipient address was suppressed due to",
	    "not delivering to previously bounced address",
	    "not delivering to unsubscribed address",
	    "not delivering to a user who marked your messages as spam",
	    "inactive recipients are ones that have generated"),
	    REFUSED(SUPPRESSED) },
	{ CUES("hl:rep", "hl:ifc", "hl:ihu", "hl:ifq", "hl:itc", "mi:stc",
	    "mi:sfq", "rp:qrc", "rp:trc"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * MI:CEL / RP:CEL "发送方出现过多的错误指令", MI:CCL / RP:CCL "发送方
	 * 发送超出正常的指令数量", both "请检查发信程序": the sending program's
	 * commands, wrong or too many
	 */
	/*
	 * Barracuda's gateway refuses with "550 permanent failure for one or
	 * more recipients (ADDR:VERDICT)", VERDICT one of its message log's
	 * actions (campus.barracuda.com, "Message Log" actions): "blocked" by
	 * one of its policies (reputation, content, the recipient's own
	 * block list), "quarantined" held for review -- a refusal by policy
	 * that names no finer cause, not a blocklisted host; the address is
	 * blanked (blank_addresses), the verdict stays
	 */
	{ CUES(PAIR("permanent failure for one or more recipients",
	    ":blocked)"),
	    PAIR("permanent failure for one or more recipients",
	    ":quarantined)")),
	    REFUSED(POLICY_OTHER) },
	{ CUES("mi:cel", "rp:cel", "mi:ccl", "rp:ccl"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * Its outgoing server's refusals of a client that failed to log in
	 * too often: "451 Requested mail action not taken: too much fail
	 * authentication" (登录失败次数过多, 请检查密码与帐号验证设置), "554 IP
	 * is rejected, smtp auth error limit exceed" (该IP验证失败次数过多):
	 * the sender's password or authorization code, as client_auth_named
	 * reads below
	 */
	{ CUES("too much fail authentication", "auth error limit exceed"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	/*
	 * "553 Requested action not taken: Local user only" (its SMTP server
	 * takes only its own users as senders) and "... no smtp MX only" (its
	 * MX takes none of them: a forged local sender); Coremail, whose
	 * texts these are (its support's list of refusals, icoremail.vip),
	 * also answers "550 Requested mail action not taken: Fake sender"
	 * when the envelope sender is not the From: header's (as DT:SUM)
	 */
	{ CUES("local user only", "no smtp mx only", "not taken: fake sender"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("hl:mep", "mi:spf", "mi:dma"), REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ CUES("hl:ipb", "dt:rbl", "wm:bli", "ip in blacklist"),
	    REFUSED(IP_BLOCKLISTED) },
	{ CUES("dt:sum", "mi:imf", "mi:spb", "wm:blu", "user in blacklist"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("rp:rcl", "rp:drc", "too much recipient"),
	    ALWAYS_TEMP(TOO_MANY_RECIPIENTS) },
	/* MI:NHD "HELO命令不允许为空": the HELO name missing */
	{ CUES("mi:nhd"), REFUSED(HELO_REJECTED) },
	{ CUES("rp:frl"), REFUSED(RELAY_DENIED) },
	{ CUES("dt:spm"), REFUSED(CONTENT_REJECTED) },
	/*
	 * Orange's refusals in its own words, its code number after them
	 * without the "OFR_" tag replycode.c reads (go-sisimai's pairs in
	 * reason/why-*.go; Orange's postmaster page): 506 mail rejected by
	 * the filter, 103 and 510 the sending IP refused, 401 the sender not
	 * allowed by its domain, 305 and 402 the client's SMTP
	 * authentication; as replycode.c reads the same numbers
	 */
	{ CUES(PAIR("mail rejete. mail rejected. ", "506")),
	    REFUSED(CONTENT_REJECTED) },
	{ CUES(PAIR("service refused, please try later. ", "103"),
	    PAIR("service refused, please try later. ", "510")),
	    REFUSED(REPUTATION_OR_RATE) },
	{ CUES(PAIR("is not allowed to send mail. ", "_401")),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	/*
	 * A link to the SPF project's "Why?" page, which explains an SPF
	 * failure: Exim's documented SPF ACL (its spec, "SPF (Sender Policy
	 * Framework)": "deny spf = fail, message = $sender_host_address is
	 * not allowed to send mail from <domain>.  Please see
	 * http://www.open-spf.org/Why?scope=mfrom;identity=<sender>;ip=...",
	 * earlier www.openspf.org and www.openspf.net).  Before the sending
	 * IP's refusals: "is not allowed to send mail from" alone is one
	 * (Sisimai's blocked), the link says SPF refused it.  cue_text()
	 * keeps the link, masking only the address in it.
	 */
	{ CUES("spf.org/why?", "openspf.net/why?"),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ CUES(PAIR("authentification invalide", "305"),
	    PAIR("authentification requise", "402")),
	    REFUSED(POLICY_OTHER) },
	/*
	 * Gmail's refusals of an attachment for its type: "552 5.7.0 Our
	 * system detected an illegal attachment on your message" and
	 * "executable files are not allowed in compressed files" (its
	 * attachment guidelines, "File types blocked in Gmail"; go-sisimai
	 * reason/why-policyviolation.go, why-securityerror.go): the dangerous
	 * attachment virus_detected names, and what to send instead
	 */
	{ CUES("illegal attachment",
	    "executable files are not allowed in compressed files"),
	    REFUSED(VIRUS_DETECTED) },
	/*
	 * Alibaba Mail (mxhichina.com): "554 Reject by behaviour spam at DATA
	 * State (Connection IP address:...) ANTISPAM_BAT[...]: list on rbl
	 * sites" is the sending IP on the anti-spam organisations' lists (its
	 * resellers quote its explanation:
	 * 被检测有在反垃圾组织中判断信誉度较低, check the IP at the lists and
	 * have it delisted); any other "Reject by behaviour spam" is about the
	 * sender's behaviour
	 */
	{ CUES("list on rbl site"), REFUSED(IP_BLOCKLISTED) },
	{ CUES("behaviour spam", "behavior spam"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Alibaba Mail's outgoing server, its help's list of refusals
	 * (help.aliyun.com/document_detail/36612.html): "504 the number of
	 * RCPT attempts is achieved the maximum threshold" (您的发件数量已超过
	 * 上限, send again tomorrow), "505 the total of RCPTs is achieved the
	 * maximum threshold" (发信频率已超过限制); "510 The length of DATA
	 * content / of Attach is achieved the maximum threshold" (the body,
	 * the attachments too large)
	 */
	{ CUES("number of rcpt attempts is achieved",
	    "total of rcpts is achieved"), REFUSED(REPUTATION_OR_RATE) },
	{ CUES("length of data content is achieved",
	    "length of attach is achieved"), REFUSED(MESSAGE_TOO_BIG) },
	/*
	 * Sohu's "553 5.7.0 IP REJECT: <IP>:<time>:<URL>" (its 退信代码 page:
	 * 发件IP在搜狐系统黑名单中, the sending IP on Sohu's own blocklist)
	 */
	{ CUES("ip reject: "), REFUSED(IP_BLOCKLISTED) },
	/*
	 * Tencent (QQ Mail, Exmail), as its help pages list its refusals
	 * (service.mail.qq.com/detail/122/N): the recipient's own refusal
	 * ("Mail is rejected by recipients"); its refusals of the sending IP
	 * follow the IP blocklists below
	 */
	{ CUES("mail is rejected by recipient"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * QQ Mail's bare "550 Mailbox unavailable or access denied"
	 * (QQ_UNAVAILABLE): a refusal that names no cause, whatever
	 * enhanced code a relay set beside it (QQ's own reply has none), not
	 * an address that does not exist (classify_wording says why)
	 */
	{ CUES(QQ_UNAVAILABLE), REFUSED(POLICY_OTHER) },
	/*
	 * A recipient that receives too fast: Gmail's 4.2.1 "The user you are
	 * trying to contact is receiving mail at a rate that prevents
	 * additional messages from being delivered", Yahoo's "450 User is
	 * receiving mail too quickly" (its error-codes page)
	 */
	{ CUES("receiving mail at a rate", "receiving mail too quickly",
	    /* iCloud: "deferred due to excessive volume" */
	    "excessive volume"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Yahoo's error-codes page: "451 Message temporarily deferred due to
	 * unresolvable RFC.5321 from domain" (the envelope sender's domain;
	 * "Unresolvable RFC.5321 or RFC.5322 from domain": the From: header's
	 * too),
	 * "421 Max message per connection reached" (the session's limit)
	 */
	{ CUES("unresolvable rfc.5321", "unresolvable rfc5321",
	    "unresolvable rfc.5322", "unresolvable rfc5322"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("max message per connection", "max messages per connection"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	/* the receiver's own trouble, even when it mentions a blocklist */
	{ CUES("open resolver", "excessive number of queries",
	    "insufficient system storage", "local error in processing",
	    "mail system full", "not enough free space",
	    "service currently unavailable",
	    /*
	     * Exim's "451 Temporary local problem - please try later",
	     * Sendmail's "queue file write error", Exchange's "internal
	     * error reading data" / "internal server error"
	     */
	    "temporary local problem", "queue file write error",
	    "internal error reading data", "internal server error",
	    /*
	     * Sisimai's documented systemerror texts (go-sisimai
	     * reason/why-systemerror.go): Sendmail's "Can't create user output
	     * file", Exchange's "recipient deferred because there is no Mdb"
	     */
	    "can't create user output file", "could not load drd for domain",
	    /*
	     * Sendmail's words for sysexits(3)'s EX_CANTCREAT ("550 5.0.0
	     * Can't create output", its sysexits message table): the
	     * delivering host could not write the mailbox or file
	     */
	    "can't create output",
	    "interrupted system call",
	    "encountered an error while being processed",
	    "there is no mdb", "system config error",
	    "timeout waiting for input",
	    "configuration error", "misconfigured",
	    /*
	     * its pair "unable to connect ... daemon" (a filter or delivery
	     * daemon of the receiver's); the blank before "daemon" keeps
	     * "mailer-daemon" out
	     */
	    PAIR("unable to connect ", " daemon"),
	    "系统存储空间不足", "服务器存储空间不足", "磁盘空间不足",
	    "系统存储不足",
	    /*
	     * Exchange's directory cannot resolve the recipient object
	     * (go-sisimai lhost/via-exchange2007.go, via-exchange2003.go):
	     * "550 5.2.0 RESOLVER.ADR.BadPrimary" (its primary address is
	     * broken), "550 5.1.0 RESOLVER.ADR.InvalidInSmtp" (it has no
	     * valid SMTP address), "550 5.1.4 RESOLVER.ADR.Ambiguous" and
	     * Exchange 2003's "(000C0595) Ambiguous Recipient" (two objects
	     * hold the same address, which is how Exchange NDR lists explain
	     * 5.1.4): the recipient's administrators must fix it, as with
	     * Domino's "Several matches found" (mtacues.c)
	     */
	    "resolver.adr.badprimary", "resolver.adr.invalidinsmtp",
	    "resolver.adr.ambiguous", "(000c0595)"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	/*
	 * Postfix's reject_unverified_sender (smtpd_check.c: "<a>: Sender
	 * address rejected: unverified address: host H[A] said: 450 4.2.0
	 * Greylisted"): the receiver's probe of the sender's own address did
	 * not pass; the reply after it is the sender's domain's, not the
	 * recipient's, so it names no cause of this refusal
	 */
	{ CUES("sender address rejected: unverified address"),
	    REFUSED(SENDER_REJECTED) },
	{ greylist_words, ALWAYS_TEMP(GREYLISTED) },
	/* Lotus Domino's unknown user, before "listed in" below */
	{ CUES("not listed in"), MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/*
	 * A blocklist that names an address, not an IP: the sender's address
	 * ("you are sending to/from an address that has been blacklisted",
	 * "sender address is blacklisted"), before the IP blocklist cues;
	 * Broadcom Email Security.cloud's (MessageLabs) "Sorry, your domain
	 * has been blacklisted", "your email address has been blocked", "your
	 * envelope sender is in my badmailfrom list", "sender envelope domain
	 * not allowed for sender IP address" (its knowledge-base articles)
	 */
	/*
	 * The sending IP's address on a list, whose words hold the address
	 * cues below ("550 5.7.1 Your IP address has been blacklisted"): the
	 * IP, as the list rules after them read it
	 */
	{ CUES("ip address has been blacklisted", "ip address is blacklisted",
	    "ip address that has been blacklisted"),
	    REFUSED(IP_BLOCKLISTED) },
	{ CUES("address that has been blacklisted", "address has been "
	    "blacklisted", "address is blacklisted", "sender is blacklisted",
	    "sender blacklisted", "domain has been blacklisted",
	    "domain has been blocked", "email address has been blocked",
	    "badmailfrom", "sender envelope domain not allowed",
	    "发件人在黑名单", "发信人在黑名单",
	    "发件人地址在黑名单", "发件人被列入黑名单"),
	    REFUSED(SENDER_REJECTED) },
	/*
	 * Sisimai's documented rejected texts (go-sisimai
	 * reason/why-rejected.go), before the words of other causes they
	 * hold ("black list", "spam", "fully qualified", "does not accept
	 * mail"): McAfee's "denied [BOUNCEDENY]" and "Fully qualified email
	 * address required", SendGrid's "spam reporting address" (an
	 * address that marked earlier mail as spam), MailMarshal's "Rule
	 * imposed mailbox access for", Gmail's "sending this from a different
	 * address or alias using the 'Send mail as' feature"
	 */
	{ CUES("sender is in my black list", "sender is spammer",
	    "fully qualified email address required", "spam reporting address",
	    "sender isn't on the recipient's list",
	    "purported responsible address", "[bouncedeny]",
	    "valid-address-filter", "senderfilterconfig",
	    "please provide a valid from", "invalid domain, see <url:",
	    "is not a registered gateway user",
	    "returned mail not accepted here",
	    "recursive cname records for", "rule imposed mailbox access for",
	    "from a different address or alias using the",
	    "syntax error: empty email address",
	    "your access to submit messages",
	    "this server does not accept mail from"),
	    REFUSED(SENDER_REJECTED) },
	/*
	 * The recipient's own block list, before the IP lists: QQ Mail and
	 * Coremail tell a sender the recipient refuses them ("对方已拒收",
	 * "被收件人加入黑名单")
	 */
	{ CUES("收件人拒收", "对方拒收", "对方已拒收", "收件人已拒收",
	    "被收件人加入黑名单", "被对方加入黑名单", "收件人的黑名单",
	    "对方的黑名单"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * Provider codes for their own block lists: Outlook.com's SC-001 to
	 * SC-004 ("part of their network is on our block list").
	 */
	{ CUES("sc-001", "sc-002", "sc-003", "sc-004"),
	    REFUSED(IP_BLOCKLISTED) },
	/*
	 * Microsoft's 5.7.708 "Access denied, traffic not accepted from this
	 * IP"
	 */
	{ CUES("traffic not accepted from this ip"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * A list of links found in the message, not of IPs: Sisimai's
	 * documented spamdetected text "blacklisted URL in message" (go-sisimai
	 * reason/why-spamdetected.go)
	 */
	{ CUES("blacklisted url"), REFUSED(CONTENT_REJECTED) },
	/*
	 * Exchange Server's Content Filter agent refuses a message it rates
	 * as spam with its RejectionResponse, by default "Message rejected
	 * due to content restrictions" (Set-ContentFilterConfig), under a
	 * 5.7.1 that alone reads "not authorized"
	 */
	{ CUES("rejected due to content restrictions"),
	    REFUSED(CONTENT_REJECTED) },
	/*
	 * The RECIPIENT's domain on a domain blocklist, before the sender's
	 * (whose zones below would claim it): Postfix's
	 * reject_rhsbl_recipient answers "$rbl_class [$rbl_what] blocked
	 * using $rbl_domain" with the class "Recipient address" and the
	 * recipient's address as what (smtpd_check.c: SMTPD_NAME_RECIPIENT,
	 * reject_rbl_domain(state, *cpp, state->recipient, ...); the default
	 * rbl_reply "Service unavailable; ..."), the address blanked in the
	 * cue text like every echoed one
	 */
	{ CUES("recipient address blocked using",
	    PAIR("recipient address [", "] blocked using")),
	    REFUSED(RECIPIENT_DOMAIN_BLOCKLISTED) },
	/*
	 * A DOMAIN on a blocklist, not the sending IP, before the IP lists.
	 * Postfix's reject_rhsbl_sender, reject_rhsbl_helo and
	 * reject_rhsbl_client answer "$rbl_class [$rbl_what] blocked using
	 * $rbl_domain" with the class "Sender address" (what: the sender's
	 * address, blanked in the cue text like every echoed address, or
	 * its domain), "Helo command" (the HELO name) or "Client host" (the
	 * client's NAME: rhsbl_client_named() below), where its
	 * reject_rbl_client writes "Client host [IP]" (smtpd_check.c); and
	 * lists that hold only domains, by their documented zones: Spamhaus
	 * DBL (dbl.spamhaus.org, its DQS dbl.dq.spamhaus.net, its lookup
	 * page spamhaus.org/query/domain), Spamhaus ZRD, SURBL
	 * (multi.surbl.org), URIBL (multi.uribl.com, black.uribl.com);
	 * the sender's domain said to be on a list, whatever list (go-sisimai
	 * reason/why-spamdetected.go's "sender domain listed at ",
	 * why-blocked.go's "mailfrom domain is listed in spamhaus")
	 */
	{ CUES("sender address blocked using",
	    "sender domain listed at", "sender domain listed in",
	    "mailfrom domain is listed in",
	    PAIR("sender address [", "] blocked using"),
	    PAIR("helo command [", "] blocked using"),
	    "dbl.spamhaus.org", "dbl.dq.spamhaus.net", "zrd.spamhaus.org",
	    "zrd.dq.spamhaus.net", "spamhaus.org/query/domain",
	    /*
	     * iCloud Mail's "550 5.7.1 Your email was rejected due to having
	     * a domain present in the Spamhaus DBL" (its replies, as
	     * smtp.codes/icloud lists them)
	     */
	    "spamhaus dbl",
	    "spamhaus.org/query/dbl", "multi.surbl.org", "multi.uribl.com",
	    "black.uribl.com", "rhsbl"),
	    REFUSED(DOMAIN_BLOCKLISTED) },
	{ CUES("blocked using", "spamhaus", "barracuda reputation",
	    "barracudacentral", "spamcop", "[bl2", "banned sending ip",
	    "(s3150)", "(s3140)", "(s3114)", "block list", "blocklist",
	    "blacklist", "black list", "dnsbl", " rbl", "rbl:", "sorbs",
	    "uceprotect", "ipcheck.proofpoint", "listed on ", "listed in ",
	    "listed at ", "listed by ", "黑名单",
	    /*
	     * "Mail from <IP> refused, see <ORBS' page>": the ORBS open-relay
	     * list (go-sisimai reason/why-blocked.go, a pair)
	     */
	    PAIR(PAIR("mail from ", " refused, see "), "orbs")),
	    REFUSED(IP_BLOCKLISTED) },
	/*
	 * Refusals of the sending IP that name no list, after the lists:
	 * Tencent's "Suspected bounce attacks", "Suspected spam IP",
	 * "Connection denied", "The frequency of receiving messages is
	 * limited" (service.mail.qq.com/detail/122/N); Broadcom Email
	 * Security.cloud's "Sorry, your IP address has been blocked" and
	 * "Connection rejected by policy" (the IP's negative reputation, its
	 * knowledge base)
	 */
	{ CUES("suspected bounce attack", "suspected spam ip",
	    "connection denied", "frequency of receiving messages",
	    "ip address has been blocked", "connection rejected by policy",
	    /*
	     * Sisimai's documented blocked texts (go-sisimai
	     * reason/why-blocked.go): Microsoft's "Client host rejected: was
	     * not authenticated" and "not currently accepting mail from your
	     * IP", free.fr's "too many spams from your IP", mail.ru's "we do
	     * not accept mail from dynamic IPs", Sendmail's "Rejecting open
	     * proxy"; before the sender's, relaying and spam words they hold
	     */
	    "bad sender ip address", "sender ip address rejected",
	    "client host rejected: was not authenticated",
	    "confirm this mail server", "your server requires confirmation",
	    "currently sending spam", "you are sending spam",
	    "spams from your ip", "looks suspiciously like spammer",
	    "spam ips blocked", "no valid recipients from",
	    "extreme bad ip profile", "host network not allowed",
	    "invalid ip for sending mail of domain",
	    "is not allowed to send mail from", "no access from mail server",
	    "not currently accepting mail from your ip", "refused - see http",
	    "sender has not passed validation", "rejecting open proxy",
	    "server access forbidden by your ip",
	    "to submit messages to this e-mail system has been rejected",
	    "unwanted messages have been sent from the following ip",
	    "you are not allowed to connect", "listed as abusive",
	    /* Sisimai's documented blocked text, a server's dismissal */
	    "go away",
	    /*
	     * its pairs: Postfix smtp(8)'s "host <name> refused to talk to
	     * me: <reply> blocked", "Mail from <IP> refused: ...", "Your
	     * access IP <IP> has been rejected"
	     */
	    PAIR(PAIR("host ", " refused to talk to me: "), " blocked"),
	    PAIR("mail from ", " refused:"),
	    PAIR("your access ip", " has been rejected")),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * The sender's own quota, not the mailbox's: Gmail's "550 5.4.5 Daily
	 * user sending quota exceeded" (its sending-limits page)
	 */
	{ CUES("sending quota", "sending limit",
	    /*
	     * Amazon SES's "Throttling failure: Daily message quota exceeded"
	     * (Sisimai's documented toomanyconn text): the sender's account
	     */
	    "throttling failure",
	    "发信配额", "发送配额",
	    "发信数量超", "发送数量超", "发信量超"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Sendmail's srvrsmtp.c answers MAIL with "452 4.4.5 Insufficient
	 * disk space; try again later" when its own queue file system is
	 * below MinFreeBlocks: the receiving system, not a mailbox (before
	 * Sisimai's mailboxfull text "insufficient disk space" below); a
	 * bounce reads it as the system full (bounce_rules)
	 */
	{ CUES("insufficient disk space; try again later"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ CUES("over quota", "quota exceeded", "exceeds quota",
	    "exceeded quota", "quota", "exceeded storage", "mailbox full",
	    "mailbox is full", "inbox is full", "mailfolder is full",
	    "mailbox exceeds",
	    /*
	     * Gmail's 452 4.2.2 / 552 5.2.2 "The recipient's inbox is out of
	     * storage space" (its SMTP errors page), before the "inactive"
	     * of its 5.2.2 "... and inactive"
	     */
	    "inbox is out of storage space",
	    "mailbox has exceeded",
	    /*
	     * "full mailbox", "would exceed maximum allowed storage",
	     * "does not have enough space" / "not enough storage space"
	     * (a mailbox's own, unlike the system's "insufficient system
	     * storage"), Orange and La Poste's "Boite du destinataire pleine"
	     */
	    "full mailbox", "exceed maximum allowed storage",
	    /*
	     * Postfix's local(8) and virtual(8) when the mailbox reached
	     * mailbox_size_limit or virtual_mailbox_limit: "cannot update
	     * mailbox F for user U. error writing message: File too large",
	     * "delivery failed to mailbox F: error writing message: File too
	     * large", 5.2.2 (mail_copy.c: EFBIG), not the message's size
	     */
	    "error writing message: file too large",
	    "does not have enough space", "not enough storage space",
	    "boite du destinataire pleine",
	    /*
	     * Chinese hosts' wording (Coremail, Sina, self-hosted MTAs, as
	     * Chinese bounce-help pages quote them: "邮箱空间已满",
	     * "超过容量", "Quota exceed the hard limit for user")
	     */
	    "邮箱已满", "邮箱满", "空间已满", "容量已满", "空间不足",
	    "容量不足", "超过容量", "超出容量", "超过配额", "超出配额",
	    "配额已满",
	    /* the same in Traditional characters (信箱: Taiwan's "mailbox") */
	    "郵箱已滿", "信箱已滿", "空間已滿", "容量已滿", "空間不足",
	    "超過容量", "超過配額",
	    /* RFC 5321's 552 "exceeded storage allocation", in Chinese */
	    "过量的存储分配", "超过存储分配",
	    /*
	     * Sisimai's documented mailboxfull texts (go-sisimai
	     * reason/why-mailboxfull.go; "too much mail data": NTT docomo)
	     */
	    "insufficient disk space", "not sufficient disk space",
	    "exceeding receiving limits", "mailbox size limit exceeded",
	    "mail file size exceeds the maximum size allowed",
	    "mailbox exceeded the local limit", "no space left on device",
	    "space has been used up", "too much mail data",
	    "too many messages on the server",
	    /*
	     * its pairs "mailbox " ... "exceeded" ... " limit", "mailbox "
	     * ... " full" ("Mailbox for user is full") and "enough " ...
	     * " space" ("has not enough mailbox space"; after the system's
	     * "not enough free space" above)
	     */
	    PAIR(PAIR("mailbox ", "exceeded"), " limit"),
	    PAIR("mailbox ", " full"), PAIR("enough ", " space")),
	    { O(MAILBOX_FULL, MAILBOX_FULL), O(MAILBOX_FULL, MAILBOX_FULL) } },
	{ CUES("too many connections", "too many concurrent",
	    "frequency limited",		/* Tencent QQ Mail / Exmail */
	    "too many simultaneous", "too many sessions", "connection limit",
	    "too many smtp sessions",
	    "trop de connexions",	/* Orange: "Trop de connexions" */
	    "connection rate limit",
	    "too many open connections",
	    /* Sisimai's documented toomanyconn text (free.fr) */
	    "too many errors from your ip",
	    /* its pairs "too many " ... " session", "connection " ... " limit" */
	    PAIR("too many ", " session"), PAIR("connection ", " limit"),
	    "并发连接", "连接数过多",
	    "连接数过大", "连接数超", "连接过多", "连接频率"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	{ CUES("too many recipients", "recipient limit", "too many rcpt",
	    "收件人数量超", "收件人数超", "收件人过多", "收件人数过多"),
	    ALWAYS_TEMP(TOO_MANY_RECIPIENTS) },
	{ CUES("rate limit", "ratelimit", "rate-limit", "unusual rate",
	    "sending rate", "too many messages", "too many mails",
	    "too many emails", "reputation", "[tss", "[ts0",
	    "user complaints", "throttl", "temporarily deferred",
	    "try again slower",	/* Sisimai's documented speeding text */
	    "too much mail from",	/* Postfix's message rate limit */
	    /*
	     * cPanel's Exim: "Domain d has exceeded the max emails per hour
	     * (100/100 (100%)) allowed.  Message discarded." (Sisimai's
	     * documented toomanyconn text): the sending account's own limit
	     */
	    "max emails per hour",
	    "exceeded permitted limits",
	    "频率过高", "发信频率过", "发送频率过", "过于频繁", "频率限制",
	    "频率超", "信誉", "被投诉", "ip被拒绝", "ip 被拒绝", "ip地址被拒绝",
	    "ip被禁止"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Sisimai's documented requireptr text "we do not accept mail from
	 * hosts with dynamic IP or generic DNS PTR-records" (go-sisimai
	 * reason/why-requireptr.go), before the dynamic IP words it holds
	 */
	{ CUES("generic dns ptr"), REFUSED(HOST_IDENTITY_PTR_HELO) },
	/* a dynamic or residential IP may not send mail directly */
	{ CUES("smtp server of your isp", "use your isp", "dynamic ip",
	    "dynamic address", "dynamic/residential", "residential ip",
	    "dial-up", "dialup"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Microsoft's refusal of a sending domain that does not authenticate
	 * (its high-volume sender requirements: "550 5.7.515 Access denied,
	 * sending domain [d] doesn't meet the required authentication
	 * level"), and its words for the 5322.From domain (go-sisimai
	 * reason/why-authfailure.go: "the 5322.From address doesn't meet the
	 * authentication requirements defined for the sender"): SPF, DKIM
	 * and DMARC, when no Microsoft MX names the provider
	 */
	{ CUES("dmarc", "dkim", "spf", "sender policy framework",
	    "domainkeys", "unauthenticated email", "authentication checks",
	    "required authentication level",
	    "meet the authentication requirements",
	    "发件人身份验证失败", "发信域验证失败", "域名验证失败"),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	/*
	 * The sending server taken for an open relay ("no access from mail
	 * server [IP] which is an open relay"): a refusal of the sending host
	 */
	{ CUES("is an open relay"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * A recipient (a mailbox, a group, a public folder) that takes mail
	 * only from its own organisation's senders: Exchange Online's 5.7.12,
	 * 5.7.124, 5.7.133-5.7.136 ("Sender was not authenticated by
	 * organization", "Sender not in allowed-senders list"), its NDR list;
	 * not a relay refusal, before "not authenticated" below
	 */
	{ CUES("sender was not authenticated", "sender not authenticated for",
	    "not in allowed-senders list",
	    /*
	     * Exchange's RESOLVER.RST.NotAuthorized (the recipient takes mail
	     * from some senders only; its NDR list), with or without 5.7.1
	     */
	    "rst.notauthorized",
	    /*
	     * Sisimai's documented securityerror texts (go-sisimai
	     * reason/why-securityerror.go): Amazon SES's "Account not
	     * subscribed to SES" and "User ... is not authorized to perform
	     * ses:SendRawEmail on resource", Postfix's "SASL authentication
	     * failed; server ... said:", qmail's "you don't authenticate or
	     * the domain isn't in my list of allowed rcpthosts"
	     */
	    "account not subscribed to ses", "to perform ses:",
	    "authentication credentials invalid", "authentication failure",
	    "authentication failed; server",
	    "authentication turned on in your email client",
	    "unauthenticated senders not allowed", "verification failure",
	    "not authorized to send mail",
	    "you don't authenticate or the domain isn't"),
	    REFUSED(POLICY_OTHER) },
	/*
	 * A provider's outgoing (submission) server refusing the SENDER'S own
	 * mail client, not the recipient: the client did not log in, or its
	 * mailbox's client service (SMTP) is off, or it logged in with the
	 * web password instead of the authorization code (授权码).
	 * NetEase (smtp.163.com, 126, yeah.net): "553 authentication is
	 * required" to a client that did not log in ("SMTP需要身份验证，请检查
	 * 客户端设置", NetEase's 企业退信的常见问题 list; BigPond's "553
	 * Authentication is required to send mail as <...>" at MAIL FROM
	 * says the same); "550 User has no permission" to an account whose
	 * client service is not turned on (NetEase's help 客户端授权码使用规则:
	 * a client logs in only with the authorization code, IMAP/POP3/SMTP
	 * share it, and with a service off the login passes but the service
	 * cannot be used; help.163.com/08/0708/11/4GAUOK1J007525G3.html,
	 * "为什么要进行SMTP认证?": SMTP wants the account name and password).
	 * Tencent QQ Mail (smtp.qq.com, smtp.exmail.qq.com): "535 Login
	 * Fail. Please enter your authorization code to login. More
	 * information in http://service.mail.qq.com/cgi-bin/help?subtype=1
	 * &&id=28&&no=1001256" (older: "Please using authorized code to
	 * login"; in Chinese "请使用授权码登录"), the help page its reply
	 * names, and QQ Mail's notice of 2022-10-11: from 2022-11-01 a client
	 * (POP3/IMAP/SMTP) logs in only with the 16-character authorization
	 * code made where 设置 -> 账户 turns the service on;
	 * "503 Error: need EHLO and AUTH first !" to a MAIL FROM sent before
	 * logging in.  The sender must act in the mailbox's settings.  After
	 * Sisimai's securityerror texts above (its "not authorized to send
	 * mail, authentication is required").  The words about the
	 * authorization code are QQ Mail's own; the broad ones ("authentication
	 * is required", "user has no permission", "need ehlo and auth first")
	 * are this reason only where NetEase or Tencent is named
	 * (client_auth_named), else login_refusal() reads them.
	 */
	{ CUES("enter your authorization code to login",
	    "authorized code to login", "请使用授权码登录",
	    "id=28&&no=1001256"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	{ CUES("authentication is required", "user has no permission",
	    "need ehlo and auth first"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	{ CUES("relay access denied", "relaying denied", "not permitted to relay",
	    /*
	     * Exchange: "requires authentication when attempting to send to a
	     * non-local e-mail address"; "we are not a gateway"
	     */
	    "requires authentication", "not a gateway",
	    /*
	     * Haraka's own answer when no plugin took the recipient, "550 I
	     * cannot deliver mail for <a>" (connection.js: "No plugin
	     * determined if relaying was allowed"): not a domain it serves,
	     * and the client may not relay
	     */
	    "i cannot deliver mail for",
	    /*
	     * hMailServer's "550 Delivery is not allowed to this address."
	     * (SMTPConnection.cpp): the client's IP range may not deliver
	     * from its sender to this recipient, local or external, which
	     * its source tests as bAllowRelay
	     */
	    "delivery is not allowed to this address",
	    "relay not permitted", "relaying not allowed", "unable to relay",
	    /*
	     * Kerio Connect's "550 5.7.1 Relaying is denied" (its outbound
	     * delivery troubleshooting article)
	     */
	    "relaying is denied",
	    "relay denied", "we do not relay", "not configured to relay",
	    "authentication required",
	    "must authenticate", "not authenticated",
	    /*
	     * Sisimai's documented norelaying texts (go-sisimai
	     * reason/why-norelaying.go; qmail's "that domain isn't in my list
	     * of allowed rcpthosts")
	     */
	    "not local host", "specified domain is not allowed",
	    "that domain isn't in my list of allowed rcpthost",
	    "we don't handle mail for",
	    "不允许转发", "拒绝转发", "禁止转发", "不允许中继", "拒绝中继",
	    "禁止中继", "中继被拒绝", "需要身份验证", "需要认证"),
	    REFUSED(RELAY_DENIED) },
	/*
	 * the TLS handshake itself failed, or the sending server could not
	 * verify the receiving server's certificate where its policy asked
	 * for it: Postfix smtp(8)'s "Cannot start TLS: handshake failure" and
	 * "Server certificate not verified" (its 4.7.5, smtp_proto.c; "not
	 * trusted", the same failure in other clients' words), Exim's "a
	 * TLS session is required, but an attempt to start TLS failed"
	 * (transports/smtp.c) and its "TLS session: (SSL_connect): ..."
	 * (tls-openssl.c), and OpenSSL's "certificate verify failed" that
	 * MTAs quote
	 */
	{ CUES("cannot start tls", "tls handshake", "ssl handshake",
	    "tls negotiation failed", "server certificate not verified",
	    "server certificate not trusted", "attempt to start tls failed",
	    "(ssl_connect)", "certificate verify failed"),
	    { O(TLS_FAILED, TLS_HANDSHAKE_FAILED),
	    O(TLS_FAILED, TLS_HANDSHAKE_FAILED) } },
	/*
	 * RFC 3207 4: "454 TLS not available due to temporary reason", the
	 * server's answer to STARTTLS when it cannot start TLS now; in a
	 * bounce the sending server gave up on it (not a vague 4xx)
	 */
	{ CUES("tls not available"),
	    { O(TLS_FAILED, STARTTLS_REFUSED),
	    O(TLS_FAILED, STARTTLS_REFUSED) } },
	/*
	 * The sending server's own words when it required TLS and the
	 * receiving server offered none: Postfix smtp(8) "TLS is required,
	 * but was not offered by host H[A]" (smtp_proto.c), Exim's "a TLS
	 * session is required, but the server did not offer TLS support"
	 * (transports/smtp.c), Courier's "/SECURITY=REQUIRED set, but TLS is
	 * not available" (module.esmtp/libesmtp.c) -- not the receiver
	 * insisting on TLS
	 */
	{ CUES("but was not offered by host", "did not offer tls support",
	    "set, but tls is not available"),
	    { O(TLS_FAILED, STARTTLS_NOT_OFFERED),
	    O(TLS_FAILED, STARTTLS_NOT_OFFERED) } },
	{ CUES("starttls", "tls required", "tls is required", "requires tls",
	    /*
	     * Mimecast: "This route requires encryption (TLS)", "... requires
	     * high-strength ciphers"
	     */
	    "requires encryption", "high-strength ciphers",
	    "tls/sslv3 connection required",	/* Broadcom Email Security.cloud */
	    "must use tls", "encryption required", "mta-sts", "tlsa"),
	    REFUSED(TLS_REQUIRED) },
	/*
	 * A command out of order, not a refusal of the name: RFC 5321's 503
	 * "Bad sequence of commands" as Gmail ("503 5.5.1 EHLO/HELO first."),
	 * Postfix ("503 5.5.1 Error: send HELO/EHLO first") and Sendmail
	 * ("503 5.0.0 Polite people say HELO first") and Haraka
	 * (connection.js: "503 Use EHLO/HELO before MAIL") word it, before
	 * the HELO words below
	 */
	{ CUES("helo first", "ehlo first", "helo before mail"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * Sendmail's words for sysexits(3)'s EX_PROTOCOL, "554 5.5.0 Remote
	 * protocol error" (its sysexits message table): the other server's
	 * answer broke SMTP
	 */
	{ CUES("remote protocol error"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * The client broke SMTP's rules, in each server's words: Exim's
	 * smtp_in.c "554 SMTP synchronization error" (a command sent before
	 * the reply it had to wait for), qmail-smtpd's "451 See
	 * http://pobox.com/~djb/docs/smtplf.html." (a bare LF in the data)
	 * and Haraka's connection.js "451 Bare line-feed; see
	 * http://haraka.github.com/barelf.html" (the data's end as a bare LF),
	 * Courier's courieresmtpd.c "554 Syntax error - your mail software
	 * violates RFC 821." (a MAIL FROM or RCPT TO address not in <...>):
	 * the client's command, not the address it names
	 */
	{ CUES("smtp synchronization error", "docs/smtplf.html",
	    "bare line-feed", "your mail software violates rfc"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * the sending IP's reverse DNS (PTR), also when a HELO is named beside
	 * it
	 */
	{ CUES("ptr record", "rdns", "reverse", "cannot find your hostname",
	    /*
	     * Sisimai's documented requireptr texts (go-sisimai
	     * reason/why-requireptr.go; Google's "the corresponding forward
	     * DNS entry does not point to the sending IP")
	     */
	    "ip name lookup failed", "ptr resource record",
	    "cannot resolve your address", "forward dns entry",
	    "unresolvable relay host name", "unverifyable sending ip",
	    "mismatches client ip",	/* the HELO domain is not the client's */
	    /* its pair: the client's name could not be looked up */
	    PAIR("dns lookup failure: ", " try again later")),
	    REFUSED(HOST_IDENTITY_PTR_HELO) },
	/*
	 * The name the sending host gave in HELO/EHLO refused, in words that
	 * say so: Postfix's smtpd_helo_restrictions ("<name>: Helo command
	 * rejected: need fully-qualified hostname", "...: Invalid name",
	 * "...: Host not found"; Sisimai's documented blocked text "helo
	 * command rejected:", go-sisimai reason/why-blocked.go) and "501
	 * Syntax: EHLO hostname", Exim's "501 Syntactically invalid EHLO
	 * argument(s)", Sendmail's "501 5.0.0 HELO requires domain address"
	 * (also Microsoft's "550 5.0.0 HELO / EHLO requires domain
	 * address", Haraka's connection.js "501 EHLO requires domain/address -
	 * see RFC-2821 4.1.1.1"), Gmail's "501 5.5.4 Empty HELO/EHLO argument
	 * not allowed" and "501 5.5.4 HELO/EHLO argument is invalid" (its SMTP
	 * errors page), Microsoft's "550 5.7.506 Access denied, bad HELO"
	 * (Exchange Online's NDR list), i.ua's "wrong value of command
	 * HELO/EHLO parameter" (mail.i.ua/err/7).  Not the bare word: a
	 * bounce's "(in reply to EHLO command)" names only the stage.
	 */
	{ CUES("helo command rejected", "ehlo command rejected",
	    "invalid helo", "invalid ehlo", "bad helo", "bad ehlo",
	    "empty helo", "helo/ehlo argument", "helo/ehlo parameter",
	    "requires domain address", "requires domain/address",
	    "helo hostname", "ehlo hostname",
	    "helo name", "ehlo name"),
	    REFUSED(HELO_REJECTED) },
	/*
	 * Postfix's reject_non_fqdn_sender and reject_non_fqdn_recipient
	 * (smtpd_check.c: "<addr>: Sender address rejected: need
	 * fully-qualified address", as Sohu's 退信代码 page lists it with
	 * 发件人地址书写格式错误; the same for "Recipient"): an address, not a
	 * host's name
	 */
	/*
	 * Postfix's reject_unauthenticated_sender_login_mismatch and
	 * reject_sender_login_mismatch (smtpd_check.c: "<addr>: Sender
	 * address rejected: not logged in"): the sender's address belongs to
	 * a SASL login and the client did not log in; logging in is what
	 * helps, at MAIL or, as Postfix often applies it, at RCPT
	 */
	{ CUES("sender address rejected: not logged in"),
	    REFUSED(LOGIN_REQUIRED) },
	{ CUES("sender address rejected: need fully-qualified address"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("recipient address rejected: need fully-qualified address"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS) },
	/* the sending host's name, PTR or HELO not said */
	{ CUES("helo", "ehlo", "fully-qualified", "fully qualified", "fqdn"),
	    REFUSED(HOST_IDENTITY_PTR_HELO) },
	/*
	 * Refusals of the message's return path: BATV (Bounce Address Tag
	 * Validation: "BATV failed to verify", "rejected by BATV defense"),
	 * servers that take no bounces from strangers ("no third-party DSNs",
	 * "unsigned DSN", "backscatter protection", "null sender is not
	 * allowed"), Amazon SES's "Email address is not verified" (its
	 * sending-errors page), a mailing list's "not allowed to post",
	 * Orange's "Emetteur invalide" / "Mail from not owned by user"
	 */
	/*
	 * The recipient's organisation blocks the sender's address: Mimecast's
	 * "Envelope blocked - User Entry", "Administrative prohibition envelope
	 * blocked", "Rejected by header-based Blocked Senders - Block policy
	 * for Header From", "Envelope rejected - Block policy for Envelope
	 * From address" (its SMTP error codes page)
	 */
	{ CUES("envelope blocked", "blocked senders",
	    "block policy for envelope from", "block policy for header from"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("batv", "third-party dsn", "unsigned dsn", "backscatter",
	    "null sender is not allowed", "email address is not verified",
	    "not allowed to post", "emetteur invalide",
	    "mail from not owned by user", "unroutable sender",
	    "sender email address rejected", "sender not pre-approved",
	    "bogus mail from"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("sender address rejected", "sender rejected",
	    /*
	     * Exchange Server's "Sender denied" (its NDR list's 5.1.0, the
	     * Sender Filter agent's "554 5.1.0 Sender Denied"), before
	     * X.1.0 reads as the recipient's address
	     */
	    "sender denied",
	    "domain of sender address",
	    "sender verify failed", "sender verification", "unverified sender",
	    "invalid sender", "sender unknown", "sender domain", "bad sender",
	    "sender address invalid", "sender address is invalid",
	    "sender address does not exist", "sender does not exist",
	    "envelope sender", "return path", "return-path",
	    /*
	     * RFC 7505 4.2's "550 5.7.27 Sender address has null MX": the
	     * sender's domain takes no mail, before the null MX of the
	     * recipient's domain below
	     */
	    "sender address has null mx",
	    /* the sender's, before the recipient's "地址不存在" below */
	    "发件人不存在", "发件人地址", "发件人邮箱", "发件人域",
	    "发件人帐号", "发件人账号", "发件人账户", "发件人帐户",
	    "发信人不存在", "发信人地址", "发信人邮箱", "发信人帐号",
	    "发信人账号", "发信域不存在", "发信域名不存在", "发件人被拒绝",
	    "发件人无效",
	    /* the same in Traditional characters (寄件者: Taiwan's "sender") */
	    "發件人不存在", "發件人地址", "發件人郵箱", "發件人帳號",
	    "發件人賬號", "發件人帳戶", "寄件者不存在", "寄件者地址",
	    "寄件者帳號", "寄件人不存在", "寄件人地址", "發件人無效"),
	    REFUSED(SENDER_REJECTED) },
	/* Yahoo's 5.7.9 and others: a stated policy, whatever the code */
	{ CUES("for policy reasons", "due to policy reasons",
	    /*
	     * "rejected due to security policies", Microsoft 365's "bounced
	     * due to organizational settings", "by organization policy"
	     */
	    "security policies", "organizational settings",
	    "organization policy",
	    /*
	     * Sisimai's documented policyviolation texts (go-sisimai
	     * reason/why-policyviolation.go): AOL's "because the recipient is
	     * not accepting mail with ...", mailing lists' "by non-member to a
	     * members-only list", Google Groups' "not subscribed to this
	     * group", Microsoft's "its content presents a potential security
	     * issue"
	     */
	    "recipient is not accepting mail with", "members-only list",
	    "closed mailing list", "header error",
	    "message given low priority", "not subscribed to this group", "content presents a potential",
	    "messages containing images or other attachments",
	    "using a mass mailer", "without solving a captcha"),
	    REFUSED(POLICY_OTHER) },
	/*
	 * RFC 5321 3.1 and 4.2.3: a server that will not talk to the client
	 * greets it with "554 No SMTP service here".  It refuses the session
	 * and says no why: a policy, a blocklist only when the words name one
	 * (the cues above)
	 */
	{ CUES("no smtp service here"), REFUSED(POLICY_OTHER) },
	{ CUES("please try again later", "try again later", "try later",
	    "please retry later", "temporarily rejected",
	    "稍后再试", "稍后重试", "稍后再发"),
	    ONLY_4XX(GREYLISTED) },
	/*
	 * Sisimai's documented contenterror texts (go-sisimai
	 * reason/why-contenterror.go; Microsoft's "this message contain(s)
	 * invalid MIME headers", "... improperly-formatted binary content",
	 * "... text that uses unnecessary base64 encoding"): the message's
	 * form, before the size words they hold
	 */
	{ CUES("header size exceeds", "message header size",
	    "8-bit data in message header", "mime complexity",
	    "invalid mime headers", "improperly-formatted binary content",
	    "unnecessary base64 encoding"),
	    REFUSED(CONTENT_FORMAT) },
	{ CUES("message too large", "too big", "message size", "size limit",
	    /*
	     * RFC 3463 X.2.3's own words; Orange's "Taille limite du message
	     * atteinte"
	     */
	    "message length exceeds", "taille limite du message",
	    "email size exceeded",	/* Mimecast: "Maximum email size exceeded" */
	    /*
	     * a line longer than the server takes (RFC 5321 4.5.3.1.6's
	     * 1000-octet text line): "500 Line limit exceeded"
	     */
	    "line limit exceeded",
	    /*
	     * IceWarp's "501 5.7.1 Message is too long" (its "Interpretation
	     * of 5xx Errors in IceWarp SMTP": the size limit of the server,
	     * domain or user), at MAIL FROM's SIZE
	     */
	    "message is too long",
	    "size exceeds", "exceeds size", "too large",
	    "邮件大小超", "信件大小超", "邮件过大", "邮件太大", "附件过大",
	    "附件太大"),
	    REFUSED(MESSAGE_TOO_BIG) },
	/*
	 * RFC 7505's wording (Postfix: "Domain does not accept mail
	 * (nullMX)"); named here, Sendmail's null MX stays one past the
	 * "Host unknown" its text also holds (the sending MTA's words of an
	 * unknown domain, mtacues.c)
	 */
	{ CUES("does not accept mail", "nullmx", "null mx",
	    /*
	     * Sisimai's documented notaccept texts (go-sisimai
	     * reason/why-notaccept.go): Sendmail's "Name server: .: host not
	     * found" (Yahoo's "No MX record found for domain=" is in the row
	     * below: no mail server, not a stated refusal)
	     */
	    "mail receiving disabled", "name server: .: host not found",
	    "no route for current request"),
	    MAILBOX(NO_MAIL_DOMAIN, NULL_MX) },
	/*
	 * The domain exists but publishes no mail server: its DNS answered
	 * with no MX and no address (domain_no_mail): Yahoo's "No MX record
	 * found for domain=" (go-sisimai reason/why-notaccept.go).  The
	 * sending MTA's own words of its lookups, which no server replies
	 * (Postfix's "Host or domain name not found. Name service error
	 * ...", Sendmail's "Host unknown (Name server: d: no data known)",
	 * Gmail's "DNS Error: ...", qmail-remote's "couldn't find a mail
	 * exchanger", OpenSMTPD's "No MX found for"), are mtacues.c's alone.
	 */
	{ CUES("no mx record found for domain", "domain has no mail"),
	    MAILBOX(NO_MAIL_DOMAIN, DOMAIN_NO_MAIL) },
	/*
	 * Postfix smtpd's address verification (reject_unverified_recipient,
	 * smtpd_check.c: "<a>: Recipient address rejected: unverified
	 * address: WHY" for now, "... undeliverable address: WHY" for good)
	 * quotes the failure of its own probe of the address; dns_strerror()'s
	 * endings there say what the DNS answered for the domain: NXDOMAIN
	 * "Host not found", NO_DATA "Host found but no data record", TRY_AGAIN
	 * "Host not found, try again" (the receiving server's lookup failed
	 * for now: its own trouble).  The sender's twin is read above.
	 */
	{ CUES(PAIR("address: host or domain name not found",
	    "host not found, try again")),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ CUES(PAIR("address: host or domain name not found",
	    "no data record")),
	    DOMAIN_WORDS(DOMAIN_NO_MAIL) },
	{ CUES(PAIR("address: host or domain name not found",
	    ": host not found")),
	    DOMAIN_WORDS(DOMAIN_NOT_FOUND) },
	/*
	 * The domain does not exist (domain_not_found): the words say so.
	 * Postfix smtpd's "Recipient address rejected: Domain not found"
	 * (reject_unknown_recipient_domain, which postconf(5) also gives a
	 * domain without MX and address: its words say not found, and a
	 * misspelt domain is what they most often mean; with its default
	 * unknown_address_reject_code 450, so a 4xx keeps the words' reason,
	 * for now: DOMAIN_WORDS); Microsoft's
	 * "SMTPSEND.DNS.NonExistentDomain; nonexistent domain" (Exchange
	 * Online's NDR 5.4.4; Exchange 2007's status name alone, go-sisimai
	 * lhost/via-exchange2007.go); Sun/Oracle Messaging Server's "Illegal
	 * host/domain name found" (its name is no name)
	 */
	{ CUES("domain does not exist", "domain not found", "no such domain",
	    "unknown domain", "domain must exist",
	    "nonexistent domain", "non-existent domain", "nonexistentdomain",
	    "illegal host/domain name",
	    /*
	     * Sisimai's documented hostunknown texts (go-sisimai
	     * reason/why-hostunknown.go)
	     */
	    "mail domain mentioned in email address is unknown",
	    "account or domain may not exist", "unknown host",
	    /*
	     * a domain the DNS does not know ("550 5.1.2 The domain ... was
	     * not found in DNS"), before the pair "recipient ... was not
	     * found in" of the unknown mailboxes below would read "Recipient
	     * address rejected: domain ... was not found in DNS" as one
	     */
	    PAIR("domain ", " not found in dns"),
	    /* Exchange Online's 5.4.310 "DNS domain <d> does not exist" */
	    PAIR("dns domain ", " does not exist"),
	    "域名不存在", "收件域不存在", "无此域名", "找不到该域名",
	    "域名无效"),
	    DOMAIN_WORDS(DOMAIN_NOT_FOUND) },
	/*
	 * Apple iCloud's unknown addresses (its postmaster page for iCloud
	 * Mail): "550 5.1.1 <...>: inactive email address", "unknown or
	 * illegal alias", before "inactive" below
	 */
	{ CUES("inactive email address", "unknown or illegal alias",
	    /*
	     * Sisimai's documented userunknown texts (go-sisimai
	     * reason/why-userunknown.go) that hold a word of the cues below
	     */
	    "mailbox is inactive", "wrong or no longer valid",
	    /*
	     * hMailServer's "550 Recipient not in route list." (a routed
	     * domain whose route lists addresses, this one not among them,
	     * RecipientParser.cpp): its own unknown user
	     */
	    "recipient not in route list"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/*
	 * Sisimai's documented hasmoved text: "<a> has been replaced by <b>"
	 * (go-sisimai reason/why-hasmoved.go)
	 */
	{ CUES("has been replaced by"), MAILBOX(UNDELIVERABLE, MAILBOX_MOVED) },
	{ CUES("disabled", "deactivated", "inactive", "suspended",
	    "no longer valid", "no longer available", "no longer active",
	    "account expired", "account has been closed", "mailbox locked",
	    "temporarily locked", "temporary locked",
	    "mailbox is frozen",
	    "account is locked",
	    /*
	     * hMailServer's "550 Account is not active." for an account its
	     * administrator switched off (RecipientParser.cpp)
	     */
	    "account is not active",
	    /*
	     * au EZweb's notice "The user(s) account is temporarily limited."
	     */
	    "account is temporarily limited",
	    /*
	     * La Poste's "Boite du destinataire archivee" (archived) and "Le
	     * compte du destinataire est bloque" (blocked account)
	     */
	    "destinataire archivee", "compte du destinataire est bloque",
	    /* NetEase: "请求的用户处于禁用或者冻结状态" */
	    /*
	     * Sisimai's documented suspend texts (go-sisimai
	     * reason/why-suspend.go)
	     */
	    "archived recipient", "user is terminated",
	    "suspend the service", "no longer accepts mail",
	    "已冻结", "被冻结", "冻结状态", "已停用", "被停用", "已被禁用",
	    "禁用状态", "已注销", "被注销", "已被锁定", "帐号已过期",
	    "账号已过期", "邮箱被锁", "帐号被锁", "账号被锁",
	    /* the same in Traditional characters */
	    "已凍結", "被凍結", "凍結狀態", "已註銷", "被註銷", "帳號已過期",
	    "帳號被鎖", "信箱被鎖"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED) },
	/* the recipient's own choice, even when the code says 5.1.1 */
	{ CUES("recipient preferences", "refuse to receive",
	    "refuses to receive", "blocked by the recipient",
	    "only accepting mail from",
	    /*
	     * Sisimai's documented filtered texts (go-sisimai
	     * reason/why-filtered.go): SendGrid's "bounced address" (an
	     * address it keeps from mail after a bounce), AT&T's "has
	     * restricted SMS e-mail"
	     */
	    "bounced address", "has restricted sms e-mail",
	    "is not accepting any mail", "message rejected due to user rules",
	    "not found recipient account", "this account is protected by",
	    "user reject",
	    "new mail is not currently being accepted for this mailbox",
	    /* Sisimai's documented "recipient refuses to accept your mail" */
	    "recipient refuses to accept"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * Exim's address parser (parse.c, parse_extract_address, as go-sisimai
	 * lhost/via-exim.go quotes it): the address as written cannot be
	 * read -- in its bounce for a recipient it could not parse, and in
	 * its 501 reply to such a RCPT.  The address is wrong, not the SMTP
	 * exchange.
	 */
	/*
	 * Tencent's "501 Bad address syntax" (QQ Mail's bounce help,
	 * service.mail.qq.com/detail/122/167): the recipient's address is
	 * not one, RFC 3463 X.1.3's "bad destination mailbox address syntax"
	 * (a sender's, "Bad sender address syntax", is read above)
	 */
	/*
	 * Exchange Server's own words for a recipient address that cannot be
	 * valid (its NDR list, "DSNs and NDRs in Exchange Server",
	 * learn.microsoft.com): 5.1.3 "STOREDRV.Submit; invalid recipient
	 * address" (unsupported characters, bad form), 5.1.6 "Recipient
	 * addresses in single label domains not accepted" (user@contoso); any
	 * server's, not only Microsoft's own hosts (provider_rules)
	 */
	{ CUES("malformed address:", "expected word or \"<\"",
	    "angle-brackets nested too deep",
	    "domain missing in source-routed address", "bad address syntax",
	    "storedrv.submit; invalid recipient address",
	    "single label domains not accepted"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS) },
	{ CUES("user unknown", "unknown user", "no such user", "no such mailbox",
	    "invalid user", "address couldn't be found",
	    "address could not be found",
	    /*
	     * the same in German, "weil die Adresse nicht gefunden wurde oder
	     * keine E-Mails empfangen kann" (go-sisimai
	     * reason/why-userunknown.go)
	     */
	    "adresse nicht gefunden",
	    "no such recipient", "no such account", "does not exist",
	    "doesn't exist", "not exist", "unknown recipient",
	    "recipient unknown", "recipient not found", "invalid recipient",
	    "invalid mailbox", "mailbox not found", "unknown mailbox",
	    "address unknown", "unknown address", "unrouteable address",
	    "user not found", "user doesn't have", "no mailbox",
	    "unknown local part", "not a valid mailbox", "bad destination mailbox",
	    "mailbox is not allowed",	/* Broadcom: "Recipient mailbox is not allowed" */
	    /*
	     * Exim's RCPT answer (the lab's: test/lab/cases.tsv) as servers
	     * built on its words also spell it, "Unroutable address": the
	     * same words (Exim's own bounce, no server asked, is mtacues.c's)
	     */
	    "unroutable address",
	    /* Exchange's NDR codes (its "NDRs in Exchange Online" list) */
	    "resolver.adr.recipnotfound", "resolver.adr.exrecipnotfound",
	    "resolver.adr.recipientnotfound", "resolver.adr.recipient notfound",
	    /*
	     * the words of the NDRs for those codes, all a user copies from
	     * the top of one: Exchange 2013-2019's "The email address you
	     * entered couldn't be found", Office 365's "<name> wasn't found
	     * at <domain>." (Exchange Online's "Fix email delivery issues
	     * for error code 5.1.10" page shows both)
	     */
	    "address you entered couldn't be found", "wasn't found at ",
	    /*
	     * Sisimai's documented userunknown texts (go-sisimai
	     * reason/why-userunknown.go): qmail's badrcptto and validrcptto
	     * lists, Lotus Domino's "No <name> in name directory", Italian,
	     * Spanish and French wordings
	     */
	    "5.1.1 bad address", "address invalid", "5.1.0 address rejected",
	    "address not present in directory", "can't accept user",
	    "destination addresses were unknown",
	    "destination server rejected recipients", "invalid address",
	    "is not a known user", "not an active address at this host",
	    "mailbox invalid", "mailbox is unavailable", "mailbox not present",
	    "mailbox unavaiable", "nessun utente simile",
	    "no account by that name", "no existe dicha persona",
	    "no existe ese usuario", "no mail box available",
	    "no such address", "no such person", "account unavailable",
	    "no valid recipients, bye", "not a valid recipient",
	    "not a valid user", "not a local address", "not email addresses",
	    "recipient address rejected. (in reply to rcpt to command)",
	    "invalid-recipient", "userunknown", "recipient is not accepted",
	    "recipient is not local", "recipient not ok", "badrcptto",
	    "badrecipientto", "validrcptto",
	    "envelope recipient has been denied",
	    "domain or user isn't in my list of allowed rcpthosts",
	    "following recipients was undeliverable", "email name is not found",
	    "there is no one at this address", "user not active",
	    "user not known", "utilisateur inconnu", "in name directory",
	    /*
	     * its pairs: a mailbox or user named between the words ("user
	     * <name> was not found", "mailbox <name> unavailable or access
	     * denied": not QQ Mail's bare "Mailbox unavailable or access
	     * denied", which does not say which, nor one naming a whole
	     * address, masked out before the cues are read)
	     */
	    PAIR("mailbox ", " unavailable or access denied"),
	    PAIR("non", "existent user"), PAIR("rcpt (", "t exist"),
	    PAIR("recipient ", " was not found in"),
	    PAIR("unknown local", "part"), PAIR("user ", " was not found"),
	    PAIR("user (", ") unknown"),
	    /*
	     * its pair "unknown e" ... "mail address" only where the words
	     * are one phrase: as a pair it also reads "unknown error ...
	     * mail address"
	     */
	    "unknown e-mail address", "unknown email address",
	    /*
	     * NetEase "请求的用户不存在" (its list above); a Chinese MTA's
	     * reply table, "550 mailbox unavailable. (邮箱不存在)", "550
	     * user is locked. (邮箱被锁)" (blog.sina.com.cn/s/
	     * blog_8dc13ec50101fxxr.html); the wordings Chinese bounce-help
	     * pages quote ("对方邮箱帐号不存在", "收件人不存在")
	     */
	    "用户不存在", "邮箱不存在", "收件人不存在", "账号不存在",
	    "帐号不存在", "账户不存在", "帐户不存在", "地址不存在",
	    "无此用户", "没有这个用户", "查无此人", "用户未找到",
	    "找不到该用户", "找不到收件人", "无效的收件人", "收件人无效",
	    "无效用户", "用户名无效",
	    /*
	     * QQ Mail's own notice for a QQ number that has no mailbox,
	     * "该用户未开通QQ邮箱" (its help's keywords of bounce notices,
	     * mirrored at qqmailbox.com/transceivers/169.html)
	     */
	    "未开通qq邮箱", "未开通邮箱",
	    /*
	     * the same in Traditional characters, as Taiwan's and Hong
	     * Kong's hosts write them (帳號 account, 信箱 mailbox, 收件者
	     * recipient) and Big5 bounces carry them (explain reads them
	     * as UTF-8)
	     */
	    "用戶不存在", "郵箱不存在", "信箱不存在", "收件者不存在",
	    "帳號不存在", "賬號不存在", "帳戶不存在", "賬戶不存在",
	    "無此用戶", "沒有這個用戶", "查無此人", "找不到該用戶",
	    "無效的收件人", "收件人無效", "無效用戶"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/* Postfix's refusal of the sending host, when no finer cue named why */
	{ CUES("client host rejected"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Exim's words for an ACL's deny that gave no message of its own
	 * (smtp_in.c, smtp_handle_acl_fail: "Administrative prohibition"):
	 * the receiver's policy, which the words do not tie to the sender
	 * even when the ACL ran at MAIL
	 */
	{ CUES("administrative prohibition"),
	    { O(BLOCKED, POLICY_OTHER), O(TEMPORARY, TEMPORARY_OTHER) } },
};

/*
 * What a refusal after DATA says about the message itself: only consulted
 * at the data stage (a bounce), after the specific cues (a blocklist named
 * "spam..." is still a blocklist) and before the enhanced code.
 */
static const struct cue_rule data_rules[] = {
	/*
	 * Sisimai's documented spamdetected texts that name both ("message
	 * considered as spam or virus", go-sisimai reason/why-spamdetected.go),
	 * before the virus words
	 */
	{ CUES("spam or virus", "spam/virus"), REFUSED(CONTENT_REJECTED) },
	/*
	 * amavisd-new's reject reply names its content category after the
	 * queue id ("554 5.7.0 Reject, id=<id> - SPAM", "- INFECTED: <virus>",
	 * "- BANNED: <part>" a part of a file type it bans, "- BAD-HEADER"
	 * a header not RFC 5322's); a bare one is its content filter's
	 */
	{ CUES("virus", "malware", "infected", "trojan", "dangerous attachment",
	    "executable attachment", PAIR("reject, id=", " - banned"),
	    "banned attachment", "prohibited attachment", "blocked attachment",
	    /*
	     * not the bare 病毒: NetEase's advice says "发送病毒或者垃圾邮件"
	     */
	    "含有病毒", "包含病毒", "带有病毒", "病毒邮件", "发现病毒",
	    "检测到病毒", "感染病毒", "无法清除的病毒", "危险附件", "非法附件",
	    "该类型的附件"),
	    REFUSED(VIRUS_DETECTED) },
	{ CUES("not rfc", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822",
	    "rfc 822", "multiple addresses in from", "missing required header",
	    "invalid header", "malformed header", "header syntax",
	    "duplicate header", "bare lf", "bare linefeed",
	    /* its pair: "multiple <name> headers" */
	    PAIR("multiple ", " header"),
	    /*
	     * Gmail's RFC 5322 refusals ("Messages with multiple addresses
	     * in From: header are not accepted", "Messages missing a valid
	     * Message-ID: header are not accepted": its SMTP errors page),
	     * as Sisimai quotes their parts
	     */
	    "messages with multiple addresses", "header are not accepted",
	    /* Gmail's help link, Sisimai's documented notcompliantrfc text */
	    "rfcmessagenoncompliant", PAIR("reject, id=", " - bad-header")),
	    REFUSED(MESSAGE_NOT_COMPLIANT) },
	{ CUES("content rejected", "message content", "content filter",
	    "content denied",		/* QQ Mail, Aliyun: "Mail content denied" */
	    "spam", " ube ", "ube,", "(ube)", "junk mail", "bulk mail",
	    "unsolicited", "suspicious", "looks like spam", "phishing",
	    "识别为垃圾", "判定为垃圾", "判断为垃圾", "认为是垃圾", "疑似垃圾",
	    "垃圾邮件特征", "内容违规", "违规内容", "违禁内容", "含有违禁",
	    "敏感内容", "敏感词", "内容被拒", "邮件内容", "钓鱼",
	    "反垃圾邮件引擎",
	    /*
	     * NetEase 163's own notice (Coremail, "系统退信"): "现在您发送的
	     * 邮件被怀疑为是垃圾邮件，拒绝接收" (github.com/huxley-barbee/
	     * pantomime data/0008.eml)
	     */
	    "怀疑为是垃圾", "怀疑为垃圾",
	    /*
	     * Sisimai's documented spamdetected texts (go-sisimai
	     * reason/why-spamdetected.go; Gmail's "Our system has detected
	     * that this message is likely unsolicited mail", Cloudmark's
	     * "Recurrent Pattern Detection")
	     */
	    "message filtered", "unacceptable content",
	    "our system has detected that this message is",
	    "bulk.advertising", "bulk email", "banned content",
	    "rejecting mail content", "recurrent pattern detection", "uribl",
	    "blocked by our filter", PAIR("mail score (", " over"),
	    "reject, id="),
	    REFUSED(CONTENT_REJECTED) },
};

/*
 * RFC 3463 and the IANA registry.  stage STAGE__LAST: any stage.  Only
 * consulted when the enhanced code's class matches the reply's.
 */
static const struct enhanced_rule {
	enum stage	 stage;
	int		 subject, dlo, dhi;
	struct rule_out	 out;
} enhanced_rules[] = {
	/*
	 * X.5.4 "Invalid command arguments" at EHLO: its one argument, the
	 * name the client gave
	 */
	{ STAGE_EHLO, 5, 4, 4,		REFUSED(HELO_REJECTED) },
	{ STAGE_EHLO, 5, 0, 999,	REFUSED(HOST_IDENTITY_PTR_HELO) },
	{ STAGE__LAST, 1, 0, 1,		MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/*
	 * X.1.2 "bad destination system address": the domain part names no
	 * system (Sisimai: hostunknown); X.4.4 "unable to route", whose RFC
	 * 3463 example is a DNS answer with only an SOA record: the domain
	 * exists and names no mail server
	 */
	{ STAGE__LAST, 1, 2, 2,		MAILBOX(NO_MAIL_DOMAIN, DOMAIN_NOT_FOUND) },
	{ STAGE__LAST, 1, 3, 3,		MAILBOX(UNDELIVERABLE, INVALID_ADDRESS) },
	{ STAGE__LAST, 1, 6, 6,		MAILBOX(UNDELIVERABLE, MAILBOX_MOVED) },
	{ STAGE__LAST, 1, 7, 8,		REFUSED(SENDER_REJECTED) },
	{ STAGE__LAST, 1, 10, 10,	MAILBOX(NO_MAIL_DOMAIN, NULL_MX) },
	{ STAGE__LAST, 2, 1, 1,		MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED) },
	{ STAGE__LAST, 2, 2, 2,		{ O(MAILBOX_FULL, MAILBOX_FULL), O(MAILBOX_FULL, MAILBOX_FULL) } },
	{ STAGE__LAST, 2, 3, 3,		REFUSED(MESSAGE_TOO_BIG) },
	{ STAGE__LAST, 3, 4, 4,		REFUSED(MESSAGE_TOO_BIG) },
	{ STAGE__LAST, 3, 0, 999,	ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ STAGE__LAST, 4, 4, 4,		MAILBOX(NO_MAIL_DOMAIN, DOMAIN_NO_MAIL) },
	{ STAGE__LAST, 4, 0, 999,	ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ STAGE__LAST, 5, 3, 3,		ALWAYS_TEMP(TOO_MANY_RECIPIENTS) },
	{ STAGE__LAST, 5, 0, 999,	ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ STAGE__LAST, 6, 7, 9,		REFUSED(SMTPUTF8_UNSUPPORTED) },
	{ STAGE__LAST, 7, 8, 9,		REFUSED(RELAY_DENIED) },
	{ STAGE__LAST, 7, 10, 11,	REFUSED(TLS_REQUIRED) },
	{ STAGE__LAST, 7, 13, 13,	MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED) },
	{ STAGE__LAST, 7, 20, 24,	REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ STAGE__LAST, 7, 25, 25,	REFUSED(HOST_IDENTITY_PTR_HELO) },
	{ STAGE__LAST, 7, 26, 26,	REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ STAGE__LAST, 7, 27, 27,	REFUSED(SENDER_REJECTED) },
	{ STAGE__LAST, 7, 28, 28,	REFUSED(REPUTATION_OR_RATE) },
	{ STAGE__LAST, 7, 29, 29,	REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ STAGE__LAST, 7, 30, 30,	REFUSED(TLS_REQUIRED) },
	{ STAGE__LAST, 7, 0, 999,	{ O(BLOCKED, POLICY_OTHER), O(TEMPORARY, TEMPORARY_OTHER) } },
};

/*
 * Vague cues, only when neither a specific cue nor the enhanced code decided.
 */
static const struct cue_rule weak_rules[] = {
	/* "User unknown in relay recipient table" is not a relay refusal */
	{ CUES("relay", "中继"), REFUSED(RELAY_DENIED) },
	/*
	 * qmail-remote's "Connected to A but sender was rejected. Remote host
	 * said: ..." (Sisimai's documented rejected text) names only the
	 * command; the reply it wraps names the cause when it has one ("451
	 * 4.3.0 Temporary lookup failure": the receiver's own failure)
	 */
	{ CUES("sender was rejected"), REFUSED(SENDER_REJECTED) },
	/*
	 * "protocol violation": the receiver judged the sending client broke
	 * SMTP (an early talker, a bare LF) and refused it by policy
	 */
	/*
	 * "not authorized": RFC 3463 X.7.1's "Delivery not authorized,
	 * message refused" in words, when no code says it (a bounce reads it
	 * finer: bounce_rules)
	 */
	{ CUES("administrative prohibition", "access denied", "spam",
	    "policy", "not allowed", "refused", "prohibited",
	    "not authorized", "not authorised",
	    "protocol violation", "垃圾邮件", "拒绝", "被拒", "不允许", "禁止",
	    "没有权限", "无权限",
	    /*
	     * Haraka's own words when a plugin denied a recipient or the
	     * message and gave none of its own (connection.js: "recipient
	     * <a> denied", "Message denied", "Message denied temporarily"):
	     * the receiver's policy, as Exim's "administrative prohibition";
	     * the address is blanked before the cues are read (cue_text)
	     */
	    "recipient denied", "message denied"),
	    { O(BLOCKED, POLICY_OTHER), O(TEMPORARY, TEMPORARY_OTHER) } },
};

/* Reply code and stage alone.  stage STAGE__LAST: any stage. */
static const struct fallback_rule {
	enum stage	stage;
	int		lo, hi;
	struct outcome	out;
} fallback_rules[] = {
	{ STAGE__LAST, 421, 421,	O(TEMPORARY, TEMPORARY_OTHER) },
	{ STAGE_STARTTLS, 400, 599,	O(TLS_FAILED, STARTTLS_REFUSED) },
	{ STAGE_BANNER, 500, 599,	O(BLOCKED, POLICY_OTHER) },
	/*
	 * 501 "Syntax error in parameters or arguments" (RFC 5321 4.2.3,
	 * 4.3.2) to HELO/EHLO: its one argument, the name the client gave
	 * (qmail: "Connected to h but my name was rejected. ... 501 5.0.0
	 * Invalid domain name")
	 */
	{ STAGE_EHLO, 501, 501,		O(BLOCKED, HELO_REJECTED) },
	{ STAGE_EHLO, 504, 504,		O(BLOCKED, HOST_IDENTITY_PTR_HELO) },
	{ STAGE_EHLO, 500, 599,		O(BLOCKED, POLICY_OTHER) },
	/*
	 * The reply codes the IANA registry gives X.7.10 "Encryption Needed"
	 * (523) and X.7.11 "Encryption required for requested authentication
	 * mechanism" (524, 538, RFC 4954): TLS is needed, at any stage
	 */
	{ STAGE__LAST, 523, 524,	O(BLOCKED, TLS_REQUIRED) },
	{ STAGE__LAST, 538, 538,	O(BLOCKED, TLS_REQUIRED) },
	{ STAGE_MAIL, 500, 599,		O(BLOCKED, SENDER_REJECTED) },
	/*
	 * The reply code the IANA registry gives X.7.13 "User Account
	 * Disabled" (525, RFC 4954), read as that code is (enhanced_rules)
	 */
	{ STAGE__LAST, 525, 525,	O(UNDELIVERABLE, MAILBOX_DISABLED) },
	{ STAGE__LAST, 500, 599,	O(BLOCKED, UNKNOWN) },
	{ STAGE__LAST, 400, 499,	O(TEMPORARY, TEMPORARY_OTHER) },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Offset of the first case-insensitive match of needle, or SIZE_MAX; *end
 * (may be NULL) gets the offset just past it.  A space in needle matches
 * any run of blanks and line breaks: multi-line replies wrap phrases.
 */
static size_t
ci_find(const char *hay, size_t hlen, const char *needle, size_t *end)
{
	size_t i, k;
	const char *p, *lo = NULL, *up = NULL;
	int l0 = ascii_lower((unsigned char)needle[0]), u0, jump;

	/* candidates for a first letter come from memchr, once per case */
	u0 = l0 >= 'a' && l0 <= 'z' ? l0 - 'a' + 'A' : l0;
	jump = l0 != ' ' && l0 != '\0' && hlen > 0;
	if (jump) {
		lo = memchr(hay, l0, hlen);
		up = u0 != l0 ? memchr(hay, u0, hlen) : NULL;
	}
	for (i = 0; i < hlen; i++) {
		if (jump) {
			if (lo == NULL && up == NULL)
				break;
			p = lo == NULL ? up : up == NULL ? lo :
			    lo < up ? lo : up;
			i = (size_t)(p - hay);
			if (p == lo)
				lo = i + 1 < hlen ?
				    memchr(p + 1, l0, hlen - i - 1) : NULL;
			else
				up = i + 1 < hlen ?
				    memchr(p + 1, u0, hlen - i - 1) : NULL;
		}
		for (k = i, p = needle; *p != '\0' && k < hlen; p++) {
			if (*p == ' ') {
				if (!is_space((unsigned char)hay[k]))
					break;
				while (k < hlen &&
				    is_space((unsigned char)hay[k]))
					k++;
			} else if (ascii_lower((unsigned char)hay[k]) ==
			    ascii_lower((unsigned char)*p))
				k++;
			else
				break;
		}
		if (*p == '\0' && p != needle) {
			if (end != NULL)
				*end = k;
			return i;
		}
	}
	return SIZE_MAX;
}

/*
 * Whether any cue occurs in text, which is cue_text()'s form (lower case,
 * blanks one space), so a plain substring search does: cues are written
 * in lower case with single spaces.
 */
static int
cues_match(const char *const *cues, const struct memfind_text *text)
{
	for (; *cues != NULL; cues++)
		if (memfind_in(text, *cues) != (size_t)-1)
			return 1;
	return 0;
}

/*
 * Split "C.SSS.DDD" into subject and detail.  0 when malformed or of
 * another class than the reply: such a code is ignored (RFC 3463 3.1).
 */
static int
enhanced_parse(const char *e, int cls, int *subject, int *detail)
{
	int part[3] = { 0, 0, 0 }, k = 0, digits = 0;

	if (e == NULL || e[0] - '0' != cls)
		return 0;
	for (; *e != '\0'; e++) {
		if (*e == '.') {
			if (digits == 0 || ++k > 2)
				return 0;
			digits = 0;
		} else if (*e >= '0' && *e <= '9' && digits < 3) {
			part[k] = part[k] * 10 + (*e - '0');
			digits++;
		} else
			return 0;
	}
	if (k != 2 || digits == 0)
		return 0;
	*subject = part[1];
	*detail = part[2];
	return 1;
}

/* Whether a[0..n) is b[0..n), ASCII letters in either case. */
static int
same_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)a[i]) !=
		    ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The provider behind an MX host, by the suffix of its name. */
static enum provider
provider_of(const char *host)
{
	size_t hlen, slen, i;

	if (host == NULL)
		return PROV_ANY;
	hlen = strlen(host);
	if (hlen > 0 && host[hlen - 1] == '.')
		hlen--;
	for (i = 0; i < NELEM(provider_names); i++) {
		slen = strlen(provider_names[i].suffix);
		if (slen > hlen || !same_ci(host + hlen - slen,
		    provider_names[i].suffix, slen))
			continue;
		if (slen == hlen || host[hlen - slen - 1] == '.')
			return provider_names[i].provider;
	}
	return PROV_ANY;
}

static const struct outcome *
pick(const struct rule_out *o, int cls)
{
	const struct outcome *x = cls == 5 ? &o->perm : &o->temp;

	return x->verdict == VERDICT__LAST ? NULL : x;
}

static const struct outcome *
match_cues(const struct cue_rule *rules, size_t n, int cls,
    const struct memfind_text *text)
{
	const struct outcome *x;
	size_t i;

	for (i = 0; i < n; i++)
		if ((x = pick(&rules[i].out, cls)) != NULL &&
		    cues_match(rules[i].cues, text))
			return x;
	return NULL;
}

/* The first provider rule that matches, its outcome for cls in *x. */
static const struct provider_rule *
match_provider(enum provider prov, int cls, int has_enh, int subject,
    int detail, const struct memfind_text *text, const struct outcome **x)
{
	const struct provider_rule *r;
	size_t i;

	for (i = 0; prov != PROV_ANY && i < NELEM(provider_rules); i++) {
		r = &provider_rules[i];
		if (r->provider != prov || (*x = pick(&r->out, cls)) == NULL)
			continue;
		if (r->subject >= 0 && (!has_enh || r->subject != subject ||
		    detail < r->dlo || detail > r->dhi))
			continue;
		if (r->cues != NULL && !cues_match(r->cues, text))
			continue;
		return r;
	}
	return NULL;
}

static const struct outcome *
match_enhanced(enum stage stage, int cls, int subject, int detail)
{
	const struct enhanced_rule *r;
	const struct outcome *x;
	size_t i;

	for (i = 0; i < NELEM(enhanced_rules); i++) {
		r = &enhanced_rules[i];
		if ((r->stage != STAGE__LAST && r->stage != stage) ||
		    r->subject != subject || detail < r->dlo || detail > r->dhi)
			continue;
		if ((x = pick(&r->out, cls)) != NULL)
			return x;
	}
	return NULL;
}

static struct outcome
match_fallback(enum stage stage, int code)
{
	struct outcome none = O(BLOCKED, UNKNOWN);
	size_t i;

	for (i = 0; i < NELEM(fallback_rules); i++)
		if ((fallback_rules[i].stage == STAGE__LAST ||
		    fallback_rules[i].stage == stage) &&
		    code >= fallback_rules[i].lo &&
		    code <= fallback_rules[i].hi)
			return fallback_rules[i].out;
	return none;
}

/* Reasons that describe the recipient's mailbox or domain. */
static int
reason_is_mailbox(enum reason r)
{
	switch (r) {
	case REASON_MAILBOX_UNKNOWN:
	case REASON_MAILBOX_DISABLED:
	case REASON_MAILBOX_MOVED:
	case REASON_MAILBOX_FULL:
	case REASON_INVALID_ADDRESS:
	case REASON_DOMAIN_NO_MAIL:
	case REASON_DOMAIN_NOT_FOUND:
	case REASON_NULL_MX:
		return 1;
	default:
		return 0;
	}
}

/*
 * RFC 3463's X.1.7 and X.1.8 name the sender's address: a mailbox cue
 * beside them ("550 5.1.7 Sender address invalid", "address does not
 * exist") is about our address, whatever command the bounce names.
 */
static void
sender_code_adjust(int has_enh, int subject, int detail, struct outcome *o)
{
	if (has_enh && subject == 1 && (detail == 7 || detail == 8) &&
	    reason_is_mailbox(o->reason)) {
		if (o->verdict != VERDICT_TEMPORARY)
			o->verdict = VERDICT_BLOCKED;
		o->reason = REASON_SENDER_REJECTED;
	}
}

/*
 * What the stage implies.  A mailbox cue before RCPT is about something
 * else: at MAIL the sender; at the banner or EHLO the client.  421 closes
 * the connection and is always temporary; no 4xx is a definite no.
 */
static void
stage_adjust(enum stage stage, int code, enum source src, struct outcome *o)
{
	int cls = code / 100;

	if (stage == STAGE_MAIL && cls == 5 && (reason_is_mailbox(o->reason) ||
	    (src >= SRC_ENHANCED && (o->reason == REASON_POLICY_OTHER ||
	    o->reason == REASON_UNKNOWN)))) {
		o->verdict = VERDICT_BLOCKED;
		o->reason = REASON_SENDER_REJECTED;
	} else if (stage == STAGE_MAIL && reason_is_mailbox(o->reason)) {
		o->verdict = VERDICT_TEMPORARY;
		o->reason = REASON_SENDER_REJECTED;
	} else if (stage_before(stage, STAGE_MAIL) &&
	    reason_is_mailbox(o->reason)) {
		o->verdict = cls == 5 ? VERDICT_BLOCKED : VERDICT_TEMPORARY;
		o->reason = cls == 5 ? REASON_POLICY_OTHER :
		    REASON_TEMPORARY_OTHER;
	}
	/*
	 * A provider's page that calls a reply to STARTTLS the client's
	 * protocol error (Gmail's "no commands allowed to pipeline after
	 * STARTTLS", "STARTTLS may not be repeated") keeps that reading
	 */
	if (stage == STAGE_STARTTLS && code != 421 && !(src == SRC_PROVIDER &&
	    o->reason == REASON_PROTOCOL_VIOLATION)) {
		o->verdict = VERDICT_TLS_FAILED;
		o->reason = REASON_STARTTLS_REFUSED;
	}
	if (code == 421) {
		o->verdict = VERDICT_TEMPORARY;
		if (reason_is_mailbox(o->reason))
			o->reason = REASON_TEMPORARY_OTHER;
	}
	if (cls == 4 && o->verdict != VERDICT_TEMPORARY &&
	    o->verdict != VERDICT_MAILBOX_FULL &&
	    o->verdict != VERDICT_TLS_FAILED)
		o->verdict = VERDICT_TEMPORARY;
}

/*
 * Whether a word is a link to the SPF project's "Why?" page (open-spf.org,
 * earlier openspf.org and openspf.net), whose query names the sender's
 * address ("identity=a@b"): the link says SPF, the address in it must not
 * speak (cue_rules).
 */
static int
spf_why_link(const char *w, size_t n)
{
	return ci_find(w, n, "spf.org/why?", NULL) != SIZE_MAX ||
	    ci_find(w, n, "openspf.net/why?", NULL) != SIZE_MAX;
}

/* A URL query's separators: an address in a link ends at one. */
static int
is_query_sep(int c)
{
	return c == '?' || c == '&' || c == ';' || c == '=' || c == '/';
}

/* Blank each address in a link, from the separator before it to the next. */
static void
mask_link_addresses(char *w, size_t n)
{
	size_t a, b, k;

	for (k = 0; k < n; k++) {
		if (w[k] != '@')
			continue;
		for (a = k; a > 0 &&
		    !is_query_sep((unsigned char)w[a - 1]); a--)
			;
		for (b = k + 1; b < n &&
		    !is_query_sep((unsigned char)w[b]); b++)
			;
		memset(w + a, ' ', b - a);
		k = b;
	}
}

/* A domain's own characters (RFC 5321 Domain): an address ends after them. */
static int
is_domain_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* A local part's own characters (RFC 5321 Atom and Dot-string). */
static int
is_local_char(int c)
{
	return is_domain_char(c) || (c != '\0' &&
	    strchr("!#$%&'*+/=?^_`{|}~", c) != NULL);
}

/*
 * Blank each address in a word of n bytes: from its local part's first
 * character to the end of the domain after its '@', an address literal
 * "[...]" included.  What stands around it is the server's own words and
 * stays: Barracuda's "(user@example.com:blocked)" keeps "(" and
 * ":blocked)", its verdict on the message; Postfix's "[user@example.com]
 * blocked using" its brackets.
 */
static void
blank_addresses(char *w, size_t n)
{
	size_t a, b, k, prev = 0;

	for (k = 0; k < n; k++) {
		if (w[k] != '@')
			continue;
		for (a = k; a > prev && is_local_char((unsigned char)w[a - 1]);
		    a--)
			;
		b = k + 1;
		if (b < n && w[b] == '[') {
			while (b < n && w[b] != ']')
				b++;
			if (b < n)
				b++;
		} else
			while (b < n && is_domain_char((unsigned char)w[b]))
				b++;
		memset(w + a, ' ', b - a);
		prev = b;
		k = b - 1;
	}
}

/*
 * Postfix qmgr(8) defers every recipient of a destination it marked dead
 * with "delivery temporarily suspended: <the last failure>" (qmgr_defer.c)
 * and returns them so at maximal_queue_lifetime, whatever status the
 * bounce then gives.  Its words are the sending MTA's own (their home is
 * explain/mtacues.c: it gave up), about the destination, never the
 * mailbox: blanked in a lowered cue text, so that "suspended" is not a
 * disabled mailbox and the failure after the colon (a refused connection,
 * a DNS lookup, a greeting refused) is what the cues read.
 */
static void
blank_preface(char *m, size_t len)
{
	size_t at, end, i;

	for (i = 0; i < len && (at = ci_find(m + i, len - i,
	    "delivery temporarily suspended", &end)) != SIZE_MAX; i += end)
		memset(m + i + at, ' ', end - at);
}

/*
 * The text the cues are matched against: a copy with every address the
 * server echoes blanked out (a <...> path holding '@' or the null path
 * <>, and in any word holding '@' the address up to its domain's end,
 * blank_addresses; of an SPF "Why?" link only the address in it), ASCII
 * letters in lower case and every run
 * of blanks and line breaks one space, Postfix qmgr's preface blanked
 * (blank_preface), its length in *outlen.  The
 * recipient's own address must not choose the reason: "spf" inside
 * <unknown-eqspfz@d381.example>, "blocked" in <blocked.orders@...>; and a
 * phrase wrapped over lines must still be found.
 */
static char *
cue_text(const char *text, size_t len, size_t *outlen)
{
	char *m = xmalloc(len + 1);
	size_t i, j, o;

	if (len > 0)
		memcpy(m, text, len);
	m[len] = '\0';
	for (i = 0; i < len; i++) {
		if (m[i] != '<')
			continue;
		for (j = i + 1; j < len && m[j] != '>' && m[j] != '<' &&
		    m[j] != '\n'; j++)
			;
		if (j < len && m[j] == '>' &&
		    (j == i + 1 || memchr(m + i, '@', j - i) != NULL))
			memset(m + i, ' ', j - i + 1);
	}
	for (i = 0; i < len; i = j) {
		while (i < len && is_space((unsigned char)m[i]))
			i++;
		for (j = i; j < len && !is_space((unsigned char)m[j]); j++)
			;
		if (memchr(m + i, '@', j - i) == NULL)
			continue;
		if (spf_why_link(m + i, j - i))
			mask_link_addresses(m + i, j - i);
		else
			blank_addresses(m + i, j - i);
	}
	for (i = 0, o = 0; i < len; i++) {
		if (is_space((unsigned char)m[i])) {
			if (o > 0 && m[o - 1] == ' ')
				continue;
			m[o++] = ' ';
		} else
			m[o++] = (char)ascii_lower((unsigned char)m[i]);
	}
	m[o] = '\0';
	blank_preface(m, o);
	*outlen = o;
	return m;
}

/* What address_not_found() means: the address is not there. */
static const struct rule_out address_gone =
    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN);

/*
 * A reply that names an address and then says only "not found" of it:
 * "550 <bob@example.org> not found", Sisimai's documented userunknown
 * pair "<" ... "> not found" (go-sisimai reason/why-userunknown.go), also
 * with a colon or Sendmail's "..." after the address.  cue_text() blanks
 * the address, leaving a bare "not found" that names nothing, so the raw
 * text is read: a word holding '@', then "not found" and nothing more in
 * its sentence ("<x@y> not found in DNS" is not this form).  The
 * address's own characters are never read.
 */
static int
address_not_found(const char *text, size_t len)
{
	const char *at;
	size_t i, k, n, e;

	for (i = 0; i < len && (at = memchr(text + i, '@', len - i)) != NULL;
	    i = k) {
		for (k = (size_t)(at - text); k < len &&
		    !is_space((unsigned char)text[k]); k++)
			;
		for (n = k; n < len && is_space((unsigned char)text[n]); n++)
			;
		/* the words must start there: a short window, not the rest */
		if (n == k || n >= len || ci_find(text + n, len - n < 64 ?
		    len - n : 64, "not found", &e) != 0)
			continue;
		for (n += e; n < len && is_space((unsigned char)text[n]); n++)
			;
		if (n == len || (text[n] != '\0' &&
		    strchr(".,;!()", text[n]) != NULL))
			return 1;
	}
	return 0;
}

/*
 * A reply's cue text (cue_text()) prepared for the cue searches, made
 * once per reply: classify_bounce() refines what classify_src() found
 * with the same text.  masked NULL: not made yet.  coded: replycode_find()
 * on it was 1 (rc filled) or 0, -1 not asked yet.  prule: the provider
 * rule that decided, NULL if none.
 */
struct cue_view {
	char			*masked;
	size_t			 mlen;
	struct memfind_text	 mt;
	int			 coded;
	struct replycode	 rc;
	const struct provider_rule *prule;
};

static void
view_make(struct cue_view *v, const char *text, size_t textlen)
{
	if (v->masked != NULL)
		return;
	v->masked = cue_text(text != NULL ? text : "", textlen, &v->mlen);
	memfind_prepare(&v->mt, v->masked, v->mlen);
}

const char *
classify_wording(enum reason reason, const char *text, size_t textlen)
{
	size_t n = sizeof(QQ_UNAVAILABLE) - 1, i;

	if (reason != REASON_POLICY_OTHER || text == NULL)
		return NULL;
	for (i = 0; i + n <= textlen; i++)
		if (strncasecmp(text + i, QQ_UNAVAILABLE, n) == 0)
			return "qq_unavailable";
	return NULL;
}

/*
 * Whether a client_auth_required refusal is NetEase's or Tencent's, whose
 * advice (turn the mailbox's SMTP service on, log in with its
 * authorization code) fits no other provider: the server's name (the
 * probed MX, a bounce's Remote-MTA), or the text's own marks: NetEase's
 * tag after its refusals ("553 authentication is required,163
 * smtp12,<session> <time>", "126 smtp3,..."), its and QQ Mail's help
 * links (mail.163.com/help/..., service.mail.qq.com/cgi-bin/help...),
 * the authorization code they name.  cue_text() has blanked the
 * addresses: a recipient at qq.com names no server.
 */
static int
client_auth_named(enum provider prov, const struct memfind_text *t)
{
	return prov == PROV_NETEASE || prov == PROV_TENCENT ||
	    cues_match(CUES("163 smtp", "126 smtp", "mail.163.com",
	    "mail.126.com", "mail.qq.com", "id=28&&no=1001256",
	    "authorization code", "authorized code", "授权码"), t);
}

/*
 * What words asking for a login mean, by the command refused.  The broad
 * words of client_auth_required from a server that is not NetEase's or
 * Tencent's (client_auth_named): "User has no permission" before RCPT
 * refuses the sender's login; after it, a recipient's server's own access
 * rule.  "Authentication is required" (RFC 4954's "530 5.7.0
 * Authentication required": server policy wants a login for the command)
 * at RCPT refuses to relay to that domain without one; at MAIL (BigPond's
 * "553 Authentication is required to send mail as <...>", a smarthost's
 * 530 to a server that did not log in) or where no command is named, the
 * sender's own program or server did not log in.  The relay rule's
 * "authentication required", "must authenticate", "not authenticated" at
 * MAIL, before any recipient (RFC 4954 6, Exchange Online's 5.7.57
 * "Client was not authenticated to send anonymous mail during MAIL
 * FROM"), say the same: a login, not a refusal to relay.
 */
static void
login_refusal(enum stage stage, enum provider prov,
    const struct memfind_text *t, struct outcome *o)
{
	if (o->reason == REASON_RELAY_DENIED) {
		if (stage == STAGE_MAIL && cues_match(CUES("authentication "
		    "required", "must authenticate", "not authenticated"), t))
			o->reason = REASON_LOGIN_REQUIRED;
		return;
	}
	if (o->reason != REASON_CLIENT_AUTH_REQUIRED ||
	    client_auth_named(prov, t))
		return;
	if (cues_match(CUES("user has no permission"), t))
		o->reason = stage_before(stage, STAGE_RCPT) ?
		    REASON_LOGIN_REQUIRED : REASON_POLICY_OTHER;
	else
		o->reason = stage == STAGE_RCPT ? REASON_RELAY_DENIED :
		    REASON_LOGIN_REQUIRED;
}

/*
 * Postfix's reject_rhsbl_client: "Client host [NAME] blocked using ZONE"
 * names the client's host NAME, listed as a domain, where reject_rbl_client
 * names its IP (smtpd_check.c, the same words).  A name holds a letter and
 * no colon; an IPv4 address holds no letter, an IPv6 one a colon.
 */
static int
rhsbl_client_named(const char *text, size_t textlen)
{
	size_t at, i;
	int letter = 0;

	if (text == NULL || ci_find(text, textlen, "client host [", &at) ==
	    SIZE_MAX || ci_find(text + at, textlen - at, "] blocked using",
	    NULL) == SIZE_MAX)
		return 0;
	for (i = at; i < textlen && text[i] != ']'; i++) {
		if (text[i] == ':' || is_space((unsigned char)text[i]))
			return 0;
		if (ascii_lower((unsigned char)text[i]) >= 'a' &&
		    ascii_lower((unsigned char)text[i]) <= 'z')
			letter = 1;
	}
	return letter && i > at && i < textlen;
}

/*
 * classify_reply(), and in *srcp the table that decided; *v is the cue
 * text, the caller frees v->masked.
 */
static void
classify_src(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out, enum source *srcp, struct cue_view *v)
{
	const struct outcome *x;
	struct outcome o, tagged;
	enum source src;
	enum provider prov;
	int cls = code / 100, has_enh, subject = 0, detail = 0;

	memset(out, 0, sizeof(*out));
	*srcp = SRC_FALLBACK;
	v->masked = NULL;
	v->coded = -1;
	v->prule = NULL;
	if (text == NULL)
		textlen = 0;
	if (code >= 200 && code <= 299) {
		out->verdict = VERDICT_DELIVERABLE;
		out->reason = REASON_ACCEPTED;
		return;
	}
	if (code < 400 || code > 599) {
		out->verdict = VERDICT_PROTOCOL_ERROR;
		out->reason = REASON_PROTOCOL_VIOLATION;
		return;
	}
	has_enh = enhanced_parse(enhanced, cls, &subject, &detail);
	view_make(v, text, textlen);
	prov = provider_of(mx_host);
	if ((v->prule = match_provider(prov, cls, has_enh,
	    subject, detail, &v->mt, &x)) != NULL)
		src = SRC_PROVIDER;
	else if ((v->coded = replycode_find(v->masked, v->mlen, cls,
	    &v->rc)) != 0) {
		tagged.verdict = v->rc.verdict;
		tagged.reason = v->rc.reason;
		x = &tagged;
		src = SRC_PROVIDER;
	} else if ((x = match_cues(cue_rules, NELEM(cue_rules), cls, &v->mt)) !=
	    NULL)
		src = SRC_CUE;
	else if (address_not_found(text, textlen) &&
	    (x = pick(&address_gone, cls)) != NULL)
		src = SRC_CUE;
	else if (stage == STAGE_DATA && (x = match_cues(data_rules,
	    NELEM(data_rules), cls, &v->mt)) != NULL)
		src = SRC_CUE;
	else if (has_enh && (x = match_enhanced(stage, cls, subject,
	    detail)) != NULL)
		src = SRC_ENHANCED;
	else if ((x = match_cues(weak_rules, NELEM(weak_rules), cls, &v->mt)) !=
	    NULL)
		src = SRC_WEAK;
	else
		src = SRC_FALLBACK;
	o = x != NULL ? *x : match_fallback(stage, code);
	login_refusal(stage, prov, &v->mt, &o);
	sender_code_adjust(has_enh, subject, detail, &o);
	stage_adjust(stage, code, src, &o);
	out->verdict = o.verdict;
	out->reason = o.reason;
	out->by_code = src == SRC_PROVIDER;
	/*
	 * a 4xx "user unknown" leaves only temporary_other: that names nothing
	 */
	out->named = (src == SRC_PROVIDER || src == SRC_CUE) &&
	    o.reason != REASON_TEMPORARY_OTHER && o.reason != REASON_UNKNOWN &&
	    (o.reason != REASON_GREYLISTED ||
	    cues_match(greylist_words, &v->mt));
	*srcp = src;
	if (o.reason == REASON_IP_BLOCKLISTED && src == SRC_CUE &&
	    rhsbl_client_named(text, textlen))
		out->reason = o.reason = REASON_DOMAIN_BLOCKLISTED;
	if (o.reason == REASON_IP_BLOCKLISTED ||
	    o.reason == REASON_DOMAIN_BLOCKLISTED ||
	    o.reason == REASON_RECIPIENT_DOMAIN_BLOCKLISTED)
		classify_blocklist(text, textlen, out->blocklist,
		    sizeof(out->blocklist));
}

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
	    REASON_MAILER_ERROR, VERDICT_TEMPORARY },
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

	if ((at = ci_find(text, textlen, ": user unknown", NULL)) == SIZE_MAX)
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
	view_make(v, text, textlen);
	/* a provider's code decided: its page's cause, not the words' */
	if (src == SRC_PROVIDER && v->prule != NULL &&
	    v->prule->finer != NO_FINER) {
		if (pick(&v->prule->out, cls)->reason == out->reason)
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
	has_enh = enhanced_parse(enhanced, cls, &subject, &detail);
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
	    cues_match(CUES("blocked"), &v->mt)) {
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
		if (cues_match(vague_rules[i].cues, &v->mt)) {
			out->verdict = cls == 5 ? vague_rules[i].perm :
			    VERDICT_TEMPORARY;
			out->reason = vague_rules[i].to;
			out->by_words = 1;
			return;
		}
	if (cls == 4 && has_enh && src != SRC_PROVIDER && !out->named &&
	    vague_reason(out->reason) && !cues_match(policy_named, &v->mt))
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
		if (r->cues != NULL && !cues_match(r->cues, &v->mt))
			continue;
		if (r->cues == NULL && (!has_enh || subject != r->subject ||
		    detail < r->dlo || detail > r->dhi ||
		    cues_match(policy_named, &v->mt)))
			continue;
		out->reason = r->to;
		out->by_words = r->cues != NULL;
		if (r->to == REASON_PROTOCOL_VIOLATION)
			out->verdict = VERDICT_PROTOCOL_ERROR;
		if (reason_is_mailbox(r->to) && cls == 5)
			out->verdict = VERDICT_UNDELIVERABLE;
		if (r->to == REASON_MAIL_LOOP && cls == 5)
			out->verdict = VERDICT_BLOCKED;
		break;
	}
}

/* classify_reply(), then for a bounce (bounce 1) bounce_refine(). */
static void
classify_as(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out, int bounce)
{
	enum source src;
	struct cue_view v;

	classify_src(stage, code, enhanced, text, textlen, mx_host, out, &src,
	    &v);
	if (bounce && !stage_before(stage, STAGE_MAIL) && stage != STAGE_RSET &&
	    stage != STAGE_QUIT)
		bounce_refine(stage, code, enhanced, text, textlen, src, &v,
		    out);
	free(v.masked);
}

void
classify_reply(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out)
{
	classify_as(stage, code, enhanced, text, textlen, mx_host, out, 0);
}

void
classify_bounce(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out)
{
	classify_as(stage, code, enhanced, text, textlen, mx_host, out, 1);
}

/* Lists known by name, for texts that do not spell out the zone. */
static const struct {
	const char	*cue;
	const char	*name;
} blocklist_names[] = {
	/* zones first: the most precise name wins */
	{ "zen.spamhaus.org",		"zen.spamhaus.org" },
	{ "sbl-xbl.spamhaus.org",	"sbl-xbl.spamhaus.org" },
	{ "sbl.spamhaus.org",		"sbl.spamhaus.org" },
	{ "xbl.spamhaus.org",		"xbl.spamhaus.org" },
	{ "pbl.spamhaus.org",		"pbl.spamhaus.org" },
	{ "dbl.spamhaus.org",		"dbl.spamhaus.org" },
	{ "b.barracudacentral.org",	"b.barracudacentral.org" },
	{ "bl.spamcop.net",		"bl.spamcop.net" },
	{ "spamcop.net/bl",		"bl.spamcop.net" },
	{ "cbl.abuseat.org",		"cbl.abuseat.org" },
	{ "dnsbl.sorbs.net",		"dnsbl.sorbs.net" },
	{ "psbl.surriel.com",		"psbl.surriel.com" },
	{ "bl.mailspike.net",		"bl.mailspike.net" },
	{ "dnsbl-1.uceprotect.net",	"dnsbl-1.uceprotect.net" },
	{ "ix.dnsbl.manitu.net",	"ix.dnsbl.manitu.net" },
	/* then brands */
	{ "spamhaus",			"Spamhaus" },
	{ "barracuda",			"b.barracudacentral.org" },
	{ "spamcop",			"bl.spamcop.net" },
	{ "sorbs",			"SORBS" },
	{ "uceprotect",			"UCEPROTECT" },
	{ "proofpoint",			"Proofpoint" },
	{ "mailspike",			"Mailspike" },
};

static int
dns_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/*
 * The DNS name right after an introducing phrase ("blocked using X"), in
 * lower case.  Only names with a dot count: "blocked using Barracuda
 * Reputation" names a brand, left to the table.
 */
static int
name_after(const char *text, size_t textlen, const char *intro, char *out,
    size_t n)
{
	size_t start, end, i;

	if (ci_find(text, textlen, intro, &start) == SIZE_MAX)
		return 0;
	while (start < textlen && is_space((unsigned char)text[start]))
		start++;
	for (end = start; end < textlen && dns_char((unsigned char)text[end]);
	    end++)
		;
	while (end > start && (text[end - 1] == '.' || text[end - 1] == '-'))
		end--;
	if (end - start < 3 || end - start >= n ||
	    !dns_char((unsigned char)text[start]) || text[start] == '.' ||
	    memchr(text + start, '.', end - start) == NULL)
		return 0;
	for (i = start; i < end; i++)
		out[i - start] = (char)ascii_lower((unsigned char)text[i]);
	out[end - start] = '\0';
	return 1;
}

int
classify_blocklist(const char *text, size_t textlen, char *out, size_t n)
{
	static const char *intros[] = {
		"blocked using", "listed on", "listed in", "listed at",
		"listed by", "black list at",
	};
	size_t i;

	if (n == 0)
		return 0;
	out[0] = '\0';
	if (text == NULL)
		return 0;
	for (i = 0; i < NELEM(intros); i++)
		if (name_after(text, textlen, intros[i], out, n))
			return 1;
	for (i = 0; i < NELEM(blocklist_names); i++)
		if (ci_find(text, textlen, blocklist_names[i].cue, NULL) !=
		    SIZE_MAX &&
		    strlen(blocklist_names[i].name) < n) {
			memcpy(out, blocklist_names[i].name,
			    strlen(blocklist_names[i].name) + 1);
			return 1;
		}
	return 0;
}

/*
 * RFC 1928 REP 3 (network unreachable), 4 (host unreachable), 5 (refused)
 * and 6 (TTL expired) say what the proxy met at the MX: the same finding a
 * direct connect would make.  Everything else is the proxy's own doing.
 */
enum stage
classify_proxy(enum proxy_fail fail, int rep, struct classification *out)
{
	memset(out, 0, sizeof(*out));
	out->verdict = VERDICT_UNREACHABLE;
	switch (fail) {
	case PROXY_FAIL_UNREACHABLE:
		out->reason = REASON_PROXY_UNREACHABLE;
		break;
	case PROXY_FAIL_AUTH:
		out->reason = REASON_PROXY_AUTH_FAILED;
		break;
	case PROXY_FAIL_REPLY:
		if (rep >= 3 && rep <= 6) {
			out->reason = REASON_CONNECTION_FAILED;
			return STAGE_CONNECT;
		}
		out->reason = rep == 2 ? REASON_PROXY_PORT25_BLOCKED :
		    REASON_PROXY_REFUSED;
		break;
	case PROXY_FAIL_NONE:
	case PROXY_FAIL_PROTOCOL:
		out->reason = REASON_PROXY_PROTOCOL_ERROR;
		break;
	}
	return STAGE_PROXY;
}
