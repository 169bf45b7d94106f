/*
 * filekind.c - inputs that do not start like a message: files of other
 * programs told apart from text by their first bytes (a user saves a
 * Word file, prints the bounce to PDF, takes a screenshot; a compound file
 * that holds an Outlook .msg is read by msgfile.c before this is asked),
 * mxtrace's own JSON output given back to it, and text as users save it
 * (Notepad's UTF-16, a UTF-8 mark, a webmail page saved as .html) turned
 * into plain UTF-8.
 *
 * Public: filekind_is_ole2(), filekind_foreign(), filekind_error(),
 * filekind_bounce_error(), filekind_todo_bounce,
 * filekind_crcrlf(), filekind_text(), filekind_from_utf16().
 *
 * Only the first bytes given are looked at; nothing here fails: an input
 * that is none of the known kinds is text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/filesig.h"
#include "base/limits.h"
#include "base/utf8.h"
#include "base/util.h"
#include "explain/filekind.h"

/* What each kind is, said the same way by every command ("NAME: WHAT:
 * what to give instead"); a damaged .msg's takes its cause, one too big
 * its bound in MiB. */
static const char *const filekind_what_is[] = {
	[FILEKIND_OFFICE] = "a Microsoft Office file (a Word, Excel or "
	    "PowerPoint document), not an Outlook message",
	[FILEKIND_PDF] = "a PDF document, not a message",
	[FILEKIND_ZIP] = "a ZIP archive or an Office document (.docx, .xlsx), "
	    "not a message",
	[FILEKIND_IMAGE] = "an image, not a message (mxtrace reads text, not "
	    "screenshots)",
	[FILEKIND_BINARY] = "binary data, not a message or text",
	[FILEKIND_OWN_JSON] = "mxtrace's own JSON (of verify, probe --json, "
	    "explain --json or sender --json)",
	[FILEKIND_MSG_DAMAGED] = "an Outlook .msg file (or another Microsoft "
	    "Office file) that cannot be read: it is damaged or cut short (%s)",
	[FILEKIND_MSG_HUGE] = "an Outlook .msg file of more than %d MiB",
	[FILEKIND_TEXT_HUGE] = "more than %d MiB of text",
};

/* explain's words for what to give instead: the bounce's text. */
const struct filekind_todo filekind_todo_bounce = {
	.save = "%s: %s: save the bounce from your mail program as a message "
	    "(.eml) or as text (.txt), or copy its text and paste it into "
	    "\"mxtrace explain -\"",
	.own_json = "%s: %s, not a bounce: \"mxtrace report FILE\" makes a "
	    "page of it",
	.msg_damaged = "%s: %s; save the bounce from Outlook again, or as text "
	    "(.txt), or copy its text and paste it into \"mxtrace explain -\"",
	.msg_huge = "%s: %s: save the bounce from Outlook as a message (.eml) "
	    "or as text (.txt)",
	/* refused, not read cut short: the bounce may be past the bound,
	 * and saving it to a file (a message's way round it) changes
	 * nothing */
	.text_huge = "%s: %s, far more than a bounce: copy only the bounce's "
	    "text and paste it into \"mxtrace explain -\"",
};

/* 'l' or 'b' for UTF-16 little or big endian (a mark, or NULs in the high
 * bytes of ASCII text), else 0.  *skip: the mark's length. */
static int
filekind_utf16(const unsigned char *b, size_t n, size_t *skip)
{
	size_t i, zodd = 0, zeven = 0, m = n < 512 ? n : 512;

	*skip = 0;
	if (n >= 2 && b[0] == 0xff && b[1] == 0xfe) {
		*skip = 2;
		return 'l';
	}
	if (n >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		*skip = 2;
		return 'b';
	}
	for (i = 0; i + 1 < m; i += 2) {
		zeven += b[i] == 0;
		zodd += b[i + 1] == 0;
	}
	if (m >= 8 && zodd * 4 >= m && zeven == 0)
		return 'l';
	if (m >= 8 && zeven * 4 >= m && zodd == 0)
		return 'b';
	return 0;
}

