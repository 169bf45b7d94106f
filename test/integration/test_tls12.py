#!/usr/bin/env python3
"""test_tls12.py - the TLS line's TLS 1.2 branches against the lab's two
TLS 1.2 personalities (test/lab/README.md): tls12ecdhe.test (127.0.25.28,
ECDHE-RSA-AES256-GCM-SHA384 over prime256v1) and tls12dhe.test
(127.0.25.29, DHE-RSA-AES256-GCM-SHA384 with the 2048-bit parameters of
test/lab/postfix/dh2048.pem), both with an RSA 2048 key from the lab CA.
Every other lab server negotiates TLS 1.3 over X25519.

- the protocol, cipher and its bits in --json are what posttls-finger's
  one line says (below TLS 1.3 Postfix 3.7 says no more: "TLSv1.2 with
  cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");
- the key exchange (the group and its bits, or DHE and the bits of the
  server's parameters) and the server's signature and digest are what
  `openssl s_client -brief` says ("Server Temp Key: DH, 2048 bits",
  "Signature type: RSA-PSS", "Hash used: SHA256"); DHE's bits are those
  of the parameters file, the key's bits the certificate's;
- the trace says it, in English and Chinese; RCPT to a known user gets
  250 (both domains are the lab Postfix's);
- resumed sessions: verify with 25 unknown users per domain opens several
  sessions to each MX (Postfix's error limits); every one after the first
  resumes (a TLS 1.2 session ticket).  A resumed TLS 1.2 session makes no
  key exchange and the server signs nothing: no key_exchange, no bits, no
  server_signature or server_digest (s_client -sess_in: "Reused", no
  "Server Temp Key"); the protocol and cipher stay the first session's,
  as posttls-finger -r says on its reused connection ("Reusing old
  session", the same line).
"""

import os
import re
import subprocess
import tempfile
import uuid

from labcheck import BIN, RESOLVER, RUN, check, finish, guarded, \
    probe_json, verify_want
from test_tls_facts import BASE, CA, cert_key, finger, finger_line, \
    nospace, tls_of, trace

HOSTS = {"tls12ecdhe.test": "127.0.25.28", "tls12dhe.test": "127.0.25.29"}
TMP = tempfile.mkdtemp(prefix="mxtrace-tls12-")


def s_client(ip, *opts):
    """openssl s_client's output for a STARTTLS session with ip:25 that
    sends QUIT once the handshake is done."""
    p = subprocess.run(["openssl", "s_client", "-starttls", "smtp",
                        "-connect", "%s:25" % ip] + list(opts),
                       input=b"QUIT\r\n", capture_output=True, timeout=30)
    return p.stdout.decode("utf-8", "replace") + \
        p.stderr.decode("utf-8", "replace")


def s_client_facts(ip):
    """s_client -brief's facts in --json's words: (version, cipher,
    key_exchange, key_exchange_bits, server_signature, server_digest)."""
    out = s_client(ip, "-brief")
    f = dict(re.findall(r"^([A-Za-z ]+): (.*)$", out, re.M))
    kex, bits = None, None
    m = re.match(r"(?:DH|ECDH, (\S+)), (\d+) bits$",
                 f.get("Server Temp Key", ""))
    if m:
        kex, bits = m.group(1) or "DHE", int(m.group(2))
    return (f.get("Protocol version"), f.get("Ciphersuite"), kex, bits,
            f.get("Signature type"), f.get("Hash used"))


def json_facts(t):
    """The same facts from --json's tls object."""
    return (t.get("version"), t.get("cipher"), t.get("key_exchange"),
            t.get("key_exchange_bits"), t.get("server_signature"),
            t.get("server_digest"))


def finger_form(t):
    """--json's protocol and cipher as posttls-finger writes them below
    TLS 1.3."""
    return "%s with cipher %s (%s/%s bits)" % (
        t.get("version"), t.get("cipher"), t.get("cipher_bits"),
        t.get("cipher_alg_bits"))


def dh_bits(pem):
    """openssl dhparam's size of the DH parameters in pem."""
    text = subprocess.run(["openssl", "dhparam", "-in", pem, "-noout",
                           "-text"], capture_output=True, text=True).stdout
    m = re.search(r"DH Parameters: \((\d+) bit\)", text)
    return int(m.group(1)) if m else None


def one_host(dom, want, en, zh):
    """Check one TLS 1.2 host: --json against posttls-finger, s_client
    and the certificate; the trace's words; RCPT accepted."""
    ip = HOSTS[dom]
    rec, _ = probe_json("alice@" + dom, BASE, "--ca-file", CA)
    t = tls_of(rec)
    pf = finger_line(ip)
    check("%s: protocol, cipher and bits as posttls-finger says them" % dom,
          finger_form(t) == pf, (finger_form(t), pf))
    sc = s_client_facts(ip)
    check("%s: key exchange, signature and digest as s_client says them"
          % dom, json_facts(t) == sc, (json_facts(t), sc))
    check("%s: %s" % (dom, want), json_facts(t) + (t.get("cipher_bits"),)
          == want + (256,), t)
    check("%s: the certificate's RSA key, its bits" % dom,
          (t.get("server_key_bits"), t.get("server_key_curve")) ==
          cert_key(os.path.join(RUN, "tls", dom[:-5] + ".pem")) ==
          (2048, None), t)
    check("%s: verified with the lab CA, RCPT to alice accepted" % dom,
          t.get("verified") is True and t.get("resumed") is False and
          rec.get("verdict") == "deliverable", (t, rec.get("verdict")))
    out = trace("alice@" + dom, "--ca-file", CA)
    check("%s: the trace says it" % dom, en in out, out)
    out = trace("alice@" + dom, "--ca-file", CA, lang="zh")
    check("%s --lang zh: the same in Chinese" % dom, nospace(zh) in out, out)
    return t


