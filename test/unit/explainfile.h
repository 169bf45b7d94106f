/*
 * explainfile.h - explain on a test's message file: the file opened as
 * explain opens any input (source.h: a message, an mbox, pasted text, an
 * Outlook .msg), its first message explained (all its records, or the
 * first), the others counted.  Shared
 * by the tests that explain fixtures (test_explain, test_msgfile,
 * test_explain_formats, test_explain_chinese).  Header-only: each test
 * includes it once, after cmocka.h.
 */
#ifndef MXTRACE_EXPLAINFILE_H
#define MXTRACE_EXPLAINFILE_H

#include <stdlib.h>
#include <string.h>

#include "explain/explain.h"
#include "explain/source.h"

/*
 * Explain the first message of path into rs (zeroed when it holds none);
 * returns how many messages it holds.  A file that cannot be opened or
 * read fails the test.
 */
static inline size_t
explainfile_records(const char *path, struct explain_records *rs)
{
	struct source *src;
	GMimeMessage *m;
	const char *name;
	size_t idx, n = 0;
	char *err;
	int rv;

	if ((src = source_open(path, &err)) == NULL)
		fail_msg("%s", err);
	memset(rs, 0, sizeof(*rs));
	while ((rv = source_next(src, &m, &name, &idx, &err)) == 1) {
		if (n++ == 0)
			explain_message(m, rs);
		g_object_unref(m);
	}
	if (rv != 0)
		fail_msg("%s: %s", path, err);
	source_close(src);
	return n;
}

/*
 * The first record of the first message of path into r (zeroed when it
 * holds none), as explainfile_records.
 */
static inline size_t
explainfile(const char *path, struct explain_result *r)
{
	struct explain_records rs;
	size_t i, n = explainfile_records(path, &rs);

	memset(r, 0, sizeof(*r));
	for (i = 0; i < rs.n; i++)
		if (i == 0)
			*r = rs.r[0];
		else
			explain_result_free(&rs.r[i]);
	free(rs.r);
	return n;
}

#endif