int
filekind_is_ole2(const char *b, size_t n)
{
	return filesig_of(b, n) == FILESIG_OLE2;
}

enum filekind
filekind_foreign(const char *s, size_t n)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t i, ctl = 0, skip;

	switch (filesig_of(s, n)) {
	case FILESIG_OLE2:
		return FILEKIND_OFFICE;
	case FILESIG_PDF:
		return FILEKIND_PDF;
	case FILESIG_ZIP:
		return FILEKIND_ZIP;
	case FILESIG_IMAGE:
		return FILEKIND_IMAGE;
	case FILESIG_OWN_JSON:
		return FILEKIND_OWN_JSON;
	case FILESIG_NONE:
		break;
	}
	if (filekind_utf16(b, n, &skip) != 0)
		return FILEKIND_TEXT;
	/* text has no NUL and few controls (tab, CR, LF, FF, ESC aside) */
	for (i = 0; i < n; i++) {
		if (b[i] == 0)
			return FILEKIND_BINARY;
		if ((b[i] < 0x20 && b[i] != '\t' && b[i] != '\n' &&
		    b[i] != '\r' && b[i] != '\f' && b[i] != 0x1b) ||
		    b[i] == 0x7f)
			ctl++;
	}
	return ctl >= 8 && ctl * 20 > n ? FILEKIND_BINARY : FILEKIND_TEXT;
}

char *
filekind_error(const char *name, enum filekind k, const char *cause,
    const struct filekind_todo *todo)
{
	const char *fmt;
	char *what, *out;

	switch (k) {
	case FILEKIND_MSG_DAMAGED:
		what = xasprintf(filekind_what_is[k], cause ? cause : "");
		fmt = todo->msg_damaged;
		break;
	case FILEKIND_MSG_HUGE:
		what = xasprintf(filekind_what_is[k], MSGFILE_SIZE_MAX >> 20);
		fmt = todo->msg_huge;
		break;
	case FILEKIND_TEXT_HUGE:
		what = xasprintf(filekind_what_is[k], EXPLAIN_STDIN_MAX >> 20);
		fmt = todo->text_huge;
		break;
	case FILEKIND_OWN_JSON:
		what = xstrdup(filekind_what_is[k]);
		fmt = todo->own_json;
		break;
	case FILEKIND_EMPTY:
		return xasprintf("%s: empty: no message in it", name);
	default:
		if ((size_t)k >= sizeof(filekind_what_is) /
		    sizeof(filekind_what_is[0]) || filekind_what_is[k] == NULL)
			return xasprintf("%s: no message in it", name);
		what = xstrdup(filekind_what_is[k]);
		fmt = todo->save;
		break;
	}
	out = xasprintf(fmt, name, what);
	free(what);
	return out;
}

char *
filekind_bounce_error(const char *name, enum filekind k, const char *cause)
{
	return filekind_error(name, k, cause, &filekind_todo_bounce);
}

char *
filekind_from_utf16(const unsigned char *b, size_t n, int order,
    size_t *outlen)
{
	char *out = xmalloc(n / 2 * 3 + 4);
	unsigned long cp, lo;
	size_t i, o = 0;

	for (i = 0; i + 1 < n; i += 2) {
		cp = order == 'l' ? (unsigned long)(b[i] | b[i + 1] << 8) :
		    (unsigned long)(b[i] << 8 | b[i + 1]);
		if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < n) {
			lo = order == 'l' ? (unsigned long)(b[i + 2] |
			    b[i + 3] << 8) : (unsigned long)(b[i + 2] << 8 |
			    b[i + 3]);
			if (lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			}
		}
		if (cp >= 0xd800 && cp < 0xe000)
			cp = 0xfffd;
		if (cp == 0)
			continue;
		if (cp < 0x80)
			out[o++] = (char)cp;
		else if (cp < 0x800) {
			out[o++] = (char)(0xc0 | cp >> 6);
			out[o++] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			out[o++] = (char)(0xe0 | cp >> 12);
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (cp & 0x3f));
		} else {
			out[o++] = (char)(0xf0 | cp >> 18);
			out[o++] = (char)(0x80 | ((cp >> 12) & 0x3f));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Whether s[0..n) contains word, ignoring case. */
static const char *
filekind_find(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, word, k) == 0)
			return s + i;
	return NULL;
}

