/*
 * dsn.h - the fields of an RFC 3464 message/delivery-status body: the
 * per-message group (Reporting-MTA) and one group per recipient
 * (Final-Recipient, Original-Recipient, Action, Status, Diagnostic-Code,
 * Remote-MTA, Last-Attempt-Date, Will-Retry-Until), tolerant of the usual
 * breakage (no blank line between groups, folded lines, CR LF or LF).
 */
#ifndef MXTRACE_EXPLAIN_DSN_H
#define MXTRACE_EXPLAIN_DSN_H

#include <stddef.h>

#include "explain/explain.h"

/*
 * Add the recipients of the delivery-status text s[0..len) to r (and set
 * r->reporting_mta if unset).  Returns the number of recipients added.
 * Bounded: EXPLAIN_FIELD_MAX per field, EXPLAIN_RCPTS_MAX recipients.
 */
size_t	dsn_parse(const char *s, size_t len, struct explain_result *r);

/* "smtp; 550 5.1.1 ..." into code, enhanced and the text after "smtp;". */
void	dsn_diagnostic(const char *v, size_t len, struct explain_rcpt *x);

#endif
