#!/usr/bin/env python3
"""test_verify_hostile.py - `mxtrace verify` against the nasty cases of
issue 3 ("Bad input"), with the lab up (test/lab/up).

Covers: disk full while writing the JSONL (plain invalid rows, and rows
finished inside live SMTP sessions) and the CSV (exit 74, a clear message,
only whole JSON lines; the old CSV left in place); an output or CSV path
that is the input or the records (refused, the list untouched); a FIFO
input, a directory as input or --csv, repeated CSV header names; a ~200 MB
input streamed in bounded memory, with 1 MB lines, invalid UTF-8 and NUL
bytes; a hostile CSV (BOM, CRLF, quoted newlines, formulas, invalid UTF-8,
a 1 MB cell); resume after a torn last line with FILE.meta present,
resume of another --shard refused, two runs on one output (the second
refused while the first runs, even with --force, and the file untouched).
Needs root (tmpfs mounts).  Prints one line per check, exits 1 on failure.
"""

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from labcheck import BIN, RESOLVER, check, finish, guarded, whole_lines, \
    numbers as NUMBERS, SIGINT_DEFAULT

HELO = "hostile.lab.test"
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", HELO]
TMP = tempfile.mkdtemp(prefix="mxtrace-hostile-")


def path(name):
    return os.path.join(TMP, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path(name)


def run(args, timeout=120, **kw):
    return subprocess.run(BASE + args, capture_output=True, timeout=timeout,
                          **kw)


def no_sanitizer(p, name):
    err = p.stderr if isinstance(p.stderr, bytes) else b""
    check("%s: no crash (rc %d)" % (name, p.returncode),
          p.returncode >= 0 and b"Sanitizer" not in err and
          b"runtime error:" not in err, err.decode("utf-8", "replace")[-600:])


def rss_kb(stderr):
    m = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(m.group(1)) if m else -1


class Tmpfs:
    """A small tmpfs, unmounted whatever happens."""

    def __init__(self, size):
        self.dir = tempfile.mkdtemp(prefix="full-", dir=TMP)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size,
                        "tmpfs", self.dir], check=True)

    def __enter__(self):
        return self.dir

    def __exit__(self, *exc):
        subprocess.run(["umount", "-l", self.dir])
        os.rmdir(self.dir)


def full_disk_checks(name, p, out, minimum):
    no_sanitizer(p, name)
    err = p.stderr.decode("utf-8", "replace")
    check("%s: exit 74" % name, p.returncode == 74,
          "rc %d: %s" % (p.returncode, err[-300:]))
    check("%s: the message names the cause" % name,
          "No space left on device" in err and "--resume" in err, err[-300:])
    try:
        recs = whole_lines(out)
        check("%s: only whole JSON lines (%d)" % (name, len(recs)),
              len(recs) >= minimum and
              len({r["row"] for r in recs}) == len(recs), "%d" % len(recs))
    except (OSError, ValueError) as e:
        check("%s: only whole JSON lines" % name, False, str(e))


