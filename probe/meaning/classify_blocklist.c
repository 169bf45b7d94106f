/*
 * classify_blocklist.c - the name of the blocklist a refusal names: the
 * DNS zone after "blocked using", "listed in"... or a list known by name
 * (zen.spamhaus.org, "Spamhaus", ...).
 */
#include <stdint.h>
#include <string.h>

#include "meaning/classify_int.h"

/* Lists known by name, for texts that do not spell out the zone. */
static const struct {
	const char	*cue;
	const char	*name;
} blocklist_names[] = {
	/* zones first: the most precise name wins */
	{ "zen.spamhaus.org",		"zen.spamhaus.org" },
	{ "sbl-xbl.spamhaus.org",	"sbl-xbl.spamhaus.org" },
	{ "sbl.spamhaus.org",		"sbl.spamhaus.org" },
	{ "xbl.spamhaus.org",		"xbl.spamhaus.org" },
	{ "pbl.spamhaus.org",		"pbl.spamhaus.org" },
	{ "dbl.spamhaus.org",		"dbl.spamhaus.org" },
	{ "b.barracudacentral.org",	"b.barracudacentral.org" },
	{ "bl.spamcop.net",		"bl.spamcop.net" },
	{ "spamcop.net/bl",		"bl.spamcop.net" },
	{ "cbl.abuseat.org",		"cbl.abuseat.org" },
	{ "dnsbl.sorbs.net",		"dnsbl.sorbs.net" },
	{ "psbl.surriel.com",		"psbl.surriel.com" },
	{ "bl.mailspike.net",		"bl.mailspike.net" },
	{ "dnsbl-1.uceprotect.net",	"dnsbl-1.uceprotect.net" },
	{ "ix.dnsbl.manitu.net",	"ix.dnsbl.manitu.net" },
	/* then brands */
	{ "spamhaus",			"Spamhaus" },
	{ "barracuda",			"b.barracudacentral.org" },
	{ "spamcop",			"bl.spamcop.net" },
	{ "sorbs",			"SORBS" },
	{ "uceprotect",			"UCEPROTECT" },
	{ "proofpoint",			"Proofpoint" },
	/*
	 * Microsoft's own list of banned sending IPs: Exchange Online's
	 * 5.7.606-5.7.649 "Access denied, banned sending IP [IP]. To request
	 * removal from this list please visit https://sender.office.com/"
	 * (its NDR list; the delist portal's page)
	 */
	{ "sender.office.com",		"Microsoft" },
	/*
	 * Outlook.com's own list (hotmail.com, live.com, msn.com): "550 5.7.1
	 * Unfortunately, messages from [IP] weren't sent. Please contact your
	 * Internet service provider since part of their network is on our
	 * block list (S3140)", S3150 and the older "550 SC-001" alike: the
	 * consumer service's blocked senders list, with a delisting form of
	 * its own apart from Exchange Online's sender.office.com (Microsoft
	 * Learn, "Remove yourself from the blocked senders list", More
	 * information)
	 */
	{ "part of their network is on our block list", "Outlook.com" },
	{ "mailspike",			"Mailspike" },
};

static int
dns_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/*
 * The DNS name right after an introducing phrase ("blocked using X"), in
 * lower case.  Only names with a dot count: "blocked using Barracuda
 * Reputation" names a brand, left to the table.
 */
static int
name_after(const char *text, size_t textlen, const char *intro, char *out,
    size_t n)
{
	size_t start, end, i;

	if (classify_find_ci(text, textlen, intro, &start) == SIZE_MAX)
		return 0;
	while (start < textlen && is_space((unsigned char)text[start]))
		start++;
	for (end = start; end < textlen && dns_char((unsigned char)text[end]);
	    end++)
		;
	while (end > start && (text[end - 1] == '.' || text[end - 1] == '-'))
		end--;
	if (end - start < 3 || end - start >= n ||
	    !dns_char((unsigned char)text[start]) || text[start] == '.' ||
	    memchr(text + start, '.', end - start) == NULL)
		return 0;
	for (i = start; i < end; i++)
		out[i - start] = (char)ascii_lower((unsigned char)text[i]);
	out[end - start] = '\0';
	return 1;
}

int
classify_blocklist(const char *text, size_t textlen, char *out, size_t n)
{
	static const char *intros[] = {
		"blocked using", "listed on", "listed in", "listed at",
		"listed by", "black list at",
	};
	size_t i;

	if (n == 0)
		return 0;
	out[0] = '\0';
	if (text == NULL)
		return 0;
	for (i = 0; i < NELEM(intros); i++)
		if (name_after(text, textlen, intros[i], out, n))
			return 1;
	for (i = 0; i < NELEM(blocklist_names); i++)
		if (classify_find_ci(text, textlen, blocklist_names[i].cue,
		    NULL) != SIZE_MAX &&
		    strlen(blocklist_names[i].name) < n) {
			memcpy(out, blocklist_names[i].name,
			    strlen(blocklist_names[i].name) + 1);
			return 1;
		}
	return 0;
}
