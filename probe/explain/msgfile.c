/*
 * msgfile.c - an Outlook .msg file as an RFC 5322 message.  See msgfile.h.
 *
 * Public: msgfile_to_mime().
 *
 * MS-OXMSG: the file's root storage is a message object.  An object keeps
 * its fixed-size properties (integers, times) in the stream
 * "__properties_version1.0" (a header, then 16-byte entries: tag, flags,
 * value) and each string or binary property in a stream of its own,
 * "__substg1.0_" and the tag in hex ("__substg1.0_1000001F": PR_BODY in
 * UTF-16LE).  Its recipients and attachments are the storages
 * "__recip_version1.0_#0000000N" and "__attach_version1.0_#0000000N"; an
 * attached message is the storage "__substg1.0_3701000D" in its
 * attachment, an object of the same form.  libgsf reads the compound file
 * (and checks its structure); what is read from it is bounded here
 * (base/limits.h, MSGFILE_*).  The message made is read by GMime like any
 * file, so explain's readers see an ordinary message or report.
 */
#define _GNU_SOURCE		/* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gmime/gmime.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include "base/limits.h"
#include "base/lsan.h"
#include "base/util.h"
#include "explain/codepage.h"
#include "explain/filekind.h"
#include "explain/mime.h"
#include "explain/msgfile.h"
#include "explain/rtfcomp.h"
#include "explain/rtftext.h"

/* Property ids (MS-OXPROPS) */
#define PID_MESSAGE_CLASS	0x001A
#define PID_SUBJECT		0x0037
#define PID_CLIENT_SUBMIT_TIME	0x0039
#define PID_ORIGINAL_SUBJECT	0x0049
#define PID_ORIGINAL_SUBMIT_TIME 0x004E
#define PID_TRANSPORT_HEADERS	0x007D
#define PID_RECIPIENT_TYPE	0x0C15
#define PID_SENDER_NAME		0x0C1A
#define PID_SUPPLEMENTARY_INFO	0x0C1B
#define PID_SENDER_EMAIL	0x0C1F
#define PID_NDR_STATUS_CODE	0x0C20
#define PID_DELIVERY_TIME	0x0E06
#define PID_BODY		0x1000
#define PID_RTF_COMPRESSED	0x1009
#define PID_HTML		0x1013
#define PID_INTERNET_MESSAGE_ID	0x1035
#define PID_DISPLAY_NAME	0x3001
#define PID_EMAIL_ADDRESS	0x3003
#define PID_ATTACH_DATA		0x3701
#define PID_ATTACH_FILENAME	0x3704
#define PID_ATTACH_METHOD	0x3705
#define PID_ATTACH_LONG_FILENAME 0x3707
#define PID_ATTACH_MIME_TAG	0x370E
#define PID_SMTP_ADDRESS	0x39FE
#define PID_INTERNET_CPID	0x3FDE
#define PID_MESSAGE_CODEPAGE	0x3FFD
#define PID_SENDER_SMTP		0x5D01

/* Property types (MS-OXCDATA) */
#define PT_LONG			0x0003
#define PT_OBJECT		0x000D
#define PT_STRING8		0x001E
#define PT_UNICODE		0x001F
#define PT_SYSTIME		0x0040
#define PT_BINARY		0x0102

#define ATTACH_EMBEDDED_MSG	5	/* PR_ATTACH_METHOD: afEmbeddedMessage */
#define MAPI_TO			1	/* PR_RECIPIENT_TYPE of a To: recipient */

#define PROPS_STREAM		"__properties_version1.0"
#define RECIP_PREFIX		"__recip_version1.0_#"
#define ATTACH_PREFIX		"__attach_version1.0_#"
#define PROP_ENTRY		16	/* bytes of one fixed-size property entry */
#define HEADER_TOP		32	/* the property stream's header: the file's message */
#define HEADER_EMBEDDED		24	/* an attached message */
#define HEADER_SUBOBJECT	8	/* a recipient, an attachment */

/* One conversion: what was made so far and the first damage found. */
struct msgfile {
	size_t		 made;		/* bytes of parts made, every level */
	char		*why;		/* owned; NULL while nothing is damaged */
};

/* One MAPI object: a message, a recipient, an attachment. */
struct msgobj {
	GsfInfile	*dir;		/* its storage (borrowed) */
	unsigned char	*props;		/* its property stream, owned; may be NULL */
	size_t		 nprops;	/* fixed-size entries in it */
	size_t		 base;		/* offset of the first entry */
	const char	*charset;	/* of its 8-bit strings; NULL: guessed */
};

static void	msgfile_message(struct msgfile *, GsfInfile *, int depth,
		    GString *);

/* The first thing found wrong is what the user is told. */
static void
msgfile_damage(struct msgfile *m, const char *what, const char *name)
{
	if (m->why == NULL)
		m->why = xasprintf("%s (%s)", what, name);
}

static uint32_t
msgfile_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Whether a child libgsf gave is a storage (a stream has no children). */
static int
msgfile_is_storage(GsfInput *in)
{
	return GSF_IS_INFILE(in) &&
	    gsf_infile_num_children(GSF_INFILE(in)) >= 0;
}

