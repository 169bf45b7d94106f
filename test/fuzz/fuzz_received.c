/*
 * fuzz_received.c - libFuzzer target for the Received: parser.  Any bytes
 * are one header value.  Invariants: every field is NUL-terminated within
 * its buffer and holds no control character; an IP field is empty or a
 * valid address; tls and auth are in range.  ASan catches any overrun.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/received.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_field(const char *f, size_t cap)
{
	size_t n = strnlen(f, cap), i;

	if (n == cap)
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)f[i] < 0x20 || f[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rcvd_hop h;

	(void)rcvd_parse((const char *)data, size, &h);
	fuzz_field(h.from_rdns, sizeof(h.from_rdns));
	fuzz_field(h.helo, sizeof(h.helo));
	fuzz_field(h.ip, sizeof(h.ip));
	fuzz_field(h.by, sizeof(h.by));
	fuzz_field(h.by_ip, sizeof(h.by_ip));
	fuzz_field(h.software, sizeof(h.software));
	fuzz_field(h.protocol, sizeof(h.protocol));
	fuzz_field(h.tls_version, sizeof(h.tls_version));
	fuzz_field(h.id, sizeof(h.id));
	fuzz_field(h.for_addr, sizeof(h.for_addr));
	fuzz_field(h.date_text, sizeof(h.date_text));
	if ((h.ip[0] != '\0' && !rcvd_is_ip(h.ip)) ||
	    (h.by_ip[0] != '\0' && !rcvd_is_ip(h.by_ip)))
		abort();
	if (h.tls > RCVD_YES || h.auth > RCVD_YES)
		abort();
	return 0;
}
