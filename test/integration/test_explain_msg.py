#!/usr/bin/env python3
"""test_explain_msg - `mxtrace explain` reads Outlook .msg files.

The fixtures are written anew by test/tools/mkmsg (libgsf's OLE2 writer,
MS-OXMSG) and must be byte for byte the ones committed in
test/unit/data/msg/ (the unit test and the fuzz corpus read those).  Then:

- Debian's msgconvert (libemail-outlook-message-perl), a .msg reader
  written apart from mxtrace, reads every message kind and finds what the
  generator wrote (subject, body; the CP936 body as GBK bytes), so the
  fixtures are .msg files another reader accepts, not only mxtrace;
- `mxtrace explain --json` gives, for a Gmail bounce kept as an IPM.Note,
  an Exchange NDR kept with an HTML body only, Outlook's own NDR report
  (REPORT.IPM.Note.NDR: two recipients from its recipient table, with
  PR_SUPPLEMENTARY_INFO, and the original attached as an embedded message)
  and the same report from a Chinese Outlook (8-bit CP936 strings, an
  attached .eml), NDRs whose body is only PR_RTF_COMPRESSED (Exchange's
  HTML encapsulated in RTF; a Chinese Outlook's RTF in code page 936,
  which msgconvert decompresses too), the recipient, reply code, enhanced code, reason, remote
  MTA and original message each holds, in a file, through a pipe (the
  1200-recipient NDR too, 1.8 MB) and in a folder;
- an OLE2 file that holds no message (a Word-like file), a .msg cut
  short (from a file and a pipe) and one over the 64 MiB bound (from a
  file and a pipe) end in exit 65 (probe/base/exitcode.h: bad input data)
  and one line saying what the file is, in English and Chinese; nothing
  on stdout; one of exactly 64 MiB is read (and found damaged);
- every delivered message of test/explain/delivered, saved as Outlook
  keeps a received message (its header block as the transport headers),
  gives the same JSON as its .eml.

Needs no lab.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish  # noqa: E402

MKMSG = os.environ.get("MKMSG", os.path.join(REPO, "build", "tools",
                                              "mkmsg"))
FIXTURES = os.path.join(REPO, "test", "unit", "data", "msg")
KINDS = ("note-gmail", "note-html", "ndr", "ndr-cp936", "ndr-exchange",
         "ndr-rtf", "ndr-rtf-cp936", "ndr-rtf-word", "delayed", "receipt",
         "nested", "not-msg", "truncated")


def explain(*args, stdin=None):
    p = subprocess.run([BIN, "explain"] + list(args), input=stdin,
                       capture_output=True, timeout=60)
    recs = [json.loads(line) for line in p.stdout.splitlines()
            if line.startswith(b"{")]
    return p, recs


def rcpts(rec):
    return [(r["address"], r["code"], r["enhanced"], r["reason"], r["side"])
            for r in rec["recipients"]]


def test_generator(tmp):
    subprocess.run([MKMSG, "many", os.path.join(tmp, "many.msg")],
                   check=True, timeout=60)
    for k in KINDS:
        out = os.path.join(tmp, k + ".msg")
        subprocess.run([MKMSG, k, out], check=True, timeout=30)
        with open(out, "rb") as a, open(os.path.join(FIXTURES, k + ".msg"),
                                        "rb") as b:
            check("mkmsg %s writes the committed fixture" % k,
                  a.read() == b.read())


def msgconvert(path):
    p = subprocess.run(["msgconvert", "--outfile", "-", path],
                       capture_output=True, timeout=60)
    return p.returncode, p.stdout


def test_msgconvert(tmp):
    if shutil.which("msgconvert") is None:
        check("msgconvert is installed (scripts/setup: "
              "libemail-outlook-message-perl)", False)
        return
    expect = {
        "note-gmail": [b"Subject: Delivery Status Notification (Failure)",
                       b"From: Mail Delivery Subsystem "
                       b"<mailer-daemon@googlemail.com>",
                       b"550 5.1.1 The email account that you tried to "
                       b"reach does not exist"],
        "note-html": [b"Subject: Undeliverable: Quote for March",
                      b"Content-Type: text/html",
                      b"RESOLVER.ADR.RecipientNotFound"],
        "ndr": [b"Subject: Undeliverable: Quote for March",
                b"Content-Type: message/rfc822",
                b"Subject: Quote for March",
                b"Message-Id: <20261128093000.4711@sales.example.cn>"],
        "ndr-exchange": [b"Subject: Undeliverable: Price list",
                         b"From: postmaster@contoso.example.com"],
        "delayed": [b"Subject: Delivery delayed: Quote for March"],
        "receipt": [b"Subject: Read: Quote for March",
                    b"was read on 30/11/2026"],
        "nested": [b"Subject: Undeliverable: level 0",
                   b"Subject: Undeliverable: level 1"],
        "ndr-cp936": ["无法将邮件传递到以下收件人".encode("gbk"),
                      "张伟 (zhangwei@qq.example.com)".encode("gbk"),
                      b"Content-Type: message/rfc822"],
        # msgconvert's own LZFu decoder gives the RTF as application/rtf
        # (its dictionary has LF CR where MS-OXRTFCP has CR LF: RTF
        # ignores both, so they are taken out before looking)
        "ndr-rtf": [b"Content-Type: application/rtf",
                    b"\\fromhtml1",
                    b"{\\*\\htmltag148 <b>}",
                    b"Remote Server returned '550 5.1.1"],
        "ndr-rtf-cp936": [b"Content-Type: application/rtf",
                          b"\\ansicpg936",
                          "".join("\\'%02x" % c for c in
                                  "远程服务器返回".encode("gbk")).encode()],
        "ndr-rtf-word": [b"Content-Type: application/rtf",
                         b"\\loch\\f0\\hich\\af0\\dbch\\af13",
                         b"\\'c0\\'ee\\'abh}"],
    }
    for k, needles in expect.items():
        rc, out = msgconvert(os.path.join(tmp, k + ".msg"))
        if b"application/rtf" in out:
            out = rtf_part(out)
        missing = [n for n in needles if n not in out]
        check("msgconvert reads %s.msg and finds what mkmsg wrote" % k,
              rc == 0 and not missing, (rc, missing, out[:300]))


def rtf_part(out):
    """msgconvert's output with its RTF part decoded, CR and LF out."""
    import email
    m = email.message_from_bytes(out)
    rtf = b"".join(p.get_payload(decode=True) for p in m.walk()
                   if p.get_content_type() == "application/rtf")
    return out + b"\n" + rtf.replace(b"\r", b"").replace(b"\n", b"")


