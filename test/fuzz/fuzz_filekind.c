/*
 * fuzz_filekind.c - libFuzzer target for what an input that does not start
 * like a message is (explain/filekind.c): the foreign-file sniff and the
 * text step (UTF-16 with or without a mark, a UTF-8 mark, an HTML page and
 * its <meta> charset, "\r\r\n" line ends).  Invariants: the text is
 * NUL-terminated at its length and never more than twice the input (UTF-16 to
 * UTF-8), a charset is only named for a page and holds only letters, digits,
 * '-' and '_'.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/filekind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum filekind kind;
	char *text, *charset, *why;
	size_t len, i;
	int html;

	(void)filekind_crcrlf((const char *)data, size);
	kind = filekind_foreign((const char *)data, size);
	if (kind != FILEKIND_TEXT) {
		why = filekind_bounce_error("f", kind, NULL);
		if (strlen(why) <= 3)
			abort();
		free(why);
	}
	text = filekind_text((const char *)data, size, &len, &html, &charset);
	if (text[len] != '\0' || len > size * 2)
		abort();
	for (i = 0; i + 2 < len; i++)
		if (text[i] == '\r' && text[i + 1] == '\r' &&
		    text[i + 2] == '\n')
			abort();
	if (charset != NULL) {
		if (!html)
			abort();
		for (i = 0; charset[i] != '\0'; i++)
			if (!isalnum((unsigned char)charset[i]) &&
			    charset[i] != '-' && charset[i] != '_')
				abort();
	}
	free(text);
	free(charset);
	return 0;
}
