/*
 * test_socks5.c - the SOCKS5 client without sockets: the proxy URL, the
 * three reply parsers (table driven, every message also fed one byte at a
 * time), and the state machine over evbuffers against scripted proxies,
 * checking the exact bytes it sends and that no text holds the password.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <cmocka.h>

#include "net/socks5.h"

#define B(s)	(const uint8_t *)(s), sizeof(s) - 1

static void
test_url(void **state)
{
	static const struct {
		const char *url;
		int ok;
		const char *host, *user, *pass, *shown;
		int port;
	} cases[] = {
		{ "socks5://127.0.0.1:1080", 0, "127.0.0.1", NULL, NULL, "127.0.0.1:1080", 1080 },
		{ "SOCKS5://proxy.example:9050", 0, "proxy.example", NULL, NULL, "proxy.example:9050", 9050 },
		{ "socks5://h", 0, "h", NULL, NULL, "h:1080", 1080 },
		{ "socks5://u:p@h:1", 0, "h", "u", "p", "h:1", 1 },
		{ "socks5://u%40x:p%3Aa@b@h:2", 0, "h", "u@x", "p:a@b", "h:2", 2 },
		{ "socks5://u:@h:2", 0, "h", "u", "", "h:2", 2 },
		{ "socks5://[::1]:1080", 0, "::1", NULL, NULL, "[::1]:1080", 1080 },
		{ "socks5://[::1]", 0, "::1", NULL, NULL, "[::1]:1080", 1080 },
		{ "socks5h://h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "http://h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://h:0", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://h:65536", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://h:12x", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://h:-1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://h:1/path", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://::1:1080", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://[::1:1080", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://:p@h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://user@h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://u:%00@h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://u:%4@h:1", -1, NULL, NULL, NULL, NULL, 0 },
		/* the report's *** pasted back as the password */
		{ "socks5://u:***@h:1", -1, NULL, NULL, NULL, NULL, 0 },
		{ "socks5://u%40x:***@[::1]:1080", -1, NULL, NULL, NULL, NULL, 0 },
		/* a password that really is *** (or holds it) */
		{ "socks5://u:%2A%2A%2A@h:1", 0, "h", "u", "***", "h:1", 1 },
		{ "socks5://u:****@h:1", 0, "h", "u", "****", "h:1", 1 },
	};
	struct socks5_proxy p;
	const char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = socks5_proxy_parse(cases[i].url, &p, &err);

		if (rc != cases[i].ok)
			fail_msg("%s: rc %d", cases[i].url, rc);
		if (rc < 0) {
			assert_non_null(err);
			/* the error never repeats the URL (passwords) */
			assert_null(strstr(err, "socks5://u"));
			continue;
		}
		assert_string_equal(p.host, cases[i].host);
		assert_int_equal(p.port, cases[i].port);
		assert_string_equal(p.shown, cases[i].shown);
		if (cases[i].user == NULL)
			assert_null(p.user);
		else {
			assert_string_equal(p.user, cases[i].user);
			assert_string_equal(p.pass, cases[i].pass);
		}
		socks5_proxy_free(&p);
	}
}

/* The *** of FILE.meta and the report is refused with words that say what
 * to type, not the bare syntax error, and never echo the URL. */
static void
test_url_masked_password(void **state)
{
	struct socks5_proxy p;
	const char *err;

	(void)state;
	assert_int_equal(socks5_proxy_parse("socks5://sales:***@127.0.0.1:9",
	    &p, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "put the real password"));
	assert_null(strstr(err, "sales"));
}

static void
test_url_long_credentials(void **state)
{
	char url[700], user[300];
	struct socks5_proxy p;
	const char *err;

	(void)state;
	memset(user, 'u', 255);
	user[255] = '\0';
	snprintf(url, sizeof(url), "socks5://%s:pw@h:1", user);
	assert_int_equal(socks5_proxy_parse(url, &p, &err), 0);
	assert_int_equal(strlen(p.user), 255);
	socks5_proxy_free(&p);
	user[255] = 'u';
	user[256] = '\0';
	snprintf(url, sizeof(url), "socks5://%s:pw@h:1", user);
	assert_int_equal(socks5_proxy_parse(url, &p, &err), -1);
}

