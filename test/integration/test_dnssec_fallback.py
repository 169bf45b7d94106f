#!/usr/bin/env python3
"""test_dnssec_fallback.py - DNSSEC is validated only when the resolver can
deliver it.  The lab resolver refuses everything outside the lab, so from
the root key (Debian's dns-root-data, the default) nothing validates: as
behind an office resolver that strips DNSSEC data.  mxtrace must then say
once that DNSSEC is not checked and judge every address as usual, never
call every domain dnssec_bogus.  With the lab's own anchor the signed lab
zone still validates.
"""
import os
import sys

from labcheck import (BIN, RESOLVER, SlowForwarder, check, finish,
                      guarded, probe_json, root_answered)

BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
        "--helo", "mxtrace.test"]
ROOT_KEY = "/usr/share/dns/root.key"


def env_without_anchor():
    env = dict(os.environ)
    env.pop("MXTRACE_TRUST_ANCHOR", None)
    return env


def test_root_key_through_a_stripping_resolver():
    env = env_without_anchor()
    for addr, verdict in (("alice@ok.test", "deliverable"),
                          ("nobody@ok.test", "undeliverable"),
                          ("alice@dane.sec.test", "deliverable")):
        r, p = probe_json(addr, BASE, "--trust-anchor", ROOT_KEY, env=env)
        err = p.stderr.decode("utf-8", "replace")
        check("root key, lab resolver: %s is %s, not dnssec_bogus" % (
              addr, verdict), r.get("verdict") == verdict and
              r.get("reason") != "dnssec_bogus",
              "%s/%s" % (r.get("verdict"), r.get("reason")))
        check("root key, lab resolver: %s: DNSSEC said not checked, once" %
              addr, err.count("DNSSEC not checked") == 1, err[-300:])
        check("root key, lab resolver: %s: no answer called secure" % addr,
              r.get("dnssec") != "secure", r.get("dnssec"))


class Stripping(SlowForwarder):
    """The lab's resolver behind a stub that answers every refused
    question "no such data" (NOERROR, empty), as some office and ISP
    resolvers do: validating from the root key then finds no DNSKEY at all
    and libunbound says why at length."""

    def mangles(self, q):
        return True


def test_reason_said_once():
    fwd = Stripping(0, mangle=root_answered)
    try:
        base = ["--resolver", fwd.at] + BASE[2:]
        r, p = probe_json("alice@ok.test", base, "--trust-anchor", ROOT_KEY,
                          env=env_without_anchor())
    finally:
        fwd.close()
    err = p.stderr.decode("utf-8", "replace")
    line = err.split("DNSSEC not checked", 1)[-1].split("\n", 1)[0]
    check("stripping resolver: DNSSEC said not checked",
          "DNSSEC not checked" in err, err[-300:])
    check("stripping resolver: libunbound's reason given",
          "validation failure <" in line, line)
    check("stripping resolver: its reason said once, not twice",
          line.count("validation failure <") == 1, line)
    check("stripping resolver: alice@ok.test still deliverable",
          r.get("verdict") == "deliverable", r.get("verdict"))


def test_lab_anchor_still_validates():
    r, p = probe_json("alice@dane.sec.test", BASE)
    err = p.stderr.decode("utf-8", "replace")
    check("lab anchor: the signed lab zone is secure",
          r.get("dnssec") == "secure", r.get("dnssec"))
    check("lab anchor: no 'not checked' warning",
          "DNSSEC not checked" not in err, err[-300:])


def main():
    for t in (test_root_key_through_a_stripping_resolver,
              test_reason_said_once, test_lab_anchor_still_validates):
        guarded(t)
    return finish("test_dnssec_fallback")


if __name__ == "__main__":
    sys.exit(main())
