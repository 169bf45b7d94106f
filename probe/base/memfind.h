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

/*
 * memfind_lower() in a prepared text, for a NUL-terminated needle, plain
 * or of parts (the offset of its first part's match).
 */
size_t	memfind_in(const struct memfind_text *, const char *needle);

#endif
