/*
 * mime.c - bounded access to a message parsed by GMime: the part walk, a
 * part's decoded text, decoded headers.  See mime.h.
 *
 * Public: mime_init(), mime_walk(), mime_is_message(), mime_inner_message(),
 * mime_inner_headers(), mime_type(), mime_part_text(), mime_keep_headers(),
 * mime_set_dropped(), mime_dropped(),
 * mime_header_raw(), mime_header_at(), mime_header_gmime(), mime_header(),
 * mime_header_value(), mime_decode_words(), mime_to_utf8(), mime_shutdown().
 *
 * Why a decoder for encoded-words of our own: GMime joins the encoded text
 * of adjacent RFC 2047 words of one charset before decoding, so a split
 * Subject whose words end in base64 padding ("...==?= =?GB2312?B?...")
 * comes out cut after the first word.  Here each word's bytes are decoded
 * on their own (GMime's base64 decoder, a fresh state per word) and then
 * joined by charset, so a character split across two words still decodes.
 */
#include <ctype.h>
#include <string.h>


#include "base/limits.h"
#include "base/lsan.h"
#include "base/memfind.h"
#include "base/utf8.h"
#include "base/util.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/rawhdr.h"
#include "input/encoding.h"

struct walk {
	mime_walk_cb		*cb;
	void			*arg;
	const char *const	*copies;	/* types looked for; NULL: none */
	size_t			 seen;
};

static int copy_lacks_types(GMimeObject *, const char *const *);

static int
walk_obj(struct walk *w, GMimeObject *obj, int depth)
{
	GMimeMessage *inner;
	int i, n, rv;

	if (obj == NULL || depth >= EXPLAIN_DEPTH_MAX ||
	    w->seen >= EXPLAIN_PARTS_MAX)
		return 0;
	w->seen++;
	if ((rv = w->cb(obj, depth, w->arg)) != 0)
		return rv;
	if (GMIME_IS_MULTIPART(obj)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(obj));
		for (i = 0; i < n; i++)
			if ((rv = walk_obj(w, g_mime_multipart_get_part(
			    GMIME_MULTIPART(obj), i), depth + 1)) != 0)
				return rv;
	} else if (w->copies != NULL && mime_is_message(obj)) {
		if (copy_lacks_types(obj, w->copies))
			return 0;
		inner = mime_inner_message(obj);
		if (inner != NULL)
			return walk_obj(w, g_mime_message_get_mime_part(inner),
			    depth + 1);
	} else if (GMIME_IS_MESSAGE(obj))
		return walk_obj(w, g_mime_message_get_mime_part(
		    GMIME_MESSAGE(obj)), depth + 1);
	return 0;
}

int
mime_walk(GMimeObject *root, const char *const *copies, mime_walk_cb *cb,
    void *arg)
{
	struct walk w = { cb, arg, copies, 0 };

	return walk_obj(&w, root, 0);
}

/* The returned-message types GMime would parse as a message of their own. */
static const char *const message_types[] = { "rfc822", "global", "news" };

/*
 * Why a message's header fields are only stored: for each field GMime
 * adds to a message it also parses the ones it keeps apart (From, To, Cc,
 * Reply-To, Sender, Bcc into address lists, re-parsing every field of that
 * name again each time; Date; Subject; Message-Id), a tenth of the time
 * per bounce, and explain reads every field from the header list itself
 * (mime_header) and never asks the message for them.  So a message takes
 * a field as any other GMime object does: g_mime_message_get_from(),
 * _get_addresses(), _get_subject(), _get_date() and _get_message_id() say
 * nothing in this process; use mime_header().
 */
static void
message_headers_as_read(void)
{
	GMimeObjectClass *msg = g_type_class_ref(GMIME_TYPE_MESSAGE);
	GMimeObjectClass *obj = g_type_class_ref(GMIME_TYPE_OBJECT);

	msg->header_added = obj->header_added;
	msg->header_changed = obj->header_changed;
	msg->header_removed = obj->header_removed;
	msg->headers_cleared = obj->headers_cleared;
	g_type_class_unref(obj);
	g_type_class_unref(msg);
}

static GQuark kept_quark, dropped_quark;

