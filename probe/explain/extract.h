/*
 * extract.h - small, bounded text scanners the readers share: an SMTP
 * reply code and an enhanced status code in free text, the stage a reply
 * came at ("in reply to RCPT TO command"), case-insensitive search, lines.
 */
#ifndef MXTRACE_EXPLAIN_EXTRACT_H
#define MXTRACE_EXPLAIN_EXTRACT_H

#include <stddef.h>

#include "base/limits.h"
#include "base/memfind.h"
#include "meaning/verdict.h"

/*
 * The first SMTP reply code (2xx/4xx/5xx standing alone, followed by a
 * blank, '-' or the end) and the first enhanced code ("5.1.1") in s.
 * *code 0 / enh "" when absent.  An enhanced code of another class than
 * the reply code is dropped.
 */
void	extract_reply(const char *s, size_t len, int *code, char enh[ENHANCED_MAX]);
/*
 * Where the remote reply quoted in s starts: the offset of the first reply
 * code standing alone (as extract_reply finds it); (size_t)-1 when none.
 */
size_t	extract_reply_start(const char *s, size_t len);
/*
 * Whether s opens as a server writes a refusal: a 4xx or 5xx reply code,
 * one blank or '-', then an enhanced code of the same class ("550 5.1.1",
 * "421-4.7.0").
 */
int	extract_reply_opens(const char *s, size_t len);
/* Just the enhanced code (class 2, 4 or 5), validated; 0 when none. */
int	extract_enhanced(const char *s, size_t len, char enh[ENHANCED_MAX]);
/*
 * Whether s opens with an enhanced code and a blank ("5.7.1 Unauthenticated
 * email ..."): a reply quoted without its reply code.
 */
int	extract_enhanced_opens(const char *s, size_t len);

/*
 * Exchange's words before the reply it quotes in its NDR: "Remote Server
 * returned '550 5.1.1 ...'" (also without the reply code, "'5.7.1 ...'");
 * the quote closes after the reply.  Not the server's words.
 */
#define EXTRACT_EXCHANGE_SAID	"Remote Server returned '"

/*
 * The stage a quoted reply came at, from the MTA's words; STAGE__LAST if none.
 */
enum stage extract_stage(const char *s, size_t len);
/* The same in a text already lowered and prepared (memfind_prepare). */
enum stage extract_stage_in(const struct memfind_text *lowered);

/* Whether the line p[0..n) holds nothing but spaces, tabs and a CR. */
int	extract_blank(const char *p, size_t n);

/* Case-insensitive search; offset or (size_t)-1. */
size_t	extract_find(const char *s, size_t len, const char *needle);
/*
 * Whether s[0..len) starts with prefix (not empty), ASCII letters in
 * either case: extract_find(s, len, prefix) == 0 without a search.
 */
int	extract_starts(const char *s, size_t len, const char *prefix);
/* s[0..len) with ASCII letters lowered; owned, NUL-terminated. */
char	*extract_lower(const char *s, size_t len);

/*
 * s[0..len) with runs of blanks and line breaks as one space, trimmed; owned.
 */
char	*extract_squeeze(const char *s, size_t len);
/* The same of at most EXPLAIN_FIELD_MAX bytes of s[0..len): a field's value. */
char	*extract_squeeze_field(const char *s, size_t len);

/* Drop the later lines' repeats of a squeezed reply's "550-5.7.1"; in place. */
void	 extract_unfold(char *s);

#endif
