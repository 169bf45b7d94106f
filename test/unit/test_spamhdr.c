/*
 * test_spamhdr.c - each spam filter header as its vendor documents it:
 * verdict, score, threshold, rules with their causes; the rule table's
 * exact-before-prefix order; hostile values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/spamhdr.h"

struct scase {
	const char	*name;
	const char	*value;
	int		 rc;
	enum spam_verdict verdict;
	double		 score;		/* NAN-free: -999 when none expected */
	const char	*detail;
	const char	*rule;		/* one rule expected, or NULL */
	int		 rule_cause;
	int		 cause;		/* one field cause expected, or -1 */
};

static const struct scase cases[] = {
	{ "X-Spam-Status", "Yes, score=7.3 required=5.0 tests=BAYES_99,\r\n\t"
	  "RDNS_NONE,SPF_SOFTFAIL,URIBL_BLOCKED autolearn=no autolearn_force=no\r\n\t"
	  "version=3.4.6", 0, SPAM_SPAM, 7.3, "Yes score=7.3 required=5.0",
	  "RDNS_NONE", CAUSE_NO_PTR, -1 },
	{ "X-Spam-Status", "No, hits=-1.9 required=5.0 tests=BAYES_00=-1.9,"
	  "DKIM_SIGNED=0.1 autolearn=ham version=3.2.5", 0, SPAM_INBOX, -1.9,
	  "No score=-1.9 required=5.0", "DKIM_SIGNED", -1, -1 },
	{ "x-spam-status", "No, score=0.0 required=5.0 tests=none", 0,
	  SPAM_INBOX, 0, "No score=0.0 required=5.0", NULL, 0, -1 },
	{ "X-Spam-Flag", " YES", 0, SPAM_SPAM, -999, "YES", NULL, 0, -1 },
	{ "X-Spam-Flag", "NO", 0, SPAM_INBOX, -999, "NO", NULL, 0, -1 },
	{ "X-Spam-Score", "12.5", 0, SPAM_UNKNOWN, 12.5, "score=12.5", NULL, 0, -1 },
	{ "X-Spamd-Result", "default: True [9.40 / 15.00];\r\n\tR_SPF_FAIL(1.00)"
	  "[-all];\r\n\tDMARC_POLICY_QUARANTINE(1.50)[example.com : No valid "
	  "SPF, No valid DKIM,quarantine];\r\n\tRBL_SPAMHAUS_ZEN(4.00)[203.0.113.5:from];"
	  "\r\n\tARC_NA(0.00)[]", 0, SPAM_SPAM, 9.4, "True [9.40 / 15.00]",
	  "RBL_SPAMHAUS_ZEN", CAUSE_IP_BLOCKLISTED, -1 },
	{ "X-Spamd-Result", "default: False [-0.10 / 15.00]; R_SPF_ALLOW(-0.20)"
	  "[+ip4:203.0.113.5]; R_DKIM_ALLOW(-0.20)[example.com:s=s1]", 0,
	  SPAM_UNKNOWN, -0.1, "False [-0.10 / 15.00]", "R_DKIM_ALLOW", -1, -1 },
	/* False is "not rejected", an "add header" too (milter_headers.lua) */
	{ "X-Spamd-Result", "default: False [9.40 / 15.00]; R_SPF_FAIL(1.00)"
	  "[-all]", 0, SPAM_UNKNOWN, 9.4, "False [9.40 / 15.00]", "R_SPF_FAIL",
	  CAUSE_SPF_FAIL, -1 },
	{ "X-Rspamd-Action", "add header", 0, SPAM_SPAM, -999, "add header",
	  NULL, 0, -1 },
	{ "X-Rspamd-Action", "no action", 0, SPAM_INBOX, -999, "no action",
	  NULL, 0, -1 },
	{ "X-Spam", "Yes", 0, SPAM_SPAM, -999, "Yes", NULL, 0, -1 },
	{ "X-Forefront-Antispam-Report", "CIP:203.0.113.5;CTRY:CN;LANG:en;SCL:5;"
	  "SRV:;IPV:NLI;SFV:SPM;H:mail.example.com;PTR:;CAT:SPM;SFS:(13230031)"
	  "(4636009)(376002);DIR:INB;", 0, SPAM_SPAM, 5,
	  "SCL:5 IPV:NLI SFV:SPM CAT:SPM PTR:(none)", NULL, 0, CAUSE_HIGH_SCORE },
	{ "X-Forefront-Antispam-Report", "CIP:198.51.100.9;CTRY:US;LANG:en;SCL:1;"
	  "SRV:;IPV:NLI;SFV:NSPM;H:mail.example.net;PTR:mail.example.net;CAT:NONE;"
	  "SFS:(13230031);DIR:INB;", 0, SPAM_INBOX, 1,
	  "SCL:1 IPV:NLI SFV:NSPM CAT:NONE PTR:mail.example.net", NULL, 0, -1 },
	{ "X-Forefront-Antispam-Report", "CIP:192.0.2.1;SCL:-1;SFV:SKA;IPV:CAL;"
	  "CAT:NONE", 0, SPAM_INBOX, -1, "SCL:-1 SFV:SKA IPV:CAL CAT:NONE", NULL,
	  0, CAUSE_SAFE_SENDER },
	{ "X-Forefront-Antispam-Report", "CIP:192.0.2.1;SCL:6;SFV:BLK;CAT:SPOOF;"
	  "SFTY:9.19", 0, SPAM_SPAM, 6, "SCL:6 SFV:BLK CAT:SPOOF SFTY:9.19", NULL,
	  0, CAUSE_BLOCKED_SENDER },
	{ "X-Microsoft-Antispam", "BCL:8;ARA:13230031|366016", 0, SPAM_UNKNOWN,
	  8, "BCL:8", NULL, 0, CAUSE_BULK },
	{ "X-Microsoft-Antispam", "BCL:0;", 0, SPAM_UNKNOWN, 0, "BCL:0", NULL,
	  0, -1 },
	{ "X-MS-Exchange-Organization-SCL", "5", 0, SPAM_SPAM, 5, "SCL:5", NULL,
	  0, -1 },
	{ "X-Gmail-Labels", "Spam,Category Promotions", 0, SPAM_SPAM, -999,
	  "Spam,Category Promotions", NULL, 0, -1 },
	{ "X-Gmail-Labels", "Inbox,Important,Opened", 0, SPAM_INBOX, -999,
	  "Inbox,Important,Opened", NULL, 0, -1 },
	{ "X-YahooFilteredBulk", "203.0.113.5", 0, SPAM_SPAM, -999,
	  "Bulk folder", NULL, 0, CAUSE_BULK },
	{ "X-Alimail-AntiSpam", "AC=PASS;BC=-1|-1;BR=01201311R151e4;CH=green;"
	  "DM=||false|;DS=||;FP=0|-1|-1|-1|0|-1|-1|-1;HT=e01e04423;"
	  "MF=a@example.com;NM=1;PH=DS;RN=15;SR=0;TI=SMTPD_---0V3z_1644386489;",
	  0, SPAM_INBOX, -999, "AC=PASS CH=green", NULL, 0, -1 },
	{ "X-Alimail-AntiSpam", "AC=CONTINUE;BC=0.91|0.41;CH=green;DM=|AD|false|;"
	  "DS=CONTINUE|ham_system_inform|0.08-0.001-0.91;", 0, SPAM_INBOX, -999,
	  "AC=CONTINUE CH=green DS=ham_system_inform", NULL, 0, -1 },
	{ "X-QQ-SSF", "00000000000000F0", 0, SPAM_UNKNOWN, -999, "encoded",
	  NULL, 0, CAUSE_OPAQUE_FILTER },
	{ "X-Coremail-Antispam", "1Uf129KBjDUn29KB7ZKAUJUUUUU529EdanIXcx71UUUUU7v73",
	  0, SPAM_UNKNOWN, -999, "encoded", NULL, 0, CAUSE_OPAQUE_FILTER },
	{ "X-Spam-Flag", "maybe", -1, SPAM_UNKNOWN, -999, "", NULL, 0, -1 },
	{ "Subject", "Yes", -1, SPAM_UNKNOWN, -999, "", NULL, 0, -1 },
	{ "X-Spam-Score", "lots", -1, SPAM_UNKNOWN, -999, "", NULL, 0, -1 },
};