def test_explain(tmp):
    p, recs = explain("--json", os.path.join(tmp, "note-gmail.msg"))
    check("a Gmail bounce kept as IPM.Note: the recipient, 550 5.1.1, "
          "mailbox_unknown",
          p.returncode == 0 and len(recs) == 1 and
          recs[0]["kind"] == "failure" and rcpts(recs[0]) == [
              ("jsmith@customer.example.com", 550, "5.1.1",
               "mailbox_unknown", "recipient_address")],
          (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "note-html.msg"))
    check("an Exchange NDR with an HTML body only: read through the HTML "
          "step, 550 5.1.10",
          p.returncode == 0 and len(recs) == 1 and rcpts(recs[0]) == [
              ("wang@customer.example.com", 550, "5.1.10",
               "mailbox_unknown", "recipient_address")] and
          "<p>" not in (recs[0]["recipients"][0]["text"] or ""),
          (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "ndr.msg"))
    r = recs[0]["recipients"] if len(recs) == 1 else []
    check("Outlook's NDR report: both recipients of its recipient table "
          "with their codes and reasons",
          p.returncode == 0 and len(recs) == 1 and
          recs[0]["kind"] == "failure" and rcpts(recs[0]) == [
              ("bob@example.net", 550, "5.1.1", "mailbox_unknown",
               "recipient_address"),
              ("sales@example.org", 554, "5.7.1", "ip_blocklisted",
               "our_side")],
          (p.returncode, p.stderr, recs))
    check("the NDR's PR_SUPPLEMENTARY_INFO: remote MTA and the server's "
          "words",
          len(r) == 2 and r[0]["remote_mta"] == "mx1.example.net" and
          "User unknown in virtual mailbox table" in r[0]["text"] and
          r[1]["remote_mta"] == "mx.example.org" and
          "zen.spamhaus.org" in r[1]["text"], r)
    check("the NDR's embedded original message: subject, message id, date, "
          "and To from its own recipient table",
          len(recs) == 1 and recs[0]["original"]["subject"] ==
          "Quote for March" and recs[0]["original"]["message_id"] ==
          "<20261128093000.4711@sales.example.cn>" and
          recs[0]["original"]["date"] == "Tue, 01 Dec 2026 09:30:00 +0000"
          and recs[0]["original"]["to"] ==
          "bob@example.net, sales@example.org",
          recs[0]["original"] if recs else None)

    p, recs = explain("--json", os.path.join(tmp, "ndr-exchange.msg"))
    check("Exchange's own NDR: 'Remote Server returned', '#550 ... ##' and "
          "a status code alone, each read",
          p.returncode == 0 and len(recs) == 1 and rcpts(recs[0]) == [
              ("wang@contoso.example.com", 550, "5.1.10", "mailbox_unknown",
               "recipient_address"),
              ("li@contoso.example.com", 550, "5.2.2", "mailbox_full",
               "recipient_server"),
              ("chen@contoso.example.com", None, "5.1.1", "mailbox_unknown",
               "recipient_address")] and
          recs[0]["reporting_mta"] is None,
          (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "delayed.msg"))
    check("a delay notice (REPORT.IPM.Note.Delayed.DR): kind delayed, "
          "451 4.4.1, not a failure",
          p.returncode == 0 and len(recs) == 1 and
          recs[0]["kind"] == "delayed" and rcpts(recs[0]) == [
              ("ops@slow.example.net", 451, "4.4.1", "delayed",
               "not_a_failure")], (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "receipt.msg"))
    check("a read receipt (REPORT.IPM.Note.IPNRN): not a bounce, no "
          "recipient",
          p.returncode == 0 and len(recs) == 1 and
          recs[0]["kind"] == "not_a_bounce" and recs[0]["recipients"] == [],
          (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "many.msg"))
    check("an NDR for 1200 recipients: 1000 kept, 200 counted as dropped",
          p.returncode == 0 and len(recs) == 1 and
          len(recs[0]["recipients"]) == 1000 and
          recs[0]["recipients_dropped"] == 200 and
          recs[0]["recipients"][999]["address"] == "user999@example.net",
          (p.returncode, p.stderr,
           len(recs[0]["recipients"]) if recs else None))
    with open(os.path.join(tmp, "many.msg"), "rb") as f:
        data = f.read()
    p2, recs2 = explain("--json", "-", stdin=data)
    for r in recs + recs2:
        r.pop("file", None)
    check("the 1200-recipient NDR (%d bytes) through a pipe, its buffer "
          "grown as it is read: the same JSON as from the file" % len(data),
          p2.returncode == 0 and len(data) > 1024 * 1024 and recs2 == recs,
          (p2.returncode, p2.stderr))

    p, recs = explain("--json", os.path.join(tmp, "nested.msg"))
    check("reports attached in reports 8 deep: read to the bound, the "
          "outer report's recipient",
          p.returncode == 0 and len(recs) == 1 and
          [r["address"] for r in recs[0]["recipients"]] ==
          ["level0@example.net"] and
          recs[0]["original"]["subject"] == "Undeliverable: level 1",
          (p.returncode, p.stderr, recs))

    p, recs = explain("--json", os.path.join(tmp, "ndr-cp936.msg"))
    r = recs[0]["recipients"] if len(recs) == 1 else []
    check("a Chinese Outlook's NDR in CP936: the recipient, 550, the "
          "status from PR_NDR_STATUS_CODE, QQ's words in Chinese",
          p.returncode == 0 and len(r) == 1 and
          r[0]["address"] == "zhangwei@qq.example.com" and
          r[0]["code"] == 550 and r[0]["enhanced"] == "5.0.0" and
          r[0]["reason"] == "mailbox_unknown" and
          "收件人邮箱不存在" in r[0]["text"],
          (p.returncode, p.stderr, r))
    check("the CP936 NDR's attached .eml is the original (GBK subject)",
          len(recs) == 1 and recs[0]["original"]["subject"] == "三月报价单"
          and recs[0]["original"]["message_id"] ==
          "<cp936-original@sales.example.cn>",
          recs[0]["original"] if recs else None)

    p, recs = explain("--json", os.path.join(tmp, "ndr-rtf.msg"))
    check("an Exchange NDR kept only as compressed RTF (HTML encapsulated "
          "in it): the recipient, 550 5.1.1, mailbox_unknown, Postfix's "
          "words with the address",
          p.returncode == 0 and len(recs) == 1 and
          recs[0]["kind"] == "failure" and rcpts(recs[0]) == [
              ("bob@example.net", 550, "5.1.1", "mailbox_unknown",
               "recipient_address")] and
          recs[0]["recipients"][0]["text"] == "550 5.1.1 "
          "<bob@example.net>: Recipient address rejected: User unknown in "
          "virtual mailbox table", (p.returncode, p.stderr, recs))
    p, recs = explain("--json", os.path.join(tmp, "ndr-rtf-cp936.msg"))
    check("a Chinese Outlook's NDR kept as RTF with \\ansicpg936 (empty "
          "PR_BODY, blank PR_HTML): the recipient, 550, QQ's words in "
          "Chinese",
          p.returncode == 0 and len(recs) == 1 and rcpts(recs[0]) == [
              ("zhangwei@qq.example.com", 550, None, "mailbox_unknown",
               "recipient_address")] and
          "收件人邮箱不存在" in recs[0]["recipients"][0]["text"],
          (p.returncode, p.stderr, recs))
    p, recs = explain("--json", os.path.join(tmp, "ndr-rtf-word.msg"))
    check("a Chinese Outlook's NDR in Word's RTF (no \\ansicpg, the "
          "Chinese font only each paragraph's \\dbch font): the "
          "recipient, 550, QQ's words in Chinese",
          p.returncode == 0 and len(recs) == 1 and rcpts(recs[0]) == [
              ("liyue@qq.example.com", 550, None, "mailbox_unknown",
               "recipient_address")] and
          "收件人邮箱不存在" in recs[0]["recipients"][0]["text"],
          (p.returncode, p.stderr, recs))
    for lang, words in ((None, ("Recipient      bob@example.net",
                                "Mailbox does not exist")),
                        ("zh", ("bob@example.net", "邮箱不存在"))):
        extra = ["--lang", lang] if lang else []
        p = subprocess.run([BIN, "explain"] + extra +
                           [os.path.join(tmp, "ndr-rtf.msg")],
                           capture_output=True, timeout=60)
        out = p.stdout.decode("utf-8", "replace")
        check("explain's terminal output on the RTF-only NDR (lang %s) "
              "names the recipient and the meaning" % lang,
              p.returncode == 0 and all(w in out for w in words),
              (p.returncode, out, p.stderr))

    with open(os.path.join(tmp, "ndr.msg"), "rb") as f:
        data = f.read()
    p, recs = explain("--json", "-", stdin=data)
    check("a .msg through a pipe reads as the file does",
          p.returncode == 0 and len(recs) == 1 and
          [x[:3] for x in rcpts(recs[0])] == [
              ("bob@example.net", 550, "5.1.1"),
              ("sales@example.org", 554, "5.7.1")], (p.returncode, p.stderr))

    zh = {"not-msg": ("not an Outlook message".encode(),
                      "不是 Outlook 邮件".encode()),
          "truncated": ("damaged or cut short".encode(),
                        "已损坏或不完整".encode())}
    for k, (en, cn) in zh.items():
        for lang, word in ((None, en), ("zh", cn)):
            extra = ["--lang", lang] if lang else []
            p, recs = explain(*(extra + ["--json",
                                         os.path.join(tmp, k + ".msg")]))
            check("%s.msg (lang %s): exit 65, one line saying what it is, "
                  "nothing on stdout" % (k, lang),
                  p.returncode == 65 and p.stdout == b"" and
                  len(p.stderr.splitlines()) == 1 and word in p.stderr and
                  b"mxtrace explain -" in p.stderr,
                  (p.returncode, p.stdout[:200], p.stderr))

    big = os.path.join(tmp, "big.msg")
    with open(big, "wb") as f:
        f.write(bytes.fromhex("d0cf11e0a1b11ae1"))
        f.truncate(65 * 1024 * 1024)
    p, recs = explain("--json", big)
    check("a .msg of more than 64 MiB (MSGFILE_SIZE_MAX): exit 65, one "
          "line naming the bound",
          p.returncode == 65 and p.stdout == b"" and
          len(p.stderr.splitlines()) == 1 and b"64 MiB" in p.stderr,
          (p.returncode, p.stderr))
    os.unlink(big)
    sig = bytes.fromhex("d0cf11e0a1b11ae1")
    limit = 64 * 1024 * 1024
    p, recs = explain("--json", "-", stdin=sig + bytes(limit + 1 - len(sig)))
    check("a .msg of more than 64 MiB through a pipe: exit 65, one line "
          "naming the bound",
          p.returncode == 65 and p.stdout == b"" and
          len(p.stderr.splitlines()) == 1 and b"64 MiB" in p.stderr,
          (p.returncode, p.stderr))
    with open(big, "wb") as f:
        f.write(sig)
        f.truncate(limit)
    for how, args, data in (("file", [big], None),
                            ("pipe", ["-"], sig + bytes(limit - len(sig)))):
        p, recs = explain("--json", *args, stdin=data)
        check("a compound file of exactly 64 MiB (%s) is read, not refused "
              "for its size: damaged, exit 65" % how,
              p.returncode == 65 and p.stdout == b"" and
              b"damaged or cut short" in p.stderr and
              b"64 MiB" not in p.stderr, (p.returncode, p.stderr))
    os.unlink(big)
    with open(os.path.join(tmp, "truncated.msg"), "rb") as f:
        p, recs = explain("--json", "-", stdin=f.read())
    check("a .msg cut short through a pipe: exit 65, damaged or cut short",
          p.returncode == 65 and p.stdout == b"" and
          len(p.stderr.splitlines()) == 1 and
          b"damaged or cut short" in p.stderr, (p.returncode, p.stderr))

    folder = os.path.join(tmp, "folder")
    os.mkdir(folder)
    for k in ("ndr", "truncated", "note-gmail"):
        shutil.copy(os.path.join(tmp, k + ".msg"), folder)
    p, recs = explain("--json", folder)
    check("a folder of .msg files: the two readable ones explained, the "
          "broken one named, exit 65",
          p.returncode == 65 and len(recs) == 2 and
          b"truncated.msg" in p.stderr and
          sorted(os.path.basename(x["file"]) for x in recs) ==
          ["ndr.msg", "note-gmail.msg"], (p.returncode, p.stderr, len(recs)))


