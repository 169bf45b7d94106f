/*
 * loopback.h - what the unit tests' scripted SMTP servers share: a
 * listener on 127.0.28.1 (a kernel-chosen port), the MX address that
 * points at it, a short turn of the loop for the last bytes, and the
 * cmocka setup/teardown giving each case its own event_base.
 * Header-only: each test includes it once.
 */
#ifndef MXTRACE_LOOPBACK_H
#define MXTRACE_LOOPBACK_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include <event2/event.h>
#include <event2/listener.h>

#include "dns/mxplan.h"

#define LOOPBACK_IP	"127.0.28.1"

/* Listen on LOOPBACK_IP; *port: the port the kernel chose. */
static inline struct evconnlistener *
loopback_listen(struct event_base *base, evconnlistener_cb cb, void *arg,
    int *port)
{
	struct evconnlistener *lis;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, LOOPBACK_IP, &sin.sin_addr);
	lis = evconnlistener_new_bind(base, cb, arg,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 16,
	    (struct sockaddr *)&sin, sizeof(sin));
	assert_non_null(lis);
	getsockname(evconnlistener_get_fd(lis), (struct sockaddr *)&sin, &len);
	*port = ntohs(sin.sin_port);
	return lis;
}

/* The MX address LOOPBACK_IP (private: tests allow it). */
static inline void
loopback_addr(struct mx_addr *a)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;

	memset(a, 0, sizeof(*a));
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, LOOPBACK_IP, &sin->sin_addr);
	a->sslen = sizeof(*sin);
	a->private_ = true;
	snprintf(a->text, sizeof(a->text), "%s", LOOPBACK_IP);
}

/* Let the server side see the last bytes (QUIT) and close. */
static inline void
loopback_settle(struct event_base *base)
{
	struct timeval tv = { 0, 50000 };

	event_base_loopexit(base, &tv);
	event_base_dispatch(base);
}

static inline int
loopback_setup(void **state)
{
	*state = event_base_new();
	return *state == NULL;
}

static inline int
loopback_teardown(void **state)
{
	loopback_settle(*state);
	event_base_free(*state);
	return 0;
}

#endif
