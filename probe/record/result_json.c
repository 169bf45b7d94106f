/*
 * result_json.c - the one writer of the JSON record (docs/json.md).
 * The record is written as text straight into a buffer (record/jsonw.c):
 * building a jansson tree per record and dumping it was most of verify's
 * CPU.  Server and input text is made valid UTF-8 (U+FFFD) and escaped by
 * jansson; the keys and their order are the literals below.
 */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "record/jsonw.h"
#include "record/result_json.h"

json_t *
json_bytes(const char *s, size_t len)
{
	json_t *j;
	size_t n;
	char *u;

	if (s == NULL)
		return json_null();
	u = esc_utf8(s, len, &n);
	j = json_stringn(u, n);
	free(u);
	return j ? j : json_string("");
}

static void
strlist_json(struct jsonw *w, const struct strlist *l)
{
	size_t i;

	JSONW_LIT(w, "[");
	for (i = 0; i < l->n; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		jsonw_str(w, l->v[i]);
	}
	JSONW_LIT(w, "]");
}

static void
step_json(struct jsonw *w, const struct step *s)
{
	JSONW_LIT(w, "{\"stage\":");
	jsonw_str(w, stage_name(s->stage));
	JSONW_LIT(w, ",\"command\":");
	jsonw_str(w, s->command);
	JSONW_LIT(w, ",\"code\":");
	jsonw_int_if(w, s->code != 0, s->code);
	JSONW_LIT(w, ",\"enhanced\":");
	jsonw_str_or_null(w, s->enhanced);
	JSONW_LIT(w, ",\"text\":");
	jsonw_bytes(w, s->text, s->textlen);
	JSONW_LIT(w, ",\"ms\":");
	jsonw_int(w, s->ms);
	JSONW_LIT(w, ",\"error\":");
	jsonw_str(w, s->error);
	JSONW_LIT(w, "}");
}

static void
dane_json(struct jsonw *w, const struct tls_dane *d)
{
	if (d == NULL) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"usable\":");
	jsonw_int(w, (long long)d->usable);
	JSONW_LIT(w, ",\"unusable\":");
	strlist_json(w, &d->unusable);
	JSONW_LIT(w, ",\"verified\":");
	jsonw_bool(w, d->verified);
	JSONW_LIT(w, ",\"matched\":");
	jsonw_str(w, d->matched);
	JSONW_LIT(w, ",\"depth\":");
	jsonw_int_if(w, d->depth >= 0, d->depth);
	JSONW_LIT(w, ",\"error\":");
	jsonw_str(w, d->error);
	JSONW_LIT(w, ",\"certificate\":");
	strlist_json(w, &d->own);
	JSONW_LIT(w, "}");
}

static void
tls_json(struct jsonw *w, const struct tls_info *t)
{
	if (t == NULL) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"version\":");
	jsonw_str(w, t->version);
	JSONW_LIT(w, ",\"cipher\":");
	jsonw_str(w, t->cipher);
	JSONW_LIT(w, ",\"cipher_bits\":");
	jsonw_int_if(w, t->cipher_bits > 0, t->cipher_bits);
	JSONW_LIT(w, ",\"cipher_alg_bits\":");
	jsonw_int_if(w, t->cipher_alg_bits > 0, t->cipher_alg_bits);
	JSONW_LIT(w, ",\"key_exchange\":");
	jsonw_str(w, t->kex);
	JSONW_LIT(w, ",\"key_exchange_bits\":");
	jsonw_int_if(w, t->kex_bits > 0, t->kex_bits);
	JSONW_LIT(w, ",\"server_signature\":");
	jsonw_str(w, t->sig);
	JSONW_LIT(w, ",\"server_digest\":");
	jsonw_str(w, t->sig_digest);
	JSONW_LIT(w, ",\"server_key_bits\":");
	jsonw_int_if(w, t->key_bits > 0, t->key_bits);
	JSONW_LIT(w, ",\"server_key_curve\":");
	jsonw_str(w, t->key_curve);
	JSONW_LIT(w, ",\"resumed\":");
	jsonw_bool(w, t->resumed);
	JSONW_LIT(w, ",\"verified\":");
	jsonw_bool(w, t->verified);
	JSONW_LIT(w, ",\"verify_error\":");
	jsonw_str(w, t->verify_error);
	JSONW_LIT(w, ",\"name_match\":");
	jsonw_bool(w, t->name_match);
	JSONW_LIT(w, ",\"subject\":");
	jsonw_str(w, t->subject);
	JSONW_LIT(w, ",\"issuer\":");
	jsonw_str(w, t->issuer);
	JSONW_LIT(w, ",\"not_after\":");
	jsonw_str(w, t->not_after);
	JSONW_LIT(w, ",\"not_before\":");
	jsonw_str(w, t->not_before);
	JSONW_LIT(w, ",\"matched_name\":");
	jsonw_str(w, t->matched_name);
	JSONW_LIT(w, ",\"verify_depth\":");
	jsonw_int_if(w, t->verify_subject != NULL, t->verify_depth);
	JSONW_LIT(w, ",\"verify_subject\":");
	jsonw_str(w, t->verify_subject);
	JSONW_LIT(w, ",\"verify_issuer\":");
	jsonw_str(w, t->verify_issuer);
	JSONW_LIT(w, ",\"sha256\":");
	jsonw_str(w, t->sha256);
	JSONW_LIT(w, ",\"pkey_sha256\":");
	jsonw_str(w, t->pkey_sha256);
	JSONW_LIT(w, ",\"sans\":");
	strlist_json(w, &t->sans);
	JSONW_LIT(w, ",\"chain\":");
	strlist_json(w, &t->chain);
	JSONW_LIT(w, ",\"dane\":");
	dane_json(w, t->dane);
	JSONW_LIT(w, "}");
}

