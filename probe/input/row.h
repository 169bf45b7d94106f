/*
 * row.h - one row of a customer list as its reader hands it on: a CSV
 * record (listin.c, libcsv) or an Excel row (xlsx.c), the same shape, so
 * everything past the reader takes either.
 */
#ifndef MXTRACE_ROW_H
#define MXTRACE_ROW_H

#include <stdbool.h>
#include <stddef.h>

struct list_row {
	unsigned long	 row;		/* the list's row number, 1-based (a
					 * workbook's as Excel shows it) */
	char		**fields;	/* owned; NUL-terminated cells, "" in a gap */
	size_t		*lens;		/* owned */
	size_t		 n;
	bool		 toolong;	/* over LISTIN_FIELDS_MAX cells or
					 * LISTIN_RECORD_MAX bytes */
};

void	list_row_free(struct list_row *);

#endif
