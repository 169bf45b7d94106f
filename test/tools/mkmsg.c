/*
 * mkmsg.c - writes the Outlook .msg files explain's tests read, per
 * MS-OXMSG, with libgsf's compound file writer (GsfOutfileMSOle): a
 * message's fixed-size properties in "__properties_version1.0", each
 * string or binary property in its "__substg1.0_<tag>" stream, recipients
 * and attachments in "__recip_version1.0_#N" / "__attach_version1.0_#N"
 * storages, an attached message in "__substg1.0_3701000D", and the named
 * property storage "__nameid_version1.0".  The texts are modelled on the
 * bounces Gmail, Exchange and a Chinese Outlook show (sources named by
 * each kind below).  Debian's msgconvert (libemail-outlook-message-perl),
 * a reader written apart from mxtrace, reads every kind but the broken
 * ones (test/integration/test_explain_msg.py checks that).
 *
 * usage: mkmsg KIND FILE [EML]   (KIND: see kinds[] below; EML for from-eml)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-output.h>
#include <gsf/gsf-utils.h>

#define PT_LONG		0x0003
#define PT_OBJECT	0x000D
#define PT_STRING8	0x001E
#define PT_UNICODE	0x001F
#define PT_SYSTIME	0x0040
#define PT_BINARY	0x0102

/* One MAPI object being written: its storage and its property entries. */
struct obj {
	GsfOutfile	*dir;
	GByteArray	*props;
	const char	*codepage;	/* for PT_STRING8: iconv name, NULL = as given */
};

static void	rtf_compressed(struct obj *, const char *);

static void
put32(GByteArray *a, uint32_t v)
{
	guint8 b[4] = { v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >> 24 };

	g_byte_array_append(a, b, 4);
}

static void
entry(struct obj *o, unsigned id, unsigned type, uint32_t lo, uint32_t hi)
{
	put32(o->props, (uint32_t)id << 16 | type);
	put32(o->props, 0x6);		/* PROPATTR_READABLE | PROPATTR_WRITABLE */
	put32(o->props, lo);
	put32(o->props, hi);
}

static void
stream(GsfOutfile *dir, const char *name, const void *data, size_t len)
{
	GsfOutput *out = gsf_outfile_new_child(dir, name, FALSE);

	gsf_output_write(out, len, data);
	gsf_output_close(out);
	g_object_unref(out);
}

static void
bin(struct obj *o, unsigned id, unsigned type, const void *data, size_t len)
{
	char name[32];

	snprintf(name, sizeof(name), "__substg1.0_%04X%04X", id, type);
	stream(o->dir, name, data, len);
	entry(o, id, type, (uint32_t)len, 0);
}

