#!/usr/bin/env python3
"""test_error_limits.py - servers' error limits at their real defaults,
and the replies that speak about the session rather than the address.

- A harsh list (most addresses unknown) at ok.test and at 30 domains
  hosted on the same MX, whose lab Postfix keeps smtpd_error_sleep_time
  1s, smtpd_soft_error_limit 10 and smtpd_hard_error_limit 20 (measured:
  the 11th rejected command's reply waits 1 s, the 21st command gets 421;
  neither RSET, a new MAIL nor an accepted RCPT lowers the count): every
  verdict right, no session with more than 9 rejected RCPTs, no "too many
  errors" in Postfix's log, no reply delayed by the tarpit.
- A server of the test's own (127.0.25.1, a free port) with Postfix's
  default limits, then one with stricter limits (a tarpit after 3
  rejections, "421 4.7.0 Error: too many errors" after 5), each behind 40
  hosted domains whose addresses share transactions.  Every address gets
  its own verdict; the 421 is nobody's; at Postfix's defaults no reply is
  tarpitted and no session ended; at the stricter ones the host's budget
  is learned: only the sessions already open met the tarpit or the 421.
- postscreen in front of Postfix (postscreen.test): a stranger passes the
  deep tests and gets "450 4.3.2 Service currently unavailable"; verify
  reconnects at once and every address is decided on the next connection.
"""

import os
import re
import sys
import tempfile
import time
import uuid

from labcheck import BIN, RESOLVER, RUN, LoopbackServer, check, finish, \
    guarded, numbers as NUMBERS, verify_want

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", "limits.lab.test", "--timeout", "10s", "-q"]
TMP = tempfile.mkdtemp(prefix="mxtrace-limits-")
LOG = os.path.join(RUN, "postfix.log")


def log_size():
    return os.path.getsize(LOG)


def log_since(off):
    with open(LOG, "rb") as f:
        f.seek(off)
        return f.read().decode("utf-8", "replace")


def verify(name, want, extra=()):
    """verify_want with the list in address order: domains interleaved."""
    return verify_want(name, dict(sorted(want.items())), BASE + list(extra),
                       TMP)


def rcpt_steps(rec):
    return [s for a in rec["attempts"] for s in a["steps"]
            if s["stage"] == "rcpt"]


def test_harsh_list_postfix_defaults():
    tag = uuid.uuid4().hex[:6]
    want = {}
    for i in range(40):
        want["nobody%d-%s@ok.test" % (i, tag)] = "undeliverable"
    for u in ("alice", "bob", "user", "carol", "grey"):
        want["%s@ok.test" % u] = "deliverable"
    for i in range(20):
        want["nobody%d-%s@implicit.test" % (i, tag)] = "undeliverable"
    want["alice@implicit.test"] = "deliverable"
    for d in range(30):
        dom = "harsh%d-%s.hosted.test" % (d, tag)
        want["staff1@%s" % dom] = want["staff2@%s" % dom] = "deliverable"
        for i in range(4):
            want["nobody%d@%s" % (i, dom)] = "undeliverable"
    off = log_size()
    recs = verify("harsh", want)
    log = log_since(off)
    check("harsh: no 'too many errors' in Postfix's log",
          "too many errors" not in log,
          [l for l in log.splitlines() if "too many errors" in l][:2])
    worst, sessions = 0, 0
    for m in re.finditer(r" lab/ok/smtpd\[\d+\]: disconnect from .* "
                         r"rcpt=(\d+)/(\d+)", log):
        sessions += 1
        worst = max(worst, int(m.group(2)) - int(m.group(1)))
    NUMBERS.append("harsh: %d addresses, %d sessions, at most %d rejected "
                   "RCPTs in one" % (len(want), sessions, worst))
    check("harsh: at most 9 rejected RCPTs in any session (%d in %d "
          "sessions)" % (worst, sessions), 0 < worst <= 9)
    slow = [(a, s["ms"]) for a, r in recs.items() for s in rcpt_steps(r)
            if s["ms"] >= 900]
    check("harsh: no RCPT reply held back by the tarpit", not slow, slow[:3])


class StrictSMTP(LoopbackServer):
    """Accepts local parts starting with "ok", 550 5.1.1 for the others.
    Like Postfix with the given limits: once a session has `soft` errors
    every reply waits 1 s; at `hard` errors the next command gets 421 too
    many errors and the session ends.  Counts the sessions that met each."""

    def __init__(self, soft, hard):
        self.soft, self.hard = soft, hard
        self.too_many = self.tarpitted = 0
        super().__init__()

    def serve(self, c):
        errors = 0
        slowed = False
        f = c.makefile("rb")
        c.sendall(b"220 mx.strict.test ESMTP\r\n")
        for line in f:
            cmd = line.strip().upper()
            if errors >= self.hard:
                with self.lock:
                    self.too_many += 1
                c.sendall(b"421 4.7.0 mx.strict.test Error: too many "
                          b"errors\r\n")
                return
            if errors >= self.soft and not cmd.startswith(b"QUIT"):
                if not slowed:
                    with self.lock:
                        self.tarpitted += 1
                slowed = True
                time.sleep(1)
            if cmd.startswith(b"EHLO"):
                out = b"250-mx.strict.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
            elif cmd[:4] in (b"HELO", b"MAIL", b"RSET", b"NOOP"):
                out = b"250 2.0.0 Ok\r\n"
            elif cmd.startswith(b"RCPT"):
                if cmd.split(b"<", 1)[-1].startswith(b"OK"):
                    out = b"250 2.1.5 Ok\r\n"
                else:
                    errors += 1
                    out = b"550 5.1.1 <x>: User unknown\r\n"
            elif cmd.startswith(b"QUIT"):
                c.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                errors += 1
                out = b"502 5.5.2 Error: command not recognized\r\n"
            c.sendall(out)


