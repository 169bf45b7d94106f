/*
 * dnsplan.c - turn DNS answers (dns_result, dns/answer.h) into an mxplan,
 * exactly as an MTA reads them (RFC 5321 5.1, RFC 7505 null MX, RFC 2181
 * 10.3 on CNAMEs).
 *
 * dnsplan_mx() reads the MX answer: NXDOMAIN, resolver failure, null MX,
 * the MX hosts (deduplicated, at most DNSPLAN_HOSTS_MAX), or the implicit
 * MX.  dnsplan_addrs() adds one A or AAAA answer to a host (IPv6 first,
 * CNAME chains followed, at most DNSPLAN_ADDRS_MAX).  dnsplan_finish()
 * decides PLAN_OK / NO_ADDRESS / NO_MAIL / SERVFAIL and orders the hosts.
 * Every answer is hostile: every count is bounded, and a malformed answer
 * is a resolver failure, never a crash.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dns/dnsplan.h"

static void
dnsplan_set_error(struct mxplan *plan, enum plan_status st, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* The plan ends with status st; why, in a bounded text (xvseterror). */
static void
dnsplan_set_error(struct mxplan *plan, enum plan_status st, const char *fmt,
    ...)
{
	va_list ap;

	plan->status = st;
	va_start(ap, fmt);
	xvseterror(&plan->error, fmt, ap);
	va_end(ap);
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

/*
 * "192.0.2.1", "[192.0.2.1]" or an IPv6 text as an MX target: not a host name.
 */
static bool
dnsplan_is_ip_literal(const char *name)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return name[0] == '[' || inet_pton(AF_INET, name, buf) == 1 ||
	    inet_pton(AF_INET6, name, buf) == 1;
}

/*
 * A host name as RFC 1123 2.1 (and Postfix's valid_hostname) has it:
 * labels of letters, digits, hyphens and underscores, 1-63 bytes, not
 * starting or ending with a hyphen.  The name is in presentation form, so
 * a byte outside that (ESC, a space, '<') arrives as "\027" or as itself:
 * either way it fails here.
 */
