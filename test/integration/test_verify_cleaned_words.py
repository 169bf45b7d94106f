#!/usr/bin/env python3
"""test_verify_cleaned_words.py - verify's closing advice about cells read
as cleaned-up addresses names no address that is not in the list, against
the running lab (test/lab/up).

Its examples were lab addresses, "(王经理 <bob@ok.test>, alice＠ok。test)",
printed to every user whose list had such a cell: a sales person read them
as cells of their own list.  Now the kinds of cell are said without an
address ("王经理 <…>", a full-width ＠ or 。).  The check: every address
in the summary, en and zh, is one of the list's.
Prints one line per check and exits 1 when any failed.
"""

import os
import re
import subprocess
import sys
import tempfile

from labcheck import BIN, RESOLVER, check, finish, guarded

TMP = tempfile.mkdtemp(prefix="mxtrace-cleaned-")
BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private", "--helo",
        "cleaned.lab.test", "--timeout", "5s"]
LIST = "公司,邮箱\n华强,张经理 <user@ok.test>\n明远,alice@ok.test\n"
LISTED = {"user@ok.test", "alice@ok.test"}


def test_no_foreign_address():
    src = os.path.join(TMP, "list.csv")
    with open(src, "w", encoding="utf-8") as f:
        f.write(LIST)
    for lang, said in (("en", "Cells read as cleaned-up addresses: 1"),
                       ("zh", "整理后才读出地址的单元格：1")):
        p = subprocess.run(BASE + ["--lang", lang, "-o", os.path.join(
            TMP, "out-%s.jsonl" % lang), src], capture_output=True,
            text=True, timeout=120)
        # wrapped lines joined with and without the space (zh breaks
        # anywhere, in an address too)
        text = p.stderr.replace("\n  ", " ")
        named = set(re.findall(r"[\w.+-]+[@＠][\w.。-]+\w", text + "\n" +
                               p.stderr.replace("\n  ", "")))
        check("%s: the cleaned cell counted" % lang, said in text,
              p.stderr[-600:])
        check("%s: every address in the summary is the list's (%s)"
              % (lang, ", ".join(sorted(named))), named <= LISTED,
              named - LISTED)


def main():
    guarded(test_no_foreign_address)
    return finish("test_verify_cleaned_words")


if __name__ == "__main__":
    sys.exit(main())
