/*
 * xlsxdate.c - Excel's serial dates shown as dates.  See xlsxdate.h.
 *
 * Public: xlsxdate_kind, xlsxdate_format.
 *
 * Built-in formats (ECMA-376 Part 1, 18.8.30): 14-17 are dates, 22 a date
 * and time, 18-21 and 45-47 times; the ids the East Asian editions of
 * Excel use for their own (27-36, 50-58: 2024年1月5日, 上午 1时30分) are
 * dates or times too.  A custom format is a date when its code holds y, d
 * or m (a month), a time when it holds h or s, or m next to ':' or after h
 * (minutes) - outside quoted text, escaped characters and [...] (colours,
 * locales; [h] [mm] [ss] are elapsed time); its first section decides.
 * Serial numbers count days from 1900-01-01 = 1, with Lotus 1-2-3's
 * phantom 1900-02-29 = 60 (shown as stored), or from 1904-01-01 = 0 in a
 * workbook with date1904.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/xlsxdate.h"

#define SERIAL_MAX	2958465.0	/* 9999-12-31 */

enum xlsxdate_kind
xlsxdate_kind(unsigned long id, const char *code)
{
	bool date = false, time = false;
	const char *p, *q, *r;

	if (code == NULL) {
		if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
		    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
			return XLSXDATE_DATE;
		if (id == 22)
			return XLSXDATE_DATETIME;
		if ((id >= 18 && id <= 21) || id == 32 || id == 33 ||
		    (id >= 45 && id <= 47))
			return XLSXDATE_TIME;
		return XLSXDATE_NONE;
	}
	for (p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			if ((p = strchr(p + 1, '"')) == NULL)
				goto done;
			break;
		case '\\':
		case '_':
		case '*':
			if (*++p == '\0')
				goto done;
			break;
		case '[':
			/* [h] [mm] [ss]: elapsed time; [Red], [$-804]: not */
			if (strchr("hHmMsS", p[1]) != NULL && p[1] != '\0')
				time = true;
			if ((p = strchr(p + 1, ']')) == NULL)
				goto done;
			break;
		case ';':	/* the first section decides */
			goto done;
		case 'y': case 'Y': case 'd': case 'D':
		case 'e': case 'E': case 'g': case 'G': case 'b': case 'B':
			/* e, g, b: the era and Buddhist years; but "General"
			 * and scientific "0.00E+00" are numbers */
			if ((*p == 'e' || *p == 'E') &&
			    (p[1] == '+' || p[1] == '-'))
				break;
			if ((*p == 'g' || *p == 'G') &&
			    strncasecmp(p, "general", 7) == 0)
				return XLSXDATE_NONE;
			date = true;
			break;
		case 'm': case 'M':
			/* minutes next to ':' or after h, else the month */
			for (q = p; q > code && (q[-1] == 'm' || q[-1] == 'M'); q--)
				;
			for (r = p; *r == 'm' || *r == 'M'; r++)
				;
			if ((q > code && (q[-1] == ':' || q[-1] == 'h' ||
			    q[-1] == 'H')) || *r == ':')
				time = true;
			else
				date = true;
			p = r - 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = true;
			break;
		}
	}
 done:
	return date && time ? XLSXDATE_DATETIME : date ? XLSXDATE_DATE :
	    time ? XLSXDATE_TIME : XLSXDATE_NONE;
}

/* Howard Hinnant's days_from_civil, inverted: days since 1970-01-01. */
static void
civil(long z, long *y, unsigned *m, unsigned *d)
{
	long era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool
xlsxdate_format(const char *num, enum xlsxdate_kind kind, bool date1904,
    char *out, size_t outsz)
{
	double v;
	long days, secs, y;
	unsigned mo, d;
	char *end;

	if (kind == XLSXDATE_NONE || num[0] == '\0')
		return false;
	v = strtod(num, &end);
	if (*end != '\0' || !(v >= 0 && v <= SERIAL_MAX))	/* NaN too */
		return false;
	days = (long)v;
	secs = (long)((v - (double)days) * 86400.0 + 0.5);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (kind == XLSXDATE_TIME) {
		snprintf(out, outsz, "%02ld:%02ld:%02ld", days * 24 + secs / 3600,
		    secs / 60 % 60, secs % 60);
		return true;
	}
	if (date1904)
		days -= 24107;			/* 1904-01-01 is 0 */
	else if (days == 60 || days == 0)
		return false;			/* 1900-02-29, 1900-01-00 */
	else
		days -= days < 60 ? 25568 : 25569;
	civil(days, &y, &mo, &d);
	if (kind == XLSXDATE_DATE)
		snprintf(out, outsz, "%04ld-%02u-%02u", y, mo, d);
	else
		snprintf(out, outsz, "%04ld-%02u-%02u %02ld:%02ld:%02ld", y, mo, d,
		    secs / 3600, secs / 60 % 60, secs % 60);
	return true;
}
