#!/usr/bin/env python3
"""test_qa_inputs.py - bad inputs a user meets, found on a fresh-eyes pass,
against the running lab (test/lab/up).

Covers: `mxtrace report -o FILE FILE` (the report written over its own
input) is refused with exit 73, one message in en and zh, and the records
are left byte for byte as they were, however the path is spelled; the
terminal trace under --lang zh of a server that never greets says its
timeout in Chinese; a --resume that keeps the first run's detected
encoding does not say it was given with --encoding; a --resume after a
first run with --column and --lang but no --csv keeps that column and
language (a null "csv" in FILE.meta lost them all: "no address column");
a ZIP archive that is no Excel workbook (no package relationships) and an
old Excel workbook (.xls) are refused (exit 65) with how to save a CSV, in en
and zh, not read as rows of invalid addresses (a real .xlsx is read:
test_verify_xlsx);
report's exit statuses are exitcode.h's: 66 an input cannot be read, 73 the
page cannot be created (a missing folder, a directory), 74 it cannot be
written whole (/dev/full), never 1 (which means "a definite no"); probe
and sender whose output cannot be written (stdout on /dev/full) say so and
exit 74, not 0 ("deliverable") with an answer nobody received, and verify
names the file (standard output) in en and zh; verify --retry-after 0 (a greylisting server retried at once, again and again) and
--column 0, -1 or "" are usage errors (exit 64) in en and zh; a value
given to an option that takes none (--json=1) is said as that, not as an
unknown option, in every command (en, zh); an option naming a file or
a fact about the input (explain --folder, sender --message, --html and
--dnsbl-list, report -o, probe --html, verify -o, --csv, --column,
--encoding and --shard) given twice with two values is refused (exit 64,
en and zh), a setting given twice takes the last (--lang, --title,
--timeout); `mxtrace
ADDRESS` and `mxtrace LIST` (the command forgotten) name the command meant;
`mxtrace --lang zh --help`, a --lang before any command and a --lang
after a command's --help apply; verify stopped by SIGINT or SIGTERM under
--lang zh names the signal in Chinese (strsignal's English "Interrupt"
was printed inside the Chinese sentence), and only after a Ctrl-C says to
press Ctrl-C again; verify interrupted while
writing its records to standard output says to run it with -o FILE
(--resume cannot continue standard output), in en and zh; a --helo
of a big provider or one of its hosts (qq.com, smtp.exmail.qq.com,
163.com, gmail.com) is warned as not the user's; verify's summary
counts a failed proxy or filtered port 25 apart from the refusals of
where the check ran from, with advice of its own; its warning that the
proxy failed names the reason and stage in Chinese as the zh CSV does; a CSV without an address column
read under --lang zh in a guessed encoding says so all in Chinese (not
"按 GB18030, a guess 读取"); a --proxy host that cannot be found says why in
Chinese under --lang zh (getaddrinfo's English was printed); report of
one file given twice counts its addresses once, standard input given
twice is refused (exit 64, en and zh) and given once is named "standard
input" on the page, and records saved again
with a UTF-8 BOM are read; its header names the list verify checked (from
FILE.meta) and the results file, not the results as "Input file", and
lists several with the page's own comma; verify whose output will be refused says so
before a word about reading the list, an output named "" before any
work; an input named "" (verify, report, explain, sender --message)
says so, and a list with nothing to probe is said before (and without)
the warning about the HELO name; records already in -o FILE without
--resume are met with advice --resume bears out (the list changed since,
no .meta or other options: not "add --resume"), an -o FILE whose folder
takes no FILE.meta and a --resume of another list or options are
refused before the list is read; every domain
refused at connect (a firewall that resets port 25) is warned of as a
port 25 block, once, en and zh.  Prints one line per check and exits 1 when any failed.
"""

import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from labcheck import (BIN, RESOLVER, RUN, SIGINT_DEFAULT, check, finish,
                      guarded, typed_on_pty)

TMP = tempfile.mkdtemp(prefix="mxtrace-qa-")
LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
       "--helo", "probe.lab.test"]


def path(name):
    return os.path.join(TMP, name)


def run(*args, lang=None):
    env = dict(os.environ)
    if lang:
        env["LANG"] = lang
    return subprocess.run([BIN] + list(args), capture_output=True,
                          timeout=120, env=env)


def records():
    """A real verify output of two rows: the input of the report cases."""
    with open(path("list.txt"), "w") as f:
        f.write("alice@ok.test\nnobody@ok.test\n")
    r = run("verify", *LAB, "-q", "--force", "-o", path("r.jsonl"),
            path("list.txt"))
    check("verify writes the records the report cases read",
          r.returncode == 0, r.stderr[-300:])
    with open(path("r.jsonl"), "rb") as f:
        return f.read()


