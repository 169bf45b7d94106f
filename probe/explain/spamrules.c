/*
 * spamrules.c - what the SpamAssassin tests and rspamd symbols seen most
 * often in delivered mail mean, and which cause (cause.h) each points to.
 *
 * Sources: SpamAssassin 3.4/4.0 rule files (the "describe" lines of rules/:
 * 20_head_tests.cf, 20_dnsbl_tests.cf, 25_spf.cf, 25_dkim.cf,
 * 23_bayes.cf, 72_active.cf, 60_welcomelist.cf), rspamd's module
 * documentation (rspamd.com/doc/modules: spf, dkim, dmarc, rbl, hfilter,
 * mime_types, phishing) and its symbol list.  Descriptions are ours, in
 * plain words; docs/delivered-headers.md lists the same table.
 *
 * Public: spamrules_find(), spamrules_row().
 *
 * An exact name wins over any prefix; among prefixes the first row wins
 * ("RCVD_IN_DNSWL_*" is an allow list and must come before the blocklist
 * prefix "RCVD_IN_*").  A row with cause -1 is a rule that says nothing
 * bad (or something good).
 */
#include <string.h>

#include "explain/spamhdr.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define R(n, c, d)	{ n, CAUSE_##c, d }
#define OK(n, d)	{ n, -1, d }

