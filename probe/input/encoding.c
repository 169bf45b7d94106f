/*
 * encoding.c - which encoding an input list is in, and its conversion to
 * UTF-8.
 *
 * Detection, in this order: a byte-order mark (UTF-8, UTF-16 LE/BE: Excel
 * saves "Unicode text" as UTF-16LE with a BOM), UTF-16 without a BOM (the
 * NUL bytes of its ASCII characters, then a clean conversion), a sample
 * that is valid UTF-8 (plain ASCII included), a sample with control
 * bytes no text list holds (binary: read as UTF-8, so each bad row is
 * named rather than made into letters), else uchardet's answer,
 * mapped to the superset iconv should use (GB2312/GBK to GB18030,
 * ISO-8859-1 to WINDOWS-1252, whose 0x80-0x9F are letters and signs, not
 * controls), and when uchardet cannot tell, a documented fallback
 * (encoding.h).
 * Conversion is iconv's; what it cannot convert becomes U+FFFD, so a bad
 * byte costs one character, never the rest of the file.
 *
 * Public: encoding_detect, encoding_uchardet, encoding_big5,
 * encoding_canonical, encoding_is_utf8, encoding_open, encoding_convert,
 * encoding_replaced, encoding_close.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>

#include "input/encoding.h"
#include "base/cjkpairs.h"
#include "base/utf8.h"
#include "base/util.h"

struct encoding_conv {
	iconv_t		 cd;
	size_t		 unit;		/* bytes skipped past an invalid sequence */
	unsigned long	 replaced;
};

/* What a detector or a user may call an encoding -> the name iconv gets. */
static const struct {
	const char	*alias;
	const char	*name;
} encoding_aliases[] = {
	{ "ascii",		"UTF-8" },
	{ "us-ascii",		"UTF-8" },
	{ "utf8",		"UTF-8" },
	{ "utf-8",		"UTF-8" },
	{ "gb2312",		"GB18030" },
	{ "gbk",		"GB18030" },
	{ "cp936",		"GB18030" },
	{ "euc-cn",		"GB18030" },
	{ "gb18030",		"GB18030" },
	{ "big5",		"BIG5" },
	{ "big5-hkscs",		"BIG5-HKSCS" },
	{ "cp950",		"BIG5" },
	{ "shift_jis",		"SHIFT_JIS" },
	{ "shift-jis",		"SHIFT_JIS" },
	{ "sjis",		"SHIFT_JIS" },
	{ "cp932",		"CP932" },
	{ "latin1",		"WINDOWS-1252" },
	{ "latin-1",		"WINDOWS-1252" },
	{ "iso-8859-1",		"WINDOWS-1252" },
	{ "iso8859-1",		"WINDOWS-1252" },
	{ "cp1252",		"WINDOWS-1252" },
	{ "windows-1252",	"WINDOWS-1252" },
	{ "utf-16",		"UTF-16" },
	{ "utf-16le",		"UTF-16LE" },
	{ "utf-16be",		"UTF-16BE" },
};

static void
encoding_set(char name[ENCODING_NAME_MAX], const char *s)
{
	snprintf(name, ENCODING_NAME_MAX, "%s", s);
}

static const char *
encoding_alias(const char *given)
{
	size_t i;

	for (i = 0; i < sizeof(encoding_aliases) / sizeof(encoding_aliases[0]);
	    i++)
		if (strcasecmp(given, encoding_aliases[i].alias) == 0)
			return encoding_aliases[i].name;
	return given;
}

/* A sample cut at an arbitrary byte: the last sequence may be incomplete. */
static bool
encoding_valid_utf8(const char *s, size_t len, bool at_eof)
{
	unsigned long cp;
	size_t i, n, need;
	unsigned char c;

	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &cp)) > 0)
			continue;
		if (at_eof || len - i >= 4)
			return false;
		c = (unsigned char)s[i];
		need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 :
		    c >= 0xC2 && c < 0xE0 ? 2 : 0;
		if (need == 0 || len - i >= need)
			return false;
		for (n = 1; i + n < len; n++)
			if (((unsigned char)s[i + n] & 0xC0) != 0x80)
				return false;
		return true;
	}
	return true;
}

