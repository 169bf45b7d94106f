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
 * What an input that holds no message is: FILEKIND_TEXT is read (text or
 * a message); each other kind is refused, and each command says what to
 * give instead in its own words (explain: the bounce; sender --message:
 * the message we sent).
 */
enum filekind {
	FILEKIND_TEXT,
	FILEKIND_OFFICE,	/* a Word, Excel or PowerPoint file, not an Outlook .msg */
	FILEKIND_PDF,
	FILEKIND_ZIP,		/* a ZIP archive or an Office document (.docx, .xlsx) */
	FILEKIND_IMAGE,
	FILEKIND_BINARY,	/* other binary data */
	FILEKIND_OWN_JSON,	/* mxtrace's own JSON output given back to it */
	FILEKIND_MSG_DAMAGED,	/* an Outlook .msg that cannot be read */
	FILEKIND_MSG_HUGE,	/* an Outlook .msg beyond MSGFILE_SIZE_MAX */
	FILEKIND_TEXT_HUGE,	/* text beyond EXPLAIN_STDIN_MAX */
	FILEKIND_EMPTY,
};

/*
 * The kind of an input that does not start like a message, by its first bytes
 * b[0..n).
 */
enum filekind	 filekind_foreign(const char *b, size_t n);
/*
 * What a command asks for instead of a file that holds no message, one
 * printf format for each class of kind: "%s" the input's name, then "%s"
 * what it is (the same words for every command).  save: a file of
 * another program (Office, PDF, ZIP, image, binary).
 */
struct filekind_todo {
	const char	*save;
	const char	*own_json;
	const char	*msg_damaged;
	const char	*msg_huge;	/* beyond MSGFILE_SIZE_MAX */
	const char	*text_huge;	/* beyond EXPLAIN_STDIN_MAX */
};

/* explain's: the bounce's text. */
extern const struct filekind_todo filekind_todo_bounce;

/*
 * The sentence for an input of kind k (not FILEKIND_TEXT) named name:
 * what it is, then todo's words for what to give instead (the catalogue
 * has each part in zh); cause: what a damaged .msg met.  Owned.
 */
char		*filekind_error(const char *name, enum filekind k,
		    const char *cause, const struct filekind_todo *todo);
/* explain's sentence: filekind_error with filekind_todo_bounce.  Owned. */
char		*filekind_bounce_error(const char *name, enum filekind k,
		    const char *cause);

/*
 * Whether the first bytes b[0..n) have most lines ending in "\r\r\n" (a
 * CRLF file saved again on Windows): GMime finds no header block or MIME
 * boundary in them until filekind_text() has made them "\r\n".
 */
int		 filekind_crcrlf(const char *b, size_t n);

/*
 * Pasted or saved text as UTF-8: a byte-order mark dropped, UTF-16 (with a
 * mark) converted, each line's run of CRs made one, a no-break space
 * (U+00A0, a web page's blank) made a space in text that is UTF-8.  Owned, NUL-terminated,
 * *outlen set. *html is set when the text is an HTML page; then *charset
 * (owned, or NULL) is the charset its <meta> declares, letters, digits, '-' and
 * '_' only.
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
