#!/usr/bin/env python3
"""test_explain_hostile - `mxtrace explain` on bad input: each case ends
with a clear result or error in bounded time and memory, never a crash:
a 50 MB message (with a DSN part, and in plain text), a 1 MB line dense
with addresses and codes, 10,000 MIME parts, nesting 100 deep, a DSN with 10,000
recipients, broken base64 and quoted-printable, undeclared and lying
charsets, NUL bytes, 1 MB header lines, a header block of 40,000 fields
(those past 256 KB dropped, and a note says so), a text bounce longer than the
256 KiB of text read (a note says so), an mbox of 100,000 messages
(streamed: peak RSS like a small one's), a binary file (refused: exit 65), an empty file, a
missing file, pasted text on stdin.  No network: nothing here probes."""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, check, finish, guarded  # noqa: E402

TMP = tempfile.mkdtemp(prefix="explain_hostile.")
ASAN = "asan" in BIN
# peak RSS bound for any one input (ASan's shadow memory is larger)
RSS_MAX_KB = (400 if ASAN else 160) * 1024

DSN_HEAD = ("From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; "
            "report-type=delivery-status; boundary=\"b\"\n\n--b\n"
            "Content-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n\n")


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def run(args, stdin=None, timeout=300):
    """Exit status, stdout, stderr and peak RSS (KiB) of mxtrace explain.
    Under ASan the quarantine of freed memory is kept small, so that RSS
    measures what the program holds, not what ASan keeps back."""
    env = dict(os.environ)
    if ASAN:
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=4"
    p = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "explain"] + args,
                       input=stdin, capture_output=True, timeout=timeout, env=env)
    err = p.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    return p.returncode, p.stdout.decode("utf-8", "replace"), "\n".join(err[:-1]), int(err[-1])


