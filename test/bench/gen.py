#!/usr/bin/env python3
"""gen.py - generate the bench lab's data: one DNS zone, the Postfix maps and
smtpd personalities, the address list and the tarpit list.

Deterministic for a given --seed, so two runs of scripts/bench with the same
sizes probe exactly the same list.  Everything points at loopback addresses
reserved for the bench (never the test lab's 127.0.53.x / 127.0.25.x):

  127.0.64.1-24   Postfix "ok": known users 250, unknown users 550 5.1.1
  127.0.64.25-28  Postfix "greylist": 450 4.2.0 for every recipient
  127.0.64.29-32  Postfix "catchall": every recipient 250
  127.0.64.33-36  Postfix "slow": known/unknown like ok, banner after 2 s
  127.0.64.40     Postfix "hosted": one STARTTLS MX shared by --hosted
                  domains (host-NNNNN.test), Postfix's default error limits
  127.0.66.1-4    dead: nothing listens, connects are refused
  127.0.66.10     dead: blackhole (tarpit.py), connects time out
  127.0.65.1      tarpit (tarpit.py), only for the concurrency test

Domain kinds (share of --domains): nxdomain 5 %, refused 2 %, timeout 1 %,
greylist 8 %, catchall 8 %, slow 6 %, ok the rest.  Addresses are spread
evenly over the domains; at ok/slow/greylist domains 60 % are known users.

The hosted lists (issue 8: customers of one hosting provider): --hosted
domains whose MX is the one address 127.0.64.40; each has 10 known users.
hosted-typical.txt: per domain the 10 known users and 1 unknown one;
hosted-harsh.txt: the 10 known and 10 unknown.  Their ground truth is in
hosted-typical.tsv and hosted-harsh.tsv (deliverable / unknown_user).
"""

import argparse
import ipaddress
import os
import random
import sys

OK_IPS = ["127.0.64.%d" % i for i in range(1, 25)]
GREY_IPS = ["127.0.64.%d" % i for i in range(25, 29)]
CATCH_IPS = ["127.0.64.%d" % i for i in range(29, 33)]
SLOW_IPS = ["127.0.64.%d" % i for i in range(33, 37)]
REFUSED_IPS = ["127.0.66.%d" % i for i in range(1, 5)]
TIMEOUT_IP = "127.0.66.10"
TARPIT_IP = "127.0.65.1"
HOSTED_IP = "127.0.64.40"
HOSTED_KNOWN = 10
HOSTED_UNKNOWN = {"typical": 1, "harsh": 10}

KINDS = [("nxdomain", 5), ("refused", 2), ("timeout", 1), ("greylist", 8),
         ("catchall", 8), ("slow", 6)]

FIRST = ["anna", "ben", "chen", "dora", "eli", "fatima", "george", "hana",
         "ivan", "jun", "kim", "lena", "mario", "nora", "omar", "petra",
         "quinn", "rosa", "sven", "tao", "uma", "victor", "wei", "xena",
         "yusuf", "zoe"]
LAST = ["smith", "li", "garcia", "mueller", "wang", "silva", "kowalski",
        "tanaka", "dubois", "rossi", "nguyen", "jensen", "ivanova", "khan"]


def check_loopback(ip):
    if not ipaddress.ip_address(ip).is_loopback:
        sys.exit("gen.py: %s is not a loopback address" % ip)


