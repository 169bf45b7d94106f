/*
 * codepage.c - Windows code pages and charset ids as iconv's charset
 * names.  See codepage.h.
 *
 * Public: codepage_charset(), codepage_of_fcharset().
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