/* A string property: UTF-16LE, or 8-bit in the object's code page. */
static void
str(struct obj *o, unsigned id, const char *utf8, int eight)
{
	gsize len;
	gchar *s;

	if (!eight) {
		s = g_convert(utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
		s = g_realloc(s, len + 2);
		s[len] = s[len + 1] = '\0';
		bin(o, id, PT_UNICODE, s, len + 2);
	} else {
		s = o->codepage != NULL ? g_convert(utf8, -1, o->codepage,
		    "UTF-8", NULL, &len, NULL) : g_strdup(utf8);
		len = strlen(s);
		bin(o, id, PT_STRING8, s, len + 1);
	}
	g_free(s);
}

static void
lng(struct obj *o, unsigned id, uint32_t v)
{
	entry(o, id, PT_LONG, v, 0);
}

/* A PT_SYSTIME from Unix seconds. */
static void
systime(struct obj *o, unsigned id, int64_t unix_secs)
{
	uint64_t ft = ((uint64_t)unix_secs + 11644473600u) * 10000000u;

	entry(o, id, PT_SYSTIME, (uint32_t)ft, (uint32_t)(ft >> 32));
}

static void
obj_open(struct obj *o, GsfOutfile *parent, const char *name)
{
	o->dir = GSF_OUTFILE(gsf_outfile_new_child(parent, name, TRUE));
	o->props = g_byte_array_new();
	o->codepage = NULL;
}

/* Write the property stream: header (8, 24 or 32 bytes), then the entries. */
static void
obj_close(struct obj *o, int header, uint32_t nrcpt, uint32_t natt, int root)
{
	GByteArray *h = g_byte_array_new();

	put32(h, 0);
	put32(h, 0);
	if (header >= 24) {
		put32(h, nrcpt);	/* next recipient id */
		put32(h, natt);		/* next attachment id */
		put32(h, nrcpt);	/* recipient count */
		put32(h, natt);		/* attachment count */
	}
	if (header == 32) {
		put32(h, 0);
		put32(h, 0);
	}
	g_byte_array_append(h, o->props->data, o->props->len);
	stream(o->dir, "__properties_version1.0", h->data, h->len);
	g_byte_array_free(h, TRUE);
	g_byte_array_free(o->props, TRUE);
	if (!root) {
		gsf_output_close(GSF_OUTPUT(o->dir));
		g_object_unref(o->dir);
	}
}

/* The named-property mapping storage, empty (no named properties used). */
static void
nameid(GsfOutfile *root)
{
	GsfOutfile *d = GSF_OUTFILE(gsf_outfile_new_child(root,
	    "__nameid_version1.0", TRUE));

	stream(d, "__substg1.0_00020102", "", 0);
	stream(d, "__substg1.0_00030102", "", 0);
	stream(d, "__substg1.0_00040102", "", 0);
	gsf_output_close(GSF_OUTPUT(d));
	g_object_unref(d);
}

/* A recipient of a report: address, display name, the remote server's
 * words (PR_SUPPLEMENTARY_INFO) and PR_NDR_STATUS_CODE. */
static void
rcpt(GsfOutfile *parent, int i, const char *addr, const char *name,
    const char *info, uint32_t status, int eight, const char *codepage)
{
	char dn[40];
	struct obj r;

	snprintf(dn, sizeof(dn), "__recip_version1.0_#%08X", i);
	obj_open(&r, parent, dn);
	r.codepage = codepage;
	lng(&r, 0x0C15, 1);			/* PR_RECIPIENT_TYPE: MAPI_TO */
	lng(&r, 0x3000, (uint32_t)i);		/* PR_ROWID */
	str(&r, 0x3002, "SMTP", eight);		/* PR_ADDRTYPE */
	str(&r, 0x3003, addr, eight);		/* PR_EMAIL_ADDRESS */
	str(&r, 0x39FE, addr, eight);		/* PR_SMTP_ADDRESS */
	str(&r, 0x3001, name, eight);		/* PR_DISPLAY_NAME */
	if (info != NULL)
		str(&r, 0x0C1B, info, eight);	/* PR_SUPPLEMENTARY_INFO */
	if (status != 0) {
		lng(&r, 0x0C20, status);	/* PR_NDR_STATUS_CODE */
		lng(&r, 0x0C05, 0);		/* PR_NDR_DIAG_CODE */
		lng(&r, 0x0C04, 1);		/* PR_NDR_REASON_CODE */
	}
	obj_close(&r, 8, 0, 0, 0);
}

/* The message the user sent, attached to a report as an embedded message. */
static void
embedded(GsfOutfile *parent, int i, const char *subject, const char *to)
{
	char dn[40];
	struct obj a, m;

	snprintf(dn, sizeof(dn), "__attach_version1.0_#%08X", i);
	obj_open(&a, parent, dn);
	lng(&a, 0x3705, 5);			/* PR_ATTACH_METHOD: embedded message */
	lng(&a, 0x0E21, (uint32_t)i);		/* PR_ATTACH_NUM */
	str(&a, 0x3001, subject, 0);		/* PR_DISPLAY_NAME */
	obj_open(&m, a.dir, "__substg1.0_3701000D");
	str(&m, 0x001A, "IPM.Note", 0);
	str(&m, 0x0037, subject, 0);
	str(&m, 0x0C1A, "Li Na", 0);		/* PR_SENDER_NAME */
	str(&m, 0x5D01, "lina@sales.example.cn", 0);	/* PR_SENDER_SMTP_ADDRESS */
	str(&m, 0x0E04, to, 0);			/* PR_DISPLAY_TO */
	str(&m, 0x1035, "<20261128093000.4711@sales.example.cn>", 0);
	str(&m, 0x1000, "Dear customer,\r\nplease find our quote attached.\r\n", 0);
	systime(&m, 0x0039, 1796117400);	/* 2026-11-28 09:30:00 UTC */
	/* whom it was sent to: its own recipient table (no header block) */
	rcpt(m.dir, 0, "bob@example.net", "Bob Miller", NULL, 0, 0, NULL);
	rcpt(m.dir, 1, "sales@example.org", "sales@example.org", NULL, 0, 0,
	    NULL);
	entry(&a, 0x3701, PT_OBJECT, 0xffffffff, 0);
	obj_close(&m, 24, 2, 0, 0);
	obj_close(&a, 8, 0, 0, 0);
}

/* A file attached by value (an .eml or a .txt). */
static void
attach_file(GsfOutfile *parent, int i, const char *file, const char *mime,
    const char *data)
{
	char dn[40];
	struct obj a;

	snprintf(dn, sizeof(dn), "__attach_version1.0_#%08X", i);
	obj_open(&a, parent, dn);
	lng(&a, 0x3705, 1);			/* PR_ATTACH_METHOD: by value */
	lng(&a, 0x0E21, (uint32_t)i);
	str(&a, 0x3707, file, 0);		/* PR_ATTACH_LONG_FILENAME */
	str(&a, 0x3704, file, 0);		/* PR_ATTACH_FILENAME */
	if (mime != NULL)
		str(&a, 0x370E, mime, 0);	/* PR_ATTACH_MIME_TAG */
	bin(&a, 0x3701, PT_BINARY, data, strlen(data));
	obj_close(&a, 8, 0, 0, 0);
}

/*
 * Gmail's "Address not found" bounce as Outlook keeps it when it fetched
 * it over IMAP: an IPM.Note with the transport headers and the text body
 * (Gmail's wording; Google's help page "Fix bounced or rejected emails").
 */
static void
kind_note_gmail(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "IPM.Note", 0);
	str(&o, 0x0037, "Delivery Status Notification (Failure)", 0);
	str(&o, 0x007D,
	    "Received: by mail-sor-f69.google.com with SMTP id a1sor2;\r\n"
	    "        Sat, 28 Nov 2026 01:31:02 -0800 (PST)\r\n"
	    "MIME-Version: 1.0\r\n"
	    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
	    "To: lina@sales.example.cn\r\n"
	    "Subject: Delivery Status Notification (Failure)\r\n"
	    "Date: Sat, 28 Nov 2026 01:31:02 -0800 (PST)\r\n"
	    "Message-ID: <5fb3a1.gmail-bounce@mx.google.com>\r\n"
	    "Content-Type: multipart/report; boundary=\"000000000000abc\";"
	    " report-type=delivery-status\r\n"
	    "\r\n", 0);
	str(&o, 0x1000,
	    "** Address not found **\r\n\r\n"
	    "Your message wasn't delivered to jsmith@customer.example.com "
	    "because the address couldn't be found, or is unable to receive "
	    "mail.\r\n\r\n"
	    "Learn more here: https://support.google.com/mail/?p=NoSuchUser\r\n"
	    "\r\nThe response was:\r\n\r\n"
	    "550 5.1.1 The email account that you tried to reach does not "
	    "exist. Please try double-checking the recipient's email address "
	    "for typos or unnecessary spaces. "
	    "https://support.google.com/mail/?p=NoSuchUser a1si2 - gsmtp\r\n",
	    0);
	/* Outlook keeps the body as RTF too (\fromtext): PR_BODY is what is
	 * read; shortened here so that a test tells which one was */
	rtf_compressed(&o, "{\\rtf1\\ansi\\ansicpg1252\\fromtext \\fbidis "
	    "\\deff0{\\fonttbl\r\n{\\f0\\fswiss Arial;}}\r\n\\uc1\\pard"
	    "\\plain\\deftab360 \\f0\\fs20 ** Address not found **\\par\r\n}"
	    "\r\n");
	lng(&o, 0x3FFD, 65001);
	obj_close(&o, 32, 0, 0, 1);
}

