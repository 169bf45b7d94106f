/*
 * atomic.c - see atomic.h.  Every failure names the file and the system's
 * reason, once, for the caller to print.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/util.h"

int
atomic_check(const char *path, char **err)
{
	char *tmp = xasprintf("%s.tmp", path);
	/* PATH.tmp is ours: one left by a crashed run is simply replaced */
	int fd = open(tmp, O_WRONLY | O_CREAT, 0644);

	if (fd < 0) {
		*err = xasprintf("cannot write %s: %s", tmp, strerror(errno));
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
	a->tmp = xasprintf("%s.tmp", path);
	if ((a->f = fopen(a->tmp, "w")) == NULL) {
		*err = xasprintf("cannot write %s: %s", a->tmp, strerror(errno));
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
	int failed = fflush(a->f) != 0 || fsync(fileno(a->f)) != 0 || ferror(a->f);
	int saved = errno;

	if (fclose(a->f) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (!failed && rename(a->tmp, a->path) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		*err = xasprintf("cannot write %s: %s", a->path,
		    strerror(saved ? saved : EIO));
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
		unlink(a->tmp);
	}
	atomic_release(a);
}
