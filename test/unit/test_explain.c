/*
 * test_explain.c - mxtrace explain's parts: the input forms (a message
 * file, an mbox read message by message, a maildir, pasted text), the
 * RFC 3464 field parser, RFC 2047 subjects split across encoded-words
 * (GMime's own decoder cuts them), the readers' kinds, and the meaning
 * each recipient gets (the data stage, a side, bounce wording).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/util.h"
#include "cmd/sender_msg.h"
#include "explain/dsn.h"
#include "explain/filekind.h"
#include "explain/explain.h"
#include "explain/explain_json.h"
#include "explain/explain_print.h"
#include "explain/extract.h"
#include "explain/mime.h"
#include "explain/mtacues.h"
#include "explain/source.h"
#include "explain/utf8addr.h"
#include "meaning/catalog.h"
#include "meaning/classify.h"
#include "record/jsonw.h"
#include "explainfile.h"

static char tmpdir[] = "/tmp/test_explain.XXXXXX";

static void
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(s, f);
	fclose(f);
}

static const char dsn_msg[] =
"From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
"To: sales@example.cn\n"
"Subject: Undelivered Mail Returned to Sender\n"
"MIME-Version: 1.0\n"
"Content-Type: multipart/report; report-type=delivery-status;\n"
"\tboundary=\"B\"\n"
"\n"
"--B\n"
"Content-Type: text/plain\n"
"\n"
"This is the mail system at host mx.example.org.\n"
"--B\n"
"Content-Type: message/delivery-status\n"
"\n"
"Reporting-MTA: dns; mx.example.org\n"
"\n"
"Final-Recipient: rfc822; nobody@customer.example\n"
"Original-Recipient: rfc822;nobody@customer.example\n"
"Action: failed\n"
"Status: 5.1.1\n"
"Remote-MTA: dns; mx.customer.example\n"
"Diagnostic-Code: smtp; 550 5.1.1 <nobody@customer.example>: Recipient\n"
"    address rejected: User unknown in local recipient table\n"
"\n"
"Final-Recipient: rfc822; boss@customer.example\n"
"Action: failed\n"
"Status: 5.7.1\n"
"Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host\n"
"    [192.0.2.7] blocked using zen.spamhaus.org (in reply to RCPT TO command)\n"
"\n"
"Final-Recipient: rfc822; later@customer.example\n"
"Action: delayed\n"
"Status: 4.4.1\n"
"Will-Retry-Until: Tue, 1 Dec 2026 10:00:00 +0000\n"
"--B\n"
"Content-Type: text/rfc822-headers\n"
"\n"
"From: Sales <sales@example.cn>\n"
"To: nobody@customer.example\n"
"Subject: =?UTF-8?B?5oql5Lu3?=\n"
"Message-ID: <q1@example.cn>\n"
"Date: Mon, 30 Nov 2026 08:00:00 +0800\n"
"--B--\n";

static void
test_dsn_message(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/dsn.eml", tmpdir);
	write_file(path, dsn_msg);
	assert_int_equal(explainfile(path, &r), 1);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "dsn");
	assert_string_equal(r.reporting_mta, "mx.example.org");
	assert_int_equal(r.nrcpts, 3);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_string_equal(r.rcpts[0].original, "nobody@customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_int_equal(r.rcpts[0].side, SIDE_RECIPIENT_ADDRESS);
	assert_int_equal(r.rcpts[0].stage, STAGE_DATA);
	assert_non_null(strstr(r.rcpts[0].text, "User unknown in local"));
	assert_int_equal(r.rcpts[1].reason, REASON_IP_BLOCKLISTED);
	assert_int_equal(r.rcpts[1].side, SIDE_OUR_SIDE);
	assert_int_equal(r.rcpts[1].stage, STAGE_RCPT);
	assert_string_equal(r.rcpts[1].blocklist, "zen.spamhaus.org");
	assert_int_equal(r.rcpts[2].action, ACTION_DELAYED);
	assert_int_equal(r.rcpts[2].reason, REASON_DELAYED);
	assert_non_null(r.rcpts[2].will_retry_until);
	assert_string_equal(r.original.subject, "报价");
	assert_string_equal(r.original.message_id, "<q1@example.cn>");
	explain_result_free(&r);
}

/*
 * GMime joins split encoded-words before decoding; words ending in base64
 * padding then come out cut.  GB2312 split mid-character, UTF-8 split
 * mid-character, and mixed charsets must all decode whole.
 */
/*
 * Formats read since the first version: an Amazon SES notification (its
 * JSON folded with "!" by a mail path), an ARF report with two
 * Original-Rcpt-To fields, a Sendmail 5 transcript with result lines, and
 * a report whose MIME boundary never appears.
 */
static const char ses_msg[] =
"From: no-reply@sns.amazonaws.com\n"
"To: ops@example.cn\n"
"Subject: AWS Notification Message\n"
"Content-Type: text/plain; charset=UTF-8\n"
"\n"
"{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
"\"bouncedRecipients\":[{\"emailAddress\":\"gone@customer.example\",\"action\":\"failed\","
"\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 user unknown\"}],"
"\"reportingMTA\":\"dsn; a1.smtp-out.example\"},\"mail\":{\"commonHeaders\":"
"{\"from\":[\"sales@example.cn\"],\"to\":[\"gone@customer.example\"],\"subj!\n"
" ect\":\"Quote\"}}}\n"
"\n--\nIf you wish to stop receiving notifications from this topic...\n";

/*
 * SES's notification of an address on the account's suppression list: it
 * did not send, whatever the 5.1.1 says (the AWS Knowledge Center's words)
 */
static const char ses_suppressed_msg[] =
"From: no-reply@sns.amazonaws.com\n"
"To: ops@example.cn\n"
"Subject: AWS Notification Message\n"
"Content-Type: text/plain; charset=UTF-8\n"
"\n"
"{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\","
"\"bounceSubType\":\"OnAccountSuppressionList\",\"bouncedRecipients\":"
"[{\"emailAddress\":\"old@customer.example\",\"action\":\"failed\","
"\"status\":\"5.1.1\",\"diagnosticCode\":\"Amazon SES did not send the "
"message to this address because it is on the suppression list for your "
"account.\"}],\"reportingMTA\":\"dns; amazonses.com\"}}\n";

static const char arf_msg[] =
"From: fbl@isp.example\n"
"To: abuse@example.cn\n"
"Subject: complaint\n"
"MIME-Version: 1.0\n"
"Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n"
"\n"
"--F\n"
"Content-Type: text/plain\n"
"\n"
"A complaint.\n"
"--F\n"
"Content-Type: message/feedback-report\n"
"\n"
"Feedback-Type: abuse\n"
"Version: 1\n"
"Original-Rcpt-To: <a@customer.example>\n"
"Original-Rcpt-To: <b@customer.example>\n"
"--F--\n";

static const char v5_msg[] =
"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.cn>\n"
"To: sales@example.cn\n"
"Subject: Returned mail: User unknown\n"
"\n"
"   ----- Transcript of session follows -----\n"
"550 nodomain.example (smtp)... 550 Host unknown\n"
"554 <x@nodomain.example>... 550 Host unknown (Authoritative answer from name server)\n"
"While talking to mx.customer.example:\n"
">>> RCPT To:<nobody@customer.example>\n"
"<<< 550 <nobody@customer.example>... User unknown\n"
"550 <nobody@customer.example>... User unknown\n"
"\n"
"   ----- Unsent message follows -----\n"
"From: sales@example.cn\n"
"To: x@nodomain.example, nobody@customer.example\n"
"Subject: Quote\n";

static const char cut_msg[] =
"From: MAILER-DAEMON@mx.example.cn\n"
"To: sales@example.cn\n"
"Subject: Returned mail\n"
"MIME-Version: 1.0\n"
"Content-Type: multipart/report; report-type=delivery-status; boundary=\"NEVER\"\n"
"\n"
"Reporting-MTA: dns; mx.example.cn\n"
"\n"
"Final-Recipient: rfc822; nobody@customer.example\n"
"Action: failed\n"
"Status: 5.1.1\n"
"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n";

static void
test_more_formats(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/ses.eml", tmpdir);
	write_file(path, ses_msg);
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "amazon-ses");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "gone@customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.original.subject, "Quote");
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/ses-suppressed.eml", tmpdir);
	write_file(path, ses_suppressed_msg);
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].reason, REASON_SUPPRESSED);
	assert_int_equal(r.rcpts[0].side, SIDE_OUR_SIDE);
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/arf.eml", tmpdir);
	write_file(path, arf_msg);
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_FEEDBACK);
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].address, "a@customer.example");
	assert_string_equal(r.rcpts[1].address, "b@customer.example");
	assert_int_equal(r.rcpts[1].reason, REASON_FEEDBACK);
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/v5.eml", tmpdir);
	write_file(path, v5_msg);
	explainfile(path, &r);
	assert_string_equal(r.format, "sendmail-v5");
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].address, "x@nodomain.example");
	assert_int_equal(r.rcpts[0].reason, REASON_DOMAIN_NOT_FOUND);
	assert_string_equal(r.rcpts[1].address, "nobody@customer.example");
	assert_int_equal(r.rcpts[1].stage, STAGE_RCPT);
	assert_int_equal(r.rcpts[1].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/cut.eml", tmpdir);
	write_file(path, cut_msg);
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

static void
test_split_subject(void **state)
{
	static const struct {
		const char *raw, *want;
	} cases[] = {
		{ "=?GB2312?B?suLK1NPKvA==?= =?GB2312?B?/tb3zOK63A==?= "
		  "=?GB2312?B?s6TQ6NKqtw==?= =?GB2312?B?1rPJvLi2zg==?= "
		  "=?GB2312?B?wLSx4MLr0g==?= =?GB2312?B?1LHjsuLK1A==?=",
		  "测试邮件主题很长需要分成几段来编码以便测试" },
		{ "=?UTF-8?B?5rWL6K+V6YKu5A==?= =?UTF-8?B?u7bkuLvpopjlvg==?= "
		  "=?UTF-8?B?iOmVv+mcgOimgQ==?= =?UTF-8?B?5YiG5oiQ5Yeg5g==?= "
		  "=?UTF-8?B?rrXmnaXnvJbnoA==?= =?UTF-8?B?geS7peS+v+a1iw==?= "
		  "=?UTF-8?B?6K+V?=",
		  "测试邮件主题很长需要分成几段来编码以便测试" },
		{ "Re: =?gb2312?B?suLK1A==?= =?utf-8?q?_=E6=8A=A5=E4=BB=B7?= ok",
		  "Re: 测试 报价 ok" },
		{ "=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard" },
		{ "plain subject", "plain subject" },
		{ "=?UTF-8?B?broken", "=?UTF-8?B?broken" },
		/* RFC 2231 language with no charset, then nine charsets: the
		 * converter cache must not keep (and lose) one for "" */
		{ "=?*en?Q?caf=C3=A9?= =?iso-8859-2?Q?a?= =?iso-8859-3?Q?b?= "
		  "=?iso-8859-4?Q?c?= =?iso-8859-5?Q?d?= =?iso-8859-6?Q?e?= "
		  "=?iso-8859-7?Q?f?= =?iso-8859-8?Q?g?= =?iso-8859-9?Q?h?= "
		  "=?koi8-r?Q?i?=", "caf\xc3\xa9" "abcdefghi" },
	};
	size_t i;
	char *d, path[256], msg[1024], folded[512], *sp;
	struct explain_result r;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d = mime_decode_words(cases[i].raw, strlen(cases[i].raw));
		assert_string_equal(d, cases[i].want);
		free(d);
	}
	/* the same through a parsed message's returned copy, folded */
	for (sp = (char *)cases[0].raw, i = 0; i < 3; i++)
		sp = strchr(sp + 1, ' ');
	snprintf(folded, sizeof(folded), "%.*s\n%s",
	    (int)(sp - cases[0].raw), cases[0].raw, sp);
	snprintf(path, sizeof(path), "%s/split.eml", tmpdir);
	snprintf(msg, sizeof(msg), "From: mailer-daemon@x.example\n"
	    "Subject: failure notice\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=b\n\n--b\nContent-Type: "
	    "message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\n"
	    "Action: failed\nStatus: 5.2.2\n--b\nContent-Type: message/rfc822\n\n"
	    "From: me@example.cn\nSubject: %s\n\nbody\n--b--\n", folded);
	write_file(path, msg);
	explainfile(path, &r);
	assert_string_equal(r.original.subject, cases[0].want);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_FULL);
	explain_result_free(&r);
}

/* The meaning line says a thing once: no "DNS error: DNS failure"; and
 * the truth of a bounce: a recipient the message did not reach is no
 * "Temporary failure" (a 5xx rate limit), what a probe finds now is. */
static void
test_meaning_once(void **state)
{
	static const struct {
		enum verdict v;
		enum reason r, held;
		bool undelivered;
		enum lang l;
		const char *want;
	} cases[] = {
		{ VERDICT_DNS_ERROR, REASON_DNS_FAILURE, REASON__LAST, true,
		  LANG_EN, "DNS error\n" },
		{ VERDICT_DNS_ERROR, REASON_DNS_TIMEOUT, REASON__LAST, true,
		  LANG_EN, "DNS error: " },
		{ VERDICT_UNDELIVERABLE, REASON_MAILBOX_UNKNOWN, REASON__LAST,
		  true, LANG_EN, "Undeliverable: Mailbox does not exist\n" },
		{ VERDICT_TEMPORARY, REASON_TOO_MANY_CONNECTIONS, REASON__LAST,
		  true, LANG_EN,
		  "Not delivered, for a temporary reason: Too many connections\n" },
		{ VERDICT_TEMPORARY, REASON_TOO_MANY_CONNECTIONS, REASON__LAST,
		  true, LANG_ZH,
		  "\xe6\x9c\xaa\xe9\x80\x81\xe8\xbe\xbe" },	/* 未送达 */
		{ VERDICT_TEMPORARY, REASON_TOO_MANY_CONNECTIONS, REASON__LAST,
		  false, LANG_EN, "Temporary failure: Too many connections\n" },
		/* a delay says what holds it up, and nothing when none */
		{ VERDICT_TEMPORARY, REASON_DELAYED, REASON_MAILBOX_FULL, false,
		  LANG_EN, "Delayed, still retrying (Mailbox full)\n" },
		{ VERDICT_TEMPORARY, REASON_DELAYED, REASON__LAST, false,
		  LANG_EN, "Delayed, still retrying\n" },
	};
	char *buf;
	size_t len, i;
	struct wrap_out lay;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf = NULL;
		assert_non_null(f = open_memstream(&buf, &len));
		lay = wrap_out_of(f);
		explain_put_meaning(f, &lay, cases[i].v, cases[i].r,
		    cases[i].held, cases[i].undelivered, NULL, cases[i].l);
		fclose(f);
		assert_non_null(strstr(buf, cases[i].want));
		free(buf);
	}
}

/* An mbox is read message by message; a maildir file by file. */
/*
 * A delayed recipient says in JSON what its reply names as holding it up
 * (delay_reason), its reason staying delayed; a failed one has none.
 */
static void
test_delay_reason_json(void **state)
{
	struct explain_result r;
	struct jsonw w;
	json_t *o, *rc;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/delay-full.eml", tmpdir);
	write_file(path, "From: MAILER-DAEMON@example.org\nSubject: "
	    "Delayed Mail (still being retried)\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Final-Recipient: rfc822; full@customer.example\n"
	    "Action: delayed\nStatus: 4.2.2\nDiagnostic-Code: smtp; 452 "
	    "4.2.2 <full@customer.example>: Mailbox full\n\n"
	    "Final-Recipient: rfc822; gone@customer.example\n"
	    "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 "
	    "5.1.1 User unknown\n--b--\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 2);
	assert_int_equal(r.rcpts[0].reason, REASON_DELAYED);
	jsonw_init(&w);
	explain_json_write(&w, &r, path, 1, LANG_EN, NULL, NULL);
	assert_non_null(o = json_loadb(w.buf, w.len, 0, NULL));
	rc = json_object_get(o, "recipients");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rc, 0), "reason")), "delayed");
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rc, 0), "delay_reason")), "mailbox_full");
	assert_true(json_is_null(json_object_get(json_array_get(rc, 1),
	    "delay_reason")));
	json_decref(o);
	jsonw_free(&w);
	explain_result_free(&r);
}

static void
test_mbox_and_maildir(void **state)
{
	struct explain_result r;
	char path[256], sub[300];
	FILE *f;
	int i;

	(void)state;
	snprintf(path, sizeof(path), "%s/box.mbox", tmpdir);
	assert_non_null(f = fopen(path, "w"));
	for (i = 0; i < 50; i++)
		fprintf(f, "From MAILER-DAEMON Mon Nov 30 08:00:00 2026\n%s\n",
		    dsn_msg);
	fclose(f);
	assert_int_equal(explainfile(path, &r), 50);
	assert_int_equal(r.nrcpts, 3);
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/Maildir", tmpdir);
	mkdir(path, 0700);
	snprintf(sub, sizeof(sub), "%s/cur", path);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/new", path);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/cur/1.host:2,S", path);
	write_file(sub, dsn_msg);
	snprintf(sub, sizeof(sub), "%s/new/2.host", path);
	write_file(sub, "From: a@b.example\nTo: c@d.example\nSubject: hello\n\n"
	    "Just a note.\n");
	assert_int_equal(explainfile(path, &r), 2);
	explain_result_free(&r);
}

/* Text pasted from a mail client: no headers, still read. */
static void
test_pasted(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/pasted.txt", tmpdir);
	write_file(path, "Delivery has failed to these recipients or groups:\n\n"
	    "wrong.name@customer.example\n"
	    "The email address you entered couldn't be found.\n\n"
	    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
	    "Recipient not found by SMTP address lookup'\n");
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_true(r.nrcpts >= 1);
	assert_string_equal(r.rcpts[0].address, "wrong.name@customer.example");
	assert_string_equal(r.rcpts[0].enhanced, "5.1.10");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

/*
 * A DSN saved again on Windows from a CRLF file: every line ends in
 * "\r\r\n".  Still a message with its MIME structure (the DSN part, the
 * returned headers), read as the same message saved with LF.
 */
static void
test_dsn_crcrlf(void **state)
{
	struct explain_result r;
	char path[256], *crcr = malloc(sizeof(dsn_msg) * 3);
	size_t i, o = 0;

	(void)state;
	assert_non_null(crcr);
	for (i = 0; dsn_msg[i] != '\0'; i++) {
		if (dsn_msg[i] == '\n') {
			crcr[o++] = '\r';
			crcr[o++] = '\r';
		}
		crcr[o++] = dsn_msg[i];
	}
	crcr[o] = '\0';
	snprintf(path, sizeof(path), "%s/crcrlf.eml", tmpdir);
	write_file(path, crcr);
	free(crcr);
	assert_int_equal(explainfile(path, &r), 1);
	assert_string_equal(r.format, "dsn");
	assert_string_equal(r.reporting_mta, "mx.example.org");
	assert_string_equal(r.original.subject, "报价");
	assert_int_equal(r.nrcpts, 3);
	assert_string_equal(r.rcpts[0].address, "nobody@customer.example");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_null(strchr(r.rcpts[0].text, '\r'));
	assert_int_equal(r.rcpts[1].reason, REASON_IP_BLOCKLISTED);
	assert_int_equal(r.rcpts[2].action, ACTION_DELAYED);
	explain_result_free(&r);
}

/*
 * A few words of a bounce pasted from a mail client with no charset said:
 * Traditional Chinese in Big5 (Taiwan, Hong Kong) and Simplified Chinese in
 * GBK each come out as the Chinese they are (uchardet alone calls most of
 * the Big5 lines WINDOWS-1252).
 */
static void
test_short_cjk(void **state)
{
	static const struct {
		const char	*bytes;
		const char	*want;
	} t[] = {
		{ "550 \xa6\xac\xa5\xf3\xaa\xcc\xa4\xa3\xa6s\xa6" "b", "550 收件者不存在" },
		{ "\xb6l\xa5\xf3\xb3Q\xb0h\xa6^", "郵件被退回" },
		{ "550 \xb1" "b\xb8\xb9\xa4\xa3\xa6s\xa6" "b", "550 帳號不存在" },
		{ "\xb9\xef\xa4\xe8\xa9\xda\xa6\xac", "對方拒收" },
		{ "\xa7\xeb\xbb\xbc\xa5\xa2\xb1\xd1", "投遞失敗" },
		{ "\xb5L\xa6\xb9\xa5\xce\xa4\xe1", "無此用戶" },
		{ "\xb1H\xa5\xf3\xaa\xcc\xb3Q\xa9\xda\xb5\xb4", "寄件者被拒絕" },
		{ "\xb0h\xabH\xb3q\xaa\xbe", "退信通知" },
		{ "550 \xac" "d\xb5L\xa6\xb9\xb1" "b\xb8\xb9", "550 查無此帳號" },
		{ "\xa9\xda\xb5\xb4\xb1\xb5\xa6\xac", "拒絕接收" },
		{ "\xa9U\xa7\xa3\xb6l\xa5\xf3", "垃圾郵件" },
		{ "\xb6\xc7\xb0" "e\xa5\xa2\xb1\xd1", "傳送失敗" },
		{ "550 \xd3\xca\xcf\xe4\xb2\xbb\xb4\xe6\xd4\xda", "550 邮箱不存在" },
		{ "550 \xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6\xd4\xda", "550 用户不存在" },
		{ "550 \xb1\xbb\xbe\xdc\xca\xd5", "550 被拒收" },
		{ "\xcd\xb6\xb5\xdd\xca\xa7\xb0\xdc", "投递失败" },
		{ "\xb6\xd4\xb7\xbd\xbe\xdc\xca\xd5", "对方拒收" },
		{ "\xd3\xca\xbc\xfe\xb1\xbb\xcd\xcb\xbb\xd8", "邮件被退回" },
		{ "\xd0\xc5\xcf\xe4\xd2\xd1\xc2\xfa", "信箱已满" },
		{ "\xce\xde\xb4\xcb\xd3\xc3\xbb\xa7", "无此用户" },
		{ "\xcd\xcb\xd0\xc5\xcd\xa8\xd6\xaa", "退信通知" },
		{ "\xbe\xdc\xbe\xf8\xbd\xd3\xca\xd5", "拒绝接收" },
		{ "\xc0\xac\xbb\xf8\xd3\xca\xbc\xfe", "垃圾邮件" },
		{ "\xd5\xcb\xba\xc5\xb2\xbb\xb4\xe6\xd4\xda", "账号不存在" },
	};
	char in[256], *out;
	size_t i, n, len;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		len = (size_t)snprintf(in, sizeof(in),
		    "zhangwei@example.com\r\n%s\r\n", t[i].bytes);
		out = mime_to_utf8(in, len, NULL, &n);
		if (strstr(out, t[i].want) == NULL)
			fail_msg("%s: read as %s", t[i].want, out);
		free(out);
	}
}

/* Exchange's NDR with the server's reply written as "returned 'REPLY'". */
static void
exchange_text(const char *name, const char *returned, const char *want)
{
	struct explain_result r;
	char path[256], text[1024];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	snprintf(text, sizeof(text), "Delivery has failed to these recipients "
	    "or groups:\r\n\r\nwrong.name@customer.example\r\n\r\n"
	    "Diagnostic information for administrators:\r\n\r\n"
	    "Generating server: mail.example.cn\r\n\r\n"
	    "wrong.name@customer.example\r\nRemote Server returned %s\r\n"
	    "\r\nOriginal message headers:\r\n", returned);
	write_file(path, text);
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].text, want);
	explain_result_free(&r);
}

/*
 * The quote Exchange closes the server's reply with is not the server's,
 * whatever quotes the reply holds; a reply the server itself quoted, or
 * one that was not opened by a quote, keeps its own.
 */
static void
test_exchange_quotes(void **state)
{
	(void)state;
	exchange_text("q1.txt", "'550 5.1.1 User unknown'",
	    "550 5.1.1 User unknown");
	exchange_text("q2.txt", "'550 5.7.1 Sorry, we don't accept mail from "
	    "you'", "550 5.7.1 Sorry, we don't accept mail from you");
	exchange_text("q3.txt", "'550 Mailbox 'zhang' not found'",
	    "550 Mailbox 'zhang' not found");
	exchange_text("q4.txt", "\"550 5.1.1 The email account that you "
	    "tried to reach does not exist. Please try\r\n 5.1.1 "
	    "double-checking the recipient's email address\"",
	    "550 5.1.1 The email account that you tried to reach does not "
	    "exist. Please try 5.1.1 double-checking the recipient's email "
	    "address");
	/* Exchange 2010: '< #5.1.1 smtp;550 ...>' */
	exchange_text("q5.txt", "'< #5.1.1 smtp;550 5.1.1 User unknown>'",
	    "550 5.1.1 User unknown");
	exchange_text("q6.txt", "'554 5.7.1 blocked using 'zen.spamhaus.org''",
	    "554 5.7.1 blocked using 'zen.spamhaus.org'");
	/* opened by no quote: the server's own closing quote stays */
	exchange_text("q7.txt", "550 5.7.1 'not allowed'",
	    "550 5.7.1 'not allowed'");
	/* the reply quoted without its reply code: Exchange's words and
	 * quotes are not the server's either */
	exchange_text("q8.txt", "'5.7.1 Unauthenticated email is not "
	    "accepted'", "5.7.1 Unauthenticated email is not accepted");
}

