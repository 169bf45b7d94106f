/*
 * rawhdr.h - a message's own header block (the fields before the first
 * blank line) split into fields as GMime's parser splits one, for the
 * blocks simple enough that the split is certain: every line a field
 * ("name:" with a name of printable ASCII, no blank before the colon) or
 * its folded continuation, no NUL byte.  Lets hdrstream.c keep a
 * message's fields from GMime (one object per field) and mime.c answer
 * for them.
 */
#ifndef MXTRACE_EXPLAIN_RAWHDR_H
#define MXTRACE_EXPLAIN_RAWHDR_H

#include <stddef.h>

struct rawhdr_field {
	const char	*name;		/* NUL-terminated, as in the block */
	const char	*value;		/* raw: after the colon, folds and the
					   last line break kept, NUL-terminated */
};

struct rawhdr {
	size_t			 n;
	struct rawhdr_field	*f;
	char			*buf;	/* the strings */
};

/*
 * Split block (len bytes, the blank line that ends it left out) into its
 * fields.  Returns NULL when the block is not one of the simple ones (the
 * caller leaves it to GMime).  Fields whose name starts with "Content-"
 * (case aside: the ones GMime gives the message's top-level part) are
 * left out of the result and their spans, in order, put in keep[0..*nkeep)
 * as offsets and lengths into block (keep holds RAWHDR_KEEP_MAX; a block
 * with more is not a simple one).
 */
#define RAWHDR_KEEP_MAX	32
struct rawhdr_span {
	size_t	off;
	size_t	len;
};
struct rawhdr	*rawhdr_split(const char *block, size_t len,
		    struct rawhdr_span *keep, size_t *nkeep);

/* The raw value of the first field named name (ASCII case aside), or NULL. */
const char	*rawhdr_get(const struct rawhdr *, const char *name);

void		 rawhdr_free(struct rawhdr *);

#endif
