#!/usr/bin/env python3
"""test_resolver_dead - a DNS resolver that does not answer at all is said
at once.  probe, verify and explain --probe ask it for the root's SOA
before any address (cli_resolver_check, dns/alive.c): with a dead
--resolver (127.0.27.1: nothing listens; 127.0.27.2: a blackhole) or an
/etc/resolv.conf naming only dead servers, each stops with exit 70 and
says so in English and Chinese, within a few seconds, not after
libunbound's retries (17 s per query, 34 s for one probe with DNSSEC on),
and writes nothing.  A refusal is an answer: the lab's Unbound refuses the
root's SOA and passes.  sender is not stopped (test_sender.py runs it with
a dead --resolver on purpose).  Without --resolver, libunbound forwards
only to the servers of /etc/resolv.conf that answered the check: a dead
one beside a live one gets no question of the run."""
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, SlowForwarder, UdpServer,  # noqa: E402
                      check, finish, guarded, root_answered)

DEAD = "127.0.27.1"             # nothing listens (test/lab/README.md)
HOLE = "127.0.27.2"             # a blackhole: nothing comes back
MUTE_IP = "127.0.27.54"         # the Mute server's port 53 (nothing else there)
REAL_IP = "127.0.27.57"         # a forwarder's port 53 beside it
LAB = ["--allow-private", "--timeout", "5s", "--helo", "probe.example.test"]
# A hang guard only: the check's own bound is 3 s (DNS_ALIVE_WAIT_MS);
# before it, one probe took 34 s with a dead resolver.
BOUND = 12
EN = "does not answer: check this machine's network, or give a resolver " \
     "that answers with --resolver"
ZH = "没有回应：请检查本机的网络，或用 --resolver 指定一个有回应的 DNS 服务器"


def run(args, timeout=120, stdin=None):
    """mxtrace ARGS: (exit status, stdout, stderr, seconds)."""
    t0 = time.monotonic()
    p = subprocess.run([BIN] + args, capture_output=True, timeout=timeout,
                       input=stdin)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"), time.monotonic() - t0)


def flat(s):
    return " ".join(s.split())


def stopped(what, got, server, lang="en"):
    """got: run()'s tuple for a command stopped by the check."""
    rc, out, err, secs = got
    want = ("the DNS resolver %s %s" % (server, EN) if lang == "en" else
            "DNS 服务器 %s %s" % (server, ZH))
    print("  # %s: %.2f s" % (what, secs))
    check(what + ": exit 70", rc == 70, "exit %d, %r" % (rc, err[-300:]))
    check(what + ": says the resolver does not answer (%s)" % lang,
          want in flat(err), err[-400:])
    check(what + ": well before the per-query timeout (%.1f s)" % secs,
          secs < BOUND)
    check(what + ": no DNSSEC check after it", "DNSSEC" not in err,
          err[-300:])
    check(what + ": nothing on standard output", out == "", out[-300:])


def dsn(rcpt):
    return ("From: MAILER-DAEMON@mail.example.test\nTo: sales@example.test\n"
            "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status; "
            "boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mail.example.test\n\nFinal-Recipient: "
            "rfc822; %s\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; "
            "mx1.ok.test\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n"
            "--b--\n" % rcpt)


class Forwarder(UdpServer):
    """A DNS forwarder to the lab resolver on 127.0.0.1 (a free port), for
    a resolver that answers, then dies (close: its port is closed)."""

    def take(self, q, peer):
        up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        up.settimeout(5)
        try:
            up.sendto(q, (RESOLVER, 53))
            self.sock.sendto(up.recv(65535), peer)
        except OSError:
            pass
        finally:
            up.close()