def test_disk_full():
    src = write("invalid.txt", "".join(
        "bad%d-not-an-address-%s\n" % (i, "p" * 40) for i in range(20000)))
    with Tmpfs("128k") as d:
        p = run(["-q", "-o", os.path.join(d, "out.jsonl"), src])
        full_disk_checks("disk full (invalid rows)", p,
                         os.path.join(d, "out.jsonl"), 50)
    # rows finished inside live SMTP sessions: the write fails in the middle
    # of a job's results (this once freed the job under the engine's feet)
    tag = uuid.uuid4().hex[:6]
    src = write("live.txt", "".join("u%d-%s@catchall.test\nx%d-%s@ok.test\n"
                                    % (i, tag, i, tag) for i in range(3000)))
    with Tmpfs("200k") as d:
        t0 = time.monotonic()
        p = run(["-q", "--timeout", "5s", "-o", os.path.join(d, "out.jsonl"),
                 src])
        full_disk_checks("disk full (live sessions)", p,
                         os.path.join(d, "out.jsonl"), 50)
        NUMBERS.append("disk full during sessions: stopped in %.1fs"
                       % (time.monotonic() - t0))
    # the CSV: written through FILE.tmp, so the old CSV stays whole
    with Tmpfs("96k") as d:
        out = path("csvfull.jsonl")
        old = os.path.join(d, "out.csv")
        with open(old, "w") as f:
            f.write("the,previous,good,csv\n")
        p = run(["-q", "-o", out, "--csv", old, path("invalid.txt")])
        no_sanitizer(p, "disk full (csv)")
        err = p.stderr.decode("utf-8", "replace")
        check("disk full (csv): exit 74 naming the CSV",
              p.returncode == 74 and old in err and
              "No space left on device" in err, "rc %d: %s" %
              (p.returncode, err[-300:]))
        check("disk full (csv): the old CSV is untouched, no temporary left",
              open(old).read() == "the,previous,good,csv\n" and
              os.listdir(d) == ["out.csv"], str(os.listdir(d)))
        check("disk full (csv): the JSONL is complete",
              len(whole_lines(out)) == 20000)
    # a disk already full: the output is refused before any probe
    with Tmpfs("64k") as d:
        with open(os.path.join(d, "fill"), "wb") as f:
            try:
                f.write(b"\0" * (1 << 20))
            except OSError:
                pass
        p = run(["-q", "-o", os.path.join(d, "out.jsonl"), src])
        no_sanitizer(p, "disk already full")
        check("disk already full: exit 73, says why", p.returncode == 73 and
              b"No space left" in p.stderr, "rc %d %s" % (
                  p.returncode, p.stderr.decode()[-300:]))


def test_same_file():
    text = "alice@ok.test\nbob@ok.test\n"
    src = write("same.txt", text)
    cases = [
        ("--force -o LIST LIST", ["--force", "-o", src]),
        ("--resume -o LIST LIST", ["--resume", "-o", src]),
        ("--csv LIST", ["-o", path("same1.jsonl"), "--csv",
                        os.path.join(TMP, ".", "same.txt")]),
        ("--csv naming -o", ["-o", path("same2.jsonl"), "--csv",
                             os.path.join(TMP, ".", "same2.jsonl")]),
        ("--csv naming -o's .meta", ["-o", path("same3.jsonl"), "--csv",
                                     path("same3.jsonl.meta")]),
    ]
    for name, args in cases:
        p = run(["-q"] + args + [src])
        check("same file (%s): refused with 73 before any probe" % name,
              p.returncode == 73 and (b"input" in p.stderr or
                                      b"overwrite" in p.stderr), "rc %d %s" % (
                  p.returncode, p.stderr.decode()[-300:]))
        check("same file (%s): the list is untouched" % name,
              open(src).read() == text)
    check("same file: a refused -o is never made, nor its .meta",
          not os.path.exists(path("same2.jsonl")) and
          not os.path.exists(path("same2.jsonl.meta")))


def test_odd_paths():
    """A FIFO (like `<(...)`), a directory as input, a directory as --csv,
    and a CSV whose header repeats a name and leaves one empty."""
    fifo = path("list.fifo")
    os.mkfifo(fifo)
    text = b"alice@ok.test\nbob@ok.test\nnobody@ok.test\n"

    def feed():
        with open(fifo, "wb") as f:
            f.write(text)
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    p = run(["-q", "--timeout", "5s", "-o", path("fifo.jsonl"), fifo],
            timeout=60)
    t.join(5)
    recs = whole_lines(path("fifo.jsonl")) if p.returncode == 0 else []
    check("fifo input: read once, copied, every row probed", p.returncode == 0
          and sorted(r["row"] for r in recs) == [1, 2, 3], "rc %d %s" % (
              p.returncode, p.stderr.decode()[-300:]))
    p = run(["-q", "-o", path("dir.jsonl"), TMP])
    check("directory input: exit 66, says so", p.returncode == 66 and
          b"directory" in p.stderr, "rc %d %s" % (p.returncode, p.stderr))
    t0 = time.monotonic()
    p = run(["-q", "-o", path("csvdir.jsonl"), "--csv", TMP,
             write("one.txt", "user@silent.test\n")])
    check("--csv DIRECTORY: exit 73 before any probe", p.returncode == 73 and
          b"directory" in p.stderr and time.monotonic() - t0 < 5 and
          not os.path.exists(path("csvdir.jsonl")), "rc %d %s" % (
              p.returncode, p.stderr))
    src = write("dupcol.csv", "email,Name,Name,,Note\r\n"
                "alice@ok.test,first,second,third,=cmd()\r\n")
    p = run(["-q", "--timeout", "5s", "-o", path("dupcol.jsonl"), "--csv",
             path("dupcol.out.csv"), src])
    recs = whole_lines(path("dupcol.jsonl"))
    check("repeated header names: no field overwritten in input",
          p.returncode == 0 and recs[0]["input"] == {
              "Name": "first", "column 3": "second", "column 4": "third",
              "Note": "=cmd()"}, json.dumps(recs[0]["input"]))
    with open(path("dupcol.out.csv"), encoding="utf-8-sig", newline="") as f:
        out = list(csv.reader(f))
    check("repeated header names: the CSV keeps every cell in its column",
          out[0][1:6] == ["email", "Name", "column 3", "column 4", "Note"] and
          out[1][1:6] == ["alice@ok.test", "first", "second", "third",
                          "'=cmd()"], str(out[:2]))


