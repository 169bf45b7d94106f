#!/usr/bin/env python3
"""test_verify_polite.py - `mxtrace verify`'s politeness limits, watched by
a server that counts.

The test runs its own small SMTP server on 127.0.25.1 at a free port and
points verify at it with --port: the lab's ok.test (MX mx1.ok.test) and
implicit.test (A record) both resolve to 127.0.25.1, so two domains share
one MX IP.  The server logs when each session opens and closes, so the
checks are exact: --per-host 1 never has two sessions open at once (and
--per-host 3 does overlap, so the measure can tell); --rate N spaces new
sessions by 60/N s (only a lower bound on the spacing is checked: a slow
machine only makes it larger); a server that answers "421 Too many
connections" to a second session gets fewer sessions and every address
still finishes with its real verdict.  Then the lab's busy.test (421 at
the banner) and toomany.test (452 to a second RCPT) beside ok.test: verify
carries on with the others, busy.test ends `temporary`, toomany.test's
addresses all get real verdicts.
"""

import json
import sys
import tempfile
import threading
import time
import uuid

from labcheck import BIN, RESOLVER, LoopbackServer, check, finish, guarded, \
    numbers as NUMBERS, verify_want

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", "polite.lab.test", "--timeout", "5s", "-q"]
TMP = tempfile.mkdtemp(prefix="mxtrace-polite-")


class CountingSMTP(LoopbackServer):
    """Accepts local parts starting with "ok", 550 5.1.1 for the others.
    limit: answer 421 "Too many connections" to a session opened while
    `limit` others are open."""

    def __init__(self, limit=0):
        self.limit = limit
        self.open = 0
        self.closed = set()
        self.max_open = 0
        self.starts = []
        self.refused = 0
        self.rcpts = 0
        self.max_errors = 0     # most rejected RCPTs in one session
        super().__init__(backlog=128)

    def ended(self, c):
        """Count a session closed once: at QUIT, or when it drops."""
        with self.lock:
            if c not in self.closed:
                self.closed.add(c)
                self.open -= 1

    def serve(self, c):
        with self.lock:
            busy = self.limit and self.open >= self.limit
            if busy:
                self.refused += 1
                self.closed.add(c)      # never counted open
            else:
                self.open += 1
                self.max_open = max(self.max_open, self.open)
                self.starts.append(time.monotonic())
        if busy:
            c.sendall(b"421 4.7.0 mx.polite.test Too many connections "
                      b"from your IP, try again later\r\n")
            return
        errors = 0
        f = c.makefile("rb")
        c.sendall(b"220 mx.polite.test ESMTP\r\n")
        for line in f:
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"):
                out = b"250-mx.polite.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
            elif cmd.startswith(b"HELO") or cmd.startswith(b"MAIL") or \
                    cmd.startswith(b"RSET") or cmd.startswith(b"NOOP"):
                out = b"250 2.0.0 Ok\r\n"
            elif cmd.startswith(b"RCPT"):
                with self.lock:
                    self.rcpts += 1
                local = cmd.split(b"<", 1)[-1]
                out = (b"250 2.1.5 Ok\r\n" if local.startswith(b"OK") else
                       b"550 5.1.1 <x>: User unknown\r\n")
                if out.startswith(b"550"):
                    errors += 1
                    with self.lock:
                        self.max_errors = max(self.max_errors, errors)
            elif cmd.startswith(b"QUIT"):
                # The session is over for the server before its 221 goes
                # out, so a client that waits for the 221 before opening
                # the next session can never be counted twice because this
                # thread was scheduled late.
                self.ended(c)
                c.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                out = b"502 5.5.2 Error: command not recognized\r\n"
            c.sendall(out)


def addresses(n_ok, n_impl, tag):
    """ok.test and implicit.test addresses, one in three accepted."""
    out = {}
    for i in range(n_ok):
        a = "%s%d-%s@ok.test" % ("ok" if i % 3 == 0 else "no", i, tag)
        out[a] = "deliverable" if i % 3 == 0 else "undeliverable"
    for i in range(n_impl):
        a = "%s%d-%s@implicit.test" % ("ok" if i % 3 == 0 else "no", i, tag)
        out[a] = "deliverable" if i % 3 == 0 else "undeliverable"
    return out


def run_against(name, srv, want, extra, timeout=120):
    """verify_want against srv: how long it took."""
    t0 = time.monotonic()
    verify_want(name, want, BASE + ["--port", str(srv.port)] + extra, TMP,
                timeout)
    return time.monotonic() - t0