def test_probe():
    for server in (DEAD, HOLE):
        stopped("probe --resolver " + server,
                run(["probe", "--resolver", server] + LAB +
                    ["alice@ok.test"]), server)
    stopped("probe --no-dnssec", run(["probe", "--no-dnssec", "--resolver",
                                      DEAD] + LAB + ["alice@ok.test"]), DEAD)
    stopped("probe --lang zh", run(["probe", "--lang", "zh", "--resolver",
                                    DEAD] + LAB + ["alice@ok.test"]),
            DEAD, "zh")
    with tempfile.TemporaryDirectory() as d:
        page = os.path.join(d, "p.html")
        stopped("probe --json --html", run(["probe", "--json", "--html", page,
                                            "--resolver", DEAD] + LAB +
                                           ["alice@ok.test"]), DEAD)
        check("probe --html: no page written", not os.path.exists(page),
              os.listdir(d))


def test_good_resolver_unchanged():
    """The lab's Unbound refuses the root's SOA: a refusal proves it alive,
    and the probe goes on as before."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(struct.pack(">HHHHHH", 0x4d58, 0x0100, 1, 0, 0, 0) +
             b"\x00" + struct.pack(">HH", 6, 1), (RESOLVER, 53))
    reply = s.recv(512)
    s.close()
    check("the lab resolver refuses the root's SOA (rcode 5)",
          len(reply) >= 4 and reply[3] & 0x0f == 5, reply[:4])
    rc, out, err, secs = run(["probe", "--json", "--resolver", RESOLVER] +
                             LAB + ["alice@ok.test"])
    check("good resolver: probe exit 0, deliverable",
          rc == 0 and '"verdict":"deliverable"' in out.replace(" ", ""),
          "exit %d %r" % (rc, err[-300:]))
    check("good resolver: nothing said of the resolver",
          "does not answer" not in err, err[-300:])


def with_conf(servers, args):
    """mxtrace ARGS with an /etc/resolv.conf naming servers, of this test's
    own, bind-mounted in a private mount namespace (as test/lab/up does for
    Exim): run()'s tuple."""
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "resolv.conf")
        with open(conf, "w") as f:
            f.write("".join("nameserver %s\n" % x for x in servers))
        t0 = time.monotonic()
        p = subprocess.run(["unshare", "-m", "sh", "-c",
                            'mount --bind "$0" /etc/resolv.conf && '
                            'exec "$@"', conf, BIN] + args,
                           capture_output=True, timeout=120)
        return (p.returncode, p.stdout.decode(), p.stderr.decode(),
                time.monotonic() - t0)


def test_resolv_conf():
    """Without --resolver the servers of /etc/resolv.conf are asked, all
    at once: all dead stops the run naming them, one alive is enough (an
    /etc/resolv.conf of this test's own, bind-mounted in a private mount
    namespace, as test/lab/up does for Exim)."""
    rc, out, err, secs = with_conf([DEAD, HOLE], ["probe"] + LAB +
                                   ["alice@ok.test"])
    print("  # resolv.conf, two dead servers: %.2f s" % secs)
    check("resolv.conf all dead: exit 70, both named, within the bound",
          rc == 70 and secs < BOUND and
          "no DNS resolver of /etc/resolv.conf (%s, %s) answers: check "
          "this machine's network and /etc/resolv.conf" % (DEAD, HOLE)
          in flat(err), "exit %d, %.1f s, %r" % (rc, secs, err[-300:]))
    rc, out, err, secs = with_conf([DEAD, HOLE], ["probe", "--lang", "zh"]
                                   + LAB + ["alice@ok.test"])
    check("resolv.conf all dead, zh",
          rc == 70 and "/etc/resolv.conf 里的 DNS 服务器（%s, %s）都没有回应"
          % (DEAD, HOLE) in flat(err), "exit %d, %r" % (rc, err[-300:]))
    rc, out, err, secs = with_conf([HOLE, RESOLVER], ["probe", "--json"]
                                   + LAB + ["alice@ok.test"])
    check("resolv.conf, a dead server and the lab's: probe goes on",
          rc == 0 and "does not answer" not in err,
          "exit %d, %r" % (rc, err[-300:]))