void
mime_keep_headers(GMimeMessage *msg, struct rawhdr *r)
{
	g_object_set_qdata_full(G_OBJECT(msg), kept_quark, r,
	    (GDestroyNotify)rawhdr_free);
}

void
mime_set_dropped(GMimeMessage *msg, size_t n)
{
	g_object_set_qdata(G_OBJECT(msg), dropped_quark,
	    GSIZE_TO_POINTER(n));
}

size_t
mime_dropped(GMimeMessage *msg)
{
	return dropped_quark != 0 ? GPOINTER_TO_SIZE(g_object_get_qdata(
	    G_OBJECT(msg), dropped_quark)) : 0;
}

static const struct rawhdr *
kept_headers(GMimeObject *obj)
{
	return kept_quark != 0 ? g_object_get_qdata(G_OBJECT(obj),
	    kept_quark) : NULL;
}

const char *
mime_header_raw(GMimeObject *obj, const char *name)
{
	const struct rawhdr *k;
	GMimeHeaderList *hl;
	GMimeHeader *h;

	if (obj == NULL)
		return NULL;
	if ((k = kept_headers(obj)) != NULL)
		return rawhdr_get(k, name);
	if ((hl = g_mime_object_get_header_list(obj)) == NULL ||
	    (h = g_mime_header_list_get_header(hl, name)) == NULL)
		return NULL;
	return g_mime_header_get_raw_value(h);
}

int
mime_header_at(GMimeObject *obj, size_t i, const char **name,
    const char **raw)
{
	const struct rawhdr *k = kept_headers(obj);
	GMimeHeaderList *hl;
	GMimeHeader *h;

	if (k != NULL) {
		if (i >= k->n)
			return 0;
		*name = k->f[i].name;
		*raw = k->f[i].value;
		return 1;
	}
	if ((hl = g_mime_object_get_header_list(obj)) == NULL ||
	    i >= (size_t)g_mime_header_list_get_count(hl) ||
	    (h = g_mime_header_list_get_header_at(hl, (int)i)) == NULL)
		return 0;
	*name = g_mime_header_get_name(h);
	*raw = g_mime_header_get_raw_value(h);
	return 1;
}

char *
mime_header_gmime(GMimeObject *obj, const char *name)
{
	const char *raw, *v;
	char *flat, *dec, *out;

	if (obj == NULL)
		return NULL;
	if (kept_headers(obj) == NULL)
		return (v = g_mime_object_get_header(obj, name)) != NULL ?
		    xstrdup(v) : NULL;
	/* what GMime's g_mime_header_get_value() does with a raw value */
	if ((raw = mime_header_raw(obj, name)) == NULL)
		return NULL;
	flat = g_mime_utils_header_unfold(raw);
	dec = g_mime_utils_header_decode_text(NULL, flat);
	out = xstrdup(dec);
	g_free(flat);
	g_free(dec);
	return out;
}

/*
 * Why returned messages are left unparsed: a bounce's copy of the
 * original is a whole message (its Received lines, its parts) that GMime
 * built and freed object by object, the largest share of the time per
 * bounce, while nearly always only five of its header fields are read
 * (mime_inner_headers).  The few readers that need the copy's structure
 * ask mime_inner_message(), which parses it then.
 */
void
mime_init(void)
{
	size_t i;

	/*
	 * Registering a type GMime already knows replaces its entry without
	 * freeing the old one (16 bytes and the subtype's name, once per
	 * process): not ours to free, so LeakSanitizer does not count what
	 * GMime allocates here.
	 */
	LSAN_OFF();
	g_mime_init();
	for (i = 0; i < sizeof(message_types) / sizeof(message_types[0]); i++)
		g_mime_object_register_type("message", message_types[i],
		    GMIME_TYPE_PART);
	LSAN_ON();
	message_headers_as_read();
	kept_quark = g_quark_from_static_string("mxtrace-kept-headers");
	dropped_quark = g_quark_from_static_string("mxtrace-dropped-fields");
}

