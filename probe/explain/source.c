/*
 * source.c - one input's messages, one at a time.  See source.h.
 *
 * Public: source_open(), source_open_why(), source_next(),
 * source_from_mbox(), source_count(), source_subfolders(),
 * source_subfolders_more(), source_files_cut(), source_list_dir(),
 * source_close().
 *
 * The form is decided from the first bytes: "From " starts an mbox, a
 * block of header fields that includes a message header starts a message,
 * anything else is pasted text, which becomes the body of a message with a
 * mark (X-Mxtrace-Pasted) so the text reader reads it even without a
 * bounce's headers.  Files and mboxes are parsed by GMime straight from the
 * file (persistent stream: parts stay on disk until read), stdin and pipes
 * from a temporary copy (bounded) read the same way; either way one
 * message is held at a time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/syserr.h"
#include "base/tmpfile.h"
#include "base/util.h"
#include "explain/extract.h"
#include "explain/filekind.h"
#include "explain/hdrstream.h"
#include "explain/mime.h"
#include "explain/msgfile.h"
#include "explain/quoted.h"
#include "explain/showorig.h"
#include "explain/source.h"

#define PEEK_MAX	8192

enum form {
	FORM_MESSAGE,
	FORM_MBOX,
	FORM_PASTED,
	FORM_EMPTY,
};

struct source {
	char		*path;		/* the input as named */
	char		*cur;		/* the file of the current message */
	GMimeParser	*parser;	/* the open file or stream, NULL between files */
	GMimeStream	*hs;		/* a file's hdrstream (parser's), or NULL */
	enum form	 form;
	int		 done;		/* a single message or pasted text was returned */
	struct strlist	 files;		/* a folder's message files, sorted */
	struct strlist	 subfolders;	/* a folder's folders, not read, sorted */
	size_t		 subfolders_more; /* its folders past those named */
	int		 cut;		/* the folder held more files */
	size_t		 next_file;
	size_t		 index;		/* position in the current mbox */
	size_t		 count;
	struct source_fail fail;	/* why open gave no message */
};

/* Headers a message starts with (a pasted reply does not). */
static const char *const message_headers[] = {
	"from", "to", "subject", "date", "received", "return-path",
	"message-id", "mime-version", "content-type", "delivered-to",
	"x-failed-recipients", "dkim-signature", "reply-to", "sender",
	"x-original-to", "envelope-to", "arc-seal", "authentication-results",
	NULL,
};

static int
field_name_char(int c)
{
	return c > ' ' && c < 127 && c != ':';
}

/*
 * The form of an input from its first bytes: every line up to the first
 * blank one is a header field or a continuation, one of them a message
 * header.  more: the input goes on past b[n), so a last line without its
 * newline may be a field cut short ("X-Jun"), not judged.
 */
static enum form
sniff(const char *b, size_t n, int more)
{
	const char *p = b, *end = b + n, *eol;
	size_t k, i;
	int known = 0;

	for (eol = p; eol < end && (*eol == ' ' || *eol == '\t' ||
	    *eol == '\r' || *eol == '\n' || *eol == '\f'); eol++)
		;
	if (eol == end && !more)	/* blank lines hold no message */
		return FORM_EMPTY;
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	if (p == end)
		return FORM_EMPTY;
	if (end - p >= 5 && memcmp(p, "From ", 5) == 0)
		return FORM_MBOX;
	while (p < end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			if (more)
				break;
			eol = end;
		}
		if (eol == p || (eol == p + 1 && *p == '\r'))
			break;
		if (*p != ' ' && *p != '\t') {
			for (k = 0; p + k < eol && field_name_char(
			    (unsigned char)p[k]); k++)
				;
			if (k == 0 || p + k >= eol || p[k] != ':')
				return FORM_PASTED;
			for (i = 0; message_headers[i] != NULL; i++)
				if (strlen(message_headers[i]) == k &&
				    strncasecmp(p, message_headers[i], k) == 0)
					known = 1;
		}
		p = eol + 1;
	}
	return known ? FORM_MESSAGE : FORM_PASTED;
}

/* The length of the blank lines b[0..n) starts with. */
static size_t
blank_lines(const char *b, size_t n)
{
	const char *p = b, *end = b + n, *eol;

	while (p < end && (eol = memchr(p, '\n', (size_t)(end - p))) != NULL &&
	    extract_blank(p, (size_t)(eol - p)))
		p = eol + 1;
	return (size_t)(p - b);
}

