/*
 * test_explain_variants.c - a bounce of a known format read the same in
 * another shape the format or the mail path gives it, each found by
 * test/integration/test_explain_robust.py on the training part of
 * Sisimai's corpus: blanks a relay added at the end of quoted-printable
 * lines (RFC 2045 6.7: a decoder deletes them, a soft line break stays
 * one) and of a MIME boundary (RFC 2046 5.1.1's transport padding),
 * Postfix's line_wrap putting a long recipient address alone on its line,
 * Postfix naming the alias a recipient was expanded from, a Sendmail
 * bounce for two recipients, a bounce forwarded as an attachment,
 * an Amazon SES notification whose "!" fold got blanks after it, an HTML
 * notice whose source lines break anywhere (HTML's white space rule).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "explain/body.h"
#include "explain/explain.h"
#include "explain/read_delivered.h"
#include "explain/textreply.h"
#include "explainfile.h"

static char tmpdir[] = "/tmp/test_explain_variants.XXXXXX";

/* Explain message text s, written to a file of its own, into r. */
static void
explain_text(const char *name, const char *s, struct explain_result *r)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(s, f);
	fclose(f);
	assert_int_equal(explainfile(path, r), 1);
	unlink(path);
}

/*
 * An Exim bounce (its bounce_message_text, "This message was created
 * automatically by mail delivery software.") sent quoted-printable, whose
 * lines got blanks at their ends on the way: "5.1.=  " is still a soft
 * line break, so the enhanced code and the reply come out whole.
 */
