/*
 * hdrstream.c - a message file or an mbox as GMime should see it, each
 * message's own fields kept apart.  See hdrstream.h.
 *
 * Public: hdrstream_new(), hdrstream_take(), hdrstream_dropped().
 *
 * The file is read through a buffer, line by line, following where GMime's
 * parser is: before the first message, in a message's header block, in
 * its content.  A header block is held back until its blank line is in
 * the buffer; when rawhdr_split() takes it, its bytes are rewritten in
 * place, the same length: the Content- fields first, as they were, then
 * one line GMime reads as no field ("X X" and blanks) or, with no Content-
 * field, one field "X" of blanks.  GMime's offsets do not move and
 * content stays on disk (substreams of the file).
 *
 * Where a message starts, in an mbox: after a line starting "From " that
 * GMime takes as the end of whatever it is reading (gmime-parser.c 3.2:
 * any such line in content; in a header block one that is no field, i.e.
 * no colon after "From" and blanks).  A "From :" line is a message start
 * in content but a field in a header block: it starts nothing here, so a
 * message after one goes to GMime whole; GMime never starts a message
 * where this does not, so a rewritten block is always the one GMime reads
 * as that message's.  In a single message, the block at offset 0.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/hdrstream.h"

#define HS_BUF		EXPLAIN_HDRBLOCK_MAX	/* file bytes held */
#define HS_PENDING_MAX	64		/* blocks taken, not yet claimed */

enum hs_state {
	HS_FIND_FROM,		/* before an mbox's first message */
	HS_HEADERS,		/* in a message's own header block */
	HS_CONTENT,		/* in a message after its header block */
	HS_REST,		/* a single message after its header block */
};

typedef struct {
	GMimeStream	 parent;
	GMimeStream	*fs;		/* the file: owns fd; gives substreams */
	int		 fd;
	int		 mbox;
	char		*buf;
	gint64		 boff;		/* file offset of buf[0] */
	size_t		 blen;		/* bytes held */
	size_t		 done;		/* buf[0..done) may go to GMime */
	size_t		 scan;		/* HS_HEADERS: next line to read */
	int		 linestart;	/* done is at the start of a line */
	int		 passive;	/* the header block is not taken */
	int		 foldkeep;	/* passive: a fold goes to GMime as is */
	int		 eof;
	enum hs_state	 state;
	gint64		 blockoff;	/* file offset of this header block */
	struct {
		gint64		 off;
		struct rawhdr	*r;
	}		 pending[HS_PENDING_MAX];
	size_t		 npending;
	struct {
		gint64		 off;	/* a block too big to hold */
		size_t		 n;	/* its fields GMime was made to drop */
	}		 dropped[HS_PENDING_MAX];
	size_t		 ndropped;
} HdrStream;

typedef struct {
	GMimeStreamClass parent_class;
} HdrStreamClass;

GType	hdrstream_get_type(void);
G_DEFINE_TYPE(HdrStream, hdrstream, GMIME_TYPE_STREAM)

#define HS(s)	((HdrStream *)(s))

/*
 * A line that starts a message in every state of GMime's mbox parser:
 * "From ", then no colon after the blanks.  1 (*ll: the line's length,
 * its newline included), 0, or -1 when s (n bytes) is too short to tell.
 */
static int
hdrstream_from_line(const char *s, size_t n, int eof, size_t *ll)
{
	const char *nl;
	size_t i;

	if (n < 5)
		return eof || memcmp(s, "From ", n) != 0 ? 0 : -1;
	if (memcmp(s, "From ", 5) != 0)
		return 0;
	for (i = 4; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == n)
		return eof ? 0 : -1;
	if (s[i] == ':')
		return 0;
	if ((nl = memchr(s, '\n', n)) == NULL)
		return eof ? 0 : -1;
	*ll = (size_t)(nl - s) + 1;
	return 1;
}

/*
 * The first "\nFrom " in s[0..n), or NULL.  memchr on the 'F', which mail
 * text seldom holds, then the bytes around it: memmem's set-up and its
 * two-byte steps cost four times as much over an mbox's content.
 */
static const char *
hdrstream_find_from(const char *s, size_t n)
{
	const char *p, *end = s + n;

	for (p = s + 1; p + 5 <= end &&
	    (p = memchr(p, 'F', (size_t)(end - p) - 4)) != NULL; p++)
		if (p[-1] == '\n' && memcmp(p, "From ", 5) == 0)
			return p - 1;
	return NULL;
}

