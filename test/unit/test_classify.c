/*
 * test_classify.c - the classifier on real rejection texts (Gmail,
 * Microsoft, Yahoo, Postfix with DNSBLs, postgrey, Barracuda, SpamCop,
 * Exim, Domino) and on the traps other verifiers fell into.  Texts are as
 * the reply parser hands them over: code and enhanced code split out,
 * lines joined by '\n'.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/exitcode.h"
#include "meaning/classify.h"

#define GMAIL	"gmail-smtp-in.l.google.com"
#define MSFT	"example-com.mail.protection.outlook.com."
#define YAHOO	"mta5.am0.yahoodns.net"
#define LAB	"mx.example.test"
#define NETEASE	"smtp.163.com"

struct tcase {
	const char	*label;
	const char	*mx;
	enum stage	 stage;
	int		 code;
	const char	*enhanced;
	const char	*text;
	enum verdict	 verdict;
	enum reason	 reason;
	const char	*blocklist;	/* NULL: none expected */
};

#define V(x)	VERDICT_##x
#define R(x)	REASON_##x

static const struct tcase cases[] = {
	/*
	 * Exim's 501 to an address its parser cannot read (parse.c): at RCPT
	 * the address is wrong, not the SMTP exchange; at MAIL it is ours
	 */
	{ "Exim's malformed address at RCPT", LAB, STAGE_RCPT, 501, "",
	    "501 <a@b.example <c>: malformed address: <c> may not follow "
	    "a@b.example", V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "Exim's malformed address at MAIL is the sender's", LAB,
	    STAGE_MAIL, 501, "", "501 <a@b.example <c>: malformed address: "
	    "<c> may not follow a@b.example", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "Exim's angle-brackets nested too deep at RCPT", LAB, STAGE_RCPT,
	    501, "", "501 <<<<<<<a@b.example>>>>>>>: angle-brackets nested too "
	    "deep", V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	/* providers' own codes decide, at RCPT as in a bounce (replycode.c) */
	{ "Orange OFR_417 at rcpt is a full mailbox", "smtp-in.orange.fr",
	    STAGE_RCPT, 552, "5.1.1", "552 5.1.1 Boite du destinataire pleine. "
	    "Recipient overquota. OFR_417 [417]", V(MAILBOX_FULL),
	    R(MAILBOX_FULL), NULL },
	{ "Cox AUP#CXSNDR at rcpt is SPF/DKIM", "mx.east.cox.net", STAGE_RCPT,
	    550, "5.7.1", "550 5.7.1 sender domain failed authentication "
	    "AUP#CXSNDR", V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },

	{ "insufficient system storage stays the server's error", NULL,
	    STAGE_RCPT, 452, "4.3.1", "452 4.3.1 Insufficient system storage",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "Exim's SMTP synchronization error is a protocol fault", NULL,
	    STAGE_BANNER, 554, "", "554 SMTP synchronization error",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	/* courieresmtpd.c: a MAIL FROM or RCPT TO address not in <...> */
	{ "Courier's malformed MAIL FROM is a protocol fault", NULL,
	    STAGE_MAIL, 554, "", "554 Syntax error - your mail software "
	    "violates RFC 821.", V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION),
	    NULL },
	{ "Courier's malformed RCPT TO is a protocol fault", NULL,
	    STAGE_RCPT, 554, "", "554 Syntax error - your mail software "
	    "violates RFC 821.", V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION),
	    NULL },
	{ "qmail-smtpd's bare-LF notice is a protocol fault", NULL,
	    STAGE_DATA, 451, "", "451 See http://pobox.com/~djb/docs/"
	    "smtplf.html.",
	    V(TEMPORARY), R(PROTOCOL_VIOLATION), NULL },
	{ "Sendmail's low queue disk is the server's, not a full mailbox",
	    NULL, STAGE_MAIL, 452, "4.4.5", "452 4.4.5 Insufficient disk "
	    "space; try again later", V(TEMPORARY), R(REMOTE_SERVER_ERROR),
	    NULL },

	{ "'Recipient address rejected: Access denied' stays a refusal in a "
	    "probe", LAB, STAGE_RCPT, 554, "5.7.1", "554 5.7.1 <a@b.example>: "
	    "Recipient address rejected: Access denied", V(BLOCKED),
	    R(POLICY_OTHER), NULL },

	{ "523 is encryption needed (IANA, X.7.10)", LAB, STAGE_MAIL, 523, "",
	    "523 Encryption Needed", V(BLOCKED), R(TLS_REQUIRED), NULL },
	{ "538 is encryption required (RFC 4954, X.7.11)", LAB, STAGE_RCPT,
	    538, "", "538 Try again with TLS", V(BLOCKED), R(TLS_REQUIRED),
	    NULL },

	{ "Exchange's 'Sender was not authenticated' is a policy, not relay",
	    LAB, STAGE_RCPT, 550, "5.7.12", "550 5.7.12 Sender was not "
	    "authenticated by organization", V(BLOCKED), R(POLICY_OTHER), NULL },

	{ "a bare 'blocked' stays unknown in a probe", LAB, STAGE_RCPT, 550,
	    "", "550 Access from ip address 192.0.2.1 blocked",
	    V(BLOCKED), R(UNKNOWN), NULL },

	/* acceptance */
	{ "rcpt ok", LAB, STAGE_RCPT, 250, "2.1.5", "Ok",
	    V(DELIVERABLE), R(ACCEPTED), NULL },
	{ "gmail rcpt ok", GMAIL, STAGE_RCPT, 250, "2.1.5",
	    "OK a1-20020a170906000000b00000000000si.123 - gsmtp",
	    V(DELIVERABLE), R(ACCEPTED), NULL },

	/* Gmail */
	{ "gmail no such user", GMAIL, STAGE_RCPT, 550, "5.1.1",
	    "The email account that you tried to reach does not exist. Please try\n"
	    "double-checking the recipient's email address for typos or\n"
	    "unnecessary spaces. For more information, go to\n"
	    "https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "gmail disabled", GMAIL, STAGE_RCPT, 550, "5.2.1",
	    "The email account that you tried to reach is disabled. Learn more at\n"
	    "https://support.google.com/mail/?p=DisabledUser a1si123 - gsmtp",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "gmail over quota is full, not temporary", GMAIL, STAGE_RCPT, 452, "4.2.2",
	    "The email account that you tried to reach is over quota. Please direct\n"
	    "the recipient to\nhttps://support.google.com/mail/?p=OverQuotaTemp a1si - gsmtp",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "gmail receiving at a rate", GMAIL, STAGE_RCPT, 550, "5.2.1",
	    "The email account that you tried to reach is receiving mail at a rate that\n"
	    "prevents additional messages from being delivered. Please resend your\n"
	    "message at a later time. - gsmtp",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "gmail 421 'Try again later, closing connection' is DoS protection",
	    GMAIL, STAGE_EHLO, 421, "4.7.0", "Try again later, closing "
	    "connection.", V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "gmail 501 5.7.11 'no parameters allowed' is a syntax error, not TLS",
	    GMAIL, STAGE_MAIL, 501, "5.7.11", "Syntax error (no parameters "
	    "allowed).", V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "gmail 454 'Too many login attempts' is not a greylisting", GMAIL,
	    STAGE_MAIL, 454, "4.7.0", "Too many login attempts, please try "
	    "again later.", V(TEMPORARY), R(POLICY_OTHER), NULL },
	/*
	 * What the providers' pages say of their texts, as a probe meets
	 * them (test/explain/providers/texts.tsv has the bounce readings):
	 * Gmail's missing PTR is the PTR though it rate-limits, one domain
	 * per transaction is fewer recipients, its 5.7.40 login refusal is
	 * the login; Exchange Online's 4.7.500 "Server busy" (ASxxx) is its
	 * throttling of the sending IP, not its own trouble
	 */
	{ "gmail 421 missing ptr rate limited", GMAIL, STAGE_RCPT, 421,
	    "4.7.0", "The IP address sending this message does not have a PTR "
	    "record, or the corresponding forward DNS entry does not point to "
	    "the sending IP. To protect our users from spam, email sent from "
	    "your IP address has been temporarily rate limited.",
	    V(TEMPORARY), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "gmail one domain per transaction", GMAIL, STAGE_RCPT, 451, "4.3.0",
	    "Multiple destination domains per transaction is unsupported. "
	    "Please try again.", V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	{ "gmail 504 5.7.40 is a login refusal", GMAIL, STAGE_MAIL, 504,
	    "5.7.40", "Unrecognized authentication type.", V(BLOCKED),
	    R(LOGIN_REQUIRED), NULL },
	{ "gmail STARTTLS repeated is the client's protocol error", GMAIL,
	    STAGE_STARTTLS, 454, "5.5.1", "STARTTLS may not be repeated.",
	    V(TEMPORARY), R(PROTOCOL_VIOLATION), NULL },
	{ "exchange online 4.7.500 server busy is throttling", MSFT,
	    STAGE_RCPT, 451, "4.7.500", "Server busy. Please try again later "
	    "from [192.0.2.1]. (AS77712344)", V(TEMPORARY),
	    R(REPUTATION_OR_RATE), NULL },
	/*
	 * Comcast's block codes decide in a reply that names Comcast, not
	 * elsewhere; Sophos Email's XGEMAIL_ codes by their digits alone
	 */
	{ "comcast BL000000 is the IP's sending", "mx1.comcast.net",
	    STAGE_RCPT, 554, "", "resimta-po-19v.sys.comcast.net 192.0.2.1 "
	    "rejected, see http://postmaster.comcast.net/"
	    "smtp-error-codes.php#BL000000", V(BLOCKED), R(REPUTATION_OR_RATE),
	    NULL },
	{ "BL000010 without comcast is no code", LAB, STAGE_RCPT, 554, "",
	    "mx.example.test rejected, ref BL000010", V(BLOCKED), R(UNKNOWN),
	    NULL },
	{ "sophos XGEMAIL_0011 is an unknown mailbox", "mx-01.hydra.sophos.com",
	    STAGE_RCPT, 550, "", "550 XGEMAIL_0011", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "sophos XGEMAIL_0014 is a rate", "mx-01.hydra.sophos.com",
	    STAGE_RCPT, 550, "", "550 XGEMAIL_0014", V(BLOCKED),
	    R(REPUTATION_OR_RATE), NULL },
	{ "gmail unusual rate", GMAIL, STAGE_RCPT, 421, "4.7.28",
	    "[192.0.2.1] Our system has detected an unusual rate of\n"
	    "unsolicited mail originating from your IP address. To protect our\n"
	    "users from spam, mail sent from your IP address has been temporarily\n"
	    "rate limited. Please visit\n"
	    "https://support.google.com/mail/?p=UnsolicitedRateLimitError - gsmtp",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "gmail dmarc", GMAIL, STAGE_RCPT, 550, "5.7.26",
	    "Unauthenticated email from example.com is not accepted due to domain's\n"
	    "DMARC policy. Please contact the administrator of example.com domain if\n"
	    "this was a legitimate mail. To learn about the DMARC initiative, go to\n"
	    "https://support.google.com/mail/?p=DmarcRejection - gsmtp",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "gmail missing ptr", GMAIL, STAGE_RCPT, 550, "5.7.25",
	    "[192.0.2.1] The IP address sending this message does not have a\n"
	    "PTR record setup, or the corresponding forward DNS entry does not\n"
	    "point to the sending IP. As a policy, Gmail does not accept messages\n"
	    "from IPs with missing PTR records. - gsmtp",
	    V(BLOCKED), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "gmail low reputation", GMAIL, STAGE_RCPT, 421, "4.7.0",
	    "[192.0.2.1 15] Our system has detected that this message is\n"
	    "suspicious due to the very low reputation of the sending IP address.\n"
	    "To best protect our users from spam, the message has been blocked. - gsmtp",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "gmail 5.7.27 is spf", GMAIL, STAGE_RCPT, 550, "5.7.27",
	    "The sender does not pass SPF for the domain. - gsmtp",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "gmail 4.7.23 is ptr", GMAIL, STAGE_RCPT, 421, "4.7.23",
	    "The sending IP does not match the IP address of the hostname - gsmtp",
	    V(TEMPORARY), R(HOST_IDENTITY_PTR_HELO), NULL },

	/* Microsoft */
	{ "microsoft S3150 block list", MSFT, STAGE_RCPT, 550, "5.7.1",
	    "Unfortunately, messages from [192.0.2.1] weren't sent. Please contact\n"
	    "your Internet service provider since part of their network is on our\n"
	    "block list (S3150). You can also refer your provider to\n"
	    "http://mail.live.com/mail/troubleshooting.aspx#errors.",
	    V(BLOCKED), R(IP_BLOCKLISTED), "Outlook.com" },
	{ "microsoft banned sending ip", MSFT, STAGE_RCPT, 550, "5.7.606",
	    "Access denied, banned sending IP [192.0.2.1]. To request removal from\n"
	    "this list please visit https://sender.office.com/ and follow the directions.",
	    V(BLOCKED), R(IP_BLOCKLISTED), "Microsoft" },
	{ "microsoft DBEB unknown recipient", MSFT, STAGE_RCPT, 550, "5.4.1",
	    "Recipient address rejected: Access denied. AS(201806281)\n"
	    "[AM0PR01MB0001.eurprd01.prod.exchangelabs.com]",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "microsoft 5.4.1 relay", MSFT, STAGE_RCPT, 550, "5.4.1",
	    "Relay Access Denied ATTR35 [AM0PR01MB0001.eurprd01.prod.exchangelabs.com]",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "microsoft rate limited by reputation", MSFT, STAGE_RCPT, 451, "4.7.650",
	    "The mail server [192.0.2.1] has been temporarily rate limited due to\n"
	    "IP reputation. For e-mail delivery information, see\n"
	    "https://postmaster.live.com (S775)",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "microsoft 5.1.10 is not found, not null MX", MSFT, STAGE_RCPT, 550, "5.1.10",
	    "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/*
	 * Exchange Online's 5.7.57 page: the sending device or app did not
	 * log in (SMTP AUTH) before MAIL FROM; the fix is the login
	 */
	{ "microsoft anonymous at MAIL", MSFT, STAGE_MAIL, 530, "5.7.57",
	    "Client was not authenticated to send anonymous mail during MAIL FROM",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "RFC 4954's 530 'Authentication required' at MAIL: log in", NULL,
	    STAGE_MAIL, 530, "5.7.0", "Authentication required",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "... at RCPT: no relaying to that domain without a login", NULL,
	    STAGE_RCPT, 530, "5.7.0", "Authentication required",
	    V(BLOCKED), R(RELAY_DENIED), NULL },

	/* Yahoo */
	{ "yahoo BL21 spamhaus", YAHOO, STAGE_RCPT, 553, "5.7.1",
	    "[BL21] Connections will not be accepted from 192.0.2.1, because the ip\n"
	    "is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
	    V(BLOCKED), R(IP_BLOCKLISTED), "Spamhaus" },
	{ "yahoo BL21 on another host", LAB, STAGE_BANNER, 553, "5.7.1",
	    "[BL21] Connections will not be accepted from 192.0.2.1, because the ip\n"
	    "is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
	    V(BLOCKED), R(IP_BLOCKLISTED), "Spamhaus" },
	{ "yahoo TSS04", YAHOO, STAGE_BANNER, 421, "4.7.0",
	    "[TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected\n"
	    "volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "yahoo no account", YAHOO, STAGE_RCPT, 554, "",
	    "delivery error: dd This user doesn't have a yahoo.com account\n"
	    "(nobody@yahoo.com) [0] - mta1001.mail.gq1.yahoo.com",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },

	/* DNSBLs through Postfix */
	{ "postfix zen.spamhaus.org", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [192.0.2.1] blocked using\n"
	    "zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.spamhaus.org" },
	{ "postfix zen on one line", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
	    "https://www.spamhaus.org/query/ip/192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.spamhaus.org" },
	{ "lab dnsbl", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [127.0.0.1] blocked using "
	    "Zen.DNSBL.test.; listed for the lab",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.dnsbl.test" },
	{ "dnsbl 4xx is temporary", LAB, STAGE_RCPT, 450, "4.7.1",
	    "Service unavailable; Client host [127.0.0.1] blocked using zen.dnsbl.test",
	    V(TEMPORARY), R(IP_BLOCKLISTED), "zen.dnsbl.test" },
	{ "open resolver is the receiver's fault", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
	    "Error: open resolver; https://check.spamhaus.org/returnc/pub/198.51.100.1",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "barracuda", LAB, STAGE_BANNER, 554, "",
	    "Service unavailable; Client host [192.0.2.1] blocked using Barracuda\n"
	    "Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "b.barracudacentral.org" },
	{ "spamcop via postfix", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [192.0.2.1] blocked using bl.spamcop.net;\n"
	    "Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "bl.spamcop.net" },
	{ "spamcop link only", LAB, STAGE_RCPT, 550, "5.7.1",
	    "Rejected - see http://spamcop.net/bl.shtml?192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "bl.spamcop.net" },
	{ "554 banner names a list", LAB, STAGE_BANNER, 554, "",
	    "mx.example.test ESMTP not available: your IP is listed on dnsbl.example.net.",
	    V(BLOCKED), R(IP_BLOCKLISTED), "dnsbl.example.net" },
	{ "proofpoint", "mx0a-001.pphosted.com", STAGE_BANNER, 554, "",
	    "Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1",
	    V(BLOCKED), R(IP_BLOCKLISTED), "Proofpoint" },

	/*
	 * Domain blocklists: Postfix's reject_rhsbl_sender / _helo / _client
	 * ("$rbl_class [$rbl_what] blocked using $rbl_domain", smtpd_check.c)
	 * and the domain-only zones (Spamhaus DBL, SURBL, URIBL)
	 */
	{ "postfix rhsbl sender", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Sender address [example.com] blocked using "
	    "dbl.spamhaus.org; https://www.spamhaus.org/query/domain/example.com",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "dbl.spamhaus.org" },
	{ "postfix rhsbl sender, another zone", LAB, STAGE_MAIL, 554, "5.7.1",
	    "Service unavailable; Sender address [probe@example.com] blocked "
	    "using rhs.example.net; Domain listed by rhs.example.net",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "rhs.example.net" },
	{ "sender address rejected, dbl", LAB, STAGE_RCPT, 554, "5.7.1",
	    "<a@example.com>: Sender address rejected: Listed in DBL, "
	    "blocked using dbl.spamhaus.org",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "dbl.spamhaus.org" },
	{ "postfix rhsbl helo", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Helo command [mx.example.com] blocked using "
	    "dbl.example.org",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "dbl.example.org" },
	{ "postfix rhsbl client names the host", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [mx.example.com] blocked using "
	    "rhs.example.net",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "rhs.example.net" },
	{ "postfix rbl client names the IPv6", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Client host [2001:db8::1] blocked using "
	    "zen.spamhaus.org",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.spamhaus.org" },
	{ "uribl, 4xx", LAB, STAGE_RCPT, 450, "4.7.1",
	    "Service unavailable; Sender address [example.com] blocked using "
	    "multi.uribl.com",
	    V(TEMPORARY), R(DOMAIN_BLOCKLISTED), "multi.uribl.com" },
	/*
	 * NetEase's and QQ Mail's words to the sender's own mail program
	 * (smtp.163.com, smtp.qq.com): its login, not the sender address
	 */
	{ "netease 553 authentication is required", LAB, STAGE_MAIL, 553, "",
	    "authentication is required,163 smtp12,EMCowAC3OVhGC8Zb4eYqJg--"
	    ".30933S2 1539705737",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "netease 553 authentication is required, bounce", NETEASE,
	    STAGE_DATA, 553, "", "authentication is required",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "netease 550 user has no permission", NETEASE, STAGE_DATA, 550, "",
	    "User has no permission",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "netease 550 user has no permission at MAIL", "smtp.126.com",
	    STAGE_MAIL, 550, "", "User has no permission",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "netease's tag names it without a host", NULL, STAGE_MAIL, 550, "",
	    "User has no permission,126 smtp3,DcmowAC3ZFBv0h1hGZ4RCA--.6 "
	    "1629385071", V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "qq 535 authorization code", LAB, STAGE_DATA, 535, "",
	    "Login Fail. Please enter your authorization code to login. More "
	    "information in http://service.mail.qq.com/cgi-bin/help?subtype=1"
	    "&&id=28&&no=1001256",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "qq 535 authorized code, older words", LAB, STAGE_DATA, 535, "",
	    "Error: Please using authorized code to login. More information at "
	    "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no=1001256",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "qq 535 in Chinese, its words alone", LAB, STAGE_DATA, 535, "",
	    "Error: 请使用授权码登录。",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "qq 503 need EHLO and AUTH first", "smtp.exmail.qq.com", STAGE_MAIL,
	    503, "", "Error: need EHLO and AUTH first !",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	/*
	 * NetEase's codes as its 企业退信的常见问题 list explains them: too
	 * many messages in one connection, the client's bad commands, an
	 * empty HELO, too many failed logins, a forged local sender
	 */
	{ "netease MI:DMC messages per connection", "163mx01.mxmail.netease.com",
	    STAGE_RCPT, 450, "", "MI:DMC 163 mx14,QMCowAD3",
	    V(TEMPORARY), R(TOO_MANY_CONNECTIONS), NULL },
	{ "netease MI:CEL the client's bad commands", "163mx01.mxmail.netease.com",
	    STAGE_RCPT, 550, "", "MI:CEL 163 mx14,QMCowAD3",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	/*
	 * NetEase's limits on the sender address (its list): MI:SFQ its
	 * messages in 15 minutes, RP:QRC its recipients in a short time (451),
	 * MI:STC its messages today, RP:TRC its recipients today: rate_limited
	 * in a probe too (the check's --mail-from), not the IP's reputation;
	 * HL:IFC, the IP's messages in a short time, stays reputation_or_rate
	 */
	{ "netease MI:SFQ the sender's messages in 15 minutes",
	    "163mx01.mxmail.netease.com", STAGE_MAIL, 451, "",
	    "MI:SFQ 163 mx14,QMCowAD3", V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "netease RP:QRC the sender's recipients in a short time",
	    "163mx01.mxmail.netease.com", STAGE_RCPT, 451, "",
	    "RP:QRC 163 mx14,QMCowAD3", V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "netease MI:STC the sender's messages today",
	    "163mx01.mxmail.netease.com", STAGE_MAIL, 554, "",
	    "MI:STC 163 mx14,QMCowAD3", V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "netease RP:TRC the sender's recipients today",
	    "163mx01.mxmail.netease.com", STAGE_RCPT, 550, "",
	    "RP:TRC 163 mx14,QMCowAD3", V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "netease HL:IFC the IP's messages in a short time",
	    "163mx01.mxmail.netease.com", STAGE_BANNER, 421, "",
	    "HL:IFC 163 mx14,QMCowAD3", V(TEMPORARY), R(REPUTATION_OR_RATE),
	    NULL },
	{ "netease MI:NHD empty HELO", "163mx01.mxmail.netease.com",
	    STAGE_MAIL, 550, "", "MI:NHD 163 mx14,QMCowAD3",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "netease too many failed logins", NETEASE, STAGE_MAIL, 554, "",
	    "IP is rejected, smtp auth error limit exceed",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	{ "netease MX refuses a local sender", "163mx01.mxmail.netease.com",
	    STAGE_MAIL, 553, "", "Requested action not taken: no smtp MX only",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	/* Coremail's refusal of a sender not the From: header's (after DATA) */
	{ "coremail fake sender", LAB, STAGE_DATA, 550, "",
	    "Requested mail action not taken: Fake sender",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	/* Postfix's reject_non_fqdn_sender (Sohu's page): the address */
	{ "postfix non-FQDN sender", LAB, STAGE_MAIL, 504, "5.5.2",
	    "<sender>: Sender address rejected: need fully-qualified address",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	/* Sohu's own blocklist */
	{ "sohu IP REJECT", "mx.sohu.com", STAGE_CONNECT, 553, "5.7.0",
	    "IP REJECT: 192.0.2.1:1528450981:http://www.example.com/",
	    V(BLOCKED), R(IP_BLOCKLISTED), NULL },
	/*
	 * The same broad words from any other server: no authorization code
	 * to make.  Before RCPT (or with no command named) the server wants
	 * the sender's own program or server to log in (RFC 4954's "530
	 * 5.7.0 Authentication required"; BigPond's "553 Authentication is
	 * required to send mail as"); at RCPT it takes no mail for that
	 * domain without one (a relay refusal); "user has no permission"
	 * from a recipient's server is its own access rule
	 */
	{ "another provider's 553 authentication is required at MAIL", LAB,
	    STAGE_MAIL, 553, "5.7.1", "5.7.1 Authentication is required to "
	    "send mail as <a@b.example>",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "another server's need EHLO and AUTH first", LAB, STAGE_MAIL, 503,
	    "", "Error: need EHLO and AUTH first !",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "authentication is required at RCPT is a relay refusal", LAB,
	    STAGE_RCPT, 550, "5.7.1", "SMTP authentication is required",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "a recipient server's user has no permission", LAB, STAGE_RCPT, 550,
	    "", "User has no permission to receive mail from outside",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "qq.com as the recipient's address names no provider", LAB,
	    STAGE_RCPT, 550, "", "<bob@qq.com>: User has no permission",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	/* Postfix's reject_rhsbl_recipient: the RECIPIENT's domain is listed */
	{ "rhsbl recipient", LAB, STAGE_RCPT, 554, "5.7.1",
	    "Service unavailable; Recipient address [alice@rcptdbl.test] "
	    "blocked using dbl.dnsbl.test; Domain listed by dbl.dnsbl.test",
	    V(BLOCKED), R(RECIPIENT_DOMAIN_BLOCKLISTED), "dbl.dnsbl.test" },
	{ "rhsbl recipient on Spamhaus DBL, not the sender's", LAB, STAGE_RCPT,
	    554, "5.7.1", "Service unavailable; Recipient address "
	    "[bob@listed.example] blocked using dbl.spamhaus.org; "
	    "https://www.spamhaus.org/query/domain/listed.example",
	    V(BLOCKED), R(RECIPIENT_DOMAIN_BLOCKLISTED), "dbl.spamhaus.org" },
	{ "rhsbl recipient, a DNS error: 450", LAB, STAGE_RCPT, 450, "4.7.1",
	    "Service unavailable; Recipient address [bob@listed.example] "
	    "blocked using multi.uribl.com",
	    V(TEMPORARY), R(RECIPIENT_DOMAIN_BLOCKLISTED), "multi.uribl.com" },
	{ "rhsbl recipient in a bounce", LAB, STAGE_DATA, 554, "",
	    "Service unavailable; Recipient address [bob@listed.example] "
	    "blocked using rhsbl.example.net",
	    V(BLOCKED), R(RECIPIENT_DOMAIN_BLOCKLISTED), "rhsbl.example.net" },
	{ "surbl names a link's domain", LAB, STAGE_DATA, 550, "5.7.1",
	    "Message rejected: example.com is listed in multi.surbl.org",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "multi.surbl.org" },
	/* OpenDKIM's own failure names DKIM but is the receiver's trouble */
	{ "opendkim internal error", LAB, STAGE_DATA, 451, "4.7.0",
	    "internal DKIM error",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },

	/* greylisting */
	{ "postgrey", LAB, STAGE_RCPT, 450, "4.2.0",
	    "<u@example.test>: Recipient address rejected: Greylisted, see\n"
	    "http://postgrey.schweikert.ch/help/example.test.html",
	    V(TEMPORARY), R(GREYLISTED), NULL },
	{ "please try again later", LAB, STAGE_RCPT, 451, "4.7.1",
	    "Please try again later",
	    V(TEMPORARY), R(GREYLISTED), NULL },
	{ "not yet authorized", LAB, STAGE_RCPT, 451, "4.7.1",
	    "<u@example.test>: Recipient address rejected: 192.0.2.1 is not yet\n"
	    "authorized to deliver mail from <a@b.test> to <u@example.test>",
	    V(TEMPORARY), R(GREYLISTED), NULL },
	{ "greylisting with no enhanced", LAB, STAGE_RCPT, 450, "",
	    "Greylisting in action, please come back later",
	    V(TEMPORARY), R(GREYLISTED), NULL },

	/* Postfix / Exim / Domino everyday texts */
	{ "postfix local user unknown", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<nobody@example.test>: Recipient address rejected: User unknown in local recipient table",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "postfix virtual user unknown", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "postfix relay recipient table", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<nobody@example.test>: Recipient address rejected: User unknown in relay recipient table",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "relay word alone", LAB, STAGE_RCPT, 550, "",
	    "we are not a relay for other.test",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "exim unrouteable", LAB, STAGE_RCPT, 550, "", "Unrouteable address",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "domino not listed", LAB, STAGE_RCPT, 550, "5.0.0",
	    "nobody@example.test... No such user (nobody) - not listed in Domino Directory",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "exim administrative prohibition", LAB, STAGE_RCPT, 550, "",
	    "Administrative prohibition",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	/*
	 * Exim's words for an ACL deny without a message name no sender,
	 * also when acl_smtp_mail denied it at MAIL
	 */
	{ "exim administrative prohibition at MAIL", LAB, STAGE_MAIL, 550, "",
	    "Administrative prohibition",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	/*
	 * Postfix's reject_unauthenticated_sender_login_mismatch: the sender
	 * is a SASL login's address and the client did not log in, refused
	 * at MAIL or (smtpd_delay_reject) at RCPT
	 */
	{ "postfix sender not logged in at MAIL", LAB, STAGE_MAIL, 553,
	    "5.7.1", "<sender@example.org>: Sender address rejected: not logged in",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "postfix sender not logged in at RCPT", LAB, STAGE_RCPT, 553,
	    "5.7.1", "<sender@example.org>: Sender address rejected: not logged in",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	/*
	 * Sendmail's srvrsmtp.c: an EHLO/HELO argument that is no valid domain
	 */
	{ "sendmail invalid domain name at EHLO", LAB, STAGE_EHLO, 501, "5.0.0",
	    "Invalid domain name", V(BLOCKED), R(HELO_REJECTED), NULL },
	/* Haraka's connection.js: its own words, no plugin's */
	{ "haraka no plugin took the recipient", LAB, STAGE_RCPT, 550, "",
	    "I cannot deliver mail for <u@other.test>",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "haraka EHLO without a name", LAB, STAGE_EHLO, 501, "",
	    "EHLO requires domain/address - see RFC-2821 4.1.1.1",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "haraka MAIL before EHLO", LAB, STAGE_MAIL, 503, "",
	    "Use EHLO/HELO before MAIL",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "haraka bare LF ending the data", LAB, STAGE_DATA, 451, "",
	    "Bare line-feed; see http://haraka.github.com/barelf.html",
	    V(TEMPORARY), R(PROTOCOL_VIOLATION), NULL },
	{ "postfix relay denied", LAB, STAGE_RCPT, 554, "5.7.1",
	    "<u@other.test>: Relay access denied",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "postfix helo fqdn", LAB, STAGE_RCPT, 504, "5.5.2",
	    "<localhost>: Helo command rejected: need fully-qualified hostname",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "postfix helo host not found", LAB, STAGE_RCPT, 450, "4.7.1",
	    "<mail.example>: Helo command rejected: Host not found",
	    V(TEMPORARY), R(HELO_REJECTED), NULL },
	/* a HELO/EHLO name refused, in the words of each documented text */
	{ "gmail empty HELO/EHLO argument", GMAIL, STAGE_EHLO, 501, "5.5.4",
	    "Empty HELO/EHLO argument not allowed, closing connection.",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "gmail HELO/EHLO argument is invalid", GMAIL, STAGE_EHLO, 501,
	    "5.5.4", "HELO/EHLO argument is invalid.", V(BLOCKED),
	    R(HELO_REJECTED), NULL },
	{ "microsoft 5.7.506 bad HELO", MSFT, STAGE_EHLO, 550, "5.7.506",
	    "Access denied, bad HELO", V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "bad HELO without the provider's host", LAB, STAGE_RCPT, 550,
	    "5.7.506", "550 5.7.506 Access denied, bad HELO", V(BLOCKED),
	    R(HELO_REJECTED), NULL },
	{ "i.ua err/7: the HELO/EHLO parameter", NULL, STAGE_RCPT, 550, "",
	    "550 Error: wrong value of command HELO/EHLO parameter, see "
	    "http://mail.i.ua/err/7/", V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "exim syntactically invalid EHLO argument", LAB, STAGE_EHLO, 501, "",
	    "501 Syntactically invalid EHLO argument(s)", V(BLOCKED),
	    R(HELO_REJECTED), NULL },
	{ "sendmail HELO requires domain address", LAB, STAGE_EHLO, 501,
	    "5.0.0", "501 5.0.0 HELO requires domain address", V(BLOCKED),
	    R(HELO_REJECTED), NULL },
	{ "microsoft HELO / EHLO requires domain address", MSFT, STAGE_EHLO,
	    550, "5.0.0", "550 5.0.0 HELO / EHLO requires domain address",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "postfix 501 Syntax: EHLO hostname", LAB, STAGE_EHLO, 501, "5.5.4",
	    "501 5.5.4 Syntax: EHLO hostname", V(BLOCKED), R(HELO_REJECTED),
	    NULL },
	/* a command out of order (RFC 5321 503), not a refusal of the name */
	{ "gmail EHLO/HELO first is a bad sequence", GMAIL, STAGE_MAIL, 503,
	    "5.5.1", "EHLO/HELO first.", V(PROTOCOL_ERROR),
	    R(PROTOCOL_VIOLATION), NULL },
	{ "postfix send HELO/EHLO first", LAB, STAGE_MAIL, 503, "5.5.1",
	    "503 5.5.1 Error: send HELO/EHLO first", V(PROTOCOL_ERROR),
	    R(PROTOCOL_VIOLATION), NULL },
	{ "sendmail polite people say HELO first", LAB, STAGE_MAIL, 503,
	    "5.0.0", "503 5.0.0 Polite people say HELO first",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	/* the reverse DNS stays requireptr's, also beside a HELO */
	{ "microsoft IPv6 reverse DNS record", MSFT, STAGE_RCPT, 550, "5.7.25",
	    "Access denied, the sending IPv6 address [2001:db8::1] must have "
	    "a reverse DNS record", V(BLOCKED), R(HOST_IDENTITY_PTR_HELO),
	    NULL },
	{ "exim missing reverse DNS", LAB, STAGE_RCPT, 554, "5.7.1",
	    "554 5.7.1 [C14] Missing reverse DNS for 203.0.113.2", V(BLOCKED),
	    R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "trap: a HELO name and the reverse DNS, which is not said",
	    LAB, STAGE_RCPT, 550, "5.7.1", "550 5.7.1 HELO name does not "
	    "match the reverse DNS of 192.0.2.1", V(BLOCKED),
	    R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "trap: a PTR refusal answered with 501 at EHLO", LAB, STAGE_EHLO,
	    501, "", "501 Client host rejected: cannot find your reverse "
	    "hostname, [192.0.2.1]", V(BLOCKED), R(HOST_IDENTITY_PTR_HELO),
	    NULL },
	{ "trap: the command named is not the name refused", LAB, STAGE_EHLO,
	    554, "5.7.1", "554 5.7.1 Access denied (in reply to EHLO command)",
	    V(BLOCKED), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "trap: a bare 550 5.7.1 at EHLO names no name", LAB, STAGE_EHLO, 550,
	    "5.7.1", "", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "trap: a bare 550 5.5.0 at EHLO does not say which", LAB,
	    STAGE_EHLO, 550, "5.5.0", "", V(BLOCKED),
	    R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "550 5.5.4 at EHLO: its one argument, the name", LAB, STAGE_EHLO,
	    550, "5.5.4", "", V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "postfix reverse hostname", LAB, STAGE_RCPT, 450, "4.7.1",
	    "Client host rejected: cannot find your reverse hostname, [192.0.2.1]",
	    V(TEMPORARY), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "postfix sender domain not found", LAB, STAGE_MAIL, 553, "5.1.8",
	    "<a@nowhere.test>: Sender address rejected: Domain not found",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "postfix sender domain 4xx", LAB, STAGE_RCPT, 450, "4.1.8",
	    "<a@nowhere.test>: Sender address rejected: Domain not found",
	    V(TEMPORARY), R(SENDER_REJECTED), NULL },
	{ "mailbox full 552", LAB, STAGE_RCPT, 552, "5.2.2",
	    "<u@example.test>: Recipient address rejected: Mailbox is full",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "too many recipients", LAB, STAGE_RCPT, 452, "4.5.3",
	    "Error: too many recipients",
	    V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	/* RFC 5321 4.5.3.1.10: a client reads 552 too as temporary */
	{ "too many recipients, 552, probe", LAB, STAGE_RCPT, 552, "5.5.3",
	    "5.5.3 Too many recipients",
	    V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	{ "NetEase's RP:RCL, probe", LAB, STAGE_RCPT, 550, "",
	    "RP:RCL \xe7\xbe\xa4\xe5\x8f\x91\xe6\x94\xb6\xe4\xbb"
	    "\xb6\xe4\xba\xba",
	    V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	{ "too many connections", LAB, STAGE_BANNER, 421, "4.7.0",
	    "mx.example.test Error: too many connections from 192.0.2.1",
	    V(TEMPORARY), R(TOO_MANY_CONNECTIONS), NULL },
	{ "spf fail policyd", LAB, STAGE_RCPT, 550, "5.7.23",
	    "<u@example.test>: Recipient address rejected: Message rejected due to:\n"
	    "SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "starttls first", LAB, STAGE_MAIL, 530, "5.7.0",
	    "Must issue a STARTTLS command first",
	    V(BLOCKED), R(TLS_REQUIRED), NULL },
	{ "null MX recipient", LAB, STAGE_RCPT, 556, "5.1.10",
	    "Recipient address has null MX",
	    V(NO_MAIL_DOMAIN), R(NULL_MX), NULL },
	{ "5.1.2 domain", LAB, STAGE_RCPT, 550, "5.1.2", "Host unknown",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "message too big at MAIL", LAB, STAGE_MAIL, 552, "5.3.4",
	    "Message size exceeds fixed limit",
	    V(BLOCKED), R(MESSAGE_TOO_BIG), NULL },
	{ "insufficient storage is the server", LAB, STAGE_MAIL, 452, "4.3.1",
	    "Insufficient system storage",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },

	/* stage hints */
	{ "554 banner no cue", LAB, STAGE_BANNER, 554, "",
	    "mx.example.test ESMTP not accepting messages",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "421 banner no cue", LAB, STAGE_BANNER, 421, "",
	    "mx.example.test Service not available, closing transmission channel",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "5xx at MAIL is the sender", LAB, STAGE_MAIL, 550, "5.7.1", "Access denied",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "user unknown at MAIL is the sender", LAB, STAGE_MAIL, 550, "5.1.1",
	    "<probe@example.org>: User unknown",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bare 550 at MAIL", LAB, STAGE_MAIL, 550, "", "",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "helo rejected at EHLO", LAB, STAGE_EHLO, 501, "5.5.4", "Invalid domain name",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "qmail: my name was rejected, 501 5.0.0", LAB, STAGE_EHLO, 501,
	    "5.0.0", "501 5.0.0 Invalid domain name", V(BLOCKED),
	    R(HELO_REJECTED), NULL },
	{ "bare 501 at EHLO is the name", LAB, STAGE_EHLO, 501, "", "",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "starttls refused", LAB, STAGE_STARTTLS, 454, "4.7.0",
	    "TLS not available due to local problem",
	    V(TLS_FAILED), R(STARTTLS_REFUSED), NULL },
	{ "starttls 502", LAB, STAGE_STARTTLS, 502, "5.5.1",
	    "STARTTLS not available",
	    V(TLS_FAILED), R(STARTTLS_REFUSED), NULL },
	/*
	 * A 421 names no mailbox but a full one (classify.c stage_adjust):
	 * temporary, never mailbox_full's own verdict or undeliverable
	 */
	{ "421 at rcpt with quota text is a full mailbox, temporary", LAB,
	    STAGE_RCPT, 421, "", "over quota, closing",
	    V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "courier-pythonfilter's quota 421 at rcpt is a full mailbox", LAB,
	    STAGE_RCPT, 421, "", "User \"a@b.example\" is over quota",
	    V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "gmail's over-quota words in a 421 are a full mailbox, temporary",
	    GMAIL, STAGE_RCPT, 421, "4.2.2", "The email account that you tried "
	    "to reach is over quota.", V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "421 4.2.2 with no words is a full mailbox, temporary", LAB,
	    STAGE_RCPT, 421, "4.2.2", "closing connection",
	    V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "421 user unknown at rcpt names no mailbox", LAB, STAGE_RCPT, 421,
	    "", "<a@b.example>: User unknown", V(TEMPORARY),
	    R(TEMPORARY_OTHER), NULL },
	{ "421 4.1.1 user unknown at rcpt names no mailbox", LAB, STAGE_RCPT,
	    421, "4.1.1", "<a@b.example>: Recipient address rejected: User "
	    "unknown in virtual mailbox table", V(TEMPORARY),
	    R(TEMPORARY_OTHER), NULL },
	{ "450 domain not found at rcpt is the domain, for now", LAB,
	    STAGE_RCPT, 450, "4.1.2", "<a@b.example>: Recipient address "
	    "rejected: Domain not found", V(TEMPORARY), R(DOMAIN_NOT_FOUND),
	    NULL },
	{ "421 domain not found at rcpt names no domain", LAB, STAGE_RCPT,
	    421, "4.1.2", "<a@b.example>: Recipient address rejected: Domain "
	    "not found", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	/* before RCPT no mailbox is named: at MAIL it is the sender's */
	{ "421 over quota at MAIL is the sender's, as a 452's is", LAB,
	    STAGE_MAIL, 421, "", "User \"probe@example.org\" is over quota",
	    V(TEMPORARY), R(SENDER_REJECTED), NULL },
	{ "452 over quota at MAIL is the sender's", LAB, STAGE_MAIL, 452,
	    "4.2.2", "Mailbox over quota", V(TEMPORARY), R(SENDER_REJECTED),
	    NULL },
	{ "421 user unknown at MAIL names nothing", LAB, STAGE_MAIL, 421,
	    "", "<probe@example.org>: User unknown", V(TEMPORARY),
	    R(TEMPORARY_OTHER), NULL },
	{ "421 over quota at the banner names no mailbox", LAB, STAGE_BANNER,
	    421, "", "mailbox over quota, closing connection", V(TEMPORARY),
	    R(TEMPORARY_OTHER), NULL },

	/*
	 * the server echoes the address: nothing inside it is a cue (issue 7)
	 */
	{ "echo: spf inside the address", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<unknown-eqspfz@d381.example>: Recipient address rejected: User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: Exim's SPF ACL message, its open-spf.org link kept",
	    LAB, STAGE_MAIL, 550, "", "192.0.2.1 is not allowed to send mail "
	    "from example.org.  Please see http://www.open-spf.org/Why?scope="
	    "mfrom;identity=bob@example.org;ip=192.0.2.1",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "echo: the older openspf.org link, the address in it masked",
	    LAB, STAGE_RCPT, 550, "5.7.1", "[SPF] 192.0.2.1 is not allowed to "
	    "send mail from example.org. Please see http://www.openspf.org/"
	    "Why?scope=mfrom;identity=over-quota@example.org;ip=192.0.2.1",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "echo trap: the same words with no SPF link are the sending IP",
	    LAB, STAGE_MAIL, 550, "", "192.0.2.1 is not allowed to send mail "
	    "from example.org",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "echo trap: another link holding an address stays masked", LAB,
	    STAGE_RCPT, 550, "", "Rejected, see http://help.example/why?id="
	    "spf-dkim@example.org",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "echo: an address then not found", LAB, STAGE_RCPT, 550, "",
	    "<bob@example.org> not found", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	{ "echo trap: 'user unknown' in an address then not found in the "
	    "directory", LAB, STAGE_RCPT, 550, "", "<user-unknown@example.org> "
	    "not found in directory", V(BLOCKED), R(UNKNOWN), NULL },
	{ "echo: spamfilter@", LAB, STAGE_RCPT, 550, "",
	    "<spamfilter@example.test>: Recipient address rejected",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "echo: blocked.orders@", LAB, STAGE_RCPT, 550, "",
	    "<blocked.orders@example.test>... User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: Barracuda's verdict after the address stays", LAB,
	    STAGE_RCPT, 550, "", "permanent failure for one or more "
	    "recipients (rcpt@example.test:blocked)",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "echo trap: a bare address holding blocked and quota chooses "
	    "nothing", LAB, STAGE_RCPT, 550, "", "permanent failure "
	    "(blocked.quota@over-quota.example.test:ok)",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "echo trap: an address literal is the address's", LAB, STAGE_RCPT,
	    550, "", "rbl@[192.0.2.1]: no such user here",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: dmarc-reports@", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<dmarc-reports@example.test>: Recipient address rejected: "
	    "User unknown in virtual mailbox table",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: rbl@ bare", LAB, STAGE_RCPT, 550, "",
	    "rbl@example.test: no such user here",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: greylist@ is not greylisting", LAB, STAGE_RCPT, 450, "4.1.1",
	    "<greylist@example.test>: Recipient address rejected: "
	    "unverified address",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "echo: quota@ is not a full mailbox", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<quota@example.test>: Recipient address rejected: User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: relay@ in a Exim-style reply", LAB, STAGE_RCPT, 550, "",
	    "Unrouteable address <relay@example.test>",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: disabled.starttls@ with ptr", LAB, STAGE_RCPT, 550, "5.1.1",
	    "<disabled.starttls.ptr@example.test>... User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "echo: the null path <> at MAIL", LAB, STAGE_MAIL, 550, "5.7.1",
	    "<>: Sender address rejected: Access denied",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "echo: a cue outside the path still counts", LAB, STAGE_RCPT, 550,
	    "5.7.1", "<user@example.test>: SPF check failed",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "echo: a blocklist named outside the path", LAB, STAGE_RCPT, 554,
	    "5.7.1", "<spf@example.test>: Client host blocked using "
	    "zen.spamhaus.org",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.spamhaus.org" },

	/* traps */
	{ "trap: 5.7.1 spam is not invalid", LAB, STAGE_RCPT, 550, "5.7.1",
	    "Message rejected as spam by Content Filtering.",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "trap: 5.7.1 recipient access denied", LAB, STAGE_RCPT, 550, "5.7.1",
	    "<u@example.test>: Recipient address rejected: Access denied",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "trap: DBEB text on a non-Microsoft host", LAB, STAGE_RCPT, 550, "5.4.1",
	    "Recipient address rejected: Access denied. AS(201806281)",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "trap: 4xx user unknown is not undeliverable", LAB, STAGE_RCPT, 450, "4.1.1",
	    "<u@example.test>: Recipient address rejected: User unknown in local recipient table",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "trap: mailbox unavailable is ambiguous", LAB, STAGE_RCPT, 550, "",
	    "Requested action not taken: mailbox unavailable",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "trap: 4.1.1 alone", LAB, STAGE_RCPT, 450, "4.1.1", "",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	/*
	 * A probe's live 4xx: what a bounce reads as the code's cause once the
	 * sender gave up (temp_causes) is, while it can still retry, only
	 * "try again later", as before
	 */
	{ "probe: a live 450 4.1.6 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.1.6", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.2.1 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.2.1", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.2.4 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.2.4", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.4.2 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.4.2", "", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "probe: a live 450 4.4.4 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.4.4", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.6.0 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.6.0", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.7.5 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.7.5", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.7.13 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.7.13", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "probe: a live 450 4.7.16 stays as it was", LAB, STAGE_RCPT, 450,
	    "4.7.16", "", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "trap: 5.1.1 with a blocklist text", LAB, STAGE_RCPT, 550, "5.1.1",
	    "Client host [192.0.2.1] blocked using zen.spamhaus.org",
	    V(BLOCKED), R(IP_BLOCKLISTED), "zen.spamhaus.org" },
	{ "trap: enhanced of another class ignored", LAB, STAGE_RCPT, 550, "4.2.2", "",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "trap: malformed enhanced ignored", LAB, STAGE_RCPT, 550, "5.1111.1", "",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "trap: fully-qualified is not full", LAB, STAGE_RCPT, 550, "",
	    "need fully qualified hostname",
	    V(BLOCKED), R(HOST_IDENTITY_PTR_HELO), NULL },

	{ "Exim classic DNSBL text at connect", LAB, STAGE_BANNER, 550, "",
	    "rejected because 192.0.2.1 is in a black list at bl.example.net",
	    V(BLOCKED), R(IP_BLOCKLISTED), "bl.example.net" },
	{ "Exim unknown user", LAB, STAGE_RCPT, 550, "", "Unrouteable address",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },

	/* odd codes */
	{ "354 at rcpt", LAB, STAGE_RCPT, 354, "", "go ahead",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "code 0", NULL, STAGE_BANNER, 0, NULL, NULL,
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "no mx host, no text", NULL, STAGE_RCPT, 451, NULL, NULL,
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },

	/*
	 * Replies in Chinese only (NetEase's list, the wordings Chinese
	 * bounce-help pages quote for Coremail, Sina and self-hosted MTAs),
	 * and the same words after the generic English text and an X.0.0
	 * code (a Postfix-style server's "Requested action not taken: ...")
	 */
#define NT	"Requested action not taken: "
	/* Traditional characters (Taiwan, Hong Kong; Big5 bounces) */
	{ "zh-Hant: 帳號不存在", LAB, STAGE_RCPT, 550, NULL, "550 帳號不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh-Hant: 收件者信箱不存在", LAB, STAGE_RCPT, 550, NULL,
	    "收件者信箱不存在", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh-Hant trap: the sender's 帳號不存在 is the sender's", LAB,
	    STAGE_RCPT, 550, NULL, "發件人帳號不存在", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "zh-Hant: 信箱已滿", LAB, STAGE_RCPT, 552, NULL, "收件者信箱已滿",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "zh-Hant: 帳號已凍結", LAB, STAGE_RCPT, 550, NULL, "該帳號已凍結",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh: 用户不存在", LAB, STAGE_RCPT, 550, NULL, "用户不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 邮箱不存在", LAB, STAGE_RCPT, 550, NULL, "邮箱不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 收件人不存在", LAB, STAGE_RCPT, 550, NULL, "收件人不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 帐号不存在", LAB, STAGE_RCPT, 550, NULL, "对方邮箱帐号不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 账号不存在", LAB, STAGE_RCPT, 550, NULL, "该账号不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 无此用户", LAB, STAGE_RCPT, 550, NULL, "无此用户",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 收件人地址不存在", LAB, STAGE_RCPT, 550, NULL, "收件人地址不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh mixed: 用户不存在", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "该用户不存在", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh mixed: 邮箱不存在", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "<x@example.cn> 邮箱不存在",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 4xx 用户不存在 says nothing definite", LAB, STAGE_RCPT, 450,
	    NULL, "用户不存在", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "zh: 用户不存在 at MAIL is the sender", LAB, STAGE_MAIL, 550, NULL,
	    "用户不存在", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "zh trap: 发件人不存在 is the sender", LAB, STAGE_RCPT, 550, NULL,
	    "发件人不存在", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "zh trap: 发件人地址不存在 is the sender", LAB, STAGE_RCPT, 550,
	    NULL, "发件人地址不存在", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "zh trap: 发件人域名不存在 is the sender", LAB, STAGE_RCPT, 553,
	    "5.0.0", NT "发件人域名不存在",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "zh: 邮箱空间已满", LAB, STAGE_RCPT, 552, NULL, "邮箱空间已满",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "zh: 容量已满", LAB, STAGE_RCPT, 452, NULL, "收件人邮箱容量已满",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "zh mixed: 超出配额", LAB, STAGE_RCPT, 552, "5.0.0",
	    NT "超出配额", V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "zh: server disk full is the server's", LAB, STAGE_RCPT, 452, NULL,
	    "系统存储空间不足", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "zh: 帐号已冻结", LAB, STAGE_RCPT, 550, NULL, "该帐号已冻结",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh: 账号已停用", LAB, STAGE_RCPT, 550, NULL, "账号已停用",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh mixed: 已被禁用", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "用户已被禁用", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh mixed: 已注销", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "该邮箱已注销", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh: 被识别为垃圾邮件 at RCPT is a policy", LAB, STAGE_RCPT, 550,
	    NULL, "被识别为垃圾邮件", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "zh: 发送频率过高", LAB, STAGE_RCPT, 450, NULL,
	    "发送频率过高，请稍后再试", V(TEMPORARY), R(REPUTATION_OR_RATE),
	    NULL },
	{ "zh mixed: 频率限制", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "发信频率限制", V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "zh: 请稍后再试 alone", LAB, STAGE_RCPT, 451, NULL, "请稍后再试",
	    V(TEMPORARY), R(GREYLISTED), NULL },
	{ "zh: 灰名单", LAB, STAGE_RCPT, 451, "4.7.1", "灰名单，请稍后重试",
	    V(TEMPORARY), R(GREYLISTED), NULL },
	{ "zh: 并发连接数过多", LAB, STAGE_CONNECT, 421, NULL,
	    "并发连接数过多", V(TEMPORARY), R(TOO_MANY_CONNECTIONS), NULL },
	{ "zh: 收件人过多", LAB, STAGE_RCPT, 452, NULL, "收件人过多",
	    V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	{ "zh: 黑名单", LAB, STAGE_RCPT, 554, NULL, "您的IP在黑名单中",
	    V(BLOCKED), R(IP_BLOCKLISTED), NULL },
	{ "zh mixed: 黑名单", LAB, STAGE_RCPT, 554, "5.0.0",
	    NT "IP在黑名单中", V(BLOCKED), R(IP_BLOCKLISTED), NULL },
	{ "zh: the sender in the blacklist is the sender", LAB, STAGE_RCPT,
	    554, NULL, "发件人在黑名单中", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "zh: the recipient's own list", LAB, STAGE_RCPT, 550, NULL,
	    "您已被收件人加入黑名单", V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "zh: 信誉", LAB, STAGE_RCPT, 550, NULL, "发信IP信誉度过低",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "zh: IP 被拒绝", LAB, STAGE_RCPT, 554, "5.0.0", NT "IP 被拒绝",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "zh: SPF 校验失败", LAB, STAGE_RCPT, 550, NULL, "SPF校验失败",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "zh: 发件人身份验证失败", LAB, STAGE_RCPT, 550, NULL,
	    "发件人身份验证失败", V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "zh: 不允许转发", LAB, STAGE_RCPT, 554, NULL, "不允许转发",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "zh mixed: 拒绝中继", LAB, STAGE_RCPT, 554, "5.0.0", NT "拒绝中继",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	/* chasquid's (smtpsrv/conn.go): its 5.7.1 alone would say policy */
	{ "chasquid: relay not allowed", LAB, STAGE_RCPT, 503, "5.7.1",
	    "Relay not allowed", V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "zh: 域名不存在", LAB, STAGE_RCPT, 550, NULL, "收件人域名不存在",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "zh mixed: 域名不存在", LAB, STAGE_RCPT, 550, "5.0.0",
	    NT "域名不存在", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "zh: 邮件过大", LAB, STAGE_RCPT, 552, NULL, "邮件过大",
	    V(BLOCKED), R(MESSAGE_TOO_BIG), NULL },
	/* a Chinese MTA's reply table (blog.sina.com.cn, see cue_rules.c) */
	{ "zh: 邮箱被锁", LAB, STAGE_RCPT, 550, NULL, "邮箱被锁",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh mixed: user is locked (邮箱被锁)", LAB, STAGE_RCPT, 550, NULL,
	    "user is locked. (邮箱被锁)",
	    V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "zh mixed: mailbox unavailable (邮箱不存在)", LAB, STAGE_RCPT, 550,
	    NULL, "mailbox unavailable. (邮箱不存在)",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "zh: 发信IP被禁止", LAB, STAGE_RCPT, 550, NULL, "发信IP被禁止",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "zh: RFC 5321 552 in Chinese", LAB, STAGE_RCPT, 552, NULL,
	    "过量的存储分配，要求的操作未执行",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "zh: RFC 5321 452 in Chinese", LAB, STAGE_RCPT, 452, NULL,
	    "系统存储不足，要求的操作未执行",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	/* GBK off the wire is left undecoded: the code alone decides */
	{ "zh: GBK 用户不存在 is not read", LAB, STAGE_RCPT, 550, NULL,
	    "\xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6\xd4\xda",
	    V(BLOCKED), R(UNKNOWN), NULL },
#undef NT

	/* documented texts that read unknown before (issue 11) */
	{ "'go away' refuses the sending host", LAB, STAGE_BANNER, 554, "",
	    "554 mx.example.test go away", V(BLOCKED),
	    R(REPUTATION_OR_RATE), NULL },
	{ "'go away' at RCPT too", LAB, STAGE_RCPT, 550, "", "550 go away",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "'recipient refuses to accept your mail' is the recipient's choice",
	    LAB, STAGE_RCPT, 550, "", "550 recipient refuses to accept your "
	    "mail", V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "Tencent 'Bad address syntax' at RCPT is the address", "mx1.qq.com",
	    STAGE_RCPT, 501, "", "501 Bad address syntax",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "'Bad address syntax' at MAIL is the sender's", "mx1.qq.com",
	    STAGE_MAIL, 501, "", "501 Bad address syntax", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "trap: 'Bad sender address syntax' stays the sender's", LAB,
	    STAGE_RCPT, 501, "5.1.7", "501 5.1.7 Bad sender address syntax",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "RFC 5321's 421 words name no cause in a probe", LAB,
	    STAGE_RCPT, 550, "", "550 mx.example.test Service not available, "
	    "closing transmission channel", V(BLOCKED), R(UNKNOWN), NULL },
	{ "'Unroutable address' at RCPT, as Exim's 'Unrouteable address'",
	    LAB, STAGE_RCPT, 550, "", "550 Unroutable address",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "'not authorized' with no code is a refusal, not unknown", LAB,
	    STAGE_RCPT, 550, "5.0.0", "550 5.0.0 Delivery not authorized",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "Facebook 450 RCP-T4 says nothing definite to a probe", NULL,
	    STAGE_RCPT, 450, "4.2.1", "450 4.2.1 RCP-T4 The attempted "
	    "recipient address is currently deactivated. See https://www."
	    "facebook.com/postmaster/response_codes", V(TEMPORARY),
	    R(TEMPORARY_OTHER), NULL },
	{ "Spectrum AUP#I-1260 (no IPv6) is its policy", "mx.charter.net",
	    STAGE_RCPT, 554, "", "554 AUP#I-1260 Spectrum doesn't process "
	    "IPV6 addresses", V(BLOCKED), R(POLICY_OTHER), NULL },
	/*
	 * go-sisimai's documented texts (reason/why-*.go), as their words say
	 */
	{ "Microsoft's 5.7.515 without its MX is SPF/DKIM/DMARC", LAB,
	    STAGE_RCPT, 550, "5.7.515", "550 5.7.515 Access denied, sending "
	    "domain example.com doesn't meet the required authentication "
	    "level.", V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "the 5322.From address failing authentication is SPF/DKIM/DMARC",
	    LAB, STAGE_DATA, 550, "", "550 The 5322.From address doesn't meet "
	    "the authentication requirements defined for the sender",
	    V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "the sender's domain listed at a list is a domain blocklist", LAB,
	    STAGE_MAIL, 554, "", "554 Sender domain listed at "
	    "dbl.example.org", V(BLOCKED), R(DOMAIN_BLOCKLISTED),
	    "dbl.example.org" },
	{ "a MAIL FROM domain listed in Spamhaus is a domain blocklist", LAB,
	    STAGE_RCPT, 550, "", "550 Mailfrom domain is listed in Spamhaus",
	    V(BLOCKED), R(DOMAIN_BLOCKLISTED), "Spamhaus" },
	{ "an executable in a compressed file is a dangerous attachment",
	    LAB, STAGE_DATA, 552, "", "552 Executable files are not allowed in "
	    "compressed files", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	/*
	 * an attachment refused for its name or type is the attachment, not
	 * a sender not authorized (the bare 5.7.1), nor its size
	 */
	{ "an attachment not allowed is a dangerous attachment", LAB,
	    STAGE_DATA, 550, "5.7.1", "550 5.7.1 Attachment invoice.exe not "
	    "allowed", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "MailChannels' attachment type not allowed is the attachment", LAB,
	    STAGE_DATA, 550, "5.7.1", "550 5.7.1 [IB_FEB] Your message could "
	    "not be delivered because it contained an attachment type that is "
	    "not allowed", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "Postfix's header_checks attachment name is the attachment", LAB,
	    STAGE_DATA, 550, "5.7.1", "550 5.7.1 Attachment name \"a.scr\" "
	    "may not end with \".scr\"", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "Exim's unwanted file extension is the attachment", LAB,
	    STAGE_DATA, 550, "", "550 Unwanted file extension (exe)",
	    V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "rspamd's forbidden file extension map is the attachment", LAB,
	    STAGE_DATA, 554, "5.7.1", "554 5.7.1 Matched map: "
	    "FORBIDDEN_FILE_EXTENSION", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "an attachment too large is its size, not its type", LAB,
	    STAGE_DATA, 552, "5.3.4", "552 5.3.4 Attachment too large, not "
	    "allowed", V(BLOCKED), R(MESSAGE_TOO_BIG), NULL },
	{ "Gmail's German address not found is the address", LAB,
	    STAGE_RCPT, 550, "", "550 Die E-Mail wurde nicht zugestellt, weil "
	    "die Adresse nicht gefunden wurde oder keine E-Mails empfangen "
	    "kann", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/*
	 * German, accents in any case and in NFC or NFD, or written "ae"
	 * by a server that keeps its replies ASCII; a 5.7.1 at RCPT names
	 * the address as the English words do
	 */
	{ "German recipient unknown (NFC) is the address", LAB, STAGE_RCPT,
	    550, "5.7.1", "550 5.7.1 Nachricht abgelehnt: Empf\xc3\xa4nger "
	    "unbekannt", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "German recipient unknown in capitals, NFD, is the address", LAB,
	    STAGE_RCPT, 550, "5.7.1", "550 5.7.1 NACHRICHT ABGELEHNT: "
	    "EMPFA\xcc\x88NGER UNBEKANNT", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "German recipient unknown, capital umlaut, is the address", LAB,
	    STAGE_RCPT, 550, "", "550 EMPF\xc3\x84NGER UNBEKANNT",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "German recipient unknown in ASCII (ae) is the address", LAB,
	    STAGE_RCPT, 550, "", "550 Empfaenger unbekannt", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "Web.de's Benutzer nicht bekannt is the address", LAB, STAGE_RCPT,
	    550, "", "550 Benutzer nicht bekannt/User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "German Postfach voll is a full mailbox", LAB, STAGE_RCPT, 552, "",
	    "552 Postfach voll.", V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "Web.de's Speichervolumen ueberschritten is a full mailbox", LAB,
	    STAGE_RCPT, 550, "", "550 Benutzer hat das Speichervolumen "
	    "ueberschritten. / User has exhausted allowed storage space.",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "German Speicherplatz \xc3\xbc" "berschritten is a full mailbox", LAB,
	    STAGE_RCPT, 552, "", "552 Postfach: Speicherplatz \xc3\xbc"
	    "berschritten",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	/* trap: "Postfach vollst\xc3\xa4ndig" is no full mailbox */
	{ "German Postfach vollst\xc3\xa4ndig is no full mailbox", LAB,
	    STAGE_RCPT, 550, "5.7.1", "550 5.7.1 Postfach vollst\xc3\xa4ndig "
	    "gesperrt", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "a mailbox that exceeded its limit is full", LAB, STAGE_RCPT, 552,
	    "", "552 Mailbox size of user exceeded the limit", V(MAILBOX_FULL),
	    R(MAILBOX_FULL), NULL },
	/*
	 * trap: go-sisimai's pair "too many " ... "recipients" would read
	 * complaints from recipients as a limit on recipients
	 */
	{ "too many spam complaints from recipients is spam, not a limit",
	    LAB, STAGE_DATA, 550, "", "550 Too many spam complaints from "
	    "recipients", V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "a bare 525 is X.7.13's disabled account", LAB, STAGE_RCPT, 525,
	    "", "525 error", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	/*
	 * A receiving server's own DNS words in its live reply.  Postfix
	 * smtpd (smtpd_check.c): reject_unknown_recipient_domain with its
	 * default unknown_address_reject_code 450 (postconf(5)), still the
	 * domain for now; its address verification quoting its own lookup
	 * ("unverified address: %s", "undeliverable address: %s") with
	 * dns_strerror()'s endings; the sender's and the client's twins
	 */
	{ "Postfix's 450 unknown recipient domain is the domain, for now",
	    LAB, STAGE_RCPT, 450, "4.1.2", "450 4.1.2 <a@b.example>: "
	    "Recipient address rejected: Domain not found", V(TEMPORARY),
	    R(DOMAIN_NOT_FOUND), NULL },
	{ "Postfix's 550 unknown recipient domain", LAB, STAGE_RCPT, 550,
	    "5.1.2", "550 5.1.2 <a@b.example>: Recipient address rejected: "
	    "Domain not found", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "Postfix's verification found no such domain", LAB, STAGE_RCPT, 550,
	    "5.1.1", "550 5.1.1 <a@b.example>: Recipient address rejected: "
	    "undeliverable address: Host or domain name not found. Name "
	    "service error for name=b.example type=MX: Host not found",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "Postfix's verification found the domain without mail, for now",
	    LAB, STAGE_RCPT, 450, "4.1.1", "450 4.1.1 <a@b.example>: "
	    "Recipient address rejected: unverified address: Host or domain "
	    "name not found. Name service error for name=b.example type=A: "
	    "Host found but no data record of requested type", V(TEMPORARY),
	    R(DOMAIN_NO_MAIL), NULL },
	{ "Postfix's verification lookup failed for now: the receiver's "
	    "trouble", LAB, STAGE_RCPT, 450, "4.1.1", "450 4.1.1 "
	    "<a@b.example>: Recipient address rejected: unverified address: "
	    "Host or domain name not found. Name service error for "
	    "name=b.example type=MX: Host not found, try again", V(TEMPORARY),
	    R(REMOTE_SERVER_ERROR), NULL },
	{ "Postfix's unknown sender domain at MAIL", LAB, STAGE_MAIL, 450,
	    "4.1.8", "450 4.1.8 <s@x.example>: Sender address rejected: "
	    "Domain not found", V(TEMPORARY), R(SENDER_REJECTED), NULL },
	{ "Postfix's unknown sender domain delayed to RCPT", LAB, STAGE_RCPT,
	    450, "4.1.8", "450 4.1.8 <s@x.example>: Sender address rejected: "
	    "Domain not found", V(TEMPORARY), R(SENDER_REJECTED), NULL },
	{ "Postfix's non-FQDN HELO at EHLO", LAB, STAGE_EHLO, 504, "5.5.2",
	    "504 5.5.2 <x>: Helo command rejected: need fully-qualified "
	    "hostname", V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "Postfix's non-FQDN HELO delayed to RCPT", LAB, STAGE_RCPT, 504,
	    "5.5.2", "504 5.5.2 <x>: Helo command rejected: need "
	    "fully-qualified hostname", V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "Postfix's client without a name", LAB, STAGE_RCPT, 450, "4.7.1",
	    "450 4.7.1 Client host rejected: cannot find your hostname, "
	    "[192.0.2.9]", V(TEMPORARY), R(HOST_IDENTITY_PTR_HELO), NULL },
	/*
	 * RFC 5321 3.1: "554 No SMTP service here" refuses the session and
	 * says no why; a blocklist only when the words name one
	 */
	{ "RFC 5321's 554 greeting is a policy, no blocklist", LAB,
	    STAGE_BANNER, 554, "", "554 No SMTP service here", V(BLOCKED),
	    R(POLICY_OTHER), NULL },
	{ "a 554 greeting with no words is a policy", LAB, STAGE_BANNER, 554,
	    "", "554 mx.example.test", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "a 554 greeting naming a DNSBL is the list", LAB, STAGE_BANNER, 554,
	    "", "554 No SMTP service here; client [192.0.2.9] blocked using "
	    "zen.spamhaus.org", V(BLOCKED), R(IP_BLOCKLISTED),
	    "zen.spamhaus.org" },
};

/*
 * What only a bounce tells apart (classify_bounce), one case per rule: the
 * text each rule names as its documented source.
 */
static const struct tcase bounce_cases[] = {
	/*
	 * the sending service's own suppression list (it did not send), not
	 * the "invalid address" or the 5.1.1 / 5.7.1 in its words
	 */
	{ "bounce: SES's global suppression list is suppressed", NULL,
	    STAGE_DATA, 550, "5.1.1", "Amazon SES has suppressed sending to "
	    "this address because it has a recent history of bouncing as an "
	    "invalid address.", V(BLOCKED), R(SUPPRESSED), NULL },
	{ "bounce: SES's account-level suppression list is suppressed", NULL,
	    STAGE_DATA, 550, "5.1.1", "Amazon SES did not send the message to "
	    "this address because it is on the suppression list for your "
	    "account.", V(BLOCKED), R(SUPPRESSED), NULL },
	{ "bounce: SparkPost's suppression by customer policy", NULL,
	    STAGE_DATA, 554, "5.7.1", "554 5.7.1 [internal] recipient address "
	    "was suppressed due to customer policy",
	    V(BLOCKED), R(SUPPRESSED), NULL },
	{ "bounce: a mailbox the server calls inactive is not a suppression",
	    LAB, STAGE_RCPT, 550, "5.2.1", "550 5.2.1 This account has been "
	    "marked as inactive", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	/*
	 * "User has no permission" from a recipient's server (no NetEase or
	 * Tencent named): its access rule, as its Chinese twin 没有权限
	 */
	{ "a recipient server's user has no permission, bounce", LAB,
	    STAGE_DATA, 550, "", "User has no permission",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "netease's own user has no permission stays its client's login",
	    NETEASE, STAGE_DATA, 550, "", "User has no permission",
	    V(BLOCKED), R(CLIENT_AUTH_REQUIRED), NULL },
	/*
	 * providers' documented refusals that name our side or the form, not
	 * the recipient's restriction or an unnamed policy
	 */
	{ "bounce: gmail's IP not authorized to send directly is ours", GMAIL,
	    STAGE_DATA, 550, "5.7.1", "550 5.7.1 The IP you're using to send "
	    "mail is not authorized to send email directly to our servers. "
	    "Please use the SMTP relay at your service provider instead.",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: gmail's 530 5.5.1 is the mail program's login", GMAIL,
	    STAGE_MAIL, 530, "5.5.1", "530 5.5.1 Authentication Required. "
	    "Learn more at https://support.google.com/mail/?p=WantAuthError",
	    V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "bounce: gmail's 535 5.7.8 is the mail program's password", GMAIL,
	    STAGE_MAIL, 535, "5.7.8", "535 5.7.8 Username and Password not "
	    "accepted. Learn more at https://support.google.com/mail/?p="
	    "BadCredentials", V(BLOCKED), R(LOGIN_REQUIRED), NULL },
	{ "bounce: microsoft 5.5.4 'Invalid domain name' is the HELO name",
	    MSFT, STAGE_DATA, 501, "5.5.4", "501 5.5.4 Invalid domain name",
	    V(BLOCKED), R(HELO_REJECTED), NULL },
	{ "bounce: zoho's 541 5.4.1 is the recipient domain's filter",
	    "mx.zoho.com", STAGE_RCPT, 541, "5.4.1", "541 5.4.1 Mail rejected "
	    "by destination domain", V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: Exchange's content filter is the content", NULL,
	    STAGE_DATA, 550, "5.7.1", "550 5.7.1 Message rejected due to "
	    "content restrictions", V(BLOCKED), R(CONTENT_REJECTED), NULL },
	/* the RESOLVER.RST name alone, without the sentence after it */
	{ "bounce: Exchange's 5.7.133 group restriction is not a relay", NULL,
	    STAGE_DATA, 550, "5.7.133", "550 5.7.133 RESOLVER.RST."
	    "SenderNotAuthenticatedForGroup; authentication required",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce: RFC 7505's sender null MX is the sender's domain", NULL,
	    STAGE_DATA, 550, "5.7.27", "550 5.7.27 Sender address has null MX",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: mimecast's incorrect hostname is the domain's MX",
	    "eu-smtp-inbound-1.mimecast.com", STAGE_DATA, 550, "",
	    "550 The incorrect hostname used for inbounds", V(BLOCKED),
	    R(RELAY_DENIED), NULL },
	{ "bounce: microsoft 5.7.512 is the message's RFC 5322 form", MSFT,
	    STAGE_DATA, 550, "5.7.512", "550 5.7.512 Access denied, message "
	    "must be RFC 5322 section 3.6.2 compliant",
	    V(BLOCKED), R(MESSAGE_NOT_COMPLIANT), NULL },
	{ "bounce: RFC 3463 X.7.1's words with X.0.0 are not authorized",
	    NULL, STAGE_DATA, 554, "5.0.0", "554 5.0.0 Delivery not authorized",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	/* Sendmail's words for sysexits(3) exit codes */
	{ "bounce: Sendmail's EX_PROTOCOL 'Remote protocol error'", NULL,
	    STAGE_DATA, 554, "5.5.0", "554 5.5.0 Remote protocol error",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "bounce: Sendmail's EX_CANTCREAT 'Can't create output'", NULL,
	    STAGE_RCPT, 550, "5.0.0", "550 5.0.0 <a@b.example>... Can't "
	    "create output", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: gmail 421 'Try again later, closing connection'", GMAIL,
	    STAGE_RCPT, 421, "4.7.0", "421 4.7.0 Try again later, closing "
	    "connection.", V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	/*
	 * courier-pythonfilter's quota filter (filters/quota.py) refuses the
	 * message after DATA when a recipient's maildir is over quota: a
	 * full mailbox, temporary, not the sender's giving up
	 */
	{ "bounce: courier-pythonfilter's quota 421 is a full mailbox", NULL,
	    STAGE_DATA, 421, "", "421 User \"rcpt@example.net\" is over quota",
	    V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "bounce: 421 4.2.2 over quota at RCPT is a full mailbox", NULL,
	    STAGE_RCPT, 421, "4.2.2", "421 4.2.2 <rcpt@example.net>: mailbox "
	    "is full", V(TEMPORARY), R(MAILBOX_FULL), NULL },
	{ "bounce: 421 user unknown after DATA names no mailbox", NULL,
	    STAGE_DATA, 421, "", "421 <rcpt@example.net>: User unknown",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "bounce: 421 over quota at MAIL is the sender's", NULL, STAGE_MAIL,
	    421, "", "421 User \"sender@example.org\" is over quota",
	    V(TEMPORARY), R(SENDER_REJECTED), NULL },
	{ "bounce: gmail 501 5.7.11 'Syntax error (no parameters allowed)'",
	    GMAIL, STAGE_MAIL, 501, "5.7.11", "501 5.7.11 Syntax error (no "
	    "parameters allowed).", V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION),
	    NULL },
	{ "bounce: gmail 454 'Too many login attempts' is the client's "
	    "authentication", GMAIL, STAGE_MAIL, 454, "4.7.0", "454 4.7.0 Too "
	    "many login attempts, please try again later.", V(TEMPORARY),
	    R(NOT_AUTHORIZED), NULL },
	{ "bounce: gmail 503 'No identity changes permitted'", GMAIL,
	    STAGE_MAIL, 503, "5.7.0", "503 5.7.0 No identity changes "
	    "permitted.", V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	/* amavisd-new's reject reply, by the category it names */
	{ "bounce: amavisd-new's bare reject is its content filter", NULL,
	    STAGE_DATA, 554, "5.7.0", "554 5.7.0 Reject, id=12345-01",
	    V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce: amavisd-new's BANNED is a banned file type", NULL,
	    STAGE_DATA, 554, "5.7.0", "554 5.7.0 Reject, id=17352-01 - BANNED: "
	    "application/x-ms-dos-executable,.exe", V(BLOCKED),
	    R(VIRUS_DETECTED), NULL },
	{ "bounce: amavisd-new's BAD-HEADER is RFC 5322", NULL, STAGE_DATA,
	    554, "5.7.0", "554 5.7.0 Reject, id=12345-01 - BAD-HEADER",
	    V(BLOCKED), R(MESSAGE_NOT_COMPLIANT), NULL },
	/*
	 * a provider's mailbox code in a 4xx the sending server gave up on:
	 * the cause it documents (Facebook's response codes page)
	 */
	{ "bounce: Facebook 450 RCP-T4 is a deactivated mailbox", NULL,
	    STAGE_RCPT, 450, "4.2.1", "450 4.2.1 RCP-T4 The attempted "
	    "recipient address is currently deactivated. See https://www."
	    "facebook.com/postmaster/response_codes", V(TEMPORARY),
	    R(MAILBOX_DISABLED), NULL },
	/*
	 * Gmail's RFC 5322 refusals as Sisimai quotes their parts (its SMTP
	 * errors page), read in a bounce with no provider named
	 */
	{ "bounce: 'messages with multiple addresses' is RFC 5322", NULL,
	    STAGE_DATA, 550, "", "550 Messages with multiple addresses",
	    V(BLOCKED), R(MESSAGE_NOT_COMPLIANT), NULL },
	{ "bounce: '... header are not accepted' is RFC 5322", NULL,
	    STAGE_DATA, 550, "", "550 Messages missing a Date: header are not "
	    "accepted", V(BLOCKED), R(MESSAGE_NOT_COMPLIANT), NULL },
	{ "bounce: 550 'Service not available, closing transmission "
	    "channel' (RFC 5321's 421 text)", NULL, STAGE_DATA, 550, "",
	    "550 Service not available, closing transmission channel",
	    V(BLOCKED), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: Spectrum AUP#I-1260", NULL, STAGE_RCPT, 554, "",
	    "554 AUP#I-1260 Spectrum doesn't process IPV6 addresses",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	/*
	 * a program recipient's command line (Sendmail's 'ADDR... reason'),
	 * with words after it that name no cause: the program failed
	 */
	{ "bounce: procmail's || exit, Service unavailable", NULL, STAGE_RCPT,
	    554, "5.5.0", "554 \"|IFS=' ' && exec /usr/local/bin/procmail -f- "
	    "|| exit 75 #user\"... Service unavailable", V(UNDELIVERABLE),
	    R(MAILER_ERROR), NULL },
	{ "bounce: a maildrop program, Service unavailable", NULL, STAGE_RCPT,
	    550, "", "550 \"|/usr/local/bin/maildrop -d user\"... Service "
	    "unavailable", V(UNDELIVERABLE), R(MAILER_ERROR), NULL },
	{ "bounce trap: a program recipient whose words name the cause", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 \"|/usr/bin/procmail -f-\"... "
	    "User unknown", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/* Microsoft DBEB, every recipient refused (a blank before the colon) */
	{ "bounce: DBEB all recipient addresses rejected : access denied",
	    NULL, STAGE_RCPT, 550, "5.4.1", "550 5.4.1 All recipient addresses "
	    "rejected : Access denied [X.prod.protection.outlook.com]",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: a sender refused with access denied", NULL,
	    STAGE_RCPT, 550, "5.7.1", "550 5.7.1 Sender address rejected : "
	    "Access denied", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: 5.7.1 user unknown is a filter", NULL, STAGE_DATA, 550,
	    "5.7.1", "550 5.7.1 550 User Unknown: a@example.test",
	    V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: 5.2.1 user unknown is a filter", NULL, STAGE_DATA, 550,
	    "5.2.1", "<a@example.test>... User Unknown",
	    V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: 5.7.1 user unknown at RCPT stays unknown", NULL, STAGE_RCPT,
	    550, "5.7.1", "User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: KDDI's empty recipient slot", NULL, STAGE_DATA, 550, "",
	    "550 : User unknown", V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: an empty slot with X.1.1 is the address", NULL, STAGE_DATA,
	    550, "5.1.1", "550 5.1.1 : User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: the slot filled is the address", NULL, STAGE_DATA, 550, "",
	    "550 <a@ezweb.ne.jp>: User unknown",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/*
	 * a command refused as malformed (RFC 3463 X.5.4, X.5.5) with a 5xx:
	 * a protocol error, its reason kept (go-sisimai: systemerror); a
	 * 4xx stays temporary
	 */
	{ "bounce: 550 5.5.4 is a protocol error", NULL, STAGE_DATA, 550,
	    "5.5.4", "550 5.5.4 Invalid command arguments",
	    V(PROTOCOL_ERROR), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: 550 5.5.5 is a protocol error", NULL, STAGE_DATA, 550,
	    "5.5.5", "550 5.5.5 Wrong protocol version",
	    V(PROTOCOL_ERROR), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: 451 4.5.4 stays temporary", NULL, STAGE_DATA, 451,
	    "4.5.4", "451 4.5.4 Invalid command arguments",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: 451 without a cue is the receiver's", NULL, STAGE_RCPT, 451,
	    "", "451 Could not load DRD for domain",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: 550 4.4.7 is expired", NULL, STAGE_DATA, 550, "4.4.7",
	    "#550 4.4.7 QUEUE.Expired; message expired ##",
	    V(TEMPORARY), R(EXPIRED), NULL },
	{ "bounce: iCloud's greeting refusal", NULL, STAGE_DATA, 554, "",
	    "554 mx.example.test ESMTP not accepting connections",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: RFC 7504 521", NULL, STAGE_RCPT, 521, "5.3.2",
	    "521 5.3.2 System not accepting network messages",
	    V(NO_MAIL_DOMAIN), R(NULL_MX), NULL },
	{ "bounce: Sendmail's mailer error", NULL, STAGE_DATA, 554, "5.3.0",
	    "554 5.3.0 unknown mailer error 255",
	    V(UNDELIVERABLE), R(MAILER_ERROR), NULL },
	{ "bounce: Postfix local(8) command died", NULL, STAGE_DATA, 550,
	    "5.3.0", "Command died with status 1: \"/usr/bin/procmail\"",
	    V(UNDELIVERABLE), R(MAILER_ERROR), NULL },
	/*
	 * a 4xx mailer error stays temporary: Sendmail queues a program's
	 * EX_TEMPFAIL (75) for another try (sysexits(3))
	 */
	{ "bounce: a 4xx mailer error is temporary", NULL, STAGE_DATA, 451,
	    "4.3.0", "Command died with status 75: \"/usr/bin/procmail\"",
	    V(TEMPORARY), R(MAILER_ERROR), NULL },
	{ "bounce: Orange OFR_506", NULL, STAGE_DATA, 550, "5.2.0",
	    "550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]",
	    V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce: GoDaddy IB506", NULL, STAGE_DATA, 550, "5.2.0",
	    "From: Domain is invalid. Please provide a valid From: IB506",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: an open relay is the sending host", NULL, STAGE_MAIL, 501,
	    "", "no access from mail server [192.0.2.55] which is an open relay",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: Gmail's sending quota is the sender's rate", NULL,
	    STAGE_DATA, 550, "5.4.5", "Daily user sending quota exceeded.",
	    V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "bounce: a blacklisted address is the sender's", NULL, STAGE_DATA,
	    550, "", "Sorry, you are sending to/from an address that has been "
	    "blacklisted", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: a protocol violation by the client is policy", NULL,
	    STAGE_DATA, 550, "", "550 Protocol violation",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce: Postfix cannot start TLS", NULL, STAGE_DATA, 450, "4.7.5",
	    "Cannot start TLS: handshake failure",
	    V(TLS_FAILED), R(TLS_HANDSHAKE_FAILED), NULL },
	/* Exchange Server's NDR 5.1.0 and its Sender Filter agent */
	{ "bounce: Exchange's Sender denied is the sender's", NULL,
	    STAGE_DATA, 550, "5.1.0", "Sender denied", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "bounce: Courier's required TLS the server did not offer", NULL,
	    STAGE_DATA, 550, "", "/SECURITY=REQUIRED set, but TLS is not "
	    "available", V(TLS_FAILED), R(STARTTLS_NOT_OFFERED), NULL },

	/* bounces in Chinese only, and with an X.0.0 code and English words */
	{ "bounce zh: 被识别为垃圾邮件", NULL, STAGE_DATA, 550, "",
	    "550 被识别为垃圾邮件", V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce zh mixed: 内容违规", NULL, STAGE_DATA, 554, "5.0.0",
	    "554 5.0.0 Error: 邮件内容违规", V(BLOCKED), R(CONTENT_REJECTED),
	    NULL },
	{ "bounce zh: 含有违禁内容", NULL, STAGE_DATA, 554, "",
	    "554 邮件含有违禁内容", V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce zh: 病毒", NULL, STAGE_DATA, 554, "",
	    "554 邮件含有病毒", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "bounce zh: 无法清除的病毒", NULL, STAGE_DATA, 552, "",
	    "552 信件包含无法清除的病毒", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "bounce zh: 反垃圾邮件引擎", NULL, STAGE_DATA, 552, "",
	    "552 反垃圾邮件引擎被拒绝的邮件", V(BLOCKED), R(CONTENT_REJECTED),
	    NULL },
	{ "bounce zh trap: NetEase's advice is no virus", NULL, STAGE_DATA,
	    554, "", "554 请检查是否有用户发送病毒或者垃圾邮件",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce zh: 用户不存在", NULL, STAGE_DATA, 550, "",
	    "550 用户不存在", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce zh mixed: 收件人不存在", NULL, STAGE_RCPT, 550, "5.0.0",
	    "550 5.0.0 Error: 收件人不存在", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce zh: 邮箱空间已满", NULL, STAGE_DATA, 552, "",
	    "552 邮箱空间已满", V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "bounce zh: 账号已停用", NULL, STAGE_RCPT, 550, "",
	    "550 账号已停用", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "bounce zh: 发送频率过高 is the rate", NULL, STAGE_DATA, 550, "",
	    "550 发送频率过高", V(BLOCKED), R(RATE_LIMITED), NULL },
	/*
	 * NetEase's MI:STC and RP:TRC: one sender address's messages or
	 * recipients today, over its limit (its 企业退信的常见问题 list), not
	 * the IP's reputation; MI:SFQ and RP:QRC the same over minutes
	 */
	{ "bounce: netease's MI:STC is the sender's limit for the day", NULL,
	    STAGE_DATA, 554, "", "554 MI:STC \xe5\x8f\x91\xe4\xbb\xb6\xe4"
	    "\xba\xba\xe5\xbd\x93\xe5\xa4\xa9\xe5\x86\x85",
	    V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "bounce: netease's RP:TRC is the sender's limit for the day", NULL,
	    STAGE_RCPT, 550, "", "550 RP:TRC", V(BLOCKED), R(RATE_LIMITED),
	    NULL },
	{ "bounce: netease's MI:SFQ is the sender's limit over minutes", NULL,
	    STAGE_DATA, 451, "", "451 MI:SFQ \xe5\x8f\x91\xe4\xbf\xa1\xe4"
	    "\xba\xba\xe5\x9c\xa8""15\xe5\x88\x86\xe9\x92\x9f\xe5\x86\x85",
	    V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "bounce: netease's RP:QRC is the sender's limit over minutes", NULL,
	    STAGE_RCPT, 451, "", "451 RP:QRC", V(TEMPORARY), R(RATE_LIMITED),
	    NULL },
	{ "bounce zh mixed: 信誉 is the reputation", NULL, STAGE_RCPT, 550,
	    "5.0.0", "550 5.0.0 Error: IP信誉度过低", V(BLOCKED),
	    R(BAD_REPUTATION), NULL },
	{ "bounce zh: 没有权限 is not authorized", NULL, STAGE_DATA, 550, "",
	    "550 没有权限", V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce zh: 拒绝中继", NULL, STAGE_RCPT, 554, "", "554 拒绝中继",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "bounce zh: 域名不存在", NULL, STAGE_RCPT, 550, "",
	    "550 域名不存在", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce zh: 黑名单", NULL, STAGE_RCPT, 554, "",
	    "554 IP在黑名单中", V(BLOCKED), R(IP_BLOCKLISTED), NULL },

	/* Orange and La Poste: the tag's number decides (its OFR code list) */
	{ "bounce: La Poste LPN007_416 is an invalid recipient", NULL,
	    STAGE_DATA, 550, "5.5.0", "550 5.5.0 Adresse destinataire "
	    "invalide. Invalid recipient. LPN007_416",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: Orange OFR005_505 is the receiver's trouble", NULL,
	    STAGE_DATA, 421, "4.2.0", "421 4.2.0 Service refuse. Veuillez "
	    "essayer plus tard. Service refused, please try later. "
	    "OFR005_505 [505]", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: La Poste LPN006_107 refuses the sending host", NULL,
	    STAGE_DATA, 421, "4.2.1", "421 4.2.1 Service refuse. Veuillez "
	    "essayer plus tard. Service refused, please try later. "
	    "LPN006_107", V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: Orange OFR_417 is a full mailbox", NULL, STAGE_RCPT, 552,
	    "5.1.1", "552 5.1.1 Boite du destinataire pleine. Recipient "
	    "overquota. OFR_417 [417]", V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "bounce: La Poste LPN416 with no run before the number", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 Adresse d au moins un "
	    "destinataire invalide. Invalid recipient. LPN416",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/* Cox's lettered AUP# codes, Spectrum's numbered ones, GoDaddy's IB */
	{ "bounce: Cox AUP#CXDNS is the reverse DNS", NULL, STAGE_RCPT, 554,
	    "5.7.1", "554 5.7.1 cox.net rejected - no rDNS - AUP#CXDNS",
	    V(BLOCKED), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "bounce: Cox AUP#IPBL0011 is a DNSBL", NULL, STAGE_RCPT, 554, "",
	    "554 esmtp.cox.net 192.0.2.1 rejected. AUP#IPBL0011",
	    V(BLOCKED), R(IP_BLOCKLISTED), NULL },
	{ "bounce: Cox AUP#CXCNCT is too many connections", NULL, STAGE_RCPT,
	    421, "", "421 cox.net too many sessions from 192.0.2.1 AUP#CXCNCT",
	    V(TEMPORARY), R(TOO_MANY_CONNECTIONS), NULL },
	{ "bounce: Spectrum AUP#I-1350 is the rate", NULL, STAGE_RCPT, 550,
	    "5.1.0", "550 5.1.0 Refused. AUP#I-1350",
	    V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "bounce: Spectrum AUP#O-1530 is the size", NULL, STAGE_DATA, 552,
	    "", "552 Message too large. AUP#O-1530",
	    V(BLOCKED), R(MESSAGE_TOO_BIG), NULL },
	{ "bounce: Spectrum AUP#1110 is the reverse DNS", NULL, STAGE_RCPT, 550,
	    "", "550 Refused. AUP#1110",
	    V(BLOCKED), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "bounce: GoDaddy IB101 is its own load", NULL, STAGE_BANNER, 421,
	    "", "421 Server temporarily unavailable. Try again later. IB101",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: GoDaddy IB212 is spam content", NULL, STAGE_DATA, 552,
	    "", "552 This message has been rejected due to content judged to "
	    "be spam by the internet community. IB212",
	    V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce: GoDaddy IB110 is the IP, not a rate", NULL, STAGE_RCPT, 554,
	    "", "554 This IP has been temporarily blocked for attempting to "
	    "send too many messages containing content judged to be spam by "
	    "the Internet community. IB110", V(BLOCKED),
	    R(REPUTATION_OR_RATE), NULL },
	{ "bounce: GoDaddy IB103 is the reputation", NULL, STAGE_RCPT, 554, "",
	    "554 Connection refused. This IP has a poor reputation on Cloudmark "
	    "Sender Intelligence (CSI). IB103", V(BLOCKED), R(BAD_REPUTATION),
	    NULL },
	{ "bounce: i.ua's /err/8/ is the sender", NULL, STAGE_RCPT, 550, "",
	    "550 Sender rejected. See http://mail.i.ua/err/8/",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: i.ua's /err/10/ is the recipient's list", NULL, STAGE_RCPT,
	    550, "", "550 Not allowed. See http://mail.i.ua/err/10/",
	    V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: Facebook DNS-P3 is the reverse DNS", NULL, STAGE_RCPT, 550,
	    "5.7.1", "550 5.7.1 DNS-P3 http://postmaster.facebook.com/"
	    "response_codes?ip=192.0.2.1#dns", V(BLOCKED),
	    R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "bounce trap: DNS-P3 without Facebook is no Facebook code", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 user unknown DNS-P3",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	/* Tencent's help pages (service.mail.qq.com/detail/122/N) */
	{ "bounce: Tencent suspected spam IP is the IP", "mx3.qq.com",
	    STAGE_DATA, 550, "", "550 Suspected spam ip [V2VkIEFwc] "
	    "http://service.mail.qq.com/detail/122/66", V(BLOCKED),
	    R(REPUTATION_OR_RATE), NULL },
	{ "bounce: Tencent connection denied is the IP", "mx3.qq.com",
	    STAGE_RCPT, 550, "", "550 Connection denied. "
	    "http://service.mail.qq.com/detail/122/170", V(BLOCKED),
	    R(REPUTATION_OR_RATE), NULL },
	{ "bounce: Tencent receiving frequency is the rate", "mx3.qq.com",
	    STAGE_RCPT, 550, "", "550 The frequency of receiving messages is "
	    "limited. http://service.mail.qq.com/detail/122/1011", V(BLOCKED),
	    R(RATE_LIMITED), NULL },
	{ "bounce: Tencent rejected by recipients is the recipient's",
	    "mx3.qq.com", STAGE_DATA, 550, "", "550 Mail is rejected by "
	    "recipients. http://service.mail.qq.com/detail/122/92",
	    V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: Gmail's receiving at a rate is the rate", GMAIL, STAGE_RCPT,
	    450, "4.2.1", "The user you are trying to contact is receiving "
	    "mail at a rate that\nprevents additional messages from being "
	    "delivered. a1si - gsmtp", V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "bounce: Yahoo's receiving too quickly is the rate", NULL,
	    STAGE_RCPT, 450, "", "450 User is receiving mail too quickly",
	    V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "bounce: Yahoo's unresolvable RFC.5321 domain is the sender", NULL,
	    STAGE_MAIL, 451, "", "451 Message temporarily deferred due to "
	    "unresolvable RFC.5321 from domain", V(TEMPORARY),
	    R(SENDER_REJECTED), NULL },
	{ "bounce: Yahoo's max message per connection", NULL, STAGE_DATA, 421,
	    "", "421 Max message per connection reached, closing transmission "
	    "channel", V(TEMPORARY), R(TOO_MANY_CONNECTIONS), NULL },
	/*
	 * the return path refused, a mailbox's own space, the receiver's fault
	 */
	{ "bounce: BATV is the return path", NULL, STAGE_RCPT, 553, "",
	    "553 sorry, BATV failed to verify", V(BLOCKED), R(SENDER_REJECTED),
	    NULL },
	{ "bounce: SES's unverified address is the sender", NULL, STAGE_MAIL,
	    554, "", "554 Message rejected: Email address is not verified.",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: a full mailbox", NULL, STAGE_RCPT, 550, "",
	    "550 Recipient has a full mailbox", V(MAILBOX_FULL),
	    R(MAILBOX_FULL), NULL },
	{ "bounce: Exim's temporary local problem is the receiver's", NULL,
	    STAGE_RCPT, 451, "", "451 Temporary local problem - please try "
	    "later", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: La Poste's archived recipient", NULL, STAGE_RCPT, 550,
	    "5.5.0", "550 5.5.0 Boite du destinataire archivee. Archived "
	    "recipient.", V(UNDELIVERABLE), R(MAILBOX_DISABLED), NULL },
	{ "bounce: an unknown domain", NULL, STAGE_RCPT, 550, "",
	    "550 Recipient address rejected: unknown domain name",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: Exchange's authentication for non-local addresses", NULL,
	    STAGE_RCPT, 550, "", "550 Mail server requires authentication when "
	    "attempting to send to a non-local e-mail address",
	    V(BLOCKED), R(RELAY_DENIED), NULL },
	{ "bounce: too many SMTP sessions", NULL, STAGE_RCPT, 421, "",
	    "421 Too many SMTP sessions for this host", V(TEMPORARY),
	    R(TOO_MANY_CONNECTIONS), NULL },
	{ "bounce: organizational settings are policy", NULL, STAGE_DATA, 550,
	    "", "550 Message bounced due to organizational settings",
	    V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce: an executable attachment is a virus risk", NULL,
	    STAGE_DATA, 554, "", "554 Rejected: it has a potentially "
	    "executable attachment", V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "bounce: RFC 3463 X.2.3's words are the size", NULL, STAGE_DATA, 552,
	    "", "552 Message length exceeds administrative limit",
	    V(BLOCKED), R(MESSAGE_TOO_BIG), NULL },
	{ "bounce: Microsoft's DBEB 'Recipient address rejected: Access "
	    "denied' is the address", NULL, STAGE_RCPT, 554, "5.7.1",
	    "554 5.7.1 <kijitora@example.ch>: Recipient address rejected: "
	    "Access denied", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: RFC 5321's bare 550 'mailbox unavailable' is the address",
	    NULL, STAGE_RCPT, 550, "5.5.0", "550 Requested action not taken: "
	    "mailbox unavailable (-0000000022:2222:-0000000022)",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: 450 'mailbox unavailable' is a busy mailbox", NULL,
	    STAGE_RCPT, 450, "", "450 Requested mail action not taken: mailbox "
	    "unavailable", V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "bounce: Exchange's RESOLVER.ADR.ExRecipNotFound is the address",
	    NULL, STAGE_RCPT, 550, "", "550 RESOLVER.ADR.ExRecipNotFound; "
	    "not found", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
		{ "bounce: 'Your IP address has been blacklisted' is the IP, not the "
	    "sender's address", NULL, STAGE_DATA, 550, "5.7.1", "550 5.7.1 Your "
	    "IP address has been blacklisted", V(BLOCKED), R(IP_BLOCKLISTED),
	    NULL },
	{ "bounce: 'your email address has been blacklisted' stays the "
	    "sender's", NULL, STAGE_DATA, 550, "5.7.1", "550 5.7.1 Your email "
	    "address has been blacklisted", V(BLOCKED), R(SENDER_REJECTED),
	    NULL },
{ "bounce: Exchange's NDR words for RecipNotFound are the address",
	    NULL, STAGE_DATA, 550, "", "The email address you entered "
	    "couldn't be found. Please check the recipient's email address",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: Office 365's 'NAME wasn't found at DOMAIN.' is the address",
	    NULL, STAGE_DATA, 550, "", "Your message to bob@example.com "
	    "couldn't be delivered. bob wasn't found at example.com.",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: Exchange's RESOLVER.ADR.BadPrimary is its directory",
	    NULL, STAGE_DATA, 550, "5.2.0", "550 5.2.0 RESOLVER.ADR.BadPrimary; "
	    "the primary SMTP address is invalid", V(TEMPORARY),
	    R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: Exchange's RESOLVER.ADR.InvalidInSmtp is its directory",
	    NULL, STAGE_DATA, 550, "5.1.0", "550 5.1.0 RESOLVER.ADR."
	    "InvalidInSmtp; invalid address in SMTP", V(TEMPORARY),
	    R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: Exchange's RESOLVER.ADR.Ambiguous is its directory",
	    NULL, STAGE_DATA, 550, "5.1.4", "550 5.1.4 RESOLVER.ADR.Ambiguous; "
	    "ambiguous address", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: Exchange 2003's 000C0595 Ambiguous Recipient", NULL,
	    STAGE_DATA, 550, "", "MSEXCH:IMS:EXAMPLE:EXCHANGE 0 (000C0595) "
	    "Ambiguous Recipient", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce trap: InterScan's heading names no cause", NULL, STAGE_DATA,
	    550, "", "Unable to deliver message to <kijitora@example.jp> (and "
	    "other recipients in the same domain).", V(BLOCKED), R(UNKNOWN),
	    NULL },
	{ "bounce trap: an invalid domain name in a reply is not the "
	    "recipient's", NULL, STAGE_MAIL, 501, "", "501 5.5.4 Invalid "
	    "domain name", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce trap: a bare 5.1.4 stays the address", NULL, STAGE_DATA,
	    550, "5.1.4", "550 5.1.4 Destination mailbox address ambiguous",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: Exim's own malformed address is the address", NULL,
	    STAGE_DATA, 550, "", "kijitora@example.jp <neko: malformed "
	    "address: <neko may not follow kijitora@example.jp",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: Exim's expected word or \"<\" is the address", NULL,
	    STAGE_DATA, 550, "", "\"kijitora: missing or malformed local part "
	    "(expected word or \"<\")", V(UNDELIVERABLE), R(INVALID_ADDRESS),
	    NULL },
	{ "bounce: Exchange's RESOLVER.RST.NotAuthorized", NULL, STAGE_RCPT,
	    550, "5.7.1", "550 5.7.1 RESOLVER.RST.NotAuthorized; sender "
	    "restricted", V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	/* Apple iCloud's and Mimecast's documented replies */
	{ "bounce: iCloud's inactive email address is the address", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 <a@icloud.com>: inactive email "
	    "address", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: iCloud's excessive volume is the rate", NULL, STAGE_RCPT,
	    421, "4.7.1", "421 4.7.1 Messages to a@icloud.com deferred due to "
	    "excessive volume. Try again later", V(TEMPORARY), R(RATE_LIMITED),
	    NULL },
	{ "bounce: Mimecast's envelope blocked is the sender", NULL,
	    STAGE_RCPT, 550, "", "550 Envelope blocked - User Entry - "
	    "https://community.mimecast.com/docs/DOC-1369#550",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: Mimecast's security policies are a virus signature",
	    "us-smtp-inbound-1.mimecast.com", STAGE_DATA, 554, "",
	    "554 Email rejected due to security policies - "
	    "https://community.mimecast.com/docs/DOC-1369#554",
	    V(BLOCKED), R(VIRUS_DETECTED), NULL },
	{ "bounce: Mimecast's route requires encryption", NULL, STAGE_RCPT,
	    553, "", "553 This route requires encryption (TLS)",
	    V(BLOCKED), R(TLS_REQUIRED), NULL },
	{ "bounce: Mimecast's maximum email size exceeded", NULL, STAGE_DATA,
	    554, "", "554 Maximum email size exceeded", V(BLOCKED),
	    R(MESSAGE_TOO_BIG), NULL },
	/* Broadcom Email Security.cloud (MessageLabs), its knowledge base */
	{ "bounce: Broadcom's blacklisted domain is the sender", NULL,
	    STAGE_MAIL, 553, "", "553-Sorry, your domain has been blacklisted",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: Broadcom's connection rejected by policy is reputation",
	    NULL, STAGE_BANNER, 501, "", "501 Connection rejected by policy "
	    "[7.7] 20805, please visit www.messagelabs.com/support",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: Broadcom's TLS/SSLv3 connection required", NULL,
	    STAGE_RCPT, 451, "4.7.1", "451 TLS/SSLv3 Connection required. "
	    "(#4.7.1)", V(TEMPORARY), R(TLS_REQUIRED), NULL },
	{ "bounce: Broadcom's recipient mailbox is not allowed", NULL,
	    STAGE_RCPT, 553, "", "553 Recipient mailbox is not allowed",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: a bare 501 is the SMTP exchange's fault", NULL, STAGE_RCPT,
	    501, "", "501 Syntax error in parameters or arguments",
	    V(PROTOCOL_ERROR), R(PROTOCOL_VIOLATION), NULL },
	{ "bounce trap: 501 with an address code is the address", NULL,
	    STAGE_RCPT, 501, "5.1.3", "501 5.1.3 Bad recipient address syntax",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: a line over the server's limit is a size limit", NULL,
	    STAGE_DATA, 500, "", "500 Line limit exceeded", V(BLOCKED),
	    R(MESSAGE_TOO_BIG), NULL },
	{ "bounce: Exchange's organisation-only recipient is not authorized",
	    NULL, STAGE_RCPT, 550, "5.7.133", "550 5.7.133 RESOLVER.RST."
	    "SenderNotAuthenticatedForGroup; Sender not authenticated for group",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce: a bare 4.7.1 holds the sending host back", NULL,
	    STAGE_RCPT, 450, "4.7.1", "450 4.7.1 Service unavailable",
	    V(TEMPORARY), R(REPUTATION_OR_RATE), NULL },
	{ "bounce: a bare 'blocked' is the sending host", NULL, STAGE_RCPT,
	    550, "", "550 Access from ip address 192.0.2.1 blocked",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce trap: 'internal error' beside an unknown user", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 User unknown (internal error "
	    "code 12)", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: a mailbox's size exceeded is a full mailbox", NULL,
	    STAGE_RCPT, 552, "5.2.2", "552 5.2.2 Mailbox size exceeded",
	    V(MAILBOX_FULL), R(MAILBOX_FULL), NULL },
	{ "bounce trap: a named list outranks 'connection denied'", NULL,
	    STAGE_RCPT, 550, "5.7.1", "550 5.7.1 Connection denied by DNSBL "
	    "zen.spamhaus.org", V(BLOCKED), R(IP_BLOCKLISTED),
	    NULL },
	{ "bounce: DBEB's 5.4.1 without Microsoft's host is the address", NULL,
	    STAGE_RCPT, 550, "5.4.1", "550 5.4.1 Recipient address rejected: "
	    "Access denied. AS(201806281)", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	/* the receiver out of storage (RFC 3463 X.3.1, X.4.5; RFC 5321 452) */
	{ "bounce: insufficient system storage is the system full", NULL,
	    STAGE_RCPT, 452, "4.3.1", "452 4.3.1 Insufficient system storage",
	    V(TEMPORARY), R(SYSTEM_FULL), NULL },
	{ "bounce: Postfix's recipient rate limit is the speed", NULL,
	    STAGE_RCPT, 450, "4.7.1", "450 4.7.1 Error: too many recipients "
	    "from 192.0.2.1", V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "bounce: Postfix's message rate limit is the speed", NULL,
	    STAGE_MAIL, 450, "4.7.1", "450 4.7.1 Error: too much mail from "
	    "192.0.2.1", V(TEMPORARY), R(RATE_LIMITED), NULL },
	{ "bounce: Sendmail's low queue disk is the system full", NULL,
	    STAGE_MAIL, 452, "4.4.5", "452 4.4.5 Insufficient disk space; try "
	    "again later", V(TEMPORARY), R(SYSTEM_FULL), NULL },
	{ "bounce: Sendmail's MaxMessageSize under 5.2.3 is the server's",
	    NULL, STAGE_DATA, 552, "5.2.3", "552 5.2.3 Message size exceeds "
	    "fixed maximum message size (10485760)", V(BLOCKED),
	    R(MESSAGE_TOO_BIG), NULL },
	{ "bounce: X.4.5 congestion is the system full", NULL, STAGE_DATA,
	    451, "4.4.5", "451 4.4.5 Try again", V(TEMPORARY), R(SYSTEM_FULL),
	    NULL },
	{ "bounce: qmail's not enough free space is the system full", NULL,
	    STAGE_RCPT, 550, "", "550 Requested action not taken: mailbox "
	    "unavailable (not enough free space)", V(TEMPORARY),
	    R(SYSTEM_FULL), NULL },
	/* X.1.7/X.1.8 and the words name the sender, not the recipient */
	{ "bounce: 5.1.7 sender address invalid is ours", NULL, STAGE_DATA,
	    550, "5.1.7", "550 5.1.7 <me@x.example>: Sender address invalid",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: 5.1.8 address does not exist is the sender's", NULL,
	    STAGE_DATA, 553, "5.1.8", "553 5.1.8 Address does not exist",
	    V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce: sender address does not exist, no code", NULL, STAGE_DATA,
	    550, "", "550 Sender address does not exist", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "bounce: 5.1.1 address invalid is still the recipient's", NULL,
	    STAGE_DATA, 550, "5.1.1", "550 5.1.1 Address invalid",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: a domain not found in DNS is not an unknown mailbox", NULL,
	    STAGE_DATA, 550, "5.1.2", "550 5.1.2 The domain example.com was "
	    "not found in DNS", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	/*
	 * too many recipients with a 5xx: the sending server did not split
	 * the message (RFC 3463 X.5.3) and gave it up, it was refused as it
	 * was addressed (NetEase's RP:RCL, GoDaddy's IB605, Sophos's
	 * XGEMAIL_0013); a 4xx stays temporary (RFC 5321 4.5.3.1.10)
	 */
	{ "bounce: NetEase's RP:RCL is refused", LAB, STAGE_RCPT, 550, "5.0.0",
	    "550 RP:RCL \xe7\xbe\xa4\xe5\x8f\x91\xe6\x94\xb6\xe4\xbb"
	    "\xb6\xe4\xba\xba", V(BLOCKED), R(TOO_MANY_RECIPIENTS), NULL },
	{ "bounce: 5.5.3 too many recipients is refused", NULL, STAGE_RCPT,
	    552, "5.5.3", "552 5.5.3 Too many recipients", V(BLOCKED),
	    R(TOO_MANY_RECIPIENTS), NULL },
	{ "bounce: GoDaddy's IB605 is refused", NULL, STAGE_RCPT, 550, "",
	    "550 IB605 Too many recipients", V(BLOCKED),
	    R(TOO_MANY_RECIPIENTS), NULL },
	{ "bounce: 452 4.5.3 too many recipients stays temporary", NULL,
	    STAGE_RCPT, 452, "4.5.3", "452 4.5.3 Too many recipients",
	    V(TEMPORARY), R(TOO_MANY_RECIPIENTS), NULL },
	/*
	 * Gmail's own bounce when TLS was required and the receiving server
	 * offered none (state 6, go-sisimai lhost/gmail.go): not a protocol
	 * error of the receiver's, not the receiver insisting on TLS
	 */
	{ "bounce: Gmail's remote server does not support TLS", NULL,
	    STAGE_MAIL, 500, "", "500 Remote server does not support TLS "
	    "(state 6).", V(TLS_FAILED), R(STARTTLS_NOT_OFFERED), NULL },
	/* RFC 3463's codes with no words of their own (classify_bounce) */
	{ "bounce: X.2.0 is the recipient's side", NULL, STAGE_RCPT, 550,
	    "5.2.0", "550 5.2.0 Mailbox unavailable", V(BLOCKED),
	    R(RECIPIENT_FILTER), NULL },
	{ "bounce: X.2.4 list expansion is the recipient's side", NULL,
	    STAGE_RCPT, 550, "5.2.4", "550 5.2.4 Mailing list expansion problem",
	    V(BLOCKED), R(RECIPIENT_FILTER), NULL },
	{ "bounce: X.1.4 ambiguous is the address", NULL, STAGE_RCPT, 550,
	    "5.1.4", "550 5.1.4 Destination mailbox address ambiguous",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: X.1.9 non-compliant mailer is the receiver's", NULL,
	    STAGE_DATA, 550, "5.1.9", "550 5.1.9 Non-compliant mailer",
	    V(BLOCKED), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce: X.4.2 bad connection is the network", NULL, STAGE_DATA, 554,
	    "5.4.2", "554 5.4.2 Bad connection", V(TEMPORARY),
	    R(CONNECTION_FAILED), NULL },
	{ "bounce: X.4.0 is the network", NULL, STAGE_DATA, 554, "5.4.0",
	    "554 5.4.0 Error", V(TEMPORARY), R(CONNECTION_FAILED), NULL },
	{ "bounce: X.4.6 routing loop", NULL, STAGE_DATA, 554, "5.4.6",
	    "554 5.4.6 Routing problem", V(BLOCKED), R(MAIL_LOOP), NULL },
	{ "bounce: X.5.2 syntax error is the protocol", NULL, STAGE_RCPT, 550,
	    "5.5.2", "550 5.5.2 Syntax error", V(PROTOCOL_ERROR),
	    R(PROTOCOL_VIOLATION), NULL },
	{ "bounce: X.7.2 list expansion prohibited is not authorized", NULL,
	    STAGE_RCPT, 550, "5.7.2", "550 5.7.2 Mailing list expansion "
	    "prohibited", V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce: X.7.17 mailbox owner changed (RRVS)", NULL, STAGE_RCPT, 550,
	    "5.7.17", "550 5.7.17 Mailbox owner has changed",
	    V(UNDELIVERABLE), R(MAILBOX_MOVED), NULL },
	{ "bounce: X.7.16 too big for the priority", NULL, STAGE_DATA, 550,
	    "5.7.16", "550 5.7.16 Not at this priority level", V(BLOCKED),
	    R(MESSAGE_TOO_BIG), NULL },
	/*
	 * A temporary code the sending server gave up on, with no words of
	 * their own: the cause its RFC 3463 / IANA entry names (temp_causes)
	 */
	{ "bounce 4xx: X.1.2 bad destination system", NULL, STAGE_RCPT, 450,
	    "4.1.2", "450 4.1.2 Bad destination system address",
	    V(TEMPORARY), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce 4xx: X.1.3 bad address syntax", NULL, STAGE_RCPT, 450,
	    "4.1.3", "450 4.1.3 Bad destination mailbox address syntax",
	    V(TEMPORARY), R(INVALID_ADDRESS), NULL },
	{ "bounce 4xx: X.1.4 ambiguous address", NULL, STAGE_RCPT, 450,
	    "4.1.4", "450 4.1.4 Destination mailbox address ambiguous",
	    V(TEMPORARY), R(INVALID_ADDRESS), NULL },
	{ "bounce 4xx: X.1.6 mailbox has moved", NULL, STAGE_RCPT, 450,
	    "4.1.6", "450 4.1.6 Destination mailbox has moved, no forwarding "
	    "address",
	    V(TEMPORARY), R(MAILBOX_MOVED), NULL },
	{ "bounce 4xx: X.1.9 non-compliant mailer", NULL, STAGE_DATA, 450,
	    "4.1.9", "450 4.1.9 Non-compliant mailer",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx: X.1.10 null MX", NULL, STAGE_RCPT, 450,
	    "4.1.10", "450 4.1.10 Recipient address has null MX",
	    V(TEMPORARY), R(NULL_MX), NULL },
	{ "bounce 4xx: X.2.1 mailbox disabled", NULL, STAGE_RCPT, 450,
	    "4.2.1", "450 4.2.1 Mailbox disabled, not accepting messages",
	    V(TEMPORARY), R(MAILBOX_DISABLED), NULL },
	{ "bounce 4xx: X.2.4 list expansion problem", NULL, STAGE_RCPT, 450,
	    "4.2.4", "450 4.2.4 Mailing list expansion problem",
	    V(TEMPORARY), R(RECIPIENT_FILTER), NULL },
	{ "bounce 4xx: X.3.2 not accepting network messages", NULL, STAGE_RCPT, 450,
	    "4.3.2", "450 4.3.2 System not accepting network messages",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx: X.4.2 bad connection", NULL, STAGE_DATA, 450,
	    "4.4.2", "450 4.4.2 Bad connection",
	    V(TEMPORARY), R(CONNECTION_FAILED), NULL },
	{ "bounce 4xx: X.4.4 unable to route", NULL, STAGE_RCPT, 450,
	    "4.4.4", "450 4.4.4 Unable to route",
	    V(TEMPORARY), R(DOMAIN_NO_MAIL), NULL },
	{ "bounce 4xx: X.5.4 invalid command arguments", NULL, STAGE_RCPT, 450,
	    "4.5.4", "450 4.5.4 Invalid command arguments",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx: X.5.5 wrong protocol version", NULL, STAGE_RCPT, 450,
	    "4.5.5", "450 4.5.5 Wrong protocol version",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx: X.6.0 media error", NULL, STAGE_DATA, 450,
	    "4.6.0", "450 4.6.0 Other or undefined media error",
	    V(TEMPORARY), R(CONTENT_FORMAT), NULL },
	{ "bounce 4xx: X.6.2 conversion prohibited", NULL, STAGE_DATA, 450,
	    "4.6.2", "450 4.6.2 Conversion required and prohibited",
	    V(TEMPORARY), R(CONTENT_FORMAT), NULL },
	{ "bounce 4xx: X.6.5 conversion failed", NULL, STAGE_DATA, 450,
	    "4.6.5", "450 4.6.5 Conversion failed",
	    V(TEMPORARY), R(CONTENT_FORMAT), NULL },
	{ "bounce 4xx: X.7.2 list expansion prohibited", NULL, STAGE_RCPT, 450,
	    "4.7.2", "450 4.7.2 Mailing list expansion prohibited",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.5 cryptographic failure", NULL, STAGE_DATA, 450,
	    "4.7.5", "450 4.7.5 Cryptographic failure",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.6 algorithm not supported", NULL, STAGE_DATA, 450,
	    "4.7.6", "450 4.7.6 Cryptographic algorithm not supported",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.7 message integrity failure", NULL, STAGE_DATA, 450,
	    "4.7.7", "450 4.7.7 Message integrity failure",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.12 password transition", NULL, STAGE_MAIL, 432,
	    "4.7.12", "432 4.7.12 A password transition is needed",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.13 account disabled", NULL, STAGE_RCPT, 450,
	    "4.7.13", "450 4.7.13 User account disabled",
	    V(TEMPORARY), R(MAILBOX_DISABLED), NULL },
	{ "bounce 4xx: X.7.15 priority too low", NULL, STAGE_RCPT, 450,
	    "4.7.15", "450 4.7.15 Priority level is too low",
	    V(TEMPORARY), R(NOT_AUTHORIZED), NULL },
	{ "bounce 4xx: X.7.16 too big for the priority", NULL, STAGE_DATA, 452,
	    "4.7.16", "452 4.7.16 Message is too big for the specified "
	    "priority",
	    V(TEMPORARY), R(MESSAGE_TOO_BIG), NULL },
	{ "bounce 4xx: X.7.17 mailbox owner changed", NULL, STAGE_RCPT, 450,
	    "4.7.17", "450 4.7.17 Mailbox owner has changed",
	    V(TEMPORARY), R(MAILBOX_MOVED), NULL },
	{ "bounce 4xx trap: X.1.1 may be an address not verified yet", NULL, STAGE_RCPT, 450,
	    "4.1.1", "450 4.1.1 <a@b.example>: Recipient address rejected: "
	    "unverified address: connect to mx.b.example[192.0.2.9]:25: "
	    "Connection timed out",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "bounce 4xx trap: X.2.0 names no cause", NULL, STAGE_RCPT, 450,
	    "4.2.0", "450 4.2.0 Other or undefined mailbox status",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "bounce 4xx trap: X.7.0 names no cause", NULL, STAGE_RCPT, 450,
	    "4.7.0", "450 4.7.0 Other or undefined security status",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	{ "bounce 4xx trap: X.4.1 no answer is the giving up", NULL, STAGE_RCPT, 450,
	    "4.4.1", "450 4.4.1 No answer from host",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx trap: X.4.8 is in no registry", NULL, STAGE_RCPT, 450,
	    "4.4.8", "",
	    V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce 4xx trap: words naming a policy keep it", NULL, STAGE_DATA, 450,
	    "4.7.5", "450 4.7.5 Rejected by policy",
	    V(TEMPORARY), R(TEMPORARY_OTHER), NULL },
	/* RFC 5321's basic codes, nothing else given */
	{ "bounce: 551 user not local", NULL, STAGE_RCPT, 551, "",
	    "551 User not local; please try <b@c.example>", V(UNDELIVERABLE),
	    R(MAILBOX_MOVED), NULL },
	{ "bounce: 553 with X.0.0 is the address", NULL, STAGE_RCPT, 553,
	    "5.0.0", "553 sorry", V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: RFC 5321's 553 text is the address", NULL, STAGE_RCPT, 553,
	    "", "553 Requested action not taken: mailbox name not allowed",
	    V(UNDELIVERABLE), R(INVALID_ADDRESS), NULL },
	{ "bounce: 555 parameters not recognized", NULL, STAGE_RCPT, 555, "",
	    "555 Unrecognized parameters", V(PROTOCOL_ERROR),
	    R(PROTOCOL_VIOLATION), NULL },
	{ "bounce: 500 command unrecognized", NULL, STAGE_DATA, 500, "",
	    "500 Command unrecognized", V(PROTOCOL_ERROR),
	    R(PROTOCOL_VIOLATION), NULL },
	{ "bounce trap: an unlisted AUP# number leaves the words", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 user unknown AUP#O-9999",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: 'ib' inside a word is no GoDaddy code", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 mailbox unknown at "
	    "smtp.lib212.example", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: 'ofr' inside a word is no Orange tag", NULL,
	    STAGE_RCPT, 550, "5.1.1", "550 5.1.1 user unknown at "
	    "mx.schofr_123.example", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	/*
	 * Sisimai's two-part texts (go-sisimai reason/why-*.go "pairs": the
	 * second part after the first), and the traps of those refused
	 * (test/explain/sisimai/phrases.tsv's header)
	 */
	{ "bounce pair: user ... was not found", NULL, STAGE_RCPT, 550, "",
	    "550 User bob was not found", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair: mailbox <name> unavailable or access denied", NULL,
	    STAGE_RCPT, 550, "", "550 Mailbox bob unavailable or access denied",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair trap: QQ Mail's bare 'Mailbox unavailable or access "
	    "denied' does not say which", NULL, STAGE_RCPT, 550, "",
	    "550 Mailbox unavailable or access denied", V(BLOCKED),
	    R(POLICY_OTHER), NULL },
	/*
	 * with an enhanced code a relay set beside it (QQ's own reply has
	 * none): still no cause named, not "does not exist"
	 */
	{ "QQ Mail's bare 'Mailbox unavailable or access denied' under 5.1.1",
	    NULL, STAGE_RCPT, 550, "5.1.1", "550 5.1.1 Mailbox unavailable or "
	    "access denied", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce pair trap: an address between the words is masked, not a "
	    "name", NULL, STAGE_RCPT, 550, "", "550 Mailbox <bob@qq.example> "
	    "unavailable or access denied", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce pair: non-existent user", NULL, STAGE_RCPT, 550, "",
	    "550 <a@b.example>... Non-existent user", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair: nonexistent user", NULL, STAGE_RCPT, 550, "",
	    "550 Nonexistent user", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	{ "bounce pair: rcpt (...) don't exist", NULL, STAGE_RCPT, 550, "",
	    "550 RCPT (bob) don't exist", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	{ "bounce pair: recipient ... was not found in the directory", NULL,
	    STAGE_RCPT, 550, "", "550 Recipient bob was not found in the "
	    "directory", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair trap: a recipient's domain not found in DNS is the "
	    "domain", NULL, STAGE_RCPT, 550, "", "550 Recipient address "
	    "rejected: domain example.com was not found in DNS",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce pair trap: the same with 5.1.2", NULL, STAGE_RCPT, 550,
	    "5.1.2", "550 5.1.2 Recipient address rejected: domain example.com "
	    "was not found in DNS", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	/*
	 * A domain the DNS does not know (domain_not_found) and one that
	 * exists with no MX and no address (domain_no_mail), in each
	 * system's words (classify.c); the words decide over the code.  The
	 * sending MTA's own words of its lookups (Postfix's "Host or domain
	 * name not found", Sendmail's "Host unknown", Gmail's "DNS Error:",
	 * qmail-remote's "couldn't find a mail exchanger", OpenSMTPD's "No
	 * MX found for") are mtacues.c's (test_explain.c, test_mtacues and
	 * test_dns_words)
	 */
	{ "bounce: Sendmail's null MX before its host unknown", NULL,
	    STAGE_RCPT, 550, "5.1.2",
	    "Host unknown (Name server: .: host not found)",
	    V(NO_MAIL_DOMAIN), R(NULL_MX), NULL },
	{ "bounce: qmail perm_dns by its code", NULL, STAGE_RCPT, 550, "5.1.2",
	    "Sorry, I couldn't find any host named b.example. (#5.1.2)",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: Yahoo no MX record", NULL, STAGE_RCPT, 554, "",
	    "554 No MX record found for domain=b.example",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NO_MAIL), NULL },
	{ "bounce: Exchange Online nonexistent domain", NULL, STAGE_RCPT, 550,
	    "5.4.4", "550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent "
	    "domain", V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: Exchange 2007's status name", NULL, STAGE_RCPT, 554,
	    "5.4.4", "554 5.4.4 SMTPSEND.DNS.NonExistentDomain",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: Messaging Server's illegal name", NULL, STAGE_RCPT, 550,
	    "5.4.4", "Illegal host/domain name found",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: X.1.2 alone", NULL, STAGE_RCPT, 550, "5.1.2",
	    "550 5.1.2 Bad destination system address",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NOT_FOUND), NULL },
	{ "bounce: X.4.4 alone", NULL, STAGE_RCPT, 550, "5.4.4",
	    "550 5.4.4 Unable to route",
	    V(NO_MAIL_DOMAIN), R(DOMAIN_NO_MAIL), NULL },
	{ "bounce pair trap: the client's hostname not found in DNS is ours",
	    NULL, STAGE_RCPT, 550, "", "550 Client host rejected: hostname not "
	    "found in DNS", V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce pair: Exim's unknown local-part", NULL, STAGE_RCPT, 550, "",
	    "550 unknown local-part \"bob\" in domain \"example.com\"",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair: user (...) unknown", NULL, STAGE_RCPT, 550, "",
	    "550 User (bob) unknown", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	{ "bounce pair trap: 5.1.7 keeps 'user ... was not found' the "
	    "sender's", NULL, STAGE_RCPT, 550, "5.1.7", "550 5.1.7 Sender user "
	    "bob was not found", V(BLOCKED), R(SENDER_REJECTED), NULL },
	{ "bounce pair trap: Postfix's SASL failure naming a user is the "
	    "authentication", NULL, STAGE_RCPT, 550, "", "550 SASL "
	    "authentication failed; server smtp.example.com[192.0.2.1] said: "
	    "535 5.7.8 Error: authentication failed: user bob was not found",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce: unknown e-mail address", NULL, STAGE_RCPT, 550, "",
	    "550 Unknown e-mail address", V(UNDELIVERABLE), R(MAILBOX_UNKNOWN),
	    NULL },
	{ "bounce pair trap (refused pair 'unknown e' ... 'mail address'): an "
	    "unknown error is no unknown address", NULL, STAGE_RCPT, 550, "",
	    "550 Unknown error while verifying the mail address",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "bounce pair trap (refused pair 'bad' ... 'recipient'): Postfix's "
	    "bad syntax is an invalid address", NULL, STAGE_RCPT, 501, "5.1.3",
	    "501 5.1.3 Bad recipient address syntax", V(UNDELIVERABLE),
	    R(INVALID_ADDRESS), NULL },
	{ "bounce pair trap (refused pair 'bad' ... 'recipient'): a bad DNS "
	    "name is no unknown mailbox", NULL, STAGE_RCPT, 550, "",
	    "550 Bad DNS name for recipient domain", V(BLOCKED), R(UNKNOWN),
	    NULL },
	{ "bounce pair trap (refused pair '<' ... '> not found'): a domain "
	    "in brackets is no mailbox", NULL, STAGE_RCPT, 550, "",
	    "550 <mx.example.com> not found", V(BLOCKED), R(UNKNOWN), NULL },
	{ "bounce pair: '<' ... '> not found', the address named then not "
	    "found", NULL, STAGE_RCPT, 550, "", "550 <bob@example.org> not found",
	    V(UNDELIVERABLE), R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: a bare address then not found", NULL, STAGE_RCPT, 550, "",
	    "550 bob@example.org not found", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: an address, a colon, not found, with no command named", NULL,
	    STAGE_DATA, 550, "", "550 <bob@example.org>: not found\n"
	    "(in reply to end of DATA command)", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: an address then does not exist", NULL, STAGE_RCPT, 553, "",
	    "553 <bob@example.org> does not exist", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce: Sendmail's address... No such user", NULL, STAGE_RCPT, 550,
	    "", "550 <bob@example.org>... No such user", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce trap: an address not found in DNS is no unknown mailbox",
	    NULL, STAGE_RCPT, 550, "", "550 <bob@example.org> not found in DNS",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "bounce trap: an address not found at MAIL is the sender's", NULL,
	    STAGE_MAIL, 550, "", "550 <bob@example.org> not found", V(BLOCKED),
	    R(SENDER_REJECTED), NULL },
	{ "bounce trap: 'not found' inside the address says nothing", NULL,
	    STAGE_RCPT, 550, "", "550 <not-found@example.org> rejected",
	    V(BLOCKED), R(UNKNOWN), NULL },
	{ "bounce pair trap (refused pair '553' ... 'does not exist'): a 553 "
	    "user is a mailbox, not a host", NULL, STAGE_RCPT, 553, "",
	    "553 5.1.1 user bob does not exist", V(UNDELIVERABLE),
	    R(MAILBOX_UNKNOWN), NULL },
	{ "bounce pair trap (refused pair 'domain' ... 'is a dead domain'): "
	    "whose domain is not said", NULL, STAGE_RCPT, 550, "",
	    "550 Domain example.com is a dead domain", V(BLOCKED), R(UNKNOWN),
	    NULL },
	{ "bounce pair trap (refused pair 'greylisted' ... 'please try again "
	    "in'): greylisting stays greylisting", NULL, STAGE_RCPT, 450, "",
	    "450 Greylisted, please try again in 300 seconds", V(TEMPORARY),
	    R(GREYLISTED), NULL },
	{ "bounce pair: DNS lookup failure of the client, try again later",
	    NULL, STAGE_RCPT, 451, "", "451 DNS lookup failure: 192.0.2.1 - "
	    "try again later", V(TEMPORARY), R(HOST_IDENTITY_PTR_HELO), NULL },
	{ "bounce pair: qmail-remote's refused to talk to me ... blocked", NULL,
	    STAGE_BANNER, 550, "", "550 host mx.example.com refused to talk to "
	    "me: 554 blocked", V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce pair: mail from <IP> refused:", NULL, STAGE_RCPT, 550, "",
	    "550 Mail from 192.0.2.1 refused: see www.example.org",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce pair: mail from <IP> refused, see ORBS", NULL, STAGE_RCPT,
	    550, "", "550 Mail from 192.0.2.1 refused, see http://www.orbs.org/",
	    V(BLOCKED), R(IP_BLOCKLISTED), NULL },
	{ "bounce pair trap: a sender address refused is masked, no IP", NULL,
	    STAGE_RCPT, 550, "", "550 Mail from <me@x.example> refused: "
	    "unverified", V(BLOCKED), R(POLICY_OTHER), NULL },
	{ "bounce pair: your access IP has been rejected", NULL, STAGE_RCPT,
	    550, "", "550 Your access IP 192.0.2.1 has been rejected",
	    V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce pair: unable to connect to a daemon is the receiver's",
	    NULL, STAGE_DATA, 451, "", "451 Unable to connect to the clamd "
	    "daemon", V(TEMPORARY), R(REMOTE_SERVER_ERROR), NULL },
	{ "bounce pair trap: mailer-daemon is no daemon of the receiver's",
	    NULL, STAGE_RCPT, 550, "", "550 Unable to connect to "
	    "mx.example.com, MAILER-DAEMON", V(BLOCKED), R(UNKNOWN), NULL },
	{ "bounce pair: Orange's mail rejected ... 506", NULL, STAGE_DATA, 550,
	    "5.7.1", "550 5.7.1 Mail rejete. Mail rejected. OUX [506]",
	    V(BLOCKED), R(CONTENT_REJECTED), NULL },
	{ "bounce pair: Orange's service refused ... 103", NULL, STAGE_BANNER,
	    550, "", "550 Veuillez essayer plus tard. Service refused, please "
	    "try later. [103]", V(BLOCKED), R(REPUTATION_OR_RATE), NULL },
	{ "bounce pair: Orange's authentification invalide ... 305", NULL,
	    STAGE_MAIL, 550, "", "550 Authentification invalide [305]",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce pair: Orange's authentification requise ... 402", NULL,
	    STAGE_MAIL, 550, "", "550 Authentification requise [402]",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce pair: Orange's not allowed to send mail ... 401", NULL,
	    STAGE_MAIL, 550, "", "550 5.7.1 Sender is not allowed to send "
	    "mail. OUX_401", V(BLOCKED), R(AUTH_SPF_DKIM_DMARC), NULL },
	{ "bounce pair: multiple ... headers", NULL, STAGE_DATA, 550, "",
	    "550 Message contains multiple From headers", V(BLOCKED),
	    R(MESSAGE_NOT_COMPLIANT), NULL },
	{ "bounce pair: mail score (...) over", NULL, STAGE_DATA, 550, "",
	    "550 Mail score (25.3) over limit", V(BLOCKED), R(CONTENT_REJECTED),
	    NULL },
	/* Sisimai's documented index texts (go-sisimai reason/why-*.go) */
	{ "bounce: '|| exit', 'bin/procmail': Sendmail's pipe recipient "
	    "before a reason that names none", NULL, STAGE_DATA, 554, "5.0.0",
	    "554 5.0.0 \"|exec /usr/bin/procmail -f- || exit 75\"... Service "
	    "unavailable", V(UNDELIVERABLE), R(MAILER_ERROR), NULL },
	{ "bounce: cPanel's max emails per hour is the sender's rate", NULL,
	    STAGE_DATA, 550, "", "550 Domain example.com has exceeded the max "
	    "emails per hour (100/100 (100%)) allowed.  Message discarded.",
	    V(BLOCKED), R(RATE_LIMITED), NULL },
	{ "bounce: Exchange's RESOLVER.RST.NotAuthorized with no code", NULL,
	    STAGE_RCPT, 550, "", "550 RESOLVER.RST.NotAuthorized",
	    V(BLOCKED), R(NOT_AUTHORIZED), NULL },
	{ "bounce trap (refused 'smtp protocol returned a permanent error'): "
	    "permanent says no cause", NULL, STAGE_RCPT, 550, "",
	    "550 SMTP protocol returned a permanent error", V(BLOCKED),
	    R(UNKNOWN), NULL },
};

/*
 * Each case of table t (n of them) through classify_reply(), or
 * classify_bounce() when bounce; the number that did not give what it
 * wants, each printed.
 */
static size_t
run_cases(const struct tcase *t, size_t n, int bounce)
{
	struct classification c;
	size_t i, fails = 0;
	const char *want_bl;

	for (i = 0; i < n; i++, t++) {
		want_bl = t->blocklist ? t->blocklist : "";
		(bounce ? classify_bounce : classify_reply)(t->stage, t->code,
		    t->enhanced, t->text, t->text ? strlen(t->text) : 0, t->mx,
		    &c);
		if (c.verdict != t->verdict || c.reason != t->reason ||
		    (!bounce && strcmp(c.blocklist, want_bl) != 0)) {
			print_error("FAIL %s: got %s/%s/\"%s\", want %s/%s/\"%s\"\n",
			    t->label, verdict_name(c.verdict),
			    reason_name(c.reason), c.blocklist,
			    verdict_name(t->verdict), reason_name(t->reason),
			    want_bl);
			fails++;
		}
	}
	return fails;
}

static void
test_bounce_table(void **state)
{
	(void)state;
	assert_int_equal(run_cases(bounce_cases, sizeof(bounce_cases) /
	    sizeof(bounce_cases[0]), 1), 0);
}

/*
 * A bounce's reply given with its ASCII letters lowered (explain lowers it
 * once for all its readers) is classified as the raw reply: every case of
 * both tables, the whole answer compared.
 */
static void
test_bounce_lowered(void **state)
{
	const struct {
		const struct tcase *t;
		size_t n;
	} tables[] = {
		{ cases, sizeof(cases) / sizeof(cases[0]) },
		{ bounce_cases, sizeof(bounce_cases) / sizeof(bounce_cases[0]) },
	};
	struct classification raw, low;
	const struct tcase *t;
	size_t i, j, k, n;
	char *l;

	(void)state;
	for (k = 0; k < sizeof(tables) / sizeof(tables[0]); k++)
		for (i = 0; i < tables[k].n; i++) {
			t = &tables[k].t[i];
			n = t->text ? strlen(t->text) : 0;
			l = t->text ? strdup(t->text) : NULL;
			for (j = 0; j < n; j++)
				if (l[j] >= 'A' && l[j] <= 'Z')
					l[j] = (char)(l[j] - 'A' + 'a');
			classify_bounce(t->stage, t->code, t->enhanced, t->text,
			    n, t->mx, &raw);
			classify_bounce(t->stage, t->code, t->enhanced, l, n,
			    t->mx, &low);
			if (memcmp(&raw, &low, sizeof(raw)) != 0)
				print_error("FAIL %s: lowered gives %s\n",
				    t->label, reason_name(low.reason));
			assert_memory_equal(&raw, &low, sizeof(raw));
			free(l);
		}
}

static void
test_table(void **state)
{
	(void)state;
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 40);
	assert_int_equal(run_cases(cases, sizeof(cases) / sizeof(cases[0]), 0),
	    0);
}

/* No 4xx, whatever its text, is ever a definite "does not exist". */
static void
test_4xx_never_definite(void **state)
{
	struct classification c;
	size_t i;
	int code;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (code = 400; code <= 459; code++) {
			classify_reply(STAGE_RCPT, code, "", cases[i].text,
			    cases[i].text ? strlen(cases[i].text) : 0,
			    cases[i].mx, &c);
			assert_int_not_equal(c.verdict, VERDICT_UNDELIVERABLE);
			assert_int_not_equal(c.verdict, VERDICT_NO_MAIL_DOMAIN);
			assert_int_not_equal(c.verdict, VERDICT_BLOCKED);
		}
}

/*
 * A full mailbox said in a 421 stays an unsure answer: probe and verify
 * exit 2 on it, the report counts it with the temporary ones, not with
 * the definite no a 452's mailbox_full verdict is.
 */
static void
test_421_full_unsure(void **state)
{
	static const char text[] = "User \"a@b.example\" is over quota";
	struct classification c;

	(void)state;
	classify_reply(STAGE_RCPT, 421, "", text, sizeof(text) - 1, LAB, &c);
	assert_int_equal(c.reason, REASON_MAILBOX_FULL);
	assert_int_equal(verdict_group(c.verdict, c.reason), GROUP_UNSURE);
	assert_int_equal(verdict_exit_status(c.verdict, c.reason),
	    MX_EXIT_UNSURE);
	assert_int_equal(summary_of(c.verdict, false, false), SUMMARY_UNKNOWN);
	classify_reply(STAGE_RCPT, 452, "4.2.2", text, sizeof(text) - 1, LAB,
	    &c);
	assert_int_equal(verdict_exit_status(c.verdict, c.reason), MX_EXIT_NO);
}

/* The text is read only within textlen, and NUL bytes do not end it. */
static void
test_bounds_and_nul(void **state)
{
	static const char raw[] = "User unknown\0 blocked using zen.spamhaus.org";
	struct classification c;
	char *exact;
	size_t len = sizeof(raw) - 1;

	(void)state;
	/* an exactly-sized heap copy: ASan catches any read past the end */
	exact = malloc(len);
	assert_non_null(exact);
	memcpy(exact, raw, len);
	classify_reply(STAGE_RCPT, 550, "", exact, len, LAB, &c);
	assert_int_equal(c.verdict, VERDICT_BLOCKED);
	assert_int_equal(c.reason, REASON_IP_BLOCKLISTED);
	assert_string_equal(c.blocklist, "zen.spamhaus.org");

	/* only the first 12 bytes count: "User unknown" */
	classify_reply(STAGE_RCPT, 550, "", exact, 12, LAB, &c);
	assert_int_equal(c.verdict, VERDICT_UNDELIVERABLE);
	assert_int_equal(c.reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(c.blocklist, "");

	/* cut in the middle of the list name */
	assert_int_equal(classify_blocklist(exact, len - 4, c.blocklist,
	    sizeof(c.blocklist)), 1);
	assert_string_equal(c.blocklist, "zen.spamhaus");
	free(exact);
}

static void
test_blocklist_names(void **state)
{
	static const struct {
		const char *text;
		const char *want;	/* NULL: none */
	} t[] = {
		{ "blocked using zen.spamhaus.org; see", "zen.spamhaus.org" },
		{ "Your IP 192.0.2.1 is listed in bl.example.org.", "bl.example.org" },
		{ "listed at b.barracudacentral.org", "b.barracudacentral.org" },
		/* Exim's classic DNSBL text */
		{ "rejected because 192.0.2.1 is in a black list at bl.example.net",
		    "bl.example.net" },
		{ "blocked using Barracuda Reputation", "b.barracudacentral.org" },
		{ "see https://www.spamhaus.org/sbl/query/SBL1", "Spamhaus" },
		{ "blocked using xbl.spamhaus.org", "xbl.spamhaus.org" },
		{ "blocked using ", NULL },
		{ "blocked using .", NULL },
		{ "blocked using ab", NULL },
		{ "no list here", NULL },
		{ "", NULL },
	};
	char out[128], small[8];
	size_t i;
	int got;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = classify_blocklist(t[i].text, strlen(t[i].text), out,
		    sizeof(out));
		assert_int_equal(got, t[i].want != NULL);
		assert_string_equal(out, t[i].want ? t[i].want : "");
	}
	/* a name that does not fit is not truncated into a wrong one */
	got = classify_blocklist("blocked using a-long-zone.example.org", 37,
	    small, sizeof(small));
	assert_int_equal(got, 0);
	assert_string_equal(small, "");
	assert_int_equal(classify_blocklist("blocked using x.y.z", 19, small, 0), 0);
	assert_int_equal(classify_blocklist(NULL, 0, out, sizeof(out)), 0);
}

/* A hostile text: long, binary, every byte value; must still classify. */
static void
test_hostile_text(void **state)
{
	struct classification c;
	size_t len = 65536, i;
	char *buf = malloc(len);

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < len; i++)
		buf[i] = (char)(i * 131 + 7);
	classify_reply(STAGE_RCPT, 550, "5.7.1", buf, len, MSFT, &c);
	assert_true(c.verdict < VERDICT__LAST);
	assert_true(c.reason < REASON__LAST);
	assert_true(strlen(c.blocklist) < sizeof(c.blocklist));
	memset(buf, 'A', len);
	memcpy(buf + len - 20, "blocked using aaa.bb", 20);
	classify_reply(STAGE_RCPT, 554, "", buf, len, NULL, &c);
	assert_int_equal(c.reason, REASON_IP_BLOCKLISTED);
	assert_string_equal(c.blocklist, "aaa.bb");
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_bounce_table),
		cmocka_unit_test(test_bounce_lowered),
		cmocka_unit_test(test_4xx_never_definite),
		cmocka_unit_test(test_421_full_unsure),
		cmocka_unit_test(test_bounds_and_nul),
		cmocka_unit_test(test_blocklist_names),
		cmocka_unit_test(test_hostile_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