/* text written to tmpdir/name and explained: its first reason, *stage */
static enum reason
pasted_reason(const char *name, const char *text, enum stage *stage)
{
	struct explain_result r;
	enum reason reason;
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	write_file(path, text);
	explainfile(path, &r);
	assert_true(r.nrcpts >= 1);
	reason = r.rcpts[0].reason;
	*stage = r.rcpts[0].stage;
	explain_result_free(&r);
	return reason;
}

/*
 * What a bounce adds (explain.c bounce_adjust): the reply's cause before
 * the sending MTA's "gave up" words.
 */
static void
test_reply_before_giving_up(void **state)
{
	enum stage st;

	(void)state;
	/* qmail's documented example: the receiver's directory failed */
	assert_int_equal(pasted_reason("ldap.txt", "<kijitora@example.net>:\n"
	    "Unable to contact LDAP server. (#4.4.3)I'm not going to try "
	    "again; this\nmessage has been in the queue too long.\n", &st),
	    REASON_REMOTE_SERVER_ERROR);
	/* Postfix: a refusal at the greeting is about the sending IP */
	assert_int_equal(pasted_reason("greeting.txt", "<kijitora@example.net>: "
	    "delivery temporarily suspended: host mx.example.net[192.0.2.1] "
	    "refused to talk to me: 421 Service not available, closing "
	    "transmission channel\n", &st), REASON_REPUTATION_OR_RATE);
	assert_int_equal(st, STAGE_BANNER);
	/*
	 * unless the provider's documented table names the cause: Mimecast's
	 * "Host network not allowed" is a Geographical Restriction policy of
	 * the recipient's organisation (its SMTP error codes page)
	 */
	assert_int_equal(pasted_reason("geo.txt", "<kijitora@example.net>: "
	    "host eu-smtp-inbound-1.mimecast.com[192.0.2.6] refused to talk "
	    "to me: 554 Host network not allowed\n", &st),
	    REASON_POLICY_OTHER);
	assert_int_equal(st, STAGE_BANNER);
	/* Postfix smtpd with TLS enforced answers MAIL FROM so: TLS was
	 * required of us, not a STARTTLS that failed at their end */
	assert_int_equal(pasted_reason("tlsreq.txt", "<kijitora@example.net>: "
	    "host mx.example.net[192.0.2.1] said: 530 5.7.0 Must issue a "
	    "STARTTLS command first (in reply to MAIL FROM command)\n", &st),
	    REASON_TLS_REQUIRED);
	assert_int_equal(st, STAGE_MAIL);
	assert_int_equal(pasted_reason("tlsreq2.txt", "Delivery has failed to "
	    "these recipients or groups:\nkijitora@example.net\n530 5.7.0 Must "
	    "issue a STARTTLS command first\n", &st), REASON_TLS_REQUIRED);
	/*
	 * A provider's documented code decides, after DATA too: La Poste's
	 * 416 is an invalid recipient (not the filter a "user unknown" after
	 * DATA otherwise is), Orange's 505 the receiver's own trouble (not the
	 * sender's giving up on a vague 4xx)
	 */
	assert_int_equal(pasted_reason("lpn416.txt", "<kijitora@laposte.net>: "
	    "host smtpz4.laposte.net[192.0.2.4] said: 550 5.5.0 Adresse "
	    "destinataire invalide. Invalid recipient. LPN007_416 (in reply "
	    "to end of DATA command)\n", &st), REASON_MAILBOX_UNKNOWN);
	assert_int_equal(st, STAGE_DATA);
	assert_int_equal(pasted_reason("ofr505.txt", "<kijitora@orange.fr>: "
	    "host smtp-in.orange.fr[192.0.2.5] said: 421 4.2.0 Service "
	    "refuse. Veuillez essayer plus tard. Service refused, please try "
	    "later. OFR005_505 [505] (in reply to end of DATA command)\n",
	    &st), REASON_REMOTE_SERVER_ERROR);
	/* a 4xx that names the receiver's fault stays it, not "expired" */
	assert_int_equal(pasted_reason("local.txt", "<kijitora@example.net>: "
	    "host mx.example.net[192.0.2.1] said: 450 Temporary local problem "
	    "- please try later (in reply to RCPT TO command)\n", &st),
	    REASON_REMOTE_SERVER_ERROR);
	/* a 4xx whose mailbox words say nothing for now: the sender gave up */
	assert_int_equal(pasted_reason("locked.txt", "<kijitora@example.net>: "
	    "host mx.example.net[192.0.2.1] said: 421 Account is locked (in "
	    "reply to RCPT TO command)\n", &st), REASON_EXPIRED);
	/* the receiver out of storage says so, not "expired" */
	assert_int_equal(pasted_reason("full.txt", "<kijitora@example.net>: "
	    "host mx.example.net[192.0.2.1] said: 452 4.3.1 Insufficient "
	    "system storage (in reply to RCPT TO command)\n", &st),
	    REASON_SYSTEM_FULL);
}

/*
 * One failed recipient of a DSN with this Status and Diagnostic-Code: its
 * reason.
 */
static enum reason
dsn_reason(const char *status, const char *diag)
{
	char msg[2048];
	enum stage st;
	int n;

	n = snprintf(msg, sizeof(msg), "From: MAILER-DAEMON@mx.example.org\n"
	    "To: sales@example.cn\nSubject: Undelivered Mail\nMIME-Version: "
	    "1.0\nContent-Type: multipart/report; report-type=delivery-status;"
	    " boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nFailed.\n"
	    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns;"
	    " mx.example.org\n\nFinal-Recipient: rfc822; a@customer.example\n"
	    "Action: failed\nStatus: %s\nRemote-MTA: dns; mx.customer.example\n"
	    "Diagnostic-Code: smtp; %s\n--B--\n", status, diag);
	assert_true(n > 0 && (size_t)n < sizeof(msg));
	return pasted_reason("status.eml", msg, &st);
}

/*
 * A temporary enhanced code the sending server gave up on: the cause its
 * RFC 3463 / IANA entry names, unless words say more (classify.c
 * temp_causes, explain.c bounce_adjust); X.4.1, X.4.7 and the codes that
 * name no cause stay "expired".
 */
static void
test_temporary_cause(void **state)
{
	static const struct {
		const char	*status, *diag;
		enum reason	 reason;
	} cases[] = {
		{ "4.1.6", "450 4.1.6 Destination mailbox has moved",
		    REASON_MAILBOX_MOVED },
		{ "4.4.2", "421 4.4.2 Bad connection", REASON_CONNECTION_FAILED },
		{ "4.7.5", "450 4.7.5 Cryptographic failure",
		    REASON_NOT_AUTHORIZED },
		{ "4.6.0", "450 4.6.0 Media error", REASON_CONTENT_FORMAT },
		{ "4.4.4", "450 4.4.4 Unable to route", REASON_DOMAIN_NO_MAIL },
		/* RFC 3207's reply to STARTTLS names the cause */
		{ "4.7.0", "454 4.7.0 TLS not available due to temporary reason",
		    REASON_STARTTLS_REFUSED },
		/*
		 * a greylisting names its cause (RFC 6647): Zoho's (go-sisimai
		 * rhost/for-zoho.go) and postgrey's own words
		 */
		{ "4.7.1", "451 4.7.1 Greylisted, try again after some time",
		    REASON_GREYLISTED },
		{ "4.2.0", "450 4.2.0 <a@customer.example>: Recipient address "
		    "rejected: Greylisted, see http://postgrey.schweikert.ch/"
		    "help/customer.example.html", REASON_GREYLISTED },
		/* the codes that are the giving up, or name nothing: expired */
		{ "4.4.1", "450 4.4.1 No answer from host", REASON_EXPIRED },
		{ "4.4.7", "450 4.4.7 Delivery time expired", REASON_EXPIRED },
		{ "4.7.0", "450 4.7.0 Try again later", REASON_EXPIRED },
		{ "4.1.1", "450 4.1.1 <a@customer.example>: Recipient address "
		    "rejected: unverified address: Connection timed out",
		    REASON_EXPIRED },
		/*
		 * the sending MTA's own words say more than the code: Amazon
		 * SES's "Message expired" around the last reply (go-sisimai
		 * lhost/via-amazonses.go), whose timeout is its giving up
		 */
		{ "4.4.2", "554 4.4.7 Message expired: unable to deliver in 840 "
		    "minutes.<421 4.4.2 Connection timed out>", REASON_EXPIRED },
		/*
		 * the sender's own X.4.7 (Sendmail's) beside its words: a cause
		 * past the connection attempt decides, a failed attempt is what
		 * it gave up on
		 */
		{ "4.4.7", "Deferred: Name server: mx.customer.example.: host "
		    "name lookup failure", REASON_DNS_FAILURE },
		{ "4.4.7", "Deferred: Connection refused by mx.customer.example.",
		    REASON_EXPIRED },
		{ "4.4.7", "Deferred: Connection reset by mx.customer.example. "
		    "Message could not be delivered for 5 days", REASON_EXPIRED },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(dsn_reason(cases[i].status, cases[i].diag),
		    cases[i].reason);
}

static void
test_not_a_bounce_and_auto_reply(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/plain.eml", tmpdir);
	write_file(path, "From: friend@example.org\nTo: me@example.cn\n"
	    "Subject: lunch?\n\nAre you free at 12?\n");
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_NOT_A_BOUNCE);
	assert_int_equal(r.nrcpts, 0);
	explain_result_free(&r);

	snprintf(path, sizeof(path), "%s/ooo.eml", tmpdir);
	write_file(path, "From: Buyer <buyer@customer.example>\n"
	    "To: me@example.cn\nAuto-Submitted: auto-replied\n"
	    "Subject: Automatic reply: quotation\n\nI am out of the office.\n");
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_AUTO_REPLY);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "buyer@customer.example");
	assert_int_equal(r.rcpts[0].reason, REASON_AUTO_REPLY);
	assert_int_equal(r.rcpts[0].side, SIDE_NOT_A_FAILURE);
	explain_result_free(&r);
}

/*
 * Each of texts[0..n), saved as a file named after stem, reads "not a
 * bounce" and names no recipient.
 */
static void
assert_not_bounces(const char *const *texts, size_t n, const char *stem)
{
	struct explain_result r;
	char path[256];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s%zu.txt", tmpdir, stem, i);
		write_file(path, texts[i]);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_NOT_A_BOUNCE)
			fail_msg("%s %zu is a bounce: %s", stem, i, texts[i]);
		assert_int_equal(r.nrcpts, 0);
		explain_result_free(&r);
	}
}

/*
 * Text that names addresses but says nothing failed - a letter to a
 * customer, the customer list itself (explain given the wrong file) - is
 * not a bounce: no "Blocked: unknown cause" made up for each address.
 * Text that says delivery failed in words, or names a cause the
 * classifier knows, stays a bounce without any reply code.
 */
static void
test_letter_naming_addresses(void **state)
{
	static const char *const letters[] = {
		"Hi Bob,\nplease send the price list to alice@example.com by "
		    "Friday.\nThanks\n",
		"name,email,country\nAlice,alice@example.com,DE\n"
		    "Bob,bob@example.com,FR\n",
		"\xe5\xae\xa2\xe6\x88\xb7,\xe9\x82\xae\xe7\xae\xb1\n"
		    "\xe5\xbc\xa0\xe4\xb8\x89,zhang@example.cn\n",
		"alice@example.com\nbob@example.com\n",
	};
	static const struct { const char *text; enum reason reason; } bounces[] = {
		{ "Your message to alice@example.com could not be delivered.\n",
		    REASON__LAST },
		{ "alice@example.com: user unknown\n", REASON_MAILBOX_UNKNOWN },
		/* 发送失败 (sending failed) */
		{ "alice@example.com \xe5\x8f\x91\xe9\x80\x81\xe5\xa4"
		    "\xb1\xe8\xb4\xa5\n", REASON__LAST },
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	assert_not_bounces(letters, sizeof(letters) / sizeof(letters[0]),
	    "letter");
	for (i = 0; i < sizeof(bounces) / sizeof(bounces[0]); i++) {
		snprintf(path, sizeof(path), "%s/said%zu.txt", tmpdir, i);
		write_file(path, bounces[i].text);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_FAILURE)
			fail_msg("not a bounce: %s", bounces[i].text);
		assert_int_equal(r.nrcpts, 1);
		if (bounces[i].reason != REASON__LAST)
			assert_int_equal(r.rcpts[0].reason, bounces[i].reason);
		explain_result_free(&r);
	}
}

/*
 * The files saved beside bounces in one folder - a README, a spreadsheet
 * export, a script, notes - are longer than a fragment copied from a
 * bounce and hold no bounce's sign (a reply code or enhanced code where a
 * reply stands, a DSN field, a notice's sentence or heading): not
 * bounces, whatever common words ("failed", "unknown", "does not exist",
 * "invalid", 不存在) and addresses they hold.  The same length with a
 * sign stays a bounce, and a fragment of a few lines is still read by its
 * words.
 */
static void
test_folder_files(void **state)
{
	static const char *const files[] = {
		/* README.md */
		"# Bounces 2026\n\nEvery bounce we got this year, one file "
		"each.\n\n## How to use\n\n1. Save the bounce from Outlook.\n"
		"2. If the address does not exist, mark the customer in the "
		"sheet.\n3. Unknown cause: ask Mr Li (li@example.cn).\n"
		"4. Invalid addresses go to the list below.\n",
		/* a .tsv export of the customer sheet */
		"name\temail\tstatus\tnote\n"
		"Alice\talice@example.com\tfailed\tmailbox does not exist\n"
		"Bob\tbob@example.com\tok\t\nCarol\tcarol@example.com\tunknown\t\n"
		"Dan\tdan@example.com\tinvalid\ttypo?\n"
		"Eve\teve@example.com\tok\t\nFay\tfay@example.com\tok\t\n"
		"Gus\tgus@example.com\tblocked\t\n",
		/* a shell script */
		"#!/bin/sh\n# mark the failed addresses\nset -eu\nn=0\n"
		"for f in *.eml; do\n  if grep -q 'user unknown' \"$f\"; then\n"
		"    n=$((n + 1))\n  fi\ndone\n"
		"[ \"$n\" -lt 512 ] || echo \"too many: $n\" >&2\n"
		"echo \"$n failed, see sales@example.cn\"\n",
		/* a python script, with a count after '<' */
		"import csv, sys\n\ndef main():\n    bad = []\n"
		"    for row in csv.reader(open(sys.argv[1])):\n"
		"        if row[2] in ('failed', 'rejected', 'denied'):\n"
		"            bad.append(row[1])\n"
		"    if len(bad) < 550 :\n        print('not found:', bad)\n"
		"    return 0 if bad else 1\n\nmain()\n",
		/* notes, Chinese */
		"\xe4\xbc\x9a\xe8\xae\xae\xe8\xae\xb0\xe5\xbd\x95\n"
		"1. \xe5\xae\xa2\xe6\x88\xb7 zhang@example.cn \xe7\x9a\x84\xe9"
		"\x82\xae\xe7\xae\xb1\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8\n"
		"2. \xe6\x8a\xa5\xe4\xbb\xb7\xe5\x8d\x95\xe6\x9c\x89\xe9\x94"
		"\x99\xe8\xaf\xaf\n3. \xe5\xa4\xb1\xe8\xb4\xa5\xe7\x9a\x84"
		"\xe8\xae\xa2\xe5\x8d\x95\n4. Mr Li\n5. Friday\n6. price\n"
		"7. samples\n",
	};
	static const char *const bounces[] = {
		/* a reply code where a reply stands, in a long paste */
		"Hello,\n\nplease see below.\n\nThanks\nLi\n\nsales\n\n"
		"bob@example.com\n550 5.1.1 <bob@example.com>: Recipient "
		"address rejected: User unknown\n",
		/* a notice's sentence, no code */
		"This is the mail system at host mx.example.cn.\n\n"
		"I'm sorry to have to inform you that your message could not\n"
		"be delivered to one or more recipients.\n\n"
		"For further assistance, please send mail to postmaster.\n\n"
		"If you do so, please include this problem report.\n\n"
		"The mail system\n\nbob@example.com: mailbox unavailable\n",
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	assert_not_bounces(files, sizeof(files) / sizeof(files[0]), "folder");
	for (i = 0; i < sizeof(bounces) / sizeof(bounces[0]); i++) {
		snprintf(path, sizeof(path), "%s/long%zu.txt", tmpdir, i);
		write_file(path, bounces[i]);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_FAILURE)
			fail_msg("not a bounce: %s", bounces[i]);
		assert_int_equal(r.nrcpts, 1);
		assert_string_equal(r.rcpts[0].address, "bob@example.com");
		explain_result_free(&r);
	}
}

/*
 * A fragment (six lines or fewer) needs a bounce's sign too: a note that
 * names an address and says it "does not exist" or 不存在 is no bounce,
 * while the lines a person copies out of Outlook or Foxmail (a reply
 * code, an enhanced code, "550 ..." quoted), a recipient's line in
 * Postfix's or qmail's form ("bob@example.com: user unknown"), an
 * address alone over its reply (Foxmail's copy, Exim's notice: 账号不存在
 * under it) and a client's "Delivery failed:" still are.
 */
static void
test_short_notes(void **state)
{
	static const char *const notes[] = {
		"Monday\nCall Li about the samples\nbob@example.com does not "
		    "exist any more, ask for a new one\nPrice list v3\n"
		    "Fair on Friday\nSamples\n",
		"Customers\nbob@example.com - address does not exist?\n"
		    "alice@example.com ok\n",
		/* 周一 / 客户 zhang@example.cn 的邮箱不存在 / 报价单 / 样品 */
		"\xe5\x91\xa8\xe4\xb8\x80\n\xe5\xae\xa2\xe6\x88\xb7 "
		    "zhang@example.cn \xe7\x9a\x84\xe9\x82\xae\xe7\xae\xb1"
		    "\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8\n\xe6\x8a\xa5"
		    "\xe4\xbb\xb7\xe5\x8d\x95\n\xe6\xa0\xb7\xe5\x93\x81\n",
	};
	static const char *const copies[] = {
		/* Outlook zh-CN: 无法访问以下收件人 / 远程服务器返回'550 ...' */
		"\xe6\x97\xa0\xe6\xb3\x95\xe8\xae\xbf\xe9\x97\xae\xe4"
		    "\xbb\xa5\xe4\xb8\x8b\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba"
		    "\xba\xef\xbc\x9a\nbob@example.com\n\xe8\xbf\x9c\xe7\xa8"
		    "\x8b\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8\xe8\xbf\x94"
		    "\xe5\x9b\x9e'550 5.1.1 User unknown'\n",
		/* Foxmail: the address, then the reply */
		"bob@example.com\n550 Mailbox not found.\n",
		/* the enhanced code alone, where a reply stands */
		"bob@example.com\n5.1.1 The email account that you tried to "
		    "reach does not exist\n",
		"bob@example.com: user unknown\n",
		"<bob@example.com>:\nSorry, no mailbox here by that name. "
		    "(#5.1.1)\n",
		"Delivery failed: bob@example.com does not exist\n",
		/* an address alone over a reply's words (Foxmail, Exim) */
		"bob@example.com\r\n\xe8\xb4\xa6\xe5\x8f\xb7\xe4\xb8\x8d"
		    "\xe5\xad\x98\xe5\x9c\xa8\r\n",
		"  bob@example.com\n    unknown user\n",
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	assert_not_bounces(notes, sizeof(notes) / sizeof(notes[0]), "note");
	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		snprintf(path, sizeof(path), "%s/copy%zu.txt", tmpdir, i);
		write_file(path, copies[i]);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_FAILURE || r.nrcpts != 1)
			fail_msg("copy %zu not read: %s", i, copies[i]);
		assert_string_equal(r.rcpts[0].address, "bob@example.com");
		assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
		explain_result_free(&r);
	}
}

/*
 * An enhanced status code pasted without its reply code is a server's
 * reply where one stands: opening a line (past a quote's "> "), or after
 * the label a client or MTA sets before a reply (Exchange's "Remote Server
 * returned '", "Diagnostic-Code: smtp;", "Delivery failed:"), of class 4
 * or 5 and followed by words.  The same digits in a sentence, alone, or
 * of class 2 are no refusal.
 */
static void
test_enhanced_alone(void **state)
{
	static const struct { const char *text; enum reason reason; } said[] = {
		{ "5.4.14 Hop count exceeded - possible mail loop\n",
		    REASON_MAIL_LOOP },
		{ "5.1.1 The email account that you tried to reach does not "
		    "exist\n", REASON_MAILBOX_UNKNOWN },
		{ "Remote Server returned '5.2.2 mailbox full'\n",
		    REASON_MAILBOX_FULL },
		{ "Diagnostic-Code: smtp; 5.1.1 user unknown\n",
		    REASON_MAILBOX_UNKNOWN },
		{ "Delivery failed: 5.1.1 no such user\n",
		    REASON_MAILBOX_UNKNOWN },
		{ "> 5.1.1 <bob@example.com>... User unknown\n",
		    REASON_MAILBOX_UNKNOWN },
	};
	static const char *const prose[] = {
		"Section 5.7.1 says no spam\n",
		"see RFC 3463 section 5.1.1\n",
		"5.1.1\n",
		"Version 5.1.1 is out\n",
		"2.0.0 Ok, queued\n",
		"The 5.7.1 code\nmeans\n",
		/* a contract's numbered clauses, with and without an address */
		"5.1.1 Payment is due within 30 days\n5.1.2 Delivery by sea\n",
		"Dear Bob,\n\n5.1.1 Payment is due within 30 days to "
		"sales@example.com.\n4.2.1 Returns are accepted.\n",
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(said) / sizeof(said[0]); i++) {
		snprintf(path, sizeof(path), "%s/enh%zu.txt", tmpdir, i);
		write_file(path, said[i].text);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_FAILURE || r.nrcpts != 1)
			fail_msg("not read: %s", said[i].text);
		assert_int_equal(r.rcpts[0].reason, said[i].reason);
		assert_int_equal(r.rcpts[0].code, 0);
		/* the reply, without the label set before it */
		if (strncmp(said[i].text, "Remote", 6) == 0)
			assert_string_equal(r.rcpts[0].text, "5.2.2 mailbox full");
		explain_result_free(&r);
	}
	assert_not_bounces(prose, sizeof(prose) / sizeof(prose[0]), "prose");
}

/* What explain prints for pasted text, in l; owned. */
static char *
printed(const char *name, const char *text, enum lang l)
{
	struct explain_result r;
	char path[256], *buf = NULL;
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	write_file(path, text);
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_non_null(f = open_memstream(&buf, &len));
	explain_print(f, &r, path, 1, l);
	fclose(f);
	explain_result_free(&r);
	return buf;
}

/*
 * Text pasted on standard input ("-") is headed "(standard input)" in en
 * and zh, not by a bare "-"; a file by its path.
 */
static void
test_stdin_heading(void **state)
{
	struct explain_result r;
	char path[256], *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/stdin.txt", tmpdir);
	write_file(path, "550 5.1.1 <a@x.test>: User unknown\n");
	explainfile(path, &r);
	assert_non_null(f = open_memstream(&buf, &len));
	explain_print(f, &r, "-", 1, LANG_EN);
	explain_print(f, &r, "-", 1, LANG_ZH);
	explain_print(f, &r, path, 1, LANG_EN);
	fclose(f);
	explain_result_free(&r);
	assert_true(strncmp(buf, "(standard input)\n", 17) == 0);
	assert_non_null(strstr(buf, "\n\xef\xbc\x88\xe6\xa0\x87\xe5\x87\x86"
	    "\xe8\xbe\x93\xe5\x85\xa5\xef\xbc\x89\n"));
	assert_null(strstr(buf, "\n-\n"));
	assert_non_null(strstr(buf, path));
	free(buf);
}

/*
 * A notice's own words read without any reply code (QQ Mail's "退信原因 /
 * 收件人空间不足", "the recipient's mailbox is full") are labelled as the
 * notice's, en and zh: no server said them.  A reply with a code, or an
 * enhanced code alone, is still what the server said.
 */
