/*
 * classify.c - what an SMTP reply means: the one place that turns (stage,
 * reply code, enhanced code, text, MX provider) into a verdict, a reason
 * and, for blocklist rejections, the name of the list (classify_reply).
 *
 * Codes alone are not enough (providers reuse 5.7.1 and 4.7.0 for a dozen
 * causes), so the rules are tried in this order and the first match wins:
 *   1. provider_rules:  per provider, chosen by the MX host's name suffix
 *                       (provider_rules.c), then the codes some
 *                       providers write into their refusals and document
 *                       (replycode.c: Orange, La Poste, Cox, Spectrum,
 *                       GoDaddy, i.ua, Facebook, Outlook.com, Comcast,
 *                       Sophos Email);
 *   2. cue_rules:       ordered text cues, the specific causes first
 *                       (cue_rules.c), read in the reply's cue text
 *                       (cue_text.c); then, at the data stage only
 *                       (bounces), data_rules: what the text says about
 *                       the message;
 *   3. enhanced_rules:  the RFC 3463 / IANA enhanced-code table
 *                       (code_rules.c);
 *   4. weak_rules:      vague text cues (cue_rules.c);
 *   5. fallback_rules:  reply code and stage only (code_rules.c).
 * Then stage_adjust() applies what the stage implies (5xx at MAIL is about
 * the sender, 421 is always temporary and names no mailbox but a full one,
 * a 4xx is never a definite no).
 * A bounce's answer is then refined where it says more (classify_bounce.c);
 * the blocklist's name comes from classify_blocklist.c.
 *
 * Documented choices (see docs/json.md):
 *   - 452 4.2.2 "over quota" is mailbox_full, not temporary: the mailbox
 *     exists, and that is what the sender needs to know.
 *   - remote_server_error (the receiver's own fault, e.g. a DNSBL "open
 *     resolver" error) is temporary even on a 5xx: the address may be fine.
 *   - a 5xx at RCPT with no cue at all is blocked/unknown, never
 *     undeliverable: an ambiguous answer is not "does not exist".
 *
 * Nothing here fails: any input gives some verdict.  The text is read only
 * within textlen and may hold NUL bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "meaning/classify_int.h"

/*
 * Offset of the first case-insensitive match of needle, or SIZE_MAX; *end
 * (may be NULL) gets the offset just past it.  A space in needle matches
 * any run of blanks and line breaks: multi-line replies wrap phrases.
 */
size_t
classify_find_ci(const char *hay, size_t hlen, const char *needle, size_t *end)
{
	size_t i, k;
	const char *p, *lo = NULL, *up = NULL;
	int l0 = ascii_lower((unsigned char)needle[0]), u0, jump;

	/* candidates for a first letter come from memchr, once per case */
	u0 = l0 >= 'a' && l0 <= 'z' ? l0 - 'a' + 'A' : l0;
	jump = l0 != ' ' && l0 != '\0' && hlen > 0;
	if (jump) {
		lo = memchr(hay, l0, hlen);
		up = u0 != l0 ? memchr(hay, u0, hlen) : NULL;
	}
	for (i = 0; i < hlen; i++) {
		if (jump) {
			if (lo == NULL && up == NULL)
				break;
			p = lo == NULL ? up : up == NULL ? lo :
			    lo < up ? lo : up;
			i = (size_t)(p - hay);
			if (p == lo)
				lo = i + 1 < hlen ?
				    memchr(p + 1, l0, hlen - i - 1) : NULL;
			else
				up = i + 1 < hlen ?
				    memchr(p + 1, u0, hlen - i - 1) : NULL;
		}
		for (k = i, p = needle; *p != '\0' && k < hlen; p++) {
			if (*p == ' ') {
				if (!is_space((unsigned char)hay[k]))
					break;
				while (k < hlen &&
				    is_space((unsigned char)hay[k]))
					k++;
			} else if (ascii_lower((unsigned char)hay[k]) ==
			    ascii_lower((unsigned char)*p))
				k++;
			else
				break;
		}
		if (*p == '\0' && p != needle) {
			if (end != NULL)
				*end = k;
			return i;
		}
	}
	return SIZE_MAX;
}

