/*
 * csv_out.h - verify's --csv FILE: the input's columns plus the verdict
 * columns, one row per record, sorted by input row, made from the JSON
 * Lines output at the end of a run (memory stays flat: one offset per row).
 */
#ifndef MXTRACE_CSV_OUT_H
#define MXTRACE_CSV_OUT_H

#include <stddef.h>

#define CSV_OUT_TEXT_MAX	1024	/* bytes of reply text in a cell */

struct csv_out_cols {
	size_t		 n;		/* the input's columns */
	const char	*const *names;	/* borrowed */
	size_t		 addrcol;	/* which of them holds the address */
};

/*
 * Write csv_path (through csv_path.tmp, fsync, rename) from the records in
 * jsonl_path whose row is 1..max_row.  Returns 0, or -1 with *err (owned).
 */
int	csv_out_write(const char *csv_path, const char *jsonl_path,
	    const struct csv_out_cols *, unsigned long max_row, char **err);
/* Check early that csv_path can be written (creates and removes the .tmp). */
int	csv_out_check(const char *csv_path, char **err);

#endif
