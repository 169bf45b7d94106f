/*
 * read_delivered.c - the reader for a message that is not a bounce but
 * was delivered: a copy the user sent to their own test mailbox, one a
 * customer forwarded back, or a pasted header block.  Its Received:,
 * authentication and spam filter headers are analysed (delivered.c) and
 * hung on the result as JSON fields (delivered_json.c) with a terminal
 * printer (delivered_print.c); kind delivered_message.
 *
 * Public: reader_delivered(), reader_delivered_attached(),
 * reader_delivered_options(), reader_delivered_file(),
 * reader_delivered_only().
 *
 * It runs after the bounce readers: a bounce also has Received: headers,
 * and what it says about the failed message matters more than its own
 * path.  The options (language, --redact, --folder) are set once by the
 * command before any message is read; the file name per input, for the
 * `mxtrace sender --message FILE` hint.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "explain/delivered.h"
#include "explain/delivered_json.h"
#include "explain/delivered_print.h"
#include "explain/dlvmsg.h"
#include "explain/read_delivered.h"
#include "explain/mime.h"
#include "explain/readers.h"
#include "explain/textreply.h"
#include "meaning/catalog.h"

static struct {
	enum lang	 lang;
	bool		 redact;
	char		 folder[16];	/* "spam", "inbox" or "" */
	char		*file;		/* owned; the input being read */
} rd_opts;

void
reader_delivered_options(enum lang l, bool redact, const char *folder)
{
	rd_opts.lang = l;
	rd_opts.redact = redact;
	rd_opts.folder[0] = '\0';
	if (folder != NULL && strlen(folder) < sizeof(rd_opts.folder))
		memcpy(rd_opts.folder, folder, strlen(folder) + 1);
}

void
reader_delivered_file(const char *path)
{
	free(rd_opts.file);
	rd_opts.file = xstrdup_or_null(path);
}

static void
rd_print(FILE *f, const struct wrap_out *lay, const struct explain_result *r,
    enum lang l)
{
	if (r->extra != NULL)
		delivered_print(f, lay, r->extra, l);
}

/* "@domain" of an address header: what --redact keeps. */
static char *
rd_domain_only(const char *value)
{
	char dom[RCVD_HOST_MAX];

	if (value == NULL ||
	    authres_from_domain(value, strlen(value), dom) != 0)
		return NULL;
	return xasprintf("@%s", dom);
}

static char *
rd_header(GMimeMessage *msg, const char *name)
{
	char *v = mime_header_gmime(GMIME_OBJECT(msg), name), *out;

	/* xstrndup copies n bytes: bound by the string's own length */
	out = v != NULL ? xstrndup(v, strnlen(v, 998)) : NULL;
	free(v);
	return out;
}

/* The message itself is the "original": its own subject, sender, date. */
static void
rd_original(GMimeMessage *msg, struct explain_original *o)
{
	char *from = rd_header(msg, "From"), *to = rd_header(msg, "To");

	if (rd_opts.redact) {
		char *mid = rd_header(msg, "Message-ID");

		o->from = rd_domain_only(from);
		o->to = rd_domain_only(to);
		o->message_id = rd_domain_only(mid);
		free(from);
		free(to);
		free(mid);
	} else {
		o->from = from;
		o->to = to;
		/* split RFC 2047 subjects: mime.c, not GMime's decoder */
		o->subject = mime_header(GMIME_OBJECT(msg), "Subject");
		o->message_id = rd_header(msg, "Message-ID");
	}
	o->date = rd_header(msg, "Date");
}

/*
 * msg's path and filters, from its headers alone; file is what the
 * `mxtrace sender --message` hint names (NULL: the hint gives the IP).
 */
static int
rd_read(GMimeMessage *msg, const char *file, struct explain_result *r)
{
	struct delivered d;
	struct dlv_header *h;
	size_t n;

	h = dlvmsg_headers(msg, &n);
	if (delivered_analyse(h, n, rd_opts.folder, &d) != 0) {
		delivered_free(&d);
		free(h);
		return 0;
	}
	r->kind = EXPLAIN_DELIVERED_MESSAGE;
	r->format = xstrdup("received");
	r->extra = delivered_to_json(&d, rd_opts.lang, rd_opts.redact, file);
	r->print_extra = rd_print;
	rd_original(msg, &r->original);
	delivered_free(&d);
	free(h);
	return 1;
}

