/*
 * codepage.h - a Windows code page number (an Outlook message's
 * PR_MESSAGE_CODEPAGE, an RTF body's \ansicpg, a font's \fcharset) as the
 * charset name iconv knows.
 */
#ifndef MXTRACE_EXPLAIN_CODEPAGE_H
#define MXTRACE_EXPLAIN_CODEPAGE_H

#include <stddef.h>
#include <stdint.h>

/*
 * iconv's name for code page cp: a constant, or written into buf (n
 * bytes, 24 are enough); NULL when cp is not one we know.
 */
const char	*codepage_charset(uint32_t cp, char *buf, size_t n);

/* The code page of an RTF \fcharset (a Windows charset id); 0: none. */
uint32_t	 codepage_of_fcharset(long charset);

/* Whether cp writes characters in two bytes (the CJK code pages). */
int		 codepage_double(uint32_t cp);

/* Whether byte c starts a character of two bytes in code page cp. */
int		 codepage_lead(uint32_t cp, unsigned char c);

/* Whether byte c can be the second byte of such a character in cp. */
int		 codepage_trail(uint32_t cp, unsigned char c);

#endif
