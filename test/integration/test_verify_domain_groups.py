#!/usr/bin/env python3
"""test_verify_domain_groups.py - verify's closing table of the top
domains counts a domain's addresses as the report's cards count them, for
the same records, against the running lab (test/lab/up).

The table's columns said "deliverable / undeliverable / other" (zh 可投递
/ 无法投递 / 其他) and counted the two verdicts of those names alone: a full
mailbox (carol@full.test) and a domain that takes no mail stood under
"other" while the report's cards, from the same records, counted them as
"will not arrive".  Now both take their groups from one place
(verdict_group): the columns say "can receive mail / will not arrive /
other" (zh 可以收信 / 无法送达 / 其他), and over a list whose every address
has a domain the columns' sums are the cards' counts, in a run and in a
--resume that reads records back (resume.c counts those).
Prints one line per check and exits 1 when any failed.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

from labcheck import BIN, RESOLVER, check, finish, guarded, whole_lines

TMP = tempfile.mkdtemp(prefix="mxtrace-domgroups-")
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "groups.lab.test", "--timeout", "5s"]
# every address with a domain: the table's sums are then the cards'
LIST = ["alice@ok.test", "nobody@ok.test", "carol@full.test",
        "bob@ok.test", "alice@nxdomain.test", "alice@blocked.test"]
# domain: (can receive mail, will not arrive, other); blocked.test's
# refusal names the probe's IP on a blocklist: the tester's, not "no"
WANT = {"ok.test": (2, 1, 0), "full.test": (0, 1, 0),
        "nxdomain.test": (0, 1, 0), "blocked.test": (0, 0, 1)}
HEAD = {"en": "can receive mail  will not arrive  other",
        "zh": "可以收信  无法送达   其他"}


def table(stderr, lang):
    """The domains' rows of the closing table: {domain: (ok, no, other)}."""
    lines = stderr.splitlines()
    at = [i for i, ln in enumerate(lines) if ln.endswith(HEAD[lang])]
    rows = {}
    for ln in lines[at[0] + 1:] if at else []:
        m = re.match(r"  (\S+) +(\d+) +(\d+) +(\d+) +(\d+)$", ln)
        if not m:
            break
        n = [int(x) for x in m.groups()[1:]]
        rows[m.group(1)] = tuple(n[1:]) if sum(n[1:]) == n[0] else None
    return rows


def cards(out, lang):
    """The report's card counts for out: {class: count}."""
    page = os.path.join(TMP, "page-%s.html" % lang)
    subprocess.run([BIN, "report", "--lang", lang, "-o", page, out],
                   capture_output=True, check=True, timeout=60)
    with open(page, encoding="utf-8") as f:
        return {m.group(1): int(m.group(2)) for m in re.finditer(
            r'<div class="card (\w+)"><div class="n">(\d+)</div>', f.read())}


def same_as_cards(what, rows, c):
    sums = [sum(r[k] for r in rows.values() if r) for k in range(3)]
    check("%s: the columns' sums are the report's cards %s" % (what, sums),
          sums == [c.get("ok", 0), c.get("bad", 0),
                   c.get("warn", 0) + c.get("self", 0)], c)


def test_groups():
    src = os.path.join(TMP, "list.txt")
    with open(src, "w") as f:
        f.write("\n".join(LIST) + "\n")
    for lang in ("en", "zh"):
        out = os.path.join(TMP, "out-%s.jsonl" % lang)
        p = subprocess.run(BASE + ["--lang", lang, "-o", out, src],
                           capture_output=True, text=True, timeout=120)
        rows = table(p.stderr, lang)
        check("%s: a full mailbox and a domain without mail counted as "
              "will not arrive, as the cards do" % lang, rows == WANT,
              (rows, p.stderr[-900:]))
        same_as_cards(lang, rows, cards(out, lang))
        # a resume reads the records back (resume.c): cut two out
        recs = whole_lines(out)
        keep = [r for r in recs if r["address"] not in
                ("nobody@ok.test", "carol@full.test")]
        with open(out, "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in keep))
        p = subprocess.run(BASE + ["--lang", lang, "--resume", "-o", out,
                                   src], capture_output=True, text=True,
                           timeout=120)
        rows = table(p.stderr, lang)
        check("%s --resume: records read back and new ones in the same "
              "columns" % lang, p.returncode in (0, 1, 2) and rows == WANT,
              (p.returncode, rows, p.stderr[-900:]))
        same_as_cards(lang + " --resume", rows, cards(out, lang))


def main():
    guarded(test_groups)
    return finish("test_verify_domain_groups")


if __name__ == "__main__":
    sys.exit(main())