static void
test_notice_words_label(void **state)
{
	char *out;

	(void)state;
	out = printed("nw1.txt", "\xe9\x80\x80\xe4\xbf\xa1\xe5\x8e\x9f\xe5"
	    "\x9b\xa0\n\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba\xe7\xa9\xba\xe9"
	    "\x97\xb4\xe4\xb8\x8d\xe8\xb6\xb3\n", LANG_EN);
	assert_non_null(strstr(out, "    Notice says    \""));
	assert_null(strstr(out, "Server said"));
	free(out);
	out = printed("nw2.txt", "Delivery failed: the recipient's mailbox is "
	    "full\n", LANG_ZH);
	assert_non_null(strstr(out, "\xe9\x80\x9a\xe7\x9f\xa5\xe5\x8e\x9f"
	    "\xe6\x96\x87"));	/* 通知原文 */
	assert_null(strstr(out, "\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8"
	    "\xe5\x8e\x9f\xe6\x96\x87"));	/* 服务器原文 */
	free(out);
	out = printed("nw3.txt", "550 5.2.2 mailbox full\n", LANG_EN);
	assert_non_null(strstr(out, "    Server said    \"550 5.2.2"));
	free(out);
	out = printed("nw4.txt", "5.2.2 mailbox full\n", LANG_EN);
	assert_non_null(strstr(out, "    Server said    \"5.2.2"));
	free(out);
}

/*
 * QQ Mail's bare "Mailbox unavailable or access denied" is no "does not
 * exist", even under a relay's 5.1.1: policy_other, explained as QQ uses
 * it (an unknown address, a recipient sent too much mail in a short
 * time, another refusal), en and zh; other policy refusals keep the
 * reason's own words.
 */
static void
test_qq_unavailable(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("qq1.txt", "bob@qq.com: 550 5.1.1 "
	    "Mailbox unavailable or access denied [MJa1==]\n", &st),
	    REASON_POLICY_OTHER);
	out = printed("qq2.txt", "bob@qq.com: 550 5.1.1 Mailbox unavailable or "
	    "access denied [MJa1==]\n", LANG_EN);
	assert_non_null(strstr(out, "QQ Mail gives this same answer"));
	assert_non_null(strstr(out, "Check the address with the customer;"));
	free(out);
	out = printed("qq3.txt", "bob@qq.com: 550 Mailbox unavailable or access "
	    "denied\n", LANG_ZH);
	assert_non_null(strstr(out, "QQ \xe9\x82\xae\xe7\xae\xb1"));	/* QQ 邮箱 */
	free(out);
	assert_string_equal(classify_wording(REASON_POLICY_OTHER, "550 Mailbox "
	    "unavailable or access denied", 40), "qq_unavailable");
	assert_null(classify_wording(REASON_POLICY_OTHER, "550 5.7.1 Access "
	    "denied", 23));
	assert_null(classify_wording(REASON_MAILBOX_UNKNOWN, "550 Mailbox "
	    "unavailable or access denied", 40));
}

/*
 * The bounce that read "not authorized" (a bare 5.7.1's words) for an
 * attachment refused for its type: the dangerous attachment, the message
 * content's side, and how to send the file instead, en and zh; no scan
 * of the computer, as no virus was named; nor where only the filter's
 * name holds "virus" ("rejected by antivirus policy", "virus scanner").
 * One that names a virus (amavisd-new's "- INFECTED: <virus>"), also
 * after the filter's name, says to scan first.
 */
#define ATTACHMENT_BOUNCE(text) "From: MAILER-DAEMON@mx.example.com\n" \
	"To: sales@ours.cn\nSubject: Undeliverable\n\n" \
	"Your message to bob@example.com could not be delivered.\n\n" \
	text "\n"
#define VIRUS_TEXT	"550 Trojan.Agent found"
#define TYPE_TEXT	"550 5.7.1 Attachment invoice.exe not allowed"

static void
test_attachment_refused(void **state)
{
	static const char *const by_type[] = {
		"550 5.7.1 Attachment invoice.exe not allowed",
		"550 5.7.1 Bad attachment filename (invoice.exe)",
		"552 5.7.0 Our system detected an illegal attachment on your "
		    "message",
		/* a filter's name holds "virus" and names none found */
		"550 5.7.1 Message rejected by antivirus policy",
		"554 5.7.1 Rejected by Antivirus: attachment not allowed",
		"550 5.7.0 Message refused by Anti-Virus filter",
		"554 5.7.1 Message refused by virus scanner",
	};
	/* a filter's name and the virus its finding names */
	static const char *const named[] = {
		"554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature",
		"554 5.7.1 clamav: virus found: \"Eicar-Test-Signature\"",
		"554 5.7.1 Rejected by antivirus: virus found (Eicar)",
		"550 5.7.1 Virus scanner: Trojan.Agent found",
	};
	enum stage st;
	char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (classify_wording(REASON_VIRUS_DETECTED, named[i],
		    strlen(named[i])) == NULL)
			fail_msg("no virus named: %s", named[i]);
	for (i = 0; i < sizeof(by_type) / sizeof(by_type[0]); i++) {
		char buf[512];

		(void)snprintf(buf, sizeof(buf), ATTACHMENT_BOUNCE("%s"),
		    by_type[i]);
		assert_int_equal(pasted_reason("att1.txt", buf, &st),
		    REASON_VIRUS_DETECTED);
		out = printed("att2.txt", buf, LANG_EN);
		assert_non_null(strstr(out,
		    "Blocked: Virus or dangerous attachment"));
		assert_non_null(strstr(out, "Whose side     the message content"));
		assert_non_null(strstr(out, "Send the file another way"));
		assert_non_null(strstr(out, "download link"));
		assert_non_null(strstr(out, "in a zip if"));
		assert_null(strstr(out, "not authorized"));
		assert_null(strstr(out, "Scan your computer"));
		free(out);
		out = printed("att3.txt", buf, LANG_ZH);
		/* 危险附件 */
		assert_non_null(strstr(out, "\xe5\x8d\xb1\xe9\x99\xa9\xe9"
		    "\x99\x84\xe4\xbb\xb6"));
		/* 换一种方式发送这个文件 */
		assert_non_null(strstr(out, "\xe6\x8d\xa2\xe4\xb8\x80\xe7"
		    "\xa7\x8d\xe6\x96\xb9\xe5\xbc\x8f\xe5\x8f\x91\xe9"
		    "\x80\x81\xe8\xbf\x99\xe4\xb8\xaa\xe6\x96\x87\xe4"
		    "\xbb\xb6"));
		/* 无权 (not authorized), 查杀 (scan) */
		assert_null(strstr(out, "\xe6\x97\xa0\xe6\x9d\x83"));
		assert_null(strstr(out, "\xe6\x9f\xa5\xe6\x9d\x80"));
		free(out);
	}
	out = printed("att4.txt", ATTACHMENT_BOUNCE("554 5.7.0 Reject, "
	    "id=12345-01 - INFECTED: Eicar-Test-Signature"), LANG_EN);
	assert_non_null(strstr(out, "found a virus in your message"));
	assert_non_null(strstr(out, "Scan your computer for viruses"));
	free(out);
	out = printed("att5.txt", ATTACHMENT_BOUNCE("554 5.7.0 Reject, "
	    "id=12345-01 - INFECTED: Eicar-Test-Signature"), LANG_ZH);
	/* 查杀电脑病毒 */
	assert_non_null(strstr(out, "\xe6\x9f\xa5\xe6\x9d\x80\xe7\x94"
	    "\xb5\xe8\x84\x91\xe7\x97\x85\xe6\xaf\x92"));
	free(out);
	assert_string_equal(classify_wording(REASON_VIRUS_DETECTED,
	    VIRUS_TEXT, strlen(VIRUS_TEXT)), "virus_named");
	assert_null(classify_wording(REASON_VIRUS_DETECTED, TYPE_TEXT,
	    strlen(TYPE_TEXT)));
}

/*
 * A filter's refusal that names a virus only by its signature, in the form
 * ClamAV documents for its names (docs.clamav.net, "Official Signature
 * Naming Guidelines": Platform.Category.Name-ID-Rev, and the EICAR test
 * names), after the filter's own name, names a virus: the advice is to
 * scan, en and zh.  A name of another category (Heuristics.Encrypted.Zip)
 * or plain words after the filter's name stay the attachment's advice.
 */
static void
test_virus_signature_named(void **state)
{
	static const char *const named[] = {
		"554 5.7.1 rejected by antivirus: Eicar-Test-Signature",
		"554 5.7.1 Rejected by Anti-Virus: Eicar-Signature.",
		"550 5.7.0 Virus scanner: Win.Test.EICAR_HDB-1",
		"554 Rejected by antivirus: \"Doc.Downloader.Emotet-6958297-0\"",
		"550 Message refused, virus scanner said: Xls.Dropper.Agent-1",
		"554 5.7.1 virus check: Win.Ransomware.Locky-1-0 (blocked)",
	};
	static const char *const unnamed[] = {
		"554 5.7.1 rejected by antivirus: Heuristics.Encrypted.Zip",
		"554 5.7.1 Rejected by Antivirus: attachment not allowed",
		"550 5.7.1 Message rejected by antivirus policy",
		"550 antivirus: Win.File.Executable-1 not allowed",
		"550 rejected by antivirus: example.test.org",
	};
	char *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (classify_wording(REASON_VIRUS_DETECTED, named[i],
		    strlen(named[i])) == NULL)
			fail_msg("no virus named: %s", named[i]);
	for (i = 0; i < sizeof(unnamed) / sizeof(unnamed[0]); i++)
		if (classify_wording(REASON_VIRUS_DETECTED, unnamed[i],
		    strlen(unnamed[i])) != NULL)
			fail_msg("a virus named: %s", unnamed[i]);
	out = printed("sig1.txt", ATTACHMENT_BOUNCE("554 5.7.1 rejected by "
	    "antivirus: Eicar-Test-Signature"), LANG_EN);
	assert_non_null(strstr(out, "found a virus in your message"));
	assert_non_null(strstr(out, "Scan your computer for viruses"));
	assert_null(strstr(out, "Send the file another way"));
	free(out);
	out = printed("sig2.txt", ATTACHMENT_BOUNCE("554 5.7.1 rejected by "
	    "antivirus: Eicar-Test-Signature"), LANG_ZH);
	/* 查杀电脑病毒 */
	assert_non_null(strstr(out, "\xe6\x9f\xa5\xe6\x9d\x80\xe7\x94"
	    "\xb5\xe8\x84\x91\xe7\x97\x85\xe6\xaf\x92"));
	free(out);
}

/*
 * Mimecast's "554 Host network not allowed" is the recipient
 * organisation's Geographical Restriction policy (Mimecast's SMTP error
 * codes page): the words say the network the mail came from is blocked
 * and only the customer's Mimecast administrator can allow it, en and zh,
 * not "a policy reason it did not explain"; another policy refusal keeps
 * its own words.
 */
#define GEO_TEXT	"<kijitora@example.net>: host " \
	"eu-smtp-inbound-1.mimecast.com[192.0.2.6] said: 554 Host network " \
	"not allowed - https://community.mimecast.com/docs/DOC-1369#554 " \
	"(in reply to RCPT TO command)\n"

static void
test_geo_block(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("geo1.txt", GEO_TEXT, &st),
	    REASON_POLICY_OTHER);
	out = printed("geo2.txt", GEO_TEXT, LANG_EN);
	assert_non_null(strstr(out, "filter (Mimecast) refused mail"));
	assert_non_null(strstr(out, "Geographical"));
	assert_non_null(strstr(out, "Only the customer's side can"));
	assert_null(strstr(out, "did not explain"));
	free(out);
	out = printed("geo3.txt", GEO_TEXT, LANG_ZH);
	/* 地理位置限制策略 */
	assert_non_null(strstr(out, "\xe5\x9c\xb0\xe7\x90\x86\xe4\xbd\x8d"
	    "\xe7\xbd\xae\xe9\x99\x90\xe5\x88\xb6"));
	free(out);
	assert_string_equal(classify_wording(REASON_POLICY_OTHER,
	    "554 Host network, not allowed", 29), "geo_block");
	assert_null(classify_wording(REASON_POLICY_OTHER,
	    "554 5.7.1 Rejected for policy reasons", 37));
}

/*
 * A customer's forward that quotes our message in its text ("Fwd:" over
 * Gmail's "---------- Forwarded message ---------"; "转发：" over NetEase
 * Mail's mark) holds the forward's headers, not our message's: not read
 * as our delivered message (its path, "mxtrace sender" for the customer's
 * domain), but a note that says to ask for the message as an attachment or
 * for its headers.  A forward that attaches it, a reply that quotes it
 * and a message with no mark are read by their headers as before.
 */
#define FWD_HEAD(subject) "From: Buyer <buyer@customer.example>\n" \
	"To: sales@ours.example\nSubject: " subject "\n" \
	"Date: Mon, 30 Nov 2026 12:00:00 +0000\n" \
	"Received: from mail-sor-f41.google.com ([209.85.220.41])\n" \
	"\tby mx.ours.example with ESMTPS; Mon, 30 Nov 2026 12:00:01 +0000\n\n" \
	"It was in my spam folder.\n\n"
#define FWD_GMAIL	"---------- Forwarded message ---------\n" \
	"From: Sales <sales@ours.example>\nSubject: Catalogue\n\nHello.\n"

static void
test_inline_forward(void **state)
{
	static const char *const forwards[] = {
		FWD_HEAD("Fwd: Catalogue") FWD_GMAIL,
		FWD_HEAD("FW: Catalogue") "> -----Original Message-----\n"
		    "> From: Sales\n",
		/* 转发：产品目录 over 转发邮件信息 */
		FWD_HEAD("=?UTF-8?B?6L2s5Y+R77ya5Lqn5ZOB55uu5b2V?=")
		    "-------- \xe8\xbd\xac\xe5\x8f\x91\xe9\x82\xae\xe4\xbb"
		    "\xb6\xe4\xbf\xa1\xe6\x81\xaf --------\n",
	};
	static const char *const delivered[] = {
		FWD_HEAD("Re: Catalogue") FWD_GMAIL,
		FWD_HEAD("Fwd: Catalogue") "See the file.\n",
		FWD_HEAD("Catalogue") "Hello.\n",
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(forwards) / sizeof(forwards[0]); i++) {
		snprintf(path, sizeof(path), "%s/fwd%zu.eml", tmpdir, i);
		write_file(path, forwards[i]);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_NOT_A_BOUNCE || r.notes.n != 1)
			fail_msg("not an inline forward: %zu", i);
		assert_non_null(strstr(r.notes.v[0], "Forward as attachment"));
		assert_non_null(strstr(r.notes.v[0], "--headers-only"));
		explain_result_free(&r);
	}
	for (i = 0; i < sizeof(delivered) / sizeof(delivered[0]); i++) {
		snprintf(path, sizeof(path), "%s/dlv%zu.eml", tmpdir, i);
		write_file(path, delivered[i]);
		explainfile(path, &r);
		if (r.kind != EXPLAIN_DELIVERED_MESSAGE || r.notes.n != 0)
			fail_msg("not read as delivered: %zu", i);
		explain_result_free(&r);
	}
}

/*
 * Gmail's notice that a message sent with its "Send mail as" could not go
 * out through that address's own SMTP server (go-sisimai's
 * lhost-googleworkspace-01, Google's CustomFromDenied help) is the
 * sender's own setting in Gmail, not "the recipient's server refused
 * your sender address": the words say so, en and zh; the reason stays
 * sender_rejected (Sisimai: rejected).
 */
static void
test_send_mail_as(void **state)
{
	static const char path[] =
	    "test/explain/sisimai/lhost-googleworkspace-01.eml";
	struct explain_result r;
	char *buf;
	size_t len, k;
	FILE *f;
	enum lang langs[] = { LANG_EN, LANG_ZH };

	(void)state;
	for (k = 0; k < 2; k++) {
		explainfile(path, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_int_equal(r.rcpts[0].reason, REASON_SENDER_REJECTED);
		buf = NULL;
		assert_non_null(f = open_memstream(&buf, &len));
		explain_print(f, &r, path, 1, langs[k]);
		fclose(f);
		if (k == 0) {
			assert_non_null(strstr(buf, "Gmail did not send your"));
			assert_non_null(strstr(buf, "The recipient's server was"));
			assert_null(strstr(buf, "refused your sender address"));
		} else
			/* 用这个地址发送邮件 */
			assert_non_null(strstr(buf, "\xe7\x94\xa8\xe8\xbf\x99"
			    "\xe4\xb8\xaa\xe5\x9c\xb0\xe5\x9d\x80\xe5\x8f"
			    "\x91\xe9\x80\x81\xe9\x82\xae\xe4\xbb\xb6"));
		free(buf);
		explain_result_free(&r);
	}
	assert_null(classify_wording(REASON_SENDER_REJECTED,
	    "550 5.7.1 Sender address rejected", 34));
}

/*
 * Exchange Online's "550 5.7.606 Access denied, banned sending IP [IP]. To
 * request removal from this list please visit https://sender.office.com/"
 * names Microsoft's own list: the advice gives its delist portal, en and
 * zh, and says mxtrace sender cannot see that list (it asks public DNS
 * blocklists), though it is worth running for what others check.  A
 * public list keeps "Run mxtrace sender ... to check".  Outlook.com's
 * S3140 names its own list too, with the delist form Microsoft documents.
 * A probe refused so (its explanation, blocked or temporary) says the
 * same, not "To check your company's mail server ...: mxtrace sender".
 */
static void
test_microsoft_delist(void **state)
{
	static const enum verdict vs[] = { VERDICT_BLOCKED,
	    VERDICT_TEMPORARY };
	char *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		a = catalog_explain(LANG_EN, vs[i], REASON_IP_BLOCKLISTED,
		    "Microsoft");
		assert_non_null(strstr(a, "Microsoft's own list"));
		assert_non_null(strstr(a, "(https://sender.office.com)"));
		assert_non_null(strstr(a, "it cannot see Microsoft's list"));
		assert_non_null(strstr(a, "this check ran from"));
		assert_null(strstr(a, "server and its neighbours: mxtrace"));
		free(a);
		a = catalog_explain(LANG_ZH, vs[i], REASON_IP_BLOCKLISTED,
		    "Microsoft");
		assert_non_null(strstr(a, "https://sender.office.com"));
		/* 看不到 Microsoft */
		assert_non_null(strstr(a, "\xe7\x9c\x8b\xe4\xb8\x8d\xe5"
		    "\x88\xb0 Microsoft"));
		/* 检查贵公司邮件服务器及其邻居 IP：mxtrace sender */
		assert_null(strstr(a, "IP\xef\xbc\x9amxtrace sender"));
		free(a);
		a = catalog_explain(LANG_EN, vs[i], REASON_IP_BLOCKLISTED,
		    "zen.spamhaus.org");
		assert_non_null(strstr(a, "server and its neighbours: mxtrace "
		    "sender YOUR-DOMAIN"));
		assert_null(strstr(a, "cannot see"));
		free(a);
	}
	a = catalog_action(LANG_EN, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, "Microsoft", "ours.example");
	assert_non_null(strstr(a, "Microsoft's own list"));
	assert_non_null(strstr(a, "(https://sender.office.com)"));
	assert_non_null(strstr(a, "it cannot see Microsoft's list"));
	assert_null(strstr(a, "to check,"));
	free(a);
	a = catalog_action(LANG_ZH, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, "Microsoft", "ours.example");
	assert_non_null(strstr(a, "https://sender.office.com"));
	assert_non_null(strstr(a, "\xe7\x9c\x8b\xe4\xb8\x8d\xe5\x88\xb0"
	    " Microsoft"));		/* 看不到 Microsoft */
	free(a);
	a = catalog_action(LANG_EN, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, "Outlook.com", "ours.example");
	assert_non_null(strstr(a, "Outlook.com's own list"));
	/* Microsoft's documented form, not a hosting provider's link */
	assert_non_null(strstr(a, "(https://support.microsoft.com/"
	    "supportrequestform/8ad563e3-288e-2a61-8122-3ba03d6b8d75)"));
	assert_null(strstr(a, "LinkID=614866"));
	free(a);
	a = catalog_action(LANG_EN, AUDIENCE_BOUNCE, VERDICT_BLOCKED,
	    REASON_IP_BLOCKLISTED, "zen.spamhaus.org", "ours.example");
	assert_non_null(strstr(a, "Run mxtrace sender ours.example to check"));
	assert_null(strstr(a, "cannot see"));
	free(a);
}

/*
 * A bare "550 5.7.1" with words that name no cause reads not_authorized
 * (RFC 3463 X.7.1 "Delivery not authorized, message refused") and says
 * only what the code says: the recipient's server refused the sender by
 * a rule of its own, for the sender or for this recipient; not that the
 * address takes mail only from certain senders, en and zh.
 */
static void
test_bare_571(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("b571a.txt", ATTACHMENT_BOUNCE("550 "
	    "5.7.1 Message refused"), &st), REASON_NOT_AUTHORIZED);
	out = printed("b571b.txt", ATTACHMENT_BOUNCE("550 5.7.1 Message "
	    "refused"), LANG_EN);
	assert_non_null(strstr(out, "refused your message by a rule"));
	assert_non_null(strstr(out, "you are not authorized to send"));
	assert_null(strstr(out, "it accepts mail only from certain senders"));
	free(out);
	out = printed("b571c.txt", ATTACHMENT_BOUNCE("550 5.7.1 Message "
	    "refused"), LANG_ZH);
	/* 按它自己的规则 */
	assert_non_null(strstr(out, "\xe6\x8c\x89\xe5\xae\x83\xe8\x87\xaa"
	    "\xe5\xb7\xb1\xe7\x9a\x84\xe8\xa7\x84\xe5\x88\x99"));
	/* 它只接收特定发件人的邮件 */
	assert_null(strstr(out, "\xe5\xae\x83\xe5\x8f\xaa\xe6\x8e\xa5"
	    "\xe6\x94\xb6\xe7\x89\xb9\xe5\xae\x9a"));
	free(out);
}

/*
 * NetEase's "554 MI:STC 发件人当天内累计邮件数量超过限制" (the sender
 * address's mail today over its limit) reads rate_limited, our side, and
 * says so: send again tomorrow, fewer a day from the address; not the
 * server's reputation, en and zh.
 */
#define MI_STC	"554 MI:STC \xe5\x8f\x91\xe4\xbb\xb6\xe4\xba\xba\xe5" \
	"\xbd\x93\xe5\xa4\xa9\xe5\x86\x85\xe7\xb4\xaf\xe8\xae\xa1\xe9" \
	"\x82\xae\xe4\xbb\xb6\xe6\x95\xb0\xe9\x87\x8f\xe8\xb6\x85\xe8" \
	"\xbf\x87\xe9\x99\x90\xe5\x88\xb6"

static void
test_sender_day_limit(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("stc1.txt", ATTACHMENT_BOUNCE(MI_STC),
	    &st), REASON_RATE_LIMITED);
	out = printed("stc2.txt", ATTACHMENT_BOUNCE(MI_STC), LANG_EN);
	assert_non_null(strstr(out, "Whose side     your side"));
	assert_non_null(strstr(out, "NetEase limits how much mail one sender"));
	assert_non_null(strstr(out, "send this message again tomorrow"));
	assert_null(strstr(out, "because of its reputation"));
	free(out);
	out = printed("stc3.txt", ATTACHMENT_BOUNCE(MI_STC), LANG_ZH);
	/* 明天再重发这封邮件 */
	assert_non_null(strstr(out, "\xe6\x98\x8e\xe5\xa4\xa9\xe5\x86\x8d"
	    "\xe9\x87\x8d\xe5\x8f\x91"));
	free(out);
	assert_string_equal(classify_wording(REASON_RATE_LIMITED, "550 RP:TRC",
	    10), "sender_day_limit");
	assert_null(classify_wording(REASON_RATE_LIMITED, "550 Rate limited",
	    16));
}

/*
 * NetEase's "451 MI:SFQ 发信人在15分钟内的发信数量超过限制" (the sender
 * address's messages in 15 minutes) and RP:QRC (its recipients in a short
 * time) read rate_limited, our side, and say so: wait a quarter of an
 * hour, send more slowly from the address; not tomorrow, not the
 * server's reputation, en and zh.
 */
#define MI_SFQ	"451 MI:SFQ \xe5\x8f\x91\xe4\xbf\xa1\xe4\xba\xba\xe5" \
	"\x9c\xa8""15\xe5\x88\x86\xe9\x92\x9f\xe5\x86\x85\xe7\x9a\x84" \
	"\xe5\x8f\x91\xe4\xbf\xa1\xe6\x95\xb0\xe9\x87\x8f\xe8\xb6" \
	"\x85\xe8\xbf\x87\xe9\x99\x90\xe5\x88\xb6"

