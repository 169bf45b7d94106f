/*
 * job.c - the probe engine.  A job takes one domain and its recipients
 * through the MX plan the way an MTA would: each address of each MX host in
 * order, the next one when a host refuses, times out or defers at the
 * banner, a reconnect without STARTTLS when the handshake fails (unless TLS
 * is required), and stops at the first host that answers RCPT.  What an
 * ending (a reply, a timeout, a refusal, a DNS plan ...) means is decided
 * by meaning/ending.c: this file only reports what happened, keeps the
 * worst finding and decides where to go next.
 *
 * Public: probe_job_start, probe_job_resume, probe_job_abort,
 * probe_record_plan, probe_decide_plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "meaning/ending.h"
#include "meaning/hostsig.h"
#include "net/tls.h"
#include "engine/batch.h"
#include "engine/job.h"
#include "engine/lookahead.h"
#include "engine/pool.h"
#include "engine/policy.h"

enum job_state {
	JOB_DNS,	/* waiting for the MX plan */
	JOB_NEXT,	/* pick the next address to connect to */
	JOB_GATE,	/* waiting for the gate to admit a session */
	JOB_SESSION,	/* a session is running */
	JOB_AHEAD,	/* waiting for the check of the address it picked */
	JOB_DONE,
	JOB__LAST
};

/* The worst thing seen so far for recipients not yet decided. */
struct job_failure {
	bool			 set;
	struct ending_meaning	 m;
	struct step		 reply;		/* owned copy when reply.code != 0 */
};

struct probe_job {
	const struct probe_env	*env;
	enum job_state		 state;
	char			*domain;
	struct mxplan		*own_plan;	/* owned when we resolved it */
	const struct mxplan	*plan;
	struct dns_req		*dns;
	const char *const	*rcpts;		/* borrowed */
	struct probe_result	**results;	/* borrowed */
	bool			*finished;	/* owned, per recipient: reported */
	struct step		*rstep;		/* owned, per recipient: RCPT reply of
						 * the running session (code 0: none) */
	size_t			*rpos;		/* owned, per recipient: where that RCPT
						 * stands among the session's steps */
	unsigned long		*rseq;		/* owned, per recipient: when it came */
	struct step		*ostep;		/* owned, per recipient: its "too many
						 * recipients" reply in the running session */
	size_t			*opos;
	unsigned long		*oseq;
	struct step		*hstep;		/* owned, per recipient: a 2xx held until
						 * the catch-all probe is answered */
	bool			*held;
	unsigned long		 seq;		/* replies so far: their order */
	unsigned long		 seen, rejected;	/* RCPT replies to the job so far */
	size_t			 n, left;
	int			 catch_all;	/* -1 unknown, 0, 1 */
	bool			 check_catch_all;
	char			*catch_all_rcpt;	/* owned */
	int			 catch_all_reply;	/* code of its RCPT reply */
	struct step		 catch_all_step;	/* its RCPT step in the running session */
	size_t			 catch_all_pos;
	unsigned long		 catch_all_seq;
	struct step		 catch_all_ostep;	/* its "too many recipients" there */
	size_t			 catch_all_opos;
	unsigned long		 catch_all_oseq;
	size_t			 host, addr;	/* next address to try */
	bool			 plain_retry;	/* reconnect to the same address without TLS */
	bool			 again;		/* a fresh session to the same address */
	bool			 fresh;		/* ... that must not come from the pool */
	bool			 come_again;	/* postscreen said "reconnect" this session */
	unsigned		 fruitless;	/* sessions again in a row that answered
						 * none of the job's recipients */
	unsigned		 postscreen_tries;
	bool			 no_tls;	/* the current session skips STARTTLS */
	struct batch_rider	 rider;		/* how it waits for and rides sessions */
	const char		**sess_rcpts;	/* owned array of borrowed strings */
	size_t			*sess_idx;	/* owned: session rcpt -> recipient index */
	size_t			 sess_n;
	struct session		*sess;
	const char		*sess_ip;
	unsigned		 connect_tries, connect_timeouts, connect_denied;
	unsigned		 private_skipped;
	unsigned		 family_skipped;	/* addresses -4/-6/--source rule out */
	size_t			 sess_host;	/* plan host of the running session */
	struct lookahead	*ahead;		/* owned; NULL: nothing ahead to check */
	size_t			 switch_to;	/* leaving the session for this address
						 * of its host; SIZE_MAX: not */
	long long		 switch_since;	/* when the connect given up began */
	struct policy_req	*pol;		/* owned; MTA-STS/TLS-RPT lookup in flight */
	bool			 pol_wait;	/* sessions wait for it */
	struct tls_policy_rec	*pol_rec;	/* owned; what it found */
	struct mtasts_policy	*sts;		/* owned; the valid MTA-STS policy, or NULL */
	struct job_failure	 failure;
	long long		 started;
	struct event		*kick;		/* zero-delay step from the loop */
	struct event		*deadline;
	bool			 aborting;
	bool			 deadline_passed;	/* --deadline ended the job */
	bool			 plan_recorded;
	probe_result_cb		*result_cb;
	probe_done_cb		*done_cb;
	void			*arg;
};

static void	job_step(struct probe_job *);
static void	job_finish(struct probe_job *);
static bool	job_again(struct probe_job *, const struct session_outcome *);
static bool	job_take_pooled(struct probe_job *, const char *key);
static void	job_ahead_switched(struct probe_job *, const struct attempt *);
static void	job_release_held(struct probe_job *, const char *mx);

/*
 * Report an ending to meaning/ending.c and keep what it means when it
 * outranks what the job found so far.  reply: the decisive step, if any.
 * Returns the meaning (final: every open recipient is decided by it).
 */
static struct ending_meaning
failure_note(struct job_failure *f, struct ending *e, const struct step *reply)
{
	struct ending_meaning m;

	if (reply != NULL) {
		e->code = reply->code;
		e->enhanced = reply->enhanced;
		e->text = reply->text;
		e->textlen = reply->textlen;
	}
	ending_judge(e, &m);
	if (!ending_replaces(&m, f->set, f->m.verdict))
		return m;
	if (f->set && f->reply.code)
		step_free(&f->reply);
	memset(f, 0, sizeof(*f));
	f->set = true;
	f->m = m;
	if (m.with_reply && reply != NULL && reply->code)
		step_copy(&f->reply, reply);
	return m;
}

/* failure_note for an ending with nothing but its kind and stage. */
static void
failure_kind(struct job_failure *f, enum ending_kind kind, enum stage st)
{
	struct ending e = { .kind = kind, .stage = st };

	failure_note(f, &e, NULL);
}

/* An MX host's DNSSEC status and TLSA records, as the record shows them. */
static void
probe_record_dane(struct mx_summary *m, const struct mx_host *h)
{
	static const char *const dane[] = {
		[MX_DANE_NONE] = "none", [MX_DANE_IGNORED] = "ignored",
		[MX_DANE_APPLIES] = "applies", [MX_DANE_BOGUS] = "bogus",
	};
	size_t k;
	char *txt;

	if (h->addr_seen)
		snprintf(m->dnssec, sizeof(m->dnssec), "%s",
		    dns_sec_name(h->addr_sec));
	snprintf(m->dane, sizeof(m->dane), "%s", dane[h->dane]);
	if (h->ntlsa > 0 || h->dane == MX_DANE_BOGUS)
		snprintf(m->tlsa_dnssec, sizeof(m->tlsa_dnssec), "%s",
		    dns_sec_name(h->tlsa_sec));
	for (k = 0; k < h->ntlsa; k++) {
		const struct tls_tlsa *t = &h->tlsa[k];

		txt = tls_tlsa_text(t->usage, t->selector, t->mtype, t->data,
		    t->len);
		strlist_add(&m->tlsa, txt);
		free(txt);
	}
}

