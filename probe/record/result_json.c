/*
 * result_json.c - the one writer of the JSON record (docs/json.md).
 * Server and input text goes through esc_utf8 so jansson always gets valid
 * UTF-8; jansson does the JSON escaping.
 */
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
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

static json_t *
json_str(const char *s)
{
	return s ? json_bytes(s, strlen(s)) : json_null();
}

static json_t *
json_strlist(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_str(l->v[i]));
	return a;
}

static json_t *
json_enhanced(const char *e)
{
	return e[0] ? json_string(e) : json_null();
}

static json_t *
step_to_json(const struct step *s)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:I, s:o}",
	    "stage", stage_name(s->stage),
	    "command", json_str(s->command),
	    "code", s->code ? json_integer(s->code) : json_null(),
	    "enhanced", json_enhanced(s->enhanced),
	    "text", json_bytes(s->text, s->textlen),
	    "ms", (json_int_t)s->ms,
	    "error", json_str(s->error));
}

static json_t *
dane_to_json(const struct tls_dane *d)
{
	if (d == NULL)
		return json_null();
	return json_pack("{s:I, s:o, s:b, s:o, s:o, s:o}",
	    "usable", (json_int_t)d->usable,
	    "unusable", json_strlist(&d->unusable),
	    "verified", d->verified,
	    "matched", json_str(d->matched),
	    "depth", d->depth >= 0 ? json_integer(d->depth) : json_null(),
	    "error", json_str(d->error));
}

static json_t *
tls_to_json(const struct tls_info *t)
{
	if (t == NULL)
		return json_null();
	return json_pack("{s:o, s:o, s:b, s:o, s:b, s:o, s:o, s:o, s:o, s:o}",
	    "version", json_str(t->version),
	    "cipher", json_str(t->cipher),
	    "verified", t->verified,
	    "verify_error", json_str(t->verify_error),
	    "name_match", t->name_match,
	    "subject", json_str(t->subject),
	    "issuer", json_str(t->issuer),
	    "not_after", json_str(t->not_after),
	    "sans", json_strlist(&t->sans),
	    "dane", dane_to_json(t->dane));
}

static json_t *
attempt_to_json(const struct attempt *a)
{
	json_t *steps = json_array();
	size_t i;

	for (i = 0; i < a->nsteps; i++)
		json_array_append_new(steps, step_to_json(&a->steps[i]));
	return json_pack("{s:o, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
	    "mx", json_str(a->mx),
	    "ip", a->ip,
	    "port", a->port,
	    "local_ip", a->local_ip[0] ? json_str(a->local_ip) : json_null(),
	    "proxy", a->proxy[0] == '\0' ? json_null() :
	    json_pack("{s:o, s:o}", "server", json_str(a->proxy), "bound",
	    a->proxy_bound[0] ? json_str(a->proxy_bound) : json_null()),
	    "tls", tls_to_json(a->tls),
	    "steps", steps,
	    "error", json_str(a->error),
	    "session", a->session ? json_integer((json_int_t)a->session) :
	    json_null(),
	    "reused", a->reused);
}

json_t *
result_normalized_json(const struct addr_notes *n)
{
	json_t *o;

	if (n->given == NULL && n->changes.n == 0)
		return json_null();
	o = json_pack("{s:o, s:o}", "given", json_str(n->given), "changes",
	    json_strlist(&n->changes));
	if (o == NULL)
		fatalx("%s: json_pack failed", __func__);
	return o;
}

/*
 * The record with "summary" as its first field (the simple answer a reader
 * sees first), then the rest, then what was noticed about the address.
 */
static json_t *
notes_to_json(json_t *rest, const struct probe_result *r)
{
	const struct addr_notes *n = &r->notes;
	json_t *o, *norm;

	o = json_pack("{s:s}", "summary", summary_name(summary_of(r->verdict,
	    n->disposable, n->suggestion != NULL)));
	if (o == NULL || json_object_update(o, rest) != 0)
		fatalx("%s: json_pack failed", __func__);
	json_decref(rest);
	norm = result_normalized_json(n);
	json_object_set_new(o, "normalized", norm);
	json_object_set_new(o, "suggestion", json_str(n->suggestion));
	json_object_set_new(o, "role", json_boolean(n->role));
	json_object_set_new(o, "disposable", json_boolean(n->disposable));
	return o;
}

/* An MX entry's DNSSEC status and DANE (TLSA) findings. */
static void
mx_dnssec_to_json(json_t *o, const struct mx_summary *m)
{
	json_object_set_new(o, "dnssec", m->dnssec[0] ? json_string(m->dnssec) :
	    json_null());
	json_object_set_new(o, "dane", m->dane[0] ? json_string(m->dane) :
	    json_null());
	json_object_set_new(o, "tlsa", m->tlsa.n == 0 && !m->tlsa_dnssec[0] ?
	    json_null() : json_pack("{s:o, s:o}", "dnssec",
	    json_str(m->tlsa_dnssec[0] ? m->tlsa_dnssec : NULL),
	    "records", json_strlist(&m->tlsa)));
}

