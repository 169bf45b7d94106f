/*
 * timer.c - libevent timers in milliseconds.
 *
 * Public: timer_new, timer_arm_ms (timer.h).
 */
#include <sys/time.h>

#include "base/timer.h"
#include "base/util.h"

struct event *
timer_new(struct event_base *base, event_callback_fn cb, void *arg)
{
	struct event *ev = evtimer_new(base, cb, arg);

	if (ev == NULL)
		fatalx("%s: evtimer_new failed", __func__);
	return ev;
}

void
timer_arm_ms(struct event *ev, long long ms)
{
	struct timeval tv = { 0, 0 };

	if (ms > 0) {
		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
	}
	evtimer_add(ev, &tv);
}
