/*
 * code_rules.c - what the reply classifier reads from codes alone:
 * enhanced_rules, the RFC 3463 / IANA enhanced-code table, tried after the
 * text cues; fallback_rules, the reply code and stage, when nothing else
 * decided (classify.c).
 */
#include "meaning/classify_int.h"

/*
 * RFC 3463 and the IANA registry.  stage STAGE__LAST: any stage.  Only
 * consulted when the enhanced code's class matches the reply's.
 */
const struct enhanced_rule enhanced_rules[] = {
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

/* Reply code and stage alone.  stage STAGE__LAST: any stage. */
const struct fallback_rule fallback_rules[] = {
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

const size_t enhanced_rules_len = NELEM(enhanced_rules);
const size_t fallback_rules_len = NELEM(fallback_rules);
