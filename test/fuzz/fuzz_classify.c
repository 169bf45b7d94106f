/*
 * fuzz_classify.c - libFuzzer target for the reply classifier and the
 * explanation catalogue: whatever a server says, classify_reply() must give
 * a valid verdict and reason, and catalog_explain() a sentence for them.
 *
 * Input layout (short inputs are padded with zeros):
 *   byte 0      stage (banner .. rcpt)
 *   bytes 1-2   reply code, big-endian, modulo 1000
 *   byte 3      the buffer size given to classify_blocklist (bits 1-7)
 *   byte 4      length E of the enhanced code (at most 31), then E bytes
 *   next byte   length H of the MX host name (at most 255), then H bytes
 *   the rest    the reply text, NUL bytes and all
 * Invariants: verdict and reason in range; 2xx deliverable; a code outside
 * 200-299 and 400-599 a protocol error; a 4xx never a definite no other
 * than mailbox_full; the blocklist NUL-terminated and made of DNS name
 * characters only (it is woven into explanations and HTML); a non-empty
 * explanation in both languages; hostsig_of() gives "reconnect" only for a
 * 450, "too many errors" only for a 421.  LeakSanitizer catches what is not
 * freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meaning/catalog.h"
#include "meaning/classify.h"
#include "meaning/hostsig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Take n bytes (or what is left) from the input as a C string. */
static char *
fuzz_take(const uint8_t **p, const uint8_t *end, size_t n)
{
	size_t have = (size_t)(end - *p);
	char *s;

	if (n > have)
		n = have;
	s = malloc(n + 1);
	if (s == NULL)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n;
	return s;
}

static uint8_t
fuzz_byte(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

/* Every byte before the NUL a DNS name character; the NUL within n. */
static void
fuzz_check_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '-' || s[i] == '_'))
			abort();
	if (i == n)
		abort();
}

static void
fuzz_check(const struct classification *c, enum stage stage, int code)
{
	if ((int)c->verdict < 0 || c->verdict >= VERDICT__LAST ||
	    (int)c->reason < 0 || c->reason >= REASON__LAST)
		abort();
	if (code >= 200 && code <= 299 && c->verdict != VERDICT_DELIVERABLE)
		abort();
	if ((code < 200 || (code > 299 && code < 400) || code > 599) &&
	    c->verdict != VERDICT_PROTOCOL_ERROR)
		abort();
	if (code / 100 == 4 && (c->verdict == VERDICT_UNDELIVERABLE ||
	    c->verdict == VERDICT_BLOCKED ||
	    c->verdict == VERDICT_NO_MAIL_DOMAIN ||
	    c->verdict == VERDICT_DELIVERABLE))
		abort();
	fuzz_check_name(c->blocklist, sizeof(c->blocklist));
	if (c->blocklist[0] != '\0' && c->reason != REASON_IP_BLOCKLISTED &&
	    c->reason != REASON_DOMAIN_BLOCKLISTED &&
	    c->reason != REASON_RECIPIENT_DOMAIN_BLOCKLISTED)
		abort();
	/*
	 * a recipient's domain that does not exist or has no mail server:
	 * never said of the sender (MAIL) or the client (banner, EHLO), and
	 * a 5xx saying it is no_mail_domain
	 */
	if ((c->reason == REASON_DOMAIN_NOT_FOUND ||
	    c->reason == REASON_DOMAIN_NO_MAIL) && (stage == STAGE_MAIL ||
	    stage_before(stage, STAGE_MAIL) || (code / 100 == 5 &&
	    c->verdict != VERDICT_NO_MAIL_DOMAIN) ||
	    (c->verdict != VERDICT_NO_MAIL_DOMAIN &&
	    c->verdict != VERDICT_TEMPORARY)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct classification c;
	enum stage stage;
	char *enhanced, *host, *text, *expl, small[64];
	size_t textlen, n;
	int code, l;
	uint8_t flags;

	stage = (enum stage)(STAGE_BANNER +
	    fuzz_byte(&p, end) % (STAGE_RCPT - STAGE_BANNER + 1));
	code = fuzz_byte(&p, end) << 8;
	code = (code | fuzz_byte(&p, end)) % 1000;
	flags = fuzz_byte(&p, end);
	enhanced = fuzz_take(&p, end, fuzz_byte(&p, end) % 32);
	host = fuzz_take(&p, end, fuzz_byte(&p, end));
	textlen = (size_t)(end - p);
	text = fuzz_take(&p, end, textlen);

	classify_reply(stage, code, enhanced, text, textlen,
	    host[0] != '\0' ? host : NULL, &c);
	fuzz_check(&c, stage, code);
	for (l = 0; l < LANG__LAST; l++) {
		expl = catalog_explain((enum lang)l, c.verdict, c.reason,
		    c.blocklist);
		if (expl == NULL || expl[0] == '\0')
			abort();
		free(expl);
	}

	/* any buffer size, down to 1, gets a NUL-terminated name or "" */
	n = 1 + (flags >> 1) % sizeof(small);
	memset(small, 'x', sizeof(small));
	if (classify_blocklist(text, textlen, small, n) != (small[0] != '\0'))
		abort();
	fuzz_check_name(small, n);

	/* a session signal only from the replies that can carry it */
	switch (hostsig_of(code, enhanced, text, textlen)) {
	case HOSTSIG_NONE:
		break;
	case HOSTSIG_RECONNECT:
		if (code != 450)
			abort();
		break;
	case HOSTSIG_TOO_MANY_ERRORS:
		if (code != 421)
			abort();
		break;
	case HOSTSIG_TOO_MANY_RCPTS:
		if (code / 100 != 4)
			abort();
		break;
	default:
		abort();
	}

	free(enhanced);
	free(host);
	free(text);
	return 0;
}