/* MTA-STS as found: null when it was not looked up. */
static json_t *
sts_to_json(const struct tls_policy_rec *p)
{
	if (p == NULL)
		return json_null();
	return json_pack("{s:b, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "published", p->sts_txt,
	    "dnssec", p->sts_dnssec[0] ? json_string(p->sts_dnssec) : json_null(),
	    "id", json_str(p->sts_id),
	    "policy", p->sts_policy,
	    "mode", json_str(p->sts_mode),
	    "max_age", p->sts_policy ? json_integer(p->sts_max_age) : json_null(),
	    "mx", json_strlist(&p->sts_mx),
	    "notes", json_strlist(&p->sts_notes),
	    "error", json_str(p->sts_error),
	    "satisfied", p->sts_satisfied < 0 ? json_null() :
	    json_boolean(p->sts_satisfied));
}

/*
 * The recipient domain's TLS policy and whether its MX hosts satisfied it:
 * DANE applies when an MX host has DNSSEC-secure TLSA records; satisfied
 * when a session authenticated such a host by them, false when sessions
 * to them did not, null when none was reached.
 */
static json_t *
tls_policy_to_json(const struct probe_result *r)
{
	json_t *hosts = json_array();
	bool applies = false, any = false, ok = false;
	size_t i, k;

	for (i = 0; i < r->nmx; i++)
		if (strcmp(r->mx[i].dane, "applies") == 0 ||
		    strcmp(r->mx[i].dane, "bogus") == 0) {
			applies = true;
			json_array_append_new(hosts, json_str(r->mx[i].host));
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
	return json_pack("{s:{s:b, s:o, s:o}, s:o, s:o}", "dane",
	    "applies", applies,
	    "hosts", hosts,
	    "satisfied", applies && any ? json_boolean(ok) : json_null(),
	    "mta_sts", sts_to_json(r->policy),
	    "tls_rpt", r->policy == NULL ? json_null() :
	    json_pack("{s:b, s:o, s:o, s:o}", "published", r->policy->rpt,
	    "dnssec", r->policy->rpt_dnssec[0] ?
	    json_string(r->policy->rpt_dnssec) : json_null(),
	    "rua", json_strlist(&r->policy->rpt_rua),
	    "error", json_str(r->policy->rpt_error)));
}

json_t *
result_to_json(const struct probe_result *r, enum lang lang)
{
	json_t *o, *mx, *attempts, *reply = json_null();
	char *expl;
	size_t i;

	mx = json_array();
	for (i = 0; i < r->nmx; i++)
		json_array_append_new(mx, json_pack("{s:o, s:o, s:o, s:o}",
		    "host", json_str(r->mx[i].host),
		    "preference", r->mx[i].preference < 0 ? json_null() :
		    json_integer(r->mx[i].preference),
		    "addresses", json_strlist(&r->mx[i].addresses),
		    "warnings", json_strlist(&r->mx[i].warnings)));
	for (i = 0; i < r->nmx; i++)
		mx_dnssec_to_json(json_array_get(mx, i), &r->mx[i]);
	attempts = json_array();
	for (i = 0; i < r->nattempts; i++)
		json_array_append_new(attempts, attempt_to_json(&r->attempts[i]));
	if (r->has_reply)
		reply = json_pack("{s:i, s:o, s:o}",
		    "code", r->reply.code,
		    "enhanced", json_enhanced(r->reply.enhanced),
		    "text", json_bytes(r->reply.text, r->reply.textlen));
	expl = result_explain(r, lang);
	o = json_pack("{s:o, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o,"
	    " s:o, s:o, s:{s:I, s:I}, s:s, s:o}",
	    "address", json_str(r->address),
	    "domain", json_str(r->domain),
	    "verdict", verdict_name(r->verdict),
	    "stage", stage_name(r->stage),
	    "reason", reason_name(r->reason),
	    "explanation", json_str(expl),
	    "reply", reply,
	    "blocklist", r->blocklist[0] ? json_str(r->blocklist) : json_null(),
	    "mx", mx,
	    "attempts", attempts,
	    "catch_all", r->catch_all < 0 ? json_null() : json_boolean(r->catch_all),
	    "warnings", json_strlist(&r->warnings),
	    "timing", "dns_ms", (json_int_t)r->dns_ms, "total_ms", (json_int_t)r->total_ms,
	    "started_at", r->started_at,
	    "source_ip", json_str(r->source_ip));
	free(expl);
	if (o == NULL)
		fatalx("%s: json_pack failed", __func__);

	o = notes_to_json(o, r);
	json_object_set_new(o, "dnssec", r->dnssec[0] ? json_string(r->dnssec) :
	    json_null());
	json_object_set_new(o, "tls_policy", tls_policy_to_json(r));
	return o;
}
