/*
 * util.c - see util.h.  Allocation failure is fatal: a prober that cannot
 * allocate a few bytes cannot report anything useful either.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/limits.h"
#include "base/plural.h"
#include "base/util.h"

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	fputs("mxtrace: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatalx("%s: out of memory (%zu bytes)", __func__, n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		fatalx("%s: out of memory", __func__);
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (p == NULL)
		fatalx("%s: out of memory (%zu bytes)", __func__, n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	char *p, *picked = plural_vformat(fmt, ap);
	const char *f = picked != NULL ? picked : fmt;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, f, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("%s: bad format", __func__);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, f, ap);
	free(picked);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
xvseterror(char **dst, const char *fmt, va_list ap)
{
	char buf[ERROR_TEXT_MAX], *picked = plural_vformat(fmt, ap);

	vsnprintf(buf, sizeof(buf), picked != NULL ? picked : fmt, ap);
	free(picked);
	free(*dst);
	*dst = xstrdup(buf);
}

void
xseterror(char **dst, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xvseterror(dst, fmt, ap);
	va_end(ap);
}

void
strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(s);
}

void
strlist_add_all(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		strlist_add(dst, src->v[i]);
}

void
strlist_addf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strlist_add(l, p);
	free(p);
}

void
strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool
same_file(const struct stat *st, const char *path)
{
	struct stat b;

	return path != NULL && stat(path, &b) == 0 && st->st_dev == b.st_dev &&
	    st->st_ino == b.st_ino;
}

const char *
input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? STDIN_NAME : path;
}

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
parse_duration(const char *s, long long *ms)
{
	unsigned long long v = 0;
	long long mult = 1000;
	const char *p = s;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
		if (v > 1000000000ULL)
			return -1;
	}
	if (strcmp(p, "ms") == 0)
		mult = 1;
	else if (strcmp(p, "s") == 0 || *p == '\0')
		mult = 1000;
	else if (strcmp(p, "m") == 0)
		mult = 60 * 1000;
	else if (strcmp(p, "h") == 0)
		mult = 3600 * 1000;
	else
		return -1;
	*ms = (long long)v * mult;
	return 0;
}

char *
duration_text(char *out, size_t size, long long ms)
{
	if (ms > 0 && ms % (3600 * 1000) == 0)
		snprintf(out, size, "%lldh", ms / (3600 * 1000));
	else if (ms > 0 && ms % (60 * 1000) == 0)
		snprintf(out, size, "%lldm", ms / (60 * 1000));
	else if (ms % 1000 == 0)
		snprintf(out, size, "%llds", ms / 1000);
	else
		snprintf(out, size, "%lldms", ms);
	return out;
}

int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
hex_text(char *out, const unsigned char *p, size_t n)
{
	static const char digit[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digit[p[i] >> 4];
		out[2 * i + 1] = digit[p[i] & 0xf];
	}
	out[2 * n] = '\0';
}
