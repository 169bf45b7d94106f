#!/usr/bin/env python3
"""test_tls_facts.py - what the TLS line says about a certificate, as
posttls-finger says it (docs/tls-compare.md), against the lab's Postfix
certificate personalities (test/lab/README.md, 127.0.25.20-27):

- tlsgood without --ca-file: the issuer not trusted here is named
  ("issued by /CN=mxtrace lab CA"), a root: no intermediate is said to be
  missing, though the server sent its own certificate alone; JSON
  verify_depth 0, verify_issuer, chain;
  with --ca-file run/tls/ca.pem: verified, matched_name the host;
- tlschain: the chain stops at depth 1, at the intermediate, whose issuer
  "Nobody Trusts Me Root CA" is the one not trusted (posttls-finger:
  "untrusted issuer /CN=Nobody Trusts Me Root CA");
- tlsnoint: issued by an intermediate (its certificate points to it by
  AIA caIssuers) that the server does not send: that is said; RCPT to a
  known user still gets 250 (opportunistic TLS);
- tlsexpired: "EXPIRED on DATE", not "expires DATE"; not_before in JSON;
- tlsname: the names the certificate carries instead of the host's;
- tlswild: the certificate names only *.tlswild.test; the trace says the
  host matched as that wildcard, --json matched_name (posttls-finger:
  "matched peername: *.tlswild.test"); RCPT to a known user gets 250;
- danebad.sec.test: the certificate's own 3 1 1 data, the value its TLSA
  record would need, which is what dane.sec.test's record holds; OpenSSL's
  "no matching DANE TLSA records" is not said twice;
- dane.sec.test: DANE-EE checks no name, so none is said to mismatch;
  the trace says the record matched at depth 0, the server's own
  certificate (posttls-finger: "Matched DANE EE certificate at depth 0");
- sha256 and pkey_sha256: the certificate's fingerprint (openssl x509
  -fingerprint -sha256) and its key's, the data of dane.sec.test's 3 1 1;
- how strong the session is, beside posttls-finger's own line for the
  same server ("TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
  key-exchange X25519 server-signature ECDSA (prime256v1) server-digest
  SHA256"; posttls-finger runs here with a main.cf of its own, on the
  address, no DNS): --json's cipher_bits, key_exchange, server_signature,
  server_key_curve or server_key_bits, server_digest say the same, for
  tlsgood (an EC P-256 key) and daneta.sec.test (RSA 2048); the key's
  curve and size as openssl x509 reads them from the lab's certificate;
  the trace's words for them, in English and Chinese;
- the same facts in Chinese.
"""

import os
import re
import subprocess
import tempfile

from labcheck import BIN, RESOLVER, RUN, check, finish, guarded, probe_json

BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
        "--no-mta-sts"]
CA = os.path.join(RUN, "tls", "ca.pem")


def trace(addr, *opts, lang="en"):
    """The probe's terminal trace with wrapped lines joined again; in
    Chinese (a line may break between two characters or at a blank) with
    no blanks at all: compare with nospace()."""
    p = subprocess.run([BIN, "probe", "--lang", lang] + BASE + list(opts) +
                       [addr], capture_output=True, timeout=90)
    out = p.stdout.decode("utf-8", "replace")
    return re.sub(r"\n +", " ", out) if lang == "en" else nospace(out)


def nospace(text):
    """text without blanks or line ends."""
    return re.sub(r"\s+", "", text)


def tls_of(rec):
    """The TLS facts of the record's first attempt that has them."""
    for a in rec.get("attempts") or []:
        if a.get("tls"):
            return a["tls"]
    return {}


def test_untrusted_issuer():
    rec, _ = probe_json("alice@tlsgood.test", BASE)
    t = tls_of(rec)
    check("tlsgood, no --ca-file: JSON names where the chain stopped",
          t.get("verify_depth") == 0 and
          t.get("verify_issuer") == "/CN=mxtrace lab CA" and
          t.get("verify_subject", "").startswith("/CN=mx.tlsgood.test"), t)
    out = trace("alice@tlsgood.test")
    check("tlsgood, no --ca-file: the trace names the untrusted issuer, "
          "a root: no intermediate is said to be missing",
          "issued by /CN=mxtrace lab CA, which is not trusted here)" in out
          and "intermediate" not in out, out)
    check("tlsgood: the chain it sent is its own certificate alone",
          t.get("chain") == [t.get("subject")], t)
    rec, _ = probe_json("alice@tlsgood.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    check("tlsgood with its CA: verified, the name that matched, no "
          "failure place", t.get("verified") is True and
          t.get("matched_name") == "mx.tlsgood.test" and
          t.get("verify_depth") is None and t.get("verify_issuer") is None,
          t)


