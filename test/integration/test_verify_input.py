#!/usr/bin/env python3
"""test_verify_input.py - what `mxtrace verify` reads and what its CSV says,
against the running lab (test/lab/up).

Covers: the same list saved as GB18030, UTF-16 "Unicode text" (BOM, tabs,
CRLF), UTF-16LE and BE without a BOM, Big5, Shift-JIS and Latin-1, and a
GB18030 list whose only Chinese is a name column (read by the documented
fallback, which is said), gives the same addresses and names as its UTF-8
twin, and the encoding is printed and kept in FILE.meta;
--encoding forces one; the CSV is UTF-8 with a BOM, --csv-delimiter ';' and
--lang zh give Chinese headers and words, enhanced codes stay text; SIGINT
leaves a CSV of every row (not_checked for the unfinished ones) and a
--resume WITHOUT --csv rewrites it complete; messy addresses (full-width,
Name <addr>, mailto:, quotes, punctuation, several in a cell) normalized
and recorded by probe and verify, a typo suggested (and counted in the
closing summary), role and disposable flagged, the cells read as
cleaned-up addresses counted in the summary and shown beside their
address in the report (en, zh), and a cell of three addresses interrupted and resumed gives each
address exactly one record; `mxtrace report` refuses a
CSV, a .meta file and random bytes (exit 65, one clear message, no report).  Prints one line per check
and exits 1 when any failed.
"""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from labcheck import BIN, RESOLVER, SIGINT_DEFAULT, check, finish, guarded

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--timeout", "5s", "--helo", "probe.lab.test"]
TMP = tempfile.mkdtemp(prefix="mxtrace-input-")

# (company, contact, address, country): simplified Chinese for GB18030,
# traditional for Big5, Japanese for Shift-JIS, Western European for Latin-1
SIMPLIFIED = [("北京华强电子有限公司", "张伟", "alice@ok.test", "中国"),
              ("上海明远贸易", "李娜", "nobody@ok.test", "中国"),
              ("深圳恒通科技", "王芳", "wang@nxdomain.test", "中国")]
TRADITIONAL = [("台北華強電子有限公司", "張偉", "alice@ok.test", "臺灣"),
               ("高雄明遠貿易", "李娜", "nobody@ok.test", "臺灣")]
JAPANESE = [("株式会社山田製作所", "山田太郎", "alice@ok.test", "日本"),
            ("東京商事", "鈴木花子", "nobody@ok.test", "日本")]
WESTERN = [("Müller GmbH", "Hans Müller", "alice@ok.test", "Deutschland"),
           ("Société Générale", "François Dupré", "nobody@ok.test",
            "France"),
           ("Café Zürich", "Jürgen Größ", "wang@nxdomain.test", "Schweiz")]


def path(name):
    return os.path.join(TMP, name)


def run(args, timeout=120):
    return subprocess.run(BASE + args, capture_output=True, timeout=timeout)


def records(name):
    with open(path(name), "rb") as f:
        return [json.loads(line) for line in f.read().splitlines()]


def table(header, rows, sep, crlf=False):
    end = "\r\n" if crlf else "\n"
    return end.join(sep.join(r) for r in [header] + rows) + end


def read_csv(name, delim=","):
    with open(path(name), "rb") as f:
        data = f.read()
    check("%s starts with a UTF-8 BOM" % name, data.startswith(b"\xef\xbb\xbf"))
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8")),
                           delimiter=delim))


