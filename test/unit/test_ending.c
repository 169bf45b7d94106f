/*
 * test_ending.c - meaning/ending.c on every way a session or a lookup can
 * end: one table row per kind (and per variant that changes the answer:
 * early/late, TLS refused/handshake/not offered, required or not, every
 * DNS status, proxy failures, catch-all, TLS policies), the precedence of
 * findings, and the catch-all signals.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "meaning/ending.h"

#define V(x)	VERDICT_##x
#define S(x)	STAGE_##x
#define R(x)	REASON_##x
#define K(x)	ENDING_##x
#define WEAK	ENDING_RANK_WEAK
#define STRONG	ENDING_RANK_STRONG
#define FALLBK	ENDING_RANK_FALLBACK

struct ecase {
	const char	*label;
	struct ending	 e;
	bool		 decided;
	enum verdict	 verdict;
	enum stage	 stage;
	enum reason	 reason;
	bool		 final;
	enum ending_rank rank;
	bool		 with_reply;
	const char	*blocklist;	/* NULL: none */
};

#define SPAMHAUS	"Service unavailable; Client host [192.0.2.1] blocked " \
			"using zen.spamhaus.org"

static const struct ecase cases[] = {
	{ "nothing found", { .kind = K(NOTHING), .stage = S(CONNECT) }, true,
	    V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, FALLBK,
	    false, NULL },
	/* DNS plans without a host to try */
	{ "nxdomain",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_NXDOMAIN },
	    true, V(NO_MAIL_DOMAIN), S(DNS), R(DOMAIN_NOT_FOUND), true, STRONG,
	    false, NULL },
	{ "no mail",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_NO_MAIL },
	    true, V(NO_MAIL_DOMAIN), S(DNS), R(DOMAIN_NO_MAIL), true, STRONG,
	    false, NULL },
	{ "null mx",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_NULL_MX },
	    true, V(NO_MAIL_DOMAIN), S(DNS), R(NULL_MX), true, STRONG, false,
	    NULL },
	{ "no address",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_NO_ADDRESS },
	    true, V(NO_MAIL_DOMAIN), S(DNS), R(NO_ADDRESS), true, STRONG, false,
	    NULL },
	{ "servfail",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_SERVFAIL },
	    true, V(DNS_ERROR), S(DNS), R(DNS_FAILURE), true, STRONG, false,
	    NULL },
	{ "dns timeout",
	    { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_TIMEOUT },
	    true, V(DNS_ERROR), S(DNS), R(DNS_TIMEOUT), true, STRONG, false,
	    NULL },
	{ "bogus", { .kind = K(DNS), .stage = S(DNS), .dns = ENDING_DNS_BOGUS },
	    true, V(DNS_ERROR), S(DNS), R(DNSSEC_BOGUS), true, STRONG, false,
	    NULL },
	{ "stopped during dns", { .kind = K(DNS_STOPPED), .stage = S(DNS) },
	    true, V(DNS_ERROR), S(DNS), R(DNS_TIMEOUT), false, STRONG, false,
	    NULL },
	/* nothing contacted */
	{ "private only", { .kind = K(PRIVATE_ONLY), .stage = S(CONNECT) },
	    true, V(UNREACHABLE), S(CONNECT), R(PRIVATE_ADDRESS), false, FALLBK,
	    false, NULL },
	{ "family excluded",
	    { .kind = K(FAMILY_EXCLUDED), .stage = S(CONNECT) }, true,
	    V(UNREACHABLE), S(CONNECT), R(NO_ADDRESS), false, FALLBK, false,
	    NULL },
	/* connects */
	{ "refused", { .kind = K(CONNECT_FAILED), .stage = S(CONNECT),
	    .connects = 1 },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "every connect timed out", { .kind = K(CONNECT_FAILED),
	    .stage = S(CONNECT), .connects = 3, .connect_timeouts = 3 },
	    true, V(UNREACHABLE), S(CONNECT), R(PORT25_FILTERED), false, WEAK,
	    false, NULL },
	{ "every connect through the proxy timed out", {
	    .kind = K(CONNECT_FAILED), .stage = S(CONNECT), .connects = 2,
	    .connect_timeouts = 2, .via_proxy = true },
	    true, V(UNREACHABLE), S(CONNECT), R(PROXY_PORT25_FILTERED), false,
	    WEAK, false, NULL },
	{ "every connect timed out, another server answered on port 25", {
	    .kind = K(CONNECT_FAILED), .stage = S(CONNECT), .connects = 2,
	    .connect_timeouts = 2, .port25_open = true },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "every connect through the proxy timed out, another answered", {
	    .kind = K(CONNECT_FAILED), .stage = S(CONNECT), .connects = 2,
	    .connect_timeouts = 2, .via_proxy = true, .port25_open = true },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "some connects through the proxy timed out", {
	    .kind = K(CONNECT_FAILED), .stage = S(CONNECT), .connects = 2,
	    .connect_timeouts = 1, .via_proxy = true },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "some connects timed out", { .kind = K(CONNECT_FAILED),
	    .stage = S(CONNECT), .connects = 3, .connect_timeouts = 2 },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "every connect denied by this machine", { .kind = K(CONNECT_FAILED),
	    .stage = S(CONNECT), .connects = 2, .connect_denied = 2 },
	    true, V(UNREACHABLE), S(CONNECT), R(LOCAL_FIREWALL), false, WEAK,
	    false, NULL },
	{ "one connect of two denied by this machine", {
	    .kind = K(CONNECT_FAILED), .stage = S(CONNECT), .connects = 2,
	    .connect_denied = 1 },
	    true, V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	/* the proxy */
	{ "proxy unreachable", { .kind = K(PROXY_FAILED), .stage = S(PROXY),
	    .proxy_fail = PROXY_FAIL_UNREACHABLE, .proxy_rep = -1 },
	    true, V(UNREACHABLE), S(PROXY), R(PROXY_UNREACHABLE), true, WEAK, false, NULL },
	{ "proxy auth", { .kind = K(PROXY_FAILED), .stage = S(PROXY),
	    .proxy_fail = PROXY_FAIL_AUTH, .proxy_rep = -1 },
	    true, V(UNREACHABLE), S(PROXY), R(PROXY_AUTH_FAILED), true, WEAK, false, NULL },
	{ "proxy forbids port 25", { .kind = K(PROXY_FAILED), .stage = S(PROXY),
	    .proxy_fail = PROXY_FAIL_REPLY, .proxy_rep = 2 },
	    true, V(UNREACHABLE), S(PROXY), R(PROXY_PORT25_BLOCKED), true, WEAK,
	    false, NULL },
	{ "proxy other REP", { .kind = K(PROXY_FAILED), .stage = S(PROXY),
	    .proxy_fail = PROXY_FAIL_REPLY, .proxy_rep = 7 },
	    true, V(UNREACHABLE), S(PROXY), R(PROXY_REFUSED), true, WEAK, false, NULL },
	{ "proxy garbage", { .kind = K(PROXY_FAILED), .stage = S(PROXY),
	    .proxy_fail = PROXY_FAIL_PROTOCOL, .proxy_rep = -1 },
	    true, V(UNREACHABLE), S(PROXY), R(PROXY_PROTOCOL_ERROR), true, WEAK,
	    false, NULL },
	/* the server said no before RCPT */
	{ "banner 554 blocklist", { .kind = K(REJECTED), .stage = S(BANNER),
	    .code = 554, .text = SPAMHAUS, .textlen = sizeof(SPAMHAUS) - 1 },
	    true, V(BLOCKED), S(BANNER), R(IP_BLOCKLISTED), true, STRONG, true,
	    "zen.spamhaus.org" },
	{ "banner 421", { .kind = K(REJECTED), .stage = S(BANNER), .code = 421,
	    .enhanced = "4.3.2", .text = "Service not available",
	    .textlen = 21 },
	    true, V(TEMPORARY), S(BANNER), R(REMOTE_SERVER_ERROR), false, STRONG, true,
	    NULL },
	{ "mail 553 sender", { .kind = K(REJECTED), .stage = S(MAIL), .code = 553,
	    .enhanced = "5.1.8", .text = "Sender address rejected: Domain not found",
	    .textlen = 41 },
	    true, V(BLOCKED), S(MAIL), R(SENDER_REJECTED), true, STRONG, true, NULL },
	{ "rejected without reply", { .kind = K(REJECTED), .stage = S(EHLO) },
	    true, V(PROTOCOL_ERROR), S(EHLO), R(PROTOCOL_VIOLATION), false,
	    STRONG, true, NULL },
	/* TLS */
	{ "handshake, not required", { .kind = K(TLS_FAILED), .stage = S(STARTTLS),
	    .tls = ENDING_TLS_HANDSHAKE },
	    false, 0, 0, 0, false, 0, false, NULL },
	{ "handshake, required", { .kind = K(TLS_FAILED), .stage = S(STARTTLS),
	    .tls = ENDING_TLS_HANDSHAKE, .tls_required = true },
	    true, V(TLS_FAILED), S(STARTTLS), R(TLS_HANDSHAKE_FAILED), false, STRONG,
	    true, NULL },
	{ "refused, required", { .kind = K(TLS_FAILED), .stage = S(STARTTLS),
	    .tls = ENDING_TLS_REFUSED, .tls_required = true, .code = 454 },
	    true, V(TLS_FAILED), S(STARTTLS), R(STARTTLS_REFUSED), false, STRONG,
	    true, NULL },
	{ "not offered, required", { .kind = K(TLS_FAILED), .stage = S(EHLO),
	    .tls = ENDING_TLS_NOT_OFFERED, .tls_required = true },
	    true, V(TLS_FAILED), S(STARTTLS), R(STARTTLS_NOT_OFFERED), false,
	    STRONG, true, NULL },
	/* silence and closed connections, early and late */
	{ "timeout at banner", { .kind = K(TIMEOUT), .stage = S(BANNER) }, true,
	    V(UNREACHABLE), S(BANNER), R(TIMEOUT), false, WEAK, false, NULL },
	{ "timeout at rcpt", { .kind = K(TIMEOUT), .stage = S(RCPT) }, true,
	    V(TEMPORARY), S(RCPT), R(TIMEOUT), false, WEAK, false, NULL },
	{ "closed at connect", { .kind = K(CLOSED), .stage = S(CONNECT) }, true,
	    V(UNREACHABLE), S(CONNECT), R(CONNECTION_FAILED), false, WEAK,
	    false, NULL },
	{ "closed at ehlo", { .kind = K(CLOSED), .stage = S(EHLO) }, true,
	    V(TEMPORARY), S(EHLO), R(REMOTE_SERVER_ERROR), false, WEAK, false,
	    NULL },
	{ "protocol error",
	    { .kind = K(PROTOCOL_ERROR), .stage = S(MAIL), .code = 250 }, true,
	    V(PROTOCOL_ERROR), S(MAIL), R(PROTOCOL_VIOLATION), false, STRONG,
	    true, NULL },
	{ "smtputf8", { .kind = K(SMTPUTF8), .stage = S(MAIL) }, true,
	    V(UNDELIVERABLE), S(MAIL), R(SMTPUTF8_UNSUPPORTED), true, STRONG,
	    true, NULL },
	/* the job itself ends */
	/* the user's --deadline, not the server's silence: its own reason */
	{ "deadline", { .kind = K(DEADLINE), .stage = S(CONNECT) }, true,
	    V(UNREACHABLE), S(CONNECT), R(DEADLINE), false, WEAK, false, NULL },
	/* the stage the session was waiting at, not always "connect" */
	{ "deadline at the banner", { .kind = K(DEADLINE), .stage = S(BANNER) },
	    true, V(UNREACHABLE), S(BANNER), R(DEADLINE), false, WEAK, false,
	    NULL },
	{ "deadline at rcpt", { .kind = K(DEADLINE), .stage = S(RCPT) }, true,
	    V(TEMPORARY), S(RCPT), R(DEADLINE), false, WEAK, false, NULL },
	/*
	 * while DNS was still answering: a DNS error, as a stopped lookup, but
	 * the user's limit, not dns_timeout ("check your own connection")
	 */
	{ "deadline in DNS", { .kind = K(DEADLINE), .stage = S(DNS) }, true,
	    V(DNS_ERROR), S(DNS), R(DEADLINE), false, STRONG, false, NULL },
	{ "stopped", { .kind = K(STOPPED), .stage = S(CONNECT) }, true,
	    V(TEMPORARY), S(CONNECT), R(TIMEOUT), false, FALLBK, false, NULL },
	/* the address's own RCPT reply */
	{ "rcpt 250", { .kind = K(RCPT), .stage = S(RCPT), .code = 250,
	    .enhanced = "2.1.5", .text = "Ok", .textlen = 2, .catch_all = -1 },
	    true, V(DELIVERABLE), S(RCPT), R(ACCEPTED), false, STRONG, true, NULL },
	{ "rcpt 250 at a catch-all", { .kind = K(RCPT), .stage = S(RCPT),
	    .code = 250, .text = "Ok", .textlen = 2, .catch_all = 1 },
	    true, V(CATCH_ALL), S(RCPT), R(CATCH_ALL), false, STRONG, true, NULL },
	{ "rcpt 550 at a catch-all", { .kind = K(RCPT), .stage = S(RCPT),
	    .code = 550, .enhanced = "5.1.1", .text = "User unknown",
	    .textlen = 12, .catch_all = 1 },
	    true, V(UNDELIVERABLE), S(RCPT), R(MAILBOX_UNKNOWN), false, STRONG,
	    true, NULL },
	{ "rcpt 450 greylisted", { .kind = K(RCPT), .stage = S(RCPT), .code = 450,
	    .enhanced = "4.2.0", .text = "Recipient address rejected: Greylisted",
	    .textlen = 38, .catch_all = -1 },
	    true, V(TEMPORARY), S(RCPT), R(GREYLISTED), false, STRONG, true, NULL },
	{ "rcpt 250, DANE fails", { .kind = K(RCPT), .stage = S(RCPT), .code = 250,
	    .catch_all = -1, .policy = ENDING_POLICY_DANE },
	    true, V(TLS_FAILED), S(STARTTLS), R(TLS_POLICY_DANE), false, STRONG,
	    false, NULL },
	{ "rcpt 550, MTA-STS fails", { .kind = K(RCPT), .stage = S(RCPT),
	    .code = 550, .catch_all = 1, .policy = ENDING_POLICY_MTA_STS },
	    true, V(TLS_FAILED), S(STARTTLS), R(TLS_POLICY_MTA_STS), false, STRONG,
	    false, NULL },
};

