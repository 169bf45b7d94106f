#!/usr/bin/env python3
"""test_sender - `mxtrace sender` against the lab: every case of
test/lab/zones/sender.zone (sending domains), 2.0.192.in-addr.arpa.zone
(their PTRs) and the blocklist zones under their real names, asserted by
check id and status in the JSON, the exit status, the bounds on hostile
records, the usage errors and the Chinese explanations."""
import base64
import hashlib
import html
import json
import os
import pty
import re
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, REPO, RESOLVER, RUN, check, finish,  # noqa: E402
                      guarded, on_pty)

D = ".sender.test"
TMP = tempfile.mkdtemp(prefix="mxtrace-sender-")


def sender(*args, expect_json=True):
    # --allow-private: the inbound check probes the lab's SMTP servers on 127/8
    cmd = [BIN, "sender", "--resolver", RESOLVER, "--timeout", "5s", "--allow-private"]
    if expect_json:
        cmd.append("--json")
    p = subprocess.run(cmd + list(args), capture_output=True, text=True,
                       timeout=60, cwd=REPO)
    out = json.loads(p.stdout) if expect_json and p.stdout.strip() else None
    return p.returncode, out, p


def fixture_variant(fixture, name, *pairs):
    """test/fixtures/sender/FIXTURE with each (old, new) of PAIRS replaced,
    written to TMP/NAME: its path."""
    with open(os.path.join(REPO, "test/fixtures/sender", fixture)) as f:
        eml = f.read()
    for old, new in pairs:
        eml = eml.replace(old, new)
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(eml)
    return path


def statuses(out, cid, subject=None):
    return [c["status"] for c in out["checks"]
            if c["id"] == cid and (subject is None or c["subject"] == subject)]


def expect(name, out, cid, status, subject=None):
    got = statuses(out, cid, subject)
    check("%s: %s%s is %s" % (name, cid, " " + subject if subject else "",
                              status), got and all(s == status for s in got), got)


def case(domain, want, rc=None, extra=()):
    code, out, p = sender(*extra, domain + D)
    if not check("%s: JSON out" % domain, out is not None, p.stderr[-300:]):
        return None
    for cid, status, *subj in want:
        expect(domain, out, cid, status, subj[0] if subj else None)
    if rc is not None:
        check("%s: exit %d" % (domain, rc), code == rc, code)
    for c in out["checks"]:
        if not all(c.get(k) for k in ("id", "status", "subject", "detail",
                                      "explanation")):
            check("%s: every check has id/status/subject/detail/explanation"
                  % domain, False, c)
            break
    return out


def test_good():
    out = case("good", [("dnsbl", "pass"), ("dnsbl_neighbours", "pass"),
                        ("ptr", "pass"), ("fcrdns", "pass"),
                        ("spf_record", "pass"), ("spf_pass", "pass"),
                        ("spf_all", "pass"), ("dmarc_record", "pass"),
                        ("dmarc_policy", "pass"), ("dkim", "pass"),
                        ("dkim_key", "pass"), ("mx_inbound", "pass"),
                        ("dnsbl_domain", "pass"), ("provider_rules", "pass"),
                        ("mta_sts", "info"), ("tls_rpt", "pass")],
               rc=0)
    if out:
        check("good: the IP comes from SPF",
              [i["ip"] for i in out["ips"]] == ["192.0.2.10"], out["ips"])
        check("good: every answer arrived", out["stats"]["complete"], out["stats"])
        check("good: the overall status is the worst finding: info (no MTA-STS)",
              out["status"] == "info", out["status"])
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl_neighbours"]
        check("good: the network lists asked are named, ZEN by its network code (DROP)",
              det == ["the IP's network is not listed on the 3 network lists asked: "
                      "Spamhaus ZEN (127.0.0.9); UCEPROTECT level 2; UCEPROTECT level 3"], det)


def test_policy_txt():
    # listed: _mta-sts without id=, two _smtp._tls records: broken (warn)
    case("listed", [("mta_sts", "warn"), ("tls_rpt", "warn")])
    # pbl: neither record, the normal case: information, not a warning, and
    # no effect on the exit status (good, above, exits 0 without MTA-STS)
    out = case("pbl", [("mta_sts", "info"), ("tls_rpt", "info")])
    if out:
        check("pbl: the missing MTA-STS record is named",
              any(c["id"] == "mta_sts" and "no MTA-STS record at _mta-sts.pbl" in c["detail"]
                  for c in out["checks"]))
        check("pbl: info comes after the warnings (worst first)",
              [c["status"] for c in out["checks"]].index("info") >
              max(i for i, c in enumerate(out["checks"]) if c["status"] == "warn"),
              [c["status"] for c in out["checks"]])
    code, _, p = sender("pbl" + D, expect_json=False)
    check("pbl terminal: info marked i, with its advice",
          "i MTA-STS" in p.stdout and flat("normal for most small companies") in flat(p.stdout),
          p.stdout[-600:])


CA = os.path.join(RUN, "tls", "cafile.pem")


def sts_case(domain, status, ca=True, extra=()):
    """sender on a test.zone MTA-STS domain (policies from stsweb.py)."""
    code, out, p = sender(*(["--ca-file", CA] if ca else []), "--no-inbound",
                          *extra, domain)
    if not check("%s: JSON out" % domain, out is not None, p.stderr[-300:]):
        return None, None
    expect(domain, out, "mta_sts", status)
    det = [c["detail"] for c in out["checks"] if c["id"] == "mta_sts"]
    return out, det[0] if det else ""


def test_mta_sts_policy():
    """The policy itself, fetched over HTTPS (engine/policy.c, net/https.c)."""
    out, det = sts_case("stsenforce.test", "pass")
    if out:
        m = out["mta_sts"]
        check("stsenforce: mode, max_age and mx reported",
              m["policy"] and m["mode"] == "enforce" and m["max_age"] == 86400 and
              m["mx"] == ["mx1.ok.test", "*.ok.test"] and m["id"] == "20261130T0000", m)
        check("stsenforce: the detail names them",
              "mode enforce" in det and "86400" in det and "mx1.ok.test" in det, det)
        expect("stsenforce", out, "tls_rpt", "pass")
        check("stsenforce: TLS-RPT's rua reported",
              out["tls_rpt"]["published"] and out["tls_rpt"]["rua"], out["tls_rpt"])
    out, det = sts_case("stsmismatch.test", "fail")
    check("stsmismatch: enforce without the MX host is a failure, naming it",
          det and "mx1.ok.test" in det and "mail.elsewhere.test" in det, det)
    out, det = sts_case("ststesting.test", "warn")
    check("ststesting: testing mode without the MX host: warning",
          det and "mode testing" in det, det)
    for dom, why in (("stsnofile.test", "HTTP status 404"),
                     ("stsredirect.test", "redirect"), ("stsloop.test", "redirect"),
                     ("stsbad.test", "max_age"), ("stsbig.test", "65536"),
                     ("ststxtonly.test", "connection failed")):
        out, det = sts_case(dom, "warn")
        check("%s: no policy, the cause said (%s)" % (dom, why),
              det and "no valid policy" in det and why in det, det)
        if out:
            check("%s: JSON policy false with the error" % dom,
                  out["mta_sts"]["policy"] is False and out["mta_sts"]["error"], out["mta_sts"])
    code, _, p = sender("--ca-file", CA, "--no-inbound", "--lang", "zh", "stsredirect.test",
                        expect_json=False)
    check("stsredirect zh: the refused redirect said in Chinese",
          flat("重定向到 https://elsewhere.test/policy，已拒绝") in flat(p.stdout),
          p.stdout[-600:])
    out, det = sts_case("stsenforce.test", "warn", ca=False)
    check("stsenforce without the lab CA: the certificate is named",
          det and "certificate" in det, det)
    out, det = sts_case("stsenforce.test", "pass", extra=("--no-mta-sts",))
    check("--no-mta-sts: the record only, no fetch",
          det and "not fetched" in det and out["mta_sts"] is None, det)


def test_blocklists():
    out = case("listed", [("dnsbl", "fail", "192.0.2.20")], rc=1)
    if out:
        lists = sorted(x["list"] for x in out["ips"][0]["listings"])
        check("listed: ZEN and SpamCop", lists == ["SpamCop", "Spamhaus ZEN"], lists)
        check("listed: delisting URLs",
              all(x["delist_url"].startswith("https://") for x in out["ips"][0]["listings"]))
        check("listed: the worst comes first", out["checks"][0]["status"] == "fail")
    out = case("neighbours", [("dnsbl", "pass"), ("dnsbl_neighbours", "warn")], rc=2)
    if out:
        nb = sorted(x["list"] for x in out["ips"][0]["neighbours"])
        check("neighbours: UCEPROTECT 2 and 3, not the IP's own listing",
              nb == ["UCEPROTECT level 2", "UCEPROTECT level 3"]
              and out["ips"][0]["listings"] == [], out["ips"][0])
    out = case("uce2", [("dnsbl", "pass"), ("dnsbl_neighbours", "warn")], rc=2)
    if out:
        check("uce2: only level 2", [x["list"] for x in out["ips"][0]["neighbours"]]
              == ["UCEPROTECT level 2"], out["ips"][0]["neighbours"])
    out = case("pbl", [("dnsbl", "warn")], rc=2)
    if out:
        d = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl"]
        check("pbl: the domain's SPF names the IP, so the PBL listing matters",
              d and "the domain's SPF record names this IP" in d[0], d)
        # so the advice is a mail server's (Spamhaus's self-service PBL
        # removal, for a fixed IP with its PTR), not "a problem only if
        # this IP sends directly", which SPF already said it does
        ex = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "dnsbl"]
        check("pbl: the advice for a mail server SPF names: removal, or out of SPF",
              len(ex) == 1 and ex[0][0] == "dnsbl.policy_spf" and
              "removal page" in ex[0][1] and "take the IP out of SPF" in ex[0][1] and
              "problem only if" not in ex[0][1], ex)
    for lang, said in (("en", "removal page"), ("zh", "移除页面自助移除")):
        code, _, p = sender("--lang", lang, "pbl" + D, expect_json=False)
        check("pbl terminal (%s): the removal said" % lang,
              flat(said) in flat(p.stdout), p.stdout[-700:])
    out = case("refused", [("dnsbl", "unknown"), ("dnsbl_neighbours", "unknown")], rc=2)
    if out:
        ip = out["ips"][0]
        check("refused: 127.255.255.254 is never a listing", ip["listings"] == [], ip)
        check("refused: the cause is given",
              any("public or open resolvers" in u["cause"] for u in ip["unknown"]), ip)
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl_neighbours"]
        check("refused: ZEN's refusal leaves its network code (DROP) unchecked too",
              len(det) == 1 and det[0].startswith("Spamhaus ZEN: answer 127.255.255.254"),
              det)
    # no usable answer from SpamCop (the IP's own) and UCEPROTECT 2 (a
    # network list): each finding names its own lists' errors only
    out, ip = ip_case("own and network errors", "203.0.113.110")
    if out:
        det = {c["id"]: c["detail"] for c in out["checks"] if c["id"].startswith("dnsbl")}
        check("errors: the IP's own finding names SpamCop only",
              statuses(out, "dnsbl") == ["unknown"] and
              det.get("dnsbl") == "SpamCop: answer 127.0.0.5 is not a code this list "
              "documents", det)
        check("errors: the network's finding names UCEPROTECT level 2 only",
              statuses(out, "dnsbl_neighbours") == ["unknown"] and
              det.get("dnsbl_neighbours") == "UCEPROTECT level 2: answer 127.0.0.9 is not "
              "a code this list documents", det)
        check("errors: both in unknown[]", sorted(u["list"] for u in ip["unknown"]) ==
              ["SpamCop", "UCEPROTECT level 2"], ip["unknown"])
    # 4,000 A records (the most one DNS message carries; 10,000 cannot be
    # sent), none a code Mailspike documents: one bounded unknown.
    out = case("manyanswers", [("dnsbl", "unknown")], rc=2)
    if out:
        ip = out["ips"][0]
        check("manyanswers: 4,000 answers make one unknown, not a listing",
              ip["listings"] == [] and [u["list"] for u in ip["unknown"]] == ["Mailspike"]
              and "not a code" in ip["unknown"][0]["cause"], ip)
    code, out, p = sender("--dnsbl-list", "test/lab/dnsbl-broken.json", "good" + D)
    if check("broken zone: JSON", out is not None, p.stderr[-300:]):
        expect("broken zone", out, "dnsbl_zone", "unknown", "broken.dnsbl.test")
        zones = {z["zone"]: z["self_test"] for z in out["dnsbl_zones"]}
        check("broken zone: ZEN passes its self-test, the broken one does not",
              zones.get("zen.spamhaus.org") is True and zones.get("broken.dnsbl.test") is False,
              zones)
        check("broken zone: exit 2", code == 2, code)
    code, out, p = sender("192.0.2.20")
    if check("IP only: JSON", out is not None, p.stderr[-300:]):
        expect("IP only", out, "dnsbl", "fail", "192.0.2.20")
        check("IP only: no domain checks",
              not statuses(out, "spf_record") and "spf" not in out, out["checks"])
        check("IP only: exit 1", code == 1, code)


def ip_case(name, *args):
    code, out, p = sender(*args)
    if not check("%s: JSON out" % name, out is not None, p.stderr[-300:]):
        return None, None
    return out, out["ips"][0]


def test_zen_codes():
    """Spamhaus ZEN's codes by their documented meaning (data/dnsbl.json):
    CSS 127.0.0.3 is the address's own listing; DROP 127.0.0.9 speaks of its
    network, alone or beside SBL (as Spamhaus answers): then the IP and its
    network are both listed, each finding with its own codes and advice."""
    out, ip = ip_case("CSS", "203.0.113.103")
    if out:
        expect("CSS", out, "dnsbl", "fail", "203.0.113.103")
        expect("CSS", out, "dnsbl_neighbours", "pass", "203.0.113.103")
        check("CSS: the IP's own listing with code 127.0.0.3, not a neighbour one",
              [(x["list"], x["code"]) for x in ip["listings"]] == [("Spamhaus ZEN", "127.0.0.3")]
              and ip["neighbours"] == [] and "CSS" in ip["listings"][0]["meaning"], ip)
    out, ip = ip_case("DROP", "203.0.113.109")
    if out:
        expect("DROP", out, "dnsbl", "pass", "203.0.113.109")
        expect("DROP", out, "dnsbl_neighbours", "warn", "203.0.113.109")
        check("DROP alone: a neighbours listing (the network), not the IP's own",
              ip["listings"] == [] and [(x["list"], x["code"]) for x in ip["neighbours"]]
              == [("Spamhaus ZEN", "127.0.0.9")], ip)
    out, ip = ip_case("SBL+DROP", "203.0.113.102")
    if out:
        expect("SBL+DROP", out, "dnsbl", "fail", "203.0.113.102")
        expect("SBL+DROP", out, "dnsbl_neighbours", "warn", "203.0.113.102")
        check("SBL+DROP: the IP's own listing headed by SBL, its network's by DROP",
              [x["code"] for x in ip["listings"]] == ["127.0.0.2"] and
              [(x["list"], x["code"]) for x in ip["neighbours"]] ==
              [("Spamhaus ZEN", "127.0.0.9")], ip)
        check("SBL+DROP: both codes kept in each, DROP's scope the network",
              [(c["code"], c["scope"]) for c in ip["listings"][0]["codes"]] ==
              [("127.0.0.2", "own"), ("127.0.0.9", "neighbours")] and
              [x["codes"] for x in ip["neighbours"]] == [ip["listings"][0]["codes"]],
              ip["listings"])
        det = {c["id"]: c["detail"] for c in out["checks"]}
        check("SBL+DROP: each finding names the codes of its part",
              "127.0.0.2: SBL" in det["dnsbl"] and "127.0.0.9" not in det["dnsbl"] and
              det["dnsbl_neighbours"] == "Spamhaus ZEN (127.0.0.9: DROP: the network around "
              "this address is a hijacked or criminal netblock)", det)
    code, _, p = sender("203.0.113.102", expect_json=False)
    out = flat(p.stdout)
    todo = out[out.find(flat("What to do")):]
    nb = todo[todo.find(flat("The network this IP belongs to is listed")):]
    check("SBL+DROP terminal: the network listed, what to do under the network's advice",
          code == 1 and flat("! Blocklists (neighbours) 203.0.113.102: Spamhaus ZEN "
                             "(127.0.0.9: DROP") in out and
          flat("moving to another server or address in the same block will not help") in nb
          and flat("- DROP: the whole network is hijacked or run by spammers") in nb and
          todo.count(flat("- DROP:")) == 1, p.stdout)
    path = os.path.join(TMP, "drop.html")
    code, _, p = sender("--html", path, "203.0.113.102", expect_json=False)
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    drop = "DROP: the whole network is hijacked or run by spammers"
    check("SBL+DROP html: DROP's advice once, under the network's finding",
          page.count(drop) == 1 and
          page.find("The network this IP belongs to is listed") < page.find(drop) and
          page.find("SBL: Spamhaus staff saw spam") < page.find(
              "The network this IP belongs to is listed"), (code, p.stderr[-200:]))
    code, _, p = sender("--lang", "zh", "203.0.113.102", expect_json=False)
    out = flat(p.stdout)
    check("SBL+DROP terminal zh: the network listed, in Chinese",
          flat("! 黑名单（同网段邻居） 203.0.113.102：Spamhaus ZEN（127.0.0.9：DROP：这个 IP "
               "所在的网段被劫持或用于犯罪）") in out and
          flat("换到同一网段里的另一台服务器或另一个地址都没有用") in out, p.stdout)


