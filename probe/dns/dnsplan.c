/*
 * dnsplan.c - turn DNS answer packets into an mxplan, exactly as an MTA
 * reads them (RFC 5321 5.1, RFC 7505 null MX, RFC 2181 10.3 on CNAMEs).
 *
 * dnsplan_mx() reads the MX answer: NXDOMAIN, resolver failure, null MX,
 * the MX hosts (deduplicated, at most DNSPLAN_HOSTS_MAX), or the implicit
 * MX.  dnsplan_addrs() adds one A or AAAA answer to a host (IPv6 first,
 * CNAME chains followed, at most DNSPLAN_ADDRS_MAX).  dnsplan_finish()
 * decides PLAN_OK / NO_ADDRESS / NO_MAIL / SERVFAIL and orders the hosts.
 * Every packet is hostile: ldns parses it, every count is bounded, and a
 * malformed answer is a resolver failure, never a crash.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "dns/dnsplan.h"

/* Distinct MX names read before the lowest DNSPLAN_HOSTS_MAX are kept. */
#define DNSPLAN_READ_MAX	256

static const char *
dnsplan_rcode_name(int rcode, char *buf, size_t len)
{
	ldns_lookup_table *lt = ldns_lookup_by_id(ldns_rcodes, rcode);

	if (lt != NULL)
		return lt->name;
	snprintf(buf, len, "RCODE%d", rcode);
	return buf;
}

static void
dnsplan_set_error(struct mxplan *plan, enum plan_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
dnsplan_set_error(struct mxplan *plan, enum plan_status st, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	plan->status = st;
	free(plan->error);
	plan->error = xstrdup(buf);
}

static bool
strlist_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* Lowercased presentation form without the trailing dot; owned. */
static char *
dnsplan_name(const ldns_rdf *dname)
{
	ldns_rdf *c = ldns_rdf_clone(dname);
	char *s, *out;
	size_t n;

	if (c == NULL)
		fatalx("%s: out of memory", __func__);
	ldns_dname2canonical(c);
	s = ldns_rdf2str(c);
	ldns_rdf_deep_free(c);
	if (s == NULL)
		fatalx("%s: out of memory", __func__);
	n = strlen(s);
	if (n > 1 && s[n - 1] == '.')
		n--;
	out = xstrndup(s, n);
	free(s);
	return out;
}

static ldns_rdf *
dnsplan_dname(const char *name)
{
	ldns_rdf *d = NULL;

	if (ldns_str2rdf_dname(&d, name) != LDNS_STATUS_OK)
		return NULL;
	return d;
}

/* "192.0.2.1", "[192.0.2.1]" or an IPv6 text as an MX target: not a host name. */
static bool
dnsplan_is_ip_literal(const char *name)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return name[0] == '[' || inet_pton(AF_INET, name, buf) == 1 ||
	    inet_pton(AF_INET6, name, buf) == 1;
}

/*
 * Follow the CNAME chain from qname through the answer section.  Returns
 * the final owner name (borrowed from qname or the packet), NULL when the
 * chain loops or is longer than DNSPLAN_CNAME_MAX.
 */
static const ldns_rdf *
dnsplan_chain(const ldns_pkt *p, const ldns_rdf *qname)
{
	const ldns_rr_list *ans = ldns_pkt_answer(p);
	const ldns_rdf *cur = qname, *next;
	const ldns_rr *rr;
	size_t i, hops;

	for (hops = 0; hops <= DNSPLAN_CNAME_MAX; hops++) {
		next = NULL;
		for (i = 0; ans != NULL && i < ldns_rr_list_rr_count(ans); i++) {
			rr = ldns_rr_list_rr(ans, i);
			if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_CNAME &&
			    ldns_rr_rd_count(rr) == 1 &&
			    ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) == LDNS_RDF_TYPE_DNAME &&
			    ldns_dname_compare(ldns_rr_owner(rr), cur) == 0) {
				next = ldns_rr_rdf(rr, 0);
				break;
			}
		}
		if (next == NULL)
			return cur;
		cur = next;
	}
	return NULL;
}

