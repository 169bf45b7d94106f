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
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, RESOLVER, RcptUnanswered, check, finish,  # noqa: E402
                      guarded, probe_json)

LAB = ["--resolver", RESOLVER, "--allow-private", "--helo",
       "probe.mxtrace.test", "--no-mta-sts"]

# the words that blame the server, which a deadline must not use
BLAME = {"en": ["stopped answering", "never answered", "overloaded"],
         "zh": ["停止响应", "一直没有及时回应", "负载过高"]}
LABEL = {"en": "Time limit (--deadline) reached",
         "zh": "已到总时限（--deadline）"}


def words(name, addr, opts, verdict, stage):
    """The JSON, the terminal (en, zh) and the report of one probe that
    --deadline ended."""
    rec, p = probe_json(addr, LAB, *opts)
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
    check("%s: the attempt says the deadline passed" % name,
          any("--deadline" in (a.get("error") or "")
              for a in rec.get("attempts", [])), rec.get("attempts"))
    for lang in ("en", "zh"):
        t = subprocess.run([BIN, "probe", "--lang", lang] + LAB + opts +
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
        subprocess.run([BIN, "probe", "--html", page] + LAB + opts + [addr],
                       capture_output=True, timeout=90)
        html = open(page, encoding="utf-8").read() \
            if os.path.exists(page) else ""
        check("%s: the --html report's explanation says it too" % name,
              "--deadline 5m" in html and
              not any(b in html for b in BLAME["en"]), html[-600:])


def test_banner():
    words("slow greeting", "alice@slow.test",
          ["--deadline", "1s", "--timeout", "10s"], "unreachable", "banner")


def test_rcpt():
    srv = RcptUnanswered("silent", "deadline.test")
    try:
        words("RCPT unanswered", "alice@ok.test",
              ["--port", str(srv.port), "--deadline", "1s", "--timeout",
               "10s"], "temporary", "rcpt")
    finally:
        srv.close()


def test_timeout_unchanged():
    rec, p = probe_json("alice@slow.test", LAB, "--timeout", "1s")
    check("a step's own --timeout still reads timeout",
          p.returncode == 2 and rec.get("reason") == "timeout" and
          rec.get("stage") == "banner", rec)


def main():
    guarded(test_banner)
    guarded(test_rcpt)
    guarded(test_timeout_unchanged)
    return finish("test_deadline_reason")


if __name__ == "__main__":
    sys.exit(main())
