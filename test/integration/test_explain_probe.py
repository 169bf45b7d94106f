#!/usr/bin/env python3
"""test_explain_probe - `mxtrace explain --probe` against the lab: a bounce
for an unknown user at ok.test (Postfix, 550 5.1.1) is probed again and the
mailbox still does not exist; a greylisting bounce from retry.test (the
scripted greylister: 450 4.7.1 until 3 s after the first try) is probed
again after the greylisting delay and is accepted now.  Both as JSON and
as the readable text.  A blocklist bounce is not "still" an unknown mailbox,
and its address accepted now does not mean the blocklisting is over.
An address named by several bounces of one run (and twice, in other
case, by one) is probed once, watched by a server of the test's own that
writes down every RCPT; the later recipients show that probe's result,
marked as reused, each compared with its own bounce."""
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, RESOLVER, RcptLog, check, finish, \
    guarded, numbers as NUMBERS  # noqa: E402

OPTS = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
        "--helo", "probe.example.test", "--no-catch-all-check"]


def dsn(rcpt, status, diag, remote, more=()):
    return ("From: MAILER-DAEMON@mail.example.test (Mail Delivery System)\n"
            "To: sales@example.test\nSubject: Undelivered Mail Returned to Sender\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; "
            "report-type=delivery-status; boundary=\"b\"\n\n--b\n"
            "Content-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mail.example.test\n\n"
            "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\n"
            "Remote-MTA: dns; %s\nDiagnostic-Code: smtp; %s\n%s--b--\n" %
            (rcpt, status, remote, diag, "".join(
                "\nFinal-Recipient: rfc822; %s\nAction: failed\n"
                "Status: %s\nRemote-MTA: dns; %s\nDiagnostic-Code: smtp; "
                "%s\n" % (r, status, remote, diag) for r in more)))


