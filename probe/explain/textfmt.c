/*
 * textfmt.c - the table of plain-text bounce formats.  Every cue is a text
 * the named system is documented to write (its source, or its published
 * bounce samples); a cue is never taken from one bounce alone.
 *
 * Public: textfmt_copy_marks, textfmt_pick(), textfmt_none().
 */
#include <stddef.h>
#include <stdlib.h>

#include "explain/extract.h"
#include "explain/textfmt.h"

#define L(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define NONE	((const char *const[]){ NULL })

const char *const textfmt_copy_marks[] = {
	"\n------ This is a copy of the message",	/* Exim */
	"\n--- Below this line is a copy of the message",	/* qmail */
	"\n----- Original message follows -----",	/* Sendmail */
	"\n   ----- Original message -----",
	"\n----- Original message -----",
	"\n------ Original message ------",
	"\n--- Original message follows.",
	"\nOriginal message follows.",			/* IMail */
	"\nOriginal message headers:",			/* Exchange */
	"\n----- The header of the original message is following. -----",
	"\n------------------ Original ------------------",	/* QQ Mail */
	"\n-------- 原始邮件 --------",
	"\n----- 原始邮件 -----",
	"\n原始邮件信息",
	"\nThe original message was received at",	/* Sendmail, before the copy */
	NULL,
};

static const struct textfmt formats[] = {
	/* qmail-send(8): "Hi. This is the qmail-send program at ..." */
	{ "qmail", L("This is the qmail-send program",
	    "Below this line is a copy of the message"),
	    NONE, L("\n--- Below this line is a copy of the message"), 0 },
	/* Exim's bounce_message_text (exim/src/deliver.c) */
	{ "exim", L("This message was created automatically by mail delivery software",
	    "A message that you sent could not be delivered to one or more of",
	    "SMTP error from remote mail server after"),
	    NONE, L("\n------ This is a copy of the message"), 0 },
	/* Postfix bounce(8) templates (bounce.cf.default) */
	{ "postfix", L("This is the mail system at host",
	    "I'm sorry to have to inform you that your message could not"),
	    NONE, L("\nContent-Description: Undelivered Message"), 0 },
	/*
	 * Sendmail 5 (and IDA/early 8): a transcript with result lines, no
	 * DSN part; savemail()'s "----- Unsent message follows -----"
	 */
	{ "sendmail-v5", L("----- Unsent message follows -----"),
	    NONE, L("\n   ----- Unsent message follows -----"), TF_RESULT_LINES },
	/* Sendmail's returned-mail text */
	{ "sendmail", L("----- The following addresses had permanent fatal errors -----",
	    "----- Transcript of session follows -----"),
	    NONE, L("\n----- Original message follows -----"), 0 },
	/* Exchange / Office 365 non-delivery reports */
	{ "exchange", L("Delivery has failed to these recipients or groups",
	    "Your message to", "couldn't be delivered",
	    "Diagnostic information for administrators",
	    "Remote Server returned"),
	    NONE, L("\nOriginal message headers:"), 0 },
	/* Exchange / Outlook NDRs in Chinese (zh-CN) */
	{ "exchange", L("无法传递到以下收件人或组", "远程服务器返回"),
	    NONE, NONE, 0 },
	/* Gmail's "Address not found" in Chinese (zh-CN) */
	{ "gmail", L("找不到地址", "服务器的响应为"),
	    L("邮件无法送达", "邮件未能送达"), NONE, 0 },
	/* Gmail's "Address not found" and older "Delivery to the following" */
	{ "gmail", L("Delivery to the following recipient failed",
	    "wasn't delivered to", "Technical details of permanent failure",
	    "Address not found"),
	    L("wasn't delivered to "), NONE, 0 },
	/*
	 * Lotus Notes SMTP MTA: "------- Failure Reasons --------", the
	 * reason, then the address; "------- Returned Message --------"
	 */
	{ "notes", L("------- Failure Reasons"),
	    NONE, L("\n------- Returned Message"), TF_WHOLE_REPLY },
	/*
	 * m-FILTER (Digital Arts): the address, then "-------server
	 * message", the reply, "-------SMTP command" and the command
	 */
	{ "m-filter", L("-------server message"),
	    NONE, L("\n-------original message", "\n-------original mail info"),
	    TF_WHOLE_REPLY },
	/*
	 * au one net (KDDI): "Could not be delivered to: <a>" and the
	 * reason on the next line
	 */
	{ "kddi", L("Could not be delivered to: <"),
	    L("Could not be delivered to:"), NONE, 0 },
	/*
	 * Apache James' bounce mailet: "Error message below:", then
	 * "Message details:" with "RCPT TO: a"
	 */
	{ "james", L("Error message below:"), L("RCPT TO: "),
	    L("\nMessage details:"), TF_WHOLE_REPLY },
	/*
	 * DragonFly Mail Agent (dma): "There was an error delivering your
	 * mail to <a>.", the reason after a blank line, "Message headers
	 * follow."
	 */
	{ "dma", L("This is the DragonFly Mail Agent"),
	    L("There was an error delivering your mail to "),
	    L("\nMessage headers follow."), TF_WHOLE_REPLY },
	/* Lotus Domino: "was not delivered to: ... because:" */
	{ "domino", L("was not delivered to:", "not listed in Domino Directory",
	    "not listed in public Name & Address Book"),
	    NONE, NONE, 0 },
};

static const struct textfmt generic = { "text", NONE, NONE, NONE, 0 };

const struct textfmt *
textfmt_none(void)
{
	return &generic;
}

const struct textfmt *
textfmt_pick(const char *l, size_t len)
{
	const struct textfmt *f = &generic;
	size_t i, k;

	for (i = 0; f == &generic && i < sizeof(formats) / sizeof(formats[0]);
	    i++)
		for (k = 0; formats[i].body_cues[k] != NULL; k++)
			if (extract_find_lower(l, len, formats[i].body_cues[k]) !=
			    (size_t)-1) {
				f = &formats[i];
				break;
			}
	return f;
}
