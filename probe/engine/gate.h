/*
 * verify_gate.h - verify's politeness limits, enforced through the
 * engine's probe_gate: at most `jobs` SMTP sessions at once overall, at
 * most `per_host` to one MX IP, at most `rate` new sessions a minute to one
 * MX IP.  A host that answers 421 / "too many connections" gets its
 * per-host cap halved and a pause before the next session.
 */
#ifndef MXTRACE_VERIFY_GATE_H
#define MXTRACE_VERIFY_GATE_H

#include <event2/event.h>

#include "engine/job.h"

#define VGATE_BACKOFF_MS	15000	/* pause after "too many connections" */

struct vgate_limits {
	unsigned	jobs;		/* sessions overall */
	unsigned	per_host;	/* sessions per MX IP */
	unsigned	rate;		/* new sessions per minute per MX IP; 0: no limit */
	/*
	 * Milliseconds on a monotonic clock; NULL: now_ms (tests set their
	 * own).
	 */
	long long	(*clock)(void);
};

struct vgate;

struct vgate	*vgate_new(struct event_base *, const struct vgate_limits *);
void		 vgate_free(struct vgate *);
/* The probe_gate to put into probe_env (owned by the vgate). */
const struct probe_gate *vgate_probe_gate(struct vgate *);
unsigned	 vgate_open(const struct vgate *);	/* sessions open now */
unsigned long	 vgate_waiting(const struct vgate *);	/* jobs waiting for admission */
unsigned long	 vgate_sessions(const struct vgate *);	/* sessions opened so far */
unsigned long	 vgate_backoffs(const struct vgate *);	/* hosts that made us back off */
/*
 * Resume every waiting job that may start now.  The gate calls it itself
 * when a session ends or a pause is over; a test whose clock jumped calls
 * it instead of waiting for the pause's timer.
 */
void		 vgate_pump(struct vgate *);

#endif