static void
test_qp_trailing_blanks(void **state)
{
	static const char msg[] =
	    "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
	    "To: sales@example.cn\n"
	    "Subject: Mail delivery failed: returning message to sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "Content-Transfer-Encoding: quoted-printable\n"
	    "\n"
	    "This message was created automatically by mail delivery softwar=\n"
	    "e.\t\n"
	    "\n"
	    "A message that you sent could not be delivered to one or more of =\n"
	    "its recipients. This is a permanent error. The following address(=\n"
	    "es) failed:\n"
	    "\n"
	    "  nobody@customer.example\n"
	    "    host mx.customer.example [192.0.2.78]\n"
	    "    SMTP error from remote mail server after RCPT TO:<nobody@cu=  \n"
	    "stomer.example>:\n"
	    "    550 5.1.=\t \n"
	    "1 <nobody@customer.example>: Recipient address rej= \n"
	    "ected: User unknown in local recipient table\n";
	struct explain_result r;

	(void)state;
	explain_text("qp.eml", msg, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_non_null(strstr(r.rcpts[0].text, "Recipient address rejected: "
	    "User unknown"));
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

/*
 * A MIME boundary line with blanks after it (RFC 2046 5.1.1: "transport
 * padding" a relay may add) in a report flattened into text still ends a
 * recipient's reply, as it does without them.
 */
static void
test_boundary_padding(void **state)
{
	static const char *const lines[] = {
		"--EBFE02596282.1532585958/relay.example.jp",
		"--EBFE02596282.1532585958/relay.example.jp \t",
		"--EBFE02596282.1532585958/relay.example.jp--\t\r",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_true(textreply_ends(lines[i], strlen(lines[i])));
	assert_false(textreply_ends("550 5.1.1 User unknown \t", 24));
}

/*
 * Postfix's bounce(8) wraps each "<address>: reason" at 79 columns with an
 * indent of 4 (bounce_notify_util.c, line_wrap), breaking only at blanks:
 * an address of 74 characters stands alone on the first line, and the
 * reply that quotes it puts it alone on a later one.  That later line
 * continues the reply (one recipient, refused at RCPT), as it does when
 * the first line holds "<a>: host ..." (test/unit/test_explain.c).
 */
static void
test_postfix_long_address(void **state)
{
	static const char msg[] =
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "To: sales@example.cn\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "\n"
	    "This is the mail system at host mx.example.org.\n"
	    "\n"
	    "I'm sorry to have to inform you that your message could not\n"
	    "be delivered to one or more recipients. It's attached below.\n"
	    "\n"
	    "                   The mail system\n"
	    "\n"
	    "<subscriber.with.a.rather.long.name.2026@departmental-mail.customer"
	    ".example>:\n"
	    "    host mx.customer.example[192.0.2.78] said: 550 5.1.1\n"
	    "    <subscriber.with.a.rather.long.name.2026@departmental-mail."
	    "customer.example>:\n"
	    "    Recipient address rejected: User unknown in local recipient "
	    "table (in reply\n"
	    "    to RCPT TO command)\n";
	struct explain_result r;

	(void)state;
	explain_text("postfix.eml", msg, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "subscriber.with.a.rather.long."
	    "name.2026@departmental-mail.customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	assert_true(r.rcpts[0].stage_said);
	assert_int_equal(r.rcpts[0].stage, STAGE_RCPT);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

/*
 * Postfix names the alias that led to a recipient: "<a> (expanded from
 * <alias>): reason" (bounce_notify_util.c), on one line or folded by its
 * line_wrap after "(expanded from".  The reason is what follows the
 * alias, for each form.
 */
static void
test_postfix_expanded(void **state)
{
	static const char head[] =
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "To: sales@example.cn\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "\n"
	    "This is the mail system at host mx.example.org.\n"
	    "\n"
	    "I'm sorry to have to inform you that your message could not\n"
	    "be delivered to one or more recipients. It's attached below.\n"
	    "\n"
	    "                   The mail system\n"
	    "\n";
	static const char *const rcpt[] = {
	    "<nobody@customer.example> (expanded from <info@example.cn>): Name"
	    "\n    service error for domain customer.example: Host not found, "
	    "try again\n",
	    "<nobody@customer.example> (expanded from\n"
	    "    <everyone-in-the-sales-department@example.cn>): Name service "
	    "error for\n    domain customer.example: Host not found, try again\n",
	};
	struct explain_result r;
	char msg[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rcpt) / sizeof(rcpt[0]); i++) {
		snprintf(msg, sizeof(msg), "%s%s", head, rcpt[i]);
		explain_text("expanded.eml", msg, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_string_equal(r.rcpts[0].address,
		    "nobody@customer.example");
		assert_string_equal(r.rcpts[0].text, "Name service error for "
		    "domain customer.example: Host not found, try again");
		assert_int_equal(r.rcpts[0].reason, REASON_DNS_FAILURE);
		explain_result_free(&r);
	}
}

/*
 * Sendmail 8 lists the failed recipients, each with "(reason: ...)" under
 * it, then the session's transcript, where each refused recipient has
 * its command, the server's reply and Sendmail's result line (deliver.c).
 * With two recipients the first one's lines end at the second's, before
 * the transcript: the command its reply answered is the one before its
 * result line there, for each recipient.
 */
static void
test_sendmail_two_recipients(void **state)
{
	static const char msg[] =
	    "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
	    "To: sales@example.cn\n"
	    "Subject: Returned mail: see transcript for details\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "\n"
	    "The original message was received at Tue, 1 Dec 2026 10:00:00 "
	    "+0800\n"
	    "from [192.0.2.10]\n"
	    "\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<nobody@customer.example>\n"
	    "    (reason: 550 5.1.1 <nobody@customer.example>... User unknown)\n"
	    "<boss@customer.example>\n"
	    "    (reason: 550 5.1.1 <boss@customer.example>... User unknown)\n"
	    "\n"
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to mx.customer.example.:\n"
	    ">>> RCPT To:<nobody@customer.example>\n"
	    "<<< 550 5.1.1 <nobody@customer.example>... User unknown\n"
	    "550 5.1.1 <nobody@customer.example>... User unknown\n"
	    ">>> RCPT To:<boss@customer.example>\n"
	    "<<< 550 5.1.1 <boss@customer.example>... User unknown\n"
	    "550 5.1.1 <boss@customer.example>... User unknown\n";
	struct explain_result r;
	size_t i;

	(void)state;
	explain_text("sendmail.eml", msg, &r);
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_string_equal(r.rcpts[1].address, "boss@customer.example");
	for (i = 0; i < 2; i++) {
		assert_string_equal(r.rcpts[i].enhanced, "5.1.1");
		assert_true(r.rcpts[i].stage_said);
		assert_int_equal(r.rcpts[i].stage, STAGE_RCPT);
		assert_int_equal(r.rcpts[i].reason, REASON_MAILBOX_UNKNOWN);
	}
	explain_result_free(&r);
}

/*
 * A bounce forwarded whole as an attachment by the person who got it
 * (multipart/mixed, "Fwd: " and the bounce's Subject, a line of their
 * own): the attached bounce is read, here Exim's text, as it would be
 * alone.  A message forwarded the same way that is no bounce leaves the
 * forward a delivered message.
 */
static void
test_forwarded_bounce(void **state)
{
	static const char fwd[] =
	    "From: Sales <sales@example.cn>\n"
	    "To: IT <it@example.cn>\n"
	    "Subject: Fwd: %s\n"
	    "Date: Tue, 1 Dec 2026 12:00:00 +0800\n"
	    "Received: from pc.example.cn (pc.example.cn [192.0.2.10])\n"
	    "\tby mx.example.cn with ESMTP id 1; Tue, 1 Dec 2026 12:00:00 "
	    "+0800\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"F\"\n"
	    "\n"
	    "--F\n"
	    "Content-Type: text/plain; charset=us-ascii\n"
	    "\n"
	    "Could you look at this one?\n"
	    "\n"
	    "--F\n"
	    "Content-Type: message/rfc822\n"
	    "Content-Disposition: attachment\n"
	    "\n"
	    "%s"
	    "--F--\n";
	static const char bounce[] =
	    "From: Mail Delivery System <Mailer-Daemon@mx.example.cn>\n"
	    "To: sales@example.cn\n"
	    "Subject: Mail delivery failed: returning message to sender\n"
	    "X-Failed-Recipients: nobody@customer.example\n"
	    "\n"
	    "This message was created automatically by mail delivery "
	    "software.\n"
	    "\n"
	    "A message that you sent could not be delivered to one or more of "
	    "its\n"
	    "recipients. This is a permanent error. The following address(es) "
	    "failed:\n"
	    "\n"
	    "  nobody@customer.example\n"
	    "    host mx.customer.example [192.0.2.78]\n"
	    "    SMTP error from remote mail server after RCPT TO:"
	    "<nobody@customer.example>:\n"
	    "    550 5.1.1 <nobody@customer.example>: Recipient address "
	    "rejected: User unknown\n"
	    "\n"
	    "------ This is a copy of the message, including all the headers. "
	    "------\n"
	    "\n"
	    "From: Sales <sales@example.cn>\n"
	    "To: nobody@customer.example\n"
	    "Subject: Quotation\n"
	    "Message-ID: <q1@example.cn>\n"
	    "\n"
	    "Dear customer,\n";
	static const char note[] =
	    "From: Boss <boss@example.cn>\n"
	    "To: sales@example.cn\n"
	    "Subject: Quotation\n"
	    "\n"
	    "Please send it again.\n";
	struct explain_result r;
	char msg[4096];

	(void)state;
	snprintf(msg, sizeof(msg), fwd, "Mail delivery failed: returning "
	    "message to sender", bounce);
	explain_text("fwd.eml", msg, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "exim");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].stage, STAGE_RCPT);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.original.subject, "Quotation");
	explain_result_free(&r);

	snprintf(msg, sizeof(msg), fwd, "Quotation", note);
	explain_text("fwd-note.eml", msg, &r);
	assert_int_equal(r.kind, EXPLAIN_DELIVERED_MESSAGE);
	assert_int_equal(r.nrcpts, 0);
	explain_result_free(&r);
}

/*
 * A customer's complaint that our message went to their junk folder,
 * with that message attached (message/rfc822, as Outlook forwards "as
 * attachment"): the copy's headers are Exchange Online's (Received
 * chain, Authentication-Results, X-Forefront-Antispam-Report SCL:5
 * SFV:SPM), the forward's own Received: line is the customer's mail to
 * us.  The copy is read: its path, its sending IP, its verdict; the
 * hint to check our set-up names the copy's IP, not the forward's file
 * (sender --message would read the forward's own hop).  A forward whose
 * attached message carries no path stays a delivered message
 * (test_forwarded_bounce).
 */
static void
test_forwarded_junk_copy(void **state)
{
	static const char msg[] =
	    "Received: from mail.importer.example.de (mail.importer.example.de "
	    "[198.51.100.77])\n"
	    "\tby mx.example.cn (Postfix) with ESMTPS id 9XyZ\n"
	    "\tfor <sales@example.cn>; Mon, 30 Nov 2026 19:00:05 +0800 (CST)\n"
	    "From: Buyer <buyer@importer.example.de>\n"
	    "To: sales@example.cn\n"
	    "Subject: FW: your quotation went to junk\n"
	    "Date: Mon, 30 Nov 2026 12:00:00 +0100\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n"
	    "\n"
	    "--b1\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "\n"
	    "Hi, your last mail landed in our junk folder. Copy attached.\n"
	    "\n"
	    "--b1\n"
	    "Content-Type: message/rfc822\n"
	    "\n"
	    "Received: from AM5EUR02FT010.eop-EUR02.prod.protection.outlook.com\n"
	    " (2603:10a6:20b:3::1) by AM6PR01MB5555.eurprd01.prod.outlook.com\n"
	    " (2603:10a6:20b::1) with Microsoft SMTP Server (version=TLS1_2,\n"
	    " cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7000.1; "
	    "Mon, 30 Nov 2026\n"
	    " 02:05:18 +0000\n"
	    "Received: from mail.example.cn (203.0.113.25) by\n"
	    " AM5EUR02FT010.mail.protection.outlook.com (10.152.8.1) with "
	    "Microsoft SMTP\n"
	    " Server id 15.20.7000.1 via Frontend Transport; Mon, 30 Nov 2026 "
	    "02:05:17 +0000\n"
	    "Authentication-Results: spf=softfail (sender IP is 203.0.113.25)\n"
	    " smtp.mailfrom=example.cn; dkim=none (message not signed)\n"
	    " header.d=none;dmarc=fail action=quarantine "
	    "header.from=example.cn;compauth=fail\n"
	    " reason=001\n"
	    "X-Forefront-Antispam-Report: CIP:203.0.113.25;CTRY:CN;LANG:en;"
	    "SCL:5;SRV:;IPV:NLI;SFV:SPM;H:mail.example.cn;"
	    "PTR:InfoDomainNonexistent;CAT:SPOOF;DIR:INB;\n"
	    "X-MS-Exchange-Organization-SCL: 5\n"
	    "From: Sales <sales@example.cn>\n"
	    "To: buyer@importer.example.de\n"
	    "Subject: Quotation PI 2026-118\n"
	    "Date: Mon, 30 Nov 2026 10:05:12 +0800\n"
	    "Message-ID: <q118@example.cn>\n"
	    "\n"
	    "Dear buyer, please find our quotation.\n"
	    "\n"
	    "--b1--\n";
	struct explain_result r;
	json_t *cs, *spam;

	(void)state;
	/* as the command names each input for the hint */
	reader_delivered_file("junk-copy.eml");
	explain_text("junk-copy.eml", msg, &r);
	reader_delivered_file(NULL);
	assert_int_equal(r.kind, EXPLAIN_DELIVERED_MESSAGE);
	assert_int_equal(r.attachment, 1);
	assert_int_equal(r.attachments, 1);
	assert_string_equal(r.original.subject, "Quotation PI 2026-118");
	assert_non_null(r.extra);
	assert_string_equal(json_string_value(json_object_get(r.extra,
	    "sending_ip")), "203.0.113.25");
	assert_string_equal(json_string_value(json_object_get(r.extra,
	    "from_domain")), "example.cn");
	spam = json_object_get(r.extra, "spam");
	assert_string_equal(json_string_value(json_object_get(spam,
	    "verdict")), "spam");
	cs = json_object_get(r.extra, "check_sender");
	assert_non_null(cs);
	assert_string_equal(json_string_value(json_object_get(cs, "command")),
	    "mxtrace sender example.cn --ip 203.0.113.25");
	explain_result_free(&r);
}

/*
 * A Coremail notice ("系统退信" from Postmaster@163.com) a sales person
 * forwarded inline from NetEase Mail: above it the client's own block,
 * "-------- 转发邮件信息 --------" with "收件人：" the one who forwarded
 * it (our own address).  Only the notice names recipients: the
 * forward's "收件人" was read as a second refused recipient.
 */
static void
test_forwarded_coremail_notice(void **state)
{
	static const char msg[] =
	    "-------- 转发邮件信息 --------\n"
	    "发件人：\"Postmaster\" <Postmaster@163.com>\n"
	    "发送日期：2026-11-30 10:06:12\n"
	    "收件人：\"sales\" <sales_cn@163.com>\n"
	    "主题：系统退信\n"
	    "\n"
	    "抱歉，您的邮件被退回来了……\n"
	    "\n"
	    "原邮件信息：\n"
	    "时　间： 2026-11-30 10:05:58\n"
	    "收件人： buyer@client.example.it\n"
	    "主　题： Quotation for LED panels\n"
	    "\n"
	    "退信原因：\n"
	    "host mx.client.example.it[198.51.100.9] said: 550 5.7.1 "
	    "Message rejected as spam by Content Filtering.\n";
	struct explain_result r;

	(void)state;
	explain_text("fwd-coremail.txt", msg, &r);
	assert_string_equal(r.format, "coremail");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "buyer@client.example.it");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_int_equal(r.rcpts[0].reason, REASON_CONTENT_REJECTED);
	explain_result_free(&r);
}

/*
 * A warning that the message is still being retried, pasted or forwarded
 * inline (its DSN part, Action: delayed, gone): Postfix's delay_template
 * ("THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE.")
 * and Exim's (deliver.c: "A message that you sent has not yet been
 * delivered to one or more of its recipients after more than 24 hours
 * on the queue").  Its recipient is delayed, not failed: "resend later"
 * sent the message twice; what its reply names holds it up (delay_reason).
 * Postfix's final bounce stays a failure.
 */
static void
test_pasted_delay_warning(void **state)
{
	static const char postfix[] =
	    "This is the mail system at host mail.example.cn.\n"
	    "\n"
	    "####################################################################\n"
	    "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
	    "####################################################################\n"
	    "\n"
	    "Your message could not be delivered for 4.0 hours.\n"
	    "It will be retried until it is 5.0 days old.\n"
	    "\n"
	    "For further assistance, please send mail to postmaster.\n"
	    "\n"
	    "                   The mail system\n"
	    "\n"
	    "<buyer@slow.example.com.tr>: connect to "
	    "mx.slow.example.com.tr[198.51.100.61]:25:\n"
	    "    Connection timed out\n";
	static const char exim[] =
	    "This message was created automatically by mail delivery "
	    "software.\n"
	    "A message that you sent has not yet been delivered to one or "
	    "more of its\n"
	    "recipients after more than 24 hours on the queue on "
	    "mail.example.cn.\n"
	    "\n"
	    "The address to which the message has not yet been delivered "
	    "is:\n"
	    "\n"
	    "  buyer@slow.example.com.tr\n"
	    "    Delay reason: SMTP error from remote mail server after RCPT "
	    "TO:<buyer@slow.example.com.tr>:\n"
	    "    451 4.7.1 Greylisted, please try again later\n"
	    "\n"
	    "No action is required on your part.\n";
	static const char final[] =
	    "This is the mail system at host mail.example.cn.\n"
	    "\n"
	    "I'm sorry to have to inform you that your message could not\n"
	    "be delivered to one or more recipients. It's attached below.\n"
	    "\n"
	    "                   The mail system\n"
	    "\n"
	    "<buyer@slow.example.com.tr>: connect to "
	    "mx.slow.example.com.tr[198.51.100.61]:25:\n"
	    "    Connection timed out\n";
	const char *const texts[] = { postfix, exim };
	struct explain_result r;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		explain_text("delay.txt", texts[i], &r);
		assert_int_equal(r.kind, EXPLAIN_DELAYED);
		assert_int_equal(r.nrcpts, 1);
		assert_string_equal(r.rcpts[0].address,
		    "buyer@slow.example.com.tr");
		assert_int_equal(r.rcpts[0].reason, REASON_DELAYED);
		/* the sender's "Connection timed out" names no cause; Exim's
		 * greylisting reply does */
		assert_int_equal(r.rcpts[0].delay_reason, i == 0 ?
		    REASON__LAST : REASON_GREYLISTED);
		explain_result_free(&r);
	}
	explain_text("final.txt", final, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 1);
	assert_int_not_equal(r.rcpts[0].reason, REASON_DELAYED);
	explain_result_free(&r);
}

