#!/usr/bin/env python3
"""test_verify_dedup.py - `mxtrace verify` probes each address once,
watched by a server that writes down every RCPT.

The test runs its own SMTP server on 127.0.25.1 at a free port and points
verify at it with --port (the lab's ok.test has its MX there).  The server
accepts local parts starting with "ok" and refuses the others, and keeps
the path of each RCPT it was sent, so the checks count probes exactly.

Covers: a duplicate row whose domain is written in other letters keeps its
own address text in its record (the original's text would tell the reader
the list held something it did not); rows whose local parts differ only in
case (OK.Ann@, ok.ann@) are one address: one RCPT, the later rows written
with duplicate_of; a run interrupted (SIGINT while silent.test's server,
held by the test, has not greeted) then --resume'd, and a finished file
with an original's record and a duplicate's record cut out then
--resume'd: one record per row, no address probed again whose record (or
an equal address's record) is kept, the same duplicate_of as one run.
"""

import json
import os
import subprocess
import signal
import sys
import tempfile
import time

from labcheck import BIN, RESOLVER, RcptLog, check, finish, guarded, \
    numbers as NUMBERS, whole_lines, SIGINT_DEFAULT

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", "dedup.lab.test", "--timeout", "5s", "-q",
        "--no-catch-all-check"]
TMP = tempfile.mkdtemp(prefix="mxtrace-dedup-")


