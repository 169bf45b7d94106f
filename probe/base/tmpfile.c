/*
 * tmpfile.c - see tmpfile.h.
 *
 * Public: tmp_dir, tmp_file.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/tmpfile.h"
#include "base/util.h"

const char *
tmp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && *d != '\0' ? d : "/tmp";
}

/*
 * mkstemp, not tmpfile(3): glibc's tmpfile ignores $TMPDIR.  mkstemp makes
 * the file 0600 with O_EXCL, and it is unlinked at once: no other user reads
 * the rows, and a crash leaves nothing behind.
 */
FILE *
tmp_file(void)
{
	char *tmpl = xasprintf("%s/mxtrace.XXXXXX", tmp_dir());
	FILE *f = NULL;
	int fd, e;

	if ((fd = mkstemp(tmpl)) >= 0) {
		unlink(tmpl);
		if ((f = fdopen(fd, "w+")) == NULL)
			close(fd);
	}
	e = errno;
	free(tmpl);
	errno = e;
	return f;
}
