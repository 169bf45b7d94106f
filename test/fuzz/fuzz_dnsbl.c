/*
 * fuzz_dnsbl.c - libFuzzer target for the meaning of a blocklist's answer
 * (sender/dnsbl.c dnsbl_interpret): the input is the answer's A records, 4
 * bytes each (what a hostile list or resolver can send), read against a
 * list shaped like Spamhaus ZEN (own, network and policy codes, error
 * answers) and one that lists a whole range.  Invariants: a listing has 1
 * to DNSBL_HITS_MAX distinct codes, worst first (own, network, policy;
 * then the lowest), the verdict is the first of them, and no more codes
 * are kept or counted than the answer has records; an unknown answer says
 * why; an empty answer is clean.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sender/dnsbl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static struct dnsbl_list zen, wide;

static void
fuzz_range(struct dnsbl_range *r, uint32_t from, uint32_t to, bool policy,
    bool nb, bool res)
{
	r->from = from;
	r->to = to;
	r->policy = policy;
	r->neighbours = nb;
	r->resolver = res;
	r->meaning = (char *)"meaning";
	r->advice = NULL;
}

static void
fuzz_lists(void)
{
	fuzz_range(&zen.codes[0], IP(127, 0, 0, 2), IP(127, 0, 0, 2), false,
	    false, false);
	fuzz_range(&zen.codes[1], IP(127, 0, 0, 3), IP(127, 0, 0, 3), false,
	    false, false);
	fuzz_range(&zen.codes[2], IP(127, 0, 0, 4), IP(127, 0, 0, 7), false,
	    false, false);
	fuzz_range(&zen.codes[3], IP(127, 0, 0, 9), IP(127, 0, 0, 9), false,
	    true, false);
	fuzz_range(&zen.codes[4], IP(127, 0, 0, 10), IP(127, 0, 0, 11), true,
	    false, false);
	fuzz_range(&zen.codes[5], IP(127, 0, 0, 30), IP(127, 0, 0, 30), false,
	    false, false);
	zen.ncodes = 6;
	fuzz_range(&zen.errors[0], IP(127, 255, 255, 252),
	    IP(127, 255, 255, 255), false, false, true);
	zen.nerrors = 1;
	fuzz_range(&wide.codes[0], IP(127, 0, 0, 2), IP(127, 0, 0, 255), false,
	    false, false);
	wide.ncodes = 1;
}

static uint32_t
fuzz_value(const char *code)
{
	unsigned a, b, c, d;

	if (sscanf(code, "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
		abort();
	return IP(a, b, c, d);
}

/* 2 own, 1 network, 0 policy: the order the hits must keep. */
static int
fuzz_rank(const struct dnsbl_hit *h)
{
	return h->policy ? 0 : h->neighbours ? 1 : 2;
}

static void
fuzz_check(const struct dnsbl_list *l, const struct dns_result *r)
{
	struct dnsbl_verdict v;
	uint32_t prev = 0, cur;
	size_t i;

	dnsbl_interpret(l, r, &v);
	switch (v.state) {
	case DNSBL_CLEAN:
		if (r->nrrs != 0 || v.nhits != 0)
			abort();
		break;
	case DNSBL_UNKNOWN:
		if (v.cause == NULL || v.nhits != 0)
			abort();
		break;
	case DNSBL_LISTED:
	case DNSBL_POLICY:
		if (v.nhits == 0 || v.nhits > DNSBL_HITS_MAX ||
		    v.nhits + v.hits_omitted > r->nrrs || v.cause != NULL ||
		    strcmp(v.code, v.hits[0].code) != 0 ||
		    v.meaning != v.hits[0].meaning ||
		    (v.state == DNSBL_POLICY) != v.hits[0].policy)
			abort();
		for (i = 0; i < v.nhits; i++) {
			cur = fuzz_value(v.hits[i].code);
			if (v.hits[i].meaning == NULL || (cur >> 24) != 127)
				abort();
			if (i > 0 && (fuzz_rank(&v.hits[i]) > fuzz_rank(&v.hits[i - 1]) ||
			    (fuzz_rank(&v.hits[i]) == fuzz_rank(&v.hits[i - 1]) && cur <= prev)))
				abort();
			prev = cur;
		}
		break;
	default:
		abort();
	}
	dnsbl_verdict_clear(&v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dns_rr rrs[DNS_RECORDS_MAX];
	static uint8_t bytes[DNS_RECORDS_MAX][5];
	static char names[DNS_RECORDS_MAX][16];
	struct dns_result r;
	size_t i;

	if (zen.ncodes == 0)
		fuzz_lists();
	memset(&r, 0, sizeof(r));
	r.qtype = DNS_T_A;
	r.err = DNS_OK;
	r.rcode = DNS_RCODE_NOERROR;
	r.rrs = rrs;
	for (i = 0; i + 4 <= size && r.nrrs < DNS_RECORDS_MAX; i += 4, r.nrrs++) {
		memcpy(bytes[r.nrrs], data + i, 4);
		bytes[r.nrrs][4] = '\0';
		snprintf(names[r.nrrs], sizeof(names[0]), "%u.%u.%u.%u", data[i], data[i + 1],
		    data[i + 2], data[i + 3]);
		memset(&rrs[r.nrrs], 0, sizeof(rrs[0]));
		rrs[r.nrrs].type = DNS_T_A;
		rrs[r.nrrs].data = bytes[r.nrrs];
		rrs[r.nrrs].len = 4;
		rrs[r.nrrs].name = names[r.nrrs];
	}
	fuzz_check(&zen, &r);
	fuzz_check(&wide, &r);
	return 0;
}
