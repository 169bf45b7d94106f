/*
 * codepage.c - Windows code pages and charset ids as iconv's charset
 * names.  See codepage.h.
 *
 * Public: codepage_charset(), codepage_of_fcharset(), codepage_double(),
 * codepage_lead(), codepage_trail().
 */
#include <stdio.h>

#include "explain/codepage.h"

const char *
codepage_charset(uint32_t cp, char *buf, size_t n)
{
	static const struct {
		uint32_t	 cp;
		const char	*name;
	} names[] = {
		{ 936, "GBK" }, { 20936, "GB2312" }, { 54936, "GB18030" },
		{ 52936, "HZ-GB-2312" }, { 950, "BIG5" }, { 932, "CP932" },
		{ 949, "CP949" }, { 65001, "UTF-8" }, { 20127, "US-ASCII" },
		{ 50220, "ISO-2022-JP" }, { 50221, "ISO-2022-JP" },
		{ 50222, "ISO-2022-JP" }, { 51932, "EUC-JP" },
		{ 51949, "EUC-KR" }, { 20866, "KOI8-R" }, { 21866, "KOI8-U" },
		{ 10000, "MACINTOSH" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].cp == cp)
			return names[i].name;
	if (cp >= 28591 && cp <= 28606) {
		snprintf(buf, n, "ISO-8859-%u", (unsigned)(cp - 28590));
		return buf;
	}
	if ((cp >= 1250 && cp <= 1258) || cp == 874 || cp == 437 ||
	    cp == 850 || cp == 866) {
		snprintf(buf, n, "CP%u", (unsigned)cp);
		return buf;
	}
	return NULL;
}

/*
 * The RTF specification's \fcharset table: a Chinese Outlook's fonts say
 * 134 (GB2312: code page 936) whatever \ansicpg the document declares.
 */
uint32_t
codepage_of_fcharset(long charset)
{
	static const struct {
		long		 charset;
		uint32_t	 cp;
	} map[] = {
		{ 0, 1252 }, { 77, 10000 }, { 128, 932 }, { 129, 949 },
		{ 134, 936 }, { 136, 950 }, { 161, 1253 }, { 162, 1254 },
		{ 163, 1258 }, { 177, 1255 }, { 178, 1256 }, { 186, 1257 },
		{ 204, 1251 }, { 222, 874 }, { 238, 1250 }, { 255, 437 },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].charset == charset)
			return map[i].cp;
	return 0;
}

int
codepage_double(uint32_t cp)
{
	return cp == 932 || cp == 936 || cp == 949 || cp == 950 ||
	    cp == 54936 || cp == 51932 || cp == 20936 || cp == 51949;
}

/*
 * The lead bytes of the double-byte code pages: where a character of two
 * bytes starts (Shift_JIS leaves 0xA1-0xDF to single-byte katakana; the
 * EUC forms start theirs at 0xA1).
 */
int
codepage_lead(uint32_t cp, unsigned char c)
{
	switch (cp) {
	case 932:
		return (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC);
	case 936: case 949: case 950: case 54936:
		return c >= 0x81 && c <= 0xFE;
	case 51932:
		return c == 0x8E || (c >= 0xA1 && c <= 0xFE);
	case 20936: case 51949:
		return c >= 0xA1 && c <= 0xFE;
	default:
		return 0;
	}
}

/*
 * Whether c can follow a lead byte of cp: any byte from 0x80, and the
 * ASCII letters and signs each code page takes as its second byte (RTF
 * writes those raw: "\'b5L" is Big5's 無), for GB18030 also the digits of
 * its four-byte form.
 */
int
codepage_trail(uint32_t cp, unsigned char c)
{
	if (c >= 0x80)
		return 1;
	switch (cp) {
	case 932: case 936: case 950:
		return c >= 0x40 && c <= 0x7E;
	case 54936:
		return (c >= 0x30 && c <= 0x39) || (c >= 0x40 && c <= 0x7E);
	case 949:
		return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
	default:
		return 0;
	}
}
