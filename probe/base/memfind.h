/*
 * memfind.h - the first occurrence of a short needle in a lowered text,
 * fast when one text is searched for many needles (the bounce readers'
 * cues, the classifier's cues).
 */
#ifndef MXTRACE_MEMFIND_H
#define MXTRACE_MEMFIND_H

#include <stddef.h>

/*
 * Offset of the first occurrence of needle (n bytes; its ASCII letters
 * compared as lower case) in s[0..len), which is already lower case;
 * (size_t)-1 when there is none or n is 0.
 */
size_t	memfind_lower(const char *s, size_t len, const char *needle, size_t n);

/*
 * A lowered text prepared for many searches: which byte pairs it holds,
 * hashed, a byte each (a byte is set and tested in fewer instructions than
 * a bit).
 */
#define MEMFIND_PAIRS	4096
struct memfind_text {
	const char	*s;		/* borrowed */
	size_t		 len;
	unsigned char	 pairs[MEMFIND_PAIRS];
};

void	memfind_prepare(struct memfind_text *, const char *s, size_t len);
/*
 * The prepared text grown to len bytes (len >= its len; its s, as given to
 * memfind_prepare, holds them): a head of a text searched first, then the
 * whole, costs one preparation and searches each as prepared alone.
 */
void	memfind_extend(struct memfind_text *, size_t len);

/*
 * A needle of parts that must all occur in this order, each after the end
 * of the one before (they never overlap): MEMFIND_PAIR("user ",
 * " was not found") for "user ... was not found"; nested for three parts.
 * The parts are joined by MEMFIND_THEN, a byte no cue holds.  A needle
 * with an empty part matches nowhere.
 */
#define MEMFIND_THEN		"\001"
#define MEMFIND_PAIR(a, b)	a MEMFIND_THEN b

/* memfind_in() past its first test; call memfind_in(). */
size_t	memfind_in_search(const struct memfind_text *, const char *needle);

/* ASCII lowering as a table (memfind.c). */
extern const unsigned char memfind_low[256];

/* The slot of the byte pair a, b in pairs. */
static inline unsigned
memfind_pair(unsigned a, unsigned b)
{
	return (a << 5 ^ b) & (MEMFIND_PAIRS - 1);
}

/*
 * memfind_lower() in a prepared text, for a NUL-terminated needle, plain
 * or of parts (the offset of its first part's match).  Inline, the test
 * that settles most needles (the text lacks their first byte pair): the
 * classifier asks each reply for hundreds of cues, and the call cost as
 * much as the test.
 */
static inline size_t
memfind_in(const struct memfind_text *t, const char *needle)
{
	const unsigned char *u = (const unsigned char *)needle;

	if (u[0] > MEMFIND_THEN[0] && u[1] > MEMFIND_THEN[0] &&
	    t->pairs[memfind_pair(memfind_low[u[0]], memfind_low[u[1]])] == 0)
		return (size_t)-1;
	return memfind_in_search(t, needle);
}

#endif
