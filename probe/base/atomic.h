/*
 * atomic.h - a file that appears whole or not at all: written to PATH.tmp,
 * flushed, fsync'ed and renamed over PATH.  Used for the CSV and HTML
 * outputs, so a crash or a full disk never leaves half a file where a good
 * one was.  Only for regular files: an existing PATH that is a character
 * device, a FIFO or a socket (/dev/null, /dev/stdout, a shell's >(...)) is
 * opened and written directly, never renamed over.  An existing PATH the
 * user may not write (a file made read-only) is refused, not replaced.
 */
#ifndef MXTRACE_ATOMIC_H
#define MXTRACE_ATOMIC_H

#include <stdio.h>

struct atomic_file {
	char	*path;		/* owned */
	char	*tmp;		/* owned: PATH.tmp; NULL when written in place */
	FILE	*f;		/* open while writing */
};

/* Can PATH.tmp be created?  Checked before long work starts.  -1 + *err. */
int	 atomic_check(const char *path, char **err);
/* Open PATH.tmp for writing.  NULL + *err (owned). */
FILE	*atomic_open(struct atomic_file *, const char *path, char **err);
/* Flush, fsync, close, rename into place.  -1 + *err; PATH.tmp is removed. */
int	 atomic_commit(struct atomic_file *, char **err);
/* Give up: close and remove PATH.tmp. */
void	 atomic_discard(struct atomic_file *);

#endif
