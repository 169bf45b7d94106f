/*
 * reply.h - SMTP reply parser (RFC 5321 4.2) and EHLO capability parser.
 * Pure functions over bytes: no sockets, no allocation beyond the reply's
 * own text.  Raw bytes (NUL, bare CR, invalid UTF-8) survive; escaping is
 * the job of the output modules.
 */
#ifndef MXTRACE_REPLY_H
#define MXTRACE_REPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/limits.h"

/* Anomalies recorded on a reply; none of them stops the parse. */
#define REPLY_A_BARE_LF		0x01	/* a line ended in LF without CR */
#define REPLY_A_NONPRINT	0x02	/* control bytes or NUL in the text */
#define REPLY_A_BAD_UTF8	0x04	/* bytes that are not valid UTF-8 */
#define REPLY_A_BAD_ENHANCED	0x08	/* malformed enhanced code, or of another class: ignored */
#define REPLY_A_NO_SEPARATOR	0x10	/* "250" alone on its line */
#define REPLY_A_GB18030		0x20	/* text that was Chinese in GB18030, now UTF-8 */

struct reply {
	int	 code;			/* 200..559, [2-5][0-5][0-9] */
	char	 enhanced[ENHANCED_MAX];	/* "5.1.1", or "" when absent or ignored */
	char	*text;			/* owned: text of all lines after the code
					 * (and after the enhanced code when one was
					 * split out), joined by '\n';
					 * NUL-terminated but may hold NULs:
					 * use textlen */
	size_t	 textlen;
	int	 nlines;
	unsigned anomalies;		/* REPLY_A_* */
};

enum reply_status {
	REPLY_MORE,	/* line accepted, the reply continues */
	REPLY_DONE,	/* the reply is complete and moved into *out */
	REPLY_ERROR,	/* protocol error; *err says what; parser must be reset */
};

/* Accumulates the lines of one reply under the bounds in limits.h. */
struct reply_parser {
	int	 code;		/* code of the first line, 0 before it */
	int	 nlines;
	size_t	 bytes;
	unsigned anomalies;
	char	 enhanced[ENHANCED_MAX];
	char	*text;		/* owned, grows to at most REPLY_BYTES_MAX */
	size_t	 textlen;
};

void	reply_parser_init(struct reply_parser *);
/* Drop a partial reply (after an error or when the connection is reset). */
void	reply_parser_reset(struct reply_parser *);

/*
 * Feed one line, without its line ending (the caller strips CRLF, or a
 * bare LF and sets bare_lf).  On REPLY_DONE the parser is ready for the
 * next reply and *out owns the text (free with reply_free).  Errors: code
 * not [2-5][0-5][0-9], code followed by neither SP nor '-', a bare CR in
 * the line, code changing between lines, a line longer than
 * REPLY_LINE_MAX, more than REPLY_LINES_MAX lines, more than
 * REPLY_BYTES_MAX bytes.
 */
enum reply_status reply_parser_feed(struct reply_parser *, const char *line,
	    size_t len, bool bare_lf, struct reply *out, const char **err);

void	reply_free(struct reply *);
/* Deep copy (for keeping a decisive reply while the transcript moves on). */
void	reply_copy(struct reply *dst, const struct reply *src);

/*
 * Split an RFC 3463 enhanced status code off the start of text when it is
 * well-formed (class 2/4/5, subject and detail of 1-3 digits, followed by
 * space or end) and of the same class as code.  Returns the number of bytes
 * consumed (code plus following spaces), 0 when there is none.
 */
size_t	reply_split_enhanced(int code, const char *text, size_t len,
	    char out[ENHANCED_MAX]);

/* What an EHLO reply advertises; parsed case-insensitively. */
struct ehlo_caps {
	bool	 starttls;
	bool	 pipelining;
	bool	 smtputf8;
	bool	 eightbitmime;
	bool	 enhancedstatuscodes;
	unsigned long long size;	/* 0 when absent */
};
void	ehlo_parse_caps(const struct reply *, struct ehlo_caps *);

#endif
