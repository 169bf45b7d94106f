/*
 * test_msgfile.c - the Outlook .msg reader (explain/msgfile.c) on the
 * fixtures test/tools/mkmsg writes (test/unit/data/msg/; the integration
 * test test_explain_msg.py checks they are what it writes and that
 * msgconvert reads them): the message made from each (its header fields,
 * the delivery-status part built from a report's recipient table, the
 * attached original, a body kept only as compressed RTF), what explain
 * makes of it through source.h, and the refusals: a compound file with
 * no message, one cut short, one whose only body is compressed RTF
 * failing its CRC, bytes after the signature that are no compound file.
 */
#define _GNU_SOURCE		/* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/limits.h"
#include "base/util.h"
#include "explain/explain.h"
#include "explain/filekind.h"
#include "explain/msgfile.h"
#include "explain/source.h"
#include "explainfile.h"

#define DIR	"test/unit/data/msg/"
#define TEXT_B64 "Content-Type: text/plain; charset=\"utf-8\"\n" \
	"Content-Transfer-Encoding: base64\n\n"
#define HTML_B64 "Content-Type: text/html; charset=\"utf-8\"\n" \
	"Content-Transfer-Encoding: base64\n\n"

/* A fixture's bytes (owned), *n set. */
static char *
slurp(const char *name, size_t *n)
{
	char path[256], *b;
	FILE *f;
	long len;

	snprintf(path, sizeof(path), DIR "%s", name);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((len = ftell(f)) > 0);
	rewind(f);
	b = xmalloc((size_t)len);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

/* The message made from a fixture that must read. */
static char *
made(const char *name)
{
	char *b, *out, *why;
	size_t n, len;

	b = slurp(name, &n);
	assert_true(filekind_is_ole2(b, n));
	assert_int_equal(msgfile_to_mime(b, n, &out, &len, &why), MSGFILE_OK);
	assert_null(why);
	assert_int_equal(strlen(out), len);
	free(b);
	return out;
}

/* The one message of a fixture read as explain reads a file. */
static void
explain_file(const char *name, struct explain_result *r)
{
	char path[256];

	snprintf(path, sizeof(path), DIR "%s", name);
	assert_int_equal(explainfile(path, r), 1);
}

static void
test_ndr_report(void **state)
{
	struct explain_result r;
	char *m = made("ndr.msg");

	(void)state;
	/* no transport headers: made from the properties */
	assert_true(strncmp(m, "From: Microsoft Outlook "
	    "<postmaster@sales.example.cn>\n", 54) == 0);
	assert_non_null(strstr(m, "Subject: Undeliverable: Quote for March\n"));
	assert_non_null(strstr(m, "Content-Type: multipart/report; "
	    "report-type=delivery-status;"));
	/* the recipient table as RFC 3464 groups, in the table's order */
	assert_non_null(strstr(m, "\nFinal-Recipient: rfc822; bob@example.net\n"
	    "Action: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx1.example.net\n"
	    "Diagnostic-Code: smtp;550 5.1.1 <bob@example.net>: Recipient "
	    "address rejected: User unknown in virtual mailbox table\n"
	    "X-Display-Name: Bob Miller\n"));
	assert_true(strstr(m, "bob@example.net\nAction") <
	    strstr(m, "sales@example.org\nAction"));
	assert_non_null(strstr(m, "Status: 5.7.1\nRemote-MTA: dns; "
	    "mx.example.org\n"));
	/* the embedded original as message/rfc822 with its own fields */
	assert_non_null(strstr(m, "Content-Type: message/rfc822\n"));
	assert_non_null(strstr(m, "Message-ID: "
	    "<20261128093000.4711@sales.example.cn>\n"));
	assert_non_null(strstr(m, "Date: Tue, 01 Dec 2026 09:30:00 +0000\n"));
	free(m);

	explain_file("ndr.msg", &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 2);
	assert_string_equal(r.rcpts[0].address, "bob@example.net");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.rcpts[1].address, "sales@example.org");
	assert_int_equal(r.rcpts[1].reason, REASON_IP_BLOCKLISTED);
	assert_string_equal(r.original.subject, "Quote for March");
	explain_result_free(&r);
}

static void
test_cp936(void **state)
{
	struct explain_result r;
	char *m = made("ndr-cp936.msg");

	(void)state;
	/* 8-bit strings read as GBK (PR_MESSAGE_CODEPAGE 936) */
	assert_non_null(strstr(m, "X-Display-Name: 张伟\n"));
	assert_non_null(strstr(m, "Diagnostic-Code: smtp; 550 Mailbox not "
	    "found. 收件人邮箱不存在 "));
	/* PR_NDR_STATUS_CODE 500: Kind 5, Subject 0, Detail 0 */
	assert_non_null(strstr(m, "Status: 5.0.0\n"));
	/* the subject, not ASCII, in encoded-words */
	assert_non_null(strstr(m, "Subject: =?"));
	free(m);

	explain_file("ndr-cp936.msg", &r);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "zhangwei@qq.example.com");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_string_equal(r.original.subject, "三月报价单");
	explain_result_free(&r);
}

