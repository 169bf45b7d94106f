/*
 * verdict.c - name tables for verdicts, stages and reasons, indexed by the
 * enums in verdict.h, and the exit status each verdict maps to.
 */
#include <string.h>

#include "base/exitcode.h"
#include "base/util.h"
#include "meaning/verdict.h"

static const char *verdict_names[VERDICT__LAST] = {
	"deliverable", "undeliverable", "catch_all", "mailbox_full", "blocked",
	"temporary", "no_mail_domain", "dns_error", "unreachable",
	"tls_failed", "protocol_error", "invalid_syntax",
};

static const char *stage_names[STAGE__LAST] = {
	"syntax", "dns", "proxy", "connect", "banner", "ehlo", "starttls",
	"mail", "rcpt", "data", "rset", "quit",
};

/* Position of each stage in a conversation; the enum's order means nothing. */
static const int stage_ranks[STAGE__LAST] = {
	[STAGE_SYNTAX] = 0, [STAGE_DNS] = 1, [STAGE_PROXY] = 2,
	[STAGE_CONNECT] = 3, [STAGE_BANNER] = 4, [STAGE_EHLO] = 5,
	[STAGE_STARTTLS] = 6, [STAGE_MAIL] = 7, [STAGE_RCPT] = 8,
	[STAGE_DATA] = 9, [STAGE_RSET] = 10, [STAGE_QUIT] = 11,
};

static const char *side_names[SIDE__LAST] = {
	"recipient_address", "recipient_server", "our_side", "content",
	"network", "not_a_failure", "unknown",
};

/* Who must act for each reason: the one table of sides. */
/*
 * SIDE_x + 1: 0 marks a reason nobody gave a side (fatal, caught by the unit
 * test)
 */