/*
 * An Exchange Online NDR that Outlook shows as HTML only (no PR_BODY):
 * the wording of Microsoft's "Email non-delivery reports in Exchange
 * Online" page (550 5.1.10 RESOLVER.ADR.RecipientNotFound).
 */
static void
kind_note_html(GsfOutfile *root)
{
	static const char html[] = "<html><head><meta charset=\"utf-8\">"
	    "</head><body><p><b>Your message to wang@customer.example.com "
	    "couldn't be delivered.</b></p><p>wang wasn't found at "
	    "customer.example.com.</p><p>Remote Server returned '550 5.1.10 "
	    "RESOLVER.ADR.RecipientNotFound; Recipient "
	    "wang@customer.example.com not found by SMTP address "
	    "lookup'</p></body></html>";
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "IPM.Note", 0);
	str(&o, 0x0037, "Undeliverable: Quote for March", 0);
	str(&o, 0x0C1A, "Microsoft Outlook", 0);
	str(&o, 0x5D01, "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e"
	    "@customer.example.com", 0);
	bin(&o, 0x1013, PT_BINARY, html, strlen(html));
	lng(&o, 0x3FDE, 65001);
	systime(&o, 0x0039, 1796121000);
	obj_close(&o, 32, 0, 0, 1);
}

/*
 * Outlook's own NDR (REPORT.IPM.Note.NDR) for two recipients: the
 * recipient table holds each one's PR_SUPPLEMENTARY_INFO in Exchange's
 * form (MS-OXCMAIL 2.2.3.7.1.2) and PR_NDR_STATUS_CODE; the message sent
 * is attached as an embedded message.  Texts: Postfix's "User unknown in
 * virtual mailbox table" and Spamhaus' documented refusal.
 */
static void
kind_ndr(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "REPORT.IPM.Note.NDR", 0);
	str(&o, 0x0037, "Undeliverable: Quote for March", 0);
	str(&o, 0x0049, "Quote for March", 0);	/* PR_ORIGINAL_SUBJECT */
	str(&o, 0x0C1A, "Microsoft Outlook", 0);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 0);
	str(&o, 0x1000, "Delivery has failed to these recipients or groups:"
	    "\r\n\r\nbob@example.net\r\nThe email address you entered "
	    "couldn't be found.\r\n\r\nsales@example.org\r\nThe recipient's "
	    "server refused the message.\r\n", 0);
	lng(&o, 0x3FFD, 65001);
	systime(&o, 0x0039, 1796117460);
	rcpt(GSF_OUTFILE(root), 0, "bob@example.net", "Bob Miller",
	    "<mx1.example.net #5.1.1 smtp;550 5.1.1 <bob@example.net>: "
	    "Recipient address rejected: User unknown in virtual mailbox "
	    "table>", 511, 0, NULL);
	rcpt(GSF_OUTFILE(root), 1, "sales@example.org", "sales@example.org",
	    "<mx.example.org #5.7.1 smtp;554 5.7.1 Service unavailable; "
	    "Client host [203.0.113.9] blocked using zen.spamhaus.org; "
	    "https://www.spamhaus.org/query/ip/203.0.113.9>", 571, 0, NULL);
	embedded(GSF_OUTFILE(root), 0, "Quote for March",
	    "Bob Miller; sales@example.org");
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 2, 1, 1);
}

/*
 * The same report as a Chinese Outlook writes it without Unicode: 8-bit
 * strings (PT_STRING8) in code page 936 (GBK), PR_MESSAGE_CODEPAGE 936;
 * the NDR wording of Chinese Outlook ("无法将邮件传递到以下收件人") and
 * QQ Mail's "Mailbox not found" refusal (its help page, error 1000728).
 * The recipient has no PR_SUPPLEMENTARY_INFO status: the status comes
 * from PR_NDR_STATUS_CODE.  The original is attached as an .eml.
 */