void
probe_record_plan(struct probe_result *r, const struct mxplan *p)
{
	size_t i, j;

	r->dns_ms = p->dns_ms;
	strlist_add_all(&r->warnings, &p->warnings);
	if (p->status != PLAN_TIMEOUT)
		snprintf(r->dnssec, sizeof(r->dnssec), "%s", dns_sec_name(p->mx_sec));
	if (p->nhosts == 0)
		return;
	r->mx = xcalloc(p->nhosts, sizeof(*r->mx));
	r->nmx = p->nhosts;
	for (i = 0; i < p->nhosts; i++) {
		const struct mx_host *h = &p->hosts[i];

		r->mx[i].host = xstrdup(h->name);
		r->mx[i].preference = h->preference;
		for (j = 0; j < h->naddrs; j++)
			strlist_add(&r->mx[i].addresses, h->addrs[j].text);
		for (j = 0; j < h->warnings.n; j++)
			strlist_add(&r->mx[i].warnings, h->warnings.v[j]);
		probe_record_dane(&r->mx[i], h);
	}
}

/* A plan's status as an ending (names only; ending.c says what it means). */
static const enum ending_dns plan_ending[] = {
	[PLAN_NXDOMAIN] = ENDING_DNS_NXDOMAIN,
	[PLAN_NO_MAIL] = ENDING_DNS_NO_MAIL,
	[PLAN_NULL_MX] = ENDING_DNS_NULL_MX,
	[PLAN_NO_ADDRESS] = ENDING_DNS_NO_ADDRESS,
	[PLAN_SERVFAIL] = ENDING_DNS_SERVFAIL,
	[PLAN_TIMEOUT] = ENDING_DNS_TIMEOUT,
	[PLAN_BOGUS] = ENDING_DNS_BOGUS,
};

bool
probe_decide_plan(struct probe_result *r, const struct mxplan *p)
{
	struct ending e = { .kind = ENDING_DNS, .stage = STAGE_DNS };
	struct ending_meaning m;

	if (p->status == PLAN_OK)
		return false;
	if ((size_t)p->status >= sizeof(plan_ending) / sizeof(plan_ending[0]))
		fatalx("%s: bad plan status %d", __func__, (int)p->status);
	e.dns = plan_ending[p->status];
	ending_judge(&e, &m);
	result_decide(r, m.verdict, m.stage, m.reason, NULL, NULL);
	if (p->error != NULL)
		strlist_addf(&r->warnings, "DNS: %s", p->error);
	return true;
}

/* The words of a DNS lookup --deadline ended: the option and its value. */
static void
dns_deadline_warn(struct probe_result *r, const char *domain,
    long long deadline_ms)
{
	char d[32];

	strlist_addf(&r->warnings, "--deadline %s passed while the DNS lookup "
	    "of %s was still waiting for answers",
	    duration_text(d, sizeof(d), deadline_ms), domain);
}

void
probe_decide_dns_deadline(struct probe_result *r, const char *domain,
    long long deadline_ms)
{
	struct ending e = { .kind = ENDING_DEADLINE, .stage = STAGE_DNS };
	struct ending_meaning m;

	ending_judge(&e, &m);
	result_decide(r, m.verdict, m.stage, m.reason, NULL, NULL);
	dns_deadline_warn(r, domain, deadline_ms);
}

/* Hand one finished recipient to the caller. */
static void
job_report(struct probe_job *j, size_t i)
{
	struct probe_result *r = j->results[i];

	if (j->finished[i])
		return;
	j->finished[i] = true;
	j->left--;
	r->total_ms = now_ms() - j->started;
	r->deadline_ms = j->env->session.deadline_ms;
	if (r->catch_all < 0 && j->catch_all >= 0)
		r->catch_all = j->catch_all;
	if (j->pol_rec != NULL && r->policy == NULL) {
		r->policy = policy_rec_copy(j->pol_rec);
		/* Said nowhere else: the trace shows no MTA-STS line. */
		if (!r->policy->sts_policy && r->policy->sts_error != NULL)
			strlist_addf(&r->warnings, "%s publishes MTA-STS, but no "
			    "valid policy could be had (%s): senders apply none, "
			    "so TLS to its MX hosts is not enforced", j->domain,
			    r->policy->sts_error);
	}
	j->result_cb(j->arg, i, r);
}

static void
job_report_failure(struct probe_job *j)
{
	struct job_failure *f = &j->failure;
	size_t i;

	failure_kind(f, ENDING_NOTHING, STAGE_CONNECT);
	for (i = 0; i < j->n; i++) {
		if (j->finished[i])
			continue;
		result_decide(j->results[i], f->m.verdict, f->m.stage,
		    f->m.reason, f->reply.code ? &f->reply : NULL,
		    f->m.blocklist);
		job_report(j, i);
	}
}

static void
job_kick_cb(evutil_socket_t fd, short ev, void *arg)
{
	(void)fd;
	(void)ev;
	job_step(arg);
}

static void
job_schedule(struct probe_job *j)
{
	static const struct timeval zero = { 0, 0 };

	event_add(j->kick, &zero);
}

/* The domain's TLS policy is known: sessions may start. */
static void
job_policy_cb(void *arg, struct tls_policy_rec *rec, struct mtasts_policy *sts)
{
	struct probe_job *j = arg;

	j->pol = NULL;
	j->pol_wait = false;
	j->pol_rec = rec;
	j->sts = sts;
	if (j->env->policy_cache != NULL)
		policy_cache_put(j->env->policy_cache, j->domain, rec, sts);
	if (j->state == JOB_NEXT)
		job_step(j);
}

static void
job_plan_cb(void *arg, struct mxplan *plan)
{
	struct probe_job *j = arg;

	j->dns = NULL;
	j->own_plan = plan;
	j->plan = plan;
	j->state = JOB_NEXT;
	job_step(j);
}

static void
job_deadline_cb(evutil_socket_t fd, short ev, void *arg)
{
	struct probe_job *j = arg;
	long long since;
	enum stage st = j->sess != NULL ?
	    session_waiting(j->sess, &since) : STAGE__LAST;

	(void)fd;
	(void)ev;
	failure_kind(&j->failure, ENDING_DEADLINE,
	    st == STAGE__LAST ? STAGE_CONNECT : st);
	j->deadline_passed = true;
	probe_job_abort(j, true);
}

struct probe_job *
probe_job_start(const struct probe_env *env, const char *domain,
    const struct mxplan *plan, const char *const *rcpts,
    struct probe_result **results, size_t n, int catch_all_hint,
    probe_result_cb *result_cb, probe_done_cb *done_cb, void *arg)
{
	struct probe_job *j = xcalloc(1, sizeof(*j));
	unsigned char rnd[6];
	size_t i;

	/* without a hub a READY session would be aborted by a freed batch */
	if (env->pool != NULL && env->batches == NULL)
		fatalx("%s: a session pool needs a batch hub", __func__);
	j->env = env;
	j->domain = xstrdup(domain);
	j->rcpts = rcpts;
	j->results = results;
	j->n = j->left = n;
	j->finished = xcalloc(n, sizeof(*j->finished));
	j->rstep = xcalloc(n, sizeof(*j->rstep));
	j->rpos = xcalloc(n, sizeof(*j->rpos));
	j->rseq = xcalloc(n, sizeof(*j->rseq));
	j->ostep = xcalloc(n, sizeof(*j->ostep));
	j->opos = xcalloc(n, sizeof(*j->opos));
	j->oseq = xcalloc(n, sizeof(*j->oseq));
	j->hstep = xcalloc(n, sizeof(*j->hstep));
	j->held = xcalloc(n, sizeof(*j->held));
	j->catch_all = catch_all_hint;
	j->check_catch_all = catch_all_hint < 0 && env->catch_all_check;
	if (j->check_catch_all) {
		if (RAND_bytes(rnd, sizeof(rnd)) != 1)
			fatalx("%s: RAND_bytes failed", __func__);
		j->catch_all_rcpt = xasprintf("mxtrace-%02x%02x%02x%02x%02x%02x@%s",
		    rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5], domain);
	}
	j->sess_rcpts = xcalloc(n + 1, sizeof(*j->sess_rcpts));
	j->sess_idx = xcalloc(n + 1, sizeof(*j->sess_idx));
	j->result_cb = result_cb;
	j->done_cb = done_cb;
	j->arg = arg;
	j->started = now_ms();
	j->switch_to = SIZE_MAX;
	j->kick = evtimer_new(env->base, job_kick_cb, j);
	if (j->kick == NULL)
		fatalx("%s: evtimer_new", __func__);
	if (env->job_deadline_ms > 0) {
		struct timeval tv = {
			.tv_sec = env->job_deadline_ms / 1000,
			.tv_usec = (env->job_deadline_ms % 1000) * 1000,
		};

		j->deadline = evtimer_new(env->base, job_deadline_cb, j);
		if (j->deadline == NULL)
			fatalx("%s: evtimer_new", __func__);
		evtimer_add(j->deadline, &tv);
	}
	for (i = 0; i < n; i++) {
		free(results[i]->domain);
		results[i]->domain = xstrdup(domain);
	}
	/* A domain whose policy verify knows already does not wait for it. */
	if ((env->policy_cache == NULL || !policy_cache_get(env->policy_cache,
	    domain, &j->pol_rec, &j->sts)) && env->https_ctx != NULL) {
		j->pol = policy_start(env->base, env->dns, env->https_ctx,
		    env->allow_private, env->session.stage_timeout_ms, domain,
		    job_policy_cb, j);
		j->pol_wait = true;
	}
	if (plan != NULL) {
		j->plan = plan;
		j->state = JOB_NEXT;
		job_schedule(j);
	} else {
		j->state = JOB_DNS;
		j->dns = dns_plan(env->dns, domain, job_plan_cb, j);
	}
	return j;
}

