#!/usr/bin/env python3
"""test_cli_docs - the options and exit codes of every command agree in
three places: the option tables of the code (getopt_long), `--help` and the
man page docs/mxtrace.1; the exit codes of --help and of the man page's
EXIT STATUS are those of probe/base/exitcode.h.  And every command answers
a bad command line (unknown option, missing argument, no operand) with
exit 64 and a pointer to its --help.  The README starts with the two
commands, says how to stop the lab and what a real check needs, and its
command lines use options that exist.  Needs no lab: it reads the sources
and runs the binary only on bad command lines and --help."""
import os
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish  # noqa: E402

# command -> (source file, man page sections holding its own options)
COMMANDS = {
    "probe": ("probe/cmd/probe_cmd.c", []),
    "verify": ("probe/verify/verify.c", ["VERIFY OPTIONS"]),
    "report": ("reports/report_cli.c", ["REPORT OPTIONS"]),
    "explain": ("probe/cmd/explain_cmd.c", ["EXPLAIN"]),
    "sender": ("probe/cmd/sender_cmd.c", ["SENDER"]),
}
SHARED_SECTION = "PROBE AND VERIFY OPTIONS"


def read(path):
    with open(os.path.join(REPO, path), encoding="utf-8") as f:
        return f.read()


def code_options(path):
    """Long and short options the command's getopt_long accepts."""
    src = read(path)
    table = re.search(r"struct option \w+\[\] = \{(.*?)\n\s*\};", src, re.S)
    opts = {"--" + n for n in re.findall(r'\{ "([a-z0-9-]+)",', table.group(1))}
    if "CLI_COMMON_LONGOPTS" in table.group(1):
        common = re.search(r"#define CLI_COMMON_LONGOPTS(.*?)\n\n",
                           read("probe/cli/cli.h"), re.S).group(1)
        opts |= {"--" + n for n in re.findall(r'\{ "([a-z0-9-]+)",', common)}
    call = re.search(r'getopt_long\(argc, argv, "([^"]*)"( CLI_COMMON_SHORTOPTS)?',
                     src)
    letters = call.group(1).replace(":", "") + ("46" if call.group(2) else "")
    return opts | {"-" + c for c in letters}


def help_options(text):
    """The options --help lists: lines that begin with a dash."""
    opts = set()
    for line in text.splitlines():
        m = re.match(r"  (-[^ ,]+(?:, -[^ ,]+)*)", line)
        if m:
            opts |= {o.rstrip(",") for o in m.group(1).split(", ")}
    return opts


def man_sections():
    """Section name -> (options of its .It lines, options marked (probe))."""
    secs, name, prev = {}, None, None
    for line in read("docs/mxtrace.1").splitlines():
        if line.startswith(".Sh "):
            name = line[4:]
            secs.setdefault(name, (set(), set()))
        elif name and line.startswith(".It Fl "):
            for flag in re.findall(r"Fl (-?[a-z0-9-]+)", line):
                secs[name][0].add("-" + flag)
        elif name and line == ".Pq probe" and prev and prev.startswith(".It Fl"):
            secs[name][1].update("-" + f for f in re.findall(r"Fl (-?[a-z0-9-]+)", prev))
        prev = line
    return secs


def man_synopsis(cmd):
    """The options the SYNOPSIS shows for cmd."""
    syn = read("docs/mxtrace.1").split(".Sh SYNOPSIS")[1].split(".Sh ")[0]
    for part in syn.split(".Nm\n")[1:]:
        if part.startswith(".Cm %s\n" % cmd):
            return {"-" + f for f in re.findall(r"Fl (-?[a-z0-9-]+)", part)}
    return set()


def codes_in(text):
    return {int(n) for n in re.findall(r"\b(\d{1,3})\b", text)}


def exit_codes():
    src = read("probe/base/exitcode.h")
    return {int(n) for n in re.findall(r"#define MX_EXIT_\w+\s+(\d+)", src)}


