/*
 * xlsxnum.h - an Excel cell's number shown with the leading zeros its
 * number format asks for: a postcode (000000), a phone number
 * (00000000000) or a customer number typed as a number is kept as 12345
 * and only the format makes Excel show 012345, so a sheet read without
 * this would hand on a number the customer never wrote.
 */
#ifndef MXTRACE_XLSXNUM_H
#define MXTRACE_XLSXNUM_H

#include <stdbool.h>
#include <stddef.h>

#define XLSXNUM_ZEROS_MAX	64	/* digits a format may pad to */

/*
 * The number of digits a custom format code pads a number to: its first
 * section's count of '0' when that section holds nothing else, else 0.
 */
unsigned	xlsxnum_zeros(const char *code);
/*
 * The number num (NUL-terminated, as stored in <v>) rounded to an integer
 * and padded with zeros to zeros digits, as Excel shows it, into out;
 * false (out untouched) when zeros is 0, num is no number or past Excel's
 * 15 significant digits.
 */
bool		xlsxnum_format(const char *num, unsigned zeros, char *out,
		    size_t outsz);

#endif
