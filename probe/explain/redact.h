/*
 * redact.h - a bounce's explanation made shareable (--redact): mailbox
 * addresses reduced to their "@domain", no subject.
 */
#ifndef MXTRACE_EXPLAIN_REDACT_H
#define MXTRACE_EXPLAIN_REDACT_H

#include "explain/explain.h"

/* Every local part before an '@' in s removed, in place ("<a.b@x.cn>"
 * becomes "<@x.cn>"); s may be NULL. */
void	redact_text(char *s);

/* The subject dropped, every address field, the servers' words and the
 * notes of r through redact_text(); call on a record explain_message()
 * made. */
void	redact_result(struct explain_result *r);

#endif
