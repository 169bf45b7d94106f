/*
 * hints.h - what an address says about itself, from data files installed
 * with the program: a role account (info@, sales@ ...), a disposable
 * domain, a likely typo of a big provider's domain.  Information beside
 * the verdict, never a change to the address.
 */
#ifndef MXTRACE_HINTS_H
#define MXTRACE_HINTS_H

#include <stddef.h>

#include "base/util.h"
#include "record/result.h"

#define HINTS_FILE_MAX		(16 * 1024 * 1024)	/* bytes of one data file */
#define HINTS_ENTRY_MAX		253			/* bytes of one entry */

/*
 * Load the data files once: from $MXTRACE_DATADIR, else a data/ folder
 * beside the binary or up to three folders above it (the build tree), else
 * the installed $(datadir)/mxtrace.  Returns NULL, or an owned English
 * warning when a file is missing (its hint is then never set).
 */
char	*hints_init(void);
/*
 * FILE in the data folder chosen as above (owned): other data files use it too.
 */
char	*hints_data_path(const char *file);
/* Free the loaded lists (tests, leak checkers). */
void	 hints_free(void);

/*
 * Set out->role, out->disposable and out->suggestion (owned) for the
 * address local@domain (domain in A-label form, lower case).
 */
void	 hints_of(const char *local, const char *domain, struct addr_notes *out);

/*
 * One list file's entries (lower-cased, comments and blanks dropped), sorted.
 */
void	 hints_parse_list(const char *buf, size_t len, struct strlist *out);
/* Damerau-Levenshtein (optimal string alignment) distance, at most cap+1. */
size_t	 hints_distance(const char *a, const char *b, size_t cap);

#endif