static const struct spam_rule_info spamrules[] = {
	/* SPF (SpamAssassin 25_spf.cf, rspamd spf) */
	R("SPF_FAIL", SPF_FAIL, "SPF: the sending IP is not allowed by the domain's record (fail)"),
	R("SPF_SOFTFAIL", SPF_SOFTFAIL, "SPF: the sending IP is probably not allowed (softfail, ~all)"),
	R("SPF_NONE", SPF_NONE, "SPF: the sender's domain publishes no SPF record"),
	R("SPF_HELO_FAIL", SPF_FAIL, "SPF: the HELO name does not allow the sending IP"),
	R("SPF_HELO_SOFTFAIL", SPF_SOFTFAIL, "SPF: the HELO name probably does not allow the sending IP"),
	OK("SPF_HELO_NONE", "SPF: the HELO name has no SPF record (common, harmless)"),
	OK("SPF_PASS", "SPF: the sending IP is allowed"),
	OK("SPF_HELO_PASS", "SPF: the HELO name allows the sending IP"),
	R("T_SPF_TEMPERROR", SPF_ERROR, "SPF: the record could not be fetched (temporary DNS error)"),
	R("T_SPF_PERMERROR", SPF_ERROR, "SPF: the record is broken (syntax, too many lookups)"),
	R("R_SPF_FAIL", SPF_FAIL, "SPF: the sending IP is not allowed (fail)"),
	R("R_SPF_SOFTFAIL", SPF_SOFTFAIL, "SPF: the sending IP is probably not allowed (softfail)"),
	R("R_SPF_NA", SPF_NONE, "SPF: no SPF record"),
	R("R_SPF_DNSFAIL", SPF_ERROR, "SPF: DNS error fetching the record"),
	R("R_SPF_PERMFAIL", SPF_ERROR, "SPF: the record is broken"),
	OK("R_SPF_ALLOW", "SPF: the sending IP is allowed"),
	OK("R_SPF_NEUTRAL", "SPF: the record says neither yes nor no (?all)"),
	/* DKIM (25_dkim.cf, rspamd dkim) */
	R("DKIM_INVALID", DKIM_FAIL, "DKIM: a signature is present but does not verify"),
	R("DKIM_ADSP_NXDOMAIN", SPOOF, "The From: domain does not exist"),
	R("DKIM_ADSP_DISCARD", SPOOF, "The From: domain says its unsigned mail should be discarded"),
	OK("DKIM_SIGNED", "DKIM: the message has a signature (not yet verified)"),
	OK("DKIM_VALID", "DKIM: a signature verifies"),
	OK("DKIM_VALID_AU", "DKIM: a signature from the From: domain verifies"),
	OK("DKIM_VALID_EF", "DKIM: a signature from the envelope sender's domain verifies"),
	R("R_DKIM_REJECT", DKIM_FAIL, "DKIM: a signature does not verify"),
	R("R_DKIM_PERMFAIL", DKIM_FAIL, "DKIM: a signature cannot be checked (bad key or record)"),
	R("R_DKIM_TEMPFAIL", DKIM_FAIL, "DKIM: the key could not be fetched (temporary)"),
	R("R_DKIM_NA", DKIM_NONE, "DKIM: the message is not signed"),
	OK("R_DKIM_ALLOW", "DKIM: a signature verifies"),
	OK("DKIM_TRACE", "DKIM: which signatures were checked (information only)"),
	/* DMARC (SpamAssassin 4 DMARC plugin, KAM rules, rspamd dmarc) */
	R("DMARC_REJECT", DMARC_FAIL, "DMARC fails and the domain asks for rejection (p=reject)"),
	R("DMARC_QUAR", DMARC_FAIL, "DMARC fails and the domain asks for quarantine"),
	R("DMARC_NONE", DMARC_FAIL, "DMARC fails; the domain's policy is p=none"),
	R("DMARC_MISSING", DMARC_NONE, "The From: domain publishes no DMARC record"),
	R("KAM_DMARC_REJECT", DMARC_FAIL, "DMARC fails with p=reject"),
	R("KAM_DMARC_QUARANTINE", DMARC_FAIL, "DMARC fails with p=quarantine"),
	R("KAM_DMARC_NONE", DMARC_FAIL, "DMARC fails with p=none"),
	R("KAM_DMARC_STATUS", DMARC_FAIL, "DMARC does not pass"),
	R("DMARC_POLICY_REJECT", DMARC_FAIL, "DMARC fails with p=reject"),
	R("DMARC_POLICY_QUARANTINE", DMARC_FAIL, "DMARC fails with p=quarantine"),
	R("DMARC_POLICY_SOFTFAIL", DMARC_FAIL, "DMARC fails with p=none"),
	R("DMARC_NA", DMARC_NONE, "The From: domain publishes no DMARC record"),
	OK("DMARC_POLICY_ALLOW", "DMARC passes"),
	OK("DMARC_PASS", "DMARC passes"),
	/* the sending host's identity (20_head_tests.cf, rspamd hfilter) */
	R("RDNS_NONE", NO_PTR, "The sending IP has no reverse DNS name"),
	R("RDNS_DYNAMIC", PTR_GENERIC, "The sending IP's reverse DNS name looks like a home or dynamic line"),
	R("R_RDNS_NONE", NO_PTR, "The sending IP has no reverse DNS name"),
	R("HFILTER_HOSTNAME_UNKNOWN", NO_PTR, "The sending IP has no reverse DNS name"),
	R("RDNS_DNSFAIL", NO_PTR, "The sending IP's reverse DNS lookup failed"),
	R("HELO_DYNAMIC_*", PTR_GENERIC, "The HELO name looks like a home or dynamic line"),
	R("HELO_NO_DOMAIN", HELO_BAD, "The HELO name is not a domain name"),
	R("HELO_MISC_IP", HELO_BAD, "The HELO is a bare IP address"),
	R("FSL_HELO_NON_FQDN_*", HELO_BAD, "The HELO name is not a full domain name"),
	R("FSL_HELO_BARE_IP_*", HELO_BAD, "The HELO is a bare IP address"),
	R("HFILTER_HELO_*", HELO_BAD, "The HELO name is bad, unresolvable or a bare IP"),
	R("HFILTER_HOSTNAME_*", PTR_GENERIC, "The reverse DNS name is missing or looks generic"),
	/* blocklists and allow lists (20_dnsbl_tests.cf, rspamd rbl) */
	OK("RCVD_IN_DNSWL_*", "An IP in the path is on the DNSWL allow list"),
	OK("RCVD_IN_MSPIKE_H*", "An IP in the path has a good Mailspike reputation"),
	OK("RCVD_IN_VALIDITY_CERTIFIED*", "The sender is Validity-certified (allow list)"),
	OK("RCVD_IN_VALIDITY_SAFE*", "The sender is on Validity's safe list"),
	OK("RCVD_IN_ZEN_BLOCKED*", "The receiver's DNS resolver was refused by Spamhaus: no answer, not a listing"),
	OK("RCVD_IN_VALIDITY_RPBL_BLOCKED*", "The receiver's resolver was refused by Validity: no answer"),
	OK("URIBL_BLOCKED", "The receiver's resolver was refused by URIBL: no answer, not a listing"),
	OK("URIBL_DBL_BLOCKED*", "The receiver's resolver was refused by Spamhaus DBL: no answer"),
	R("RCVD_IN_SBL", IP_BLOCKLISTED, "An IP in the path is on the Spamhaus SBL"),
	R("RCVD_IN_SBL_CSS", IP_BLOCKLISTED, "An IP in the path is on Spamhaus CSS (snowshoe spam)"),
	R("RCVD_IN_XBL", IP_BLOCKLISTED, "An IP in the path is on the Spamhaus XBL (infected hosts)"),
	R("RCVD_IN_PBL", IP_BLOCKLISTED, "An IP in the path is on the Spamhaus PBL (should not send mail directly)"),
	R("RCVD_IN_BL_SPAMCOP_NET", IP_BLOCKLISTED, "An IP in the path is on the SpamCop blocklist"),
	R("RCVD_IN_MSPIKE_BL", IP_BLOCKLISTED, "An IP in the path is on the Mailspike blocklist"),
	R("RCVD_IN_MSPIKE_ZBI", IP_BLOCKLISTED, "An IP in the path has a zero Mailspike reputation"),
	R("RCVD_IN_MSPIKE_L*", IP_BLOCKLISTED, "An IP in the path has a poor Mailspike reputation"),
	R("RCVD_IN_VALIDITY_RPBL*", IP_BLOCKLISTED, "An IP in the path is on Validity's RPBL"),
	R("RCVD_IN_PSBL", IP_BLOCKLISTED, "An IP in the path is on the Passive Spam Block List"),
	R("RCVD_IN_*", IP_BLOCKLISTED, "An IP in the path is on a DNS blocklist"),
	R("RBL_*", IP_BLOCKLISTED, "An IP in the path is on a DNS blocklist"),
	R("RECEIVED_SPAMHAUS_*", IP_BLOCKLISTED, "An IP in the path is on a Spamhaus list"),
	R("RECEIVED_BLOCKLISTDE", IP_BLOCKLISTED, "An IP in the path is on blocklist.de"),
	R("URIBL_*", URL_BLOCKLISTED, "A link or domain in the message is on a URI blocklist"),
	R("DBL_*", URL_BLOCKLISTED, "A domain in the message is on the Spamhaus DBL"),
	R("SURBL_*", URL_BLOCKLISTED, "A link in the message is on SURBL"),
	R("URIBL_ABUSE_SURBL", URL_BLOCKLISTED, "A link in the message is on SURBL's abuse list"),
	R("URIBL_PH_SURBL", PHISH, "A link in the message is on SURBL's phishing list"),
	/*
	 * content (23_bayes.cf, 20_html_tests.cf, 25_razor2.cf, 25_pyzor.cf,
	 * 25_dcc.cf)
	 */
	OK("BAYES_00", "The learned filter is sure it is not spam"),
	OK("BAYES_05", "The learned filter thinks it is not spam"),
	OK("BAYES_20", "The learned filter leans towards not spam"),
	OK("BAYES_40", "The learned filter leans slightly towards not spam"),
	OK("BAYES_50", "The learned filter cannot tell"),
	R("BAYES_60", CONTENT, "The learned filter leans towards spam (60-80 %)"),
	R("BAYES_80", CONTENT, "The learned filter thinks it is spam (80-95 %)"),
	R("BAYES_95", CONTENT, "The learned filter is nearly sure it is spam (95-99 %)"),
	R("BAYES_99", CONTENT, "The learned filter is sure it is spam (99-100 %)"),
	R("BAYES_999", CONTENT, "The learned filter is certain it is spam (99.9-100 %)"),
	R("BAYES_SPAM", CONTENT, "The learned filter thinks it is spam"),
	OK("BAYES_HAM", "The learned filter thinks it is not spam"),
	R("RAZOR2_CHECK", BULK, "Listed in Razor: many people reported this text as spam"),
	R("RAZOR2_CF_RANGE_*", BULK, "Razor's confidence that others reported this text as spam"),
	R("PYZOR_CHECK", BULK, "Listed in Pyzor: this text was reported as spam"),
	R("DCC_CHECK", BULK, "DCC: the same message was sent in bulk"),
	R("FUZZY_DENIED", BULK, "The text matches messages reported as spam (fuzzy hash)"),
	R("MIME_HTML_ONLY", CONTENT, "HTML only, no plain-text part"),
	R("HTML_IMAGE_ONLY_*", CONTENT, "HTML that is mostly an image with little text"),
	R("HTML_IMAGE_RATIO_*", CONTENT, "Little text compared with images"),
	R("HTML_SHORT_LINK_IMG_*", CONTENT, "HTML with an image link and little text"),
	R("HTML_FONT_LOW_CONTRAST", CONTENT, "Text hidden by a font colour close to the background"),
	R("SUBJ_ALL_CAPS", CONTENT, "The subject is all capital letters"),
	R("MPART_ALT_DIFF", CONTENT, "The HTML and text parts say different things"),
	R("R_MIXED_CHARSET", CONTENT, "Mixed scripts in words (look-alike characters)"),
	R("MIME_BASE64_TEXT", CONTENT, "Plain text needlessly encoded in base64"),
	R("PHISHING", PHISH, "A link's visible text names a different site than it goes to"),
	R("FROM_NAME_HAS_TITLE", CONTENT, "The From: name carries a title (a common spam pattern)"),
	OK("HTML_MESSAGE", "The message has HTML (information only)"),
	/* headers (20_head_tests.cf, rspamd headers) */
	R("MISSING_DATE", HEADERS_BAD, "No Date: header"),
	R("MISSING_MID", HEADERS_BAD, "No Message-ID: header"),
	R("MISSING_HEADERS", HEADERS_BAD, "No To: header"),
	R("MISSING_FROM", HEADERS_BAD, "No From: header"),
	R("MISSING_SUBJECT", HEADERS_BAD, "No Subject: header"),
	R("INVALID_DATE", HEADERS_BAD, "The Date: header is not a valid date"),
	R("DATE_IN_FUTURE_*", HEADERS_BAD, "The Date: header is in the future: a wrong clock on the sender's side"),
	R("DATE_IN_PAST_*", HEADERS_BAD, "The Date: header is long before the message arrived"),
	R("INVALID_MSGID", HEADERS_BAD, "The Message-ID: is malformed"),
	R("FORGED_MUA_*", HEADERS_BAD, "The headers claim a mail program that did not write them"),
	R("FORGED_SENDER", SPOOF, "The envelope sender and From: differ in a forged-looking way"),
	R("FORGED_RECIPIENTS", HEADERS_BAD, "The envelope recipients and To: differ"),
	R("SPOOF_*", SPOOF, "The sender looks spoofed"),
	R("TO_NO_BRKTS_*", HEADERS_BAD, "To: without angle brackets, a spam-tool pattern"),
	R("FREEMAIL_FROM", FREEMAIL, "Sent from a free mailbox (gmail.com, qq.com, 163.com...)"),
	R("FREEMAIL_FORGED_REPLYTO", FREEMAIL, "A free mailbox in Reply-To: different from From:"),
	R("FREEMAIL_REPLYTO_END_DIGIT", FREEMAIL, "Reply-To: a free mailbox ending in digits"),
	R("FREEMAIL_ENVFROM_END_DIGIT", FREEMAIL, "Envelope sender a free mailbox ending in digits"),
	/*
	 * lists kept by the recipient or the administrator (60_welcomelist.cf)
	 */
	R("USER_IN_BLACKLIST", BLOCKED_SENDER, "The sender is on the receiver's block list"),
	R("USER_IN_BLOCKLIST", BLOCKED_SENDER, "The sender is on the receiver's block list"),
	R("USER_IN_WHITELIST", SAFE_SENDER, "The sender is on the receiver's allow list"),
	R("USER_IN_WELCOMELIST", SAFE_SENDER, "The sender is on the receiver's allow list"),
	R("USER_IN_DEF_WHITELIST", SAFE_SENDER, "The sender is on the default allow list"),
	R("USER_IN_DEF_WELCOMELIST", SAFE_SENDER, "The sender is on the default allow list"),
	OK("ALL_TRUSTED", "Every relay in the path is trusted by the receiver"),
	OK("ARC_NA", "No ARC chain (normal for a direct message)"),
	OK("ARC_ALLOW", "A valid ARC chain"),
	OK("MIME_GOOD", "Well-formed MIME"),
	OK("RCVD_TLS_ALL", "Every hop was encrypted"),
	OK("RCVD_TLS_LAST", "The last hop was encrypted"),
	OK("NEURAL_HAM", "The neural filter thinks it is not spam"),
	R("NEURAL_SPAM", CONTENT, "The neural filter thinks it is spam"),
};

const struct spam_rule_info *
spamrules_find(const char *name)
{
	size_t i, n;

	for (i = 0; i < NELEM(spamrules); i++)
		if (strcmp(name, spamrules[i].name) == 0)
			return &spamrules[i];
	for (i = 0; i < NELEM(spamrules); i++) {
		n = strlen(spamrules[i].name);
		if (spamrules[i].name[n - 1] == '*' &&
		    strncmp(name, spamrules[i].name, n - 1) == 0)
			return &spamrules[i];
	}
	return NULL;
}

const struct spam_rule_info *
spamrules_row(size_t i)
{
	return i < NELEM(spamrules) ? &spamrules[i] : NULL;
}
