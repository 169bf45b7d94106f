/*
 * anchor.c - the start-up check that a validating resolver context can
 * really validate: the trust anchor's own DNSKEY must come back secure.
 * Runs on the program's event loop before any work is queued.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "base/util.h"
#include "dns/anchor.h"

char *
dns_anchor_zone(const char *file)
{
	FILE *f = fopen(file, "r");
	ldns_rr *rr = NULL;
	char *zone = NULL;
	uint32_t ttl = 3600;
	ldns_rdf *origin = NULL, *prev = NULL;
	int line = 0, tries;

	if (f == NULL)
		return NULL;
	/* Bounded: a trust anchor is a few records; give up after 1,000. */
	for (tries = 0; zone == NULL && tries < 1000 && !feof(f); tries++) {
		if (ldns_rr_new_frm_fp_l(&rr, f, &ttl, &origin, &prev,
		    &line) != LDNS_STATUS_OK)
			continue;	/* comments, $TTL, $ORIGIN, junk */
		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_DS ||
		    ldns_rr_get_type(rr) == LDNS_RR_TYPE_DNSKEY)
			zone = ldns_rdf2str(ldns_rr_owner(rr));
		ldns_rr_free(rr);
		rr = NULL;
	}
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	fclose(f);
	return zone;
}

struct anchor_wait {
	bool			 done;
	struct dns_result	*res;	/* owned once done */
};

static void
anchor_answer(void *arg, struct dns_result *r)
{
	struct anchor_wait *w = arg;

	w->res = r;
	w->done = true;
}

bool
dns_anchor_works(struct dns_ctx *ctx, const char *zone, char **why)
{
	struct anchor_wait w = { false, NULL };
	struct dns_query *q;
	bool ok;

	/*
	 * "." is not a name dns_resolve asks for; the root's own signed
	 * zone arpa. is validated from the root key alone.
	 */
	if (strcmp(zone, ".") == 0)
		zone = "arpa.";
	q = dns_resolve(ctx, zone, LDNS_RR_TYPE_DNSKEY, anchor_answer, &w);
	if (q == NULL) {
		*why = xasprintf("cannot ask for the DNSKEY of %s", zone);
		return false;
	}
	/* Each query is bounded by the context's timeout, so this ends. */
	while (!w.done &&
	    event_base_loop(dns_base(ctx), EVLOOP_ONCE) == 0)
		;
	if (!w.done) {
		dns_query_cancel(q);
		*why = xasprintf("no answer for the DNSKEY of %s", zone);
		return false;
	}
	ok = w.res->err == DNS_OK && w.res->sec == DNS_SEC_SECURE &&
	    w.res->nrrs > 0;
	/* A bogus answer's error already holds libunbound's why_bogus. */
	if (!ok && w.res->error != NULL)
		*why = xasprintf("the DNSKEY of %s came back %s%s%s", zone,
		    w.res->error, "", "");
	else if (!ok)
		*why = xasprintf("the DNSKEY of %s came back %s%s%s", zone,
		    dns_sec_name(w.res->sec), w.res->why_bogus ? ": " : "",
		    w.res->why_bogus ? w.res->why_bogus : "");
	dns_result_free(w.res);
	return ok;
}