def test_zen_all_codes():
    """One ZEN answer with SBL 127.0.0.2 and XBL 127.0.0.4 (lab: 192.0.2.20):
    both codes with their meanings, in the JSON, on the terminal (en, zh)
    and in the HTML page; the verdict follows the worst."""
    out, ip = ip_case("SBL+XBL", "192.0.2.20")
    if out:
        zen = [x for x in ip["listings"] if x["list"] == "Spamhaus ZEN"]
        check("SBL+XBL: the listing keeps its worst code as before",
              zen and zen[0]["code"] == "127.0.0.2" and "SBL" in zen[0]["meaning"], zen)
        check("SBL+XBL: every code with its meaning, worst first",
              zen and [(c["code"], c["meaning"][:4], c["policy"]) for c in zen[0]["codes"]]
              == [("127.0.0.2", "SBL:", False), ("127.0.0.4", "XBL:", False)]
              and zen[0]["codes_omitted"] == 0, zen)
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl"]
        check("SBL+XBL: the finding names both", det and "127.0.0.2: SBL" in det[0]
              and "127.0.0.4: XBL: an infected" in det[0], det)
    code, _, p = sender("192.0.2.20", expect_json=False)
    check("SBL+XBL terminal: XBL and its meaning, exit 1", code == 1 and
          flat("127.0.0.4: XBL: an infected or exploited machine") in flat(p.stdout),
          p.stdout[:600])
    code, _, p = sender("--lang", "zh", "192.0.2.20", expect_json=False)
    check("SBL+XBL terminal zh: XBL in Chinese", code == 1 and
          flat("127.0.0.4：XBL：有中毒或被入侵的电脑") in flat(p.stdout), p.stdout[:600])
    path = os.path.join(TMP, "xbl.html")
    code, _, p = sender("--html", path, "--lang", "zh", "192.0.2.20", expect_json=False)
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("SBL+XBL html: both codes on the page", "127.0.0.2" in page and
          "XBL：有中毒或被入侵的电脑" in page, (code, p.stderr[-200:]))



def test_domain_codes():
    """The domain itself on Spamhaus DBL with two codes in one answer (lab:
    dbllisted.sender.test, 127.0.1.2 spam and 127.0.1.102 an abused
    legitimate domain): both in the finding and in --json domain_listings,
    where to ask for removal under the advice."""
    out = case("dbllisted", [], rc=1)
    if out:
        check("DBL: the domain blocklist finding fails on DBL only",
              sorted(statuses(out, "dnsbl_domain")) == ["fail", "pass", "pass"],
              statuses(out, "dnsbl_domain"))
        dl = out.get("domain_listings")
        check("DBL: domain_listings names the list with both codes",
              dl and dl[0]["list"] == "Spamhaus DBL" and dl[0]["code"] == "127.0.1.2" and
              [c["code"] for c in dl[0]["codes"]] == ["127.0.1.2", "127.0.1.102"], dl)
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl_domain" and
               c["status"] == "fail"]
        check("DBL: the finding names both codes", det and "127.0.1.2: " in det[0] and
              "127.0.1.102: an abused legitimate domain" in det[0], det)
    out = case("good", [])
    if out:
        check("good: domain_listings empty", out.get("domain_listings") == [],
              out.get("domain_listings"))
    code, _, p = sender("dbllisted" + D, expect_json=False)
    check("DBL terminal: where to ask for removal", flat(
          "Ask Spamhaus DBL to remove the listing: https://check.spamhaus.org/")
          in flat(p.stdout), p.stdout[-600:])


def test_code_advice():
    """Each listing code says what to do about it (data/dnsbl.json
    "advice"): under the blocklist advice, XBL (an infected machine or open
    proxy to clean up) apart from SBL (spam), in en and zh, on the terminal,
    in --json and on the HTML page; DROP alone (the network) under the
    neighbours advice, with no removal address."""
    code, _, p = sender("192.0.2.20", expect_json=False)
    todo = flat(p.stdout[p.stdout.find("What to do"):])
    check("advice en: SBL and XBL each under what to do",
          flat("- SBL: Spamhaus staff saw spam") in todo and
          flat("- XBL: a computer or device behind this IP is infected or is an open proxy")
          in todo, p.stdout[-900:])
    code, _, p = sender("--lang", "zh", "192.0.2.20", expect_json=False)
    check("advice zh: XBL in Chinese",
          flat("- XBL：这个 IP 后面有电脑或设备中毒，或成了开放代理") in flat(p.stdout),
          p.stdout[-900:])
    out, ip = ip_case("advice JSON", "192.0.2.20")
    if out:
        zen = [x for x in ip["listings"] if x["list"] == "Spamhaus ZEN"]
        check("advice JSON: codes[].advice, XBL's names the open proxy",
              zen and "open proxy" in (zen[0]["codes"][1]["advice"] or ""), zen)
        spamcop = [x for x in ip["listings"] if x["list"] == "SpamCop"]
        check("advice JSON: null where the list gives none",
              spamcop and spamcop[0]["codes"][0]["advice"] is None, spamcop)
    path = os.path.join(TMP, "advice.html")
    code, _, p = sender("--html", path, "192.0.2.20", expect_json=False)
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("advice html: XBL's advice and where to ask for removal",
          "XBL: a computer or device behind this IP is infected" in page and
          "Ask Spamhaus ZEN to remove the listing: https://check.spamhaus.org/" in page,
          (code, p.stderr[-200:]))
    code, _, p = sender("203.0.113.109", expect_json=False)
    check("advice DROP alone: under the neighbours advice, no removal address",
          flat("- DROP: the whole network is hijacked or run by spammers") in flat(p.stdout) and
          "to remove the listing" not in p.stdout, p.stdout[-600:])


def test_ipv6():
    """IPv6 in reversed-nibble form; a list without IPv6 is "not supported",
    never clean."""
    out, ip = ip_case("IPv6 listed", "2001:db8::25")
    if out:
        expect("IPv6 listed", out, "dnsbl", "fail", "2001:db8::25")
        check("IPv6 listed: ZEN (asked in nibble form) lists it",
              [x["list"] for x in ip["listings"]] == ["Spamhaus ZEN"], ip)
        check("IPv6: the IPv4-only lists are not supported, not clean or unknown",
              sorted(ip["not_supported"]) == sorted(
                  ["SpamCop", "Barracuda BRBL", "UCEPROTECT level 1", "UCEPROTECT level 2",
                   "UCEPROTECT level 3", "PSBL (Passive Spam Block List)", "Mailspike"])
              and ip["unknown"] == [], ip)
    out, ip = ip_case("IPv6 clean", "2001:db8::26")
    if out:
        expect("IPv6 clean", out, "dnsbl", "pass", "2001:db8::26")
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl"]
        check("IPv6 clean: 1 list asked, the others of the IP itself said to be not "
              "supported", det and "not listed on the 1 list asked" in det[0] and
              "not supported for this address (no IPv6): SpamCop" in det[0] and
              "UCEPROTECT level 2" not in det[0], det)
        # ZEN's DROP code answers for IPv6: the network is checked, by it alone
        expect("IPv6 clean", out, "dnsbl_neighbours", "pass", "2001:db8::26")
        det = [c["detail"] for c in out["checks"] if c["id"] == "dnsbl_neighbours"]
        check("IPv6 clean: the network checked on ZEN's DROP, UCEPROTECT 2 and 3 named "
              "as not supported", det == [
                  "the IP's network is not listed on the 1 network list asked: Spamhaus ZEN "
                  "(127.0.0.9); not supported for this address (no IPv6): UCEPROTECT level "
                  "2, UCEPROTECT level 3"], det)
    code, _, p = sender("--lang", "zh", "2001:db8::26", expect_json=False)
    check("IPv6 zh: not supported said in Chinese", flat("不支持 IPv6") in flat(p.stdout),
          p.stdout[-500:])
    check("IPv6 zh: the IP's own lists said as the network's are (asked, then not supported)",
          flat("✓ 黑名单（本 IP） 2001:db8::26：查询了 1 个黑名单，没有列入；以下黑名单不支持"
               "这个地址（不支持 IPv6）：SpamCop, Barracuda BRBL, UCEPROTECT level 1,")
          in flat(p.stdout), p.stdout[:900])
    check("IPv6 zh: the network checked on ZEN's DROP, in Chinese", flat(
          "✓ 黑名单（同网段邻居） 2001:db8::26：查询了 1 个网段黑名单，这个 IP 所在的网段没有"
          "列入：Spamhaus ZEN（127.0.0.9）；以下网段黑名单不支持这个地址（不支持 IPv6）："
          "UCEPROTECT level 2, UCEPROTECT level 3") in flat(p.stdout), p.stdout[:900])


def test_spamhaus_dqs():
    """--spamhaus-key KEY: Spamhaus is asked at KEY.zen.dq.spamhaus.net and
    KEY.dbl.dq.spamhaus.net (the lab serves the key "labkey"); the key never
    appears in what is printed."""
    out, ip = ip_case("DQS", "--spamhaus-key", "labkey", "203.0.113.125")
    if out:
        expect("DQS", out, "dnsbl", "fail", "203.0.113.125")
        check("DQS: listed by ZEN through the DQS zone",
              [(x["list"], x["zone"]) for x in ip["listings"]] ==
              [("Spamhaus ZEN", "zen.dq.spamhaus.net")], ip)
        zones = {z["zone"]: z["self_test"] for z in out["dnsbl_zones"]}
        check("DQS: the DQS zone passed its self-test", zones.get("zen.dq.spamhaus.net") is True,
              zones)
    out, ip = ip_case("no key", "203.0.113.125")
    if out:
        check("no key: the public zone does not list it (so the listing above came "
              "from the DQS zone)", ip["listings"] == [], ip)
    code, out, p = sender("--spamhaus-key", "wrongkey", "203.0.113.125")
    if check("wrong key: JSON", out is not None, p.stderr[-300:]):
        expect("wrong key", out, "dnsbl_zone", "unknown", "zen.dq.spamhaus.net")
        check("wrong key: ZEN is unknown as a whole, never clean or listed",
              out["ips"][0]["listings"] == [] and
              any(u["list"] == "Spamhaus ZEN" for u in out["ips"][0]["unknown"]), out["ips"][0])
        check("wrong key: the key is not printed", "wrongkey" not in p.stdout, p.stdout[:300])
    code, out, p = sender("--spamhaus-key", "labkey", "good" + D)
    if check("DQS domain: JSON", out is not None, p.stderr[-300:]):
        zones = {z["zone"]: z["self_test"] for z in out["dnsbl_zones"]}
        check("DQS domain: DBL asked through dbl.dq.spamhaus.net, self-test passed",
              zones.get("dbl.dq.spamhaus.net") is True, zones)
        check("DQS domain: not listed on Spamhaus DBL",
              any(c["id"] == "dnsbl_domain" and c["status"] == "pass" and
                  "Spamhaus DBL" in c["detail"] for c in out["checks"]), out["checks"])
        check("DQS domain: the key is not printed", "labkey" not in p.stdout)


DEAD = "127.0.27.1"          # nothing listens (test/lab/README.md)
ROOT_HINTS = os.path.join(REPO, "test", "lab", "root.hints")


def sender_env(env, *args):
    cmd = [BIN, "sender", "--timeout", "3s", "--allow-private", "--json"] + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd=REPO,
                       env=dict(os.environ, **env))
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None), p


def test_dnsbl_resolver():
    """--dnsbl-resolver: the blocklists (and only they) are asked there."""
    code, out, p = sender_env({}, "--resolver", DEAD, "--dnsbl-resolver", RESOLVER,
                              "192.0.2.20")
    if check("dnsbl-resolver: JSON", out is not None, p.stderr[-300:]):
        expect("dnsbl-resolver good, resolver dead", out, "dnsbl", "fail", "192.0.2.20")
        expect("dnsbl-resolver good, resolver dead", out, "ptr", "unknown", "192.0.2.20")
    code, out, p = sender_env({}, "--resolver", RESOLVER, "--dnsbl-resolver", DEAD,
                              "192.0.2.20")
    if check("dnsbl-resolver dead: JSON", out is not None, p.stderr[-300:]):
        expect("dnsbl-resolver dead, resolver good", out, "ptr", "pass", "192.0.2.20")
        expect("dnsbl-resolver dead, resolver good", out, "dnsbl", "unknown", "192.0.2.20")
        check("dnsbl-resolver dead: every list unknown, none listed or clean",
              out["ips"][0]["listings"] == [] and len(out["ips"][0]["unknown"]) == 8,
              out["ips"][0])
    out = case("refused", [("dnsbl", "unknown")], rc=2)
    if out:
        check("refused: the cause names --dnsbl-resolver and --recursive",
              any("--dnsbl-resolver" in u["cause"] and "--recursive" in u["cause"]
                  for u in out["ips"][0]["unknown"]), out["ips"][0]["unknown"])
        check("refused: the explanation names them too",
              any(c["id"] == "dnsbl" and "--dnsbl-resolver" in c["explanation"]
                  for c in out["checks"]))
    for args in (["--dnsbl-resolver", "not-an-ip"], ["--dnsbl-resolver", "127.0.0.1@0"],
                 ["--recursive", "--dnsbl-resolver", RESOLVER]):
        code, _, p = sender(*(args + ["192.0.2.20"]), expect_json=False)
        check("usage %s: exit 64 and why" % " ".join(args),
              code == 64 and ("--dnsbl-resolver" in p.stderr), (code, p.stderr[-200:]))


def test_recursive():
    """--recursive: libunbound resolves the blocklist queries itself from the
    root.  In the lab the root is the lab's own (zones/root.zone on the lab
    NSD, named by MXTRACE_ROOT_HINTS); --resolver points at nothing, so any
    answer can only have come through the recursion."""
    env = {"MXTRACE_ROOT_HINTS": ROOT_HINTS}
    code, out, p = sender_env(env, "--resolver", DEAD, "--recursive", "192.0.2.20")
    if check("recursive: JSON", out is not None, p.stderr[-300:]):
        ip = out["ips"][0]
        expect("recursive", out, "dnsbl", "fail", "192.0.2.20")
        check("recursive: ZEN and SpamCop list it, found from the root",
              sorted(x["list"] for x in ip["listings"]) == ["SpamCop", "Spamhaus ZEN"], ip)
        check("recursive: every list passed its self-test through the recursion",
              all(z["self_test"] is True for z in out["dnsbl_zones"]), out["dnsbl_zones"])
        expect("recursive", out, "ptr", "unknown", "192.0.2.20")
    code, out, p = sender_env(env, "--resolver", DEAD, "--recursive", "2001:db8::25")
    if check("recursive IPv6: JSON", out is not None, p.stderr[-300:]):
        expect("recursive IPv6", out, "dnsbl", "fail", "2001:db8::25")
    code, out, p = sender_env(env, "--resolver", RESOLVER, "--recursive",
                              "--spamhaus-key", "labkey", "203.0.113.125")
    if check("recursive DQS: JSON", out is not None, p.stderr[-300:]):
        expect("recursive DQS", out, "dnsbl", "fail", "203.0.113.125")


