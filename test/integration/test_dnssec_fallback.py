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

from labcheck import BIN, RESOLVER, check, finish, guarded, probe_json

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


def test_lab_anchor_still_validates():
    r, p = probe_json("alice@dane.sec.test", BASE)
    err = p.stderr.decode("utf-8", "replace")
    check("lab anchor: the signed lab zone is secure",
          r.get("dnssec") == "secure", r.get("dnssec"))
    check("lab anchor: no 'not checked' warning",
          "DNSSEC not checked" not in err, err[-300:])


def main():
    for t in (test_root_key_through_a_stripping_resolver,
              test_lab_anchor_still_validates):
        guarded(t)
    return finish("test_dnssec_fallback")


if __name__ == "__main__":
    sys.exit(main())
