/*
 * test_rtf.c - an Outlook RTF body: PR_RTF_COMPRESSED undone
 * (explain/rtfcomp.c) on MS-OXRTFCP's own examples (3.1.1, 3.1.2) and on
 * hostile streams (cut short, lying sizes, a bad CRC, references that
 * never end, an unknown type), and the RTF read as text
 * (explain/rtftext.c): plain RTF, \ansicpg936 bytes, \uN characters,
 * HTML and text encapsulated per MS-OXRTFEX, groups nested past the
 * bound.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/explain.h"
#include "explain/rtfcomp.h"
#include "explain/rtftext.h"

/* MS-OXRTFCP 3.1.1 "Simple Compressed RTF" */
static const unsigned char example1[] = {
	0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75,
	0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67,
	0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09,
	0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
	0xa0,
};
static const char example1_rtf[] =
    "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";

/* MS-OXRTFCP 3.1.2 "Compressed RTF with Cross-Dictionary-Boundary Run" */
static const unsigned char example2[] = {
	0x1a, 0x00, 0x00, 0x00, 0x1c, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75,
	0xe2, 0xd4, 0x4b, 0x51, 0x41, 0x00, 0x04, 0x20, 0x57, 0x58, 0x59, 0x5a,
	0x0d, 0x6e, 0x7d, 0x01, 0x0e, 0xb0,
};

static void
le32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24;
}

/* The spec's CRC (2.1.3.2), written apart from the decoder's. */
static uint32_t
crc(const unsigned char *p, size_t n)
{
	uint32_t table[256], c;
	size_t i;
	int k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ c >> 1 : c >> 1;
		table[i] = c;
	}
	for (c = 0, i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ c >> 8;
	return c;
}

/* An LZFu stream of contents[0..n) claiming rawsize, with a right CRC. */
static unsigned char *
lzfu(const unsigned char *contents, size_t n, uint32_t rawsize, size_t *len)
{
	unsigned char *b = xmalloc(n + 16);

	le32(b, (uint32_t)n + 12);
	le32(b + 4, rawsize);
	memcpy(b + 8, "LZFu", 4);
	le32(b + 12, crc(contents, n));
	memcpy(b + 16, contents, n);
	*len = n + 16;
	return b;
}

static void
test_spec_examples(void **state)
{
	char *out;
	size_t len;

	(void)state;
	assert_int_equal(rtfcomp_decode(example1, sizeof(example1),
	    RTF_RAW_MAX, &out, &len), RTFCOMP_OK);
	assert_int_equal(len, 43);
	assert_string_equal(out, example1_rtf);
	free(out);
	/* a run that reads across the dictionary's write position */
	assert_int_equal(rtfcomp_decode(example2, sizeof(example2),
	    RTF_RAW_MAX, &out, &len), RTFCOMP_OK);
	assert_string_equal(out, "{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}");
	free(out);
	/* the CRCs the spec gives are the ones its algorithm computes */
	assert_int_equal(crc(example1 + 16, sizeof(example1) - 16), 0xa7c7c5f1);
	assert_int_equal(crc(example2 + 16, sizeof(example2) - 16), 0x514bd4e2);
}

static void
test_uncompressed(void **state)
{
	unsigned char b[64];
	static const char rtf[] = "{\\rtf1\\ansi hi}";
	char *out;
	size_t len;

	(void)state;
	le32(b, sizeof(rtf) - 1 + 12);
	le32(b + 4, sizeof(rtf) - 1);
	memcpy(b + 8, "MELA", 4);
	le32(b + 12, 0x12345678);	/* MUST be 0; a checksum of nothing */
	memcpy(b + 16, rtf, sizeof(rtf) - 1);
	assert_int_equal(rtfcomp_decode(b, 16 + sizeof(rtf) - 1, RTF_RAW_MAX,
	    &out, &len), RTFCOMP_OK);
	assert_string_equal(out, rtf);
	free(out);
	/* RAWSIZE past the data: refused, nothing read past it */
	le32(b + 4, 0xffffffff);
	assert_int_equal(rtfcomp_decode(b, 16 + sizeof(rtf) - 1, RTF_RAW_MAX,
	    &out, &len), RTFCOMP_SHORT);
	assert_null(out);
}