static void
kind_ndr_cp936(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), "GBK" };

	str(&o, 0x001A, "REPORT.IPM.Note.NDR", 1);
	str(&o, 0x0037, "无法投递: 三月报价单", 1);
	str(&o, 0x0C1A, "系统管理员", 1);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 1);
	str(&o, 0x1000, "无法将邮件传递到以下收件人或通讯组列表:\r\n\r\n"
	    "张伟 (zhangwei@qq.example.com)\r\n找不到你输入的电子邮件地址。"
	    "\r\n", 1);
	lng(&o, 0x3FFD, 936);
	rcpt(GSF_OUTFILE(root), 0, "zhangwei@qq.example.com", "张伟",
	    "550 Mailbox not found. 收件人邮箱不存在 "
	    "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022"
	    "&&no=1000728", 500, 1, "GBK");
	attach_file(GSF_OUTFILE(root), 0, "三月报价单.eml", "message/rfc822",
	    "From: lina@sales.example.cn\r\nTo: zhangwei@qq.example.com\r\n"
	    "Subject: =?GBK?B?yP3UwrGovNu1pQ==?=\r\n"
	    "Message-ID: <cp936-original@sales.example.cn>\r\n"
	    "Date: Sat, 28 Nov 2026 09:30:00 +0800\r\n\r\nquote\r\n");
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 1, 1, 1);
}

/*
 * An NDR as Exchange fills PR_SUPPLEMENTARY_INFO when it wrote the NDR
 * itself rather than from a DSN: "Remote Server returned '...'" (the
 * Exchange 2010 NDR's line), Exchange 2007's "#550 5.1.1 ... ##", and a
 * recipient with PR_NDR_STATUS_CODE only; transport headers from Exchange
 * Online, no body (Outlook draws it from the recipient table).  Texts:
 * Microsoft's "Email non-delivery reports in Exchange Online" page.
 */
static void
kind_ndr_exchange(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "REPORT.IPM.Note.NDR", 0);
	str(&o, 0x0037, "Undeliverable: Price list", 0);
	/* Exchange starts the block with a line of its own (no field) */
	str(&o, 0x007D, "Microsoft Mail Internet Headers Version 2.0\r\n"
	    "Received: from DM6PR01MB1234.prod.exchangelabs.com by\r\n"
	    " DM6PR01MB1234.prod.exchangelabs.com; Mon, 30 Nov 2026 08:00:01"
	    " +0000\r\n"
	    "From: postmaster@contoso.example.com\r\n"
	    "To: lina@sales.example.cn\r\n"
	    "Date: Mon, 30 Nov 2026 08:00:01 +0000\r\n"
	    "Subject: Undeliverable: Price list\r\n"
	    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
	    "\tboundary=\"_000_NDR_\"\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Message-ID: <ndr-4711@DM6PR01MB1234.prod.exchangelabs.com>\r\n"
	    "\r\n", 0);
	rcpt(GSF_OUTFILE(root), 0, "wang@contoso.example.com", "Wang Fang",
	    "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
	    "Recipient not found by SMTP address lookup'", 510, 0, NULL);
	rcpt(GSF_OUTFILE(root), 1, "li@contoso.example.com", "Li Lei",
	    "#550 5.2.2 mailbox full ##", 522, 0, NULL);
	rcpt(GSF_OUTFILE(root), 2, "chen@contoso.example.com", "Chen Jie",
	    NULL, 511, 0, NULL);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 3, 0, 1);
}

/*
 * A delay notice Outlook shows (REPORT.IPM.Note.Delayed.DR): still trying.
 * Text: Postfix's "Connection timed out" for a recipient's MX.
 */
static void
kind_delayed(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "REPORT.IPM.Note.Delayed.DR", 0);
	str(&o, 0x0037, "Delivery delayed: Quote for March", 0);
	str(&o, 0x0C1A, "Microsoft Outlook", 0);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 0);
	rcpt(GSF_OUTFILE(root), 0, "ops@slow.example.net", "ops",
	    "<mx.slow.example.net #4.4.1 smtp;451 4.4.1 connect to "
	    "mx.slow.example.net[198.51.100.7]:25: Connection timed out>", 441,
	    0, NULL);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 1, 0, 1);
}

/* A read receipt (REPORT.IPM.Note.IPNRN): not a bounce. */
static void
kind_receipt(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "REPORT.IPM.Note.IPNRN", 0);
	str(&o, 0x0037, "Read: Quote for March", 0);
	str(&o, 0x0C1A, "Bob Miller", 0);
	str(&o, 0x0C1F, "bob@example.net", 0);
	str(&o, 0x1000, "Your message\r\n\r\n  To: Bob Miller\r\n  "
	    "Subject: Quote for March\r\n\r\nwas read on 30/11/2026 10:00."
	    "\r\n", 0);
	rcpt(GSF_OUTFILE(root), 0, "lina@sales.example.cn", "Li Na", NULL, 0, 0,
	    NULL);
	obj_close(&o, 32, 1, 0, 1);
}

