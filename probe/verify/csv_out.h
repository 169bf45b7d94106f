/*
 * csv_out.h - verify's --csv FILE: the summary, the input's columns, then
 * the verdict columns; one row per address of every input row, in input
 * order, made at the end of a run from the input (read again) and each
 * record's cells kept as it was written (csv_rows.h; memory stays flat:
 * one offset per row).  An address with
 * no record (the run was interrupted) still gets its row: not_checked.
 * The last column, duplicate_of, is the record's: the row whose address
 * an earlier row holds names that row, as the JSON does.
 */
#ifndef MXTRACE_CSV_OUT_H
#define MXTRACE_CSV_OUT_H

#include <stddef.h>

#include "meaning/catalog.h"
#include "verify/csv_rows.h"

#define CSV_OUT_TEXT_MAX	CSV_ROWS_TEXT_MAX	/* bytes of reply text in a cell */

struct csv_out_cols {
	size_t		 n;		/* the input's columns */
	const char	*const *names;	/* borrowed */
	size_t		 addrcol;	/* which of them holds the address */
};

struct csv_out_opts {
	char		 delim;		/* ',' ';' or '\t' */
	enum lang	 lang;		/* headers, summary, verdict and reason
					 * words: machine names in English,
					 * the catalogue's in Chinese */
};

/* One input row, as the caller's reader hands it over. */
struct csv_out_row {
	unsigned long	 row;
	size_t		 nfields;
	char *const	*fields;	/* borrowed, NUL-terminated */
	const size_t	*lens;
	size_t		 nparts;	/* addresses in its cell, at least 1 */
	const char *const *parts;	/* each, as its not_checked row shows it */
	const unsigned long *partnos;	/* each one's record "part" (0: the
					 * cell held one address) */
	const unsigned long *dupofs;	/* each one's first row when an
					 * earlier row holds its address (0:
					 * none): a not_checked row says it */
};

/*
 * The next row of this run (rows of other shards skipped): 1, 0 at the end, -1.
 */
typedef int	csv_out_next_fn(void *arg, struct csv_out_row *);

/*
 * Write csv_path (through csv_path.tmp, fsync, rename): for each row next
 * returns, its records' cells as rows kept them, or a not_checked row.
 * Returns 0, or -1 with *err (owned).
 */
int	csv_out_write(const char *csv_path, struct csv_rows *rows,
	    const struct csv_out_cols *, const struct csv_out_opts *,
	    csv_out_next_fn *next, void *arg, unsigned long max_row,
	    char **err);
/* Check early that csv_path can be written (creates and removes the .tmp). */
int	csv_out_check(const char *csv_path, char **err);

#endif