static void
test_hostile(void **state)
{
	unsigned char b[sizeof(example1)], *s, refs[17 * 4000];
	char *out;
	size_t len, i, n, w;

	(void)state;
	/* cut short: the header, then every length short of the whole */
	for (i = 0; i < sizeof(example1); i++)
		assert_int_equal(rtfcomp_decode(example1, i, RTF_RAW_MAX, &out,
		    &len), RTFCOMP_SHORT);
	/* COMPSIZE larger than the stream, and smaller than its header */
	memcpy(b, example1, sizeof(b));
	le32(b, 0x7fffffff);
	assert_int_equal(rtfcomp_decode(b, sizeof(b), RTF_RAW_MAX, &out, &len),
	    RTFCOMP_SHORT);
	le32(b, 3);
	assert_int_equal(rtfcomp_decode(b, sizeof(b), RTF_RAW_MAX, &out, &len),
	    RTFCOMP_SHORT);
	/* one byte changed: the CRC says so */
	memcpy(b, example1, sizeof(b));
	b[30] ^= 0x20;
	assert_int_equal(rtfcomp_decode(b, sizeof(b), RTF_RAW_MAX, &out, &len),
	    RTFCOMP_CRC);
	assert_null(out);
	/* neither MELA nor LZFu */
	memcpy(b, example1, sizeof(b));
	memcpy(b + 8, "LZFv", 4);
	assert_int_equal(rtfcomp_decode(b, sizeof(b), RTF_RAW_MAX, &out, &len),
	    RTFCOMP_UNKNOWN);
	/* RAWSIZE of 4 GiB and a right CRC: decoded to the end of the data,
	 * which comes first (no end marker): refused, nothing allocated for
	 * the size claimed */
	s = lzfu(example1 + 16, sizeof(example1) - 16 - 3, 0xffffffff, &n);
	assert_int_equal(rtfcomp_decode(s, n, RTF_RAW_MAX, &out, &len),
	    RTFCOMP_SHORT);
	free(s);
	/* RAWSIZE larger than the end marker: the marker ends it */
	s = lzfu(example1 + 16, sizeof(example1) - 16, 0xffffffff, &n);
	assert_int_equal(rtfcomp_decode(s, n, RTF_RAW_MAX, &out, &len),
	    RTFCOMP_OK);
	assert_string_equal(out, example1_rtf);
	free(out);
	free(s);
	/* back-references that never end (17 bytes each, from just after
	 * the write position, never at it): the output stops at max */
	for (i = 0, w = 207; i < sizeof(refs); i += 17) {
		refs[i] = 0xff;
		for (n = 0; n < 8; n++, w = (w + 17) % 4096) {
			refs[i + 1 + 2 * n] = (unsigned char)((w + 1) % 4096 >> 4);
			refs[i + 2 + 2 * n] = (unsigned char)(((w + 1) & 0x0f) << 4 |
			    0x0f);
		}
	}
	s = lzfu(refs, sizeof(refs), 0xffffffff, &n);
	assert_int_equal(rtfcomp_decode(s, n, 100000, &out, &len), RTFCOMP_OK);
	assert_int_equal(len, 100000);
	assert_int_equal(out[len], '\0');
	free(out);
	/* with a larger bound the data runs out first: refused */
	assert_int_equal(rtfcomp_decode(s, n, RTF_RAW_MAX, &out, &len),
	    RTFCOMP_SHORT);
	assert_null(out);
	free(s);
}

/* The text of an RTF string, its kind checked. */
static char *
text(const char *rtf, enum rtftext_kind want)
{
	enum rtftext_kind kind;
	size_t len;
	char *s = rtftext_convert(rtf, strlen(rtf), RTF_TEXT_MAX, &kind, &len);

	assert_non_null(s);
	assert_int_equal(kind, want);
	assert_int_equal(strlen(s), len);
	return s;
}

