#!/usr/bin/env python3
"""test_hostile_bytes.py - every hostile byte class a server or an input
file can put in a record survives the round trip (issue 7, item 1), and
outputs that are not regular files stay what they are (item 8).

The scripted server `bytes` (127.0.26.47, test/lab/smtpbad.py) answers
RCPT for local part CLASS with a 550 holding that class: NUL, C0 and C1
controls, ESC sequences, a multi-line reply (LF), a bare CR (a protocol
error since issue 7: its text is quoted, escaped, in the error), invalid
UTF-8, U+2028/2029, bidi overrides, formula starters, and texts longer
than the CSV's 1,024-byte cut.  The input list adds its own: formula
header cells and addresses, a NUL, ESC, CR, LF, C1 and bidi in an extra
column.  Checked: `mxtrace verify` writes one record per row, the CSV has
every row with each such byte shown escaped and every formula neutralised,
`--resume` accepts the finished file and repairs a torn one without losing
or duplicating a row, and `mxtrace report` reads every record.  Then the
outputs go to a FIFO and to a character device the test makes with mknod
(never the real /dev/null): both stay what they were.
Needs the lab (test/lab/up) and root (mknod).
"""

import csv
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

from labcheck import BIN, RESOLVER, check, finish, guarded, whole_lines

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "-q",
        "--timeout", "5s"]
TMP = tempfile.mkdtemp(prefix="mxtrace-bytes-")

# local part -> what the record's reply.text must hold, what the CSV's
# reply_text cell must show.
CLASSES = {
    "nul": ("a\x00b", "a\\x00b"),
    "c0": ("a\x01\x02\x07\x08\x0b\x0c\x7fb",
           "a\\x01\\x02\\x07\\x08\\x0B\\x0C\\x7Fb"),
    "c1": ("a\x80\x85\x9bb", "a\\xC2\\x80\\xC2\\x85\\xC2\\x9Bb"),
    "esc": ("\x1b[2J\x1b[31mred\x1b]0;title\x07\x1b[0m",
            "\\x1B[2J\\x1B[31mred\\x1B]0;title\\x07\\x1B[0m"),
    "lf": ("line one\nline two", "line one\nline two"),
    "badutf8": ("caf\ufffd \ufffd\ufffd \ufffd",
                "caf\ufffd \ufffd\ufffd \ufffd"),
    "ls": ("a\u2028b\u2029c", "a\\xE2\\x80\\xA8b\\xE2\\x80\\xA9c"),
    "bidi": ("\u202eevil\u202c \u2066x\u2069",
             "\\xE2\\x80\\xAEevil\\xE2\\x80\\xAC \\xE2\\x81\\xA6x\\xE2\\x81\\xA9"),
    "formula": ('=HYPERLINK("http://x.test","y")',
                '\'=HYPERLINK("http://x.test","y")'),
    "plus": ("+1+1", "'+1+1"),
    "at": ("@SUM(A1)", "'@SUM(A1)"),
    "long": ("x" * 2000, "x" * 1024),
    "longcjk": ("\u5173" * 1000, "\u5173" * 341),
}
# Extra-column values from the input file and how the CSV must show them.
NOTES = [
    ("n\x00te", "n\\x00te"),
    ("\x1b[31mred", "\\x1B[31mred"),
    ("two\nlines", "two\nlines"),
    ("bare\rcr", "bare\\rcr"),
    ("c1\u0085x", "c1\\xC2\\x85x"),
    ("\u202eevil", "\\xE2\\x80\\xAEevil"),
    ("=1+2", "'=1+2"),
    ("-3", "'-3"),
    ("\tTAB", "'\tTAB"),
    ("plain", "plain"),
]
# Addresses that start like a formula: the address column is neutralised.
FORMULA_ADDRS = ["=1+1@bytes.test", "-2+3@bytes.test", "+1@bytes.test"]
HEADER = ["email", "=cmd", "-minus", "@at", "+plus"]
KEPT_TEXT = re.compile(r'^="[0-9./: -]*"$')
BAD_CHARS = set(chr(c) for c in range(0x20) if chr(c) not in "\t\n") | \
    set(chr(c) for c in range(0x7f, 0xa0)) | \
    set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
        "\u2069\u2028\u2029")


def path(name):
    return os.path.join(TMP, name)


def csv_quote(s):
    return '"' + s.replace('"', '""') + '"'


