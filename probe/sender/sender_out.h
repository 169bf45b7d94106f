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
/*
 * Advice said once for several findings (the same PTR advice for eleven
 * IPs) names whom it is for under it: "For these N: a, b", each of the n
 * subjects once, joined with lang's comma, on the terminal and the HTML
 * page alike.  NULL when they are one subject; else the caller frees it.
 */
char	*sender_advice_for(enum lang, const char *const *subjects, size_t n);

#endif
