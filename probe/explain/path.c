/*
 * path.c - the path of a delivered message, from its Received: headers.
 *
 * Each relay prepends one Received: header, so the headers read newest
 * first; reversed they are the path oldest first.  Delays are taken
 * between consecutive hops that have a time; a negative one means two
 * clocks disagree (skew): it is shown, never added into a total.
 *
 * The receiving organisation is the registrable domain (libpsl) of the
 * newest hop's "by" host, joined with its sister domains by orgdom.  The
 * receiver's hops are the newest run whose "by" host is in it (or has no
 * domain: Gmail's "by 2002:a05:...", Coremail's "by mx19").  The boundary
 * is the newest of those whose sender is outside (a public IP whose
 * reverse DNS, or for Exchange's IPv6 internals its HELO, is not the
 * receiver's); its IP is the sending IP: the one reputation and SPF were
 * judged on.  An authenticated hop (ESMTPA, ESMTPSA) is the sender's own
 * submission to its provider, never the boundary.  Headers below the boundary
 * were written by the sender's side or anyone before it and may be forged; the
 * boundary hop itself was written by the receiver.
 *
 * Public: path_init(), path_add(), path_finish(), path_free(),
 * path_ptr_generic(), path_duration(), path_delay().
 *
 * Bounds: PATH_HOPS_MAX hops kept (the newest: the receiver's are the
 * ones that count), the rest counted in dropped.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "explain/path.h"

void
path_init(struct path *p)
{
	memset(p, 0, sizeof(*p));
	p->boundary = -1;
	p->longest = -1;
}

void
path_add(struct path *p, const char *value, size_t len, size_t pos)
{
	if (p->nhops == PATH_HOPS_MAX) {
		p->dropped++;
		return;
	}
	if (p->nhops == p->cap) {
		p->cap = p->cap == 0 ? 8 : p->cap * 2;
		if (p->cap > PATH_HOPS_MAX)
			p->cap = PATH_HOPS_MAX;
		p->hops = xrealloc(p->hops, p->cap * sizeof(*p->hops));
	}
	memset(&p->hops[p->nhops], 0, sizeof(p->hops[p->nhops]));
	(void)rcvd_parse(value, len, &p->hops[p->nhops].r);
	p->hops[p->nhops].pos = pos;
	p->nhops++;
}

void
path_free(struct path *p)
{
	free(p->hops);
	path_init(p);
}

static bool
path_in_receiver(const struct path *p, const char *host)
{
	char org[ORGDOM_MAX];

	if (!orgdom_get(host, org))
		return true;	/* no domain: an internal name or address */
	return orgdom_same_operator(org, p->receiver_org);
}

/* The sender of this hop is inside the receiving organisation. */
static bool
path_internal_sender(const struct path *p, const struct rcvd_hop *r)
{
	char org[ORGDOM_MAX];

	if (r->ip[0] == '\0' || orgdom_ip_private(r->ip))
		return true;
	if (r->from_rdns[0] != '\0')
		return orgdom_get(r->from_rdns, org) &&
		    orgdom_same_operator(org, p->receiver_org);
	/* Exchange writes no rDNS; its internal hops are IPv6 with its HELO */
	return strchr(r->ip, ':') != NULL && orgdom_get(r->helo, org) &&
	    orgdom_same_operator(org, p->receiver_org);
}

static void
path_receiver(struct path *p, const char *hint)
{
	size_t i;
	int k;

	for (k = (int)p->nhops - 1; k >= 0; k--)
		if (orgdom_get(p->hops[k].r.by, p->receiver_org))
			break;
	if (p->receiver_org[0] == '\0' && hint != NULL)
		(void)orgdom_get(hint, p->receiver_org);
	for (i = p->nhops; i > 0; i--) {
		if (!path_in_receiver(p, p->hops[i - 1].r.by))
			break;
		p->hops[i - 1].receiver = true;
	}
}

static void
path_boundary(struct path *p)
{
	size_t i;
	int oldest = -1, oldest_public = -1;

	for (i = p->nhops; i > 0 && p->hops[i - 1].receiver; i--) {
		const struct rcvd_hop *r = &p->hops[i - 1].r;

		/* a login (ESMTPA...) is a submission, not a crossing */
		if (r->auth == RCVD_YES)
			continue;
		if (!path_internal_sender(p, r)) {
			p->boundary = (int)i - 1;
			break;
		}
		oldest = (int)i - 1;
		if (r->ip[0] != '\0' && !orgdom_ip_private(r->ip))
			oldest_public = (int)i - 1;
	}
	if (p->boundary < 0)
		p->boundary = oldest_public >= 0 ? oldest_public : oldest;
	if (p->boundary >= 0) {
		const struct rcvd_hop *r = &p->hops[p->boundary].r;
		memcpy(p->sending_ip, r->ip, sizeof(p->sending_ip));
		memcpy(p->sending_host, r->from_rdns[0] != '\0' ?
		    r->from_rdns : r->helo, sizeof(p->sending_host));
	}
}

