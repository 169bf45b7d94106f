/*
 * run.c - the `mxtrace sender` driver.  Every check (SPF walk, DMARC,
 * DKIM, MX, and per sending IP: reverse DNS, SPF evaluation, each
 * blocklist; each list's self-test) is a pure function over the DNS cache
 * (sdns.c).  One pass runs them all: each asks for whatever answer it
 * lacks, so every independent query of a pass is in flight at once (up
 * to the context's cap, SENDER_INFLIGHT).  When the pass's last answer
 * arrives, the next pass runs; the run ends when a pass asks nothing new,
 * or at the deadline (missing answers then count as unknown).  The number
 * of passes is the depth of the DNS dependencies (record -> include ->
 * its addresses ...), not the number of queries.
 *
 * Public: sender_run, sender_report_clear, sender_mx_status_name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "net/mtasts.h"
#include "sender/run.h"
#include "sender/sdns.h"

struct sender_driver {
	struct event_base		*base;		/* borrowed */
	struct sdns_cache		*cache;		/* owned */
	struct sender_dns		 dns;
	/* the blocklists' queries: their own resolver (--dnsbl-resolver,
	 * --recursive) or the same one */
	struct sdns_cache		*blcache;	/* owned */
	struct sender_dns		 bldns;
	const struct sender_opts	*opts;		/* borrowed */
	struct sender_report		*rep;		/* borrowed */
	struct event			*deadline;	/* owned */
	struct event			*again;		/* owned; the next pass, from the loop */
	bool				 done;
};

static void
sender_report_reset(struct sender_report *r)
{
	const struct sender_opts *o = r->opts;
	unsigned rounds = r->rounds;
	size_t i, k;

	spf_walk_clear(&r->spf);
	dmarc_clear(&r->dmarc);
	for (i = 0; i < r->ndkim; i++)
		dkim_key_clear(&r->dkim[i]);
	for (i = 0; i < r->nmx; i++)
		free(r->mx[i].name);
	free(r->mx_error);
	for (i = 0; i < DNSBL_LISTS_MAX; i++) {
		dnsbl_verdict_clear(&r->domain_v[i]);
		free(r->zone_cause[i]);
	}
	for (i = 0; i < r->nips; i++) {
		free(r->ips[i].source);
		free(r->ips[i].spf_why);
		ptr_clear(&r->ips[i].ptr);
		for (k = 0; k < DNSBL_LISTS_MAX; k++)
			dnsbl_verdict_clear(&r->ips[i].v[k]);
	}
	strlist_free(&r->ip_notes);
	memset(r, 0, sizeof(*r));
	r->opts = o;
	r->rounds = rounds;
}

void
sender_report_clear(struct sender_report *r)
{
	free(r->inbound_detail);
	r->inbound_detail = NULL;
	tls_policy_rec_free(r->policy);
	r->policy = NULL;
	sender_report_reset(r);
}

const char *
sender_mx_status_name(enum sender_mx_status s)
{
	static const char *const names[] = { "unknown", "ok", "none", "null_mx", "nxdomain",
		"error" };

	return names[s];
}

/* Add a candidate sending IP (deduplicated, bounded). */
static void
sender_add_ip(struct sender_report *r, const char *text, const char *source)
{
	struct ipaddr a;
	size_t i;

	if (!ipaddr_parse(text, &a))
		return;
	for (i = 0; i < r->nips; i++)
		if (strcmp(r->ips[i].a.text, a.text) == 0)
			return;
	/*
	 * An IP the user gave that is private is their office network's:
	 * no blocklist or PTR of it means anything, so no --allow-private
	 * hint, but the public IP asked for.
	 */
	if (!r->opts->allow_private && ipaddr_private(&a)) {
		if (strcmp(source, "--ip") == 0)
			strlist_addf(&r->ip_notes, "%s (--ip) is a private address, "
			    "used only inside your network: receiving servers see "
			    "your public sending IP; give that one", a.text);
		else
			strlist_addf(&r->ip_notes, "%s (%s) is a private address: "
			    "skipped (--allow-private checks it)", a.text, source);
		return;
	}
	if (r->nips == SENDER_IPS_MAX) {
		r->ips_omitted++;
		return;
	}
	r->ips[r->nips].a = a;
	r->ips[r->nips].source = xstrdup(source);
	r->ips[r->nips].spf = SPF_NEED;
	r->nips++;
}

