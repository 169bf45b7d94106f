#!/usr/bin/env python3
# gen.py - writes the Chinese-provider bounce fixtures (NN-name.eml) and
# expected.tsv.  Each reply text is a provider's documented text (the
# source column names where it is documented); the bounce around it is the
# form a sales team receives it in: a DSN from their own Postfix, an Exim
# text bounce, a Chinese-language Outlook or Gmail notice, or lines pasted
# from a mail client.  Run it again after changing a row; commit both.
import base64, html, os, quopri, sys

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
GM_AUTH = "Gmail's 550-5.7.26 refusal of unauthenticated mail, over three lines (support.google.com/mail/answer/81126)"
# the providers' own notices (49-): where each notice's words are quoted
QQN = "QQ Mail's notice '来自qq.com的退信' as quoted in github.com/doublefires/Libra (scripts/check_bounce.py and its test)"
QQN_KEYS = "QQ Mail help, keywords of its bounce notices ('host X said:', '收件人空间不足'), as mirrored at qqmailbox.com/transceivers/169.html"
NE_NOTICE = "NetEase 163 '系统退信' notice by Coremail, github.com/huxley-barbee/pantomime data/0008.eml"
NE_NOTICE_HTML = "NetEase 163 '系统退信' HTML notice by Coremail, github.com/yunsite/smeoa trunk/wwwroot/Sql/demo.sql (its demo mail table)"
CM_NOTICE = "Coremail bilingual notice quoted on qemu-devel, 2021-10-21 (<49d356da-30dd-6460-73fa-8a9e165a9091@loongson.cn>)"
ALI_NOTICE = "Alibaba Mail's notice (退信原因 / 解决方案 / 远程响应) quoted in github.com/songquanpeng/message-pusher issue 127"
ALI_HELP = "Alibaba Mail's notice (github.com/songquanpeng/message-pusher issue 127) with its reason for '550 User not found', '收件人邮件地址不存在,邮件无法送达' (aliyuntx.com/news_in/351; mysdqq.cn/a110115-show/news-2173.html)"

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
     "rate_limited", "our_side", NE),
    ("163-rp-rcl", "postfix", "jiang@163.com",
     "550 RP:RCL 群发收件人数量超过了限额，请减少每封邮件的收件人数量；",
     "too_many_recipients", "our_side", NE),
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


def hm(n):
    """The fixture's time of day, 09:00 plus n minutes: the Date of
    fixture n (and the times its notice quotes) is a time there is."""
    return "%02d:%02d" % (9 + n // 60, n % 60)


def original(rcpt, n):
    cs = "GB2312" if n % 2 else "UTF-8"
    return ("From: Sales <%s>\r\nTo: <%s>\r\nSubject: %s\r\n"
            "Date: Mon, 30 Nov 2026 %s:00 +0800\r\n"
            "Message-ID: <q%02d@example.cn>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n" %
            (SENDER, rcpt, b64subject(SUBJ, cs), hm(n), n))


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
            "Date: Mon, 30 Nov 2026 %s:05 +0800\r\nMIME-Version: 1.0\r\n"
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
            (SENDER, hm(n), n, n, n, rcpt, rcpt, status, host, reply, n,
             original(rcpt, n), n))


def exim(rcpt, reply, n, after):
    return ("From: Mail Delivery System <Mailer-Daemon@mail.example.cn>\r\n"
            "To: %s\r\nSubject: Mail delivery failed: returning message to sender\r\n"
            "Auto-Submitted: auto-replied\r\nX-Failed-Recipients: %s\r\n"
            "Date: Mon, 30 Nov 2026 %s:05 +0800\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            "This message was created automatically by mail delivery software.\r\n\r\n"
            "A message that you sent could not be delivered to one or more of its\r\n"
            "recipients. This is a permanent error. The following address(es) failed:\r\n\r\n"
            "  %s\r\n    host mx.example.net [198.51.100.7]\r\n"
            "    SMTP error from remote mail server after %s:\r\n    %s\r\n\r\n"
            "------ This is a copy of the message, including all the headers. ------\r\n\r\n%s\r\n"
            "你好，请查收报价单。\r\n" % (SENDER, rcpt, hm(n), rcpt, after, reply,
                                     original(rcpt, n)))


