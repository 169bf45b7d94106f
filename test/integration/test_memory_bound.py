#!/usr/bin/env python3
"""test_memory_bound.py - memory stays bounded whatever the server sends.

endless.test answers EHLO with an endless 250- reply (up to 256 MB) and
longline.test sends a 1 MB banner line without CRLF.  Under /usr/bin/time
-v, mxtrace must end both as protocol_error with a peak resident set size
under BOUND_KB, a fixed bound far below what buffering the input would
take.  A well-behaved probe (alice@ok.test) is measured too, for scale.
"""

import json
import os
import re
import subprocess
import sys

from labcheck import BIN, RESOLVER, check, failures

TIME = "/usr/bin/time"
BOUND_KB = 30 * 1024


def measure(addr):
    """(verdict, peak RSS in kB) of one probe under /usr/bin/time -v."""
    p = subprocess.run([TIME, "-v", BIN, "probe", "--json", "--resolver",
                        RESOLVER, "--allow-private", "--timeout", "5s", addr],
                       capture_output=True, text=True, timeout=60)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    try:
        verdict = json.loads(p.stdout).get("verdict")
    except ValueError:
        verdict = "no JSON"
    return verdict, int(m.group(1)) if m else None


def main():
    if not os.access(TIME, os.X_OK):
        check("%s exists (package time, scripts/setup)" % TIME, False)
        return 1
    verdict, base = measure("alice@ok.test")
    print("  alice@ok.test: %s, peak RSS %s kB" % (verdict, base))
    for addr in ("user@endless.test", "user@longline.test"):
        verdict, kb = measure(addr)
        check("%s ends as protocol_error" % addr, verdict == "protocol_error",
              verdict)
        check("%s peak RSS %s kB < %d kB" % (addr, kb, BOUND_KB),
              kb is not None and kb < BOUND_KB, kb)
    print("test_memory_bound: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
