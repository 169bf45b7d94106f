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
	"syntax", "dns", "proxy", "connect", "banner", "ehlo", "starttls", "mail",
	"rcpt", "rset", "quit",
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
	"proxy_refused", "proxy_protocol_error",
	"unknown",
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

int
verdict_exit_status(enum verdict v)
{
	switch (v) {
	case VERDICT_DELIVERABLE:
		return MX_EXIT_OK;
	case VERDICT_UNDELIVERABLE:
	case VERDICT_MAILBOX_FULL:
	case VERDICT_BLOCKED:
	case VERDICT_NO_MAIL_DOMAIN:
	case VERDICT_INVALID_SYNTAX:
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
