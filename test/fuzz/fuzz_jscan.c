/*
 * fuzz_jscan.c - libFuzzer target for record/jscan.c, the walk verify
 * --resume reads each record already written with (the records file is
 * input like any other: hand-edited, cut, another program's).
 * Invariant: a text jscan takes, jansson takes too (json_loadb,
 * JSON_ALLOW_NUL) as an object, and each member jscan finds is the one
 * jansson decodes (an array's last element as jscan_last finds it);
 * otherwise abort.
 */
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "record/jscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = { "row", "part", "address", "domain",
    "duplicate_of", "attempts", "reply", "mx", "verdict", "a", "" };
#define NNAMES	(sizeof(names) / sizeof(names[0]))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jscan_member m[NNAMES];
	const char *s = (const char *)data, *ev;
	json_t *whole, *want, *v;
	size_t i, elen;

	for (i = 0; i < NNAMES; i++)
		m[i].name = names[i];
	if (!jscan_object(s, size, m, NNAMES))
		return 0;
	if ((whole = json_loadb(s, size, JSON_ALLOW_NUL, NULL)) == NULL ||
	    !json_is_object(whole))
		abort();
	for (i = 0; i < NNAMES; i++) {
		want = json_object_get(whole, names[i]);
		if ((want == NULL) != (m[i].val == NULL))
			abort();
		if (want == NULL)
			continue;
		v = jscan_value(m[i].val, m[i].len);
		if (!json_equal(v, want))
			abort();
		json_decref(v);
		if (json_is_array(want) && json_array_size(want) > 0) {
			if (!jscan_last(m[i].val, m[i].len, &ev, &elen))
				abort();
			v = jscan_value(ev, elen);
			if (!json_equal(v, json_array_get(want,
			    json_array_size(want) - 1)))
				abort();
			json_decref(v);
		}
	}
	json_decref(whole);
	return 0;
}
