/*
 * batch.h - one session use shared by several jobs (one domain each):
 * one MAIL FROM, then the RCPTs of domain 1, domain 2, ... (RSET between
 * transactions when the host's recipients per transaction are reached),
 * each domain's catch-all probe in the same transaction.
 *
 * A job that needs a session to an MX address waits here under the
 * session's key (engine/pool.h).  When one of the waiting jobs gets a
 * session - a kept one from the pool, or a new slot from the gate - it
 * "launches" a batch: from the event loop, the batch takes along other
 * jobs waiting for the same key (engine/batchplan.c decides who and in
 * which order), starts or reuses the session with all their recipients
 * and routes each reply to its own job, under that job's own indexes.
 * Each job gets its own done() with its own share of the outcome; the
 * session itself goes back to the pool or frees its gate slot here, never
 * through a job.  Without a hub (mxtrace probe) a batch carries its one job.
 */
#ifndef MXTRACE_BATCH_H
#define MXTRACE_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>

#include "engine/job.h"
#include "engine/hostlim.h"
#include "engine/pool.h"
#include "smtp/session.h"

struct batch;
struct batch_hub;

/* A job as a rider; embedded in the job, which fills the first part. */
struct batch_rider {
	const char *const	*rcpts;		/* its recipients for this use (borrowed) */
	size_t			 n;
	size_t			 probe;		/* its catch-all probe's index; n: none */
	bool			 fresh;		/* must have a connection of its own */
	unsigned long		 seen;		/* its domain's RCPT replies so far */
	unsigned long		 rejected;	/* ... of them rejections */
	/* Its callbacks, with its own indexes; done() never gets .ready. */
	const struct session_cb	*cb;
	/* Taken along by another job's batch: it now rides s. */
	void			(*board)(void *arg, struct session *s);
	void			*arg;

	/*
	 * The hub's and the batch's; zero while the job does not wait or ride.
	 */
	struct batch_hub	*hub;		/* non-NULL while waiting */
	char			*key;		/* owned while waiting */
	struct batch_rider	*wprev, *wnext;
	struct batch		*ride;		/* the batch it rides */
	size_t			 slot;		/* its place among the batch's riders */
	size_t			 use_n;		/* its RCPTs in this use */
	size_t			 use_sent, use_answered, use_rejected;
	bool			 use_cut;	/* stopped asking it in this use */
};

/*
 * What a new session needs (borrowed for the call; what must last is copied).
 */
struct batch_start {
	struct event_base		*base;
	struct session_config		 cfg;
	const char			*mx_host;
	const struct mx_addr		*addr;
};

/* pool, gate, limits: borrowed, may each be NULL. */
struct batch_hub *batch_hub_new(struct event_base *, struct session_pool *,
		    const struct probe_gate *, struct hostlim *);
void		 batch_hub_free(struct batch_hub *);
/*
 * r waits for a session under key; front: before those already waiting
 * (it was cut short in a use and has answers pending).
 */
void		 batch_wait(struct batch_hub *, struct batch_rider *, const char *key,
		    bool front);
/* r waits no longer (no-op when it does not wait). */
void		 batch_unwait(struct batch_rider *);
/*
 * leader has a session for key to ip:port: pooled (a kept session, now
 * the batch's) or, when NULL, a gate slot for a new one made from start.
 * The batch starts from the event loop with whoever waits for key too.
 * hub may be NULL: the leader rides alone.
 */
void		 batch_launch(struct batch_hub *, struct batch_rider *leader,
		    const char *key, const char *ip, int port, struct session *pooled,
		    const struct batch_start *start);
/*
 * The rider's job is being aborted.  true: its done(SESSION_ABORTED)
 * was called or will be (QUIT first when polite and it rode alone);
 * false: its batch had not started, nothing will be called.
 */
bool		 batch_leave(struct batch_rider *, bool polite);

#endif
