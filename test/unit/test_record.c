/*
 * test_record.c - the record's two writers: result_to_json (the JSON
 * object of docs/json.md, the documented interface) and trace_print (the
 * terminal trace).  One result with hostile server text (NUL, ESC, C1,
 * invalid UTF-8, bidi override, a bare CR) is written both ways: the JSON
 * has exactly the documented fields, "summary" first, the bytes escaped by
 * jansson and read back unchanged with JSON_ALLOW_NUL; the trace shows
 * every such byte as \xNN and never emits one raw.  A record with every
 * branch (make_full) is written byte for byte as the jansson tree writer
 * wrote it (test/unit/data/record_full.json).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/limits.h"
#include "record/result_json.h"
#include "base/wrap.h"
#include "record/trace.h"

#define B(s)	s, sizeof(s) - 1

static void
strlcpy_(char *dst, const char *src, size_t size)
{
	snprintf(dst, size, "%s", src);
}

static const char banner[] = "mx ESMTP \x1b[31mred\x1b[0m \x00nul";
static const char rcpt_text[] = "<alice@x.test>: a\x00" "b \xff caf\xc3\xa9"
    " \xc2\x85 \xe2\x80\xae" "evil \rcr";

/* A result decided at RCPT, with two steps, a warning and an MX entry. */
static void
make_result(struct probe_result *r)
{
	struct attempt *a;
	struct step *st;

	result_init(r, "alice@x.test");
	r->domain = xstrdup("x.test");
	r->mx = xcalloc(1, sizeof(*r->mx));
	r->nmx = 1;
	r->mx[0].host = xstrdup("mx.x.test");
	r->mx[0].preference = 10;
	strlist_add(&r->mx[0].addresses, "192.0.2.1");
	strlist_add(&r->mx[0].warnings, "MX target is a CNAME to y");
	a = result_add_attempt(r);
	attempt_init(a, "mx.x.test", "192.0.2.1", 25);
	st = attempt_add_step(a, STAGE_BANNER, NULL);
	step_set_reply(st, 220, "", B(banner));
	st->ms = 12;
	st = attempt_add_step(a, STAGE_RCPT, "RCPT TO:<alice@x.test>");
	step_set_reply(st, 550, "5.1.1", B(rcpt_text));
	st->ms = 34;
	result_decide(r, VERDICT_UNDELIVERABLE, STAGE_RCPT,
	    REASON_MAILBOX_UNKNOWN, st, NULL);
	r->catch_all = 0;
	r->dns_ms = 5;
	r->total_ms = 60;
	r->deadline_ms = 120000;
	strlist_add(&r->warnings, "odd: \x1b]0;title\x07");
}

/*
 * Every branch of the record: TLS with DANE, a proxy, a reused session,
 * MTA-STS and TLS-RPT, DNSSEC, TLSA, the notes about the address, hostile
 * bytes in every kind of string field.
 */
