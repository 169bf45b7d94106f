/*
 * ending.c - what the end of a session or a lookup means.  The engine
 * describes an ending (struct ending: its kind, the stage, the decisive
 * reply, how TLS or the proxy failed, ...) and this file alone turns it
 * into a verdict, a stage and a reason, says whether the finding is final
 * for the whole domain, and which earlier finding it may replace.  Replies
 * themselves are read by classify.c.
 *
 * Public: ending_judge, ending_connect_denied, ending_replaces,
 * ending_catch_all_probe, ending_denies_catch_all (ending.h).
 */
#include <errno.h>
#include <string.h>

#include "base/util.h"
#include "meaning/ending.h"

/* What a plan without hosts to try means, by plan status. */
static const struct {
	enum verdict	verdict;
	enum reason	reason;
} ending_dns_meaning[ENDING_DNS__LAST] = {
	[ENDING_DNS_NXDOMAIN] = { VERDICT_NO_MAIL_DOMAIN,
	    REASON_DOMAIN_NOT_FOUND },
	[ENDING_DNS_NO_MAIL] = { VERDICT_NO_MAIL_DOMAIN,
	    REASON_DOMAIN_NO_MAIL },
	[ENDING_DNS_NULL_MX] = { VERDICT_NO_MAIL_DOMAIN, REASON_NULL_MX },
	[ENDING_DNS_NO_ADDRESS] = { VERDICT_NO_MAIL_DOMAIN, REASON_NO_ADDRESS },
	[ENDING_DNS_SERVFAIL] = { VERDICT_DNS_ERROR, REASON_DNS_FAILURE },
	[ENDING_DNS_TIMEOUT] = { VERDICT_DNS_ERROR, REASON_DNS_TIMEOUT },
	[ENDING_DNS_BOGUS] = { VERDICT_DNS_ERROR, REASON_DNSSEC_BOGUS },
};

/* Why a session that had to use TLS could not. */
static const enum reason ending_tls_reason[] = {
	[ENDING_TLS_HANDSHAKE] = REASON_TLS_HANDSHAKE_FAILED,
	[ENDING_TLS_REFUSED] = REASON_STARTTLS_REFUSED,
	[ENDING_TLS_NOT_OFFERED] = REASON_STARTTLS_NOT_OFFERED,
};

static void
ending_set(struct ending_meaning *m, enum verdict v, enum stage st,
    enum reason why, enum ending_rank rank)
{
	m->decided = true;
	m->verdict = v;
	m->stage = st;
	m->reason = why;
	m->rank = rank;
}

/* A reply the server gave: classify.c reads it at the ending's stage. */
static void
ending_reply(const struct ending *e, enum stage st, struct ending_meaning *m)
{
	struct classification c;

	classify_reply(st, e->code, e->enhanced ? e->enhanced : "", e->text,
	    e->textlen, e->mx, &c);
	ending_set(m, c.verdict, st, c.reason, ENDING_RANK_STRONG);
	memcpy(m->blocklist, c.blocklist, sizeof(m->blocklist));
	m->with_reply = true;
}

/*
 * The address's own RCPT reply.  A TLS policy (DANE, MTA-STS enforce) of
 * the recipient stops a sender before RCPT matters; an accepted address
 * at a catch-all domain proves nothing about the address.
 */
static void
ending_rcpt(const struct ending *e, struct ending_meaning *m)
{
	if (e->policy != ENDING_POLICY_NONE) {
		ending_set(m, VERDICT_TLS_FAILED, STAGE_STARTTLS,
		    e->policy == ENDING_POLICY_DANE ? REASON_TLS_POLICY_DANE :
		    REASON_TLS_POLICY_MTA_STS, ENDING_RANK_STRONG);
		return;
	}
	ending_reply(e, STAGE_RCPT, m);
	if (m->verdict == VERDICT_DELIVERABLE && e->catch_all == 1) {
		m->verdict = VERDICT_CATCH_ALL;
		m->reason = REASON_CATCH_ALL;
		m->blocklist[0] = '\0';
	}
}

