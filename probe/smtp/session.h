/*
 * session.h - one SMTP client session to one address of one MX host:
 * connect, banner, EHLO (HELO on 5xx), STARTTLS, EHLO, then one or more
 * transactions of MAIL FROM + RCPT TO (pipelined when offered), RSET
 * between batches, QUIT.  Never DATA.  The session is a visible state
 * machine (session.c); it reports only through the callbacks below and
 * never decides what a reply means (classify.c does).
 */
#ifndef MXTRACE_SESSION_H
#define MXTRACE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>
#include <openssl/ssl.h>

#include "dns/mxplan.h"
#include "net/socks5.h"
#include "smtp/reply.h"
#include "record/result.h"

struct session_config {
	const char	*helo;		/* borrowed */
	const char	*mail_from;	/* borrowed; "" for the null sender <> */
	int		 port;
	long long	 stage_timeout_ms;	/* per command/reply */
	long long	 deadline_ms;	/* whole session; 0: none */
	bool		 starttls;	/* use STARTTLS when offered */
	bool		 require_tls;	/* no STARTTLS offered, or failed: end with SESSION_TLS_FAILED */
	size_t		 rcpt_batch;	/* RCPTs per transaction (RSET between); >= 1 */
	size_t		 error_budget;	/* rejected commands before the session
					 * stops asking (QUIT, budget_spent); 0: none */
	unsigned	 nonmail_max;	/* commands other than MAIL/RCPT (EHLO,
					 * STARTTLS, RSET) the session may send;
					 * 0: SESSION_NONMAIL_MAX */
	bool		 reusable;	/* may end READY instead of QUIT (see done) */
	long long	(*clock)(void);	/* the reuse age limit's clock (ms); NULL:
					 * now_ms (tests set their own) */
	SSL_CTX		*ssl_ctx;	/* borrowed */
	const struct socks5_proxy *proxy;	/* borrowed; NULL: connect directly */
	const struct sockaddr_storage *source;	/* borrowed; NULL: the kernel picks */
	const struct tls_tlsa *tlsa;	/* borrowed; DANE (RFC 7672) applies when ntlsa > 0 */
	size_t		 ntlsa;
};

enum session_end {
	SESSION_OK,		/* every recipient got a reply */
	SESSION_CONNECT_FAILED,	/* refused, unreachable, connect timeout */
	SESSION_REJECTED,	/* a non-2xx at banner/EHLO+HELO/MAIL ended it; see stage, reply */
	SESSION_TLS_FAILED,	/* handshake failed, or TLS required and not offered */
	SESSION_TIMEOUT,	/* a reply did not come in time (after connect) */
	SESSION_CLOSED,		/* the server closed the connection unexpectedly */
	SESSION_PROTOCOL_ERROR,	/* the server broke the protocol or a bound */
	SESSION_SMTPUTF8,	/* a recipient needs SMTPUTF8 and the server lacks it */
	SESSION_ABORTED,	/* session_abort() */
	SESSION_PROXY_FAILED,	/* the SOCKS5 proxy failed; see proxy_fail */
};

struct session_outcome {
	enum session_end	 end;
	enum stage		 stage;		/* where it ended (or STAGE_RCPT when OK) */
	const struct step	*reply;		/* the step holding the decisive reply, or NULL */
	const struct attempt	*attempt;	/* the transcript of the common steps:
						 * connect .. MAIL of the last transaction */
	size_t			 answered;	/* recipients that got a reply */
	bool			 desync;	/* with SESSION_PROTOCOL_ERROR: replies
						 * came out of step with the commands
						 * (data no command asked for, a
						 * 5xx to QUIT), so no RCPT
						 * reply of this session can
						 * be trusted to be its
						 * recipient's */
	enum proxy_fail		 proxy_fail;	/* SESSION_PROXY_FAILED: how */
	int			 proxy_rep;	/* its SOCKS5 REP code, -1: none */
	int			 connect_err;	/* SESSION_CONNECT_FAILED directly: the
						 * errno connect failed with, 0: none
						 * (a timeout) */
	size_t			 rejections;	/* 4xx/5xx replies after the greeting */
	bool			 budget_spent;	/* stopped asking: error budget, a slowed
						 * reply, the nonmail limit */
	bool			 deadline;	/* SESSION_TIMEOUT: the whole use's
						 * deadline (cfg deadline_ms, the
						 * user's --deadline) passed, not a
						 * step's timeout */
	bool			 tarpit;	/* replies slowed down after a rejection,
						 * two or more in a row */
	/*
	 * The session asked everyone and is idle in READY, still connected:
	 * it is not freed after done(); whoever gets it next must call
	 * session_reuse(), session_park() or session_abort().
	 */
	struct session		*ready;
	bool			 reused;	/* this use was not its first */
	bool			 reuse_failed;	/* RSET, or a MAIL after the session's
						 * first, was refused or not answered
						 * (or a reused session ended
						 * before any RCPT answer):
						 * nobody's verdict, ask
						 * again on a fresh session */
	size_t			 stalled;	/* ended waiting for the reply to this
						 * recipient's RCPT (later ones were
						 * pipelined behind it);
						 * SIZE_MAX: none */
	const struct step	*unanswered;	/* that RCPT as a step: its command,
						 * the time waited, the error (and
						 * the lines of a reply cut off);
						 * not in attempt; NULL: none */
	/* What the session learned about the host (engine/hostlim.c). */
	size_t			 rcpt_max;	/* "too many recipients" after this
						 * many in a transaction; 0: not said */
	size_t			 tarpit_after;	/* with tarpit: rejections before the
						 * first slowed reply */
	unsigned		 nonmail;	/* commands sent that are not MAIL/RCPT */
	bool			 rset_refused;	/* RSET got a 5xx (a nonmail limit) */
};