static void
test_plain(void **state)
{
	char *s;

	(void)state;
	s = text(example1_rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "hello world");
	free(s);
	s = text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
	    "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20;}"
	    "{\\info{\\title x}}\\pard\\f0\\fs20 Delivery has failed:\\par\n"
	    "\\tab bob@example.net\\line it\\rquote s \\{ok\\}\\~done\\par}",
	    RTFTEXT_PLAIN);
	assert_string_equal(s, "Delivery has failed:\n\tbob@example.net\n"
	    "it's {ok} done\n");
	free(s);
	/* not RTF */
	assert_null(rtftext_convert("hello", 5, 100, &(enum rtftext_kind){ 0 },
	    &(size_t){ 0 }));
}

static void
test_codepages(void **state)
{
	char *s;

	(void)state;
	/* \ansicpg936: GBK bytes (无法 = CE DE B7 A8) */
	s = text("{\\rtf1\\ansi\\ansicpg936 \\'ce\\'de\\'b7\\'a8}", RTFTEXT_PLAIN);
	assert_string_equal(s, "无法");
	free(s);
	/* a font's \fcharset134 outranks \ansicpg1252 */
	s = text("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f1\\fnil\\fcharset134 "
	    "SimSun;}}\\f1 \\'ce\\'de}", RTFTEXT_PLAIN);
	assert_string_equal(s, "无");
	free(s);
	/* \uN with its fallback (\uc1: one byte; \uc2: a GBK pair) skipped */
	s = text("{\\rtf1\\ansi\\u26080?\\uc2\\u27861\\'b7\\'a8x}",
	    RTFTEXT_PLAIN);
	assert_string_equal(s, "无法x");
	free(s);
	/* negative \uN, and a surrogate pair (U+1F600) */
	s = text("{\\rtf1\\u-3?\\u-10179?\\u-8704?}", RTFTEXT_PLAIN);
	assert_string_equal(s, "\xEF\xBF\xBD\xF0\x9F\x98\x80");
	free(s);
	/* 1252 bytes */
	s = text("{\\rtf1\\ansi\\ansicpg1252 caf\\'e9}", RTFTEXT_PLAIN);
	assert_string_equal(s, "café");
	free(s);
}

/*
 * Chinese and Japanese RTF as Word and Outlook write it: fonts switched
 * per run (\fN, and \afN after \loch, \hich, \dbch), code pages from each
 * font's \fcharset or \cpg, double-byte characters as two \'hh escapes or
 * an escape and a raw trail byte.
 */
static void
test_cjk_fonts(void **state)
{
	static const char fonts[] = "{\\fonttbl{\\f0\\froman\\fcharset0 "
	    "Times New Roman;}{\\f1\\fnil\\fcharset134 SimSun;}"
	    "{\\f2\\fnil\\fcharset136 PMingLiU;}{\\f3\\fnil\\fcharset128 "
	    "MS Mincho;}{\\f4\\fnil\\cpg950 MingLiU;}}";
	char rtf[1024], *s;

	(void)state;
	/* a GB2312 font selected by \f1: 您的 = c4fa b5c4 */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\ansicpg1252\\deff0%s"
	    "\\f0 To: \\f1 \\'c4\\'fa\\'b5\\'c4\\f0  caf\\'e9}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "To: 您的 café");
	free(s);
	/* Big5 and Shift_JIS trail bytes in ASCII's range, written raw
	 * (無法 = b54c aa6b, 配信 = 947a 904d) or as \\ (許 = b35c) */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\ansicpg1252\\deff0%s"
	    "\\f2 \\'b5L\\'aak \\'b3\\\\\\f3 \\'94z\\'90M}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "無法 許配信");
	free(s);
	/* the double-byte font named by \dbch\afN (Word's runs), also where
	 * \loch comes last: its text is ASCII, a lead byte is the \dbch
	 * font's */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\ansicpg1252\\deff0%s"
	    "\\pard\\plain\\loch\\af0\\hich\\af0\\dbch\\af1 \\'c4\\'fa\\'ba\\'c3"
	    "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\hich\\af0\\dbch\\af2\\loch\\f0 "
	    " Hi \\'b1z\\'a6n}{\\dbch\\f3 \\'94z}\\hich\\f0 \\'e9}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "您好 Hi 您好配é");
	free(s);
	/* Word's paragraph properties name the kinds' fonts, its runs only
	 * \rtlch\afN (a right-to-left font) and \ltrch */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\ansicpg1252\\deff0%s"
	    "\\pard\\plain \\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\loch\\f0"
	    "\\hich\\af0\\dbch\\af1 {\\rtlch\\fcs1 \\af3 \\ltrch\\fcs0 "
	    "\\'c4\\'e3}{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 \\hich\\af0"
	    "\\dbch\\af1\\loch\\f0 Hi}}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "你Hi");
	free(s);
	/* a font's \cpg; \plain goes back to the default font */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\deff1%s\\f4 \\'b5L"
	    "\\plain  \\'c4\\'fa}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "無 您");
	free(s);
	/* a Symbol font's bullet in a Chinese document: one byte, a dot */
	s = text("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fnil\\fcharset134 "
	    "SimSun;}{\\f1\\fnil\\fcharset2 Symbol;}}\\f0{\\pntext\\f1\\'b7\\tab}"
	    "\\'c4\\'e3{\\f1\\'b7}OK}", RTFTEXT_PLAIN);
	assert_string_equal(s, "\xC2\xB7\t你\xC2\xB7OK");
	free(s);
	/* Word's default double-byte font (\stshfdbchN) for \dbch text */
	snprintf(rtf, sizeof(rtf), "{\\rtf1\\ansi\\ansicpg1252\\deff0"
	    "\\stshfdbch2%s\\dbch \\'b1z}", fonts);
	s = text(rtf, RTFTEXT_PLAIN);
	assert_string_equal(s, "您");
	free(s);
}