void
ending_judge(const struct ending *e, struct ending_meaning *m)
{
	/* ended before the server said anything that counts */
	bool early = !stage_before(STAGE_BANNER, e->stage);
	struct classification c;

	memset(m, 0, sizeof(*m));
	switch (e->kind) {
	case ENDING_NOTHING:
		ending_set(m, VERDICT_UNREACHABLE, STAGE_CONNECT,
		    REASON_CONNECTION_FAILED, ENDING_RANK_FALLBACK);
		return;
	case ENDING_DNS:
		if ((unsigned)e->dns >= ENDING_DNS__LAST)
			fatalx("%s: bad DNS ending %d", __func__, (int)e->dns);
		ending_set(m, ending_dns_meaning[e->dns].verdict, STAGE_DNS,
		    ending_dns_meaning[e->dns].reason, ENDING_RANK_STRONG);
		m->final = true;
		return;
	case ENDING_DNS_STOPPED:
		ending_set(m, VERDICT_DNS_ERROR, STAGE_DNS, REASON_DNS_TIMEOUT,
		    ENDING_RANK_STRONG);
		return;
	case ENDING_PRIVATE_ONLY:
		ending_set(m, VERDICT_UNREACHABLE, STAGE_CONNECT,
		    REASON_PRIVATE_ADDRESS, ENDING_RANK_FALLBACK);
		return;
	case ENDING_FAMILY_EXCLUDED:
		ending_set(m, VERDICT_UNREACHABLE, STAGE_CONNECT,
		    REASON_NO_ADDRESS, ENDING_RANK_FALLBACK);
		return;
	case ENDING_CONNECT_FAILED:
		/* every connect forbidden here: this machine's own policy,
		 * nothing was sent to the recipient */
		if (e->connects > 0 && e->connect_denied == e->connects &&
		    !e->via_proxy) {
			ending_set(m, VERDICT_UNREACHABLE, STAGE_CONNECT,
			    REASON_LOCAL_FIREWALL, ENDING_RANK_WEAK);
			return;
		}
		/* every connect timed out: port 25 is filtered on the way,
		 * through a proxy on the proxy's side, not the user's - unless
		 * another server answered on port 25 the same way in this run:
		 * then the way out is open, and these servers are down or
		 * dropped on their side */
		ending_set(m, VERDICT_UNREACHABLE, STAGE_CONNECT,
		    e->connects == 0 || e->connect_timeouts != e->connects ||
		    e->port25_open ? REASON_CONNECTION_FAILED : e->via_proxy ?
		    REASON_PROXY_PORT25_FILTERED : REASON_PORT25_FILTERED,
		    ENDING_RANK_WEAK);
		return;
	case ENDING_PROXY_FAILED:
		/*
		 * the user's proxy, not the recipient: every MX would meet it
		 */
		classify_proxy(e->proxy_fail, e->proxy_rep, &c);
		ending_set(m, c.verdict, STAGE_PROXY, c.reason,
		    ENDING_RANK_WEAK);
		m->final = true;
		return;
	case ENDING_REJECTED:
		ending_reply(e, e->stage, m);
		/* a definite (5xx) no ends the domain; 4xx: the next MX */
		m->final = e->code >= 500;
		return;
	case ENDING_TLS_FAILED:
		/*
		 * without --require-tls an MTA retries in plain text: no
		 * finding
		 */
		if (!e->tls_required)
			return;
		ending_set(m, VERDICT_TLS_FAILED, STAGE_STARTTLS,
		    ending_tls_reason[e->tls], ENDING_RANK_STRONG);
		m->with_reply = true;
		return;
	case ENDING_TIMEOUT:
		ending_set(m, early ? VERDICT_UNREACHABLE : VERDICT_TEMPORARY,
		    e->stage, REASON_TIMEOUT, ENDING_RANK_WEAK);
		return;
	case ENDING_CLOSED:
		ending_set(m, early ? VERDICT_UNREACHABLE : VERDICT_TEMPORARY,
		    e->stage, early ? REASON_CONNECTION_FAILED :
		    REASON_REMOTE_SERVER_ERROR, ENDING_RANK_WEAK);
		return;
	case ENDING_PROTOCOL_ERROR:
		ending_set(m, VERDICT_PROTOCOL_ERROR, e->stage,
		    REASON_PROTOCOL_VIOLATION, ENDING_RANK_STRONG);
		m->with_reply = true;
		return;
	case ENDING_SMTPUTF8:
		ending_set(m, VERDICT_UNDELIVERABLE, e->stage,
		    REASON_SMTPUTF8_UNSUPPORTED, ENDING_RANK_STRONG);
		m->with_reply = true;
		m->final = true;
		return;
	case ENDING_DEADLINE:
		/*
		 * while DNS was still answering: the lookup never finished, as
		 * when it is stopped, but the user's own limit stopped it, not
		 * a resolver that failed to answer within --timeout
		 */
		if (e->stage == STAGE_DNS) {
			ending_set(m, VERDICT_DNS_ERROR, STAGE_DNS,
			    REASON_DEADLINE, ENDING_RANK_STRONG);
			return;
		}
		/*
		 * at the stage the session waited at, with the verdict of a
		 * step's timeout there; but the user's own limit ended it, not
		 * the server's silence (--timeout): the reason says so
		 */
		ending_set(m, early ? VERDICT_UNREACHABLE : VERDICT_TEMPORARY,
		    e->stage, REASON_DEADLINE, ENDING_RANK_WEAK);
		return;
	case ENDING_STOPPED:
		ending_set(m, VERDICT_TEMPORARY, STAGE_CONNECT, REASON_TIMEOUT,
		    ENDING_RANK_FALLBACK);
		return;
	case ENDING_RCPT:
		ending_rcpt(e, m);
		return;
	case ENDING__LAST:
		break;
	}
	fatalx("%s: bad ending %d", __func__, (int)e->kind);
}

/*
 * Linux gives EPERM when a netfilter OUTPUT rule drops or rejects the
 * SYN, EACCES for a "prohibit" route: either way the packet never left,
 * so the recipient's server is not to blame.
 */
bool
ending_connect_denied(int err)
{
	return err == EPERM || err == EACCES;
}

bool
ending_replaces(const struct ending_meaning *m, bool held_set,
    enum verdict held_verdict)
{
	if (!m->decided)
		return false;
	switch (m->rank) {
	case ENDING_RANK_STRONG:
		return true;
	case ENDING_RANK_WEAK:
		return !held_set || held_verdict == VERDICT_UNREACHABLE;
	case ENDING_RANK_FALLBACK:
		return !held_set;
	}
	return false;
}

int
ending_catch_all_probe(int code)
{
	if (code >= 200 && code < 300)
		return 1;
	if (code >= 500)
		return 0;
	return -1;
}

bool
ending_denies_catch_all(int code, const char *enhanced, const char *text,
    size_t textlen)
{
	struct classification c;

	if (code < 500)
		return false;
	classify_reply(STAGE_RCPT, code, enhanced ? enhanced : "", text,
	    textlen, NULL, &c);
	return c.reason == REASON_MAILBOX_UNKNOWN;
}
