#!/usr/bin/env python3
"""test_verify.py - `mxtrace verify` against the running lab (test/lab/up).

Covers: plain and CSV input, duplicates, session sharing (Postfix's log
shows fewer sessions than addresses), greylisting retried then accepted, a
host that times out while the others finish, SIGKILL + --resume giving
exactly one line per row, the SIGINT summary, N shards in parallel equal
to one unsharded run, CSV formula neutralization, the CSV's duplicate_of
column as the JSON's (fresh, --resume, --lang zh, a cell's 2nd address,
rows not reached, shards), and the bad-input exit statuses.  Prints one line per check and exits 1 when any failed.
"""

import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid

from labcheck import REPO, BIN, RESOLVER, check, finish, guarded, whole_lines, \
    RUN as LAB_RUN, SIGINT_DEFAULT

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--timeout", "5s", "--helo", "probe.lab.test"]
TMP = tempfile.mkdtemp(prefix="mxtrace-verify-")

# address -> expected verdict (from test/lab/cases.tsv)
KNOWN = {
    "alice@ok.test": "deliverable",
    "bob@ok.test": "deliverable",
    "nobody@ok.test": "undeliverable",
    "carol@full.test": "mailbox_full",
    "alice@blocked.test": "blocked",
    "whoever@catchall.test": "catch_all",
    "alice@nxdomain.test": "no_mail_domain",
    "alice@nullmx.test": "no_mail_domain",
    "alice@equal.test": "deliverable",
    "alice@backup.test": "deliverable",
    "a@@b": "invalid_syntax",
}


def path(name):
    return os.path.join(TMP, name)


def write(name, text):
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path(name)


def run(args, timeout=120, **kw):
    return subprocess.run(BASE + args, capture_output=True, timeout=timeout,
                          **kw)


def records(name):
    """Every line must be one whole JSON object."""
    return whole_lines(path(name))


def by_row(recs):
    return {r["row"]: r for r in recs}


def sessions(names):
    """SMTP sessions the lab's Postfix personalities logged so far."""
    try:
        with open(os.path.join(LAB_RUN, "postfix.log"), errors="replace") as f:
            text = f.read()
    except OSError:
        return -1
    return sum(len(re.findall(r"lab/%s/smtpd\[\d+\]: connect from" % n, text))
               for n in names)


def test_plain():
    lines = ["# a comment", ""] + list(KNOWN) + ["alice@ok.test"]
    src = write("plain.txt", "\n".join(lines) + "\n")
    p = run(["-q", "-o", path("plain.jsonl"), src])
    check("plain: exit 0", p.returncode == 0, p.stderr.decode()[-400:])
    recs = records("plain.jsonl")
    rows = by_row(recs)
    check("plain: one record per address", len(recs) == len(KNOWN) + 1 and
          len(rows) == len(recs), "%d records" % len(recs))
    bad = ["%s=%s" % (r["address"], r["verdict"]) for r in recs
           if r["verdict"] != KNOWN[r["address"]]]
    check("plain: verdicts", not bad, ", ".join(bad))
    check("plain: rows are line numbers", rows.get(3, {}).get("address") ==
          lines[2], str(sorted(rows)))
    dup = rows.get(len(lines))
    check("plain: duplicate reported with duplicate_of",
          dup is not None and dup["duplicate_of"] == 3 and
          dup["verdict"] == "deliverable" and dup["input"] is None,
          json.dumps(dup)[:300])
    check("plain: the original has duplicate_of null",
          rows[3]["duplicate_of"] is None)
    meta = json.load(open(path("plain.jsonl.meta")))
    check("plain: FILE.meta names the input", meta.get("input") == src and
          len(meta.get("input_sha256", "")) == 64, json.dumps(meta))