def make_input():
    """The list: every class, the formula addresses, hostile extra cells."""
    rows = ["%s@bytes.test" % c for c in CLASSES] + ["cr@bytescr.test"] + \
        FORMULA_ADDRS
    lines = [",".join(csv_quote(h) for h in HEADER)]
    for i, addr in enumerate(rows):
        note = NOTES[i % len(NOTES)][0]
        lines.append(",".join(csv_quote(x) for x in
                              (addr, note, "-x", "@y", "+z")))
    with open(path("list.csv"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return rows


def read_csv(file):
    with open(file, "rb") as f:
        text = f.read().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def verify(args):
    return subprocess.run(BASE + args, capture_output=True, timeout=120)


def check_records(recs, rows, what):
    by_row = {}
    for r in recs:
        by_row.setdefault(r.get("row"), []).append(r)
    # CSV records are numbered with the header as 1
    check("%s: one record per row (%d rows)" % (what, len(rows)),
          sorted(by_row) == list(range(2, len(rows) + 2)) and
          all(len(v) == 1 for v in by_row.values()),
          "rows %r" % sorted((k, len(v)) for k, v in by_row.items()))
    wrong = [(i + 2, addr) for i, addr in enumerate(rows)
             if by_row.get(i + 2, [{}])[0].get("address") != addr]
    check("%s: each row holds its own address" % what, not wrong, wrong)


def check_csv(rows, what):
    table = read_csv(path("out.csv"))
    header, body = table[0], table[1:]
    first = header.index("email") if "email" in header else 0
    check("%s: CSV header cells neutralised" % what,
          header[first:first + 5] == ["email", "'=cmd", "'-minus", "'@at",
                                      "'+plus"], header)
    check("%s: CSV has every row (%d)" % (what, len(rows)),
          len(body) == len(rows), "%d rows" % len(body))
    col = {name: i for i, name in enumerate(header)}
    by_addr = {}
    for r in body:
        by_addr[r[first]] = r
    for cls, (_, shown) in CLASSES.items():
        r = by_addr.get("%s@bytes.test" % cls)
        got = r[col["reply_text"]] if r else None
        check("%s: CSV reply_text of %s shown escaped" % (what, cls),
              got == shown, repr(got)[:200])
    r = by_addr.get("cr@bytescr.test")
    check("%s: CSV row of the bare-CR server (protocol_error)" % what,
          r is not None and r[col["verdict"]] == "protocol_error", r)
    for i, addr in enumerate(rows):
        want = NOTES[i % len(NOTES)][1]
        shown = ("'" + addr) if addr[0] in "=+-@" else addr
        r = by_addr.get(shown)
        if r is None:
            check("%s: CSV address cell %r" % (what, shown), False,
                  sorted(by_addr)[:20])
            continue
        if r[col["'=cmd"]] != want:
            check("%s: CSV input cell of %s" % (what, addr), False,
                  "%r, want %r" % (r[col["'=cmd"]], want))
    # ="5.1.1" is mxtrace's own way of keeping a date-like cell text
    bad = [(i, c) for i, r in enumerate(table) for c in r
           if any(ch in BAD_CHARS for ch in c) or
           (c and c[0] in "=+-@\t\r" and not KEPT_TEXT.match(c))]
    check("%s: no CSV cell holds a raw control/bidi byte or starts a "
          "formula" % what, not bad, bad[:5])


def test_roundtrip():
    rows = make_input()
    p = verify([path("list.csv"), "-o", path("out.jsonl"),
                "--csv", path("out.csv")])
    check("verify exits 0 (rc %d)" % p.returncode, p.returncode == 0,
          p.stderr.decode("utf-8", "replace")[-500:])
    recs = whole_lines(path("out.jsonl"))
    check_records(recs, rows, "first run")
    by_addr = {r["address"]: r for r in recs}
    for cls, (text, _) in CLASSES.items():
        r = by_addr.get("%s@bytes.test" % cls, {})
        got = (r.get("reply") or {}).get("text")
        check("JSON reply.text of %s kept" % cls, got == text,
              repr(got)[:200])
    cr = by_addr.get("cr@bytescr.test", {})
    errors = [a.get("error") or "" for a in cr.get("attempts", [])]
    check("bare CR: protocol_error, the line quoted escaped",
          cr.get("verdict") == "protocol_error" and
          any("a\\rb" in e for e in errors), (cr.get("verdict"), errors))
    check_csv(rows, "first run")
    shutil.copy(path("out.jsonl"), path("full.jsonl"))

    # A finished file resumes as it is: nothing probed, nothing added.
    p = verify([path("list.csv"), "-o", path("out.jsonl"), "--resume",
                "--csv", path("out.csv")])
    check("resume of the finished file exits 0 (rc %d)" % p.returncode,
          p.returncode == 0, p.stderr.decode("utf-8", "replace")[-500:])
    check_records(whole_lines(path("out.jsonl")), rows, "resumed as is")
    check_csv(rows, "resumed as is")

    # Torn after each of the hostile records: repaired and completed.
    with open(path("full.jsonl"), "rb") as f:
        lines = f.read().splitlines(keepends=True)
    for keep in (1, len(lines) // 2, len(lines) - 1):
        with open(path("out.jsonl"), "wb") as f:
            f.writelines(lines[:keep])
            f.write(lines[keep][:len(lines[keep]) // 2])
        p = verify([path("list.csv"), "-o", path("out.jsonl"), "--resume",
                    "--csv", path("out.csv")])
        what = "torn after %d records" % keep
        check("%s: resume exits 0 (rc %d)" % (what, p.returncode),
              p.returncode == 0, p.stderr.decode("utf-8", "replace")[-500:])
        check_records(whole_lines(path("out.jsonl")), rows, what)
        check_csv(rows, what)

    # The report reads every record back.
    p = subprocess.run([BIN, "report", "-o", path("r.html"),
                        path("full.jsonl")], capture_output=True, timeout=60)
    check("report exits 0 and skips no line (rc %d)" % p.returncode,
          p.returncode == 0 and b"skipped" not in p.stderr,
          p.stderr.decode("utf-8", "replace")[-500:])
    with open(path("r.html"), "rb") as f:
        html = f.read()
    check("report: no raw NUL or ESC byte", b"\x00" not in html and
          b"\x1b" not in html)
    missing = [a for a in rows if a.split("@")[0] not in
               html.decode("utf-8", "replace")]
    check("report: every address present", not missing, missing)


def reader(fifo, sink):
    with open(fifo, "rb") as f:
        sink.append(f.read())


def fifo_write(cmd, what, rc):
    """cmd writes to FIFO: the data arrives, the FIFO stays a FIFO."""
    fifo = path("fifo-" + what.split()[0])
    os.mkfifo(fifo)
    sink = []
    t = threading.Thread(target=reader, args=(fifo, sink), daemon=True)
    t.start()
    p = subprocess.run(cmd(fifo), capture_output=True, timeout=60)
    t.join(10)
    check("%s to a FIFO: exit %d, data through, still a FIFO, no .tmp"
          % (what, rc), p.returncode == rc and sink and len(sink[0]) > 100 and
          stat.S_ISFIFO(os.lstat(fifo).st_mode) and
          not os.path.exists(fifo + ".tmp"),
          (p.returncode, p.stderr[-300:], len(sink[0]) if sink else None))


def chardev_write(cmd, what, rc):
    """cmd writes to a null device made here: it stays that device."""
    dev = path("null-" + what.split()[0])
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    p = subprocess.run(cmd(dev), capture_output=True, timeout=60)
    st = os.lstat(dev)
    check("%s to a character device: exit %d, still the device, no .tmp"
          % (what, rc), p.returncode == rc and stat.S_ISCHR(st.st_mode) and
          os.major(st.st_rdev) == 1 and os.minor(st.st_rdev) == 3 and
          not os.path.exists(dev + ".tmp"), (p.returncode, p.stderr[-300:]))


def test_output_nodes():
    src = path("full.jsonl")
    report = lambda out: [BIN, "report", "-o", out, src]
    csvout = lambda out: BASE + [path("list.csv"), "-o",
                                 path("nodes.jsonl"), "--force",
                                 "--csv", out]
    probe = lambda out: [BIN, "probe", "--resolver", RESOLVER, "--html",
                         out, "a@@b.test"]
    # probe exits 1: a@@b.test is a definite no (invalid syntax)
    for what, cmd, rc in (("report -o", report, 0),
                          ("verify --csv", csvout, 0),
                          ("probe --html", probe, 1)):
        fifo_write(cmd, what, rc)
        chardev_write(cmd, what, rc)


def main():
    try:
        guarded(test_roundtrip)
        guarded(test_output_nodes)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    return finish("test_hostile_bytes")


if __name__ == "__main__":
    sys.exit(main())
