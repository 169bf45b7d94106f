/*
 * test_delivered.c - the delivered-message fixtures: every NAME.eml in
 * test/explain/delivered/ is loaded with GMime, every NAME.txt (text a
 * user pasted) opened as explain opens any input (source.h), and analysed;
 * NAME.expected
 * says what the path, the trusted results, the verdict and the reasons
 * must be ("key: value" lines; a key left out is not checked; "source:"
 * must name where the layout comes from).  Then hostile messages built
 * here: 500 Received headers, a 1 MB Received header, control characters.
 * Run from the top of the tree (make unit does).
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmime/gmime.h>

#include "explain/delivered.h"
#include "explain/delivered_json.h"
#include "explain/delivered_print.h"
#include "explain/dlvmsg.h"
#include "explain/mime.h"
#include "explain/source.h"
#include "reports/report.h"

#define DIR_FIXTURES	"test/explain/delivered"

static GMimeMessage *
load(const char *path)
{
	GMimeStream *st;
	GMimeParser *p;
	GMimeMessage *m;

	if ((st = g_mime_stream_fs_open(path, O_RDONLY, 0, NULL)) == NULL)
		return NULL;
	p = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(st);
	return m;
}

/* Pasted text, opened as explain opens it: its first message. */
static GMimeMessage *
load_pasted(const char *path)
{
	struct source *src;
	GMimeMessage *m = NULL;
	const char *name;
	size_t idx;
	char *err;

	if ((src = source_open(path, &err)) == NULL)
		fail_msg("%s", err);
	if (source_next(src, &m, &name, &idx, &err) != 1)
		m = NULL;
	source_close(src);
	return m;
}

static GMimeMessage *
load_mem(const char *s, size_t len)
{
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(s, len);
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	GMimeMessage *m = g_mime_parser_construct_message(p, NULL);

	g_object_unref(p);
	g_object_unref(st);
	return m;
}

static int
analyse(GMimeMessage *m, const char *folder, struct delivered *d)
{
	struct dlv_header *h;
	size_t n;
	int rc;

	h = dlvmsg_headers(m, &n);
	rc = delivered_analyse(h, n, folder, d);
	free(h);
	return rc;
}

/* Append s to buf (comma-separated). */
static void
add(char *buf, size_t cap, const char *s)
{
	size_t have = strlen(buf);

	(void)snprintf(buf + have, cap - have, "%s%s", have ? "," : "", s);
}