static void
test_parse_reply(void **state)
{
	static const struct {
		const char *name;
		const uint8_t *b;
		size_t n;
		enum socks5_parse want;
		size_t used;
		int rep;
		const char *bound;
	} cases[] = {
		{ "v4 ok", B("\x05\x00\x00\x01\x7f\x00\x00\x01\x04\x38"), SOCKS5_OK, 10, 0, "127.0.0.1:1080" },
		{ "v4 ok + smtp", B("\x05\x00\x00\x01\x7f\x00\x00\x01\x04\x38" "220 x"), SOCKS5_OK, 10, 0, "127.0.0.1:1080" },
		{ "v6 bound", B("\x05\x00\x00\x04\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x19"), SOCKS5_OK, 22, 0, "[2001:db8::1]:25" },
		{ "name bound", B("\x05\x00\x00\x03\x05proxy\x00\x19"), SOCKS5_OK, 12, 0, "proxy:25" },
		{ "name ctl", B("\x05\x00\x00\x03\x02\x1b\n\x00\x19"), SOCKS5_OK, 9, 0, "??:25" },
		{ "empty name", B("\x05\x00\x00\x03\x00\x00\x19"), SOCKS5_OK, 7, 0, ":25" },
		{ "ruleset", B("\x05\x02\x00\x01\x00\x00\x00\x00\x00\x00"), SOCKS5_OK, 10, 2, "0.0.0.0:0" },
		{ "unassigned", B("\x05\xee\x00\x01\x00\x00\x00\x00\x00\x00"), SOCKS5_OK, 10, 0xee, "0.0.0.0:0" },
		{ "short v4", B("\x05\x00\x00\x01\x7f\x00"), SOCKS5_MORE, 0, 0, NULL },
		{ "short v6", B("\x05\x00\x00\x04\x20\x01\x0d\xb8"), SOCKS5_MORE, 0, 0, NULL },
		{ "one byte", B("\x05"), SOCKS5_MORE, 0, 0, NULL },
		{ "http", B("HTTP/1.0 400 Bad"), SOCKS5_BAD, 0, 0, NULL },
		{ "socks4", B("\x00\x5a\x00\x00\x00\x00\x00\x00"), SOCKS5_BAD, 0, 0, NULL },
		{ "rsv", B("\x05\x00\x01\x01\x00\x00\x00\x00\x00\x00"), SOCKS5_BAD, 0, 0, NULL },
		{ "atyp", B("\x05\x00\x00\x07\x00\x00\x00\x00\x00\x00"), SOCKS5_BAD, 0, 0, NULL },
	};
	struct socks5_reply r;
	const char *err;
	size_t i, k, used;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum socks5_parse got;

		/* every prefix of a good message is "more" */
		for (k = 0; cases[i].want == SOCKS5_OK && k < cases[i].used; k++)
			if (socks5_parse_reply(cases[i].b, k, &used, &r, &err) !=
			    SOCKS5_MORE)
				fail_msg("%s: prefix %zu not MORE", cases[i].name, k);
		memset(&r, 0, sizeof(r));
		err = NULL;
		got = socks5_parse_reply(cases[i].b, cases[i].n, &used, &r,
		    &err);
		if (got != cases[i].want)
			fail_msg("%s: got %d", cases[i].name, (int)got);
		if (got == SOCKS5_BAD)
			assert_non_null(err);
		if (got != SOCKS5_OK)
			continue;
		assert_int_equal(used, cases[i].used);
		assert_int_equal(r.rep, cases[i].rep);
		assert_string_equal(r.bound, cases[i].bound);
	}
}