/*
 * "quota" names a full mailbox as a word, not as the start of one: a
 * content filter quoting an exporter's "Quotation" subject or its
 * "Quotation_PI118.zip" read as a full mailbox ("resend in a few days");
 * the word still counts at the very end of the text.
 */
static void
test_quotation_no_quota(void **state)
{
	static const struct {
		const char *reply;
		enum reason want;
	} cases[] = {
		{ "550 5.7.1 Message \"Quotation 2026\" rejected by content "
		  "filter", REASON_CONTENT_REJECTED },
		{ "554 5.7.1 Message rejected: attachment Quotation_PI118.zip "
		  "not allowed", REASON__LAST },
		{ "552 5.2.2 Requested action aborted: maildir over quota",
		  REASON_MAILBOX_FULL },
		{ "552 Requested action aborted: diskspace quota",
		  REASON_MAILBOX_FULL },
	};
	struct explain_result r;
	char *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text = xasprintf("Delivery to the following recipient failed "
		    "permanently:\n\n     buyer@customer.example.com\n\n"
		    "The response from the remote server was:\n%s\n",
		    cases[i].reply);
		explain_text("quota.txt", text, &r);
		assert_int_equal(r.nrcpts, 1);
		if (cases[i].want == REASON__LAST)
			assert_int_not_equal(r.rcpts[0].reason,
			    REASON_MAILBOX_FULL);
		else
			assert_int_equal(r.rcpts[0].reason, cases[i].want);
		explain_result_free(&r);
		free(text);
	}
}