def man_exit(cmd):
    """The codes the man page's EXIT STATUS gives for cmd."""
    sec = read("docs/mxtrace.1").split(".Sh EXIT STATUS")[1].split(".Sh ")[0]
    parts = re.split(r"^\.Cm (\w+) :$", sec, flags=re.M)
    for i in range(1, len(parts) - 1, 2):
        if parts[i] == cmd:
            text = parts[i + 1]
            if cmd == "probe":  # a list: .It N
                return {int(n) for n in re.findall(r"^\.It (\d+)$", text, re.M)}
            return {int(n) for n in re.findall(r"(?:^|[;(] ?|\n)(\d{1,3}) [a-z]",
                                               text)}
    return set()


def run(*args, env=None):
    p = subprocess.run([BIN] + list(args), capture_output=True, timeout=30,
                       stdin=subprocess.DEVNULL,
                       env=dict(os.environ, **dict(
                           {"LANG": "C.UTF-8", "LC_ALL": ""}, **(env or {}))))
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def readme():
    """README for a real user first: the two commands, how to stop the
    lab, what a real check needs (install, port 25, --helo, a proxy) before
    the jobs, and every mxtrace command line in it uses options its
    command takes."""
    text = read("README.md")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    first = [ln.split("#")[0].strip() for ln in blocks[0].splitlines()]
    check("README: the first commands are scripts/demo and scripts/check",
          first == ["scripts/demo", "scripts/check"], first)
    for s in ("scripts/demo", "scripts/check", "test/lab/down"):
        check("README: %s exists and runs" % s,
              os.access(os.path.join(REPO, s), os.X_OK))
    check("README: says how to stop the lab", "test/lab/down" in
          text.split("## ")[0], text[:600])
    need = text.split("## What you need")[-1].split("## ")[0]
    for word in ("make install", "port 25", "--helo", "--proxy",
                 "--mail-from"):
        check("README: what a real check needs names %s" % word,
              "## What you need" in text and word in need)
    check("README: what you need comes before the jobs",
          text.find("## What you need") < text.find("## The jobs"))
    bad = []
    for line in re.findall(r"^\$? ?(mxtrace (?:%s)\b.*)$" % "|".join(
            COMMANDS), "\n".join(blocks), re.M):
        words = line.split()
        takes = code_options(COMMANDS[words[1]][0])
        bad += [w for w in words[2:] if w.startswith("-") and w != "-" and
                w.split("=")[0] not in takes]
    check("README: its mxtrace command lines use real options", not bad,
          bad)