static void
test_parse_method_auth(void **state)
{
	const char *err = NULL;
	size_t used = 0;
	int v = -1;

	(void)state;
	assert_int_equal(socks5_parse_method(B("\x05"), &used, &v, &err), SOCKS5_MORE);
	assert_int_equal(socks5_parse_method(B("\x05\x02"), &used, &v, &err), SOCKS5_OK);
	assert_int_equal(v, 2);
	assert_int_equal(used, 2);
	assert_int_equal(socks5_parse_method(B("\x04\x00"), &used, &v, &err), SOCKS5_BAD);
	assert_int_equal(socks5_parse_auth(B("\x01\x00"), &used, &v, &err), SOCKS5_OK);
	assert_int_equal(v, 0);
	assert_int_equal(socks5_parse_auth(B("\x05\x01"), &used, &v, &err), SOCKS5_OK);
	assert_int_equal(v, 1);
	assert_int_equal(socks5_parse_auth(B("\x02\x00"), &used, &v, &err), SOCKS5_BAD);
	assert_int_equal(socks5_parse_auth(B(""), &used, &v, &err), SOCKS5_MORE);
	assert_string_equal(socks5_rep_text(2), "connection not allowed by ruleset");
	assert_string_equal(socks5_rep_text(99), "unassigned reply code");
}

/* A scripted proxy: what it answers to each message, and what we must send. */
struct script {
	const char	*name;
	const char	*url;
	const uint8_t	*answers[3];
	size_t		 lens[3];
	enum socks5_event want;
	enum proxy_fail	 fail;
	int		 rep;
	size_t		 sent_greeting;	/* bytes of our greeting */
};

#define A(s)	(const uint8_t *)(s)
#define OKREPLY	"\x05\x00\x00\x01\x7f\x00\x00\x02\x9c\x40"

static enum socks5_event
run_script(const struct script *sc, struct socks5_client *c,
    struct socks5_proxy *p, bool bytewise, struct evbuffer *out)
{
	struct sockaddr_in t;
	struct evbuffer *in = evbuffer_new();
	enum socks5_event ev = SOCKS5_EV_MORE;
	const char *err;
	size_t k, b;

	assert_int_equal(socks5_proxy_parse(sc->url, p, &err), 0);
	memset(&t, 0, sizeof(t));
	t.sin_family = AF_INET;
	t.sin_port = htons(25);
	inet_pton(AF_INET, "192.0.2.25", &t.sin_addr);
	socks5_client_start(c, p, (struct sockaddr *)&t, sizeof(t), out);
	assert_int_equal(evbuffer_get_length(out), sc->sent_greeting);
	for (k = 0; k < 3 && sc->answers[k] != NULL; k++) {
		for (b = 0; b < sc->lens[k]; b++) {
			size_t chunk = bytewise ? 1 : sc->lens[k];

			evbuffer_add(in, sc->answers[k] + b, chunk);
			b += chunk - 1;
			do
				ev = socks5_client_input(c, in, out);
			while (ev == SOCKS5_EV_STEP &&
			    evbuffer_get_length(in) > 0);
			if (ev == SOCKS5_EV_FAILED || ev == SOCKS5_EV_READY)
				break;
		}
		if (ev == SOCKS5_EV_FAILED || ev == SOCKS5_EV_READY)
			break;
	}
	evbuffer_free(in);
	return ev;
}