static void
test_sender_short_limit(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("sfq1.txt", ATTACHMENT_BOUNCE(MI_SFQ),
	    &st), REASON_RATE_LIMITED);
	out = printed("sfq2.txt", ATTACHMENT_BOUNCE(MI_SFQ), LANG_EN);
	assert_non_null(strstr(out, "Whose side     your side"));
	assert_non_null(strstr(out, "NetEase takes no more mail from it for "
	    "a while"));
	assert_non_null(strstr(out, "wait a quarter of an hour or more"));
	assert_null(strstr(out, "tomorrow"));
	assert_null(strstr(out, "because of its reputation"));
	free(out);
	out = printed("sfq3.txt", ATTACHMENT_BOUNCE(MI_SFQ), LANG_ZH);
	/* 等一刻钟以上再重发这封邮件 */
	assert_non_null(strstr(out, "\xe7\xad\x89\xe4\xb8\x80\xe5\x88\xbb"
	    "\xe9\x92\x9f\xe4\xbb\xa5\xe4\xb8\x8a\xe5\x86\x8d\xe9\x87\x8d"
	    "\xe5\x8f\x91"));
	/* 明天 */
	assert_null(strstr(out, "\xe6\x98\x8e\xe5\xa4\xa9"));
	free(out);
	assert_string_equal(classify_wording(REASON_RATE_LIMITED, "451 RP:QRC",
	    10), "sender_short_limit");
}

/*
 * Tencent's "550 Ip frequency limited" and "Domain frequency limited" are
 * a limit on the mail sent a minute, an hour and a day (Exmail's own
 * text), not connections open at once: the words say so, en and zh; the
 * reason stays too_many_connections, and "Connection frequency limited"
 * keeps the connections' words.
 */
#define QQ_IP_FREQ	"550 Ip frequency limited. http://service.mail.qq.com/" \
	"cgi-bin/help?subtype=1&&id=20022&&no=1000725"

static void
test_tencent_rate_limit(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	assert_int_equal(pasted_reason("qqf1.txt", ATTACHMENT_BOUNCE(QQ_IP_FREQ),
	    &st), REASON_TOO_MANY_CONNECTIONS);
	out = printed("qqf2.txt", ATTACHMENT_BOUNCE(QQ_IP_FREQ), LANG_EN);
	assert_non_null(strstr(out, "takes no more of it for some minutes"));
	assert_non_null(strstr(out, "pause the mail to Tencent addresses"));
	assert_null(strstr(out, "too many connections at once"));
	free(out);
	out = printed("qqf3.txt", ATTACHMENT_BOUNCE(QQ_IP_FREQ), LANG_ZH);
	/* 先暂停发往腾讯邮箱的邮件 */
	assert_non_null(strstr(out, "\xe5\x85\x88\xe6\x9a\x82\xe5\x81\x9c"
	    "\xe5\x8f\x91\xe5\xbe\x80\xe8\x85\xbe\xe8\xae\xaf\xe9\x82"
	    "\xae\xe7\xae\xb1\xe7\x9a\x84\xe9\x82\xae\xe4\xbb\xb6"));
	free(out);
	assert_string_equal(classify_wording(REASON_TOO_MANY_CONNECTIONS,
	    "550 Domain frequency limited", 28), "tencent_rate_limit");
	assert_null(classify_wording(REASON_TOO_MANY_CONNECTIONS,
	    "550 Connection frequency limited", 32));
	assert_null(classify_wording(REASON_TOO_MANY_CONNECTIONS,
	    "421 Too many concurrent SMTP connections", 40));
}

/*
 * NetEase's "421 HL:REP 该IP发送行为异常，存在接收者大量不存在情况" (the
 * sending IP's mail went to many addresses that do not exist, "核对发送
 * 列表有效性") says to take those addresses off the lists, en and zh,
 * not only to send less and check the server's reputation.
 */
#define HL_REP	"421 HL:REP \xe8\xaf\xa5IP\xe5\x8f\x91\xe9\x80\x81\xe8" \
	"\xa1\x8c\xe4\xb8\xba\xe5\xbc\x82\xe5\xb8\xb8"

static void
test_ip_unknown_recipients(void **state)
{
	char *out;

	(void)state;
	out = printed("rep1.txt", ATTACHMENT_BOUNCE(HL_REP), LANG_EN);
	assert_non_null(strstr(out, "Whose side     your side"));
	assert_non_null(strstr(out, "NetEase stopped taking mail from your"));
	assert_non_null(strstr(out, "mxtrace verify"));
	free(out);
	out = printed("rep2.txt", ATTACHMENT_BOUNCE(HL_REP), LANG_ZH);
	/* 从名单中删掉 */
	assert_non_null(strstr(out, "\xe4\xbb\x8e\xe5\x90\x8d\xe5\x8d\x95"
	    "\xe4\xb8\xad\xe5\x88\xa0\xe6\x8e\x89"));
	free(out);
	assert_null(classify_wording(REASON_REPUTATION_OR_RATE,
	    "421 HL:IFC", 10));
}

/*
 * A German refusal reads as the English words would: "Empfänger
 * unbekannt" under 5.1.1 the mailbox that does not exist (en, zh); under
 * 5.7.1 the recipient's filter, as "550 5.7.1 ... Recipient unknown" does
 * (unknown_as_cover), no more "not authorized".
 */
#define GERMAN_BOUNCE(code) "From: MAILER-DAEMON@mx.example.com\n" \
	"To: sales@ours.cn\nSubject: Undeliverable\n\n" \
	"Your message to bob@example.com could not be delivered.\n\n" \
	"550 " code " Nachricht abgelehnt: Empf\xc3\xa4nger unbekannt\n"

static void
test_german_refusal(void **state)
{
	enum stage st;
	char *out;

	(void)state;
	out = printed("de1.txt", GERMAN_BOUNCE("5.1.1"), LANG_EN);
	assert_non_null(strstr(out, "Undeliverable: Mailbox does not exist"));
	assert_non_null(strstr(out, "Whose side     the recipient's address"));
	free(out);
	out = printed("de2.txt", GERMAN_BOUNCE("5.1.1"), LANG_ZH);
	/* 邮箱不存在 */
	assert_non_null(strstr(out, "\xe9\x82\xae\xe7\xae\xb1\xe4\xb8\x8d"
	    "\xe5\xad\x98\xe5\x9c\xa8"));
	free(out);
	assert_int_equal(pasted_reason("de3.txt", GERMAN_BOUNCE("5.7.1"), &st),
	    REASON_RECIPIENT_FILTER);
}

/* Empty input is an error; a missing file too. */
static void
test_bad_inputs(void **state)
{
	char path[256], *err;

	(void)state;
	snprintf(path, sizeof(path), "%s/empty", tmpdir);
	write_file(path, "");
	assert_null(source_open(path, &err));
	assert_non_null(strstr(err, "empty"));
	free(err);
	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	assert_null(source_open(path, &err));
	free(err);
}

/*
 * Whether zh, a sentence rendered in Chinese, keeps no English words
 * but the names it may: the input's own name, file types, programs,
 * options.
 */
static int
zh_only_names(const char *zh, const char *name)
{
	static const char *const kept[] = { "Microsoft", "Office", "Outlook",
	    "Word", "Excel", "PowerPoint", "PDF", "ZIP", "JSON", "MiB", "IP",
	    "mxtrace", "explain", "report", "verify", "probe", "sender", "json",
	    "ip", "eml", "msg", "txt", "docx", "xlsx", NULL };
	const char *p = zh, *w;
	size_t n, i;

	if ((w = strstr(zh, name)) != NULL && w == zh)
		p += strlen(name);
	while (*p != '\0') {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			p++;
			continue;
		}
		for (n = 0; (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' &&
		    p[n] <= 'Z'); n++)
			;
		for (i = 0; kept[i] != NULL; i++)
			if (strlen(kept[i]) == n && strncmp(p, kept[i], n) == 0)
				break;
		if (kept[i] == NULL) {
			printf("English left in \"%s\": \"%.*s\"\n", zh, (int)n, p);
			return 0;
		}
		p += n;
	}
	return 1;
}

/*
 * A file that holds no message: explain and sender --message say the
 * same words for what it is, each its own for what to give instead (the
 * bounce; the message we sent), and every part reads in Chinese.
 */
/*
 * A copy from a web page brings its blanks (&nbsp;) as U+00A0: pasted
 * UTF-8 text reads them as spaces; in text that is no UTF-8 (GBK, where
 * C2 A0 is a character) the bytes stay.
 */
static void
test_filekind_nbsp(void **state)
{
	static const char utf8[] = "host\xc2\xa0" "mx.example.cn[192.0.2.8]"
	    "\xc2\xa0" "said:\xc2\xa0" "552 \xe4\xb8\xbb\xc2\xa0\xc2\xa0" "end\xc2";
	static const char gbk[] = "\xd6\xf7\xc2\xa0\xcc\xe2 host\xc2\xa0" "x";
	char *t, *charset;
	size_t n;
	int html;

	(void)state;
	t = filekind_text(utf8, sizeof(utf8) - 2, &n, &html, &charset);
	assert_string_equal(t, "host mx.example.cn[192.0.2.8] said: 552 "
	    "\xe4\xb8\xbb  " "end");
	assert_int_equal(n, strlen(t));
	free(t);
	t = filekind_text(gbk, sizeof(gbk) - 1, &n, &html, &charset);
	assert_int_equal(n, sizeof(gbk) - 1);
	assert_memory_equal(t, gbk, n);
	free(t);
}

static void
test_filekind_errors(void **state)
{
	static const struct {
		const char	*name;
		const char	*bytes;
		size_t		 len;
		const char	*what;
	} kinds[] = {
		{ "a.pdf", "%PDF-1.4\n", 9, "a PDF document, not a message" },
		{ "a.zip", "PK\x03\x04xxxx", 8, "a ZIP archive" },
		{ "a.png", "\x89PNG\r\n\x1a\n", 8, "an image, not a message" },
		{ "a.bin", "ab\0cd\0\0\0\1\2\3\4\5\6\7\10", 16, "binary data" },
		{ "own.json", "{\"command\": \"sender\", \"version\": \"1\"}\n", 39,
		  "mxtrace's own JSON" },
		{ "test/unit/data/msg/not-msg.msg", NULL, 0,
		  "a Microsoft Office file (a Word, Excel or PowerPoint "
		  "document), not an Outlook message" },
	};
	struct sender_msg m;
	char path[256], *err, *serr, *zh;
	size_t i;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, kinds[i].name);
		if (kinds[i].bytes == NULL)	/* one of the data's own */
			snprintf(path, sizeof(path), "%s", kinds[i].name);
		else {
			assert_non_null(f = fopen(path, "wb"));
			assert_int_equal(fwrite(kinds[i].bytes, 1,
			    kinds[i].len, f), kinds[i].len);
			fclose(f);
		}
		assert_null(source_open(path, &err));
		assert_int_equal(sender_msg_read(path, &m, &serr), 65);
		/* one description of the kind, each command's advice */
		assert_non_null(strstr(err, kinds[i].what));
		assert_non_null(strstr(serr, kinds[i].what));
		assert_non_null(strstr(err, "bounce"));
		assert_null(strstr(serr, "bounce"));
		assert_non_null(strstr(serr, "message you sent"));
		zh = catalog_tr_text(LANG_ZH, err);
		assert_true(zh_only_names(zh, path));
		free(zh);
		zh = catalog_tr_text(LANG_ZH, serr);
		assert_true(zh_only_names(zh, path));
		free(zh);
		free(err);
		free(serr);
	}
	/* the kinds no small input makes: damaged (its cause ours), too big */
	for (i = FILEKIND_MSG_DAMAGED; i <= FILEKIND_TEXT_HUGE; i++) {
		err = filekind_bounce_error("x", (enum filekind)i,
		    "not a compound file");
		zh = catalog_tr_text(LANG_ZH, err);
		assert_true(zh_only_names(zh, "x"));
		free(zh);
		free(err);
	}
}

/* The DSN parser on broken input: no blank lines, many recipients. */
static void
test_dsn_fields(void **state)
{
	struct explain_result r;
	char *big;
	size_t i, n = 0, cap = 2000 * 80;

	(void)state;
	memset(&r, 0, sizeof(r));
	big = "Final-Recipient: rfc822; a@x.example\r\n"
	    "Action: failed\r\nStatus: 5.1.1\r\nFinal-Recipient: rfc822; "
	    "b@x.example\r\nAction: failed\r\nStatus: 4.2.2\r\n";
	assert_int_equal(dsn_parse(big, strlen(big), &r), 2);
	assert_string_equal(r.rcpts[1].address, "b@x.example");
	assert_string_equal(r.rcpts[1].enhanced, "4.2.2");
	explain_result_free(&r);
	big = xmalloc(cap);
	for (i = 0; i < 1500; i++)
		n += (size_t)snprintf(big + n, cap - n, "Final-Recipient: rfc822; "
		    "u%zu@x.example\nAction: failed\nStatus: 5.1.1\n\n", i);
	memset(&r, 0, sizeof(r));
	assert_int_equal(dsn_parse(big, n, &r), EXPLAIN_RCPTS_MAX);
	assert_int_equal(r.nrcpts, EXPLAIN_RCPTS_MAX);
	assert_int_equal(r.rcpts_dropped, 500);
	explain_result_free(&r);
	free(big);
}

static void
test_extract(void **state)
{
	char enh[ENHANCED_MAX];
	int code;

	(void)state;
	extract_reply("host 192.168.1.1 said: 550-5.1.1 no", 35, &code, enh);
	assert_int_equal(code, 550);
	assert_string_equal(enh, "5.1.1");
	extract_reply("version 2.4.1.5 and 10.5.1.1", 28, &code, enh);
	assert_int_equal(code, 0);
	assert_string_equal(enh, "");
	extract_reply("452 5.2.2 over quota", 20, &code, enh);
	assert_string_equal(enh, "");	/* another class than the code */
	assert_int_equal(extract_stage("(in reply to end of DATA command)",
	    33), STAGE_DATA);
	assert_int_equal(extract_stage("after RCPT TO:<a@b>: 550", 24),
	    STAGE_RCPT);
	assert_int_equal(extract_stage("550 no", 6), STAGE__LAST);
	/* X3 (go-sisimai lhost/via-x3.go): the command after "SMTP:" */
	assert_int_equal(extract_stage("SMTP:RCPT host 192.0.2.8: 553 5.3.0 "
	    "<a@b.example>... No such user here", 70), STAGE_RCPT);
	assert_int_equal(extract_stage("SMTP:MAIL host 192.0.2.8: 553 5.1.8 "
	    "Domain of sender address does not exist", 75), STAGE_MAIL);
	/* the enhanced code after the reply code, not a summary before it */
	extract_reply("5.1.0 - Unknown address error 550-'5.7.1 denied'", 48,
	    &code, enh);
	assert_int_equal(code, 550);
	assert_string_equal(enh, "5.7.1");
	assert_int_equal(extract_reply_start("x: host h [192.0.2.1]: 550 5.2.0 no",
	    35), 23);
	assert_int_equal(extract_reply_start("no code 2015 here", 17),
	    (size_t)-1);
	/* a '#' numbers something, unless it opens the line (Exchange) */
	assert_int_equal(extract_reply_start("ticket #550 open", 16),
	    (size_t)-1);
	assert_int_equal(extract_reply_start("x\n  #550 5.1.1 no", 17), 5);
	/* extract_starts: extract_find(...) == 0, bounded by len, NUL-safe */
	assert_true(extract_starts("content-TYPE: text", 18, "Content-Type:"));
	assert_false(extract_starts("Content-Type:", 12, "Content-Type:"));
	assert_false(extract_starts("x Content-Type:", 15, "Content-Type:"));
	assert_false(extract_starts("Cont\0nt-Type:", 13, "Content-Type:"));
	assert_false(extract_starts("abc", 3, ""));
}

/* Explain message msg, written to file name, into r: it names one recipient. */
static void
one_message(const char *name, const char *msg, struct explain_result *r)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	write_file(path, msg);
	explainfile(path, r);
	assert_int_equal(r->nrcpts, 1);
}

/* Message msg (written to file name) names one recipient with this reply. */
static void
one_reply(const char *name, const char *msg, const char *address,
    const char *text, const char *enhanced)
{
	struct explain_result r;

	one_message(name, msg, &r);
	assert_string_equal(r.rcpts[0].address, address);
	assert_string_equal(r.rcpts[0].text, text);
	assert_string_equal(r.rcpts[0].enhanced, enhanced);
	explain_result_free(&r);
}

/* Message msg (written to file name) names one recipient with this meaning. */
static void
one_reason(const char *name, const char *msg, enum reason reason,
    enum verdict verdict)
{
	struct explain_result r;

	one_message(name, msg, &r);
	assert_int_equal(r.rcpts[0].reason, reason);
	assert_int_equal(r.rcpts[0].verdict, verdict);
	explain_result_free(&r);
}

/*
 * A sales person's forward of Exchange Online's NDR, pasted: the header
 * Outlook puts above it (发件人: Microsoft Outlook <MicrosoftExchange329e71
 * ec88ae4615bbc36ab6ce41109e@...>, full-width or not) is the NDR's own,
 * not the message she sent, whatever its subject says (here none of the
 * words a bounce's subject is known by): no "Your message" naming the
 * NDR's subject and herself as its recipient.
 */
static void
test_exchange_ndr_forward_header(void **state)
{
	static const char *const froms[] = { "\xe5\x8f\x91\xe4\xbb\xb6"
	    "\xe4\xba\xba: ", "\xe5\x8f\x91\xe4\xbb\xb6\xe4\xba\xba"
	    "\xef\xbc\x9a" };	/* 发件人: and 发件人： */
	struct explain_result r;
	char text[2048];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(froms) / sizeof(froms[0]); i++) {
		snprintf(text, sizeof(text), "%sMicrosoft Outlook "
		    "<MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e"
		    "@example.cn>\n"
		    "\xe5\x8f\x91\xe9\x80\x81\xe6\x97\xb6\xe9\x97\xb4: "
		    "2026\xe5\xb9\xb4" "11\xe6\x9c\x88" "30\xe6\x97\xa5"
		    " 10:06\n"
		    "\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba: Wang Fang "
		    "<wangfang@example.cn>\n"
		    "\xe4\xb8\xbb\xe9\xa2\x98: Quote 2026-11\n\n"
		    "Delivery has failed to these recipients or groups:\n\n"
		    "li.na@customer.example.com\n"
		    "The email address you entered couldn't be found.\n\n"
		    "Diagnostic information for administrators:\n\n"
		    "Generating server: HK0PR01MB1234.apcprd01.prod."
		    "exchangelabs.com\n\nli.na@customer.example.com\n"
		    "Remote Server returned '550 5.1.10 RESOLVER.ADR."
		    "RecipientNotFound; Recipient not found by SMTP address "
		    "lookup'\n", froms[i]);
		one_message("ndrfwd.txt", text, &r);
		assert_string_equal(r.rcpts[0].address,
		    "li.na@customer.example.com");
		assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
		assert_null(r.original.subject);
		assert_null(r.original.to);
		explain_result_free(&r);
	}
}

/*
 * Alibaba Mail's notice names no recipient ("退信原因", "解决方案", "远程
 * 响应"); pasted with the header the sales person's client wrote above it
 * when she forwarded it (发件人 the daemon, 收件人 herself), her own
 * address is not read as the address that failed ("check it for typos, do
 * not send to it again" said of it): the bounce went back to her (RFC
 * 5321 4.5.5), so no recipient is named; the reason still reads.
 */