def strict_run(name, soft, hard, domains):
    tag = uuid.uuid4().hex[:6]
    want = {}
    for d in range(domains):
        dom = "s%d-%s.hosted.test" % (d, tag)
        for i in range(6):
            a = "%s%d@%s" % ("ok" if i % 3 == 0 else "no", i, dom)
            want[a] = "deliverable" if i % 3 == 0 else "undeliverable"
    srv = StrictSMTP(soft, hard)
    try:
        recs = verify(name, want, ["--port", str(srv.port),
                                   "--no-catch-all-check"])
    finally:
        srv.close()
    NUMBERS.append("%s (soft %d, hard %d): %d addresses at %d domains, %d "
                   "sessions, %d tarpitted, %d ended by 'too many errors'" % (
                       name, soft, hard, len(want), domains, srv.sessions,
                       srv.tarpitted, srv.too_many))
    with421 = [a for a, r in recs.items() if r.get("reply") and
               r["reply"].get("code") == 421]
    check("%s: no address has the 421 as its reply" % name, not with421,
          with421[:3])
    mixed = {}
    for a, r in recs.items():
        for at in r["attempts"]:
            mixed.setdefault((at["session"], at["reused"]), set()).add(
                a.split("@")[1])
    check("%s: domains shared sessions (up to %d in one use)" % (
          name, max(len(v) for v in mixed.values())),
          max(len(v) for v in mixed.values()) >= 2)
    return srv


def test_postfix_defaults_scripted():
    srv = strict_run("postfix-defaults", 10, 20, 40)
    check("postfix-defaults: no session tarpitted (%d) or ended for too "
          "many errors (%d)" % (srv.tarpitted, srv.too_many),
          srv.tarpitted == 0 and srv.too_many == 0)


def test_stricter_server():
    srv = strict_run("strict", 3, 5, 40)
    check("strict: the server's limits were met and survived (%d sessions)"
          % srv.sessions, srv.sessions >= 3)
    check("strict: the host's budget was learned: only the sessions open "
          "before (--per-host 2) met the tarpit (%d) or the 421 (%d)" % (
              srv.tarpitted, srv.too_many),
          srv.tarpitted <= 2 and srv.too_many <= 2)


def test_postscreen_reconnect():
    # postscreen remembers a client for 10 s (the lab's TTLs): wait so
    # this run meets it as a stranger.
    time.sleep(11)
    tag = uuid.uuid4().hex[:6]
    want = {"alice@postscreen.test": "deliverable",
            "bob@postscreen.test": "deliverable",
            "nobody-%s@postscreen.test" % tag: "undeliverable"}
    off = log_size()
    recs = verify("postscreen", want)
    log = log_since(off)
    told = log.count("450 4.3.2 Service currently unavailable")
    passed = len(re.findall(r"lab/pscreen/postscreen\[\d+\]: PASS (NEW|OLD)",
                            log))
    served = len(re.findall(r"lab/pscreen-smtpd/smtpd\[\d+\]: connect from",
                            log))
    check("postscreen: it tested us and told us to come again (%d times), "
          "we passed (%d) and were served on the next connection (%d)" % (
              told, passed, served), told >= 1 and passed >= 1 and
          served == 1)
    rec = recs.get("alice@postscreen.test", {"attempts": []})
    codes = [[s["code"] for s in a["steps"] if s["stage"] == "rcpt"]
             for a in rec["attempts"]]
    check("postscreen: alice's record shows the 450 and the reconnect "
          "that got 250", len(codes) == 2 and 450 in codes[0] and
          250 in codes[1] and rec["attempts"][0]["ip"] ==
          rec["attempts"][1]["ip"], codes)
    check("postscreen: the 450 is nobody's verdict",
          all(r["reply"]["code"] != 450 for r in recs.values()
              if r.get("reply")), [r.get("reply") for r in recs.values()])


if __name__ == "__main__":
    only = sys.argv[1:]
    for t in (test_harsh_list_postfix_defaults,
              test_postfix_defaults_scripted, test_stricter_server,
              test_postscreen_reconnect):
        if only and t.__name__ not in only:
            continue
        guarded(t)
    sys.exit(finish("test_error_limits"))
