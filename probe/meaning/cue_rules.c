/*
 * cue_rules.c - the reply classifier's text cues (classify.c tries them
 * in this order): cue_rules, the specific causes first (greylisting and
 * blocklists before "user unknown", so a 5.7.1 blocklist rejection is
 * never filed as a missing mailbox); data_rules, at the data stage only
 * (bounces), what the text says about the message (virus, RFC 5322, spam
 * content); weak_rules, the vague words ("access denied", "spam") read
 * only when neither a cue nor the enhanced code decided.  Each cue is
 * written as cue_text() leaves a reply: lower case, single spaces.
 *
 * Chinese cues sit beside the English ones they mean, in UTF-8 (byte
 * matching is exact there; explain converts GB18030 bounces to UTF-8, the
 * reply parser a GBK reply read off the wire by probe: base/gb18030.h).
 * A Chinese cue names whose thing it is when the bare words would
 * also fit the sender ("发件人地址不存在" is the sender's, so the sender's
 * cues come before "地址不存在"), and the NetEase advice appended to its
 * tagged refusals ("请检查是否有用户发送病毒或者垃圾邮件") matches none.
 */
#include "meaning/classify_int.h"

/*
 * The words that name a greylisting (RFC 6647) as its cause; a bare "try
 * again later", also read as one (cue_rules), names none (classify_src)
 */
const char *const greylist_words[] = { "greylist", "graylist",
    "grey-list", "gray-list", "grey list", "gray list",
    "not yet authorized to deliver", "灰名单", NULL };

/*
 * The words that name a virus found in the message (amavisd-new's "-
 * INFECTED: <virus>", "virus", "malware", "trojan"), not an attachment
 * refused for its name or type: virus_detected reads both (data_rules),
 * and only these make its advice a scan of the sender's computer
 * (classify_wording).  Not the bare 病毒: NetEase's advice after its
 * refusals says "发送病毒或者垃圾邮件"
 */
const char *const virus_words[] = { "virus", "malware", "infected",
    "trojan", "含有病毒", "包含病毒", "带有病毒", "病毒邮件", "发现病毒",
    "检测到病毒", "感染病毒", "无法清除的病毒", NULL };

/*
 * The names a content filter goes by, which hold "virus" and name none
 * found: "rejected by antivirus policy", a gateway named "Antivirus" or
 * "Anti-Virus", "refused by virus scanner".  The scanners that find one
 * name it after their finding (amavisd-new's "INFECTED: <virus>",
 * rspamd's antivirus module "clamav: virus found: "<virus>"",
 * courier-pythonfilter's "Virus found - Signature is <virus>"), so
 * virus_named (classify.c) reads the words with these taken out
 */
const char *const virus_filter_words[] = { "antivirus", "anti-virus",
    "anti virus", "virus scan", "virus filter", "virus check",
    "virus protection", "virus polic", "反病毒", "防病毒", NULL };

/*
 * The categories of ClamAV's signature names that name malware, its
 * {platform}.{category}.{name}-{signature id}-{revision} ("Official
 * Signature Naming Guidelines", docs.clamav.net/manual/Signatures/
 * SignatureNames.html: its category list and its examples'
 * Win.Trojan.Zusy-9935890-0), in lower case; not the ones that name a
 * file's type or a rule's state (File, Filetype, Countermeasure, Revoked)
 * nor a phishing page.  A filter's refusal that names a signature so
 * after its own name names a virus (virus_named)
 */
const char *const clamav_categories[] = { "adware", "backdoor",
    "coinminer", "downloader", "dropper", "exploit", "infostealer",
    "ircbot", "joke", "keylogger", "loader", "macro", "malware", "packed",
    "packer", "proxy", "ransomware", "rootkit", "spyware", "test",
    "trojan", NULL };

/*
 * Mimecast's "554 Host network not allowed" (its "Mimecast SMTP Error
 * Codes" page, community.mimecast.com): the recipient organisation's
 * Geographical Restriction policy, which blocks mail from the countries
 * (the IP ranges of its country database) it names; the page sends the
 * sender to the recipient's Mimecast administrator (provider_rules reads
 * it policy_other, classify_wording says so)
 */
const char *const geo_block_words[] = { "host network not allowed",
    "host network, not allowed", NULL };

/*
 * Gmail's notice when a message sent from another address with its "Send
 * mail as" could not go out through that address's own SMTP server (its
 * help, support.google.com/mail/?p=CustomFromDenied: "You're sending this
 * from a different address or alias using the 'Send mail as' feature. The
 * settings for your 'Send mail as' account are misconfigured or out of
 * date"): no recipient's server was asked (explain's mtacues.c reads it
 * sender_rejected, as Sisimai does; classify_wording says what it is)
 */
const char *const send_mail_as_words[] = { "the 'send mail as' feature",
    "your 'send mail as' account", NULL };

/*
 * NetEase's tags for a limit on one sender address's mail in a day: MI:STC
 * "发件人当天内累计邮件数量超过限制，当天不再接受该发件人的投信" (the
 * sender's messages today), RP:TRC "发件人当天内累计的收件人数量超过限制，
 * 当天不再接受该发件人的邮件" (its recipients today), its 企业退信的常见问题
 * list (help.163.com/09/1224/17/5RAJ4LMH00753VB8.html): not the sending
 * IP's reputation, and over until the next day (cue_rules reads them
 * rate_limited, classify_wording says so)
 */
const char *const sender_day_words[] = { "mi:stc", "rp:trc", NULL };

/*
 * NetEase's tags for a limit on one sender address's mail over minutes,
 * the same list: MI:SFQ "发信人在15分钟内的发信数量超过限制，请控制发信
 * 频率" (the sender's messages in 15 minutes), RP:QRC "发信方短期内累计的
 * 收件人数量超过限制，该发件人被临时禁止发信。请降低该用户发信频率" (its
 * recipients in a short time), both 451: the sender's own rate, over
 * when it sends more slowly (classify_wording says so)
 */
const char *const sender_short_words[] = { "mi:sfq", "rp:qrc", NULL };

/*
 * RFC 3463's own words for the protocol codes a server gives a command it
 * reads as malformed: X.5.4 "Invalid command arguments", X.5.5 "Wrong
 * protocol version".  Read remote_server_error (go-sisimai's status table
 * reads these codes systemerror); classify_wording says what they are.
 */
const char *const malformed_cmd_words[] = { "invalid command argument",
    "wrong protocol version", NULL };

/*
 * Tencent's "550 Ip frequency limited" and "Domain frequency limited"
 * (QQ Mail and Exmail, help no=1000725): Exmail's own text "该服务器IP的
 * 发信频率大幅度超过腾讯企业邮箱限制", limits on one IP's mail a minute,
 * an hour and a day, the IP barred for minutes, hours or the rest of the
 * day ("请暂停该服务器IP的发信，稍后降低频率重新尝试发信"): the sending
 * rate, not connections open at once; "Domain frequency limited" says the
 * same of the sending domain in its own words.  classify_wording says
 * so; the reason stays too_many_connections, as Sisimai's
 * rhost/tencent.rb files them.
 */
const char *const tencent_rate_words[] = { "ip frequency limited",
    "domain frequency limited", NULL };

/*
 * NetEase's HL:REP, the same list: "该IP发送行为异常，存在接收者大量不存在
 * 情况，被临时禁止连接。... 并核对发送列表有效性" - the sending IP is
 * stopped because much of its mail went to addresses that do not exist,
 * and the fix is the list's (classify_wording says so)
 */
const char *const ip_unknown_rcpt_words[] = { "hl:rep", NULL };

