#!/usr/bin/env python3
"""test_qa_explain.py - `mxtrace explain` as a user meets it, found on a
QA pass: what a sales person or the office's IT gives it besides a clean
.eml, in English and Chinese.

Covers: a file of another program (a damaged Outlook .msg, a PDF, a .docx, a
screenshot, binary data) is refused with exit 65 and one line saying what
it is and how to get the bounce's text (en, zh), also inside a folder
(the other files still read); a missing file is exit 66 whatever its
folder is called; a file name with control characters is escaped in the
error, once (its backslash not doubled), and an empty folder after a
missing file is still said to hold no message; more than 64 MiB of text (its bounce past the bound), on stdin
or in a file, is refused with exit 65 in one line (en, zh), not read cut
short as "not a bounce"; text saved by Notepad as "Unicode" (UTF-16 with a mark), with a
UTF-8 mark, and a page saved from a webmail (.html) are read as text
(the recipient and the server's words, no markup, no mark); a few words of
Chinese pasted from a GBK mail client come out as Chinese, not as Arabic
or Greek letters (uchardet's guess on a few bytes), nor a few words of
Traditional Chinese pasted from a Big5 one as Latin letters; the report
of bounces alone (no probe record) does not describe a probe that never
ran (no "checked from", no "0 addresses", no links to empty sections),
its line on stderr names what the records are (bounces, complaints...),
links to its Bounces section, says what to do side by side (your own
set-up naming `mxtrace sender YOUR-DOMAIN`, the addresses, the message) and
lays each bounce out as a card on a phone (en, zh); --probe (the lab) of a bounce for a domain that does not
exist says the domain, not the mailbox, still does not exist, and with
port 25 blocked (every MX times out) says it could not be checked because
of our own network, not that the mailbox is still unknown (en, zh).
`explain --help --lang zh` is in Chinese; `explain -` at a terminal says
to paste and end with Ctrl-D (not from a pipe); a second - is refused up
front (exit 64) and standard input is named so in the heading and in an
error alike (en, zh); an option of --probe (--timeout, --port, -4...)
given without --probe is refused (exit 64, en and zh); a file named
-bounce.eml given as it is (read as options) is named in the error with
how to give it, ./-bounce.eml (explain and report, en and zh); a file
given twice, however spelled, is explained once, the repeat said, and so
is standard input named again (- and /dev/stdin, or the file it was
redirected from); a server's words quoted on
the terminal are cut at a bound and say so (JSON keeps them whole); the
format line says "standard delivery report (RFC 3464)", not "dsn", the
meaning line the reason in words ("Mailbox does not exist", and "Port 25
blocked on your network" for the probe now) without the JSON names of the
reason and the stage, and a
delivered message has none ("received"); a header block pasted on stdin
with --folder spam: the verdict's source in one pair of brackets, and the
sender check by --ip, not `--message -` (stdin is read already); --redact
on bounces leaves no mailbox address and no subject (it did nothing to
them) and refuses --probe; a folder explained on the terminal ends with
one line on stderr counting bounces, delay notices, delivered messages
and the others (not with --json, not for one message); a bounce forwarded
to IT quoted with "> " or ">" on every line (pasted, the whole message
pasted quoted, or the body of a forward with the forwarder's own words
above it) gives the same recipients, codes and reasons as unquoted; a
message saved again on Windows (every line ending in "\r\r\n") is still
read as that message (its DSN part, the original's subject), from a file
and from stdin. Only the server's reply pasted (no address): its meaning
and what to do for a recipient not named (en, zh, JSON address null); a
number that is no refusal gives none. Gmail's notice names the server that
refused (one line or wrapped): remote_mta and "Their server" say it. Several
bounces forwarded as attachments in one message, or in a forward attached
to one: one record per bounce (JSON, terminal en and zh), labelled as its
attachment, each counted by mxtrace report. A bounce given with
--headers-only (no Received: path in it, from a file or stdin) is still
read as that bounce; a delivered message's header block as its path.
Exchange's "Remote Server returned '...'" and "#... ##" around a
Diagnostic-Code's reply are taken off (a DSN, a .msg). When it bounced is
on the terminal (en, zh): the recipient's Last-Attempt-Date, else the
bounce's own Date:, formatted as the original's date; no line when neither
is known. A sender domain on a domain blocklist (Postfix's
reject_rhsbl_sender naming Spamhaus DBL) is read as that, not as the
server's IP listed: look the domain up and delist it (en, zh); a
RECIPIENT's domain on one (reject_rhsbl_recipient) is the customer's
address's, not ours (en, zh); NetEase's
"553 authentication is required" and "550 User has no permission" and QQ
Mail's "535 ... authorization code" are the sender's mail program's login:
turn the service on, log in with the authorization code (en, zh). mxtrace's
own JSON (verify's results, probe, explain and sender --json) given to
explain is refused in one line naming mxtrace report (en, zh), an Amazon SES
notification still read. Prints one
line per check and exits 1 when any failed.
"""

import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, check, finish, guarded,  # noqa: E402
                      typed_on_pty)

TMP = tempfile.mkdtemp(prefix="mxtrace-qa-explain-")
PASTE = ("Delivery has failed to these recipients or groups:\r\n"
         "zhangwei@qq.com\r\n"
         "550 Mailbox not found. 邮箱不存在\r\n")


def path(name):
    return os.path.join(TMP, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def run(*args, lang=None, stdin=None):
    env = dict(os.environ)
    if lang:
        env["LANG"] = lang
    return subprocess.run([BIN, "explain"] + list(args), capture_output=True,
                          timeout=120, env=env, input=stdin)


FOREIGN = (
    ("bounce.msg", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) +
     PASTE.encode("utf-16-le"), b"Outlook .msg", "另存为".encode()),
    ("bounce.pdf", b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n1 0 obj\n<< /Length 9 >>\n"
     b"stream\nx\x9c\x03\x00\nendstream\n", b"a PDF document",
     "PDF 文档".encode()),
    ("bounce.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(40),
     b"Office document", "Office 文档".encode()),
    ("screenshot.png", b"\x89PNG\r\n\x1a\n" + bytes(64), b"an image",
     "图片".encode()),
    ("core.bin", bytes(range(256)) * 4, b"binary data",
     "二进制".encode()),
)


def test_foreign_files():
    for name, data, en, zh in FOREIGN:
        f = write(name, data)
        for lang, word in ((None, en), ("zh", zh)):
            extra = ["--lang", lang] if lang else []
            r = run(*extra, f)
            check("explain %s (lang %s): exit 65, one line saying what it "
                  "is and how to get the text" % (name, lang),
                  r.returncode == 65 and r.stdout == b"" and
                  len(r.stderr.splitlines()) == 1 and word in r.stderr and
                  b"mxtrace explain -" in r.stderr,
                  "rc %d, out %r, err %r" % (r.returncode, r.stdout[:200],
                                             r.stderr[-300:]))
    folder = path("folder")
    os.mkdir(folder)
    for name, data, _, _ in FOREIGN[:2]:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    with open(os.path.join(folder, "real.txt"), "w") as f:
        f.write(PASTE)
    r = run("--json", folder)
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    check("a folder with a .msg and a PDF beside a bounce: exit 65, the "
          "two named, the bounce still read",
          r.returncode == 65 and len(recs) == 1 and
          recs[0]["recipients"][0]["address"] == "zhangwei@qq.com" and
          b"bounce.msg" in r.stderr and b"bounce.pdf" in r.stderr,
          "rc %d, %d records, %r" % (r.returncode, len(recs),
                                     r.stderr[-400:]))


def test_text_past_bound():
    # text with its bounce past 64 MiB (the bound on what is read of
    # text): refused in one line saying so, from stdin and from a file,
    # not read cut short and called "not a bounce"
    data = b"a" * (64 * 1024 * 1024 + 4096) + b"\n" + PASTE.encode()
    f = write("huge.txt", data)
    for lang, word in ((None, b"more than 64 MiB of text"),
                       ("zh", "文字超过 64 MiB".encode())):
        extra = ["--lang", lang] if lang else []
        for how, args, stdin in (("stdin", ["-"], data), ("file", [f], None)):
            r = run(*extra, *args, stdin=stdin)
            check("more than 64 MiB of text (%s, lang %s): exit 65, one "
                  "line saying so" % (how, lang),
                  r.returncode == 65 and r.stdout == b"" and
                  len(r.stderr.splitlines()) == 1 and word in r.stderr,
                  (r.returncode, r.stdout[:200], r.stderr[-300:]))
    os.unlink(f)


def test_missing_and_escaped():
    os.mkdir(path("empty-folder"))
    r = run(path("empty-folder/bounce.eml"))
    check("a missing file in a folder named empty-folder: exit 66 (cannot "
          "be opened), not 65", r.returncode == 66,
          "rc %d, %r" % (r.returncode, r.stderr[-300:]))
    # each input's own problem is said, whatever one before it had
    r = run(path("gone.eml"), path("empty-folder"))
    check("a missing file, then an empty folder: both said, exit 66",
          r.returncode == 66 and b"gone.eml: " in r.stderr and
          b"empty-folder: no message in it" in r.stderr,
          "rc %d, %r" % (r.returncode, r.stderr))
    r = run(path("gone\x1b[2J\x07.eml"))
    check("a missing file whose name holds ESC and BEL: exit 66, the name "
          "escaped on stderr once (not its backslashes again)",
          r.returncode == 66 and
          b"\x1b" not in r.stderr and b"\x07" not in r.stderr and
          b"gone\\x1B[2J\\x07.eml: " in r.stderr,
          "rc %d, %r" % (r.returncode, r.stderr))


