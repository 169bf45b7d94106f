/*
 * complaint.h - what a feedback report (ARF, RFC 5965) says in words, by
 * its Feedback-Type: a spam complaint, an unsubscribe request (opt-out),
 * an authentication failure report (RFC 6591), a "not spam" mark.  Every
 * recipient's explanation and advice go through complaint_words(): a
 * bounce's are the catalogue's for its reason.
 */
#ifndef MXTRACE_COMPLAINT_H
#define MXTRACE_COMPLAINT_H

#include "explain/explain.h"

/* The Feedback-Type's registered name (lower case) when it is one this
 * module words, else NULL. */
const char	*complaint_type(const char *feedback_type);

/* The result's kind in words: a complaint's own by its type. */
const char	*complaint_kind_label(enum lang, const struct explain_result *);

/* The meaning of a complaint of this type in words, NULL when the type is
 * not one complaint_type() knows. */
const char	*complaint_meaning(enum lang, const char *feedback_type);

/* The domain `mxtrace sender DOMAIN` names: the original's From's, else a
 * complaint's envelope sender's (a redacted copy often has no From); owned
 * or NULL. */
char		*complaint_our_domain(const struct explain_result *);

/*
 * Recipient x of r for the person who received the report: what happened
 * (*why) and what to do (*todo), both owned.  our_domain names
 * `mxtrace sender DOMAIN` (NULL: the catalogue's placeholder).
 */
void		 complaint_words(enum lang, const struct explain_result *r,
		    const struct explain_rcpt *x, const char *our_domain,
		    char **why, char **todo);

#endif
