#!/usr/bin/env python3
"""test_lab_resume_later.py - the --resume command a lab run prints works
after that lab is gone, in a later one.

verify names in it the trust anchor it was given by MXTRACE_TRUST_ANCHOR
(--trust-anchor, recorded in FILE.meta: a resume with another anchor is
refused).  The lab's anchor was made at each `up` in its run folder, which
test/lab/isolated removes when the lab stops: the command named a file
that no longer existed, and the next lab's anchor was another option.  The
lab's key is now its own, kept in test/lab/dnssec/: lab A runs verify,
stopped by SIGTERM (silent.test's rows are left), and stops; the file the
printed command names still exists; lab B runs that command as printed:
exit 0, every row of the list has its record, once; and the anchor
validates lab B's sec.test (alice@dane.sec.test: DNSSEC secure, DANE
satisfied).  Runs nested labs: as root, unshare (as isolated).  Prints
one line per check and exits 1 when any failed.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

from labcheck import BIN, REPO, check, finish, guarded

ISOLATED = os.path.join(REPO, "test", "lab", "isolated")
TMP = tempfile.mkdtemp(prefix="mxtrace-resumelater-")
BINARY = os.path.abspath(BIN)
LIST = ["alice@ok.test", "user@silent.test", "bob@ok.test",
        "other@silent.test"]
# lab A: verify until ok.test's rows are written, then SIGTERM (a shell
# starts a background command with SIGINT ignored, which verify keeps),
# exit 0 so that the lab's folder is removed as after any lab that went well
RUN_A = r'''
cd "$1"
"$2" verify --resolver 127.0.53.1 --allow-private --helo later.lab.test \
    --timeout 10s -o out.jsonl list.txt 2>err.txt &
pid=$!
i=0
while [ "$(grep -c ok.test out.jsonl 2>/dev/null)" != 2 ] && [ $i -lt 100 ]
do sleep 0.1; i=$((i + 1)); done
kill -TERM $pid
wait $pid
echo "rc=$?"
echo "run=$MXTRACE_LAB_RUN"
'''


def lab_env():
    return {k: v for k, v in os.environ.items() if k not in
            ("MXTRACE_LAB_RUN", "LAB_RUN", "MXTRACE_TRUST_ANCHOR")}


def test_resume_in_later_lab():
    with open(os.path.join(TMP, "list.txt"), "w") as f:
        f.write("\n".join(LIST) + "\n")
    a = subprocess.run([ISOLATED, "sh", "-c", RUN_A, "a", TMP, BINARY],
                       capture_output=True, env=lab_env(), cwd=REPO,
                       timeout=180)
    out = a.stdout.decode()
    err = open(os.path.join(TMP, "err.txt"), encoding="utf-8").read()
    cmds = [ln.strip() for ln in err.splitlines()
            if ln.strip().startswith("mxtrace verify --resume ")]
    run = [ln[4:] for ln in out.split() if ln.startswith("run=")]
    check("lab A: verify stopped (exit 3), the lab gone with its folder, "
          "the --resume command printed",
          a.returncode == 0 and "rc=3" in out and run and
          not os.path.exists(run[0]) and len(cmds) == 1,
          (a.returncode, out, err[-400:], a.stderr.decode()[-300:]))
    if not cmds:
        return
    words = shlex.split(cmds[0])
    anchor = words[words.index("--trust-anchor") + 1] \
        if "--trust-anchor" in words else None
    check("the command names a trust anchor that outlives the lab: %s" %
          anchor, anchor is not None and os.path.isfile(anchor) and
          not anchor.startswith(run[0]), cmds[0])
    argv = [BINARY] + words[1:]
    # $0 the binary, $1 the folder, $2 the anchor, then the command
    b = subprocess.run(
        [ISOLATED, "sh", "-c", 'cd "$1"; a=$2; shift 2; "$@" '
         '2>resume-err.txt; echo "rc=$?"; "$0" probe --json --resolver '
         '127.0.53.1 --allow-private --helo later.lab.test --trust-anchor '
         '"$a" alice@dane.sec.test', BINARY, TMP, str(anchor)] + argv,
        capture_output=True, env=lab_env(), cwd=REPO, timeout=180)
    out = b.stdout.decode()
    recs = [json.loads(ln) for ln in open(os.path.join(TMP, "out.jsonl"))]
    rows = sorted(r["address"] for r in recs)
    rerr = open(os.path.join(TMP, "resume-err.txt"), encoding="utf-8").read()
    check("lab B: the printed command, as printed, finishes the list: "
          "every row once", "rc=0" in out and rows == sorted(LIST),
          (out[:200], rows, rerr[-400:]))
    rec = json.loads(out[out.index("{"):]) if "{" in out else {}
    mx = (rec.get("mx") or [{}])[0]
    dane = (rec.get("tls_policy") or {}).get("dane") or {}
    check("lab B: the anchor validates its sec.test (dane.sec.test secure, "
          "DANE satisfied)", rec.get("verdict") == "deliverable" and
          mx.get("dnssec") == "secure" and dane.get("satisfied") is True,
          (rec.get("verdict"), mx, dane))


def main():
    guarded(test_resume_in_later_lab)
    if not os.environ.get("KEEP"):
        subprocess.run(["rm", "-rf", TMP])
    return finish("test_lab_resume_later")


if __name__ == "__main__":
    sys.exit(main())
