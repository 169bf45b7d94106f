/*
 * rowspool.h - the rows a list's reader handed out, kept in a temporary
 * file so that a second and a third pass over the list read them again
 * without parsing the input again (an Excel workbook's ZIP inflated and its
 * sheet's XML parsed once, a CSV's bytes converted and split once).  The
 * file is the caller's (an unlinked tmp_file(), base/tmpfile.h); the
 * format is this module's own, read back only by the process that wrote it,
 * and every count read is checked against the bounds a reader keeps
 * (LISTIN_*).
 */
#ifndef MXTRACE_ROWSPOOL_H
#define MXTRACE_ROWSPOOL_H

#include <stdio.h>

#include "input/row.h"

/* Append r (cells and all) to f: 0, -1 on a write error (errno set). */
int	rowspool_put(FILE *f, const struct list_row *r);
/*
 * The next row of f into *out (owned by the caller, list_row_free): 1, 0
 * at the end, -1 on a read error or a row out of bounds (errno set).
 */
int	rowspool_get(FILE *f, struct list_row *out);

#endif