def test_delivered(tmp):
    """Every delivered message of test/explain/delivered saved as Outlook
    keeps it (its header block as PR_TRANSPORT_MESSAGE_HEADERS) reads as
    the .eml does: the same JSON but for the file's name."""
    src = os.path.join(REPO, "test", "explain", "delivered")
    emls = sorted(f for f in os.listdir(src) if f.endswith(".eml"))
    out = os.path.join(tmp, "delivered")
    os.mkdir(out)
    for f in emls:
        subprocess.run([MKMSG, "from-eml", os.path.join(out, f[:-4] + ".msg"),
                        os.path.join(src, f)], check=True, timeout=30)

    def read(files):
        p, recs = explain("--json", *files)
        got = {}
        for rec in recs:
            name = os.path.basename(rec.pop("file")).rsplit(".", 1)[0]
            cs = rec.get("check_sender") or {}
            if cs.get("command"):
                cs["command"] = cs["command"].rsplit(" ", 1)[0]
            got[name] = rec
        return p.returncode, got

    rc_eml, eml = read([os.path.join(src, f) for f in emls])
    rc_msg, msg = read([os.path.join(out, f[:-4] + ".msg") for f in emls])
    differ = [k for k in eml if eml[k] != msg.get(k)]
    check("%d delivered messages saved as .msg read as their .eml (kind, "
          "path, authentication, spam verdict, causes)" % len(emls),
          len(emls) >= 30 and rc_eml == rc_msg == 0 and
          len(msg) == len(eml) == len(emls) and not differ,
          (rc_eml, rc_msg, len(eml), len(msg), differ[:5]))


def main():
    tmp = tempfile.mkdtemp(prefix="mxtrace-msg-")
    try:
        test_generator(tmp)
        test_msgconvert(tmp)
        test_explain(tmp)
        test_delivered(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish("test_explain_msg")


if __name__ == "__main__":
    sys.exit(main())
