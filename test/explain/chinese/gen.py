#!/usr/bin/env python3
# gen.py - writes the Chinese-provider bounce fixtures (NN-name.eml) and
# expected.tsv.  Each reply text is a provider's documented text (the
# source column names where it is documented); the bounce around it is the
# form a sales team receives it in: a DSN from their own Postfix, an Exim
# text bounce, a Chinese-language Outlook or Gmail notice, or lines pasted
# from a mail client.  Run it again after changing a row; commit both.
import base64, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SENDER = "sales@example.cn"
SUBJ = "关于报价单的确认（第二版）"

QQ_HELP = "Tencent QQ Mail help (service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022)"
QQ_DSN = "QQ Mail replies in public DSNs (lists.sourceforge.net bounces to qq.com, Nov 2020)"
QQ_SISIMAI = "Sisimai lib/sisimai/rhost/tencent.rb (QQ texts)"
NE = "NetEase 企业退信的常见问题 (help.163.com/09/1224/17/5RAJ4LMH00753VB8.html; mail.163.com/help/help_spam_16.htm)"
NE_LIVE = "NetEase reply as quoted in public bug reports (554 DT:SPM 126 smtp5,... please see mail.163.com/help/help_spam_16.htm)"
ALIYUN = "issue 11 (Aliyun mail documented texts: 'Reject by behaviour spam', 'Mail content denied')"
SINA = "PasseRR, 新浪邮箱554退信 (passerr.github.io, 2022-05-13): Sina refused an IP listed by Spamhaus; reply is Postfix's RBL text"
MS_ZH = "Microsoft, Email non-delivery reports in Exchange Online (learn.microsoft.com), zh-CN NDR wording"
ZH_MTA = "a Chinese MTA's reply table, Chinese text of each reply (blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html; 360docs.net/doc/a61843873.html)"
NE_ZH = "NetEase 企业退信的常见问题, the Chinese text of the reply alone (help.163.com/09/1224/17/5RAJ4LMH00753VB8.html)"
RFC_ZH = "RFC 5321 552 'exceeded storage allocation' in its Chinese wording (blog.apptj.net/html/show-1767-1-11.html)"
GM_ZH = "Google, Gmail 'Address not found' notice (support.google.com/mail/answer/7720), zh-CN wording"