static const char *
tri(enum rcvd_tri t)
{
	return t == RCVD_YES ? "yes" : t == RCVD_NO ? "no" : "?";
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A comma list sorted, so sets compare as strings. */
static void
sorted(const char *in, char *out, size_t cap)
{
	char tmp[1024], *v[64], *tok, *save = NULL;
	size_t n = 0, i;

	(void)snprintf(tmp, sizeof(tmp), "%s", in);
	for (tok = strtok_r(tmp, ", ", &save); tok != NULL && n < 64;
	    tok = strtok_r(NULL, ", ", &save))
		v[n++] = tok;
	qsort(v, n, sizeof(v[0]), cmp_str);
	out[0] = '\0';
	for (i = 0; i < n; i++)
		add(out, cap, v[i]);
}

/* What the analysis says for an expected-file key, into got. */
static void
actual(const struct delivered *d, const char *key, char *got, size_t cap)
{
	const struct path *p = &d->path;
	char num[64];
	size_t i, n;

	got[0] = '\0';
	if (strcmp(key, "verdict") == 0)
		(void)snprintf(got, cap, "%s", spam_verdict_name(d->verdict));
	else if (strcmp(key, "hops") == 0)
		(void)snprintf(got, cap, "%zu", p->nhops);
	else if (strcmp(key, "by") == 0)
		for (i = 0; i < p->nhops; i++)
			add(got, cap, p->hops[i].r.by[0] ? p->hops[i].r.by : "-");
	else if (strcmp(key, "ip") == 0)
		for (i = 0; i < p->nhops; i++)
			add(got, cap, p->hops[i].r.ip[0] ? p->hops[i].r.ip : "-");
	else if (strcmp(key, "tls") == 0)
		for (i = 0; i < p->nhops; i++)
			add(got, cap, tri(p->hops[i].r.tls));
	else if (strcmp(key, "delays") == 0)
		for (i = 0; i < p->nhops; i++) {
			(void)snprintf(num, sizeof(num), "%lld",
			    p->hops[i].delay_s);
			add(got, cap, p->hops[i].has_delay ? num : "-");
		}
	else if (strcmp(key, "skew") == 0)
		(void)snprintf(got, cap, "%zu", p->nskew);
	else if (strcmp(key, "sending_ip") == 0)
		(void)snprintf(got, cap, "%s", d->sending_ip);
	else if (strcmp(key, "sending_ip_from") == 0)
		(void)snprintf(got, cap, "%s", d->sending_ip_from ?
		    d->sending_ip_from : "");
	else if (strcmp(key, "boundary") == 0)
		(void)snprintf(got, cap, "%s", p->boundary >= 0 ?
		    p->hops[p->boundary].r.by : "");
	else if (strcmp(key, "receiver") == 0)
		(void)snprintf(got, cap, "%s", p->receiver_org);
	else if (strcmp(key, "longest") == 0) {
		if (p->longest > 0)
			(void)snprintf(got, cap, "%s %lld",
			    p->hops[p->longest - 1].r.by,
			    p->hops[p->longest].delay_s);
	} else if (strcmp(key, "total") == 0) {
		if (p->has_total)
			(void)snprintf(got, cap, "%lld", p->total_s);
	} else if (strcmp(key, "trusted") == 0)
		(void)snprintf(got, cap, "%s", d->trusted_id);
	else if (strcmp(key, "untrusted") == 0) {
		for (i = n = 0; i < d->nars; i++)
			n += d->ars[i].trust != TRUST_RECEIVER;
		for (i = 0; i < d->nspam; i++)
			n += d->spam[i].trust != TRUST_RECEIVER;
		(void)snprintf(got, cap, "%zu", n);
	} else if (strcmp(key, "spf") == 0)
		(void)snprintf(got, cap, "%s", d->spf);
	else if (strcmp(key, "dmarc") == 0)
		(void)snprintf(got, cap, "%s", d->dmarc);
	else if (strcmp(key, "dkim") == 0)
		for (i = 0; i < d->ndkim; i++) {
			(void)snprintf(num, sizeof(num), "%s:%s%s",
			    d->dkim[i].domain, d->dkim[i].result[0] ?
			    d->dkim[i].result : "unchecked",
			    d->dkim[i].aligned ? ":aligned" : "");
			add(got, cap, num);
		}
	else if (strcmp(key, "selector") == 0)
		(void)snprintf(got, cap, "%s", d->dkim_selector);
	else if (strcmp(key, "score") == 0) {
		if (d->has_score)
			(void)snprintf(got, cap, "%.1f", d->score);
	} else if (strcmp(key, "required") == 0) {
		/* the filter's second number and what it is the score for */
		if (d->required != 0)
			(void)snprintf(got, cap, "%.1f %s", d->required,
			    d->required_rejects ? "reject" : "spam");
	} else if (strcmp(key, "reasons") == 0) {
		char tmp[1024] = "";
		for (i = 0; i < d->nreasons; i++)
			add(tmp, sizeof(tmp), cause_name(d->reasons[i].cause));
		sorted(tmp, got, cap);
	} else
		fail_msg("unknown key \"%s\"", key);
}

static int
check_fixture(const char *eml, const char *exp)
{
	char line[2048], got[2048], want[2048], *colon, *val;
	struct delivered d;
	GMimeMessage *m;
	FILE *f;
	int bad = 0, lineno = 0;
	bool source = false;
	const char *folder = NULL;
	char folder_buf[32];

	if ((f = fopen(exp, "r")) == NULL)
		fail_msg("%s: no expected file", exp);
	/* a "folder:" line is what the user told us */
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "folder: %31s", folder_buf) == 1)
			folder = folder_buf;
	rewind(f);
	if ((m = strcmp(eml + strlen(eml) - 4, ".txt") == 0 ?
	    load_pasted(eml) : load(eml)) == NULL)
		fail_msg("%s: GMime cannot read it", eml);
	if (analyse(m, folder, &d) != 0) {
		print_error("%s: not seen as a delivered message\n", eml);
		bad++;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((colon = strchr(line, ':')) == NULL)
			fail_msg("%s:%d: not key: value", exp, lineno);
		*colon = '\0';
		for (val = colon + 1; *val == ' '; val++)
			;
		if (strcmp(line, "source") == 0) {
			source = *val != '\0';
			continue;
		}
		if (strcmp(line, "folder") == 0)
			continue;
		actual(&d, line, got, sizeof(got));
		if (strcmp(line, "reasons") == 0)
			sorted(val, want, sizeof(want));
		else
			(void)snprintf(want, sizeof(want), "%s", val);
		if (strcmp(got, want) != 0) {
			print_error("%s: %s = \"%s\", expected \"%s\"\n", eml,
			    line, got, want);
			bad++;
		}
	}
	fclose(f);
	if (!source) {
		print_error("%s: no source: line\n", exp);
		bad++;
	}
	delivered_free(&d);
	g_object_unref(m);
	return bad;
}

