#!/usr/bin/env python3
"""test_verify_xlsx.py - `mxtrace verify customers.xlsx`: an Excel workbook
read directly, against the running lab (test/lab/isolated).

The workbooks are written here with Python's zipfile, part by part as
ECMA-376 describes them (no spreadsheet program is needed): a first sheet of
notes without an address column, then the customers' sheet with a title row
above its Chinese header (公司, 联系人, 电子邮件, 电话, 备注), shared strings
(one in rich-text runs), inline strings, a gap between cells, a phone number
as a number, and a formula whose cached value is a CSV formula payload.

Covers: every customer row gets one record whose `row` is the sheet's row
number and whose `input` holds the row's cells by header name; the --csv
keeps the columns and quotes the payload (it stays data); the sheet read is
named; a second sheet with an address column is named as not read, with
the --sheet that reads it; --sheet by name and by place (a sheet named
2026), kept and compared on --resume, and its refusals; SIGINT
then --resume gives each row exactly one record; a SIGINT (SIGTERM under
--lang zh) while a large workbook is still being read ends the run with
exit 3 and says nothing was written, and nothing is; and hostile
workbooks end with one clear message and exit 65, never a crash or a hang:
a ZIP bomb (a sheet inflating past 512 MiB), more than 2,000,000 shared
strings, XML nested 100 deep, a DTD with nested entities (billion laughs),
a workbook cut short, and an old .xls (a password-protected workbook, an
OLE2 file that libgsf writes, is test/unit/test_xlsx.c's).  Prints one line per check, exits 1 when any failed.
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
import zipfile

from labcheck import BIN, RESOLVER, SIGINT_DEFAULT, check, finish, guarded

BASE = [BIN, "verify", "--resolver", RESOLVER, "--allow-private",
        "--timeout", "10s", "--helo", "probe.lab.test"]
TMP = tempfile.mkdtemp(prefix="mxtrace-xlsx-")

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/"
          "relationships")
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PAYLOAD = "=HYPERLINK(\"http://evil.test/\",\"click\")"


def path(name):
    return os.path.join(TMP, name)


def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Strings:
    """The workbook's shared strings table."""

    def __init__(self):
        self.items, self.index = [], {}

    def ref(self, s):
        if s not in self.index:
            self.index[s] = len(self.items)
            self.items.append("<si><t>%s</t></si>" % esc(s))
        return self.index[s]

    def rich(self, runs):
        self.items.append("<si>%s</si>" % "".join(
            "<r><t>%s</t></r>" % esc(r) for r in runs))
        return len(self.items) - 1

    def xml(self):
        return '%s<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
            DECL, NS_MAIN, len(self.items), len(self.items),
            "".join(self.items))


def cell(ref, value, sst):
    """One <c>: str (shared), ("inline", s), int (number), ("f", formula,
    cached), ("rich", idx)."""
    if isinstance(value, int):
        return '<c r="%s"><v>%d</v></c>' % (ref, value)
    if isinstance(value, tuple) and value[0] == "inline":
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (
            ref, esc(value[1]))
    if isinstance(value, tuple) and value[0] == "f":
        return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (
            ref, esc(value[1]), esc(value[2]))
    if isinstance(value, tuple) and value[0] == "rich":
        return '<c r="%s" t="s"><v>%d</v></c>' % (ref, value[1])
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, sst.ref(value))


def sheet_xml(rows, sst):
    """rows: {row number: {column index: value}}."""
    out = []
    for r in sorted(rows):
        cells = "".join(cell("%s%d" % (col(c), r), v, sst)
                        for c, v in sorted(rows[r].items()))
        out.append('<row r="%d">%s</row>' % (r, cells))
    return '%s<worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (
        DECL, NS_MAIN, "".join(out))


def workbook(name, sheets, strings=None, extra=None):
    """sheets: [(sheet name, xml)]; strings: the sst xml or None."""
    ct = ('%s<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default '
          'Extension="xml" ContentType="application/xml"/></Types>' % DECL)
    rels = ('%s<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>' %
            (DECL, NS_PKG, NS_REL))
    book = '%s<workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets></workbook>' % (
        DECL, NS_MAIN, NS_REL, "".join(
            '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (esc(n), i + 1,
                                                               i + 1)
            for i, (n, _) in enumerate(sheets)))
    brels = "".join(
        '<Relationship Id="rId%d" Type="%s/worksheet" '
        'Target="worksheets/sheet%d.xml"/>' % (i + 1, NS_REL, i + 1)
        for i in range(len(sheets)))
    if strings is not None:
        brels += ('<Relationship Id="rIdS" Type="%s/sharedStrings" '
                  'Target="sharedStrings.xml"/>' % NS_REL)
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels",
                   '%s<Relationships xmlns="%s">%s</Relationships>' %
                   (DECL, NS_PKG, brels))
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
        for i, (_, xml) in enumerate(sheets):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), xml)
        for n, data in (extra or {}).items():
            z.writestr(n, data)
    return path(name)


