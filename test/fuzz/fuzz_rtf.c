/*
 * fuzz_rtf.c - libFuzzer target for an Outlook RTF body: PR_RTF_COMPRESSED
 * undone (explain/rtfcomp.c) and the RTF read as text or encapsulated
 * HTML (explain/rtftext.c).  The first byte picks what the rest is: a
 * whole stream as a file holds it (header, sizes and CRC as given), LZFu
 * data behind a header made here with its right CRC (so the decoder
 * itself is reached) and the RAWSIZE of its first 4 bytes, or RTF.
 * Invariants: a stream that does not decode gives nothing; one that does
 * is NUL-terminated, never past the bound nor RAWSIZE, nor more than 8
 * bytes for each byte of data (a reference writes at most 17 bytes for
 * 17/8 bytes of data); the text of an RTF is NULL exactly when the input
 * does not start with "{\rtf", else valid UTF-8, NUL-terminated, within
 * its bound.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "explain/explain.h"
#include "explain/rtfcomp.h"
#include "explain/rtftext.h"

#define FUZZ_RAW_MAX	(256 * 1024)
#define FUZZ_TEXT_MAX	(16 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t
crc(const uint8_t *p, size_t n)
{
	uint32_t c = 0;
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		for (c ^= p[i], k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ c >> 1 : c >> 1;
	return c;
}

static void
le32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24;
}

/* The text of rtf[0..n), checked. */
static void
text(const char *rtf, size_t n)
{
	enum rtftext_kind kind;
	size_t len, i = 0;
	char *s = rtftext_convert(rtf, n, FUZZ_TEXT_MAX, &kind, &len);

	while (i < n && (rtf[i] == ' ' || rtf[i] == '\r' || rtf[i] == '\n' ||
	    rtf[i] == '\t'))
		i++;
	if ((s == NULL) != (n - i < 5 || memcmp(rtf + i, "{\\rtf", 5) != 0))
		abort();
	if (s == NULL)
		return;
	if (len > FUZZ_TEXT_MAX || s[len] != '\0' || !utf8_valid(s, len) ||
	    (kind != RTFTEXT_PLAIN && kind != RTFTEXT_TEXT &&
	    kind != RTFTEXT_HTML))
		abort();
	free(s);
}

/* Decode b[0..n) and check; raw: the RAWSIZE given, clen: data bytes. */
static void
decode(const uint8_t *b, size_t n, uint32_t raw, size_t clen)
{
	char *out;
	size_t len;
	enum rtfcomp_status st = rtfcomp_decode(b, n, FUZZ_RAW_MAX, &out, &len);

	if (st != RTFCOMP_OK) {
		if (out != NULL)
			abort();
		return;
	}
	if (out == NULL || out[len] != '\0' || len > FUZZ_RAW_MAX ||
	    len > raw || len > 8 * clen + 8)
		abort();
	text(out, len);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int inited;
	uint8_t *b;
	uint32_t raw;

	if (!inited) {
		explain_init();	/* GMime's charset tables, loaded once */
		inited = 1;
	}
	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		decode(data + 1, size - 1, size >= 9 ? (uint32_t)data[5] |
		    (uint32_t)data[6] << 8 | (uint32_t)data[7] << 16 |
		    (uint32_t)data[8] << 24 : 0, size);
		break;
	case 1:
		if (size < 5)
			return 0;
		raw = (uint32_t)data[1] | (uint32_t)data[2] << 8 |
		    (uint32_t)data[3] << 16 | (uint32_t)data[4] << 24;
		b = malloc(size - 5 + 16);
		if (b == NULL)
			return 0;
		le32(b, (uint32_t)(size - 5 + 12));
		le32(b + 4, raw);
		memcpy(b + 8, "LZFu", 4);
		le32(b + 12, crc(data + 5, size - 5));
		memcpy(b + 16, data + 5, size - 5);
		decode(b, size - 5 + 16, raw, size - 5);
		free(b);
		break;
	default:
		text((const char *)data + 1, size - 1);
		break;
	}
	return 0;
}