def same_as_twin(label, rows, header, encoding, sep=",", crlf=False,
                 bom=b"", want=None, force=None):
    """Run the list in UTF-8 and in `encoding`; compare what was read."""
    text = table(header, rows, sep, crlf)
    twin = path("%s-utf8.csv" % label)
    other = path("%s.csv" % label)
    with open(twin, "wb") as f:
        f.write(text.encode("utf-8"))
    with open(other, "wb") as f:
        f.write(bom + text.encode(encoding))
    a = run(["-o", path("%s-utf8.jsonl" % label), twin])
    extra = ["--encoding", force] if force else []
    b = run(extra + ["-o", path("%s.jsonl" % label), "--csv",
                     path("%s.out.csv" % label), other])
    check("%s: both runs exit 0" % label, a.returncode == 0 and
          b.returncode == 0, "%d %d %s" % (a.returncode, b.returncode,
                                          b.stderr.decode()[-300:]))
    ra = [(r["row"], r["address"], r["input"]) for r in
          records("%s-utf8.jsonl" % label)]
    rb = [(r["row"], r["address"], r["input"]) for r in
          records("%s.jsonl" % label)]
    check("%s: same rows, addresses and names as the UTF-8 twin" % label,
          sorted(ra, key=str) == sorted(rb, key=str) and len(ra) == len(rows),
          "%s vs %s" % (ra[:2], rb[:2]))
    names = sorted(r[2][header[1]] for r in rb)
    check("%s: the names read right" % label,
          names == sorted(r[1] for r in rows), str(names))
    err = b.stderr.decode()
    with open(path("%s.err" % label), "w", encoding="utf-8") as f:
        f.write(err)
    check("%s: says it read the list as %s" % (label, want),
          ("read as %s" % want) in err, err[-300:])
    with open(path("%s.jsonl.meta" % label)) as f:
        meta = json.load(f)
    check("%s: FILE.meta records the encoding" % label,
          meta.get("encoding") == want, str(meta))
    out = read_csv("%s.out.csv" % label)
    got = sorted(r[2] for r in out[1:])
    check("%s: the CSV shows the names in UTF-8" % label,
          got == sorted(r[1] for r in rows), str(got))


def test_encodings():
    hdr = ("公司", "联系人", "邮箱", "国家")
    same_as_twin("gb18030", SIMPLIFIED, hdr, "gb18030", want="GB18030")
    # Excel's "Unicode text": UTF-16LE with a BOM, tabs, CRLF
    same_as_twin("utf16", SIMPLIFIED, ("Company", "Contact", "Email",
                                       "Country"),
                 "utf-16-le", sep="\t", crlf=True, bom=b"\xff\xfe",
                 want="UTF-16LE")
    same_as_twin("big5", TRADITIONAL, ("公司", "聯絡人", "Email", "國家"),
                 "big5", want="BIG5")
    same_as_twin("sjis", JAPANESE, ("会社", "名前", "Email", "国"),
                 "shift_jis", want="SHIFT_JIS")
    same_as_twin("latin1", WESTERN, ("Firma", "Name", "E-Mail", "Land"),
                 "latin-1", sep=";", want="WINDOWS-1252")
    same_as_twin("forced", SIMPLIFIED, hdr, "gbk", force="gbk",
                 want="GB18030")
    # re-saved by a tool: UTF-16 without its BOM, found by its NUL bytes
    en = ("Company", "Contact", "Email", "Country")
    same_as_twin("utf16le-nobom", SIMPLIFIED, en, "utf-16-le", sep="\t",
                 crlf=True, want="UTF-16LE")
    same_as_twin("utf16be-nobom", SIMPLIFIED, en, "utf-16-be", sep="\t",
                 want="UTF-16BE")
    # GB18030 whose only Chinese is the contact's name: uchardet gives no
    # answer, the fallback reads it right and says it is a default
    pinyin = [("Huaqiang Electronics", c, a, "China")
              for _, c, a, _ in SIMPLIFIED]
    same_as_twin("gb-names", pinyin, en, "gb18030", want="GB18030")
    # a one-row list from Hong Kong (Big5) and from the mainland (GBK):
    # uchardet says WINDOWS-1252, which a run of Chinese pairs is not
    same_as_twin("big5-short", [("長江實業", "李嘉欣", "alice@ok.test",
                                 "Hong Kong")], en, "big5", crlf=True,
                 want="BIG5")
    same_as_twin("gbk-short", [("Huaqiang", "何燕", "alice@ok.test",
                                "China")], en, "gbk", crlf=True,
                 want="GB18030")
    err = open(path("gb-names.err"), encoding="utf-8").read()
    check("gb-names: says the encoding is the default for too few bytes",
          "too few bytes to tell" in err, err[-300:])
    p = run(["--encoding", "klingon", path("gb18030.csv")])
    check("an unknown --encoding exits 64", p.returncode == 64 and
          b"klingon" in p.stderr, p.stderr.decode()[-200:])


