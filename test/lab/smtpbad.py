#!/usr/bin/env python3
"""smtpbad.py - SMTP servers that misbehave on purpose, for the mxtrace lab.

One process serves several listeners, each ADDR:PORT=MODE (IPv6 as
[::1]:25=MODE).  Modes:

  silent      accepts the connection and never sends a banner
  endless     normal banner, then an endless 250- reply to EHLO/HELO
  longline    a 1 MB banner line without CRLF, then silence
  busy        421 at the banner, then closes
  banned      554 5.7.1 at the banner (names zen.dnsbl.test), 503 until QUIT
  tlsgarbage  offers STARTTLS, answers 220 and then sends garbage, not TLS
  inject      offers STARTTLS, sends plaintext right after the 220 in the
              same write, then a real TLS handshake (the lab certificate)
  greylist    450 4.7.1 to a known recipient until --grey-delay seconds have
              passed since its first try, then 250
  normal      a well-behaved server: PIPELINING, STARTTLS, known users
  blackhole   not SMTP: a listen backlog of 0 filled by one connection of
              its own that is never accepted, so later SYNs are dropped and
              connects time out
  trickle     sends its banner one byte a second, forever (never a line)
  midclose    closes the connection in the middle of the multi-line EHLO
              reply
  codechange  a known recipient gets "250-..." then "550 ..." in one reply
  barelf      a normal server whose every reply line ends in a bare LF
  heloonly    502 to EHLO, 250 to HELO (the client must fall back)
  picky       250 to any recipient except one that looks machine-made (a
              run of 8+ letters and digits holding 3+ digits, such as a
              verifier's random catch-all probe): 550 5.1.1
  catchall    250 to every recipient
  toomany     one recipient per transaction: the second RCPT gets
              452 4.5.3; local parts starting with "limit" always get it
  multiline   unknown recipients get a 3-line 550 5.1.1 reply (Gmail's
              wording)
  ansi        a banner holding a NUL byte and ANSI escape sequences, then
              a normal session
  extra       one unsolicited line (250 2.0.0) in the same write as its
              EHLO reply
  shift       the same line 0.3 s after the EHLO reply, alone: a client
              that pairs replies blindly is one reply behind from then on
  tlsearly    offers STARTTLS; right after the handshake, before the
              client's EHLO, sends "250-EARLY" / "250 STARTTLS"
  pipeextra   answers every RCPT twice (more replies than commands)
  nospace     the banner "220OK" (no space after the code)
  barecr      a banner holding a bare CR inside the line
  tlsrefused  offers STARTTLS and answers it 454 4.7.0 TLS not available
  bytes       RCPT for local part CLASS gets a 550 holding that hostile
              byte class (BYTE_CLASSES: nul, c0, c1, esc, lf, cr, badutf8,
              ls, bidi, formula, plus, at, long, longcjk, gbk, gbkfull,
              latin1); others 550 5.1.1

Known recipients (250): local parts alice, bob, user, and anything that
starts with "grey" (use grey-<unique>@retry.test for repeatable greylisting
tests).  Anything else: 550 5.1.1 User unknown.  Every session is bounded in
time, line length and output; nothing received is stored.
"""

import argparse
import asyncio
import os
import re
import signal
import socket
import ssl
import sys
import time

KNOWN = {"alice", "bob", "user"}
TLS_MODES = ("tlsgarbage", "inject", "normal", "barelf", "ansi", "tlsearly",
             "tlsrefused")
LINE_MAX = 4096
IDLE_TIMEOUT = 60.0
SESSION_MAX = 300.0
ENDLESS_MAX = 256 * 1024 * 1024
MAX_CLIENTS = 256
GREY_MAX_ENTRIES = 100000

