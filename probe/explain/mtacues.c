/*
 * mtacues.c - the sending MTA's own words about a failed delivery, each
 * naming the system that writes it.  The first match wins, so the
 * decisive notices come first.  A few words mean something only in one
 * system's own notice (qmail's "Unable to", OpenSMTPD's "Invalid domain
 * name"): those are scoped to that format (textfmt.c's name) and read
 * only there.
 *
 * Public: mtacue_reason_in().
 */
#include <string.h>

#include "base/memfind.h"
#include "explain/mtacues.h"

#define DECIDES	MTACUE_DECIDES	/* the words name the whole event */
#define GAVE_UP	MTACUE_GAVE_UP	/* the words name no cause, only the giving up */
#define ATTEMPT	MTACUE_ATTEMPT	/* a connection attempt failed */

static const struct {
	const char	*cue;
	enum reason	 reason;
	int		 flags;		/* MTACUE_*, mtacues.h */
} cues[] = {
	/*
	 * Notices of a provider's own (no remote reply behind them): Google
	 * Groups' "may not exist, or you may not have permission to post"
	 * (in English and Japanese), Gmail's "Send mail as" notice, IMail's
	 * "Invalid final delivery userid".
	 */
	{ "not have permission to post messages to the group",
	    REASON_SENDER_REJECTED, DECIDES },
	{ "グループにメッセージを投稿する権限がない", REASON_SENDER_REJECTED, DECIDES },
	{ "using the 'send mail as' feature",	REASON_SENDER_REJECTED, DECIDES },
	{ "invalid final delivery userid",	REASON_MAILBOX_UNKNOWN, DECIDES },
	/*
	 * cPanel's Exim configuration: its routers' cannot_route_message
	 * "The mail server could not deliver mail to a. The account or
	 * domain may not exist, they may be blacklisted, or missing the
	 * proper dns entries." -- no route to the domain, no remote reply;
	 * Exim's route.c failure under cPanel's words, which an unknown
	 * domain is (as "unrouteable address" below)
	 */
	{ "may not exist, they may be blacklisted, or missing the proper dns",
	    REASON_DOMAIN_NOT_FOUND, DECIDES },
	/*
	 * Exim's router failure for a recipient it found no route to (route.c
	 * "Unrouteable address", go-sisimai lhost/via-exim.go): its own
	 * verdict on the domain, no remote server asked.  Its dnslookup
	 * router declines alike for a domain the DNS does not know and for
	 * one with no MX and no address (HOST_FIND_FAILED); its source calls
	 * the failure an "unknown mail domain" (routers/dnslookup.c), so it
	 * is read as one: the address's domain to check for a typo
	 */
	{ "unrouteable address",		REASON_DOMAIN_NOT_FOUND, DECIDES },
	/*
	 * fml's refusal of a post from a non-member (textfmt.c), also in its
	 * "NOT MEMBER article from" notice (go-sisimai lhost/via-fml.go)
	 */
	{ "you are not a member of this mailing list", REASON_SENDER_REJECTED, DECIDES },
	{ "not member article from",		REASON_SENDER_REJECTED, DECIDES },
	/*
	 * fml: a post whose Message-ID it has seen (go-sisimai
	 * lhost/via-fml.go)
	 */
	{ "duplicated message-id",		REASON_MESSAGE_NOT_COMPLIANT, 0 },
	/*
	 * qmail-remote(8): "Sorry, I couldn't find a mail exchanger or IP
	 * address. (#5.4.4)" (perm_nomx(): the name exists, its DNS
	 * answered without MX and address; an unknown name is perm_dns(),
	 * "couldn't find any host named" below) -- the domain has neither.  A
	 * null MX (RFC 7505) looks the same to qmail, but so does a domain
	 * nobody set up for mail: what is known is that it has no mail
	 * server, not that it states it takes none (Sisimai's qmail:
	 * notaccept).
	 */
	{ "couldn't find a mail exchanger or ip address", REASON_DOMAIN_NO_MAIL, DECIDES },
	/*
	 * The connection, once made, was lost (Postfix smtp(8); RFC 3463
	 * X.4.2 "bad connection"): the cause, also when the sender then gave
	 * up on it
	 */
	{ "lost connection with",		REASON_CONNECTION_FAILED, DECIDES },
	/*
	 * The same in Exim's words (transports/smtp.c: "Remote host closed
	 * connection in response to end of data", "... to RCPT TO:<a>"): the
	 * server, once connected, closed the connection after a command
	 */
	{ "remote host closed connection",	REASON_CONNECTION_FAILED, DECIDES },
	/*
	 * The connection, once made, stopped answering (Postfix smtp(8),
	 * smtp_proto.c: "conversation with H[A] timed out while receiving
	 * the initial server greeting", "... while sending end of data --
	 * message may be sent more than once"): a cause past the connection
	 * attempt, as the lost connection above, also when the sender then
	 * gave up on it (its Status 4.4.2 "bad connection" names one too)
	 */
	{ "timed out while",			REASON_TIMEOUT, DECIDES },
	/*
	 * Loops first: a looping message also "gives up".  The MX points
	 * back at the sending host: Postfix smtp(8) "mail for D loops back
	 * to myself", Courier's "configuration error: mail loops back to
	 * myself (MX problem)." (module.esmtp/libesmtp.c); it names the
	 * whole event, past the "configuration error" before it, and comes
	 * before "mail loop", which its words hold too
	 */
	{ "loops back to myself",			REASON_MAIL_LOOP, DECIDES },
	{ "mail loop",					REASON_MAIL_LOOP, 0 },
	/*
	 * fml, the mailing-list manager (fml4 kern/fml.pl, go-sisimai
	 * lhost/via-fml.go): a post that already carries the list's own
	 * X-ML-Info ("fml <LIST> has detected a loop condition so that input
	 * mail has already our ML X-ML-Info: field") and one whose header
	 * names the list itself (LoopBackWarn's "Loop Back Warning:")
	 */
	{ "has detected a loop condition so that",	REASON_MAIL_LOOP, 0 },
	{ "loop back warning:",				REASON_MAIL_LOOP, 0 },
	{ "loop detected",				REASON_MAIL_LOOP, 0 },
	{ "too many hops",				REASON_MAIL_LOOP, 0 },
	{ "message looping",				REASON_MAIL_LOOP, 0 },
	{ "routing loop",				REASON_MAIL_LOOP, 0 },	/* RFC 3463 X.4.6 */
	{ "forwarding loop count exceeded",		REASON_MAIL_LOOP, 0 },
	/* Sendmail: an alias or .forward chain that loops */
	{ "aliasing/forwarding loop broken",		REASON_MAIL_LOOP, 0 },
	{ "hop count exceeded",				REASON_MAIL_LOOP, 0 },
	{ "too many \"received\" headers",		REASON_MAIL_LOOP, 0 },	/* Exim */
	{ "exceeded maximum hop count",			REASON_MAIL_LOOP, 0 },	/* Lotus Notes */
	{ "mail forwarding loop for",			REASON_MAIL_LOOP, 0 },	/* Postfix local(8) */
	{ "this message is looping",			REASON_MAIL_LOOP, 0 },	/* qmail-local(8) */
	/*
	 * Sisimai's documented systemerror text (go-sisimai
	 * reason/why-systemerror.go): the MX leads the message back
	 */
	{ "loop was found in the mail exchanger",	REASON_MAIL_LOOP, 0 },
	/* qmail-remote(8): the MX points back at the sending host */
	{ "although i'm listed as a best-preference mx", REASON_MAIL_LOOP, 0 },
	/*
	 * DNS, as the sender saw it.  Postfix smtp(8) opens every failed
	 * lookup with "Host or domain name not found. Name service error for
	 * name=d type=T: " and ends it with dns_strerror()'s words for the
	 * answer (smtp_addr.c, dns_strerror.c): "Host found but no data
	 * record of requested type" (NO_DATA) is an answer, not a failed
	 * lookup: the name exists with no MX and no address; "Host not
	 * found, try again" (TRY_AGAIN) a lookup that failed for now; "Host
	 * not found" (HOST_NOT_FOUND, NXDOMAIN) a name that does not exist;
	 * any other, a failed lookup
	 */
	{ "host found but no data record",		REASON_DOMAIN_NO_MAIL, 0 },	/* Postfix */
	{ "host not found, try again",			REASON_DNS_FAILURE, 0 },	/* Postfix */
	{ MEMFIND_PAIR("name service error for ", ": host not found"),
	    REASON_DOMAIN_NOT_FOUND, 0 },				/* Postfix */
	{ "name service error",				REASON_DNS_FAILURE, 0 },	/* Postfix */
	/*
	 * Gmail's DNS errors that name an answer: the domain does not exist,
	 * or it has no record to deliver to (go-sisimai lhost/via-gmail.go,
	 * also after "Address resolution of d. failed: "); any other "DNS
	 * Error:" is a failed lookup
	 */
	{ "dns error: domain name not found",		REASON_DOMAIN_NOT_FOUND, 0 },
	/*
	 * Gmail's DNS Error for a domain whose MX is RFC 7505's null MX
	 * ("... doesn't receive email according to the administrator:
	 * returned Null MX https://www.rfc-editor.org/info/rfc7505"): the
	 * domain's own answer that it takes no mail, not a failed lookup
	 */
	{ "returned null mx",				REASON_NULL_MX, 0 },
	{ "dns server returned answer with no data",	REASON_DOMAIN_NO_MAIL, 0 },
	{ "dns error:",					REASON_DNS_FAILURE, 0 },	/* Gmail */
	/*
	 * hMailServer's own bounce words (ExternalDelivery.cpp
	 * _HandleNoRecipientServers): its DNS answered and named no mail
	 * server ("No mail servers appear to exists for the recipient's
	 * address", with its advice to check the address's spelling: an
	 * unknown domain or one without mail, told as a misspelt one), or
	 * the lookup itself failed ("The DNS query has failed")
	 */
	{ "no mail servers appear to exist",		REASON_DOMAIN_NOT_FOUND, 0 },
	{ "the dns query has failed",			REASON_DNS_FAILURE, 0 },
	{ "responded with code nxdomain",		REASON_DNS_FAILURE, 0 },	/* Google Workspace */
	{ "had no relevant answers",			REASON_DNS_FAILURE, 0 },	/* Google Workspace */
	/*
	 * Sendmail's "Host unknown (Name server: d: no data known)" (err.c,
	 * NO_DATA: the name exists, no record): no mail server, before the
	 * words of an unknown domain it also holds
	 */
	{ "no data known",				REASON_DOMAIN_NO_MAIL, 0 },	/* Sendmail */
	{ "host unknown",				REASON_DOMAIN_NOT_FOUND, 0 },	/* Sendmail */
	/*
	 * Exim's dnslookup router on a null MX (RFC 7505): "an MX or SRV
	 * record indicated no SMTP service"; not RFC 5321's "554 No SMTP
	 * service here", a greeting that refuses the session
	 */
	{ "indicated no smtp service",			REASON_NULL_MX, 0 },	/* Exim */
	{ "host or domain name not found",		REASON_DOMAIN_NOT_FOUND, 0 },	/* Postfix */
	{ "dns lookup failure: host",			REASON_DOMAIN_NOT_FOUND, 0 },	/* dma: "... not found" */
	/*
	 * dma (net.c): "SMTP login to HOST failed", its relay refused the
	 * user name and password dma gave it: a login that works is wanted
	 */
	{ MEMFIND_PAIR("smtp login to ", " failed"),	REASON_LOGIN_REQUIRED, 0 },
	/*
	 * Outlook.com's "550 5.4.310 ... because the domain is not
	 * reachable": Microsoft documents 5.4.310 as "DNS domain <d> does
	 * not exist" (Exchange Online's NDR list), an unknown domain
	 */
	{ "domain is not reachable",			REASON_DOMAIN_NOT_FOUND, 0 },
	{ "all relevant mx records point to non-existent hosts", REASON_NO_ADDRESS, 0 },	/* Exim */
	/*
	 * Courier (module.esmtp/libesmtp.c): no MX host had an address it
	 * could connect to, so no connection was tried
	 */
	{ "did not find a suitable mx for a connection", REASON_NO_ADDRESS, 0 },
	/*
	 * Exim's route.c default, "unrouteable mail domain "d"": no router
	 * took the domain, an "unknown mail domain" in its dnslookup.c's words
	 */
	{ "unrouteable mail domain",			REASON_DOMAIN_NOT_FOUND, 0 },
	{ "network error on destination",		REASON_CONNECTION_FAILED, 0 },	/* OpenSMTPD */
	/*
	 * OpenSMTPD's own words (smtpd/mta.c, as listed in Sisimai's
	 * Lhost/OpenSMTPD.pm): no route, no MX, no source address
	 */
	{ "address family mismatch on destination",	REASON_CONNECTION_FAILED, 0 },
	{ "all routes to destination blocked",		REASON_CONNECTION_FAILED, DECIDES },
	{ "no valid route to",				REASON_CONNECTION_FAILED, 0 },
	{ "could not retrieve source address",		REASON_CONNECTION_FAILED, 0 },
	{ "temporary failure in mx lookup",		REASON_DNS_FAILURE, 0 },
	{ "bad dns lookup error code",			REASON_DNS_FAILURE, 0 },
	{ "could not retrieve credentials",		REASON_NOT_AUTHORIZED, 0 },
	/*
	 * OpenSMTPD's "No MX found for domain" (mta.c, DNS_ENOTFOUND: the
	 * name has no MX and no address to deliver to) and "No MX found for
	 * destination" (no MX of the relay usable): the domain has no mail
	 * server (go-sisimai reason/why-notaccept.go: notaccept), which says
	 * nothing of a null MX's stated refusal;
	 * "Destination seem to reject all mails" (every MX refused the
	 * session before any recipient): a refusal of the sending server,
	 * as any refusal at the greeting is (explain.c)
	 */
	{ "no mx found for",				REASON_DOMAIN_NO_MAIL, 0 },
	{ "destination seem to reject all mails",	REASON_REPUTATION_OR_RATE, 0 },
	/*
	 * Sisimai's documented networkerror texts (go-sisimai
	 * reason/why-networkerror.go)
	 */
	{ "unable to resolve route",			REASON_DNS_FAILURE, 0 },
	/*
	 * The resolver's and the kernel's words as MTAs quote them: Sendmail's
	 * "Host name lookup failure"; Postfix dns_lookup's "Malformed or
	 * unexpected name server reply" (older: "Malformed name server
	 * reply"; its TRY_AGAIN is with its other words above); Exchange
	 * 2003's "The DNS records for the destination computer could not be
	 * found"; glibc's gai_strerror(EAI_NONAME) "Name or service not
	 * known" (no such name); strerror(ENETUNREACH) and
	 * strerror(EHOSTUNREACH) below, with the failed connection attempts
	 */
	{ "host name lookup failure",			REASON_DNS_FAILURE, 0 },
	{ "malformed or unexpected name server reply",	REASON_DNS_FAILURE, 0 },
	{ "malformed name server reply",		REASON_DNS_FAILURE, 0 },
	{ "dns records for the destination computer could not be found",
	    REASON_DNS_FAILURE, 0 },
	{ "name or service not known",			REASON_DOMAIN_NOT_FOUND, 0 },
	/* Courier's own DNS words (Sisimai's Lhost/Courier.pm) */
	{ "dns lookup failed",				REASON_DNS_FAILURE, 0 },
	{ "this domain's dns violates rfc 1035",	REASON_REMOTE_SERVER_ERROR, 0 },
	/* the domain does not exist, in each system's words */
	{ "all host address lookups failed permanently", REASON_DOMAIN_NOT_FOUND, 0 },	/* Exim */
	/*
	 * qmail-remote's temp_dns(), a lookup that failed for now: "Sorry, I
	 * couldn't find any host by that name. (#4.1.2)" (its perm_dns() is
	 * "... any host named D. (#5.1.2)", the line below)
	 */
	{ "couldn't find any host by that name",	REASON_DNS_FAILURE, 0 },
	{ "couldn't find any host",			REASON_DOMAIN_NOT_FOUND, 0 },	/* qmail-remote perm_dns() */
	/*
	 * Exim's dnslookup router when the lookup did not finish, "host
	 * lookup did not complete" (routers/dnslookup.c, a DNS timeout or
	 * SERVFAIL, deferred)
	 */
	{ "host lookup did not complete",		REASON_DNS_FAILURE, 0 },
	/*
	 * Postfix smtp(8): "no MX host for D has a valid address record"
	 * (smtp_addr.c): the MX hosts have no address, as Exim's "all
	 * relevant MX records point to non-existent hosts"; its 5.4.4 "unable
	 * to route" says less
	 */
	{ "has a valid address record",			REASON_NO_ADDRESS, DECIDES },
	{ "illegal host/domain name found",		REASON_DOMAIN_NOT_FOUND, 0 },	/* Messaging Server */
	{ "as the remote domain doesnt exist",		REASON_DOMAIN_NOT_FOUND, 0 },	/* au one net (KDDI) */
	/*
	 * Google Workspace: "Your message wasn't delivered to a because the
	 * domain d couldn't be found. Check for typos or unnecessary spaces";
	 * its address form names the mailbox, which the classifier reads
	 */
	{ "couldn't be found. check for typos",		REASON_DOMAIN_NOT_FOUND, 0 },
	/* the recipient's mailbox, in the delivering system's words */
	{ "not listed in domino directory",		REASON_MAILBOX_UNKNOWN, 0 },	/* Domino */
	{ "non répertorié dans l'annuaire domino",	REASON_MAILBOX_UNKNOWN, 0 },	/* Domino, fr */
	{ "domino ディレクトリには見つかりません",	REASON_MAILBOX_UNKNOWN, 0 },	/* Domino, ja */
	/*
	 * Domino in Spanish, Notes in Japanese (go-sisimai lhost/via-domino.go,
	 * via-notes.go)
	 */
	{ "no se encuentra en el directorio de domino",	REASON_MAILBOX_UNKNOWN, 0 },
	{ "ディレクトリのリストにありません",		REASON_MAILBOX_UNKNOWN, 0 },
	/*
	 * Exchange 2003's own MSEXCH: lines (go-sisimai
	 * lhost/via-exchange2003.go): 00050311/000502CC it could not make the
	 * message an Internet one, 000D06B5 the recipient has no SMTP address
	 * ("No proxy for recipient") -- its own configuration
	 */
	{ "conversion to internet format failed",	REASON_CONTENT_FORMAT, 0 },
	{ "no proxy for recipient",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "cannot route mail to user",			REASON_RECIPIENT_FILTER, 0 },	/* Domino */
	{ "several matches found in domino directory",	REASON_REMOTE_SERVER_ERROR, 0 },
	/*
	 * Domino's router: "No route found to domain D from server S. Check
	 * Server, Connection and Domain documents in Name and Address book."
	 * (Microsoft KB Q174730 quotes it): no DNS lookup failed, its own
	 * routing documents name no path to D -- the reporting system's
	 * configuration, as its own advice says
	 */
	{ "no route found to domain",			REASON_REMOTE_SERVER_ERROR, 0 },
	/*
	 * The same router's failures to reach the next Domino server, as
	 * IBM's "Troubleshooting IBM Lotus Domino 8 mail routing issues"
	 * lists them: "No route found to server" (its Connection documents
	 * name no path), "Server is not a known TCPIP host" (the server's
	 * name did not resolve: check the DNS), "Server not responding" (no
	 * connection to it)
	 */
	{ "no route found to server",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "is not a known tcpip host",			REASON_DNS_FAILURE, 0 },
	{ "is not a known tcp/ip host",			REASON_DNS_FAILURE, 0 },
	{ "server not responding",			REASON_CONNECTION_FAILED, 0 },
	{ "no valid recipients for this mm",		REASON_MAILBOX_UNKNOWN, 0 },	/* Verizon (vzwpix) */
	{ "account is temporarily limited",		REASON_MAILBOX_DISABLED, 0 },	/* au (EZweb) */
	/*
	 * Local delivery agents' own words (as listed in Sisimai's MDA.pm):
	 * Dovecot, mail.local, maildrop, vmailmgr's vdeliver
	 */
	{ "not enough disk space",			REASON_MAILBOX_FULL, 0 },	/* Dovecot */
	{ "user missing home directory",		REASON_MAILBOX_UNKNOWN, 0 },	/* mail.local */
	{ "temporary file write error",			REASON_REMOTE_SERVER_ERROR, 0 },	/* mail.local */
	{ "cannot find system user",			REASON_MAILBOX_UNKNOWN, 0 },	/* maildrop */
	{ "invalid or unknown base user or domain",	REASON_MAILBOX_UNKNOWN, 0 },	/* vdeliver */
	{ "invalid or unknown virtual user",		REASON_MAILBOX_UNKNOWN, 0 },	/* vdeliver */
	{ "does not refer to a virtual user",		REASON_MAILBOX_UNKNOWN, 0 },	/* vdeliver */
	/* qmail-ldap's own words (Sisimai's Lhost/qmail.pm, X4.pm) */
	{ "mailaddress is administrativ",		REASON_MAILBOX_DISABLED, 0 },
	{ "exeeded the maximum size the user accepts",	REASON_MAILBOX_SIZE_LIMIT, 0 },
	{ "ldap server",				REASON_REMOTE_SERVER_ERROR, 0 },
	{ "ldap lookup",				REASON_REMOTE_SERVER_ERROR, 0 },
	{ "ldap attribute",				REASON_REMOTE_SERVER_ERROR, 0 },
	{ "automatic homedir creat",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "executing qmail-forward",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "too many results returned but needs to be unique", REASON_REMOTE_SERVER_ERROR, 0 },
	/* Exim's own refusals of a local delivery (deliver.c, transports) */
	{ "delivery to file forbidden",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "delivery to pipe forbidden",			REASON_REMOTE_SERVER_ERROR, 0 },
	{ "lmtp error after",				REASON_REMOTE_SERVER_ERROR, 0 },
	{ "local delivery failed",			REASON_REMOTE_SERVER_ERROR, 0 },
	/*
	 * The shell's own words when a delivery program named in a .qmail
	 * or .forward file cannot start ("/bin/sh: prog: bad interpreter: No
	 * such file or directory", as go-sisimai lhost/via-qmail.go lists
	 * it): the recipient's delivery program failed
	 */
	{ "bad interpreter: no such file or directory",	REASON_MAILER_ERROR, 0 },
	/*
	 * Giving up after retries.  After every cause above, which decides
	 * when the notice names it beside the giving up (a lost connection,
	 * DNS, a loop, the mailbox: the root cause over "expired", as RFC
	 * 3463 X.4.7 asks of a code); before the failed connection attempts
	 * below, which are what a sender gives up on.  Sendmail's
	 * queue-return notices ("Cannot send message for 5 days";
	 * "Deferred: Connection refused by h. Message could not be
	 * delivered for 8 hours. Message will be deleted from queue");
	 * Postfix qmgr(8)'s "delivery temporarily suspended: <the last
	 * failure>" for a destination it marked dead, returned at
	 * maximal_queue_lifetime.
	 */
	{ "cannot send message for",			REASON_EXPIRED, GAVE_UP },
	{ "could not be delivered for",			REASON_EXPIRED, GAVE_UP },
	{ "message will be deleted from queue",		REASON_EXPIRED, GAVE_UP },
	{ "delivery temporarily suspended",		REASON_EXPIRED, GAVE_UP },
	{ "retry timeout exceeded",			REASON_EXPIRED, GAVE_UP },	/* Exim */
	{ "all hosts have been failing for a long time", REASON_EXPIRED, GAVE_UP },	/* Exim */
	{ "was not delivered within",			REASON_EXPIRED, GAVE_UP },	/* Sendmail's warning text */
	{ "retry time not reached for any host",	REASON_EXPIRED, GAVE_UP },	/* Exim */
	{ "could not deliver for the last",		REASON_EXPIRED, GAVE_UP },	/* DragonFly */
	{ "giving up",					REASON_EXPIRED, GAVE_UP },
	{ "message expired",				REASON_EXPIRED, GAVE_UP },	/* Amazon SES */
	/*
	 * Exchange 2007 and later: "550 4.4.7 QUEUE.Expired" (go-sisimai
	 * lhost/via-exchange2007.go)
	 */
	{ "queue.expired",				REASON_EXPIRED, GAVE_UP },
	/*
	 * qmail-send(8): "I'm not going to try again; this message has been
	 * in the queue too long." -- after the last deferral, which names the
	 * cause when it is one of the causes above it
	 */
	{ "has been in the queue too long",		REASON_EXPIRED, GAVE_UP },
	{ "delivery time expired",			REASON_EXPIRED, GAVE_UP },
	{ "delivery expired",				REASON_EXPIRED, GAVE_UP },
	{ "did not accept our requests to connect",	REASON_EXPIRED, 0 },	/* Gmail */
	{ "message timed out",				REASON_EXPIRED, GAVE_UP },
	{ "too long in the queue",			REASON_EXPIRED, GAVE_UP },
	{ "envelope expired",				REASON_EXPIRED, GAVE_UP },	/* OpenSMTPD */
	{ "has been frozen",				REASON_EXPIRED, GAVE_UP },	/* Exim */
	{ "was frozen on arrival",			REASON_EXPIRED, GAVE_UP },	/* Exim */
	/*
	 * Postfix smtp(8) defers "connect to H[A]:25: Connection timed out",
	 * Sendmail "Deferred: Connection timed out with H" (err.c); a bounce
	 * carrying them was returned at the end of the queue lifetime.
	 * Exchange documents 4.4.1 "connection timed out" the same way:
	 * retried, then returned; go-sisimai reason/why-expired.go lists the
	 * words as expired, and its corpus reads Postfix's so.
	 */
	{ "connection timed out",			REASON_EXPIRED, 0 },
	/*
	 * Apache James RemoteDelivery, past maxRetries: "Too many retries
	 * failure. Bouncing after N retries."
	 */
	{ "too many retries failure",			REASON_EXPIRED, GAVE_UP },
	/* Zoho Mail's own give-up words: "Host not reachable" */
	{ "host not reachable",				REASON_EXPIRED, 0 },
	/*
	 * Sisimai's Reason/Expired.pm: "... was not reachable within the
	 * allowed queue period"
	 */
	{ "not reachable within the allowed queue period", REASON_EXPIRED, GAVE_UP },
	/*
	 * Sisimai's documented expired texts (go-sisimai reason/why-expired.go)
	 */
	{ "could not find a gateway for",		REASON_EXPIRED, 0 },
	{ "failed to deliver to domain",		REASON_EXPIRED, GAVE_UP },
	{ "have been failing for a long time",		REASON_EXPIRED, GAVE_UP },
	{ "it has not been collected after",		REASON_EXPIRED, GAVE_UP },
	{ "server did not respond",			REASON_EXPIRED, 0 },
	{ "unable to deliver message after multiple retries", REASON_EXPIRED, GAVE_UP },
	/*
	 * A connection attempt that failed: refused, no route, never
	 * established (RFC 3463 X.4.1 "no answer from host", which a sender
	 * that gave up reports as its expiry).  With words of the giving up
	 * (above) the notice reads "expired", in every system's words alike
	 * (qmail-send's "Sorry, I wasn't able to establish an SMTP
	 * connection. (#4.4.1) I'm not going to try again; this message has
	 * been in the queue too long.", Sendmail's "Deferred: Connection
	 * refused by h. Message could not be delivered for 8 hours", Postfix's
	 * "delivery temporarily suspended: connect to h[a]:25: Connection
	 * refused"); alone, the connection failed.  Postfix smtp(8),
	 * qmail-remote(8), strerror(ENETUNREACH), the BSDs'
	 * strerror(EHOSTUNREACH) (Linux: "No route to host"), Sisimai's
	 * documented networkerror text (go-sisimai reason/why-networkerror.go)
	 */
	{ "wasn't able to establish an smtp connection", REASON_CONNECTION_FAILED, DECIDES | ATTEMPT },
	{ "no route to host",				REASON_CONNECTION_FAILED, ATTEMPT },
	{ "connection refused",				REASON_CONNECTION_FAILED, ATTEMPT },
	{ "network is unreachable",			REASON_CONNECTION_FAILED, ATTEMPT },
	{ "host is unreachable",			REASON_CONNECTION_FAILED, ATTEMPT },
	/* RFC 792's name for ICMP type 3 code 1, as MTAs quote it */
	{ "host unreachable",				REASON_CONNECTION_FAILED, ATTEMPT },
	/*
	 * The receiving side ended the connection, in each system's words:
	 * strerror(ECONNRESET) "Connection reset by peer" and Sendmail's
	 * "Connection reset by <host>" (errstring() in its err.c), Gmail's
	 * "Connection was dropped by remote host" (beside "did not accept
	 * our requests to connect"), Exchange's "451 4.4.2 Connection
	 * dropped" (RFC 3463 X.4.2 "bad connection").  The words do not say
	 * why it did, so not a refusal of the sending host (Sisimai: blocked)
	 */
	{ "connection reset by",			REASON_CONNECTION_FAILED, ATTEMPT },
	{ "connection was dropped by remote host",	REASON_CONNECTION_FAILED, ATTEMPT },
	{ "connection dropped",				REASON_CONNECTION_FAILED, ATTEMPT },
	/*
	 * Courier's esmtp client (module.esmtp/libesmtp.c connect_error()):
	 * the server closed the connection, or reset it, mid-session
	 */
	{ "connection closed by remote host",		REASON_CONNECTION_FAILED, ATTEMPT },
	{ "network connection shut down by the remote mail server",
	    REASON_CONNECTION_FAILED, ATTEMPT },
	{ "could not connect and send the mail to",	REASON_CONNECTION_FAILED, ATTEMPT },
	/*
	 * Delay notices: still trying.  Gmail's "Delivery incomplete: There
	 * was a temporary problem delivering your message to a. Gmail will
	 * retry for 46 more hours."; Exchange's "Delivery is delayed to these
	 * recipients or groups ... This message hasn't been delivered yet.
	 * Delivery will continue to be attempted. The server will keep trying
	 * to deliver this message for the next 1 days ..."; Exim's warning
	 * "has not yet been delivered to one or more of its recipients after
	 * more than 24 hours on the queue ... No action is required on your
	 * part. Delivery attempts will continue for some time" (Exchange 2003:
	 * "Delivery attempts will continue to be made for"); Sendmail's
	 * "Warning: could not send message for past 4 hours ... Will keep
	 * trying until message is 5 days old"
	 */
	{ "delivery to the following recipient has been delayed", REASON_DELAYED, 0 },
	{ "there was a temporary problem delivering your message", REASON_DELAYED, 0 },
	{ "will retry for",				REASON_DELAYED, 0 },
	{ "delivery is delayed to these recipients",	REASON_DELAYED, 0 },
	{ "delivery will continue to be attempted",	REASON_DELAYED, 0 },
	{ "will keep trying to deliver this message",	REASON_DELAYED, 0 },
	{ "has not yet been delivered to one or more of its recipients",
	    REASON_DELAYED, 0 },
	{ "delivery attempts will continue",		REASON_DELAYED, 0 },
	{ "could not send message for past",		REASON_DELAYED, 0 },
	{ "will keep trying until message is",		REASON_DELAYED, 0 },
	/*
	 * Exim's delay warning (deliver.c, go-sisimai lhost/via-exim.go):
	 * "Delay reason: ..." and "No action is required on your part"
	 */
	{ "delay reason:",				REASON_DELAYED, 0 },
	{ "no action is required on your part",		REASON_DELAYED, 0 },
	/*
	 * OpenSMTPD's warning (smtpd/bounce.c notice_warning2, quoted in
	 * go-sisimai lhost/via-opensmtpd.go), Courier's "DELAYS IN DELIVERING
	 * YOUR MESSAGE" (courier/module.dsn), Sendmail's "Warning: message
	 * still undelivered after 4 hours" (go-sisimai lhost/via-sendmail.go)
	 */
	{ "this is only a temporary failure report",	REASON_DELAYED, 0 },
	{ "delays in delivering your message",		REASON_DELAYED, 0 },
	{ "message still undelivered after",		REASON_DELAYED, 0 },
	/* Sisimai's documented expired text "has been delayed" */
	{ "has been delayed",				REASON_DELAYED, 0 },
};