/*
 * The first max bytes of dir's stream name: owned, two NULs after *len
 * (a UTF-16 string ends there too); NULL when there is no such stream, or
 * it cannot be read (damage, noted).
 */
static unsigned char *
msgfile_stream(struct msgfile *m, GsfInfile *dir, const char *name,
    size_t max, size_t *len)
{
	GsfInput *in = gsf_infile_child_by_name(dir, name);
	unsigned char *buf;
	gsf_off_t size;

	if (in == NULL)
		return NULL;
	if (msgfile_is_storage(in) || (size = gsf_input_size(in)) < 0) {
		g_object_unref(in);
		return NULL;
	}
	*len = (uint64_t)size < max ? (size_t)size : max;
	buf = xmalloc(*len + 2);
	if (*len > 0 && gsf_input_read(in, *len, buf) == NULL) {
		msgfile_damage(m, "a stream cannot be read", name);
		free(buf);
		g_object_unref(in);
		return NULL;
	}
	buf[*len] = buf[*len + 1] = '\0';
	g_object_unref(in);
	return buf;
}

/* Read an object's fixed-size properties (header: its header's length). */
static void
msgfile_obj_open(struct msgfile *m, struct msgobj *o, GsfInfile *dir,
    size_t header, const char *charset)
{
	size_t len;

	memset(o, 0, sizeof(*o));
	o->dir = dir;
	o->charset = charset;
	o->props = msgfile_stream(m, dir, PROPS_STREAM, MSGFILE_PROPS_MAX,
	    &len);
	if (o->props != NULL && len >= header) {
		o->base = header;
		o->nprops = (len - header) / PROP_ENTRY;
	}
}

static void
msgfile_obj_close(struct msgobj *o)
{
	free(o->props);
	o->props = NULL;
}

/* The 8-byte value of the fixed-size property id of type type, or NULL. */
static const unsigned char *
msgfile_fixed(const struct msgobj *o, unsigned id, unsigned type)
{
	uint32_t tag = (uint32_t)id << 16 | type;
	const unsigned char *e;
	size_t i;

	for (i = 0; i < o->nprops; i++) {
		e = o->props + o->base + i * PROP_ENTRY;
		if (msgfile_le32(e) == tag)
			return e + 8;
	}
	return NULL;
}

static int
msgfile_long(const struct msgobj *o, unsigned id, uint32_t *v)
{
	const unsigned char *p = msgfile_fixed(o, id, PT_LONG);

	if (p == NULL)
		return 0;
	*v = msgfile_le32(p);
	return 1;
}

/*
 * A PT_SYSTIME (FILETIME: 100 ns since 1601) as an RFC 5322 date (owned,
 * GMime's form); NULL when absent or outside 1970..9999.
 */
static char *
msgfile_date(const struct msgobj *o, unsigned id)
{
	const unsigned char *p = msgfile_fixed(o, id, PT_SYSTIME);
	uint64_t ft, secs;
	GDateTime *dt;
	char *g, *s;

	if (p == NULL)
		return NULL;
	ft = (uint64_t)msgfile_le32(p) | (uint64_t)msgfile_le32(p + 4) << 32;
	secs = ft / 10000000u;
	if (secs < 11644473600u || secs - 11644473600u > 253402300799u)
		return NULL;
	if ((dt = g_date_time_new_from_unix_utc((gint64)(secs -
	    11644473600u))) == NULL)
		return NULL;
	g = g_mime_utils_header_format_date(dt);
	g_date_time_unref(dt);
	s = xstrdup(g);
	g_free(g);
	return s;
}

/*
 * A string property as UTF-8 (owned), at most max bytes of it read; NULL
 * when the object has none.  PT_UNICODE is UTF-16LE; PT_STRING8 is in the
 * message's code page (o->charset), guessed when that is not known.
 */
static char *
msgfile_string(struct msgfile *m, const struct msgobj *o, unsigned id,
    size_t max)
{
	unsigned char *b;
	char name[32], *s;
	size_t len, outlen;

	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", id, PT_UNICODE);
	if ((b = msgfile_stream(m, o->dir, name, max, &len)) != NULL) {
		s = filekind_from_utf16(b, len & ~(size_t)1, 'l', &outlen);
		free(b);
		return s;
	}
	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", id, PT_STRING8);
	if ((b = msgfile_stream(m, o->dir, name, max, &len)) != NULL) {
		s = mime_to_utf8((char *)b, strnlen((char *)b, len), o->charset,
		    &outlen);
		free(b);
		return s;
	}
	return NULL;
}

/* s with every control character a space, trimmed: owned, bounded. */
static char *
msgfile_clean(const char *s)
{
	size_t len = strnlen(s, EXPLAIN_FIELD_MAX), i, a = 0;
	char *v = xstrndup(s, len);

	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			v[i] = ' ';
	while (a < len && v[a] == ' ')
		a++;
	while (len > a && v[len - 1] == ' ')
		len--;
	memmove(v, v + a, len - a);
	v[len - a] = '\0';
	return v;
}

/* "Name: value" with the value's non-ASCII text in RFC 2047 words. */
static void
msgfile_field(GString *g, const char *name, const char *value)
{
	char *v, *enc;

	if (value == NULL)
		return;
	v = msgfile_clean(value);
	if (v[0] != '\0') {
		enc = g_mime_utils_header_encode_text(NULL, v, "utf-8");
		g_string_append_printf(g, "%s: %s\n", name, enc);
		g_free(enc);
	}
	free(v);
}

