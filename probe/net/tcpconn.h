/*
 * tcpconn.h - outgoing TCP connections: the socket of a direct connection
 * (bound to --source when given), and a bare connect that only learns
 * whether an address answers on a port, closed as soon as it does.
 */
#ifndef MXTRACE_TCPCONN_H
#define MXTRACE_TCPCONN_H

#include <stddef.h>
#include <sys/socket.h>

#include <event2/event.h>

/*
 * A non-blocking socket of family bound to source; -1 with source NULL
 * (the caller lets libevent make one, err left ""), or -1 with the reason
 * in err when source cannot be used for that family or bound.
 */
evutil_socket_t	 tcpconn_socket(int family,
		    const struct sockaddr_storage *source, char *err,
		    size_t errlen);

enum tcpconn_check_end {
	TCPCONN_OPEN,		/* the handshake completed (then closed) */
	TCPCONN_TIMED_OUT,	/* nothing came back in time */
	TCPCONN_FAILED,		/* refused, unreachable, a local error */
};

typedef void	tcpconn_check_cb(void *arg, enum tcpconn_check_end,
		    int err, long long ms);

struct tcpconn_check;

/*
 * Connect to addr (port included) and close at once: cb is called once,
 * from the loop, never before this returns; the check is freed after it.
 * err: the errno with TCPCONN_FAILED; ms: how long it took.
 */
struct tcpconn_check	*tcpconn_check_start(struct event_base *,
			    const struct sockaddr_storage *addr,
			    socklen_t addrlen,
			    const struct sockaddr_storage *source,
			    long long timeout_ms, tcpconn_check_cb *, void *arg);
/* Stop a check that has not called back (no call then). */
void			 tcpconn_check_cancel(struct tcpconn_check *);

#endif
