/*
 * trace.h - the readable terminal trace of one probe result.
 */
#ifndef MXTRACE_TRACE_H
#define MXTRACE_TRACE_H

#include <stdio.h>

#include "meaning/catalog.h"
#include "record/result.h"

/* One line per step with its latency and reply, then verdict and explanation. */
void	trace_print(FILE *, const struct probe_result *, enum lang);

#endif
