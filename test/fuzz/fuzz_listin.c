/*
 * fuzz_listin.c - libFuzzer target for verify's input reader.  The first
 * byte picks the options (none, --column 2, --column email; and the
 * encoding: detected, or forced GB18030, UTF-16LE, BIG5, SHIFT_JIS); the
 * rest is the file, so the encoding detector and the converters see it
 * too.  Every row must be within the bounds the reader promises: row
 * numbers rising, the address NUL-terminated and at most
 * LISTIN_RECORD_MAX bytes, at most LISTIN_FIELDS_MAX fields.  The input
 * is read with a spool, as verify reads it: once read to its end, the rows
 * read back after listin_rewind must be the same (replay_check.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/listin.h"
#include "replay_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = { NULL, "2", "email" };
	static const char *const sheets[] = { NULL, "2", "Sheet1" };
	static const char *const encs[] = { NULL, "GB18030", "UTF-16LE",
	    "BIG5", "SHIFT_JIS" };
	static struct replay_log g;
	struct listin_opts o;
	struct listin_row r;
	struct listin *l;
	unsigned long last = 0;
	char *err;
	FILE *f;
	int rv;

	if (size < 2)
		return 0;
	o.column = cols[data[0] % 3];
	o.encoding = encs[(data[0] / 3) % 5];
	o.sheet = sheets[(data[0] / 15) % 3];
	o.spool = replay_begin(&g);
	if ((f = fmemopen((void *)(data + 1), size - 1, "r")) == NULL)
		return 0;
	if ((l = listin_open(f, &o, &err)) == NULL) {
		if (err == NULL)
			abort();
		free(err);
		fclose(f);
		return 0;
	}
	while ((rv = listin_next(l, &r)) > 0) {
		if (r.row <= last || r.addr == NULL ||
		    r.addr[r.addrlen] != '\0' ||
		    r.addrlen > LISTIN_RECORD_MAX ||
		    r.nfields > LISTIN_FIELDS_MAX)
			abort();
		last = r.row;
		replay_row(&g, &r);
	}
	if (rv == 0)
		replay_check(&g, l);
	listin_close(l);
	fclose(f);
	return 0;
}