static void
test_fixtures(void **state)
{
	char eml[512], exp[512];
	struct dirent *e;
	DIR *dir;
	size_t n = 0, len;
	int bad = 0;

	(void)state;
	assert_non_null(dir = opendir(DIR_FIXTURES));
	while ((e = readdir(dir)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || (strcmp(e->d_name + len - 4, ".eml") != 0 &&
		    strcmp(e->d_name + len - 4, ".txt") != 0))
			continue;
		(void)snprintf(eml, sizeof(eml), "%s/%s", DIR_FIXTURES, e->d_name);
		(void)snprintf(exp, sizeof(exp), "%s/%.*s.expected",
		    DIR_FIXTURES, (int)(len - 4), e->d_name);
		bad += check_fixture(eml, exp);
		n++;
	}
	closedir(dir);
	print_message("delivered fixtures: %zu checked, %d mismatches\n", n, bad);
	assert_true(n >= 30);
	assert_int_equal(bad, 0);
}

/* 500 Received headers: the newest PATH_HOPS_MAX kept, the rest counted. */
static void
test_many_hops(void **state)
{
	size_t cap = 500 * 160 + 256, len = 0, i;
	char *s = malloc(cap);
	struct delivered d;
	GMimeMessage *m;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < 500; i++)
		len += (size_t)snprintf(s + len, cap - len, "Received: from "
		    "r%zu.example.net (r%zu.example.net [192.0.2.%zu]) by "
		    "r%zu.example.org with ESMTP; Mon, 30 Nov 2026 09:%02zu:00 +0000\n",
		    i, i, i % 250 + 1, i, (500 - i) % 60);
	len += (size_t)snprintf(s + len, cap - len, "From: a@example.net\n\nhi\n");
	assert_non_null(m = load_mem(s, len));
	assert_int_equal(analyse(m, NULL, &d), 0);
	assert_int_equal(d.path.nhops, PATH_HOPS_MAX);
	assert_int_equal(d.path.dropped, 500 - PATH_HOPS_MAX);
	delivered_free(&d);
	g_object_unref(m);
	free(s);
}

