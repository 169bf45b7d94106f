/*
 * zhdate.h - the date a mail client in Chinese writes above a quoted
 * message (发送时间/发送日期/日期: "2026年11月30日(星期一) 上午10:05",
 * "2026-11-30 10:05:00"), made an RFC 5322 date.
 */
#ifndef MXTRACE_EXPLAIN_ZHDATE_H
#define MXTRACE_EXPLAIN_ZHDATE_H

#include <stddef.h>

/*
 * s[0..len) as an RFC 5322 date in China Standard Time ("Mon, 30 Nov 2026
 * 10:05:00 +0800"): owned; NULL when it is no date (month 13, 25:00,
 * 09:61, a weekday not the date's) or not in a form read here.
 */
char	*zhdate_rfc5322(const char *s, size_t len);

#endif
