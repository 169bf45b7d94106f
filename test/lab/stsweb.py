#!/usr/bin/env python3
"""stsweb.py - the lab's MTA-STS policy server: HTTPS on ADDR:443 with a
certificate from the lab CA, answering /.well-known/mta-sts.txt by the
Host header (mta-sts.DOMAIN):

  stsenforce   mode enforce, mx mx1.ok.test and *.ok.test (matches)
  stsmismatch  mode enforce, mx mail.elsewhere.test (the MX is not in it)
  stsname      mode enforce, mx mx.stsname.test (listed, but the MX's
               certificate does not carry that name)
  ststesting   mode testing, mx mail.elsewhere.test
  stsredirect  301 to https://elsewhere.test/policy
  stsloop      302 to itself
  stsbig       a 10 MB policy
  stsmix       enforce, lines ending in CRLF and LF mixed, 1,000 mx lines
               (mx1.ok.test among the first)
  stsbad       a policy without max_age (invalid)

Anything else: 404.  Each answer is bounded; nothing received is kept.
"""

import argparse
import http.server
import os
import signal
import socketserver
import ssl
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labserve import write_pidfile  # noqa: E402

BIG = 10 * 1024 * 1024


def policy(name):
    """(status, headers, body) for the policy of mta-sts.NAME."""
    text = {"Content-Type": "text/plain"}
    if name == "stsenforce":
        return 200, text, (b"version: STSv1\r\nmode: enforce\r\n"
                           b"mx: mx1.ok.test\r\nmx: *.ok.test\r\n"
                           b"max_age: 86400\r\n")
    if name == "stsmismatch":
        return 200, text, (b"version: STSv1\r\nmode: enforce\r\n"
                           b"mx: mail.elsewhere.test\r\nmax_age: 86400\r\n")
    if name == "stsname":
        return 200, text, (b"version: STSv1\r\nmode: enforce\r\n"
                           b"mx: mx.stsname.test\r\nmax_age: 86400\r\n")
    if name == "ststesting":
        return 200, text, (b"version: STSv1\r\nmode: testing\r\n"
                           b"mx: mail.elsewhere.test\r\nmax_age: 600\r\n")
    if name == "stsredirect":
        return 301, {"Location": "https://elsewhere.test/policy"}, b""
    if name == "stsloop":
        return 302, {"Location": "https://mta-sts.stsloop.test"
                     "/.well-known/mta-sts.txt"}, b""
    if name == "stsbig":
        return 200, text, None
    if name == "stsmix":
        lines = [b"version: STSv1\r\n", b"mode: enforce\n",
                 b"mx: mx1.ok.test\r\n", b"max_age: 3600\n"]
        lines += [b"mx: mx%d.other.test%s" % (i, b"\r\n" if i % 2 else b"\n")
                  for i in range(999)]
        return 200, text, b"".join(lines)
    if name == "stsbad":
        return 200, text, (b"version: STSv1\r\nmode: enforce\r\n"
                           b"mx: mx1.ok.test\r\n")
    return 404, text, b"no such policy\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    timeout = 30

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        name = host[len("mta-sts."):-len(".test")] \
            if host.startswith("mta-sts.") and host.endswith(".test") else ""
        if self.path != "/.well-known/mta-sts.txt":
            name = ""
        status, headers, body = policy(name)
        sys.stderr.write("stsweb: GET %s%s -> %d\n" % (host, self.path[:100],
                                                       status))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(BIG if body is None
                                               else len(body)))
        self.end_headers()
        try:
            if body is None:
                chunk = b"mx: x.test\n" * 6000
                sent = 0
                while sent < BIG:
                    part = chunk[:BIG - sent]
                    self.wfile.write(part)
                    sent += len(part)
            else:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass

    def log_message(self, fmt, *args):
        sys.stderr.write("stsweb: %s %s\n" % (self.address_string(),
                                              fmt % args))


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--pidfile")
    ap.add_argument("addr")
    opts = ap.parse_args()
    srv = Server((opts.addr, 443), Handler)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(opts.cert, opts.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    write_pidfile(opts.pidfile)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sys.stderr.write("stsweb: listening on %s:443\n" % opts.addr)
    srv.serve_forever()


if __name__ == "__main__":
    main()
