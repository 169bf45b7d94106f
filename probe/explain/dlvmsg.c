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
#include "explain/mime.h"

struct dlv_header *
dlvmsg_headers(GMimeMessage *msg, size_t *n)
{
	struct dlv_header *h;
	const char *name, *raw;
	size_t count, i, k = 0;

	for (count = 0; count < DLV_HEADERS_MAX + 1 &&
	    mime_header_at(GMIME_OBJECT(msg), count, &name, &raw); count++)
		;
	h = xcalloc(count > 0 ? count : 1, sizeof(*h));
	for (i = 0; i < count; i++) {
		if (!mime_header_at(GMIME_OBJECT(msg), i, &name, &raw) ||
		    name == NULL || raw == NULL)
			continue;
		h[k].name = name;
		h[k].value = raw;
		h[k].len = strlen(raw);
		k++;
	}
	*n = k;
	return h;
}
