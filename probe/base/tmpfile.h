/*
 * tmpfile.h - the one way mxtrace makes a temporary file: unlinked at once,
 * in the folder the user named in $TMPDIR (set and not empty), else /tmp.
 * tmpfile(3) always uses /tmp, often a small memory-backed file system,
 * where a big list's rows do not fit.
 */
#ifndef MXTRACE_TMPFILE_H
#define MXTRACE_TMPFILE_H

#include <stdio.h>

/* The folder temporary files go in, for messages that name it. */
const char	*tmp_dir(void);

/*
 * A new, empty, unlinked file in tmp_dir(), open for reading and writing;
 * NULL with errno set.
 */
FILE		*tmp_file(void);

#endif
