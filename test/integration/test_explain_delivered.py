#!/usr/bin/env python3
"""test_explain_delivered.py - `mxtrace explain` on delivered messages,
through the real binary (no network): every fixture in
test/explain/delivered/ comes out as kind delivered_message with the
verdict, sending IP, hop count and reasons its .expected file names; a
pasted header block on stdin (--headers-only and without it, with and
without a body separator, CRLF, below blank lines; a client's view of
the message copied whole, each NAME.txt: below the table of Gmail's
"Show original" page, Outlook's "Internet headers" box, QQ Mail's
"显示邮件原文"); each .eml's header block alone (--headers-only) read as
the whole message is; --folder (said as where the user found the message,
not as what the receiving server did) and --redact; a bounce stays a bounce; bad
options exit 64; the terminal text of hostile headers holds no raw
control byte; the report shows the Delivered messages section.

MXTRACE_BIN names the binary (default ./mxtrace).  Exit 0 when all pass.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BIN = os.environ.get("MXTRACE_BIN", os.path.join(REPO, "mxtrace"))
FIX = os.path.join(REPO, "test", "explain", "delivered")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def run(args, stdin=None):
    p = subprocess.run([BIN, "explain"] + args, input=stdin,
                       capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def expected(path):
    exp = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition(":")
            exp[k.strip()] = v.strip()
    return exp


def fixtures():
    emls = sorted(glob.glob(os.path.join(FIX, "*.eml")))
    check(len(emls) >= 30, "at least 30 fixtures (%d)" % len(emls))
    for eml in emls:
        exp = expected(eml[:-4] + ".expected")
        args = ["--json"]
        if exp.get("folder"):
            args += ["--folder", exp["folder"]]
        rc, out, err = run(args + [eml])
        name = os.path.basename(eml)
        check(rc == 0, "%s: exit %d %s" % (name, rc, err[-200:]))
        lines = out.decode().splitlines()
        check(len(lines) == 1, "%s: one JSON line" % name)
        o = json.loads(lines[0])
        check(o["kind"] == "delivered_message", "%s: kind %s" % (name, o["kind"]))
        check(o["spam"]["verdict"] == exp["verdict"],
              "%s: verdict %s" % (name, o["spam"]["verdict"]))
        if "sending_ip" in exp:
            check((o["sending_ip"] or "") == exp["sending_ip"],
                  "%s: sending_ip %s" % (name, o["sending_ip"]))
        if "hops" in exp:
            check(len(o["hops"]) == int(exp["hops"]),
                  "%s: %d hops" % (name, len(o["hops"])))
        if "reasons" in exp:
            got = sorted(r["cause"] for r in o["spam"]["reasons"])
            want = sorted(c for c in exp["reasons"].replace(" ", "").split(",") if c)
            check(got == want, "%s: reasons %s, want %s" % (name, got, want))
        for h in o["hops"]:
            for k in ("from", "helo", "ip", "by", "protocol", "tls", "time", "delay_s"):
                check(k in h, "%s: hop without %s" % (name, k))
        # its header block read alone (--headers-only) says the same, in
        # JSON and on the terminal; only "date", the Date: of a report,
        # is not read then
        rc, out, err = run(args + ["--headers-only", eml])
        ho = json.loads(out.decode().splitlines()[0]) if rc == 0 else {}
        o.pop("date", None)
        ho.pop("date", None)
        check(ho == o, "%s --headers-only: JSON differs: %s" % (
            name, sorted(k for k in set(o) | set(ho) if o.get(k) != ho.get(k))))
        terms = [run(args[1:] + extra + [eml])[1]
                 for extra in ([], ["--headers-only"])]
        check(terms[0] == terms[1], "%s --headers-only: terminal differs" % name)


def held():
    rc, out, _ = run(["--json", os.path.join(FIX, "03-gmail-held-on-relay.eml")])
    o = json.loads(out)
    lo = o["longest"]
    check(lo == {"at": "relay2.example.cn", "next": "mx.google.com",
                 "next_operator": "Gmail", "delay_s": 11520},
          "longest: %s" % lo)
    rc, out, _ = run([os.path.join(FIX, "03-gmail-held-on-relay.eml")])
    words = b" ".join(out.split())
    check(b"held 3 h 12 min at relay2.example.cn before reaching mx.google.com (Gmail)"
          in words, "terminal: the longest wait named")
    # held inside one host, between two of its own steps (vger.kernel.org's
    # list expansion): the host named once, not "at X before reaching X"
    same = os.path.join(FIX, "21-aliyun-sender-to-zmailer.eml")
    for lang, want, wrong in (
            ("en", "held 3 min 10 s inside vger.kernel.org", "before reaching"),
            ("zh", "在 vger.kernel.org 内部停留了 3 分钟 10 秒", "然后才到达")):
        rc, out, _ = run(["--lang", lang, same])
        words = " ".join(out.decode().split())
        check(want in words and wrong not in words,
              "terminal (%s): the wait inside one host: %s" % (lang, [
                  ln for ln in out.decode().splitlines() if "vger" in ln]))


def cols(line):
    return sum(2 if ord(c) >= 0x1100 else 1 for c in line)


def path_lines(text):
    """The lines of the terminal's path section (hops, total, longest)."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("Path of the message") or line.startswith("邮件经过的路径"):
            inside = True
        elif inside and not line.startswith("  "):
            break
        elif inside:
            lines.append(line)
    return lines


