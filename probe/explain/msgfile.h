/*
 * msgfile.h - an Outlook .msg file (MS-OXMSG: a Compound File Binary of
 * MAPI properties, read with libgsf) made into the RFC 5322 message it
 * stands for, so explain reads it as it reads any .eml: its transport
 * headers (or headers made from its properties), its body (plain, or HTML
 * for explain's HTML-to-text step, or what its compressed RTF holds), for
 * a report (REPORT.IPM.Note.NDR, .DR, .Delayed.DR...) a
 * message/delivery-status part made from its recipient table (address,
 * PR_SUPPLEMENTARY_INFO, PR_NDR_STATUS_CODE), and the attached original
 * (an embedded message, an .eml, a text file).
 */
#ifndef MXTRACE_EXPLAIN_MSGFILE_H
#define MXTRACE_EXPLAIN_MSGFILE_H

#include <stddef.h>

enum msgfile_status {
	MSGFILE_OK,		/* *out is the message */
	MSGFILE_NOT_MESSAGE,	/* a compound file with no message in it (.doc, .xls) */
	MSGFILE_DAMAGED,	/* a compound file that cannot be read: *why says why */
};

/*
 * The whole file b[0..n) (at most MSGFILE_SIZE_MAX bytes) as a message:
 * MSGFILE_OK with *out (owned, NUL-terminated) and *outlen set; else *out
 * is NULL, and for MSGFILE_DAMAGED *why (owned) says what is wrong.
 */
enum msgfile_status msgfile_to_mime(const char *b, size_t n, char **out,
	    size_t *outlen, char **why);

#endif