def kinds_for(ndomains, rng):
    """The kind of each domain index, shuffled but reproducible."""
    kinds = []
    for name, pct in KINDS:
        kinds += [name] * max(1, ndomains * pct // 100)
    kinds = kinds[:ndomains]
    kinds += ["ok"] * (ndomains - len(kinds))
    rng.shuffle(kinds)
    return kinds


def local_part(rng, n):
    return "%s.%s%d" % (rng.choice(FIRST), rng.choice(LAST), n)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--domains", type=int, default=500)
    ap.add_argument("--addresses", type=int, default=10000)
    ap.add_argument("--tarpit", type=int, default=10000,
                    help="addresses (one domain each) for the tarpit list")
    ap.add_argument("--hosted", type=int, default=500,
                    help="domains sharing the one hosted MX address")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="folder to write into")
    o = ap.parse_args()
    if not (1 <= o.domains <= 100000 and 1 <= o.addresses <= 1000000
            and 0 <= o.tarpit <= 100000 and 0 <= o.hosted <= 20000):
        sys.exit("gen.py: sizes out of range")
    for ip in OK_IPS + GREY_IPS + CATCH_IPS + SLOW_IPS + REFUSED_IPS + \
            [TIMEOUT_IP, TARPIT_IP, HOSTED_IP]:
        check_loopback(ip)
    rng = random.Random(o.seed)
    os.makedirs(o.out, exist_ok=True)

    kinds = kinds_for(o.domains, rng)
    domains = ["bench-%05d.test" % i for i in range(o.domains)]
    for i, k in enumerate(kinds):
        if k == "nxdomain":
            domains[i] = "gone-%05d.test" % i

    # --- zone -----------------------------------------------------------
    z = ["$ORIGIN test.", "$TTL 3600",
         "@ SOA ns.test. hostmaster.test. 1 3600 600 86400 300",
         "@ NS ns.test.", "ns A 127.0.63.2"]
    # Shared "hosting provider" MX names, as many real domains have.
    pools = {"ok": OK_IPS, "greylist": GREY_IPS, "catchall": CATCH_IPS,
             "slow": SLOW_IPS, "refused": REFUSED_IPS,
             "timeout": [TIMEOUT_IP]}
    for kind, ips in pools.items():
        for j, ip in enumerate(ips):
            z.append("mx%d.%s-hoster A %s" % (j, kind, ip))
    for i, (d, k) in enumerate(zip(domains, kinds)):
        if k == "nxdomain":
            continue
        label = d[:-len(".test")]
        ips = pools[k]
        ip = ips[i % len(ips)]
        if i % 5 < 3:  # 60 %: the MX is named inside the domain
            z.append("%s MX 10 mx.%s" % (label, label))
            z.append("mx.%s A %s" % (label, ip))
        else:
            z.append("%s MX 10 mx%d.%s-hoster" % (label, i % len(ips), k))
        if k == "ok" and i % 5 == 0:  # some have a backup MX
            z.append("%s MX 20 mx%d.ok-hoster" % (label, (i + 1) % len(OK_IPS)))
    hosted = ["host-%05d.test" % i for i in range(o.hosted)]
    z.append("mx.hosted-hoster A %s" % HOSTED_IP)
    for d in hosted:
        z.append("%s MX 10 mx.hosted-hoster" % d[:-len(".test")])
    z.append("tarpit-mx A %s" % TARPIT_IP)
    z.append("*.tarpit MX 10 tarpit-mx.test.")
    with open(os.path.join(o.out, "test.zone"), "w") as f:
        f.write("\n".join(z) + "\n")

    # --- addresses ------------------------------------------------------
    known, lines = [], []
    counts = {}
    for n in range(o.addresses):
        i = n % o.domains
        d, k = domains[i], kinds[i]
        lp = local_part(rng, n)
        expect = k
        if k in ("ok", "slow", "greylist"):
            if rng.random() < 0.6:
                known.append("%s@%s" % (lp, d))
                expect = {"ok": "deliverable", "slow": "deliverable",
                          "greylist": "greylist"}[k]
            else:
                expect = "greylist" if k == "greylist" else "unknown_user"
        lines.append((lp + "@" + d, expect))
        counts[expect] = counts.get(expect, 0) + 1
    rng.shuffle(lines)
    with open(os.path.join(o.out, "list.txt"), "w") as f:
        f.write("# mxtrace bench list: %d addresses over %d domains\n"
                % (o.addresses, o.domains))
        for a, _ in lines:
            f.write(a + "\n")
    with open(os.path.join(o.out, "expected.tsv"), "w") as f:
        for a, e in lines:
            f.write("%s\t%s\n" % (a, e))

    # --- hosted lists: the same domains and known users in both; rows
    # shuffled like the mixed list's ---------------------------------------
    hosted_known = [["%s@%s" % (local_part(rng, n), d)
                     for n in range(HOSTED_KNOWN)] for d in hosted]
    for name, nunknown in HOSTED_UNKNOWN.items():
        rows = []
        for d, users in zip(hosted, hosted_known):
            rows += [(a, "deliverable") for a in users]
            rows += [("nobody.%s%d@%s" % (name, n, d), "unknown_user")
                     for n in range(nunknown)]
        rng.shuffle(rows)
        with open(os.path.join(o.out, "hosted-%s.txt" % name), "w") as f:
            f.write("# mxtrace bench hosted list (%s): %d addresses over "
                    "%d domains on one MX\n" % (name, len(rows), len(hosted)))
            for a, _ in rows:
                f.write(a + "\n")
        with open(os.path.join(o.out, "hosted-%s.tsv" % name), "w") as f:
            for a, e in rows:
                f.write("%s\t%s\n" % (a, e))

    # --- Postfix maps ---------------------------------------------------
    with open(os.path.join(o.out, "virtual_mailbox"), "w") as f:
        for a in known + [a for users in hosted_known for a in users]:
            f.write("%s lab/\n" % a)
        for d, k in zip(domains, kinds):
            if k == "catchall":
                f.write("@%s lab/\n" % d)

    with open(os.path.join(o.out, "master-smtpd.cf"), "w") as f:
        for kind, ips in (("ok", OK_IPS), ("greylist", GREY_IPS),
                          ("catchall", CATCH_IPS), ("slow", SLOW_IPS)):
            for j, ip in enumerate(ips):
                f.write("%s:25 inet n - y - - smtpd\n" % ip)
                f.write("\t-o myhostname=mx%d.%s-hoster.test\n" % (j, kind))
                if kind == "greylist":
                    f.write("\t-o smtpd_recipient_restrictions="
                            "$bench_greylist_restrictions\n")
                if kind == "slow":
                    f.write("\t-o smtpd_delay_reject=no\n")
                    f.write("\t-o smtpd_client_restrictions="
                            "$bench_slow_restrictions\n")
        # the hosted MX: STARTTLS (main.cf) and Postfix's default error
        # limits, like every other personality here
        f.write("%s:25 inet n - y - - smtpd\n" % HOSTED_IP)
        f.write("\t-o myhostname=mx.hosted-hoster.test\n")
    with open(os.path.join(o.out, "smtpd-addresses"), "w") as f:
        f.write("\n".join(OK_IPS + GREY_IPS + CATCH_IPS + SLOW_IPS +
                          [HOSTED_IP]) + "\n")

    # --- tarpit list: one domain per address, so no session is shared ----
    with open(os.path.join(o.out, "tarpit-list.txt"), "w") as f:
        for n in range(o.tarpit):
            f.write("user@t%06d.tarpit.test\n" % n)

    with open(os.path.join(o.out, "mix.txt"), "w") as f:
        f.write("domains %d: %s\n" % (o.domains, ", ".join(
            "%s %d" % (k, kinds.count(k)) for k in
            ["ok", "greylist", "catchall", "slow", "refused", "timeout",
             "nxdomain"])))
        f.write("addresses %d: %s\n" % (o.addresses, ", ".join(
            "%s %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    main()
