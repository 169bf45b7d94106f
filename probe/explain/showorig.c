/*
 * showorig.c - what a mail client's view of a message's source shows
 * above the message a user copies from it: the summary table of Gmail's
 * "Show original" page, the first line of Outlook's "Internet headers"
 * box.  See showorig.h.
 *
 * Public: showorig_skip().
 *
 * Gmail Help's "Trace an email with its full headers"
 * (support.google.com/mail/answer/29436) has the user open the message's
 * "Show original" and copy what it shows.  Copied whole (select all), the
 * page gives, above the message's own header fields, a table of what
 * Gmail read from them: "Original Message", then the rows Message ID,
 * Created at:, From:, To:, Subject:, SPF:, DKIM:, DMARC: with their
 * values ("PASS with IP 192.0.2.1 Learn more"; the DKIM row only for a
 * signed message), and the buttons "Download Original" and "Copy to
 * clipboard"; in Chinese (zh-CN) 原始邮件, 邮件 ID, 创建时间, 发件人,
 * 收件人, 主题, SPF, DKIM, DMARC, 下载原始邮件, 复制到剪贴板.  A browser
 * copies a row as its label and value on one line, a tab between them,
 * or on two lines.  Only the labels are read: the values repeat what the
 * header fields below say.
 *
 * Microsoft's "View internet message headers in Outlook" (support.
 * microsoft.com, article cd039382-dc6e-4264-ac74-c048563d212c; in Chinese
 * Outlook the box is "Internet 标头") has the user open the message,
 * choose File > Properties and copy what the "Internet headers" box
 * holds: the header block alone, which for a message that came through
 * Exchange opens with the line "Microsoft Mail Internet Headers Version
 * 2.0" (its example; the same line as an Outlook .msg file's transport
 * headers keep, msgfile.c).  That line is no header field: it is left
 * out.  Nothing here fails.
 */
#include <string.h>

#include "base/limits.h"
#include "explain/extract.h"
#include "explain/showorig.h"

enum so_kind {
	SO_TITLE,	/* the page's heading */
	SO_ID,		/* the Message ID row, which every message has */
	SO_ROW,		/* another row, or a row's "Learn more" link */
	SO_BUTTON,	/* the buttons below the table */
};

static const struct {
	const char	*label;
	enum so_kind	 kind;
} so_labels[] = {
	{ "Original Message", SO_TITLE }, { "原始邮件", SO_TITLE },
	{ "Message ID", SO_ID }, { "邮件 ID", SO_ID },
	{ "Created at", SO_ROW }, { "Created on", SO_ROW },
	{ "创建时间", SO_ROW },
	{ "From", SO_ROW }, { "发件人", SO_ROW },
	{ "To", SO_ROW }, { "收件人", SO_ROW },
	{ "Subject", SO_ROW }, { "主题", SO_ROW },
	{ "SPF", SO_ROW }, { "DKIM", SO_ROW }, { "DMARC", SO_ROW },
	{ "Learn more", SO_ROW }, { "了解详情", SO_ROW },
	{ "Download Original", SO_BUTTON }, { "下载原始邮件", SO_BUTTON },
	{ "Copy to clipboard", SO_BUTTON }, { "复制到剪贴板", SO_BUTTON },
};

#define SO_NONE		(-1)

/*
 * The label line p[0..n) starts with (after blanks), its index, or SO_NONE;
 * *bare is set when nothing but a colon and blanks follows it (the value
 * is on the next line).  A label ends the line or is followed by a blank
 * or a colon, ASCII or full-width: "To" does not start "Tokyo".
 */
static int
so_label(const char *p, size_t n, int *bare)
{
	size_t i, k, at = 0;

	while (at < n && (p[at] == ' ' || p[at] == '\t'))
		at++;
	for (i = 0; i < sizeof(so_labels) / sizeof(so_labels[0]); i++) {
		k = strlen(so_labels[i].label);
		if (n - at < k || !extract_starts(p + at, n - at,
		    so_labels[i].label))
			continue;
		k += at;
		if (k < n && p[k] == ':')
			k++;
		else if (n - k >= 3 && memcmp(p + k, "\xef\xbc\x9a", 3) == 0)
			k += 3;	/* U+FF1A FULLWIDTH COLON */
		else if (k < n && p[k] != ' ' && p[k] != '\t' && p[k] != '\r')
			continue;
		*bare = extract_blank(p + k, n - k);
		return (int)i;
	}
	return SO_NONE;
}

/*
 * Past the line that opens Outlook's "Internet headers" box (after blank
 * lines): "Microsoft Mail Internet Headers Version " and a version number
 * alone on it; 0 when t opens with another line.
 */
static size_t
so_outlook(const char *t, size_t len)
{
	static const char head[] = "Microsoft Mail Internet Headers Version ";
	const char *p = t, *end = t + len, *eol, *v;
	size_t k = sizeof(head) - 1;

	for (;; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!extract_blank(p, (size_t)(eol - p)) || eol == end)
			break;
	}
	if ((size_t)(eol - p) <= k || memcmp(p, head, k) != 0)
		return 0;
	p += k;
	for (v = p; p < eol && ((*p >= '0' && *p <= '9') || *p == '.'); p++)
		;
	if (p == v || !extract_blank(p, (size_t)(eol - p)))
		return 0;
	return eol < end ? (size_t)(eol + 1 - t) : len;
}

/* Past Gmail's table and the blank lines after it; 0 when t has none. */
static size_t
so_gmail(const char *t, size_t len)
{
	const char *p = t, *end = t + len, *eol;
	size_t lines = 0, after = 0;
	int i, bare, value_next = 0, id = 0, button = 0;

	for (; p < end && lines < EXPLAIN_SHOWORIG_LINES; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (extract_blank(p, (size_t)(eol - p)))
			continue;
		lines++;
		i = so_label(p, (size_t)(eol - p), &bare);
		if (button) {
			/* the other button on a line of its own, or the end */
			if (i == SO_NONE || so_labels[i].kind != SO_BUTTON)
				break;
		} else if (i == SO_NONE) {
			if (!value_next)
				return 0;
			value_next = 0;
			continue;
		}
		value_next = bare;
		id |= so_labels[i].kind == SO_ID;
		if (so_labels[i].kind == SO_BUTTON) {
			button = 1;
			after = eol < end ? (size_t)(eol + 1 - t) : len;
		}
	}
	if (!id || !button)
		return 0;
	/* and the blank lines between the table and the message */
	for (p = t + after; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (!extract_blank(p, (size_t)(eol - p)))
			break;
		after = eol < end ? (size_t)(eol + 1 - t) : len;
	}
	return after;
}

size_t
showorig_skip(const char *t, size_t len)
{
	size_t off = so_gmail(t, len);

	return off > 0 ? off : so_outlook(t, len);
}
