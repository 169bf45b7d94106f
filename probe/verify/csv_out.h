/*
 * csv_out.h - verify's --csv FILE: the summary, the input's columns, then
 * the verdict columns; one row per address of every input row, in input
 * order, made at the end of a run from the input (read again) and the JSON
 * Lines output (memory stays flat: one offset per row, kept as the records
 * are written).  An address with
 * no record (the run was interrupted) still gets its row: not_checked.
 */
#ifndef MXTRACE_CSV_OUT_H
#define MXTRACE_CSV_OUT_H

#include <stddef.h>

#include "meaning/catalog.h"

#define CSV_OUT_TEXT_MAX	1024	/* bytes of reply text in a cell */

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
};

/* A record's line for part >= 2 of a row (a cell of several addresses). */
struct csv_part_off {
	unsigned long	 row, part;
	long long	 off;
};

/*
 * Where each record starts in the JSON Lines file, by row and part, kept
 * as the records are written (and read back by --resume): the CSV then
 * reads each record once, never parses the whole file to find them.
 */
struct csv_out_index {
	long long		*off;		/* owned: [row] part 0 or 1, -1: none */
	unsigned long		 max_row;
	struct csv_part_off	*more;		/* owned */
	size_t			 nmore, capmore;
};

void	csv_index_init(struct csv_out_index *, unsigned long max_row);
/* The record of (row, part) starts at off. */
void	csv_index_set(struct csv_out_index *, unsigned long row,
	    unsigned long part, long long off);
void	csv_index_free(struct csv_out_index *);

/* The next row of this run (rows of other shards skipped): 1, 0 at the end, -1. */
typedef int	csv_out_next_fn(void *arg, struct csv_out_row *);

/*
 * Write csv_path (through csv_path.tmp, fsync, rename): for each row next
 * returns, its records in jsonl_path (where ix says they start), or a
 * not_checked row.  Returns 0, or -1 with *err (owned).
 */
int	csv_out_write(const char *csv_path, const char *jsonl_path,
	    struct csv_out_index *ix, const struct csv_out_cols *,
	    const struct csv_out_opts *, csv_out_next_fn *next, void *arg,
	    char **err);
/* Check early that csv_path can be written (creates and removes the .tmp). */
int	csv_out_check(const char *csv_path, char **err);

#endif