def rcpt_of(r):
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    return recs[0]["recipients"][0] if recs and recs[0]["recipients"] \
        else {}


def test_saved_text():
    cases = (
        ("notepad-unicode.txt", b"\xff\xfe" + PASTE.encode("utf-16-le")),
        ("notepad-utf16be.txt", b"\xfe\xff" + PASTE.encode("utf-16-be")),
        ("notepad-bom.txt", b"\xef\xbb\xbf" +
         PASTE.split("\r\n", 1)[1].encode()),
    )
    for name, data in cases:
        f = write(name, data)
        for args, how in ((["--json", f], "file"),
                          (["--json", "-"], "stdin")):
            r = run(*args, stdin=data if how == "stdin" else None)
            x = rcpt_of(r)
            check("%s (%s): read as text, the recipient and the server's "
                  "words without the mark" % (name, how),
                  r.returncode == 0 and x.get("address") ==
                  "zhangwei@qq.com" and x.get("code") == 550 and
                  "邮箱不存在" in (x.get("text") or "") and
                  "\ufeff" not in (x.get("text") or ""),
                  "rc %d, %r, %r" % (r.returncode, x, r.stderr[-200:]))
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain", "chinese", "06-qq-dmarc.eml")
    with open(fix, "rb") as f:
        eml = f.read()
    for name, data in (("bom.eml", b"\xef\xbb\xbf" + eml),
                       ("utf16.eml", b"\xff\xfe" +
                        eml.decode().encode("utf-16-le"))):
        r = run("--json", write(name, data))
        rec = json.loads(r.stdout) if r.returncode == 0 else {}
        check("a DSN saved %s: still read as a message (its DSN part, the "
              "reporting server)" % ("with a UTF-8 mark" if "bom" in name
                                     else "as UTF-16"),
              rec.get("format") == "dsn" and
              rec.get("reporting_mta") == "mail.example.cn",
              (r.returncode, {k: rec.get(k) for k in ("format", "kind")}))
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"gbk\">"
            "<title>退信</title><style>p{color:red}</style></head><body>"
            "<p>很抱歉您的邮件被退回来了</p><p>收件人: &lt;zhangwei@qq.com&gt;"
            "</p><p>退信原因: 550 Mailbox not found.</p></body></html>\n")
    f = write("saved.html", page.encode("gbk"))
    r = run("--json", f)
    x = rcpt_of(r)
    check("a QQ Mail bounce saved from the browser as .html (GBK): the "
          "recipient without markup, the reason read",
          r.returncode == 0 and x.get("address") == "zhangwei@qq.com" and
          x.get("reason") == "mailbox_unknown" and
          "<p>" not in (x.get("text") or "") and
          "&lt;" not in (x.get("text") or ""),
          "rc %d, %r" % (r.returncode, x))
    r = run("--lang", "zh", f)
    check("the same page on the terminal in zh: no markup quoted",
          r.returncode == 0 and b"<p>" not in r.stdout and
          "收件人地址".encode() in r.stdout, r.stdout[-400:])


def test_report_of_bounces():
    folder = path("bounces")
    os.mkdir(folder)
    for i, rcpt in enumerate(("zhangwei@qq.com", "li.na@163.com")):
        with open(os.path.join(folder, "%d.txt" % i), "w") as f:
            f.write(PASTE.replace("zhangwei@qq.com", rcpt))
    r = run("--json", folder)
    with open(path("b.jsonl"), "wb") as f:
        f.write(r.stdout)
    for lang, said, words in (
            ("en", b": 2 bounces -> ", ("What the bounces", "Checked without")),
            ("zh", "：2 封退信 -> ".encode(), ("您收到的退信", "检测过程不发送"))):
        out = path("b-%s.html" % lang)
        rr = subprocess.run([BIN, "report", "--lang", lang, "-o", out,
                             path("b.jsonl")], capture_output=True,
                            timeout=120)
        with open(out, encoding="utf-8") as f:
            page = f.read()
        check("report of bounces only (%s): says what the page answers, "
              "no probe facts (checked from, 0 addresses), links only to "
              "the Bounces section, counts the bounces on stderr" % lang,
              rr.returncode == 0 and said in rr.stderr and
              words[0] in page and words[1] not in page and
              'href="#bounces"' in page and 'href="#addresses"' not in page
              and 'href="#summary"' not in page,
              "rc %d, %r" % (rr.returncode, rr.stderr[-300:]))
        check("report of bounces only (%s): a 'what to do' list by side" %
              lang, ("What to do" if lang == "en" else "该怎么办") in page and
              ("the addresses are wrong" if lang == "en" else "这些地址写错了")
              in page, page[-2000:])
        check("report of bounces only (%s): on a phone each bounce is a "
              "card whose cells name their column" % lang,
              "table.bounces td:nth-child(1)::before{content:" in page and
              "table.bounces thead{display:none}" in page, page[:300])


def test_gbk_paste():
    # what a sales person copies out of a GBK mail client (Foxmail, an old
    # Outlook), or a Taiwanese or Hong Kong one's in Big5: an address and a
    # short Chinese reply, no charset anywhere
    for enc, words in (
            ("gb18030", ("550 邮箱不存在", "550 用户不存在", "550 被拒收",
                         "投递失败", "对方拒收", "邮件被退回", "账号不存在")),
            ("big5", ("550 收件者不存在", "郵件被退回", "550 帳號不存在",
                      "對方拒收", "投遞失敗", "無此用戶", "寄件者被拒絕",
                      "傳送失敗"))):
        for w in words:
            data = ("zhangwei@example.com\r\n%s\r\n" % w).encode(enc)
            for lang in (None, "zh"):
                extra = ["--lang", lang] if lang else []
                r = run(*extra, "-", stdin=data)
                check("%s paste %r on stdin (lang %s): the Chinese words "
                      "shown as they are" % (enc, w, lang),
                      r.returncode == 0 and
                      w.split()[-1].encode() in r.stdout and
                      "\ufffd".encode() not in r.stdout, r.stdout[-400:])
            r = run("--json", write("cjk.txt", data))
            x = rcpt_of(r)
            check("%s paste %r saved as a file: the text in the JSON" %
                  (enc, w), w.split()[-1] in (x.get("text") or ""), x)


