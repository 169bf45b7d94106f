/*
 * test_catalog.c - every text a person reads exists in English and in
 * Chinese: each label key in both tables, each (verdict, reason) the
 * classifier can produce with an explanation of its own, Chinese texts in
 * Chinese, blocklist names woven in; every message of the sources (and
 * every prose text of data/dnsbl.json and data/providers.json) with its
 * Chinese; the Chinese in Simplified characters and in the terms of
 * docs/zh-glossary.md; the system's errors in Chinese, and no call of
 * libc's English words for them (strerror ...) outside base/syserr.c;
 * OpenSSL's errors in Chinese by their code, and no call of OpenSSL's
 * English words outside net/tlserr.c; and the language choice from --lang and
 * the locale variables. What the binary really prints in Chinese is judged by
 * test/integration/test_zh_output.py.
 */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "base/syserr.h"
#include "base/utf8.h"
#include "base/util.h"
#include "base/wrap.h"
#include "meaning/catalog.h"
#include "net/tlserr.h"
#include "meaning/classify.h"

/* Some code point in the CJK Unified Ideographs block (U+4E00..U+9FFF). */
static int
has_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p[0] != '\0'; p++)
		if (p[0] >= 0xe4 && p[0] <= 0xe9 && p[1] >= 0x80 &&
		    p[1] <= 0xbf && p[2] >= 0x80 && p[2] <= 0xbf)
			return 1;
	return 0;
}

/* The keys the terminal trace uses; the report adds its own. */
static const char *trace_keys[] = {
	"verdict", "stage", "reason", "explanation", "warnings", "mx",
	"attempt", "stage.dns", "stage.connect", "stage.banner", "stage.ehlo",
	"stage.starttls", "stage.mail", "stage.rcpt", "stage.data", "stage.rset", "stage.quit",
	"tls", "catch_all", "total_time", "no_reply", "blocklist", "unit.ms",
	"unit.s",
};

static int
key_in(enum lang l, const char *key)
{
	const char *k;
	size_t i;

	for (i = 0; (k = catalog_label_key(l, i)) != NULL; i++)
		if (strcmp(k, key) == 0)
			return 1;
	return 0;
}

static void
test_labels(void **state)
{
	const char *k, *en, *zh;
	size_t i, j, n = 0;

	(void)state;
	for (i = 0; i < sizeof(trace_keys) / sizeof(trace_keys[0]); i++)
		assert_true(key_in(LANG_EN, trace_keys[i]));
	for (i = 0; (k = catalog_label_key(LANG_EN, i)) != NULL; i++, n++) {
		if (!key_in(LANG_ZH, k))
			fail_msg("label \"%s\" missing in zh", k);
		for (j = 0; j < i; j++)
			if (strcmp(catalog_label_key(LANG_EN, j), k) == 0)
				fail_msg("label \"%s\" twice in en", k);
		en = catalog_label(LANG_EN, k);
		zh = catalog_label(LANG_ZH, k);
		assert_true(en[0] != '\0');
		/* punctuation labels (p.*): full-width (U+FF0x) or CJK
		 * (U+300x, the full stop) in Chinese */
		if (strncmp(k, "p.", 2) == 0 ? strstr(zh, "\xef\xbc") == NULL &&
		    strstr(zh, "\xe3\x80") == NULL :
		    !has_cjk(zh))
			fail_msg("zh label \"%s\" is not Chinese: %s", k, zh);
	}
	for (i = 0; (k = catalog_label_key(LANG_ZH, i)) != NULL; i++)
		if (!key_in(LANG_EN, k))
			fail_msg("label \"%s\" missing in en", k);
	assert_int_equal(i, n);
	assert_null(catalog_label_key(LANG_EN, n));
}

static void
test_verdict_labels(void **state)
{
	int v;

	(void)state;
	for (v = 0; v < VERDICT__LAST; v++) {
		assert_true(catalog_verdict_label(LANG_EN, v)[0] != '\0');
		assert_true(has_cjk(catalog_verdict_label(LANG_ZH, v)));
	}
	assert_string_equal(catalog_verdict_label(LANG_EN, VERDICT_BLOCKED),
	    "Blocked");
}

/* Every combination gets a text: its own, or its verdict's. */
static void
test_every_combination(void **state)
{
	char *s;
	int v, r, l;

	(void)state;
	for (l = 0; l < LANG__LAST; l++)
		for (v = 0; v < VERDICT__LAST; v++)
			for (r = 0; r < REASON__LAST; r++) {
				s = catalog_explain(l, v, r, "zen.spamhaus.org");
				assert_true(strlen(s) > 20);
				assert_null(strchr(s, '{'));
				if (l == LANG_ZH && !has_cjk(s))
					fail_msg("zh %s/%s not Chinese",
					    verdict_name(v), reason_name(r));
				free(s);
			}
}

static int
has_own_text(enum lang l, enum verdict v, enum reason r)
{
	char *own = catalog_explain(l, v, r, NULL);
	char *fallback = catalog_explain(l, v, REASON_UNKNOWN, NULL);
	int differs = strcmp(own, fallback) != 0;

	free(own);
	free(fallback);
	return differs;
}

/* What the engine decides outside the classifier. */
static const struct {
	enum verdict	v;
	enum reason	r;
} engine_pairs[] = {
	{ VERDICT_DELIVERABLE, REASON_ACCEPTED },
	{ VERDICT_CATCH_ALL, REASON_CATCH_ALL },
	{ VERDICT_NO_MAIL_DOMAIN, REASON_DOMAIN_NO_MAIL },
	{ VERDICT_NO_MAIL_DOMAIN, REASON_DOMAIN_NOT_FOUND },
	{ VERDICT_NO_MAIL_DOMAIN, REASON_NULL_MX },
	{ VERDICT_NO_MAIL_DOMAIN, REASON_NO_ADDRESS },
	{ VERDICT_DNS_ERROR, REASON_DNS_FAILURE },
	{ VERDICT_DNS_ERROR, REASON_DNS_TIMEOUT },
	{ VERDICT_DNS_ERROR, REASON_DEADLINE },
	{ VERDICT_UNREACHABLE, REASON_CONNECTION_FAILED },
	{ VERDICT_UNREACHABLE, REASON_PORT25_FILTERED },
	{ VERDICT_UNREACHABLE, REASON_PRIVATE_ADDRESS },
	{ VERDICT_UNREACHABLE, REASON_NO_ADDRESS },
	{ VERDICT_UNREACHABLE, REASON_TIMEOUT },
	{ VERDICT_UNREACHABLE, REASON_DEADLINE },
	{ VERDICT_TLS_FAILED, REASON_TLS_HANDSHAKE_FAILED },
	{ VERDICT_TLS_FAILED, REASON_TLS_REQUIRED },
	{ VERDICT_TLS_FAILED, REASON_STARTTLS_REFUSED },
	{ VERDICT_TLS_FAILED, REASON_STARTTLS_NOT_OFFERED },
	{ VERDICT_PROTOCOL_ERROR, REASON_PROTOCOL_VIOLATION },
	{ VERDICT_PROTOCOL_ERROR, REASON_TIMEOUT },
	{ VERDICT_TEMPORARY, REASON_TIMEOUT },
	{ VERDICT_TEMPORARY, REASON_DEADLINE },
	{ VERDICT_INVALID_SYNTAX, REASON_INVALID_ADDRESS },
};

/* One text per cue family, so the grid below reaches every rule. */
static const char *grid_texts[] = {
	"", "Ok", "open resolver", "Greylisted", "not listed in Domino",
	"blocked using zen.spamhaus.org", "over quota", "too many connections",
	"too many recipients", "rate limited", "DMARC policy",
	"Relay access denied", "Must issue a STARTTLS command first",
	"Helo command rejected", "Sender address rejected",
	"Please try again later", "message too large", "domain not found",
	"account disabled", "User unknown", "Access denied", "[BL21]", "[TSS04]",
	"delivery error: dd", "anti-spoofing", "envelope blocked",
	"ipcheck.proofpoint.com",
};

static const char *grid_enhanced[] = {
	"", "X.1.1", "X.1.2", "X.1.3", "X.1.6", "X.1.7", "X.1.10", "X.2.1",
	"X.2.2", "X.2.3", "X.3.1", "X.3.4", "X.4.1", "X.4.4", "X.5.1", "X.5.3",
	"X.6.7", "X.7.0", "X.7.1", "X.7.8", "X.7.10", "X.7.13", "X.7.23",
	"X.7.25", "X.7.26", "X.7.27", "X.7.28", "X.7.29", "X.7.30", "X.7.57",
	"X.7.506", "X.7.508", "X.7.509", "X.7.606", "X.7.650", "X.7.750",
};

static const char *grid_hosts[] = {
	NULL, "aspmx.l.google.com", "x.mail.protection.outlook.com",
	"mta5.am0.yahoodns.net", "eu-smtp-inbound-1.mimecast.com",
	"mx0a.pphosted.com",
};

/*
 * Run the classifier over stages x codes x enhanced codes x texts x
 * providers: whatever it answers (except reason unknown, which is the
 * fallback by design) has an explanation of its own in both languages.
 */
