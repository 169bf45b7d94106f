/*
 * tcpconn.c - outgoing TCP connections: the socket a direct connection
 * uses (bound to --source), and a bare connect-and-close check.
 *
 * Public: tcpconn_socket, tcpconn_check_start, tcpconn_check_cancel.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>

#include "base/syserr.h"
#include "base/util.h"
#include "net/tcpconn.h"

struct tcpconn_check {
	struct event		*ev;
	evutil_socket_t		 fd;
	long long		 started;
	bool			 deferred;	/* ended before connect() waited */
	enum tcpconn_check_end	 end;
	int			 err;
	tcpconn_check_cb	*cb;
	void			*arg;
};

evutil_socket_t
tcpconn_socket(int family, const struct sockaddr_storage *source, char *err,
    size_t errlen)
{
	evutil_socket_t fd;

	err[0] = '\0';
	if (source == NULL)
		return -1;
	if (source->ss_family != family) {
		snprintf(err, errlen, "the source address (--source) is IPv%c, "
		    "the address to connect to is not",
		    source->ss_family == AF_INET6 ? '6' : '4');
		return -1;
	}
	fd = socket(family, SOCK_STREAM, 0);
	if (fd < 0 || evutil_make_socket_nonblocking(fd) < 0 ||
	    evutil_make_socket_closeonexec(fd) < 0 ||
	    bind(fd, (const struct sockaddr *)source, family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in)) < 0) {
		char e[128];

		snprintf(e, sizeof(e), "%s", syserr_text(errno));
		e[0] = (char)tolower((unsigned char)e[0]);
		snprintf(err, errlen, "cannot use the source address "
		    "(--source): %s", e);
		if (fd >= 0)
			evutil_closesocket(fd);
		return -1;
	}
	return fd;
}

static void
check_cb(evutil_socket_t fd, short what, void *arg)
{
	struct tcpconn_check *c = arg;
	enum tcpconn_check_end end = c->end;
	int err = c->err;
	socklen_t len = sizeof(err);

	if (!c->deferred) {
		if (what & EV_TIMEOUT) {
			end = TCPCONN_TIMED_OUT;
			err = 0;
		} else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
		    &len) < 0 || err != 0) {
			end = TCPCONN_FAILED;
			err = err != 0 ? err : errno;
		} else
			end = TCPCONN_OPEN;
	}
	c->cb(c->arg, end, err, now_ms() - c->started);
	tcpconn_check_cancel(c);
}

/*
 * connect() may end at once (a refusal on loopback, a local firewall):
 * the result is still given from the loop, as the header promises.
 */
struct tcpconn_check *
tcpconn_check_start(struct event_base *base,
    const struct sockaddr_storage *addr, socklen_t addrlen,
    const struct sockaddr_storage *source, long long timeout_ms,
    tcpconn_check_cb *cb, void *arg)
{
	struct tcpconn_check *c = xcalloc(1, sizeof(*c));
	struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
	char why[256];

	c->cb = cb;
	c->arg = arg;
	c->started = now_ms();
	c->fd = tcpconn_socket(addr->ss_family, source, why, sizeof(why));
	if (c->fd < 0 && why[0] == '\0' &&
	    (c->fd = socket(addr->ss_family, SOCK_STREAM, 0)) >= 0 &&
	    (evutil_make_socket_nonblocking(c->fd) < 0 ||
	    evutil_make_socket_closeonexec(c->fd) < 0)) {
		evutil_closesocket(c->fd);
		c->fd = -1;
	}
	if (c->fd < 0) {
		c->deferred = true;
		c->end = TCPCONN_FAILED;
		c->err = why[0] != '\0' ? EADDRNOTAVAIL : errno;
	} else if (connect(c->fd, (const struct sockaddr *)addr,
	    addrlen) == 0) {
		c->deferred = true;
		c->end = TCPCONN_OPEN;
	} else if (errno != EINPROGRESS) {
		c->deferred = true;
		c->end = TCPCONN_FAILED;
		c->err = errno;
	}
	c->ev = event_new(base, c->fd, EV_WRITE, check_cb, c);
	if (c->ev == NULL)
		fatalx("%s: out of memory for events", __func__);
	if (c->deferred)
		event_active(c->ev, EV_WRITE, 0);
	else
		event_add(c->ev, &tv);
	return c;
}

void
tcpconn_check_cancel(struct tcpconn_check *c)
{
	if (c == NULL)
		return;
	event_free(c->ev);
	if (c->fd >= 0)
		evutil_closesocket(c->fd);
	free(c);
}