int
mime_is_message(GMimeObject *obj)
{
	GMimeContentType *ct;
	size_t i;

	if (GMIME_IS_MESSAGE_PART(obj))
		return 1;
	if (!GMIME_IS_PART(obj) ||
	    (ct = g_mime_object_get_content_type(obj)) == NULL)
		return 0;
	for (i = 0; i < sizeof(message_types) / sizeof(message_types[0]); i++)
		if (g_mime_content_type_is_type(ct, "message", message_types[i]))
			return 1;
	return 0;
}

/* A stream of its own over a leaf part's raw content, or NULL. */
static GMimeStream *
raw_content(GMimeObject *obj)
{
	GMimeDataWrapper *w;
	GMimeStream *src;

	if (!GMIME_IS_PART(obj) ||
	    (w = g_mime_part_get_content(GMIME_PART(obj))) == NULL ||
	    (src = g_mime_data_wrapper_get_stream(w)) == NULL)
		return NULL;
	return g_mime_stream_substream(src, src->bound_start, src->bound_end);
}

#define INNER_KEY	"mxtrace-inner-message"

GMimeMessage *
mime_inner_message(GMimeObject *obj)
{
	GMimeMessage *m;
	GMimeStream *s;
	GMimeParser *p;

	if (GMIME_IS_MESSAGE_PART(obj))
		return g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
	if (!mime_is_message(obj))
		return NULL;
	/* parsed once: kept with the part (NULL kept too, as a marker) */
	if (g_object_get_data(G_OBJECT(obj), INNER_KEY "-tried") != NULL)
		return g_object_get_data(G_OBJECT(obj), INNER_KEY);
	g_object_set_data(G_OBJECT(obj), INNER_KEY "-tried", obj);
	if ((s = raw_content(obj)) == NULL)
		return NULL;
	p = g_mime_parser_new_with_stream(s);
	m = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	g_object_unref(s);
	if (m != NULL)
		g_object_set_data_full(G_OBJECT(obj), INNER_KEY, m,
		    g_object_unref);
	return m;
}