static void
test_classifier_outputs_explained(void **state)
{
	static const int codes[] = { 250, 421, 450, 451, 452, 454, 500, 501,
	    504, 530, 550, 552, 553, 554, 556 };
	struct classification c;
	char enh[16];
	size_t s, k, e, t, h, n = 0, missing = 0;
	int l;

	(void)state;
	for (s = STAGE_BANNER; s <= STAGE_RCPT; s++)
	for (k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
	for (e = 0; e < sizeof(grid_enhanced) / sizeof(grid_enhanced[0]); e++)
	for (t = 0; t < sizeof(grid_texts) / sizeof(grid_texts[0]); t++)
	for (h = 0; h < sizeof(grid_hosts) / sizeof(grid_hosts[0]); h++) {
		snprintf(enh, sizeof(enh), "%s", grid_enhanced[e]);
		if (enh[0] == 'X')
			enh[0] = (char)('0' + codes[k] / 100);
		classify_reply(s, codes[k], enh, grid_texts[t],
		    strlen(grid_texts[t]), grid_hosts[h], &c);
		n++;
		if (c.reason == REASON_UNKNOWN)
			continue;
		for (l = 0; l < LANG__LAST; l++)
			if (!has_own_text(l, c.verdict, c.reason)) {
				print_error("%s: no text for %s/%s (stage %s, "
				    "%d %s \"%s\")\n", l ? "zh" : "en",
				    verdict_name(c.verdict),
				    reason_name(c.reason), stage_name(s),
				    codes[k], enh, grid_texts[t]);
				missing++;
			}
	}
	assert_int_equal(missing, 0);
	assert_true(n > 10000);
	for (k = 0; k < sizeof(engine_pairs) / sizeof(engine_pairs[0]); k++)
		for (l = 0; l < LANG__LAST; l++)
			if (!has_own_text(l, engine_pairs[k].v, engine_pairs[k].r))
				fail_msg("no text for %s/%s",
				    verdict_name(engine_pairs[k].v),
				    reason_name(engine_pairs[k].r));
}

/*
 * The lab's busy.test greets with "421 4.3.2 ... Service not available":
 * RFC 3463 X.3.2 "System not accepting network messages" (busy, a
 * shutdown, maintenance).  Its words say the server is not taking mail
 * for now, not only "a problem of its own", for a probe and a bounce, en
 * and zh.
 */
static void
test_not_accepting(void **state)
{
	static const char busy[] = "mx.busy.test Service not available, "
	    "closing transmission channel";
	struct classification c;
	char *s;

	(void)state;
	classify_reply(STAGE_BANNER, 421, "4.3.2", busy, sizeof(busy) - 1,
	    "mx.busy.test", &c);
	assert_int_equal(c.reason, REASON_REMOTE_SERVER_ERROR);
	s = catalog_explain(LANG_EN, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "is not taking mail for now: it is busy or "
	    "under maintenance"));
	free(s);
	s = catalog_explain(LANG_ZH, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "收件服务器暂时不收信：它正忙、正在维护"));
	free(s);
	s = catalog_explain_for(LANG_EN, AUDIENCE_BOUNCE, c.verdict, c.reason,
	    NULL);
	assert_non_null(strstr(s, "is not taking mail for now"));
	free(s);
	s = catalog_explain_for(LANG_ZH, AUDIENCE_BOUNCE, c.verdict, c.reason,
	    NULL);
	assert_non_null(strstr(s, "暂时不收信"));
	free(s);
	assert_string_equal(catalog_label(LANG_EN,
	    "report.reason.remote_server_error"),
	    "Recipient's server busy or failing");
	assert_string_equal(catalog_label(LANG_ZH,
	    "report.reason.remote_server_error"), "收件服务器繁忙或故障");
}

/*
 * NetEase's limits on the sender address (MI:SFQ over 15 minutes, MI:STC
 * today) answered to a probe speak of the check's sender address and of
 * waiting, not of the IP it ran from or its reputation, en and zh.
 */
static void
test_sender_rate_limit(void **state)
{
	static const char sfq[] = "MI:SFQ 163 mx14,QMCowAD3";
	static const char stc[] = "MI:STC 163 mx14,QMCowAD3";
	struct classification c;
	char *s;

	(void)state;
	classify_reply(STAGE_MAIL, 451, "", sfq, sizeof(sfq) - 1,
	    "163mx01.mxmail.netease.com", &c);
	assert_int_equal(c.verdict, VERDICT_TEMPORARY);
	assert_int_equal(c.reason, REASON_RATE_LIMITED);
	assert_int_equal(verdict_group(c.verdict, c.reason), GROUP_TESTER);
	s = catalog_explain(LANG_EN, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "limiting the sender address this check "
	    "used (--mail-from)"));
	assert_non_null(strstr(s, "Wait at least a quarter of an hour"));
	assert_null(strstr(s, "IP address"));
	assert_null(strstr(s, "reputation"));
	free(s);
	s = catalog_explain(LANG_ZH, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "正在限制本次检测使用的发件人地址"));
	assert_non_null(strstr(s, "请至少等一刻钟"));
	assert_null(strstr(s, "IP"));
	assert_null(strstr(s, "信誉"));
	free(s);
	classify_reply(STAGE_MAIL, 554, "", stc, sizeof(stc) - 1,
	    "163mx01.mxmail.netease.com", &c);
	assert_int_equal(c.verdict, VERDICT_BLOCKED);
	assert_int_equal(c.reason, REASON_RATE_LIMITED);
	s = catalog_explain(LANG_EN, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "refused the sender address this check "
	    "used"));
	assert_non_null(strstr(s, "tomorrow"));
	assert_null(strstr(s, "reputation"));
	free(s);
	s = catalog_explain(LANG_ZH, c.verdict, c.reason, NULL);
	assert_non_null(strstr(s, "请明天再检测"));
	assert_null(strstr(s, "信誉"));
	free(s);
}

static void
test_blocklist_woven(void **state)
{
	char *s;

	(void)state;
	s = catalog_explain(LANG_EN, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED,
	    "zen.spamhaus.org");
	assert_string_equal(s, "The mail server refused the IP address this "
	    "check ran from because it is listed on zen.spamhaus.org. This is "
	    "about the machine the check ran from, not about the customer's "
	    "address. Check again from your company's real mail server; if that "
	    "server's IP is listed too, ask your provider to delist it "
	    "(https://check.spamhaus.org). To check your company's mail server "
	    "and its neighbours: mxtrace sender YOUR-DOMAIN.");
	free(s);
	s = catalog_explain(LANG_ZH, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED,
	    "zen.spamhaus.org");
	assert_non_null(strstr(s, "zen.spamhaus.org"));
	assert_non_null(strstr(s, "（https://check.spamhaus.org）"));
	assert_true(has_cjk(s));
	free(s);
	/* a lab list: named, no delisting link */
	s = catalog_explain(LANG_EN, VERDICT_TEMPORARY, REASON_IP_BLOCKLISTED,
	    "zen.dnsbl.test");
	assert_non_null(strstr(s, "listed on zen.dnsbl.test."));
	assert_null(strstr(s, "http"));
	free(s);
	s = catalog_explain(LANG_ZH, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED,
	    "b.barracudacentral.org");
	assert_non_null(strstr(s, "b.barracudacentral.org"));
	assert_non_null(strstr(s, "barracudacentral.org/rbl/removal-request"));
	free(s);
	/* no list named: a sentence without a hole */
	s = catalog_explain(LANG_EN, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED, "");
	assert_non_null(strstr(s, "on a blocklist"));
	free(s);
	s = catalog_explain(LANG_ZH, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED,
	    NULL);
	assert_non_null(strstr(s, "黑名单"));
	assert_null(strchr(s, '{'));
	free(s);
	/* braces in a hostile name are inserted, not expanded */
	s = catalog_explain(LANG_EN, VERDICT_BLOCKED, REASON_IP_BLOCKLISTED,
	    "{bl}{delist}");
	assert_non_null(strstr(s, "listed on {bl}{delist}."));
	free(s);
	/* other reasons ignore the name */
	s = catalog_explain(LANG_EN, VERDICT_UNDELIVERABLE,
	    REASON_MAILBOX_UNKNOWN, "zen.spamhaus.org");
	assert_null(strstr(s, "spamhaus"));
	free(s);
}

static void
test_port25(void **state)
{
	char *s;

	(void)state;
	s = catalog_explain(LANG_EN, VERDICT_UNREACHABLE,
	    REASON_PORT25_FILTERED, NULL);
	assert_non_null(strstr(s, "your own network"));
	assert_non_null(strstr(s, "port 25"));
	assert_non_null(strstr(s, "--proxy"));
	free(s);
	s = catalog_explain(LANG_ZH, VERDICT_UNREACHABLE,
	    REASON_PORT25_FILTERED, NULL);
	assert_non_null(strstr(s, "您自己的网络"));
	assert_non_null(strstr(s, "25 端口"));
	assert_non_null(strstr(s, "--proxy"));
	free(s);
}