/* "Name: prefix value" in a report's text (RFC 3464): controls as spaces. */
static void
msgfile_dsn_field(GString *g, const char *name, const char *prefix,
    const char *value)
{
	char *v;

	if (value == NULL)
		return;
	v = msgfile_clean(value);
	if (v[0] != '\0')
		g_string_append_printf(g, "%s: %s%s\n", name, prefix, v);
	free(v);
}

/* Whether a header field's name (n bytes) is one of the MIME fields. */
static int
msgfile_mime_field(const char *p, size_t n)
{
	return (n >= 8 && strncasecmp(p, "content-", 8) == 0) ||
	    (n == 12 && strncasecmp(p, "mime-version", 12) == 0);
}

/*
 * The fields of PR_TRANSPORT_MESSAGE_HEADERS (the message's header block
 * as it arrived) but its MIME fields (the parts are made anew), up to its
 * first blank line; lines that are no field are left out.
 */
static void
msgfile_transport(GString *g, const char *h)
{
	const char *p = h, *eol;
	size_t len, k;
	int skip = 1;

	while (*p != '\0') {
		eol = strchr(p, '\n');
		len = eol != NULL ? (size_t)(eol - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len == 0)
			break;
		if (*p != ' ' && *p != '\t') {
			for (k = 0; k < len && p[k] > ' ' && p[k] < 127 &&
			    p[k] != ':'; k++)
				;
			skip = k == 0 || k == len || p[k] != ':' ||
			    msgfile_mime_field(p, k);
		}
		if (!skip) {
			g_string_append_len(g, p, (gssize)len);
			g_string_append_c(g, '\n');
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
}

static int
msgfile_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The names of dir's children that start with prefix, at most max, sorted
 * (the same number of hex digits each: the order they were numbered).
 */
static void
msgfile_children(GsfInfile *dir, const char *prefix, size_t max,
    struct strlist *out)
{
	int i, n = gsf_infile_num_children(dir);
	size_t k = strlen(prefix);
	const char *name;

	for (i = 0; i < n && out->n < max; i++)
		if ((name = gsf_infile_name_by_index(dir, i)) != NULL &&
		    strncmp(name, prefix, k) == 0)
			strlist_add(out, name);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(char *), msgfile_cmp);
}

/* What is done with each recipient or attachment; nonzero: no more. */
typedef int msgfile_visit(struct msgfile *, struct msgobj *, void *);

/*
 * fn on each storage of dir named prefix and a number (a recipient, an
 * attachment), at most max of them, in their order, each opened as an
 * object whose 8-bit strings are in charset.
 */
static void
msgfile_each(struct msgfile *m, GsfInfile *dir, const char *prefix,
    size_t max, const char *charset, msgfile_visit *fn, void *arg)
{
	struct strlist names = { 0 };
	struct msgobj o;
	GsfInput *in;
	size_t i;
	int stop = 0;

	msgfile_children(dir, prefix, max, &names);
	for (i = 0; i < names.n && !stop; i++) {
		if ((in = gsf_infile_child_by_name(dir, names.v[i])) == NULL)
			continue;
		if (msgfile_is_storage(in)) {
			msgfile_obj_open(m, &o, GSF_INFILE(in),
			    HEADER_SUBOBJECT, charset);
			stop = fn(m, &o, arg);
			msgfile_obj_close(&o);
		}
		g_object_unref(in);
	}
	strlist_free(&names);
}

/*
 * A recipient's Internet address (owned; NULL when it has none: an
 * Exchange-only X.500 address and a display name without '@'):
 * PR_SMTP_ADDRESS, else PR_EMAIL_ADDRESS, else the display name; *name
 * (owned, may be NULL) is its display name.
 */
static char *
msgfile_address(struct msgfile *m, const struct msgobj *r, char **name)
{
	char *addr = msgfile_string(m, r, PID_SMTP_ADDRESS, EXPLAIN_FIELD_MAX);

	*name = msgfile_string(m, r, PID_DISPLAY_NAME, EXPLAIN_FIELD_MAX);
	if (addr == NULL || strchr(addr, '@') == NULL) {
		free(addr);
		addr = msgfile_string(m, r, PID_EMAIL_ADDRESS,
		    EXPLAIN_FIELD_MAX);
	}
	if ((addr == NULL || strchr(addr, '@') == NULL) && *name != NULL &&
	    strchr(*name, '@') != NULL) {
		free(addr);
		addr = xstrdup(*name);
	}
	if (addr != NULL && strchr(addr, '@') == NULL) {
		free(addr);
		addr = NULL;
	}
	return addr;
}

/* One recipient's address added to a To: list when it is a MAPI_TO row. */
static int
msgfile_to_one(struct msgfile *m, struct msgobj *r, void *arg)
{
	GString *to = arg;
	char *addr, *name = NULL;
	uint32_t type;

	if ((!msgfile_long(r, PID_RECIPIENT_TYPE, &type) ||
	    (type & 0xff) == MAPI_TO) &&
	    (addr = msgfile_address(m, r, &name)) != NULL) {
		if (strpbrk(addr, " \t\r\n,;:\"<>()[]\\") == NULL) {
			if (to->len > 0)
				g_string_append(to, ", ");
			g_string_append(to, addr);
		}
		free(addr);
	}
	free(name);
	return to->len >= EXPLAIN_FIELD_MAX;
}

/*
 * "To:" from a message's recipient table (its MAPI_TO rows): who an
 * attached original, which keeps no header block, was sent to.  Only
 * addresses that need no quoting; at most EXPLAIN_FIELD_MAX bytes.
 */
static void
msgfile_to(struct msgfile *m, const struct msgobj *o, GString *g)
{
	GString *to = g_string_new(NULL);

	msgfile_each(m, o->dir, RECIP_PREFIX, MSGFILE_RCPTS_MAX, o->charset,
	    msgfile_to_one, to);
	if (to->len > 0)
		g_string_append_printf(g, "To: %s\n", to->str);
	g_string_free(to, TRUE);
}

/*
 * Headers made from the message's properties when it kept no transport
 * headers (a report's recipient table holds who it failed for, not whom
 * the report was sent to: no To then).
 */
static void
msgfile_own_headers(struct msgfile *m, const struct msgobj *o, int report,
    GString *g)
{
	char *name = msgfile_string(m, o, PID_SENDER_NAME, EXPLAIN_FIELD_MAX);
	char *addr = msgfile_string(m, o, PID_SENDER_SMTP, EXPLAIN_FIELD_MAX);
	char *s;
	InternetAddress *ia;

	if (addr == NULL || strchr(addr, '@') == NULL) {
		free(addr);
		addr = msgfile_string(m, o, PID_SENDER_EMAIL,
		    EXPLAIN_FIELD_MAX);
	}
	if (addr != NULL && strchr(addr, '@') != NULL) {
		s = msgfile_clean(name != NULL ? name : "");
		free(name);
		name = msgfile_clean(addr);
		ia = internet_address_mailbox_new(s, name);
		free(s);
		s = internet_address_to_string(ia, NULL, TRUE);
		g_string_append_printf(g, "From: %s\n", s);
		g_free(s);
		g_object_unref(ia);
	} else
		msgfile_field(g, "From", name);
	free(name);
	free(addr);
	if (!report)
		msgfile_to(m, o, g);
	s = msgfile_string(m, o, PID_SUBJECT, EXPLAIN_FIELD_MAX);
	msgfile_field(g, "Subject", s);
	free(s);
	if ((s = msgfile_date(o, PID_CLIENT_SUBMIT_TIME)) != NULL ||
	    (s = msgfile_date(o, PID_DELIVERY_TIME)) != NULL)
		g_string_append_printf(g, "Date: %s\n", s);
	free(s);
	s = msgfile_string(m, o, PID_INTERNET_MESSAGE_ID, EXPLAIN_FIELD_MAX);
	msgfile_dsn_field(g, "Message-ID", "", s);
	free(s);
}

/* Whether the parts made so far may grow by n bytes (MSGFILE_OUT_MAX). */
static int
msgfile_room(struct msgfile *m, size_t n)
{
	if (n > MSGFILE_OUT_MAX - m->made)
		return 0;
	m->made += n;
	return 1;
}

/* A leaf part: its fields, then data in base64 (76-column lines). */
static GString *
msgfile_leaf(const char *type, const char *charset, const void *data,
    size_t len)
{
	GString *g = g_string_new(NULL);
	gchar *b64 = g_base64_encode(data, len);
	size_t n = strlen(b64), i;

	g_string_append_printf(g, "Content-Type: %s", type);
	if (charset != NULL)
		g_string_append_printf(g, "; charset=\"%s\"", charset);
	g_string_append(g, "\nContent-Transfer-Encoding: base64\n\n");
	for (i = 0; i < n; i += 76) {
		g_string_append_len(g, b64 + i,
		    (gssize)(n - i < 76 ? n - i : 76));
		g_string_append_c(g, '\n');
	}
	g_free(b64);
	return g;
}

/* Add part to parts when the budget has room for it; else drop it. */
static void
msgfile_add(struct msgfile *m, GPtrArray *parts, GString *part)
{
	if (part == NULL)
		return;
	if (msgfile_room(m, part->len))
		g_ptr_array_add(parts, part);
	else
		g_string_free(part, TRUE);
}

/* Whether s[0..n) holds nothing but white space (an empty body). */
static int
msgfile_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\n' && s[i] != '\0')
			return 0;
	return 1;
}

