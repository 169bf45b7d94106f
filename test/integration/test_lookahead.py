#!/usr/bin/env python3
"""test_lookahead.py - the MX addresses ahead checked while a connect waits.

A network that drops port 25 made every MX address wait out --timeout in
turn.  Now, once a connect has waited a quarter of --timeout (3 s at most)
with nothing back, the addresses after it get a bare connect of their own
(engine/lookahead.c), and one whose check timed out is recorded as such
without a second wait.

- blackhole4.test: four MX hosts, all dropping connects.  The verdict is
  port25_filtered with four attempts; the last three say they were
  checked while the first was still connecting.  The same through the
  lab's Dante proxy: proxy_port25_filtered, the checks were CONNECTs
  through it.
- late.test: the first MX host (127.0.27.5) drops connects until this test
  lets them in; the second (127.0.27.6) answers at once.  The check finds
  the second open, but the probe still waits for the first, as an MTA
  would, and its answer (550 5.1.1) is the verdict: the MX order holds.
  The second host saw one connection and not one byte on it.
- dual.test: one MX host with two addresses, one dropping connects, the
  other mx1.ok's Postfix (the resolver gives them in either order).
  When the silent one comes first, its connect is given up as soon as
  the other answered its check (Happy Eyeballs within one host): two
  attempts, the first saying so, the verdict the Postfix's.
- verify: once a server answered on port 25 in the run (ok.test's, in
  milliseconds), blackhole.test's timeouts (about 5 s) are not blamed on
  this network: connection_failed, its servers are down or dropped on
  their side.  A run where nothing answered still says port25_filtered.
"""

import json
import os
import tempfile
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, check, finish, guarded,  # noqa: E402
                      probe_json, verify_want)

BASE = ["--resolver", RESOLVER, "--allow-private", "--helo", "mxtrace.test"]
LATE, AHEAD = "127.0.27.5", "127.0.27.6"


def test_all_dropped():
    t0 = time.monotonic()
    d, p = probe_json("alice@blackhole4.test", BASE, "--timeout", "4s")
    took = time.monotonic() - t0
    att = d.get("attempts") or []
    errs = [(a.get("steps") or [{}])[0].get("error") or "" for a in att]
    check("blackhole4: port25_filtered, exit 2",
          d.get("reason") == "port25_filtered" and p.returncode == 2, d)
    check("blackhole4: four attempts, each a connect timeout",
          len(att) == 4 and all(e.startswith("connect timeout") for e in errs),
          errs)
    check("blackhole4: the first waited, the three after it were checked "
          "beside it (%.1f s in all)" % took,
          "checked while" not in errs[0] and all(
              e == "connect timeout (checked while a.blackhole.test was "
              "still connecting)" for e in errs[1:]), errs)


def test_all_dropped_proxy():
    d, p = probe_json("alice@blackhole4.test", BASE, "--timeout", "4s",
                      "--proxy", "socks5://127.0.108.1:1080")
    att = d.get("attempts") or []
    errs = [((a.get("steps") or [{}])[-1].get("error") or "") for a in att]
    check("proxy blackhole4: proxy_port25_filtered, exit 2",
          d.get("reason") == "proxy_port25_filtered" and p.returncode == 2, d)
    check("proxy blackhole4: four attempts through the proxy, the three "
          "after the first checked beside it",
          len(att) == 4 and all((a.get("proxy") or {}).get("server") ==
                                "127.0.108.1:1080" for a in att) and
          errs[0] == "connect timeout (through the proxy 127.0.108.1:1080)"
          and all(e == "connect timeout (through the proxy 127.0.108.1:1080, "
                  "checked while a.blackhole.test was still connecting)"
                  for e in errs[1:]), errs)


def test_same_host():
    firsts = []
    for _ in range(12):
        d, p = probe_json("alice@dual.test", BASE, "--timeout", "8s")
        att = d.get("attempts") or []
        ips = [a.get("ip") for a in att]
        firsts.append(ips[:1])
        if not check("dual: deliverable through 127.0.25.1",
                     d.get("verdict") == "deliverable" and
                     ips[-1:] == ["127.0.25.1"], d):
            return
        if ips[0] == "127.0.27.2":
            break
    check("dual: the silent address came first in one of %d runs" %
          len(firsts), ips[0] == "127.0.27.2", firsts)
    if ips[0] != "127.0.27.2":
        return
    errs = [(a.get("steps") or [{}])[-1].get("error") for a in att]
    check("dual: its connect given up for the other address of the host",
          len(att) == 2 and att[0].get("error") == errs[0] ==
          "connect given up: 127.0.25.1, an address of the same host, "
          "answered first", [(a.get("ip"), a.get("error")) for a in att])


