#!/usr/bin/env python3
"""test_proxy.py - --proxy, --source, -4/-6 against the lab.

Through the real Dante proxies (open 127.0.108.1 and [::1], user/password
127.0.108.2, one whose rules refuse port 25 on 127.0.108.3) and the scripted
hostile ones (socksbad.py, 127.0.108.10-15):
  - several lab cases get the same verdict, stage and reason through each
    working proxy as without one, and the record names the proxy and the
    local address;
  - every proxy failure is its own stage `proxy` with its own reason, never
    the recipient's; a CONNECT the proxy could not complete because the MX
    refused is the same connect failure as without the proxy; every CONNECT
    timing out is proxy_port25_filtered, whose explanation and verify's
    early warning blame the proxy's network, never advise --proxy;
  - the password never appears in the trace, the JSON, verify's records,
    CSV or report, nor in any error;
  - verify through the proxy with --proxy-jobs gives the same verdicts;
  - --source binds the local address; -4/-6 and --source restrict the MX
    addresses by family.
"""

import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, check, finish, guarded,  # noqa: E402
                      probe_json)

PASSWORD = "lab-proxy-pw"
OPEN = "socks5://127.0.108.1:1080"
OPEN6 = "socks5://[::1]:1080"
AUTH = "socks5://mxtrace-proxy:%s@127.0.108.2:1080" % PASSWORD
V6BOUND = "socks5://127.0.108.12:1080"
STALL = "socks5://127.0.108.14:1080"
BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "3s",
        "--helo", "mxtrace.test"]

SAME = [
    "alice@ok.test", "nobody@ok.test", "grey@greylist.test",
    "alice@blocked.test", "whoever@catchall.test", "carol@full.test",
    "alice@exim.test", "alice@banned.test", "alice@refused.test",
    "alice@ipv6.test", "alice@pipelining.test",
]


def probe(addr, *opts):
    return probe_json(addr, BASE, *opts)


def vsr(d):
    return (d.get("verdict"), d.get("stage"), d.get("reason"))


def test_same_verdicts():
    jobs = [(a, None) for a in SAME] + [(a, px) for a in SAME
                                        for px in (OPEN, AUTH, V6BOUND, OPEN6)]
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        res = list(pool.map(lambda j: (j, probe(j[0], *(
            ["--proxy", j[1]] if j[1] else []))[0]), jobs))
    direct = {a: vsr(d) for (a, px), d in res if px is None}
    for (a, px), d in res:
        if px is None:
            continue
        check("%s through %s: %s as without the proxy" % (a, px.split("@")[-1],
              "/".join(map(str, direct[a]))), vsr(d) == direct[a],
              "got %s" % (vsr(d),))
        atts = d.get("attempts") or []
        shown = px.split("@")[-1].replace("socks5://", "")
        check("%s through %s: every attempt names the proxy" % (a, shown),
              atts and all((t.get("proxy") or {}).get("server") == shown
                           for t in atts), atts[:1])
        check("%s through %s: first step is the proxy's" % (a, shown),
              atts and atts[0]["steps"][0]["stage"] == "proxy", atts[:1])
    # the scripted proxy's IPv6 BND.ADDR is recorded as it came
    d = dict(((a, px), d) for (a, px), d in res)[("alice@ok.test", V6BOUND)]
    check("IPv6 BND.ADDR recorded", d["attempts"][0]["proxy"]["bound"] ==
          "[2001:db8::25]:2525", d["attempts"][0].get("proxy"))
    check("local_ip recorded for each attempt",
          all(t.get("local_ip") for t in d["attempts"]), d["attempts"])
    # on the terminal the BND.ADDR is named, not a bare address in brackets
    for lang, said in (("en", "(out from [2001:db8::25]:2525)"),
                       ("zh", "（出口 [2001:db8::25]:2525）")):
        p = subprocess.run([BIN, "probe", "--lang", lang] + BASE +
                           ["--proxy", V6BOUND, "alice@ok.test"],
                           capture_output=True, timeout=60)
        # wherever a line broke: compared without any white space
        flat = "".join(p.stdout.decode("utf-8", "replace").split())
        check("terminal (%s): the proxy's exit address is labelled" % lang,
              "".join(said.split()) in flat, flat[:300])


