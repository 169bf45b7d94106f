/*
 * termcs.h - human text in the terminal's charset.  mxtrace makes every
 * text in UTF-8; a terminal whose locale says another charset (zh_CN.GBK
 * or zh_CN.GB18030 from a Chinese Windows, Big5, ISO-8859-x) gets its
 * human text converted on the way out, in one place: the streams stderr
 * and stdout themselves.  Machine formats (JSON, JSON Lines, CSV, HTML)
 * stay UTF-8 whatever the locale.
 */
#ifndef MXTRACE_TERMCS_H
#define MXTRACE_TERMCS_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Read the locale's charset (LC_ALL, LC_CTYPE, LANG) once, at the start of
 * main.  When it is neither UTF-8 nor ASCII (the C locale of a box with no
 * locale set, where UTF-8 is kept as it always was), stderr converts from
 * here on and stdout is made ready to: it passes its bytes unchanged until
 * termcs_text says it carries human text.  The program itself keeps the C
 * locale.  Never fails: a charset iconv cannot write leaves UTF-8.
 */
void	termcs_init(void);
/*
 * f (stdout) carries human text from here on: a trace, an explanation, a
 * checklist, a --help.  Called by a command once it knows it writes no
 * machine format there; nothing for any other stream, or when no
 * conversion is needed.
 */
void	termcs_text(FILE *f);
/* The descriptor f writes to (a converting stream has none of its own). */
int	termcs_fileno(FILE *f);
/*
 * The bytes f would write to its descriptor for the UTF-8 text s: s in
 * the terminal's charset when f converts, else s itself; *lenp their
 * length.  For text written later without stdio (a signal handler's
 * write(2)).  Owned.
 */
char	*termcs_bytes(FILE *f, const char *s, size_t *lenp);

/*
 * The converter under the streams, apart for its test.  UTF-8 comes in
 * any pieces (a character may be cut between two), the charset's bytes go
 * to sink; a character the charset lacks is shown as one '?' per column
 * it takes (wrap.h), so the layout stays as computed, and so is a byte
 * that is no UTF-8.
 */
typedef int (*termcs_sink)(void *arg, const char *buf, size_t len);

struct termcs_conv {
	iconv_t		 cd;
	char		 cut[4];	/* a character's head, its rest to come */
	size_t		 ncut;
	termcs_sink	 sink;
	void		*arg;
};

/* -1 when iconv cannot convert UTF-8 to charset. */
int	termcs_conv_open(struct termcs_conv *, const char *charset,
	    termcs_sink, void *arg);
/* len bytes of UTF-8 at buf, converted to the sink; -1 when it fails. */
int	termcs_conv_put(struct termcs_conv *, const char *buf, size_t len);
/* The end of the text so far: a cut character shown as '?', the
 * charset's shift state ended; -1 when the sink fails.  The converter
 * stays open for more. */
int	termcs_conv_end(struct termcs_conv *);
/* termcs_conv_end, then the converter closed. */
int	termcs_conv_close(struct termcs_conv *);
/* Whether text for a charset (a locale's CODESET) must be converted:
 * false for UTF-8 and for ASCII (ANSI_X3.4-1968). */
bool	termcs_converts(const char *charset);

#endif
