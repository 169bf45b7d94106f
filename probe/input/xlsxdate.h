/*
 * xlsxdate.h - an Excel cell's number shown as its number format says when
 * that format is a date or a time: Excel keeps 2024-01-05 as the serial
 * number 45296 and only the cell's style says it is a date, so a sheet
 * read without this would show customers' dates as 45296.
 */
#ifndef MXTRACE_XLSXDATE_H
#define MXTRACE_XLSXDATE_H

#include <stdbool.h>
#include <stddef.h>

enum xlsxdate_kind {
	XLSXDATE_NONE,		/* a number: shown as stored */
	XLSXDATE_DATE,		/* 2024-01-05 */
	XLSXDATE_TIME,		/* 13:30:00 (hours past 24 for [h]) */
	XLSXDATE_DATETIME,	/* 2024-01-05 13:30:00 */
};

/*
 * The kind of number format id, whose format code is code (a custom one,
 * ECMA-376 Part 1 18.8.30-31) or NULL (a built-in id).
 */
enum xlsxdate_kind xlsxdate_kind(unsigned long id, const char *code);
/*
 * The number num (NUL-terminated, as stored in <v>) as kind says, into
 * out; false (out untouched) when it is not a number or the date is
 * outside 1900 (1904 with date1904) to 9999.
 */
bool		 xlsxdate_format(const char *num, enum xlsxdate_kind kind,
		    bool date1904, char *out, size_t outsz);

#endif
