#!/usr/bin/env python3
"""test_lab_two.py - two labs from one checkout at once: test/lab/isolated
gives each its own run folder (MXTRACE_LAB_RUN, a mktemp folder under
/var/tmp), so the second one's start neither stops the first one's servers
nor writes over its configs and pid files.

Both used test/lab/run: the second `up` began with `down`, which found
the first lab's pid files there and stopped its NSD, Unbound, Postfix ...
(the namespaces are separate, the processes are not), so the first lab's
probe failed.  Here lab A starts, waits while lab B starts, probes and
stops, then A probes: both alice@ok.test deliverable (DNS and Postfix
answer in each), two run folders, neither test/lab/run, each removed when
its command succeeded.  Runs nested labs: as root, unshare (as isolated).
Prints one line per check and exits 1 when any failed.
"""

import os
import subprocess
import sys
import tempfile
import time

from labcheck import BIN, REPO, check, finish, guarded

ISOLATED = os.path.join(REPO, "test", "lab", "isolated")
TMP = tempfile.mkdtemp(prefix="mxtrace-labtwo-")
BINARY = os.path.abspath(BIN)
# the lab's own resolver, in the lab's namespace; prints the run folder,
# then the verdict
PROBE = ('echo "run=$MXTRACE_LAB_RUN"; "%s" probe --resolver 127.0.53.1 '
         '--allow-private --helo two.lab.test --timeout 5s --json '
         'alice@ok.test | tr -d " " | grep \'^"verdict":\'' % BINARY)


def test_two_labs():
    a_up = os.path.join(TMP, "a-up")
    b_done = os.path.join(TMP, "b-done")
    env = {k: v for k, v in os.environ.items() if k not in
           ("MXTRACE_LAB_RUN", "LAB_RUN", "MXTRACE_TRUST_ANCHOR")}
    a = subprocess.Popen(
        [ISOLATED, "sh", "-c", 'touch "$1"; i=0; while [ ! -e "$2" ] && '
         '[ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done; ' + PROBE,
         "a", a_up, b_done], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, cwd=REPO)
    end = time.monotonic() + 90
    while not os.path.exists(a_up) and a.poll() is None and \
            time.monotonic() < end:
        time.sleep(0.1)
    check("lab A is up", os.path.exists(a_up), a.poll())
    b = subprocess.run([ISOLATED, "sh", "-c", PROBE], capture_output=True,
                       env=env, cwd=REPO, timeout=120)
    open(b_done, "w").close()
    out_a, err_a = a.communicate(timeout=120)
    runs = []
    for name, rc, out, err in (("B", b.returncode, b.stdout, b.stderr),
                               ("A", a.returncode, out_a, err_a)):
        lines = out.decode().split()
        runs += [ln[4:] for ln in lines if ln.startswith("run=")][:1] or [""]
        check("lab %s: alice@ok.test deliverable in it%s" % (
              name, ", after lab B started and stopped" if name == "A"
              else ""), rc == 0 and '"verdict":"deliverable",' in lines,
              (rc, out.decode()[-300:], err.decode()[-500:]))
    default = os.path.join(REPO, "test", "lab", "run")
    check("two run folders, neither test/lab/run: %s" % runs,
          runs[0] != runs[1] and all(r and os.path.realpath(r) !=
                                     os.path.realpath(default) and
                                     r.startswith("/var/tmp/mxtrace-lab.")
                                     for r in runs), runs)
    check("each run folder removed when its command succeeded",
          not any(r and os.path.exists(r) for r in runs), runs)


def main():
    guarded(test_two_labs)
    return finish("test_lab_two")


if __name__ == "__main__":
    sys.exit(main())
