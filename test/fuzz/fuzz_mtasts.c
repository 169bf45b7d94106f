/*
 * fuzz_mtasts.c - libFuzzer target for the MTA-STS and TLS-RPT parsers:
 * the input as a policy file, as an _mta-sts TXT record and as an
 * _smtp._tls TXT record.  Invariants: a valid policy has a known mode, a
 * max_age within RFC 8461's bound, at most MTASTS_MX_MAX patterns, each
 * lowercase printable ASCII without a trailing dot; enforce/testing name
 * at least one; every pattern matches itself when it has no wildcard; an
 * error always has a text; LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/mtasts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_policy(const struct mtasts_policy *p)
{
	size_t i;
	const char *s;

	if (p->mode != MTASTS_NONE && p->mode != MTASTS_TESTING &&
	    p->mode != MTASTS_ENFORCE)
		abort();
	if (p->max_age < 0 || p->max_age > MTASTS_MAX_AGE_MAX)
		abort();
	if (p->mx.n > MTASTS_MX_MAX || (p->mode != MTASTS_NONE && p->mx.n == 0))
		abort();
	for (i = 0; i < p->mx.n; i++) {
		for (s = p->mx.v[i]; *s; s++)
			if (*s <= 0x20 || *s >= 0x7f ||
			    (*s >= 'A' && *s <= 'Z'))
				abort();
		if (s == p->mx.v[i] || s[-1] == '.')
			abort();
		if (p->mx.v[i][0] != '*' && !mtasts_mx_match(p, p->mx.v[i]))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mtasts_policy p;
	struct strlist rua = { 0 };
	const char *cerr;
	char *err = NULL, *id = NULL;

	if (mtasts_policy_parse((const char *)data, size, &p, &err) == 0) {
		check_policy(&p);
		mtasts_mx_match(&p, "mx.example.com");
		mtasts_policy_free(&p);
	} else if (err == NULL)
		abort();
	free(err);
	if (mtasts_txt_parse((const char *)data, size, &id, &cerr) == 0) {
		if (id == NULL || strlen(id) < 1 || strlen(id) > 32)
			abort();
		free(id);
	}
	if (tlsrpt_txt_parse((const char *)data, size, &rua, &cerr) == 0 &&
	    rua.n == 0)
		abort();
	strlist_free(&rua);
	return 0;
}