def test_own_json():
    # the results of verify (or any mxtrace --json output) given to explain
    # by mistake: one line saying what it is and that report reads it, exit
    # 65, not each address "explained" as a bounce; an Amazon SES
    # notification, JSON too, is still read
    rec = {"summary": "unknown", "address": "buyer@example.com",
           "verdict": "blocked", "reply": {"code": 554, "text": "blocked"}}
    outputs = (("results.jsonl", json.dumps(rec) + "\n"),
               ("probe.json", json.dumps(rec, indent=2) + "\n"),
               ("sender.json", json.dumps({"command": "sender",
                                           "domain": "example.com"},
                                          indent=2)),
               ("bounces.jsonl", json.dumps({"record": "explain",
                                             "kind": "failure"}) + "\n"))
    for name, text in outputs:
        for lang, word in ((None, b"mxtrace report"), ("zh", "网页报告"
                                                       .encode())):
            extra = ["--lang", lang] if lang else []
            r = run(*extra, write(name, text.encode()))
            check("explain %s (lang %s): exit 65, one line naming mxtrace "
                  "report" % (name, lang), r.returncode == 65 and
                  r.stdout == b"" and len(r.stderr.splitlines()) == 1 and
                  word in r.stderr, "rc %d, out %r, err %r" %
                  (r.returncode, r.stdout[:300], r.stderr[-300:]))
    ses = json.dumps({"notificationType": "Bounce", "bounce": {
        "bounceType": "Permanent", "bouncedRecipients": [{
            "emailAddress": "buyer@example.com", "status": "5.1.1",
            "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}})
    r = run("--json", write("ses.json", ses.encode()))
    x = rcpt_of(r)
    check("an Amazon SES notification (JSON) is still read as a bounce",
          r.returncode == 0 and x.get("address") == "buyer@example.com",
          r.stdout[:300])


def dsn(rcpt, status, diag):
    return ("From: MAILER-DAEMON@mail.example.test\nTo: sales@example.test\n"
            "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status; "
            "boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n"
            "\nReporting-MTA: dns; mail.example.test\n\nFinal-Recipient: "
            "rfc822; %s\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp; "
            "%s\n--b--\n" % (rcpt, status, diag)).encode()


def test_probe_wording():
    lab = ["--resolver", RESOLVER, "--allow-private", "--timeout", "2s",
           "--helo", "probe.example.test", "--no-catch-all-check"]
    f = write("nodomain.eml", dsn("sales@no-such-domain-qa.test", "5.1.2",
                                  "550 5.1.2 Host unknown"))
    for lang, want, wrong in (("en", "the domain still does not exist",
                               "the mailbox still does not exist"),
                              ("zh", "：这个域名仍然不存在", "邮箱仍然不存在")):
        r = run("--probe", "--lang", lang, *lab, f)
        out = r.stdout.decode()
        check("--probe of a bounce for a domain that does not exist (%s): "
              "now the domain is said not to exist, not the mailbox" % lang,
              r.returncode == 0 and want in out and wrong not in out,
              out[-500:])
    # the office network that drops port 25: every MX times out at connect
    f = write("blocked.eml", dsn("alice@blackhole.test", "5.1.1",
                                 "550 5.1.1 User unknown"))
    for lang, want, wrong in (("en", ("could not be checked", "port 25",
                                      "Unreachable: Port 25 blocked on your "
                                      "network"),
                               "still does not exist"),
                              ("zh", ("无法从本机检查", "25 端口",
                                      "无法连接：您的网络封锁了 25 端口"),
                               "仍然不存在")):
        r = run("--probe", "--lang", lang, *lab, f)
        now = r.stdout.decode().split("\n\n")[1] if b"\n\n" in \
            r.stdout else ""
        check("--probe with port 25 blocked (%s): says it could not be "
              "checked because of our network, not that the mailbox still "
              "does not exist" % lang,
              r.returncode == 0 and all(w in now for w in want) and
              wrong not in now, r.stdout.decode()[-700:])


def test_domain_blocklist():
    # Postfix's reject_rhsbl_sender names the sender's DOMAIN on Spamhaus
    # DBL ("Sender address [D] blocked using dbl.spamhaus.org",
    # smtpd_check.c): the domain is to be looked up and delisted, not the
    # server's IP
    f = write("dbl.eml", dsn(
        "buyer@example.net", "5.7.1", "554 5.7.1 Service unavailable; "
        "Sender address [example.test] blocked using dbl.spamhaus.org; "
        "https://www.spamhaus.org/query/domain/example.test"))
    x = rcpt_of(run("--json", f))
    check("a sender domain on Spamhaus DBL is domain_blocklisted, our side, "
          "the list named", x.get("reason") == "domain_blocklisted" and
          x.get("side") == "our_side" and
          x.get("blocklist") == "dbl.spamhaus.org", x)
    for lang, want, wrong in (
            ("en", ("a domain, not your server's IP", "dbl.spamhaus.org",
                    "https://check.spamhaus.org", "mxtrace sender"),
             "IP address of your mail server"),
            ("zh", ("某个域名（不是您服务器的 IP）", "dbl.spamhaus.org",
                    "https://check.spamhaus.org", "mxtrace sender"),
             "服务器的 IP 地址在黑名单上")):
        y = rcpt_of(run("--json", "--lang", lang, f))
        out = "%s %s" % (y.get("explanation"), y.get("action"))
        check("... and says so, with where to look it up (%s)" % lang,
              all(w in out for w in want) and wrong not in out, out)


def test_recipient_domain_blocklist():
    # Postfix's reject_rhsbl_recipient names the RECIPIENT's domain
    # ("Recipient address [A] blocked using dbl.spamhaus.org",
    # smtpd_check.c): the customer's domain is listed, not the sender's
    # server nor its domain
    f = write("rcptdbl.eml", dsn(
        "buyer@listed.example", "5.7.1", "554 5.7.1 Service unavailable; "
        "Recipient address [buyer@listed.example] blocked using "
        "dbl.spamhaus.org; https://www.spamhaus.org/query/domain/"
        "listed.example"))
    x = rcpt_of(run("--json", f))
    check("a recipient domain on Spamhaus DBL is recipient_domain_blocklisted,"
          " the recipient's address, the list named",
          x.get("reason") == "recipient_domain_blocklisted" and
          x.get("side") == "recipient_address" and
          x.get("blocklist") == "dbl.spamhaus.org", x)
    for lang, want, wrong in (
            ("en", ("the recipient's domain", "dbl.spamhaus.org",
                    "https://check.spamhaus.org", "another domain"),
             "your server"),
            ("zh", ("收件人的域名", "dbl.spamhaus.org",
                    "https://check.spamhaus.org", "其他域名"),
             "问题在我方")):
        y = rcpt_of(run("--json", "--lang", lang, f))
        out = "%s %s" % (y.get("explanation"), y.get("action"))
        check("... and says so: the customer's domain (%s)" % lang,
              all(w in out for w in want) and wrong not in out, out)


def test_netease_client():
    # NetEase's and QQ Mail's words to the sender's own mail program
    # (smtp.163.com, smtp.qq.com) are about its login, not the recipient
    # nor the sender address: "553 authentication is required" (NetEase's
    # 企业退信的常见问题 list: SMTP needs a login, check the client's
    # settings), "550 User has no permission" (the account's client
    # service is not turned on), QQ's "535 Login Fail. Please enter your
    # authorization code to login": turn the service on and log in with
    # the authorization code (授权码), en and zh
    for diag, remote in (("553 authentication is required,163 smtp12,"
                          "EMCowAC3OVhGC8Zb4eYqJg--.30933S2 1539705737",
                          None),
                         ("550 User has no permission", "smtp.163.com"),
                         ("535 Login Fail. Please enter your authorization "
                          "code to login. More information in http://service"
                          ".mail.qq.com/cgi-bin/help?subtype=1&&id=28&&no="
                          "1001256", None)):
        f = write("netease.eml", remote_mta(
            dsn("buyer@example.net", "5.0.0", diag), remote))
        x = rcpt_of(run("--json", f))
        check("%r is the sender's mail program's login "
              "(client_auth_required, our side)" % diag[:30],
              x.get("reason") == "client_auth_required" and
              x.get("side") == "our_side" and
              "authorization code" in x.get("action", "") and
              "check that your address" not in x.get("action", ""), x)
        out = run("--lang", "zh", f).stdout.decode()
        check("%r in Chinese: turn the service on, log in with the "
              "authorization code" % diag[:30],
              "授权码" in out and "开启" in out, out)


def remote_mta(msg, host):
    """A DSN with a Remote-MTA field naming host (None: none)."""
    if host is None:
        return msg
    return msg.replace(b"Diagnostic-Code:", b"Remote-MTA: dns; %s\n"
                       b"Diagnostic-Code:" % host.encode(), 1)


def test_login_not_netease():
    # The same broad words from a server that is not NetEase's or QQ
    # Mail's get no authorization-code advice: a relay that wants a login
    # at MAIL (the sender's own program or server must log in), a
    # recipient's server's own access rule; a recipient at 163.com names
    # the recipient's server, not the sender's provider
    for diag, rcpt, remote, want in (
            ("553 5.7.1 Authentication is required to send mail as "
             "<sales@example.test> (in reply to MAIL FROM command)",
             "buyer@example.net", "smtp.relay.example", "login_required"),
            ("553 authentication is required (in reply to MAIL FROM "
             "command)", "buyer@163.com", None, "login_required"),
            ("550 User has no permission (in reply to RCPT TO command)",
             "buyer@example.net", "mx.example.net", "not_authorized")):
        f = write("login.eml", remote_mta(dsn(rcpt, "5.0.0", diag), remote))
        x = rcpt_of(run("--json", f))
        check("%r from %s: %s, no authorization code" % (diag[:30], remote,
                                                         want),
              x.get("reason") == want and
              "authorization code" not in x.get("action", "") and
              "NetEase" not in x.get("explanation", ""), x)
        out = run("--lang", "zh", f).stdout.decode()
        check("%r in Chinese: no NetEase, no QQ Mail" % diag[:30],
              "网易" not in out and "QQ 邮箱" not in out, out)
    x = rcpt_of(run("--json", write("login.eml", remote_mta(dsn(
        "buyer@example.net", "5.0.0", "553 authentication is required "
        "(in reply to MAIL FROM command)"), "smtp.relay.example"))))
    check("login_required: our side, turn SMTP authentication on",
          x.get("side") == "our_side" and
          "SMTP authentication" in x.get("action", ""), x)


def test_folder_against_server():
    # --folder says where the user found a delivered message; where the
    # receiving server's own filter said otherwise, a rule of the mailbox
    # moved it (a safe-sender list, a filter, a blocked sender): said in
    # plain words, en and zh, and the server's verdict kept in --json
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                     "explain", "delivered")
    spam = os.path.join(d, "02-gmail-spam-softfail-nodkim.eml")
    inbox = os.path.join(d, "01-gmail-inbox-pass.eml")
    for f, folder, server, want, zh in (
            (spam, "inbox", "spam", "safe-sender list", "安全发件人名单"),
            (inbox, "spam", "inbox", "blocked-sender list", "不是垃圾邮件"),
            (spam, "spam", "spam", None, None)):
        j = json.loads(run("--json", "--folder", folder, f).stdout)
        sp = j.get("spam") or {}
        said = j.get("explanation") or ""
        check("--folder %s, the server said %s: its verdict kept, %s" % (
              folder, server, "the difference explained" if want else
              "nothing more said"),
              sp.get("verdict") == folder and
              sp.get("server_verdict") == server and
              (("a rule of the mailbox" in said and want in said) if want
               else "a rule of the mailbox" not in said), (sp, said))
        out = run("--folder", folder, f).stdout.decode()
        check("--folder %s on the terminal" % folder,
              (want in out.replace("\n", " ").replace("  ", " ")) if want
              else "a rule of the mailbox" not in out, out[:900])
        if zh:
            out = run("--lang", "zh", "--folder", folder, f).stdout.decode()
            check("--folder %s in Chinese" % folder,
                  zh in "".join(out.split()), out[:900])


def test_temporary_in_bounce():
    # QQ's "550 Ip frequency limited": a rate limit is temporary in kind
    # (probe's verdict and --json say temporary), but the message did not
    # arrive: under "A bounce: not delivered" no "Temporary failure"
    f = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                     "explain", "chinese", "02-qq-ip-frequency.eml")
    for lang, want, wrong in (
            ("en", "Not delivered, for a temporary reason: Too many "
             "connections", "Temporary failure"),
            ("zh", "未送达（暂时性原因）：连接数过多", "暂时失败")):
        out = run("--lang", lang, f).stdout.decode()
        check("a bounce for a 5xx rate limit (%s): the meaning says not "
              "delivered, for a temporary reason" % lang,
              want in out and wrong not in out, out)
    j = json.loads(run("--json", f).stdout)
    check("a bounce for a 5xx rate limit: --json's verdict stays temporary",
          [x["verdict"] for x in j["recipients"]] == ["temporary"], j)
    # a delay notice: the message may still arrive, and says so
    f = write("delayed.eml", dsn("buyer@qq.com", "4.7.0", "451 4.7.0 Ip "
                                 "frequency limited").replace(
                                     b"Action: failed", b"Action: delayed"))
    out = run(f).stdout.decode()
    check("a delay notice: still 'Delayed', not 'Not delivered'",
          "Not delivered" not in out and "Delayed" in out, out)
    # --probe: what the server says now is the probe's own verdict
    lab = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
           "--helo", "probe.example.test", "--no-catch-all-check"]
    f = write("grey.eml", dsn("grey@greylist.test", "4.7.1",
                              "450 4.7.1 Greylisted, try again later"))
    out = run("--probe", *lab, f).stdout.decode()
    now = out.split("  Now")[-1] if "  Now" in out else ""
    check("--probe of a greylisted address: now 'Temporary failure', the "
          "probe's verdict", "Temporary failure: Greylisted" in now, out)


def test_help_language():
    first = run("--lang", "zh", "--help")
    after = run("--help", "--lang", "zh")
    check("explain --help --lang zh: the same Chinese help as --lang zh "
          "--help (the language given after --help counts)",
          after.returncode == 0 and after.stdout == first.stdout and
          "用法".encode() in after.stdout, after.stdout[:200])


def test_when_bounced():
    base = dsn("li@customer.example", "5.1.1", "550 5.1.1 no such user")
    dated = b"Date: Mon, 30 Nov 2026 09:01:00 +0800\n" + base
    tried = dated.replace(b"Status: 5.1.1\n", b"Status: 5.1.1\n"
                          b"Last-Attempt-Date: Tue, 1 Dec 2026 "
                          b"10:20:30 +0000\n")
    for lang, lab, rlab in ((None, b"\n  Bounced  ", b"\n    Failed  "),
                            ("zh", "\n  退信时间  ".encode(),
                             "\n    失败时间  ".encode())):
        extra = ["--lang", lang] if lang else []
        out = run(*extra, "-", stdin=dated).stdout
        check("a bounce with only its Date: (lang %s): when it bounced, "
              "formatted as the original's date" % lang,
              lab in out and b"2026-11-30 09:01 +0800\n" in out,
              out.decode())
        out = run(*extra, "-", stdin=tried).stdout
        check("a bounce with a Last-Attempt-Date (lang %s): when delivery "
              "failed, under the recipient, and not the Date: again" % lang,
              b"2026-12-01 10:20 +0000\n" in out and rlab in out and
              b"09:01 +0800" not in out, out.decode())
        out = run(*extra, "-", stdin=base).stdout
        check("a bounce with neither (lang %s): no line for it" % lang,
              lab not in out and rlab not in out and b"2026" not in out,
              out.decode())
    recs = [json.loads(line) for line in
            run("--json", "-", stdin=dated).stdout.splitlines()]
    check("... and in the JSON: the report's own Date: as written",
          recs and recs[0].get("date") == "Mon, 30 Nov 2026 09:01:00 +0800",
          recs[:1])
    recs = [json.loads(line) for line in
            run("--json", "-", stdin=base).stdout.splitlines()]
    check("... null when it has none", recs and "date" in recs[0] and
          recs[0]["date"] is None, recs[:1])


def test_terminal_lines():
    data = (PASTE + "x" * 3000 + "\r\n").encode()
    r = run("-", stdin=data)
    longest = max(len(line) for line in r.stdout.decode().splitlines())
    j = rcpt_of(run("--json", "-", stdin=data))
    check("a bounce quoting 3,000 bytes: the terminal quote is cut "
          "(and says so), the JSON keeps the text",
          r.returncode == 0 and longest < 800 and
          b"--json has all of it" in r.stdout and
          len(j.get("text") or "") > 2000, "longest %d" % longest)
    r = run("--lang", "zh", "-", stdin=data)
    check("the same in zh: the cut said in Chinese",
          "到此截断".encode() in r.stdout, r.stdout[-300:])
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain")
    dsn_file = os.path.join(fix, "chinese", "01-qq-mailbox-not-found.eml")
    dlv = os.path.join(fix, "delivered", "02-gmail-spam-softfail-nodkim.eml")
    for lang, word in ((None, b"Undeliverable: Mailbox does not exist\n"),
                       ("zh", "无法投递：邮箱不存在\n".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, dsn_file)
        check("a DSN (lang %s): the meaning says the reason in words, "
              "without the reason's and the stage's JSON names "
              "(mailbox_unknown, data)" % lang, word in r.stdout and
              b"mailbox_unknown" not in r.stdout, r.stdout[-600:])
    sis = os.path.join(fix, "sisimai")
    for name, word in (("arf-01.eml", "含义           垃圾邮件投诉：收到邮件的人把它"
                                      "标记为垃圾邮件\n"),
                       ("rfc3834-01.eml", "含义           自动回复（外出）\n")):
        r = run("--lang", "zh", os.path.join(sis, name))
        check("%s (zh): the meaning is the complaint / the auto-reply, not "
              "'可投递' (deliverable)" % name, word.encode() in r.stdout and
              "可投递".encode() not in r.stdout, r.stdout[-500:])
    r = run(dsn_file)
    check("a DSN: its format said in words, not 'dsn'",
          b"standard delivery report (RFC 3464)" in r.stdout and
          b"Written by" not in r.stdout, r.stdout[:400])
    r = run("--lang", "zh", "-", stdin=(
        "From: MAILER-DAEMON@mx.example.org\nSubject: Delayed Mail\n"
        "MIME-Version: 1.0\nContent-Type: multipart/report; "
        "report-type=delivery-status; boundary=B\n\n--B\nContent-Type: "
        "message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
        "Final-Recipient: rfc822; a@customer.example\nAction: delayed\n"
        "Status: 4.4.1\n--B--\n").encode())
    check("a delay notice (zh): its format is a delivery status report "
          "(投递状态报告), not a bounce report (退信报告)",
          "延迟通知".encode() in r.stdout and
          "格式           标准投递状态报告（RFC 3464）\n".encode() in r.stdout
          and "退信报告".encode() not in r.stdout, r.stdout.decode())
    for lang, word in ((None, b"Format"), ("zh", "格式".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, dlv)
        check("a delivered message (lang %s): no bounce-format line "
              "('received')" % lang, r.returncode == 0 and
              word not in r.stdout.split(b"\n\n")[0] and
              b"received" not in r.stdout.split(b"\n")[2],
              r.stdout[:300])


def test_exchange_quoted():
    # Exchange's own words around the reply it was given, in a DSN's
    # Diagnostic-Code (and in a .msg's recipient table, made into one):
    # "Server said" is the reply, as for Postfix's "host H said:"
    for diag, want in (
            ("Remote Server returned '550 5.1.1 User unknown'",
             "550 5.1.1 User unknown"),
            ("#550 5.2.2 mailbox full ##", "550 5.2.2 mailbox full")):
        x = rcpt_of(run("--json", "-", stdin=dsn("a@customer.example",
                                                  "5.0.0", diag)))
        check("Diagnostic-Code %r: the text is the reply alone" % diag,
              x.get("text") == want and x.get("code") == 550, x)
    msg = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "unit", "data", "msg", "ndr-exchange.msg")
    out = run(msg).stdout.decode()
    check("Exchange's own NDR (.msg) on the terminal: no \"Remote Server "
          "returned\", no \"##\"", "Remote Server returned" not in out and
          "##" not in out and '"550 5.2.2 mailbox full"' in out, out)


def test_reply_alone():
    # a sales person copies only the server's line, no address: its
    # meaning and what to do, for a recipient "not named", not only "no
    # recipient could be read"
    for lang, paste, words in (
            (None, "550 5.1.1 user unknown\n",
             ("  Recipient      not named in the bounce\n",
              "Mailbox does not exist", "Check the address for typos")),
            ("zh", "554 DT:SPM 发送的邮件内容包含了未被许可的信息\n",
             ("  收件人         退信中没有写明\n", "内容被判为垃圾邮件",
              "去掉像垃圾邮件的链接"))):
        extra = ["--lang", lang] if lang else []
        out = run(*extra, "-", stdin=paste.encode()).stdout.decode()
        check("only the server's reply pasted (lang %s): its meaning and "
              "what to do, the recipient not named" % lang,
              all(w in out for w in words) and "No recipient" not in out and
              "无法从这封邮件中读出收件人" not in out, out)
    x = rcpt_of(run("--json", "-", stdin=b"550 5.1.1 user unknown\n"))
    check("... in the JSON: address null, the code and reason",
          "address" in x and x["address"] is None and x["code"] == 550 and
          x["reason"] == "mailbox_unknown", x)
    r = run("--json", "-", stdin=b"Mailer report\n243 reasons: none\n")
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    check("a number that is no refusal (243) gives no recipient",
          recs and recs[0]["recipients"] == [], r.stdout[:300])
    # numbers in a letter that only look like a refusal's codes: no meaning
    # is made up for them
    for letter in (b"Hi John,\n\nThe price is 450 USD per unit, 550 units "
                   b"minimum.\nRegards\n",
                   b"550 units minimum, delivery in 4 weeks\n",
                   b"Please see clause 5.1.1 of the contract.\n"):
        r = run("--json", "-", stdin=letter)
        recs = [json.loads(line) for line in r.stdout.splitlines()]
        check("a letter's numbers (%r) give no recipient" % letter[:30],
              recs and recs[0]["recipients"] == [], r.stdout[:300])
        if not letter.startswith(b"550"):
            check("... and a letter with a number in a sentence is not "
                  "a bounce (%r)" % letter[:30],
                  recs and recs[0]["kind"] == "not_a_bounce", r.stdout[:300])
    # a refusal set off as clients and MTAs quote it stays a bounce, even
    # when its words say nothing the classifier knows
    for paste in (b"550 Requested action not taken: mailbox unavailable\n",
                  b"Delivery failed: 550 blah blah\n",
                  b"The server said '554 go away now'\n"):
        r = run("--json", "-", stdin=paste)
        recs = [json.loads(line) for line in r.stdout.splitlines()]
        check("a refusal quoted alone (%r) is a bounce" % paste[:30],
              recs and recs[0]["kind"] == "failure", r.stdout[:300])
    x = rcpt_of(run("--json", "-", stdin=b"421-4.7.0 [TSS04] Messages from "
                    b"192.0.2.1 temporarily deferred\n"))
    check("... while a reply written as servers write it is read",
          x.get("code") == 421 and x.get("enhanced") == "4.7.0", x)
    x = rcpt_of(run("--json", "-", stdin=b"550 5.0.0 Sorry\n"))
    check("... also when its words say nothing the classifier knows",
          x.get("code") == 550 and x.get("enhanced") == "5.0.0", x)
    # RFC 5321's own 550 text with no enhanced code (Outlook.com's answer
    # to an unknown address), alone or as Outlook quotes it: its meaning,
    # not "no recipient could be read"
    for paste in (b"550 Requested action not taken: mailbox unavailable\n",
                  b"Delivery failed: 550 Requested action not taken: "
                  b"mailbox unavailable\n"):
        x = rcpt_of(run("--json", "-", stdin=paste))
        check("a bare code whose words the bounce reading knows (%r) is "
              "read" % paste[:30], x.get("code") == 550 and
              x.get("reason") == "mailbox_unknown", x)
    # a notice's lines copied without the server's reply: QQ Mail's
    # "退信原因" (bounce reason) block (its help's keywords, as in the
    # fixture 58-qq-notice-pasted.txt), a client's "Delivery failed:" line;
    # words alone that say why but not that delivery failed are no bounce
    for paste, reason in (
            ("退信原因\n收件人空间不足\n\n解决方案\n请联系您的收件人\n",
             "mailbox_full"),
            ("Delivery failed: the recipient's mailbox is full\n",
             "mailbox_full")):
        r = run("--json", "-", stdin=paste.encode())
        recs = [json.loads(line) for line in r.stdout.splitlines()]
        x = recs[0]["recipients"][0] if recs and recs[0]["recipients"] \
            else {}
        check("a notice's words alone (%r) are read: %s" % (paste[:20],
              reason), recs[0]["kind"] == "failure" and
              x.get("address", 1) is None and x.get("code", 1) is None and
              x.get("reason") == reason, r.stdout[:300])
    r = run("--json", "-", stdin="Dear Bob, your mailbox is full, please "
            "clean it up.\n".encode())
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    check("... but a letter naming a cause without saying delivery failed "
          "is no bounce", recs and recs[0]["recipients"] == [] and
          recs[0]["kind"] == "not_a_bounce", r.stdout[:300])


def test_gmail_server():
    # Gmail's notice names the server that refused ("... for the recipient
    # domain D by NAME. [ADDR].", its lines wrapped anywhere): the user
    # sees which server said it, as for Postfix's and Exim's bounces
    said = ("Google tried to deliver your message, but it was rejected by "
            "the server for the recipient domain example.com by "
            "mx1.example.com. [203.0.113.5].")
    for wrapped in (said, said.replace(" by the", "  \nthe")
                    .replace("mx1.example.com. ", "mx1.example.com.  \n")):
        text = ("Delivery to the following recipient failed permanently:\n"
                "\n     buyer@example.com\n\nTechnical details of permanent "
                "failure:\n%s\n\nThe error that the other server returned "
                "was:\n550 5.1.1 user unknown\n" % wrapped).encode()
        x = rcpt_of(run("--json", "-", stdin=text))
        check("Gmail's notice naming the server (%s): remote_mta is it" %
              ("wrapped" if "\n" in wrapped else "one line"),
              x.get("remote_mta") == "mx1.example.com" and
              x.get("reason") == "mailbox_unknown", x)
    out = run("-", stdin=text).stdout.decode()
    check("... and on the terminal: Their server", "  Their server   "
          "mx1.example.com\n" in out, out)


def test_forward_of_several():
    # a sales person forwards three bounces of different kinds as
    # attachments in one message (test/explain/forwards/), or IT forwards
    # that forward with one more: one record per bounce, each saying
    # which attachment it is; mxtrace report counts every one
    fw = os.path.join(FIXTURES, "forwards")
    want = [("nobody@example.org", "failure", "mailbox_unknown"),
            ("full@example.net", "failure", "mailbox_full"),
            ("slow@example.net", "delayed", "delayed")]
    for name in ("01-three-bounces.eml", "02-nested-forward.eml"):
        out = run("--json", os.path.join(fw, name)).stdout
        recs = [json.loads(x) for x in out.splitlines()]
        check("%s (JSON): one record per attached bounce, in order, each "
              "its attachment k of 3, no note" % name,
              [(r["recipients"][0]["address"], r["kind"],
                r["recipients"][0]["reason"]) for r in recs] == want and
              [(r["attachment"], r["attachments"]) for r in recs] ==
              [(1, 3), (2, 3), (3, 3)] and
              all(r["notes"] == [] and r["file"].endswith(name) and
                  r["message"] == 1 for r in recs), out[:600])
    f = os.path.join(fw, "01-three-bounces.eml")
    for lang, label in ((None, "  Attached       bounce %d of 3 in this "
                               "message, each explained on its own\n"),
                        ("zh", "  附件           本邮件所附 3 封退信中的第 "
                               "%d 封，每封分别解释\n")):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, f)
        out = r.stdout.decode()
        recs = out.split("\n\n")
        check("a forward of three bounces (lang %s): each on the terminal "
              "in turn under its label, within 80 columns" % lang,
              [label % k in out for k in (1, 2, 3)] == [True] * 3 and
              out.index(label % 1) < out.index("nobody@example.org") <
              out.index(label % 2) < out.index("full@example.net") <
              out.index(label % 3) < out.index("slow@example.net") and
              all(len(x.encode("gbk", "replace")) <= 80 for x in
                  out.splitlines() if "Attached" in x or "附件" in x) and
              len([x for x in recs if x.strip()]) == 3, out[:900])
    with open(path("three.jsonl"), "wb") as x:
        x.write(run("--json", f).stdout)
    out = path("three.html")
    rr = subprocess.run([BIN, "report", "-o", out, path("three.jsonl")],
                        capture_output=True, timeout=120)
    with open(out, encoding="utf-8") as x:
        page = x.read()
    check("report over a forward of three bounces: every one counted in "
          "the Bounces section", rr.returncode == 0 and
          b": 2 bounces, 1 delay notice -> " in rr.stderr and
          ">nobody@example.org<" in page and ">full@example.net<" in page,
          rr.stderr)
    with open(os.path.join(FIXTURES, "chinese", "05-qq-spf.eml"), "rb") as x:
        one = (b"From: IT <it@example.cn>\r\nTo: sales@example.cn\r\n"
               b"Subject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: "
               b"multipart/mixed; boundary=\"X\"\r\n\r\n--X\r\n"
               b"Content-Type: text/plain\r\n\r\nSee this.\r\n" +
               b"--X\r\nContent-Type: message/rfc822\r\n\r\n" + x.read() +
               b"\r\n--X--\r\n")
    j = json.loads(run("--json", write("one.eml", one)).stdout)
    check("a forward of one bounce: attachment 1 of 1, no note",
          j["notes"] == [] and (j["attachment"], j["attachments"]) ==
          (1, 1) and j["recipients"][0]["address"] == "1390185293@qq.com",
          j)
    recs = [json.loads(x) for x in
            run("--json", os.path.join(fw, name)).stdout.splitlines()]
    check("each attached bounce dated by its own Date:, not null nor the "
          "forward's", [r["date"] for r in recs] ==
          ["Mon, 30 Nov 2026 09:12:04 +0800 (CST)",
           "Mon, 30 Nov 2026 10:40:11 +0800",
           "Mon, 30 Nov 2026 15:20:37 +0800 (CST)"], [r["date"] for r in recs])
    j = json.loads(run("--json", os.path.join(fw, "bounce-delayed.eml"))
                   .stdout)
    check("a bounce read itself: attachment null", j["attachment"] is None
          and j["attachments"] is None, j)


def test_headers_only_bounce():
    # README's "--headers-only --folder spam -" reused for a bounce: with
    # no Received: path in it, still read as the bounce it is
    fix = os.path.join(FIXTURES, "chinese", "01-qq-mailbox-not-found.eml")
    with open(fix, "rb") as f:
        eml = f.read()
    for args, stdin in ((["--headers-only", fix], None),
                        (["--headers-only", "--folder", "spam", "-"], eml)):
        r = run("--json", *args, stdin=stdin)
        j = json.loads(r.stdout) if r.returncode == 0 else {}
        check("explain %s of a bounce: read as the bounce (its recipient "
              "and reason), not 'not a bounce'" % " ".join(args),
              j.get("kind") == "failure" and
              [(x["address"], x["reason"]) for x in j["recipients"]] ==
              [("zhangwei.nonexist@qq.com", "mailbox_unknown")],
              (r.returncode, j.get("kind"), r.stderr[-200:]))
    d = os.path.join(FIXTURES, "delivered", "01-gmail-inbox-pass.eml")
    j = json.loads(run("--json", "--headers-only", d).stdout)
    check("--headers-only of a delivered message: still its path",
          j["kind"] == "delivered_message" and len(j["hops"]) > 0, j["kind"])


def test_paste_hint():
    for lang, word in (("C.UTF-8", b"Ctrl-D"), ("zh_CN.UTF-8",
                                                "粘贴退信".encode())):
        rc, out, err = typed_on_pty(
            [BIN, "explain", "-"],
            b"zhangwei@qq.com\n550 Mailbox not found\n\x04",
            env=dict(os.environ, LANG=lang), timeout=30)
        check("explain - at a terminal (LANG=%s): says to paste and end "
              "with Ctrl-D, then explains the paste" % lang,
              rc == 0 and word in err and b"zhangwei@qq.com" in out,
              (rc, err, out[:200]))
    r = run("-", stdin=PASTE.encode())
    check("explain - from a pipe: no paste hint", r.returncode == 0 and
          r.stderr == b"", r.stderr)


def test_stdin_once():
    """Standard input is read once: a second - is refused up front (exit
    64, nothing read or printed), and standard input is named one way,
    "standard input", in the heading and in an error alike (en, zh)."""
    for lang, name in (("en", "standard input"), ("zh", "标准输入")):
        for args in (["-", "-"], ["-", path("none.eml"), "-"]):
            r = run("--lang", lang, *args, stdin=PASTE.encode())
            err = r.stderr.decode("utf-8", "replace")
            check("explain %s (%s): exit 64, - (%s) given more than once, "
                  "one line and the hint, nothing explained"
                  % (" ".join(args), lang, name),
                  r.returncode == 64 and r.stdout == b"" and
                  ("-（%s）" % name if lang == "zh" else "- (%s)" % name)
                  in err and "empty" not in err and
                  len(err.strip().splitlines()) == 2,
                  "rc %d, %r" % (r.returncode, err[-300:]))
        r = run("--lang", lang, "-", stdin=b"")
        err = r.stderr.decode("utf-8", "replace")
        check("explain - of nothing (%s): exit 65, named %s, not stdin"
              % (lang, name), r.returncode == 65 and
              err.startswith("mxtrace explain%s%s" %
                             ("：" if lang == "zh" else ": ", name)) and
              "stdin" not in err, "rc %d, %r" % (r.returncode, err))
        r = run("--lang", lang, "-", stdin=PASTE.encode())
        out = r.stdout.decode("utf-8", "replace")
        check("explain - (%s): headed by %s in brackets" % (lang, name),
              r.returncode == 0 and out.startswith(
                  ("（%s）\n" if lang == "zh" else "(%s)\n") % name), out[:80])


def test_probe_options_alone():
    """An option of --probe given without it would be taken and do
    nothing: it is refused (exit 64, en and zh), naming the option; --lang
    is no probe option, and with --probe the option is taken."""
    f = write("probe-alone.txt", PASTE.encode())
    for args, name in ((["--timeout", "5s"], "--timeout"),
                       (["--port=26"], "--port"), (["-4"], "-4"),
                       (["--no-tls"], "--no-tls")):
        for lang, said in (("en", "is an option of --probe"),
                           ("zh", "是 --probe 的选项")):
            r = run("--lang", lang, *args, f)
            err = r.stderr.decode("utf-8", "replace")
            check("explain %s without --probe (%s): exit 64, names %s, "
                  "nothing explained" % (" ".join(args), lang, name),
                  r.returncode == 64 and r.stdout == b"" and
                  name + " " + said in err and
                  len(err.strip().splitlines()) == 2,
                  "rc %d, %r" % (r.returncode, err[-300:]))
    r = run("--lang", "zh", f)
    check("explain --lang zh (no --probe): explained, exit 0",
          r.returncode == 0 and b"zhangwei@qq.com" in r.stdout,
          r.stderr[-300:])


def test_dash_file():
    """A file whose name starts with - reads as options: the error says
    how to give it (./NAME), en and zh, for explain and report; an
    unknown option naming no file is said as before."""
    write("-bounce.eml", PASTE.encode())
    binary = os.path.abspath(BIN)     # run from another folder
    for cmd in ("explain", "report"):
        for lang, said in (("en", "unknown option: -b (for the file "
                            "-bounce.eml, write ./-bounce.eml)"),
                           ("zh", "未知的选项：-b（如果是指文件 -bounce.eml，"
                            "请写成 ./-bounce.eml）")):
            r = subprocess.run([binary, cmd, "--lang", lang, "-bounce.eml"],
                               capture_output=True, timeout=60, cwd=TMP)
            err = r.stderr.decode("utf-8", "replace")
            check("%s -bounce.eml, a file there (%s): exit 64, says to "
                  "write ./-bounce.eml" % (cmd, lang),
                  r.returncode == 64 and said in err, err)
    r = subprocess.run([binary, "explain", "-bounce.eml"], capture_output=True,
                       timeout=60, cwd=tempfile.gettempdir())
    check("explain -bounce.eml, no such file: an unknown option alone",
          r.returncode == 64 and b"unknown option: -b\n" in r.stderr,
          r.stderr)
    r = subprocess.run([binary, "explain", "./-bounce.eml"],
                       capture_output=True, timeout=60, cwd=TMP)
    check("explain ./-bounce.eml: read", r.returncode == 0 and
          b"zhangwei@qq.com" in r.stdout, r.stderr[-300:])


def test_file_twice():
    """A file given twice, however spelled, is explained once and the
    repeat said (en, zh): its records would be counted twice by report."""
    f = write("twice.txt", PASTE.encode())
    again = os.path.join(TMP, ".", "twice.txt")
    for lang, said in (("en", "%s is %s again: read once" % (again, f)),
                       ("zh", "%s 与 %s 是同一个文件：只读一次" % (again, f))):
        r = run("--lang", lang, "--json", f, again)
        err = r.stderr.decode("utf-8", "replace")
        check("explain FILE ./FILE (%s): one record, the repeat said once"
              % lang, r.returncode == 0 and
              len(r.stdout.splitlines()) == 1 and said in err and
              len(err.strip().splitlines()) == 1,
              "rc %d, %d records, %r" % (r.returncode,
                                         len(r.stdout.splitlines()), err))


def test_stdin_same_file():
    """Standard input named again by a path (/dev/stdin, /proc/self/fd/0,
    the file it was redirected from), before or after -, is read once and
    the repeat said (en, zh), as a file given twice: from a pipe it was
    read empty the second time; by explain and report alike."""
    f = write("stdin-same.txt", PASTE.encode())
    for lang, name in (("en", "standard input"), ("zh", "标准输入")):
        for args, redirect in ((["-", "/dev/stdin"], False),
                               (["/proc/self/fd/0", "-"], False),
                               (["-", f], True), ([f, "-"], True)):
            if redirect:
                with open(f, "rb") as inp:
                    r = subprocess.run([BIN, "explain", "--lang", lang,
                                        "--json"] + args, stdin=inp,
                                       capture_output=True, timeout=120)
            else:
                r = run("--lang", lang, "--json", *args,
                        stdin=PASTE.encode())
            err = r.stderr.decode("utf-8", "replace")
            again = [a if a != "-" else name for a in args]
            said = ("%s is %s again: read once" % (again[1], again[0])
                    if lang == "en" else "%s 与 %s 是同一个文件：只读一次" %
                    (again[1], again[0]))
            check("explain %s (%s, %s): one record, the repeat said once"
                  % (" ".join(args), "redirected" if redirect else "piped",
                     lang), r.returncode == 0 and
                  len(r.stdout.splitlines()) == 1 and said in err and
                  len(err.strip().splitlines()) == 1,
                  "rc %d, %d records, %r" % (r.returncode,
                                             len(r.stdout.splitlines()), err))
    r = run("--json", "-", write("stdin-other.txt", PASTE.encode()),
            stdin=PASTE.encode())
    check("explain - FILE (another file piped in): both read",
          r.returncode == 0 and len(r.stdout.splitlines()) == 2 and
          r.stderr == b"", "rc %d, %r" % (r.returncode, r.stderr))
    rec = run("--json", f).stdout
    r = subprocess.run([BIN, "report", "-o", path("stdin-same.html"), "-",
                        "/dev/stdin"], input=rec, capture_output=True,
                       timeout=120)
    check("report - /dev/stdin: read once, the repeat said",
          r.returncode == 0 and b"read once" in r.stderr and
          b"1 bounce" in r.stderr, "rc %d, %r" % (r.returncode, r.stderr))


def test_delivered_pasted():
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain", "delivered", "16-qq-spam-user-said.eml")
    with open(fix, "rb") as f:
        head = f.read().split(b"\n\n", 1)[0].replace(b"\n", b"\r\n")
    for lang, said in ((None, b"(where you said you found it)"),
                       ("zh", "（按您所说的位置）".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, "--headers-only", "--folder", "spam", "-",
                stdin=head)
        out = r.stdout
        check("headers pasted from QQ Mail, --folder spam (lang %s): the "
              "verdict's source in one pair of brackets; the sender check "
              "names the IP, not '--message -' (stdin is gone), and no "
              "'selector -'" % lang,
              r.returncode == 0 and said in out and
              b"((" not in out and "（（".encode() not in out and
              b"--message -" not in out and
              b"mxtrace sender example.cn --ip 198.51.100.30" in out and
              b" -)" not in out, out[-500:])


def test_redact_bounce():
    import re
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain", "chinese")
    addr = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
    for lang in (None, "zh"):
        extra = ["--lang", lang] if lang else []
        for fmt in ([], ["--json"]):
            r = run(*extra, *fmt, "--redact", fix)
            left = [a for a in addr.findall(r.stdout)
                    if a != b"YOU@YOUR-DOMAIN"]
            check("explain --redact %s(lang %s) on the Chinese bounces: no "
                  "mailbox address left, no subject, domains kept" %
                  (" ".join(fmt) + " " if fmt else "", lang),
                  r.returncode == 0 and left == [] and
                  "报价单".encode() not in r.stdout and b"@qq.com" in r.stdout,
                  "rc %d, %r" % (r.returncode, left[:5]))
    r = run("--redact", "--json", os.path.join(fix, "06-qq-dmarc.eml"))
    rec = json.loads(r.stdout)
    check("--redact on an SPF/DKIM/DMARC bounce: the advice still names our "
          "domain (mxtrace sender example.cn)",
          "mxtrace sender example.cn" in rec["recipients"][0]["action"] and
          rec["original"]["from"] == "@example.cn", rec["recipients"][0])
    for lang, word in ((None, b"--probe"), ("zh", "不能同时".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, "--redact", "--probe", fix)
        check("--redact with --probe (lang %s): exit 64, says why" % lang,
              r.returncode == 64 and word in r.stderr and r.stdout == b"",
              (r.returncode, r.stderr))


def test_report_our_side():
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain", "chinese", "06-qq-dmarc.eml")
    r = run("--json", fix)
    with open(path("dmarc.jsonl"), "wb") as f:
        f.write(r.stdout)
    out = path("dmarc.html")
    rr = subprocess.run([BIN, "report", "--lang", "zh", "-o", out,
                         path("dmarc.jsonl")], capture_output=True,
                        timeout=120)
    with open(out, encoding="utf-8") as f:
        page = f.read()
    check("report of a DMARC bounce (zh): what to do names our domain's "
          "check, mxtrace sender example.cn", rr.returncode == 0 and
          "运行 mxtrace sender example.cn" in page, page[-1500:])


def arf(ftype, fields, copy=""):
    """A feedback report (RFC 5965) of type ftype with these report fields
    and, when given, a returned copy."""
    parts = ("--F\r\nContent-Type: text/plain\r\n\r\nA report.\r\n"
             "--F\r\nContent-Type: message/feedback-report\r\n\r\n"
             "Feedback-Type: %s\r\nVersion: 1\r\n%s" % (ftype, fields))
    if copy:
        parts += "--F\r\nContent-Type: message/rfc822\r\n\r\n" + copy
    return ("From: fbl@isp.example\r\nTo: abuse@example.cn\r\n"
            "Subject: report\r\nMIME-Version: 1.0\r\nContent-Type: "
            "multipart/report; report-type=feedback-report; "
            "boundary=\"F\"\r\n\r\n" + parts + "--F--\r\n").encode()


def test_report_of_complaints():
    folder = path("complaints")
    os.mkdir(folder)
    for i in range(3):
        with open(os.path.join(folder, "%d.eml" % i), "wb") as f:
            f.write(arf("abuse", "Source-IP: 192.0.2.%d\r\n" % (i + 1)))
    with open(path("c.jsonl"), "wb") as f:
        f.write(run("--json", folder).stdout)
    for lang, said in (("en", b"mxtrace report: 3 complaints -> "),
                       ("zh", "mxtrace report：3 封投诉 -> ".encode())):
        rr = subprocess.run([BIN, "report", "--lang", lang, "-o",
                             path("c-%s.html" % lang), path("c.jsonl")],
                            capture_output=True, timeout=120)
        check("report of complaints only (%s): the line on stderr names "
              "them complaints, not bounces or delivered messages" % lang,
              rr.returncode == 0 and said in rr.stderr and
              b"bounce" not in rr.stderr and
              "退信".encode() not in rr.stderr, rr.stderr[-300:])


def test_complaint_words():
    # a provider that hides who complained (RFC 6590) names the IP the
    # message came from, its envelope sender, when it arrived
    hidden = arf("abuse", "Source-IP: 192.0.2.222\r\n"
                 "Original-Mail-From: <news@example.cn>\r\n"
                 "Arrival-Date: Thu, 29 Apr 2026 23:34:45 +0000\r\n"
                 "Reported-Domain: example.cn\r\n")
    for lang, words, gone in (
            ("en", ("  Sent from      192.0.2.222\n",
                    "  Sender         news@example.cn\n",
                    "  Arrived        2026-04-29 23:34 +0000\n",
                    "  Recipient      not named: the provider hides who "
                    "complained\n", "marked it as spam",
                    "does not say who\n"),
             ("Recipient      ?", "Feedback-Type", "this recipient",
              "About domain")),  # example.cn: the sender's domain
            ("zh", ("  发信 IP        192.0.2.222\n",
                    "  发件人         news@example.cn\n",
                    "  收件人         未写明：服务商隐藏了投诉人\n",
                    "报告没有写明是谁投诉的"),
             ("收件人         ?", "Feedback-Type", "这个收件人"))):
        r = run("--lang", lang, "-", stdin=hidden)
        out = r.stdout.decode()
        check("a complaint naming no recipient (%s): the IP, the sender "
              "and the day it names in words, not 'Recipient ?', nor "
              "advice about 'this recipient'" % lang, r.returncode == 0 and
              all(w in out for w in words) and
              not any(w in out for w in gone), out)
    j = json.loads(run("--json", "-", stdin=hidden).stdout)
    check("a complaint's JSON: complaint.source_ip, original_mail_from, "
          "arrival_date, reported_domain", j.get("complaint") == {
              "source_ip": "192.0.2.222",
              "original_mail_from": "news@example.cn",
              "arrival_date": "Thu, 29 Apr 2026 23:34:45 +0000",
              "reported_domain": "example.cn"} and
          j["recipients"][0]["address"] is None, j)
    check("a complaint with no copy of the message: the advice names the "
          "envelope sender's domain, mxtrace sender example.cn",
          "mxtrace sender example.cn" in j["recipients"][0]["action"], j)
    j = json.loads(run("--json", write("paste.txt", PASTE.encode())).stdout)
    check("a bounce's JSON: complaint is null", "complaint" in j and
          j["complaint"] is None, j)
    j = json.loads(run("--json", "--redact", "-", stdin=hidden).stdout)
    check("--redact: a complaint's envelope sender keeps its domain only",
          j["complaint"]["original_mail_from"] == "@example.cn", j)
    bad = arf("abuse", "Source-IP: 192.0.2.1\x1b[31m\r\n")
    j = json.loads(run("--json", "-", stdin=bad).stdout)
    check("a Source-IP that is no IP address is not kept",
          j["complaint"]["source_ip"] is None, j)
    rcpt = "Original-Rcpt-To: <gone@customer.example>\r\n"
    for ftype, lang, kind, meaning, gone, side in (
            ("opt-out", "en", "A request to unsubscribe from your mail",
             "Unsubscribe request", "spam complaint:", "your side"),
            ("opt-out", "zh", "退订请求：不想再收到您的邮件", "退订请求",
             "这是垃圾邮件投诉", "我方"),
            ("auth-failure", "en", "failed authentication",
             "Authentication failure report", "reported your message as spam",
             "your side"),
            ("not-spam", "en", "is not spam", "Not spam",
             "reported your message as spam", "Nothing to do"),
            ("not-spam", "zh", "不是垃圾邮件", "不是垃圾邮件",
             "举报为垃圾邮件", "无需处理")):
        r = run("--lang", lang, "-", stdin=arf(ftype, rcpt))
        out = r.stdout.decode()
        check("a %s report (%s): says what it is, not a spam complaint" %
              (ftype, lang), kind in out and meaning in out and
              gone not in out and side in out and "gone@customer.example"
              in out, out)
    out = run("-", stdin=arf("not-spam", rcpt)).stdout.decode()
    check("a not-spam report: no 'Whose side' line saying ours",
          "Whose side" not in out and "your side" not in out, out)


def test_unnamed_and_paths():
    noaddr = (b"From: MAILER-DAEMON@mx.example.org\nTo: sales@example.cn\n"
              b"Subject: Undelivered Mail\nMIME-Version: 1.0\nContent-Type: "
              b"multipart/report; report-type=delivery-status; boundary=B\n\n"
              b"--B\nContent-Type: message/delivery-status\n\nReporting-MTA: "
              b"dns; mx.example.org\n\nAction: failed\nStatus: 5.1.1\n"
              b"Diagnostic-Code: smtp; 550 5.1.1 user unknown\n--B--\n")
    for lang, word in ((None, "  Recipient      not named in the bounce\n"),
                       ("zh", "  收件人         退信中没有写明\n")):
        extra = ["--lang", lang] if lang else []
        out = run(*extra, "-", stdin=noaddr).stdout.decode()
        check("a DSN naming no recipient (lang %s): says so in words, not "
              "'?'" % lang, word in out and "?" not in out, out)
    folder = path("slashed")
    os.makedirs(os.path.join(folder, "cur"))
    with open(os.path.join(folder, "cur", "1.txt"), "w") as f:
        f.write(PASTE)
    with open(os.path.join(folder, "2.txt"), "w") as f:
        f.write(PASTE)
    for arg in (folder + "/", os.path.join(folder, "cur") + "/"):
        r = run("--json", arg)
        files = [json.loads(line)["file"] for line in r.stdout.splitlines()]
        check("a folder typed with its slash (%s): its files named with one "
              "slash" % arg, files and all("//" not in f for f in files),
              files)


def test_auto_reply_words():
    auto = ("From: Li Na <li.na@customer.example>\nTo: sales@example.cn\n"
            "Subject: =?UTF-8?B?5aSW5Ye65LitOiAxMuaciDHml6Xov5Tlm54=?=\n"
            "Auto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n\nI am out.\n").encode()
    for lang, word, gone in ((None, "    Its subject    \"外出中",
                              "Server said"),
                             ("zh", "    回复的主题     \"外出中", "服务器原文")):
        extra = ["--lang", lang] if lang else []
        out = run(*extra, "-", stdin=auto).stdout.decode()
        check("an out-of-office reply (lang %s): its subject is said to be "
              "its subject, not a server's words" % lang, word in out and
              gone not in out, out)


def test_remote_host_ip():
    dsn = ("From: MAILER-DAEMON@mx.example.org\nTo: sales@example.cn\n"
           "Subject: Undelivered Mail\nMIME-Version: 1.0\nContent-Type: "
           "multipart/report; report-type=delivery-status; boundary=B\n\n"
           "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: "
           "dns; mx.example.org\n\nFinal-Recipient: rfc822; a@customer.example"
           "\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; %s\n"
           "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n--B--\n")
    for remote, want in (
            ("mx.customer.example [192.0.2.95]",
             "Their server   mx.customer.example [192.0.2.95]\n"),
            ("mx.customer.example (2001:db8::1)",
             "Their server   mx.customer.example (2001:db8::1)\n"),
            ("mx.customer.example [192.0.2.95] said",
             "Their server   \"mx.customer.example [192.0.2.95] said\"\n")):
        out = run("-", stdin=(dsn % remote).encode()).stdout.decode()
        check("Remote-MTA %r: a host and its address unquoted, a bounce's "
              "own words quoted" % remote, want in out, out)


def test_folder_tally():
    fix = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "explain", "chinese")
    n = len([f for f in os.listdir(fix) if f.endswith((".eml", ".txt"))])
    for lang, word in ((None, b"messages read: bounces"),
                       ("zh", "封邮件：退信".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, fix)
        check("a folder on the terminal (lang %s): one line on stderr "
              "counting the bounces among the messages" % lang,
              r.returncode == 0 and word in r.stderr and
              len(r.stderr.splitlines()) == 1, r.stderr[-300:])
    r = run("--json", fix)
    check("the same as --json: no tally, one record per message",
          r.stderr == b"" and len(r.stdout.splitlines()) >= n, r.stderr)
    r = run(os.path.join(fix, "01-qq-mailbox-not-found.eml"))
    check("one message: no tally", r.stderr == b"", r.stderr)
    # the files saved beside the bounces (a README, a spreadsheet export,
    # a script) are counted as no bounce, not listed one by one
    kept = path("kept")
    os.mkdir(kept)
    with open(os.path.join(fix, "01-qq-mailbox-not-found.eml"), "rb") as f:
        one = f.read()
    with open(os.path.join(kept, "bounce.eml"), "wb") as f:
        f.write(one)
    with open(os.path.join(kept, "README.md"), "wb") as f:
        f.write(b"# Bounces\n\nOne file each.\n\n1. Save it.\n2. If the "
                b"address does not exist, mark it.\n3. Unknown cause: ask "
                b"li@example.cn.\n4. Invalid ones go below.\n5. Keep the "
                b"sheet up to date.\n6. Ask before deleting.\n")
    with open(os.path.join(kept, "list.tsv"), "wb") as f:
        f.write(b"name\temail\tstatus\n" + b"".join(
            b"c%d\tc%d@example.com\tfailed\n" % (i, i) for i in range(8)))
    for lang, word in ((None, b"not bounces 2 (2 of them not listed "
                        b"above)"),
                       ("zh", "不是退信的 2 封（其中 2 封未在上面列出）".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, kept)
        check("a folder with a README and a .tsv beside its bounce (lang "
              "%s): the bounce listed, the two counted as no bounce" % lang,
              r.returncode == 0 and word in r.stderr and
              b"bounce.eml" in r.stdout and b"README" not in r.stdout and
              b"list.tsv" not in r.stdout, r.stdout[-300:] + r.stderr)
    r = run("--json", kept)
    kinds = sorted(json.loads(l)["kind"] for l in r.stdout.splitlines())
    check("the same folder as --json: a record each, the two not_a_bounce",
          kinds == ["failure", "not_a_bounce", "not_a_bounce"], kinds)
    box = path("fbl")
    os.mkdir(box)
    for i, ftype in enumerate(("abuse", "abuse", "opt-out")):
        with open(os.path.join(box, "%d.eml" % i), "wb") as f:
            f.write(arf(ftype, "Source-IP: 192.0.2.%d\r\n" % i))
    for lang, word in ((None, b"bounces 0, delay notices 0, complaints 3,"),
                       ("zh", "投诉 3 封".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, box)
        check("a feedback loop's mailbox (lang %s): the tally counts its "
              "complaints, not 'other'" % lang, word in r.stderr,
              r.stderr)
    # a folder inside the folder given is not read, and said so (a
    # silent skip lost every bounce filed under it)
    sub = os.path.join(box, "2026")
    os.mkdir(sub)
    with open(os.path.join(sub, "9.eml"), "wb") as f:
        f.write(arf("abuse", "Source-IP: 192.0.2.9\r\n"))
    os.mkdir(os.path.join(box, ".hidden"))
    for lang, word in ((None, b"a folder inside"),
                       ("zh", "里面的文件夹，没有读取".encode())):
        extra = ["--lang", lang] if lang else []
        r = run(*extra, "--json", box)
        err = r.stderr.decode("utf-8", "replace")
        check("a folder holding a folder (lang %s): exit 0, its 3 messages, "
              "one note naming the folder not read" % lang,
              r.returncode == 0 and len(r.stdout.splitlines()) == 3 and
              word in r.stderr and sub.encode() in r.stderr and
              ".hidden" not in err and len(err.splitlines()) == 1,
              "rc %d, %r" % (r.returncode, err[-300:]))


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "explain")


def first_text(eml):
    m = email.message_from_bytes(eml, policy=email.policy.compat32)
    for p in m.walk():
        if p.get_content_type() == "text/plain" and not p.is_multipart():
            return p.get_payload(decode=True)
    return b""


def answers(r):
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    return [(x["address"], x["code"], x["enhanced"], x["reason"])
            for rec in recs for x in rec["recipients"]]


def quote(data, mark):
    return b"".join(mark + line for line in data.splitlines(True))


def test_quoted_forward():
    # each a format whose quoted copy was read wrong before (no code, or
    # the reason lost): qmail, Exim, Gmail, Exchange 2007, Postfix; and a
    # whole DSN message pasted quoted
    for name in ("sisimai/lhost-qmail-01.eml", "sisimai/lhost-exim-02.eml",
                 "sisimai/lhost-gmail-01.eml",
                 "sisimai/lhost-exchange2007-02.eml",
                 "sisimai/lhost-postfix-41.eml",
                 "sisimai/rfc3464-03.eml"):
        with open(os.path.join(FIXTURES, name), "rb") as f:
            eml = f.read()
        whole = "rfc3464" in name
        plain = eml if whole else first_text(eml)
        want = answers(run("--json", "-", stdin=plain))
        for mark in (b"> ", b">", b"> > "):
            got = answers(run("--json", "-", stdin=quote(plain, mark)))
            check("%s quoted with %r and pasted: the same recipients, codes "
                  "and reasons as unquoted" % (name, mark.decode()),
                  want and got == want, (want, got))
        fwd = (b"From: IT <it@example.cn>\r\nTo: sales@example.cn\r\n"
               b"Subject: Fwd: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
               b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
               b"Please see below.\r\n\r\nOn Mon, Mail Delivery System "
               b"wrote:\r\n" + quote(plain, b"> "))
        got = answers(run("--json", write("fwd.eml", fwd)))
        check("%s forwarded quoted below the forwarder's words (.eml): the "
              "same answers" % name, want and got == want, (want, got))


def summary(r):
    return [(j["kind"], j["format"], j["reporting_mta"],
             j["original"]["subject"],
             [(x["address"], x["code"], x["enhanced"], x["reason"])
              for x in j["recipients"]])
            for j in (json.loads(line) for line in r.stdout.splitlines())]


def test_crcrlf():
    for name in ("chinese/06-qq-dmarc.eml", "sisimai/lhost-exim-02.eml"):
        with open(os.path.join(FIXTURES, name), "rb") as f:
            eml = f.read().replace(b"\r\n", b"\n")
        want = summary(run("--json", "-", stdin=eml))
        crcr = eml.replace(b"\n", b"\r\r\n")
        for how, r in (("file", run("--json", write("crcr.eml", crcr))),
                       ("stdin", run("--json", "-", stdin=crcr))):
            got = summary(r)
            check("%s with every line ending in \\r\\r\\n (%s): read as "
                  "the same message" % (name, how), want and got == want,
                  (want, got))


guarded(test_foreign_files)
guarded(test_complaint_words)
guarded(test_report_of_complaints)
guarded(test_remote_host_ip)
guarded(test_auto_reply_words)
guarded(test_unnamed_and_paths)
guarded(test_quoted_forward)
guarded(test_crcrlf)
guarded(test_folder_tally)
guarded(test_report_our_side)
guarded(test_redact_bounce)
guarded(test_delivered_pasted)
guarded(test_paste_hint)
guarded(test_stdin_once)
guarded(test_probe_options_alone)
guarded(test_dash_file)
guarded(test_file_twice)
guarded(test_stdin_same_file)
guarded(test_headers_only_bounce)
guarded(test_forward_of_several)
guarded(test_gmail_server)
guarded(test_reply_alone)
guarded(test_exchange_quoted)
guarded(test_terminal_lines)
guarded(test_when_bounced)
guarded(test_help_language)
guarded(test_temporary_in_bounce)
guarded(test_domain_blocklist)
guarded(test_recipient_domain_blocklist)
guarded(test_netease_client)
guarded(test_login_not_netease)
guarded(test_folder_against_server)
guarded(test_probe_wording)
guarded(test_gbk_paste)
guarded(test_report_of_bounces)
guarded(test_missing_and_escaped)
guarded(test_text_past_bound)
guarded(test_saved_text)
guarded(test_own_json)
sys.exit(finish("test_qa_explain"))