def test_chain():
    rec, _ = probe_json("alice@tlschain.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    check("tlschain: stops at depth 1, the intermediate, under the root "
          "nobody trusts", t.get("verify_depth") == 1 and
          t.get("verify_subject", "").startswith("/CN=rogueint.invalid") and
          t.get("verify_issuer") == "/CN=Nobody Trusts Me Root CA", t)
    check("tlschain: the chain it sent, the intermediate included",
          len(t.get("chain") or []) == 2 and
          t["chain"][1].startswith("/CN=rogueint.invalid"), t)
    out = trace("alice@tlschain.test", "--ca-file", CA)
    check("tlschain: the trace names the untrusted root, no missing "
          "intermediate", "issued by /CN=Nobody Trusts Me Root CA, which is "
          "not trusted here)" in out, out)
    zh = trace("alice@tlschain.test", "--ca-file", CA, lang="zh")
    check("tlschain --lang zh: 签发者 ... 不受本机信任",
          nospace("签发者 /CN=Nobody Trusts Me Root CA 不受本机信任") in zh,
          zh)


def test_missing_intermediate():
    rec, _ = probe_json("alice@tlsnoint.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    check("tlsnoint: stops at its own certificate, under the intermediate "
          "it did not send", t.get("verify_depth") == 0 and
          t.get("verify_issuer", "").startswith("/CN=labint.invalid") and
          t.get("chain") == [t.get("subject")], t)
    check("tlsnoint: RCPT to alice accepted all the same",
          rec.get("verdict") == "deliverable" and
          (rec.get("reply") or {}).get("code") == 250, rec.get("reply"))
    out = trace("alice@tlsnoint.test", "--ca-file", CA)
    check("tlsnoint: the trace says the intermediate was not sent",
          "issued by %s, which is not trusted here; the server sent no "
          "intermediate certificate)" % t.get("verify_issuer") in out, out)
    zh = trace("alice@tlsnoint.test", "--ca-file", CA, lang="zh")
    check("tlsnoint --lang zh: 服务器没有发送中间证书",
          nospace("服务器没有发送中间证书") in zh, zh)


def test_expired():
    rec, _ = probe_json("alice@tlsexpired.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    check("tlsexpired: not_before after not_after in JSON",
          t.get("verify_error") == "certificate has expired" and
          (t.get("not_before") or "") > (t.get("not_after") or "~"), t)
    day = (t.get("not_after") or "")[:10]
    out = trace("alice@tlsexpired.test", "--ca-file", CA)
    check("tlsexpired: EXPIRED on DATE, not expires DATE",
          day != "" and "EXPIRED on " + day in out and "expires" not in out,
          out)
    zh = trace("alice@tlsexpired.test", "--ca-file", CA, lang="zh")
    check("tlsexpired --lang zh: 已于 DATE 过期",
          nospace("已于 %s 过期" % day) in zh, zh)


def test_name():
    out = trace("alice@tlsname.test", "--ca-file", CA)
    check("tlsname: the names the certificate carries instead",
          "mx.tlsname.test is not a name on it (it names "
          "mail.elsewhere.test, webmail.elsewhere.test)" in out, out)
    check("tlsname: the lab CA's certificate for other names is from a "
          "trusted issuer, not \"certificate verified\"",
          "certificate from a trusted issuer, mx.tlsname.test is not"
          in out and "certificate verified" not in out, out)
    zh = trace("alice@tlsname.test", "--ca-file", CA, lang="zh")
    check("tlsname --lang zh: 证书由受信任的机构签发，证书上没有 ...",
          nospace("证书由受信任的机构签发，证书上没有 mx.tlsname.test（证书上的名称："
                  "mail.elsewhere.test, webmail.elsewhere.test）") in zh
          and "证书验证通过" not in zh, zh)