def test_csv_language_and_delimiter():
    src = path("zh.csv")
    with open(src, "w", encoding="utf-8") as f:
        f.write("公司,邮箱,电话\n华强,alice@ok.test,0086755123\n"
                "明远,nobody@ok.test,2024-01-05\n")
    p = run(["--lang", "zh", "--csv-delimiter", ";", "-o",
             path("zh.jsonl"), "--csv", path("zh.out.csv"), src])
    check("zh csv: exit 0", p.returncode == 0, p.stderr.decode()[-300:])
    rows = read_csv("zh.out.csv", ";")
    check("zh csv: the summary first, Chinese headers",
          rows[0][:4] == ["总体判断", "公司", "邮箱", "电话"] and
          rows[0][4] == "结论", str(rows[0]))
    check("zh csv: Chinese summary and verdict words",
          rows[1][0] == "可用" and rows[1][4] == "可投递" and
          rows[2][0] == "无效" and rows[2][4] == "无法投递",
          str(rows[1:]))
    check("zh csv: phone and date cells and 5.1.1 stay text",
          rows[1][3] == '="0086755123"' and rows[2][3] == '="2024-01-05"'
          and '="5.1.1"' in rows[2], str(rows[2]))


def interrupted(name, text, extra, ready):
    """verify NAME.csv (holding text) with --csv, SIGINT once the record of
    the address ready is on disk (not after a fixed sleep: a loaded machine
    may not have finished it yet; bounded)."""
    src = path("%s.csv" % name)
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    out, out_csv = path("%s.jsonl" % name), path("%s.out.csv" % name)
    p = subprocess.Popen(BASE[:-4] + ["--timeout", "10s", "--helo",
                         "probe.lab.test", "-o", out, "--csv", out_csv] +
                         extra + [src], stderr=subprocess.PIPE,
                         preexec_fn=SIGINT_DEFAULT)
    end = time.monotonic() + 8
    while time.monotonic() < end and (
            not os.path.exists(out) or
            ('"%s"' % ready).encode() not in open(out, "rb").read()):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    return p.returncode, err.decode(), src, out


def test_sigint_resume_csv():
    rc, err, src, out = interrupted(
        "int", "name,email\nAnn,alice@ok.test\nSlow,alice@slow.test\n"
        "Quiet,user@silent.test\n", ["--csv-delimiter", ";"],
        "alice@ok.test")
    check("sigint: exit 3", rc == 3, err[-300:])
    rows = read_csv("int.out.csv", ";")
    check("sigint: the CSV has every input row",
          [r[2] for r in rows[1:]] == ["alice@ok.test", "alice@slow.test",
                                       "user@silent.test"], str(rows))
    # alice was done before the interrupt, silent.test cannot be (its
    # 10 s timeout); slow.test's 3 s banner usually is not, but on a
    # loaded machine may be: whatever has no record says not_checked
    done = {r["address"] for r in records("int.jsonl")}
    open_rows = [r for r in rows[1:] if r[2] not in done]
    check("sigint: unfinished rows say not_checked (interrupted)",
          rows[1][3] == "deliverable" and rows[3][2] not in done and
          all(r[3] == "not_checked" and r[0] == "unknown" and
              r[5] == "interrupted" and "--resume" in r[10]
              for r in open_rows), str(rows))
    q = run(["--resume", "-o", out, src], timeout=60)
    check("resume without --csv: exit 0", q.returncode == 0,
          q.stderr.decode()[-300:])
    rows = read_csv("int.out.csv", ";")
    check("resume without --csv: the CSV rewritten complete, same "
          "delimiter", len(rows) == 4 and
          "not_checked" not in [r[3] for r in rows] and
          [r[3] for r in rows[1:]] == ["deliverable", "deliverable",
                                       "unreachable"], str(rows))


MESSY = [
    ("zhang\uff20ok\uff0etest", "zhang@ok.test", ["fullwidth"]),
    ("\uff41\uff4c\uff49\uff43\uff45@ok.test", "alice@ok.test", ["fullwidth"]),
    ("Hans M\u00fcller <alice@ok.test>", "alice@ok.test", ["display_name"]),
    ("mailto:alice@ok.test", "alice@ok.test", ["mailto"]),
    ("\"alice@ok.test\"", "alice@ok.test", ["quotes"]),
    ("\u300calice@ok.test\u300d", "alice@ok.test", ["quotes"]),
    ("alice@ok.test.", "alice@ok.test", ["trailing_punctuation"]),
    ("alice@ok\u3002test", "alice@ok.test", ["fullwidth"]),
    ("alice @ ok.test", "alice@ok.test", ["spaces"]),
]


def probe_json(addr, *extra):
    p = subprocess.run([BIN, "probe", "--json", "--resolver", RESOLVER,
                        "--allow-private", "--timeout", "5s", "--helo",
                        "probe.lab.test"] + list(extra) + [addr],
                       capture_output=True, timeout=60)
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None)