static void
attempt_json(struct jsonw *w, const struct attempt *a)
{
	size_t i;

	JSONW_LIT(w, "{\"mx\":");
	jsonw_str(w, a->mx);
	JSONW_LIT(w, ",\"ip\":");
	jsonw_str(w, a->ip);
	JSONW_LIT(w, ",\"port\":");
	jsonw_int(w, a->port);
	JSONW_LIT(w, ",\"local_ip\":");
	jsonw_str_or_null(w, a->local_ip);
	JSONW_LIT(w, ",\"proxy\":");
	if (a->proxy == NULL)
		jsonw_null(w);
	else {
		JSONW_LIT(w, "{\"server\":");
		jsonw_str(w, a->proxy);
		JSONW_LIT(w, ",\"bound\":");
		jsonw_str_or_null(w, a->proxy_bound);
		JSONW_LIT(w, "}");
	}
	JSONW_LIT(w, ",\"tls\":");
	tls_json(w, a->tls);
	JSONW_LIT(w, ",\"steps\":[");
	for (i = 0; i < a->nsteps; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		step_json(w, &a->steps[i]);
	}
	JSONW_LIT(w, "],\"error\":");
	jsonw_str(w, a->error);
	JSONW_LIT(w, ",\"session\":");
	jsonw_int_if(w, a->session != 0, (long long)a->session);
	JSONW_LIT(w, ",\"reused\":");
	jsonw_bool(w, a->reused);
	JSONW_LIT(w, "}");
}

static void
normalized_json(struct jsonw *w, const struct addr_notes *n)
{
	if (n->given == NULL && n->changes.n == 0) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"given\":");
	jsonw_str(w, n->given);
	JSONW_LIT(w, ",\"changes\":");
	strlist_json(w, &n->changes);
	JSONW_LIT(w, "}");
}

json_t *
result_normalized_json(const struct addr_notes *n)
{
	struct jsonw w;
	json_t *o;

	jsonw_init(&w);
	normalized_json(&w, n);
	o = json_loadb(w.buf, w.len, JSON_ALLOW_NUL | JSON_DECODE_ANY, NULL);
	jsonw_free(&w);
	if (o == NULL)
		fatalx("%s: our own JSON does not parse", __func__);
	return o;
}

/*
 * An MX host as the plan saw it, with its DNSSEC status and DANE (TLSA)
 * findings.
 */
static void
mx_json(struct jsonw *w, const struct mx_summary *m)
{
	JSONW_LIT(w, "{\"host\":");
	jsonw_str(w, m->host);
	JSONW_LIT(w, ",\"preference\":");
	jsonw_int_if(w, m->preference >= 0, m->preference);
	JSONW_LIT(w, ",\"addresses\":");
	strlist_json(w, &m->addresses);
	JSONW_LIT(w, ",\"warnings\":");
	strlist_json(w, &m->warnings);
	JSONW_LIT(w, ",\"dnssec\":");
	jsonw_str_or_null(w, m->dnssec);
	JSONW_LIT(w, ",\"dane\":");
	jsonw_str_or_null(w, m->dane);
	JSONW_LIT(w, ",\"tlsa\":");
	if (m->tlsa.n == 0 && !m->tlsa_dnssec[0])
		jsonw_null(w);
	else {
		JSONW_LIT(w, "{\"dnssec\":");
		jsonw_str_or_null(w, m->tlsa_dnssec);
		JSONW_LIT(w, ",\"records\":");
		strlist_json(w, &m->tlsa);
		JSONW_LIT(w, "}");
	}
	JSONW_LIT(w, "}");
}

