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

/*
 * The rows a reader has parsed ahead of its caller (a CSV chunk or an XML
 * chunk ends several rows at once), first in, first out; owned.
 */
struct row_queue {
	struct list_row	*v;		/* owned ring */
	size_t		 head, n, cap;
};

/* Takes *r's cells (it is left empty). */
void	row_queue_push(struct row_queue *, struct list_row *r);
/* The oldest row into *out, the caller's now; false when empty. */
bool	row_queue_pop(struct row_queue *, struct list_row *out);
/* Frees the rows left; the queue stays usable. */
void	row_queue_clear(struct row_queue *);
/* row_queue_clear, and the ring itself. */
void	row_queue_free(struct row_queue *);

#endif