static void
test_headers(void **state)
{
	struct spam_signal sig;
	size_t i, k;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct scase *c = &cases[i];

		rc = spamhdr_parse(c->name, c->value, strlen(c->value), &sig);
		if (rc != c->rc)
			fail_msg("%s %s: rc %d", c->name, c->value, rc);
		if (rc != 0)
			continue;
		if (sig.verdict != c->verdict)
			fail_msg("%s %s: verdict %s", c->name, c->value,
			    spam_verdict_name(sig.verdict));
		if (c->score == -999 ? sig.has_score :
		    (!sig.has_score || sig.score != c->score))
			fail_msg("%s %s: score %g", c->name, c->value, sig.score);
		if (strcmp(sig.detail, c->detail) != 0)
			fail_msg("%s: detail \"%s\", want \"%s\"", c->name,
			    sig.detail, c->detail);
		if (c->rule != NULL) {
			for (k = 0; k < sig.nrules; k++)
				if (strcmp(sig.rules[k].name, c->rule) == 0)
					break;
			if (k == sig.nrules ||
			    sig.rules[k].cause != c->rule_cause)
				fail_msg("%s: rule %s missing or wrong cause",
				    c->name, c->rule);
		}
		if (c->cause >= 0) {
			for (k = 0; k < sig.ncauses; k++)
				if (sig.causes[k] == c->cause)
					break;
			if (k == sig.ncauses)
				fail_msg("%s %s: no cause %s", c->name, c->value,
				    cause_name((enum cause)c->cause));
		}
	}
}