def test_stream_large():
    """~200 MB: 1 MB lines of random bytes, comments, a few addresses."""
    junk = os.urandom(1 << 20).replace(b"\n", b"x").replace(b"\r", b"y")
    big = path("big.txt")
    tag = uuid.uuid4().hex[:6]
    rows = {}
    n = 0
    with open(big, "wb") as f:
        for i in range(150):
            f.write(junk[i:] + junk[:i] + b"\n")
            n += 1
            rows[n] = "invalid_syntax"
            f.write(b"# " + b"c" * 1000 + b"\n")
            n += 1
            f.write(b"u%d-%s@catchall.test\n" % (i, tag.encode()))
            n += 1
            rows[n] = "catch_all"
        block = (b"# comment " + b"z" * 200 + b"\n") * 5000
        while f.tell() < 200 * (1 << 20):
            f.write(block)
            n += 5000
        for line, verdict in ((b"\xff\xfe@ok.test", "invalid_syntax"),
                              (b"al\x00ice@ok.test", "invalid_syntax"),
                              (b"bob@ok.test\r", "deliverable"),
                              (b"\xef\xbb\xbf\xc2\xa0alice@ok.test", "deliverable")):
            f.write(line + b"\n")
            n += 1
            rows[n] = verdict
    size = os.path.getsize(big)
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v"] + BASE +
                       ["-q", "--timeout", "5s", "-o", path("big.jsonl"), big],
                       capture_output=True, timeout=120)
    took = time.monotonic() - t0
    no_sanitizer(p, "200 MB input")
    rss = rss_kb(p.stderr)
    NUMBERS.append("%d MB input (150 lines of 1 MB): %.1fs, peak RSS %d KiB"
                   % (size >> 20, took, rss))
    check("200 MB input: exit 0", p.returncode == 0,
          p.stderr.decode("utf-8", "replace")[-400:])
    check("200 MB input: peak RSS %d KiB, far below the file size" % rss,
          0 < rss < 96 * 1024, "%d KiB" % rss)  # 14 MiB; 70 under ASan
    recs = whole_lines(path("big.jsonl"))
    got = {r["row"]: r["verdict"] for r in recs}
    check("200 MB input: one record per address row (%d)" % len(rows),
          got == rows, str(sorted(set(got.items()) ^ set(rows.items()))[:5]))
    long_rows = [r for r in recs if r["row"] == 1]
    check("200 MB input: a 1 MB line is one short invalid record",
          long_rows and len(json.dumps(long_rows[0])) < 4000 and
          any("longer than" in w for w in long_rows[0]["warnings"]))
    why = {r["row"]: " ".join(r["warnings"]) for r in recs}
    check("200 MB input: invalid UTF-8 and NUL named",
          "UTF-8" in why[n - 3] and "NUL" in why[n - 2], str((why[n - 3],
                                                              why[n - 2])))