def exchange_zh(rcpt, reply, n, after):
    body = ("无法传递到以下收件人或组:\r\n\r\n%s\r\n"
            "找不到你输入的电子邮件地址，或对方服务器拒绝了该邮件。\r\n\r\n"
            "远程服务器返回'%s'\r\n" % (rcpt, reply))
    b = base64.encodebytes(body.encode("gb18030")).decode().replace("\n", "\r\n")
    return ("From: Microsoft Outlook <postmaster@example.cn>\r\nTo: %s\r\n"
            "Subject: %s\r\nDate: Mon, 30 Nov 2026 %s:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"X%02d\"\r\n\r\n--X%02d\r\n"
            "Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--X%02d\r\nContent-Type: message/rfc822\r\n\r\n%s\r\nbody\r\n--X%02d--\r\n" %
            (SENDER, b64subject("无法传递: " + SUBJ, "GB2312"), hm(n), n, n, b, n,
             original(rcpt, n), n))


def gmail_zh(rcpt, reply, n, after):
    body = ("找不到地址\r\n\r\n您的邮件无法送达 %s，因为找不到该地址，或该地址无法接收邮件。\r\n\r\n"
            "服务器的响应为：\r\n%s\r\n" % (rcpt, reply))
    q = base64.encodebytes(body.encode("utf-8")).decode().replace("\n", "\r\n")
    return ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\nTo: %s\r\n"
            "Subject: =?UTF-8?B?%s?=\r\nX-Failed-Recipients: %s\r\n"
            "Date: Mon, 30 Nov 2026 %s:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"G%02d\"\r\n\r\n"
            "--G%02d\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--G%02d\r\nContent-Type: message/rfc822\r\n\r\n%s\r\nbody\r\n--G%02d--\r\n" %
            (SENDER, base64.b64encode("退信：找不到地址".encode()).decode(), rcpt, hm(n), n, n, q, n,
             original(rcpt, n), n))


def pasted(rcpt, reply, n, after):
    return "%s\r\n%s\r\n" % (rcpt, reply)


FORMS = {"postfix": postfix, "exim": exim, "exchange_zh": exchange_zh,
         "gmail_zh": gmail_zh, "pasted": pasted}