/*
 * The body Outlook kept as PR_RTF_COMPRESSED only (its "rich text"
 * messages, and reports it saved that way): the HTML or text it
 * encapsulates (MS-OXRTFEX), else the RTF's own text.  A stream that is
 * cut short or fails its CRC gives no body: in an attached message the
 * rest is still read, but the file's own message is damaged (its body is
 * where a report's reason is, and without it the user would only hear
 * that no recipient could be read, not that the file is broken).
 */
static GString *
msgfile_rtf(struct msgfile *m, const struct msgobj *o, int top)
{
	enum rtftext_kind kind;
	unsigned char *b;
	char name[32], *rtf, *text;
	size_t len, rtflen, textlen;
	GString *g = NULL;

	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", PID_RTF_COMPRESSED,
	    PT_BINARY);
	if ((b = msgfile_stream(m, o->dir, name, MSGFILE_STREAM_MAX, &len)) ==
	    NULL)
		return NULL;
	if (rtfcomp_decode(b, len, RTF_RAW_MAX, &rtf, &rtflen) != RTFCOMP_OK) {
		if (top)
			msgfile_damage(m, "its body, kept as compressed RTF, "
			    "does not decompress", name);
	} else {
		text = rtftext_convert(rtf, rtflen, RTF_TEXT_MAX, &kind,
		    &textlen);
		if (text != NULL && !msgfile_blank(text, textlen))
			g = msgfile_leaf(kind == RTFTEXT_HTML ? "text/html" :
			    "text/plain", "utf-8", text, textlen);
		free(text);
		free(rtf);
	}
	free(b);
	return g;
}

