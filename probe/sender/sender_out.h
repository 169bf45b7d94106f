/*
 * sender_out.h - a sender run written out: the JSON object (docs/json.md,
 * "mxtrace sender") and the terminal checklist (worst first, ✓ ! ✗ ?, what
 * to do), in the user's language.
 */
#ifndef MXTRACE_SENDER_OUT_H
#define MXTRACE_SENDER_OUT_H

#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"
#include "sender/checks.h"
#include "sender/run.h"

/* The whole report as JSON; the caller owns the reference. */
json_t	*sender_to_json(const struct sender_report *, const struct sender_checks *, enum lang);
/* The checklist for a terminal (escaped for it). */
void	 sender_print(FILE *, const struct sender_report *, const struct sender_checks *,
	    enum lang);

#endif