# The providers' own notices (49-): each notice's words as its source
# quotes them; only the addresses, hosts, IPs, dates and the Subject are
# this project's examples.  A notice row: name, form, recipient, the
# provider's reason sentence, the remote server's words ("" when the
# notice quotes none), expected code, enhanced code, reason, side, source.
# notices.tsv adds the format explain names and the remote host the
# notice names ("" when none).
NOTICES = [
    ("qq-notice-auth", "tencent", "buyer@customer.example.com", "未知原因",
     "host customer-example-com.mail.protection.outlook.com[198.51.100.7]\r\n"
     "said: 550 5.7.515 Access denied, sending domain EXAMPLE.CN doesn't meet the required\r\n"
     "authentication level. Spf= Fail , Dkim= Pass , DMARC= Pass",
     "550", "5.7.515", "auth_spf_dkim_dmarc", "our_side", QQN),
    ("qq-notice-unknown-gb", "tencent_gb", "wrong.name@customer-zh.example.cn", "未知原因",
     "host mx.customer-zh.example.cn[198.51.100.8] said: 550 5.1.1 "
     "<wrong.name@customer-zh.example.cn>: Recipient address rejected: User unknown in "
     "virtual mailbox table (in reply to RCPT TO command)",
     "550", "5.1.1", "mailbox_unknown", "recipient_address", QQN_KEYS),
    ("qq-notice-blocklist-gb", "tencent_gb", "buyer@sina.example.cn", "未知原因",
     "host mx.sina.example.cn[198.51.100.9] said: 554 5.7.1 Service unavailable; "
     "Client host [203.0.113.9] blocked using zen.spamhaus.org (in reply to RCPT TO command)",
     "554", "5.7.1", "ip_blocklisted", "our_side", QQN_KEYS),
    ("qq-notice-full", "tencent", "caigou2@qq.com", "收件人空间不足", "",
     "", "", "mailbox_full", "recipient_server", QQN_KEYS),
    ("163-notice-spam", "coremail_dsn", "buyer3@163.com",
     "垃圾邮件让邮箱小易很烦心，现在您发送的邮件被怀疑为是垃圾邮件，拒绝接收。",
     "rejected by system", "", "5.0.0", "content_rejected", "content", NE_NOTICE),
    ("163-notice-timeout-html", "coremail_html", "leader@customer-zh.example.cn",
     "邮差小易抱歉地通知您，不知道是什么原因，对方退信了。",
     "rcpt handle timeout", "", "", "connection_failed", "network", NE_NOTICE_HTML),
    ("coremail-notice-connect", "coremail_text", "list@customer.example.org",
     "由于对方服务器不稳定，或者双方服务器网络连接质量不佳，或者防火墙过滤，而无法连接上对方服务器。\n"
     "Can not connect to recipient's server because of unstable network or firewall filter.",
     "rcpt handle timeout,last handle info: Can not connect to customer.example.org:198.51.100.10:25",
     "", "", "connection_failed", "network", CM_NOTICE),
    ("alimail-notice-from-header", "alimail", "buyer4@qq.com",
     "收件方地址不存在，或暂时不可用，导致邮件被系统退回。",
     "the mta server of qq.com -- mx3.qq.com(198.51.100.11) reply:550 The \"From\" header is "
     "missing or invalid. Please follow RFC5322, RFC2047, RFC822 standard protocol. "
     "[MEwgNYCUUqQdt1qml2CjHV6aouwXiNz1KplnTFuwgwGN67bolrd0KDmJ07BuZ3e8jQ== IP: 203.0.113.9]. "
     "https://service.mail.qq.com/detail/124/995. at 2026-11-30 09:56:15",
     "550", "", "message_not_compliant", "content", ALI_NOTICE),
    ("alimail-notice-unknown", "alimail", "nobody4@customer-zh.example.cn",
     "收件人邮件地址不存在,邮件无法送达。",
     "the mta server of customer-zh.example.cn -- mx.customer-zh.example.cn(198.51.100.12) "
     "reply:550 User not found at 2026-11-30 09:57:15",
     "550", "", "mailbox_unknown", "recipient_address", ALI_HELP),
    ("qq-notice-pasted", "tencent_pasted", "lisi2@customer-zh.example.cn", "未知原因",
     "host mx.customer-zh.example.cn[198.51.100.8] said: 552 5.2.2 "
     "<lisi2@customer-zh.example.cn> Quota exceeded (mailbox for user is full) "
     "(in reply to RCPT TO command)",
     "552", "5.2.2", "mailbox_full", "recipient_server", QQN_KEYS + "; the reply is "
     "Dovecot's default quota_exceeded_message (doc.dovecot.org)"),
    ("qq-notice-no-mailbox", "tencent", "1234567890@qq.com", "该用户未开通QQ邮箱", "",
     "", "", "mailbox_unknown", "recipient_address", QQN_KEYS),
    ("qq-notice-host-not-found", "tencent_gb", "buyer@customer-zh.example.cm", "Host not found", "",
     "", "", "domain_not_found", "recipient_address", QQN_KEYS + "; its meaning, a misspelt "
     "domain: Tencent Exmail's help as quoted at neatmaster518.com/info.aspx?id=11275"),
    ("163-notice-dns-html", "coremail_html", "buyer@customer-zh.example.cm",
     "邮差小易抱歉地通知您，不知道是什么原因，对方退信了。", "DNS query error",
     "", "", "domain_not_found", "recipient_address", NE_NOTICE_HTML + "; its code "
     "'域名不存在:DNS query error' (a Coremail reseller's list, emailhost.com.cn)"),
    ("qq-notice-gmail-multiline", "tencent", "buyer6@gmail.com", "未知原因",
     "host gmail-smtp-in.l.google.com[198.51.100.13] said: 550-5.7.26 This mail has been "
     "blocked because the sender is\r\n550-5.7.26 unauthenticated. Gmail requires all "
     "senders to authenticate with\r\n550 5.7.26 either SPF or DKIM. (in reply to end of "
     "DATA command)",
     "550", "5.7.26", "auth_spf_dkim_dmarc", "our_side", QQN + "; " + GM_AUTH),
]


def b64lines(raw):
    return base64.encodebytes(raw).decode().replace("\n", "\r\n")


def attached(rcpt, n):
    """The original, attached as the providers attach it."""
    return ("Content-Type: message/rfc822\r\n"
            "Content-Disposition: attachment; filename=\"mail.eml\"\r\n\r\n"
            "%s\r\n你好，请查收报价单。\r\n" % original(rcpt, n))


def tencent_html(rcpt, why, said, n):
    said = html.escape(said.replace("\r\n", "\n"), quote=False)
    tail = (" <br /> %s " % said) if said else " "
    return ("<html><body>\n"
            "<p>很抱歉您发送的邮件被退回，以下是该邮件的相关信息：</p>\n"
            "<table><tr><td>被退回邮件</td>\n"
            "<td>主 题：%s <br/>时 间：2026-11-30 %s:00 </td></tr></table>\n"
            "<table><tr><td colspan=\"2\">无法发送到 %s</td></tr>\n"
            "<tr><td>退信原因</td><td> %s%s</td></tr>\n"
            "<tr><td>解决方案</td><td> 请联系您的收件人 </td></tr></table>\n"
            "</body></html>\n" % (SUBJ, hm(n), rcpt, why, tail))