FAILURES = [
    # (what, proxy, reason, stage, words in the decisive step's error)
    ("nothing listens", "socks5://127.0.108.9:1080", "proxy_unreachable",
     "proxy", "cannot reach the proxy"),
    ("wrong password", "socks5://mxtrace-proxy:wrong@127.0.108.2:1080",
     "proxy_auth_failed", "proxy", "refused the user name and password"),
    ("no credentials", "socks5://127.0.108.2:1080", "proxy_auth_failed",
     "proxy", "wants authentication"),
    ("rules refuse port 25", "socks5://127.0.108.3:1080",
     "proxy_port25_blocked", "proxy", "SOCKS reply 2"),
    ("garbage", "socks5://127.0.108.10:1080", "proxy_protocol_error",
     "proxy", "not SOCKS5"),
    ("short reply", "socks5://127.0.108.11:1080", "proxy_protocol_error",
     "proxy", "closed the connection before answering CONNECT"),
    ("silent", "socks5://127.0.108.13:1080", "proxy_protocol_error",
     "proxy", "did not answer in time"),
    ("endless bytes", "socks5://127.0.108.15:1080", "proxy_protocol_error",
     "proxy", "answer to CONNECT"),
    ("stalls after CONNECT", STALL, "proxy_port25_filtered",
     "connect", "connect timeout (through the proxy"),
]


def test_failures():
    def one(case):
        what, px, reason, stage, words = case
        d, p = probe("alice@ok.test", "--proxy", px, "--timeout", "2s")
        return case, d, p
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        res = list(pool.map(one, FAILURES))
    for (what, px, reason, stage, words), d, p in res:
        check("proxy %s: unreachable/%s/%s" % (what, stage, reason),
              vsr(d) == ("unreachable", stage, reason), vsr(d))
        errs = [s.get("error") or "" for t in d.get("attempts", [])
                for s in t["steps"]]
        check("proxy %s: the transcript says '%s'" % (what, words),
              any(words in e for e in errs), errs)
        check("proxy %s: exit status 2 (indeterminate)" % what,
              p.returncode == 2, p.returncode)
        if stage == "proxy":
            check("proxy %s: one attempt only (the proxy fails for every MX)"
                  % what, len(d.get("attempts", [])) == 1,
                  len(d.get("attempts", [])))
            check("proxy %s: the explanation says it is not the recipient"
                  % what, "nothing about the recipient" in
                  (d.get("explanation") or ""), d.get("explanation"))
    # every MX timing out through the proxy: the proxy's network, and
    # the advice is not "use --proxy", which the user already does
    for lang in ("en", "zh"):
        d, _ = probe("alice@ok.test", "--proxy", STALL, "--timeout", "2s",
                     "--lang", lang)
        ex = d.get("explanation") or ""
        check("stalling proxy (%s): the explanation blames the proxy's "
              "network, not ours, and does not say to use --proxy" % lang,
              ("proxy's server" in ex if lang == "en" else "代理所在服务器" in ex)
              and "--proxy socks5://" not in ex, ex)
    # an MX that refuses, seen through the proxy: REP 5, a connect failure
    d, _ = probe("alice@refused.test", "--proxy", OPEN)
    errs = [s.get("error") or "" for t in d["attempts"] for s in t["steps"]]
    check("refused MX through the proxy: SOCKS reply 5 in the transcript",
          any("SOCKS reply 5" in e for e in errs), errs)


def test_no_password_anywhere():
    outs = []
    d, p = probe("alice@ok.test", "--proxy", AUTH)
    outs += [p.stdout, p.stderr]
    p = subprocess.run([BIN, "probe"] + BASE + ["--proxy", AUTH,
                       "alice@ok.test"], capture_output=True, timeout=60)
    outs += [p.stdout, p.stderr]
    check("trace through the auth proxy is deliverable",
          b"deliverable" in p.stdout, p.stdout[-200:])
    for bad in ("socks5://mxtrace-proxy:%s@127.0.108.2" % PASSWORD,
                "socks5://mxtrace-proxy:%s@127.0.108.2:99999" % PASSWORD,
                "socks5h://mxtrace-proxy:%s@127.0.108.2:1080" % PASSWORD):
        p = subprocess.run([BIN, "probe"] + BASE + ["--proxy", bad,
                           "alice@ok.test"], capture_output=True, timeout=60)
        outs += [p.stdout, p.stderr]
    check("a bad --proxy is a usage error (64)", p.returncode == 64,
          p.returncode)
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "in.txt")
        with open(lst, "w") as f:
            f.write("alice@ok.test\nnobody@ok.test\nalice@exim.test\n")
        out = os.path.join(tmp, "out.jsonl")
        csv = os.path.join(tmp, "out.csv")
        html = os.path.join(tmp, "r.html")
        env = dict(os.environ, MXTRACE_PROXY=AUTH)
        p = subprocess.run([BIN, "verify"] + BASE + ["-o", out, "--csv", csv,
                           lst], capture_output=True, timeout=120, env=env)
        outs += [p.stdout, p.stderr]
        subprocess.run([BIN, "report", "-o", html, out], capture_output=True,
                       timeout=60)
        for fn in (out, csv, html):
            if os.path.exists(fn):
                outs.append(open(fn, "rb").read())
        recs = [json.loads(x) for x in open(out)] if os.path.exists(out) else []
        check("verify through MXTRACE_PROXY: every record went through it",
              len(recs) == 3 and all(r["attempts"] and
                                     r["attempts"][0]["proxy"] for r in recs),
              [vsr(r) for r in recs])
    leaked = [o[:120] for o in outs if PASSWORD.encode() in o]
    check("the proxy password appears in no output, record, CSV or report",
          not leaked, leaked)


