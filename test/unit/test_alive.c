/*
 * test_alive.c - dns/alive.c's start-up check with one server (--resolver),
 * a scripted one in a child process on loopback (127.0.28.4, a
 * kernel-chosen port): a reply of any RCODE proves it alive, REFUSED too,
 * and the check ends as soon as it came: a refusal holds the wait 1 s for
 * the others only when there are others (DNS_ALIVE_REFUSED_WAIT_MS), so
 * one server is never held.  A server that never replies is silent when
 * the wait is over.  With --resolver no forwarder is kept (one server:
 * nothing to choose).  Several servers come only from /etc/resolv.conf:
 * test/integration/test_resolver_refused.py bind-mounts one.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "base/util.h"
#include "dns/alive.h"

#define ALIVE_IP	"127.0.28.4"
#define RCODE_NONE	(-1)	/* the server reads each question, replies none */

/* A child answering every question on a socket of ALIVE_IP with rcode. */
struct server {
	pid_t	pid;
	char	at[32];		/* "IP@PORT", for --resolver */
};

static void
server_serve(int fd, int rcode)
{
	uint8_t buf[512];
	struct sockaddr_storage peer;
	socklen_t len;
	ssize_t n;

	for (;;) {
		len = sizeof(peer);
		n = recvfrom(fd, buf, sizeof(buf), 0,
		    (struct sockaddr *)&peer, &len);
		if (n < 12 || rcode == RCODE_NONE)
			continue;
		buf[2] |= 0x80;				/* QR */
		buf[3] = (uint8_t)rcode;		/* RA, Z, AD, CD clear */
		(void)sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&peer,
		    len);
	}
}

static void
server_start(struct server *s, int rcode)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, ALIVE_IP, &sin.sin_addr);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	snprintf(s->at, sizeof(s->at), "%s@%u", ALIVE_IP, ntohs(sin.sin_port));
	if ((s->pid = fork()) == 0) {
		server_serve(fd, rcode);
		_exit(0);
	}
	assert_true(s->pid > 0);
	close(fd);
}

static void
server_stop(struct server *s)
{
	int status;

	kill(s->pid, SIGKILL);
	assert_int_equal(waitpid(s->pid, &status, 0), s->pid);
}

/* The check of a server replying rcode: whether silent, and its time. */
static bool
check_one(int rcode, long long wait_ms, struct dns_alive *a, long long *ms)
{
	struct server s;
	long long t0;
	bool silent;

	server_start(&s, rcode);
	t0 = now_ms();
	silent = dns_resolver_silent(s.at, wait_ms, a);
	*ms = now_ms() - t0;
	server_stop(&s);
	assert_int_equal(a->nasked, 1);
	assert_string_equal(a->asked[0].text, s.at);
	assert_null(a->asked[0].why);
	return silent;
}

/*
 * Each RCODE is a reply, and the check ends with it: far within the
 * REFUSED wait (1 s), which a refusal must not add for a lone server.
 */
static void
test_one_server_replies(void **state)
{
	static const int rcodes[] = { 0, 2, 3, 5 };	/* NOERROR, SERVFAIL, NXDOMAIN, REFUSED */
	struct dns_alive a;
	long long ms;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rcodes) / sizeof(rcodes[0]); i++) {
		assert_false(check_one(rcodes[i], 3000, &a, &ms));
		printf("# RCODE %d: %lld ms, reply after %lld ms\n", rcodes[i],
		    ms, a.reply_ms);
		assert_true(a.reply_ms >= 0 && a.reply_ms <= ms);
		assert_true(ms < 500);
		assert_int_equal(a.nanswered, 0);
		dns_alive_free(&a);
	}
}

/* A server that reads every question and replies none: silent, waited. */
static void
test_one_server_silent(void **state)
{
	struct dns_alive a;
	long long ms;

	(void)state;
	assert_true(check_one(RCODE_NONE, 300, &a, &ms));
	assert_true(ms >= 300);
	assert_int_equal(a.reply_ms, -1);
	assert_int_equal(a.nanswered, 0);
	dns_alive_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_server_replies),
		cmocka_unit_test(test_one_server_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
