#!/usr/bin/env python3
"""test_escape_terminal.py - server text never reaches the terminal raw.

ansi.test's banner (smtpbad.py mode ansi) holds a NUL byte, a bell and
ANSI escape sequences (clear screen, cursor home, colours).  mxtrace's
trace (no --json) must print them escaped, both into a pipe and onto a
terminal (a pseudo-terminal here, where mxtrace may colour its own output):
the server's sequences must never appear as raw bytes, while the banner
itself must be shown.  The JSON output must carry the same bytes escaped
as JSON, and decode back to them.
"""

import json
import subprocess
import sys

from labcheck import BIN, RESOLVER, check, failures, on_pty

ARGS = ["probe", "--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
        "user@ansi.test"]
RAW = [b"\x1b[2J", b"\x1b[H", b"\x1b[31m", b"\x07", b"\x00"]


def main():
    p = subprocess.run([BIN] + ARGS, capture_output=True, timeout=30)
    out = p.stdout
    check("pipe: exit 0 (deliverable)", p.returncode == 0, p.returncode)
    check("pipe: banner shown", b"mx.ansi.test ESMTP" in out, out[:400])
    check("pipe: no ESC byte at all", b"\x1b" not in out,
          out[max(0, out.find(b"\x1b") - 40):out.find(b"\x1b") + 40])
    check("pipe: no NUL or BEL byte", b"\x00" not in out and b"\x07" not in out)
    check("pipe: the sequences are shown escaped", b"[2J" in out and
          b"nul" in out, out[:400])

    rc, chunks = on_pty([BIN] + ARGS, timeout=30)
    tty = b"".join(chunks)
    check("terminal: exit 0", rc == 0, rc)
    check("terminal: banner shown", b"mx.ansi.test ESMTP" in tty, tty[:400])
    for seq in RAW:
        check("terminal: server's %r never raw" % seq, seq not in tty,
              tty[max(0, tty.find(seq) - 40):tty.find(seq) + 40])

    p = subprocess.run([BIN, "probe", "--json"] +
                       ARGS[1:], capture_output=True, timeout=30)
    check("json: no raw ESC or NUL", b"\x1b" not in p.stdout and
          b"\x00" not in p.stdout)
    try:
        d = json.loads(p.stdout)
        banners = [s.get("text") or "" for a in d["attempts"]
                   for s in a["steps"] if s.get("stage") == "banner"]
    except (ValueError, KeyError, TypeError) as e:
        banners = ["bad JSON: %s" % e]
    check("json: banner text decodes to the server's bytes",
          any("\x00nul \x1b[2J\x1b[H\x1b[31mred" in b for b in banners),
          banners)
    print("test_escape_terminal: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
