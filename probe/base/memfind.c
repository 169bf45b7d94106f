/*
 * memfind.c - substring search in a lowered text, made for one text
 * searched for many cues.  See memfind.h.
 *
 * Public: memfind_lower(), memfind_prepare(), memfind_extend(),
 * memfind_in() (inline in memfind.h), memfind_in_search(), memfind_low.
 *
 * Why not memchr on the needle's first byte: cues start with a line break,
 * a blank or a common letter, so memchr stopped at nearly every line or
 * word and each stop cost a call.  Why not memmem: its set-up per call (a
 * shift table) cost more than it saved on short replies searched for
 * hundreds of cues.  Here the search is anchored on the needle's byte that
 * is least frequent in mail text, so memchr runs long and candidates are
 * few; candidates still come in text order, so the first one that matches
 * is the first occurrence.  A prepared text also knows which pairs of
 * adjacent bytes it holds (hashed into a bit set): a needle with a pair
 * the text lacks cannot occur in it, which settles most cues at once.
 *
 * A needle may also be a pair (MEMFIND_PAIR): parts that must occur in
 * order, each after the end of the one before, as Sisimai's "pairs" lists
 * are matched ("user " ... " was not found").
 */
#include "base/memfind.h"

#include <string.h>

/* How common a byte is in lowered mail text (counted on bounces); 0: rare. */
static const unsigned char common[256] = {
	[' '] = 59, ['e'] = 58, ['t'] = 57, ['a'] = 56, ['o'] = 55,
	['i'] = 54, ['n'] = 53, ['r'] = 52, ['s'] = 51, ['m'] = 50,
	['l'] = 49, ['p'] = 48, ['d'] = 47, ['c'] = 46, ['.'] = 45,
	['\n'] = 44, ['-'] = 43, ['0'] = 42, [':'] = 41, ['2'] = 40,
	['f'] = 39, ['1'] = 38, ['u'] = 37, ['g'] = 36, ['h'] = 35,
	['x'] = 34, ['b'] = 33, ['y'] = 32, ['w'] = 31, ['j'] = 30,
	['v'] = 29, ['k'] = 28, ['3'] = 27, ['5'] = 26, ['4'] = 25,
	['9'] = 24, ['='] = 23, ['8'] = 22, ['7'] = 21, ['6'] = 20,
	[';'] = 19, ['q'] = 18, ['z'] = 17, ['/'] = 16, ['"'] = 15,
	['<'] = 14, ['>'] = 13, ['@'] = 12, ['\r'] = 11, ['+'] = 10,
	['('] = 9, [')'] = 8, [','] = 7, ['_'] = 6, ['\t'] = 5, ['['] = 4,
	[']'] = 3, ['\''] = 2, ['#'] = 1
};

/*
 * ASCII lowering as a table: one load per needle byte, not a compare and
 * a conditional move.
 */
#define R4(n)	(n), (n) + 1, (n) + 2, (n) + 3
#define R16(n)	R4(n), R4((n) + 4), R4((n) + 8), R4((n) + 12)
const unsigned char memfind_low[256] = {
	R16(0x00), R16(0x10), R16(0x20), R16(0x30),
	0x40, R4(0x61), R4(0x65), R4(0x69), 0x6d, 0x6e, 0x6f,	/* @, A-O */
	R4(0x70), R4(0x74), 0x78, 0x79, 0x7a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
	R16(0x60), R16(0x70), R16(0x80), R16(0x90), R16(0xa0), R16(0xb0),
	R16(0xc0), R16(0xd0), R16(0xe0), R16(0xf0)
};

static int
lower(unsigned char c)
{
	return memfind_low[c];
}

/* The byte that joins the parts of a needle (MEMFIND_PAIR). */
#define THEN	((unsigned char)MEMFIND_THEN[0])

static unsigned
pair(int a, int b)
{
	return memfind_pair((unsigned)a, (unsigned)b);
}