static void
make_full(struct probe_result *r)
{
	struct attempt *a;
	struct step *st;
	struct tls_policy_rec *p;

	make_result(r);
	memcpy(r->started_at, "2026-11-30T12:00:00.123Z", 25);
	strlcpy_(r->blocklist, "zen.\"spam\"haus", sizeof(r->blocklist));
	r->source_ip = xstrdup("192.0.2.99");
	memcpy(r->dnssec, "secure", 7);
	r->catch_all = 1;
	r->mx[0].preference = -1;
	memcpy(r->mx[0].dnssec, "insecure", 9);
	memcpy(r->mx[0].dane, "applies", 8);
	memcpy(r->mx[0].tlsa_dnssec, "secure", 7);
	strlist_add(&r->mx[0].tlsa, "3 1 1 00ff");
	a = result_add_attempt(r);
	attempt_init(a, "mx.x.test", "2001:db8::1", 587);
	memcpy(a->local_ip, "2001:db8::2", 12);
	a->proxy = xstrdup("127.0.0.1:1080");
	a->proxy_bound = xstrdup("198.51.100.7:4000");
	a->session = 3;
	a->reused = true;
	a->error = xstrdup("timeout \x01 after \"x\"");
	a->tls = xcalloc(1, sizeof(*a->tls));
	a->tls->version = xstrdup("TLSv1.3");
	a->tls->cipher = xstrdup("TLS_AES_256_GCM_SHA384");
	a->tls->cipher_bits = 256;
	a->tls->cipher_alg_bits = 256;
	a->tls->kex = xstrdup("X25519");
	a->tls->kex_bits = 253;
	a->tls->sig = xstrdup("RSA-PSS");
	a->tls->sig_digest = xstrdup("SHA256");
	a->tls->key_bits = 2048;
	a->tls->resumed = true;
	a->tls->verify_error = xstrdup("self-signed \\ certificate");
	a->tls->subject = xstrdup("CN=mx.x.test\xff");
	a->tls->not_after = xstrdup("2027-01-01T00:00:00Z");
	a->tls->not_before = xstrdup("2026-01-01T00:00:00Z");
	a->tls->matched_name = xstrdup("*.x.test");
	a->tls->verify_depth = 1;
	a->tls->verify_subject = xstrdup("/CN=int\x1b[31m\xff");
	a->tls->verify_issuer = xstrdup("/CN=\"root\"");
	a->tls->sha256 = xstrdup("00ff");
	a->tls->pkey_sha256 = xstrdup("ff00");
	strlist_add(&a->tls->sans, "mx.x.test");
	strlist_add(&a->tls->sans, "*.x.test/\t");
	strlist_add(&a->tls->chain, "/CN=mx.x.test");
	strlist_add(&a->tls->chain, "/CN=\"int\"\x1b");
	a->tls->dane = xcalloc(1, sizeof(*a->tls->dane));
	a->tls->dane->usable = 2;
	strlist_add(&a->tls->dane->unusable, "7 1 1 00: unknown usage");
	a->tls->dane->matched = xstrdup("3 1 1 00ff");
	a->tls->dane->depth = -1;
	strlist_add(&a->tls->dane->own, "3 1 1 00ff");
	st = attempt_add_step(a, STAGE_CONNECT, NULL);
	st->error = xstrdup("connection refused");
	st->ms = -1;
	st = attempt_add_step(a, STAGE_EHLO, "EHLO \xe4\xb8\xad.test");
	step_set_reply(st, 250, "", B("mx\npipelining\n8BITMIME"));
	st->ms = 1234567890123LL;
	r->policy = p = xcalloc(1, sizeof(*p));
	p->sts_txt = true;
	memcpy(p->sts_dnssec, "bogus", 6);
	p->sts_id = xstrdup("2026\"id");
	p->sts_policy = true;
	p->sts_mode = xstrdup("enforce");
	p->sts_max_age = 604800;
	strlist_add(&p->sts_mx, "*.x.test");
	strlist_add(&p->sts_notes, "odd\x7f");
	p->sts_satisfied = 0;
	p->rpt = true;
	strlist_add(&p->rpt_rua, "mailto:tls@x.test");
	p->rpt_error = xstrdup("two records");
	r->notes.given = xstrdup("\"Alice\" <ALICE@x.test>\x00");
	strlist_add(&r->notes.changes, "name_addr");
	strlist_add(&r->notes.changes, "fullwidth");
	r->notes.suggestion = xstrdup("alice@x.test");
	r->notes.role = true;
	r->notes.disposable = true;
}

/*
 * A copied attempt (as a cached session's result is copied to each
 * recipient) says exactly what its source says in the record: every TLS
 * and DANE member copied, each owned text its own (ASan sees both freed).
 */
static void
test_attempt_copy(void **state)
{
	struct probe_result r, c;
	struct attempt *src;
	json_t *o, *oc, *a, *ac;

	(void)state;
	make_full(&r);
	src = &r.attempts[r.nattempts - 1];
	src->tls->key_curve = xstrdup("prime256v1");
	src->tls->issuer = xstrdup("CN=Lab CA");
	src->tls->dane->error = xstrdup("no TLSA record matches");
	src->tls->verify_untrusted = true;
	result_init(&c, r.address);
	attempt_copy(result_add_attempt(&c), src);
	assert_ptr_not_equal(c.attempts[0].tls, src->tls);
	assert_ptr_not_equal(c.attempts[0].tls->dane, src->tls->dane);
	assert_ptr_not_equal(c.attempts[0].tls->cipher, src->tls->cipher);
	assert_ptr_not_equal(c.attempts[0].tls->sans.v,
	    src->tls->sans.v);
	o = result_to_json(&r, LANG_EN);
	oc = result_to_json(&c, LANG_EN);
	a = json_array_get(json_object_get(o, "attempts"), r.nattempts - 1);
	ac = json_array_get(json_object_get(oc, "attempts"), 0);
	assert_non_null(json_object_get(json_object_get(a, "tls"), "dane"));
	assert_true(json_equal(a, ac));
	json_decref(o);
	json_decref(oc);
	result_free(&c);
	result_free(&r);
}

