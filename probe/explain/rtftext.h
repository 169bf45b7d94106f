/*
 * rtftext.h - an RTF body (what PR_RTF_COMPRESSED holds) as the text or
 * HTML it carries: HTML or plain text encapsulated by Outlook
 * (MS-OXRTFEX: \fromhtml1, \fromtext) taken out as it was, any other RTF
 * read as text (paragraphs, tabs, \'hh bytes in the declared code page,
 * \uN characters).
 */
#ifndef MXTRACE_EXPLAIN_RTFTEXT_H
#define MXTRACE_EXPLAIN_RTFTEXT_H

#include <stddef.h>

enum rtftext_kind {
	RTFTEXT_PLAIN,		/* RTF of its own, read as text */
	RTFTEXT_TEXT,		/* \fromtext: the plain text it was made from */
	RTFTEXT_HTML,		/* \fromhtml1: the HTML it was made from */
};

/*
 * The text of the RTF rtf[0..n) in UTF-8 (owned, NUL-terminated, at most
 * max bytes, *outlen and *kind set; for RTFTEXT_HTML it is HTML), or NULL
 * when rtf is no RTF (it does not start "{\rtf").
 */
char	*rtftext_convert(const char *rtf, size_t n, size_t max,
	    enum rtftext_kind *kind, size_t *outlen);

#endif