/* A 1 MB Received header and one full of control characters. */
static void
test_hostile(void **state)
{
	size_t n = 1024 * 1024, len;
	char *s = malloc(n + 512);
	static const char inj[] = "Received: from x (x [192.0.2.7]) by mx.example.org "
	    "with ESMTP; Mon, 30 Nov 2026 09:00:00 +0000\x1b]0;pwned\x07\n"
	    "Authentication-Results: mx.example.org; spf=pass\x1b[31m\n"
	    "From: a@example.net\n\nbody\n";
	struct delivered d;
	GMimeMessage *m;

	(void)state;
	assert_non_null(s);
	len = (size_t)snprintf(s, 64, "Received: from ");
	memset(s + len, 'h', n);
	len += n;
	len += (size_t)snprintf(s + len, 256, " (a [192.0.2.1]) by b; Mon, 30 "
	    "Nov 2026 09:00:00 +0000\nFrom: a@b.example\n\nx\n");
	assert_non_null(m = load_mem(s, len));
	assert_int_equal(analyse(m, NULL, &d), 0);
	assert_int_equal(d.path.nhops, 1);
	assert_true(d.path.hops[0].r.flags & RCVD_F_TRUNCATED);
	delivered_free(&d);
	g_object_unref(m);
	free(s);

	assert_non_null(m = load_mem(inj, sizeof(inj) - 1));
	assert_int_equal(analyse(m, NULL, &d), 0);
	assert_string_equal(d.spf, "pass");
	assert_string_equal(d.sending_ip, "192.0.2.7");
	delivered_free(&d);
	g_object_unref(m);

	/* no Received: not a delivered message */
	assert_non_null(m = load_mem("From: a@b.example\n\nx\n", 21));
	assert_int_equal(analyse(m, NULL, &d), -1);
	delivered_free(&d);
	g_object_unref(m);
}

/*
 * The JSON has the documented fields; the terminal text of a message full
 * of control characters has none left; every cause has its words in both
 * languages.
 */
static void
test_output(void **state)
{
	static const char *const hop_keys[] = { "from", "helo", "ip", "by",
	    "protocol", "tls", "time", "delay_s" };
	static const char *const top_keys[] = { "hops", "sending_ip", "auth",
	    "spam", "explanation" };
	struct delivered d;
	GMimeMessage *m;
	json_t *o, *h;
	char *buf = NULL, key[64];
	size_t len = 0, i, k;
	struct wrap_out lay;
	FILE *f;
	int l, c;

	(void)state;
	assert_non_null(m = load(DIR_FIXTURES "/32-control-characters.eml"));
	assert_int_equal(analyse(m, NULL, &d), 0);
	for (l = 0; l < LANG__LAST; l++) {
		o = delivered_to_json(&d, (enum lang)l, false, "msg.eml");
		for (k = 0; k < sizeof(top_keys) / sizeof(top_keys[0]); k++)
			assert_non_null(json_object_get(o, top_keys[k]));
		json_array_foreach(json_object_get(o, "hops"), i, h)
			for (k = 0; k < sizeof(hop_keys) / sizeof(hop_keys[0]); k++)
				if (json_object_get(h, hop_keys[k]) == NULL)
					fail_msg("hop %zu: no %s", i, hop_keys[k]);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(o, "spam"), "verdict")), "spam");
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(o, "check_sender"), "command")),
		    "mxtrace sender evil.example --message msg.eml");
		assert_non_null(f = open_memstream(&buf, &len));
		lay = wrap_out_of(f);
		delivered_print(f, &lay, o, (enum lang)l);
		fclose(f);
		for (i = 0; i < len; i++)
			if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n')
				fail_msg("raw control 0x%02x in the terminal text",
				    (unsigned char)buf[i]);
		assert_non_null(strstr(buf, "192.0.2.99"));
		free(buf);
		buf = NULL;
		json_decref(o);
	}
	delivered_free(&d);
	g_object_unref(m);
	for (c = 0; c < CAUSE__LAST; c++)
		for (l = 0; l < LANG__LAST; l++) {
			(void)snprintf(key, sizeof(key), "dlv.cause.%s",
			    cause_name((enum cause)c));
			assert_true(catalog_label((enum lang)l, key)[0] != '\0');
			(void)snprintf(key, sizeof(key), "dlv.fix.%s",
			    cause_name((enum cause)c));
			assert_true(catalog_label((enum lang)l, key)[0] != '\0');
		}
}