def tencent_text(rcpt, why, said, n):
    said = said.replace("\r\n", "\n")
    return ("很抱歉您发送的邮件被退回，以下是该邮件的相关信息：\n\n被退回邮件\n"
            "主 题：%s\n时 间：2026-11-30 %s:00\n\n无法发送到 %s\n\n"
            "退信原因\n%s\n%s\n\n解决方案\n请联系您的收件人\n" %
            (SUBJ, hm(n), rcpt, why, said))


def tencent_head(n, ctype):
    return ("From: \"PostMaster\" <PostMaster@qq.com>\r\nTo: %s\r\n"
            "Subject: =?UTF-8?B?%s?=\r\nDate: Mon, 30 Nov 2026 %s:05 +0800\r\n"
            "MIME-Version: 1.0\r\nContent-Type: %s\r\n\r\n" %
            (SENDER, base64.b64encode("来自qq.com的退信".encode()).decode(), hm(n), ctype))


def tencent(rcpt, why, said, n):
    """QQ Mail's notice, UTF-8 in base64: its text and its HTML."""
    return (tencent_head(n, "multipart/mixed; boundary=\"T%02d\"" % n) +
            "--T%02d\r\nContent-Type: multipart/alternative; boundary=\"A%02d\"\r\n\r\n"
            "--A%02d\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--A%02d\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--A%02d--\r\n"
            "--T%02d\r\n%s--T%02d--\r\n" %
            (n, n, n, b64lines(tencent_text(rcpt, why, said, n).encode()), n,
             b64lines(tencent_html(rcpt, why, said, n).encode()), n, n,
             attached(rcpt, n), n))


def tencent_gb(rcpt, why, said, n):
    """The same notice as HTML only, in GB18030, quoted-printable."""
    html = quopri.encodestring(tencent_html(rcpt, why, said, n)
                               .encode("gb18030")).decode()
    return (tencent_head(n, "multipart/mixed; boundary=\"T%02d\"" % n) +
            "--T%02d\r\nContent-Type: text/html; charset=GB18030\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
            "--T%02d\r\n%s--T%02d--\r\n" %
            (n, html.replace("\n", "\r\n"), n, attached(rcpt, n), n))


def coremail_text(rcpt, why, said, n):
    return ("抱歉，您的邮件被退回来了……\r\n      原邮件信息：\r\n"
            "            时  间 2026-11-30 %s:00  \r\n"
            "            主  题 %s  \r\n            收件人 %s  \r\n     \r\n"
            "      退信原因：\r\n            %s\r\n            英文说明:%s \r\n\r\n"
            "      建议解决方案：\r\n"
            "            邮差小易温馨提示：建议您绿色地使用邮箱，请适当修改标题和内容，再尝试发送。\r\n\r\n"
            "----------------\r\nThis message is generated by Coremail.\r\n"
            "您收到的是来自 Coremail 专业邮件系统的信件.\r\n\r\n" % (hm(n), SUBJ, rcpt, why, said))


def coremail_html_body(rcpt, why, said, n):
    return ("<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" "
            "content=\"text/html; charset=gb2312\" />\r\n</head>\r\n"
            "<body class=\"Bdy\">\r\n<h1>抱歉，您的邮件被退回来了……</h1>\r\n"
            "<div class=\"Con\">\r\n<table class=\"Tb_mWp\">\r\n"
            "    <tr class=\"tr_Mi\">\r\n        <th nowrap>原邮件信息：</th>\r\n"
            "        <td><table class=\"Tb_miWp\">\r\n"
            "            <tr><th nowrap>时　间：</th><td>2026-11-30 %s:00</td></tr>\r\n"
            "            <tr><th nowrap>主　题：</th><td>%s</td></tr>\r\n"
            "            <tr><th nowrap>收件人：</th><td>%s</td></tr>\r\n"
            "            <tr style=\"display:none;\"><th nowrap>抄　送：</th><td>xxx</td></tr>\r\n"
            "        </table></td>\r\n    </tr>\r\n"
            "    <tr class=\"tr_Rz\">\r\n        <th nowrap>退信原因：</th>\r\n        <td>\r\n"
            "            <div class=\"infoTt\">%s</div>\r\n"
            "            <div class=\"infoDcr\">英文说明:%s.(%s)</div>\r\n"
            "        </td>\r\n    </tr>\r\n"
            "    <tr class=\"tr_Sr\">\r\n        <th nowrap>建议解决方案：</th>\r\n"
            "        <td><ul class=\"ul_lst\">\r\n"
            "            <li>邮差小易温馨提示：建议您联系对方的管理员，请他高抬贵手帮您解决吧。</li>\r\n"
            "        </ul></td>\r\n    </tr>\r\n</table>\r\n</div>\r\n"
            "<span>\r\n<br>----------------<br>This message is generated by Coremail.<br>"
            "您收到的是来自 Coremail 专业邮件系统的信件.<br><br>\r\n</span>\r\n"
            "</body>\r\n</html>\r\n" %
            (hm(n), SUBJ, rcpt, why, said, said.replace(" ", "&nbsp;")))