class Mute(UdpServer):
    """A DNS server on MUTE_IP's port 53 that takes every question and
    answers none (a stale server of an office's resolv.conf whose address
    still takes datagrams: no ICMP error tells the sender it is gone);
    self.questions: each question's section, in the order they came."""

    def __init__(self):
        self.questions = []
        super().__init__(MUTE_IP, 53)

    def take(self, q, peer):
        self.questions.append(q[12:])


ROOT_KEY = "/usr/share/dns/root.key"    # Debian's dns-root-data
ROOT_SOA = b"\x00\x00\x06\x00\x01"  # the start-up check's question


def test_resolv_conf_dead_first():
    """A mute server first in /etc/resolv.conf, a resolver second (a
    forwarder to the lab's that answers the root's SOA, as a resolver of
    the internet does: the lab's own REFUSED would hold the check 1 s,
    test_resolver_refused.py): the check hears it, and libunbound is given
    only it, so every question of the probe goes there (given both, as
    ub_ctx_resolvconf did, libunbound sent to the mute one too, each such
    question waiting its timeout: 0.9-2.4 s a probe instead of 0.1-0.2 s).
    The mute one gets the check's own question, once: the answer comes
    long before the check would send it again (after 1 s)."""
    rc0, out0, err0, secs0 = run(["probe", "--json", "--resolver",
                                  RESOLVER] + LAB + ["alice@ok.test"])
    print("  # straight to the lab's resolver: exit %d, %.2f s" %
          (rc0, secs0))
    # the root's key cannot validate the lab: DNSSEC is not checked and
    # the DNS context is made again (cli_dnssec_init), to the same servers
    for label, opts, unchecked in (
            ("", [], False), (", --no-dnssec", ["--no-dnssec"], False),
            (", the root's key", ["--trust-anchor", ROOT_KEY], True)):
        mute = Mute()
        real = SlowForwarder(0, REAL_IP, 53, mangle=root_answered)
        try:
            rc, out, err, secs = with_conf([MUTE_IP, REAL_IP],
                                           ["probe", "--json"] + opts + LAB +
                                           ["alice@ok.test"])
        finally:
            real.close()
            mute.close()
        what = "resolv.conf, a mute server first" + label
        others = [q for q in mute.questions if not q.startswith(ROOT_SOA)]
        print("  # %s: exit %d, %.2f s, %d questions at it (%d not the "
              "check's)" % (what, rc, secs, len(mute.questions),
                            len(others)))
        check(what + ": the verdict of a probe straight to the lab's "
              "resolver (deliverable)", rc == rc0 == 0 and
              '"verdict":"deliverable"' in out.replace(" ", ""),
              "exit %d, %r" % (rc, err[-300:]))
        check(what + ": no question of the run sent to it (%d were)" %
              len(others), others == [], others[:5])
        check(what + ": asked the check's question, once (%d)" %
              len(mute.questions), len(mute.questions) == 1)
        check(what + ": nothing said of it on standard error",
              MUTE_IP not in err, err[-300:])
        check(what + ": DNSSEC said not checked: %s" % unchecked,
              ("DNSSEC not checked" in err) == unchecked, err[-300:])
        # what this guards costs a second or more (each question at the
        # mute one waits 0.9-2.4 s, the check's own wait 3 s) and the
        # questions themselves are counted above; a loaded machine adds
        # tenths (0.52 s and 0.70 s in a CI beside three builds)
        check(what + ": about as fast as straight to the lab's "
              "(%.2f s, %.2f s)" % (secs, secs0), secs < secs0 + 1.5)


