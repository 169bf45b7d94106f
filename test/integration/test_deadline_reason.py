#!/usr/bin/env python3
"""test_deadline_reason.py - when --deadline ends a probe, the record
names the user's own limit as the cause, not the server's silence.

The whole probe of one domain is bounded by --deadline (2m by default).
When it passed while a server was still answering, the record read
reason "timeout" and its words blamed the server: "Server stopped
answering", "A mail server accepted the connection but never answered in
time ... the server is overloaded or broken" - although the server was
only slower than the user's limit (the lab's slow.test greets after 3 s;
--deadline 1s ended it).  Now the reason is "deadline": its label names
--deadline, the explanation says the limit ran out, the server is slow,
nothing is known of the address, and to check again with a longer
--deadline, in en and zh, in the JSON, the terminal and the --html
report.  The verdict and stage stay those of a timeout at that step:
unreachable at the banner, temporary at RCPT (a server of the test's own
that answers MAIL and never the RCPT).  A step's own --timeout still
reads "timeout".

The same at every step the deadline can pass at: while DNS is still
answering (a forwarder of the test's own that holds one domain's answers
back: dns_error / dns / deadline, not dns_timeout, whose words say to
check one's own connection), at connect (blackhole.test), at the banner,
EHLO, STARTTLS, in the TLS handshake, at MAIL and at RCPT (a server of
the test's own that stops answering at that step).  Wherever a step or
an attempt says the deadline passed, it names the option and its value
("--deadline 1s passed while waiting for the banner", not "session
deadline passed waiting for the banner": the user never set a "session
deadline").  In verify, the one slow domain of a list gets its deadline
record and the others their own verdicts.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, SIGINT_DEFAULT,  # noqa: E402
                      LoopbackServer, RcptUnanswered, SlowForwarder, check,
                      finish, guarded, probe_json, verify_want)

LAB = ["--resolver", RESOLVER, "--allow-private", "--helo",
       "probe.mxtrace.test", "--no-mta-sts"]

# the words that blame the server, which a deadline must not use
BLAME = {"en": ["stopped answering", "never answered", "overloaded",
                "own internet connection"],
         "zh": ["停止响应", "一直没有及时回应", "负载过高", "您自己的网络连接"]}
LABEL = {"en": "Time limit (--deadline) reached",
         "zh": "已到总时限（--deadline）"}


class DnsSlow(SlowForwarder):
    """The lab's resolver, with the answers for names under domain held
    back delay seconds; the others (the start-up check's question, the
    trust anchor's DNSKEY) come at once, so the probe reaches its own
    lookups at once and --deadline passes while they wait."""

    def __init__(self, delay, domain):
        self.wire = b"".join(bytes([len(x)]) + x.encode()
                             for x in domain.split(".")) + b"\x00"
        super().__init__(delay)

    def answer(self, q, peer, t0):
        name = q[12:].split(b"\x00", 1)[0] + b"\x00"
        if not name.endswith(self.wire):
            t0 -= self.delay
        super().answer(q, peer, t0)


class StallAt(LoopbackServer):
    """An SMTP server that stops answering at one step: "ehlo", "starttls"
    (no reply to STARTTLS), "tls" (220 to STARTTLS, then no handshake) or
    "mail"; STARTTLS is offered only to the first two."""

    def __init__(self, step):
        self.step = step
        super().__init__()

    def serve(self, c):
        f = c.makefile("rb")
        c.sendall(b"220 mx.stall.test ESMTP\r\n")
        tls = self.step in ("starttls", "tls")
        while True:
            line = f.readline()
            if not line:
                return
            verb = line.split()[0].decode("ascii", "replace").lower() \
                if line.split() else ""
            if verb == self.step or (self.step == "tls" and
                                     verb == "starttls"):
                if self.step == "tls":
                    c.sendall(b"220 2.0.0 Ready to start TLS\r\n")
                c.settimeout(60)
                f.read()            # until the client goes
                return
            if verb == "ehlo":
                c.sendall(b"250-mx.stall.test\r\n" +
                          (b"250-STARTTLS\r\n" if tls else b"") +
                          b"250 PIPELINING\r\n")
            elif verb == "quit":
                c.sendall(b"221 Bye\r\n")
                return
            else:
                c.sendall(b"250 Ok\r\n")


def named(name, rec, value="1s"):
    """Each step or attempt of rec that says a deadline passed names the
    option and its value (--deadline 1s), not a "session deadline"."""
    said = [x.get("error") or "" for a in rec.get("attempts", [])
            for x in [a] + a.get("steps", [])]
    said = [e for e in said if "deadline" in e]
    check("%s: where the deadline is said, it is --deadline %s" %
          (name, value), all("--deadline %s" % value in e for e in said),
          said)


def words(name, addr, opts, verdict, stage, base=None, value="1s"):
    """The JSON, the terminal (en, zh) and the report of one probe that
    --deadline (value) ended (base: the options before opts, LAB's by
    default)."""
    base = LAB if base is None else base
    rec, p = probe_json(addr, base, *opts)
    expl = rec.get("explanation") or ""
    check("%s: exit 2, %s / %s / deadline" % (name, verdict, stage),
          p.returncode == 2 and rec.get("verdict") == verdict and
          rec.get("stage") == stage and rec.get("reason") == "deadline",
          (p.returncode, {k: rec.get(k) for k in
                          ("verdict", "stage", "reason", "stderr")}))
    check("%s: the explanation names --deadline, suggests a longer one "
          "and does not blame the server" % name,
          "--deadline" in expl and "--deadline 5m" in expl and
          not any(b in expl for b in BLAME["en"]), expl)
    if stage != "dns":
        check("%s: the attempt says the deadline passed" % name,
              any("--deadline" in (a.get("error") or "")
                  for a in rec.get("attempts", [])), rec.get("attempts"))
    named(name, rec, value)
    for lang in ("en", "zh"):
        t = subprocess.run([BIN, "probe", "--lang", lang] + base + opts +
                           [addr], capture_output=True, timeout=90,
                           env=dict(os.environ, LANG="C.UTF-8"))
        out = t.stdout.decode("utf-8", "replace")
        flat = "".join(out.split())
        check("%s (%s): the reason reads '%s', the advice a longer "
              "--deadline, no blame" % (name, lang, LABEL[lang]),
              t.returncode == 2 and "".join(LABEL[lang].split()) in flat and
              "--deadline5m" in flat and
              not any(b in flat for b in BLAME[lang]), out)
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "p.html")
        subprocess.run([BIN, "probe", "--html", page] + base + opts + [addr],
                       capture_output=True, timeout=90)
        html = open(page, encoding="utf-8").read() \
            if os.path.exists(page) else ""
        check("%s: the --html report's explanation says it too" % name,
              "--deadline 5m" in html and
              not any(b in html for b in BLAME["en"]), html[-600:])


def test_banner():
    # slow.test greets after 3 s: --deadline 2s leaves 2 s to reach the
    # banner on a loaded machine and still passes 1 s before it
    words("slow greeting", "alice@slow.test",
          ["--deadline", "2s", "--timeout", "10s"], "unreachable", "banner",
          value="2s")


def test_rcpt():
    srv = RcptUnanswered("silent", "deadline.test")
    try:
        words("RCPT unanswered", "alice@ok.test",
              ["--port", str(srv.port), "--deadline", "1s", "--timeout",
               "10s"], "temporary", "rcpt")
    finally:
        srv.close()


def test_dns():
    """--deadline 1s, the domain's DNS answers held 4 s: the user's limit,
    not dns_timeout ("check your own internet connection")."""
    fwd = DnsSlow(4.0, "ok.test")
    try:
        words("DNS still answering", "alice@ok.test",
              ["--deadline", "1s", "--timeout", "10s"], "dns_error", "dns",
              base=["--resolver", fwd.at] + LAB[2:])
        rec, _ = probe_json("alice@ok.test", ["--resolver", fwd.at] + LAB[2:],
                            "--deadline", "1s", "--timeout", "10s")
        check("DNS still answering: a warning names --deadline 1s",
              "--deadline 1s passed while the DNS lookup of ok.test was "
              "still waiting for answers" in rec.get("warnings", []),
              rec.get("warnings"))
    finally:
        fwd.close()


def step(name, addr, opts, verdict, stage):
    """One probe --deadline 1s ended at stage: its verdict, stage and
    reason, the attempt naming the option and its value."""
    rec, p = probe_json(addr, LAB, "--deadline", "1s", "--timeout", "10s",
                        *opts)
    check("%s: %s / %s / deadline" % (name, verdict, stage),
          p.returncode == 2 and rec.get("verdict") == verdict and
          rec.get("stage") == stage and rec.get("reason") == "deadline",
          {k: rec.get(k) for k in ("verdict", "stage", "reason",
                                   "attempts", "stderr")})
    check("%s: the attempt names --deadline 1s" % name,
          any("--deadline 1s" in (a.get("error") or "")
              for a in rec.get("attempts", [])), rec.get("attempts"))
    named(name, rec)


def test_steps():
    """Connect, EHLO, STARTTLS, the TLS handshake and MAIL (the banner and
    RCPT above)."""
    step("connect", "alice@blackhole.test", [], "unreachable", "connect")
    for st, stage in (("ehlo", "ehlo"), ("starttls", "starttls"),
                      ("tls", "starttls"), ("mail", "mail")):
        srv = StallAt(st)
        try:
            step(st, "alice@ok.test", ["--port", str(srv.port)],
                 "temporary", stage)
        finally:
            srv.close()


def test_verify():
    """A list with one slow domain: its record says deadline, the other
    domains' addresses get their own verdicts."""
    with tempfile.TemporaryDirectory() as tmp:
        got = verify_want("list", {"alice@ok.test": "deliverable",
                                   "nobody@ok.test": "undeliverable",
                                   "alice@slow.test": "unreachable",
                                   "bob@exim.test": "deliverable"},
                          [BIN, "verify"] + LAB + ["--deadline", "1s",
                                                   "--timeout", "10s"], tmp)
        slow = got.get("alice@slow.test", {})
        check("verify: the slow domain's record says deadline at the banner",
              slow.get("reason") == "deadline" and
              slow.get("stage") == "banner", slow)
        named("verify", slow)
        others = [r.get("reason") for a, r in got.items()
                  if a != "alice@slow.test"]
        check("verify: no other record says deadline", "deadline" not in
              others, others)


def test_verify_dns():
    """verify --deadline 1s, ok.test's answers held 4 s: its rows say
    deadline at dns after about 1 s (they read dns_failure after the
    lookup's own end, 5 to 9 s, before), the warning naming --deadline 1s
    (en, zh), the other domain's row its verdict, the run over without
    waiting for the held answers; held 0.2 s a query, the rows get their
    verdicts: the shared lookup is not cut short."""
    fwd = DnsSlow(4.0, "ok.test")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.monotonic()
            got = verify_want("dns", {"alice@ok.test": "dns_error",
                                      "nobody@ok.test": "dns_error",
                                      "bob@exim.test": "deliverable"},
                              [BIN, "verify", "-q", "--resolver", fwd.at] +
                              LAB[2:] + ["--deadline", "1s", "--timeout",
                                         "10s"], tmp)
            took = time.monotonic() - t0
            slow = [got.get(a, {}) for a in ("alice@ok.test",
                                              "nobody@ok.test")]
            check("verify, DNS held: ok.test's rows say dns / deadline",
                  all(r.get("stage") == "dns" and
                      r.get("reason") == "deadline" for r in slow),
                  [{k: r.get(k) for k in ("verdict", "stage", "reason")}
                   for r in slow])
            check("verify, DNS held: each row's warning names --deadline 1s",
                  all(any("--deadline 1s passed while the DNS lookup of "
                          "ok.test" in w for w in r.get("warnings", []))
                      for r in slow), [r.get("warnings") for r in slow])
            check("verify, DNS held: written after about 1 s, the run "
                  "over in %.1f s (< 3 s), not after the held answers" %
                  took, took < 3.0 and
                  all(900 <= r.get("timing", {}).get("total_ms", 0) < 2500
                      for r in slow), [r.get("timing") for r in slow])
            out = os.path.join(tmp, "dns.jsonl")
            rep = subprocess.run([BIN, "report", "--lang", "zh", "-o",
                                  os.path.join(tmp, "r.html"), out],
                                 capture_output=True, timeout=60)
            html = open(os.path.join(tmp, "r.html"), encoding="utf-8").read() \
                if rep.returncode == 0 else ""
            check("verify, DNS held: the zh report says the warning in "
                  "Chinese with --deadline 1s",
                  "总时限 --deadline 1s 已到，而 ok.test 的 DNS 查询还在等待回应"
                  in html, rep.stderr.decode("utf-8", "replace")[-300:])
    finally:
        fwd.close()
    fwd = DnsSlow(0.2, "ok.test")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            verify_want("dns in time", {"alice@ok.test": "deliverable",
                                        "nobody@ok.test": "undeliverable"},
                        [BIN, "verify", "-q", "--resolver", fwd.at] +
                        LAB[2:] + ["--deadline", "1s", "--timeout", "10s"],
                        tmp)
    finally:
        fwd.close()


def test_resume():
    """--resume keeps a deadline record while its --deadline is not
    longer than the one of the run that wrote it, and probes it again
    under a longer one (or the default): the new record replaces it (one
    line a row), the other rows' records stay as they were, byte for byte.
    Stopped by SIGINT during that probe, the output holds the other rows'
    records and none for it; the next --resume writes its one record."""
    want = ["alice@ok.test", "alice@slow.test", "nobody@ok.test"]
    base = [BIN, "verify", "--lang", "en"] + LAB + ["--timeout", "10s"]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "list.txt")
        out = os.path.join(tmp, "out.jsonl")
        with open(src, "w") as f:
            f.write("".join(a + "\n" for a in want))

        def lines():
            return open(out, "rb").read().splitlines() \
                if os.path.exists(out) else []

        def run(*opts):
            p = subprocess.run(base + list(opts) + ["-o", out, src],
                               capture_output=True, timeout=120)
            got = lines()
            return p, got, {json.loads(x)["address"]: json.loads(x)
                            for x in got}

        kept = [b"nobody@ok.test", b"alice@ok.test"]

        def others(got):
            return [x for x in got if any(k in x for k in kept)]

        p, first, recs = run("--deadline", "1s")
        check("resume: the first run's slow.test record says deadline",
              p.returncode == 0 and len(first) == 3 and
              recs.get("alice@slow.test", {}).get("reason") == "deadline",
              (p.returncode, [r.get("reason") for r in recs.values()]))
        p, again, recs = run("--resume", "--deadline", "1s")
        check("resume with the same --deadline 1s: nothing probed again, "
              "the records as they were", p.returncode == 0 and
              again == first and b"probed again" not in p.stderr,
              (p.returncode, len(again),
               p.stderr.decode("utf-8", "replace")[-300:]))
        # stopped while slow.test (greeting after 3 s) is probed again
        v = subprocess.Popen(base + ["--resume", "--deadline", "10s", "-o",
                                     out, src], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE,
                             preexec_fn=SIGINT_DEFAULT)
        time.sleep(1.5)
        v.send_signal(signal.SIGINT)
        err = v.communicate(timeout=60)[1].decode("utf-8", "replace")
        got = lines()
        check("resume stopped during the probe again: the other records "
              "kept, none for slow.test", others(got) == others(first) and
              len(got) == 2, (v.returncode, got, err[-300:]))
        check("resume stopped: it said which records it probes again "
              "(--deadline 1s, now 10s)", "1 record that --deadline 1s "
              "ended, probed again with --deadline 10s" in err, err[-400:])
        p, longer, recs = run("--resume", "--deadline", "10s")
        slow = recs.get("alice@slow.test", {})
        check("resume with --deadline 10s: slow.test probed, now "
              "deliverable, one record a row", p.returncode == 0 and
              len(longer) == 3 and slow.get("verdict") == "deliverable" and
              sorted(json.loads(x)["row"] for x in longer) == [1, 2, 3],
              (p.returncode, len(longer), slow.get("reason"),
               p.stderr.decode("utf-8", "replace")[-300:]))
        check("resume with --deadline 10s: the other rows' records kept "
              "byte for byte", others(longer) == others(first), longer)
        p, last, recs = run("--resume")
        check("a further resume (the default --deadline): nothing left "
              "to probe", p.returncode == 0 and last == longer,
              (p.returncode, len(last)))
        # a longer --deadline under zh: the notice in Chinese
        p, _, _ = run("--deadline", "1s", "--force")
        p = subprocess.run([BIN, "verify", "--lang", "zh"] + LAB +
                           ["--timeout", "10s", "--resume", "-o", out, src],
                           capture_output=True, timeout=120)
        err = p.stderr.decode("utf-8", "replace")
        check("resume (zh): the notice names both deadlines in Chinese",
              "1 条记录在 --deadline 1s 时限内未完成，现用 --deadline 2m "
              "重新检测" in err, err[-400:])


