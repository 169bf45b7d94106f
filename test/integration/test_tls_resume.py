#!/usr/bin/env python3
"""test_tls_resume.py - TLS session resumption offered to the server.

A domain hosted on the lab Postfix (NAME.hosted.test, MX mx1.ok.test, TLS
1.3 with session tickets, Postfix's default error limits) with 25 unknown
users: the error budget (9 rejections a session) makes verify open
several fresh sessions to the same MX.  The first session's handshake is
a full one (attempts[].tls.resumed false); every later fresh session to
that MX resumes a session the server issued before (resumed true, as
OpenSSL's SSL_session_reused says: the server accepted our PSK).  Every
verdict stays right, and so do the certificate's facts (where its chain
failed, its fingerprint): the same on a resumed session.  `probe` (one session) reports resumed false.
"""

import json
import subprocess
import sys
import tempfile
import uuid

from labcheck import BIN, RESOLVER, check, finish, guarded, \
    numbers as NUMBERS, verify_want

TMP = tempfile.mkdtemp(prefix="mxtrace-resume-")


def tls_sessions(recs):
    """session number -> tls.resumed, for every session that used TLS."""
    seen = {}
    for r in recs:
        for a in r["attempts"]:
            if a.get("tls") is not None:
                seen[a["session"]] = a["tls"].get("resumed")
    return seen


def test_second_session_resumed():
    tag = uuid.uuid4().hex[:6]
    dom = "resume-%s.hosted.test" % tag
    want = {"alice@%s" % dom: "deliverable"}
    for i in range(25):
        want["nobody%d-%s@%s" % (i, tag, dom)] = "undeliverable"
    recs = verify_want("verify", want, [
        BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "resume.lab.test", "--no-catch-all-check", "-q"], TMP).values()
    seen = tls_sessions(recs)
    order = sorted(seen)
    NUMBERS.append("resume: %d TLS sessions to one MX, resumed: %s" % (
        len(order), [seen[s] for s in order]))
    check("several fresh TLS sessions to the one MX (%d)" % len(order),
          len(order) >= 3, seen)
    check("the first session made a full handshake",
          order and seen[order[0]] is False, seen)
    check("every later session resumed an earlier one",
          len(order) >= 2 and all(seen[s] is True for s in order[1:]), seen)
    facts = set()
    for r in recs:
        for a in r.get("attempts") or []:
            t = a.get("tls") or {}
            if t:
                facts.add((t.get("verify_error"), t.get("verify_depth"),
                           t.get("verify_subject"), t.get("sha256")))
    check("a resumed session tells where the chain failed as the full "
          "handshake did (one set of facts, depth 0)", len(facts) == 1 and
          all(f[1] == 0 and f[2] and f[3] for f in facts), facts)


def test_probe_not_resumed():
    p = subprocess.run([BIN, "probe", "--resolver", RESOLVER,
                        "--allow-private", "--helo", "resume.lab.test",
                        "--json", "alice@ok.test"],
                       capture_output=True, timeout=120)
    try:
        rec = json.loads(p.stdout)
    except ValueError:
        rec = {"attempts": []}
    tls = [a["tls"] for a in rec["attempts"] if a.get("tls")]
    check("probe: one full handshake, resumed false", len(tls) == 1 and
          tls[0].get("resumed") is False, tls)


if __name__ == "__main__":
    for t in (test_second_session_resumed, test_probe_not_resumed):
        guarded(t)
    sys.exit(finish("test_tls_resume"))
