#!/usr/bin/env python3
"""session_mem - memory per open SMTP session, quickly, in the test lab
(run inside test/lab/isolated): `mxtrace verify` of N distinct
NAME.hosted.test domains (their MX is 127.0.25.1) against a tarpit
(test/bench/tarpit.py: a 220 banner, then silence) on 127.0.25.1:PORT, one
session per domain held open; RSS once the number of established
connections stops rising, for a small and a large N; the slope is the
memory per session (the domain's DNS answers and MX plan included, as in
scripts/bench's tarpit run, which does the same with 10,000 sessions).

Usage: session_mem.py [--small N] [--large N] MXTRACE..."""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid

PORT = 2599
HERE = os.path.dirname(os.path.abspath(__file__))

ap = argparse.ArgumentParser()
ap.add_argument("--small", type=int, default=300)
ap.add_argument("--large", type=int, default=1500)
ap.add_argument("mxtrace", nargs="+")
a = ap.parse_args()
TMP = tempfile.mkdtemp(prefix="mxtrace-sessmem-")


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])
    return 0


def sessions():
    out = subprocess.run(["ss", "-Htn", "state", "established", "dst",
                          "127.0.25.1:%d" % PORT], capture_output=True,
                         text=True).stdout
    return len(out.splitlines())


def plateau(binary, n):
    """(sessions, RSS KiB) once the open sessions stop rising (bounded)."""
    tag = uuid.uuid4().hex[:6]
    lst = os.path.join(TMP, "list-%d.txt" % n)
    with open(lst, "w") as f:
        f.write("".join("u@t%d-%s.hosted.test\n" % (i, tag) for i in range(n)))
    out = os.path.join(TMP, "out-%d.jsonl" % n)
    p = subprocess.Popen(
        ["sh", "-c", 'ulimit -n %d; exec "$@"' % (n + 1024), "sh", binary,
         "verify", "--resolver", os.environ.get("LAB_RESOLVER", "127.0.53.1"),
         "--allow-private", "--no-dnssec", "--no-mta-sts", "--timeout",
         "300s", "--deadline", "10m", "--no-catch-all-check", "--port",
         str(PORT), "--jobs", "10000", "--per-host", "10000", "-q",
         "--force", "-o", out, lst], stderr=subprocess.DEVNULL)
    last, stable, end = -1, 0, time.monotonic() + 120
    while time.monotonic() < end and stable < 3:
        time.sleep(1)
        now = sessions()
        stable = stable + 1 if now == last and now > 0 else 0
        last = now
    got = (last, rss_kib(p.pid))
    p.terminate()
    p.wait()
    return got


tarpit = subprocess.Popen([sys.executable, os.path.join(HERE, "tarpit.py"),
                           "--lifetime", "900",
                           "127.0.25.1:%d=tarpit" % PORT])
time.sleep(1)
try:
    for b in a.mxtrace:
        s1, r1 = plateau(b, a.small)
        s2, r2 = plateau(b, a.large)
        print("%s: %d sessions %d KiB, %d sessions %d KiB: %.2f KiB a "
              "session" % (b, s1, r1, s2, r2, (r2 - r1) / max(s2 - s1, 1)),
              flush=True)
finally:
    tarpit.terminate()