def test_wildcard():
    rec, _ = probe_json("alice@tlswild.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    check("tlswild: verified, its wildcard the name that matched",
          t.get("verified") is True and t.get("name_match") is True and
          t.get("matched_name") == "*.tlswild.test" and
          t.get("sans") == ["*.tlswild.test"], t)
    check("tlswild: RCPT to alice accepted",
          rec.get("verdict") == "deliverable" and
          (rec.get("reply") or {}).get("code") == 250, rec.get("reply"))
    out = trace("alice@tlswild.test", "--ca-file", CA)
    check("tlswild: the trace says which wildcard matched",
          "certificate verified, name matches as *.tlswild.test" in out, out)
    zh = trace("alice@tlswild.test", "--ca-file", CA, lang="zh")
    check("tlswild --lang zh: 名称匹配（*.tlswild.test）",
          nospace("名称匹配（*.tlswild.test）") in zh, zh)


def test_fingerprints():
    rec, _ = probe_json("alice@tlsgood.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    pem = os.path.join(RUN, "tls", "good.pem")
    fp = subprocess.run(["openssl", "x509", "-in", pem, "-noout",
                         "-fingerprint", "-sha256"], capture_output=True,
                        text=True).stdout.strip().split("=")[-1]
    check("tlsgood: sha256 is the certificate's fingerprint",
          fp != "" and t.get("sha256") == fp.replace(":", "").lower(),
          (t.get("sha256"), fp))
    good, _ = probe_json("alice@dane.sec.test", BASE)
    rr = (((good.get("mx") or [{}])[0].get("tlsa") or {}).get("records")
          or [""])[0]
    check("dane.sec.test: pkey_sha256 is the data of its 3 1 1 record",
          rr.startswith("3 1 1 ") and
          tls_of(good).get("pkey_sha256") == rr[6:], (tls_of(good), rr))


def test_dane():
    good, _ = probe_json("alice@dane.sec.test", BASE)
    want = ((good.get("mx") or [{}])[0].get("tlsa") or {}).get("records")
    rec, _ = probe_json("alice@danebad.sec.test", BASE)
    d = tls_of(rec).get("dane") or {}
    check("danebad: the certificate's own 3 1 1 is dane.sec.test's TLSA",
          want and d.get("certificate") == want, (d, want))
    check("danebad: OpenSSL's words are not said twice",
          d.get("error") == "no TLSA record matches the certificate", d)
    out = trace("alice@danebad.sec.test")
    check("danebad: the trace gives the certificate's own data",
          want and "the certificate's own: " + want[0] in out, out)
    check("danebad: the trace says the DANE failure once, on its own line",
          "no matching DANE TLSA records" not in out and
          out.count("no TLSA record matches the certificate") == 1, out)
    out = trace("alice@dane.sec.test")
    check("dane: DANE-EE checks no name, none is said to mismatch",
          "name not checked (DANE-EE binds the key alone)" in out and
          "not a name on it" not in out, out)
    check("dane: the trace says which certificate matched, at depth 0 "
          "(posttls-finger: Matched DANE EE certificate at depth 0)",
          "DANE (TLSA) verified: %s (matched at depth 0: the server's own "
          "certificate)" % (want or [""])[0] in out, out)
    zh = trace("alice@dane.sec.test", lang="zh")
    check("dane --lang zh: 匹配的是证书链第 0 层",
          nospace("（匹配的是证书链第 0 层：服务器自身的证书）") in zh, zh)


def finger(ip, *opts):
    """posttls-finger -c -l may OPTS [ip]'s whole output (it runs with an
    empty main.cf of its own)."""
    with tempfile.TemporaryDirectory() as conf:
        open(os.path.join(conf, "main.cf"), "w").close()
        p = subprocess.run(["posttls-finger", "-c", "-l", "may"] +
                           list(opts) + ["[%s]" % ip], capture_output=True,
                           timeout=60, env=dict(os.environ, MAIL_CONFIG=conf))
    return p.stdout.decode("utf-8", "replace") + \
        p.stderr.decode("utf-8", "replace")


def finger_line(ip):
    """posttls-finger's line for the TLS session with ip, from "TLSv1.3
    with cipher" on."""
    out = finger(ip)
    m = re.search(r"TLS connection established to [^ ]+: (.*)", out)
    return m.group(1).strip() if m else out


def finger_form(t):
    """The same facts from --json, written as posttls-finger writes them."""
    key = t.get("server_key_curve") or "%s bits" % t.get("server_key_bits")
    return ("%s with cipher %s (%s/%s bits) key-exchange %s server-signature "
            "%s (%s) server-digest %s" % (
                t.get("version"), t.get("cipher"), t.get("cipher_bits"),
                t.get("cipher_alg_bits"), t.get("key_exchange"),
                t.get("server_signature"), key, t.get("server_digest")))


def cert_key(pem):
    """openssl x509's words for the certificate's key: (bits, curve)."""
    text = subprocess.run(["openssl", "x509", "-in", pem, "-noout", "-text"],
                          capture_output=True, text=True).stdout
    bits = re.search(r"Public-Key: \((\d+) bit\)", text)
    curve = re.search(r"ASN1 OID: (\S+)", text)
    return (int(bits.group(1)) if bits else None,
            curve.group(1) if curve else None)


def test_strength():
    rec, _ = probe_json("alice@tlsgood.test", BASE, "--ca-file", CA)
    t = tls_of(rec)
    pf = finger_line("127.0.25.20")
    check("tlsgood: --json says what posttls-finger's line says",
          finger_form(t) == pf, (finger_form(t), pf))
    check("tlsgood: the key's curve and size are the certificate's",
          (t.get("server_key_bits"), t.get("server_key_curve")) ==
          cert_key(os.path.join(RUN, "tls", "good.pem")) == (256,
                                                             "prime256v1"), t)
    check("tlsgood: TLS 1.3's AES-256-GCM over X25519, signed with ECDSA "
          "and SHA-256", (t.get("version"), t.get("cipher"),
                          t.get("cipher_bits"), t.get("key_exchange"),
                          t.get("key_exchange_bits"),
                          t.get("server_signature"),
                          t.get("server_digest")) ==
          ("TLSv1.3", "TLS_AES_256_GCM_SHA384", 256, "X25519", 253, "ECDSA",
           "SHA256"), t)
    out = trace("alice@tlsgood.test", "--ca-file", CA)
    check("tlsgood: the trace says it",
          "TLSv1.3 TLS_AES_256_GCM_SHA384 (256 bits), key exchange X25519, "
          "server signature ECDSA prime256v1 with SHA256, certificate "
          "verified" in out, out)
    zh = trace("alice@tlsgood.test", "--ca-file", CA, lang="zh")
    check("tlsgood --lang zh: 密钥交换 ... 服务器签名 ...",
          nospace("TLS_AES_256_GCM_SHA384（256 位），密钥交换 X25519，服务器"
                  "签名 ECDSA prime256v1（摘要 SHA256），证书验证通过") in zh,
          zh)
    rec, _ = probe_json("alice@daneta.sec.test", BASE)
    t = tls_of(rec)
    pf = finger_line("127.0.25.27")
    check("daneta (RSA): --json says what posttls-finger's line says",
          finger_form(t) == pf, (finger_form(t), pf))
    check("daneta: an RSA key of 2048 bits signs with RSA-PSS",
          (t.get("server_signature"), t.get("server_key_bits"),
           t.get("server_key_curve")) == ("RSA-PSS", 2048, None) and
          cert_key(os.path.join(RUN, "tls", "daneta.pem"))[0] == 2048, t)
    out = trace("alice@daneta.sec.test")
    check("daneta: the trace gives the RSA key's bits",
          "server signature RSA-PSS 2048 bits with SHA256" in out, out)


def main():
    for t in [test_untrusted_issuer, test_chain, test_missing_intermediate,
              test_expired, test_name,
              test_wildcard, test_fingerprints, test_dane, test_strength]:
        guarded(t)
    return finish("test_tls_facts")


if __name__ == "__main__":
    raise SystemExit(main())