def test_spf():
    out = case("spf11", [("spf_lookups", "fail")], rc=1)
    if out:
        # check_host stops at the 11th include: IPs matched before it pass,
        # the one behind it gets permerror (RFC 7208 4.6.4).
        sp = {c["subject"]: c["status"] for c in out["checks"] if c["id"] == "spf_pass"}
        check("spf11: the IP behind the 11th include fails, the first passes",
              sp.get("192.0.2.111") == "fail" and sp.get("192.0.2.101") == "pass", sp)
        ex = [c["explanation_id"] for c in out["checks"]
              if c["id"] == "spf_pass" and c["subject"] == "192.0.2.111"]
        check("spf11: the 11th include's permerror has the permerror's words",
              ex == ["spf_pass.permerror"], ex)
        # the PTR advice once for the 11 IPs, naming them (en, zh: the
        # language's comma between them)
        for lang, said, advice in (
                ("en", "For these 11: 192.0.2.101, 192.0.2.102", "ask them for a PTR record"),
                ("zh", "适用于这 11 项：192.0.2.101，192.0.2.102", "请他们添加类似")):
            code, _, p = sender("--lang", lang, "spf11" + D, expect_json=False)
            check("spf11 terminal (%s): the PTR advice once, naming the 11 IPs" % lang,
                  flat(said) in flat(p.stdout) and flat(p.stdout).count(flat(advice)) == 1,
                  p.stdout[-1500:])
            # the page (sender --html) as the terminal: once, under the
            # first IP's row, naming the others; each IP keeps its row
            page = os.path.join(TMP, "spf11.%s.html" % lang)
            sender("--lang", lang, "--html", page, "spf11" + D, expect_json=False)
            with open(page, encoding="utf-8") as f:
                text = flat(html.unescape(re.sub(r"<[^>]*>", " ", f.read())))
            check("spf11 --html (%s): the PTR advice once, naming the 11 IPs, "
                  "each IP its own row" % lang,
                  flat(said) in text and text.count(flat(advice)) == 1 and
                  all("192.0.2.%d" % n in text for n in range(101, 112)),
                  "advice %d times, list %s" % (text.count(flat(advice)), flat(said) in text))
    case("spfvoid", [("spf_void_lookups", "fail")], rc=1)
    case("spftwo", [("spf_record", "fail")], rc=1)
    case("spfplus", [("spf_all", "fail")], rc=1)
    out = case("spfloop", [("spf_include", "fail"), ("spf_pass", "fail")], rc=1)
    if out:
        # 192.0.2.10 is in the record: a permerror is a broken record, not
        # an IP to add (the advice of a plain fail)
        ex = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "spf_pass"]
        check("spfloop: the permerror's words say to mend the record, not to add the IP",
              ex and ex[0][0] == "spf_pass.permerror" and
              "Adding the IP does not help" in ex[0][1] and "add it to SPF" not in ex[0][1], ex)
        # a loop is no "more than 10 DNS lookups": the record has 2 (RFC 7208 5.2)
        det = [c["detail"] for c in out["checks"] if c["id"] == "spf_pass"]
        check("spfloop: spf_pass says the loop, naming the include and where it is",
              det == ["SPF of spfloop.sender.test: permerror: a loop: "
                      "include:spfloop.sender.test in the record of loop2.spfloop.sender.test "
                      "names a record already being read (RFC 7208 5.2)"], det)
        check("spfloop: the lookups counted stay 2",
              out["spf"]["lookups"] == 2 and
              statuses(out, "spf_lookups") == ["pass"], out["spf"])
        code, _, p = sender("--lang", "zh", "spfloop" + D, expect_json=False)
        check("spfloop terminal (zh): the loop in Chinese, not too many lookups",
              flat("循环引用：include:spfloop.sender.test（在 loop2.spfloop.sender.test "
                   "的记录里）指向一条正在读取的记录") in flat(p.stdout) and
              "超过 10 次" not in p.stdout.split("怎么办")[0], p.stdout[:900])
        for lang, said, unsaid in (("en", "Adding the IP does not help", "add it to SPF"),
                                   ("zh", "把这个 IP 加进 SPF 没有用", "请把它加入 SPF")):
            code, _, p = sender("--lang", lang, "spfloop" + D, expect_json=False)
            check("spfloop terminal (%s): what to do for a permerror" % lang,
                  flat(said) in flat(p.stdout) and flat(unsaid) not in flat(p.stdout),
                  p.stdout[-900:])
    case("spflong", [("spf_record", "fail")], rc=1)
    case("spfnone", [("spf_record", "fail")], rc=1)
    out = case("spf100", [("spf_record", "pass"), ("spf_pass", "pass")])
    if out:
        check("spf100: one SPF among 100 TXT records", out["spf"]["records"] == 1)
    out = case("spfdeep", [("spf_include", "fail")], rc=1)
    if out:
        check("spfdeep: 50-deep include chain ends, bounded",
              out["stats"]["complete"] and out["stats"]["dns_queries"] < 200,
              out["stats"])


def test_spf_fail_who():
    """An office server SPF refuses (192.0.2.72 for hosted.sender.test, whose
    record is "ip4:192.0.2.80 -all"): the advice says who adds it and how -
    whoever manages the domain's DNS, into the one v=spf1 record, keeping the
    provider's include - not only "add it to SPF" (a second record is an
    error for all mail, RFC 7208 3.2)."""
    for lang, words in (("en", ("whoever manages the domain's DNS", "the one v=spf1 record",
                                "a second v=spf1 record")),
                        ("zh", ("由管理域名 DNS 的人", "现有的那条 v=spf1 记录",
                                "再建第二条 v=spf1 记录"))):
        code, out, p = sender("--no-inbound", "--lang", lang, "--ip", "192.0.2.72",
                              "hosted" + D)
        ex = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "spf_pass"] if out else []
        check("office server refused by SPF (%s): who adds it, and into the one "
              "record" % lang, len(ex) == 1 and ex[0][0] == "spf_pass.fail" and
              all(w in ex[0][1] for w in words), ex)


def test_ptr_warn_who():
    """A generic PTR name made of the IP's digits (192.0.2.73's
    73-2-0-192.static.hoster.sender.test): only the IP's owner, the
    provider or hosting company, can change it, as for a missing one
    (ptr.fail) - not "whoever runs the server", who cannot; the name it
    asks for points back (an A record, by whoever manages the domain's
    DNS), so the forward-confirmed check still passes."""
    for lang, words, wrong in (
            ("en", ("Only the owner of the IP (your provider or hosting company)",
                    "not whoever runs the server", "an A record of this IP"),
             "Ask whoever runs the server"),
            ("zh", ("只有 IP 的所有者（服务商或主机商）能修改它", "服务器的管理者改不了",
                    "指向这个 IP 的 A 记录"), "请让服务器的管理者")):
        code, out, p = sender("--no-inbound", "--lang", lang, "--ip", "192.0.2.73",
                              "hosted" + D)
        ex = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "ptr" and c["status"] == "warn"] if out else []
        check("generic PTR name (%s): the IP's owner sets it" % lang, len(ex) == 1 and
              ex[0][0] == "ptr.warn" and all(w in ex[0][1] for w in words) and
              wrong not in ex[0][1], ex)
        code, _, p = sender("--no-inbound", "--lang", lang, "--ip", "192.0.2.73",
                            "hosted" + D, expect_json=False)
        check("generic PTR name (%s): so on the terminal" % lang,
              all(flat(w) in flat(p.stdout) for w in words), p.stdout[-1500:])


def test_ptr_line():
    """A generic PTR name of a home or dynamic line (ptrgeneric: 192.0.2.72's
    72-2-0-192.dyn.isp.sender.test): its provider seldom sets a PTR name
    there, so the advice is to send through the provider's or company's
    mail server, not to ask for a PTR record; the detail names the line's
    word, not the digits."""
    for lang, words, wrong, detail in (
            ("en", ("do not ask for a PTR record",
                    "send through your provider's or your company's mail server instead"),
             ("ask them for a PTR record", "Only the owner of the IP"),
             "72-2-0-192.dyn.isp.sender.test looks like the name of a home or dynamic "
             "line (dyn)"),
            ("zh", ("不必申请 PTR 记录", "请改为通过服务商或公司的邮件服务器发信"),
             ("请他们设置", "只有 IP 的所有者"),
             "72-2-0-192.dyn.isp.sender.test 看起来是家庭宽带或动态 IP 线路的名称（dyn）")):
        code, out, p = sender("--lang", lang, "ptrgeneric" + D)
        ex = [(c["status"], c["explanation_id"], c["detail"], c["explanation"])
              for c in out["checks"] if c["id"] == "ptr"] if out else []
        # the JSON's detail is English whatever the language
        check("PTR of a dynamic line (%s): send through a mail server, no PTR to ask "
              "for" % lang, len(ex) == 1 and ex[0][:3] == (
                  "warn", "ptr.line", "72-2-0-192.dyn.isp.sender.test looks like the "
                  "name of a home or dynamic line (dyn)") and
              all(w in ex[0][3] for w in words) and not any(w in ex[0][3] for w in wrong),
              ex)
        code, _, p = sender("--lang", lang, "ptrgeneric" + D, expect_json=False)
        check("PTR of a dynamic line (%s): so on the terminal, the detail in its "
              "language" % lang, all(flat(w) in flat(p.stdout) for w in words + (detail,)),
              p.stdout[-1500:])


def test_dmarc_dkim():
    case("dmarcmissing", [("dmarc_record", "fail")], rc=1)
    out = case("dmarcnone", [("dmarc_record", "pass"), ("dmarc_policy", "warn"),
                             ("dmarc_rua", "warn")], rc=2)
    if out:
        # "v=DMARC1; p=none" alone: no reports, no policy - the advice to
        # move on "once the reports show" needs a rua= first
        ex = [c["explanation_id"] for c in out["checks"] if c["id"] == "dmarc_rua"]
        check("dmarcnone: no rua= with p=none: the record does nothing",
              ex == ["dmarc_rua.none"], ex)
        # nor "reports only" then: none are asked for
        pol = [(c["explanation_id"], c["detail"], c["explanation"]) for c in out["checks"]
               if c["id"] == "dmarc_policy"]
        check("dmarcnone: the policy's finding does not say it asks for reports",
              len(pol) == 1 and pol[0][:2] == ("dmarc_policy.none_norua",
                                               "p=none: no protection") and
              "only asks for reports" not in pol[0][2], pol)
    for lang, first, then in (("en", "First add rua=mailto:", "Once the reports show"),
                              ("zh", "请先加上 rua=mailto:", "等报告显示您自己的邮件都通过后，改为")):
        code, _, p = sender("--lang", lang, "dmarcnone" + D, expect_json=False)
        t = flat(p.stdout)
        check("dmarcnone terminal (%s): add rua= said before the policy's advice" % lang,
              flat(first) in t and flat(then) in t and t.index(flat(first)) <
              t.index(flat(then)), p.stdout[-900:])
    out = case("inboundbad", [("dmarc_policy", "pass"), ("dmarc_rua", "info")])
    if out:
        check("inboundbad: p=reject without rua= is information, said so",
              [c["detail"] for c in out["checks"] if c["id"] == "dmarc_rua"] ==
              ["no rua=: no reports are asked for"], out["checks"])
    out = case("good", [("dmarc_policy", "pass")])
    if out:
        check("good: its rua= makes no dmarc_rua finding", not statuses(out, "dmarc_rua"),
              statuses(out, "dmarc_rua"))
    case("dmarctwo", [("dmarc_record", "fail")], rc=1)
    out = case("dmarcext", [("dmarc_record", "pass"), ("dmarc_rua", "warn")], rc=2)
    if out:
        rua = statuses(out, "dmarc_rua")
        check("dmarcext: only the unauthorized destination is reported", len(rua) == 1, rua)
        auth = {r["uri"]: r["authorized"] for r in out["dmarc"]["rua"]}
        check("dmarcext: auth.other-sender.test authorized",
              auth.get("mailto:x@auth.other-sender.test") is True
              and auth.get("mailto:r@reports.other-sender.test") is False, auth)
    # the record on the organisational domain only: a subdomain gets its
    # sp=none, not its p=reject (RFC 7489 6.6.3)
    code, out, p = sender("--no-inbound", "news.other-sender.test")
    if check("news.other-sender.test: JSON out", out is not None, p.stderr[-300:]):
        expect("news.other-sender", out, "dmarc_record", "pass")
        expect("news.other-sender", out, "dmarc_policy", "warn")
        pol = [(c["detail"], c["explanation_id"]) for c in out["checks"]
               if c["id"] == "dmarc_policy"]
        check("news.other-sender: the sp= applied is said, with p= for the org domain",
              pol and pol[0][0].startswith("sp=none (the organisational domain's policy "
                                           "for its subdomains; its p=reject is for "
                                           "other-sender.test alone)") and
              pol[0][1] == "dmarc_policy.sp", pol)
        check("news.other-sender: JSON policy none beside p reject, sp none",
              out["dmarc"]["inherited"] and out["dmarc"]["policy"] == "none" and
              out["dmarc"]["p"] == "reject" and out["dmarc"]["sp"] == "none", out["dmarc"])
    code, _, p = sender("--no-inbound", "--lang", "zh", "news.other-sender.test",
                        expect_json=False)
    check("news.other-sender zh: sp= in Chinese, and what to change",
          flat("sp=none（上级主域名给子域名的策略；它的 p=reject 只用于 other-sender.test 本身）")
          in flat(p.stdout) and flat("把那条记录的 sp= 改为 quarantine") in flat(p.stdout),
          p.stdout[-900:])
    code, out, p = sender("good" + D)
    check("good: JSON dmarc policy is its own p=",
          out is not None and out["dmarc"]["policy"] == "reject" and
          not out["dmarc"]["inherited"], out and out["dmarc"])
    out = case("cnameloop", [("dmarc_record", "unknown")])
    if out:
        # DMARC had no usable answer: the rules that need it cannot be
        # judged - unknown, never "DMARC missing" and failed
        rules = {c["subject"]: (c["status"], c["detail"]) for c in out["checks"]
                 if c["id"] == "provider_rules"}
        check("cnameloop: the rules needing DMARC are unknown, DMARC said unknown",
              rules["Gmail and Yahoo (bulk senders)"][0] == "unknown" and
              rules["Microsoft Outlook.com (over 5,000 a day)"][0] == "unknown" and
              "DMARC unknown (no usable DNS answer)" in
              rules["Gmail and Yahoo (bulk senders)"][1] and
              rules["Gmail (all senders)"][0] == "pass", rules)
        code, _, p = sender("--lang", "zh", "cnameloop" + D, expect_json=False)
        check("cnameloop zh: DMARC unknown in Chinese, and what it means",
              flat("DMARC 未知（没有可用的 DNS 回答）") in flat(p.stdout) and
              flat("无法判断是否符合该服务商的要求") in flat(p.stdout), p.stdout)
    # records of 5,000 characters: bounded (each record kept to 4,096 bytes,
    # at most 8 report URIs), the run complete, never a crash
    out = case("dmarclong", [("dmarc_record", "pass"), ("dmarc_policy", "pass")], rc=2)
    if out:
        check("dmarclong: a 6,153-character record, its rua list bounded",
              out["dmarc"]["status"] == "ok" and 0 < len(out["dmarc"]["rua"]) <= 8 and
              out["stats"]["complete"], (out["dmarc"]["status"], len(out["dmarc"]["rua"])))
    # a broken key record is a key found, not "no key at the selectors
    # tried, it may exist under another name" (the revoked one already was)
    out = case("dkimlong", [("dkim_key", "fail"), ("dkim", "pass")], rc=1)
    if out:
        d = [c["detail"] for c in out["checks"] if c["id"] == "dkim_key"]
        check("dkimlong: a 5,086-character key record is refused, said why",
              d and "longer than" in d[0], d)
    case("dkimrevoked", [("dkim_key", "fail"), ("dkim", "pass")], rc=1)
    out = case("dkimweak", [("dkim_key", "fail")], rc=1)
    if out:
        keys = [k for k in out["dkim"] if k["status"] == "ok"]
        check("dkimweak: 512 bits measured", keys and keys[0]["bits"] == 512, keys)
    # SPF missing and no DKIM key at the selectors tried: Gmail's rule for
    # all senders (SPF or DKIM) holds only if DKIM signs, never "probably"
    # (without --allow-private: no sending IP, so the PTR is not checked)
    p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout",
                        "5s", "--json", "ok.test"], capture_output=True,
                       text=True, timeout=60, cwd=REPO)
    out = json.loads(p.stdout) if p.stdout.strip() else None
    if check("ok.test: JSON out", out is not None, p.stderr[-300:]):
        rules = {c["subject"]: c for c in out["checks"]
                 if c["id"] == "provider_rules"}
        g = rules.get("Gmail (all senders)", {})
        check("ok.test: SPF missing, no DKIM key found: Gmail's rule "
              "said to hold only if DKIM signs", g.get("status") == "warn" and
              "SPF missing" in g.get("detail", "") and
              "only if" in g.get("explanation", "") and
              "robably" not in g.get("explanation", ""), g)
    # an office network's IP given as the sending IP: the public one asked
    # for, not --allow-private (blocklists and PTRs of it mean nothing)
    for lang, want in (("en", "public sending IP"), ("zh", "公网发信 IP")):
        p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--lang",
                            lang, "192.168.1.10"], capture_output=True,
                           text=True, timeout=60, cwd=REPO)
        check("sender 192.168.1.10 (--lang %s): the public IP asked for, "
              "no --allow-private hint" % lang, p.returncode == 2 and
              flat(want) in flat(p.stdout) and "allow-private" not in p.stdout,
              p.stdout[-600:])
    # each IP given is its finding's subject: no blank "-" in its place,
    # in the terminal, the JSON and the page
    path = os.path.join(TMP, "private.html")
    p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--html", path,
                        "192.168.1.10", "10.0.0.1"], capture_output=True,
                       text=True, timeout=60, cwd=REPO)
    lines = [l for l in p.stdout.splitlines() if l.startswith("! Sending IPs")]
    check("sender 192.168.1.10 10.0.0.1: one finding per IP, the IP its subject",
          [l.split(":")[0] for l in lines] ==
          ["! Sending IPs  192.168.1.10", "! Sending IPs  10.0.0.1"], p.stdout[-600:])
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("sender 192.168.1.10 (html): the IP is the subject, not '-'",
          "</b> 192.168.1.10<div" in page and "</b> -<div" not in page,
          re.findall(r"</b>[^<]*<div", page))
    p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--json", "--lang", "zh",
                        "192.168.1.10"], capture_output=True, text=True, timeout=60,
                       cwd=REPO)
    got = [(c["id"], c["subject"], c["detail"])
           for c in json.loads(p.stdout)["checks"]] if p.stdout.strip() else p.stderr
    check("sender 192.168.1.10 (json): the IP is the subject, the detail in English",
          got == [("sending_ips", "192.168.1.10", "a private address, used only inside "
                   "your network: receiving servers see your public sending IP; give "
                   "that one")], got)
    case("dkimtest", [("dkim_key", "warn")], rc=2)
    case("dkimother", [("dkim", "warn")], rc=2)
    case("dkimother", [("dkim", "pass"), ("dkim_key", "pass")], rc=0,
         extra=("--dkim-selector", "s2026"))


