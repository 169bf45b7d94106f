/*
 * atomic.c - see atomic.h.  Every failure names the file and the system's
 * reason, once, for the caller to print.
 *
 * Public: atomic_check, atomic_open, atomic_commit, atomic_discard.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/syserr.h"
#include "base/util.h"

/*
 * An existing path that is not a regular file or a directory: a device
 * (/dev/null), a FIFO (-o >(gzip > x.gz)), a socket, /dev/stdout.  Renaming
 * over it would replace the node itself, so it is written in place.
 */
static bool
atomic_in_place(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode);
}

/*
 * Why: PATH.tmp renamed over PATH replaces it whatever its mode, so a file
 * its owner made read-only (chmod a-w: "keep this one") would be lost
 * without a word.  Refused as a shell's ">" would: 0, or -1 with errno.
 */
static int
atomic_may_replace(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return access(path, W_OK);
}

/*
 * Why: PATH.tmp could not be made.  When PATH is there (and writable: a
 * file of the user's in a folder that takes no new file) "cannot write
 * PATH: Permission denied" would puzzle: the file named is writable.
 * Then the file that could not be made is named.  Owned.
 */
static char *
atomic_tmp_error(const char *path, const char *tmp, int e)
{
	if (access(path, F_OK) == 0)
		return xasprintf("cannot write %s: cannot make %s in its "
		    "folder: %s", path, tmp, syserr_text(e));
	/* the user's name: PATH.tmp is in the same folder */
	return xasprintf("cannot write %s: %s", path, syserr_text(e));
}

int
atomic_check(const char *path, char **err)
{
	char *tmp;
	int fd;

	struct stat st;

	/* "" would pass as the folder's own ".tmp", and fail at the end */
	if (*path == '\0') {
		*err = xstrdup("the output's file name is empty");
		return -1;
	}
	if (atomic_in_place(path)) {
		if (access(path, W_OK) == 0)
			return 0;
		*err = xasprintf("cannot write %s: %s", path, syserr_text(errno));
		return -1;
	}
	/*
	 * a directory: PATH.tmp could be written beside it, never renamed onto
	 */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = xasprintf("cannot write %s: it is a directory", path);
		return -1;
	}
	if (atomic_may_replace(path) < 0) {
		*err = xasprintf("cannot write %s: %s", path, syserr_text(errno));
		return -1;
	}
	tmp = xasprintf("%s.tmp", path);
	/* PATH.tmp is ours: one left by a crashed run is simply replaced */
	fd = open(tmp, O_WRONLY | O_CREAT, 0644);

	if (fd < 0) {
		*err = atomic_tmp_error(path, tmp, errno);
		free(tmp);
		return -1;
	}
	close(fd);
	unlink(tmp);
	free(tmp);
	return 0;
}

FILE *
atomic_open(struct atomic_file *a, const char *path, char **err)
{
	a->path = xstrdup(path);
	if (atomic_in_place(path)) {
		a->tmp = NULL;
		if ((a->f = fopen(path, "w")) == NULL) {
			*err = xasprintf("cannot write %s: %s", path,
			    syserr_text(errno));
			free(a->path);
			a->path = NULL;
		}
		return a->f;
	}
	if (atomic_may_replace(path) < 0) {
		*err = xasprintf("cannot write %s: %s", path, syserr_text(errno));
		free(a->path);
		a->path = NULL;
		return NULL;
	}
	a->tmp = xasprintf("%s.tmp", path);
	if ((a->f = fopen(a->tmp, "w")) == NULL) {
		*err = atomic_tmp_error(path, a->tmp, errno);
		free(a->path);
		free(a->tmp);
		a->path = a->tmp = NULL;
	}
	return a->f;
}

static void
atomic_release(struct atomic_file *a)
{
	free(a->path);
	free(a->tmp);
	a->path = a->tmp = NULL;
	a->f = NULL;
}

int
atomic_commit(struct atomic_file *a, char **err)
{
	/* A pipe or a device cannot be fsync'ed; nothing is renamed onto it. */
	int failed = fflush(a->f) != 0 || ferror(a->f) ||
	    (a->tmp != NULL && fsync(fileno(a->f)) != 0);
	int saved = errno;

	if (fclose(a->f) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (!failed && a->tmp != NULL && rename(a->tmp, a->path) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		*err = xasprintf("cannot write %s: %s", a->path,
		    syserr_text(saved ? saved : EIO));
		if (a->tmp != NULL)
			unlink(a->tmp);
	}
	atomic_release(a);
	return failed ? -1 : 0;
}

void
atomic_discard(struct atomic_file *a)
{
	if (a->f != NULL) {
		fclose(a->f);
		if (a->tmp != NULL)
			unlink(a->tmp);
	}
	atomic_release(a);
}
