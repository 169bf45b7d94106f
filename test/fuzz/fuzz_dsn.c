/*
 * fuzz_dsn.c - libFuzzer target for the RFC 3464 delivery-status field
 * parser and the reply-code scanners.  Invariants: at most
 * EXPLAIN_RCPTS_MAX recipients kept, every field within EXPLAIN_FIELD_MAX
 * bytes, an enhanced code of the form C.S.D of class 2, 4 or 5, a reply
 * code of 0 or 200-599; explain_finish() gives every recipient a side;
 * every address (Final- and Original-Recipient, RFC 6533's "\x{...}"
 * decoded) valid UTF-8 without a control character but for a quoted
 * local part.  The RFC 6533 decoder on the raw input: its copy never
 * longer than the input nor EXPLAIN_FIELD_MAX, valid UTF-8 when a valid
 * input fits, refused with nothing left over.  LeakSanitizer catches
 * anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/dsn.h"
#include "explain/extract.h"
#include "explain/utf8addr.h"
#include "base/utf8.h"
#include "meaning/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_field(const char *s)
{
	if (s != NULL && strlen(s) > EXPLAIN_FIELD_MAX)
		abort();
}

/*
 * An address: a field; valid UTF-8 with no C0 control nor DEL, unless its
 * local part is quoted ("..."@, whose bytes explain_address() keeps as
 * written).
 */
static void
check_address(const char *s)
{
	size_t i;

	check_field(s);
	if (s == NULL || s[0] == '"')
		return;
	if (!utf8_valid(s, strlen(s)))
		abort();
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			abort();
}

/* utf8addr_unescape() on the raw input (RFC 6533 section 3). */
static void
check_unescape(const char *data, size_t size)
{
	char *out;

	if (utf8addr_unescape(data, size, &out) != 0) {
		if (out != NULL)
			abort();
		return;
	}
	if (out == NULL || strlen(out) > size ||
	    strlen(out) > EXPLAIN_FIELD_MAX)
		abort();
	if (size <= EXPLAIN_FIELD_MAX && memchr(data, '\0', size) == NULL &&
	    utf8_valid(data, size) && !utf8_valid(out, strlen(out)))
		abort();
	free(out);
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
		check_address(x->address);
		check_address(x->original);
		check_field(x->remote_mta);
		check_field(x->last_attempt);
		if (x->enhanced[0] != '\0' && (x->enhanced[1] != '.' ||
		    strchr("245", x->enhanced[0]) == NULL))
			abort();
		if (x->code != 0 && (x->code < 200 || x->code > 599))
			abort();
		/* the side comes from one home, classify_side (a malformed
		 * command's is unknown, f49ae16), not the reason's alone */
		if (classify_side(x->reason, x->text, x->text != NULL ?
		    strlen(x->text) : 0) != x->side)
			abort();
	}
	check_field(r.reporting_mta);
	extract_reply((const char *)data, size, &code, enh);
	if (code != 0 && (code < 200 || code > 599))
		abort();
	(void)extract_stage((const char *)data, size);
	check_unescape((const char *)data, size);
	explain_result_free(&r);
	return 0;
}
