/*
 * xlsxnum.c - Excel numbers shown with their format's leading zeros.  See
 * xlsxnum.h.
 *
 * Public: xlsxnum_zeros, xlsxnum_format.
 *
 * A number format (ECMA-376 Part 1, §18.8.30 numFmt, listed in the styles
 * part's §18.8.31 numFmts) is up to four sections split by ';' (positive,
 * negative, zero, text); in a section the placeholder '0' is a digit shown
 * even when it is a leading zero.  A section of '0' alone is an integer
 * of at least that many digits: 12345 in "000000" is 012345, -42 is
 * -000042, 123.5 is 000124 (rounded half away from zero), 1234567 is
 * 1234567.  Only the first section is looked at, the one a positive
 * number takes; a negative number is shown in it with its sign (another
 * way a second section may show it, as (000042), is not followed).
 * The text format "@" (built-in id 49) shows a number as General, as
 * stored: its zeros were never kept (Excel stores text typed into an "@"
 * cell as a string, which is read as written).
 */
#include <stdio.h>
#include <stdlib.h>

#include "input/xlsxnum.h"

#define XLSXNUM_EXACT	1e15	/* Excel keeps 15 significant digits */

unsigned
xlsxnum_zeros(const char *code)
{
	unsigned n = 0;

	for (; *code == '0'; code++)
		n++;
	if ((*code != '\0' && *code != ';') || n > XLSXNUM_ZEROS_MAX)
		return 0;
	return n;
}

bool
xlsxnum_format(const char *num, unsigned zeros, char *out, size_t outsz)
{
	char *end;
	double v;
	long long k;

	if (zeros == 0 || num[0] == '\0')
		return false;
	v = strtod(num, &end);
	if (*end != '\0' || !(v < XLSXNUM_EXACT && v > -XLSXNUM_EXACT))
		return false;			/* NaN too */
	k = (long long)(v < 0 ? v - 0.5 : v + 0.5);
	snprintf(out, outsz, "%s%0*lld", k < 0 ? "-" : "", (int)zeros,
	    k < 0 ? -k : k);
	return true;
}
