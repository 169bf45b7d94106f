/*
 * fuzz_msg.c - libFuzzer target for the Outlook .msg reader
 * (explain/msgfile.c): any bytes given as a compound file (the signature
 * put in front when missing, so libgsf's own checks are passed often),
 * and a message made of them read by explain as any message.
 * Invariants: a status is always one of the three; OK comes with a
 * NUL-terminated message of at most MSGFILE_OUT_MAX bytes plus its
 * headers, DAMAGED with a reason, NOT_MESSAGE with neither; the message
 * made parses and gives a result of a known kind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "explain/explain.h"
#include "explain/filekind.h"
#include "explain/msgfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	struct explain_records rs;
	GMimeStream *mem;
	GMimeParser *p;
	GMimeMessage *m;
	char *in, *out, *why;
	size_t n, len, i;
	enum msgfile_status st;

	if (!inited) {
		explain_init();
		inited = 1;
	}
	if (size > MSGFILE_SIZE_MAX)
		return 0;
	in = malloc(size + 8);
	if (in == NULL)
		return 0;
	n = size;
	if (filekind_is_ole2((const char *)data, size))
		memcpy(in, data, size);
	else {
		memcpy(in, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
		memcpy(in + 8, data, size);
		n += 8;
	}
	st = msgfile_to_mime(in, n, &out, &len, &why);
	switch (st) {
	case MSGFILE_OK:
		if (out == NULL || out[len] != '\0' || why != NULL)
			abort();
		mem = g_mime_stream_mem_new_with_buffer(out, len);
		p = g_mime_parser_new_with_stream(mem);
		if ((m = g_mime_parser_construct_message(p, NULL)) != NULL) {
			explain_message(m, &rs);
			for (i = 0; i < rs.n; i++)
				if ((int)rs.r[i].kind < 0 ||
				    rs.r[i].kind >= EXPLAIN_KIND__LAST)
					abort();
			explain_records_free(&rs);
			g_object_unref(m);
		}
		g_object_unref(p);
		g_object_unref(mem);
		free(out);
		break;
	case MSGFILE_DAMAGED:
		if (out != NULL || why == NULL || why[0] == '\0')
			abort();
		free(why);
		break;
	case MSGFILE_NOT_MESSAGE:
		if (out != NULL || why != NULL)
			abort();
		break;
	default:
		abort();
	}
	free(in);
	return 0;
}
