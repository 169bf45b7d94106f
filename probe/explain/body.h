/*
 * body.h - the human-readable text of a message: its text/plain parts
 * (outside any returned copy) in order, else its text/html parts as text,
 * decoded to UTF-8, at most EXPLAIN_TEXT_MAX bytes.
 */
#ifndef MXTRACE_EXPLAIN_BODY_H
#define MXTRACE_EXPLAIN_BODY_H

#include <stddef.h>

#include <gmime/gmime.h>

/* Owned, NUL-terminated (may hold NULs before *len); never NULL. */
char	*body_text(GMimeMessage *, size_t *len);

/* HTML as plain text: tags dropped, block ends and <br> as line breaks,
 * other white space as HTML renders it (a run is one blank, outside
 * <pre>), a few entities decoded.  Owned; *outlen set. */
char	*body_html_to_text(const char *s, size_t len, size_t *outlen);

#endif
