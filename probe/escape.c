/*
 * escape.c - output escaping (stub, being filled in).
 */
#include <string.h>

#include "escape.h"
#include "util.h"

char *
esc_utf8(const char *s, size_t len, size_t *outlen)
{
	*outlen = len;
	return xstrndup(s, len);
}

char *
esc_terminal(const char *s, size_t len)
{
	return xstrndup(s, len);
}

char *
esc_html(const char *s, size_t len)
{
	return xstrndup(s, len);
}

char *
esc_csv_formula(const char *s, size_t len)
{
	return xstrndup(s, len);
}