/*
 * Whether any cue occurs in text, which is cue_text()'s form (lower case,
 * blanks one space), so a plain substring search does: cues are written
 * in lower case with single spaces.
 */
int
classify_cues_match(const char *const *cues, const struct memfind_text *text)
{
	for (; *cues != NULL; cues++)
		if (memfind_in(text, *cues) != (size_t)-1)
			return 1;
	return 0;
}

/*
 * Split "C.SSS.DDD" into subject and detail.  0 when malformed or of
 * another class than the reply: such a code is ignored (RFC 3463 3.1).
 */
int
classify_enhanced_split(const char *e, int cls, int *subject, int *detail)
{
	int part[3] = { 0, 0, 0 }, k = 0, digits = 0;

	if (e == NULL || e[0] - '0' != cls)
		return 0;
	for (; *e != '\0'; e++) {
		if (*e == '.') {
			if (digits == 0 || ++k > 2)
				return 0;
			digits = 0;
		} else if (*e >= '0' && *e <= '9' && digits < 3) {
			part[k] = part[k] * 10 + (*e - '0');
			digits++;
		} else
			return 0;
	}
	if (k != 2 || digits == 0)
		return 0;
	*subject = part[1];
	*detail = part[2];
	return 1;
}

const struct outcome *
classify_pick(const struct rule_out *o, int cls)
{
	const struct outcome *x = cls == 5 ? &o->perm : &o->temp;

	return x->verdict == VERDICT__LAST ? NULL : x;
}

static const struct outcome *
match_cues(const struct cue_rule *rules, size_t n, int cls,
    const struct memfind_text *text)
{
	const struct outcome *x;
	size_t i;

	for (i = 0; i < n; i++)
		if ((x = classify_pick(&rules[i].out, cls)) != NULL &&
		    classify_cues_match(rules[i].cues, text))
			return x;
	return NULL;
}

/* The first provider rule that matches, its outcome for cls in *x. */
static const struct provider_rule *
match_provider(enum provider prov, int cls, int has_enh, int subject,
    int detail, const struct memfind_text *text, const struct outcome **x)
{
	const struct provider_rule *r;
	size_t i;

	for (i = 0; prov != PROV_ANY && i < provider_rules_len; i++) {
		r = &provider_rules[i];
		if (r->provider != prov ||
		    (*x = classify_pick(&r->out, cls)) == NULL)
			continue;
		if (r->subject >= 0 && (!has_enh || r->subject != subject ||
		    detail < r->dlo || detail > r->dhi))
			continue;
		if (r->cues != NULL && !classify_cues_match(r->cues, text))
			continue;
		return r;
	}
	return NULL;
}

static const struct outcome *
match_enhanced(enum stage stage, int cls, int subject, int detail)
{
	const struct enhanced_rule *r;
	const struct outcome *x;
	size_t i;

	for (i = 0; i < enhanced_rules_len; i++) {
		r = &enhanced_rules[i];
		if ((r->stage != STAGE__LAST && r->stage != stage) ||
		    r->subject != subject || detail < r->dlo || detail > r->dhi)
			continue;
		if ((x = classify_pick(&r->out, cls)) != NULL)
			return x;
	}
	return NULL;
}

static struct outcome
match_fallback(enum stage stage, int code)
{
	struct outcome none = O(BLOCKED, UNKNOWN);
	size_t i;

	for (i = 0; i < fallback_rules_len; i++)
		if ((fallback_rules[i].stage == STAGE__LAST ||
		    fallback_rules[i].stage == stage) &&
		    code >= fallback_rules[i].lo &&
		    code <= fallback_rules[i].hi)
			return fallback_rules[i].out;
	return none;
}

/* Reasons that describe the recipient's mailbox or domain. */
int
classify_mailbox_reason(enum reason r)
{
	switch (r) {
	case REASON_MAILBOX_UNKNOWN:
	case REASON_MAILBOX_DISABLED:
	case REASON_MAILBOX_MOVED:
	case REASON_MAILBOX_FULL:
	case REASON_INVALID_ADDRESS:
	case REASON_DOMAIN_NO_MAIL:
	case REASON_DOMAIN_NOT_FOUND:
	case REASON_NULL_MX:
		return 1;
	default:
		return 0;
	}
}