/* Fixture name's terminal text in language l, owned. */
static char *
printed(const char *name, enum lang l)
{
	char path[256], *buf = NULL;
	size_t len = 0;
	struct delivered d;
	struct wrap_out lay;
	GMimeMessage *m;
	json_t *o;
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/%s", DIR_FIXTURES, name);
	assert_non_null(m = load(path));
	assert_int_equal(analyse(m, NULL, &d), 0);
	o = delivered_to_json(&d, l, false, name);
	assert_non_null(f = open_memstream(&buf, &len));
	lay = wrap_out_of(f);
	delivered_print(f, &lay, o, l);
	fclose(f);
	json_decref(o);
	delivered_free(&d);
	g_object_unref(m);
	return buf;
}

/*
 * rspamd's "[9.40 / 15.00]": the second number is the score the server
 * rejects at (rspamd_task_get_required_score), not the spam threshold a
 * message scored 9.4 and spam-foldered would contradict; SpamAssassin's
 * required= is its threshold.
 */
static void
test_reject_score(void **state)
{
	static const struct {
		const char	*name;
		enum lang	 l;
		const char	*want, *not;
	} cases[] = {
		{ "24-postfix-rspamd-spam.eml", LANG_EN,
		  "score 9.4 / reject score 15.0", "threshold" },
		{ "24-postfix-rspamd-spam.eml", LANG_EN,
		  "The server rejects a message from a score of 15.0", NULL },
		{ "24-postfix-rspamd-spam.eml", LANG_ZH,
		  "分数 9.4 / 拒收分数 15.0", "阈值" },
		{ "24-postfix-rspamd-spam.eml", LANG_ZH,
		  "分数达到 15.0 时服务器拒收", NULL },
		{ "22-postfix-spamassassin-spam.eml", LANG_EN,
		  "score 8.2 / threshold 6.3", "reject" },
		{ "22-postfix-spamassassin-spam.eml", LANG_ZH,
		  "分数 8.2 / 阈值 6.3", "拒收" },
	};
	size_t i;
	char *t;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = printed(cases[i].name, cases[i].l);
		if (strstr(t, cases[i].want) == NULL)
			fail_msg("%s: no \"%s\" in:\n%s", cases[i].name,
			    cases[i].want, t);
		if (cases[i].not != NULL && strstr(t, cases[i].not) != NULL)
			fail_msg("%s: \"%s\" in:\n%s", cases[i].name,
			    cases[i].not, t);
		free(t);
	}
}

/*
 * Microsoft's PTR:(none) in Chinese: the cause glosses PTR as 反向解析
 * (the glossary's 反向解析（PTR）), its evidence line below says PTR alone,
 * not the gloss again the other way round.
 */
static void
test_ptr_evidence_zh(void **state)
{
	char *t = printed("08-office365-junk-spf-fail.eml", LANG_ZH);
	const char *cause;

	(void)state;
	if ((cause = strstr(t, "发信 IP 没有反向解析（PTR）名称")) == NULL ||
	    strstr(cause, "X-Forefront-Antispam-Report：PTR 为空]") == NULL ||
	    strstr(t, "PTR（反向解析）") != NULL)
		fail_msg("the PTR cause and its evidence:\n%s", t);
	free(t);
}

/*
 * A hop past the receiver's border (Gmail's "Received: by 2002:a05:...
 * with SMTP") is its own systems': not called unencrypted, on the
 * terminal or in the report, while the hops up to the border keep their
 * TLS words.
 */
