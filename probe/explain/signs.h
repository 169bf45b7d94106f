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

#endif
