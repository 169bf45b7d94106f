#!/usr/bin/env python3
"""test_report_head_checks.py - what the report's head says of the
catch-all check, and the domains' badge of a refusal of the tester,
against the running lab (test/lab/up).

A verify run stopped before any address reached SMTP has no record with
catch_all set, yet its check was on: its FILE.meta's options say so, and
the head says "on" (zh 开启), not "off"; a run with --no-catch-all-check
says "off" (关闭); both files on one page "on for some of the files, off
for others" (部分文件开启，部分关闭); records of probe --json that cannot
tell (a domain without mail never reaches SMTP; no FILE.meta) "unknown"
(未知), one whose catch_all is set "on"; probe --html knows its own
option.  blocked.test's refusal of the lab's probe IP is the tester's
problem: the domains' badge says so in the colour and words of the card
and the chart (chip self), never "Blocked" in red (chip bad).
Prints one line per check and exits 1 when any failed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

from labcheck import BIN, RESOLVER, check, finish, guarded, stopped_at_meta

TMP = tempfile.mkdtemp(prefix="mxtrace-headchecks-")
BASE = ["--resolver", RESOLVER, "--allow-private", "--helo",
        "probe.lab.test"]
# silent.test accepts the connection and never sends a banner: with
# --timeout 10s no address reaches SMTP before the signal
SILENT = ["user@silent.test", "other@silent.test"]
WORDS = {"en": {"on": "on", "off": "off", "some":
                "on for some of the files, off for others",
                "unknown": "unknown"},
         "zh": {"on": "开启", "off": "关闭", "some": "部分文件开启，部分关闭",
                "unknown": "未知"}}


def path(name):
    return os.path.join(TMP, name)


def head_says(page, lang):
    """The head's catch-all item, as text."""
    key = "catch-all check: " if lang == "en" else "全收（catch-all）检测："
    m = re.search(re.escape(key) + r"([^<]*)</dd>", page)
    return m.group(1) if m else None


def report(files, lang):
    html = path("r-%s.html" % lang)
    p = subprocess.run([BIN, "report", "--lang", lang, "-o", html] + files,
                       capture_output=True, timeout=60)
    page = open(html, encoding="utf-8").read() if p.returncode == 0 else ""
    return p.returncode, page, p.stderr.decode()


def stopped_run(name, *opts):
    """verify the silent list, SIGINT once FILE.meta exists: the output."""
    src = path(name + ".txt")
    with open(src, "w") as f:
        f.write("\n".join(SILENT) + "\n")
    out = path(name + ".jsonl")
    rc = stopped_at_meta([BIN, "verify"] + BASE + list(opts) +
                         ["--timeout", "10s"], out, src)
    check("%s: stopped (exit 3) before any record" % name,
          rc == 3 and os.path.getsize(out) == 0, rc)
    return out


def test_stopped_before_smtp():
    on = stopped_run("on")
    off = stopped_run("off", "--no-catch-all-check")
    for lang in ("en", "zh"):
        for files, want in (([on], "on"), ([off], "off"),
                            ([on, off], "some")):
            rc, page, err = report(files, lang)
            said = head_says(page, lang)
            check("%s, %s: the head says the catch-all check was %s" % (
                  "+".join(os.path.basename(f) for f in files), lang, want),
                  rc == 0 and said == WORDS[lang][want],
                  "rc %d, %r: %s" % (rc, said, err[-200:]))


def probe_records(name, addr, *opts):
    out = path(name + ".jsonl")
    p = subprocess.run([BIN, "probe", "--json"] + BASE + list(opts) + [addr],
                       capture_output=True, timeout=60)
    with open(out, "wb") as f:
        f.write(p.stdout)
    return out


def test_probe_records():
    refused = probe_records("refused", "x@nxdomain.test")
    accepted = probe_records("accepted", "alice@ok.test")
    for lang in ("en", "zh"):
        for files, want in (([refused], "unknown"), ([accepted], "on"),
                            ([accepted, refused], "unknown")):
            rc, page, err = report(files, lang)
            said = head_says(page, lang)
            check("probe --json %s, %s: the head says %s" % (
                  "+".join(os.path.basename(f) for f in files), lang, want),
                  rc == 0 and said == WORDS[lang][want],
                  "rc %d, %r: %s" % (rc, said, err[-200:]))
    for opts, want in (((), "on"), (("--no-catch-all-check",), "off")):
        html = path("probe.html")
        subprocess.run([BIN, "probe", "--lang", "zh"] + BASE + list(opts) +
                       ["--html", html, "nobody@ok.test"],
                       capture_output=True, timeout=60)
        said = head_says(open(html, encoding="utf-8").read(), "zh")
        check("probe --html %s: the head says %s" % (" ".join(opts), want),
              said == WORDS["zh"][want], said)


def test_tester_badge():
    src = path("blocked.txt")
    with open(src, "w") as f:
        f.write("alice@ok.test\nalice@blocked.test\n")
    out = path("blocked.jsonl")
    subprocess.run([BIN, "verify", "-q"] + BASE + ["-o", out, src],
                   capture_output=True, timeout=120)
    for lang in ("en", "zh"):
        rc, page, err = report([out], lang)
        m = re.search(r'<tr><td class="dn">blocked\.test.*?</tr>', page)
        row = m.group(0) if m else ""
        check("%s: blocked.test's refusal of the tester is a card and a "
              "chart row of the tester's (self)" % lang,
              '<div class="card self"><div class="n">1</div>' in page and
              '<tr data-g="tester"><td><span class="chip self">' in page,
              err[-200:])
        check("%s: blocked.test's badge in the domains has the tester's "
              "colour and words, not the verdict's red" % lang,
              '<span class="chip self">' in row and "chip bad" not in row,
              row)


def main():
    for t in [test_stopped_before_smtp, test_probe_records,
              test_tester_badge]:
        guarded(t)
    shutil.rmtree(TMP)
    return finish("test_report_head_checks")


if __name__ == "__main__":
    sys.exit(main())
