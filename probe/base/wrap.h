/*
 * wrap.h - text for a terminal of WRAP_COLS columns: how many columns a
 * text takes (a wide, CJK, character two) and a sentence written from a
 * column and wrapped between words or between Chinese characters.
 */
#ifndef MXTRACE_WRAP_H
#define MXTRACE_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define WRAP_COLS	80	/* a terminal's width */
#define WRAP_MIN_COLS	40	/* the narrowest a layout is made for */

/* The columns s[0..len) takes; a byte that is no UTF-8 counts one. */
size_t	wrap_span_cols(const char *s, size_t len);
/* The columns the string s takes. */
size_t	wrap_cols(const char *s);
/* The bytes of s's longest head (whole characters) within cols columns. */
size_t	wrap_fit(const char *s, size_t cols);
/*
 * s (already fit for the terminal: a label of the catalogue, an escaped
 * name) and then spaces up to cols columns, a wide character counted two:
 * a column of labels lines up in Chinese as in English.  Nothing is added
 * when s is wider.  Returns the columns written.
 */
size_t	wrap_pad(FILE *, const char *s, size_t cols);
/*
 * text (from the input or the catalogue), escaped for the terminal
 * (esc_terminal), written from column col and wrapped at WRAP_COLS, or at
 * the width of a narrower terminal f writes to (wrap_layout_cols): a line
 * ends after a space or beside a wide character, never before a closing
 * mark (，。）) nor after an opening one (（“), never inside a Chinese
 * word kept whole (wrap_keeps_whole), never inside an ASCII word
 * (a host name, a URL: one wider than the line is cut, on a terminal
 * only, after a dot or a slash, else at the edge), and never
 * leaving the last word (or Chinese character) alone on the last line when
 * the one before can go with it (the line keeping half its room).  Each
 * further line is indented by indent spaces.  No newline at the end.
 */
void	wrap_put(FILE *, const char *text, size_t col, size_t indent);
/*
 * Whether a line never ends inside word (a Chinese term such as "记录" or
 * "反向解析", which wrap_put keeps whole, or an ASCII word).
 */
bool	wrap_keeps_whole(const char *word);
/* wrap_put on a terminal width columns wide. */
void	wrap_put_width(FILE *, const char *text, size_t col, size_t indent,
	    size_t width);
/*
 * How text is laid out for the FILE it goes to, worked out once for a
 * piece of output (explain's page, a step of the trace) and handed down,
 * not asked again for each line of it.
 */
struct wrap_out {
	size_t	width;	/* wrap_layout_cols */
	bool	term;	/* a terminal: a word wider than a line is cut */
};

/* The layout for f now (wrap_layout_cols and whether f is a terminal). */
struct wrap_out	wrap_out_of(FILE *);

/* When wrap_put_value wraps a text rather than write it whole on its
 * line, as it came (a server's reply, a value someone may copy). */
enum wrap_when {
	WRAP_ALWAYS,	/* everywhere: into a file or a pipe at WRAP_COLS */
	WRAP_ON_TERM,	/* on a terminal, whatever its width */
	WRAP_ON_NARROW,	/* on a terminal narrower than WRAP_COLS (a phone's) */
};

/*
 * The len bytes at s (NULL: nothing; a NUL in them, as in a server's
 * reply line, is escaped like any control character, not the end),
 * escaped for the terminal (esc_terminal), from column col laid out for
 * o: wrapped as wrap_put wraps, a further line indented by indent, when
 * `when` says so, else whole on the line.  Returns the column it ends at.
 */
size_t	wrap_put_value(FILE *, const struct wrap_out *o, enum wrap_when when,
	    const char *s, size_t len, size_t col, size_t indent);
/* Words mxtrace wrote (an error) that may quote bytes already escaped
 * where they were quoted, laid out as wrap_put_value lays out but escaped
 * by esc_terminal_quoting: "\r\n" in a quote is not shown as "\\r\\n". */
size_t	wrap_put_quoting(FILE *, const struct wrap_out *o, enum wrap_when when,
	    const char *s, size_t col, size_t indent);
/* e, already escaped (esc_terminal), wrapped for o as wrap_put_value
 * wraps; returns the column its last line ends at. */
size_t	wrap_put_escaped(FILE *, const struct wrap_out *o, const char *e,
	    size_t col, size_t indent);
/* The columns the first word of s[0..len) takes once escaped
 * (esc_terminal): up to its first blank. */
size_t	wrap_first_word_cols(const char *s, size_t len);
/*
 * The columns of the terminal f writes to, asked each time (it may have
 * been resized); WRAP_COLS when it does not say; 0 when f is no terminal
 * (a file, a pipe: a line there is kept whole for whoever reads it).
 */
size_t	wrap_term_cols(FILE *f);
/*
 * The width to lay text out in for f: its terminal's, within
 * WRAP_MIN_COLS and WRAP_COLS (a phone's SSH app shows 40 to 60 columns);
 * WRAP_COLS when f is no terminal, so a file or a pipe gets the same
 * layout whatever terminal the command ran from.
 */
size_t	wrap_layout_cols(FILE *f);

#endif
