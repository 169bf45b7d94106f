/*
 * cjkpairs.h - what the bytes above 0x7F of a short text say about the
 * two Chinese double-byte encodings: every such byte the first or second
 * of a pair in GB2312's or Big5's ranges, and in runs (Chinese is written
 * in runs of characters; a Latin-1 letter stands among ASCII ones).  One
 * scan for the list reader's, explain's and the reply parser's guesses.
 */
#ifndef MXTRACE_CJKPAIRS_H
#define MXTRACE_CJKPAIRS_H

#include <stdbool.h>
#include <stddef.h>

struct cjk_pairs {
	bool	 gb;		/* every pair in A1-FE A1-FE */
	bool	 gb2312;	/* ...and every first byte at most F7 */
	bool	 big5;		/* every pair Big5's (A1-F9, 40-7E or A1-FE),
				   none followed by two ASCII letters */
	size_t	 longest;	/* the most pairs one after the other */
	size_t	 common;	/* Big5 pairs of common characters (A4-AF
				   first) or with a second byte below A1 */
	size_t	 rare;		/* Big5 pairs of rare characters (C7- first) */
};

/*
 * Scan s[0..len).  Unless at_eof, a first byte at the very end (a pair
 * cut by a sample's end) ends the scan; at the end of the text it is a
 * pair of neither encoding.  The counts are complete only while gb or
 * big5 holds (the scan stops when neither does).
 */
void	cjk_pairs_scan(const char *s, size_t len, bool at_eof,
	    struct cjk_pairs *);

#endif
