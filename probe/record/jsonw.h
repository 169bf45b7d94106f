/*
 * jsonw.h - a JSON text written straight into one growing buffer, for the
 * record writer (result_json.c): no tree of jansson objects per record.
 * Strings are escaped by jansson itself (one reused string value dumped
 * with json_dumpb), never by hand; the caller writes its own keys and
 * punctuation as literals.
 */
#ifndef MXTRACE_JSONW_H
#define MXTRACE_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/*
 * Bytes of one text, a guard against size overflow only (fatal beyond): a
 * record is bounded by what it holds (limits.h: replies of 64 KiB, at most
 * six bytes written for each), far below this.
 */
#define JSONW_MAX	(1024u * 1024 * 1024)

#define JSONW_MEMO	4		/* escaped strings remembered */
#define JSONW_MEMO_MAX	4096		/* bytes of a string worth remembering */

/* A string jansson escaped, and what it wrote. */
struct jsonw_memo {
	char		*in, *out;	/* owned */
	size_t		 inlen, outlen;
};

struct jsonw {
	char		*buf;		/* owned; NUL-terminated at len */
	size_t		 len, cap;
	json_t		*scratch;	/* owned: the string value jansson escapes */
	struct jsonw_memo memo[JSONW_MEMO];	/* the last strings escaped */
	unsigned	 memo_next;
};

void	jsonw_init(struct jsonw *);
void	jsonw_free(struct jsonw *);
/* Empty the text, keep the memory. */
void	jsonw_reset(struct jsonw *);
/* Cut the text back to len bytes (len <= its length). */
void	jsonw_cut(struct jsonw *, size_t len);
/* Bytes as they are: punctuation and keys of the caller's own. */
void	jsonw_raw(struct jsonw *, const char *s, size_t len);
#define JSONW_LIT(w, lit)	jsonw_raw((w), (lit), sizeof(lit) - 1)
/* Raw bytes as a JSON string (invalid UTF-8 as U+FFFD), null for NULL. */
void	jsonw_bytes(struct jsonw *, const char *s, size_t len);
/* A C string as a JSON string, null for NULL. */
void	jsonw_str(struct jsonw *, const char *s);
/* A C string as a JSON string, null when NULL or empty. */
void	jsonw_str_or_null(struct jsonw *, const char *s);
void	jsonw_int(struct jsonw *, long long);
/* v when present, else null. */
void	jsonw_int_if(struct jsonw *, bool present, long long v);
void	jsonw_bool(struct jsonw *, bool);
void	jsonw_null(struct jsonw *);
/*
 * A jansson value in compact form (as json_dumps(v, JSON_COMPACT)); null for
 * NULL.
 */
void	jsonw_value(struct jsonw *, const json_t *);

#endif