def test_ecdhe():
    one_host("tls12ecdhe.test", ("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384",
                                 "prime256v1", 256, "RSA-PSS", "SHA256"),
             "TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 (256 bits), key exchange "
             "prime256v1, server signature RSA-PSS 2048 bits with SHA256, "
             "certificate verified, name matches",
             "TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384（256 位），密钥交换 "
             "prime256v1，服务器签名 RSA-PSS 2048 位（摘要 SHA256），"
             "证书验证通过")


def test_dhe():
    t = one_host("tls12dhe.test", ("TLSv1.2", "DHE-RSA-AES256-GCM-SHA384",
                                   "DHE", 2048, "RSA-PSS", "SHA256"),
                 "TLSv1.2 DHE-RSA-AES256-GCM-SHA384 (256 bits), key "
                 "exchange DHE 2048 bits, server signature RSA-PSS 2048 "
                 "bits with SHA256, certificate verified, name matches",
                 "TLSv1.2 DHE-RSA-AES256-GCM-SHA384（256 位），密钥交换 DHE "
                 "2048 位，服务器签名 RSA-PSS 2048 位（摘要 SHA256），"
                 "证书验证通过")
    pem = os.path.join(RUN, "postfix", "dh2048.pem")
    check("tls12dhe: DHE's bits are the server's parameters'",
          t.get("key_exchange_bits") == dh_bits(pem) == 2048,
          (t.get("key_exchange_bits"), dh_bits(pem)))


def sessions_by_mx(recs):
    """MX address -> [(session number, tls)] in session order."""
    seen = {}
    for r in recs:
        for a in r.get("attempts") or []:
            if a.get("tls"):
                seen.setdefault(a.get("ip"), {})[a["session"]] = a["tls"]
    return {ip: sorted(s.items()) for ip, s in seen.items()}


def test_resumed():
    tag = uuid.uuid4().hex[:6]
    want = {}
    for dom in HOSTS:
        want["alice@" + dom] = "deliverable"
        for i in range(25):
            want["nobody%d-%s@%s" % (i, tag, dom)] = "undeliverable"
    recs = verify_want("verify", want, [
        BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "tls12.lab.test", "--no-catch-all-check", "--no-mta-sts", "-q"], TMP)
    by_mx = sessions_by_mx(recs.values())
    for dom, ip in HOSTS.items():
        s = by_mx.get(ip) or []
        first = s[0][1] if s else {}
        later = [t for _, t in s[1:]]
        check("%s: several TLS sessions (%d), the first a full handshake "
              "with its key exchange and signature" % (dom, len(s)),
              len(s) >= 3 and first.get("resumed") is False and
              first.get("key_exchange") and first.get("server_signature"),
              first)
        check("%s: every later session resumed, with no key exchange and "
              "no signature" % dom, later and all(
                  t.get("resumed") is True and
                  json_facts(t)[2:] == (None, None, None, None)
                  for t in later), [json_facts(t) for t in later])
        check("%s: a resumed session keeps the protocol, cipher and key "
              "of the first" % dom, later and all(
                  (t.get("version"), t.get("cipher"), t.get("cipher_bits"),
                   t.get("server_key_bits"), t.get("sha256")) ==
                  (first.get("version"), first.get("cipher"),
                   first.get("cipher_bits"), first.get("server_key_bits"),
                   first.get("sha256")) for t in later), later[:1])
        pf = finger(ip, "-r", "1")
        lines = re.findall(r"TLS connection established to [^ ]+: (.*)", pf)
        check("%s: posttls-finger -r reuses the session and says the "
              "line mxtrace's resumed session says" % dom,
              "Reusing old session" in pf and len(lines) == 2 and
              later and lines[1].strip() == finger_form(later[0]),
              (lines, later[:1]))
        sess = os.path.join(TMP, "sess-%s.pem" % dom)
        s_client(ip, "-sess_out", sess)
        sc = s_client(ip, "-sess_in", sess)
        check("%s: s_client resumes too and then names no key exchange"
              % dom, "Reused, %s, Cipher is %s" % (
                  first.get("version"), first.get("cipher")) in sc and
              "Server Temp Key" not in sc, sc[-600:])


def main():
    for t in [test_ecdhe, test_dhe, test_resumed]:
        guarded(t)
    return finish("test_tls12")


if __name__ == "__main__":
    raise SystemExit(main())
