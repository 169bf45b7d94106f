#!/usr/bin/env python3
"""test_verify_scale.py - many addresses at one domain: `mxtrace verify`
with N distinct addresses at the lab's catchall.test (N from
MXTRACE_SCALE_N, default 20,000) plus N/20 duplicates.

Checks: exit 0; one whole JSON line per row, every row once, all
catch_all, duplicates pointing at their original; few SMTP sessions (the
lab Postfix log's catchall personality: fewer than N/100 new sessions);
peak RSS (GNU time -v) under 48 MiB + 300 bytes a row.
test/bench/verify-scale-100k runs it with N = 100,000 (by hand, not in CI).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid

from labcheck import REPO, BIN, RESOLVER, check, failures, RUN as LAB_RUN

N = int(os.environ.get("MXTRACE_SCALE_N", "20000"))
TMP = tempfile.mkdtemp(prefix="mxtrace-scale-")


def sessions():
    with open(os.path.join(LAB_RUN, "postfix.log"), errors="replace") as f:
        return len(re.findall(r"lab/catchall/smtpd\[\d+\]: connect from",
                              f.read()))


def main():
    tag = uuid.uuid4().hex[:6]
    src = os.path.join(TMP, "scale.txt")
    out = os.path.join(TMP, "scale.jsonl")
    ndup = N // 20
    with open(src, "w") as f:
        for i in range(N):
            f.write("u%d-%s@catchall.test\n" % (i, tag))
        for i in range(ndup):
            f.write("u%d-%s@CATCHALL.Test\n" % (i * 7 % N, tag))
    total = N + ndup
    before = sessions()
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v", BIN, "verify", "--resolver",
                        RESOLVER, "--allow-private", "--helo",
                        "scale.lab.test", "--timeout", "10s", "-q", "-o", out,
                        src], capture_output=True, timeout=600)
    took = time.monotonic() - t0
    opened = sessions() - before
    m = re.search(rb"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) if m else -1
    check("scale: exit 0", p.returncode == 0,
          p.stderr.decode("utf-8", "replace")[-500:])
    with open(out, "rb") as f:
        data = f.read()
    recs = [json.loads(l) for l in data.splitlines()]
    rows = sorted(r["row"] for r in recs)
    check("scale: %d rows, one whole line each" % total,
          data.endswith(b"\n") and rows == list(range(1, total + 1)),
          "%d lines, %d distinct" % (len(rows), len(set(rows))))
    verdicts = {r["verdict"] for r in recs}
    check("scale: every row catch_all", verdicts == {"catch_all"},
          str(verdicts))
    dups = [r for r in recs if r["row"] > N]
    check("scale: duplicates point at their original",
          len(dups) == ndup and all(r["duplicate_of"] == (r["row"] - N - 1) *
                                    7 % N + 1 for r in dups))
    check("scale: %d SMTP sessions for %d addresses" % (opened, N),
          0 < opened < N // 100, "%d sessions" % opened)
    bound = 48 * 1024 + total * 300 // 1024
    check("scale: peak RSS %d KiB under %d KiB" % (rss, bound),
          0 < rss < bound)
    print("  # %d addresses (+%d duplicates) at one domain: %.1fs, %.0f "
          "addresses/s, %d sessions, peak RSS %d KiB" % (
              N, ndup, took, total / took, opened, rss))
    print("test_verify_scale: %s" % ("ok" if not failures else
                                     "FAIL: " + ", ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
