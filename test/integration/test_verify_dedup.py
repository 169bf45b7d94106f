#!/usr/bin/env python3
"""test_verify_dedup.py - `mxtrace verify` probes each address once,
watched by a server that writes down every RCPT.

The test runs its own SMTP server on 127.0.25.1 at a free port and points
verify at it with --port (the lab's ok.test has its MX there).  The server
accepts local parts starting with "ok" and refuses the others, and keeps
the path of each RCPT it was sent, so the checks count probes exactly.

Covers: a duplicate row whose domain is written in other letters keeps its
own address text in its record (the original's text would tell the reader
the list held something it did not).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading

from labcheck import BIN, RESOLVER, check, finish, guarded, \
    numbers as NUMBERS, whole_lines

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--helo", "dedup.lab.test", "--timeout", "5s", "-q",
        "--no-catch-all-check"]
TMP = tempfile.mkdtemp(prefix="mxtrace-dedup-")


class RcptLog:
    """An SMTP server on ip at port (0: a free one) that keeps each RCPT's
    path; local parts starting with "ok" (any case) are accepted."""

    def __init__(self, ip="127.0.25.1", port=0):
        self.lock = threading.Lock()
        self.rcpts = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((ip, port))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.session, args=(c,),
                             daemon=True).start()

    def session(self, c):
        try:
            c.settimeout(30)
            self.serve(c)
        except OSError:
            pass
        finally:
            c.close()

    def serve(self, c):
        f = c.makefile("rb")
        c.sendall(b"220 mx.dedup.test ESMTP\r\n")
        for line in f:
            cmd = line.strip()
            word = cmd[:4].upper()
            if word == b"EHLO":
                out = b"250-mx.dedup.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
            elif word == b"RCPT":
                rcpt = cmd.split(b"<", 1)[-1].split(b">", 1)[0].decode()
                with self.lock:
                    self.rcpts.append(rcpt)
                out = (b"250 2.1.5 Ok\r\n" if rcpt.lower().startswith("ok")
                       else b"550 5.1.1 User unknown\r\n")
            elif word == b"QUIT":
                c.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                out = b"250 2.0.0 Ok\r\n"
            c.sendall(out)

    def taken(self):
        """The RCPT paths so far, forgotten after."""
        with self.lock:
            out, self.rcpts = self.rcpts, []
        return out

    def close(self):
        self.sock.close()


def write_list(name, rows):
    src = os.path.join(TMP, name + ".txt")
    with open(src, "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
    return src


def verify(srv, src, out, *extra, timeout=120):
    return subprocess.run(BASE + ["--port", str(srv.port), "-o", out] +
                          list(extra) + [src], capture_output=True,
                          timeout=timeout)


def test_own_text():
    rows = ["ok.ann@ok.test", "ok.ann@Ok.Test", "no.bob@OK.TEST",
            "no.bob@ok.test"]
    srv = RcptLog()
    try:
        src = write_list("own", rows)
        out = os.path.join(TMP, "own.jsonl")
        p = verify(srv, src, out)
        rcpts = srv.taken()
    finally:
        srv.close()
    recs = {r["row"]: r for r in whole_lines(out)}
    check("own text: exit 0, one record per row",
          p.returncode == 0 and sorted(recs) == [1, 2, 3, 4],
          "rc %d %s %s" % (p.returncode, sorted(recs), p.stderr[-300:]))
    check("own text: one RCPT per address (%d for %d rows)" %
          (len(rcpts), len(rows)), len(rcpts) == 2, str(rcpts))
    got = [(recs[i]["address"], recs[i]["duplicate_of"]) for i in sorted(recs)]
    check("own text: each record holds its row's address as written",
          got == [(rows[0], None), (rows[1], 1), (rows[2], None),
                  (rows[3], 3)], str(got))


def main():
    for fn in [test_own_text]:
        guarded(fn)
    return finish("test_verify_dedup")


if __name__ == "__main__":
    sys.exit(main())
