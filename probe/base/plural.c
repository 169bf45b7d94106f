/*
 * plural.c - English plurals, one mechanism for every message: a choice
 * {N|one|other} in the text (plural.h).  The catalogue's templates and
 * the printf formats of the sources say it the same way, so a message and
 * its Chinese row are one pair, never a singular and a plural pair.
 *
 * Public: plural_pick, plural_vformat, plural_at.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/plural.h"
#include "base/util.h"

#define PLURAL_CONV_MAX	9	/* {1|..} to {9|..} */

int
plural_at(const char *s)
{
	const char *bar;

	if (s[0] != '{' || s[1] < '1' || s[1] > '9' || s[2] != '|')
		return 0;
	if ((bar = strchr(s + 3, '|')) == NULL ||
	    memchr(s + 3, '}', (size_t)(bar - s - 3)) != NULL)
		return 0;
	return strchr(bar + 1, '}') != NULL;
}

char *
plural_pick(const char *tmpl, const char *const vals[], size_t n)
{
	char *out = xmalloc(strlen(tmpl) + 1), *o = out;
	const char *p = tmpl, *bar, *end;
	size_t k;

	while (*p != '\0') {
		k = (size_t)(p[1] - '1');
		if (!plural_at(p) || k >= n) {
			*o++ = *p++;
			continue;
		}
		bar = strchr(p + 3, '|');
		end = strchr(bar + 1, '}');
		if (vals[k] != NULL && strcmp(vals[k], "1") == 0) {
			memcpy(o, p + 3, (size_t)(bar - p - 3));
			o += bar - p - 3;
		} else {
			memcpy(o, bar + 1, (size_t)(end - bar - 1));
			o += end - bar - 1;
		}
		p = end + 1;
	}
	*o = '\0';
	return out;
}

/*
 * Step over one conversion at p (after its '%'), taking its argument from
 * ap: *one says whether an integer argument was 1.  Returns the length
 * after the '%'; fatal on a conversion printf formats here never use.
 */
static size_t
plural_conv(const char *p, va_list *ap, int *one, int *integer)
{
	size_t n = 0, l = 0;
	uintmax_t v = 0;
	char c;

	while (p[n] != '\0' && strchr("-+ #0", p[n]) != NULL)
		n++;
	for (; p[n] == '*' || (p[n] >= '0' && p[n] <= '9') || p[n] == '.'; n++)
		if (p[n] == '*')
			(void)va_arg(*ap, int);
	while (p[n] != '\0' && strchr("hlzjt", p[n]) != NULL) {
		l = p[n] == 'l' && l == 'l' ? 'L' : (size_t)p[n];
		n++;
	}
	c = p[n];
	*integer = strchr("diuxXc", c) != NULL;
	if (c == 's' || c == 'p')
		(void)va_arg(*ap, void *);
	else if (c == 'f' || c == 'g' || c == 'e')
		(void)va_arg(*ap, double);
	else if (!*integer)
		fatalx("%s: conversion %%%c in a plural format", __func__, c);
	else if (l == 'z')
		v = va_arg(*ap, size_t);
	else if (l == 'j')
		v = va_arg(*ap, uintmax_t);
	else if (l == 't')
		v = (uintmax_t)va_arg(*ap, ptrdiff_t);
	else if (l == 'L')
		v = (uintmax_t)va_arg(*ap, unsigned long long);
	else if (l == 'l')
		v = va_arg(*ap, unsigned long);
	else
		v = va_arg(*ap, unsigned);
	*one = *integer && v == 1;
	return n + 1;
}

char *
plural_vformat(const char *fmt, va_list ap)
{
	const char *vals[PLURAL_CONV_MAX], *p;
	va_list aq;
	size_t k = 0;
	int one, integer, any = 0;

	for (p = fmt; *p != '\0' && !any; p++)
		any = plural_at(p);
	if (!any)
		return NULL;
	va_copy(aq, ap);
	for (p = fmt; *p != '\0' && k < PLURAL_CONV_MAX; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		p += plural_conv(p + 1, &aq, &one, &integer);
		vals[k++] = !integer ? NULL : one ? "1" : "";
	}
	va_end(aq);
	return plural_pick(fmt, vals, k);
}
