/*
 * fuzz_reply.c - libFuzzer target for the reply parser.  The input is cut
 * at each LF (a preceding CR is stripped, as the session does; without it
 * the line counts as a bare LF) and fed line by line.  Invariants: a
 * finished reply has a code of [2-5][0-5][0-9], at most REPLY_LINES_MAX
 * lines and REPLY_BYTES_MAX bytes of text, a NUL after its text, an
 * enhanced code of its own class, a text decoded from GB18030 valid UTF-8
 * (and then never flagged as invalid); an error leaves nothing allocated.
 * LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "smtp/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check(const struct reply *r)
{
	struct ehlo_caps caps;
	struct reply copy;

	if (r->code < 200 || r->code > 559 || (r->code / 10) % 10 > 5)
		abort();
	if (r->nlines < 1 || r->nlines > REPLY_LINES_MAX)
		abort();
	if (r->textlen > REPLY_BYTES_MAX || r->text == NULL ||
	    r->text[r->textlen] != '\0')
		abort();
	if (r->enhanced[0] != '\0' && r->enhanced[0] - '0' != r->code / 100)
		abort();
	if ((r->anomalies & REPLY_A_GB18030) && ((r->anomalies &
	    REPLY_A_BAD_UTF8) || !utf8_valid(r->text, r->textlen)))
		abort();
	ehlo_parse_caps(r, &caps);
	reply_copy(&copy, r);
	if (copy.textlen != r->textlen ||
	    memcmp(copy.text, r->text, r->textlen) != 0)
		abort();
	reply_free(&copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl, *err;
	struct reply_parser p;
	struct reply r;
	size_t len;
	bool bare;

	reply_parser_init(&p);
	while (s < end) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		len = (size_t)(nl - s);
		bare = len == 0 || s[len - 1] != '\r';
		if (!bare)
			len--;
		switch (reply_parser_feed(&p, s, len, bare, &r, &err)) {
		case REPLY_DONE:
			fuzz_check(&r);
			reply_free(&r);
			break;
		case REPLY_ERROR:
			if (err == NULL || p.text != NULL)
				abort();
			break;
		case REPLY_MORE:
			if (p.textlen > REPLY_BYTES_MAX)
				abort();
			break;
		}
		s = nl + 1;
	}
	reply_parser_reset(&p);
	return 0;
}
