#!/usr/bin/env python3
"""test_equal_mx.py - RFC 5321 5.1: MX hosts of equal preference are tried
in random order.  equal.test has two working MX of preference 10
(127.0.25.1 and 127.0.25.7); over 16 probes both must come first at least
once (a fair shuffle fails this with probability 2^-15).
"""

import concurrent.futures
import json
import os
import subprocess
import sys

BIN = os.environ.get("MXTRACE_BIN", "./mxtrace")
RESOLVER = os.environ.get("LAB_RESOLVER", "127.0.53.1")
RUNS = 16


def first_ip(_):
    p = subprocess.run([BIN, "probe", "--json", "--resolver", RESOLVER,
                        "--allow-private", "--timeout", "5s",
                        "--no-catch-all-check", "alice@equal.test"],
                       capture_output=True, timeout=30)
    d = json.loads(p.stdout)
    if d.get("verdict") != "deliverable" or not d.get("attempts"):
        return "bad: %s/%s" % (d.get("verdict"), d.get("reason"))
    return d["attempts"][0]["ip"]


def main():
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        ips = list(pool.map(first_ip, range(RUNS)))
    seen = {ip: ips.count(ip) for ip in set(ips)}
    print("  first MX over %d probes: %s" % (RUNS, seen))
    ok = set(ips) == {"127.0.25.1", "127.0.25.7"}
    print("test_equal_mx: %s" % ("ok" if ok else
          "FAIL: want each of 127.0.25.1 and 127.0.25.7 tried first"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