static void
test_json_fields(void **state)
{
	static const char *const keys[] = { "summary", "address", "domain",
		"verdict", "stage", "reason", "explanation", "reply", "blocklist",
		"mx", "attempts", "catch_all", "warnings", "timing", "started_at",
		"source_ip", "normalized", "suggestion", "role", "disposable",
		"dnssec", "tls_policy", NULL };
	struct probe_result r;
	json_t *o, *back, *reply, *steps, *t;
	json_error_t je;
	const char *k;
	char *dump;
	size_t i, n;
	void *it;

	(void)state;
	make_result(&r);
	o = result_to_json(&r, LANG_EN);
	dump = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(dump);
	assert_memory_equal(dump, "{\"summary\":\"bad\",", 17);
	for (i = 0; dump[i] != '\0'; i++)
		assert_true((unsigned char)dump[i] >= 0x20);
	assert_non_null(strstr(dump, "a\\u0000b"));
	assert_non_null(strstr(dump, "\\u001B[31mred") ?
	    strstr(dump, "\\u001B[31mred") : strstr(dump, "\\u001b[31mred"));

	/* exactly the documented fields, in order */
	for (it = json_object_iter(o), i = 0; it != NULL;
	    it = json_object_iter_next(o, it), i++) {
		k = json_object_iter_key(it);
		if (keys[i] == NULL || strcmp(k, keys[i]) != 0)
			fail_msg("field %zu is %s, want %s", i, k,
			    keys[i] ? keys[i] : "(none)");
	}
	assert_null(keys[i]);

	/* read back as every reader does: NUL and all */
	back = json_loads(dump, JSON_ALLOW_NUL, &je);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "verdict")),
	    "undeliverable");
	assert_string_equal(json_string_value(json_object_get(back, "stage")), "rcpt");
	assert_string_equal(json_string_value(json_object_get(back, "reason")),
	    "mailbox_unknown");
	assert_true(strlen(json_string_value(json_object_get(back,
	    "explanation"))) > 20);
	reply = json_object_get(back, "reply");
	assert_int_equal(json_integer_value(json_object_get(reply, "code")), 550);
	assert_string_equal(json_string_value(json_object_get(reply, "enhanced")),
	    "5.1.1");
	t = json_object_get(reply, "text");
	n = json_string_length(t);
	/* invalid UTF-8 becomes U+FFFD; everything else is kept as sent */
	assert_int_equal(n, sizeof(rcpt_text) - 1 + 2);
	assert_memory_equal(json_string_value(t),
	    "<alice@x.test>: a\0b \xef\xbf\xbd caf", 27);
	assert_true(json_is_null(json_object_get(back, "blocklist")));
	assert_true(json_is_false(json_object_get(back, "catch_all")));
	assert_true(json_is_null(json_object_get(back, "source_ip")));
	t = json_array_get(json_object_get(back, "mx"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "host")), "mx.x.test");
	assert_int_equal(json_integer_value(json_object_get(t, "preference")), 10);
	assert_int_equal(json_array_size(json_object_get(t, "warnings")), 1);
	t = json_array_get(json_object_get(back, "attempts"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "ip")), "192.0.2.1");
	assert_int_equal(json_integer_value(json_object_get(t, "port")), 25);
	assert_true(json_is_null(json_object_get(t, "tls")));
	steps = json_object_get(t, "steps");
	assert_int_equal(json_array_size(steps), 2);
	t = json_array_get(steps, 0);
	assert_string_equal(json_string_value(json_object_get(t, "stage")), "banner");
	assert_true(json_is_null(json_object_get(t, "command")));
	assert_true(json_is_null(json_object_get(t, "enhanced")));
	assert_int_equal(json_integer_value(json_object_get(t, "ms")), 12);
	assert_int_equal(json_string_length(json_object_get(t, "text")),
	    sizeof(banner) - 1);
	assert_memory_equal(json_string_value(json_object_get(t, "text")), banner,
	    sizeof(banner) - 1);
	t = json_object_get(back, "timing");
	assert_int_equal(json_integer_value(json_object_get(t, "dns_ms")), 5);
	assert_int_equal(json_integer_value(json_object_get(t, "total_ms")), 60);
	/* the limit it ran under: what --resume compares (resume.c) */
	assert_int_equal(json_integer_value(json_object_get(t, "deadline_ms")),
	    120000);
	assert_int_equal(strlen(json_string_value(json_object_get(back,
	    "started_at"))), 24);

	/* the explanation follows the language */
	json_decref(o);
	o = result_to_json(&r, LANG_ZH);
	assert_string_not_equal(json_string_value(json_object_get(o, "explanation")),
	    json_string_value(json_object_get(back, "explanation")));
	json_decref(o);
	json_decref(back);
	free(dump);
	result_free(&r);
}