static void
test_notes(void **state)
{
	struct explain_result r;
	char *m = made("note-gmail.msg"), *at, *b64;
	guchar *body;
	gsize len;

	(void)state;
	/* the transport headers kept, but their MIME fields (made anew) */
	assert_non_null(strstr(m, "From: Mail Delivery Subsystem "
	    "<mailer-daemon@googlemail.com>\n"));
	assert_non_null(strstr(m, "Received: by mail-sor-f69.google.com"));
	assert_null(strstr(m, "multipart/report"));
	assert_null(strstr(m, "boundary=\"000000000000abc\""));
	assert_non_null(at = strstr(m, TEXT_B64));
	/* PR_BODY, not the (shorter) compressed RTF kept beside it */
	b64 = xstrdup(at + strlen(TEXT_B64));
	body = g_base64_decode(b64, &len);
	assert_non_null(g_strstr_len((char *)body, (gssize)len,
	    "The response was:"));
	assert_null(strstr(at + 1, "Content-Type: "));	/* one part */
	g_free(body);
	free(b64);
	free(m);
	m = made("note-html.msg");
	assert_non_null(strstr(m, "Content-Type: text/html; charset=\"UTF-8\"\n"));
	free(m);

	explain_file("note-html.msg", &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "wang@customer.example.com");
	assert_string_equal(r.rcpts[0].enhanced, "5.1.10");
	explain_result_free(&r);
}

/*
 * Bodies kept only as PR_RTF_COMPRESSED: Exchange's HTML encapsulated in
 * RTF (\fromhtml1) made text/html again, its markup kept and its
 * RTF-only parts left out; a Chinese Outlook's own RTF (\ansicpg936)
 * made UTF-8 text, its empty PR_BODY and blank PR_HTML passed over; the
 * RTF of one whose editor is Word (a font for each kind of text: \loch,
 * \hich, \dbch) read in its Chinese font's code page.
 */
static void
test_rtf_bodies(void **state)
{
	struct explain_result r;
	char *m = made("ndr-rtf.msg"), *b64, *at;
	guchar *html;
	gsize len;

	(void)state;
	assert_non_null(at = strstr(m, HTML_B64));
	b64 = xstrndup(at + strlen(HTML_B64), strcspn(at + strlen(HTML_B64),
	    "-"));
	html = g_base64_decode(b64, &len);
	html = g_realloc(html, len + 1);
	html[len] = '\0';
	assert_non_null(strstr((char *)html, "<p><b>Delivery has failed to "
	    "these recipients or groups:</b></p>"));
	assert_non_null(strstr((char *)html, "Remote Server returned '550 "
	    "5.1.1 &lt;bob@example.net&gt;: Recipient address rejected"));
	assert_null(strstr((char *)html, "HYPERLINK"));	/* \htmlrtf's */
	assert_null(strstr((char *)html, "\\"));
	g_free(html);
	free(b64);
	free(m);
	explain_file("ndr-rtf.msg", &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "bob@example.net");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_string_equal(r.rcpts[0].enhanced, "5.1.1");
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_non_null(strstr(r.rcpts[0].text, "<bob@example.net>: Recipient "
	    "address rejected: User unknown in virtual mailbox table"));
	explain_result_free(&r);

	m = made("ndr-rtf-cp936.msg");
	assert_non_null(strstr(m, "Content-Type: text/plain; "
	    "charset=\"utf-8\"\n"));
	assert_null(strstr(m, "text/html"));	/* the blank PR_HTML */
	free(m);
	explain_file("ndr-rtf-cp936.msg", &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "zhangwei@qq.example.com");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_non_null(strstr(r.rcpts[0].text, "收件人邮箱不存在"));
	explain_result_free(&r);

	/* Word's RTF: no \ansicpg, the Chinese font only the paragraphs'
	 * \dbch font, its name's trail byte written raw (李玥: c0ee ab68) */
	m = made("ndr-rtf-word.msg");
	assert_non_null(at = strstr(m, TEXT_B64));
	b64 = xstrndup(at + strlen(TEXT_B64), strcspn(at + strlen(TEXT_B64),
	    "-"));
	html = g_base64_decode(b64, &len);
	html = g_realloc(html, len + 1);
	html[len] = '\0';
	assert_non_null(strstr((char *)html, "无法传递到以下收件人或组:\n\n"
	    "李玥 (liyue@qq.example.com)\n"));
	g_free(html);
	free(b64);
	free(m);
	explain_file("ndr-rtf-word.msg", &r);
	assert_int_equal(r.kind, EXPLAIN_FAILURE);
	assert_int_equal(r.nrcpts, 1);
	assert_string_equal(r.rcpts[0].address, "liyue@qq.example.com");
	assert_int_equal(r.rcpts[0].code, 550);
	assert_int_equal(r.rcpts[0].reason, REASON_MAILBOX_UNKNOWN);
	assert_non_null(strstr(r.rcpts[0].text, "收件人邮箱不存在"));
	explain_result_free(&r);
}

