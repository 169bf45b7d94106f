/*
 * original.c - find the original message a report is about.  See
 * original.h.
 *
 * Public: original_part(), original_find(), original_from_text(),
 * original_from_client(), original_bounce_head(),
 * original_from_notice(), original_sender_domain(), original_free().
 *
 * Headers quoted as text (text/rfc822-headers, or a copy pasted into a
 * plain-text bounce) are split into fields here (from_headers) and each
 * value decoded as a parsed header's is.  A forward or reply written by a
 * mail client in Chinese heads the quoted message with the same four
 * fields in Chinese (zh_fields below); they are read on the same path, so
 * a bounce a customer's Outlook, Foxmail or NetEase Mail passed on names
 * its original Subject, To and Date.
 */
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/original.h"
#include "explain/signs.h"
#include "explain/zhdate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
from_object(GMimeObject *m, struct explain_original *o)
{
	o->subject = mime_header(m, "Subject");
	o->from = mime_header(m, "From");
	o->to = mime_header(m, "To");
	o->date = mime_header(m, "Date");
	o->message_id = mime_header(m, "Message-ID");
}

static int
found_any(const struct explain_original *o)
{
	return o->subject != NULL || o->from != NULL || o->to != NULL ||
	    o->date != NULL || o->message_id != NULL;
}

/*
 * The same fields as a mail client writes them in Chinese above a quoted
 * message, each index that of wanted[] (0 subject, 1 from, 2 to, 3 date);
 * 抄送 (Cc) is not kept.  The layouts, each from a message that carries
 * it:
 * - Outlook in Chinese: "-----邮件原件-----", then "发件人: N [mailto:a]",
 *   "发送时间: 2021年8月6日 15:49", "收件人:", "抄送:", "主题:" (messages
 *   with X-Mailer: Microsoft Outlook 16.0 and Content-Language: zh-cn on
 *   linux-kernel, e.g. 2021-12-14 "Re: [PATCH] xfs: not allow rename if
 *   src is quota enabled...", and linux-media 2021-08-06);
 * - QQ Mail: "------------------ 原始邮件 ------------------", then
 *   "发件人: "N"<a>;", "发送时间: 2013年8月6日(星期二) 晚上6:00",
 *   "收件人:", "主题:" (a QQ Mail reply quoted in the tests of
 *   theplant's qortex mail parser, HeadComp);
 * - Foxmail: "发件人： N", "发送时间： 2011-12-29  18:25:37", "收件人：",
 *   "抄送：", "主题：" with fullwidth colons, under a line of '_'
 *   (linux-media, 2012-02-13, "Re: Mystique SaTiX-S2 Sky Xpress DUAL
 *   card");
 * - Coremail webmail: "-----原始邮件-----", then "发件人:", "发送时间:
 *   2021-03-11 19:05:03 (星期四)", "收件人:", "抄送:", "主题:"
 *   (mail.ustc.edu.cn on linux-rdma, 2021-03-11);
 * - NetEase Mail (163): "---- 回复的原邮件 ----", then the names without
 *   a colon, as table cells: "发件人 N<a>", "发送日期 2025年12月26日
 *   13:17", "收件人", "主题" (a reply quoted on the p2ptalk Google Group,
 *   2025-12-26).  A "日期：" field for 163 was asked for but no message
 *   or page carrying one was found: "日期" is read as the date only
 *   because it names one, as 发送日期 does.
 * These clients write their date in forms of their own and no time
 * zone: it is made an RFC 5322 date in China Standard Time (zhdate.c),
 * the form of every other date, or NULL when it names no time
 * (docs/json.md: original.date).
 */
static const struct {
	const char	*name;
	size_t		 slot;
} zh_fields[] = {
	{ "主题", 0 }, { "发件人", 1 }, { "收件人", 2 }, { "发送时间", 3 },
	{ "发送日期", 3 }, { "日期", 3 },
};

