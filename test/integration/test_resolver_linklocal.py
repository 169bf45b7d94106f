#!/usr/bin/env python3
"""test_resolver_linklocal - a resolv.conf server named with its interface,
"nameserver fe80::53%lo" (home routers advertise an IPv6 link-local DNS
server, and Debian's resolv.conf then holds "nameserver fe80::1%wlan0"), is
asked and resolves the run.  Before, ldns read it back without its
interface, the start-up check's connect to it failed (EINVAL), and alone in
resolv.conf the one working resolver was called dead (exit 70); beside
another server it was left out without a word.

Inside test/lab/isolated the loopback is the only interface: fe80::53/64 is
added to it (a private network namespace), and a forwarder to the lab's
Unbound listens on [fe80::53%lo]:53, answering the root's SOA as a resolver
of the internet does (NOERROR).  /etc/resolv.conf is bind-mounted in a
private mount namespace (as test_resolver_refused.py does).  --resolver
takes the same form; a link-local address without an interface, or with
one this machine does not have, is refused (exit 64)."""
import json
import os
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, SlowForwarder, check,  # noqa: E402
                      finish, guarded, root_answered)

LINK = "fe80::53"               # on lo, in the lab's own network namespace
LAB = ["--allow-private", "--timeout", "5s", "--helo", "probe.example.test"]
LAB_MX = "127.0.25.1"           # mx1.ok.test, alice@ok.test's MX
ROOT_SOA = b"\x00\x00\x06\x00\x01"  # the start-up check's question
DEAD_EN = "no DNS resolver of /etc/resolv.conf"


def run(args, conf=None):
    """mxtrace ARGS, with an /etc/resolv.conf of the lines conf if given:
    (exit status, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as d:
        before = []
        if conf is not None:
            path = os.path.join(d, "resolv.conf")
            with open(path, "w") as f:
                f.write("".join(line + "\n" for line in conf))
            before = ["unshare", "-m", "sh", "-c",
                      'mount --bind "$0" /etc/resolv.conf && exec "$@"', path]
        p = subprocess.run(before + [BIN] + args, capture_output=True,
                           timeout=120)
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))


def probe(conf=None, resolver=None):
    """probe --json alice@ok.test, through resolver or resolv.conf."""
    opts = ["--resolver", resolver] if resolver else []
    return run(["probe", "--json"] + opts + LAB + ["alice@ok.test"], conf)


def delivered(what, got):
    rc, out, err = got
    try:
        r = json.loads(out)
    except ValueError:
        r = {}
    ip = (r.get("attempts") or [{}])[0].get("ip")
    check("%s: exit 0, deliverable at the lab's MX %s" % (what, LAB_MX),
          rc == 0 and r.get("verdict") == "deliverable" and ip == LAB_MX,
          "exit %d, %s at %s, %r" % (rc, r.get("verdict"), ip, err[-300:]))


def asked_by_run(fwd):
    """How many questions other than the check's came to fwd."""
    with fwd.lock:
        return sum(n for q, n in fwd.questions.items()
                   if not q.startswith(ROOT_SOA))


def link_up():
    """fe80::53/64 on lo (nodad: usable at once); True when it is there."""
    subprocess.run(["ip", "-6", "addr", "add", LINK + "/64", "dev", "lo",
                    "nodad"], capture_output=True)
    out = subprocess.run(["ip", "-6", "addr", "show", "dev", "lo"],
                         capture_output=True, text=True).stdout
    return check("%s/64 on lo in the lab's network namespace" % LINK,
                 LINK + "/64" in out, out)


def test_resolvconf():
    """resolv.conf naming the link-local server by interface name, by
    number, and beside the lab's resolver (which refuses the check's
    question: the link-local one, answering it, must carry the run)."""
    lo = socket.if_nametoindex("lo")
    fwd = SlowForwarder(0, LINK + "%lo", 53, mangle=root_answered)
    try:
        for what, conf in (
                ("%s%%lo alone" % LINK, ["nameserver %s%%lo" % LINK]),
                ("%s%%%d alone (the interface's number)" % (LINK, lo),
                 ["nameserver %s%%%d" % (LINK, lo)]),
                ("the lab's resolver first, %s%%lo second" % LINK,
                 ["nameserver " + RESOLVER, "nameserver %s%%lo" % LINK])):
            before = asked_by_run(fwd)
            got = probe(conf)
            print("  # resolv.conf, %s: exit %d" % (what, got[0]))
            delivered("resolv.conf, " + what, got)
            check("resolv.conf, %s: nothing said of the resolver" % what,
                  DEAD_EN not in got[2], got[2][-300:])
            check("resolv.conf, %s: the run asked the link-local server "
                  "(%d questions)" % (what, asked_by_run(fwd) - before),
                  asked_by_run(fwd) > before)
    finally:
        fwd.close()


def test_unusable():
    """An interface this machine does not have: that server is said
    unusable when it is the only one (exit 70), never a crash; beside it a
    working server carries the run."""
    bad = "nameserver %s%%nosuch0" % LINK
    rc, out, err = probe([bad])
    check("resolv.conf, %s%%nosuch0 alone: exit 70, the server said "
          "unusable" % LINK, rc == 70 and "%s%%nosuch0 (no such interface)"
          % LINK in err and DEAD_EN in err, "exit %d, %r" % (rc, err[-300:]))
    long_scope = "nameserver %s%%%s" % (LINK, "x" * 200)
    rc, out, err = probe([long_scope, "#" + "y" * (1 << 20)])
    check("resolv.conf, a scope of 200 characters and a 1 MB line: exit 70, "
          "said unusable", rc == 70 and "(no such interface)" in err,
          "exit %d, %r" % (rc, err[-300:]))
    delivered("resolv.conf, %s%%nosuch0, then the lab's resolver" % LINK,
              probe([bad, "nameserver " + RESOLVER]))
    # two unusable: each one's reason in the user's words, not the last's
    rc, out, err = run(["probe", "--lang", "zh"] + LAB + ["alice@ok.test"],
                       [bad, "nameserver " + LINK])
    check("resolv.conf, two servers unusable (zh): exit 70, each reason in "
          "Chinese", rc == 70 and "%s%%nosuch0（本机没有这个网络接口）, %s（"
          "链路本地地址，未指定网络接口）" % (LINK, LINK) in err and
          "interface" not in err, "exit %d, %r" % (rc, err[-400:]))


def test_resolver_option():
    """--resolver fe80::53%lo is taken and resolves; without an interface,
    or with one not there, it is refused as the options' mistake."""
    fwd = SlowForwarder(0, LINK + "%lo", 53, mangle=root_answered)
    try:
        delivered("--resolver %s%%lo" % LINK, probe(resolver=LINK + "%lo"))
        delivered("--resolver [%s%%lo]:53 as %s%%lo@53" % (LINK, LINK),
                  probe(resolver=LINK + "%lo@53"))
    finally:
        fwd.close()
    for bad in (LINK, LINK + "%nosuch0"):
        rc, out, err = probe(resolver=bad)
        check("--resolver %s: exit 64, its form said" % bad,
              rc == 64 and "link-local IPv6 address with an interface" in
              err, "exit %d, %r" % (rc, err[-300:]))


def main():
    if link_up():
        for t in (test_resolvconf, test_unusable, test_resolver_option):
            guarded(t)
    return finish("test_resolver_linklocal")


if __name__ == "__main__":
    sys.exit(main())
