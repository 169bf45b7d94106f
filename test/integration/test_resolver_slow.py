#!/usr/bin/env python3
"""test_resolver_slow - a resolver that answers slowly is not dead.  The
start-up check (cli_resolver_check, dns/alive.c) keeps its question in
flight for the whole wait (3 s, DNS_ALIVE_WAIT_MS), at every server at
once: a resolver whose answers take 2.2 s (a distant resolver over a
congested link) passes and the probe goes on; one that takes 5 s, longer
than the wait, is called dead within about 3.5 s as before.  The resolver
here is a forwarder of the test's own to the lab's Unbound that holds
every answer back for D seconds; in /etc/resolv.conf (bind-mounted, as in
test_resolver_dead.py) beside dead servers it answers on port 53 of
127.0.27.53, an address of the lab's range where nothing else listens.
What counts as a reply (the question's ID and the QR bit, parsed or not),
and no network at all (said at once), are checked here too."""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, SlowForwarder, check,  # noqa: E402
                      finish, guarded, root_answered)

DEAD = "127.0.27.1"             # nothing listens (test/lab/README.md)
HOLE = "127.0.27.2"             # a blackhole: nothing comes back
SLOW_IP = "127.0.27.53"         # the slow forwarder's port 53 here
FAST_IP = "127.0.27.57"         # a fast one's, beside it
LAB = ["--allow-private", "--helo", "probe.example.test"]
WAIT = 3.0                      # DNS_ALIVE_WAIT_MS
EN = "does not answer"
GRACE_SLOW = 2.5                # test_resolv_conf_grace's slow server


def run(args, timeout=120, before=()):
    """mxtrace ARGS (the command before it, if any): (exit status, stdout,
    stderr, seconds)."""
    t0 = time.monotonic()
    p = subprocess.run(list(before) + [BIN] + args, capture_output=True,
                       timeout=timeout)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"), time.monotonic() - t0)


def with_conf(servers, args):
    """mxtrace ARGS with an /etc/resolv.conf naming servers (bind-mounted
    in a private mount namespace, as test_resolver_dead.py does)."""
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "resolv.conf")
        with open(conf, "w") as f:
            f.write("".join("nameserver %s\n" % x for x in servers))
        return run(args, before=["unshare", "-m", "sh", "-c",
                                 'mount --bind "$0" /etc/resolv.conf && '
                                 'exec "$@"', conf])


def verdict(out):
    try:
        return json.loads(out).get("verdict")
    except ValueError:
        return None


def probe(resolver, timeout=None):
    """mxtrace probe --json of alice@ok.test through resolver, with the
    default --timeout (20 s) or timeout."""
    opts = LAB + (["--timeout", timeout] if timeout else [])
    return run(["probe", "--json", "--resolver", resolver] + opts +
               ["alice@ok.test"])


def resent(fwd):
    """How many of the questions fwd was asked, the start-up check's
    (the root's SOA, sent again on purpose) aside, came more than once."""
    root_soa = b"\x00\x00\x06\x00\x01"
    return sum(1 for q, n in fwd.questions.items()
               if n > 1 and not q.startswith(root_soa))