/* Records of type t owned by owner in the answer section, borrowed. */
static bool
dnsplan_match(const ldns_rr *rr, ldns_rr_type t, const ldns_rdf *owner)
{
	return ldns_rr_get_type(rr) == t && ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
	    ldns_dname_compare(ldns_rr_owner(rr), owner) == 0;
}

bool
dnsplan_init(struct dnsplan *dp, const char *domain)
{
	ldns_rdf *d;
	size_t n = strlen(domain);

	memset(dp, 0, sizeof(*dp));
	dp->secure = true;
	dp->plan = xcalloc(1, sizeof(*dp->plan));
	if (n > 1 && domain[n - 1] == '.')
		n--;
	dp->plan->domain = xstrndup(domain, n);
	dp->plan->status = PLAN_OK;
	d = n > 0 ? dnsplan_dname(dp->plan->domain) : NULL;
	if (d == NULL || ldns_dname_label_count(d) == 0) {
		ldns_rdf_deep_free(d);
		dp->secure = false;
		dnsplan_set_error(dp->plan, PLAN_NXDOMAIN, "not a valid domain name");
		return false;
	}
	ldns_rdf_deep_free(d);
	return true;
}

/* Parse a usable answer, or set the plan's error from it and return NULL. */
static ldns_pkt *
dnsplan_parse(struct dnsplan *dp, const struct dns_answer *a, const char *what,
    char *errbuf, size_t errlen)
{
	ldns_pkt *p = NULL;
	char rb[32];
	int rcode = a->rcode;

	if (a->sec == 1) {
		snprintf(errbuf, errlen, "%s: DNSSEC validation failed%s%s", what,
		    a->why_bogus ? ": " : "", a->why_bogus ? a->why_bogus : "");
		return NULL;
	}
	if (rcode == 0 && (a->pkt == NULL ||
	    ldns_wire2pkt(&p, a->pkt, a->len) != LDNS_STATUS_OK)) {
		snprintf(errbuf, errlen, "%s: malformed answer", what);
		return NULL;
	}
	if (rcode == 0)
		rcode = (int)ldns_pkt_get_rcode(p);
	if (rcode != LDNS_RCODE_NOERROR) {
		snprintf(errbuf, errlen, "%s: %s", what, dnsplan_rcode_name(rcode, rb, sizeof(rb)));
		ldns_pkt_free(p);
		return NULL;
	}
	if (a->sec != 2)
		dp->secure = false;
	return p;
}

static bool
dnsplan_nxdomain(const struct dns_answer *a)
{
	ldns_pkt *p = NULL;
	bool nx;

	if (a->sec == 1)
		return false;
	if (a->rcode != 0)
		return a->rcode == LDNS_RCODE_NXDOMAIN;
	if (a->pkt == NULL || ldns_wire2pkt(&p, a->pkt, a->len) != LDNS_STATUS_OK)
		return false;
	nx = ldns_pkt_get_rcode(p) == LDNS_RCODE_NXDOMAIN;
	ldns_pkt_free(p);
	return nx;
}