/* More bytes are needed and none fit: full, and GMime has read none. */
static int
hdrstream_full(const HdrStream *hs)
{
	return hs->blen == HS_BUF && GMIME_STREAM(hs)->position == hs->boff;
}

/* A message's header block starts at buf[at]. */
static void
hdrstream_start(HdrStream *hs, size_t at)
{
	hs->state = HS_HEADERS;
	hs->blockoff = hs->boff + (gint64)at;
	hs->done = hs->scan = at;
	hs->linestart = 1;
	hs->passive = 0;
}

/*
 * The header block buf[hs->done..end) (its blank line not included) is
 * whole: take its fields and rewrite it for GMime, or leave it.
 */
static void
hdrstream_take_block(HdrStream *hs, size_t end)
{
	struct rawhdr_span keep[RAWHDR_KEEP_MAX];
	char *b = hs->buf + hs->done, *tmp;
	size_t len = end - hs->done, nkeep, k, o = 0;
	struct rawhdr *r;

	if (hs->npending == HS_PENDING_MAX ||
	    (r = rawhdr_split(b, len, keep, &nkeep)) == NULL)
		return;
	if (r->n == 0) {
		rawhdr_free(r);
		return;
	}
	tmp = xmalloc(len);
	for (k = 0; k < nkeep; k++) {
		memcpy(tmp + o, b + keep[k].off, keep[k].len);
		o += keep[k].len;
	}
	/*
	 * What is left (3 bytes at least: "a:\n") becomes one line: with a
	 * Content- field before it, "X X" and blanks, which GMime reads as no
	 * field and drops after three bytes of its name check; without, a
	 * field "X" of blanks (GMime's first line must be a field).
	 */
	memset(tmp + o, '\t', len - o);
	tmp[o] = 'X';
	if (nkeep == 0)
		tmp[o + 1] = ':';
	else if (len - o >= 4)
		memcpy(tmp + o + 1, " X", 2);
	tmp[len - 1] = '\n';
	memcpy(b, tmp, len);
	free(tmp);
	hs->pending[hs->npending].off = hs->boff + (gint64)hs->done;
	hs->pending[hs->npending++].r = r;
}

/*
 * A header block too big to hold goes to GMime as it is, and GMime makes
 * an object of every field: 16 MB of short fields took 1.1 GB.  Past the
 * buffer's worth each field but a Content- one (those give the message
 * its structure) becomes a line GMime reads as no field and drops, "X X"
 * or "X" and blanks, the same length so that no offset moves; its folded
 * lines are blanked with it.
 */
static void
hdrstream_blank_field(HdrStream *hs, char *line, size_t ll)
{
	if (line[0] == ' ' || line[0] == '\t') {
		if (!hs->foldkeep)
			memset(line, '\t', ll - 1);
		return;
	}
	hs->foldkeep = ll > 8 && g_ascii_strncasecmp(line, "Content-", 8) == 0;
	if (hs->foldkeep || ll < 3)
		return;
	memset(line, '\t', ll - 1);
	line[0] = 'X';
	if (ll >= 5)
		line[2] = 'X';
	/* counted, so that the user hears of it (hdrstream_dropped) */
	if (hs->ndropped == 0 ||
	    hs->dropped[hs->ndropped - 1].off != hs->blockoff) {
		if (hs->ndropped == HS_PENDING_MAX)
			return;
		hs->dropped[hs->ndropped].off = hs->blockoff;
		hs->dropped[hs->ndropped++].n = 0;
	}
	hs->dropped[hs->ndropped - 1].n++;
}

