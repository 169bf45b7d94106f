/*
 * fuzz_dkim.c - libFuzzer target for the DKIM key record parser
 * (sender/dkim.c, including the OpenSSL decoding of p=).  Invariants: an
 * OK key has a known type and a size, a revoked key has none, an invalid
 * one says why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sender/dkim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dkim_key k;

	memset(&k, 0, sizeof(k));
	dkim_parse_key((const char *)data, size, &k);
	if (k.status == DKIM_KEY_OK && k.bits <= 0)
		abort();
	if (k.status == DKIM_KEY_INVALID && k.error == NULL)
		abort();
	if (k.status == DKIM_KEY_REVOKED && k.bits != 0)
		abort();
	dkim_key_clear(&k);
	return 0;
}