static struct mx_host *
dnsplan_add_host(struct mxplan *plan, char *name, int pref, size_t *cap)
{
	struct mx_host *h;

	if (plan->nhosts == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		plan->hosts = xrealloc(plan->hosts, *cap * sizeof(*plan->hosts));
	}
	h = &plan->hosts[plan->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = name;
	h->preference = pref;
	return h;
}

static int
dnsplan_pref_cmp(const void *a, const void *b)
{
	const struct mx_host *x = a, *y = b;

	return (x->preference > y->preference) - (x->preference < y->preference);
}

/* Read the MX records at owner into plan->hosts; returns whether a null MX was seen. */
static bool
dnsplan_read_mx(struct mxplan *plan, const ldns_pkt *p, const ldns_rdf *owner)
{
	const ldns_rr_list *ans = ldns_pkt_answer(p);
	const ldns_rr *rr;
	bool null_mx = false, too_many = false;
	size_t i, j, cap = 0;
	char *name;
	int pref;

	for (i = 0; ans != NULL && i < ldns_rr_list_rr_count(ans); i++) {
		rr = ldns_rr_list_rr(ans, i);
		if (!dnsplan_match(rr, LDNS_RR_TYPE_MX, owner) || ldns_rr_rd_count(rr) != 2 ||
		    ldns_rdf_get_type(ldns_rr_rdf(rr, 0)) != LDNS_RDF_TYPE_INT16 ||
		    ldns_rdf_get_type(ldns_rr_rdf(rr, 1)) != LDNS_RDF_TYPE_DNAME)
			continue;
		pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
		if (ldns_dname_label_count(ldns_rr_rdf(rr, 1)) == 0) {
			if (pref != 0)
				strlist_addf(&plan->warnings, "null MX with preference %d; "
				    "RFC 7505 asks for 0", pref);
			null_mx = true;
			continue;
		}
		name = dnsplan_name(ldns_rr_rdf(rr, 1));
		for (j = 0; j < plan->nhosts; j++)
			if (strcmp(plan->hosts[j].name, name) == 0)
				break;
		if (j < plan->nhosts) {
			strlist_addf(&plan->warnings, "MX host %s is listed more than once", name);
			if (pref < plan->hosts[j].preference)
				plan->hosts[j].preference = pref;
			free(name);
		} else if (plan->nhosts == DNSPLAN_READ_MAX) {
			too_many = true;
			free(name);
		} else
			dnsplan_add_host(plan, name, pref, &cap);
	}
	if (plan->nhosts > DNSPLAN_HOSTS_MAX || too_many) {
		qsort(plan->hosts, plan->nhosts, sizeof(*plan->hosts), dnsplan_pref_cmp);
		for (j = DNSPLAN_HOSTS_MAX; j < plan->nhosts; j++) {
			free(plan->hosts[j].name);
			strlist_free(&plan->hosts[j].warnings);
		}
		if (plan->nhosts > DNSPLAN_HOSTS_MAX)
			plan->nhosts = DNSPLAN_HOSTS_MAX;
		strlist_addf(&plan->warnings, "more than %d MX hosts; only the %d most "
		    "preferred are used", DNSPLAN_HOSTS_MAX, DNSPLAN_HOSTS_MAX);
	}
	return null_mx;
}

static void
dnsplan_drop_hosts(struct mxplan *plan)
{
	size_t i;

	for (i = 0; i < plan->nhosts; i++) {
		free(plan->hosts[i].name);
		free(plan->hosts[i].addrs);
		strlist_free(&plan->hosts[i].warnings);
	}
	free(plan->hosts);
	plan->hosts = NULL;
	plan->nhosts = 0;
}

enum dnsplan_next
dnsplan_mx(struct dnsplan *dp, const struct dns_answer *a)
{
	struct mxplan *plan = dp->plan;
	const ldns_rdf *owner;
	ldns_rdf *qname;
	ldns_pkt *p;
	char err[512], *target;
	size_t others, i, cap;
	bool null_mx;

	if (dnsplan_nxdomain(a)) {
		if (a->sec != 2)
			dp->secure = false;
		dnsplan_set_error(plan, PLAN_NXDOMAIN, "NXDOMAIN");
		return DNSPLAN_DONE;
	}
	if ((p = dnsplan_parse(dp, a, "MX lookup", err, sizeof(err))) == NULL) {
		dnsplan_set_error(plan, PLAN_SERVFAIL, "%s", err);
		return DNSPLAN_DONE;
	}
	if ((qname = dnsplan_dname(plan->domain)) == NULL)
		fatalx("%s: domain checked by dnsplan_init", __func__);
	if ((owner = dnsplan_chain(p, qname)) == NULL) {
		dnsplan_set_error(plan, PLAN_SERVFAIL, "MX lookup: CNAME chain loops or "
		    "is longer than %d", DNSPLAN_CNAME_MAX);
		goto done;
	}
	if (owner != qname) {
		target = dnsplan_name(owner);
		strlist_addf(&plan->warnings, "domain %s is a CNAME to %s", plan->domain, target);
		free(target);
	}
	null_mx = dnsplan_read_mx(plan, p, owner);
	if (null_mx) {
		others = plan->nhosts;
		dnsplan_drop_hosts(plan);
		if (others > 0)
			strlist_addf(&plan->warnings, "null MX (RFC 7505) mixed with %zu other "
			    "MX record%s: the domain says it accepts no mail",
			    others, others == 1 ? "" : "s");
		dnsplan_set_error(plan, PLAN_NULL_MX, "null MX (RFC 7505): the domain accepts no mail");
		goto done;
	}
	if (plan->nhosts == 0) {
		dp->implicit = true;
		cap = 0;
		dnsplan_add_host(plan, xstrdup(plan->domain), -1, &cap);
	}
	for (i = 0; i < plan->nhosts; i++)
		if (dnsplan_is_ip_literal(plan->hosts[i].name))
			strlist_addf(&plan->hosts[i].warnings, "MX target %s is an IP address, "
			    "not a host name (RFC 5321 5.1); skipped", plan->hosts[i].name);
	dp->failed = xcalloc(plan->nhosts, sizeof(*dp->failed));
	ldns_rdf_deep_free(qname);
	ldns_pkt_free(p);
	return DNSPLAN_ADDRESSES;
done:
	ldns_rdf_deep_free(qname);
	ldns_pkt_free(p);
	return DNSPLAN_DONE;
}

bool
dnsplan_wants(const struct dnsplan *dp, size_t i)
{
	if (i >= dp->plan->nhosts)
		return false;
	return dp->implicit || !dnsplan_is_ip_literal(dp->plan->hosts[i].name);
}

/* Put one address in h: IPv6 before IPv4, no duplicates, bounded. */
static void
dnsplan_add_addr(struct mx_host *h, const ldns_rdf *rd, bool *dropped)
{
	struct mx_addr a;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&a.ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)(void *)&a.ss;
	size_t i, at;
	bool v6;

	memset(&a, 0, sizeof(a));
	if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_A && ldns_rdf_size(rd) == 4) {
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, ldns_rdf_data(rd), 4);
		a.sslen = sizeof(*sin);
		inet_ntop(AF_INET, &sin->sin_addr, a.text, sizeof(a.text));
		v6 = false;
	} else if (ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_AAAA && ldns_rdf_size(rd) == 16) {
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, ldns_rdf_data(rd), 16);
		a.sslen = sizeof(*sin6);
		inet_ntop(AF_INET6, &sin6->sin6_addr, a.text, sizeof(a.text));
		v6 = true;
	} else
		return;
	for (i = 0; i < h->naddrs; i++)
		if (strcmp(h->addrs[i].text, a.text) == 0)
			return;
	for (at = 0; v6 && at < h->naddrs && h->addrs[at].ss.ss_family == AF_INET6; at++)
		;
	if (!v6)
		at = h->naddrs;
	if (h->naddrs == DNSPLAN_ADDRS_MAX) {
		*dropped = true;
		if (at == h->naddrs || h->addrs[h->naddrs - 1].ss.ss_family == AF_INET6)
			return;
		h->naddrs--;	/* an IPv6 address displaces the last IPv4 one */
	}
	h->addrs = xrealloc(h->addrs, (h->naddrs + 1) * sizeof(*h->addrs));
	memmove(&h->addrs[at + 1], &h->addrs[at], (h->naddrs - at) * sizeof(*h->addrs));
	h->addrs[at] = a;
	h->naddrs++;
}

