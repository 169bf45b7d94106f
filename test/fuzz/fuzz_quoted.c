/*
 * fuzz_quoted.c - libFuzzer target for taking a forwarded text's quote
 * marks off (explain/quoted.c).  Invariants: the text is never longer
 * than the input, NUL-terminated at its length, and holds the input's
 * bytes in order with only '>' and spaces taken out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/quoted.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t n, i, j = 0;
	char *t;

	if ((t = quoted_strip(s, size, &n)) == NULL)
		return 0;
	if (n > size || t[n] != '\0')
		abort();
	for (i = 0; i < size; i++) {
		if (j < n && t[j] == s[i])
			j++;
		else if (s[i] != '>' && s[i] != ' ')
			abort();
	}
	if (j != n)
		abort();
	free(t);
	return 0;
}
