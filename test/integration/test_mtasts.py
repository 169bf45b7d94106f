#!/usr/bin/env python3
"""test_mtasts.py - MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) in the lab.

The lab's stsweb.py serves policies over HTTPS (127.0.44.1:443, a
certificate from the lab CA) by Host; tests pass the lab CA and the SMTP
certificate in --ca-file.  Checks, each against the record:
  - enforce with the MX listed and its certificate verified: deliverable,
    tls_policy.mta_sts satisfied, the policy's fields, TLS-RPT's rua;
  - enforce with the MX not listed, and with the MX listed but its
    certificate not naming it: tls_failed/tls_policy_mta_sts, RCPT kept;
  - testing mode with the MX not listed: deliverable, warned;
  - a redirect and a redirect loop: no policy, "redirect ... refused";
  - a 10 MB policy: no policy, "larger than 65536 bytes", bounded;
  - CRLF/LF mixed with 1,000 mx lines: valid, 64 kept, both noted;
  - an invalid policy (no max_age), a TXT whose policy host has no server,
    and the policy server's certificate not trusted (no --ca-file): no
    policy, each said plainly, the verdict from SMTP alone; the last also
    warned (in English and Chinese): the trace has no MTA-STS line; its
    error names the untrusted issuer as the SMTP TLS line does;
  - --no-mta-sts: nothing looked up (mta_sts and tls_rpt null);
  - the report's domain table shows each domain's MTA-STS state.
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, RUN, check, finish,  # noqa: E402
                      guarded, probe_json, verify_report)

CA = os.path.join(RUN, "tls", "cafile.pem")
BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "3s",
        "--helo", "mxtrace.test"]


def probe(addr, *opts, ca=True):
    return probe_json(addr, BASE + (["--ca-file", CA] if ca else []), *opts)


def vsr(d):
    return (d.get("verdict"), d.get("stage"), d.get("reason"))


def sts(d):
    return (d.get("tls_policy") or {}).get("mta_sts") or {}


def test_enforce():
    d, _ = probe("alice@stsenforce.test")
    s = sts(d)
    check("enforce, MX listed and verified: deliverable",
          vsr(d) == ("deliverable", "rcpt", "accepted"), vsr(d))
    check("enforce: the policy as fetched", s.get("published") and
          s.get("policy") and s.get("mode") == "enforce" and
          s.get("max_age") == 86400 and s.get("mx") == ["mx1.ok.test",
                                                        "*.ok.test"] and
          s.get("id") == "20261130T0000", s)
    check("enforce: satisfied", s.get("satisfied") is True, s)
    check("the TXT answers carry their DNSSEC status (test. is unsigned)",
          s.get("dnssec") == "insecure" and
          d["tls_policy"]["tls_rpt"]["dnssec"] == "insecure",
          (s.get("dnssec"), d["tls_policy"]["tls_rpt"]))
    rpt = d["tls_policy"]["tls_rpt"]
    check("TLS-RPT: published with both rua", rpt["published"] and
          rpt["rua"] == ["mailto:tlsrpt@stsenforce.test",
                         "https://report.stsenforce.test/tlsrpt"], rpt)

    d, p = probe("alice@stsmismatch.test")
    check("enforce, MX not listed: tls_failed/starttls/tls_policy_mta_sts",
          vsr(d) == ("tls_failed", "starttls", "tls_policy_mta_sts"), vsr(d))
    check("enforce, MX not listed: not satisfied, warned with the RCPT code",
          sts(d).get("satisfied") is False and
          any("sender that honours MTA-STS (RFC 8461) would not deliver" in w and
              "answered 250" in w for w in d["warnings"]), d["warnings"])
    check("enforce, MX not listed: exit 2", p.returncode == 2, p.returncode)
    zh = subprocess.run([BIN, "probe", "--lang", "zh"] + BASE +
                        ["--ca-file", CA, "alice@stsmismatch.test"],
                        capture_output=True, timeout=60).stdout.decode(
                            "utf-8", "replace")
    check("enforce, MX not listed, --lang zh: the warning one Chinese "
          "sentence (遵守 MTA-STS 的发信方（RFC 8461）不会投递到这里)",
          "遵守MTA-STS的发信方（RFC8461）不会投递到这里" in "".join(zh.split()),
          zh[-800:])

    d, _ = probe("alice@stsname.test")
    check("enforce, certificate not for the MX name: tls_policy_mta_sts",
          vsr(d) == ("tls_failed", "starttls", "tls_policy_mta_sts") and
          any("does not verify for its name" in w for w in d["warnings"]),
          (vsr(d), d.get("warnings")))

    d, _ = probe("alice@ststesting.test")
    check("testing, MX not listed: deliverable, warned",
          vsr(d)[0] == "deliverable" and sts(d).get("mode") == "testing" and
          any("mode testing" in w for w in d["warnings"]), d.get("warnings"))
    check("TLS-RPT without rua: said so",
          "no rua" in (d["tls_policy"]["tls_rpt"]["error"] or ""),
          d["tls_policy"]["tls_rpt"])


def test_bad_policies():
    cases = [
        ("alice@stsredirect.test", "redirect to https://elsewhere.test/policy "
         "refused"),
        ("alice@stsloop.test", "302 redirect"),
        ("alice@stsbig.test", "larger than 65536 bytes"),
        ("alice@stsbad.test", "lacks max_age"),
        ("alice@ststxtonly.test", "mta-sts.ststxtonly.test"),
    ]
    for addr, words in cases:
        d, _ = probe(addr)
        s = sts(d)
        check("%s: no policy, deliverable by SMTP alone, '%s'" % (addr, words),
              vsr(d)[0] == "deliverable" and s.get("published") is True and
              s.get("policy") is False and words in (s.get("error") or ""),
              (vsr(d), s))
    d, _ = probe("alice@stsmix.test")
    s = sts(d)
    check("CRLF/LF mix and 1,000 mx lines: valid, 64 kept, both noted",
          vsr(d)[0] == "deliverable" and s.get("policy") and
          len(s.get("mx", [])) == 64 and len(s.get("notes", [])) == 2 and
          s.get("satisfied") is True, s)
    d, _ = probe("alice@stsenforce.test", ca=False)
    check("policy server not trusted (no --ca-file): no policy, said so",
          vsr(d)[0] == "deliverable" and "certificate does not verify" in
          (sts(d).get("error") or ""), sts(d))
    check("policy server not trusted: the untrusted issuer named as the "
          "SMTP TLS line names it", (sts(d).get("error") or "").endswith(
              "the certificate does not verify: unable to get local issuer "
              "certificate; issued by /CN=mxtrace lab CA, which is not "
              "trusted here"), sts(d))
    check("policy server not trusted: warned, as the trace shows no "
          "MTA-STS line", any("stsenforce.test publishes MTA-STS, but no "
                              "valid policy could be had (policy from "
                              "https://mta-sts.stsenforce.test" in w and
                              "TLS to its MX hosts is not enforced" in w
                              for w in d.get("warnings", [])),
          d.get("warnings"))
    zh = subprocess.run([BIN, "probe", "--lang", "zh"] + BASE +
                        ["alice@stsenforce.test"], capture_output=True,
                        timeout=60).stdout.decode("utf-8", "replace")
    check("the same warning in Chinese", "发布了MTA-STS，但拿不到有效的策略"
          in "".join(zh.split()), zh[-800:])
    d, _ = probe("alice@ok.test")
    check("no MTA-STS published: published false, no error",
          sts(d).get("published") is False and sts(d).get("error") is None,
          sts(d))
    check("no MTA-STS published: no MTA-STS warning",
          not any("MTA-STS" in w for w in d.get("warnings", [])),
          d.get("warnings"))
    d, _ = probe("alice@stsmismatch.test", "--no-mta-sts")
    check("--no-mta-sts: nothing looked up, SMTP decides",
          vsr(d)[0] == "deliverable" and
          d["tls_policy"]["mta_sts"] is None and
          d["tls_policy"]["tls_rpt"] is None, d.get("tls_policy"))
    p = subprocess.run([BIN, "probe"] + BASE + ["--ca-file", "/nonexistent",
                       "alice@ok.test"], capture_output=True, timeout=30)
    check("--ca-file missing: usage error 64", p.returncode == 64,
          p.returncode)
    for lang, said in (("en", b"a folder, not a file"),
                       ("zh", "是一个文件夹，不是文件".encode())):
        p = subprocess.run([BIN, "probe"] + BASE + ["--lang", lang,
                           "--ca-file", "/tmp", "alice@ok.test"],
                           capture_output=True, timeout=30)
        check("--ca-file a folder (%s): usage error 64, said once, before "
              "any work" % lang, p.returncode == 64 and
              p.stderr.count(said) == 1 and b"DNSSEC" not in p.stderr and
              not p.stdout, (p.returncode, p.stderr))


def test_report():
    text, err = verify_report(["alice@stsenforce.test",
                               "alice@stsmismatch.test",
                               "alice@ststesting.test"],
                              BASE + ["--ca-file", CA])
    check("report: each domain's MTA-STS policy and whether it was met",
          "MTA-STS: enforce, met" in text and
          "MTA-STS: enforce, not met" in text and
          "MTA-STS: testing" in text, err[-200:])


def test_verify_fetches_once():
    log = os.path.join(RUN, "stsweb.log")
    before = open(log).read().count("GET mta-sts.stsenforce.test/")
    addrs = ["alice@stsenforce.test", "bob@stsenforce.test",
             "nobody@stsenforce.test"] + ["u%d@stsenforce.test" % i
                                           for i in range(120)]
    text, _ = verify_report(addrs, BASE + ["--ca-file", CA, "--jobs", "4"])
    fetched = open(log).read().count("GET mta-sts.stsenforce.test/") - before
    check("verify of 123 addresses at one domain: its policy fetched once "
          "(%d)" % fetched, fetched == 1 and "MTA-STS: enforce, met" in text,
          fetched)


def main():
    for t in (test_enforce, test_bad_policies, test_report,
              test_verify_fetches_once):
        guarded(t)
    return finish("test_mtasts")


if __name__ == "__main__":
    sys.exit(main())