static void
test_hop_tls_words(void **state)
{
	static const char *const want[] = { "dlv.tls_no", "dlv.tls_no",
	    "dlv.inside" };
	const json_t *recs[1];
	struct report_opts ro = { LANG_EN, NULL, 0, 0, 0, 0 };
	struct wrap_out lay;
	struct delivered d;
	GMimeMessage *m;
	json_t *o, *h;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	(void)state;
	assert_non_null(m = load(DIR_FIXTURES
	    "/02-gmail-spam-softfail-nodkim.eml"));
	assert_int_equal(analyse(m, NULL, &d), 0);
	o = delivered_to_json(&d, LANG_EN, false, NULL);
	assert_int_equal(json_array_size(json_object_get(o, "hops")), 3);
	json_array_foreach(json_object_get(o, "hops"), i, h)
		assert_string_equal(delivered_hop_tls_key(h), want[i]);
	assert_non_null(f = open_memstream(&buf, &len));
	lay = wrap_out_of(f);
	delivered_print(f, &lay, o, LANG_EN);
	fclose(f);
	assert_non_null(strstr(buf, "mx.google.com  ESMTP, no TLS"));
	assert_non_null(strstr(buf, "SMTP, inside the receiver"));
	assert_null(strstr(buf, "5678  SMTP, no TLS"));
	free(buf);
	buf = NULL;
	json_object_set_new(o, "kind", json_string("delivered_message"));
	recs[0] = o;
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(report_write_html(f, recs, 1, &ro, true), 0);
	fclose(f);
	assert_non_null(strstr(buf, "SMTP · inside the receiver"));
	assert_non_null(strstr(buf, "no TLS"));
	assert_null(strstr(buf, "SMTP · no TLS</span>"));
	free(buf);
	json_decref(o);
	delivered_free(&d);
	g_object_unref(m);
}

/*
 * The report's "Delivered messages" section from every fixture as
 * `explain --json` writes it (kind delivered_message): one article each,
 * hostile text escaped, and a record with odd fields drawn without harm.
 */
static void
test_report(void **state)
{
	char eml[512], *buf = NULL;
	struct report_opts ro = { LANG_EN, NULL, 0, 0, 0, 0 };
	json_t *recs[64], *o;
	struct delivered d;
	struct dirent *e;
	GMimeMessage *m;
	size_t n = 0, len = 0, i, arts = 0;
	const char *p;
	FILE *f;
	DIR *dir;

	(void)state;
	assert_non_null(dir = opendir(DIR_FIXTURES));
	while ((e = readdir(dir)) != NULL && n < 62) {
		if (strstr(e->d_name, ".eml") == NULL)
			continue;
		(void)snprintf(eml, sizeof(eml), "%s/%s", DIR_FIXTURES, e->d_name);
		assert_non_null(m = load(eml));
		assert_int_equal(analyse(m, NULL, &d), 0);
		o = delivered_to_json(&d, LANG_EN, false, eml);
		json_object_set_new(o, "kind", json_string("delivered_message"));
		json_object_set_new(o, "file", json_string(eml));
		recs[n++] = o;
		delivered_free(&d);
		g_object_unref(m);
	}
	closedir(dir);
	/* odd fields: wrong types, an unknown cause, markup in strings */
	recs[n++] = json_pack("{s:s, s:[{s:i, s:s, s:s}], s:{s:s, s:[{s:s, s:i}]}}",
	    "kind", "delivered_message", "hops", "delay_s", -5, "by",
	    "<script>x</script>", "ip", "\x1b[2J", "spam", "verdict", "<b>",
	    "reasons", "cause", "no_such_cause", "text", 3);
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(report_write_html(f, (const json_t *const *)recs, n,
	    &ro, true), 0);
	fclose(f);
	assert_non_null(strstr(buf, "<section id=\"delivered\">"));
	for (p = buf; (p = strstr(p, "<article class=\"path\" id=\"d")) != NULL;
	    p++)
		arts++;
	assert_int_equal(arts, n);
	assert_null(strstr(buf, "<script>x"));
	assert_null(memchr(buf, 0x1b, len));
	assert_non_null(strstr(buf, "relay2.example.cn"));
	for (i = 0; i < n; i++)
		json_decref(recs[i]);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_many_hops),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_reject_score),
		cmocka_unit_test(test_ptr_evidence_zh),
		cmocka_unit_test(test_hop_tls_words),
		cmocka_unit_test(test_report),
	};
	int rc;

	/* as explain sets GMime up: a pasted message is read as any input
	 * (source.h), its own fields kept (hdrstream.h) */
	mime_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	g_mime_shutdown();
	return rc;
}