static void
test_forwarded_notice_own_address(void **state)
{
	struct explain_result r;

	(void)state;
	one_message("alifwd.txt",
	    "\xe5\x8f\x91\xe4\xbb\xb6\xe4\xba\xba: postmaster@example.cn\n"
	    "\xe5\x8f\x91\xe9\x80\x81\xe6\x97\xb6\xe9\x97\xb4: "
	    "2026\xe5\xb9\xb4" "11\xe6\x9c\x88" "30\xe6\x97\xa5"
	    " 10:06\n"
	    "\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba: Wang Fang "
	    "<wangfang@example.cn>\n"
	    "\xe4\xb8\xbb\xe9\xa2\x98: \xe9\x80\x80\xe4\xbf\xa1\n\n"
	    "\xe9\x80\x80\xe4\xbf\xa1\xe5\x8e\x9f\xe5\x9b\xa0\t"
	    "User not found\n"
	    "\xe8\xbf\x9c\xe7\xa8\x8b\xe5\x93\x8d\xe5\xba\x94\t"
	    "the mta server of customer.example.com -- mx.customer.example.com"
	    "(203.0.113.9) reply:550 User not found at 2026-11-30 10:06:01\n",
	    &r);
	assert_null(r.rcpts[0].address);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

/*
 * NetEase's "550 RP:RCL" (too many recipients in one message, its 企业退信
 * 的常见问题 list) in a bounce: refused, not "temporary" - the sending
 * server gave it up (RFC 3463 X.5.3: not split) - and the words say to
 * send it again in batches, en and zh; a bounce's 452 stays temporary.
 * The side is ours, how we sent it, not the message content (X.5.3's
 * cure is the sender's; NetEase: 请减少每封邮件的收件人数量).
 */
#define NE_RCL	"550 RP:RCL \xe7\xbe\xa4\xe5\x8f\x91\xe6\x94\xb6" \
	"\xe4\xbb\xb6\xe4\xba\xba\xe6\x95\xb0\xe9\x87\x8f\xe8\xb6" \
	"\x85\xe8\xbf\x87\xe4\xba\x86\xe9\x99\x90\xe9\xa2\x9d"

static void
test_too_many_recipients_bounce(void **state)
{
	struct explain_result r;
	char *out;

	(void)state;
	one_message("rcl1.txt", ATTACHMENT_BOUNCE(NE_RCL), &r);
	assert_int_equal(r.rcpts[0].reason, REASON_TOO_MANY_RECIPIENTS);
	assert_int_equal(r.rcpts[0].verdict, VERDICT_BLOCKED);
	assert_int_equal(r.rcpts[0].side, SIDE_OUR_SIDE);
	explain_result_free(&r);
	out = printed("rcl2.txt", ATTACHMENT_BOUNCE(NE_RCL), LANG_EN);
	assert_non_null(strstr(out, "Blocked: Too many recipients"));
	assert_non_null(strstr(out, "Whose side     your side"));
	assert_null(strstr(out, "the message content"));
	assert_non_null(strstr(out, "not delivered to this recipient"));
	assert_non_null(strstr(out, "recipients in each message"));
	assert_non_null(strstr(out, "This is on your side, in how the "
	    "message was sent"));
	assert_non_null(strstr(out, "retry it"));
	assert_null(strstr(out, "temporary"));
	free(out);
	out = printed("rcl3.txt", ATTACHMENT_BOUNCE(NE_RCL), LANG_ZH);
	/* 被拒收：收件人过多 */
	assert_non_null(strstr(out, "\xe8\xa2\xab\xe6\x8b\x92\xe6\x94\xb6"
	    "\xef\xbc\x9a\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba\xe8\xbf"
	    "\x87\xe5\xa4\x9a"));
	/* 我方, not 邮件内容 */
	assert_non_null(strstr(out, "\xe6\x88\x91\xe6\x96\xb9"));
	assert_null(strstr(out, "\xe9\x82\xae\xe4\xbb\xb6\xe5\x86\x85"
	    "\xe5\xae\xb9"));
	/* 把名单分成几小批 */
	assert_non_null(strstr(out, "\xe6\x8a\x8a\xe5\x90\x8d\xe5\x8d\x95"
	    "\xe5\x88\x86\xe6\x88\x90\xe5\x87\xa0\xe5\xb0\x8f\xe6\x89"
	    "\xb9"));
	/* 暂时 */
	assert_null(strstr(out, "\xe6\x9a\x82\xe6\x97\xb6"));
	free(out);
	one_reason("rcl4.txt", ATTACHMENT_BOUNCE("452 4.5.3 Too many "
	    "recipients"), REASON_TOO_MANY_RECIPIENTS, VERDICT_TEMPORARY);
}

/*
 * Microsoft SMTPSVC's delay warning (Hotmail's relays, Exchange 2003): a
 * DSN with Status 4.4.7 and no Diagnostic-Code, whose text part is the
 * service's own words ("This is an automatically generated Delivery Status
 * Notification. THIS IS A WARNING MESSAGE ONLY ... has been delayed.").
 * No server said those: nothing is quoted as the server's reply.
 */
static void
test_smtpsvc_notice(void **state)
{
	static const char dsn[] =
	    "From: postmaster@mail.example.net\n"
	    "To: sales@ours.example\n"
	    "Subject: Delivery Status Notification (Delay)\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"B\"\n\n"
	    "--B\nContent-Type: text/plain\n\n"
	    "This is an automatically generated Delivery Status Notification."
	    "\n\nTHIS IS A WARNING MESSAGE ONLY.\n\n"
	    "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
	    "Delivery to the following recipients has been delayed.\n\n"
	    "       bob@example.com\n\n"
	    "--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns;relay.mail.example.net\n\n"
	    "Final-Recipient: rfc822;bob@example.com\n"
	    "Action: delayed\nStatus: 4.4.7\n\n--B--\n";
	static const char pasted[] =
	    "This is an automatically generated Delivery Status Notification."
	    "\n\nDelivery to the following recipients failed.\n\n"
	    "       bob@example.com\n";
	struct explain_result r;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	one_message("svc1.eml", dsn, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_null(r.rcpts[0].text);
	assert_string_equal(r.rcpts[0].enhanced, "4.4.7");
	explain_result_free(&r);
	one_message("svc2.eml", dsn, &r);
	assert_non_null(f = open_memstream(&out, &len));
	explain_print(f, &r, "svc2.eml", 1, LANG_EN);
	fclose(f);
	explain_result_free(&r);
	assert_null(strstr(out, "automatically generated"));
	assert_non_null(strstr(out, "Delayed"));
	free(out);
	out = printed("svc3.txt", pasted, LANG_EN);
	assert_non_null(strstr(out, "bob@example.com"));
	assert_null(strstr(out, "automatically generated"));
	free(out);
}

/*
 * A short note in Exchange's own form ("Delivery has failed to these
 * recipients or groups:" and an address, no code, no reason): explain
 * invents no cause and no refusal, "Not delivered: Unknown cause" (zh
 * 未送达：原因不明), not "Blocked: Unknown cause"; with no address, no
 * recipient is read.
 */
static void
test_short_note(void **state)
{
	char *out;

	(void)state;
	out = printed("sn1.txt", "Delivery has failed to these recipients or "
	    "groups:\nbob@example.com\n", LANG_EN);
	assert_non_null(strstr(out, "Not delivered: Unknown cause"));
	assert_null(strstr(out, "Blocked"));
	free(out);
	out = printed("sn2.txt", "Delivery has failed to these recipients or "
	    "groups:\nbob@example.com\n", LANG_ZH);
	/* 未送达：原因不明 */
	assert_non_null(strstr(out, "\xe6\x9c\xaa\xe9\x80\x81\xe8\xbe"
	    "\xbe\xef\xbc\x9a\xe5\x8e\x9f\xe5\x9b\xa0\xe4\xb8\x8d"
	    "\xe6\x98\x8e"));
	free(out);
}

/*
 * A bare "550 5.5.4 Invalid command arguments" or "550 5.5.5 Wrong protocol
 * version" (RFC 3463) in a bounce: its reason stays remote_server_error,
 * but the words say a command refused as malformed, a fault between the
 * two servers on either side that resending will not mend, and who to
 * ask; not "busy or under maintenance", not "temporary", en and zh.
 */
static void
test_malformed_command(void **state)
{
	struct explain_result r;
	char *out;

	(void)state;
	one_message("mc1.txt", ATTACHMENT_BOUNCE("550 5.5.4 Invalid command "
	    "arguments"), &r);
	assert_int_equal(r.rcpts[0].reason, REASON_REMOTE_SERVER_ERROR);
	assert_int_equal(r.rcpts[0].verdict, VERDICT_PROTOCOL_ERROR);
	assert_int_equal(r.rcpts[0].side, SIDE_UNKNOWN);
	explain_result_free(&r);
	out = printed("mc2.txt", ATTACHMENT_BOUNCE("550 5.5.5 Wrong protocol "
	    "version"), LANG_EN);
	assert_non_null(strstr(out, "Not delivered: the recipient's server"));
	assert_non_null(strstr(out, "not clear from the bounce"));
	assert_non_null(strstr(out, "on either side"));
	assert_non_null(strstr(out, "Forward this bounce to whoever runs"));
	assert_null(strstr(out, "busy"));
	assert_null(strstr(out, "temporary"));
	free(out);
	out = printed("mc3.txt", ATTACHMENT_BOUNCE("550 5.5.4 Invalid command "
	    "arguments"), LANG_ZH);
	/* 格式有误 */
	assert_non_null(strstr(out, "\xe6\xa0\xbc\xe5\xbc\x8f\xe6\x9c"
	    "\x89\xe8\xaf\xaf"));
	/* 暂时 */
	assert_null(strstr(out, "\xe6\x9a\x82\xe6\x97\xb6"));
	free(out);
	one_reason("mc4.txt", ATTACHMENT_BOUNCE("451 4.5.4 Invalid command "
	    "arguments"), REASON_REMOTE_SERVER_ERROR, VERDICT_TEMPORARY);
	/* a wording without a meaning of its own keeps the reason's label */
	out = printed("mc5.txt", ATTACHMENT_BOUNCE("550 Ip frequency limited"),
	    LANG_EN);
	assert_non_null(strstr(out, "temporary reason: Too many connections"));
	free(out);
}

/*
 * Sendmail's "554 5.3.0 unknown mailer error 1" (a local mailer's exit
 * status outside sysexits(3), made EX_UNAVAILABLE: deliver.c) in a bounce:
 * not delivered and given up, "Undeliverable: Recipient's delivery program
 * failed", not "for a temporary reason", en and zh; a 4xx stays temporary.
 */
static void
test_mailer_error_bounce(void **state)
{
	struct explain_result r;
	char *out;

	(void)state;
	one_message("me1.txt", ATTACHMENT_BOUNCE("554 5.3.0 unknown mailer "
	    "error 1"), &r);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILER_ERROR);
	assert_int_equal(r.rcpts[0].verdict, VERDICT_UNDELIVERABLE);
	explain_result_free(&r);
	out = printed("me2.txt", ATTACHMENT_BOUNCE("554 5.3.0 unknown mailer "
	    "error 1"), LANG_EN);
	assert_non_null(strstr(out, "Undeliverable: Recipient's delivery "
	    "program failed"));
	assert_null(strstr(out, "temporary"));
	free(out);
	out = printed("me3.txt", ATTACHMENT_BOUNCE("554 5.3.0 unknown mailer "
	    "error 1"), LANG_ZH);
	/* 无法投递 */
	assert_non_null(strstr(out, "\xe6\x97\xa0\xe6\xb3\x95\xe6\x8a"
	    "\x95\xe9\x80\x92"));
	/* 暂时 */
	assert_null(strstr(out, "\xe6\x9a\x82\xe6\x97\xb6"));
	free(out);
	one_reason("me4.txt", ATTACHMENT_BOUNCE("451 4.3.0 Command died with "
	    "status 75"), REASON_MAILER_ERROR, VERDICT_TEMPORARY);
}

/*
 * Zoho Mail's notices are in Exim's and Sendmail's words but carry its
 * own X-ZohoMail field (Sisimai's Lhost/Zoho.pm): labelled Zoho's, in en
 * and zh, their words read as before (the delay still delayed, the
 * bounce's "Host not reachable" expired, as Sisimai reads it).
 */
static void
test_zoho_notices(void **state)
{
	static const char delay[] =
	    "From: mailer-daemon@mail.zoho.com\n"
	    "Subject: Mail Delivery Status Notification (Delay)\n"
	    "X-Mailer: Zoho Mail\nX-ZohoMail: Si CHF_MF_NL SS_10\n\n"
	    "This message was created automatically by mail delivery system.\n\n"
	    "THIS IS A WARNING MESSAGE ONLY.\n\n"
	    "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
	    "----- The following addresses had fatal errors ----- \n"
	    "[Status: Error, Address: <slow@customer.example>, ResponseCode 421, "
	    ", Host not reachable.]\n\n"
	    "Message will be retried for 4 more day(s)\n\n"
	    "----- Transcript of session follows ----- \n\n"
	    "Received:from mail.zoho.com by mx.zohomail.com\n"
	    "Subject:Quote\n";
	static const char bounce[] =
	    "From: mailer-daemon@mail.zoho.com\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "X-Mailer: Zoho Mail\nX-ZohoMail: Si CHF_MF_NL SS_10\n\n"
	    "This message was created automatically by mail delivery software.\n"
	    "A message that you sent could not be delivered to one or more of "
	    "its recipients. This is a permanent error.\n\n"
	    "slow@customer.example Error, ERROR_CODE :421, ERROR_CODE :, Host "
	    "not reachable.\n";
	struct explain_result r;
	char *buf = NULL, path[256];
	size_t len = 0;
	FILE *f;

	(void)state;
	one_message("zoho-delay.eml", delay, &r);
	assert_int_equal(r.kind, EXPLAIN_DELAYED);
	assert_string_equal(r.format, "zoho");
	assert_int_equal(r.rcpts[0].reason, REASON_DELAYED);
	snprintf(path, sizeof(path), "%s/zoho-delay.eml", tmpdir);
	assert_non_null(f = open_memstream(&buf, &len));
	explain_print(f, &r, path, 1, LANG_EN);
	fclose(f);
	assert_non_null(strstr(buf, "Zoho Mail's notice"));
	free(buf);
	assert_non_null(f = open_memstream(&buf, &len));
	explain_print(f, &r, path, 1, LANG_ZH);
	fclose(f);
	assert_non_null(strstr(buf, "Zoho Mail \xe9\x80\x9a\xe7\x9f\xa5"));
	free(buf);
	explain_result_free(&r);

	one_message("zoho-bounce.eml", bounce, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "zoho");
	assert_int_equal(r.rcpts[0].reason, REASON_EXPIRED);
	explain_result_free(&r);
}

/* A DSN of one failed recipient: customer@DOMAIN, its Status and reply. */
static const char one_dsn_fmt[] =
    "From: MAILER-DAEMON@mx.example.org\n"
    "To: sales@example.cn\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"B\"\n"
    "\n"
    "--B\n"
    "Content-Type: text/plain\n"
    "\n"
    "Delivery failed.\n"
    "--B\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.org\n"
    "\n"
    "Final-Recipient: rfc822; customer@%s\n"
    "Action: failed\n"
    "Status: %s\n"
    "Diagnostic-Code: smtp; %s\n"
    "--B--\n";

/*
 * A DSN that names no Remote-MTA: the recipient's domain picks the
 * provider's rules (Microsoft's 5.7.511 "banned sender" is the sending
 * IP on Microsoft's own list, delisted on request, for a hotmail.com
 * address; the bare code alone is a policy).
 */
static void
test_provider_by_domain(void **state)
{
	char msg[sizeof(one_dsn_fmt) + 128];

	(void)state;
	snprintf(msg, sizeof(msg), one_dsn_fmt, "hotmail.com", "5.7.511",
	    "550 5.7.511 Access denied, banned sender");
	one_reason("hotmail.eml", msg, REASON_IP_BLOCKLISTED,
	    VERDICT_BLOCKED);
	snprintf(msg, sizeof(msg), one_dsn_fmt, "example.net", "5.7.511",
	    "550 5.7.511 Access denied, banned sender");
	one_reason("other.eml", msg, REASON_POLICY_OTHER, VERDICT_BLOCKED);
}

/*
 * A sending MTA's resolver found a name without a record: the recipient's
 * own domain (no MX, no address) is domain_no_mail; another name, an MX
 * host or a route, is a mail server without an address (no_address), in
 * Sendmail's and Postfix's words, the name written with or without its
 * final dot.
 */
static void
test_name_looked_up(void **state)
{
	static const struct {
		const char	*domain, *status, *text;
		enum reason	 reason;
	} cases[] = {
		{ "b.example", "5.1.2", "550 5.1.2 <customer@b.example>... "
		    "Host unknown (Name server: b.example: no data known)",
		    REASON_DOMAIN_NO_MAIL },
		{ "b.example", "5.1.2", "550 5.1.2 <customer@b.example>... "
		    "Host unknown (Name server: mx1.b.example: no data known)",
		    REASON_NO_ADDRESS },
		{ "b.example", "5.4.4", "Host or domain name not found. Name "
		    "service error for name=B.example. type=A: Host found but "
		    "no data record of requested type", REASON_DOMAIN_NO_MAIL },
		{ "b.example", "5.4.4", "Host or domain name not found. Name "
		    "service error for name=mx.b.example type=AAAA: Host found "
		    "but no data record of requested type", REASON_NO_ADDRESS },
		/* the resolver's A-labels for an address in U-labels */
		{ "b\xc3\xbc" "cher.example", "5.4.4", "Host or domain name not "
		    "found. Name service error for name=xn--bcher-kva.example "
		    "type=A: Host found but no data record of requested type",
		    REASON_DOMAIN_NO_MAIL },
		{ "xn--bcher-kva.example", "5.1.2", "550 5.1.2 Host unknown "
		    "(Name server: mx.xn--bcher-kva.example: no data known)",
		    REASON_NO_ADDRESS },
	};
	char msg[sizeof(one_dsn_fmt) + 256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(msg, sizeof(msg), one_dsn_fmt, cases[i].domain,
		    cases[i].status, cases[i].text);
		one_reason("nodata.eml", msg, cases[i].reason,
		    VERDICT_NO_MAIL_DOMAIN);
	}
}

/*
 * The sending MTA's own words of the domain's DNS answer (mtacues.c, their
 * one home) over what the enhanced code alone says (5.1.2 and 5.4.4 come
 * with no data and NXDOMAIN alike), and over a temporary code it gave up
 * on; the classifier's named reading (Sendmail's null MX) stays.
 */
static void
test_dns_words(void **state)
{
	static const struct {
		const char	*status, *text;
		enum reason	 reason;
		enum verdict	 verdict;
	} cases[] = {
		{ "5.4.4", "Host or domain name not found. Name service error "
		    "for name=b.example type=MX: Host not found",
		    REASON_DOMAIN_NOT_FOUND, VERDICT_NO_MAIL_DOMAIN },
		{ "4.4.4", "Host or domain name not found. Name service error "
		    "for name=b.example type=A: Host found but no data record "
		    "of requested type", REASON_DOMAIN_NO_MAIL,
		    VERDICT_NO_MAIL_DOMAIN },
		{ "4.4.3", "Host or domain name not found. Name service error "
		    "for name=b.example type=MX: Host not found, try again",
		    REASON_DNS_FAILURE, VERDICT_DNS_ERROR },
		{ "5.1.2", "550 5.1.2 <customer@b.example>... Host unknown "
		    "(Name server: b.example: no data known)",
		    REASON_DOMAIN_NO_MAIL, VERDICT_NO_MAIL_DOMAIN },
		{ "4.0.0", "Host unknown (Name server: b.example: host not "
		    "found)", REASON_DOMAIN_NOT_FOUND, VERDICT_NO_MAIL_DOMAIN },
		{ "5.1.2", "Host unknown (Name server: .: host not found)",
		    REASON_NULL_MX, VERDICT_NO_MAIL_DOMAIN },
		{ "5.1.2", "DNS Error: Address resolution of b.example. failed: "
		    "DNS server returned answer with no data",
		    REASON_DOMAIN_NO_MAIL, VERDICT_NO_MAIL_DOMAIN },
		{ "5.4.4", "DNS Error: Domain name not found",
		    REASON_DOMAIN_NOT_FOUND, VERDICT_NO_MAIL_DOMAIN },
	};
	char msg[sizeof(one_dsn_fmt) + 256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(msg, sizeof(msg), one_dsn_fmt, "b.example",
		    cases[i].status, cases[i].text);
		one_reason("dnswords.eml", msg, cases[i].reason,
		    cases[i].verdict);
	}
}

/*
 * A format is known by words that are its own: a plain notice "Your
 * message to a could not be delivered." with Subject "Undeliverable"
 * (words any system writes; X2's too) is read as text, not as Exchange,
 * which its administrators' section and "Remote Server returned" mark;
 * Gmail's delay notice is Gmail's, not text of no known format.
 */
static void
test_format_own_words(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/plain-notice.eml", tmpdir);
	write_file(path, "From: postmaster@h.example\nTo: sales@example.cn\n"
	    "Subject: Undeliverable: quote\n\n"
	    "Your message to bob@customer.example could not be delivered.\n"
	    "550 5.7.1 Message rejected as spam by Content Filtering.\n");
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_string_equal(r.format, "text");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "bob@customer.example");
	explain_result_free(&r);
	snprintf(path, sizeof(path), "%s/o365-notice.eml", tmpdir);
	write_file(path, "From: postmaster@h.example\nTo: sales@example.cn\n"
	    "Subject: Undeliverable: quote\n\n"
	    "Your message to bob@customer.example couldn't be delivered.\n\n"
	    "Diagnostic information for administrators:\n\n"
	    "Generating server: h.example\n\n"
	    "bob@customer.example\n"
	    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound;"
	    " Recipient not found by SMTP address lookup'\n");
	explainfile(path, &r);
	assert_string_equal(r.format, "exchange");
	assert_int_equal(r.nrcpts, 1);
	explain_result_free(&r);
	/* Gmail's delay notice is Gmail's, as its failure notice is */
	snprintf(path, sizeof(path), "%s/gmail-delay.eml", tmpdir);
	write_file(path, "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "To: sales@example.cn\n"
	    "Subject: Delivery Status Notification (Delay)\n\n"
	    "This is an automatically generated Delivery Status Notification\n\n"
	    "THIS IS A WARNING MESSAGE ONLY.\n\n"
	    "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
	    "Delivery to the following recipient has been delayed:\n\n"
	    "     slow@customer.example\n\n"
	    "Message will be retried for 2 more day(s)\n\n"
	    "Technical details of temporary failure:\n"
	    "The recipient server did not accept our requests to connect.\n");
	explainfile(path, &r);
	assert_int_equal(r.kind, EXPLAIN_DELAYED);
	assert_string_equal(r.format, "gmail");
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "slow@customer.example");
	explain_result_free(&r);
}

