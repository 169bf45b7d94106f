/*
 * trace.h - the readable terminal trace of one probe result, whole
 * (trace_print) or piece by piece as it happens (cmd/live.c): the same
 * pieces in the same order either way.
 */
#ifndef MXTRACE_TRACE_H
#define MXTRACE_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "meaning/catalog.h"
#include "record/result.h"

/*
 * One line per step with its latency and reply, then verdict and explanation.
 */
void	trace_print(FILE *, const struct probe_result *, enum lang);

/* "mxtrace: ADDRESS". */
void	trace_head(FILE *, const struct probe_result *, enum lang);
/* The DNS line: the MX plan (nothing before the domain is known). */
void	trace_plan(FILE *, const struct probe_result *, enum lang);
/* "Attempt N: mx [ip]:port ..." */
void	trace_attempt_head(FILE *, const struct attempt *, size_t n, enum lang);
/* One finished step of attempt a (the TLS handshake step included). */
void	trace_step(FILE *, const struct attempt *a, const struct step *,
	    enum lang);
/* Why the attempt ended, unless its last step said it already. */
void	trace_attempt_end(FILE *, const struct attempt *, enum lang);
/*
 * The label of the step waited for, the time waited so far and the words
 * of the catalogue's key what ("waiting"), within one terminal line (no
 * newline).
 */
void	trace_waiting(FILE *, enum stage, bool tls, long long ms,
	    const char *what, enum lang);
/* Every warning under one heading, then the verdict (coloured when colour)
 * and the explanation. */
void	trace_tail(FILE *, const struct probe_result *, enum lang, bool colour);

#endif
