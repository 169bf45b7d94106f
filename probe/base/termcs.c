/*
 * termcs.c - human text in the terminal's charset (termcs.h).
 *
 * Public: termcs_init(), termcs_text(), termcs_fileno(), termcs_bytes(),
 * termcs_converts(), termcs_conv_open(), termcs_conv_put(), termcs_conv_end(),
 * termcs_conv_close().
 *
 * Every text is laid out (wrapped, padded) in UTF-8 first; only then,
 * when the stream writes its buffer, does glibc's iconv turn it into the
 * charset.  A stream is a fopencookie() one standing in for stdout or
 * stderr, so no printf of the program needs to know.  A character the
 * charset cannot show becomes '?', never an error: the run goes on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/termcs.h"
#include "base/utf8.h"
#include "base/util.h"
#include "base/wrap.h"

#define TERMCS_CHUNK	4096	/* bytes converted at a time */

bool
termcs_converts(const char *charset)
{
	return charset != NULL && *charset != '\0' &&
	    strcasecmp(charset, "UTF-8") != 0 &&
	    strcasecmp(charset, "UTF8") != 0 &&
	    strcmp(charset, "ANSI_X3.4-1968") != 0;
}

int
termcs_conv_open(struct termcs_conv *c, const char *charset, termcs_sink sink,
    void *arg)
{
	memset(c, 0, sizeof(*c));
	if ((c->cd = iconv_open(charset, "UTF-8")) == (iconv_t)-1)
		return -1;
	c->sink = sink;
	c->arg = arg;
	return 0;
}

/* Whether s[0..n) is the head of a UTF-8 character, its rest not yet in. */
static bool
termcs_is_head(const char *s, size_t n)
{
	unsigned char b = (unsigned char)s[0];
	size_t want, i;

	if (b >= 0xC2 && b <= 0xDF)
		want = 2;
	else if (b >= 0xE0 && b <= 0xEF)
		want = 3;
	else if (b >= 0xF0 && b <= 0xF4)
		want = 4;
	else
		return false;
	if (n >= want)
		return false;
	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return false;
	return true;
}

/*
 * One '?' for each column the character at s (n bytes; 0: a byte that
 * is no UTF-8) would have taken.  The '?' goes through iconv too: in a
 * stateful charset (ISO-2022-JP, -CN, -KR) the text before may have left
 * the shift state in double-byte mode, where a bare "??" is read as one
 * character of the charset (0x3F3F, "真" in JIS X 0208), not as two '?'.
 */
static int
termcs_missing(struct termcs_conv *c, const char *s, size_t n)
{
	char q[] = "????", out[32], *in = q, *o = out;
	size_t cols = n > 0 ? wrap_span_cols(s, n) : 1;
	size_t inleft = cols < 4 ? cols : 4, ol = sizeof(out);

	if (iconv(c->cd, &in, &inleft, &o, &ol) == (size_t)-1)
		return c->sink(c->arg, q, cols < 4 ? cols : 4);
	return c->sink(c->arg, out, (size_t)(o - out));
}

/*
 * s[0..len) converted; a character's head at the end is kept in c->cut
 * for the next piece.  Returns -1 when the sink fails.
 */
static int
termcs_run(struct termcs_conv *c, const char *s, size_t len)
{
	char out[TERMCS_CHUNK], *o;
	char *in = (char *)s;
	size_t inleft = len, ol, r, n;
	unsigned long cp;

	while (inleft > 0) {
		o = out;
		ol = sizeof(out);
		r = iconv(c->cd, &in, &inleft, &o, &ol);
		if (o > out && c->sink(c->arg, out, (size_t)(o - out)) < 0)
			return -1;
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (termcs_is_head(in, inleft)) {
			memcpy(c->cut, in, inleft);
			c->ncut = inleft;
			return 0;
		}
		/* not in the charset, or no UTF-8 at all */
		n = utf8_decode(in, inleft, &cp);
		if (termcs_missing(c, in, n) < 0)
			return -1;
		n = n > 0 ? n : 1;
		in += n;
		inleft -= n;
	}
	return 0;
}

int
termcs_conv_put(struct termcs_conv *c, const char *buf, size_t len)
{
	char tmp[sizeof(c->cut) + TERMCS_CHUNK];
	size_t take, have;

	while (len > 0) {
		take = len < TERMCS_CHUNK ? len : TERMCS_CHUNK;
		have = c->ncut;
		memcpy(tmp, c->cut, have);
		memcpy(tmp + have, buf, take);
		c->ncut = 0;
		if (termcs_run(c, tmp, have + take) < 0)
			return -1;
		buf += take;
		len -= take;
	}
	return 0;
}

int
termcs_conv_end(struct termcs_conv *c)
{
	char out[64], *o = out;
	size_t ol = sizeof(out);
	int rv = 0;

	if (c->ncut > 0 && termcs_missing(c, c->cut, 0) < 0)
		rv = -1;
	c->ncut = 0;
	if (iconv(c->cd, NULL, NULL, &o, &ol) != (size_t)-1 && o > out &&
	    c->sink(c->arg, out, (size_t)(o - out)) < 0)
		rv = -1;
	return rv;
}

int
termcs_conv_close(struct termcs_conv *c)
{
	int rv = termcs_conv_end(c);

	iconv_close(c->cd);
	return rv;
}

