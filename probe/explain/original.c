/*
 * original.c - find the original message a report is about.  See
 * original.h.
 *
 * Public: original_find(), original_from_text(), original_sender_domain(),
 * original_free().
 *
 * Headers quoted as text (text/rfc822-headers, or a copy pasted into a
 * plain-text bounce) are split into fields here (from_headers) and each
 * value decoded as a parsed header's is.
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

static char **
wanted_slot(struct explain_original *o, size_t i)
{
	char **slots[] = { &o->subject, &o->from, &o->to, &o->date,
	    &o->message_id };

	return slots[i];
}

/*
 * Read a quoted header block (cut at its first blank line) for the
 * wanted fields; 1 when it gave any.  Only the split into fields is done
 * here, and only for these five: a quoted copy is text, not a MIME entity,
 * and building a GMime part for it cost a parser and a header object per
 * line.  Each value then goes the way of a parsed header's
 * (mime_header_value: unfolded, RFC 2047 words decoded); the first of
 * two fields of one name wins, as in a parsed header list.
 */
static int
from_headers(const char *s, size_t len, struct explain_original *o)
{
	const char *p = s, *end = s + len, *eol, *nul;
	char **slot = NULL;
	size_t n, i, k, vlen = 0;
	char *v = xmalloc(len + 1);

	for (;;) {
		eol = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		if (eol == NULL)
			eol = end;
		n = (size_t)(eol - p);
		/* a field ends where a line does not continue it */
		if (slot != NULL && (p >= end || n == 0 ||
		    (*p != ' ' && *p != '\t'))) {
			if ((nul = memchr(v, '\0', vlen)) != NULL)
				vlen = (size_t)(nul - v);
			*slot = mime_header_value(v, vlen);
			slot = NULL;
		}
		if (p >= end || n == 0 || (n == 1 && *p == '\r'))
			break;		/* the end of the header block */
		if (slot != NULL) {
			memcpy(v + vlen, p, n);
			vlen += n;
		} else if (*p != ' ' && *p != '\t')
			for (i = 0; wanted[i] != NULL; i++) {
				if (*wanted_slot(o, i) == NULL &&
				    extract_starts(p, n, wanted[i])) {
					k = strlen(wanted[i]);
					slot = wanted_slot(o, i);
					vlen = n - k;
					memcpy(v, p + k, vlen);
					break;
				}
			}
		p = eol < end ? eol + 1 : end;
	}
	free(v);
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
	} else if (mime_is_message(part)) {
		/* a copy left unparsed (mime_init): its header block as text */
		if ((text = mime_inner_headers(part, EXPLAIN_TEXT_MAX, &len)) !=
		    NULL) {
			rv = from_headers(text, len, o);
			free(text);
		}
	} else if ((text = mime_part_text(part, EXPLAIN_TEXT_MAX, &len)) !=
	    NULL) {
		rv = from_headers(text, len, o);
		free(text);
	}
	return rv;
}

/*
 * Fields that start a quoted header block, in the order MTAs quote them;
 * each at the start of a line after the first, in either case.
 */
static const char *const block_starts[] = {
	"Return-Path:", "Received:", "DKIM-Signature:", "Message-ID:",
	"From:", "Date:", "Subject:", "To:", NULL,
};

/*
 * The first line break followed by one of block_starts: one pass over the
 * lines, not a search of the whole text for each field name.
 */
int
original_from_text(const char *text, size_t len, struct explain_original *o)
{
	const char *end = text + len, *p, *s = NULL;
	size_t i;

	for (p = memchr(text, '\n', len); p != NULL && s == NULL;
	    p = memchr(p + 1, '\n', (size_t)(end - p - 1)))
		for (i = 0; s == NULL && block_starts[i] != NULL; i++)
			if (extract_starts(p + 1, (size_t)(end - p - 1),
			    block_starts[i]))
				s = p + 1;
	if (s == NULL)
		return 0;
	len = (size_t)(end - s);
	/* quoted copies are often indented: leave those to chance */
	original_free(o);
	return from_headers(s, len, o);
}

char *
original_sender_domain(const struct explain_original *o)
{
	char *a, *at, *d;

	if (o->from != NULL && o->from[0] == '@' && o->from[1] != '\0' &&
	    strchr(o->from, ',') == NULL)
		return xstrdup(o->from + 1);	/* --redact kept only "@domain" */
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