def test_messy_probe():
    for given, want, changes in MESSY:
        rc, o = probe_json(given)
        check("probe %r -> %s %s" % (given, want, changes),
              o is not None and o["address"] == want and
              o["normalized"] == {"given": given, "changes": changes} and
              o["verdict"] in ("deliverable", "undeliverable"),
              json.dumps(o)[:300] if o else rc)
    rc, o = probe_json("alice@gmial.com")
    check("probe: a typo gets a suggestion and a sentence, not a change",
          o is not None and o["address"] == "alice@gmial.com" and
          o["suggestion"] == "alice@gmail.com" and
          "alice@gmail.com" in o["explanation"], json.dumps(o)[:300])
    rc, o = probe_json("sales@ok.test", "--lang", "zh")
    check("probe: a role account flagged, explained in Chinese",
          o is not None and o["role"] is True and o["disposable"] is False
          and "职能邮箱" in o["explanation"],
          json.dumps(o)[:300])
    rc, o = probe_json("x@mailinator.com")
    check("probe: a disposable domain flagged", o is not None and
          o["disposable"] is True, json.dumps(o)[:300])
    p = subprocess.run([BIN, "probe", "a@ok.test, b@ok.test"],
                       capture_output=True, timeout=30)
    check("probe: two addresses in one argument exit 64, saying so",
          p.returncode == 64 and b"2 addresses" in p.stderr,
          p.stderr.decode()[-200:])
    rc, o = probe_json("alice\r\nRCPT TO:<x@ok.test>@ok.test")
    check("probe: CR LF injection is refused, not cleaned into x@ok.test",
          o is not None and o["verdict"] == "invalid_syntax" and
          o["normalized"] is None, json.dumps(o)[:200] if o else rc)


def test_messy_verify():
    src = path("messy.csv")
    rows = [["Company", "Email"]] + [["C%d" % i, g] for i, (g, _, _) in
                                     enumerate(MESSY)]
    rows.append(["Multi", "alice@ok.test; nobody@ok.test\u3001bob\uff20ok.test"])
    rows.append(["Typo", "info@gmial.com"])
    # typed with a Chinese input method: its ideographic spaces are cut
    # as blanks, not folded by NFKC into a "fullwidth" change
    rows.append(["Blank", "\u3000alice@ok.test\u3000"])
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    p = run(["-q", "-o", path("messy.jsonl"), "--csv", path("messy.out.csv"),
             src])
    check("messy verify: exit 0", p.returncode == 0, p.stderr.decode()[-300:])
    recs = records("messy.jsonl")
    got = {(r["row"], r["part"]): r for r in recs}
    ok = True
    for i, (given, want, changes) in enumerate(MESSY):
        r = got.get((i + 2, None))
        ok = ok and r is not None and r["address"] == want and \
            r["normalized"] == {"given": given, "changes": changes}
    check("messy verify: every form normalized and recorded", ok,
          str([(k, v["address"], v["normalized"]) for k, v in
               sorted(got.items(), key=str)][:4]))
    multi = len(MESSY) + 2
    parts = [(got.get((multi, k)) or {}).get("address") for k in (1, 2, 3)]
    check("messy verify: three addresses of one cell, three records",
          parts == ["alice@ok.test", "nobody@ok.test", "bob@ok.test"] and
          got[(multi, 2)]["verdict"] == "undeliverable" and
          "split" in got[(multi, 1)]["normalized"]["changes"], str(parts))
    typo = got.get((multi + 1, None), {})
    check("messy verify: the typo's record has a suggestion",
          typo.get("suggestion") == "info@gmail.com" and typo.get("role"),
          json.dumps(typo)[:300])
    blank = got.get((multi + 2, None), {})
    check("messy verify: ideographic spaces around the address cut, "
          "no change recorded", blank.get("address") == "alice@ok.test" and
          blank.get("normalized") is None and
          blank.get("verdict") == "deliverable", json.dumps(blank)[:300])
    out = read_csv("messy.out.csv")
    check("messy verify: the CSV has one row per address (%d)" %
          (len(MESSY) + 5), len(out) - 1 == len(MESSY) + 5 and
          [r[2] for r in out[1:]][-5:-2] == ["alice@ok.test",
                                             "nobody@ok.test", "bob@ok.test"],
          str([r[:3] for r in out]))
    # the closing summary counts the list's typos and says where the
    # address meant is: their verdicts (a DNS error) do not say it
    src = path("typos.csv")
    with open(src, "w", encoding="utf-8") as f:
        f.write("Email\ninfo@gmial.com\nsales@qq.con\nalice@ok.test\n")
    p = run(["--lang", "zh", "-o", path("typos.jsonl"), src])
    err = p.stderr.decode()
    check("verify summary: the typos counted, where the address meant is",
          p.returncode == 0 and "域名可能拼错了的地址：2" in err and
          "“建议地址”" in err, err[-600:])


