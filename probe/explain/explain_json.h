/*
 * explain_json.h - an explain result as the JSON object of docs/json.md
 * ("explain records"): one object per message, JSON Lines for many.
 */
#ifndef MXTRACE_EXPLAIN_JSON_H
#define MXTRACE_EXPLAIN_JSON_H

#include <stddef.h>

#include <jansson.h>

#include "explain/explain.h"
#include "meaning/catalog.h"
#include "record/jsonw.h"

/* Fields of the caller's own at the end of recipient i's object. */
typedef void	explain_json_rcpt_fn(struct jsonw *, size_t i, void *arg);

/*
 * The record appended to w, as compact JSON; file and index (1-based in an
 * mbox) name the message; more (may be NULL) adds to each recipient.
 */
void	explain_json_write(struct jsonw *, const struct explain_result *,
	    const char *file, size_t index, enum lang, explain_json_rcpt_fn *more,
	    void *arg);

#endif
