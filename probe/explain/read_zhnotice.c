/*
 * read_zhnotice.c - the reader of the notices Chinese mail providers write
 * themselves, in Chinese, when mail their user sent could not be
 * delivered: Tencent's (QQ Mail, Tencent Exmail), Coremail's (NetEase
 * 163/126/yeah.net and the many company and university systems Coremail
 * runs) and Alibaba Mail's.  Each names the recipient, a reason in the
 * provider's own words and, when a remote server refused the message, its
 * reply; the reply decides what the refusal means, the provider's own
 * sentence only when the notice quotes none (classify.c and mtacues.c
 * hold the meaning of those documented sentences).
 *
 * Public: reader_zh_notice().
 *
 * The notices as their sources quote them:
 *   - Tencent ("来自qq.com的退信" from PostMaster@qq.com, HTML; quoted in
 *     github.com/doublefires/Libra scripts/check_bounce.py and its test):
 *     "很抱歉您发送的邮件被退回，以下是该邮件的相关信息：", "被退回邮件",
 *     then per recipient "无法发送到 a", "退信原因" with the reason and
 *     the Postfix-style "host H[A] said: reply", and "解决方案".
 *   - Coremail ("系统退信" from Postmaster@163.com, text and HTML in
 *     GB2312 with an RFC 3464 part: github.com/huxley-barbee/pantomime
 *     data/0008.eml; the HTML alone: github.com/yunsite/smeoa demo.sql):
 *     "抱歉，您的邮件被退回来了……", "原邮件信息：" with "收件人 a",
 *     "退信原因：" with the reason and "英文说明:" its English words,
 *     "建议解决方案："; its later form in Chinese and English (quoted on
 *     qemu-devel, 2021-10-21) labels them "收件人/To :", "退信原因/
 *     Bounce reason :", "建议解决方案/Proposed Solution :" and adds
 *     "退信代码/Bounce Code :".
 *   - Alibaba Mail (quoted in github.com/songquanpeng/message-pusher
 *     issue 127): a table "退信原因", "解决方案", "远程响应" whose remote
 *     reply reads "the mta server of D -- H(A) reply:reply at date"; the
 *     quote names no recipient, so the returned copy's To is taken.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "explain/body.h"
#include "explain/extract.h"
#include "explain/original.h"
#include "explain/readers.h"
#include "explain/remotehost.h"

#define L(...)	((const char *const[]){ __VA_ARGS__, NULL })

/* How far after a label its value may start (blanks, a colon, "/To :"). */
#define LABEL_GAP	48
/* The longest host name (RFC 1035: 255 octets). */
#define HOST_MAX	255

static const struct notice {
	const char		*format;	/* the JSON format name */
	const char *const	*heads;		/* all in the notice's text */
	const char		*block;		/* its block on the message, or NULL */
	const char		*rcpt;		/* before each recipient */
	const char *const	*reason_ends;	/* labels after the reason */
	int			 per_rcpt;	/* a reason follows each recipient */
} notices[] = {
	{ "tencent", L("很抱歉您发送的邮件被退回", "无法发送到"), "被退回邮件",
	    "无法发送到", L("解决方案"), 1 },
	{ "coremail", L("抱歉，您的邮件被退回来了", "退信原因"), "原邮件信息",
	    "收件人", L("建议解决方案"), 0 },
	{ "alimail", L("退信原因", "解决方案", "远程响应"), NULL, "收件人",
	    L("解决方案"), 0 },
};

#define REASON_LABEL	"退信原因"

static const char *
find(const char *s, const char *end, const char *needle)
{
	size_t at = extract_find(s, (size_t)(end - s), needle);

	return at == (size_t)-1 ? NULL : s + at;
}

/* Past blanks, colons (ASCII and full-width), slashes and line breaks. */
static const char *
skip_punct(const char *p, const char *end)
{
	for (;;) {
		if (p < end && strchr(" \t\r\n:/", *p) != NULL && *p != '\0')
			p++;
		else if (end - p >= 3 && memcmp(p, "：", 3) == 0)
			p += 3;
		else
			return p;
	}
}

/*
 * The notice whose headings body[0..len) holds, or NULL; *start, where
 * its first heading is: what stands above is no part of it (the header
 * block a mail client writes above a bounce forwarded inline, NetEase
 * Mail's "-------- 转发邮件信息 --------" with "收件人：" the one who
 * forwarded it).
 */
static const struct notice *
which(const char *body, size_t len, size_t *start)
{
	size_t i, k, at;

	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++) {
		*start = len;
		for (k = 0; notices[i].heads[k] != NULL; k++) {
			if ((at = extract_find(body, len,
			    notices[i].heads[k])) == (size_t)-1)
				break;
			if (at < *start)
				*start = at;
		}
		if (notices[i].heads[k] == NULL)
			return &notices[i];
	}
	*start = 0;
	return NULL;
}

