/*
 * delivered_json.c - the JSON of a delivered message's analysis and its
 * explanation in words.  Field names are the interface (docs/json.md,
 * "Delivered messages"): never rename.
 *
 * Public: delivered_to_json(), delivered_explanation(),
 * delivered_sender_hint().
 *
 * Every string from the message goes through esc_utf8 (valid UTF-8;
 * jansson escapes controls).  Redaction: the "for" address of each hop is
 * never written; with redact the spf domain and From: domain stay (they
 * are domains), the subject is never part of these fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/escape.h"
#include "base/util.h"
#include "explain/delivered_json.h"

static void
dj_str(json_t *o, const char *key, const char *s)
{
	size_t n;
	char *v;

	if (s == NULL || *s == '\0') {
		json_object_set_new(o, key, json_null());
		return;
	}
	v = esc_utf8(s, strlen(s), &n);
	json_object_set_new(o, key, json_stringn(v, n));
	free(v);
}

static json_t *
dj_tri(enum rcvd_tri t)
{
	return t == RCVD_YES ? json_true() : t == RCVD_NO ? json_false() :
	    json_null();
}

/* RFC 3339 UTC, "2026-11-30T09:00:02Z". */
static void
dj_time(json_t *o, const char *key, bool has, long long t)
{
	char buf[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (!has || gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		json_object_set_new(o, key, json_null());
		return;
	}
	json_object_set_new(o, key, json_string(buf));
}

static json_t *
dj_hops(const struct delivered *d)
{
	const struct path *p = &d->path;
	json_t *a = json_array(), *h;
	size_t i;

	for (i = 0; i < p->nhops; i++) {
		const struct path_hop *ph = &p->hops[i];

		h = json_object();
		dj_str(h, "from", ph->r.from_rdns);
		dj_str(h, "helo", ph->r.helo);
		dj_str(h, "ip", ph->r.ip);
		dj_str(h, "by", ph->r.by);
		dj_str(h, "protocol", ph->r.protocol);
		json_object_set_new(h, "tls", dj_tri(ph->r.tls));
		dj_str(h, "tls_version", ph->r.tls_version);
		json_object_set_new(h, "auth", dj_tri(ph->r.auth));
		dj_time(h, "time", ph->r.has_time, ph->r.time);
		json_object_set_new(h, "delay_s", ph->has_delay ?
		    json_integer(ph->delay_s) : json_null());
		json_object_set_new(h, "skew", json_boolean(ph->skew));
		json_object_set_new(h, "receiver", json_boolean(ph->receiver));
		json_object_set_new(h, "boundary",
		    json_boolean((int)i == p->boundary));
		json_array_append_new(a, h);
	}
	return a;
}

/*
 * A hop past the receiver's border moves the message among its own
 * systems: what its Received says of TLS ("by 2002:a05:... with SMTP" in
 * every Gmail message would read "no TLS") is not the path's to judge.
 */
const char *
delivered_hop_tls_key(const json_t *hop)
{
	const json_t *tls = json_object_get(hop, "tls");

	if (json_is_true(json_object_get(hop, "receiver")) &&
	    !json_is_true(json_object_get(hop, "boundary")))
		return "dlv.inside";
	return json_is_true(tls) ? "dlv.tls_yes" : json_is_false(tls) ?
	    "dlv.tls_no" : "dlv.tls_unknown";
}

static json_t *
dj_auth(const struct delivered *d)
{
	json_t *o = json_object(), *a = json_array(), *h;
	size_t i;

	dj_str(o, "spf", d->spf);
	dj_str(o, "spf_domain", d->spf_domain);
	for (i = 0; i < d->ndkim; i++) {
		h = json_object();
		dj_str(h, "domain", d->dkim[i].domain);
		dj_str(h, "selector", d->dkim[i].selector);
		dj_str(h, "result", d->dkim[i].result);
		json_object_set_new(h, "aligned", json_boolean(d->dkim[i].aligned));
		json_array_append_new(a, h);
	}
	json_object_set_new(o, "dkim", a);
	dj_str(o, "dmarc", d->dmarc);
	dj_str(o, "dmarc_policy", d->dmarc_policy);
	dj_str(o, "arc", d->arc);
	dj_str(o, "trusted_authserv_id", d->trusted_id);
	a = json_array();
	for (i = 0; i < d->nars; i++) {
		h = json_object();
		json_object_set_new(h, "header",
		    json_string(dlv_arkind_name(d->ars[i].kind)));
		dj_str(h, "authserv_id", d->ars[i].ar.authserv_id);
		json_object_set_new(h, "trust",
		    json_string(dlv_trust_name(d->ars[i].trust)));
		json_array_append_new(a, h);
	}
	json_object_set_new(o, "headers", a);
	return o;
}

static json_t *
dj_spam(const struct delivered *d, enum lang l)
{
	json_t *o = json_object(), *a = json_array(), *h;
	char key[64];
	size_t i;

	json_object_set_new(o, "verdict",
	    json_string(spam_verdict_name(d->verdict)));
	json_object_set_new(o, "server_verdict",
	    json_string(spam_verdict_name(d->server_verdict)));
	if (d->user_folder)
		json_object_set_new(o, "verdict_from", json_string("user"));
	else if (d->verdict_from >= 0)
		json_object_set_new(o, "verdict_from",
		    json_string(d->spam[d->verdict_from].sig.header));
	else
		json_object_set_new(o, "verdict_from", json_null());
	json_object_set_new(o, "score", d->has_score ? json_real(d->score) :
	    json_null());
	json_object_set_new(o, "required", d->required != 0 ?
	    json_real(d->required) : json_null());
	json_object_set_new(o, "required_for", d->required == 0 ? json_null() :
	    json_string(d->required_rejects ? "reject" : "spam"));
	for (i = 0; i < d->nreasons; i++) {
		const struct dlv_reason *r = &d->reasons[i];

		h = json_object();
		json_object_set_new(h, "cause",
		    json_string(cause_name(r->cause)));
		json_object_set_new(h, "source", json_string(r->source));
		dj_str(h, "detail", r->detail);
		(void)snprintf(key, sizeof(key), "dlv.cause.%s",
		    cause_name(r->cause));
		json_object_set_new(h, "text", json_string(catalog_label(l, key)));
		(void)snprintf(key, sizeof(key), "dlv.fix.%s",
		    cause_name(r->cause));
		json_object_set_new(h, "fix", json_string(catalog_label(l, key)));
		json_object_set_new(h, "senders_setup",
		    json_boolean(cause_is_senders_setup(r->cause)));
		json_array_append_new(a, h);
	}
	json_object_set_new(o, "reasons", a);
	a = json_array();
	for (i = 0; i < d->nspam; i++) {
		const struct dlv_spam *s = &d->spam[i];

		h = json_object();
		json_object_set_new(h, "header", json_string(s->sig.header));
		json_object_set_new(h, "source", json_string(s->sig.source));
		json_object_set_new(h, "verdict",
		    json_string(spam_verdict_name(s->sig.verdict)));
		dj_str(h, "detail", s->sig.detail);
		json_object_set_new(h, "trust",
		    json_string(dlv_trust_name(s->trust)));
		json_array_append_new(a, h);
	}
	json_object_set_new(o, "filters", a);
	return o;
}

/*
 * Where the user found the message (--folder) against the receiving
 * server's own spam verdict, when they differ: a rule of the mailbox
 * (a safe-sender or blocked-sender list, a user's filter, the mail
 * program's junk filter) moved it after the server's filter, and what
 * that means for other recipients.  NULL when they agree or the server
 * said nothing.
 */
const char *
delivered_disagreement(const struct delivered *d, enum lang l)
{
	if (!d->user_folder || d->server_verdict == SPAM_UNKNOWN ||
	    d->server_verdict == d->verdict)
		return NULL;
	return catalog_label(l, d->verdict == SPAM_INBOX ?
	    "dlv.disagree.user_inbox" : "dlv.disagree.user_spam");
}

char *
delivered_explanation(const struct delivered *d, enum lang l)
{
	const char *t;
	char key[64], *out, *next;
	size_t i;

	/* --folder: where the user found it, not what a server did */
	(void)snprintf(key, sizeof(key), "dlv.verdict.%s%s",
	    d->user_folder ? "user_" : "", spam_verdict_name(d->verdict));
	out = xstrdup(catalog_label(l, key));
	if ((t = delivered_disagreement(d, l)) != NULL) {
		next = xasprintf("%s %s", out, t);
		free(out);
		out = next;
	}
	for (i = 0; i < d->nreasons; i++) {
		(void)snprintf(key, sizeof(key), "dlv.cause.%s",
		    cause_name(d->reasons[i].cause));
		next = xasprintf("%s %s", out, catalog_label(l, key));
		free(out);
		out = next;
	}
	return out;
}

char *
delivered_sender_hint(const struct delivered *d, const char *message)
{
	const char *dom = d->from_domain[0] != '\0' ? d->from_domain :
	    "YOUR-DOMAIN";
	size_t i;

	for (i = 0; i < d->nreasons; i++) {
		if (!cause_is_senders_setup(d->reasons[i].cause))
			continue;
		if (message != NULL)
			return xasprintf("mxtrace sender %s --message %s", dom,
			    message);
		/* no file named (--redact): what sender would read from it */
		return xasprintf("mxtrace sender %s%s%s%s%s", dom,
		    d->sending_ip[0] != '\0' ? " --ip " : "", d->sending_ip,
		    d->dkim_selector[0] != '\0' ? " --dkim-selector " : "",
		    d->dkim_selector);
	}
	return NULL;
}

json_t *
delivered_to_json(const struct delivered *d, enum lang l, bool redact,
    const char *message)
{
	const struct path *p = &d->path;
	json_t *o = json_object(), *lo, *cs;
	char org[ORGDOM_MAX];
	char *s;

	(void)redact;	/* nothing below carries a local part */
	json_object_set_new(o, "hops", dj_hops(d));
	json_object_set_new(o, "hops_dropped", json_integer((json_int_t)p->dropped));
	dj_str(o, "receiver", p->receiver_org);
	dj_str(o, "sending_ip", d->sending_ip);
	dj_str(o, "sending_ip_from", d->sending_ip_from);
	dj_str(o, "from_domain", d->from_domain);
	json_object_set_new(o, "total_s", p->has_total ?
	    json_integer(p->total_s) : json_null());
	if (p->longest > 0) {
		lo = json_object();
		dj_str(lo, "at", p->hops[p->longest - 1].r.by);
		dj_str(lo, "next", p->hops[p->longest].r.by);
		dj_str(lo, "next_operator", orgdom_get(p->hops[p->longest].r.by,
		    org) ? orgdom_operator_name(org) : NULL);
		json_object_set_new(lo, "delay_s",
		    json_integer(p->hops[p->longest].delay_s));
		json_object_set_new(o, "longest", lo);
	} else
		json_object_set_new(o, "longest", json_null());
	json_object_set_new(o, "auth", dj_auth(d));
	json_object_set_new(o, "spam", dj_spam(d, l));
	s = delivered_explanation(d, l);
	json_object_set_new(o, "explanation", json_string(s));
	free(s);
	if ((s = delivered_sender_hint(d, redact ? NULL : message)) != NULL) {
		cs = json_object();
		dj_str(cs, "command", s);
		dj_str(cs, "domain", d->from_domain);
		dj_str(cs, "ip", d->sending_ip);
		dj_str(cs, "dkim_selector", d->dkim_selector);
		dj_str(cs, "dkim_domain", d->dkim_domain);
		json_object_set_new(o, "check_sender", cs);
		free(s);
	} else
		json_object_set_new(o, "check_sender", json_null());
	return o;
}