/*
 * The body: PR_BODY, else PR_HTML (HTML: explain turns it into text),
 * else PR_RTF_COMPRESSED; one that is empty (or blank) counts as absent.
 * top: o is the file's own message.
 */
static GString *
msgfile_body(struct msgfile *m, const struct msgobj *o, int top)
{
	char *s, name[32], buf[24];
	unsigned char *b;
	const char *cs;
	size_t len;
	uint32_t cp;
	GString *g = NULL;

	if ((s = msgfile_string(m, o, PID_BODY, MSGFILE_STREAM_MAX)) != NULL &&
	    !msgfile_blank(s, strlen(s)))
		g = msgfile_leaf("text/plain", "utf-8", s, strlen(s));
	free(s);
	if (g != NULL)
		return g;
	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", PID_HTML,
	    PT_BINARY);
	if ((b = msgfile_stream(m, o->dir, name, MSGFILE_STREAM_MAX, &len)) !=
	    NULL && !msgfile_blank((char *)b, len)) {
		/* bytes in the Internet code page, else the message's */
		cs = msgfile_long(o, PID_INTERNET_CPID, &cp) ?
		    codepage_charset(cp, buf, sizeof(buf)) : o->charset;
		g = msgfile_leaf("text/html", cs, b, len);
	}
	free(b);
	if (g != NULL)
		return g;
	if ((s = msgfile_string(m, o, PID_HTML, MSGFILE_STREAM_MAX)) != NULL &&
	    !msgfile_blank(s, strlen(s)))
		g = msgfile_leaf("text/html", "utf-8", s, strlen(s));
	free(s);
	if (g != NULL)
		return g;
	return msgfile_rtf(m, o, top);
}

/*
 * What a report's message class says each recipient's delivery did
 * (MS-OXCMAIL 2.2.3.7.1.1: the suffix of REPORT.<class>): an RFC 3464
 * action, or NULL for a message that is no delivery report (a read
 * receipt, .IPNRN, is not one either).
 */
static const char *
msgfile_action(const char *cls)
{
	static const struct {
		const char	*suffix;
		const char	*action;
	} suffixes[] = {
		{ ".Delayed.DR", "delayed" }, { ".Relayed.DR", "relayed" },
		{ ".Expanded.DR", "expanded" }, { ".NDR", "failed" },
		{ ".DR", "delivered" },
	};
	size_t i, n, k;

	if (cls == NULL || strncasecmp(cls, "REPORT.", 7) != 0)
		return NULL;
	n = strlen(cls);
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		k = strlen(suffixes[i].suffix);
		if (n >= k && strcasecmp(cls + n - k, suffixes[i].suffix) == 0)
			return suffixes[i].action;
	}
	return NULL;
}

/*
 * PR_SUPPLEMENTARY_INFO in the form Exchange writes it (MS-OXCMAIL
 * 2.2.3.7.1.2: "<" [remote-mta] " #" status [" " diagnostic] ">") into
 * its remote MTA, status and diagnostic (owned, each may be NULL); any
 * other text is all diagnostic.
 */
static void
msgfile_supplementary(const char *info, char **mta, char **status,
    char **diag)
{
	const char *p = info, *end = info + strlen(info), *hash, *q;

	*mta = *status = *diag = NULL;
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (end - p >= 2 && *p == '<' && end[-1] == '>' &&
	    (hash = memchr(p, '#', (size_t)(end - p))) != NULL &&
	    (hash == p + 1 || hash[-1] == ' ')) {
		for (q = hash + 1; q < end - 1 && (g_ascii_isdigit(*q) ||
		    *q == '.'); q++)
			;
		if (q > hash + 1 && g_ascii_isdigit(hash[1]) &&
		    (q == end - 1 || *q == ' ')) {
			if (hash > p + 2)
				*mta = xstrndup(p + 1,
				    (size_t)(hash - 1 - p - 1));
			*status = xstrndup(hash + 1, (size_t)(q - hash - 1));
			if (q < end - 1)
				*diag = xstrndup(q + 1,
				    (size_t)(end - 1 - q - 1));
			return;
		}
	}
	if (end > p)
		*diag = xstrndup(p, (size_t)(end - p));
}

/* The delivery-status part being made and the action of its recipients. */
struct msgfile_dsnpart {
	const char	*action;
	GString		*g;
};