/* An NDR for more recipients than MSGFILE_RCPTS_MAX (1000): 1200. */
static void
kind_many(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };
	char addr[64];
	int i;

	str(&o, 0x001A, "REPORT.IPM.Note.NDR", 0);
	str(&o, 0x0037, "Undeliverable: newsletter", 0);
	for (i = 0; i < 1200; i++) {
		snprintf(addr, sizeof(addr), "user%d@example.net", i);
		rcpt(GSF_OUTFILE(root), i, addr, addr, "<mx.example.net #5.1.1 "
		    "smtp;550 5.1.1 User unknown>", 511, 0, NULL);
	}
	obj_close(&o, 32, 1200, 0, 1);
}

/* Reports attached in reports, 8 deep (more than MSGFILE_DEPTH_MAX, 4). */
static void
nest(GsfOutfile *parent, int depth, int top)
{
	struct obj a, m;
	char subject[64];

	if (top) {
		m.dir = parent;
		m.props = g_byte_array_new();
		m.codepage = NULL;
	} else {
		obj_open(&a, parent, "__attach_version1.0_#00000000");
		lng(&a, 0x3705, 5);
		entry(&a, 0x3701, PT_OBJECT, 0xffffffff, 0);
		obj_open(&m, a.dir, "__substg1.0_3701000D");
	}
	snprintf(subject, sizeof(subject), "Undeliverable: level %d", depth);
	str(&m, 0x001A, "REPORT.IPM.Note.NDR", 0);
	str(&m, 0x0037, subject, 0);
	snprintf(subject, sizeof(subject), "level%d@example.net", depth);
	rcpt(m.dir, 0, subject, subject, "<mx.example.net #5.1.1 smtp;550 "
	    "5.1.1 User unknown>", 511, 0, NULL);
	if (depth < 8)
		nest(m.dir, depth + 1, 0);
	obj_close(&m, top ? 32 : 24, 1, depth < 8, top);
	if (!top)
		obj_close(&a, 8, 0, 0, 0);
}

static void
kind_nested(GsfOutfile *root)
{
	nest(root, 0, 1);
}

static const char *input;	/* mkmsg from-eml: the message given */

/*
 * A message saved from Outlook as it was received (IPM.Note): the header
 * block of the .eml given, CRLF line ends, as PR_TRANSPORT_MESSAGE_HEADERS
 * (what Outlook keeps of a received message's headers), its Subject as
 * PR_SUBJECT, and the rest, when it is UTF-8 text, as PR_BODY.
 */
static void
kind_from_eml(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };
	GString *h = g_string_new(NULL);
	gchar *raw, *body, *subj;
	gsize len, i;

	if (input == NULL || !g_file_get_contents(input, &raw, &len, NULL)) {
		fprintf(stderr, "mkmsg: from-eml needs a readable message\n");
		exit(66);
	}
	for (i = 0; i < len; i++) {
		if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
			g_string_append_c(h, '\r');
		g_string_append_c(h, raw[i]);
		if (h->len >= 4 && memcmp(h->str + h->len - 4, "\r\n\r\n", 4) == 0)
			break;
	}
	body = i < len ? raw + i + 1 : raw + len;
	str(&o, 0x001A, "IPM.Note", 0);
	str(&o, 0x007D, h->str, 0);
	if ((subj = strstr(h->str, "\r\nSubject: ")) != NULL) {
		subj = g_strndup(subj + 11, strcspn(subj + 11, "\r"));
		str(&o, 0x0037, subj, 0);
		g_free(subj);
	}
	if (g_utf8_validate(body, (gssize)(raw + len - body), NULL))
		str(&o, 0x1000, body, 0);
	lng(&o, 0x3FFD, 65001);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 0, 0, 1);
	g_string_free(h, TRUE);
	g_free(raw);
}

/* The dictionary's first bytes (MS-OXRTFCP 2.1.2.1). */
static const char prebuf[] =
    "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman "
    "\\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes "
    "New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
    "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/* MS-OXRTFCP 2.1.3.2: CRC-32's polynomial, from 0, no final xor. */
static uint32_t
rtfcrc(const guint8 *p, size_t n)
{
	uint32_t crc = 0;
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		for (crc ^= p[i], k = 0; k < 8; k++)
			crc = crc & 1 ? 0xEDB88320u ^ crc >> 1 : crc >> 1;
	return crc;
}

/*
 * rtf as PR_RTF_COMPRESSED (MS-OXRTFCP 2.2.1, the way Outlook writes it:
 * "LZFu"): each run of 2 to 17 bytes found in the 4096-byte dictionary
 * (the longest, never across its write position) as a reference, other
 * bytes as literals, eight tokens to a control byte, then the end
 * marker (a reference to the write position itself).
 */