def width(text):
    """Columns a terminal gives text (CJK and full-width forms take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def help_alignment():
    """Every --help, English and Chinese, keeps its columns: the usage
    lines under the first one's command, each option's description and
    its continuation lines in one column, the exit codes' texts in one
    column and their continuation lines two columns further (display width: a
    Chinese character takes two columns); every line within 80 columns;
    a Chinese opening paragraph's lines but the last at least three
    quarters of its longest; and says no line twice in a row."""
    for cmd in [None] + list(COMMANDS):
        for lang in ("en", "zh"):
            args = ["--help"] if cmd is None else [cmd, "--lang", lang,
                                                   "--help"]
            env = {"LANG": "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8"}
            rc, out, _ = run(*args, env=env)
            name = "%s --help (%s)" % (cmd or "mxtrace", lang)
            lines = out.splitlines()
            bad = []
            # the usage lines: each "mxtrace" under the first one's
            col = width(lines[0][:lines[0].find("mxtrace")])
            for ln in lines[1:]:
                if not ln.lstrip().startswith("mxtrace"):
                    break
                if width(ln) - width(ln.lstrip()) != col:
                    bad.append(ln)
            # the options: "  -x, --opt ARG   text" and continuations
            desc = set()
            exits = out.split("\n退出码" if lang == "zh" else
                              "\nExit status")[0].splitlines()
            for ln in exits:
                m = re.match(r"^  (-\S.*?  +)(\S.*)$", ln)
                if m and not m.group(1).startswith("-- "):
                    desc.add(2 + width(m.group(1)))
                elif re.match(r"^ {8,}\S", ln):
                    desc.add(len(ln) - len(ln.lstrip()))
            if len(desc) > 1:
                bad.append("option texts in columns %s" % sorted(desc))
            # the exit codes: "  NN  text" and continuations
            tail = out.split("退出码" if lang == "zh" else "Exit status")[-1]
            cols, conts = set(), set()
            for ln in tail.splitlines()[1:]:
                m = re.match(r"^  (\d+ +)\S", ln)
                if m:
                    cols.add(2 + len(m.group(1)))
                elif ln.strip():
                    conts.add(len(ln) - len(ln.lstrip()))
            if len(cols) > 1 or conts - {8}:
                bad.append("exit texts in columns %s, continued in %s" %
                           (sorted(cols), sorted(conts)))
            # every line fits an 80-column terminal
            bad += ["%d columns: %s" % (width(ln), ln) for ln in lines
                    if width(ln) > 80]
            # the opening paragraph (the lines after the usage that start
            # at the margin) reads evenly: a Chinese line translated from
            # an English one is not left half empty while the next is full
            para = []
            for ln in lines[1:]:
                if ln.startswith(" "):
                    break
                para.append(ln)
            bad += ["a line of %d columns in a paragraph of lines up to %d: "
                    "%s" % (width(a), max(width(b) for b in para), a)
                    for a in para[:-1] if lang == "zh" and
                    width(a) < 0.75 * max(width(b) for b in para)]
            # no line said twice in a row (a doubled continuation line)
            bad += ["said twice: %s" % b.strip() for a, b in
                    zip(lines, lines[1:]) if a == b and a.strip()]
            check("%s: its columns line up" % name, rc == 0 and not bad,
                  bad)


# Every numeric option: the commands taking it, values just outside its
# range, its ends, and the range as --help, the man page and the error say.
RANGES = [
    ("--timeout", ["probe", "verify", "explain", "sender"],
     ["99ms", "601s", "11m", "99999999999h"], ["100ms", "10m"],
     "100ms to 10m"),
    ("--deadline", ["probe", "verify", "explain", "sender"],
     ["0", "99ms", "61m"], ["100ms", "1h"], "100ms to 1h"),
    ("--port", ["probe", "verify", "explain", "sender"],
     ["0", "65536", "-1"], ["1", "65535"], "1 to 65535"),
    ("--jobs", ["verify"], ["0", "100001"], ["1", "100000"], "1 to 100000"),
    ("--per-host", ["verify"], ["0", "100001"], ["1", "100000"],
     "1 to 100000"),
    ("--proxy-jobs", ["verify"], ["0", "100001"], ["1", "100000"],
     "1 to 100000"),
    ("--rate", ["verify"], ["-1", "100001"], ["0", "100000"], "0 to 100000"),
    ("--retry-after", ["verify"], ["999ms", "61m"], ["1s", "1h"],
     "1s to 1h"),
    ("--max-wait", ["verify"], ["25h", "-1s"], ["0s", "24h"], "0s to 24h"),
    ("--details", ["report"], ["0", "100001"], ["1", "100000"],
     "1 to 100000"),
    ("--max-dns", ["sender"], ["0", "257"], ["1", "256"], "1 to 256"),
]


def option_text(help_text, opt):
    """The --help lines of opt: its own and its continuation lines."""
    out = []
    for ln in help_text.splitlines():
        if out and (re.match(r"^  -", ln) or not ln.startswith("    ")):
            break
        if out or re.match(r"^  (-\S, )?%s\b" % re.escape(opt), ln):
            out.append(ln)
    return " ".join(out)


def man_option(opt):
    """The man page's paragraph of .It Fl opt."""
    m = re.search(r"^\.It Fl %s\b.*?\n(.*?)(?=^\.It |^\.El)" %
                  re.escape(opt[1:]), read("docs/mxtrace.1"), re.S | re.M)
    return re.sub(r"\s+", " ", m.group(1)) if m else ""


