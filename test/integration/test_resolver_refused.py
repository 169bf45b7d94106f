#!/usr/bin/env python3
"""test_resolver_refused - a server of /etc/resolv.conf that refuses every
question (a router, an office server that does not recurse for this
machine) does not push out the real resolver.  The start-up check
(dns/alive.c) counts a REFUSED as alive, but the run forwards to the
servers that answered otherwise, and a refusal first gives the others
1 s more (DNS_ALIVE_REFUSED_WAIT_MS), not the 200 ms grace; only when
every reply was a refusal are the refusers kept (the lab's Unbound
refuses the root's SOA and resolves the lab).  Before this, a refuser
first and a resolver 0.4 s slower left the run the refuser alone: every
lookup failed (dns_error).

The refuser answers REFUSED at once on port 53 of 127.0.27.55; the real
resolver is a forwarder to the lab's Unbound on port 53 of 127.0.27.56
that holds every answer back 0.4 s and answers the root's SOA as a
resolver of the internet would (NOERROR).  /etc/resolv.conf is
bind-mounted in a private mount namespace (as test_resolver_dead.py
does).  Start-up times are printed, not asserted."""
import collections
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, SlowForwarder, UdpServer,  # noqa: E402
                      check, finish, guarded, root_answered)

HOLE = "127.0.27.2"             # a blackhole: nothing comes back
REFUSER_IP = "127.0.27.55"      # the Refuser's port 53 (nothing else there)
REAL_IP = "127.0.27.56"         # the slow real resolver's port 53
DELAY = 0.4                     # the real resolver's every answer, seconds
LAB = ["--allow-private", "--timeout", "5s", "--helo", "probe.example.test"]
LAB_MX = "127.0.25.1"           # mx1.ok.test, alice@ok.test's MX
ROOT_SOA = b"\x00\x00\x06\x00\x01"  # the start-up check's question


class Refuser(UdpServer):
    """A DNS server on REFUSER_IP's port 53 that refuses every question at
    once (the question sent back, QR set, RCODE 5); self.questions: each
    question's section and how many times it came."""

    def __init__(self):
        self.questions = collections.Counter()
        self.lock = threading.Lock()
        super().__init__(REFUSER_IP, 53)

    def take(self, q, peer):
        if len(q) < 12:
            return
        with self.lock:
            self.questions[q[12:]] += 1
        self.sock.sendto(q[:2] + bytes([q[2] | 0x80, 0x05]) + q[4:], peer)

    def others(self):
        """The questions that were not the start-up check's."""
        with self.lock:
            return [q for q in self.questions if not q.startswith(ROOT_SOA)]


def run(args, conf=None):
    """mxtrace ARGS, with an /etc/resolv.conf naming the servers conf if
    given: (exit status, stdout, stderr, seconds)."""
    with tempfile.TemporaryDirectory() as d:
        before = []
        if conf is not None:
            path = os.path.join(d, "resolv.conf")
            with open(path, "w") as f:
                f.write("".join("nameserver %s\n" % x for x in conf))
            before = ["unshare", "-m", "sh", "-c",
                      'mount --bind "$0" /etc/resolv.conf && exec "$@"', path]
        t0 = time.monotonic()
        p = subprocess.run(before + [BIN] + args, capture_output=True,
                           timeout=120)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"), time.monotonic() - t0)


def probe(conf=None, resolver=None):
    """probe --json alice@ok.test, through resolver or resolv.conf."""
    opts = ["--resolver", resolver] if resolver else []
    return run(["probe", "--json"] + opts + LAB + ["alice@ok.test"], conf)


def reached(out):
    """(verdict, the IP of the first attempt) of a probe's JSON."""
    try:
        r = json.loads(out)
    except ValueError:
        return None, None
    attempts = r.get("attempts") or [{}]
    return r.get("verdict"), attempts[0].get("ip")


def delivered(what, got, also=""):
    rc, out, err, secs = got
    verdict, ip = reached(out)
    check("%s: exit 0, deliverable at the lab's MX %s%s" % (what, LAB_MX,
                                                            also),
          rc == 0 and verdict == "deliverable" and ip == LAB_MX,
          "exit %d, %s at %s, %r" % (rc, verdict, ip, err[-300:]))
    check(what + ": nothing said of the resolver",
          "does not answer" not in err, err[-300:])


def test_refuser_first():
    """A refuser first, the real resolver 0.4 s slower second: the probe
    resolves through the real one and reaches the lab's MX; the refuser
    is asked the check's question alone."""
    real = SlowForwarder(DELAY, REAL_IP, 53, mangle=root_answered)
    refuser = Refuser()
    try:
        alone = probe(resolver=REAL_IP)
        got = probe([REFUSER_IP, REAL_IP])
        refused = refuser.others()
    finally:
        refuser.close()
        real.close()
    print("  # the %.1f s resolver alone (--resolver): exit %d, %.2f s" %
          (DELAY, alone[0], alone[3]))
    print("  # resolv.conf, a refuser first, the %.1f s resolver second: "
          "exit %d, %.2f s (start-up %+.2f s), %d questions at the "
          "refuser (%d not the check's)" %
          (DELAY, got[0], got[3], got[3] - alone[3],
           sum(refuser.questions.values()), len(refused)))
    delivered("the %.1f s resolver alone" % DELAY, alone)
    what = "resolv.conf, a refuser first, the %.1f s resolver second" % DELAY
    delivered(what, got)
    check(what + ": no question of the run sent to the refuser (%d were)" %
          len(refused), refused == [], refused[:5])
    check(what + ": the refuser asked the check's question",
          sum(refuser.questions.values()) >= 1, dict(refuser.questions))


def test_refusers_only():
    """Every reply a refusal: the refusers are kept, as before.  The lab's
    Unbound refuses the root's SOA and resolves the lab: alone in
    resolv.conf, and beside a dead server (the trade: the dead one is
    awaited 1 s after the refusal, not 0.2 s)."""
    straight = probe(resolver=RESOLVER)
    print("  # straight to the lab's resolver (--resolver): exit %d, "
          "%.2f s" % (straight[0], straight[3]))
    delivered("straight to the lab's resolver", straight)
    for what, conf in (("the lab's resolver alone", [RESOLVER]),
                       ("a dead server, then the lab's", [HOLE, RESOLVER])):
        got = probe(conf)
        print("  # resolv.conf, %s: exit %d, %.2f s (start-up %+.2f s)" %
              (what, got[0], got[3], got[3] - straight[3]))
        delivered("resolv.conf, " + what + " (a refuser)", got)


def main():
    for t in (test_refuser_first, test_refusers_only):
        guarded(t)
    return finish("test_resolver_refused")


if __name__ == "__main__":
    sys.exit(main())
