/*
 * test_tcpconn.c - the bare connect-and-close check (net/tcpconn.c) on
 * loopback: a listener answers (open), a closed port refuses (failed,
 * ECONNREFUSED), a listener whose accept queue is full drops the SYN
 * (timed out); the result always comes from the loop, never before
 * tcpconn_check_start returns; a cancelled check never calls back; a
 * --source of the other family fails the check without a connect.
 * Through a scripted SOCKS5 proxy (in the test's own loop): CONNECT
 * answered (open), CONNECT never answered (timed out: the address's
 * connect), CONNECT refused (failed), and a proxy mute at its greeting
 * (failed: the proxy's fault, never the address's timeout).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "net/tcpconn.h"

struct seen {
	int			 calls;
	enum tcpconn_check_end	 end;
	int			 err;
	long long		 ms;
	long long		 proxy_ms;
};

static void
seen_cb(void *arg, const struct tcpconn_result *r)
{
	struct seen *s = arg;

	s->calls++;
	s->end = r->end;
	s->err = r->err;
	s->ms = r->connect_ms;
	s->proxy_ms = r->proxy_ms;
}

/* A listener on 127.0.28.2 with a kernel-chosen port; backlog as given. */
static int
listener(int backlog, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "127.0.28.2", &sin->sin_addr);
	*len = sizeof(*sin);
	assert_int_equal(bind(fd, (struct sockaddr *)ss, *len), 0);
	assert_int_equal(listen(fd, backlog), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)ss, len), 0);
	return fd;
}

static struct seen
run_check(const struct sockaddr_storage *to, socklen_t len,
    const struct sockaddr_storage *source, long long timeout_ms)
{
	struct event_base *base = event_base_new();
	struct seen s = { 0 };

	assert_non_null(base);
	assert_non_null(tcpconn_check_start(base, to, len, source, NULL,
	    timeout_ms, seen_cb, &s));
	assert_int_equal(s.calls, 0);	/* never before it returns */
	event_base_dispatch(base);
	event_base_free(base);
	return s;
}

static void
test_open(void **state)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = listener(4, &ss, &len);
	struct seen s = run_check(&ss, len, NULL, 2000);

	(void)state;
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.end, TCPCONN_OPEN);
	close(lfd);
}

static void
test_refused(void **state)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = listener(4, &ss, &len);
	struct seen s;

	(void)state;
	close(lfd);		/* the port is closed now */
	s = run_check(&ss, len, NULL, 2000);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.end, TCPCONN_FAILED);
	assert_int_equal(s.err, ECONNREFUSED);
}

static void
test_timed_out(void **state)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = listener(0, &ss, &len);
	int filler = socket(AF_INET, SOCK_STREAM, 0);
	struct seen s;

	(void)state;
	/* one connection fills a backlog of 0: the next SYN is dropped */
	assert_int_equal(connect(filler, (struct sockaddr *)&ss, len), 0);
	s = run_check(&ss, len, NULL, 300);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.end, TCPCONN_TIMED_OUT);
	assert_true(s.ms >= 290);
	close(filler);
	close(lfd);
}

static void
test_cancel(void **state)
{
	struct event_base *base = event_base_new();
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = listener(4, &ss, &len);
	struct seen s = { 0 };
	struct tcpconn_check *c;

	(void)state;
	c = tcpconn_check_start(base, &ss, len, NULL, NULL, 2000, seen_cb, &s);
	tcpconn_check_cancel(c);
	event_base_dispatch(base);
	assert_int_equal(s.calls, 0);
	event_base_free(base);
	close(lfd);
}

static void
test_source_family(void **state)
{
	struct sockaddr_storage ss, src;
	struct sockaddr_in6 *six = (struct sockaddr_in6 *)&src;
	socklen_t len;
	int lfd = listener(4, &ss, &len);
	struct seen s;
	char err[200];

	(void)state;
	memset(&src, 0, sizeof(src));
	six->sin6_family = AF_INET6;
	six->sin6_addr = in6addr_loopback;
	assert_int_equal(tcpconn_socket(AF_INET, &src, err, sizeof(err)), -1);
	assert_string_equal(err, "the source address (--source) is IPv6, the "
	    "address to connect to is not");
	s = run_check(&ss, len, &src, 2000);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.end, TCPCONN_FAILED);
	close(lfd);
}

/* The scripted proxy: how it answers. */
enum proxy_mode { PX_OPEN, PX_SILENT, PX_REFUSE, PX_MUTE };

struct proxy_conn {
	enum proxy_mode		 mode;
	int			 state;	/* 0: greeting expected, 1: CONNECT */
	struct bufferevent	*bev;	/* the one connection (the test's) */
};