static void
test_table(void **state)
{
	bool seen[ENDING__LAST] = { false };
	struct ending_meaning m;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ecase *c = &cases[i];

		seen[c->e.kind] = true;
		ending_judge(&c->e, &m);
		if (m.decided != c->decided)
			fail_msg("%s: decided %d", c->label, m.decided);
		if (!c->decided)
			continue;
		if (m.verdict != c->verdict || m.stage != c->stage ||
		    m.reason != c->reason)
			fail_msg("%s: got %s/%s/%s", c->label,
			    verdict_name(m.verdict), stage_name(m.stage),
			    reason_name(m.reason));
		if (m.final != c->final || m.rank != c->rank ||
		    m.with_reply != c->with_reply)
			fail_msg("%s: final %d rank %d with_reply %d", c->label,
			    m.final, (int)m.rank, m.with_reply);
		assert_string_equal(m.blocklist, c->blocklist ? c->blocklist : "");
	}
	/* every kind has a row */
	for (k = 0; k < ENDING__LAST; k++)
		if (!seen[k])
			fail_msg("ending kind %d has no case", k);
}

/* Which finding replaces which: the precedence the engine used to spell out. */
static void
test_replaces(void **state)
{
	static const struct {
		enum ending_kind kind;
		bool		 over_nothing, over_unreachable, over_temporary;
	} rows[] = {
		{ K(NOTHING), true, false, false },
		{ K(PRIVATE_ONLY), true, false, false },
		{ K(STOPPED), true, false, false },
		{ K(CONNECT_FAILED), true, true, false },
		{ K(TIMEOUT), true, true, false },
		{ K(CLOSED), true, true, false },
		{ K(DEADLINE), true, true, false },
		{ K(PROXY_FAILED), true, true, false },
		{ K(REJECTED), true, true, true },
		{ K(PROTOCOL_ERROR), true, true, true },
		{ K(SMTPUTF8), true, true, true },
		{ K(DNS_STOPPED), true, true, true },
	};
	struct ending_meaning m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct ending e = { .kind = rows[i].kind, .stage = S(EHLO),
		    .proxy_rep = -1 };

		ending_judge(&e, &m);
		assert_int_equal(ending_replaces(&m, false, V(DELIVERABLE)),
		    rows[i].over_nothing);
		assert_int_equal(ending_replaces(&m, true, V(UNREACHABLE)),
		    rows[i].over_unreachable);
		assert_int_equal(ending_replaces(&m, true, V(TEMPORARY)),
		    rows[i].over_temporary);
	}
	/* a TLS failure an MTA retries in plain text replaces nothing */
	{
		struct ending e = { .kind = K(TLS_FAILED), .stage = S(STARTTLS) };

		ending_judge(&e, &m);
		assert_false(ending_replaces(&m, false, V(DELIVERABLE)));
	}
}