def test_slow_resolver():
    """2.2 s per answer: past the check; with the default --timeout and
    with --timeout 5s the verdict of a probe straight to the lab's
    resolver.  libunbound resends a question to a server it has not timed
    after 376 ms, from a port of its own, and drops the answer to the try
    before (measured here before dns_set_resolver_rtt: one question's tries
    at 0, 0.38, 0.75, 1.51, 2.26 and 3.77 s, 17 questions and 14 s in all,
    dns_timeout at --timeout 5s); the check's reply time now sets its
    least resend timeout to 3.3 s, so each question goes out once."""
    rc0, out0, err0, secs0 = probe(RESOLVER)
    print("  # straight to the lab's resolver: exit %d, %.2f s" %
          (rc0, secs0))
    check("straight to the lab's resolver: deliverable",
          rc0 == 0 and verdict(out0) == "deliverable",
          "exit %d, %r" % (rc0, err0[-300:]))
    fwd = SlowForwarder(2.2)
    try:
        rc, out, err, secs = probe(fwd.at)
        print("  # 2.2 s resolver, default --timeout: exit %d, %.2f s, "
              "%d questions at it" % (rc, secs, fwd.asked))
        check("2.2 s resolver: not called dead", rc != 70 and
              EN not in err, "exit %d, %r" % (rc, err[-300:]))
        check("2.2 s resolver: no question sent twice (%d were)" %
              resent(fwd), resent(fwd) == 0,
              "%d questions at it" % fwd.asked)
        check("2.2 s resolver, default --timeout: the verdict of a probe "
              "straight to the lab's resolver (%s)" % verdict(out0),
              rc == rc0 and verdict(out) == verdict(out0),
              "exit %d, %s, %r" % (rc, verdict(out), err[-300:]))
        rc, out, err, secs = probe(fwd.at, "5s")
        reason = json.loads(out).get("reason") if out else None
        print("  # 2.2 s resolver, --timeout 5s: exit %d, %s/%s, %.2f s" %
              (rc, verdict(out), reason, secs))
        check("2.2 s resolver, --timeout 5s: past the check", rc != 70 and
              EN not in err, "exit %d, %r" % (rc, err[-300:]))
        check("2.2 s resolver, --timeout 5s: each lookup in time, the "
              "verdict of a probe straight to the lab's resolver",
              rc == rc0 and verdict(out) == verdict(out0),
              "exit %d, %s/%s" % (rc, verdict(out), reason))
    finally:
        fwd.close()


def test_too_slow():
    """5 s per answer, longer than the check's wait: dead, said when the
    wait is over, as before."""
    fwd = SlowForwarder(5.0)
    try:
        rc, out, err, secs = probe(fwd.at, "5s")
    finally:
        fwd.close()
    print("  # 5 s resolver: exit %d, %.2f s" % (rc, secs))
    check("5 s resolver: exit 70, called dead",
          rc == 70 and "the DNS resolver %s does not answer" % fwd.at in
          " ".join(err.split()), "exit %d, %r" % (rc, err[-300:]))
    check("5 s resolver: said when the 3 s wait is over (%.2f s)" % secs,
          WAIT - 0.1 <= secs < WAIT + 0.8)
    check("5 s resolver: the question sent again within the wait "
          "(%d times)" % fwd.asked, fwd.asked == 3)


def test_resolv_conf():
    """/etc/resolv.conf of dead servers and a 2.2 s one: all asked at
    once, each for the whole wait, so the slow one's answer counts (asked
    in turn, each had 0.5 s); the run forwards to it alone, so the probe
    gets the verdict of one straight to the lab's resolver (given all
    three, libunbound spent the lookups' time on the dead ones: dns_error
    after 9.5 s)."""
    fwd = SlowForwarder(2.2, SLOW_IP, 53)
    try:
        rc, out, err, secs = with_conf([HOLE, DEAD, SLOW_IP],
                                       ["probe", "--json"] + LAB +
                                       ["--timeout", "5s", "alice@ok.test"])
        print("  # resolv.conf, two dead and a 2.2 s server: exit %d, %s, "
              "%.2f s" % (rc, verdict(out), secs))
        check("resolv.conf, two dead and a 2.2 s server: not called dead",
              rc != 70 and EN not in err and verdict(out) is not None,
              "exit %d, %r" % (rc, err[-300:]))
        check("resolv.conf, two dead and a 2.2 s server: deliverable, "
              "every lookup in time", rc == 0 and
              verdict(out) == "deliverable", "exit %d, %s, %r" %
              (rc, verdict(out), err[-300:]))
    finally:
        fwd.close()
    fwd = SlowForwarder(5.0, SLOW_IP, 53)
    try:
        rc, out, err, secs = with_conf([HOLE, SLOW_IP], ["probe"] + LAB +
                                       ["--timeout", "5s", "alice@ok.test"])
    finally:
        fwd.close()
    print("  # resolv.conf, a dead and a 5 s server: exit %d, %.2f s" %
          (rc, secs))
    check("resolv.conf, a dead and a 5 s server: exit 70, both named, when "
          "the wait is over", rc == 70 and
          "no DNS resolver of /etc/resolv.conf (%s, %s) answers" %
          (HOLE, SLOW_IP) in " ".join(err.split()) and secs < WAIT + 0.8,
          "exit %d, %.2f s, %r" % (rc, secs, err[-300:]))