def coremail_head(n, ctype):
    return ("From: Postmaster@163.com\r\nTo: %s\r\n"
            "Subject: =?gb2312?B?%s?=\r\nMIME-Version: 1.0\r\nContent-Type: %s\r\n"
            "Date: Mon, 30 Nov 2026 %s:05 +0800 (CST)\r\n"
            "X-Mailer: Coremail MTA server\r\n\r\n" %
            (SENDER, base64.b64encode("系统退信".encode("gb2312")).decode(), ctype, hm(n)))


def coremail_dsn(rcpt, why, said, n):
    """NetEase's notice as 163 sends it: text and HTML in GB2312, a DSN."""
    b = "------------Boundary-00=_N%02d" % n
    a = "------------Boundary-00=_A%02d" % n
    return (coremail_head(n, "Multipart/report;\r\n  report-type=delivery-status;\r\n"
                          "  boundary=\"%s\"" % b) +
            "\r\n--%s\r\nMIME-Version: 1.0\r\nContent-Type: Multipart/Alternative;\r\n"
            "  boundary=\"%s\"\r\n\r\n\r\n--%s\r\nContent-Type: Text/Plain;\r\n"
            "  charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Description: Notification\r\n\r\n%s\r\n--%s\r\n"
            "Content-Type: Text/HTML;\r\n  charset=\"gb2312\"\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Description: Notification\r\n\r\n"
            "%s\r\n--%s--\r\n\r\n--%s\r\nContent-Type: Message/delivery-status\r\n"
            "Content-Description: Delivery error report\r\n\r\n"
            "Final-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 5.0.0\r\n"
            "Diagnostic-Code: SMTP; %s.(%s)\r\n--%s\r\n"
            "Content-Type: Message/Rfc822\r\nContent-Description: Undelivered Message\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n你好，请查收报价单。\r\n--%s--\r\n" %
            (b, a, a, b64lines(coremail_text(rcpt, why, said, n).encode("gb18030")), a,
             b64lines(coremail_html_body(rcpt, why, said, n).encode("gb18030")), a, b,
             rcpt, said, said.replace(" ", "&nbsp;"), b, original(rcpt, n), b))


def coremail_html(rcpt, why, said, n):
    """The HTML notice alone, in GB2312 (as a mail store keeps it)."""
    return (coremail_head(n, "multipart/mixed; boundary=\"C%02d\"" % n) +
            "--C%02d\r\nContent-Type: text/html; charset=gb2312\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--C%02d\r\n%s--C%02d--\r\n" %
            (n, b64lines(coremail_html_body(rcpt, why, said, n).encode("gb18030")), n,
             attached(rcpt, n), n))


def coremail_text2(rcpt, why, said, n):
    """Coremail's later notice, Chinese and English, as text in UTF-8."""
    body = ("抱歉，您的邮件被退回来了……/\nSorry, your mail is returned...\n"
            "原邮件信息/\nOriginal e-mail message : \t \n"
            "时间/Time : \t2026-11-30 %s:00\n主题/Subject : \t%s\n"
            "收件人/To : \t%s\n退信原因/\nBounce reason : \t\n%s\n%s\n"
            "建议解决方案/\nProposed Solution : \t\n\n"
            "    邮差温馨提示：请在稍后时间重新尝试投递，或者联系联系管理员、技术中心协助。/\n"
            "    Warm tips:Please try again later, or contact administrator or helpcenter for help.\n"
            "    如果您有其他退信问题，欢迎向客服中心联系/\n"
            "    If you have any other bounce problems, please contact customer service center\n\n"
            "退信代码/\nBounce Code : \t\ncan not connect to\n\n----------------\n"
            "This message is generated by Coremail.\n" % (hm(n), SUBJ, rcpt, why, said))
    return (coremail_head(n, "multipart/mixed; boundary=\"C%02d\"" % n) +
            "--C%02d\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--C%02d\r\n%s--C%02d--\r\n" %
            (n, b64lines(body.encode()), n, attached(rcpt, n), n))