/*
 * A Gmail notice a sales person forwarded inline from Gmail or pasted:
 * below the server's reply the client shows the returned copy under its
 * own forward mark ("---------- Forwarded message ---------", in zh-CN
 * "---------- 转发的邮件 ---------"; Outlook's "-----Original Message-----",
 * Thunderbird's "-------- Forwarded Message --------", NetEase Mail's
 * "-------- 转发邮件信息 --------", Apple Mail's "Begin forwarded
 * message:").  The reply ends at the mark: the copy's "Subject:
 * Quotation" read into it made a mailbox that does not exist a full one
 * (the cue "quota").
 */
static void
test_forward_mark_ends_reply(void **state)
{
	static const char fmt[] =
	    "发件人： Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "Subject: Delivery Status Notification (Failure)\n"
	    "To: <sales@example.cn>\n"
	    "\n"
	    "Delivery to the following recipient failed permanently:\n"
	    "\n"
	    "     buyer@customer.example.com\n"
	    "\n"
	    "The response from the remote server was:\n"
	    "550 5.1.1 The email account that you tried to reach does not "
	    "exist.\n"
	    "%s\n"
	    "From: Sales <sales@example.cn>\n"
	    "To: buyer@customer.example.com\n"
	    "Subject: Quotation\n";
	static const char *const marks[] = {
	    "---------- Forwarded message ---------",
	    "---------- 转发的邮件 ---------",
	    "-----Original Message-----",
	    "-------- Forwarded Message --------",
	    "-------- Original Message --------",
	    "-------- 转发邮件信息 --------",
	    "Begin forwarded message:",
	};
	struct explain_result r;
	char msg[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		snprintf(msg, sizeof(msg), fmt, marks[i]);
		explain_text("fwd-mark.txt", msg, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_string_equal(r.rcpts[0].address,
		    "buyer@customer.example.com");
		assert_string_equal(r.rcpts[0].text, "550 5.1.1 The email "
		    "account that you tried to reach does not exist.");
		assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
		explain_result_free(&r);
	}
}

/*
 * An Amazon SES notification (docs.aws.amazon.com/ses, "Contents of
 * notifications") whose long JSON line Sendmail folded with "!" at the
 * end, and a relay then added blanks after the "!": still one fold.
 */
static void
test_ses_fold_blanks(void **state)
{
	static const char msg[] =
	    "From: AWS Notifications <no-reply@sns.amazonaws.com>\n"
	    "To: sales@example.cn\n"
	    "Subject: AWS Notification Message\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "\n"
	    "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":"
	    "\"Permanent\",\"bounceSubType\":\"General\",\"bouncedRecipients\":"
	    "[{\"emailAddress\":\"nobody@customer.example\",\"action\":"
	    "\"failed\",\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 "
	    "5.1.1 us!  \n"
	    " er unknown\"}]},\"mail\":{\"source\":\"sales@example.cn\"}}\n";
	struct explain_result r;

	(void)state;
	explain_text("ses.eml", msg, &r);
	assert_string_equal(r.format, "amazon-ses");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_string_equal(r.rcpts[0].text, "550 5.1.1 user unknown");
	explain_result_free(&r);
}

/*
 * An SES notification through an SNS subscription of the "email-json"
 * protocol (Amazon SNS "Message and JSON formats"): SNS's envelope, the SES
 * object the string "Message", its long line folded with "!" by Sendmail.
 */
static void
test_ses_sns_envelope(void **state)
{
	static const char msg[] =
	    "From: AWS Notifications <no-reply@sns.amazonaws.com>\n"
	    "To: sales@example.cn\n"
	    "Subject: AWS Notification Message\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "\n"
	    "{\n"
	    "  \"Type\" : \"Notification\",\n"
	    "  \"MessageId\" : \"0f1e2d3c-0000-4000-8000-000000000001\",\n"
	    "  \"Message\" : \"{\\\"notificationType\\\":\\\"Bounce\\\","
	    "\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\","
	    "\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":"
	    "\\\"nobody@customer.example\\\",\\\"action\\\":\\\"failed\\\","
	    "\\\"status\\\":\\\"5.1.1\\\",\\\"diagnosticCode\\\":"
	    "\\\"smtp; 550 5.1.1 us!\n"
	    " er unknown\\\"}]},\\\"mail\\\":{\\\"commonHeaders\\\":"
	    "{\\\"subject\\\":\\\"Quote\\\"}}}\",\n"
	    "  \"Timestamp\" : \"2026-12-05T06:58:02.294Z\"\n"
	    "}\n";
	struct explain_result r;

	(void)state;
	explain_text("sns.eml", msg, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "amazon-ses");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_string_equal(r.rcpts[0].text, "550 5.1.1 user unknown");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.original.subject, "Quote");
	explain_result_free(&r);
}

