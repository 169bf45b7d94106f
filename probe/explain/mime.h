/*
 * mime.h - the few things explain needs from a parsed message, on top of
 * GMime: a bounded walk over the parts, a part's text decoded to UTF-8 and
 * cut at a bound, a header decoded correctly (GMime's own decoder
 * truncates some split RFC 2047 subjects), the content type's name.
 */
#ifndef MXTRACE_EXPLAIN_MIME_H
#define MXTRACE_EXPLAIN_MIME_H

#include <stddef.h>

#include <gmime/gmime.h>

/*
 * Call cb for each part under root, depth first, root included, at most
 * EXPLAIN_PARTS_MAX parts and EXPLAIN_DEPTH_MAX levels.  Returned messages
 * (message/rfc822) are entered only when copies is not NULL: then cb
 * looks for a part of one of the types in copies (lowered "type/subtype",
 * NULL-ended), and a copy whose bytes show it holds no part of them is
 * neither parsed (mime_inner_message) nor entered, its parts not counted.
 * cb returns non-zero to stop; that value is returned, else 0.
 */
typedef int	mime_walk_cb(GMimeObject *part, int depth, void *arg);
int	mime_walk(GMimeObject *root, const char *const *copies, mime_walk_cb *,
	    void *arg);

/*
 * Returned messages (message/rfc822, message/global, message/news) are
 * held by GMime as leaf parts, not parsed (mime_init: GMime's set-up,
 * once per process); mime_is_message() tells such a part (or a message
 * part GMime did parse), mime_inner_message() parses one on first use and
 * keeps it with the part (borrowed; NULL when it is no message), and
 * mime_inner_headers() gives the raw bytes of its header block, read up
 * to its first blank line and at most max bytes (owned, NUL-terminated,
 * *len set; NULL when there is none).
 */
void		 mime_init(void);
int		 mime_is_message(GMimeObject *);
GMimeMessage	*mime_inner_message(GMimeObject *);
char		*mime_inner_headers(GMimeObject *, size_t max, size_t *len);

/* "type/subtype" of an object, lower case, in buf (size n). */
void	mime_type(GMimeObject *, char *buf, size_t n);

/*
 * The content of a leaf part after its transfer encoding, converted to
 * UTF-8 (declared charset, else a guess), at most max bytes read from the
 * input: owned, NUL-terminated, *len set (may hold NUL bytes).  NULL for
 * a part with no content.  *cut (unless cut is NULL) says whether the
 * part was longer than max.
 */
char	*mime_part_text(GMimeObject *, size_t max, size_t *len, int *cut);

/*
 * A message's own fields kept from GMime (hdrstream.c): r (owned by the
 * message from now on) answers for msg's header fields below.  Any other
 * object's fields are GMime's.  GMime's own header list of such a message
 * holds none of them: read fields with these functions only (scripts/layers
 * fails on GMime's header calls outside mime.c).
 */
struct rawhdr;
void	mime_keep_headers(GMimeMessage *msg, struct rawhdr *r);

/* How many of msg's header fields nobody read (hdrstream_dropped()). */
void	mime_set_dropped(GMimeMessage *msg, size_t n);
size_t	mime_dropped(GMimeMessage *msg);

/* The raw value of obj's first field named name (borrowed), or NULL. */
const char	*mime_header_raw(GMimeObject *, const char *name);

/*
 * obj's fields in order (a message's: not its Content- fields, which are
 * its top-level part's): field i's name and raw value (borrowed); 0 past
 * the last.
 */
int	mime_header_at(GMimeObject *, size_t i, const char **name,
	    const char **raw);

/*
 * A field's value as GMime's g_mime_object_get_header() gives it
 * (unfolded, encoded-words decoded by GMime): owned, NULL when absent.
 */
char	*mime_header_gmime(GMimeObject *, const char *name);

/*
 * A header of obj decoded to UTF-8 (RFC 2047 words decoded one by one and
 * joined by charset, as GMime's decoder does not always), unfolded, at most
 * EXPLAIN_FIELD_MAX bytes: owned, NULL when absent.
 */
char	*mime_header(GMimeObject *, const char *name);

/*
 * A raw header value (after the colon, folded lines included: len bytes)
 * as mime_header() returns it: unfolded, trimmed, words decoded; owned.
 */
char	*mime_header_value(const char *raw, size_t len);

/* Decode RFC 2047 encoded-words in a raw header value; owned. */
char	*mime_decode_words(const char *raw, size_t len);

/* s (len bytes, in charset; NULL: unknown) as UTF-8, owned; *outlen set. */
char	*mime_to_utf8(const char *s, size_t len, const char *charset,
	    size_t *outlen);

/* Close the charset converters kept open (explain_shutdown). */
void	mime_shutdown(void);

#endif
