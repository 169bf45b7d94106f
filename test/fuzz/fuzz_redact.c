/*
 * fuzz_redact.c - libFuzzer target for --redact's address scrubbing
 * (explain/redact.c): any text, NUL-cut.  Invariants: never longer than
 * the input, no local-part byte left right before an '@', and a second
 * pass changes nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *again;
	size_t before = strlen(s), i;
	unsigned char c;

	redact_text(s);
	if (strlen(s) > before)
		abort();
	for (i = 1; s[0] != '\0' && s[i] != '\0'; i++) {
		c = (unsigned char)s[i - 1];
		if (s[i] == '@' && ((c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c >= 0x80))
			abort();
	}
	again = xstrdup(s);
	redact_text(again);
	if (strcmp(again, s) != 0)
		abort();
	free(again);
	free(s);
	return 0;
}