def one_record(what, path, kind=None):
    rc, out, err, rss = run(["--json", path])
    lines = out.splitlines()
    ok = rc == 0 and len(lines) == 1 and rss < RSS_MAX_KB
    rec = json.loads(lines[0]) if lines else {}
    if kind is not None:
        ok = ok and rec.get("kind") == kind
    check("%s: one record, exit 0, RSS %d MB" % (what, rss // 1024), ok,
          (rc, err[-300:], rss, rec.get("kind")))
    return rec


def test_big_message():
    body = ("x" * 76 + "\n") * (50 * 1024 * 1024 // 77)
    path = write("big.eml", DSN_HEAD + "Final-Recipient: rfc822; a@b.example\n"
                 "Action: failed\nStatus: 5.1.1\n--b\nContent-Type: text/plain\n\n" +
                 body + "--b--\n")
    rec = one_record("50 MB message", path, "failure")
    check("50 MB message: recipient read", rec.get("recipients", [{}])[0].get("address") ==
          "a@b.example", rec.get("recipients"))


def test_big_text_bounce():
    """The free-text reader (no DSN part): a 50 MB plain bounce, every line
    a recipient line, and one 1 MB line dense with addresses, reply codes,
    encoded-words and flattened-report headers."""
    head = ("From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\n"
            "This is the mail system at host x.example.\n\n"
            "<first@b.example>: host mx.b.example[192.0.2.1] said: 550 5.1.1 unknown\n"
            "    (in reply to RCPT TO command)\n\n")
    lines = "".join("<u%d@b.example>: 550 5.1.1 no\n" % i for i in range(2000000))
    rec = one_record("50 MB plain-text bounce", write("bigtext.eml", head + lines), "failure")
    first = (rec.get("recipients") or [{}])[0]
    check("50 MB plain-text bounce: first recipient's reply read, recipients bounded",
          first.get("address") == "first@b.example" and first.get("enhanced") == "5.1.1" and
          first.get("text", "").startswith("550 5.1.1") and
          len(rec.get("recipients", [])) <= 1000, (first, len(rec.get("recipients", []))))
    many = "".join("There was an error delivering your mail to <u%d@b.example>.\n" % i
                   for i in range(1500))
    rc, out, err, rss = run(["--json", write("dma.eml", "From: MAILER-DAEMON@x.example\n"
                                             "Subject: Mail delivery failed\n\n"
                                             "This is the DragonFly Mail Agent at x.example.\n\n" +
                                             many + ("x" * 70 + "\n") * 2500 +
                                             "\nMessage headers follow.\n")])
    rec = json.loads(out) if rc == 0 and out.count("\n") == 1 else {}
    check("whole-text reply for 1,500 recipients: 1000 kept, each text at most 4096 bytes, "
          "output %d KB, RSS %d MB" % (len(out) // 1024, rss // 1024),
          len(rec.get("recipients", [])) == 1000 and rss < RSS_MAX_KB and
          all(len(x.get("text") or "") <= 4096 for x in rec["recipients"]),
          (rc, err[-300:], len(out)))
    dense = ("550 5.1.1 =?utf-8?B?x?=@b.example... --b0undary Content-Type: x "
             "host h[1.2.3.4] said: 421 4.4.2 <a@b.example> ") * ((1 << 20) // 100)
    one_record("1 MB dense line", write("dense.eml", "From: MAILER-DAEMON@x.example\n"
                                         "Subject: failure notice\n\n" + dense + "\n"))


def test_cut_text_said():
    """A plain-text bounce longer than the text explain reads (256 KiB):
    a note says only its first 256 KiB were read, so the recipients
    counted may be fewer than it names (en, zh, the terminal); a text
    just under the bound has none."""
    head = ("From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\n"
            "This is the mail system at host x.example.\n\n")
    line = "<u%06d@b.example>: host mx.b.example[192.0.2.1] said: 550 5.1.1 unknown\n"
    path = write("cuttext.eml", head + "".join(line % i for i in range(20000)))
    rec = one_record("1.5 MB plain-text bounce", path, "failure")
    said = ("Its text is longer than 256 KiB: only its first 256 KiB were read, so "
            "recipients it names past that are not listed or counted here.")
    check("a text past 256 KiB: a note says it was cut",
          rec.get("notes") == [said] and rec.get("recipients_dropped", 0) > 0 and
          len(rec["recipients"]) + rec["recipients_dropped"] < 20000, rec.get("notes"))
    rc, out, err, rss = run(["--json", "--lang", "zh", path])
    zh = json.loads(out).get("notes", []) if rc == 0 else []
    check("the note in Chinese",
          zh == ["邮件正文超过 256 KiB：只读取了前 256 KiB，其后列出的收件人没有在这里列出或计数。"], zh)
    rc, out, err, rss = run([path])
    check("the note on the terminal", rc == 0 and
          "  ! Its text is longer than 256 KiB: only its first 256 KiB" in out, out[-600:])
    n = (250 * 1024 - len(head)) // len(line % 0)
    rec = one_record("a text under 256 KiB", write("undertext.eml", head +
                                                   "".join(line % i for i in range(n))), "failure")
    check("a text under 256 KiB: no note, every recipient counted",
          rec.get("notes") == [] and len(rec["recipients"]) + rec["recipients_dropped"] == n,
          (rec.get("notes"), len(rec.get("recipients", [])), rec.get("recipients_dropped"), n))


def big_dsn(diag):
    """A DSN whose human-readable part is 1.5 MB: every line names a command
    (Postfix's "in reply to RCPT TO command"), so a recipient the
    delivery-status part leaves without a reply sends explain to it."""
    text = "".join("<u%06d@b.example>: host mx.b.example[192.0.2.1] said: 550 5.1.1 "
                   "unknown (in reply to RCPT TO command)\n" % i for i in range(15000))
    return ("From: MAILER-DAEMON@x.example\nTo: s@a.example\nSubject: Undelivered\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;"
            " boundary=b\n\n--b\nContent-Type: text/plain\n\n" + text +
            "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n\n"
            "Final-Recipient: rfc822; u000001@b.example\nAction: failed\nStatus: 5.1.1\n" +
            diag + "\n--b--\n")


def test_cut_text_of_dsn():
    """A DSN whose text is cut: no note when its delivery-status part said
    all (the recipients and their replies come from there); when a
    recipient had no reply there and the text was read for it, the note
    says what may be missing (a reply), not that recipients are."""
    path = write("cutdsn.eml", big_dsn("Diagnostic-Code: smtp; 550 5.1.1 unknown (in reply to "
                                        "RCPT TO command)"))
    rec = one_record("a DSN with a 1.5 MB text, its fields complete", path, "failure")
    check("a DSN whose fields said all: no note on its cut text",
          rec.get("notes") == [] and len(rec.get("recipients", [])) == 1, rec.get("notes"))
    rc, out, err, rss = run([path])
    check("... nor on the terminal", rc == 0 and "256 KiB" not in out, out[-600:])
    path = write("cutdsn2.eml", big_dsn(""))
    rec = one_record("a DSN with a 1.5 MB text, a recipient without a reply", path, "failure")
    said = ("Its text is longer than 256 KiB: only its first 256 KiB were read. The "
            "recipients come from its delivery-status part, but a server reply or command "
            "the text gives past that for a recipient the part left without one was not read.")
    check("a DSN read in its text for a reply: the note says a reply may be missing",
          rec.get("notes") == [said], rec.get("notes"))
    rc, out, err, rss = run(["--json", "--lang", "zh", path])
    zh = json.loads(out).get("notes", []) if rc == 0 else []
    check("the note in Chinese", len(zh) == 1 and "投递状态部分" in zh[0] and
          "服务器回复" in zh[0] and "收件人没有在这里列出或计数" not in zh[0], zh)


def test_many_parts():
    parts = "".join("--p\nContent-Type: text/plain\n\npart %d\n" % i for i in range(10000))
    path = write("parts.eml", "From: a@b.example\nSubject: parts\nMIME-Version: 1.0\n"
                 "Content-Type: multipart/mixed; boundary=p\n\n" + parts + "--p--\n")
    one_record("10,000 parts", path, "not_a_bounce")


def test_deep_nesting():
    head, tail = "", ""
    for i in range(100):
        head += "--n%d\nContent-Type: multipart/mixed; boundary=n%d\n\n" % (i, i + 1)
        tail = "--n%d--\n" % (i + 1) + tail
    path = write("deep.eml", "From: mailer-daemon@x.example\nSubject: Undelivered\n"
                 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=n0\n\n" +
                 head + "--n100\nContent-Type: text/plain\n\n550 5.1.1 deep@x.example\n" +
                 tail + "--n0--\n")
    one_record("nesting 100 deep", path)


def test_many_recipients():
    rcpts = "".join("Final-Recipient: rfc822; u%d@x.example\nAction: failed\n"
                    "Status: 5.1.1\n\n" % i for i in range(10000))
    rec = one_record("DSN with 10,000 recipients", write("many.eml", DSN_HEAD + rcpts + "--b--\n"),
                     "failure")
    check("10,000 recipients: 1000 kept, 9000 counted",
          len(rec.get("recipients", [])) == 1000 and rec.get("recipients_dropped") == 9000,
          (len(rec.get("recipients", [])), rec.get("recipients_dropped")))


def test_broken_encodings():
    path = write("b64.eml", "From: mailer-daemon@x.example\nSubject: failure notice\n"
                 "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                 "Content-Transfer-Encoding: base64\n\n%%%%not base64 at all!!\n5.1.1===\n")
    one_record("broken base64", path, "failure")
    path = write("qp.eml", "From: mailer-daemon@x.example\nSubject: failure notice\n"
                 "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                 "Content-Transfer-Encoding: quoted-printable\n\n"
                 "<bad@x.example>: 550 =ZZ=4 user =\nunknown =E4=\n")
    rec = one_record("broken quoted-printable", path, "failure")
    check("broken QP: recipient read", (rec.get("recipients") or [{}])[0].get("address") ==
          "bad@x.example", rec.get("recipients"))


def test_charsets():
    gbk = "<wang@163.com>: 550 用户不存在 user unknown\n".encode("gb18030")
    path = write("lying.eml", b"From: mailer-daemon@x.example\nSubject: failure notice\n"
                 b"MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n" + gbk)
    rec = one_record("charset declared us-ascii, GBK inside", path, "failure")
    check("lying charset: the text is valid UTF-8 in JSON",
          "user unknown" in (rec.get("recipients") or [{}])[0].get("text", ""), rec)
    path = write("nocharset.eml", b"From: mailer-daemon@x.example\nSubject: failure notice\n\n" + gbk)
    one_record("no charset, GBK text", path, "failure")
    path = write("bogus.eml", b"From: mailer-daemon@x.example\nSubject: failure notice\n"
                 b"Content-Type: text/plain; charset=x-no-such-charset\n\n" + gbk)
    one_record("unknown charset name", path, "failure")
    # UTF-16 declared, 8-bit text inside (no NUL byte: no UTF-16 text of a
    # bounce, whose addresses and codes are ASCII, lacks one): read as the
    # bytes are, not as CJK made of ASCII pairs
    for cs in ("utf-16", "UTF-16LE", "utf-32"):
        path = write("wide.eml", b"From: mailer-daemon@x.example\nSubject: failure notice\n"
                     b"MIME-Version: 1.0\nContent-Type: text/plain; charset=" + cs.encode() +
                     b"\n\n<bob@b.example>: host mx.b.example[192.0.2.1] said: 550 5.1.1 "
                     b"user unknown\n")
        rec = one_record("charset declared %s, ASCII inside" % cs, path, "failure")
        x = (rec.get("recipients") or [{}])[0]
        check("declared %s with no NUL byte: the recipient and reason read" % cs,
              x.get("address") == "bob@b.example" and x.get("reason") == "mailbox_unknown", rec)


def test_nul_and_long_headers():
    path = write("nul.eml", b"From: mailer-daemon@x.example\nSubject: fail\x00ure notice\n\n"
                 b"<n@x.example>: 550 5.1.1 no\x00such user\n")
    one_record("NUL bytes", path)
    path = write("longhdr.eml", "From: mailer-daemon@x.example\nSubject: " + "A" * (1 << 20) +
                 "\nX-Long: " + "b" * (1 << 20) + "\n\n<l@x.example>: 550 5.1.1 user unknown\n")
    rec = one_record("1 MB header lines", path)
    check("1 MB header: fields cut at 4096 bytes",
          all(len(v or "") <= 4096 for v in rec.get("original", {}).values()), "")


def test_huge_header_block():
    """A header block larger than explain holds (256 KB): the fields past
    it are dropped, and the record says how many (en, zh, the terminal)."""
    path = write("hugehdr.eml", "From: MAILER-DAEMON@x.example\nSubject: fail\n" +
                 "".join("X-Junk-%05d: y\n" % i for i in range(40000)) +
                 "Content-Type: text/plain\n\n<h@x.example>: 550 5.1.1 user unknown\n")
    rec = one_record("40,000 header fields", path, "failure")
    notes = rec.get("notes", [])
    check("40,000 header fields: a note says how many were not read",
          len(notes) == 1 and notes[0].startswith(
              "Its header block is larger than 256 KB: ") and
          notes[0].endswith(" header fields past that were not read.") and
          rec["recipients"][0]["address"] == "h@x.example", notes)
    n = int(notes[0].split(": ")[1].split()[0]) if notes else 0
    rc, out, err, rss = run(["--json", "--lang", "zh", path])
    zh = json.loads(out).get("notes", []) if rc == 0 else []
    check("the note in Chinese, the same count",
          zh == ["邮件头超过 256 KB：其后的 %d 个头字段未读取。" % n], zh)
    rc, out, err, rss = run([path])
    check("the note on the terminal", rc == 0 and "  ! Its header block is "
          "larger than 256 KB: %d header" % n in out, out)
    rc, out, err, rss = run(["--json", write("small.eml", "From: MAILER-DAEMON@x.example\n"
                                             "Subject: fail\n\n<h@x.example>: 550 5.1.1 "
                                             "user unknown\n")])
    check("a small header block: no note",
          rc == 0 and json.loads(out).get("notes") == [], out)


def test_big_mbox():
    msg = (DSN_HEAD + "Final-Recipient: rfc822; u@x.example\nAction: failed\n"
           "Status: 5.2.2\n--b--\n")
    small = write("small.mbox", "".join("From MAILER-DAEMON Mon Nov 30 00:00:00 2026\n" + msg + "\n"
                                        for _ in range(1000)))
    big = os.path.join(TMP, "big.mbox")
    with open(big, "w") as f:
        for _ in range(100000):
            f.write("From MAILER-DAEMON Mon Nov 30 00:00:00 2026\n" + msg + "\n")
    rc1, out1, _, rss1 = run(["--json", small])
    rc2, out2, err2, rss2 = run(["--json", big], timeout=900)
    n2 = out2.count("\n")
    check("mbox of 100,000 messages: every one read", rc2 == 0 and n2 == 100000, (rc2, n2, err2[-200:]))
    check("mbox streamed: RSS %d MB for 100,000 vs %d MB for 1,000" % (rss2 // 1024, rss1 // 1024),
          rc1 == 0 and rss2 < rss1 * 2 + 8192, (rss1, rss2))
    os.unlink(big)


def test_binary_empty_missing():
    rnd = random.Random(11)
    path = write("binary.bin", bytes(rnd.getrandbits(8) for _ in range(200000)))
    rc, out, err, rss = run(["--json", path])
    check("binary file: refused, exit 65, says it is binary data (not a message)",
          rc == 65 and out == "" and "binary data" in err,
          (rc, out[:300], err[-200:]))
    rc, out, err, rss = run(["--json", write("empty.eml", b"")])
    check("empty file: exit 65, says empty", rc == 65 and "empty" in err and out == "", (rc, err))
    rc, out, err, rss = run(["--json", os.path.join(TMP, "missing.eml")])
    check("missing file: exit 66", rc == 66 and "No such file" in err, (rc, err))
    rc, out, err, rss = run(["--json", os.path.join(TMP, "missing.eml"),
                             write("ok.eml", "From: a@b.example\nSubject: hi\n\nhello\n")])
    check("missing file beside a good one: the good one read, exit 66",
          rc == 66 and out.count("\n") == 1, (rc, out, err))
    rc, out, err, rss = run([])
    check("no FILE: usage, exit 64", rc == 64 and "explain --help" in err, (rc, err))


def test_stdin_pasted():
    rc, out, err, rss = run(["--json", "-"], stdin="Delivery has failed to these recipients or groups:\n\n"
                            "wrong@customer.example\nRemote Server returned '550 5.1.1 User unknown'\n".encode())
    rec = json.loads(out) if rc == 0 else {}
    check("pasted text on stdin: the recipient and code read",
          rec.get("kind") == "failure" and rec["recipients"][0]["address"] == "wrong@customer.example"
          and rec["recipients"][0]["code"] == 550, (rc, out, err))
    rc, out, err, rss = run(["-"], stdin=b"\x1b[31mred <e@x.example>: 550 5.1.1 \x1b]0;title\x07 unknown\n")
    check("terminal output: control characters escaped", rc == 0 and "\x1b" not in out and
          "\x07" not in out and "\\x1b" in out.lower(), out)


for t in (test_big_message, test_big_text_bounce, test_cut_text_said,
          test_cut_text_of_dsn, test_many_parts,
          test_deep_nesting, test_many_recipients,
          test_broken_encodings, test_charsets, test_nul_and_long_headers, test_huge_header_block,
          test_big_mbox,
          test_binary_empty_missing, test_stdin_pasted):
    guarded(t)
subprocess.run(["rm", "-rf", TMP])
sys.exit(finish("test_explain_hostile"))