def alimail(rcpt, why, said, n):
    """Alibaba Mail's notice: a table of reason, advice and the remote reply."""
    rows = ("<tr><td>退信原因</td><td>%s</td></tr>\r\n"
            "<tr><td>解决方案</td><td>1. 请检查输入的收件方地址是否有误；2. 请联系收件方确认其域名MX是否存在,"
            "指向是否正确；3. 请联系收件方确认其邮箱使用状态，是否存在过期、被禁用或冻结等情况。</td></tr>\r\n"
            % why)
    if said:
        rows += "<tr><td>远程响应</td><td>%s</td></tr>\r\n" % html.escape(said, quote=False)
    page = "<html>\r\n<body>\r\n<table>\r\n%s</table>\r\n</body>\r\n</html>\r\n" % rows
    return ("From: postmaster@example.cn\r\nTo: %s\r\n"
            "Subject: =?UTF-8?B?%s?=\r\nDate: Mon, 30 Nov 2026 %s:05 +0800\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"L%02d\"\r\n\r\n"
            "--L%02d\r\nContent-Type: text/html; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--L%02d\r\n%s--L%02d--\r\n" %
            (SENDER, base64.b64encode("退信".encode()).decode(), hm(n), n, n,
             b64lines(page.encode()), n, attached(rcpt, n), n))


def tencent_pasted(rcpt, why, said, n):
    """The notice's text as a person pastes it from the mail client."""
    return tencent_text(rcpt, why, said, n)


NOTICE_FORMAT = {"tencent": "tencent", "tencent_gb": "tencent",
                 "tencent_pasted": "tencent",
                 "coremail_dsn": "coremail", "coremail_html": "coremail",
                 "coremail_text": "coremail", "alimail": "alimail"}


def remote_of(said):
    """The host a notice's remote reply names: "host H[A] said", "-- H(A) reply"."""
    if "said:" in said:
        return said.split("host ", 1)[1].split("[", 1)[0]
    if " reply:" in said:
        return said.split("-- ", 1)[1].split("(", 1)[0]
    return ""


NOTICE_FORMS = {"tencent": tencent, "tencent_gb": tencent_gb,
                "tencent_pasted": tencent_pasted,
                "coremail_dsn": coremail_dsn, "coremail_html": coremail_html,
                "coremail_text": coremail_text2, "alimail": alimail}


# Internationalised addresses (RFC 6531/6532) and a customer's forward of
# a bounce from a Chinese mail client (63-).  A row: name, form,
# recipient, reply, reason, side, source; forwards.tsv adds, for the
# forwards, the original's To and date (as an RFC 5322 date) explain must
# read from the client's header block (original.c, zh_fields, names the messages each
# layout is taken from), its Subject being SUBJ as everywhere (not
# written there: --redact's test reads this folder and wants no subject).
EAI = "RFC 6533 utf-8 address type in a message/global-delivery-status part; Postfix smtpd's 'Recipient address rejected: User unknown in virtual mailbox table'"
EAI_QQ = QQ_SISIMAI + "; the address in UTF-8, RFC 6531"
PF_UNKNOWN = "Postfix smtpd's 'Recipient address rejected: User unknown in virtual mailbox table'"
OL_ZH = "Outlook in Chinese (-----邮件原件----- 发件人/发送时间/收件人/主题), as quoted in linux-kernel mail with X-Mailer: Microsoft Outlook 16.0, Content-Language: zh-cn; " + PF_UNKNOWN
QQ_FWD = "QQ Mail (------------------ 原始邮件 ------------------), as quoted in theplant qortex's mail parser tests, with Foxmail's fullwidth colons; " + PF_UNKNOWN
FOX = "Foxmail (发件人：/发送时间：/收件人：/主题： under a line of '_'), linux-media 2012-02-13; " + PF_UNKNOWN
NE_FWD = "NetEase Mail (---- 回复的原邮件 ---- 发件人/发送日期/收件人/主题 as table cells), p2ptalk Google Group 2025-12-26; " + PF_UNKNOWN

EXTRA = [
    ("eai-dsn-utf8", "dsn_global", "张伟@例子.公司",
     "550 5.1.1 <张伟@例子.公司>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", EAI),
    ("eai-dsn-idn", "dsn_global", "sales@例子.中国",
     "550 5.1.1 <sales@例子.中国>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", EAI),
    ("eai-exim-qq", "exim", "用户@qq.com",
     "550 Mailbox not found. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
     "mailbox_unknown", "recipient_address", EAI_QQ),
    ("eai-pasted", "pasted", "张伟@例子.公司",
     "550 5.1.1 <张伟@例子.公司>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", EAI),
    ("fwd-outlook-zh", "fwd_outlook", "zhangwei@customer-zh.example.cn",
     "550 5.1.1 <zhangwei@customer-zh.example.cn>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", OL_ZH),
    ("fwd-qq", "fwd_qq", "zhangwei2@customer-zh.example.cn",
     "550 5.1.1 <zhangwei2@customer-zh.example.cn>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", QQ_FWD),
    ("fwd-foxmail", "fwd_foxmail", "zhangwei3@customer-zh.example.cn",
     "550 5.1.1 <zhangwei3@customer-zh.example.cn>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", FOX),
    ("fwd-163", "fwd_163", "zhangwei4@customer-zh.example.cn",
     "550 5.1.1 <zhangwei4@customer-zh.example.cn>: Recipient address rejected: User unknown in virtual mailbox table",
     "mailbox_unknown", "recipient_address", NE_FWD),
]