/*
 * RFC 3463's X.1.7 and X.1.8 name the sender's address: a mailbox cue
 * beside them ("550 5.1.7 Sender address invalid", "address does not
 * exist") is about our address, whatever command the bounce names.
 */
static void
sender_code_adjust(int has_enh, int subject, int detail, struct outcome *o)
{
	if (has_enh && subject == 1 && (detail == 7 || detail == 8) &&
	    classify_mailbox_reason(o->reason)) {
		if (o->verdict != VERDICT_TEMPORARY)
			o->verdict = VERDICT_BLOCKED;
		o->reason = REASON_SENDER_REJECTED;
	}
}

/*
 * What the stage implies.  A mailbox cue before RCPT is about something
 * else: at MAIL the sender; at the banner or EHLO the client.  421 closes
 * the connection and is always temporary; no 4xx is a definite no.  A 421
 * names no mailbox ("421 user unknown" is the server going away, not the
 * address missing) except a full one: a full mailbox exists and is refused
 * for now, which a 421 says as well as a 452 (courier-pythonfilter's
 * quota filter: '421 User "ADDR" is over quota'), and that is what the
 * sender can act on.
 */
static void
stage_adjust(enum stage stage, int code, enum source src, struct outcome *o)
{
	int cls = code / 100;

	if (stage == STAGE_MAIL && cls == 5 &&
	    (classify_mailbox_reason(o->reason) ||
	    (src >= SRC_ENHANCED && (o->reason == REASON_POLICY_OTHER ||
	    o->reason == REASON_UNKNOWN)))) {
		o->verdict = VERDICT_BLOCKED;
		o->reason = REASON_SENDER_REJECTED;
	} else if (stage == STAGE_MAIL && classify_mailbox_reason(o->reason)) {
		o->verdict = VERDICT_TEMPORARY;
		o->reason = REASON_SENDER_REJECTED;
	} else if (stage_before(stage, STAGE_MAIL) &&
	    classify_mailbox_reason(o->reason)) {
		o->verdict = cls == 5 ? VERDICT_BLOCKED : VERDICT_TEMPORARY;
		o->reason = cls == 5 ? REASON_POLICY_OTHER :
		    REASON_TEMPORARY_OTHER;
	}
	/*
	 * A provider's page that calls a reply to STARTTLS the client's
	 * protocol error (Gmail's "no commands allowed to pipeline after
	 * STARTTLS", "STARTTLS may not be repeated") keeps that reading
	 */
	if (stage == STAGE_STARTTLS && code != 421 && !(src == SRC_PROVIDER &&
	    o->reason == REASON_PROTOCOL_VIOLATION)) {
		o->verdict = VERDICT_TLS_FAILED;
		o->reason = REASON_STARTTLS_REFUSED;
	}
	if (code == 421) {
		o->verdict = VERDICT_TEMPORARY;
		if (classify_mailbox_reason(o->reason) &&
		    o->reason != REASON_MAILBOX_FULL)
			o->reason = REASON_TEMPORARY_OTHER;
	}
	if (cls == 4 && o->verdict != VERDICT_TEMPORARY &&
	    o->verdict != VERDICT_MAILBOX_FULL &&
	    o->verdict != VERDICT_TLS_FAILED)
		o->verdict = VERDICT_TEMPORARY;
}

/* What address_not_found() means: the address is not there. */
static const struct rule_out address_gone =
    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN);

/*
 * A reply that names an address and then says only "not found" of it:
 * "550 <bob@example.org> not found", Sisimai's documented userunknown
 * pair "<" ... "> not found" (go-sisimai reason/why-userunknown.go), also
 * with a colon or Sendmail's "..." after the address.  cue_text() blanks
 * the address, leaving a bare "not found" that names nothing, so the raw
 * text is read: a word holding '@', then "not found" and nothing more in
 * its sentence ("<x@y> not found in DNS" is not this form).  The
 * address's own characters are never read.
 */