static void
test_lang_from_name(void **state)
{
	static const struct {
		const char *name;
		int lang;
	} t[] = {
		{ "en", LANG_EN }, { "EN", LANG_EN }, { "en_US.UTF-8", LANG_EN },
		{ "en-GB", LANG_EN }, { "zh", LANG_ZH }, { "zh_CN.UTF-8", LANG_ZH },
		{ "zh-CN", LANG_ZH }, { "ZH_tw", LANG_ZH }, { "zh.GB18030", LANG_ZH },
		{ "zh@pinyin", LANG_ZH }, { "fr", -1 }, { "zhx", -1 }, { "e", -1 },
		{ "", -1 }, { "C", -1 }, { "POSIX", -1 }, { "english", -1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (lang_from_name(t[i].name) != t[i].lang)
			fail_msg("lang_from_name(\"%s\") = %d, want %d",
			    t[i].name, lang_from_name(t[i].name), t[i].lang);
	assert_int_equal(lang_from_name(NULL), -1);
}

static void
set_env(const char *lc_all, const char *lc_messages, const char *lang)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *vals[] = { lc_all, lc_messages, lang };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (vals[i] == NULL)
			assert_int_equal(unsetenv(names[i]), 0);
		else
			assert_int_equal(setenv(names[i], vals[i], 1), 0);
	}
}

static void
test_lang_pick(void **state)
{
	(void)state;
	set_env(NULL, NULL, NULL);
	assert_int_equal(lang_pick(NULL), LANG_EN);
	assert_int_equal(lang_pick("zh"), LANG_ZH);
	assert_int_equal(lang_pick("klingon"), LANG_EN);
	set_env(NULL, NULL, "zh_CN.UTF-8");
	assert_int_equal(lang_pick(NULL), LANG_ZH);
	assert_int_equal(lang_pick(""), LANG_ZH);
	assert_int_equal(lang_pick("en"), LANG_EN);
	set_env("", "", "zh_CN.UTF-8");		/* empty ones do not count */
	assert_int_equal(lang_pick(NULL), LANG_ZH);
	set_env("C", NULL, "zh_CN.UTF-8");	/* LC_ALL wins */
	assert_int_equal(lang_pick(NULL), LANG_EN);
	set_env(NULL, "zh_TW.UTF-8", "en_US.UTF-8");
	assert_int_equal(lang_pick(NULL), LANG_ZH);
	set_env("zh_CN", "en_US", "en_US");
	assert_int_equal(lang_pick(NULL), LANG_ZH);
	set_env(NULL, NULL, "de_DE.UTF-8");
	assert_int_equal(lang_pick(NULL), LANG_EN);
	set_env(NULL, NULL, NULL);
}

/* An unknown label key is a bug in the caller: the program stops. */
static void
test_unknown_key_is_fatal(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* keep the expected abort's message out of the test log */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		(void)catalog_label(LANG_ZH, "no_such_key");
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
}

/*
 * The bounce reader's texts: every reason has its own explanation and
 * action in both languages, Chinese in Chinese; a fault on our side points
 * to `mxtrace sender DOMAIN`; the blocklist is named when known.
 */
static void
test_bounce_audience(void **state)
{
	char *t, *a, *t2;
	int r, l;

	(void)state;
	for (r = 0; r < REASON__LAST; r++)
		for (l = 0; l < LANG__LAST; l++) {
			t = catalog_explain_for(l, AUDIENCE_BOUNCE,
			    VERDICT_BLOCKED, r, NULL);
			a = catalog_action(l, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
			    r, NULL, "example.com");
			assert_true(strlen(t) > 10 && strlen(a) > 5);
			assert_null(strstr(t, "probe"));
			if (l == LANG_ZH)
				assert_true(has_cjk(t) && has_cjk(a));
			/* the mail program's login is set in the mailbox's
			 * settings, a suppression list in the sending
			 * service's console, a message's recipients in its
			 * To and Cc, not in DNS: no sender check */
			if (reason_side(r) == SIDE_OUR_SIDE &&
			    r != REASON_TOO_MANY_CONNECTIONS &&
			    r != REASON_TOO_MANY_RECIPIENTS &&
			    r != REASON_TLS_REQUIRED &&
			    r != REASON_CLIENT_AUTH_REQUIRED &&
			    r != REASON_LOGIN_REQUIRED &&
			    r != REASON_SUPPRESSED)
				assert_non_null(strstr(a,
				    "mxtrace sender example.com"));
			assert_null(strchr(a, '{'));
			t2 = catalog_explain_for(l, AUDIENCE_SENDER,
			    VERDICT_BLOCKED, r, NULL);
			assert_string_equal(t, t2);
			free(t);
			free(t2);
			free(a);
		}
	a = catalog_action(LANG_EN, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, "zen.spamhaus.org", NULL);
	assert_non_null(strstr(a, "zen.spamhaus.org"));
	assert_non_null(strstr(a, "check.spamhaus.org"));
	assert_non_null(strstr(a, "mxtrace sender YOUR-DOMAIN"));
	free(a);
	a = catalog_action(LANG_EN, AUDIENCE_PROBE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, NULL, NULL);
	assert_string_equal(a, "");
	free(a);
	/* the probe audience keeps its own wording */
	t = catalog_explain_for(LANG_EN, AUDIENCE_PROBE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, NULL);
	assert_non_null(strstr(t, "this check ran from"));
	free(t);
}

/* Every reason has a side; the names round-trip. */
static void
test_sides(void **state)
{
	int r, s;

	(void)state;
	for (r = 0; r < REASON__LAST; r++) {
		s = (int)reason_side(r);
		assert_int_equal(side_from_name(side_name(s)), s);
	}
	assert_int_equal(reason_side(REASON_MAILBOX_UNKNOWN),
	    SIDE_RECIPIENT_ADDRESS);
	assert_int_equal(reason_side(REASON_IP_BLOCKLISTED), SIDE_OUR_SIDE);
	assert_int_equal(reason_side(REASON_CONTENT_REJECTED), SIDE_CONTENT);
	assert_int_equal(reason_side(REASON_AUTO_REPLY), SIDE_NOT_A_FAILURE);
	/* a bounce that does not say why names nobody */
	assert_int_equal(reason_side(REASON_UNKNOWN), SIDE_UNKNOWN);
	assert_true(stage_before(STAGE_RCPT, STAGE_DATA));
	assert_true(stage_before(STAGE_MAIL, STAGE_RCPT));
	assert_false(stage_before(STAGE_DATA, STAGE_RCPT));
	assert_string_equal(stage_name(STAGE_DATA), "data");
}

/*
 * The side a reader is shown agrees with what the same row tells them to
 * do, in both languages: a fault on our side says so first ("This is on
 * your side" / "问题在我方"), no other side says it; a fault at the
 * recipient never sends the user to their own mail admin; an action that
 * starts by telling the customer is for a fault at the recipient.
 */
static void
test_side_matches_action(void **state)
{
	static const char *const ours[LANG__LAST] = { "This is on your side",
	    "问题在我方" };
	static const char *const admin[LANG__LAST] = {
	    "whoever runs your company's mail", "管理公司邮箱的人" };
	static const char *const tell[LANG__LAST] = { "Tell the customer",
	    "告诉客户" };
	enum side s;
	char *a;
	int r, l;

	(void)state;
	for (r = 0; r < REASON__LAST; r++)
		for (l = 0; l < LANG__LAST; l++) {
			s = reason_side(r);
			a = catalog_action(l, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
			    r, NULL, "example.com");
			if (s == SIDE_OUR_SIDE) {
				if (strncmp(a, ours[l], strlen(ours[l])) != 0)
					fail_msg("%s (our side): %s",
					    reason_name(r), a);
			} else if (strstr(a, ours[l]) != NULL)
				fail_msg("%s (%s): %s", reason_name(r),
				    side_name(s), a);
			if ((s == SIDE_RECIPIENT_ADDRESS ||
			    s == SIDE_RECIPIENT_SERVER) &&
			    strstr(a, admin[l]) != NULL)
				fail_msg("%s (%s) sends the user to their own "
				    "admin: %s", reason_name(r), side_name(s), a);
			if (strncmp(a, tell[l], strlen(tell[l])) == 0 &&
			    s != SIDE_RECIPIENT_ADDRESS &&
			    s != SIDE_RECIPIENT_SERVER)
				fail_msg("%s (%s) tells the customer: %s",
				    reason_name(r), side_name(s), a);
			free(a);
		}
	/* the recipient domain's DNS is the customer's to fix */
	assert_int_equal(reason_side(REASON_PRIVATE_ADDRESS),
	    SIDE_RECIPIENT_SERVER);
	assert_int_equal(reason_side(REASON_NO_ADDRESS), SIDE_RECIPIENT_SERVER);
}

/* ---- every message of the sources has its translation ------------------ */

/*
 * Files whose messages are not translated yet.  Each is a known gap, listed
 * so that it stays visible; every other source file is checked, and a new
 * message there without its Chinese fails this test.
 */
static const char *const tr_pending[] = {
	NULL,
};

/* Calls whose string argument a person reads, and assignments of errors. */
static const char *const tr_sinks[] = {
	"fprintf(", "printf(", "fputs(", "puts(", "strlist_add(",
	"strlist_addf(", "usage_error(", "xasprintf(", "xstrdup(",
	"sess_finish(", "sess_protocol_error(", "snprintf(", "err = ",
	"*err = ", "*why = ", "usage[] =", "cli_msg(", "cli_msgf(", "sender_error(", "check_add(", "spf_why(", "spf_note(",
	"reply_fail(", "fail(JSONL_", "dnsplan_set_error(", "dns_set_error(", "dlv_reason(",
	"why = ", "error = ", "cause = ", "RULE(", "N_(", "return \"", "https_done(",
	"https_conn_error(", "s5_fail(", "sh_detail(", "checks_cat(",
	"put_wrapped_fmt(", "xseterror(", "cli_say(",
	NULL,
};