/*
 * No \ansicpg: the default font's \fcharset says the document's code
 * page, a font in force outranks it; with no charset anywhere the bytes
 * are guessed as before.
 */
static void
test_cjk_default(void **state)
{
	char *s;

	(void)state;
	s = text("{\\rtf1\\ansi\\deff1{\\fonttbl{\\f0\\fswiss\\fcharset0 "
	    "Arial;}{\\f1\\fnil\\fcharset136 PMingLiU;}}\\pard "
	    "\\'a7\\'41\\'a6\\'6e {\\f0 caf\\'e9}\\par}", RTFTEXT_PLAIN);
	assert_string_equal(s, "你好 café\n");
	free(s);
	s = text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fnil\\fcharset128 "
	    "MS Gothic;}}\\'88\\'b6\\'90\\'e6}", RTFTEXT_PLAIN);
	assert_string_equal(s, "宛先");
	free(s);
	s = text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
	    "\\'ce\\'de\\'b7\\'a8\\'b5\\'dd\\'cb\\'cd}", RTFTEXT_PLAIN);
	assert_string_equal(s, "无法递送");
	free(s);
}

/* \uN's fallback skipped, a double-byte one whole even under \uc1. */
static void
test_cjk_unicode(void **state)
{
	char *s;

	(void)state;
	s = text("{\\rtf1\\ansi\\ansicpg936\\uc1\\u20320?\\u22909?!}",
	    RTFTEXT_PLAIN);
	assert_string_equal(s, "你好!");
	free(s);
	s = text("{\\rtf1\\ansi\\ansicpg936\\uc1\\u20320\\'c4\\'e3\\u22909"
	    "\\'ba\\'c3\\'c4\\'fa}", RTFTEXT_PLAIN);
	assert_string_equal(s, "你好您");
	free(s);
	s = text("{\\rtf1\\ansi\\ansicpg950\\uc1\\u-30159\\'b3\\\\!}",
	    RTFTEXT_PLAIN);
	assert_string_equal(s, "\xE8\xA8\xB1!");
	free(s);
	/* a lead byte with no trail: one U+FFFD, the rest still read */
	s = text("{\\rtf1\\ansi\\ansicpg936 \\'c4\\'e3\\'ba}", RTFTEXT_PLAIN);
	assert_string_equal(s, "你\xEF\xBF\xBD");
	free(s);
}