/* Extraction rules for single formats, each on a made-up message. */
static void
test_text_rules(void **state)
{
	static const char *const wide[][3] = {
		{ "“", "”", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
		    "not found" },
		{ "「", "」", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
		    "not found" },
		{ " ", "”", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
		    "not found”" },
	};
	struct explain_result r;
	struct explain_rcpt x;
	char path[256], text[512], *a;
	size_t i;

	(void)state;
	/* Exim: the reply only, not the recipient line or the preamble */
	snprintf(path, sizeof(path), "%s/exim.eml", tmpdir);
	write_file(path, "From: Mail Delivery System <Mailer-Daemon@h.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you sent could not be delivered to one or more of its\n"
	    "recipients. This is a permanent error. The following address(es) failed:\n\n"
	    "  nobody@customer.example\n"
	    "    SMTP error from remote mail server after RCPT TO:<nobody@customer.example>:\n"
	    "    host mx.customer.example [192.0.2.1]: 550 5.1.1 No such user\n\n"
	    "  save to /var/mail/x\n"
	    "    generated by piped@customer.example\n"
	    "    mailbox is full: retry timeout exceeded\n\n"
	    "------ This is a copy of the message, including all the headers. ------\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].text, "550 5.1.1 No such user");
	assert_int_equal(r.rcpts[0].stage, STAGE_RCPT);
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	assert_string_equal(r.rcpts[1].address, "piped@customer.example");
	assert_string_equal(r.rcpts[1].text,
	    "mailbox is full: retry timeout exceeded");
	explain_result_free(&r);

	/*
	 * InterScan MSS: a "Sent <<< RCPT TO:<a>" / "Received >>> reply" pair
	 * per recipient, each reply its own; translated labels with the
	 * arrows the other way, known by the From header
	 */
	snprintf(path, sizeof(path), "%s/interscan.eml", tmpdir);
	write_file(path, "From: \"InterScan MSS for SMTP\" <postmaster@h.example>\n"
	    "To: sender@h.example\nSubject: Mail could not be delivered\n\n"
	    "Mail could not be delivered\n\n"
	    "Sent <<< RCPT TO:<nobody@customer.example>\n"
	    "Received >>> 550 5.1.1 <nobody@customer.example>... user unknown\n"
	    "Sent <<< RCPT TO:<full@customer.example>\n"
	    "Received >>> 552 5.2.2 <full@customer.example>... Mailbox full\n\n"
	    "Unable to deliver message to <full@customer.example>.\n");
	explainfile(path, &r);
	assert_string_equal(r.format, "interscan");
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].text,
	    "550 5.1.1 <nobody@customer.example>... user unknown");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_int_equal(r.rcpts[0].stage, STAGE_RCPT);
	assert_string_equal(r.rcpts[1].address, "full@customer.example");
	assert_string_equal(r.rcpts[1].text,
	    "552 5.2.2 <full@customer.example>... Mailbox full");
	assert_int_equal(r.rcpts[1].reason, REASON_MAILBOX_FULL);
	explain_result_free(&r);
	snprintf(path, sizeof(path), "%s/interscan-ja.eml", tmpdir);
	write_file(path, "From: \"InterScan MSS for SMTP\" <postmaster@h.example>\n"
	    "To: sender@h.example\nSubject: Mail could not be delivered\n"
	    "Content-Type: text/plain; charset=utf-8\n\n"
	    "\xe9\x80\x81\xe4\xbf\xa1 >>> RCPT TO:<nobody@customer.example>\n"
	    "\xe5\x8f\x97\xe4\xbf\xa1 <<< 550 5.1.1 User unknown\n"
	    "\xe9\x80\x81\xe4\xbf\xa1 >>> RCPT TO:<full@customer.example>\n"
	    "\xe5\x8f\x97\xe4\xbf\xa1 <<< 552 5.2.2 Mailbox full\n");
	explainfile(path, &r);
	assert_string_equal(r.format, "interscan");
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].text, "550 5.1.1 User unknown");
	assert_string_equal(r.rcpts[1].address, "full@customer.example");
	assert_string_equal(r.rcpts[1].text, "552 5.2.2 Mailbox full");
	explain_result_free(&r);

	/*
	 * IMail Server: each recipient's line, the reason before the
	 * address, is its reply; known by its X-Mailer
	 */
	snprintf(path, sizeof(path), "%s/imail.eml", tmpdir);
	write_file(path, "From: postmaster@h.example\nTo: sender@h.example\n"
	    "Subject: Undeliverable Mail\nX-Mailer: <SMTP32 v8.22>\n\n"
	    "Unknown user: nobody@customer.example\n"
	    "User mailbox exceeds allowed size: full@customer.example\n\n"
	    "Original message follows.\n\n"
	    "To: nobody@customer.example\n");
	explainfile(path, &r);
	assert_string_equal(r.format, "imail");
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].text,
	    "Unknown user: nobody@customer.example");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.rcpts[1].address, "full@customer.example");
	assert_int_equal(r.rcpts[1].reason, REASON_MAILBOX_FULL);
	explain_result_free(&r);

	/* InterScan's closing line alone: the words kept, the mark no end */
	one_reply("interscan-only.eml", "From: \"InterScan MSS for SMTP\" <postmaster@h.example>\n"
	    "To: sender@h.example\nSubject: Mail could not be delivered\n\n"
	    "Unable to deliver message to <nobody@customer.example>.\n",
	    "nobody@customer.example",
	    "Unable to deliver message to <nobody@customer.example>.", "");

	/*
	 * Zoho's delay notice: Sendmail's transcript heading with nothing
	 * under it, the copy's headers from its own "Received:" line on --
	 * the reply is the recipient's line, not the copy
	 */
	one_reply("zoho-delay.eml", "From: mailer-daemon@mail.zoho.com\n"
	    "Subject: Warning: could not send message for past 1 hour\n\n"
	    "This message was created automatically by mail delivery system.\n\n"
	    "THIS IS A WARNING MESSAGE ONLY.\n\n"
	    "----- The following addresses had fatal errors ----- \n"
	    "[Status: Error, Address: <slow@customer.example>, ResponseCode 421, "
	    ", Host not reachable.]\n\n"
	    "Message will be retried for 4 more day(s)\n\n"
	    "----- Transcript of session follows ----- \n\n"
	    "Received:from mail.zoho.com by mx.zohomail.com\n"
	    "    with SMTP id 1418381459307794.7899025594404; Fri, 12 Dec 2014\n"
	    "Subject:Quote\n", "slow@customer.example",
	    "[Status: Error, Address: <slow@customer.example>, ResponseCode 421, "
	    ", Host not reachable.] Message will be retried for 4 more day(s)",
	    "");
	/*
	 * a report flattened to text: its boundary and DSN fields end the reply
	 */
	one_reply("flat.eml", "From: MAILER-DAEMON@h.example\nSubject: Undelivered Mail\n\n"
	    "This is the mail system at host h.example.\n\n"
	    "<nobody@customer.example>: host mx.customer.example[192.0.2.1] said: 550\n"
	    "    User unknown (in reply to RCPT TO command)\n\n"
	    "--ABC123.456/h.example\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; h.example\n\n"
	    "Final-Recipient: rfc822; nobody@customer.example\n"
	    "Action: failed\nStatus: 5.1.1\n", "nobody@customer.example",
	    "550 User unknown (in reply to RCPT TO command)", "5.1.1");
	/*
	 * a reply the MTA quoted or bracketed: its quotes are not the server's
	 */
	one_reply("quoted.eml", "From: postmaster@h.example\nSubject: Undeliverable\n\n"
	    "Delivery has failed to these recipients or groups:\n\n"
	    "wrong@customer.example\n"
	    "Remote Server returned '550 5.1.1 User unknown'\n",
	    "wrong@customer.example", "550 5.1.1 User unknown", "5.1.1");
	one_reply("bracket.eml", "From: MAILER-DAEMON@h.example\nSubject: Undeliverable\n\n"
	    "SMTP Server <mx.customer.example> rejected recipient "
	    "<gone@customer.example> (Error following RCPT command). It "
	    "responded as follows: [550 5.1.1 [x] User unknown]\n\n"
	    "The attachment contains the original mail headers.\n",
	    "gone@customer.example", "550 5.1.1 [x] User unknown", "5.1.1");

	/*
	 * Formats as documented in Sisimai's Lhost modules, each written
	 * from the module's own sample lines.  GMX: the reply without its
	 * code, after "host: NAME"; its copy after "--- The header of ...".
	 */
	one_reply("gmx.eml", "From: Mail Delivery System <mailer-daemon@gmx.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you sent could not be delivered to one or more of\n"
	    "its recipients. This is a permanent error. The following address\n"
	    "failed:\n\n\"nobody@customer.example\":\n"
	    "SMTP error from remote server after RCPT command:\n"
	    "host: mx.customer.example\n"
	    "5.1.1 <nobody@customer.example>... User Unknown\n\n"
	    "--- The header of the original message is following. ---\n\n"
	    "Received: from h.example\nSubject: hello\n",
	    "nobody@customer.example",
	    "5.1.1 <nobody@customer.example>... User Unknown", "5.1.1");
	one_message("gmx-host.eml", "From: Mail Delivery System <mailer-daemon@gmx.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "\"nobody@customer.example\":\n"
	    "SMTP error from remote server after RCPT command:\n"
	    "host: mx.customer.example\n"
	    "5.1.1 <nobody@customer.example>... User Unknown\n", &r);
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	explain_result_free(&r);
	/* 1&1: the reason after "For the following reason:" */
	one_reply("1and1.eml", "From: Mail Delivery System <mailer-daemon@1and1.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you sent could not be delivered to one or more of\n"
	    "its recipients. This is a permanent error. The following address\n"
	    "failed:\n\nbig@customer.example\n\nFor the following reason:\n\n"
	    "Mail size limit exceeded.\n\n"
	    "--- The header of the original message is following. ---\n",
	    "big@customer.example", "Mail size limit exceeded.", "");
	/* Biglobe: the reason under "----- Non-delivered information -----" */
	one_reply("biglobe.eml", "From: postmaster@biglobe.example\n"
	    "Subject: Returned mail: Delivery failed\n\n"
	    "   ----- The following addresses had delivery problems -----\n"
	    "full@customer.example\n\n"
	    "   ----- Non-delivered information -----\n"
	    "The number of messages in recipient's mailbox exceeded the local limit.\n",
	    "full@customer.example", "The number of messages in recipient's "
	    "mailbox exceeded the local limit.", "");
	/* Postfix's text folds a reply that names the recipient again */
	one_reply("folded.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "This is the mail system at host h.example.\n\n"
	    "                   The mail system\n\n"
	    "<nobody@customer.example>: host mx.customer.example[192.0.2.1] said: 550 5.1.1\n"
	    "    <nobody@customer.example>: Recipient address rejected: User unknown\n"
	    "    (in reply to RCPT TO command)\n", "nobody@customer.example",
	    "550 5.1.1 <nobody@customer.example>: Recipient address rejected: "
	    "User unknown (in reply to RCPT TO command)", "5.1.1");
	/* ... also when the folded line starts with another address */
	one_reply("folded2.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "This is the mail system at host h.example.\n\n"
	    "                   The mail system\n\n"
	    "<nobody@customer.example>: host mx.customer.example[192.0.2.1] said: 553 5.1.8\n"
	    "    <root@h.example>... Domain of sender address root@h.example does not\n"
	    "    exist (in reply to MAIL FROM command)\n", "nobody@customer.example",
	    "553 5.1.8 <root@h.example>... Domain of sender address "
	    "root@h.example does not exist (in reply to MAIL FROM command)",
	    "5.1.8");
	/* a multi-line reply quoted in text reads whole (RFC 5321 4.2.1) */
	one_reply("multiline.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "This is the mail system at host h.example.\n\n"
	    "<nobody@customer.example>: host mx.customer.example[192.0.2.1] said:\n"
	    "    550-5.7.1 Messages with multiple\n"
	    "    550 5.7.1 addresses in From: header are not accepted.\n",
	    "nobody@customer.example", "550-5.7.1 Messages with multiple "
	    "addresses in From: header are not accepted.", "5.7.1");
	/* McAfee: "<a>   (reason)" after its heading */
	one_reply("mcafee.eml", "From: postmaster@h.example\nSubject: Returned mail\n\n"
	    "    --- The following addresses had delivery problems ---\n\n"
	    "<nobody@customer.example>   (nobody@customer.example... No such user)\n",
	    "nobody@customer.example",
	    "nobody@customer.example... No such user", "");
	/*
	 * Verizon (vzwpix.com): the reason after "Error:", the address in the
	 * copy
	 */
	one_reply("verizon.eml", "From: sysadmin@vzwpix.example\n"
	    "Subject: Undeliverable Message\n\n"
	    "Message could not be delivered to mobile.\n"
	    "Error: No valid recipients for this MM\n\n"
	    "Original Message:\nFrom: sender <sender@h.example>\n"
	    "To: 0000000000@vzwpix.example\nSubject: hello\n",
	    "0000000000@vzwpix.example", "No valid recipients for this MM", "");
	/* MXLogic: the address listed again alone is no second recipient */
	one_reply("mxlogic.eml", "From: Mail Delivery System <MAILER-DAEMON@h.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you have sent could not be delivered to one or more\n"
	    "recipients.  This is a permanent error.  The following address failed:\n\n"
	    "  <nobody@customer.example>: 550 unknown user\n"
	    "<nobody@customer.example>\n\n\n\n"
	    "Included is a copy of the message header:\n"
	    "-----------------------------------------\n"
	    "Received: from h.example (h.example [192.0.2.9])\n"
	    "From: sender@h.example\nTo: nobody@customer.example\n",
	    "nobody@customer.example", "550 unknown user", "");
	/*
	 * Exchange 2007 and later: the notice names the address, then again
	 * above its diagnostic line "#550 5.7.1 ... ##rfc822;a"
	 */
	one_reply("exchange2007.eml", "From: postmaster@h.example\n"
	    "Subject: Undeliverable: hello\n\n"
	    "Delivery has failed to these recipients or groups:\n\n"
	    "nobody@customer.example<mailto:nobody@customer.example>\n"
	    "Your message can't be delivered because delivery to this address is restricted.\n\n\n\n"
	    "Diagnostic information for administrators:\n\n"
	    "Generating server: h.example\n\n"
	    "nobody@customer.example\n"
	    "#550 5.7.1 RESOLVER.RST.AuthRequired; authentication required ##rfc822;nobody@customer.example\n\n"
	    "Original message headers:\n\nReceived: from h.example\n",
	    "nobody@customer.example",
	    "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required",
	    "5.7.1");
	/*
	 * Exchange's NDR in Chinese, pasted: the reply ends at "原始邮件头:"
	 * (its "Original message headers:"), the returned headers under it
	 */
	one_message("exchange-zh.txt", "无法传递到以下收件人或组:\n\n"
	    "nobody@customer.example\n找不到你尝试联系的电子邮件地址。\n\n"
	    "针对电子邮件管理员的诊断信息:\n\n生成服务器: h.example\n\n"
	    "nobody@customer.example\n"
	    "远程服务器返回'550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'\n\n"
	    "原始邮件头:\n\nFrom: sales@example.cn\nSubject: 报价\n"
	    "Message-ID: <zh1@example.cn>\n", &r);
	assert_string_equal(r.rcpts[0].text,
	    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found");
	assert_string_equal(r.original.subject, "报价");
	explain_result_free(&r);
	/*
	 * copied from a web page or a chat, the reply sits in typographic
	 * quotes: the closing one is not the server's (a Japanese notice's
	 * 「」 likewise); a server's own closing quote without the opening
	 * one before the reply stays
	 */
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++) {
		snprintf(path, sizeof(path), "%s/wide%zu.txt", tmpdir, i);
		snprintf(text, sizeof(text), "无法传递到以下收件人或组:\n\n"
		    "nobody@customer.example\n远程服务器返回%s550 5.1.10 "
		    "RESOLVER.ADR.RecipientNotFound; not found%s\n",
		    wide[i][0], wide[i][1]);
		write_file(path, text);
		explainfile(path, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_string_equal(r.rcpts[0].text, wide[i][2]);
		explain_result_free(&r);
	}
	/* Sendmail: the remote's "<<<" lines of the transcript, and its host */
	snprintf(path, sizeof(path), "%s/sendmail-text.eml", tmpdir);
	write_file(path, "From: Mail Delivery Subsystem <MAILER-DAEMON@h.example>\n"
	    "Subject: Returned mail: see transcript for details\n\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<nobody@customer.example>\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to mx.customer.example.:\n"
	    ">>> DATA\n"
	    "<<< 550-5.7.1 This message was blocked because its content presents a\n"
	    "<<< 550 5.7.1 potential security issue.\n"
	    "554 5.0.0 Service unavailable\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].text, "550-5.7.1 This message was "
	    "blocked because its content presents a potential security issue.");
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	explain_result_free(&r);
	/*
	 * Sendmail's transcript names the command before the reply: a 5xx
	 * to EHLO is not written, the HELO tried next is (usersmtp.c,
	 * reply()); its name refused, not the SMTP exchange
	 */
	snprintf(path, sizeof(path), "%s/sendmail-helo.eml", tmpdir);
	write_file(path, "From: Mail Delivery Subsystem <MAILER-DAEMON@h.example>\n"
	    "Subject: Returned mail: see transcript for details\n\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<nobody@customer.example>\n"
	    "    (reason: 501 5.0.0 Invalid domain name)\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to mx.customer.example.:\n"
	    ">>> HELO h.example\n"
	    "<<< 501 5.0.0 Invalid domain name\n"
	    "554 5.0.0 Service unavailable\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_int_equal(r.rcpts[0].stage, STAGE_EHLO);
	assert_true(r.rcpts[0].stage_said);
	assert_int_equal(r.rcpts[0].reason, REASON_HELO_REJECTED);
	explain_result_free(&r);
	/* dma: the host that "did not like our" command gave the reply */
	snprintf(path, sizeof(path), "%s/dma.eml", tmpdir);
	write_file(path, "From: MAILER-DAEMON@h.example\n"
	    "Subject: Mail delivery failed\n\n"
	    "This is the DragonFly Mail Agent v0.13 at h.example.\n\n"
	    "There was an error delivering your mail to <nobody@customer.example>.\n\n"
	    "mx.customer.example [192.0.2.1] did not like our final DATA:\n"
	    "554 5.7.9 Message not accepted for policy reasons.\n\n"
	    "Original message follows.\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].text,
	    "554 5.7.9 Message not accepted for policy reasons.");
	assert_string_equal(r.rcpts[0].remote_mta, "mx.customer.example");
	assert_int_equal(r.rcpts[0].stage, STAGE_DATA);
	assert_true(r.rcpts[0].stage_said);
	explain_result_free(&r);
	/* Office 365: "Error Details" ends at "DSN generated by:" */
	one_reply("o365.eml", "From: Microsoft Outlook <MAILER-DAEMON@h.example>\n"
	    "Subject: Undeliverable: hello\n\n"
	    "Your message to nobody@customer.example couldn't be delivered.\n\n"
	    "Original Message Details\n"
	    "Sender Address: sender@h.example\n"
	    "Recipient Address:      nobody@customer.example\n\n"
	    "Error Details\n"
	    "Reported error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found\n"
	    "DSN generated by:       h.example\n\n"
	    "Message Hops\nHOP     TIME (UTC)      FROM    TO\n",
	    "nobody@customer.example",
	    "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found",
	    "5.1.10");
	/* Exchange in French: its own headings */
	one_reply("exchange-fr.eml", "From: postmaster@h.example\n"
	    "Subject: Non remis : hello\n\n"
	    "kijitora@customer.example\n"
	    "L'adresse de messagerie que vous avez entr\xc3\xa9" "e est introuvable.\n\n"
	    "Informations de diagnostic pour les administrateurs :\n\n"
	    "kijitora@customer.example\n"
	    "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n\n"
	    "En-t\xc3\xaa" "tes de message d'origine :\n\n"
	    "Received: from h.example\n", "kijitora@customer.example",
	    "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "5.1.1");
	/* MailFoundry: its closing words are not the server's */
	one_reply("mailfoundry.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Message delivery has failed\n\n"
	    "Unable to deliver message to: <nobody@customer.example>\n"
	    "Delivery failed for the following reason:\n"
	    "Server mx.customer.example[192.0.2.1] failed with: 550 <nobody@customer.example> No such user here\n\n"
	    "This has been a permanent failure.  No further delivery attempts will be made.\n",
	    "nobody@customer.example",
	    "550 <nobody@customer.example> No such user here", "");
	/* Courier: the transcript between rules of dashes */
	one_reply("courier.eml", "From: Courier mail server at h.example <postmaster@h.example>\n"
	    "Subject: NOTICE: mail delivery status.\n\n"
	    "This is a delivery status notification from h.example,\n"
	    "running the Courier mail server, version 0.65.2.\n\n"
	    "---------------------------------------------------------------------------\n\n"
	    "                           UNDELIVERABLE MAIL\n\n"
	    "Your message to the following recipients cannot be delivered:\n\n"
	    "<nobody@customer.example>:\n"
	    "    mx.customer.example [192.0.2.1]:\n"
	    ">>> RCPT TO:<nobody@customer.example>\n"
	    "<<< 550 5.1.1 <nobody@customer.example>... User Unknown\n\n"
	    "---------------------------------------------------------------------------\n\n"
	    "If your message was also sent to additional recipients, their delivery\n"
	    "status is not included in this report.\n", "nobody@customer.example",
	    "550 5.1.1 <nobody@customer.example>... User Unknown", "5.1.1");
	/* MailMarshal SMTP: the reason first, the recipients after it */
	one_reply("mailmarshal.eml", "From: postmaster@h.example\n"
	    "Subject: Undeliverable Mail\n\n"
	    "Your message:\n   From:    sender@h.example\n   Subject: hello\n\n"
	    "Could not be delivered because of\n\n550 5.1.1 User unknown\n\n"
	    "The following recipients were affected:\n"
	    "   nobody@customer.example\n\n"
	    "Additional Information\n======================\n\n"
	    "Original Sender:    <sender@h.example>\n"
	    "Remote-MTA:         <192.0.2.1>\n", "nobody@customer.example",
	    "550 5.1.1 User unknown", "5.1.1");
	/* X1: the reason in brackets after the address; the copy's headers */
	one_reply("x1.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Returned Mail: Error During Delivery\n\n"
	    "The original message was received at Thu, 29 Apr 2010 23:34:45 +0900 (JST)\n"
	    "from sender@h.example\n\n"
	    "---The following addresses had delivery errors---\n\n"
	    "nobody@customer.example [User unknown]\n\n"
	    "Received: from 192.0.2.9 by h.example\n", "nobody@customer.example",
	    "User unknown", "");
	/*
	 * Smail 3: the reason after " a ... failed:"; Deutsche Telekom's
	 * fork: the reply below " <a>"; the banner of the copy no reply
	 */
	one_reply("smail.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: mail failed, returning to sender\n\n"
	    "|------------------------- Message log follows: -------------------------|\n"
	    " no valid recipients were found for this message\n"
	    "|------------------------- Failed addresses follow: ---------------------|\n"
	    " nobody@customer.example ... failed: unknown user\n"
	    "|------------------------- Message text follows: ------------------------|\n"
	    "To: nobody@customer.example\n", "nobody@customer.example",
	    "unknown user", "");
	one_reply("dtag.eml", "From: Mail Delivery System <Mailer-Daemon@h.example>\n"
	    "Subject: mail failed, returning to sender\n\n"
	    "|------------------------- Failed addresses follow: ---------------------|\n"
	    " <nobody@customer.example>\n"
	    "   552 5.2.2 <nobody@customer.example> Quota exceeded\n"
	    "|------------------------- Message header follows: ----------------------|\n"
	    "To: nobody@customer.example\n", "nobody@customer.example",
	    "552 5.2.2 <nobody@customer.example> Quota exceeded", "5.2.2");
	/* Sendmail V5: a result line naming a host; the copy's To: */
	one_reply("v5.eml", "From: MAILER-DAEMON@h.example\n"
	    "To: sender@h.example\nSubject: Returned mail: Deferred: Connection timed out\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "421 customer.example (smtp)... Deferred: Connection timed out\n\n"
	    "   ----- Unsent message follows -----\n"
	    "From: sender@h.example\nTo: nobody@customer.example\n\nHello\n",
	    "nobody@customer.example",
	    "421 customer.example (smtp)... Deferred: Connection timed out", "");
	/* Exchange 2000/2003: the reply inside "<host #5.1.1 smtp;...>" */
	one_reply("exchange2003.eml", "From: postmaster@h.example\n"
	    "Subject: Undeliverable: hello\n\n"
	    "Your message\n\n  To:      nobody@customer.example\n"
	    "  Subject: hello\n\n"
	    "did not reach the following recipient(s):\n\n"
	    "nobody@customer.example on 4/29/99 9:19:59 AM\n"
	    "    The e-mail account does not exist at the organization this message was sent to.\n"
	    "    <mx.customer.example #5.1.1 smtp;550 5.1.1 <nobody@customer.example>... User Unknown>\n",
	    "nobody@customer.example",
	    "550 5.1.1 <nobody@customer.example>... User Unknown", "5.1.1");
	/* Google Workspace: the reply after "The response was:" */
	one_reply("workspace.eml", "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "Subject: Delivery Status Notification (Failure)\n\n"
	    "** Message not delivered **\n\n"
	    "There was a problem delivering your message to nobody@customer.example. "
	    "See the technical details below.\n\nThe response was:\n\n"
	    "The recipient server did not accept our requests to connect.\n",
	    "nobody@customer.example",
	    "The recipient server did not accept our requests to connect.", "");

	/* Exchange's words around a reply in a DSN's Diagnostic-Code, the
	 * reply with or without its reply code */
	memset(&x, 0, sizeof(x));
	dsn_diagnostic("smtp; Remote Server returned '5.7.1 Unauthenticated "
	    "email is not accepted'", 74, &x);
	assert_string_equal(x.text, "5.7.1 Unauthenticated email is not "
	    "accepted");
	assert_string_equal(x.enhanced, "5.7.1");
	explain_rcpt_clear(&x);
	memset(&x, 0, sizeof(x));
	dsn_diagnostic("smtp; Remote Server returned '550 5.1.1 User unknown'",
	    53, &x);
	assert_string_equal(x.text, "550 5.1.1 User unknown");
	explain_rcpt_clear(&x);

	/* Amazon SES: the last remote reply in angle brackets wins */
	memset(&x, 0, sizeof(x));
	dsn_diagnostic("smtp; 554 4.4.7 Message expired: unable to deliver in "
	    "840 minutes.<421 4.4.2 Connection timed out>", 97, &x);
	assert_int_equal(x.code, 421);
	assert_string_equal(x.enhanced, "4.4.2");
	explain_rcpt_clear(&x);

	/* an RFC 2047 encoded-word as the local part */
	a = explain_address("<=?utf-8?B?8J+QiA==?=@example.org>...", 37);
	assert_string_equal(a, "=?utf-8?B?8J+QiA==?=@example.org");
	free(a);
}

/*
 * explain_address() reads a run of address characters with several '@'
 * ("a@a@a@...", a hostile line's) once, not once for each '@': the run's
 * start, end and last dot serve each of its '@' signs, as they did when
 * each was found again - an '@' with nothing before it, one whose domain
 * has no dot (a dot before it does not count), trailing dots and colons
 * cut.  The fuzz seed explain_text/slow-at-run is such a line.
 */
static void
test_address_runs(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: none */
	} cases[] = {
		{ "x@y a@a@b.example. rest", "a@a@b.example" },
		{ "@b.c@d x@y.z", "x@y.z" },
		{ "@b@c.d", "@b@c.d" },
		{ "a.b@c@d x@y.z:", "x@y.z" },
		{ "a@b.c@d e@f.g", "a@b.c@d" },
		{ "to: <a@b.example>...", "a@b.example" },
		{ "a=b@c.d", "b@c.d" },
		{ "a@a@a@a", NULL },
		{ "a@b.:.:", NULL },
	};
	char line[EXPLAIN_FIELD_MAX + 64], *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = explain_address(cases[i].in, strlen(cases[i].in));
		if (cases[i].want == NULL)
			assert_null(a);
		else
			assert_string_equal(a, cases[i].want);
		free(a);
	}
	/* one run of 2000 '@' signs, a dot only at its end: the whole run */
	for (i = 0; i < 4000; i += 2)
		memcpy(line + i, "a@", 2);
	memcpy(line + i, "b.c", 4);
	a = explain_address(line, strlen(line));
	assert_non_null(a);
	assert_int_equal(strlen(a), 4003);
	free(a);
	/* the dot past EXPLAIN_FIELD_MAX is not read: no address */
	for (i = 0; i < EXPLAIN_FIELD_MAX; i += 2)
		memcpy(line + i, "a@", 2);
	memcpy(line + i, "b.c", 4);
	assert_null(explain_address(line, strlen(line)));
}

/*
 * Addresses in UTF-8 (RFC 6531/6532) are named where a text holds no
 * ASCII one: a UTF-8 local part, an IDN domain (libidn2), ended by
 * Chinese punctuation, an ASCII top-level label glued to Chinese text cut
 * ("qq.com联系"); not a local part longer than 64 octets (prose run into
 * an '@'), invalid UTF-8, a domain libidn2 refuses or without a dot, or
 * Chinese prose with an '@' and no domain.  An ASCII address still wins.
 */
static void
test_address_utf8(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: none */
	} cases[] = {
		{ "utf-8; 张伟@例子.公司", "张伟@例子.公司" },
		{ "rfc822; <sales@例子.中国>", "sales@例子.中国" },
		{ "用户@qq.com联系我们", "用户@qq.com" },
		{ "收件人：张伟@例子.公司。谢谢", "张伟@例子.公司" },
		{ "“张伟@例子.公司”，", "张伟@例子.公司" },
		{ "...张伟@例子.公司", "张伟@例子.公司" },
		{ "张伟@例子.公司 <a@b.example>", "a@b.example" },
		{ "这是一段没有域名的中文@文字", NULL },
		{ "张伟@例子", NULL },
		{ "张伟@例子.", NULL },
		{ "张伟@-例子-.公司", NULL },
		{ "张伟@例子..公司", NULL },
		{ "张伟@xn--zz.公司", NULL },
		{ "张\xff伟@例子.公司", "伟@例子.公司" },
		{ "\xe5\xbc@例子.公司", NULL },
		{ "张伟@例\x80子.公司", NULL },
		{ "这是一段很长的中文句子它一直写下去没有空格也没有标点符号直到碰到@例子.公司", NULL },
	};
	char line[EXPLAIN_FIELD_MAX + 64], *a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = explain_address(cases[i].in, strlen(cases[i].in));
		if (cases[i].want == NULL) {
			if (a != NULL)
				print_error("%s: got %s\n", cases[i].in, a);
			assert_null(a);
		} else
			assert_string_equal(a, cases[i].want);
		free(a);
	}
	/* a local part of 64 octets is one, of 65 none */
	memset(line, 'a', 61);
	memcpy(line + 61, "张@例子.公司", strlen("张@例子.公司") + 1);
	a = explain_address(line, strlen(line));
	assert_non_null(a);
	free(a);
	memset(line, 'a', 62);
	memcpy(line + 62, "张@例子.公司", strlen("张@例子.公司") + 1);
	assert_null(explain_address(line, strlen(line)));
	/* a line of '@' between UTF-8 words: none, bounded by the field */
	for (i = 0; i + 4 < EXPLAIN_FIELD_MAX + 32; i += 4)
		memcpy(line + i, "\xe5\xbc\xa0@", 4);
	line[i] = '\0';
	assert_null(explain_address(line, strlen(line)));
}