/*
 * An Office 365 / Exchange Online notice sent as HTML only, its source
 * broken wherever its writer broke it: in HTML a line end in the source is
 * a blank, so "and\nsales@example.cn isn't one of them" is one sentence,
 * not a line that starts with an address (a second, bogus recipient).
 */
static void
test_html_source_lines(void **state)
{
	static const char msg[] =
	    "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\n"
	    "To: sales@example.cn\n"
	    "Subject: Undeliverable: Quotation\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=us-ascii\n"
	    "\n"
	    "<html><body>\n"
	    "<p>Your message to <a href=\"mailto:board@customer.example\">"
	    "board@customer.example</a> couldn't be delivered. The group only "
	    "accepts messages from its members, and\n"
	    "sales@example.cn isn't one of them.</p>\n"
	    "<p><b>Diagnostic information for administrators:</b></p>\n"
	    "<p>Generating server: AM0PR01MB1234.eurprd01.prod.exchangelabs.com"
	    "<br>\n"
	    "<br>\n"
	    "board@customer.example<br>\n"
	    "Remote Server returned '550 5.7.1 RESOLVER.RST.AuthRequired;\n"
	    "authentication required'<br>\n"
	    "</p>\n"
	    "<pre>kept   as\n  written</pre>\n"
	    "</body></html>\n";
	struct explain_result r;
	size_t n;
	char *t;

	(void)state;
	explain_text("o365.eml", msg, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "board@customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.7.1");
	explain_result_free(&r);
	t = body_html_to_text(msg, strlen(msg), &n);
	assert_non_null(strstr(t, "\nRemote Server returned '550 5.7.1 "
	    "RESOLVER.RST.AuthRequired; authentication required'\n"));
	assert_non_null(strstr(t, "kept   as\n  written"));
	free(t);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	explain_init();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	explain_shutdown();
	return rmdir(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qp_trailing_blanks),
		cmocka_unit_test(test_boundary_padding),
		cmocka_unit_test(test_postfix_long_address),
		cmocka_unit_test(test_postfix_expanded),
		cmocka_unit_test(test_sendmail_two_recipients),
		cmocka_unit_test(test_forwarded_bounce),
		cmocka_unit_test(test_forward_mark_ends_reply),
		cmocka_unit_test(test_forwarded_junk_copy),
		cmocka_unit_test(test_forwarded_coremail_notice),
		cmocka_unit_test(test_pasted_delay_warning),
		cmocka_unit_test(test_quotation_no_quota),
		cmocka_unit_test(test_ses_fold_blanks),
		cmocka_unit_test(test_ses_sns_envelope),
		cmocka_unit_test(test_html_source_lines),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