def path_width():
    """The path's lines fit in 80 columns, in English and Chinese: a hop
    with long host names goes on over several lines, each piece (a host
    name, an [ip], -> the next host, the protocol, the bar, the marks)
    whole; only one piece wider than the terminal stands alone."""
    for eml in sorted(glob.glob(os.path.join(FIX, "*.eml"))):
        for lang in ("en", "zh"):
            rc, out, _ = run(["--lang", lang, eml])
            name = "%s (%s)" % (os.path.basename(eml), lang)
            lines = path_lines(out.decode())
            check(len(lines) > 0, "%s: no path lines" % name)
            for line in lines:
                check(cols(line) <= 80, "%s: %d columns: %s" % (
                    name, cols(line), line))
    host = "relay-" + "x" * 70 + ".example.com"
    long_hops = (b"Received: from " + host.encode() + b" (" + host.encode() +
                 b" [192.0.2.7]) by mx.example.org with ESMTPS id 1;"
                 b" Mon, 30 Nov 2026 09:00:05 +0000\n"
                 b"Received: from mail.example.com (mail.example.com [203.0.113.5])"
                 b" by " + host.encode() + b" with ESMTP id 2;"
                 b" Mon, 30 Nov 2026 09:00:01 +0000\n"
                 b"From: a@example.com\nTo: b@example.org\nSubject: x\n"
                 b"Date: Mon, 30 Nov 2026 09:00:00 +0000\n")
    for lang in ("en", "zh"):
        rc, out, _ = run(["--lang", lang, "--headers-only", "-"], long_hops)
        lines = path_lines(out.decode())
        check(any(host in line for line in lines), "long host (%s): %s" % (
            lang, lines))
        for line in lines:
            alone = re.sub(r"^\s*(\d+\s+)?(-> )?", "", line)
            check(cols(line) <= 80 or alone == host,
                  "long host (%s): %d columns: %s" % (lang, cols(line), line))


def original_width():
    """The original message's line ("Your message": subject, recipient,
    date, Message-ID) of a bounce or a delivered message fits in 80
    columns in both languages, each part whole on the next line when it
    would pass the edge; only a part wider than a line (a long Message-ID)
    stands alone."""
    emls = sorted(glob.glob(os.path.join(FIX, "*.eml")) + glob.glob(
        os.path.join(REPO, "test", "explain", "chinese", "*.eml")))
    for eml in emls:
        for lang in ("en", "zh"):
            rc, out, _ = run(["--lang", lang, eml])
            lines, inside = [], False
            for line in out.decode().splitlines():
                if line.startswith(("  Your message", "  您发出的邮件")):
                    inside = True
                elif inside and not line.startswith(" " * 17):
                    inside = False
                if inside:
                    lines.append(line)
            name = "%s (%s)" % (os.path.basename(eml), lang)
            for line in lines:
                part = line[17:]
                check(cols(line) <= 80 or " " not in part.strip(),
                      "%s: original line of %d columns: %s" % (
                          name, cols(line), line))


def whole_width():
    """Every line of a delivered message's terminal text fits in 80
    columns in both languages, but one piece that has no blank to break
    at (the sender command to copy, a word wider than a line): the
    verdict under its label ("Where it went", not a second "Delivered
    message:" under "A delivered message"), DKIM's d=, s= and alignment,
    each authentication or spam header found and the evidence of each
    reason; no two colons in a row there ("mx.google.com: counted:")."""
    for eml in sorted(glob.glob(os.path.join(FIX, "*.eml"))):
        for lang, where, title in (("en", "  Where it went  ",
                                    "Delivered message:"),
                                   ("zh", "  去向           ",
                                    "已送达的邮件：")):
            rc, out, _ = run(["--lang", lang, eml])
            text = out.decode()
            name = "%s (%s)" % (os.path.basename(eml), lang)
            check(where in text and title not in text,
                  "%s: the verdict under its label: %s" % (name, text[:400]))
            check(": counted:" not in text and "：采信：" not in text,
                  "%s: two colons in a row" % name)
            for line in text.splitlines():
                if "mxtrace sender" in line:
                    continue
                words = line.split()
                check(cols(line) <= 80 or any(cols(w) > 60 for w in words),
                      "%s: %d columns: %s" % (name, cols(line), line))