/* Attached messages are followed MSGFILE_DEPTH_MAX deep, no deeper. */
static void
test_nesting_bound(void **state)
{
	char *m = made("nested.msg"), want[64];
	int k;

	(void)state;
	for (k = 0; k < MSGFILE_DEPTH_MAX; k++) {
		snprintf(want, sizeof(want), "Subject: Undeliverable: level %d\n",
		    k);
		assert_non_null(strstr(m, want));
	}
	snprintf(want, sizeof(want), "level %d", MSGFILE_DEPTH_MAX);
	assert_null(strstr(m, want));
	free(m);
}

/* Exchange's own forms of PR_SUPPLEMENTARY_INFO, and a status alone. */
static void
test_exchange_forms(void **state)
{
	char *m = made("ndr-exchange.msg");

	(void)state;
	/* the transport headers' own MIME fields (folded too) are dropped,
	 * and so is the line Exchange puts before them */
	assert_null(strstr(m, "_000_NDR_"));
	assert_null(strstr(m, "Microsoft Mail Internet Headers"));
	assert_true(strncmp(m, "Received: from DM6PR01MB1234", 28) == 0);
	assert_non_null(strstr(m, "Final-Recipient: rfc822; "
	    "wang@contoso.example.com\nAction: failed\nStatus: 5.1.0\n"
	    "Diagnostic-Code: smtp; Remote Server returned '550 5.1.10 "));
	assert_non_null(strstr(m, "Diagnostic-Code: smtp; #550 5.2.2 mailbox "
	    "full ##\n"));
	assert_non_null(strstr(m, "Final-Recipient: rfc822; "
	    "chen@contoso.example.com\nAction: failed\nStatus: 5.1.1\n"
	    "X-Display-Name: Chen Jie\n"));
	free(m);
}

static void
test_refused(void **state)
{
	static const char junk[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	    "no compound file follows the signature";
	char *b, *out, *why, *err, *at;
	size_t n, len;
	struct source_fail fail;

	(void)state;
	b = slurp("not-msg.msg", &n);
	assert_int_equal(msgfile_to_mime(b, n, &out, &len, &why),
	    MSGFILE_NOT_MESSAGE);
	assert_null(out);
	assert_null(why);
	free(b);

	/* the file's own body only as compressed RTF, failing its CRC */
	b = slurp("ndr-rtf.msg", &n);
	assert_non_null(at = memmem(b, n, "LZFu", 4));
	at[12] ^= 0x55;			/* a byte of the compressed data */
	assert_int_equal(msgfile_to_mime(b, n, &out, &len, &why),
	    MSGFILE_DAMAGED);
	assert_null(out);
	assert_non_null(strstr(why, "compressed RTF"));
	free(why);
	free(b);

	b = slurp("truncated.msg", &n);
	assert_int_equal(msgfile_to_mime(b, n, &out, &len, &why),
	    MSGFILE_DAMAGED);
	assert_null(out);
	assert_non_null(why);
	free(why);
	free(b);

	assert_int_equal(msgfile_to_mime(junk, sizeof(junk) - 1, &out, &len,
	    &why), MSGFILE_DAMAGED);
	assert_non_null(why);
	free(why);
	assert_false(filekind_is_ole2(junk, 7));

	/* through source.h: refused as content (exit 65), not as unreadable,
	 * its kind told for the caller to word */
	err = NULL;
	assert_null(source_open_why(DIR "truncated.msg", &err, &fail));
	assert_int_equal(fail.kind, FILEKIND_MSG_DAMAGED);
	assert_non_null(fail.cause);
	assert_null(err);
	free(fail.cause);
	assert_null(source_open_why(DIR "not-msg.msg", &err, &fail));
	assert_int_equal(fail.kind, FILEKIND_OFFICE);
	assert_null(err);
	free(fail.cause);
	/* explain's words for them */
	assert_null(source_open(DIR "truncated.msg", &err));
	assert_non_null(strstr(err, "damaged or cut short"));
	free(err);
	assert_null(source_open(DIR "not-msg.msg", &err));
	assert_non_null(strstr(err, "not an Outlook message"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ndr_report),
		cmocka_unit_test(test_cp936),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_rtf_bodies),
		cmocka_unit_test(test_nesting_bound),
		cmocka_unit_test(test_exchange_forms),
		cmocka_unit_test(test_refused),
	};
	int rc;

	explain_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	explain_shutdown();
	return rc;
}