def serve_smtp(conn):
    """Enough SMTP for one probe: 550 5.1.1 to every RCPT, no STARTTLS."""
    f = conn.makefile("rwb")
    f.write(b"220 a.late.test ESMTP\r\n")
    f.flush()
    for line in f:
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            f.write(b"250 a.late.test\r\n")
        elif verb == b"MAIL":
            f.write(b"250 2.1.0 Ok\r\n")
        elif verb == b"RCPT":
            f.write(b"550 5.1.1 <x>: Recipient address rejected: "
                    b"User unknown\r\n")
        elif verb == b"QUIT":
            f.write(b"221 2.0.0 Bye\r\n")
            f.flush()
            break
        else:
            f.write(b"502 5.5.2 Error\r\n")
        f.flush()
    conn.close()


def ahead_server(lsock, seen):
    """Count connections and the bytes each sent."""
    lsock.settimeout(30)
    try:
        while True:
            c, _ = lsock.accept()
            c.settimeout(10)
            got = b""
            try:
                while True:
                    b = c.recv(4096)
                    if not b:
                        break
                    got += b
            except OSError:
                pass
            seen.append(got)
            c.close()
    except OSError:
        pass


def test_order_kept():
    late = socket.socket()
    late.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    late.bind((LATE, 25))
    late.listen(0)
    filler = socket.create_connection((LATE, 25), timeout=2)
    ahead = socket.socket()
    ahead.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ahead.bind((AHEAD, 25))
    ahead.listen(8)
    seen = []
    th = threading.Thread(target=ahead_server, args=(ahead, seen), daemon=True)
    th.start()
    p = subprocess.Popen([BIN, "probe", "--json", "--timeout", "20s"] + BASE +
                         ["alice@late.test"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        time.sleep(5)           # the check of b.late (after 3 s) is done
        c, _ = late.accept()    # the filler: the queue has room again
        c.close()
        late.settimeout(20)
        conn, _ = late.accept()  # the probe's SYN, sent again (about 7 s)
        serve_smtp(conn)
        out, err = p.communicate(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
        for s in (late, filler, ahead):
            s.close()
    th.join(5)
    try:
        d = json.loads(out)
    except ValueError:
        d = {"stdout": out[-300:], "stderr": err[-300:]}
    att = d.get("attempts") or []
    check("late: the first MX host's answer decides (mailbox_unknown)",
          d.get("reason") == "mailbox_unknown" and
          [a.get("ip") for a in att] == [LATE], d)
    check("late: the second host was checked once, not spoken to",
          seen == [b""], seen)


def test_verify_port25_open():
    argv = [BIN, "verify"] + BASE + ["--timeout", "4s"]
    with tempfile.TemporaryDirectory() as tmp:
        got = verify_want("open", {"alice@ok.test": "deliverable",
                                   "alice@blackhole.test": "unreachable"},
                          argv, tmp)
        r = got.get("alice@blackhole.test") or {}
        check("verify: ok.test answered on port 25, so blackhole.test's "
              "timeouts read connection_failed", r.get("reason") ==
              "connection_failed", r.get("reason"))
        got = verify_want("dropped", {"alice@blackhole.test": "unreachable",
                                      "alice@blackhole4.test": "unreachable"},
                          argv, tmp)
        check("verify: nothing answered on port 25: port25_filtered",
              [got.get(a, {}).get("reason") for a in sorted(got)] ==
              ["port25_filtered"] * 2, {a: r.get("reason")
                                        for a, r in got.items()})


def main():
    guarded(test_verify_port25_open)
    guarded(test_all_dropped)
    guarded(test_all_dropped_proxy)
    guarded(test_same_host)
    guarded(test_order_kept)
    return finish("test_lookahead")


if __name__ == "__main__":
    sys.exit(main())
