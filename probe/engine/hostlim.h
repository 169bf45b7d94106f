/*
 * hostlim.h - what a run learns about each MX address's limits, across
 * jobs and domains: recipients per transaction (after "452 too many
 * recipients"), the error budget of a session (lowered after a tarpit or
 * "421 too many errors"), the commands other than MAIL/RCPT a session may
 * send (after a 5xx to RSET, as Exim's smtp_accept_max_nonmail answers),
 * and how many RCPT replies were rejections (the batch planner's
 * estimate).  Limits are only ever lowered.
 */
#ifndef MXTRACE_HOSTLIM_H
#define MXTRACE_HOSTLIM_H

#include <stddef.h>

#include "smtp/session.h"

struct host_limits {
	size_t		 rcpt_batch;	/* RCPTs per transaction */
	size_t		 error_budget;	/* rejections per session; 0: none */
	unsigned	 nonmail_max;	/* nonmail commands per session */
	unsigned long	 seen;		/* RCPT replies from the host */
	unsigned long	 rejected;	/* ... of them 4xx/5xx */
};

struct hostlim;

/* def: the limits of a host nothing was learned about (copied). */
struct hostlim	*hostlim_new(const struct host_limits *def);
void		 hostlim_free(struct hostlim *);
/* The limits of ip:port; the defaults when nothing was learned. */
void		 hostlim_get(const struct hostlim *, const char *ip, int port,
		    struct host_limits *);
/* Count one RCPT reply of ip:port. */
void		 hostlim_count(struct hostlim *, const char *ip, int port, int code);
/*
 * Learn from how a session to ip:port ended (o->reply may say "too many
 * errors").
 */
void		 hostlim_learn(struct hostlim *, const char *ip, int port,
		    const struct session_outcome *);

#endif