/*
 * A session that got past EHLO unencrypted: say whether STARTTLS was
 * refused or never offered (a sender requiring TLS would not deliver, and
 * a missing offer is what a downgrade attack looks like).
 */
static void
attempt_tls_warnings(struct probe_result *r, const struct attempt *a)
{
	const struct step *greet = NULL, *stls = NULL;
	struct ehlo_caps caps;
	struct reply rep;
	size_t i;

	for (i = 0; i < a->nsteps; i++) {
		const struct step *st = &a->steps[i];

		if (st->stage == STAGE_EHLO && st->code / 100 == 2)
			greet = st;
		if (st->stage == STAGE_STARTTLS && st->command != NULL)
			stls = st;
	}
	if (a->tls != NULL || greet == NULL)
		return;
	if (stls != NULL) {
		if (stls->code >= 400)
			strlist_addf(&r->warnings, "%s %s: STARTTLS refused (%d%s%s): "
			    "the session went on unencrypted; a sender that "
			    "requires TLS will not deliver here", a->mx, a->ip,
			    stls->code, stls->enhanced[0] ? " " : "", stls->enhanced);
		return;
	}
	memset(&rep, 0, sizeof(rep));
	rep.code = greet->code;
	rep.text = greet->text;
	rep.textlen = greet->textlen;
	ehlo_parse_caps(&rep, &caps);
	if (greet->command != NULL && strncmp(greet->command, "HELO", 4) == 0)
		caps.starttls = false;
	if (!caps.starttls)
		strlist_addf(&r->warnings, "%s %s: the server does not offer "
		    "STARTTLS: mail to it travels unencrypted, and an offer "
		    "stripped on the way (a downgrade attack) looks the same",
		    a->mx, a->ip);
}

/*
 * Lift what a session's transcript shows into result warnings.  A
 * handshake failure that ended the attempt without --require-tls is
 * retried in plain text, and job_tls_retry's warning says it with its
 * cause: the STARTTLS step's own would say the same failure twice.
 */
static void
attempt_warnings(struct probe_result *r, const struct attempt *a, bool tls,
    bool require_tls)
{
	static const char failed[] = "TLS handshake failed";
	bool retried = !require_tls && a->error != NULL &&
	    strncmp(a->error, failed, sizeof(failed) - 1) == 0;
	unsigned seen = 0;
	size_t i;

	if (tls)
		attempt_tls_warnings(r, a);

	for (i = 0; i < a->nsteps; i++) {
		if (a->steps[i].stage == STAGE_STARTTLS && a->steps[i].error &&
		    !retried)
			strlist_addf(&r->warnings, "%s %s: STARTTLS: %s",
			    a->mx, a->ip, a->steps[i].error);
		seen |= a->steps[i].anomalies;
	}
	if (seen & REPLY_A_BARE_LF)
		strlist_addf(&r->warnings, "%s %s: reply lines end in a bare LF "
		    "instead of CRLF (RFC 5321 2.3.8)", a->mx, a->ip);
	if (seen & REPLY_A_GB18030)
		strlist_addf(&r->warnings, "%s %s: a reply in GB18030 (GBK), "
		    "not UTF-8, is shown decoded", a->mx, a->ip);
	if (seen & REPLY_A_BAD_ENHANCED)
		strlist_addf(&r->warnings, "%s %s: a malformed enhanced status "
		    "code, or one of another class than its reply, was ignored "
		    "(RFC 3463)", a->mx, a->ip);
}

/* Put a copy of step at position at of the transcript. */
static void
attempt_insert_step(struct attempt *dst, size_t at, const struct step *step)
{
	size_t i;

	if (at > dst->nsteps)
		at = dst->nsteps;
	attempt_add_step(dst, step->stage, NULL);
	for (i = dst->nsteps - 1; i > at; i--)
		dst->steps[i] = dst->steps[i - 1];
	step_copy(&dst->steps[at], step);
}

/* A step of the recipient's own to put into its copy of a session. */
struct own_step {
	const struct step	*st;
	size_t			 pos;		/* among the session's common steps */
	unsigned long		 seq;		/* when it came */
};

/*
 * A recipient's copy of a session (i: its index; j->n: none): the common
 * steps (greeting, MAIL, RSET, QUIT - no other recipient's RCPT is among
 * them) with its own RCPT replies and its domain's catch-all RCPT of the
 * same session where they came.
 */
static void
record_attempt(struct probe_job *j, struct probe_result *r,
    const struct attempt *a, size_t i)
{
	struct attempt *dst = result_add_attempt(r);
	struct own_step own[4], t;
	size_t n = 0, k, m;

	attempt_copy(dst, a);
	/* the session only knows it was aborted; the job knows why */
	if (j->deadline_passed && dst->error != NULL &&
	    strcmp(dst->error, "aborted") == 0) {
		char d[32];

		free(dst->error);
		dst->error = xasprintf("stopped: the deadline for the whole "
		    "probe of this domain passed (--deadline %s)",
		    duration_text(d, sizeof(d), j->env->job_deadline_ms));
	}
	if (j->catch_all_step.code != 0)
		own[n++] = (struct own_step){ &j->catch_all_step,
		    j->catch_all_pos, j->catch_all_seq };
	if (j->catch_all_ostep.code != 0)
		own[n++] = (struct own_step){ &j->catch_all_ostep,
		    j->catch_all_opos, j->catch_all_oseq };
	if (i < j->n && j->ostep[i].code != 0)
		own[n++] = (struct own_step){ &j->ostep[i], j->opos[i], j->oseq[i] };
	if (i < j->n && j->rstep[i].code != 0)
		own[n++] = (struct own_step){ &j->rstep[i], j->rpos[i], j->rseq[i] };
	/* the latest first: a step inserted at the same place goes before it */
	for (k = 1; k < n; k++)
		for (m = k; m > 0 && (own[m].pos > own[m - 1].pos ||
		    (own[m].pos == own[m - 1].pos &&
		    own[m].seq > own[m - 1].seq)); m--) {
			t = own[m];
			own[m] = own[m - 1];
			own[m - 1] = t;
		}
	for (k = 0; k < n; k++)
		attempt_insert_step(dst, own[k].pos, own[k].st);
	attempt_warnings(r, dst, j->env->session.starttls && !j->no_tls,
	    j->env->session.require_tls);
}

/*
 * What a reply says about the session rather than the address; only the
 * first postscreen "come again"s count as such (then it is an answer).
 */
static enum hostsig
job_signal(struct probe_job *j, const struct step *st)
{
	enum hostsig sig = hostsig_of(st->code, st->enhanced, st->text,
	    st->textlen);

	if (sig == HOSTSIG_RECONNECT) {
		if (j->postscreen_tries >= 2)
			return HOSTSIG_NONE;
		j->come_again = true;
	}
	return sig;
}