# name, form, recipient, reply, reason, side, source
ROWS = [
    ("qq-mailbox-not-found", "postfix", "zhangwei.nonexist@qq.com",
     "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
     "mailbox_unknown", "recipient_address", QQ_SISIMAI),
    ("qq-ip-frequency", "postfix", "buyer@qq.com",
     "550 Ip frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
     "too_many_connections", "our_side", QQ_SISIMAI),
    ("qq-connection-frequency", "postfix", "buyer2@qq.com",
     "550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722",
     "too_many_connections", "our_side", QQ_SISIMAI),
    ("qq-domain-frequency", "exim", "cg@foxmail.com",
     "550 Domain frequency limited. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726",
     "too_many_connections", "our_side", QQ_SISIMAI),
    ("qq-spf", "postfix", "1390185293@qq.com",
     "550 SPF check failed [MPf7Mks9mtErD1Fu/P4qoIWMqNvMLT12NBY9mWiyoo8NZ4Wq76jbMOm1OQ3X7DJKeg==  IP: 203.0.113.9]. http://service.mail.qq.com/cgi-bin/help?subtype=1&&no=1001445&&id=20022.",
     "auth_spf_dkim_dmarc", "our_side", QQ_DSN),
    ("qq-dmarc", "postfix", "li.na@qq.com",
     "550 DMARC check failed. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1001445",
     "auth_spf_dkim_dmarc", "our_side", QQ_HELP),
    ("qq-access-denied", "postfix", "jkafsjewkfn@qq.com",
     "550 Mailbox unavailable or access denied [MPf7Mks9mtErD1Fu/P4qoIWMqNvMLT12NBY9mWiyoo8NZ4Wq76jbMOm1OQ3X7DJKeg== IP: 203.0.113.9]",
     "policy_other", "recipient_server", QQ_DSN),
    ("qq-content-denied", "postfix", "caigou@qq.com",
     "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726",
     "content_rejected", "content", QQ_HELP),
    ("exmail-mailbox-not-found", "exim", "purchasing@tencent-customer.example.cn",
     "550 Mailbox not found. http://service.exmail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
     "mailbox_unknown", "recipient_address", QQ_SISIMAI),
    ("exmail-deactivated", "postfix", "old.staff@customer-exmail.example.cn",
     "550 old.staff@customer-exmail.example.cn is a deactivated mailbox http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000742",
     "mailbox_disabled", "recipient_address", "Sisimai lib/sisimai/reason/suspend (cites QQ help no=1000742)"),
    ("163-hl-rep", "postfix", "wang@163.com",
     "421 HL:REP 该IP发送行为异常，存在接收者大量不存在情况，被临时禁止连接。请检查是否有用户发送病毒或者垃圾邮件，并核对发送列表有效性；",
     "reputation_or_rate", "our_side", NE),
    ("163-hl-icc", "postfix", "zhao@163.com",
     "421 HL:ICC 该IP同时并发连接数过大，超过了网易的限制，被临时禁止连接。请检查是否有用户发送病毒或者垃圾邮件，并降低IP并发连接数量；",
     "too_many_connections", "our_side", NE),
    ("126-hl-ifc", "exim", "qian@126.com",
     "421 HL:IFC 该IP短期内发送了大量信件，超过了网易的限制，被临时禁止连接。请检查是否有用户发送病毒或者垃圾邮件，并降低发送频率；",
     "reputation_or_rate", "our_side", NE),
    ("163-dt-rbl", "postfix", "sun@163.com",
     "450 DT:RBL 发信IP位于一个或多个RBL里。请参考http://www.rbls.org/关于RBL的相关信息；",
     "ip_blocklisted", "our_side", NE),
    ("126-dt-spm", "postfix", "zhou@126.com",
     "554 DT:SPM 126 smtp5,jtKowAAnI4CgTxpbogAOAA--.26S2 1528450981,please see http://mail.163.com/help/help_spam_16.htm?ip=203.0.113.9&hostid=smtp5&time=1528450981",
     "content_rejected", "content", NE_LIVE),
    ("163-dt-spm-zh", "exim", "wu@163.com",
     "550 DT:SPM 邮件正文带有很多垃圾邮件特征或发送环境缺乏规范性。需调整邮件内容或优化发送环境；",
     "content_rejected", "content", NE),
    ("163-mi-spf", "postfix", "zheng@163.com",
     "550 MI:SPF 发信IP未被发送域的SPF许可。请参考http://www.openspf.org/关于SPF规范的定义；",
     "auth_spf_dkim_dmarc", "our_side", NE),
    ("163-mi-dma", "postfix", "feng@163.com",
     "550 MI:DMA 该邮件未被发信域的DMARC许可。请参考http://dmarc.org/关于DMARC规范的定义；",
     "auth_spf_dkim_dmarc", "our_side", NE),
    ("163-invalid-user", "postfix", "nobody.here@163.com",
     "550 Invalid User 请求的用户不存在",
     "mailbox_unknown", "recipient_address", NE),
    ("163-user-suspended", "exim", "chen@163.com",
     "550 User suspended 请求的用户处于禁用或者冻结状态",
     "mailbox_disabled", "recipient_address", NE),
    ("yeah-hl-ipb", "postfix", "chu@yeah.net",
     "554 HL:IPB 该IP不在网易允许的发送地址列表里；",
     "ip_blocklisted", "our_side", NE),
    ("163-mi-stc", "postfix", "wei@163.com",
     "554 MI:STC 发件人当天内累计邮件数量超过限制，当天不再接受该发件人的投信。请降低发信频率；",
     "reputation_or_rate", "our_side", NE),
    ("163-rp-rcl", "postfix", "jiang@163.com",
     "550 RP:RCL 群发收件人数量超过了限额，请减少每封邮件的收件人数量；",
     "too_many_recipients", "content", NE),
    ("163-dt-sum", "postfix", "shen@163.com",
     "554 DT:SUM 信封发件人和信头发件人不匹配；",
     "sender_rejected", "our_side", NE),
    ("163-mailsize", "postfix", "han@163.com",
     "552 Requested mail action aborted: exceeded mailsize limit 发送的信件大小超过了网易邮箱允许接收的最大限制",
     "message_too_big", "content", NE),
    ("163-illegal-attachment", "exim", "yang@163.com",
     "552 Illegal Attachment 不允许发送该类型的附件",
     "virus_detected", "content", NE),
    ("aliyun-behaviour-spam", "postfix", "buyer@aliyun.com",
     "554 5.7.1 Reject by behaviour spam at Rcpt State",
     "reputation_or_rate", "our_side", ALIYUN),
    ("aliyun-content-denied", "postfix", "caiwu@aliyun.com",
     "554 5.7.1 Mail content denied",
     "content_rejected", "content", ALIYUN),
    ("sina-spamhaus", "postfix", "liu@sina.com",
     "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org",
     "ip_blocklisted", "our_side", SINA),
    ("sina-cn-spamhaus", "exim", "lin@sina.cn",
     "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
     "ip_blocklisted", "our_side", SINA),
    ("outlook-zh-not-found", "exchange_zh", "wrong.name@customer.example.com",
     "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
     "mailbox_unknown", "recipient_address", MS_ZH),
    ("outlook-zh-blocklist", "exchange_zh", "buyer@customer.example.com",
     "550 5.7.606 Access denied, banned sending IP [203.0.113.9]. To request removal from this list please visit https://sender.office.com/",
     "ip_blocklisted", "our_side", MS_ZH),
    ("gmail-zh-not-found", "gmail_zh", "no.such.buyer@gmail.com",
     "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
     "mailbox_unknown", "recipient_address", GM_ZH),
    ("gmail-zh-dmarc", "gmail_zh", "buyer@gmail.com",
     "550 5.7.26 Unauthenticated email from example.cn is not accepted due to domain's DMARC policy.",
     "auth_spf_dkim_dmarc", "our_side", GM_ZH),
    ("pasted-qq", "pasted", "zhangsan@qq.com",
     "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
     "mailbox_unknown", "recipient_address", QQ_SISIMAI),
    ("pasted-163", "pasted", "lisi@163.com",
     "554 DT:SPM 发送的邮件内容包含了未被许可的信息，或被系统识别为垃圾邮件。请检查是否有用户发送病毒或者垃圾邮件；",
     "content_rejected", "content", NE),
    # replies written in Chinese only
    ("zh-mta-mailbox", "postfix", "wangfang@customer-zh.example.cn",
     "550 邮箱不存在",
     "mailbox_unknown", "recipient_address", ZH_MTA),
    ("zh-mta-mailbox-both", "exim", "liqiang@customer-zh.example.cn",
     "550 mailbox unavailable. (邮箱不存在)",
     "mailbox_unknown", "recipient_address", ZH_MTA),
    ("zh-mta-locked", "exim", "zhaomin@customer-zh.example.cn",
     "550 邮箱被锁",
     "mailbox_disabled", "recipient_address", ZH_MTA),
    ("zh-mta-virus", "exim", "sunli@customer-zh.example.cn",
     "552 信件包含无法清除的病毒",
     "virus_detected", "content", ZH_MTA),
    ("zh-mta-antispam", "exim", "zhoujie@customer-zh.example.cn",
     "552 反垃圾邮件引擎被拒绝的邮件",
     "content_rejected", "content", ZH_MTA),
    ("zh-mta-too-long", "exim", "wujun@customer-zh.example.cn",
     "552 邮件大小超过限制",
     "message_too_big", "content", ZH_MTA),
    ("zh-mta-black-ip", "postfix", "zhengyu@customer-zh.example.cn",
     "550 发信IP被禁止",
     "reputation_or_rate", "our_side", ZH_MTA),
    ("zh-mta-sender", "postfix", "fengtao@customer-zh.example.cn",
     "552 发件人地址不合法",
     "sender_rejected", "our_side", ZH_MTA),
    ("163-invalid-user-zh", "postfix", "nobody.zh@163.com",
     "550 请求的用户不存在",
     "mailbox_unknown", "recipient_address", NE_ZH),
    ("163-user-suspended-zh", "exim", "chen.zh@163.com",
     "550 请求的用户处于禁用或者冻结状态",
     "mailbox_disabled", "recipient_address", NE_ZH),
    ("zh-rfc-storage", "postfix", "hanmei@customer-zh.example.cn",
     "552 过量的存储分配，要求的操作未执行",
     "mailbox_full", "recipient_server", RFC_ZH),
    ("pasted-zh-mta", "pasted", "yangfan@customer-zh.example.cn",
     "550 邮箱不存在",
     "mailbox_unknown", "recipient_address", ZH_MTA),
]


