/*
 * escape.h - text from a server or an input file, made safe for where it
 * goes.  Each returns an owned, NUL-terminated string.
 */
#ifndef MXTRACE_ESCAPE_H
#define MXTRACE_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/* Valid UTF-8 for JSON: each invalid byte becomes U+FFFD; NUL and controls
 * are kept (jansson escapes them).  *outlen gets the length (may hold NULs). */
char	*esc_utf8(const char *s, size_t len, size_t *outlen);
/* For a terminal: controls, DEL, NUL, bidi overrides, U+2028/2029 and
 * invalid UTF-8 as \xNN, CR as \r, LF as \n, backslash as \\; valid
 * printable UTF-8 kept. */
char	*esc_terminal(const char *s, size_t len);
/* For a terminal, words mxtrace wrote that quote bytes already escaped
 * where they were quoted (an error quoting a server's stray data as
 * "250 ok\r\n"): as esc_terminal, but a backslash kept, so the quote's
 * own escapes are not escaped a second time. */
char	*esc_terminal_quoting(const char *s, size_t len);
/* For HTML text and attribute values: & < > " ' escaped, controls dropped
 * except \n and \t, bidi overrides dropped, U+2028/2029 (line breaks of
 * the input's making, line ends in JavaScript) as a space, invalid UTF-8
 * as U+FFFD. */
char	*esc_html(const char *s, size_t len);
/* For a CSV cell: NUL, controls other than TAB and LF, DEL, C1, bidi
 * overrides, U+2028/2029 and invalid UTF-8 as \xNN (CR as \r); then a cell a
 * spreadsheet would run as a formula (starts with = + - @ TAB) is prefixed
 * with a single quote.  Quoting is libcsv's job. */
char	*esc_csv(const char *s, size_t len);
/* A cell a spreadsheet would read as a date or number (5.1.1, 0086...) as
 * ="..." so it stays text; NULL when the cell needs nothing. */
char	*esc_csv_text(const char *s, size_t len);

/* For the inside of a double-quoted CSS string (content:"..."): letters,
 * digits, space and non-ASCII UTF-8 kept, every other character as a
 * six-digit \HHHHHH escape, controls and bidi overrides dropped, U+2028/2029
 * as a space, invalid UTF-8 as U+FFFD. */
char	*esc_css_string(const char *s, size_t len);

/* One word of a shell command a person copies (a file name): as it is
 * when it holds only letters, digits and @%+=:,./_-, else in single quotes
 * (a ' as '\''); controls are kept for the output's own escaping. */
char	*esc_shell(const char *s);

#endif
