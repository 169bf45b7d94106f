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

/* A new reference; file and index (1-based in an mbox) name the message. */
json_t	*explain_to_json(const struct explain_result *, const char *file,
	    size_t index, enum lang);

#endif
