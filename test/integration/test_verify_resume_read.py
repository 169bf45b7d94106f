#!/usr/bin/env python3
"""test_verify_resume_read.py - `mxtrace verify --resume` reads back the
records already written exactly (verify/resume.c), against
the running lab (test/lab/up).

A list whose addresses make the records a reader can get wrong: a quoted
local part (escaped quotes and backslashes in its JSON), non-ASCII local
parts and IDN domains (UTF-8 in the JSON), a cell of two addresses (parts),
an invalid row, SMTP records (attempts, reply, mx; backup.test's decisive
attempt is its second MX's) - each address repeated by a later row.
The records of the repeating rows are taken away and a torn half record
put at the end: the --resume cuts the torn line, keeps every record as it
was, and writes each repeating row as a duplicate of its first row (read
back, not probed again), one record per row and part, and its --csv is
the first run's.  A line that is not JSON in the middle refuses the
resume, the records and FILE.meta untouched: a record broken in a member
the reader does not decode (a raw tab, a bad escape, an unpaired
surrogate, invalid UTF-8, an integer jansson refuses), a comma too many,
a line of garbage.  Prints one line per check and exits 1 when any failed.
"""

import os
import subprocess
import sys
import tempfile

from labcheck import BIN, RESOLVER, check, finish, guarded, whole_lines

TMP = tempfile.mkdtemp(prefix="mxtrace-resumeread-")
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "probe.lab.test", "-q", "--timeout", "5s"]
FIRST = ["alice@ok.test", "alice@backup.test",
         '"john \\"q\\" \\\\doe"@nxdomain.test',
         "jos\u00e9@b\u00fccher.nxdomain.test",
         "\u7528\u6237@\u4f8b\u5b50.nxdomain.test",
         "nobody@ok.test", "x1@nxdomain.test, x2@nxdomain.test", "a@@b"]
# later rows repeating each valid address of FIRST (rows 9-15)
AGAIN = FIRST[:5] + ["nobody@ok.test", "x2@nxdomain.test"]


def path(name):
    return os.path.join(TMP, name)


def write_list(name):
    src = path(name + ".txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("".join(a + "\n" for a in FIRST + AGAIN))
    return src


def run(args, quiet=True):
    """verify with BASE and args; quiet=False drops -q, for a run whose
    notes (the torn line cut) the test reads."""
    base = BASE if quiet else [a for a in BASE if a != "-q"]
    return subprocess.run(base + args, capture_output=True, timeout=120)


def key(r):
    return (r["row"], r["part"] or 0)


def test_resume_reads_back():
    src = write_list("list")
    out, csv1, csv2 = path("out.jsonl"), path("first.csv"), path("again.csv")
    p = run(["--csv", csv1, "-o", out, src])
    check("the first run: exit 0 or 1", p.returncode in (0, 1),
          "rc %d %s" % (p.returncode, p.stderr.decode()[-300:]))
    recs = whole_lines(out)
    first = {key(r): r for r in recs}
    check("the first run: one record per row and part, the addresses read "
          "as written", len(first) == len(recs) == 16 and
          [first[k]["address"] for k in sorted(first)][2:5] == FIRST[2:5],
          str([r["address"] for r in recs]))
    dups = {k: r["duplicate_of"] for k, r in first.items()
            if r["duplicate_of"] is not None}
    check("the first run: each repeating row a duplicate of its first",
          sorted(dups) == [(r, 0) for r in range(9, 16)], str(dups))
    lines = open(out, "rb").read().splitlines(keepends=True)
    kept = [ln for ln, r in zip(lines, recs) if r["duplicate_of"] is None]
    torn = lines[-1][:len(lines[-1]) // 2]
    with open(out, "wb") as f:
        f.write(b"".join(kept) + torn)
    # -q silences the torn line's note: this run is not quiet
    q = run(["--resume", "--csv", csv2, "-o", out, src], quiet=False)
    check("resume: exit 0 or 1, the torn line cut", q.returncode in (0, 1) and
          b"torn" in q.stderr, "rc %d %s" % (q.returncode,
                                            q.stderr.decode()[-300:]))
    data = open(out, "rb").read()
    check("resume: the records kept are as they were",
          data.startswith(b"".join(kept)))
    again = whole_lines(out)
    got = {key(r): r for r in again}
    check("resume: one record per row and part", len(again) == len(got) ==
          16 and sorted(got) == sorted(first),
          str(sorted(key(r) for r in again)))
    check("resume: each repeating row read its first row's record back "
          "(a duplicate of it, not probed again)",
          {k: r["duplicate_of"] for k, r in got.items()
           if r["duplicate_of"] is not None} == dups and
          all(got[k]["address"] == first[k]["address"] for k in dups),
          str([(k, r["duplicate_of"], r["address"]) for k, r in got.items()
               if k[0] >= 9]))
    check("resume: its --csv is the first run's",
          open(csv1, "rb").read() == open(csv2, "rb").read())


def test_resume_refuses_garbage():
    src = write_list("bad")
    out = path("bad.jsonl")
    p = run(["-o", out, src])
    check("garbage: the first run", p.returncode in (0, 1), p.stderr.decode())
    lines = open(out, "rb").read().splitlines(keepends=True)
    meta = open(out + ".meta", "rb").read()
    # the quoted address's record, broken where the reader reads nothing
    at = next(i for i, ln in enumerate(lines) if b'\\"john' in ln)
    ex = b'"explanation":"'
    for what, line in [
            ("a raw tab in a string", lines[at].replace(ex, ex + b"\t\\t")),
            ("a bad escape in a string", lines[at].replace(ex, ex + b"\\q")),
            ("an unpaired surrogate in a string",
             lines[at].replace(ex, ex + b"\\ud800")),
            ("invalid UTF-8 in a string", lines[at].replace(ex, ex + b"\xc3(")),
            ("an integer beyond 64 bits",
             lines[at].replace(b'"timing":{', b'"timing":{"x":%d,' % 10**20)),
            ("a comma too many",
             lines[at].replace(b'"duplicate_of"', b',"duplicate_of"')),
            ("a line of garbage", b"not a record\n")]:
        check("garbage (%s): made" % what, line != lines[at])
        bad = b"".join(lines[:at] + [line] + lines[at + 1:])
        with open(out, "wb") as f:
            f.write(bad)
        q = run(["--resume", "-o", out, src])
        check("garbage (%s): the resume refused (73), saying so" % what,
              q.returncode == 73 and b"not a verify record" in q.stderr,
              "rc %d %s" % (q.returncode, q.stderr.decode()[-300:]))
        check("garbage (%s): the records and FILE.meta untouched" % what,
              open(out, "rb").read() == bad and
              open(out + ".meta", "rb").read() == meta)


def main():
    for t in (test_resume_reads_back, test_resume_refuses_garbage):
        guarded(t)
    return finish("test_verify_resume_read")


if __name__ == "__main__":
    sys.exit(main())