# the date each forward's block gives, as written
FWD_DATES = {"fwd_outlook": "2026年11月30日 10:05",
             "fwd_qq": "2026年11月30日(星期一) 上午10:05",
             "fwd_foxmail": "2026-11-30  10:05:00",
             "fwd_163": "2026年11月30日 10:05"}
# and as explain gives it (original.date): RFC 5322, China Standard Time
FWD_DATE_READ = "Mon, 30 Nov 2026 10:05:00 +0800"


def dsn_global(rcpt, reply, n, after):
    """Postfix's DSN for an SMTPUTF8 message: RFC 6533's global parts."""
    return ("From: MAILER-DAEMON@mail.example.cn (Mail Delivery System)\r\n"
            "To: %s\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            "Date: Mon, 30 Nov 2026 10:%02d:05 +0800\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=global-delivery-status;\r\n"
            "\tboundary=\"U%02d\"\r\n\r\n--U%02d\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            "This is the mail system at host mail.example.cn.\r\n\r\n"
            "I'm sorry to have to inform you that your message could not\r\n"
            "be delivered to one or more recipients.\r\n\r\n--U%02d\r\n"
            "Content-Type: message/global-delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mail.example.cn\r\n\r\n"
            "Final-Recipient: utf-8; %s\r\nOriginal-Recipient: utf-8; %s\r\n"
            "Action: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.net\r\n"
            "Diagnostic-Code: smtp; %s\r\n\r\n--U%02d\r\n"
            "Content-Type: message/global-headers\r\n\r\n%s\r\n--U%02d--\r\n" %
            (SENDER, n % 60, n, n, n, rcpt, rcpt, reply, n, original(rcpt, n), n))


def fwd_block(form, rcpt):
    """The client's header block above the quoted original, as it writes it."""
    d = FWD_DATES[form]
    if form == "fwd_outlook":
        return ("-----邮件原件-----\r\n发件人: Sales [mailto:%s]\r\n发送时间: %s\r\n"
                "收件人: %s\r\n抄送: boss@example.cn\r\n主题: %s\r\n" % (SENDER, d, rcpt, SUBJ))
    if form == "fwd_qq":
        return ("------------------ 原始邮件 ------------------\r\n"
                "发件人：\"Sales\"<%s>;\r\n发送时间：%s\r\n收件人：\"%s\"<%s>;\r\n"
                "主题：%s\r\n" % (SENDER, d, rcpt.split("@")[0], rcpt, SUBJ))
    if form == "fwd_foxmail":
        return ("________________________________\r\n发件人： Sales\r\n发送时间： %s\r\n"
                "收件人： %s\r\n抄送： boss@example.cn\r\n主题： %s\r\n" % (d, rcpt, SUBJ))
    return ("---- 回复的原邮件 ----\r\n发件人 Sales<%s> \r\n发送日期 %s \r\n"
            "收件人 %s \r\n主题 %s \r\n" % (SENDER, d, rcpt, SUBJ))


def forward(form):
    """Pasted by IT: the forward's own block (the bounce's sender and
    subject, so not the original), the bounce's words, then the original
    quoted under the client's block."""
    def make(rcpt, reply, n, after):
        head = ("发件人: Mail Delivery System <MAILER-DAEMON@mail.example.cn>\r\n"
                "发送时间: 2026年11月30日 10:06\r\n收件人: %s\r\n"
                "主题: 退信: %s\r\n\r\n" % (SENDER, SUBJ))
        return ("%s%s\r\n%s\r\n\r\n%s\r\n你好，请查收报价单。\r\n" %
                (head, rcpt, reply, fwd_block(form, rcpt)))
    return make


EXTRA_FORMS = {"dsn_global": dsn_global, "exim": exim, "pasted": pasted,
               "fwd_outlook": forward("fwd_outlook"),
               "fwd_qq": forward("fwd_qq"),
               "fwd_foxmail": forward("fwd_foxmail"),
               "fwd_163": forward("fwd_163")}