def test_identity():
    out = case("ptrnone", [("ptr", "fail")], rc=1)
    if out:
        check("ptrnone: no fcrdns without a PTR", not statuses(out, "fcrdns"))
    out = case("ptrbad", [("ptr", "pass"), ("fcrdns", "fail")], rc=1)
    if out:
        # the PTR is there, its name does not resolve back: not "PTR missing"
        rules = [c["detail"] for c in out["checks"] if c["id"] == "provider_rules" and
                 "PTR" in c["detail"]]
        check("ptrbad: the rules say the PTR is not confirmed, not missing",
              len(rules) == 2 and all("not confirmed (the name does not resolve back)" in d
                                      and "missing" not in d for d in rules), rules)
    case("ptrgeneric", [("ptr", "warn"), ("fcrdns", "pass")], rc=2)
    case("good", [("helo", "pass")], rc=0, extra=("--helo", "mail.good" + D))
    case("good", [("helo", "warn")], rc=2, extra=("--helo", "elsewhere.ptrbad" + D))
    case("good", [("helo", "fail")], rc=1, extra=("--helo", "nothing" + D))
    # a one-label HELO (a Windows PC's name; "mail." is one label too) is
    # no name EHLO may give (RFC 5321 4.1.1.1): said so, not asked of DNS
    # (the lab's resolver answers SERVFAIL to one label, read as unknown)
    for name in ("DESKTOP-7H3KQ2P", "mail."):
        out = case("good", [("helo", "fail")], rc=1, extra=("--helo", name))
        helo = [(c["explanation_id"], c["detail"]) for c in out["checks"]
                if c["id"] == "helo"] if out else []
        check("--helo %s: not a fully qualified name, not looked up" % name,
              helo == [("helo.not_fqdn", "%s is not a fully qualified name (one label): "
                        "not looked up" % name)], helo)
    for lang, said in (("en", "not a fully qualified domain name"), ("zh", "不是完整域名")):
        code, _, p = sender("--lang", lang, "--helo", "DESKTOP-7H3KQ2P", "good" + D,
                            expect_json=False)
        check("--helo DESKTOP-7H3KQ2P terminal (%s): said, with RFC 5321, no SERVFAIL"
              % lang, flat(said) in flat(p.stdout) and flat("RFC 5321 4.1.1.1") in flat(p.stdout) and
              "SERVFAIL" not in p.stdout, p.stdout[-900:])
    case("nullmx", [("mx_inbound", "fail")], rc=1)
    # a null MX is the domain's own choice: no spelling to check, no MX to
    # repair, but one to replace; receivers may refuse its mail (RFC 7505)
    for lang, words in (("en", ("null MX", "5.7.27", "replace the null MX")),
                        ("zh", ("空 MX", "5.7.27", "请把空 MX 换成"))):
        code, out, p = sender("--lang", lang, "nullmx" + D)
        ex = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "mx_inbound"] if out else []
        check("nullmx (%s): the null MX's own advice" % lang, len(ex) == 1 and
              ex[0][0] == "mx_inbound.null" and all(w in ex[0][1] for w in words) and
              "spelling" not in ex[0][1] and "拼写" not in ex[0][1], ex)
    out = case("inboundbad", [("mx_inbound", "fail")], rc=1)
    if out:
        d = [c["detail"] for c in out["checks"] if c["id"] == "mx_inbound"]
        check("inboundbad: postmaster@ refused with the server's 550", d and "550" in d[0], d)
        # the whole 3-line reply, not its first line cut mid-sentence ("Please try")
        check("inboundbad: every line of the server's reply", d and
              "Please try double-checking the recipient's email address" in d[0] and
              "NoSuchUser" in d[0], d)
    # no reply to quote: the verdict and its reason in words, not JSON names
    code, out, p = sender("--ca-file", CA, "stsmismatch.test")
    if check("stsmismatch inbound: JSON", out is not None, p.stderr[-300:]):
        d = [c["detail"] for c in out["checks"] if c["id"] == "mx_inbound"]
        check("stsmismatch inbound: why in words, no JSON names",
              d == ["postmaster@stsmismatch.test could not be checked from here: Encryption "
                    "(TLS) failed (Mail server fails the domain's MTA-STS policy)"], d)
    code, _, p = sender("--lang", "zh", "--ca-file", CA, "stsmismatch.test", expect_json=False)
    check("stsmismatch inbound zh: the verdict and the reason in Chinese",
          flat("从这里无法检查 postmaster@stsmismatch.test：加密（TLS）失败（邮件服务器不符合"
               "该域名的 MTA-STS 策略）") in flat(p.stdout), p.stdout[:900])
    # the server's words quoted as the server wrote them, colons and all
    code, _, p = sender("--lang", "zh", "--ca-file", CA, "stsenforce.test", expect_json=False)
    check("stsenforce zh: the server's reply quoted as it is",
          flat("“550 <postmaster@stsenforce.test>: Recipient address rejected: User unknown”")
          in flat(p.stdout), p.stdout[:900])
    out = case("good", [("mx_inbound", "pass")], rc=0)
    if out:
        d = [c["detail"] for c in out["checks"] if c["id"] == "mx_inbound"]
        check("good: postmaster@ accepted through the engine", d and "accepted" in d[0], d)
    out = case("good", [("mx_inbound", "pass")], rc=0, extra=("--no-inbound",))
    if out:
        d = [c["detail"] for c in out["checks"] if c["id"] == "mx_inbound"]
        check("good --no-inbound: MX only", d and "not connected" in d[0], d)


def test_parallel_same_as_sequential():
    """All queries at once and one at a time find the same things; the
    parallel run waits far fewer rounds than it asks queries."""
    _, par, _ = sender("bench4" + D)
    _, seq, _ = sender("--max-dns", "1", "bench4" + D)
    if not check("bench4: JSON both ways", par is not None and seq is not None):
        return
    strip = lambda o: [(c["id"], c["status"], c["subject"]) for c in o["checks"]]
    check("bench4: the same findings with --max-dns 1", strip(par) == strip(seq))
    check("bench4: 4 sending IPs through the SPF include", len(par["ips"]) == 4, par["ips"])
    check("bench4: rounds well below queries",
          par["stats"]["rounds"] * 5 < par["stats"]["dns_queries"], par["stats"])


def test_neighbours_sweep():
    """--neighbours: the other 253 addresses of 192.0.2.0/24 on the sweep
    lists (ZEN, UCEPROTECT 1), rate-limited: only .20 is listed there (.40
    is a PBL policy listing, .50 a refused answer)."""
    out = case("good", [("dnsbl_sweep", "warn", "192.0.2.10"), ("dnsbl", "pass")],
               extra=("--neighbours",))
    if out:
        sw = out["ips"][0].get("sweep")
        check("sweep: 253 checked, 1 listed, 1 without a usable answer",
              sw == {"checked": 253, "listed": 1, "unknown": 1}, sw)
        check("sweep: about 506 more queries", out["stats"]["dns_queries"] > 500,
              out["stats"])


def test_provider():
    out = case("hosted", [("provider", "warn")])
    if out:
        check("hosted: shared web hosting named, from the PTR",
              out["provider"] and out["provider"]["kind"] == "shared_hosting"
              and "cpanel5" in out["provider"]["evidence"], out.get("provider"))
    out = case("good", [])
    if out:
        check("good: no provider guessed", out["provider"] is None, out.get("provider"))


def test_message():
    """--message: the IP the receiver recorded, the HELO of that hop and the
    DKIM selector of the signature come from a message we sent."""
    code, out, p = sender("--message", "test/fixtures/sender/received.eml")
    if not check("message: JSON", out is not None, p.stderr[-300:]):
        return
    check("message: the domain from DKIM d=", out["domain"] == "dkimother.sender.test",
          out["domain"])
    check("message: the sending IP from Received:",
          [i["ip"] for i in out["ips"]] == ["192.0.2.20"], out["ips"])
    check("message: the IP's source is the message, not --ip",
          [i["source"] for i in out["ips"]] == ["--message"], out["ips"])
    expect("message", out, "dnsbl", "fail", "192.0.2.20")
    expect("message", out, "dkim_key", "pass")
    check("message: the selector s2026 tried first", out["dkim"][0]["selector"] == "s2026")
    expect("message", out, "helo", "fail")
    # its IP fails SPF, its DKIM key is there: Gmail's rule for all senders
    # (SPF or DKIM) holds, and the row says why beside "SPF missing/failing"
    gmail = [c for c in out["checks"] if c["id"] == "provider_rules" and
             c["subject"] == "Gmail (all senders)"]
    check("message: Gmail (all senders) passes on DKIM alone, saying one is enough",
          len(gmail) == 1 and gmail[0]["status"] == "pass" and
          "SPF missing/failing" in gmail[0]["detail"] and
          "SPF or DKIM (one is enough)" in gmail[0]["detail"], gmail)
    code, _, p = sender("--lang", "zh", "--message", "test/fixtures/sender/received.eml",
                        expect_json=False)
    check("message zh: the Gmail row says one of SPF and DKIM is enough",
          flat("✓ 邮箱服务商要求  Gmail（对所有发件方）：SPF 或 DKIM（有一个通过即可）："
               "SPF 缺失或未通过，DKIM 正常；") in flat(p.stdout), p.stdout[-1500:])
    # Outlook keeps a received message as .msg (its headers as
    # PR_TRANSPORT_MESSAGE_HEADERS): the same sending side comes out of it
    mkmsg = os.environ.get("MKMSG", os.path.join(REPO, "build", "tools", "mkmsg"))
    with tempfile.TemporaryDirectory() as tmp:
        msg = os.path.join(tmp, "received.msg")
        subprocess.run([mkmsg, "from-eml", msg,
                        os.path.join(REPO, "test/fixtures/sender/received.eml")],
                       check=True, timeout=30)
        code, fromsg, p = sender("--message", msg)
    if check("message saved as .msg: JSON", fromsg is not None, p.stderr[-300:]):
        check("message saved as .msg: the same domain, IPs, selector and HELO",
              (fromsg["domain"], [i["ip"] for i in fromsg["ips"]],
               fromsg["dkim"][0]["selector"], statuses(fromsg, "helo")) ==
              (out["domain"], [i["ip"] for i in out["ips"]],
               out["dkim"][0]["selector"], statuses(out, "helo")),
              (fromsg["domain"], fromsg["ips"]))
    code, _, p = sender("--message", "test/fixtures/sender/no-received.eml",
                        expect_json=False)
    check("message without Received: exit 65 (data error) and why",
          code == 65 and "Received" in p.stderr, (code, p.stderr))
    test_message_unsigned()
    test_message_signer()
    test_message_inline_forward()
    test_message_report()
    test_message_not_one()
    test_message_folder()
    test_message_other_domain()
    test_signed_selector()
    test_dkim_unanswered()


def test_message_unsigned():
    """A --message without a DKIM-Signature, and no key found: as received,
    the mail goes out unsigned; a Sent-folder copy is kept before signing
    and shows nothing. Neither asks again for the --message given."""
    unsigned = fixture_variant(
        "received.eml", "received-unsigned.eml",
        ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=dkimother.sender.test;\n"
         "\ts=s2026; h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
         "\tb=dGVzdHNpZ25hdHVyZQ==\n", ""),
        ("Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=dkimother.sender.test;\n"
         "\tdkim=pass header.d=dkimother.sender.test header.s=s2026\n", ""),
        ("dkimother", "hosted"))
    for path, eid, said in ((unsigned, "dkim.unsigned", "your mail goes out unsigned"),
                            ("test/fixtures/sender/sent-copy.eml", "dkim.sent_copy",
                             "a copy from the Sent folder, has no DKIM-Signature")):
        code, out, p = sender("--no-inbound", "--message", path)
        if not check("%s: JSON" % eid, out is not None, p.stderr[-300:]):
            continue
        d = [(c["status"], c["explanation_id"], c["detail"]) for c in out["checks"]
             if c["id"] == "dkim"]
        check("%s: the message's missing signature is said, not 'give --message'" % eid,
              out["domain"] == "hosted.sender.test" and len(d) == 1 and
              d[0][:2] == ("warn", eid) and said in d[0][2] and
              "give --dkim-selector or --message" not in d[0][2], d)
    code, _, p = sender("--no-inbound", "--lang", "zh", "--message", unsigned,
                        expect_json=False)
    check("dkim.unsigned zh: said in Chinese, with what to turn on",
          flat("您的邮件发出时没有签名") in flat(p.stdout) and
          flat("请在邮件发出的地方开启 DKIM 签名") in flat(p.stdout), p.stdout[-900:])
    # a key published (good has one at "default"), the message unsigned:
    # the key is not used, signing is off - not "1 key found" as a pass
    unused = fixture_variant(
        "received.eml", "received-unsigned-good.eml",
        ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=dkimother.sender.test;\n"
         "\ts=s2026; h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
         "\tb=dGVzdHNpZ25hdHVyZQ==\n", ""),
        ("Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=dkimother.sender.test;\n"
         "\tdkim=pass header.d=dkimother.sender.test header.s=s2026\n", ""),
        ("dkimother", "good"))
    code, out, p = sender("--no-inbound", "--message", unused)
    d = [(c["status"], c["explanation_id"], c["detail"]) for c in out["checks"]
         if c["id"] == "dkim"] if out is not None else []
    check("dkim.key_unused: a key found, the message unsigned: a warning, not a pass",
          out is not None and out["domain"] == "good.sender.test" and len(d) == 1 and
          d[0][:2] == ("warn", "dkim.key_unused") and "1 key found" in d[0][2] and
          "your mail goes out unsigned" in d[0][2], d or p.stderr[-300:])
    code, _, p = sender("--no-inbound", "--lang", "zh", "--message", unused,
                        expect_json=False)
    check("dkim.key_unused zh: said in Chinese, with what to turn on",
          flat("密钥没有用上") in flat(p.stdout) and
          flat("使用已发布密钥的那个选择器") in flat(p.stdout), p.stdout[-900:])
    code, out, p = sender("--no-inbound", "hosted" + D)
    check("no --message: the selectors' words stay",
          out is not None and [c["explanation_id"] for c in out["checks"]
                               if c["id"] == "dkim"] == ["dkim.warn"], p.stderr[-300:])


