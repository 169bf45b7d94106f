/*
 * spamhdr.c - read a spam filter's header into a signal: the filter's
 * verdict (inbox/spam/unknown), its score and threshold, the rules that
 * fired, and the causes its fields name.
 *
 * Formats (each documented by its vendor; docs/delivered-headers.md has
 * the fields and the links):
 *   SpamAssassin  X-Spam-Status: Yes, score=7.3 required=5.0 tests=A,B=1.2 autolearn=no version=3.4.6
 *                 X-Spam-Flag: YES   X-Spam-Score: 7.3
 *   rspamd        X-Spamd-Result: default: True [17.10 / 15.00]; SYM(1.00)[opt]; ...
 *                 X-Rspamd-Action: add header   X-Spam: Yes
 *   Microsoft 365 X-Forefront-Antispam-Report: CIP:a;CTRY:x;SCL:5;SFV:SPM;IPV:NLI;PTR:x;CAT:SPM;...
 *                 X-Microsoft-Antispam: BCL:7;   X-MS-Exchange-Organization-SCL: 5
 *   Gmail         X-Gmail-Labels: Spam,Category Promotions   (Google Takeout mbox)
 *   Yahoo         X-YahooFilteredBulk: 203.0.113.5           (filed in the Bulk folder)
 *   Aliyun        X-Alimail-AntiSpam: AC=PASS;BC=-1|-1;...;CH=green;DS=CONTINUE|ham_...;...
 *   QQ / Exmail   X-QQ-SSF, X-QQ-FEAT, X-QQ-XMAILINFO: encoded, undocumented
 *   Coremail      X-Coremail-Antispam: encoded, undocumented
 *
 * Public: spam_verdict_name(), spamhdr_known(), spamhdr_parse().
 *
 * Values are attacker-written (anyone upstream can add a spam header;
 * which ones count is decided by the caller from their position): at most
 * RCVD_VALUE_MAX bytes and SPAM_RULES_MAX rules are read, every field is
 * bounded, control characters become spaces (sig->control).  Readers get
 * the value unfolded and trimmed.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "explain/spamhdr.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const spam_verdict_names[SPAM__LAST] = {
	"unknown", "inbox", "spam",
};

const char *
spam_verdict_name(enum spam_verdict v)
{
	return (int)v >= 0 && v < SPAM__LAST ? spam_verdict_names[v] :
	    "unknown";
}

static void
sh_cause(struct spam_signal *sig, enum cause c)
{
	size_t i;

	for (i = 0; i < sig->ncauses; i++)
		if (sig->causes[i] == (int)c)
			return;
	if (sig->ncauses < NELEM(sig->causes))
		sig->causes[sig->ncauses++] = (int)c;
}

static void __attribute__((format(printf, 2, 3)))
sh_detail(struct spam_signal *sig, const char *fmt, ...)
{
	size_t have = strlen(sig->detail);
	va_list ap;

	if (have + 2 >= sizeof(sig->detail))
		return;
	if (have > 0)
		sig->detail[have++] = ' ';
	va_start(ap, fmt);
	(void)vsnprintf(sig->detail + have, sizeof(sig->detail) - have, fmt,
	    ap);
	va_end(ap);
}

/* A decimal number in s[0..len), finite and within +-1e6. */
static bool
sh_num(const char *s, size_t len, double *out)
{
	char buf[32], *end;
	double v;

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtod(buf, &end);
	while (*end == ' ')
		end++;
	if (end == buf || *end != '\0' || !isfinite(v) || fabs(v) > 1e6)
		return false;
	*out = v;
	return true;
}

static void
sh_rule(struct spam_signal *sig, const char *name, size_t len, bool has_score,
    double score)
{
	struct spam_rule *r;
	const struct spam_rule_info *info;

	while (len > 0 && (*name == ' ' || *name == ','))
		name++, len--;
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == ','))
		len--;
	if (len == 0)
		return;
	if (sig->nrules == NELEM(sig->rules)) {
		sig->truncated = true;
		return;
	}
	r = &sig->rules[sig->nrules++];
	if (len >= sizeof(r->name))
		len = sizeof(r->name) - 1;
	memcpy(r->name, name, len);
	r->name[len] = '\0';
	r->has_score = has_score;
	r->score = score;
	info = spamrules_find(r->name);
	r->cause = info != NULL ? info->cause : -1;
	r->desc = info != NULL ? info->desc : NULL;
}

