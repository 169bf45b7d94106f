/*
 * fuzz_hdrstream.c - libFuzzer target for hdrstream.c and rawhdr.c, by
 * comparison with GMime itself: the input, as a file, is parsed by GMime
 * straight from the file and again through hdrstream with the fields it
 * kept given to the message, once as an mbox and once as one message.
 * Invariants: the same messages (count, header block offsets), the same
 * top-level fields in order (name and raw value) and the same value by
 * GMime's own decoding, the same part tree (types, each part's fields,
 * each leaf's raw content).  Inputs stay below hdrstream's buffer
 * (scripts/check's -max_len), whose header blocks it always holds: a
 * bigger block gives GMime only its Content- fields past the buffer's
 * worth (test_hdrstream test_huge_block), by design not what GMime reads.
 */
#define _GNU_SOURCE		/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "explain/explain.h"
#include "explain/hdrstream.h"
#include "explain/mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
same_fields(GMimeObject *a, GMimeObject *b)
{
	const char *na, *ra, *nb, *rb;
	char *va, *vb;
	size_t i;

	for (i = 0; mime_header_at(a, i, &na, &ra); i++) {
		CHECK(mime_header_at(b, i, &nb, &rb));
		CHECK(same_str(na, nb) && same_str(ra, rb));
		CHECK(same_str(mime_header_raw(a, na), mime_header_raw(b, na)));
		va = mime_header_gmime(a, na);
		vb = mime_header_gmime(b, na);
		CHECK(same_str(va, vb));
		free(va);
		free(vb);
	}
	CHECK(!mime_header_at(b, i, &nb, &rb));
}

static GByteArray *
raw_bytes(GMimeObject *o)
{
	GByteArray *ba = g_byte_array_new();
	GMimeDataWrapper *w;
	GMimeStream *s;
	char buf[4096];
	ssize_t n;

	if (GMIME_IS_PART(o) && (w = g_mime_part_get_content(GMIME_PART(o))) !=
	    NULL && (s = g_mime_data_wrapper_get_stream(w)) != NULL) {
		g_mime_stream_reset(s);
		while ((n = g_mime_stream_read(s, buf, sizeof(buf))) > 0)
			g_byte_array_append(ba, (guint8 *)buf, (guint)n);
	}
	return ba;
}

static void
same_tree(GMimeObject *a, GMimeObject *b, int depth)
{
	char ta[128], tb[128];
	GByteArray *ca, *cb;
	int i, n;

	CHECK((a == NULL) == (b == NULL));
	if (a == NULL || depth > 40)
		return;
	mime_type(a, ta, sizeof(ta));
	mime_type(b, tb, sizeof(tb));
	CHECK(strcmp(ta, tb) == 0);
	CHECK(G_OBJECT_TYPE(a) == G_OBJECT_TYPE(b));
	same_fields(a, b);
	if (GMIME_IS_MULTIPART(a)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(a));
		CHECK(n == g_mime_multipart_get_count(GMIME_MULTIPART(b)));
		for (i = 0; i < n; i++)
			same_tree(g_mime_multipart_get_part(GMIME_MULTIPART(a),
			    i), g_mime_multipart_get_part(GMIME_MULTIPART(b),
			    i), depth + 1);
	} else if (GMIME_IS_PART(a)) {
		ca = raw_bytes(a);
		cb = raw_bytes(b);
		/* an empty GByteArray's data is NULL: no memcmp() of it */
		CHECK(ca->len == cb->len && (ca->len == 0 ||
		    memcmp(ca->data, cb->data, ca->len) == 0));
		g_byte_array_free(ca, TRUE);
		g_byte_array_free(cb, TRUE);
	}
}

static void
compare(int fd, int mbox)
{
	GMimeFormat f = mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE;
	GMimeStream *fs, *hs;
	GMimeParser *pa, *pb;
	GMimeMessage *ma, *mb;
	struct rawhdr *kept;
	int n;

	/* GMime's file stream starts where the descriptor is */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	fs = g_mime_stream_fs_new(dup(fd));
	hs = hdrstream_new(dup(fd), mbox);
	pa = g_mime_parser_new_with_stream(fs);
	pb = g_mime_parser_new_with_stream(hs);
	g_mime_parser_set_format(pa, f);
	g_mime_parser_set_format(pb, f);
	for (n = 0; n < 1000; n++) {
		ma = g_mime_parser_construct_message(pa, NULL);
		mb = g_mime_parser_construct_message(pb, NULL);
		CHECK((ma == NULL) == (mb == NULL));
		if (ma == NULL)
			break;
		CHECK(g_mime_parser_get_headers_begin(pa) ==
		    g_mime_parser_get_headers_begin(pb));
		if ((kept = hdrstream_take(hs,
		    g_mime_parser_get_headers_begin(pb))) != NULL)
			mime_keep_headers(mb, kept);
		same_fields(GMIME_OBJECT(ma), GMIME_OBJECT(mb));
		same_tree(g_mime_message_get_mime_part(ma),
		    g_mime_message_get_mime_part(mb), 0);
		g_object_unref(ma);
		g_object_unref(mb);
		if (!mbox)
			break;
		CHECK(g_mime_parser_eos(pa) == g_mime_parser_eos(pb));
		if (g_mime_parser_eos(pa))
			break;
	}
	g_object_unref(pa);
	g_object_unref(pb);
	g_object_unref(fs);
	g_object_unref(hs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	int fd;

	if (!inited) {
		explain_init();
		inited = 1;
	}
	/* a file in memory: a tmpfile() per input was a file made and
	 * deleted on disk each time */
	if ((fd = memfd_create("fuzz_hdrstream", 0)) < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	compare(fd, 1);
	compare(fd, 0);
	close(fd);
	return 0;
}
