/*
 * exitcode.h - every exit status of every mxtrace command, in one place
 * (sysexits(3) values for the errors, small numbers for answers).  The man
 * page's EXIT STATUS section lists the same table.
 */
#ifndef MXTRACE_EXITCODE_H
#define MXTRACE_EXITCODE_H

#define MX_EXIT_OK		0	/* deliverable / done / nothing failed */
#define MX_EXIT_NO		1	/* a definite no; sender: a check failed */
#define MX_EXIT_UNSURE		2	/* indeterminate; sender: warnings only */
#define MX_EXIT_INTERRUPTED	3	/* SIGINT/SIGTERM: run again with --resume */
#define MX_EXIT_USAGE		64	/* bad command line */
#define MX_EXIT_DATAERR		65	/* bad input data (empty, no address column, not mxtrace JSON) */
#define MX_EXIT_NOINPUT		66	/* an input cannot be opened */
#define MX_EXIT_SOFTWARE	70	/* internal error; event loop, DNS or TLS cannot start; the DNS resolver does not answer */
#define MX_EXIT_CANTCREAT	73	/* an output cannot be created, locked or is refused */
#define MX_EXIT_IOERR		74	/* a write or fsync failed during the run */

#endif