/*
 * UTF-16 without a BOM: a list is mostly ASCII (addresses, separators), and
 * each ASCII character has a NUL byte, at odd offsets in UTF-16LE, at even
 * ones in UTF-16BE; no other encoding a list comes in has NULs.  A quarter
 * of the units at least (two or more), nearly all on one side, and the sample
 * must then convert without an invalid sequence.  NULL when it is not UTF-16.
 */
static const char *
encoding_utf16(const char *s, size_t len)
{
	size_t i, even = 0, odd = 0, n = len & ~(size_t)1, need, inleft, outleft;
	const char *name, *in;
	char out[512], *o;
	iconv_t cd;
	bool ok = true;

	for (i = 0; i < n; i++)
		if (s[i] == '\0')
			*(i % 2 ? &odd : &even) += 1;
	need = n / 8 < 2 ? 2 : n / 8;
	if (odd >= need && even <= odd / 16)
		name = "UTF-16LE";
	else if (even >= need && odd <= even / 16)
		name = "UTF-16BE";
	else
		return NULL;
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		fatalx("%s: iconv_open %s", __func__, name);
	in = s;
	inleft = n;
	while (ok && inleft > 0) {
		o = out;
		outleft = sizeof(out);
		if (iconv(cd, (char **)&in, &inleft, &o, &outleft) ==
		    (size_t)-1)
			/*
			 * E2BIG: go on; EINVAL: a pair cut at the sample's end
			 */
			ok = errno == E2BIG || errno == EINVAL;
		if (errno == EINVAL)
			break;
	}
	iconv_close(cd);
	return ok ? name : NULL;
}

/*
 * Control bytes other than TAB, LF, VT, FF and CR: no list saved as text in
 * an 8-bit or multibyte encoding holds them (UTF-16 was ruled out before),
 * so the file is binary, and Windows-1252 would turn its junk into letters.
 */
static bool
encoding_binary(const char *s, size_t len)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c < 0x20 && (c < '\t' || c > '\r'))
			return true;
	}
	return false;
}

/* uchardet's answers a list is saved in; others are taken as no answer. */
static bool
encoding_expected(const char *name)
{
	static const char *const names[] = { "GB18030", "BIG5", "BIG5-HKSCS",
	    "SHIFT_JIS", "CP932", "EUC-JP", "EUC-KR", "WINDOWS-1252",
	    "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-8" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i]) == 0)
			return true;
	return false;
}

/* encoding_big5()'s rule (encoding.h) on a scan's counts. */
static bool
encoding_big5_pairs(const struct cjk_pairs *c)
{
	return c->big5 && c->longest >= 2 && c->common > c->rare;
}

bool
encoding_big5(const char *s, size_t len, bool at_eof)
{
	struct cjk_pairs c;

	cjk_pairs_scan(s, len, at_eof, &c);
	return encoding_big5_pairs(&c);
}

/*
 * The fallback when uchardet cannot tell: BIG5 when the bytes are Big5's
 * Chinese (encoding_big5), GB18030 when every non-ASCII byte is in a pair
 * of GB2312's range, else WINDOWS-1252 (Western Excel's; every byte is a
 * character).
 */
static const char *
encoding_fallback(const char *s, size_t len, bool at_eof)
{
	struct cjk_pairs c;

	cjk_pairs_scan(s, len, at_eof, &c);
	if (encoding_big5_pairs(&c))
		return "BIG5";
	return c.gb ? "GB18030" : "WINDOWS-1252";
}

/*
 * Chinese that uchardet took for WINDOWS-1252: on a short list (a header
 * and a few names) it often does, for Big5 ("富邦金控") and for GBK
 * ("何燕") alike.  Latin-1 text puts an accented letter among ASCII ones;
 * Chinese comes in runs of two characters at least, each a pair.  BIG5
 * or GB18030 by the fallback's tests with such a run, else NULL.
 */
static const char *
encoding_not_latin(const char *s, size_t len, bool at_eof)
{
	struct cjk_pairs c;

	cjk_pairs_scan(s, len, at_eof, &c);
	if (encoding_big5_pairs(&c))
		return "BIG5";
	return c.gb && c.longest >= 2 ? "GB18030" : NULL;
}

/*
 * One detector for the process, reset before each use: a new one makes
 * its ~20 probers and their state on every call, which cost more than
 * reading the few lines of a bounce; its answers after a reset are a new
 * one's (checked on the fixtures, the fuzz corpora and slices of them).
 */