/* Only errnos that say the connect never left this machine. */
static void
test_connect_denied(void **state)
{
	(void)state;
	assert_true(ending_connect_denied(EPERM));
	assert_true(ending_connect_denied(EACCES));
	assert_false(ending_connect_denied(ECONNREFUSED));
	assert_false(ending_connect_denied(EHOSTUNREACH));
	assert_false(ending_connect_denied(ENETUNREACH));
	assert_false(ending_connect_denied(0));
}

static void
test_catch_all(void **state)
{
	(void)state;
	assert_int_equal(ending_catch_all_probe(250), 1);
	assert_int_equal(ending_catch_all_probe(251), 1);
	assert_int_equal(ending_catch_all_probe(550), 0);
	assert_int_equal(ending_catch_all_probe(450), -1);
	assert_int_equal(ending_catch_all_probe(0), -1);
	assert_true(ending_denies_catch_all(550, "5.1.1", "User unknown", 12));
	assert_false(ending_denies_catch_all(550, "5.7.1",
	    "Relay access denied", 19));
	assert_false(ending_denies_catch_all(450, "4.1.1", "User unknown", 12));
	assert_false(ending_denies_catch_all(250, NULL, "Ok", 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_replaces),
		cmocka_unit_test(test_connect_denied),
		cmocka_unit_test(test_catch_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