/* One recipient's group of fields in the delivery-status part. */
static int
msgfile_recipient(struct msgfile *m, struct msgobj *r, void *arg)
{
	struct msgfile_dsnpart *d = arg;
	const char *action = d->action;
	GString *g = d->g;
	char *addr, *name, *info, *mta = NULL, *status = NULL, *diag = NULL;
	const char *semi, *sp;
	char buf[16];
	uint32_t code;

	if ((addr = msgfile_address(m, r, &name)) == NULL)
		goto out;	/* no address to report on */
	if ((info = msgfile_string(m, r, PID_SUPPLEMENTARY_INFO,
	    EXPLAIN_FIELD_MAX)) != NULL) {
		msgfile_supplementary(info, &mta, &status, &diag);
		free(info);
	}
	/* MS-OXCMAIL 2.2.3.7.1.3: Kind * 100 + Subject * 10 + Detail */
	if (status == NULL && msgfile_long(r, PID_NDR_STATUS_CODE, &code) &&
	    code >= 200 && code <= 599) {
		snprintf(buf, sizeof(buf), "%u.%u.%u", (unsigned)(code / 100),
		    (unsigned)(code / 10 % 10), (unsigned)(code % 10));
		status = xstrdup(buf);
	}
	g_string_append_c(g, '\n');
	msgfile_dsn_field(g, "Final-Recipient", "rfc822; ", addr);
	msgfile_dsn_field(g, "Action", "", action);
	msgfile_dsn_field(g, "Status", "", status);
	msgfile_dsn_field(g, "Remote-MTA", "dns; ", mta);
	if (diag != NULL) {
		/* a type already there ("smtp;550 ...") is kept */
		semi = strchr(diag, ';');
		sp = strchr(diag, ' ');
		msgfile_dsn_field(g, "Diagnostic-Code", semi == NULL ||
		    (sp != NULL && sp < semi) ? "smtp; " : "", diag);
	}
	if (name != NULL && strcmp(name, addr) != 0)
		msgfile_dsn_field(g, "X-Display-Name", "", name);
out:
	free(addr);
	free(name);
	free(mta);
	free(status);
	free(diag);
	return 0;
}


/*
 * The delivery-status part made from a report's recipient table (NULL
 * when no recipient has an address): one group per recipient, every one
 * with the action the message class says.
 */
static GString *
msgfile_dsn(struct msgfile *m, const struct msgobj *o, const char *action)
{
	static const char head[] = "Content-Type: message/delivery-status\n"
	    "Content-Transfer-Encoding: 8bit\n\n";
	struct msgfile_dsnpart d = { action, g_string_new(head) };

	msgfile_each(m, o->dir, RECIP_PREFIX, MSGFILE_RCPTS_MAX, o->charset,
	    msgfile_recipient, &d);
	if (d.g->len == sizeof(head) - 1) {
		g_string_free(d.g, TRUE);
		return NULL;
	}
	return d.g;
}

/*
 * A part holding data as it is, 8bit: a report's own parts, an attached
 * message (RFC 2046 allows no base64 for message/rfc822).
 */
static GString *
msgfile_raw(const char *type, const void *data, size_t len)
{
	GString *g = g_string_new(NULL);

	g_string_append_printf(g, "Content-Type: %s\n"
	    "Content-Transfer-Encoding: 8bit\n\n", type);
	g_string_append_len(g, data, (gssize)len);
	if (len > 0 && ((const char *)data)[len - 1] != '\n')
		g_string_append_c(g, '\n');
	return g;
}

/* Whether name ends in ext, ignoring case. */
static int
msgfile_ext(const char *name, const char *ext)
{
	size_t n = name != NULL ? strlen(name) : 0, k = strlen(ext);

	return n > k && strcasecmp(name + n - k, ext) == 0;
}

/*
 * The type an attachment by value is read as, from its MIME tag or its
 * file's name; NULL for the ones explain has no use for (images, PDFs).
 */
static const char *
msgfile_attach_type(const char *tag, const char *file)
{
	static const char *const kept[] = { "message/rfc822",
	    "message/global", "message/delivery-status",
	    "message/global-delivery-status", "text/rfc822-headers",
	    "message/feedback-report", "text/plain", "text/html" };
	size_t i, k;

	for (i = 0; tag != NULL && i < sizeof(kept) / sizeof(kept[0]); i++) {
		k = strlen(kept[i]);
		if (strncasecmp(tag, kept[i], k) == 0 && (tag[k] == '\0' ||
		    tag[k] == ';' || tag[k] == ' '))
			return kept[i];
	}
	if (msgfile_ext(file, ".eml"))
		return "message/rfc822";
	if (msgfile_ext(file, ".txt"))
		return "text/plain";
	if (msgfile_ext(file, ".htm") || msgfile_ext(file, ".html"))
		return "text/html";
	return NULL;
}

/* The parts of a message being made, and what its attachments were. */
struct msgfile_parts {
	GPtrArray	*parts;
	int		 depth;		/* of the message they belong to */
	int		 report;	/* a delivery-status part is there */
	int		 original;	/* a copy of the original is there */
};

