/*
 * rawhdr.c - a simple header block split into fields.  See rawhdr.h.
 *
 * Public: rawhdr_split(), rawhdr_get(), rawhdr_free().
 *
 * GMime's parser (3.2, gmime-parser.c step_headers) starts a field at
 * every line that does not start with a blank, takes the name up to the
 * colon and the raw value as every byte after it up to the next field,
 * line breaks included, and copies it as a C string.  On the blocks taken
 * here (names of printable ASCII right before the colon, the first line a
 * field, no NUL byte) that is the whole rule; anything else (a line that
 * is no field, blanks before the colon, an mbox "From " line, a NUL) has
 * rules of its own there and is left to GMime.
 */
#include <string.h>

#include <glib.h>

#include "base/util.h"
#include "explain/rawhdr.h"

static int
name_char(unsigned char c)
{
	return c > ' ' && c < 127 && c != ':';
}

/* The end of the field starting at p: the next line not starting blank. */
static const char *
field_end(const char *p, const char *end)
{
	const char *eol;

	for (;;) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return end;
		p = eol + 1;
		if (p == end || (*p != ' ' && *p != '\t'))
			return p;
	}
}

struct rawhdr *
rawhdr_split(const char *block, size_t len, struct rawhdr_span *keep,
    size_t *nkeep)
{
	const char *p = block, *end = block + len, *q, *fe;
	struct rawhdr *r;
	size_t nf = 0, cap = 16, k, o = 0;

	*nkeep = 0;
	if (len == 0 || *p == ' ' || *p == '\t' ||
	    memchr(block, '\0', len) != NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->f = xcalloc(cap, sizeof(*r->f));
	/* each field's name and value once, NUL-terminated: at most len + n */
	r->buf = xmalloc(len + len / 2 + 2);
	while (p < end) {
		for (q = p; q < end && name_char((unsigned char)*q); q++)
			;
		if (q == p || q == end || *q != ':')
			goto simple_not;
		fe = field_end(q, end);
		k = (size_t)(q - p);
		if (k >= 8 && g_ascii_strncasecmp(p, "Content-", 8) == 0) {
			if (*nkeep == RAWHDR_KEEP_MAX)
				goto simple_not;
			keep[*nkeep].off = (size_t)(p - block);
			keep[(*nkeep)++].len = (size_t)(fe - p);
		} else {
			if (nf == cap) {
				cap *= 2;
				r->f = xrealloc(r->f, cap * sizeof(*r->f));
			}
			/* buf is never moved: the pointers into it hold */
			memcpy(r->buf + o, p, k);
			r->buf[o + k] = '\0';
			r->f[nf].name = r->buf + o;
			o += k + 1;
			memcpy(r->buf + o, q + 1, (size_t)(fe - q - 1));
			r->buf[o + (size_t)(fe - q - 1)] = '\0';
			r->f[nf++].value = r->buf + o;
			o += (size_t)(fe - q - 1) + 1;
		}
		p = fe;
	}
	r->n = nf;
	return r;
simple_not:
	*nkeep = 0;
	rawhdr_free(r);
	return NULL;
}

const char *
rawhdr_get(const struct rawhdr *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (g_ascii_strcasecmp(r->f[i].name, name) == 0)
			return r->f[i].value;
	return NULL;
}

void
rawhdr_free(struct rawhdr *r)
{
	if (r == NULL)
		return;
	free(r->f);
	free(r->buf);
	free(r);
}
