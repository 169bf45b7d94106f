#!/usr/bin/env python3
"""test_verify_wait.py - while greylisted addresses wait for their retry,
verify's progress says so, as a countdown, and its ETA counts the wait.

grey@greylist.test is greylisted on every try (450 4.2.0), so with
--retry-after 4s --max-wait 9s it waits, is retried and is given up;
alice@ok.test finishes at once.  On a terminal (a pseudo-terminal here)
the progress line is redrawn every second: while the address waits it must
read "1 greylisted address, next retry in Ns, give up at HH:MM" with N
counting down, and the ETA must not be zero and must reach to the give-up
time (on a terminal wide enough
for the whole line: a narrower one gets it cut at its edge).  Under
--lang zh the same line is Chinese (1 秒后重试).  With every address held by
a slow server and nothing done yet, the ETA says the most the sessions in
flight may take ("at most 19s", 至多), not "?".  No wall clock is asserted:
only what mxtrace printed.
"""

import os
import re
import sys
import tempfile

from labcheck import BIN, RESOLVER, check, finish, guarded, on_pty


def run(lang):
    d = tempfile.mkdtemp(prefix="mxtrace-wait-")
    src = os.path.join(d, "list.txt")
    with open(src, "w") as f:
        f.write("alice@ok.test\ngrey@greylist.test\n")
    rc, chunks = on_pty([BIN, "verify", "--resolver", RESOLVER, "--allow-private",
                   "--timeout", "5s", "--helo", "probe.mxtrace.test",
                   "--retry-after", "4s", "--max-wait", "9s", "--lang",
                   lang, "-o", os.path.join(d, "out.jsonl"), src],
                        stderr="pty", timeout=60, width=200)
    return rc, b"".join(chunks).decode("utf-8", "replace")


def test_countdown():
    rc, out = run("en")
    check("exit 0", rc == 0, rc)
    lines = [l for l in out.split("\r\x1b[K") if "greylisted" in l]
    waits = [int(m) for m in re.findall(
        r"1 greylisted address, next retry in (\d+)s, give up at "
        r"\d\d:\d\d", out)]
    runs, cur = [], []
    for w in waits:
        if cur and w >= cur[-1]:
            runs.append(cur)
            cur = []
        cur.append(w)
    runs.append(cur)
    check("the wait shown as a countdown (each wait counts down to its retry)",
          len(waits) >= 3 and max(len(r) for r in runs) >= 3, waits)
    etas = re.findall(r"ETA (\S+?)(?: to (\S+?))?,[^\r]*greylisted", out)
    lows = [lo for lo, _ in etas]
    check("the ETA counts the wait (never 0s while waiting)",
          len(lows) >= 3 and "0s" not in lows and "?" not in lows, etas)
    check("the ETA reaches to the give-up time while the address waits "
          "(ETA 4s to 9s)", any(hi for _, hi in etas), etas)
    summary = out[out.rfind("mxtrace verify: done"):]
    check("then the summary: the address given up as a temporary failure",
          "Temporary failure" in summary and "greylisted" not in summary,
          summary[:400])


def test_zh():
    rc, out = run("zh")
    check("zh: exit 0", rc == 0, rc)
    check("zh: the countdown in Chinese",
          re.search(r"1 个地址被灰名单暂缓，\d+ 秒后重试", out) is not None and
          "已完成" in out and "预计还需" in out, out[-600:])


def test_in_flight():
    """Every address held by a slow server (a banner after 3 s, connects
    that time out): with nothing done yet the ETA is not "?" but the
    latest the sessions in flight may take, "at most 19s"; the shape of
    the line only, no time asserted."""
    for lang, most in (("en", "ETA at most "), ("zh", "预计还需 至多 ")):
        d = tempfile.mkdtemp(prefix="mxtrace-flight-")
        src = os.path.join(d, "list.txt")
        with open(src, "w") as f:
            f.write("alice@slow.test\nuser@blackhole.test\n")
        rc, chunks = on_pty([BIN, "verify", "--resolver", RESOLVER,
                             "--allow-private", "--timeout", "3s",
                             "--deadline", "20s", "--helo",
                             "probe.mxtrace.test", "--lang", lang, "-o",
                             os.path.join(d, "out.jsonl"), src],
                            stderr="pty", timeout=90, width=200)
        out = b"".join(chunks).decode("utf-8", "replace")
        lines = [l for l in out.split("\r\x1b[K") if "0/2" in l]
        check("%s: while nothing is done, the ETA says the most the sessions "
              "in flight may take" % lang, rc in (0, 2) and
              any(most in l for l in lines), lines[:3])
        check("%s: never \"?\" once sessions are open" % lang,
              not any(re.search(r"(ETA|预计还需) \?.*[1-9]\d* (sessions?|"
                                r"个会话)", l) for l in lines), lines[:3])


def main():
    guarded(test_countdown)
    guarded(test_zh)
    guarded(test_in_flight)
    return finish("test_verify_wait")


if __name__ == "__main__":
    sys.exit(main())
