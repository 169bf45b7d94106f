/*
 * signs.c - header signs of a bounce or an auto-reply, as tables of
 * documented texts.  See signs.h.
 *
 * Public: signs_bounce_sender(), signs_bounce_subject(), signs_auto_reply(),
 * signs_bounce_words().
 */
#include <stdlib.h>
#include <string.h>

#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/signs.h"

/*
 * Local parts and display names bounce generators send from.  Exchange
 * Online's NDRs come from its system mailbox MicrosoftExchange329e71ec88ae
 * 4615bbc36ab6ce41109e@ (Microsoft Graph's "message: move" example, an
 * "Undeliverable: ..." from "Microsoft Outlook" at that address), whatever
 * language their subject is in; not its display name, which Outlook's own
 * test message also bears
 */
static const char *const bounce_senders[] = {
	"mailer-daemon", "mail-daemon", "maildaemon", "postmaster",
	"mail delivery", "mailer_daemon", "mailerdaemon", "mdaemon",
	"nobody@", "mail administrator", "returned mail", "系统退信",
	"notifications@", "bounce",
	"microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@", NULL,
};

/* Subjects of non-delivery reports (English, Chinese, a few others). */
static const char *const bounce_subjects[] = {
	"undeliver", "undelivered", "delivery status notification",
	"delivery failure", "delivery failed", "failure notice",
	"returned mail", "mail delivery failed", "delivery has failed",
	"non-delivery", "nondelivery", "not delivered", "could not be delivered",
	"couldn't be delivered", "delivery notification", "message delayed",
	"delayed mail", "warning: could not send", "mail system error",
	"returned to sender", "delivery problem", "delivery report",
	"rejected:", "unzustellbar", "non remis", "退信", "系统退信",
	"投递失败", "未能送达", "无法送达", "发送失败", "邮件退回",
	"失败通知", "未送达", NULL,
};

static const char *const auto_subjects[] = {
	"auto:", "automatic reply", "autoreply", "auto-reply", "auto reply",
	"out of office", "out of the office", "away from", "vacation",
	"abwesenheit", "réponse automatique", "自动回复", "自動回覆",
	"自動応答", "不在", NULL,
};

static int
has_cue(const char *s, const char *const *cues)
{
	size_t len;

	if (s == NULL)
		return 0;
	len = strlen(s);
	for (; *cues != NULL; cues++)
		if (extract_find(s, len, *cues) != (size_t)-1)
			return 1;
	return 0;
}

static int
header_has(GMimeMessage *m, const char *name, const char *const *cues)
{
	char *v = mime_header(GMIME_OBJECT(m), name);
	int rv = has_cue(v, cues);

	free(v);
	return rv;
}

int
signs_bounce_words(const char *from, const char *subject)
{
	return has_cue(from, bounce_senders) ||
	    has_cue(subject, bounce_subjects);
}

int
signs_bounce_sender(GMimeMessage *m)
{
	return header_has(m, "From", bounce_senders) ||
	    header_has(m, "Return-Path", (const char *const[]){ "<>", NULL });
}

int
signs_bounce_subject(GMimeMessage *m)
{
	return header_has(m, "Subject", bounce_subjects);
}

int
signs_auto_reply(GMimeMessage *m)
{
	static const char *const replied[] = { "auto-replied", NULL };
	GMimeObject *o = GMIME_OBJECT(m);

	if (header_has(m, "Auto-Submitted", replied) ||
	    header_has(m, "Precedence", (const char *const[]){ "auto_reply",
	    NULL }))
		return 1;
	if (mime_header_raw(o, "X-Autoreply") != NULL ||
	    mime_header_raw(o, "X-Autorespond") != NULL ||
	    mime_header_raw(o, "X-Auto-Reply") != NULL)
		return 1;
	return header_has(m, "Subject", auto_subjects);
}
