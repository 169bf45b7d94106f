/*
 * sender_json.c - the JSON form of a sender run (docs/json.md "mxtrace
 * sender"): checks[] {id, status, subject, detail, explanation} worst
 * first, then the data behind them: ips[] (ptr, fcrdns, listings with
 * meaning, every code of the answer and delisting URL, neighbour
 * listings, unknown answers, spf), spf, dmarc, dkim, mx, the domain's own
 * listings (domain_listings), dnsbl_zones and stats.  jansson escapes
 * every string.
 *
 * Public: sender_to_json.
 */
#include <stdio.h>
#include <string.h>

#include "record/result_json.h"
#include "sender/sender_out.h"

/*
 * Text from the network as a JSON string (invalid UTF-8 becomes U+FFFD); null
 * for NULL.
 */
static json_t *
sj_str(const char *s)
{
	return json_bytes(s, s != NULL ? strlen(s) : 0);
}

static json_t *
sj_checks(const struct sender_checks *cs, enum lang lang)
{
	json_t *a = json_array(), *o;
	size_t i;

	/* explanation_id: the words' name, for report to say them in its
	 * own language */
	for (i = 0; i < cs->n; i++) {
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", cs->v[i].id,
		    "status", check_status_name(cs->v[i].status), "subject", cs->v[i].subject,
		    "detail", cs->v[i].detail, "explanation", catalog_label(lang, cs->v[i].key),
		    "explanation_id", cs->v[i].key + (strncmp(cs->v[i].key, "sender.", 7) == 0 ? 7 : 0));
		json_array_append_new(a, o);
	}
	return a;
}

/* Every listing code of one answer, worst first (docs/json.md "codes"). */
static json_t *
sj_codes(const struct dnsbl_verdict *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < v->nhits; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:b, s:s}",
		    "code", v->hits[i].code, "meaning", v->hits[i].meaning,
		    "advice", sj_str(v->hits[i].advice), "policy", v->hits[i].policy,
		    "scope", v->hits[i].neighbours ? "neighbours" : "own"));
	return a;
}

/*
 * One list's listing headed by hit h (the worst code of the part it is
 * listed under: the IP's own, or its network's), every code of the
 * answer, where to ask for removal.
 */
static json_t *
sj_listing(const struct sender_report *r, const struct dnsbl_list *l,
    const struct dnsbl_verdict *v, const struct dnsbl_hit *h)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b, s:o, s:i}", "list", l->name,
	    "zone", dnsbl_zone_name(l, r->opts->spamhaus_key),
	    "code", h->code, "meaning", h->meaning, "delist_url", sj_str(l->delist),
	    "policy", h->policy, "codes", sj_codes(v),
	    "codes_omitted", (json_int_t)v->hits_omitted);
}

/* The domain lists (Spamhaus DBL, SURBL, URIBL) that list the domain. */
static json_t *
sj_domain_listings(const struct sender_report *r)
{
	const struct dnsbl_set *lists = r->opts->lists;
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < lists->n; i++)
		if (lists->lists[i].domain && (r->domain_v[i].state == DNSBL_LISTED ||
		    r->domain_v[i].state == DNSBL_POLICY))
			json_array_append_new(a, sj_listing(r, &lists->lists[i], &r->domain_v[i],
			    &r->domain_v[i].hits[0]));
	return a;
}

static json_t *
sj_ip(const struct sender_report *r, const struct sender_ip *ip)
{
	const struct dnsbl_set *lists = r->opts->lists;
	const struct dnsbl_list *l;
	const struct dnsbl_verdict *v;
	const struct dnsbl_hit *h;
	json_t *o, *listings = json_array(), *nb = json_array(), *unk = json_array();
	json_t *uns = json_array();
	size_t i;

	for (i = 0; i < lists->n; i++) {
		l = &lists->lists[i];
		v = &ip->v[i];
		if (l->domain)
			continue;
		if (v->state == DNSBL_LISTED || v->state == DNSBL_POLICY) {
			/*
			 * SBL with DROP: the IP's own listing and its network's
			 */
			if ((h = dnsbl_part(v, false)) != NULL)
				json_array_append_new(listings,
				    sj_listing(r, l, v, h));
			if ((h = dnsbl_part(v, true)) != NULL)
				json_array_append_new(nb,
				    sj_listing(r, l, v, h));
		} else if (v->state == DNSBL_UNKNOWN || v->state == DNSBL_NEED)
			json_array_append_new(unk, json_pack("{s:s, s:s, s:o, s:s}", "list", l->name,
			    "zone", dnsbl_zone_name(l, r->opts->spamhaus_key),
			    "code", v->code[0] ? json_string(v->code) : json_null(),
			    "cause", v->cause ? v->cause : "no answer before the deadline"));
		else if (v->state == DNSBL_UNSUPPORTED)
			json_array_append_new(uns, json_string(l->name));
	}
	o = json_pack("{s:s, s:s, s:b, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:o}",
	    "ip", ip->a.text, "source", ip->source, "direct", checks_direct_pc(r, ip),
	    "ptr", sj_str(ip->ptr.name),
	    "fcrdns", ip->ptr.fcrdns, "ptr_generic", ip->ptr.generic,
	    "listings", listings, "neighbours", nb, "unknown", unk, "not_supported", uns,
	    "spf", r->has_domain ? json_string(spf_result_name(ip->spf)) : json_null());
	if (ip->swept)
		json_object_set_new(o, "sweep", json_pack("{s:i, s:i, s:i}", "checked",
		    (json_int_t)ip->sweep_checked, "listed", (json_int_t)ip->sweep_listed,
		    "unknown", (json_int_t)ip->sweep_unknown));
	return o;
}