/*
 * One attachment as a part: an attached message (embedded, or an .eml)
 * as message/rfc822 (original set), a report's own part as it is (a
 * delivery-status part sets report), a text as text.
 */
static int
msgfile_attachment(struct msgfile *m, struct msgobj *a, void *arg)
{
	struct msgfile_parts *p = arg;
	GPtrArray *parts = p->parts;
	GsfInfile *dir = a->dir;
	char name[32], *tag = NULL, *file = NULL;
	const char *type;
	unsigned char *data;
	uint32_t method = 0;
	GsfInput *in;
	GString *sub;
	size_t len;

	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", PID_ATTACH_DATA,
	    PT_OBJECT);
	if (msgfile_long(a, PID_ATTACH_METHOD, &method) &&
	    method == ATTACH_EMBEDDED_MSG &&
	    (in = gsf_infile_child_by_name(dir, name)) != NULL) {
		if (msgfile_is_storage(in) &&
		    p->depth + 1 < MSGFILE_DEPTH_MAX) {
			sub = g_string_new(NULL);
			msgfile_message(m, GSF_INFILE(in), p->depth + 1, sub);
			msgfile_add(m, parts, msgfile_raw("message/rfc822", sub->str,
			    sub->len));
			p->original = 1;
			g_string_free(sub, TRUE);
		}
		g_object_unref(in);
		goto out;
	}
	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", PID_ATTACH_DATA,
	    PT_BINARY);
	if ((data = msgfile_stream(m, dir, name, MSGFILE_STREAM_MAX, &len)) ==
	    NULL)
		goto out;
	tag = msgfile_string(m, a, PID_ATTACH_MIME_TAG, 256);
	if ((file = msgfile_string(m, a, PID_ATTACH_LONG_FILENAME, 1024)) ==
	    NULL)
		file = msgfile_string(m, a, PID_ATTACH_FILENAME, 1024);
	if ((type = msgfile_attach_type(tag, file)) == NULL)
		;
	else if (strncmp(type, "text/plain", 10) == 0 ||
	    strncmp(type, "text/html", 9) == 0)
		msgfile_add(m, parts, msgfile_leaf(type, NULL, data, len));
	else {
		msgfile_add(m, parts, msgfile_raw(type, data, len));
		p->original |= strncmp(type, "message/rfc822", 14) == 0 ||
		    strncmp(type, "message/global", 14) == 0 ||
		    strncmp(type, "text/rfc822-headers", 19) == 0;
		p->report |= strstr(type, "delivery-status") != NULL;
	}
	free(data);
out:
	free(tag);
	free(file);
	return 0;
}

/*
 * A report with no copy of the message it is about: the original's
 * subject and date it keeps (PR_ORIGINAL_SUBJECT, PR_ORIGINAL_SUBMIT_TIME)
 * as a text/rfc822-headers part; NULL when it keeps neither.
 */
static GString *
msgfile_original(struct msgfile *m, const struct msgobj *o)
{
	char *subject = msgfile_string(m, o, PID_ORIGINAL_SUBJECT,
	    EXPLAIN_FIELD_MAX);
	char *date = msgfile_date(o, PID_ORIGINAL_SUBMIT_TIME);
	GString *g = NULL;

	if (subject != NULL || date != NULL) {
		g = g_string_new("Content-Type: text/rfc822-headers\n\n");
		msgfile_field(g, "Subject", subject);
		if (date != NULL)
			g_string_append_printf(g, "Date: %s\n", date);
	}
	free(subject);
	free(date);
	return g;
}

/* A boundary that no part holds (tried from a count; a part would have to
 * hold every one tried to make them all fail). */
static void
msgfile_boundary(GPtrArray *parts, int depth, char *b, size_t n)
{
	unsigned k, i;
	GString *p;
	int clash;

	for (k = 0; k < 64; k++) {
		snprintf(b, n, "=_mxtrace_msg_%d_%u", depth, k);
		clash = 0;
		for (i = 0; i < parts->len && !clash; i++) {
			p = g_ptr_array_index(parts, i);
			clash = memmem(p->str, p->len, b, strlen(b)) != NULL;
		}
		if (!clash)
			return;
	}
}

static void
msgfile_part_free(gpointer p)
{
	g_string_free(p, TRUE);
}

/*
 * The message object in dir (depth 0: the file's own; deeper: attached)
 * appended to out as an RFC 5322 message: its header block, then its one
 * part or a multipart/mixed (multipart/report for a delivery report) of
 * its body, the report's delivery-status part, and its attachments.
 */