/* The word that starts s, up to a space, ';' or ','. */
static size_t
sh_word(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && strchr(" ;,", s[i]) == NULL; i++)
		;
	return i;
}

/* "YES" / "NO" as X-Spam-Flag and X-Spam write it. */
static void
sh_yesno(const char *s, size_t len, struct spam_signal *sig)
{
	size_t w = sh_word(s, len);

	if (w == 3 && strncasecmp(s, "yes", 3) == 0)
		sig->verdict = SPAM_SPAM;
	else if (w == 2 && strncasecmp(s, "no", 2) == 0)
		sig->verdict = SPAM_INBOX;
	else if (w == 4 && strncasecmp(s, "true", 4) == 0)
		sig->verdict = SPAM_SPAM;
	else if (w == 5 && strncasecmp(s, "false", 5) == 0)
		sig->verdict = SPAM_INBOX;
	sh_detail(sig, "%.*s", (int)(w > 16 ? 16 : w), s);
}

static void
sh_spamassassin(const char *s, size_t len, struct spam_signal *sig)
{
	const char *p, *end = s + len, *item;
	size_t w;

	sh_yesno(s, len, sig);
	if (((p = rcvd_find(s, len, "score=")) != NULL ||
	    (p = rcvd_find(s, len, "hits=")) != NULL)) {
		p = strchr(p, '=') + 1;
		sig->has_score = sh_num(p, sh_word(p, (size_t)(end - p)),
		    &sig->score);
	}
	if ((p = rcvd_find(s, len, "required=")) != NULL) {
		p += 9;
		sig->has_required = sh_num(p, sh_word(p, (size_t)(end - p)),
		    &sig->required);
	}
	if (sig->has_score)
		sh_detail(sig, "score=%.1f", sig->score);
	if (sig->has_required)
		sh_detail(sig, "required=%.1f", sig->required);
	if ((p = rcvd_find(s, len, "tests=")) == NULL)
		return;
	/*
	 * SpamAssassin: "tests=A,B=1.2 autolearn=..."; amavisd-new:
	 * "tests=[A=1, B=2]".  The list ends at "]" or the next "key=" word.
	 */
	for (p += 6; p < end && *p != ']';) {
		while (p < end && (*p == ' ' || *p == ',' || *p == '['))
			p++;
		item = p;
		while (p < end && *p != ',' && *p != ' ' && *p != ']')
			p++;
		w = (size_t)(p - item);
		const char *eq = memchr(item, '=', w);
		if (eq != NULL && !isupper((unsigned char)item[0]))
			break;		/* autolearn=, version=: the list ended */
		if (w == 4 && strncasecmp(item, "none", 4) == 0)
			continue;
		if (eq != NULL) {
			double sc;
			bool ok = sh_num(eq + 1, (size_t)(p - eq - 1), &sc);
			sh_rule(sig, item, (size_t)(eq - item), ok,
			    ok ? sc : 0);
		} else if (w > 0)
			sh_rule(sig, item, w, false, 0);
	}
}

static void
sh_score(const char *s, size_t len, struct spam_signal *sig)
{
	if ((sig->has_score = sh_num(s, sh_word(s, len), &sig->score)))
		sh_detail(sig, "score=%.1f", sig->score);
}

/*
 * "default: False [3.40 / 15.00]; SYM(1.00)[opts]; ...".  rspamd's
 * milter_headers.lua writes True only when its action is "reject" and
 * False for every other, "add header" (spam) as well as "no action": True
 * is spam, False no verdict (X-Rspamd-Action, X-Spam say it).
 */