/* Whether p[i..n) starts with blanks: ' ', '\t', U+00A0 or U+3000. */
static size_t
zh_blank(const char *p, size_t n, size_t i)
{
	if (i < n && (p[i] == ' ' || p[i] == '\t'))
		return 1;
	if (i + 1 < n && memcmp(p + i, "\xc2\xa0", 2) == 0)
		return 2;
	if (i + 2 < n && memcmp(p + i, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/*
 * Whether the line p[0..n) is one of zh_fields: its name, blanks, then
 * ':', the fullwidth '：' (U+FF1A) or, NetEase's table, only blanks.  The
 * slot in *slot and where its value starts (blanks after the colon
 * skipped) in *at.
 */
static int
zh_field(const char *p, size_t n, size_t *slot, size_t *at)
{
	size_t i, k, b, len;
	int blanks;

	for (i = 0; i < NELEM(zh_fields); i++) {
		/* the first byte alone settles nearly every line, each
		 * quoted header line of every bounce being asked */
		if (n == 0 || p[0] != zh_fields[i].name[0])
			continue;
		len = strlen(zh_fields[i].name);
		if (n < len || memcmp(p, zh_fields[i].name, len) != 0)
			continue;
		for (k = len, blanks = 0; (b = zh_blank(p, n, k)) > 0; k += b)
			blanks = 1;
		if (k < n && p[k] == ':')
			k++;
		else if (k + 2 < n && memcmp(p + k, "\xef\xbc\x9a", 3) == 0)
			k += 3;
		else if (!blanks)
			continue;
		while ((b = zh_blank(p, n, k)) > 0)
			k += b;
		*slot = zh_fields[i].slot;
		*at = k;
		return 1;
	}
	return 0;
}

/* The fields an explain_original holds, as they start a header line. */
static const char *const wanted[] = { "subject:", "from:", "to:", "date:",
    "message-id:", NULL };

static char **
wanted_slot(struct explain_original *o, size_t i)
{
	char **slots[] = { &o->subject, &o->from, &o->to, &o->date,
	    &o->message_id };

	return slots[i];
}

/*
 * Read a quoted header block (cut at its first blank line) for the
 * wanted fields; 1 when it gave any.  Only the split into fields is done
 * here, and only for these five: a quoted copy is text, not a MIME entity,
 * and building a GMime part for it cost a parser and a header object per
 * line.  Each value then goes the way of a parsed header's
 * (mime_header_value: unfolded, RFC 2047 words decoded); the first of
 * two fields of one name wins, as in a parsed header list.
 */
static int
from_headers(const char *s, size_t len, struct explain_original *o)
{
	const char *p = s, *end = s + len, *eol, *nul;
	char **slot = NULL, *d;
	size_t n, i, k, vlen = 0;
	int zh_date = 0;
	char *v = xmalloc(len + 1);

	for (;;) {
		eol = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		if (eol == NULL)
			eol = end;
		n = (size_t)(eol - p);
		/* a field ends where a line does not continue it */
		if (slot != NULL && (p >= end || n == 0 ||
		    (*p != ' ' && *p != '\t'))) {
			if ((nul = memchr(v, '\0', vlen)) != NULL)
				vlen = (size_t)(nul - v);
			*slot = mime_header_value(v, vlen);
			if (zh_date && *slot != NULL) {
				d = zhdate_rfc5322(*slot, strlen(*slot));
				free(*slot);
				*slot = d;
			}
			slot = NULL;
		}
		if (p >= end || n == 0 || (n == 1 && *p == '\r'))
			break;		/* the end of the header block */
		if (slot != NULL) {
			memcpy(v + vlen, p, n);
			vlen += n;
		} else if (zh_field(p, n, &i, &k)) {
			if (*wanted_slot(o, i) == NULL) {
				slot = wanted_slot(o, i);
				zh_date = i == 3;
				vlen = n - k;
				memcpy(v, p + k, vlen);
			}
		} else if (*p != ' ' && *p != '\t')
			for (i = 0; wanted[i] != NULL; i++) {
				if (*wanted_slot(o, i) == NULL &&
				    extract_starts(p, n, wanted[i])) {
					k = strlen(wanted[i]);
					slot = wanted_slot(o, i);
					zh_date = 0;
					vlen = n - k;
					memcpy(v, p + k, vlen);
					break;
				}
			}
		p = eol < end ? eol + 1 : end;
	}
	free(v);
	return found_any(o);
}

static int
is_copy(GMimeObject *part, int depth, void *arg)
{
	GMimeObject **found = arg;
	char type[128];

	if (depth == 0)
		return 0;
	mime_type(part, type, sizeof(type));
	if (strcmp(type, "message/rfc822") == 0 ||
	    strcmp(type, "message/global") == 0 ||
	    strcmp(type, "text/rfc822-headers") == 0 ||
	    strcmp(type, "message/global-headers") == 0 ||
	    strcmp(type, "text/rfc822-header") == 0) {
		*found = part;
		return 1;
	}
	return 0;
}

GMimeObject *
original_part(GMimeMessage *msg)
{
	GMimeObject *part = NULL;

	return mime_walk(GMIME_OBJECT(msg), NULL, is_copy, &part) ? part : NULL;
}

int
original_find(GMimeMessage *msg, struct explain_original *o)
{
	GMimeObject *part;
	GMimeMessage *inner;
	size_t len;
	char *text;
	int rv = 0;

	original_free(o);
	if ((part = original_part(msg)) == NULL)
		return 0;
	if (GMIME_IS_MESSAGE_PART(part)) {
		inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (inner != NULL) {
			from_object(GMIME_OBJECT(inner), o);
			rv = found_any(o);
		}
	} else if (mime_is_message(part)) {
		/* a copy left unparsed (mime_init): its header block as text */
		if ((text = mime_inner_headers(part, EXPLAIN_TEXT_MAX, &len)) !=
		    NULL) {
			rv = from_headers(text, len, o);
			free(text);
		}
	} else if ((text = mime_part_text(part, EXPLAIN_TEXT_MAX, &len,
	    NULL)) != NULL) {
		rv = from_headers(text, len, o);
		free(text);
	}
	return rv;
}

/*
 * Fields that start a quoted header block, in the order MTAs quote them;
 * each at the start of a line after the first, in either case.
 */
static const char *const block_starts[] = {
	"Return-Path:", "Received:", "DKIM-Signature:", "Message-ID:",
	"From:", "Date:", "Subject:", "To:", NULL,
};

/* Whether s[0..len) starts with a line that is one of zh_fields. */
static int
zh_starts(const char *s, size_t len)
{
	const char *eol = memchr(s, '\n', len);
	size_t slot, at;

	return zh_field(s, eol != NULL ? (size_t)(eol - s) : len, &slot, &at);
}

/*
 * A Chinese client's block anywhere in a text (Foxmail's line of '_' is no
 * mark of its own, and a mark such as "-----邮件原件-----" may head the
 * forward of the bounce itself, whose text must not be cut off): a 发件人
 * line right before a line of its date (发送时间, 发送日期, 日期), the pair
 * each layout above opens with.  The first whose sender or subject is a
 * bounce's (signs.c: "Mail Delivery System", "退信") when bounce is set,
 * else the first that is not: that one heads the bounce a person
 * forwarded, not the original message.
 */
static int
client_block(const char *text, size_t len, int bounce,
    struct explain_original *o)
{
	const char *end = text + len, *p = text, *eol, *next;
	size_t slot, at, n, tries = 0;

	/* each block read costs the text after it: a few only */
	for (; p < end && tries < EXPLAIN_CLIENT_BLOCKS_MAX; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!zh_field(p, (size_t)(eol - p), &slot, &at) || slot != 1 ||
		    eol == end)
			continue;
		next = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
		n = next != NULL ? (size_t)(next - eol - 1) :
		    (size_t)(end - eol - 1);
		if (zh_field(eol + 1, n, &slot, &at) && slot == 3) {
			tries++;
			original_free(o);
			if (from_headers(p, (size_t)(end - p), o) &&
			    !signs_bounce_words(o->from, o->subject) == !bounce)
				return 1;
			original_free(o);
		}
	}
	return 0;
}

int
original_from_client(const char *text, size_t len, struct explain_original *o)
{
	return client_block(text, len, 0, o);
}

int
original_bounce_head(const char *text, size_t len, struct explain_original *o)
{
	return client_block(text, len, 1, o);
}

/*
 * The first line break followed by one of block_starts: one pass over the
 * lines, not a search of the whole text for each field name.
 */
int
original_from_text(const char *text, size_t len, struct explain_original *o)
{
	const char *end = text + len, *p, *s = NULL;
	size_t i;

	for (p = memchr(text, '\n', len); p != NULL && s == NULL;
	    p = memchr(p + 1, '\n', (size_t)(end - p - 1))) {
		for (i = 0; s == NULL && block_starts[i] != NULL; i++)
			if (extract_starts(p + 1, (size_t)(end - p - 1),
			    block_starts[i]))
				s = p + 1;
		if (s == NULL && zh_starts(p + 1, (size_t)(end - p - 1)))
			s = p + 1;
	}
	if (s == NULL)
		return 0;
	len = (size_t)(end - s);
	/* quoted copies are often indented: leave those to chance */
	original_free(o);
	return from_headers(s, len, o);
}

/*
 * The fields of the block a Chinese provider's notice writes about the
 * message it returns, each index that of wanted[]; their names are
 * written with blanks inside ("主 题", "时  间", "主　题") and, in
 * Coremail's later form, an English one after a slash ("主题/Subject :").
 * The blocks, each as its source quotes it (read_zhnotice.c names the
 * notices): Tencent's "被退回邮件" with "主 题：" and "时 间：" (its
 * notice in github.com/doublefires/Libra); Coremail's "原邮件信息：" with
 * "时  间 ", "主  题 ", "收件人 " (text) or "时　间：", "主　题：",
 * "收件人：" (HTML) in github.com/huxley-barbee/pantomime data/0008.eml,
 * and "时间/Time :", "主题/Subject :", "收件人/To :" on qemu-devel,
 * 2021-10-21.  The time names no zone; 0008.eml's "时  间 2013-07-25
 * 14:33:40" is the minute of its copy's "Date: Thu, 25 Jul 2013 14:33:29
 * +0800", so it is read in China Standard Time, as a client's (zhdate.c).
 */
static const struct {
	const char	*name;
	size_t		 slot;
} notice_fields[] = { { "主题", 0 }, { "收件人", 2 }, { "时间", 3 } };

/*
 * Where the value of notice field name starts in line p[0..n), its name's
 * characters matched with blanks between them; 0 when the line is not
 * that field.
 */
static size_t
notice_field(const char *p, size_t n, const char *name)
{
	size_t i = 0, k, b, len = strlen(name);
	int sep = 0;

	while ((b = zh_blank(p, n, i)) > 0)
		i += b;
	for (k = 0; k < len; k += 3) {	/* each a 3-byte character */
		if (k > 0)
			while ((b = zh_blank(p, n, i)) > 0)
				i += b;
		if (i + 3 > n || memcmp(p + i, name + k, 3) != 0)
			return 0;
		i += 3;
	}
	if (i < n && p[i] == '/')	/* "/Subject", "/To", "/Time" */
		for (i++; i < n && ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z');
		    i++)
			;
	for (; (b = zh_blank(p, n, i)) > 0; i += b)
		sep = 1;
	if (i < n && p[i] == ':') {
		i++;
		sep = 1;
	} else if (i + 2 < n && memcmp(p + i, "\xef\xbc\x9a", 3) == 0) {
		i += 3;
		sep = 1;
	}
	while ((b = zh_blank(p, n, i)) > 0)
		i += b;
	return sep && i < n ? i : 0;
}

int
original_from_notice(const char *s, size_t len, struct explain_original *o)
{
	const char *p = s, *end = s + len, *eol;
	char **slot, *v;
	size_t i, at, n;
	int any = 0;

	for (; p < end; p = eol < end ? eol + 1 : end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		for (i = 0; i < NELEM(notice_fields); i++) {
			slot = wanted_slot(o, notice_fields[i].slot);
			if (*slot != NULL ||
			    (at = notice_field(p, n, notice_fields[i].name)) == 0)
				continue;
			v = extract_squeeze_field(p + at, n - at);
			if (notice_fields[i].slot == 3) {
				*slot = zhdate_rfc5322(v, strlen(v));
				free(v);
			} else if (v[0] != '\0')
				*slot = v;
			else
				free(v);
			any |= *slot != NULL;
			break;
		}
	}
	return any;
}

char *
original_sender_domain(const struct explain_original *o)
{
	char *a, *at, *d;

	if (o->from != NULL && o->from[0] == '@' && o->from[1] != '\0' &&
	    strchr(o->from, ',') == NULL)
		return xstrdup(o->from + 1);	/* --redact kept only "@domain" */
	if (o->from == NULL ||
	    (a = explain_address(o->from, strlen(o->from))) == NULL)
		return NULL;
	at = strrchr(a, '@');
	d = at != NULL ? xstrdup(at + 1) : NULL;
	free(a);
	return d;
}

void
original_free(struct explain_original *o)
{
	free(o->subject);
	free(o->from);
	free(o->to);
	free(o->date);
	free(o->message_id);
	memset(o, 0, sizeof(*o));
}