def test_resume_own_deadline():
    """A record's own --deadline (timing.deadline_ms) decides whether a
    --resume probes it again, not the last run's in FILE.meta: after
    --deadline 2s ended slow.test's row (a greeting after 3 s) and a
    --resume --deadline 1s, a --resume --deadline 2s keeps it (it probed
    it again, "1 record that --deadline 1s ended", before); records
    ended by several limits are said as a range; a record without the
    field (an older mxtrace's) is taken for one of the last run."""
    base = [BIN, "verify", "--lang", "en"] + LAB + ["--timeout", "10s"]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "list.txt")
        out = os.path.join(tmp, "out.jsonl")
        with open(src, "w") as f:
            f.write("alice@ok.test\nalice@slow.test\nbob@slow.test\n"
                    "not an address\n")

        def run(*opts):
            p = subprocess.run(base + list(opts) + ["-o", out, src],
                               capture_output=True, timeout=120)
            got = open(out, "rb").read().splitlines()
            return p, got, p.stderr.decode("utf-8", "replace")

        def recs(got):
            return {json.loads(x)["row"]: json.loads(x) for x in got}

        p, first, _ = run("--deadline", "2s")
        r = recs(first)
        check("own deadline: each record says the --deadline it ran "
              "under, null for the address of bad syntax",
              p.returncode == 0 and
              [r[i]["timing"].get("deadline_ms") for i in (1, 2, 3, 4)] ==
              [2000, 2000, 2000, None] and
              r[2]["reason"] == r[3]["reason"] == "deadline",
              (p.returncode, {k: (v["reason"], v["timing"])
                              for k, v in r.items()}))
        p, again, err = run("--resume", "--deadline", "1s")
        check("own deadline: --resume --deadline 1s probes nothing again",
              p.returncode == 0 and again == first and
              "probed again" not in err, (p.returncode, err[-300:]))
        p, again, err = run("--resume", "--deadline", "2s")
        check("own deadline: then --resume --deadline 2s keeps the "
              "records 2s ended (FILE.meta says 1s)", p.returncode == 0
              and again == first and "probed again" not in err,
              (p.returncode, err[-300:]))
        # row 3's record ended by 3s, row 2's by an mxtrace that did not
        # say its limit (FILE.meta: the last run's, 2s)
        r = recs(first)
        r[3]["timing"]["deadline_ms"] = 3000
        del r[2]["timing"]["deadline_ms"]
        with open(out, "w") as f:
            f.write("".join(json.dumps(r[i], ensure_ascii=False) + "\n"
                            for i in sorted(r)))
        p, _, err = run("--resume", "--deadline", "2500ms")
        check("own deadline: --deadline 2500ms probes again only the "
              "record that does not say its limit (taken for 2s)",
              "1 record that --deadline 2s ended, probed again with "
              "--deadline 2500ms" in err, err[-300:])
        for lang, want in (("en", "2 records that --deadline 1s to 1500ms "
                                  "ended, probed again with --deadline 10s"),
                           ("zh", "2 条记录在 --deadline 1s 至 1500ms 的时限内"
                                  "未完成，现用 --deadline 10s 重新检测")):
            run("--deadline", "1s", "--force")
            r = recs(open(out, "rb").read().splitlines())
            r[3]["timing"]["deadline_ms"] = 1500
            with open(out, "w") as f:
                f.write("".join(json.dumps(r[i], ensure_ascii=False) + "\n"
                                for i in sorted(r)))
            p = subprocess.run([BIN, "verify", "--lang", lang] + LAB +
                               ["--timeout", "10s", "--resume", "--deadline",
                                "10s", "-o", out, src], capture_output=True,
                               timeout=120)
            err = p.stderr.decode("utf-8", "replace")
            lines = open(out, "rb").read().splitlines()
            got = recs(lines)
            check("own deadline (%s): records ended by 1s and 1500ms said "
                  "as a range, both probed again, one record a row" % lang,
                  want in err and sorted(got) == [1, 2, 3, 4] and
                  len(lines) == 4 and
                  got[2]["verdict"] == got[3]["verdict"] == "deliverable",
                  (err[-400:], sorted(got)))


def test_timeout_unchanged():
    rec, p = probe_json("alice@slow.test", LAB, "--timeout", "1s")
    check("a step's own --timeout still reads timeout",
          p.returncode == 2 and rec.get("reason") == "timeout" and
          rec.get("stage") == "banner", rec)


def main():
    guarded(test_banner)
    guarded(test_rcpt)
    guarded(test_dns)
    guarded(test_steps)
    guarded(test_verify)
    guarded(test_verify_dns)
    guarded(test_resume)
    guarded(test_resume_own_deadline)
    guarded(test_timeout_unchanged)
    return finish("test_deadline_reason")


if __name__ == "__main__":
    sys.exit(main())