static void
rtf_compressed(struct obj *o, const char *rtf)
{
	guint8 dict[4096], ctrl = 0;
	size_t n = strlen(rtf), i = 0, wpos = sizeof(prebuf) - 1, at, s, l;
	size_t best, bestlen, k;
	GByteArray *c = g_byte_array_new(), *all = g_byte_array_new();
	int bit = 0, end = 0;

	memset(dict, 0, sizeof(dict));
	memcpy(dict, prebuf, wpos);
	while (!end) {
		at = c->len;
		g_byte_array_append(c, &ctrl, 1);
		for (bit = 0; bit < 8 && !end; bit++) {
			if (i == n) {
				guint8 ref[2] = { (guint8)(wpos >> 4),
				    (guint8)((wpos & 0x0f) << 4) };

				c->data[at] |= (guint8)(1u << bit);
				g_byte_array_append(c, ref, 2);
				end = 1;
				break;
			}
			best = 0;
			bestlen = 0;
			for (s = 0; s < sizeof(dict); s++) {
				for (l = 0; l < 17 && i + l < n &&
				    (s + l) % 4096 != wpos &&
				    dict[(s + l) % 4096] == (guint8)rtf[i + l]; l++)
					;
				if (l > bestlen) {
					best = s;
					bestlen = l;
				}
			}
			if (bestlen >= 2) {
				guint8 ref[2] = { (guint8)(best >> 4),
				    (guint8)((best & 0x0f) << 4 | (bestlen - 2)) };

				c->data[at] |= (guint8)(1u << bit);
				g_byte_array_append(c, ref, 2);
			} else {
				bestlen = 1;
				g_byte_array_append(c, (const guint8 *)rtf + i, 1);
			}
			for (k = 0; k < bestlen; k++) {
				dict[wpos] = (guint8)rtf[i++];
				wpos = (wpos + 1) % 4096;
			}
		}
	}
	put32(all, (uint32_t)c->len + 12);	/* COMPSIZE */
	put32(all, (uint32_t)n);		/* RAWSIZE */
	g_byte_array_append(all, (const guint8 *)"LZFu", 4);
	put32(all, rtfcrc(c->data, c->len));
	g_byte_array_append(all, c->data, c->len);
	bin(o, 0x1009, PT_BINARY, all->data, all->len);
	g_byte_array_free(c, TRUE);
	g_byte_array_free(all, TRUE);
}

/*
 * An Exchange NDR as Outlook saves it in rich text: no PR_BODY, no
 * PR_HTML, only PR_RTF_COMPRESSED holding the HTML encapsulated in RTF
 * (MS-OXRTFEX: \fromhtml1, the markup in {\*\htmltag} groups, RTF-only
 * formatting between \htmlrtf and \htmlrtf0), and a recipient table
 * without rows: the body is the only place the failure is told.  Texts:
 * Exchange 2010's NDR ("Delivery has failed to these recipients or
 * groups", "Remote Server returned '...'") with Postfix's refusal.
 */
static void
kind_ndr_rtf(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), NULL };

	str(&o, 0x001A, "REPORT.IPM.Note.NDR", 0);
	str(&o, 0x0037, "Undeliverable: Quote for March", 0);
	str(&o, 0x0049, "Quote for March", 0);
	str(&o, 0x0C1A, "Microsoft Outlook", 0);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 0);
	rtf_compressed(&o, "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\fbidis "
	    "\\deff0{\\fonttbl\r\n{\\f0\\fswiss\\fcharset0 Arial;}\r\n"
	    "{\\f1\\fmodern Courier New;}\r\n{\\f2\\fnil\\fcharset2 Symbol;}"
	    "\r\n{\\f3\\fmodern\\fcharset0 Courier New;}\r\n{\\f4\\fswiss "
	    "Tahoma;}}\r\n{\\colortbl\\red0\\green0\\blue0;\\red0\\green0"
	    "\\blue255;}\r\n\\uc1\\pard\\plain\\deftab360 \\f0\\fs24 \r\n"
	    "{\\*\\htmltag19 <html>}\r\n{\\*\\htmltag34 <head>}\r\n"
	    "{\\*\\htmltag161 <meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=us-ascii\">}\r\n"
	    "{\\*\\htmltag41 </head>}\r\n{\\*\\htmltag50 <body>}\r\n"
	    "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 {\\*\\htmltag148 "
	    "<b>}\\htmlrtf {\\b \\htmlrtf0 Delivery has failed to these "
	    "recipients or groups:\\htmlrtf }\\htmlrtf0 {\\*\\htmltag156 "
	    "</b>}\\htmlrtf \\par\r\n}\\htmlrtf0 {\\*\\htmltag72 </p>}\r\n"
	    "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 {\\*\\htmltag84 "
	    "<a href=\"mailto:bob@example.net\">}\\htmlrtf {\\field{\\*"
	    "\\fldinst{HYPERLINK \"mailto:bob@example.net\"}}{\\fldrslt\\cf1"
	    "\\ul \\htmlrtf0 bob@example.net\\htmlrtf }\\htmlrtf0 \\htmlrtf }"
	    "\\htmlrtf0 {\\*\\htmltag92 </a>}{\\*\\htmltag116 <br>}\\htmlrtf "
	    "\\line\r\n\\htmlrtf0 The e\\'2dmail address you entered couldn"
	    "\\rquote t be found. Please check the recipient\\rquote s "
	    "e\\'2dmail address and try to resend the message.\\htmlrtf "
	    "\\par\r\n}\\htmlrtf0 {\\*\\htmltag72 </p>}\r\n"
	    "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Diagnostic information "
	    "for administrators:{\\*\\htmltag116 <br>}\\htmlrtf \\line\r\n"
	    "\\htmlrtf0 Generating server: mail.sales.example.cn"
	    "{\\*\\htmltag116 <br>}\\htmlrtf \\line\r\n\\htmlrtf0 "
	    "bob@example.net{\\*\\htmltag116 <br>}\\htmlrtf \\line\r\n"
	    "\\htmlrtf0 Remote Server returned '550 5.1.1 {\\*\\htmltag84 "
	    "&lt;}\\htmlrtf <\\htmlrtf0 bob@example.net{\\*\\htmltag84 "
	    "&gt;}\\htmlrtf >\\htmlrtf0 : Recipient address rejected: User "
	    "unknown in virtual mailbox table'\\htmlrtf \\par\r\n}\\htmlrtf0 "
	    "{\\*\\htmltag72 </p>}\r\n{\\*\\htmltag58 </body>}\r\n"
	    "{\\*\\htmltag27 </html>}}\r\n");
	lng(&o, 0x3FFD, 1252);
	systime(&o, 0x0039, 1796117460);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 0, 0, 1);
}

