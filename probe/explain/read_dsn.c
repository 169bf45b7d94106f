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
#include <strings.h>

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
		return mime_part_text(part, EXPLAIN_DSN_MAX, len);
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

/*
 * What the delivery-status part left out, from the rest of the report: a
 * recipient known only by Original-Recipient (or by a Final-Recipient that
 * is no address, such as a source route or a file) keeps the original; a
 * recipient without a Diagnostic-Code takes the reply quoted for it in the
 * human-readable part, and one whose Diagnostic-Code names no command takes
 * the command named there (Postfix: "in reply to end of DATA command").
 */
static void
dsn_fill_gaps(GMimeMessage *msg, struct explain_result *r)
{
	struct explain_result t;
	struct explain_rcpt *x, *y;
	size_t i, k;

	for (i = 0; i < r->nrcpts; i++) {
		x = &r->rcpts[i];
		if (x->address == NULL && x->original != NULL)
			x->address = xstrdup(x->original);
	}
	for (i = 0; i < r->nrcpts && r->rcpts[i].text != NULL &&
	    r->rcpts[i].stage_said; i++)
		;
	if (i == r->nrcpts)
		return;
	memset(&t, 0, sizeof(t));
	if (text_recipients(msg, &t) > 0)
		for (i = 0; i < r->nrcpts; i++) {
			x = &r->rcpts[i];
			for (k = 0; (x->text == NULL || !x->stage_said) &&
			    k < t.nrcpts; k++) {
				y = &t.rcpts[k];
				if (y->text == NULL || (x->address != NULL &&
				    y->address != NULL &&
				    strcasecmp(x->address, y->address) != 0 &&
				    t.nrcpts > 1))
					continue;
				if (x->text != NULL) {
					/* the command the reply answered */
					if (y->stage_said)
						explain_rcpt_stage(x, y->stage);
					break;
				}
				x->text = xstrdup(y->text);
				if (x->code == 0)
					x->code = y->code;
				/* a Status of X.0.0 gives way to the reply's own */
				if (x->enhanced[0] == '\0' || (y->enhanced[0] ==
				    x->enhanced[0] && strcmp(x->enhanced + 1,
				    ".0.0") == 0))
					memcpy(x->enhanced, y->enhanced,
					    sizeof(x->enhanced));
				x->stage = y->stage;
				x->stage_said = y->stage_said;
			}
		}
	explain_result_free(&t);
}

int
reader_dsn(GMimeMessage *msg, struct explain_result *r)
{
	GMimeObject *part = NULL;
	size_t len = 0;
	char *text;

	/* the report itself, else a report forwarded as an attachment */
	if ((!mime_walk(GMIME_OBJECT(msg), 0, is_dsn_part, &part) &&
	    !mime_walk(GMIME_OBJECT(msg), 1, is_dsn_part, &part)) ||
	    (text = part_body(part, &len)) == NULL)
		return 0;
	if (dsn_parse(text, len, r) == 0) {
		free(text);
		explain_result_free(r);
		return 0;
	}
	free(text);
	dsn_fill_gaps(msg, r);
	r->kind = EXPLAIN_FAILURE;
	r->format = xstrdup("dsn");
	return 1;
}
