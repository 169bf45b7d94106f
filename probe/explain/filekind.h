/*
 * filekind.h - what an input that is not a message is: a file of another
 * program (a Word or Excel file, a PDF, an Office document, an image,
 * other binary data; an Outlook .msg is read: msgfile.h), refused with a
 * sentence saying how to get the bounce's text, or text as a user saves
 * or pastes it (a byte-order mark, UTF-16 from Notepad, a page saved from
 * a webmail) made readable.
 */
#ifndef MXTRACE_EXPLAIN_FILEKIND_H
#define MXTRACE_EXPLAIN_FILEKIND_H

#include <stddef.h>

/*
 * Whether the first bytes b[0..n) are a compound file's signature (MS-CFB):
 * an Outlook .msg (msgfile.h reads it) or an Office 97-2003 document.
 */
int		 filekind_is_ole2(const char *b, size_t n);

/*
 * The first bytes b[0..n) of an input that does not start like a message:
 * NULL when they are text, else what that kind of file is and how to get
 * the bounce's text instead, to be said after the input's name and ": "
 * (the catalogue has the sentence in zh).
 */
const char	*filekind_foreign(const char *b, size_t n);
/*
 * The end of each of filekind_foreign's sentences: how to get a bounce's
 * text.  `sender --message` says its own (the message we sent) instead.
 */
extern const char filekind_advice[];

/*
 * Whether the first bytes b[0..n) have most lines ending in "\r\r\n" (a
 * CRLF file saved again on Windows): GMime finds no header block or MIME
 * boundary in them until filekind_text() has made them "\r\n".
 */
int		 filekind_crcrlf(const char *b, size_t n);

/*
 * Pasted or saved text as UTF-8: a byte-order mark dropped, UTF-16 (with a
 * mark) converted, each line's run of CRs made one.  Owned, NUL-terminated, *outlen set.  *html is set when
 * the text is an HTML page; then *charset (owned, or NULL) is the charset
 * its <meta> declares, letters, digits, '-' and '_' only.
 */
char		*filekind_text(const char *b, size_t n, size_t *outlen,
		    int *html, char **charset);

/*
 * UTF-16 (order 'l' little endian, 'b' big endian) b[0..n) as UTF-8:
 * unpaired surrogates become U+FFFD, NULs are dropped.  Owned,
 * NUL-terminated, *outlen set.
 */
char		*filekind_from_utf16(const unsigned char *b, size_t n, int order,
		    size_t *outlen);

#endif
