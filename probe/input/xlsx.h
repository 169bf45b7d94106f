/*
 * xlsx.h - the rows of an Excel workbook (.xlsx, Office Open XML
 * SpreadsheetML, ECMA-376 / ISO/IEC 29500) for `mxtrace verify`: the
 * sheet whose header names the address column, row by row, each row's
 * cells as the text Excel shows for a string, number or boolean (a
 * formula's cached value, never the formula).  Bounded by XLSX_* in
 * base/limits.h; a workbook that is damaged, encrypted or over a bound is
 * an error in plain English (the catalogue translates it).
 */
#ifndef MXTRACE_XLSX_H
#define MXTRACE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/row.h"

/* Does this row name the address column?  (listin's header detection) */
typedef bool	(*xlsx_header_fn)(void *arg, const struct list_row *);

struct xlsx;

/*
 * Open the workbook in f (borrowed, a regular file, read from its start).
 * The sheet read is the one sheet names (--sheet: a sheet's name, hidden
 * ones too, else for digits the Nth visible sheet; a name wins), or
 * without it the first visible worksheet, in the workbook's order,
 * one of whose first XLSX_HEADER_ROWS rows with cells is a header as
 * is_header says; that row is the header and the rows above it (titles)
 * are not read.  No such sheet: the first visible worksheet, its first
 * row with cells the header (so too on the sheet named, without a header).
 * NULL with *err (owned, English) on failure.
 */
struct xlsx	*xlsx_open(FILE *f, const char *sheet, xlsx_header_fn is_header,
		    void *arg, char **err);
/* The next row (the header first): 1, 0 at the end, -1 with *err set. */
int		 xlsx_next(struct xlsx *, struct list_row *, const char **err);
/* The name of the sheet read (UTF-8, from the workbook: hostile). */
const char	*xlsx_sheet_name(const struct xlsx *);
/* The visible worksheets after the one read whose header also names the
 * address column (their rows are not read): how many, the first's name
 * (hostile) in *first; 0 and NULL when none or the sheet was named. */
size_t		 xlsx_unread_sheets(const struct xlsx *, const char **first);
void		 xlsx_close(struct xlsx *);

/* An OLE2 compound file (f at its start): a password-protected .xlsx? */
bool		 xlsx_encrypted(FILE *f);

#endif