/*
 * A domain given as "www.NAME" (a web address typed for the mail domain)
 * that has no MX records: NAME's MX hosts counted, so the checklist can
 * say from DNS that NAME receives mail and the name given does not.
 */
static void
sender_www(struct sender_driver *d, struct sender_report *r)
{
	const char *bare = d->opts->domain + 4;
	const struct dns_result *mx;
	size_t i;

	if (strncasecmp(d->opts->domain, "www.", 4) != 0 ||
	    strchr(bare, '.') == NULL ||
	    (mx = sdns_get(&d->dns, bare, DNS_T_MX)) == NULL ||
	    !dns_result_ok(mx))
		return;
	for (i = 0; i < mx->nrrs; i++)
		r->www_bare_mx += mx->rrs[i].name[0] != '\0';	/* not a null MX */
}

/*
 * The domain's MX hosts and their addresses (for the inbound check and as
 * sending IPs).
 */
static void
sender_mx(struct sender_driver *d, struct sender_report *r)
{
	const struct dns_result *mx, *a;
	static const int types[2] = { DNS_T_A, DNS_T_AAAA };
	struct sender_mx_host *h;
	size_t i, t, k;

	if ((mx = sdns_get(&d->dns, d->opts->domain, DNS_T_MX)) == NULL)
		return;
	if (dns_result_nxdomain(mx)) {
		r->mx_status = SMX_NXDOMAIN;
		sender_www(d, r);
		return;
	}
	if (!dns_result_ok(mx)) {
		r->mx_status = SMX_ERROR;
		r->mx_error = xstrdup(dns_result_problem(mx));
		return;
	}
	r->mx_status = mx->nrrs == 0 ? SMX_NONE : SMX_OK;
	if (r->mx_status == SMX_NONE)
		sender_www(d, r);
	for (i = 0; i < mx->nrrs && r->nmx < SENDER_MX_MAX; i++) {
		if (mx->rrs[i].name[0] == '\0') {
			r->mx_status = SMX_NULL;
			continue;
		}
		h = &r->mx[r->nmx++];
		h->name = xstrdup(mx->rrs[i].name);
		h->pref = mx->rrs[i].pref;
		for (t = 0; t < 2; t++) {
			if ((a = sdns_get(&d->dns, h->name, types[t])) == NULL)
				continue;
			for (k = 0; dns_result_ok(a) && k < a->nrrs && h->naddrs < 4; k++)
				ipaddr_parse(a->rrs[k].name, &h->addrs[h->naddrs++]);
		}
	}
	if (r->mx_status == SMX_NULL && r->nmx > 0)
		r->mx_status = SMX_OK;
}

/*
 * Which IPs: the explicit ones, else SPF's single addresses and small ranges,
 * else the MX hosts'.
 */
static void
sender_pick_ips(struct sender_report *r)
{
	const struct sender_opts *o = r->opts;
	const struct spf_range *g;
	struct ipaddr a;
	char src[200];
	size_t i, k, n;

	for (i = 0; i < o->nips; i++)
		sender_add_ip(r, o->ips[i], i == 0 && o->ip_from_message ?
		    "--message" : "--ip");
	if (o->nips > 0 || !r->has_domain)
		return;
	for (i = 0; i < r->spf.nranges; i++) {
		g = &r->spf.ranges[i];
		snprintf(src, sizeof(src), "SPF %s (%s)", g->how, g->from);
		ipaddr_parse(g->v4 ? "0.0.0.0" : "::", &a);
		memcpy(a.b, g->v4 ? g->ip + 12 : g->ip, g->v4 ? 4 : 16);
		if (!g->v4 && g->prefix != 128) {
			strlist_addf(&r->ip_notes, "SPF range %s/%d (%s) is not listed address "
			    "by address", g->how, g->prefix, g->from);
			continue;
		}
		if (g->v4 && g->prefix < SENDER_RANGE_ENUM) {
			strlist_addf(&r->ip_notes, "SPF range %s (%s, a /%d) is larger than /%d: "
			    "not listed address by address; give --ip for the real sending IP",
			    g->how, g->from, g->prefix, SENDER_RANGE_ENUM);
			continue;
		}
		n = g->v4 ? 1u << (32 - g->prefix) : 1;
		for (k = 0; k < n; k++) {
			struct ipaddr one = a;

			if (g->v4)
				one.b[3] = (uint8_t)((a.b[3] & ~(n - 1)) + k);
			ipaddr_neighbour(&one, one.b[g->v4 ? 3 : 15], &one);
			sender_add_ip(r, one.text, src);
		}
	}
	/* MX hosts often send too; asked only when SPF names no address. */
	for (i = 0; r->nips == 0 && i < r->nmx; i++)
		for (k = 0; k < r->mx[i].naddrs; k++) {
			snprintf(src, sizeof(src), "MX %s", r->mx[i].name);
			sender_add_ip(r, r->mx[i].addrs[k].text, src);
		}
}

