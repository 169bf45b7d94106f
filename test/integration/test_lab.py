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

from labcheck import RESOLVER, RUN, check, failures


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


def rcpt(host, addr, utf8=False, text=False):
    s = smtplib.SMTP(timeout=8, local_hostname="probe.lab.test")
    try:
        s.connect(host, 25)
        s.ehlo()
        s.mail("probe@lab.test", ["SMTPUTF8"] if utf8 else [])
        if utf8:
            s.command_encoding = "utf-8"
        r = s.rcpt(addr)
        return (r[0], r[1].decode("utf-8", "replace")) if text else r[0]
    finally:
        try:
            s.quit()
        except smtplib.SMTPException:
            pass


def raw(host, lines, wait=0.4, limit=65536):
    """Everything a server sends for the given command lines, each sent
    after `wait` seconds of the server's output (bounded)."""
    out = b""
    with socket.create_connection((host, 25), timeout=3) as s:
        for line in [None] + lines:
            if line is not None:
                s.sendall(line + b"\r\n")
            end = time.monotonic() + wait
            while time.monotonic() < end and len(out) < limit:
                s.settimeout(max(0.05, end - time.monotonic()))
                try:
                    chunk = s.recv(4096)
                except socket.timeout:
                    break
                if not chunk:
                    return out
                out += chunk
    return out


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
            ("127.0.25.11", "alice@rhsbl.test", 554),
            ("127.0.25.12", "alice@rcptdbl.test", 554),
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
    # the server waits 3 s before its banner: at least that long (a
    # loaded machine only adds time; the 8 s timeout bounds the rest)
    check("slow banner takes about 3 s", isinstance(waited, float) and
          waited >= 2.5, waited)
    time.sleep(1.5)  # postlogd writes asynchronously
    after = open(log, errors="replace").read().count(" connect from ")
    check("postfix.log counts the sessions", after - before >= 10,
          "%d new" % (after - before))

    print("scripted servers")
    addr = "grey-%d-%d@retry.test" % (os.getpid(), int(time.time()))
    # The second try is refused only within 3 s of the first RCPT; a
    # loaded machine may take longer to make it.  Both tries fell within
    # t0..t1: when that is under 3 s the greylister owes a 450; else the
    # clock here cannot tell which side of 3 s the server saw.
    t0 = time.monotonic()
    first = rcpt("127.0.26.7", addr)
    again = rcpt("127.0.26.7", addr)
    t1 = time.monotonic()
    soon = {450} if t1 - t0 < 3 else {450, 250}
    time.sleep(3.2)
    later = rcpt("127.0.26.7", addr)
    check("greylister: 450, %s, then 250 after 3 s" % sorted(soon),
          first == 450 and again in soon and later == 250,
          (first, again, later))
    check("normal server rejects unknown users",
          rcpt("127.0.26.8", "nobody@pipelining.test") == 550)
    check("127.0.27.1 refuses", connect_outcome("127.0.27.1") == "refused")
    for bh in ("127.0.27.2", "127.0.27.4"):
        got = connect_outcome(bh)
        check("%s blackhole: connect times out" % bh, got == "timeout", got)
    check("silent server accepts connections",
          connect_outcome("127.0.26.1") == "connected")

    for host, mode in (("127.0.26.%d" % i, m) for i, m in enumerate(
            ["trickle", "midclose", "codechange", "barelf", "heloonly",
             "picky", "catchall", "toomany", "multiline", "ansi"], 10)):
        check("%s (%s) accepts connections" % (host, mode),
              connect_outcome(host) == "connected")
    got = raw("127.0.26.10", [], wait=2.5)
    check("trickle: at most 3 bytes in 2.5 s, no line end",
          1 <= len(got) <= 3 and b"\n" not in got, got)
    got = raw("127.0.26.11", [b"EHLO probe.lab.test"])
    check("midclose: EHLO reply cut off, then closed",
          got.endswith(b"250-SI") and b"250 " not in got.split(b"\r\n", 1)[1],
          got[-80:])
    got = raw("127.0.26.12", [b"EHLO probe.lab.test", b"MAIL FROM:<>",
                              b"RCPT TO:<user@codechange.test>"])
    check("codechange: 250- then 550 in one RCPT reply",
          b"250-2.1.5" in got and b"\r\n550 5.1.1" in got, got[-160:])
    got = raw("127.0.26.13", [b"EHLO probe.lab.test"])
    check("barelf: replies end in bare LF", b"\n" in got and b"\r" not in got,
          got[:80])
    got = raw("127.0.26.14", [b"EHLO probe.lab.test", b"HELO probe.lab.test"])
    check("heloonly: 502 to EHLO, 250 to HELO",
          b"\r\n502 " in got and got.endswith(b"250 mx.heloonly.test\r\n"),
          got)
    check("picky: 250 for a person-like local part",
          rcpt("127.0.26.15", "whoever@picky.test") == 250)
    check("picky: 550 for a random local part",
          rcpt("127.0.26.15", "mxtrace-3f9a2c81d0e4@picky.test") == 550)
    check("catchall mode: 250 for a random local part",
          rcpt("127.0.26.16", "mxtrace-3f9a2c81d0e4@anyrcpt.test") == 250)
    got = raw("127.0.26.17", [b"EHLO probe.lab.test", b"MAIL FROM:<>",
                              b"RCPT TO:<user@toomany.test>",
                              b"RCPT TO:<bob@toomany.test>"])
    check("toomany: second RCPT 452 4.5.3",
          got.endswith(b"250 2.1.5 Ok\r\n452 4.5.3 Error: too many "
                       b"recipients\r\n"), got[-120:])
    got = raw("127.0.26.18", [b"EHLO probe.lab.test", b"MAIL FROM:<>",
                              b"RCPT TO:<nobody@multiline.test>"])
    check("multiline: 550 5.1.1 in three lines",
          got.count(b"550-5.1.1 ") == 2 and b"\r\n550 5.1.1 " in got,
          got[-300:])
    got = raw("127.0.26.19", [])
    check("ansi: banner with NUL, BEL and ESC",
          got.startswith(b"220 ") and all(c in got for c in
                                          (b"\x00", b"\x07", b"\x1b[2J")),
          got)

    print("Exim")
    for host, addr, want, text in [
            ("127.0.29.1", "alice@exim.test", 250, "Accepted"),
            ("127.0.29.1", "nobody@exim.test", 550, "Unrouteable address"),
            ("127.0.29.1", "nobody@eximfail.test", 550, "Unknown user"),
            ("127.0.29.1", "alice@eximgrey.test", 451, "Greylisted"),
            ("127.0.29.1", "whoever@eximcatch.test", 250, "Accepted"),
            ("127.0.29.1", "alice@eximrelay.test", 550, "relay not permitted"),
            ("127.0.29.1", "alice@eximadmin.test", 550,
             "Administrative prohibition"),
            ("127.0.29.2", "alice@eximbl.test", 550,
             "is listed at zen.dnsbl.test"),
            ("127.0.29.4", "alice@eximsync.test", 250, "Accepted")]:
        try:
            got = rcpt(host, addr, text=True)
        except (OSError, smtplib.SMTPException) as e:
            got = (e, "")
        check("%s RCPT %s -> %d %s" % (host, addr, want, text),
              got[0] == want and text in got[1], got)
    got = raw("127.0.29.3", [])
    check("127.0.29.3 rejects at connect: in a black list at zen.dnsbl.test",
          got.startswith(b"550-") and b"black list at zen.dnsbl.test" in got,
          got)
    got = raw("127.0.29.1", [b"EHLO probe.lab.test"])
    check("127.0.29.1 offers PIPELINING and STARTTLS",
          b"250-PIPELINING" in got and b"STARTTLS" in got, got)
    got = raw("127.0.29.4", [b"EHLO probe.lab.test"])
    check("127.0.29.4 offers no PIPELINING",
          b"PIPELINING" not in got and b"mx.eximsync.test" in got, got)

    print("test_lab: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
