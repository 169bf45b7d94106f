/*
 * fuzz_delivered.c - libFuzzer target for the whole delivered-message
 * analysis: the input is cut into header lines ("Name: value", a line
 * starting with a space or tab continues the previous one), analysed,
 * turned into JSON and printed for a terminal.  Invariants: at most
 * PATH_HOPS_MAX hops and DLV_REASONS_MAX reasons, the boundary and the
 * longest hop inside the path, every cause in range, the terminal text
 * free of raw control bytes.  LeakSanitizer catches anything not freed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain/delivered.h"
#include "explain/delivered_json.h"
#include "explain/delivered_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_HEADERS_MAX	600

static void
fuzz_check(const struct delivered *d)
{
	size_t i;

	if (d->path.nhops > PATH_HOPS_MAX || d->nreasons > DLV_REASONS_MAX ||
	    d->path.boundary >= (int)d->path.nhops ||
	    d->path.longest >= (int)d->path.nhops || d->verdict >= SPAM__LAST)
		abort();
	for (i = 0; i < d->nreasons; i++)
		if ((int)d->reasons[i].cause < 0 ||
		    d->reasons[i].cause >= CAUSE__LAST)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char names[FUZZ_HEADERS_MAX][64];
	struct dlv_header h[FUZZ_HEADERS_MAX];
	const char *s = (const char *)data, *end = s + size, *nl, *colon;
	struct delivered d;
	size_t n = 0, k, len = 0;
	char *buf = NULL;
	json_t *o;
	struct wrap_out lay;
	FILE *f;

	while (s < end && n < FUZZ_HEADERS_MAX) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if ((*s == ' ' || *s == '\t') && n > 0)
			h[n - 1].len = (size_t)(nl - h[n - 1].value);
		else if ((colon = memchr(s, ':', (size_t)(nl - s))) != NULL &&
		    colon - s < 63) {
			memcpy(names[n], s, (size_t)(colon - s));
			names[n][colon - s] = '\0';
			h[n].name = names[n];
			h[n].value = colon + 1;
			h[n].len = (size_t)(nl - colon - 1);
			n++;
		}
		s = nl + 1;
	}
	if (delivered_analyse(h, n, size > 0 && data[0] & 1 ? "spam" : NULL,
	    &d) == 0) {
		fuzz_check(&d);
		o = delivered_to_json(&d, LANG_ZH, data[0] & 2, "m.eml");
		if ((f = open_memstream(&buf, &len)) != NULL) {
			lay = wrap_out_of(f);
			delivered_print(f, &lay, o, LANG_EN);
			fclose(f);
			for (k = 0; k < len; k++)
				if ((unsigned char)buf[k] < 0x20 &&
				    buf[k] != '\n')
					abort();
			free(buf);
		}
		json_decref(o);
	}
	delivered_free(&d);
	return 0;
}
