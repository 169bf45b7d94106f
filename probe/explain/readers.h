/*
 * readers.h - the readers explain.c tries in order, one file each.  A
 * reader returns 1 when the message is its kind and it filled r (the kind,
 * the format, the reporting MTA and the recipients with what the report
 * says), 0 when the message is not its kind (r untouched).  body is the
 * message's text (body.h), made once for all the readers: each borrows it
 * and reads the message itself through it (body->msg).
 */
#ifndef MXTRACE_EXPLAIN_READERS_H
#define MXTRACE_EXPLAIN_READERS_H

#include "explain/body.h"
#include "explain/explain.h"

int	reader_arf(struct body *, struct explain_result *);		/* read_arf.c */
int	reader_dsn(struct body *, struct explain_result *);		/* read_dsn.c */
int	reader_auto_reply(struct body *, struct explain_result *);	/* read_autoreply.c */
int	reader_ses(struct body *, struct explain_result *);		/* read_ses.c */
int	reader_zh_notice(struct body *, struct explain_result *);	/* read_zhnotice.c */
int	reader_text(struct body *, struct explain_result *);		/* read_text.c */
int	reader_delivered(struct body *, struct explain_result *);	/* read_delivered.c */
/* the same for a copy a forward attaches: its sender hint names no file */
int	reader_delivered_attached(struct body *, struct explain_result *);

/*
 * The recipients a bounce's text names, with their replies, whether or not
 * the message looks like a bounce (read_text.c; the DSN reader fills its
 * gaps with it).  Returns how many were added to r.
 */
size_t	text_recipients(struct body *body, struct explain_result *r);

#endif