/* The literal's content with C escapes decoded (\n \t \r \" \\ \' \xHH). */
static char *
tr_unescape(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	size_t i;

	assert_non_null(out);
	for (i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			*o++ = s[i];
			continue;
		}
		switch (s[++i]) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'x': {
			unsigned v = 0, k;

			for (k = 0; k < 2 && i + 1 < n && strchr(
			    "0123456789abcdefABCDEF", s[i + 1]) != NULL; k++) {
				i++;
				v = v * 16 + (unsigned)(s[i] <= '9' ? s[i] - '0' :
				    (s[i] | 0x20) - 'a' + 10);
			}
			*o++ = (char)v;
			break;
		}
		default: *o++ = s[i]; break;
		}
	}
	*o = '\0';
	return out;
}

/*
 * Reads like words for a person: two words of letters (the second lower
 * case) with a space or punctuation (not a hyphen) between, once markup
 * (<...>), printf conversions and escapes are taken out.
 */
static int
tr_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
tr_prose(const char *s)
{
	char *t = strdup(s), *o = t;
	const char *p;
	size_t i, k;
	int in_tag = 0, found = 0;

	assert_non_null(t);
	for (p = s; *p; p++) {
		if (*p == '<')
			in_tag = 1;
		else if (*p == '>' && in_tag)
			in_tag = 0;
		else if (*p == '%' && p[1] != '\0') {
			p++;
			while (*p && strchr("-+ #0123456789.*hlzjt", *p))
				p++;
			if (*p == '\0')
				break;
		} else if (!in_tag)
			*o++ = *p == '\n' || *p == '\t' ? ' ' : *p;
	}
	*o = '\0';
	/* style sheets are no sentences; "mxtrace probe:" is a name */
	if (strstr(s, "{content:") != NULL || strstr(s, "@media") != NULL) {
		free(t);
		return 0;
	}
	while ((o = strstr(t, "mxtrace")) != NULL) {
		memset(o, ' ', 7);
		for (k = 0; k < 5; k++)
			if (strncmp(o + 8, (const char *[]){ "probe", "verify",
			    "report", "explain", "sender" }[k], 5) == 0) {
				while (tr_letter(o[8]))
					*o++ = ' ';
				break;
			}
	}
	for (i = 0; t[i] != '\0' && !found; i++) {
		/* a word of two letters or more, starting here */
		if ((i > 0 && tr_letter(t[i - 1])) || !tr_letter(t[i]) ||
		    !tr_letter(t[i + 1]))
			continue;
		for (k = i; tr_letter(t[k]); k++)
			;
		if (t[k] == '\0' || strchr(" ,:;()'", t[k]) == NULL)
			continue;
		while (t[k] != '\0' && strchr(" ,:;()'", t[k]) != NULL)
			k++;
		found = t[k] >= 'a' && t[k] <= 'z' && t[k + 1] >= 'a' &&
		    t[k + 1] <= 'z';
	}
	free(t);
	return found;
}

static int
tr_known(const char *msg)
{
	const char *en, *zh;
	size_t i;

	for (i = 0; (en = catalog_tr_key(i, &zh)) != NULL; i++)
		if (strcmp(en, msg) == 0)
			return 1;
	return 0;
}

/*
 * Each English message is translated once: a second row for the same key
 * is never read (tr_find takes the first) and hides which one is meant.
 */
static void
test_tr_keys_unique(void **state)
{
	const char *en, *other, *zh;
	size_t i, j, dups = 0;

	(void)state;
	for (i = 0; (en = catalog_tr_key(i, &zh)) != NULL; i++)
		for (j = i + 1; (other = catalog_tr_key(j, &zh)) != NULL; j++)
			if (strcmp(en, other) == 0) {
				printf("translated twice: \"%s\"\n", en);
				dups++;
			}
	assert_int_equal(dups, 0);
}

/* A --help text is translated line by line (cli_help_text). */
static int
tr_lines(const char *path, size_t line, char *msg)
{
	char *p, *nl;
	int missing = 0;

	for (p = msg; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		if (tr_prose(p) && !tr_known(p)) {
			printf("%s:%zu: no translation of the line: \"%s\"\n",
			    path, line, p);
			missing++;
		}
		if (nl == NULL)
			break;
	}
	return missing;
}

/*
 * One source file: comments dropped, adjacent literals joined, each
 * literal judged by the statement it is in.  Returns the messages missing.
 */
static int
tr_scan_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *src, stmt[512], lit[8192];
	size_t len, i, n = 0, sl = 0, ll, line = 1, litline;
	int missing = 0, k;
	long sz;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	src = malloc((size_t)sz + 1);
	assert_non_null(src);
	len = fread(src, 1, (size_t)sz, f);
	src[len] = '\0';
	fclose(f);
	for (i = 0; i < len; i++) {
		if (src[i] == '\n')
			line++;
		if (src[i] == '/' && src[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(src[i] == '*' && src[i + 1] == '/'); i++)
				if (src[i] == '\n')
					line++;
			i++;
			continue;
		}
		if (src[i] == '/' && src[i + 1] == '/') {
			while (i < len && src[i] != '\n')
				i++;
			line++;
			continue;
		}
		if (src[i] == '\'') {	/* a char literal: '"' is no string */
			for (i++; i < len && src[i] != '\''; i++)
				if (src[i] == '\\')
					i++;
			continue;
		}
		if (src[i] != '"') {
			if (strchr(";{}", src[i]) != NULL) {
				sl = 0;
				continue;
			}
			/*
			 * full (a long run of #includes): keep the newer half
			 */
			if (sl + 4 >= sizeof(stmt)) {
				memmove(stmt, stmt + sizeof(stmt) / 2,
				    sl - sizeof(stmt) / 2);
				sl -= sizeof(stmt) / 2;
			}
			stmt[sl++] = src[i];
			continue;
		}
		/* a string literal, and the ones right after it */
		ll = 0;
		litline = line;
		for (;;) {
			for (i++; i < len && src[i] != '"'; i++) {
				if (src[i] == '\\' && ll + 1 < sizeof(lit))
					lit[ll++] = src[i++];
				if (ll + 1 < sizeof(lit))
					lit[ll++] = src[i];
			}
			n = i + 1;
			while (n < len && strchr(" \t\n", src[n]) != NULL)
				n++;
			if (n >= len || src[n] != '"')
				break;
			for (; i < n; i++)
				if (src[i] == '\n')
					line++;
			i = n;
		}
		lit[ll] = '\0';
		/* the statement keeps a mark of its literals, then ends here */
		if (sl + 3 < sizeof(stmt)) {
			stmt[sl++] = '"';
			stmt[sl++] = '"';
		}
		stmt[sl] = '\0';
		if (strstr(stmt, "fatalx(") != NULL)
			continue;
		for (k = 0; tr_sinks[k] != NULL; k++)
			if (strstr(stmt, tr_sinks[k]) != NULL)
				break;
		if (tr_sinks[k] == NULL)
			continue;
		{
			char *msg = tr_unescape(lit, ll);

			if (strstr(stmt, "usage[] =") != NULL)
				missing += tr_lines(path, litline, msg);
			else if (tr_prose(msg) && !tr_known(msg)) {
				printf("%s:%zu: no translation: \"%s\"\n", path,
				    litline, lit);
				missing++;
			}
			free(msg);
		}
	}
	free(src);
	return missing;
}

static int
tr_is_pending(const char *path)
{
	size_t i;

	for (i = 0; tr_pending[i] != NULL; i++)
		if (strncmp(path, tr_pending[i], strlen(tr_pending[i])) == 0)
			return 1;
	return 0;
}

/*
 * Every message a person reads, in every checked source file, has its
 * Chinese in the catalogue: a new English message without one fails here.
 */
static void
test_sources_translated(void **state)
{
	static const char *const dirs[] = { "probe/base", "probe/meaning",
	    "probe/record", "probe/net", "probe/dns", "probe/smtp",
	    "probe/input", "probe/engine", "probe/sender", "probe/explain",
	    "probe/cli", "probe/verify", "probe/cmd", "reports", NULL };
	char cmd[256], path[512];
	int missing = 0, files = 0;
	FILE *ls;
	size_t d;

	(void)state;
	for (d = 0; dirs[d] != NULL; d++) {
		snprintf(cmd, sizeof(cmd), "ls %s/*.c 2>/dev/null", dirs[d]);
		ls = popen(cmd, "r");
		assert_non_null(ls);
		while (fgets(path, sizeof(path), ls) != NULL) {
			path[strcspn(path, "\n")] = '\0';
			if (strcmp(path, "probe/meaning/catalog.c") == 0 ||
			    tr_is_pending(path))
				continue;
			files++;
			missing += tr_scan_file(path);
		}
		pclose(ls);
	}
	assert_true(files >= 30);
	if (missing > 0)
		fail_msg("%d message(s) of the sources without a translation "
		    "(add them to tr_zh in probe/meaning/catalog.c)", missing);
}

/* The Chinese of an error's words, as catalog_tr_text renders them; owned. */
static char *
zh_of(const char *en)
{
	return catalog_tr_text(LANG_ZH, en);
}