def test_verify_proxy_jobs():
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "in.txt")
        addrs = ["alice@ok.test", "nobody@ok.test", "grey@greylist.test",
                 "carol@full.test", "alice@blocked.test", "alice@exim.test"]
        with open(lst, "w") as f:
            f.write("\n".join(addrs) + "\n")
        res = {}
        for px in (None, OPEN):
            out = os.path.join(tmp, "out%d.jsonl" % len(res))
            p = subprocess.run([BIN, "verify", "-q", "--retry-after", "1s",
                                "--max-wait", "1s"] + BASE +
                               (["--proxy", px, "--proxy-jobs", "1"]
                                if px else []) + ["-o", out, lst],
                               capture_output=True, timeout=120)
            res[px] = {r["address"]: vsr(r) for r in map(json.loads,
                                                           open(out))}
        check("verify --proxy --proxy-jobs 1: same verdicts as without",
              res[None] == res[OPEN] and len(res[OPEN]) == len(addrs),
              (res[None], res[OPEN]))
        # three domains timing out through the proxy: the early warning
        # names the proxy's network, not this one
        with open(lst, "w") as f:
            f.write("alice@ok.test\nalice@exim.test\nalice@full.test\n")
        for lang, words in (("en", "the network of the proxy's server"),
                            ("zh", "代理所在服务器的网络")):
            p = subprocess.run([BIN, "verify", "--lang", lang] + BASE +
                               ["--timeout", "1s", "--proxy", STALL, "-o",
                                os.path.join(tmp, "stall-%s.jsonl" % lang),
                                lst], capture_output=True, timeout=120)
            err = p.stderr.decode("utf-8", "replace")
            check("verify through a stalling proxy (%s): the port 25 warning "
                  "names the proxy's network and not 'use --proxy'" % lang,
                  words in err and "--proxy socks5://" not in err, err)
    p = subprocess.run([BIN, "verify", "--proxy-jobs", "0", "-"],
                       capture_output=True, input=b"", timeout=30)
    check("--proxy-jobs 0 is a usage error", p.returncode == 64, p.returncode)