def b64subject(s, charset):
    raw = s.encode(charset)
    # split mid-character on purpose: decoders must join by charset
    parts = [raw[i:i + 7] for i in range(0, len(raw), 7)]
    return "\r\n ".join("=?%s?B?%s?=" % (charset, base64.b64encode(p).decode())
                        for p in parts)


def original(rcpt, n):
    cs = "GB2312" if n % 2 else "UTF-8"
    return ("From: Sales <%s>\r\nTo: <%s>\r\nSubject: %s\r\n"
            "Date: Mon, 30 Nov 2026 09:%02d:00 +0800\r\n"
            "Message-ID: <q%02d@example.cn>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n" %
            (SENDER, rcpt, b64subject(SUBJ, cs), n, n))


def code_of(reply):
    return reply.split(" ", 1)[0]


def enhanced_of(reply):
    w = reply.split(" ")
    return w[1] if len(w) > 1 and w[1][:1] in "245" and w[1].count(".") == 2 else ""


def postfix(rcpt, reply, n, after):
    status = enhanced_of(reply) or (code_of(reply)[0] + ".0.0")
    host = "mx3.qq.com" if "qq.com" in reply or "qq.com" in rcpt else "mx.example.net"
    return ("From: MAILER-DAEMON@mail.example.cn (Mail Delivery System)\r\n"
            "To: %s\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            "Date: Mon, 30 Nov 2026 09:%02d:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;\r\n"
            "\tboundary=\"B%02d\"\r\n\r\n--B%02d\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            "This is the mail system at host mail.example.cn.\r\n\r\n"
            "I'm sorry to have to inform you that your message could not\r\n"
            "be delivered to one or more recipients.\r\n\r\n--B%02d\r\n"
            "Content-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mail.example.cn\r\n\r\n"
            "Final-Recipient: rfc822; %s\r\nOriginal-Recipient: rfc822;%s\r\n"
            "Action: failed\r\nStatus: %s\r\nRemote-MTA: dns; %s\r\n"
            "Diagnostic-Code: smtp; %s\r\n\r\n--B%02d\r\n"
            "Content-Type: text/rfc822-headers; charset=utf-8\r\n\r\n%s\r\n--B%02d--\r\n" %
            (SENDER, n, n, n, n, rcpt, rcpt, status, host, reply, n,
             original(rcpt, n), n))