static void
sender_ip_checks(struct sender_driver *d, struct sender_report *r,
    struct sender_ip *ip)
{
	const struct dnsbl_set *lists = d->opts->lists;
	const struct dnsbl_list *l;
	struct spf_ctx c;
	char sender[300], q[320];
	size_t i;

	ptr_check(&d->dns, &ip->a, d->opts->helo, &ip->ptr);
	if (r->has_domain) {
		memset(&c, 0, sizeof(c));
		c.dns = &d->dns;
		snprintf(sender, sizeof(sender), "postmaster@%s", d->opts->domain);
		c.sender = sender;
		c.helo = d->opts->helo ? d->opts->helo : d->opts->domain;
		spf_set_ip(&c, ip->a.text);
		ip->spf = spf_check_host(&c, d->opts->domain);
		ip->spf_why = c.why;
	}
	for (i = 0; i < lists->n; i++) {
		l = &lists->lists[i];
		if (l->domain)
			continue;
		if (!dnsbl_qname(l, &ip->a, NULL, d->opts->spamhaus_key, q, sizeof(q))) {
			ip->v[i].state = DNSBL_UNSUPPORTED;
			continue;
		}
		r->zone_used[i] = true;
		if (r->zone_ok[i] == 0) {
			ip->v[i].state = DNSBL_UNKNOWN;
			ip->v[i].cause = xstrdup(r->zone_cause[i]);
			continue;
		}
		dnsbl_interpret(l, sdns_get(&d->bldns, q, DNS_T_A), &ip->v[i]);
	}
}

/*
 * --neighbours: the other 253 addresses of an IPv4 /24 against the lists
 * marked "sweep" (whose self-test passed): how many are listed.
 */
static void
sender_sweep(struct sender_driver *d, struct sender_report *r,
    struct sender_ip *ip)
{
	const struct dnsbl_set *lists = d->opts->lists;
	struct dnsbl_verdict v;
	struct ipaddr n;
	char q[320];
	unsigned last, listed, unknown;
	size_t i;

	ip->swept = true;
	for (last = 1; last < 255; last++) {
		if (last == ip->a.b[3])
			continue;
		ipaddr_neighbour(&ip->a, last, &n);
		listed = unknown = 0;
		for (i = 0; i < lists->n; i++) {
			if (!lists->lists[i].sweep || r->zone_ok[i] != 1 ||
			    !dnsbl_qname(&lists->lists[i], &n, NULL, d->opts->spamhaus_key, q,
			    sizeof(q)))
				continue;
			dnsbl_interpret(&lists->lists[i],
			    sdns_get(&d->bldns, q, DNS_T_A), &v);
			listed += v.state == DNSBL_LISTED;
			unknown += v.state == DNSBL_UNKNOWN ||
			    v.state == DNSBL_NEED;
			dnsbl_verdict_clear(&v);
		}
		ip->sweep_checked++;
		ip->sweep_listed += listed > 0;
		ip->sweep_unknown += listed == 0 && unknown > 0;
	}
}

/*
 * A policy TXT record at PREFIX.DOMAIN (MTA-STS RFC 8461 3.1, TLS-RPT
 * RFC 8460 3), read by net/mtasts.c's parsers: 1 exactly one record
 * starting with tag and it parses, 0 none, 2 several or one that does not
 * parse, -1 not answered yet, -2 DNS error.
 */