def test_csv_and_sharing():
    n = 40
    rows = [["Name", "E-mail", "Note"]]
    for i in range(n):
        rows.append(["=HYPERLINK(\"http://x\")" if i == 0 else "n%d" % i,
                     "u%d-%s@ok.test" % (i, uuid.uuid4().hex[:6]),
                     "+1, \"two\"\nthree" if i == 1 else "-note"])
    rows.append(["Dup", rows[2][1], "@dup"])
    # a repeat in other letters, and one as the 2nd address of a cell
    rows.append(["Case", rows[5][1].upper(), "x"])
    two = "two-%s@ok.test" % uuid.uuid4().hex[:6]
    rows.append(["Two", "%s; %s" % (two, rows[7][1].upper()), "y"])
    with open(path("list.csv"), "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    before = sessions(["ok", "ok2"])
    p = run(["-q", "-o", path("csv.jsonl"), "--csv", path("out.csv"),
             path("list.csv")])
    after = sessions(["ok", "ok2"])
    check("csv: exit 0", p.returncode == 0, p.stderr.decode()[-400:])
    recs = by_row(records("csv.jsonl"))
    check("csv: one record per data row (header = row 1)",
          sorted(recs) == list(range(2, n + 5)), str(sorted(recs))[:200])
    check("csv: other fields under input",
          recs[3]["input"] == {"Name": "n1", "Note": "+1, \"two\"\nthree"},
          json.dumps(recs[3]["input"]))
    check("csv: unknown users undeliverable",
          all(r["verdict"] == "undeliverable" for r in recs.values()),
          str({r["verdict"] for r in recs.values()}))
    check("csv: duplicate of row 3", recs[n + 2]["duplicate_of"] == 3 and
          recs[n + 2]["input"]["Name"] == "Dup")
    last = {(r["row"], r["part"]): r["duplicate_of"]
            for r in records("csv.jsonl") if r["row"] >= n + 3}
    check("csv: duplicates in other letters, one a cell's 2nd address",
          last == {(n + 3, None): 6, (n + 4, 1): None, (n + 4, 2): 8},
          str(last))
    opened = after - before
    check("csv: %d addresses shared %d SMTP session(s)" % (n, opened),
          0 < opened < n // 4, "sessions before %d after %d" % (before, after))
    with open(path("out.csv"), encoding="utf-8-sig", newline="") as f:
        out = list(csv.reader(f))
    check("csv out: header", out[0] == ["summary", "Name", "E-mail", "Note",
          "verdict", "stage", "reason", "reply_code", "enhanced",
          "reply_text", "mx", "explanation", "suggestion", "role",
          "disposable", "duplicate_of"], str(out[0]))
    check("csv out: one line per address, in row order",
          [r[2] for r in out[1:]] == [r[1] for r in rows[1:-1]] +
          [two, rows[7][1].upper()], str(len(out)))
    # the row numbers of the JSON (the header is row 1), for every row
    ordered = sorted(records("csv.jsonl"), key=lambda r: (r["row"],
                                                          r["part"] or 0))
    dups = [r[-1] for r in out[1:]]
    check("csv out: duplicate_of as the JSON's, empty for a row probed",
          dups == ["" if r["duplicate_of"] is None else str(r["duplicate_of"])
                   for r in ordered] and dups[-4:] == ["3", "6", "", "8"] and
          dups.count("") == len(dups) - 3, str(dups[-6:]))
    check("csv out: a repeat has its first row's verdict",
          out[-4][4:-1] == out[2][4:-1] and out[-1][4:-1] == out[7][4:-1],
          "%s\n%s" % (out[-4], out[2]))
    # --resume reads every record back: its CSV is the same, byte for byte
    q = run(["-q", "--resume", "-o", path("csv.jsonl"), "--csv",
             path("resumed.csv"), path("list.csv")])
    check("csv --resume: exit 0, the same CSV", q.returncode == 0 and
          open(path("resumed.csv"), "rb").read() ==
          open(path("out.csv"), "rb").read(), q.stderr.decode()[-300:])
    q = run(["-q", "--resume", "--lang", "zh", "-o", path("csv.jsonl"),
             "--csv", path("zh.csv"), path("list.csv")])
    with open(path("zh.csv"), encoding="utf-8-sig", newline="") as f:
        zh = list(csv.reader(f))
    check("csv --resume --lang zh: header and duplicate_of cells",
          q.returncode == 0 and zh[0][-2:] == ["一次性邮箱", "与第几行重复"] and
          [r[-1] for r in zh[1:]] == dups, str(zh[0]))
    cells = [c for r in out[1:] for c in r]
    # ="5.1.1" is mxtrace's own way to keep an enhanced code as text
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
             and not re.fullmatch(r'="[0-9./: -]*"', c)]
    check("csv out: no cell starts like a formula", not risky, str(risky[:3]))
    check("csv out: formula kept as text", out[1][1] ==
          "'=HYPERLINK(\"http://x\")" and out[2][3] == "'+1, \"two\"\nthree",
          str(out[1][:3]))


def test_greylist_retry():
    tag = uuid.uuid4().hex[:8]
    src = write("grey.txt", "grey-a%s@retry.test\ngrey-b%s@retry.test\n"
                "alice@ok.test\n" % (tag, tag))
    p = run(["-q", "--retry-after", "2s", "--max-wait", "30s", "-o",
             path("grey.jsonl"), src])
    order = [r["row"] for r in records("grey.jsonl")]
    recs = by_row(records("grey.jsonl"))
    check("greylist: exit 0", p.returncode == 0, p.stderr.decode()[-400:])
    for row in (1, 2):
        r = recs[row]
        codes = [s["code"] for a in r["attempts"] for s in a["steps"]
                 if s["stage"] == "rcpt" and r["address"].split("@")[0] in
                 (s["command"] or "")]
        check("greylist: row %d retried then accepted" % row,
              r["verdict"] == "deliverable" and codes[:1] == [450] and
              codes[-1] == 250 and len(r["attempts"]) >= 2,
              "%s %s" % (r["verdict"], codes))
    # Records are appended as rows finish: one not held back by the
    # greylisted rows' retries is written before either of them.
    check("greylist: the others were not held back (order %s)" % order,
          recs[3]["verdict"] == "deliverable" and
          order.index(3) < min(order.index(1), order.index(2)))


def test_timeout_host():
    src = write("slow.txt", "alice@blackhole.test\n" +
                "".join("u%d@ok.test\n" % i for i in range(20)))
    p = subprocess.Popen(BASE[:-4] + ["--timeout", "3s", "--helo",
                         "probe.lab.test", "-q", "-o", path("slow.jsonl"),
                         src], stderr=subprocess.PIPE)
    p.wait(timeout=60)
    order = [r["address"] for r in records("slow.jsonl")]
    recs = by_row(records("slow.jsonl"))
    # Records are appended as rows finish: the 20 ok.test rows, not held
    # back by the hanging host, all come before its record.
    check("timeout host: others finished while it hung",
          len(order) == 21 and order[-1] == "alice@blackhole.test" and
          all(a.endswith("@ok.test") for a in order[:20]), str(order))
    check("timeout host: it ends unreachable",
          recs[1]["verdict"] == "unreachable" and p.returncode == 0,
          "%s rc %s" % (recs[1]["verdict"], p.returncode))


def big_list(name, n):
    doms = ["ok.test", "catchall.test", "full.test", "blocked.test",
            "nxdomain.test", "equal.test", "ipv6.test", "slow.test",
            "nullmx.test", "backup.test"]
    lines = ["u%d@%s" % (i % (n // 2), doms[i % len(doms)]) for i in range(n)]
    lines += ["not an address", "x@@y"]
    return write(name, "\n".join(lines) + "\n"), len(lines)


def test_kill_resume():
    src, total = big_list("kill.txt", 1500)
    out = path("kill.jsonl")
    p = subprocess.Popen(BASE + ["-q", "-o", out, src],
                         stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    # the kill may have left half a line: add one on purpose as well
    with open(out, "ab") as f:
        f.write(b'{"row": 99999, "addre')
    first = os.path.getsize(out)
    # without -q: the torn line's note only informs, and -q silences it
    q = run(["--resume", "-o", out, src], timeout=300)
    check("resume: exit 0", q.returncode == 0, q.stderr.decode()[-400:])
    check("resume: said it cut the torn line",
          b"cut a torn last line" in q.stderr, q.stderr.decode()[-300:])
    recs = records("kill.jsonl")
    rows = [r["row"] for r in recs]
    check("resume: exactly one line per row (%d rows, %d bytes before)" %
          (total, first), sorted(rows) == list(range(1, total + 1)),
          "%d lines, %d distinct" % (len(rows), len(set(rows))))
    again = run(["-q", "--resume", "-o", out, src])
    check("resume: a finished run adds nothing",
          again.returncode == 0 and len(records("kill.jsonl")) == total)
    other = write("other.txt", "alice@ok.test\n")
    q = run(["-q", "--resume", "-o", out, other])
    check("resume: another input is refused (exit 73)",
          q.returncode == 73 and b"another input" in q.stderr,
          "%d %s" % (q.returncode, q.stderr.decode()[-200:]))
    # a FILE.meta that is not ours (a field of the wrong type, another
    # program's JSON) is named as such, in both languages, exit 73
    with open(out + ".meta") as f:
        meta = json.load(f)
    for label, bad in [("shard 7", dict(meta, shard=7)),
                       ("foreign", {"name": "x", "version": "1.0"})]:
        with open(out + ".meta", "w") as f:
            json.dump(bad, f)
        for lang, want in [("en", "is not the .meta file of an mxtrace "
                            "verify run"), ("zh", "不是 mxtrace verify 运行的 "
                                           ".meta 文件")]:
            q = run(["-q", "--lang", lang, "--resume", "-o", out, src])
            check("resume: %s FILE.meta refused, %s (exit 73)" % (label, lang),
                  q.returncode == 73 and want in q.stderr.decode(),
                  "%d %s" % (q.returncode, q.stderr.decode()[-300:]))
    with open(out + ".meta", "w") as f:
        json.dump(meta, f)


def test_sigint():
    src = write("int.txt", "alice@ok.test\nalice@slow.test\n"
                "user@silent.test\nUSER@silent.test\n")
    p = subprocess.Popen(BASE[:-4] + ["--timeout", "10s", "--helo",
                         "probe.lab.test", "-o", path("int.jsonl"), "--csv",
                         path("int.csv"), src],
                         stderr=subprocess.PIPE, preexec_fn=SIGINT_DEFAULT)
    # Interrupt once the fast row is on disk (not after a fixed sleep: a
    # loaded machine may not have finished it yet); silent.test cannot
    # finish before its 10 s timeout, so it is always left for --resume.
    out = path("int.jsonl")
    end = time.monotonic() + 8
    while time.monotonic() < end and (
            not os.path.exists(out) or b"alice@ok.test" not in
            open(out, "rb").read()):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=20)
    err = err.decode()
    recs = records("int.jsonl")
    got = [r["address"] for r in recs]
    check("sigint: exit 3 with a summary", p.returncode == 3 and
          "interrupted" in err and "verdict" in err and "--resume" in err,
          "rc %s: %s" % (p.returncode, err[-300:]))
    check("sigint: finished rows written, the rest left for --resume",
          "alice@ok.test" in got and "user@silent.test" not in got and
          set(got) <= {"alice@ok.test", "alice@slow.test"}, str(got))
    with open(path("int.csv"), encoding="utf-8-sig", newline="") as f:
        out = list(csv.reader(f))
    check("sigint: --csv rows not reached say not_checked, a repeat which "
          "row it repeats", len(out) == 5 and out[0][-1] == "duplicate_of" and
          [r[2] for r in out[3:]] == ["not_checked"] * 2 and
          [r[-1] for r in out[1:]] == ["", "", "", "3"], str(out[1:]))


def test_shards():
    src, total = big_list("shard.txt", 300)
    whole = run(["-q", "-o", path("whole.jsonl"), "--csv", path("whole.csv"),
                 src], timeout=300)
    n = 3
    procs = [subprocess.Popen(BASE + ["-q", "--shard", "%d/%d" % (k, n), "-o",
                              path("s%d.jsonl" % k), "--csv",
                              path("s%d.csv" % k), src])
             for k in range(1, n + 1)]
    codes = [p.wait(timeout=300) for p in procs]
    with open(path("cat.jsonl"), "wb") as out:
        for k in range(1, n + 1):
            out.write(open(path("s%d.jsonl" % k), "rb").read())
    a = {r["row"]: (r["address"], r["verdict"], r["duplicate_of"])
         for r in records("whole.jsonl")}
    b = {r["row"]: (r["address"], r["verdict"], r["duplicate_of"])
         for r in records("cat.jsonl")}
    parts = [len(records("s%d.jsonl" % k)) for k in range(1, n + 1)]
    check("shards: all ran", whole.returncode == 0 and codes == [0] * n,
          "%s %s" % (whole.returncode, codes))
    check("shards: %s rows concatenate to the unsharded %d" % (parts, total),
          sum(parts) == total == len(b) and min(parts) > 0)
    diff = [r for r in a if a[r] != b.get(r)]
    check("shards: same per-address verdicts and duplicate_of", not diff,
          str([(r, a[r], b.get(r)) for r in diff[:3]]))
    # each CSV's duplicate_of column is its JSON's, row for row
    for name in ["whole"] + ["s%d" % k for k in range(1, n + 1)]:
        with open(path(name + ".csv"), encoding="utf-8-sig", newline="") as f:
            cells = [r[-1] for r in list(csv.reader(f))[1:]]
        want = ["" if r["duplicate_of"] is None else str(r["duplicate_of"])
                for r in sorted(records(name + ".jsonl"),
                                key=lambda r: r["row"])]
        check("shards: %s.csv duplicate_of as its JSON (%d repeats)" %
              (name, len(want) - want.count("")),
              cells == want and want.count("") < len(want), str(cells[:8]))


def test_bad_input():
    p = run(["-q", "-o", path("e.jsonl"), write("empty.txt", "")])
    check("bad input: empty file exits 65", p.returncode == 65 and
          b"empty" in p.stderr, p.stderr.decode())
    p = run(["-q", write("nocol.csv", "name,phone\nAnn,1\n")])
    check("bad input: no address column exits 65", p.returncode == 65 and
          b"no address column" in p.stderr, p.stderr.decode())
    with open(path("garbage.bin"), "wb") as f:
        f.write(os.urandom(200000))
    p = run(["-q", "-o", path("garbage.jsonl"), path("garbage.bin")])
    ok = p.returncode == 65 or (p.returncode == 0 and all(
        r["verdict"] == "invalid_syntax" for r in records("garbage.jsonl")))
    check("bad input: binary garbage", ok, "rc %d" % p.returncode)
    big = "a@ok.test\n" + "x" * (1 << 20) + "\nbob@ok.test\n"
    p = run(["-q", "-o", path("long.jsonl"), write("long.txt", big)])
    recs = by_row(records("long.jsonl"))
    check("bad input: a 1 MB line is one invalid row",
          p.returncode == 0 and recs[2]["verdict"] == "invalid_syntax" and
          recs[3]["verdict"] == "deliverable", str(p.returncode))
    p = run(["-q", "-o", "/nonexistent-dir/out.jsonl", path("long.txt")])
    check("bad input: unwritable output exits 73, naming it",
          p.returncode == 73 and b"/nonexistent-dir/out.jsonl" in p.stderr,
          p.stderr.decode())
    p = run(["-q", "-o", path("long.jsonl"), path("long.txt")])
    check("bad input: existing output without --resume exits 73",
          p.returncode == 73 and b"--resume" in p.stderr, p.stderr.decode())


def main():
    tests = [test_plain, test_csv_and_sharing, test_greylist_retry,
             test_timeout_host, test_kill_resume, test_sigint, test_shards,
             test_bad_input]
    for t in tests:
        guarded(t)
    return finish("test_verify")


if __name__ == "__main__":
    sys.exit(main())
