/*
 * csv_rows.h - what --csv needs of each record, kept as the run writes the
 * record (and as --resume reads it back): the cells of the record in a
 * scratch file beside the CSV, and where each (row, part) is in it.  The
 * CSV made at the end then reads a few hundred bytes per address instead
 * of parsing every JSON record again.
 */
#ifndef MXTRACE_CSV_ROWS_H
#define MXTRACE_CSV_ROWS_H

#include <stddef.h>

#include <jansson.h>

#include "meaning/catalog.h"
#include "record/result.h"

/* A record's cells, as its JSON has them (names, not yet translated). */
enum csv_field {
	CF_SUMMARY, CF_ADDRESS, CF_VERDICT, CF_STAGE, CF_REASON, CF_CODE,
	CF_ENHANCED, CF_TEXT, CF_MX, CF_EXPLANATION, CF_SUGGESTION, CF_ROLE,
	CF_DISPOSABLE, CF_DUPLICATE_OF, CF__LAST
};

#define CSV_ROWS_TEXT_MAX	1024	/* bytes of reply text kept (UTF-8 whole) */

/* Each field's bytes (NUL-terminated, may hold NULs before len) and length. */
struct csv_rec {
	const char	*s[CF__LAST];
	size_t		 len[CF__LAST];
};

struct csv_rows;

/* The scratch file beside csv_path (unlinked at once); NULL with *err. */
struct csv_rows	*csv_rows_open(const char *csv_path, unsigned long max_row,
		    char **err);
/*
 * The record of (row, part), from its JSON (a resumed or duplicate row;
 * its "duplicate_of" is the CSV's); its explanation made again in lang,
 * the CSV's, whatever language the run that wrote the record had.
 */
void		 csv_rows_add_json(struct csv_rows *, unsigned long row,
		    unsigned long part, json_t *rec, enum lang);
/*
 * The record of (row, part), from the result written as it (lang: its
 * explanation's).
 */
void		 csv_rows_add_result(struct csv_rows *, unsigned long row,
		    unsigned long part, const struct probe_result *, enum lang);
/*
 * 1 with *out (valid until the next call), 0 when (row, part) has none, -1 on
 * error.
 */
int		 csv_rows_get(struct csv_rows *, unsigned long row,
		    unsigned long part, struct csv_rec *out);
/* 0, or the errno of the first failed write or read. */
int		 csv_rows_error(const struct csv_rows *);
void		 csv_rows_close(struct csv_rows *);

#endif