static int
sender_txt(const struct sender_dns *dns, const char *prefix, const char *domain,
    const char *tag, bool sts)
{
	const struct dns_result *a;
	const struct dns_rr *rr = NULL;
	struct strlist rua = { 0 };
	const char *err;
	char q[320], *id = NULL;
	size_t i, n = 0, taglen = strlen(tag);
	int ok;

	snprintf(q, sizeof(q), "%s.%s", prefix, domain);
	if ((a = sdns_get(dns, q, DNS_T_TXT)) == NULL)
		return -1;
	if (dns_result_nxdomain(a) || (dns_result_ok(a) && a->nrrs == 0))
		return 0;
	if (!dns_result_ok(a))
		return -2;
	for (i = 0; i < a->nrrs; i++)
		if (a->rrs[i].len >= taglen &&
		    memcmp(a->rrs[i].data, tag, taglen) == 0) {
			rr = &a->rrs[i];
			n++;
		}
	if (n != 1)
		return n == 0 ? 0 : 2;
	ok = sts ?
	    mtasts_txt_parse((const char *)rr->data, rr->len, &id, &err) :
	    tlsrpt_txt_parse((const char *)rr->data, rr->len, &rua, &err);
	free(id);
	strlist_free(&rua);
	return ok == 0 ? 1 : 2;
}

/* s added to sel[0..n) unless it is there (one finding per selector, the
 * named one's); returns the new count. */
static size_t
sender_add_selector(const char **sel, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(sel[i], s) == 0)
			return n;
	sel[n] = s;
	return n + 1;
}

/* One pass over everything; returns whether every answer it needed was in. */
static void
sender_pass(struct sender_driver *d)
{
	struct sender_report *r = d->rep;
	const struct sender_opts *o = d->opts;
	const struct dnsbl_set *lists = o->lists;
	const char *sel[DKIM_SELECTORS_MAX];
	char q[320];
	size_t i, n = 0, named;

	sender_report_reset(r);
	r->has_domain = o->domain != NULL;
	for (i = 0; i < lists->n; i++) {
		r->zone_ok[i] = dnsbl_selftest(&d->bldns, &lists->lists[i],
		    o->spamhaus_key, &r->zone_cause[i]);
	}
	if (r->has_domain) {
		spf_walk(&d->dns, o->domain, &r->spf);
		dmarc_check(&d->dns, o->domain, &r->dmarc);
		r->sts_txt = sender_txt(&d->dns, "_mta-sts", o->domain, "v=STSv1", true);
		r->tlsrpt_txt = sender_txt(&d->dns, "_smtp._tls", o->domain, "v=TLSRPTv1",
		    false);
		for (i = 0; i < o->nselectors && n < DKIM_SELECTORS_MAX; i++)
			n = sender_add_selector(sel, n, o->selectors[i]);
		named = n;
		for (i = 0; dkim_common_selectors[i] != NULL && n < DKIM_SELECTORS_MAX; i++)
			n = sender_add_selector(sel, n, dkim_common_selectors[i]);
		dkim_check(&d->dns, o->domain, sel, n, r->dkim);
		r->ndkim = n;
		r->ndkim_named = named;
		sender_mx(d, r);
		for (i = 0; i < lists->n; i++) {
			if (!lists->lists[i].domain)
				continue;
			r->zone_used[i] = true;
			if (r->zone_ok[i] == 0) {
				r->domain_v[i].state = DNSBL_UNKNOWN;
				r->domain_v[i].cause = xstrdup(r->zone_cause[i]);
				continue;
			}
			if (dnsbl_qname(&lists->lists[i], NULL, o->domain, o->spamhaus_key, q,
			    sizeof(q)))
				dnsbl_interpret(&lists->lists[i], sdns_get(&d->bldns, q, DNS_T_A),
				    &r->domain_v[i]);
		}
	}
	sender_pick_ips(r);
	for (i = 0; i < r->nips; i++)
		sender_ip_checks(d, r, &r->ips[i]);
	for (i = 0, n = 0; o->neighbours && i < r->nips && n < SENDER_SWEEP_IPS; i++)
		if (r->ips[i].a.v4) {
			sender_sweep(d, r, &r->ips[i]);
			n++;
		}
}

/*
 * Who sends for the domain, from its MX names, SPF includes and the IPs' PTR
 * names.
 */
