/*
 * rtfcomp.c - PR_RTF_COMPRESSED made RTF again (MS-OXRTFCP 2.1.3.1 and
 * 2.2).  See rtfcomp.h.
 *
 * Public: rtfcomp_decode().
 *
 * Written here rather than taken from libytnef (Debian's libytnef0,
 * DecompressRTF): that one exits the process on a literal past the end of
 * its input, prints to stdout, allocates whatever RAWSIZE a file claims
 * and copies RAWSIZE bytes of an uncompressed stream whatever its length.
 * Here nothing the header says is trusted: COMPSIZE is checked against
 * the bytes there are, RAWSIZE only stops the output early (which never
 * grows past max), the CRC of compressed data is checked (a stream that
 * fails it is garbage, and its text would mislead), an uncompressed
 * stream's CRC (zero by the spec, a checksum of nothing) is not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "explain/rtfcomp.h"

#define RTFCOMP_HEADER	16
#define RTFCOMP_DICT	4096
#define RTFCOMP_LZFU	0x75465A4Cu	/* "LZFu" */
#define RTFCOMP_MELA	0x414C454Du	/* "MELA" */

/* The dictionary's first bytes (MS-OXRTFCP 2.1.2.1), 207 of them. */
static const char rtfcomp_prebuf[] =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
    "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes "
    "New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
    "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

static uint32_t
rtfcomp_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* MS-OXRTFCP 2.1.3.2: CRC-32's table polynomial, from 0, no final xor. */
static uint32_t
rtfcomp_crc(const unsigned char *p, size_t n)
{
	uint32_t crc = 0;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return crc;
}

/* A growing output buffer of at most max bytes. */
struct rtfcomp_out {
	char	*buf;
	size_t	 len, cap, max;
};

static void
rtfcomp_put(struct rtfcomp_out *o, unsigned char c)
{
	if (o->len == o->cap) {
		o->cap = o->cap < 4096 ? 4096 : o->cap * 2;
		if (o->cap > o->max + 1)
			o->cap = o->max + 1;
		o->buf = xrealloc(o->buf, o->cap);
	}
	o->buf[o->len++] = (char)c;
}

/*
 * MS-OXRTFCP 2.2.2.2: each control byte's bits, low first, say whether a
 * literal (0) or a 2-byte dictionary reference (1: 12-bit offset, 4-bit
 * length - 2) follows.  The end is the reference to the write position
 * itself; the output also stops at RAWSIZE or max.  Every token eats input,
 * and each writes at most 17 bytes, so no input makes it loop.
 */
static enum rtfcomp_status
rtfcomp_lzfu(const unsigned char *p, size_t n, size_t want,
    struct rtfcomp_out *o)
{
	unsigned char dict[RTFCOMP_DICT];
	size_t wpos = sizeof(rtfcomp_prebuf) - 1, i = 0, rd, len, k;
	unsigned ctrl = 0, bit;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, rtfcomp_prebuf, wpos);
	while (o->len < want) {
		if (i >= n)
			return RTFCOMP_SHORT;
		ctrl = p[i++];
		for (bit = 0; bit < 8 && o->len < want; bit++) {
			if (i >= n)
				return RTFCOMP_SHORT;
			if (!(ctrl & 1u << bit)) {
				dict[wpos] = p[i];
				wpos = (wpos + 1) % RTFCOMP_DICT;
				rtfcomp_put(o, p[i++]);
				continue;
			}
			if (n - i < 2)
				return RTFCOMP_SHORT;
			rd = (size_t)p[i] << 4 | p[i + 1] >> 4;
			len = (size_t)(p[i + 1] & 0x0f) + 2;
			i += 2;
			if (rd == wpos)
				return RTFCOMP_OK;	/* the end marker */
			for (k = 0; k < len && o->len < want; k++) {
				unsigned char c = dict[rd];

				dict[wpos] = c;
				wpos = (wpos + 1) % RTFCOMP_DICT;
				rd = (rd + 1) % RTFCOMP_DICT;
				rtfcomp_put(o, c);
			}
		}
	}
	return RTFCOMP_OK;
}

enum rtfcomp_status
rtfcomp_decode(const unsigned char *b, size_t n, size_t max, char **out,
    size_t *outlen)
{
	struct rtfcomp_out o = { NULL, 0, 0, max };
	enum rtfcomp_status st;
	uint32_t compsize, rawsize, type;
	size_t clen, want;
	const unsigned char *p = b + RTFCOMP_HEADER;

	*out = NULL;
	*outlen = 0;
	if (n < RTFCOMP_HEADER)
		return RTFCOMP_SHORT;
	compsize = rtfcomp_le32(b);
	rawsize = rtfcomp_le32(b + 4);
	type = rtfcomp_le32(b + 8);
	if (type != RTFCOMP_LZFU && type != RTFCOMP_MELA)
		return RTFCOMP_UNKNOWN;
	/* COMPSIZE counts the data and the 12 header bytes after itself */
	if (compsize < RTFCOMP_HEADER - 4 ||
	    compsize - (RTFCOMP_HEADER - 4) > n - RTFCOMP_HEADER)
		return RTFCOMP_SHORT;
	clen = compsize - (RTFCOMP_HEADER - 4);
	want = rawsize < max ? rawsize : max;
	if (type == RTFCOMP_MELA) {
		if (clen < want)
			return RTFCOMP_SHORT;
		for (size_t i = 0; i < want; i++)
			rtfcomp_put(&o, p[i]);
		st = RTFCOMP_OK;
	} else if (rtfcomp_crc(p, clen) != rtfcomp_le32(b + 12))
		return RTFCOMP_CRC;
	else
		st = rtfcomp_lzfu(p, clen, want, &o);
	if (st != RTFCOMP_OK) {
		free(o.buf);
		return st;
	}
	rtfcomp_put(&o, '\0');
	*out = o.buf;
	*outlen = o.len - 1;
	return RTFCOMP_OK;
}
