/*
 * readers.h - the readers explain.c tries in order, one file each.  A
 * reader returns 1 when the message is its kind and it filled r (the kind,
 * the format, the reporting MTA and the recipients with what the report
 * says), 0 when the message is not its kind (r untouched).
 */
#ifndef MXTRACE_EXPLAIN_READERS_H
#define MXTRACE_EXPLAIN_READERS_H

#include <gmime/gmime.h>

#include "base/memfind.h"
#include "explain/explain.h"

int	reader_arf(GMimeMessage *, struct explain_result *);		/* read_arf.c */
int	reader_dsn(GMimeMessage *, struct explain_result *);		/* read_dsn.c */
int	reader_auto_reply(GMimeMessage *, struct explain_result *);	/* read_autoreply.c */
int	reader_ses(GMimeMessage *, struct explain_result *);		/* read_ses.c */
int	reader_zh_notice(GMimeMessage *, struct explain_result *);	/* read_zhnotice.c */
int	reader_text(GMimeMessage *, struct explain_result *);		/* read_text.c */
int	reader_delivered(GMimeMessage *, struct explain_result *);	/* read_delivered.c */

/*
 * The recipients a bounce's text names, with their replies, whether or not
 * the message looks like a bounce (read_text.c; the DSN reader fills its
 * gaps with it).  body[0..len) is msg's body_text(), lowered its copy
 * (extract_lower) prepared with memfind_prepare: the caller's, which may
 * search it too.  Returns how many were added to r.
 */
size_t	text_recipients(GMimeMessage *msg, const char *body, size_t len,
	    const struct memfind_text *lowered, struct explain_result *r);

#endif
