/*
 * read_autoreply.c - the reader of automatic replies (RFC 3834: out of
 * office, vacation): not a bounce, the message was delivered.  Bounces
 * carry "Auto-Submitted: auto-replied" too, so a message from a mailer
 * daemon or with a bounce subject is left to the bounce readers.
 *
 * Public: reader_auto_reply().
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/mime.h"
#include "explain/readers.h"
#include "explain/signs.h"

int
reader_auto_reply(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	struct explain_rcpt *x;
	char *from, *subj;

	(void)body;	/* its headers say it all */
	if (!signs_auto_reply(msg) || signs_bounce_sender(msg) ||
	    signs_bounce_subject(msg))
		return 0;
	r->kind = EXPLAIN_AUTO_REPLY;
	r->format = xstrdup("rfc3834");
	from = mime_header(GMIME_OBJECT(msg), "From");
	subj = mime_header(GMIME_OBJECT(msg), "Subject");
	if ((x = explain_rcpt_add(r)) != NULL) {
		x->address = from != NULL ?
		    explain_address(from, strlen(from)) :
		    NULL;
		x->action = ACTION_DELIVERED;
		x->text = subj;
		subj = NULL;
	}
	free(from);
	free(subj);
	return 1;
}
