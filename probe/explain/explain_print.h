/*
 * explain_print.h - an explain result for a person at a terminal: what
 * the message is, the original, and per recipient the server's words
 * (quoted, control characters escaped), the meaning, whose side it is and
 * what to do, in the chosen language.
 */
#ifndef MXTRACE_EXPLAIN_PRINT_H
#define MXTRACE_EXPLAIN_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/wrap.h"
#include "explain/explain.h"
#include "meaning/catalog.h"

/* The terminal is asked for its width once per call: the printers below
 * and the result's print_extra lay the page out with that answer. */
void	explain_print(FILE *, const struct explain_result *, const char *file,
	    size_t index, enum lang);

/* A label padded to the column of the values (CJK counts two columns);
 * returns that column, where the label's value starts. */
size_t	explain_put_label(FILE *, int indent, const char *label);
/* Text from the input, escaped for the terminal. */
void	explain_put_esc(FILE *, const char *s);
/* A labelled sentence (nothing when value is empty), wrapped under the
 * column of the values. */
void	explain_put_sentence(FILE *, const struct wrap_out *, enum lang,
	    const char *key, const char *value);
/*
 * piece (escaped already) on the current line after sep when it fits in
 * the layout's width (WRAP_COLS, or a narrower terminal's), else
 * whole on the next line, indented by indent.  *col
 * is the column the line has reached (indent or less: nothing written).
 */
void	explain_put_piece(FILE *, const struct wrap_out *, size_t *col,
	    size_t indent, const char *sep, const char *piece);
/* The "Meaning" line: the verdict and the reason, in words (a delay's
 * with delay_reason, REASON__LAST for none); undelivered:
 * a bounce's recipient the message did not reach (a temporary verdict
 * then says not delivered, not "Temporary failure"); wording (may be
 * NULL): classify_wording()'s, whose "meaning" label, when it has one,
 * is the whole line. */
void	explain_put_meaning(FILE *, const struct wrap_out *, enum verdict,
	    enum reason, enum reason delay_reason, bool undelivered,
	    const char *wording, enum lang);

#endif
