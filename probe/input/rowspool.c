/*
 * rowspool.c - list rows written to a temporary file and read back.  See
 * rowspool.h.
 *
 * Public: rowspool_put, rowspool_get.
 *
 * A row is a head (its number, its count of cells, whether it was too
 * long), the cells' lengths, then the cells' bytes one after another
 * (without their NULs; a cell may hold NUL bytes), in the machine's own
 * byte order; a row too long keeps no cells (its reader hands none on).
 * A row read back that breaks LISTIN_FIELDS_MAX or
 * LISTIN_RECORD_MAX, a row too long with cells, or a file that ends
 * inside a row, is EIO: the file
 * was damaged, never a row handed on half read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "input/listin.h"
#include "input/rowspool.h"

struct spool_head {
	uint64_t	row;
	uint32_t	n;		/* cells */
	uint32_t	toolong;	/* 0 or 1 */
};

int
rowspool_put(FILE *f, const struct list_row *r)
{
	size_t n = r->toolong ? 0 : r->n, i;
	struct spool_head h = { r->row, (uint32_t)n, r->toolong };
	uint32_t lens[LISTIN_FIELDS_MAX];

	if (n > LISTIN_FIELDS_MAX)
		fatalx("%s: %zu cells", __func__, n);
	for (i = 0; i < n; i++) {
		if (r->lens[i] > LISTIN_RECORD_MAX)
			fatalx("%s: a cell of %zu bytes", __func__, r->lens[i]);
		lens[i] = (uint32_t)r->lens[i];
	}
	if (fwrite(&h, sizeof(h), 1, f) != 1 ||
	    (n > 0 && fwrite(lens, sizeof(lens[0]), n, f) != n))
		return -1;
	for (i = 0; i < n; i++)
		if (r->lens[i] > 0 &&
		    fwrite(r->fields[i], 1, r->lens[i], f) != r->lens[i])
			return -1;
	return 0;
}

/* A short read: EIO for a file cut inside a row, errno for a read error. */
static int
spool_short(FILE *f)
{
	if (!ferror(f))
		errno = EIO;
	return -1;
}

int
rowspool_get(FILE *f, struct list_row *out)
{
	struct spool_head h;
	uint32_t lens[LISTIN_FIELDS_MAX];
	size_t i, total = 0, got;

	memset(out, 0, sizeof(*out));
	if ((got = fread(&h, 1, sizeof(h), f)) != sizeof(h)) {
		if (got == 0 && !ferror(f))
			return 0;
		return spool_short(f);
	}
	if (h.n > LISTIN_FIELDS_MAX || h.toolong > 1 ||
	    (h.toolong != 0 && h.n > 0)) {
		errno = EIO;
		return -1;
	}
	if (h.n > 0 && fread(lens, sizeof(lens[0]), h.n, f) != h.n)
		return spool_short(f);
	for (i = 0; i < h.n; i++)
		total += lens[i];
	if (total > LISTIN_RECORD_MAX) {
		errno = EIO;
		return -1;
	}
	out->row = (unsigned long)h.row;
	out->toolong = h.toolong != 0;
	if (h.n == 0)
		return 1;
	out->fields = xcalloc(h.n, sizeof(*out->fields));
	out->lens = xcalloc(h.n, sizeof(*out->lens));
	for (out->n = 0; out->n < h.n; out->n++) {
		i = out->n;
		out->fields[i] = xmalloc((size_t)lens[i] + 1);
		out->lens[i] = lens[i];
		out->fields[i][lens[i]] = '\0';
		if (lens[i] > 0 &&
		    fread(out->fields[i], 1, lens[i], f) != lens[i]) {
			out->n++;
			list_row_free(out);
			return spool_short(f);
		}
	}
	return 1;
}