/*
 * Words that mean something only in one format's own notice, where no
 * server replied (explain.c passes the format only then): each with the
 * format (textfmt.c's name) whose words they are.  Read after the table
 * above, whose documented texts are finer.  A cue with REASON__LAST
 * means nothing and stops the search: words of the format's notice that
 * would otherwise be read as a cue below it.
 */
static const struct {
	const char	*format;
	const char	*cue;
	enum reason	 reason;
	int		 flags;
} scoped[] = {
	/*
	 * qmail-local(8)'s own failures on the delivering host, "Unable to
	 * chdir to maildir. (#4.2.1)", "Unable to switch to /home/u: ...
	 * (#4.3.0)", "Unable to open ...", and its "system error" (the
	 * systemerror texts of go-sisimai lhost/via-qmail.go): the recipient's
	 * mail system failed.  Not a clone's heading "unable to deliver your
	 * message to the following addresses", which says nothing.
	 */
	{ "qmail", "unable to deliver",			REASON__LAST, 0 },
	{ "qmail", "unable to",				REASON_REMOTE_SERVER_ERROR, 0 },
	{ "qmail", "system error",			REASON_REMOTE_SERVER_ERROR, 0 },
	/*
	 * OpenSMTPD's mta.c, DNS_EINVAL (go-sisimai lhost/via-opensmtpd.go):
	 * the recipient's domain is not a valid name; elsewhere the same
	 * words may be about the sender's or the HELO name
	 */
	{ "opensmtpd", "invalid domain name",		REASON_DOMAIN_NOT_FOUND, 0 },
	/*
	 * Verizon's MMS gateway: "Error: No valid recipients for this MM"
	 * (go-sisimai lhost/via-verizon.go), also cut short; as a reply after
	 * DATA the words only sum up the refusals at RCPT
	 */
	{ "verizon", "no valid recipients",		REASON_MAILBOX_UNKNOWN, 0 },
	/*
	 * fml refuses a post from an address on its reject list ("Reject
	 * Spammers:" with the sender's UnixFrom and From, fml4 kern/fml.pl)
	 * or from a sender it does not take ("reject mail from", go-sisimai
	 * lhost/via-fml.go): the sender is refused, not the content
	 */
	{ "fml", "reject spammers:",			REASON_SENDER_REJECTED, DECIDES },
	{ "fml", "reject mail from",			REASON_SENDER_REJECTED, DECIDES },
	/*
	 * Coremail's own notice (read_zhnotice.c) when it could not hand the
	 * message on: its code "rcpt handle timeout" (a Coremail reseller's
	 * list of its bounce codes, "网络异常:rcpt handle timeout",
	 * emailhost.com.cn) and, in its later notice, "rcpt handle timeout,
	 * last handle info: Can not connect to H:A:25" with the Bounce Code
	 * "can not connect to" and the reason "无法连接上对方服务器" (quoted
	 * on qemu-devel, 2021-10-21): no server answered
	 */
	{ "coremail", "rcpt handle timeout",		REASON_CONNECTION_FAILED, DECIDES },
	{ "coremail", "can not connect to",		REASON_CONNECTION_FAILED, DECIDES },
	{ "coremail", "无法连接上对方服务器",		REASON_CONNECTION_FAILED, DECIDES },
	/*
	 * Coremail's code for a recipient domain it found no mail host for,
	 * "域名不存在:DNS query error" (the same reseller's list)
	 */
	{ "coremail", "dns query error",		REASON_DOMAIN_NOT_FOUND, DECIDES },
	/*
	 * Tencent's notice (read_zhnotice.c) naming no server: its help's
	 * keyword "Host not found", a misspelt recipient domain (Tencent
	 * Exmail's help on bounces, as its resellers quote it, e.g.
	 * neatmaster518.com/info.aspx?id=11275: "HOST NOT FOUND ...
	 * 域名的错误")
	 */
	{ "tencent", "host not found",			REASON_DOMAIN_NOT_FOUND, DECIDES },
};