/*
 * Pasted text (filekind.h: UTF-16 and a byte-order mark undone; quoted.h:
 * the "> " of a forwarded copy taken off; showorig.h: what a mail client
 * shows above a message's source, Gmail's table or Outlook's first line,
 * left out) as a message with the text as its body (a page saved from a
 * webmail as an HTML body); text that turns out to start like a message
 * or an mbox once converted is read as one, from its first line that is
 * not blank (a selection often starts a line early).
 */
static GMimeParser *
pasted_parser(struct source *s, const char *raw, size_t rawlen)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	GMimeParser *p;
	char *text, *charset, *u;
	size_t len, ulen, off;
	int html;

	text = filekind_text(raw, rawlen, &len, &html, &charset);
	if ((u = quoted_strip(text, len, &ulen)) != NULL) {
		free(text);
		text = u;
		len = ulen;
	}
	/* the client's lines left out only when a message follows them */
	if ((off = html ? 0 : showorig_skip(text, len)) > 0 &&
	    sniff(text + off, len - off, 0) != FORM_MESSAGE)
		off = 0;
	s->form = sniff(text + off, len - off, 0);
	if (s->form == FORM_MESSAGE || s->form == FORM_MBOX)
		off += blank_lines(text + off, len - off);
	if (s->form == FORM_PASTED || s->form == FORM_EMPTY) {
		s->form = FORM_PASTED;
		g_mime_stream_write_string(mem, "X-Mxtrace-Pasted: yes\n"
		    "Content-Type: ");
		g_mime_stream_write_string(mem, html ? "text/html" :
		    "text/plain");
		if (charset != NULL) {
			g_mime_stream_write_string(mem, "; charset=");
			g_mime_stream_write_string(mem, charset);
		}
		g_mime_stream_write_string(mem, "\n\n");
	}
	g_mime_stream_write(mem, text + off, len - off);
	g_mime_stream_reset(mem);
	p = g_mime_parser_new_with_stream(mem);
	g_mime_parser_set_format(p, s->form == FORM_MBOX ? GMIME_FORMAT_MBOX :
	    GMIME_FORMAT_MESSAGE);
	g_object_unref(mem);
	free(text);
	free(charset);
	return p;
}

