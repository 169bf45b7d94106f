/*
 * fuzz_spf.c - libFuzzer target for the SPF record parser and macro
 * expander (sender/spf_parse.c, sender/spf_macro.c).  The input is one
 * record (TXT strings joined).  Invariants: a parse either fails with an
 * error or yields at most SPF_TERMS_MAX terms, each with its text; every
 * domain-spec expands without crashing to at most 253 characters or
 * fails.  LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sender/spf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* No DNS: the p macro just needs answers. */
static const struct dns_result *
fuzz_get(void *arg, const char *name, int type)
{
	(void)arg;
	(void)name;
	(void)type;
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sender_dns dns = { fuzz_get, NULL };
	struct spf_record rec;
	struct spf_ctx c;
	char *x;
	size_t i;
	bool bad;

	if (!spf_parse((const char *)data, size, &rec)) {
		if (rec.error == NULL || rec.nterms != 0)
			abort();
		spf_record_clear(&rec);
		return 0;
	}
	if (rec.nterms > SPF_TERMS_MAX || rec.error != NULL)
		abort();
	memset(&c, 0, sizeof(c));
	c.dns = &dns;
	c.sender = "user@example.com";
	c.helo = "mail.example.com";
	spf_set_ip(&c, "192.0.2.1");
	for (i = 0; i < rec.nterms; i++) {
		if (rec.terms[i].text == NULL)
			abort();
		if (rec.terms[i].spec == NULL)
			continue;
		x = spf_expand(&c, rec.terms[i].spec, "example.com", false, &bad);
		if (x != NULL && strlen(x) > 253 && strchr(x, '.') != NULL)
			abort();
		free(x);
	}
	spf_record_clear(&rec);
	return 0;
}