def test_cleaned_cells_said():
    """A cell read as another address ("王经理 <bob@ok.test>", "alice＠ok。
    test", two addresses in one cell) is said where the list's owner looks:
    counted in the closing summary, and in the report the cell beside the
    address checked (before, only the records' normalized field said it)."""
    src = path("cleaned.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([
            ["Email"], ["王经理 <bob@ok.test>"], ["alice\uff20ok\u3002test"],
            ["user@ok.test, nobody@ok.test"], ["grey@ok.test"]])
    for lang, said in (("en", "Cells read as cleaned-up addresses: 3"),
                       ("zh", "整理后才读出地址的单元格：3")):
        out = path("cleaned-%s.jsonl" % lang)
        p = run(["--lang", lang, "-o", out, src])
        err = p.stderr.decode()
        check("verify summary (%s): the cleaned-up cells counted, once per "
              "cell" % lang, p.returncode in (0, 1) and said in err,
              err[-700:])
        recs = records(os.path.basename(out))
        check("verify (%s): the records' normalized field as before" % lang,
              sorted(r["normalized"]["given"] for r in recs
                     if r["normalized"]) ==
              sorted(["王经理 <bob@ok.test>", "alice\uff20ok\u3002test",
                      "user@ok.test, nobody@ok.test",
                      "user@ok.test, nobody@ok.test"]), str(recs)[:300])
        html = path("cleaned-%s.html" % lang)
        q = subprocess.run([BIN, "report", "--lang", lang, "-o", html, out],
                           capture_output=True, timeout=60)
        page = open(html, encoding="utf-8").read() if q.returncode == 0 \
            else ""
        word = "read from the cell" if lang == "en" else "取自单元格"
        check("report (%s): each cleaned-up cell beside its address" % lang,
              "%s <kbd>王经理 &lt;bob@ok.test&gt;</kbd>" % word in page and
              "%s <kbd>alice\uff20ok\u3002test</kbd>" % word in page and
              page.count("%s <kbd>user@ok.test, nobody@ok.test</kbd>" %
                         word) >= 2 and
              "grey@ok.test</kbd></a><br><small>%s" % word not in page and
              "grey@ok.test</kbd><br><small>%s" % word not in page,
              q.stderr.decode()[-300:])


def test_formula_cells():
    """A CSV formula payload in the address column is not "cleaned" into
    the address-like end of its quoted span: it is invalid_syntax, never
    probed, its text kept and neutralized in the CSV; addresses with the
    same characters, legal in a dot-atom, are still probed."""
    payloads = ["=cmd|' /C calc'!A0@ok.test", "+cmd|' /C calc;x'!A0@ok.test"]
    valid = [("o'neil@ok.test", "o'neil@ok.test"), ("a=b|c!d@ok.test", "a=b|c!d@ok.test"),
             ("Bob O'Neil alice@ok.test", "alice@ok.test")]
    src = path("formula.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Name", "Email"]] +
                                [["P%d" % i, c] for i, c in enumerate(payloads)] +
                                [["V%d" % i, c] for i, (c, _) in enumerate(valid)])
    p = run(["-q", "-o", path("formula.jsonl"), "--csv", path("formula.out.csv"), src])
    recs = {r["row"]: r for r in records("formula.jsonl")}
    bad = [recs.get(i + 2, {}) for i in range(len(payloads))]
    check("formula cells: invalid_syntax, the text kept, no MX asked, no session",
          p.returncode == 0 and
          [(r.get("verdict"), r.get("address"), r.get("normalized"), r.get("mx"),
            r.get("attempts")) for r in bad] ==
          [("invalid_syntax", c, None, [], []) for c in payloads],
          json.dumps(bad)[:600])
    good = [recs.get(i + 2 + len(payloads), {}) for i in range(len(valid))]
    check("formula cells: o'neil@, a=b|c!d@ and a name before an address probed",
          [r.get("address") for r in good] == [w for _, w in valid] and
          all(r.get("attempts") and r.get("verdict") != "invalid_syntax"
              for r in good), json.dumps(good)[:600])
    out = read_csv("formula.out.csv")
    check("formula cells: the CSV keeps each payload as text, neutralized",
          [r[2] for r in out[1:3]] == ["'" + c for c in payloads], str(out[1:3]))


