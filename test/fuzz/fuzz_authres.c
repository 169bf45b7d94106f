/*
 * fuzz_authres.c - libFuzzer target for the authentication header readers:
 * the same bytes as Authentication-Results, ARC-Authentication-Results,
 * Received-SPF, DKIM-Signature and From:.  Invariants: at most
 * AUTHRES_RESULTS_MAX results, every field NUL-terminated in its buffer,
 * any client IP valid.  ASan catches any overrun.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/authres.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check(const struct authres *a)
{
	size_t i;

	if (a->nres > AUTHRES_RESULTS_MAX ||
	    strnlen(a->authserv_id, sizeof(a->authserv_id)) ==
	    sizeof(a->authserv_id))
		abort();
	for (i = 0; i < a->nres; i++) {
		const struct ar_result *r = &a->res[i];
		if (strnlen(r->method, sizeof(r->method)) == sizeof(r->method) ||
		    strnlen(r->result, sizeof(r->result)) == sizeof(r->result) ||
		    strnlen(r->comment, sizeof(r->comment)) == sizeof(r->comment) ||
		    strnlen(r->header_d, sizeof(r->header_d)) == sizeof(r->header_d) ||
		    (r->client_ip[0] != '\0' && !rcvd_is_ip(r->client_ip)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct authres a;
	struct dkim_sig d;
	char dom[RCVD_HOST_MAX];

	(void)authres_parse(s, size, false, &a);
	fuzz_check(&a);
	(void)authres_parse(s, size, true, &a);
	fuzz_check(&a);
	(void)authres_parse_received_spf(s, size, &a);
	fuzz_check(&a);
	(void)authres_parse_dkim_sig(s, size, &d);
	if (strnlen(d.d, sizeof(d.d)) == sizeof(d.d))
		abort();
	if (authres_from_domain(s, size, dom) == 0 && dom[0] == '\0')
		abort();
	return 0;
}