/*
 * The user's --deadline named with its value where it ends a session or a
 * probe, in Chinese too: the session's words and the job's.
 */
static void
test_deadline_words(void **state)
{
	char *z;

	(void)state;
	z = zh_of("--deadline 5s passed while waiting for the banner");
	assert_string_equal(z, "总时限 --deadline 5s 已到（等待服务器问候时）");
	free(z);
	z = zh_of("--deadline 1500ms passed while waiting for the reply to "
	    "RCPT TO");
	assert_string_equal(z, "总时限 --deadline 1500ms 已到（等待 RCPT TO 的"
	    "回复时）");
	free(z);
	z = zh_of("stopped: the deadline for the whole probe of this domain "
	    "passed (--deadline 2m)");
	assert_string_equal(z, "已停止：检测这个域名的总时限已到（--deadline "
	    "2m）");
	free(z);
}

/*
 * What the system reports inside a message (base/syserr.c) reads in
 * Chinese: each of syserr's texts, as it is and lowered as the session
 * words it ("connection reset by peer"), and every errno and getaddrinfo
 * code through syserr_text and syserr_gai_text (one outside the tables
 * in a Chinese frame, libc's words its detail).
 */
static void
test_system_errors(void **state)
{
	const char *t;
	char *z, *low;
	size_t i;
	int e;

	(void)state;
	for (i = 0; (t = syserr_known(i)) != NULL; i++) {
		if (!has_cjk(catalog_tr(LANG_ZH, t)))
			fail_msg("no Chinese for the system's \"%s\"", t);
		if (strchr(t, '%') != NULL)
			continue;
		low = strdup(t);
		assert_non_null(low);
		low[0] = (char)tolower((unsigned char)low[0]);
		z = zh_of(low);
		if (!has_cjk(z))
			fail_msg("no Chinese for \"%s\" in lower case", low);
		free(z);
		free(low);
	}
	assert_true(i > 40);
	for (e = 1; e < 140; e++) {
		z = zh_of(syserr_text(e));
		if (!has_cjk(z))
			fail_msg("errno %d: \"%s\" stays English", e, z);
		free(z);
	}
	for (e = -12; e < 0; e++) {
		z = zh_of(syserr_gai_text(e));
		if (!has_cjk(z))
			fail_msg("getaddrinfo %d: \"%s\" stays English", e, z);
		free(z);
	}
	z = zh_of("mxtrace explain: cannot write the output: Broken pipe\n");
	assert_string_equal(z, "mxtrace explain：无法写出结果：管道已断开（读取"
	    "输出的程序已退出）\n");
	free(z);
	/* a whole line's format, not a sentence's ending in %s that would
	 * take the newline into the errno and leave it English */
	z = zh_of("mxtrace explain: standard input: cannot keep a copy in /tmp "
	    "to read: No space left on device\n");
	assert_string_equal(z, "mxtrace explain：标准输入：无法在 /tmp 中保存一份"
	    "副本来读取：磁盘空间不足\n");
	free(z);
	z = zh_of("mxtrace probe: cannot write p.html: Permission denied\n");
	assert_string_equal(z, "mxtrace probe：无法写入 p.html：没有权限\n");
	free(z);
}

/*
 * What OpenSSL reports (net/tlserr.c) reads in Chinese, chosen by the
 * code: each of tlserr's texts has its row; every verification result
 * and every reason of the SSL library (the alerts included) and an errno
 * of the queue is rendered in Chinese, the ones of the tables (every
 * alert among them) without OpenSSL's English; and the English is OpenSSL's
 * own, byte for byte, so the JSON fields that carry it keep their values.  A
 * policy fetch's error names where the chain stopped as the TLS line does, in
 * Chinese.
 */
static void
test_tls_errors(void **state)
{
	static const struct {
		int		 reason;
		const char	*english;
		const char	*zh;
	} handshake[] = {
		{ SSL_R_WRONG_VERSION_NUMBER, "wrong version number",
		  "服务器回应的不是 TLS（版本号错误，OpenSSL 错误 0A00010B）" },
		{ SSL_R_NO_SHARED_CIPHER, "no shared cipher", "加密套件" },
		{ SSL_R_UNEXPECTED_EOF_WHILE_READING, "unexpected eof",
		  "断开了连接" },
		{ SSL_R_CERTIFICATE_VERIFY_FAILED, "certificate verify failed",
		  "证书验证失败" },
		{ SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE, "handshake failure",
		  "服务器发来警报：握手失败" },
		{ SSL_R_TLSV1_ALERT_PROTOCOL_VERSION, "protocol version",
		  "不支持本机提供的 TLS 版本" },
		{ SSL_R_TLSV1_UNRECOGNIZED_NAME, "unrecognized name",
		  "不认识所请求的主机名" },
		{ SSL_R_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED,
		  "legacy sigalg", "旧式签名算法" },
		{ SSL_R_BAD_SIGNATURE, "bad signature", "签名无效" },
		{ SSL_R_WRONG_CIPHER_RETURNED, "wrong cipher",
		  "服务器选了本机未提供的加密套件" },
		{ SSL_R_TLSV1_ALERT_DECRYPTION_FAILED, "decryption failed",
		  "服务器发来警报：解密失败" },
	};
	static const struct {
		long		 vr;
		const char	*zh;
	} certs[] = {
		{ X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "自签名证书" },
		{ X509_V_ERR_CERT_HAS_EXPIRED, "证书已过期" },
		{ X509_V_ERR_CERT_NOT_YET_VALID, "证书尚未生效" },
		{ X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "找不到签发者证书" },
		{ X509_V_ERR_HOSTNAME_MISMATCH, "主机名不匹配" },
		{ X509_V_ERR_CERT_CHAIN_TOO_LONG, "证书链太长" },
		{ X509_V_ERR_CERT_REVOKED, "证书已被吊销" },
	};
	char en[256], ours[256], *z;
	const char *t;
	unsigned long e;
	size_t i;
	long vr;
	int r, inside = 0;

	(void)state;
	OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS |
	    OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL);
	for (i = 0; (t = tlserr_known(i)) != NULL; i++)
		if (!has_cjk(catalog_tr(LANG_ZH, t)))
			fail_msg("no Chinese for OpenSSL's \"%s\"", t);
	assert_true(i > 80);
	for (vr = 1; vr < 120; vr++) {
		t = tlserr_verify_text(vr);
		if (strncmp(t, "certificate verification error ", 31) != 0) {
			inside++;
			assert_string_equal(t,
			    X509_verify_cert_error_string(vr));
		}
		z = zh_of(t);
		if (!has_cjk(z))
			fail_msg("verification result %ld: \"%s\" stays English",
			    vr, z);
		free(z);
	}
	assert_true(inside > 30);
	for (i = 0; i < sizeof(certs) / sizeof(certs[0]); i++) {
		z = zh_of(tlserr_verify_text(certs[i].vr));
		assert_string_equal(z, certs[i].zh);
		free(z);
	}
	for (r = 1; r < 1300; r++) {
		e = ERR_PACK(ERR_LIB_SSL, 0, r);
		if (ERR_reason_error_string(e) == NULL)
			continue;
		ERR_error_string_n(e, en, sizeof(en));
		tlserr_queue_text(e, ours, sizeof(ours));
		assert_string_equal(ours, en);
		z = zh_of(ours);
		if (!has_cjk(z))
			fail_msg("SSL reason %d: \"%s\" stays English", r, z);
		/* an alert a server sends: each has its Chinese words */
		if (r >= SSL_AD_REASON_OFFSET &&
		    strstr(z, ERR_reason_error_string(e)) != NULL)
			fail_msg("alert %d: \"%s\" keeps the English", r, z);
		free(z);
	}
	for (i = 0; i < sizeof(handshake) / sizeof(handshake[0]); i++) {
		tlserr_queue_text(ERR_PACK(ERR_LIB_SSL, 0, handshake[i].reason),
		    ours, sizeof(ours));
		z = zh_of(ours);
		if (strstr(z, handshake[i].english) != NULL ||
		    strstr(z, handshake[i].zh) == NULL)
			fail_msg("\"%s\" in Chinese: \"%s\"", ours, z);
		free(z);
	}
	/* an errno OpenSSL queued (a reset in the handshake) */
	e = ERR_SYSTEM_FLAG | ECONNRESET;
	ERR_error_string_n(e, en, sizeof(en));
	tlserr_queue_text(e, ours, sizeof(ours));
	assert_string_equal(ours, en);
	z = zh_of(ours);
	assert_non_null(strstr(z, "连接被远端重置"));
	free(z);
	z = zh_of("TLS handshake failed: error:0A000410:SSL routines::sslv3 "
	    "alert handshake failure");
	assert_string_equal(z, "TLS 握手失败：服务器发来警报：握手失败，双方可能"
	    "没有共同支持的 TLS 版本或加密套件（OpenSSL 错误 0A000410）");
	free(z);
	/* an MTA-STS fetch's error: where the chain stopped, its names kept
	 * whatever words they hold */
	z = zh_of("the certificate does not verify: unable to get local "
	    "issuer certificate; issued by /O=Acme: Ltd (no)/CN=Root, which is "
	    "not trusted here");
	assert_string_equal(z, "证书未通过验证：找不到签发者证书；签发者 "
	    "/O=Acme: Ltd (no)/CN=Root 不受本机信任");
	free(z);
}