def test_alt_enter_cells():
    """A cell typed with Excel's Alt+Enter holds its addresses one to a
    line: each is probed, one record each; a cell where a line after the
    break is anything but an address (a smuggled command) is refused whole,
    never cleaned into the address in that command."""
    src = path("altenter.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["Name", "Email"],
                                 ["Two", "alice@ok.test\r\nnobody@ok.test"],
                                 ["Cmd", "alice@ok.test\r\nRCPT TO:<bob@ok.test>"]])
    p = run(["-q", "-o", path("altenter.jsonl"), src])
    got = {(r["row"], r["part"]): r for r in records("altenter.jsonl")}
    check("Alt+Enter cell: its two lines two records, each probed",
          p.returncode == 0 and
          [(got.get((2, k)) or {}).get("address") for k in (1, 2)] ==
          ["alice@ok.test", "nobody@ok.test"] and
          got[(2, 1)]["verdict"] == "deliverable" and
          got[(2, 2)]["verdict"] == "undeliverable",
          str([(k, v["address"], v["verdict"]) for k, v in got.items()]))
    cmd = got.get((3, None), {})
    check("a line break before a command: the cell refused whole, unprobed",
          cmd.get("verdict") == "invalid_syntax" and cmd.get("mx") == [] and
          cmd.get("attempts") == [], json.dumps(cmd)[:300])


def test_cell_resume():
    rc, err, src, out = interrupted(
        "cell", "name,email\nAnn,bob@ok.test\n"
        "Many,\"alice@ok.test, alice@slow.test, user@silent.test\"\n", [],
        "bob@ok.test")
    first = {(r["row"], r["part"]) for r in records("cell.jsonl")}
    rows = read_csv("cell.out.csv")
    check("cell sigint: exit 3, the CSV has all four addresses, the "
          "unfinished ones not_checked", rc == 3 and
          len(rows) == 5 and rows[4][3] == "not_checked" and
          (3, 3) not in first, "%s %s" % (rc, rows))
    q = run(["--resume", "-o", out, src], timeout=60)
    keys = sorted(((r["row"], r["part"]) for r in records("cell.jsonl")),
                  key=str)
    check("cell resume: exit 0, each address of the cell exactly once",
          q.returncode == 0 and keys == sorted(
              [(2, None), (3, 1), (3, 2), (3, 3)], key=str),
          "%d %s" % (q.returncode, keys))
    rows = read_csv("cell.out.csv")
    check("cell resume: the CSV complete, nothing not_checked",
          len(rows) == 5 and all(r[3] != "not_checked" for r in rows[1:]),
          str(rows))


def test_report_refuses_foreign():
    with open(path("random.bin"), "wb") as f:
        f.write(os.urandom(4096))
    for name in ["int.out.csv", "int.jsonl.meta", "random.bin"]:
        out = path("%s.html" % name)
        p = subprocess.run([BIN, "report", "-o", out, path(name)],
                           capture_output=True, timeout=30)
        err = p.stderr.decode("utf-8", "replace")
        check("report %s: exit 65, one clear message, no report" % name,
              p.returncode == 65 and "is not mxtrace JSON" in err and
              err.count("\n") == 1 and not os.path.exists(out),
              "rc %d: %s" % (p.returncode, err[-300:]))
    # a .meta is JSON, but no record of any command: not "a probe record"
    # (explain's and sender's records are read too)
    p = subprocess.run([BIN, "report", "-o", path("m.html"),
                        path("int.jsonl.meta")], capture_output=True,
                       timeout=30)
    check("report FILE.meta: its first object is no mxtrace record",
          b"not one of mxtrace's records" in p.stderr and
          b"probe record" not in p.stderr, p.stderr[-300:])
    p = subprocess.run([BIN, "report", "-o", path("ok.html"),
                        path("int.jsonl")], capture_output=True, timeout=30)
    check("report of the records: exit 0", p.returncode == 0 and
          os.path.exists(path("ok.html")), p.stderr.decode()[-300:])


def main():
    for t in [test_encodings, test_csv_language_and_delimiter,
              test_sigint_resume_csv, test_messy_probe, test_messy_verify,
              test_cleaned_cells_said, test_formula_cells, test_alt_enter_cells, test_cell_resume,
              test_report_refuses_foreign]:
        guarded(t)
    return finish("test_verify_input")


if __name__ == "__main__":
    sys.exit(main())