def test_verify():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "list.txt")
        with open(src, "w") as f:
            f.write("alice@ok.test\nnobody@ok.test\n")
        for lang in ("en", "zh"):
            out, csv = os.path.join(d, "r.jsonl"), os.path.join(d, "r.csv")
            got = run(["verify", "--lang", lang, "--resolver", DEAD] + LAB +
                      ["-o", out, "--csv", csv, src])
            stopped("verify (%s)" % lang, got, DEAD, lang)
            check("verify (%s): nothing written" % lang,
                  sorted(os.listdir(d)) == ["list.txt"], os.listdir(d))
        # records to standard output: none
        stopped("verify to standard output",
                run(["verify", "--resolver", DEAD] + LAB + [src]), DEAD)
        # --resume (it keeps the first run's --resolver) after that
        # resolver died: the records and FILE.meta are left as they were
        fwd = Forwarder()
        via = "127.0.0.1@%d" % fwd.port
        out = os.path.join(d, "done.jsonl")
        rc, _, err, _ = run(["verify", "--resolver", via] + LAB +
                            ["-o", out, src])
        check("verify through a forwarder to the lab: exit 0", rc == 0,
              err[-300:])
        fwd.close()
        # a row left to probe (a run interrupted after the first record)
        with open(out) as f:
            first = f.readline()
        with open(out, "w") as f:
            f.write(first)
        before = {n: open(os.path.join(d, n), "rb").read()
                  for n in os.listdir(d)}
        stopped("verify --resume", run(["verify", "--resume", "--resolver",
                                        via] + LAB + ["-o", out, src]), via)
        after = {n: open(os.path.join(d, n), "rb").read()
                 for n in os.listdir(d)}
        check("verify --resume: the records and FILE.meta untouched",
              before == after and "done.jsonl.meta" in after,
              sorted(after))
        # a list with no valid address asks DNS nothing: not stopped
        bad = os.path.join(d, "bad.txt")
        with open(bad, "w") as f:
            f.write("a@@b\n")
        rc, out, err, _ = run(["verify", "--resolver", DEAD] + LAB + [bad])
        check("verify of a list without a valid address: exit 0, its "
              "record written", rc == 0 and "invalid_syntax" in out,
              "exit %d, %r" % (rc, err[-300:]))


# An option's own mistake, each said before the resolver is asked (with a
# dead one, it would take the check's 3 s and be said only once the
# resolver was fixed), with the options' status 64 as a file that is
# missing: (what, options, status, English, Chinese); the files are made
# in the test's folder, {d}.
OPTION_MISTAKES = [
    ("--ca-file not PEM", ["--ca-file", "{d}/der.crt"], 64,
     "--ca-file: {d}/der.crt: no certificate in PEM form in it",
     "其中没有 PEM 格式的证书"),
    ("--trust-anchor without a key", ["--trust-anchor", "{d}/anchor.key"],
     64, "no DS or DNSKEY record in the trust anchor {d}/anchor.key",
     "信任锚 {d}/anchor.key 里没有 DS 或 DNSKEY 记录"),
    ("--source and a proxy address of the other family",
     ["--source", "127.0.0.1", "--proxy", "socks5://[::1]:1080"], 64,
     "--source and the proxy [::1]:1080 are of different address families",
     "--source 与代理 [::1]:1080 的地址类型不同"),
    # said while the options are read, before this change too
    ("--ca-file missing", ["--ca-file", "{d}/none.pem"], 64,
     "--ca-file: cannot read '{d}/none.pem'", "--ca-file"),
    ("--source not this machine's", ["--source", "192.0.2.1"], 64,
     "--source 192.0.2.1 is not an address of this machine", "192.0.2.1"),
    ("--proxy not a URL", ["--proxy", "socks5://"], 64,
     "--proxy wants socks5://", "--proxy"),
]
# The check alone waits 3 s for a dead resolver: an option said in less
# was said before it.
BEFORE_CHECK = 2.5


def option_first(what, got, status, words):
    rc, out, err, secs = got
    print("  # %s: %.2f s" % (what, secs))
    check(what + ": exit %d" % status, rc == status,
          "exit %d, %r" % (rc, err[-300:]))
    check(what + ": the option said", words in flat(err), err[-400:])
    check(what + ": not the resolver", "does not answer" not in err and
          "没有回应" not in err, err[-300:])
    check(what + ": before the resolver is asked (%.2f s)" % secs,
          secs < BEFORE_CHECK)


