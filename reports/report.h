/*
 * report.h - `mxtrace report`: one self-contained HTML file (inline CSS,
 * a little inline JavaScript for sorting and filtering, no network access)
 * from the JSON Lines records of `mxtrace probe --json` / `mxtrace verify`,
 * `mxtrace explain --json` and `mxtrace sender --json` (docs/json.md).
 */
#ifndef MXTRACE_REPORT_H
#define MXTRACE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "meaning/catalog.h"

struct report_opts {
	enum lang	 lang;
	const char	*title;		/* borrowed; NULL: the default title */
	size_t		 detail_max;	/* addresses shown with their path; 0: 500 */
	size_t		 page_rows;	/* address table rows per page; 0: 100 */
	size_t		 domain_max;	/* domains in the domain table; 0: 500 */
	size_t		 full_rows;	/* more addresses than this make the
					 * address table light; 0: 2,000 */
};

/*
 * `mxtrace report [-o FILE] [--lang en|zh] [--title TEXT] FILE...`.
 * argv[0] is "report".  Returns the exit status: 0 written, 1 an input file
 * could not be read or the output not written, 64 usage error.
 */
int	report_main(int argc, char **argv);

/*
 * Write the report of n records (each one JSON object of docs/json.md,
 * borrowed) to out; `mxtrace probe --html FILE ADDRESS` calls it with n = 1,
 * and whether its catch-all check was on (not --no-catch-all-check): a
 * refused address's record cannot say.  Records that are not objects or
 * lack a known verdict are skipped.  Returns 0, or -1 when writing to out
 * failed.
 */
int	report_write_html(FILE *out, const json_t *const *records, size_t n,
	    const struct report_opts *, bool catch_all_check);

#endif