static json_t *
sj_spf(const struct spf_walk *w)
{
	json_t *o, *ranges = json_array(), *notes = json_array();
	char ip[64], txt[80];
	size_t i;

	for (i = 0; i < w->nranges; i++) {
		if (w->ranges[i].v4)
			snprintf(ip, sizeof(ip), "%u.%u.%u.%u", w->ranges[i].ip[12], w->ranges[i].ip[13],
			    w->ranges[i].ip[14], w->ranges[i].ip[15]);
		else {
			struct ipaddr a;

			ipaddr_parse("::", &a);
			memcpy(a.b, w->ranges[i].ip, 16);
			ipaddr_neighbour(&a, a.b[15], &a);
			snprintf(ip, sizeof(ip), "%s", a.text);
		}
		snprintf(txt, sizeof(txt), "%s/%d", ip, w->ranges[i].prefix);
		json_array_append_new(ranges, json_pack("{s:s, s:s, s:s}", "range", txt,
		    "from", w->ranges[i].from, "term", w->ranges[i].how));
	}
	for (i = 0; i < w->nnotes; i++)
		json_array_append_new(notes, json_string(w->notes[i]));
	o = json_pack("{s:o, s:i, s:i, s:i, s:o, s:b, s:b, s:o, s:o, s:s}",
	    "record", sj_str(w->record), "records", (json_int_t)w->nrecords,
	    "lookups", (json_int_t)w->lookups, "void_lookups", (json_int_t)w->voids,
	    "all", w->all ? json_stringn(&w->all, 1) : json_null(), "ptr", w->ptr,
	    "not_enumerable", w->not_enumerable, "ranges", ranges, "notes", notes,
	    "status", spf_result_name(w->status));
	return o;
}

static json_t *
sj_dmarc(const struct dmarc_result *m)
{
	static const char *const st[] = { "unknown", "ok", "none", "multiple", "invalid",
		"temperror" };
	json_t *rua = json_array();
	const char *pol;
	size_t i;
	bool sp;

	pol = dmarc_applied(m, &sp);
	for (i = 0; i < m->nrua; i++)
		json_array_append_new(rua, json_pack("{s:s, s:b, s:o}", "uri", m->rua[i].uri,
		    "external", m->rua[i].external, "authorized", !m->rua[i].external ?
		    json_true() : m->rua[i].authorized < 0 ? json_null() :
		    json_boolean(m->rua[i].authorized)));
	return json_pack("{s:s, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:b, s:o}",
	    "status", st[m->status], "at", sj_str(m->at), "inherited", m->inherited,
	    "record", sj_str(m->record), "policy", *pol ? json_string(pol) : json_null(),
	    "p", m->p[0] ? json_string(m->p) : json_null(),
	    "sp", m->sp[0] ? json_string(m->sp) : json_null(),
	    "np", m->np[0] ? json_string(m->np) : json_null(), "pct", (json_int_t)m->pct,
	    "adkim", m->adkim ? json_stringn(&m->adkim, 1) : json_null(),
	    "aspf", m->aspf ? json_stringn(&m->aspf, 1) : json_null(), "testing", m->testing,
	    "rua", rua);
}

static json_t *
sj_dkim(const struct sender_report *r)
{
	static const char *const st[] = { "unknown", "absent", "ok", "revoked", "invalid",
		"error" };
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < r->ndkim; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:b, s:o}",
		    "selector", r->dkim[i].selector, "status", st[r->dkim[i].status],
		    "k", r->dkim[i].status == DKIM_KEY_OK ? json_string(r->dkim[i].k) : json_null(),
		    "bits", r->dkim[i].bits ? json_integer(r->dkim[i].bits) : json_null(),
		    "testing", r->dkim[i].testing, "error", sj_str(r->dkim[i].error)));
	return a;
}