/*
 * The record is written as text (result_json_open), not as a jansson tree:
 * its bytes must stay those the tree writer made.  record_full.json was
 * written by the tree writer (json_dumps, JSON_COMPACT) for make_full()
 * before it was replaced, with the explanation (catalogue text, which may
 * change) as @EXPL@.
 */
static void
test_json_golden(void **state)
{
	struct probe_result r;
	struct jsonw w, e;
	char *golden = NULL, *expl, *at;
	size_t cap = 0;
	ssize_t n;
	FILE *f;
	json_t *back;

	(void)state;
	make_full(&r);
	f = fopen("test/unit/data/record_full.json", "r");
	assert_non_null(f);
	n = getline(&golden, &cap, f);
	fclose(f);
	assert_true(n > 2);
	golden[n - 1] = '\0';
	at = strstr(golden, "\"@EXPL@\"");
	assert_non_null(at);
	jsonw_init(&e);
	expl = result_explain(&r, LANG_EN);
	JSONW_LIT(&e, "x");
	jsonw_raw(&e, golden, (size_t)(at - golden));
	jsonw_str(&e, expl);
	jsonw_raw(&e, at + 8, strlen(at + 8));
	free(expl);

	jsonw_init(&w);
	JSONW_LIT(&w, "x");	/* appended, not written from the start */
	result_json_open(&w, &r, LANG_EN);
	JSONW_LIT(&w, "}");
	assert_string_equal(w.buf, e.buf);
	assert_int_equal(w.len, e.len);

	/* the tree form reads the same text back */
	back = result_to_json(&r, LANG_EN);
	expl = json_dumps(back, JSON_COMPACT);
	assert_string_equal(expl, e.buf + 1);
	free(expl);
	json_decref(back);

	/* reused: cut back and written again, the same bytes */
	jsonw_cut(&w, 1);
	result_json_open(&w, &r, LANG_EN);
	JSONW_LIT(&w, "}");
	assert_string_equal(w.buf, e.buf);
	jsonw_free(&w);
	jsonw_free(&e);
	free(golden);
	result_free(&r);
}

/*
 * Every line of the trace within 80 columns but a server's reply ("< ")
 * and what was sent ("> "): a server's words are shown as they came.
 */
static void
own_words_fit(const char *out)
{
	const char *p = out, *nl;
	char *line;

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		line = strndup(p, (size_t)(nl - p));
		assert_non_null(line);
		if (strstr(line, "< ") == NULL && strstr(line, "> ") == NULL &&
		    wrap_cols(line) > 80)
			fail_msg("%zu columns: %s", wrap_cols(line), line);
		free(line);
		if (*nl == '\0')
			break;
	}
}

