/*
 * signs.h - signs in a message's headers that it is a bounce (the sender is
 * a mailer daemon, the subject says delivery failed) or an auto-reply
 * (RFC 3834 Auto-Submitted, the usual X- headers, "Out of Office").
 */
#ifndef MXTRACE_EXPLAIN_SIGNS_H
#define MXTRACE_EXPLAIN_SIGNS_H

#include <gmime/gmime.h>

int	signs_bounce_sender(GMimeMessage *);
int	signs_bounce_subject(GMimeMessage *);
int	signs_auto_reply(GMimeMessage *);
/* Whether a From and a Subject as written (either NULL) are a bounce's. */
int	signs_bounce_words(const char *from, const char *subject);

#endif