/* Keep a copy of a reply st of the running session, where and when it came. */
static void
job_keep_step(struct probe_job *j, struct step *dst, size_t *pos,
    unsigned long *seq, const struct step *st)
{
	step_free(dst);
	step_copy(dst, st);
	*pos = session_nsteps(j->sess);
	*seq = ++j->seq;
}

/* The recipient of the session's k-th RCPT (j->n: the catch-all probe). */
static size_t
job_rcpt_of(const struct probe_job *j, size_t k)
{
	if (k >= j->sess_n)
		fatalx("%s: recipient %zu of %zu", __func__, k, j->sess_n);
	return j->sess_idx[k];
}

/*
 * A server answered on port 25: the run's way out is open, so a domain
 * whose every connect times out is not said to be blocked here
 * (meaning/ending.c).  Counted as soon as it is known: a session kept
 * for reuse ends only with the run.
 */
static void
job_port25_answered(const struct probe_job *j)
{
	if (j->env->port25_answered != NULL)
		(*j->env->port25_answered)++;
}

static void
session_rcpt_cb(void *arg, size_t k, const struct step *st)
{
	struct probe_job *j = arg;
	size_t i = job_rcpt_of(j, k);

	job_port25_answered(j);
	if (j->env->watch != NULL)
		j->env->watch->rcpt(j->env->watch->arg, st);
	if (i == j->n) {		/* the catch-all probe */
		job_keep_step(j, &j->catch_all_step, &j->catch_all_pos,
		    &j->catch_all_seq, st);
		if (job_signal(j, st) == HOSTSIG_RECONNECT)
			return;		/* asked again in the next session */
		j->catch_all_reply = st->code;
		if (ending_catch_all_probe(st->code) >= 0)
			j->catch_all = ending_catch_all_probe(st->code);
		return;
	}
	job_keep_step(j, &j->rstep[i], &j->rpos[i], &j->rseq[i], st);
	j->seen++;
	if (st->code >= 400)
		j->rejected++;
	if (j->catch_all < 0 && ending_denies_catch_all(st->code, st->enhanced,
	    st->text, st->textlen))
		j->catch_all = 0;
}

/* A recipient answered "too many recipients": its record keeps the reply. */
static void
session_retry_cb(void *arg, size_t k, const struct step *st)
{
	struct probe_job *j = arg;
	size_t i = job_rcpt_of(j, k);

	if (i == j->n)
		job_keep_step(j, &j->catch_all_ostep, &j->catch_all_opos,
		    &j->catch_all_oseq, st);
	else
		job_keep_step(j, &j->ostep[i], &j->opos[i], &j->oseq[i], st);
}

/*
 * The catch-all probe only where it can still tell something: in a round
 * of its own, after every reply for the domain's addresses, so that one
 * "no such user" among them spares the server (and the session's error
 * budget) a rejected random address.
 */
static bool
session_want_cb(void *arg, size_t k, bool first)
{
	struct probe_job *j = arg;

	if (k >= j->sess_n || j->sess_idx[k] != j->n)
		return true;
	return first && j->catch_all < 0;
}

/*
 * Why a sender that honours the domain's MTA-STS policy in enforce mode
 * (RFC 8461 4.2) would not deliver to this attempt's MX host: the host is
 * not in the policy's mx patterns, or its certificate does not verify for
 * its name, or there was no TLS.  NULL when it would, when the policy is
 * not enforce, or when DANE applies (DANE takes precedence, RFC 8461 2).
 * Notes the outcome in the record's satisfied flag; testing mode only
 * warns.
 */
static const char *
job_sts_failure(struct probe_job *j, const struct attempt *a)
{
	const struct mx_host *h = &j->plan->hosts[j->sess_host];
	const char *why = NULL;
	size_t i;

	if (j->sts == NULL || j->sts->mode == MTASTS_NONE ||
	    h->dane == MX_DANE_APPLIES)
		return NULL;
	if (!mtasts_mx_match(j->sts, a->mx))
		why = "the MX host is not in the domain's MTA-STS policy";
	else if (a->tls == NULL)
		why = "the session had no TLS, which the domain's MTA-STS "
		    "policy requires";
	else if (!a->tls->verified || !a->tls->name_match)
		why = "its certificate does not verify for its name, which the "
		    "domain's MTA-STS policy requires";
	if (j->pol_rec->sts_satisfied != 1)
		j->pol_rec->sts_satisfied = why == NULL;
	if (why == NULL || j->sts->mode == MTASTS_ENFORCE)
		return why;
	for (i = 0; i < j->n; i++)
		if (!j->finished[i])
			strlist_addf(&j->results[i]->warnings, "%s %s: %s (mode "
			    "testing: senders only report it)", a->mx, a->ip, why);
	return NULL;
}

/*
 * Why a DANE-aware sender (RFC 7672) would not deliver to this attempt's
 * MX host, or NULL: its TLSA records are DNSSEC-secure and the session did
 * not authenticate the server by them (no TLS, or no record matched), or
 * its TLSA answer was bogus.
 */
static const char *
job_dane_failure(const struct probe_job *j, const struct attempt *a)
{
	const struct mx_host *h = &j->plan->hosts[j->sess_host];
	const struct tls_dane *d = a->tls != NULL ? a->tls->dane : NULL;

	if (h->dane == MX_DANE_BOGUS)
		return "its TLSA records failed DNSSEC validation";
	if (h->dane != MX_DANE_APPLIES)
		return NULL;
	if (a->tls == NULL)
		return "it publishes DNSSEC-secure TLSA records but the session "
		    "had no TLS";
	if (d == NULL || (d->usable > 0 && !d->verified))
		return "its certificate matches none of its DNSSEC-secure TLSA "
		    "records";
	return NULL;
}

/*
 * Decide recipient i by its RCPT reply st (the catch-all answer known);
 * policy: a TLS policy (DANE, MTA-STS) the session failed, whose sender
 * would not deliver although RCPT was answered.
 */
static void
job_decide_reply(struct probe_job *j, size_t i, const struct step *st,
    const char *mx, enum ending_policy policy)
{
	struct ending e = { .kind = ENDING_RCPT, .stage = STAGE_RCPT,
	    .mx = mx, .policy = policy };
	struct ending_meaning m;

	e.code = st->code;
	e.enhanced = st->enhanced;
	e.text = st->text;
	e.textlen = st->textlen;
	e.catch_all = j->catch_all;
	ending_judge(&e, &m);
	result_decide(j->results[i], m.verdict, m.stage, m.reason,
	    m.with_reply ? st : NULL, m.blocklist);
	job_report(j, i);
}

/* Will the catch-all probe still be asked (its answer not in yet)? */
static bool
job_probe_open(const struct probe_job *j)
{
	return j->check_catch_all && j->catch_all < 0 &&
	    j->catch_all_reply == 0;
}

/*
 * Decide the recipients held for the probe's answer, once it came or will
 * not come (the job ends).  mx: the host that answered them, for the
 * classifier's provider hints.
 */
static void
job_release_held(struct probe_job *j, const char *mx)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		if (!j->held[i])
			continue;
		j->held[i] = false;
		if (!j->finished[i])
			job_decide_reply(j, i, &j->hstep[i], mx,
			    ENDING_POLICY_NONE);
		step_free(&j->hstep[i]);
	}
}

/*
 * Decide the recipients that got an RCPT reply in this session.  2xx and
 * 5xx are final; a 4xx is final too (greylisting is per recipient, another
 * MX would only hide it), the caller retries later if it wants to.  A 2xx
 * waits (held) while the domain's catch-all probe is still to be asked:
 * at a catch-all domain it means nothing.
 */