/*
 * RFC 6533 section 3: a "utf-8" address type may write a character as
 * "\x{HEXPOINT}": decoded to UTF-8 in the shortest form only (2 digits
 * for U+0080-U+00FF and the specials '+', '=', '\'; 3 to 6 with no
 * leading zero), either case of hex; a surrogate, a value past U+10FFFF,
 * a longer spelling, 1 or 7 digits, an empty or open escape, a control or
 * a space is refused whole.  In a DSN the decoded address is named (also
 * when it starts with a non-ASCII character before ASCII ones, and as
 * Original-Recipient); one with a bad escape names none; "rfc822;" is
 * read as written.
 */
static void
test_address_rfc6533(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;	/* NULL: refused */
	} cases[] = {
		{ "utf-8; \\x{5F20}\\x{4F1F}@\\x{4F8B}\\x{5B50}.\\x{516C}\\x{53F8}",
		    "utf-8; 张伟@例子.公司" },
		{ "\\x{e9}a@example.com", "éa@example.com" },
		{ "\\x{E9}", "é" },
		{ "a\\x{2B}b\\x{3D}c\\x{5C}d", "a+b=c\\d" },
		{ "\\x{100}", "Ā" },
		{ "\\x{FFFD}", "\xef\xbf\xbd" },
		{ "\\x{D7FF}", "\xed\x9f\xbf" },
		{ "\\x{E000}", "\xee\x80\x80" },
		{ "\\x{1F600}", "\xf0\x9f\x98\x80" },
		{ "\\x{10FFFF}", "\xf4\x8f\xbf\xbf" },
		{ "plain@example.com", "plain@example.com" },
		{ "\\x{D800}", NULL },		/* surrogates */
		{ "\\x{DFFF}", NULL },
		{ "\\x{110000}", NULL },	/* past U+10FFFF */
		{ "\\x{FFFFFF}", NULL },
		{ "\\x{00E9}", NULL },		/* not the shortest form */
		{ "\\x{0E9}", NULL },
		{ "\\x{041}", NULL },
		{ "\\x{41}", NULL },		/* 'A' is written as itself */
		{ "\\x{0010FFFF}", NULL },	/* 8 digits */
		{ "\\x{1000000}", NULL },	/* 7 digits */
		{ "\\x{9}", NULL },		/* 1 digit */
		{ "\\x{}", NULL },
		{ "\\x{E9", NULL },
		{ "a\\x{", NULL },
		{ "\\x{G0}", NULL },
		{ "\\x{20}", NULL },		/* space */
		{ "\\x{0A}", NULL },		/* controls, C0, DEL and C1 */
		{ "\\x{01}", NULL },
		{ "\\x{7F}", NULL },
		{ "\\x{85}", NULL },
		{ "\\x{9F}", NULL },
	};
	struct explain_result r;
	const char *dsn;
	char *out, big[EXPLAIN_FIELD_MAX + 64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (utf8addr_unescape(cases[i].in, strlen(cases[i].in), &out) !=
		    0) {
			if (cases[i].want != NULL)
				print_error("%s: refused\n", cases[i].in);
			assert_null(cases[i].want);
			assert_null(out);
			continue;
		}
		if (cases[i].want == NULL)
			print_error("%s: got %s\n", cases[i].in, out);
		assert_non_null(cases[i].want);
		assert_string_equal(out, cases[i].want);
		free(out);
	}
	/* bounded: 8 bytes of escape are 3 of UTF-8; past EXPLAIN_FIELD_MAX
	 * nothing is read */
	for (i = 0; i + 8 <= EXPLAIN_FIELD_MAX; i += 8)
		memcpy(big + i, "\\x{10FF}", 8);
	big[i] = '\0';
	assert_int_equal(utf8addr_unescape(big, i, &out), 0);
	assert_int_equal(strlen(out), i / 8 * 3);
	free(out);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(utf8addr_unescape(big, sizeof(big) - 1, &out), 0);
	assert_int_equal(strlen(out), EXPLAIN_FIELD_MAX);
	free(out);

	dsn = "Final-Recipient: utf-8; \\x{5F20}\\x{4F1F}@\\x{4F8B}\\x{5B50}."
	    "\\x{516C}\\x{53F8}\nAction: failed\nStatus: 5.1.1\n\n"
	    "Original-Recipient: utf-8; \\x{E9}a@example.com\n"
	    "Final-Recipient: UTF-8; \\x{E9}a@example.com\nAction: failed\n"
	    "Status: 5.1.1\n\n"
	    "Final-Recipient: utf-8; \\x{D800}a@example.com\nAction: failed\n"
	    "Status: 5.1.1\n\n"
	    "Final-Recipient: rfc822; b@example.com\nAction: failed\n"
	    "Status: 5.1.1\n";
	memset(&r, 0, sizeof(r));
	assert_int_equal(dsn_parse(dsn, strlen(dsn), &r), 4);
	assert_non_null(r.rcpts[0].address);
	assert_string_equal(r.rcpts[0].address, "张伟@例子.公司");
	assert_non_null(r.rcpts[1].address);
	assert_string_equal(r.rcpts[1].address, "éa@example.com");
	assert_non_null(r.rcpts[1].original);
	assert_string_equal(r.rcpts[1].original, "éa@example.com");
	assert_null(r.rcpts[2].address);
	assert_string_equal(r.rcpts[3].address, "b@example.com");
	explain_result_free(&r);
}

static const char unreadable_dsn[] = "From: MAILER-DAEMON@example.org\n"
    "Subject: Undelivered\nMIME-Version: 1.0\nContent-Type: "
    "multipart/report; report-type=delivery-status; boundary=b\n\n"
    "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: "
    "dns; mx.example.org\n\nFinal-Recipient: rfc822; "
    "a\x1b[31m@example.com\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 no such user\n\n"
    "Final-Recipient: rfc822; b@example.com\nAction: failed\n"
    "Status: 5.1.1\n--b--\n";

/*
 * A control character inside a recipient field (ESC, BEL, DEL, C1 in
 * UTF-8, raw in either address type) makes the field name no address,
 * never the address-like text after it ("a\x1b[31m@example.com" is no
 * "31m@example.com"): the recipient comes from the Original-Recipient
 * (and is then not unreadable), else is said unreadable, en and zh, and
 * in the JSON (address_unreadable).  Folding (CR, LF, TAB) is no control
 * character.
 */
static void
test_address_control(void **state)
{
	static const char *const bad[] = {
		"rfc822; a\x1b[31m@example.com",
		"rfc822; a@exa\x07mple.com",
		"rfc822; a\x7f@example.com",
		"rfc822; a\xc2\x9b" "31m@example.com",
		"utf-8; \x1b[1m\xc3\xa9@example.com",
	};
	struct explain_result r;
	char dsn[256], path[256], *out;
	struct jsonw w;
	json_t *o, *rc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(dsn, sizeof(dsn), "Original-Recipient: %s\n"
		    "Final-Recipient: %s\nAction: failed\nStatus: 5.1.1\n\n"
		    "Final-Recipient: %s\nOriginal-Recipient: rfc822; "
		    "o@example.com\nAction: failed\nStatus: 5.1.1\n", bad[i],
		    bad[i], bad[i]);
		memset(&r, 0, sizeof(r));
		assert_int_equal(dsn_parse(dsn, strlen(dsn), &r), 2);
		if (r.rcpts[0].address != NULL || r.rcpts[0].original != NULL)
			fail_msg("%s read as an address", bad[i]);
		assert_true(r.rcpts[0].unreadable);
		assert_null(r.rcpts[1].address);
		assert_string_equal(r.rcpts[1].original, "o@example.com");
		explain_result_free(&r);
	}
	snprintf(dsn, sizeof(dsn), "Final-Recipient: rfc822;\r\n\t"
	    "a@example.com\nAction: failed\nStatus: 5.1.1\n");
	memset(&r, 0, sizeof(r));
	assert_int_equal(dsn_parse(dsn, strlen(dsn), &r), 1);
	assert_non_null(r.rcpts[0].address);
	assert_string_equal(r.rcpts[0].address, "a@example.com");
	assert_false(r.rcpts[0].unreadable);
	explain_result_free(&r);

	/* the scan of free text (a text bounce) alike (C1 as in a field,
	 * utf8_has_control): the word's address is none, the next clean one
	 * is read */
	static const struct {
		const char *in, *want;
	} text[] = {
		{ "a\x1b[31m@example.com", NULL },
		{ "<a\x1b[31m@example.com>: 550 no", NULL },
		{ "a@example.com\x07x", NULL },
		{ "a\x7f@example.com", NULL },
		{ "a\xc2\x9b" "31m@example.com", NULL },	/* C1 CSI */
		{ "<\"a\x1b[1m\"@example.com>", NULL },	/* quoted local */
		{ "x\x1b[0m a\x1b[1m@b.example and c@d.example", "c@d.example" },
		{ "\x1b[0m a@b.example", "a@b.example" },
		{ "\ta@b.example\r\n", "a@b.example" },
	};
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		out = explain_address(text[i].in, strlen(text[i].in));
		if (text[i].want == NULL && out != NULL)
			fail_msg("text %zu read as %s", i, out);
		if (text[i].want != NULL) {
			assert_non_null(out);
			assert_string_equal(out, text[i].want);
		}
		free(out);
	}

	out = printed("control.eml", unreadable_dsn, LANG_EN);
	assert_null(strstr(out, "31m@"));
	assert_non_null(strstr(out, "unreadable: the bounce wrote it with "
	    "control characters"));
	free(out);
	out = printed("control.eml", unreadable_dsn, LANG_ZH);
	assert_non_null(strstr(out, "无法读取：退信中写的地址含有控制字符"));
	free(out);

	/* the JSON says it too: address null, address_unreadable true; a
	 * readable recipient's is false */
	snprintf(path, sizeof(path), "%s/control.eml", tmpdir);
	write_file(path, unreadable_dsn);
	explainfile(path, &r);
	jsonw_init(&w);
	explain_json_write(&w, &r, path, 1, LANG_EN, NULL, NULL);
	assert_non_null(o = json_loadb(w.buf, w.len, 0, NULL));
	rc = json_object_get(o, "recipients");
	assert_int_equal(json_array_size(rc), 2);
	assert_true(json_is_null(json_object_get(json_array_get(rc, 0),
	    "address")));
	assert_true(json_is_true(json_object_get(json_array_get(rc, 0),
	    "address_unreadable")));
	assert_true(json_is_false(json_object_get(json_array_get(rc, 1),
	    "address_unreadable")));
	json_decref(o);
	jsonw_free(&w);
	explain_result_free(&r);

	/* named by its Original-Recipient after all: not unreadable */
	snprintf(path, sizeof(path), "%s/control-orig.eml", tmpdir);
	write_file(path, "From: MAILER-DAEMON@example.org\nSubject: "
	    "Undelivered\nMIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=b\n\n--b\nContent-Type: "
	    "message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n"
	    "\nFinal-Recipient: rfc822; a\x1b[31m@example.com\n"
	    "Original-Recipient: rfc822; o@example.com\nAction: failed\n"
	    "Status: 5.1.1\n--b--\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_non_null(r.rcpts[0].address);
	assert_string_equal(r.rcpts[0].address, "o@example.com");
	assert_false(r.rcpts[0].unreadable);
	explain_result_free(&r);
}

/*
 * A text bounce (no DSN part) whose recipient line holds its address
 * written with control characters: a recipient all the same, its address
 * null and unreadable, its reason from the reply (qmail, Exim).  Raw
 * ISO-2022-JP text's charset switches by an address are no control: the
 * address is read as before, no unreadable recipient made.
 */
static void
test_text_unreadable(void **state)
{
	static const char *const bounces[] = {
		"From: MAILER-DAEMON@h.example\nTo: s@h.example\n"
		"Subject: failure notice\n\n"
		"Hi. This is the qmail-send program at h.example.\n"
		"I'm afraid I wasn't able to deliver your message to the "
		"following addresses.\nThis is a permanent error; I've given "
		"up. Sorry it didn't work out.\n\n"
		"<a\x1b[31m@example.com>:\n"
		"192.0.2.1 does not like recipient.\n"
		"Remote host said: 550 5.1.1 No such user\n"
		"Giving up on 192.0.2.1.\n\n"
		"--- Below this line is a copy of the message.\n\n"
		"From: s@h.example\nTo: x@other.example\n\nhi\n",
		"From: Mail Delivery System <Mailer-Daemon@h.example>\n"
		"Subject: Mail delivery failed: returning message to sender\n\n"
		"This message was created automatically by mail delivery "
		"software.\n\nA message that you sent could not be delivered "
		"to one or more of its\nrecipients. This is a permanent error. "
		"The following address(es) failed:\n\n"
		"  a\x1b[31m@example.com\n"
		"    host mx.example.com [192.0.2.1]\n"
		"    SMTP error from remote mail server after RCPT TO:"
		"<a\x1b[31m@example.com>:\n"
		"    550 5.1.1 No such user\n\n"
		"------ This is a copy of the message, including all the "
		"headers. ------\nTo: x@other.example\n",
	};
	struct explain_result r;
	char path[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bounces) / sizeof(bounces[0]); i++) {
		snprintf(path, sizeof(path), "%s/textctl%zu.eml", tmpdir, i);
		write_file(path, bounces[i]);
		explainfile(path, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_null(r.rcpts[0].address);
		assert_true(r.rcpts[0].unreadable);
		assert_int_equal(r.rcpts[0].code, 550);
		assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
		explain_result_free(&r);
	}

	/*
	 * raw ISO-2022-JP (no charset said): "メール" by the address, after a
	 * space (read as before) or in its word (no unreadable recipient: the
	 * address is then not read, as before, and the copy's To names one)
	 */
	static const struct {
		const char *line, *want;
	} jis[] = {
		{ "<a@example.jp>: \x1b$B%a!<%k\x1b(B", "a@example.jp" },
		{ "<a@example.jp>\x1b$B%a!<%k\x1b(B:", "x@other.example" },
	};
	char text[512];

	for (i = 0; i < sizeof(jis) / sizeof(jis[0]); i++) {
		snprintf(path, sizeof(path), "%s/textjis%zu.eml", tmpdir, i);
		snprintf(text, sizeof(text), "From: MAILER-DAEMON@h.example\n"
		    "To: s@h.example\nSubject: failure notice\n\n"
		    "Hi. This is the qmail-send program at h.example.\n"
		    "I'm afraid I wasn't able to deliver your message to the "
		    "following addresses.\n\n%s\n"
		    "Remote host said: 550 5.1.1 No such user\n\n"
		    "--- Below this line is a copy of the message.\n\n"
		    "From: s@h.example\nTo: x@other.example\n\nhi\n",
		    jis[i].line);
		write_file(path, text);
		explainfile(path, &r);
		assert_int_equal(r.nrcpts, 1);
		assert_non_null(r.rcpts[0].address);
		assert_string_equal(r.rcpts[0].address, jis[i].want);
		assert_false(r.rcpts[0].unreadable);
		assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
		explain_result_free(&r);
	}
	/* and an address word that holds the switches: not unreadable */
	assert_false(explain_word_unreadable("\x1b$B%a\x1b(Ba@example.jp",
	    20, 9));
	assert_true(explain_word_unreadable("\x1b$B%a\x1b(Ba\x1b[1m@b.jp",
	    18, 13));
}

/*
 * The other readers that take a recipient from a text or a field: a
 * Sendmail result line, Sendmail's list of failed addresses, Exim's
 * X-Failed-Recipients, Tencent's and Coremail's notices, an Amazon SES
 * notification.  Each form with its address written with control
 * characters gives a recipient all the same, its address null and
 * unreadable, its reason from the reply; the same form with a clean
 * address reads it as before.  A recipient listed before it stays.
 */
static void
test_reader_unreadable(void **state)
{
	static const struct {
		const char *form;	/* "%s" thrice at most: the address */
		const char *dirty;	/* the address with control in it */
		size_t n, at;		/* recipients, which one is it */
		int code;
		enum reason reason;
	} forms[] = {
		{ "From: MAILER-DAEMON@h.example\nTo: s@h.example\n"
		    "Subject: Returned mail: User unknown\n\n"
		    "   ----- Transcript of session follows -----\n"
		    "While talking to mx.example.com:\n>>> RCPT To:<%s>\n"
		    "<<< 550 No such user\n550 <%s>... User unknown\n\n"
		    "   ----- Unsent message follows -----\n"
		    "From: s@h.example\nTo: x@other.example\n\nhi\n",
		    "a\x1b[31m@example.com", 1, 0, 550,
		    REASON_MAILBOX_UNKNOWN },
		{ "From: MAILER-DAEMON@h.example\nTo: s@h.example\n"
		    "Subject: Returned mail: see transcript for details\n\n"
		    "   ----- The following addresses had permanent fatal "
		    "errors -----\n<b@example.com>\n<%s>\n"
		    "    (reason: 550 5.1.1 User unknown)\n\n"
		    "   ----- Transcript of session follows -----\n"
		    "... while talking to mx.example.com.:\n>>> DATA\n"
		    "<<< 550 5.1.1 <%s>... User unknown\n"
		    "550 5.1.1 <%s>... User unknown\n\n"
		    "----- Original message follows -----\n"
		    "To: x@other.example\n\nhi\n",
		    "a\x1b[31m@example.com", 2, 1, 550,
		    REASON_MAILBOX_UNKNOWN },
		{ "From: Mail Delivery System <Mailer-Daemon@h.example>\n"
		    "To: s@h.example\nX-Failed-Recipients: b@example.com, %s\n"
		    "Subject: Mail delivery failed: returning message to "
		    "sender\n\nThis message was created automatically by mail "
		    "delivery software.\n\nA message that you sent could not "
		    "be delivered to one or more of its\nrecipients. This is "
		    "a permanent error.\n\n    550 5.1.1 No such user\n",
		    "a\x1b[31m@example.com", 2, 1, 550,
		    REASON_MAILBOX_UNKNOWN },
		{ "From: PostMaster@qq.com\nTo: s@qq.com\n"
		    "Content-Type: text/plain; charset=UTF-8\n\n"
		    "很抱歉您发送的邮件被退回，以下是该邮件的相关信息：\n被退回邮件\n"
		    "无法发送到 %s\n退信原因\nhost mx.example.com[192.0.2.1] "
		    "said: 550 5.1.1 No such user\n解决方案\n请联系收件人\n",
		    "a\x1b[31m@example.com", 1, 0, 550,
		    REASON_MAILBOX_UNKNOWN },
		{ "From: Postmaster@163.com\nTo: s@163.com\n"
		    "Content-Type: text/plain; charset=UTF-8\n\n"
		    "抱歉，您的邮件被退回来了……\n原邮件信息：\n收件人 b@example.com\n"
		    "收件人 %s\n\n退信原因：\n收件人不存在。\n"
		    "英文说明:user not found\n\n建议解决方案：\n请检查收件人地址。\n",
		    "a\x1b[31m@example.com", 2, 1, 0, REASON_MAILBOX_UNKNOWN },
		{ "From: no-reply@sns.amazonaws.com\nTo: s@h.example\n"
		    "Subject: AWS Notification Message\n"
		    "Content-Type: text/plain; charset=UTF-8\n\n"
		    "{\"notificationType\":\"Bounce\",\"bounce\":{"
		    "\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{"
		    "\"emailAddress\":\"%s\",\"action\":\"failed\","
		    "\"status\":\"5.1.1\",\"diagnosticCode\":\"smtp; 550 5.1.1 "
		    "user unknown\"}],\"reportingMTA\":\"dns; a.example\"}}\n",
		    "a\\u001b[31m@example.com", 1, 0, 550,
		    REASON_MAILBOX_UNKNOWN },
	};
	struct explain_result r;
	const struct explain_rcpt *x;
	char path[256], text[2048];
	const char *addr;
	size_t i, clean;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		for (clean = 0; clean < 2; clean++) {
			addr = clean ? "a@example.com" : forms[i].dirty;
			snprintf(path, sizeof(path), "%s/rdctl%zu%zu.eml",
			    tmpdir, i, clean);
			snprintf(text, sizeof(text), forms[i].form, addr,
			    addr, addr);
			write_file(path, text);
			explainfile(path, &r);
			assert_int_equal(r.nrcpts, forms[i].n);
			x = &r.rcpts[forms[i].at];
			if (clean) {
				assert_non_null(x->address);
				assert_string_equal(x->address,
				    "a@example.com");
				assert_false(x->unreadable);
			} else {
				assert_null(x->address);
				assert_true(x->unreadable);
			}
			if (forms[i].at > 0)
				assert_string_equal(r.rcpts[0].address,
				    "b@example.com");
			assert_int_equal(x->code, forms[i].code);
			assert_int_equal(x->reason, forms[i].reason);
			explain_result_free(&r);
		}
	static const char lead[] = " <a\x1b[1m@b.example>",
	    after[] = "a@b.example \x1b[1m", none[] = "\x1b[1m no address";

	assert_true(explain_lead_unreadable(lead, strlen(lead)));
	assert_false(explain_lead_unreadable(after, strlen(after)));
	assert_false(explain_lead_unreadable(none, strlen(none)));
}

/*
 * qmail-remote writes its own "Giving up on IP." after the server's words
 * (qmail-remote.c, smtp()): the reply quoted ends before it.
 */
static void
test_qmail_giving_up(void **state)
{
	struct explain_result r;
	char path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/qmail-giveup.eml", tmpdir);
	write_file(path, "From: MAILER-DAEMON@h.example\nTo: s@h.example\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at h.example.\n"
	    "I'm afraid I wasn't able to deliver your message to the "
	    "following addresses.\n\n"
	    "<a@example.com>:\n192.0.2.1 does not like recipient.\n"
	    "Remote host said: 550 5.1.1 No such user\n"
	    "Giving up on 192.0.2.1.\n\n"
	    "--- Below this line is a copy of the message.\n\n"
	    "From: s@h.example\nTo: a@example.com\n\nhi\n");
	explainfile(path, &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "a@example.com");
	assert_string_equal(r.rcpts[0].text, "550 5.1.1 No such user");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	explain_result_free(&r);
}

/*
 * A recipient whose reader named no command (explain_finish() alone, as
 * test_explain_phrases and an Amazon SES reply give it) takes the one its
 * reply's own words name: Postfix's "(in reply to MAIL FROM command)" is
 * about the sender, Exim's "after initial connection:" the greeting (a
 * refusal of the sending host); a stage the reader gave stands.
 */
static void
test_stage_from_text(void **state)
{
	static const struct {
		const char	*text;
		enum stage	 said;		/* STAGE__LAST: none */
		enum stage	 stage;
		enum reason	 reason;
	} cases[] = {
		{ "550 5.7.1 Access denied (in reply to MAIL FROM command)",
		    STAGE__LAST, STAGE_MAIL, REASON_SENDER_REJECTED },
		{ "SMTP error from remote mail server after initial connection: "
		    "554 Sorry, go away", STAGE__LAST, STAGE_BANNER,
		    REASON_REPUTATION_OR_RATE },
		{ "550 5.7.1 Access denied", STAGE__LAST, STAGE_DATA,
		    REASON_POLICY_OTHER },
		{ "550 5.7.1 Access denied (in reply to MAIL FROM command)",
		    STAGE_RCPT, STAGE_RCPT, REASON_POLICY_OTHER },
	};
	struct explain_result r;
	struct explain_rcpt *x;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&r, 0, sizeof(r));
		r.kind = EXPLAIN_FAILURE;
		assert_non_null(x = explain_rcpt_add(&r));
		x->action = ACTION_FAILED;
		x->code = 550;
		x->text = xstrdup(cases[i].text);
		if (cases[i].said != STAGE__LAST)
			explain_rcpt_stage(x, cases[i].said);
		explain_finish(&r);
		assert_int_equal(r.rcpts[0].stage, cases[i].stage);
		assert_int_equal(r.rcpts[0].reason, cases[i].reason);
		explain_result_free(&r);
	}
}

/* mtacue_reason_in on text, lowered and prepared as explain does. */
static enum reason
cue_reason(const char *text, const char *format, int *flags)
{
	struct memfind_text mt;
	size_t len = strlen(text);
	char *l = extract_lower(text, len);
	enum reason r;

	memfind_prepare(&mt, l, len);
	r = mtacue_reason_in(&mt, format, flags);
	free(l);
	return r;
}

/*
 * The sending MTA's own words, as each system writes them (Sisimai's Lhost
 * modules list them), give their reason; a qmail message with no reply
 * code ends as the reason its decisive words give, with its verdict.
 */