/* The charset a page's <meta> declares in its first bytes, or NULL. */
static char *
filekind_meta_charset(const char *s, size_t n)
{
	const char *p = filekind_find(s, n, "charset=");
	size_t k = 0;

	if (p == NULL)
		return NULL;
	p += 8;
	if (p < s + n && (*p == '"' || *p == '\''))
		p++;
	while (p + k < s + n && k < 40 && (isalnum((unsigned char)p[k]) ||
	    p[k] == '-' || p[k] == '_'))
		k++;
	return k > 0 ? xstrndup(p, k) : NULL;
}

int
filekind_crcrlf(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t lf = 0, crcr = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lf++;
		crcr += p - s >= 2 && p[-1] == '\r' && p[-2] == '\r';
		p++;
	}
	return crcr > 0 && crcr * 2 > lf;
}

/*
 * Line ends as Windows leaves them after saving a CRLF file again
 * ("\r\r\n", more CRs each time): one CR before each LF.  In place.
 */
static size_t
filekind_one_cr(char *t, size_t n)
{
	size_t i, k, o = 0;

	for (i = 0; i < n; i++) {
		if (t[i] == '\r' && i + 1 < n && t[i + 1] == '\r') {
			for (k = i + 1; k < n && t[k] == '\r'; k++)
				;
			if (k == n || t[k] != '\n') {
				/*
				 * CRs before something else: kept, passed once
				 */
				memmove(t + o, t + i, k - i);
				o += k - i;
				i = k - 1;
				continue;
			}
			i = k - 1;	/* the run's last CR, then the LF */
		}
		t[o++] = t[i];
	}
	t[o] = '\0';
	return o;
}

/*
 * Every no-break space (U+00A0) of UTF-8 text t[0..n) made a space, in
 * place; the new length.  A web mail's page writes the blanks of a notice
 * as &nbsp;, which a copy from it brings as U+00A0 ("host\u00a0X\u00a0said:"),
 * where every reader of pasted text looks for a space.  Text that is no
 * UTF-8 is left alone: C2 A0 is a character in GBK.
 */
static size_t
filekind_nbsp(char *t, size_t n)
{
	const char *c = t;
	size_t i, o;

	while ((c = memchr(c, '\xc2', n - (size_t)(c - t))) != NULL &&
	    (c + 1 == t + n || c[1] != '\xa0'))
		c++;
	if (c == NULL || !utf8_valid(t, n))
		return n;
	for (i = o = (size_t)(c - t); i < n; i++) {
		if (t[i] == '\xc2' && i + 1 < n && t[i + 1] == '\xa0') {
			t[o++] = ' ';
			i++;
			continue;
		}
		t[o++] = t[i];
	}
	t[o] = '\0';
	return o;
}

char *
filekind_text(const char *s, size_t n, size_t *outlen, int *html,
    char **charset)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t skip, head;
	char *out;
	int order;

	if ((order = filekind_utf16(b, n, &skip)) != 0)
		out = filekind_from_utf16(b + skip, n - skip, order, outlen);
	else {
		skip = n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		out = xmalloc(n - skip + 1);
		memcpy(out, s + skip, n - skip);
		out[n - skip] = '\0';
		*outlen = n - skip;
	}
	*outlen = filekind_one_cr(out, *outlen);
	*outlen = filekind_nbsp(out, *outlen);
	/* a page saved from a webmail: <html> or a doctype near the start */
	head = *outlen < 1024 ? *outlen : 1024;
	*html = filekind_find(out, head, "<html") != NULL ||
	    filekind_find(out, head, "<!doctype html") != NULL;
	*charset = *html && order == 0 ?
	    filekind_meta_charset(out, *outlen < 4096 ? *outlen : 4096) : NULL;
	return out;
}
