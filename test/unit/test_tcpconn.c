/*
 * test_tcpconn.c - the bare connect-and-close check (net/tcpconn.c) on
 * loopback: a listener answers (open), a closed port refuses (failed,
 * ECONNREFUSED), a listener whose accept queue is full drops the SYN
 * (timed out); the result always comes from the loop, never before
 * tcpconn_check_start returns; a cancelled check never calls back; a
 * --source of the other family fails the check without a connect.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include <event2/event.h>

#include "net/tcpconn.h"

struct seen {
	int			 calls;
	enum tcpconn_check_end	 end;
	int			 err;
	long long		 ms;
};

static void
seen_cb(void *arg, enum tcpconn_check_end end, int err, long long ms)
{
	struct seen *s = arg;

	s->calls++;
	s->end = end;
	s->err = err;
	s->ms = ms;
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
	assert_non_null(tcpconn_check_start(base, to, len, source, timeout_ms,
	    seen_cb, &s));
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
	c = tcpconn_check_start(base, &ss, len, NULL, 2000, seen_cb, &s);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_timed_out),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_source_family),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