static void
test_trace(void **state)
{
	struct probe_result r;
	char *out = NULL;
	size_t len = 0, i;
	FILE *f;

	(void)state;
	make_result(&r);
	f = open_memstream(&out, &len);
	trace_print(f, &r, LANG_EN);
	fclose(f);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)out[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			fail_msg("raw byte 0x%02x at %zu in the trace:\n%s", c, i, out);
	}
	assert_int_equal(strlen(out), len);		/* no NUL either */
	assert_null(strstr(out, "\xc2\x85"));		/* C1 as \xC2\x85 */
	assert_null(strstr(out, "\xe2\x80\xae"));	/* no bidi override */
	assert_non_null(strstr(out, "\\x1B[31mred"));
	assert_non_null(strstr(out, "\\x00nul"));
	assert_non_null(strstr(out, "a\\x00b \\xFF caf\xc3\xa9 \\xC2\\x85 "
	    "\\xE2\\x80\\xAEevil \\rcr"));
	assert_non_null(strstr(out, "RCPT TO:<alice@x.test>"));
	assert_non_null(strstr(out, "< 550 5.1.1"));
	assert_non_null(strstr(out, "\\x1B]0;title\\x07"));
	assert_non_null(strstr(out, "[undeliverable]"));
	/* the reason and the stage in words; the names are for --json */
	assert_non_null(strstr(out, "Reason: Mailbox does not exist"));
	assert_non_null(strstr(out, "Stage: Recipient (RCPT TO)"));
	assert_null(strstr(out, "mailbox_unknown"));
	own_words_fit(out);
	free(out);

	/* Chinese labels, the same escaping */
	out = NULL;
	f = open_memstream(&out, &len);
	trace_print(f, &r, LANG_ZH);
	fclose(f);
	assert_non_null(strstr(out, "\\x1B[31mred"));
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "[undeliverable]"));
	assert_non_null(strstr(out, "原因：邮箱不存在"));
	/* a stage and a time named as the CSV and the report name them */
	assert_non_null(strstr(out, "阶段：收件人（RCPT TO）"));
	assert_non_null(strstr(out, catalog_label(LANG_ZH, "stage.rcpt")));
	assert_non_null(strstr(out, " 毫秒"));
	assert_null(strstr(out, " ms"));
	assert_null(strstr(out, "RCPT TO 收件人"));
	assert_null(strstr(out, "mailbox_unknown"));
	assert_null(strstr(out, "阶段：rcpt"));
	own_words_fit(out);
	free(out);
	result_free(&r);
}

/* The trace of one attempt whose TLS step holds tls, in lang, with its
 * wrapped lines joined again (owned). */
static char *
trace_tls(struct tls_info *tls, const char *mx, enum lang lang)
{
	struct probe_result r;
	struct attempt *a;
	struct step *st;
	char *out = NULL, *p, *q;
	size_t len = 0;
	FILE *f;

	result_init(&r, "alice@x.test");
	a = result_add_attempt(&r);
	attempt_init(a, mx, "192.0.2.1", 25);
	a->tls = tls;
	st = attempt_add_step(a, STAGE_STARTTLS, NULL);
	st->ms = 3;
	f = open_memstream(&out, &len);
	trace_print(f, &r, lang);
	fclose(f);
	result_free(&r);
	for (p = q = out; *p != '\0'; p++) {
		if (*p == '\n' && p[1] == ' ') {
			while (p[1] == ' ')
				p++;
			if (lang == LANG_EN)
				*q++ = ' ';
			continue;
		}
		*q++ = *p;
	}
	*q = '\0';
	return out;
}

#define CHAIN(...)	((const char *const[]){ __VA_ARGS__, NULL })

/*
 * A certificate chain the server sent (chain, its own certificate first)
 * whose verification stopped at depth, at an issuer not trusted here, as
 * OpenSSL reports it (owned, for trace_tls).
 */
static struct tls_info *
untrusted_tls(int depth, const char *issuer, const char *const *chain)
{
	struct tls_info *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->verify_error = xstrdup("unable to get local issuer certificate");
	t->verify_depth = depth;
	t->verify_subject = xstrdup(chain[depth]);
	t->verify_issuer = xstrdup(issuer);
	t->verify_untrusted = true;
	for (i = 0; chain[i] != NULL; i++)
		strlist_add(&t->chain, chain[i]);
	return t;
}

/*
 * What the TLS line says about a certificate that failed: the untrusted
 * issuer, the failing certificate up the chain, a past expiry, the names
 * it carries instead of the host's (at most five, then how many more), a
 * wildcard that matched, the DANE-EE record it would need; the
 * certificate's bytes escaped.
 */