def test_hostile_csv():
    tag = uuid.uuid4().hex[:6]
    rows = [
        ["Name", "Notes", "E-Mail", "Score"],
        ["=HYPERLINK(\"http://evil/\",\"x\")", "line one\nline two\r\nthree",
         "alice@ok.test", "@SUM(A1:A9)"],
        ["+cmd|' /C calc'!A0", "\"quoted\", comma", "nobody-%s@ok.test" % tag,
         "-1+1"],
        ["\tTabbed", "\rCR", "bob@ok.test", "=1+1"],
        ["Big", "x" * (1 << 20), "bob2-%s@ok.test" % tag, "1"],
        ["Bad UTF-8", "caf\udce9", "alice@ok.test", "2"],
    ]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    data = b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8", "surrogateescape")
    src = write("hostile.csv", data)
    out, outcsv = path("hcsv.jsonl"), path("hcsv.csv")
    p = run(["-q", "--timeout", "5s", "-o", out, "--csv", outcsv, src])
    no_sanitizer(p, "hostile csv")
    check("hostile csv: exit 0", p.returncode == 0,
          p.stderr.decode("utf-8", "replace")[-400:])
    recs = {r["row"]: r for r in whole_lines(out)}
    check("hostile csv: one record per data row", sorted(recs) ==
          [2, 3, 4, 5, 6], str(sorted(recs)))
    check("hostile csv: quoted newlines kept in input", recs[2]["input"]
          ["Notes"] == "line one\nline two\r\nthree", repr(recs[2]["input"]))
    check("hostile csv: verdicts", [recs[i]["verdict"] for i in
          (2, 3, 4, 6)] == ["deliverable", "undeliverable", "deliverable",
                            "deliverable"] and recs[6]["duplicate_of"] == 2,
          str([(i, recs[i]["verdict"]) for i in sorted(recs)]))
    check("hostile csv: a record over 64 KiB is one invalid row that says so",
          5 in recs and recs[5]["verdict"] == "invalid_syntax" and
          any("longer than" in w for w in recs[5]["warnings"]),
          json.dumps(recs.get(5))[:300])
    with open(outcsv, "rb") as f:
        raw = f.read()
    cells = [c for r in csv.reader(io.StringIO(
        raw.decode("utf-8-sig"), newline="")) for c in r]
    risky = [c[:30] for c in cells if c[:1] in ("=", "+", "-", "@", "\t",
                                                "\r")
             and not re.fullmatch(r'="[0-9./: -]*"', c)]
    check("hostile csv: --csv neutralizes every formula-like cell",
          not risky and "'=HYPERLINK(\"http://evil/\",\"x\")" in cells and
          "'@SUM(A1:A9)" in cells and "'+cmd|' /C calc'!A0" in cells,
          str(risky[:4]))
    check("hostile csv: the CSV is valid UTF-8 with the newline cell intact",
          any("line one\nline two" in c for c in cells))


def small_list(name, n, tag):
    lines = []
    for i in range(n):
        lines.append(["alice@ok.test", "nobody%d-%s@ok.test" % (i, tag),
                      "u%d-%s@catchall.test" % (i, tag), "bad%d" % i,
                      "x%d@nxdomain.test" % i][i % 5])
    return write(name, "\n".join(lines) + "\n"), len(lines)