void
path_finish(struct path *p, const char *receiver_hint, bool has_date,
    long long date)
{
	struct path_hop tmp;
	size_t i;
	int prev = -1;
	long long best = 0;

	for (i = 0; i < p->nhops / 2; i++) {
		tmp = p->hops[i];
		p->hops[i] = p->hops[p->nhops - 1 - i];
		p->hops[p->nhops - 1 - i] = tmp;
	}
	for (i = 0; i < p->nhops; i++) {
		struct path_hop *h = &p->hops[i];

		if (!h->r.has_time)
			continue;
		if (prev >= 0) {
			h->has_delay = true;
			h->delay_s = h->r.time - p->hops[prev].r.time;
			if (h->delay_s < 0) {
				h->skew = true;
				p->nskew++;
			} else if (h->delay_s > best) {
				best = h->delay_s;
				p->longest = (int)i;
			}
		}
		prev = (int)i;
	}
	path_receiver(p, receiver_hint);
	path_boundary(p);
	p->has_date = has_date;
	p->date = date;
	if (has_date && prev >= 0) {
		p->has_total = true;
		p->total_s = p->hops[prev].r.time - date;
		p->total_skew = p->total_s < 0;
	}
}

bool
path_ptr_generic(const char *rdns, const char *ip)
{
	static const char *const words[] = {
		"dynamic", "dyn.", "dyn-", "dsl", "pool", "dhcp", "ppp",
		"cable", "broadband", "customer", "client", "dial", "static.",
		"static-", "home", "user", "host-", "ip-", "cpe",
	};
	char a[4][4], dash[32], dot[32];
	size_t i;

	if (rdns[0] == '\0')
		return false;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (rcvd_find(rdns, strlen(rdns), words[i]) != NULL)
			return true;
	/* the address written into the name: 203-0-113-5, 5.113.0.203 */
	if (sscanf(ip, "%3[0-9].%3[0-9].%3[0-9].%3[0-9]", a[0], a[1], a[2],
	    a[3]) == 4) {
		(void)snprintf(dash, sizeof(dash), "%s-%s-%s-%s", a[0], a[1],
		    a[2], a[3]);
		(void)snprintf(dot, sizeof(dot), "%s.%s.%s.%s", a[3], a[2],
		    a[1], a[0]);
		if (strstr(rdns, dash) != NULL || strstr(rdns, dot) != NULL)
			return true;
		(void)snprintf(dash, sizeof(dash), "%s-%s-%s-%s", a[3], a[2],
		    a[1], a[0]);
		if (strstr(rdns, dash) != NULL)
			return true;
	}
	return false;
}

bool
path_same_host(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

void
path_duration(long long s, enum lang l, char *buf, size_t cap)
{
	const char *neg = s < 0 ? "-" : "";
	const char *d = catalog_label(l, "dlv.unit.d");
	const char *h = catalog_label(l, "dlv.unit.h");
	const char *m = catalog_label(l, "dlv.unit.min");
	const char *sec = catalog_label(l, "dlv.unit.s");

	if (s < 0)
		s = s == -9223372036854775807LL - 1 ? 9223372036854775807LL : -s;
	if (s >= 86400)
		(void)snprintf(buf, cap, "%s%lld %s %lld %s", neg, s / 86400, d,
		    s % 86400 / 3600, h);
	else if (s >= 3600)
		(void)snprintf(buf, cap, "%s%lld %s %lld %s", neg, s / 3600, h,
		    s % 3600 / 60, m);
	else if (s >= 60)
		(void)snprintf(buf, cap, "%s%lld %s %lld %s", neg, s / 60, m,
		    s % 60, sec);
	else
		(void)snprintf(buf, cap, "%s%lld %s", neg, s, sec);
}

void
path_delay(long long s, enum lang l, char *buf, size_t cap)
{
	char d[64];

	path_duration(s, l, d, sizeof(d));
	(void)snprintf(buf, cap, "%s%s", s < 0 ? "" : "+", d);
}