static void
test_mtacues(void **state)
{
	static const struct {
		const char	*text;
		enum reason	 reason;
	} cases[] = {
		{ "Envelope expired", REASON_EXPIRED },
		{ "No valid route to remote MX", REASON_CONNECTION_FAILED },
		{ "No MX found for domain", REASON_DOMAIN_NO_MAIL },
		{ "Destination seem to reject all mails",
		    REASON_REPUTATION_OR_RATE },
		{ "fml <ml@example.org> has detected a loop condition so that",
		    REASON_MAIL_LOOP },
		{ "Loop Back Warning: [ml@example.org]", REASON_MAIL_LOOP },
		{ "/bin/sh: /usr/bin/x: bad interpreter: No such file or "
		    "directory", REASON_MAILER_ERROR },
		/* refused: words that head any failure and name no cause */
		{ "Delivery failed 3 attempts", REASON__LAST },
		{ "Unable to deliver message to <a@b.example> (and other "
		    "recipients in the same domain).", REASON__LAST },
		{ "no host found for existing SMTP connection", REASON__LAST },
		{ "Security alert: a@b.example", REASON__LAST },
		/*
		 * Exim's null MX (routers/dnslookup.c), not RFC 5321's
		 * greeting that refuses the session, a receiver's reply
		 */
		{ "an MX or SRV record indicated no SMTP service",
		    REASON_NULL_MX },
		{ "554 No SMTP service here", REASON__LAST },
		/* a format's own words mean nothing without the format */
		{ "Invalid domain name", REASON__LAST },
		{ "Unable to chdir to maildir. (#4.2.1)", REASON__LAST },
		{ "Reject Spammers:", REASON__LAST },
		{ "DNS lookup failed.", REASON_DNS_FAILURE },
		{ "DNS Error: 80458680 DNS type 'mx' lookup of x.example "
		    "responded with code NOERROR The domain x.example doesn't "
		    "receive email according to the administrator: returned "
		    "Null MX https://www.rfc-editor.org/info/rfc7505",
		    REASON_NULL_MX },
		{ "SMTP login to mx.example.net failed", REASON_LOGIN_REQUIRED },
		{ "all host address lookups failed permanently",
		    REASON_DOMAIN_NOT_FOUND },
		/*
		 * qmail-remote: perm_dns() for a name the DNS does not know,
		 * perm_nomx() for one without MX and address
		 */
		{ "Sorry, I couldn't find any host named x.example. (#5.1.2)",
		    REASON_DOMAIN_NOT_FOUND },
		{ "Sorry, I couldn't find a mail exchanger or IP address. "
		    "(#5.4.4)", REASON_DOMAIN_NO_MAIL },
		{ "Illegal host/domain name found", REASON_DOMAIN_NOT_FOUND },
		/*
		 * Sendmail (err.c): HOST_NOT_FOUND "host not found", NO_DATA
		 * "no data known"; Postfix (dns_strerror): NXDOMAIN "Host not
		 * found", NO_DATA "Host found but no data record of requested
		 * type"; Exim's route.c default; dma; Outlook.com's 5.4.310
		 */
		{ "Host unknown (Name server: x.example: host not found)",
		    REASON_DOMAIN_NOT_FOUND },
		{ "Host unknown (Name server: x.example: no data known)",
		    REASON_DOMAIN_NO_MAIL },
		{ "Host or domain name not found. Name service error for "
		    "name=x.example type=A: Host found but no data record of "
		    "requested type", REASON_DOMAIN_NO_MAIL },
		{ "Host or domain name not found. Name service error for "
		    "name=x.example type=MX: Host not found",
		    REASON_DOMAIN_NOT_FOUND },
		{ "Host or domain name not found. Name service error for "
		    "name=x.example type=MX: Host not found, try again",
		    REASON_DNS_FAILURE },
		{ "unrouteable mail domain \"x.example\"",
		    REASON_DOMAIN_NOT_FOUND },
		{ "DNS lookup failure: host x.example not found",
		    REASON_DOMAIN_NOT_FOUND },
		{ "The mail could not be delivered to the recipient because the "
		    "domain is not reachable.", REASON_DOMAIN_NOT_FOUND },
		{ "User x non répertorié dans l'annuaire Domino",
		    REASON_MAILBOX_UNKNOWN },
		{ "Unable to contact LDAP server (#4.4.3)",
		    REASON_REMOTE_SERVER_ERROR },
		{ "Message has exceeded maximum hop count", REASON_MAIL_LOOP },
		{ "mail forwarding loop for a@b.example", REASON_MAIL_LOOP },
		{ "This message is looping: it already has my Delivered-To "
		    "line. (#5.4.6)", REASON_MAIL_LOOP },
		{ "Message 1Pxyz-000000-Aa has been frozen", REASON_EXPIRED },
		{ "The user(s) account is temporarily limited.",
		    REASON_MAILBOX_DISABLED },
		{ "The mail server could not deliver mail to a@b.example. The "
		    "account or domain may not exist, they may be blacklisted, "
		    "or missing the proper dns entries.", REASON_DOMAIN_NOT_FOUND },
		/*
		 * a connection, once made, that stopped answering or was
		 * closed: Postfix smtp(8), Exim's smtp transport
		 */
		{ "conversation with mx.example.net[192.0.2.1] timed out while "
		    "receiving the initial server greeting", REASON_TIMEOUT },
		{ "Remote host closed connection in response to end of data",
		    REASON_CONNECTION_FAILED },
		/* giving up, in each MTA's documented words (mtacues.c) */
		{ "connect to mx.example.net[192.0.2.1]:25: Connection timed "
		    "out", REASON_EXPIRED },
		{ "Deferred: Connection refused by mx.example.net.\nMessage "
		    "could not be delivered for 5 days", REASON_EXPIRED },
		{ "Host not reachable", REASON_EXPIRED },
		{ "Too many retries failure. Bouncing after 5 retries.",
		    REASON_EXPIRED },
		/* the resolver's and the kernel's words, as MTAs quote them */
		{ "Host name lookup failure", REASON_DNS_FAILURE },
		{ "Malformed or unexpected name server reply",
		    REASON_DNS_FAILURE },
		{ "The DNS records for the destination computer could not be "
		    "found", REASON_DNS_FAILURE },
		{ "mx.b.example: Name or service not known",
		    REASON_DOMAIN_NOT_FOUND },
		{ "connect to mx.b.example[192.0.2.1]:25: Network is "
		    "unreachable", REASON_CONNECTION_FAILED },
		{ "Message probably in a routing loop", REASON_MAIL_LOOP },
		{ "A loop was found in the Mail eXchanger", REASON_MAIL_LOOP },
		{ "delivery temporarily suspended: connect to "
		    "mx.example.net[192.0.2.1]:25: Connection refused",
		    REASON_EXPIRED },
		{ "connect to mx.example.net[192.0.2.1]:25: Connection refused",
		    REASON_CONNECTION_FAILED },
		/*
		 * one rule for a failed connection attempt the sender gave up
		 * on, in every system's words: expired (mtacues.c); a cause
		 * past the attempt beside the giving up stays the cause
		 */
		{ "Sorry, I wasn't able to establish an SMTP connection. "
		    "(#4.4.1)\nI'm not going to try again; this message has "
		    "been in the queue too long.", REASON_EXPIRED },
		{ "Sorry, I wasn't able to establish an SMTP connection. "
		    "(#4.4.1)", REASON_CONNECTION_FAILED },
		{ "Deferred: Name server: mx.example.net.: host name lookup "
		    "failure\nMessage could not be delivered for 5 days",
		    REASON_DNS_FAILURE },
		{ "delivery temporarily suspended: lost connection with "
		    "mx.example.net[192.0.2.1] while receiving the initial "
		    "server greeting", REASON_CONNECTION_FAILED },
		{ "delivery temporarily suspended: Host or domain name not "
		    "found. Name service error for name=b.example type=MX",
		    REASON_DNS_FAILURE },
		/*
		 * the receiving side ended the connection, in each system's
		 * words: a failed connection, what a sender gives up on
		 * (mtacues.c)
		 */
		{ "Deferred: Connection reset by mx.example.net",
		    REASON_CONNECTION_FAILED },
		{ "Deferred: Connection reset by mx.example.net\nMessage "
		    "could not be delivered for 5 days", REASON_EXPIRED },
		{ "read error: Connection reset by peer",
		    REASON_CONNECTION_FAILED },
		{ "[mx.example.net. 192.0.2.1: Connection was dropped by "
		    "remote host]", REASON_CONNECTION_FAILED },
		{ "451 4.4.2 Connection dropped", REASON_CONNECTION_FAILED },
		{ "connect to mx.example.net: Host unreachable",
		    REASON_CONNECTION_FAILED },
		/* Courier's esmtp client (module.esmtp/libesmtp.c) */
		{ "Connection closed by remote host",
		    REASON_CONNECTION_FAILED },
		{ "Network connection shut down by the remote mail server",
		    REASON_CONNECTION_FAILED },
		{ "Did not find a suitable MX for a connection",
		    REASON_NO_ADDRESS },
		{ "connect to mx.example.net: Host unreachable\nI'm not going "
		    "to try again; this message has been in the queue too "
		    "long.", REASON_EXPIRED },
		/* still trying: the delay notices */
		{ "There was a temporary problem delivering your message to "
		    "a@b.example. Gmail will retry for 46 more hours.",
		    REASON_DELAYED },
		{ "This message hasn't been delivered yet. Delivery will "
		    "continue to be attempted.", REASON_DELAYED },
		{ "A message that you sent has not yet been delivered to one or "
		    "more of its recipients after more than 24 hours on the "
		    "queue", REASON_DELAYED },
		{ "Warning: could not send message for past 4 hours",
		    REASON_DELAYED },
		/* each system's own words (go-sisimai lhost/via-*.go) */
		{ "Unrouteable address", REASON_DOMAIN_NOT_FOUND },
		{ "DNS Error: Domain name not found", REASON_DOMAIN_NOT_FOUND },
		{ "DNS Error: DNS server returned answer with no data",
		    REASON_DOMAIN_NO_MAIL },
		{ "DNS Error: Address resolution of x.example. failed: DNS "
		    "server returned answer with no data", REASON_DOMAIN_NO_MAIL },
		{ "DNS Error: Could not contact DNS servers", REASON_DNS_FAILURE },
		{ "MSEXCH:IMS:EXAMPLE:EXCHANGE 0 (00050311) Conversion to "
		    "Internet format failed", REASON_CONTENT_FORMAT },
		{ "550 4.4.7 QUEUE.Expired; message expired", REASON_EXPIRED },
		{ "Delay reason: SMTP error from remote mail server after RCPT",
		    REASON_DELAYED },
		{ "NOT MEMBER article from a@b.example", REASON_SENDER_REJECTED },
		{ "User x no se encuentra en el Directorio de Domino",
		    REASON_MAILBOX_UNKNOWN },
		{ "Please note that this is only a temporary failure report.",
		    REASON_DELAYED },
		{ "Warning: message still undelivered after 4 hours",
		    REASON_DELAYED },
		{ "550 5.1.1 User unknown", REASON__LAST },
	};
	/* words scoped to one format (mtacues.c), read only in it */
	static const struct {
		const char	*format, *text;
		enum reason	 reason;
	} scoped[] = {
		{ "opensmtpd", "Invalid domain name", REASON_DOMAIN_NOT_FOUND },
		{ "exim", "Invalid domain name", REASON__LAST },
		{ "qmail", "Unable to chdir to maildir. (#4.2.1)",
		    REASON_REMOTE_SERVER_ERROR },
		{ "qmail", "Unable to contact LDAP server (#4.4.3)",
		    REASON_REMOTE_SERVER_ERROR },
		{ "qmail", "Sorry, we were unable to deliver your message to "
		    "the following address", REASON__LAST },
		{ "qmail", "Unable to deliver message to <a@b.example>",
		    REASON__LAST },
		{ "verizon", "Error: No valid recipients for this MM",
		    REASON_MAILBOX_UNKNOWN },
		{ "verizon", "No valid recipients", REASON_MAILBOX_UNKNOWN },
		{ "postfix", "554 5.5.1 Error: no valid recipients",
		    REASON__LAST },
		{ "fml", "Reject Spammers:", REASON_SENDER_REJECTED },
		{ "fml", "reject mail from a@b.example", REASON_SENDER_REJECTED },
	};
	/* the flags the words that gave the reason carry (mtacues.h) */
	static const struct {
		const char	*text;
		int		 flags;
	} flagged[] = {
		{ "this message has been in the queue too long.",
		    MTACUE_GAVE_UP },
		{ "554 4.4.7 Message expired: unable to deliver in 840 minutes."
		    "<421 4.4.2 Connection timed out>", 0 },
		{ "lost connection with mx.example.net[192.0.2.1]",
		    MTACUE_DECIDES },
		/* a cause past the connection attempt, beside the giving up */
		{ "delivery temporarily suspended: conversation with "
		    "mx.example.net[192.0.2.1] timed out while sending end of "
		    "data -- message may be sent more than once",
		    MTACUE_DECIDES },
		/* Courier's MX pointing back at itself, past "mail loop" */
		{ "configuration error: mail loops back to myself (MX "
		    "problem).", MTACUE_DECIDES },
		{ "Sorry, I wasn't able to establish an SMTP connection. "
		    "(#4.4.1)", MTACUE_DECIDES | MTACUE_ATTEMPT },
		{ "connect to mx.example.net[192.0.2.1]:25: Connection refused",
		    MTACUE_ATTEMPT },
		{ "Connection reset by peer", MTACUE_ATTEMPT },
		{ "Host unreachable", MTACUE_ATTEMPT },
		{ "550 5.1.1 User unknown", 0 },
	};
	size_t i;
	int decisive;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(cue_reason(cases[i].text, NULL, &decisive),
		    cases[i].reason);
	for (i = 0; i < sizeof(scoped) / sizeof(scoped[0]); i++)
		assert_int_equal(cue_reason(scoped[i].text, scoped[i].format,
		    &decisive), scoped[i].reason);
	/*
	 * words of the giving up alone name no cause; a cause beside clears it
	 */
	for (i = 0; i < sizeof(flagged) / sizeof(flagged[0]); i++) {
		cue_reason(flagged[i].text, NULL, &decisive);
		assert_int_equal(decisive, flagged[i].flags);
	}
	/* qmail's failed connection attempt it gave up on, as Sendmail's */
	one_reason("qmail-noconn.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at h.example.\n"
	    "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
	    "<nobody@customer.example>:\n"
	    "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)\n"
	    "I'm not going to try again; this message has been in the queue too long.\n\n"
	    "--- Below this line is a copy of the message.\n",
	    REASON_EXPIRED, VERDICT_TEMPORARY);
	one_reason("sendmail-noconn.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: Returned mail: see transcript for details\n\n"
	    "   ----- The following addresses had permanent fatal errors -----\n"
	    "<nobody@customer.example>\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "<nobody@customer.example>... Deferred: Connection refused by mx.customer.example.\n"
	    "Message could not be delivered for 8 hours\n"
	    "Message will be deleted from queue\n",
	    REASON_EXPIRED, VERDICT_TEMPORARY);
	one_reason("qmail-nomx.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at h.example.\n"
	    "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
	    "<nobody@customer.example>:\n"
	    "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)\n\n"
	    "--- Below this line is a copy of the message.\n",
	    REASON_DOMAIN_NO_MAIL, VERDICT_NO_MAIL_DOMAIN);
	/* qmail-remote's perm_dns(): the name itself is unknown */
	one_reason("qmail-nxdomain.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at h.example.\n"
	    "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
	    "<nobody@customer.example>:\n"
	    "Sorry, I couldn't find any host named customer.example. (#5.1.2)\n\n"
	    "--- Below this line is a copy of the message.\n",
	    REASON_DOMAIN_NOT_FOUND, VERDICT_NO_MAIL_DOMAIN);
	/* OpenSMTPD's mta.c: the domain answered with no MX and no address */
	one_reason("opensmtpd-nomx.eml", "From: Mailer Daemon "
	    "<MAILER-DAEMON@h.example>\n"
	    "Subject: Delivery status notification: error\n\n"
	    "    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n\n"
	    "    An error has occurred while attempting to deliver a message for\n"
	    "    the following list of recipients:\n\n"
	    "nobody@customer.example: No MX found for domain\n\n"
	    "    Below is a copy of the original message:\n",
	    REASON_DOMAIN_NO_MAIL, VERDICT_NO_MAIL_DOMAIN);
	/*
	 * qmail-local's own failure on the delivering host, with no remote
	 * reply: the recipient's mail system (a scoped cue); the same words
	 * in an Exim bounce say nothing
	 */
	one_reason("qmail-local.eml", "From: MAILER-DAEMON@h.example\n"
	    "Subject: failure notice\n\n"
	    "Hi. This is the qmail-send program at h.example.\n"
	    "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
	    "<nobody@customer.example>:\n"
	    "Unable to chdir to maildir. (#4.2.1)\n\n"
	    "--- Below this line is a copy of the message.\n",
	    REASON_REMOTE_SERVER_ERROR, VERDICT_TEMPORARY);
	one_reason("exim-unable.eml", "From: Mail Delivery System "
	    "<Mailer-Daemon@h.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you sent could not be delivered to one or more of its\n"
	    "recipients. This is a permanent error. The following address(es) failed:\n\n"
	    "  nobody@customer.example\n"
	    "    Unable to switch to /home/nobody\n\n"
	    "------ This is a copy of the message, including all the headers. ------\n",
	    REASON_UNKNOWN, VERDICT_BLOCKED);
	one_reason("biglobe-full.eml", "From: postmaster@biglobe.example\n"
	    "Subject: Returned mail: Delivery failed\n\n"
	    "   ----- The following addresses had delivery problems -----\n"
	    "full@customer.example\n\n"
	    "   ----- Non-delivered information -----\n"
	    "The number of messages in recipient's mailbox exceeded the local limit.\n",
	    REASON_MAILBOX_FULL, VERDICT_MAILBOX_FULL);
	/*
	 * Postfix returned the message after maximal_queue_lifetime: a
	 * greeting that never came is no refusal of the sending host; the
	 * server, connected, stopped answering (its words name that cause)
	 */
	one_reason("postfix-timeout.eml", "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"B\"\n\n"
	    "--B\n"
	    "Content-Type: text/plain\n\n"
	    "This is the mail system at host mx.example.org.\n"
	    "--B\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Final-Recipient: rfc822; nobody@customer.example\n"
	    "Action: failed\n"
	    "Status: 5.0.0\n"
	    "Diagnostic-Code: X-Postfix; conversation with mx.customer.example[192.0.2.1]\n"
	    "    timed out while receiving the initial server greeting\n"
	    "--B--\n",
	    REASON_TIMEOUT, VERDICT_TEMPORARY);
	/* Exim's pipe delivery: the program's own words, a mailer's failure */
	one_reason("exim-pipe.eml", "From: Mail Delivery System <Mailer-Daemon@h.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery software.\n\n"
	    "A message that you sent could not be delivered to one or more of its\n"
	    "recipients. This is a permanent error. The following address(es) failed:\n\n"
	    "  pipe to |/usr/local/bin/filter\n"
	    "    generated by piped@customer.example\n\n"
	    "The following text was generated during the delivery attempt:\n\n"
	    "------ pipe to |/usr/local/bin/filter\n"
	    "       generated by piped@customer.example ------\n\n"
	    "cannot open template: No such file or directory\n\n"
	    "------ This is a copy of the message, including all the headers. ------\n",
	    REASON_MAILER_ERROR, VERDICT_UNDELIVERABLE);
}

/*
 * A folder is listed up to a bound (EXPLAIN_FILES_MAX; here 3): the files
 * past it are left out and the listing says so (explain then says how
 * many were read), a folder at the bound exactly is whole; a maildir's
 * cur/ and new/ share the bound; folders inside are listed apart, never
 * counted as files, the first EXPLAIN_SUBFOLDERS_SAID of them named and
 * the rest counted.
 */
static void
test_folder_bound(void **state)
{
	struct strlist files = { 0 }, subs = { 0 };
	char dir[256], path[300], *err = NULL;
	size_t i, more = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/bound", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "%s/%zu.eml", dir, i);
		write_file(path, "Subject: x\n\nx\n");
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/.hidden", dir);
	write_file(path, "x");

	assert_int_equal(source_list_dir(dir, 3, &files, &subs, &more, &err), 1);
	assert_int_equal(files.n, 3);
	strlist_free(&files);
	strlist_free(&subs);
	assert_int_equal(source_list_dir(dir, 5, &files, &subs, &more, &err), 0);
	assert_int_equal(files.n, 5);
	assert_int_equal(subs.n, 1);
	strlist_free(&files);
	strlist_free(&subs);
	assert_int_equal(source_list_dir(dir, 6, &files, &subs, &more, &err), 0);
	assert_int_equal(files.n, 5);
	/* a second folder (new/ after cur/) past the bound the first left */
	assert_int_equal(source_list_dir(dir, 6, &files, &subs, &more, &err), 1);
	assert_int_equal(files.n, 6);
	strlist_free(&files);
	strlist_free(&subs);
	assert_int_equal(more, 0);
	/* folders past those named are counted, not held */
	for (i = 1; i < EXPLAIN_SUBFOLDERS_SAID + 2; i++) {
		snprintf(path, sizeof(path), "%s/sub%zu", dir, i);
		assert_int_equal(mkdir(path, 0700), 0);
	}
	assert_int_equal(source_list_dir(dir, 5, &files, &subs, &more, &err),
	    0);
	assert_int_equal(subs.n, EXPLAIN_SUBFOLDERS_SAID);
	assert_int_equal(more, 2);
	strlist_free(&files);
	strlist_free(&subs);
	more = 0;
	snprintf(path, sizeof(path), "%s/gone", tmpdir);
	assert_int_equal(source_list_dir(path, 3, &files, &subs, &more, &err),
	    -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(files.n, 0);
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
	char cmd[128];

	(void)state;
	explain_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dsn_message),
		cmocka_unit_test(test_dsn_crcrlf),
		cmocka_unit_test(test_more_formats),
		cmocka_unit_test(test_split_subject),
		cmocka_unit_test(test_zoho_notices),
		cmocka_unit_test(test_mbox_and_maildir),
		cmocka_unit_test(test_meaning_once),
		cmocka_unit_test(test_delay_reason_json),
		cmocka_unit_test(test_pasted),
		cmocka_unit_test(test_short_cjk),
		cmocka_unit_test(test_exchange_quotes),
		cmocka_unit_test(test_reply_before_giving_up),
		cmocka_unit_test(test_temporary_cause),
		cmocka_unit_test(test_not_a_bounce_and_auto_reply),
		cmocka_unit_test(test_letter_naming_addresses),
		cmocka_unit_test(test_folder_files),
		cmocka_unit_test(test_short_notes),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_filekind_nbsp),
		cmocka_unit_test(test_filekind_errors),
		cmocka_unit_test(test_dsn_fields),
		cmocka_unit_test(test_extract),
		cmocka_unit_test(test_format_own_words),
		cmocka_unit_test(test_text_rules),
		cmocka_unit_test(test_provider_by_domain),
		cmocka_unit_test(test_name_looked_up),
		cmocka_unit_test(test_dns_words),
		cmocka_unit_test(test_address_runs),
		cmocka_unit_test(test_address_utf8),
		cmocka_unit_test(test_address_rfc6533),
		cmocka_unit_test(test_stage_from_text),
		cmocka_unit_test(test_enhanced_alone),
		cmocka_unit_test(test_stdin_heading),
		cmocka_unit_test(test_address_control),
		cmocka_unit_test(test_text_unreadable),
		cmocka_unit_test(test_reader_unreadable),
		cmocka_unit_test(test_qmail_giving_up),
		cmocka_unit_test(test_folder_bound),
		cmocka_unit_test(test_notice_words_label),
		cmocka_unit_test(test_qq_unavailable),
		cmocka_unit_test(test_attachment_refused),
		cmocka_unit_test(test_virus_signature_named),
		cmocka_unit_test(test_geo_block),
		cmocka_unit_test(test_inline_forward),
		cmocka_unit_test(test_send_mail_as),
		cmocka_unit_test(test_microsoft_delist),
		cmocka_unit_test(test_exchange_ndr_forward_header),
		cmocka_unit_test(test_forwarded_notice_own_address),
		cmocka_unit_test(test_bare_571),
		cmocka_unit_test(test_sender_day_limit),
		cmocka_unit_test(test_sender_short_limit),
		cmocka_unit_test(test_tencent_rate_limit),
		cmocka_unit_test(test_too_many_recipients_bounce),
		cmocka_unit_test(test_mailer_error_bounce),
		cmocka_unit_test(test_malformed_command),
		cmocka_unit_test(test_smtpsvc_notice),
		cmocka_unit_test(test_short_note),
		cmocka_unit_test(test_ip_unknown_recipients),
		cmocka_unit_test(test_german_refusal),
		cmocka_unit_test(test_mtacues),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
