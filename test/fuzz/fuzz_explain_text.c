/*
 * fuzz_explain_text.c - libFuzzer target for the whole reading of one
 * message: the input is parsed by GMime as a message (or, when it does not
 * start like one, as pasted text) and explained: the free-text formats,
 * the DSN, ARF and Amazon SES readers, the Chinese providers' own notices
 * (Tencent, Coremail, Alibaba Mail), the auto-reply signs, the original's
 * headers, the RFC 2047 decoder and the HTML-to-text step all run on it.
 * Invariants: the kind is valid, at most EXPLAIN_RCPTS_MAX recipients,
 * every recipient classified with a side; the JSON record written reads
 * back as JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain/explain.h"
#include "explain/explain_json.h"
#include "explain/mime.h"
#include "meaning/classify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	static struct jsonw w;
	struct explain_records rs;
	struct explain_result *r;
	GMimeStream *mem;
	GMimeParser *p;
	GMimeMessage *m;
	json_t *o;
	size_t i, k;
	char *d;

	if (!inited) {
		explain_init();
		jsonw_init(&w);
		inited = 1;
	}
	d = mime_decode_words((const char *)data, size < 8192 ? size : 8192);
	free(d);
	mem = g_mime_stream_mem_new_with_buffer((const char *)data, size);
	p = g_mime_parser_new_with_stream(mem);
	m = g_mime_parser_construct_message(p, NULL);
	if (m != NULL) {
		explain_message(m, &rs);
		for (k = 0; k < rs.n; k++) {
			r = &rs.r[k];
			if ((int)r->kind < 0 || r->kind >= EXPLAIN_KIND__LAST ||
			    r->nrcpts > EXPLAIN_RCPTS_MAX ||
			    (r->attachment > 0) != (r->attachments > 0) ||
			    r->attachment > r->attachments)
				abort();
			/* the side from its one home, classify_side */
			for (i = 0; i < r->nrcpts; i++)
				if (r->rcpts[i].side != classify_side(
				    r->rcpts[i].reason, r->rcpts[i].text,
				    r->rcpts[i].text != NULL ?
				    strlen(r->rcpts[i].text) : 0))
					abort();
			jsonw_reset(&w);
			explain_json_write(&w, r, "fuzz", 1, LANG_EN, NULL,
			    NULL);
			if ((o = json_loadb(w.buf, w.len, 0, NULL)) == NULL)
				abort();
			json_decref(o);
		}
		explain_records_free(&rs);
		g_object_unref(m);
	}
	g_object_unref(p);
	g_object_unref(mem);
	return 0;
}
