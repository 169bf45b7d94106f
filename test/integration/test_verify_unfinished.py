#!/usr/bin/env python3
"""test_verify_unfinished.py - an interrupted `mxtrace verify` and its
report, against the running lab (test/lab/up).

A list whose silent.test rows cannot finish before the run is interrupted
(SIGINT, exit 3): verify's summary says how many addresses are not checked
yet and the command that finishes them, in English and in Chinese;
FILE.meta counts the list's addresses; the report then opens with a notice
(how many are not checked, the --resume command, in both languages) and
its totals and shares are out of the whole list; after the --resume the
same report has no notice and counts the whole list.  A run stopped
before its first record makes a report of 0 of its addresses checked
(exit 0), not a refusal.  A SIGINT after the output is opened but before
the probing starts (its DNSSEC check held by a slow resolver) ends the
run as a later one does, and the --resume finishes it.  A stop signal the
parent left ignored stays ignored, early or late (the run finishes every
row), and the other one still stops it.  A FILE.meta that is
not JSON is ignored with a note, never a failure.  A --resume onto records
whose FILE.meta numbers rows another way (another rows_version, or none:
an older mxtrace) is refused, in both languages.  Prints one line per
check and exits 1 when any failed.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from labcheck import BIN, RESOLVER, SIGINT_DEFAULT, check, child_signals, \
    finish, guarded, stopped_at_meta, whole_lines

TMP = tempfile.mkdtemp(prefix="mxtrace-unfinished-")
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "probe.lab.test"]
QUICK = ["alice@ok.test", "bob@ok.test", "nobody@ok.test", "carol@full.test",
         "a@@b"]
# silent.test accepts the connection and never sends a banner: with
# --timeout 10s they cannot finish before the interruption
SILENT = ["user@silent.test", "other@silent.test"]


def path(name):
    return os.path.join(TMP, name)


def wait_quick_written(out):
    """Until the quick rows' records are on disk (at most 9 s): a signal
    then finds them written and the silent rows waiting, not after a fixed
    sleep, which a loaded machine may not have used to finish them."""
    end = time.monotonic() + 9
    while time.monotonic() < end:
        if os.path.exists(out) and sum(
                1 for line in open(out, "rb")
                if b"silent.test" not in line) == len(QUICK):
            return
        time.sleep(0.05)


def interrupted_run(name, lang):
    """verify the list until the quick rows are written, then SIGINT:
    (the list, the output, the exit status, stderr)."""
    src = path(name + ".txt")
    with open(src, "w") as f:
        f.write("\n".join(QUICK[:2] + SILENT[:1] + QUICK[2:] + SILENT[1:]) +
                "\n")
    out = path(name + ".jsonl")
    p = subprocess.Popen(BASE + ["--lang", lang, "--timeout", "10s", "-o", out,
                                 src], stderr=subprocess.PIPE,
                         preexec_fn=SIGINT_DEFAULT)
    wait_quick_written(out)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    return src, out, p.returncode, err.decode()


def report(out, lang):
    """(exit status, stderr, the page's text)"""
    html = path("report-%s.html" % lang)
    if os.path.exists(html):
        os.unlink(html)
    p = subprocess.run([BIN, "report", "--lang", lang, "-o", html, out],
                       capture_output=True, timeout=60)
    page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
    return p.returncode, p.stderr.decode(), page


def card(page, cls):
    """(count, share) of a summary card, None when the page has none."""
    m = re.search(r'<div class="card %s"><div class="n">([\d,]+)</div>'
                  r'<div class="t">[^<]*</div><div class="p">([\d.]+)%%' % cls,
                  page)
    return (m.group(1), m.group(2)) if m else None


def test_interrupt_report_resume():
    src, out, rc, err = interrupted_run("list", "en")
    recs = whole_lines(out)
    left = len(QUICK) + len(SILENT) - len(recs)
    check("interrupted: exit 3, the quick rows written, silent.test left",
          rc == 3 and left == len(SILENT) and
          not any("silent" in r["address"] for r in recs),
          "rc %s, %d records: %s" % (rc, len(recs), err[-300:]))
    # one command for the run, verify's and the report's: the first run's
    # options as FILE.meta records them (the trust anchor given by
    # MXTRACE_TRUST_ANCHOR too), --lang kept by FILE.meta on its own
    resume = "mxtrace verify --resume --resolver %s --helo probe.lab.test " \
             "--allow-private --trust-anchor %s --timeout 10s -o %s %s" % (
                 RESOLVER, os.environ["MXTRACE_TRUST_ANCHOR"], out, src)
    check("interrupted: the summary says how many are left and the command "
          "the report gives",
          "%d addresses not checked yet: to check them, run this command "
          "(this run's options are in it):\n    %s\n" % (left, resume) in err,
          err[-500:])
    meta = json.load(open(out + ".meta"))
    check("interrupted: FILE.meta counts the list's addresses",
          meta.get("addresses") == len(QUICK) + len(SILENT), meta)

    total = len(QUICK) + len(SILENT)
    rc, rerr, page = report(out, "en")
    check("report: written (exit 0), the closing line says it is unfinished",
          rc == 0 and "%d of %d addresses -> " % (len(recs), total) in rerr and
          "not finished" in rerr and resume in rerr, rerr)
    check("report: a notice at the top: how many are not checked yet",
          'id="unfinished"' in page and page.index('id="unfinished"') <
          page.index('id="summary"') and
          "Not finished: %d of the list&#39;s %d addresses are not checked "
          "yet" % (left, total) in page, page[:200])
    check("report: the notice gives the --resume command",
          "<code>%s</code>" % resume in page)
    check("report: the totals are the whole list's",
          "%d of %d addresses checked, %d not checked yet" %
          (len(recs), total, left) in page)
    ok = sum(1 for r in recs if r["verdict"] == "deliverable")
    share = "%.1f" % (100.0 * ok / total)
    check("report: shares out of the whole list (deliverable %s%%), the "
          "not checked ones a card of their own" % share,
          card(page, "ok") == (str(ok), share) and
          card(page, "info") == (str(left), "%.1f" % (100.0 * left / total)),
          (card(page, "ok"), card(page, "info")))

    rc, rerr, page = report(out, "zh")
    check("report zh: the notice in Chinese, with the command",
          rc == 0 and "尚未完成：名单的 %d 个地址中还有 %d 个尚未检测" %
          (total, left) in page and "<code>%s</code>" % resume in page and
          "%d 个地址中已检测 %d 个，%d 个尚未检测" % (total, len(recs), left)
          in page, rerr)

    # the --resume the notice gives, with the first run's options; the
    # pace and the limits may change (--timeout)
    p = subprocess.run(BASE + ["--timeout", "3s", "-q", "--resume", "-o", out,
                               src], capture_output=True, timeout=120)
    check("resume: exit 0, every row has its record",
          p.returncode == 0 and len(whole_lines(out)) == total,
          "rc %d: %s" % (p.returncode, p.stderr.decode()[-300:]))
    rc, rerr, page = report(out, "en")
    check("report after the resume: no notice, the whole list counted",
          rc == 0 and 'id="unfinished"' not in page and
          "not finished" not in rerr and "%d addresses -> " % total in rerr and
          card(page, "info") is None and ">%d addresses, " % total in page,
          rerr)


def test_summary_zh():
    src, out, rc, err = interrupted_run("zh", "zh")
    left = len(QUICK) + len(SILENT) - len(whole_lines(out))
    check("interrupted zh: the summary in Chinese, with the command",
          rc == 3 and "还有 %d 个地址尚未检测" % left in err and
          "mxtrace verify --resume " in err and "-o %s %s" % (out, src) in err,
          err[-400:])


def test_malformed_meta():
    src, out, rc, err = interrupted_run("bad", "en")
    with open(out + ".meta", "w") as f:
        f.write('{"mxtrace_verify": 1, "addresses": <script>')
    rc, rerr, page = report(out, "en")
    check("malformed FILE.meta: ignored with a note, the report made",
          rc == 0 and "bad.jsonl.meta ignored (not JSON" in rerr and
          'id="unfinished"' not in page, rerr)


def test_stopped_before_first_record():
    """A run stopped before its first record (only silent.test rows):
    the empty file's FILE.meta counts the list, so the report is made,
    says none of its addresses is checked yet, and exits 0."""
    src = path("none.txt")
    with open(src, "w") as f:
        f.write("\n".join(SILENT) + "\n")
    out = path("none.jsonl")
    # a SIGINT from FILE.meta on is handled (test_interrupt_before_handlers);
    # the silent server holds the first records for 10 s
    rc = stopped_at_meta(BASE + ["--timeout", "10s"], out, src)
    check("stopped before its first record: exit 3, the file empty",
          rc == 3 and os.path.getsize(out) == 0, rc)
    for lang, total, said in (
            ("en", "0 of 2 addresses checked", "0 of 2 addresses ->"),
            ("zh", "2 个地址中已检测 0 个", "0 个地址（共 2 个）->")):
        rc, rerr, page = report(out, lang)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
        check("report (%s) of a run stopped before its first record: exit "
              "0, the page says %r" % (lang, total),
              rc == 0 and 'id="unfinished"' in page and total in text and
              said in rerr, "rc %d, %r" % (rc, rerr[-300:]))


class HeldDNSKEY:
    """A DNS forwarder to the lab resolver on 127.0.0.1 (a free port) that
    holds the answer to each DNSKEY query for hold seconds while hold is
    set: the DNSSEC check verify makes (cli_dnssec_init) between opening
    its output and setting its signal handlers then lasts that long."""

    def __init__(self):
        self.hold = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            q, peer = self.sock.recvfrom(65535)
            threading.Thread(target=self.forward, args=(q, peer),
                             daemon=True).start()

    def forward(self, q, peer):
        i = 12
        while i < len(q) and q[i] != 0:
            i += q[i] + 1
        dnskey = q[i + 1:i + 3] == b"\x00\x30"
        up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        up.settimeout(5)
        try:
            up.sendto(q, (RESOLVER, 53))
            a = up.recv(65535)
        except OSError:
            return
        finally:
            up.close()
        if dnskey and self.hold:
            time.sleep(self.hold)
        self.sock.sendto(a, peer)


def test_interrupt_before_handlers():
    """A SIGINT between the output's opening (FILE.meta written) and the
    signal handlers (set when the probing starts) ends the run as a later
    one does: exit 3, the summary with the --resume command, no record
    cut, FILE.meta counting the list; the --resume then checks it all.
    The held DNSSEC check keeps the run in that stretch for 3 s."""
    dns = HeldDNSKEY()
    src = path("early.txt")
    with open(src, "w") as f:
        f.write("\n".join(QUICK) + "\n")
    out = path("early.jsonl")
    base = [BIN, "verify", "--resolver", "127.0.0.1@%d" % dns.port,
            "--allow-private", "--helo", "probe.lab.test", "--timeout", "5s"]
    dns.hold = 3
    p = subprocess.Popen(base + ["-o", out, src], stderr=subprocess.PIPE,
                         preexec_fn=SIGINT_DEFAULT)
    end = time.monotonic() + 20
    while time.monotonic() < end and not os.path.exists(out + ".meta"):
        time.sleep(0.01)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    err = err.decode()
    dns.hold = 0
    recs = whole_lines(out)
    left = len(QUICK) - len(recs)
    check("interrupted before the handlers: exit 3, the summary with the "
          "--resume command", p.returncode == 3 and "interrupted" in err and
          "%d addresses not checked yet" % left in err and
          "mxtrace verify --resume " in err,
          "rc %s: %s" % (p.returncode, err[-400:]))
    # the row the syntax settles at once (a@@b) may be written: whole
    check("interrupted before the handlers: no probe finished, FILE.meta "
          "counts the list", left >= len(QUICK) - 1 and
          json.load(open(out + ".meta")).get("addresses") == len(QUICK),
          [r["address"] for r in recs])
    p = subprocess.run(base + ["-q", "--resume", "-o", out, src],
                       capture_output=True, timeout=120)
    check("interrupted before the handlers: the --resume checks every row",
          p.returncode == 0 and len(whole_lines(out)) == len(QUICK),
          "rc %d: %s" % (p.returncode, p.stderr.decode()[-300:]))


def signalled_run(name, ignored, sigs):
    """verify the quick and the silent.test rows (--timeout 5s: those end
    by their timeout) with the signals in ignored left ignored by the
    parent (SIGINT and SIGTERM otherwise at their default), sending sigs in
    turn once the quick rows are written (the loop running, its handlers
    set): (running when the first was sent, exit status, stderr, the
    addresses written)."""
    src = path(name + ".txt")
    with open(src, "w") as f:
        f.write("\n".join(QUICK + SILENT) + "\n")
    out = path(name + ".jsonl")
    p = subprocess.Popen(BASE + ["--timeout", "5s", "-o", out, src],
                         stderr=subprocess.PIPE, preexec_fn=child_signals(
                             default=(signal.SIGINT, signal.SIGTERM),
                             ignored=ignored))
    wait_quick_written(out)
    running = p.poll() is None
    for sig in sigs:
        p.send_signal(sig)
        time.sleep(0.3)
    _, err = p.communicate(timeout=60)
    return running, p.returncode, err.decode(), [
        r["address"] for r in whole_lines(out)]


def test_inherited_ignore():
    """A stop signal the parent left ignored (a shell without job control
    starts its background commands with SIGINT ignored) stays ignored
    once the loop has its handlers: the run finishes every row (exit 0),
    even when it comes twice; the other stop signal still stops it
    (exit 3, silent.test left for --resume)."""
    every = sorted(QUICK + SILENT)
    for name, ignored, sigs in (
            ("ign-int", (signal.SIGINT,), (signal.SIGINT, signal.SIGINT)),
            ("ign-term", (signal.SIGTERM,), (signal.SIGTERM, signal.SIGTERM))):
        running, rc, err, got = signalled_run(name, ignored, sigs)
        what = "%s ignored by the parent" % signal.Signals(ignored[0]).name
        check("%s, sent twice while the rows are probed: the run finishes, "
              "every row written (exit 0)" % what,
              running and rc == 0 and sorted(got) == every and
              "interrupted" not in err and "terminated" not in err,
              "running %s, rc %s, %s: %s" % (running, rc, got, err[-300:]))
    running, rc, err, got = signalled_run(
        "ign-int-term", (signal.SIGINT,), (signal.SIGINT, signal.SIGTERM))
    check("SIGINT ignored by the parent, then SIGTERM: stopped by the "
          "SIGTERM (exit 3, the summary with --resume, silent.test left)",
          running and rc == 3 and "terminated" in err and
          "mxtrace verify --resume " in err and
          not any("silent" in a for a in got),
          "running %s, rc %s, %s: %s" % (running, rc, got, err[-300:]))


def test_inherited_ignore_early():
    """A SIGINT the parent left ignored that comes while the signals are
    held (between the output's opening and the loop's handlers, the DNSSEC
    check held 3 s) is dropped, not handled once they are set: the run
    finishes every row (exit 0)."""
    dns = HeldDNSKEY()
    src = path("early-ign.txt")
    with open(src, "w") as f:
        f.write("\n".join(QUICK) + "\n")
    out = path("early-ign.jsonl")
    dns.hold = 3
    p = subprocess.Popen([BIN, "verify", "--resolver", "127.0.0.1@%d" %
                          dns.port, "--allow-private", "--helo",
                          "probe.lab.test", "--timeout", "5s", "-o", out, src],
                         stderr=subprocess.PIPE, preexec_fn=child_signals(
                             ignored=(signal.SIGINT,)))
    end = time.monotonic() + 20
    while time.monotonic() < end and not os.path.exists(out + ".meta"):
        time.sleep(0.01)
    p.send_signal(signal.SIGINT)
    # the row the syntax settles at once (a@@b) may be written already
    held = len(whole_lines(out)) <= 1 and p.poll() is None
    _, err = p.communicate(timeout=60)
    err = err.decode()
    dns.hold = 0
    got = [r["address"] for r in whole_lines(out)]
    check("SIGINT ignored by the parent, sent while the signals are held: "
          "dropped, the run finishes every row (exit 0)",
          held and p.returncode == 0 and sorted(got) == sorted(QUICK) and
          "interrupted" not in err,
          "held %s, rc %s, %s: %s" % (held, p.returncode, got, err[-300:]))


def read_position(pid, name):
    """Where the process pid is in its open file name (its fdinfo pos),
    None while it has no such file open."""
    fds = "/proc/%d/fd" % pid
    try:
        for fd in os.listdir(fds):
            if os.readlink(os.path.join(fds, fd)) == name:
                with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                    return int(f.readline().split()[1])
    except OSError:
        return None
    return None


def test_interrupt_during_resume_read():
    """A stop signal while --resume still reads the records already
    written (before the output is opened for more) ends the run at once,
    as it does while the list is read: the signals are held only from the
    output's first write on, so a long read is not waited out.  It says
    so and exits 3 (interrupted), not killed by the signal's default
    action.  The records and FILE.meta stay as they were.  SIGTERM, not
    SIGINT: a shell without job control starts its background commands
    with SIGINT ignored (as .ci/run may be)."""
    n = 60000
    src = path("long.txt")
    with open(src, "w") as f:
        f.write("".join("u%d@nxdomain.test\n" % i for i in range(n)))
    out = path("long.jsonl")
    p = subprocess.run(BASE + ["-q", "--timeout", "5s", "-o", out, src],
                       capture_output=True, timeout=300)
    check("a long list at an unknown domain: every row written",
          p.returncode in (0, 1) and len(whole_lines(out)) == n,
          "rc %d: %s" % (p.returncode, p.stderr.decode()[-300:]))
    before = open(out, "rb").read(), open(out + ".meta", "rb").read()
    size = len(before[0])
    p = subprocess.Popen(BASE + ["-q", "--resume", "-o", out, src],
                         stderr=subprocess.PIPE)
    name = os.path.realpath(out)
    at = None
    end = time.monotonic() + 60
    while time.monotonic() < end and p.poll() is None:
        at = read_position(p.pid, name)
        if at is not None and 0 < at < size // 2:
            break
        time.sleep(0.002)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    err = err.decode()
    check("interrupted while --resume reads the records: ended at once, "
          "exit 3, saying nothing was written", at is not None and
          0 < at < size // 2 and p.returncode == 3 and
          "terminated before any address was checked: nothing was "
          "written" in err,
          "read at %s of %d, rc %s: %s" % (at, size, p.returncode,
                                           err[-300:]))
    check("interrupted while --resume reads the records: records and "
          "FILE.meta untouched",
          (open(out, "rb").read(), open(out + ".meta", "rb").read()) ==
          before)


def quick_run(name):
    """A finished run of the quick rows: (the list, the output)."""
    src = path(name + ".txt")
    with open(src, "w") as f:
        f.write("\n".join(QUICK) + "\n")
    out = path(name + ".jsonl")
    p = subprocess.run(BASE + ["-q", "--timeout", "5s", "-o", out, src],
                       capture_output=True, timeout=120)
    check("%s: the first run done" % name, p.returncode == 0,
          p.stderr.decode()[-300:])
    return src, out


def test_resume_other_options():
    """A resume whose options change what the servers answer (another
    HELO, TLS off) is refused, each difference named, the first run's
    command given; the pace may change; an older FILE.meta (no options)
    still resumes, with a note."""
    src, out = quick_run("opts")
    before = open(out, "rb").read(), open(out + ".meta", "rb").read()
    base = [BIN, "verify", "--resolver", RESOLVER, "--allow-private"]
    first = "mxtrace verify --resume --resolver %s --helo probe.lab.test " \
            "--allow-private --trust-anchor %s --timeout 5s -o %s %s" % (
                RESOLVER, os.environ["MXTRACE_TRUST_ANCHOR"], out, src)
    for lang, args, said in [
            ("en", ["--helo", "other.lab.test"],
             ["was made with other options", "two kinds of result",
              "  --helo: the first run probe.lab.test, this run other.lab.test",
              "To go on, run it with the first run's options:\n    " + first,
              "or start over with --force"]),
            ("en", ["--helo", "probe.lab.test", "--no-tls"],
             ["  --no-tls: the first run (not given), this run --no-tls"]),
            ("zh", ["--helo", "other.lab.test"],
             ["是用另一组选项生成的", "同一份名单里会混有两种结果",
              "  --helo：第一次运行为 probe.lab.test，这次为 other.lab.test",
              "要继续，请用第一次运行的选项运行：\n    " + first])]:
        p = subprocess.run(base + args + ["--lang", lang, "--resume", "-o",
                                          out, src],
                           capture_output=True, timeout=60)
        err = p.stderr.decode()
        check("resume %s %s: refused (exit 73), the difference named, the "
              "first run's command given" % (lang, " ".join(args)),
              p.returncode == 73 and all(w in err for w in said), err)
    check("refused resumes: the records and FILE.meta untouched",
          (open(out, "rb").read(), open(out + ".meta", "rb").read()) == before)

    p = subprocess.run(base + ["--helo", "probe.lab.test", "--jobs", "3",
                               "--timeout", "3s", "-q", "--resume", "-o", out,
                               src], capture_output=True, timeout=60)
    meta = json.load(open(out + ".meta"))
    check("resume with another pace (--jobs 3, --timeout 3s): taken, "
          "FILE.meta records it", p.returncode == 0 and
          meta["options"].get("jobs") == 3 and
          meta["options"].get("timeout_ms") == 3000 and
          meta["options"].get("helo") == "probe.lab.test",
          (p.returncode, p.stderr.decode()[-300:], meta))


def test_resume_rows_version():
    """Records whose FILE.meta says another way of numbering rows (or,
    written by an older mxtrace, says none) would be matched to other rows
    of the list (a CSV's empty line counted or not): --resume refuses them
    (exit 73, nothing written) and says why and what to do; the report
    gives the first run's command with --force, not --resume; without
    --resume the advice is not "add --resume"; --force starts over."""
    src = path("rows.csv")
    with open(src, "w") as f:
        f.write("email\n" + "\n\n".join(QUICK) + "\n")
    out = path("rows.jsonl")
    p = subprocess.run(BASE + ["-q", "--timeout", "5s", "-o", out, src],
                       capture_output=True, timeout=120)
    meta = json.load(open(out + ".meta"))
    check("rows_version: a new run writes it (2)",
          p.returncode == 0 and meta.get("rows_version") == 2,
          (p.returncode, meta))
    # an interrupted run: its last record not written yet
    with open(out, "rb") as f:
        lines = f.readlines()
    with open(out, "wb") as f:
        f.writelines(lines[:-1])
    older = {k: v for k, v in meta.items() if k != "rows_version"}
    for label, edited, said in [
            ("1", dict(meta, rows_version=1),
             {"en": "was made by an mxtrace that numbers the list's rows "
                    "another way (rows_version 1; this mxtrace writes 2): its "
                    "records would be matched to other rows, so --resume "
                    "cannot continue it: start it over with --force instead "
                    "of --resume, or use another -o FILE",
              "zh": "给名单的行编号的方式不同（rows_version 1；本版写的是 2）"}),
            ("none", older,
             {"en": "was made by an older mxtrace, whose .meta does not say "
                    "how it numbered the list's rows (no rows_version; this "
                    "mxtrace writes 2)",
              "zh": "是旧版 mxtrace 生成的，它的 .meta 没有记下名单的行是怎样"
                    "编号的"})]:
        with open(out + ".meta", "w") as f:
            json.dump(edited, f)
        before = open(out, "rb").read(), open(out + ".meta", "rb").read()
        for lang in ("en", "zh"):
            p = subprocess.run(BASE + ["--lang", lang, "--timeout", "5s",
                                       "--resume", "-o", out, src],
                               capture_output=True, timeout=60)
            err = p.stderr.decode()
            check("rows_version %s, --resume %s: refused (exit 73), why and "
                  "what to do said, before the list is read" % (label, lang),
                  p.returncode == 73 and said[lang] in err and
                  len(err.splitlines()) == 1, err)
        # the report of the unfinished run gives the command that works:
        # the first run's, with --force, and says why
        force = "mxtrace verify --force --resolver %s --helo probe.lab.test " \
                "--allow-private --trust-anchor %s --timeout 5s -o %s %s" % (
                    RESOLVER, os.environ["MXTRACE_TRUST_ANCHOR"], out, src)
        rc, rerr, page = report(out, "en")
        check("rows_version %s, report: --resume cannot continue it, the "
              "--force command given" % label, rc == 0 and
              "so --resume cannot continue it; to check the whole list "
              "again: " + force in rerr and "<code>%s</code>" % force in page
              and "numbered the list&#39;s rows another way" in page, rerr)
        rc, rerr, page = report(out, "zh")
        check("rows_version %s, report zh: the same" % label, rc == 0 and
              "--resume 无法接着检测；要重新检测整份名单：" + force in rerr and
              "<code>%s</code>" % force in page, rerr)
        p = subprocess.run(BASE + ["--timeout", "5s", "-o", out, src],
                           capture_output=True, timeout=60)
        err = p.stderr.decode()
        check("rows_version %s, no --resume: refused, not told to add "
              "--resume" % label, p.returncode == 73 and
              "--resume cannot continue it" in err and
              "add --resume" not in err, err)
        check("rows_version %s: the records and FILE.meta untouched" % label,
              (open(out, "rb").read(), open(out + ".meta", "rb").read()) ==
              before)
    p = subprocess.run(BASE + ["-q", "--timeout", "5s", "--force", "-o", out,
                               src], capture_output=True, timeout=120)
    check("rows_version: --force starts over, every row written, version 2",
          p.returncode == 0 and len(whole_lines(out)) == len(QUICK) and
          json.load(open(out + ".meta")).get("rows_version") == 2,
          p.stderr.decode()[-300:])


def test_proxy_password_never_written():
    """--proxy with a password: FILE.meta and the report's command hold
    ***, never the password; a resume with another password is the same
    proxy; the command pasted with *** for the password is refused."""
    src = path("proxy.txt")
    with open(src, "w") as f:
        f.write("a@@b\n")
    out = path("proxy.jsonl")
    url = "socks5://sales:s3cr%%40t@127.0.0.1:%d"
    p = subprocess.run([BIN, "verify", "-q", "--proxy", url % 9, "-o", out,
                        src], capture_output=True, timeout=60)
    meta = open(out + ".meta").read()
    check("proxy: FILE.meta holds the proxy with *** for its password",
          p.returncode == 0 and "s3cr" not in meta and
          '"socks5://sales:***@127.0.0.1:9"' in meta, (p.returncode, meta))
    p = subprocess.run([BIN, "verify", "-q", "--proxy",
                        "socks5://sales:other@127.0.0.1:9", "--resume", "-o",
                        out, src], capture_output=True, timeout=60)
    check("proxy: a resume with another password is not refused",
          p.returncode == 0, p.stderr.decode()[-300:])
    p = subprocess.run([BIN, "verify", "-q", "--resume", "-o", out, src],
                       capture_output=True, timeout=60)
    err = p.stderr.decode()
    check("proxy: a resume without it is refused, the command with ***",
          p.returncode == 73 and "--proxy 'socks5://sales:***@127.0.0.1:9'"
          in err and "*** stands for the proxy's password" in err and
          "s3cr" not in err, err)
    # the report's command pasted as it is, *** and all: refused at once
    # as a usage error that says what to type, not a proxy login failure
    pasted = [BIN, "verify", "-q", "--resume", "--proxy",
              "socks5://sales:***@127.0.0.1:9", "-o", out, src]
    p = subprocess.run(pasted, capture_output=True, timeout=60)
    err = p.stderr.decode()
    check("proxy: the command pasted with *** is a usage error that asks "
          "for the real password",
          p.returncode == 64 and "put the real password" in err, err)
    p = subprocess.run(pasted + ["--lang", "zh"], capture_output=True,
                       timeout=60)
    err = p.stderr.decode()
    check("proxy: the same in Chinese",
          p.returncode == 64 and "请在该处填入真正的密码" in err, err)


def main():
    for t in [test_interrupt_report_resume, test_summary_zh,
              test_malformed_meta, test_stopped_before_first_record,
              test_interrupt_before_handlers, test_inherited_ignore,
              test_inherited_ignore_early,
              test_interrupt_during_resume_read,
              test_resume_other_options, test_resume_rows_version,
              test_proxy_password_never_written]:
        guarded(t)
    return finish("test_verify_unfinished")


if __name__ == "__main__":
    sys.exit(main())