def customers(name, people):
    """The customers' workbook: people are (company, contact, address)."""
    sst = Strings()
    notes = sheet_xml({1: {0: "使用说明：请在“客户”表中填写"}}, sst)
    rows = {1: {0: "2024 年客户名单"},
            3: {0: "公司", 1: "联系人", 2: ("rich", sst.rich(["电子", "邮件"])),
                3: "电话", 4: "备注"}}
    for i, (company, contact, addr) in enumerate(people):
        r = 4 + 2 * i                       # an empty row between customers
        rows[r] = {0: company, 2: ("inline", addr), 3: 13800138000 + i}
        if contact:
            rows[r][1] = contact
        if i == 0:
            rows[r][4] = ("f", 'HYPERLINK("http://evil.test/","click")',
                          PAYLOAD)
    return workbook(name, [("说明", notes), ("客户", sheet_xml(rows, sst))],
                    sst.xml())


def run(args, timeout=120):
    return subprocess.run(BASE + args, capture_output=True, timeout=timeout)


def records(p):
    with open(p, "rb") as f:
        return [json.loads(line) for line in f.read().splitlines()]


def test_read():
    src = customers("customers.xlsx", [
        ("北京华强电子有限公司", "张伟", "alice@ok.test"),
        ("上海明远贸易", "", "nobody@ok.test"),
        ("深圳恒通科技", "王芳", "wang@nxdomain.test")])
    out, out_csv = path("c.jsonl"), path("c.csv")
    p = run(["-o", out, "--csv", out_csv, src])
    err = p.stderr.decode()
    check("xlsx: exit 0", p.returncode == 0, err[-400:])
    check("xlsx: says which sheet it reads", '"客户"' in err, err[-400:])
    recs = records(out)
    check("xlsx: one record per customer, rows as Excel numbers them",
          [(r["row"], r["address"]) for r in recs] ==
          [(4, "alice@ok.test"), (6, "nobody@ok.test"),
           (8, "wang@nxdomain.test")] or
          sorted((r["row"], r["address"]) for r in recs) ==
          [(4, "alice@ok.test"), (6, "nobody@ok.test"),
           (8, "wang@nxdomain.test")], str([(r["row"], r["address"])
                                            for r in recs]))
    by = {r["address"]: r for r in recs}
    check("xlsx: verdicts as for a CSV",
          by["alice@ok.test"]["verdict"] == "deliverable" and
          by["nobody@ok.test"]["verdict"] == "undeliverable" and
          by["wang@nxdomain.test"]["verdict"] == "no_mail_domain",
          str({a: r["verdict"] for a, r in by.items()}))
    inp = by["alice@ok.test"]["input"]
    check("xlsx: the row's cells by header name (shared, inline, number, "
          "formula's cached value)",
          inp.get("公司") == "北京华强电子有限公司" and
          inp.get("联系人") == "张伟" and inp.get("电话") == "13800138000"
          and inp.get("备注") == PAYLOAD, json.dumps(inp, ensure_ascii=False))
    check("xlsx: a gap is an empty cell",
          by["nobody@ok.test"]["input"].get("联系人") in ("", None),
          json.dumps(by["nobody@ok.test"]["input"], ensure_ascii=False))
    with open(out_csv, "rb") as f:
        rows = list(csv.reader(io.StringIO(f.read()[3:].decode("utf-8"))))
    hdr = rows[0]
    check("xlsx --csv: the sheet's columns", hdr[1:6] ==
          ["公司", "联系人", "电子邮件", "电话", "备注"], str(hdr))
    note = [r for r in rows[1:] if r[3] == "alice@ok.test"][0][5]
    check("xlsx --csv: the formula's cached value stays data (quoted)",
          note != PAYLOAD and PAYLOAD in note and not note.startswith("="),
          note)
    meta = json.load(open(out + ".meta"))
    check("xlsx: FILE.meta names the workbook, read as UTF-8",
          meta["input"] == src and meta["encoding"] == "UTF-8", str(meta))


