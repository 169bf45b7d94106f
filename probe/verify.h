/*
 * verify.h - `mxtrace verify [options] FILE|-`: probe every address of a
 * list and write one JSON record per input row (docs/json.md).
 */
#ifndef MXTRACE_VERIFY_H
#define MXTRACE_VERIFY_H

/* Exit statuses of verify (documented in --help and docs/sharding.md). */
#define VERIFY_EXIT_OK		0	/* every row has its record */
#define VERIFY_EXIT_INTERRUPTED	3	/* SIGINT/SIGTERM: run again with --resume */
#define VERIFY_EXIT_USAGE	64
#define VERIFY_EXIT_DATAERR	65	/* empty input, no address column */
#define VERIFY_EXIT_NOINPUT	66	/* the input cannot be opened */
#define VERIFY_EXIT_SOFTWARE	70	/* event loop, DNS or TLS cannot start */
#define VERIFY_EXIT_CANTCREAT	73	/* output cannot be created, locked, refused */
#define VERIFY_EXIT_IOERR	74	/* a write or fsync failed during the run */

int	verify_main(int argc, char **argv);

#endif