static bool
dnsplan_is_host_name(const char *name)
{
	size_t label = 0, i;
	char c;

	for (i = 0; name[i] != '\0'; i++) {
		c = name[i];
		if (c == '.') {
			if (label == 0 || name[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
		if ((label == 0 && c == '-') || ++label > 63)
			return false;
	}
	return label > 0 && name[i - 1] != '-' && i <= 253;
}

/* "localhost" and RFC 6761's *.localhost: "no mail here", never a target. */
static bool
dnsplan_is_localhost(const char *name)
{
	size_t n = strlen(name);

	return strcasecmp(name, "localhost") == 0 || (n > 10 &&
	    strcasecmp(name + n - 10, ".localhost") == 0);
}

/* Why an MX target is not looked up or contacted; NULL when it is fine. */
static const char *
dnsplan_skip_reason(const char *name)
{
	if (dnsplan_is_ip_literal(name))
		return "is an IP address, not a host name (RFC 5321 5.1)";
	if (dnsplan_is_localhost(name))
		return "is localhost: a way of saying the domain takes no mail, "
		    "never a server to connect to";
	if (!dnsplan_is_host_name(name))
		return "is not a host name (RFC 1123: letters, digits and "
		    "hyphens, labels of at most 63)";
	return NULL;
}

bool
dnsplan_init(struct dnsplan *dp, const char *domain)
{
	char *canon;
	size_t n = strlen(domain);

	memset(dp, 0, sizeof(*dp));
	dp->secure = true;
	dp->plan = xcalloc(1, sizeof(*dp->plan));
	if (n > 1 && domain[n - 1] == '.')
		n--;
	dp->plan->domain = xstrndup(domain, n);
	dp->plan->status = PLAN_OK;
	if ((canon = dns_name_canon(dp->plan->domain)) == NULL) {
		dp->secure = false;
		dnsplan_set_error(dp->plan, PLAN_NXDOMAIN, "not a valid domain name");
		return false;
	}
	free(canon);
	return true;
}

static struct mx_host *
dnsplan_add_host(struct mxplan *plan, char *name, int pref, size_t *cap)
{
	struct mx_host *h;

	if (plan->nhosts == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		plan->hosts = xrealloc(plan->hosts,
		    *cap * sizeof(*plan->hosts));
	}
	h = &plan->hosts[plan->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = name;
	h->preference = pref;
	return h;
}

/* Read the MX records into plan->hosts; returns whether a null MX was seen. */
static bool
dnsplan_read_mx(struct mxplan *plan, const struct dns_result *r)
{
	const struct dns_rr *rr;
	bool null_mx = false;
	size_t i, j, cap = 0;

	for (i = 0; i < r->nrrs; i++) {
		rr = &r->rrs[i];
		if (rr->name[0] == '\0') {
			if (rr->pref != 0)
				strlist_addf(&plan->warnings, "null MX with preference %d; "
				    "RFC 7505 asks for 0", rr->pref);
			null_mx = true;
			continue;
		}
		for (j = 0; j < plan->nhosts; j++)
			if (strcmp(plan->hosts[j].name, rr->name) == 0)
				break;
		if (j < plan->nhosts) {
			strlist_addf(&plan->warnings, "MX host %s is listed more than once", rr->name);
			if (rr->pref < plan->hosts[j].preference)
				plan->hosts[j].preference = rr->pref;
		} else
			dnsplan_add_host(plan, xstrdup(rr->name), rr->pref,
			    &cap);
	}
	if (plan->nhosts > DNSPLAN_HOSTS_MAX || r->omitted > 0) {
		/* Shuffle equal preferences before the cut, so the hosts kept
		 * from the last preference kept vary as RFC 5321 5.1
		 * intends. */
		mxplan_order(plan);
		for (j = DNSPLAN_HOSTS_MAX; j < plan->nhosts; j++)
			mx_host_clear(&plan->hosts[j]);
		if (plan->nhosts > DNSPLAN_HOSTS_MAX)
			plan->nhosts = DNSPLAN_HOSTS_MAX;
		strlist_addf(&plan->warnings, "more than %d MX hosts; only the %d most "
		    "preferred are used", DNSPLAN_HOSTS_MAX, DNSPLAN_HOSTS_MAX);
	}
	return null_mx;
}

static bool
dnsplan_all_localhost(const struct mxplan *plan)
{
	size_t i;

	for (i = 0; i < plan->nhosts; i++)
		if (!dnsplan_is_localhost(plan->hosts[i].name))
			return false;
	return plan->nhosts > 0;
}

static void
dnsplan_drop_hosts(struct mxplan *plan)
{
	size_t i;

	for (i = 0; i < plan->nhosts; i++)
		mx_host_clear(&plan->hosts[i]);
	free(plan->hosts);
	plan->hosts = NULL;
	plan->nhosts = 0;
}

enum dnsplan_next
dnsplan_mx(struct dnsplan *dp, const struct dns_result *r)
{
	struct mxplan *plan = dp->plan;
	size_t others, i, cap;
	const char *why;

	if (r->sec != DNS_SEC_SECURE)
		dp->secure = false;
	plan->mx_sec = r->sec;
	if (dns_result_nxdomain(r)) {
		dnsplan_set_error(plan, PLAN_NXDOMAIN, "NXDOMAIN");
		return DNSPLAN_DONE;
	}
	if (!dns_result_ok(r)) {
		dnsplan_set_error(plan, r->err == DNS_ERR_TIMEOUT ? PLAN_TIMEOUT :
		    r->err == DNS_ERR_BOGUS ? PLAN_BOGUS : PLAN_SERVFAIL,
		    "MX lookup: %s", dns_result_problem(r));
		return DNSPLAN_DONE;
	}
	if (r->canonical != NULL)
		strlist_addf(&plan->warnings, "domain %s is a CNAME to %s", plan->domain,
		    r->canonical);
	if (dnsplan_read_mx(plan, r)) {
		others = plan->nhosts;
		dnsplan_drop_hosts(plan);
		if (others > 0)
			strlist_addf(&plan->warnings, "null MX (RFC 7505) mixed with %zu other "
			    "MX {1|record|records}: the domain says it accepts no mail", others);
		dnsplan_set_error(plan, PLAN_NULL_MX, "null MX (RFC 7505): the domain accepts no mail");
		return DNSPLAN_DONE;
	}
	if (plan->nhosts == 0) {
		dp->implicit = true;
		cap = 0;
		dnsplan_add_host(plan, xstrdup(plan->domain), -1, &cap);
	} else if (dnsplan_all_localhost(plan)) {
		dnsplan_drop_hosts(plan);
		strlist_add(&plan->warnings, "the MX record names localhost: "
		    "the domain says it takes no mail (treated as a null MX); "
		    "not contacted");
		dnsplan_set_error(plan, PLAN_NULL_MX, "MX localhost: the domain "
		    "accepts no mail");
		return DNSPLAN_DONE;
	}
	for (i = 0; i < plan->nhosts && !dp->implicit; i++)
		if ((why = dnsplan_skip_reason(plan->hosts[i].name)) != NULL)
			strlist_addf(&plan->hosts[i].warnings, "MX target %s %s; "
			    "skipped", plan->hosts[i].name, why);
	dp->failed = xcalloc(plan->nhosts, sizeof(*dp->failed));
	return DNSPLAN_ADDRESSES;
}

bool
dnsplan_wants(const struct dnsplan *dp, size_t i)
{
	if (i >= dp->plan->nhosts)
		return false;
	return dp->implicit ||
	    dnsplan_skip_reason(dp->plan->hosts[i].name) == NULL;
}

/* Put one address in h: IPv6 before IPv4, no duplicates, bounded. */
static void
dnsplan_add_addr(struct mx_host *h, const struct dns_rr *rr, bool *dropped)
{
	struct mx_addr a;
	struct sockaddr_in *sin = (struct sockaddr_in *)(void *)&a.ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)(void *)&a.ss;
	size_t i, at;
	bool v6 = rr->type == DNS_T_AAAA;

	memset(&a, 0, sizeof(a));
	if (v6) {
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, rr->data, 16);
		a.sslen = sizeof(*sin6);
	} else {
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, rr->data, 4);
		a.sslen = sizeof(*sin);
	}
	snprintf(a.text, sizeof(a.text), "%s", rr->name);
	for (i = 0; i < h->naddrs; i++)
		if (strcmp(h->addrs[i].text, a.text) == 0)
			return;
	for (at = 0; v6 && at < h->naddrs && h->addrs[at].ss.ss_family == AF_INET6; at++)
		;
	if (!v6)
		at = h->naddrs;
	if (h->naddrs == DNSPLAN_ADDRS_MAX) {
		*dropped = true;
		if (at == h->naddrs ||
		    h->addrs[h->naddrs - 1].ss.ss_family == AF_INET6)
			return;
		h->naddrs--;	/* an IPv6 address displaces the last IPv4 one */
	}
	h->addrs = xrealloc(h->addrs, (h->naddrs + 1) * sizeof(*h->addrs));
	memmove(&h->addrs[at + 1], &h->addrs[at],
	    (h->naddrs - at) * sizeof(*h->addrs));
	h->addrs[at] = a;
	h->naddrs++;
}

void
dnsplan_addrs(struct dnsplan *dp, size_t i, const struct dns_result *r)
{
	const char *tname = r->qtype == DNS_T_AAAA ? "AAAA" : "A";
	struct mx_host *h;
	char err[512];
	bool dropped = false;
	size_t k;

	if (!dnsplan_wants(dp, i) ||
	    (r->qtype != DNS_T_A && r->qtype != DNS_T_AAAA))
		return;
	h = &dp->plan->hosts[i];
	if (r->sec != DNS_SEC_SECURE)
		dp->secure = false;
	h->addr_sec = h->addr_seen ? mx_sec_weakest(h->addr_sec, r->sec) : r->sec;
	h->addr_seen = true;
	if (dns_result_nxdomain(r))
		return;
	if (!dns_result_ok(r)) {
		if (r->err == DNS_ERR_BOGUS && dp->addr_error == NULL)
			dp->addr_bogus = true;
		snprintf(err, sizeof(err), "%s lookup: %s", tname, dns_result_problem(r));
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
		dp->failed[i] = true;
		if (dp->addr_error == NULL)
			dp->addr_error = xasprintf("%s lookup of %s failed (%s)", tname, h->name, err);
		return;
	}
	if (r->canonical != NULL && !dp->implicit) {
		snprintf(err, sizeof(err), "MX target %s is a CNAME to %s (RFC 2181 10.3)",
		    h->name, r->canonical);
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
	}
	for (k = 0; k < r->nrrs; k++)
		dnsplan_add_addr(h, &r->rrs[k], &dropped);
	if (dropped || r->omitted > 0) {
		snprintf(err, sizeof(err), "more than %d addresses; the rest are ignored",
		    DNSPLAN_ADDRS_MAX);
		if (!strlist_has(&h->warnings, err))
			strlist_add(&h->warnings, err);
	}
}

bool
dnsplan_is_literal(const char *domain)
{
	size_t n = strlen(domain);

	return n > 2 && domain[0] == '[' && domain[n - 1] == ']';
}

struct mxplan *
dnsplan_literal(const char *literal)
{
	struct mxplan *plan = xcalloc(1, sizeof(*plan));
	struct sockaddr_in *sin;
	struct sockaddr_in6 *sin6;
	struct mx_addr a;
	struct mx_host *h;
	size_t cap = 0, n = strlen(literal);
	char inner[64];

	plan->domain = xstrdup(literal);
	plan->status = PLAN_OK;
	memset(&a, 0, sizeof(a));
	sin = (struct sockaddr_in *)(void *)&a.ss;
	sin6 = (struct sockaddr_in6 *)(void *)&a.ss;
	if (!dnsplan_is_literal(literal) || n - 2 >= sizeof(inner)) {
		dnsplan_set_error(plan, PLAN_NXDOMAIN, "not an address literal");
		return plan;
	}
	memcpy(inner, literal + 1, n - 2);
	inner[n - 2] = '\0';
	if (strncasecmp(inner, "IPv6:", 5) == 0 &&
	    inet_pton(AF_INET6, inner + 5, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		a.sslen = sizeof(*sin6);
		inet_ntop(AF_INET6, &sin6->sin6_addr, a.text, sizeof(a.text));
	} else if (inet_pton(AF_INET, inner, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		a.sslen = sizeof(*sin);
		inet_ntop(AF_INET, &sin->sin_addr, a.text, sizeof(a.text));
	} else {
		dnsplan_set_error(plan, PLAN_NXDOMAIN, "address literal %s is not "
		    "an IPv4 or IPv6 address", literal);
		return plan;
	}
	a.private_ = mx_addr_is_private((struct sockaddr *)&a.ss);
	h = dnsplan_add_host(plan, xstrdup(literal), -1, &cap);
	h->addrs = xmalloc(sizeof(*h->addrs));
	h->addrs[0] = a;
	h->naddrs = 1;
	strlist_addf(&plan->warnings, "the domain is an address literal: "
	    "delivered to %s directly, without DNS (RFC 5321 4.1.3)", a.text);
	return plan;
}

void
dnsplan_tlsa(struct dnsplan *dp, size_t i, const struct dns_result *r)
{
	struct mx_host *h;
	size_t k;

	if (!dnsplan_wants(dp, i) || r->qtype != DNS_T_TLSA)
		return;
	h = &dp->plan->hosts[i];
	h->tlsa_sec = r->sec;
	if (r->err == DNS_ERR_BOGUS) {
		h->dane = MX_DANE_BOGUS;
		strlist_addf(&h->warnings, "TLSA lookup: %s", dns_result_problem(r));
		return;
	}
	if (!dns_result_ok(r) || r->nrrs == 0 || h->tlsa != NULL)
		return;
	h->tlsa = xcalloc(r->nrrs, sizeof(*h->tlsa));
	for (k = 0; k < r->nrrs; k++) {
		struct tls_tlsa *t = &h->tlsa[h->ntlsa++];

		t->usage = r->rrs[k].tlsa[0];
		t->selector = r->rrs[k].tlsa[1];
		t->mtype = r->rrs[k].tlsa[2];
		t->len = r->rrs[k].len;
		t->data = xmalloc(t->len + 1);
		memcpy(t->data, r->rrs[k].data, t->len);
	}
}

/*
 * RFC 7672 2.2: TLSA records count only when they and the host's address
 * records are DNSSEC-secure; otherwise they are ignored, and the warning
 * says so.  A bogus TLSA answer stays bogus.
 */
static void
dnsplan_dane(struct mx_host *h)
{
	if (h->dane == MX_DANE_BOGUS || h->ntlsa == 0)
		return;
	if (h->tlsa_sec == DNS_SEC_SECURE && h->addr_sec == DNS_SEC_SECURE) {
		h->dane = MX_DANE_APPLIES;
		return;
	}
	h->dane = MX_DANE_IGNORED;
	strlist_addf(&h->warnings, "TLSA records at _25._tcp.%s ignored: %s is "
	    "not DNSSEC-signed (RFC 7672 2.2)", h->name,
	    h->tlsa_sec != DNS_SEC_SECURE ? "the TLSA answer" :
	    "the address answer");
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
		for (i = 0; i < plan->nhosts; i++)
			dnsplan_dane(&plan->hosts[i]);
		if (!any && failed)
			dnsplan_set_error(plan, dp->addr_bogus ? PLAN_BOGUS :
			    PLAN_SERVFAIL, "%s", dp->addr_error);
		else if (!any && dp->implicit) {
			dnsplan_set_error(plan, PLAN_NO_MAIL, "no MX and no A/AAAA record");
			dnsplan_drop_hosts(plan);
		} else if (!any)
			dnsplan_set_error(plan, PLAN_NO_ADDRESS, "no MX host has an address");
		mxplan_order(plan);
	}
	plan->dnssec_secure = dp->secure && plan->status != PLAN_SERVFAIL &&
	    plan->status != PLAN_TIMEOUT && plan->status != PLAN_BOGUS;
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
