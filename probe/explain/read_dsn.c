/*
 * read_dsn.c - the reader of RFC 3464 delivery status notifications: a
 * message/delivery-status part (usually in a multipart/report, RFC 6522;
 * also message/global-delivery-status, RFC 6533) anywhere in the message
 * but inside a returned copy.
 *
 * Public: reader_dsn().
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/dsn.h"
#include "explain/mime.h"
#include "explain/readers.h"

static int
is_dsn_part(GMimeObject *part, int depth, void *arg)
{
	GMimeObject **found = arg;
	char type[128];

	(void)depth;
	mime_type(part, type, sizeof(type));
	if (strcmp(type, "message/delivery-status") == 0 ||
	    strcmp(type, "message/global-delivery-status") == 0 ||
	    strcmp(type, "text/delivery-status") == 0) {
		*found = part;
		return 1;
	}
	return 0;
}

/* The text of a part GMime may hold as a leaf or as a message part. */
static char *
part_body(GMimeObject *part, size_t *len)
{
	GMimeMessage *m;
	GMimeStream *mem;
	GByteArray *ba;
	char *out;

	if (GMIME_IS_PART(part))
		return mime_part_text(part, EXPLAIN_TEXT_MAX, len);
	if (!GMIME_IS_MESSAGE_PART(part) ||
	    (m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part))) ==
	    NULL)
		return NULL;
	/* parsed as a message: its "headers" are the per-message fields */
	mem = g_mime_stream_mem_new();
	g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, mem);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*len = ba->len < EXPLAIN_TEXT_MAX ? ba->len : EXPLAIN_TEXT_MAX;
	out = xstrndup((const char *)ba->data, *len);
	g_object_unref(mem);
	return out;
}

int
reader_dsn(GMimeMessage *msg, struct explain_result *r)
{
	GMimeObject *part = NULL;
	size_t len = 0;
	char *text;

	if (!mime_walk(GMIME_OBJECT(msg), 0, is_dsn_part, &part) ||
	    (text = part_body(part, &len)) == NULL)
		return 0;
	if (dsn_parse(text, len, r) == 0) {
		free(text);
		explain_result_free(r);
		return 0;
	}
	free(text);
	r->kind = EXPLAIN_FAILURE;
	r->format = xstrdup("dsn");
	return 1;
}