def test_message_signer():
    """A --message signed by another domain than its From: (the provider's
    d=, not aligned, RFC 7489 3.1.1): said, with what to ask the provider;
    our domain is From:'s, not the signer's. A second signature of our own
    domain beside it aligns: no such warning."""
    sig = ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=dkimother.sender.test;\n"
           "\ts=s2026;")
    ar = "header.d=dkimother.sender.test header.s=s2026"
    other = fixture_variant("received.eml", "received-provider-d.eml",
                            (sig, sig.replace("d=dkimother.sender.test", "d=exmail.qq.test")
                             .replace("s=s2026", "s=s201512")),
                            (ar, "header.d=exmail.qq.test header.s=s201512"),
                            ("dkimother", "good"))
    code, out, p = sender("--no-inbound", "--message", other)
    d = [(c["status"], c["explanation_id"], c["detail"], c["explanation"])
         for c in out["checks"] if c["id"] == "dkim"] if out is not None else []
    check("dkim.other_domain: our domain is From:'s, not the provider's d=",
          out is not None and out["domain"] == "good.sender.test",
          out["domain"] if out else p.stderr[-300:])
    check("dkim.other_domain: a warning naming the d= that signed and DMARC",
          len(d) == 1 and d[0][:3] == (
              "warn", "dkim.other_domain",
              "the --message is signed by d=exmail.qq.test, not by good.sender.test: "
              "that signature does not count for DMARC (RFC 7489 3.1.1)") and
          "sign your mail with your own domain" in d[0][3], d)
    rules = [c["detail"] for c in out["checks"] if c["id"] == "provider_rules"] if out else []
    check("dkim.other_domain: the bulk senders' rule says DKIM is another domain's, not ok",
          any("DKIM (>= 1024 bits) signed by another domain" in r for r in rules), rules)
    code, _, p = sender("--no-inbound", "--lang", "zh", "--message", other,
                        expect_json=False)
    check("dkim.other_domain zh: said in Chinese, with what to ask the provider",
          flat("--message 的签名是 d=exmail.qq.test 的，不是 good.sender.test 的") in
          flat(p.stdout) and flat("请让邮件服务商用您自己的域名给邮件签名") in flat(p.stdout),
          p.stdout[-1200:])
    both = fixture_variant("received.eml", "received-two-d.eml",
                           (sig, sig.replace("d=dkimother.sender.test", "d=exmail.qq.test") +
                            " h=from; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
                            "\tb=dGVzdA==\n" + sig))
    code, out, p = sender("--no-inbound", "--message", both)
    check("a signature of our own beside the provider's: aligned, no dkim.other_domain",
          out is not None and out["domain"] == "dkimother.sender.test" and
          "dkim.other_domain" not in [c["explanation_id"] for c in out["checks"]],
          [(c["id"], c["explanation_id"]) for c in out["checks"]] if out else p.stderr[-300:])


INLINE_FWD = """Return-Path: <buyer@example.test>
Received: from mx.example.test (mx.example.test [192.0.2.99])
\tby mx.good.sender.test (Postfix) with ESMTPS id 1A2B3C
\tfor <sales@good.sender.test>; Tue, 01 Dec 2026 09:00:02 +0000 (UTC)
Received: from [192.168.1.5] (unknown [192.168.1.5])
\tby mx.example.test (Postfix) with ESMTPSA id 7F7F7F
\tfor <sales@good.sender.test>; Tue, 01 Dec 2026 09:00:01 +0000 (UTC)
From: Buyer <buyer@FROMDOM>
To: Sales <sales@good.sender.test>
Subject: SUBJECT
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <fwd-1@example.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Your mail went to our junk folder, see below.

MARK
From: Sales <sales@good.sender.test>
Date: Mon, 30 Nov 2026 08:12:00 +0000
Subject: Quotation
To: <buyer@example.test>

Our quotation is attached.
"""


def test_message_inline_forward():
    """A customer's forward that quotes our message in its text (Gmail's
    "---------- Forwarded message ---------", its zh-CN "转发的邮件"), as
    explain recognises it: its headers are the customer's, so nothing of it
    is checked as ours (exit 65), and what to ask for is said - never the
    customer's hop, nor its private IP offered for --ip. A forward sent
    from the domain given is our own mail, read as such."""
    cases = (("Fwd: Quotation", "---------- Forwarded message ---------", "en",
              "a forward from example.test that quotes your message in its text",
              "Forward as attachment"),
             ("\u8f6c\u53d1\uff1a\u62a5\u4ef7", "---------- \u8f6c\u53d1\u7684\u90ae\u4ef6 ---------",
              "zh", "这是 example.test 发来的转发邮件，您的邮件放在它的正文里", "作为附件转发"))
    for subj, mark, lang, said, ask in cases:
        path = os.path.join(TMP, "inline-fwd-%s.eml" % lang)
        with open(path, "w") as f:
            f.write(INLINE_FWD.replace("FROMDOM", "example.test")
                    .replace("SUBJECT", subj).replace("MARK", mark))
        for extra in ((), ("good" + D,)):
            code, out, p = sender("--no-inbound", "--lang", lang, "--message", path, *extra)
            check("inline forward (%s%s): refused, exit 65, nothing checked"
                  % (lang, ", domain given" if extra else ""),
                  code == 65 and out is None and flat(said) in flat(p.stderr) and
                  flat(ask) in flat(p.stderr) and "192.168.1.5" not in p.stderr and
                  "192.0.2.99" not in p.stderr, (code, p.stdout[-300:], p.stderr[-600:]))
    # our own forward (sales forwards an earlier quotation to a customer):
    # its headers are ours, read as a message we sent
    own = os.path.join(TMP, "inline-fwd-own.eml")
    with open(own, "w") as f:
        f.write(INLINE_FWD.replace("FROMDOM", "good.sender.test")
                .replace("SUBJECT", "Fwd: Quotation")
                .replace("MARK", "---------- Forwarded message ---------"))
    code, out, p = sender("--no-inbound", "--message", own, "good" + D)
    check("an inline forward sent from the domain given: read as ours",
          out is not None and [i["ip"] for i in out["ips"]] == ["192.0.2.99"],
          (code, p.stderr[-300:]))


def test_inbound_proxy():
    """The inbound check through a --proxy that fails (the lab's Dante that
    refuses port 25, a proxy nobody listens on): the advice is about the
    proxy, never "use --proxy" to someone who did, in en and zh; without
    a proxy the advice to use one stays."""
    for proxy, said in (("127.0.108.3:1080", "Your proxy forbids port 25"),
                        ("127.0.108.9:1080", "Your proxy cannot be reached")):
        code, out, p = sender("--proxy", "socks5://" + proxy, "good" + D)
        if not check("inbound via %s: JSON" % proxy, out is not None, p.stderr[-300:]):
            continue
        c = [c for c in out["checks"] if c["id"] == "mx_inbound"]
        check("inbound via %s: unknown, the proxy's failure named" % proxy,
              len(c) == 1 and c[0]["status"] == "unknown" and said in c[0]["detail"], c)
        ex = c[0]["explanation"] if c else ""
        check("inbound via %s: the advice is to fix the proxy, not to use one" % proxy,
              "through your proxy" in ex and "Fix the proxy" in ex and
              "use --proxy" not in ex, ex)
    code, _, p = sender("--lang", "zh", "--proxy", "socks5://127.0.108.3:1080", "good" + D,
                        expect_json=False)
    check("inbound via a proxy (zh): the advice is to fix the proxy",
          flat("经由您的代理（--proxy）连不上它的邮件服务器") in flat(p.stdout) and
          "请用 --proxy" not in p.stdout, p.stdout[-900:])
    # the page says what the terminal says (it used to pick the words from
    # the check's id and status alone), and so does report of the record,
    # in the other language too (explanation_id)
    page = os.path.join(TMP, "inbound-proxy.html")
    rec = os.path.join(TMP, "inbound-proxy.json")
    code, out, p = sender("--html", page, "--proxy", "socks5://127.0.108.3:1080", "good" + D)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    check("inbound via a proxy: --html gives the proxy's advice",
          "Fix the proxy" in html and "use --proxy" not in html, html[-600:])
    c = [c for c in (out or {}).get("checks", []) if c["id"] == "mx_inbound"]
    check("inbound via a proxy: explanation_id names the proxy's advice",
          len(c) == 1 and c[0].get("explanation_id") == "mx_inbound.proxy", c)
    with open(rec, "w", encoding="utf-8") as f:
        json.dump(out, f)
    r = subprocess.run([BIN, "report", "--lang", "zh", "-o", page, rec],
                       capture_output=True, text=True, timeout=60, cwd=REPO)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    check("inbound via a proxy: report --lang zh of the record gives the proxy's "
          "advice in Chinese", r.returncode == 0 and "经由您的代理" in html and
          "请用 --proxy" not in html, (r.returncode, r.stderr[-300:]))
    code, out, p = sender("--proxy", "socks5://127.0.108.1:1080", "good" + D)
    if check("inbound via a working proxy: JSON", out is not None, p.stderr[-300:]):
        expect("inbound via a working proxy", out, "mx_inbound", "pass")