static void
sh_rspamd(const char *s, size_t len, struct spam_signal *sig)
{
	const char *p = s, *end = s + len, *seg, *lp, *rp, *lb, *slash;
	size_t sl, depth;
	double sc;
	const char *said = "?";

	if ((lp = rcvd_find(s, len, "true")) != NULL && lp < s + 32) {
		sig->verdict = SPAM_SPAM;
		said = "True";
	} else if ((lp = rcvd_find(s, len, "false")) != NULL && lp < s + 32)
		said = "False";
	if ((lb = memchr(s, '[', len)) != NULL &&
	    (rp = memchr(lb, ']', (size_t)(end - lb))) != NULL &&
	    (slash = memchr(lb, '/', (size_t)(rp - lb))) != NULL) {
		sig->has_score = sh_num(lb + 1, (size_t)(slash - lb - 1),
		    &sig->score);
		sig->has_required = sh_num(slash + 1, (size_t)(rp - slash - 1),
		    &sig->required);
		/* rspamd's required_score: "usually reject score" (task.h,
		 * rspamd_task_get_required_score), what milter_headers.lua
		 * writes second; its add header action comes below it */
		sig->required_rejects = sig->has_required;
	}
	sh_detail(sig, "%s", said);
	if (sig->has_score && sig->has_required)
		sh_detail(sig, "[%.2f / %.2f]", sig->score, sig->required);
	/* skip "default: ...;" then NAME(score)[...]; */
	while (p < end && *p != ';')
		p++;
	while (p < end) {
		p++;
		seg = p;
		for (depth = 0; p < end && (*p != ';' || depth > 0); p++) {
			if (*p == '[')
				depth++;
			else if (*p == ']' && depth > 0)
				depth--;
		}
		sl = (size_t)(p - seg);
		while (sl > 0 && *seg == ' ')
			seg++, sl--;
		if (sl == 0)
			continue;
		lp = memchr(seg, '(', sl);
		rp = lp != NULL ? memchr(lp, ')', sl - (size_t)(lp - seg)) : NULL;
		if (lp != NULL && rp != NULL && sh_num(lp + 1,
		    (size_t)(rp - lp - 1), &sc))
			sh_rule(sig, seg, (size_t)(lp - seg), true, sc);
		else
			sh_rule(sig, seg, sh_word(seg, sl), false, 0);
	}
}

/* X-Rspamd-Action, X-Spam-Action: the action rspamd took. */
static void
sh_action(const char *s, size_t len, struct spam_signal *sig)
{
	if (len == 9 && strncasecmp(s, "no action", 9) == 0)
		sig->verdict = SPAM_INBOX;
	else if ((len == 10 && strncasecmp(s, "add header", 10) == 0) ||
	    (len == 15 && strncasecmp(s, "rewrite subject", 15) == 0))
		sig->verdict = SPAM_SPAM;
	sh_detail(sig, "%.*s", (int)(len > 32 ? 32 : len), s);
}

static void
sh_scl(int scl, struct spam_signal *sig)
{
	/* Microsoft: -1 skipped, 0-1 not spam, 5-6 spam, 7-9 high confidence */
	if (scl <= 1)
		sig->verdict = SPAM_INBOX;
	else if (scl >= 5)
		sig->verdict = SPAM_SPAM;
	if (scl == -1)
		sh_cause(sig, CAUSE_SAFE_SENDER);
}