def test_options_before_resolver():
    """probe, verify and explain --probe with a dead --resolver and a
    mistake in their own options: the option is said, with its own exit
    status, at once; verify writes nothing."""
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "der.crt"), "wb") as f:
            f.write(b"0\x82\x01\x0a\x02\x01\x01 not PEM\n")
        with open(os.path.join(d, "anchor.key"), "w") as f:
            f.write("; no DS or DNSKEY here\n. 3600 IN NS a.root.test.\n")
        src = os.path.join(d, "list.txt")
        with open(src, "w") as f:
            f.write("alice@ok.test\n")
        eml = os.path.join(d, "bounce.eml")
        with open(eml, "w") as f:
            f.write(dsn("nobody@ok.test"))
        for what, opts, status, en, zh in OPTION_MISTAKES:
            opts = [o.format(d=d) for o in opts]
            for lang, words in (("en", en), ("zh", zh)):
                words = words.format(d=d)
                dead = ["--lang", lang, "--resolver", DEAD] + LAB + opts
                option_first("probe %s (%s)" % (what, lang),
                             run(["probe"] + dead + ["alice@ok.test"]),
                             status, words)
                out = os.path.join(d, "r.jsonl")
                option_first("verify %s (%s)" % (what, lang),
                             run(["verify"] + dead + ["-o", out, "--csv",
                                                      out + ".csv", src]),
                             status, words)
                check("verify %s (%s): nothing written" % (what, lang),
                      sorted(os.listdir(d)) == ["anchor.key", "bounce.eml",
                                                "der.crt", "list.txt"],
                      os.listdir(d))
                option_first("explain --probe %s (%s)" % (what, lang),
                             run(["explain", "--probe"] + dead + [eml]),
                             status, words)


def written(path):
    """The whole records of a verify output (a torn last line left out)."""
    with open(path) as f:
        return [json.loads(x) for x in f.read().split("\n")[:-1]]