def test_resume_torn():
    tag = uuid.uuid4().hex[:6]
    src, total = small_list("torn.txt", 60, tag)
    out = path("torn.jsonl")
    p = run(["-q", "--timeout", "5s", "-o", out, src])
    check("torn: first run exit 0", p.returncode == 0, p.stderr.decode())
    with open(out, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    check("torn: FILE.meta beside the output", os.path.exists(out + ".meta"))
    # drop two whole lines, and cut the last one in the middle
    keep = lines[:-3] + [lines[-1][:len(lines[-1]) // 2]]
    with open(out, "wb") as f:
        f.write(b"".join(keep))
    # not -q: -q silences the torn line's note, which this run reads
    q = run(["--resume", "--timeout", "5s", "-o", out, src])
    no_sanitizer(q, "torn")
    check("torn: resume exit 0, says it cut the torn line",
          q.returncode == 0 and b"torn" in q.stderr, "rc %d %s" % (
              q.returncode, q.stderr.decode()[-300:]))
    rows = [r["row"] for r in whole_lines(out)]
    check("torn: exactly one line per row", sorted(rows) ==
          list(range(1, total + 1)), "%d lines %d distinct" % (
              len(rows), len(set(rows))))
    # a last record whole but without its newline
    with open(out, "rb") as f:
        data = f.read()
    with open(out, "wb") as f:
        f.write(data[:-1])
    q = run(["-q", "--resume", "--timeout", "5s", "-o", out, src])
    rows = [r["row"] for r in whole_lines(out)]
    check("torn: a record missing only its newline: still one line per row",
          q.returncode == 0 and sorted(rows) == list(range(1, total + 1)),
          "rc %d, %d lines" % (q.returncode, len(rows)))
    # nothing but half a line
    with open(out, "wb") as f:
        f.write(data[:40])
    q = run(["-q", "--resume", "--timeout", "5s", "-o", out, src])
    rows = [r["row"] for r in whole_lines(out)]
    check("torn: an output of half a line is resumed from scratch",
          q.returncode == 0 and sorted(rows) == list(range(1, total + 1)),
          "rc %d, %d lines" % (q.returncode, len(rows)))


def test_resume_shard():
    tag = uuid.uuid4().hex[:6]
    src, _ = small_list("shard.txt", 40, tag)
    out = path("shard1.jsonl")
    p = run(["-q", "--shard", "1/2", "-o", out, src])
    before = open(out, "rb").read()
    check("shard: first run exit 0", p.returncode == 0, p.stderr.decode())
    for args in (["--shard", "2/2"], ["--shard", "1/3"], []):
        q = run(["-q", "--resume", "-o", out] + args + [src])
        check("shard: --resume with %s refused (73)" % (
            " ".join(args) or "no --shard"), q.returncode == 73 and
            b"shard" in q.stderr, "rc %d %s" % (q.returncode,
                                                q.stderr.decode()[-300:]))
    check("shard: the refused resumes left the file alone",
          open(out, "rb").read() == before)
    q = run(["-q", "--resume", "--shard", "1/2", "-o", out, src])
    check("shard: the same shard resumes (nothing to add)",
          q.returncode == 0 and open(out, "rb").read() == before)


def test_two_runs():
    src = write("two.txt", "alice@ok.test\nuser@silent.test\n")
    out = path("two.jsonl")
    first = subprocess.Popen(BASE + ["-q", "--timeout", "20s", "-o", out, src],
                             stderr=subprocess.PIPE, preexec_fn=SIGINT_DEFAULT)
    try:
        # wait (bounded) until the first run has written alice's record
        for _ in range(100):
            if os.path.exists(out) and os.path.getsize(out) > 0:
                break
            time.sleep(0.1)
        before = open(out, "rb").read()
        for args in (["--resume"], ["--force"], []):
            q = run(["-q", "-o", out] + args + [src], timeout=30)
            check("two runs: a second run (%s) refused with 73" % (
                " ".join(args) or "plain"), q.returncode == 73 and
                b"another run" in q.stderr, "rc %d %s" % (
                    q.returncode, q.stderr.decode()[-300:]))
        check("two runs: the file is untouched by the refused runs",
              open(out, "rb").read() == before and before.count(b"\n") == 1,
              repr(before[:80]))
        check("two runs: the first run is still running", first.poll() is None)
    finally:
        first.send_signal(signal.SIGINT)
        try:
            _, err = first.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            first.kill()
            first.communicate()
            err = b"did not stop"
    check("two runs: the first stops on SIGINT with exit 3",
          first.returncode == 3, "rc %s %s" % (first.returncode, err[-300:]))
    recs = whole_lines(out)
    check("two runs: only the finished row was written",
          [r["address"] for r in recs] == ["alice@ok.test"])


def main():
    tests = [test_disk_full, test_same_file, test_odd_paths, test_stream_large,
             test_hostile_csv, test_resume_torn, test_resume_shard,
             test_two_runs]
    for t in tests:
        guarded(t)
    return finish("test_verify_hostile")


if __name__ == "__main__":
    sys.exit(main())