def test_report_over_input():
    before = records()
    for out, lang, word in ((path("r.jsonl"), None, b"input"),
                            (os.path.join(TMP, ".", "r.jsonl"), "zh_CN.UTF-8",
                             "输入".encode())):
        r = run("report", "-o", out, path("r.jsonl"), lang=lang)
        with open(path("r.jsonl"), "rb") as f:
            after = f.read()
        check("report -o %s (its own input, LANG=%s): exit 73, one line "
              "naming the file, records untouched" % (out, lang),
              r.returncode == 73 and after == before and
              len(r.stderr.splitlines()) == 1 and
              out.encode() in r.stderr and word in r.stderr,
              "rc %d, stderr %r, records changed %s" %
              (r.returncode, r.stderr[-300:], after != before))
    with open(path("bom.jsonl"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + before)
    r = run("report", "-o", path("bom.html"), path("bom.jsonl"))
    check("report of records saved again with a UTF-8 BOM (Notepad): read",
          r.returncode == 0 and b"2 addresses" in r.stderr,
          "rc %d, %r" % (r.returncode, r.stderr[-300:]))
    r = run("report", "-o", path("twice.html"), path("r.jsonl"),
            os.path.join(TMP, ".", "r.jsonl"))
    check("report of one file given twice: its 2 addresses counted once",
          r.returncode == 0 and b"2 addresses" in r.stderr and
          b"read once" in r.stderr, "rc %d, %r" % (r.returncode,
                                                    r.stderr[-300:]))
    # standard input is read once: a second - is refused before anything
    # is read or written, and the page names it as every message does
    for lang, name in (("en", "standard input"), ("zh", "标准输入")):
        r = subprocess.run([BIN, "report", "--lang", lang, "-o",
                            path("in.html"), "-", "-"], input=before,
                           capture_output=True, timeout=120)
        err = r.stderr.decode("utf-8", "replace")
        check("report - - (%s): exit 64, says - (%s) is given more than "
              "once, no page" % (lang, name), r.returncode == 64 and
              "-" in err and name in err and
              len(err.strip().splitlines()) == 2 and
              not os.path.exists(path("in.html")),
              "rc %d, %r" % (r.returncode, err[-300:]))
        r = subprocess.run([BIN, "report", "--lang", lang, "-o",
                            path("in.html"), "-"], input=before,
                           capture_output=True, timeout=120)
        page = open(path("in.html"), encoding="utf-8").read() \
            if r.returncode == 0 else ""
        check("report - (%s): the page names its input %s, not -"
              % (lang, name), r.returncode == 0 and
              "</dt><dd>%s</dd>" % name in page.replace("\n", ""),
              "rc %d, %r" % (r.returncode, r.stderr[-300:]))
        if r.returncode == 0:
            os.unlink(path("in.html"))
    r = run("report", "-o", path("r.html"), path("r.jsonl"))
    check("report -o another file still writes the page",
          r.returncode == 0 and os.path.getsize(path("r.html")) > 0,
          r.stderr[-300:])
    # its header names the list verify checked (from r.jsonl.meta) and the
    # results file it reads, not the results file as "Input file"; two
    # files, in each language
    page = open(path("r.html"), encoding="utf-8").read().replace("\n", "")
    check("report of one verify output: its header names the list checked "
          "and the results file",
          "<dt>List checked</dt><dd>%s</dd>" % path("list.txt") in page and
          "<dt>Results file</dt><dd>%s</dd>" % path("r.jsonl") in page and
          "Input file" not in page, page[:1500])
    r = run("report", "--lang", "zh", "-o", path("two.html"), path("r.jsonl"),
            path("bom.jsonl"))
    page = open(path("two.html"), encoding="utf-8").read().replace("\n", "")
    check("report zh of two files: named with a Chinese comma, the list "
          "checked once (bom.jsonl has no FILE.meta)",
          r.returncode == 0 and "r.jsonl，" in page and ", " +
          path("bom.jsonl") not in page and
          "<dt>检测的清单</dt><dd>%s</dd>" % path("list.txt") in page and
          "<dt>结果文件</dt><dd>%s，%s</dd>" % (path("r.jsonl"),
                                           path("bom.jsonl")) in page,
          (r.stderr[-300:], page[:1500]))
    open(path("empty.jsonl"), "w").close()
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        r = run("report", "-o", path("e.html"), path("empty.jsonl"),
                lang=lang)
        check("report of an empty file (LANG=%s): exit 65, one line, no "
              "page" % lang, r.returncode == 65 and
              len(r.stderr.splitlines()) == 1 and
              (b"\xe8\xae\xb0\xe5\xbd\x95" in r.stderr  # 记录
               if lang.startswith("zh") else b"no records" in r.stderr) and
              not os.path.exists(path("e.html")),
              "rc %d, %r" % (r.returncode, r.stderr[-300:]))
    for args, want in (([path("r.html"), path("gone.jsonl")], 66),
                       ([path("no-folder/r.html"), path("r.jsonl")], 73),
                       ([TMP, path("r.jsonl")], 73),
                       (["/dev/full", path("r.jsonl")], 74)):
        r = run("report", "-o", *args)
        check("report -o %s %s: exit %d, one line" % (args[0], args[1], want),
              r.returncode == want and len(r.stderr.splitlines()) == 1,
              "rc %d, %r" % (r.returncode, r.stderr[-300:]))


def test_zh_timeout_step():
    r = subprocess.run([BIN, "probe", "--lang", "zh", *LAB[:-4],
                        "--timeout", "1s", "--helo", "probe.lab.test",
                        "x@silent.test"], capture_output=True, timeout=60)
    out = r.stdout.decode()
    step = [l for l in out.splitlines() if "毫秒  !" in l]
    check("probe --lang zh, silent server: the timed-out step is said in "
          "Chinese", r.returncode == 2 and len(step) == 1 and
          "超时" in step[0] and "timeout" not in step[0],
          "rc %d, %r" % (r.returncode, step or out[-400:]))


def test_resume_encoding_said():
    records()
    r = run("verify", *LAB, "--resume", "-o", path("r.jsonl"),
            path("list.txt"))
    err = r.stderr.decode()
    check("verify --resume without --encoding: the encoding is said to be "
          "the first run's, not --encoding's",
          r.returncode == 0 and "read as UTF-8 (as in the first run)" in err
          and "--encoding" not in err, err[-400:])
    r = run("verify", *LAB, "--resume", "--encoding", "UTF-8", "-o",
            path("r.jsonl"), path("list.txt"))
    check("verify --resume --encoding UTF-8: said to be --encoding's",
          r.returncode == 0 and b"read as UTF-8 (--encoding)" in r.stderr,
          r.stderr[-400:])


def test_resume_keeps_column():
    with open(path("named.csv"), "w") as f:
        f.write("name,addr\nAlice,alice@ok.test\nNo,nobody@ok.test\n")
    first = run("verify", *LAB, "-q", "--column", "2", "--lang", "zh",
                "-o", path("c.jsonl"), path("named.csv"))
    r = run("verify", *LAB, "--resume", "-o", path("c.jsonl"),
            path("named.csv"))
    err = r.stderr.decode()
    with open(path("c.jsonl")) as f:
        n = sum(1 for _ in f)
    check("verify --resume after --column 2 --lang zh (no --csv): the "
          "column and the language of the first run are kept",
          first.returncode == 0 and r.returncode == 0 and n == 2 and
          "完成" in err and "column" not in err,
          "rc %d/%d, %d records, %r" % (first.returncode, r.returncode, n,
                                        err[-400:]))
    for lang, word in (("en", "was made with --column 2, not 1: leave "
                        "--column out"),
                       ("zh", "是用 --column 2 生成的，不是 1：请去掉 --column")):
        r = run("verify", *LAB, "--lang", lang, "--resume", "--column", "1",
                "-o", path("c.jsonl"), path("named.csv"))
        err = r.stderr.decode()
        with open(path("c.jsonl")) as f:
            n = sum(1 for _ in f)
        check("verify --resume with another --column: refused, exit 73, the "
              "records kept (%s)" % lang,
              r.returncode == 73 and word in err and n == 2,
              "rc %d, %d records, %r" % (r.returncode, n, err[-400:]))


def test_workbook_refused():
    import zipfile
    with zipfile.ZipFile(path("customers.xlsx"), "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/sharedStrings.xml",
                   "<sst><si><t>alice@ok.test</t></si></sst>")
    with open(path("customers.xls"), "wb") as f:
        f.write(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) +
                b"alice@ok.test\n")
    for name, lang, word in (("customers.xlsx", None, b"CSV UTF-8"),
                             ("customers.xls", "zh", "另存为".encode())):
        out = path(name + ".jsonl")
        extra = ["--lang", lang] if lang else []
        r = run("verify", *LAB, *extra, "-o", out, path(name))
        check("verify %s (lang %s): exit 65, says it is no workbook it "
              "reads and how to save a CSV, no record" % (name, lang),
              r.returncode == 65 and word in r.stderr and
              (not os.path.exists(out) or os.path.getsize(out) == 0),
              "rc %d, %r" % (r.returncode, r.stderr[-400:]))