static json_t *
sj_mx(const struct sender_report *r)
{
	json_t *hosts = json_array(), *addrs;
	size_t i, k;

	for (i = 0; i < r->nmx; i++) {
		addrs = json_array();
		for (k = 0; k < r->mx[i].naddrs; k++)
			json_array_append_new(addrs,
			    json_string(r->mx[i].addrs[k].text));
		json_array_append_new(hosts, json_pack("{s:s, s:i, s:o}", "name", r->mx[i].name,
		    "preference", (json_int_t)r->mx[i].pref, "addresses", addrs));
	}
	return json_pack("{s:s, s:o, s:o}", "status", sender_mx_status_name(r->mx_status), "hosts", hosts,
	    "error", sj_str(r->mx_error));
}

static json_t *
sj_list(const struct strlist *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, sj_str(l->v[i]));
	return a;
}

/* The MTA-STS lookup, in the fields of a probe record's tls_policy.mta_sts. */
static json_t *
sj_sts(const struct tls_policy_rec *p)
{
	if (p == NULL)
		return json_null();
	return json_pack("{s:b, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:n}",
	    "published", p->sts_txt, "dnssec", sj_str(p->sts_dnssec[0] ? p->sts_dnssec : NULL),
	    "id", sj_str(p->sts_id), "policy", p->sts_policy, "mode", sj_str(p->sts_mode),
	    "max_age", p->sts_policy ? json_integer(p->sts_max_age) : json_null(),
	    "mx", sj_list(&p->sts_mx), "notes", sj_list(&p->sts_notes),
	    "error", sj_str(p->sts_error), "satisfied");
}

json_t *
sender_to_json(const struct sender_report *r, const struct sender_checks *cs,
    enum lang lang)
{
	const struct dnsbl_set *lists = r->opts->lists;
	json_t *o, *ips = json_array(), *zones = json_array(), *notes = json_array();
	size_t i;

	for (i = 0; i < r->nips; i++)
		json_array_append_new(ips, sj_ip(r, &r->ips[i]));
	for (i = 0; i < r->ip_notes.n; i++)
		json_array_append_new(notes, json_string(r->ip_notes.v[i]));
	for (i = 0; i < lists->n; i++)
		if (r->zone_used[i])
			json_array_append_new(zones, json_pack("{s:s, s:s, s:s, s:o, s:o}",
			    "list", lists->lists[i].name,
			    "zone", dnsbl_zone_name(&lists->lists[i], r->opts->spamhaus_key),
			    "kind", lists->lists[i].domain ? "domain" : "ip",
			    "self_test", r->zone_ok[i] < 0 ? json_null() : json_boolean(r->zone_ok[i]),
			    "cause", sj_str(r->zone_cause[i])));
	o = json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:i, s:o}",
	    "command", "sender", "version", MXTRACE_VERSION,
	    "domain", sj_str(r->opts->domain),
	    "status", cs->n > 0 ? check_status_name(cs->v[0].status) : "pass",
	    "checks", sj_checks(cs, lang), "ips", ips, "ip_notes", notes,
	    "ips_omitted", (json_int_t)r->ips_omitted, "dnsbl_zones", zones);
	if (r->has_domain) {
		json_object_set_new(o, "spf", sj_spf(&r->spf));
		json_object_set_new(o, "dmarc", sj_dmarc(&r->dmarc));
		json_object_set_new(o, "dkim", sj_dkim(r));
		json_object_set_new(o, "mx", sj_mx(r));
		json_object_set_new(o, "domain_listings", sj_domain_listings(r));
		json_object_set_new(o, "mta_sts", sj_sts(r->policy));
		json_object_set_new(o, "tls_rpt", r->policy == NULL ? json_null() :
		    json_pack("{s:b, s:o, s:o}", "published", r->policy->rpt,
		    "rua", sj_list(&r->policy->rpt_rua), "error", sj_str(r->policy->rpt_error)));
	}
	json_object_set_new(o, "provider", r->provider == NULL ? json_null() :
	    json_pack("{s:s, s:s, s:s}", "name", r->provider->name, "kind",
	    r->provider->shared_hosting ? "shared_hosting" : "provider", "evidence",
	    r->provider_why));
	json_object_set_new(o, "stats", json_pack("{s:b, s:i, s:i, s:i}",
	    "complete", r->complete, "dns_queries", (json_int_t)r->queries,
	    "rounds", (json_int_t)r->rounds, "ms", (json_int_t)r->ms));
	return o;
}
