/*
 * original.h - the original message a report is about: its Subject, From,
 * To, Date and Message-ID, from the returned message/rfc822 part, a
 * text/rfc822-headers part (RFC 6522), or a header block quoted in text.
 */
#ifndef MXTRACE_EXPLAIN_ORIGINAL_H
#define MXTRACE_EXPLAIN_ORIGINAL_H

#include <stddef.h>

#include <gmime/gmime.h>

#include "explain/explain.h"

/*
 * The part of msg below its top that quotes a message (message/rfc822,
 * message/global, text/rfc822-headers and their kin): a report's returned
 * copy, else NULL; owned by msg.
 */
GMimeObject *original_part(GMimeMessage *msg);
/* Fill o from the first returned copy in msg; 1 when one was found. */
int	original_find(GMimeMessage *msg, struct explain_original *o);
/*
 * Fill o from a header block quoted in text (after `Received:` etc.); 1 if
 * found.
 */
int	original_from_text(const char *text, size_t len, struct explain_original *o);
/*
 * Fill o from a Chinese mail client's header block quoted anywhere in text
 * ("发件人: ..." then "发送时间: ..."), for a text with no copy mark; 1 if
 * found.
 */
int	original_from_client(const char *text, size_t len,
	    struct explain_original *o);
/*
 * Fill o from the header block a Chinese mail client wrote above a bounce
 * it forwards (its sender or subject a bounce's); 1 if found.  Its From
 * and To are the bounce's own: the daemon and the person it went back to.
 */
int	original_bounce_head(const char *text, size_t len,
	    struct explain_original *o);
/*
 * Fill o's empty Subject, To and Date from the block a Chinese provider's
 * notice writes about the message it returns (s[0..len): from its label,
 * "被退回邮件" or "原邮件信息", to the reason); 1 if it gave any.
 */
int	original_from_notice(const char *s, size_t len,
	    struct explain_original *o);
/* The domain of the original From (owned), NULL when unknown. */
char	*original_sender_domain(const struct explain_original *o);
void	original_free(struct explain_original *o);

#endif
