/*
 * jscan.h - the top-level members of a JSON object found in its text
 * without building it: verify --resume reads back a million records of
 * ~1 KB for a handful of their members each.  Not a decoder: it only
 * checks the syntax and tells where each value lies; the values are
 * decoded by jansson (jscan_value), and a text it is not sure of is left
 * to jansson whole.  Its one promise: a text it takes, json_loadb(text,
 * JSON_ALLOW_NUL) takes too, as an object with those members
 * (test_jscan checks it against jansson).
 */
#ifndef MXTRACE_JSCAN_H
#define MXTRACE_JSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "base/limits.h"

/* A member asked for: its name; found, its value's text, else val NULL. */
struct jscan_member {
	const char	*name;
	const char	*val;
	size_t		 len;
};

/*
 * Is s[0..len) one JSON object, as json_loadb with JSON_ALLOW_NUL would
 * take it?  True only when sure: then each of want[0..n) holds its
 * member's value (the last one when a name repeats).  False: not sure
 * (not JSON, or JSON this scanner leaves to jansson: a key with an
 * escape, a long number, deep nesting); ask jansson.
 */
bool	 jscan_object(const char *s, size_t len, struct jscan_member *want,
	    size_t n);
/*
 * The last element of the array whose text jscan_object gave (val, len):
 * true with *ev, *elen set; false when it is empty or not an array.
 */
bool	 jscan_last(const char *val, size_t len, const char **ev, size_t *elen);
/* The value jscan_object found, as jansson decodes it (a new reference;
 * NULL only when out of memory). */
json_t	*jscan_value(const char *val, size_t len);

#endif
