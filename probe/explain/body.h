/*
 * body.h - the human-readable text of a message: its text/plain parts
 * (outside any returned copy) in order, else its text/html parts as text,
 * decoded to UTF-8, at most EXPLAIN_TEXT_MAX bytes; made once per message
 * for every reader, with its lowered copy prepared for many searches.
 */
#ifndef MXTRACE_EXPLAIN_BODY_H
#define MXTRACE_EXPLAIN_BODY_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "base/memfind.h"

/*
 * One message's text as the readers read it: explain.c owns one per
 * message it reads (body_init, body_free) and the readers borrow it.  Each
 * form is made the first time a reader asks for it and kept: a feedback
 * report never needs the text, a DSN whose fields say everything never
 * its lowered copy.
 */
struct body {
	GMimeMessage		*msg;		/* borrowed */
	char			*text;		/* owned; NULL until asked */
	size_t			 len;
	int			 cut;		/* text past EXPLAIN_TEXT_MAX not read */
	char			*lowered;	/* owned; NULL until asked */
	struct memfind_text	 mt;		/* over lowered */
};

void	body_init(struct body *, GMimeMessage *);
void	body_free(struct body *);

/* The text, NUL-terminated (may hold NULs before *len); never NULL. */
const char *body_text(struct body *, size_t *len);

/* The text with ASCII letters lowered (extract_lower), prepared with
 * memfind_prepare; its offsets are the text's. */
const struct memfind_text *body_lowered(struct body *);

/* HTML as plain text: tags dropped, block ends and <br> as line breaks,
 * other white space as HTML renders it (a run is one blank, outside
 * <pre>), a few entities decoded.  Owned; *outlen set. */
char	*body_html_to_text(const char *s, size_t len, size_t *outlen);

#endif