/* MTA-STS as found: null when it was not looked up. */
static void
sts_json(struct jsonw *w, const struct tls_policy_rec *p)
{
	if (p == NULL) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"published\":");
	jsonw_bool(w, p->sts_txt);
	JSONW_LIT(w, ",\"dnssec\":");
	jsonw_str_or_null(w, p->sts_dnssec);
	JSONW_LIT(w, ",\"id\":");
	jsonw_str(w, p->sts_id);
	JSONW_LIT(w, ",\"policy\":");
	jsonw_bool(w, p->sts_policy);
	JSONW_LIT(w, ",\"mode\":");
	jsonw_str(w, p->sts_mode);
	JSONW_LIT(w, ",\"max_age\":");
	jsonw_int_if(w, p->sts_policy, p->sts_max_age);
	JSONW_LIT(w, ",\"mx\":");
	strlist_json(w, &p->sts_mx);
	JSONW_LIT(w, ",\"notes\":");
	strlist_json(w, &p->sts_notes);
	JSONW_LIT(w, ",\"error\":");
	jsonw_str(w, p->sts_error);
	JSONW_LIT(w, ",\"satisfied\":");
	if (p->sts_satisfied < 0)
		jsonw_null(w);
	else
		jsonw_bool(w, p->sts_satisfied != 0);
	JSONW_LIT(w, "}");
}

static void
rpt_json(struct jsonw *w, const struct tls_policy_rec *p)
{
	if (p == NULL) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"published\":");
	jsonw_bool(w, p->rpt);
	JSONW_LIT(w, ",\"dnssec\":");
	jsonw_str_or_null(w, p->rpt_dnssec);
	JSONW_LIT(w, ",\"rua\":");
	strlist_json(w, &p->rpt_rua);
	JSONW_LIT(w, ",\"error\":");
	jsonw_str(w, p->rpt_error);
	JSONW_LIT(w, "}");
}

static bool
mx_has_dane(const struct mx_summary *m)
{
	return strcmp(m->dane, "applies") == 0 || strcmp(m->dane, "bogus") == 0;
}

/*
 * The recipient domain's TLS policy and whether its MX hosts satisfied it:
 * DANE applies when an MX host has DNSSEC-secure TLSA records; satisfied
 * when a session authenticated such a host by them, false when sessions
 * to them did not, null when none was reached.
 */
static void
tls_policy_json(struct jsonw *w, const struct probe_result *r)
{
	bool applies = false, any = false, ok = false;
	size_t i, k;

	JSONW_LIT(w, "{\"dane\":{\"applies\":");
	for (i = 0; i < r->nmx; i++) {
		if (!mx_has_dane(&r->mx[i]))
			continue;
		applies = true;
		for (k = 0; k < r->nattempts; k++) {
			const struct attempt *a = &r->attempts[k];

			if (strcmp(a->mx, r->mx[i].host) != 0)
				continue;
			any = true;
			if (a->tls != NULL && a->tls->dane != NULL &&
			    (a->tls->dane->verified ||
			    a->tls->dane->usable == 0))
				ok = true;
		}
	}
	jsonw_bool(w, applies);
	JSONW_LIT(w, ",\"hosts\":[");
	for (i = 0, k = 0; i < r->nmx; i++)
		if (mx_has_dane(&r->mx[i])) {
			if (k++ > 0)
				JSONW_LIT(w, ",");
			jsonw_str(w, r->mx[i].host);
		}
	JSONW_LIT(w, "],\"satisfied\":");
	if (applies && any)
		jsonw_bool(w, ok);
	else
		jsonw_null(w);
	JSONW_LIT(w, "},\"mta_sts\":");
	sts_json(w, r->policy);
	JSONW_LIT(w, ",\"tls_rpt\":");
	rpt_json(w, r->policy);
	JSONW_LIT(w, "}");
}

static void
reply_json(struct jsonw *w, const struct probe_result *r)
{
	if (!r->has_reply) {
		jsonw_null(w);
		return;
	}
	JSONW_LIT(w, "{\"code\":");
	jsonw_int(w, r->reply.code);
	JSONW_LIT(w, ",\"enhanced\":");
	jsonw_str_or_null(w, r->reply.enhanced);
	JSONW_LIT(w, ",\"text\":");
	jsonw_bytes(w, r->reply.text, r->reply.textlen);
	JSONW_LIT(w, "}");
}

/*
 * "summary" first (the simple answer a reader sees first), then the
 * probe's findings, then what was noticed about the address.
 */
