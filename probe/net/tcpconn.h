/*
 * tcpconn.h - outgoing TCP connections: the socket of a direct connection
 * (bound to --source when given), and a bare check that only learns
 * whether an address answers on a port - directly, or through the SOCKS5
 * proxy (its CONNECT) - closed as soon as it does.
 */
#ifndef MXTRACE_TCPCONN_H
#define MXTRACE_TCPCONN_H

#include <stddef.h>
#include <sys/socket.h>

#include <event2/event.h>

#include "net/socks5.h"

/*
 * A non-blocking socket of family bound to source; -1 with source NULL
 * (the caller lets libevent make one, err left ""), or -1 with the reason
 * in err when source cannot be used for that family or bound.
 */
evutil_socket_t	 tcpconn_socket(int family,
		    const struct sockaddr_storage *source, char *err,
		    size_t errlen);

enum tcpconn_check_end {
	TCPCONN_OPEN,		/* the address answered (then closed) */
	TCPCONN_TIMED_OUT,	/* the address did not answer in time: the
				 * connect, or the proxy's CONNECT to it */
	TCPCONN_FAILED,		/* refused, unreachable, a local error, or
				 * the proxy itself failed (a session says
				 * how) */
};

struct tcpconn_result {
	enum tcpconn_check_end	 end;
	int			 err;		/* the errno of a direct FAILED, 0: none */
	long long		 proxy_ms;	/* through a proxy: until CONNECT went out */
	long long		 connect_ms;	/* the address's part: the connect, or
						 * the wait for the CONNECT's reply */
};

typedef void	tcpconn_check_cb(void *arg, const struct tcpconn_result *);

struct tcpconn_check;

/*
 * Check addr (port included), through proxy when not NULL (borrowed, it
 * outlives the check), waiting at most timeout_ms for each reply: cb is
 * called once, from the loop, never before this returns; the check is
 * freed after it.
 */
struct tcpconn_check	*tcpconn_check_start(struct event_base *,
			    const struct sockaddr_storage *addr,
			    socklen_t addrlen,
			    const struct sockaddr_storage *source,
			    const struct socks5_proxy *proxy,
			    long long timeout_ms, tcpconn_check_cb *, void *arg);
/* Stop a check that has not called back (no call then). */
void			 tcpconn_check_cancel(struct tcpconn_check *);

#endif