size_t
memfind_lower(const char *s, size_t len, const char *needle, size_t n)
{
	const char *p, *last, *at;
	size_t j = 0, i, k;
	int c;

	if (n == 0 || n > len)
		return (size_t)-1;
	for (i = 1; i < n; i++)
		if (common[lower((unsigned char)needle[i])] <
		    common[lower((unsigned char)needle[j])])
			j = i;
	c = lower((unsigned char)needle[j]);
	/* the anchor of a match starting at the last possible place */
	last = s + (len - n) + j;
	for (p = s + j; p <= last &&
	    (p = memchr(p, c, (size_t)(last - p) + 1)) != NULL; p++) {
		at = p - j;
		for (k = 0; k < n && (unsigned char)at[k] ==
		    lower((unsigned char)needle[k]); k++)
			;
		if (k == n)
			return (size_t)(at - s);
	}
	return (size_t)-1;
}

void
memfind_prepare(struct memfind_text *t, const char *s, size_t len)
{
	t->s = s;
	t->len = 0;
	memset(t->pairs, 0, sizeof(t->pairs));
	memfind_extend(t, len);
}

void
memfind_extend(struct memfind_text *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t->s;
	unsigned prev;
	size_t i = t->len > 0 ? t->len : 1;

	if (len <= t->len)
		return;
	for (prev = u[i - 1]; i < len; i++) {
		t->pairs[pair((int)prev, u[i])] = 1;
		prev = u[i];
	}
	t->len = len;
}

/*
 * Whether every adjacent byte pair of the part of a needle at u (up to
 * its NUL or MEMFIND_THEN) is held by the text, and in *n the part's
 * length; 0 for an empty part, which matches nowhere.  The pairs are
 * checked while the part is walked, before its length is known: most
 * cues fail at their first pairs, and a strlen first cost as much as the
 * check.  The walk stops at any byte up to THEN, so a plain needle costs
 * no more than when it stopped at NUL only.
 */
static int
part_held(const struct memfind_text *t, const unsigned char *u, size_t *n)
{
	size_t k;
	unsigned a, b;

	*n = 0;
	if (u[0] <= THEN)
		return 0;
	for (a = (unsigned)lower(u[0]), k = 1; u[k] > THEN; k++, a = b) {
		b = (unsigned)lower(u[k]);
		if (t->pairs[pair((int)a, (int)b)] == 0)
			return 0;
	}
	*n = k;
	return 1;
}

/*
 * A needle of several parts (MEMFIND_PAIR): every part's byte pairs are
 * checked before any search, then each part is searched from the end of
 * the one before.  The first occurrence of a part leaves the most text
 * for the next, so one search per part answers.  Not inlined: in
 * memfind_in its registers made every plain search save and restore six
 * (+3 % instructions on explain's bench).
 */
static size_t __attribute__((noinline))
find_parts(const struct memfind_text *t, const unsigned char *u, size_t n)
{
	const unsigned char *p;
	size_t m, at, first, from;

	for (p = u + n; *p == THEN; p += m)
		if (!part_held(t, ++p, &m))
			return (size_t)-1;
	if ((first = memfind_lower(t->s, t->len, (const char *)u, n)) ==
	    (size_t)-1)
		return (size_t)-1;
	for (from = first + n, p = u + n; *p == THEN; from += at + m, p += m) {
		part_held(t, ++p, &m);
		if ((at = memfind_lower(t->s + from, t->len - from,
		    (const char *)p, m)) == (size_t)-1)
			return (size_t)-1;
	}
	return first;
}

size_t
memfind_in_search(const struct memfind_text *t, const char *needle)
{
	const unsigned char *u = (const unsigned char *)needle;
	size_t n;

	if (!part_held(t, u, &n))
		return (size_t)-1;
	if (u[n] == THEN)
		return find_parts(t, u, n);
	return memfind_lower(t->s, t->len, needle, n);
}
