/*
 * filesig.h - what a file's first bytes say made it: an Office compound
 * file, a PDF, a ZIP archive, an image, or mxtrace's own JSON output.
 * explain (explain/filekind.c) and verify (input/listin.c) both refuse
 * such a file rather than read it as text, each in its own words.
 */
#ifndef MXTRACE_FILESIG_H
#define MXTRACE_FILESIG_H

#include <stddef.h>

enum filesig {
	FILESIG_NONE,		/* none of these: maybe text */
	FILESIG_OLE2,		/* a compound file (MS-CFB): .msg, .xls, .doc */
	FILESIG_PDF,
	FILESIG_ZIP,		/* also .docx, .xlsx */
	FILESIG_IMAGE,		/* PNG, JPEG, GIF */
	FILESIG_OWN_JSON,	/* a record of probe/verify, explain or sender */
};

/* The kind of the file whose first bytes are b[0..n); only the first
 * 512 are looked at. */
enum filesig	filesig_of(const char *b, size_t n);

#endif