#define S(x)	(SIDE_##x + 1)
static const unsigned char reason_sides[REASON__LAST] = {
	[REASON_ACCEPTED]		= S(NOT_A_FAILURE),
	[REASON_CATCH_ALL]		= S(NOT_A_FAILURE),
	[REASON_MAILBOX_UNKNOWN]	= S(RECIPIENT_ADDRESS),
	[REASON_MAILBOX_DISABLED]	= S(RECIPIENT_ADDRESS),
	[REASON_DOMAIN_NO_MAIL]		= S(RECIPIENT_ADDRESS),
	[REASON_NULL_MX]		= S(RECIPIENT_ADDRESS),
	[REASON_MAILBOX_FULL]		= S(RECIPIENT_SERVER),
	[REASON_MESSAGE_TOO_BIG]	= S(CONTENT),
	[REASON_IP_BLOCKLISTED]		= S(OUR_SIDE),
	[REASON_REPUTATION_OR_RATE]	= S(OUR_SIDE),
	[REASON_AUTH_SPF_DKIM_DMARC]	= S(OUR_SIDE),
	[REASON_HOST_IDENTITY_PTR_HELO]	= S(OUR_SIDE),
	[REASON_TLS_REQUIRED]		= S(OUR_SIDE),
	[REASON_TLS_HANDSHAKE_FAILED]	= S(NETWORK),
	[REASON_SENDER_REJECTED]	= S(OUR_SIDE),
	[REASON_RELAY_DENIED]		= S(RECIPIENT_SERVER),
	[REASON_POLICY_OTHER]		= S(RECIPIENT_SERVER),
	[REASON_GREYLISTED]		= S(RECIPIENT_SERVER),
	[REASON_TOO_MANY_CONNECTIONS]	= S(OUR_SIDE),
	/*
	 * how many recipients one message was sent to is how we sent it,
	 * not what it says: RFC 3463 X.5.3 is a protocol status whose cure
	 * is the sender's ("segmentation of the message into two, the
	 * remainder of the recipients to be delivered on a subsequent
	 * delivery attempt"), RFC 5321 4.5.3.1.10 has the client send the
	 * rest in another transaction, NetEase's RP:RCL says
	 * "请减少每封邮件的收件人数量" (its 企业退信的常见问题,
	 * help.163.com/09/1224/17/5RAJ4LMH00753VB8.html)
	 */
	[REASON_TOO_MANY_RECIPIENTS]	= S(OUR_SIDE),
	[REASON_TEMPORARY_OTHER]	= S(RECIPIENT_SERVER),
	[REASON_REMOTE_SERVER_ERROR]	= S(RECIPIENT_SERVER),
	[REASON_SMTPUTF8_UNSUPPORTED]	= S(RECIPIENT_SERVER),
	[REASON_CONNECTION_FAILED]	= S(NETWORK),
	[REASON_PORT25_FILTERED]	= S(NETWORK),
	[REASON_PRIVATE_ADDRESS]	= S(RECIPIENT_SERVER),
	[REASON_NO_ADDRESS]		= S(RECIPIENT_SERVER),
	[REASON_DNS_FAILURE]		= S(NETWORK),
	[REASON_DNS_TIMEOUT]		= S(NETWORK),
	[REASON_PROTOCOL_VIOLATION]	= S(RECIPIENT_SERVER),
	[REASON_TIMEOUT]		= S(NETWORK),
	[REASON_INVALID_ADDRESS]	= S(RECIPIENT_ADDRESS),
	[REASON_PROXY_UNREACHABLE]	= S(NETWORK),
	[REASON_PROXY_AUTH_FAILED]	= S(NETWORK),
	[REASON_PROXY_PORT25_BLOCKED]	= S(NETWORK),
	[REASON_PROXY_REFUSED]		= S(NETWORK),
	[REASON_PROXY_PROTOCOL_ERROR]	= S(NETWORK),
	[REASON_PROXY_PORT25_FILTERED]	= S(NETWORK),
	[REASON_LOCAL_FIREWALL]		= S(NETWORK),
	[REASON_DNSSEC_BOGUS]		= S(RECIPIENT_SERVER),
	[REASON_TLS_POLICY_DANE]	= S(RECIPIENT_SERVER),
	[REASON_TLS_POLICY_MTA_STS]	= S(RECIPIENT_SERVER),
	[REASON_STARTTLS_REFUSED]	= S(RECIPIENT_SERVER),
	[REASON_STARTTLS_NOT_OFFERED]	= S(RECIPIENT_SERVER),
	[REASON_UNKNOWN]		= S(UNKNOWN),
	[REASON_DELIVERED]		= S(NOT_A_FAILURE),
	[REASON_DELAYED]		= S(NOT_A_FAILURE),
	[REASON_EXPIRED]		= S(RECIPIENT_SERVER),
	[REASON_AUTO_REPLY]		= S(NOT_A_FAILURE),
	[REASON_FEEDBACK]		= S(OUR_SIDE),
	[REASON_CONTENT_REJECTED]	= S(CONTENT),
	[REASON_VIRUS_DETECTED]		= S(CONTENT),
	[REASON_MESSAGE_NOT_COMPLIANT]	= S(CONTENT),
	[REASON_MAILBOX_MOVED]		= S(RECIPIENT_ADDRESS),
	[REASON_RECIPIENT_FILTER]	= S(RECIPIENT_SERVER),
	[REASON_MAIL_LOOP]		= S(RECIPIENT_SERVER),
	[REASON_BAD_REPUTATION]		= S(OUR_SIDE),
	[REASON_RATE_LIMITED]		= S(OUR_SIDE),
	[REASON_NOT_AUTHORIZED]		= S(RECIPIENT_SERVER),
	[REASON_MAILBOX_SIZE_LIMIT]	= S(CONTENT),
	[REASON_CONTENT_FORMAT]		= S(CONTENT),
	[REASON_MAILER_ERROR]		= S(RECIPIENT_SERVER),
	[REASON_SYSTEM_FULL]		= S(RECIPIENT_SERVER),
	[REASON_HELO_REJECTED]		= S(OUR_SIDE),
	[REASON_DOMAIN_BLOCKLISTED]	= S(OUR_SIDE),
	[REASON_CLIENT_AUTH_REQUIRED]	= S(OUR_SIDE),
	[REASON_RECIPIENT_DOMAIN_BLOCKLISTED] = S(RECIPIENT_ADDRESS),
	[REASON_LOGIN_REQUIRED]		= S(OUR_SIDE),
	[REASON_DOMAIN_NOT_FOUND]	= S(RECIPIENT_ADDRESS),
	/*
	 * The sending service (Amazon SES, SparkPost, Mailgun, Postmark)
	 * did not send: the address is on a suppression list of its own or
	 * of our account, after an earlier hard bounce or complaint.  No
	 * recipient server was asked this time and the address may be good
	 * now (a full mailbox, a complaint, an entry that outlived its
	 * cause); only we can act: check the address, then take it off our
	 * list or stop sending to it
	 */
	[REASON_SUPPRESSED]		= S(OUR_SIDE),
	/*
	 * the user's own time limit ended the probe: the server was slower
	 * than it, which says nothing yet of whose fault that is
	 */
	[REASON_DEADLINE]		= S(UNKNOWN),
};