def test_source_and_family():
    d, _ = probe("alice@ok.test", "--source", "127.0.0.2")
    check("--source 127.0.0.2: the attempt left from it",
          vsr(d)[0] == "deliverable" and
          d["attempts"][0]["local_ip"] == "127.0.0.2" and
          d.get("source_ip") == "127.0.0.2", (vsr(d), d.get("attempts", [{}])[0].get("local_ip")))
    d, _ = probe("alice@ok.test", "--source", "127.0.0.3", "--proxy", OPEN)
    check("--source with --proxy: the connection to the proxy left from it",
          vsr(d)[0] == "deliverable" and
          d["attempts"][0]["local_ip"] == "127.0.0.3", d.get("attempts"))
    # an address this host lacks would fail every connect: every
    # recipient "unreachable", their servers blamed for the typo
    for cmd, lang, said in (("probe", "en", b"not an address of this machine"),
                            ("verify", "zh", "不是本机的地址".encode()),
                            ("sender", "en", b"not an address of this machine")):
        p = subprocess.run([BIN, cmd] + BASE + ["--lang", lang, "--source",
                           "192.0.2.1", "alice@ok.test" if cmd == "probe"
                           else "ok.test" if cmd == "sender" else "-"],
                           capture_output=True, input=b"alice@ok.test\n",
                           timeout=30)
        check("%s --source with an address not on this host: usage error "
              "64 naming it, nothing probed" % cmd,
              p.returncode == 64 and said in p.stderr and
              b"192.0.2.1" in p.stderr and p.stdout == b"",
              (p.returncode, p.stderr[-300:], p.stdout[:200]))
    d, _ = probe("alice@ok.test", "-6")
    check("-6 at an IPv4-only domain: no_address, said in a warning",
          vsr(d) == ("unreachable", "connect", "no_address") and
          any("IPv6" in w for w in d.get("warnings", [])), (vsr(d), d.get("warnings")))
    d, _ = probe("alice@ipv6.test", "-6")
    check("-6 at the IPv6 domain: deliverable over ::1",
          vsr(d)[0] == "deliverable" and d["attempts"][0]["ip"] == "::1" and
          d["attempts"][0]["local_ip"] == "::1", vsr(d))
    d, _ = probe("alice@ipv6.test", "-4")
    check("-4 at the IPv6-only domain: no_address", vsr(d) ==
          ("unreachable", "connect", "no_address"), vsr(d))
    d, _ = probe("alice@ipv6.test", "--source", "::1")
    check("--source ::1: deliverable at the IPv6 domain", vsr(d)[0] ==
          "deliverable", vsr(d))
    for args in (["-4", "-6"], ["--source", "nonsense"],
                 ["--source", "127.0.0.1", "-6"]):
        p = subprocess.run([BIN, "probe"] + BASE + args + ["alice@ok.test"],
                           capture_output=True, timeout=30)
        check("probe %s: usage error 64" % " ".join(args), p.returncode == 64,
              p.returncode)


def sender_inbound(*opts):
    p = subprocess.run([BIN, "sender", "--json", "--resolver", RESOLVER,
                        "--allow-private", "--timeout", "3s"] + list(opts) +
                       ["good.sender.test"], capture_output=True, timeout=90)
    try:
        r = json.loads(p.stdout)
    except ValueError:
        return None, p.stdout[-200:]
    got = [c for c in r.get("checks", []) if c.get("id") == "mx_inbound"]
    return (got[0] if got else None), p.stderr[-200:]


def test_sender_inbound():
    """sender's own inbound check (postmaster@DOMAIN through the engine)
    takes the proxy too: the same answer through a working proxy, and a
    proxy that refuses port 25 is the proxy's doing, not the domain's."""
    direct, err = sender_inbound()
    check("sender inbound without proxy: pass",
          direct is not None and direct["status"] == "pass", (direct, err))
    via, err = sender_inbound("--proxy", OPEN)
    check("sender inbound through the open proxy: pass, as without",
          via is not None and via["status"] == "pass", (via, err))
    blocked, err = sender_inbound("--proxy", "socks5://127.0.108.3:1080")
    check("sender inbound through a proxy refusing port 25: unknown, "
          "named as the proxy's refusal",
          blocked is not None and blocked["status"] == "unknown" and
          # the reason's label (report.reason.proxy_port25_blocked)
          "Your proxy forbids port 25" in blocked.get("detail", ""),
          (blocked, err))


def test_proxy_not_found():
    """A proxy host the system resolver cannot find is said alone, before
    the start-up DNSSEC check and its warning (the root key through the lab
    resolver, which strips DNSSEC, always warns)."""
    env = dict(os.environ)
    env.pop("MXTRACE_TRUST_ANCHOR", None)
    p = subprocess.run([BIN, "probe"] + BASE + [
        "--trust-anchor", "/usr/share/dns/root.key", "--proxy",
        "socks5://nosuch.invalid:1080", "alice@ok.test"],
        capture_output=True, timeout=60, env=env)
    err = p.stderr.decode("utf-8", "replace").splitlines()
    check("unknown proxy host: exit 70", p.returncode == 70, p.returncode)
    check("unknown proxy host: said alone, before any DNSSEC warning",
          len(err) == 1 and "cannot find the proxy nosuch.invalid:1080"
          in err[0], err)


def main():
    for t in (test_same_verdicts, test_failures, test_proxy_not_found, test_no_password_anywhere,
              test_verify_proxy_jobs, test_source_and_family,
              test_sender_inbound):
        guarded(t)
    return finish("test_proxy")


if __name__ == "__main__":
    sys.exit(main())
