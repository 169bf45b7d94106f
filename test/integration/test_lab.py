#!/usr/bin/env python3
"""test_lab.py - checks the lab itself, without mxtrace: that each server
answers as test/lab/README.md says, so a failing case in cases.tsv points
at the program, not at the lab.  Run by test/integration/run; needs the lab
up.  Exit status 0 when every check passed.
"""

import os
import smtplib
import socket
import subprocess
import sys
import time

RESOLVER = os.environ.get("LAB_RESOLVER", "127.0.53.1")
RUN = os.environ.get("LAB_RUN", os.path.join(os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "test", "lab", "run"))
failures = []


def check(what, ok, detail=""):
    print("  %s %s%s" % ("ok  " if ok else "FAIL", what,
                         "" if ok else ": " + str(detail)))
    if not ok:
        failures.append(what)


def dig(name, rtype):
    r = subprocess.run(["dig", "+time=2", "+tries=1", "@" + RESOLVER, name,
                        rtype], capture_output=True, text=True, timeout=10)
    status = ""
    for line in r.stdout.splitlines():
        if "status:" in line:
            status = line.split("status:")[1].split(",")[0].strip()
    answers = [l.split(None, 4)[4] for l in r.stdout.splitlines()
               if l and not l.startswith(";") and len(l.split(None, 4)) == 5
               and l.split(None, 4)[3] == rtype]
    return status, answers


def rcpt(host, addr, utf8=False):
    s = smtplib.SMTP(timeout=8, local_hostname="probe.lab.test")
    try:
        s.connect(host, 25)
        s.ehlo()
        s.mail("probe@lab.test", ["SMTPUTF8"] if utf8 else [])
        if utf8:
            s.command_encoding = "utf-8"
        return s.rcpt(addr)[0]
    finally:
        try:
            s.quit()
        except smtplib.SMTPException:
            pass


def connect_outcome(host, timeout=1.0):
    try:
        socket.create_connection((host, 25), timeout=timeout).close()
        return "connected"
    except socket.timeout:
        return "timeout"
    except ConnectionRefusedError:
        return "refused"
    except OSError as e:
        return str(e)


def main():
    print("DNS")
    check("ok.test MX", dig("ok.test", "MX") == ("NOERROR", ["10 mx1.ok.test."]))
    check("nxdomain.test NXDOMAIN", dig("nxdomain.test", "MX")[0] == "NXDOMAIN")
    check("nullmx.test MX 0 .", dig("nullmx.test", "MX")[1] == ["0 ."])
    check("servfail.test SERVFAIL", dig("servfail.test", "MX")[0] == "SERVFAIL")
    check("mx.ipv6.test AAAA ::1", dig("mx.ipv6.test", "AAAA")[1] == ["::1"])
    check("IDN zone", dig("xn--fsqu00a.xn--0zwm56d", "MX")[1] ==
          ["10 mx1.ok.test."])
    check("DNSBL lists 127.0.0.1",
          dig("1.0.0.127.zen.dnsbl.test", "A")[1] == ["127.0.0.2"])
    check("names outside the lab are refused",
          dig("example.com", "A")[0] == "REFUSED")

    print("Postfix")
    log = os.path.join(RUN, "postfix.log")
    before = open(log, errors="replace").read().count(" connect from ")
    for host, addr, want in [
            ("127.0.25.1", "alice@ok.test", 250),
            ("127.0.25.1", "nobody@ok.test", 550),
            ("127.0.25.2", "alice@greylist.test", 450),
            ("127.0.25.3", "alice@blocked.test", 554),
            ("127.0.25.4", "whoever@catchall.test", 250),
            ("127.0.25.5", "carol@full.test", 552),
            ("127.0.25.7", "bob@equal.test", 250),
            ("::1", "alice@ipv6.test", 250)]:
        try:
            got = rcpt(host, addr)
        except (OSError, smtplib.SMTPException) as e:
            got = e
        check("%s RCPT %s -> %s" % (host, addr, want), got == want, got)
    try:
        got = rcpt("127.0.25.1", "用户@例子.测试", utf8=True)
    except (OSError, smtplib.SMTPException) as e:
        got = e
    check("SMTPUTF8 RCPT 用户@例子.测试 -> 250", got == 250, got)
    t0 = time.monotonic()
    try:
        s = smtplib.SMTP("127.0.25.6", 25, timeout=8)
        s.quit()
        waited = time.monotonic() - t0
    except (OSError, smtplib.SMTPException) as e:
        waited = e
    check("slow banner takes about 3 s", isinstance(waited, float) and
          2.5 <= waited < 6, waited)
    time.sleep(1.5)  # postlogd writes asynchronously
    after = open(log, errors="replace").read().count(" connect from ")
    check("postfix.log counts the sessions", after - before >= 10,
          "%d new" % (after - before))

    print("scripted servers")
    addr = "grey-%d-%d@retry.test" % (os.getpid(), int(time.time()))
    first = rcpt("127.0.26.7", addr)
    again = rcpt("127.0.26.7", addr)
    time.sleep(3.2)
    later = rcpt("127.0.26.7", addr)
    check("greylister: 450, 450, then 250 after 3 s",
          (first, again, later) == (450, 450, 250), (first, again, later))
    check("normal server rejects unknown users",
          rcpt("127.0.26.8", "nobody@pipelining.test") == 550)
    check("127.0.27.1 refuses", connect_outcome("127.0.27.1") == "refused")
    for bh in ("127.0.27.2", "127.0.27.4"):
        got = connect_outcome(bh)
        check("%s blackhole: connect times out" % bh, got == "timeout", got)
    check("silent server accepts connections",
          connect_outcome("127.0.26.1") == "connected")

    print("test_lab: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
