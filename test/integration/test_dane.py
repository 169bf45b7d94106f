#!/usr/bin/env python3
"""test_dane.py - DNSSEC and DANE against the lab's signed zone.

The lab signs sec.test. at start (ldns-keygen, ldns-signzone) and passes
its trust anchor in MXTRACE_TRUST_ANCHOR; test. stays unsigned.  Checks:
  - every answer in the record has a DNSSEC status (the MX answer at the
    top, each MX host's addresses, its TLSA answer);
  - a broken signature is dns_error/dnssec_bogus and nothing is contacted;
  - DANE (RFC 7672) with OpenSSL's own DANE: the matching TLSA 3 1 1 is
    named in attempts[].tls.dane.matched at depth 0 and tls_policy says
    satisfied; a TLSA matching nothing is tls_failed/tls_policy_dane with
    the RCPT reply kept and a warning; unusable records (usage 0, usage
    7, a 4-byte SHA-256) are each listed with why; a TLSA in the unsigned
    zone is ignored and said so;
  - DANE-TA: daneta.sec.test's TLSA 2 1 1 names the key of the
    intermediate (labint.invalid, under the lab CA) that issued the
    server's certificate and that the server sends: it matches at depth 1,
    and the trace says so, in English and Chinese (posttls-finger:
    "Matched DANE TA ... at depth 1");
  - --no-dnssec: every status indeterminate, no TLSA asked, no DANE;
  - a missing --trust-anchor file is a usage error; the root's key (the
    default) cannot validate the lab, so everything there is bogus;
  - the HTML report shows each domain's DNSSEC/DANE state.
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, RUN, check, finish,  # noqa: E402
                      guarded, probe_json, verify_report)

BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "3s",
        "--helo", "mxtrace.test"]


def probe(addr, *opts, env=None):
    return probe_json(addr, BASE, *opts, env=env)


def vsr(d):
    return (d.get("verdict"), d.get("stage"), d.get("reason"))


def test_statuses():
    d, _ = probe("alice@ok.test")
    check("unsigned test.: MX answer insecure", d["dnssec"] == "insecure",
          d.get("dnssec"))
    check("unsigned test.: MX host addresses insecure, DANE none",
          d["mx"][0]["dnssec"] == "insecure" and d["mx"][0]["dane"] == "none"
          and d["mx"][0]["tlsa"] is None, d["mx"])
    check("unsigned test.: tls_policy.dane does not apply",
          d["tls_policy"]["dane"] == {"applies": False, "hosts": [],
                                      "satisfied": None}, d["tls_policy"])
    d, _ = probe("alice@secok.sec.test")
    check("signed zone: deliverable, every answer secure",
          vsr(d)[0] == "deliverable" and d["dnssec"] == "secure" and
          d["mx"][0]["dnssec"] == "secure" and d["mx"][0]["dane"] == "none",
          (vsr(d), d.get("dnssec"), d.get("mx")))
    d, _ = probe("alice@bogus.sec.test")
    check("broken signature: dns_error/dns/dnssec_bogus",
          vsr(d) == ("dns_error", "dns", "dnssec_bogus"), vsr(d))
    check("broken signature: nothing contacted, the host says bogus",
          d["attempts"] == [] and d["mx"][0]["dnssec"] == "bogus", d["mx"])
    check("broken signature: the warning quotes the validator",
          any("ECDSA signature verification failed" in w or
              "DNSSEC validation failed" in w for w in d["warnings"]),
          d["warnings"])


def test_dane():
    d, _ = probe("alice@dane.sec.test")
    dane = (d["attempts"][0]["tls"] or {}).get("dane") or {}
    check("DANE match: deliverable", vsr(d) == ("deliverable", "rcpt",
                                                "accepted"), vsr(d))
    check("DANE match: the TLSA record is in the MX entry, secure",
          d["mx"][0]["dane"] == "applies" and
          d["mx"][0]["tlsa"]["dnssec"] == "secure" and
          d["mx"][0]["tlsa"]["records"][0].startswith("3 1 1 "),
          d["mx"][0])
    check("DANE match: attempts[].tls.dane names the match at depth 0",
          dane.get("verified") is True and dane.get("depth") == 0 and
          dane.get("matched") == d["mx"][0]["tlsa"]["records"][0] and
          dane.get("usable") == 1, dane)
    check("DANE match: tls_policy satisfied", d["tls_policy"]["dane"] ==
          {"applies": True, "hosts": ["mx.dane.sec.test"], "satisfied": True},
          d["tls_policy"])

    d, p = probe("alice@danebad.sec.test")
    dane = (d["attempts"][0]["tls"] or {}).get("dane") or {}
    check("DANE mismatch: tls_failed/starttls/tls_policy_dane",
          vsr(d) == ("tls_failed", "starttls", "tls_policy_dane"), vsr(d))
    check("DANE mismatch: why none matched", dane.get("verified") is False
          and "no TLSA record matches" in (dane.get("error") or ""), dane)
    check("DANE mismatch: the RCPT reply stays in the transcript",
          any(s.get("code") == 250 and (s.get("command") or "").startswith(
              "RCPT") for s in d["attempts"][0]["steps"]),
          d["attempts"][0]["steps"])
    check("DANE mismatch: tls_policy not satisfied",
          d["tls_policy"]["dane"]["satisfied"] is False, d["tls_policy"])
    check("DANE mismatch: exit status 2", p.returncode == 2, p.returncode)
    check("DANE mismatch: explanation names DANE", "DANE" in
          d.get("explanation", ""), d.get("explanation"))

    d, _ = probe("alice@daneodd.sec.test")
    dane = (d["attempts"][0]["tls"] or {}).get("dane") or {}
    un = dane.get("unusable") or []
    check("unusable TLSA: none usable, TLS required but unauthenticated",
          dane.get("usable") == 0 and "no usable TLSA" in
          (dane.get("error") or "") and vsr(d)[0] == "deliverable",
          (vsr(d), dane))
    check("unusable TLSA: usage 0 is not for SMTP",
          any(u.startswith("0 0 1") and "RFC 7672" in u for u in un), un)
    check("unusable TLSA: unknown usage 7",
          any(u.startswith("7 1 1") and "unsupported" in u for u in un), un)
    check("unusable TLSA: a 4-byte SHA-256 is named as such",
          any(u.startswith("3 1 1 00000000:") and "SHA-256 digest of 4" in u
              for u in un), un)

    d, _ = probe("alice@daneunsigned.test")
    check("TLSA in an unsigned zone: ignored, deliverable, said so",
          vsr(d)[0] == "deliverable" and d["mx"][0]["dane"] == "ignored" and
          any("ignored" in w for w in d["mx"][0]["warnings"]) and
          (d["attempts"][0]["tls"] or {}).get("dane") is None,
          (vsr(d), d["mx"]))


def spki_sha256(pem):
    """The SHA-256 of the certificate's public key (SubjectPublicKeyInfo),
    hex: a TLSA x 1 1 record's data, made as the lab's up makes it."""
    key = subprocess.run(["openssl", "x509", "-in", pem, "-noout",
                          "-pubkey"], capture_output=True, check=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"],
                         input=key, capture_output=True, check=True).stdout
    return subprocess.run(["openssl", "dgst", "-sha256", "-r"], input=der,
                          capture_output=True, check=True
                          ).stdout.split()[0].decode()


def trace(addr, lang):
    """The probe's trace with wrapped lines joined and no blanks (a
    Chinese line may break at one)."""
    p = subprocess.run([BIN, "probe", "--lang", lang] + BASE + [addr],
                       capture_output=True, timeout=60)
    return re.sub(r"\s+", "", p.stdout.decode("utf-8", "replace"))


def test_dane_zh():
    zh = trace("alice@danebad.sec.test", "zh")
    check("danebad --lang zh: the warning one Chinese sentence (支持 DANE 的"
          "发信方（RFC 7672）不会投递到这里)",
          "支持DANE的发信方（RFC7672）不会投递到这里" in zh, zh[-800:])


def test_dane_ta():
    want = "2 1 1 " + spki_sha256(os.path.join(RUN, "tls", "labint.pem"))
    d, _ = probe("alice@daneta.sec.test")
    tls = d["attempts"][0]["tls"] if d.get("attempts") else {}
    dane = (tls or {}).get("dane") or {}
    check("DANE-TA: deliverable, tls_policy satisfied",
          vsr(d) == ("deliverable", "rcpt", "accepted") and
          d["tls_policy"]["dane"]["satisfied"] is True,
          (vsr(d), d.get("tls_policy")))
    check("DANE-TA: the published record is the intermediate's key",
          d["mx"][0]["tlsa"]["records"] == [want], (d["mx"][0], want))
    check("DANE-TA: matched at depth 1, the intermediate the server sent",
          dane.get("verified") is True and dane.get("depth") == 1 and
          dane.get("matched") == want and len(tls.get("chain") or []) == 2
          and tls["chain"][1].startswith("/CN=labint.invalid"),
          (dane, (tls or {}).get("chain")))
    out = trace("alice@daneta.sec.test", "en")
    check("DANE-TA: the trace says the record matched an issuer, depth 1",
          re.sub(r"\s+", "", "DANE (TLSA) verified: %s (matched at depth 1: "
                 "an issuer of the server's certificate)" % want) in out and
          "namematches" in out, out)
    zh = trace("alice@daneta.sec.test", "zh")
    check("DANE-TA --lang zh: 匹配的是证书链第 1 层：服务器证书的签发者",
          re.sub(r"\s+", "", "%s（匹配的是证书链第 1 层：服务器证书的签发者）"
                 % want) in zh, zh)


def test_no_dnssec_and_anchor():
    d, _ = probe("alice@danebad.sec.test", "--no-dnssec")
    check("--no-dnssec: indeterminate everywhere, no TLSA, deliverable",
          vsr(d)[0] == "deliverable" and d["dnssec"] == "indeterminate" and
          d["mx"][0]["dnssec"] == "indeterminate" and
          d["mx"][0]["tlsa"] is None, (vsr(d), d.get("mx")))
    p = subprocess.run([BIN, "probe"] + BASE + ["--trust-anchor",
                       "/nonexistent/anchor.key", "alice@ok.test"],
                       capture_output=True, timeout=30)
    check("--trust-anchor missing file: usage error 64", p.returncode == 64,
          p.returncode)
    p = subprocess.run([BIN, "probe"] + BASE + ["--trust-anchor", "/tmp",
                       "alice@ok.test"], capture_output=True, timeout=30)
    check("--trust-anchor a folder: usage error 64, said once",
          p.returncode == 64 and
          p.stderr.count(b"--trust-anchor: '/tmp' is a folder, not a file")
          == 1, (p.returncode, p.stderr))
    # The default anchor through a resolver that cannot validate: see
    # test_dnssec_fallback.py.


def test_report():
    text, err = verify_report(["alice@dane.sec.test", "alice@danebad.sec.test",
                               "alice@ok.test"], BASE)
    check("report: a domain whose certificate matches its TLSA",
          "DANE: certificate matches the TLSA records" in text, err)
    check("report: a domain whose certificate does not",
          "DANE: certificate does not match" in text, "")
    check("report: MX hosts show DNSSEC state",
          "DNSSEC: signed" in text and "DNSSEC: not signed" in text, "")


def main():
    for t in (test_statuses, test_dane, test_dane_zh, test_dane_ta,
              test_no_dnssec_and_anchor,
              test_report):
        guarded(t)
    return finish("test_dane")


if __name__ == "__main__":
    sys.exit(main())