/* HS_HEADERS: read lines up to the block's end, or as far as the bytes go. */
static void
hdrstream_headers(HdrStream *hs)
{
	char *line, *nl;
	size_t ll;

	for (;;) {
		line = hs->buf + hs->scan;
		if (!hs->linestart) {
			/* a line longer than the buffer, handed on */
			if ((nl = memchr(line, '\n', hs->blen - hs->scan)) ==
			    NULL) {
				hs->scan = hs->done = hs->blen;
				return;
			}
			hs->scan = hs->done = (size_t)(nl - hs->buf) + 1;
			hs->linestart = 1;
			continue;
		}
		nl = memchr(line, '\n', hs->blen - hs->scan);
		if (nl == NULL) {
			if (hs->eof) {
				/* the file ends in the block: left to GMime */
				hs->state = hs->mbox ? HS_CONTENT : HS_REST;
				hs->scan = hs->done = hs->blen;
				return;
			}
			if (!hdrstream_full(hs))
				return;
			/* too big to hold: hand it on, keep following it */
			hs->passive = 1;
			hs->foldkeep = 1;
			hs->scan = hs->done = hs->blen;
			hs->linestart = 0;
			return;
		}
		ll = (size_t)(nl - line) + 1;
		if (ll == 1 || (ll == 2 && line[0] == '\r')) {
			if (!hs->passive)
				hdrstream_take_block(hs, hs->scan);
			hs->state = hs->mbox ? HS_CONTENT : HS_REST;
			hs->done = hs->scan + ll;
			hs->linestart = 1;
			return;
		}
		if (hs->mbox && hdrstream_from_line(line, ll, 0, &ll) == 1) {
			/* GMime ends the message here, without a body */
			hdrstream_start(hs, hs->scan + ll);
			return;
		}
		if (hs->passive)
			hdrstream_blank_field(hs, line, ll);
		hs->scan += ll;
		if (hs->passive)
			hs->done = hs->scan;
	}
}

/* HS_FIND_FROM, HS_CONTENT: hand on lines up to a message's start. */
static void
hdrstream_content(HdrStream *hs)
{
	const char *p, *nl;
	size_t at = hs->done, ll;
	int f;

	if (!hs->linestart) {
		if ((nl = memchr(hs->buf + at, '\n', hs->blen - at)) == NULL) {
			hs->done = hs->blen;
			return;
		}
		at = (size_t)(nl - hs->buf) + 1;
		hs->linestart = 1;
	}
	for (;;) {
		f = hdrstream_from_line(hs->buf + at, hs->blen - at, hs->eof,
		    &ll);
		if (f == 1) {
			hdrstream_start(hs, at + ll);
			return;
		}
		if (f < 0) {
			hs->done = at;
			if (!hdrstream_full(hs))
				return;
			/* a line longer than the buffer: no start */
			hs->done = hs->blen;
			hs->linestart = 0;
			return;
		}
		p = hdrstream_find_from(hs->buf + at, hs->blen - at);
		if (p != NULL) {
			at = (size_t)(p - hs->buf) + 1;
			continue;
		}
		if (hs->eof) {
			hs->done = hs->blen;
			return;
		}
		/* on up to the last line, which more bytes may make one */
		for (p = hs->buf + hs->blen; p > hs->buf + at && p[-1] != '\n';
		    p--)
			;
		if (p == hs->buf + at) {
			/*
			 * the line at 'at', no start, goes on past the buffer
			 */
			hs->done = hs->blen;
			hs->linestart = 0;
		} else
			hs->done = (size_t)(p - hs->buf);
		return;
	}
}

/*
 * More of the file into the buffer, dropping what GMime has read; -1 on a
 * read error.
 */
static int
hdrstream_fill(HdrStream *hs)
{
	size_t drop = (size_t)(GMIME_STREAM(hs)->position - hs->boff);
	ssize_t n;

	if (drop > 0) {
		memmove(hs->buf, hs->buf + drop, hs->blen - drop);
		hs->boff += (gint64)drop;
		hs->blen -= drop;
		hs->done -= drop;
		hs->scan = hs->scan >= drop ? hs->scan - drop : 0;
	}
	if (hs->blen == HS_BUF)
		return 0;
	do
		n = pread(hs->fd, hs->buf + hs->blen, HS_BUF - hs->blen,
		    hs->boff + (gint64)hs->blen);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0)
		hs->eof = 1;
	hs->blen += (size_t)n;
	return 0;
}

static ssize_t
hdrstream_read(GMimeStream *stream, char *out, size_t len)
{
	HdrStream *hs = HS(stream);
	size_t at, n;

	for (;;) {
		at = (size_t)(stream->position - hs->boff);
		if (hs->done > at) {
			n = MIN(hs->done - at, len);
			memcpy(out, hs->buf + at, n);
			stream->position += (gint64)n;
			return (ssize_t)n;
		}
		if (hs->eof && hs->done == hs->blen)
			return 0;
		if (hs->state == HS_HEADERS)
			hdrstream_headers(hs);
		else if (hs->state == HS_REST)
			hs->done = hs->blen;
		else
			hdrstream_content(hs);
		if (hs->done > at)
			continue;
		if (hs->eof) {
			hs->done = hs->blen;
			continue;
		}
		if (hdrstream_fill(hs) < 0)
			return -1;
	}
}