static void
test_client(void **state)
{
	static const struct script cases[] = {
		{ "no auth", "socks5://p:1", { A("\x05\x00"), A(OKREPLY) }, { 2, 10 },
		    SOCKS5_EV_READY, PROXY_FAIL_NONE, 0, 3 },
		{ "user/pass", "socks5://alice:s3cret@p:1",
		    { A("\x05\x02"), A("\x01\x00"), A(OKREPLY) }, { 2, 2, 10 },
		    SOCKS5_EV_READY, PROXY_FAIL_NONE, 0, 4 },
		{ "user given, none chosen", "socks5://alice:s3cret@p:1",
		    { A("\x05\x00"), A(OKREPLY) }, { 2, 10 },
		    SOCKS5_EV_READY, PROXY_FAIL_NONE, 0, 4 },
		{ "wants auth", "socks5://p:1", { A("\x05\xff") }, { 2 },
		    SOCKS5_EV_FAILED, PROXY_FAIL_AUTH, -1, 3 },
		{ "bad password", "socks5://alice:s3cret@p:1",
		    { A("\x05\x02"), A("\x01\x01") }, { 2, 2 },
		    SOCKS5_EV_FAILED, PROXY_FAIL_AUTH, -1, 4 },
		{ "method not offered", "socks5://p:1", { A("\x05\x02") }, { 2 },
		    SOCKS5_EV_FAILED, PROXY_FAIL_PROTOCOL, -1, 3 },
		{ "ruleset", "socks5://p:1",
		    { A("\x05\x00"), A("\x05\x02\x00\x01\x00\x00\x00\x00\x00\x00") },
		    { 2, 10 }, SOCKS5_EV_FAILED, PROXY_FAIL_REPLY, 2, 3 },
		{ "refused by mx", "socks5://p:1",
		    { A("\x05\x00"), A("\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00") },
		    { 2, 10 }, SOCKS5_EV_FAILED, PROXY_FAIL_REPLY, 5, 3 },
		{ "garbage", "socks5://p:1", { A("220 smtp.example ESMTP\r\n") },
		    { 24 }, SOCKS5_EV_FAILED, PROXY_FAIL_PROTOCOL, -1, 3 },
		{ "short", "socks5://p:1", { A("\x05\x00"), A("\x05\x00\x00\x01") },
		    { 2, 4 }, SOCKS5_EV_MORE, PROXY_FAIL_NONE, -1, 3 },
	};
	struct socks5_client c;
	struct socks5_proxy p;
	size_t i;
	int bytewise;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (bytewise = 0; bytewise < 2; bytewise++) {
			struct evbuffer *out = evbuffer_new();
			enum socks5_event ev;
			size_t n;
			unsigned char *all;

			ev = run_script(&cases[i], &c, &p, bytewise, out);
			if (ev != cases[i].want)
				fail_msg("%s (bytewise %d): event %d", cases[i].name,
				    bytewise, (int)ev);
			if (ev == SOCKS5_EV_FAILED) {
				if (c.fail != cases[i].fail)
					fail_msg("%s: fail %d", cases[i].name, (int)c.fail);
				assert_int_equal(c.reply.rep, cases[i].rep);
				assert_null(strstr(c.error, "s3cret"));
				assert_null(strstr(c.error, "alice"));
				assert_non_null(strstr(c.error, "p:1"));
			}
			/* what we sent ends with CONNECT 192.0.2.25:25 by IP */
			n = evbuffer_get_length(out);
			all = evbuffer_pullup(out, -1);
			if (ev == SOCKS5_EV_READY) {
				assert_true(n >= 10);
				assert_memory_equal(all + n - 10,
				    "\x05\x01\x00\x01\xc0\x00\x02\x19\x00\x19", 10);
				assert_string_equal(c.reply.bound, "127.0.0.2:40000");
			}
			if (strcmp(cases[i].name, "user/pass") == 0)
				assert_memory_equal(all + 4,
				    "\x01\x05" "alice" "\x06" "s3cret", 13);
			evbuffer_free(out);
			socks5_proxy_free(&p);
		}
	}
}

static void
test_client_ipv6_target(void **state)
{
	struct sockaddr_in6 t;
	struct socks5_client c;
	struct socks5_proxy p;
	struct evbuffer *out = evbuffer_new(), *in = evbuffer_new();
	const char *err;
	unsigned char *all;

	(void)state;
	assert_int_equal(socks5_proxy_parse("socks5://[::1]:1080", &p, &err), 0);
	memset(&t, 0, sizeof(t));
	t.sin6_family = AF_INET6;
	t.sin6_port = htons(25);
	inet_pton(AF_INET6, "::1", &t.sin6_addr);
	socks5_client_start(&c, &p, (struct sockaddr *)&t, sizeof(t), out);
	evbuffer_add(in, "\x05\x00", 2);
	assert_int_equal(socks5_client_input(&c, in, out), SOCKS5_EV_STEP);
	assert_int_equal(c.state, SOCKS5_S_CONNECT);
	all = evbuffer_pullup(out, -1);
	assert_int_equal(evbuffer_get_length(out), 3 + 22);
	assert_memory_equal(all + 3, "\x05\x01\x00\x04", 4);
	assert_int_equal(all[3 + 19], 1);
	assert_memory_equal(all + 3 + 20, "\x00\x19", 2);
	evbuffer_free(out);
	evbuffer_free(in);
	socks5_proxy_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_url_masked_password),
		cmocka_unit_test(test_url_long_credentials),
		cmocka_unit_test(test_parse_reply),
		cmocka_unit_test(test_parse_method_auth),
		cmocka_unit_test(test_client),
		cmocka_unit_test(test_client_ipv6_target),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
