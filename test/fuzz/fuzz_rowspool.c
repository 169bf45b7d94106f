/*
 * fuzz_rowspool.c - libFuzzer target for reading back verify's row spool
 * (input/rowspool.c): the bytes are a spool file, damaged or cut anywhere,
 * read row by row with rowspool_get.  Invariants: it returns 1, 0 or -1
 * (-1 with errno set, 0 and -1 with no row handed out); a row handed out
 * has at most LISTIN_FIELDS_MAX cells of LISTIN_RECORD_MAX bytes in all,
 * each NUL-terminated.  ASan catches any overrun or leak.  The seeds in
 * corpus_rowspool were written by rowspool_put (rows of one cell, of
 * several, empty cells, a cell holding a NUL, rows too long, a row number
 * past 2^20) in this machine's byte order.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/listin.h"
#include "input/rowspool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check(const struct list_row *r)
{
	size_t i, total = 0;

	if (r->n > LISTIN_FIELDS_MAX ||
	    (r->n > 0 && (r->fields == NULL || r->lens == NULL)))
		abort();
	for (i = 0; i < r->n; i++) {
		total += r->lens[i];
		if (r->fields[i] == NULL || r->fields[i][r->lens[i]] != '\0')
			abort();
	}
	if (total > LISTIN_RECORD_MAX)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct list_row r;
	FILE *f;
	int rv;

	if (size == 0 || (f = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	for (;;) {
		errno = 0;
		rv = rowspool_get(f, &r);
		if (rv != 1)
			break;
		fuzz_check(&r);
		list_row_free(&r);
	}
	if (rv != 0 && rv != -1)
		abort();
	if ((rv < 0 && errno == 0) || r.n != 0 || r.fields != NULL ||
	    r.lens != NULL)
		abort();
	fclose(f);
	return 0;
}