def pasted():
    with open(os.path.join(FIX, "22-postfix-spamassassin-spam.eml"), "rb") as f:
        msg = f.read()
    head = msg.split(b"\n\n", 1)[0] + b"\n"
    for label, data in (("LF", head), ("CRLF", head.replace(b"\n", b"\r\n")),
                        ("leading blank lines", b"\n\n" + head),
                        ("blank lines with blanks", b" \r\n\t\n" + head),
                        ("message below blank lines", b"\n\n" + msg)):
        # with --headers-only and without: a selection that starts a
        # line or two early is still the message
        for args in (["--json", "--headers-only", "-"], ["--json", "-"]):
            rc, out, err = run(args, data)
            what = "pasted %s (%s)" % (label, " ".join(args[1:-1]) or "plain")
            check(rc == 0, "%s: exit %d %s" % (what, rc, err[-200:]))
            o = json.loads(out.decode().splitlines()[0]) if rc == 0 else {}
            check(o.get("kind") == "delivered_message" and
                  o["spam"]["verdict"] == "spam" and len(o["hops"]) == 4,
                  "%s: %s %s" % (what, o.get("kind"), o.get("spam")))
    # a header block with a line a mail client wrapped without indenting:
    # not a message to the sniffer, still read as headers by --headers-only
    broken = head.replace(b"Subject: Factory price", b"Subject: Factory\nprice")
    rc, out, err = run(["--json", "--headers-only", "-"], broken)
    o = json.loads(out.decode().splitlines()[0])
    check(o["kind"] == "delivered_message", "pasted wrapped line: %s" % o["kind"])
    rc, out, err = run(["--json", "--headers-only", "-"], b"no headers here\n")
    o = json.loads(out.decode().splitlines()[0])
    check(rc == 0 and o["kind"] == "not_a_bounce", "pasted prose: %s" % o["kind"])
    # Gmail's "Show original" page copied whole (its table above the
    # message), en and zh: pasted with and without --headers-only, and
    # from the file, the message below the table is read
    for txt in sorted(glob.glob(os.path.join(FIX, "*.txt"))):
        exp = expected(txt[:-4] + ".expected")
        with open(txt, "rb") as f:
            data = f.read()
        name = os.path.basename(txt)
        for args, stdin in ((["--headers-only", "-"], data), (["-"], data),
                            ([txt], None)):
            rc, out, err = run(["--json", "--folder", exp["folder"]] + args,
                               stdin)
            o = json.loads(out.decode().splitlines()[0])
            check(rc == 0 and o["kind"] == "delivered_message" and
                  o["spam"]["verdict"] == exp["verdict"] and
                  o["sending_ip"] == exp["sending_ip"] and
                  len(o["hops"]) == int(exp["hops"]),
                  "%s %s: %s %s" % (name, args[0], o["kind"], o.get("spam")))
            if "reasons" in exp and o["kind"] == "delivered_message":
                got = sorted(r["cause"] for r in o["spam"]["reasons"])
                want = sorted(c for c in exp["reasons"].split(",") if c)
                check(got == want, "%s %s: reasons %s, want %s" % (
                    name, args[0], got, want))


