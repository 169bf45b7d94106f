/*
 * utf8.h - strict UTF-8 decoding (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF.  Shared by the reply parser, the
 * address parser and the output escapers, which must agree on what is valid.
 */
#ifndef MXTRACE_UTF8_H
#define MXTRACE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Decode the character at s[0..len).  Returns its length in bytes (1-4) and
 * stores the code point in *cp, or returns 0 when the bytes there are not a
 * valid UTF-8 sequence (or len is 0).
 */
size_t	utf8_decode(const char *s, size_t len, unsigned long *cp);
/* True when all of s[0..len) is valid UTF-8. */
bool	utf8_valid(const char *s, size_t len);
/*
 * The length of s[0..len) cut to at most max bytes without splitting a
 * UTF-8 sequence (backing off to the start of the one at max).
 */
size_t	utf8_cut(const char *s, size_t len, size_t max);
/*
 * True for a control character: C0 (U+0000-U+001F, TAB, CR and LF
 * among them), DEL (U+007F) and C1 (U+0080-U+009F), the code points a
 * terminal or a browser may act on.
 */
bool	utf8_is_control(unsigned long cp);
/*
 * True when s[0..len) holds a control character other than TAB, CR and
 * LF, which fold a mail header's lines and part its words: a C0 byte, DEL,
 * or C1 written in UTF-8 (C2 80 - C2 9F).  A byte that is no valid UTF-8
 * is none (0x85 alone is "..." in Windows-1252, a CJK byte in GBK).
 */
bool	utf8_has_control(const char *s, size_t len);
/*
 * The length of the ISO 2022 designation escape at s[0..len) (ESC, '$',
 * '(' or ')', perhaps a second intermediate byte, a final byte: "ESC $ B",
 * "ESC ( B", "ESC $ ( D"), or 0.  Raw ISO-2022-JP text switches its
 * character set with them; they are no terminal control.
 */
size_t	utf8_iso2022_escape(const char *s, size_t len);
/*
 * utf8_has_control, but the ISO 2022 designation escapes of s do not
 * count (a CSI "ESC [" and every other control character still do).
 */
bool	utf8_has_terminal_control(const char *s, size_t len);
/*
 * Cut from both ends of s[0..len) the blanks a copy from a web page, a
 * chat or a spreadsheet brings around a value: ASCII white space (space,
 * TAB, CR, LF, VT, FF), no-break space U+00A0, zero-width space U+200B,
 * ideographic space U+3000 (a Chinese input method's space) and a byte
 * order mark U+FEFF.  Moves *s and shortens *len; the bytes stay.
 */
void	utf8_trim_blanks(const char **s, size_t *len);
/*
 * Is s[0..len) the label want, both with their blanks cut
 * (utf8_trim_blanks) and ASCII letters' case aside?  How --column names a
 * header cell and --sheet a workbook's sheet.
 */
bool	utf8_same_label(const char *s, size_t len, const char *want);

#endif
