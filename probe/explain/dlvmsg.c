/*
 * dlvmsg.c - a GMime message's top-level headers, in order, as the
 * (name, raw value) pairs delivered.c reads.  Raw values: GMime's decoded
 * ones have RFC 2047 words decoded and folding removed, which would let an
 * encoded word hide a ";" in a Received: header.
 *
 * Public: dlvmsg_headers().
 */
#include <string.h>

#include "base/util.h"
#include "explain/dlvmsg.h"

struct dlv_header *
dlvmsg_headers(GMimeMessage *msg, size_t *n)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	struct dlv_header *h;
	int count, i;
	size_t k = 0;

	count = hl != NULL ? g_mime_header_list_get_count(hl) : 0;
	if (count > DLV_HEADERS_MAX + 1)
		count = DLV_HEADERS_MAX + 1;
	h = xcalloc(count > 0 ? (size_t)count : 1, sizeof(*h));
	for (i = 0; i < count; i++) {
		GMimeHeader *hd = g_mime_header_list_get_header_at(hl, i);
		const char *name = hd != NULL ? g_mime_header_get_name(hd) : NULL;
		const char *raw = hd != NULL ? g_mime_header_get_raw_value(hd) :
		    NULL;

		if (name == NULL || raw == NULL)
			continue;
		h[k].name = name;
		h[k].value = raw;
		h[k].len = strlen(raw);
		k++;
	}
	*n = k;
	return h;
}