/* Calls that give a library's own English words for an error. */
static const char *const libc_words[] = {
	"strerror", "strerror_r", "strerror_l", "gai_strerror", "hstrerror",
	"strsignal", "perror", "psignal", "err", "errx", "warn", "warnx",
	"error", "ub_strerror", "evutil_socket_error_to_string", NULL,
};

/* Calls that give OpenSSL's own English words for an error or an alert. */
static const char *const openssl_words[] = {
	"X509_verify_cert_error_string", "ERR_error_string",
	"ERR_error_string_n", "ERR_reason_error_string",
	"ERR_lib_error_string", "ERR_func_error_string", "ERR_print_errors",
	"ERR_print_errors_fp", "ERR_print_errors_cb", "SSL_alert_desc_string",
	"SSL_alert_desc_string_long", "SSL_alert_type_string",
	"SSL_alert_type_string_long", "SSL_state_string",
	"SSL_state_string_long", "SSL_rstate_string",
	"SSL_rstate_string_long", "OCSP_cert_status_str",
	"OCSP_response_status_str", NULL,
};

/* path's calls of words (comments and literals skipped), printed. */
static int
libc_words_scan(const char *path, const char *const words[])
{
	FILE *f = fopen(path, "r");
	char *src, id[64];
	size_t len, i, n, line = 1, k;
	int found = 0;
	long sz;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	sz = ftell(f);
	rewind(f);
	src = malloc((size_t)sz + 1);
	assert_non_null(src);
	len = fread(src, 1, (size_t)sz, f);
	src[len] = '\0';
	fclose(f);
	for (i = 0; i < len; i++) {
		if (src[i] == '\n')
			line++;
		if (src[i] == '/' && src[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(src[i] == '*' &&
			    src[i + 1] == '/'); i++)
				line += src[i] == '\n';
			i++;
		} else if (src[i] == '/' && src[i + 1] == '/') {
			while (i + 1 < len && src[i + 1] != '\n')
				i++;
		} else if (src[i] == '"' || src[i] == '\'') {
			for (k = i++; i < len && src[i] != src[k]; i++)
				if (src[i] == '\\')
					i++;
		} else if (isalpha((unsigned char)src[i]) || src[i] == '_') {
			for (n = 0; isalnum((unsigned char)src[i]) ||
			    src[i] == '_'; i++)
				if (n + 1 < sizeof(id))
					id[n++] = src[i];
			id[n] = '\0';
			for (k = i; src[k] == ' ' || src[k] == '\t'; k++)
				;
			i--;
			if (src[k] != '(')
				continue;
			for (k = 0; words[k] != NULL; k++)
				if (strcmp(id, words[k]) == 0) {
					printf("%s:%zu: %s(): a library's words, in "
					    "English whatever --lang says\n", path,
					    line, id);
					found++;
				}
		}
	}
	free(src);
	return found;
}

/*
 * libc's own words for an error (strerror, gai_strerror, strsignal,
 * perror ...; libunbound's ub_strerror, libevent's
 * evutil_socket_error_to_string) would reach a --lang zh user in
 * English: a call of one outside base/syserr.c, which gives words the
 * catalogue translates, fails here; so does a call of OpenSSL's words
 * (X509_verify_cert_error_string, ERR_error_string_n, the alerts' texts
 * ...) outside net/tlserr.c.
 */
static void
test_no_libc_error_words(void **state)
{
	static const char *const dirs[] = { "probe/base", "probe/meaning",
	    "probe/record", "probe/net", "probe/dns", "probe/smtp",
	    "probe/input", "probe/engine", "probe/sender", "probe/explain",
	    "probe/cli", "probe/verify", "probe/cmd", "reports", NULL };
	char cmd[256], path[512];
	int found = 0, ssl = 0, files = 0;
	FILE *ls;
	size_t d;

	(void)state;
	for (d = 0; dirs[d] != NULL; d++) {
		snprintf(cmd, sizeof(cmd), "ls %s/*.c 2>/dev/null", dirs[d]);
		ls = popen(cmd, "r");
		assert_non_null(ls);
		while (fgets(path, sizeof(path), ls) != NULL) {
			path[strcspn(path, "\n")] = '\0';
			files++;
			if (strcmp(path, "probe/base/syserr.c") != 0)
				found += libc_words_scan(path, libc_words);
			if (strcmp(path, "probe/net/tlserr.c") != 0)
				ssl += libc_words_scan(path, openssl_words);
		}
		pclose(ls);
	}
	assert_true(files >= 30);
	if (found > 0)
		fail_msg("%d call(s) of libc's error words: use syserr_text or "
		    "syserr_gai_text (base/syserr.h)", found);
	if (ssl > 0)
		fail_msg("%d call(s) of OpenSSL's error words: use "
		    "tlserr_verify_text or tlserr_queue_text (net/tlserr.h)", ssl);
}

/*
 * The texts of the data files a person reads (data/dnsbl.json: what each
 * answer means; data/providers.json: who sends for a domain) have their
 * Chinese too; a name without a sentence in it (Spamhaus ZEN, Zoho Mail)
 * stays as it is.
 */
static void
test_data_files_translated(void **state)
{
	static const char *const files[][3] = {
		{ "data/dnsbl.json", "lists", "meaning" },
		{ "data/providers.json", "providers", "name" },
	};
	json_t *root, *item, *sub, *code;
	const char *text;
	size_t f, i, k, n = 0, missing = 0;
	char *zh;

	(void)state;
	for (f = 0; f < 2; f++) {
		root = json_load_file(files[f][0], 0, NULL);
		assert_non_null(root);
		json_array_foreach(json_object_get(root, files[f][1]), i, item) {
			json_t *texts = json_array();

			json_array_append(texts,
			    json_object_get(item, files[f][2]));
			for (k = 0; k < 2; k++)
				json_array_foreach(json_object_get(item,
				    k ? "errors" : "codes"), n, code) {
					json_array_append(texts,
					    json_object_get(code, "meaning"));
					json_array_append(texts,
					    json_object_get(code, "advice"));
				}
			json_array_foreach(texts, k, sub) {
				if ((text = json_string_value(sub)) == NULL ||
				    !tr_prose(text))
					continue;
				zh = catalog_tr_text(LANG_ZH, text);
				if (!has_cjk(zh)) {
					printf("%s: no translation: \"%s\"\n",
					    files[f][0], text);
					missing++;
				}
				free(zh);
			}
			json_decref(texts);
		}
		json_decref(root);
	}
	if (missing > 0)
		fail_msg("%zu text(s) of the data files without Chinese (add "
		    "them to tr_zh in probe/meaning/catalog.c)", missing);
}

/* Every text the catalogue can give in l, one call of fn per text. */
static void
lang_texts(enum lang l, void (*fn)(const char *, const char *, void *),
    void *arg)
{
	const char *k, *en, *zh;
	char *s;
	size_t i;
	int v, r, a;

	for (i = 0; (k = catalog_label_key(l, i)) != NULL; i++)
		fn(k, catalog_label(l, k), arg);
	for (v = 0; v < VERDICT__LAST; v++) {
		fn("verdict label", catalog_verdict_label(l, v), arg);
		for (r = 0; r < REASON__LAST; r++)
			for (a = 0; a < AUDIENCE__LAST; a++) {
				s = catalog_explain_for(l, a, v, r,
				    "zen.spamhaus.org");
				fn(reason_name(r), s, arg);
				free(s);
				s = catalog_action(l, a, v, r, NULL, NULL);
				fn(reason_name(r), s, arg);
				free(s);
			}
	}
	for (i = 0; (en = catalog_tr_key(i, &zh)) != NULL; i++)
		fn(en, l == LANG_ZH ? zh : en, arg);
}

/* Every Chinese text the catalogue can give, one call of fn per text. */
static void
zh_texts(void (*fn)(const char *, const char *, void *), void *arg)
{
	lang_texts(LANG_ZH, fn, arg);
}

static int
voice_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Counts in *arg the texts that say "our", "ours", "us" or "we" (any case). */
static void
voice_check(const char *where, const char *en, void *arg)
{
	static const char *const words[] = { "our", "ours", "us", "we", NULL };
	size_t *bad = arg, i, n;
	const char *p;

	for (i = 0; words[i] != NULL; i++)
		for (p = en, n = strlen(words[i]); *p != '\0'; p++)
			if (strncasecmp(p, words[i], n) == 0 && (p == en ||
			    !voice_letter(p[-1])) && !voice_letter(p[n]) &&
			    p[n] != '\'') {
				printf("%s: says \"%s\": %s\n", where,
				    words[i], en);
				(*bad)++;
				break;
			}
}

/*
 * The English speaks to the reader, who sends the mail (a sales person):
 * "your side", "your own sending set-up", "This is on your side", never
 * "our side" above "This is on your side"; and no "we" that could be the
 * reader's company or mxtrace.  The Chinese says 我方.
 */
static void
test_english_voice(void **state)
{
	size_t bad = 0;

	(void)state;
	lang_texts(LANG_EN, voice_check, &bad);
	if (bad > 0)
		fail_msg("%zu English text(s) say \"our\" or \"us\" where "
		    "the reader is \"you\"", bad);
}

