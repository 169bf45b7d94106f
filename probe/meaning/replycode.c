/*
 * replycode.c - the codes providers write into their refusals, read with
 * the cause each provider's own page documents for it.  See replycode.h.
 *
 * Public: replycode_find().
 *
 * Each family is a tag and a number or a name: the tag is found as a
 * word of its own (not inside another word), and only a code its table
 * lists decides; an unknown code leaves the reply to the text cues.
 */
#include <string.h>

#include "base/memfind.h"
#include "meaning/replycode.h"

/* How a code's reason reads for a permanent and for a transient reply. */
enum kind {
	K_REFUSED,	/* 5xx blocked, 4xx temporary */
	K_TEMP,		/* temporary whatever the class */
	K_MAILBOX,	/* 5xx undeliverable; a 4xx says nothing of the mailbox */
	K_FULL,		/* mailbox full whatever the class */
};

struct code {
	const char	*name;		/* lower case; see each table */
	enum kind	 kind;
	enum reason	 reason;
	enum reason	 finer;		/* REASON__LAST: the same */
};

#define C(n, k, r)	{ n, K_##k, REASON_##r, REASON__LAST }
#define CF(n, k, r, f)	{ n, K_##k, REASON_##r, REASON_##f }
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Orange (orange.fr, wanadoo.fr) and La Poste (laposte.net) end a refusal
 * with "OFR_506", "OFR005_505 [505]", "LPN007_416", "LPNAAA_101" or
 * "LPN416": the last three digits are the cause, the same numbers on both
 * services (Orange's postmaster page; postmastery.com's list of its OFR
 * codes): 101/102 the IP is listed, 103, 105-109, 201, 510 and 999
 * "Service refuse. Service refused, please try later", 104 too many
 * connections, 305 "Code d'authentification invalide" and 402
 * "Authentification requise" (the client's SMTP authentication), 401
 * SPF, 403/405/415 invalid sender, 416 invalid
 * recipient, 417 recipient over quota, 420 archived and 426 blocked
 * recipient account, 421 a sender the user does not own, 505 service
 * refused after the message, 506 mail rejected by the filter, 514 the
 * size limit, 517 DMARC, 630 client host rejected.
 */
static const struct code orange[] = {
	C("101", REFUSED, IP_BLOCKLISTED),
	C("102", REFUSED, IP_BLOCKLISTED),
	C("103", REFUSED, REPUTATION_OR_RATE),
	C("104", TEMP, TOO_MANY_CONNECTIONS),
	C("105", REFUSED, REPUTATION_OR_RATE),
	C("107", REFUSED, REPUTATION_OR_RATE),
	C("108", REFUSED, REPUTATION_OR_RATE),
	C("109", REFUSED, REPUTATION_OR_RATE),
	C("201", REFUSED, REPUTATION_OR_RATE),
	CF("305", REFUSED, POLICY_OTHER, NOT_AUTHORIZED),
	C("401", REFUSED, AUTH_SPF_DKIM_DMARC),
	CF("402", REFUSED, POLICY_OTHER, NOT_AUTHORIZED),
	C("403", REFUSED, SENDER_REJECTED),
	C("405", REFUSED, SENDER_REJECTED),
	C("415", REFUSED, SENDER_REJECTED),
	C("416", MAILBOX, MAILBOX_UNKNOWN),
	C("417", FULL, MAILBOX_FULL),
	C("420", MAILBOX, MAILBOX_DISABLED),
	C("421", REFUSED, SENDER_REJECTED),
	C("426", MAILBOX, MAILBOX_DISABLED),
	C("505", TEMP, REMOTE_SERVER_ERROR),
	C("506", REFUSED, CONTENT_REJECTED),
	C("510", REFUSED, REPUTATION_OR_RATE),
	C("514", REFUSED, MESSAGE_TOO_BIG),
	C("517", REFUSED, AUTH_SPF_DKIM_DMARC),
	C("630", REFUSED, POLICY_OTHER),
	C("999", REFUSED, REPUTATION_OR_RATE),
};

/*
 * Cox's "AUP#" codes with letters (its "Email error codes" page): a name,
 * or a prefix the page numbers (IPBL0001 to IPBL1111: the DNSBLs the IP
 * is on; URLBL...: a URL in the message is listed).  CXDNS is a failing
 * reverse DNS, CXSNDR the sending domain's SPF/DKIM, CXSMTP a sender Cox
 * could not verify, CXCNCT too many connections, CXMXRT too many
 * recipients, CXTHRT/CXMJ suspicious activity of the sending account.
 */
static const struct code cox_names[] = {
	C("cxbl", REFUSED, IP_BLOCKLISTED),
	C("cdrbl", REFUSED, IP_BLOCKLISTED),
	C("cxdns", REFUSED, HOST_IDENTITY_PTR_HELO),
	C("cxsndr", REFUSED, AUTH_SPF_DKIM_DMARC),
	C("cxsmtp", REFUSED, SENDER_REJECTED),
	C("cxcnct", TEMP, TOO_MANY_CONNECTIONS),
	C("cxmxrt", TEMP, TOO_MANY_RECIPIENTS),
	CF("cxthrt", REFUSED, POLICY_OTHER, NOT_AUTHORIZED),
	CF("cxmj", REFUSED, POLICY_OTHER, NOT_AUTHORIZED),
};
static const struct code cox_prefixes[] = {
	C("ipbl", REFUSED, IP_BLOCKLISTED),
	C("urlbl", REFUSED, CONTENT_REJECTED),
};

/*
 * Spectrum (Charter) writes "AUP#I-1000" (to its users) or "AUP#O-1000"
 * (from them), four digits a range of causes on its "Understanding email
 * error codes" page: 1000 an IP blocked for suspicious activity, 1010-1080
 * a sending account blocked or limited, 1090 cannot be processed now,
 * 1100-1150 the IP's DNS (full-circle reverse DNS), 1160-1190 the domain's
 * security policy, 1200-1210 Cloudmark CSI, 1220-1250 Spamhaus, 1260
 * "Spectrum doesn't process IPV6 addresses. Connect with an IPv4 address"
 * (its policy, as Microsoft's 5.7.510 "does not accept email over
 * IPv6"), 1300-1340
 * concurrent connections, 1350-1490 message and recipient limits,
 * 1500/1520 sending as another address, 1530 over 20 MB, 1540 too many in
 * one session, 1550 too many recipients in one message, 1560 too many
 * invalid recipients, 1580 too many recipients in a short time.
 */
static const struct {
	int		lo, hi;
	struct code	c;
} spectrum[] = {
	{ 1000, 1000, C(NULL, REFUSED, REPUTATION_OR_RATE) },
	{ 1010, 1080, C(NULL, REFUSED, SENDER_REJECTED) },
	{ 1090, 1090, C(NULL, TEMP, REMOTE_SERVER_ERROR) },
	{ 1100, 1150, C(NULL, REFUSED, HOST_IDENTITY_PTR_HELO) },
	{ 1160, 1190, C(NULL, REFUSED, POLICY_OTHER) },
	{ 1200, 1250, C(NULL, REFUSED, IP_BLOCKLISTED) },
	{ 1260, 1260, C(NULL, REFUSED, POLICY_OTHER) },
	{ 1300, 1340, C(NULL, TEMP, TOO_MANY_CONNECTIONS) },
	{ 1350, 1490, CF(NULL, REFUSED, REPUTATION_OR_RATE, RATE_LIMITED) },
	{ 1500, 1520, C(NULL, REFUSED, SENDER_REJECTED) },
	{ 1530, 1530, C(NULL, REFUSED, MESSAGE_TOO_BIG) },
	{ 1540, 1550, CF(NULL, REFUSED, REPUTATION_OR_RATE, RATE_LIMITED) },
	{ 1560, 1560, C(NULL, REFUSED, POLICY_OTHER) },
	{ 1580, 1580, CF(NULL, REFUSED, REPUTATION_OR_RATE, RATE_LIMITED) },
};

/*
 * GoDaddy's "IBnnn" (its help page "Fix rejected email with a bounce
 * error"): IB007 too many sessions, IB101 "Server temporarily
 * unavailable" (its email queue under higher than normal volume: its
 * own load, try later), IB103 poor reputation at Cloudmark,
 * IB104-IB106 Spamhaus SBL/XBL/PBL, IB108 no reverse DNS, IB110-IB113
 * the IP blocked for sending spam or to invalid recipients, IB212 spam
 * content, IB401 "Authentication not allowed on IBSMTP Servers" (a
 * client set up to send through the inbound servers), IB501/IB502 a
 * blank or IP-address From:, IB504/IB510/IB607
 * too many messages or recipients this hour or session, IB506 an invalid
 * From: domain, IB508 an SPF record that does not allow the server,
 * IB605 too many recipients in the message, IB705 a virus.
 */
static const struct code godaddy[] = {
	C("ib007", TEMP, TOO_MANY_CONNECTIONS),
	C("ib101", TEMP, REMOTE_SERVER_ERROR),
	CF("ib103", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	C("ib104", REFUSED, IP_BLOCKLISTED),
	C("ib105", REFUSED, IP_BLOCKLISTED),
	C("ib106", REFUSED, IP_BLOCKLISTED),
	C("ib108", REFUSED, HOST_IDENTITY_PTR_HELO),
	C("ib110", REFUSED, REPUTATION_OR_RATE),
	C("ib111", REFUSED, REPUTATION_OR_RATE),
	C("ib112", REFUSED, REPUTATION_OR_RATE),
	C("ib113", REFUSED, REPUTATION_OR_RATE),
	C("ib212", REFUSED, CONTENT_REJECTED),
	CF("ib401", REFUSED, POLICY_OTHER, NOT_AUTHORIZED),
	C("ib501", REFUSED, MESSAGE_NOT_COMPLIANT),
	C("ib502", REFUSED, MESSAGE_NOT_COMPLIANT),
	CF("ib504", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
	C("ib506", REFUSED, SENDER_REJECTED),
	C("ib508", REFUSED, AUTH_SPF_DKIM_DMARC),
	CF("ib510", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
	C("ib605", TEMP, TOO_MANY_RECIPIENTS),
	CF("ib607", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
	C("ib705", REFUSED, VIRUS_DETECTED),
};

/*
 * i.ua links every refusal to its error page, "http://mail.i.ua/err/N/":
 * 1 SMTP used as a mail gate, 2 no such user, 3 a mailbox unused for
 * three months, 4 mailbox full, 5 the sending limit, 6 "use the SMTP of
 * your provider", 7 a wrong HELO/EHLO, 8 a sender address that could not
 * be checked, 9 the sender's IP on a blacklist, 10 not on the
 * recipient's list of allowed addresses.
 */
static const struct code iua[] = {
	C("1", REFUSED, RELAY_DENIED),
	C("2", MAILBOX, MAILBOX_UNKNOWN),
	C("3", MAILBOX, MAILBOX_DISABLED),
	C("4", FULL, MAILBOX_FULL),
	CF("5", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
	C("6", REFUSED, REPUTATION_OR_RATE),
	C("7", REFUSED, HELO_REJECTED),
	C("8", REFUSED, SENDER_REJECTED),
	C("9", REFUSED, IP_BLOCKLISTED),
	C("10", REFUSED, RECIPIENT_FILTER),
};

/*
 * Facebook's response codes (postmaster.facebook.com/response_codes, the
 * page its replies link to), three letters, P for permanent or T for
 * temporary and a digit.  POL-P7 is listed twice on the page (domain
 * authentication, abuse policies) and left to the words.
 */
static const struct code facebook[] = {
	C("rcp-p1", MAILBOX, MAILBOX_UNKNOWN),
	C("int-p1", MAILBOX, MAILBOX_UNKNOWN),
	C("int-p3", MAILBOX, MAILBOX_UNKNOWN),
	C("int-p4", MAILBOX, MAILBOX_UNKNOWN),
	C("rcp-p2", REFUSED, RECIPIENT_FILTER),
	C("rcp-p3", REFUSED, RECIPIENT_FILTER),
	C("rcp-t1", TEMP, REMOTE_SERVER_ERROR),
	C("rcp-t4", MAILBOX, MAILBOX_DISABLED),
	C("msg-p1", REFUSED, MESSAGE_TOO_BIG),
	C("int-p2", REFUSED, MESSAGE_TOO_BIG),
	CF("msg-p2", REFUSED, CONTENT_REJECTED, CONTENT_FORMAT),
	C("msg-p3", REFUSED, MESSAGE_NOT_COMPLIANT),
	C("msg-t1", TEMP, TOO_MANY_RECIPIENTS),
	C("con-t1", TEMP, TOO_MANY_CONNECTIONS),
	C("con-t2", TEMP, TOO_MANY_CONNECTIONS),
	C("con-t3", TEMP, TOO_MANY_CONNECTIONS),
	C("con-t4", TEMP, TOO_MANY_RECIPIENTS),
	C("dns-p1", REFUSED, SENDER_REJECTED),
	C("dns-p2", REFUSED, SENDER_REJECTED),
	C("dns-t1", REFUSED, SENDER_REJECTED),
	C("dns-p3", REFUSED, HOST_IDENTITY_PTR_HELO),
	C("dns-t2", REFUSED, HOST_IDENTITY_PTR_HELO),
	C("pol-p1", REFUSED, IP_BLOCKLISTED),
	C("pol-p2", REFUSED, REPUTATION_OR_RATE),
	C("pol-p3", REFUSED, REPUTATION_OR_RATE),
	C("pol-p4", REFUSED, REPUTATION_OR_RATE),
	C("pol-t1", REFUSED, REPUTATION_OR_RATE),
	C("pol-t2", REFUSED, REPUTATION_OR_RATE),
	C("pol-t3", REFUSED, REPUTATION_OR_RATE),
	C("pol-p5", REFUSED, VIRUS_DETECTED),
	C("pol-p6", REFUSED, CONTENT_REJECTED),
};

/*
 * Outlook.com's codes (its postmaster "Troubleshooting" page,
 * sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx, which
 * its replies link to as mail.live.com/mail/troubleshooting.aspx): RP-001
 * to RP-003 rate or connection limits set by the IP's or domain's
 * reputation; SC-001 spam-like content or reputation, SC-002 namespace
 * mining, SC-003 an open proxy or relay, SC-004 a block for complaints;
 * DY-001 a dynamic IP, DY-002 a compromised or infected sending host;
 * OU-001 a block (Spamhaus), OU-002 spam-like content or reputation.
 */
static const struct code outlook[] = {
	CF("rp-001", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	CF("rp-002", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	CF("rp-003", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	CF("sc-001", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	C("sc-002", REFUSED, POLICY_OTHER),
	C("sc-003", REFUSED, IP_BLOCKLISTED),
	C("sc-004", REFUSED, IP_BLOCKLISTED),
	C("dy-001", REFUSED, REPUTATION_OR_RATE),
	C("dy-002", REFUSED, REPUTATION_OR_RATE),
	C("ou-001", REFUSED, IP_BLOCKLISTED),
	CF("ou-002", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
};

/*
 * Sophos Email's codes (Sophos Central's "SMTP error codes" page,
 * docs.sophos.com/central/customer/help/en-us/ManageYourProducts/
 * EmailSecurity/SMTPErrorCodes): XGEMAIL_0001-0003 no valid DKIM
 * signature, a failed SPF, a failed DMARC check; 0004 the sending IP on an
 * RBL, 0005 the sender's domain on a DBL; 0006 a TLS version other than
 * the recipient's policy wants; 0007 the recipient's licence expired;
 * 0008 a domain, IP or address on the admin block list, 0009 on the
 * user's; 0010 a recipient domain Sophos does not protect, 0011 an
 * address that does not exist there; 0012 the size allowed, 0013 too
 * many recipients for a large message; 0014 and 0015 the recipient's
 * inbound rate limits.  Read by the digits after "xgemail_".
 */
static const struct code sophos[] = {
	C("0001", REFUSED, AUTH_SPF_DKIM_DMARC),
	C("0002", REFUSED, AUTH_SPF_DKIM_DMARC),
	C("0003", REFUSED, AUTH_SPF_DKIM_DMARC),
	C("0004", REFUSED, IP_BLOCKLISTED),
	C("0005", REFUSED, DOMAIN_BLOCKLISTED),
	C("0006", REFUSED, TLS_REQUIRED),
	C("0007", TEMP, REMOTE_SERVER_ERROR),
	C("0008", REFUSED, SENDER_REJECTED),
	C("0009", REFUSED, RECIPIENT_FILTER),
	C("0010", REFUSED, RELAY_DENIED),
	C("0011", MAILBOX, MAILBOX_UNKNOWN),
	C("0012", REFUSED, MESSAGE_TOO_BIG),
	C("0013", TEMP, TOO_MANY_RECIPIENTS),
	CF("0014", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
	CF("0015", REFUSED, REPUTATION_OR_RATE, RATE_LIMITED),
};

/*
 * Comcast's block codes (its postmaster page "Mail delivery error codes",
 * postmaster.comcast.net/mail-error-codes.aspx, which its 550 and 554
 * refusals link to): ES000001 and ES000010 a dynamic or residential IP
 * (Comcast's own, others'), BL000000 an IP that sent in patterns
 * characteristic of spam, BL000001-BL000111 an IP on Spamhaus ZEN,
 * Cloudmark CSI, SenderScore or several of them.  Only in a reply that
 * names Comcast.
 */
static const struct code comcast[] = {
	C("es000001", REFUSED, REPUTATION_OR_RATE),
	C("es000010", REFUSED, REPUTATION_OR_RATE),
	CF("bl000000", REFUSED, REPUTATION_OR_RATE, BAD_REPUTATION),
	C("bl000001", REFUSED, IP_BLOCKLISTED),
	C("bl000010", REFUSED, IP_BLOCKLISTED),
	C("bl000011", REFUSED, IP_BLOCKLISTED),
	C("bl000100", REFUSED, IP_BLOCKLISTED),
	C("bl000101", REFUSED, IP_BLOCKLISTED),
	C("bl000110", REFUSED, IP_BLOCKLISTED),
	C("bl000111", REFUSED, IP_BLOCKLISTED),
};

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Offset of the next tag at or after from, starting a word; len if none.
 * Found with memfind_lower (the text and the tags are lower case), not a
 * compare at every offset: every reply classified is searched for each
 * of ~40 tags.
 */
static size_t
next_tag(const char *t, size_t len, size_t from, const char *tag)
{
	size_t n = strlen(tag), at;

	while (from < len &&
	    (at = memfind_lower(t + from, len - from, tag, n)) != (size_t)-1) {
		at += from;
		if (at == 0 || !is_alnum((unsigned char)t[at - 1]))
			return at;
		from = at + 1;
	}
	return len;
}

/* The length of the run of letters and digits at t[i]. */
static size_t
run_len(const char *t, size_t len, size_t i)
{
	size_t k;

	for (k = i; k < len && is_alnum((unsigned char)t[k]); k++)
		;
	return k - i;
}

/* The entry of tab[0..n) named by the run s[0..run) exactly, or NULL. */
static const struct code *
code_named(const struct code *tab, size_t n, const char *s, size_t run)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(tab[i].name) == run &&
		    memcmp(tab[i].name, s, run) == 0)
			return &tab[i];
	return NULL;
}

/* The three-digit cause of an Orange or La Poste tag. */
static const struct code *
find_orange(const char *t, size_t len)
{
	static const char *const tags[] = { "ofr", "lpn" };
	const struct code *c;
	size_t i, k, at, run;

	for (i = 0; i < NELEM(tags); i++)
		for (at = next_tag(t, len, 0, tags[i]); at < len;
		    at = next_tag(t, len, at + 1, tags[i])) {
			run = run_len(t, len, at + 3);
			if (at + 3 + run < len && t[at + 3 + run] == '_')
				k = at + 4 + run;	/* OFR005_505 */
			else if (run == 3)
				k = at + 3;		/* LPN416 */
			else
				continue;
			if (run_len(t, len, k) != 3 ||
			    !is_digit((unsigned char)t[k]) ||
			    !is_digit((unsigned char)t[k + 1]) ||
			    !is_digit((unsigned char)t[k + 2]))
				continue;
			if ((c = code_named(orange, NELEM(orange), t + k, 3)) !=
			    NULL)
				return c;
		}
	return NULL;
}

/* Cox's lettered AUP# codes, then Spectrum's numbered ones. */
static const struct code *
find_aup(const char *t, size_t len)
{
	const struct code *c;
	size_t at, i, k, run, n;
	int num;

	for (at = next_tag(t, len, 0, "aup#"); at < len;
	    at = next_tag(t, len, at + 1, "aup#")) {
		k = at + 4;
		run = run_len(t, len, k);
		if ((c = code_named(cox_names, NELEM(cox_names), t + k, run)) !=
		    NULL)
			return c;
		for (i = 0; i < NELEM(cox_prefixes); i++) {
			n = strlen(cox_prefixes[i].name);
			if (run >= n &&
			    memcmp(cox_prefixes[i].name, t + k, n) == 0)
				return &cox_prefixes[i];
		}
		/* Spectrum: "i-", "o-" or nothing, then four digits */
		if (k + 1 < len && (t[k] == 'i' || t[k] == 'o') &&
		    t[k + 1] == '-')
			k += 2;
		if (run_len(t, len, k) != 4)
			continue;
		for (num = 0, i = k; i < k + 4; i++) {
			if (!is_digit((unsigned char)t[i]))
				break;
			num = num * 10 + (t[i] - '0');
		}
		if (i < k + 4)
			continue;
		for (i = 0; i < NELEM(spectrum); i++)
			if (num >= spectrum[i].lo && num <= spectrum[i].hi)
				return &spectrum[i].c;
	}
	return NULL;
}

/*
 * The code of tab[0..n) named by the run of letters and digits skip
 * bytes into a tag (a word's start): GoDaddy's "IB101" (the tag is the
 * code's own start, skip 0), i.ua's "i.ua/err/N" and Sophos Email's
 * "XGEMAIL_0001" (the number after it).
 */
static const struct code *
find_after_tag(const char *t, size_t len, const char *tag, size_t skip,
    const struct code *tab, size_t n)
{
	const struct code *c;
	size_t at;

	for (at = next_tag(t, len, 0, tag); at < len;
	    at = next_tag(t, len, at + 1, tag))
		if ((c = code_named(tab, n, t + at + skip,
		    run_len(t, len, at + skip))) != NULL)
			return c;
	return NULL;
}

/*
 * A code of tab[0..n) ("rcp-p1", "bl000001"), as a word, in a reply that
 * names the provider (one of names, NULL-ended): the short codes mean
 * something only in its replies.
 */
static const struct code *
find_named(const char *t, size_t len, const char *const *names,
    const struct code *tab, size_t n)
{
	size_t at, i;

	for (; *names != NULL; names++)
		if (next_tag(t, len, 0, *names) < len)
			break;
	if (*names == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		for (at = next_tag(t, len, 0, tab[i].name); at < len;
		    at = next_tag(t, len, at + 1, tab[i].name))
			if (at + strlen(tab[i].name) == len ||
			    !is_alnum((unsigned char)t[at + strlen(tab[i].name)]))
				return &tab[i];
	return NULL;
}

static const struct code *
find_facebook(const char *t, size_t len)
{
	static const char *const names[] = { "facebook", NULL };

	return find_named(t, len, names, facebook, NELEM(facebook));
}

/* Outlook.com's replies link to its troubleshooting page on live.com. */
static const struct code *
find_outlook(const char *t, size_t len)
{
	static const char *const names[] = { "live.com", "outlook.com",
		"hotmail", NULL };

	return find_named(t, len, names, outlook, NELEM(outlook));
}

/* Comcast's refusals link to its postmaster page on comcast.net. */
static const struct code *
find_comcast(const char *t, size_t len)
{
	static const char *const names[] = { "comcast", NULL };

	return find_named(t, len, names, comcast, NELEM(comcast));
}

int
replycode_find(const char *text, size_t len, int cls, struct replycode *out)
{
	const struct code *c;

	if (text == NULL)
		return 0;
	if ((c = find_orange(text, len)) == NULL &&
	    (c = find_aup(text, len)) == NULL &&
	    (c = find_after_tag(text, len, "ib", 0, godaddy,
	    NELEM(godaddy))) == NULL &&
	    (c = find_after_tag(text, len, "i.ua/err/", 9, iua,
	    NELEM(iua))) == NULL &&
	    (c = find_facebook(text, len)) == NULL &&
	    (c = find_outlook(text, len)) == NULL &&
	    (c = find_comcast(text, len)) == NULL &&
	    (c = find_after_tag(text, len, "xgemail_", 8, sophos,
	    NELEM(sophos))) == NULL)
		return 0;
	out->reason = c->reason;
	out->finer = c->finer == REASON__LAST ? c->reason : c->finer;
	switch (c->kind) {
	case K_REFUSED:
		out->verdict = cls == 5 ? VERDICT_BLOCKED : VERDICT_TEMPORARY;
		break;
	case K_TEMP:
		out->verdict = VERDICT_TEMPORARY;
		break;
	case K_MAILBOX:
		/*
		 * a 4xx says nothing definite of the mailbox to a probe; a
		 * bounce's sending server gave up on the cause the code
		 * documents (Facebook's "450 4.2.1 RCP-T4 ... currently
		 * deactivated"), which is its answer (RFC 3463 X.4.7: the
		 * actual problem rather than the expiry), as finer
		 */
		out->verdict = cls == 5 ? VERDICT_UNDELIVERABLE :
		    VERDICT_TEMPORARY;
		if (cls != 5)
			out->reason = REASON_TEMPORARY_OTHER;
		break;
	case K_FULL:
		out->verdict = VERDICT_MAILBOX_FULL;
		break;
	}
	return 1;
}