static void
test_trace_tls(void **state)
{
	struct tls_info *t;
	char *out;
	int i;

	(void)state;
	t = untrusted_tls(1, "/CN=Evil\x1b[31m Root",
	    CHAIN("/CN=mx.x.test", "/CN=int"));
	t->version = xstrdup("TLSv1.3");
	t->cipher = xstrdup("X");
	t->not_after = xstrdup("2026-01-02T00:00:00Z");
	t->expired = true;
	for (i = 0; i < 8; i++)
		strlist_addf(&t->sans, "n%d.test", i);
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "certificate NOT verified (unable to get "
	    "local issuer certificate; issued by /CN=Evil\\x1B[31m Root, "
	    "which is not trusted here)"));
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "mx.x.test is not a name on it (it names "
	    "n0.test, n1.test, n2.test, n3.test, n4.test and 3 more)"));
	assert_non_null(strstr(out, "EXPIRED on 2026-01-02"));
	assert_null(strstr(out, "expires"));
	free(out);

	/* the server's own certificate alone, its issuer an intermediate */
	t = untrusted_tls(0, "/CN=R3", CHAIN("/CN=mx.x.test"));
	t->verify_unsent = true;
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "issued by /CN=R3, which is not trusted "
	    "here; the server sent no intermediate certificate)"));
	free(out);

	/* ... sent with a root that did not issue it */
	t = untrusted_tls(0, "/CN=R3", CHAIN("/CN=mx.x.test", "/CN=Root X1"));
	t->verify_unsent = true;
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "issued by /CN=R3, which is not trusted "
	    "here; the server did not send it (a missing intermediate "
	    "certificate))"));
	free(out);

	/* ... alone under a private root: the root is the cause */
	t = untrusted_tls(0, "/CN=Private Root", CHAIN("/CN=mx.x.test"));
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "issued by /CN=Private Root, which is not "
	    "trusted here)"));
	assert_null(strstr(out, "intermediate"));
	free(out);

	t = xcalloc(1, sizeof(*t));
	t->verify_error = xstrdup("certificate has expired");
	t->verify_depth = 1;
	t->verify_subject = xstrdup("/CN=Old Intermediate");
	t->name_match = true;
	t->matched_name = xstrdup("*.x.test");
	t->not_before = xstrdup("2027-01-01T00:00:00Z");
	t->not_after = xstrdup("2028-01-01T00:00:00Z");
	t->not_yet_valid = true;
	out = trace_tls(t, "mx.x.test", LANG_ZH);
	assert_non_null(strstr(out, "证书已过期；出错的是证书链第 1 层："
	    "/CN=Old Intermediate"));
	assert_non_null(strstr(out, "名称匹配（*.x.test）"));
	assert_non_null(strstr(out, "2027-01-01 起才生效"));
	free(out);

	t = xcalloc(1, sizeof(*t));
	t->verify_error = xstrdup("no matching DANE TLSA records");
	t->dane = xcalloc(1, sizeof(*t->dane));
	t->dane->usable = 1;
	t->dane->error = xstrdup("no TLSA record matches the certificate");
	strlist_add(&t->dane->own, "3 1 1 5f52");
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "DANE (TLSA) failed: no TLSA record matches "
	    "the certificate"));
	assert_non_null(strstr(out, "the certificate's own: 3 1 1 5f52"));
	/* the DANE line says the failure; the certificate's clause not again */
	assert_non_null(strstr(out, "certificate NOT verified, "));
	assert_null(strstr(out, "no matching DANE TLSA records"));
	free(out);

	t = xcalloc(1, sizeof(*t));
	t->verified = true;
	t->dane = xcalloc(1, sizeof(*t->dane));
	t->dane->verified = true;
	t->dane->matched = xstrdup("3 1 1 5f52");
	t->dane->matched_usage = 3;
	strlist_add(&t->dane->own, "3 1 1 5f52");
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "name not checked (DANE-EE binds the key "
	    "alone)"));
	assert_null(strstr(out, "the certificate's own"));
	assert_non_null(strstr(out, "DANE (TLSA) verified: 3 1 1 5f52 "
	    "(matched at depth 0: the server's own certificate)"));
	free(out);

	/* DANE-TA: the record matched the issuer one up the chain */
	t = xcalloc(1, sizeof(*t));
	t->verified = true;
	t->name_match = true;
	t->dane = xcalloc(1, sizeof(*t->dane));
	t->dane->verified = true;
	t->dane->depth = 1;
	t->dane->matched = xstrdup("2 1 1 00aa");
	out = trace_tls(t, "mx.x.test", LANG_ZH);
	assert_non_null(strstr(out, "2 1 1 00aa（匹配的是证书链第 1 层："
	    "服务器证书的签发者）"));
	free(out);

	/* a DANE-TA (2) match binds an issuer: the name still counts */
	t = xcalloc(1, sizeof(*t));
	t->verified = true;
	strlist_add(&t->sans, "other.test");
	t->dane = xcalloc(1, sizeof(*t->dane));
	t->dane->verified = true;
	t->dane->matched = xstrdup("2 0 1 5f52");
	t->dane->matched_usage = 2;
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_null(strstr(out, "DANE-EE"));
	assert_non_null(strstr(out, "mx.x.test is not a name on it (it names "
	    "other.test)"));
	free(out);
}

