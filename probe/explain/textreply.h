/*
 * textreply.h - one recipient's reply in a text bounce: where the remote
 * server's words start and end in a block of text, and what of them is the
 * reporting MTA's (textreply.c).
 */
#ifndef MXTRACE_EXPLAIN_TEXTREPLY_H
#define MXTRACE_EXPLAIN_TEXTREPLY_H

#include <stddef.h>

#include "explain/explain.h"
#include "explain/textfmt.h"

/*
 * Fill recipient x's reply from the text block b[0..n) (not
 * NUL-terminated) of format f: its text (owned by x, replacing any it
 * had, at most EXPLAIN_FIELD_MAX bytes before squeezing), its reply and
 * enhanced codes and the command it answered, read from the whole block,
 * and the remote MTA when x has none.  x->action becomes ACTION_FAILED.
 */
void	textreply_take(struct explain_rcpt *x, const char *b, size_t n,
	    const struct textfmt *f);

/*
 * Whether line p[0..n) is no part of a recipient's reply: a MIME boundary,
 * a header of the report's own parts, a rule, the first line of Exim's
 * pipe or file delivery, a reporting system's own closing words.
 */
int	textreply_ends(const char *p, size_t n);

/* A mail client's marks above a forwarded or quoted message; NULL-ended. */
extern const char *const textreply_forward_marks[];

/*
 * Whether a line of t[0..len) starts with one of textreply_forward_marks,
 * after blanks and the "> " of quoting: the text quotes a forwarded
 * message.
 */
int	textreply_quotes_forward(const char *t, size_t len);

#endif