def exim(rcpt, reply, n, after):
    return ("From: Mail Delivery System <Mailer-Daemon@mail.example.cn>\r\n"
            "To: %s\r\nSubject: Mail delivery failed: returning message to sender\r\n"
            "Auto-Submitted: auto-replied\r\nX-Failed-Recipients: %s\r\n"
            "Date: Mon, 30 Nov 2026 09:%02d:05 +0800\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "This message was created automatically by mail delivery software.\r\n\r\n"
            "A message that you sent could not be delivered to one or more of its\r\n"
            "recipients. This is a permanent error. The following address(es) failed:\r\n\r\n"
            "  %s\r\n    host mx.example.net [198.51.100.7]\r\n"
            "    SMTP error from remote mail server after %s:\r\n    %s\r\n\r\n"
            "------ This is a copy of the message, including all the headers. ------\r\n\r\n%s\r\n"
            "你好，请查收报价单。\r\n" % (SENDER, rcpt, n, rcpt, after, reply,
                                     original(rcpt, n)))


def exchange_zh(rcpt, reply, n, after):
    body = ("无法传递到以下收件人或组:\r\n\r\n%s\r\n"
            "找不到你输入的电子邮件地址，或对方服务器拒绝了该邮件。\r\n\r\n"
            "远程服务器返回'%s'\r\n" % (rcpt, reply))
    b = base64.encodebytes(body.encode("gb18030")).decode().replace("\n", "\r\n")
    return ("From: Microsoft Outlook <postmaster@example.cn>\r\nTo: %s\r\n"
            "Subject: %s\r\nDate: Mon, 30 Nov 2026 09:%02d:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"X%02d\"\r\n\r\n--X%02d\r\n"
            "Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--X%02d\r\nContent-Type: message/rfc822\r\n\r\n%s\r\nbody\r\n--X%02d--\r\n" %
            (SENDER, b64subject("无法传递: " + SUBJ, "GB2312"), n, n, n, b, n,
             original(rcpt, n), n))