def test_sigint_resume():
    src = customers("int.xlsx", [("A", "Ann", "alice@ok.test"),
                                 ("S", "Sam", "alice@slow.test"),
                                 ("Q", "Quinn", "user@silent.test")])
    out = path("int.jsonl")
    p = subprocess.Popen(BASE + ["-o", out, src], stderr=subprocess.PIPE,
                         preexec_fn=SIGINT_DEFAULT)
    end = time.monotonic() + 8
    while time.monotonic() < end and (
            not os.path.exists(out) or
            b'"alice@ok.test"' not in open(out, "rb").read()):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=30)
    check("xlsx sigint: exit 3", p.returncode == 3, err.decode()[-300:])
    before = len(records(out))
    q = run(["--resume", "-o", out, src], timeout=60)
    check("xlsx resume: exit 0", q.returncode == 0, q.stderr.decode()[-300:])
    recs = records(out)
    rows = sorted(r["row"] for r in recs)
    check("xlsx resume: each row exactly once (%d before the resume)" %
          before, rows == [4, 6, 8] and before < 3, str(rows))


def big_sheet(name, n):
    """A workbook of one sheet: a header, then n addresses as inline
    strings (pass 1 takes a few seconds to read them)."""
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c>'
            '</row>']
    rows += ['<row r="%d"><c r="A%d" t="inlineStr"><is><t>u%d@ok.test</t>'
             '</is></c></row>' % (i, i, i) for i in range(2, n + 2)]
    return workbook(name, [("S", '%s<worksheet xmlns="%s"><sheetData>%s'
                            '</sheetData></worksheet>' % (
                                DECL, NS_MAIN, "".join(rows)))])


def test_stop_while_reading():
    """A Ctrl-C at once, while the list is still being read: before, the
    signal's default action killed the run (no word, no exit 3)."""
    src = big_sheet("big.xlsx", 200000)
    for sig, lang, said in (
            (signal.SIGINT, [], "interrupted before any address was "
             "checked: nothing was written"),
            (signal.SIGTERM, ["--lang", "zh"], "已终止，还没有检测任何地址："
             "什么也没有写入")):
        out = path("big-%d.jsonl" % sig)
        p = subprocess.Popen(BASE + lang + ["-o", out, src],
                             stderr=subprocess.PIPE, preexec_fn=SIGINT_DEFAULT)
        first = p.stderr.readline()        # "reading its sheet": reading
        p.send_signal(sig)
        rest = p.stderr.read()
        p.wait(timeout=60)
        err = (first + rest).decode()
        name = signal.Signals(sig).name
        check("xlsx %s while reading: exit 3 (interrupted)" % name,
              p.returncode == 3, "%d %s" % (p.returncode, err[-300:]))
        check("xlsx %s while reading: says nothing was written" % name,
              said in err, err[-300:])
        check("xlsx %s while reading: nothing written" % name,
              not os.path.exists(out + ".meta") and (
                  not os.path.exists(out) or os.path.getsize(out) == 0),
              str(os.listdir(TMP)))


def test_sheets_unread():
    """Customers by region on two sheets: the first is read, the second's
    rows are not, and the run says so (they would look checked)."""
    sst = Strings()
    home = sheet_xml({1: {0: "公司", 1: "邮箱"},
                      2: {0: "甲", 1: ("inline", "alice@ok.test")}}, sst)
    abroad = sheet_xml({1: {0: "公司", 1: "电子邮件"},
                        2: {0: "乙", 1: ("inline", "bob@ok.test")}}, sst)
    src = workbook("regions.xlsx", [("国内客户", home), ("海外客户", abroad)],
                   sst.xml())
    out = path("regions.jsonl")
    p = run(["--lang", "zh", "-o", out, src])
    err = p.stderr.decode()
    check("xlsx two customer sheets: exit 0, the first sheet's row",
          p.returncode == 0 and
          [r["address"] for r in records(out)] == ["alice@ok.test"],
          "rc %d %r" % (p.returncode, err[-300:]))
    check("xlsx two customer sheets: the sheet not read is named, with the "
          "--sheet that reads it (zh)",
          "警告" in err and "“海外客户”也有地址列，但没有读取" in err and
          "只检测工作表“国内客户”" in err and
          '请加 --sheet "海外客户" 另外运行一次' in err, err[-500:])
    p = run(["--lang", "en", "--force", "-o", out, src])
    err = p.stderr.decode()
    check("xlsx two customer sheets: the sheet not read is named, with the "
          "--sheet that reads it (en)",
          'sheet "海外客户" has an address column too and is not read' in err
          and 'verify it with --sheet "海外客户"' in err, err[-500:])


def meta(p):
    with open(p + ".meta") as f:
        return json.load(f)


