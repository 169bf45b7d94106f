#!/usr/bin/env python3
"""test_exim_sync.py - the lab's Exim as a judge of how mxtrace talks SMTP.

Exim's SMTP synchronization check (smtp_enforce_sync, on in the lab) answers
"554 SMTP synchronization error" and logs "synchronization error" when a
client sends commands ahead of the replies without PIPELINING having been
advertised.  127.0.29.4 (eximsync.test) advertises no PIPELINING;
127.0.29.1 (exim.test) does.  First prove the judge bites (a raw client
that pipelines anyway is caught), then probe both with mxtrace under a
HELO name of its own and assert Exim logged no synchronization error for
it, while it did log those sessions (the catch-all probe's rejection).
"""

import json
import os
import socket
import subprocess
import sys
import time

from labcheck import BIN, RESOLVER, RUN, check, failures

LOGS = [os.path.join(RUN, "exim", "log", n) for n in ("mainlog", "rejectlog")]


def log_lines(tag):
    out = []
    for path in LOGS:
        try:
            with open(path, errors="replace") as f:
                out.extend(l for l in f if tag in l)
        except OSError:
            pass
    return out


def logged(tag, pred, secs=10):
    """The log lines holding tag once pred(lines) holds (Exim writes its
    log after the reply; a bounded wait, not a fixed sleep)."""
    end = time.monotonic() + secs
    lines = log_lines(tag)
    while not pred(lines) and time.monotonic() < end:
        time.sleep(0.05)
        lines = log_lines(tag)
    return lines


def recv_reply(s, deadline):
    """Bytes until the last line of a reply (or the deadline)."""
    buf = b""
    while time.monotonic() < deadline:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            chunk = s.recv(4096)
        except socket.timeout:
            break
        if not chunk:
            break
        buf += chunk
        lines = buf.split(b"\r\n")
        if len(lines) >= 2 and len(lines[-2]) >= 4 and lines[-2][3:4] == b" ":
            break
    return buf


def raw_pipeliner(helo):
    """MAIL and three RCPTs in one write to a server without PIPELINING."""
    deadline = time.monotonic() + 8
    with socket.create_connection(("127.0.29.4", 25), timeout=5) as s:
        recv_reply(s, deadline)
        s.sendall(b"EHLO %s\r\n" % helo.encode())
        ehlo = recv_reply(s, deadline)
        s.sendall(b"MAIL FROM:<a@%s>\r\n" % helo.encode() +
                  b"".join(b"RCPT TO:<%s@eximsync.test>\r\n" % u
                           for u in (b"alice", b"bob", b"user")))
        time.sleep(0.5)
        got = recv_reply(s, deadline)
        s.sendall(b"QUIT\r\n")
    return ehlo, got


def main():
    tag = "%d-%d" % (os.getpid(), int(time.time()))
    raw_helo = "raw-%s.sync.test" % tag
    ehlo, got = raw_pipeliner(raw_helo)
    check("127.0.29.4 advertises no PIPELINING", b"PIPELINING" not in ehlo,
          ehlo)
    check("Exim answers a pipelining client 554 synchronization error",
          b"554 SMTP synchronization error" in got, got)
    def sync_error(lines):
        return any("synchronization error" in l for l in lines)
    check("Exim logs the synchronization error",
          sync_error(logged("(%s)" % raw_helo, sync_error)))

    helo = "mxtrace-%s.sync.test" % tag
    for addr, want in (("alice@exim.test", "deliverable"),
                       ("alice@eximsync.test", "deliverable"),
                       ("nobody@eximsync.test", "undeliverable")):
        p = subprocess.run([BIN, "probe", "--json", "--resolver", RESOLVER,
                            "--allow-private", "--timeout", "5s",
                            "--helo", helo, addr],
                           capture_output=True, text=True, timeout=30)
        try:
            got = json.loads(p.stdout).get("verdict")
        except ValueError:
            got = "no JSON: %r" % p.stdout[:200]
        check("mxtrace %s -> %s" % (addr, want), got == want, got)
    mine = logged("(%s)" % helo, lambda ls: len(ls) >= 3)
    check("Exim logged mxtrace's sessions (catch-all probe rejections)",
          len(mine) >= 3, "%d lines" % len(mine))
    bad = [l.strip() for l in mine if "synchronization error" in l]
    check("no synchronization error from mxtrace", not bad, bad[:2])
    print("test_exim_sync: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