/*
 * How strong the session is, as posttls-finger's one line says it: the
 * cipher's bits, the key exchange, the server's signature with its key's
 * curve or bits and its digest; DHE with its bits; a cipher that uses
 * fewer bits than its algorithm's; nothing for what a resumed session did
 * not do (sign), in English and Chinese.
 */
static void
test_trace_tls_params(void **state)
{
	struct tls_info *t;
	char *out, *p, *q;

	(void)state;
	t = xcalloc(1, sizeof(*t));
	t->version = xstrdup("TLSv1.3");
	t->cipher = xstrdup("TLS_AES_256_GCM_SHA384");
	t->cipher_bits = t->cipher_alg_bits = 256;
	t->kex = xstrdup("X25519");
	t->kex_bits = 253;
	t->sig = xstrdup("ECDSA");
	t->sig_digest = xstrdup("SHA256");
	t->key_bits = 256;
	t->key_curve = xstrdup("prime256v1");
	t->verified = true;
	t->name_match = true;
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "TLSv1.3 TLS_AES_256_GCM_SHA384 (256 bits), "
	    "key exchange X25519, server signature ECDSA prime256v1 with "
	    "SHA256, certificate verified"));
	free(out);

	t = xcalloc(1, sizeof(*t));
	t->version = xstrdup("TLSv1.2");
	t->cipher = xstrdup("DHE-RSA-AES128-SHA");
	t->cipher_bits = 128;
	t->cipher_alg_bits = 256;
	t->kex = xstrdup("DHE");
	t->kex_bits = 2048;
	t->sig = xstrdup("RSA");
	t->sig_digest = xstrdup("SHA1");
	t->key_bits = 4096;
	out = trace_tls(t, "mx.x.test", LANG_ZH);
	/* a Chinese line may wrap at a blank, which the join drops */
	for (p = q = out; *p != '\0'; p++)
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	assert_non_null(strstr(out, "DHE-RSA-AES128-SHA（256位中的128位），"
	    "密钥交换DHE2048位，服务器签名RSA4096位（摘要SHA1），"
	    "证书未通过验证"));
	free(out);

	/* resumed: no signature, no digest; no bits known, none said */
	t = xcalloc(1, sizeof(*t));
	t->version = xstrdup("TLSv1.3");
	t->cipher = xstrdup("TLS_AES_128_GCM_SHA256");
	t->kex = xstrdup("prime256v1");
	t->key_bits = 2048;
	t->resumed = true;
	t->verified = true;
	t->name_match = true;
	out = trace_tls(t, "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "TLSv1.3 TLS_AES_128_GCM_SHA256, key "
	    "exchange prime256v1, certificate verified"));
	assert_null(strstr(out, "signature"));
	free(out);
}

/*
 * "Certificate verified" only for a trusted issuer's certificate for this
 * server: one from a trusted issuer for other names says so, not
 * "verified, mx.x.test is not a name on it"; en and zh.
 */
static struct tls_info *
trusted_tls(bool name_match)
{
	struct tls_info *t = xcalloc(1, sizeof(*t));

	t->version = xstrdup("TLSv1.3");
	t->cipher = xstrdup("X");
	t->verified = true;
	t->name_match = name_match;
	strlist_addf(&t->sans, "mx1.other.test");
	return t;
}

