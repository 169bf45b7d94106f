/*
 * intake.c - normalize a cell, parse each address in it, note what was
 * changed and the hints; the one way probe and verify take addresses in.
 *
 * Public: intake_cell, intake_free.
 */
#include <stdlib.h>
#include <string.h>

#include "input/hints.h"
#include "input/intake.h"
#include "input/normalize.h"

/* A control character other than TAB (C0, DEL, or C1 in UTF-8)? */
static bool
intake_controls(const char *s, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return true;
		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f)
			return true;
	}
	return false;
}

/*
 * Whether s[0..len) holds addresses one to a line, as Excel keeps a cell
 * typed with Alt+Enter: every line that is not blank an address as it
 * stands, with no control character in it.  Such a cell is split at its
 * line breaks; a line that is anything else (a command smuggled after a
 * CR LF) leaves the whole cell to be refused.
 */
static bool
intake_lines(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *eol, *a, *b;
	struct address addr;
	const char *why;
	size_t lines = 0;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		for (a = p, b = eol; a < b && (*a == ' ' || *a == '\t'); a++)
			;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
			b--;
		if (a < b) {
			if (intake_controls(a, (size_t)(b - a)) ||
			    address_parse(a, (size_t)(b - a), &addr, &why) != 0)
				return false;
			address_free(&addr);
			lines++;
		}
		p = eol < end ? eol + 1 : end;
	}
	return lines > 0;
}

size_t
intake_cell(const char *s, size_t len, struct intake **out, size_t *dropped)
{
	struct normalized nm;
	struct intake *in;
	unsigned bit;
	size_t i;

	if (intake_controls(s, len) && !intake_lines(s, len)) {
		/*
		 * CR, LF, NUL and other controls are how commands are smuggled
		 * into SMTP: the cell goes to the parser as it is and is
		 * refused, never "cleaned up" into some other address.
		 */
		in = xcalloc(1, sizeof(*in));
		in->text = xstrndup(s, len);
		in->ok = address_parse(s, len, &in->addr, &in->why) == 0;
		*out = in;
		if (dropped != NULL)
			*dropped = 0;
		return 1;
	}
	normalize_cell(s, len, &nm);
	in = xcalloc(nm.n, sizeof(*in));
	for (i = 0; i < nm.n; i++) {
		in[i].text = nm.addr[i];
		nm.addr[i] = NULL;
		if (nm.changes != 0) {
			in[i].notes.given = xstrndup(s, len);
			for (bit = 1; bit < NORM__LAST; bit <<= 1)
				if (nm.changes & bit)
					strlist_add(&in[i].notes.changes,
					    normalize_change_name(bit));
		}
		in[i].ok = address_parse(in[i].text, strlen(in[i].text),
		    &in[i].addr, &in[i].why) == 0;
	}
	if (dropped != NULL)
		*dropped = nm.dropped;
	*out = in;
	i = nm.n;
	normalized_free(&nm);
	return i;
}

void
intake_hints(struct intake *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (in[i].ok)
			hints_of(in[i].addr.local, in[i].addr.domain_ascii,
			    &in[i].notes);
}

void
intake_free(struct intake *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(in[i].text);
		if (in[i].ok)
			address_free(&in[i].addr);
		notes_free(&in[i].notes);
	}
	free(in);
}
