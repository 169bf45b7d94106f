/*
 * provider_rules.c - the providers the reply classifier knows, by their MX
 * host's name, and what each one's codes and words mean, as its own pages
 * document them (Gmail's 5.7.27 is SPF, Microsoft's 5.4.1 an unknown
 * recipient, ...): the first rules tried (classify.c).
 */
#include <string.h>

#include "meaning/classify_int.h"

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
	/* United Internet: one mail system under its brands */
	{ "gmx.net",		PROV_UNITED_INTERNET },	/* mx00.gmx.net */
	{ "gmx.de",		PROV_UNITED_INTERNET },
	{ "web.de",		PROV_UNITED_INTERNET },	/* mx-ha03.web.de */
	{ "ionos.de",		PROV_UNITED_INTERNET },	/* mx00.ionos.de */
	{ "t-online.de",	PROV_TONLINE },	/* mx00.t-online.de */
};

/* The rules of each provider, in the order they are tried. */
const struct provider_rule provider_rules[] = {
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
	 * disabled", "Message rejected for spam or virus content"; its older
	 * "554 The message was rejected because it contains prohibited virus
	 * or spam content", which a link in the message to a host on
	 * Spamhaus's PBL drew (michael.orlitzky.com, "GoDaddy's spam filter
	 * is broken"): spam, not a virus found (Sisimai's phrase table reads
	 * the same words from any host as virusdetected)
	 */
	{ PROV_GODADDY, -1, 0, 0, CUES("account storage limit"),
	    { O(MAILBOX_FULL, MAILBOX_FULL), O(MAILBOX_FULL, MAILBOX_FULL) },
	    REASON_MAILBOX_FULL },
	{ PROV_GODADDY, -1, 0, 0, CUES("account disabled"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED), REASON_MAILBOX_DISABLED },
	{ PROV_GODADDY, -1, 0, 0, CUES("rejected for spam or virus content",
	    "prohibited virus or spam content"),
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
	/*
	 * United Internet (GMX, WEB.DE, 1&1 IONOS), its help page "SMTP Error
	 * Messages for the 1&1 Mail Server": 421 and 450 "Reject due to
	 * policy violations" block the sending IP for a poor delivery rate
	 * (mail to too many addresses that do not exist) or a HELO name
	 * that keeps changing
	 */
	{ PROV_UNITED_INTERNET, -1, 0, 0, CUES("reject due to policy violations"),
	    REFUSED(REPUTATION_OR_RATE), NO_FINER },
	/*
	 * T-Online's "554 IP=<ip> - A problem occurred. (Ask your postmaster
	 * for help or to contact tosa@rx.t-online.de to clarify.) (BL)": it
	 * takes no mail from hosts of bad or unknown reputation (its answer
	 * to spamresource.com, 2020), the IP's standing with T-Online
	 */
	{ PROV_TONLINE, -1, 0, 0, CUES("a problem occurred"),
	    REFUSED(REPUTATION_OR_RATE), REASON_BAD_REPUTATION },
};

const size_t provider_rules_len = NELEM(provider_rules);

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
enum provider
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
