/*
 * sisimap.h - what the tests measured against Sisimai share: the table
 * docs/sisimai-reasons.tsv, which names for every mxtrace reason the one
 * Sisimai reason it corresponds to (the product's mapping, many-to-one).
 * Header-only: each test includes it once.
 */
#ifndef MXTRACE_SISIMAP_H
#define MXTRACE_SISIMAP_H

#include <stdio.h>
#include <string.h>

#include "meaning/verdict.h"

#define SISIMAP_FILE	"docs/sisimai-reasons.tsv"

/*
 * Read the table into map (indexed by mxtrace reason); fails the test on
 * a bad header, an unknown or repeated mxtrace reason, or a reason with
 * no row.
 */
static void
sisimap_load(char map[][32])
{
	char line[256], a[64], b[32];
	FILE *f = fopen(SISIMAP_FILE, "r");
	int r, first = 1;

	assert_non_null(f);
	for (r = 0; r < REASON__LAST; r++)
		map[r][0] = '\0';
	while (fgets(line, sizeof(line), f) != NULL) {
		if (first) {
			assert_int_equal(strncmp(line, "mxtrace_reason\tsisimai_reason",
			    29), 0);
			first = 0;
			continue;
		}
		assert_int_equal(sscanf(line, "%63[^\t]\t%31[^\n]", a, b), 2);
		r = reason_from_name(a);
		if (r < 0)
			fail_msg("%s: unknown mxtrace reason %s", SISIMAP_FILE, a);
		assert_string_equal(map[r], "");
		snprintf(map[r], 32, "%s", b);
	}
	fclose(f);
	for (r = 0; r < REASON__LAST; r++)
		if (map[r][0] == '\0')
			fail_msg("%s: no row for %s", SISIMAP_FILE, reason_name(r));
}

#endif
