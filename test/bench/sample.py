#!/usr/bin/env python3
"""sample.py - sample a verifier's RSS and its open sessions to one host
every second until the number of sessions stops rising, the process ends,
or --max-seconds pass.  Prints key=value lines for scripts/bench:

  tarpit_sessions         most established connections seen at once
  tarpit_rss_kib          RSS (VmRSS) at that moment
  tarpit_kib_per_session  least-squares slope of RSS over sessions
"""

import argparse
import subprocess
import sys
import time


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def sessions(dst):
    host, port = dst.rsplit(":", 1)
    r = subprocess.run(["ss", "-Htn", "state", "established", "dst", host,
                        "dport", "=", ":" + port],
                       capture_output=True, text=True, timeout=30)
    return sum(1 for line in r.stdout.splitlines() if line.strip())


def slope(points):
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--dst", required=True, help="HOST:PORT of the tarpit")
    ap.add_argument("--max-seconds", type=float, default=150)
    ap.add_argument("--flat-seconds", type=float, default=8)
    ap.add_argument("--out", required=True)
    o = ap.parse_args()
    start = time.monotonic()
    best = (0, None)
    last_rise = start
    points = []
    with open(o.out, "w") as log:
        log.write("seconds\tsessions\trss_kib\n")
        while time.monotonic() - start < o.max_seconds:
            rss = rss_kib(o.pid)
            if rss is None:
                break
            n = sessions(o.dst)
            t = time.monotonic() - start
            log.write("%.1f\t%d\t%d\n" % (t, n, rss))
            log.flush()
            points.append((n, rss))
            if n > best[0]:
                best = (n, rss)
                last_rise = time.monotonic()
            elif best[0] > 0 and time.monotonic() - last_rise > o.flat_seconds:
                break
            time.sleep(1)
    k = slope(points)
    print("tarpit_sessions=%d" % best[0])
    print("tarpit_rss_kib=%s" % (best[1] if best[1] is not None else "n/a"))
    print("tarpit_kib_per_session=%s" % ("%.2f" % k if k is not None else "n/a"))
    return 0 if best[0] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