# The 550 replies of the "bytes" mode, by local part: every byte class a
# record must carry through JSON, resume, CSV and the report.
BYTE_CLASSES = {
    "nul": b"550 5.1.1 a\x00b\r\n",
    "c0": b"550 5.1.1 a\x01\x02\x07\x08\x0b\x0c\x7fb\r\n",
    "c1": b"550 5.1.1 a\xc2\x80\xc2\x85\xc2\x9bb\r\n",
    "esc": b"550 5.1.1 \x1b[2J\x1b[31mred\x1b]0;title\x07\x1b[0m\r\n",
    "lf": b"550-5.1.1 line one\r\n550 5.1.1 line two\r\n",
    "cr": b"550 5.1.1 a\rb\r\n",
    "badutf8": b"550 5.1.1 caf\xe9 \xff\xfe \xc3\r\n",
    "ls": "550 5.1.1 a\u2028b\u2029c\r\n".encode(),
    "bidi": "550 5.1.1 \u202eevil\u202c \u2066x\u2069\r\n".encode(),
    "formula": b'550 =HYPERLINK("http://x.test","y")\r\n',
    "plus": b"550 5.1.1 +1+1\r\n",
    "at": b"550 5.1.1 @SUM(A1)\r\n",
    "long": b"550 5.1.1 " + b"x" * 2000 + b"\r\n",
    "longcjk": "550 5.1.1 {}\r\n".format("\u5173" * 1000).encode(),
    # a Chinese server's replies in GBK, not UTF-8 (no enhanced code: only
    # the words say the mailbox does not exist / is full)
    "gbk": "550 用户不存在\r\n".encode("gbk"),
    "gbkfull": "552-邮箱已满\r\n552 请稍后再试\r\n".encode("gbk"),
    # Latin-1, not Chinese: its bytes stay as they were
    "latin1": b"550 Benutzer M\xfcller unbekannt\r\n",
}

grey_first_seen = {}
clients = 0
MACHINE_MADE = re.compile(r"[a-z0-9]{8,}")
TRICKLE_MAX = 3600
GMAIL_550 = ("550-5.1.1 The email account that you tried to reach does not "
             "exist. Please try\r\n"
             "550-5.1.1 double-checking the recipient's email address for "
             "typos or\r\n"
             "550 5.1.1 unnecessary spaces. https://support.google.com/mail/"
             "?p=NoSuchUser lab\r\n")


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def known_rcpt(addr):
    local = addr.split("@", 1)[0].lower()
    return local in KNOWN or local.startswith("grey")


def machine_made(local):
    """A local part a person would not choose: 8+ alnums with 3+ digits."""
    return any(sum(c.isdigit() for c in run) >= 3
               for run in MACHINE_MADE.findall(local))


def rcpt_address(arg):
    """The address inside TO:<...>, lowercased; '' when malformed."""
    lo = arg.find("<")
    hi = arg.find(">", lo + 1)
    if lo < 0 or hi < 0:
        return ""
    return arg[lo + 1:hi].lower()


