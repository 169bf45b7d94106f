/*
 * original.c - find the original message a report is about.  See
 * original.h.
 *
 * Public: original_find(), original_from_text(), original_sender_domain(),
 * original_free().
 *
 * Headers quoted as text (text/rfc822-headers, or a copy pasted into a
 * plain-text bounce) are handed to GMime's parser as a part of their
 * own, so folding and RFC 2047 words are read by the library.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/original.h"

static void
from_object(GMimeObject *m, struct explain_original *o)
{
	o->subject = mime_header(m, "Subject");
	o->from = mime_header(m, "From");
	o->to = mime_header(m, "To");
	o->date = mime_header(m, "Date");
	o->message_id = mime_header(m, "Message-ID");
}

static int
found_any(const struct explain_original *o)
{
	return o->subject != NULL || o->from != NULL || o->to != NULL ||
	    o->date != NULL || o->message_id != NULL;
}

/* The fields an explain_original holds, as they start a header line. */
static const char *const wanted[] = { "subject:", "from:", "to:", "date:",
    "message-id:", NULL };

/*
 * The header block at s, cut at its first blank line, with only the lines
 * (and their continuations) of the wanted fields: GMime then builds a
 * handful of headers, not every Received of the copy.  Owned.
 */
static char *
wanted_fields(const char *s, size_t len, size_t *outlen)
{
	const char *p = s, *end = s + len, *eol;
	char *out = xmalloc(len + 2);
	size_t o = 0, n, i;
	int keep = 0;

	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if (n == 0 || (n == 1 && *p == '\r'))
			break;		/* the end of the header block */
		if (*p != ' ' && *p != '\t')
			for (keep = 0, i = 0; wanted[i] != NULL && !keep; i++)
				keep = n >= strlen(wanted[i]) &&
				    extract_find(p, strlen(wanted[i]),
				    wanted[i]) == 0;
		if (keep) {
			memcpy(out + o, p, n);
			o += n;
			out[o++] = '\n';
		}
		p = eol < end ? eol + 1 : end;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/*
 * Parse a header block with GMime; 1 when it gave any field.  Only the
 * wanted fields are handed over, as one part rather than a message: a
 * message costs GMime its address lists, date and a header object per
 * quoted Received, none of which is read here.
 */
static int
from_headers(const char *s, size_t len, struct explain_original *o)
{
	GMimeStream *mem;
	GMimeParser *p;
	GMimeObject *part;
	size_t klen;
	char *kept;

	kept = wanted_fields(s, len, &klen);
	mem = g_mime_stream_mem_new_with_buffer(kept, klen);
	p = g_mime_parser_new_with_stream(mem);
	part = g_mime_parser_construct_part(p, NULL);
	if (part != NULL) {
		from_object(part, o);
		g_object_unref(part);
	}
	g_object_unref(p);
	g_object_unref(mem);
	free(kept);
	return found_any(o);
}

static int
is_copy(GMimeObject *part, int depth, void *arg)
{
	GMimeObject **found = arg;
	char type[128];

	if (depth == 0)
		return 0;
	mime_type(part, type, sizeof(type));
	if (strcmp(type, "message/rfc822") == 0 ||
	    strcmp(type, "message/global") == 0 ||
	    strcmp(type, "text/rfc822-headers") == 0 ||
	    strcmp(type, "message/global-headers") == 0 ||
	    strcmp(type, "text/rfc822-header") == 0) {
		*found = part;
		return 1;
	}
	return 0;
}

int
original_find(GMimeMessage *msg, struct explain_original *o)
{
	GMimeObject *part = NULL;
	GMimeMessage *inner;
	size_t len;
	char *text;
	int rv = 0;

	original_free(o);
	if (!mime_walk(GMIME_OBJECT(msg), 0, is_copy, &part))
		return 0;
	if (GMIME_IS_MESSAGE_PART(part)) {
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (inner != NULL) {
			from_object(GMIME_OBJECT(inner), o);
			rv = found_any(o);
		}
	} else if ((text = mime_part_text(part, EXPLAIN_TEXT_MAX, &len)) !=
	    NULL) {
		rv = from_headers(text, len, o);
		free(text);
	}
	return rv;
}

/* Fields that start a quoted header block, in the order MTAs quote them. */
static const char *const block_starts[] = {
	"\nReturn-Path:", "\nReceived:", "\nDKIM-Signature:", "\nMessage-ID:",
	"\nMessage-Id:", "\nFrom:", "\nDate:", "\nSubject:", "\nTo:", NULL,
};

int
original_from_text(const char *text, size_t len, struct explain_original *o)
{
	size_t best = (size_t)-1, at, i;
	const char *s;

	for (i = 0; block_starts[i] != NULL; i++)
		if ((at = extract_find(text, len, block_starts[i])) < best)
			best = at;
	if (best == (size_t)-1)
		return 0;
	s = text + best + 1;
	len -= best + 1;
	/* quoted copies are often indented: leave those to chance */
	original_free(o);
	return from_headers(s, len, o);
}

char *
original_sender_domain(const struct explain_original *o)
{
	char *a, *at, *d;

	if (o->from == NULL ||
	    (a = explain_address(o->from, strlen(o->from))) == NULL)
		return NULL;
	at = strrchr(a, '@');
	d = at != NULL ? xstrdup(at + 1) : NULL;
	free(a);
	return d;
}

void
original_free(struct explain_original *o)
{
	free(o->subject);
	free(o->from);
	free(o->to);
	free(o->date);
	free(o->message_id);
	memset(o, 0, sizeof(*o));
}