static void
test_trace_tls_trust(void **state)
{
	char *out;

	(void)state;
	out = trace_tls(trusted_tls(false), "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "certificate from a trusted issuer, "
	    "mx.x.test is not a name on it (it names mx1.other.test)"));
	assert_null(strstr(out, "verified"));
	free(out);
	out = trace_tls(trusted_tls(false), "mx.x.test", LANG_ZH);
	assert_non_null(strstr(out, "证书由受信任的机构签发，证书上没有 mx.x.test"));
	assert_null(strstr(out, "证书验证通过"));
	free(out);
	out = trace_tls(trusted_tls(true), "mx.x.test", LANG_EN);
	assert_non_null(strstr(out, "certificate verified, name matches"));
	free(out);
}

/*
 * An address too long to be one is cut in the trace's first line, at a
 * character's start, with its length said; --json keeps it whole.
 */
static void
test_trace_long_address(void **state)
{
	struct probe_result r;
	char in[1200], *out = NULL, *line;
	size_t len = 0, i;
	FILE *f;

	(void)state;
	for (i = 0; i + 3 < 1000; i += 3)	/* 333 times "张": 999 bytes */
		memcpy(in + i, "\xe5\xbc\xa0", 3);
	memcpy(in + i, "@x.test", 8);
	result_init(&r, in);
	f = open_memstream(&out, &len);
	trace_head(f, &r, LANG_EN);
	fclose(f);
	line = strndup(out, strcspn(out, "\n"));
	assert_true(strlen(line) < strlen("mxtrace: ") + ADDRESS_SHOWN_MAX + 40);
	assert_null(strstr(line, "@x.test"));
	assert_non_null(strstr(line, "\xe5\xbc\xa0\xe2\x80\xa6 (1006 bytes in all)"));
	free(line);
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	trace_head(f, &r, LANG_ZH);
	fclose(f);
	assert_non_null(strstr(out, "（共 1006 字节）"));
	free(out);
	result_free(&r);
}

/*
 * A private address is the recipient domain's DNS to fix, but an address
 * literal names its private IP itself: no domain's DNS to blame.
 */
static void
test_private_literal(void **state)
{
	struct probe_result r;
	char *e;

	(void)state;
	result_init(&r, "alice@[10.0.0.1]");
	r.domain = xstrdup("[10.0.0.1]");
	r.verdict = VERDICT_UNREACHABLE;
	r.stage = STAGE_CONNECT;
	r.reason = REASON_PRIVATE_ADDRESS;
	e = result_explain(&r, LANG_EN);
	assert_non_null(strstr(e, "--allow-private"));
	assert_null(strstr(e, "DNS"));
	free(e);
	e = result_explain(&r, LANG_ZH);
	assert_non_null(strstr(e, "方括号"));
	free(e);
	free(r.domain);
	r.domain = xstrdup("intranet.test");
	e = result_explain(&r, LANG_EN);
	assert_non_null(strstr(e, "recipient domain's DNS"));
	free(e);
	result_free(&r);
}

/*
 * A list's row whose address cell is empty: the customer gave no address,
 * which is no typo, space or missing part to look for.
 */
static void
test_empty_address(void **state)
{
	struct probe_result r;
	char *e;

	(void)state;
	result_init(&r, "");
	r.verdict = VERDICT_INVALID_SYNTAX;
	r.stage = STAGE_SYNTAX;
	r.reason = REASON_INVALID_ADDRESS;
	e = result_explain(&r, LANG_EN);
	if (strstr(e, "empty") == NULL || strstr(e, "typos") != NULL)
		fail_msg("an empty cell explained as: %s", e);
	free(e);
	e = result_explain(&r, LANG_ZH);
	assert_non_null(strstr(e, "\xe7\xa9\xba"));	/* 空 */
	free(e);
	result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_attempt_copy),
		cmocka_unit_test(test_json_golden),
		cmocka_unit_test(test_trace_tls),
		cmocka_unit_test(test_trace_tls_params),
		cmocka_unit_test(test_trace_tls_trust),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_trace_long_address),
		cmocka_unit_test(test_private_literal),
		cmocka_unit_test(test_empty_address),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
