#!/usr/bin/env python3
"""test_explain_line_ends - `mxtrace explain` does not depend on line
endings: every message under test/explain (Sisimai's corpus, the Chinese
fixtures, the delivered messages) is explained as it is, with LF line ends
and with CRLF line ends, and for each message the kind, the format, the
reporting MTA, the original message and every recipient's address, codes,
verdict, stage, reason, side and text (apart from its line ends) must be
the same in the three.  The messages larger than the 8 KiB that
source.c peeks at go through a pipe on stdin too, in each form, and must
be read as their file is (a pipe's message once ended where the peek
did).  Needs no lab: three runs of the binary over a folder of each form,
then one run per piped message."""
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish  # noqa: E402

FORMS = ("as_is", "lf", "crlf")
PEEK = 8192             # source.c PEEK_MAX
TOP = ("kind", "format", "reporting_mta", "original")
RCPT = ("address", "code", "enhanced", "verdict", "stage", "reason", "side",
        "text")


def forms(data):
    """The message as it is, with LF and with CRLF line ends."""
    lf = data.replace(b"\r\n", b"\n")
    return {"as_is": data, "lf": lf, "crlf": lf.replace(b"\n", b"\r\n")}


def unify(v):
    """A value with its line ends made LF (the only allowed difference)."""
    if isinstance(v, str):
        return v.replace("\r\n", "\n")
    if isinstance(v, dict):
        return {k: unify(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unify(x) for x in v]
    return v


def summary(rec):
    """What must not depend on the line ends, of one explain record."""
    return unify({"top": {k: rec.get(k) for k in TOP},
                  "rcpts": [{k: r.get(k) for k in RCPT}
                            for r in rec.get("recipients", [])]})


def explain(arg, stdin=None):
    """File name -> the summaries of its messages (an mbox has several)."""
    p = subprocess.run([BIN, "explain", "--json", arg], input=stdin,
                       capture_output=True, timeout=120)
    out = {}
    for line in p.stdout.splitlines():
        rec = json.loads(line)
        out.setdefault(os.path.basename(rec["file"]), []).append(
            summary(rec))
    return out, p


def first_difference(a, b):
    """A short description of where two summaries first differ."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x["top"] != y["top"]:
            return "message %d: %s vs %s" % (i + 1, x["top"], y["top"])
        if len(x["rcpts"]) != len(y["rcpts"]):
            return "message %d: %d vs %d recipients" % (
                i + 1, len(x["rcpts"]), len(y["rcpts"]))
        for k, (r, s) in enumerate(zip(x["rcpts"], y["rcpts"])):
            for f in RCPT:
                if r[f] != s[f]:
                    return "message %d recipient %d %s: %r vs %r" % (
                        i + 1, k + 1, f, r[f], s[f])
    return "%d vs %d messages" % (len(a), len(b))


def main():
    files = sorted(glob.glob(os.path.join(REPO, "test", "explain", "**",
                                          "*.eml"), recursive=True))
    check("messages found under test/explain", len(files) >= 450,
          len(files))
    with tempfile.TemporaryDirectory() as tmp:
        names = {}
        for f in files:
            rel = os.path.relpath(f, os.path.join(REPO, "test", "explain"))
            name = rel.replace(os.sep, "--")
            names[name] = rel
            with open(f, "rb") as fh:
                data = fh.read()
            for form, body in forms(data).items():
                os.makedirs(os.path.join(tmp, form), exist_ok=True)
                with open(os.path.join(tmp, form, name), "wb") as fh:
                    fh.write(body)
        runs = {}
        for form in FORMS:
            runs[form], p = explain(os.path.join(tmp, form))
            check("explain --json over the %s folder exits 0" % form,
                  p.returncode == 0, p.stderr[-300:])
            check("every message of the %s folder explained" % form,
                  set(runs[form]) == set(names),
                  sorted(set(names) - set(runs[form]))[:5])
    differ = 0
    for name in sorted(names):
        got = {form: runs[form].get(name, []) for form in FORMS}
        for form in ("lf", "crlf"):
            if got[form] != got["as_is"]:
                differ += 1
                check("%s the same as-is and with %s line ends" % (
                    names[name], form.upper()), False,
                    first_difference(got["as_is"], got[form]))
                break
    print("  # %d of %d messages differ between their line-end forms" %
          (differ, len(names)))
    check("no message depends on its line ends", differ == 0, differ)
    piped = broken = 0
    for name in sorted(names):
        data = open(os.path.join(REPO, "test", "explain", names[name]),
                    "rb").read()
        if len(data) <= PEEK:
            continue
        for form, body in forms(data).items():
            piped += 1
            got, p = explain("-", stdin=body)
            if got.get("-") != runs[form][name]:
                broken += 1
                check("%s (%s) the same on stdin as in a file" % (
                    names[name], form), False, first_difference(
                        runs[form][name], got.get("-", [])))
    print("  # %d piped messages (%s line ends) read as their files" % (
        piped, ", ".join(FORMS)))
    check("every message over %d bytes read whole from a pipe" % PEEK,
          broken == 0 and piped >= 20, (broken, piped))
    return finish("test_explain_line_ends")


if __name__ == "__main__":
    sys.exit(main())
