#!/usr/bin/env python3
"""test_rcpt_unanswered.py - a probe that stops waiting for an RCPT's
reply shows that RCPT: the command sent and what became of it.

RCPT steps are each recipient's own, not the session's common steps, so
a session that ended waiting for one (its reply broke the protocol, never
came, or was cut off by a close) left no RCPT in the trace, the JSON or
the --html report: the verdict said "Stage: Recipient (RCPT TO)" beside a
transcript that ended at MAIL FROM.  For each way, on the real binary
against the lab:

  - mx.codechange.test (smtpbad.py: 250- then 550 in one RCPT reply, with
    PIPELINING): protocol_error at rcpt;
  - a server of the test's own that answers MAIL and never the RCPT:
    timeout at rcpt;
  - one that sends the first line of a multi-line RCPT reply and closes:
    protocol_error at rcpt, the line that came kept on the step;

the JSON's last step is that RCPT (stage rcpt, the command, code null, an
error, its time); the piped trace, the live trace on a terminal and the
--html report's conversation show the command; the catch-all probe's
RCPT, never sent, is in none of them.
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, RcptUnanswered, check, finish,  # noqa: E402
                      guarded, on_pty, probe_json)

LAB = ["--resolver", RESOLVER, "--allow-private", "--helo",
       "probe.mxtrace.test"]


def one(name, addr, opts, want_reason, want_error, want_text=None):
    """Probe addr every way; check the RCPT is shown in each."""
    cmd = "RCPT TO:<%s>" % addr
    rec, p = probe_json(addr, LAB, *opts)
    steps = [s for a in rec.get("attempts", []) for s in a["steps"]]
    last = steps[-1] if steps else {}
    check("%s: exit 2, %s at rcpt" % (name, want_reason),
          p.returncode == 2 and rec.get("stage") == "rcpt" and
          rec.get("reason") == want_reason, (p.returncode, rec))
    check("%s: the JSON's last step is the RCPT sent, unanswered" % name,
          last.get("stage") == "rcpt" and last.get("command") == cmd and
          last.get("code") is None and
          want_error in (last.get("error") or "") and
          isinstance(last.get("ms"), int), steps)
    if want_text is not None:
        check("%s: the reply's line that came kept on the step" % name,
              want_text in (last.get("text") or ""), last)
    check("%s: no catch-all RCPT, as it was never sent" % name,
          not any("mxtrace-" in (s.get("command") or "") for s in steps),
          steps)
    t = subprocess.run([BIN, "probe"] + LAB + opts + [addr],
                       capture_output=True, timeout=90,
                       env=dict(os.environ, LANG="C.UTF-8"))
    out = t.stdout.decode()
    check("%s: the piped trace shows '> %s' on its Recipient line" % (
          name, cmd), re.search(r"^  Recipient \(RCPT TO\) +\d+ ms +> " +
                                re.escape(cmd) + "$", out, re.M), out)
    rc, chunks = on_pty([BIN, "probe"] + LAB + opts + [addr],
                        env=dict(os.environ, LANG="C.UTF-8", NO_COLOR="1",
                                 TERM="xterm"), timeout=90, width=120)
    live = b"".join(chunks).decode(errors="replace")
    check("%s: the live trace shows it too" % name,
          rc == 2 and ("> " + cmd) in live, live[-800:])
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "p.html")
        h = subprocess.run([BIN, "probe", "--html", page] + LAB + opts +
                           [addr], capture_output=True, timeout=90)
        html = open(page, encoding="utf-8").read() if h.returncode == 2 \
            else ""
        check("%s: the --html conversation has the RCPT" % name,
              ("C: " + cmd.replace("<", "&lt;").replace(">", "&gt;"))
              in html, (h.returncode, h.stderr[-300:]))


def test_codechange():
    one("codechange", "user@codechange.test", [], "protocol_violation",
        "reply code changed")


def test_silent_rcpt():
    srv = RcptUnanswered("silent")
    try:
        one("silent at RCPT", "alice@ok.test",
            ["--port", str(srv.port), "--timeout", "1s"], "timeout",
            "timeout")
    finally:
        srv.close()


def test_cut_rcpt():
    srv = RcptUnanswered("cut")
    try:
        one("cut in the RCPT reply", "alice@ok.test",
            ["--port", str(srv.port)], "protocol_violation",
            "closed the connection", "first line of the refusal")
    finally:
        srv.close()


def main():
    guarded(test_codechange)
    guarded(test_silent_rcpt)
    guarded(test_cut_rcpt)
    return finish("test_rcpt_unanswered")


if __name__ == "__main__":
    sys.exit(main())