static void
test_spamassassin_rules(void **state)
{
	static const char v[] = "Yes, score=9.9 required=5.0 tests=BAYES_99=3.5,"
	    "RCVD_IN_DNSWL_NONE=-0.0001,RCVD_IN_SBL=2.596,SPF_FAIL=0.919,"
	    "T_SPF_PERMERROR=0.01 autolearn=spam version=4.0.0";
	struct spam_signal sig;

	(void)state;
	assert_int_equal(spamhdr_parse("X-Spam-Status", v, sizeof(v) - 1, &sig), 0);
	assert_int_equal(sig.nrules, 5);
	assert_string_equal(sig.rules[0].name, "BAYES_99");
	assert_true(sig.rules[0].has_score);
	assert_true(sig.rules[0].score == 3.5);
	assert_int_equal(sig.rules[0].cause, CAUSE_CONTENT);
	assert_int_equal(sig.rules[1].cause, -1);	/* an allow list */
	assert_int_equal(sig.rules[2].cause, CAUSE_IP_BLOCKLISTED);
	assert_int_equal(sig.rules[3].cause, CAUSE_SPF_FAIL);
	assert_int_equal(sig.rules[4].cause, CAUSE_SPF_ERROR);
	assert_non_null(sig.rules[4].desc);
}

static void
test_rule_table(void **state)
{
	const struct spam_rule_info *r;
	size_t i;

	(void)state;
	assert_int_equal(spamrules_find("URIBL_PH_SURBL")->cause, CAUSE_PHISH);
	assert_int_equal(spamrules_find("URIBL_BLACK")->cause,
	    CAUSE_URL_BLOCKLISTED);
	assert_int_equal(spamrules_find("URIBL_BLOCKED")->cause, -1);
	assert_int_equal(spamrules_find("RCVD_IN_DNSWL_HI")->cause, -1);
	assert_int_equal(spamrules_find("RCVD_IN_ZEN_BLOCKED_OPENDNS")->cause, -1);
	assert_int_equal(spamrules_find("RCVD_IN_UCEPROTECT1")->cause,
	    CAUSE_IP_BLOCKLISTED);
	assert_null(spamrules_find("SOME_LOCAL_RULE"));
	for (i = 0; (r = spamrules_row(i)) != NULL; i++) {
		assert_non_null(r->desc);
		assert_true(r->cause >= -1 && r->cause < CAUSE__LAST);
	}
	assert_true(i > 100);
}

/* docs/delivered-headers.md lists every row of the rule table. */
static void
test_rules_documented(void **state)
{
	const struct spam_rule_info *r;
	char *doc, want[96];
	size_t n = 0, i;
	FILE *f;

	(void)state;
	assert_non_null(f = fopen("docs/delivered-headers.md", "r"));
	doc = malloc(1 << 20);
	assert_non_null(doc);
	n = fread(doc, 1, (1 << 20) - 1, f);
	doc[n] = '\0';
	fclose(f);
	for (i = 0; (r = spamrules_row(i)) != NULL; i++) {
		(void)snprintf(want, sizeof(want), "| `%s` | %s |", r->name,
		    r->cause < 0 ? "\xe2\x80\x94" : cause_name((enum cause)r->cause));
		if (strstr(doc, want) == NULL)
			fail_msg("docs/delivered-headers.md: no row \"%s\"", want);
	}
	free(doc);
}

static void
test_hostile(void **state)
{
	struct spam_signal sig;
	char *big;
	size_t i, n = 1024 * 1024;

	(void)state;
	big = malloc(n);
	assert_non_null(big);
	memcpy(big, "Yes, score=1 tests=", 19);
	for (i = 19; i + 4 < n; i += 4)
		memcpy(big + i, "AB,C", 4);
	memset(big + i, 'x', n - i);
	assert_int_equal(spamhdr_parse("X-Spam-Status", big, n, &sig), 0);
	assert_int_equal(sig.nrules, SPAM_RULES_MAX);
	assert_true(sig.truncated);
	memset(big, ';', n);
	(void)spamhdr_parse("X-Spamd-Result", big, n, &sig);
	(void)spamhdr_parse("X-Forefront-Antispam-Report", big, n, &sig);
	memset(big, '[', n);
	(void)spamhdr_parse("X-Spamd-Result", big, n, &sig);
	memset(big, '=', n);
	(void)spamhdr_parse("X-Alimail-AntiSpam", big, n, &sig);
	(void)spamhdr_parse("X-Spam-Status", big, n, &sig);
	free(big);
	assert_int_equal(spamhdr_parse("X-Spam-Score", "1e308", 5, &sig), -1);
	assert_int_equal(spamhdr_parse("X-Spam-Score", "nan", 3, &sig), -1);
	assert_int_equal(spamhdr_parse("X-Spam-Flag", "YES\x1b[0m", 7, &sig), 0);
	assert_true(sig.control);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_spamassassin_rules),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_rules_documented),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
