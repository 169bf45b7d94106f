#!/usr/bin/env python3
"""test_trust_lazy.py - the system CA bundle (25-30 ms of CPU to parse) is
read only when TLS is first needed, and once per run.

The bundle here is a copy of the lab CA named by SSL_CERT_FILE (which
OpenSSL's default paths honour; SSL_CERT_DIR an empty folder), each open
of it counted with inotify.  Checks:
  - a probe that never reaches STARTTLS (no such domain; --no-tls) opens
    it not at all;
  - a probe that does STARTTLS and fetches an MTA-STS policy over HTTPS
    opens it exactly once (the two contexts share one store), and what was
    read is what verifies: the MX certificate verified, the policy fetched
    from a server whose certificate only the lab CA vouches for;
  - verify of several TLS addresses: once for the whole run.
Prints one line per check and exits 1 when any failed.
"""

import ctypes
import json
import os
import subprocess
import sys
import tempfile
import shutil
import struct

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, RUN, check, finish,  # noqa: E402
                      guarded)

CA = os.path.join(RUN, "tls", "cafile.pem")
BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "3s",
        "--helo", "mxtrace.test"]
TMP = tempfile.mkdtemp(prefix="mxtrace-trust-")


class Bundle:
    """SSL_CERT_FILE: a copy of the lab CA, every open of it counted by
    inotify (events are queued as the opens happen, so after the process
    ended the count is complete; no timing involved).  The closes are
    watched too: inotify merges an event into an identical one just
    before it, and open, close, open, close never are."""

    IN_OPEN = 0x20
    IN_CLOSE_NOWRITE = 0x10

    def __init__(self):
        self.dir = os.path.join(TMP, "certs")
        os.makedirs(self.dir, exist_ok=True)
        self.path = os.path.join(TMP, "bundle.pem")
        shutil.copyfile(CA, self.path)
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0 or self.libc.inotify_add_watch(
                self.fd, self.path.encode(),
                self.IN_OPEN | self.IN_CLOSE_NOWRITE) < 0:
            raise OSError(ctypes.get_errno(), "inotify")

    def env(self):
        return dict(os.environ, SSL_CERT_FILE=self.path,
                    SSL_CERT_DIR=self.dir)

    def close(self):
        """After the run: how many times the bundle was opened."""
        n = 0
        while True:
            try:
                buf = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            k = 0
            while k + 16 <= len(buf):
                _, mask, _, ln = struct.unpack_from("iIII", buf, k)
                n += 1 if mask & self.IN_OPEN else 0
                k += 16 + ln
        os.close(self.fd)
        return n


def tls_of(rec):
    """The TLS of the record's first session that used it, or {}."""
    for a in rec.get("attempts") or []:
        if a.get("tls"):
            return a["tls"]
    return {}


def run(args, bundle, timeout=120):
    return subprocess.run([BIN] + args, capture_output=True, timeout=timeout,
                          env=bundle.env(), stdin=subprocess.DEVNULL)


def test_no_tls_no_bundle():
    for label, args in [
            ("no such domain", ["probe", "--json"] + BASE +
             ["alice@nxdomain.test"]),
            ("--no-tls", ["probe", "--json", "--no-tls", "--no-mta-sts"] +
             BASE + ["alice@ok.test"]),
            ("a usage error", ["probe", "--timeout", "x", "a@ok.test"])]:
        b = Bundle()
        p = run(args, b)
        n = b.close()
        check("%s: the CA bundle is not read (read %d times)" % (label, n),
              n == 0, p.stderr.decode()[-300:])


def test_tls_once():
    b = Bundle()
    p = run(["probe", "--json"] + BASE + ["alice@stsenforce.test"], b)
    n = b.close()
    try:
        d = json.loads(p.stdout)
    except ValueError:
        d = {"stderr": p.stderr.decode()[-300:]}
    tls = tls_of(d)
    sts = (d.get("tls_policy") or {}).get("mta_sts") or {}
    check("STARTTLS and MTA-STS: the bundle read once (read %d times)" % n,
          n == 1)
    check("what was read is what verifies: the MX certificate",
          d.get("verdict") == "deliverable" and tls.get("verified") is True,
          (d.get("verdict"), tls))
    check("...and the policy server's (the store is shared)",
          sts.get("policy") and sts.get("satisfied") is True, sts)


def test_verify_once():
    addrs = ["alice@ok.test", "bob@ok.test", "alice@stsenforce.test",
             "alice@nxdomain.test"]
    lst = os.path.join(TMP, "in.txt")
    with open(lst, "w") as f:
        f.write("\n".join(addrs) + "\n")
    out = os.path.join(TMP, "out.jsonl")
    b = Bundle()
    p = run(["verify", "-q", "--force", "-o", out] + BASE + [lst], b)
    n = b.close()
    recs = [json.loads(ln) for ln in open(out)] if os.path.exists(out) else []
    tls = [r["address"] for r in recs if tls_of(r).get("verified")]
    check("verify: %d records, the bundle read once (read %d times)" %
          (len(recs), n), p.returncode == 0 and len(recs) == 4 and n == 1,
          p.stderr.decode()[-300:])
    check("verify: the TLS hosts verified with what was read",
          sorted(tls) == sorted(addrs[:3]), tls)


def main():
    for t in (test_no_tls_no_bundle, test_tls_once, test_verify_once):
        guarded(t)
    return finish("test_trust_lazy")


if __name__ == "__main__":
    sys.exit(main())
