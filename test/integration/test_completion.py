#!/usr/bin/env python3
"""test_completion - the bash completion (data/mxtrace.bash-completion)
offers what the binary takes.  Run in a real bash with the script sourced,
the way bash calls it (COMP_WORDS, COMP_CWORD): the five commands; for each
command every option its --help lists (read here apart from the script)
and nothing else; an option's values where --help names them (en|zh,
spam|inbox), file names after an option taking a FILE and for the files
verify, report and explain read, nothing after one taking a number or a
duration nor for probe's address; the same under a Chinese locale, whose
--help names the values in Chinese.  Needs no lab."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish, guarded  # noqa: E402

BIN = os.path.abspath(BIN)

SCRIPT = os.path.join(REPO, "data", "mxtrace.bash-completion")
COMMANDS = ("probe", "verify", "report", "explain", "sender")
OPTION = re.compile(r"^ {1,4}(?:-[A-Za-z0-9], )?(--[a-z0-9-]+)")


def complete(words, env=None, cwd=None):
    """COMPREPLY for the command line words (the last is being typed)."""
    quoted = " ".join("'%s'" % w.replace("'", "'\\''") for w in words)
    prog = ('source "%s"\nCOMP_WORDS=(%s)\nCOMP_CWORD=%d\n_mxtrace\n'
            'printf "%%s\\n" "${COMPREPLY[@]}"\n'
            % (SCRIPT, quoted, len(words) - 1))
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", prog],
                       capture_output=True, text=True, timeout=60,
                       env=env or os.environ, cwd=cwd)
    if p.returncode != 0:
        return ["<bash failed: %s>" % p.stderr]
    return [ln for ln in p.stdout.split("\n") if ln]


def help_options(cmd):
    """The long options cmd's --help lists, read apart from the script."""
    out = subprocess.run([BIN, "--lang", "en", cmd, "--help"],
                         capture_output=True, text=True).stdout
    return {m.group(1) for m in map(OPTION.match, out.splitlines()) if m}


def test_commands():
    got = complete([BIN, ""])
    check("the five commands, --help and --version",
          sorted(got) == sorted(COMMANDS + ("--help", "--version")), got)
    check("'ver' completes to verify", complete([BIN, "ver"]) == ["verify"],
          complete([BIN, "ver"]))
    check("a command after a global option is found",
          "--csv" in complete([BIN, "--lang", "zh", "verify", "--cs"]),
          complete([BIN, "--lang", "zh", "verify", "--cs"]))


def test_options():
    for cmd in COMMANDS:
        want = help_options(cmd)
        got = {w for w in complete([BIN, cmd, "--"])}
        check("%s: every option --help lists, and no other (%d)"
              % (cmd, len(want)), want and got == want,
              (sorted(want - got), sorted(got - want)))
    got = complete([BIN, "verify", "-"])
    check("verify: the short options -o, -q, -h too",
          {"-o", "-q", "-h"} <= set(got), got)


def test_values():
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("list.csv", "list.xlsx", "notes.txt"):
            open(os.path.join(tmp, name), "w").close()
        cases = [
            (["verify", "--lang", ""], ["en", "zh"]),
            (["verify", "--lang", "=", "z"], ["zh"]),
            (["explain", "--folder", ""], ["spam", "inbox"]),
            (["verify", "-o", "li"], ["list.csv", "list.xlsx"]),
            (["verify", "--csv", "n"], ["notes.txt"]),
            (["verify", "li"], ["list.csv", "list.xlsx"]),
            (["explain", "no"], ["notes.txt"]),
            (["report", "-o", "x.html", "list.c"], ["list.csv"]),
            (["verify", "--jobs", ""], []),
            (["probe", "--deadline", ""], []),
            (["probe", "li"], []),
            (["sender", "li"], []),
        ]
        for words, want in cases:
            got = sorted(complete([BIN] + words, cwd=tmp))
            check("%s -> %s" % (" ".join(words), want), got == sorted(want),
                  got)
        zh = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
        got = sorted(complete([BIN, "verify", "-o", "li"], env=zh, cwd=tmp))
        check("under a Chinese locale -o still takes file names",
              got == ["list.csv", "list.xlsx"], got)


def main():
    guarded(test_commands)
    guarded(test_options)
    guarded(test_values)
    finish("test_completion")


if __name__ == "__main__":
    main()