static void
job_decide_rcpts(struct probe_job *j, const struct attempt *a)
{
	enum ending_policy pol = ENDING_POLICY_NONE;
	struct probe_result *r;
	const char *policy = job_dane_failure(j, a);
	size_t i;

	if (policy != NULL)
		pol = ENDING_POLICY_DANE;
	else if ((policy = job_sts_failure(j, a)) != NULL)
		pol = ENDING_POLICY_MTA_STS;

	for (i = 0; i < j->n; i++) {
		struct step *st = &j->rstep[i];

		if (j->finished[i] || st->code == 0) {
			step_free(&j->ostep[i]);
			continue;
		}
		r = j->results[i];
		record_attempt(j, r, a, i);
		step_free(&j->ostep[i]);
		if (job_signal(j, st) == HOSTSIG_RECONNECT) {
			step_free(st);	/* asked again on the next connection */
			continue;
		}
		if (policy == NULL && st->code / 100 == 2 &&
		    job_probe_open(j)) {
			j->hstep[i] = *st;	/* moved */
			memset(st, 0, sizeof(*st));
			j->held[i] = true;
			continue;
		}
		if (policy != NULL && pol == ENDING_POLICY_DANE)
			strlist_addf(&r->warnings, "%s %s: %s; a DANE-aware "
			    "sender (RFC 7672) would not deliver there, "
			    "although RCPT was answered %d", a->mx, a->ip,
			    policy, st->code);
		else if (policy != NULL)
			strlist_addf(&r->warnings, "%s %s: %s; a sender that "
			    "honours MTA-STS (RFC 8461) would not deliver "
			    "there, although RCPT was answered %d", a->mx,
			    a->ip, policy, st->code);
		job_decide_reply(j, i, st, a->mx, pol);
		step_free(st);
	}
	if (!job_probe_open(j))
		job_release_held(j, a->mx);
}

/*
 * Record a session that ended before their RCPT was answered on every
 * recipient still open (not those held with an answer of an earlier one).
 */
static void
job_record_common(struct probe_job *j, const struct attempt *a)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		if (!j->finished[i] && !j->held[i])
			record_attempt(j, j->results[i], a, i);
		step_free(&j->ostep[i]);
	}
}

static void
job_note_source(struct probe_job *j)
{
	const char *ip = j->sess ? session_local_ip(j->sess) : NULL;
	size_t i;

	if (ip == NULL)
		return;
	for (i = 0; i < j->n; i++)
		if (!j->finished[i] && j->results[i]->source_ip == NULL)
			j->results[i]->source_ip = xstrdup(ip);
}

/* The probe's steps of the session that ended are in the records now. */
static void
job_probe_forget(struct probe_job *j)
{
	step_free(&j->catch_all_step);
	step_free(&j->catch_all_ostep);
}

/* Move on to the next address, or the next host's first address. */
static void
job_advance(struct probe_job *j)
{
	j->plain_retry = false;
	if (++j->addr >= j->plan->hosts[j->host].naddrs) {
		j->addr = 0;
		j->host++;
	}
}

/*
 * The session's replies fell out of step with its commands: each RCPT
 * reply may belong to another command, so none of them decides anything
 * (nor the catch-all test).
 */
static void
job_forget_rcpts(struct probe_job *j)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		step_free(&j->rstep[i]);
		step_free(&j->ostep[i]);
	}
	step_free(&j->catch_all_ostep);
	if (j->catch_all_step.code != 0) {
		step_free(&j->catch_all_step);
		j->catch_all = -1;
		j->catch_all_reply = 0;
	}
}

/* How TLS failed, as the transcript shows: refused, not offered, handshake. */
static enum ending_tls
attempt_tls_ending(const struct attempt *a)
{
	bool handshake = false;
	size_t i;

	for (i = 0; i < a->nsteps; i++) {
		if (a->steps[i].stage != STAGE_STARTTLS)
			continue;
		if (a->steps[i].command != NULL && a->steps[i].code >= 400)
			return ENDING_TLS_REFUSED;
		handshake = true;
	}
	return handshake ? ENDING_TLS_HANDSHAKE : ENDING_TLS_NOT_OFFERED;
}

/* The connect step (to the MX, directly or through the proxy) timed out. */
static bool
attempt_connect_timed_out(const struct attempt *a)
{
	size_t i;

	for (i = 0; i < a->nsteps; i++)
		if (a->steps[i].stage == STAGE_CONNECT)
			return a->steps[i].error != NULL &&
			    strstr(a->steps[i].error, "timeout") != NULL;
	return false;
}

/*
 * A reply that closed the session at RCPT (a 421) answered one recipient's
 * RCPT but decides every open one through the job's failure: the
 * transcript of the recipient it answered ends with it, as an answer's
 * would.
 */
static void
job_record_closing(struct probe_job *j, const struct step *reply)
{
	struct probe_result *r;
	struct attempt *a;
	char *cmd;
	size_t i;

	if (reply == NULL || reply->stage != STAGE_RCPT ||
	    reply->command == NULL)
		return;
	for (i = 0; i < j->n; i++) {
		r = j->results[i];
		if (j->finished[i] || j->held[i] || r->nattempts == 0)
			continue;
		cmd = xasprintf("RCPT TO:<%s>", j->rcpts[i]);
		if (strcmp(cmd, reply->command) == 0) {
			a = &r->attempts[r->nattempts - 1];
			attempt_insert_step(a, a->nsteps, reply);
		}
		free(cmd);
	}
}

/*
 * The recipient whose RCPT the session ended waiting for (st: the
 * outcome's unanswered step), still open: j->n when none is, as when it
 * was the catch-all probe's RCPT or another domain's on a shared session.
 */
static size_t
job_unanswered_rcpt(const struct probe_job *j, const struct step *st)
{
	char *cmd;
	size_t i;
	bool mine;

	if (st == NULL || st->command == NULL)
		return j->n;
	for (i = 0; i < j->n; i++) {
		if (j->finished[i] || j->held[i])
			continue;
		cmd = xasprintf("RCPT TO:<%s>", j->rcpts[i]);
		mine = strcmp(cmd, st->command) == 0;
		free(cmd);
		if (mine)
			return i;
	}
	return j->n;
}

/*
 * The RCPT that got no whole reply ends its recipient's transcript (as
 * job_record_closing's reply does), so trace, JSON and report show the
 * command the session stopped at.
 */
static void
job_record_unanswered(struct probe_job *j, size_t i, const struct step *st)
{
	struct probe_result *r;
	struct attempt *a;

	if (i >= j->n || j->finished[i] || j->held[i])
		return;
	r = j->results[i];
	if (r->nattempts == 0)
		return;
	a = &r->attempts[r->nattempts - 1];
	attempt_insert_step(a, a->nsteps, st);
}

/* A session's end as an ending (names only; ending.c says what it means). */
static const enum ending_kind session_ending[] = {
	[SESSION_OK] = ENDING__LAST,		/* nothing to judge */
	[SESSION_CONNECT_FAILED] = ENDING_CONNECT_FAILED,
	[SESSION_REJECTED] = ENDING_REJECTED,
	[SESSION_TLS_FAILED] = ENDING_TLS_FAILED,
	[SESSION_TIMEOUT] = ENDING_TIMEOUT,
	[SESSION_CLOSED] = ENDING_CLOSED,
	[SESSION_PROTOCOL_ERROR] = ENDING_PROTOCOL_ERROR,
	[SESSION_SMTPUTF8] = ENDING_SMTPUTF8,
	[SESSION_ABORTED] = ENDING__LAST,	/* the job decides (abort) */
	[SESSION_PROXY_FAILED] = ENDING_PROXY_FAILED,
};

/*
 * Tell meaning/ending.c how the session ended (the facts only) and keep
 * what it means; true when that decides every open recipient.
 */
