/*
 * encoding.h - the character encoding of an input list: found from a
 * byte-order mark, from the bytes being valid UTF-8, else by uchardet; and
 * converted to UTF-8 by iconv, a bounded buffer at a time.
 */
#ifndef MXTRACE_ENCODING_H
#define MXTRACE_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#define ENCODING_NAME_MAX	32	/* bytes of an encoding's name, NUL included */

/* How sure a detection is. */
enum encoding_how {
	ENCODING_SURE,		/* a BOM, valid UTF-8, or UTF-16 by its NULs */
	ENCODING_GUESSED,	/* uchardet's answer, one a list is saved in */
	ENCODING_FALLBACK,	/* too little to tell: the documented default */
	ENCODING_BINARY,	/* control bytes: no text encoding; UTF-8 */
};

/*
 * The encoding of a sample from the start of an input: "UTF-8",
 * "UTF-16LE", "UTF-16BE", "GB18030", "BIG5", "SHIFT_JIS", "WINDOWS-1252"
 * ... (an iconv name).  at_eof: the sample is the whole input (a cut-off
 * UTF-8 sequence at its end is then an error, not a cut).  In order: a
 * BOM; UTF-16 without a BOM (ASCII's NUL bytes all at odd offsets for LE,
 * even for BE, and the sample converts cleanly); valid UTF-8; uchardet,
 * when it names an encoding lists are saved in (GB18030, BIG5, SHIFT_JIS,
 * EUC-JP, EUC-KR, WINDOWS-1252), except that its WINDOWS-1252 for a few
 * Chinese words (a run of two pairs at least) is BIG5 when
 * encoding_big5() says so, else GB18030 when every non-ASCII byte pairs
 * up in GB2312's range; else (a sample too short for uchardet,
 * or an exotic answer such as KOI8-R for a few Chinese bytes) the
 * fallback: BIG5 when encoding_big5() says so, GB18030 when every
 * non-ASCII byte pairs up in GB2312's range (A1-FE A1-FE, Chinese Excel's
 * encoding), else WINDOWS-1252.  *how says
 * which decided.  Writes at most ENCODING_NAME_MAX bytes.
 */
void	encoding_detect(const char *sample, size_t len, bool at_eof,
	    char name[ENCODING_NAME_MAX], enum encoding_how *how);

/*
 * uchardet's name for the charset of s ("" when it has no answer, NULL
 * when it failed), valid until the next call.
 */
const char *encoding_uchardet(const char *s, size_t len);

/*
 * Whether bytes that are not UTF-8 are Traditional Chinese in Big5, on a
 * few words as well as on a page: every non-ASCII byte pairs up as Big5
 * (lead A1-F9, trail 40-7E or A1-FE), two pairs at least follow each
 * other (Chinese is written in runs; an accented Latin-1 letter stands
 * among ASCII ones), and more pairs lead with A4-AF (Big5's most frequent
 * characters: the rows of GB2312 with kana, Greek, Cyrillic and box
 * drawing, which Simplified Chinese text hardly uses) or end in 40-7E
 * (Big5's; GB2312 has no such second byte) than lead with C7 and above
 * (GB2312's characters past Big5's frequent ones).  Short GBK text is
 * GB2312's range and leads with B0-D7: never Big5 by this.
 */
bool	encoding_big5(const char *s, size_t len, bool at_eof);

/*
 * The name --encoding NAME asks for, spelled as iconv knows it ("gbk" and
 * "gb2312" become GB18030, their superset; "latin1" WINDOWS-1252).
 * Returns 0, or -1 when iconv cannot convert from it to UTF-8.
 */
int	encoding_canonical(const char *given, char name[ENCODING_NAME_MAX]);

/* True when name is UTF-8 (no conversion needed). */
bool	encoding_is_utf8(const char *name);

struct encoding_conv;

/* A converter from name to UTF-8; NULL when iconv does not know it. */
struct encoding_conv *encoding_open(const char *name);
/*
 * Convert from *in (advanced past what was used, *inlen reduced) into
 * out[0..outcap); returns the bytes written.  A sequence that is invalid
 * becomes U+FFFD; an incomplete one at the end of *in is left there for
 * the next call, unless last is set (the end of the input), when it
 * becomes U+FFFD too.  outcap must be at least 8.
 */
size_t	encoding_convert(struct encoding_conv *, const char **in, size_t *inlen,
	    char *out, size_t outcap, bool last);
/* Sequences replaced by U+FFFD so far. */
unsigned long encoding_replaced(const struct encoding_conv *);
void	encoding_close(struct encoding_conv *);

#endif