/* Text cues, most specific cause first.  The order is the point. */
const struct cue_rule cue_rules[] = {
	/*
	 * NetEase (163.com, 126.com, yeah.net) tags every refusal with a code,
	 * documented in its "企业退信的常见问题" list (help.163.com, also
	 * mail.163.com/help/help_spam_16.htm); the tag decides, before any
	 * English words after it.
	 */
	/*
	 * HL:ICC too many connections at once; MI:DMC "当前连接发送的邮件数量
	 * 超出限制" too many messages in one connection (as Yahoo's "Max
	 * message per connection" below)
	 */
	{ CUES("hl:icc", "mi:dmc"), ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	/*
	 * A sending service that did not send because the address is on its
	 * suppression list or the account's (an earlier hard bounce or
	 * complaint), before the "invalid address" and 5.7.1 words these
	 * notices hold: Amazon SES's "has suppressed sending to this address"
	 * (global list) and "did not send the message to this address
	 * because it is on the suppression list for your account" (AWS
	 * Knowledge Center, ses-suppression-list-sending-quota); SparkPost's
	 * "554 5.7.1 [internal] recipient address was suppressed due to
	 * customer policy" / "system policy" (its bounce class 25,
	 * support.sparkpost.com, preparing-for-async-suppressions); Mailgun's
	 * codes 605-607 "Not delivering to previously bounced address", "to
	 * unsubscribed address", "to a user who marked your messages as
	 * spam"; Postmark's inactive recipient, "Inactive recipients are ones
	 * that have generated a hard bounce, a spam complaint, or a manual
	 * suppression" (postmarkapp.com, its API's error 406).  SendGrid's
	 * "Spam Reporting Address" drop stays with the sender refusals below,
	 * as Sisimai files it
	 */
	{ CUES("has suppressed sending to this address",
	    "on the suppression list for your account",
	    "recipient address was suppressed due to",
	    "not delivering to previously bounced address",
	    "not delivering to unsubscribed address",
	    "not delivering to a user who marked your messages as spam",
	    "inactive recipients are ones that have generated"),
	    REFUSED(SUPPRESSED) },
	/*
	 * The sender address's own limits (sender_day_words,
	 * sender_short_words): its rate, in a probe (the check's
	 * --mail-from) as in a bounce; the HL: tags after them are the
	 * sending IP's ("该IP ...")
	 */
	{ sender_day_words, REFUSED(RATE_LIMITED) },
	{ sender_short_words, REFUSED(RATE_LIMITED) },
	{ CUES("hl:rep", "hl:ifc", "hl:ihu", "hl:ifq", "hl:itc"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * MI:CEL / RP:CEL "发送方出现过多的错误指令", MI:CCL / RP:CCL "发送方
	 * 发送超出正常的指令数量", both "请检查发信程序": the sending program's
	 * commands, wrong or too many
	 */
	/*
	 * Barracuda's gateway refuses with "550 permanent failure for one or
	 * more recipients (ADDR:VERDICT)", VERDICT one of its message log's
	 * actions (campus.barracuda.com, "Message Log" actions): "blocked" by
	 * one of its policies (reputation, content, the recipient's own
	 * block list), "quarantined" held for review -- a refusal by policy
	 * that names no finer cause, not a blocklisted host; the address is
	 * blanked (blank_addresses), the verdict stays
	 */
	{ CUES(PAIR("permanent failure for one or more recipients",
	    ":blocked)"),
	    PAIR("permanent failure for one or more recipients",
	    ":quarantined)")),
	    REFUSED(POLICY_OTHER) },
	{ CUES("mi:cel", "rp:cel", "mi:ccl", "rp:ccl"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * Its outgoing server's refusals of a client that failed to log in
	 * too often: "451 Requested mail action not taken: too much fail
	 * authentication" (登录失败次数过多, 请检查密码与帐号验证设置), "554 IP
	 * is rejected, smtp auth error limit exceed" (该IP验证失败次数过多):
	 * the sender's password or authorization code, as client_auth_named
	 * reads below
	 */
	{ CUES("too much fail authentication", "auth error limit exceed"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	/*
	 * "553 Requested action not taken: Local user only" (its SMTP server
	 * takes only its own users as senders) and "... no smtp MX only" (its
	 * MX takes none of them: a forged local sender); Coremail, whose
	 * texts these are (its support's list of refusals, icoremail.vip),
	 * also answers "550 Requested mail action not taken: Fake sender"
	 * when the envelope sender is not the From: header's (as DT:SUM)
	 */
	{ CUES("local user only", "no smtp mx only", "not taken: fake sender"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("hl:mep", "mi:spf", "mi:dma"), REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ CUES("hl:ipb", "dt:rbl", "wm:bli", "ip in blacklist"),
	    REFUSED(IP_BLOCKLISTED) },
	{ CUES("dt:sum", "mi:imf", "mi:spb", "wm:blu", "user in blacklist"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("rp:rcl", "rp:drc", "too much recipient"),
	    ALWAYS_TEMP(TOO_MANY_RECIPIENTS) },
	/* MI:NHD "HELO命令不允许为空": the HELO name missing */
	{ CUES("mi:nhd"), REFUSED(HELO_REJECTED) },
	{ CUES("rp:frl"), REFUSED(RELAY_DENIED) },
	{ CUES("dt:spm"), REFUSED(CONTENT_REJECTED) },
	/*
	 * Orange's refusals in its own words, its code number after them
	 * without the "OFR_" tag replycode.c reads (go-sisimai's pairs in
	 * reason/why-*.go; Orange's postmaster page): 506 mail rejected by
	 * the filter, 103 and 510 the sending IP refused, 401 the sender not
	 * allowed by its domain, 305 and 402 the client's SMTP
	 * authentication; as replycode.c reads the same numbers
	 */
	{ CUES(PAIR("mail rejete. mail rejected. ", "506")),
	    REFUSED(CONTENT_REJECTED) },
	{ CUES(PAIR("service refused, please try later. ", "103"),
	    PAIR("service refused, please try later. ", "510")),
	    REFUSED(REPUTATION_OR_RATE) },
	{ CUES(PAIR("is not allowed to send mail. ", "_401")),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	/*
	 * A link to the SPF project's "Why?" page, which explains an SPF
	 * failure: Exim's documented SPF ACL (its spec, "SPF (Sender Policy
	 * Framework)": "deny spf = fail, message = $sender_host_address is
	 * not allowed to send mail from <domain>.  Please see
	 * http://www.open-spf.org/Why?scope=mfrom;identity=<sender>;ip=...",
	 * earlier www.openspf.org and www.openspf.net).  Before the sending
	 * IP's refusals: "is not allowed to send mail from" alone is one
	 * (Sisimai's blocked), the link says SPF refused it.  cue_text()
	 * keeps the link, masking only the address in it.
	 */
	{ CUES("spf.org/why?", "openspf.net/why?"),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	/*
	 * A tag that names SPF before the same words: Interia's "550 5.7.0
	 * [SPF] host <ip> is not allowed to send mail from <domain>" (its
	 * help, "Dlaczego wiadomość nie została dostarczona?")
	 */
	{ CUES("[spf]"), REFUSED(AUTH_SPF_DKIM_DMARC) },
	{ CUES(PAIR("authentification invalide", "305"),
	    PAIR("authentification requise", "402")),
	    REFUSED(POLICY_OTHER) },
	/*
	 * Gmail's refusals of an attachment for its type: "552 5.7.0 Our
	 * system detected an illegal attachment on your message" and
	 * "executable files are not allowed in compressed files" (its
	 * attachment guidelines, "File types blocked in Gmail"; go-sisimai
	 * reason/why-policyviolation.go, why-securityerror.go): the dangerous
	 * attachment virus_detected names, and what to send instead
	 */
	{ CUES("illegal attachment",
	    "executable files are not allowed in compressed files"),
	    REFUSED(VIRUS_DETECTED) },
	/*
	 * Alibaba Mail (mxhichina.com): "554 Reject by behaviour spam at DATA
	 * State (Connection IP address:...) ANTISPAM_BAT[...]: list on rbl
	 * sites" is the sending IP on the anti-spam organisations' lists (its
	 * resellers quote its explanation:
	 * 被检测有在反垃圾组织中判断信誉度较低, check the IP at the lists and
	 * have it delisted); any other "Reject by behaviour spam" is about the
	 * sender's behaviour
	 */
	{ CUES("list on rbl site"), REFUSED(IP_BLOCKLISTED) },
	{ CUES("behaviour spam", "behavior spam"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Alibaba Mail's outgoing server, its help's list of refusals
	 * (help.aliyun.com/document_detail/36612.html): "504 the number of
	 * RCPT attempts is achieved the maximum threshold" (您的发件数量已超过
	 * 上限, send again tomorrow), "505 the total of RCPTs is achieved the
	 * maximum threshold" (发信频率已超过限制); "510 The length of DATA
	 * content / of Attach is achieved the maximum threshold" (the body,
	 * the attachments too large)
	 */
	{ CUES("number of rcpt attempts is achieved",
	    "total of rcpts is achieved"), REFUSED(REPUTATION_OR_RATE) },
	{ CUES("length of data content is achieved",
	    "length of attach is achieved"), REFUSED(MESSAGE_TOO_BIG) },
	/*
	 * Sohu's "553 5.7.0 IP REJECT: <IP>:<time>:<URL>" (its 退信代码 page:
	 * 发件IP在搜狐系统黑名单中, the sending IP on Sohu's own blocklist)
	 */
	{ CUES("ip reject: "), REFUSED(IP_BLOCKLISTED) },
	/*
	 * Tencent (QQ Mail, Exmail), as its help pages list its refusals
	 * (service.mail.qq.com/detail/122/N): the recipient's own refusal
	 * ("Mail is rejected by recipients"); its refusals of the sending IP
	 * follow the IP blocklists below
	 */
	{ CUES("mail is rejected by recipient"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * QQ Mail's bare "550 Mailbox unavailable or access denied"
	 * (QQ_UNAVAILABLE): a refusal that names no cause, whatever
	 * enhanced code a relay set beside it (QQ's own reply has none), not
	 * an address that does not exist (classify_wording says why)
	 */
	{ CUES(QQ_UNAVAILABLE), REFUSED(POLICY_OTHER) },
	/*
	 * A recipient that receives too fast: Gmail's 4.2.1 "The user you are
	 * trying to contact is receiving mail at a rate that prevents
	 * additional messages from being delivered", Yahoo's "450 User is
	 * receiving mail too quickly" (its error-codes page)
	 */
	{ CUES("receiving mail at a rate", "receiving mail too quickly",
	    /* iCloud: "deferred due to excessive volume" */
	    "excessive volume"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Yahoo's error-codes page: "451 Message temporarily deferred due to
	 * unresolvable RFC.5321 from domain" (the envelope sender's domain;
	 * "Unresolvable RFC.5321 or RFC.5322 from domain": the From: header's
	 * too),
	 * "421 Max message per connection reached" (the session's limit)
	 */
	{ CUES("unresolvable rfc.5321", "unresolvable rfc5321",
	    "unresolvable rfc.5322", "unresolvable rfc5322"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("max message per connection", "max messages per connection"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	/* the receiver's own trouble, even when it mentions a blocklist */
	{ CUES("open resolver", "excessive number of queries",
	    "insufficient system storage", "local error in processing",
	    "mail system full", "not enough free space",
	    "service currently unavailable",
	    /*
	     * Exim's "451 Temporary local problem - please try later",
	     * Sendmail's "queue file write error", Exchange's "internal
	     * error reading data" / "internal server error"
	     */
	    "temporary local problem", "queue file write error",
	    "internal error reading data", "internal server error",
	    /*
	     * OpenDKIM's "451 4.7.0 internal DKIM error" (opendkim.c
	     * dkimf_libstatus: its library failed, On-InternalError
	     * tempfail by default): the filter's fault, not the signature
	     */
	    "internal dkim error",
	    /*
	     * Sisimai's documented systemerror texts (go-sisimai
	     * reason/why-systemerror.go): Sendmail's "Can't create user output
	     * file", Exchange's "recipient deferred because there is no Mdb"
	     */
	    "can't create user output file", "could not load drd for domain",
	    /*
	     * Sendmail's words for sysexits(3)'s EX_CANTCREAT ("550 5.0.0
	     * Can't create output", its sysexits message table): the
	     * delivering host could not write the mailbox or file
	     */
	    "can't create output",
	    "interrupted system call",
	    "encountered an error while being processed",
	    "there is no mdb", "system config error",
	    "timeout waiting for input",
	    "configuration error", "misconfigured",
	    /*
	     * its pair "unable to connect ... daemon" (a filter or delivery
	     * daemon of the receiver's); the blank before "daemon" keeps
	     * "mailer-daemon" out
	     */
	    PAIR("unable to connect ", " daemon"),
	    "系统存储空间不足", "服务器存储空间不足", "磁盘空间不足",
	    "系统存储不足",
	    /*
	     * Exchange's directory cannot resolve the recipient object
	     * (go-sisimai lhost/via-exchange2007.go, via-exchange2003.go):
	     * "550 5.2.0 RESOLVER.ADR.BadPrimary" (its primary address is
	     * broken), "550 5.1.0 RESOLVER.ADR.InvalidInSmtp" (it has no
	     * valid SMTP address), "550 5.1.4 RESOLVER.ADR.Ambiguous" and
	     * Exchange 2003's "(000C0595) Ambiguous Recipient" (two objects
	     * hold the same address, which is how Exchange NDR lists explain
	     * 5.1.4): the recipient's administrators must fix it, as with
	     * Domino's "Several matches found" (mtacues.c)
	     */
	    "resolver.adr.badprimary", "resolver.adr.invalidinsmtp",
	    "resolver.adr.ambiguous", "(000c0595)"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	/*
	 * Postfix's reject_unverified_sender (smtpd_check.c: "<a>: Sender
	 * address rejected: unverified address: host H[A] said: 450 4.2.0
	 * Greylisted"): the receiver's probe of the sender's own address did
	 * not pass; the reply after it is the sender's domain's, not the
	 * recipient's, so it names no cause of this refusal
	 */
	{ CUES("sender address rejected: unverified address"),
	    REFUSED(SENDER_REJECTED) },
	{ greylist_words, ALWAYS_TEMP(GREYLISTED) },
	/* Lotus Domino's unknown user, before "listed in" below */
	{ CUES("not listed in"), MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/*
	 * A blocklist that names an address, not an IP: the sender's address
	 * ("you are sending to/from an address that has been blacklisted",
	 * "sender address is blacklisted"), before the IP blocklist cues;
	 * Broadcom Email Security.cloud's (MessageLabs) "Sorry, your domain
	 * has been blacklisted", "your email address has been blocked", "your
	 * envelope sender is in my badmailfrom list", "sender envelope domain
	 * not allowed for sender IP address" (its knowledge-base articles)
	 */
	/*
	 * A file type the filter refuses, in a list's words:
	 * courier-pythonfilter's attachments.py "554 The extension of the
	 * attached file is blacklisted", before the list cues below
	 */
	{ CUES("attached file is blacklisted"), REFUSED(VIRUS_DETECTED) },
	/*
	 * The sending IP's address on a list, whose words hold the address
	 * cues below ("550 5.7.1 Your IP address has been blacklisted"): the
	 * IP, as the list rules after them read it
	 */
	{ CUES("ip address has been blacklisted", "ip address is blacklisted",
	    "ip address that has been blacklisted"),
	    REFUSED(IP_BLOCKLISTED) },
	{ CUES("address that has been blacklisted", "address has been "
	    "blacklisted", "address is blacklisted", "sender is blacklisted",
	    "sender blacklisted", "domain has been blacklisted",
	    "domain has been blocked", "email address has been blocked",
	    "badmailfrom", "sender envelope domain not allowed",
	    "发件人在黑名单", "发信人在黑名单",
	    "发件人地址在黑名单", "发件人被列入黑名单"),
	    REFUSED(SENDER_REJECTED) },
	/*
	 * Sisimai's documented rejected texts (go-sisimai
	 * reason/why-rejected.go), before the words of other causes they
	 * hold ("black list", "spam", "fully qualified", "does not accept
	 * mail"): McAfee's "denied [BOUNCEDENY]" and "Fully qualified email
	 * address required", SendGrid's "spam reporting address" (an
	 * address that marked earlier mail as spam), MailMarshal's "Rule
	 * imposed mailbox access for", Gmail's "sending this from a different
	 * address or alias using the 'Send mail as' feature"
	 */
	{ CUES("sender is in my black list", "sender is spammer",
	    "fully qualified email address required", "spam reporting address",
	    "sender isn't on the recipient's list",
	    "purported responsible address", "[bouncedeny]",
	    "valid-address-filter", "senderfilterconfig",
	    "please provide a valid from", "invalid domain, see <url:",
	    "is not a registered gateway user",
	    "returned mail not accepted here",
	    "recursive cname records for", "rule imposed mailbox access for",
	    "from a different address or alias using the",
	    "syntax error: empty email address",
	    "your access to submit messages",
	    "this server does not accept mail from"),
	    REFUSED(SENDER_REJECTED) },
	/*
	 * The recipient's own block list, before the IP lists: QQ Mail and
	 * Coremail tell a sender the recipient refuses them ("对方已拒收",
	 * "被收件人加入黑名单")
	 */
	{ CUES("收件人拒收", "对方拒收", "对方已拒收", "收件人已拒收",
	    "被收件人加入黑名单", "被对方加入黑名单", "收件人的黑名单",
	    "对方的黑名单"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * Provider codes for their own block lists: Outlook.com's SC-001 to
	 * SC-004 ("part of their network is on our block list").
	 */
	{ CUES("sc-001", "sc-002", "sc-003", "sc-004"),
	    REFUSED(IP_BLOCKLISTED) },
	/*
	 * Microsoft's 5.7.708 "Access denied, traffic not accepted from this
	 * IP"
	 */
	{ CUES("traffic not accepted from this ip"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * A list of links found in the message, not of IPs: Sisimai's
	 * documented spamdetected text "blacklisted URL in message" (go-sisimai
	 * reason/why-spamdetected.go)
	 */
	{ CUES("blacklisted url"), REFUSED(CONTENT_REJECTED) },
	/*
	 * Exchange Server's Content Filter agent refuses a message it rates
	 * as spam with its RejectionResponse, by default "Message rejected
	 * due to content restrictions" (Set-ContentFilterConfig), under a
	 * 5.7.1 that alone reads "not authorized"
	 */
	{ CUES("rejected due to content restrictions"),
	    REFUSED(CONTENT_REJECTED) },
	/*
	 * The RECIPIENT's domain on a domain blocklist, before the sender's
	 * (whose zones below would claim it): Postfix's
	 * reject_rhsbl_recipient answers "$rbl_class [$rbl_what] blocked
	 * using $rbl_domain" with the class "Recipient address" and the
	 * recipient's address as what (smtpd_check.c: SMTPD_NAME_RECIPIENT,
	 * reject_rbl_domain(state, *cpp, state->recipient, ...); the default
	 * rbl_reply "Service unavailable; ..."), the address blanked in the
	 * cue text like every echoed one
	 */
	{ CUES("recipient address blocked using",
	    PAIR("recipient address [", "] blocked using")),
	    REFUSED(RECIPIENT_DOMAIN_BLOCKLISTED) },
	/*
	 * A DOMAIN on a blocklist, not the sending IP, before the IP lists.
	 * Postfix's reject_rhsbl_sender, reject_rhsbl_helo and
	 * reject_rhsbl_client answer "$rbl_class [$rbl_what] blocked using
	 * $rbl_domain" with the class "Sender address" (what: the sender's
	 * address, blanked in the cue text like every echoed address, or
	 * its domain), "Helo command" (the HELO name) or "Client host" (the
	 * client's NAME: rhsbl_client_named() below), where its
	 * reject_rbl_client writes "Client host [IP]" (smtpd_check.c); and
	 * lists that hold only domains, by their documented zones: Spamhaus
	 * DBL (dbl.spamhaus.org, its DQS dbl.dq.spamhaus.net, its lookup
	 * page spamhaus.org/query/domain), Spamhaus ZRD, SURBL
	 * (multi.surbl.org), URIBL (multi.uribl.com, black.uribl.com);
	 * the sender's domain said to be on a list, whatever list (go-sisimai
	 * reason/why-spamdetected.go's "sender domain listed at ",
	 * why-blocked.go's "mailfrom domain is listed in spamhaus")
	 */
	{ CUES("sender address blocked using",
	    "sender domain listed at", "sender domain listed in",
	    "mailfrom domain is listed in",
	    PAIR("sender address [", "] blocked using"),
	    PAIR("helo command [", "] blocked using"),
	    "dbl.spamhaus.org", "dbl.dq.spamhaus.net", "zrd.spamhaus.org",
	    "zrd.dq.spamhaus.net", "spamhaus.org/query/domain",
	    /*
	     * iCloud Mail's "550 5.7.1 Your email was rejected due to having
	     * a domain present in the Spamhaus DBL" (its replies, as
	     * smtp.codes/icloud lists them)
	     */
	    "spamhaus dbl",
	    "spamhaus.org/query/dbl", "multi.surbl.org", "multi.uribl.com",
	    "black.uribl.com", "rhsbl"),
	    REFUSED(DOMAIN_BLOCKLISTED) },
	{ CUES("blocked using", "spamhaus", "barracuda reputation",
	    "barracudacentral", "spamcop", "[bl2", "banned sending ip",
	    "(s3150)", "(s3140)", "(s3114)", "block list", "blocklist",
	    "blacklist", "black list", "dnsbl", " rbl", "rbl:", "sorbs",
	    "uceprotect", "ipcheck.proofpoint", "listed on ", "listed in ",
	    "listed at ", "listed by ", "黑名单",
	    /*
	     * "Mail from <IP> refused, see <ORBS' page>": the ORBS open-relay
	     * list (go-sisimai reason/why-blocked.go, a pair)
	     */
	    PAIR(PAIR("mail from ", " refused, see "), "orbs")),
	    REFUSED(IP_BLOCKLISTED) },
	/*
	 * Refusals of the sending IP that name no list, after the lists:
	 * Tencent's "Suspected bounce attacks", "Suspected spam IP",
	 * "Connection denied", "The frequency of receiving messages is
	 * limited" (service.mail.qq.com/detail/122/N); Broadcom Email
	 * Security.cloud's "Sorry, your IP address has been blocked" and
	 * "Connection rejected by policy" (the IP's negative reputation, its
	 * knowledge base)
	 */
	{ CUES("suspected bounce attack", "suspected spam ip",
	    "connection denied", "frequency of receiving messages",
	    "ip address has been blocked", "connection rejected by policy",
	    /*
	     * Sisimai's documented blocked texts (go-sisimai
	     * reason/why-blocked.go): Microsoft's "Client host rejected: was
	     * not authenticated" and "not currently accepting mail from your
	     * IP", free.fr's "too many spams from your IP", mail.ru's "we do
	     * not accept mail from dynamic IPs", Sendmail's "Rejecting open
	     * proxy"; before the sender's, relaying and spam words they hold
	     */
	    "bad sender ip address", "sender ip address rejected",
	    "client host rejected: was not authenticated",
	    "confirm this mail server", "your server requires confirmation",
	    /*
	     * Naver's "421 4.3.2 Your IP(<ip>) is filtered and this
	     * connection will be closed. You must register your IP to
	     * http://realip.naver.com" (an IP it does not know yet)
	     */
	    "register your ip",
	    "currently sending spam", "you are sending spam",
	    "spams from your ip", "looks suspiciously like spammer",
	    "spam ips blocked", "no valid recipients from",
	    "extreme bad ip profile", "host network not allowed",
	    "invalid ip for sending mail of domain",
	    "is not allowed to send mail from", "no access from mail server",
	    "not currently accepting mail from your ip", "refused - see http",
	    "sender has not passed validation", "rejecting open proxy",
	    "server access forbidden by your ip",
	    "to submit messages to this e-mail system has been rejected",
	    "unwanted messages have been sent from the following ip",
	    "you are not allowed to connect", "listed as abusive",
	    /* Sisimai's documented blocked text, a server's dismissal */
	    "go away",
	    /*
	     * its pairs: Postfix smtp(8)'s "host <name> refused to talk to
	     * me: <reply> blocked", "Mail from <IP> refused: ...", "Your
	     * access IP <IP> has been rejected"
	     */
	    PAIR(PAIR("host ", " refused to talk to me: "), " blocked"),
	    PAIR("mail from ", " refused:"),
	    PAIR("your access ip", " has been rejected")),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * The sender's own quota, not the mailbox's: Gmail's "550 5.4.5 Daily
	 * user sending quota exceeded" (its sending-limits page)
	 */
	{ CUES("sending quota", "sending limit",
	    /*
	     * Amazon SES's "Throttling failure: Daily message quota exceeded"
	     * (Sisimai's documented toomanyconn text): the sender's account
	     */
	    "throttling failure",
	    "发信配额", "发送配额",
	    "发信数量超", "发送数量超", "发信量超"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Sendmail's srvrsmtp.c answers MAIL with "452 4.4.5 Insufficient
	 * disk space; try again later" when its own queue file system is
	 * below MinFreeBlocks: the receiving system, not a mailbox (before
	 * Sisimai's mailboxfull text "insufficient disk space" below); a
	 * bounce reads it as the system full (bounce_rules)
	 */
	{ CUES("insufficient disk space; try again later"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	/*
	 * The receiving side's own server away for now: Rackspace's "450
	 * 4.4.1 The recipient's server was temporarily unavailable to accept
	 * your message (G6)" (a failure verifying the recipient address,
	 * smtp.codes/rackspace)
	 */
	{ CUES("server was temporarily unavailable"),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ CUES("over quota", "quota exceeded", "exceeds quota",
	    "exceeded quota",
	    /*
	     * the word "quota" alone, but not a word it begins: an
	     * exporter's "Quotation" or "Quotation_PI118.zip", quoted by a
	     * content filter's refusal, is no full mailbox
	     */
	    "quota ", "quota.", "quota,", "quota;", "quota:", "quota)",
	    "quota]", "quota\"", "quota'", "quota/", "quota-",
	    "exceeded storage", "mailbox full",
	    "mailbox is full", "inbox is full", "mailfolder is full",
	    "mailbox exceeds",
	    /*
	     * Gmail's 452 4.2.2 / 552 5.2.2 "The recipient's inbox is out of
	     * storage space" (its SMTP errors page), before the "inactive"
	     * of its 5.2.2 "... and inactive"
	     */
	    "inbox is out of storage space",
	    "mailbox has exceeded",
	    /*
	     * "full mailbox", "would exceed maximum allowed storage",
	     * "does not have enough space" / "not enough storage space"
	     * (a mailbox's own, unlike the system's "insufficient system
	     * storage"), Orange and La Poste's "Boite du destinataire pleine"
	     */
	    "full mailbox", "exceed maximum allowed storage",
	    /*
	     * Postfix's local(8) and virtual(8) when the mailbox reached
	     * mailbox_size_limit or virtual_mailbox_limit: "cannot update
	     * mailbox F for user U. error writing message: File too large",
	     * "delivery failed to mailbox F: error writing message: File too
	     * large", 5.2.2 (mail_copy.c: EFBIG), not the message's size
	     */
	    "error writing message: file too large",
	    "does not have enough space", "not enough storage space",
	    "boite du destinataire pleine",
	    /*
	     * German: mail.fr's "552 5.2.2 Mailbox full / Over quota" in its
	     * help's words, "Postfach voll / Speicherplatz überschritten"
	     * (a word: not "Postfach vollständig"); Web.de's "550 Benutzer
	     * hat das Speichervolumen ueberschritten" (sitepackage.de's list)
	     */
	    "postfach voll ", "postfach voll.", "postfach voll,",
	    "speicherplatz uberschritten", "speicherplatz ueberschritten",
	    "speichervolumen uberschritten", "speichervolumen ueberschritten",
	    /*
	     * Chinese hosts' wording (Coremail, Sina, self-hosted MTAs, as
	     * Chinese bounce-help pages quote them: "邮箱空间已满",
	     * "超过容量", "Quota exceed the hard limit for user")
	     */
	    "邮箱已满", "邮箱满", "空间已满", "容量已满", "空间不足",
	    "容量不足", "超过容量", "超出容量", "超过配额", "超出配额",
	    "配额已满",
	    /* the same in Traditional characters (信箱: Taiwan's "mailbox") */
	    "郵箱已滿", "信箱已滿", "空間已滿", "容量已滿", "空間不足",
	    "超過容量", "超過配額",
	    /* RFC 5321's 552 "exceeded storage allocation", in Chinese */
	    "过量的存储分配", "超过存储分配",
	    /*
	     * Sisimai's documented mailboxfull texts (go-sisimai
	     * reason/why-mailboxfull.go; "too much mail data": NTT docomo)
	     */
	    "insufficient disk space", "not sufficient disk space",
	    "exceeding receiving limits", "mailbox size limit exceeded",
	    "mail file size exceeds the maximum size allowed",
	    "mailbox exceeded the local limit", "no space left on device",
	    "space has been used up", "too much mail data",
	    "too many messages on the server",
	    /* GMX's help on returned mail: the mailbox is full */
	    "too many messages on server",
	    /*
	     * its pairs "mailbox " ... "exceeded" ... " limit", "mailbox "
	     * ... " full" ("Mailbox for user is full") and "enough " ...
	     * " space" ("has not enough mailbox space"; after the system's
	     * "not enough free space" above)
	     */
	    PAIR(PAIR("mailbox ", "exceeded"), " limit"),
	    PAIR("mailbox ", " full"), PAIR("enough ", " space")),
	    { O(MAILBOX_FULL, MAILBOX_FULL), O(MAILBOX_FULL, MAILBOX_FULL) } },
	{ CUES("too many connections", "too many concurrent",
	    "frequency limited",		/* Tencent QQ Mail / Exmail */
	    "too many simultaneous", "too many sessions", "connection limit",
	    "too many smtp sessions",
	    "trop de connexions",	/* Orange: "Trop de connexions" */
	    "connection rate limit",
	    "too many open connections",
	    /* Sisimai's documented toomanyconn text (free.fr) */
	    "too many errors from your ip",
	    /* its pairs "too many " ... " session", "connection " ... " limit" */
	    PAIR("too many ", " session"), PAIR("connection ", " limit"),
	    "并发连接", "连接数过多",
	    "连接数过大", "连接数超", "连接过多", "连接频率"),
	    ALWAYS_TEMP(TOO_MANY_CONNECTIONS) },
	{ CUES("too many recipients", "recipient limit", "too many rcpt",
	    "收件人数量超", "收件人数超", "收件人过多", "收件人数过多"),
	    ALWAYS_TEMP(TOO_MANY_RECIPIENTS) },
	{ CUES("rate limit", "ratelimit", "rate-limit", "unusual rate",
	    "sending rate", "too many messages", "too many mails",
	    "too many emails", "reputation", "[tss", "[ts0",
	    /*
	     * IONOS's "450 Mail send limit exceeded" (its mass-mailing
	     * limits page), Rackspace's "Mailbox received too much email in
	     * a short period of time (G30)" (smtp.codes/rackspace)
	     */
	    "send limit exceeded", "too much email",
	    "user complaints", "throttl", "temporarily deferred",
	    "try again slower",	/* Sisimai's documented speeding text */
	    "too much mail from",	/* Postfix's message rate limit */
	    /*
	     * cPanel's Exim: "Domain d has exceeded the max emails per hour
	     * (100/100 (100%)) allowed.  Message discarded." (Sisimai's
	     * documented toomanyconn text): the sending account's own limit
	     */
	    "max emails per hour",
	    "exceeded permitted limits",
	    "频率过高", "发信频率过", "发送频率过", "过于频繁", "频率限制",
	    "频率超", "信誉", "被投诉", "ip被拒绝", "ip 被拒绝", "ip地址被拒绝",
	    "ip被禁止"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Sisimai's documented requireptr text "we do not accept mail from
	 * hosts with dynamic IP or generic DNS PTR-records" (go-sisimai
	 * reason/why-requireptr.go), before the dynamic IP words it holds
	 */
	{ CUES("generic dns ptr"), REFUSED(HOST_IDENTITY_PTR_HELO) },
	/* a dynamic or residential IP may not send mail directly */
	{ CUES("smtp server of your isp", "use your isp", "dynamic ip",
	    "dynamic address", "dynamic/residential", "residential ip",
	    "dial-up", "dialup"),
	    REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Microsoft's refusal of a sending domain that does not authenticate
	 * (its high-volume sender requirements: "550 5.7.515 Access denied,
	 * sending domain [d] doesn't meet the required authentication
	 * level"), and its words for the 5322.From domain (go-sisimai
	 * reason/why-authfailure.go: "the 5322.From address doesn't meet the
	 * authentication requirements defined for the sender"): SPF, DKIM
	 * and DMARC, when no Microsoft MX names the provider
	 */
	{ CUES("dmarc", "dkim", "spf", "sender policy framework",
	    "domainkeys", "unauthenticated email", "authentication checks",
	    "required authentication level",
	    "meet the authentication requirements",
	    "发件人身份验证失败", "发信域验证失败", "域名验证失败"),
	    REFUSED(AUTH_SPF_DKIM_DMARC) },
	/*
	 * The sending server taken for an open relay ("no access from mail
	 * server [IP] which is an open relay"): a refusal of the sending host
	 */
	{ CUES("is an open relay"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * A recipient (a mailbox, a group, a public folder) that takes mail
	 * only from its own organisation's senders: Exchange Online's 5.7.12,
	 * 5.7.124, 5.7.133-5.7.136 ("Sender was not authenticated by
	 * organization", "Sender not in allowed-senders list"), its NDR list;
	 * not a relay refusal, before "not authenticated" below
	 */
	{ CUES("sender was not authenticated", "sender not authenticated for",
	    "not in allowed-senders list",
	    /*
	     * Exchange's RESOLVER.RST.NotAuthorized (the recipient takes mail
	     * from some senders only; its NDR list), with or without 5.7.1
	     */
	    "rst.notauthorized",
	    /*
	     * Sisimai's documented securityerror texts (go-sisimai
	     * reason/why-securityerror.go): Amazon SES's "Account not
	     * subscribed to SES" and "User ... is not authorized to perform
	     * ses:SendRawEmail on resource", Postfix's "SASL authentication
	     * failed; server ... said:", qmail's "you don't authenticate or
	     * the domain isn't in my list of allowed rcpthosts"
	     */
	    "account not subscribed to ses", "to perform ses:",
	    "authentication credentials invalid", "authentication failure",
	    "authentication failed; server",
	    "authentication turned on in your email client",
	    "unauthenticated senders not allowed", "verification failure",
	    "not authorized to send mail",
	    "you don't authenticate or the domain isn't"),
	    REFUSED(POLICY_OTHER) },
	/*
	 * A provider's outgoing (submission) server refusing the SENDER'S own
	 * mail client, not the recipient: the client did not log in, or its
	 * mailbox's client service (SMTP) is off, or it logged in with the
	 * web password instead of the authorization code (授权码).
	 * NetEase (smtp.163.com, 126, yeah.net): "553 authentication is
	 * required" to a client that did not log in ("SMTP需要身份验证，请检查
	 * 客户端设置", NetEase's 企业退信的常见问题 list; BigPond's "553
	 * Authentication is required to send mail as <...>" at MAIL FROM
	 * says the same); "550 User has no permission" to an account whose
	 * client service is not turned on (NetEase's help 客户端授权码使用规则:
	 * a client logs in only with the authorization code, IMAP/POP3/SMTP
	 * share it, and with a service off the login passes but the service
	 * cannot be used; help.163.com/08/0708/11/4GAUOK1J007525G3.html,
	 * "为什么要进行SMTP认证?": SMTP wants the account name and password).
	 * Tencent QQ Mail (smtp.qq.com, smtp.exmail.qq.com): "535 Login
	 * Fail. Please enter your authorization code to login. More
	 * information in http://service.mail.qq.com/cgi-bin/help?subtype=1
	 * &&id=28&&no=1001256" (older: "Please using authorized code to
	 * login"; in Chinese "请使用授权码登录"), the help page its reply
	 * names, and QQ Mail's notice of 2022-10-11: from 2022-11-01 a client
	 * (POP3/IMAP/SMTP) logs in only with the 16-character authorization
	 * code made where 设置 -> 账户 turns the service on;
	 * "503 Error: need EHLO and AUTH first !" to a MAIL FROM sent before
	 * logging in.  The sender must act in the mailbox's settings.  After
	 * Sisimai's securityerror texts above (its "not authorized to send
	 * mail, authentication is required").  The words about the
	 * authorization code are QQ Mail's own; the broad ones ("authentication
	 * is required", "user has no permission", "need ehlo and auth first")
	 * are this reason only where NetEase or Tencent is named
	 * (client_auth_named), else login_refusal() reads them.
	 */
	{ CUES("enter your authorization code to login",
	    "authorized code to login", "请使用授权码登录",
	    "id=28&&no=1001256"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	{ CUES("authentication is required", "user has no permission",
	    "need ehlo and auth first"),
	    REFUSED(CLIENT_AUTH_REQUIRED) },
	{ CUES("relay access denied", "relaying denied", "not permitted to relay",
	    /*
	     * Exchange: "requires authentication when attempting to send to a
	     * non-local e-mail address"; "we are not a gateway"
	     */
	    "requires authentication", "not a gateway",
	    /*
	     * Haraka's own answer when no plugin took the recipient, "550 I
	     * cannot deliver mail for <a>" (connection.js: "No plugin
	     * determined if relaying was allowed"): not a domain it serves,
	     * and the client may not relay
	     */
	    "i cannot deliver mail for",
	    /*
	     * hMailServer's "550 Delivery is not allowed to this address."
	     * (SMTPConnection.cpp): the client's IP range may not deliver
	     * from its sender to this recipient, local or external, which
	     * its source tests as bAllowRelay
	     */
	    "delivery is not allowed to this address",
	    "relay not permitted", "relaying not allowed", "unable to relay",
	    /*
	     * chasquid's "503 5.7.1 Relay not allowed" (smtpsrv/conn.go): a
	     * domain it does not serve, from a client that did not log in
	     */
	    "relay not allowed",
	    /*
	     * Kerio Connect's "550 5.7.1 Relaying is denied" (its outbound
	     * delivery troubleshooting article)
	     */
	    "relaying is denied",
	    "relay denied", "we do not relay", "not configured to relay",
	    "authentication required",
	    "must authenticate", "not authenticated",
	    /*
	     * Sisimai's documented norelaying texts (go-sisimai
	     * reason/why-norelaying.go; qmail's "that domain isn't in my list
	     * of allowed rcpthosts")
	     */
	    "not local host", "specified domain is not allowed",
	    "that domain isn't in my list of allowed rcpthost",
	    "we don't handle mail for",
	    "不允许转发", "拒绝转发", "禁止转发", "不允许中继", "拒绝中继",
	    "禁止中继", "中继被拒绝", "需要身份验证", "需要认证"),
	    REFUSED(RELAY_DENIED) },
	/*
	 * the TLS handshake itself failed, or the sending server could not
	 * verify the receiving server's certificate where its policy asked
	 * for it: Postfix smtp(8)'s "Cannot start TLS: handshake failure" and
	 * "Server certificate not verified" (its 4.7.5, smtp_proto.c; "not
	 * trusted", the same failure in other clients' words), Exim's "a
	 * TLS session is required, but an attempt to start TLS failed"
	 * (transports/smtp.c) and its "TLS session: (SSL_connect): ..."
	 * (tls-openssl.c), and OpenSSL's "certificate verify failed" that
	 * MTAs quote
	 */
	{ CUES("cannot start tls", "tls handshake", "ssl handshake",
	    "tls negotiation failed", "server certificate not verified",
	    "server certificate not trusted", "attempt to start tls failed",
	    "(ssl_connect)", "certificate verify failed"),
	    { O(TLS_FAILED, TLS_HANDSHAKE_FAILED),
	    O(TLS_FAILED, TLS_HANDSHAKE_FAILED) } },
	/*
	 * RFC 3207 4: "454 TLS not available due to temporary reason", the
	 * server's answer to STARTTLS when it cannot start TLS now; in a
	 * bounce the sending server gave up on it (not a vague 4xx)
	 */
	{ CUES("tls not available"),
	    { O(TLS_FAILED, STARTTLS_REFUSED),
	    O(TLS_FAILED, STARTTLS_REFUSED) } },
	/*
	 * The sending server's own words when it required TLS and the
	 * receiving server offered none: Postfix smtp(8) "TLS is required,
	 * but was not offered by host H[A]" (smtp_proto.c), Exim's "a TLS
	 * session is required, but the server did not offer TLS support"
	 * (transports/smtp.c), Courier's "/SECURITY=REQUIRED set, but TLS is
	 * not available" (module.esmtp/libesmtp.c), Gmail's bounce "500
	 * Remote server does not support TLS (state 6)" (go-sisimai
	 * lhost/gmail.go: failedstarttls) -- not the receiver insisting on TLS
	 */
	{ CUES("but was not offered by host", "did not offer tls support",
	    "set, but tls is not available",
	    "remote server does not support tls"),
	    { O(TLS_FAILED, STARTTLS_NOT_OFFERED),
	    O(TLS_FAILED, STARTTLS_NOT_OFFERED) } },
	{ CUES("starttls", "tls required", "tls is required", "requires tls",
	    /*
	     * Mimecast: "This route requires encryption (TLS)", "... requires
	     * high-strength ciphers"
	     */
	    "requires encryption", "high-strength ciphers",
	    "tls/sslv3 connection required",	/* Broadcom Email Security.cloud */
	    "must use tls", "encryption required", "mta-sts", "tlsa",
	    /*
	     * Yandex's outgoing server: "530 5.7.7 Email sending without
	     * SSL/TLS encryption is not allowed" (its help on mail programs)
	     */
	    "without ssl/tls"),
	    REFUSED(TLS_REQUIRED) },
	/*
	 * A command out of order, not a refusal of the name: RFC 5321's 503
	 * "Bad sequence of commands" as Gmail ("503 5.5.1 EHLO/HELO first."),
	 * Postfix ("503 5.5.1 Error: send HELO/EHLO first") and Sendmail
	 * ("503 5.0.0 Polite people say HELO first") and Haraka
	 * (connection.js: "503 Use EHLO/HELO before MAIL") word it, before
	 * the HELO words below
	 */
	{ CUES("helo first", "ehlo first", "helo before mail"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * Sendmail's words for sysexits(3)'s EX_PROTOCOL, "554 5.5.0 Remote
	 * protocol error" (its sysexits message table): the other server's
	 * answer broke SMTP
	 */
	{ CUES("remote protocol error"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * The client broke SMTP's rules, in each server's words: Exim's
	 * smtp_in.c "554 SMTP synchronization error" (a command sent before
	 * the reply it had to wait for), qmail-smtpd's "451 See
	 * http://pobox.com/~djb/docs/smtplf.html." (a bare LF in the data)
	 * and Haraka's connection.js "451 Bare line-feed; see
	 * http://haraka.github.com/barelf.html" (the data's end as a bare LF),
	 * Courier's courieresmtpd.c "554 Syntax error - your mail software
	 * violates RFC 821." (a MAIL FROM or RCPT TO address not in <...>):
	 * the client's command, not the address it names
	 */
	{ CUES("smtp synchronization error", "docs/smtplf.html",
	    "bare line-feed", "your mail software violates rfc"),
	    { O(PROTOCOL_ERROR, PROTOCOL_VIOLATION),
	    O(TEMPORARY, PROTOCOL_VIOLATION) } },
	/*
	 * the sending IP's reverse DNS (PTR), also when a HELO is named beside
	 * it
	 */
	{ CUES("ptr record", "rdns", "reverse", "cannot find your hostname",
	    /*
	     * Sisimai's documented requireptr texts (go-sisimai
	     * reason/why-requireptr.go; Google's "the corresponding forward
	     * DNS entry does not point to the sending IP")
	     */
	    "ip name lookup failed", "ptr resource record",
	    "cannot resolve your address", "forward dns entry",
	    "unresolvable relay host name", "unverifyable sending ip",
	    "mismatches client ip",	/* the HELO domain is not the client's */
	    /* its pair: the client's name could not be looked up */
	    PAIR("dns lookup failure: ", " try again later")),
	    REFUSED(HOST_IDENTITY_PTR_HELO) },
	/*
	 * The name the sending host gave in HELO/EHLO refused, in words that
	 * say so: Postfix's smtpd_helo_restrictions ("<name>: Helo command
	 * rejected: need fully-qualified hostname", "...: Invalid name",
	 * "...: Host not found"; Sisimai's documented blocked text "helo
	 * command rejected:", go-sisimai reason/why-blocked.go) and "501
	 * Syntax: EHLO hostname", Exim's "501 Syntactically invalid EHLO
	 * argument(s)", Sendmail's "501 5.0.0 HELO requires domain address"
	 * (also Microsoft's "550 5.0.0 HELO / EHLO requires domain
	 * address", Haraka's connection.js "501 EHLO requires domain/address -
	 * see RFC-2821 4.1.1.1"), Gmail's "501 5.5.4 Empty HELO/EHLO argument
	 * not allowed" and "501 5.5.4 HELO/EHLO argument is invalid" (its SMTP
	 * errors page), Microsoft's "550 5.7.506 Access denied, bad HELO"
	 * (Exchange Online's NDR list), i.ua's "wrong value of command
	 * HELO/EHLO parameter" (mail.i.ua/err/7).  Not the bare word: a
	 * bounce's "(in reply to EHLO command)" names only the stage.
	 */
	{ CUES("helo command rejected", "ehlo command rejected",
	    "invalid helo", "invalid ehlo", "bad helo", "bad ehlo",
	    "empty helo", "helo/ehlo argument", "helo/ehlo parameter",
	    "requires domain address", "requires domain/address",
	    "helo hostname", "ehlo hostname",
	    "helo name", "ehlo name"),
	    REFUSED(HELO_REJECTED) },
	/*
	 * Postfix's reject_non_fqdn_sender and reject_non_fqdn_recipient
	 * (smtpd_check.c: "<addr>: Sender address rejected: need
	 * fully-qualified address", as Sohu's 退信代码 page lists it with
	 * 发件人地址书写格式错误; the same for "Recipient"): an address, not a
	 * host's name
	 */
	/*
	 * Postfix's reject_unauthenticated_sender_login_mismatch and
	 * reject_sender_login_mismatch (smtpd_check.c: "<addr>: Sender
	 * address rejected: not logged in"): the sender's address belongs to
	 * a SASL login and the client did not log in; logging in is what
	 * helps, at MAIL or, as Postfix often applies it, at RCPT
	 */
	{ CUES("sender address rejected: not logged in"),
	    REFUSED(LOGIN_REQUIRED) },
	{ CUES("sender address rejected: need fully-qualified address"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("recipient address rejected: need fully-qualified address"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS) },
	/* the sending host's name, PTR or HELO not said */
	{ CUES("helo", "ehlo", "fully-qualified", "fully qualified", "fqdn"),
	    REFUSED(HOST_IDENTITY_PTR_HELO) },
	/*
	 * Refusals of the message's return path: BATV (Bounce Address Tag
	 * Validation: "BATV failed to verify", "rejected by BATV defense"),
	 * servers that take no bounces from strangers ("no third-party DSNs",
	 * "unsigned DSN", "backscatter protection", "null sender is not
	 * allowed"), Amazon SES's "Email address is not verified" (its
	 * sending-errors page), a mailing list's "not allowed to post",
	 * Orange's "Emetteur invalide" / "Mail from not owned by user"
	 */
	/*
	 * The recipient's organisation blocks the sender's address: Mimecast's
	 * "Envelope blocked - User Entry", "Administrative prohibition envelope
	 * blocked", "Rejected by header-based Blocked Senders - Block policy
	 * for Header From", "Envelope rejected - Block policy for Envelope
	 * From address" (its SMTP error codes page)
	 */
	{ CUES("envelope blocked", "blocked senders",
	    "block policy for envelope from", "block policy for header from"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("batv", "third-party dsn", "unsigned dsn", "backscatter",
	    "null sender is not allowed", "email address is not verified",
	    "not allowed to post", "emetteur invalide",
	    "mail from not owned by user", "unroutable sender",
	    "sender email address rejected", "sender not pre-approved",
	    "bogus mail from"),
	    REFUSED(SENDER_REJECTED) },
	{ CUES("sender address rejected", "sender rejected",
	    /*
	     * Exchange Server's "Sender denied" (its NDR list's 5.1.0, the
	     * Sender Filter agent's "554 5.1.0 Sender Denied"), before
	     * X.1.0 reads as the recipient's address
	     */
	    "sender denied",
	    "domain of sender address",
	    "sender verify failed", "sender verification", "unverified sender",
	    "invalid sender", "sender unknown", "sender domain", "bad sender",
	    "sender address invalid", "sender address is invalid",
	    "sender address does not exist", "sender does not exist",
	    "envelope sender", "return path", "return-path",
	    /*
	     * RFC 7505 4.2's "550 5.7.27 Sender address has null MX": the
	     * sender's domain takes no mail, before the null MX of the
	     * recipient's domain below
	     */
	    "sender address has null mx",
	    /* the sender's, before the recipient's "地址不存在" below */
	    "发件人不存在", "发件人地址", "发件人邮箱", "发件人域",
	    "发件人帐号", "发件人账号", "发件人账户", "发件人帐户",
	    "发信人不存在", "发信人地址", "发信人邮箱", "发信人帐号",
	    "发信人账号", "发信域不存在", "发信域名不存在", "发件人被拒绝",
	    "发件人无效",
	    /* the same in Traditional characters (寄件者: Taiwan's "sender") */
	    "發件人不存在", "發件人地址", "發件人郵箱", "發件人帳號",
	    "發件人賬號", "發件人帳戶", "寄件者不存在", "寄件者地址",
	    "寄件者帳號", "寄件人不存在", "寄件人地址", "發件人無效"),
	    REFUSED(SENDER_REJECTED) },
	/* Yahoo's 5.7.9 and others: a stated policy, whatever the code */
	{ CUES("for policy reasons", "due to policy reasons",
	    /*
	     * "rejected due to security policies", Microsoft 365's "bounced
	     * due to organizational settings", "by organization policy"
	     */
	    "security policies", "organizational settings",
	    "organization policy",
	    /*
	     * Sisimai's documented policyviolation texts (go-sisimai
	     * reason/why-policyviolation.go): AOL's "because the recipient is
	     * not accepting mail with ...", mailing lists' "by non-member to a
	     * members-only list", Google Groups' "not subscribed to this
	     * group", Microsoft's "its content presents a potential security
	     * issue"
	     */
	    "recipient is not accepting mail with", "members-only list",
	    "closed mailing list", "header error",
	    "message given low priority", "not subscribed to this group", "content presents a potential",
	    "messages containing images or other attachments",
	    "using a mass mailer", "without solving a captcha"),
	    REFUSED(POLICY_OTHER) },
	/*
	 * RFC 5321 3.1 and 4.2.3: a server that will not talk to the client
	 * greets it with "554 No SMTP service here".  It refuses the session
	 * and says no why: a policy, a blocklist only when the words name one
	 * (the cues above)
	 */
	{ CUES("no smtp service here"), REFUSED(POLICY_OTHER) },
	{ CUES("please try again later", "try again later", "try later",
	    "please retry later", "temporarily rejected",
	    "稍后再试", "稍后重试", "稍后再发"),
	    ONLY_4XX(GREYLISTED) },
	/*
	 * Sisimai's documented contenterror texts (go-sisimai
	 * reason/why-contenterror.go; Microsoft's "this message contain(s)
	 * invalid MIME headers", "... improperly-formatted binary content",
	 * "... text that uses unnecessary base64 encoding"): the message's
	 * form, before the size words they hold
	 */
	{ CUES("header size exceeds", "message header size",
	    "8-bit data in message header", "mime complexity",
	    "invalid mime headers", "improperly-formatted binary content",
	    "unnecessary base64 encoding"),
	    REFUSED(CONTENT_FORMAT) },
	{ CUES("message too large", "too big", "message size", "size limit",
	    /*
	     * RFC 3463 X.2.3's own words; Orange's "Taille limite du message
	     * atteinte"
	     */
	    "message length exceeds", "taille limite du message",
	    "email size exceeded",	/* Mimecast: "Maximum email size exceeded" */
	    /*
	     * a line longer than the server takes (RFC 5321 4.5.3.1.6's
	     * 1000-octet text line): "500 Line limit exceeded"
	     */
	    "line limit exceeded",
	    /*
	     * IceWarp's "501 5.7.1 Message is too long" (its "Interpretation
	     * of 5xx Errors in IceWarp SMTP": the size limit of the server,
	     * domain or user), at MAIL FROM's SIZE
	     */
	    "message is too long",
	    "size exceeds", "exceeds size", "too large",
	    "邮件大小超", "信件大小超", "邮件过大", "邮件太大", "附件过大",
	    "附件太大"),
	    REFUSED(MESSAGE_TOO_BIG) },
	/*
	 * An attachment refused for its name or type, after the size words
	 * ("attachment too large" is the size): MailChannels' "550 5.7.1
	 * [IB_FEB] Your message could not be delivered because it contained
	 * an attachment type that is not allowed" (docs.mailchannels.com,
	 * inbound/smtp-errors), and its shorter form "Attachment <name> not
	 * allowed"; Postfix header_checks(5)'s example "REJECT Attachment
	 * name "$2" may not end with ".$4""; Exim's documented ACLs
	 * (ExiscanFilenameBlocking in its wiki) "Bad attachment filename
	 * (<name>)", "Unwanted file extension (<ext>)", "This message
	 * contains an unwanted binary Attachment"; rspamd's multimap as
	 * NethServer ships it, "554 5.7.1 Matched map:
	 * FORBIDDEN_FILE_EXTENSION" or "Forbidden attachment name extension"
	 * (NethServer/dev#5811).  The dangerous attachment virus_detected
	 * names, whose advice is what to send instead (PDF, a link), as
	 * Gmail's "illegal attachment" above; never a sender not authorized
	 * to write to the address, as the bare 5.7.1 reads
	 */
	{ CUES(PAIR("attachment ", " not allowed"),
	    PAIR("attachment name ", " may not end with"),
	    "bad attachment filename", "unwanted file extension",
	    "unwanted binary attachment", "forbidden attachment",
	    "forbidden_file_extension"),
	    REFUSED(VIRUS_DETECTED) },
	/*
	 * RFC 7505's wording (Postfix: "Domain does not accept mail
	 * (nullMX)"); named here, Sendmail's null MX stays one past the
	 * "Host unknown" its text also holds (the sending MTA's words of an
	 * unknown domain, mtacues.c)
	 */
	{ CUES("does not accept mail", "nullmx", "null mx",
	    /*
	     * Sisimai's documented notaccept texts (go-sisimai
	     * reason/why-notaccept.go): Sendmail's "Name server: .: host not
	     * found" (Yahoo's "No MX record found for domain=" is in the row
	     * below: no mail server, not a stated refusal)
	     */
	    "mail receiving disabled", "name server: .: host not found",
	    "no route for current request"),
	    MAILBOX(NO_MAIL_DOMAIN, NULL_MX) },
	/*
	 * The domain exists but publishes no mail server: its DNS answered
	 * with no MX and no address (domain_no_mail): Yahoo's "No MX record
	 * found for domain=" (go-sisimai reason/why-notaccept.go).  The
	 * sending MTA's own words of its lookups, which no server replies
	 * (Postfix's "Host or domain name not found. Name service error
	 * ...", Sendmail's "Host unknown (Name server: d: no data known)",
	 * Gmail's "DNS Error: ...", qmail-remote's "couldn't find a mail
	 * exchanger", OpenSMTPD's "No MX found for"), are mtacues.c's alone.
	 */
	{ CUES("no mx record found for domain", "domain has no mail"),
	    MAILBOX(NO_MAIL_DOMAIN, DOMAIN_NO_MAIL) },
	/*
	 * Postfix smtpd's address verification (reject_unverified_recipient,
	 * smtpd_check.c: "<a>: Recipient address rejected: unverified
	 * address: WHY" for now, "... undeliverable address: WHY" for good)
	 * quotes the failure of its own probe of the address; dns_strerror()'s
	 * endings there say what the DNS answered for the domain: NXDOMAIN
	 * "Host not found", NO_DATA "Host found but no data record", TRY_AGAIN
	 * "Host not found, try again" (the receiving server's lookup failed
	 * for now: its own trouble).  The sender's twin is read above.
	 */
	{ CUES(PAIR("address: host or domain name not found",
	    "host not found, try again")),
	    ALWAYS_TEMP(REMOTE_SERVER_ERROR) },
	{ CUES(PAIR("address: host or domain name not found",
	    "no data record")),
	    DOMAIN_WORDS(DOMAIN_NO_MAIL) },
	{ CUES(PAIR("address: host or domain name not found",
	    ": host not found")),
	    DOMAIN_WORDS(DOMAIN_NOT_FOUND) },
	/*
	 * The domain does not exist (domain_not_found): the words say so.
	 * Postfix smtpd's "Recipient address rejected: Domain not found"
	 * (reject_unknown_recipient_domain, which postconf(5) also gives a
	 * domain without MX and address: its words say not found, and a
	 * misspelt domain is what they most often mean; with its default
	 * unknown_address_reject_code 450, so a 4xx keeps the words' reason,
	 * for now: DOMAIN_WORDS); Microsoft's
	 * "SMTPSEND.DNS.NonExistentDomain; nonexistent domain" (Exchange
	 * Online's NDR 5.4.4; Exchange 2007's status name alone, go-sisimai
	 * lhost/via-exchange2007.go); Sun/Oracle Messaging Server's "Illegal
	 * host/domain name found" (its name is no name)
	 */
	{ CUES("domain does not exist", "domain not found", "no such domain",
	    "unknown domain", "domain must exist",
	    "nonexistent domain", "non-existent domain", "nonexistentdomain",
	    "illegal host/domain name",
	    /*
	     * Sisimai's documented hostunknown texts (go-sisimai
	     * reason/why-hostunknown.go)
	     */
	    "mail domain mentioned in email address is unknown",
	    "account or domain may not exist", "unknown host",
	    /*
	     * a domain the DNS does not know ("550 5.1.2 The domain ... was
	     * not found in DNS"), before the pair "recipient ... was not
	     * found in" of the unknown mailboxes below would read "Recipient
	     * address rejected: domain ... was not found in DNS" as one
	     */
	    PAIR("domain ", " not found in dns"),
	    /* Exchange Online's 5.4.310 "DNS domain <d> does not exist" */
	    PAIR("dns domain ", " does not exist"),
	    "域名不存在", "收件域不存在", "无此域名", "找不到该域名",
	    "域名无效"),
	    DOMAIN_WORDS(DOMAIN_NOT_FOUND) },
	/*
	 * Apple iCloud's unknown addresses (its postmaster page for iCloud
	 * Mail): "550 5.1.1 <...>: inactive email address", "unknown or
	 * illegal alias", before "inactive" below
	 */
	{ CUES("inactive email address", "unknown or illegal alias",
	    /*
	     * Sisimai's documented userunknown texts (go-sisimai
	     * reason/why-userunknown.go) that hold a word of the cues below
	     */
	    "mailbox is inactive", "wrong or no longer valid",
	    /*
	     * hMailServer's "550 Recipient not in route list." (a routed
	     * domain whose route lists addresses, this one not among them,
	     * RecipientParser.cpp): its own unknown user
	     */
	    "recipient not in route list"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/*
	 * Sisimai's documented hasmoved text: "<a> has been replaced by <b>"
	 * (go-sisimai reason/why-hasmoved.go)
	 */
	{ CUES("has been replaced by"), MAILBOX(UNDELIVERABLE, MAILBOX_MOVED) },
	{ CUES("disabled", "deactivated", "inactive", "suspended",
	    "no longer valid", "no longer available", "no longer active",
	    "account expired", "account has been closed", "mailbox locked",
	    "temporarily locked", "temporary locked",
	    "mailbox is frozen",
	    "account is locked",
	    /*
	     * hMailServer's "550 Account is not active." for an account its
	     * administrator switched off (RecipientParser.cpp)
	     */
	    "account is not active",
	    /*
	     * au EZweb's notice "The user(s) account is temporarily limited."
	     */
	    "account is temporarily limited",
	    /*
	     * La Poste's "Boite du destinataire archivee" (archived) and "Le
	     * compte du destinataire est bloque" (blocked account)
	     */
	    "destinataire archivee", "compte du destinataire est bloque",
	    /* NetEase: "请求的用户处于禁用或者冻结状态" */
	    /*
	     * Sisimai's documented suspend texts (go-sisimai
	     * reason/why-suspend.go)
	     */
	    "archived recipient", "user is terminated",
	    "suspend the service", "no longer accepts mail",
	    "已冻结", "被冻结", "冻结状态", "已停用", "被停用", "已被禁用",
	    "禁用状态", "已注销", "被注销", "已被锁定", "帐号已过期",
	    "账号已过期", "邮箱被锁", "帐号被锁", "账号被锁",
	    /* the same in Traditional characters */
	    "已凍結", "被凍結", "凍結狀態", "已註銷", "被註銷", "帳號已過期",
	    "帳號被鎖", "信箱被鎖"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_DISABLED) },
	/* the recipient's own choice, even when the code says 5.1.1 */
	{ CUES("recipient preferences", "refuse to receive",
	    "refuses to receive", "blocked by the recipient",
	    "only accepting mail from",
	    /*
	     * Sisimai's documented filtered texts (go-sisimai
	     * reason/why-filtered.go): SendGrid's "bounced address" (an
	     * address it keeps from mail after a bounce), AT&T's "has
	     * restricted SMS e-mail"
	     */
	    "bounced address", "has restricted sms e-mail",
	    "is not accepting any mail", "message rejected due to user rules",
	    "not found recipient account", "this account is protected by",
	    "user reject",
	    "new mail is not currently being accepted for this mailbox",
	    /* Sisimai's documented "recipient refuses to accept your mail" */
	    "recipient refuses to accept",
	    /* Interia's "550 5.7.1 Recipient doesn't want your mail" (its help) */
	    "doesn't want your mail", "does not want your mail"),
	    { O(BLOCKED, RECIPIENT_FILTER), O(TEMPORARY, TEMPORARY_OTHER) } },
	/*
	 * Exim's address parser (parse.c, parse_extract_address, as go-sisimai
	 * lhost/via-exim.go quotes it): the address as written cannot be
	 * read -- in its bounce for a recipient it could not parse, and in
	 * its 501 reply to such a RCPT.  The address is wrong, not the SMTP
	 * exchange.
	 */
	/*
	 * Tencent's "501 Bad address syntax" (QQ Mail's bounce help,
	 * service.mail.qq.com/detail/122/167): the recipient's address is
	 * not one, RFC 3463 X.1.3's "bad destination mailbox address syntax"
	 * (a sender's, "Bad sender address syntax", is read above)
	 */
	/*
	 * Exchange Server's own words for a recipient address that cannot be
	 * valid (its NDR list, "DSNs and NDRs in Exchange Server",
	 * learn.microsoft.com): 5.1.3 "STOREDRV.Submit; invalid recipient
	 * address" (unsupported characters, bad form), 5.1.6 "Recipient
	 * addresses in single label domains not accepted" (user@contoso); any
	 * server's, not only Microsoft's own hosts (provider_rules).  Exim's
	 * configure.default ACL refuses a local part with "@", "%", "!", "/",
	 * "|" or a leading dot: "Restricted characters in address"
	 */
	{ CUES("malformed address:", "expected word or \"<\"",
	    "angle-brackets nested too deep",
	    "domain missing in source-routed address", "bad address syntax",
	    "storedrv.submit; invalid recipient address",
	    "single label domains not accepted",
	    "restricted characters in address"),
	    MAILBOX(UNDELIVERABLE, INVALID_ADDRESS) },
	{ CUES("user unknown", "unknown user", "no such user", "no such mailbox",
	    "invalid user", "address couldn't be found",
	    "address could not be found",
	    /*
	     * the same in German, "weil die Adresse nicht gefunden wurde oder
	     * keine E-Mails empfangen kann" (go-sisimai
	     * reason/why-userunknown.go)
	     */
	    "adresse nicht gefunden",
	    /*
	     * German, as mail.fr's help translates "550 5.1.1 User unknown"
	     * ("Empfänger unbekannt / Adresse existiert nicht",
	     * mail.fr/de/hilfe, mail_delivery_system_und_bounce_mails) and
	     * Web.de answers: "550 Benutzer nicht bekannt/User unknown" (as
	     * sitepackage.de's list of German providers' replies quotes it);
	     * cue_text() writes "ä" as "a", an ASCII reply "ae"
	     */
	    "empfanger unbekannt", "empfaenger unbekannt",
	    "adresse existiert nicht", "benutzer nicht bekannt",
	    "no such recipient", "no such account", "does not exist",
	    "doesn't exist", "not exist", "unknown recipient",
	    "recipient unknown", "recipient not found", "invalid recipient",
	    "invalid mailbox", "mailbox not found", "unknown mailbox",
	    "address unknown", "unknown address", "unrouteable address",
	    "user not found", "user doesn't have", "no mailbox",
	    "unknown local part", "not a valid mailbox", "bad destination mailbox",
	    "mailbox is not allowed",	/* Broadcom: "Recipient mailbox is not allowed" */
	    /*
	     * Exim's RCPT answer (the lab's: test/lab/cases.tsv) as servers
	     * built on its words also spell it, "Unroutable address": the
	     * same words (Exim's own bounce, no server asked, is mtacues.c's)
	     */
	    "unroutable address",
	    /* Exchange's NDR codes (its "NDRs in Exchange Online" list) */
	    "resolver.adr.recipnotfound", "resolver.adr.exrecipnotfound",
	    "resolver.adr.recipientnotfound", "resolver.adr.recipient notfound",
	    /*
	     * the words of the NDRs for those codes, all a user copies from
	     * the top of one: Exchange 2013-2019's "The email address you
	     * entered couldn't be found", Office 365's "<name> wasn't found
	     * at <domain>." (Exchange Online's "Fix email delivery issues
	     * for error code 5.1.10" page shows both)
	     */
	    "address you entered couldn't be found", "wasn't found at ",
	    /*
	     * Sisimai's documented userunknown texts (go-sisimai
	     * reason/why-userunknown.go): qmail's badrcptto and validrcptto
	     * lists, Lotus Domino's "No <name> in name directory", Italian,
	     * Spanish and French wordings
	     */
	    "5.1.1 bad address", "address invalid", "5.1.0 address rejected",
	    "address not present in directory", "can't accept user",
	    "destination addresses were unknown",
	    "destination server rejected recipients", "invalid address",
	    "is not a known user", "not an active address at this host",
	    "mailbox invalid", "mailbox is unavailable", "mailbox not present",
	    "mailbox unavaiable", "nessun utente simile",
	    "no account by that name", "no existe dicha persona",
	    "no existe ese usuario", "no mail box available",
	    "no such address", "no such person", "account unavailable",
	    "no valid recipients, bye", "not a valid recipient",
	    "not a valid user", "not a local address", "not email addresses",
	    "recipient address rejected. (in reply to rcpt to command)",
	    "invalid-recipient", "userunknown", "recipient is not accepted",
	    "recipient is not local", "recipient not ok", "badrcptto",
	    "badrecipientto", "validrcptto",
	    "envelope recipient has been denied",
	    "domain or user isn't in my list of allowed rcpthosts",
	    "following recipients was undeliverable", "email name is not found",
	    "there is no one at this address", "user not active",
	    "user not known", "utilisateur inconnu", "in name directory",
	    /*
	     * its pairs: a mailbox or user named between the words ("user
	     * <name> was not found", "mailbox <name> unavailable or access
	     * denied": not QQ Mail's bare "Mailbox unavailable or access
	     * denied", which does not say which, nor one naming a whole
	     * address, masked out before the cues are read)
	     */
	    PAIR("mailbox ", " unavailable or access denied"),
	    PAIR("non", "existent user"), PAIR("rcpt (", "t exist"),
	    PAIR("recipient ", " was not found in"),
	    PAIR("unknown local", "part"), PAIR("user ", " was not found"),
	    PAIR("user (", ") unknown"),
	    /*
	     * its pair "unknown e" ... "mail address" only where the words
	     * are one phrase: as a pair it also reads "unknown error ...
	     * mail address"
	     */
	    "unknown e-mail address", "unknown email address",
	    /*
	     * NetEase "请求的用户不存在" (its list above); a Chinese MTA's
	     * reply table, "550 mailbox unavailable. (邮箱不存在)", "550
	     * user is locked. (邮箱被锁)" (blog.sina.com.cn/s/
	     * blog_8dc13ec50101fxxr.html); the wordings Chinese bounce-help
	     * pages quote ("对方邮箱帐号不存在", "收件人不存在")
	     */
	    "用户不存在", "邮箱不存在", "收件人不存在", "账号不存在",
	    "帐号不存在", "账户不存在", "帐户不存在", "地址不存在",
	    "无此用户", "没有这个用户", "查无此人", "用户未找到",
	    "找不到该用户", "找不到收件人", "无效的收件人", "收件人无效",
	    "无效用户", "用户名无效",
	    /*
	     * QQ Mail's own notice for a QQ number that has no mailbox,
	     * "该用户未开通QQ邮箱" (its help's keywords of bounce notices,
	     * mirrored at qqmailbox.com/transceivers/169.html)
	     */
	    "未开通qq邮箱", "未开通邮箱",
	    /*
	     * the same in Traditional characters, as Taiwan's and Hong
	     * Kong's hosts write them (帳號 account, 信箱 mailbox, 收件者
	     * recipient) and Big5 bounces carry them (explain reads them
	     * as UTF-8)
	     */
	    "用戶不存在", "郵箱不存在", "信箱不存在", "收件者不存在",
	    "帳號不存在", "賬號不存在", "帳戶不存在", "賬戶不存在",
	    "無此用戶", "沒有這個用戶", "查無此人", "找不到該用戶",
	    "無效的收件人", "收件人無效", "無效用戶"),
	    MAILBOX(UNDELIVERABLE, MAILBOX_UNKNOWN) },
	/* Postfix's refusal of the sending host, when no finer cue named why */
	{ CUES("client host rejected"), REFUSED(REPUTATION_OR_RATE) },
	/*
	 * Exim's words for an ACL's deny that gave no message of its own
	 * (smtp_in.c, smtp_handle_acl_fail: "Administrative prohibition"):
	 * the receiver's policy, which the words do not tie to the sender
	 * even when the ACL ran at MAIL
	 */
	{ CUES("administrative prohibition"),
	    { O(BLOCKED, POLICY_OTHER), O(TEMPORARY, TEMPORARY_OTHER) } },
};

/*
 * What a refusal after DATA says about the message itself: only consulted
 * at the data stage (a bounce), after the specific cues (a blocklist named
 * "spam..." is still a blocklist) and before the enhanced code.
 */
const struct cue_rule data_rules[] = {
	/*
	 * Sisimai's documented spamdetected texts that name both ("message
	 * considered as spam or virus", go-sisimai reason/why-spamdetected.go),
	 * before the virus words
	 */
	{ CUES("spam or virus", "spam/virus"), REFUSED(CONTENT_REJECTED) },
	/*
	 * amavisd-new's reject reply names its content category after the
	 * queue id ("554 5.7.0 Reject, id=<id> - SPAM", "- INFECTED: <virus>",
	 * "- BANNED: <part>" a part of a file type it bans, "- BAD-HEADER"
	 * a header not RFC 5322's, or "- BAD HEADER: <test>" as amavisd's
	 * %smtp_reason_by_ccat writes it: "MIME error", "nonencoded 8-bit
	 * character", ...); a bare one is its content filter's
	 */
	{ virus_words, REFUSED(VIRUS_DETECTED) },
	{ CUES("dangerous attachment", "executable attachment",
	    PAIR("reject, id=", " - banned"), "banned attachment",
	    "prohibited attachment", "blocked attachment", "危险附件",
	    "非法附件", "该类型的附件"),
	    REFUSED(VIRUS_DETECTED) },
	{ CUES("not rfc", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822",
	    "rfc 822", "multiple addresses in from", "missing required header",
	    "invalid header", "malformed header", "header syntax",
	    "duplicate header", "bare lf", "bare linefeed",
	    /* its pair: "multiple <name> headers" */
	    PAIR("multiple ", " header"),
	    /*
	     * Gmail's RFC 5322 refusals ("Messages with multiple addresses
	     * in From: header are not accepted", "Messages missing a valid
	     * Message-ID: header are not accepted": its SMTP errors page),
	     * as Sisimai quotes their parts
	     */
	    "messages with multiple addresses", "header are not accepted",
	    /* Gmail's help link, Sisimai's documented notcompliantrfc text */
	    "rfcmessagenoncompliant", PAIR("reject, id=", " - bad-header"),
	    PAIR("reject, id=", " - bad header")),
	    REFUSED(MESSAGE_NOT_COMPLIANT) },
	{ CUES("content rejected", "message content", "content filter",
	    "content denied",		/* QQ Mail, Aliyun: "Mail content denied" */
	    "spam", " ube ", "ube,", "(ube)", "junk mail", "bulk mail",
	    "unsolicited", "suspicious", "looks like spam", "phishing",
	    "识别为垃圾", "判定为垃圾", "判断为垃圾", "认为是垃圾", "疑似垃圾",
	    "垃圾邮件特征", "内容违规", "违规内容", "违禁内容", "含有违禁",
	    "敏感内容", "敏感词", "内容被拒", "邮件内容", "钓鱼",
	    "反垃圾邮件引擎",
	    /*
	     * NetEase 163's own notice (Coremail, "系统退信"): "现在您发送的
	     * 邮件被怀疑为是垃圾邮件，拒绝接收" (github.com/huxley-barbee/
	     * pantomime data/0008.eml)
	     */
	    "怀疑为是垃圾", "怀疑为垃圾",
	    /*
	     * Sisimai's documented spamdetected texts (go-sisimai
	     * reason/why-spamdetected.go; Gmail's "Our system has detected
	     * that this message is likely unsolicited mail", Cloudmark's
	     * "Recurrent Pattern Detection")
	     */
	    "message filtered", "unacceptable content",
	    "our system has detected that this message is",
	    "bulk.advertising", "bulk email", "banned content",
	    "rejecting mail content", "recurrent pattern detection", "uribl",
	    "blocked by our filter", PAIR("mail score (", " over"),
	    "reject, id="),
	    REFUSED(CONTENT_REJECTED) },
};

/*
 * Vague cues, only when neither a specific cue nor the enhanced code decided.
 */
const struct cue_rule weak_rules[] = {
	/* "User unknown in relay recipient table" is not a relay refusal */
	{ CUES("relay", "中继"), REFUSED(RELAY_DENIED) },
	/*
	 * qmail-remote's "Connected to A but sender was rejected. Remote host
	 * said: ..." (Sisimai's documented rejected text) names only the
	 * command; the reply it wraps names the cause when it has one ("451
	 * 4.3.0 Temporary lookup failure": the receiver's own failure)
	 */
	{ CUES("sender was rejected"), REFUSED(SENDER_REJECTED) },
	/*
	 * "protocol violation": the receiver judged the sending client broke
	 * SMTP (an early talker, a bare LF) and refused it by policy
	 */
	/*
	 * "not authorized": RFC 3463 X.7.1's "Delivery not authorized,
	 * message refused" in words, when no code says it (a bounce reads it
	 * finer: bounce_rules)
	 */
	{ CUES("administrative prohibition", "access denied", "spam",
	    "policy", "not allowed", "refused", "prohibited",
	    "not authorized", "not authorised",
	    "protocol violation", "垃圾邮件", "拒绝", "被拒", "不允许", "禁止",
	    "没有权限", "无权限",
	    /*
	     * Haraka's own words when a plugin denied a recipient or the
	     * message and gave none of its own (connection.js: "recipient
	     * <a> denied", "Message denied", "Message denied temporarily"):
	     * the receiver's policy, as Exim's "administrative prohibition";
	     * the address is blanked before the cues are read (cue_text)
	     */
	    "recipient denied", "message denied"),
	    { O(BLOCKED, POLICY_OTHER), O(TEMPORARY, TEMPORARY_OTHER) } },
};

const size_t cue_rules_len = NELEM(cue_rules);
const size_t data_rules_len = NELEM(data_rules);
const size_t weak_rules_len = NELEM(weak_rules);
