/*
 * textfmt.h - the formats of bounces without a delivery-status part, as a
 * table (textfmt.c): how each reporting system is recognised (words its
 * bounces are documented to contain), which lines name a recipient and
 * where the returned copy of the original starts.
 */
#ifndef MXTRACE_EXPLAIN_TEXTFMT_H
#define MXTRACE_EXPLAIN_TEXTFMT_H

#include <stddef.h>

#include "base/memfind.h"

struct textfmt {
	const char		*name;		/* "qmail", "exim", ... (JSON "format") */
	const char *const	*body_cues;	/* any one in the body recognises it */
	const char *const	*rcpt_prefixes;	/* the address follows one of these */
	const char *const	*copy_marks;	/* the returned copy starts here */
	int			 flags;		/* TF_* */
	const char *const	*reply_after;	/* the reply starts after these */
	const char *const	*reply_end;	/* the reply ends before these */
};

/*
 * Sendmail's result lines: "554 <a@b>... reason" names a recipient, and
 * the transcript above it ("While talking to ...: >>> RCPT ... <<< 550
 * ...") since the previous result line is its reply.
 */
#define TF_RESULT_LINES	0x1
/*
 * The reason is written apart from the address (above it, or after blank
 * lines): every recipient's reply is the whole text before the copy.
 */
#define TF_WHOLE_REPLY	0x2

/*
 * Only a line with one of the recipient prefixes names a recipient (the
 * notice quotes other addresses at the start of lines: the list's
 * command address).
 */
#define TF_PREFIX_ONLY	0x4

/*
 * The list of recipients is followed by the session's transcript, in
 * which each refused recipient has a result line ("550 5.1.1 <a@b>...
 * reason", Sendmail 8): a listed recipient whose own lines name no
 * command takes the one named before its result line.
 */
#define TF_TRANSCRIPT	0x8

/*
 * The reason stands before the address on the recipient's line ("Unknown
 * user: a", IMail): the reply is the whole line, not what follows the
 * address.
 */
#define TF_REASON_FIRST	0x10

/*
 * The notice's own words fill its text and quote no server: a recipient's
 * reply is only what a reply code, an enhanced code or a reason heading
 * opens, none when nothing does (the server's reply, if any, is in the
 * report's delivery-status part).
 */
#define TF_NOTICE_ONLY	0x20

/* Marks every format's copy may start with. */
extern const char *const textfmt_copy_marks[];
/* Headings a reason without a reply code follows, in any format. */
extern const char *const textfmt_reason_heads[];

/*
 * The format of a message whose body, lowered (extract_lower) and
 * prepared for many searches, is l; textfmt_none() when no rule matches.
 */
const struct textfmt *textfmt_pick(const struct memfind_text *l);
/*
 * The first format named name (a system's own header named it); else
 * textfmt_none().
 */
const struct textfmt *textfmt_named(const char *name);
/* The i-th format of the table (its names repeat), NULL past the end. */
const struct textfmt *textfmt_at(size_t i);
/* The generic format: recipient lines only, no cues. */
const struct textfmt *textfmt_none(void);

#endif
