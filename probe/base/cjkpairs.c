/*
 * cjkpairs.c - one scan of a text's double-byte pairs.  See cjkpairs.h.
 *
 * Public: cjk_pairs_scan().
 */
#include "base/cjkpairs.h"

static bool
cjk_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void
cjk_pairs_scan(const char *s, size_t len, bool at_eof, struct cjk_pairs *c)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char a, b;
	size_t i, run = 0;

	c->gb = c->gb2312 = c->big5 = true;
	c->longest = c->common = c->rare = 0;
	for (i = 0; i < len && (c->gb || c->big5); i++) {
		a = u[i];
		if (a < 0x80) {
			run = 0;
			continue;
		}
		if (i + 1 == len && !at_eof)
			break;		/* a pair cut by the sample's end */
		b = i + 1 < len ? u[i + 1] : 0;
		if (a < 0xA1 || a > 0xFE || b < 0xA1 || b > 0xFE)
			c->gb = false;
		if (!c->gb || a > 0xF7)
			c->gb2312 = false;
		if (a < 0xA1 || a > 0xF9 || !((b >= 0x40 && b <= 0x7E) ||
		    (b >= 0xA1 && b <= 0xFE)) || (cjk_letter(b) &&
		    i + 2 < len && cjk_letter(u[i + 2])))
			c->big5 = false;
		c->common += (a >= 0xA4 && a <= 0xAF) || b < 0xA1;
		c->rare += a >= 0xC7;
		if (++run > c->longest)
			c->longest = run;
		i++;
	}
}