static void
test_encapsulated(void **state)
{
	char *s;

	(void)state;
	/* MS-OXRTFEX: HTML, with the RTF-only parts (\htmlrtf) left out */
	s = text("{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl"
	    "{\\f0\\fswiss Arial;}}{\\*\\htmltag19 <html>}{\\*\\htmltag34 "
	    "<head>}{\\*\\htmltag2 \\par }{\\*\\htmltag64 <p>}\\htmlrtf {"
	    "\\htmlrtf0 Your message to {\\*\\htmltag84 <b>}\\htmlrtf {\\b "
	    "\\htmlrtf0 wang@example.com\\htmlrtf }\\htmlrtf0 {\\*\\htmltag92 "
	    "</b>} couldn't be delivered.{\\*\\mhtmltag84 <img src=cid:x>}"
	    "\\htmlrtf\\par}\\htmlrtf0 {\\*\\htmltag72 </p>}}", RTFTEXT_HTML);
	assert_string_equal(s, "<html><head>\n<p>Your message to "
	    "<b>wang@example.com</b> couldn't be delivered.</p>");
	free(s);
	/* text */
	s = text("{\\rtf1\\ansi\\fbidis\\ansicpg936\\deff0\\fromtext "
	    "{\\fonttbl{\\f0\\fswiss\\fcharset134 SimSun;}}\\htmlrtf "
	    "\\uc1\\pard\\plain\\f0\\fs20 \\htmlrtf0 \\'ce\\'de\\'b7\\'a8\\par\n"
	    "550 5.1.1\\par}", RTFTEXT_TEXT);
	assert_string_equal(s, "无法\n550 5.1.1\n");
	free(s);
	/* \fromhtml1 after text is no header: plain */
	s = text("{\\rtf1 a\\fromhtml1 {\\*\\htmltag1 <b>}b}", RTFTEXT_PLAIN);
	assert_string_equal(s, "ab");
	free(s);
}

static void
test_bounds(void **state)
{
	GString *g = g_string_new("{\\rtf1 a");
	enum rtftext_kind kind;
	char *s;
	size_t len, i;

	(void)state;
	/* groups a thousand deep: the deep part skipped, the rest read */
	for (i = 0; i < 1000; i++)
		g_string_append(g, "{x");
	for (i = 0; i < 1000; i++)
		g_string_append(g, "}");
	g_string_append(g, "b}");
	s = text(g->str, RTFTEXT_PLAIN);
	assert_int_equal(strncmp(s, "a", 1), 0);
	assert_int_equal(s[strlen(s) - 1], 'b');
	assert_true(strlen(s) < RTF_DEPTH_MAX + 2);
	free(s);
	/* never closed, cut in a control word, \bin longer than the rest */
	s = text("{\\rtf1 {{{ x\\", RTFTEXT_PLAIN);
	assert_string_equal(s, " x");
	free(s);
	s = text("{\\rtf1 x\\bin99999 yz", RTFTEXT_PLAIN);
	assert_string_equal(s, "x");
	free(s);
	s = text("{\\rtf1 x\\'c", RTFTEXT_PLAIN);
	assert_string_equal(s, "xc");	/* half an escape: dropped */
	free(s);
	/* a run of double-byte text longer than the bound: cut there, on a
	 * whole character */
	g_string_assign(g, "{\\rtf1\\ansicpg936 ");
	for (i = 0; i < 10000; i++)
		g_string_append(g, "\\'c4\\'e3");
	s = rtftext_convert(g->str, g->len, 10000, &kind, &len);
	assert_true(len > 9000 && len <= 10000);
	assert_int_equal(len % 3, 0);
	assert_int_equal(memcmp(s + len - 3, "你", 3), 0);
	free(s);
	/* the output bound: whole characters only */
	s = rtftext_convert("{\\rtf1 ab\\u26080?cd}", 20, 3, &kind, &len);
	assert_string_equal(s, "ab");
	free(s);
	g_string_free(g, TRUE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_examples),
		cmocka_unit_test(test_uncompressed),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_codepages),
		cmocka_unit_test(test_cjk_fonts),
		cmocka_unit_test(test_cjk_default),
		cmocka_unit_test(test_cjk_unicode),
		cmocka_unit_test(test_encapsulated),
		cmocka_unit_test(test_bounds),
	};
	int rc;

	explain_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	explain_shutdown();
	return rc;
}
