/*
 * gb18030.c - text that is not UTF-8 read as Chinese in GB18030, when its
 * bytes are plainly that.  See gb18030.h.
 *
 * Public: gb18030_to_utf8().
 *
 * The bytes are tested before they are converted: GB18030 gives a meaning
 * to nearly any pair of bytes above 0x7F, so a conversion that succeeds
 * says little (a German "Müller" in Latin-1 converts to a rare Chinese
 * character).  Only GB2312's range, where the Chinese of every server
 * message lives, in runs of two characters or more, is taken.  Nothing
 * here fails: an input that is not that gives NULL.
 */
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/cjkpairs.h"
#include "base/gb18030.h"
#include "base/util.h"

/* Every byte above 0x7F pairs up in GB2312's range, in a run of two. */
static bool
gb18030_plain(const char *s, size_t len)
{
	struct cjk_pairs c;

	cjk_pairs_scan(s, len, true, &c);
	return c.gb2312 && c.longest >= 2;
}

char *
gb18030_to_utf8(const char *s, size_t len, size_t *outlen)
{
	/* a GB2312 pair becomes 3 bytes of UTF-8, an ASCII byte one */
	size_t inleft = len, outleft = len / 2 * 3 + len % 2 + 1;
	char *in = (char *)s, *out, *o;
	iconv_t cd;
	size_t r;

	if (len == 0 || len > GB18030_IN_MAX ||
	    !gb18030_plain(s, len))
		return NULL;
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return NULL;
	out = o = xmalloc(outleft);
	r = iconv(cd, &in, &inleft, &o, &outleft);
	iconv_close(cd);
	if (r == (size_t)-1 || inleft != 0 || outleft == 0) {
		free(out);
		return NULL;
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}
