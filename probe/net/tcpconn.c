/*
 * tcpconn.c - outgoing TCP connections: the socket a direct connection
 * uses (bound to --source), and a bare connect-and-close check, directly
 * or through the SOCKS5 proxy (its greeting, password, CONNECT: the
 * client state machine of net/socks5.c over a bufferevent).
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

#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "base/syserr.h"
#include "base/util.h"
#include "net/tcpconn.h"

struct tcpconn_check {
	struct event_base	*base;
	struct event		*ev;		/* the connect, or a result at once */
	evutil_socket_t		 fd;		/* until bev owns it */
	struct bufferevent	*bev;		/* through a proxy, once connected */
	struct event		*timer;		/* through a proxy: each reply */
	const struct socks5_proxy *proxy;
	struct socks5_client	 socks;
	struct sockaddr_storage	 target;
	socklen_t		 targetlen;
	long long		 timeout_ms;
	long long		 started, sent;	/* the check; CONNECT (or connect) */
	bool			 deferred;	/* connect() failed at once */
	int			 err;		/* ... with this errno */
	struct tcpconn_result	 res;
	tcpconn_check_cb	*cb;
	void			*arg;
};

/* A non-blocking, close-on-exec TCP socket; -1 with errno set. */
static evutil_socket_t
tcpconn_plain_socket(int family)
{
	evutil_socket_t fd = socket(family, SOCK_STREAM, 0);
	int e;

	if (fd >= 0 && (evutil_make_socket_nonblocking(fd) < 0 ||
	    evutil_make_socket_closeonexec(fd) < 0)) {
		e = errno;
		evutil_closesocket(fd);
		errno = e;
		return -1;
	}
	return fd;
}

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
	fd = tcpconn_plain_socket(family);
	if (fd < 0 ||
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
check_end(struct tcpconn_check *c, enum tcpconn_check_end end, int err)
{
	c->res.end = end;
	c->res.err = err;
	c->res.connect_ms = now_ms() - c->sent;
	c->cb(c->arg, &c->res);
	tcpconn_check_cancel(c);
}

static void
check_arm(struct event *ev, long long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	event_add(ev, &tv);
}

/* The proxy's replies: its method, the password's status, CONNECT's. */
static void
proxy_read_cb(struct bufferevent *bev, void *arg)
{
	struct tcpconn_check *c = arg;

	for (;;)
		switch (socks5_client_input(&c->socks,
		    bufferevent_get_input(bev), bufferevent_get_output(bev))) {
		case SOCKS5_EV_MORE:
			return;
		case SOCKS5_EV_STEP:
			if (c->socks.state == SOCKS5_S_CONNECT) {
				c->sent = now_ms();
				c->res.proxy_ms = c->sent - c->started;
			}
			check_arm(c->timer, c->timeout_ms);
			break;
		case SOCKS5_EV_READY:
			check_end(c, TCPCONN_OPEN, 0);
			return;
		case SOCKS5_EV_FAILED:
			check_end(c, TCPCONN_FAILED, 0);
			return;
		}
}

static void
proxy_event_cb(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	(void)what;
	check_end(arg, TCPCONN_FAILED, 0);
}

/*
 * No reply in time: while the proxy still tries the address, that is the
 * address's connect timing out (as session.c reads it); before, the proxy
 * is slow, which only a session can tell the user about.
 */
static void
proxy_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct tcpconn_check *c = arg;

	(void)fd;
	(void)what;
	check_end(c, c->socks.state == SOCKS5_S_CONNECT ? TCPCONN_TIMED_OUT :
	    TCPCONN_FAILED, 0);
}

/* Connected to the proxy: ask it for the address. */
static void
proxy_begin(struct tcpconn_check *c)
{
	c->bev = bufferevent_socket_new(c->base, c->fd, BEV_OPT_CLOSE_ON_FREE);
	c->timer = evtimer_new(c->base, proxy_timer_cb, c);
	if (c->bev == NULL || c->timer == NULL)
		fatalx("%s: out of memory for events", __func__);
	c->fd = -1;
	bufferevent_setcb(c->bev, proxy_read_cb, NULL, proxy_event_cb, c);
	bufferevent_enable(c->bev, EV_READ);
	socks5_client_start(&c->socks, c->proxy,
	    (const struct sockaddr *)&c->target, c->targetlen,
	    bufferevent_get_output(c->bev));
	check_arm(c->timer, c->timeout_ms);
}

static void
check_cb(evutil_socket_t fd, short what, void *arg)
{
	struct tcpconn_check *c = arg;
	int err = c->err;
	socklen_t len = sizeof(err);

	if (c->deferred)
		check_end(c, TCPCONN_FAILED, err);
	else if (what & EV_TIMEOUT)
		/* through a proxy: the proxy did not answer, not the address */
		check_end(c, c->proxy == NULL ? TCPCONN_TIMED_OUT :
		    TCPCONN_FAILED, 0);
	else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 ||
	    err != 0)
		check_end(c, TCPCONN_FAILED, err != 0 ? err : errno);
	else if (c->proxy != NULL)
		proxy_begin(c);
	else
		check_end(c, TCPCONN_OPEN, 0);
}

/*
 * connect() may end at once (a refusal on loopback, a local firewall):
 * the result is still given from the loop, as the header promises.
 */
struct tcpconn_check *
tcpconn_check_start(struct event_base *base,
    const struct sockaddr_storage *addr, socklen_t addrlen,
    const struct sockaddr_storage *source, const struct socks5_proxy *proxy,
    long long timeout_ms, tcpconn_check_cb *cb, void *arg)
{
	struct tcpconn_check *c = xcalloc(1, sizeof(*c));
	const struct sockaddr_storage *to = proxy ? &proxy->ss : addr;
	socklen_t tolen = proxy ? proxy->sslen : addrlen;
	char why[256];

	c->base = base;
	c->cb = cb;
	c->arg = arg;
	c->proxy = proxy;
	memcpy(&c->target, addr, sizeof(c->target));
	c->targetlen = addrlen;
	c->timeout_ms = timeout_ms;
	c->started = c->sent = now_ms();
	c->fd = tcpconn_socket(to->ss_family, source, why, sizeof(why));
	if (c->fd < 0 && why[0] == '\0')
		c->fd = tcpconn_plain_socket(to->ss_family);
	if (c->fd < 0) {
		c->deferred = true;
		c->err = why[0] != '\0' ? EADDRNOTAVAIL : errno;
	} else if (connect(c->fd, (const struct sockaddr *)to, tolen) != 0 &&
	    errno != EINPROGRESS) {
		c->deferred = true;
		c->err = errno;
	}
	c->ev = event_new(base, c->fd, EV_WRITE, check_cb, c);
	if (c->ev == NULL)
		fatalx("%s: out of memory for events", __func__);
	if (c->deferred)
		event_active(c->ev, EV_WRITE, 0);
	else
		check_arm(c->ev, timeout_ms);
	return c;
}

void
tcpconn_check_cancel(struct tcpconn_check *c)
{
	if (c == NULL)
		return;
	event_free(c->ev);
	if (c->timer != NULL)
		event_free(c->timer);
	if (c->bev != NULL)
		bufferevent_free(c->bev);
	if (c->fd >= 0)
		evutil_closesocket(c->fd);
	free(c);
}
