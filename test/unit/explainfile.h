/*
 * explainfile.h - explain on a test's message file: the file opened as
 * explain opens any input (source.h: a message, an mbox, pasted text, an
 * Outlook .msg), its first message explained, the others counted.  Shared
 * by the tests that explain fixtures (test_explain, test_msgfile,
 * test_explain_formats, test_explain_chinese).  Header-only: each test
 * includes it once, after cmocka.h.
 */
#ifndef MXTRACE_EXPLAINFILE_H
#define MXTRACE_EXPLAINFILE_H

#include <string.h>

#include "explain/explain.h"
#include "explain/source.h"

/*
 * Explain the first message of path into r (zeroed when it holds none);
 * returns how many messages it holds.  A file that cannot be opened or
 * read fails the test.
 */
static inline size_t
explainfile(const char *path, struct explain_result *r)
{
	struct source *src;
	GMimeMessage *m;
	const char *name;
	size_t idx, n = 0;
	char *err;
	int rv;

	if ((src = source_open(path, &err)) == NULL)
		fail_msg("%s", err);
	memset(r, 0, sizeof(*r));
	while ((rv = source_next(src, &m, &name, &idx, &err)) == 1) {
		if (n++ == 0)
			explain_message(m, r);
		g_object_unref(m);
	}
	if (rv != 0)
		fail_msg("%s: %s", path, err);
	source_close(src);
	return n;
}

#endif
