/*
 * live.h - `mxtrace probe` on a terminal: the trace printed as it happens,
 * one step at a time, with the time waited on the step in progress.
 */
#ifndef MXTRACE_LIVE_H
#define MXTRACE_LIVE_H

#include <stdbool.h>
#include <stdio.h>

#include <event2/event.h>

#include "engine/job.h"
#include "meaning/catalog.h"
#include "record/result.h"

struct live;

/*
 * Start watching the job about to run for r (borrowed, outlives the view):
 * prints the head at once; the returned watch goes into probe_env.watch.
 * status: redraw a "waiting" line in place (a terminal); false prints the
 * finished steps only.
 */
struct live	*live_new(struct event_base *, FILE *, const struct probe_result *r,
		    enum lang, bool status);
const struct probe_watch *live_watch(struct live *);
/* The job is done: clear the waiting line; what was not printed yet is
 * printed (the plan when no session ran).  Then free. */
void		 live_finish(struct live *);

#endif