static void
sh_forefront_field(const char *k, size_t kl, const char *v, size_t vl,
    struct spam_signal *sig)
{
	static const struct {
		const char	*code;
		int		 cause;
	} cats[] = {
		{ "BULK", CAUSE_BULK }, { "PHSH", CAUSE_PHISH },
		{ "HPHSH", CAUSE_PHISH }, { "HPHISH", CAUSE_PHISH },
		{ "MALW", CAUSE_MALWARE }, { "AMP", CAUSE_MALWARE },
		{ "SPOOF", CAUSE_SPOOF }, { "DIMP", CAUSE_SPOOF },
		{ "UIMP", CAUSE_SPOOF }, { "GIMP", CAUSE_SPOOF },
		{ "BIMP", CAUSE_SPOOF },
		/*
		 * "SPM: Spam", "HSPM: High confidence spam": the policy the
		 * verdict applied (Microsoft Learn, "Anti-spam message
		 * headers"), which names no check that counted, not the text
		 */
		{ "SPM", CAUSE_HIGH_SCORE }, { "HSPM", CAUSE_HIGH_SCORE },
	};
	double d;
	size_t i;

#define KEY(s)	(kl == sizeof(s) - 1 && strncasecmp(k, s, kl) == 0)
#define VAL(s)	(vl == sizeof(s) - 1 && strncasecmp(v, s, vl) == 0)
	if (KEY("SCL") && sh_num(v, vl, &d)) {
		sh_scl((int)d, sig);
		sig->has_score = true;
		sig->score = d;
		sh_detail(sig, "SCL:%d", (int)d);
	} else if (KEY("SFV")) {
		if (VAL("SPM") || VAL("BLK") || VAL("SKB") || VAL("SKS"))
			sig->verdict = SPAM_SPAM;
		else if (VAL("NSPM") || VAL("SFE") || VAL("SKA") || VAL("SKN"))
			sig->verdict = SPAM_INBOX;
		if (VAL("BLK") || VAL("SKB"))
			sh_cause(sig, CAUSE_BLOCKED_SENDER);
		if (VAL("SFE") || VAL("SKA"))
			sh_cause(sig, CAUSE_SAFE_SENDER);
		sh_detail(sig, "SFV:%.*s", (int)(vl > 8 ? 8 : vl), v);
	} else if (KEY("CAT")) {
		for (i = 0; i < NELEM(cats); i++)
			if (strlen(cats[i].code) == vl &&
			    strncasecmp(v, cats[i].code, vl) == 0)
				sh_cause(sig, (enum cause)cats[i].cause);
		sh_detail(sig, "CAT:%.*s", (int)(vl > 8 ? 8 : vl), v);
	} else if (KEY("IPV")) {
		if (VAL("CAL"))
			sh_cause(sig, CAUSE_SAFE_SENDER);
		sh_detail(sig, "IPV:%.*s", (int)(vl > 8 ? 8 : vl), v);
	} else if (KEY("SRV") && VAL("BULK")) {
		sh_cause(sig, CAUSE_BULK);
		sh_detail(sig, "SRV:BULK");
	} else if (KEY("PTR")) {
		sig->ptr_said = true;
		if (vl >= sizeof(sig->ptr))
			vl = sizeof(sig->ptr) - 1;
		memcpy(sig->ptr, v, vl);
		sig->ptr[vl] = '\0';
	} else if (KEY("CIP") && vl < sizeof(sig->ip)) {
		char ip[RCVD_IP_MAX];
		memcpy(ip, v, vl);
		ip[vl] = '\0';
		if (rcvd_is_ip(ip))
			memcpy(sig->ip, ip, sizeof(ip));
	} else if (KEY("SFTY")) {
		if (VAL("9.19") || VAL("9.20"))
			sh_cause(sig, CAUSE_SPOOF);
		sh_detail(sig, "SFTY:%.*s", (int)(vl > 8 ? 8 : vl), v);
	}
#undef KEY
#undef VAL
}

/* "KEY:VALUE;KEY:VALUE;..." (Forefront) or "KEY=VALUE;..." (Aliyun). */
static void
sh_fields(const char *s, size_t len, char kv, struct spam_signal *sig,
    void (*field)(const char *, size_t, const char *, size_t,
    struct spam_signal *))
{
	const char *p = s, *end = s + len, *seg, *sep;
	size_t sl, kl;

	while (p < end) {
		seg = p;
		while (p < end && *p != ';')
			p++;
		sl = (size_t)(p - seg);
		p++;
		while (sl > 0 && *seg == ' ')
			seg++, sl--;
		while (sl > 0 && seg[sl - 1] == ' ')
			sl--;
		if ((sep = memchr(seg, kv, sl)) == NULL)
			continue;
		kl = (size_t)(sep - seg);
		while (kl > 0 && seg[kl - 1] == ' ')
			kl--;
		sep++;
		while (sep < seg + sl && *sep == ' ')
			sep++;
		field(seg, kl, sep, (size_t)(seg + sl - sep), sig);
	}
}