def test_sheet():
    """--sheet NAME|N: customers by year on sheets "2025" and "2026" (a
    sheet named by digits), a notes sheet without an address column: the
    sheet named or placed is read, FILE.meta records it, --resume keeps it
    and refuses another; no such sheet, a sheet without the column and a
    CSV are refused with their exit codes, in English and Chinese."""
    sst = Strings()
    y25 = sheet_xml({1: {0: "email"}, 2: {0: ("inline", "alice@ok.test")}},
                    sst)
    y26 = sheet_xml({1: {0: "客户年份说明"},
                     2: {0: "公司", 1: "邮箱"},
                     3: {0: "甲", 1: ("inline", "bob@ok.test")},
                     4: {0: "乙", 1: ("inline", "carol@ok.test")}}, sst)
    notes = sheet_xml({1: {0: "说明"}}, sst)
    src = workbook("years.xlsx", [("2025", y25), (" 2026", y26),
                                  ("备注", notes)], sst.xml())
    out = path("years.jsonl")
    p = run(["--lang", "en", "--sheet", "2026", "-o", out, src])
    err = p.stderr.decode()
    recs = records(out) if os.path.exists(out) else []
    check("xlsx --sheet 2026: the sheet named 2026 (not the 2026th) is read, "
          "its rows as Excel numbers them, no warning about the others",
          p.returncode == 0 and
          [(r["row"], r["address"]) for r in recs] ==
          [(3, "bob@ok.test"), (4, "carol@ok.test")] and
          "is not read" not in err and meta(out).get("sheet") == "2026",
          "rc %d %r %r" % (p.returncode, recs, err[-300:]))
    p = run(["--lang", "en", "--resume", "-o", out, src])
    check("xlsx --resume without --sheet: the first run's sheet is kept, "
          "nothing left to probe",
          p.returncode == 0 and len(records(out)) == 2 and
          meta(out).get("sheet") == "2026", p.stderr[-300:])
    p = run(["--lang", "en", "--resume", "--sheet", "2026", "-o", out, src])
    check("xlsx --resume with the same --sheet: continues",
          p.returncode == 0 and len(records(out)) == 2, p.stderr[-300:])
    for other in ("2", " 2026\u3000"):
        p = run(["--lang", "en", "--resume", "--sheet", other, "-o", out, src])
        check("xlsx --resume with --sheet %r, which names the same sheet: "
              "continues, FILE.meta keeps the first run's word" % other,
              p.returncode == 0 and len(records(out)) == 2 and
              meta(out).get("sheet") == "2026", p.stderr[-300:])
    p = run(["--lang", "en", "--sheet", "2", "-o", out, src])
    check("xlsx records of --sheet 2026, run again with --sheet 2 (the same "
          "sheet) without --resume: advised --resume",
          p.returncode == 73 and "add --resume to continue that run" in
          p.stderr.decode(), p.stderr[-300:])
    for lang, word in (("en", "was made with --sheet 2026, not 2025: leave "
                        "--sheet out"),
                       ("zh", "是用 --sheet 2026 生成的，不是 2025：请去掉 "
                        "--sheet")):
        p = run(["--lang", lang, "--resume", "--sheet", "2025", "-o", out,
                 src])
        err = p.stderr.decode()
        check("xlsx --resume with another --sheet: refused, exit 73, the "
              "records kept (%s)" % lang,
              p.returncode == 73 and word in err and len(records(out)) == 2,
              "rc %d %r" % (p.returncode, err[-300:]))
    p = run(["--lang", "en", "--sheet", "2025", "-o", out, src])
    err = p.stderr.decode()
    check("xlsx records of --sheet 2026, run again with --sheet 2025 without "
          "--resume: told that --resume cannot continue them",
          p.returncode == 73 and "holds the records of --sheet 2026, not "
          "2025, so --resume cannot continue it" in err,
          "rc %d %r" % (p.returncode, err[-300:]))
    p = run(["--lang", "en", "-o", out, src])
    err = p.stderr.decode()
    check("xlsx records of --sheet 2026, run again without --sheet nor "
          "--resume: advised --resume (which keeps the sheet)",
          p.returncode == 73 and "add --resume to continue that run" in err,
          "rc %d %r" % (p.returncode, err[-300:]))
    out2 = path("years2.jsonl")
    p = run(["--lang", "en", "--sheet", "1", "-o", out2, src])
    check("xlsx --sheet 1: the first tab (2025) by its place",
          p.returncode == 0 and
          [r["address"] for r in records(out2)] == ["alice@ok.test"] and
          'sheet "2025"' in p.stderr.decode(), p.stderr[-300:])
    for lang, words in (
            ("en", ["--sheet 4: no such sheet in this workbook; its sheets: "
                    "2025, 2026, 备注",
                    'no address column: sheet "备注" has no column such as '
                    "email"]),
            ("zh", ["--sheet 4：这个工作簿里没有这个工作表；它的工作表是："
                    "2025, 2026, 备注",
                    "找不到地址列：工作表“备注”在前几行没有 email"])):
        for want, word in zip(["4", "备注"], words):
            p = run(["--lang", lang, "--sheet", want, "-o",
                     path("no.jsonl"), src])
            err = p.stderr.decode()
            check("xlsx --sheet %s: refused, exit 65, the sheets or the "
                  "sheet named (%s)" % (want, lang),
                  p.returncode == 65 and word in err,
                  "rc %d %r" % (p.returncode, err[-300:]))
    with open(path("plain.csv"), "w") as f:
        f.write("email\nalice@ok.test\n")
    for lang, word in (("en", "--sheet: %s is not an Excel workbook (.xlsx) "
                        "but a CSV or text list" % path("plain.csv")),
                       ("zh", "--sheet：%s 不是 Excel 工作簿（.xlsx），而是 "
                        "CSV 或文本清单" % path("plain.csv"))):
        p = run(["--lang", lang, "--sheet", "1", path("plain.csv")])
        err = p.stderr.decode()
        check("verify --sheet on a CSV: a usage error, exit 64 (%s)" % lang,
              p.returncode == 64 and word in err and not p.stdout,
              "rc %d %r" % (p.returncode, err[-300:]))