static bool
job_session_ending(struct probe_job *j, const struct session_outcome *o)
{
	struct ending e = {
		.kind = session_ending[o->end],
		.stage = o->stage,
		.mx = o->attempt->mx,
		.tls_required = j->env->session.require_tls,
		.proxy_fail = o->proxy_fail,
		.proxy_rep = o->proxy_rep,
	};

	if (o->end != SESSION_CONNECT_FAILED && o->end != SESSION_PROXY_FAILED &&
	    !stage_before(o->stage, STAGE_BANNER))
		job_port25_answered(j);
	if (e.kind == ENDING__LAST)
		return false;
	/* the session's own clock for the same --deadline as the job's */
	if (o->end == SESSION_TIMEOUT && o->deadline)
		e.kind = ENDING_DEADLINE;
	if (o->end == SESSION_CONNECT_FAILED) {
		j->connect_tries++;
		if (attempt_connect_timed_out(o->attempt))
			j->connect_timeouts++;
		if (o->attempt->proxy == NULL &&
		    ending_connect_denied(o->connect_err))
			j->connect_denied++;
		e.connects = j->connect_tries;
		e.connect_timeouts = j->connect_timeouts;
		e.connect_denied = j->connect_denied;
		e.via_proxy = o->attempt->proxy != NULL;
		e.port25_open = j->env->port25_answered != NULL &&
		    *j->env->port25_answered > 0;
	}
	if (o->end == SESSION_TLS_FAILED)
		e.tls = attempt_tls_ending(o->attempt);
	return failure_note(&j->failure, &e, o->reply).final;
}

/*
 * Without --require-tls a failed handshake is retried once in plain text,
 * as an MTA would; say so on every open recipient.  The session's error
 * already begins "TLS handshake failed: ": only its cause goes in the
 * brackets, not the same words twice.
 */
static void
job_tls_retry(struct probe_job *j, const struct attempt *a)
{
	static const char said[] = "TLS handshake failed: ";
	const char *why = a->error ? a->error : "no detail";
	size_t i;

	if (strncmp(why, said, sizeof(said) - 1) == 0 &&
	    why[sizeof(said) - 1] != '\0')
		why += sizeof(said) - 1;
	for (i = 0; i < j->n; i++)
		if (!j->finished[i])
			strlist_addf(&j->results[i]->warnings, "%s %s: TLS "
			    "handshake failed (%s); retried without STARTTLS "
			    "as an MTA would", a->mx, a->ip, why);
	j->plain_retry = true;
}

static void
session_done_cb(void *arg, const struct session_outcome *o)
{
	struct probe_job *j = arg;
	size_t un;

	if (o->end == SESSION_ABORTED && j->switch_to != SIZE_MAX &&
	    !j->aborting) {
		job_ahead_switched(j, o->attempt);
		return;
	}
	if (j->ahead != NULL)
		lookahead_session_end(j->ahead);
	un = job_unanswered_rcpt(j, o->unanswered);
	if (j->env->watch != NULL && un < j->n)
		j->env->watch->rcpt(j->env->watch->arg, o->unanswered);
	if (j->env->watch != NULL)
		j->env->watch->ended(j->env->watch->arg, o->attempt);
	job_note_source(j);
	j->sess = NULL;		/* engine/batch.c kept or ended the session */
	if (o->desync)
		job_forget_rcpts(j);
	job_decide_rcpts(j, o->attempt);
	if (j->left == 0 || o->end == SESSION_ABORTED) {
		job_record_common(j, o->attempt);
		job_record_unanswered(j, un, o->unanswered);
		j->state = JOB_DONE;
		job_finish(j);
		return;
	}
	if (job_again(j, o)) {
		job_probe_forget(j);
		j->state = JOB_NEXT;
		job_step(j);
		return;
	}
	job_record_common(j, o->attempt);
	job_record_closing(j, o->reply);
	job_record_unanswered(j, un, o->unanswered);
	job_probe_forget(j);
	j->state = JOB_NEXT;
	if (job_session_ending(j, o)) {
		job_finish(j);		/* reports every open recipient */
		return;
	}
	if (o->end == SESSION_TLS_FAILED && !j->env->session.require_tls &&
	    !j->no_tls)
		job_tls_retry(j, o->attempt);
	else
		job_advance(j);
	job_step(j);
}

/*
 * Should the recipients still open continue in another session to the
 * same address?  Yes when the session stopped asking before it asked
 * them all (the error budget, a tarpit, the nonmail limit, or its share
 * of a use shared with other domains), when held answers still wait for
 * the catch-all probe, when RSET or a later MAIL was refused (a fresh
 * connection then), when the server said "too many errors", or when
 * postscreen said "come again" - none of these is any address's verdict.
 * What the host's limits turned out to be, engine/hostlim.c learned.
 * Bounded by JOB_RECONNECTS_MAX sessions in a row that answered none of
 * the job's recipients.
 */
static bool
job_again(struct probe_job *j, const struct session_outcome *o)
{
	const struct step *rep = o->reply;
	bool again = false;

	if (j->fruitless >= JOB_RECONNECTS_MAX)
		return false;
	if (o->end == SESSION_OK && j->come_again) {
		j->postscreen_tries++;
		again = true;
		j->fresh = true;
	} else if (o->end == SESSION_OK && (o->budget_spent ||
	    job_probe_open(j))) {
		again = true;
	} else if (o->reuse_failed) {
		/* RSET or a later MAIL refused, or a kept session failed
		 * before any RCPT answer: not a verdict */
		again = true;
		j->fresh = true;
	} else if (o->end == SESSION_REJECTED && rep != NULL &&
	    o->stage == STAGE_RCPT && hostsig_of(rep->code, rep->enhanced,
	    rep->text, rep->textlen) == HOSTSIG_TOO_MANY_ERRORS &&
	    o->rejections > 1) {
		again = true;
	}
	j->come_again = false;
	if (again) {
		j->fruitless = o->answered > 0 ? 0 : j->fruitless + 1;
		j->again = true;
	}
	return again;
}

enum addr_rule { ADDR_OK, ADDR_FAMILY, ADDR_PRIVATE };

/* Which rule forbids connecting to a: -4/-6/--source, the safety rule. */
static enum addr_rule
job_addr_rule(const struct probe_job *j, const struct mx_addr *a)
{
	if (j->env->family != AF_UNSPEC && a->ss.ss_family != j->env->family)
		return ADDR_FAMILY;
	if (a->private_ && !j->env->allow_private)
		return ADDR_PRIVATE;
	return ADDR_OK;
}

/* An address ahead is checked under the rules and the gate's limits. */
static bool
job_may_check(void *arg, const struct mx_addr *a)
{
	const struct probe_job *j = arg;
	const struct probe_gate *g = j->env->gate;

	return job_addr_rule(j, a) == ADDR_OK &&
	    (g == NULL || g->check == NULL || g->check(g->arg, a->text));
}

/* Skip addresses the rules forbid; true when one is left to try. */
static bool
job_pick_address(struct probe_job *j)
{
	const struct mxplan *p = j->plan;

	if (j->plain_retry || j->again)
		return true;
	for (; j->host < p->nhosts; j->host++, j->addr = 0) {
		const struct mx_host *h = &p->hosts[j->host];

		for (; j->addr < h->naddrs; j->addr++) {
			switch (job_addr_rule(j, &h->addrs[j->addr])) {
			case ADDR_OK:
				return true;
			case ADDR_FAMILY:
				j->family_skipped++;
				break;
			case ADDR_PRIVATE:
				j->private_skipped++;
				break;
			}
		}
	}
	return false;
}

/* Add the catch-all probe to the next session's recipients, if still due. */
static void
job_session_catch_all(struct probe_job *j)
{
	if (j->check_catch_all && j->catch_all < 0 && j->catch_all_reply == 0) {
		j->sess_idx[j->sess_n] = j->n;
		j->sess_rcpts[j->sess_n++] = j->catch_all_rcpt;
	}
}

static const struct session_cb job_session_cb = {
	.rcpt = session_rcpt_cb,
	.retry = session_retry_cb,
	.want = session_want_cb,
	.done = session_done_cb,
};

/*
 * The recipients the next session asks, and whether it uses TLS.  The
 * catch-all probe goes last: one "no such user" among the addresses
 * spares it (session_want_cb), and an address accepted before it is held
 * until it is answered (job_decide_rcpts).
 */
static void
job_session_rcpts(struct probe_job *j)
{
	size_t i;

	j->sess_n = 0;
	for (i = 0; i < j->n; i++) {
		if (j->finished[i] || j->held[i])
			continue;
		j->sess_idx[j->sess_n] = i;
		j->sess_rcpts[j->sess_n++] = j->rcpts[i];
	}
	job_session_catch_all(j);
	if (!j->again)
		j->no_tls = j->plain_retry;	/* a fresh session keeps the last's TLS */
}

