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
- Exim's smtp_accept_max_nonmail at its default (10): 1,000 addresses at a
  catch-all domain beside Exim's other domains need many RSETs; no session
  reaches the limit (nothing about nonmail commands in Exim's logs) and
  every address is decided, none with another's reply.
- Servers of the test's own (127.0.25.1, a free port, reached through 40
  hosted domains whose addresses share transactions) that break reuse or
  set limits: RSET answered 421, RSET answered 554, no answer to the second
  MAIL of a session, a session closed by the server while it is idle, 452
  "too many recipients" at the 3rd RCPT of a transaction, and a nonmail
  limit of 5 with 452 after 2 RCPTs.  Every address still gets its own
  verdict, none is lost, none gets another's reply (a 452 is only in its
  own address's record); the 452 and nonmail limits are learned for the
  host, so only the sessions already open meet them.
"""

import os
import re
import socket
import sys
import tempfile
import time
import uuid

from labcheck import BIN, RESOLVER, RUN, LoopbackServer, check, finish, \
    guarded, numbers as NUMBERS, verify_want

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


def settled(path, off, pred, secs=15):
    """The log since off once pred(text) holds (postlogd writes Postfix's
    log asynchronously; a bounded wait, not a fixed sleep)."""
    end = time.monotonic() + secs
    text = since(path, off)
    while not pred(text) and time.monotonic() < end:
        time.sleep(0.05)
        text = since(path, off)
    return text


def verify(name, want, extra=(), timeout=300):
    return verify_want(name, want, BASE + list(extra), TMP, timeout)


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
    # every session that connected has logged its disconnect
    log = settled(PFLOG, off, lambda t: 0 < len(re.findall(
        r" lab/ok/smtpd\[\d+\]: connect from", t)) == len(re.findall(
            r" lab/ok/smtpd\[\d+\]: disconnect from", t)))
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
    """1,000 addresses at Exim's catch-all domain beside its other domains:
    ten transactions of 100 at least, so sessions need RSETs, and the
    domains share transactions."""
    tag = uuid.uuid4().hex[:6]
    want = {"u%d-%s@eximcatch.test" % (i, tag): "catch_all"
            for i in range(1000)}
    for u in ("alice", "bob", "user"):
        want["%s@exim.test" % u] = "deliverable"
    for i in range(5):
        want["nobody%d-%s@exim.test" % (i, tag)] = "undeliverable"
        want["nobody%d-%s@eximfail.test" % (i, tag)] = "undeliverable"
    offs = [size(p) for p in EXIMLOGS]
    recs = verify("eximcatch", want)
    time.sleep(1)
    logs = "".join(since(p, o) for p, o in zip(EXIMLOGS, offs))
    bad = [l for l in logs.splitlines() if "nonmail" in l.lower()]
    sessions = {a["session"] for r in recs.values() for a in r["attempts"]}
    rsets = max([sum(s["stage"] == "rset" for s in a["steps"])
                 for r in recs.values() for a in r["attempts"]] or [0])
    NUMBERS.append("exim: %d addresses, %d sessions, up to %d RSETs in one "
                   "use" % (len(want), len(sessions), rsets))
    check("exim: sessions needed RSETs (%d in one use)" % rsets, rsets >= 2)
    check("exim: no session met smtp_accept_max_nonmail", not bad, bad[:2])
    check("exim: every RCPT in a record is its own address's",
          all(own_rcpts(r) for r in recs.values()))


class ReuseBreaker(LoopbackServer):
    """ok* accepted, others 550 5.1.1; `mode` breaks reuse or sets a limit:
    rset421 / rset554: RSET refused; stall2: no reply to a session's second
    MAIL; idledrop: once every address of the list has had its first
    RCPT (so never in the middle of the work, however slow the machine),
    a connection that then stays silent for 300 ms is closed, and the
    greylisted address keeps getting 451 until that happened (so the drop
    does happen: verify waits --retry-after 1s, more than 300 ms, before
    each retry on its kept session); toomany3: 452 4.5.3 to the 3rd and later RCPTs of a
    transaction; nonmail5: 452 4.5.3 after 2 RCPTs too, and, like Exim's
    smtp_accept_max_nonmail, "554 Too many nonmail commands" to the 6th
    command other than MAIL/RCPT, then the connection is closed.  In every
    mode an RCPT for a local part starting with "stall" is never answered,
    nor anything after it; one starting with "grey" gets 451 the first
    time (idledrop: until a kept session was closed).
    Counts what it saw: RSETs, MAILs, refusals, and per transaction the
    RCPTs after which a 452 came."""

    def __init__(self, mode, addresses=()):
        self.mode = mode
        self.addresses = set(addresses)     # idledrop: the whole list
        self.rsets = self.mails = self.refused = 0
        self.txn452 = 0             # transactions that got a 452
        self.rcpt_to = {}           # address -> RCPTs received for it
        self.drops = 0              # idle sessions it closed
        super().__init__()

    def serve(self, c):
        mails = nonmail = intx = 0
        said452 = False
        c.settimeout(0.3 if self.mode == "idledrop" else 30)
        c.sendall(b"220 mx.reuse.test ESMTP\r\n")
        buf = b""
        while True:
            try:
                data = c.recv(4096)
            except socket.timeout:
                with self.lock:
                    drop = mails and self.addresses <= set(self.rcpt_to)
                    self.drops += 1 if drop else 0
                if drop:
                    return          # idle after the first pass: drop
                continue
            if not data:
                return
            buf += data
            while b"\r\n" in buf:
                line, buf = buf.split(b"\r\n", 1)
                cmd = line.strip().upper()
                if not cmd.startswith((b"MAIL", b"RCPT", b"QUIT")):
                    nonmail += 1
                    if self.mode == "nonmail5" and nonmail > 5:
                        with self.lock:
                            self.refused += 1
                        c.sendall(b"554 Too many nonmail commands\r\n")
                        return
                if cmd.startswith(b"EHLO"):
                    out = b"250-mx.reuse.test\r\n250 PIPELINING\r\n"
                elif cmd.startswith(b"MAIL"):
                    mails += 1
                    intx = 0
                    said452 = False
                    with self.lock:
                        self.mails += 1
                    if self.mode == "stall2" and mails == 2:
                        continue    # never answered
                    out = b"250 2.1.0 Ok\r\n"
                elif cmd.startswith(b"RSET"):
                    with self.lock:
                        self.rsets += 1
                    if self.mode == "rset421":
                        with self.lock:
                            self.refused += 1
                        c.sendall(b"421 4.3.0 mx.reuse.test closing\r\n")
                        return
                    if self.mode == "rset554":
                        with self.lock:
                            self.refused += 1
                        out = b"554 5.5.1 no more\r\n"
                    else:
                        out = b"250 2.0.0 Ok\r\n"
                elif cmd.startswith(b"RCPT"):
                    intx += 1
                    addr = line.split(b"<", 1)[-1].rstrip(b">").decode()
                    limit = {"toomany3": 2, "nonmail5": 2}.get(self.mode)
                    if addr.startswith("stall"):
                        time.sleep(4)   # never answered: the client
                        return          # gives up first (--timeout 2s)
                    if addr.startswith("grey") and (
                            addr not in self.rcpt_to or
                            self.mode == "idledrop" and not self.drops):
                        with self.lock:
                            self.rcpt_to[addr] = 0
                        out = b"451 4.7.1 greylisted, come back later\r\n"
                    elif limit is not None and intx > limit:
                        if not said452:
                            with self.lock:
                                self.txn452 += 1
                        said452 = True
                        out = b"452 4.5.3 Error: too many recipients\r\n"
                    else:
                        with self.lock:
                            self.rcpt_to[addr] = \
                                self.rcpt_to.get(addr, 0) + 1
                        out = (b"250 2.1.5 Ok\r\n"
                               if addr.upper().startswith(("OK", "GREY"))
                               else b"550 5.1.1 <x>: User unknown\r\n")
                elif cmd.startswith(b"QUIT"):
                    c.sendall(b"221 2.0.0 Bye\r\n")
                    return
                else:
                    out = b"502 5.5.2 Error\r\n"
                c.sendall(out)


def own_452s(rec):
    """The 452 replies in a record: each to the record's own address."""
    return [s for a in rec["attempts"] for s in a["steps"]
            if s["stage"] == "rcpt" and s["code"] == 452]