/*
 * The reason in s[0..end): from "退信原因" to the first label after it,
 * its own label (and an English one, "Bounce reason :") skipped; the
 * Bounce Code Coremail gives after the advice is added.  Owned, squeezed;
 * NULL when there is none.
 */
static char *
reason_text(const char *s, const char *end, const struct notice *n)
{
	const char *p = find(s, end, REASON_LABEL), *e = end, *q, *code;
	char *t, *u;
	size_t k;

	if (p == NULL)
		return NULL;
	p = skip_punct(p + strlen(REASON_LABEL), end);
	if ((q = find(p, end - p < LABEL_GAP ? end : p + LABEL_GAP,
	    "bounce reason")) != NULL)
		p = skip_punct(q + strlen("bounce reason"), end);
	for (k = 0; n->reason_ends[k] != NULL; k++)
		if ((q = find(p, end, n->reason_ends[k])) != NULL && q < e)
			e = q;
	t = extract_squeeze_field(p, (size_t)(e - p));
	if ((code = find(e, end, "bounce code")) != NULL) {
		code = skip_punct(code + strlen("bounce code"), end);
		for (q = code; q < end && q - code < 256 && *q != '\n' &&
		    *q != '\r'; q++)
			;
		u = xasprintf("%s %.*s", t, (int)(q - code), code);
		free(t);
		t = extract_squeeze(u, strlen(u));
		free(u);
	}
	if (t[0] == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* The end of the line at p. */
static const char *
line_end(const char *p, const char *end)
{
	while (p < end && *p != '\n' && *p != '\r')
		p++;
	return p;
}

/*
 * The remote server's reply in one recipient's part s[0..end) and the
 * host that gave it (*host, owned, may stay NULL): after Postfix's "host
 * H[A] said:" (Tencent) up to the label after it, or on Alibaba's
 * "远程响应" line after "the mta server of D -- H(A) reply:" up to its
 * " at DATE".  Owned, squeezed; NULL when the notice quotes no server.
 */
static char *
remote_reply(const char *s, const char *end, const struct notice *n,
    char **host)
{
	const char *p, *e = end, *h, *q;
	size_t k;

	*host = NULL;
	if ((p = find(s, end, "said:")) != NULL) {
		*host = remotehost_find(s, (size_t)(p - s));
		p = skip_punct(p + strlen("said:"), end);
		for (k = 0; n->reason_ends[k] != NULL; k++)
			if ((q = find(p, end, n->reason_ends[k])) != NULL &&
			    q < e)
				e = q;
	} else if ((p = find(s, end, "远程响应")) != NULL) {
		e = line_end(skip_punct(p + strlen("远程响应"), end), end);
		if ((q = find(p, e, " reply:")) == NULL)
			return NULL;
		if ((h = find(p, q, "-- ")) != NULL &&
		    (h = skip_punct(h + 3, q)) < q &&
		    (p = memchr(h, '(', (size_t)(q - h))) != NULL && p > h &&
		    p - h <= HOST_MAX)
			*host = xstrndup(h, (size_t)(p - h));
		p = skip_punct(q + strlen(" reply:"), e);
		/* " at 2023-12-30 19:27:15" */
		for (q = e; q - p > 14; q--)
			if (memcmp(q - 14, " at ", 4) == 0 &&
			    q[-10] >= '0' && q[-10] <= '9' && q[-6] == '-')
				break;
		if (q - p > 14)
			e = q - 14;
	} else
		return NULL;
	return extract_squeeze_field(p, (size_t)(e - p));
}

/* What one recipient's part of the notice, s[0..end), says. */
static void
read_reason(struct explain_rcpt *x, const char *s, const char *end,
    const struct notice *n)
{
	char *said, *host = NULL, enh[ENHANCED_MAX];
	int code;

	if ((said = remote_reply(s, end, n, &host)) == NULL || *said == '\0') {
		/*
		 * the provider's own words: classify.c and mtacues.c read them
		 */
		free(said);
		free(host);
		if ((said = reason_text(s, end, n)) == NULL)
			return;
		free(x->text);
		x->text = said;
		return;
	}
	/*
	 * a multi-line reply's "550-5.7.26" repeats, as the other readers drop
	 * them
	 */
	extract_unfold(said);
	free(x->text);
	x->text = said;
	free(x->remote_mta);
	x->remote_mta = host;
	extract_reply(x->text, strlen(x->text), &code, enh);
	if (code != 0)
		x->code = code;
	if (enh[0] != '\0')
		memcpy(x->enhanced, enh, sizeof(enh));
	explain_rcpt_stage(x, extract_stage(x->text, strlen(x->text)));
}

/*
 * The address right after label p (within LABEL_GAP bytes), or NULL.
 * *unreadable: NULL because the word right after the label is an address
 * written with control characters ("无法发送到 a\x1b[31m@example.com"), a
 * recipient all the same: the label names the recipient.
 */
static char *
address_after(const char *p, const char *end, int *unreadable)
{
	const char *e;

	*unreadable = 0;
	p = skip_punct(p, end);
	if (end - p >= 2 && strncmp(p, "To", 2) == 0)
		p = skip_punct(p + 2, end);
	for (e = p; e < end && *e != '\n' && e - p < EXPLAIN_FIELD_MAX; e++)
		;
	if (p >= end || e - p <= 2)
		return NULL;
	*unreadable = explain_lead_unreadable(p, (size_t)(e - p));
	return *unreadable ? NULL : explain_address(p, (size_t)(e - p));
}

/* One reason for all the notice names: the first recipient's, copied to x. */
static void
same_reason(struct explain_rcpt *x, const struct explain_rcpt *first)
{
	x->text = xstrdup_or_null(first->text);
	x->remote_mta = first->remote_mta != NULL ?
	    xstrdup(first->remote_mta) : NULL;
	x->code = first->code;
	memcpy(x->enhanced, first->enhanced, sizeof(x->enhanced));
	x->stage = first->stage;
	x->stage_said = first->stage_said;
}

/* Whether r already holds recipient a (a notice may name one twice). */
static int
named(const struct explain_result *r, const char *a)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].address != NULL &&
		    strcasecmp(r->rcpts[i].address, a) == 0)
			return 1;
	return 0;
}

