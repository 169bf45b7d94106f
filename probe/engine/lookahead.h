/*
 * lookahead.h - while a session's connect to one MX address waits with no
 * answer, check whether the plan's next addresses answer at all (a bare
 * connect, closed at once), so the job need not wait --timeout again at
 * each address that drops connects too (through the proxy: whether the
 * proxy's CONNECT to it is answered).  The job still walks the plan in
 * order: an address is skipped only when its own check timed out.
 */
#ifndef MXTRACE_LOOKAHEAD_H
#define MXTRACE_LOOKAHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>

#include "dns/mxplan.h"
#include "smtp/session.h"

enum lookahead_seen {
	LOOKAHEAD_PENDING,	/* checked, no answer yet */
	LOOKAHEAD_OPEN,		/* it answered: connect to it as usual */
	LOOKAHEAD_TIMED_OUT,	/* nothing came back within the timeout */
	LOOKAHEAD_FAILED,	/* refused, unreachable, the proxy failed: a
				 * session says how */
};

struct lookahead_found {
	enum lookahead_seen	 seen;
	long long		 proxy_ms;	/* through the proxy: until CONNECT */
	long long		 connect_ms;	/* the address's part of the check */
	const char		*beside;	/* the MX host whose connect waited */
	long long		 started_ms;	/* when the check began (now_ms) */
};

struct lookahead_cfg {
	struct event_base		*base;
	const struct mxplan		*plan;		/* borrowed, outlives it */
	int				 port;
	const struct sockaddr_storage	*source;	/* borrowed; NULL: any */
	const struct socks5_proxy	*proxy;		/* borrowed; NULL: direct */
	long long			 timeout_ms;	/* as a session's connect */
	/* May the job check this address now (-4/-6, private, the gate)? */
	bool	(*may)(void *arg, const struct mx_addr *);
	/* A check ended: the job may be waiting for it. */
	void	(*seen)(void *arg);
	void	*arg;
};

struct lookahead;

struct lookahead	*lookahead_new(const struct lookahead_cfg *);
/*
 * A session to address addr of host started (s borrowed until
 * lookahead_session_end): if its connect still waits after the delay,
 * the addresses after it are checked.  Once per job: later sessions
 * check nothing more.
 */
void			 lookahead_session(struct lookahead *,
			    const struct session *s, size_t host, size_t addr);
void			 lookahead_session_end(struct lookahead *);
/* What the check of address addr of host found; NULL: not checked. */
const struct lookahead_found *lookahead_found(const struct lookahead *,
			    size_t host, size_t addr);
/* Cancels the checks still in flight (no call then). */
void			 lookahead_free(struct lookahead *);

#endif