def stderr_on_pty(args):
    """mxtrace sender ARGS with its standard error a pseudo-terminal (its
    output piped): (exit status, what the terminal got)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, "sender", "--resolver", RESOLVER, "--allow-private"] +
                         list(args), stdout=subprocess.PIPE, stderr=slave, cwd=REPO)
    os.close(slave)
    got = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        got += chunk
    p.communicate(timeout=60)
    os.close(master)
    return p.returncode, got.decode("utf-8", "replace")


def test_inbound_slow_notice():
    """The inbound check to a domain whose MX hosts drop port 25 (the
    lab's blackholes: every connect waits out --timeout, as on an office
    network that filters port 25): after 5 s a person at a terminal is
    told what it waits for and how to skip it, once, in Chinese too; not
    when standard error is no terminal, nor when the check is quick."""
    for lang, said in (("en", "still checking that mail to postmaster@blackhole.test"),
                       ("zh", "仍在通过 25 端口检查发往 postmaster@blackhole.test")):
        code, tty = stderr_on_pty(["--lang", lang, "--timeout", "4s", "blackhole.test"])
        check("slow inbound check at a terminal (%s): said once, with --no-inbound" % lang,
              flat(tty).count(flat(said)) == 1 and "--no-inbound" in tty, tty[-600:])
    code, _, p = sender("--timeout", "4s", "blackhole.test", expect_json=False)
    check("slow inbound check, standard error not a terminal: not said",
          "still checking" not in p.stderr, p.stderr[-300:])
    code, tty = stderr_on_pty(["good" + D])
    check("quick inbound check at a terminal: not said", "still checking" not in tty,
          tty[-300:])


def test_message_report():
    """--message with a report about our message (a DSN quoting its headers,
    an NDR attaching it): the IP, HELO and selector come from the quoted
    copy, never from the report's own Received: lines (the customer's
    server sending the bounce back to us, 203.0.113.25); a bounce that
    quotes no copy is refused, never read as our own message."""
    for fix in ("bounce-dsn.eml", "bounce-rfc822.eml"):
        code, out, p = sender("--message", "test/fixtures/sender/" + fix)
        if not check("report %s: JSON" % fix, out is not None, p.stderr[-300:]):
            continue
        check("report %s: the domain of our message, not the bounce's" % fix,
              out["domain"] == "hosted.sender.test", out["domain"])
        check("report %s: the IP our server sent from, not the bounce's" % fix,
              [i["ip"] for i in out["ips"]] == ["192.0.2.80"], out["ips"])
        expect("report " + fix, out, "helo", "pass", "192.0.2.80")
        check("report %s: the copy's selector tried first" % fix,
              out["dkim"][0]["selector"] == "default", out["dkim"][:1])
    # a customer returns our message (received.eml, as their server got it)
    # attached to a mail of their own ("it went to our junk folder"),
    # addressed to our domain: the copy's hop is read, not the forward's
    # own hop from their server to ours (203.0.113.25, their domain); our
    # message attached to one we sent elsewhere is not read so
    with open(os.path.join(REPO, "test/fixtures/sender/received.eml")) as f:
        copy = f.read()
    for to, ip, dom in (("sales@dkimother.sender.test", "192.0.2.20",
                         "dkimother.sender.test"),
                        ("it@elsewhere.example", "203.0.113.25",
                         "customer.example")):
        fwd = os.path.join(TMP, "returned-copy.eml")
        with open(fwd, "w") as f:
            f.write("Received: from mail.customer.example (mail.customer.example "
                    "[203.0.113.25])\n\tby mx.dkimother.sender.test (Postfix) with "
                    "ESMTPS id 1A2B\n\tfor <%s>; Mon, 30 Nov 2026 10:00:05 +0000\n"
                    "From: Buyer <buyer@customer.example>\nTo: %s\n"
                    "Subject: FW: Quotation\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n"
                    "MIME-Version: 1.0\n"
                    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n"
                    "Content-Type: text/plain\n\nYour mail went to our junk folder, "
                    "copy attached.\n\n--b1\nContent-Type: message/rfc822\n\n%s\n"
                    "--b1--\n" % (to, to, copy))
        code, out, p = sender("--message", fwd)
        check("a forward to %s attaching our message: %s read" % (to, ip),
              out is not None and out["domain"] == dom and
              [i["ip"] for i in out["ips"]] == [ip],
              (code, out and out["domain"], out and out["ips"], p.stderr[-300:]))
    # a copy from the Sent folder: only the login hop from the office PC to
    # the server, no IP a receiver saw; the user is told where the IPs
    # checked come from instead
    for lang, said in (("en", "show no receiving server"), ("zh", "里没有收件服务器")):
        code, out, p = sender("--lang", lang, "--message",
                              "test/fixtures/sender/sent-copy.eml")
        check("sent-folder copy (%s): the IP from SPF, and said why" % lang,
              out is not None and [i["source"] for i in out["ips"]] ==
              ["SPF ip4:192.0.2.80 (hosted.sender.test)"] and said in p.stderr and
              "--ip" in p.stderr, (out and out["ips"], p.stderr[-400:]))
    # the same copy from a server that does not mark a login (Coremail's
    # "with SMTP", QQ's "(ESMTP) with SMTP"): its one hop comes from a
    # computer (a one-label HELO: a Windows PC's name; an address literal:
    # Thunderbird's), so the office IP is not checked as the sending IP,
    # and --ip is offered in case that computer sends by itself
    for fix in ("sent-copy-coremail.eml", "sent-copy-literal.eml"):
        for lang, said in (("en", "only Received: line is a computer"),
                           ("zh", "唯一的 Received: 行是一台电脑")):
            code, out, p = sender("--lang", lang, "--message",
                                  "test/fixtures/sender/" + fix)
            page = os.path.join(TMP, "sent-copy.%s.html" % lang)
            sender("--lang", lang, "--message", "test/fixtures/sender/" + fix,
                   "--html", page, expect_json=False)
            with open(page, encoding="utf-8") as f:
                body = html.unescape(f.read())
            check("%s (%s): no IP direct, and the page does not say so" % (fix, lang),
                  out is not None and [i["direct"] for i in out["ips"]] == [False] and
                  "--message）是一台电脑" not in body and
                  "went from a computer straight" not in body,
                  (out and out["ips"], body[body.find("<section"):][:400]))
            check("%s (%s): the IP from SPF, the office IP offered for "
                  "--ip" % (fix, lang), out is not None and
                  [i["source"] for i in out["ips"]] ==
                  ["SPF ip4:192.0.2.80 (hosted.sender.test)"] and
                  said in p.stderr and "--ip 113.87.12.34" in p.stderr,
                  (out and out["ips"], p.stderr[-400:]))
    # the same one hop, but judged by the server it reached (its own
    # Authentication-Results, RFC 8601 5): not a Sent-folder copy but a
    # computer sending straight to the recipient's server (bulk-mail
    # software): its IP and HELO are the ones checked, and the note says so,
    # never "a copy from your Sent folder" nor --ip for the IP it checks
    # counted in lower case: "Send through ..." opens a sentence too
    thru = {"en": "send through your company's mail server", "zh": "通过公司的邮件服务器发信"}
    direct = fixture_variant(
        "sent-copy-coremail.eml", "direct-from-pc.eml",
        ("113.87.12.34", "192.0.2.99"),
        ("smtp3.mail.hosted.sender.test (Coremail)", "newxmmxszc6-1.qq.test (NewMx)"),
        ("From: ", "Authentication-Results: newxmmxszc6-1.qq.test; spf=fail "
         "smtp.mailfrom=hosted.sender.test\nFrom: "))
    for lang, said in (("en", "handed it straight to the recipient's mail server "
                              "(newxmmxszc6-1.qq.test), with no mail server of yours between"),
                       ("zh", "直接交给收件服务器（newxmmxszc6-1.qq.test）的")):
        code, out, p = sender("--no-inbound", "--lang", lang, "--message", direct)
        # the page says it too, once, before the cards: the terminal's
        # note goes to stderr, which a page never shows
        page = os.path.join(TMP, "direct.%s.html" % lang)
        sender("--no-inbound", "--lang", lang, "--message", direct, "--html", page,
               expect_json=False)
        with open(page, encoding="utf-8") as f:
            body = html.unescape(f.read())
        first = {"en": ("went from a computer straight to the recipient's server",
                        "Do this first", "port 587", "192.0.2.99 is that computer's "
                        "office line"),
                 "zh": ("是一台电脑直接交给收件服务器的", "请先做这一步", "端口 587",
                        "192.0.2.99 是这台电脑所在的办公线路")}[lang]
        check("a PC straight to the recipient's server (%s): the page says first, once, "
              "to send through the company's mail server" % lang,
              all(body.count(w) == 1 for w in first[:2]) and
              all(w in body for w in first) and
              body.index(first[0]) < body.index('<div class="cards">'),
              body[body.find("<section"):][:600])
        # and says it only there: the findings below point to the note
        once = (thru[lang], {"en": "port 587", "zh": "端口 587"}[lang],
                {"en": "Doing what the note at the top says mends this",
                 "zh": "按页首提示的做法去做"}[lang])
        check("a PC straight to the recipient's server (%s): the page says to send "
              "through the mail server once, the findings point to the note" % lang,
              [body.lower().count(w.lower()) for w in once] == [1, 1, 3],
              [body.lower().count(w.lower()) for w in once])
        check("a PC straight to the recipient's server (%s): ips[].direct in the "
              "JSON" % lang, out is not None and
              [i["direct"] for i in out["ips"]] == [True], out and out["ips"])
        check("a PC straight to the recipient's server (%s): its IP and HELO checked, "
              "said so" % lang, out is not None and
              [(i["ip"], i["source"]) for i in out["ips"]] == [("192.0.2.99", "--message")] and
              statuses(out, "helo") != [] and flat(said) in flat(p.stderr) and
              "Sent folder" not in p.stderr and "--ip" not in p.stderr,
              (out and out["ips"], p.stderr[-500:]))
        # SPF fails for that office IP: the fix is to send through the
        # company's mail server, never to list an office line in SPF
        spf = [(c["explanation_id"], c["explanation"]) for c in out["checks"]
               if c["id"] == "spf_pass"] if out else []
        fix = {"en": ("Do not add it to SPF", "port 587"),
               "zh": ("不要把它加入 SPF", "端口 587")}[lang]
        helo = [(c["status"], c["explanation_id"]) for c in out["checks"]
                if c["id"] == "helo"] if out else []
        check("a PC straight to the recipient's server (%s): its one-label HELO "
              "not fully qualified, not SERVFAIL" % lang,
              helo == [("fail", "helo.not_fqdn")], helo)
        ptr = [c["explanation_id"] for c in out["checks"] if c["id"] == "ptr"] if out else []
        word = {"en": "do not ask the line's provider for a PTR name",
                "zh": "不必请线路的运营商设置 PTR 名称"}[lang]
        check("a PC straight to the recipient's server (%s): no PTR to ask the line's "
              "provider for, send through the mail server" % lang,
              ptr == ["ptr.direct"] and any(word in c["explanation"] for c in out["checks"]
                                            if c["id"] == "ptr"), ptr)
        check("a PC straight to the recipient's server (%s): SPF's advice is to send "
              "through the mail server, not to add the IP to SPF" % lang,
              len(spf) == 1 and spf[0][0] == "spf_pass.direct" and
              all(f in spf[0][1] for f in fix) and
              "If this is your real server" not in spf[0][1] and
              "如果这确实是您的服务器" not in spf[0][1], spf)
    # the same from an office line whose PTR name does not resolve back
    # (192.0.2.71: elsewhere.ptrbad.sender.test is 192.0.2.99): the line
    # provider's name, no A record of ours to add, as ptr.direct says
    backname = fixture_variant(
        "sent-copy-coremail.eml", "direct-fcrdns.eml", ("113.87.12.34", "192.0.2.71"),
        ("smtp3.mail.hosted.sender.test (Coremail)", "newxmmxszc6-1.qq.test (NewMx)"),
        ("From: ", "Authentication-Results: newxmmxszc6-1.qq.test; spf=fail "
         "smtp.mailfrom=hosted.sender.test\nFrom: "))
    for lang, said in (("en", "its reverse name is the line provider's"),
                       ("zh", "它的反向解析名称是线路运营商的")):
        code, out, p = sender("--no-inbound", "--lang", lang, "--message", backname)
        fc = [(c["status"], c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "fcrdns"] if out else []
        check("a PC straight to the recipient's server, its PTR not resolving back (%s): "
              "not 'add an A record', send through the mail server" % lang,
              len(fc) == 1 and fc[0][:2] == ("fail", "fcrdns.direct") and said in fc[0][2]
              and "add an A record for the name" not in fc[0][2] and
              "请为这个名称添加 A 记录" not in fc[0][2], fc)
        page = os.path.join(TMP, "direct-fcrdns.%s.html" % lang)
        sender("--no-inbound", "--lang", lang, "--message", backname, "--html", page,
               expect_json=False)
        with open(page, encoding="utf-8") as f:
            body = html.unescape(f.read())
        check("a PC straight to the recipient's server, its PTR not resolving back (%s): "
              "the page says the same" % lang, said in body, body[-600:])
        check("a PC straight to the recipient's server, its PTR not resolving back (%s): "
              "the page says to send through the mail server once" % lang,
              body.lower().count(thru[lang]) == 1, body.lower().count(thru[lang]))
    # the same from a PC that greets with an address literal (RFC 5321
    # 4.1.3), its own private address behind the router: no name to look
    # up, and not the IP the server saw
    literal = fixture_variant(
        "sent-copy-literal.eml", "direct-literal.eml", ("113.87.12.34", "192.0.2.99"),
        ("by smtp.hosted.sender.test (ESMTP)", "by newxmmxszc6-1.qq.test (NewMx)"),
        ("From: ", "Authentication-Results: newxmmxszc6-1.qq.test; spf=fail "
         "smtp.mailfrom=hosted.sender.test\nFrom: "))
    for lang, said in (("en", "not a name"), ("zh", "不是名称")):
        page = os.path.join(TMP, "direct-literal.%s.html" % lang)
        sender("--no-inbound", "--lang", lang, "--message", literal, "--html", page,
               expect_json=False)
        with open(page, encoding="utf-8") as f:
            body = html.unescape(f.read())
        check("a PC straight to the recipient's server with HELO [192.168.1.23] (%s): "
              "the page says to send through the mail server once" % lang,
              body.lower().count(thru[lang]) == 1 and said in body,
              body.lower().count(thru[lang]))
        code, out, p = sender("--no-inbound", "--lang", lang, "--message", literal)
        helo = [(c["status"], c["explanation_id"], c["detail"], c["explanation"])
                for c in out["checks"] if c["id"] == "helo"] if out else []
        check("a PC straight to the recipient's server with HELO [192.168.1.23] (%s): "
              "an address literal, not this IP, not looked up" % lang,
              len(helo) == 1 and helo[0][:3] == (
                  "warn", "helo.literal", "[192.168.1.23] is an address literal, not a "
                  "name, and not this IP: not looked up") and said in helo[0][3], helo)
    # the same from an office line on a policy list (192.0.2.40: Spamhaus
    # PBL): it did send to a mail server itself, so not "a problem only if
    # it sends directly" but a failure (receivers using ZEN refuse exactly
    # that); no removal to ask for; the page says it once
    pbl = fixture_variant(
        "sent-copy-coremail.eml", "direct-pbl.eml", ("113.87.12.34", "192.0.2.40"),
        ("smtp3.mail.hosted.sender.test (Coremail)", "newxmmxszc6-1.qq.test (NewMx)"),
        ("From: ", "Authentication-Results: newxmmxszc6-1.qq.test; spf=fail "
         "smtp.mailfrom=hosted.sender.test\nFrom: "))
    for lang, said in (("en", "Do not ask for removal"), ("zh", "不要申请移除")):
        once = thru[lang]
        code, out, p = sender("--no-inbound", "--lang", lang, "--message", pbl)
        bl = [(c["status"], c["explanation_id"], c["explanation"]) for c in out["checks"]
              if c["id"] == "dnsbl"] if out else []
        check("a PC straight to the recipient's server from a PBL line (%s): it did "
              "send directly, a failure, no removal to ask for" % lang,
              len(bl) == 1 and bl[0][:2] == ("fail", "dnsbl.direct") and said in bl[0][2]
              and once in bl[0][2] and "It is a problem only if" not in bl[0][2] and
              "只有当这个 IP" not in bl[0][2], bl)
        page = os.path.join(TMP, "direct-pbl.%s.html" % lang)
        sender("--no-inbound", "--lang", lang, "--message", pbl, "--html", page,
               expect_json=False)
        with open(page, encoding="utf-8") as f:
            body = html.unescape(f.read())
        check("a PC straight to the recipient's server from a PBL line (%s): the page "
              "says to send through the mail server once" % lang,
              said in body and body.lower().count(once) == 1, body.lower().count(once))
    # a Sent-folder copy whose server recorded the login (RFC 8601 auth=)
    # judged nothing: still a Sent-folder copy
    login = fixture_variant(
        "sent-copy-coremail.eml", "sent-copy-auth.eml",
        ("From: ", "Authentication-Results: smtp3.mail.hosted.sender.test; auth=pass "
         "smtp.auth=sales@hosted.sender.test\nFrom: "))
    code, out, p = sender("--no-inbound", "--message", login)
    check("a Sent-folder copy with its server's auth=pass: still the office IP offered",
          out is not None and "only Received: line is a computer" in p.stderr and
          "--ip 113.87.12.34" in p.stderr, p.stderr[-400:])
    # the HELO is the message's words: escaped on the terminal
    esc = fixture_variant("sent-copy-coremail.eml", "sent-copy-escape.eml",
                          ("DESKTOP-7H3KQ2P", "DESKTOP-\x1b[2J7H3KQ2P"))
    code, out, p = sender("--message", esc)
    check("a computer's HELO with an escape sequence: none reaches the "
          "terminal",
          "\x1b" not in p.stderr and "only Received: line" in p.stderr and
          "113.87.12.34" in p.stderr, p.stderr[-300:])
    # our own message sent from postmaster@ (a bounce's sender, not its
    # subject, no copy in it) is read as ours, not refused as a bounce
    own = fixture_variant("received.eml", "from-postmaster.eml",
                          ("From: Sales <sales@", "From: Postmaster <postmaster@"))
    code, out, p = sender("--message", own)
    check("our message from postmaster@: read as ours",
          out is not None and [i["ip"] for i in out["ips"]] == ["192.0.2.20"],
          (code, p.stderr[-300:]))
    for lang, said in (("en", "a bounce that does not hold a copy of the message you sent"),
                       ("zh", "这封退信里没有您发出的那封邮件")):
        code, out, p = sender("--lang", lang, "--message",
                              "test/fixtures/sender/bounce-nocopy.eml", expect_json=False)
        check("report without a copy (%s): exit 65, says why and what to give" % lang,
              code == 65 and said in p.stderr and "--ip" in p.stderr,
              (code, p.stderr))


def test_message_not_one():
    """A --message file that is no mail message (empty, binary data, a
    PDF) is a data error, 65, as explain says of the same file; one that
    cannot be opened is 66, in both commands (base/exitcode.h)."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {"empty": b"", "binary": bytes(range(256)) * 8,
                  "a PDF": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"}
        for what, data in inputs.items():
            with open(os.path.join(tmp, what), "wb") as f:
                f.write(data)
        for what, want in (("empty", 65), ("binary", 65), ("a PDF", 65),
                           ("missing", 66)):
            path = os.path.join(tmp, what)
            code, _, p = sender("--message", path, "good" + D, expect_json=False)
            ex = subprocess.run([BIN, "explain", path], capture_output=True,
                                timeout=60, cwd=REPO).returncode
            check("--message %s file: exit %d, as explain's %d" % (what, want, ex),
                  code == want == ex and path in p.stderr, (code, ex, p.stderr[-300:]))
        # what to do is sender's: the message we sent, not explain's bounce
        for what in ("binary", "a PDF"):
            for lang, wrong, said in (("en", ("bounce", "explain"),
                                       "save the message you sent"),
                                      ("zh", ("退信", "explain"), "您发出的那封邮件")):
                code, _, p = sender("--lang", lang, "--message", os.path.join(tmp, what),
                                    "good" + D, expect_json=False)
                check("--message %s file (%s): what to give for sender, not a bounce"
                      % (what, lang), not any(w in p.stderr for w in wrong) and
                      flat(said) in flat(p.stderr), p.stderr[-400:])
        test_message_kinds(tmp)


def test_message_kinds(tmp):
    """Each command words what to give instead of a file that holds no
    message from the kind the reader tells: a damaged Outlook .msg, an
    Office file, one too big, mxtrace's own JSON, too much text. explain
    asks for the bounce; sender for the message we sent (or --ip), never
    explain's bounce advice, in English and Chinese."""
    msgdir = os.path.join(REPO, "test", "unit", "data", "msg")
    huge_msg = os.path.join(tmp, "huge.msg")
    with open(huge_msg, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        f.truncate(65 << 20)
    huge_txt = os.path.join(tmp, "huge.txt")
    with open(huge_txt, "w") as f:
        f.write(("a line of pasted text, not a header\n" * 1024) * 1900)
    own = os.path.join(tmp, "sender.json")
    with open(own, "w") as f:
        f.write('{"command": "sender", "version": "1"}\n')
    for path, en, zh, explain_en in (
            (os.path.join(msgdir, "truncated.msg"),
             ("damaged or cut short", "save the message you sent from Outlook again",
              "--ip"),
             ("文件已损坏或不完整", "请从 Outlook 重新保存您发出的那封邮件", "--ip"),
             "save the bounce from Outlook again"),
            (os.path.join(msgdir, "not-msg.msg"),
             ("not an Outlook message", "save the message you sent"),
             ("不是 Outlook 邮件", "您发出的那封邮件"),
             "save the bounce from your mail program"),
            (huge_msg, ("an Outlook .msg file of more than 64 MiB",
                        "save the message you sent from Outlook", "--ip"),
             ("超过 64 MiB", "您发出的那封邮件", "--ip"),
             "save the bounce from Outlook"),
            (huge_txt, ("more than 64 MiB of text", "give one message you sent"),
             ("文字超过 64 MiB", "请指定您发出的一封邮件"),
             "copy only the bounce's text"),
            (own, ("mxtrace's own JSON", "not a message you sent"),
             ("mxtrace 自己输出的 JSON", "不是您发出的邮件"), "not a bounce")):
        name = os.path.basename(path)
        for lang, said, wrong in (("en", en, ("bounce", "explain -\"")),
                                  ("zh", zh, ("退信", "explain -\""))):
            code, _, p = sender("--lang", lang, "--message", path, "good" + D,
                                expect_json=False)
            check("--message %s (%s): exit 65, sender's advice, not explain's"
                  % (name, lang), code == 65 and path in p.stderr and
                  all(flat(w) in flat(p.stderr) for w in said) and
                  not any(w in p.stderr for w in wrong), (code, p.stderr[-400:]))
        p = subprocess.run([BIN, "explain", path], capture_output=True, text=True,
                           timeout=60, cwd=REPO)
        check("explain %s: exit 65, explain's own advice" % name,
              p.returncode == 65 and flat(explain_en) in flat(p.stderr) and
              "message you sent" not in p.stderr, (p.returncode, p.stderr[-400:]))


def test_message_folder():
    """--message takes one message: a folder, a maildir or an mbox of
    several is refused, never one of its messages picked in silence (the
    mail in a mailbox is not all from one sender); the error names the
    input and says to give one message, in English and Chinese. An mbox
    holding one message is that message."""
    with open(os.path.join(REPO, "test/fixtures/sender/received.eml")) as f:
        eml = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "Saved")
        maildir = os.path.join(tmp, "Maildir")
        for d in (folder, os.path.join(maildir, "cur"), os.path.join(maildir, "new")):
            os.makedirs(d)
        for d in (folder, os.path.join(maildir, "cur")):
            with open(os.path.join(d, "a.eml"), "w") as f:
                f.write(eml)
        mbox1 = os.path.join(tmp, "one.mbox")
        mbox2 = os.path.join(tmp, "two.mbox")
        with open(mbox1, "w") as f:
            f.write("From sales@dkimother.sender.test Mon Nov 30 08:12:09 2026\n" + eml)
        with open(mbox2, "w") as f:
            f.write(("From sales@dkimother.sender.test Mon Nov 30 08:12:09 2026\n"
                     + eml + "\n") * 2)
        for path, rc, en, zh in (
                (folder, 66, "a folder, not a message", "是一个文件夹，不是一封邮件"),
                (maildir, 66, "a folder, not a message", "是一个文件夹，不是一封邮件"),
                (mbox2, 65, "holds more than one message", "里不止一封邮件")):
            for lang, said in (("en", en), ("zh", zh)):
                code, _, p = sender("--lang", lang, "--message", path, expect_json=False)
                check("--message %s (%s): refused, exit %d, naming it and what to give"
                      % (os.path.basename(path), lang, rc),
                      code == rc and path in p.stderr and flat(said) in flat(p.stderr)
                      and p.stdout == "", (code, p.stderr[-300:], p.stdout[:200]))
        code, out, p = sender("--message", mbox1)
        check("--message an mbox of one message: that message",
              out is not None and out["domain"] == "dkimother.sender.test" and
              [i["ip"] for i in out["ips"]] == ["192.0.2.20"], (code, p.stderr[-300:]))
        # the same mboxes on stdin ("--message -"): a pipe holds others' mail as
        # much as a file does
        for lang, said in (("en", "holds more than one message"), ("zh", "里不止一封邮件")):
            with open(mbox2) as f:
                p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout", "5s",
                                    "--allow-private", "--lang", lang, "--message", "-"],
                                   stdin=f, capture_output=True, text=True, timeout=60,
                                   cwd=REPO)
            check("--message - with an mbox of two on stdin (%s): refused, exit 65" % lang,
                  p.returncode == 65 and flat(said) in flat(p.stderr) and p.stdout == "",
                  (p.returncode, p.stderr[-300:], p.stdout[:200]))
        with open(mbox1) as f:
            p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout", "5s",
                                "--allow-private", "--json", "--message", "-"], stdin=f,
                               capture_output=True, text=True, timeout=60, cwd=REPO)
        out = json.loads(p.stdout) if p.stdout.strip() else None
        check("--message - with an mbox of one message on stdin: that message",
              out is not None and out["domain"] == "dkimother.sender.test" and
              [i["ip"] for i in out["ips"]] == ["192.0.2.20"], (p.returncode, p.stderr[-300:]))


