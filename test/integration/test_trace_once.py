#!/usr/bin/env python3
"""test_trace_once.py - how an attempt ended is said once in the trace
and in the --html report's conversation, not on its last step and again
under it.

The trace printed the attempt's error under its steps unless the last
step's error was the very same text; but the two most often differ only
by where the session stood ("timeout" on the Greeting step, then
"timeout waiting for the banner"), so a hostile server's words were
quoted twice, the report's "!!" lines too.  On the real binary against
the lab, piped and --html: a banner that never comes, a reply without
end, a reply cut by a close, a reply whose code changes at RCPT (with
its own RCPT step), data no command asked for (after EHLO,
after the TLS handshake), two MX hosts that drop connects - each attempt has
one "!" line, and the report one "!!" line per attempt.  An attempt
error that says something its step did not (--deadline passed while
the banner was awaited) is still printed.  The stray bytes an
out-of-step line quotes are escaped once: "unsolicited\\r\\n" in the trace,
as in JSON and the report, not "unsolicited\\\\r\\\\n".
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, RESOLVER, check, finish, guarded  # noqa: E402

LAB = ["--resolver", RESOLVER, "--allow-private", "--helo",
       "probe.mxtrace.test", "--no-mta-sts"]

CASES = [
    ("user@silent.test", ["--timeout", "1s"], 1, "timeout"),
    ("user@endless.test", [], 1, "more than 256 lines"),
    ("user@midclose.test", [], 1, "closed the connection"),
    ("user@codechange.test", [], 1, "reply code changed"),
    ("user@extra.test", [], 1, "out-of-step"),
    ("user@tlsearly.test", [], 1, "out-of-step"),
    ("alice@blackhole.test", ["--timeout", "1s"], 2, "connect timeout"),
]


def run(addr, opts, tmp):
    """The piped trace and the report's conversation of one probe."""
    page = os.path.join(tmp, "p.html")
    p = subprocess.run([BIN, "probe", "--html", page] + LAB + opts + [addr],
                       capture_output=True, timeout=120,
                       env=dict(os.environ, LANG="C.UTF-8"))
    html = open(page, encoding="utf-8").read() if os.path.exists(page) \
        else ""
    conv = html[html.find('<details class="tx">'):]
    conv = conv[:conv.find("</details>")]
    return p, p.stdout.decode("utf-8", "replace"), conv


def test_once():
    with tempfile.TemporaryDirectory() as tmp:
        for addr, opts, attempts, words in CASES:
            p, out, conv = run(addr, opts, tmp)
            bangs = [ln for ln in out.splitlines()
                     if re.match(r"^\s+(\S.*\S\s+)?! ", ln)]
            check("%s: exit 2, %d attempt(s), one '!' line each, saying "
                  "'%s'" % (addr, attempts, words),
                  p.returncode == 2 and
                  out.count("\nAttempt ") == attempts and
                  len(bangs) == attempts and
                  all(words in ln for ln in bangs), (p.returncode, out))
            check("%s: the report's conversation: one '!!' line an "
                  "attempt" % addr, conv.count("# ") == attempts and
                  conv.count("!! ") == attempts, conv[-600:])


def test_deadline_kept():
    with tempfile.TemporaryDirectory() as tmp:
        p, out, conv = run("alice@slow.test", ["--deadline", "300ms",
                                               "--timeout", "10s"], tmp)
        # the job's words, or the session's when its clock for the same
        # --deadline fired first: either names the option and its value
        said = r"(stopped: the deadline .*\(--deadline 300ms\)|" \
            r"--deadline 300ms passed while waiting for the banner)"
        check("--deadline passed: the attempt's own line says so",
              p.returncode == 2 and re.search(r"^  ! " + said, out, re.M),
              out)
        check("--deadline passed: the report says so too",
              re.search(r"!! " + said, conv), conv[-400:])


def test_escaped_once():
    with tempfile.TemporaryDirectory() as tmp:
        p, out, conv = run("user@extra.test", [], tmp)
        line = [ln for ln in out.splitlines() if "out-of-step" in ln]
        check("the trace quotes the stray bytes escaped once",
              len(line) == 1 and line[0].endswith(r'unsolicited\r\n"') and
              "\\\\" not in line[0], line)
        check("the report quotes them escaped once too",
              r'unsolicited\r\n' in conv and "\\\\" not in conv, conv[-400:])
        j = subprocess.run([BIN, "probe", "--json"] + LAB +
                           ["user@extra.test"], capture_output=True,
                           timeout=120)
        check("JSON holds them escaped once (a backslash and r)",
              j.stdout.count(rb'unsolicited\\r\\n') >= 1 and
              rb'\\\\r' not in j.stdout, j.stdout[-600:])


def main():
    guarded(test_once)
    guarded(test_escaped_once)
    guarded(test_deadline_kept)
    return finish("test_trace_once")


if __name__ == "__main__":
    sys.exit(main())