static void
sh_forefront(const char *s, size_t len, struct spam_signal *sig)
{
	sh_fields(s, len, ':', sig, sh_forefront_field);
	if (sig->ptr_said)
		sh_detail(sig, "PTR:%s", sig->ptr[0] != '\0' ? sig->ptr : "(none)");
}

static void
sh_bcl_field(const char *k, size_t kl, const char *v, size_t vl,
    struct spam_signal *sig)
{
	double d;

	if (kl == 3 && strncasecmp(k, "BCL", 3) == 0 && sh_num(v, vl, &d)) {
		/* 0 not bulk; 1-3 few complaints; 4-7 mixed; 8-9 many */
		sig->has_score = true;
		sig->score = d;
		if (d >= 7)
			sh_cause(sig, CAUSE_BULK);
		sh_detail(sig, "BCL:%d", (int)d);
	}
}

static void
sh_bcl(const char *s, size_t len, struct spam_signal *sig)
{
	sh_fields(s, len, ':', sig, sh_bcl_field);
}

static void
sh_exchange_scl(const char *s, size_t len, struct spam_signal *sig)
{
	double d;

	if (sh_num(s, sh_word(s, len), &d)) {
		sh_scl((int)d, sig);
		sig->has_score = true;
		sig->score = d;
		sh_detail(sig, "SCL:%d", (int)d);
	}
}

static void
sh_gmail_labels(const char *s, size_t len, struct spam_signal *sig)
{
	const char *p = s, *end = s + len, *w;
	size_t wl;

	while (p < end) {
		while (p < end && (*p == ',' || *p == ' '))
			p++;
		w = p;
		while (p < end && *p != ',')
			p++;
		wl = (size_t)(p - w);
		while (wl > 0 && w[wl - 1] == ' ')
			wl--;
		if (wl == 4 && strncasecmp(w, "Spam", 4) == 0)
			sig->verdict = SPAM_SPAM;
		else if (wl == 5 && strncasecmp(w, "Inbox", 5) == 0 &&
		    sig->verdict != SPAM_SPAM)
			sig->verdict = SPAM_INBOX;
	}
	sh_detail(sig, "%.*s", (int)(len > 64 ? 64 : len), s);
}

static void
sh_yahoo_bulk(const char *s, size_t len, struct spam_signal *sig)
{
	size_t w = sh_word(s, len);

	sig->verdict = SPAM_SPAM;
	sh_cause(sig, CAUSE_BULK);
	if (w < sizeof(sig->ip)) {
		char ip[RCVD_IP_MAX];
		memcpy(ip, s, w);
		ip[w] = '\0';
		if (rcvd_is_ip(ip))
			memcpy(sig->ip, ip, sizeof(ip));
	}
	sh_detail(sig, "Bulk folder");
}

static void
sh_aliyun_field(const char *k, size_t kl, const char *v, size_t vl,
    struct spam_signal *sig)
{
	const char *bar, *label;

	if (kl == 2 && strncasecmp(k, "AC", 2) == 0) {
		if ((vl == 4 && strncasecmp(v, "PASS", 4) == 0) ||
		    (vl == 8 && strncasecmp(v, "CONTINUE", 8) == 0))
			sig->verdict = SPAM_INBOX;
		sh_detail(sig, "AC=%.*s", (int)(vl > 16 ? 16 : vl), v);
	} else if (kl == 2 && strncasecmp(k, "DS", 2) == 0 &&
	    (bar = memchr(v, '|', vl)) != NULL) {
		/* "CONTINUE|ham_system_inform|0.08-...": the class label */
		label = bar + 1;
		vl -= (size_t)(label - v);
		bar = memchr(label, '|', vl);
		vl = bar != NULL ? (size_t)(bar - label) : vl;
		if (vl > 5 && strncasecmp(label, "spam_", 5) == 0)
			sig->verdict = SPAM_SPAM;
		if (vl > 0)
			sh_detail(sig, "DS=%.*s", (int)(vl > 40 ? 40 : vl),
			    label);
	} else if (kl == 2 && strncasecmp(k, "CH", 2) == 0)
		sh_detail(sig, "CH=%.*s", (int)(vl > 16 ? 16 : vl), v);
}