def test_message_other_domain():
    """A --message sent as another domain than the one given (a message of
    someone else's, or a bounce quoting one): its IP and HELO are still
    checked for the domain asked, but the user is told it was sent as the
    other, en and zh; a message of the domain asked, or of a subdomain of
    it, says nothing."""
    eml = "test/fixtures/sender/received.eml"
    for lang, said in (("en", "was sent as dkimother.sender.test, not good.sender.test"),
                       ("zh", "是以 dkimother.sender.test 的名义发出的，不是 good.sender.test")):
        code, out, p = sender("--lang", lang, "--message", eml, "good" + D)
        check("--message of another domain (%s): said, and checked as asked" % lang,
              flat(said) in flat(p.stderr) and out is not None and
              out["domain"] == "good" + D, (p.stderr[-400:], out and out["domain"]))
    for domain in ("dkimother" + D, "sender.test"):
        code, out, p = sender("--message", eml, domain)
        check("--message of %s itself or a subdomain: no note" % domain,
              "was sent as" not in p.stderr, p.stderr[-300:])


def test_dkim_unanswered():
    """servfail.test answers SERVFAIL for every name: no DKIM key found
    there is not "no key published" (a warning that tells the user to add
    DKIM): the DKIM finding is unknown, its advice says DNS failed, in
    English and Chinese."""
    code, out, p = sender("servfail.test")
    if check("servfail.test: JSON", out is not None, p.stderr[-300:]):
        expect("servfail.test", out, "dkim", "unknown")
        check("servfail.test: exit 2 (unknowns)", code == 2, code)
    for lang, said, unsaid in (("en", "lookup of some selectors failed",
                                "No DKIM key was found"),
                               ("zh", "部分选择器的 DNS 查询失败",
                                "在常用选择器下没有找到 DKIM 密钥")):
        p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout",
                            "5s", "--lang", lang, "servfail.test"],
                           capture_output=True, text=True, timeout=60, cwd=REPO)
        text = re.sub(r"\s+", "", p.stdout)
        check("servfail.test (%s): DNS failed, not 'no key'" % lang,
              re.sub(r"\s+", "", said) in text and
              re.sub(r"\s+", "", unsaid) not in text, p.stdout[-900:])


def test_dns_down():
    """DNS that does not answer at all (servfail.test's SERVFAIL, a
    --resolver where nothing listens): the terminal, the --html page and
    the report's sender section say so once at the top, fold the unknown
    DKIM selectors into one line and do not ask the user for --ip as if
    they had forgotten it; the JSON keeps one dkim_key finding per
    selector."""
    for lang, resolver, down, folded, advice, blame in (
            ("en", RESOLVER, "DNS did not answer for servfail.test",
             "? DKIM key  DNS did not answer for %d selectors",
             "No sending IP could be found because DNS did not answer",
             "Give the real one with --ip"),
            ("zh", RESOLVER, "servfail.test 的 DNS 没有回答",
             "? DKIM 密钥  %d 个选择器的 DNS 都没有回答",
             "由于 DNS 没有回答，没能找到发信 IP", "请用 --ip 指定真实的发信 IP"),
            ("en", DEAD, "DNS did not answer for servfail.test",
             "? DKIM key  DNS did not answer for %d selectors",
             "No sending IP could be found because DNS did not answer",
             "Give the real one with --ip")):
        args = ["--resolver", resolver, "--timeout", "1s", "--no-dnssec",
                "servfail.test"]
        code, out, p = sender("--lang", lang, *args)
        if not check("DNS down %s %s: JSON" % (lang, resolver), out is not None,
                     p.stderr[-300:]):
            continue
        expl = [c["explanation"] for c in out["checks"] if c["id"] == "sending_ips"]
        check("DNS down %s %s: the JSON's --ip advice is the terminal's, not blaming "
              "the user" % (lang, resolver), len(expl) == 1 and
              flat(advice) in flat(expl[0]) and flat(blame) not in flat(expl[0]), expl)
        n = len(statuses(out, "dkim_key"))
        check("DNS down %s %s: JSON keeps a dkim_key per selector, all unknown"
              % (lang, resolver), n > 1 and set(statuses(out, "dkim_key")) ==
              {"unknown"}, statuses(out, "dkim_key"))
        snd = os.path.join(TMP, "dns-down.json")
        with open(snd, "w") as f:
            json.dump(out, f)
        html = os.path.join(TMP, "dns-down-%s.html" % lang)
        code, _, p = sender("--lang", lang, "--html", html, *args, expect_json=False)
        page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
        # the same on the sender page and in the report's sender section
        for where, sect in (("sender --html", page),
                            ("report", report_of(snd, lang=lang)[1])):
            sect = sect[sect.find('<section id="sender">'):]
            sect = sect[:sect.find("</section>")]
            title, line = folded.split("  ")
            rows = re.findall(r"<tr><td><span class=\"chip [a-z]+\">[^<]*</span></td>"
                              r"<td><b>%s</b>" % re.escape(title[2:]), sect)
            check("DNS down %s %s %s: one DKIM key row for the %d selectors"
                  % (where, lang, resolver, n), len(rows) == 1 and
                  flat(line % n) in flat(sect), (len(rows), sect[-600:]))
            check("DNS down %s %s %s: said once before the findings"
                  % (where, lang, resolver), flat(sect).count(flat(down)) == 1 and
                  flat(sect).index(flat(down)) < flat(sect).find('class="cards"'),
                  sect[:600])
            check("DNS down %s %s %s: the --ip advice does not blame the user"
                  % (where, lang, resolver), flat(advice) in flat(sect) and
                  flat(blame) not in flat(sect), sect[-900:])
            cards = {m: int(n) for n, m in re.findall(
                r'<div class="card [a-z]+"><div class="n">(\d+)</div>'
                r'<div class="t">(\S+) ', sect)}
            lines = p.stdout.split("\n\n")[1].splitlines()
            check("DNS down %s %s %s: the cards count the terminal's lines"
                  % (where, lang, resolver), cards == {m: sum(ln.startswith(m + " ")
                                                             for ln in lines)
                                                       for m in "✗?!i✓"},
                  (cards, lines))
        keys = [ln for ln in p.stdout.splitlines()
                if ln.startswith(folded.split("  ")[0] + "  ")]
        check("DNS down %s %s: one DKIM key line for the %d selectors"
              % (lang, resolver, n), keys == [folded % n], keys)
        check("DNS down %s %s: said once at the top" % (lang, resolver),
              flat(p.stdout).count(flat(down)) == 1 and
              flat(p.stdout).index(flat(down)) < p.stdout.index("?"),
              p.stdout[:400])
        check("DNS down %s %s: the --ip advice does not blame the user"
              % (lang, resolver), flat(advice) in flat(p.stdout) and
              flat(blame) not in flat(p.stdout), p.stdout[-600:])
        check("DNS down %s %s: exit 2 (unknowns)" % (lang, resolver), code == 2, code)
    html = os.path.join(TMP, "dns-up.html")
    code, _, p = sender("--html", html, "spfnone" + D, expect_json=False)
    check("DNS answers: no 'DNS did not answer' line",
          "DNS did not answer" not in p.stdout, p.stdout[:300])
    check("DNS answers: nor on the page", os.path.exists(html) and
          "DNS did not answer" not in open(html, encoding="utf-8").read())


def test_signed_selector():
    """The selector the mail is signed with (the --message's s=, a
    --dkim-selector) and no key there: that finding fails, and the bulk
    sender rules' DKIM with it, even though good.sender.test has a key at
    a common selector (default); a selector named that is a common one is
    one finding, not two."""
    path = fixture_variant("received.eml", "signed-gone.eml",
                           ("dkimother.sender.test", "good.sender.test"),
                           ("s=s2026", "s=gone2025"),
                           ("192.0.2.20", "192.0.2.10"))
    code, out, p = sender("--message", path)
    if check("signed with s=gone2025: JSON", out is not None, p.stderr[-300:]):
        expect("signed with s=gone2025", out, "dkim_key", "fail",
               "gone2025._domainkey.good.sender.test")
        expect("signed with s=gone2025", out, "dkim_key", "pass",
               "default._domainkey.good.sender.test")
        expect("signed with s=gone2025", out, "provider_rules", "fail",
               "Gmail and Yahoo (bulk senders)")
        check("signed with s=gone2025: exit 1", code == 1, code)
    code, out, p = sender("--dkim-selector", "nosuch", "good" + D)
    if check("--dkim-selector nosuch: JSON", out is not None, p.stderr[-300:]):
        expect("--dkim-selector nosuch", out, "dkim_key", "fail",
               "nosuch._domainkey.good.sender.test")
        check("--dkim-selector nosuch: exit 1", code == 1, code)
    code, out, p = sender("--dkim-selector", "default", "good" + D)
    if check("--dkim-selector default: JSON", out is not None, p.stderr[-300:]):
        subj = [c["subject"] for c in out["checks"] if c["id"] == "dkim_key"]
        check("--dkim-selector default: one finding for it", subj ==
              ["default._domainkey.good.sender.test"], subj)
        check("--dkim-selector default: exit 0", code == 0, code)
    # a domain with no key at any selector, signed with one: the failure
    # of that selector says it all, no "give --message" to whoever gave it
    hosted = fixture_variant("received.eml", "signed-hosted.eml",
                             ("dkimother.sender.test", "hosted.sender.test"),
                             ("s=s2026", "s=gone2025"),
                             ("192.0.2.20", "192.0.2.80"))
    for lang in ("en", "zh"):
        code, out, p = sender("--lang", lang, "--message", hosted)
        if check("signed, no key anywhere (%s): JSON" % lang, out is not None,
                 p.stderr[-300:]):
            expect("signed, no key anywhere", out, "dkim_key", "fail",
                   "gone2025._domainkey.hosted.sender.test")
            said = [c["detail"] + " " + c["explanation"] for c in out["checks"]
                    if c["status"] != "pass" and "--message" in
                    c["detail"] + c["explanation"] and c["id"] != "dkim_key"]
            check("signed, no key anywhere (%s): nothing asks for --message" % lang,
                  said == [], said)
    p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout", "5s",
                        "--allow-private", "--lang", "zh", "--message", path],
                       capture_output=True, text=True, timeout=60, cwd=REPO)
    check("signed with s=gone2025 (zh): said in Chinese", "正是用这个选择器签名的"
          in p.stdout.replace("\n  ", "") and p.returncode == 1,
          (p.returncode, p.stdout[-800:]))


