#!/usr/bin/env python3
"""startup_bench - what a short mxtrace run costs in CPU, by `perf stat -r
N` (task-clock: CPU time, steadier than wall time on a shared machine),
for runs that never use TLS and for one that does, with each binary given
(e.g. the one before a change and the one after).  Run inside the lab
(test/lab/isolated).  Prints a table; with --doc FILE it replaces the
"## Start-up" section of FILE.

Usage: startup_bench.py MXTRACE... [--runs N] [--doc docs/performance.md]"""
import argparse
import os
import re
import subprocess
import tempfile

from docsection import write_section

p = argparse.ArgumentParser()
p.add_argument("mxtrace", nargs="+")
p.add_argument("--runs", type=int, default=20)
p.add_argument("--doc")
a = p.parse_args()

LAB = ["--resolver", os.environ.get("LAB_RESOLVER", "127.0.53.1"),
       "--allow-private", "--timeout", "3s", "--helo", "mxtrace.test"]
eml = tempfile.NamedTemporaryFile("w", suffix=".eml", delete=False)
eml.write("From: a@example.test\nSubject: x\n\nhello\n")
eml.close()
RUNS = [
    ("`--help`", ["--help"]),
    ("`explain` one message", ["explain", eml.name]),
    ("`probe` a domain that does not exist (no TLS)",
     ["probe"] + LAB + ["alice@nxdomain.test"]),
    ("`probe --no-tls` a deliverable address",
     ["probe", "--no-tls"] + LAB + ["alice@ok.test"]),
    ("`probe` a deliverable address (STARTTLS, MTA-STS lookup)",
     ["probe"] + LAB + ["alice@ok.test"]),
]


def cpu_ms(binary, args):
    out = subprocess.run(["perf", "stat", "-x,", "-e", "task-clock", "-r",
                          str(a.runs), binary] + args,
                         capture_output=True, text=True).stderr
    m = re.search(r"^([0-9.]+),msec,task-clock", out, re.M)
    return float(m.group(1)) if m else float("nan")


rows = []
for label, args in RUNS:
    rows.append([label] + ["%.1f" % cpu_ms(b, args) for b in a.mxtrace])
head = "| run | " + " | ".join("`%s` (ms CPU)" % b for b in a.mxtrace) + " |"
table = "\n".join([head, "|---|" + "---:|" * len(a.mxtrace)] +
                  ["| " + " | ".join(r) + " |" for r in rows])
print(table)
os.unlink(eml.name)
if a.doc:
    section = ("## Start-up\n\n"
               "`test/bench/startup_bench.py` (inside `test/lab/isolated`), "
               "CPU time (`perf stat -r %d`, task-clock) of one short run "
               "against the test lab, per binary.\n\n%s\n" % (a.runs, table))
    write_section(a.doc, section)