static void
sender_identify(struct sender_report *r)
{
	const char *mx[SENDER_MX_MAX], *spf[SPF_TERMS_MAX],
	    *ptr[SENDER_IPS_MAX];
	char *inc[SPF_TERMS_MAX], *rec, *tok, *save = NULL;
	struct provider_evidence ev = { mx, 0, spf, 0, ptr, 0 };
	size_t i, ninc = 0;

	if (r->opts->providers == NULL)
		return;
	for (i = 0; i < r->nmx; i++)
		mx[ev.nmx++] = r->mx[i].name;
	for (i = 0; i < r->nips; i++)
		if (r->ips[i].ptr.name != NULL)
			ptr[ev.nptr++] = r->ips[i].ptr.name;
	rec = xstrdup_or_null(r->spf.record);
	for (tok = rec ? strtok_r(rec, " ", &save) : NULL; tok != NULL && ninc < SPF_TERMS_MAX;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strncasecmp(tok, "include:", 8) == 0 || strncasecmp(tok, "+include:", 9) == 0)
			inc[ninc++] = xstrdup(strchr(tok, ':') + 1);
		else if (strncasecmp(tok, "redirect=", 9) == 0)
			inc[ninc++] = xstrdup(tok + 9);
	}
	for (i = 0; i < ninc; i++)
		spf[ev.nspf++] = inc[i];
	r->provider = provider_identify(r->opts->providers, &ev,
	    r->provider_why, sizeof(r->provider_why));
	for (i = 0; i < ninc; i++)
		free(inc[i]);
	free(rec);
}

static void
sender_finish(struct sender_driver *d, bool complete)
{
	d->done = true;
	d->rep->complete = complete;
	event_base_loopbreak(d->base);
}

/*
 * The answers of both caches are in: run the next pass from a fresh loop turn.
 */
static void
sender_ready(void *arg)
{
	static const struct timeval now = { 0, 0 };
	struct sender_driver *d = arg;

	if (!d->done && sdns_cache_pending(d->cache) == 0 &&
	    sdns_cache_pending(d->blcache) == 0)
		evtimer_add(d->again, &now);
}

static void
sender_again_cb(evutil_socket_t fd, short what, void *arg)
{
	struct sender_driver *d = arg;

	(void)fd;
	(void)what;
	sender_pass(d);
	if (sdns_cache_pending(d->cache) == 0 &&
	    sdns_cache_pending(d->blcache) == 0)
		sender_finish(d, true);
	else
		d->rep->rounds++;
}

static void
sender_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	struct sender_driver *d = arg;

	(void)fd;
	(void)what;
	sender_finish(d, false);
}

void
sender_run(struct event_base *base, struct dns_ctx *dns, struct dns_ctx *dnsbl,
    const struct sender_opts *o, struct sender_report *rep)
{
	struct sender_driver d;
	struct timeval tv = { o->deadline_ms / 1000, (o->deadline_ms % 1000) * 1000 };
	long long t0 = now_ms();
	unsigned long q0 = dns_queries(dns), qb = dnsbl != dns ? dns_queries(dnsbl) : 0;

	memset(&d, 0, sizeof(d));
	memset(rep, 0, sizeof(*rep));
	rep->opts = o;
	d.base = base;
	d.opts = o;
	d.rep = rep;
	d.cache = sdns_cache_new(dns, sender_ready, &d);
	d.dns = sdns_cache_dns(d.cache);
	d.blcache = sdns_cache_new(dnsbl, sender_ready, &d);
	d.bldns = sdns_cache_dns(d.blcache);
	if ((d.deadline = evtimer_new(base, sender_deadline_cb, &d)) == NULL ||
	    (d.again = evtimer_new(base, sender_again_cb, &d)) == NULL)
		fatalx("%s: evtimer_new failed", __func__);
	evtimer_add(d.deadline, &tv);
	sender_again_cb(-1, 0, &d);
	while (!d.done)
		event_base_dispatch(base);
	if (!rep->complete)
		sender_pass(&d);	/* what arrived by the deadline; the rest stays unknown */
	sender_identify(rep);
	rep->queries = dns_queries(dns) - q0 +
	    (dnsbl != dns ? dns_queries(dnsbl) - qb : 0);
	rep->ms = now_ms() - t0;
	event_free(d.deadline);
	event_free(d.again);
	sdns_cache_free(d.cache);
	sdns_cache_free(d.blcache);
}