void
result_json_open(struct jsonw *w, const struct probe_result *r, enum lang lang)
{
	const struct addr_notes *n = &r->notes;
	char *expl;
	size_t i;

	JSONW_LIT(w, "{\"summary\":");
	jsonw_str(w, summary_name(summary_of(r->verdict, n->disposable,
	    n->suggestion != NULL)));
	JSONW_LIT(w, ",\"address\":");
	jsonw_str(w, r->address);
	JSONW_LIT(w, ",\"domain\":");
	jsonw_str(w, r->domain);
	JSONW_LIT(w, ",\"verdict\":");
	jsonw_str(w, verdict_name(r->verdict));
	JSONW_LIT(w, ",\"stage\":");
	jsonw_str(w, stage_name(r->stage));
	JSONW_LIT(w, ",\"reason\":");
	jsonw_str(w, reason_name(r->reason));
	JSONW_LIT(w, ",\"explanation\":");
	expl = result_explain(r, lang);
	jsonw_str(w, expl);
	free(expl);
	JSONW_LIT(w, ",\"reply\":");
	reply_json(w, r);
	JSONW_LIT(w, ",\"blocklist\":");
	jsonw_str_or_null(w, r->blocklist);
	JSONW_LIT(w, ",\"mx\":[");
	for (i = 0; i < r->nmx; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		mx_json(w, &r->mx[i]);
	}
	JSONW_LIT(w, "],\"attempts\":[");
	for (i = 0; i < r->nattempts; i++) {
		if (i > 0)
			JSONW_LIT(w, ",");
		attempt_json(w, &r->attempts[i]);
	}
	JSONW_LIT(w, "],\"catch_all\":");
	if (r->catch_all < 0)
		jsonw_null(w);
	else
		jsonw_bool(w, r->catch_all != 0);
	JSONW_LIT(w, ",\"warnings\":");
	strlist_json(w, &r->warnings);
	JSONW_LIT(w, ",\"timing\":{\"dns_ms\":");
	jsonw_int(w, r->dns_ms);
	JSONW_LIT(w, ",\"total_ms\":");
	jsonw_int(w, r->total_ms);
	JSONW_LIT(w, ",\"deadline_ms\":");
	if (r->deadline_ms > 0)
		jsonw_int(w, r->deadline_ms);
	else
		jsonw_null(w);
	JSONW_LIT(w, "},\"started_at\":");
	jsonw_str(w, r->started_at);
	JSONW_LIT(w, ",\"source_ip\":");
	jsonw_str(w, r->source_ip);
	JSONW_LIT(w, ",\"normalized\":");
	normalized_json(w, n);
	JSONW_LIT(w, ",\"suggestion\":");
	jsonw_str(w, n->suggestion);
	JSONW_LIT(w, ",\"role\":");
	jsonw_bool(w, n->role);
	JSONW_LIT(w, ",\"disposable\":");
	jsonw_bool(w, n->disposable);
	JSONW_LIT(w, ",\"dnssec\":");
	jsonw_str_or_null(w, r->dnssec);
	JSONW_LIT(w, ",\"tls_policy\":");
	tls_policy_json(w, r);
}

json_t *
result_to_json(const struct probe_result *r, enum lang lang)
{
	struct jsonw w;
	json_t *o;

	jsonw_init(&w);
	result_json_open(&w, r, lang);
	JSONW_LIT(&w, "}");
	o = json_loadb(w.buf, w.len, JSON_ALLOW_NUL, NULL);
	jsonw_free(&w);
	if (o == NULL)
		fatalx("%s: our own JSON does not parse", __func__);
	return o;
}

bool
result_json_tls_broken(const json_t *rec)
{
	const json_t *att, *step;
	const char *st;
	size_t i, k;

	json_array_foreach(json_object_get(rec, "attempts"), i, att)
		json_array_foreach(json_object_get(att, "steps"), k, step) {
			st = json_string_value(json_object_get(step, "stage"));
			if (st != NULL && strcmp(st, "starttls") == 0 &&
			    json_is_null(json_object_get(step, "command")) &&
			    json_is_string(json_object_get(step, "error")))
				return true;
		}
	return false;
}

char *
result_json_explain(const json_t *rec, enum lang lang)
{
	int v = verdict_from_name(json_string_value(json_object_get(rec,
	    "verdict")));
	int r = reason_from_name(json_string_value(json_object_get(rec,
	    "reason")));
	struct addr_notes n;
	char *e;

	if (v < 0 || r < 0)
		return NULL;
	memset(&n, 0, sizeof(n));
	if (json_is_string(json_object_get(rec, "suggestion")))
		n.suggestion = xstrdup(json_string_value(json_object_get(rec,
		    "suggestion")));
	n.role = json_is_true(json_object_get(rec, "role"));
	n.disposable = json_is_true(json_object_get(rec, "disposable"));
	e = result_explain_parts(v, r, json_string_value(json_object_get(rec,
	    "blocklist")), json_string_value(json_object_get(rec, "address")),
	    json_string_value(json_object_get(rec, "domain")), &n,
	    result_json_tls_broken(rec), lang);
	free(n.suggestion);
	return e;
}
