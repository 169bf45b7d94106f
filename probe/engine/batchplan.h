/*
 * batchplan.h - which waiting jobs ride one session use together, and in
 * which order their RCPTs go: the planning half of engine/batch.c, without
 * I/O or clocks, so it can be tested alone.
 *
 * A use is one transaction when it fits (MAIL FROM, then the RCPTs of
 * domain 1, domain 2, ...): riders are taken in order while the
 * rejections they are expected to cost stay within what the session's
 * error budget still allows, and their recipients within the host's
 * recipients per transaction.  Each rider's addresses come first, in
 * rider order, then every rider's catch-all probe: by then each domain's
 * own replies are in, and a domain that said "no such user" spares its
 * probe (and the budget) a rejection.
 */
#ifndef MXTRACE_BATCHPLAN_H
#define MXTRACE_BATCHPLAN_H

#include <stdbool.h>
#include <stddef.h>

/* One job waiting to ride, as the planner sees it. */
struct bplan_rider {
	size_t		 n;		/* recipients, its probe included */
	size_t		 probe;		/* the probe's index in them; n: none */
	unsigned long	 seen;		/* its domain's RCPT replies so far */
	unsigned long	 rejected;	/* ... of them rejections */
	bool		 fresh;		/* needs a connection of its own */
};

/* The session use being planned. */
struct bplan_use {
	size_t		 budget;	/* rejections it still allows; SIZE_MAX: no budget */
	size_t		 rcpt_max;	/* recipients in one transaction */
	size_t		 riders_max;	/* riders in one use */
	unsigned long	 host_seen;	/* RCPT replies from the host so far */
	unsigned long	 host_rejected;
	bool		 reused;	/* a kept session: no fresh rider may ride */
};

/*
 * One RCPT of the use: recipient `local` of rider `rider` (an index into pick).
 */
struct bplan_slot {
	size_t		 rider;
	size_t		 local;
};

/*
 * Rejections a rider is expected to cost (its domain's rate, else the host's).
 */
double		 bplan_cost(const struct bplan_use *, const struct bplan_rider *);
/*
 * Choose riders among cand[0..n): cand[0] (the one holding the session)
 * always, then others in order while the expected rejections fit the
 * budget (one more that overfills a session less than 3/4 full is
 * taken too: it continues elsewhere when the budget runs out) and the
 * recipients fit rcpt_max.  Writes their indexes to pick[]; returns how
 * many (at most u->riders_max, at least 1 when n > 0).
 */
size_t		 bplan_pick(const struct bplan_use *, const struct bplan_rider *cand,
		    size_t n, size_t *pick);
/*
 * The RCPT order for riders r[0..nr): each rider's addresses in rider
 * order, then the probes.  out has room for the sum of r[i].n; returns
 * the count written.
 */
size_t		 bplan_order(const struct bplan_rider *r, size_t nr,
		    struct bplan_slot *out);

#endif