def test_html():
    path = os.path.join(REPO, "test", "out", "sender-neighbours.html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    code, out, p = sender("--html", path, "neighbours" + D)
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("html: written, exit as without it", code == 2 and "<section id=\"sender\">" in page,
          (code, p.stderr[-200:]))
    check("html: the neighbours finding and its advice",
          "UCEPROTECT level 2" in page and "caught up in it" in page)
    # one script, the report's own (the time of the check in the reader's
    # zone), the only one its Content-Security-Policy lets run
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    csp = re.search(r"script-src '(sha256-[^']+)'", page)
    check("html: no script but the report's own, allowed by its hash",
          page.count("<script") == 1 and len(scripts) == 1 and csp is not None and
          csp.group(1) == "sha256-" + base64.b64encode(
              hashlib.sha256(scripts[0].encode()).digest()).decode(),
          (page.count("<script"), csp and csp.group(1)))
    check("html: the missing MTA-STS record drawn as information (chip info)",
          '<span class="chip info">i</span>' in page and "card info" in page)
    code, _, p = sender("--html", "/nonexistent-dir/x.html", "good" + D, expect_json=False)
    check("html: an unwritable path exits 73 before any query", code == 73, (code, p.stderr))


def report_of(*inputs, lang="en"):
    """mxtrace report of INPUTS: (exit status, the page, stderr)."""
    html = os.path.join(TMP, "r-%s.html" % lang)
    if os.path.exists(html):
        os.unlink(html)
    p = subprocess.run([BIN, "report", "--lang", lang, "-o", html] + list(inputs),
                       capture_output=True, text=True, timeout=60, cwd=REPO)
    page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
    return p.returncode, page, p.stderr


def test_report():
    snd = os.path.join(TMP, "sender.json")
    p = subprocess.run([BIN, "sender", "--resolver", RESOLVER, "--timeout", "5s",
                        "--allow-private", "--json", "listed" + D],
                       capture_output=True, timeout=60, cwd=REPO)
    with open(snd, "wb") as f:
        f.write(p.stdout)
    lst, rec = os.path.join(TMP, "in.txt"), os.path.join(TMP, "v.jsonl")
    with open(lst, "w") as f:
        f.write("alice@ok.test\nnobody@ok.test\n")
    v = subprocess.run([BIN, "verify", "-q", "--resolver", RESOLVER, "--allow-private",
                        "--timeout", "5s", "--helo", "probe.lab.test", "-o", rec, lst],
                       capture_output=True, timeout=120, cwd=REPO)
    check("report: verify wrote two records",
          os.path.exists(rec) and len(open(rec).read().splitlines()) == 2, v.stderr[-300:])
    code, page, err = report_of(rec, snd)
    check("report: verify + sender records accepted", code == 0 and page, (code, err[-300:]))
    at = page.find('<section id="sender">')
    check("report: 'Your own sending set-up' section", at > 0 and
          "Your own sending set-up: listed.sender.test" in page, page[:300])
    check("report: the sender section comes first",
          at > 0 and page.find('<section id="summary"') > at and
          page.find('<section', page.find("</header>")) == at)
    sect = page[at:page.find("</section>", at)]
    check("report: the listed IP's blocklist finding in it",
          "Blocklists (this IP)" in sect and "192.0.2.20" in sect and 'chip bad' in sect,
          sect[:600])
    check("report: the addresses are still there",
          "alice@ok.test" in page and "nobody@ok.test" in page)
    check("report: the CSP is kept", "Content-Security-Policy" in page)
    code, page, err = report_of(snd, lang="zh")
    check("report zh: a sender record alone makes a report with the Chinese title",
          code == 0 and "我方发信设置" in page and "黑名单（本 IP）" in page, (code, err[-300:]))
    check("report zh: its closing line counts the sender check, not 0 addresses",
          "1 份发信设置检查" in err and "个地址" not in err, err[-300:])
    code, page, err = report_of(snd)
    check("report: its closing line counts the sender check, not 0 addresses",
          "1 sending set-up check (mxtrace sender) ->" in err and
          "0 addresses" not in err, err[-300:])
    hostile = os.path.join(TMP, "hostile.json")
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    with open(hostile, "w") as f:
        json.dump({"command": "sender", "domain": evil, "status": "fail",
                   "checks": [{"id": evil, "status": evil, "subject": evil,
                               "detail": evil, "explanation": evil},
                              {"id": "ptr", "status": "fail", "subject": evil,
                               "detail": 5, "explanation": None}]}, f)
        f.write("\n")
    code, page, err = report_of(hostile)
    check("report: a hostile sender record is drawn escaped",
          code == 0 and "<script>alert" not in page and "<img src=x" not in page and
          "&lt;script&gt;alert(1)&lt;/script&gt;" in page, (code, err[-300:]))


def test_probe_points_to_sender():
    """probe: a refusal that is about our sending IP (a blocklist) points to
    `mxtrace sender`, in English and Chinese."""
    for lang, want in (("en", "mxtrace sender YOUR-DOMAIN"), ("zh", "mxtrace sender 您的域名")):
        p = subprocess.run([BIN, "probe", "--resolver", RESOLVER, "--allow-private",
                            "--timeout", "5s", "--lang", lang, "--json", "alice@blocked.test"],
                           capture_output=True, text=True, timeout=60, cwd=REPO)
        try:
            r = json.loads(p.stdout)
        except ValueError:
            r = {}
        check("probe blocked.test (%s): ip_blocklisted points to %s" % (lang, want),
              r.get("reason") == "ip_blocklisted" and want in (r.get("explanation") or ""),
              (r.get("reason"), r.get("explanation")))


def cols(line):
    """The columns a terminal gives line (East Asian wide and full-width: two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def flat(text):
    """text without any white space: a sentence found whatever its wrapping."""
    return "".join(text.split())


def test_terminal_review():
    """What a small-company IT person reads on the terminal, in English and
    Chinese: every line within 80 columns (a single word too long for a
    line excepted), no English left in the Chinese checklist, the
    punctuation of the language, where to ask for removal under "the
    address shown", the DNS count said as a sentence, PTR not called "ok"
    when no sending IP was found."""
    for lang in ("en", "zh"):
        for arg in ("192.0.2.20", "listed" + D, "good" + D, "nosuchdomain.test",
                    "spfnone" + D, "2001:db8::26", "neighbours" + D, "refused" + D,
                    "pbl" + D, "dmarcnone" + D, "203.0.113.102", "203.0.113.110"):
            code, _, p = sender("--lang", lang, arg, expect_json=False)
            wide = [ln for ln in p.stdout.splitlines() if cols(ln) > 80 and
                    len(ln.strip().split()) > 1]
            check("terminal %s %s: every line within 80 columns" % (lang, arg),
                  p.stdout and not wide, wide[:3])
            if lang == "zh":
                leaks = [w for w in ("no v=spf1 record", " bits", "deliverable",
                                     "DNS queries", "What to do", "(deadline)")
                         if w in p.stdout]
                check("terminal zh %s: no English words left" % arg, not leaks,
                      (leaks, p.stdout[:300]))
                check("terminal zh %s: Chinese colons after the labels" % arg,
                      "检查的发信 IP:" not in p.stdout and "怎么办:" not in p.stdout and
                      ("怎么办：" in p.stdout or "没有发现失败项" in p.stdout), p.stdout[-300:])
    code, _, p = sender("192.0.2.20", expect_json=False)
    check("terminal: where to ask for removal, under the advice",
          flat("Ask Spamhaus ZEN to remove the listing: https://check.spamhaus.org/")
          in flat(p.stdout) and flat("Ask SpamCop to remove the listing:")
          in flat(p.stdout) and p.stdout.index("What to do") <
          p.stdout.index("Ask Spamhaus ZEN"), p.stdout[-500:])
    check("terminal: the DNS count as a sentence",
          "DNS queries, " in p.stdout and "DNS queries:" not in p.stdout, p.stdout[-120:])
    code, _, p = sender("--lang", "zh", "192.0.2.20", expect_json=False)
    check("terminal zh: where to ask for removal",
          flat("请向 Spamhaus ZEN 申请移除：https://check.spamhaus.org/") in flat(p.stdout),
          p.stdout[-400:])
    code, _, p = sender("neighbours" + D, expect_json=False)
    check("terminal: a network listing asks no removal of the user", code == 2 and
          "to remove the listing" not in p.stdout, p.stdout[-400:])
    code, _, p = sender("--lang", "zh", "--resolver", DEAD, "--deadline", "1s",
                        "192.0.2.20", expect_json=False)
    check("terminal zh: a run cut by --deadline says so in words",
          flat("在所有回答到达之前已到时限（--deadline）") in flat(p.stdout), p.stdout[-300:])
    code, out, p = sender("nosuchdomain.test")
    if check("no such domain: JSON", out is not None, p.stderr[-300:]):
        # a typo's domain has no records to judge: one finding says it does
        # not exist, not "publish SPF, DMARC, DKIM" for a name nobody owns
        check("no such domain: the one finding says it does not exist",
              [(c["id"], c["status"], c["detail"]) for c in out["checks"]] ==
              [("mx_inbound", "fail", "the domain does not exist")] and code == 1,
              (code, out["checks"]))
    code, out, p = sender("--ip", "192.0.2.10", "nosuchdomain.test")
    if check("no such domain with --ip: JSON", out is not None, p.stderr[-300:]):
        check("no such domain with --ip: the IP checked, no SPF of a missing domain",
              statuses(out, "dnsbl") == ["pass"] and not statuses(out, "spf_pass") and
              statuses(out, "mx_inbound") == ["fail"], out["checks"])
    code, out, p = sender("nullmx.test")
    if check("no sending IP: JSON", out is not None, p.stderr[-300:]):
        rules = [c["detail"] for c in out["checks"] if c["id"] == "provider_rules"]
        check("no sending IP: PTR is not checked, not ok",
              rules and all("PTR ok" not in d and "forward DNS ok" not in d and
                            "not checked (no sending IP)" in d for d in rules
                            if "PTR" in d), rules)
    code, _, p = sender("inboundbad" + D, expect_json=False)
    check("postmaster refused: the advice is to create postmaster, not to fix the MX",
          code == 1 and flat("if only postmaster is refused, create a postmaster mailbox "
                             "or alias") in flat(p.stdout), p.stdout[-700:])
    # a domain that does not exist: what to do says so, not the MX or
    # postmaster advice of a domain that exists; the same on the page
    for lang, said, unsaid in (
            ("en", "The domain does not exist in DNS (NXDOMAIN): check its spelling.",
             "if only postmaster is refused"),
            ("zh", "该域名在 DNS 中不存在（NXDOMAIN）：请检查拼写。",
             "如果只是 postmaster 被拒收")):
        html = os.path.join(TMP, "nxdomain-%s.html" % lang)
        code, _, p = sender("--lang", lang, "--html", html, "nosuchdomain.test",
                            expect_json=False)
        page = open(html, encoding="utf-8").read() if os.path.exists(html) else ""
        code, out, _ = sender("--lang", lang, "nosuchdomain.test")
        expl = " ".join(c["explanation"] for c in (out or {}).get("checks", [])
                        if c["id"] == "mx_inbound")
        for where, text in (("terminal", p.stdout), ("page", page), ("JSON", expl)):
            check("%s: a domain that does not exist (%s): check its spelling, no MX "
                  "or postmaster advice" % (lang, where), flat(said) in flat(text) and
                  flat(unsaid) not in flat(text), text[-700:])
    code, _, p = sender("--lang", "zh", "good" + D, expect_json=False)
    joined = re.sub(r"\n +", "", p.stdout)      # a Chinese line wraps without a space
    check("zh: no space inside Chinese words ('PTR 及正向解析正常')",
          "正向解析 正常" not in joined and "正向解析正常" in joined, p.stdout[-900:])
    for lang, want in (("en", "is an email address: give its domain alone "
                               "(good.sender.test)"),
                       ("zh", "是邮箱地址：请只给出它的域名（good.sender.test）")):
        code, _, p = sender("--lang", lang, "Alice@Good" + D, expect_json=False)
        check("usage %s: our own address typed: which domain to give" % lang,
              code == 64 and flat(want) in flat(p.stderr), (code, p.stderr[:300]))
    # copied with what surrounds it: from the browser's bar, from a mail
    # program's server settings
    for arg, lang, want in (
            ("https://Good.sender.test/contact?x=1", "en",
             "is a web address: give its domain alone (Good.sender.test)"),
            ("http://good.sender.test:8080/", "zh", "是网址：请只给出它的域名（good.sender.test）"),
            ("https://WWW.good.sender.test/", "en", "is a web address: give the mail "
             "domain, most likely good.sender.test (the name without \"www.\")"),
            ("www.good.sender.test/about", "zh", "是网址：请给出邮件域名，多半是 "
             "good.sender.test（去掉 \"www.\" 的名字）"),
            ("192.0.2.20:25", "en", "is an IP address with a port: give the IP alone "
             "(192.0.2.20)"),
            ("[2001:db8::25]:587", "zh", "是带端口的 IP 地址：请只给出 IP（2001:db8::25）"),
            # from a Received: line, "from mail.example.com ([192.0.2.20])"
            ("[192.0.2.20]", "en", "is an IP address in brackets, as a Received: line "
             "writes it: give the IP alone (192.0.2.20)"),
            ("[2001:db8::25]", "zh", "是带方括号的 IP 地址（Received: 行里的写法）：请只给出 "
             "IP（2001:db8::25）")):
        code, _, p = sender("--lang", lang, arg, expect_json=False)
        check("usage %s: %s typed: which part to give" % (lang, arg),
              code == 64 and arg in p.stderr and flat(want) in flat(p.stderr),
              (code, p.stderr[:300]))
    code, _, p = sender("--lang", "zh", "测试", expect_json=False)
    check("IDN zh: the domain as its owner writes it, with its A-label",
          p.stdout.startswith("我方发信设置：测试（xn--0zwm56d）\n"), p.stdout[:200])
    path = os.path.join(TMP, "idn.html")
    code, out, p = sender("--html", path, "测试")
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("IDN: JSON keeps the A-label, the page shows both",
          out is not None and out["domain"] == "xn--0zwm56d" and
          "测试 (xn--0zwm56d)" in page, (out and out["domain"], p.stderr[-200:]))
    # the page's title in Chinese punctuation, as the terminal's
    path = os.path.join(TMP, "idn-zh.html")
    code, out, p = sender("--lang", "zh", "--html", path, "测试")
    page = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    check("IDN zh page: the title with a Chinese colon and brackets",
          "<h2>我方发信设置：测试（xn--0zwm56d）</h2>" in page,
          re.findall(r"<h2>[^<]*</h2>", page)[:2])
    code, out, p = sender("spfnone" + D)
    if check("SPF none: JSON", out is not None, p.stderr[-300:]):
        det = [c["detail"] for c in out["checks"] if c["id"] == "spf_pass"]
        check("SPF none: says why (no SPF record), not a bare 'none'",
              det and det[0].endswith("none: no v=spf1 record"), det)
    code, _, p = sender("--lang", "zh", "spfnone" + D, expect_json=False)
    check("zh SPF none: why in Chinese", flat("SPF：没有记录（none）：没有 v=spf1 记录") in flat(p.stdout),
          p.stdout[:800])
    # an error wrapped on a terminal of 80 columns, whole on a pipe
    for lang in ("en", "zh"):
        for args in (["--message", os.path.join(
                          REPO, "test/fixtures/sender/no-received.eml")],
                     ["--dnsbl-list", "/nonexistent/lists.json", "good" + D],
                     ["--dkim-selector", "s" * 70, "good" + D]):
            rc, chunks = on_pty([BIN, "sender", "--resolver", RESOLVER,
                                 "--timeout", "5s", "--lang", lang] + args,
                                stderr="pty", width=80)
            text = b"".join(chunks).decode("utf-8", "replace")
            wide = [ln for ln in text.replace("\r\n", "\n").splitlines()
                    if cols(ln) > 80 and len(ln.strip().split()) > 1]
            check("errors %s %s: within 80 columns on a terminal"
                  % (lang, args[0]), rc in (64, 65, 66) and text and not wide,
                  wide[:2])
            code, _, p = sender("--lang", lang, *args, expect_json=False)
            check("errors %s %s: whole on a pipe (no line continued)"
                  % (lang, args[0]), code == rc and p.stderr and not [
                      ln for ln in p.stderr.splitlines()
                      if ln.startswith("  ")], p.stderr[:300])
    code, _, p = sender("--lang", "zh", "--dnsbl-list", "/nonexistent/lists.json", "good" + D,
                        expect_json=False)
    check("zh: a blocklist file that cannot be opened, in Chinese",
          code == 66 and "unable to open" not in p.stderr and "无法打开" in p.stderr,
          p.stderr[:300])
    for args in (["--lang", "zh", "a..b"], ["--lang", "zh"]):
        code, _, p = sender(*args, expect_json=False)
        check("usage zh %s: 'mxtrace sender：' as the other errors" % " ".join(args),
              code == 64 and p.stderr.startswith("mxtrace sender："), p.stderr[:200])


def test_www_name():
    """A web name given for the mail domain: www.NAME with no MX of its own
    (an address only, or no such name) while NAME has MX records is said,
    a fact from DNS, in English and Chinese; a www. name whose bare name
    has no MX either, and a name with MX, say nothing of it."""
    for dom in ("www.good", "www.neighbours"):
        code, out, p = sender(dom + D)
        got = [c for c in (out or {}).get("checks", []) if c["id"] == "www_name"]
        check("%s: www_name warns, naming the name without www. and its MX"
              % dom, len(got) == 1 and got[0]["status"] == "warn" and
              got[0]["subject"] == dom + D and
              (dom[4:] + D + ', the name without "www.", has 1 MX record')
              in got[0]["detail"] and got[0]["explanation"], got or p.stderr[-300:])
    for dom in ("good", "www.mail.good"):
        code, out, p = sender(dom + D)
        check("%s: no www_name" % dom, out is not None and
              not [c for c in out["checks"] if c["id"] == "www_name"],
              out and [c for c in out["checks"] if c["id"] == "www_name"])
    code, _, p = sender("www.good" + D, expect_json=False)
    check("www.good: the terminal says it in English, before the findings "
          "about the web name (its failures too)",
          flat('good%s, the name without "www.", has 1 MX record' % D) in flat(p.stdout)
          and flat("You gave a web address") in flat(p.stdout) and
          p.stdout.index("Web name given") < p.stdout.index("✗"), p.stdout[-600:])
    code, _, p = sender("--lang", "zh", "www.good" + D, expect_json=False)
    check("www.good: the terminal says it in Chinese",
          flat('去掉 "www." 的 good%s 有 1 条 MX 记录' % D) in flat(p.stdout) and
          flat("您给出的是网站地址") in flat(p.stdout), p.stdout[-600:])


def test_usage_and_language():
    for args, rc in (([], 64), (["a..b"], 64), (["--ip", "999.1.1.1", "good" + D], 64),
                     (["good" + D, "other" + D], 64), (["--spamhaus-key", "a.b", "good" + D], 64),
                     (["--max-dns", "0", "good" + D], 64),
                     (["--dnsbl-list", "/nonexistent/lists.json", "good" + D], 66)):
        code, _, p = sender(*args, expect_json=False)
        check("usage %s: exit %d" % (" ".join(args) or "(none)", rc), code == rc,
              (code, p.stderr[-200:]))
    # pasted from a web page or a chat: blanks around the name or the IP
    # (a space, an ideographic space, a no-break space, a zero-width one)
    for arg in (" good%s " % D, "\u3000good%s\u200b" % D, "\u00a0good%s\t" % D):
        code, out, p = sender(arg)
        check("pasted %r: checked as good%s" % (arg, D),
              out is not None and out["domain"] == "good" + D and code == 0,
              (code, p.stderr[-300:]))
    code, out, p = sender("--ip", " 192.0.2.10\u3000", "good" + D)
    check("--ip pasted with blanks: that IP",
          out is not None and [i["ip"] for i in out["ips"]] == ["192.0.2.10"],
          (code, p.stderr[-300:]))
    code, _, p = sender(" \u3000 ", expect_json=False)
    check("only blanks: usage error 64", code == 64, (code, p.stderr[-300:]))
    for lang, said in (("en", "test/lab is a folder, not a file of blocklists"),
                       ("zh", "test/lab 是文件夹，不是黑名单列表文件")):
        code, _, p = sender("--lang", lang, "--dnsbl-list", "test/lab",
                            "good" + D, expect_json=False)
        check("--dnsbl-list a folder (%s): exit 66, said as a folder" % lang,
              code == 66 and said in p.stderr and "expected" not in p.stderr,
              (code, p.stderr[-300:]))
    code, _, p = sender("--lang", "zh", "neighbours" + D, expect_json=False)
    check("zh: the neighbours explanation in Chinese", "邻居" in flat(p.stdout),
          p.stdout[-400:])
    check("zh: the checklist marks", "! " in p.stdout and "✓ " in p.stdout)
    code, _, p = sender("listed" + D, expect_json=False)
    check("terminal: the failure first, with what to do",
          p.stdout.index("✗") < p.stdout.index("✓") and "What to do" in p.stdout,
          p.stdout[:400])


for t in (test_good, test_policy_txt, test_mta_sts_policy, test_blocklists, test_zen_codes,
          test_zen_all_codes, test_code_advice, test_domain_codes,
          test_ipv6, test_spamhaus_dqs, test_dnsbl_resolver, test_recursive, test_spf, test_spf_fail_who, test_ptr_warn_who, test_ptr_line, test_dmarc_dkim, test_identity,
          test_parallel_same_as_sequential, test_neighbours_sweep, test_provider, test_message,
          test_inbound_proxy, test_inbound_slow_notice,
          test_html, test_report,
          test_probe_points_to_sender, test_usage_and_language, test_terminal_review,
          test_dns_down, test_www_name):
    guarded(t)
sys.exit(finish("test_sender"))
