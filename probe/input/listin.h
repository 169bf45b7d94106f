/*
 * listin.h - the input of `mxtrace verify`, read as a stream: a plain list
 * (one address a line, `#` comments, blank lines ignored) or a CSV file
 * (RFC 4180, libcsv; a record of empty cells skipped) whose address
 * column is found by its header name or given with --column.  Any encoding
 * encoding.h detects, converted to UTF-8 (BOM stripped); CRLF or LF.  Memory
 * stays bounded whatever the input holds: a line or record longer than
 * LISTIN_RECORD_MAX becomes one row with an error, never a crash.
 * An Excel workbook (.xlsx) is read as a CSV whose records are the rows of
 * its sheet with the address column (xlsx.h).  Read more than once (verify
 * counts, probes, then writes its CSV), the rows are parsed once and kept
 * in a temporary file (listin_opts.spool, listin_rewind).
 */
#ifndef MXTRACE_LISTIN_H
#define MXTRACE_LISTIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/encoding.h"

#define LISTIN_RECORD_MAX	65536	/* bytes in one line or CSV record */
#define LISTIN_FIELDS_MAX	1024	/* fields kept of one CSV record */

enum listin_format {
	LISTIN_PLAIN,
	LISTIN_CSV,
};

struct listin_opts {
	const char	*column;	/* --column NAME or 1-based N; NULL: by header */
	const char	*encoding;	/* iconv name (encoding_canonical); NULL: detect */
	FILE		*spool;		/* borrowed: an empty temporary file that
					 * keeps the rows read for listin_rewind
					 * (rowspool.h); NULL: read once */
	const char	*sheet;		/* --sheet NAME or N of a workbook
					 * (xlsx_open); NULL: by header */
};

/* One input row; everything borrowed until the next listin_next(). */
struct listin_row {
	unsigned long	 row;		/* as the user sees it: the line (plain),
					 * the row Excel shows (CSV, empty lines
					 * counted) or the sheet's row
					 * (.xlsx) */
	const char	*addr;		/* trimmed, NUL-terminated; "" when missing */
	size_t		 addrlen;
	const char	*error;		/* the row could not be read (static text), or NULL */
	size_t		 nfields;	/* CSV: the record's fields; 0 for plain */
	char *const	*fields;	/* NUL-terminated, may hold NULs before the end */
	const size_t	*lens;
};

struct listin;

/*
 * Start reading f (borrowed; read from its current position).  Returns
 * NULL with *err (owned, English) when the input is empty, holds no
 * address column, or cannot be read.
 */
struct listin	*listin_open(FILE *f, const struct listin_opts *, char **err);
/* The next row: 1, 0 at the end, -1 on a read error (errno set). */
int		 listin_next(struct listin *, struct listin_row *);
/*
 * The rows again from the first, as listin_next returned them, read from
 * the spool (the input is not parsed again): only with opts->spool, after
 * listin_next returned 0.  0, -1 on a seek error (errno set).
 */
int		 listin_rewind(struct listin *);
/* After -1: why a workbook could not be read on (static English), or NULL. */
const char	*listin_error(const struct listin *);
/* After -1: the errno of a write to the spool that failed (a full
 * $TMPDIR or /tmp), or 0 when the input itself could not be read. */
int		 listin_spool_errno(const struct listin *);
/*
 * The name of the workbook's sheet read (hostile text); NULL: not a workbook.
 */
const char	*listin_sheet(const struct listin *);
/* The workbook's other visible sheets whose header names the address
 * column too (not read, so not checked): how many, the first's name
 * (hostile) in *first; 0 and NULL when none or not a workbook. */
size_t		 listin_unread_sheets(const struct listin *, const char **first);
enum listin_format listin_format(const struct listin *);
/*
 * CSV: the header's cells and the address column (0-based); plain: 0 and
 * "address".
 */
size_t		 listin_ncolumns(const struct listin *);
const char	*listin_column(const struct listin *, size_t i);
size_t		 listin_addr_column(const struct listin *);
/* SHA-256 of every byte read so far (the whole input once next returned 0). */
void		 listin_sha256(struct listin *, unsigned char out[32]);
/* The same hash of a whole file (from its start, left at its start) before
 * any listin reads it, in hex: 0, or -1 when it cannot be read. */
int		 listin_file_sha256(FILE *, char hex[65]);
/* Is the file in f (from its start, left at its start) an Excel workbook
 * (.xlsx: a ZIP archive), before any listin reads it? */
bool		 listin_file_is_workbook(FILE *f);
/* Do --sheet a and b name one sheet of the workbook in f (from its start,
 * left at its start), by name or place?  false when either names none. */
bool		 listin_same_sheet(FILE *f, const char *a, const char *b);
/* Bytes read so far. */
unsigned long long listin_bytes(const struct listin *);
/* The encoding the input is read as; *how (may be NULL): how sure it is. */
const char	*listin_encoding(const struct listin *, enum encoding_how *how);
/* Byte sequences that were not valid in that encoding (each read as U+FFFD). */
unsigned long	 listin_replaced(const struct listin *);
/* Frees the reader; f stays open. */
void		 listin_close(struct listin *);

/* True when a header cell names an e-mail column (email, e-mail, 邮箱 ...). */
bool		 listin_is_email_header(const char *cell, size_t len);

#endif