/* One of the two standard streams, once it stands behind a cookie. */
struct termcs_stream {
	FILE			*f;	/* the cookie stream; NULL: not made */
	int			 fd;
	bool			 text;	/* converting; else bytes as they are */
	struct termcs_conv	 conv;
	char			*charset;	/* owned; NULL: not made */
};

static struct termcs_stream termcs_out = { .fd = STDOUT_FILENO };
static struct termcs_stream termcs_err = { .fd = STDERR_FILENO };

/* All of buf to fd, as a stream would write it; -1 with errno set. */
static int
termcs_write_fd(void *arg, const char *buf, size_t len)
{
	const struct termcs_stream *t = arg;
	ssize_t n;

	while (len > 0) {
		if ((n = write(t->fd, buf, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static ssize_t
termcs_cookie_write(void *cookie, const char *buf, size_t len)
{
	struct termcs_stream *t = cookie;
	int rv;

	rv = t->text ? termcs_conv_put(&t->conv, buf, len) :
	    termcs_write_fd(t, buf, len);
	return rv < 0 ? -1 : (ssize_t)len;
}

static int
termcs_cookie_close(void *cookie)
{
	struct termcs_stream *t = cookie;

	return termcs_conv_close(&t->conv);
}

/*
 * The charset the user's locale asks for: nl_langinfo(CODESET) under
 * setlocale(LC_CTYPE, ""), the C locale put back at once so that nothing
 * else in the program reads bytes by another locale's rules.  When that
 * locale is not installed here (LANG=zh_CN.GBK sent over SSH to a box
 * without it), the name's own charset ("GBK") says the same.  Owned.
 */
static char *
termcs_locale_charset(void)
{
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v, *dot;
	char *cs = NULL;
	size_t i;

	if (setlocale(LC_CTYPE, "") != NULL) {
		cs = xstrdup(nl_langinfo(CODESET));
		setlocale(LC_CTYPE, "C");
		return cs;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if ((v = getenv(names[i])) == NULL || *v == '\0')
			continue;
		if ((dot = strchr(v, '.')) != NULL)
			cs = xstrndup(dot + 1, strcspn(dot + 1, "@"));
		break;
	}
	return cs;
}

/* Make t's cookie stream; false when it cannot be made (t stays off). */
static bool
termcs_open(struct termcs_stream *t, const char *charset, bool text, int mode)
{
	cookie_io_functions_t io = {
		.write = termcs_cookie_write,
		.close = termcs_cookie_close,
	};

	if (termcs_conv_open(&t->conv, charset, termcs_write_fd, t) < 0)
		return false;
	if ((t->f = fopencookie(t, "w", io)) == NULL) {
		iconv_close(t->conv.cd);
		return false;
	}
	t->text = text;
	t->charset = xstrdup(charset);
	setvbuf(t->f, NULL, mode, BUFSIZ);
	return true;
}

/* t's text so far written out, its shift state ended. */
static void
termcs_end(struct termcs_stream *t)
{
	if (t->f == NULL || !t->text)
		return;
	fflush(t->f);
	(void)termcs_conv_end(&t->conv);
}

/*
 * At exit: glibc flushes the standard streams but never closes them, so
 * a cookie's close (and with it the converter's end) would not run; a
 * stateful charset (ISO-2022-*) would leave the terminal in double-byte
 * mode after text that ends in a character of its own.
 */
static void
termcs_atexit(void)
{
	termcs_end(&termcs_out);
	termcs_end(&termcs_err);
}

void
termcs_init(void)
{
	char *cs = termcs_locale_charset();

	if (termcs_converts(cs)) {
		if (termcs_open(&termcs_err, cs, true, _IONBF))
			stderr = termcs_err.f;
		if (termcs_open(&termcs_out, cs, false,
		    isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF))
			stdout = termcs_out.f;
		if (termcs_err.f != NULL || termcs_out.f != NULL)
			atexit(termcs_atexit);
	}
	free(cs);
}

void
termcs_text(FILE *f)
{
	if (f != NULL && f == termcs_out.f && !termcs_out.text) {
		fflush(f);
		termcs_out.text = true;
	}
}

/* A growing buffer as a converter's sink (termcs_bytes). */
struct termcs_buf {
	char	*p;
	size_t	 len, cap;
};

static int
termcs_buf_put(void *arg, const char *buf, size_t len)
{
	struct termcs_buf *b = arg;

	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, buf, len);
	b->len += len;
	b->p[b->len] = '\0';
	return 0;
}

char *
termcs_bytes(FILE *f, const char *s, size_t *lenp)
{
	const struct termcs_stream *t = f == NULL ? NULL :
	    f == termcs_err.f ? &termcs_err : f == termcs_out.f ? &termcs_out :
	    NULL;
	struct termcs_buf b = { NULL, 0, 0 };
	struct termcs_conv c;

	if (t == NULL || !t->text ||
	    termcs_conv_open(&c, t->charset, termcs_buf_put, &b) < 0) {
		*lenp = strlen(s);
		return xstrdup(s);
	}
	(void)termcs_conv_put(&c, s, strlen(s));
	(void)termcs_conv_close(&c);
	if (b.p == NULL)
		b.p = xstrdup("");
	*lenp = b.len;
	return b.p;
}

int
termcs_fileno(FILE *f)
{
	if (f != NULL && f == termcs_out.f)
		return termcs_out.fd;
	if (f != NULL && f == termcs_err.f)
		return termcs_err.fd;
	return fileno(f);
}