static gboolean
hdrstream_eos(GMimeStream *stream)
{
	HdrStream *hs = HS(stream);

	return hs->eof && hs->done == hs->blen &&
	    stream->position == hs->boff + (gint64)hs->blen;
}

static gint64
hdrstream_tell(GMimeStream *stream)
{
	return stream->position;
}

static ssize_t
hdrstream_write(GMimeStream *stream, const char *buf, size_t len)
{
	(void)stream;
	(void)buf;
	(void)len;
	return -1;
}

static int
hdrstream_flush(GMimeStream *stream)
{
	(void)stream;
	return 0;
}

static int
hdrstream_close(GMimeStream *stream)
{
	(void)stream;
	return 0;
}

static int
hdrstream_reset(GMimeStream *stream)
{
	(void)stream;
	return -1;
}

static gint64
hdrstream_seek(GMimeStream *stream, gint64 offset, GMimeSeekWhence whence)
{
	(void)stream;
	(void)offset;
	(void)whence;
	return -1;
}

static gint64
hdrstream_length(GMimeStream *stream)
{
	(void)stream;
	return -1;
}

/* Content is never in a rewritten block: the file's own bytes. */
static GMimeStream *
hdrstream_substream(GMimeStream *stream, gint64 start, gint64 end)
{
	GMimeStream *fs = HS(stream)->fs;

	return GMIME_STREAM_GET_CLASS(fs)->substream(fs, start, end);
}

static void
hdrstream_finalize(GObject *obj)
{
	HdrStream *hs = HS(obj);
	size_t i;

	for (i = 0; i < hs->npending; i++)
		rawhdr_free(hs->pending[i].r);
	free(hs->buf);
	if (hs->fs != NULL)
		g_object_unref(hs->fs);
	G_OBJECT_CLASS(hdrstream_parent_class)->finalize(obj);
}

static void
hdrstream_class_init(HdrStreamClass *klass)
{
	GMimeStreamClass *sc = GMIME_STREAM_CLASS(klass);

	G_OBJECT_CLASS(klass)->finalize = hdrstream_finalize;
	sc->read = hdrstream_read;
	sc->write = hdrstream_write;
	sc->flush = hdrstream_flush;
	sc->close = hdrstream_close;
	sc->eos = hdrstream_eos;
	sc->reset = hdrstream_reset;
	sc->seek = hdrstream_seek;
	sc->tell = hdrstream_tell;
	sc->length = hdrstream_length;
	sc->substream = hdrstream_substream;
}

static void
hdrstream_init(HdrStream *hs)
{
	(void)hs;
}

GMimeStream *
hdrstream_new(int fd, int mbox)
{
	HdrStream *hs = g_object_new(hdrstream_get_type(), NULL);

	g_mime_stream_construct(GMIME_STREAM(hs), 0, -1);
	hs->fs = g_mime_stream_fs_new(fd);
	hs->fd = fd;
	hs->mbox = mbox;
	hs->buf = xmalloc(HS_BUF);
	hs->linestart = 1;
	if (mbox)
		hs->state = HS_FIND_FROM;
	else
		hdrstream_start(hs, 0);
	return GMIME_STREAM(hs);
}

struct rawhdr *
hdrstream_take(GMimeStream *stream, gint64 offset)
{
	HdrStream *hs = HS(stream);
	struct rawhdr *r = NULL;
	size_t i, k;

	/* blocks before offset were GMime's to claim: never will be now */
	for (i = 0; i < hs->npending && hs->pending[i].off <= offset; i++) {
		if (hs->pending[i].off == offset)
			r = hs->pending[i].r;
		else
			rawhdr_free(hs->pending[i].r);
	}
	for (k = 0; i + k < hs->npending; k++)
		hs->pending[k] = hs->pending[i + k];
	hs->npending = k;
	return r;
}

size_t
hdrstream_dropped(GMimeStream *stream, gint64 offset)
{
	HdrStream *hs = HS(stream);
	size_t i, k, n = 0;

	for (i = 0; i < hs->ndropped && hs->dropped[i].off <= offset; i++)
		if (hs->dropped[i].off == offset)
			n = hs->dropped[i].n;
	for (k = 0; i + k < hs->ndropped; k++)
		hs->dropped[k] = hs->dropped[i + k];
	hs->ndropped = k;
	return n;
}