class Session:
    def __init__(self, mode, opts, reader, writer):
        self.mode = mode
        self.opts = opts
        self.reader = reader
        self.writer = writer
        self.tls = False
        self.name = "mx.%s.test" % mode
        self.rcpts = 0

    async def send(self, data):
        data = data.encode() if isinstance(data, str) else data
        if self.mode == "barelf":
            data = data.replace(b"\r\n", b"\n")
        self.writer.write(data)
        await self.writer.drain()

    async def readline(self):
        """One command line without CRLF, or None on EOF/overlong/idle."""
        try:
            line = await asyncio.wait_for(self.reader.readuntil(b"\n"),
                                          IDLE_TIMEOUT)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                asyncio.TimeoutError, ConnectionError, ssl.SSLError):
            return None
        return line.rstrip(b"\r\n").decode("utf-8", "replace")

    async def hold(self):
        """Say nothing until the client goes away (or the session bound)."""
        try:
            await asyncio.wait_for(self.reader.read(), IDLE_TIMEOUT)
        except (asyncio.TimeoutError, ConnectionError):
            pass

    def ehlo_lines(self):
        lines = [self.name, "PIPELINING", "SIZE 10240000", "8BITMIME",
                 "ENHANCEDSTATUSCODES"]
        if not self.tls and self.mode in TLS_MODES \
                and self.opts.tls_ctx is not None:
            lines.insert(4, "STARTTLS")
        return "".join("250%s%s\r\n" % ("-" if i < len(lines) - 1 else " ", l)
                       for i, l in enumerate(lines))

    async def endless(self):
        chunk = b"250-endless reply line, it never ends\r\n" * 2000
        sent = 0
        try:
            while sent < ENDLESS_MAX:
                self.writer.write(chunk)
                await asyncio.wait_for(self.writer.drain(), IDLE_TIMEOUT)
                sent += len(chunk)
        except (asyncio.TimeoutError, ConnectionError):
            pass

    async def starttls(self):
        if self.mode == "tlsgarbage":
            # Answer the client's ClientHello (not the 220: bytes sent
            # with it would count as injection) with plain text whose
            # first byte is no TLS record type, so the handshake fails.
            await self.send("220 2.0.0 Ready to start TLS\r\n")
            try:
                await asyncio.wait_for(self.reader.read(1), IDLE_TIMEOUT)
            except (asyncio.TimeoutError, ConnectionError):
                return False
            await self.send(b"this is not a TLS handshake\r\n" * 64)
            await self.hold()
            return False
        if self.mode == "tlsrefused":
            await self.send("454 4.7.0 TLS not available\r\n")
            return True
        if self.mode == "inject":
            # Plaintext after the 220 in the same write (RFC 3207 attack).
            self.writer.write(b"220 2.0.0 Ready to start TLS\r\n"
                              b"250 2.0.0 injected before the handshake\r\n")
        else:
            self.writer.write(b"220 2.0.0 Ready to start TLS\r\n")
        try:
            await asyncio.wait_for(
                self.writer.start_tls(self.opts.tls_ctx), IDLE_TIMEOUT)
        except (asyncio.TimeoutError, ConnectionError, ssl.SSLError, OSError):
            return False
        self.tls = True
        if self.mode == "tlsearly":
            await self.send("250-EARLY\r\n250 STARTTLS\r\n")
        return True

    async def rcpt(self, arg):
        addr = rcpt_address(arg)
        if not addr or "@" not in addr:
            return "501 5.1.3 Bad recipient address syntax\r\n"
        self.rcpts += 1
        local = addr.split("@", 1)[0]
        if self.mode == "catchall":
            return "250 2.1.5 Ok\r\n"
        if self.mode == "picky":
            if machine_made(local):
                return "550 5.1.1 <%s>: Recipient address rejected: " \
                       "User unknown\r\n" % addr
            return "250 2.1.5 Ok\r\n"
        if self.mode == "toomany" and (self.rcpts > 1 or
                                       local.startswith("limit")):
            return "452 4.5.3 Error: too many recipients\r\n"
        if self.mode == "multiline" and not known_rcpt(addr):
            return GMAIL_550
        if self.mode == "bytes":
            return BYTE_CLASSES.get(local, "550 5.1.1 <%s>: Recipient address "
                                    "rejected: User unknown\r\n" % addr)
        if self.mode == "pipeextra":
            return "250 2.1.5 Ok\r\n250 2.1.5 Ok again\r\n"
        if self.mode == "codechange" and known_rcpt(addr):
            return "250-2.1.5 <%s> looks fine\r\n" \
                   "550 5.1.1 <%s>: but it is unknown after all\r\n" % (
                       addr, addr)
        if not known_rcpt(addr):
            return "550 5.1.1 <%s>: Recipient address rejected: " \
                   "User unknown\r\n" % addr
        if self.mode != "greylist":
            return "250 2.1.5 Ok\r\n"
        now = time.monotonic()
        if len(grey_first_seen) >= GREY_MAX_ENTRIES:
            grey_first_seen.clear()
        first = grey_first_seen.setdefault(addr, now)
        if now - first < self.opts.grey_delay:
            return "450 4.7.1 <%s>: Recipient address rejected: " \
                   "Greylisted, try again in %d seconds\r\n" % (
                       addr, int(self.opts.grey_delay - (now - first)) + 1)
        return "250 2.1.5 Ok\r\n"

    async def run(self):
        mode = self.mode
        if mode == "silent":
            await self.hold()
            return
        if mode == "longline":
            await self.send(b"220 " + b"x" * (1024 * 1024))
            await self.hold()
            return
        if mode == "busy":
            await self.send("421 4.3.2 %s Service not available, closing "
                            "transmission channel\r\n" % self.name)
            return
        if mode == "banned":
            await self.send("554 5.7.1 Service unavailable; Client host "
                            "blocked using zen.dnsbl.test\r\n")
            while True:
                line = await self.readline()
                if line is None:
                    return
                if line.upper().startswith("QUIT"):
                    await self.send("221 2.0.0 Bye\r\n")
                    return
                await self.send("503 5.5.1 No SMTP service here\r\n")
        if mode == "trickle":
            for i in range(TRICKLE_MAX):
                await self.send(b"220 mx.trickle.test ESMTP"[i:i + 1] or b".")
                await asyncio.sleep(1)
            return
        if mode == "ansi":
            await self.send(b"220 mx.ansi.test ESMTP \x00nul \x1b[2J\x1b[H"
                            b"\x1b[31mred\x1b[0m \x07bell\r\n")
        elif mode == "nospace":
            await self.send("220OK\r\n")
        elif mode == "barecr":
            await self.send("220 mx.barecr.test a\rb\r\n")
        else:
            await self.send("220 %s ESMTP lab (%s)\r\n" % (self.name, mode))
        while True:
            line = await self.readline()
            if line is None:
                return
            verb = line[:4].upper()
            arg = line[5:] if len(line) > 4 else ""
            if verb in ("EHLO", "HELO"):
                if mode == "endless":
                    await self.endless()
                    return
                if mode == "midclose":
                    await self.send("250-%s\r\n250-PIPELINING\r\n250-SI"
                                    % self.name)
                    return
                if mode == "heloonly" and verb == "EHLO":
                    await self.send("502 5.5.2 Error: command not "
                                    "recognized\r\n")
                elif verb == "HELO":
                    await self.send("250 %s\r\n" % self.name)
                elif mode == "extra":
                    await self.send(self.ehlo_lines() +
                                    "250 2.0.0 unsolicited\r\n")
                else:
                    await self.send(self.ehlo_lines())
                if mode == "shift":
                    await asyncio.sleep(0.3)
                    await self.send("250 2.0.0 unsolicited\r\n")
            elif line.upper() == "STARTTLS":
                if self.tls or mode not in TLS_MODES \
                        or self.opts.tls_ctx is None:
                    await self.send("502 5.5.1 STARTTLS not available\r\n")
                elif not await self.starttls():
                    return
            elif verb == "MAIL":
                self.rcpts = 0
                await self.send("250 2.1.0 Ok\r\n")
            elif verb == "RCPT":
                await self.send(await self.rcpt(arg))
            elif verb == "DATA":
                await self.send("554 5.5.1 The lab accepts no data\r\n")
            elif verb == "RSET":
                self.rcpts = 0
                await self.send("250 2.0.0 Ok\r\n")
            elif verb == "NOOP":
                await self.send("250 2.0.0 Ok\r\n")
            elif verb == "QUIT":
                await self.send("221 2.0.0 Bye\r\n")
                return
            else:
                await self.send("502 5.5.2 Error: command not recognized\r\n")