static int
address_not_found(const char *text, size_t len)
{
	const char *at;
	size_t i, k, n, e;

	for (i = 0; i < len && (at = memchr(text + i, '@', len - i)) != NULL;
	    i = k) {
		for (k = (size_t)(at - text); k < len &&
		    !is_space((unsigned char)text[k]); k++)
			;
		for (n = k; n < len && is_space((unsigned char)text[n]); n++)
			;
		/* the words must start there: a short window, not the rest */
		if (n == k || n >= len || classify_find_ci(text + n,
		    len - n < 64 ? len - n : 64, "not found", &e) != 0)
			continue;
		for (n += e; n < len && is_space((unsigned char)text[n]); n++)
			;
		if (n == len || (text[n] != '\0' &&
		    strchr(".,;!()", text[n]) != NULL))
			return 1;
	}
	return 0;
}

/* Whether any of cues is in text, read as the classifier reads it. */
static int
words_named(const char *const *cues, const char *text, size_t textlen)
{
	struct cue_view v;
	int named;

	v.masked = NULL;
	cue_view_make(&v, text, textlen);
	named = classify_cues_match(cues, &v.mt);
	free(v.masked);
	return named;
}

/* A letter, a digit or '_': a part of a signature's name. */
static int
is_sig_char(int c)
{
	c = ascii_lower(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Whether tok[0..n) is a virus's name as ClamAV names its signatures
 * (docs.clamav.net, "Official Signature Naming Guidelines"):
 * {platform}.{category}.{name}, then "-{signature id}-{revision}", the
 * platform capitalized as all its documented ones are (a host name
 * after a filter's name is written in lower case), its category one that
 * names malware (clamav_categories: Win.Trojan.Agent-123,
 * Doc.Malware.Emotet, Win.Test.EICAR_HDB-1); or the EICAR test file's
 * names of its older databases, Eicar-Test-Signature and Eicar-Signature.
 */
static int
clamav_signature(const char *tok, size_t n)
{
	size_t i, p, c;

	if (n == 0 || tok[0] < 'A' || tok[0] > 'Z')
		return 0;
	for (p = 0; p < n && tok[p] != '-'; p++)
		;
	if (p == 5 && strncasecmp(tok, "eicar", 5) == 0)
		return 1;
	for (p = 0; p < n && is_sig_char((unsigned char)tok[p]); p++)
		;
	if (p == n || tok[p] != '.')
		return 0;
	for (c = ++p; p < n && is_sig_char((unsigned char)tok[p]); p++)
		;
	if (p + 1 >= n || tok[p] != '.' ||
	    !is_sig_char((unsigned char)tok[p + 1]))
		return 0;
	for (i = 0; clamav_categories[i] != NULL; i++)
		if (p - c == strlen(clamav_categories[i]) &&
		    strncasecmp(tok + c, clamav_categories[i], p - c) == 0)
			return 1;
	return 0;
}

/*
 * Whether a content filter's name (virus_filter_words: "rejected by
 * antivirus: NAME", "Virus scanner said: NAME") is followed by a virus's
 * name in ClamAV's form (clamav_signature): the rest of the filter's
 * word ("scanner"), then blanks, a colon, "said", an equals sign or a
 * quote before the name; a trailing full stop or dash is the sentence's.
 * The raw text is read: the name's capitals count.
 */
static int
signature_after_filter(const char *text, size_t len)
{
	static const char skip[] = " \t\r\n:=\"'(<[";
	size_t i, end, k, e;

	for (i = 0; virus_filter_words[i] != NULL; i++)
		for (k = 0; k < len && classify_find_ci(text + k, len - k,
		    virus_filter_words[i], &end) != SIZE_MAX;) {
			for (k += end; k < len && ascii_lower(
			    (unsigned char)text[k]) >= 'a' && ascii_lower(
			    (unsigned char)text[k]) <= 'z'; k++)
				;
			for (;;) {
				if (k < len && text[k] != '\0' &&
				    strchr(skip, text[k]) != NULL)
					k++;
				else if (len - k >= 4 &&
				    strncasecmp(text + k, "said", 4) == 0)
					k += 4;
				/* a full-width colon, ： */
				else if (len - k >= 3 &&
				    memcmp(text + k, "\xef\xbc\x9a", 3) == 0)
					k += 3;
				else
					break;
			}
			for (e = k; e < len && (is_sig_char((unsigned char)
			    text[e]) || text[e] == '.' || text[e] == '-'); e++)
				;
			while (e > k && (text[e - 1] == '.' ||
			    text[e - 1] == '-'))
				e--;
			if (clamav_signature(text + k, e - k))
				return 1;
		}
	return 0;
}

/*
 * A refusal read as virus_detected whose words name a virus
 * (virus_words), not only an attachment refused for its name or type;
 * the filter's own name ("antivirus", "virus scanner":
 * virus_filter_words) is blanked first, as it names none, unless a
 * virus's name in ClamAV's form follows it (signature_after_filter).
 */
static int
virus_named(const char *text, size_t textlen)
{
	struct cue_view v;
	size_t i, n, at;
	int named;

	if (signature_after_filter(text, textlen))
		return 1;
	v.masked = NULL;
	cue_view_make(&v, text, textlen);
	for (i = 0; virus_filter_words[i] != NULL; i++) {
		n = strlen(virus_filter_words[i]);
		while ((at = memfind_lower(v.masked, v.mlen,
		    virus_filter_words[i], n)) != (size_t)-1)
			memset(v.masked + at, ' ', n);
	}
	memfind_prepare(&v.mt, v.masked, v.mlen);
	named = classify_cues_match(virus_words, &v.mt);
	free(v.masked);
	return named;
}

/*
 * Whether a reply, "550 5.5.4 ..." or "550-5.5.5 ...", gives the enhanced
 * code x55 (x "5.5.4") right after its 5xx reply code.
 */
static int
status_after_code(const char *text, size_t textlen, const char *x55)
{
	size_t n = strlen(x55);

	return textlen >= 5 + n && text[0] == '5' &&
	    text[1] >= '0' && text[1] <= '9' && text[2] >= '0' &&
	    text[2] <= '9' && (text[3] == ' ' || text[3] == '-') &&
	    strncmp(text + 4, x55, n) == 0 && (textlen == 4 + n ||
	    text[4 + n] == ' ');
}

/*
 * A command refused as malformed (RFC 3463 X.5.4, X.5.5, by code or by
 * its words), not with a 4xx: no reply the sender may retry.
 */
static int
malformed_cmd(const char *text, size_t textlen)
{
	if (textlen > 0 && text[0] == '4')
		return 0;
	return status_after_code(text, textlen, "5.5.4") ||
	    status_after_code(text, textlen, "5.5.5") ||
	    words_named(malformed_cmd_words, text, textlen);
}

const char *
classify_wording(enum reason reason, const char *text, size_t textlen)
{
	size_t n = sizeof(QQ_UNAVAILABLE) - 1, i;

	if (text == NULL)
		return NULL;
	if (reason == REASON_VIRUS_DETECTED)
		return virus_named(text, textlen) ? "virus_named" : NULL;
	if (reason == REASON_REPUTATION_OR_RATE ||
	    reason == REASON_BAD_REPUTATION)
		return words_named(ip_unknown_rcpt_words, text, textlen) ?
		    "ip_unknown_recipients" : NULL;
	if (reason == REASON_SENDER_REJECTED)
		return words_named(send_mail_as_words, text, textlen) ?
		    "send_mail_as" : NULL;
	if (reason == REASON_TOO_MANY_CONNECTIONS)
		return words_named(tencent_rate_words, text, textlen) ?
		    "tencent_rate_limit" : NULL;
	if (reason == REASON_RATE_LIMITED)
		return words_named(sender_day_words, text, textlen) ?
		    "sender_day_limit" : words_named(sender_short_words, text,
		    textlen) ? "sender_short_limit" : NULL;
	if (reason == REASON_REMOTE_SERVER_ERROR)
		return malformed_cmd(text, textlen) ? "malformed_command" :
		    NULL;
	if (reason != REASON_POLICY_OTHER)
		return NULL;
	if (words_named(geo_block_words, text, textlen))
		return "geo_block";
	for (i = 0; i + n <= textlen; i++)
		if (strncasecmp(text + i, QQ_UNAVAILABLE, n) == 0)
			return "qq_unavailable";
	return NULL;
}

enum side
classify_side(enum reason reason, const char *text, size_t textlen)
{
	const char *w = classify_wording(reason, text, textlen);

	if (w != NULL && strcmp(w, "malformed_command") == 0)
		return SIDE_UNKNOWN;
	return reason_side(reason);
}

/*
 * Whether a client_auth_required refusal is NetEase's or Tencent's, whose
 * advice (turn the mailbox's SMTP service on, log in with its
 * authorization code) fits no other provider: the server's name (the
 * probed MX, a bounce's Remote-MTA), or the text's own marks: NetEase's
 * tag after its refusals ("553 authentication is required,163
 * smtp12,<session> <time>", "126 smtp3,..."), its and QQ Mail's help
 * links (mail.163.com/help/..., service.mail.qq.com/cgi-bin/help...),
 * the authorization code they name.  cue_text() has blanked the
 * addresses: a recipient at qq.com names no server.
 */
static int
client_auth_named(enum provider prov, const struct memfind_text *t)
{
	return prov == PROV_NETEASE || prov == PROV_TENCENT ||
	    classify_cues_match(CUES("163 smtp", "126 smtp", "mail.163.com",
	    "mail.126.com", "mail.qq.com", "id=28&&no=1001256",
	    "authorization code", "authorized code", "授权码"), t);
}

/*
 * What words asking for a login mean, by the command refused.  The broad
 * words of client_auth_required from a server that is not NetEase's or
 * Tencent's (client_auth_named): "User has no permission" before RCPT
 * refuses the sender's login; after it, a recipient's server's own access
 * rule.  "Authentication is required" (RFC 4954's "530 5.7.0
 * Authentication required": server policy wants a login for the command)
 * at RCPT refuses to relay to that domain without one; at MAIL (BigPond's
 * "553 Authentication is required to send mail as <...>", a smarthost's
 * 530 to a server that did not log in) or where no command is named, the
 * sender's own program or server did not log in.  The relay rule's
 * "authentication required", "must authenticate", "not authenticated" at
 * MAIL, before any recipient (RFC 4954 6, Exchange Online's 5.7.57
 * "Client was not authenticated to send anonymous mail during MAIL
 * FROM"), say the same: a login, not a refusal to relay.
 */
static void
login_refusal(enum stage stage, enum provider prov,
    const struct memfind_text *t, struct outcome *o)
{
	if (o->reason == REASON_RELAY_DENIED) {
		if (stage == STAGE_MAIL &&
		    classify_cues_match(CUES("authentication required",
		    "must authenticate", "not authenticated"), t))
			o->reason = REASON_LOGIN_REQUIRED;
		return;
	}
	if (o->reason != REASON_CLIENT_AUTH_REQUIRED ||
	    client_auth_named(prov, t))
		return;
	if (classify_cues_match(CUES("user has no permission"), t))
		o->reason = stage_before(stage, STAGE_RCPT) ?
		    REASON_LOGIN_REQUIRED : REASON_POLICY_OTHER;
	else
		o->reason = stage == STAGE_RCPT ? REASON_RELAY_DENIED :
		    REASON_LOGIN_REQUIRED;
}

/*
 * Postfix's reject_rhsbl_client: "Client host [NAME] blocked using ZONE"
 * names the client's host NAME, listed as a domain, where reject_rbl_client
 * names its IP (smtpd_check.c, the same words).  A name holds a letter and
 * no colon; an IPv4 address holds no letter, an IPv6 one a colon.
 */
static int
rhsbl_client_named(const char *text, size_t textlen)
{
	size_t at, i;
	int letter = 0;

	if (text == NULL ||
	    classify_find_ci(text, textlen, "client host [", &at) == SIZE_MAX ||
	    classify_find_ci(text + at, textlen - at, "] blocked using",
	    NULL) == SIZE_MAX)
		return 0;
	for (i = at; i < textlen && text[i] != ']'; i++) {
		if (text[i] == ':' || is_space((unsigned char)text[i]))
			return 0;
		if (ascii_lower((unsigned char)text[i]) >= 'a' &&
		    ascii_lower((unsigned char)text[i]) <= 'z')
			letter = 1;
	}
	return letter && i > at && i < textlen;
}

/*
 * classify_reply(), and in *srcp the table that decided; *v is the cue
 * text, the caller frees v->masked.
 */
void
classify_src(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out, enum source *srcp, struct cue_view *v)
{
	const struct outcome *x;
	struct outcome o, tagged;
	enum source src;
	enum provider prov;
	int cls = code / 100, has_enh, subject = 0, detail = 0;

	memset(out, 0, sizeof(*out));
	*srcp = SRC_FALLBACK;
	v->masked = NULL;
	v->coded = -1;
	v->prule = NULL;
	if (text == NULL)
		textlen = 0;
	if (code >= 200 && code <= 299) {
		out->verdict = VERDICT_DELIVERABLE;
		out->reason = REASON_ACCEPTED;
		return;
	}
	if (code < 400 || code > 599) {
		out->verdict = VERDICT_PROTOCOL_ERROR;
		out->reason = REASON_PROTOCOL_VIOLATION;
		return;
	}
	has_enh = classify_enhanced_split(enhanced, cls, &subject, &detail);
	cue_view_make(v, text, textlen);
	prov = provider_of(mx_host);
	if ((v->prule = match_provider(prov, cls, has_enh,
	    subject, detail, &v->mt, &x)) != NULL)
		src = SRC_PROVIDER;
	else if ((v->coded = replycode_find(v->masked, v->mlen, cls,
	    &v->rc)) != 0) {
		tagged.verdict = v->rc.verdict;
		tagged.reason = v->rc.reason;
		x = &tagged;
		src = SRC_PROVIDER;
	} else if ((x = match_cues(cue_rules, cue_rules_len, cls, &v->mt)) !=
	    NULL)
		src = SRC_CUE;
	else if (address_not_found(text, textlen) &&
	    (x = classify_pick(&address_gone, cls)) != NULL)
		src = SRC_CUE;
	else if (stage == STAGE_DATA && (x = match_cues(data_rules,
	    data_rules_len, cls, &v->mt)) != NULL)
		src = SRC_CUE;
	else if (has_enh && (x = match_enhanced(stage, cls, subject,
	    detail)) != NULL)
		src = SRC_ENHANCED;
	else if ((x = match_cues(weak_rules, weak_rules_len, cls, &v->mt)) !=
	    NULL)
		src = SRC_WEAK;
	else
		src = SRC_FALLBACK;
	o = x != NULL ? *x : match_fallback(stage, code);
	login_refusal(stage, prov, &v->mt, &o);
	sender_code_adjust(has_enh, subject, detail, &o);
	stage_adjust(stage, code, src, &o);
	out->verdict = o.verdict;
	out->reason = o.reason;
	out->by_code = src == SRC_PROVIDER;
	/*
	 * a 4xx "user unknown" leaves only temporary_other: that names nothing
	 */
	out->named = (src == SRC_PROVIDER || src == SRC_CUE) &&
	    o.reason != REASON_TEMPORARY_OTHER && o.reason != REASON_UNKNOWN &&
	    (o.reason != REASON_GREYLISTED ||
	    classify_cues_match(greylist_words, &v->mt));
	*srcp = src;
	if (o.reason == REASON_IP_BLOCKLISTED && src == SRC_CUE &&
	    rhsbl_client_named(text, textlen))
		out->reason = o.reason = REASON_DOMAIN_BLOCKLISTED;
	if (o.reason == REASON_IP_BLOCKLISTED ||
	    o.reason == REASON_DOMAIN_BLOCKLISTED ||
	    o.reason == REASON_RECIPIENT_DOMAIN_BLOCKLISTED)
		classify_blocklist(text, textlen, out->blocklist,
		    sizeof(out->blocklist));
}

void
classify_reply(enum stage stage, int code, const char *enhanced,
    const char *text, size_t textlen, const char *mx_host,
    struct classification *out)
{
	enum source src;
	struct cue_view v;

	classify_src(stage, code, enhanced, text, textlen, mx_host, out, &src,
	    &v);
	free(v.masked);
}
