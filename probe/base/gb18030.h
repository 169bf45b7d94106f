/*
 * gb18030.h - text that is not UTF-8 read as Chinese in GB18030 when its
 * bytes are plainly that: a Chinese server's SMTP reply ("550 用户不存在"
 * sent in GBK, not UTF-8) decoded once, for the classifier's Chinese cues
 * and for every output.
 */
#ifndef MXTRACE_GB18030_H
#define MXTRACE_GB18030_H

#include <stddef.h>

/*
 * s[0..len) (at most GB18030_IN_MAX bytes, may hold NULs) as UTF-8 when it
 * is Chinese in GB2312's characters: every byte above 0x7F the first or
 * second of a pair in GB2312's range (A1-F7, A1-FE), two such pairs at
 * least one after the other (Chinese is written in runs; Latin-1 letters
 * stand among ASCII ones), and iconv's GB18030 conversion taking every
 * byte.  Owned, NUL-terminated, *outlen set; NULL when it is not that
 * (the caller keeps the raw bytes).
 */
#define GB18030_IN_MAX	(1024 * 1024)
char	*gb18030_to_utf8(const char *s, size_t len, size_t *outlen);

#endif
