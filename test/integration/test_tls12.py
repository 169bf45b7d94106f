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
  250 (both domains are the lab Postfix's).
"""

import os
import re
import subprocess

from labcheck import RUN, check, finish, guarded, probe_json
from test_tls_facts import BASE, CA, cert_key, finger_line, nospace, \
    tls_of, trace

HOSTS = {"tls12ecdhe.test": "127.0.25.28", "tls12dhe.test": "127.0.25.29"}


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


def main():
    for t in [test_ecdhe, test_dhe]:
        guarded(t)
    return finish("test_tls12")


if __name__ == "__main__":
    raise SystemExit(main())