static void
msgfile_message(struct msgfile *m, GsfInfile *dir, int depth, GString *out)
{
	struct msgobj o;
	GPtrArray *parts = g_ptr_array_new_with_free_func(msgfile_part_free);
	struct msgfile_parts p = { parts, depth, 0, 0 };
	char *cls, *hdrs, cs[24], b[48];
	const char *action;
	uint32_t cp;
	size_t i;

	msgfile_obj_open(m, &o, dir, depth == 0 ? HEADER_TOP : HEADER_EMBEDDED,
	    NULL);
	if (msgfile_long(&o, PID_MESSAGE_CODEPAGE, &cp) ||
	    msgfile_long(&o, PID_INTERNET_CPID, &cp))
		o.charset = codepage_charset(cp, cs, sizeof(cs));
	cls = msgfile_string(m, &o, PID_MESSAGE_CLASS, 256);
	action = msgfile_action(cls);
	hdrs = msgfile_string(m, &o, PID_TRANSPORT_HEADERS, MSGFILE_STREAM_MAX);
	if (hdrs != NULL && hdrs[0] != '\0')
		msgfile_transport(out, hdrs);
	else
		msgfile_own_headers(m, &o, action != NULL, out);
	free(hdrs);
	msgfile_add(m, parts, msgfile_body(m, &o, depth == 0));
	if (action != NULL) {
		GString *dsn = msgfile_dsn(m, &o, action);

		p.report = dsn != NULL;
		msgfile_add(m, parts, dsn);
	}
	msgfile_each(m, dir, ATTACH_PREFIX, MSGFILE_ATTACH_MAX, o.charset,
	    msgfile_attachment, &p);
	if (p.report && !p.original)
		msgfile_add(m, parts, msgfile_original(m, &o));
	g_string_append(out, "MIME-Version: 1.0\n");
	if (parts->len == 0)
		g_string_append(out, "Content-Type: text/plain\n\n");
	else if (parts->len == 1 && !p.report)
		g_string_append_len(out, ((GString *)parts->pdata[0])->str,
		    (gssize)((GString *)parts->pdata[0])->len);
	else {
		msgfile_boundary(parts, depth, b, sizeof(b));
		g_string_append(out, p.report ? "Content-Type: multipart/report;"
		    " report-type=delivery-status;" : "Content-Type: "
		    "multipart/mixed;");
		g_string_append_printf(out, " boundary=\"%s\"\n\n", b);
		for (i = 0; i < parts->len; i++) {
			g_string_append_printf(out, "--%s\n", b);
			g_string_append_len(out,
			    ((GString *)parts->pdata[i])->str,
			    (gssize)((GString *)parts->pdata[i])->len);
			g_string_append_c(out, '\n');
		}
		g_string_append_printf(out, "--%s--\n", b);
	}
	free(cls);
	g_ptr_array_free(parts, TRUE);
	msgfile_obj_close(&o);
}

/* libgsf's warnings about a broken file: the caller says what is wrong. */
static void
msgfile_quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer arg)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)arg;
}

/* Whether the compound file holds a message: its property stream and class. */
static int
msgfile_holds_message(GsfInfile *root)
{
	static const char *const need[][2] = {
		{ PROPS_STREAM, "__substg1.0_001A001F" },
		{ PROPS_STREAM, "__substg1.0_001A001E" },
	};
	GsfInput *a, *c;
	size_t i;
	int yes = 0;

	for (i = 0; i < 2 && !yes; i++) {
		a = gsf_infile_child_by_name(root, need[i][0]);
		c = gsf_infile_child_by_name(root, need[i][1]);
		yes = a != NULL && c != NULL && !msgfile_is_storage(a) &&
		    !msgfile_is_storage(c);
		if (a != NULL)
			g_object_unref(a);
		if (c != NULL)
			g_object_unref(c);
	}
	return yes;
}

/*
 * libgsf 1.14.50 (Debian 12) loses a few directory entries (80 bytes
 * each, and their names) when gsf_infile_msole_new() refuses a broken
 * directory: its own leak, not ours, so LeakSanitizer does not count what
 * that call allocates (LSAN_OFF: what the suppression by its name did,
 * without a full unwind of every allocation, as libgsf keeps no frame
 * pointers).  Everything allocated outside that call is still counted.
 */
enum msgfile_status
msgfile_to_mime(const char *b, size_t n, char **out, size_t *outlen,
    char **why)
{
	static int ready;
	struct msgfile m = { 0 };
	GError *err = NULL;
	GsfInfile *root;
	GsfInput *mem;
	GString *g;

	*out = NULL;
	*why = NULL;
	if (!ready) {
		gsf_init();
		g_log_set_handler("libgsf:msole", G_LOG_LEVEL_MASK, msgfile_quiet,
		    NULL);
		g_log_set_handler("libgsf", G_LOG_LEVEL_MASK, msgfile_quiet, NULL);
		ready = 1;
	}
	mem = gsf_input_memory_new((const guint8 *)b, (gsf_off_t)n, FALSE);
	LSAN_OFF();	/* see msgfile_to_mime's comment */
	root = gsf_infile_msole_new(mem, &err);
	LSAN_ON();
	g_object_unref(mem);
	if (root == NULL) {
		*why = xstrdup(err != NULL && err->message != NULL ?
		    err->message : "not a compound file");
		g_clear_error(&err);
		return MSGFILE_DAMAGED;
	}
	if (!msgfile_holds_message(root)) {
		g_object_unref(root);
		return MSGFILE_NOT_MESSAGE;
	}
	g = g_string_new(NULL);
	msgfile_message(&m, root, 0, g);
	g_object_unref(root);
	if (m.why != NULL) {
		*why = m.why;
		g_string_free(g, TRUE);
		return MSGFILE_DAMAGED;
	}
	*outlen = g->len;
	*out = xstrndup(g->str, g->len);
	g_string_free(g, TRUE);
	return MSGFILE_OK;
}
