/*
 * tsvload.h - one reader for the tab-separated tables the unit tests read
 * (the .tsv files under test/explain/, docs/sisimai-reasons.tsv): lines
 * that start with '#' and empty lines are skipped, the header is checked,
 * and every other line is split at its tabs into exactly the number of
 * fields the table has and handed to a callback.  A missing file, a line
 * longer than TSVLOAD_LINE_MAX, a header or a row with another number of
 * fields, and a field longer than its destination (tsvload_copy) fail the
 * test, with the file and line named.  Header-only: each test includes it
 * once, after cmocka.h.
 */
#ifndef MXTRACE_TSVLOAD_H
#define MXTRACE_TSVLOAD_H

#include <stdio.h>
#include <string.h>

#define TSVLOAD_LINE_MAX	2048
#define TSVLOAD_FIELDS_MAX	8

/* Called once per row with its nfields fields, each a string. */
typedef void tsvload_fn(char **field, void *arg);

/*
 * Call each(field, arg) for every row of the table path, in order.  header
 * is the start of the table's header line (its first line that is neither
 * a comment nor empty, of nfields fields like a row), or NULL for a table
 * whose column names are in a comment.  The fields point into one line
 * buffer, overwritten by the next row: a callback copies what it keeps.
 */
static inline void
tsvload(const char *path, const char *header, size_t nfields,
    tsvload_fn *each, void *arg)
{
	char line[TSVLOAD_LINE_MAX], *field[TSVLOAD_FIELDS_MAX], *p;
	size_t len, n, lineno = 0;
	int want_header = header != NULL;
	FILE *f;

	assert_true(nfields >= 1 && nfields <= TSVLOAD_FIELDS_MAX);
	if ((f = fopen(path, "r")) == NULL)
		fail_msg("%s: cannot open", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		else if (!feof(f))
			fail_msg("%s:%zu: line longer than %d bytes", path,
			    lineno, TSVLOAD_LINE_MAX - 2);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (want_header && strncmp(line, header, strlen(header)) != 0)
			fail_msg("%s:%zu: header does not start \"%s\"", path,
			    lineno, header);
		for (n = 0, p = line; p != NULL && n < nfields; n++) {
			field[n] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
		if (n != nfields || p != NULL)
			fail_msg("%s:%zu: not %zu tab-separated fields", path,
			    lineno, nfields);
		if (want_header)
			want_header = 0;
		else
			each(field, arg);
	}
	fclose(f);
	if (want_header)
		fail_msg("%s: no header line", path);
}

/* Copy field src to dst of size bytes; a field that does not fit fails. */
static inline void
tsvload_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		fail_msg("field longer than %zu bytes: %s", size - 1, src);
	memcpy(dst, src, n + 1);
}

#endif