def handler(mode, opts):
    async def handle(reader, writer):
        global clients
        if clients >= MAX_CLIENTS:
            writer.close()
            return
        clients += 1
        try:
            await asyncio.wait_for(Session(mode, opts, reader, writer).run(),
                                   SESSION_MAX)
        except (asyncio.TimeoutError, ConnectionError, ssl.SSLError, OSError):
            pass
        finally:
            clients -= 1
            try:
                writer.close()
            except (ConnectionError, OSError):
                pass
    return handle


def split_listener(spec):
    where, _, mode = spec.rpartition("=")
    host, _, port = where.rpartition(":")
    return host.strip("[]"), int(port), mode


def blackhole(host, port):
    """A listener whose accept queue is full forever: connects time out."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    lsock = socket.socket(family, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen(0)
    filler = socket.socket(family, socket.SOCK_STREAM)
    filler.settimeout(2)
    filler.connect((host, port))
    return [lsock, filler]


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--grey-delay", type=float, default=3.0)
    ap.add_argument("--pidfile")
    ap.add_argument("listeners", nargs="+", metavar="ADDR:PORT=MODE")
    opts = ap.parse_args()
    opts.tls_ctx = None
    if opts.cert and opts.key:
        opts.tls_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        opts.tls_ctx.load_cert_chain(opts.cert, opts.key)

    keep = []
    for spec in opts.listeners:
        host, port, mode = split_listener(spec)
        if mode == "blackhole":
            keep.extend(blackhole(host, port))
        else:
            keep.append(await asyncio.start_server(
                handler(mode, opts), host, port, limit=LINE_MAX,
                reuse_address=True))
        log("listening on %s:%d (%s)" % (host, port, mode))

    if opts.pidfile:
        with open(opts.pidfile + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.replace(opts.pidfile + ".tmp", opts.pidfile)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log("stopping")


if __name__ == "__main__":
    asyncio.run(main())