/* What a session to the current address is kept and found under. */
static char *
job_pool_key(const struct probe_job *j)
{
	const struct session_config *c = &j->env->session;

	return pool_key(j->sess_ip, c->port, j->plan->hosts[j->host].name,
	    c->starttls && !j->no_tls, c->helo, c->mail_from);
}

/*
 * The job rides session s now: as the leader of its batch, or taken along
 * by another job's batch while it waited at the gate (it waits no more).
 */
static void
job_board(void *arg, struct session *s)
{
	struct probe_job *j = arg;
	const struct probe_gate *g = j->env->gate;

	if (j->state == JOB_GATE && g != NULL)
		g->cancel(g->arg, j);
	j->sess_host = j->host;
	j->plain_retry = false;
	j->again = j->fresh = false;
	j->state = JOB_SESSION;
	j->sess = s;
	if (j->ahead != NULL)
		lookahead_session(j->ahead, s, j->host, j->addr);
	if (j->env->watch != NULL)
		j->env->watch->session(j->env->watch->arg, s);
}

/*
 * The job as a rider: its recipients for the next session use (the probe
 * last, if any), what the batch planner should know about its domain.
 */
static void
job_rider_fill(struct probe_job *j)
{
	struct batch_rider *r = &j->rider;

	job_session_rcpts(j);
	r->rcpts = j->sess_rcpts;
	r->n = j->sess_n;
	r->probe = j->sess_n > 0 && j->sess_idx[j->sess_n - 1] == j->n ?
	    j->sess_n - 1 : j->sess_n;
	r->fresh = j->fresh;
	r->seen = j->seen;
	r->rejected = j->rejected;
	r->cb = &job_session_cb;
	r->board = job_board;
	r->arg = j;
}

/*
 * The job has a session (pooled) or a gate slot: it rides, maybe with others.
 */
static void
job_launch(struct probe_job *j, const char *key, struct session *pooled,
    const struct batch_start *start)
{
	j->sess_host = j->host;
	j->plain_retry = false;
	j->again = j->fresh = false;
	j->state = JOB_SESSION;
	batch_launch(j->env->batches, &j->rider, key, j->sess_ip,
	    j->env->session.port, pooled, start);
}

/*
 * Take a READY session to the current address from the pool, if one is
 * kept: no connect, banner, EHLO or TLS, and no new gate slot (it holds
 * one already).  True when the job rides it.
 */
static bool
job_take_pooled(struct probe_job *j, const char *key)
{
	struct session *s;

	if (j->env->pool == NULL || j->fresh)
		return false;
	if ((s = pool_take(j->env->pool, key)) == NULL)
		return false;
	job_launch(j, key, s, NULL);
	return true;
}

/* A new session to the current address (the gate admitted it). */
static void
job_start_session(struct probe_job *j, const char *key)
{
	const struct mx_host *h = &j->plan->hosts[j->host];
	struct batch_start st = {
		.base = j->env->base,
		.cfg = j->env->session,
		.mx_host = h->name,
		.addr = &h->addrs[j->addr],
	};

	if (j->no_tls)
		st.cfg.starttls = false;
	st.cfg.reusable = j->env->pool != NULL;
	if (h->dane == MX_DANE_APPLIES) {
		st.cfg.tlsa = h->tlsa;
		st.cfg.ntlsa = h->ntlsa;
	}
	job_launch(j, key, NULL, &st);
}

/*
 * Why nothing could be contacted, when the plan had hosts but we skipped all.
 */
static void
job_no_address_left(struct probe_job *j)
{
	size_t i;

	if (j->connect_tries == 0 && j->private_skipped > 0 &&
	    !j->failure.set) {
		for (i = 0; i < j->n; i++)
			strlist_addf(&j->results[i]->warnings,
			    "every address of the MX hosts of %s is private or "
			    "loopback: not contacted (use --allow-private for "
			    "labs and intranets)", j->domain);
		failure_kind(&j->failure, ENDING_PRIVATE_ONLY, STAGE_CONNECT);
	}
	if (j->connect_tries == 0 && j->family_skipped > 0 && !j->failure.set) {
		for (i = 0; i < j->n; i++)
			strlist_addf(&j->results[i]->warnings,
			    "no MX host of %s has an IPv%c address, and only "
			    "IPv%c may be used (-4, -6 or --source)", j->domain,
			    j->env->family == AF_INET6 ? '6' : '4',
			    j->env->family == AF_INET6 ? '6' : '4');
		failure_kind(&j->failure, ENDING_FAMILY_EXCLUDED,
		    STAGE_CONNECT);
	}
	job_report_failure(j);
}

/*
 * The safety rule: say on each MX entry which addresses will not be contacted.
 */
static void
job_note_private(struct probe_job *j, struct probe_result *r)
{
	const struct mxplan *p = j->plan;
	size_t h, k;

	if (j->env->allow_private)
		return;
	for (h = 0; h < p->nhosts && h < r->nmx; h++)
		for (k = 0; k < p->hosts[h].naddrs; k++)
			if (p->hosts[h].addrs[k].private_)
				strlist_addf(&r->mx[h].warnings, "%s is a private "
				    "or loopback address: not contacted",
				    p->hosts[h].addrs[k].text);
}

/*
 * Happy Eyeballs (RFC 8305) within one MX host: the session's connect
 * still waits while another address of the same host answered its check
 * (an office's IPv6 that goes nowhere, beside IPv4 that works).  Both are
 * the same server to an MTA, so the job leaves the session for that one
 * instead of waiting out --timeout; the MX order between hosts holds.
 */
static void
job_ahead_switch(struct probe_job *j)
{
	const struct lookahead_found *f;
	long long since;
	size_t k;

	if (j->aborting || j->sess == NULL || j->switch_to != SIZE_MAX ||
	    session_waiting(j->sess, &since) != STAGE_CONNECT)
		return;
	for (k = 0; k < j->plan->hosts[j->host].naddrs; k++)
		if (k != j->addr &&
		    (f = lookahead_found(j->ahead, j->host, k)) != NULL &&
		    f->seen == LOOKAHEAD_OPEN)
			break;
	if (k == j->plan->hosts[j->host].naddrs)
		return;
	j->switch_to = k;
	j->switch_since = since;
	if (!batch_leave(&j->rider, false))
		j->switch_to = SIZE_MAX;
}

/*
 * The session left for another address of its host ended: its transcript
 * says why the connect was given up, and the job goes on there.
 */
static void
job_ahead_switched(struct probe_job *j, const struct attempt *a)
{
	const char *ip = j->plan->hosts[j->host].addrs[j->switch_to].text;
	struct attempt copy;
	size_t i;

	attempt_copy(&copy, a);
	free(copy.error);
	copy.error = xasprintf("connect given up: %s, an address of the same "
	    "host, answered first", ip);
	for (i = copy.nsteps; i > 0; i--)
		if (copy.steps[i - 1].stage == STAGE_CONNECT) {
			free(copy.steps[i - 1].error);
			copy.steps[i - 1].error = xstrdup(copy.error);
			copy.steps[i - 1].ms = now_ms() - j->switch_since;
			break;
		}
	lookahead_session_end(j->ahead);
	if (j->env->watch != NULL)
		j->env->watch->ended(j->env->watch->arg, &copy);
	j->sess = NULL;
	job_record_common(j, &copy);
	attempt_free(&copy);
	j->addr = j->switch_to;
	j->switch_to = SIZE_MAX;
	j->state = JOB_NEXT;
	job_schedule(j);
}

/*
 * A check of an address ahead ended: the job may wait for it, or leave a
 * connect that waits for an address of the same host that answered.
 */
static void
job_ahead_seen(void *arg)
{
	struct probe_job *j = arg;

	if (j->state == JOB_AHEAD) {
		j->state = JOB_NEXT;
		job_schedule(j);
	} else if (j->state == JOB_SESSION)
		job_ahead_switch(j);
}