# A notice pasted after the forwards (71-): Coremail's text as a person
# copies it out of the mail client (pantomime data/0008.eml's words), its
# 原邮件信息 block the only trace of the message it returns.
LATE_NOTICES = [
    ("163-notice-pasted", "coremail_pasted", "buyer5@163.com",
     "垃圾邮件让邮箱小易很烦心，现在您发送的邮件被怀疑为是垃圾邮件，拒绝接收。",
     "rejected by system", "", "", "content_rejected", "content", NE_NOTICE),
]


def coremail_pasted(rcpt, why, said, n):
    """The text of NetEase's notice as pasted: no headers, LF lines."""
    return coremail_text(rcpt, why, said, n).replace("\r\n", "\n")


NOTICE_FORMS["coremail_pasted"] = coremail_pasted
NOTICE_FORMAT["coremail_pasted"] = "coremail"


# Tencent's notice copied from its web mail page (72-): the page writes the
# notice's blanks as &nbsp;, which the copy brings as U+00A0, every one.
LATE_NOTICES.append(
    ("qq-notice-pasted-nbsp", "tencent_nbsp", "lisi3@customer-zh.example.cn",
     "未知原因",
     "host mx.customer-zh.example.cn[198.51.100.8] said: 552 5.2.2 "
     "<lisi3@customer-zh.example.cn> Quota exceeded (mailbox for user is full) "
     "(in reply to RCPT TO command)",
     "552", "5.2.2", "mailbox_full", "recipient_server", QQN_KEYS + "; the reply is "
     "Dovecot's default quota_exceeded_message (doc.dovecot.org); every blank "
     "U+00A0, as a copy from a web page (&nbsp;) gives it"))


def tencent_nbsp(rcpt, why, said, n):
    """Tencent's notice pasted from its web page: each blank U+00A0."""
    return tencent_text(rcpt, why, said, n).replace(" ", "\u00a0")


NOTICE_FORMS["tencent_nbsp"] = tencent_nbsp
NOTICE_FORMAT["tencent_nbsp"] = "tencent"


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
    with open(os.path.join(HERE, "expected.tsv"), "a") as tsv, \
            open(os.path.join(HERE, "notices.tsv"), "w") as ntsv:
        ntsv.write("file\tformat\tremote_mta\n")
        for n, (name, form, rcpt, why, said, code, enh, reason, side,
                src) in enumerate(NOTICES, len(ROWS) + 1):
            fn = "%02d-%s.%s" % (n, name, "txt" if form.endswith("pasted") else "eml")
            with open(os.path.join(HERE, fn), "wb") as f:
                f.write(NOTICE_FORMS[form](rcpt, why, said, n).encode("utf-8"))
            tsv.write("\t".join([fn, rcpt, code, enh, reason, side, src]) + "\n")
            ntsv.write("\t".join([fn, NOTICE_FORMAT[form], remote_of(said)]) + "\n")
    with open(os.path.join(HERE, "expected.tsv"), "a") as tsv, \
            open(os.path.join(HERE, "forwards.tsv"), "w") as ftsv:
        ftsv.write("file\tto\tdate\n")
        for n, (name, form, rcpt, reply, reason, side, src) in enumerate(
                EXTRA, len(ROWS) + len(NOTICES) + 1):
            eml = form in ("dsn_global", "exim")
            fn = "%02d-%s.%s" % (n, name, "eml" if eml else "txt")
            after = "RCPT TO:<%s>" % rcpt
            with open(os.path.join(HERE, fn), "wb") as f:
                f.write(EXTRA_FORMS[form](rcpt, reply, n, after).encode("utf-8"))
            enh = enhanced_of(reply)
            tsv.write("\t".join([fn, rcpt, code_of(reply), enh, reason, side,
                                  src]) + "\n")
            if form in FWD_DATES:
                ftsv.write("\t".join([fn, rcpt, FWD_DATE_READ]) + "\n")
    with open(os.path.join(HERE, "expected.tsv"), "a") as tsv, \
            open(os.path.join(HERE, "notices.tsv"), "a") as ntsv:
        for n, (name, form, rcpt, why, said, code, enh, reason, side,
                src) in enumerate(LATE_NOTICES, len(ROWS) + len(NOTICES) +
                                  len(EXTRA) + 1):
            fn = "%02d-%s.txt" % (n, name)
            with open(os.path.join(HERE, fn), "wb") as f:
                f.write(NOTICE_FORMS[form](rcpt, why, said, n).encode("utf-8"))
            tsv.write("\t".join([fn, rcpt, code, enh, reason, side, src]) + "\n")
            ntsv.write("\t".join([fn, NOTICE_FORMAT[form], remote_of(said)]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
