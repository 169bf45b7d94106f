/*
 * fuzz_spamhdr.c - libFuzzer target for the spam filter header readers.
 * The first byte picks the header, the rest is its value.  Invariants: a
 * verdict in range, at most SPAM_RULES_MAX rules and SPAM_CAUSES_MAX
 * causes, each in range, the detail NUL-terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/spamhdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"X-Spam-Status", "X-Spam-Flag", "X-Spam-Score", "X-Spamd-Result",
	"X-Rspamd-Action", "X-Spam", "X-Forefront-Antispam-Report",
	"X-Microsoft-Antispam", "X-MS-Exchange-Organization-SCL",
	"X-Gmail-Labels", "X-YahooFilteredBulk", "X-Alimail-AntiSpam",
	"X-QQ-SSF", "X-Coremail-Antispam",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spam_signal sig;
	size_t i;

	if (size == 0)
		return 0;
	if (spamhdr_parse(names[data[0] % (sizeof(names) / sizeof(names[0]))],
	    (const char *)data + 1, size - 1, &sig) != 0)
		return 0;
	if (sig.verdict >= SPAM__LAST || sig.nrules > SPAM_RULES_MAX ||
	    sig.ncauses > SPAM_CAUSES_MAX ||
	    strnlen(sig.detail, sizeof(sig.detail)) == sizeof(sig.detail))
		abort();
	for (i = 0; i < sig.ncauses; i++)
		if (sig.causes[i] < 0 || sig.causes[i] >= CAUSE__LAST)
			abort();
	for (i = 0; i < sig.nrules; i++)
		if (sig.rules[i].cause < -1 ||
		    sig.rules[i].cause >= CAUSE__LAST ||
		    strnlen(sig.rules[i].name, SPAM_RULE_NAME_MAX) ==
		    SPAM_RULE_NAME_MAX)
			abort();
	return 0;
}
