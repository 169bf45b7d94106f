/*
 * classify.c - stub, replaced shortly by the table-driven classifier.
 */
#include <string.h>

#include "classify.h"

void
classify_reply(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out)
{
	(void)stage; (void)enhanced; (void)text; (void)textlen; (void)mx_host;
	memset(out, 0, sizeof(*out));
	out->verdict = code < 400 ? VERDICT_DELIVERABLE : VERDICT_TEMPORARY;
	out->reason = code < 400 ? REASON_ACCEPTED : REASON_UNKNOWN;
}

int
classify_blocklist(const char *text, size_t textlen, char *out, size_t n)
{
	(void)text; (void)textlen;
	if (n > 0)
		out[0] = '\0';
	return 0;
}
