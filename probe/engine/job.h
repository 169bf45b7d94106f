/*
 * probe.h - the probe engine: for one domain and one or more recipients at
 * it, walk the MX plan as an MTA would (sessions in MX order, TLS fallback,
 * the catch-all check) and decide each recipient's verdict.  `mxtrace
 * probe` runs one job with one recipient; `mxtrace verify` runs many jobs
 * at once, sharing one DNS context and limiting sessions through a gate.
 */
#ifndef MXTRACE_PROBE_H
#define MXTRACE_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>
#include <openssl/ssl.h>

#include "meaning/catalog.h"
#include "dns/dns.h"
#include "record/result.h"
#include "smtp/session.h"

struct batch_hub;
struct probe_job;
struct policy_cache;
struct session_pool;

/*
 * Session admission, for verify's politeness limits.  acquire: may the job
 * open a session to ip now?  false: the job waits until probe_job_resume().
 * release: the session to ip ended (end and the decisive reply, if any, let
 * the gate back off a host that said "too many connections").
 */
struct probe_gate {
	bool	(*acquire)(void *arg, struct probe_job *, const char *ip);
	void	(*release)(void *arg, const char *ip, enum session_end,
		    const struct step *reply);
	/* A job the gate said no to is aborted: forget it, never resume it. */
	void	(*cancel)(void *arg, struct probe_job *);
	/*
	 * Optional: a session to ip went idle into the pool; resume the first
	 * job waiting for ip (it may take that session, no new slot needed).
	 */
	void	(*wake)(void *arg, const char *ip);
	/*
	 * Optional: may the job check ip ahead now, a bare connect closed as
	 * soon as it is answered (engine/lookahead.c)?  Never waits, holds
	 * no slot; NULL: always.
	 */
	bool	(*check)(void *arg, const char *ip);
	void	*arg;
};

/*
 * A live view of the jobs, for `mxtrace probe` on a terminal.  The calls
 * only report; they must not start, stop or free anything.
 */
struct probe_watch {
	/* The MX plan is known and recorded in every result of the job. */
	void	(*planned)(void *arg);
	/* A session started; s may be read (session_attempt, session_waiting)
	 * until ended() is called for it. */
	void	(*session)(void *arg, const struct session *s);
	/* A reply to an RCPT came (st valid during the call). */
	void	(*rcpt)(void *arg, const struct step *st);
	/* The session ended; a is its whole common transcript (valid during
	 * the call); the session is gone after this.  Without session()
	 * before it: an address whose connect was known to time out already
	 * (engine/lookahead.c), an attempt without a session. */
	void	(*ended)(void *arg, const struct attempt *a);
	/* The job waits for the check of its next address, begun at
	 * since_ms (now_ms; engine/lookahead.c): session() or ended()
	 * for that address follows. */
	void	(*ahead)(void *arg, long long since_ms);
	void	*arg;
};

/* Everything jobs share; owned by the caller, outlives every job. */
struct probe_env {
	struct event_base	*base;
	struct dns_ctx		*dns;
	struct session_config	 session;	/* helo, mail_from, port, timeouts, tls, batch */
	bool			 allow_private;
	int			 family;	/* AF_INET or AF_INET6 (-4/-6, --source); AF_UNSPEC: both */
	bool			 catch_all_check;
	long long		 job_deadline_ms;	/* whole job, DNS included; 0: none */
	const struct probe_gate	*gate;		/* NULL: no limits */
	struct session_pool	*pool;		/* NULL: a session ends with its work;
						 * set: batches must be set too (a
						 * kept session returns
						 * through its hub) */
	struct batch_hub	*batches;	/* jobs to the same MX address share
						 * session uses; NULL: each alone */
	const struct probe_watch *watch;	/* NULL: nobody watches */
	SSL_CTX			*https_ctx;	/* MTA-STS policy fetches; NULL: no
						 * MTA-STS / TLS-RPT lookups */
	struct policy_cache	*policy_cache;	/* each domain's policy once; NULL: none */
	/* answers from servers on port 25 in the run (an RCPT reply, a
	 * session ended past its connect); NULL: not counted */
	unsigned long		*port25_answered;
};

/*
 * A recipient's result is final: r (owned by the caller all along, as
 * passed to probe_job_start) has verdict, stage, reason, attempts, mx.
 */
typedef void	probe_result_cb(void *arg, size_t idx, struct probe_result *r);
/* The job ended: every result was reported; the job is freed after this. */
typedef void	probe_done_cb(void *arg);

/*
 * Start a job for results[0..n) (borrowed; each initialised with
 * result_init and holding the recipient's parsed address in addrs[i]),
 * all at domain_ascii.  plan: borrowed when non-NULL (verify's DNS cache;
 * must outlive the job), else the job resolves the domain itself.
 * catch_all_hint: -1 check when env->catch_all_check, 0/1 already known
 * for this domain.  Never calls back before returning.
 */
struct probe_job *probe_job_start(const struct probe_env *, const char *domain_ascii,
		    const struct mxplan *plan, const char *const *rcpt_paths,
		    struct probe_result **results, size_t n, int catch_all_hint,
		    probe_result_cb *, probe_done_cb *, void *arg);
/* The gate said no earlier and now says yes: try acquire again. */
void		 probe_job_resume(struct probe_job *);
/*
 * Stop: in-flight session QUITs when polite; unfinished results are reported
 * with what is known (verdict temporary, reason timeout) and done is called.
 * Not from inside this job's own callbacks (the job may be freed under
 * them): schedule it from the event loop instead.
 */
void		 probe_job_abort(struct probe_job *, bool polite);

/*
 * Record the plan's MX list and warnings into r (verify calls it for cache
 * hits).
 */
void		 probe_record_plan(struct probe_result *, const struct mxplan *);
/* Decide a result from a DNS plan that has no host to try; false if it has. */
bool		 probe_decide_plan(struct probe_result *, const struct mxplan *);
/*
 * --deadline (deadline_ms) passed while the lookup of domain was still
 * waiting for answers: decide r as the job decides it (dns_error, dns,
 * deadline), with a warning naming the option and its value.
 */
void		 probe_decide_dns_deadline(struct probe_result *,
		    const char *domain, long long deadline_ms);

#endif