def option_ranges():
    """Each numeric option refuses the values outside its range with exit
    64 and one sentence naming the range (en and zh), takes both ends, and
    --help and the man page give the same range."""
    for opt, cmds, bad, ok, rng in RANGES:
        check("%s: the man page gives its range (%s)" % (opt, rng),
              rng in man_option(opt), man_option(opt)[:300])
        for cmd in cmds:
            _, out, _ = run(cmd, "--help")
            check("%s %s --help gives its range (%s)" % (cmd, opt, rng),
                  rng in option_text(out, opt), option_text(out, opt))
            for v in bad:
                rc, _, err = run(cmd, "%s=%s" % (opt, v))
                check("%s %s=%s: exit 64, the range said" % (cmd, opt, v),
                      rc == 64 and opt in err and rng in err, "rc %d, %r" %
                      (rc, err[:300]))
                rc, _, err = run(cmd, "%s=%s" % (opt, v),
                                 env={"LANG": "zh_CN.UTF-8"})
                check("%s %s=%s (zh): exit 64, the range said in Chinese" %
                      (cmd, opt, v), rc == 64 and opt in err and
                      rng.replace(" to ", " 到 ") in err,
                      "rc %d, %r" % (rc, err[:300]))
            for v in ok:
                rc, _, err = run(cmd, "%s=%s" % (opt, v))
                check("%s %s=%s: taken" % (cmd, opt, v),
                      "%s wants" % opt not in err, err[:300])


def errors_name_command():
    """An error about an option every command shares (--timeout, --lang,
    --port, -4 with -6, an unknown option) names the command it came to,
    as the command's own errors do: "mxtrace verify: ...", in Chinese
    "mxtrace verify：..."."""
    bad = (["--timeout=0"], ["--port=0"], ["-4", "-6"],
           ["--require-tls", "--no-tls"], ["--proxy=http://x"],
           ["--lang=xx"], ["--no-such-option"])
    for cmd in ("probe", "verify", "sender", "explain"):
        for args in bad:
            for env, colon in (({}, ": "), ({"LANG": "zh_CN.UTF-8"}, "：")):
                rc, _, err = run(cmd, *args, "x@y.test", env=env)
                check("%s %s%s: exit 64, the error names mxtrace %s" %
                      (cmd, " ".join(args), " (zh)" if env else "", cmd),
                      rc == 64 and err.startswith("mxtrace %s%s" %
                                                  (cmd, colon)),
                      "rc %d, %r" % (rc, err[:200]))
    for args, said in ((["--lang=xx"], "--lang wants en or zh, not 'xx'"),
                       (["--no-such-option"], "--no-such-option")):
        rc, _, err = run("report", *args, "x.jsonl")
        check("report %s: exit 64, the error names mxtrace report" %
              " ".join(args), rc == 64 and err.startswith("mxtrace report: ")
              and said in err, "rc %d, %r" % (rc, err[:200]))
    rc, _, err = run("--lang", "xx", "verify", "list.txt")
    check("mxtrace --lang xx verify: the error names mxtrace verify",
          rc == 64 and err.startswith("mxtrace verify: --lang wants"), err)