def gmail_zh(rcpt, reply, n, after):
    body = ("找不到地址\r\n\r\n您的邮件无法送达 %s，因为找不到该地址，或该地址无法接收邮件。\r\n\r\n"
            "服务器的响应为：\r\n%s\r\n" % (rcpt, reply))
    q = base64.encodebytes(body.encode("utf-8")).decode().replace("\n", "\r\n")
    return ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nTo: %s\r\n"
            "Subject: =?UTF-8?B?%s?=\r\nX-Failed-Recipients: %s\r\n"
            "Date: Mon, 30 Nov 2026 09:%02d:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"G%02d\"\r\n\r\n"
            "--G%02d\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--G%02d\r\nContent-Type: message/rfc822\r\n\r\n%s\r\nbody\r\n--G%02d--\r\n" %
            (SENDER, base64.b64encode("退信：找不到地址".encode()).decode(), rcpt, n, n, n, q, n,
             original(rcpt, n), n))


def pasted(rcpt, reply, n, after):
    return "%s\r\n%s\r\n" % (rcpt, reply)


FORMS = {"postfix": postfix, "exim": exim, "exchange_zh": exchange_zh,
         "gmail_zh": gmail_zh, "pasted": pasted}


def main():
    with open(os.path.join(HERE, "expected.tsv"), "w") as tsv:
        tsv.write("file\taddress\tcode\tenhanced\treason\tside\tsource\n")
        for n, (name, form, rcpt, reply, reason, side, src) in enumerate(ROWS, 1):
            fn = "%02d-%s.%s" % (n, name, "txt" if form == "pasted" else "eml")
            # content is refused after DATA, everything else at RCPT TO
            after = ("end of data" if side == "content" else
                     "RCPT TO:<%s>" % rcpt)
            with open(os.path.join(HERE, fn), "wb") as f:
                f.write(FORMS[form](rcpt, reply, n, after).encode("utf-8"))
            # the enhanced code the bounce carries: Postfix writes X.0.0
            # in Status when the reply has none
            enh = enhanced_of(reply)
            if form == "postfix" and not enh:
                enh = code_of(reply)[0] + ".0.0"
            tsv.write("\t".join([fn, rcpt, code_of(reply), enh,
                                 reason, side, src]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