def test_resume_nothing_left():
    """verify --resume whose rows are all written, or all end without DNS
    (invalid, duplicates of written records), asks no resolver: with it
    dead the run ends as with it alive (summary, --csv, exit 0); a row
    still to probe stops it, its records as they were (a torn last line
    too).  A list of invalid addresses alone asks no DNS, DNSSEC's check
    neither."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "list.txt")
        with open(src, "w") as f:
            f.write("alice@ok.test\nnobody@ok.test\nALICE@ok.test\na@@b\n")
        out, csv = os.path.join(d, "r.jsonl"), os.path.join(d, "r.csv")
        fwd = Forwarder()
        via = "127.0.0.1@%d" % fwd.port
        args = ["verify", "--resume", "--resolver", via] + LAB + \
            ["-o", out, "--csv", csv, src]
        rc, _, err, _ = run(args[:1] + args[2:])
        check("first run through a forwarder to the lab: exit 0", rc == 0,
              err[-300:])
        rc, _, alive, _ = run(args)
        with open(csv, "rb") as f:
            csv_alive = f.read()
        check("--resume with the resolver alive: exit 0, done", rc == 0 and
              "done: 4 of 4 addresses" in alive, alive[-300:])
        fwd.close()
        with open(out, "rb") as f:
            records = f.read()
        # the language is the first run's, unless given (then kept)
        for lang, done in (("zh", "完成：共 4 个地址"),
                           ("en", "done: 4 of 4 addresses")):
            if os.path.exists(csv):
                os.unlink(csv)
            rc, _, err, secs = run(args[:1] + ["--lang", lang] + args[1:])
            print("  # --resume, all written, resolver dead (%s): %.2f s" %
                  (lang, secs))
            check("all written, resolver dead (%s): exit 0, the summary" %
                  lang, rc == 0 and done in err, "exit %d, %r" %
                  (rc, err[-400:]))
            check("all written (%s): the resolver not asked" % lang,
                  "does not answer" not in err and "没有回应" not in err and
                  "DNSSEC" not in err and secs < BEFORE_CHECK,
                  "%.2f s, %r" % (secs, err[-300:]))
            check("all written (%s): --csv written (as with it alive)" %
                  lang, os.path.exists(csv) and (lang != "en" or
                                                open(csv, "rb").read() ==
                                                csv_alive))
            check("all written (%s): the records unchanged" % lang,
                  open(out, "rb").read() == records)
        # rows 3 (a duplicate of row 1) and 4 (invalid) not written yet,
        # and a torn last line: written now without DNS
        keep = [r for r in written(out) if r["row"] in (1, 2)]
        with open(out, "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in keep) +
                    '{"summary":"ok","address":"ALI')
        rc, _, err, secs = run(args)
        print("  # --resume, a duplicate and an invalid row left: %.2f s" %
              secs)
        rows = {r["row"]: r for r in written(out)}
        check("duplicate and invalid rows left, resolver dead: exit 0, "
              "both written, the torn line cut", rc == 0 and
              sorted(rows) == [1, 2, 3, 4] and
              rows[3]["duplicate_of"] == 1 and
              rows[3]["verdict"] == "deliverable" and
              rows[4]["verdict"] == "invalid_syntax" and
              "cut a torn last line" in err,
              "exit %d, %r, %r" % (rc, sorted(rows), err[-400:]))
        check("duplicate and invalid rows left: the resolver not asked",
              "does not answer" not in err and "DNSSEC" not in err and
              secs < BEFORE_CHECK, "%.2f s, %r" % (secs, err[-300:]))
        # row 2 (an address of its own) not written: stopped, nothing
        # written, the torn line left for the --resume that goes on
        keep = [r for r in written(out) if r["row"] != 2]
        with open(out, "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in keep) + '{"sum')
        before = {n: open(os.path.join(d, n), "rb").read()
                  for n in os.listdir(d)}
        stopped("--resume, a row to probe left", run(args), via)
        after = {n: open(os.path.join(d, n), "rb").read()
                 for n in os.listdir(d)}
        check("a row to probe left: records, torn line and FILE.meta "
              "untouched", before == after, sorted(after))
        # a list of invalid addresses alone: no DNSSEC check either
        bad = os.path.join(d, "bad.txt")
        with open(bad, "w") as f:
            f.write("a@@b\n")
        rc, out, err, secs = run(["verify", "--resolver", DEAD] + LAB + [bad])
        check("invalid addresses only: exit 0 at once, no DNSSEC check",
              rc == 0 and "invalid_syntax" in out and "DNSSEC" not in err and
              secs < BEFORE_CHECK, "exit %d, %.2f s, %r" %
              (rc, secs, err[-300:]))


def test_explain_probe():
    with tempfile.TemporaryDirectory() as d:
        eml = os.path.join(d, "bounce.eml")
        with open(eml, "w") as f:
            f.write(dsn("nobody@ok.test"))
        for lang in ("en", "zh"):
            rc, out, err, secs = run(["explain", "--probe", "--lang", lang,
                                      "--resolver", DEAD] + LAB + [eml])
            stopped("explain --probe (%s)" % lang, (rc, out, err, secs),
                    DEAD, lang)


def test_sender_not_stopped():
    rc, out, err, secs = run(["sender", "--json", "--resolver", DEAD,
                              "--timeout", "1s", "--deadline", "3s",
                              "--no-dnssec", "--allow-private",
                              "listed.sender.test"])
    check("sender with a dead --resolver: not stopped by the check",
          rc != 70 and "does not answer" not in err and out.startswith("{"),
          "exit %d, %r" % (rc, err[-300:]))


def main():
    for t in (test_probe, test_good_resolver_unchanged, test_resolv_conf,
              test_resolv_conf_dead_first,
              test_verify, test_explain_probe, test_sender_not_stopped,
              test_options_before_resolver, test_resume_nothing_left):
        guarded(t)
    return finish("test_resolver_dead")


if __name__ == "__main__":
    sys.exit(main())