const char *
encoding_uchardet(const char *s, size_t len)
{
	static uchardet_t ud;

	if (ud == NULL && (ud = uchardet_new()) == NULL)
		fatalx("%s: uchardet_new", __func__);
	uchardet_reset(ud);
	if (uchardet_handle_data(ud, s, len) != 0)
		return NULL;
	uchardet_data_end(ud);
	return uchardet_get_charset(ud);
}

void
encoding_detect(const char *s, size_t len, bool at_eof,
    char name[ENCODING_NAME_MAX], enum encoding_how *how)
{
	const char *cs, *u16, *cjk;

	*how = ENCODING_SURE;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		encoding_set(name, "UTF-8");
		return;
	}
	if (len >= 2 && memcmp(s, "\xff\xfe", 2) == 0) {
		encoding_set(name, "UTF-16LE");
		return;
	}
	if (len >= 2 && memcmp(s, "\xfe\xff", 2) == 0) {
		encoding_set(name, "UTF-16BE");
		return;
	}
	if ((u16 = encoding_utf16(s, len)) != NULL) {
		encoding_set(name, u16);
		return;
	}
	if (encoding_valid_utf8(s, len, at_eof)) {
		encoding_set(name, "UTF-8");
		return;
	}
	if (encoding_binary(s, len)) {
		*how = ENCODING_BINARY;
		encoding_set(name, "UTF-8");
		return;
	}
	cs = encoding_uchardet(s, len);
	/* the bytes are not valid UTF-8 (above): uchardet's "UTF-8" for a
	 * few GBK bytes ("投递失败") cannot be right */
	if (cs != NULL && !encoding_is_utf8(encoding_alias(cs)) &&
	    encoding_expected(encoding_alias(cs))) {
		*how = ENCODING_GUESSED;
		cs = encoding_alias(cs);
		if (strcmp(cs, "WINDOWS-1252") == 0 &&
		    (cjk = encoding_not_latin(s, len, at_eof)) != NULL)
			cs = cjk;
		encoding_set(name, cs);
	} else {
		*how = ENCODING_FALLBACK;
		encoding_set(name, encoding_fallback(s, len, at_eof));
	}
}

int
encoding_canonical(const char *given, char name[ENCODING_NAME_MAX])
{
	const char *n = encoding_alias(given);
	iconv_t cd;

	if (strlen(n) >= ENCODING_NAME_MAX)
		return -1;
	if ((cd = iconv_open("UTF-8", n)) == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	encoding_set(name, n);
	return 0;
}

bool
encoding_is_utf8(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0;
}

struct encoding_conv *
encoding_open(const char *name)
{
	struct encoding_conv *c;
	iconv_t cd;

	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->cd = cd;
	c->unit = strncasecmp(name, "UTF-16", 6) == 0 ? 2 :
	    strncasecmp(name, "UTF-32", 6) == 0 ? 4 : 1;
	return c;
}

/* Put U+FFFD in out, skip one unit of input (or all of it, when shorter). */
static size_t
encoding_replace(struct encoding_conv *c, const char **in, size_t *inlen,
    char *out)
{
	size_t skip = *inlen < c->unit ? *inlen : c->unit;

	*in += skip;
	*inlen -= skip;
	c->replaced++;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	memcpy(out, "\xef\xbf\xbd", 3);
	return 3;
}

size_t
encoding_convert(struct encoding_conv *c, const char **in, size_t *inlen,
    char *out, size_t outcap, bool last)
{
	char *ip, *op = out;
	size_t ol = outcap, r;

	while (*inlen > 0 && ol >= 8) {
		ip = (char *)*in;
		r = iconv(c->cd, &ip, inlen, &op, &ol);
		*in = ip;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			break;
		if (errno == EINVAL && !last)
			break;
		/* EILSEQ, or a cut-off sequence at the very end */
		r = encoding_replace(c, in, inlen, op);
		op += r;
		ol -= r;
	}
	return (size_t)(op - out);
}

unsigned long
encoding_replaced(const struct encoding_conv *c)
{
	return c->replaced;
}

void
encoding_close(struct encoding_conv *c)
{
	if (c == NULL)
		return;
	iconv_close(c->cd);
	free(c);
}
