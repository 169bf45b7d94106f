/*
 * fuzz_normalize.c - libFuzzer target for the intake of an address:
 * normalize_cell (NFKC, splitting, mailto:, quotes, punctuation), the
 * address parser on each result, and the hints (typo distance against the
 * provider list).  Every result must be a NUL-terminated string no longer
 * than the NFKC form of the input allows, at least one per cell, at most
 * NORM_ADDRS_MAX.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/hints.h"
#include "input/intake.h"
#include "input/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct intake *in;
	size_t n, i, dropped;
	static int loaded;

	if (!loaded) {
		free(hints_init());
		loaded = 1;
	}
	n = intake_cell((const char *)data, size, &in, &dropped);
	intake_hints(in, n);
	if (n == 0 || n > NORM_ADDRS_MAX)
		abort();
	for (i = 0; i < n; i++) {
		if (in[i].text == NULL || strlen(in[i].text) > 4 * size + 8)
			abort();
		if (!in[i].ok && in[i].why == NULL)
			abort();
	}
	intake_free(in, n);
	return 0;
}