static void
proxy_conn_read(struct bufferevent *bev, void *arg)
{
	static const uint8_t method[] = { 5, 0 };
	uint8_t ok[] = { 5, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
	struct proxy_conn *pc = arg;
	struct evbuffer *in = bufferevent_get_input(bev);

	if (pc->state == 0 && evbuffer_get_length(in) >= 3) {
		evbuffer_drain(in, 3);		/* 05 01 00: no authentication */
		pc->state = 1;
		if (pc->mode != PX_MUTE)
			bufferevent_write(bev, method, sizeof(method));
	}
	if (pc->state == 1 && evbuffer_get_length(in) >= 10) {
		evbuffer_drain(in, 10);		/* CONNECT to an IPv4 address */
		pc->state = 2;
		if (pc->mode == PX_REFUSE)
			ok[1] = 5;		/* connection refused */
		if (pc->mode != PX_SILENT)
			bufferevent_write(bev, ok, sizeof(ok));
	}
}

static void
proxy_accept(struct evconnlistener *lis, evutil_socket_t fd,
    struct sockaddr *sa, int salen, void *arg)
{
	struct bufferevent *bev = bufferevent_socket_new(
	    evconnlistener_get_base(lis), fd, BEV_OPT_CLOSE_ON_FREE);
	struct proxy_conn *pc = arg;

	(void)sa;
	(void)salen;
	pc->bev = bev;
	bufferevent_setcb(bev, proxy_conn_read, NULL, NULL, pc);
	bufferevent_enable(bev, EV_READ);
}

/* One check of 192.0.2.25:25 through the scripted proxy. */
static struct seen
run_proxied(enum proxy_mode mode, long long timeout_ms)
{
	struct event_base *base = event_base_new();
	struct proxy_conn pc = { mode, 0, NULL };
	struct sockaddr_storage ss, target;
	struct sockaddr_in *t = (struct sockaddr_in *)&target;
	struct socks5_proxy px;
	struct evconnlistener *lis;
	struct seen s = { 0 };
	socklen_t len;
	const char *err;
	char *rerr = NULL, url[64];
	int lfd = listener(4, &ss, &len);

	evutil_make_socket_nonblocking(lfd);
	lis = evconnlistener_new(base, proxy_accept, &pc,
	    LEV_OPT_CLOSE_ON_FREE, -1, lfd);
	assert_non_null(lis);
	snprintf(url, sizeof(url), "socks5://127.0.28.2:%d",
	    ntohs(((struct sockaddr_in *)&ss)->sin_port));
	assert_int_equal(socks5_proxy_parse(url, &px, &err), 0);
	assert_int_equal(socks5_proxy_resolve(&px, &rerr), 0);
	memset(&target, 0, sizeof(target));
	t->sin_family = AF_INET;
	t->sin_port = htons(25);
	inet_pton(AF_INET, "192.0.2.25", &t->sin_addr);
	assert_non_null(tcpconn_check_start(base, &target, sizeof(*t), NULL,
	    &px, timeout_ms, seen_cb, &s));
	assert_int_equal(s.calls, 0);
	while (s.calls == 0)
		event_base_loop(base, EVLOOP_ONCE);
	if (pc.bev != NULL)
		bufferevent_free(pc.bev);
	evconnlistener_free(lis);
	socks5_proxy_free(&px);
	event_base_free(base);
	return s;
}

static void
test_proxy_open(void **state)
{
	struct seen s = run_proxied(PX_OPEN, 2000);

	(void)state;
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.end, TCPCONN_OPEN);
}

static void
test_proxy_connect_silent(void **state)
{
	struct seen s = run_proxied(PX_SILENT, 300);

	(void)state;
	assert_int_equal(s.end, TCPCONN_TIMED_OUT);
	assert_true(s.ms >= 290);	/* counted from CONNECT */
	assert_true(s.proxy_ms < 290);
}

static void
test_proxy_refused(void **state)
{
	struct seen s = run_proxied(PX_REFUSE, 2000);

	(void)state;
	assert_int_equal(s.end, TCPCONN_FAILED);
}

static void
test_proxy_mute(void **state)
{
	struct seen s = run_proxied(PX_MUTE, 300);

	(void)state;
	assert_int_equal(s.end, TCPCONN_FAILED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_timed_out),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_source_family),
		cmocka_unit_test(test_proxy_open),
		cmocka_unit_test(test_proxy_connect_silent),
		cmocka_unit_test(test_proxy_refused),
		cmocka_unit_test(test_proxy_mute),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
