#!/usr/bin/env python3
"""test_verify_stop_open.py - a SIGTERM or SIGINT while `mxtrace verify`
makes a new -o FILE, against the running lab (test/lab/up).

The output is made when it is opened, before the probing starts.  A stop
signal that came just after that open ended the run at once ("nothing
was written", exit 3) and left FILE empty without its FILE.meta: a file
no report and no --resume can tell from a list of nothing.  Now the
signals are held from before that open: the run ends as one stopped
later does, exit 3, FILE.meta counting the list (0 of N checked), and
the --resume finishes it.  The moment is made wide without a timed
assertion: strace holds the run for 3 s right after that open (its
flock, the second of the run: the first is the early check, whose file
is removed again), and the signal is sent when FILE exists and the
run is seen held there (/proc: stopped by the tracer, in one syscall).
The early check before it (does the output exist, hold records, may it
be written) makes a new FILE and removes it again: a signal there ends
the run with "nothing was written" once FILE is gone, not with FILE left
empty without its FILE.meta (its flock, the first, held the same way).
Prints one line per check and exits 1 when any failed.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from labcheck import BIN, RESOLVER, check, child_signals, finish, guarded, \
    whole_lines

TMP = tempfile.mkdtemp(prefix="mxtrace-stopopen-")
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "probe.lab.test", "--timeout", "5s"]
LIST = ["alice@ok.test", "bob@ok.test", "nobody@ok.test"]


def tracing(pid):
    """pid's state letter and the syscall it is in, from /proc."""
    try:
        with open("/proc/%d/status" % pid) as f:
            state = next(l.split()[1] for l in f if l.startswith("State:"))
        with open("/proc/%d/syscall" % pid) as f:
            return state, f.read()
    except (OSError, StopIteration):
        return None, None


def held(pid):
    """Whether strace holds pid in its delayed flock: stopped by the tracer
    in the same syscall 0.3 s apart.  The file alone does not tell: the
    early check makes FILE and removes it again, and a signal then ends the
    run before the hold; strace stops pid at every syscall, but for a
    moment only, except in the delay."""
    first = tracing(pid)
    if first[0] != "t":
        return False
    time.sleep(0.3)
    return tracing(pid) == first


def stopped_at_open(name, sig, when=2):
    """verify held by strace just after it opened (made) its output, sig
    sent then: (the output, the exit status, stderr).  when: which flock
    is held, 2 the output's opening, 1 the early check's."""
    src = os.path.join(TMP, name + ".txt")
    with open(src, "w") as f:
        f.write("\n".join(LIST) + "\n")
    out = os.path.join(TMP, name + ".jsonl")
    # -D: strace is not the parent, so the pid is mxtrace's own
    p = subprocess.Popen(["strace", "-D", "-qq", "-o", "/dev/null", "-e",
                          "trace=flock", "-e",
                          "inject=flock:delay_exit=3000000:when=%d" % when] +
                         BASE + ["-o", out, src],
                         stderr=subprocess.PIPE,
                         preexec_fn=child_signals(default=(signal.SIGINT,)))
    end = time.monotonic() + 20
    while time.monotonic() < end and p.poll() is None and \
            not (os.path.exists(out) and held(p.pid)):
        time.sleep(0.005)
    made = os.path.exists(out)
    p.send_signal(sig)
    _, err = p.communicate(timeout=60)
    return out, made, p.returncode, err.decode(), src


def test_stop_while_opening():
    for sig, word in ((signal.SIGTERM, "terminated"),
                      (signal.SIGINT, "interrupted")):
        out, made, rc, err, src = stopped_at_open(word, sig)
        check("%s while the output is made: it was made then" % word, made,
              err[-300:])
        meta = out + ".meta"
        ok_meta = os.path.exists(meta) and \
            json.load(open(meta)).get("addresses") == len(LIST)
        check("%s while the output is made: exit 3, the output whole "
              "with its FILE.meta (0 of %d checked), not an empty file "
              "without one" % (word, len(LIST)),
              rc == 3 and ok_meta and os.path.getsize(out) == 0 and
              "nothing was written" not in err,
              "rc %s, meta %s, %s" % (rc, os.path.exists(meta), err[-300:]))
        check("%s while the output is made: the summary gives the "
              "--resume command" % word, "--resume" in err, err[-300:])
        p = subprocess.run(BASE + ["--resume", "-o", out, src],
                           capture_output=True, timeout=60)
        recs = whole_lines(out)
        check("%s while the output is made: --resume finishes the list"
              % word, p.returncode == 0 and
              sorted(r["address"] for r in recs) == sorted(LIST),
              "rc %s: %s" % (p.returncode, p.stderr.decode()[-300:]))


def test_stop_while_checking():
    """The early check makes a new FILE, then removes it again (before the
    list is read): a signal in between ended the run with "nothing was
    written" and left FILE, empty, without its FILE.meta.  Held over the
    check, it ends the run once FILE is gone."""
    for sig, word in ((signal.SIGTERM, "terminated"),
                      (signal.SIGINT, "interrupted")):
        out, made, rc, err, src = stopped_at_open("check-" + word, sig,
                                                  when=1)
        check("%s while the output is checked: it was made then" % word,
              made, err[-300:])
        left = [f for f in (out, out + ".meta", out + ".meta.tmp")
                if os.path.exists(f)]
        check("%s while the output is checked: exit 3, nothing written "
              "and nothing left (no empty FILE without its FILE.meta)"
              % word, rc == 3 and "nothing was written" in err and
              not left, "rc %s, left %s, %s" % (rc, left, err[-300:]))
        p = subprocess.run(BASE + ["-o", out, src], capture_output=True,
                           timeout=60)
        recs = whole_lines(out) if os.path.exists(out) else []
        check("%s while the output is checked: the same command then "
              "checks the list" % word, p.returncode == 0 and
              sorted(r["address"] for r in recs) == sorted(LIST),
              "rc %s: %s" % (p.returncode, p.stderr.decode()[-300:]))


def main():
    if shutil.which("strace") is None:
        print("test_verify_stop_open: strace is missing (scripts/setup "
              "installs it)")
        return 1
    guarded(test_stop_while_opening)
    guarded(test_stop_while_checking)
    shutil.rmtree(TMP, ignore_errors=True)
    return finish("test_verify_stop_open")


if __name__ == "__main__":
    sys.exit(main())
