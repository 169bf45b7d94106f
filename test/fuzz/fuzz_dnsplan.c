/*
 * fuzz_dnsplan.c - libFuzzer target for the packet -> dns_result -> plan
 * steps (dns/answer.c, dns/dnsplan.c).  The
 * input is a list of answers, each a 3-byte header (flags, length high,
 * length low) and that many bytes of wire packet.  The first answer is the
 * MX answer for "fuzz.test"; the rest are A and AAAA answers for the
 * plan's hosts in turn.  Flags: bits 0-1 the DNSSEC status (0..2), bit 3
 * set means the resolver reports rcode bits 4-7 instead of a packet.
 * Invariants: each result's bounds hold, the plan's bounds hold, every
 * address has a family that matches its length, the hosts are in preference
 * order, a status other than OK/NO_ADDRESS has no host with an address.
 * LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "dns/dnsplan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
fuzz_next(const uint8_t *data, size_t size, size_t *off, struct dns_answer *a)
{
	size_t len;

	if (size - *off < 3)
		return false;
	memset(a, 0, sizeof(*a));
	a->sec = data[*off] & 3;
	if (a->sec == 3)
		a->sec = 0;
	if (data[*off] & 8)
		a->rcode = data[*off] >> 4;
	len = (size_t)data[*off + 1] << 8 | data[*off + 2];
	*off += 3;
	if (len > size - *off)
		len = size - *off;
	a->pkt = data + *off;
	a->len = len;
	*off += len;
	return true;
}

/* The resolver's answer bounds hold. */
static void
fuzz_result(const struct dns_result *r)
{
	size_t i;

	if (r->nrrs > DNS_RECORDS_MAX || (r->nrrs > 0 && !dns_result_ok(r)))
		abort();
	if (r->err != DNS_OK && r->error == NULL)
		abort();
	for (i = 0; i < r->nrrs; i++) {
		if (r->rrs[i].type != r->qtype || r->rrs[i].len > DNS_RDATA_MAX)
			abort();
		if (r->rrs[i].name == NULL && r->qtype != DNS_T_TXT)
			abort();
	}
}

static void
fuzz_check(const struct mxplan *p)
{
	const struct mx_host *h;
	size_t i, k;

	if (p->nhosts > DNSPLAN_HOSTS_MAX || p->domain == NULL)
		abort();
	if (p->status != PLAN_OK && p->error == NULL)
		abort();
	for (i = 0; i < p->nhosts; i++) {
		h = &p->hosts[i];
		if (h->name == NULL || h->naddrs > DNSPLAN_ADDRS_MAX)
			abort();
		if (i > 0 && p->hosts[i - 1].preference > h->preference)
			abort();
		if (h->naddrs > 0 && p->status != PLAN_OK)
			abort();
		for (k = 0; k < h->naddrs; k++) {
			if (h->addrs[k].ss.ss_family == AF_INET6 &&
			    h->addrs[k].sslen != sizeof(struct sockaddr_in6))
				abort();
			if (h->addrs[k].ss.ss_family == AF_INET &&
			    h->addrs[k].sslen != sizeof(struct sockaddr_in))
				abort();
			if (k > 0 && h->addrs[k].ss.ss_family == AF_INET6 &&
			    h->addrs[k - 1].ss.ss_family == AF_INET)
				abort();
			if (memchr(h->addrs[k].text, '\0', sizeof(h->addrs[k].text)) == NULL)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dnsplan dp;
	struct dns_answer a;
	struct dns_result *r;
	struct mxplan *p;
	enum dnsplan_next next = DNSPLAN_DONE;
	size_t off = 0, n = 0, host;

	if (!dnsplan_init(&dp, "fuzz.test"))
		abort();
	if (fuzz_next(data, size, &off, &a)) {
		r = dns_result_from_answer("fuzz.test", DNS_T_MX, &a, true);
		fuzz_result(r);
		next = dnsplan_mx(&dp, r);
		dns_result_free(r);
	}
	if (next == DNSPLAN_ADDRESSES) {
		while (dp.plan->nhosts > 0 && fuzz_next(data, size, &off, &a)) {
			host = (n / 2) % dp.plan->nhosts;
			r = dns_result_from_answer(dp.plan->hosts[host].name,
			    n % 2 ? DNS_T_A : DNS_T_AAAA, &a, true);
			fuzz_result(r);
			dnsplan_addrs(&dp, host, r);
			dns_result_free(r);
			n++;
		}
	}
	p = dnsplan_finish(&dp);
	fuzz_check(p);
	mxplan_free(p);
	return 0;
}