def main():
    lint = subprocess.run(["mandoc", "-T", "lint", "-W", "warning",
                           os.path.join(REPO, "docs", "mxtrace.1")],
                          capture_output=True, text=True)
    said = [x for x in (lint.stdout + lint.stderr).splitlines()
            if "mandoc.db" not in x]
    check("mandoc -T lint -W warning: the man page has no warning or error",
          not said, "\n".join(said[:5]))
    secs = man_sections()
    shared, probe_only = secs[SHARED_SECTION]
    known = exit_codes()
    for cmd, (src, own) in COMMANDS.items():
        code = code_options(src)
        rc, out, _ = run(cmd, "--help")
        check("%s --help exits 0" % cmd, rc == 0, rc)
        helped = help_options(out)
        check("%s: --help lists every option the code takes" % cmd,
              code == helped, "code only %s, --help only %s" %
              (sorted(code - helped), sorted(helped - code)))
        man = set()
        for s in own:
            man |= secs[s][0]
        if cmd == "probe":
            man |= shared
        elif "--resolver" in code:
            man |= shared - probe_only
        want = code - {"-h", "--help"}
        check("%s: the man page documents every option the code takes" % cmd,
              man == want, "code only %s, man only %s" %
              (sorted(want - man), sorted(man - want)))
        syn = man_synopsis(cmd)
        check("%s: the man page's SYNOPSIS shows only options it takes" % cmd,
              syn and syn <= code, sorted(syn - code))
        tail = out.split("Exit status")[-1] if "Exit status" in out else ""
        hcodes = {int(n) for n in re.findall(r"^  (\d+) ", tail, re.M)}
        check("%s --help ends with its exit codes" % cmd, hcodes, out[-300:])
        check("%s --help's exit codes are exitcode.h's" % cmd,
              hcodes <= known, sorted(hcodes - known))
        check("%s: --help and the man page give the same exit codes" % cmd,
              hcodes == man_exit(cmd), "help %s, man %s" %
              (sorted(hcodes), sorted(man_exit(cmd))))

        usage = out.split("\n  -")[0]
        if "[options]" not in usage:
            named = set(re.findall(r"\[(--?[a-z-]+)", usage))
            longs = {o for o in code if o.startswith("--")} - {"--help"}
            check("%s --help: the usage line names every option" % cmd,
                  longs <= named | {"--output"} and "-o" in named,
                  sorted(longs - named))
        for bad in (["--no-such-option"], ["--lang"], []):
            rc, out, err = run(cmd, *bad)
            check("%s %s: exit 64, says what is wrong and points to --help"
                  % (cmd, " ".join(bad) or "(nothing)"),
                  rc == 64 and "mxtrace %s --help" % cmd in err and
                  len(err.splitlines()) <= 3 and out == "",
                  "rc %d, stderr %r" % (rc, err[:300]))
    # an input that cannot be read: its documented exit code, its name said
    gone = "/nonexistent/mxtrace-input"
    for args, want in ((["verify", "-o", "/nonexistent/out.jsonl", gone], 66),
                       (["explain", gone], 66), (["report", gone], 66),
                       (["sender", "--message", gone, "x.test"], 66),
                       (["sender", "--dnsbl-list", gone, "x.test"], 66)):
        rc, out, err = run(*args)
        check("%s: exit %d naming the file" % (" ".join(args), want),
              rc == want and gone in err and "line -1" not in err,
              "rc %d, stderr %r" % (rc, err[-300:]))
    # a mistyped command: the one meant is named; a far word names none
    for word, want in (("proeb", "probe"), ("Verify", "verify"),
                       ("explian", "explain"), ("sendr", "sender"),
                       ("frobnicate", None)):
        rc, out, err = run(word)
        said = re.findall(r"did you mean mxtrace (\w+)\?", err)
        check("mxtrace %s: exit 64, %s" % (word, "names " + want if want
              else "suggests nothing"), rc == 64 and
              said == ([want] if want else []), "rc %d, stderr %r" %
              (rc, err[:300]))
    rc, out, _ = run("--help")
    check("mxtrace --help names every command",
          rc == 0 and all("mxtrace %s " % c in out for c in COMMANDS), out)
    readme()
    help_alignment()
    option_ranges()
    errors_name_command()


main()
sys.exit(finish("test_cli_docs"))