char *
mime_inner_headers(GMimeObject *obj, size_t max, size_t *len)
{
	GMimeStream *s;
	size_t got = 0, cap = 4096, from;
	ssize_t n;
	char *buf;

	if (!mime_is_message(obj) || (s = raw_content(obj)) == NULL)
		return NULL;
	buf = xmalloc(cap + 1);
	while (got < max) {
		if (got == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		if ((n = g_mime_stream_read(s, buf + got,
		    MIN(cap - got, max - got))) <= 0)
			break;
		/*
		 * stop after the block's end: a blank line, or one at the start
		 */
		from = got > 2 ? got - 2 : 0;
		got += (size_t)n;
		if (buf[0] == '\n' || (got > 1 && buf[0] == '\r' &&
		    buf[1] == '\n') ||
		    memfind_lower(buf + from, got - from, "\n\n", 2) !=
		    (size_t)-1 ||
		    memfind_lower(buf + from, got - from, "\n\r\n", 3) !=
		    (size_t)-1)
			break;
	}
	g_object_unref(s);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/*
 * The bytes of a returned copy, lowered and without its CRs (GMime drops
 * a CR inside a field's value: "delivery\r-status" reads
 * "delivery-status"), when it holds at most max bytes and no NUL; else
 * NULL.  Owned, *len set.
 */
static char *
copy_lowered(GMimeObject *obj, size_t max, size_t *len)
{
	GMimeStream *s;
	char *buf, *low = NULL, *cr, *p;
	size_t got = 0, cap = 4096, k;
	ssize_t n;

	if ((s = raw_content(obj)) == NULL)
		return NULL;
	buf = xmalloc(cap);
	while ((n = g_mime_stream_read(s, buf + got, cap - got)) > 0) {
		got += (size_t)n;
		if (got > max)
			break;
		if (got == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	g_object_unref(s);
	if (got <= max && memchr(buf, '\0', got) == NULL) {
		for (p = buf, k = 0; (cr = memchr(p, '\r', got - (size_t)(p -
		    buf))) != NULL; p = cr + 1) {
			memmove(buf + k, p, (size_t)(cr - p));
			k += (size_t)(cr - p);
		}
		memmove(buf + k, p, got - (size_t)(p - buf));
		k += got - (size_t)(p - buf);
		low = extract_lower(buf, k);
		*len = k;
	}
	free(buf);
	return low;
}

/*
 * Why a walk may pass a copy by unparsed: GMime building a returned copy
 * (mime_inner_message) and freeing it cost more than the rest of a
 * bounce's reading, and the DSN reader's walk into copies, looking for a
 * report forwarded whole, parsed every copy of every bounce without a
 * report of its own, while nearly no copy holds one.  GMime reads a
 * part's type from its Content-Type field, and reads no subtype from a
 * field whose bytes do not hold it (blanks, folds and comments end a
 * token; quoted strings and quoted pairs are no type), once its CRs are
 * dropped (copy_lowered), except through an encoded-word ("=?", which it
 * decodes first) or a charset's conversion (a byte outside ASCII).  So a
 * copy whose bytes hold none of the subtypes of types, and neither "=?"
 * nor a byte outside ASCII from a "content-type" to the end of its line
 * and its continuations, holds no part of those types.  A copy bigger
 * than EXPLAIN_TEXT_MAX is parsed.
 */
static int
copy_lacks_types(GMimeObject *obj, const char *const *types)
{
	const char *sub, *p, *q, *end, *nl;
	size_t len, i, at;
	char *low;
	int lacks = 1;

	if (!GMIME_IS_PART(obj) ||
	    (low = copy_lowered(obj, EXPLAIN_TEXT_MAX, &len)) == NULL)
		return 0;
	for (i = 0; lacks && types[i] != NULL; i++)
		lacks = (sub = strchr(types[i], '/')) != NULL &&
		    memfind_lower(low, len, sub + 1, strlen(sub + 1)) ==
		    (size_t)-1;
	for (p = low, end = low + len; lacks && (at = memfind_lower(p,
	    (size_t)(end - p), "content-type", 12)) != (size_t)-1; p = nl) {
		/* the field's line and its continuations */
		for (nl = p + at; (nl = memchr(nl, '\n', (size_t)(end - nl))) !=
		    NULL && nl + 1 < end && (nl[1] == ' ' || nl[1] == '\t');
		    nl++)
			;
		if (nl == NULL)
			nl = end;
		for (q = p + at; lacks && q < nl; q++)
			lacks = (unsigned char)*q < 0x80 && !(q[0] == '=' &&
			    q + 1 < nl && q[1] == '?');
	}
	free(low);
	return lacks;
}

void
mime_type(GMimeObject *obj, char *buf, size_t n)
{
	GMimeContentType *ct = obj ? g_mime_object_get_content_type(obj) : NULL;
	const char *t = ct ? g_mime_content_type_get_media_type(ct) : NULL;
	const char *s = ct ? g_mime_content_type_get_media_subtype(ct) : NULL;
	const char *parts[3] = { t ? t : "text", "/", s ? s : "plain" };
	size_t k, j, o = 0;

	if (n == 0)
		return;
	/* "type/subtype", lowered, cut to n: no printf, every walk asks */
	for (k = 0; k < 3; k++)
		for (j = 0; parts[k][j] != '\0' && o + 1 < n; j++)
			buf[o++] = (char)tolower((unsigned char)parts[k][j]);
	buf[o] = '\0';
}

/* iconv's name for a declared charset; the GB family is read as GB18030. */
static const char *
charset_name(const char *cs)
{
	if (cs == NULL || cs[0] == '\0')
		return NULL;
	if (g_ascii_strcasecmp(cs, "gb2312") == 0 ||
	    g_ascii_strcasecmp(cs, "gbk") == 0 ||
	    g_ascii_strcasecmp(cs, "x-gbk") == 0 ||
	    g_ascii_strcasecmp(cs, "cp936") == 0 ||
	    g_ascii_strcasecmp(cs, "euc-cn") == 0)
		return "GB18030";
	return g_mime_charset_iconv_name(cs);
}

/* uchardet's answers that its own statistics back even on a few bytes:
 * the CJK and Cyrillic multi-letter models. */
static int
guess_trusted(const char *cs)
{
	static const char *const prefixes[] = { "GB", "BIG5", "EUC-",
	    "SHIFT_JIS", "ISO-2022", "UHC", "KOI8", "WINDOWS-1251", "IBM866",
	    "ISO-8859-5", "MAC-CYRILLIC" };
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (g_ascii_strncasecmp(cs, prefixes[i],
		    strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/*
 * The charset of undeclared text; NULL when it cannot be told.  uchardet
 * first; but on a few Chinese bytes pasted from a GBK or Big5 mail client
 * it answers nothing or a charset the bytes are not in (WINDOWS-1256 for
 * "550 邮箱不存在", ISO-8859-7 for "对方拒收", WINDOWS-1252 for Big5's
 * "郵件被退回"), so an answer other than its CJK and Cyrillic ones yields
 * to Big5 when the bytes are Big5's Chinese (encoding_big5), else to the
 * list reader's detection (input/encoding.h) when that says GB18030
 * (every non-ASCII byte pairs up in GB2312's range).
 */
static char *
guess_charset(const char *s, size_t len)
{
	const char *cs = encoding_uchardet(s, len);
	char *out = NULL, name[ENCODING_NAME_MAX];
	enum encoding_how how;

	if (cs != NULL && *cs != '\0')
		out = xstrdup(cs);
	if (out != NULL && guess_trusted(out))
		return out;
	if (encoding_big5(s, len, true)) {
		free(out);
		return xstrdup("BIG5");
	}
	if (out != NULL && g_ascii_strcasecmp(out, "UTF-8") == 0) {
		/* not valid UTF-8 (the caller copies that): a wrong answer */
		free(out);
		out = NULL;
	}
	encoding_detect(s, len, true, name, &how);
	if (strcmp(name, "GB18030") == 0) {
		free(out);
		return xstrdup(name);
	}
	return out;
}

/* Bytes that are not valid UTF-8 become U+FFFD. */
static char *
utf8_repair(const char *s, size_t len, size_t *outlen)
{
	char *out = xmalloc(len * 3 + 1);
	size_t i = 0, o = 0, n;
	unsigned long cp;

	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) > 0) {
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/*
 * Converters to UTF-8 kept open by charset name: opening one loads (and
 * closing the last one unloads) the charset's gconv module, which cost
 * more than the conversion; an mbox repeats a few charsets many times.
 */
#define KEPT_ICONV	8
static struct {
	char	 cs[64];
	iconv_t	 cd;
} kept[KEPT_ICONV];
static size_t kept_next;

/*
 * A converter from cs to UTF-8 in its initial state; (iconv_t)-1 if none.
 * An empty name is refused: iconv would open the locale's charset for it,
 * and kept under an empty name the slot would look free and leak.
 */
static iconv_t
iconv_for(const char *cs)
{
	size_t i;
	iconv_t cd;

	for (i = 0; i < KEPT_ICONV; i++)
		if (kept[i].cs[0] != '\0' && strcmp(kept[i].cs, cs) == 0) {
			iconv(kept[i].cd, NULL, NULL, NULL, NULL);
			return kept[i].cd;
		}
	if (cs[0] == '\0' || strlen(cs) >= sizeof(kept[0].cs) ||
	    (cd = g_mime_iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return (iconv_t)-1;
	i = kept_next++ % KEPT_ICONV;
	if (kept[i].cs[0] != '\0')
		g_mime_iconv_close(kept[i].cd);
	memcpy(kept[i].cs, cs, strlen(cs) + 1);
	kept[i].cd = cd;
	return cd;
}

void
mime_shutdown(void)
{
	size_t i;

	for (i = 0; i < KEPT_ICONV; i++)
		if (kept[i].cs[0] != '\0') {
			g_mime_iconv_close(kept[i].cd);
			kept[i].cs[0] = '\0';
		}
}

/*
 * iconv from cs to UTF-8; NULL when the charset is unknown or a byte is wrong.
 */
static char *
convert(const char *s, size_t len, const char *cs, size_t *outlen)
{
	iconv_t cd;
	char *g, *out;

	if ((cd = iconv_for(cs)) == (iconv_t)-1)
		return NULL;
	g = g_mime_iconv_strndup(cd, s, len);
	if (g == NULL)
		return NULL;
	*outlen = strlen(g);
	out = xstrndup(g, *outlen);	/* g is g_malloc'ed */
	g_free(g);
	return out;
}

/*
 * Whether a charset writes every character in two or four bytes (UTF-16,
 * UTF-32, UCS-2, UCS-4): their text of any ASCII letter holds a NUL byte,
 * so one declared over bytes without a NUL is a lie (a mail program's
 * label, the bytes 8-bit text), and reading it would make CJK of ASCII
 * pairs.
 */
static int
wide_charset(const char *cs)
{
	return g_ascii_strncasecmp(cs, "UTF-16", 6) == 0 ||
	    g_ascii_strncasecmp(cs, "UTF-32", 6) == 0 ||
	    g_ascii_strncasecmp(cs, "UCS-2", 5) == 0 ||
	    g_ascii_strncasecmp(cs, "UCS-4", 5) == 0;
}

char *
mime_to_utf8(const char *s, size_t len, const char *charset, size_t *outlen)
{
	const char *cs = charset_name(charset);
	char *out = NULL, *guess = NULL;

	if (s == NULL || len == 0) {
		*outlen = 0;
		return xstrdup("");
	}
	if (cs != NULL && g_ascii_strcasecmp(cs, "UTF-8") != 0 &&
	    g_ascii_strcasecmp(cs, "us-ascii") != 0 && !wide_charset(cs) &&
	    memchr(s, '\0', len) == NULL)
		out = convert(s, len, cs, outlen);
	if (out == NULL && utf8_valid(s, len)) {
		/* already UTF-8 (most reports): a copy, nothing to repair */
		out = xmalloc(len + 1);
		memcpy(out, s, len);
		out[len] = '\0';
		*outlen = len;
		return out;
	}
	if (out == NULL && memchr(s, '\0', len) == NULL &&
	    (guess = guess_charset(s, len)) != NULL)
		out = convert(s, len, charset_name(guess), outlen);
	free(guess);
	return out != NULL ? out : utf8_repair(s, len, outlen);
}

/* Room in *buf (size *cap) for at least need more bytes after used. */
static void
reserve(char **buf, size_t *cap, size_t used, size_t need)
{
	if (used + need <= *cap)
		return;
	while (used + need > *cap)
		*cap *= 2;
	*buf = xrealloc(*buf, *cap);
}

/*
 * Quoted-printable text s[0..n) without the blanks at the end of its
 * lines: RFC 2045 section 6.7 rule (3) says an encoder never leaves them
 * there, so a relay or a mail client added them on the way, and a decoder
 * deletes them.  GMime's decoder keeps them, and then "=" followed by
 * blanks is no soft line break to it: a reply folded as "bloc=  \nked"
 * came out as "bloc= ked".  In place; returns the new length.
 */
static size_t
qp_trim(char *s, size_t n)
{
	size_t i, o = 0;
	int cr;

	for (i = 0; i < n; i++) {
		if (s[i] != '\n') {
			s[o++] = s[i];
			continue;
		}
		cr = o > 0 && s[o - 1] == '\r';
		o -= (size_t)cr;
		while (o > 0 && (s[o - 1] == ' ' || s[o - 1] == '\t'))
			o--;
		if (cr)
			s[o++] = '\r';
		s[o++] = '\n';
	}
	while (o > 0 && (s[o - 1] == ' ' || s[o - 1] == '\t'))
		o--;
	return o;
}

/*
 * The transfer encoding is undone with GMime's decoder state on a buffer
 * of our own rather than through a filter stream: three GObjects fewer
 * for every part read, the same decoder.  Quoted-printable text is read
 * whole first, to take the blanks off its line ends (qp_trim).
 */
char *
mime_part_text(GMimeObject *obj, size_t max, size_t *len, int *cut)
{
	GMimeDataWrapper *w;
	GMimeStream *src;
	GMimeEncoding enc;
	char in[4096], *dec, *out, *raw = NULL;
	size_t got = 0, used = 0, cap = sizeof(in), rused = 0,
	    rcap = sizeof(in);
	ssize_t n;
	int qp;

	if (!GMIME_IS_PART(obj) ||
	    (w = g_mime_part_get_content(GMIME_PART(obj))) == NULL ||
	    (src = g_mime_data_wrapper_get_stream(w)) == NULL)
		return NULL;
	qp = g_mime_data_wrapper_get_encoding(w) ==
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
	g_mime_encoding_init_decode(&enc, g_mime_data_wrapper_get_encoding(w));
	dec = xmalloc(cap);
	if (qp)
		raw = xmalloc(rcap);
	g_mime_stream_reset(src);
	while (got < max && (n = g_mime_stream_read(src, in,
	    MIN(sizeof(in), max - got))) > 0) {
		got += (size_t)n;
		if (qp) {
			reserve(&raw, &rcap, rused, (size_t)n);
			memcpy(raw + rused, in, (size_t)n);
			rused += (size_t)n;
			continue;
		}
		reserve(&dec, &cap, used, g_mime_encoding_outlen(&enc,
		    (size_t)n));
		used += g_mime_encoding_step(&enc, in, (size_t)n, dec + used);
	}
	/* one byte more past the bound says the part was longer */
	if (cut != NULL)
		*cut = got == max && g_mime_stream_read(src, in, 1) > 0;
	if (qp) {
		rused = qp_trim(raw, rused);
		reserve(&dec, &cap, used, g_mime_encoding_outlen(&enc, rused));
		used += g_mime_encoding_step(&enc, raw, rused, dec + used);
		free(raw);
	}
	reserve(&dec, &cap, used, g_mime_encoding_outlen(&enc, 0));
	used += g_mime_encoding_flush(&enc, in, 0, dec + used);
	out = mime_to_utf8(dec, used,
	    g_mime_object_get_content_type_parameter(obj, "charset"), len);
	free(dec);
	return out;
}

/* One RFC 2047 word at p: its charset, its decoded bytes and its end. */
struct eword {
	char		 charset[64];
	GByteArray	*bytes;
	const char	*end;
};

/* Parse "=?cs?E?text?=" at p (before end); 0 when it is not one. */
static int
eword_parse(const char *p, const char *end, struct eword *w)
{
	const char *cs = p + 2, *q, *e, *t;
	unsigned char out[3 * 1024];
	int state = 0, hi, lo;
	guint32 save = 0;
	size_t n, k;
	char enc;

	if (end - p < 8 || p[0] != '=' || p[1] != '?')
		return 0;
	if ((q = memchr(cs, '?', (size_t)(end - cs))) == NULL || q == cs ||
	    q - cs >= (ptrdiff_t)sizeof(w->charset) || end - q < 4 ||
	    q[2] != '?')
		return 0;
	enc = (char)toupper((unsigned char)q[1]);
	if (enc != 'B' && enc != 'Q')
		return 0;
	t = q + 3;
	for (e = t; e + 1 < end && !(e[0] == '?' && e[1] == '='); e++)
		if (e[0] == ' ' || e[0] == '\t' || e[0] == '\r' || e[0] == '\n')
			return 0;
	if (e + 1 >= end)
		return 0;
	memcpy(w->charset, cs, (size_t)(q - cs));
	w->charset[q - cs] = '\0';
	if ((t = strchr(w->charset, '*')) != NULL)	/* RFC 2231 language */
		w->charset[t - w->charset] = '\0';
	t = q + 3;
	while (t < e) {
		n = MIN((size_t)(e - t), 1024);
		if (enc == 'B') {
			k = g_mime_encoding_base64_decode_step(
			    (const unsigned char *)t, n, out, &state, &save);
			t += n;
		} else {
			for (k = 0; t < e && k < sizeof(out) - 1; t++) {
				if (*t == '_')
					out[k++] = ' ';
				else if (*t == '=' && e - t >= 3 &&
				    (hi = hex_value((unsigned char)t[1])) >= 0 &&
				    (lo = hex_value((unsigned char)t[2])) >= 0) {
					out[k++] = (unsigned char)(hi * 16 + lo);
					t += 2;
				} else
					out[k++] = (unsigned char)*t;
			}
		}
		g_byte_array_append(w->bytes, out, (guint)k);
	}
	w->end = e + 2;
	return 1;
}

struct outbuf {
	char	*s;
	size_t	 len;
};

static void
out_add(struct outbuf *o, const char *s, size_t n)
{
	if (o->len + n > EXPLAIN_FIELD_MAX)
		n = EXPLAIN_FIELD_MAX - o->len;
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

/* Plain (not encoded) header text: raw 8-bit bytes get a charset guess. */
static void
out_plain(struct outbuf *o, const char *s, size_t n)
{
	size_t ulen;
	char *u;

	if (n == 0)
		return;
	u = mime_to_utf8(s, n, NULL, &ulen);
	out_add(o, u, ulen);
	free(u);
}

static void
out_flush(struct outbuf *o, struct eword *pend)
{
	size_t ulen;
	char *u;

	if (pend->bytes->len == 0)
		return;
	u = mime_to_utf8((const char *)pend->bytes->data, pend->bytes->len,
	    pend->charset, &ulen);
	out_add(o, u, ulen);
	free(u);
	g_byte_array_set_size(pend->bytes, 0);
}

char *
mime_decode_words(const char *raw, size_t len)
{
	struct outbuf o = { xmalloc(EXPLAIN_FIELD_MAX + 1), 0 };
	struct eword w, pend;
	const char *p = raw, *end = raw + len, *gap = raw, *q;
	int after_word = 0;

	/* most values hold no encoded-word: plain text, no word state */
	if (memfind_lower(raw, len, "=?", 2) == (size_t)-1) {
		out_plain(&o, raw, len);
		o.s[o.len] = '\0';
		return o.s;
	}
	pend.bytes = g_byte_array_new();
	pend.charset[0] = '\0';
	w.bytes = g_byte_array_new();
	while (p < end && o.len < EXPLAIN_FIELD_MAX) {
		g_byte_array_set_size(w.bytes, 0);
		if (!eword_parse(p, end, &w)) {
			p++;
			continue;
		}
		/* only blanks between two encoded-words: they vanish */
		for (q = gap; q < p && (*q == ' ' || *q == '\t' || *q == '\r' ||
		    *q == '\n'); q++)
			;
		if (!(after_word && q == p)) {
			out_flush(&o, &pend);
			out_plain(&o, gap, (size_t)(p - gap));
		} else if (g_ascii_strcasecmp(pend.charset, w.charset) != 0)
			out_flush(&o, &pend);
		memcpy(pend.charset, w.charset, sizeof(pend.charset));
		g_byte_array_append(pend.bytes, w.bytes->data, w.bytes->len);
		p = gap = w.end;
		after_word = 1;
	}
	out_flush(&o, &pend);
	if (o.len < EXPLAIN_FIELD_MAX)
		out_plain(&o, gap, (size_t)(end - gap));
	o.s[o.len] = '\0';
	g_byte_array_free(pend.bytes, TRUE);
	g_byte_array_free(w.bytes, TRUE);
	return o.s;
}

char *
mime_header(GMimeObject *obj, const char *name)
{
	const char *raw = mime_header_raw(obj, name);

	return raw != NULL ? mime_header_value(raw, strlen(raw)) : NULL;
}

char *
mime_header_value(const char *raw, size_t len)
{
	char *flat, *out;
	size_t i, k;

	if (len > EXPLAIN_FIELD_MAX * 4)
		len = EXPLAIN_FIELD_MAX * 4;
	flat = xmalloc(len + 1);
	/*
	 * unfold (RFC 5322 2.2.3): the line breaks go, the blanks after them
	 * stay; a tab, folding's usual blank, becomes a space, as a mail
	 * client shows it: the terminal would print it "\x09" (a To: folded
	 * after its first address), a JSON reader "\t"
	 */
	for (i = k = 0; i < len; i++) {
		if (raw[i] == '\r' || raw[i] == '\n') {
			while (i + 1 < len && (raw[i + 1] == '\r' ||
			    raw[i + 1] == '\n'))
				i++;
			continue;
		}
		flat[k++] = raw[i] == '\t' ? ' ' : raw[i];
	}
	for (i = 0; i < k && (flat[i] == ' ' || flat[i] == '\t'); i++)
		;
	while (k > i && (flat[k - 1] == ' ' || flat[k - 1] == '\t'))
		k--;
	out = mime_decode_words(flat + i, k - i);
	free(flat);
	return out;
}