/* A subject a mail client gave a forward: "Fwd:", "FW:", 转发: */
static int
rd_forward_subject(const char *s)
{
	static const char *const prefixes[] = { "fwd:", "fw:", "fwd\xef\xbc\x9a",
	    "fw\xef\xbc\x9a", "\xe8\xbd\xac\xe5\x8f\x91:",
	    "\xe8\xbd\xac\xe5\x8f\x91\xef\xbc\x9a", NULL };
	size_t i, n;

	while (*s == ' ' || *s == '\t' || *s == '[')
		s++;
	for (i = 0; prefixes[i] != NULL; i++) {
		n = strlen(prefixes[i]);
		if (strncasecmp(s, prefixes[i], n) == 0)
			return 1;
	}
	return 0;
}

/*
 * A person's forward that quotes the message in its text, a subject of a
 * forward over a client's forward mark (textreply_forward_marks: "Fwd:
 * ..." over "---------- Forwarded message ---------"): its headers are
 * the forward's own, from the one who forwarded it, and say nothing of
 * the path or the spam verdict of the message it quotes, whose headers
 * the forward did not keep.
 */
static int
rd_inline_forward(struct body *body)
{
	char *subject = mime_header(GMIME_OBJECT(body->msg), "Subject");
	const char *t;
	size_t len;
	int fwd = subject != NULL && rd_forward_subject(subject);

	free(subject);
	if (!fwd)
		return 0;
	t = body_text(body, &len);
	return textreply_quotes_forward(t, len);
}

/*
 * Its headers say it all: the text is asked only for a forward's mark.
 * An inline forward is no delivered message of the user's: declined,
 * with a note that says what to ask for instead.
 */
int
reader_delivered(struct body *body, struct explain_result *r)
{
	if (rd_inline_forward(body)) {
		strlist_add(&r->notes, catalog_label(rd_opts.lang,
		    "explain.inline_forward"));
		return 0;
	}
	return rd_read(body->msg, rd_opts.file, r);
}

/*
 * A copy attached to a person's forward (a customer sends back the
 * message that reached their junk folder): the file is the forward,
 * whose own Received: lines `mxtrace sender --message` would read, so
 * the hint gives the copy's sending IP and DKIM selector instead.
 */
int
reader_delivered_attached(struct body *body, struct explain_result *r)
{
	return rd_read(body->msg, NULL, r);
}

/*
 * The text body as a message: pasted headers that became a body (source.c
 * makes pasted text one; a paste that starts with blank lines has an
 * empty header block).  Leading blank lines are skipped.
 */
static GMimeMessage *
rd_body_headers(GMimeMessage *msg)
{
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	GMimeStream *st;
	GMimeParser *p;
	GMimeMessage *m;
	char *text;
	const char *t;

	if (body == NULL || !GMIME_IS_TEXT_PART(body) ||
	    (text = g_mime_text_part_get_text(GMIME_TEXT_PART(body))) == NULL)
		return NULL;
	for (t = text; *t == '\r' || *t == '\n' || *t == ' ' || *t == '\t'; t++)
		;
	st = g_mime_stream_mem_new_with_buffer(t, strlen(t));
	p = g_mime_parser_new_with_stream(st);
	m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(st);
	g_free(text);
	return m;
}

void
reader_delivered_only(GMimeMessage *msg, struct explain_result *r)
{
	GMimeMessage *inner;

	memset(r, 0, sizeof(*r));
	r->kind = EXPLAIN_NOT_A_BOUNCE;
	if (!rd_read(msg, rd_opts.file, r)) {
		if ((inner = rd_body_headers(msg)) != NULL) {
			(void)rd_read(inner, rd_opts.file, r);
			g_object_unref(inner);
		}
	}
	if (r->format == NULL)
		r->format = xstrdup("none");
	r->fields_dropped = mime_dropped(msg);
	explain_finish(r);
}