def explain(text, json_out=True):
    with tempfile.NamedTemporaryFile("w", suffix=".eml", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        args = [BIN, "explain", "--probe"] + OPTS + (["--json"] if json_out else [])
        p = subprocess.run(args + [path], capture_output=True, timeout=120)
        return p.returncode, p.stdout.decode(), p.stderr.decode()
    finally:
        os.unlink(path)


def test_unknown_user_still_unknown():
    rc, out, err = explain(dsn("nobody@ok.test", "5.1.1",
                               "550 5.1.1 <nobody@ok.test>: Recipient address "
                               "rejected: User unknown in virtual mailbox table "
                               "(in reply to RCPT TO command)", "mx1.ok.test"))
    check("unknown user: exit 0", rc == 0, err)
    rec = json.loads(out.splitlines()[0])
    r = rec["recipients"][0]
    check("unknown user: then mailbox_unknown", r["reason"] == "mailbox_unknown", r)
    check("unknown user: then_vs_now still_does_not_exist",
          r.get("then_vs_now") == "still_does_not_exist", r.get("then_vs_now"))
    now = r.get("now") or {}
    check("unknown user: now undeliverable 550 5.1.1",
          now.get("verdict") == "undeliverable" and
          (now.get("reply") or {}).get("code") == 550, now)
    rc, out, err = explain(dsn("nobody@ok.test", "5.1.1", "550 5.1.1 User unknown",
                               "mx1.ok.test"), json_out=False)
    check("unknown user: text says it still does not exist",
          "the mailbox still does not exist" in out, out[-600:])


def test_greylisted_accepted_now():
    rcpt = "grey-%s@retry.test" % uuid.uuid4().hex[:10]
    # the attempt the bounce reports: the greylister starts its clock here
    subprocess.run([BIN, "probe", "--json"] + OPTS + [rcpt], capture_output=True,
                   timeout=60)
    time.sleep(3.5)
    rc, out, err = explain(dsn(rcpt, "4.7.1",
                               "450 4.7.1 <%s>: Recipient address rejected: "
                               "Greylisted, please try again later" % rcpt,
                               "mx.retry.test"))
    check("greylisted: exit 0", rc == 0, err)
    r = json.loads(out.splitlines()[0])["recipients"][0]
    check("greylisted: then greylisted or expired",
          r["reason"] in ("greylisted", "expired"), r["reason"])
    check("greylisted: then_vs_now accepted_now",
          r.get("then_vs_now") == "accepted_now", r.get("now"))
    check("greylisted: now deliverable",
          (r.get("now") or {}).get("verdict") == "deliverable", r.get("now"))


def test_then_and_now_differ():
    """"Still" only for the bounce's own kind of answer; accepted now after a
    refusal of our server or message proves nothing (no DATA, not from our
    server)."""
    rc, out, err = explain(dsn("nobody@ok.test", "5.7.1",
                               "554 5.7.1 Service unavailable; Client host "
                               "[203.0.113.9] blocked using zen.spamhaus.org",
                               "mx1.ok.test"), json_out=False)
    check("blocklist then, unknown now: exit 0", rc == 0, err)
    check("blocklist then, unknown now: no 'still'",
          "Now            nobody@ok.test: the mailbox does not exist\n" in out,
          out[-600:])
    rc, out, err = explain(dsn("alice@ok.test", "5.7.1",
                               "554 5.7.1 Service unavailable; Client host "
                               "[203.0.113.9] blocked using zen.spamhaus.org",
                               "mx1.ok.test"), json_out=False)
    check("blocklist then, accepted now: not said fixed",
          "has been fixed" not in out and
          "cannot tell whether the refusal above is over" in out, out[-600:])


def test_not_probed():
    rc, out, err = explain("From: a@example.test\nTo: b@example.test\n"
                           "Subject: hello\n\nnot a bounce\n")
    rec = json.loads(out.splitlines()[0])
    check("not a bounce: nothing probed", rec["kind"] == "not_a_bounce" and
          rec["recipients"] == [], rec)


# Three bounces of one folder: no.bob unknown, then No.Bob refused for a
# blocklist (unknown now: no "still"), then one bounce naming ok.ann twice
# in other case (a full mailbox then, accepted now).
ONCE_FILES = [
    dsn("no.bob@ok.test", "5.1.1", "550 5.1.1 <no.bob@ok.test>: Recipient "
        "address rejected: User unknown in virtual mailbox table",
        "mx1.ok.test"),
    dsn("No.Bob@OK.test", "5.7.1", "554 5.7.1 Service unavailable; Client "
        "host [203.0.113.9] blocked using zen.spamhaus.org", "mx1.ok.test"),
    dsn("ok.ann@ok.test", "5.2.2", "552 5.2.2 <ok.ann@ok.test>: Mailbox "
        "full", "mx1.ok.test", more=["OK.ANN@ok.test"]),
]


def explain_once(srv, *extra):
    paths = []
    try:
        for i, text in enumerate(ONCE_FILES):
            with tempfile.NamedTemporaryFile("w", suffix="-%d.eml" % i,
                                             delete=False) as f:
                f.write(text)
                paths.append(f.name)
        p = subprocess.run([BIN, "explain", "--probe", "--port",
                            str(srv.port)] + OPTS + list(extra) + paths,
                           capture_output=True, timeout=120)
        return p.returncode, p.stdout.decode(), p.stderr.decode()
    finally:
        for path in paths:
            os.unlink(path)


def test_probed_once():
    srv = RcptLog()
    try:
        rc, out, err = explain_once(srv, "--json")
        rcpts = srv.taken()
        NUMBERS.append("probed once: 4 recipients in 3 bounces, %d RCPTs" %
                       len(rcpts))
        check("probed once: exit 0", rc == 0, err)
        check("probed once: one RCPT per address, as its first bounce wrote it",
              rcpts == ["no.bob@ok.test", "ok.ann@ok.test"], str(rcpts))
        got = [(r["address"], r["then_vs_now"], r.get("probe_reused"),
                (r.get("now") or {}).get("verdict"))
               for rec in map(json.loads, out.splitlines())
               for r in rec["recipients"]]
        check("probed once: the later ones reused, each compared",
              got == [("no.bob@ok.test", "still_does_not_exist", False,
                       "undeliverable"),
                      ("No.Bob@OK.test", "still_does_not_exist", True,
                       "undeliverable"),
                      ("ok.ann@ok.test", "accepted_now", False, "deliverable"),
                      ("OK.ANN@ok.test", "accepted_now", True,
                       "deliverable")], got)

        rc, out, err = explain_once(srv)
        rcpts = srv.taken()
        check("probed once, text: two RCPTs", len(rcpts) == 2, str(rcpts))
        nows = [l.strip() for l in out.splitlines()
                if l.strip().startswith("Now ")]
        want = ["no.bob@ok.test: the mailbox still does not exist",
                "No.Bob@OK.test: the mailbox does not exist (probed above: "
                "the same address)",
                "ok.ann@ok.test: accepted now: the problem was temporary or "
                "has been fixed",
                "OK.ANN@ok.test: accepted now: the problem was temporary or "
                "has been fixed (probed above: the same address)"]
        check("probed once, text: the reused marked, each its own then",
              [" ".join(n.split()[1:]) for n in nows] == want, nows)

        rc, out, err = explain_once(srv, "--lang", "zh")
        rcpts = srv.taken()
        check("probed once, zh: two RCPTs", len(rcpts) == 2, str(rcpts))
        check("probed once, zh: two marked reused",
              out.count("（同一地址，上文已检测）") == 2 and
              "probed above" not in out, out[-800:])
    finally:
        srv.close()


def explain_at(srv, text, *extra):
    """explain --probe of the bounce text, its probes sent to srv."""
    with tempfile.NamedTemporaryFile("w", suffix=".eml", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        return subprocess.run([BIN, "explain", "--probe", "--port",
                               str(srv.port)] + OPTS + list(extra) + [path],
                              capture_output=True, timeout=120)
    finally:
        os.unlink(path)


def test_report_bound_counts_probes():
    """The report's bound (100 probes) counts the probes sent: a bounce
    naming one address 101 times and another after them probes both, and
    leaves none.  A bounce of 102 addresses probes the first 100; the last
    two are not_probed, and counted on standard error, in English and in
    Chinese; the first address named again after them shows its result
    (it asks no server)."""
    srv = RcptLog()
    repeats = ["No.Bob@ok.test" if i % 2 else "no.bob@OK.test"
               for i in range(101)]
    unknown = ("550 5.1.1 <no.bob@ok.test>: Recipient address rejected: "
               "User unknown in virtual mailbox table")
    try:
        p = explain_at(srv, dsn("no.bob@ok.test", "5.1.1", unknown,
                                "mx1.ok.test",
                                more=repeats + ["ok.ann@ok.test"]), "--json")
        rcpts = srv.taken()
        check("report bound: exit 0", p.returncode == 0, p.stderr.decode())
        check("report bound: the address after 101 repeats probed too",
              rcpts == ["no.bob@ok.test", "ok.ann@ok.test"], str(rcpts))
        last = json.loads(p.stdout.decode().splitlines()[0])["recipients"][-1]
        check("report bound: its own result, not reused",
              last["address"] == "ok.ann@ok.test" and
              (last.get("now") or {}).get("verdict") == "deliverable" and
              last.get("probe_reused") is False, last)
        check("report bound: 2 probes leave none unprobed, none counted",
              "not probed" not in p.stderr.decode(), p.stderr.decode())

        many = ["ok%03d@ok.test" % i for i in range(102)]
        t0 = time.monotonic()
        p = explain_at(srv, dsn(many[0], "5.1.1", unknown, "mx1.ok.test",
                                more=many[1:] + [many[0]]), "--json")
        took = time.monotonic() - t0
        rcpts = srv.taken()
        NUMBERS.append("report bound: 102 recipients, %d RCPTs, %.1fs" %
                       (len(rcpts), took))
        err = p.stderr.decode()
        check("report bound, 102: exit 0", p.returncode == 0, err)
        check("report bound, 102: the first 100 probed, once each",
              rcpts == many[:100], str(rcpts[-3:]))
        got = [r["then_vs_now"] for r in
               json.loads(p.stdout.decode().splitlines()[0])["recipients"]]
        check("report bound, 102: the last two not_probed, the repeat "
              "after them its first result",
              len(got) == 103 and got[100:102] == ["not_probed"] * 2 and
              "not_probed" not in got[:100] and got[102] == got[0],
              str(got[98:]))
        check("report bound, 102: standard error counts the two",
              "mxtrace explain: 2 recipients not probed: --probe probes at "
              "most 100 recipients of one bounce\n" in err and
              "in one run" not in err, err[-400:])
        p = explain_at(srv, dsn(many[0], "5.1.1", unknown, "mx1.ok.test",
                                more=many[1:]), "--lang", "zh")
        srv.taken()
        err = p.stderr.decode()
        check("report bound, zh: standard error counts the two in Chinese",
              "mxtrace explain：2 个收件人未检测：--probe 每封退信最多检测 "
              "100 个收件人\n" in err and "not probed" not in err, err[-400:])
    finally:
        srv.close()


guarded(test_probed_once)
guarded(test_report_bound_counts_probes)
guarded(test_unknown_user_still_unknown)
guarded(test_greylisted_accepted_now)
guarded(test_then_and_now_differ)
guarded(test_not_probed)
sys.exit(finish("test_explain_probe"))
