/*
 * catalog.c - every text mxtrace shows a person, one table per language
 * (English, Simplified Chinese): what each (verdict, reason) means and
 * what to do, a short name per verdict, and the labels of the terminal
 * trace and the HTML report.
 *
 * Public: lang_from_name(), lang_pick(), catalog_explain(),
 * catalog_explain_for(), catalog_action(), catalog_verdict_label(),
 * catalog_label(), catalog_label_with(), catalog_fmt(), catalog_label_key().
 *
 * Audiences: the same reason is worded for its reader.  A probe from this
 * machine (AUDIENCE_PROBE: the verdict tables) speaks of "this probe"; a
 * bounce the user received (AUDIENCE_BOUNCE: the reader tables, one row per
 * reason, every reason present) speaks of "your message" and names the
 * side; the user's own sender set-up (AUDIENCE_SENDER) reads the bounce
 * rows until it has its own.
 *
 * Adding a label: one line in en_labels and one in zh_labels (the unit test
 * fails when a key is missing from either).  Adding an explanation: one row
 * per language; a (verdict, reason) without a row of its own gets the
 * verdict's row with REASON_ANY.  Explanation templates may hold {bl} (the
 * blocklist's name) and {delist} (where to ask for removal, when the list
 * is known); only rows with a text_bl use them, and text_own, when it
 * is given, for a list its owner keeps to itself (delist_urls .own).
 *
 * Errors: an unknown language, verdict, reason or label key is a bug in the
 * caller: fatalx.  Texts from the network (the blocklist name) are only
 * inserted; escaping them is the output module's job.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meaning/catalog.h"
#include "base/plural.h"
#include "base/util.h"

#define REASON_ANY	(-1)
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct explain_row {
	int		 verdict;
	int		 reason;	/* REASON_ANY: the verdict's fallback */
	const char	*text;
	const char	*text_bl;	/* with {bl}, when a list is named; may be NULL */
	const char	*text_own;	/* with {bl}, for a list its owner keeps
					 * to itself (delist_urls .own); may be
					 * NULL */
};

/* A text for one reader (audience), by reason: what happened, what to do. */
struct reader_row {
	int		 reason;
	const char	*text;
	const char	*action;
	const char	*action_bl;	/* with {bl}, when a list is named; may be NULL */
	const char	*action_own;	/* with {bl}, for a list its owner keeps
					 * to itself (delist_urls .own); may be
					 * NULL */
};

struct label_row {
	const char	*key;
	const char	*text;
};

#define E(v, r, t)		{ VERDICT_##v, REASON_##r, t, NULL, NULL }
#define EB(v, r, t, tb)		{ VERDICT_##v, REASON_##r, t, tb, NULL }
#define EBO(v, r, t, tb, to)	{ VERDICT_##v, REASON_##r, t, tb, to }
#define EANY(v, t)		{ VERDICT_##v, REASON_ANY, t, NULL, NULL }

/*
 * A full mailbox reads the same whether the server said it with a 452
 * (verdict mailbox_full) or with a 421 (verdict temporary: classify.c).
 */
#define EN_MAILBOX_FULL \
	"The mailbox exists but is full, so the server refuses new mail " \
	"for now. Try again in a few days, or reach the customer another " \
	"way and ask them to make room."
#define ZH_MAILBOX_FULL \
	"这个邮箱存在，但已经满了，服务器暂时不收新邮件。" \
	"可以过几天再发，或通过其他方式联系客户，请他清理邮箱。"

static const struct explain_row en_explain[] = {
	E(DELIVERABLE, ACCEPTED,
	    "The recipient's mail server accepted this address, so mail sent to "
	    "it should arrive. A server can still refuse a message later, for "
	    "example as spam."),
	EANY(DELIVERABLE,
	    "The recipient's mail server accepted this address."),
	E(CATCH_ALL, CATCH_ALL,
	    "This domain's mail server accepts every address, even made-up "
	    "ones, so this check cannot tell whether the mailbox really exists. "
	    "Confirm the address with the customer before relying on it."),
	EANY(CATCH_ALL,
	    "This domain accepts every address, so the check cannot tell "
	    "whether this mailbox exists."),
	E(UNDELIVERABLE, MAILBOX_UNKNOWN,
	    "The recipient's mail server says this mailbox does not exist. "
	    "Check the address for typos or ask the customer for the right "
	    "one; do not keep sending to it."),
	E(UNDELIVERABLE, MAILBOX_DISABLED,
	    "This mailbox exists but has been disabled or closed, so it no "
	    "longer receives mail. Ask the customer for their current address."),
	E(UNDELIVERABLE, MAILBOX_MOVED,
	    "The recipient's mail server says this mailbox has moved and gives "
	    "no forwarding address. Ask the customer for their new address."),
	E(UNDELIVERABLE, INVALID_ADDRESS,
	    "The recipient's mail server says this address is not valid. Check "
	    "its spelling or ask the customer for the right one."),
	EANY(UNDELIVERABLE,
	    "The recipient's mail server says mail cannot be delivered to this "
	    "address. Confirm the address with the customer."),
	E(MAILBOX_FULL, MAILBOX_FULL, EN_MAILBOX_FULL),
	EANY(MAILBOX_FULL,
	    "The mailbox is full. Try again in a few days."),
	EBO(BLOCKED, IP_BLOCKLISTED,
	    "The mail server refused the IP address this check ran from because"
	    " it is on a blocklist. This is about the machine the check ran "
	    "from, not about the customer's address. Check again from your "
	    "company's real mail server; if that server's IP is listed too, ask"
	    " your provider to have it removed. To check your company's mail "
	    "server and its neighbours: mxtrace sender YOUR-DOMAIN.",
	    "The mail server refused the IP address this check ran from because"
	    " it is listed on {bl}. This is about the machine the check ran "
	    "from, not about the customer's address. Check again from your "
	    "company's real mail server; if that server's IP is listed too, ask"
	    " your provider to delist it{delist}. To check your company's mail "
	    "server and its neighbours: mxtrace sender YOUR-DOMAIN.",
	    "The mail server refused the IP address this check ran from because"
	    " it is on {bl}'s own list of blocked senders, which no public "
	    "blocklist lookup shows. This is about the machine the check ran "
	    "from, not about the customer's address. Check again from your "
	    "company's real mail server; if it is refused the same way, only "
	    "{bl} itself can check and remove it, through its delist "
	    "page{delist}: ask your provider to request removal there. "
	    "mxtrace sender YOUR-DOMAIN is still worth running for what other "
	    "receivers check (public blocklists, reverse DNS, SPF), but it "
	    "cannot see {bl}'s list."),
	EB(BLOCKED, DOMAIN_BLOCKLISTED,
	    "The mail server refused the check because a domain, not the IP, "
	    "is on a domain blocklist: the sender address's domain, the HELO "
	    "name or the check host's name. This is about the sending side's "
	    "domain, not about the customer's address. Look the domain up on "
	    "the list's lookup page, find out why it was listed (often a "
	    "compromised website or a link in your mail), fix that and ask for"
	    " removal. To check your domain: mxtrace sender YOUR-DOMAIN.",
	    "The mail server refused the check because a domain, not the IP, "
	    "is listed on {bl}: the sender address's domain, the HELO name or"
	    " the check host's name. This is about the sending side's domain, "
	    "not about the customer's address. Look the domain up on the "
	    "list's lookup page{delist}, find out why it was listed (often a "
	    "compromised website or a link in your mail), fix that and ask for"
	    " removal. To check your domain: mxtrace sender YOUR-DOMAIN."),
	EB(BLOCKED, RECIPIENT_DOMAIN_BLOCKLISTED,
	    "The mail server refused this address because its domain (the "
	    "part after @) is on a domain blocklist the server checks: a list "
	    "of domains seen in spam or phishing. This is about the customer's "
	    "address, not about the machine the check ran from. Check the "
	    "domain for typos (look-alike domains are often listed); if it is "
	    "right, ask the customer for an address at another domain, or to "
	    "have their domain removed from the list.",
	    "The mail server refused this address because its domain (the "
	    "part after @) is listed on {bl}, a domain blocklist the server "
	    "checks{delist}. This is about the customer's address, not about "
	    "the machine the check ran from. Check the domain for typos "
	    "(look-alike domains are often listed); if it is right, ask the "
	    "customer for an address at another domain, or to have their "
	    "domain removed from the list."),
	E(BLOCKED, REPUTATION_OR_RATE,
	    "The mail server refused the IP address this check ran from because"
	    " of its reputation or because too much mail came from it. This is "
	    "about the machine the check ran from, not about the customer's "
	    "address. Check again, more slowly, from a machine that may send "
	    "mail (your company's real mail server)."),
	/* a limit on the sender address: NetEase's MI:STC, RP:TRC (cue_rules) */
	E(BLOCKED, RATE_LIMITED,
	    "The mail server refused the sender address this check used "
	    "(--mail-from) because too much mail came from that address (today, "
	    "or in a short time). This is about the machine the check ran from, "
	    "not about the customer's address. Check again later (tomorrow, if "
	    "the reply names the day's limit), with fewer addresses at a time."),
	E(BLOCKED, AUTH_SPF_DKIM_DMARC,
	    "The mail server refused the sender address this check used because"
	    " its domain failed the SPF, DKIM or DMARC checks. This is about "
	    "the machine the check ran from, not about the customer's address. "
	    "Check again with --mail-from set to an address of your company's "
	    "own domain, from its real mail server. To check your own domain: "
	    "mxtrace sender YOUR-DOMAIN."),
	E(BLOCKED, HOST_IDENTITY_PTR_HELO,
	    "The mail server refused the machine this check ran from because "
	    "its name is not set up (no reverse DNS/PTR record, or a bad HELO "
	    "name). This is about the machine the check ran from, not about the"
	    " customer's address. Check again with --helo set to a name whose "
	    "PTR points at this machine's IP, or from your company's real mail "
	    "server. To check your company's mail "
	    "server's PTR and HELO: mxtrace sender YOUR-DOMAIN."),
	E(BLOCKED, HELO_REJECTED,
	    "The mail server refused the name this check gave in HELO/EHLO (the "
	    "command in which a client names itself): it is missing, invalid or "
	    "not a fully qualified host name. This is about the machine the "
	    "check ran from, not about the customer's address. Check again with "
	    "--helo set to this machine's fully qualified host name (one that "
	    "resolves to its IP, ideally the name its PTR gives), or from your "
	    "company's real mail server. To check your company's mail server's "
	    "HELO name: mxtrace sender YOUR-DOMAIN."),
	E(BLOCKED, TLS_REQUIRED,
	    "The mail server only accepts encrypted (TLS) connections, and this "
	    "one was not encrypted. The sending server must support STARTTLS."),
	E(BLOCKED, SENDER_REJECTED,
	    "The mail server refused the sender address this check used, not "
	    "the recipient. This is about the machine the check ran from, not "
	    "about the customer's address. Check again with --mail-from set to "
	    "an address of your company's own domain that can receive mail. To "
	    "check your own domain: mxtrace sender YOUR-DOMAIN."),
	E(BLOCKED, CLIENT_AUTH_REQUIRED,
	    "The server wants the sending mail program to log in first, or "
	    "refused its login: it answered as a provider's outgoing server "
	    "for its own users, not as a mail exchanger taking mail for this "
	    "domain. This is about the machine the check ran from, not about "
	    "the customer's address; mxtrace never logs in. Check the domain's "
	    "own mail exchanger (without --port), or from your company's real "
	    "mail server."),
	E(BLOCKED, LOGIN_REQUIRED,
	    "The server wants the sending program or server to log in (SMTP "
	    "authentication) before it takes mail: it answered as an outgoing "
	    "or relay server, not as a mail exchanger taking mail for this "
	    "domain. This is about the machine the check ran from, not about "
	    "the customer's address; mxtrace never logs in. Check the domain's "
	    "own mail exchanger (without --port), or from your company's real "
	    "mail server."),
	E(BLOCKED, RELAY_DENIED,
	    "The server refused to take mail for this domain (relay denied): "
	    "either it is not really this domain's mail server, or it wants a "
	    "login. If you used --port with a relay, check that the relay "
	    "accepts mail from your IP."),
	E(BLOCKED, POLICY_OTHER,
	    "The mail server refused the message for a policy reason it did not "
	    "explain. Read the server's reply; the recipient's mail "
	    "administrator can tell you more."),
	E(BLOCKED, RECIPIENT_FILTER,
	    "The recipient has chosen not to receive this mail: their own "
	    "filter or settings refuse it. Only the customer can change that; "
	    "reach them another way."),
	E(BLOCKED, MESSAGE_TOO_BIG,
	    "The mail server refuses messages this large. Send a smaller "
	    "message, for example a link instead of a big attachment."),
	E(BLOCKED, SMTPUTF8_UNSUPPORTED,
	    "The mail server cannot handle addresses with non-English "
	    "characters (SMTPUTF8). Ask the customer for a plain ASCII address."),
	EANY(BLOCKED,
	    "The mail server refused this address for good without saying "
	    "exactly why. Read its reply; if it is unclear, confirm the address "
	    "with the customer another way."),
	E(TEMPORARY, GREYLISTED,
	    "The mail server asked to try again later (greylisting, a common "
	    "anti-spam delay). This is normal: a real mail server retries after "
	    "a few minutes and the mail gets through."),
	E(TEMPORARY, TOO_MANY_CONNECTIONS,
	    "The mail server refused because too many connections came from "
	    "this IP at once. Check fewer addresses at the same time and try "
	    "again later."),
	E(TEMPORARY, TOO_MANY_RECIPIENTS,
	    "The mail server takes only a few recipients per connection. Check "
	    "fewer addresses per connection and try again."),
	E(TEMPORARY, REPUTATION_OR_RATE,
	    "The mail server is limiting the IP address this check ran from "
	    "(too much mail, or a poor reputation). This is about the machine "
	    "the check ran from, not about the customer's address. Wait, then "
	    "check again more slowly, ideally from your company's real mail "
	    "server."),
	/* a limit on the sender address: NetEase's MI:SFQ, RP:QRC (cue_rules) */
	E(TEMPORARY, RATE_LIMITED,
	    "The mail server is limiting the sender address this check used "
	    "(--mail-from): too much mail came from that address in a short "
	    "time. This is about the machine the check ran from, not about the "
	    "customer's address. Wait at least a quarter of an hour, then check "
	    "again more slowly, with fewer addresses at a time."),
	EBO(TEMPORARY, IP_BLOCKLISTED,
	    "The mail server temporarily refused the IP address this check ran "
	    "from because it is on a blocklist. This is about the machine the "
	    "check ran from, not about the customer's address. Check again from"
	    " your company's real mail server; if that server's IP is listed "
	    "too, ask your provider to have it removed. To check your company's mail "
	    "server and its neighbours: mxtrace sender YOUR-DOMAIN.",
	    "The mail server temporarily refused the IP address this check ran "
	    "from because it is listed on {bl}. This is about the machine the "
	    "check ran from, not about the customer's address. Check again from"
	    " your company's real mail server; if that server's IP is listed "
	    "too, ask your provider to delist it{delist}. To check your company's mail "
	    "server and its neighbours: mxtrace sender YOUR-DOMAIN.",
	    "The mail server temporarily refused the IP address this check ran "
	    "from because it is on {bl}'s own list of blocked senders, which no "
	    "public blocklist lookup shows. This is about the machine the check "
	    "ran from, not about the customer's address. Check again from your "
	    "company's real mail server; if it is refused the same way, only "
	    "{bl} itself can check and remove it, through its delist "
	    "page{delist}: ask your provider to request removal there. "
	    "mxtrace sender YOUR-DOMAIN is still worth running for what other "
	    "receivers check (public blocklists, reverse DNS, SPF), but it "
	    "cannot see {bl}'s list."),
	EB(TEMPORARY, DOMAIN_BLOCKLISTED,
	    "The mail server temporarily refused the check because a domain, not the IP, "
	    "is on a domain blocklist: the sender address's domain, the HELO "
	    "name or the check host's name. This is about the sending side's "
	    "domain, not about the customer's address. Look the domain up on "
	    "the list's lookup page, find out why it was listed (often a "
	    "compromised website or a link in your mail), fix that and ask for"
	    " removal. To check your domain: mxtrace sender YOUR-DOMAIN.",
	    "The mail server temporarily refused the check because a domain, not the IP, "
	    "is listed on {bl}: the sender address's domain, the HELO name or"
	    " the check host's name. This is about the sending side's domain, "
	    "not about the customer's address. Look the domain up on the "
	    "list's lookup page{delist}, find out why it was listed (often a "
	    "compromised website or a link in your mail), fix that and ask for"
	    " removal. To check your domain: mxtrace sender YOUR-DOMAIN."),
	EB(TEMPORARY, RECIPIENT_DOMAIN_BLOCKLISTED,
	    "The mail server temporarily refused this address because its "
	    "domain (the part after @) is on a domain blocklist the server "
	    "checks: a list of domains seen in spam or phishing. This is about "
	    "the customer's address, not about the machine the check ran from. "
	    "Check the domain for typos (look-alike domains are often listed); "
	    "if it is right, ask the customer for an address at another "
	    "domain, or to have their domain removed from the list.",
	    "The mail server temporarily refused this address because its "
	    "domain (the part after @) is listed on {bl}, a domain blocklist "
	    "the server checks{delist}. This is about the customer's address, "
	    "not about the machine the check ran from. Check the domain for "
	    "typos (look-alike domains are often listed); if it is right, ask "
	    "the customer for an address at another domain, or to have their "
	    "domain removed from the list."),
	E(TEMPORARY, AUTH_SPF_DKIM_DMARC,
	    "The mail server held back the sender address this check used "
	    "because its domain failed the SPF, DKIM or DMARC checks. This is "
	    "about the machine the check ran from, not about the customer's "
	    "address. Check again with --mail-from set to an address of your "
	    "company's own domain, from its real mail server. To check your own"
	    " domain: mxtrace sender YOUR-DOMAIN."),
	E(TEMPORARY, HOST_IDENTITY_PTR_HELO,
	    "The mail server is holding back because it cannot verify the name "
	    "of the machine this check ran from (reverse DNS/PTR or HELO). This"
	    " is about the machine the check ran from, not about the customer's"
	    " address. Check again with --helo set to a name whose PTR points "
	    "at this machine's IP, or from your company's real mail server. To check your company's mail "
	    "server's PTR and HELO: mxtrace sender YOUR-DOMAIN."),
	E(TEMPORARY, HELO_REJECTED,
	    "The mail server is holding back because it does not accept the "
	    "name this check gave in HELO/EHLO (it could not verify it, or it is"
	    " not a fully qualified host name). This is about the machine the "
	    "check ran from, not about the customer's address. Check again with "
	    "--helo set to this machine's fully qualified host name (one that "
	    "resolves to its IP, ideally the name its PTR gives), or from your "
	    "company's real mail server. To check your company's mail server's "
	    "HELO name: mxtrace sender YOUR-DOMAIN."),
	E(TEMPORARY, TLS_REQUIRED,
	    "The mail server wants an encrypted (TLS) connection and refused "
	    "this one for now. The sending server should use STARTTLS."),
	E(TEMPORARY, SENDER_REJECTED,
	    "The mail server could not verify the sender address this check "
	    "used right now. This is about the machine the check ran from, not "
	    "about the customer's address. Try again later, or with --mail-from"
	    " set to an address of your company's own domain. To check your own"
	    " domain: mxtrace sender YOUR-DOMAIN."),
	E(TEMPORARY, CLIENT_AUTH_REQUIRED,
	    "The server wants the sending mail program to log in first, and "
	    "held this check back: it answered as a provider's outgoing server "
	    "for its own users, not as a mail exchanger taking mail for this "
	    "domain. This is about the machine the check ran from, not about "
	    "the customer's address; mxtrace never logs in. Check the domain's "
	    "own mail exchanger (without --port), or from your company's real "
	    "mail server."),
	E(TEMPORARY, LOGIN_REQUIRED,
	    "The server wants the sending program or server to log in (SMTP "
	    "authentication) first, and held this check back: it answered as "
	    "an outgoing or relay server, not as a mail exchanger taking mail "
	    "for this domain. This is about the machine the check ran from, "
	    "not about the customer's address; mxtrace never logs in. Check "
	    "the domain's own mail exchanger (without --port), or from your "
	    "company's real mail server."),
	/*
	 * also RFC 3463 X.3.2 "System not accepting network messages" (an
	 * imminent shutdown, excessive load or maintenance) and RFC 5321's
	 * 421 "Service not available": the server not taking mail now
	 */
	E(TEMPORARY, REMOTE_SERVER_ERROR,
	    "The recipient's mail server is not taking mail for now: it is busy "
	    "or under maintenance, or has a problem of its own (for example a "
	    "broken setup or a failing blocklist lookup). It is not the "
	    "sender's fault: try again later; if it lasts, tell the "
	    "recipient's mail administrator."),
	E(TEMPORARY, TIMEOUT,
	    "The mail server stopped answering in the middle of the "
	    "conversation. Try again later."),
	E(TEMPORARY, DEADLINE,
	    "The check stopped because your time limit for this domain "
	    "(--deadline, 2 minutes unless you set it) ran out while the mail "
	    "server was still answering, before it had answered for this "
	    "address. The server is slow; this says nothing about the address "
	    "yet. Check again with a longer limit, for example --deadline 5m."),
	E(TEMPORARY, RELAY_DENIED,
	    "The server will not take mail for this domain right now (relay "
	    "denied or a login wanted). Check that the domain's MX records "
	    "point at the right server, then try again later."),
	E(TEMPORARY, POLICY_OTHER,
	    "The mail server held the message back for a policy reason it did "
	    "not explain. Try again later; if it persists, ask the recipient's "
	    "mail administrator."),
	E(TEMPORARY, MESSAGE_TOO_BIG,
	    "The mail server cannot take a message this large right now. Try "
	    "again later, or send a smaller message."),
	E(TEMPORARY, SMTPUTF8_UNSUPPORTED,
	    "The mail server cannot handle addresses with non-English "
	    "characters (SMTPUTF8) right now. Try later, or ask the customer for "
	    "a plain ASCII address."),
	E(TEMPORARY, TEMPORARY_OTHER,
	    "The mail server reported a temporary problem. Try again later; "
	    "this says nothing bad about the address itself."),
	E(TEMPORARY, MAILBOX_FULL, EN_MAILBOX_FULL),
	E(TEMPORARY, DOMAIN_NOT_FOUND,
	    "The mail server answered, for now, that the domain was not found "
	    "in the DNS (many servers answer so for a while before they refuse "
	    "for good, and a lookup that failed briefly reads the same). Check "
	    "the spelling of the part after the @; if it is right, try again "
	    "later."),
	E(TEMPORARY, DOMAIN_NO_MAIL,
	    "The mail server answered, for now, that the DNS gives this domain "
	    "no mail server. Check the spelling of the part after the @; if it "
	    "is right, try again later."),
	EANY(TEMPORARY,
	    "The mail server refused for now. Try again later."),
	E(NO_MAIL_DOMAIN, DOMAIN_NOT_FOUND,
	    "This domain does not exist: the DNS has no such name. Usually the "
	    "part after the @ is misspelt; check it and correct the address."),
	E(NO_MAIL_DOMAIN, DOMAIN_NO_MAIL,
	    "This domain exists but has no mail server (no MX record and no "
	    "address), so nobody can receive mail there; it is often a domain "
	    "for a website only. This address cannot work: ask the customer for "
	    "another one."),
	E(NO_MAIL_DOMAIN, NULL_MX,
	    "This domain states that it accepts no email at all (null MX). Do "
	    "not send to it; ask the customer for another address."),
	E(NO_MAIL_DOMAIN, NO_ADDRESS,
	    "This domain names mail servers, but none of them has an IP "
	    "address, so mail cannot be delivered. The domain's owner must fix "
	    "its DNS."),
	EANY(NO_MAIL_DOMAIN,
	    "This domain does not receive mail. Check the spelling of the part "
	    "after the @."),
	E(DNS_ERROR, DNS_FAILURE,
	    "The DNS lookup for this domain failed (its name servers, or your "
	    "own DNS resolver, answered with an error). Try again later. If "
	    "every domain fails so, the fault is on your side: check this "
	    "machine's network and DNS resolver (or give one with --resolver); "
	    "if only this domain does, its DNS is broken."),
	E(DNS_ERROR, DNSSEC_BOGUS,
	    "This domain's DNS answers failed DNSSEC validation (their signatures "
	    "are wrong or missing), so a careful mail server will not trust them "
	    "and will not deliver. The domain's owner must fix its DNSSEC. If "
	    "every domain shows this, your DNS resolver may strip DNSSEC data: "
	    "use another resolver (--resolver) or --no-dnssec."),
	E(DNS_ERROR, DNS_TIMEOUT,
	    "The DNS lookup for this domain got no answer in time. Check your "
	    "own internet connection and DNS resolver, then try again."),
	E(DNS_ERROR, DEADLINE,
	    "The check stopped because your time limit for this domain "
	    "(--deadline, 2 minutes unless you set it) ran out while the DNS "
	    "lookup for this domain was still waiting for answers. Your DNS "
	    "resolver or the domain's name servers are slow; this says nothing "
	    "about the address yet. Check again with a longer limit, for "
	    "example --deadline 5m."),
	EANY(DNS_ERROR,
	    "The DNS lookup for this domain failed. Try again later."),
	E(UNREACHABLE, PORT25_FILTERED,
	    "Every mail server of this domain timed out at connect. That almost "
	    "always means your own network (home, office or cloud provider) "
	    "blocks outgoing port 25; but if other domains' mail servers answer "
	    "from here, these servers are down or a firewall on the way drops "
	    "connections to them. Run mxtrace on a server that is allowed "
	    "to send mail, or run a SOCKS5 proxy there (for example Dante) and "
	    "use --proxy socks5://USER:PASS@SERVER:1080."),
	E(UNREACHABLE, PROXY_PORT25_FILTERED,
	    "Through your SOCKS5 proxy (--proxy), every mail server of this "
	    "domain timed out at connect. That almost always means the network "
	    "of the proxy's server blocks outgoing port 25 (many cloud "
	    "providers do until you ask them to open it). This says nothing "
	    "about the recipient: ask the provider of the proxy's server to "
	    "open port 25, or run the proxy on a server that may send mail."),
	E(UNREACHABLE, LOCAL_FIREWALL,
	    "This machine itself refused the connection: for every mail server "
	    "of this domain, its own firewall or network policy (an iptables "
	    "OUTPUT rule, for example) forbade connecting, so nothing was sent. "
	    "This says nothing about the recipient. Ask the administrator of "
	    "this machine to allow outgoing port 25, or run mxtrace on a server "
	    "that may send mail (or use a SOCKS5 proxy there: --proxy)."),
	E(UNREACHABLE, PROXY_UNREACHABLE,
	    "mxtrace could not connect to your SOCKS5 proxy (--proxy), so no "
	    "mail server was contacted. This says nothing about the recipient: "
	    "check that the proxy is running and that its address and port are "
	    "right."),
	E(UNREACHABLE, PROXY_AUTH_FAILED,
	    "Your SOCKS5 proxy (--proxy) refused the login, or wants one and "
	    "none was given, so no mail server was contacted. This says "
	    "nothing about the recipient: give the proxy's user name and "
	    "password in --proxy socks5://USER:PASS@HOST:PORT (or "
	    "MXTRACE_PROXY) and check them."),
	E(UNREACHABLE, PROXY_PORT25_BLOCKED,
	    "Your SOCKS5 proxy (--proxy) does not allow connections to port 25 "
	    "(its rules forbid it). This says nothing about the recipient: "
	    "allow port 25 in the proxy's rules, or use a proxy on a server "
	    "that may send mail."),
	E(UNREACHABLE, PROXY_REFUSED,
	    "Your SOCKS5 proxy (--proxy) refused to connect to the mail server "
	    "(its error code is in the transcript). This says nothing about the "
	    "recipient: check the proxy's logs and settings."),
	E(UNREACHABLE, PROXY_PROTOCOL_ERROR,
	    "Your proxy (--proxy) did not answer like a SOCKS5 proxy (no "
	    "answer, a cut-off answer or garbage), so no mail server was "
	    "contacted. This says nothing about the recipient: check that the "
	    "address and port belong to a SOCKS5 proxy."),
	E(UNREACHABLE, CONNECTION_FAILED,
	    "None of this domain's mail servers could be reached (connection "
	    "refused or timed out). Try again later; if it persists, the "
	    "recipient's mail servers are down, or a firewall on the way drops "
	    "connections to them. If every domain you check ends "
	    "like this, your own network or this machine's firewall blocks "
	    "outgoing port 25: run mxtrace on a server that is allowed to send "
	    "mail, or use --proxy."),
	E(UNREACHABLE, PRIVATE_ADDRESS,
	    "This domain's mail servers point to private or local network "
	    "addresses that cannot be reached from the internet, so none was "
	    "contacted. That is a mistake in the recipient domain's DNS, not in "
	    "the address: tell the customer so that their mail administrator "
	    "fixes it."),
	E(UNREACHABLE, NO_ADDRESS,
	    "This domain's mail servers have no usable IP address, so no "
	    "connection was possible. The domain's owner must fix its DNS."),
	E(UNREACHABLE, TIMEOUT,
	    "A mail server accepted the connection but never answered in time. "
	    "Try again later; if it persists, the server is overloaded or "
	    "broken."),
	E(UNREACHABLE, DEADLINE,
	    "The check stopped because your time limit for this domain "
	    "(--deadline, 2 minutes unless you set it) ran out before a mail "
	    "server had answered. The server is slow to connect or to greet, "
	    "or this check waited its turn for it; this says nothing about the "
	    "address yet. Check again with a longer limit, for example "
	    "--deadline 5m."),
	EANY(UNREACHABLE,
	    "This domain's mail servers could not be reached. Try again later."),
	E(TLS_FAILED, TLS_POLICY_DANE,
	    "This domain publishes DNSSEC-signed DANE records (TLSA) for its mail "
	    "server, and the server's certificate does not match them (or it "
	    "offered no TLS). Mail servers that check DANE, such as Postfix with "
	    "DANE turned on, will not deliver there. The recipient's "
	    "administrator must fix the TLSA records or the certificate."),
	E(TLS_FAILED, TLS_POLICY_MTA_STS,
	    "This domain publishes an MTA-STS policy in enforce mode, and this "
	    "mail server does not satisfy it (it is not listed in the policy, "
	    "or its certificate does not verify). Gmail, Outlook and other "
	    "senders that honour MTA-STS will not deliver there. The "
	    "recipient's administrator must fix the policy or the certificate."),
	E(TLS_FAILED, TLS_HANDSHAKE_FAILED,
	    "The encrypted (TLS) connection to the mail server could not be set "
	    "up, and this check required encryption. Retry without "
	    "--require-tls to test the address itself, and tell the recipient's "
	    "mail administrator."),
	E(TLS_FAILED, TLS_REQUIRED,
	    "This check required encryption, but the mail server does not offer "
	    "it (no STARTTLS). Without --require-tls the check would go on "
	    "unencrypted."),
	E(TLS_FAILED, STARTTLS_REFUSED,
	    "This check required encryption. The mail server advertises "
	    "encryption (STARTTLS) but refused to start it when asked, so a "
	    "sender that insists on TLS cannot deliver here. Tell the recipient's "
	    "mail administrator; without --require-tls the check goes on "
	    "unencrypted."),
	E(TLS_FAILED, STARTTLS_NOT_OFFERED,
	    "This check required encryption, but the mail server did not offer "
	    "it (no STARTTLS in its reply to EHLO). Either the server has no "
	    "encryption, or something on the way removed the offer (a downgrade "
	    "attack looks exactly like this). Tell the recipient's mail "
	    "administrator; without --require-tls the check goes on "
	    "unencrypted."),
	EANY(TLS_FAILED,
	    "The encrypted (TLS) connection to the mail server failed."),
	E(PROTOCOL_ERROR, PROTOCOL_VIOLATION,
	    "The mail server broke the rules of SMTP (a malformed, oversized or "
	    "cut-off reply, or replies out of step with the commands), so the "
	    "check stopped and cannot say whether the address works. Tell the "
	    "recipient's mail administrator."),
	E(PROTOCOL_ERROR, TIMEOUT,
	    "The mail server stopped answering in the middle of the "
	    "conversation. Try again later."),
	EANY(PROTOCOL_ERROR,
	    "The mail server did not follow the SMTP rules, so the check "
	    "stopped."),
	E(INVALID_SYNTAX, INVALID_ADDRESS,
	    "This is not a valid email address (check for typos, spaces or a "
	    "missing part). No server was contacted."),
	EANY(INVALID_SYNTAX,
	    "This is not a valid email address. No server was contacted."),
};

static const struct explain_row zh_explain[] = {
	E(DELIVERABLE, ACCEPTED,
	    "收件服务器接受了这个地址，发到这里的邮件应该能收到。"
	    "不过收件服务器以后仍可能拒收某一封邮件（例如当作垃圾邮件）。"),
	EANY(DELIVERABLE,
	    "收件服务器接受了这个地址。"),
	E(CATCH_ALL, CATCH_ALL,
	    "这是一个全收（catch-all）域名：它的邮件服务器接受任何地址（连随便编的地址也接受），"
	    "所以无法确认这个邮箱是否真的存在。使用前请先和客户确认地址。"),
	EANY(CATCH_ALL,
	    "这是一个全收（catch-all）域名，接受任何地址，因此无法确认这个邮箱是否存在。"),
	E(UNDELIVERABLE, MAILBOX_UNKNOWN,
	    "收件服务器表示这个邮箱不存在。请检查地址有没有拼错，"
	    "或向客户要正确的地址，不要再往这个地址发信。"),
	E(UNDELIVERABLE, MAILBOX_DISABLED,
	    "这个邮箱存在，但已被停用或注销，不再接收邮件。"
	    "请向客户要他们现在使用的邮箱地址。"),
	E(UNDELIVERABLE, MAILBOX_MOVED,
	    "收件服务器表示这个邮箱已迁移，且没有给出转发地址。"
	    "请向客户要他们的新地址。"),
	E(UNDELIVERABLE, INVALID_ADDRESS,
	    "收件服务器认为这个地址无效。请检查拼写，或向客户要正确的地址。"),
	EANY(UNDELIVERABLE,
	    "收件服务器表示无法投递到这个地址。请和客户确认地址。"),
	E(MAILBOX_FULL, MAILBOX_FULL, ZH_MAILBOX_FULL),
	EANY(MAILBOX_FULL,
	    "这个邮箱已满。请过几天再试。"),
	EBO(BLOCKED, IP_BLOCKLISTED,
	    "收件服务器拒绝了本次检测所用的 IP 地址，因为它在黑名单上。"
	    "问题出在运行检测的这台机器，与客户的地址无关。"
	    "请在贵公司真正的邮件服务器上重新检测；"
	    "如果那台服务器的 IP 也在黑名单上，请联系服务商申请移除。"
	    "检查贵公司邮件服务器及其邻居 IP：mxtrace sender 您的域名。",
	    "收件服务器拒绝了本次检测所用的 IP 地址，"
	    "因为它被列入了黑名单 {bl}。问题出在运行检测的这台机器，"
	    "与客户的地址无关。请在贵公司真正的邮件服务器上重新检测；"
	    "如果那台服务器的 IP 也在黑名单上，"
	    "请联系服务商申请移除{delist}。"
	    "检查贵公司邮件服务器及其邻居 IP：mxtrace sender 您的域名。",
	    "收件服务器拒绝了本次检测所用的 IP 地址，"
	    "因为它在 {bl} 自己的封禁名单上，公共黑名单查询查不到它。"
	    "问题出在运行检测的这台机器，与客户的地址无关。"
	    "请在贵公司真正的邮件服务器上重新检测；如果那台服务器也被同样拒绝，"
	    "只有 {bl} 自己能通过其移除申请页面{delist}核查并移除："
	    "请服务商在那里申请移除。mxtrace sender 您的域名 仍值得运行，"
	    "它检查其他收件方会看的项目（公共黑名单、反向解析、SPF），"
	    "但看不到 {bl} 的这份名单。"),
	EB(BLOCKED, DOMAIN_BLOCKLISTED,
	    "收件服务器拒绝了本次检测，因为某个域名（不是 IP）在域名黑名单上："
	    "发件人地址的域名、HELO 名称或检测主机的名称。"
	    "问题出在发信方的域名，与客户的地址无关。"
	    "请在该黑名单的查询页面上查询这个域名，查明被列入的原因"
	    "（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。"
	    "检查您的域名：mxtrace sender 您的域名。",
	    "收件服务器拒绝了本次检测，因为某个域名（不是 IP）被列入了黑名单 {bl}："
	    "发件人地址的域名、HELO 名称或检测主机的名称。"
	    "问题出在发信方的域名，与客户的地址无关。"
	    "请在该黑名单的查询页面{delist}上查询这个域名，查明被列入的原因"
	    "（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。"
	    "检查您的域名：mxtrace sender 您的域名。"),
	EB(BLOCKED, RECIPIENT_DOMAIN_BLOCKLISTED,
	    "收件服务器拒绝了这个地址，因为它的域名（@ 后面的部分）"
	    "在该服务器查询的域名黑名单上（收录垃圾邮件或钓鱼邮件中出现的域名）。"
	    "问题出在客户的地址，与运行检测的这台机器无关。"
	    "请检查域名有没有拼错（仿冒的相似域名常被列入）；如果没错，"
	    "请向客户要一个其他域名下的地址，或请客户申请把域名从黑名单移除。",
	    "收件服务器拒绝了这个地址，因为它的域名（@ 后面的部分）"
	    "被列入了该服务器查询的域名黑名单 {bl}{delist}。"
	    "问题出在客户的地址，与运行检测的这台机器无关。"
	    "请检查域名有没有拼错（仿冒的相似域名常被列入）；如果没错，"
	    "请向客户要一个其他域名下的地址，或请客户申请把域名从黑名单移除。"),
	E(BLOCKED, REPUTATION_OR_RATE,
	    "由于 IP 信誉不好或发信量太大，"
	    "收件服务器拒绝了本次检测所用的 IP 地址。"
	    "问题出在运行检测的这台机器，与客户的地址无关。"
	    "请换一台允许发信的机器（例如贵公司真正的邮件服务器），"
	    "放慢速度再检测。"),
	E(BLOCKED, RATE_LIMITED,
	    "本次检测使用的发件人地址（--mail-from）发出的邮件太多（当天或短时间"
	    "内），被收件服务器拒绝。问题出在运行检测的这台机器，与客户的地址无关"
	    "。请稍后再检测（如果回复说的是当天的限制，请明天再检测），"
	    "每次少检测一些地址。"),
	E(BLOCKED, AUTH_SPF_DKIM_DMARC,
	    "本次检测使用的发件人地址，"
	    "其域名没有通过 SPF、DKIM 或 DMARC 验证，"
	    "被收件服务器拒绝。问题出在运行检测的这台机器，与客户的地址无关。"
	    "请用 --mail-from 指定贵公司自己域名下的地址，"
	    "并在贵公司的邮件服务器上重新检测。检查贵公司自己的域名："
	    "mxtrace sender 您的域名。"),
	E(BLOCKED, HOST_IDENTITY_PTR_HELO,
	    "收件服务器拒绝了运行检测的这台机器，"
	    "因为它的名称设置不正确（没有反向解析 PTR 记录，"
	    "或 HELO 名称不对）。问题出在运行检测的这台机器，"
	    "与客户的地址无关。请用 --helo 指定一个反向解析（PTR）"
	    "指向本机 IP 的主机名，或在贵公司真正的邮件服务器上重新检测。"
	    "检查贵公司邮件服务器的 PTR 和 HELO：mxtrace sender 您的域名。"),
	E(BLOCKED, HELO_REJECTED,
	    "收件服务器拒绝了本次检测在 HELO/EHLO（客户端自报名称的命令）中"
	    "给出的名称：名称为空、无效，或不是完整域名。问题出在运行检测的"
	    "这台机器，与客户的地址无关。请用 --helo 指定本机的完整域名"
	    "（能解析到本机 IP，最好就是其反向解析（PTR）给出的名称），"
	    "或在贵公司真正的邮件服务器上重新检测。"
	    "检查贵公司邮件服务器的 HELO 名称：mxtrace sender 您的域名。"),
	E(BLOCKED, TLS_REQUIRED,
	    "收件服务器只接受加密（TLS）连接，而这次连接没有加密。"
	    "发件服务器需要支持 STARTTLS 加密。"),
	E(BLOCKED, SENDER_REJECTED,
	    "收件服务器拒绝的是本次检测使用的发件人地址，而不是收件人。"
	    "问题出在运行检测的这台机器，与客户的地址无关。"
	    "请用 --mail-from 指定一个贵公司自己域名下能正常收信的地址再检测。"
	    "检查贵公司自己的域名：mxtrace sender 您的域名。"),
	E(BLOCKED, CLIENT_AUTH_REQUIRED,
	    "该服务器要求发信的邮件程序先登录，或拒绝了它的登录："
	    "它是以邮件服务商为自己用户提供的发件服务器身份应答的，"
	    "而不是为这个域名收信的邮件服务器。问题出在运行检测的这台机器，"
	    "与客户的地址无关；mxtrace 从不登录。请检测该域名自己的收件服务器"
	    "（不要用 --port），或在贵公司真正的邮件服务器上重新检测。"),
	E(BLOCKED, LOGIN_REQUIRED,
	    "该服务器要求发信的程序或服务器先登录（SMTP 身份验证）才收信："
	    "它是以发件服务器或中继服务器的身份应答的，"
	    "而不是为这个域名收信的邮件服务器。问题出在运行检测的这台机器，"
	    "与客户的地址无关；mxtrace 从不登录。请检测该域名自己的收件服务器"
	    "（不要用 --port），或在贵公司真正的邮件服务器上重新检测。"),
	E(BLOCKED, RELAY_DENIED,
	    "收件服务器拒绝接收这个域名的邮件（拒绝转发）：它可能不是这个域名真正的邮件服务器，"
	    "或者要求先登录。如果您用 --port 指定了中继服务器，请确认该中继允许您的 IP 发信。"),
	E(BLOCKED, POLICY_OTHER,
	    "收件服务器出于某项策略拒收，但没有说明具体原因。"
	    "请查看服务器的原始回复，收件方的邮件管理员可以告诉您更多情况。"),
	E(BLOCKED, RECIPIENT_FILTER,
	    "收件人自己设置了不接收这封邮件：是他们的过滤规则或设置拒收的。"
	    "只有客户自己能改，请通过其他方式联系客户。"),
	E(BLOCKED, MESSAGE_TOO_BIG,
	    "收件服务器不接收这么大的邮件。请发送小一些的邮件，例如用下载链接代替大附件。"),
	E(BLOCKED, SMTPUTF8_UNSUPPORTED,
	    "收件服务器无法处理含中文等非英文字符的邮箱地址（SMTPUTF8）。"
	    "请向客户要一个只含英文字母和数字的地址。"),
	EANY(BLOCKED,
	    "收件服务器永久拒收了这个地址，但没有说明具体原因。"
	    "请查看它的回复；如果看不明白，请通过其他方式和客户确认地址。"),
	E(TEMPORARY, GREYLISTED,
	    "收件服务器要求稍后再试（这叫“灰名单”，是常见的反垃圾邮件措施）。"
	    "这很正常：真正的邮件服务器几分钟后会自动重发，邮件可以送达。"),
	E(TEMPORARY, TOO_MANY_CONNECTIONS,
	    "同一个 IP 同时发起的连接太多，收件服务器暂时拒绝。"
	    "请减少同时检测的地址数量，稍后再试。"),
	E(TEMPORARY, TOO_MANY_RECIPIENTS,
	    "收件服务器每次连接只接受少量收件人。请每次少检测一些地址，然后再试。"),
	E(TEMPORARY, REPUTATION_OR_RATE,
	    "收件服务器正在限制本次检测所用的 IP 地址（发信太多或信誉较差）"
	    "。问题出在运行检测的这台机器，与客户的地址无关。请等一段时间，"
	    "放慢速度再检测，最好在贵公司真正的邮件服务器上运行。"),
	E(TEMPORARY, RATE_LIMITED,
	    "收件服务器正在限制本次检测使用的发件人地址（--mail-from）：短时间内"
	    "从这个地址发出的邮件太多。问题出在运行检测的这台机器，与客户的地址"
	    "无关。请至少等一刻钟，再放慢速度、每次少检测一些地址重新检测。"),
	EBO(TEMPORARY, IP_BLOCKLISTED,
	    "收件服务器暂时拒绝了本次检测所用的 IP 地址，"
	    "因为它在黑名单上。问题出在运行检测的这台机器，与客户的地址无关。"
	    "请在贵公司真正的邮件服务器上重新检测；"
	    "如果那台服务器的 IP 也在黑名单上，请联系服务商申请移除。"
	    "检查贵公司邮件服务器及其邻居 IP：mxtrace sender 您的域名。",
	    "收件服务器暂时拒绝了本次检测所用的 IP 地址，"
	    "因为它被列入了黑名单 {bl}。问题出在运行检测的这台机器，"
	    "与客户的地址无关。请在贵公司真正的邮件服务器上重新检测；"
	    "如果那台服务器的 IP 也在黑名单上，"
	    "请联系服务商申请移除{delist}。"
	    "检查贵公司邮件服务器及其邻居 IP：mxtrace sender 您的域名。",
	    "收件服务器暂时拒绝了本次检测所用的 IP 地址，"
	    "因为它在 {bl} 自己的封禁名单上，公共黑名单查询查不到它。"
	    "问题出在运行检测的这台机器，与客户的地址无关。"
	    "请在贵公司真正的邮件服务器上重新检测；如果那台服务器也被同样拒绝，"
	    "只有 {bl} 自己能通过其移除申请页面{delist}核查并移除："
	    "请服务商在那里申请移除。mxtrace sender 您的域名 仍值得运行，"
	    "它检查其他收件方会看的项目（公共黑名单、反向解析、SPF），"
	    "但看不到 {bl} 的这份名单。"),
	EB(TEMPORARY, DOMAIN_BLOCKLISTED,
	    "收件服务器暂时拒绝了本次检测，因为某个域名（不是 IP）在域名黑名单上："
	    "发件人地址的域名、HELO 名称或检测主机的名称。"
	    "问题出在发信方的域名，与客户的地址无关。"
	    "请在该黑名单的查询页面上查询这个域名，查明被列入的原因"
	    "（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。"
	    "检查您的域名：mxtrace sender 您的域名。",
	    "收件服务器暂时拒绝了本次检测，因为某个域名（不是 IP）被列入了黑名单 {bl}："
	    "发件人地址的域名、HELO 名称或检测主机的名称。"
	    "问题出在发信方的域名，与客户的地址无关。"
	    "请在该黑名单的查询页面{delist}上查询这个域名，查明被列入的原因"
	    "（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。"
	    "检查您的域名：mxtrace sender 您的域名。"),
	EB(TEMPORARY, RECIPIENT_DOMAIN_BLOCKLISTED,
	    "收件服务器暂时拒绝了这个地址，因为它的域名（@ 后面的部分）"
	    "在该服务器查询的域名黑名单上（收录垃圾邮件或钓鱼邮件中出现的域名）。"
	    "问题出在客户的地址，与运行检测的这台机器无关。"
	    "请检查域名有没有拼错（仿冒的相似域名常被列入）；如果没错，"
	    "请向客户要一个其他域名下的地址，或请客户申请把域名从黑名单移除。",
	    "收件服务器暂时拒绝了这个地址，因为它的域名（@ 后面的部分）"
	    "被列入了该服务器查询的域名黑名单 {bl}{delist}。"
	    "问题出在客户的地址，与运行检测的这台机器无关。"
	    "请检查域名有没有拼错（仿冒的相似域名常被列入）；如果没错，"
	    "请向客户要一个其他域名下的地址，或请客户申请把域名从黑名单移除。"),
	E(TEMPORARY, AUTH_SPF_DKIM_DMARC,
	    "本次检测使用的发件人地址，"
	    "其域名没有通过 SPF、DKIM 或 DMARC 验证，"
	    "收件服务器暂时拒收。问题出在运行检测的这台机器，"
	    "与客户的地址无关。"
	    "请用 --mail-from 指定贵公司自己域名下的地址，"
	    "并在贵公司的邮件服务器上重新检测。检查贵公司自己的域名："
	    "mxtrace sender 您的域名。"),
	E(TEMPORARY, HOST_IDENTITY_PTR_HELO,
	    "收件服务器无法核实运行检测的这台机器的名称（反向解析 PTR 或 HELO）"
	    "，暂时拒收。问题出在运行检测的这台机器，与客户的地址无关。"
	    "请用 --helo 指定一个反向解析（PTR）"
	    "指向本机 IP 的主机名，或在贵公司真正的邮件服务器上重新检测。"
	    "检查贵公司邮件服务器的 PTR 和 HELO：mxtrace sender 您的域名。"),
	E(TEMPORARY, HELO_REJECTED,
	    "收件服务器暂时不接受本次检测在 HELO/EHLO 中给出的名称"
	    "（无法核实，或不是完整域名）。问题出在运行检测的这台机器，"
	    "与客户的地址无关。请用 --helo 指定本机的完整域名"
	    "（能解析到本机 IP，最好就是其反向解析（PTR）给出的名称），"
	    "或在贵公司真正的邮件服务器上重新检测。"
	    "检查贵公司邮件服务器的 HELO 名称：mxtrace sender 您的域名。"),
	E(TEMPORARY, TLS_REQUIRED,
	    "收件服务器要求加密（TLS）连接，暂时拒绝了这次连接。发件服务器应使用 STARTTLS。"),
	E(TEMPORARY, SENDER_REJECTED,
	    "收件服务器暂时无法核实本次检测使用的发件人地址。"
	    "问题出在运行检测的这台机器，与客户的地址无关。请稍后再试，"
	    "或用 --mail-from 指定贵公司自己域名下的地址。"
	    "检查贵公司自己的域名：mxtrace sender 您的域名。"),
	E(TEMPORARY, CLIENT_AUTH_REQUIRED,
	    "该服务器要求发信的邮件程序先登录，暂时拒绝了本次检测："
	    "它是以邮件服务商为自己用户提供的发件服务器身份应答的，"
	    "而不是为这个域名收信的邮件服务器。问题出在运行检测的这台机器，"
	    "与客户的地址无关；mxtrace 从不登录。请检测该域名自己的收件服务器"
	    "（不要用 --port），或在贵公司真正的邮件服务器上重新检测。"),
	E(TEMPORARY, LOGIN_REQUIRED,
	    "该服务器要求发信的程序或服务器先登录（SMTP 身份验证），"
	    "暂时拒绝了本次检测：它是以发件服务器或中继服务器的身份应答的，"
	    "而不是为这个域名收信的邮件服务器。问题出在运行检测的这台机器，"
	    "与客户的地址无关；mxtrace 从不登录。请检测该域名自己的收件服务器"
	    "（不要用 --port），或在贵公司真正的邮件服务器上重新检测。"),
	E(TEMPORARY, REMOTE_SERVER_ERROR,
	    "收件服务器暂时不收信：它正忙、正在维护，或自身出了问题（例如设置"
	    "错误，或黑名单查询失败）。这不是发件人的责任：请稍后再试；如果一直"
	    "这样，请告知收件方的邮件管理员。"),
	E(TEMPORARY, TIMEOUT,
	    "收件服务器在通信中途停止了响应。请稍后再试。"),
	E(TEMPORARY, DEADLINE,
	    "检测已停止：您为这个域名设定的总时限（--deadline，不设时为 2 分钟）"
	    "已到，而收件服务器还在应答，尚未对这个地址作出回应。服务器响应较慢；"
	    "这还说明不了地址的好坏。请把时限放长后再检测，例如 --deadline 5m。"),
	E(TEMPORARY, RELAY_DENIED,
	    "收件服务器暂时不接收这个域名的邮件（拒绝转发或要求登录）。"
	    "请确认这个域名的 MX 记录指向正确的服务器，稍后再试。"),
	E(TEMPORARY, POLICY_OTHER,
	    "收件服务器出于某项策略暂时拒收，但没有说明原因。"
	    "请稍后再试；如果一直这样，请询问收件方的邮件管理员。"),
	E(TEMPORARY, MESSAGE_TOO_BIG,
	    "收件服务器暂时无法接收这么大的邮件。请稍后再试，或发送小一些的邮件。"),
	E(TEMPORARY, SMTPUTF8_UNSUPPORTED,
	    "收件服务器暂时无法处理含中文等非英文字符的邮箱地址（SMTPUTF8）。"
	    "请稍后再试，或向客户要一个只含英文字母和数字的地址。"),
	E(TEMPORARY, TEMPORARY_OTHER,
	    "收件服务器报告了一个临时问题。请稍后再试；这并不说明地址本身有问题。"),
	E(TEMPORARY, MAILBOX_FULL, ZH_MAILBOX_FULL),
	E(TEMPORARY, DOMAIN_NOT_FOUND,
	    "收件服务器暂时回复：在 DNS 中找不到这个域名（许多服务器在最终拒收前"
	    "会先这样暂时拒收一段时间，DNS 查询短暂失败时也是这样的回复）。"
	    "请检查 @ 后面的部分是否拼写正确；如果正确，请稍后再试。"),
	E(TEMPORARY, DOMAIN_NO_MAIL,
	    "收件服务器暂时回复：DNS 中没有这个域名的邮件服务器。"
	    "请检查 @ 后面的部分是否拼写正确；如果正确，请稍后再试。"),
	EANY(TEMPORARY,
	    "收件服务器暂时拒收。请稍后再试。"),
	E(NO_MAIL_DOMAIN, DOMAIN_NOT_FOUND,
	    "这个域名不存在：DNS 中没有这个名字。通常是 @ 后面的部分拼错了，"
	    "请检查并改正地址。"),
	E(NO_MAIL_DOMAIN, DOMAIN_NO_MAIL,
	    "这个域名存在，但没有邮件服务器（既没有 MX 记录，也没有地址），"
	    "任何人都无法在这里收信；这常常是只用于网站的域名。"
	    "这个地址无法使用：请向客户要另一个地址。"),
	E(NO_MAIL_DOMAIN, NULL_MX,
	    "这个域名明确声明不接收任何电子邮件（空 MX 记录）。"
	    "请不要往这里发信，向客户要其他地址。"),
	E(NO_MAIL_DOMAIN, NO_ADDRESS,
	    "这个域名指定了邮件服务器，但这些服务器都没有 IP 地址，邮件无法投递。"
	    "需要域名的所有者修正 DNS 设置。"),
	EANY(NO_MAIL_DOMAIN,
	    "这个域名不接收邮件。请检查 @ 后面的部分有没有拼错。"),
	E(DNS_ERROR, DNS_FAILURE,
	    "查询这个域名的 DNS 失败（它的域名服务器或您自己的 DNS 服务器返回了错误）。"
	    "请稍后再试。如果每个域名都这样失败，问题在您这边：请检查这台电脑的网络"
	    "和 DNS 设置（或用 --resolver 指定一个 DNS 服务器）；如果只有这个域名"
	    "这样，说明这个域名的 DNS 有问题。"),
	E(DNS_ERROR, DNSSEC_BOGUS,
	    "这个域名的 DNS 回应没有通过 DNSSEC 验证（签名错误或缺失），"
	    "严谨的邮件服务器不会信任它，也不会投递。需要域名的所有者修正 DNSSEC。"
	    "如果每个域名都这样，可能是您的 DNS 服务器丢弃了 DNSSEC 数据："
	    "请换一个 DNS 服务器（--resolver）或使用 --no-dnssec。"),
	E(DNS_ERROR, DNS_TIMEOUT,
	    "查询这个域名的 DNS 时没有及时得到回应。请检查您自己的网络连接和 DNS 设置，然后再试。"),
	E(DNS_ERROR, DEADLINE,
	    "检测已停止：您为这个域名设定的总时限（--deadline，不设时为 2 分钟）"
	    "已到，而这个域名的 DNS 查询还在等待回应。您的 DNS 服务器或这个域名的"
	    "域名服务器响应较慢；这还说明不了地址的好坏。请把时限放长后再检测，"
	    "例如 --deadline 5m。"),
	EANY(DNS_ERROR,
	    "查询这个域名的 DNS 失败。请稍后再试。"),
	E(UNREACHABLE, PORT25_FILTERED,
	    "连接这个域名的每一台邮件服务器都超时了。这几乎总是说明您自己的网络"
	    "（家庭宽带、公司网络或云服务商）封锁了对外的 25 端口；但如果其他域名的邮件服务器从这里能连上，"
	    "那就是这些服务器出了故障，或者途中的防火墙丢弃了到它们的连接。请在允许发送邮件的服务器上运行 mxtrace，"
	    "或在那台服务器上运行一个 SOCKS5 代理（例如 Dante），"
	    "再用 --proxy socks5://用户名:密码@服务器:1080。"),
	E(UNREACHABLE, PROXY_PORT25_FILTERED,
	    "通过您的 SOCKS5 代理（--proxy）连接这个域名的每一台邮件服务器都超时了。"
	    "这几乎总是说明代理所在服务器的网络封锁了对外的 25 端口"
	    "（许多云服务商默认封锁，要申请才开放）。这与收件方无关："
	    "请让代理服务器的服务商开放 25 端口，或把代理装在允许发送邮件的服务器上。"),
	E(UNREACHABLE, LOCAL_FIREWALL,
	    "这台电脑自己拒绝了连接：连接每一台邮件服务器时，本机的防火墙或网络策略"
	    "（例如 iptables 的 OUTPUT 规则）都直接禁止了，数据根本没有发出去。"
	    "这与收件方无关。请让本机的管理员允许对外连接 25 端口，"
	    "或在允许发送邮件的服务器上运行 mxtrace（或经由那里的 SOCKS5 代理：--proxy）。"),
	E(UNREACHABLE, PROXY_UNREACHABLE,
	    "mxtrace 连不上您的 SOCKS5 代理（--proxy），所以没有联系任何邮件服务器。"
	    "这与收件方无关：请检查代理是否在运行，地址和端口是否正确。"),
	E(UNREACHABLE, PROXY_AUTH_FAILED,
	    "您的 SOCKS5 代理（--proxy）拒绝了登录，或者要求登录而没有给出用户名和密码，"
	    "所以没有联系任何邮件服务器。"
	    "这与收件方无关：请在 --proxy socks5://用户名:密码@主机:端口（或 MXTRACE_PROXY）"
	    "中给出代理的用户名和密码，并检查是否正确。"),
	E(UNREACHABLE, PROXY_PORT25_BLOCKED,
	    "您的 SOCKS5 代理（--proxy）的规则不允许连接 25 端口。"
	    "这与收件方无关：请在代理的规则里放行 25 端口，或使用一台允许发送邮件的服务器上的代理。"),
	E(UNREACHABLE, PROXY_REFUSED,
	    "您的 SOCKS5 代理（--proxy）拒绝连接邮件服务器（错误代码见连接记录）。"
	    "这与收件方无关：请查看代理的日志和设置。"),
	E(UNREACHABLE, PROXY_PROTOCOL_ERROR,
	    "您的代理（--proxy）的回应不像 SOCKS5 代理（没有回应、回应不完整或是乱码），"
	    "所以没有联系任何邮件服务器。这与收件方无关：请确认这个地址和端口确实是 SOCKS5 代理。"),
	E(UNREACHABLE, CONNECTION_FAILED,
	    "无法连接到这个域名的任何一台邮件服务器（连接被拒绝或超时）。"
	    "请稍后再试；如果一直这样，说明收件服务器出了故障，或者途中的防火墙丢弃了到它们的连接。"
	    "如果您检测的每个域名都是这样，说明是您自己的网络或本机的防火墙封锁了对外的 25 端口："
	    "请在允许发送邮件的服务器上运行 mxtrace，或使用 --proxy。"),
	E(UNREACHABLE, PRIVATE_ADDRESS,
	    "这个域名的邮件服务器指向内网或本机地址，从互联网上无法访问，因此没有连接。"
	    "这是收件方域名 DNS 的设置错误，不是地址的问题：请告诉客户，让他们的邮件管理员修正。"),
	E(UNREACHABLE, NO_ADDRESS,
	    "这个域名的邮件服务器没有可用的 IP 地址，无法建立连接。需要域名的所有者修正 DNS 设置。"),
	E(UNREACHABLE, TIMEOUT,
	    "邮件服务器接受了连接，但一直没有及时回应。请稍后再试；如果一直这样，说明收件服务器负载过高或出了故障。"),
	E(UNREACHABLE, DEADLINE,
	    "检测已停止：您为这个域名设定的总时限（--deadline，不设时为 2 分钟）"
	    "已到，而邮件服务器还没有作出回应。服务器连接或问候较慢，或者检测在"
	    "排队等候它；这还说明不了地址的好坏。请把时限放长后再检测，例如 "
	    "--deadline 5m。"),
	EANY(UNREACHABLE,
	    "无法连接到这个域名的邮件服务器。请稍后再试。"),
	E(TLS_FAILED, TLS_POLICY_DANE,
	    "这个域名为它的邮件服务器发布了带 DNSSEC 签名的 DANE 记录（TLSA），"
	    "但服务器的证书与这些记录不符（或没有提供 TLS）。检查 DANE 的邮件服务器"
	    "（例如开启了 DANE 的 Postfix）不会向它投递。需要收件方的管理员修正 TLSA 记录或证书。"),
	E(TLS_FAILED, TLS_POLICY_MTA_STS,
	    "这个域名发布了强制模式（enforce）的 MTA-STS 策略，而这台邮件服务器不符合它"
	    "（不在策略列出的服务器里，或证书验证不通过）。Gmail、Outlook 等遵守 MTA-STS "
	    "的发件方不会向它投递。需要收件方的管理员修正策略或证书。"),
	E(TLS_FAILED, TLS_HANDSHAKE_FAILED,
	    "无法和收件服务器建立加密（TLS）连接，而这次检测要求必须加密。"
	    "可以去掉 --require-tls 再试，看地址本身是否可用，并告知收件方的邮件管理员。"),
	E(TLS_FAILED, TLS_REQUIRED,
	    "这次检测要求加密，但收件服务器不提供加密（没有 STARTTLS）。"
	    "去掉 --require-tls 后，检测会以不加密的方式继续。"),
	E(TLS_FAILED, STARTTLS_REFUSED,
	    "这次检测要求加密。收件服务器声称支持加密（STARTTLS），但在请求时拒绝启用，"
	    "因此坚持使用 TLS 的发件方无法投递到这里。请告知收件方的邮件管理员；"
	    "去掉 --require-tls 后，检测会以不加密的方式继续。"),
	E(TLS_FAILED, STARTTLS_NOT_OFFERED,
	    "这次检测要求加密，但收件服务器没有提供加密（EHLO 回复中没有 STARTTLS）。"
	    "可能是服务器不支持加密，也可能是途中有人删掉了这一项（降级攻击就是这个样子）。"
	    "请告知收件方的邮件管理员；去掉 --require-tls 后，检测会以不加密的方式继续。"),
	EANY(TLS_FAILED,
	    "和收件服务器的加密（TLS）连接失败。"),
	E(PROTOCOL_ERROR, PROTOCOL_VIOLATION,
	    "收件服务器没有按 SMTP 规范回应（回复格式错误、过长、回复到一半就"
	    "断开了连接，或回复与命令对不上），检测因此中止，"
	    "无法判断地址是否可用。请告知收件方的邮件管理员。"),
	E(PROTOCOL_ERROR, TIMEOUT,
	    "收件服务器在通信中途停止了响应。请稍后再试。"),
	EANY(PROTOCOL_ERROR,
	    "收件服务器没有遵守 SMTP 规范，检测因此中止。"),
	E(INVALID_SYNTAX, INVALID_ADDRESS,
	    "这不是一个有效的邮箱地址（请检查是否有拼写错误、空格或缺少部分）。"
	    "没有联系任何服务器。"),
	EANY(INVALID_SYNTAX,
	    "这不是一个有效的邮箱地址。没有联系任何服务器。"),
};

static const char *en_verdicts[VERDICT__LAST] = {
	[VERDICT_DELIVERABLE]		= "Deliverable",
	[VERDICT_UNDELIVERABLE]		= "Undeliverable",
	[VERDICT_CATCH_ALL]		= "Catch-all (cannot confirm)",
	[VERDICT_MAILBOX_FULL]		= "Mailbox full",
	[VERDICT_BLOCKED]		= "Blocked",
	[VERDICT_TEMPORARY]		= "Temporary failure",
	[VERDICT_NO_MAIL_DOMAIN]	= "Domain takes no mail",
	[VERDICT_DNS_ERROR]		= "DNS error",
	[VERDICT_UNREACHABLE]		= "Unreachable",
	[VERDICT_TLS_FAILED]		= "Encryption (TLS) failed",
	[VERDICT_PROTOCOL_ERROR]	= "Protocol error",
	[VERDICT_INVALID_SYNTAX]	= "Invalid address",
};

static const char *zh_verdicts[VERDICT__LAST] = {
	[VERDICT_DELIVERABLE]		= "可投递",
	[VERDICT_UNDELIVERABLE]		= "无法投递",
	[VERDICT_CATCH_ALL]		= "全收域名（无法确认）",
	[VERDICT_MAILBOX_FULL]		= "邮箱已满",
	[VERDICT_BLOCKED]		= "被拒收",
	[VERDICT_TEMPORARY]		= "暂时失败",
	[VERDICT_NO_MAIL_DOMAIN]	= "域名不收邮件",
	[VERDICT_DNS_ERROR]		= "DNS 错误",
	[VERDICT_UNREACHABLE]		= "无法连接",
	[VERDICT_TLS_FAILED]		= "加密（TLS）失败",
	[VERDICT_PROTOCOL_ERROR]	= "协议错误",
	[VERDICT_INVALID_SYNTAX]	= "地址无效",
};

/* UI labels: one line per key in each language. */
static const struct label_row en_labels[] = {
	{ "verdict",		"Verdict" },
	/* punctuation between a label and its value, in lists, around asides */
	{ "p.colon",		": " },
	{ "p.comma",		", " },
	{ "p.open",		" (" },
	{ "p.close",		")" },
	{ "p.bracketed",	"({1})" },
	{ "p.semi",		"; " },
	{ "p.stop",		". " },
	{ "stage",		"Stage" },
	{ "reason",		"Reason" },
	{ "explanation",	"Explanation" },
	{ "warnings",		"Warnings" },
	{ "mx",			"Mail servers (MX)" },
	{ "attempt",		"Attempt" },
	{ "via_proxy",		"through the proxy" },
	{ "proxy_bound",	"out from" },
	{ "waiting",		"waiting..." },
	{ "waiting_port25",	"waiting... (port 25 blocked here? see --proxy)" },
	{ "waiting_ahead",	"waiting... (the next address, checked ahead)" },
	{ "local_ip",		"from" },
	{ "explain.file",	"Message" },
	{ "bnc.title",	"Bounces" },
	{ "bnc.recipients",	"Recipients" },
	{ "bnc.messages",	"Messages" },
	{ "bnc.todo",	"What to do" },
	{ "bnc.todo.count",	"{1} {1|recipient|recipients}" },
	{ "bnc.todo.our_side",	"the problem is your own sending set-up (server, IP or domain): have whoever runs your company's mail run mxtrace sender on your domain and fix what it finds; until then resending fails again." },
	{ "bnc.todo.our_side_domain",	"the problem is your own sending set-up (server, IP or domain): have whoever runs your company's mail run mxtrace sender {domain} and fix what it finds; until then resending fails again." },
	{ "bnc.todo.recipient_address",	"the addresses are wrong or no longer exist: correct them with the customers or remove them from the list; do not resend." },
	{ "bnc.todo.recipient_server",	"the customer's mail server refused or could not take the message (full mailbox, its own rules or trouble): resend later, and reach the customer another way if it keeps failing." },
	{ "bnc.todo.content",	"the message itself was refused (judged as spam, an attachment, its size): change the message (fewer links and images, no attachment, smaller) before resending." },
	{ "bnc.todo.network",	"the servers could not reach each other: usually temporary; resend later." },
	{ "bnc.todo.other",	"see the servers' words below." },
	{ "bnc.address",	"Address" },
	{ "bnc.reason",	"Reason" },
	{ "bnc.side",	"Whose side" },
	{ "bnc.domain",	"Recipient domain" },
	{ "bnc.day",	"Day" },
	{ "bnc.month",	"Month" },
	{ "bnc.year",	"Year" },
	{ "bnc.text",	"What the server said" },
	{ "bnc.no_text",	"(the bounce quotes no reply)" },
	{ "bnc.notice_said",	"the notice's own words, no server's:" },
	{ "bnc.todo.too_many_recipients",	"a message went to more recipients at once than the customer's server takes in one message, and nobody retries it: send it again to them in smaller batches, or one message per customer." },
	{ "bnc.todo.feedback",	"people reported your mail as spam or asked to unsubscribe: remove them from the list and send only to people who asked for your mail; resending to them brings more complaints." },
	{ "bnc.domain.other",	"other domains" },
	{ "bnc.domain.none",	"(no address given)" },
	{ "bnc.address.unreadable",	"(address unreadable: written with control characters)" },
	{ "bnc.day.other",	"other days" },
	{ "bnc.day.future",	"a date in the future (a wrong clock)" },
	{ "bnc.day.none",	"no date" },
	{ "bnc.h.reasons",	"By reason" },
	{ "bnc.h.domains",	"By recipient domain" },
	{ "bnc.h.time",	"By date" },
	{ "bnc.h.rows",	"Failed recipients and what the server said" },
	{ "explain.kind",	"What it is" },
	{ "explain.format",	"Format" },
	{ "explain.quote_cut",	"... (cut here; --json has all of it)" },
	{ "explain.format.dsn",	"standard delivery report (RFC 3464)" },
	{ "explain.format.text",	"plain text in no known format" },
	{ "explain.format.arf",	"feedback report (ARF, RFC 5965)" },
	{ "explain.format.rfc3834",	"automatic reply (RFC 3834)" },
	{ "explain.format.qmail",	"qmail's notice" },
	{ "explain.format.exim",	"Exim's notice" },
	{ "explain.format.zoho",	"Zoho Mail's notice" },
	{ "explain.format.postfix",	"Postfix's notice" },
	{ "explain.format.sendmail",	"Sendmail's notice" },
	{ "explain.format.sendmail-v5",	"Sendmail's notice (old V5 form)" },
	{ "explain.format.gmail",	"Gmail's notice" },
	{ "explain.format.courier",	"Courier's notice" },
	{ "explain.format.mailmarshal",	"MailMarshal's notice" },
	{ "explain.format.imail",	"IMail Server's notice" },
	{ "explain.format.interscan",	"Trend Micro InterScan notice" },
	{ "explain.format.smail",	"Smail's notice (also Deutsche Telekom's)" },
	{ "explain.format.biglobe",	"BIGLOBE's notice" },
	{ "explain.format.verizon",	"Verizon's notice" },
	{ "explain.format.exchange",	"Microsoft Exchange / Outlook notice" },
	{ "explain.format.notes",	"Lotus Notes notice" },
	{ "explain.format.domino",	"IBM Domino notice" },
	{ "explain.format.kddi",	"KDDI (au) notice" },
	{ "explain.format.ezweb",	"au EZweb notice" },
	{ "explain.format.james",	"Apache James notice" },
	{ "explain.format.dma",	"DragonFly Mail Agent notice" },
	{ "explain.format.opensmtpd",	"OpenSMTPD's notice" },
	{ "explain.format.fml",	"fml mailing-list notice" },
	{ "explain.format.m-filter",	"m-FILTER notice" },
	{ "explain.format.messaging-server",	"Oracle Messaging Server notice" },
	{ "explain.format.amazon-ses",	"Amazon SES notification" },
	{ "explain.format.tencent",	"Tencent notice (QQ Mail / Exmail)" },
	{ "explain.format.coremail",	"Coremail notice (NetEase 163/126 and others)" },
	{ "explain.format.alimail",	"Alibaba Mail notice" },
	{ "explain.format.apple-unsubscribe",	"Apple Mail unsubscribe message" },
	{ "explain.reporting_mta",	"Reported by" },
	{ "explain.original",	"Your message" },
	{ "explain.recipient",	"Recipient" },
	{ "explain.reply",	"Server said" },
	{ "explain.notice_said",	"Notice says" },
	{ "explain.wording.qq_unavailable.why",	"QQ Mail gives this same answer when the address does not exist, when the recipient has received a large number of mails in a short time and QQ Mail stops mail to it for a while, and when it refuses access for another reason; it does not say which." },
	{ "explain.wording.qq_unavailable.todo",	"Check the address with the customer; if it is right, wait an hour or more and send again, and if it comes back again, reach the customer another way." },
	{ "explain.wording.virus_named.why",	"The recipient's server found a virus in your message." },
	{ "explain.wording.virus_named.todo",	"Scan your computer for viruses before you send again; send documents as PDF or a link instead of archives or macros." },
	{ "explain.wording.sender_day_limit.why",	"NetEase limits how much mail one sender address may send to it in a day: your address has passed that limit today (its messages or their recipients), so NetEase takes no more mail from it until tomorrow. It says nothing about your server's reputation." },
	{ "explain.wording.sender_day_limit.todo",	"This is on your side: send this message again tomorrow, and send fewer messages a day from this address (spread a large mailing over several days)." },
	{ "explain.wording.tencent_rate_limit.why",	"Tencent (QQ Mail, Exmail) limits how much mail one sending IP address, and one sending domain, may send to it a minute, an hour and a day: your mail passed that limit, so Tencent takes no more of it for some minutes, some hours or the rest of the day." },
	{ "explain.wording.tencent_rate_limit.todo",	"This is on your side: pause the mail to Tencent addresses, then send this message again later, more slowly (fewer messages a minute, mass mailings spread over the day); if your mail service is shared, tell its provider." },
	{ "explain.wording.sender_short_limit.why",	"NetEase limits how much mail one sender address may send in a short time (its messages in 15 minutes, its recipients over a few minutes): your address has passed that limit, so NetEase takes no more mail from it for a while. It says nothing about your server's reputation." },
	{ "explain.wording.sender_short_limit.todo",	"This is on your side: wait a quarter of an hour or more, then send this message again; send from this address more slowly, in smaller batches spread over the day." },
	{ "explain.wording.ip_unknown_recipients.why",	"NetEase stopped taking mail from your server's IP address for a while: much of the mail from it went to addresses that do not exist." },
	{ "explain.inline_forward",	"This is a forward that quotes a message in its text (sent with Forward, not as an attachment): its headers are the forward's own, from the one who forwarded it, so the path and the spam verdict of the message it quotes cannot be read from it. Ask them to forward that message as an attachment (Gmail and Outlook: Forward as attachment), or to send you its full headers (Gmail: Show original; Outlook: View message source), and read those with mxtrace explain --headers-only." },
	{ "explain.wording.send_mail_as.why",	"Gmail did not send your message: you sent it from another address with Gmail's \"Send mail as\", and Gmail sends such mail through that address's own outgoing (SMTP) server, whose settings in Gmail are wrong or out of date, so that server did not take it. The recipient's server was not asked." },
	{ "explain.wording.send_mail_as.todo",	"This is on your side: in Gmail, Settings, \"Accounts and Import\" (\"Accounts\" in Google Workspace), \"Send mail as\", edit that address and check its SMTP server, port, user name and password (the provider's app password or authorization code where it asks for one), then send the message again." },
	/* RFC 3463 X.5.4, X.5.5 read remote_server_error (classify.h) */
	{ "explain.wording.malformed_command.meaning",	"Not delivered: the recipient's server refused a command as malformed" },
	{ "explain.wording.malformed_command.why",	"The recipient's server refused a command from the server that sent your message, saying it was malformed (RFC 3463: X.5.4 \"invalid command arguments\", X.5.5 \"wrong protocol version\"). This is a fault in how the two mail servers talk to each other, on either side; it says nothing about the address, and sending the same message again will fail the same way." },
	{ "explain.wording.malformed_command.todo",	"Forward this bounce to whoever runs your company's mail: they can tell whether your server sent a bad command or the recipient's server refused a good one, and if it is theirs, take it up with the customer's mail administrator. Meanwhile reach the customer another way." },
	{ "explain.wording.geo_block.why",	"The customer's mail filter (Mimecast) refused mail from the network your server sends from: their organisation blocks mail from some countries or IP ranges (a Geographical Restriction policy), and your server's address is in one of them. The address and your message are not the problem." },
	{ "explain.wording.geo_block.todo",	"Only the customer's side can change this: reach the customer another way (phone, another address) and ask them to have their Mimecast administrator allow your server's IP address or your domain; then send the message again." },
	{ "explain.wording.ip_unknown_recipients.todo",	"This is on your side: take the addresses that came back as \"does not exist\" off your lists (check a list with mxtrace verify before a mailing), then send this message again later." },
	{ "explain.auto_subject",	"Its subject" },
	{ "explain.remote_mta",	"Their server" },
	{ "explain.meaning",	"Meaning" },
	{ "explain.undelivered_temporary",	"Not delivered, for a temporary reason" },
	{ "explain.undelivered",	"Not delivered" },
	{ "explain.side",	"Whose side" },
	{ "explain.empty_address",	"This row has no address: its address cell is empty. Ask the customer for one. No server was contacted." },
	{ "explain.literal_private",	"This address names a private or local network IP address itself (after the @, in brackets), which cannot be reached from the internet, so it was not contacted. Ask the customer for their usual address; for a lab or an intranet, use --allow-private." },
	{ "explain.why",	"Why" },
	{ "explain.what_to_do",	"What to do" },
	{ "explain.retry_until",	"Retries until" },
	{ "report.tally.failure",	"{1} {1|bounce|bounces}" },
	{ "report.tally.delayed",	"{1} {1|delay notice|delay notices}" },
	{ "report.tally.delivered",	"{1} {1|delivery notice|delivery notices}" },
	{ "report.tally.auto_reply",	"{1} {1|automatic reply|automatic replies}" },
	{ "report.tally.feedback",	"{1} {1|complaint|complaints}" },
	{ "report.tally.not_a_bounce",	"{1} {1|message that is no bounce|messages that are no bounce}" },
	{ "report.tally.forward_unread",	"{1} {1|forward|forwards} with messages left unread" },
	{ "report.tally.delivered_message",	"{1} {1|delivered message|delivered messages}" },
	{ "report.tally.sender",	"{1} sending set-up {1|check|checks} (mxtrace sender)" },
	{ "explain.failed_at",	"Failed" },
	{ "explain.last_attempt",	"Last attempt" },
	{ "explain.bounced_at",	"Bounced" },
	{ "explain.notice_at",	"Notice sent" },
	{ "explain.now",	"Now" },
	{ "explain.no_recipient",	"No recipient could be read from this message." },
	{ "explain.dropped",	"(+{1} more {1|recipient|recipients} not shown)" },
	{ "explain.fields_dropped",	"Its header block is larger than {2} KB: {1} header {1|field|fields} past that {1|was|were} not read." },
	{ "explain.text_cut",	"Its text is longer than {1} KiB: only its first {1} KiB were read, so recipients it names past that are not listed or counted here." },
	{ "explain.text_cut_replies",	"Its text is longer than {1} KiB: only its first {1} KiB were read. The recipients come from its delivery-status part, but a server reply or command the text gives past that for a recipient the part left without one was not read." },
	{ "explain.attached_unread",	"This forward holds {1} more {1|message|messages} past the {2} read (attached to it, or to the messages it attaches, however deep), not explained here. Save {1|it|them} as {1|a file|files} of {1|its|their} own (drag each out of the message that holds it) and explain {1|it|them}." },
	{ "explain.attached_unread_floor",	"This forward holds at least {1} more messages past the {2} read (attached to it, or to the messages it attaches, however deep), not explained here. Save them as files of their own (drag each out of the message that holds it) and explain them." },
	{ "explain.attachment",	"Attached" },
	{ "explain.attachment_of",	"bounce {1} of {2} in this message, each explained on its own" },
	{ "explain.attachment_copy",	"message {1} of {2} in this forward, read by its own headers" },
	{ "explain.kind.failure",	"A bounce: the message was not delivered" },
	{ "explain.kind.delayed",	"A delay notice: still trying to deliver" },
	{ "explain.kind.delivered",	"A delivery notice: the message was delivered" },
	{ "explain.kind.auto_reply",	"An automatic reply (not a bounce)" },
	{ "explain.kind.feedback",	"A spam complaint about your message" },
	{ "explain.kind.not_a_bounce",	"Not a bounce: nothing here says a delivery failed" },
	{ "explain.kind.forward_unread",	"Maybe a bounce: one may be among the messages left unread" },
	{ "explain.kind.delivered_message",	"A delivered message" },
	{ "explain.kind.feedback.opt-out",	"A request to unsubscribe from your mail" },
	{ "explain.kind.feedback.auth-failure",	"A report that your message failed authentication" },
	{ "explain.kind.feedback.not-spam",	"A report that your message is not spam" },
	{ "explain.fb.abuse",	"Spam complaint: someone who received it marked it as spam" },
	{ "explain.fb.fraud",	"Complaint: reported as fraud or phishing" },
	{ "explain.fb.virus",	"Complaint: reported as carrying a virus" },
	{ "explain.fb.other",	"Complaint of another kind" },
	{ "explain.fb.not-spam",	"Not spam: someone marked it as not spam" },
	{ "explain.fb.auth-failure",	"Authentication failure report (SPF, DKIM or DMARC), not a person's complaint" },
	{ "explain.fb.opt-out",	"Unsubscribe request: the recipient wants no more of your mail" },
	{ "explain.fb.fraud.why",	"This is a complaint: a recipient (or their provider) reported your message as fraud or phishing." },
	{ "explain.fb.virus.why",	"This is a complaint: a recipient (or their provider) reported your message as carrying a virus." },
	{ "explain.fb.virus.do",	"This is on your side: have the computer that sent it checked for viruses before sending again, and stop sending to this recipient." },
	{ "explain.fb.not-spam.why",	"Someone marked your message as not spam (for example moved it out of the spam folder): good news, not a complaint." },
	{ "explain.fb.not-spam.do",	"Nothing to do." },
	{ "explain.fb.auth-failure.why",	"The recipient's provider reports automatically that your message failed its SPF, DKIM or DMARC check (RFC 6591); no person complained." },
	{ "explain.fb.opt-out.why",	"This is an unsubscribe request: the recipient (through their mail program or provider) asked to get no more mail from this sender or list." },
	{ "explain.fb.unnamed.do",	"This is on your side: the report does not say who complained, so check that your list only holds people who asked for your mail and that each message offers a way to unsubscribe; run {sender}." },
	{ "explain.fb.opt-out.do",	"Remove this address from your list now and do not send to it again: mail to people who unsubscribed turns into spam complaints." },
	{ "explain.source_ip",	"Sent from" },
	{ "explain.mail_from",	"Sender" },
	{ "explain.arrival",	"Arrived" },
	{ "explain.reported_domain",	"About domain" },
	{ "explain.rcpt_unnamed",	"not named in the bounce" },
	{ "explain.rcpt_unreadable",	"unreadable: the bounce wrote it with control characters" },
	{ "explain.rcpt_unnamed.feedback",	"not named: the provider hides who complained" },
	{ "explain.side.recipient_address",	"the recipient's address" },
	{ "explain.side.recipient_server",	"the recipient's server" },
	{ "explain.side.our_side",	"your side (your server or domain)" },
	{ "explain.side.content",	"the message content" },
	{ "explain.side.network",	"the network" },
	{ "explain.side.not_a_failure",	"not a failure" },
	{ "explain.side.unknown",	"not clear from the bounce" },
	{ "explain.now.accepted_now",	"accepted now: the problem was temporary or has been fixed" },
	{ "explain.now.still_does_not_exist",	"the mailbox still does not exist" },
	{ "explain.now.still_no_domain",	"the domain still does not exist or takes no mail" },
	{ "explain.now.invalid",	"this is not a valid address" },
	{ "explain.now.accepted_unproven",	"the address is accepted" },
	{ "explain.now.unproven",	"This check sends no message and does not come from your mail server, so it cannot tell whether the refusal above is over: fix what the bounce names, then resend." },
	{ "explain.now.does_not_exist",	"the mailbox does not exist" },
	{ "explain.now.no_domain",	"the domain does not exist or takes no mail" },
	{ "explain.now.refused",	"refused" },
	{ "explain.now.temporary",	"refused for now (temporary)" },
	{ "explain.now.still_refused",	"still refused" },
	{ "explain.now.still_temporary",	"still refused for now (temporary)" },
	{ "explain.now.cannot_check",	"could not be checked from this machine" },
	{ "explain.now.not_probed",	"not probed" },
	{ "explain.now.reused",	" (probed above: the same address)" },
	{ "tls",		"TLS" },
	{ "catch_all",		"Catch-all" },
	{ "total_time",		"Total time" },
	{ "no_reply",		"(no reply)" },
	{ "blocklist",		"Blocklist" },
	{ "tls.verified",	"certificate verified" },
	{ "tls.not_verified",	"certificate NOT verified" },
	{ "tls.issuer_trusted",	"certificate from a trusted issuer" },
	{ "tls.name_match",	"name matches" },
	{ "tls.dane_ok",	"DANE (TLSA) verified:" },
	{ "tls.dane_failed",	"DANE (TLSA) failed:" },
	{ "tls.name_mismatch",	"name does not match" },
	{ "tls.expires",	"expires" },
	{ "tls.failed",		"handshake failed" },
	{ "tls.names_more",	"{1} and {2} more" },
	{ "tls.name_dane_ee",	"name not checked (DANE-EE binds the key alone)" },
	{ "tls.name_match_as",	"name matches as {1}" },
	{ "tls.name_missing",	"{1} is not a name on it (it names {2})" },
	{ "tls.expired_on",	"EXPIRED on {1}" },
	{ "tls.valid_from",	"not valid before {1}" },
	{ "tls.dane_own",	"the certificate's own:" },
	{ "tls.dane_at_own",	"matched at depth {1}: the server's own certificate" },
	{ "tls.dane_at_issuer",	"matched at depth {1}: an issuer of the server's certificate" },
	{ "tls.bits",		"{1} bits" },
	{ "tls.bits_of",	"{1} of {2} bits" },
	{ "tls.kex",		"key exchange {1}" },
	{ "tls.sig",		"server signature {1}" },
	{ "tls.sig_digest",	"server signature {1} with {2}" },
	{ "report.address",	"Address" },
	{ "report.addresses",	"{1|address|addresses}" },
	{ "report.addresses_title",	"Addresses" },
	{ "report.all",	"All" },
	{ "report.attempt",	"Attempt" },
	{ "report.reused",	"reused session" },
	{ "report.attempts",	"Connections tried" },
	{ "report.card_ok",	"Can receive mail" },
	{ "report.card_bad",	"Will not arrive" },
	{ "report.card_warn",	"Uncertain: check again or look closer" },
	{ "report.card_self",	"Not checked: refused because of where the check ran from" },
	{ "report.tester_title",	"Problems of this check, not of the addresses" },
	{ "report.tester_intro",	"These servers refused the check itself because of the machine it ran from (its IP address, its name, or the sender address it used). That says nothing about the customers' addresses: do not remove them. Check again after one of these fixes:" },
	{ "report.tester_intro_unreached",	"From where the check ran, no mail server could be reached: the network it ran on, or the proxy it went through, let no connection to a mail server through. No server refused anything, and that says nothing about the customers' addresses: do not remove them. Fix what each problem below says, then check again." },
	{ "report.tester_fix_server",	"Run mxtrace on your company's real mail server, or on a machine whose IP address may send mail (outbound port 25 open, not on a blocklist)." },
	{ "report.tester_fix_helo",	"Give --helo a name whose reverse DNS (PTR) points at that machine's IP address." },
	{ "report.tester_fix_from",	"Give --mail-from an address of your company's own domain, and check that domain with: mxtrace sender YOUR-DOMAIN" },
	{ "report.empty_address",	"(no address in this row)" },
	{ "report.tester_nav",	"Problems of this check" },
	{ "report.did_you_mean",	"Did you mean" },
	{ "report.cell_read",	"read from the cell" },
	{ "report.summary_col",	"In short" },
	{ "report.cards_vs_summary",	"The cards count whether mail sent now would arrive. The “In short” column judges each address itself, so the two can differ: a full mailbox takes no mail now but is a real address (Risky); a server that refuses your mail says nothing about the address (Unknown); a throw-away or misspelt domain that takes mail is still Risky." },
	{ "report.roles_title",	"Shared mailboxes" },
	{ "report.roles_intro",	"{1} {1|address|addresses} that can receive mail, or may, {1|names|name} a role, not a person (info@, sales@, admin@ …): mail there goes to a shared inbox, read by whoever looks after it, often not your buyer. Ask {1|this customer|these customers} for the address of the person you deal with." },
	{ "report.role_mark",	"shared mailbox: a role, not a person" },
	{ "verify.p_done",	"{1}/{2} done" },
	{ "verify.p_rate",	"{1} addr/s" },
	{ "verify.p_eta",	"ETA {1}" },
	{ "verify.p_eta_range",	"{1} to {2}" },
	{ "verify.p_eta_most",	"at most {1}" },
	{ "verify.p_sessions",	"{1} {1|session|sessions}" },
	{ "verify.waiting",	"{1} greylisted {1|address|addresses}, next retry in {2}, give up at {3}" },
	{ "verify.waiting_short",	"{1} waiting, retry in {2}" },
	{ "verify.dur_h",	"{1}h{2}m" },
	{ "verify.dur_m",	"{1}m{2}s" },
	{ "verify.dur_s",	"{1}s" },
	{ "verify.summary",	"{1}: {2} of {3} {3|address|addresses} in {4}" },
	{ "verify.resumed",	"({1} from an earlier run)" },
	{ "verify.status_done",	"done" },
	{ "verify.status_interrupted",	"interrupted" },
	{ "verify.status_failed",	"stopped by an output error" },
	{ "verify.col_verdict",	"verdict" },
	{ "verify.col_count",	"count" },
	{ "verify.col_share",	"share" },
	{ "verify.row_unchecked",	"Not checked yet" },
	{ "verify.col_domain",	"top domains" },
	{ "verify.col_dom_ok",	"can receive mail" },
	{ "verify.col_dom_no",	"will not arrive" },
	{ "verify.col_dom_other",	"other" },
	{ "verify.domain_counts",	"{1} {1|address|addresses}: {2} can receive mail, {3} will not arrive, {4} other" },
	{ "verify.tester",	"Refused because of where the check ran from, not the addresses' fault" },
	{ "verify.typos",	"Addresses whose domain looks mistyped" },
	{ "verify.typos_fix",	"the address meant (gmail.com for gmial.com) is in the --csv file's suggestion column, the report and the records' suggestion field; ask the customer before correcting it" },
	{ "verify.cleaned",	"Cells read as cleaned-up addresses" },
	{ "verify.cleaned_fix",	"a cell with a name beside the address (王经理 <…>), a full-width ＠ or 。, or several addresses was checked as the address cleaned out of it: the report shows each such cell beside the address checked, the records' normalized field what was changed; correct the cells in your list where that is not the address meant" },
	{ "verify.tester_net",	"Not reached because of this network or your proxy, not the addresses' fault" },
	{ "verify.tester_net_fix",	"Port 25 was blocked on the way or the proxy (--proxy) failed; each row's reason says which. Run the check on a server that may send mail, or fix the proxy, then check these rows again." },
	{ "verify.dns_all",	"DNS failed for every domain (most likely this machine's network or DNS resolver, not the addresses)" },
	{ "verify.dns_all_fix",	"Check this machine's network and DNS settings (or give a resolver with --resolver), then run the check again." },
	{ "verify.tester_fix",	"Check these again from your company's real mail server, with --helo NAME (a name whose PTR points at that machine) and --mail-from an address of your own domain; check that domain with: mxtrace sender YOUR-DOMAIN" },
	{ "help.try",	"See 'mxtrace {1} --help' for the options and the exit codes.\n" },
	{ "help.exit_probe",	"Exit status:\n  {1}   deliverable\n  {2}   a definite no: undeliverable, mailbox_full, no_mail_domain,\n        invalid_syntax, blocked by the recipient's server\n  {3}   cannot tell: catch_all, temporary, unreachable, dns_error, tls_failed,\n        protocol_error, and refusals because of where the check ran from\n  {4}  usage error\n  {5}  cannot start (event loop, DNS or TLS; a DNS resolver that does not\n        answer; --proxy host not found)\n  {6}  the --html file cannot be written\n  {7}  the output cannot be written (disk full, closed pipe)\n" },
	{ "help.exit_verify",	"Exit status:\n  {1}   every row has its record\n  {2}   interrupted: run the same command with --resume\n  {3}  usage error\n  {4}  bad input (empty, no address column, a damaged,\n        encrypted or old .xls workbook, a PDF, an image,\n        mxtrace's own JSON)\n  {5}  the input cannot be read\n  {6}  cannot start (a DNS resolver that does not answer: nothing written)\n  {7}  output refused (not writable, locked, made from another input,\n        on --resume its FILE.meta missing or not mxtrace's, or the\n        options that change results differ)\n  {8}  a write or fsync failed\n" },
	{ "help.exit_report",	"Exit status:\n  {1}   written\n  {2}  usage error\n  {3}  an input is not mxtrace JSON (a CSV, FILE.meta, another file),\n        or the inputs hold no record (and no FILE.meta counts any)\n  {4}  an input cannot be read\n  {5}  the report cannot be created, or -o FILE is one of the inputs\n  {6}  the report cannot be written (disk full)\n" },
	{ "help.exit_explain",	"Exit status:\n  {1}   every input was read (whatever the bounces say)\n  {2}  usage error\n  {3}  an input held no readable message (empty, not a message)\n  {4}  an input cannot be opened\n  {5}  cannot start (with --probe; a DNS resolver that does not answer)\n  {6}  the output cannot be written\n" },
	{ "help.exit_sender",	"Exit status:\n  {1}   nothing failed\n  {2}   a check failed\n  {3}   only warnings or unknowns\n  {4}  usage error\n  {5}  the --message file is not one mail message, has no Received: header,\n        or is a bounce that does not show which IP sent your message\n  {6}  the blocklist or --message file cannot be read; --message is a folder\n  {7}  cannot start (DNS)\n  {8}  the --html file cannot be created\n  {9}  the output cannot be written (disk full, closed pipe)\n" },
	{ "help.exit_main",	"Exit status:\n  {1}   help or version shown\n  {2}  usage error; each command's own codes:\n        mxtrace COMMAND --help\n" },
	{ "explain.tls_broken",	"Warning: the server offers encryption (STARTTLS) but it does not work, so this check went on unencrypted; mail servers that insist on TLS may fail to deliver. Tell the recipient's mail administrator." },
	{ "report.catch_all_check",	"catch-all check: " },
	{ "report.cause",	"Cause" },
	{ "report.cert_verified",	"certificate verified" },
	{ "report.cert_not_verified",	"certificate not verified" },
	{ "report.count",	"Addresses" },
	{ "report.domain",	"Domain" },
	{ "report.domains",	"Domains" },
	{ "report.domains_n",	"{1|domain|domains}" },
	{ "report.expires",	"expires" },
	{ "report.first_rows",	"Showing the first {1} of {2} rows. Turn on JavaScript in your browser to page through, sort and filter all rows." },
	{ "report.light_table",	"A page listing all {1} addresses would be too heavy for a phone: the table lists in full the {2} that need a look, and the addresses that can receive mail are listed compactly below it." },
	{ "report.light_rest",	"{1} addresses are on neither list. Every address with its result is in the file this page was made from, or in the CSV of mxtrace verify --csv." },
	{ "report.light_compact",	"Addresses that can receive mail ({1})" },
	{ "report.generated",	"Report made" },
	{ "report.implicit_mx",	"(none: the domain itself)" },
	{ "report.input",	"Input file" },
	{ "report.inputs",	"Input files" },
	{ "report.list",	"List checked" },
	{ "report.lists",	"Lists checked" },
	{ "report.results_file",	"Results file" },
	{ "report.results_files",	"Results files" },
	{ "report.made_by",	"Made with" },
	{ "report.mail_servers",	"Mail servers (MX)" },
	{ "report.more_causes",	"More causes not shown:" },
	{ "report.more_domains",	"More domains not shown (see the address table):" },
	{ "unit.ms",	"ms" },
	{ "unit.s",	"s" },
	{ "report.name_match",	"name matches the server" },
	{ "report.name_mismatch",	"name does not match the server" },
	{ "report.next",	"Next" },
	{ "report.no_addresses",	"no address" },
	{ "report.no_domain",	"(no domain)" },
	{ "report.no_session",	"No connection was made." },
	{ "report.no_tls",	"no encryption (TLS)" },
	{ "report.not_reached",	"not reached" },
	{ "report.nothing",	"There is nothing to report: the input held no probe results." },
	{ "report.nothing_to_do",	"Nothing to do: every address can receive mail." },
	{ "report.nothing_to_do_yet",	"Nothing to do among the addresses checked so far: each can receive mail. The others are not checked yet (see above)." },
	{ "report.card_unchecked",	"Not checked yet" },
	{ "report.unf_title",	"Not finished: {1} of the list's {2} addresses {1|is|are} not checked yet" },
	{ "report.unf_more",	"What this means, and the command that checks them" },
	{ "report.unf_meaning",	"The check of this list was stopped before it reached them. They are not in this report: nothing is known about them yet, neither good nor bad. The counts and shares below are out of the whole list." },
	{ "report.unf_how",	"To check them, run this command (the first run's options are in it: a resume with others is refused), then make this report again:" },
	{ "report.unf_restart",	"These records were made by an older mxtrace, which numbered the list's rows another way: --resume cannot continue them. To check the whole list again, run this command (it starts the results over, with the first run's options), then make this report again:" },
	{ "report.unf_restart_old",	"These records were made by an older mxtrace, which numbered the list's rows another way: --resume cannot continue them. To check the whole list again, run this command with the first run's other options, such as --helo (this run's .meta is too old to record them): it starts the results over. Then make this report again:" },
	{ "report.unf_password",	"*** stands for the proxy's password, which is never written down: type it in its place." },
	{ "report.unf_file",	"{1} of {2} addresses not checked yet" },
	{ "report.unf_stdin",	"A run that read its list from standard input (-) needs the same list on standard input again." },
	{ "report.unf_totals",	"{1} of {2} {2|address|addresses} checked, {3} not checked yet" },
	{ "report.repeated",	" ({1} of them {1|repeats|repeat} an earlier row's address: probed once)" },
	{ "report.off",	"off" },
	{ "report.offline",	"This file is self-contained and makes no network connections." },
	{ "report.on",	"on" },
	{ "report.on_some",	"on for some of the files, off for others" },
	{ "report.options",	"Options" },
	{ "report.others",	"others: " },
	{ "report.path",	"Path of the message" },
	{ "report.paths",	"Path to each address" },
	{ "report.paths_shown",	"Addresses shown here (those that failed first):" },
	{ "report.port",	"port" },
	{ "report.previous",	"Previous" },
	{ "report.probed",	"Checked" },
	{ "report.reply",	"Server reply" },
	{ "report.result",	"Result" },
	{ "report.results",	"Results" },
	{ "report.search",	"Search" },
	{ "report.share",	"Share" },
	{ "report.skipped_lines",	"input lines skipped (not valid records): " },
	{ "report.source_ip",	"Checked from (IP address)" },
	{ "report.stopped_at",	"Stopped at:" },
	{ "report.stopped_here",	"stopped here" },
	{ "report.subject",	"subject" },
	{ "report.subtitle",	"Where would a message to each address stop, and why? Checked without sending any mail." },
	{ "report.subtitle_read",	"What the bounces and messages you received say: who is at fault and what to do." },
	{ "report.summary",	"Summary" },
	{ "report.time",	"Time" },
	{ "report.title",	"Mail delivery report" },
	{ "report.title.read",	"Mail delivery report" },
	{ "report.tls",	"Encryption (TLS)" },
	{ "report.tls_sessions",	"sessions with TLS: " },
	{ "report.totals",	"Totals" },
	{ "report.transcript",	"Full conversation with the server" },
	{ "report.typical_time",	"Typical time per step (median)" },
	{ "report.unknown",	"unknown" },
	{ "report.via_proxy",	"through the SOCKS5 proxy" },
	{ "report.warnings",	"Warnings" },
	{ "report.what_to_do_first",	"What to do first" },
	{ "stage.syntax",	"Address check" },
	{ "stage.dns",	"DNS lookup" },
	{ "stage.connect",	"Connect" },
	{ "stage.proxy",	"Proxy" },
	{ "stage.banner",	"Greeting (banner)" },
	{ "stage.ehlo",	"Hello (EHLO)" },
	{ "stage.starttls",	"Encrypt (STARTTLS)" },
	{ "stage.mail",	"Sender (MAIL FROM)" },
	{ "stage.rcpt",	"Recipient (RCPT TO)" },
	{ "stage.data",	"Message (DATA)" },
	{ "stage.rset",	"Reset (RSET)" },
	{ "stage.quit",	"Goodbye (QUIT)" },
	{ "report.reason.accepted",	"Accepted" },
	{ "report.reason.catch_all",	"Server accepts any address" },
	{ "report.reason.mailbox_unknown",	"Mailbox does not exist" },
	{ "report.reason.mailbox_disabled",	"Mailbox disabled or moved" },
	{ "report.reason.domain_not_found",	"Domain does not exist" },
	{ "report.reason.suppressed",	"Not sent: on the sending service's suppression list" },
	{ "report.reason.domain_no_mail",	"Domain has no mail server" },
	{ "report.reason.null_mx",	"Domain says it takes no mail (null MX)" },
	{ "report.reason.mailbox_full",	"Mailbox full" },
	{ "report.reason.message_too_big",	"Message too big" },
	{ "report.reason.ip_blocklisted",	"Sending IP on a blocklist" },
	{ "report.reason.domain_blocklisted",	"Sending domain on a blocklist" },
	{ "report.reason.recipient_domain_blocklisted",	"Recipient's domain on a blocklist" },
	{ "report.reason.reputation_or_rate",	"IP reputation or rate limit" },
	{ "report.reason.auth_spf_dkim_dmarc",	"Sender authentication (SPF/DKIM/DMARC)" },
	{ "report.reason.host_identity_ptr_helo",	"Sending host identity (PTR/HELO)" },
	{ "report.reason.helo_rejected",	"Sending host's HELO name refused" },
	{ "report.reason.tls_required",	"Encryption required" },
	{ "report.reason.tls_handshake_failed",	"Encryption handshake failed" },
	{ "report.reason.starttls_refused",	"Server refused to start encryption" },
	{ "report.reason.starttls_not_offered",	"Server offers no encryption" },
	{ "report.reason.sender_rejected",	"Sender address refused" },
	{ "report.reason.client_auth_required",	"Mail program's login to its own server refused" },
	{ "report.reason.login_required",	"Server wants a login first" },
	{ "report.reason.relay_denied",	"Server does not take mail for this domain" },
	{ "report.reason.policy_other",	"Refused by policy" },
	{ "report.reason.greylisted",	"Greylisted: retry later" },
	{ "report.reason.too_many_connections",	"Too many connections" },
	{ "report.reason.too_many_recipients",	"Too many recipients" },
	{ "report.reason.temporary_other",	"Temporary problem" },
	{ "report.reason.remote_server_error",	"Recipient's server busy or failing" },
	{ "report.reason.smtputf8_unsupported",	"Server cannot take non-ASCII addresses" },
	{ "report.reason.connection_failed",	"Connection failed" },
	{ "report.reason.port25_filtered",	"Port 25 blocked on your network" },
	{ "report.reason.proxy_unreachable",	"Your proxy cannot be reached" },
	{ "report.reason.proxy_auth_failed",	"Your proxy refused the login" },
	{ "report.reason.proxy_port25_blocked",	"Your proxy forbids port 25" },
	{ "report.reason.proxy_refused",	"Your proxy refused the connection" },
	{ "report.reason.proxy_protocol_error",	"Your proxy did not speak SOCKS5" },
	{ "report.reason.proxy_port25_filtered",	"Port 25 blocked on your proxy's network" },
	{ "report.reason.local_firewall",	"This machine's firewall refused the connection" },
	{ "report.reason.dnssec_bogus",	"DNSSEC validation failed" },
	{ "report.dnssec.secure",	"DNSSEC: signed" },
	{ "report.dnssec.insecure",	"DNSSEC: not signed" },
	{ "report.dnssec.bogus",	"DNSSEC: signature fails" },
	{ "report.dane.applies",	"DANE (TLSA) published" },
	{ "report.dane.ignored",	"TLSA ignored (not signed)" },
	{ "report.dane.bogus",	"TLSA signature fails" },
	{ "report.dane.satisfied",	"DANE: certificate matches the TLSA records" },
	{ "report.dane.failed",	"DANE: certificate does not match; DANE senders will not deliver" },
	{ "report.sts.enforce",	"MTA-STS: enforce, met" },
	{ "report.sts.enforce_failed",	"MTA-STS: enforce, not met; compliant senders will not deliver" },
	{ "report.sts.testing",	"MTA-STS: testing (report only)" },
	{ "report.reason.tls_policy_dane",	"Certificate does not match DANE (TLSA)" },
	{ "report.reason.tls_policy_mta_sts",	"Mail server fails the domain's MTA-STS policy" },
	{ "report.reason.private_address",	"Mail server has only private addresses" },
	{ "report.reason.no_address",	"Mail servers have no address" },
	{ "report.reason.dns_failure",	"DNS failure" },
	{ "report.reason.dns_timeout",	"DNS timeout" },
	{ "report.reason.protocol_violation",	"Server broke the protocol" },
	{ "report.reason.timeout",	"Server stopped answering" },
	{ "report.reason.deadline",	"Time limit (--deadline) reached" },
	{ "report.reason.invalid_address",	"Not a valid address" },
	{ "report.reason.unknown",	"Unknown cause" },
	{ "report.reason.delivered",	"Delivered" },
	{ "report.reason.delayed",	"Delayed, still retrying" },
	{ "report.reason.expired",	"Sending server gave up retrying" },
	{ "report.reason.auto_reply",	"Automatic reply (out of office)" },
	{ "report.reason.feedback",	"Spam complaint (feedback report)" },
	{ "report.reason.content_rejected",	"Content judged as spam" },
	{ "report.reason.virus_detected",	"Virus or dangerous attachment" },
	{ "report.reason.message_not_compliant",	"Message format broken" },
	{ "report.reason.mailbox_moved",	"Address has moved" },
	{ "report.reason.recipient_filter",	"Recipient's filter refused it" },
	{ "report.reason.mail_loop",	"Mail loop" },
	{ "report.reason.bad_reputation",	"Sending server's reputation" },
	{ "report.reason.rate_limited",	"Sent too fast (rate limit)" },
	{ "report.reason.not_authorized",	"Not authorized to send to this address" },
	{ "report.reason.mailbox_size_limit",	"Too big for this mailbox" },
	{ "report.reason.content_format",	"Message format not accepted" },
	{ "report.reason.mailer_error",	"Recipient's delivery program failed" },
	{ "report.reason.system_full",	"Recipient's mail server out of space" },
	{ "report.cause_domains",	"Domains: " },
	{ "report.cause_others",	"{1} other {1|domain|domains} ({2})" },
	{ "report.catch_all_probe",	"Catch-all test (random address)" },
	{ "report.row",	"row" },
	{ "report.duplicate_of",	"Same address as row {row}" },
	{ "summary.ok",	"OK" },
	{ "summary.risky",	"Risky" },
	{ "summary.bad",	"Bad" },
	{ "summary.unknown",	"Unknown" },
	{ "csv.summary",	"summary" },
	{ "csv.verdict",	"verdict" },
	{ "csv.stage",	"stage" },
	{ "csv.reason",	"reason" },
	{ "csv.reply_code",	"reply_code" },
	{ "csv.enhanced",	"enhanced" },
	{ "csv.reply_text",	"reply_text" },
	{ "csv.mx",	"mx" },
	{ "csv.explanation",	"explanation" },
	{ "csv.suggestion",	"suggestion" },
	{ "csv.role",	"role" },
	{ "csv.disposable",	"disposable" },
	{ "csv.duplicate_of",	"duplicate_of" },
	{ "csv.yes",	"yes" },
	{ "csv.not_checked",	"not_checked" },
	{ "csv.interrupted",	"interrupted" },
	{ "csv.not_checked.interrupted",	"Not checked: the run was interrupted before this address was probed. Run the same command again with --resume to check it." },
	{ "sender.title",	"Your own sending set-up" },
	{ "report.sender_more",	"{1} more sender {1|check|checks} in the input {1|is|are} not shown here" },
	{ "sender.what_to_do",	"What to do:" },
	{ "sender.ips",	"Sending IPs checked" },
	{ "sender.none_failed",	"Nothing failed." },
	{ "sender.stats",	"{1} DNS {1|query|queries}, {2} ms." },
	{ "sender.stats_deadline",	"{1} DNS {1|query|queries}, {2} ms: the time was up (--deadline) before every answer came, so some checks are unknown." },
	{ "sender.delist",	"Ask {1} to remove the listing: {2}" },
	{ "sender.advice_for",	"For these {1}: {2}" },
	{ "sender.st.pass",	"Passed" },
	{ "sender.st.info",	"Notes" },
	{ "sender.st.warn",	"Warnings" },
	{ "sender.st.unknown",	"Could not tell" },
	{ "sender.st.fail",	"Failed" },
	{ "sender.dnsbl.pass",	"Not on the blocklists asked." },
	{ "sender.dnsbl.policy_spf",	"The domain's SPF names this IP, so it sends to other mail servers itself, yet a policy list (like Spamhaus PBL) marks its range as one that should not, and servers that use the list refuse its mail. If it is your own mail server on a fixed IP with a proper reverse DNS name, whoever runs it removes the IP at the list's own removal page (Spamhaus's self-service PBL removal is for just that case); otherwise send through your mail provider's server instead, and take the IP out of SPF." },
	{ "sender.dnsbl.warn",	"Listed only on a policy list (like Spamhaus PBL): normal for an office or home connection that sends through its mail provider. It is a problem only if this IP sends to other mail servers directly: then send through your provider's server instead." },
	{ "sender.dnsbl.direct",	"Listed on a policy list (like Spamhaus PBL): its range is marked as office or home lines that should not send to other mail servers themselves, and this computer did, so servers that use the list refuse its mail. Do not ask for removal (the line is not a mail server): send through your company's mail server instead." },
	{ "sender.dnsbl.direct_page",	"Listed on a policy list (like Spamhaus PBL): its range is marked as office or home lines that should not send to other mail servers themselves, and this computer did, so servers that use the list refuse its mail. Do not ask for removal (the line is not a mail server). Doing what the note at the top says mends this." },
	{ "sender.dnsbl.unknown",	"The blocklist could not give a usable answer, so whether the IP is listed is not known. This is not a listing. A list that answers with an error code usually refuses your DNS resolver (public resolvers such as 8.8.8.8 are refused): run again with --dnsbl-resolver pointing at a resolver of your own, or with --recursive to resolve from this machine; for Spamhaus, a free DQS key (--spamhaus-key) also works." },
	{ "sender.dnsbl.fail",	"This IP is on a blocklist: many receivers refuse mail from it. Find out why (an infected computer, a hacked mailbox, a web form sending spam), fix it, then ask the list to remove the IP at the address shown. If the server is your provider's, tell the provider." },
	{ "sender.dnsbl_neighbours.pass",	"The IP's network is not on the network lists asked (the detail names them, and those that cannot answer for this address)." },
	{ "sender.dnsbl_neighbours.info",	"None of the network lists answers for IPv6 addresses: this IPv6 address's network could not be checked. That is not a clean result; if mail is refused as \"blocked\", also check the IPv4 address your server sends from (--ip)." },
	{ "sender.dnsbl_neighbours.warn",	"The network this IP belongs to is listed, not just this address: the provider's address block or whole network, because other customers in it send spam (you were caught up in it) or because the whole block is hijacked or run by spammers (Spamhaus DROP). Receivers that use the list refuse every address in it, so moving to another server or address in the same block will not help, and only the provider can have it removed: ask your provider for an address in a clean network, or send through a paid mail provider that belongs to the anti-spam alliances; never use the free mailbox that comes with web hosting." },
	{ "sender.dnsbl_zone.unknown",	"This blocklist failed its own self-test (RFC 5782): its answers cannot be trusted here, so none of them count. Usually the list refuses your resolver or the resolver rewrites answers." },
	{ "sender.dnsbl_domain.pass",	"The domain is not on this domain blocklist." },
	{ "sender.dnsbl_domain.fail",	"Your domain itself is on a domain blocklist: receivers refuse or junk mail that mentions it. Find out why (a hacked website, links in spam), fix it, and ask the list to remove it." },
	{ "sender.ptr.direct",	"This IP is the office line of a computer that handed the message straight to the recipient's server, not a mail server: do not ask the line's provider for a PTR name, which would not make it one. Send through your company's mail server instead; its IP is the one that needs a reverse DNS name like mail.yourdomain (set by the owner of that IP)." },
	{ "sender.ptr.direct_page",	"This IP is the office line of a computer that handed the message straight to the recipient's server, not a mail server: do not ask the line's provider for a PTR name, which would not make it one. Doing what the note at the top says mends this: the mail server's IP is the one that needs a reverse DNS name like mail.yourdomain (set by the owner of that IP)." },
	{ "sender.ptr.pass",	"The IP has a reverse DNS name." },
	{ "sender.ptr.line",	"The reverse DNS name is that of a home or dynamic line (the detail names the sign). Providers seldom set a PTR name on such lines, and receivers distrust mail sent straight from them, so do not ask for a PTR record: send through your provider's or your company's mail server instead (a mail server on this line hands its outgoing mail to that server, a relay host)." },
	{ "sender.ptr.warn",	"The reverse DNS name is a generic one made of the IP's digits, as a provider names the addresses nobody named; some receivers distrust it. Only the owner of the IP (your provider or hosting company) can change it, not whoever runs the server: ask them for a PTR record like mail.yourdomain (and whoever manages your domain's DNS gives that name an A record of this IP, so that it points back)." },
	{ "sender.ptr.unknown",	"The reverse DNS lookup failed, so the IP's name is not known." },
	{ "sender.ptr.fail",	"The IP has no reverse DNS (PTR) name. Gmail and many others refuse mail from such IPs. The owner of the IP (your provider or hosting company) must set one: ask them for a PTR record like mail.yourdomain." },
	{ "sender.fcrdns.pass",	"The reverse name points back to the IP (forward-confirmed)." },
	{ "sender.fcrdns.fail",	"The reverse name does not resolve back to this IP. Gmail requires both directions to match: add an A record for the name, or change the PTR to a name that has one." },
	{ "sender.fcrdns.direct",	"This IP is the office line of a computer that handed the message straight to the recipient's server, not a mail server: its reverse name is the line provider's, and mending it (an A record for the name, or another PTR) would not make the line a mail server. Send through your company's mail server instead; its IP is the one whose reverse name must resolve back to it (set by the owners of that IP and that name)." },
	{ "sender.fcrdns.direct_page",	"This IP is the office line of a computer that handed the message straight to the recipient's server, not a mail server: its reverse name is the line provider's, and mending it (an A record for the name, or another PTR) would not make the line a mail server. Doing what the note at the top says mends this: the mail server's IP is the one whose reverse name must resolve back to it (set by the owners of that IP and that name)." },
	{ "sender.helo.pass",	"The HELO name resolves to the sending IP." },
	{ "sender.helo.warn",	"The HELO name exists but does not point to this IP; some receivers score that as suspicious. Use the server's own name (the PTR name) as HELO." },
	{ "sender.helo.unknown",	"The HELO name could not be looked up." },
	{ "sender.helo.not_fqdn",	"The HELO name is not a fully qualified domain name (one label, as a Windows PC names itself): EHLO must give a full name or an address literal (RFC 5321 4.1.1.1), and many receivers refuse such a greeting (Postfix: \"need fully-qualified hostname\"). A mail server must greet with its full name, one that resolves to its IP (its PTR name): whoever runs it sets that. A PC's mail program cannot: send through your company's mail server instead." },
	{ "sender.helo.not_fqdn_page",	"The HELO name is not a fully qualified domain name (one label, as a Windows PC names itself): EHLO must give a full name or an address literal (RFC 5321 4.1.1.1), and many receivers refuse such a greeting (Postfix: \"need fully-qualified hostname\"). A PC's mail program cannot greet as a mail server does. Doing what the note at the top says mends this." },
	{ "sender.helo.literal",	"The HELO gives an address in brackets, not a name: RFC 5321 allows that, but a mail server greets with its own full name, and many receivers' filters count a bare address against the mail (a PC behind a router gives its own private address, not the one receivers see). A mail server: whoever runs it sets its HELO to its full name, one that resolves to its IP (its PTR name). If a PC's mail program sent it, send through your company's mail server instead." },
	{ "sender.helo.literal_page",	"The HELO gives an address in brackets, not a name: RFC 5321 allows that, but a mail server greets with its own full name, and many receivers' filters count a bare address against the mail (a PC behind a router gives its own private address, not the one receivers see). Doing what the note at the top says mends this." },
	{ "sender.helo.fail",	"The HELO name has no address: receivers that check it refuse the mail. Configure the server to greet with a real name that resolves to its IP." },
	{ "sender.spf_record.pass",	"The domain has one SPF record." },
	{ "sender.spf_record.unknown",	"The SPF record could not be read (DNS error)." },
	{ "sender.spf_record.fail",	"SPF is missing or broken: there must be exactly one valid TXT record starting with v=spf1. Without it Gmail, Yahoo and Microsoft may refuse or junk your mail. Publish one record listing your mail provider (your provider's help pages give the exact text)." },
	{ "sender.spf_lookups.pass",	"SPF stays within the 10-lookup limit." },
	{ "sender.spf_lookups.fail",	"SPF needs more than 10 DNS lookups: receivers stop and treat it as an error (permerror), so SPF fails for everyone. Remove includes you no longer use, or replace some with ip4: ranges." },
	{ "sender.spf_void_lookups.pass",	"Few SPF lookups come back empty." },
	{ "sender.spf_void_lookups.fail",	"More than two SPF lookups find nothing (names that no longer exist): receivers treat that as an error. Remove the dead entries." },
	{ "sender.spf_all.pass",	"SPF ends with -all or ~all: other servers are not allowed." },
	{ "sender.spf_all.warn",	"SPF does not say what to do with other servers (?all or no all): forgeries are not stopped. End the record with ~all or -all." },
	{ "sender.spf_all.fail",	"SPF ends with +all: it allows every server in the world to send as you, so it protects nothing and filters distrust it. Replace +all with ~all." },
	{ "sender.spf_include.warn",	"Something in the SPF record is discouraged (see the detail)." },
	{ "sender.spf_include.fail",	"An include or redirect in SPF is broken (a loop, or a name without SPF): receivers treat the whole record as an error. Fix or remove that entry." },
	{ "sender.spf_pass.pass",	"SPF allows this IP to send for the domain." },
	{ "sender.spf_pass.warn",	"SPF does not clearly allow this IP (softfail, neutral or none). If you send from this IP, add it (or your provider's include) to SPF." },
	{ "sender.spf_pass.unknown",	"SPF could not be evaluated for this IP (DNS error)." },
	{ "sender.spf_pass.fail",	"SPF says this IP may NOT send for the domain: receivers refuse or junk its mail. If this is your real server, add it to SPF: whoever manages the domain's DNS adds ip4: and this IP to the one v=spf1 record there, keeping your mail provider's include in it (a second v=spf1 record makes SPF an error for all your mail, RFC 7208 3.2)." },
	{ "sender.spf_pass.direct",	"SPF does not vouch for this IP, and should not: it is a computer on an office line that handed the message straight to the recipient's server. Do not add it to SPF (everything on that line, or whoever gets the IP next, could then send as your domain). Send through your company's mail server instead: set the mail program or bulk-mail software to your mail provider's SMTP server, port 587, with a login (whoever runs your company's mail, or your provider, has the settings)." },
	{ "sender.spf_pass.direct_page",	"SPF does not vouch for this IP, and should not: it is a computer on an office line that handed the message straight to the recipient's server. Do not add it to SPF (everything on that line, or whoever gets the IP next, could then send as your domain). Doing what the note at the top says mends this." },
	{ "sender.spf_pass.permerror",	"SPF cannot be evaluated (permerror): the record is broken, so it cannot say this IP may send, and receivers count that as a failure (for DMARC too): they refuse or junk the mail. Adding the IP does not help: first mend what the detail and the other SPF findings name (a loop, more than 10 lookups, a syntax error), or ask the provider whose include it is." },
	{ "sender.dmarc_record.pass",	"The domain has a DMARC record." },
	{ "sender.dmarc_record.unknown",	"The DMARC record could not be read (DNS error)." },
	{ "sender.dmarc_record.fail",	"DMARC is missing or unusable. Gmail, Yahoo and Microsoft require it from bulk senders. Publish one TXT record at _dmarc.yourdomain, starting with v=DMARC1; p=none; rua=mailto:you@yourdomain, and tighten it later." },
	{ "sender.dmarc_policy.pass",	"DMARC asks receivers to quarantine or reject forgeries." },
	{ "sender.dmarc_policy.warn",	"DMARC only asks for reports (p=none) or covers part of the mail: forgeries still get through. Once the reports show your own mail passes, move to p=quarantine, then p=reject." },
	{ "sender.dmarc_policy.none_norua",	"Its policy none protects nothing either: forgeries of your domain still get through. Once the reports show your own mail passes, move to p=quarantine, then p=reject." },
	{ "sender.dmarc_policy.sp",	"The domain has no DMARC record of its own, so receivers apply its organisational domain's policy for subdomains (sp=), which only asks for reports or covers part of the mail: forgeries of this domain still get through. Once the reports show your own mail passes, set sp=quarantine, then sp=reject in that record, or publish a record of this domain's own at _dmarc.DOMAIN." },
	{ "sender.dmarc_rua.none",	"The DMARC record asks for no reports (no rua=) and its policy none asks for nothing else, so it does nothing yet. First add rua=mailto: with an address of yours (or of a DMARC report service): receivers then send daily reports of which servers send as your domain and whether they pass. Once those show your own mail passes, tighten the policy." },
	{ "sender.dmarc_rua.info",	"No DMARC reports (no rua=): receivers apply the policy but tell nobody, so mail of your own that fails DMARC (from a server that does not sign it, or an IP missing from SPF) is refused or junked without a word to you. To see it, add rua=mailto: with an address of yours to the record." },
	{ "sender.dmarc_rua.warn",	"DMARC reports go to another domain that has not agreed to receive them, so receivers will not send them. Ask that domain to publish the authorization record, or report to an address in your own domain." },
	{ "sender.dkim.pass",	"A DKIM key was found." },
	{ "sender.dkim.unknown",	"Whether a DKIM key is published is not known: no key was found, but the lookup of some selectors failed (see the findings marked ?). Check again when DNS answers." },
	{ "sender.dkim.unsigned",	"Your mail goes out without DKIM: the message you gave (--message), as the recipient received it, carries no DKIM-Signature, and no key was found at the usual selectors. Turn on DKIM signing where your mail leaves (your mail provider's admin console, or a signer such as OpenDKIM on your own server) and publish the key it gives you. Without DKIM, Gmail and Yahoo junk bulk mail." },
	{ "sender.dkim.other_domain",	"Your mail is signed with another domain's DKIM key (d= in the detail: your mail provider's or your host's), not your own. That signature can pass DKIM, but DMARC counts only a signature of your own domain, or SPF passing for your own domain: with neither, receivers apply your DMARC policy, and Gmail and Yahoo junk or refuse bulk mail. Ask your mail provider to sign your mail with your own domain (often called custom DKIM or DKIM for your domain): they give you a key record to publish at SELECTOR._domainkey.yourdomain." },
	{ "sender.dkim.key_unused",	"A DKIM key is published, but the message you gave (--message), as the recipient received it, carries no DKIM-Signature: your mail goes out unsigned and the key is not used. Turn on DKIM signing where your mail leaves (your mail provider's admin console, or the signer on your own server), with the selector whose key is published. Without DKIM, Gmail and Yahoo junk bulk mail." },
	{ "sender.dkim.sent_copy",	"No DKIM key was found at the usual selectors, and a copy from your Sent folder cannot show one: it is kept before your server signs the mail. Selectors cannot be listed, so the key may exist under another name: ask your mail provider for the selector and check with --dkim-selector NAME, or give --message a message as the recipient received it. Without DKIM, Gmail and Yahoo junk bulk mail." },
	{ "sender.dkim.warn",	"No DKIM key was found at the usual selectors. Selectors cannot be listed, so it may exist under another name: check with --dkim-selector NAME (or --message with a message you sent). Without DKIM, Gmail and Yahoo junk bulk mail." },
	{ "sender.dkim_key.pass",	"The DKIM key is valid and strong enough." },
	{ "sender.dkim_key.warn",	"The DKIM key works but is weak or in test mode: use a 2048-bit key and remove t=y." },
	{ "sender.dkim_key.unknown",	"The DKIM key could not be read (DNS error)." },
	{ "sender.dkim_key.fail",	"The DKIM key is missing at a selector your mail is signed with, revoked, broken or too short (under 1024 bits): signatures with it fail. Publish a new 2048-bit key from your mail provider's settings (or sign with the selector whose key is published)." },
	{ "sender.mx_inbound.pass",	"The domain can receive mail, so bounces and replies can come back." },
	{ "sender.mx_inbound.warn",	"The domain has no MX record; mail to it relies on its web address. Add MX records for your mail provider." },
	{ "sender.mx_inbound.unknown",	"Whether mail for the domain can come back is not known: a DNS error, or its mail server could not be reached from here (port 25 blocked: use --proxy, or --no-inbound). The checklist above says which." },
	{ "sender.mx_inbound.proxy",	"Whether mail for the domain can come back is not known: its mail server could not be reached through your proxy (--proxy), for the reason the checklist gives. Fix the proxy (its address, login, or a rule that blocks port 25), use a proxy on a server that may send mail, or skip this check with --no-inbound." },
	{ "sender.mx_inbound.fail",	"Mail for the domain cannot be delivered, or its server refuses postmaster@: bounces and replies to your messages may vanish, so you never learn that mail failed. If the domain does not exist, check its spelling; if it has no usable MX, fix the MX records; if only postmaster is refused, create a postmaster mailbox or alias (RFC 5321 requires one, and some receivers test it before they accept your mail)." },
	{ "sender.mx_inbound.null",	"The domain publishes a null MX (\"MX 0 .\", RFC 7505): it says it accepts no mail at all, so bounces and replies to your messages are refused, and receivers may refuse mail from it too (550 5.7.27, sender address has null MX). If the domain sends mail, replace the null MX with the MX records your mail provider gives you." },
	{ "sender.mx_inbound.nxdomain",	"The domain does not exist in DNS (NXDOMAIN): check its spelling. If it is yours and mail from it worked before, its registration may have lapsed or its name servers lost its zone: ask your registrar or DNS host. Until it exists again, receivers refuse mail from it and bounces to it are lost; nothing else of the set-up can be checked." },
	{ "sender.sending_ips.dns_down",	"No sending IP could be found because DNS did not answer: the SPF record and MX, where the sending IPs are read from, could not be read. Check again when DNS answers; to check an IP now, give it with --ip." },
	{ "sender.dns_down",	"DNS did not answer for {1}: its SPF record and MX could not be read, so the checks marked ? below are not known (not failed)." },
	{ "sender.direct_pc",	"The message you gave (--message) went from a computer straight to the recipient's server, with no mail server of yours between, as bulk-mail software sends: {1} is that computer's office line, not a mail server, and many receivers refuse mail from such a line whatever your records say. Do this first: whoever sends the mail sets the mail program or bulk-mail software to send through your company's mail server (your mail provider's SMTP server, port 587, with a login; whoever runs your company's mail has the settings). The findings about {1} below are about that office line." },
	{ "sender.dkim_keys_unanswered",	"DNS did not answer for {1} {1|selector|selectors}" },
	{ "sender.www_name.warn",	"You gave a web address: the name with \"www.\" receives no mail, and these checks are about the name given. If your mail addresses end with the name without \"www.\", check that one: mxtrace sender NAME." },
	{ "sender.sending_ips.warn",	"No sending IP was found to check. Give the real one with --ip (from a message you sent: the first Received line your recipient's server added)." },
	{ "sender.provider_rules.pass",	"Meets this provider's published sender rules, as far as DNS shows." },
	{ "sender.provider_rules.warn",	"Meets this provider's rules only if your mail is DKIM-signed, which could not be confirmed: no key was found at the selectors tried (check with --dkim-selector NAME or --message)." },
	{ "sender.provider_rules.unknown",	"Cannot tell whether this meets the provider's rules: a record they depend on had no usable DNS answer (see the findings marked ?). This is not a failure; check again when DNS answers." },
	{ "sender.provider_rules.fail",	"Does not meet this provider's published sender rules: expect rejections such as 550 5.7.26 (Gmail), 550 5.7.25 or 5.7.515 (Microsoft). Fix the items marked in the detail." },
	{ "sender.title.dnsbl",	"Blocklists (this IP)" },
	{ "sender.title.dnsbl_neighbours",	"Blocklists (neighbours)" },
	{ "sender.title.dnsbl_zone",	"Blocklist self-test" },
	{ "sender.title.dnsbl_domain",	"Domain blocklist" },
	{ "sender.title.ptr",	"Reverse DNS" },
	{ "sender.title.fcrdns",	"Reverse DNS confirmed" },
	{ "sender.title.helo",	"HELO name" },
	{ "sender.title.spf_record",	"SPF record" },
	{ "sender.title.spf_lookups",	"SPF lookups" },
	{ "sender.title.spf_void_lookups",	"SPF empty lookups" },
	{ "sender.title.spf_all",	"SPF all" },
	{ "sender.title.spf_include",	"SPF includes" },
	{ "sender.title.spf_pass",	"SPF for this IP" },
	{ "sender.title.dmarc_record",	"DMARC record" },
	{ "sender.title.dmarc_policy",	"DMARC policy" },
	{ "sender.title.dmarc_rua",	"DMARC reports" },
	{ "sender.title.dkim",	"DKIM" },
	{ "sender.title.dkim_key",	"DKIM key" },
	{ "sender.title.mx_inbound",	"Bounces can come back" },
	{ "sender.title.mta_sts",	"MTA-STS (TLS for mail sent to you)" },
	{ "sender.title.tls_rpt",	"TLS-RPT (reports on TLS failures)" },
	{ "sender.mta_sts.pass",	"The domain publishes MTA-STS: servers sending to you must use verified TLS." },
	{ "sender.mta_sts.info",	"No MTA-STS: normal for most small companies, and it does not affect your own mail. It would make servers sending to you insist on verified TLS. To add it, publish _mta-sts TXT \"v=STSv1; id=...\" and the policy at https://mta-sts.DOMAIN/.well-known/mta-sts.txt." },
	{ "sender.mta_sts.warn",	"MTA-STS is published but not usable (a broken record, or its policy file cannot be fetched or read over HTTPS, or it leaves out an MX host in testing mode): servers sending to you ignore it. Fix the record or the policy file at https://mta-sts.DOMAIN/.well-known/mta-sts.txt (a valid certificate for mta-sts.DOMAIN, no redirect), or remove the _mta-sts record." },
	{ "sender.mta_sts.fail",	"Your MTA-STS policy is in enforce mode but does not list one of your MX hosts: servers that follow it (Gmail, Microsoft, ...) refuse to deliver there, so mail and bounces to you can be lost. Add the host to the policy's mx lines (and change the id in the _mta-sts record), or switch the policy to testing." },
	{ "sender.mta_sts.unknown",	"The MTA-STS record could not be read (DNS error or no answer in time); try again." },
	{ "sender.tls_rpt.pass",	"The domain asks for TLS-RPT reports: you learn when servers cannot reach you over TLS." },
	{ "sender.tls_rpt.info",	"No TLS-RPT: normal for most small companies. With it you would hear when servers fail to reach you over TLS; publish _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:...\"." },
	{ "sender.tls_rpt.warn",	"The TLS-RPT record is broken (several records, or one that does not parse): no reports are sent. Keep exactly one _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:...\"." },
	{ "sender.tls_rpt.unknown",	"The TLS-RPT record could not be read (DNS error or no answer in time); try again." },
	{ "sender.title.sending_ips",	"Sending IPs" },
	{ "sender.title.www_name",	"Web name given" },
	{ "sender.title.provider_rules",	"Provider rules" },
	{ "sender.title.provider",	"Who sends for you" },
	{ "sender.title.dnsbl_sweep",	"Neighbours listed (/24)" },
	{ "sender.dnsbl_sweep.pass",	"None of the other addresses of this IP's /24 is on the lists swept." },
	{ "sender.dnsbl_sweep.warn",	"Other addresses of this IP's /24 are blocklisted: the neighbourhood has a bad reputation, and some receivers judge the whole range. If your own IP is clean, ask your provider for an address in a clean range." },
	{ "sender.provider.pass",	"Your mail goes through this provider: its own reputation and rules apply, and its help pages give the exact SPF, DKIM and DMARC records to publish." },
	{ "sender.provider.warn",	"Your mail goes out from a shared web-hosting server: hundreds of other websites send from the same IP, and one spammer among them gets it blocklisted for everyone. Move your mailboxes to a paid mail provider (one that belongs to the anti-spam alliances), never the free mailbox that comes with web hosting." },
	{ "note.suggestion",	"Did you mean {addr}? The domain looks like a typing mistake in a big provider's domain; check the address with the customer before you change it." },
	{ "note.role",	"This is a role address (such as info@ or sales@): a shared mailbox that whoever is on duty reads, or nobody. Write to a person when you can." },
	{ "note.disposable",	"This address belongs to a throw-away mail service: it usually stops working within hours or days." },
	{ "verify.read_as",	"{1}: read as {2} ({3})" },
	{ "verify.read_sheet",	"{1}: an Excel workbook, reading its sheet \"{2}\"" },
	{ "verify.sheet_unread",	"warning: {1}: sheet \"{2}\" has an address column too and is not read: only sheet \"{4}\" is checked; verify it with --sheet \"{2}\" (another run, another -o FILE)" },
	{ "verify.sheets_unread",	"warning: {1}: {3} more sheets have an address column and are not read, the first \"{2}\": only sheet \"{4}\" is checked; verify each with --sheet NAME (another run each, the first --sheet \"{2}\")" },
	{ "verify.enc_forced",	"--encoding" },
	{ "verify.enc_kept",	"as in the first run" },
	{ "verify.enc_guessed",	"detected from its bytes; --encoding NAME if that is wrong" },
	{ "verify.enc_detected",	"detected" },
	{ "verify.enc_binary",	"it holds control bytes no text list has, so no text encoding fits; rows with bytes that are not UTF-8 are named" },
	{ "verify.enc_fallback",	"too few bytes to tell: the default for such a file (BIG5 or GB18030 when its non-ASCII bytes pair up as Chinese, else WINDOWS-1252); --encoding NAME if that is wrong" },
	{ "verify.enc_replaced",	"warning: {1} byte {1|sequence|sequences} of {2} {1|is|are} not valid {3} and {1|was|were} read as \xef\xbf\xbd" },
	{ "verify.cell_too_many",	"warning: {1} row {2} holds more than {3} addresses; only the first {3} are checked" },
	{ "trace.address_cut",	"… ({1} bytes in all)" },
	{ "cli.report_foreign",	"{1} is not mxtrace JSON ({2}): give the -o FILE of mxtrace verify (not its --csv or .meta) or the output of mxtrace probe --json, explain --json or sender --json" },
	{ "cli.report_not_json",	"its first line is not a JSON object" },
	{ "cli.report_not_record",	"its first object is not one of mxtrace's records" },
	/* explain: a delivered message (probe/explain/delivered*.c) */
	{ "dlv.unit.d",	"d" },
	{ "dlv.unit.h",	"h" },
	{ "dlv.unit.min",	"min" },
	{ "dlv.unit.s",	"s" },
	{ "dlv.where",	"Where it went" },
	{ "dlv.nav",	"Delivered messages" },
	{ "dlv.verdict.inbox",	"The receiving server put this message in the inbox." },
	{ "dlv.verdict.spam",	"The receiving server marked this message as spam (junk folder)." },
	{ "dlv.verdict.unknown",	"The headers do not say whether this message went to the inbox or to spam." },
	{ "dlv.verdict.user",	"(where you said you found it)" },
	{ "dlv.verdict.user_inbox",	"You found this message in the inbox (--folder inbox)." },
	{ "dlv.verdict.user_spam",	"You found this message in the spam (junk) folder (--folder spam)." },
	{ "dlv.disagree.user_inbox",	"The receiving server's own filter marked it as spam (its headers below), yet it reached the inbox: a rule of the mailbox moved it there, such as a safe-sender list, the sender being in the contacts, or a filter the recipient set. Other recipients without such a rule may find the same mail in spam: the reasons still count." },
	{ "dlv.disagree.user_spam",	"The receiving server's own filter did not mark it as spam (its headers below), yet it was in the spam folder: a rule of the mailbox moved it there, such as a blocked-sender list, a filter the recipient set, the mail program's own junk filter, or the recipient marking earlier mail from this sender as spam. Ask the recipient to mark it as not spam or add the sender to the contacts." },
	{ "dlv.card.inbox",	"Went to the inbox" },
	{ "dlv.card.spam",	"Went to spam (junk folder)" },
	{ "dlv.card.unknown",	"Not known: the headers do not say" },
	{ "dlv.v.inbox",	"inbox" },
	{ "dlv.v.spam",	"spam" },
	{ "dlv.v.unknown",	"unknown" },
	{ "dlv.badge.inbox",	"Went to the inbox" },
	{ "dlv.badge.spam",	"Went to spam" },
	{ "dlv.badge.unknown",	"Not known" },
	{ "dlv.report.title",	"Delivered messages: path and spam verdict" },
	{ "dlv.report.messages",	"Messages" },
	{ "dlv.report.shown",	"Messages drawn in full:" },
	{ "dlv.path",	"Path of the message, oldest hop first" },
	{ "dlv.hops_dropped",	"Received: headers not read (too many):" },
	{ "dlv.tls_yes",	"TLS" },
	{ "dlv.tls_no",	"no TLS" },
	{ "dlv.tls_unknown",	"TLS unknown" },
	{ "dlv.inside",	"inside the receiver" },
	{ "dlv.login",	"login" },
	{ "dlv.boundary",	"entered the receiver here" },
	{ "dlv.skew",	"clock skew: a server's clock is wrong, this gap is not real time" },
	{ "dlv.no_time",	"no usable time" },
	{ "dlv.total",	"From Date: to final delivery" },
	{ "dlv.longest",	"Longest wait" },
	{ "dlv.held",	"held {1} at {2} before reaching {3}" },
	{ "dlv.held_in",	"held {1} inside {2}" },
	{ "dlv.sending_ip",	"Sending IP, as the receiver saw it" },
	{ "dlv.auth",	"Authentication, as the receiver saw it" },
	{ "dlv.trust.receiver",	"counted (written by the receiving server)" },
	{ "dlv.trust.upstream",	"ignored (written before the message reached the receiver; anyone on the way can write it)" },
	{ "dlv.trust.other_authserv_id",	"ignored (written by another server, not the receiver)" },
	{ "dlv.not_checked",	"not reported" },
	{ "dlv.result.pass",	"pass" },
	{ "dlv.result.fail",	"fail" },
	{ "dlv.result.softfail",	"softfail" },
	{ "dlv.result.neutral",	"neutral" },
	{ "dlv.result.none",	"none" },
	{ "dlv.result.temperror",	"temperror" },
	{ "dlv.result.permerror",	"permerror" },
	{ "dlv.result.policy",	"policy" },
	{ "dlv.result.bestguesspass",	"bestguesspass" },
	{ "dlv.aligned",	"matches From:" },
	{ "dlv.not_aligned",	"does not match From:" },
	{ "dlv.spam",	"Spam verdict" },
	{ "dlv.score",	"score" },
	{ "dlv.threshold",	"threshold" },
	{ "dlv.reject_score",	"reject score" },
	{ "dlv.reject_note",	"The server rejects a message from a score of {1}; below that, its \"add header\" action can still put it in the spam folder." },
	{ "dlv.filters",	"Spam filter headers" },
	{ "dlv.reasons",	"Why" },
	{ "dlv.risks",	"Risks (it still arrived)" },
	{ "dlv.no_reasons",	"No problem found in the headers." },
	{ "dlv.fix",	"What to change" },
	{ "dlv.check_sender",	"Check your own set-up with:" },
	{ "dlv.selector",	"DKIM selector" },
	{ "dlv.cause.spf_fail",	"SPF failed: the server that sent it is not in the SPF record of the sending domain, so the receiver treats the mail as possibly forged." },
	{ "dlv.fix.spf_fail",	"Add the sending server's IP address (or your mail provider's include:) to the domain's SPF TXT record." },
	{ "dlv.cause.spf_softfail",	"SPF soft-failed (~all): the sending IP is not in the domain's SPF record; many receivers send such mail to spam." },
	{ "dlv.fix.spf_softfail",	"Add the sending server's IP address (or your mail provider's include:) to the domain's SPF TXT record." },
	{ "dlv.cause.spf_none",	"The sending domain publishes no SPF record, so the receiver cannot tell which servers may send for it." },
	{ "dlv.fix.spf_none",	"Publish an SPF TXT record that lists every server sending your mail and ends in ~all or -all." },
	{ "dlv.cause.spf_error",	"The SPF record could not be evaluated: a DNS error, a syntax error or more than 10 DNS lookups." },
	{ "dlv.fix.spf_error",	"Check the record's syntax and keep it under 10 DNS lookups (replace nested include: with addresses where needed)." },
	{ "dlv.cause.dkim_none",	"The message is not DKIM-signed, so nothing proves that it came from your domain unchanged." },
	{ "dlv.fix.dkim_none",	"Turn on DKIM signing at your mail server or provider and publish its public key in DNS." },
	{ "dlv.cause.dkim_fail",	"A DKIM signature is present but does not verify: the key in DNS is wrong or missing, or something changed the message after signing." },
	{ "dlv.fix.dkim_fail",	"Check that the selector's public key in DNS matches the signing key and that no gateway or footer rewrites the message after signing." },
	{ "dlv.cause.dkim_unaligned",	"The message is signed, but by another domain (often the mail service's), not by the domain in From:, so the signature does not count for DMARC." },
	{ "dlv.fix.dkim_unaligned",	"Sign with your own domain (d= equal to your From: domain): set up custom-domain DKIM at your mail service." },
	{ "dlv.cause.dmarc_fail",	"DMARC failed: neither SPF nor DKIM passed for the domain in From:, the main sign of a forged sender." },
	{ "dlv.fix.dmarc_fail",	"Make SPF or DKIM pass for your From: domain (aligned with it), and keep your DMARC record." },
	{ "dlv.cause.dmarc_none",	"The From: domain publishes no DMARC record; large receivers trust such mail less." },
	{ "dlv.fix.dmarc_none",	"Publish a DMARC record, e.g. _dmarc.YOUR-DOMAIN TXT \"v=DMARC1; p=none; rua=mailto:YOU@YOUR-DOMAIN\", and tighten it once the reports look clean." },
	{ "dlv.cause.no_ptr",	"The sending IP has no reverse DNS (PTR) name; many receivers treat such servers as home or hijacked machines." },
	{ "dlv.fix.no_ptr",	"Ask whoever owns the IP (your hosting or network provider) to set a PTR name that resolves back to the same IP." },
	{ "dlv.cause.ptr_generic",	"The sending IP's reverse DNS name looks like a home or dynamic line, not like a mail server." },
	{ "dlv.fix.ptr_generic",	"Send through a real mail server or your provider's relay (smarthost), whose PTR name looks like mail.your-domain." },
	{ "dlv.cause.helo_bad",	"The name the sending server gave in HELO is not a real, resolvable name of that server." },
	{ "dlv.fix.helo_bad",	"Set the mail server's host name (HELO) to a full domain name that resolves to its IP address." },
	{ "dlv.cause.ip_blocklisted",	"An IP address in the path is on a DNS blocklist." },
	{ "dlv.fix.ip_blocklisted",	"Look the IP up on the list's website, fix the cause (an infected PC, an open relay, bulk sending) and ask for removal." },
	{ "dlv.cause.url_blocklisted",	"A link or domain in the message is on a URI blocklist." },
	{ "dlv.fix.url_blocklisted",	"Remove or replace the listed link; link shorteners and tracking domains are often listed." },
	{ "dlv.cause.bulk",	"The filter classed it as bulk mail (newsletters, promotions) that many recipients complain about." },
	{ "dlv.fix.bulk",	"Send only to people who asked for your mail, make unsubscribing easy and remove addresses that never respond." },
	{ "dlv.cause.content",	"The filter judged the text or the layout to look like spam." },
	{ "dlv.fix.content",	"Write plain, personal text; avoid all capitals, image-only mail, many links and pushy phrases; include a text part with the HTML." },
	{ "dlv.cause.phish",	"The filter took it for phishing: links that pretend to go to another site, or requests for passwords." },
	{ "dlv.fix.phish",	"Make every link show its real address, never ask for passwords, and send from your own domain." },
	{ "dlv.cause.malware",	"The filter found or suspected malware in an attachment." },
	{ "dlv.fix.malware",	"Do not attach programs or documents with macros; share files through a link instead." },
	{ "dlv.cause.spoof",	"The receiver thinks the From: address is forged: it could not confirm that the sender may use that domain." },
	{ "dlv.fix.spoof",	"Make SPF and DKIM pass and align with your From: domain; never put another company's domain in From:." },
	{ "dlv.cause.blocked_sender",	"The recipient or their organisation has blocked your address or domain." },
	{ "dlv.fix.blocked_sender",	"Ask the recipient to remove you from their blocked senders, or to add you as a safe sender." },
	{ "dlv.cause.headers_bad",	"Headers are missing or malformed (Date:, Message-ID:, a wrong clock), as spam tools often make them." },
	{ "dlv.fix.headers_bad",	"Send through a standard mail program or server, and keep its clock right." },
	{ "dlv.cause.freemail",	"It comes from a free mailbox (gmail.com, qq.com, 163.com...) while looking like business mail, or replies go to another free mailbox." },
	{ "dlv.fix.freemail",	"Send business mail from your company domain, with Reply-To equal to From." },
	{ "dlv.cause.high_score",	"The receiver's filter rated it as spam (its score reached the spam threshold) without naming which of its checks counted." },
	{ "dlv.fix.high_score",	"Fix first what the other reasons here name (authentication: SPF, DKIM, DMARC; the sending IP's reverse DNS); when there are none, the headers tell no more: the text, the links and the sending IP's reputation are what is left to look at." },
	{ "dlv.cause.safe_sender",	"The recipient or their organisation lists you as a safe sender, so spam filtering was skipped." },
	{ "dlv.fix.safe_sender",	"Nothing to change." },
	{ "dlv.cause.opaque_filter",	"This provider's spam filter writes its verdict in an encoded header that is not publicly documented, so the headers cannot say why." },
	{ "dlv.fix.opaque_filter",	"Tell mxtrace where you found the message (--folder spam or --folder inbox), and check your set-up with mxtrace sender." },
};

static const struct label_row zh_labels[] = {
	{ "verdict",		"结论" },
	{ "p.colon",		"：" },
	{ "p.comma",		"，" },
	{ "p.open",		"（" },
	{ "p.close",		"）" },
	{ "p.bracketed",	"（{1}）" },
	{ "p.semi",		"；" },
	{ "p.stop",		"。" },
	{ "stage",		"阶段" },
	{ "reason",		"原因" },
	{ "explanation",	"说明" },
	{ "warnings",		"警告" },
	{ "mx",			"邮件服务器（MX）" },
	{ "attempt",		"连接尝试" },
	{ "via_proxy",		"经由代理" },
	{ "proxy_bound",	"出口" },
	{ "waiting",		"等待中……" },
	{ "waiting_port25",	"等待中……（本网络封锁了 25 端口？见 --proxy）" },
	{ "waiting_ahead",	"等待中……（下一个地址，已提前检查）" },
	{ "local_ip",		"本机地址" },
	{ "explain.file",	"邮件" },
	{ "bnc.title",	"退信" },
	{ "bnc.recipients",	"收件人数" },
	{ "bnc.messages",	"邮件数" },
	{ "bnc.todo",	"该怎么办" },
	{ "bnc.todo.count",	"{1} 个收件人" },
	{ "bnc.todo.our_side",	"问题出在我方的发信设置（服务器、IP 或域名）：请管理公司邮箱的人对我方域名运行 mxtrace sender，并修正它发现的问题；修正之前重发仍会失败。" },
	{ "bnc.todo.our_side_domain",	"问题出在我方的发信设置（服务器、IP 或域名）：请管理公司邮箱的人运行 mxtrace sender {domain}，并修正它发现的问题；修正之前重发仍会失败。" },
	{ "bnc.todo.recipient_address",	"这些地址写错了或已不存在：向客户核对后改正，或从名单中删除；不要重发。" },
	{ "bnc.todo.recipient_server",	"收件服务器拒收或无法接收（邮箱已满、收件方的规则或故障）：稍后重发；如果一直失败，请通过其他方式联系客户。" },
	{ "bnc.todo.content",	"邮件本身被拒收（被判为垃圾邮件、附件、大小）：重发前修改邮件（减少链接和图片、去掉附件、缩小邮件）。" },
	{ "bnc.todo.network",	"双方服务器之间连不通：通常是暂时的，稍后重发。" },
	{ "bnc.todo.other",	"请看下面的服务器原文。" },
	{ "bnc.address",	"地址" },
	{ "bnc.reason",	"原因" },
	{ "bnc.side",	"问题在哪一方" },
	{ "bnc.domain",	"收件人域名" },
	{ "bnc.day",	"日期" },
	{ "bnc.month",	"月份" },
	{ "bnc.year",	"年份" },
	{ "bnc.text",	"服务器原文" },
	{ "bnc.no_text",	"（退信中没有服务器原文）" },
	{ "bnc.notice_said",	"退信通知自己的话，并非服务器原文：" },
	{ "bnc.todo.too_many_recipients",	"一封邮件同时发给的收件人超过了收件服务器每封邮件接受的数量，而且不会有人重试：请分成小批，或给每位客户单独发一封，重新发给他们。" },
	{ "bnc.todo.feedback",	"有人把您的邮件举报为垃圾邮件或要求退订：把他们从名单中删除，只给愿意收您邮件的人发信；继续发给他们只会招来更多投诉。" },
	{ "bnc.domain.other",	"其他域名" },
	{ "bnc.domain.none",	"（没有写明地址）" },
	{ "bnc.address.unreadable",	"（地址无法读取：写法含有控制字符）" },
	{ "bnc.day.other",	"其他日期" },
	{ "bnc.day.future",	"未来的日期（时钟有误）" },
	{ "bnc.day.none",	"没有日期" },
	{ "bnc.h.reasons",	"按原因" },
	{ "bnc.h.domains",	"按收件人域名" },
	{ "bnc.h.time",	"按日期" },
	{ "bnc.h.rows",	"失败的收件人和服务器原文" },
	{ "explain.kind",	"类型" },
	{ "explain.format",	"格式" },
	{ "explain.quote_cut",	"……（到此截断；--json 输出含全文）" },
	{ "explain.format.dsn",	"标准投递状态报告（RFC 3464）" },
	{ "explain.format.text",	"纯文本，格式未识别" },
	{ "explain.format.arf",	"反馈报告（ARF，RFC 5965）" },
	{ "explain.format.rfc3834",	"自动回复（RFC 3834）" },
	{ "explain.format.qmail",	"qmail 通知" },
	{ "explain.format.exim",	"Exim 通知" },
	{ "explain.format.zoho",	"Zoho Mail 通知" },
	{ "explain.format.postfix",	"Postfix 通知" },
	{ "explain.format.sendmail",	"Sendmail 通知" },
	{ "explain.format.sendmail-v5",	"Sendmail 通知（旧 V5 格式）" },
	{ "explain.format.gmail",	"Gmail 通知" },
	{ "explain.format.courier",	"Courier 通知" },
	{ "explain.format.mailmarshal",	"MailMarshal 通知" },
	{ "explain.format.imail",	"IMail Server 通知" },
	{ "explain.format.interscan",	"趋势科技 InterScan 通知" },
	{ "explain.format.smail",	"Smail 通知（德国电信亦用）" },
	{ "explain.format.biglobe",	"BIGLOBE 通知" },
	{ "explain.format.verizon",	"Verizon 通知" },
	{ "explain.format.exchange",	"Microsoft Exchange / Outlook 通知" },
	{ "explain.format.notes",	"Lotus Notes 通知" },
	{ "explain.format.domino",	"IBM Domino 通知" },
	{ "explain.format.kddi",	"KDDI（au）通知" },
	{ "explain.format.ezweb",	"EZweb（KDDI）通知" },
	{ "explain.format.james",	"Apache James 通知" },
	{ "explain.format.dma",	"DragonFly Mail Agent 通知" },
	{ "explain.format.opensmtpd",	"OpenSMTPD 通知" },
	{ "explain.format.fml",	"fml 邮件列表通知" },
	{ "explain.format.m-filter",	"m-FILTER 通知" },
	{ "explain.format.messaging-server",	"Oracle Messaging Server 通知" },
	{ "explain.format.amazon-ses",	"Amazon SES 通知" },
	{ "explain.format.tencent",	"腾讯邮件通知（QQ 邮箱 / 腾讯企业邮箱）" },
	{ "explain.format.coremail",	"Coremail 邮件系统通知（网易 163/126 等）" },
	{ "explain.format.alimail",	"阿里邮箱通知" },
	{ "explain.format.apple-unsubscribe",	"Apple 邮件的退订消息" },
	{ "explain.reporting_mta",	"报告来自" },
	{ "explain.original",	"您发出的邮件" },
	{ "explain.recipient",	"收件人" },
	{ "explain.reply",	"服务器原文" },
	{ "explain.notice_said",	"通知原文" },
	{ "explain.wording.qq_unavailable.why",	"QQ 邮箱在几种情况下都会这样回复：地址不存在；收件人短时间内收到大量邮件，QQ 邮箱暂时禁止向其发信；或因其他原因拒绝访问。它没有说明是哪一种。" },
	{ "explain.wording.qq_unavailable.todo",	"请向客户确认地址；如果地址正确，过一小时以上再发；如果再次被退回，请通过其他方式联系客户。" },
	{ "explain.wording.virus_named.why",	"收件服务器在您的邮件中发现了病毒。" },
	{ "explain.wording.virus_named.todo",	"重发之前请先查杀电脑病毒；文档改用 PDF 或链接发送，不要发压缩包或带宏的文件。" },
	{ "explain.wording.sender_day_limit.why",	"网易限制每个发件人地址每天发给它的邮件数量：您的地址今天已超过这个限制（邮件数或收件人数），网易今天不再接收这个地址的邮件。这与您服务器的信誉无关。" },
	{ "explain.wording.sender_day_limit.todo",	"问题在我方：明天再重发这封邮件，并减少这个地址每天的发信数量（大批邮件请分几天发送）。" },
	{ "explain.wording.tencent_rate_limit.why",	"腾讯（QQ 邮箱、腾讯企业邮）限制同一发信 IP 地址、同一发信域名每分钟、每小时、每天发给它的邮件数量：您的邮件超过了这个限制，腾讯在若干分钟、若干小时或当天内不再接收。" },
	{ "explain.wording.tencent_rate_limit.todo",	"问题在我方：先暂停发往腾讯邮箱的邮件，稍后再重发这封邮件，并放慢速度（每分钟少发一些，群发分散到一天中）；如果您用的是共享的邮件服务，请告诉服务商。" },
	{ "explain.wording.sender_short_limit.why",	"网易限制每个发件人地址在短时间内的发信数量（15 分钟内的邮件数、短时间内的收件人数）：您的地址超过了这个限制，网易暂时不再接收这个地址的邮件。这与您服务器的信誉无关。" },
	{ "explain.wording.sender_short_limit.todo",	"问题在我方：等一刻钟以上再重发这封邮件；这个地址发信请放慢速度，分小批、分散到一天中发送。" },
	{ "explain.wording.ip_unknown_recipients.why",	"网易暂时不接收您服务器 IP 地址的邮件：从这个 IP 发出的邮件有很多发给了不存在的地址。" },
	{ "explain.inline_forward",	"这是一封把邮件放在正文里转发的邮件（用的是“转发”，不是“作为附件转发”）：它的邮件头是转发者这封转发邮件自己的，所以从中看不出被转发的那封邮件走过的路径和垃圾邮件判定。请转发者把那封邮件作为附件转发（Gmail 和 Outlook：作为附件转发），或把它的完整邮件头发给您（Gmail：显示原始邮件；Outlook：查看邮件源），再用 mxtrace explain --headers-only 读取。" },
	{ "explain.wording.send_mail_as.why",	"Gmail 没有发出您的邮件：您用 Gmail 的“用这个地址发送邮件”（Send mail as）以另一个地址发信，Gmail 要通过那个地址自己的发信（SMTP）服务器发出，而 Gmail 里保存的这台服务器的设置有误或已过期，所以没有发出去。收件服务器没有被联系。" },
	{ "explain.wording.send_mail_as.todo",	"问题在我方：在 Gmail 的“设置 > 账号和导入 > 用这个地址发送邮件”中编辑这个地址，检查 SMTP 服务器、端口、用户名和密码（服务商要求时用应用专用密码或授权码），然后重发这封邮件。" },
	{ "explain.wording.malformed_command.meaning",	"未送达：收件服务器认为某条命令格式有误，拒绝了它" },
	{ "explain.wording.malformed_command.why",	"收件服务器说发件服务器发来的某条命令格式有误，拒绝了它（RFC 3463：X.5.4“命令参数无效”，X.5.5“协议版本不对”）。这是两台邮件服务器之间通信出了问题，可能在任何一方；与收件地址无关，原样重发还会同样失败。" },
	{ "explain.wording.malformed_command.todo",	"请把这封退信转给管理公司邮箱的人：他们能看出是我方服务器发错了命令，还是收件服务器拒绝了正确的命令；如果问题在收件方，请他们联系客户的邮件管理员。在此期间，请通过其他方式联系客户。" },
	{ "explain.wording.geo_block.why",	"客户的邮件过滤服务（Mimecast）拒收了来自您服务器所在网络的邮件：客户的机构屏蔽了某些国家或 IP 段发来的邮件（地理位置限制策略），您服务器的地址正在其中。问题不在地址，也不在邮件内容。" },
	{ "explain.wording.geo_block.todo",	"只有客户一方能改：请通过电话或其他邮箱联系客户，请他们的 Mimecast 管理员放行您服务器的 IP 地址或您的域名，然后再重发这封邮件。" },
	{ "explain.wording.ip_unknown_recipients.todo",	"问题在我方：把退信说“不存在”的地址从名单中删掉（群发前可用 mxtrace verify 检查名单），稍后再重发这封邮件。" },
	{ "explain.auto_subject",	"回复的主题" },
	{ "explain.remote_mta",	"收件服务器" },
	{ "explain.meaning",	"含义" },
	{ "explain.undelivered_temporary",	"未送达（暂时性原因）" },
	{ "explain.undelivered",	"未送达" },
	{ "explain.side",	"问题在哪一方" },
	{ "explain.empty_address",	"这一行没有地址：邮箱单元格是空的。请向客户索取邮箱地址。没有联系任何服务器。" },
	{ "explain.literal_private",	"这个地址在 @ 后面的方括号里直接写了一个内网或本机 IP 地址，从互联网上无法访问，因此没有连接。请向客户要他平常使用的地址；实验室或内网请加 --allow-private。" },
	{ "explain.why",	"原因" },
	{ "explain.what_to_do",	"怎么办" },
	{ "explain.retry_until",	"重试截止" },
	{ "report.tally.failure",	"{1} 封退信" },
	{ "report.tally.delayed",	"{1} 封延迟通知" },
	{ "report.tally.delivered",	"{1} 封投递通知" },
	{ "report.tally.auto_reply",	"{1} 封自动回复" },
	{ "report.tally.feedback",	"{1} 封投诉" },
	{ "report.tally.not_a_bounce",	"{1} 封不是退信的邮件" },
	{ "report.tally.forward_unread",	"{1} 封有附件邮件未读的转发" },
	{ "report.tally.delivered_message",	"{1} 封已送达的邮件" },
	{ "report.tally.sender",	"{1} 份发信设置检查（mxtrace sender）" },
	{ "explain.failed_at",	"失败时间" },
	{ "explain.last_attempt",	"最后尝试" },
	{ "explain.bounced_at",	"退信时间" },
	{ "explain.notice_at",	"通知时间" },
	{ "explain.now",	"现在" },
	{ "explain.no_recipient",	"无法从这封邮件中读出收件人。" },
	{ "explain.dropped",	"(+{1} 个收件人未显示)" },
	{ "explain.fields_dropped",	"邮件头超过 {2} KB：其后的 {1} 个头字段未读取。" },
	{ "explain.text_cut",	"邮件正文超过 {1} KiB：只读取了前 {1} KiB，其后列出的收件人没有在这里列出或计数。" },
	{ "explain.text_cut_replies",	"邮件正文超过 {1} KiB：只读取了前 {1} KiB。收件人取自退信的投递状态部分，但对于该部分没有给出服务器回复的收件人，正文在此之后给出的服务器回复或命令没有读取。" },
	{ "explain.attached_unread",	"这封转发邮件附带的邮件（包括附带邮件里再附带的，不论几层）超过了读取上限 {2} 封：其余 {1} 封没有读取，这里没有解释。请把它们单独保存成文件（从包含它的邮件里拖出来），再分别解释。" },
	{ "explain.attached_unread_floor",	"这封转发邮件附带的邮件（包括附带邮件里再附带的，不论几层）超过了读取上限 {2} 封：其余至少 {1} 封没有读取，这里没有解释。请把它们单独保存成文件（从包含它的邮件里拖出来），再分别解释。" },
	{ "explain.attachment",	"附件" },
	{ "explain.attachment_of",	"本邮件所附 {2} 封退信中的第 {1} 封，每封分别解释" },
	{ "explain.attachment_copy",	"本转发邮件所附第 {1} 封（共 {2} 封），按它自己的邮件头解读" },
	{ "explain.kind.failure",	"退信：邮件未送达" },
	{ "explain.kind.delayed",	"延迟通知：仍在尝试投递" },
	{ "explain.kind.delivered",	"投递通知：邮件已送达" },
	{ "explain.kind.auto_reply",	"自动回复（不是退信）" },
	{ "explain.kind.feedback",	"针对您邮件的垃圾邮件投诉" },
	{ "explain.kind.not_a_bounce",	"不是退信：其中没有投递失败的信息" },
	{ "explain.kind.forward_unread",	"可能有退信：未读的附带邮件中可能有退信" },
	{ "explain.kind.delivered_message",	"一封已送达的邮件" },
	{ "explain.kind.feedback.opt-out",	"退订请求：不想再收到您的邮件" },
	{ "explain.kind.feedback.auth-failure",	"报告：您的邮件没有通过身份验证" },
	{ "explain.kind.feedback.not-spam",	"报告：您的邮件不是垃圾邮件" },
	{ "explain.fb.abuse",	"垃圾邮件投诉：收到邮件的人把它标记为垃圾邮件" },
	{ "explain.fb.fraud",	"投诉：被举报为欺诈或钓鱼邮件" },
	{ "explain.fb.virus",	"投诉：被举报为带有病毒" },
	{ "explain.fb.other",	"其他类型的投诉" },
	{ "explain.fb.not-spam",	"不是垃圾邮件：有人把它标记为“不是垃圾邮件”" },
	{ "explain.fb.auth-failure",	"身份验证失败报告（SPF、DKIM 或 DMARC），不是收件人的投诉" },
	{ "explain.fb.opt-out",	"退订请求：收件人不想再收到您的邮件" },
	{ "explain.fb.fraud.why",	"这是投诉：收件人（或其邮件服务商）把您的邮件举报为欺诈或钓鱼邮件。" },
	{ "explain.fb.virus.why",	"这是投诉：收件人（或其邮件服务商）举报您的邮件带有病毒。" },
	{ "explain.fb.virus.do",	"问题在我方：重发之前先请人查杀发信电脑的病毒，并停止给这个收件人发信。" },
	{ "explain.fb.not-spam.why",	"有人把您的邮件标记为“不是垃圾邮件”（例如从垃圾邮件箱移回收件箱）：这是好消息，不是投诉。" },
	{ "explain.fb.not-spam.do",	"无需处理。" },
	{ "explain.fb.auth-failure.why",	"收件人的邮件服务商自动报告：您的邮件没有通过 SPF、DKIM 或 DMARC 验证（RFC 6591）；并不是有人投诉。" },
	{ "explain.fb.opt-out.why",	"这是退订请求：收件人（通过其邮件程序或服务商）要求不再收到这个发件人或名单的邮件。" },
	{ "explain.fb.unnamed.do",	"问题在我方：报告没有写明是谁投诉的，请确认名单上都是愿意收您邮件的人，并且每封邮件都提供退订方式；运行 {sender}。" },
	{ "explain.fb.opt-out.do",	"马上把这个地址从名单中删除，不要再发给它：继续发给已退订的人会招来垃圾邮件投诉。" },
	{ "explain.source_ip",	"发信 IP" },
	{ "explain.mail_from",	"发件人" },
	{ "explain.arrival",	"到达时间" },
	{ "explain.reported_domain",	"被举报域名" },
	{ "explain.rcpt_unnamed",	"退信中没有写明" },
	{ "explain.rcpt_unreadable",	"无法读取：退信中写的地址含有控制字符" },
	{ "explain.rcpt_unnamed.feedback",	"未写明：服务商隐藏了投诉人" },
	{ "explain.side.recipient_address",	"收件人地址" },
	{ "explain.side.recipient_server",	"收件服务器" },
	{ "explain.side.our_side",	"我方（您的服务器或域名）" },
	{ "explain.side.content",	"邮件内容" },
	{ "explain.side.network",	"网络（服务器之间的连接）" },
	{ "explain.side.not_a_failure",	"无：这不是投递失败" },
	{ "explain.side.unknown",	"退信中看不出" },
	{ "explain.now.accepted_now",	"现在已接受：当时的问题是暂时的或已解决" },
	{ "explain.now.still_does_not_exist",	"邮箱仍然不存在" },
	{ "explain.now.still_no_domain",	"这个域名仍然不存在或不接收邮件" },
	{ "explain.now.invalid",	"这不是一个有效的邮箱地址" },
	{ "explain.now.accepted_unproven",	"地址已被接受" },
	{ "explain.now.unproven",	"本检测不发送邮件，也不是从您的邮件服务器发出，因此无法判断上面的拒收是否已解决：请先解决退信所说的问题，再重发。" },
	{ "explain.now.does_not_exist",	"邮箱不存在" },
	{ "explain.now.no_domain",	"这个域名不存在或不接收邮件" },
	{ "explain.now.refused",	"被拒收" },
	{ "explain.now.temporary",	"目前暂时拒收" },
	{ "explain.now.still_refused",	"仍被拒收" },
	{ "explain.now.still_temporary",	"目前仍暂时拒收" },
	{ "explain.now.cannot_check",	"无法从本机检查" },
	{ "explain.now.not_probed",	"未检测" },
	{ "explain.now.reused",	"（同一地址，上文已检测）" },
	{ "tls",		"TLS 加密" },
	{ "catch_all",		"全收检测" },
	{ "total_time",		"总耗时" },
	{ "no_reply",		"（无回复）" },
	{ "blocklist",		"黑名单" },
	{ "tls.verified",	"证书验证通过" },
	{ "tls.not_verified",	"证书未通过验证" },
	{ "tls.issuer_trusted",	"证书由受信任的机构签发" },
	{ "tls.name_match",	"名称匹配" },
	{ "tls.dane_ok",	"DANE（TLSA）验证通过：" },
	{ "tls.dane_failed",	"DANE（TLSA）验证失败：" },
	{ "tls.name_mismatch",	"名称不匹配" },
	{ "tls.expires",	"到期" },
	{ "tls.failed",		"握手失败" },
	{ "tls.names_more",	"{1} 等（另有 {2} 个）" },
	{ "tls.name_dane_ee",	"不检查名称（DANE-EE 只绑定密钥）" },
	{ "tls.name_match_as",	"名称匹配（{1}）" },
	{ "tls.name_missing",	"证书上没有 {1}（证书上的名称：{2}）" },
	{ "tls.expired_on",	"已于 {1} 过期" },
	{ "tls.valid_from",	"{1} 起才生效" },
	{ "tls.dane_own",	"证书自身的值：" },
	{ "tls.dane_at_own",	"匹配的是证书链第 {1} 层：服务器自身的证书" },
	{ "tls.dane_at_issuer",	"匹配的是证书链第 {1} 层：服务器证书的签发者" },
	{ "tls.bits",		"{1} 位" },
	{ "tls.bits_of",	"{2} 位中的 {1} 位" },
	{ "tls.kex",		"密钥交换 {1}" },
	{ "tls.sig",		"服务器签名 {1}" },
	{ "tls.sig_digest",	"服务器签名 {1}（摘要 {2}）" },
	{ "report.address",	"地址" },
	{ "report.addresses",	"个地址" },
	{ "report.addresses_title",	"地址列表" },
	{ "report.all",	"全部" },
	{ "report.attempt",	"连接" },
	{ "report.reused",	"复用的会话" },
	{ "report.attempts",	"尝试过的连接" },
	{ "report.card_ok",	"可以收信" },
	{ "report.card_bad",	"无法送达" },
	{ "report.card_warn",	"不确定：请稍后再查或仔细查看" },
	{ "report.card_self",	"未能检测：运行检测的机器被拒收" },
	{ "report.tester_title",	"检测本身的问题，与客户地址无关" },
	{ "report.tester_intro",	"这些服务器拒绝的是检测本身，原因在于运行检测的机器（它的 IP 地址、主机名或所用的发件人地址）。这并不说明客户的地址有问题：请不要删除这些地址。按下面任一方法处理后再检测一次：" },
	{ "report.tester_intro_unreached",	"从运行检测的地方连不上任何邮件服务器：检测所在的网络，或所经过的代理，没有放行到邮件服务器的连接。没有哪台服务器拒绝过什么，这也不说明客户的地址有问题：请不要删除这些地址。按下面每个问题所说的处理后再检测一次。" },
	{ "report.tester_fix_server",	"在贵公司真正的邮件服务器上运行 mxtrace，或换一台允许发信的机器（能连出 25 端口、IP 不在黑名单上）。" },
	{ "report.tester_fix_helo",	"用 --helo 指定一个主机名，它的反向解析（PTR）要指向这台机器的 IP 地址。" },
	{ "report.tester_fix_from",	"用 --mail-from 指定贵公司自己域名下的地址，并用这条命令检查该域名：mxtrace sender 您的域名" },
	{ "report.empty_address",	"（这一行没有地址）" },
	{ "report.tester_nav",	"检测本身的问题" },
	{ "report.did_you_mean",	"您是不是想输入" },
	{ "report.cell_read",	"取自单元格" },
	{ "report.summary_col",	"总体判断" },
	{ "report.cards_vs_summary",	"卡片统计的是现在发信能否送达；“总体判断”一栏评的是地址本身，所以两者可能不同：邮箱已满，现在收不了信，但地址是真的（有风险）；服务器拒收您的邮件，并不说明地址的好坏（未知）；一次性邮箱或拼错的域名即使能收信，也有风险。" },
	{ "report.roles_title",	"共享邮箱" },
	{ "report.roles_intro",	"有 {1} 个能收信（或可能收信）的地址是岗位或部门的公共邮箱（info@、sales@、admin@ 等），不是某个人的：邮件进入共享收件箱，由负责的人查看，往往不是您的采购联系人。请向客户要对接人本人的邮箱。" },
	{ "report.role_mark",	"共享邮箱：岗位地址，不是个人" },
	{ "verify.p_done",	"已完成 {1}/{2}" },
	{ "verify.p_rate",	"每秒 {1} 个地址" },
	{ "verify.p_eta",	"预计还需 {1}" },
	{ "verify.p_eta_range",	"{1} 至 {2}" },
	{ "verify.p_eta_most",	"至多 {1}" },
	{ "verify.p_sessions",	"{1} 个会话" },
	{ "verify.waiting",	"{1} 个地址被灰名单暂缓，{2}后重试，{3} 仍不成功则放弃" },
	{ "verify.waiting_short",	"{1} 个暂缓，{2}后重试" },
	{ "verify.dur_h",	"{1} 小时 {2} 分" },
	{ "verify.dur_m",	"{1} 分 {2} 秒" },
	{ "verify.dur_s",	"{1} 秒" },
	{ "verify.summary",	"{1}：共 {3} 个地址，已检测 {2} 个，用时 {4}" },
	{ "verify.resumed",	"（其中 {1} 个来自上一次运行）" },
	{ "verify.status_done",	"完成" },
	{ "verify.status_interrupted",	"已中断" },
	{ "verify.status_failed",	"因写入输出出错而停止" },
	{ "verify.col_verdict",	"结论" },
	{ "verify.col_count",	"数量" },
	{ "verify.col_share",	"占比" },
	{ "verify.row_unchecked",	"尚未检测" },
	{ "verify.col_domain",	"主要域名" },
	{ "verify.col_dom_ok",	"可以收信" },
	{ "verify.col_dom_no",	"无法送达" },
	{ "verify.col_dom_other",	"其他" },
	{ "verify.domain_counts",	"{1} 个地址：可以收信 {2}，无法送达 {3}，其他 {4}" },
	{ "verify.tester",	"运行检测的机器被拒收，不是地址的问题" },
	{ "verify.typos",	"域名可能拼错了的地址" },
	{ "verify.typos_fix",	"每个地址的建议写法（如 gmial.com 应为 gmail.com）在 --csv 文件的“建议地址”列、报告和记录的 suggestion 字段里；请先向客户确认，再改正地址" },
	{ "verify.cleaned",	"整理后才读出地址的单元格" },
	{ "verify.cleaned_fix",	"单元格里地址旁有姓名（王经理 <…>）、用了全角 ＠ 或 。、或写了几个地址，检测的是从中整理出的地址：报告在检测的地址旁列出每个这样的单元格原文，记录的 normalized 字段说明改了什么；如果不是想要的地址，请改正名单里的单元格" },
	{ "verify.tester_net",	"因本机网络或代理而没能连上，不是地址的问题" },
	{ "verify.tester_net_fix",	"路上封锁了 25 端口，或者代理（--proxy）出了错；每一行的原因写明了是哪一种。请在允许发信的服务器上检测，或修好代理，然后重新检测这些行。" },
	{ "verify.dns_all",	"所有域名的 DNS 查询都失败了（多半是这台电脑的网络或 DNS 服务器的问题，不是地址的问题）" },
	{ "verify.dns_all_fix",	"请检查这台电脑的网络和 DNS 设置（或用 --resolver 指定一个 DNS 服务器），然后重新检测。" },
	{ "verify.tester_fix",	"请在贵公司真正的邮件服务器上重新检测这些地址，用 --helo 指定反向解析（PTR）指向该机器的主机名，用 --mail-from 指定贵公司自己域名下的地址；检查该域名：mxtrace sender 您的域名" },
	{ "help.try",	"选项和退出码请看 mxtrace {1} --help。\n" },
	{ "help.exit_probe",	"退出码：\n  {1}   可以投递\n  {2}   确定不行：邮箱不存在、邮箱已满、域名不收邮件、地址无效、\n        被收件服务器拒收\n  {3}   无法确定：全收（catch-all）、临时失败、无法连接、DNS 出错、加密失败、\n        协议错误，以及因检测所在的机器被拒\n  {4}  用法错误\n  {5}  无法启动（事件循环、DNS 或 TLS；DNS 服务器没有回应；\n        找不到 --proxy 的主机）\n  {6}  无法写入 --html 文件\n  {7}  无法写出结果（磁盘已满、管道已关闭）\n" },
	{ "help.exit_verify",	"退出码：\n  {1}   每一行都有了结果\n  {2}   被中断：用同样的命令加 --resume 继续\n  {3}  用法错误\n  {4}  输入有误（空文件、找不到地址列、工作簿损坏、\n        加密或是旧版 .xls、PDF、图片、mxtrace 自己的 JSON）\n  {5}  无法读取输入\n  {6}  无法启动（如 DNS 服务器没有回应：什么也不写）\n  {7}  输出被拒绝（不可写、被锁定、来自另一个输入，\n        或 --resume 时其 文件.meta 缺失或不是 mxtrace 的，\n        或改变结果的选项与第一次不同）\n  {8}  写入或同步到磁盘失败\n" },
	{ "help.exit_report",	"退出码：\n  {1}   已生成报告\n  {2}  用法错误\n  {3}  某个输入不是 mxtrace 的 JSON（CSV、文件.meta 或其他文件），\n        或输入中没有任何记录（也没有 文件.meta 记下待检测的地址）\n  {4}  某个输入无法读取\n  {5}  无法创建报告文件，或 -o 文件是输入文件之一\n  {6}  报告无法写完（磁盘已满）\n" },
	{ "help.exit_explain",	"退出码：\n  {1}   每个输入都已读完（无论退信内容如何）\n  {2}  用法错误\n  {3}  某个输入里没有可读的邮件（空的、不是邮件）\n  {4}  某个输入无法打开\n  {5}  无法启动（使用 --probe 时；如 DNS 服务器没有回应）\n  {6}  无法写出结果\n" },
	{ "help.exit_sender",	"退出码：\n  {1}   没有检查项失败\n  {2}   有检查项失败\n  {3}   只有警告或无法确定的项\n  {4}  用法错误\n  {5}  --message 文件不是一封邮件（空的、有多封等），没有 Received: 邮件头，\n        或是一封看不出您的邮件从哪个 IP 发出的退信\n  {6}  无法打开或读取黑名单列表文件或 --message 文件；--message 给的是文件夹\n  {7}  无法启动（DNS）\n  {8}  无法创建 --html 文件\n  {9}  无法写出结果（磁盘已满、管道已关闭）\n" },
	{ "help.exit_main",	"退出码：\n  {1}   显示了帮助或版本\n  {2}  用法错误；各命令的退出码见\n        mxtrace 命令 --help\n" },
	{ "explain.tls_broken",	"注意：收件服务器声称支持加密（STARTTLS），但加密无法建立，本次检测改用不加密的方式继续；坚持加密的发件服务器可能无法投递。请告知收件方的邮件管理员。" },
	{ "report.catch_all_check",	"全收（catch-all）检测：" },
	{ "report.cause",	"原因" },
	{ "report.cert_verified",	"证书已验证" },
	{ "report.cert_not_verified",	"证书未通过验证" },
	{ "report.count",	"地址数" },
	{ "report.domain",	"域名" },
	{ "report.domains",	"域名" },
	{ "report.domains_n",	"个域名" },
	{ "report.expires",	"到期时间" },
	{ "report.first_rows",	"这里只显示前 {1} 行（共 {2} 行）。在浏览器中启用 JavaScript 即可翻页、排序和筛选全部行。" },
	{ "report.light_table",	"{1} 个地址全部列在一页里，手机打不开：表格完整列出其中需要处理的 {2} 个，可以收信的地址在表格下方简要列出。" },
	{ "report.light_rest",	"另有 {1} 个地址两处都没有列出。每个地址及其结果都在生成本页的文件里，或在 mxtrace verify --csv 生成的 CSV 里。" },
	{ "report.light_compact",	"可以收信的地址（{1} 个）" },
	{ "report.generated",	"报告生成时间" },
	{ "report.implicit_mx",	"（无 MX：使用域名本身）" },
	{ "report.input",	"输入文件" },
	{ "report.inputs",	"输入文件" },
	{ "report.list",	"检测的清单" },
	{ "report.lists",	"检测的清单" },
	{ "report.results_file",	"结果文件" },
	{ "report.results_files",	"结果文件" },
	{ "report.made_by",	"生成工具：" },
	{ "report.mail_servers",	"邮件服务器（MX）" },
	{ "report.more_causes",	"未显示的其他原因：" },
	{ "report.more_domains",	"未显示的其他域名（见地址列表）：" },
	{ "unit.ms",	"毫秒" },
	{ "unit.s",	"秒" },
	{ "report.name_match",	"证书名称与服务器相符" },
	{ "report.name_mismatch",	"证书名称与服务器不符" },
	{ "report.next",	"下一页" },
	{ "report.no_addresses",	"无地址" },
	{ "report.no_domain",	"（无域名）" },
	{ "report.no_session",	"未建立任何连接。" },
	{ "report.no_tls",	"未加密（无 TLS）" },
	{ "report.not_reached",	"未连接服务器" },
	{ "report.nothing",	"没有可报告的内容：输入中没有任何检测结果。" },
	{ "report.nothing_to_do",	"无需处理：所有地址都可以收信。" },
	{ "report.nothing_to_do_yet",	"目前已检测的地址都无需处理：都可以收信。其余地址尚未检测（见上文）。" },
	{ "report.card_unchecked",	"尚未检测" },
	{ "report.unf_title",	"尚未完成：名单的 {2} 个地址中还有 {1} 个尚未检测" },
	{ "report.unf_more",	"这意味着什么，以及检测它们的命令" },
	{ "report.unf_meaning",	"这份名单的检测在处理到它们之前被中断了。它们不在本报告中：目前对它们一无所知，既不能说没问题，也不能说有问题。下面的数量和比例都以整份名单为准。" },
	{ "report.unf_how",	"要检测它们，请运行下面的命令（已包含第一次运行的选项：用不同选项继续会被拒绝），然后重新生成本报告：" },
	{ "report.unf_restart",	"这些结果是旧版 mxtrace 生成的，它给名单的行编号的方式不同：--resume 无法接着检测。要重新检测整份名单，请运行下面的命令（它会从头开始写结果，已包含第一次运行的选项），然后重新生成本报告：" },
	{ "report.unf_restart_old",	"这些结果是旧版 mxtrace 生成的，它给名单的行编号的方式不同：--resume 无法接着检测。要重新检测整份名单，请运行下面的命令，并带上第一次运行的其他选项，例如 --helo（这次运行的 .meta 文件太旧，没有记录这些选项）：它会从头开始写结果。然后重新生成本报告：" },
	{ "report.unf_password",	"*** 代表代理的密码，密码从不写入文件：请在该处填入密码。" },
	{ "report.unf_file",	"{2} 个地址中有 {1} 个尚未检测" },
	{ "report.unf_stdin",	"从标准输入（-）读取名单的运行，需要再次从标准输入提供同一份名单。" },
	{ "report.unf_totals",	"{2} 个地址中已检测 {1} 个，{3} 个尚未检测" },
	{ "report.repeated",	"（其中 {1} 个与前面某行的地址相同，只检测了一次）" },
	{ "report.off",	"关闭" },
	{ "report.offline",	"本文件独立完整，不会发起任何网络连接。" },
	{ "report.on",	"开启" },
	{ "report.on_some",	"部分文件开启，部分关闭" },
	{ "report.options",	"选项" },
	{ "report.others",	"其他：" },
	{ "report.path",	"邮件投递路径" },
	{ "report.paths",	"每个地址的检测路径" },
	{ "report.paths_shown",	"这里显示的地址（失败的排在前面）：" },
	{ "report.port",	"端口" },
	{ "report.previous",	"上一页" },
	{ "report.probed",	"检测时间" },
	{ "report.reply",	"服务器回复" },
	{ "report.result",	"结果" },
	{ "report.results",	"结果" },
	{ "report.search",	"搜索" },
	{ "report.share",	"占比" },
	{ "report.skipped_lines",	"跳过的输入行（无效记录）：" },
	{ "report.source_ip",	"检测来源 IP 地址" },
	{ "report.stopped_at",	"停在：" },
	{ "report.stopped_here",	"在此停止" },
	{ "report.subject",	"证书主体" },
	{ "report.subtitle",	"发往每个地址的邮件会在哪一步被拦下？原因是什么？检测过程不发送任何邮件。" },
	{ "report.subtitle_read",	"您收到的退信和邮件说明了什么：问题在哪一方、该怎么办。" },
	{ "report.summary",	"概览" },
	{ "report.time",	"耗时" },
	{ "report.title",	"邮件投递检测报告" },
	{ "report.title.read",	"邮件投递报告" },
	{ "report.tls",	"加密（TLS）" },
	{ "report.tls_sessions",	"使用 TLS 的会话：" },
	{ "report.totals",	"总计" },
	{ "report.transcript",	"与服务器的完整对话" },
	{ "report.typical_time",	"各步骤典型耗时（中位数）" },
	{ "report.unknown",	"未知" },
	{ "report.via_proxy",	"经由 SOCKS5 代理" },
	{ "report.warnings",	"警告" },
	{ "report.what_to_do_first",	"优先处理事项" },
	{ "stage.syntax",	"地址格式检查" },
	{ "stage.dns",	"DNS 查询" },
	{ "stage.connect",	"建立连接" },
	{ "stage.proxy",	"代理服务器" },
	{ "stage.banner",	"服务器问候" },
	{ "stage.ehlo",	"握手（EHLO）" },
	{ "stage.starttls",	"加密（STARTTLS）" },
	{ "stage.mail",	"发件人（MAIL FROM）" },
	{ "stage.rcpt",	"收件人（RCPT TO）" },
	{ "stage.data",	"邮件内容（DATA）" },
	{ "stage.rset",	"重置（RSET）" },
	{ "stage.quit",	"结束（QUIT）" },
	{ "report.reason.accepted",	"已接受" },
	{ "report.reason.catch_all",	"全收（catch-all）：接受任何地址" },
	{ "report.reason.mailbox_unknown",	"邮箱不存在" },
	{ "report.reason.mailbox_disabled",	"邮箱已停用或迁移" },
	{ "report.reason.domain_not_found",	"域名不存在" },
	{ "report.reason.suppressed",	"未发送：在发信服务的抑制列表中" },
	{ "report.reason.domain_no_mail",	"域名没有邮件服务器" },
	{ "report.reason.null_mx",	"域名声明不接收邮件（空 MX）" },
	{ "report.reason.mailbox_full",	"邮箱已满" },
	{ "report.reason.message_too_big",	"邮件过大" },
	{ "report.reason.ip_blocklisted",	"发信 IP 在黑名单上" },
	{ "report.reason.domain_blocklisted",	"发信域名在黑名单上" },
	{ "report.reason.recipient_domain_blocklisted",	"收件人的域名在黑名单上" },
	{ "report.reason.reputation_or_rate",	"IP 信誉或发送频率限制" },
	{ "report.reason.auth_spf_dkim_dmarc",	"发件人认证（SPF/DKIM/DMARC）" },
	{ "report.reason.host_identity_ptr_helo",	"发件主机身份（PTR/HELO）" },
	{ "report.reason.helo_rejected",	"发件主机的 HELO 名称被拒" },
	{ "report.reason.tls_required",	"收件服务器要求加密" },
	{ "report.reason.tls_handshake_failed",	"加密握手失败" },
	{ "report.reason.starttls_refused",	"收件服务器拒绝启用加密" },
	{ "report.reason.starttls_not_offered",	"收件服务器不提供加密" },
	{ "report.reason.sender_rejected",	"发件人地址被拒绝" },
	{ "report.reason.client_auth_required",	"邮件程序登录自己的发件服务器被拒" },
	{ "report.reason.login_required",	"服务器要求先登录" },
	{ "report.reason.relay_denied",	"服务器不为该域名收信" },
	{ "report.reason.policy_other",	"因策略被拒收" },
	{ "report.reason.greylisted",	"灰名单：稍后重试" },
	{ "report.reason.too_many_connections",	"连接数过多" },
	{ "report.reason.too_many_recipients",	"收件人过多" },
	{ "report.reason.temporary_other",	"临时问题" },
	{ "report.reason.remote_server_error",	"收件服务器繁忙或故障" },
	{ "report.reason.smtputf8_unsupported",	"服务器不支持非 ASCII 地址" },
	{ "report.reason.connection_failed",	"连接失败" },
	{ "report.reason.port25_filtered",	"您的网络封锁了 25 端口" },
	{ "report.reason.proxy_unreachable",	"连不上您的代理" },
	{ "report.reason.proxy_auth_failed",	"代理拒绝了登录" },
	{ "report.reason.proxy_port25_blocked",	"代理禁止连接 25 端口" },
	{ "report.reason.proxy_refused",	"代理拒绝了连接" },
	{ "report.reason.proxy_protocol_error",	"代理的回应不是 SOCKS5" },
	{ "report.reason.proxy_port25_filtered",	"代理所在的网络封锁了 25 端口" },
	{ "report.reason.local_firewall",	"本机的防火墙拒绝了连接" },
	{ "report.reason.dnssec_bogus",	"DNSSEC 验证失败" },
	{ "report.dnssec.secure",	"DNSSEC：已签名" },
	{ "report.dnssec.insecure",	"DNSSEC：未签名" },
	{ "report.dnssec.bogus",	"DNSSEC：签名验证失败" },
	{ "report.dane.applies",	"发布了 DANE（TLSA）" },
	{ "report.dane.ignored",	"TLSA 被忽略（未签名）" },
	{ "report.dane.bogus",	"TLSA 签名验证失败" },
	{ "report.dane.satisfied",	"DANE：证书与 TLSA 记录相符" },
	{ "report.dane.failed",	"DANE：证书不符，检查 DANE 的发件服务器不会投递" },
	{ "report.sts.enforce",	"MTA-STS：强制模式，符合" },
	{ "report.sts.enforce_failed",	"MTA-STS：强制模式，不符合，遵守它的发件方不会投递" },
	{ "report.sts.testing",	"MTA-STS：测试模式（只报告）" },
	{ "report.reason.tls_policy_dane",	"证书与 DANE（TLSA）记录不符" },
	{ "report.reason.tls_policy_mta_sts",	"邮件服务器不符合该域名的 MTA-STS 策略" },
	{ "report.reason.private_address",	"邮件服务器只有内网地址" },
	{ "report.reason.no_address",	"邮件服务器没有地址" },
	{ "report.reason.dns_failure",	"DNS 故障" },
	{ "report.reason.dns_timeout",	"DNS 超时" },
	{ "report.reason.protocol_violation",	"服务器违反协议" },
	{ "report.reason.timeout",	"服务器停止响应" },
	{ "report.reason.deadline",	"已到总时限（--deadline）" },
	{ "report.reason.invalid_address",	"地址无效" },
	{ "report.reason.unknown",	"原因不明" },
	{ "report.reason.delivered",	"已送达" },
	{ "report.reason.delayed",	"延迟，仍在重试" },
	{ "report.reason.expired",	"发件服务器已放弃重试" },
	{ "report.reason.auto_reply",	"自动回复（外出）" },
	{ "report.reason.feedback",	"垃圾邮件投诉（反馈报告）" },
	{ "report.reason.content_rejected",	"内容被判为垃圾邮件" },
	{ "report.reason.virus_detected",	"病毒或危险附件" },
	{ "report.reason.message_not_compliant",	"邮件格式有误" },
	{ "report.reason.mailbox_moved",	"地址已迁移" },
	{ "report.reason.recipient_filter",	"收件人的过滤规则拒收" },
	{ "report.reason.mail_loop",	"邮件循环转发" },
	{ "report.reason.bad_reputation",	"发件服务器信誉差" },
	{ "report.reason.rate_limited",	"发送过快（频率限制）" },
	{ "report.reason.not_authorized",	"无权向该地址发信" },
	{ "report.reason.mailbox_size_limit",	"超过该邮箱的大小限制" },
	{ "report.reason.content_format",	"邮件格式不被接受" },
	{ "report.reason.mailer_error",	"收件方的投递程序出错" },
	{ "report.reason.system_full",	"收件服务器存储空间不足" },
	{ "report.cause_domains",	"涉及域名：" },
	{ "report.cause_others",	"其他 {1} 个域名（{2}）" },
	{ "report.catch_all_probe",	"全收检测（随机地址）" },
	{ "report.row",	"行号" },
	{ "report.duplicate_of",	"与第 {row} 行地址相同" },
	{ "summary.ok",	"可用" },
	{ "summary.risky",	"有风险" },
	{ "summary.bad",	"无效" },
	{ "summary.unknown",	"未知" },
	{ "csv.summary",	"总体判断" },
	{ "csv.verdict",	"结论" },
	{ "csv.stage",	"阶段" },
	{ "csv.reason",	"原因" },
	{ "csv.reply_code",	"回复代码" },
	{ "csv.enhanced",	"增强状态码" },
	{ "csv.reply_text",	"服务器回复" },
	{ "csv.mx",	"邮件服务器" },
	{ "csv.explanation",	"说明" },
	{ "csv.suggestion",	"建议地址" },
	{ "csv.role",	"角色邮箱" },
	{ "csv.disposable",	"一次性邮箱" },
	{ "csv.duplicate_of",	"与第几行重复" },
	{ "csv.yes",	"是" },
	{ "csv.not_checked",	"尚未检测" },
	{ "csv.interrupted",	"已中断" },
	{ "csv.not_checked.interrupted",	"尚未检测：检测在处理这个地址之前被中断了。请用同样的命令加上 --resume 再运行一次。" },
	{ "sender.title",	"我方发信设置" },
	{ "report.sender_more",	"输入中另有 {1} 次发信检查未在此显示" },
	{ "sender.what_to_do",	"怎么办：" },
	{ "sender.ips",	"检查的发信 IP" },
	{ "sender.none_failed",	"没有发现失败项。" },
	{ "sender.stats",	"共 {1} 次 DNS 查询，用时 {2} 毫秒。" },
	{ "sender.stats_deadline",	"共 {1} 次 DNS 查询，用时 {2} 毫秒：在所有回答到达之前已到时限（--deadline），所以有些检查项无法确定。" },
	{ "sender.delist",	"请向 {1} 申请移除：{2}" },
	{ "sender.advice_for",	"适用于这 {1} 项：{2}" },
	{ "sender.st.pass",	"通过" },
	{ "sender.st.info",	"提示" },
	{ "sender.st.warn",	"警告" },
	{ "sender.st.unknown",	"无法确定" },
	{ "sender.st.fail",	"失败" },
	{ "sender.dnsbl.pass",	"不在所查询的黑名单上。" },
	{ "sender.dnsbl.policy_spf",	"域名的 SPF 列出了这个 IP，说明它自己直接向别的邮件服务器发信，但政策性名单（如 Spamhaus PBL）把它所在的 IP 段标为不应直接发信，使用这个名单的服务器会拒收它的邮件。如果它是您自己的邮件服务器，使用固定 IP，并有正确的反向解析名称：由管理它的人在该名单的移除页面自助移除（Spamhaus PBL 的自助移除正是为这种情况设的）；否则请改为通过邮件服务商的服务器发信，并把这个 IP 从 SPF 中删除。" },
	{ "sender.dnsbl.warn",	"只被列入政策性名单（如 Spamhaus PBL）：办公室或家庭宽带通过邮件服务商发信时这是正常的。只有当这个 IP 直接向别人的邮件服务器发信时才是问题：请改为通过服务商的服务器发信。" },
	{ "sender.dnsbl.direct",	"被列入政策性名单（如 Spamhaus PBL）：它所在的 IP 段被标为不应自己向别的邮件服务器发信的办公室或家庭线路，而这台电脑正是这样发的，所以使用这个名单的服务器会拒收它的邮件。不要申请移除（这条线路不是邮件服务器）：请改为通过公司的邮件服务器发信。" },
	{ "sender.dnsbl.direct_page",	"被列入政策性名单（如 Spamhaus PBL）：它所在的 IP 段被标为不应自己向别的邮件服务器发信的办公室或家庭线路，而这台电脑正是这样发的，所以使用这个名单的服务器会拒收它的邮件。不要申请移除（这条线路不是邮件服务器）。按页首提示的做法去做，这一项也就解决了。" },
	{ "sender.dnsbl.unknown",	"黑名单没有给出可用的回答，所以无法判断——这不代表被列入。返回错误代码通常说明该名单拒绝了您使用的 DNS 服务器（8.8.8.8 等公共 DNS 会被拒绝）：请用 --dnsbl-resolver 指定自己的 DNS 服务器再试，或用 --recursive 由本机直接解析；查询 Spamhaus 也可以使用免费的 DQS 密钥（--spamhaus-key）。" },
	{ "sender.dnsbl.fail",	"这个 IP 在黑名单上：很多收件服务器会拒收它发出的邮件。先查明原因（电脑中毒、邮箱被盗、网站表单被用来发垃圾邮件），处理好后到所示网址申请移除。如果服务器是服务商的，请通知服务商。" },
	{ "sender.dnsbl_neighbours.pass",	"这个 IP 所在的网段没有被所查询的网段黑名单列入（详情中列出了这些名单，以及无法查询这个地址的名单）。" },
	{ "sender.dnsbl_neighbours.info",	"网段黑名单都只查询 IPv4 地址：无法检查这个 IPv6 地址所在的网段。这不代表干净；如果邮件因“被拦截”而被退信，请同时检查服务器发信所用的 IPv4 地址（--ip）。" },
	{ "sender.dnsbl_neighbours.warn",	"被列入黑名单的是这个 IP 所在的网络，而不只是这个地址：服务商的整个地址段或网络被列入，原因是同网段的其他客户发垃圾邮件（您是被连累的），或者整个网段被劫持、由发垃圾邮件的人控制（Spamhaus DROP）。使用这个名单的收件方会拒收其中的所有地址，所以换到同一网段里的另一台服务器或另一个地址都没有用，也只有服务商能申请移除：请要求服务商给您换一个干净网络的地址，或改用加入反垃圾邮件联盟的付费企业邮箱；不要用网站空间附送的免费邮箱。" },
	{ "sender.dnsbl_zone.unknown",	"这个黑名单没有通过自检（RFC 5782）：它在这里的回答不可信，所以都不计入。通常是名单拒绝了您的 DNS 服务器，或 DNS 服务器改写了回答。" },
	{ "sender.dnsbl_domain.pass",	"域名不在这个域名黑名单上。" },
	{ "sender.dnsbl_domain.fail",	"您的域名本身在域名黑名单上：收件方会拒收或把提到它的邮件放进垃圾邮件箱。请查明原因（网站被黑、垃圾邮件中的链接），处理后申请移除。" },
	{ "sender.ptr.direct",	"这个 IP 是一台电脑所在的办公线路，这台电脑把邮件直接交给了收件服务器；它不是邮件服务器：不必请线路的运营商设置 PTR 名称，那样也不会让它变成邮件服务器。请改为通过公司的邮件服务器发信；需要类似 mail.您的域名 的反向解析名称的是邮件服务器的 IP（由该 IP 的所有者设置）。" },
	{ "sender.ptr.direct_page",	"这个 IP 是一台电脑所在的办公线路，这台电脑把邮件直接交给了收件服务器；它不是邮件服务器：不必请线路的运营商设置 PTR 名称，那样也不会让它变成邮件服务器。按页首提示的做法去做，这一项也就解决了：需要类似 mail.您的域名 的反向解析名称的是邮件服务器的 IP（由该 IP 的所有者设置）。" },
	{ "sender.ptr.pass",	"这个 IP 有反向解析名称。" },
	{ "sender.ptr.line",	"反向解析名称是家庭宽带或动态 IP 线路的（详情中写明了依据）。运营商很少为这类线路设置 PTR 名称，收件方也不信任直接从这类线路发出的邮件，所以不必申请 PTR 记录：请改为通过服务商或公司的邮件服务器发信（这条线路上的邮件服务器把外发邮件交给那台服务器转发即可）。" },
	{ "sender.ptr.warn",	"反向解析名称是用 IP 地址的数字生成的通用名称（没有人为这个地址起名时，服务商就这样命名），有些收件方不信任这种名称。只有 IP 的所有者（服务商或主机商）能修改它，服务器的管理者改不了：请他们设置类似 mail.您的域名 的 PTR 记录（再由管理域名 DNS 的人为这个名称添加指向这个 IP 的 A 记录，使正反向一致）。" },
	{ "sender.ptr.unknown",	"反向解析查询失败，无法判断。" },
	{ "sender.ptr.fail",	"这个 IP 没有反向解析（PTR）名称。Gmail 等很多邮箱会拒收这种 IP 发出的邮件。必须由 IP 的所有者（服务商或主机商）设置：请他们添加类似 mail.您的域名 的 PTR 记录。" },
	{ "sender.fcrdns.pass",	"反向解析名称能解析回这个 IP（正反向一致）。" },
	{ "sender.fcrdns.fail",	"反向解析名称解析不回这个 IP。Gmail 要求正反向一致：请为这个名称添加 A 记录，或把 PTR 改成有对应 A 记录的名称。" },
	{ "sender.fcrdns.direct",	"这个 IP 是一台电脑所在的办公线路，这台电脑把邮件直接交给了收件服务器；它不是邮件服务器：它的反向解析名称是线路运营商的，修正它（为这个名称添加 A 记录，或换一个 PTR）也不会让这条线路变成邮件服务器。请改为通过公司的邮件服务器发信；反向解析名称必须能解析回自身 IP 的是邮件服务器的 IP（由该 IP 和该名称的所有者设置）。" },
	{ "sender.fcrdns.direct_page",	"这个 IP 是一台电脑所在的办公线路，这台电脑把邮件直接交给了收件服务器；它不是邮件服务器：它的反向解析名称是线路运营商的，修正它（为这个名称添加 A 记录，或换一个 PTR）也不会让这条线路变成邮件服务器。按页首提示的做法去做，这一项也就解决了：反向解析名称必须能解析回自身 IP 的是邮件服务器的 IP（由该 IP 和该名称的所有者设置）。" },
	{ "sender.helo.pass",	"HELO 名称解析到发信 IP。" },
	{ "sender.helo.warn",	"HELO 名称存在，但不指向这个 IP；有些收件方会认为可疑。请用服务器自己的名称（PTR 名称）作为 HELO。" },
	{ "sender.helo.unknown",	"无法查询 HELO 名称。" },
	{ "sender.helo.not_fqdn",	"HELO 名称不是完整域名（只有一段，Windows 电脑就是这样给自己命名的）：EHLO 必须给出完整域名或地址字面量（RFC 5321 4.1.1.1），很多收件方会拒绝这样的问候（Postfix：“need fully-qualified hostname”）。邮件服务器必须用能解析到自己 IP 的完整域名（它的 PTR 名称）问候，由管理它的人设置。电脑上的邮件程序做不到这一点：请改为通过公司的邮件服务器发信。" },
	{ "sender.helo.not_fqdn_page",	"HELO 名称不是完整域名（只有一段，Windows 电脑就是这样给自己命名的）：EHLO 必须给出完整域名或地址字面量（RFC 5321 4.1.1.1），很多收件方会拒绝这样的问候（Postfix：“need fully-qualified hostname”）。电脑上的邮件程序无法像邮件服务器那样问候。按页首提示的做法去做，这一项也就解决了。" },
	{ "sender.helo.literal",	"HELO 给出的是方括号里的地址，而不是名称：RFC 5321 允许这样做，但邮件服务器会用自己的完整域名问候，很多收件方的过滤器会因为只有地址而给邮件减分（路由器后面的电脑给出的是自己的内网地址，而不是收件方看到的地址）。如果是邮件服务器：由管理它的人把 HELO 设为能解析到其 IP 的完整域名（它的 PTR 名称）。如果是电脑上的邮件程序：请改为通过公司的邮件服务器发信。" },
	{ "sender.helo.literal_page",	"HELO 给出的是方括号里的地址，而不是名称：RFC 5321 允许这样做，但邮件服务器会用自己的完整域名问候，很多收件方的过滤器会因为只有地址而给邮件减分（路由器后面的电脑给出的是自己的内网地址，而不是收件方看到的地址）。按页首提示的做法去做，这一项也就解决了。" },
	{ "sender.helo.fail",	"HELO 名称没有地址：检查它的收件方会拒收。请让服务器使用能解析到自己 IP 的真实名称。" },
	{ "sender.spf_record.pass",	"域名有一条 SPF 记录。" },
	{ "sender.spf_record.unknown",	"无法读取 SPF 记录（DNS 错误）。" },
	{ "sender.spf_record.fail",	"SPF 缺失或有错误：必须恰好有一条以 v=spf1 开头的有效 TXT 记录。没有它，Gmail、Yahoo、微软可能拒收或把邮件放进垃圾邮件箱。请发布一条包含您的邮件服务商的记录（服务商的帮助页面会给出具体写法）。" },
	{ "sender.spf_lookups.pass",	"SPF 在 10 次查询的限制之内。" },
	{ "sender.spf_lookups.fail",	"SPF 需要超过 10 次 DNS 查询：收件方会停止并视为错误（permerror），所有邮件的 SPF 都会失败。请删掉不再使用的 include，或用 ip4: 网段代替一部分。" },
	{ "sender.spf_void_lookups.pass",	"SPF 中几乎没有查询结果为空的项。" },
	{ "sender.spf_void_lookups.fail",	"SPF 中有两个以上的查询找不到任何结果（名称已不存在）：收件方会视为错误。请删除失效的条目。" },
	{ "sender.spf_all.pass",	"SPF 以 -all 或 ~all 结尾：其他服务器不被允许。" },
	{ "sender.spf_all.warn",	"SPF 没有说明如何处理其他服务器（?all 或没有 all）：伪造的邮件无法被拦住。请在记录末尾加上 ~all 或 -all。" },
	{ "sender.spf_all.fail",	"SPF 以 +all 结尾：允许全世界任何服务器冒用您的名义发信，毫无保护作用，过滤器也不信任。请把 +all 改成 ~all。" },
	{ "sender.spf_include.warn",	"SPF 记录中有不推荐的写法（见详情）。" },
	{ "sender.spf_include.fail",	"SPF 中的 include 或 redirect 有错误（循环引用，或引用的名称没有 SPF）：收件方会把整条记录视为错误。请修正或删除该条目。" },
	{ "sender.spf_pass.pass",	"SPF 允许这个 IP 代表该域名发信。" },
	{ "sender.spf_pass.warn",	"SPF 没有明确允许这个 IP（softfail、neutral 或 none）。如果您从这个 IP 发信，请把它（或服务商的 include）加入 SPF。" },
	{ "sender.spf_pass.unknown",	"无法为这个 IP 评估 SPF（DNS 错误）。" },
	{ "sender.spf_pass.fail",	"SPF 表示这个 IP 不允许代表该域名发信：收件方会拒收或放进垃圾邮件箱。如果这确实是您的服务器，请把它加入 SPF：由管理域名 DNS 的人在现有的那条 v=spf1 记录里加上 ip4: 和这个 IP，并保留邮件服务商的 include（再建第二条 v=spf1 记录会让您所有邮件的 SPF 都出错，RFC 7208 3.2）。" },
	{ "sender.spf_pass.direct",	"SPF 没有为这个 IP 担保，这是对的：它是办公网络里的一台电脑，把邮件直接交给了收件服务器。不要把它加入 SPF（否则这条线路上的所有设备，以及以后拿到这个 IP 的人，都能以您的域名发信）。请改为通过公司的邮件服务器发信：把邮件程序或群发软件设置为邮件服务商的 SMTP 服务器，端口 587，登录后发送（设置可向管理公司邮箱的人或邮件服务商索取）。" },
	{ "sender.spf_pass.direct_page",	"SPF 没有为这个 IP 担保，这是对的：它是办公网络里的一台电脑，把邮件直接交给了收件服务器。不要把它加入 SPF（否则这条线路上的所有设备，以及以后拿到这个 IP 的人，都能以您的域名发信）。按页首提示的做法去做，这一项也就解决了。" },
	{ "sender.spf_pass.permerror",	"SPF 无法判断（permerror）：记录本身有错误，无法说明这个 IP 可以发信，收件方把这当作 SPF 失败（DMARC 也是），会拒收或放进垃圾邮件箱。把这个 IP 加进 SPF 没有用：请先修正详情和其他 SPF 项目指出的错误（循环引用、超过 10 次 DNS 查询、语法错误）；错误在服务商的 include 里时，请联系该服务商。" },
	{ "sender.dmarc_record.pass",	"域名有 DMARC 记录。" },
	{ "sender.dmarc_record.unknown",	"无法读取 DMARC 记录（DNS 错误）。" },
	{ "sender.dmarc_record.fail",	"DMARC 缺失或无法使用。Gmail、Yahoo、微软要求群发者必须有。请在 _dmarc.您的域名 发布一条 TXT 记录，先用 v=DMARC1; p=none; rua=mailto:您的邮箱，之后再逐步收紧。" },
	{ "sender.dmarc_policy.pass",	"DMARC 要求收件方隔离或拒收伪造邮件。" },
	{ "sender.dmarc_policy.warn",	"DMARC 只要求报告（p=none）或只覆盖部分邮件：伪造邮件仍能送达。等报告显示您自己的邮件都通过后，改为 p=quarantine，再改为 p=reject。" },
	{ "sender.dmarc_policy.none_norua",	"它的策略 none 也不提供任何保护：冒充您域名的伪造邮件仍能送达。等报告显示您自己的邮件都通过后，改为 p=quarantine，再改为 p=reject。" },
	{ "sender.dmarc_policy.sp",	"该域名没有自己的 DMARC 记录，收件方按其组织域名记录中给子域名的策略（sp=）处理，而这个策略只要求报告或只覆盖部分邮件：冒充该域名的伪造邮件仍能送达。等报告显示您自己的邮件都通过后，把那条记录的 sp= 改为 quarantine，再改为 reject；或在 _dmarc.该域名 发布它自己的记录。" },
	{ "sender.dmarc_rua.none",	"DMARC 记录没有要求报告（没有 rua=），而它的策略 none 也不要求别的，所以目前它不起任何作用。请先加上 rua=mailto: 和您的一个邮箱（或 DMARC 报告服务的地址）：收件方会每天发来报告，说明哪些服务器在以您的域名发信、是否通过。等报告显示您自己的邮件都通过后，再收紧策略。" },
	{ "sender.dmarc_rua.info",	"没有 DMARC 报告（没有 rua=）：收件方执行策略但不告诉任何人，所以您自己的邮件如果没通过 DMARC（从不签名的服务器发出，或 IP 不在 SPF 里），会被拒收或放进垃圾邮件箱，而您毫不知情。想看到这些，请在记录中加上 rua=mailto: 和您的一个邮箱。" },
	{ "sender.dmarc_rua.warn",	"DMARC 报告发往另一个域名，但该域名没有发布授权记录，收件方不会发送报告。请让该域名发布授权记录，或改用您自己域名下的地址接收报告。" },
	{ "sender.dkim.pass",	"找到了 DKIM 密钥。" },
	{ "sender.dkim.unknown",	"无法确定是否发布了 DKIM 密钥：没有找到密钥，但部分选择器的 DNS 查询失败（见标有 ? 的项目）。请在 DNS 恢复正常后再查。" },
	{ "sender.dkim.unsigned",	"您的邮件发出时没有 DKIM 签名：您给出的邮件（--message）是收件人收到的样子，里面没有 DKIM-Signature，常用选择器下也没有找到密钥。请在邮件发出的地方开启 DKIM 签名（邮件服务商的管理后台，或自己服务器上的签名程序，如 OpenDKIM），并发布它给出的密钥。没有 DKIM，Gmail 和 Yahoo 会把群发邮件放进垃圾邮件箱。" },
	{ "sender.dkim.other_domain",	"您的邮件是用别的域名的 DKIM 密钥签名的（详情里的 d=：您的邮件服务商或主机商的域名），不是您自己的域名。这种签名可以通过 DKIM 验证，但 DMARC 只认您自己域名的签名，或您自己域名的 SPF 通过：两样都没有时，收件方会执行您的 DMARC 策略，Gmail 和 Yahoo 会把群发邮件放进垃圾邮件箱或拒收。请让邮件服务商用您自己的域名给邮件签名（常叫“自定义 DKIM”或“为您的域名开启 DKIM”）：服务商会给您一条密钥记录，发布在 选择器._domainkey.您的域名 下。" },
	{ "sender.dkim.key_unused",	"域名发布了 DKIM 密钥，但您给出的邮件（--message）是收件人收到的样子，里面没有 DKIM-Signature：您的邮件发出时没有签名，密钥没有用上。请在邮件发出的地方开启 DKIM 签名（邮件服务商的管理后台，或自己服务器上的签名程序），使用已发布密钥的那个选择器。没有 DKIM，Gmail 和 Yahoo 会把群发邮件放进垃圾邮件箱。" },
	{ "sender.dkim.sent_copy",	"在常用选择器下没有找到 DKIM 密钥，而“已发送”文件夹里的副本无法说明这一点：它是在服务器签名之前保存的。选择器无法列举，密钥可能在别的名称下：请向邮件服务商询问选择器，用 --dkim-selector 名称再查，或用 --message 给出收件人收到的邮件。没有 DKIM，Gmail 和 Yahoo 会把群发邮件放进垃圾邮件箱。" },
	{ "sender.dkim.warn",	"在常用选择器下没有找到 DKIM 密钥。选择器无法列举，密钥可能在别的名称下：请用 --dkim-selector 名称（或 --message 加一封您发出的邮件）再查。没有 DKIM，Gmail 和 Yahoo 会把群发邮件放进垃圾邮件箱。" },
	{ "sender.dkim_key.pass",	"DKIM 密钥有效，强度足够。" },
	{ "sender.dkim_key.warn",	"DKIM 密钥可用，但强度偏弱或处于测试模式：请使用 2048 位密钥并去掉 t=y。" },
	{ "sender.dkim_key.unknown",	"无法读取 DKIM 密钥（DNS 错误）。" },
	{ "sender.dkim_key.fail",	"邮件签名所用的选择器下没有 DKIM 密钥，或密钥已吊销、有错误或太短（不足 1024 位）：用它签名的邮件验证会失败。请在邮件服务商的设置中生成新的 2048 位密钥并发布（或改用已发布密钥的选择器签名）。" },
	{ "sender.mx_inbound.pass",	"域名可以收信，退信和回复可以送达。" },
	{ "sender.mx_inbound.warn",	"域名没有 MX 记录，发往它的邮件只能依赖网站地址。请为邮件服务商添加 MX 记录。" },
	{ "sender.mx_inbound.unknown",	"无法查明发往该域名的邮件（退信）能否送达：DNS 出错，或者从这里连不上它的邮件服务器（25 端口被封：请用 --proxy，或加 --no-inbound）。上面的检查清单写明了是哪一种。" },
	{ "sender.mx_inbound.proxy",	"无法查明发往该域名的邮件（退信）能否送达：经由您的代理（--proxy）连不上它的邮件服务器，原因见检查清单。请修正代理（地址、登录信息，或封锁 25 端口的规则），改用一台允许发送邮件的服务器上的代理，或加 --no-inbound 跳过这项检查。" },
	{ "sender.mx_inbound.fail",	"发往该域名的邮件无法投递，或它的服务器拒收 postmaster@：您发出邮件的退信和回复可能会消失，您永远不会知道邮件失败了。如果域名不存在，请检查拼写；如果没有可用的 MX，请修正 MX 记录；如果只是 postmaster 被拒收，请创建 postmaster 邮箱或别名（RFC 5321 要求必须有，有些收件方在接收您的邮件前会检查它）。" },
	{ "sender.mx_inbound.null",	"该域名发布了空 MX（“MX 0 .”，RFC 7505），表示它不接收任何邮件：您发出邮件的退信和回复都会被拒收，收件方也可能拒收这个域名发出的邮件（550 5.7.27，发件人域名是空 MX）。如果这个域名要发信，请把空 MX 换成邮件服务商给您的 MX 记录。" },
	{ "sender.mx_inbound.nxdomain",	"该域名在 DNS 中不存在（NXDOMAIN）：请检查拼写。如果这是您的域名，并且以前能正常发信，可能是域名注册已过期，或域名服务器上丢失了它的区域：请联系域名注册商或 DNS 服务商。在它恢复之前，收件方会拒收用它发出的邮件，发往它的退信也会丢失；其余的发信设置也都无法检查。" },
	{ "sender.sending_ips.dns_down",	"由于 DNS 没有回答，没能找到发信 IP：发信 IP 要从 SPF 记录和 MX 中读取，而这两者都无法读取。请在 DNS 恢复回答后再检查；如想现在检查某个 IP，请用 --ip 指定。" },
	{ "sender.dns_down",	"{1} 的 DNS 没有回答：无法读取它的 SPF 记录和 MX，所以下面标为 ? 的检查项结果未知（并非失败）。" },
	{ "sender.direct_pc",	"您给出的邮件（--message）是一台电脑直接交给收件服务器的，中间没有经过您的邮件服务器，群发软件就是这样发信的：{1} 是这台电脑所在的办公线路，不是邮件服务器，不管您的记录怎样设置，很多收件方都会拒收这样的线路发来的邮件。请先做这一步：由发信的人把邮件程序或群发软件设置为通过公司的邮件服务器发信（邮件服务商的 SMTP 服务器，端口 587，登录后发送；设置可向管理公司邮箱的人索取）。下面关于 {1} 的检查结果说的都是这条办公线路。" },
	{ "sender.dkim_keys_unanswered",	"{1} 个选择器的 DNS 都没有回答" },
	{ "sender.www_name.warn",	"您给出的是网站地址：带 \"www.\" 的名字不收邮件，而这些检查针对的是给出的名字。如果您的邮箱地址以去掉 \"www.\" 的名字结尾，请检查那个名字：mxtrace sender 名字。" },
	{ "sender.sending_ips.warn",	"没有找到可检查的发信 IP。请用 --ip 指定真实的发信 IP（从您发出的邮件中查看：收件服务器添加的第一条 Received 行）。" },
	{ "sender.provider_rules.pass",	"从 DNS 看，符合该邮箱服务商公布的发信要求。" },
	{ "sender.provider_rules.warn",	"只有您的邮件带 DKIM 签名时才符合该服务商的要求，而这一点无法确认：在尝试的选择器下没有找到密钥（可用 --dkim-selector 名称 或 --message 再查）。" },
	{ "sender.provider_rules.unknown",	"无法判断是否符合该服务商的要求：它所依赖的记录没有得到可用的 DNS 回答（见标为 ? 的项目）。这不代表不符合；请在 DNS 恢复正常后再查。" },
	{ "sender.provider_rules.fail",	"不符合该服务商公布的发信要求：可能收到 550 5.7.26（Gmail）、550 5.7.25 或 5.7.515（微软）等拒收。请修正详情中标出的项目。" },
	{ "sender.title.dnsbl",	"黑名单（本 IP）" },
	{ "sender.title.dnsbl_neighbours",	"黑名单（同网段邻居）" },
	{ "sender.title.dnsbl_zone",	"黑名单自检" },
	{ "sender.title.dnsbl_domain",	"域名黑名单" },
	{ "sender.title.ptr",	"反向解析" },
	{ "sender.title.fcrdns",	"正反向解析一致" },
	{ "sender.title.helo",	"HELO 名称" },
	{ "sender.title.spf_record",	"SPF 记录" },
	{ "sender.title.spf_lookups",	"SPF 查询次数" },
	{ "sender.title.spf_void_lookups",	"SPF 空查询" },
	{ "sender.title.spf_all",	"SPF 的 all 规则" },
	{ "sender.title.spf_include",	"SPF 的 include 引用" },
	{ "sender.title.spf_pass",	"本 IP 的 SPF" },
	{ "sender.title.dmarc_record",	"DMARC 记录" },
	{ "sender.title.dmarc_policy",	"DMARC 策略" },
	{ "sender.title.dmarc_rua",	"DMARC 报告" },
	{ "sender.title.dkim",	"DKIM 签名" },
	{ "sender.title.dkim_key",	"DKIM 密钥" },
	{ "sender.title.mx_inbound",	"退信能否送回" },
	{ "sender.title.mta_sts",	"MTA-STS（他人发给您的邮件的 TLS）" },
	{ "sender.title.tls_rpt",	"TLS-RPT（TLS 失败报告）" },
	{ "sender.mta_sts.pass",	"该域名发布了 MTA-STS：向您发信的服务器必须使用经过验证的 TLS。" },
	{ "sender.mta_sts.info",	"没有 MTA-STS：大多数小公司都没有，这不影响您自己发出的邮件。有了它，向您发信的服务器就必须使用经过验证的 TLS。如需添加，发布 _mta-sts TXT \"v=STSv1; id=...\"，并把策略放在 https://mta-sts.域名/.well-known/mta-sts.txt。" },
	{ "sender.mta_sts.warn",	"发布了 MTA-STS，但无法使用（记录有误，或无法通过 HTTPS 获取或读懂策略文件，或在 testing 模式下漏列了某台 MX 主机）：向您发信的服务器会忽略它。请修正记录或 https://mta-sts.域名/.well-known/mta-sts.txt 上的策略文件（mta-sts.域名 要有有效证书，不能重定向），或者删除 _mta-sts 记录。" },
	{ "sender.mta_sts.fail",	"您的 MTA-STS 策略处于 enforce 模式，却没有列出您的某台 MX 主机：遵守它的服务器（Gmail、Microsoft 等）会拒绝向那台主机投递，发给您的邮件和退信可能丢失。请把该主机加进策略的 mx 行（并修改 _mta-sts 记录里的 id），或把策略改为 testing。" },
	{ "sender.mta_sts.unknown",	"无法读取 MTA-STS 记录（DNS 错误或未及时应答），请重试。" },
	{ "sender.tls_rpt.pass",	"该域名要求 TLS-RPT 报告：服务器无法通过 TLS 向您投递时您会得知。" },
	{ "sender.tls_rpt.info",	"没有 TLS-RPT：大多数小公司都没有。有了它，服务器无法通过 TLS 向您投递时您会收到报告；可发布 _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:...\"。" },
	{ "sender.tls_rpt.warn",	"TLS-RPT 记录有误（有多条，或无法解析）：不会有人给您发报告。请只保留一条 _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:...\"。" },
	{ "sender.tls_rpt.unknown",	"无法读取 TLS-RPT 记录（DNS 错误或未及时应答），请重试。" },
	{ "sender.title.sending_ips",	"发信 IP" },
	{ "sender.title.www_name",	"给出的是网站名" },
	{ "sender.title.provider_rules",	"邮箱服务商要求" },
	{ "sender.title.provider",	"谁在替我们发信" },
	{ "sender.title.dnsbl_sweep",	"同一 /24 网段的邻居被列入" },
	{ "sender.dnsbl_sweep.pass",	"这个 IP 所在 /24 网段的其他地址都不在所查的名单上。" },
	{ "sender.dnsbl_sweep.warn",	"这个 IP 所在 /24 网段的其他地址被拉黑了：这一带的信誉不好，有些收件方会按整个网段判断。如果您自己的 IP 是干净的，请让服务商给您换一个干净网段的地址。" },
	{ "sender.provider.pass",	"您的邮件通过这家服务商发出：适用它自己的信誉和规则，它的帮助页面会给出应发布的 SPF、DKIM、DMARC 记录。" },
	{ "sender.provider.warn",	"您的邮件从共享的网站主机服务器发出：几百个其他网站用同一个 IP 发信，其中只要有一个发垃圾邮件，这个 IP 就会被拉黑，大家一起受连累。请把邮箱迁到加入反垃圾邮件联盟的付费企业邮箱，不要用网站空间附送的免费邮箱。" },
	{ "note.suggestion",	"您是不是想写 {addr}？这个域名看起来是大型邮箱服务商域名的拼写错误；请先向客户确认，再修改地址。" },
	{ "note.role",	"这是一个职能邮箱（例如 info@ 或 sales@）：由值班的人查看，也可能没人看。能找到具体联系人时，最好直接写给联系人。" },
	{ "note.disposable",	"这个地址属于一次性（临时）邮箱服务：通常几小时或几天后就会失效。" },
	{ "verify.read_as",	"{1}：按 {2} 编码读取（{3}）" },
	{ "verify.read_sheet",	"{1}：这是 Excel 工作簿，读取其中的工作表“{2}”" },
	{ "verify.sheet_unread",	"警告：{1}：工作表“{2}”也有地址列，但没有读取：只检测工作表“{4}”；要检测它，请加 --sheet \"{2}\" 另外运行一次（换一个 -o 文件）" },
	{ "verify.sheets_unread",	"警告：{1}：另外 {3} 个工作表也有地址列，但没有读取（第一个是“{2}”）：只检测工作表“{4}”；要检测它们，请逐个加 --sheet 工作表名 另外运行（第一个是 --sheet \"{2}\"）" },
	{ "verify.enc_forced",	"由 --encoding 指定" },
	{ "verify.enc_kept",	"沿用第一次运行的编码" },
	{ "verify.enc_guessed",	"根据文件内容推测；如果不对，请用 --encoding 指定编码" },
	{ "verify.enc_detected",	"自动识别" },
	{ "verify.enc_binary",	"文件中有文本列表不会有的控制字节，不符合任何文本编码；含非 UTF-8 字节的行会逐一指出" },
	{ "verify.enc_fallback",	"内容太少，无法识别，按默认编码读取（非 ASCII 字节能两两组成汉字时按 BIG5 或 GB18030，否则按 WINDOWS-1252）；如果不对，请用 --encoding 指定编码" },
	{ "verify.enc_replaced",	"警告：{2} 中有 {1} 处字节不是有效的 {3} 编码，已按 \xef\xbf\xbd 读取" },
	{ "verify.cell_too_many",	"警告：{1} 第 {2} 行的地址超过 {3} 个，只检测前 {3} 个" },
	{ "trace.address_cut",	"…（共 {1} 字节）" },
	{ "cli.report_foreign",	"{1} 不是 mxtrace 的 JSON 结果（{2}）：请给出 mxtrace verify 的 -o 文件（不是它的 --csv 或 .meta 文件），或 mxtrace probe --json、explain --json、sender --json 的输出" },
	{ "cli.report_not_json",	"第一行不是 JSON 对象" },
	{ "cli.report_not_record",	"第一个对象不是 mxtrace 的记录" },
	/* explain: a delivered message (probe/explain/delivered*.c) */
	{ "dlv.unit.d",	"天" },
	{ "dlv.unit.h",	"小时" },
	{ "dlv.unit.min",	"分钟" },
	{ "dlv.unit.s",	"秒" },
	{ "dlv.where",	"去向" },
	{ "dlv.nav",	"已送达的邮件" },
	{ "dlv.verdict.inbox",	"收件服务器把这封邮件放进了收件箱。" },
	{ "dlv.verdict.spam",	"收件服务器把这封邮件判为垃圾邮件（垃圾邮件箱）。" },
	{ "dlv.verdict.unknown",	"从邮件头看不出这封邮件进了收件箱还是垃圾邮件箱。" },
	{ "dlv.verdict.user",	"（按您所说的位置）" },
	{ "dlv.verdict.user_inbox",	"您是在收件箱里找到这封邮件的（--folder inbox）。" },
	{ "dlv.verdict.user_spam",	"您是在垃圾邮件箱里找到这封邮件的（--folder spam）。" },
	{ "dlv.disagree.user_inbox",	"收件服务器自己的过滤器把它标成了垃圾邮件（见下面的邮件头），它却进了收件箱：是邮箱的某条规则把它移了过去，例如安全发件人名单、发件人在通讯录里，或收件人自己设的过滤规则。没有这种规则的其他收件人可能会在垃圾邮件箱里找到同样的邮件：下面的原因仍然要处理。" },
	{ "dlv.disagree.user_spam",	"收件服务器自己的过滤器没有把它标成垃圾邮件（见下面的邮件头），它却在垃圾邮件箱里：是邮箱的某条规则把它移了过去，例如黑名单、收件人自己设的过滤规则、邮件程序自带的垃圾邮件过滤，或收件人曾把这个发件人以前的邮件标为垃圾邮件。请收件人把它标为“不是垃圾邮件”，或把发件人加入通讯录。" },
	{ "dlv.card.inbox",	"进了收件箱" },
	{ "dlv.card.spam",	"进了垃圾邮件箱" },
	{ "dlv.card.unknown",	"不确定：邮件头里看不出" },
	{ "dlv.v.inbox",	"收件箱" },
	{ "dlv.v.spam",	"垃圾邮件" },
	{ "dlv.v.unknown",	"未知" },
	{ "dlv.badge.inbox",	"进了收件箱" },
	{ "dlv.badge.spam",	"进了垃圾邮件箱" },
	{ "dlv.badge.unknown",	"不确定" },
	{ "dlv.report.title",	"已送达的邮件：路径与垃圾邮件判定" },
	{ "dlv.report.messages",	"邮件数" },
	{ "dlv.report.shown",	"完整显示的邮件：" },
	{ "dlv.path",	"邮件经过的路径（从最早一跳开始）" },
	{ "dlv.hops_dropped",	"未读取的 Received: 头（数量过多）：" },
	{ "dlv.tls_yes",	"TLS 加密" },
	{ "dlv.tls_no",	"未加密" },
	{ "dlv.tls_unknown",	"加密情况未知" },
	{ "dlv.inside",	"收件方内部" },
	{ "dlv.login",	"已登录" },
	{ "dlv.boundary",	"邮件在此进入收件方" },
	{ "dlv.skew",	"时钟偏差：某台服务器的时钟不准，这个时间差不是真实耗时" },
	{ "dlv.no_time",	"没有可用的时间" },
	{ "dlv.total",	"从 Date: 到最终投递" },
	{ "dlv.longest",	"最长等待" },
	{ "dlv.held",	"在 {2} 停留了 {1}，然后才到达 {3}" },
	{ "dlv.held_in",	"在 {2} 内部停留了 {1}" },
	{ "dlv.sending_ip",	"发信 IP（收件方看到的）" },
	{ "dlv.auth",	"身份验证（收件方的判断）" },
	{ "dlv.trust.receiver",	"采信（由收件服务器写入）" },
	{ "dlv.trust.upstream",	"不采信（在邮件到达收件方之前写入，途经的任何服务器都能伪造）" },
	{ "dlv.trust.other_authserv_id",	"不采信（由其他服务器写入，不是收件方）" },
	{ "dlv.not_checked",	"未报告" },
	{ "dlv.result.pass",	"通过（pass）" },
	{ "dlv.result.fail",	"失败（fail）" },
	{ "dlv.result.softfail",	"软失败（softfail）" },
	{ "dlv.result.neutral",	"中立（neutral）" },
	{ "dlv.result.none",	"没有记录（none）" },
	{ "dlv.result.temperror",	"临时错误（temperror）" },
	{ "dlv.result.permerror",	"记录有误（permerror）" },
	{ "dlv.result.policy",	"按本地策略处理（policy）" },
	{ "dlv.result.bestguesspass",	"没有 DMARC 记录，按推测通过（bestguesspass）" },
	{ "dlv.aligned",	"与发件人（From:）域名一致" },
	{ "dlv.not_aligned",	"与发件人（From:）域名不一致" },
	{ "dlv.spam",	"垃圾邮件判定" },
	{ "dlv.score",	"分数" },
	{ "dlv.threshold",	"阈值" },
	{ "dlv.reject_score",	"拒收分数" },
	{ "dlv.reject_note",	"分数达到 {1} 时服务器拒收；低于此分数，它的“add header”动作仍可能把邮件放进垃圾邮件箱。" },
	{ "dlv.filters",	"反垃圾过滤器的邮件头" },
	{ "dlv.reasons",	"原因" },
	{ "dlv.risks",	"风险（邮件仍然送达了）" },
	{ "dlv.no_reasons",	"邮件头中没有发现问题。" },
	{ "dlv.fix",	"需要改什么" },
	{ "dlv.check_sender",	"用以下命令检查您自己的发信设置：" },
	{ "dlv.selector",	"DKIM 选择器" },
	{ "dlv.cause.spf_fail",	"SPF 验证失败：发件服务器不在发信域名的 SPF 记录中，收件方认为这封邮件可能是伪造的。" },
	{ "dlv.fix.spf_fail",	"把发件服务器的 IP 地址（或邮件服务商提供的 include:）加入该域名的 SPF TXT 记录。" },
	{ "dlv.cause.spf_softfail",	"SPF 软失败（~all）：发信 IP 不在该域名的 SPF 记录中，很多收件方会把这类邮件放进垃圾邮件箱。" },
	{ "dlv.fix.spf_softfail",	"把发件服务器的 IP 地址（或邮件服务商提供的 include:）加入该域名的 SPF TXT 记录。" },
	{ "dlv.cause.spf_none",	"发信域名没有发布 SPF 记录，收件方无法判断哪些服务器可以代表它发信。" },
	{ "dlv.fix.spf_none",	"发布一条 SPF TXT 记录，列出所有为您发信的服务器，并以 ~all 或 -all 结尾。" },
	{ "dlv.cause.spf_error",	"无法评估 SPF 记录：DNS 出错、语法错误，或查询次数超过 10 次。" },
	{ "dlv.fix.spf_error",	"检查记录语法，并把 DNS 查询控制在 10 次以内（必要时把嵌套的 include: 换成具体地址）。" },
	{ "dlv.cause.dkim_none",	"邮件没有 DKIM 签名，无法证明它确实来自您的域名且未被改动。" },
	{ "dlv.fix.dkim_none",	"在邮件服务器或邮件服务商处开启 DKIM 签名，并在 DNS 中发布公钥。" },
	{ "dlv.cause.dkim_fail",	"邮件有 DKIM 签名但验证失败：DNS 中的公钥不对或缺失，或者签名后邮件被改动过。" },
	{ "dlv.fix.dkim_fail",	"确认 DNS 中该选择器的公钥与签名私钥一致，并确认签名后没有网关或邮件尾注改写邮件。" },
	{ "dlv.cause.dkim_unaligned",	"邮件有签名，但签名域名是别的域名（通常是邮件服务商的），不是发件人 From: 的域名，因此对 DMARC 无效。" },
	{ "dlv.fix.dkim_unaligned",	"用您自己的域名签名（d= 与 From: 域名一致）：在邮件服务商处配置自定义域名的 DKIM。" },
	{ "dlv.cause.dmarc_fail",	"DMARC 验证失败：发件人 From: 域名的 SPF 和 DKIM 都没有通过，这是伪造发件人的主要特征。" },
	{ "dlv.fix.dmarc_fail",	"让 SPF 或 DKIM 针对 From: 域名通过（域名一致），并保留 DMARC 记录。" },
	{ "dlv.cause.dmarc_none",	"From: 域名没有发布 DMARC 记录，大型邮箱对这类邮件的信任度较低。" },
	{ "dlv.fix.dmarc_none",	"发布 DMARC 记录，例如 _dmarc.您的域名 TXT \"v=DMARC1; p=none; rua=mailto:您的地址\"，报告正常后再收紧策略。" },
	{ "dlv.cause.no_ptr",	"发信 IP 没有反向解析（PTR）名称，很多收件方会把这类服务器当作家用或被劫持的机器。" },
	{ "dlv.fix.no_ptr",	"请 IP 的所有者（主机商或网络运营商）设置 PTR 名称，并确保该名称能正向解析回同一个 IP。" },
	{ "dlv.cause.ptr_generic",	"发信 IP 的反向解析名称看起来像家庭宽带或动态线路，而不像邮件服务器。" },
	{ "dlv.fix.ptr_generic",	"通过正规的邮件服务器或服务商的中继（smarthost）发信，其 PTR 名称应类似 mail.您的域名。" },
	{ "dlv.cause.helo_bad",	"发件服务器在 HELO 中报出的名称不是它真实、可解析的名称。" },
	{ "dlv.fix.helo_bad",	"把邮件服务器的主机名（HELO）设为能解析到其 IP 的完整域名。" },
	{ "dlv.cause.ip_blocklisted",	"路径上的某个 IP 地址在 DNS 黑名单上。" },
	{ "dlv.fix.ip_blocklisted",	"在该黑名单网站上查询这个 IP，先消除原因（中毒的电脑、开放中继、群发），再申请移除。" },
	{ "dlv.cause.url_blocklisted",	"邮件中的某个链接或域名在 URI 黑名单上。" },
	{ "dlv.fix.url_blocklisted",	"删除或替换被列入的链接；短链接和跟踪域名经常被列入黑名单。" },
	{ "dlv.cause.bulk",	"过滤器把它归为群发邮件（新闻简报、促销），这类邮件常被收件人投诉。" },
	{ "dlv.fix.bulk",	"只发给主动订阅的人，提供方便的退订方式，并清理长期无回应的地址。" },
	{ "dlv.cause.content",	"过滤器认为邮件的文字或版式像垃圾邮件。" },
	{ "dlv.fix.content",	"使用朴素、个人化的文字；避免全大写、纯图片邮件、大量链接和推销用语；HTML 邮件要同时附带纯文本部分。" },
	{ "dlv.cause.phish",	"过滤器认为这是钓鱼邮件：链接伪装成其他网站，或索要密码。" },
	{ "dlv.fix.phish",	"让每个链接显示真实地址，不要索要密码，并使用您自己的域名发信。" },
	{ "dlv.cause.malware",	"过滤器在附件中发现或怀疑有恶意软件。" },
	{ "dlv.fix.malware",	"不要附带程序或含宏的文档，改用链接分享文件。" },
	{ "dlv.cause.spoof",	"收件方认为发件人 From: 地址是伪造的：无法确认发信者有权使用该域名。" },
	{ "dlv.fix.spoof",	"让 SPF 和 DKIM 通过并与 From: 域名一致；不要在 From: 中使用其他公司的域名。" },
	{ "dlv.cause.blocked_sender",	"收件人或所在公司屏蔽了您的地址或域名。" },
	{ "dlv.fix.blocked_sender",	"请收件人把您从屏蔽名单中移除，或把您加为安全发件人。" },
	{ "dlv.cause.headers_bad",	"邮件头缺失或格式错误（Date:、Message-ID:、时钟错误），这是群发工具的常见特征。" },
	{ "dlv.fix.headers_bad",	"使用标准的邮件客户端或服务器发信，并保持时钟准确。" },
	{ "dlv.cause.freemail",	"邮件来自免费邮箱（gmail.com、qq.com、163.com 等）却像商务邮件，或者回复地址是另一个免费邮箱。" },
	{ "dlv.fix.freemail",	"用公司域名发送商务邮件，并让 Reply-To 与 From 相同。" },
	{ "dlv.cause.high_score",	"收件方的过滤器把它判为垃圾邮件（评分达到了垃圾邮件的阈值），但邮件头没有说明是哪几项检查导致的。" },
	{ "dlv.fix.high_score",	"先修正这里列出的其他原因（身份验证：SPF、DKIM、DMARC；发信 IP 的反向解析）；如果没有其他原因，邮件头里就看不出更多：剩下要检查的是邮件的文字、链接和发信 IP 的信誉。" },
	{ "dlv.cause.safe_sender",	"收件人或所在公司把您列为安全发件人，因此跳过了垃圾邮件过滤。" },
	{ "dlv.fix.safe_sender",	"无需改动。" },
	{ "dlv.cause.opaque_filter",	"该服务商的反垃圾过滤器把判定结果写在一个经过编码、未公开说明的邮件头里，因此无法从邮件头得知原因。" },
	{ "dlv.fix.opaque_filter",	"告诉 mxtrace 您在哪里找到这封邮件（--folder spam 或 --folder inbox），并用 mxtrace sender 检查发信设置。" },
};

/*
 * Texts for a reader who received a bounce (AUDIENCE_BOUNCE) about a message
 * they sent: by reason, what happened and what to do.  {sender} is the
 * command that checks the user's own set-up; {bl} and {delist} as above.
 * The sender audience (the user's own set-up) uses these rows until it has
 * its own.
 */
#define B(r, t, a)		{ REASON_##r, t, a, NULL, NULL }
#define BB(r, t, a, ab)		{ REASON_##r, t, a, ab, NULL }
#define BBO(r, t, a, ab, ao)	{ REASON_##r, t, a, ab, ao }

static const struct reader_row en_bounce[] = {
	B(ACCEPTED, "The recipient's server accepted the message.",
	    "Nothing to do."),
	B(CATCH_ALL, "The recipient's server accepts mail for any address.",
	    "Nothing to do."),
	B(MAILBOX_UNKNOWN,
	    "Your message was not delivered because this mailbox does not exist "
	    "at the recipient's server.",
	    "Check the address for typos or ask the customer for the right one; "
	    "do not send to it again."),
	B(MAILBOX_DISABLED,
	    "Your message was not delivered because this mailbox has been "
	    "disabled or closed.",
	    "Ask the customer for their current address."),
	B(DOMAIN_NOT_FOUND,
	    "Your message was not delivered because the recipient's domain does "
	    "not exist: the DNS has no such name.",
	    "The part after @ is most likely misspelt: correct it and send "
	    "again."),
	B(DOMAIN_NO_MAIL,
	    "Your message was not delivered because the recipient's domain "
	    "exists but has no mail server (no MX record and no address).",
	    "This address cannot receive mail; ask the customer for another "
	    "one."),
	B(NULL_MX,
	    "The recipient's domain states that it receives no mail at all "
	    "(null MX, or its server's reply 521 or 556).",
	    "Ask the customer for an address at another domain."),
	B(MAILBOX_FULL,
	    "Your message was not delivered because the recipient's mailbox is "
	    "full.",
	    "Resend in a few days, or reach the customer another way and ask "
	    "them to make room."),
	B(MESSAGE_TOO_BIG,
	    "The recipient's server refused your message because it is too "
	    "large.",
	    "Send it again without the big attachment, for example with a "
	    "download link instead."),
	BBO(IP_BLOCKLISTED,
	    "The recipient's server refused your message because the IP address "
	    "of your mail server is on a blocklist.",
	    "This is on your side: run {sender} to see which lists name your "
	    "server, and ask your mail provider to have it removed.",
	    "This is on your side: your server is listed on {bl}. Run {sender} "
	    "to check, and ask your mail provider to delist it{delist}.",
	    "This is on your side: your server's IP is on {bl}'s own list of "
	    "blocked senders, which no public blocklist lookup shows: only "
	    "{bl} itself can check and remove it, through its delist "
	    "page{delist}. Ask your mail provider to request removal there. "
	    "{sender} is still worth "
	    "running for what other receivers check (public blocklists, "
	    "reverse DNS, SPF), but it cannot see {bl}'s list."),
	BB(DOMAIN_BLOCKLISTED,
	    "The recipient's server refused your message because a domain, not "
	    "your server's IP, is on a domain blocklist: your sender address's "
	    "domain, your server's HELO name or a link in the message.",
	    "This is on your side: look the domain up on the list's lookup "
	    "page, find out why it was listed (often a compromised website or "
	    "a link in your mail), fix that and ask for removal. Run {sender} "
	    "to see which lists name your domain.",
	    "This is on your side: the domain is listed on {bl}. Look it up "
	    "there{delist}, find out why it was listed (often a compromised "
	    "website or a link in your mail), fix that and ask for removal. "
	    "Run {sender} to check."),
	BB(RECIPIENT_DOMAIN_BLOCKLISTED,
	    "The server refused your message because the recipient's domain "
	    "(the part after @), not yours, is on a domain blocklist it "
	    "checks: a list of domains seen in spam or phishing.",
	    "Check the part after @ for typos (look-alike domains are often "
	    "listed); if the address is right, reach the customer another way, "
	    "tell them their domain is listed and ask for an address at "
	    "another domain until it is removed.",
	    "Check the part after @ for typos (look-alike domains are often "
	    "listed); if the address is right, reach the customer another way, "
	    "tell them their domain is listed on {bl}{delist} and ask for an "
	    "address at another domain until it is removed."),
	B(REPUTATION_OR_RATE,
	    "The recipient's server refused or slowed down mail from your server "
	    "because of its reputation or because it sent too much mail.",
	    "This is on your side: send less at once, and run {sender} to check "
	    "your server's reputation and blocklists."),
	B(AUTH_SPF_DKIM_DMARC,
	    "The recipient's server refused your message because your domain's "
	    "authentication (SPF, DKIM or DMARC) failed.",
	    "This is on your side: run {sender} and ask whoever runs your "
	    "company's mail to fix the SPF, DKIM and DMARC records."),
	B(HOST_IDENTITY_PTR_HELO,
	    "The recipient's server refused your mail server because its name "
	    "is not set up properly (reverse DNS/PTR or HELO name).",
	    "This is on your side: run {sender}; ask whoever runs your company's "
	    "mail to set your mail server's reverse DNS (PTR) and host name."),
	B(HELO_REJECTED,
	    "The recipient's server refused the name your mail server gave in "
	    "HELO/EHLO (the command in which a server names itself): it is "
	    "missing, invalid or not a fully qualified host name.",
	    "This is on your side: run {sender}; ask whoever runs your company's "
	    "mail to set the server's HELO name in its configuration to its "
	    "fully qualified host name, one that resolves to its IP and matches "
	    "its reverse DNS (PTR)."),
	B(TLS_REQUIRED,
	    "The recipient's server accepts only encrypted (TLS) connections and "
	    "your server did not use one.",
	    "This is on your side: ask whoever runs your company's mail to "
	    "enable TLS (STARTTLS) for outgoing mail."),
	B(TLS_HANDSHAKE_FAILED,
	    "Your server and the recipient's server could not set up an "
	    "encrypted connection.",
	    "Resend later; if it keeps failing, the fault may be on either "
	    "side (an old TLS version is the usual cause): ask whoever runs "
	    "your company's mail to check your server's TLS settings, and tell "
	    "the customer."),
	B(SENDER_REJECTED,
	    "The recipient's server refused your sender address, not the "
	    "recipient.",
	    "This is on your side: check that your address and domain are "
	    "correct and can receive mail; run {sender}."),
	B(CLIENT_AUTH_REQUIRED,
	    "Your own mail provider's outgoing server refused your mail "
	    "program (Outlook, Foxmail, a phone's mail app, a script), not the "
	    "recipient: the program did not log in, logged in with the web "
	    "password, or the mailbox's SMTP service for mail programs is "
	    "turned off. NetEase (163.com, 126.com, yeah.net) and QQ Mail let "
	    "a mail program send only with that service on and an "
	    "authorization code (授权码) as its password.",
	    "This is on your side: in your mailbox's web settings (NetEase: "
	    "Settings, POP3/SMTP/IMAP; QQ Mail: Settings, Account) turn on the "
	    "IMAP/SMTP (or POP3/SMTP) service and create an authorization "
	    "code; in the mail program turn on SMTP authentication and enter "
	    "that code as the password, not the password you use on the web. "
	    "Then send the message again."),
	B(LOGIN_REQUIRED,
	    "The server that refused the message takes mail only from senders "
	    "that log in first (SMTP authentication), and your mail program or "
	    "your server sent without logging in, or its login was refused. "
	    "That server is usually your own outgoing server, or the relay your "
	    "server sends through, not the recipient's.",
	    "This is on your side: in the mail program (or your server's relay "
	    "settings) turn on SMTP authentication (\"my outgoing server "
	    "requires authentication\") with the mailbox's user name and "
	    "password; where the provider gives mail programs a password of "
	    "their own (an app password), use that. Check the outgoing "
	    "server's name and port (587 or 465), then send the message again."),
	B(SUPPRESSED,
	    "Your sending service (such as Amazon SES, SparkPost, Mailgun or "
	    "Postmark) did not send the message at all: this address is on its "
	    "suppression list, or your account's, because mail to it bounced "
	    "hard or was reported as spam before. The recipient's server was "
	    "not asked this time.",
	    "This is on your side: first check that the address is right (ask "
	    "the customer, or check it with mxtrace probe). If it is, remove it "
	    "from the suppression list in your sending service's console and "
	    "send again; if not, stop sending to it."),
	B(RELAY_DENIED,
	    "The server that answered does not take mail for the recipient's "
	    "domain (relay denied).",
	    "The recipient's domain may point to the wrong server; tell the "
	    "customer, or check the address's domain."),
	B(POLICY_OTHER,
	    "The recipient's server refused your message for a policy reason it "
	    "did not explain.",
	    "Read the server's own words; if they are unclear, ask the customer "
	    "to have their mail administrator allow your address."),
	B(GREYLISTED,
	    "The recipient's server asked to try again later (greylisting, a "
	    "common anti-spam delay).",
	    "Usually nothing to do: your server retries and the mail gets "
	    "through. If it bounced for good, simply send it again."),
	B(TOO_MANY_CONNECTIONS,
	    "The recipient's server refused because your server opened too many "
	    "connections at once.",
	    "This is on your side: ask whoever runs your company's mail to "
	    "send to this domain more slowly (fewer connections at once); "
	    "resend later."),
	/*
	 * a bounce's "too many recipients" was given up (RFC 3463 X.5.3: the
	 * message could not be split): it must be sent again, split, by us
	 * (how many recipients a message has is how we sent it)
	 */
	B(TOO_MANY_RECIPIENTS,
	    "The recipient's server refused your message because it was sent "
	    "to more recipients at once than that server takes in one message; "
	    "it was not delivered to this recipient.",
	    "This is on your side, in how the message was sent: nobody will "
	    "retry it. Send it again to this recipient, with fewer recipients "
	    "in each message (split the list into smaller batches, or send to "
	    "each one separately)."),
	B(TEMPORARY_OTHER,
	    "The recipient's server had a temporary problem.",
	    "Resend later."),
	B(REMOTE_SERVER_ERROR,
	    "The recipient's server is not taking mail for now: it is busy or "
	    "under maintenance, or had an error of its own; the address may be "
	    "fine.",
	    "Resend later; if it keeps failing, tell the customer another way."),
	B(SMTPUTF8_UNSUPPORTED,
	    "The recipient's server cannot handle addresses with non-English "
	    "characters.",
	    "Ask the customer for a plain ASCII address."),
	B(CONNECTION_FAILED,
	    "Your mail server could not connect to the recipient's server.",
	    "Resend later; if it keeps failing, tell the customer their mail "
	    "server is unreachable."),
	B(PORT25_FILTERED,
	    "The connection to the recipient's server was blocked on the way "
	    "(port 25).",
	    "Ask your mail provider or network administrator."),
	B(PRIVATE_ADDRESS,
	    "The recipient's mail servers have only private addresses in DNS, "
	    "unreachable from the internet.",
	    "Tell the customer: their domain's mail settings (DNS) are wrong; "
	    "the address itself may be fine."),
	B(NO_ADDRESS,
	    "The recipient's mail servers have no address in DNS.",
	    "Tell the customer: their domain's mail settings (DNS) are wrong."),
	B(DNS_FAILURE,
	    "Your mail server could not look up the recipient's domain in DNS.",
	    "Resend later; if it keeps failing, check the domain's spelling."),
	B(DNS_TIMEOUT,
	    "Looking up the recipient's domain in DNS took too long.",
	    "Resend later."),
	B(PROTOCOL_VIOLATION,
	    "The recipient's server answered in a way the SMTP rules do not "
	    "allow.",
	    "Resend later; if it keeps failing, tell the customer."),
	B(TIMEOUT,
	    "The recipient's server stopped answering during delivery.",
	    "Resend later."),
	B(DEADLINE,
	    "The check's own time limit ran out before the recipient's server "
	    "had answered.",
	    "Check again with a longer time limit."),
	B(INVALID_ADDRESS,
	    "The recipient's address is not a valid address.",
	    "Check its spelling or ask the customer for the right one."),
	B(UNKNOWN,
	    "The bounce does not say clearly why the message failed.",
	    "Read the server's own words; if they are unclear, reach the "
	    "customer another way."),
	B(DELIVERED,
	    "This is a delivery report: the message was delivered (or passed on "
	    "to the next server).",
	    "Nothing to do."),
	B(DELAYED,
	    "Your message has not been delivered yet; your mail server is still "
	    "trying.",
	    "Wait: you will get another notice if it finally fails."),
	B(EXPIRED,
	    "Your mail server tried for a long time and then gave up: the "
	    "recipient's server did not accept the message in time.",
	    "Resend later; if it fails again, tell the customer another way that "
	    "their mail server is not receiving."),
	B(AUTO_REPLY,
	    "This is an automatic reply (for example out of office), not a "
	    "bounce: your message was delivered.",
	    "Nothing to do; read it for a date of return or another contact."),
	B(FEEDBACK,
	    "This is a spam complaint: a recipient (or their provider) reported "
	    "your message as spam.",
	    "This is on your side: stop sending to this recipient, and check "
	    "that your list only holds people who asked for your mail; run "
	    "{sender}."),
	B(CONTENT_REJECTED,
	    "The recipient's server judged the content of your message as spam.",
	    "Remove links, attachments or wording that look like spam, and run "
	    "{sender} to check your domain's set-up."),
	/*
	 * an attachment refused for its name or type, or as dangerous; a
	 * virus named has its own words (explain.wording.virus_named)
	 */
	B(VIRUS_DETECTED,
	    "The recipient's server refused an attachment of your message: a "
	    "file of a name or type it does not take, or one it judged "
	    "dangerous.",
	    "Send the file another way: as a PDF, behind a download link, or "
	    "in a zip if the recipient's server takes those; do not attach "
	    "programs or documents with macros."),
	B(MESSAGE_NOT_COMPLIANT,
	    "The recipient's server refused your message because its format "
	    "breaks the email standards (headers).",
	    "Send it from an ordinary mail program; tell whoever runs your mail "
	    "software."),
	B(MAILBOX_MOVED,
	    "The recipient has moved to another address.",
	    "Use the new address given in the reply, or ask the customer."),
	B(RECIPIENT_FILTER,
	    "A filter at the recipient's side refused your message.",
	    "Ask the customer to allow your address, or reach them another way."),
	B(MAIL_LOOP,
	    "The message went round in a loop between mail servers "
	    "(forwarding).",
	    "Tell the customer: their forwarding settings are wrong."),
	B(BAD_REPUTATION,
	    "The recipient's provider refused mail from your server because of "
	    "its reputation (complaints, or mail that looked like spam).",
	    "This is on your side: do not resend in bulk now; run {sender} and "
	    "ask your mail provider about your server's reputation."),
	B(RATE_LIMITED,
	    "The recipient's server refused your mail because your server sent "
	    "too much mail to it too fast.",
	    "This is on your side: send more slowly, in smaller batches, and "
	    "resend this message later; run {sender} to check your server."),
	/*
	 * RFC 3463 X.7.1 "Delivery not authorized, message refused": "the
	 * sender is not authorized to send to the destination", by
	 * "per-host or per-recipient filtering"; a bare 5.7.1 says no more
	 */
	B(NOT_AUTHORIZED,
	    "The recipient's server refused your message by a rule of its own: "
	    "you are not authorized to send to this address. The rule "
	    "may be about your server or address, or about this recipient "
	    "(some addresses take mail only from certain senders).",
	    "Read the server's own words for the rule; ask the customer to have "
	    "their mail administrator allow your address, or for an address "
	    "that accepts outside mail."),
	B(MAILBOX_SIZE_LIMIT,
	    "Your message is larger than this recipient's mailbox accepts (a "
	    "limit set for this mailbox, lower than the server's).",
	    "Send a smaller message: put big attachments behind a download "
	    "link, or ask the customer to raise the limit."),
	B(CONTENT_FORMAT,
	    "The recipient's server could not take your message's format: its "
	    "attachments, encoding or characters (a media or conversion error).",
	    "Send it again as an ordinary message: common attachment types "
	    "(PDF), no special characters in the subject; tell whoever runs "
	    "your mail software."),
	B(MAILER_ERROR,
	    "The recipient's server handed your message to a program (a filter, "
	    "a script or an auto-responder) and that program failed.",
	    "Tell the customer: their mail server's delivery program has an "
	    "error. Send again once they have fixed it."),
	B(SYSTEM_FULL,
	    "The recipient's mail server has run out of storage space (or is "
	    "overloaded) and takes no more mail for now; your message and the "
	    "address are not the problem.",
	    "Resend later; if it keeps failing, tell the customer another way "
	    "that their mail server is full."),
	B(STARTTLS_REFUSED,
	    "The recipient's server offered encryption (STARTTLS) but then "
	    "refused to start it.",
	    "Resend later; if it keeps failing, tell the customer their mail "
	    "server's TLS is broken."),
	B(STARTTLS_NOT_OFFERED,
	    "The recipient's server did not offer encryption (STARTTLS), and "
	    "the sending server required it.",
	    "Tell the customer that their mail server offers no encryption "
	    "(STARTTLS), so senders that require it cannot deliver; their mail "
	    "administrator must enable TLS."),
	B(PROXY_UNREACHABLE,
	    "The proxy the mail was to go through could not be reached.",
	    "Check the proxy's address and that it is running."),
	B(PROXY_AUTH_FAILED,
	    "The proxy refused the login.",
	    "Check the proxy's user name and password."),
	B(PROXY_PORT25_BLOCKED,
	    "The proxy does not allow connections to port 25.",
	    "Use a proxy on a server that may send mail."),
	B(PROXY_REFUSED,
	    "The proxy refused the connection to the mail server.",
	    "Ask the proxy's administrator."),
	B(PROXY_PROTOCOL_ERROR,
	    "The proxy did not answer as a SOCKS5 proxy.",
	    "Check the proxy's address and port."),
	B(PROXY_PORT25_FILTERED,
	    "Through the proxy, the connection to the recipient's server was "
	    "blocked on the way (port 25).",
	    "Ask the provider of the proxy's server to open port 25."),
	B(LOCAL_FIREWALL,
	    "The sending machine's own firewall refused the connection; "
	    "nothing reached the recipient.",
	    "Ask the administrator of the sending machine."),
	B(DNSSEC_BOGUS,
	    "The recipient domain's DNS answers failed DNSSEC validation.",
	    "The recipient's administrator must fix the domain's DNSSEC."),
	B(TLS_POLICY_DANE,
	    "The recipient's mail server does not match its own DANE (TLSA) "
	    "records, so the sending server would not deliver.",
	    "The recipient's administrator must fix the TLSA records or the "
	    "certificate."),
	B(TLS_POLICY_MTA_STS,
	    "The recipient's mail server does not satisfy the domain's own "
	    "MTA-STS policy, so the sending server would not deliver.",
	    "The recipient's administrator must fix the MTA-STS policy or the "
	    "certificate."),
};

static const struct reader_row zh_bounce[] = {
	B(ACCEPTED, "收件服务器已接受这封邮件。", "无需处理。"),
	B(CATCH_ALL, "收件服务器接受任何地址的邮件。", "无需处理。"),
	B(MAILBOX_UNKNOWN,
	    "邮件未送达：收件服务器上没有这个邮箱。",
	    "检查地址是否拼错，或向客户要正确的地址；不要再发到这个地址。"),
	B(MAILBOX_DISABLED,
	    "邮件未送达：这个邮箱已被停用或注销。",
	    "向客户要他现在使用的邮箱地址。"),
	B(DOMAIN_NOT_FOUND,
	    "邮件未送达：收件人的域名不存在，DNS 中没有这个名字。",
	    "@ 后面的部分很可能拼错了：改正后重新发送。"),
	B(DOMAIN_NO_MAIL,
	    "邮件未送达：收件人的域名存在，但没有邮件服务器（既没有 MX 记录，也没有地址）。",
	    "这个地址无法收信；请向客户要另一个地址。"),
	B(NULL_MX,
	    "收件人的域名声明完全不接收邮件（空 MX，或其服务器回复 521、556）。",
	    "向客户要另一个域名下的地址。"),
	B(MAILBOX_FULL,
	    "邮件未送达：收件人的邮箱已满。",
	    "过几天再发，或通过其他方式联系客户，请他清理邮箱。"),
	B(MESSAGE_TOO_BIG,
	    "收件服务器拒收：邮件太大。",
	    "去掉大附件重新发送，例如改用下载链接。"),
	BBO(IP_BLOCKLISTED,
	    "收件服务器拒收：您的邮件服务器的 IP 地址在黑名单上。",
	    "问题在我方：运行 {sender} 查看哪些黑名单列出了您的服务器，并请邮件服务商申请移除。",
	    "问题在我方：您的服务器被 {bl} 列入黑名单。运行 {sender} 核实，并请邮件服务商申请移除{delist}。",
	    "问题在我方：您的服务器 IP 在 {bl} 自己的封禁名单上，公共黑名单查询查不到它，只有 {bl} 自己能通过其移除申请页面{delist}核查并移除：请邮件服务商在那里申请移除。{sender} 仍值得运行，它检查其他收件方会看的项目（公共黑名单、反向解析、SPF），但看不到 {bl} 的这份名单。"),
	BB(DOMAIN_BLOCKLISTED,
	    "收件服务器拒收：某个域名（不是您服务器的 IP）在域名黑名单上：发件人地址的域名、服务器的 HELO 名称或邮件中的某个链接。",
	    "问题在我方：在该黑名单的查询页面上查询这个域名，查明被列入的原因（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。运行 {sender} 查看哪些黑名单列出了您的域名。",
	    "问题在我方：这个域名被 {bl} 列入黑名单。在那里查询{delist}，查明被列入的原因（常见的是网站被入侵，或邮件中的某个链接），处理后再申请移除。运行 {sender} 核实。"),
	BB(RECIPIENT_DOMAIN_BLOCKLISTED,
	    "服务器拒收：收件人的域名（@ 后面的部分，不是您的域名）在它查询的域名黑名单上（收录垃圾邮件或钓鱼邮件中出现的域名）。",
	    "请检查 @ 后面的部分有没有拼错（仿冒的相似域名常被列入）；如果地址没错，请通过其他方式联系客户，告诉客户其域名被列入黑名单，在移除之前请客户提供其他域名下的地址。",
	    "请检查 @ 后面的部分有没有拼错（仿冒的相似域名常被列入）；如果地址没错，请通过其他方式联系客户，告诉客户其域名被 {bl} 列入黑名单{delist}，在移除之前请客户提供其他域名下的地址。"),
	B(REPUTATION_OR_RATE,
	    "收件服务器因信誉或发送量过大而拒收或限制了您服务器的邮件。",
	    "问题在我方：减少一次发送的数量，并运行 {sender} 检查服务器信誉和黑名单。"),
	B(AUTH_SPF_DKIM_DMARC,
	    "收件服务器拒收：您的域名未通过发件人认证（SPF、DKIM 或 DMARC）。",
	    "问题在我方：运行 {sender}，并请管理公司邮箱的人修正 SPF、DKIM 和 DMARC 记录。"),
	B(HOST_IDENTITY_PTR_HELO,
	    "收件服务器拒收：您的邮件服务器名称设置不正确（反向解析 PTR 或 HELO 名称）。",
	    "问题在我方：运行 {sender}；请管理公司邮箱的人为发件服务器设置反向解析（PTR）和主机名。"),
	B(HELO_REJECTED,
	    "收件服务器拒绝了您的邮件服务器在 HELO/EHLO（服务器自报名称的命令）"
	    "中给出的名称：名称为空、无效，或不是完整域名。",
	    "问题在我方：运行 {sender}；请管理公司邮箱的人在发件服务器的配置中"
	    "把 HELO 名称设为它的完整域名（能解析到它的 IP，"
	    "并与反向解析（PTR）一致）。"),
	B(TLS_REQUIRED,
	    "收件服务器只接受加密（TLS）连接，而您的服务器没有加密。",
	    "问题在我方：请管理公司邮箱的人为外发邮件启用 TLS（STARTTLS）。"),
	B(TLS_HANDSHAKE_FAILED,
	    "您的服务器和收件服务器未能建立加密连接。",
	    "稍后重发；如果一直失败，问题可能在任何一方（常见原因是 TLS 版本过旧）："
	    "请管理公司邮箱的人检查发件服务器的 TLS 设置，并告诉客户。"),
	B(SENDER_REJECTED,
	    "收件服务器拒绝的是您的发件人地址，而不是收件人。",
	    "问题在我方：检查您的地址和域名是否正确、能否收信；运行 {sender}。"),
	B(CLIENT_AUTH_REQUIRED,
	    "您自己邮箱的发件服务器拒绝了您的邮件程序（Outlook、Foxmail、"
	    "手机邮件应用或程序），而不是收件人：邮件程序没有登录，"
	    "用网页登录密码登录，或者邮箱给邮件程序用的 SMTP 服务没有开启。"
	    "网易（163.com、126.com、yeah.net）和 QQ 邮箱只允许开启了该服务、"
	    "并以授权码作为密码的邮件程序发信。",
	    "问题在我方：在网页版邮箱的设置中（网易：设置 → POP3/SMTP/IMAP；"
	    "QQ 邮箱：设置 → 账户）开启 IMAP/SMTP（或 POP3/SMTP）服务并生成"
	    "授权码；在邮件程序中开启 SMTP 身份验证，密码一栏填这个授权码，"
	    "而不是网页登录密码。然后重新发送。"),
	B(LOGIN_REQUIRED,
	    "拒收这封邮件的服务器只接收先登录（SMTP 身份验证）的发件人的邮件，"
	    "而您的邮件程序或服务器没有登录就发信，或者登录被拒绝。"
	    "这个服务器通常是您自己的发件服务器，或您的服务器转发所经的中继服务器，"
	    "而不是收件服务器。",
	    "问题在我方：在邮件程序（或服务器的中继设置）中开启 SMTP 身份验证"
	    "（“发件服务器要求验证”），填入邮箱的用户名和密码；"
	    "如果邮件服务商给邮件程序单独的密码（应用专用密码或授权码），请用它。"
	    "检查发件服务器的地址和端口（587 或 465），然后重新发送。"),
	B(SUPPRESSED,
	    "您的发信服务（例如 Amazon SES、SparkPost、Mailgun 或 Postmark）"
	    "根本没有发送这封邮件：这个地址在它的（或您账户的）抑制列表中，"
	    "因为以前发到这个地址的邮件被硬退回，或被收件人举报为垃圾邮件。"
	    "这次并没有联系收件服务器。",
	    "问题在我方：先确认地址是否正确（问客户，或用 mxtrace probe 检测）。"
	    "如果正确，在发信服务的控制台中把它从抑制列表里移除，再重新发送；"
	    "如果不正确，不要再发到这个地址。"),
	B(RELAY_DENIED,
	    "应答的服务器不为收件人的域名收信（拒绝转发）。",
	    "收件人的域名可能指向了错误的服务器；告诉客户，或检查地址的域名部分。"),
	B(POLICY_OTHER,
	    "收件服务器因某项策略拒收了邮件，但没有说明原因。",
	    "看服务器原文；如果看不懂，请客户让他们的邮件管理员放行您的地址。"),
	B(GREYLISTED,
	    "收件服务器要求稍后重试（灰名单，一种常见的反垃圾延迟）。",
	    "通常无需处理：您的服务器会自动重试。如果已经最终退信，重新发送即可。"),
	B(TOO_MANY_CONNECTIONS,
	    "收件服务器拒收：您的服务器同时建立的连接太多。",
	    "问题在我方：请管理公司邮箱的人放慢向这个域名发信的速度（减少同时建立的连接）；稍后重发。"),
	B(TOO_MANY_RECIPIENTS,
	    "收件服务器拒收了您的邮件：这封邮件一次发给的收件人超过了它每封邮件允许的数量，没有送达这个收件人。",
	    "问题在我方，在于邮件的发法：不会有服务器再重试。请给这个收件人重新发送，每封邮件少写一些收件人（把名单分成几小批，或逐个单独发送）。"),
	B(TEMPORARY_OTHER,
	    "收件服务器出现了暂时性问题。",
	    "稍后重发。"),
	B(REMOTE_SERVER_ERROR,
	    "收件服务器暂时不收信：它正忙、正在维护，或自身出错；这个地址可能没有问题。",
	    "稍后重发；如果一直失败，通过其他方式告诉客户。"),
	B(SMTPUTF8_UNSUPPORTED,
	    "收件服务器无法处理含非英文字符的地址。",
	    "向客户要一个纯英文字母的地址。"),
	B(CONNECTION_FAILED,
	    "您的邮件服务器连接不上收件服务器。",
	    "稍后重发；如果一直失败，告诉客户他们的邮件服务器无法连接。"),
	B(PORT25_FILTERED,
	    "到收件服务器的连接在途中被拦截（25 端口）。",
	    "询问您的邮件服务商或网络管理员。"),
	B(PRIVATE_ADDRESS,
	    "收件服务器在 DNS 中只有内网地址，从互联网无法访问。",
	    "告诉客户：他们域名的邮件设置（DNS）有误；地址本身可能没有问题。"),
	B(NO_ADDRESS,
	    "收件服务器在 DNS 中没有地址。",
	    "告诉客户：他们域名的邮件设置（DNS）有误。"),
	B(DNS_FAILURE,
	    "您的邮件服务器无法在 DNS 中查询收件人的域名。",
	    "稍后重发；如果一直失败，检查域名是否拼错。"),
	B(DNS_TIMEOUT,
	    "在 DNS 中查询收件人的域名超时。",
	    "稍后重发。"),
	B(PROTOCOL_VIOLATION,
	    "收件服务器的应答不符合 SMTP 协议规范。",
	    "稍后重发；如果一直失败，告诉客户。"),
	B(TIMEOUT,
	    "投递过程中收件服务器停止了响应。",
	    "稍后重发。"),
	B(DEADLINE,
	    "检测自己的时限已到，收件服务器还没有作出回应。",
	    "把时限放长后再检测。"),
	B(INVALID_ADDRESS,
	    "收件人地址格式无效。",
	    "检查拼写，或向客户要正确的地址。"),
	B(UNKNOWN,
	    "退信没有说清楚邮件失败的原因。",
	    "看服务器原文；如果看不懂，通过其他方式联系客户。"),
	B(DELIVERED,
	    "这是投递报告：邮件已送达（或已转交给下一台服务器）。",
	    "无需处理。"),
	B(DELAYED,
	    "邮件尚未送达；您的邮件服务器仍在重试。",
	    "请等待：如果最终失败，您会再收到通知。"),
	B(EXPIRED,
	    "您的邮件服务器重试了很长时间后放弃：收件服务器一直没有接收这封邮件。",
	    "稍后重发；如果再次失败，通过其他方式告诉客户他们的邮件服务器收不到信。"),
	B(AUTO_REPLY,
	    "这是自动回复（例如外出通知），不是退信：您的邮件已送达。",
	    "无需处理；可以看看其中的返回日期或其他联系人。"),
	B(FEEDBACK,
	    "这是垃圾邮件投诉：收件人（或其邮件服务商）把您的邮件举报为垃圾邮件。",
	    "问题在我方：停止给这个收件人发信，确认名单上都是愿意收您邮件的人；运行 {sender}。"),
	B(CONTENT_REJECTED,
	    "收件服务器把您邮件的内容判定为垃圾邮件。",
	    "去掉像垃圾邮件的链接、附件或措辞，并运行 {sender} 检查您域名的设置。"),
	B(VIRUS_DETECTED,
	    "收件服务器拒收了您邮件中的附件：它不接收这种名称或类型的文件，或认为这个附件有危险。",
	    "请换一种方式发送这个文件：转成 PDF、改用下载链接，或在收件服务器接受的情况下打成 zip 压缩包；不要附带程序或带宏的文档。"),
	B(MESSAGE_NOT_COMPLIANT,
	    "收件服务器拒收：邮件格式（邮件头）不符合邮件标准。",
	    "用普通的邮件软件重新发送；告诉负责您邮件软件的人。"),
	B(MAILBOX_MOVED,
	    "收件人已改用其他地址。",
	    "使用回复中给出的新地址，或询问客户。"),
	B(RECIPIENT_FILTER,
	    "收件方的过滤规则拒收了您的邮件。",
	    "请客户把您的地址加入白名单，或通过其他方式联系他。"),
	B(MAIL_LOOP,
	    "邮件在几台邮件服务器之间循环转发。",
	    "告诉客户：他们的转发设置有误。"),
	B(BAD_REPUTATION,
	    "收件方的邮件服务商因您发件服务器的信誉（投诉或类似垃圾邮件的发信）拒收了邮件。",
	    "问题在我方：暂时不要群发；运行 {sender}，并向您的邮件服务商询问发件服务器的信誉。"),
	B(RATE_LIMITED,
	    "您的服务器向收件服务器发信太多太快，因此被拒收。",
	    "问题在我方：放慢发送速度、分小批发送，稍后重发这封邮件；运行 {sender} 检查您的服务器。"),
	B(NOT_AUTHORIZED,
	    "收件服务器按它自己的规则拒收了您的邮件：您无权向这个地址发信。这条规则可能针对您的服务器或地址，也可能针对这个收件人（有些地址只接收特定发件人的邮件）。",
	    "看服务器原文说的是哪条规则；请客户让他们的邮件管理员放行您的地址，或向客户要一个接收外部邮件的地址。"),
	B(MAILBOX_SIZE_LIMIT,
	    "您的邮件超过了这个收件人邮箱允许的大小（该邮箱单独设置的限制，比服务器的限制更低）。",
	    "发送更小的邮件：大附件改用下载链接，或请客户提高限制。"),
	B(CONTENT_FORMAT,
	    "收件服务器无法接收您邮件的格式：附件、编码或字符有问题（媒体或转换错误）。",
	    "改用普通邮件重新发送：使用常见附件格式（PDF），主题中不要用特殊字符；告诉负责您邮件软件的人。"),
	B(MAILER_ERROR,
	    "收件服务器把您的邮件交给一个程序（过滤器、脚本或自动回复程序）处理，而这个程序出错了。",
	    "告诉客户：他们邮件服务器上的投递程序出错了。等他们修好后再重发。"),
	B(SYSTEM_FULL,
	    "收件服务器存储空间已满（或负载过重），暂时不再收信；问题不在您的邮件，也不在这个地址。",
	    "稍后重发；如果一直失败，通过其他方式告诉客户他们的收件服务器已满。"),
	B(STARTTLS_REFUSED,
	    "收件服务器提供了加密（STARTTLS），但随后拒绝启动加密。",
	    "稍后重发；如果一直失败，告诉客户他们邮件服务器的 TLS 有问题。"),
	B(STARTTLS_NOT_OFFERED,
	    "收件服务器没有提供加密（STARTTLS），而发件服务器要求加密。",
	    "告诉客户：他们的邮件服务器不提供加密（STARTTLS），要求加密的发件方无法投递；"
	    "需要他们的邮件管理员启用 TLS。"),
	B(PROXY_UNREACHABLE,
	    "无法连接到要经过的代理服务器。",
	    "检查代理地址，并确认代理正在运行。"),
	B(PROXY_AUTH_FAILED,
	    "代理服务器拒绝了登录。",
	    "检查代理的用户名和密码。"),
	B(PROXY_PORT25_BLOCKED,
	    "代理服务器不允许连接 25 端口。",
	    "改用一台允许发信的服务器上的代理。"),
	B(PROXY_REFUSED,
	    "代理服务器拒绝连接邮件服务器。",
	    "询问代理服务器的管理员。"),
	B(PROXY_PROTOCOL_ERROR,
	    "代理服务器的应答不是 SOCKS5 协议。",
	    "检查代理的地址和端口。"),
	B(PROXY_PORT25_FILTERED,
	    "经过代理到收件服务器的连接在途中被拦截（25 端口）。",
	    "请代理服务器的服务商开放 25 端口。"),
	B(LOCAL_FIREWALL,
	    "发件的电脑自己的防火墙拒绝了连接，没有任何数据到达收件方。",
	    "询问发件电脑的管理员。"),
	B(DNSSEC_BOGUS,
	    "收件方域名的 DNS 回应没有通过 DNSSEC 验证。",
	    "需要收件方的管理员修正域名的 DNSSEC。"),
	B(TLS_POLICY_DANE,
	    "收件服务器与它自己发布的 DANE（TLSA）记录不符，发件服务器因此不会投递。",
	    "需要收件方的管理员修正 TLSA 记录或证书。"),
	B(TLS_POLICY_MTA_STS,
	    "收件服务器不符合该域名自己的 MTA-STS 策略，发件服务器因此不会投递。",
	    "需要收件方的管理员修正 MTA-STS 策略或证书。"),
};

/*
 * Messages made in English where they happen (warnings, errors, --help),
 * and their Chinese: catalog_tr(), catalog_tr_text().  The key is the
 * English text or printf format exactly as in the source; the Chinese has
 * the same conversions in the same order (test_catalog checks both, and
 * that every such message of the sources is here).
 */
struct tr_row {
	const char	*en;
	const char	*zh;
};

static const struct tr_row tr_zh[] = {
	{ "no answer in time",
	    "没有及时得到回应" },
	{ "the _mta-sts TXT record does not start with v=STSv1",
	    "_mta-sts 的 TXT 记录不是以 v=STSv1 开头" },
	{ "the _mta-sts TXT record's id is not 1 to 32 letters and digits",
	    "_mta-sts 的 TXT 记录里的 id 不是 1 到 32 个字母和数字" },
	{ "the _mta-sts TXT record is empty",
	    "_mta-sts 的 TXT 记录是空的" },
	{ "the _mta-sts TXT record has no id",
	    "_mta-sts 的 TXT 记录没有 id" },
	{ "a line without ':' ignored",
	    "有一行没有“:”，已忽略" },
	{ "the policy's version is not STSv1",
	    "策略的 version 不是 STSv1" },
	{ "the policy's mode is not enforce, testing or none",
	    "策略的 mode 不是 enforce、testing 或 none" },
	{ "the policy's max_age is not a number of seconds up to 31557600",
	    "策略的 max_age 不是不超过 31557600 的秒数" },
	{ "an mx line that is not a host name pattern ignored",
	    "一行 mx 不是主机名模式，已忽略" },
	{ "the policy is larger than %d bytes",
	    "策略文件超过 %d 字节" },
	{ "the policy holds a NUL byte",
	    "策略文件里有 NUL 字节" },
	{ "a policy line is longer than %d bytes",
	    "策略文件有一行超过 %d 字节" },
	{ "the policy lacks %s",
	    "策略文件缺少 %s" },
	{ "the policy names no mx pattern",
	    "策略文件没有列出任何 mx 模式" },
	{ "lines end in CRLF and in LF (mixed)",
	    "行尾混用了 CRLF 和 LF" },
	{ "%zu mx {1|pattern|patterns} beyond the first %d ignored",
	    "另有 %zu 个 mx 模式超出前 %d 个的上限，已忽略" },
	{ "the _smtp._tls TXT record does not start with v=TLSRPTv1",
	    "_smtp._tls 的 TXT 记录不是以 v=TLSRPTv1 开头" },
	{ "the _smtp._tls TXT record is empty",
	    "_smtp._tls 的 TXT 记录是空的" },
	{ "the _smtp._tls TXT record names no rua",
	    "_smtp._tls 的 TXT 记录没有给出 rua" },
	{ "policy from https://%s%s: %s",
	    "来自 https://%s%s 的策略：%s" },
	{ "%s publishes MTA-STS, but no valid policy could be had (%s): senders apply none, so TLS to its MX hosts is not enforced",
	    "%s 发布了 MTA-STS，但拿不到有效的策略（%s）：发件方因此不应用任何策略，发往它的邮件服务器的 TLS 不受强制" },
	{ "policy from https://%s%s: HTTP status %d",
	    "来自 https://%s%s 的策略：HTTP 状态码 %d" },
	{ "the policy host %s has only private or loopback addresses: not contacted",
	    "策略服务器 %s 只有内网或本机地址：没有连接" },
	{ "the policy host %s has no address (%s)",
	    "策略服务器 %s 没有地址（%s）" },
	{ "no records",
	    "没有记录" },
	{ "more than one _mta-sts TXT record: no policy (RFC 8461 3.1)",
	    "_mta-sts 有不止一条 TXT 记录：视为没有策略（RFC 8461 3.1）" },
	{ "more than one _smtp._tls TXT record",
	    "_smtp._tls 有不止一条 TXT 记录" },
	{ "%s: empty: no message in it",
	    "%s：是空的，里面没有邮件" },
	{ "%s: more than %d MiB: save it to a file and give the file's name",
	    "%s：超过 %d MiB：请先保存成文件，再给出文件名" },
	{ "a Microsoft Office file (a Word, Excel or PowerPoint document), not an Outlook message",
	    "这是 Microsoft Office 文件（Word、Excel 或 PowerPoint 文档），不是 Outlook 邮件" },
	{ "a PDF document, not a message",
	    "这是 PDF 文档，不是邮件" },
	{ "a ZIP archive or an Office document (.docx, .xlsx), not a message",
	    "这是 ZIP 压缩包或 Office 文档（.docx、.xlsx），不是邮件" },
	{ "an image, not a message (mxtrace reads text, not screenshots)",
	    "这是图片，不是邮件（mxtrace 读取文字，不读截图）" },
	{ "binary data, not a message or text",
	    "这是二进制数据，既不是邮件也不是文字" },
	{ "mxtrace's own JSON (of verify, probe --json, explain --json or sender --json)",
	    "这是 mxtrace 自己输出的 JSON（verify、probe --json、explain --json 或 sender --json 的结果）" },
	{ "an Outlook .msg file (or another Microsoft Office file) that cannot be read: it is damaged or cut short (%s)",
	    "这是无法读取的 Outlook .msg 文件（或其他 Microsoft Office 文件）：文件已损坏或不完整（%s）" },
	{ "an Outlook .msg file of more than %d MiB",
	    "这个 Outlook .msg 文件超过 %d MiB" },
	{ "more than %d MiB of text",
	    "文字超过 %d MiB" },
	{ "%s: %s: save the bounce from your mail program as a message (.eml) or as text (.txt), or copy its text and paste it into \"mxtrace explain -\"",
	    "%s：%s：请在邮件程序里把这封退信另存为邮件（.eml）或文本（.txt），或者复制退信的文字，粘贴给 \"mxtrace explain -\"" },
	{ "%s: %s, not a bounce: \"mxtrace report FILE\" makes a page of it",
	    "%s：%s，不是退信：用 \"mxtrace report 文件\" 可以把它做成网页报告" },
	{ "%s: %s; save the bounce from Outlook again, or as text (.txt), or copy its text and paste it into \"mxtrace explain -\"",
	    "%s：%s；请从 Outlook 重新保存这封退信，或另存为文本（.txt），或者复制退信的文字，粘贴给 \"mxtrace explain -\"" },
	{ "%s: %s: save the bounce from Outlook as a message (.eml) or as text (.txt)",
	    "%s：%s：请在 Outlook 里把这封退信另存为邮件（.eml）或文本（.txt）" },
	{ "%s: %s, far more than a bounce: copy only the bounce's text and paste it into \"mxtrace explain -\"",
	    "%s：%s，远多于一封退信：请只复制退信的文字，粘贴给 \"mxtrace explain -\"" },
	{ "%s: %s: save the message you sent, as the recipient received it, from your mail program as a message (.eml, or Outlook's .msg)",
	    "%s：%s：请在邮件程序里把您发出的那封邮件（收件方收到时的原样）另存为邮件（.eml，或 Outlook 的 .msg）" },
	{ "%s: %s, not a message you sent: \"mxtrace report FILE\" makes a page of it",
	    "%s：%s，不是您发出的邮件：用 \"mxtrace report 文件\" 可以把它做成网页报告" },
	{ "%s: %s; save the message you sent from Outlook again (.eml or .msg), or give your sending IP with --ip",
	    "%s：%s；请从 Outlook 重新保存您发出的那封邮件（.eml 或 .msg），或者用 --ip 指定发信 IP" },
	{ "%s: %s: save the message you sent from Outlook as a message (.eml), or give your sending IP with --ip",
	    "%s：%s：请在 Outlook 里把您发出的那封邮件另存为邮件（.eml），或者用 --ip 指定发信 IP" },
	{ "%s: %s, far more than one message: give one message you sent, saved from your mail program as a file (.eml, or Outlook's .msg)",
	    "%s：%s，远多于一封邮件：请指定您发出的一封邮件，在邮件程序里把它另存为文件（.eml，或 Outlook 的 .msg）" },
	{ "%s: cannot keep a copy in %s to read: %s",
	    "%s：无法在 %s 中保存一份副本来读取：%s" },
	{ "%s: no message in it",
	    "%s：里面没有邮件" },
	{ "mxtrace explain: %zu messages read: bounces %zu, delay notices %zu, complaints %zu, delivered messages %zu, not bounces %zu (%zu of them not listed above), other %zu\n",
	    "mxtrace explain：共读了 %zu 封邮件：退信 %zu 封，延迟通知 %zu 封，投诉 %zu 封，已送达的邮件 %zu 封，不是退信的 %zu 封（其中 %zu 封未在上面列出），其他 %zu 封\n" },
	{ "mxtrace explain: %zu {1|recipient|recipients} not probed: --probe probes at most %d {2|recipient|recipients} of one bounce\n",
	    "mxtrace explain：%zu 个收件人未检测：--probe 每封退信最多检测 %d 个收件人\n" },
	{ "mxtrace explain: %zu {1|recipient|recipients} not probed: --probe probes at most %d {2|address|addresses} in one run\n",
	    "mxtrace explain：%zu 个收件人未检测：--probe 一次运行最多检测 %d 个地址\n" },
	{ "mxtrace explain: --redact and --probe cannot go together: the probe needs the addresses\n",
	    "mxtrace explain：--redact 和 --probe 不能同时使用：重新检测需要完整的地址\n" },
	{ "mxtrace explain: %s%s is an option of --probe: give --probe too, or leave it out\n",
	    "mxtrace explain：%s%s 是 --probe 的选项：请同时给出 --probe，或去掉它\n" },
	{ "mxtrace explain: paste the bounce (or the message's headers), then press Enter and Ctrl-D\n",
	    "mxtrace explain：请粘贴退信（或邮件头），然后按回车键和 Ctrl-D\n" },
	{ "a stream cannot be read (%s)",
	    "其中的数据流无法读取（%s）" },
	{ "its body, kept as compressed RTF, does not decompress (%s)",
	    "以压缩 RTF 保存的正文无法解压（%s）" },
	{ "not a compound file",
	    "不是复合文档格式" },
	{ "%s has no MX record; %s, the name without \"www.\", has %zu {3|MX record|MX records}",
	    "%s 没有 MX 记录；去掉 \"www.\" 的 %s 有 %zu 条 MX 记录" },
	{ "%s: no Received: header, so it does not say which IP sent it (save the message with all its headers, as received)",
	    "%s：没有 Received: 邮件头，看不出是哪个 IP 发出的（请按收到时的样子连同全部邮件头保存邮件）" },
	{ "%s: a bounce that does not hold a copy of the message you sent with its headers: give the message you sent as the recipient received it (ask them to forward it as an attachment), or your sending IP with --ip",
	    "%s：这封退信里没有您发出的那封邮件（连同邮件头）的副本：请提供收件方收到的那封邮件（可请收件方把它作为附件转发给您），或用 --ip 指定您的发信 IP" },
	{ "%s: the copy of your message in this report does not show which IP sent it out (no Received: line of the receiving server): give the message you sent as the recipient received it, or your sending IP with --ip",
	    "%s：这份报告引用的您的邮件看不出是从哪个 IP 发出的（没有收件服务器写下的 Received: 行）：请提供收件方收到的那封邮件，或用 --ip 指定您的发信 IP" },
	{ "mxtrace sender: still checking that mail to %s arrives, over port 25 (each mail server may take the --timeout; --no-inbound skips this check)\n",
	    "mxtrace sender：仍在通过 25 端口检查发往 %s 的邮件能否送达（每台邮件服务器最多可能等待 --timeout 的时间；加 --no-inbound 可跳过这项检查）\n" },
	{ "mxtrace sender: --message %s: its Received: lines show no receiving server, only your mail program handing it to your server (a copy from your Sent folder?), so the sending IPs checked come from SPF and MX: give a message as the recipient received it, or your server's IP with --ip\n",
	    "mxtrace sender：--message %s：它的 Received: 行里没有收件服务器，只有您的邮件程序把它交给您的服务器的那一步（是“已发送”文件夹里的副本吗？），所以检查的发信 IP 取自 SPF 和 MX：请提供收件方收到的那封邮件，或用 --ip 指定您的服务器的 IP\n" },
	{ "mxtrace sender: --message %s: its only Received: line is a computer (HELO %s, IP %s) handing it to a server, as in a copy from your Sent folder, so the sending IPs checked come from SPF and MX: give a message as the recipient received it; if that computer sends to recipients itself, with no mail server between, check it with --ip %s\n",
	    "mxtrace sender：--message %s：它唯一的 Received: 行是一台电脑（HELO %s，IP %s）把它交给服务器的那一步，和“已发送”文件夹里的副本一样，所以检查的发信 IP 取自 SPF 和 MX：请提供收件方收到的那封邮件；如果这台电脑不经邮件服务器、直接发给收件人，请用 --ip %s 检查它\n" },
	{ "mxtrace sender: --message %s: a forward from %s that quotes your message in its text: its headers are the forward's own, %s's, not your message's, so nothing in it is checked: ask them to forward your message as an attachment (Gmail and Outlook: Forward as attachment) or to send you its full headers (Gmail: Show original; Outlook: View message source), or give your sending IP with --ip\n",
	    "mxtrace sender：--message %s：这是 %s 发来的转发邮件，您的邮件放在它的正文里：它的邮件头是这封转发邮件自己的（%s 的），不是您那封邮件的，所以其中什么都不检查：请转发者把您的邮件作为附件转发（Gmail 和 Outlook：作为附件转发），或把它的完整邮件头发给您（Gmail：显示原始邮件；Outlook：查看邮件源），或用 --ip 指定您的发信 IP\n" },
	{ "mxtrace sender: --message %s: a forward that quotes your message in its text: its headers are the forward's own, not your message's, so nothing in it is checked: ask them to forward your message as an attachment (Gmail and Outlook: Forward as attachment) or to send you its full headers (Gmail: Show original; Outlook: View message source), or give your sending IP with --ip\n",
	    "mxtrace sender：--message %s：这是一封转发邮件，您的邮件放在它的正文里：它的邮件头是这封转发邮件自己的，不是您那封邮件的，所以其中什么都不检查：请转发者把您的邮件作为附件转发（Gmail 和 Outlook：作为附件转发），或把它的完整邮件头发给您（Gmail：显示原始邮件；Outlook：查看邮件源），或用 --ip 指定您的发信 IP\n" },
	{ "mxtrace sender: --message %s: a computer (HELO %s, IP %s) handed it straight to the recipient's mail server (%s), with no mail server of yours between, as bulk-mail software does: that computer's IP is the sending IP checked. Receivers see an office line, not a mail server (seldom in SPF, often on Spamhaus PBL, its HELO not a real name), and many refuse it: send through your mail server instead (your provider's SMTP server, with a login)\n",
	    "mxtrace sender：--message %s：这封邮件是一台电脑（HELO %s，IP %s）直接交给收件服务器（%s）的，中间没有经过您的邮件服务器，群发软件就是这样发信的：所以检查的发信 IP 是这台电脑的 IP。收件方看到的是一条办公网络线路，而不是邮件服务器（通常不在 SPF 里，常被列入 Spamhaus PBL，HELO 也不是真实的名称），很多收件方会拒收：请改为通过您的邮件服务器发信（邮件服务商的 SMTP 服务器，登录后发送）\n" },
	{ "%s: a folder, not a message: give one message you sent, saved from your mail program as a file (.eml, or Outlook's .msg)",
	    "%s：是一个文件夹，不是一封邮件：请指定您发出的一封邮件，在邮件程序里把它另存为文件（.eml，或 Outlook 的 .msg）" },
	{ "%s: holds more than one message (an mbox): give the one you sent, saved from your mail program as a file (.eml, or Outlook's .msg)",
	    "%s：里不止一封邮件（mbox）：请指定您发出的那一封，在邮件程序里把它另存为文件（.eml，或 Outlook 的 .msg）" },
	{ "cannot write %s: cannot make %s in its folder: %s",
	    "无法写入 %s：无法在其所在文件夹中创建 %s：%s" },
	{ "cannot write %s: %s",
	    "无法写入 %s：%s" },
	{ "--proxy wants socks5://[USER:PASS@]HOST[:PORT]",
	    "--proxy 的格式应为 socks5://[USER:PASS@]HOST[:PORT]" },
	{ "--proxy: socks5h:// (DNS at the proxy) is not supported: mxtrace resolves MX hosts itself; use socks5://",
	    "--proxy：不支持 socks5h://（由代理解析 DNS）：mxtrace 自己解析 MX 主机；请用 socks5://" },
	{ "--proxy: nothing may follow HOST:PORT",
	    "--proxy：HOST:PORT 后面不能再有其他内容" },
	{ "--proxy: *** stands for the proxy's password, which mxtrace never writes down: put the real password in its place (a password that really is *** is written %2A%2A%2A)",
	    "--proxy：*** 代表代理的密码，mxtrace 从不写下密码：请在该处填入真正的密码（密码本身就是 *** 时，请写成 %2A%2A%2A）" },
	{ "--proxy: credentials must be USER:PASS@ (a non-empty user)",
	    "--proxy：账号密码的格式应为 USER:PASS@（用户名不能为空）" },
	{ "--proxy: user and password must be 1 to 255 octets (%XX escapes allowed, not %00)",
	    "--proxy：用户名和密码长度须为 1 到 255 字节（可用 %XX 转义，不能用 %00）" },
	{ "--proxy: write an IPv6 proxy address in brackets: socks5://[::1]:1080",
	    "--proxy：IPv6 代理地址要写在方括号里：socks5://[::1]:1080" },
	{ "--proxy: the port must be a number from 1 to 65535",
	    "--proxy：端口必须是 1 到 65535 之间的数字" },
	{ "cannot find the proxy %s: %s",
	    "找不到代理 %s：%s" },
	{ "no address",
	    "没有地址" },
	{ "the proxy's answer to the greeting is not SOCKS5",
	    "代理对问候的回应不是 SOCKS5 协议" },
	{ "the proxy's answer to the user name and password is not RFC 1929",
	    "代理对用户名和密码的回应不符合 RFC 1929" },
	{ "the proxy's answer to CONNECT is not SOCKS5",
	    "代理对 CONNECT 的回应不是 SOCKS5 协议" },
	{ "the proxy's answer to CONNECT has a non-zero reserved byte",
	    "代理对 CONNECT 的回应中保留字节不为零" },
	{ "the proxy's answer to CONNECT has an unknown address type",
	    "代理对 CONNECT 的回应中地址类型未知" },
	{ "no peer certificate",
	    "服务器没有提供证书" },
	{ "%s: usage %u (PKIX) is not used for SMTP (RFC 7672 3.1.3)",
	    "%s：用途 %u（PKIX）不适用于 SMTP（RFC 7672 3.1.3）" },
	{ "%s: a %s digest of %zu octets (it has %d)",
	    "%s：%s 摘要应为 %zu 字节（实际 %d 字节）" },
	{ "unsupported usage, selector or matching type",
	    "不支持的用途、选择器或匹配类型" },
	{ "malformed (a digest of the wrong length?)",
	    "格式错误（摘要长度不对？）" },
	{ "no usable TLSA record: TLS is required, but the server cannot be authenticated (RFC 7672 2.2)",
	    "没有可用的 TLSA 记录：要求加密，但无法验证服务器身份（RFC 7672 2.2）" },
	{ "no TLSA record matches the certificate (%s)",
	    "没有与证书匹配的 TLSA 记录（%s）" },
	{ "no TLSA record matches the certificate",
	    "没有与证书匹配的 TLSA 记录" },
	{ "no DNS answer within %lld ms",
	    "%lld 毫秒内没有收到 DNS 回应" },
	{ "null MX with preference %d; RFC 7505 asks for 0",
	    "空 MX 的优先级为 %d；RFC 7505 要求为 0" },
	{ "MX host %s is listed more than once",
	    "MX 主机 %s 被列出了不止一次" },
	{ "more than %d MX hosts; only the %d most preferred are used",
	    "MX 主机超过 %d 个；只使用优先级最高的 %d 个" },
	{ "domain %s is a CNAME to %s",
	    "域名 %s 是指向 %s 的 CNAME" },
	{ "null MX (RFC 7505) mixed with %zu other MX {1|record|records}: the domain says it accepts no mail",
	    "空 MX（RFC 7505）与另外 %zu 条 MX 记录混在一起：该域名声明不接收邮件" },
	{ "the MX record names localhost: the domain says it takes no mail (treated as a null MX); not contacted",
	    "MX 记录指向 localhost：该域名等于声明不接收邮件（按空 MX 处理）；未连接" },
	{ "MX target %s %s; skipped",
	    "MX 目标 %s %s；已跳过" },
	{ "%s lookup of %s failed (%s)",
	    "%s 查询 %s 失败（%s）" },
	{ "MX target %s is a CNAME to %s (RFC 2181 10.3)",
	    "MX 目标 %s 是指向 %s 的 CNAME（RFC 2181 10.3）" },
	{ "more than %d addresses; the rest are ignored",
	    "地址超过 %d 个；其余的被忽略" },
	{ "the domain is an address literal: delivered to %s directly, without DNS (RFC 5321 4.1.3)",
	    "域名部分是 IP 地址：不经 DNS 直接投递到 %s（RFC 5321 4.1.3）" },
	{ "TLSA lookup: %s",
	    "TLSA 查询：%s" },
	{ "TLSA records at _25._tcp.%s ignored: %s is not DNSSEC-signed (RFC 7672 2.2)",
	    "_25._tcp.%s 的 TLSA 记录被忽略：%s 没有 DNSSEC 签名（RFC 7672 2.2）" },
	{ "the TLSA answer",
	    "TLSA 回应" },
	{ "the address answer",
	    "地址回应" },
	{ "no A/AAAA record",
	    "没有 A/AAAA 记录" },
	{ "bad resolver \"%s\": expected IP or IP@PORT",
	    "DNS 服务器“%s”无效：应为 IP 或 IP@端口" },
	{ "not an IP address",
	    "不是 IP 地址" },
	{ "a scope on an IPv4 address",
	    "IPv4 地址不能带网络接口" },
	{ "no such interface",
	    "本机没有这个网络接口" },
	{ "link-local, no interface given",
	    "链路本地地址，未指定网络接口" },
	{ "cannot create the DNS resolver context",
	    "无法创建 DNS 解析器" },
	{ "DNS resolver set-up: %s",
	    "DNS 解析器设置：%s" },
	{ "cannot use the trust anchor %s: %s",
	    "无法使用信任锚 %s：%s" },
	{ "cannot read it",
	    "无法读取" },
	{ "cannot query %s: %s",
	    "无法查询 %s：%s" },
	{ "refused to send a command longer than %d octets or with a line break",
	    "拒绝发送超过 %d 字节或含换行的命令" },
	{ "could not queue %s",
	    "无法排队发送 %s" },
	{ "discarded %zu {1|byte|bytes} sent before the TLS handshake (STARTTLS injection)",
	    "丢弃了 TLS 握手前收到的 %zu 字节（STARTTLS 注入）" },
	{ "TLS set-up failed: %s",
	    "TLS 设置失败：%s" },
	{ "TLS set-up failed",
	    "TLS 设置失败" },
	{ "a reply %d to no command (%s)",
	    "收到对不存在的命令的回复 %d（%s）" },
	{ "out-of-step: a 5xx reply to QUIT answers an earlier command",
	    "回复错位：对 QUIT 的 5xx 回复其实是对之前某条命令的回答" },
	{ "out-of-step replies: the server answered QUIT with %d, so its replies do not match the commands",
	    "回复错位：服务器对 QUIT 回复了 %d，说明它的回复与命令对不上" },
	{ "out-of-step: data no command asked for followed this reply: \"%s\"",
	    "回复错位：这条回复后面跟着没有任何命令请求的数据：“%s”" },
	{ "out-of-step data after the reply %d (%s): \"%s\"; the replies no longer match the commands",
	    "回复 %d（%s）之后出现错位数据：“%s”；回复与命令已对不上" },
	{ "a reply line longer than %d bytes",
	    "回复行超过 %d 字节" },
	{ "malformed reply",
	    "回复格式错误" },
	{ "connect timeout (through the proxy %s)",
	    "连接超时（经由代理 %s）" },
	{ "connect timeout (checked while %s was still connecting)",
	    "连接超时（在 %s 仍在连接时一并检查）" },
	{ "connect timeout (through the proxy %s, checked while %s was still connecting)",
	    "连接超时（经由代理 %s，在 %s 仍在连接时一并检查）" },
	{ "connect given up: %s, an address of the same host, answered first",
	    "放弃连接：同一主机的另一个地址 %s 先应答了" },
	{ "the proxy %s accepts neither method mxtrace offers (no authentication, user name and password)",
	    "代理 %s 不接受 mxtrace 提供的任何一种认证方式（无认证、用户名和密码）" },
	{ "the proxy %s wants authentication: give socks5://USER:PASS@HOST:PORT",
	    "代理 %s 要求登录：请写成 socks5://用户名:密码@主机:端口" },
	{ "the proxy %s chose method %d, which mxtrace did not offer",
	    "代理 %s 选择了认证方式 %d，而 mxtrace 并未提供这种方式" },
	{ "the proxy %s refused the user name and password (status %d)",
	    "代理 %s 拒绝了用户名和密码（状态码 %d）" },
	{ "the proxy %s did not answer in time (%s)",
	    "代理 %s 没有及时回应（%s）" },
	{ "the proxy %s closed the connection before %s (%s)",
	    "代理 %s 在%s之前关闭了连接（%s）" },
	{ "the tunnel was open",
	    "通道建立" },
	{ "a short reply",
	    "回复不完整" },
	{ "no reply",
	    "没有回复" },
	{ "out-of-step: data no command asked for came right after the TLS handshake: \"%s\"",
	    "回复错位：TLS 握手刚结束就收到没有命令请求的数据：“%s”" },
	{ "out-of-step data after the TLS handshake, before EHLO: \"%s\"",
	    "TLS 握手之后、EHLO 之前出现错位数据：“%s”" },
	{ "stopped: the deadline for the whole probe of this domain passed (--deadline %s)",
	    "已停止：检测这个域名的总时限已到（--deadline %s）" },
	/* records written before the value was named, read by report */
	{ "stopped: the deadline for the whole probe of this domain passed (--deadline)",
	    "已停止：检测这个域名的总时限已到（--deadline）" },
	{ "session deadline passed %s",
	    "%s到了整个会话的时限" },
	{ "the server closed the connection (%s)",
	    "服务器关闭了连接（%s）" },
	{ "connection error (%s)",
	    "连接出错（%s）" },
	{ "connect timeout",
	    "连接超时" },
	{ "timeout",
	    "超时" },
	{ "cannot reach the proxy %s: %s",
	    "无法连接代理 %s：%s" },
	{ "the server closed the connection in the TLS handshake",
	    "服务器在 TLS 握手中关闭了连接" },
	{ "TLS handshake failed: %s",
	    "TLS 握手失败：%s" },
	{ "the server closed the connection in the middle of a reply (%s)",
	    "服务器在回复中途关闭了连接（%s）" },
	{ "the server closed the connection in the middle of a reply",
	    "服务器在回复中途关闭了连接" },
	{ "the source address (--source) is IPv%c, the address to connect to is not",
	    "源地址（--source）是 IPv%c，而要连接的地址不是" },
	{ "cannot use the source address (--source): %s",
	    "无法使用源地址（--source）：%s" },
	{ "address contains a NUL byte",
	    "地址中含有 NUL 字节" },
	{ "address contains a line break (CR or LF)",
	    "地址中含有换行符（CR 或 LF）" },
	{ "address is not valid UTF-8",
	    "地址不是有效的 UTF-8 文字" },
	{ "address contains a control character",
	    "地址中含有控制字符" },
	{ "quoted local part has a backslash not followed by a printable character",
	    "带引号的用户名中，反斜杠后面没有可打印字符" },
	{ "quoted local part lacks its closing quote",
	    "带引号的用户名缺少结尾的引号" },
	{ "local part starts or ends with a dot",
	    "@ 前面的部分以点开头或结尾" },
	{ "local part has two dots in a row",
	    "@ 前面的部分有两个连续的点" },
	{ "local part contains a character that is only allowed in quotes (such as a space, comma, bracket or quote)",
	    "@ 前面的部分含有只能出现在引号里的字符（如空格、逗号、括号或引号）" },
	{ "address literal lacks its closing bracket",
	    "IP 地址形式的域名缺少结尾的方括号" },
	{ "address literal is not a valid IPv6 address",
	    "方括号里不是有效的 IPv6 地址" },
	{ "address literal has an unsupported tag (only IPv6: is known)",
	    "方括号里的地址标记不受支持（只认识 IPv6:）" },
	{ "address literal is not a valid IPv4 address",
	    "方括号里不是有效的 IPv4 地址" },
	{ "domain is empty",
	    "域名为空" },
	{ "domain is longer than 253 characters",
	    "域名超过 253 个字符" },
	{ "domain has an empty label (a leading dot or two dots in a row)",
	    "域名中有空的部分（开头有点，或有两个连续的点）" },
	{ "domain label ends with a hyphen",
	    "域名的某一部分以连字符结尾" },
	{ "top-level domain is all digits",
	    "顶级域名全是数字" },
	{ "domain label starts with a hyphen",
	    "域名的某一部分以连字符开头" },
	{ "domain label is longer than 63 characters",
	    "域名的某一部分超过 63 个字符" },
	{ "domain contains a character other than letters, digits, hyphens and dots",
	    "域名中含有字母、数字、连字符和点以外的字符" },
	{ "an IP address as domain must be written in brackets, e.g. user@[192.0.2.1]",
	    "用 IP 地址当域名时必须写在方括号里，例如 user@[192.0.2.1]" },
	{ "address has no @",
	    "地址里没有 @" },
	{ "quoted local part is not followed by @",
	    "带引号的用户名后面没有 @" },
	{ "local part (before the @) is empty",
	    "@ 前面的部分是空的" },
	{ "address has more than one @",
	    "地址里有不止一个 @" },
	{ "local part is longer than 64 octets",
	    "@ 前面的部分超过 64 字节" },
	{ "domain (after the @) is empty",
	    "@ 后面的域名是空的" },
	{ "address is longer than 254 octets",
	    "地址超过 254 字节" },
	{ "address makes the RCPT TO command longer than 512 octets",
	    "这个地址会让 RCPT TO 命令超过 512 字节" },
	{ "address is far too long",
	    "地址太长了" },
	{ "address has a '<' without a matching '>'",
	    "地址里有“<”却没有对应的“>”" },
	{ "address has a '>' without a matching '<'",
	    "地址里有“>”却没有对应的“<”" },
	{ "address is empty",
	    "地址为空" },
	{ "this Excel workbook (.xlsx) is damaged (cut short or corrupted), mxtrace cannot read it: open it in Excel and save it again, or save it as \"CSV UTF-8\" and give that file",
	    "这个 Excel 工作簿（.xlsx）已损坏（不完整或内容出错），mxtrace 无法读取：请在 Excel 中打开后重新保存，或者另存为“CSV UTF-8”，再用那个文件" },
	{ "this ZIP archive is not an Excel workbook (.xlsx) mxtrace reads (a binary .xlsb workbook, an OpenDocument .ods file or another archive): save it as \"Excel Workbook (.xlsx)\" or as \"CSV UTF-8\" and give that file",
	    "这个 ZIP 压缩文件不是 mxtrace 能读取的 Excel 工作簿（.xlsx）（可能是二进制 .xlsb 工作簿、OpenDocument .ods 文件或其他压缩文件）：请另存为“Excel 工作簿（.xlsx）”或“CSV UTF-8”，再用那个文件" },
	{ "this Excel workbook (.xlsx) is damaged: a part of it is not well-formed XML or refers to what the workbook does not hold; open it in Excel and save it again, or save it as \"CSV UTF-8\" and give that file",
	    "这个 Excel 工作簿（.xlsx）已损坏：其中某个部分不是格式正确的 XML，或者引用了工作簿里没有的内容；请在 Excel 中打开后重新保存，或者另存为“CSV UTF-8”，再用那个文件" },
	{ "this Excel workbook (.xlsx) is not read: a part of it declares a document type (DTD), which Office Open XML forbids and Excel never writes",
	    "不读取这个 Excel 工作簿（.xlsx）：其中某个部分声明了文档类型（DTD），Office Open XML 不允许这样做，Excel 也从不这样写" },
	{ "this Excel workbook (.xlsx) has no visible worksheet to read",
	    "这个 Excel 工作簿（.xlsx）里没有可读取的可见工作表" },
	{ "this Excel workbook (.xlsx) is not read: a part of it inflates to more than 512 MiB (a ZIP bomb, or a sheet too large: save it as \"CSV UTF-8\" and give that file)",
	    "不读取这个 Excel 工作簿（.xlsx）：其中某个部分解压后超过 512 MiB（可能是“ZIP 炸弹”，或者工作表太大：请另存为“CSV UTF-8”，再用那个文件）" },
	{ "this Excel workbook (.xlsx) is not read: it holds more than 2,000,000 shared strings or more than 128 MiB of them (save it as \"CSV UTF-8\" and give that file)",
	    "不读取这个 Excel 工作簿（.xlsx）：其中的共享字符串超过 2,000,000 个或超过 128 MiB（请另存为“CSV UTF-8”，再用那个文件）" },
	{ "this Excel workbook (.xlsx) is not read: its XML nests more than 64 elements deep, which Excel never writes",
	    "不读取这个 Excel 工作簿（.xlsx）：其中的 XML 嵌套超过 64 层，Excel 从不这样写" },
	{ "this Excel workbook (.xlsx) is damaged: its rows are out of order or numbered past Excel's last row, 1,048,576; open it in Excel and save it again, or save it as \"CSV UTF-8\" and give that file",
	    "这个 Excel 工作簿（.xlsx）已损坏：行的顺序错乱，或者行号超过了 Excel 的最后一行 1,048,576；请在 Excel 中打开后重新保存，或者另存为“CSV UTF-8”，再用那个文件" },
	{ "this Excel workbook is protected by a password (encrypted), mxtrace cannot read it: in Excel choose File, Info, Protect Workbook, Encrypt with Password, clear the password and save, or save it as \"CSV UTF-8\" and give that file",
	    "这个 Excel 工作簿设置了打开密码（已加密），mxtrace 无法读取：请在 Excel 中选择“文件 > 信息 > 保护工作簿 > 用密码进行加密”，清除密码后保存，或者另存为“CSV UTF-8”，再用那个文件" },
	{ "no address column: no visible sheet of this workbook has a column such as email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 in its first rows (use --column NAME or --column N)",
	    "找不到地址列：这个工作簿的可见工作表在前几行都没有 email、e-mail、mail、邮箱、电子邮件 这类列名（请用 --column 列名 或 --column 列号 指定）" },
	{ "this is an old Excel workbook (.xls) or another Office file, not a list: in Excel choose File, Save As, \"CSV UTF-8\" (or \"Unicode Text\") and give that file",
	    "这是旧版 Excel 工作簿（.xls）或其他 Office 文件，不是地址清单：请在 Excel 中选择“文件 > 另存为”，保存为“CSV UTF-8”（或“Unicode 文本”），再用那个文件" },
	{ "this is a PDF document, not a list: save the list from the program that made it as \"CSV UTF-8\" or as an Excel workbook (.xlsx) and give that file",
	    "这是 PDF 文档，不是地址清单：请在制作清单的程序中把它保存为“CSV UTF-8”或 Excel 工作簿（.xlsx），再用那个文件" },
	{ "this is an image, not a list (mxtrace reads text, not screenshots): save the list as \"CSV UTF-8\" or as an Excel workbook (.xlsx) and give that file",
	    "这是图片，不是地址清单（mxtrace 只读文字，不读截图）：请把清单保存为“CSV UTF-8”或 Excel 工作簿（.xlsx），再用那个文件" },
	{ "this is mxtrace's own JSON (of verify, probe --json, explain --json or sender --json), not a list: \"mxtrace report FILE\" makes a page of it; to check the addresses again, give the list it was made from",
	    "这是 mxtrace 自己输出的 JSON（verify、probe --json、explain --json 或 sender --json 的结果），不是地址清单：用“mxtrace report 文件”可以把它做成报告页面；要重新检测这些地址，请用生成它的那份清单" },
	{ "cannot read the input: %s",
	    "无法读取输入：%s" },
	{ "cannot read the input as %s",
	    "无法按 %s 编码读取输入" },
	{ "--column %s: the header has %zu {2|column|columns}",
	    "--column %s：表头只有 %zu 列" },
	{ "--sheet %s: no such sheet in this workbook; its sheets: %s",
	    "--sheet %s：这个工作簿里没有这个工作表；它的工作表是：%s" },
	{ "--sheet %s: sheet \"%s\" is a chart, not a sheet of rows; the workbook's sheets: %s",
	    "--sheet %s：工作表“%s”是图表，不是有行的工作表；这个工作簿的工作表是：%s" },
	{ "no address column: sheet \"%s\" has no column such as email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 in its first rows (use --column NAME or --column N); its columns: %s",
	    "找不到地址列：工作表“%s”在前几行没有 email、e-mail、mail、邮箱、电子邮件 这类列名（请用 --column 列名 或 --column 列号 指定）；它的列是：%s" },
	{ "--column %s: no such column in the header; its columns: %s",
	    "--column %s：表头中没有这一列；表头的列是：%s" },
	{ "no address column: the CSV header has no column such as email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 (use --column NAME or --column N; the input was read as %s, --encoding NAME reads it as another); its columns: %s",
	    "找不到地址列：CSV 表头中没有 email、e-mail、mail、邮箱、电子邮件 这类列名（请用 --column 列名 或 --column 列号 指定；输入按 %s 读取，可用 --encoding 编码名 换一种编码读取）；表头的列是：%s" },
	{ "no address column: the CSV header has no column such as email, e-mail, mail, \xe9\x82\xae\xe7\xae\xb1, \xe7\x94\xb5\xe5\xad\x90\xe9\x82\xae\xe4\xbb\xb6 (use --column NAME or --column N; the input was read as %s, a guess, --encoding NAME reads it as another); its columns: %s",
	    "找不到地址列：CSV 表头中没有 email、e-mail、mail、邮箱、电子邮件 这类列名（请用 --column 列名 或 --column 列号 指定；输入按推测的 %s 编码读取，可用 --encoding 编码名 换一种编码读取）；表头的列是：%s" },
	{ "the input is empty",
	    "输入是空的" },
	{ "the CSV header is longer than %d bytes",
	    "CSV 表头超过 %d 字节" },
	{ "%s %s: STARTTLS refused (%d%s%s): the session went on unencrypted; a sender that requires TLS will not deliver here",
	    "%s %s：STARTTLS 被拒绝（%d%s%s）：会话以不加密方式继续；要求加密的发信方不会投递到这里" },
	{ "%s %s: the server does not offer STARTTLS: mail to it travels unencrypted, and an offer stripped on the way (a downgrade attack) looks the same",
	    "%s %s：服务器不提供 STARTTLS：发往这里的邮件不加密传输；加密选项在途中被删掉（降级攻击）时看起来也是这样" },
	{ "%s %s: reply lines end in a bare LF instead of CRLF (RFC 5321 2.3.8)",
	    "%s %s：回复行以单独的 LF 结尾，而不是 CRLF（RFC 5321 2.3.8）" },
	{ "%s %s: a malformed enhanced status code, or one of another class than its reply, was ignored (RFC 3463)",
	    "%s %s：忽略了格式错误、或与回复类别不一致的增强状态码（RFC 3463）" },
	{ "%s %s: a reply in GB18030 (GBK), not UTF-8, is shown decoded",
	    "%s %s：服务器的回复是 GB18030（GBK）编码而不是 UTF-8，已解码显示" },
	{ "%s %s: %s; a DANE-aware sender (RFC 7672) would not deliver there, although RCPT was answered %d",
	    "%s %s：%s；支持 DANE 的发信方（RFC 7672）不会投递到这里，尽管 RCPT 得到的回复是 %d" },
	{ "%s %s: %s; a sender that honours MTA-STS (RFC 8461) would not deliver there, although RCPT was answered %d",
	    "%s %s：%s；遵守 MTA-STS 的发信方（RFC 8461）不会投递到这里，尽管 RCPT 得到的回复是 %d" },
	{ "%s %s: TLS handshake failed (%s); retried without STARTTLS as an MTA would",
	    "%s %s：TLS 握手失败（%s）；已像邮件服务器一样改用不加密方式重试" },
	{ "no detail",
	    "没有详情" },
	{ "every address of the MX hosts of %s is private or loopback: not contacted (use --allow-private for labs and intranets)",
	    "%s 的 MX 主机全部是内网或本机地址：未连接（实验室或内网请加 --allow-private）" },
	{ "no MX host of %s has an IPv%c address, and only IPv%c may be used (-4, -6 or --source)",
	    "%s 的 MX 主机都没有 IPv%c 地址，而只允许使用 IPv%c（-4、-6 或 --source）" },
	{ "%s is a private or loopback address: not contacted",
	    "%s 是内网或本机地址：未连接" },
	{ "--resolver wants IP or IP@PORT, a link-local IPv6 address with an interface of this machine (fe80::1%%eth0), not '%s'",
	    "--resolver 需要 IP 或 IP@端口，链路本地 IPv6 地址须带本机的网络接口（fe80::1%%eth0），而不是“%s”" },
	{ "--timeout wants a duration from 100ms to 10m, like 30s or 2m, not '%s'",
	    "--timeout 需要 100ms 到 10m 之间的时长，例如 30s 或 2m，而不是“%s”" },
	{ "--deadline wants a duration from 100ms to 1h, like 2m, not '%s'",
	    "--deadline 需要 100ms 到 1h 之间的时长，例如 2m，而不是“%s”" },
	{ "--port wants a number from 1 to 65535, not '%s'",
	    "--port 需要 1 到 65535 之间的数字，而不是“%s”" },
	{ "--lang wants en or zh, not '%s'",
	    "--lang 只能是 en 或 zh，而不是“%s”" },
	{ "--trust-anchor: cannot read '%s'",
	    "--trust-anchor：无法读取“%s”" },
	{ "--trust-anchor: '%s' is a folder, not a file",
	    "--trust-anchor：“%s”是一个文件夹，不是文件" },
	{ "--source wants a local IPv4 or IPv6 address, not '%s'",
	    "--source 需要本机的 IPv4 或 IPv6 地址，而不是“%s”" },
	{ "no certificate in PEM form in it (the text that starts with -----BEGIN CERTIFICATE-----), and one in DER converts to it with \"openssl x509 -inform der -in FILE -out FILE.pem\"",
	    "其中没有 PEM 格式的证书（以 -----BEGIN CERTIFICATE----- 开头的文本），DER 格式的证书可以用“openssl x509 -inform der -in 文件 -out 文件.pem”转换成 PEM" },
	{ "mxtrace verify: type or paste the addresses, one a line, then press Enter and Ctrl-D\n",
	    "mxtrace verify：请输入或粘贴地址，每行一个，然后按回车和 Ctrl-D\n" },
	{ "mxtrace explain: %s: a folder inside %s, not read: give it as an input of its own\n",
	    "mxtrace explain：%s：这是 %s 里面的文件夹，没有读取；请把它作为单独的输入给出\n" },
	{ "mxtrace explain: %s: %zu more {2|folder|folders} inside it, not read either\n",
	    "mxtrace explain：%s：里面还有 %zu 个文件夹，也没有读取\n" },
	{ "mxtrace explain: %s: only %zu {2|file|files} in it {2|was|were} read (the bound for one folder); the rest were not: split it into smaller folders\n",
	    "mxtrace explain：%s：只读取了其中 %zu 个文件（一个文件夹的上限），其余的没有读取：请把它分成几个较小的文件夹\n" },
	{ "%s is a folder, not a file of blocklists",
	    "%s 是文件夹，不是黑名单列表文件" },
	{ "--source %s is not an address of this machine",
	    "--source %s 不是本机的地址" },
	{ "-4 and -6 contradict each other",
	    "-4 和 -6 不能同时使用" },
	{ "--require-tls and --no-tls contradict each other",
	    "--require-tls 和 --no-tls 不能同时使用" },
	{ "(the proxy came from MXTRACE_PROXY)",
	    "（代理设置来自环境变量 MXTRACE_PROXY）" },
	{ "--source is of the other address family than -4/-6",
	    "--source 的地址类型与 -4/-6 不一致" },
	{ "HELO name '%s' (this host's name) is not a fully qualified domain name: many servers distrust or blocklist such names; set --helo to the FQDN whose PTR record points at this host",
	    "HELO 名称“%s”（本机主机名）不是完整域名：很多服务器不信任甚至拉黑这种名称；请用 --helo 指定一个反向解析（PTR）指向本机的完整域名" },
	{ "--helo '%s' is not a host name",
	    "--helo “%s”不是有效的主机名" },
	{ "HELO name '%s' is not yours: servers see a forged identity and may blocklist this IP",
	    "HELO 名称“%s”不是您自己的：收件服务器会认为是冒充身份，可能把这个 IP 拉黑" },
	{ "mxtrace sender: --message %s\n",
	    "mxtrace sender：--message %s\n" },
	{ "mxtrace sender: --message %s was sent as %s, not %s: its IP and HELO are checked for %s, as asked\n",
	    "mxtrace sender：--message %s 是以 %s 的名义发出的，不是 %s：仍按要求检查它的 IP 和 HELO 是否适用于 %s\n" },
	{ "DNSSEC not checked: the resolver gives no validated answer (%s); use a validating resolver, or --no-dnssec to silence this",
	    "未检查 DNSSEC：DNS 服务器没有给出经过验证的回应（%s）；请换用支持 DNSSEC 验证的 DNS 服务器，或用 --no-dnssec 不再提示" },
	{ "the DNS resolver %s does not answer: check this machine's network, or give a resolver that answers with --resolver",
	    "DNS 服务器 %s 没有回应：请检查本机的网络，或用 --resolver 指定一个有回应的 DNS 服务器" },
	{ "no DNS resolver of /etc/resolv.conf (%s) answers: check this machine's network and /etc/resolv.conf, or give a resolver that answers with --resolver",
	    "/etc/resolv.conf 里的 DNS 服务器（%s）都没有回应：请检查本机的网络和 /etc/resolv.conf，或用 --resolver 指定一个有回应的 DNS 服务器" },
	{ "no DS or DNSKEY record in the trust anchor %s",
	    "信任锚 %s 里没有 DS 或 DNSKEY 记录" },
	{ "cannot ask for the DNSKEY of %s",
	    "无法查询 %s 的 DNSKEY" },
	{ "no answer for the DNSKEY of %s",
	    "查询 %s 的 DNSKEY 没有回应" },
	{ "the DNSKEY of %s came back %s%s%s",
	    "%s 的 DNSKEY 回应为 %s%s%s" },
	{ "the output's file name is empty",
	    "输出文件的文件名为空" },
	{ "the input's file name is empty: give a FILE, or - to read standard input",
	    "输入文件的文件名为空：请给出文件名，或用 - 读取标准输入" },
	{ "mxtrace report: the input's file name is empty: give a FILE, or - to read standard input\n",
	    "mxtrace report：输入文件的文件名为空：请给出文件名，或用 - 读取标准输入\n" },
	{ "mxtrace sender: --message: the file name is empty: give the message's FILE, or - to read standard input\n",
	    "mxtrace sender：--message：文件名为空：请给出邮件文件名，或用 - 读取标准输入\n" },
	{ "cannot create the event loop",
	    "无法创建事件循环" },
	{ "cannot start",
	    "无法启动" },
	{ "--source and the proxy %s are of different address families",
	    "--source 与代理 %s 的地址类型不同" },
	{ "mxtrace: unknown command '%s'\n%s",
	    "mxtrace：未知命令“%s”\n%s" },
	{ "mxtrace: to check a list: mxtrace verify %s -o results.jsonl\n",
	    "mxtrace：要检测整个地址清单：mxtrace verify %s -o results.jsonl\n" },
	{ "mxtrace: did you mean mxtrace %s?\n",
	    "mxtrace：您是不是想用 mxtrace %s？\n" },
	{ "mxtrace: to check one address: mxtrace probe %s\n",
	    "mxtrace：要检测一个地址：mxtrace probe %s\n" },
	{ "mxtrace probe: '%s' holds %zu addresses: probe one at a time, or list them for mxtrace verify\n",
	    "mxtrace probe：“%s”里有 %zu 个地址：请一次检测一个，或把它们列成清单交给 mxtrace verify\n" },
	{ "%s %s: %s (mode testing: senders only report it)",
	    "%s %s：%s（testing 模式：发信方只报告，不拦截）" },
	{ "  --ca-file FILE         also trust these CA certificates (PEM), for MX",
	    "  --ca-file 文件         另外信任这些 CA 证书（PEM），用于 MX" },
	{ "                         certificates and MTA-STS policy servers",
	    "                         证书和 MTA-STS 策略服务器" },
	{ "  --no-mta-sts           do not look up MTA-STS and TLS-RPT",
	    "  --no-mta-sts           不查询 MTA-STS 和 TLS-RPT" },
	{ "--ca-file: cannot read '%s'",
	    "--ca-file：无法读取“%s”" },
	{ "--ca-file: '%s' is a folder, not a file",
	    "--ca-file：“%s”是一个文件夹，不是文件" },
	{ "       mxtrace sender [options] DOMAIN|IP... check your own sending set-up",
	    "      mxtrace sender [选项] 域名|IP...     检查我们自己的发信设置" },
	{ "cannot write %s: it is a directory",
	    "无法写入 %s：它是一个目录" },
	{ "cannot read %s: %s",
	    "无法读取 %s：%s" },
	{ "cannot read the input again: %s",
	    "无法再次读取输入：%s" },
	{ "--resume: cannot read %s (%s): without it mxtrace cannot tell which input %s was made from",
	    "--resume：无法读取 %s（%s）：没有它，mxtrace 无法知道 %s 是由哪个输入生成的" },
	{ "--resume: %s is not the .meta file of an mxtrace verify run (field %s): mxtrace cannot tell which input %s was made from; use another -o FILE, or --force to start it over",
	    "--resume：%s 不是 mxtrace verify 运行的 .meta 文件（字段 %s 缺失或有误）：mxtrace 无法知道 %s 是由哪个输入生成的；请换一个 -o 文件，或用 --force 从头开始" },
	{ "--resume: %s was made from another input, or from this list before it changed (SHA-256 %.12s..., this input %.12s...): use another -o FILE, or --force to start it over",
	    "--resume：%s 是用另一份名单生成的，或者名单在那之后被修改过（SHA-256 %.12s...，本次输入 %.12s...）：请换一个 -o 文件，或用 --force 从头开始" },
	{ "--resume: %s was made by an older mxtrace, whose .meta does not say how it numbered the list's rows (no rows_version; this mxtrace writes %d): its records could be matched to other rows, so --resume cannot continue it: start it over with --force instead of --resume, or use another -o FILE",
	    "--resume：%s 是旧版 mxtrace 生成的，它的 .meta 没有记下名单的行是怎样编号的（没有 rows_version；本版写的是 %d）：里面的结果可能会被对到别的行上，--resume 无法接着检测：请不用 --resume 而用 --force 从头开始，或换一个 -o 文件" },
	{ "--resume: %s was made by an mxtrace that numbers the list's rows another way (rows_version %lld; this mxtrace writes %d): its records would be matched to other rows, so --resume cannot continue it: start it over with --force instead of --resume, or use another -o FILE",
	    "--resume：%s 是另一版 mxtrace 生成的，它给名单的行编号的方式不同（rows_version %lld；本版写的是 %d）：里面的结果会被对到别的行上，--resume 无法接着检测：请不用 --resume 而用 --force 从头开始，或换一个 -o 文件" },
	{ "%s exists and is not empty, and was made by an older mxtrace, whose .meta does not say how it numbered the list's rows (no rows_version; this mxtrace writes %d), so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 已存在且不为空，它是旧版 mxtrace 生成的，.meta 没有记下名单的行是怎样编号的（没有 rows_version；本版写的是 %d），--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "%s exists and is not empty, and was made by an mxtrace that numbers the list's rows another way (rows_version %lld; this mxtrace writes %d), so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 已存在且不为空，它是另一版 mxtrace 生成的，给名单的行编号的方式不同（rows_version %lld；本版写的是 %d），--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "--resume: %s was made for shard %s, not %s",
	    "--resume：%s 是为分片 %s 生成的，不是 %s" },
	{ "--resume: %s was made with %s %s, not %s: leave %s out (the first run's is kept), or use another -o FILE",
	    "--resume：%s 是用 %s %s 生成的，不是 %s：请去掉 %s（沿用第一次的），或换一个 -o 文件" },
	{ "--resume: %s was made with other options",
	    "--resume：%s 是用另一组选项生成的" },
	{ "mxtrace verify: --resume: %s was made with other options, which change what the servers answer: the list would hold two kinds of result\n",
	    "mxtrace verify：--resume：%s 是用另一组选项生成的，这些选项会改变服务器的回答：同一份名单里会混有两种结果\n" },
	{ "  %s: the first run %s, this run %s\n",
	    "  %s：第一次运行为 %s，这次为 %s\n" },
	{ "(not given)",
	    "未指定" },
	{ "To go on, run it with the first run's options:\n    %s\nor start over with --force (or write to another -o FILE)\n",
	    "要继续，请用第一次运行的选项运行：\n    %s\n或者用 --force 从头开始（或写到另一个 -o 文件）\n" },
	{ "(*** stands for the proxy's password, which is never written down: type it in its place)\n",
	    "（*** 代表代理的密码，密码从不写入文件：请在该处填入密码）\n" },
	{ "--resume: %s holds a line that is not a verify record",
	    "--resume：%s 中有一行不是 verify 的记录" },
	{ "not a regular file",
	    "不是普通文件" },
	{ "larger than %d bytes",
	    "大于 %d 字节" },
	{ "not JSON: %s",
	    "不是 JSON：%s" },
	{ "not written by mxtrace verify, field %s",
	    "不是 mxtrace verify 写的，字段 %s 缺失或有误" },
	{ "it counts fewer addresses (%lld) than the file holds records (%lu)",
	    "它记的地址数（%lld）比文件中的记录数（%lu）还少" },
	{ "mxtrace report: %s.meta ignored (%s): the report cannot tell whether that verify run is finished\n",
	    "mxtrace report：已忽略 %s.meta（%s）：报告无法判断那次 verify 运行是否已完成\n" },
	{ "mxtrace report: %s: the verify run is not finished, addresses not checked yet: %lu of %lu; an older mxtrace made it, which numbered the list's rows another way, so --resume cannot continue it; to check the whole list again: %s\n",
	    "mxtrace report：%s：这次 verify 运行尚未完成，还有 %lu 个地址（共 %lu 个）尚未检测；它是旧版 mxtrace 生成的，给名单的行编号的方式不同，--resume 无法接着检测；要重新检测整份名单：%s\n" },
	{ "mxtrace report: %s: the verify run is not finished, addresses not checked yet: %lu of %lu; to check them: %s\n",
	    "mxtrace report：%s：这次 verify 运行尚未完成，尚未检测的地址：%lu 个（共 %lu 个）；要检测它们：%s\n" },
	{ "mxtrace report: %zu of %lu {2|address|addresses} -> %s (the run is not finished: %lu not checked yet)\n",
	    "mxtrace report：%zu 个地址（共 %lu 个）-> %s（检测尚未完成：%lu 个尚未检测）\n" },
	{ "another run is writing %s",
	    "另一个运行正在写入 %s" },
	{ "cannot lock %s: %s",
	    "无法锁定 %s：%s" },
	{ "%s is not a regular file",
	    "%s 不是普通文件" },
	{ "%s exists and is not empty: add --resume to continue that run, or --force to start it over",
	    "%s 已存在且不为空：加 --resume 继续上次的检测，或加 --force 从头开始" },
	{ "%s holds the records of another list, or of this one before it changed (SHA-256 %.12s..., this input %.12s...), so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 里是另一份名单（或这份名单修改之前）的结果（SHA-256 %.12s...，本次输入 %.12s...），--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "%s holds the records of shard %s, not %s, so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 里是分片 %s 的结果，不是 %s 的，--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "%s holds the records of %s %s, not %s, so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 里是 %s %s 的结果，不是 %s 的，--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "%s exists and is not empty, and without the .meta file of an mxtrace verify run (%s) nobody can tell which input it was made from, so --resume cannot continue it: use another -o FILE, or --force to start it over",
	    "%s 已存在且不为空，但没有 mxtrace verify 生成的 .meta 文件（%s），无从知道它来自哪个输入，--resume 无法接着检测：请换一个 -o 文件，或用 --force 从头开始" },
	{ "mxtrace verify: %s exists and is not empty, and its records were made with other options, which change what the servers answer: --resume keeps them only with the same options\n",
	    "mxtrace verify：%s 已存在且不为空，里面的结果是用另一组选项生成的，这些选项会改变服务器的回答：只有用同样的选项，--resume 才能接着检测\n" },
	{ "cut a torn last line (%lld bytes) from %s",
	    "截去了末尾不完整的一行（%lld 字节），文件 %s" },
	{ "mxtrace verify: warning: the proxy failed (%s): the results that say stage proxy are about your proxy, not the recipients; fix --proxy and verify those rows again.\n",
	    "mxtrace verify：警告：代理出错（%s）：阶段为“代理服务器”的结果说的是您的代理，而不是收件人；请修好 --proxy 后重新检测这些行。\n" },
	{ "mxtrace verify: warning: the first sessions to %u different domains all failed at connect (refused or timed out): this network or this machine's firewall probably blocks outbound port 25.  Run mxtrace from a server that may send mail, or run a SOCKS5 proxy there and use --proxy socks5://USER:PASS@SERVER:1080.\n",
	    "mxtrace verify：警告：连往 %u 个不同域名的最初几次连接全部失败（被拒绝或超时）：这个网络或本机的防火墙很可能封锁了对外的 25 端口。请在允许发信的服务器上运行 mxtrace，或在那台服务器上运行 SOCKS5 代理并使用 --proxy socks5://USER:PASS@SERVER:1080。\n" },
	{ "mxtrace verify: warning: the first sessions to %u different domains all timed out at connect: this network probably filters outbound port 25 (usual on home, office and cloud networks).  Run mxtrace from a server that may send mail, or run a SOCKS5 proxy there and use --proxy socks5://USER:PASS@SERVER:1080.\n",
	    "mxtrace verify：警告：连往 %u 个不同域名的最初几次连接全部超时：这个网络很可能封锁了对外的 25 端口（家庭、办公室和云服务器网络常见）。请在允许发信的服务器上运行 mxtrace，或在那台服务器上运行 SOCKS5 代理并使用 --proxy socks5://USER:PASS@SERVER:1080。\n" },
	{ "mxtrace verify: warning: the first sessions to %u different domains all timed out at connect through the proxy: the network of the proxy's server probably filters outbound port 25 (usual on cloud servers until the provider opens it).  Ask that provider to open port 25, or run the proxy on a server that may send mail.\n",
	    "mxtrace verify：警告：经过代理连往 %u 个不同域名的最初几次连接全部超时：代理所在服务器的网络很可能封锁了对外的 25 端口（云服务器常见，需服务商开放）。请让该服务商开放 25 端口，或把代理装在允许发信的服务器上。\n" },
	{ "mxtrace verify: cannot %s %s: %s; stopping (the records written so far are whole; fix it and run again with --resume)\n",
	    "mxtrace verify：无法%s %s：%s；已停止（已写入的记录都是完整的；解决问题后用 --resume 再运行）\n" },
	/* what verify could not do, and to which file, in the message above */
	{ "write",
	    "写入" },
	{ "fsync",
	    "同步到磁盘（fsync）" },
	{ "read",
	    "读取" },
	{ "standard output",
	    "标准输出" },
	{ "standard input",
	    "标准输入" },
	{ "%s is %s again: read once",
	    "%s 与 %s 是同一个文件：只读一次" },
	{ "\nmxtrace verify: stopped at once (every record written is whole; --resume continues)\n",
	    "\nmxtrace verify：已立即停止（已写入的记录都是完整的；用 --resume 继续）\n" },
	{ "\nmxtrace verify: %s: finishing politely (sending QUIT); press Ctrl-C again to stop at once\n",
	    "\nmxtrace verify：%s：正在礼貌地结束（发送 QUIT）；再按一次 Ctrl-C 立即停止\n" },
	{ "\nmxtrace verify: %s: finishing politely (sending QUIT); a second signal stops it at once\n",
	    "\nmxtrace verify：%s：正在礼貌地结束（发送 QUIT）；再收到一次信号即立即停止\n" },
	{ "\nmxtrace verify: %s before any address was checked: nothing was written\n",
	    "\nmxtrace verify：%s，还没有检测任何地址：什么也没有写入\n" },
	/* the signal a verify run got, in the messages above */
	{ "interrupted",
	    "已中断" },
	{ "terminated",
	    "已终止" },
	{ "mxtrace verify: cannot open %s: %s\n",
	    "mxtrace verify：无法打开 %s：%s\n" },
	{ "mxtrace verify: the input's file name is empty: give the list's FILE, or - to read standard input\n",
	    "mxtrace verify：输入文件的文件名为空：请给出清单文件名，或用 - 读取标准输入\n" },
	{ "cannot open %s: %s",
	    "无法打开 %s：%s" },
	{ "cannot stat %s: %s",
	    "无法读取 %s 的文件信息：%s" },
	{ "cannot truncate %s: %s",
	    "无法截断 %s：%s" },
	{ "cannot repair %s: %s",
	    "无法修复 %s：%s" },
	{ "mxtrace verify: %s is a directory, not a list\n",
	    "mxtrace verify：%s 是一个目录，不是地址清单\n" },
	{ "mxtrace verify: cannot make a temporary file in %s: %s\n",
	    "mxtrace verify：无法在 %s 中创建临时文件：%s\n" },
	{ "mxtrace verify: cannot copy %s to a temporary file: %s\n",
	    "mxtrace verify：无法把 %s 复制到临时文件：%s\n" },
	{ "mxtrace verify: cannot write a temporary file in %s to keep the rows of %s: %s\n",
	    "mxtrace verify：无法在 %s 中写入临时文件来保存 %s 的各行：%s\n" },
	{ "mxtrace verify: %s: read as %s (%s)\n",
	    "mxtrace verify：%s：按 %s 编码读取（%s）\n" },
	{ "detected by its bytes; --encoding NAME if wrong",
	    "根据内容自动识别；如不对请用 --encoding 编码名" },
	{ "mxtrace verify: warning: %s row %lu holds more than %d addresses; only the first %d are checked\n",
	    "mxtrace verify：警告：%s 第 %lu 行有超过 %d 个地址；只检测前 %d 个\n" },
	{ "mxtrace verify: cannot read %s: %s\n",
	    "mxtrace verify：无法读取 %s：%s\n" },
	{ "mxtrace verify: %s holds no address\n",
	    "mxtrace verify：%s 中没有任何地址\n" },
	{ "mxtrace verify: %s is the input file: writing it would destroy the list\n",
	    "mxtrace verify：%s 就是输入文件：写入它会毁掉地址清单\n" },
	{ "mxtrace verify: --csv %s would overwrite the records (-o) or their .meta file: choose another name\n",
	    "mxtrace verify：--csv %s 会覆盖检测记录（-o）或其 .meta 文件：请换一个文件名\n" },
	{ "mxtrace verify: %s wants a number from %u to 100000, not '%s'\n",
	    "mxtrace verify：%s 需要 %u 到 100000 之间的数字，而不是“%s”\n" },
	{ "mxtrace verify: --encoding: cannot read '%s' (try GB18030, BIG5, SHIFT_JIS, UTF-16LE, UTF-8, WINDOWS-1252)\n",
	    "mxtrace verify：--encoding：不认识“%s”（可用 GB18030、BIG5、SHIFT_JIS、UTF-16LE、UTF-8、WINDOWS-1252）\n" },
	{ "mxtrace verify: --csv-delimiter wants , ; or tab, not '%s'\n",
	    "mxtrace verify：--csv-delimiter 只能是 , ; 或 tab，而不是“%s”\n" },
	{ "mxtrace verify: --retry-after wants a duration from 1s to 1h, like 30s or 5m, not '%s'\n",
	    "mxtrace verify：--retry-after 需要 1s 到 1h 之间的时长，例如 30s 或 5m，而不是“%s”\n" },
	{ "mxtrace verify: --sheet wants a sheet's name or a number from 1\n",
	    "mxtrace verify：--sheet 需要工作表的名称或从 1 起的序号\n" },
	{ "mxtrace verify: --sheet: %s is not an Excel workbook (.xlsx) but a CSV or text list, which has no sheets: leave --sheet out\n",
	    "mxtrace verify：--sheet：%s 不是 Excel 工作簿（.xlsx），而是 CSV 或文本清单，没有工作表：请去掉 --sheet\n" },
	{ "mxtrace verify: --column wants a column name or a number from 1, not '%s'\n",
	    "mxtrace verify：--column 需要列名或从 1 开始的列号，而不是“%s”\n" },
	{ "mxtrace verify: --max-wait wants a duration from 0s to 24h, like 20m or 2h, not '%s'\n",
	    "mxtrace verify：--max-wait 需要 0s 到 24h 之间的时长，例如 20m 或 2h，而不是“%s”\n" },
	{ "mxtrace verify: --shard wants K/N with 1 <= K <= N, not '%s'\n",
	    "mxtrace verify：--shard 需要 K/N（1 <= K <= N），而不是“%s”\n" },
	{ "mxtrace verify: one input FILE (or -) expected\n",
	    "mxtrace verify：需要一个输入文件（或 -）\n" },
	{ "mxtrace verify: %s needs -o FILE\n",
	    "mxtrace verify：%s 需要同时指定 -o 文件\n" },
	{ "mxtrace verify: --resume and --force contradict each other\n",
	    "mxtrace verify：--resume 和 --force 不能同时使用\n" },
	{ "\n  %lu {1|address|addresses} not checked yet: to check {1|it|them}, run this command (this run's options are in it):\n    %s\n",
	    "\n  还有 %lu 个地址尚未检测：要检测{1|它|它们}，请运行这条命令（本次运行的选项已在其中）：\n    %s\n" },
	{ "\n  %lu {1|address|addresses} not finished: the records went to standard output, so --resume cannot continue them; run again with -o FILE (then --resume works after an interruption)\n",
	    "\n  还有 %lu 个地址未完成：记录输出到了标准输出，无法用 --resume 继续；请加 -o 文件 重新运行（之后中断了可以用 --resume 继续）\n" },
	{ "mxtrace verify: cannot fsync the output: %s\n",
	    "mxtrace verify：无法把输出同步到磁盘：%s\n" },
	{ "mxtrace report: %s:%lu: no known verdict; record skipped\n",
	    "mxtrace report：%s:%lu：没有可识别的结论；已跳过该记录\n" },
	{ "mxtrace report: %s is not mxtrace JSON (%s): give the -o FILE of mxtrace verify (not its --csv or .meta) or the output of mxtrace probe --json\n",
	    "mxtrace report：%s 不是 mxtrace 的 JSON（%s）：请给出 mxtrace verify 的 -o 文件（不是它的 --csv 或 .meta），或 mxtrace probe --json 的输出\n" },
	{ "its first object is not a probe record",
	    "它的第一个对象不是检测记录" },
	{ "its first line is not a JSON object",
	    "它的第一行不是 JSON 对象" },
	{ "mxtrace report: %s: read error: %s\n",
	    "mxtrace report：%s：读取出错：%s\n" },
	{ "mxtrace report: %s: %lu {2|line|lines} skipped\n",
	    "mxtrace report：%s：跳过了 %lu 行\n" },
	{ "mxtrace report: --lang wants en or zh, not '%s'\n",
	    "mxtrace report：--lang 只能是 en 或 zh，而不是“%s”\n" },
	{ "mxtrace report: --details wants a number from 1 to 100000, not '%s'\n",
	    "mxtrace report：--details 需要 1 到 100000 之间的数字，而不是“%s”\n" },
	{ "mxtrace report: %zu {1|address|addresses} -> %s\n",
	    "mxtrace report：%zu 个地址 -> %s\n" },
	{ "mxtrace report: %s -> %s\n",
	    "mxtrace report：%s -> %s\n" },
	{ "usage: mxtrace verify [options] FILE|-",
	    "用法：mxtrace verify [选项] 文件|-" },
	{ "Probe every address of a list (one a line, CSV or Excel .xlsx with an email",
	    "检测清单中的每一个地址（每行一个，或带 email 列的 CSV 或 Excel .xlsx" },
	{ "column) and write one JSON record per address of every input row (JSON Lines,",
	    "工作簿），为每个输入行中的每个地址写一条 JSON 记录（JSON Lines，" },
	{ "write one JSON record per input row (JSON Lines, docs/json.md).",
	    "每个输入行写一条 JSON 记录（JSON Lines，docs/json.md）。" },
	{ "  -o, --output FILE      write the records to FILE (default: standard output);",
	    "  -o, --output 文件      把记录写入文件（默认：标准输出）；" },
	{ "                         FILE.meta records which input FILE was made from",
	    "                         文件.meta 记录它来自哪个输入" },
	{ "  --force                start FILE over when it is not empty",
	    "  --force                文件不为空时从头开始" },
	{ "  --resume               keep FILE's records, probe only the rows missing;",
	    "  --resume               保留文件中已有的记录，只检测缺少的行；" },
	{ "                         --csv, --csv-delimiter, --lang and --encoding of the",
	    "                         第一次运行的 --csv、--csv-delimiter、--lang 和 --encoding" },
	{ "                         first run are kept (FILE.meta) unless given again",
	    "                         会被沿用（记在 文件.meta），除非重新指定" },
	{ "  --csv FILE             also write a CSV (UTF-8 with BOM, one row per input",
	    "  --csv 文件             另外写一个 CSV（带 BOM 的 UTF-8，每个输入地址一行）：" },
	{ "                         address): summary, the input columns, verdict, stage,",
	    "                         概要、输入的各列、结论、阶段、" },
	{ "                         reason, reply_code, enhanced, reply_text, mx,",
	    "                         原因、回复码、增强码、回复内容、MX、" },
	{ "                         explanation, suggestion, role, disposable (needs -o)",
	    "                         说明、建议地址、角色邮箱、一次性邮箱（需要 -o）" },
	{ "  --csv-delimiter C      the CSV's separator: , (default) ; or tab",
	    "  --csv-delimiter C      CSV 的分隔符：,（默认）; 或 tab" },
	{ "                         (; for German or French Excel)",
	    "                         （德语或法语 Excel 用 ;）" },
	{ "  --column NAME|N        the address column of a CSV or .xlsx (default: header)",
	    "  --column 列名|N        CSV 或 .xlsx 中的地址列（默认：按表头识别）" },
	{ "  --sheet NAME|N         the sheet of an .xlsx to read, by name or by its",
	    "  --sheet 名称|N         要读取的 .xlsx 工作表：按名称，或按它在 Excel" },
	{ "                         place among the tabs Excel shows (default: the",
	    "                         标签栏中的位置（从 1 数起；默认：第一个" },
	{ "                         first with an address column)",
	    "                         有地址列的工作表）" },
	{ "  --encoding NAME        read the input as NAME (GB18030, BIG5, SHIFT_JIS,",
	    "  --encoding 编码名      按这个编码读取输入（GB18030、BIG5、SHIFT_JIS、" },
	{ "                         UTF-16LE, WINDOWS-1252 ...; default: detected)",
	    "                         UTF-16LE、WINDOWS-1252 等；默认：自动识别）" },
	{ "  --jobs N               SMTP sessions at once, overall",
	    "  --jobs N               同时进行的 SMTP 会话总数" },
	{ "                         (1 to 100000, default 100)",
	    "                         （1 到 100000，默认 100）" },
	{ "  --per-host N           SMTP sessions at once to one MX address",
	    "  --per-host N           对同一个 MX 地址同时进行的会话数" },
	{ "                         (1 to 100000, default 2)",
	    "                         （1 到 100000，默认 2）" },
	{ "  --proxy-jobs N         SMTP sessions at once through --proxy",
	    "  --proxy-jobs N         经由 --proxy 同时进行的会话数" },
	{ "                         (1 to 100000, default 20)",
	    "                         （1 到 100000，默认 20）" },
	{ "  --rate N               new sessions a minute to one MX address",
	    "  --rate N               每分钟对同一个 MX 地址新开的会话数" },
	{ "                         (0 to 100000; default 0: no limit)",
	    "                         （0 到 100000；默认 0：不限）" },
	{ "  --retry-after DURATION",
	    "  --retry-after 时长" },
	{ "                         retry temporary answers after this",
	    "                         临时失败的地址隔多久重试" },
	{ "                         (1s to 1h, default 5m)",
	    "                         （1s 到 1h，默认 5m）" },
	{ "  --max-wait DURATION    stop retrying an address after this",
	    "  --max-wait 时长        一个地址最多重试多久" },
	{ "                         (0s to 24h, default 20m)",
	    "                         （0s 到 24h，默认 20m）" },
	{ "  --shard K/N            only the domains of shard K of N (docs/sharding.md)",
	    "  --shard K/N            只检测 N 个分片中第 K 个的域名（docs/sharding.md）" },
	{ "  -q, --quiet            no progress, summary or notes (warnings",
	    "  -q, --quiet            不显示进度、汇总和提示（警告和错误" },
	{ "                         and errors are still said)",
	    "                         照常显示）" },
	{ "usage: mxtrace report [-o FILE] [--lang en|zh] [--title TEXT] [--details N]",
	    "用法：mxtrace report [-o 文件] [--lang en|zh] [--title 标题] [--details N]" },
	{ "                      FILE...",
	    "                      文件..." },
	{ "  -o, --output FILE   write the HTML report to FILE (default: report.html;",
	    "  -o, --output 文件   把 HTML 报告写入文件（默认：report.html；" },
	{ "                      \"-\" for standard output)",
	    "                      \"-\" 表示标准输出）" },
	{ "  --lang en|zh        language of the report (default: from LANG, else en)",
	    "  --lang en|zh        报告的语言（默认：按 LANG，否则英文）" },
	{ "  --title TEXT        the report's title",
	    "  --title 标题        报告的标题" },
	{ "  --details N         show the path of at most N addresses (1 to 100000,",
	    "  --details N         最多显示 N 个地址的投递路径（1 到 100000，" },
	{ "                      default 500; failed addresses first)",
	    "                      默认 500；失败的地址优先）" },
	{ "  -h, --help          this text",
	    "  -h, --help          显示本说明" },
	{ "  FILE...             JSON Lines from verify, probe --json, explain --json",
	    "  文件...             verify、probe --json、explain --json" },
	{ "                      or sender --json",
	    "                      或 sender --json 输出的 JSON Lines" },
	{ "                      (\"-\" reads standard input)",
	    "                      （\"-\" 表示读取标准输入）" },
	{ "detected",
	    "自动识别" },
	{ "no input file",
	    "没有指定输入文件" },
	{ "one ADDRESS expected",
	    "需要一个地址（只能一个）" },
	{ "invalid address: %s",
	    "地址无效：%s" },
	{ "DNS: %s",
	    "DNS 查询：%s" },
	{ "NXDOMAIN",
	    "域名不存在（NXDOMAIN）" },
	{ "SERVFAIL",
	    "域名服务器出错（SERVFAIL）" },
	{ "connection refused",
	    "连接被拒绝" },
	{ "connection timed out",
	    "连接超时" },
	{ "network is unreachable",
	    "网络不可达" },
	{ "no route to host",
	    "没有通往该主机的路由" },
	{ "connection reset by peer",
	    "连接被远端重置" },
	{ "self-signed certificate",
	    "自签名证书" },
	{ "self-signed certificate in certificate chain",
	    "证书链中有自签名证书" },
	{ "unable to get local issuer certificate",
	    "找不到签发者证书" },
	{ "unable to verify the first certificate",
	    "无法验证第一张证书" },
	{ "certificate has expired",
	    "证书已过期" },
	{ "certificate is not yet valid",
	    "证书尚未生效" },
	{ "hostname mismatch",
	    "主机名不匹配" },
	/* OpenSSL's words (net/tlserr.c): verification results, the
	 * queue's lines by reason (their code captured), the alerts */
	{ "unspecified certificate verification error",
	    "证书验证出错（原因未说明）" },
	{ "unable to get issuer certificate",
	    "找不到签发者证书" },
	{ "unable to get certificate CRL",
	    "取不到证书吊销列表（CRL）" },
	{ "unable to decrypt certificate's signature",
	    "无法解开证书的签名" },
	{ "unable to decode issuer public key",
	    "无法解读签发者的公钥" },
	{ "certificate signature failure",
	    "证书签名无效" },
	{ "format error in certificate's notBefore field",
	    "证书的生效时间（notBefore）格式错误" },
	{ "format error in certificate's notAfter field",
	    "证书的到期时间（notAfter）格式错误" },
	{ "certificate chain too long",
	    "证书链太长" },
	{ "certificate revoked",
	    "证书已被吊销" },
	{ "path length constraint exceeded",
	    "证书链超出路径长度限制" },
	{ "unsuitable certificate purpose",
	    "证书的用途不适合服务器" },
	{ "certificate not trusted",
	    "证书不受信任" },
	{ "certificate rejected",
	    "证书被拒绝" },
	{ "subject issuer mismatch",
	    "证书的签发者与上级证书不符" },
	{ "key usage does not include certificate signing",
	    "签发者证书不允许签发证书（密钥用途）" },
	{ "unhandled critical extension",
	    "证书含有无法处理的关键扩展" },
	{ "invalid non-CA certificate (has CA markings)",
	    "非 CA 证书带有 CA 标记，无效" },
	{ "invalid or inconsistent certificate extension",
	    "证书扩展无效或互相矛盾" },
	{ "permitted subtree violation",
	    "证书名称超出了上级证书允许的范围" },
	{ "excluded subtree violation",
	    "证书名称落在上级证书排除的范围内" },
	{ "path loop",
	    "证书链成环" },
	{ "IP address mismatch",
	    "IP 地址不匹配" },
	{ "EE certificate key too weak",
	    "服务器证书的密钥太弱" },
	{ "CA certificate key too weak",
	    "CA 证书的密钥太弱" },
	{ "CA signature digest algorithm too weak",
	    "CA 签名使用的摘要算法太弱" },
	{ "issuer certificate lookup error",
	    "查找签发者证书时出错" },
	{ "Cannot find certificate signature algorithm",
	    "不认识证书的签名算法" },
	{ "invalid CA certificate",
	    "CA 证书无效" },
	{ "Certificate public key has explicit ECC parameters",
	    "证书公钥使用了显式椭圆曲线参数（不安全）" },
	{ "certificate verification error %ld (%s)",
	    "证书验证错误 %ld（%s）" },
	{ "error:%s:SSL routines::wrong version number",
	    "服务器回应的不是 TLS（版本号错误，OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unknown protocol",
	    "服务器回应的不是 TLS（未知协议，OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unsupported protocol",
	    "服务器只支持本机不接受的 TLS 版本（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::no protocols available",
	    "没有可用的 TLS 版本（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::version too low",
	    "服务器的 TLS 版本太旧（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::no shared cipher",
	    "双方没有共同支持的加密套件（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::no ciphers available",
	    "没有可用的加密套件（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::no suitable signature algorithm",
	    "没有双方都接受的签名算法（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unexpected eof while reading",
	    "服务器在 TLS 握手中途断开了连接（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::certificate verify failed",
	    "证书验证失败（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::packet length too long",
	    "TLS 数据包过长，服务器发来的可能不是 TLS（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::record length mismatch",
	    "TLS 记录长度不符（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unexpected message",
	    "服务器发来了握手中不该出现的消息（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unexpected record",
	    "服务器发来了不该出现的 TLS 记录（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::decryption failed or bad record mac",
	    "解密失败或记录校验码错误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::dh key too small",
	    "服务器的 DH 密钥太短，不安全（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::ee key too small",
	    "服务器证书的密钥太短（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::ca key too small",
	    "CA 证书的密钥太短（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::ca md too weak",
	    "CA 签名的摘要算法太弱（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unsafe legacy renegotiation disabled",
	    "服务器不支持安全重协商，本机拒绝旧式重协商（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad key share",
	    "服务器的密钥交换数据有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad extension",
	    "服务器发来的 TLS 扩展有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::wrong curve",
	    "服务器选了本机未提供的椭圆曲线（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::legacy sigalg disallowed or unsupported",
	    "服务器用的旧式签名算法（如 SHA-1）本机不允许或不支持（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad signature",
	    "服务器的握手签名无效（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::wrong signature type",
	    "服务器用了本机未提供的签名类型（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::no shared signature algorithms",
	    "双方没有共同支持的签名算法（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::wrong cipher returned",
	    "服务器选了本机未提供的加密套件（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unknown cipher returned",
	    "服务器选了本机不认识的加密套件（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad ecpoint",
	    "服务器的椭圆曲线公钥有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad dh value",
	    "服务器的 DH 密钥交换数值有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unsupported elliptic curve",
	    "服务器选了本机不支持的椭圆曲线（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::wrong certificate type",
	    "服务器证书的类型不对（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::excessive message size",
	    "服务器发来的握手消息过大（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad packet length",
	    "TLS 数据包长度有误，服务器发来的可能不是 TLS（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::length mismatch",
	    "握手消息的长度不符（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::length too short",
	    "握手消息太短（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad length",
	    "握手消息的长度有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad record type",
	    "服务器发来了未知类型的 TLS 记录（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::wrong ssl version",
	    "服务器用的 TLS 版本与协商的不符（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::bad legacy version",
	    "服务器的 TLS 版本字段有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unexpected ccs message",
	    "服务器发来了不该出现的 ChangeCipherSpec 消息（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::unsolicited extension",
	    "服务器发来了本机没有请求的 TLS 扩展（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::renegotiation mismatch",
	    "服务器的重协商信息不符（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert unexpected message",
	    "服务器发来警报：收到意外的消息（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert bad record mac",
	    "服务器发来警报：记录校验码错误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert record overflow",
	    "服务器发来警报：记录过长（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert handshake failure",
	    "服务器发来警报：握手失败，双方可能没有共同支持的 TLS 版本或加密套件（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert bad certificate",
	    "服务器发来警报：证书有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert unsupported certificate",
	    "服务器发来警报：不支持的证书类型（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert certificate revoked",
	    "服务器发来警报：证书已被吊销（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert certificate expired",
	    "服务器发来警报：证书已过期（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert certificate unknown",
	    "服务器发来警报：证书无法接受（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert illegal parameter",
	    "服务器发来警报：参数不合法（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert unknown ca",
	    "服务器发来警报：不认识的证书颁发机构（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert access denied",
	    "服务器发来警报：拒绝访问（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert decode error",
	    "服务器发来警报：无法解读收到的消息（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert decrypt error",
	    "服务器发来警报：解密或签名验证失败（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert protocol version",
	    "服务器发来警报：不支持本机提供的 TLS 版本（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert insufficient security",
	    "服务器发来警报：本机提供的加密套件安全性不够（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert internal error",
	    "服务器发来警报：服务器内部错误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert inappropriate fallback",
	    "服务器发来警报：不当的版本回退（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert user cancelled",
	    "服务器发来警报：握手被取消（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert no renegotiation",
	    "服务器发来警报：拒绝重协商（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv13 alert missing extension",
	    "服务器发来警报：缺少必需的 TLS 扩展（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 unsupported extension",
	    "服务器发来警报：不支持的 TLS 扩展（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 unrecognized name",
	    "服务器发来警报：不认识所请求的主机名（SNI）（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv13 alert certificate required",
	    "服务器发来警报：要求客户端证书（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert no application protocol",
	    "服务器发来警报：没有共同支持的应用协议（ALPN）（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert decryption failed",
	    "服务器发来警报：解密失败（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert decompression failure",
	    "服务器发来警报：解压缩失败（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::sslv3 alert no certificate",
	    "服务器发来警报：没有证书（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert export restriction",
	    "服务器发来警报：出口限制（旧式弱加密）（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 certificate unobtainable",
	    "服务器发来警报：取不到证书（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 bad certificate status response",
	    "服务器发来警报：证书状态（OCSP）回应有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 bad certificate hash value",
	    "服务器发来警报：证书哈希值有误（OpenSSL 错误 %s）" },
	{ "error:%s:SSL routines::tlsv1 alert unknown psk identity",
	    "服务器发来警报：不认识的预共享密钥（PSK）身份（OpenSSL 错误 %s）" },
	{ "error:%s:system library::%s",
	    "系统错误（OpenSSL 错误 %s）：%s" },
	{ "error:%s:%s::%s",
	    "OpenSSL 错误 %s（%s）：%s" },
	{ "the certificate does not verify: %s",
	    "证书未通过验证：%s" },
	{ "the certificate does not verify: %s; %s",
	    "证书未通过验证：%s；%s" },
	/* where the chain stopped (record/result.c tls_where_text) */
	{ "issued by %s, which is not trusted here",
	    "签发者 %s 不受本机信任" },
	{ "issued by %s, which is not trusted here; the server sent no intermediate certificate",
	    "签发者 %s 不受本机信任；服务器没有发送中间证书" },
	{ "issued by %s, which is not trusted here; the server did not send it (a missing intermediate certificate)",
	    "签发者 %s 不受本机信任；服务器没有发送它（缺少中间证书）" },
	{ "at depth %d of the chain: %s",
	    "出错的是证书链第 %d 层：%s" },
	{ "TLS failed: %s",
	    "TLS 失败：%s" },
	{ "no answer (connection failed)",
	    "没有回应（连接失败）" },
	{ "the connection failed or closed early",
	    "连接失败或被提前关闭" },
	{ "the answer is larger than %zu bytes",
	    "回应超过了 %zu 字节" },
	{ "the answer's headers are invalid or too long",
	    "回应的头部无效或过长" },
	{ "cannot send the request",
	    "无法发出请求" },
	{ "(implicit MX) ",
	    "（无 MX 记录，使用域名本身）" },
	{ "  --resolver IP[%IF][@PORT]",
	    "  --resolver IP[%接口][@端口]" },
	{ "                         send all DNS queries to this server (default:",
	    "                         所有 DNS 查询都发往这台服务器（默认：" },
	{ "                         /etc/resolv.conf; %IF: a link-local one's interface)",
	    "                         /etc/resolv.conf；%接口：IPv6 链路本地地址的网络接口）" },
	{ "  --timeout DURATION     limit for each step: DNS, connect, each reply",
	    "  --timeout 时长         每一步的时限：DNS、连接、每条回复" },
	{ "                         (100ms to 10m, default 20s)",
	    "                         （100ms 到 10m，默认 20s）" },
	{ "  --deadline DURATION    limit for the whole probe of a domain",
	    "  --deadline 时长        检测一个域名的总时限" },
	{ "                         (100ms to 1h, default 2m)",
	    "                         （100ms 到 1h，默认 2m）" },
	{ "  --helo NAME            name sent in EHLO/HELO (default: this host's name)",
	    "  --helo 名称            EHLO/HELO 中使用的名称（默认：本机主机名）" },
	{ "  --mail-from ADDR       envelope sender (default: postmaster@HELO name;",
	    "  --mail-from 地址       信封发件人（默认：postmaster@HELO 名称；" },
	{ "                         \"\" for <>)",
	    "                         \"\" 表示 <>）" },
	{ "  --port N               connect to port N (1 to 65535) instead of 25",
	    "  --port N               连接端口 N（1 到 65535），而不是 25" },
	{ "  --allow-private        contact MX hosts with loopback/private addresses",
	    "  --allow-private        也连接本机或内网地址的 MX 主机" },
	{ "  --require-tls          fail (tls_failed) when STARTTLS is missing or fails",
	    "  --require-tls          没有 STARTTLS 或加密失败时判为失败（tls_failed）" },
	{ "  --no-tls               never use STARTTLS",
	    "  --no-tls               不使用 STARTTLS 加密" },
	{ "  --no-catch-all-check   do not test a random local part at the domain",
	    "  --no-catch-all-check   不检测随机地址（不做全收检测）" },
	{ "  --lang en|zh           language of explanations (default: from LANG)",
	    "  --lang en|zh           说明文字的语言（默认：按 LANG 环境变量）" },
	{ "                         reach port 25 through a SOCKS5 proxy on a server that",
	    "                         通过允许发信的服务器上的 SOCKS5 代理连接 25 端口" },
	{ "                         may send mail (port 1080 when left out; DNS stays",
	    "                         （不写端口即 1080；DNS 仍在本机查询；" },
	{ "                         here; MXTRACE_PROXY works too)",
	    "                         也可用环境变量 MXTRACE_PROXY）" },
	{ "  --proxy socks5://[USER:PASS@]HOST[:PORT]",
	    "  --proxy socks5://[USER:PASS@]HOST[:PORT]" },
	{ "  --source IP            connect from this local address",
	    "  --source IP            从本机的这个地址发起连接" },
	{ "  --trust-anchor FILE    DNSSEC trust anchor (default: $MXTRACE_TRUST_ANCHOR,",
	    "  --trust-anchor 文件    DNSSEC 信任锚（默认：$MXTRACE_TRUST_ANCHOR，" },
	{ "                         else /usr/share/dns/root.key)",
	    "                         否则用 /usr/share/dns/root.key）" },
	{ "  --no-dnssec            do not validate DNS answers (no DANE then)",
	    "  --no-dnssec            不验证 DNS 回应（也就不检查 DANE）" },
	{ "  -4, -6                 use only IPv4 or only IPv6 addresses of the MX hosts",
	    "  -4, -6                 只使用 MX 主机的 IPv4 或 IPv6 地址" },
	{ "  DURATION is a number with ms, s, m or h (30s, 2m); a bare number is seconds.",
	    "  时长是带 ms、s、m 或 h 的数字（30s、2m）；只写数字表示秒。" },
	{ "usage: mxtrace probe [options] ADDRESS",
	    "用法：mxtrace probe [选项] 地址" },
	{ "Walk the path a message to ADDRESS would take (DNS, MX, connect, banner,",
	    "沿着发往该地址的邮件会走的路径逐步检查（DNS、MX、连接、问候、" },
	{ "EHLO, STARTTLS, MAIL FROM, RCPT TO - never DATA) and say where it stops.",
	    "EHLO、STARTTLS、MAIL FROM、RCPT TO，从不发送 DATA），说明邮件会在哪一步被拦下。" },
	{ "  --json                 print one JSON object (docs/json.md), not the trace",
	    "  --json                 输出一个 JSON 对象（docs/json.md），而不是逐步记录" },
	{ "  --html FILE            also write a one-address HTML report to FILE",
	    "  --html 文件            另外把这个地址的 HTML 报告写入文件" },
	{ "  -h, --help             this text",
	    "  -h, --help             显示本说明" },
	{ "usage: mxtrace probe [options] ADDRESS       trace one address",
	    "用法：mxtrace probe [选项] 地址           检测一个地址" },
	{ "       mxtrace verify [options] FILE|-       verify a list (JSON Lines out)",
	    "      mxtrace verify [选项] 文件|-         检测整个地址清单（输出 JSON Lines）" },
	{ "       mxtrace report [options] FILE...      HTML report from JSON Lines",
	    "      mxtrace report [选项] 文件...        从 JSON Lines 生成 HTML 报告" },
	{ "       mxtrace explain [options] FILE...|-   read a bounce: what failed and why",
	    "      mxtrace explain [选项] 文件...|-     读懂退信：哪里失败、为什么" },
	{ "       mxtrace COMMAND --help                options of a command",
	    "      mxtrace 命令 --help                  查看某个命令的选项" },
	{ "       mxtrace --version                     the version",
	    "      mxtrace --version                    显示版本号" },
	/* mxtrace sender */
	{ "usage: mxtrace sender [options] DOMAIN|IP...",
	    "用法：mxtrace sender [选项] 域名|IP..." },
	{ "Check your own sending set-up: blocklists of the sending IPs and their",
	    "检查我们自己这一侧的发信设置：发信 IP 及其相邻地址是否上了黑名单，" },
	{ "neighbours, SPF, DMARC, DKIM, reverse DNS, whether bounces can come back,",
	    "SPF、DMARC、DKIM、反向解析（PTR），退信能否发回给我们，" },
	{ "and the Gmail/Yahoo/Microsoft sender rules. With a DOMAIN its sending IPs",
	    "以及 Gmail/Yahoo/Microsoft 对发件方的要求。只给域名时，发信 IP" },
	{ "come from SPF and MX; give the real outbound IP with --ip.",
	    "从 SPF 和 MX 推出；真正的出口 IP 请用 --ip 指定。" },
	{ "  --ip IP                a sending IP to check (repeatable; also positional)",
	    "  --ip IP                要检查的发信 IP（可重复；也可直接写在参数里）" },
	{ "  --dkim-selector NAME   the DKIM selector your mail is signed with (repeatable)",
	    "  --dkim-selector NAME   您的邮件签名所用的 DKIM 选择器（selector，可重复）" },
	{ "  --message FILE         a message you sent, as the recipient received it (or a",
	    "  --message FILE         我们发出的一封邮件，收件方收到时的原样（或引用了它的" },
	{ "                         bounce quoting one): its sending IP, HELO and DKIM",
	    "                         退信）：检查其中的发信 IP、HELO 和 DKIM" },
	{ "                         selector are checked; its domain when none is given",
	    "                         选择器；未给域名时也检查它的域名" },
	{ "                         (.eml, Outlook .msg or an mbox of it alone)",
	    "                         （.eml、Outlook 的 .msg，或只有这一封的 mbox）" },
	{ "  --spamhaus-key KEY     ask Spamhaus through its Data Query Service with KEY",
	    "  --spamhaus-key KEY     用密钥 KEY 通过 Spamhaus 的 Data Query Service 查询" },
	{ "  --dnsbl-list FILE      the blocklists to ask (default: dnsbl.json installed",
	    "  --dnsbl-list FILE      要查询的黑名单列表（默认：随 mxtrace 安装的" },
	{ "                         with mxtrace)",
	    "                         dnsbl.json 文件）" },
	{ "  --max-dns N            DNS queries in flight at once (1 to 256, default 256)",
	    "  --max-dns N            同时进行的 DNS 查询数（1 到 256，默认 256）" },
	{ "  --neighbours           also ask the sweep lists about the other addresses of",
	    "  --neighbours           同时向扫段类黑名单查询前 2 个 IP 所在 /24 网段" },
	{ "                         the first 2 IPs' /24 (at most 100 queries a second)",
	    "                         的其他地址（每秒最多 100 次查询）" },
	{ "  --no-inbound           do not probe postmaster@DOMAIN over SMTP (port 25",
	    "  --no-inbound           不通过 SMTP 检测 postmaster@域名（本机 25 端口" },
	{ "                         blocked here); its MX records are still checked",
	    "                         被封时用）；仍会检查它的 MX 记录" },
	{ "  --json                 one JSON object (docs/json.md) instead of the checklist",
	    "  --json                 输出一个 JSON 对象（见 docs/json.md），不输出检查清单" },
	{ "  --html FILE            also write the findings as an HTML page to FILE",
	    "  --html FILE            另把检查结果写成 HTML 网页，保存到 FILE" },
	{ "  The shared options below apply; --helo NAME also checks that NAME",
	    "  下面的通用选项同样适用；--helo NAME 还会检查 NAME" },
	{ "  resolves to the sending IP. --timeout bounds each DNS query, --deadline",
	    "  是否解析到发信 IP。--timeout 限制每次 DNS 查询的时间，--deadline" },
	{ "  the whole run.",
	    "  限制整个检查的时间。" },
	{ "at most 16 IPs (%s)",
	    "最多 16 个 IP（%s）" },
	{ "one DOMAIN at a time (%s is the second)",
	    "一次只能检查一个域名（%s 是第二个）" },
	{ "'%s' is an email address: give its domain alone (%s)",
	    "“%s”是邮箱地址：请只给出它的域名（%s）" },
	{ "'%s' is neither an IP address nor a domain name",
	    "“%s”既不是 IP 地址，也不是域名" },
	{ "'%s' is a web address: give its domain alone (%s)",
	    "“%s”是网址：请只给出它的域名（%s）" },
	{ "'%s' is a web address: give the mail domain, most likely %s (the name without \"www.\")",
	    "“%s”是网址：请给出邮件域名，多半是 %s（去掉 \"www.\" 的名字）" },
	{ "'%s' is an IP address in brackets, as a Received: line writes it: give the IP alone (%s)",
	    "“%s”是带方括号的 IP 地址（Received: 行里的写法）：请只给出 IP（%s）" },
	{ "'%s' is an IP address with a port: give the IP alone (%s)",
	    "“%s”是带端口的 IP 地址：请只给出 IP（%s）" },
	{ "cannot write %s",
	    "无法写入 %s" },
	{ "%s, the server replied %d%s%s",
	    "%s，服务器回复 %d%s“%s”" },
	{ "--ip %s: not an IP address",
	    "--ip %s：不是 IP 地址" },
	{ "--dkim-selector '%s': a DNS label, at most 16 of them",
	    "--dkim-selector “%s”：应是一个 DNS 标签，最多 16 个" },
	{ "--spamhaus-key '%s': the DQS key is one word",
	    "--spamhaus-key “%s”：DQS 密钥应是一个连续的词" },
	{ "--max-dns wants a number from 1 to 256, not '%s'",
	    "--max-dns 需要 1 到 256 之间的数字，而不是“%s”" },
	{ "a DOMAIN or an IP is expected",
	    "请给出一个域名或 IP" },
	/* jansson's words when json_load_file cannot open the file */
	{ "unable to open %s: %s",
	    "无法打开 %s：%s" },
	{ "mxtrace sender: cannot read the blocklists: %s\n",
	    "mxtrace sender：无法读取黑名单列表：%s\n" },
	{ "mxtrace sender: cannot read the providers: %s\n",
	    "mxtrace sender：无法读取邮箱服务商列表：%s\n" },
	/* mxtrace explain */
	{ "usage: mxtrace explain [options] FILE...|-",
	    "用法：mxtrace explain [选项] 文件...|-" },
	{ "Read a bounce (or a delay notice, an auto-reply, a spam complaint) and say",
	    "读一封退信（或延迟通知、自动回复、垃圾邮件投诉），说明每个" },
	{ "what happened to each recipient, whose side the problem is on and what to",
	    "收件人发生了什么、问题出在哪一方、该怎么处理；也可以读一封" },
	{ "do; read a delivered message (its Received: path, authentication and spam",
	    "已送达的邮件（它的 Received: 路径、身份验证和垃圾邮件相关" },
	{ "headers) and say how it travelled and why it went to spam.  FILE is a",
	    "邮件头），说明它经过了哪些服务器、为什么进了垃圾邮件箱。" },
	{ "message (.eml), an Outlook message (.msg), an mbox, a maildir or a",
	    "文件可以是单封邮件（.eml）、Outlook 邮件（.msg）、mbox、" },
	{ "folder of messages; - reads standard input: a message, an mbox or text",
	    "maildir 或放邮件的文件夹；- 表示读取标准输入：一封邮件、" },
	{ "pasted from a mail client (one - at most).",
	    "一个 mbox，或从邮件客户端粘贴的文字（- 最多一个）。" },
	{ "  --json                 one JSON object a message, one a line (docs/json.md);",
	    "  --json                 每封邮件输出一个 JSON 对象，每行一个（见 docs/json.md）" },
	{ "                         a forward of bounces: one for each bounce it attaches",
	    "                         （转发多封退信的邮件：所附的每封退信各输出一个）" },
	{ "  --probe                probe each failed recipient again: then vs now",
	    "  --probe                现在重新检测每个失败的收件人，对比当时和现在" },
	{ "  --headers-only         the input is a header block (\"show original\"): explain",
	    "  --headers-only         输入只是邮件头（“显示原始邮件”里复制的）：说明" },
	{ "                         the delivered message's path and spam verdict",
	    "                         已送达邮件的传递路径和垃圾邮件判定" },
	{ "  --folder spam|inbox    where you found a delivered message (Gmail, QQ and",
	    "  --folder spam|inbox    邮件是在垃圾邮件箱还是收件箱里找到的（Gmail、QQ 和" },
	{ "                         NetEase write no verdict of their own); the",
	    "                         网易不会在邮件头里写出自己的判定）；也可以写" },
	{ "                         folder's own name works too: junk, \xe5\x9e\x83\xe5\x9c\xbe\xe9\x82\xae\xe4\xbb\xb6, \xe6\x94\xb6\xe4\xbb\xb6\xe7\xae\xb1",
	    "                         文件夹自己的名字：junk、垃圾邮件、收件箱" },
	{ "  --redact               no subject and no addresses, only their domains",
	    "  --redact               隐去主题和邮箱地址，只显示域名" },
	{ "                         (not with --probe)",
	    "                         （不能与 --probe 同时使用）" },
	{ "Options for --probe and the language:",
	    "--probe 和语言相关的选项：" },
	{ "mxtrace %s: cannot write the output: %s\n",
	    "mxtrace %s：无法写出结果：%s\n" },
	{ "mxtrace explain: cannot write the output: %s\n",
	    "mxtrace explain：无法写出结果：%s\n" },
	{ "mxtrace explain: FILE or - expected\n",
	    "mxtrace explain：请给出文件名，或用 - 表示标准输入\n" },
	{ "mxtrace explain: --folder: \"spam\" (junk, \xe5\x9e\x83\xe5\x9c\xbe\xe9\x82\xae\xe4\xbb\xb6) or \"inbox\" (\xe6\x94\xb6\xe4\xbb\xb6\xe7\xae\xb1), not \"%s\"\n",
	    "mxtrace explain：--folder 只能是 \"spam\"（也可写 junk、垃圾邮件）或 \"inbox\"（也可写 收件箱），不能是 \"%s\"\n" },
	{ "%s: not a readable message",
	    "%s：不是可读的邮件" },
	/* mxtrace report's reader */
	{ "mxtrace report: %s:%lu: %s; line skipped\n",
	    "mxtrace report：%s 第 %lu 行：%s；已跳过这一行\n" },
	{ "mxtrace report: %s: more bad lines; counting them without a warning\n",
	    "mxtrace report：%s：还有更多无法读取的行；只计数，不再逐行提示\n" },
	{ "not valid JSON",
	    "不是有效的 JSON" },
	{ "not a JSON object",
	    "不是 JSON 对象" },
	{ "unfinished object",
	    "JSON 对象没有写完" },
	{ "line too long",
	    "这一行太长" },
	{ "object too long",
	    "JSON 对象太长" },
	{ "unfinished object at the end",
	    "文件末尾的 JSON 对象没有写完" },
	/* the data files of input/hints.c */
	{ "cannot read %s (%s): role accounts, disposable domains or typo suggestions are not checked (set MXTRACE_DATADIR to the folder of the data files)",
	    "无法读取 %s（%s）：不检查公共角色邮箱、一次性邮箱域名，也不给出拼写建议（请把 MXTRACE_DATADIR 设为数据文件所在的文件夹）" },
	/* mxtrace sender's checks */
	{ "%s.%s: no answer before the deadline",
	    "%s.%s：在截止时间前没有得到回应" },
	{ "%s.%s: DNS error",
	    "%s.%s：DNS 出错" },
	{ "no %s record at %s.%s",
	    "没有 %s 记录（%s.%s）" },
	{ "%s.%s: several or malformed %s records",
	    "%s.%s：%s 记录有多条或格式有误" },
	{ "_mta-sts.%s: one MTA-STS record (policy not fetched: --no-mta-sts)",
	    "_mta-sts.%s：有一条 MTA-STS 记录（未获取策略：--no-mta-sts）" },
	{ "HTTP %d redirect to %.200s refused: a policy must not be fetched through redirects (RFC 8461 3.3)",
	    "HTTP %d 重定向到 %.200s，已拒绝：策略不得通过重定向获取（RFC 8461 3.3）" },
	{ "HTTP %d redirect refused: a policy must not be fetched through redirects (RFC 8461 3.3)",
	    "HTTP %d 重定向，已拒绝：策略不得通过重定向获取（RFC 8461 3.3）" },
	{ "MTA-STS record id %s, but no valid policy: %s",
	    "MTA-STS 记录的 id 为 %s，但没有有效的策略：%s" },
	{ "MTA-STS policy mode none (switched off), max_age %ld s",
	    "MTA-STS 策略的 mode 为 none（已关闭），max_age %ld 秒" },
	{ "MTA-STS policy mode %s does not list the MX host %s (policy mx: %s)",
	    "MTA-STS 策略（mode %s）没有列出 MX 主机 %s（策略的 mx：%s）" },
	{ "MTA-STS policy mode %s, max_age %ld s, mx: %s",
	    "MTA-STS 策略：mode %s，max_age %ld 秒，mx：%s" },
	{ "TLS-RPT reports go to %s",
	    "TLS-RPT 报告发往 %s" },
	{ "_smtp._tls.%s: one TLS-RPT record",
	    "_smtp._tls.%s：有一条 TLS-RPT 记录" },
	{ "no answer before the deadline",
	    "在截止时间前没有得到回应" },
	{ "v= is not DKIM1",
	    "v= 不是 DKIM1" },
	{ "p= longer than %d characters",
	    "p= 超过 %d 个字符" },
	{ "no p= tag: not a DKIM key record",
	    "没有 p= 标签：这不是 DKIM 公钥记录" },
	{ "unknown key type k=%s",
	    "未知的密钥类型 k=%s" },
	{ "an ed25519 key must be 32 bytes",
	    "ed25519 密钥必须是 32 字节" },
	{ "p= is not a valid public key",
	    "p= 不是有效的公钥" },
	{ "a tag without '='",
	    "有一个标签缺少“=”" },
	{ "does not start with v=DMARC1",
	    "不是以 v=DMARC1 开头" },
	{ "empty record",
	    "记录是空的" },
	{ "no valid p= (none, quarantine or reject)",
	    "没有有效的 p=（应为 none、quarantine 或 reject）" },
	{ "\"%s\" missing or not a string of 1 to %zu bytes",
	    "\"%s\" 缺失，或不是 1 到 %zu 字节的字符串" },
	{ "codes/errors must be an array of at most %d ranges",
	    "codes/errors 必须是数组，最多 %d 个范围" },
	{ "a range needs \"from\" and \"to\" IPv4 addresses, in order",
	    "每个范围都需要按顺序给出 \"from\" 和 \"to\" 两个 IPv4 地址" },
	{ "%s: \"lists\" must be an array of 1 to %d lists",
	    "%s：\"lists\" 必须是数组，包含 1 到 %d 个黑名单" },
	{ "a list needs at least one code range",
	    "每个黑名单至少需要一个返回码范围" },
	{ "the list did not answer: %s",
	    "该黑名单没有回应：%s" },
	{ "answer %s is outside 127.0.0.0/8: not a DNSBL answer (a resolver that rewrites NXDOMAIN, or the list refuses this resolver); ask through a resolver of your own: --dnsbl-resolver ADDR, or --recursive",
	    "回应 %s 不在 127.0.0.0/8 内，不是黑名单的正常回应（可能是 DNS 服务器改写了 NXDOMAIN，或该黑名单拒绝这个 DNS 服务器查询）；请通过自己的 DNS 服务器查询：--dnsbl-resolver 地址，或 --recursive" },
	{ "answer %s: %s; ask through a resolver of your own: --dnsbl-resolver ADDR, or --recursive",
	    "回应 %s：%s；请通过自己的 DNS 服务器查询：--dnsbl-resolver 地址，或 --recursive" },
	{ "ask through a resolver of your own: --dnsbl-resolver ADDR, or --recursive",
	    "请通过自己的 DNS 服务器查询：--dnsbl-resolver 地址，或 --recursive" },
	{ "answer %s: %s",
	    "回应 %s：%s" },
	{ "--recursive and --dnsbl-resolver exclude each other",
	    "--recursive 和 --dnsbl-resolver 不能同时使用" },
	{ "--dnsbl-resolver %s: expected IP or IP@PORT (a link-local IPv6 address with an interface of this machine: fe80::1%%eth0)",
	    "--dnsbl-resolver %s：应为 IP 或 IP@端口（链路本地 IPv6 地址须带本机的网络接口：fe80::1%%eth0）" },
	{ "  --dnsbl-resolver ADDR  ask the blocklists through this resolver (IP[@PORT])",
	    "  --dnsbl-resolver ADDR  通过这个 DNS 服务器（IP 或 IP@端口）查询黑名单，" },
	{ "                         instead of --resolver: lists refuse public resolvers",
	    "                         而不用 --resolver：黑名单会拒绝公共 DNS" },
	{ "  --recursive            resolve the blocklist queries from this machine, from",
	    "  --recursive            由本机从根服务器开始递归解析黑名单查询" },
	{ "                         the root servers (no resolver in between)",
	    "                         （中间不经过任何 DNS 服务器）" },
	{ "answer %s is not a code this list documents",
	    "回应 %s 不是该黑名单公布的返回码" },
	{ "self-test failed: %s should be listed (RFC 5782 5) but the answer was %s",
	    "自检失败：%s 应当在黑名单上（RFC 5782 第 5 节），但回应是：%s" },
	{ "not listed",
	    "不在黑名单上" },
	{ "self-test failed: %s must not be listed (RFC 5782 5) but the answer was %s",
	    "自检失败：%s 不应在黑名单上（RFC 5782 第 5 节），但回应是：%s" },
	{ "%s: \"providers\" must be an array of at most %d",
	    "%s：\"providers\" 必须是数组，最多 %d 项" },
	{ "%s: provider %zu: a name and arrays of at most %d names",
	    "%s：第 %zu 个服务商：需要一个名称，以及最多 %d 个名称的数组" },
	{ "SPF include:%s",
	    "SPF 引用（include:%s）" },
	{ "%s (%s) is a private address: skipped (--allow-private checks it)",
	    "%s（%s）是内网地址：已跳过（加 --allow-private 才检查）" },
	{ "%s (--ip) is a private address, used only inside your network: receiving servers see your public sending IP; give that one",
	    "%s（--ip）是内网地址，只在您的网络内部使用：收件服务器看到的是您的公网发信 IP，请给出那个 IP" },
	{ "SPF range %s/%d (%s) is not listed address by address",
	    "SPF 网段 %s/%d（%s）不逐个地址列出" },
	{ "SPF range %s (%s, a /%d) is larger than /%d: not listed address by address; give --ip for the real sending IP",
	    "SPF 网段 %s（%s，/%d）比 /%d 还大：不逐个地址列出；请用 --ip 指定真正的发信 IP" },
	{ "byte 0x%02x at %zu: SPF records are printable ASCII",
	    "字节 0x%02x（位置 %zu）：SPF 记录只能是可打印的 ASCII 字符" },
	{ "more than %d terms",
	    "超过 %d 项" },
	{ "redirect= appears twice",
	    "redirect= 出现了两次" },
	{ "exp= appears twice",
	    "exp= 出现了两次" },
	/* the sender checklist's details (sender/checks.c) */
	{ "listed on %s (%s: %s)",
	    "在 %s 黑名单上（%s：%s）" },
	{ "listed on %s (%s)",
	    "在 %s 黑名单上（%s）" },
	{ "%zu more {1|code|codes} not shown",
	    "另有 %zu 个代码未列出" },
	/* a blocklist's codes and their meanings, "127.0.0.2: M; 127.0.0.4: N"
	 * (sender/checks.c): more specific than "%s (%s)", so a meaning with an
	 * aside in parentheses stays whole */
	{ "%s; 127.%s: %s",
	    "%s；127.%s：%s" },
	{ "127.%s: %s",
	    "127.%s：%s" },
	{ "; %zu more {1|code|codes} not shown",
	    "；另有 %zu 个代码未列出" },
	{ "listed on %s",
	    "在 %s 黑名单上" },
	{ "not listed on %s",
	    "不在 %s 黑名单上" },
	{ "policy listing only: %s",
	    "只是按策略列入（如动态 IP 段，不代表发过垃圾邮件）：%s" },
	{ "on a policy list: %s",
	    "被列入政策性名单：%s" },
	{ "policy listing only: %s; the domain's SPF record names this IP, so it sends to mail servers directly, and those that use this list refuse its mail",
	    "只是按策略列入（如动态 IP 段，不代表发过垃圾邮件）：%s；但域名的 SPF 记录列出了这个 IP，说明它直接向收件服务器发信，使用这个名单的收件服务器会拒收它的邮件" },
	{ "a code's scope is \"own\" or \"neighbours\", not \"%s\"",
	    "代码的 scope 只能是 \"own\" 或 \"neighbours\"，不能是 \"%s\"" },
	{ "not listed on the %zu {1|list|lists} asked; not supported for this address (no IPv6): %s",
	    "查询了 %zu 个黑名单，{1|没有列入|都没有列入}；以下黑名单不支持这个地址（不支持 IPv6）：%s" },
	{ "the %zu network {1|list does|lists do} not support this address (no IPv6): %s; its network was not checked",
	    "%zu 个网段黑名单不支持这个地址（不支持 IPv6）：%s；没有检查它所在的网段" },
	{ "not listed on the %zu {1|list|lists} asked",
	    "查询了 %zu 个黑名单，{1|没有列入|都没有列入}" },
	{ "the IP's network is not listed on the %zu network {1|list|lists} asked: %s; not supported for this address (no IPv6): %s",
	    "查询了 %zu 个网段黑名单，这个 IP 所在的网段{1|没有列入|都没有列入}：%s；以下网段黑名单不支持这个地址（不支持 IPv6）：%s" },
	{ "the IP's network is not listed on the %zu network {1|list|lists} asked: %s",
	    "查询了 %zu 个网段黑名单，这个 IP 所在的网段{1|没有列入|都没有列入}：%s" },
	{ "PTR lookup failed: %s",
	    "反向解析（PTR）查询失败：%s" },
	{ "no PTR record",
	    "没有 PTR 记录" },
	{ "%s looks like the name of a home or dynamic line (%s)",
	    "%s 看起来是家庭宽带或动态 IP 线路的名称（%s）" },
	{ "%s looks like a generic name (%s)",
	    "%s 看起来像运营商自动生成的通用主机名（%s）" },
	{ "%s resolves back to %s",
	    "%s 能正向解析回 %s" },
	{ "%s does not resolve back to %s",
	    "%s 不能正向解析回 %s" },
	{ "%s resolves to %s",
	    "%s 解析到 %s" },
	{ "%s resolves, but not to %s",
	    "%s 能解析，但不是解析到 %s" },
	{ "%s has no address",
	    "%s 没有 IP 地址" },
	{ "%s is not a fully qualified name (one label): not looked up",
	    "%s 不是完整域名（只有一段）：没有查询" },
	{ "%s is an address literal, not a name: not looked up",
	    "%s 是地址字面量，不是名称：没有查询" },
	{ "%s is an address literal, not a name, and not this IP: not looked up",
	    "%s 是地址字面量，不是名称，也不是这个 IP：没有查询" },
	{ "SPF of %s: pass (%s)",
	    "%s 的 SPF：通过（pass，%s）" },
	{ "SPF of %s: fail%s%s",
	    "%s 的 SPF：不通过（fail）%s%s" },
	{ "SPF of %s: permerror: %s",
	    "%s 的 SPF：记录有错误（permerror）：%s" },
	{ "SPF of %s: none: %s",
	    "%s 的 SPF：没有记录（none）：%s" },
	{ "SPF of %s: softfail: %s",
	    "%s 的 SPF：软失败（softfail）：%s" },
	{ "SPF of %s: softfail",
	    "%s 的 SPF：软失败（softfail）" },
	{ "SPF of %s: neutral: %s",
	    "%s 的 SPF：中立（neutral）：%s" },
	{ "SPF of %s: neutral",
	    "%s 的 SPF：中立（neutral）" },
	{ "SPF of %s: %s%s%s",
	    "%s 的 SPF：%s%s%s" },
	{ "SPF of %s: %s",
	    "%s 的 SPF：%s" },
	{ "DNS error",
	    "DNS 出错" },
	{ "%zu v=spf1 records: there must be one",
	    "有 %zu 条 v=spf1 记录：只能有一条" },
	{ "%u DNS-querying {1|term|terms} (include, a, mx, ptr, exists, redirect); the limit is %d",
	    "有 %u 项需要查询 DNS（include、a、mx、ptr、exists、redirect）；上限是 %d" },
	{ "%u {1|lookup|lookups} found nothing; the limit is %d",
	    "有 %u 次查询没有结果；上限是 %d" },
	{ "+all: every server on the internet may send as %s",
	    "+all：互联网上任何服务器都可以冒用 %s 发信" },
	{ "?all: others are neutral, not refused",
	    "?all：其他服务器只算“中立”，不会被拒绝" },
	{ "no all at the end: other servers get neutral",
	    "末尾没有 all：其他服务器只算“中立”" },
	{ "no DMARC record at _dmarc.%s",
	    "_dmarc.%s 上没有 DMARC 记录" },
	{ "more than one DMARC record at %s: receivers then apply no policy",
	    "%s 上有不止一条 DMARC 记录：收件方会因此不执行任何策略" },
	{ " (the organisational domain's)",
	    "（继承自上级主域名）" },
	{ "p=none: no protection",
	    "p=none：不起保护作用" },
	{ "p=none: reports only, no protection",
	    "p=none：只收报告，不起保护作用" },
	{ "p=%s on %d%% of failing mail only",
	    "p=%s 只对 %d%% 的未通过邮件生效" },
	{ "no rua=: no reports are asked for, and the policy none asks for nothing else: the record has no effect",
	    "没有 rua=：不要求报告，而策略 none 也不要求别的：这条记录不起作用" },
	{ "no rua=: no reports are asked for",
	    "没有 rua=：不要求报告" },
	{ "sp=none (the organisational domain's policy for its subdomains; its p=%s is for %s alone): reports only, no protection",
	    "sp=none（上级主域名给子域名的策略；它的 p=%s 只用于 %s 本身）：只收报告，不起保护作用" },
	{ "sp=%s (the organisational domain's policy for its subdomains; its p=%s is for %s alone) on %d%% of failing mail only",
	    "sp=%s（上级主域名给子域名的策略；它的 p=%s 只用于 %s 本身）只对 %d%% 的未通过邮件生效" },
	{ "sp=%s (the organisational domain's policy for its subdomains; its p=%s is for %s alone)",
	    "sp=%s（上级主域名给子域名的策略；它的 p=%s 只用于 %s 本身）" },
	{ "reports to %s are not authorized by %s._report._dmarc.%s (RFC 7489 7.1)",
	    "发往 %s 的报告没有得到 %s._report._dmarc.%s 的授权（RFC 7489 第 7.1 节）" },
	{ "revoked (empty p=)",
	    "已吊销（p= 为空）" },
	{ "no key, and the message (--message) is signed with this selector: receivers cannot verify its signature",
	    "没有密钥，而邮件（--message）正是用这个选择器签名的：收件方无法验证它的签名" },
	{ "no key at this selector (--dkim-selector): mail signed with it fails DKIM",
	    "这个选择器（--dkim-selector）下没有密钥：用它签名的邮件 DKIM 验证会失败" },
	{ "RSA %d bits: receivers ignore keys under 1024 bits",
	    "RSA %d 位：收件方会忽略短于 1024 位的密钥" },
	{ "RSA %d bits: 2048 is recommended",
	    "RSA %d 位：建议使用 2048 位" },
	{ "%s %d bits, t=y (testing: receivers may treat signatures as unsigned)",
	    "%s %d 位，t=y（测试模式：收件方可能把签名当作没有签名）" },
	{ "%zu {1|key|keys} found",
	    "找到 %zu 个密钥" },
	{ "no key found, but DNS gave no usable answer at %zu {1|selector|selectors} (of %zu tried)",
	    "没有找到密钥，但有 %zu 个选择器（共试了 %zu 个）没有得到可用的 DNS 回应" },
	{ "no key at the %zu {1|selector|selectors} tried (give --dkim-selector or --message)",
	    "试了 %zu 个选择器（selector）{1|，没有|都没有}找到密钥（请用 --dkim-selector 或 --message 指定）" },
	{ "no key at the %zu {1|selector|selectors} tried; the --message, a copy from the Sent folder, has no DKIM-Signature: it was kept before your server signs mail",
	    "试了 %zu 个选择器（selector）{1|，没有|都没有}找到密钥；--message 给出的是“已发送”文件夹里的副本，没有 DKIM-Signature：它是在服务器签名之前保存的" },
	{ "no key at the %zu {1|selector|selectors} tried, and the --message, as received, has no DKIM-Signature: your mail goes out unsigned",
	    "试了 %zu 个选择器（selector）{1|，没有|都没有}找到密钥，而 --message 给出的收到的邮件里也没有 DKIM-Signature：您的邮件发出时没有签名" },
	{ "the --message is signed by d=%s, not by %s: that signature does not count for DMARC (RFC 7489 3.1.1)",
	    "--message 的签名是 d=%s 的，不是 %s 的：DMARC 不认这个签名（RFC 7489 3.1.1）" },
	{ "%zu {1|key|keys} found, but the --message, as received, has no DKIM-Signature: your mail goes out unsigned",
	    "找到了 %zu 个密钥，但 --message 给出的收到的邮件里没有 DKIM-Signature：您的邮件发出时没有签名" },
	{ "no v=spf1 record",
	    "没有 v=spf1 记录" },
	{ "%s %d bits",
	    "%s %d 位" },
	{ "postmaster@%s is accepted: %s",
	    "postmaster@%s 可以收信：%s" },
	{ "postmaster@%s is refused: %s",
	    "postmaster@%s 被拒收：%s" },
	{ "postmaster@%s could not be checked from here: %s",
	    "从这里无法检查 postmaster@%s：%s" },
	{ "MX lookup failed: %s",
	    "MX 查询失败：%s" },
	{ "the domain does not exist",
	    "该域名不存在" },
	{ "null MX: the domain accepts no mail, so bounces and replies cannot come back",
	    "空 MX（null MX）：该域名不收任何邮件，所以退信和回复都无法发回来" },
	{ "no MX record: mail for %s goes to its A record, if any",
	    "没有 MX 记录：发往 %s 的邮件会投递到它的 A 记录（如果有）" },
	{ "MX hosts without any address",
	    "MX 主机都没有 IP 地址" },
	{ "MX hosts: %zu, their addresses: %zu (the hosts were not connected to)",
	    "%zu 台 MX 主机，%zu 个地址（没有实际连接这些主机）" },
	{ "Gmail (all senders)",
	    "Gmail（对所有发件方）" },
	{ "SPF or DKIM (one is enough): SPF %s, DKIM %s; PTR and forward DNS %s",
	    "SPF 或 DKIM（有一个通过即可）：SPF %s，DKIM %s；PTR 及正向解析%s" },
	{ "not found",
	    "没有找到" },
	{ "no sending IP found%s%s",
	    "没有找到发信 IP%s%s" },
	{ "a private address, used only inside your network: receiving servers see your public sending IP; give that one",
	    "内网地址，只在您的网络内部使用：收件服务器看到的是您的公网发信 IP，请给出那个 IP" },
	{ "%u of the %u other addresses of its /24 listed (%u without a usable answer)",
	    "所在 /24 网段的其他地址中，%u 个（共 %u 个）上了黑名单（%u 个没有可用的回应）" },
	/* what a session was doing (smtp/session.c), inside other messages */
	{ "connecting",
	    "正在连接" },
	{ "waiting for the SOCKS5 proxy",
	    "等待 SOCKS5 代理回应时" },
	{ "waiting for the banner",
	    "等待服务器问候时" },
	{ "waiting for the reply to EHLO",
	    "等待 EHLO 的回复时" },
	{ "waiting for the reply to HELO",
	    "等待 HELO 的回复时" },
	{ "waiting for the reply to STARTTLS",
	    "等待 STARTTLS 的回复时" },
	{ "in the TLS handshake",
	    "TLS 握手期间" },
	{ "waiting for the reply to EHLO after STARTTLS",
	    "STARTTLS 之后等待 EHLO 的回复时" },
	{ "waiting for the reply to MAIL FROM",
	    "等待 MAIL FROM 的回复时" },
	{ "waiting for the reply to RCPT TO",
	    "等待 RCPT TO 的回复时" },
	{ "waiting for the reply to RSET",
	    "等待 RSET 的回复时" },
	{ "idle, waiting for more work",
	    "空闲，等待下一项检测" },
	{ "waiting for the reply to QUIT",
	    "等待 QUIT 的回复时" },
	{ "finished",
	    "已结束" },
	/* replies that break SMTP's rules (smtp/reply.c) */
	{ "reply line longer than 4096 bytes",
	    "回复中有一行超过 4096 字节" },
	{ "reply has more than 256 lines",
	    "回复超过 256 行" },
	{ "reply longer than 65536 bytes",
	    "回复超过 65536 字节" },
	{ "reply line does not start with a code 200-559",
	    "回复行不是以 200–559 的回复码开头" },
	{ "reply code changed between lines of one reply",
	    "同一条回复的各行回复码不一致" },
	{ "reply code followed by neither a space nor '-'",
	    "回复码后面既不是空格也不是“-”" },
	{ "a bare CR inside a reply line",
	    "回复行中间有单独的 CR 字符" },
	{ "unassigned reply code",
	    "未定义的回复码" },
	/* DNS (dns/answer.c, dns/dnsplan.c) */
	{ "DNSSEC validation failed%s%s",
	    "DNSSEC 验证失败%s%s" },
	{ "malformed answer",
	    "DNS 回应格式错误" },
	{ "CNAME chain loops or is longer than %d",
	    "CNAME 链形成循环，或超过 %d 层" },
	{ "is an IP address, not a host name (RFC 5321 5.1)",
	    "是 IP 地址，不是主机名（RFC 5321 5.1）" },
	{ "is localhost: a way of saying the domain takes no mail, never a server to connect to",
	    "是 localhost：这表示该域名不收邮件，并不是可以连接的服务器" },
	{ "is not a host name (RFC 1123: letters, digits and hyphens, labels of at most 63)",
	    "不是合法的主机名（RFC 1123：只能有字母、数字和连字符，每段最多 63 个字符）" },
	{ "not a valid domain name",
	    "不是有效的域名" },
	{ "MX lookup: %s",
	    "MX 查询：%s" },
	{ "null MX (RFC 7505): the domain accepts no mail",
	    "空 MX（RFC 7505）：该域名不接收任何邮件" },
	{ "MX localhost: the domain accepts no mail",
	    "MX 指向 localhost：该域名不接收任何邮件" },
	{ "not an address literal",
	    "不是 IP 地址形式的域名（地址字面量）" },
	{ "address literal %s is not an IPv4 or IPv6 address",
	    "地址字面量 %s 不是 IPv4 或 IPv6 地址" },
	{ "no MX and no A/AAAA record",
	    "既没有 MX 记录，也没有 A/AAAA 记录" },
	{ "no MX host has an address",
	    "所有 MX 主机都没有 IP 地址" },
	/* addresses and lists (input/) */
	{ "domain label starts or ends with a hyphen",
	    "域名中有一段以连字符开头或结尾" },
	{ "domain is not a valid internationalised domain name",
	    "域名不是有效的国际化（中文等）域名" },
	{ "line longer than 65536 bytes: not read",
	    "这一行超过 65536 字节：未读取" },
	{ "record longer than 65536 bytes: not read",
	    "这一条记录超过 65536 字节：未读取" },
	/* TLS policies (engine/job.c) */
	{ "the MX host is not in the domain's MTA-STS policy",
	    "这台 MX 主机不在该域名的 MTA-STS 策略里" },
	{ "the session had no TLS, which the domain's MTA-STS policy requires",
	    "这次连接没有加密（TLS），而该域名的 MTA-STS 策略要求加密" },
	{ "its certificate does not verify for its name, which the domain's MTA-STS policy requires",
	    "它的证书与主机名验证不通过，而该域名的 MTA-STS 策略要求通过" },
	{ "its TLSA records failed DNSSEC validation",
	    "它的 TLSA 记录没有通过 DNSSEC 验证" },
	{ "it publishes DNSSEC-secure TLSA records but the session had no TLS",
	    "它发布了经 DNSSEC 保护的 TLSA 记录，但这次连接没有加密（TLS）" },
	{ "its certificate matches none of its DNSSEC-secure TLSA records",
	    "它的证书与它经 DNSSEC 保护的 TLSA 记录都不匹配" },
	/* sender: the providers' rules (sender/checks.c) */
	{ "Gmail and Yahoo (bulk senders)",
	    "Gmail 和 Yahoo（对群发者）" },
	{ "Microsoft Outlook.com (over 5,000 a day)",
	    "Microsoft Outlook.com（对每天发信超过 5,000 封的发件方）" },
	{ "SPF %s, DKIM %s, DMARC %s for %s",
	    "SPF %s，DKIM %s，DMARC %s（域名 %s）" },
	{ "SPF %s, DKIM (>= 1024 bits) %s, DMARC %s, PTR %s",
	    "SPF %s，DKIM（不少于 1024 位）%s，DMARC %s，PTR %s" },
	{ "not checked (no sending IP)",
	    "未检查（没有找到发信 IP）" },
	{ "not confirmed (the name does not resolve back)",
	    "未确认（名称不能正向解析回这个 IP）" },
	{ "unknown (no usable DNS answer)",
	    "未知（没有可用的 DNS 回答）" },
	{ "missing/failing",
	    "缺失或未通过" },
	{ "signed by another domain",
	    "由别的域名签名" },
	{ "failing",
	    "未通过" },
	{ "ok",
	    "正常" },
	{ "missing",
	    "缺失" },
	/* sender: SPF, why a result (sender/spf_eval.c) */
	{ "DNS error for the SPF record of %s: %s",
	    "查询 %s 的 SPF 记录时 DNS 出错：%s" },
	{ "%s has %zu v=spf1 records; there must be one",
	    "%s 有 %zu 条 v=spf1 记录；只能有一条" },
	{ "the SPF record of %s is longer than %d bytes",
	    "%s 的 SPF 记录超过 %d 字节" },
	{ "SPF record of %s: %s",
	    "%s 的 SPF 记录：%s" },
	{ "more than %d DNS lookups (at \"%s\")",
	    "DNS 查询超过 %d 次（在“%s”处）" },
	{ "a loop: %s%s in the record of %s names a record already being read (RFC 7208 5.2)",
	    "循环引用：%s%s（在 %s 的记录里）指向一条正在读取的记录（RFC 7208 5.2）" },
	{ "more than %d lookups found nothing (at \"%s\")",
	    "超过 %d 次查询没有结果（在“%s”处）" },
	{ "bad macro in \"%s\"",
	    "“%s”中的宏写错了" },
	{ "DNS error for %s %s: %s",
	    "查询 %s %s 时 DNS 出错：%s" },
	{ "mx of %s: more than %d MX hosts to look up",
	    "%s 的 mx：需要查询的 MX 主机超过 %d 台" },
	{ "include:%s is not a usable domain",
	    "include:%s 不是可用的域名" },
	{ "include:%s has no SPF record",
	    "include:%s 没有 SPF 记录" },
	{ "include/redirect nested more than %d deep",
	    "include/redirect 嵌套超过 %d 层" },
	{ "matched \"%s\" in the record of %s",
	    "匹配了“%s”（%s 的记录）" },
	{ "redirect=%s has no SPF record",
	    "redirect=%s 没有 SPF 记录" },
	/* evidence quoted in Authentication-Results form: data, kept as is */
	{ "dmarc=none header.from=%s",
	    "dmarc=none header.from=%s" },
	/* sender: SPF syntax (sender/spf_parse.c) */
	{ "bad modifier name",
	    "修饰符名称写错了" },
	{ "bad domain in redirect=",
	    "redirect= 里的域名写错了" },
	{ "bad domain in exp=",
	    "exp= 里的域名写错了" },
	{ "bad macro in a modifier",
	    "修饰符里的宏写错了" },
	{ "unknown mechanism",
	    "未知的机制" },
	{ "needs :domain",
	    "缺少“:域名”" },
	{ "bad ptr argument",
	    "ptr 的参数写错了" },
	{ "bad domain or CIDR length",
	    "域名或 CIDR 前缀长度写错了" },
	{ "bad CIDR length",
	    "CIDR 前缀长度写错了" },
	{ "needs an address",
	    "缺少 IP 地址" },
	{ "bad address",
	    "IP 地址写错了" },
	/* sender: SPF, the walk over includes (sender/spf_walk.c) */
	{ "\"%s\" in %s: %s has no MX record (a void lookup)",
	    "“%s”（%s 的记录）：%s 没有 MX 记录（空查询）" },
	{ "\"%s\" in %s: more than %d MX hosts (a permerror)",
	    "“%s”（%s 的记录）：MX 主机超过 %d 台（permerror，记录错误）" },
	{ "\"%s\" in %s: ptr is slow and discouraged (RFC 7208 5.5); some receivers ignore it",
	    "“%s”（%s 的记录）：ptr 很慢，RFC 7208 5.5 不建议使用；有些收件服务器会忽略它" },
	{ "\"%s\" in %s depends on the message (exists or a macro): its addresses cannot be listed",
	    "“%s”（%s 的记录）取决于具体邮件（exists 或宏）：无法列出它允许的地址" },
	{ "\"%s\" in %s: %s has no address (a void lookup)",
	    "“%s”（%s 的记录）：%s 没有 IP 地址（空查询）" },
	{ "%s:%s loops back to a record already being read",
	    "%s:%s 绕回到正在读取的记录，形成循环" },
	{ "includes nested more than %d deep",
	    "include 嵌套超过 %d 层" },
	{ "the SPF record of %s cannot be read: %s",
	    "无法读取 %s 的 SPF 记录：%s" },
	{ "%s:%s has no SPF record (a permerror)",
	    "%s:%s 没有 SPF 记录（permerror，记录错误）" },
	{ "%s has %zu v=spf1 records: receivers treat that as a permerror",
	    "%s 有 %zu 条 v=spf1 记录：收件服务器会当作记录错误（permerror）" },
	{ "the SPF record of %s has a syntax error: %s",
	    "%s 的 SPF 记录有语法错误：%s" },
	{ "%s has both all and redirect=: redirect= is never used",
	    "%s 同时有 all 和 redirect=：redirect= 永远不会生效" },
	{ "more than %d DNS-querying terms: the rest were not read",
	    "需要查询 DNS 的项超过 %d 个：其余的没有读取" },
	/* explain: a delivered message's headers (explain/delivered.c) */
	/* under dlv.cause.no_ptr, whose words gloss PTR already */
	{ "%s: PTR empty",
	    "%s：PTR 为空" },
	{ "no DKIM-Signature header",
	    "没有 DKIM-Signature 邮件头" },
	{ "%s has no reverse DNS name (by %s)",
	    "%s 没有反向解析名称（据 %s）" },
	/*
	 * lists joined by "; " and "NAME (CODE: MEANING)" items
	 * (sender/checks.c)
	 */
	{ "listed on: %s",
	    "在以下黑名单上：%s" },
	{ "%s (%s: %s)",
	    "%s（%s：%s）" },
	{ "%s; %s",
	    "%s；%s" },
	{ "%s (%s)",
	    "%s（%s）" },
	{ "%s: %s",
	    "%s：%s" },
	{ "unknown option: %s",
	    "未知的选项：%s" },
	{ "%s needs a value",
	    "%s 缺少值" },
	{ "unknown option: %s (for the file %s, write ./%s)",
	    "未知的选项：%s（如果是指文件 %s，请写成 ./%s）" },
	{ "%s takes no value",
	    "%s 不接受值" },
	{ "- (%s) is given more than once: it can be read only once",
	    "-（%s）给了不止一次：它只能读取一次" },
	{ "--%s is given twice, as '%s' and as '%s': give it once",
	    "--%s 给了两次，一次是“%s”，一次是“%s”：只能给一次" },
	/* common system errors (strerror) inside messages */
	{ "No such file or directory",
	    "文件或目录不存在" },
	{ "Permission denied",
	    "没有权限" },
	{ "Is a directory",
	    "这是一个目录" },
	{ "Not a directory",
	    "不是目录" },
	{ "No space left on device",
	    "磁盘空间不足" },
	/* getaddrinfo's errors (gai_strerror), as for the --proxy host */
	{ "Name or service not known",
	    "找不到这个名称" },
	{ "Temporary failure in name resolution",
	    "域名解析暂时失败" },
	{ "No address associated with hostname",
	    "这个主机名没有地址" },
	{ "Read-only file system",
	    "文件系统是只读的" },
	{ "File exists",
	    "文件已存在" },
	{ "Too many open files",
	    "打开的文件太多" },
	{ "Operation not permitted",
	    "不允许的操作" },
	{ "Connection refused",
	    "连接被拒绝" },
	{ "Connection timed out",
	    "连接超时" },
	{ "Network is unreachable",
	    "网络不可达" },
	{ "No route to host",
	    "没有到主机的路由" },
	{ "File name too long",
	    "文件名太长" },
	{ "Too many levels of symbolic links",
	    "符号链接层数太多" },
	/* the rest of syserr.c's errno and getaddrinfo words, and its
	 * frames for an error outside them (libc's words kept as detail) */
	{ "Interrupted system call",
	    "系统调用被中断" },
	{ "Input/output error",
	    "输入/输出错误（磁盘或设备出错）" },
	{ "No such device or address",
	    "没有这个设备或地址" },
	{ "Bad file descriptor",
	    "文件描述符无效（输出可能已被关闭）" },
	{ "Resource temporarily unavailable",
	    "资源暂时不可用（可能另一个程序正在使用）" },
	{ "Cannot allocate memory",
	    "内存不足" },
	{ "Device or resource busy",
	    "设备或资源正忙" },
	{ "Invalid cross-device link",
	    "不能跨设备移动文件" },
	{ "No such device",
	    "没有这个设备" },
	{ "Invalid argument",
	    "参数无效" },
	{ "Too many open files in system",
	    "整个系统打开的文件太多" },
	{ "Text file busy",
	    "文件正被执行，无法写入" },
	{ "File too large",
	    "文件太大" },
	{ "Illegal seek",
	    "无法在其中定位（这是管道或终端，不是普通文件）" },
	{ "Broken pipe",
	    "管道已断开（读取输出的程序已退出）" },
	{ "No locks available",
	    "没有可用的文件锁" },
	{ "Value too large for defined data type",
	    "数值太大，超出数据类型的范围" },
	{ "Invalid or incomplete multibyte or wide character",
	    "无效或不完整的多字节字符" },
	{ "Message too long",
	    "消息太长" },
	{ "Address family not supported by protocol",
	    "不支持这种地址类型（本机可能没有启用 IPv6）" },
	{ "Address already in use",
	    "地址已被占用" },
	{ "Cannot assign requested address",
	    "无法使用指定的地址（它不是本机的地址）" },
	{ "Network is down",
	    "网络已断开" },
	{ "Software caused connection abort",
	    "连接被本机中止" },
	{ "Connection reset by peer",
	    "连接被远端重置" },
	{ "No buffer space available",
	    "缓冲区空间不足" },
	{ "Transport endpoint is not connected",
	    "连接尚未建立" },
	{ "Host is down",
	    "主机已关闭" },
	{ "Stale file handle",
	    "文件句柄已失效（网络文件系统上的文件已被更改）" },
	{ "Disk quota exceeded",
	    "超出磁盘配额" },
	{ "Non-recoverable failure in name resolution",
	    "域名解析出现无法恢复的错误" },
	{ "Address family for hostname not supported",
	    "不支持这个主机名的地址类型" },
	{ "ai_family not supported",
	    "不支持这种地址类型" },
	{ "Servname not supported for ai_socktype",
	    "不支持这个服务名" },
	{ "Memory allocation failure",
	    "内存不足" },
	{ "system error %d (%s)",
	    "系统错误 %d（%s）" },
	{ "name lookup error %d (%s)",
	    "名称查询错误 %d（%s）" },
	/* libunbound's errors (dns/resolve.c dns_ub_text) */
	{ "out of memory",
	    "内存不足" },
	{ "socket error",
	    "套接字错误" },
	{ "syntax error",
	    "语法错误" },
	{ "server failure",
	    "服务器出错" },
	{ "could not fork",
	    "无法创建进程" },
	{ "setting change after finalize",
	    "设置在启用后不能再更改" },
	{ "initialization failure",
	    "初始化失败" },
	{ "error in pipe communication with async bg worker",
	    "与后台工作进程的管道通信出错" },
	{ "error reading from file",
	    "读取文件出错" },
	{ "error async_id does not exist",
	    "查询编号不存在" },
	{ "unknown error",
	    "未知错误" },
	/*
	 * the DNSBL answers (data/dnsbl.json "meaning", "advice") and provider
	 * names (data/providers.json)
	 */
	{ "SBL: Spamhaus staff saw spam sent from here or for this range: open its record on check.spamhaus.org, stop what it names (a hacked mailbox, a web form, a bulk mailing to bought addresses), then ask for removal there. If the range is your provider's, only the provider can have it removed.",
	    "SBL：Spamhaus 工作人员发现这里或这个网段发出过垃圾邮件：在 check.spamhaus.org 上打开它的记录，停止记录中指出的来源（被盗的邮箱、网站表单、向购买的地址群发），然后在那里申请移除。如果网段属于服务商，只有服务商才能申请移除。" },
	{ "CSS: mail from this address looked like spam to Spamhaus (often bulk mail to addresses that never asked for it, or a hacked account): stop it; the listing ends by itself some days later, or ask for removal at check.spamhaus.org.",
	    "CSS：Spamhaus 认为这个 IP 发出的邮件像垃圾邮件（常见原因：向没有订阅的地址群发，或账号被盗）：请停止这类发信；停止几天后会自动移除，也可以在 check.spamhaus.org 申请移除。" },
	{ "XBL: a computer or device behind this IP is infected or is an open proxy (not a spam complaint): run antivirus on every PC, check the router and anything reachable from the internet (cameras, NAS), let only the mail server send on port 25, then remove the listing at check.spamhaus.org (free, and at once when the cause is gone).",
	    "XBL：这个 IP 后面有电脑或设备中毒，或成了开放代理（不是垃圾邮件投诉）：给每台电脑查杀病毒，检查路由器和所有能从外网访问的设备（摄像头、NAS），只允许邮件服务器使用 25 端口发信，然后在 check.spamhaus.org 移除（免费，问题解决后立即生效）。" },
	{ "DROP: the whole network is hijacked or run by spammers: nothing on your side removes it, and moving to another server or address in the same network will not help; ask your provider for an address in another network.",
	    "DROP：整个网络被劫持或由发垃圾邮件的人控制：您这边做什么都无法移除，换到同一网络里的另一台服务器或另一个地址也没有用；请让服务商给您换一个其他网络的地址。" },
	{ "BCL: a server at this address controls a botnet: it is compromised; take it off the network, clean or reinstall it, then ask for removal at check.spamhaus.org.",
	    "BCL：这个 IP 上有服务器在控制僵尸网络，说明它已被入侵：请把它断网，清理或重装，然后在 check.spamhaus.org 申请移除。" },
	{ "Barracuda reputation: poor (spam seen from this address)",
	    "Barracuda 信誉：差（从这个 IP 收到过垃圾邮件）" },
	{ "CSS: this address itself sent low-reputation (snowshoe) mail, found automatically",
	    "CSS：这个 IP 本身发送过低信誉邮件（分散的雪鞋式群发），由系统自动发现" },
	{ "BCL: this address runs a botnet controller",
	    "BCL：这个 IP 上运行着僵尸网络控制服务器" },
	{ "DROP: the network around this address is a hijacked or criminal netblock",
	    "DROP：这个 IP 所在的网段被劫持或用于犯罪" },
	{ "CSS: snowshoe spam from this address or its range",
	    "CSS：这个 IP 或所在网段分散发送垃圾邮件（雪鞋式群发）" },
	{ "DROP: a hijacked or criminal network",
	    "DROP：被劫持或用于犯罪的网络" },
	{ "Mailspike reputation: bad to worst",
	    "Mailspike 信誉：差到极差" },
	{ "PBL: an end-user address range that should not send to mail servers directly",
	    "PBL：这是普通上网用户的 IP 段，不应直接向邮件服务器发信" },
	{ "SBL: a spam source or spam operation listed by Spamhaus staff (an SBL record can cover a whole range; its page on check.spamhaus.org says which)",
	    "SBL：被 Spamhaus 工作人员列入的垃圾邮件来源或垃圾邮件团伙（一条 SBL 记录可能覆盖整个网段，check.spamhaus.org 上的记录页面会说明）" },
	{ "SURBL refuses queries from this resolver",
	    "SURBL 拒绝来自这个 DNS 服务器的查询" },
	{ "Spamhaus rate limit exceeded for this resolver",
	    "这个 DNS 服务器对 Spamhaus 的查询超过了限额" },
	{ "Spamhaus refuses queries from public or open resolvers",
	    "Spamhaus 拒绝来自公共 DNS 或开放 DNS 服务器的查询" },
	{ "Spamhaus says an IP address was queried in the domain list",
	    "Spamhaus 表示：在域名黑名单里查询了 IP 地址" },
	{ "Spamhaus says the query was malformed (typo in the zone)",
	    "Spamhaus 表示：查询格式错误（黑名单区域名写错了）" },
	{ "URIBL refuses queries from this resolver (public resolver or too many queries)",
	    "URIBL 拒绝来自这个 DNS 服务器的查询（公共 DNS 或查询太多）" },
	{ "XBL: an infected or exploited machine sends from this address",
	    "XBL：有中毒或被入侵的电脑在用这个 IP 发信" },
	{ "an abused legitimate domain (spam links or redirects through it)",
	    "被滥用的正常域名（垃圾邮件里的链接或跳转用到了它）" },
	{ "listed by Mailspike as a spam source",
	    "被 Mailspike 列为垃圾邮件来源" },
	{ "reported by SpamCop users as a spam source",
	    "被 SpamCop 用户举报为垃圾邮件来源" },
	{ "spam trap hits from this address",
	    "这个 IP 向垃圾邮件陷阱地址发过信" },
	{ "the address block around this IP (its provider's allocation) has too many spam sources",
	    "这个 IP 所在的地址段（服务商分配的网段）里垃圾邮件来源太多" },
	{ "the domain is listed by SURBL (phishing, malware, spam or abused sites)",
	    "该域名被 SURBL 列入（钓鱼、恶意软件、垃圾邮件或被滥用的网站）" },
	{ "the domain is listed by URIBL (black, grey or red)",
	    "该域名被 URIBL 列入（black、grey 或 red 名单）" },
	{ "the domain is listed for spam, phishing, malware or botnet use",
	    "该域名因垃圾邮件、钓鱼、恶意软件或僵尸网络被列入" },
	{ "the whole network (the provider's AS) has too many spam sources",
	    "整个网络（服务商的自治系统 AS）里垃圾邮件来源太多" },
	{ "Tencent Exmail (QQ enterprise mail)",
	    "腾讯企业邮箱（Tencent Exmail）" },
	{ "Alibaba Mail (Aliyun qiye)",
	    "阿里企业邮箱（阿里云）" },
	{ "NetEase Qiye mail",
	    "网易企业邮箱" },
	{ "shared web hosting (cPanel, Plesk, DirectAdmin or a web host's server)",
	    "虚拟主机自带的共享邮箱（cPanel、Plesk、DirectAdmin 或主机商的服务器）" },
	{ "%s (from PTR %s)",
	    "%s（根据 PTR %s）" },
	{ "the IP's digits",
	    "含有 IP 地址的数字" },
	/* the rest of what mxtrace says (verify --help, errors, the report) */
	{ "write one JSON record per address of every input row (JSON Lines,",
	    "为每个输入行中的每个地址写一条 JSON 记录（JSON Lines，" },
	{ "docs/json.md); a cell may hold several addresses, and messy ones are",
	    "docs/json.md）；一个单元格可以有多个地址，写法不规范的地址会被" },
	{ "cleaned up (Name <addr>, mailto:, full-width ＠) and say so.",
	    "整理（Name <addr>、mailto:、全角 ＠），并注明改了什么。" },
	{ "                         --csv, --csv-delimiter, --lang, --encoding,",
	    "                         第一次的 --csv、--csv-delimiter、--lang、--encoding、" },
	{ "                         --column and --sheet of the first run are kept",
	    "                         --column 和 --sheet 会沿用下来（记在 文件.meta），" },
	{ "                         (FILE.meta) unless given again; refused when the",
	    "                         除非再次指定；改变结果的选项（--helo、--proxy 等）" },
	{ "                         options that change results (--helo, --proxy ...)",
	    "                         或 --column、--sheet 与第一次不同时" },
	{ "                         or --column, --sheet differ",
	    "                         拒绝继续" },
	{ "HELO name %s is not a FQDN",
	    "HELO 名称 %s 不是完整域名（FQDN）" },
	{ "not an address",
	    "不是邮箱地址" },
	{ "timeout %s",
	    "%s超时" },
	{ "--deadline %s passed while %s",
	    "总时限 --deadline %s 已到（%s）" },
	{ "--deadline %s passed while the DNS lookup of %s was still waiting for answers",
	    "总时限 --deadline %s 已到，而 %s 的 DNS 查询还在等待回应" },
	{ "mxtrace verify: --resume: %lu {1|record|records} that --deadline %s ended, probed again with --deadline %s\n",
	    "mxtrace verify：--resume：%lu 条记录在 --deadline %s 时限内未完成，现用 --deadline %s 重新检测\n" },
	{ "mxtrace verify: --resume: %lu {1|record|records} that --deadline %s to %s ended, probed again with --deadline %s\n",
	    "mxtrace verify：--resume：%lu 条记录在 --deadline %s 至 %s 的时限内未完成，现用 --deadline %s 重新检测\n" },
	{ "cannot rewrite %s without the records to probe again: %s",
	    "无法改写 %s 以去掉要重新检测的记录：%s" },
	{ "the proxy %s could not connect: %s (SOCKS reply %d)",
	    "代理 %s 无法连接：%s（SOCKS 回应码 %d）" },
	{ "general SOCKS server failure",
	    "SOCKS 代理服务器故障" },
	{ "network unreachable",
	    "网络不可达" },
	{ "host unreachable",
	    "主机不可达" },
	{ "TTL expired",
	    "TTL 已过期" },
	{ "command not supported",
	    "不支持这个命令" },
	{ "address type not supported",
	    "不支持这种地址类型" },
	{ "%s lookup: %s",
	    "%s 查询：%s" },
	{ "%s %s: STARTTLS: %s",
	    "%s %s：STARTTLS：%s" },
	{ "connection not allowed by ruleset",
	    "代理的规则不允许这个连接" },
	{ "no matching DANE TLSA records",
	    "没有匹配的 DANE TLSA 记录" },
	{ "the server refused STARTTLS",
	    "服务器拒绝了 STARTTLS" },
	{ "TLS is required and the server does not offer STARTTLS",
	    "要求加密（TLS），但服务器不提供 STARTTLS" },
	{ "Bulk folder",
	    "垃圾邮件箱（Bulk）" },
	/* the general forms: a more specific format wins (tr_best) */
	{ "mxtrace verify: warning: %s\n",
	    "mxtrace verify：警告：%s\n" },
	{ "mxtrace verify: %s: %s\n",
	    "mxtrace verify：%s：%s\n" },
	{ "mxtrace verify: %s\n",
	    "mxtrace verify：%s\n" },
	{ "mxtrace report: no records in the input: nothing to report (was the run stopped before its first result?)\n",
	    "mxtrace report：输入中没有任何记录，无法生成报告（是否在出第一个结果之前就停止了运行？）\n" },
	{ "mxtrace report: %s is an input: writing the report there would destroy it (choose another -o FILE)\n",
	    "mxtrace report：%s 是输入文件之一：把报告写到那里会毁掉它（请另选 -o 文件）\n" },
	{ "mxtrace report: %s: %s\n",
	    "mxtrace report：%s：%s\n" },
	{ "mxtrace report: %s is a directory, not a file of records\n",
	    "mxtrace report：%s 是一个目录，不是记录文件\n" },
	{ "mxtrace report: %s\n",
	    "mxtrace report：%s\n" },
	{ "mxtrace sender: %s\n",
	    "mxtrace sender：%s\n" },
	{ "mxtrace probe: %s\n",
	    "mxtrace probe：%s\n" },
	{ "mxtrace explain: warning: %s\n",
	    "mxtrace explain：警告：%s\n" },
	{ "mxtrace explain: %s\n",
	    "mxtrace explain：%s\n" },
};

struct catalog {
	const char			 *name;
	const char			 *delist;	/* around {url} */
	const char			**verdicts;
	const struct explain_row	 *explain;
	size_t				  nexplain;
	const struct label_row		 *labels;
	size_t				  nlabels;
	const struct reader_row		 *bounce;
	size_t				  nbounce;
	const char			 *our_domain;	/* {sender} without a domain */
};

static const struct catalog catalogs[LANG__LAST] = {
	[LANG_EN] = { "en", " ({url})", en_verdicts, en_explain,
	    NELEM(en_explain), en_labels, NELEM(en_labels), en_bounce,
	    NELEM(en_bounce), "YOUR-DOMAIN" },
	[LANG_ZH] = { "zh", "（{url}）", zh_verdicts, zh_explain,
	    NELEM(zh_explain), zh_labels, NELEM(zh_labels), zh_bounce,
	    NELEM(zh_bounce), "您的域名" },
};

/*
 * Where to look up and ask for removal, by a word in the list's name.
 * own: a list its owner keeps to itself, not published in the DNS, so
 * mxtrace sender's blocklist lookups cannot see it: the advice says the
 * page is the only place it shows (reader rows' action_own).
 */
static const struct {
	const char	*cue;
	const char	*url;
	int		 own;
} delist_urls[] = {
	{ "spamhaus",	"https://check.spamhaus.org", 0 },
	{ "abuseat",	"https://check.spamhaus.org", 0 },
	{ "barracuda",	"https://www.barracudacentral.org/rbl/removal-request", 0 },
	{ "spamcop",	"https://www.spamcop.net/bl.shtml", 0 },
	{ "proofpoint",	"https://ipcheck.proofpoint.com", 0 },
	/*
	 * Microsoft's delist portal for its banned sending IPs: Exchange
	 * Online's NDR list (5.7.606-5.7.649, "use the self-service portal
	 * to request removal"), a list of Microsoft's own
	 */
	{ "microsoft",	"https://sender.office.com", 1 },
	/*
	 * Outlook.com's (hotmail.com, live.com) own list, S3140/S3150: its
	 * delist form as Microsoft documents it ("The delisting form for
	 * Outlook.com, the consumer service", Microsoft Learn, "Remove
	 * yourself from the blocked senders list", learn.microsoft.com/
	 * en-us/defender-office-365/external-senders-use-the-delist-portal-
	 * to-unblock-yourself)
	 */
	{ "outlook.com",	"https://support.microsoft.com/supportrequestform/"
	    "8ad563e3-288e-2a61-8122-3ba03d6b8d75", 1 },
	{ "surbl",	"https://www.surbl.org/surbl-analysis", 0 },
	{ "uribl",	"https://admin.uribl.com/", 0 },
};

static const struct catalog *
catalog_get(enum lang l, const char *func)
{
	if ((int)l < 0 || l >= LANG__LAST)
		fatalx("%s: bad language %d", func, (int)l);
	return &catalogs[l];
}

/*
 * Copy tmpl with each "{key}" of keys[] replaced by vals[]; any other
 * brace is kept.  Two passes: measure, then fill.  The keys are compared
 * only at a byte one of them starts with (first[]), not at every byte.
 */
static char *
expand(const char *tmpl, const char *const keys[], const char *const vals[],
    size_t n)
{
	char *out = NULL;
	size_t len, i, pass, klen = 0;
	const char *p;
	unsigned char first[256];

	memset(first, 0, sizeof(first));
	for (i = 0; i < n; i++)
		first[(unsigned char)keys[i][0]] = 1;
	for (pass = 0; pass < 2; pass++) {
		len = 0;
		for (p = tmpl; *p != '\0';) {
			if (!first[(unsigned char)*p]) {
				if (out != NULL)
					out[len] = *p;
				len++;
				p++;
				continue;
			}
			/* compare a key only where its first byte stands */
			for (i = 0; i < n; i++) {
				klen = strlen(keys[i]);
				if (*p == keys[i][0] && strncmp(p, keys[i],
				    klen) == 0)
					break;
			}
			if (i < n) {
				if (out != NULL)
					memcpy(out + len, vals[i],
					    strlen(vals[i]));
				len += strlen(vals[i]);
				p += klen;
			} else {
				if (out != NULL)
					out[len] = *p;
				len++;
				p++;
			}
		}
		if (out == NULL)
			out = xmalloc(len + 1);
	}
	out[len] = '\0';
	return out;
}

/* The delist page of a list, NULL when none is known; *own: see above. */
static const char *
delist_url(const char *blocklist, int *own)
{
	size_t i, k, clen;

	if (own != NULL)
		*own = 0;
	for (i = 0; i < NELEM(delist_urls); i++) {
		clen = strlen(delist_urls[i].cue);
		for (k = 0; blocklist[k] != '\0'; k++)
			if (strncasecmp(blocklist + k, delist_urls[i].cue,
			    clen) == 0) {
				if (own != NULL)
					*own = delist_urls[i].own;
				return delist_urls[i].url;
			}
	}
	return NULL;
}

static const struct explain_row *
explain_find(const struct catalog *c, enum verdict v, enum reason r)
{
	const struct explain_row *fallback = NULL;
	size_t i;

	for (i = 0; i < c->nexplain; i++) {
		if (c->explain[i].verdict != (int)v)
			continue;
		if (c->explain[i].reason == (int)r)
			return &c->explain[i];
		if (c->explain[i].reason == REASON_ANY)
			fallback = &c->explain[i];
	}
	if (fallback == NULL)
		fatalx("%s: no explanation for %s in %s", __func__,
		    verdict_name(v), c->name);
	return fallback;
}

int
lang_from_name(const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < LANG__LAST; i++)
		if (strncasecmp(s, catalogs[i].name, 2) == 0 &&
		    (s[2] == '\0' || strchr("_-.@", s[2]) != NULL))
			return (int)i;
	return -1;
}

enum lang
lang_pick(const char *option)
{
	static const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;
	size_t i;
	int l;

	if (option != NULL && *option != '\0') {
		l = lang_from_name(option);
		return l < 0 ? LANG_EN : (enum lang)l;
	}
	/* POSIX precedence: the first one set decides, even if it is "C" */
	for (i = 0; i < NELEM(vars); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return lang_from_name(v) == LANG_ZH ? LANG_ZH : LANG_EN;
	return LANG_EN;
}

char *
catalog_explain(enum lang l, enum verdict v, enum reason r,
    const char *blocklist)
{
	static const char *const keys[] = { "{bl}", "{delist}" };
	static const char *const url_key[] = { "{url}" };
	const struct catalog *c = catalog_get(l, __func__);
	const struct explain_row *row;
	const char *vals[2], *url;
	char *delist, *out;
	int own;

	/* the names check the ranges (fatalx on a bad value) */
	(void)verdict_name(v);
	(void)reason_name(r);
	row = explain_find(c, v, r);
	if (row->text_bl == NULL || blocklist == NULL || *blocklist == '\0')
		return xstrdup(row->text);
	url = delist_url(blocklist, &own);
	delist = url != NULL ? expand(c->delist, url_key, &url, 1) :
	    xstrdup("");
	vals[0] = blocklist;
	vals[1] = delist;
	out = expand(own && row->text_own != NULL ? row->text_own :
	    row->text_bl, keys, vals, 2);
	free(delist);
	return out;
}

/*
 * The row for a reason in a reader's table.  The sender audience reads the
 * bounce rows until it has rows of its own.
 */
static const struct reader_row *
reader_find(const struct catalog *c, enum audience a, enum reason r)
{
	size_t i;

	if ((int)a < 0 || a >= AUDIENCE__LAST)
		fatalx("%s: bad audience %d", __func__, (int)a);
	(void)reason_name(r);
	for (i = 0; i < c->nbounce; i++)
		if (c->bounce[i].reason == (int)r)
			return &c->bounce[i];
	fatalx("%s: no %s text for reason %s", __func__, c->name,
	    reason_name(r));
}

char *
catalog_explain_for(enum lang l, enum audience a, enum verdict v,
    enum reason r, const char *blocklist)
{
	const struct catalog *c = catalog_get(l, __func__);

	if (a == AUDIENCE_PROBE)
		return catalog_explain(l, v, r, blocklist);
	(void)verdict_name(v);
	return xstrdup(reader_find(c, a, r)->text);
}

char *
catalog_action(enum lang l, enum audience a, enum verdict v, enum reason r,
    const char *blocklist, const char *our_domain)
{
	static const char *const keys[] = { "{bl}", "{delist}", "{sender}" };
	static const char *const url_key[] = { "{url}" };
	const struct catalog *c = catalog_get(l, __func__);
	const struct reader_row *row;
	const char *vals[3], *url, *tmpl;
	char *delist, *sender, *out;
	int own;

	(void)verdict_name(v);
	if (a == AUDIENCE_PROBE) {
		(void)reason_name(r);
		return xstrdup("");
	}
	row = reader_find(c, a, r);
	tmpl = row->action;
	url = NULL;
	if (row->action_bl != NULL && blocklist != NULL && *blocklist != '\0') {
		tmpl = row->action_bl;
		url = delist_url(blocklist, &own);
		if (own && row->action_own != NULL)
			tmpl = row->action_own;
	}
	delist = url != NULL ? expand(c->delist, url_key, &url, 1) :
	    xstrdup("");
	/* made only for a template that names it: most do not, and the
	 * printf cost a third of this call, made for every recipient */
	sender = strstr(tmpl, "{sender}") != NULL ?
	    catalog_sender_cmd(l, our_domain) : xstrdup("");
	vals[0] = blocklist != NULL ? blocklist : "";
	vals[1] = delist;
	vals[2] = sender;
	out = expand(tmpl, keys, vals, 3);
	free(delist);
	free(sender);
	return out;
}

char *
catalog_sender_cmd(enum lang l, const char *our_domain)
{
	const struct catalog *c = catalog_get(l, __func__);

	return xasprintf("mxtrace sender %s", our_domain != NULL &&
	    *our_domain != '\0' ? our_domain : c->our_domain);
}

const char *
catalog_verdict_label(enum lang l, enum verdict v)
{
	const struct catalog *c = catalog_get(l, __func__);

	(void)verdict_name(v);
	return c->verdicts[v];
}

/*
 * Label rows by key, then by place in the table (the first of equal keys
 * first).
 */
static int
label_cmp(const void *a, const void *b)
{
	const struct label_row *x = *(const struct label_row *const *)a;
	const struct label_row *y = *(const struct label_row *const *)b;
	int d = strcmp(x->key, y->key);

	return d != 0 ? d : x < y ? -1 : x > y;
}

/*
 * The row of a label key, NULL when there is none.  A report or a
 * delivered message's terminal text asks for labels thousands of times,
 * and a walk of the ~500 rows with strcmp was most of its time: each
 * table is sorted by key once (an index of row pointers, the table's own
 * order kept for catalog_label_key) and searched by halves.
 */
static const struct label_row *
label_find(const struct catalog *c, const char *key)
{
	static const struct label_row *en_sorted[NELEM(en_labels)];
	static const struct label_row *zh_sorted[NELEM(zh_labels)];
	static const struct label_row **const sorted[LANG__LAST] = {
		[LANG_EN] = en_sorted, [LANG_ZH] = zh_sorted,
	};
	static bool ready[LANG__LAST];
	const struct label_row **s = sorted[c - catalogs];
	size_t i, lo = 0, hi = c->nlabels, mid;

	if (!ready[c - catalogs]) {
		for (i = 0; i < c->nlabels; i++)
			s[i] = &c->labels[i];
		qsort(s, c->nlabels, sizeof(s[0]), label_cmp);
		ready[c - catalogs] = true;
	}
	if (key == NULL)
		return NULL;
	while (lo < hi) {	/* the first row whose key is not below key */
		mid = lo + (hi - lo) / 2;
		if (strcmp(s[mid]->key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nlabels && strcmp(s[lo]->key, key) == 0 ? s[lo] : NULL;
}

const char *
catalog_label(enum lang l, const char *key)
{
	const struct catalog *c = catalog_get(l, __func__);
	const struct label_row *r = label_find(c, key);

	if (r == NULL)
		fatalx("%s: no label \"%s\" in %s", __func__,
		    key ? key : "(null)", c->name);
	return r->text;
}

const char *
catalog_label_or(enum lang l, const char *key, const char *fallback)
{
	const struct label_row *r = label_find(catalog_get(l, __func__), key);

	return r != NULL ? r->text : fallback;
}

char *
catalog_label_with(enum lang l, const char *key, const char *name,
    const char *value)
{
	const char *vals[1] = { value };

	return expand(catalog_label(l, key), &name, vals, 1);
}

const char *
catalog_label_key(enum lang l, size_t i)
{
	const struct catalog *c = catalog_get(l, __func__);

	return i < c->nlabels ? c->labels[i].key : NULL;
}

char *
catalog_fmt(enum lang l, const char *key, size_t n, const char *const vals[])
{
	static const char *const keys[] = { "{1}", "{2}", "{3}", "{4}", "{5}",
	    "{6}", "{7}", "{8}", "{9}" };
	char *tmpl, *out;

	if (n > NELEM(keys))
		fatalx("%s: %zu values for \"%s\"", __func__, n, key);
	tmpl = plural_pick(catalog_label(l, key), vals, n);
	out = expand(tmpl, keys, vals, n);
	free(tmpl);
	return out;
}

/* One conversion of a printf format at p ("%s", "%zu", "%lld"...): its
 * length, 0 when p is not one ("%%" is not). */
static size_t
tr_conv(const char *p)
{
	size_t n = 1;

	if (p[0] != '%' || p[1] == '%')
		return 0;
	while (p[n] != '\0' && strchr("-+ #0123456789.*", p[n]) != NULL)
		n++;
	while (p[n] != '\0' && strchr("hlzjt", p[n]) != NULL)
		n++;
	return p[n] != '\0' && strchr("sdiuxXc", p[n]) != NULL ? n + 1 : 0;
}

static const struct tr_row *
tr_find(const char *msg)
{
	size_t i;

	for (i = 0; i < NELEM(tr_zh); i++)
		if (strcmp(tr_zh[i].en, msg) == 0)
			return &tr_zh[i];
	return NULL;
}

const char *
catalog_tr(enum lang l, const char *msg)
{
	const struct tr_row *t;

	(void)catalog_get(l, __func__);
	if (l == LANG_EN || (t = tr_find(msg)) == NULL)
		return msg;
	return t->zh;
}

const char *
catalog_tr_key(size_t i, const char **zh)
{
	if (i >= NELEM(tr_zh))
		return NULL;
	*zh = tr_zh[i].zh;
	return tr_zh[i].en;
}

/* Whether s[0..n) opens and closes its ASCII parentheses in pairs. */
static bool
tr_balanced(const char *s, size_t n)
{
	size_t i;
	int depth = 0;

	for (i = 0; i < n; i++) {
		depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
		if (depth < 0)
			return false;
	}
	return depth == 0;
}

/*
 * Match text against the English format fmt; each conversion captures the
 * shortest text (maybe empty) that lets the rest match, with its
 * parentheses in pairs when strict (so "A (x); B (y)" is not cut inside a
 * pair).  caps[] get (start, length).  Whether text[0..k) is in pairs is
 * kept as k grows (depth, unpaired), not counted again for each k: that
 * was quadratic in a long reply for each format that starts with "%s".
 */
static bool
tr_match(const char *fmt, const char *text, const char *caps[],
    size_t lens[], size_t ncap, size_t maxcap, bool strict)
{
	size_t n, k;
	bool paired, unpaired = false;
	int depth = 0;

	while (*fmt != '\0') {
		/* a plural choice: the text says one of its two forms */
		if (plural_at(fmt)) {
			const char *bar = strchr(fmt + 3, '|'), *end = strchr(bar + 1, '}');

			if (strncmp(text, fmt + 3, (size_t)(bar - fmt - 3)) == 0 &&
			    tr_match(end + 1, text + (bar - fmt - 3), caps, lens, ncap,
			    maxcap, strict))
				return true;
			return strncmp(text, bar + 1, (size_t)(end - bar - 1)) == 0 &&
			    tr_match(end + 1, text + (end - bar - 1), caps, lens, ncap,
			    maxcap, strict);
		}
		if ((n = tr_conv(fmt)) > 0) {
			if (ncap == maxcap)
				return false;
			k = fmt[n] == '\0' ? strlen(text) : 0;
			/* a line's last newline is a whole line's format's
			 * ("mxtrace explain: %s\n"), not the end of a
			 * sentence's ("%s: cannot keep a copy in %s to read:
			 * %s") */
			if (strict && k > 0 && text[k - 1] == '\n')
				return false;
			for (paired = tr_balanced(text, k);; k++) {
				caps[ncap] = text;
				lens[ncap] = k;
				if ((!strict || paired) &&
				    tr_match(fmt + n, text + k, caps, lens,
				    ncap + 1, maxcap, strict))
					return true;
				if (text[k] == '\0')
					return false;
				depth += text[k] == '(' ? 1 : text[k] == ')' ?
				    -1 : 0;
				unpaired = unpaired || depth < 0;
				paired = !unpaired && depth == 0;
			}
		}
		if (fmt[0] == '%' && fmt[1] == '%')
			fmt++;
		if (*fmt != *text)
			return false;
		fmt++;
		text++;
	}
	return *text == '\0';
}

/* The literal characters of a format: how specific a match on it is. */
static size_t
tr_literal_len(const char *fmt)
{
	size_t n = 0, k;

	while (*fmt != '\0') {
		if ((k = tr_conv(fmt)) > 0) {
			fmt += k;
			continue;
		}
		/* a plural choice counts as its shorter form */
		if (plural_at(fmt)) {
			const char *bar = strchr(fmt + 3, '|'), *end = strchr(bar + 1, '}');
			size_t one = (size_t)(bar - fmt - 3), other = (size_t)(end - bar - 1);

			n += one < other ? one : other;
			fmt = end + 1;
			continue;
		}
		fmt += fmt[0] == '%' && fmt[1] == '%' ? 2 : 1;
		n++;
	}
	return n;
}

/*
 * The row whose English format matches text, the most specific one (most
 * literal characters) when several do: "not listed on the %zu lists
 * asked" wins over "not listed on %s"; captures with their parentheses
 * in pairs first, any captures when no format matches so.  Captures in
 * caps[]/lens[].
 */
static const struct tr_row *
tr_best(const char *text, const char *caps[], size_t lens[])
{
	const char *c[9];
	size_t l[9], i, lit, best_lit = 0;
	const struct tr_row *best = NULL;
	int strict;

	for (strict = 1; strict >= 0 && best == NULL; strict--)
		for (i = 0; i < NELEM(tr_zh); i++) {
			/* a literal first character: only a text with it */
			if (tr_zh[i].en[0] != '%' && !plural_at(tr_zh[i].en) &&
			    tr_zh[i].en[0] != text[0])
				continue;
			if (strchr(tr_zh[i].en, '%') == NULL) {
				if (strcmp(tr_zh[i].en, text) == 0)
					return &tr_zh[i];
				continue;
			}
			lit = tr_literal_len(tr_zh[i].en);
			if (best != NULL && lit <= best_lit)
				continue;
			if (!tr_match(tr_zh[i].en, text, c, l, 0, 9, strict))
				continue;
			best = &tr_zh[i];
			best_lit = lit;
			memcpy(caps, c, sizeof(c));
			memcpy(lens, l, sizeof(l));
		}
	return best;
}

/*
 * text as a plain row (no conversion) says it with its first letter in
 * capitals: the session words an errno in lower case as a transcript
 * does ("connection reset by peer"), the catalogue as libc does
 * (base/syserr.c).  An owned copy of text when there is none.
 */
static char *
tr_lowered(const char *text)
{
	const struct tr_row *t;
	char *up;

	if (!islower((unsigned char)text[0]))
		return xstrdup(text);
	up = xstrdup(text);
	up[0] = (char)toupper((unsigned char)up[0]);
	t = tr_find(up);
	free(up);
	return xstrdup(t != NULL && strchr(t->en, '%') == NULL ? t->zh : text);
}

char *
catalog_tr_text(enum lang l, const char *text)
{
	const char *caps[9];
	size_t lens[9], k, n, len, used;
	const struct tr_row *row;
	const char *p;
	char *out, *arg, *targ, *zh, *vals[9];

	(void)catalog_get(l, __func__);
	if (l == LANG_EN || text == NULL)
		return xstrdup(text ? text : "");
	/* a DNS record (v=spf1, v=DMARC1; p=..., v=STSv1; id=...) is data,
	 * also after a finding's "NAME: ": its "; " are not our punctuation */
	if (strncmp(text, "v=", 2) == 0 && isalnum((unsigned char)text[2]))
		return xstrdup(text);
	if ((p = strstr(text, ": v=")) != NULL && isalnum((unsigned char)p[4])) {
		arg = xstrndup(text, (size_t)(p - text));
		targ = catalog_tr_text(l, arg);
		out = xasprintf("%s\xef\xbc\x9a%s", targ, p + 2);	/* ： */
		free(arg);
		free(targ);
		return out;
	}
	/* a certificate's name in OpenSSL's one-line form (/C=US/CN=R3) is
	 * data, whatever words it holds */
	if (text[0] == '/' && (k = strspn(text + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz")) > 0 && text[1 + k] == '=')
		return xstrdup(text);
	/* a verdict's JSON name in a sentence ("deliverable, the server
	 * replied 250"): its label, as everywhere else */
	if ((k = (size_t)verdict_from_name(text)) < VERDICT__LAST)
		return xstrdup(catalog_verdict_label(l, (enum verdict)k));
	/*
	 * a verdict's or a reason's English label in a sentence: its own words
	 */
	for (k = 0; k < VERDICT__LAST; k++)
		if (strcmp(text, en_verdicts[k]) == 0)
			return xstrdup(catalog_verdict_label(l, (enum verdict)k));
	for (k = 0; k < NELEM(en_labels); k++)
		if (strncmp(en_labels[k].key, "report.reason.", 14) == 0 &&
		    strcmp(text, en_labels[k].text) == 0)
			return xstrdup(catalog_label(l, en_labels[k].key));
	if ((row = tr_best(text, caps, lens)) == NULL)
		return tr_lowered(text);
	if (strchr(row->en, '%') == NULL)
		return xstrdup(row->zh);
	/*
	 * the Chinese's own choices ("都" for several) by the captured counts
	 */
	for (p = row->en, n = 0; *p != '\0' && n < 9; p++)
		if ((k = tr_conv(p)) > 0) {
			vals[n] = xstrndup(caps[n], lens[n]);
			n++;
			p += k - 1;
		} else if (p[0] == '%' && p[1] == '%')
			p++;
	zh = plural_pick(row->zh, (const char *const *)vals, n);
	for (k = 0; k < n; k++)
		free(vals[k]);
	/* render the translation with the captured (translated) text */
	len = strlen(zh) + strlen(text) * 4 + 1;
	out = xmalloc(len);
	used = 0;
	for (p = zh, k = 0; *p != '\0';) {
		if ((n = tr_conv(p)) > 0 && k < 9) {
			arg = xstrndup(caps[k], lens[k]);
			/* what the Chinese puts in quotes (a server's reply, a
			 * record, what the user typed) is quoted as it was */
			targ = p - zh >= 3 && memcmp(p - 3, "\xe2\x80\x9c", 3) == 0 ?
			    xstrdup(arg) : catalog_tr_text(l, arg);
			used += (size_t)snprintf(out + used, len - used, "%s",
			    targ);
			free(arg);
			free(targ);
			k++;
			p += n;
			if (used >= len)
				break;
			continue;
		}
		if (p[0] == '%' && p[1] == '%')
			p++;
		if (used + 1 < len)
			out[used++] = *p;
		p++;
	}
	out[used < len ? used : len - 1] = '\0';
	free(zh);
	return out;
}
