/*
 * probeonce.h - the results of one `mxtrace explain --probe` run, one per
 * address: a later recipient with the same address (in the same bounce or
 * another) is shown the first probe's result instead of being probed
 * again, and the run probes at most a bounded number of addresses.
 */
#ifndef MXTRACE_PROBEONCE_H
#define MXTRACE_PROBEONCE_H

#include <stddef.h>

#include "base/vtab.h"
#include "record/result.h"

struct probeonce {
	struct vtab		  index;	/* key -> struct probe_result * */
	struct probe_result	**results;	/* owned, in the order added */
	size_t			  n, cap;
	size_t			  probed;	/* of n, the addresses that parse */
	size_t			  max;		/* addresses the run may probe */
};

void	probeonce_init(struct probeonce *, size_t max);
/* Free every result added. */
void	probeonce_free(struct probeonce *);
/* The result added earlier for address (same key as verify's duplicates,
 * verify/dupkey.h), NULL when none. */
const struct probe_result *probeonce_get(const struct probeonce *,
	    const char *address);
/*
 * A new result for address, owned by the set: the caller fills it in
 * (result_init first).  NULL when max addresses are held already; one
 * that does not parse (never sent) is not counted among them, and is NULL
 * only when max of those are held.
 */
struct probe_result *probeonce_add(struct probeonce *, const char *address);

#endif
