/*
 * batchplan.c - who rides a session use together, and the RCPT order.
 *
 * Public: bplan_cost, bplan_pick, bplan_order (batchplan.h).
 */
#include <stdint.h>

#include "engine/batchplan.h"

/* A host nothing is known about is expected to reject one RCPT in ten. */
#define BPLAN_PRIOR_RATE	0.1
#define BPLAN_PRIOR_WEIGHT	10.0
/* A domain's own rate counts once it answered this many. */
#define BPLAN_DOMAIN_SEEN	3

static double
host_rate(const struct bplan_use *u)
{
	return ((double)u->host_rejected + BPLAN_PRIOR_RATE * BPLAN_PRIOR_WEIGHT) /
	    ((double)u->host_seen + BPLAN_PRIOR_WEIGHT);
}

/*
 * A domain's addresses cost its own rejection rate once it has one, the
 * host's before.  Its probe is sent only when none of its addresses was
 * refused, and is then refused unless the domain is a catch-all: it
 * costs a whole rejection for a domain that refused nobody so far, the
 * chance that none of its addresses will be refused for a domain not
 * heard yet, nothing for one that refused someone.
 */
double
bplan_cost(const struct bplan_use *u, const struct bplan_rider *r)
{
	double rate = host_rate(u), cost, none = 1.0;
	size_t addrs = r->probe < r->n ? r->n - 1 : r->n, i;

	if (r->seen >= BPLAN_DOMAIN_SEEN)
		rate = (double)r->rejected / (double)r->seen;
	cost = (double)addrs * rate;
	if (r->probe >= r->n || r->rejected > 0)
		return cost;
	if (r->seen > 0)
		return cost + 1.0;
	for (i = 0; i < addrs && none > 0.001; i++)
		none *= 1.0 - rate;
	return cost + none;
}

size_t
bplan_pick(const struct bplan_use *u, const struct bplan_rider *cand,
    size_t n, size_t *pick)
{
	double budget = u->budget == SIZE_MAX ? 1e18 : (double)u->budget;
	double total, c;
	size_t npick = 0, rcpts, i;

	if (n == 0 || u->riders_max == 0)
		return 0;
	pick[npick++] = 0;
	total = bplan_cost(u, &cand[0]);
	rcpts = cand[0].n;
	for (i = 1; i < n && npick < u->riders_max && total < budget; i++) {
		if (u->reused && cand[i].fresh)
			continue;
		if (rcpts + cand[i].n > u->rcpt_max)
			continue;
		c = bplan_cost(u, &cand[i]);
		if (total + c > budget && total >= budget * 0.75)
			continue;
		pick[npick++] = i;
		total += c;
		rcpts += cand[i].n;
	}
	return npick;
}

size_t
bplan_order(const struct bplan_rider *r, size_t nr, struct bplan_slot *out)
{
	size_t i, k, m = 0;

	for (i = 0; i < nr; i++)
		for (k = 0; k < r[i].n; k++)
			if (k != r[i].probe) {
				out[m].rider = i;
				out[m++].local = k;
			}
	for (i = 0; i < nr; i++)
		if (r[i].probe < r[i].n) {
			out[m].rider = i;
			out[m++].local = r[i].probe;
		}
	return m;
}