static void
sh_aliyun(const char *s, size_t len, struct spam_signal *sig)
{
	sh_fields(s, len, '=', sig, sh_aliyun_field);
}

/* QQ/Exmail and Coremail encode their verdicts; nobody documents them. */
static void
sh_opaque(const char *s, size_t len, struct spam_signal *sig)
{
	(void)s;
	(void)len;
	sh_cause(sig, CAUSE_OPAQUE_FILTER);
	sh_detail(sig, "encoded");
}

static const struct {
	const char	*name;
	const char	*source;
	void		(*read)(const char *, size_t, struct spam_signal *);
} spamhdr_table[] = {
	{ "X-Spam-Status", "SpamAssassin", sh_spamassassin },
	{ "X-Spam-Flag", "SpamAssassin", sh_yesno },
	{ "X-Spam-Score", "SpamAssassin", sh_score },
	{ "X-Spamd-Result", "rspamd", sh_rspamd },
	{ "X-Rspamd-Action", "rspamd", sh_action },
	{ "X-Spam-Action", "rspamd", sh_action },
	{ "X-Rspamd-Score", "rspamd", sh_score },
	{ "X-Spam", "rspamd", sh_yesno },
	{ "X-Forefront-Antispam-Report", "Microsoft 365", sh_forefront },
	{ "X-Microsoft-Antispam", "Microsoft 365", sh_bcl },
	{ "X-MS-Exchange-Organization-SCL", "Microsoft Exchange", sh_exchange_scl },
	{ "X-Gmail-Labels", "Gmail", sh_gmail_labels },
	{ "X-YahooFilteredBulk", "Yahoo", sh_yahoo_bulk },
	{ "X-Alimail-AntiSpam", "Aliyun Mail", sh_aliyun },
	{ "X-QQ-SSF", "QQ Mail / Exmail", sh_opaque },
	{ "X-QQ-FEAT", "QQ Mail / Exmail", sh_opaque },
	{ "X-QQ-XMAILINFO", "QQ Mail / Exmail", sh_opaque },
	{ "X-QQ-MAILINFO", "QQ Mail / Exmail", sh_opaque },
	{ "X-Coremail-Antispam", "NetEase Coremail", sh_opaque },
};

static int
spamhdr_index(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < NELEM(spamhdr_table); i++)
		if (strcasecmp(name, spamhdr_table[i].name) == 0)
			return (int)i;
	return -1;
}

bool
spamhdr_known(const char *name)
{
	return spamhdr_index(name) >= 0;
}

int
spamhdr_parse(const char *name, const char *value, size_t len,
    struct spam_signal *sig)
{
	char buf[RCVD_VALUE_MAX + 1];
	const char *v;
	size_t n;
	bool trunc = false, control = false;
	int i;

	memset(sig, 0, sizeof(*sig));
	if ((i = spamhdr_index(name)) < 0)
		return -1;
	n = rcvd_unfold(value, len, buf, sizeof(buf), &trunc, &control);
	v = buf;
	while (n > 0 && *v == ' ')
		v++, n--;
	while (n > 0 && v[n - 1] == ' ')
		n--;
	sig->source = spamhdr_table[i].source;
	sig->header = spamhdr_table[i].name;
	sig->truncated = trunc;
	sig->control = control;
	spamhdr_table[i].read(v, n, sig);
	if (sig->verdict == SPAM_UNKNOWN && !sig->has_score &&
	    sig->nrules == 0 && sig->ncauses == 0 && !sig->ptr_said &&
	    sig->ip[0] == '\0') {
		memset(sig, 0, sizeof(*sig));
		return -1;
	}
	return 0;
}
