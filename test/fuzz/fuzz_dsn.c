/*
 * fuzz_dsn.c - libFuzzer target for the RFC 3464 delivery-status field
 * parser and the reply-code scanners.  Invariants: at most
 * EXPLAIN_RCPTS_MAX recipients kept, every field within EXPLAIN_FIELD_MAX
 * bytes, an enhanced code of the form C.S.D of class 2, 4 or 5, a reply
 * code of 0 or 200-599; explain_finish() gives every recipient a side.
 * LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/dsn.h"
#include "explain/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_field(const char *s)
{
	if (s != NULL && strlen(s) > EXPLAIN_FIELD_MAX)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct explain_result r;
	struct explain_rcpt *x;
	char enh[ENHANCED_MAX];
	size_t i;
	int code;

	memset(&r, 0, sizeof(r));
	r.kind = EXPLAIN_FAILURE;
	dsn_parse((const char *)data, size, &r);
	if (r.nrcpts > EXPLAIN_RCPTS_MAX)
		abort();
	explain_finish(&r);
	for (i = 0; i < r.nrcpts; i++) {
		x = &r.rcpts[i];
		check_field(x->address);
		check_field(x->remote_mta);
		check_field(x->last_attempt);
		if (x->enhanced[0] != '\0' && (x->enhanced[1] != '.' ||
		    strchr("245", x->enhanced[0]) == NULL))
			abort();
		if (x->code != 0 && (x->code < 200 || x->code > 599))
			abort();
		if (reason_side(x->reason) != x->side)
			abort();
	}
	check_field(r.reporting_mta);
	extract_reply((const char *)data, size, &code, enh);
	if (code != 0 && (code < 200 || code > 599))
		abort();
	(void)extract_stage((const char *)data, size);
	explain_result_free(&r);
	return 0;
}
