/*
 * sisimap.h - what the tests measured against Sisimai share: the table
 * docs/sisimai-reasons.tsv, which names for every mxtrace reason the one
 * Sisimai reason it corresponds to (the product's mapping, many-to-one).
 * Header-only: each test includes it once, after cmocka.h.
 */
#ifndef MXTRACE_SISIMAP_H
#define MXTRACE_SISIMAP_H

#include "meaning/verdict.h"
#include "tsvload.h"

#define SISIMAP_FILE	"docs/sisimai-reasons.tsv"

/* A row: an mxtrace reason (each once) and its Sisimai reason. */
static void
sisimap_row(char **field, void *arg)
{
	char (*map)[32] = arg;
	int r = reason_from_name(field[0]);

	if (r < 0)
		fail_msg("%s: unknown mxtrace reason %s", SISIMAP_FILE,
		    field[0]);
	assert_string_equal(map[r], "");
	tsvload_copy(map[r], 32, field[1]);
}

/*
 * Read the table into map (indexed by mxtrace reason); fails the test on
 * a bad header, an unknown or repeated mxtrace reason, or a reason with
 * no row.
 */
static void
sisimap_load(char map[][32])
{
	int r;

	for (r = 0; r < REASON__LAST; r++)
		map[r][0] = '\0';
	tsvload(SISIMAP_FILE, "mxtrace_reason\tsisimai_reason", 2,
	    sisimap_row, map);
	for (r = 0; r < REASON__LAST; r++)
		if (map[r][0] == '\0')
			fail_msg("%s: no row for %s", SISIMAP_FILE,
			    reason_name(r));
}

#endif