struct session_cb {
	/*
	 * Recipient idx got a reply at RCPT (any code).  step is the RCPT step
	 * (borrowed, valid during the call).  Called once per recipient at
	 * most; recipients not answered when the session ends get no call.
	 */
	void	(*rcpt)(void *arg, size_t idx, const struct step *step);
	/*
	 * The session ended. Called exactly once; the session is freed after
	 * it.
	 */
	void	(*done)(void *arg, const struct session_outcome *);
	/*
	 * Optional: recipient idx was answered "too many recipients" and is
	 * asked again in the next transaction; step (borrowed, valid during
	 * the call) belongs in that recipient's record only.  At most
	 * SESSION_RETRIES_MAX calls per recipient.
	 */
	void	(*retry)(void *arg, size_t idx, const struct step *step);
	/*
	 * Optional (NULL: ask everyone): still ask recipient idx?  Called just
	 * before its RCPT would be sent.  first: it would open a round, every
	 * earlier recipient answered; false then skips it for good (no rcpt
	 * call for it).  Not first: false only ends the round before it, and
	 * it is asked again when the next round opens.
	 */
	bool	(*want)(void *arg, size_t idx, bool first);
};

struct session;

/*
 * Start a session to addr (port from cfg) for rcpts[0..n) (borrowed; they
 * must live until done).  Never calls back before returning.
 */
struct session	*session_start(struct event_base *, const struct session_config *,
		    const char *mx_host, const struct mx_addr *addr,
		    const char *const *rcpts, size_t n,
		    const struct session_cb *, void *arg);
/*
 * Give a READY session new recipients and callbacks: RSET, MAIL, RCPTs.
 * The transcript keeps the greeting (connect .. EHLO after TLS) and
 * starts the new transaction after it.  Never calls back before returning.
 */
void		 session_reuse(struct session *, const char *const *rcpts, size_t n,
		    const struct session_cb *, void *arg);
/* Hand a READY session to new callbacks while it waits (its done only). */
void		 session_park(struct session *, const struct session_cb *, void *arg);
/*
 * New limits for the next use of a READY session (learned about its host
 * since it started): RCPTs per transaction (only lowered), error budget,
 * nonmail commands; 0 keeps a limit as it is.
 */
void		 session_limit(struct session *, size_t rcpt_batch, size_t error_budget,
		    unsigned nonmail_max);
/* Rejections the session's error budget still allows; SIZE_MAX: no budget. */
size_t		 session_budget_left(const struct session *);
/* May this session take more work (READY, and within the reuse limits)? */
bool		 session_can_reuse(const struct session *);
/* The session's number, unique in this process; in every attempt it made. */
unsigned long	 session_id(const struct session *);
/*
 * Stop now: QUIT when polite and a command is possible, then
 * done(SESSION_ABORTED).
 */
void		 session_abort(struct session *, bool polite);
/*
 * Steps in the transcript so far.  Read in the rcpt callback, it says where
 * that RCPT stands among the common steps (before a later RSET or MAIL).
 */
size_t		 session_nsteps(const struct session *);
/* The transcript so far (borrowed; valid until the done callback returns). */
const struct attempt *session_attempt(const struct session *);
/*
 * The stage of the step the session waits for (its reply, the connect or
 * the TLS handshake) and when that wait began (now_ms()); STAGE__LAST when
 * it waits for nothing.  For a live view; changes nothing.
 */
enum stage	 session_waiting(const struct session *, long long *since_ms);
/* The local address the connection used ("192.0.2.1"), NULL before connect. */
const char	*session_local_ip(const struct session *);

#endif
