/*
 * cause.c - the names of the causes (cause.h), for the JSON and the
 * catalogue keys, and which of them `mxtrace sender` can check.
 *
 * Public: cause_name(), cause_from_name(), cause_is_senders_setup().
 * An out-of-range cause is a bug: fatalx.
 */
#include <string.h>

#include "base/util.h"
#include "explain/cause.h"

static const char *const cause_names[CAUSE__LAST] = {
	[CAUSE_SPF_FAIL] = "spf_fail",
	[CAUSE_SPF_SOFTFAIL] = "spf_softfail",
	[CAUSE_SPF_NONE] = "spf_none",
	[CAUSE_SPF_ERROR] = "spf_error",
	[CAUSE_DKIM_NONE] = "dkim_none",
	[CAUSE_DKIM_FAIL] = "dkim_fail",
	[CAUSE_DKIM_UNALIGNED] = "dkim_unaligned",
	[CAUSE_DMARC_FAIL] = "dmarc_fail",
	[CAUSE_DMARC_NONE] = "dmarc_none",
	[CAUSE_NO_PTR] = "no_ptr",
	[CAUSE_PTR_GENERIC] = "ptr_generic",
	[CAUSE_HELO_BAD] = "helo_bad",
	[CAUSE_IP_BLOCKLISTED] = "ip_blocklisted",
	[CAUSE_URL_BLOCKLISTED] = "url_blocklisted",
	[CAUSE_BULK] = "bulk",
	[CAUSE_CONTENT] = "content",
	[CAUSE_PHISH] = "phish",
	[CAUSE_MALWARE] = "malware",
	[CAUSE_SPOOF] = "spoof",
	[CAUSE_BLOCKED_SENDER] = "blocked_sender",
	[CAUSE_HEADERS_BAD] = "headers_bad",
	[CAUSE_FREEMAIL] = "freemail",
	[CAUSE_HIGH_SCORE] = "high_score",
	[CAUSE_SAFE_SENDER] = "safe_sender",
	[CAUSE_OPAQUE_FILTER] = "opaque_filter",
};

const char *
cause_name(enum cause c)
{
	if ((int)c < 0 || c >= CAUSE__LAST || cause_names[c] == NULL)
		fatalx("%s: bad cause %d", __func__, (int)c);
	return cause_names[c];
}

int
cause_from_name(const char *s)
{
	int i;

	for (i = 0; i < CAUSE__LAST; i++)
		if (s != NULL && strcmp(s, cause_names[i]) == 0)
			return i;
	return -1;
}

bool
cause_is_senders_setup(enum cause c)
{
	switch (c) {
	case CAUSE_SPF_FAIL:
	case CAUSE_SPF_SOFTFAIL:
	case CAUSE_SPF_NONE:
	case CAUSE_SPF_ERROR:
	case CAUSE_DKIM_NONE:
	case CAUSE_DKIM_FAIL:
	case CAUSE_DKIM_UNALIGNED:
	case CAUSE_DMARC_FAIL:
	case CAUSE_DMARC_NONE:
	case CAUSE_NO_PTR:
	case CAUSE_PTR_GENERIC:
	case CAUSE_HELO_BAD:
	case CAUSE_IP_BLOCKLISTED:
	case CAUSE_SPOOF:
		return true;
	default:
		return false;
	}
}
