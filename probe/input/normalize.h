/*
 * normalize.h - an address as people paste it, made into the address(es)
 * it means: full-width characters, `Name <addr>`, `mailto:`, quotes and
 * brackets around it, trailing punctuation, several addresses in one
 * cell.  What was changed is recorded; nothing is guessed beyond that
 * (a typo is a suggestion, hints.h, never a change).
 */
#ifndef MXTRACE_NORMALIZE_H
#define MXTRACE_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#define NORM_ADDRS_MAX	32	/* addresses taken from one cell */

/*
 * What normalizing did; the names (normalize_change_name) are in docs/json.md.
 */
enum norm_change {
	NORM_FULLWIDTH		= 1 << 0,	/* NFKC: full-width ＠ ． letters ... */
	NORM_DISPLAY_NAME	= 1 << 1,	/* `Name <addr>`, or words beside it */
	NORM_MAILTO		= 1 << 2,	/* a mailto: link */
	NORM_QUOTES		= 1 << 3,	/* quotes or brackets around it */
	NORM_PUNCTUATION	= 1 << 4,	/* trailing . , ; : ! ? */
	NORM_SPLIT		= 1 << 5,	/* the cell held several addresses */
	NORM_SPACES		= 1 << 6,	/* spaces around the '@' */
	NORM__LAST		= 1 << 7
};

struct normalized {
	char		*addr[NORM_ADDRS_MAX];	/* owned, NUL-terminated */
	size_t		 n;			/* at least 1 */
	unsigned	 changes;		/* NORM_* */
	size_t		 dropped;		/* addresses past NORM_ADDRS_MAX */
};

/*
 * Normalize one cell (or probe's argument).  Always yields at least one
 * string: the cell itself when it holds nothing that looks like an
 * address (the address parser then says why it is not one).  Bytes that
 * are not valid UTF-8 are left alone.  Pure; cannot fail.
 */
void	normalize_cell(const char *s, size_t len, struct normalized *out);
void	normalized_free(struct normalized *);
/*
 * NFKC (the full-width forms Chinese input methods type as ASCII, the
 * ideographic space as a space), then 。 to '.'; owned, or NULL when s is
 * not valid UTF-8 or holds a NUL.
 */
char	*normalize_nfkc(const char *s, size_t len);
/*
 * "fullwidth", "display_name", "mailto", "quotes", "trailing_punctuation",
 * "split", "spaces".
 */
const char *normalize_change_name(enum norm_change);

#endif