static const char *reason_names[REASON__LAST] = {
	"accepted", "catch_all", "mailbox_unknown", "mailbox_disabled",
	"domain_no_mail", "null_mx", "mailbox_full", "message_too_big",
	"ip_blocklisted", "reputation_or_rate", "auth_spf_dkim_dmarc",
	"host_identity_ptr_helo", "tls_required", "tls_handshake_failed",
	"starttls_refused", "starttls_not_offered",
	"sender_rejected", "relay_denied", "policy_other", "greylisted",
	"too_many_connections", "too_many_recipients", "temporary_other",
	"remote_server_error", "smtputf8_unsupported", "connection_failed",
	"port25_filtered", "private_address", "no_address", "dns_failure",
	"dns_timeout", "protocol_violation", "timeout", "invalid_address",
	"proxy_unreachable", "proxy_auth_failed", "proxy_port25_blocked",
	"proxy_refused", "proxy_protocol_error", "proxy_port25_filtered",
	"local_firewall",
	"dnssec_bogus",
	"tls_policy_dane", "tls_policy_mta_sts",
	"unknown", "delivered", "delayed", "expired", "auto_reply", "feedback",
	"content_rejected", "virus_detected", "message_not_compliant",
	"mailbox_moved", "recipient_filter", "mail_loop", "bad_reputation",
	"rate_limited", "not_authorized", "mailbox_size_limit",
	"content_format", "mailer_error", "system_full", "helo_rejected",
	"domain_blocklisted", "client_auth_required",
	"recipient_domain_blocklisted", "login_required", "domain_not_found",
	"suppressed", "deadline",
};

static const char *summary_names[SUMMARY__LAST] = {
	"ok", "risky", "bad", "unknown",
};

static const char *
lookup(const char **tab, int n, int i, const char *what)
{
	if (i < 0 || i >= n || tab[i] == NULL)
		fatalx("%s: bad %s %d", __func__, what, i);
	return tab[i];
}

static int
rlookup(const char **tab, int n, const char *name)
{
	int i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(tab[i], name) == 0)
			return i;
	return -1;
}

const char *
verdict_name(enum verdict v)
{
	return lookup(verdict_names, VERDICT__LAST, (int)v, "verdict");
}

const char *
stage_name(enum stage s)
{
	return lookup(stage_names, STAGE__LAST, (int)s, "stage");
}

const char *
reason_name(enum reason r)
{
	return lookup(reason_names, REASON__LAST, (int)r, "reason");
}

const char *
side_name(enum side s)
{
	return lookup(side_names, SIDE__LAST, (int)s, "side");
}

enum side
reason_side(enum reason r)
{
	(void)reason_name(r);
	if (reason_sides[r] == 0)
		fatalx("%s: no side for reason %s", __func__, reason_name(r));
	return (enum side)(reason_sides[r] - 1);
}

int
stage_before(enum stage a, enum stage b)
{
	(void)stage_name(a);
	(void)stage_name(b);
	return stage_ranks[a] < stage_ranks[b];
}

int
side_from_name(const char *s)
{
	return rlookup(side_names, SIDE__LAST, s);
}

