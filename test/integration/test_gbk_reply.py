#!/usr/bin/env python3
"""test_gbk_reply.py - a Chinese server that replies in GBK, not UTF-8.

The scripted server `bytes` (127.0.26.47, test/lab/smtpbad.py) answers
RCPT for gbk@bytes.test with "550 用户不存在" and for gbkfull@bytes.test
with "552-邮箱已满" / "552 请稍后再试", both in GBK and without an
enhanced code, so only the Chinese words say what happened; and for
latin1@bytes.test with a 550 in Latin-1.  Checked on the real binary:
`probe --json` keeps the decoded words in reply.text and in the
transcript, classifies them by their Chinese cue (mailbox_unknown,
mailbox_full; without decoding both fell to the reply code), says in a
warning that the reply was GB18030; the terminal (en and zh) shows the
words, not escapes; `verify`'s CSV has them; the Latin-1 reply is not
taken for Chinese (its bytes are U+FFFD in the JSON, as any invalid
UTF-8).  Needs the lab.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, RESOLVER, check, finish, guarded  # noqa: E402

LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s"]
TMP = tempfile.mkdtemp(prefix="mxtrace-gbk-")


def probe(addr, *extra, lang=None):
    args = [BIN, "probe"] + LAB + list(extra) + [addr]
    if lang:
        args[2:2] = ["--lang", lang]
    return subprocess.run(args, capture_output=True, timeout=60)


def test_json():
    for local, words, reason in (("gbk", "用户不存在", "mailbox_unknown"),
                                 ("gbkfull", "邮箱已满\n请稍后再试",
                                  "mailbox_full")):
        r = probe("%s@bytes.test" % local, "--json")
        rec = json.loads(r.stdout) if r.stdout else {}
        reply = rec.get("reply") or {}
        steps = [s for a in rec.get("attempts", [])
                 for s in a.get("steps", []) if s.get("stage") == "rcpt" and
                 "<%s@" % local in (s.get("command") or "")]
        check("%s@bytes.test: the GBK reply decoded in reply.text" % local,
              reply.get("text") == words, reply)
        check("%s@bytes.test: classified by its Chinese words (%s)" %
              (local, reason), rec.get("reason") == reason,
              (rec.get("verdict"), rec.get("reason")))
        check("%s@bytes.test: the transcript's RCPT step has the words" %
              local, steps and steps[-1].get("text") == words, steps)
        check("%s@bytes.test: a warning says the reply was GB18030" % local,
              any("GB18030" in w for w in rec.get("warnings", [])),
              rec.get("warnings"))


def test_terminal():
    for lang in ("en", "zh"):
        r = probe("gbk@bytes.test", lang=lang)
        check("gbk@bytes.test on the terminal (%s): the words, no escapes"
              % lang, "用户不存在".encode() in r.stdout and
              b"\\x" not in r.stdout, r.stdout[-600:])


def test_verify_csv():
    lst = os.path.join(TMP, "list.txt")
    with open(lst, "w") as f:
        f.write("gbk@bytes.test\n")
    out, jsonl = os.path.join(TMP, "out.csv"), os.path.join(TMP, "out.jsonl")
    r = subprocess.run([BIN, "verify", "-q"] + LAB + ["-o", jsonl, "--csv",
                                                      out, lst],
                       capture_output=True, timeout=120)
    rows = []
    if os.path.exists(out):
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    check("verify's CSV: a cell holds the decoded words, one the reason",
          len(rows) == 2 and "用户不存在" in rows[1] and
          "mailbox_unknown" in rows[1], (r.returncode, r.stderr[-300:], rows))


def test_latin1_kept():
    r = probe("latin1@bytes.test", "--json")
    rec = json.loads(r.stdout) if r.stdout else {}
    text = (rec.get("reply") or {}).get("text")
    check("latin1@bytes.test: Latin-1 is not read as Chinese (U+FFFD as "
          "before, no GB18030 warning)", text == "Benutzer M\ufffdller "
          "unbekannt" and not any("GB18030" in w for w in
                                  rec.get("warnings", [])), (text,
                                                             rec.get("warnings")))


guarded(test_json)
guarded(test_terminal)
guarded(test_verify_csv)
guarded(test_latin1_kept)
sys.exit(finish("test_gbk_reply"))