struct glossary {
	char	 avoid[64][32];		/* words of the "不用" column */
	char	 use[64][32];		/* what to write instead */
	size_t	 n;
	size_t	 texts;
	size_t	 bad;
};

static void
glossary_check(const char *where, const char *zh, void *arg)
{
	struct glossary *g = arg;
	size_t i;

	g->texts++;
	for (i = 0; i < g->n; i++)
		if (strstr(zh, g->avoid[i]) != NULL) {
			printf("%s: \"%s\" (use %s): %s\n", where, g->avoid[i],
			    g->use[i], zh);
			g->bad++;
		}
}

/*
 * Each Chinese word of a glossary term (反向解析 of "反向解析（PTR）", 名称
 * of "HELO 名称"; one character is no word) is kept whole at a line's end
 * on the terminal (wrap_keeps_whole).
 */
static void
glossary_whole(const char *term)
{
	size_t len = strlen(term), i, n, from = 0, chars = 0;
	unsigned long cp;
	char word[64];

	for (i = 0; i <= len; i += n) {
		n = i < len ? utf8_decode(term + i, len - i, &cp) : 1;
		assert_true(n > 0);
		if (i < len && cp >= 0x4e00 && cp <= 0x9fff) {
			if (chars++ == 0)
				from = i;
			continue;
		}
		if (chars > 1) {
			assert_true(i - from < sizeof(word));
			snprintf(word, sizeof(word), "%.*s", (int)(i - from), term + from);
			if (!wrap_keeps_whole(word))
				fail_msg("glossary term \"%s\": a terminal's line may end "
				    "inside it (add it to base/wrap.c's wrap_zh_words)", word);
		}
		chars = 0;
	}
}

/*
 * docs/zh-glossary.md: no Chinese text uses a word of the table's last
 * column ("不用"); each row's term (用这个) is written instead, and is
 * kept whole at a line's end (glossary_whole).
 */
static void
test_glossary(void **state)
{
	struct glossary g;
	FILE *f = fopen("docs/zh-glossary.md", "r");
	char line[1024], *cols[4], *p, *w;
	size_t n;

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] != '|' || strstr(line, "---") != NULL ||
		    strstr(line, "English") != NULL)
			continue;
		for (n = 0, p = line + 1; n < 4 && (w = strchr(p, '|')) != NULL;
		    p = w + 1) {
			*w = '\0';
			cols[n++] = p;
		}
		assert_int_equal(n, 3);
		glossary_whole(cols[1]);
		/* the words of the last column, between "、" */
		for (w = cols[2] + strspn(cols[2], " "); *w != '\0'; w = p) {
			if ((p = strstr(w, "\xe3\x80\x81")) == NULL)
				p = w + strcspn(w, " \n");
			n = (size_t)(p - w);
			p += strncmp(p, "\xe3\x80\x81", 3) == 0 ? 3 :
			    strspn(p, " \n");
			if (n == 0)
				continue;
			assert_true(g.n < 64 && n < 32);
			snprintf(g.avoid[g.n], 32, "%.*s", (int)n, w);
			snprintf(g.use[g.n], 32, "%.*s", (int)strcspn(cols[1] +
			    1, " "), cols[1] + 1);
			g.n++;
		}
	}
	fclose(f);
	assert_true(g.n >= 20);
	zh_texts(glossary_check, &g);
	assert_true(g.texts > 1000);
	if (g.bad > 0)
		fail_msg("%zu Chinese text(s) against docs/zh-glossary.md", g.bad);
}

/*
 * Characters only Traditional Chinese writes (their Simplified forms differ).
 */
static const char *const traditional[] = {
	"這", "個", "發", "郵", "務", "機", "與", "為", "無", "們", "對", "從",
	"過", "來", "會", "時", "說", "請", "檢", "確", "認", "網", "絡", "碼",
	"錯", "誤", "轉", "達", "關", "開", "門", "間", "題", "聯", "體", "實",
	"點", "號", "書", "麼", "應", "該", "還", "選", "項", "處", "標", "準",
	"資", "訊", "數", "據", "庫", "連", "線", "協", "議", "證", "傳", "輸",
	"設", "執", "爲", "収", NULL,
};

static void
simplified_check(const char *where, const char *zh, void *arg)
{
	size_t *bad = arg, i;

	for (i = 0; traditional[i] != NULL; i++)
		if (strstr(zh, traditional[i]) != NULL) {
			printf("%s: Traditional \"%s\": %s\n", where,
			    traditional[i], zh);
			(*bad)++;
		}
}

/* The Chinese is Simplified Chinese, as read in mainland China. */
static void
test_simplified(void **state)
{
	size_t bad = 0;

	(void)state;
	zh_texts(simplified_check, &bad);
	assert_int_equal(bad, 0);
}

static void
unit_check(const char *where, const char *zh, void *arg)
{
	size_t *bad = arg;
	const char *p, *v;

	for (p = zh; (p = strstr(p, " ms")) != NULL; p += 3) {
		if (p == zh || isalpha((unsigned char)p[3]))
			continue;
		/* after a value: {2}, 250, %lld */
		for (v = p - 1; v > zh && v > p - 5 && isalpha((unsigned char)*v);
		    v--)
			;
		if (p[-1] == '}' || isdigit((unsigned char)p[-1]) ||
		    (*v == '%' && v < p - 1)) {
			printf("%s: \"ms\" after a value: %s\n", where, zh);
			(*bad)++;
		}
	}
}

/* A time in the Chinese has its Chinese unit, as "unit.ms" (毫秒) says:
 * sender's closing line read "共 3 次 DNS 查询，用时 120 ms。". */
static void
test_units_chinese(void **state)
{
	size_t bad = 0;

	(void)state;
	zh_texts(unit_check, &bad);
	assert_int_equal(bad, 0);
}

/* The conversions of s, in order ("%s%zu%d"), for comparing formats. */
static void
tr_convs(const char *s, char *out, size_t size)
{
	size_t o = 0, n;

	for (; *s; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		for (n = 1; s[n] && strchr("-+ #0123456789.*", s[n]); n++)
			;
		while (s[n] && strchr("hlzjt", s[n]))
			n++;
		if (s[n] == '\0' || strchr("sdiuxXc", s[n]) == NULL)
			continue;
		if (o + n + 1 < size) {
			memcpy(out + o, s, n + 1);
			o += n + 1;
		}
		s += n;
	}
	out[o] = '\0';
}

/* Each translation keeps the English format's conversions, in order. */
static void
test_tr_formats(void **state)
{
	const char *en, *zh;
	char a[64], b[64];
	char *t;
	size_t i;

	(void)state;
	for (i = 0; (en = catalog_tr_key(i, &zh)) != NULL; i++) {
		tr_convs(en, a, sizeof(a));
		tr_convs(zh, b, sizeof(b));
		if (strcmp(a, b) != 0)
			fail_msg("\"%s\": conversions %s, its translation %s", en,
			    a, b);
		/* Chinese, or the same text (data), or a form in full-width
		 * punctuation (U+FF01..U+FF5E: "：", "（", "；") */
		assert_true(has_cjk(zh) || strcmp(en, zh) == 0 ||
		    strstr(zh, "\xef\xbc") != NULL);
	}
	assert_true(i >= 100);
	/* a formatted text is found again and rendered in Chinese */
	t = catalog_tr_text(LANG_ZH, "DNS: NXDOMAIN");
	assert_true(has_cjk(t));
	assert_non_null(strstr(t, "NXDOMAIN"));
	free(t);
	t = catalog_tr_text(LANG_ZH, "mx.example.test 192.0.2.1: TLS handshake "
	    "failed (self-signed certificate); retried without STARTTLS as an "
	    "MTA would");
	assert_true(has_cjk(t));
	assert_non_null(strstr(t, "mx.example.test 192.0.2.1"));
	assert_null(strstr(t, "self-signed"));	/* the argument translated too */
	free(t);
	t = catalog_tr_text(LANG_ZH, "a message nobody has translated");
	assert_string_equal(t, "a message nobody has translated");
	free(t);
	/* a DNS record in a finding is data: its "; " stay ASCII, as
	 * published (sender's DMARC record, shown to be copied) */
	t = catalog_tr_text(LANG_ZH, "_dmarc.x.test: v=DMARC1; p=reject; "
	    "rua=mailto:d@x.test");
	assert_non_null(strstr(t, "_dmarc.x.test\xef\xbc\x9a"));	/* ： */
	assert_non_null(strstr(t, "v=DMARC1; p=reject; rua=mailto:d@x.test"));
	free(t);
	t = catalog_tr_text(LANG_ZH, "v=spf1 ip4:192.0.2.1; -all");
	assert_string_equal(t, "v=spf1 ip4:192.0.2.1; -all");
	free(t);
	t = catalog_tr_text(LANG_ZH, "v= is not DKIM1");	/* a sentence */
	assert_true(has_cjk(t));
	free(t);
	t = catalog_tr_text(LANG_EN, "connection refused");
	assert_string_equal(t, "connection refused");
	free(t);
	assert_string_equal(catalog_tr(LANG_EN, "connect timeout"),
	    "connect timeout");
	assert_true(has_cjk(catalog_tr(LANG_ZH, "connect timeout")));
}

/* ---- plurals: "1 address", "2 addresses" -------------------------------- */

