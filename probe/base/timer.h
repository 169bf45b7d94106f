/*
 * timer.h - libevent timers in milliseconds: made (never NULL) and armed
 * in one call each, so callers never spell out a struct timeval.
 */
#ifndef MXTRACE_TIMER_H
#define MXTRACE_TIMER_H

#include <event2/event.h>

/* A timer on base calling cb(arg); fatal when libevent cannot make one. */
struct event	*timer_new(struct event_base *, event_callback_fn cb, void *arg);
/* (Re)arm ev to fire in ms milliseconds; 0 or less: at the next loop turn. */
void		 timer_arm_ms(struct event *, long long ms);

#endif
