/*
 * fuzz_address.c - libFuzzer target for the address parser.  Whatever it
 * accepts must be safe to put on the wire: the path holds no control byte,
 * "RCPT TO:<path>\r\n" fits in SMTP_CMD_MAX octets, and the parts agree
 * with the path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/address.h"
#include "base/limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct address a;
	const char *err;
	size_t i, n;

	if (address_parse((const char *)data, size, &a, &err) != 0) {
		if (err == NULL || a.path != NULL)
			abort();
		return 0;
	}
	n = strlen(a.path);
	if (n > 254 || strlen("RCPT TO:<>\r\n") + n > SMTP_CMD_MAX)
		abort();
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)a.path[i];

		if (c < 0x20 || c == 0x7F)
			abort();
	}
	if (strlen(a.local) > 64 || strlen(a.domain_ascii) > 253 ||
	    strlen(a.local) + 1 + strlen(a.domain_ascii) != n ||
	    a.path[strlen(a.local)] != '@')
		abort();
	for (i = 0; a.domain_ascii[i] != '\0'; i++)
		if ((unsigned char)a.domain_ascii[i] >= 0x80)
			abort();
	address_free(&a);
	return 0;
}