/* A plan of one address has nothing ahead to check. */
static void
job_ahead_new(struct probe_job *j)
{
	struct lookahead_cfg cfg = {
		.base = j->env->base,
		.plan = j->plan,
		.port = j->env->session.port,
		.source = j->env->session.source,
		.proxy = j->env->session.proxy,
		.timeout_ms = j->env->session.stage_timeout_ms,
		.may = job_may_check,
		.seen = job_ahead_seen,
		.arg = j,
	};
	size_t h, addrs = 0;

	for (h = 0; h < j->plan->nhosts; h++)
		addrs += j->plan->hosts[h].naddrs;
	if (addrs > 1)
		j->ahead = lookahead_new(&cfg);
}

/*
 * The attempt of an address whose check timed out, as a session's connect
 * timeout reads (directly, or the proxy's CONNECT), saying it was checked
 * beside an earlier connect.
 */
static void
job_ahead_attempt(const struct probe_job *j, const struct lookahead_found *f,
    struct attempt *a)
{
	const struct mx_host *h = &j->plan->hosts[j->host];
	const struct mx_addr *ad = &h->addrs[j->addr];
	const struct socks5_proxy *px = j->env->session.proxy;
	struct step *st;
	char *cmd, line[96];

	attempt_init(a, h->name, ad->text, j->env->session.port);
	if (px != NULL) {
		a->proxy = xstrdup(px->shown);
		cmd = xasprintf("SOCKS5 %s", px->shown);
		attempt_add_step(a, STAGE_PROXY, cmd)->ms = f->proxy_ms;
		free(cmd);
		socks5_connect_text(line, sizeof(line), ad->ss.ss_family,
		    ad->text, j->env->session.port);
		st = attempt_add_step(a, STAGE_CONNECT, line);
		st->error = xasprintf("connect timeout (through the proxy %s, "
		    "checked while %s was still connecting)", px->shown,
		    f->beside);
	} else {
		st = attempt_add_step(a, STAGE_CONNECT, NULL);
		st->error = xasprintf("connect timeout (checked while %s was "
		    "still connecting)", f->beside);
	}
	st->ms = f->connect_ms;
	a->error = xstrdup(st->error);
}

/*
 * The address picked was checked while an earlier connect waited
 * (engine/lookahead.c): a check that timed out is this address's connect
 * timeout, told as a session's would be (no second wait); the job waits
 * for a check still in flight.  True when no session is started now.
 */
static bool
job_ahead_decides(struct probe_job *j)
{
	struct session_outcome o = {
		.end = SESSION_CONNECT_FAILED,
		.stage = STAGE_CONNECT,
		.stalled = SIZE_MAX,
	};
	const struct lookahead_found *f;
	struct attempt a;

	if (j->ahead == NULL || j->plain_retry || j->again ||
	    (f = lookahead_found(j->ahead, j->host, j->addr)) == NULL)
		return false;
	if (f->seen == LOOKAHEAD_PENDING) {
		j->state = JOB_AHEAD;
		if (j->env->watch != NULL)
			j->env->watch->ahead(j->env->watch->arg, f->started_ms);
		return true;
	}
	if (f->seen != LOOKAHEAD_TIMED_OUT)
		return false;
	job_ahead_attempt(j, f, &a);
	o.attempt = &a;
	j->sess_host = j->host;
	j->state = JOB_SESSION;
	session_done_cb(j, &o);		/* may free j */
	attempt_free(&a);
	return true;
}

/*
 * First look at the plan: record it in every result, decide the recipients
 * when it has no host to try.  False when that finished the job.
 */
static bool
job_begin(struct probe_job *j)
{
	size_t i;

	j->plan_recorded = true;
	job_ahead_new(j);
	for (i = 0; i < j->n; i++) {
		probe_record_plan(j->results[i], j->plan);
		job_note_private(j, j->results[i]);
		if (probe_decide_plan(j->results[i], j->plan))
			job_report(j, i);
	}
	if (j->env->watch != NULL)
		j->env->watch->planned(j->env->watch->arg);
	if (j->left > 0)
		return true;
	job_finish(j);
	return false;
}

static void
job_step(struct probe_job *j)
{
	const struct probe_gate *g = j->env->gate;
	char *key;

	switch (j->state) {
	case JOB_NEXT:
		if (j->pol_wait)
			return;		/* job_policy_cb steps again */
		if (!j->plan_recorded && !job_begin(j))
			return;
		if (!job_pick_address(j)) {
			job_no_address_left(j);
			job_finish(j);
			return;
		}
		if (job_ahead_decides(j))
			return;
		j->sess_ip = j->plan->hosts[j->host].addrs[j->addr].text;
		j->state = JOB_GATE;
		/* FALLTHROUGH */
	case JOB_GATE:
		job_rider_fill(j);
		key = job_pool_key(j);
		/* wait where another job's batch may take it along; a job
		 * cut short in its last use goes first */
		if (j->env->batches != NULL && j->rider.hub == NULL)
			batch_wait(j->env->batches, &j->rider, key, j->again);
		if (!job_take_pooled(j, key)) {
			if (g == NULL || g->acquire(g->arg, j, j->sess_ip))
				job_start_session(j, key);
			else if (j->env->pool != NULL)
				/*
				 * idle sessions of another key may hold the
				 * slots
				 */
				pool_evict_ip(j->env->pool, j->sess_ip);
		}
		free(key);
		return;
	case JOB_DNS:
	case JOB_SESSION:
	case JOB_AHEAD:
	case JOB_DONE:
		return;
	case JOB__LAST:
		break;
	}
	fatalx("%s: bad state %d", __func__, (int)j->state);
}

void
probe_job_resume(struct probe_job *j)
{
	if (j->state == JOB_GATE)
		job_step(j);
}

void
probe_job_abort(struct probe_job *j, bool polite)
{
	size_t i;

	if (j->aborting)
		return;
	j->aborting = true;
	if (j->state == JOB_GATE && j->env->gate != NULL)
		j->env->gate->cancel(j->env->gate->arg, j);
	batch_unwait(&j->rider);
	failure_kind(&j->failure, ENDING_STOPPED, STAGE_CONNECT);
	if (j->state == JOB_SESSION && batch_leave(&j->rider, polite))
		return;		/* done callback finishes us */
	if (j->dns != NULL) {
		dns_cancel(j->dns);
		j->dns = NULL;
		/* --deadline passed while DNS was still answering: it says so */
		failure_kind(&j->failure, j->deadline_passed ? ENDING_DEADLINE :
		    ENDING_DNS_STOPPED, STAGE_DNS);
		for (i = 0; j->deadline_passed && i < j->n; i++)
			if (!j->finished[i])
				dns_deadline_warn(j->results[i], j->domain,
				    j->env->job_deadline_ms);
	}
	j->state = JOB_DONE;
	job_finish(j);
}

static void
job_finish(struct probe_job *j)
{
	size_t i;

	batch_unwait(&j->rider);
	/* held answers whose probe never came decide without it */
	job_release_held(j, j->plan != NULL && j->sess_host < j->plan->nhosts ?
	    j->plan->hosts[j->sess_host].name : NULL);
	job_report_failure(j);
	j->state = JOB_DONE;
	if (j->kick)
		event_free(j->kick);
	if (j->deadline)
		event_free(j->deadline);
	for (i = 0; i < j->n; i++) {
		step_free(&j->rstep[i]);
		step_free(&j->ostep[i]);
		step_free(&j->hstep[i]);
	}
	job_probe_forget(j);
	if (j->failure.set && j->failure.reply.code)
		step_free(&j->failure.reply);
	if (j->own_plan)
		mxplan_free(j->own_plan);
	lookahead_free(j->ahead);
	policy_cancel(j->pol);
	tls_policy_rec_free(j->pol_rec);
	if (j->sts != NULL) {
		mtasts_policy_free(j->sts);
		free(j->sts);
	}
	free(j->rstep);
	free(j->rpos);
	free(j->rseq);
	free(j->ostep);
	free(j->opos);
	free(j->oseq);
	free(j->hstep);
	free(j->held);
	free(j->finished);
	free(j->sess_rcpts);
	free(j->sess_idx);
	free(j->catch_all_rcpt);
	free(j->domain);
	j->done_cb(j->arg);
	free(j);
}
