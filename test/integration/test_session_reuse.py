#!/usr/bin/env python3
"""test_session_reuse.py - sessions shared across domains by MX address.

- 40 domains hosted on one MX (NAME.hosted.test, MX mx1.ok.test, the lab
  Postfix with its default error limits): every verdict right, far fewer
  SMTP sessions than domains and far fewer transactions (MAIL commands)
  than domains - several domains share one transaction - (both counted in
  Postfix's log), records on a reused session say so and keep the
  session's greeting steps, no record holds another address's RCPT, no
  session with more than 9 rejected RCPTs or more than 6 RSETs, no "too
  many errors".
- Exim's smtp_accept_max_nonmail at its default (10): 400 addresses at a
  catch-all domain need many RSETs; no session reaches the limit (nothing
  about nonmail commands in Exim's logs) and every address is decided.
- Servers of the test's own (127.0.25.1, a free port, reached through the
  hosted domains) that break reuse: RSET answered 421, RSET answered 554,
  no answer to the second MAIL of a session, a session closed by the
  server while it is idle.  Every address still gets its own verdict, none
  is lost, none gets another's reply.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid

from labcheck import BIN, RESOLVER, RUN, LoopbackServer, check, finish, \
    guarded, numbers as NUMBERS

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", "reuse.lab.test", "-q"]
TMP = tempfile.mkdtemp(prefix="mxtrace-reuse-")
PFLOG = os.path.join(RUN, "postfix.log")
EXIMLOGS = [os.path.join(RUN, "exim", "log", n)
            for n in ("mainlog", "rejectlog", "paniclog")]


def size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def since(path, off):
    if not os.path.exists(path):
        return ""
    with open(path, "rb") as f:
        f.seek(off)
        return f.read().decode("utf-8", "replace")


def verify(name, want, extra=(), timeout=300):
    src = os.path.join(TMP, name + ".txt")
    out = os.path.join(TMP, name + ".jsonl")
    with open(src, "w") as f:
        f.write("".join(a + "\n" for a in want))
    p = subprocess.run(BASE + list(extra) + ["-o", out, src],
                       capture_output=True, timeout=timeout)
    recs = [json.loads(l) for l in open(out, "rb")] if os.path.exists(out) \
        else []
    bad = [(a, r["verdict"], want.get(a)) for r in recs
           for a in [r["address"]] if want.get(a) != r["verdict"]]
    missing = sorted(set(want) - {r["address"] for r in recs})
    check("%s: exit 0, %d addresses, each once with its own verdict" % (
          name, len(want)), p.returncode == 0 and len(recs) == len(want)
          and not bad and not missing,
          "rc %d, %d records, wrong %s, missing %s; %s" % (
              p.returncode, len(recs), bad[:3], missing[:3],
              p.stderr.decode("utf-8", "replace")[-300:]))
    return {r["address"]: r for r in recs}


def own_rcpts(rec):
    """Every RCPT step of a record names its own address or the catch-all
    probe's random one: nobody else's reply."""
    local, dom = rec["address"].rsplit("@", 1)
    for a in rec["attempts"]:
        for s in a["steps"]:
            if s["stage"] != "rcpt":
                continue
            cmd = s["command"] or ""
            if cmd != "RCPT TO:<%s>" % rec["address"] and \
                    not cmd.startswith("RCPT TO:<mxtrace-"):
                return False
            if not cmd.endswith("@%s>" % dom):
                return False
    return True


def test_hosted_domains():
    tag = uuid.uuid4().hex[:6]
    want = {}
    for d in range(40):
        dom = "d%d-%s.hosted.test" % (d, tag)
        for u in ("alice", "bob", "user"):
            want["%s@%s" % (u, dom)] = "deliverable"
        want["nobody-%s@%s" % (tag, dom)] = "undeliverable"
    off = size(PFLOG)
    recs = verify("hosted", want)
    time.sleep(1)
    log = since(PFLOG, off)
    sessions = len(re.findall(r" lab/ok/smtpd\[\d+\]: connect from", log))
    ends = re.findall(r" lab/ok/smtpd\[\d+\]: disconnect from .*", log)
    worst_rej = max([int(b) - int(a) for a, b in
                     (re.search(r"rcpt=(\d+)/(\d+)", l).groups()
                      for l in ends if "rcpt=" in l)] or [0])
    worst_rset = max([int(m.group(1)) for m in
                      (re.search(r"rset=(\d+)", l) for l in ends) if m] or [0])
    mails = sum(int(m.group(1)) for m in
                (re.search(r" mail=(\d+)", l) for l in ends) if m)
    reused = [r for r in recs.values()
              if any(a.get("reused") for a in r["attempts"])]
    NUMBERS.append("hosted: %d addresses at 40 domains on one MX, %d SMTP "
                   "sessions, %d MAIL commands, %d records on a reused "
                   "session, at most %d rejections and %d RSETs in one "
                   "session" % (len(want), sessions, mails, len(reused),
                                worst_rej, worst_rset))
    check("hosted: far fewer sessions than domains (%d for 40)" % sessions,
          0 < sessions <= 10)
    check("hosted: domains share transactions: %d MAIL commands for 40 "
          "domains" % mails, 0 < mails <= 13)
    check("hosted: records say when their session was reused (%d)" %
          len(reused), len(reused) > 0)
    shapes = set()
    for r in reused:
        a = [a for a in r["attempts"] if a.get("reused")][0]
        shapes.add(tuple(s["stage"] for s in a["steps"][:4]))
        shapes.add(("rset_after_greeting",
                    any(s["stage"] == "rset" for s in a["steps"])))
    check("hosted: a reused attempt keeps the session's connect, banner and "
          "EHLO and has its own RSET", shapes <= {
              ("connect", "banner", "ehlo", "starttls"),
              ("rset_after_greeting", True)}, shapes)
    check("hosted: every attempt has a session number",
          all(isinstance(a.get("session"), int) for r in recs.values()
              for a in r["attempts"]))
    check("hosted: every RCPT in a record is its own address's",
          all(own_rcpts(r) for r in recs.values()),
          [r["address"] for r in recs.values() if not own_rcpts(r)][:3])
    check("hosted: at most 9 rejections and 6 RSETs in a session "
          "(%d, %d)" % (worst_rej, worst_rset),
          worst_rej <= 9 and worst_rset <= 6)
    check("hosted: no 'too many errors' in Postfix's log",
          "too many errors" not in log)


def test_exim_nonmail():
    tag = uuid.uuid4().hex[:6]
    want = {"u%d-%s@eximcatch.test" % (i, tag): "catch_all"
            for i in range(400)}
    offs = [size(p) for p in EXIMLOGS]
    verify("eximcatch", want)
    time.sleep(1)
    logs = "".join(since(p, o) for p, o in zip(EXIMLOGS, offs))
    bad = [l for l in logs.splitlines() if "nonmail" in l.lower()]
    check("exim: no session met smtp_accept_max_nonmail", not bad, bad[:2])


class ReuseBreaker(LoopbackServer):
    """ok* accepted, others 550 5.1.1; `mode` breaks reuse:
    rset421 / rset554: RSET refused; stall2: no reply to a session's second
    MAIL; idledrop: the connection is closed 300 ms after a reply when no
    command followed."""

    def __init__(self, mode):
        self.mode = mode
        super().__init__()

    def serve(self, c):
        mails = 0
        try:
            c.settimeout(0.3 if self.mode == "idledrop" else 30)
            c.sendall(b"220 mx.reuse.test ESMTP\r\n")
            buf = b""
            while True:
                try:
                    data = c.recv(4096)
                except socket.timeout:
                    if mails:
                        return          # idle after some work: drop it
                    continue
                if not data:
                    return
                buf += data
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    cmd = line.strip().upper()
                    if cmd.startswith(b"EHLO"):
                        out = b"250-mx.reuse.test\r\n250 PIPELINING\r\n"
                    elif cmd.startswith(b"MAIL"):
                        mails += 1
                        if self.mode == "stall2" and mails == 2:
                            continue    # never answered
                        out = b"250 2.1.0 Ok\r\n"
                    elif cmd.startswith(b"RSET"):
                        if self.mode == "rset421":
                            c.sendall(b"421 4.3.0 mx.reuse.test closing\r\n")
                            return
                        out = (b"554 5.5.1 no more\r\n"
                               if self.mode == "rset554" else
                               b"250 2.0.0 Ok\r\n")
                    elif cmd.startswith(b"RCPT"):
                        out = (b"250 2.1.5 Ok\r\n"
                               if cmd.split(b"<", 1)[-1].startswith(b"OK")
                               else b"550 5.1.1 <x>: User unknown\r\n")
                    elif cmd.startswith(b"QUIT"):
                        c.sendall(b"221 2.0.0 Bye\r\n")
                        return
                    else:
                        out = b"502 5.5.2 Error\r\n"
                    c.sendall(out)
        except OSError:
            pass
        finally:
            c.close()


def test_reuse_breakers():
    for mode in ("rset421", "rset554", "stall2", "idledrop"):
        tag = uuid.uuid4().hex[:6]
        want = {}
        for d in range(12):
            dom = "b%d-%s.hosted.test" % (d, tag)
            want["ok1@%s" % dom] = "deliverable"
            want["ok2@%s" % dom] = "deliverable"
            want["no3-%s@%s" % (tag, dom)] = "undeliverable"
        srv = ReuseBreaker(mode)
        try:
            recs = verify(mode, want, ["--port", str(srv.port), "--timeout",
                                       "2s", "--no-catch-all-check"])
        finally:
            srv.close()
        NUMBERS.append("%s: %d addresses, %d sessions" % (mode, len(want),
                                                         srv.sessions))
        check("%s: every RCPT in a record is its own address's" % mode,
              all(own_rcpts(r) for r in recs.values()))
        check("%s: no address has the refused RSET or the stall as its "
              "verdict" % mode, all(r["stage"] == "rcpt"
                                    for r in recs.values()),
              [(a, r["stage"], r["reason"]) for a, r in recs.items()
               if r["stage"] != "rcpt"][:3])


if __name__ == "__main__":
    for t in (test_hosted_domains, test_exim_nonmail, test_reuse_breakers):
        guarded(t)
    sys.exit(finish("test_session_reuse"))