def options():
    eml = os.path.join(FIX, "15-qq-ses-opaque.eml")
    rc, out, _ = run(["--json", "--folder", "spam", eml])
    o = json.loads(out)
    check(o["spam"]["verdict"] == "spam" and o["spam"]["verdict_from"] == "user",
          "--folder spam: %s" % o["spam"])
    # the folder's name as the user's mail program shows it
    for said, folder in (("Junk Email", "spam"), ("junk e-mail", "spam"),
                         ("Bulk", "spam"), ("垃圾邮件", "spam"),
                         ("垃圾箱", "spam"), ("收件箱", "inbox"),
                         ("INBOX", "inbox")):
        rc, out, _ = run(["--json", "--folder", said, eml])
        o = json.loads(out) if rc == 0 else {}
        check(o.get("spam", {}).get("verdict") == folder and
              o["spam"].get("verdict_from") == "user",
              "--folder %s: exit %d, %s" % (said, rc, o.get("spam")))
    for lang, words in (("en", "junk, 垃圾邮件"), ("zh", "junk、垃圾邮件")):
        rc, out, err = run(["--lang", lang, "--folder", "trash", eml])
        check(rc == 64 and out == b"" and b"--folder" in err and
              words.encode() in err and b'"trash"' in err,
              "--folder trash (%s): exit %d, %s" % (lang, rc, err[:300]))
    # where the user found it is the user's word, not what the receiving
    # server did: Microsoft 365 filed this one as spam (SFV:SPM)
    junk = os.path.join(FIX, "08-office365-junk-spf-fail.eml")
    for lang, said, unsaid in (
            ("en", "You found this message in the inbox",
             "The receiving server put this message in the inbox"),
            ("zh", "您是在收件箱里找到这封邮件的",
             "收件服务器把这封邮件放进了收件箱")):
        rc, out, _ = run(["--lang", lang, "--folder", "inbox", junk])
        text = out.decode()
        check(rc == 0 and said in text and unsaid not in text,
              "--folder inbox (%s): the user's word: %s" % (lang, text[:400]))
        rc, out, _ = run(["--json", "--lang", lang, "--folder", "inbox", junk])
        text = json.loads(out)["explanation"]
        check(rc == 0 and text.startswith(said) and unsaid not in text,
              "--folder inbox (%s, JSON): the user's word: %s" % (lang, text[:200]))
    rc, out, _ = run(["--json", "--redact",
                      os.path.join(FIX, "02-gmail-spam-softfail-nodkim.eml")])
    o = json.loads(out)
    text = json.dumps(o["original"]) + json.dumps(o["check_sender"])
    check("info@" not in text and "buyer@" not in text and o["original"]["subject"] is None,
          "--redact: %s" % text)
    check(o["check_sender"]["command"] == "mxtrace sender example.cn --ip 198.51.100.23",
          "--redact: command %s" % o["check_sender"]["command"])
    for lang in ("en", "zh"):
        rc, out, _ = run(["--lang", lang,
                          os.path.join(FIX, "32-control-characters.eml")])
        bad = [b for b in out if b < 0x20 and b not in (0x0a,)]
        check(rc == 0 and not bad, "terminal %s: raw control bytes %r" % (lang, bad[:5]))
    bounce = sorted(glob.glob(os.path.join(REPO, "test", "explain", "sisimai",
                                           "*.eml")))
    if bounce:
        rc, out, _ = run(["--json", bounce[0]])
        o = json.loads(out.decode().splitlines()[0])
        check(o["kind"] != "delivered_message", "a bounce stays a bounce: %s" % o["kind"])


def sender_hint():
    """The `mxtrace sender` command explain suggests names the file with
    --message only when it is one message: sender refuses an mbox of
    several, so from an mbox the suggestion is the --ip form."""
    eml = os.path.join(FIX, "02-gmail-spam-softfail-nodkim.eml")
    rc, out, _ = run(["--json", eml])
    cmd = json.loads(out)["check_sender"]["command"]
    check(cmd == "mxtrace sender example.cn --message " + eml,
          "one message: --message FILE (%s)" % cmd)
    with open(eml, encoding="utf-8", errors="replace") as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as d:
        mbox = os.path.join(d, "sent.mbox")
        with open(mbox, "w", encoding="utf-8") as f:
            f.write(("From info@example.cn Mon Nov 30 08:12:09 2026\n" + text + "\n") * 2)
        rc, out, _ = run(["--json", mbox])
        cmds = [json.loads(ln)["check_sender"]["command"]
                for ln in out.decode().splitlines()]
        check(cmds == ["mxtrace sender example.cn --ip 198.51.100.23"] * 2,
              "an mbox of two: the --ip form, never --message MBOX (%s)" % cmds)


def report():
    with tempfile.TemporaryDirectory() as d:
        jl = os.path.join(d, "x.jsonl")
        with open(jl, "wb") as f:
            for eml in sorted(glob.glob(os.path.join(FIX, "*.eml"))):
                rc, out, _ = run(["--json", eml])
                f.write(out)
        html = os.path.join(d, "r.html")
        p = subprocess.run([BIN, "report", "-o", html, jl], capture_output=True,
                           timeout=120)
        check(p.returncode == 0, "report: exit %d %s" % (p.returncode, p.stderr[-300:]))
        if p.returncode == 0:
            page = open(html, encoding="utf-8").read()
            check('<section id="delivered">' in page, "report: no delivered section")
            check(page.count('<article class="path" id="d') == len(
                glob.glob(os.path.join(FIX, "*.eml"))), "report: one article each")
            check("vger.kernel.org → vger.kernel.org" not in page,
                  "report: the wait inside one host names it twice")


fixtures()
held()
path_width()
original_width()
whole_width()
pasted()
options()
sender_hint()
report()
print("test_explain_delivered: %s" % ("ok" if not failures else
                                      "%d failed" % len(failures)))
sys.exit(1 if failures else 0)