/* Read up to n bytes from fd; -1 on error. */
static ssize_t
read_full(int fd, char *b, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, b + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * The whole input in one buffer: the n bytes peeked (fewer than PEEK_MAX
 * when the peek met the end), then the rest of fd.  The buffer is sized
 * from a regular file's size and otherwise grows as it fills; reading
 * stops after max + 1 bytes, so *len > max says the input is longer than
 * max.  Owned; NULL with errno on a read error.
 */
static char *
read_whole(int fd, const char *peek, size_t n, size_t max, size_t *len)
{
	size_t cap = 4 * PEEK_MAX;
	struct stat st;
	ssize_t got;
	char *b;
	int e;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		cap = st.st_size < (off_t)max ? (size_t)st.st_size + 1 :
		    max + 1;
	if (cap <= n)
		cap = n + 1;	/* a file cut short since the peek */
	b = xmalloc(cap);
	memcpy(b, peek, n);
	*len = n;
	if (n < PEEK_MAX)
		return b;
	for (;;) {
		if ((got = read_full(fd, b + *len, cap - *len)) < 0) {
			e = errno;
			free(b);
			errno = e;
			return NULL;
		}
		*len += (size_t)got;
		if (*len < cap || cap > max)
			return b;	/* the end, or more than max */
		cap = cap >= max / 2 ? max + 1 : cap * 2;
		b = xrealloc(b, cap);
	}
}

/* Write all n bytes to fd; -1 on error. */
static int
write_full(int fd, const char *b, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * stdin or a pipe as a file: what was peeked, then the rest of in, copied
 * to an unlinked temporary file (at most EXPLAIN_STDIN_MAX bytes) that is
 * read like any file.  GMime's cat stream cannot join the peeked bytes to
 * a pipe: it seeks in each source, and a pipe's message ended where the
 * peek did.  The file's descriptor, or -1 with *err.
 */
static int
spool(int in, const char *peek, size_t n, const char *name, char **err)
{
	char *buf = xmalloc(PEEK_MAX);
	size_t total = 0;
	ssize_t got = (ssize_t)n;
	FILE *f = tmp_file();
	int fd = f != NULL ? dup(fileno(f)) : -1;

	if (f != NULL)
		fclose(f);
	if (fd < 0) {
		*err = xasprintf("%s: cannot keep a copy in %s to read: %s",
		    name, tmp_dir(), syserr_text(errno));
		free(buf);
		return -1;
	}
	for (; got > 0; peek = buf, got = read_full(in, buf, PEEK_MAX)) {
		if ((total += (size_t)got) > EXPLAIN_STDIN_MAX) {
			*err = xasprintf("%s: more than %d MiB: save it to a file "
			    "and give the file's name", name,
			    EXPLAIN_STDIN_MAX >> 20);
			break;
		}
		if (write_full(fd, peek, (size_t)got) < 0) {
			*err = xasprintf("%s: cannot keep a copy in %s to read: "
			    "%s", name, tmp_dir(), syserr_text(errno));
			break;
		}
	}
	if (got < 0)
		*err = xasprintf("%s: %s", name, syserr_text(errno));
	else if (got == 0 && lseek(fd, 0, SEEK_SET) != 0) {
		*err = xasprintf("%s: cannot keep a copy in %s to read: %s",
		    name, tmp_dir(), syserr_text(errno));
		got = -1;
	}
	free(buf);
	if (got != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * An Outlook .msg (msgfile.h), its first n bytes peeked, read whole from
 * fd and made a message; NULL with *err when fd cannot be read, with
 * s->fail for a compound file that holds no message (a Word or Excel
 * file) or cannot be read as one.
 */
static GMimeParser *
msg_parser(struct source *s, int fd, const char *peek, size_t n,
    const char *name, char **err)
{
	char *all, *msg, *why;
	GMimeParser *p = NULL;
	GMimeStream *mem;
	size_t len, size;

	if ((all = read_whole(fd, peek, n, MSGFILE_SIZE_MAX, &size)) == NULL) {
		*err = xasprintf("%s: %s", name, syserr_text(errno));
		return NULL;
	}
	if (size > MSGFILE_SIZE_MAX) {
		s->fail.kind = FILEKIND_MSG_HUGE;
		free(all);
		return NULL;
	}
	switch (msgfile_to_mime(all, size, &msg, &len, &why)) {
	case MSGFILE_NOT_MESSAGE:
		s->fail.kind = filekind_foreign(peek, n);
		break;
	case MSGFILE_DAMAGED:
		s->fail.kind = FILEKIND_MSG_DAMAGED;
		s->fail.cause = why;
		break;
	case MSGFILE_OK:
		s->form = FORM_MESSAGE;
		mem = g_mime_stream_mem_new_with_buffer(msg, len);
		p = g_mime_parser_new_with_stream(mem);
		g_mime_parser_set_format(p, GMIME_FORMAT_MESSAGE);
		g_object_unref(mem);
		free(msg);
		break;
	}
	free(all);
	return p;
}

/* Open fd (owned) as a parser; NULL with *err when it cannot be read, or
 * s->fail.kind saying what it holds instead of a message. */
static GMimeParser *
open_fd(struct source *s, int fd, int seekable, const char *name, char **err)
{
	char *peek = xmalloc(PEEK_MAX), *all;
	GMimeParser *p = NULL;
	size_t size;
	ssize_t n;
	int copy;

	if ((n = read_full(fd, peek, PEEK_MAX)) < 0) {
		*err = xasprintf("%s: %s", name, syserr_text(errno));
		goto out;
	}
	if (filekind_is_ole2(peek, (size_t)n)) {
		p = msg_parser(s, fd, peek, (size_t)n, name, err);
		goto out;
	}
	s->form = sniff(peek, (size_t)n, n == PEEK_MAX);
	if (s->form == FORM_EMPTY) {
		s->fail.kind = FILEKIND_EMPTY;
		goto out;
	}
	if (s->form == FORM_PASTED &&
	    (s->fail.kind = filekind_foreign(peek, (size_t)n)) != FILEKIND_TEXT)
		goto out;
	if (s->form == FORM_PASTED || filekind_crcrlf(peek, (size_t)n) ||
	    (s->form == FORM_MESSAGE && blank_lines(peek, (size_t)n) > 0)) {
		/* the whole text, bounded: it is one message's body, or a
		 * message or an mbox once its line ends are mended, or a
		 * message below blank lines */
		if ((all = read_whole(fd, peek, (size_t)n, EXPLAIN_STDIN_MAX,
		    &size)) == NULL) {
			*err = xasprintf("%s: %s", name, syserr_text(errno));
			goto out;
		}
		if (size > EXPLAIN_STDIN_MAX) {
			s->fail.kind = FILEKIND_TEXT_HUGE;
			free(all);
			goto out;
		}
		p = pasted_parser(s, all, size);
		free(all);
		goto out;
	}
	if (!seekable || lseek(fd, 0, SEEK_SET) != 0) {
		copy = spool(fd, peek, (size_t)n, name, err);
		if (fd != STDIN_FILENO)
			close(fd);
		if ((fd = copy) < 0)
			goto out;
	}
	/* each message's own fields kept from GMime (hdrstream.h) */
	s->hs = hdrstream_new(fd, s->form == FORM_MBOX);
	fd = -1;
	p = g_mime_parser_new_with_stream(s->hs);
	g_mime_parser_set_persist_stream(p, TRUE);
	g_mime_parser_set_format(p, s->form == FORM_MBOX ? GMIME_FORMAT_MBOX :
	    GMIME_FORMAT_MESSAGE);
out:
	if (fd >= 0 && fd != STDIN_FILENO)
		close(fd);
	free(peek);
	return p;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/name, owned: a folder typed with its slash ("bounces/") gives one
 * slash, as the shell would, not "bounces//1.eml". */
static char *
source_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return xasprintf("%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/",
	    name);
}

/*
 * The folder's listing stops at the first regular file past max, so a cut
 * is known (and said) without reading the rest of a huge folder; of its
 * folders only the first EXPLAIN_SUBFOLDERS_SAID are kept, to be named:
 * a folder of folders would otherwise be held, and said, whole.
 */
int
source_list_dir(const char *dir, size_t max, struct strlist *files,
    struct strlist *subfolders, size_t *more, char **err)
{
	struct dirent *de;
	struct stat st;
	int cut = 0;
	DIR *d;
	char *f;

	if ((d = opendir(dir)) == NULL) {
		*err = xasprintf("%s: %s", dir, syserr_text(errno));
		return -1;
	}
	while (!cut && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		f = source_join(dir, de->d_name);
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode)) {
			if (files->n < max)
				strlist_add(files, f);
			else
				cut = 1;
		} else if (stat(f, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (subfolders->n < EXPLAIN_SUBFOLDERS_SAID)
				strlist_add(subfolders, f);
			else
				(*more)++;
		}
		free(f);
	}
	closedir(d);
	return cut;
}

struct source *
source_open(const char *path, char **err)
{
	struct source_fail f;
	struct source *s;

	if ((s = source_open_why(path, err, &f)) == NULL &&
	    f.kind != FILEKIND_TEXT)
		*err = filekind_bounce_error(input_name(path), f.kind,
		    f.cause);
	if (s == NULL)
		free(f.cause);
	return s;
}

struct source *
source_open_why(const char *path, char **err, struct source_fail *f)
{
	struct source *s = xcalloc(1, sizeof(*s));
	struct stat st;
	char *sub;
	int fd, maildir = 0, cut;
	size_t i;

	*err = NULL;
	s->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		s->cur = xstrdup("-");
		if ((s->parser = open_fd(s, STDIN_FILENO, 0, STDIN_NAME, err)) ==
		    NULL)
			goto fail;
		return s;
	}
	if (*path == '\0') {	/* ": No such file" would name nothing */
		*err = xstrdup("the input's file name is empty: give a FILE, "
		    "or - to read standard input");
		goto fail;
	}
	if (stat(path, &st) < 0) {
		*err = xasprintf("%s: %s", path, syserr_text(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		static const char *const subs[] = { "cur", "new" };

		for (i = 0; i < 2; i++) {
			sub = source_join(path, subs[i]);
			if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
				maildir = 1;
				if ((cut = source_list_dir(sub,
				    EXPLAIN_FILES_MAX, &s->files,
				    &s->subfolders, &s->subfolders_more,
				    err)) < 0) {
					free(sub);
					goto fail;
				}
				s->cut |= cut;
			}
			free(sub);
		}
		if (!maildir && (s->cut = source_list_dir(path,
		    EXPLAIN_FILES_MAX, &s->files, &s->subfolders,
		    &s->subfolders_more, err)) < 0)
			goto fail;
		if (s->files.n > 1)
			qsort(s->files.v, s->files.n, sizeof(char *), cmp_str);
		if (s->subfolders.n > 1)
			qsort(s->subfolders.v, s->subfolders.n,
			    sizeof(char *), cmp_str);
		return s;
	}
	if ((fd = open(path, O_RDONLY)) < 0) {
		*err = xasprintf("%s: %s", path, syserr_text(errno));
		goto fail;
	}
	s->cur = xstrdup(path);
	if ((s->parser = open_fd(s, fd, 1, path, err)) == NULL)
		goto fail;
	return s;
fail:
	*f = s->fail;
	s->fail.cause = NULL;
	source_close(s);
	return NULL;
}

const struct strlist *
source_subfolders(const struct source *s)
{
	return &s->subfolders;
}

size_t
source_subfolders_more(const struct source *s)
{
	return s->subfolders_more;
}

size_t
source_files_cut(const struct source *s)
{
	return s->cut ? s->files.n : 0;
}

int
source_next(struct source *s, GMimeMessage **msg, const char **name,
    size_t *index, char **err)
{
	struct rawhdr *kept;
	gint64 begin;
	size_t dropped;

	*err = NULL;
	for (;;) {
		if (s->parser != NULL && !s->done) {
			if (s->form == FORM_MBOX &&
			    g_mime_parser_eos(s->parser))
				goto next_file;
			*msg = g_mime_parser_construct_message(s->parser, NULL);
			if (s->form != FORM_MBOX)
				s->done = 1;
			if (*msg == NULL) {
				if (s->form == FORM_MBOX && s->index > 0)
					goto next_file;
				*err = xasprintf("%s: not a readable message",
				    s->cur);
				s->done = 1;
				return -1;
			}
			if (s->hs != NULL) {
				begin = g_mime_parser_get_headers_begin(
				    s->parser);
				kept = hdrstream_take(s->hs, begin);
				if (kept != NULL)
					mime_keep_headers(*msg, kept);
				dropped = hdrstream_dropped(s->hs, begin);
				if (dropped > 0)
					mime_set_dropped(*msg, dropped);
			}
			*name = s->cur;
			*index = ++s->index;
			s->count++;
			return 1;
		}
next_file:
		if (s->parser != NULL) {
			g_object_unref(s->parser);
			s->parser = NULL;
		}
		if (s->hs != NULL) {
			g_object_unref(s->hs);
			s->hs = NULL;
		}
		if (s->next_file >= s->files.n)
			return 0;
		free(s->cur);
		s->cur = xstrdup(s->files.v[s->next_file++]);
		s->done = 0;
		s->index = 0;
		{
			int fd = open(s->cur, O_RDONLY);

			if (fd < 0) {
				*err = xasprintf("%s: %s", s->cur, syserr_text(errno));
				return -2;
			}
			if ((s->parser = open_fd(s, fd, 1, s->cur, err)) ==
			    NULL) {
				/*
				 * not read (kind TEXT) is no fault of the data
				 */
				int rv = s->fail.kind == FILEKIND_TEXT ? -2 : -1;

				/* only explain reads a folder: its words */
				if (s->fail.kind != FILEKIND_TEXT)
					*err = filekind_bounce_error(s->cur,
					    s->fail.kind, s->fail.cause);
				free(s->fail.cause);
				memset(&s->fail, 0, sizeof(s->fail));
				return rv;
			}
		}
	}
}

int
source_from_mbox(const struct source *s)
{
	return s->form == FORM_MBOX;
}

size_t
source_count(const struct source *s)
{
	return s->count;
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	if (s->parser != NULL)
		g_object_unref(s->parser);
	if (s->hs != NULL)
		g_object_unref(s->hs);
	strlist_free(&s->files);
	strlist_free(&s->subfolders);
	free(s->path);
	free(s->cur);
	free(s);
}