/*
 * The same kind of NDR from a Chinese Outlook that wrote 8-bit strings
 * (PR_MESSAGE_CODEPAGE 936) and its body as RTF of its own (no
 * encapsulation): \ansicpg936, a font of \fcharset134, the Chinese text
 * as \'hh GBK bytes; PR_BODY is
 * there but empty and PR_HTML blank, as Outlook leaves them.  Texts:
 * Chinese Exchange's NDR ("无法传递到以下收件人或组", "远程服务器返回")
 * and QQ Mail's "Mailbox not found" refusal.
 */
static void
kind_ndr_rtf_cp936(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), "GBK" };
	gchar *gbk;
	GString *rtf = g_string_new("{\\rtf1\\ansi\\ansicpg936\\deff0"
	    "\\deflang1033\\deflangfe2052{\\fonttbl{\\f0\\fnil\\fcharset134 "
	    "\\'cb\\'ce\\'cc\\'e5;}{\\f1\\fswiss\\fcharset0 Calibri;}}\r\n"
	    "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n"
	    "\\pard\\f0\\fs20\\lang2052 ");
	const char *p, *text = "无法传递到以下收件人或组:\n\nzhangwei@qq.example.com"
	    "\n找不到你输入的电子邮件地址，或对方服务器拒绝了该邮件。\n\n"
	    "远程服务器返回'550 Mailbox not found. 收件人邮箱不存在 "
	    "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022"
	    "&&no=1000728'\n";
	gsize len, i;

	/* the text in GBK, as RTF: \'hh for each byte past ASCII */
	gbk = g_convert(text, -1, "GBK", "UTF-8", NULL, &len, NULL);
	for (i = 0, p = gbk; i < len; i++, p++) {
		if (*p == '\n')
			g_string_append(rtf, "\\par\r\n");
		else if ((guint8)*p >= 0x80)
			g_string_append_printf(rtf, "\\'%02x", (guint8)*p);
		else
			g_string_append_c(rtf, *p);
	}
	g_string_append(rtf, "}\r\n");
	g_free(gbk);
	str(&o, 0x001A, "IPM.Note", 1);
	str(&o, 0x0037, "无法传递: 三月报价单", 1);
	str(&o, 0x0C1A, "系统管理员", 1);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 1);
	str(&o, 0x1000, "", 1);
	bin(&o, 0x1013, PT_BINARY, "\r\n", 2);
	rtf_compressed(&o, rtf->str);
	lng(&o, 0x3FFD, 936);
	systime(&o, 0x0039, 1796117460);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 0, 0, 1);
	g_string_free(rtf, TRUE);
}

/*
 * RTF text as Word writes it for a Chinese run: each byte past ASCII as
 * \'hh, but a trail byte in ASCII's range raw (the RTF specification's Far
 * East section: "\'abh" is GBK's 玥), RTF's own characters escaped.
 */
static void
word_gbk(GString *rtf, const char *utf8, size_t n)
{
	gchar *gbk;
	gsize len, i;

	gbk = g_convert(utf8, (gssize)n, "GBK", "UTF-8", NULL, &len, NULL);
	for (i = 0; i < len; i++) {
		guint8 c = (guint8)gbk[i];

		if (c >= 0x80) {
			g_string_append_printf(rtf, "\\'%02x", c);
			if (++i < len && (guint8)gbk[i] >= 0x80)
				g_string_append_printf(rtf, "\\'%02x",
				    (guint8)gbk[i]);
			else if (i < len && strchr("\\{}", gbk[i]) != NULL)
				g_string_append_printf(rtf, "\\%c", gbk[i]);
			else if (i < len)
				g_string_append_c(rtf, gbk[i]);
		} else
			g_string_append_c(rtf, (char)c);
	}
	g_free(gbk);
}

/*
 * The same NDR from a Chinese Outlook whose editor is Word: its RTF names
 * no \ansicpg, its default font (\deff0) is a Latin one of \fcharset0 and
 * its Chinese font (\f13, \fcharset134) is only the double-byte font of
 * each paragraph ("\loch\f0\hich\af0\dbch\af13", the RTF specification's
 * associated character properties); ASCII runs say \loch\f0, Chinese runs
 * say no font and are the paragraph's \dbch text.  The recipient's name
 * has a GBK trail byte in ASCII's range, written raw.
 */