/* The first of the format's scoped cues in mt, or REASON__LAST. */
static enum reason
scoped_reason(const struct memfind_text *mt, const char *format, int *flags)
{
	size_t i;

	for (i = 0; format != NULL && i < sizeof(scoped) / sizeof(scoped[0]);
	    i++)
		if (strcmp(scoped[i].format, format) == 0 &&
		    memfind_in(mt, scoped[i].cue) != (size_t)-1) {
			*flags = scoped[i].flags;
			return scoped[i].reason;
		}
	return REASON__LAST;
}

enum reason
mtacue_reason_in(const struct memfind_text *mt, const char *format,
    int *flags)
{
	enum reason r = REASON__LAST;
	size_t i;
	int f = 0;

	if (flags != NULL)
		*flags = 0;
	for (i = 0; i < sizeof(cues) / sizeof(cues[0]); i++)
		if (memfind_in(mt, cues[i].cue) != (size_t)-1) {
			f = cues[i].flags;
			r = cues[i].reason;
			break;
		}
	if (i == sizeof(cues) / sizeof(cues[0]))
		r = scoped_reason(mt, format, &f);
	/*
	 * words of a cause after the giving up's ("... <421 Connection timed
	 * out>")
	 */
	while ((f & GAVE_UP) && ++i < sizeof(cues) / sizeof(cues[0]))
		if (!(cues[i].flags & GAVE_UP) &&
		    memfind_in(mt, cues[i].cue) != (size_t)-1)
			f &= ~GAVE_UP;
	if (flags != NULL && r != REASON__LAST)
		*flags = f;
	return r;
}
