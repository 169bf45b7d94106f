#!/usr/bin/env python3
"""port25_bench - time to a verdict when port 25 is dropped: `mxtrace
probe` beside Postfix's posttls-finger, with the same 4 s connect
timeout, on the lab's blackhole.test (2 MX hosts that drop SYNs),
blackhole4.test (4 MX hosts, the same two addresses) and bhbackup.test
(a blackhole, then mx1.ok.test which accepts).  Least of --runs runs each,
the two tools taking turns.  Run inside the lab (test/lab/isolated):
posttls-finger asks the system resolver, so it runs in a mount namespace
of its own whose /etc/resolv.conf names only the lab's 127.0.53.1, with a
main.cf of its own.  Prints a table; with --doc FILE it replaces the
"## A network that drops port 25" section of FILE.

Usage: port25_bench.py MXTRACE [--runs N] [--doc docs/performance.md]"""
import argparse
import json
import os
import subprocess
import tempfile
import time

from docsection import write_section

RESOLVER = "127.0.53.1"
TIMEOUT = 4
DOMAINS = ("blackhole.test", "blackhole4.test", "bhbackup.test")
SECTION = "## A network that drops port 25"

p = argparse.ArgumentParser()
p.add_argument("mxtrace")
p.add_argument("--runs", type=int, default=3)
p.add_argument("--doc")
a = p.parse_args()

tmp = tempfile.TemporaryDirectory(prefix="port25-bench-")
conf = tmp.name
with open(os.path.join(conf, "resolv.conf"), "w") as f:
    f.write("nameserver %s\n" % RESOLVER)
with open(os.path.join(conf, "main.cf"), "w") as f:
    # the same HELO name as mxtrace's; no DNSSEC probe of the root's NS
    f.write("myhostname = bench.mxtrace.test\ndnssec_probe =\n")
MXTRACE = [a.mxtrace, "probe", "--json", "--resolver", RESOLVER, "--allow-private",
           "--helo", "bench.mxtrace.test", "--timeout", "%ds" % TIMEOUT]
FINGER = ["posttls-finger", "-c", "-l", "may", "-t", str(TIMEOUT), "-T", str(TIMEOUT)]
IN_NS = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/resolv.conf && exec "$@"',
         os.path.join(conf, "resolv.conf")]


def timed(cmd, env=None):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    return time.monotonic() - t0, r


def mxtrace(domain):
    secs, r = timed(MXTRACE + ["alice@" + domain])
    o = json.loads(r.stdout)
    ips = ", ".join(ip for m in o["mx"] for ip in m["addresses"])
    return secs, "%s (%s), %d connects" % (o["reason"], o["verdict"], len(o["attempts"])), ips


def finger(domain):
    secs, r = timed(IN_NS + FINGER + [domain], dict(os.environ, MAIL_CONFIG=conf))
    out = r.stdout + r.stderr
    lines = out.strip().splitlines()
    if not lines or " fatal: " in out:
        raise SystemExit("posttls-finger: %s" % out[-300:])
    connects = sum("Failed to establish session" in l or "connection established" in l
                   for l in lines)
    return secs, "%d connects, last line `%s`" % (connects, lines[-1])


rows = []
for d in DOMAINS:
    runs = [(mxtrace(d), finger(d)) for _ in range(a.runs)]
    mx = min((r[0] for r in runs), key=lambda x: x[0])
    pf = min((r[1] for r in runs), key=lambda x: x[0])
    rows.append((d, mx[2], mx, pf))

swaks_dns = subprocess.run(["perl", "-MNet::DNS", "-e", "1"], capture_output=True).returncode == 0
lines = [
    SECTION,
    "",
    "`test/bench/port25_bench.py` (run by `scripts/bench --port25`, inside "
    "`test/lab/isolated`): how long `mxtrace probe` and Postfix's `posttls-finger` "
    "take to a verdict on lab domains whose MX hosts drop SYNs (smtpbad.py "
    "blackhole), both with a %d s connect timeout, the two taking turns; least of "
    "%d runs each. posttls-finger asks the system resolver: it runs in a mount "
    "namespace whose `/etc/resolv.conf` names only the lab's %s."
    % (TIMEOUT, a.runs, RESOLVER),
    "",
    "    mxtrace probe --json --resolver %s --allow-private --helo bench.mxtrace.test "
    "--timeout %ds alice@DOMAIN" % (RESOLVER, TIMEOUT),
    "    MAIL_CONFIG=DIR %s DOMAIN   # DIR/main.cf: myhostname = bench.mxtrace.test, "
    "dnssec_probe =" % " ".join(FINGER),
    "",
    "| domain | MX addresses | mxtrace (s) | posttls-finger (s) | ratio |",
    "|---|---|---:|---:|---:|",
]
for d, ips, mx, pf in rows:
    lines.append("| %s | %s | %.1f | %.1f | %.1fx |" % (d, ips, mx[0], pf[0], pf[0] / mx[0]))
lines += ["", "The verdict each reached:", ""]
for d, ips, mx, pf in rows:
    lines.append("- %s: mxtrace `%s`; posttls-finger %s" % (d, mx[1], pf[1]))
lines += [
    "",
    "posttls-finger tries the MX addresses one after the other and waits out "
    "the connect timeout on each, so its time grows with the number of "
    "addresses; mxtrace keeps the same order, but once a connect has waited a "
    "quarter of `--timeout` (at most 3 s, `JOB_LOOKAHEAD_MS`) it checks the "
    "addresses ahead beside it, and reaches `port25_filtered` after about one "
    "timeout plus that quarter however many MX hosts there are (at the "
    "defaults, 20 s and 30 s, about 23 s against 30 s per address: "
    "arithmetic, not measured here). When a later MX host answers "
    "(bhbackup.test) the two take the same time: the first host is still "
    "waited out, and mxtrace then goes on to MAIL FROM and RCPT TO where "
    "posttls-finger quits after STARTTLS. Through `--proxy` the addresses "
    "ahead are checked with a SOCKS5 CONNECT each (not measured here). The lab drops SYNs on loopback; a real network's firewall "
    "drops them the same way, but its round trips are not measured here.",
    "",
    "swaks is not in the table: it does not walk MX hosts. Its MX routing "
    "takes the best-preference MX only and connects there alone "
    "(`get_server` in /usr/bin/swaks), and needs Net::DNS, which %s; without "
    "it swaks connects to localhost." % ("is installed here" if swaks_dns else
                                         "is not installed here (libnet-dns-perl)"),
    "",
]
text = "\n".join(lines)
print(text)
if a.doc:
    write_section(a.doc, text)
