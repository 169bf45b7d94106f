/*
 * read_delivered.h - what `mxtrace explain` tells the delivered-message
 * reader (read_delivered.c) before it reads, and reading a message as a
 * header block only (--headers-only).
 */
#ifndef MXTRACE_READ_DELIVERED_H
#define MXTRACE_READ_DELIVERED_H

#include <stdbool.h>

#include <gmime/gmime.h>

#include "explain/explain.h"

/*
 * The language of the texts, --redact (addresses reduced to their
 * domains, no subject) and --folder ("spam", "inbox" or NULL: where the
 * user found the message).  Once, before the first message.
 */
void	 reader_delivered_options(enum lang, bool redact, const char *folder);
/* The file the next messages come from, for the `mxtrace sender` hint. */
void	 reader_delivered_file(const char *path);
/*
 * --headers-only: explain msg as a delivered message whatever else it
 * looks like; text pasted as a body is read as the header block it is.
 * Fills r (zeroed by the call) as explain_message() fills a record.
 */
void	 reader_delivered_only(GMimeMessage *msg, struct explain_result *r);

#endif