def test_resolv_conf_grace():
    """A 2.5 s server first in /etc/resolv.conf, a fast one second, both
    answering the root's SOA (forwarders to the lab's resolver that make
    its REFUSED a NOERROR, as a resolver of the internet answers): once the
    fast one has answered the check, the other has 0.2 s more
    (DNS_ALIVE_GRACE_MS), not the whole wait, and answering later it is
    left out of the run: asked the check's question alone.  2.5 s, inside
    the 3 s wait, so that awaiting it would cost 2.3 s more than the
    grace: the time compared keeps a margin of over a second either way
    on a loaded machine (a 0.6 s server left 0.4 s, and load once passed
    it).  (The lab's own REFUSED would give it 1 s:
    test_resolver_refused.py.)"""
    rc0, out0, err0, secs0 = probe(RESOLVER, "5s")
    fast = SlowForwarder(0, FAST_IP, 53, mangle=root_answered)
    fwd = SlowForwarder(GRACE_SLOW, SLOW_IP, 53, mangle=root_answered)
    try:
        rc, out, err, secs = with_conf([SLOW_IP, FAST_IP],
                                       ["probe", "--json"] + LAB +
                                       ["--timeout", "5s", "alice@ok.test"])
    finally:
        fwd.close()
        fast.close()
    print("  # resolv.conf, a %.1f s server and a fast one: exit %d, %s, "
          "%.2f s (%.2f s straight), %d questions at the slow one" %
          (GRACE_SLOW, rc, verdict(out), secs, secs0, fwd.asked))
    check("resolv.conf, a slow server and a fast one: deliverable",
          rc == rc0 == 0 and verdict(out) == "deliverable",
          "exit %d, %s, %r" % (rc, verdict(out), err[-300:]))
    check("resolv.conf, a slow server and a fast one: the slow one asked "
          "the check's question alone", fwd.asked == 1 and
          list(fwd.questions)[0].startswith(b"\x00\x00\x06\x00\x01"),
          list(fwd.questions)[:5])
    check("resolv.conf, a slow server and a fast one: its answer not "
          "awaited (%.2f s, %.2f s straight)" % (secs, secs0),
          secs < secs0 + GRACE_SLOW - 1.0)


# What the check counts as a reply: (what, the answer made of (question,
# answer), counted).  A reply is a datagram from the server asked with the
# question's ID and the QR bit; one that does not parse any further counts.
REPLIES = [
    ("the header alone (does not parse)", lambda q, a: a[:12], True),
    ("another ID", lambda q, a: bytes([a[0] ^ 0x55, a[1]]) + a[2:], False),
    ("the question echoed (no QR bit)", lambda q, a: q, False),
    ("a datagram shorter than a header", lambda q, a: a[:11], False),
]


def test_what_counts():
    for what, mangle, counted in REPLIES:
        fwd = SlowForwarder(0, mangle=mangle)
        try:
            rc, out, err, secs = probe(fwd.at, "5s")
        finally:
            fwd.close()
        print("  # %s: exit %d, %.2f s" % (what, rc, secs))
        if counted:
            check("%s: a reply, the probe goes on (deliverable)" % what,
                  rc == 0 and verdict(out) == "deliverable" and
                  EN not in err, "exit %d, %r" % (rc, err[-300:]))
        else:
            check("%s: not a reply, called dead when the wait is over" %
                  what, rc == 70 and EN in err and secs >= WAIT - 0.1,
                  "exit %d, %.2f s, %r" % (rc, secs, err[-300:]))


def test_no_network():
    """No network at all (a network namespace whose loopback is down):
    nothing can be sent, so the resolver is called dead at once."""
    rc, out, err, secs = run(["probe", "--resolver", RESOLVER] + LAB +
                             ["alice@ok.test"], before=["unshare", "-n"])
    print("  # no network: exit %d, %.2f s" % (rc, secs))
    check("no network: exit 70 at once (%.2f s)" % secs,
          rc == 70 and EN in err and secs < 1.0,
          "exit %d, %r" % (rc, err[-300:]))


def main():
    for t in (test_slow_resolver, test_too_slow, test_resolv_conf,
              test_resolv_conf_grace,
              test_what_counts, test_no_network):
        guarded(t)
    return finish("test_resolver_slow")


if __name__ == "__main__":
    sys.exit(main())
