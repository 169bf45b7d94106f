/*
 * util.h - allocation that never returns NULL, fatal errors for broken
 * internal assumptions, a growable string list, monotonic time and
 * duration parsing.  Every module may use these.
 */
#ifndef MXTRACE_UTIL_H
#define MXTRACE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* A copy of s, or NULL when s is NULL (an optional owned text). */
char	*xstrdup_or_null(const char *);
/* A format may choose a word by a number: {N|one|other} (base/plural.h). */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/*
 * Replace *dst (owned, may be NULL) with a formatted error text cut at
 * ERROR_TEXT_MAX bytes (base/limits.h): the arguments may come from the
 * network.
 */
void	 xseterror(char **dst, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 xvseterror(char **dst, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/*
 * Marks a text a person reads that is not passed straight to a printing
 * call (a table entry, a returned string): its Chinese is in catalog.c's
 * tr_zh, and test_catalog finds the text by this mark.
 */
#define N_(s)	(s)

/* A broken internal assumption: print and abort.  Never for remote input. */
void	 fatalx(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* A list of owned, NUL-terminated strings. Zero-initialise before use. */
struct strlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};
void	 strlist_add(struct strlist *, const char *);
void	 strlist_addf(struct strlist *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append a copy of every string of src to dst. */
void	 strlist_add_all(struct strlist *dst, const struct strlist *src);
void	 strlist_free(struct strlist *);

/*
 * Whether PATH (may be NULL) names the file ST describes, however it is
 * spelled (links, "./"): an output must never be written over an input.
 */
bool	 same_file(const struct stat *st, const char *path);

/*
 * What every message calls the input "-": one name, in the catalogue once
 * ("标准输入"), never "stdin" in one message and "-" in another.
 */
#define STDIN_NAME	"standard input"
/* path as messages name it: STDIN_NAME for "-", else path; borrowed. */
const char *input_name(const char *path);

/* Milliseconds on the monotonic clock. */
long long now_ms(void);

/*
 * Parse "30s", "2m", "1h", "500ms" or a bare number of seconds into
 * milliseconds.  Returns 0 on success, -1 on anything else (negative,
 * overflow, trailing junk, empty).
 */
int	 parse_duration(const char *, long long *ms);

/*
 * ms as parse_duration reads it, in the largest whole unit: 300000 as
 * "5m", 90000 as "90s", 1500 as "1500ms" (what the user typed, or may).
 * Returns out, which holds size bytes.
 */
char	*duration_text(char *out, size_t size, long long ms);

/* The value of hex digit c (either case), or -1. */
int	 hex_value(int c);

/* p[0..n) as lower-case hex into out, which holds 2 * n + 1 bytes. */
void	 hex_text(char *out, const unsigned char *p, size_t n);

#endif