def test_reuse_breakers():
    """40 domains, 3 known addresses each and an unknown one at every 8th,
    on a server of the test's own, one session at a time (--per-host 1):
    more RCPTs than one transaction holds, few enough rejections that the
    session is kept, so every mode meets RSET or a second MAIL, in
    transactions that mix domains."""
    for mode in ("rset421", "rset554", "stall2", "idledrop", "toomany3",
                 "nonmail5", "stallrcpt"):
        tag = uuid.uuid4().hex[:6]
        want = {}
        for d in range(40):
            dom = "b%d-%s.hosted.test" % (d, tag)
            for u in ("ok1", "ok2", "ok3"):
                want["%s@%s" % (u, dom)] = "deliverable"
            if d % 8 == 0:
                want["no4-%s@%s" % (tag, dom)] = "undeliverable"
        stalled_dom = "b20-%s.hosted.test" % tag
        if mode == "stallrcpt":
            # a domain in the middle: ok1 answered, stall2 never, ok3 dropped
            for u in ("ok2", "ok3"):
                del want["%s@%s" % (u, stalled_dom)]
            want["stall2@%s" % stalled_dom] = "temporary"
        if mode == "idledrop":
            # one: its retries (each --retry-after 1s after a 451) are the
            # only work left after the first pass, so the kept session
            # idles between them
            want["grey-%s@b10-%s.hosted.test" % (tag, tag)] = "deliverable"
        srv = ReuseBreaker(mode, want)
        try:
            recs = verify(mode, want, ["--port", str(srv.port), "--timeout",
                                       "2s", "--no-catch-all-check",
                                       "--per-host", "1", "--retry-after",
                                       "1s", "--max-wait",
                                       "30s" if mode == "idledrop" else "0s"])
        finally:
            srv.close()
        NUMBERS.append("%s: %d addresses, %d sessions, %d MAIL, %d RSET, %d "
                       "refused, %d transactions that got 452, %d idle "
                       "sessions closed" % (
                           mode, len(want), srv.sessions, srv.mails,
                           srv.rsets, srv.refused, srv.txn452, srv.drops))
        check("%s: every RCPT in a record is its own address's" % mode,
              all(own_rcpts(r) for r in recs.values()))
        if mode == "stallrcpt":
            check("stallrcpt: the stalled RCPT alone has the timeout; the "
                  "domains sharing its session went on elsewhere and got "
                  "their own verdicts", all(
                      (r["verdict"] == "temporary" and r["reason"] ==
                       "timeout") == a.startswith("stall")
                      for a, r in recs.items()),
                  [(a, r["verdict"], r["reason"]) for a, r in recs.items()
                   if r["verdict"] == "temporary"][:4])
            continue
        check("%s: no address has the refused RSET, the stall or a 452 as "
              "its verdict" % mode, all(r["stage"] == "rcpt" and
                                        r["reply"]["code"] in (250, 550)
                                        for r in recs.values()),
              [(a, r["stage"], r["reason"]) for a, r in recs.items()
               if r["stage"] != "rcpt"][:3])
        uses = {}
        for a, r in recs.items():
            for at in r["attempts"]:
                uses.setdefault((at["session"], at["reused"]), set()).add(
                    a.split("@")[1])
        most = max([len(v) for v in uses.values()] or [0])
        check("%s: domains shared a session use (up to %d in one)" % (
              mode, most), most >= 2)
        if mode in ("rset421", "rset554"):
            check("%s: RSETs were refused (%d) and each time the addresses "
                  "went on elsewhere" % (mode, srv.refused), srv.refused >= 1)
        if mode == "idledrop":
            grey = [r for a, r in recs.items() if a.startswith("grey")]
            last = grey[0]["attempts"][-1] if grey else {}
            check("idledrop: the server closed kept sessions while they "
                  "idled (%d), and the retried address went on a new one "
                  "(%d sessions; its last attempt on session %s, reused %s)"
                  % (srv.drops, srv.sessions, last.get("session"),
                     last.get("reused")),
                  srv.drops >= 1 and srv.sessions >= 2 and grey and
                  grey[0]["verdict"] == "deliverable")
        if mode == "stall2":
            check("stall2: some session got to its second MAIL",
                  srv.sessions >= 2 and srv.mails >= 3)
        if mode in ("toomany3", "nonmail5"):
            bad = [a for a, r in recs.items()
                   if any(s["command"] != "RCPT TO:<%s>" % a
                          for s in own_452s(r))]
            check("%s: each 452 is in its own address's record only" % mode,
                  not bad and any(own_452s(r) for r in recs.values()), bad[:3])
            check("%s: the host's limit was learned: at most 2 transactions "
                  "(one per session opened before) got a 452, not %d" % (
                      mode, srv.txn452), 1 <= srv.txn452 <= 2)
        if mode == "nonmail5":
            check("nonmail5: the nonmail limit was learned: met by at most "
                  "2 sessions (%d), of %d" % (srv.refused, srv.sessions),
                  1 <= srv.refused <= 2 and srv.sessions > 3)


if __name__ == "__main__":
    only = sys.argv[1:]
    for t in (test_hosted_domains, test_exim_nonmail, test_reuse_breakers):
        if only and t.__name__ not in only:
            continue
        guarded(t)
    sys.exit(finish("test_session_reuse"))