int
verdict_from_name(const char *s)
{
	return rlookup(verdict_names, VERDICT__LAST, s);
}

int
stage_from_name(const char *s)
{
	return rlookup(stage_names, STAGE__LAST, s);
}

int
reason_from_name(const char *s)
{
	return rlookup(reason_names, REASON__LAST, s);
}

enum verdict_group
verdict_group(enum verdict v, enum reason r)
{
	switch (v) {
	case VERDICT_DELIVERABLE:
		return GROUP_OK;
	case VERDICT_BLOCKED:
	case VERDICT_TEMPORARY:
	case VERDICT_UNREACHABLE:
		switch (r) {
		case REASON_IP_BLOCKLISTED:
		case REASON_DOMAIN_BLOCKLISTED:
		case REASON_REPUTATION_OR_RATE:
		case REASON_BAD_REPUTATION:
		case REASON_RATE_LIMITED:
		case REASON_AUTH_SPF_DKIM_DMARC:
		case REASON_HOST_IDENTITY_PTR_HELO:
		case REASON_HELO_REJECTED:
		case REASON_SENDER_REJECTED:
		case REASON_CLIENT_AUTH_REQUIRED:
		case REASON_LOGIN_REQUIRED:
		case REASON_PORT25_FILTERED:
		case REASON_PROXY_UNREACHABLE:
		case REASON_PROXY_AUTH_FAILED:
		case REASON_PROXY_PORT25_BLOCKED:
		case REASON_PROXY_REFUSED:
		case REASON_PROXY_PROTOCOL_ERROR:
		case REASON_PROXY_PORT25_FILTERED:
		case REASON_LOCAL_FIREWALL:
			return GROUP_TESTER;
		default:
			break;
		}
		return v == VERDICT_BLOCKED ? GROUP_NO : GROUP_UNSURE;
	case VERDICT_UNDELIVERABLE:
	case VERDICT_MAILBOX_FULL:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_INVALID_SYNTAX:
		return GROUP_NO;
	default:
		return GROUP_UNSURE;
	}
}

const char *
verdict_group_name(enum verdict_group g)
{
	static const char *names[GROUP__LAST] = { "ok", "no", "unsure",
	    "tester" };

	return lookup(names, GROUP__LAST, (int)g, "group");
}

int
verdict_exit_status(enum verdict v, enum reason r)
{
	switch (verdict_group(v, r)) {
	case GROUP_OK:
		return MX_EXIT_OK;
	case GROUP_NO:
		return MX_EXIT_NO;
	default:
		return MX_EXIT_UNSURE;
	}
}

/*
 * Why each verdict lands where it does (docs/json.md has the table):
 * "bad" only when the answer is about the address itself and definite;
 * "unknown" whenever the check could not get an answer about the address
 * (a refusal of the probe itself, a temporary answer, a network problem);
 * "risky" when mail may arrive but should not be counted on.
 */
enum summary
summary_of(enum verdict v, bool disposable, bool typo)
{
	switch (v) {
	case VERDICT_DELIVERABLE:
		return disposable || typo ? SUMMARY_RISKY : SUMMARY_OK;
	case VERDICT_CATCH_ALL:
	case VERDICT_MAILBOX_FULL:
		return SUMMARY_RISKY;
	case VERDICT_UNDELIVERABLE:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_INVALID_SYNTAX:
		return SUMMARY_BAD;
	case VERDICT_BLOCKED:
	case VERDICT_TEMPORARY:
	case VERDICT_DNS_ERROR:
	case VERDICT_UNREACHABLE:
	case VERDICT_TLS_FAILED:
	case VERDICT_PROTOCOL_ERROR:
		return SUMMARY_UNKNOWN;
	case VERDICT__LAST:
		break;
	}
	fatalx("%s: bad verdict %d", __func__, (int)v);
}

const char *
summary_name(enum summary s)
{
	return lookup(summary_names, SUMMARY__LAST, (int)s, "summary");
}

int
summary_from_name(const char *s)
{
	return rlookup(summary_names, SUMMARY__LAST, s);
}