def test_stdout_full():
    for args in (["probe", *LAB, "--json", "alice@ok.test"],
                 ["probe", *LAB, "alice@ok.test"],
                 ["sender", *LAB, "--no-inbound", "--json", "ok.test"],
                 ["sender", *LAB, "--no-inbound", "ok.test"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([BIN] + args, stdout=full,
                               stderr=subprocess.PIPE, timeout=120)
        check("%s > /dev/full: exit 74, says the output cannot be written"
              % " ".join(a for a in args if a not in LAB),
              r.returncode == 74 and b"cannot write the output" in r.stderr,
              "rc %d, %r" % (r.returncode, r.stderr[-300:]))
    # verify names the file it could not write: here standard output
    with open(path("full.txt"), "w") as f:
        f.write("alice@ok.test\n")
    for lang, said in (("en", "cannot write standard output: "),
                       ("zh", "无法写入 标准输出：")):
        with open("/dev/full", "w") as full:
            r = subprocess.run([BIN, "verify", *LAB, "-q", "--lang", lang,
                                path("full.txt")], stdout=full,
                               stderr=subprocess.PIPE, timeout=120)
        err = r.stderr.decode("utf-8", "replace")
        check("verify > /dev/full (%s): exit 74, names standard output" %
              lang, r.returncode == 74 and said in err,
              "rc %d, %r" % (r.returncode, err[-300:]))


def test_bad_option_values():
    for opt, val in (("--retry-after", "0"), ("--retry-after", "500ms"),
                     ("--column", "0"), ("--column", "-1"), ("--column", "")):
        for lang, word in ((None, opt.encode()), ("zh", "而不是".encode())):
            extra = ["--lang", lang] if lang else []
            r = run("verify", *LAB, *extra, opt, val, "-o",
                    path("opt.jsonl"), path("list.txt"))
            check("verify %s '%s' (lang %s): exit 64, says what is wrong"
                  % (opt, val, lang),
                  r.returncode == 64 and word in r.stderr and
                  not os.path.exists(path("opt.jsonl")),
                  "rc %d, %r" % (r.returncode, r.stderr[-300:]))


def test_option_value_missing():
    """An option left without its value is said as that, apart from an
    unknown one, in every command and in Chinese."""
    for cmd, opt in (("probe", "--helo"), ("verify", "-o"),
                     ("verify", "--column"), ("report", "--title"),
                     ("explain", "--folder"), ("sender", "--ip"),
                     (None, "--lang")):
        for lang, said in ((None, b"%s needs a value" % opt.encode()),
                           ("zh_CN.UTF-8", ("%s 缺少值" % opt).encode())):
            r = run(*([cmd] if cmd else []), opt, lang=lang)
            err = r.stderr.decode("utf-8", "replace")
            check("mxtrace %s %s (LANG=%s): exit 64, the value is missing, "
                  "one line and the hint" % (cmd or "", opt, lang),
                  r.returncode == 64 and said in r.stderr and
                  b"unknown" not in r.stderr and "未知" not in err and
                  len(err.strip().splitlines()) == 2,
                  "rc %d, %r" % (r.returncode, err[:300]))
    # a value given to an option that takes none is said as that, in
    # every command and in Chinese, not as an unknown option
    for cmd, opt in (("probe", "--json"), ("verify", "--force"),
                     ("report", "--help"), ("explain", "--json"),
                     ("explain", "--redact"), ("sender", "--json"),
                     ("probe", "--no-tls")):
        for lang, said in ((None, b"%s takes no value" % opt.encode()),
                           ("zh_CN.UTF-8", ("%s 不接受值" % opt).encode())):
            r = run(cmd, opt + "=1", "x", lang=lang)
            err = r.stderr.decode("utf-8", "replace")
            check("mxtrace %s %s=1 (LANG=%s): exit 64, the option takes "
                  "no value, one line and the hint" % (cmd, opt, lang),
                  r.returncode == 64 and said in r.stderr and
                  b"unknown" not in r.stderr and "未知" not in err and
                  len(err.strip().splitlines()) == 2,
                  "rc %d, %r" % (r.returncode, err[:300]))
    for cmd in ("probe", "verify", "report", "explain", "sender"):
        r = run(cmd, "--bogus", "x")
        check("mxtrace %s --bogus: exit 64, an unknown option" % cmd,
              r.returncode == 64 and b"unknown option: --bogus" in r.stderr,
              "rc %d, %r" % (r.returncode, r.stderr[:300]))


def test_option_twice():
    """An option naming a file or a fact about the input given twice with
    two values is refused (exit 64, en and zh, nothing read or written):
    which was meant cannot be known and one file would silently be left
    out; the same value twice is taken once.  A setting given twice takes
    the last value, as a wrapper's default overridden by its caller, in
    every command alike."""
    eml = path("twice.eml")
    with open(eml, "w") as f:
        f.write("From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\n"
                "<a@example.com>: 550 5.1.1 no such user\n")
    rec = run("explain", "--json", eml).stdout
    with open(path("twice.jsonl"), "wb") as f:
        f.write(rec)
    for cmd, opt, a, b, rest in (
            ("explain", "--folder", "spam", "inbox", [eml]),
            ("sender", "--message", eml, path("other.eml"),
             ["example.com"]),
            ("sender", "--html", path("s1.html"), path("s2.html"),
             ["example.com"]),
            ("sender", "--dnsbl-list", eml, path("other.json"),
             ["example.com"]),
            ("report", "-o", path("r1.html"), path("r2.html"),
             [path("twice.jsonl")]),
            ("report", "--output", path("r1.html"), path("r2.html"),
             [path("twice.jsonl")]),
            ("probe", "--html", path("p1.html"), path("p2.html"),
             ["alice@ok.test"]),
            ("verify", "-o", path("v1.jsonl"), path("v2.jsonl"),
             [eml]),
            ("verify", "--csv", path("v1.csv"), path("v2.csv"), [eml]),
            ("verify", "--column", "email", "2", [eml]),
            ("verify", "--encoding", "UTF-8", "GB18030", [eml]),
            ("verify", "--shard", "1/2", "2/2", [eml])):
        name = "--output" if opt == "-o" else opt
        for lang, said in ((None, "%s is given twice, as '%s' and as '%s': "
                            "give it once" % (name, a, b)),
                           ("zh_CN.UTF-8", "%s 给了两次，一次是“%s”，一次是“%s”"
                            "：只能给一次" % (name, a, b))):
            r = run(cmd, opt, a, opt, b, *rest, lang=lang)
            err = r.stderr.decode("utf-8", "replace")
            check("mxtrace %s %s %s %s %s (LANG=%s): exit 64, said, one "
                  "line and the hint, nothing written" % (cmd, opt, a, opt,
                                                          b, lang),
                  r.returncode == 64 and said in err and r.stdout == b"" and
                  len(err.strip().splitlines()) == 2 and
                  not any(os.path.exists(path(n)) for n in (
                      "r1.html", "r2.html", "p1.html", "p2.html", "s1.html",
                      "s2.html", "v1.jsonl", "v2.jsonl")),
                  "rc %d, %r" % (r.returncode, err[:300]))
    r = run("explain", "--folder", "spam", "--folder", "spam", "--json", eml)
    check("explain --folder spam --folder spam: the same value, taken once",
          r.returncode == 0 and len(r.stdout.splitlines()) == 1,
          "rc %d, %r" % (r.returncode, r.stderr[:300]))
    # settings: the last wins, in every command the same
    r = run("explain", "--lang", "zh", "--lang", "en", eml)
    check("explain --lang zh --lang en: English, the last",
          r.returncode == 0 and b"Recipient" in r.stdout and
          "收件人".encode() not in r.stdout, r.stdout[:300])
    r = run("report", "--title", "First", "--title", "Second", "-o",
            path("t.html"), path("twice.jsonl"))
    with open(path("t.html"), encoding="utf-8") as f:
        page = f.read()
    check("report --title First --title Second: the page is titled Second",
          r.returncode == 0 and "Second" in page and "First" not in page,
          "rc %d, %r" % (r.returncode, r.stderr[:300]))
    r = run("probe", "--json", *LAB, "--timeout", "1s", "--timeout", "5s",
            "alice@ok.test")
    check("probe --timeout 1s --timeout 5s after the lab's own: taken, "
          "probed", r.returncode == 0 and b'"deliverable"' in r.stdout,
          "rc %d, %r" % (r.returncode, r.stderr[:300]))


def test_ca_file_der():
    """A --ca-file in DER (a browser's export) is said alone, before any
    query or warning, with how to convert it, in Chinese too."""
    with open(os.path.join(RUN, "tls", "ca.pem")) as f:
        pem = f.read()
    body = pem.split("-----BEGIN CERTIFICATE-----")[1].split("-----END")[0]
    with open(path("ca.der"), "wb") as f:
        f.write(base64.b64decode("".join(body.split())))
    for cmd, arg in (("probe", "alice@ok.test"), ("sender", "ok.test")):
        for lang, said in (("en", b"no certificate in PEM form"),
                           ("zh", "没有 PEM 格式的证书".encode())):
            r = run(cmd, *LAB, "--lang", lang, "--ca-file", path("ca.der"),
                    arg)
            check("%s --ca-file DER (%s): exit 64, one line naming the file "
                  "and the conversion" % (cmd, lang),
                  r.returncode == 64 and said in r.stderr and
                  b"ca.der" in r.stderr and b"-inform der" in r.stderr and
                  len(r.stderr.strip().splitlines()) == 1 and
                  r.stdout == b"",
                  "rc %d, %r" % (r.returncode, r.stderr[:400]))


def test_paste_hint():
    """verify - at a terminal says how to end the list (else it looks
    hung); from a pipe it says nothing of it."""
    for lang, word in (("C.UTF-8", b"Ctrl-D"),
                       ("zh_CN.UTF-8", "粘贴地址".encode())):
        rc, out, err = typed_on_pty([BIN, "verify", *LAB, "-"],
                                    b"alice@ok.test\n\x04",
                                    env=dict(os.environ, LANG=lang))
        check("verify - at a terminal (LANG=%s): says to end with Ctrl-D, "
              "then checks the address typed" % lang,
              rc == 0 and word in err and b'"alice@ok.test"' in out,
              (rc, err[-300:], out[:200]))
    r = subprocess.run([BIN, "verify", *LAB, "-q", "-"],
                       input=b"alice@ok.test\n", capture_output=True,
                       timeout=60)
    check("verify - from a pipe: no typing hint", r.returncode == 0 and
          b"Ctrl-D" not in r.stderr, r.stderr[-300:])


def test_command_forgotten():
    for word, lang, want in (("alice@ok.test", None,
                              b"mxtrace probe alice@ok.test"),
                             (path("list.txt"), "zh_CN.UTF-8",
                              ("mxtrace verify %s -o" % path("list.txt"))
                              .encode())):
        r = run(word, lang=lang)
        check("mxtrace %s (no command, LANG=%s): exit 64 naming the command "
              "meant" % (word, lang), r.returncode == 64 and want in r.stderr,
              "rc %d, %r" % (r.returncode, r.stderr[:300]))


def test_leading_lang():
    """--lang before the command: the overview and the command in it."""
    r = run("--lang", "zh", "--help", lang="C")
    check("mxtrace --lang zh --help: the overview in Chinese, exit 0",
          r.returncode == 0 and "用法".encode() in r.stdout,
          "rc %d, %r" % (r.returncode, (r.stdout + r.stderr)[:200]))
    r = run("--lang=zh", "explain", "--help", lang="C")
    check("mxtrace --lang=zh explain --help: explain's help in Chinese",
          r.returncode == 0 and "退信".encode() in r.stdout,
          "rc %d, %r" % (r.returncode, (r.stdout + r.stderr)[:200]))
    r = run("--lang", "zh", "probe", lang="C")
    check("mxtrace --lang zh probe (no address): the usage error in Chinese",
          r.returncode == 64 and "需要".encode() in r.stderr,
          "rc %d, %r" % (r.returncode, r.stderr[:200]))
    for cmd in ("probe", "verify", "report", "sender", "explain"):
        r = run(cmd, "--help", "--lang", "zh", lang="C")
        check("mxtrace %s --help --lang zh: the help in Chinese" % cmd,
              r.returncode == 0 and "用法".encode() in r.stdout,
              "rc %d, %r" % (r.returncode, (r.stdout + r.stderr)[:120]))
    r = run("--lang", "xx", "--help", lang="C")
    check("mxtrace --lang xx --help: exit 64 naming the value",
          r.returncode == 64 and b"'xx'" in r.stderr,
          "rc %d, %r" % (r.returncode, r.stderr[:200]))


def test_signal_said():
    with open(path("grey.txt"), "w") as f:
        f.write("alice@ok.test\ngrey@greylist.test\n")
    for sig, zh, again in ((signal.SIGINT, "已中断", "Ctrl-C"),
                           (signal.SIGTERM, "已终止", "再收到一次信号")):
        out = path("grey%d.jsonl" % sig)
        p = subprocess.Popen([BIN, "verify", *LAB, "--lang", "zh", "--force",
                              "-o", out, path("grey.txt")],
                             stderr=subprocess.PIPE, preexec_fn=SIGINT_DEFAULT)
        # signalled once a record is on disk (bounded): the greylisted
        # row then waits minutes for its retry
        end = time.monotonic() + 20
        while time.monotonic() < end and (
                not os.path.exists(out) or os.path.getsize(out) == 0):
            time.sleep(0.05)
        p.send_signal(sig)
        err = p.communicate(timeout=60)[1].decode()
        said = [l for l in err.splitlines() if "QUIT" in l]
        check("verify --lang zh, %s: the signal said in Chinese, exit 3" %
              signal.Signals(sig).name, p.returncode == 3 and
              len(said) == 1 and zh in said[0] and
              not any(c.isascii() and c.isalpha() for c in
                      said[0].split("：")[1]),
              "rc %s, %r" % (p.returncode, said or err[-300:]))
        # nobody pressed Ctrl-C to send a SIGTERM: not told to press again
        check("verify --lang zh, %s: how to stop at once fits the signal" %
              signal.Signals(sig).name, len(said) == 1 and again in said[0],
              "rc %s, %r" % (p.returncode, said or err[-300:]))


def test_interrupted_to_stdout():
    """Records on standard output cannot be resumed: an interrupted run
    says to use -o FILE, not "run this command" with --resume (which
    is refused: --resume needs -o FILE)."""
    with open(path("grey.txt"), "w") as f:
        f.write("alice@ok.test\ngrey@greylist.test\n")
    for lang, words in (("en", "run again with -o FILE"),
                        ("zh", "请加 -o 文件 重新运行")):
        out = path("stdout-%s.jsonl" % lang)
        with open(out, "wb") as fp:
            p = subprocess.Popen([BIN, "verify", *LAB, "--lang", lang,
                                  path("grey.txt")], stdout=fp,
                                 stderr=subprocess.PIPE,
                                 preexec_fn=SIGINT_DEFAULT)
            end = time.monotonic() + 20
            while time.monotonic() < end and os.path.getsize(out) == 0:
                time.sleep(0.05)
            p.send_signal(signal.SIGINT)
            err = p.communicate(timeout=60)[1].decode()
        check("verify to standard output, interrupted (%s): says to write "
              "the records with -o FILE, not to run it again with --resume"
              % lang, p.returncode == 3 and words in err and
              "run this command" not in err and
              "请运行这条命令" not in err,
              "rc %s, %r" % (p.returncode, err[-400:]))
    r = run("verify", *LAB, "--resume", path("grey.txt"))
    check("verify --resume without -o: a usage error", r.returncode == 64,
          r.returncode)


def test_borrowed_helo():
    """A HELO name of a big mail provider (or a host of it, such as its
    SMTP server) is a forged identity: warned, the Chinese providers a
    user here would borrow as much as Gmail."""
    base = ["--json", "--resolver", RESOLVER, "--allow-private",
            "--timeout", "5s"]
    for helo, warned in (("gmail.com", True), ("qq.com", True),
                         ("smtp.exmail.qq.com", True), ("SMTP.163.com", True),
                         ("mx.aliyun.com", True), ("probe.lab.test", False),
                         ("myqq.com", False)):
        r = run("probe", *base, "--helo", helo, "alice@ok.test")
        try:
            w = json.loads(r.stdout)["warnings"]
        except (ValueError, KeyError):
            w = None
        check("probe --helo %s: %s" % (helo, "warned as not yours" if warned
                                       else "no borrowed-name warning"),
              w is not None and any("is not yours" in x for x in w) == warned,
              w if w is not None else r.stderr[-300:])


def test_tester_summary_split():
    """verify's summary counts the tester's own problems apart: a proxy
    that refused the login is not "refused because of where the check ran
    from" with advice on --helo and PTR, but the network or the proxy;
    a blocklisted IP keeps that advice."""
    with open(path("two.txt"), "w") as f:
        f.write("alice@ok.test\nbob@exim.test\n")
    bad = "socks5://mxtrace-proxy:wrong@127.0.108.2:1080"
    for lang, net, ran in (("en", "Not reached because of this network or "
                            "your proxy", "where the check ran from"),
                           ("zh", "因本机网络或代理而没能连上",
                            "运行检测的机器被拒收")):
        r = run("verify", *LAB, "--lang", lang, "--proxy", bad, "--force",
                "-o", path("two-%s.jsonl" % lang), path("two.txt"))
        err = r.stderr.decode()
        check("verify --lang %s, the proxy's login refused: the summary "
              "says network or proxy, not where the check ran from" % lang,
              r.returncode == 0 and net in err and ran not in err,
              err[-600:])
        if lang == "zh":
            # the warning names the reason and the stage as the Chinese
            # CSV does, not by their JSON names
            warn = [l for l in err.splitlines() if "--proxy" in l]
            rest = warn[0].replace("mxtrace verify", "").replace(
                "--proxy", "") if warn else "?"
            check("verify --lang zh, the proxy's login refused: the warning "
                  "is all Chinese (reason 代理拒绝了登录, stage 代理服务器)",
                  "代理拒绝了登录" in rest and "代理服务器" in rest and
                  not any(c.isascii() and c.isalpha() for c in rest), warn)
    with open(path("blocked.txt"), "w") as f:
        f.write("alice@blocked.test\n")
    r = run("verify", *LAB, "--force", "-o", path("blocked.jsonl"),
            path("blocked.txt"))
    err = r.stderr.decode()
    check("verify, a blocklisted IP: still 'where the check ran from' with "
          "the --helo advice, no network line", "where the check ran from"
          in err and "--helo NAME" in err and "Not reached" not in err,
          err[-600:])


def test_no_column_zh():
    with open(path("nocol.csv"), "wb") as f:
        f.write("姓名,公司\r\n张三,甲公司\r\n".encode("gb18030"))
    for enc, zh in (([], "推测的 GB18030"), (["--encoding", "GB18030"],
                                            "按 GB18030 读取")):
        r = run("verify", *LAB, "--lang", "zh", *enc, "-o",
                path("nocol.jsonl"), path("nocol.csv"))
        err = r.stderr.decode()
        check("verify --lang zh%s, no address column: exit 65, the "
              "encoding said in Chinese" % "".join(" " + e for e in enc),
              r.returncode == 65 and zh in err and "guess" not in err,
              "rc %d, %r" % (r.returncode, err[-300:]))


def test_proxy_not_found_zh():
    r = run("probe", *LAB, "--lang", "zh", "--proxy",
            "socks5://nosuch.invalid:1080", "alice@ok.test")
    err = r.stderr.decode()
    line = [l for l in err.splitlines() if "--proxy" in l]
    rest = line[0].replace("--proxy", "").replace("nosuch.invalid", "") \
        .replace("mxtrace probe", "") if line else ""
    check("probe --lang zh, a --proxy host not found: one line, the cause "
          "in Chinese", r.returncode == 70 and len(line) == 1 and
          "找不到代理" in rest and
          not any(c.isascii() and c.isalpha() for c in rest),
          "rc %d, %r" % (r.returncode, err[-300:]))


def test_output_refused_first():
    """verify whose output will be refused (a read-only place, records
    there and neither --resume nor --force, a folder) says only that: no
    word first about how the list was read (GB18030), in en and zh."""
    with open(path("gb.csv"), "wb") as f:
        f.write("客户,邮箱\n张三,alice@ok.test\n".encode("gb18030"))
    with open(path("full.jsonl"), "w") as f:
        f.write('{"address": "x@ok.test"}\n')
    for args in (["-o", "/sys/mxtrace-qa.jsonl"],
                 ["-o", path("full.jsonl")], ["-o", TMP],
                 ["--csv", "/sys/mxtrace-qa.csv", "-o", path("new.jsonl")]):
        for lang in ("C.UTF-8", "zh_CN.UTF-8"):
            r = run("verify", *LAB, *args, path("gb.csv"), lang=lang)
            err = r.stderr.decode()
            check("verify %s (LANG=%s): exit 73, the refusal alone, no "
                  "note on reading the list" % (" ".join(args), lang),
                  r.returncode == 73 and len(err.splitlines()) == 1 and
                  "GB18030" not in err and
                  err.startswith(("mxtrace verify: ", "mxtrace verify：")),
                  "rc %d, %r" % (r.returncode, err[-300:]))
    check("the refused runs left no output behind",
          not os.path.exists(path("new.jsonl")), os.listdir(TMP))
    # --csv naming the output or its .meta, in any spelling: refused
    # before either is made, so no empty output and no .meta naming that
    # --csv (which every --resume would take up and be refused again)
    for args in (["-o", path("same.jsonl"), "--csv", path("same.jsonl")],
                 ["-o", path("same.jsonl"), "--csv",
                  path("same.jsonl.meta")],
                 ["-o", path("same.jsonl"), "--csv",
                  os.path.join(TMP, ".", "same.jsonl")]):
        r = run("verify", *LAB, *args, path("gb.csv"))
        err = r.stderr.decode()
        check("verify %s: exit 73, refused alone, nothing left behind"
              % " ".join(args), r.returncode == 73 and
              "would overwrite the records" in err and
              len(err.splitlines()) == 1 and
              not os.path.exists(path("same.jsonl")) and
              not os.path.exists(path("same.jsonl.meta")),
              "rc %d, %r, %r" % (r.returncode, err[-300:], os.listdir(TMP)))
    # a folder, said as probe and report say it, not "Is a directory"
    for lang, word in (("C.UTF-8", "it is a directory"),
                       ("zh_CN.UTF-8", "它是一个目录")):
        r = run("verify", *LAB, "-o", TMP, path("gb.csv"), lang=lang)
        check("verify -o FOLDER (LANG=%s): said as the other commands say "
              "it" % lang, word in r.stderr.decode() and
              "Is a directory" not in r.stderr.decode(), r.stderr[-300:])
    for lang, word in (("C.UTF-8", "is a directory, not a file of records"),
                       ("zh_CN.UTF-8", "是一个目录，不是记录文件")):
        r = run("report", "-o", path("dir.html"), TMP, lang=lang)
        err = r.stderr.decode()
        check("report FOLDER (LANG=%s): exit 66, the folder named as one, "
              "no \"read error\"" % lang, r.returncode == 66 and
              word in err and "read error" not in err and
              "读取错误" not in err, "rc %d, %r" % (r.returncode, err))


def test_meta_folder_refused_first():
    """-o FILE the user may write in a folder that takes no new file: the
    records' FILE.meta (written beside it) cannot be made, said before a
    word about reading the list (it was said after the whole list was
    read), en and zh.  Run as nobody: root writes anywhere."""
    top = tempfile.mkdtemp(prefix="mxtrace-qa-meta-")
    os.chmod(top, 0o755)
    lst, out = os.path.join(top, "gb.csv"), os.path.join(top, "r.jsonl")
    with open(lst, "wb") as f:
        f.write("客户,邮箱\n张三,alice@ok.test\n".encode("gb18030"))
    open(out, "w").close()
    os.chown(out, 65534, 65534)
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        r = subprocess.run(nobody + [BIN, "verify", *LAB, "-o", out, lst],
                           capture_output=True, timeout=120,
                           env=dict(os.environ, LANG=lang))
        err = r.stderr.decode()
        check("verify -o FILE whose folder takes no FILE.meta (LANG=%s): "
              "exit 73, the refusal alone, naming FILE.meta" % lang,
              r.returncode == 73 and len(err.splitlines()) == 1 and
              "r.jsonl.meta" in err and "GB18030" not in err,
              "rc %d, %r" % (r.returncode, err[-300:]))
    check("... the empty output left as it was",
          os.path.getsize(out) == 0 and
          sorted(os.listdir(top)) == ["gb.csv", "r.jsonl"], os.listdir(top))


def test_resume_refused_first():
    """--resume onto records of another list (or of this one before it
    changed) or made with other options is refused before a word about
    reading the list (it was refused after the whole list was read and
    said "read as GB18030"), en and zh."""
    lst, out = path("res.csv"), path("res.jsonl")
    with open(lst, "wb") as f:
        f.write("客户,邮箱\n张三,alice@ok.test\n".encode("gb18030"))
    r = run("verify", *LAB, "-q", "--force", "-o", out, lst)
    check("resume refused first: a first run writes its records",
          r.returncode == 0, r.stderr[-300:])
    r = run("verify", *LAB, "--no-tls", "--resume", "-o", out, lst)
    err = r.stderr.decode()
    check("--resume with other options: exit 73, refused before reading "
          "the list", r.returncode == 73 and "GB18030" not in err and
          "--no-tls" in err, "rc %d, %r" % (r.returncode, err[-400:]))
    with open(lst, "ab") as f:
        f.write("李四,bob@ok.test\n".encode("gb18030"))
    # (a --resume speaks the first run's language unless --lang is given)
    for lang, word in (("en", "before it changed"), ("zh", "修改过")):
        r = run("verify", *LAB, "--lang", lang, "--resume", "-o", out, lst)
        err = r.stderr.decode()
        check("--resume after the list changed (--lang %s): exit 73, the "
              "refusal alone, no note on reading the list" % lang,
              r.returncode == 73 and len(err.splitlines()) == 1 and
              word in err and "GB18030" not in err,
              "rc %d, %r" % (r.returncode, err[-300:]))


def test_empty_output_name():
    """An output named "" (-o "", --csv "", --html "") is refused before
    any work, exit 73, one line in en and zh: it passed the early check
    as the folder's ".tmp", and verify --csv "" failed only at the end,
    exit 74, after the whole run."""
    with open(path("one.txt"), "w") as f:
        f.write("alice@ok.test\n")
    for args in (["verify", *LAB, "--csv", "", "-o", path("e1.jsonl"),
                  path("one.txt")],
                 ["verify", *LAB, "-o", "", path("one.txt")],
                 ["probe", *LAB, "--html", "", "alice@ok.test"],
                 ["sender", *LAB, "--no-inbound", "--html", "", "ok.test"],
                 ["report", "-o", "", path("one.txt")]):
        for lang, word in (("C.UTF-8", "file name is empty"),
                           ("zh_CN.UTF-8", "文件名为空")):
            r = run(*args, lang=lang)
            err = r.stderr.decode()
            check("%s with an empty output name (LANG=%s): exit 73, one "
                  "line" % (args[0], lang), r.returncode == 73 and
                  len(err.splitlines()) == 1 and word in err,
                  "rc %d, %r" % (r.returncode, err[-300:]))
    check("verify --csv \"\": no record written",
          not os.path.exists(path("e1.jsonl")))


def test_bad_input_first():
    """verify "" names what is wrong (it said "cannot open : ..." with no
    name in it); an empty list (/dev/null, blank lines) is said alone, before the warning about the HELO name, which
    is about probing that will not happen; in en and zh.  explain --probe
    alike: its warnings wait for a message to read."""
    with open(path("blank.txt"), "w") as f:
        f.write("\n\n   \n")
    # a HELO name of a big provider is always warned about
    noflags = ["--resolver", RESOLVER, "--allow-private", "--helo", "qq.com"]
    for lang, word in (("C.UTF-8", "file name is empty"),
                       ("zh_CN.UTF-8", "文件名为空")):
        r = run("verify", *noflags, "", lang=lang)
        err = r.stderr.decode()
        check("verify \"\" (LANG=%s): exit 66, says the name is empty, "
              "one line" % lang, r.returncode == 66 and word in err and
              len(err.splitlines()) == 1 and "cannot open :" not in err and
              "无法打开 ：" not in err, "rc %d, %r" % (r.returncode, err))
        for name in ("/dev/null", path("blank.txt")):
            r = run("verify", *noflags, "-o", path("bad-in.jsonl"), name,
                    lang=lang)
            err = r.stderr.decode()
            check("verify %s (LANG=%s): exit 65, no HELO warning before "
                  "(or after) the bad input" % (os.path.basename(name), lang),
                  r.returncode == 65 and "HELO" not in err and
                  "warning" not in err and "警告" not in err,
                  "rc %d, %r" % (r.returncode, err))
    check("the bad inputs left no output behind",
          not os.path.exists(path("bad-in.jsonl")))
    # explain --probe: its HELO and DNSSEC warnings wait for a message
    for name, rc in (("", 66), ("/dev/null", 65), (path("blank.txt"), 65)):
        for lang in ("C.UTF-8", "zh_CN.UTF-8"):
            r = run("explain", "--probe", *noflags, name, lang=lang)
            err = r.stderr.decode()
            check("explain --probe %r (LANG=%s): exit %d, the input said "
                  "alone" % (name, lang, rc), r.returncode == rc and
                  len(err.splitlines()) == 1 and "HELO" not in err and
                  "DNSSEC" not in err and "warning" not in err and
                  "警告" not in err, "rc %d, %r" % (r.returncode, err))
    # the other commands reading a file: the same empty name
    for args in (["report", ""], ["explain", ""],
                 ["sender", "--resolver", RESOLVER, "--message", "",
                  "ok.test"]):
        for lang, word in (("C.UTF-8", "file name is empty"),
                           ("zh_CN.UTF-8", "文件名为空")):
            r = run(*args, lang=lang)
            err = r.stderr.decode()
            check("%s with an input named \"\" (LANG=%s): exit 66, says "
                  "the name is empty, one line" % (args[0], lang),
                  r.returncode == 66 and word in err and
                  len(err.splitlines()) == 1, "rc %d, %r" % (r.returncode, err))


def test_exists_advice_holds():
    """Records already in -o FILE and no --resume: the advice is what
    --resume would do.  The same list: "add --resume", and it continues;
    the list changed since (a row added), no output .meta, or other
    options that change results: not "add --resume" (which is then
    refused) but what does help, en and zh."""
    lst, out = path("adv.txt"), path("adv.jsonl")
    with open(lst, "w") as f:
        f.write("alice@ok.test\n")
    r = run("verify", *LAB, "-q", "--force", "-o", out, lst)
    check("advice: a first run writes its records", r.returncode == 0,
          r.stderr[-300:])
    for lang, add in (("C.UTF-8", "add --resume"),
                      ("zh_CN.UTF-8", "加 --resume")):
        r = run("verify", *LAB, "-q", "-o", out, lst, lang=lang)
        err = r.stderr.decode()
        check("advice: the same list (LANG=%s): exit 73, add --resume" %
              lang, r.returncode == 73 and add in err, err)
    r = run("verify", *LAB, "-q", "--resume", "-o", out, lst)
    check("advice: ... and --resume continues it", r.returncode == 0,
          r.stderr[-300:])
    with open(lst, "a") as f:
        f.write("bob@ok.test\n")
    for lang, add, says in (("C.UTF-8", "add --resume", "before it changed"),
                            ("zh_CN.UTF-8", "加 --resume", "修改之前")):
        r = run("verify", *LAB, "-q", "-o", out, lst, lang=lang)
        err = r.stderr.decode()
        check("advice: the list changed since (LANG=%s): exit 73, says so, "
              "no \"add --resume\", one line" % lang,
              r.returncode == 73 and add not in err and says in err and
              "--force" in err and len(err.splitlines()) == 1, err)
    r = run("verify", *LAB, "-q", "--resume", "-o", out, lst)
    check("advice: ... where --resume is indeed refused", r.returncode == 73,
          r.stderr[-300:])
    with open(lst, "w") as f:
        f.write("alice@ok.test\n")
    for lang, add in (("C.UTF-8", "add --resume"),
                      ("zh_CN.UTF-8", "加 --resume")):
        r = run("verify", *LAB, "-q", "--no-tls", "-o", out, lst, lang=lang)
        err = r.stderr.decode()
        check("advice: other options (LANG=%s): exit 73, the first run's "
              "command to copy, no bare \"add --resume\"" % lang,
              r.returncode == 73 and add not in err and "--no-tls" in err and
              "mxtrace verify --resume " in err and "--force" in err, err)
    os.rename(out + ".meta", out + ".meta.away")
    for lang, add in (("C.UTF-8", "add --resume"),
                      ("zh_CN.UTF-8", "加 --resume")):
        r = run("verify", *LAB, "-q", "-o", out, lst, lang=lang)
        err = r.stderr.decode()
        check("advice: no .meta (LANG=%s): exit 73, names it, no \"add "
              "--resume\"" % lang, r.returncode == 73 and add not in err and
              ".meta" in err and "--force" in err, err)
    r = run("verify", *LAB, "-q", "--resume", "-o", out, lst)
    check("advice: ... where --resume is indeed refused ", r.returncode == 73,
          r.stderr[-300:])


def test_refused_everywhere():
    """A firewall that refuses port 25 (a reset, not a drop) refuses every
    domain at connect: verify says so after the first three domains, as
    it does when they all time out, and names the own network and
    --proxy; a list where one domain was reached hears nothing of it.
    --port 2525 stands for the firewall: nothing in the lab listens
    there."""
    with open(path("refused.txt"), "w") as f:
        f.write("alice@ok.test\nalice@exim.test\ncarol@full.test\n"
                "grey@greylist.test\n")
    for lang, words in (("en", "blocks outbound port 25"),
                        ("zh", "封锁了对外的 25 端口")):
        r = run("verify", *LAB, "--lang", lang, "--port", "2525", "--force",
                "-o", path("refused-%s.jsonl" % lang), path("refused.txt"))
        err = r.stderr.decode()
        check("verify --lang %s, every domain refused at connect: warned "
              "once of a port 25 block, with --proxy" % lang,
              err.count(words) == 1 and "--proxy socks5://" in err, err)
    with open(path("onerefused.txt"), "w") as f:
        f.write("alice@refused.test\nalice@ok.test\nalice@exim.test\n"
                "carol@full.test\n")
    r = run("verify", *LAB, "--force", "-o", path("onerefused.jsonl"),
            path("onerefused.txt"))
    err = r.stderr.decode()
    check("verify, one domain refused, others reached: no port 25 warning",
          r.returncode == 0 and "port 25" not in err, err)
    # refusals come back in milliseconds, before a live server's first
    # reply: three dead domains first are no block while others answer
    with open(path("deadfirst.txt"), "w") as f:
        f.write("alice@refused.test\nalice@refused2.test\n"
                "alice@refused3.test\nalice@ok.test\nalice@exim.test\n"
                "carol@full.test\n")
    r = run("verify", *LAB, "--force", "-o", path("deadfirst.jsonl"),
            path("deadfirst.txt"))
    err = r.stderr.decode()
    check("verify, the first three domains refused, others reached: no "
          "port 25 warning", r.returncode == 0 and "port 25" not in err and
          "different domains" not in err, err)
    # a live server slower than 2 s to answer (its banner after 3 s, as a
    # cold or loaded Postfix's first reply can be): the refusals wait as
    # long as --timeout (5 s) gives it
    with open(path("deadslow.txt"), "w") as f:
        f.write("alice@refused.test\nalice@refused2.test\n"
                "alice@refused3.test\nalice@slow.test\n")
    r = run("verify", *LAB, "--force", "-o", path("deadslow.jsonl"),
            path("deadslow.txt"))
    err = r.stderr.decode()
    check("verify, the first three domains refused, then a server whose "
          "banner takes 3 s: no port 25 warning", "port 25" not in err and
          "different domains" not in err, err)


guarded(test_refused_everywhere)
guarded(test_resume_refused_first)
guarded(test_meta_folder_refused_first)
guarded(test_exists_advice_holds)
guarded(test_bad_input_first)
guarded(test_empty_output_name)
guarded(test_output_refused_first)
guarded(test_proxy_not_found_zh)
guarded(test_no_column_zh)
guarded(test_signal_said)
guarded(test_tester_summary_split)
guarded(test_borrowed_helo)
guarded(test_interrupted_to_stdout)
guarded(test_leading_lang)
guarded(test_report_over_input)
guarded(test_command_forgotten)
guarded(test_paste_hint)
guarded(test_ca_file_der)
guarded(test_option_value_missing)
guarded(test_option_twice)
guarded(test_bad_option_values)
guarded(test_stdout_full)
guarded(test_workbook_refused)
guarded(test_resume_keeps_column)
guarded(test_resume_encoding_said)
guarded(test_zh_timeout_step)
sys.exit(finish("test_qa_inputs"))
