#!/usr/bin/env python3
"""test_verify_quiet.py - what verify -q silences and what it keeps.

-q is a quiet run, not a blind one: it silences what only informs (the
progress line, the summary, how the list was read, a torn last line cut
on --resume, the records --resume probes again under a longer
--deadline) and keeps on standard error the warnings the user must act
on (a cell with more addresses than are checked, bytes not valid in the
list's encoding) and the errors.  Before, -q still printed the torn-line
note and the "probed again" notice, and silenced those two warnings.
Without -q the notes are said, as before.
"""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, RESOLVER, check, finish, guarded  # noqa: E402

LAB = ["--resolver", RESOLVER, "--allow-private", "--helo",
       "probe.mxtrace.test", "--no-mta-sts", "--timeout", "10s"]
TORN = b'{"summary":"ok","address":"torn@ok.te'


def verify(*opts, lang="en"):
    p = subprocess.run([BIN, "verify", "--lang", lang] + LAB + list(opts),
                       capture_output=True, timeout=120)
    return p, p.stderr.decode("utf-8", "replace")


def test_resume_notes():
    """--resume onto a torn last line and a record --deadline 1s ended:
    under -q nothing on standard error, the record probed again all the
    same; without -q (en, zh) both notes are said."""
    for quiet, lang, torn, again in (
            (True, "en", "torn", "probed again"),
            (True, "zh", "torn", "重新检测"),
            (False, "en", "cut a torn last line (37 bytes)",
             "1 record that --deadline 1s ended, probed again with "
             "--deadline 10s"),
            (False, "zh", "37", "1 条记录在 --deadline 1s 时限内未完成，"
             "现用 --deadline 10s 重新检测")):
        q = ["-q"] if quiet else []
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "list.txt")
            out = os.path.join(tmp, "out.jsonl")
            with open(src, "w") as f:
                f.write("alice@ok.test\nalice@slow.test\n")
            p, err = verify("-q", "--deadline", "1s", "-o", out, src)
            check("quiet: a first -q run says nothing", p.returncode == 0
                  and err == "", (p.returncode, err))
            with open(out, "ab") as f:
                f.write(TORN)
            p, err = verify(*q, "--resume", "--deadline", "10s", "-o", out,
                            src, lang=lang)
            recs = open(out, "rb").read().splitlines()
            what = "-q" if quiet else "without -q"
            check("quiet (%s, %s): the resume probes slow.test again and "
                  "cuts the torn line: two records" % (what, lang),
                  p.returncode == 0 and len(recs) == 2 and
                  b'"verdict":"deliverable"' in recs[-1] and
                  TORN not in open(out, "rb").read(),
                  (p.returncode, len(recs), err[-300:]))
            if quiet:
                check("quiet (-q, %s): neither the torn line nor the "
                      "records probed again are said" % lang, err == "",
                      err)
            else:
                check("quiet (without -q, %s): the torn line and the "
                      "records probed again are said" % lang,
                      torn in err and again in err, err[-500:])


def test_warnings_kept():
    """-q keeps the warnings the user must act on: a cell holding more
    addresses than are checked, bytes not valid UTF-8 in the list."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "many.txt")
        with open(src, "w") as f:
            f.write("alice@ok.test\n" +
                    ", ".join("u%d@ok.test" % i for i in range(40)) + "\n")
        p, err = verify("-q", "-o", os.path.join(tmp, "m.jsonl"), src)
        check("quiet: -q still warns of a cell with more than 32 "
              "addresses", p.returncode == 0 and
              "warning: %s row 2 holds more than 32 addresses; only the "
              "first 32 are checked" % src in err, (p.returncode, err))
        bad = os.path.join(tmp, "bad.txt")
        with open(bad, "wb") as f:
            f.write("alice@ok.test\nbob@ok.test\n张三 <user@ok.test>\n"
                    .encode("gb18030") + b"bob\xff@ok.test\n")
        p, err = verify("-q", "--encoding", "gb18030", "-o",
                        os.path.join(tmp, "b.jsonl"), bad)
        check("quiet: -q still warns of bytes not valid in the list's "
              "encoding", "warning: 1 byte sequence of %s is not valid "
              "GB18030" % bad in err, (p.returncode, err))
        check("quiet: -q does not say how the list was read",
              ": read as " not in err, err)


def main():
    guarded(test_resume_notes)
    guarded(test_warnings_kept)
    return finish("test_verify_quiet")


if __name__ == "__main__":
    sys.exit(main())