void
dnsplan_addrs(struct dnsplan *dp, size_t i, int rrtype, const struct dns_answer *a)
{
	const char *tname = rrtype == LDNS_RR_TYPE_AAAA ? "AAAA" : "A";
	const ldns_rr_list *ans;
	const ldns_rdf *owner;
	struct mx_host *h;
	ldns_rdf *qname;
	ldns_pkt *p;
	char what[64], err[512], *target;
	bool dropped = false;
	size_t k;

	if (!dnsplan_wants(dp, i) || (rrtype != LDNS_RR_TYPE_A && rrtype != LDNS_RR_TYPE_AAAA))
		return;
	h = &dp->plan->hosts[i];
	if (dnsplan_nxdomain(a)) {
		if (a->sec != 2)
			dp->secure = false;
		return;
	}
	snprintf(what, sizeof(what), "%s lookup", tname);
	if ((p = dnsplan_parse(dp, a, what, err, sizeof(err))) == NULL) {
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
		dp->failed[i] = true;
		if (dp->addr_error == NULL)
			dp->addr_error = xasprintf("%s of %s failed (%s)", what, h->name, err);
		return;
	}
	if ((qname = dnsplan_dname(h->name)) == NULL) {
		ldns_pkt_free(p);
		return;
	}
	if ((owner = dnsplan_chain(p, qname)) == NULL) {
		snprintf(err, sizeof(err), "%s: CNAME chain loops or is longer than %d",
		    what, DNSPLAN_CNAME_MAX);
		strlist_add(&h->warnings, err);
		dp->failed[i] = true;
		if (dp->addr_error == NULL)
			dp->addr_error = xasprintf("%s of %s failed (%s)", what, h->name, err);
		goto done;
	}
	if (owner != qname && !dp->implicit) {
		target = dnsplan_name(owner);
		snprintf(err, sizeof(err), "MX target %s is a CNAME to %s (RFC 2181 10.3)",
		    h->name, target);
		free(target);
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
	}
	ans = ldns_pkt_answer(p);
	for (k = 0; ans != NULL && k < ldns_rr_list_rr_count(ans); k++)
		if (dnsplan_match(ldns_rr_list_rr(ans, k), (ldns_rr_type)rrtype, owner) &&
		    ldns_rr_rd_count(ldns_rr_list_rr(ans, k)) == 1)
			dnsplan_add_addr(h, ldns_rr_rdf(ldns_rr_list_rr(ans, k), 0), &dropped);
	if (dropped) {
		snprintf(err, sizeof(err), "more than %d addresses; the rest are ignored",
		    DNSPLAN_ADDRS_MAX);
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
	}
done:
	ldns_rdf_deep_free(qname);
	ldns_pkt_free(p);
}