def test_per_host():
    tag = uuid.uuid4().hex[:6]
    want = addresses(1600, 400, tag)
    srv = CountingSMTP()
    try:
        took = run_against("perhost1", srv, want, ["--per-host", "1"])
        NUMBERS.append("--per-host 1: %d addresses, %d sessions, max %d open, "
                       "%.1fs" % (len(want), len(srv.starts), srv.max_open,
                                  took))
        check("--per-host 1: never two sessions open to one IP "
              "(%d sessions, max open %d)" % (len(srv.starts), srv.max_open),
              srv.max_open == 1 and len(srv.starts) >= 5)
        # Two in three addresses are unknown: each session collects at
        # most 9 rejections (Postfix's soft error limit is 10, and a
        # verifier cannot know a server's), so a session serves about 13
        # addresses; still far fewer sessions than addresses.
        unknown = sum(1 for v in want.values() if v == "undeliverable")
        check("--per-host 1: at most 9 rejections in one session (%d)" %
              srv.max_errors, 0 < srv.max_errors <= 9)
        check("--per-host 1: sessions shared (%d sessions, %d RCPT for %d "
              "addresses, %d unknown)" % (len(srv.starts), srv.rcpts,
                                          len(want), unknown),
              len(srv.starts) < len(want) // 10)
    finally:
        srv.close()
    srv = CountingSMTP()
    try:
        run_against("perhost3", srv, want, ["--per-host", "3"])
        check("--per-host 3: sessions overlap, at most 3 (max open %d)" %
              srv.max_open, 2 <= srv.max_open <= 3)
    finally:
        srv.close()


def test_rate():
    # Mostly existing users, and 30 unknown ones: each session may collect
    # only 9 rejections, so at least 4 sessions are needed whatever the
    # engine shares (at 20 sessions a minute a list of unknowns would take
    # minutes).
    tag = uuid.uuid4().hex[:6]
    want = {"ok%d-%s@ok.test" % (i, tag): "deliverable" for i in range(1170)}
    want.update({"no%d-%s@ok.test" % (i, tag): "undeliverable"
                 for i in range(30)})
    srv = CountingSMTP()
    try:
        took = run_against("rate", srv, want, ["--rate", "20", "--per-host",
                                               "3"])
        gaps = [b - a for a, b in zip(srv.starts, srv.starts[1:])]
        NUMBERS.append("--rate 20: %d sessions, gaps %s s, %.1fs" % (
            len(srv.starts), ["%.2f" % g for g in gaps], took))
        check("--rate 20: new sessions at least 3 s apart (%d sessions, "
              "smallest gap %.2f s)" % (len(srv.starts), min(gaps or [0])),
              len(srv.starts) >= 3 and min(gaps) >= 2.9,
              str(["%.2f" % g for g in gaps]))
    finally:
        srv.close()


def test_too_many_connections():
    tag = uuid.uuid4().hex[:6]
    want = addresses(1600, 400, tag)
    srv = CountingSMTP(limit=1)
    try:
        took = run_against("toomanyconn", srv, want,
                           ["--per-host", "3", "--retry-after", "1s",
                            "--max-wait", "90s"])
        NUMBERS.append("421 too many connections: %d sessions, %d refused, "
                       "%.1fs" % (len(srv.starts), srv.refused, took))
        check("421 too many connections: it was said (%d times) and "
              "verify backed off (refused %d, served %d)" % (
                  srv.refused, srv.refused, len(srv.starts)),
              1 <= srv.refused <= 4 and srv.max_open == 1)
    finally:
        srv.close()


def test_busy_and_toomany():
    """The lab: busy.test 421 at the banner, toomany.test 452 to a 2nd RCPT."""
    tag = uuid.uuid4().hex[:6]
    want = {"user@busy.test": "temporary", "alice@busy.test": "temporary",
            "alice@toomany.test": "deliverable",
            "bob@toomany.test": "deliverable",
            "user@toomany.test": "deliverable",
            "x1-%s@toomany.test" % tag: "undeliverable",
            "x2-%s@toomany.test" % tag: "undeliverable",
            "alice@ok.test": "deliverable", "bob@ok.test": "deliverable",
            "nobody-%s@ok.test" % tag: "undeliverable"}
    got = verify_want("busy-toomany", want, BASE + [
        "--retry-after", "1s", "--max-wait", "3s"], TMP, 90)
    busy = [got[a] for a in want if a.endswith("@busy.test") and a in got]
    check("busy: temporary with the 421 kept, and retried",
          len(busy) == 2 and all(r["reply"] and r["reply"]["code"] == 421 and
                                 len(r["attempts"]) >= 2 for r in busy),
          json.dumps([(r["reply"], len(r["attempts"])) for r in busy])[:300])
    order = [a.split("@")[1] for a in got]
    check("busy: the others did not wait for it (busy.test written last)",
          order[-2:] == ["busy.test", "busy.test"], str(order))


def main():
    tests = [test_per_host, test_rate, test_too_many_connections,
             test_busy_and_toomany]
    # busy.test waits out its retries: run it beside the others
    t = threading.Thread(target=lambda: guarded(test_busy_and_toomany))
    t.start()
    for fn in tests[:-1]:
        guarded(fn)
    t.join()
    return finish("test_verify_polite")


if __name__ == "__main__":
    sys.exit(main())
