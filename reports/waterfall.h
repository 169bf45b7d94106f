/*
 * waterfall.h - one address's path as a picture: a timeline bar per step
 * (DNS, connect, banner, EHLO, STARTTLS, MAIL, RCPT ...), as long as its
 * latency and coloured by its outcome, the step where the message stopped
 * marked with its reply, then warnings, attempts and the full transcript.
 */
#ifndef MXTRACE_WATERFALL_H
#define MXTRACE_WATERFALL_H

#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

/* One <article id="a<anchor>"> for the record rec (docs/json.md; borrowed). */
void	waterfall_article(FILE *, const json_t *rec, size_t anchor, enum lang);
/* The catalogue label of a stage name ("rcpt" -> "Recipient (RCPT TO)"),
 * or NULL for a name that is not a stage. */
const char *waterfall_stage_label(enum lang, const char *stage);

#endif