def write_list(name, rows):
    src = os.path.join(TMP, name + ".txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
    return src


def verify(srv, src, out, *extra, timeout=120):
    return subprocess.run(BASE + ["--port", str(srv.port), "-o", out] +
                          list(extra) + [src], capture_output=True,
                          timeout=timeout)


def test_own_text():
    rows = ["ok.ann@ok.test", "ok.ann@Ok.Test", "no.bob@OK.TEST",
            "no.bob@ok.test"]
    srv = RcptLog()
    try:
        src = write_list("own", rows)
        out = os.path.join(TMP, "own.jsonl")
        p = verify(srv, src, out)
        rcpts = srv.taken()
    finally:
        srv.close()
    recs = {r["row"]: r for r in whole_lines(out)}
    check("own text: exit 0, one record per row",
          p.returncode == 0 and sorted(recs) == [1, 2, 3, 4],
          "rc %d %s %s" % (p.returncode, sorted(recs), p.stderr[-300:]))
    check("own text: one RCPT per address (%d for %d rows)" %
          (len(rcpts), len(rows)), len(rcpts) == 2, str(rcpts))
    got = [(recs[i]["address"], recs[i]["duplicate_of"]) for i in sorted(recs)]
    check("own text: each record holds its row's address as written",
          got == [(rows[0], None), (rows[1], 1), (rows[2], None),
                  (rows[3], 3)], str(got))


def test_case_only():
    rows = ["OK.Ann@ok.test", "ok.ann@ok.test", "no.bob@ok.test",
            "NO.BOB@OK.TEST", "ok.ann@ok.test", "ok.Cy@ok.test"]
    srv = RcptLog()
    try:
        src = write_list("case", rows)
        out = os.path.join(TMP, "case.jsonl")
        p = verify(srv, src, out)
        rcpts = srv.taken()
    finally:
        srv.close()
    recs = {r["row"]: r for r in whole_lines(out)}
    NUMBERS.append("case only: %d rows, %d RCPTs" % (len(rows), len(rcpts)))
    check("case only: exit 0, one record per row",
          p.returncode == 0 and sorted(recs) == list(range(1, 7)),
          "rc %d %s %s" % (p.returncode, sorted(recs), p.stderr[-300:]))
    check("case only: one RCPT per address, as its first row wrote it",
          sorted(rcpts) == ["OK.Ann@ok.test", "no.bob@ok.test",
                            "ok.Cy@ok.test"], str(rcpts))
    got = [(recs[i]["address"], recs[i]["duplicate_of"], recs[i]["verdict"])
           for i in sorted(recs)]
    want = [(rows[0], None, "deliverable"), (rows[1], 1, "deliverable"),
            (rows[2], None, "undeliverable"), (rows[3], 3, "undeliverable"),
            (rows[4], 1, "deliverable"), (rows[5], None, "deliverable")]
    check("case only: later rows wait on the first, their own text kept",
          got == want, str(got))


RESUME_ROWS = ["OK.Ann@ok.test", "ok.ann@ok.test", "ok.dee@silent.test",
               "OK.DEE@silent.test", "no.bob@ok.test", "ok.Dee@Silent.Test",
               "NO.BOB@ok.test", "no.eve@silent.test"]
RESUME_DUPS = {1: None, 2: 1, 3: None, 4: 3, 5: None, 6: 3, 7: 5, 8: None}


def resume_whole(recs, what):
    """One record per row, each with its own text and duplicate_of."""
    rows = sorted(r["row"] for r in recs)
    check("%s: one record per row (%d lines)" % (what, len(recs)),
          rows == list(range(1, len(RESUME_ROWS) + 1)), str(rows))
    by = {r["row"]: r for r in recs}
    got = {i: (by[i]["address"], by[i]["duplicate_of"]) for i in by}
    want = {i: (RESUME_ROWS[i - 1], RESUME_DUPS[i]) for i in RESUME_DUPS}
    check("%s: own text and duplicate_of as one run writes them" % what,
          got == want, str(sorted(got.items())))


def test_resume():
    ok = RcptLog()
    # silent.test's MX is 127.0.26.1: the same port there, held at first
    held = RcptLog("127.0.26.1", ok.port, hold=True)
    src = write_list("resume", RESUME_ROWS)
    out = os.path.join(TMP, "resume.jsonl")
    try:
        p = subprocess.Popen(BASE[:-4] + ["--timeout", "30s", "-q",
                             "--no-catch-all-check", "--port", str(ok.port),
                             "-o", out, src], stderr=subprocess.PIPE,
                             preexec_fn=SIGINT_DEFAULT)
        end = time.monotonic() + 20
        while time.monotonic() < end and (not os.path.exists(out) or
                                          open(out, "rb").read().count(
                                              b"\n") < 4):
            time.sleep(0.05)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=30)
        first = whole_lines(out)
        rcpts = ok.taken() + held.taken()
        check("interrupted: exit 3, ok.test's four rows written",
              p.returncode == 3 and
              sorted(r["row"] for r in first) == [1, 2, 5, 7],
              "rc %s %s %s" % (p.returncode, [r["row"] for r in first],
                               err[-300:]))
        check("interrupted: one RCPT per address of ok.test",
              sorted(rcpts) == ["OK.Ann@ok.test", "no.bob@ok.test"],
              str(rcpts))
        held.hold = False
        q = verify(ok, src, out, "--resume")
        rcpts = ok.taken() + held.taken()
        NUMBERS.append("resume: %d rows, %d written before, %d RCPTs after" %
                       (len(RESUME_ROWS), len(first), len(rcpts)))
        check("resumed: exit 0", q.returncode == 0, q.stderr[-300:])
        check("resumed: only silent.test probed, once per address",
              sorted(rcpts) == ["no.eve@silent.test", "ok.dee@silent.test"],
              str(rcpts))
        whole = whole_lines(out)
        resume_whole(whole, "resumed")
        # cut out a duplicate whose original stays (row 2, its original
        # in capitals) and an original whose duplicates stay (row 3): as a
        # run of an older mxtrace, or a kill between the writes, leaves them
        with open(out, "wb") as f:
            for r in whole:
                if r["row"] not in (2, 3):
                    f.write(json.dumps(r).encode() + b"\n")
        q = verify(ok, src, out, "--resume")
        rcpts = ok.taken() + held.taken()
        check("cut: exit 0", q.returncode == 0, q.stderr[-300:])
        check("cut: only row 3 probed again (row 2 from row 1's record)",
              rcpts == ["ok.dee@silent.test"], str(rcpts))
        again = whole_lines(out)
        resume_whole(again, "cut")
        by = {r["row"]: r for r in again}
        check("cut: row 2 carries row 1's verdict",
              by[2]["verdict"] == by[1]["verdict"] == "deliverable",
              "%s %s" % (by[2]["verdict"], by[1]["verdict"]))
        q = verify(ok, src, out, "--resume")
        rcpts = ok.taken() + held.taken()
        check("finished: a resume adds nothing, probes nothing",
              q.returncode == 0 and not rcpts and
              len(whole_lines(out)) == len(RESUME_ROWS), str(rcpts))
    finally:
        ok.close()
        held.close()


def main():
    for fn in [test_own_text, test_case_only, test_resume]:
        guarded(fn)
    return finish("test_verify_dedup")


if __name__ == "__main__":
    sys.exit(main())