/*
 * The recipients the notice names, each with the reason in its part (up to
 * the next recipient's label where a reason follows each, else the whole
 * notice); the returned copy's To when it names none (a To written with
 * control characters gives none: a guess, not the notice's word).
 */
static void
read_recipients(const char *body, size_t len, const struct notice *n,
    struct explain_result *r)
{
	const char *end = body + len, *p = body, *next;
	struct explain_rcpt *x;
	char *a;
	int unr;

	while ((p = find(p, end, n->rcpt)) != NULL) {
		a = address_after(p + strlen(n->rcpt), end, &unr);
		next = find(p + strlen(n->rcpt), end, n->rcpt);
		if ((unr || (a != NULL && !named(r, a))) &&
		    (x = explain_rcpt_add(r)) != NULL) {
			x->address = a;
			x->unreadable = unr;
			x->action = ACTION_FAILED;
			if (n->per_rcpt)
				read_reason(x, p, next != NULL ? next : end, n);
			else if (r->nrcpts == 1)
				read_reason(x, body, end, n);
			else
				same_reason(x, &r->rcpts[0]);
		} else
			free(a);
		p = next != NULL ? next : end;
	}
	if (r->nrcpts > 0 || r->original.to == NULL ||
	    (a = explain_address(r->original.to, strlen(r->original.to))) ==
	    NULL)
		return;
	if ((x = explain_rcpt_add(r)) == NULL) {
		free(a);
		return;
	}
	x->address = a;
	x->action = ACTION_FAILED;
	read_reason(x, body, end, n);
}

/*
 * Coremail's notice as 163 sends it carries an RFC 3464 part too: its
 * recipients and Status stand, and where its Diagnostic-Code holds no
 * reply code (Coremail's own "rejected by system") the notice's reason,
 * in Chinese and English, is what the recipient's text says.
 */
static void
with_dsn(const char *body, size_t len, const struct notice *n,
    struct explain_result *r)
{
	size_t i;

	for (i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].code == 0)
			read_reason(&r->rcpts[i], body, body + len, n);
}

/*
 * A notice pasted, or kept without the copy it returned: the message it is
 * about as the notice's own block names it (original.c reads the block).
 */
static void
block_original(const char *body, size_t len, const struct notice *n,
    struct explain_result *r)
{
	const char *end = body + len, *p, *e;

	if (n->block == NULL || (p = find(body, end, n->block)) == NULL)
		return;
	p += strlen(n->block);
	if ((e = find(p, end, REASON_LABEL)) == NULL)
		e = end;
	original_from_notice(p, (size_t)(e - p), &r->original);
}

int
reader_zh_notice(struct body *body, struct explain_result *r)
{
	GMimeMessage *msg = body->msg;
	const struct notice *n;
	size_t len;
	size_t start;
	const char *text = body_text(body, &len);

	if ((n = which(text, len, &start)) == NULL)
		return 0;
	if (reader_dsn(body, r)) {
		free(r->format);
		with_dsn(text, len, n, r);
	} else {
		if (!original_find(msg, &r->original))
			block_original(text + start, len - start, n, r);
		read_recipients(text + start, len - start, n, r);
		if (r->nrcpts == 0) {
			explain_result_free(r);
			return 0;
		}
		r->kind = EXPLAIN_FAILURE;
	}
	r->format = xstrdup(n->format);
	return 1;
}