static void
kind_ndr_rtf_word(GsfOutfile *root)
{
	struct obj o = { GSF_OUTFILE(root), g_byte_array_new(), "GBK" };
	GString *rtf = g_string_new("{\\rtf1\\ansi\\deff0\\stshfdbch13"
	    "\\stshfloch0\\stshfhich0\\deflang1033\\deflangfe2052{\\fonttbl"
	    "{\\f0\\fswiss\\fcharset0\\fprq2 Calibri;}{\\f13\\fbidi \\fnil"
	    "\\fcharset134\\fprq2{\\*\\panose 02010600030101010101}"
	    "\\'cb\\'ce\\'cc\\'e5{\\*\\falt SimSun};}}\r\n"
	    "{\\*\\generator Microsoft Word 16.0;}\\viewkind4\\uc1 \r\n");
	const char *p, *end, *text = "无法传递到以下收件人或组:\n\n李玥 "
	    "(liyue@qq.example.com)\n找不到你输入的电子邮件地址，或对方服务器"
	    "拒绝了该邮件。\n\n远程服务器返回'550 Mailbox not found. "
	    "收件人邮箱不存在 http://service.mail.qq.com/cgi-bin/help?"
	    "subtype=1&&id=20022&&no=1000728'\n";

	for (p = text; *p != '\0'; p = end) {
		if (p == text || p[-1] == '\n')
			g_string_append(rtf, "\\pard\\plain \\ltrpar\\ql "
			    "\\rtlch\\fcs1 \\af0\\afs22 \\ltrch\\fcs0 \\fs21"
			    "\\lang1033\\langfe2052\\loch\\f0\\hich\\af0"
			    "\\dbch\\af13 ");
		if (*p == '\n') {
			g_string_append(rtf, "\\par\r\n");
			end = p + 1;
			continue;
		}
		for (end = p; *end != '\0' && *end != '\n' &&
		    ((guint8)*end >= 0x80) == ((guint8)*p >= 0x80); end++)
			;
		g_string_append(rtf, "{\\rtlch\\fcs1 \\af0 \\ltrch\\fcs0 ");
		if ((guint8)*p >= 0x80)
			word_gbk(rtf, p, (size_t)(end - p));
		else {
			g_string_append(rtf, "\\hich\\af0\\dbch\\af13\\loch\\f0 ");
			g_string_append_len(rtf, p, end - p);
		}
		g_string_append(rtf, "}");
	}
	g_string_append(rtf, "}\r\n");
	str(&o, 0x001A, "IPM.Note", 1);
	str(&o, 0x0037, "无法传递: 三月报价单", 1);
	str(&o, 0x0C1A, "系统管理员", 1);
	str(&o, 0x0C1F, "postmaster@sales.example.cn", 1);
	str(&o, 0x1000, "", 1);
	rtf_compressed(&o, rtf->str);
	lng(&o, 0x3FFD, 936);
	systime(&o, 0x0039, 1796117460);
	nameid(GSF_OUTFILE(root));
	obj_close(&o, 32, 0, 0, 1);
	g_string_free(rtf, TRUE);
}

/* An OLE2 file that holds no message: a Word-like stream only. */
static void
kind_not_msg(GsfOutfile *root)
{
	static const char doc[] = "\xec\xa5\xc1\x00 not a message";

	stream(GSF_OUTFILE(root), "WordDocument", doc, sizeof(doc));
	stream(GSF_OUTFILE(root), "\005SummaryInformation", "\xfe\xff", 2);
}

static const struct {
	const char	*name;
	void		(*write)(GsfOutfile *);
	int		 cut;		/* write only the first half (a broken copy) */
} kinds[] = {
	{ "note-gmail", kind_note_gmail, 0 },
	{ "note-html", kind_note_html, 0 },
	{ "ndr", kind_ndr, 0 },
	{ "ndr-cp936", kind_ndr_cp936, 0 },
	{ "ndr-exchange", kind_ndr_exchange, 0 },
	{ "ndr-rtf", kind_ndr_rtf, 0 },
	{ "ndr-rtf-cp936", kind_ndr_rtf_cp936, 0 },
	{ "ndr-rtf-word", kind_ndr_rtf_word, 0 },
	{ "delayed", kind_delayed, 0 },
	{ "receipt", kind_receipt, 0 },
	{ "many", kind_many, 0 },
	{ "nested", kind_nested, 0 },
	{ "from-eml", kind_from_eml, 0 },
	{ "not-msg", kind_not_msg, 0 },
	{ "truncated", kind_ndr, 1 },
};

int
main(int argc, char **argv)
{
	GsfOutput *mem, *file;
	GsfOutfile *root;
	GError *err = NULL;
	size_t i, len;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: mkmsg KIND FILE [EML]\n");
		return 64;
	}
	input = argc == 4 ? argv[3] : NULL;
	gsf_init();
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[1], kinds[i].name) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0])) {
		fprintf(stderr, "mkmsg: unknown kind %s\n", argv[1]);
		return 64;
	}
	mem = gsf_output_memory_new();
	root = gsf_outfile_msole_new(mem);
	kinds[i].write(root);
	gsf_output_close(GSF_OUTPUT(root));
	g_object_unref(root);
	len = (size_t)gsf_output_size(mem);
	if (kinds[i].cut)
		len /= 2;
	if ((file = gsf_output_stdio_new(argv[2], &err)) == NULL) {
		fprintf(stderr, "mkmsg: %s: %s\n", argv[2], err->message);
		return 73;
	}
	gsf_output_write(file, len,
	    gsf_output_memory_get_bytes(GSF_OUTPUT_MEMORY(mem)));
	gsf_output_close(file);
	g_object_unref(file);
	g_object_unref(mem);	/* closed with root */
	return 0;
}