def refused(label, src, word):
    out = path(os.path.basename(src) + ".jsonl")
    start = time.monotonic()
    try:
        r = run(["-o", out, src], timeout=120)
    except subprocess.TimeoutExpired:
        check("%s: ends (no hang)" % label, False, "timed out")
        return
    err = r.stderr.decode()
    check("%s: exit 65, one clear message, no record (%.1f s)" %
          (label, time.monotonic() - start),
          r.returncode == 65 and word in err and
          "mxtrace verify:" in err and
          (not os.path.exists(out) or os.path.getsize(out) == 0),
          "rc %d, %r" % (r.returncode, err[-400:]))


def test_hostile():
    sst = Strings()
    good = sheet_xml({1: {0: "email"}, 2: {0: ("inline", "a@ok.test")}}, sst)
    # a ZIP bomb: a sheet inflating to 600 MiB of whitespace (~600 KiB)
    bomb_book = workbook("bomb2.xlsx", [("S", good), ("T", good)])
    with zipfile.ZipFile(bomb_book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(bomb_book, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            if n != "xl/worksheets/sheet1.xml":
                z.writestr(n, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(DECL.encode() + b'<worksheet xmlns="%s">' %
                    NS_MAIN.encode())
            block = b" " * (1 << 20)
            for _ in range(600):
                w.write(block)
            w.write(b"</worksheet>")
    refused("ZIP bomb sheet (600 MiB inflated)", bomb_book, "512 MiB")
    many = "%s<sst xmlns=\"%s\">%s</sst>" % (DECL, NS_MAIN,
                                             "<si><t/></si>" * 2000001)
    refused("2,000,001 shared strings",
            workbook("strings.xlsx", [("S", good)], many), "2,000,000")
    deep = '%s<worksheet xmlns="%s">%s%s</worksheet>' % (
        DECL, NS_MAIN, "<x>" * 100, "</x>" * 100)
    refused("XML nested 100 deep", workbook("deep.xlsx", [("S", deep)]),
            "64 elements deep")
    laughs = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY l0 "lol">' +
              "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10)
                      for i in range(1, 10)) +
              ']><sst xmlns="%s"><si><t>&l9;</t></si></sst>' % NS_MAIN)
    refused("a DTD with nested entities (billion laughs)",
            workbook("laughs.xlsx", [("S", good)], laughs), "DTD")
    with open(customers("whole.xlsx", [("A", "Ann", "alice@ok.test")]),
              "rb") as f:
        whole = f.read()
    with open(path("cut.xlsx"), "wb") as f:
        f.write(whole[:len(whole) // 2])
    refused("a workbook cut short", path("cut.xlsx"), "damaged")
    # the password-protected workbook (an OLE2 file with EncryptedPackage,
    # written by libgsf) is test_xlsx's: Python has no OLE2 writer here
    with open(path("old.xls"), "wb") as f:
        f.write(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    refused("an old .xls", path("old.xls"), ".xls")


def main():
    guarded(test_read)
    guarded(test_sigint_resume)
    guarded(test_stop_while_reading)
    guarded(test_sheets_unread)
    guarded(test_sheet)
    guarded(test_hostile)
    return finish("test_verify_xlsx")


if __name__ == "__main__":
    sys.exit(main())
