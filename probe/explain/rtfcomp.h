/*
 * rtfcomp.h - the body Outlook keeps as PR_RTF_COMPRESSED (MS-OXRTFCP):
 * a 16-byte header (COMPSIZE, RAWSIZE, COMPTYPE, CRC), then the RTF as it
 * is ("MELA") or LZ77-compressed against a 4096-byte dictionary ("LZFu").
 */
#ifndef MXTRACE_EXPLAIN_RTFCOMP_H
#define MXTRACE_EXPLAIN_RTFCOMP_H

#include <stddef.h>

enum rtfcomp_status {
	RTFCOMP_OK,		/* *out is the RTF */
	RTFCOMP_UNKNOWN,	/* COMPTYPE is neither MELA nor LZFu */
	RTFCOMP_SHORT,		/* the stream holds less than its header or its data says */
	RTFCOMP_CRC,		/* LZFu data whose CRC is not the header's */
};

/*
 * The RTF in the PR_RTF_COMPRESSED value b[0..n): RTFCOMP_OK with *out
 * (owned, NUL-terminated) and *outlen set, at most max bytes of it (a
 * larger RAWSIZE is never allocated, only decoded up to max); else *out
 * is NULL.
 */
enum rtfcomp_status rtfcomp_decode(const unsigned char *b, size_t n,
	    size_t max, char **out, size_t *outlen);

#endif