struct mxplan *
dnsplan_finish(struct dnsplan *dp)
{
	struct mxplan *plan = dp->plan;
	bool any = false, failed = false;
	struct mx_host *h;
	size_t i, k;

	if (plan->status == PLAN_OK) {
		for (i = 0; i < plan->nhosts; i++) {
			h = &plan->hosts[i];
			for (k = 0; k < h->naddrs; k++)
				h->addrs[k].private_ =
				    mx_addr_is_private((struct sockaddr *)&h->addrs[k].ss);
			if (h->naddrs > 0)
				any = true;
			else if (dp->failed[i])
				failed = true;
			else if (dnsplan_wants(dp, i))
				strlist_add(&h->warnings, "no A/AAAA record");
		}
		if (!any && failed)
			dnsplan_set_error(plan, PLAN_SERVFAIL, "%s", dp->addr_error);
		else if (!any && dp->implicit) {
			dnsplan_set_error(plan, PLAN_NO_MAIL, "no MX and no A/AAAA record");
			dnsplan_drop_hosts(plan);
		} else if (!any)
			dnsplan_set_error(plan, PLAN_NO_ADDRESS, "no MX host has an address");
		mxplan_order(plan);
	}
	plan->dnssec_secure = dp->secure && plan->status != PLAN_SERVFAIL &&
	    plan->status != PLAN_TIMEOUT;
	dp->plan = NULL;
	dnsplan_clear(dp);
	return plan;
}

struct mxplan *
dnsplan_fail(struct dnsplan *dp, enum plan_status st, const char *error)
{
	struct mxplan *plan = dp->plan;

	dnsplan_drop_hosts(plan);
	dnsplan_set_error(plan, st, "%s", error);
	dp->plan = NULL;
	dnsplan_clear(dp);
	return plan;
}

void
dnsplan_clear(struct dnsplan *dp)
{
	mxplan_free(dp->plan);
	free(dp->failed);
	free(dp->addr_error);
	memset(dp, 0, sizeof(*dp));
}