/*
 * English says a count of one in the singular, Chinese has no plural: each
 * keyed sentence with a count, filled with 1 and with 2.
 */
static void
test_plural_labels(void **state)
{
	static const struct {
		const char	*key;
		size_t		 n, at;		/* the values, which is the count */
		const char	*one, *two;	/* in the English sentence */
	} cases[] = {
		{ "verify.waiting", 3, 0, "1 greylisted address,", "2 greylisted addresses," },
		{ "verify.p_sessions", 1, 0, "1 session", "2 sessions" },
		{ "verify.summary", 4, 2, "of 1 address in", "of 2 addresses in" },
		{ "report.sender_more", 1, 0, "1 more sender check in the input is not",
		    "2 more sender checks in the input are not" },
		{ "sender.stats", 2, 0, "1 DNS query,", "2 DNS queries," },
		{ "sender.stats_deadline", 2, 0, "1 DNS query,", "2 DNS queries," },
		{ "sender.dkim_keys_unanswered", 1, 0, "for 1 selector", "for 2 selectors" },
		{ "verify.enc_replaced", 3, 0, "1 byte sequence of 2 is not valid 2 and was read",
		    "2 byte sequences of 2 are not valid 2 and were read" },
		{ "explain.dropped", 1, 0, "(+1 more recipient not shown)",
		    "(+2 more recipients not shown)" },
	};
	const char *vals[9];
	size_t i, k;
	char *en, *zh;
	int l;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (l = 1; l <= 2; l++) {
			for (k = 0; k < cases[i].n; k++)
				vals[k] = "2";
			vals[cases[i].at] = l == 1 ? "1" : "2";
			en = catalog_fmt(LANG_EN, cases[i].key, cases[i].n,
			    vals);
			if (strstr(en, l == 1 ? cases[i].one : cases[i].two) ==
			    NULL)
				fail_msg("%s with %d: \"%s\"", cases[i].key, l, en);
			zh = catalog_fmt(LANG_ZH, cases[i].key, cases[i].n,
			    vals);
			assert_null(strchr(zh, '|'));
			assert_null(strchr(zh, '{'));
			assert_null(strchr(en, '|'));
			free(en);
			free(zh);
		}
}

/*
 * A message with a count followed (within three words) by a plural noun
 * ("%zu lists", "%u DNS-querying terms") is wrong for a count of one: it
 * says its noun through a choice ("%zu {1|list|lists}", base/plural.h),
 * the one plural mechanism, never by a second message in the singular
 * picked by the code, and none writes "(s)".  The counts below are never
 * one.
 */
static void
test_plural_messages(void **state)
{
	static const char *const never_one[] = {
		"mxtrace explain: %zu messages read",	/* said from 2 on */
		"%s: a %s digest of %zu octets",	/* a digest's size */
		"mxtrace probe: '%s' holds %zu addresses",	/* 2 or more */
		"mxtrace verify: warning: the first sessions to %u",	/* 3 or more */
		"mxtrace verify: warning: %s row %lu holds",	/* a row number */
		"\"%s\" missing or not a string of 1 to %zu bytes",	/* a bound */
		"the answer is larger than %zu bytes",	/* a bound */
		"%u of the %u other addresses of its /24",	/* 253 others */
		"mxtrace report: %zu of %lu addresses",	/* a list of 2 or more */
		NULL,
	};
	const char *en, *zh, *p, *w;
	size_t k, n, i, words;
	int bare = 0;

	(void)state;
	for (i = 0; (en = catalog_tr_key(i, &zh)) != NULL; i++) {
		if (strstr(en, "(s)") != NULL || strstr(en, "(es)") != NULL) {
			printf("\"(s)\" in \"%s\"\n", en);
			bare++;
		}
		for (k = 0; never_one[k] != NULL; k++)
			if (strncmp(en, never_one[k], strlen(never_one[k])) ==
			    0)
				break;
		if (never_one[k] != NULL)
			continue;
		for (p = en; (p = strchr(p, '%')) != NULL; p++) {
			w = p + 1;
			while (*w == 'z' || *w == 'l')
				w++;
			if (*w != 'u' || w[1] != ' ')
				continue;
			/* the first of the next three words that is plural */
			for (w += 2, words = 0; words < 3; words++) {
				for (n = 0; w[n] != '\0' && w[n] != ' '; n++)
					;
				/*
				 * a mark or a choice ends the phrase; a verb is
				 * no noun
				 */
				if (strspn(w, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") != n ||
				    strncmp(w, "does ", 5) == 0 ||
				    strncmp(w, "has ", 4) == 0) {
					words = 3;
					break;
				}
				if (n > 2 && w[n - 1] == 's' && w[n - 2] != 's')
					break;
				if (w[n] == '\0')
					break;
				w += n + 1;
			}
			if (words == 3 || n <= 2 || w[n - 1] != 's')
				continue;
			printf("a bare plural after a count, wrong for 1 (say "
			    "{N|one|other}): \"%s\"\n", en);
			bare++;
		}
	}
	assert_int_equal(bare, 0);
}

/*
 * The one plural mechanism in printf formats (xasprintf and every message
 * made with it) and in the Chinese read back from them: a choice takes the
 * form of its conversion's value, the Chinese row its own ("都" for several).
 */
static void
test_plural_formats(void **state)
{
	static const struct {
		enum lang	 lang;
		const char	*en, *want;
	} tr[] = {
		{ LANG_ZH, "not listed on the 1 list asked", "查询了 1 个黑名单，没有列入" },
		{ LANG_ZH, "not listed on the 6 lists asked", "查询了 6 个黑名单，都没有列入" },
		{ LANG_ZH, "no key at the 1 selector tried (give --dkim-selector or --message)",
		    "试了 1 个选择器（selector），没有找到密钥（请用 --dkim-selector 或 --message 指定）" },
		{ LANG_ZH, "null MX (RFC 7505) mixed with 2 other MX records: the domain says "
		    "it accepts no mail", "空 MX（RFC 7505）与另外 2 条 MX 记录混在一起：该域名声明不接收邮件" },
		{ LANG_ZH, "3 DNS-querying terms (include, a, mx, ptr, exists, redirect); the limit "
		    "is 10", "有 3 项需要查询 DNS（include、a、mx、ptr、exists、redirect）；上限是 10" },
	};
	char *t;
	size_t i;

	(void)state;
	t = xasprintf("%zu {1|key|keys} found", (size_t)1);
	assert_string_equal(t, "1 key found");
	free(t);
	t = xasprintf("%zu {1|key|keys} found", (size_t)0);
	assert_string_equal(t, "0 keys found");
	free(t);
	t = xasprintf("--column %s: the header has %lu {2|column|columns}, %d%% %*s{3|x|y}",
	    "7", 1UL, 1, 2, "a");
	assert_string_equal(t, "--column 7: the header has 1 column, 1%  ax");
	free(t);
	t = xasprintf("%lu {1|address|addresses} not finished: probe {1|it|them}", 2UL);
	assert_string_equal(t, "2 addresses not finished: probe them");
	free(t);
	for (i = 0; i < sizeof(tr) / sizeof(tr[0]); i++) {
		t = catalog_tr_text(tr[i].lang, tr[i].en);
		if (strcmp(t, tr[i].want) != 0)
			fail_msg("\"%s\": \"%s\", not \"%s\"", tr[i].en, t, tr[i].want);
		free(t);
	}
}

/*
 * One word for a row not yet checked wherever a Chinese user meets it: the
 * CSV's cell (and its note) as the terminal and the report say it.
 */
static void
test_not_checked_one_word(void **state)
{
	const char *word = catalog_label(LANG_ZH, "verify.row_unchecked");

	(void)state;
	assert_string_equal(catalog_label(LANG_ZH, "report.card_unchecked"),
	    word);
	assert_string_equal(catalog_label(LANG_ZH, "csv.not_checked"), word);
	assert_true(strncmp(catalog_label(LANG_ZH,
	    "csv.not_checked.interrupted"), word, strlen(word)) == 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_not_accepting),
		cmocka_unit_test(test_sender_rate_limit),
		cmocka_unit_test(test_tr_keys_unique),
		cmocka_unit_test(test_verdict_labels),
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_classifier_outputs_explained),
		cmocka_unit_test(test_blocklist_woven),
		cmocka_unit_test(test_port25),
		cmocka_unit_test(test_lang_from_name),
		cmocka_unit_test(test_lang_pick),
		cmocka_unit_test(test_unknown_key_is_fatal),
		cmocka_unit_test(test_bounce_audience),
		cmocka_unit_test(test_sides),
		cmocka_unit_test(test_side_matches_action),
		cmocka_unit_test(test_sources_translated),
		cmocka_unit_test(test_system_errors),
		cmocka_unit_test(test_deadline_words),
		cmocka_unit_test(test_tls_errors),
		cmocka_unit_test(test_no_libc_error_words),
		cmocka_unit_test(test_data_files_translated),
		cmocka_unit_test(test_english_voice),
		cmocka_unit_test(test_glossary),
		cmocka_unit_test(test_simplified),
		cmocka_unit_test(test_tr_formats),
		cmocka_unit_test(test_plural_labels),
		cmocka_unit_test(test_units_chinese),
		cmocka_unit_test(test_not_checked_one_word),
		cmocka_unit_test(test_plural_messages),
		cmocka_unit_test(test_plural_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
