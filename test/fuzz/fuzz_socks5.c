/*
 * fuzz_socks5.c - libFuzzer target for the SOCKS5 client: the three reply
 * parsers on the raw input, then the state machine (with and without
 * credentials) fed the input in chunks whose sizes come from the first
 * byte.  Invariants: a parser never claims more bytes than it was given
 * or than the longest reply; the bound address is printable ASCII; the
 * machine ends in a known state and a failure always has a text that
 * never holds the password.
 */
#include <netinet/in.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/socks5.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_bound(const struct socks5_reply *r)
{
	const char *p;

	for (p = r->bound; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			abort();
}

static void
run_machine(const char *url, const uint8_t *data, size_t size)
{
	struct socks5_proxy p;
	struct socks5_client c;
	struct sockaddr_in t;
	struct evbuffer *in = evbuffer_new(), *out = evbuffer_new();
	enum socks5_event ev = SOCKS5_EV_MORE;
	const char *err;
	size_t chunk = size ? (size_t)(data[0] % 7) + 1 : 1, off;

	if (socks5_proxy_parse(url, &p, &err) < 0)
		abort();
	memset(&t, 0, sizeof(t));
	t.sin_family = AF_INET;
	socks5_client_start(&c, &p, (struct sockaddr *)&t, sizeof(t), out);
	for (off = 0; off < size && ev != SOCKS5_EV_FAILED &&
	    ev != SOCKS5_EV_READY; off += chunk) {
		evbuffer_add(in, data + off,
		    size - off < chunk ? size - off : chunk);
		do
			ev = socks5_client_input(&c, in, out);
		while (ev == SOCKS5_EV_STEP && evbuffer_get_length(in) > 0);
	}
	if (ev == SOCKS5_EV_FAILED &&
	    (c.error[0] == '\0' || strstr(c.error, "fuzzpw") != NULL ||
	    c.state != SOCKS5_S_FAILED))
		abort();
	if (ev == SOCKS5_EV_READY &&
	    (c.state != SOCKS5_S_READY || c.reply.rep != 0))
		abort();
	check_bound(&c.reply);
	socks5_proxy_free(&p);
	evbuffer_free(in);
	evbuffer_free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct socks5_reply r;
	const char *err;
	size_t used;
	int v;

	memset(&r, 0, sizeof(r));
	used = 0;
	if (socks5_parse_reply(data, size, &used, &r, &err) == SOCKS5_OK) {
		if (used > size || used > SOCKS5_REPLY_MAX)
			abort();
		check_bound(&r);
	}
	used = 0;
	if (socks5_parse_method(data, size, &used, &v, &err) == SOCKS5_OK &&
	    used > size)
		abort();
	used = 0;
	if (socks5_parse_auth(data, size, &used, &v, &err) == SOCKS5_OK &&
	    used > size)
		abort();
	run_machine("socks5://127.0.0.1:1080", data, size);
	run_machine("socks5://fuzzuser:fuzzpw@127.0.0.1:1080", data, size);
	return 0;
}
