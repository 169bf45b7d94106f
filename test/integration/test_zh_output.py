#!/usr/bin/env python3
"""test_zh_output.py - Chinese everywhere, checked on what the real binary
prints: probe (every address of test/lab/cases.tsv), verify (its terminal
text and its CSV), report (the HTML's visible text, fixtures included),
sender (every sending domain of the lab), explain (the Chinese, delivered
and Sisimai fixtures), the pages of probe --html and sender --html and the
report of explain and sender JSON, --help and usage errors of every command, run with
--lang zh and again under LANG=zh_CN.UTF-8 without --lang.  A line fails
when it carries an English sentence that is not data.

An English sentence: two words in a row (letters only; split at spaces,
"/" and ASCII punctuation; never across Chinese text or data) of which at
least one is written in lower case, two letters or more, and is not a
protocol word (PROTOCOL).

Data, and only this, is taken out of a line before it is judged:
  - a server's words: after "< " (every line of a reply is marked so) and
    what mxtrace sent, after "> ", in the trace;
  - quoted original text: "...", “...”, 「...」 (a quote that closes the
    line runs from its opening quote: the original may hold quotes); in
    the HTML the text of <pre>, <code>, <samp> (a server's reply), <kbd>
    (the user's own list: its cells and raw addresses) and <q> (a
    message's own subject);
  - the address or host after "->" (explain: where a message went);
  - a token holding a digit or one of . @ : = _ < > [ ] \\ # % & + ~ | { }
    $ * ^ ` (host names, addresses, IPs, codes, paths, URLs, record text
    like v=spf1 or p=reject), a path (starting "/" or "~/"), "localhost";
  - an option (a token starting with "-") and a command line "mxtrace WORD";
  - the names of verdicts, reasons and stages (probe/meaning/verdict.c) and
    of blocklists (data/dnsbl.json "name");
  - the value of a message header shown as "- Header-Name: value" (explain
    of a delivered message; Header-Name has a hyphen, as X-Rspamd-Action);
  - an OpenSSL error string "error:XXXXXXXX:..." to the end of its
    parenthesis or line, and libunbound's reason after "validation
    failure" (the libraries' words, as a server's);
  - upper-case words (acronyms: SPF, DKIM, RCPT TO), capitalised pairs
    (names such as "Spamhaus ZEN", "Zoho Mail", dates like "Mon, 30 Nov").

Exit 0 when every line passes; each offending line is printed with the
command that printed it.
"""

import concurrent.futures
import glob
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, REPO, RESOLVER, check, finish, guarded,  # noqa: E402
                      lab_cases)

TMP = tempfile.mkdtemp(prefix="mxtrace-zh-")
LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s"]

# Protocol words that stay as they are inside Chinese text.
PROTOCOL = set("""null selector pass fail softfail hardfail neutral none
permerror temperror policy bestguesspass include redirect exists all ptr mx
a ip4 ip6 exp reject quarantine catch-all ok esmtp esmtps esmtpsa smtp lmtp
http https mailto ms s enforce testing rua ruf""".split())
DATA_CH = re.compile(r"[0-9.@:=_<>\[\]\\#%&+~|{}$*^`]")
WORD = re.compile(r"^[A-Za-z]+(?:['-][A-Za-z]+)*$")
QUOTED = re.compile(r'"[^"]*"$|"[^"]*"(?=[\s),，（）]|$)|“[^”]*”|「[^」]*」')
# original text that itself holds quotes (any number: a reply cut at its
# bound may leave one open), when it closes the line, or only the terminal's
# note that it was cut (explain.quote_cut) follows it
QUOTED_TAIL = re.compile(r'(^|\s)"[^"]*".*"(?=( ……（[^）]*）)?$)')
ARROW = re.compile(r"-> \S+")
REPLY = re.compile(r"(^|\s)[<>] .*$")
HEADER = re.compile(r"^(\s*- )[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+: .*?(?=\s\s\[|$)")
OPENSSL = re.compile(r"error:[0-9A-F]{8}:[^()]*")
UNBOUND = re.compile(r"validation failure .*$")
COMMAND = re.compile(r"mxtrace (probe|verify|report|explain|sender)\b")
BREAK = " \x00 "


def names():
    """Identifiers and list names that are data."""
    with open(os.path.join(REPO, "probe", "meaning", "verdict.c")) as f:
        ids = set(re.findall(r'"([a-z][a-z0-9_]*)"', f.read()))
    with open(os.path.join(REPO, "data", "dnsbl.json")) as f:
        lists = sorted({x["name"] for x in json.load(f)["lists"]},
                       key=len, reverse=True)
    return ids, lists


IDS, LISTS = names()


def sentences(line):
    """The English phrases of line that are not data (empty: it passes)."""
    line = HEADER.sub(lambda m: m.group(1) + BREAK, line)
    # quotes first: a quoted transcript holds "> " and "< " marks itself
    for rx in (QUOTED_TAIL, QUOTED, REPLY, ARROW, OPENSSL, UNBOUND, COMMAND):
        line = rx.sub(BREAK, line)
    for name in LISTS:
        line = line.replace(name, BREAK)
    line = re.sub(r"[^\x00-\x7f]+", BREAK, line)
    found, run = [], []

    def flush():
        for a, b in zip(run, run[1:]):
            if any(w.lower() == w and len(w) >= 2 and w not in PROTOCOL
                   for w in (a, b)):
                found.append(" ".join(run))
                break
        run.clear()

    for tok in line.split():
        core = tok.strip("()[],;!?'\"")
        if core.endswith(".") and not DATA_CH.search(core[:-1]):
            core = core[:-1]
        if tok == "\x00" or core.startswith(("-", "/", "~/")) \
                or DATA_CH.search(core) or core in IDS or core == "localhost":
            flush()
            continue
        for part in core.split("/"):
            if WORD.match(part):
                run.append(part)
            else:
                flush()
        if tok.endswith((".", ";", "?", "!", ")", ",")):
            flush()
    flush()
    return found


class Visible(html.parser.HTMLParser):
    """The text a reader sees in the report, line by line; <pre>/<code>
    (original text) and <script>/<style> left out."""

    SKIP = {"script", "style", "pre", "code", "samp", "kbd", "q"}
    BLOCK = {"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4",
             "section", "summary", "details", "br", "table", "caption",
             "figcaption", "span", "a", "title", "text", "tspan", "option",
             "button", "label", "dt", "dd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.out = [""]

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in self.BLOCK:
            self.out.append("")
        for k, v in attrs:
            if k in ("title", "aria-label", "placeholder", "alt") and v:
                self.out.append(v)
                self.out.append("")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip > 0:
            self.skip -= 1
        if tag in self.BLOCK:
            self.out.append("")

    def handle_data(self, data):
        if not self.skip:
            self.out[-1] += data


failed_lines = []
runs = []


def logical_lines(text):
    """The lines of text, a list item ("  - ") joined with the lines it
    was wrapped onto (indented four spaces): a warning quoting a server or
    a library is judged whole, as the reader reads it."""
    out = []
    for ln in text.splitlines():
        if (out and re.match(r"    \S", ln) and
                re.match(r"  - \S", out[-1])):
            out[-1] += " " + ln.strip()
        else:
            out.append(ln)
    return out


def judge(what, text):
    bad = [(ln, p) for ln in logical_lines(text) for p in [sentences(ln)]
           if p]
    runs.append(what)
    for ln, p in bad[:8]:
        failed_lines.append("%s\n      %s\n      English: %s" %
                            (what, ln.strip()[:200], " | ".join(p)))
    return not bad


def run(args, env=None, stdin=None, timeout=120):
    e = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES", "LANG"):
        e.pop(k, None)
    e.update(env or {})
    p = subprocess.run([BIN] + args, capture_output=True, timeout=timeout,
                       env=e, input=stdin)
    return p.returncode, (p.stdout.decode("utf-8", "replace") + "\n" +
                          p.stderr.decode("utf-8", "replace"))


def judge_runs(jobs, unwrap=False):
    """jobs: (what, args, env); run 8 at once, judge each output.  unwrap:
    the command wraps its entries at 80 columns, each further line indented
    (sender's checklist): judged as the one line it continues, so that a
    server's quoted words cut by the wrap are still one quote."""
    def one(job):
        what, args, env = job
        out = run(args, env)[1]
        return what, re.sub(r"\n +(?=\S)", " ", out) if unwrap else out
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        outs = list(ex.map(one, jobs))
    return sum(not judge(what, out) for what, out in outs)


ZH_ENV = {"LANG": "zh_CN.UTF-8"}


def test_probe():
    cases = lab_cases()
    jobs = [("probe --lang zh %s %s" % (" ".join(o), a),
             ["probe", "--lang", "zh"] + LAB + o + [a], None)
            for a, o in cases]
    # the same under the locale, without --lang: a sample of every kind
    jobs += [("LANG=zh_CN.UTF-8 probe %s %s" % (" ".join(o), a),
              ["probe"] + LAB + o + [a], ZH_ENV) for a, o in cases[::6]]
    bad = judge_runs(jobs)
    check("probe: %d runs (%d lab cases) without an English sentence"
          % (len(jobs), len(cases)), bad == 0, "%d runs" % bad)


LIST = ("公司,联系人,邮箱,国家\n华强,张伟,alice@ok.test,中国\n"
        "明远,李娜,nobody@ok.test,中国\n恒通,王芳,wang@nxdomain.test,中国\n"
        "坏,赵六,not-an-address,中国\n灰,钱七,grey@greylist.test,中国\n"
        "满,孙八,carol@full.test,中国\n黑,周九,alice@blocked.test,中国\n"
        "全收,吴十,x@catchall.test,中国\n错,郑一,a@gmial.com,中国\n"
        "全角,冯二,bob＠ok.test,中国\n")


def test_verify_report():
    src = os.path.join(TMP, "list.csv")
    with open(src, "w", encoding="utf-8") as f:
        f.write(LIST)
    bad = 0
    for label, lang, env in [("--lang zh", ["--lang", "zh"], None),
                             ("LANG=zh_CN.UTF-8", [], ZH_ENV)]:
        tag = "env" if env else "opt"
        out, csvf = (os.path.join(TMP, "%s.%s" % (tag, x))
                     for x in ("jsonl", "csv"))
        rc, text = run(["verify"] + lang + LAB + [
            "--retry-after", "1s", "--max-wait", "3s", "-o", out, "--csv",
            csvf, src], env)
        bad += not judge("verify %s (exit %d)" % (label, rc), text)
        with open(csvf, encoding="utf-8-sig") as f:
            bad += not judge("verify %s: its CSV" % label, f.read())
        html_out = os.path.join(TMP, "%s.html" % tag)
        rc, text = run(["report"] + lang + ["-o", html_out, out], env)
        bad += not judge("report %s (exit %d)" % (label, rc), text)
        bad += not judge_html("report %s: the page" % label, html_out)
    fx = os.path.join(REPO, "test", "fixtures")
    for name in sorted(os.listdir(fx)):
        if not name.startswith("report_"):
            continue
        html_out = os.path.join(TMP, name + ".html")
        rc, text = run(["report", "--lang", "zh", "-o", html_out,
                        os.path.join(fx, name)])
        bad += not judge("report --lang zh %s (exit %d)" % (name, rc), text)
        if os.path.exists(html_out):
            bad += not judge_html("report of %s: the page" % name, html_out)
    # not mxtrace JSON: the refusal
    rc, text = run(["report", "--lang", "zh", "-o",
                    os.path.join(TMP, "no.html"), src])
    bad += not judge("report --lang zh of a CSV (exit %d)" % rc, text)
    check("verify, its CSV and report: no English sentence", bad == 0,
          "%d outputs" % bad)


def judge_html(what, path):
    v = Visible()
    with open(path, encoding="utf-8") as f:
        v.feed(f.read())
    return judge(what, "\n".join(v.out))


def test_sender():
    with open(os.path.join(REPO, "test", "lab", "zones",
                           "sender.zone")) as f:
        domains = sorted({m for m in re.findall(r"^([a-z0-9]+)\s",
                                                f.read(), re.M)})
    jobs = [("sender --lang zh %s.sender.test" % d,
             ["sender", "--lang", "zh"] + LAB + [d + ".sender.test"], None)
            for d in domains]
    jobs += [("LANG=zh_CN.UTF-8 sender %s.sender.test" % d,
              ["sender"] + LAB + [d + ".sender.test"], ZH_ENV)
             for d in domains[::5]]
    jobs.append(("sender --lang zh --helo nothing.sender.test good",
                 ["sender", "--lang", "zh"] + LAB + [
                     "--helo", "nothing.sender.test", "good.sender.test"],
                 None))
    bad = judge_runs(jobs, unwrap=True)
    check("sender: %d runs (%d domains) without an English sentence"
          % (len(jobs), len(domains)), bad == 0, "%d runs" % bad)


def test_explain():
    ex = os.path.join(REPO, "test", "explain")
    files = sorted(glob.glob(os.path.join(ex, "chinese", "*.eml")) +
                   glob.glob(os.path.join(ex, "delivered", "*.eml")) +
                   glob.glob(os.path.join(ex, "sisimai", "*.eml")))
    bad = 0
    for i in range(0, len(files), 50):
        part = files[i:i + 50]
        rc, text = run(["explain", "--lang", "zh"] + part)
        bad += not judge("explain --lang zh %s .. (%d files, exit %d)"
                         % (os.path.relpath(part[0], REPO), len(part), rc),
                         text)
    rc, text = run(["explain"] + files[:20], ZH_ENV)
    bad += not judge("LANG=zh_CN.UTF-8 explain (20 files, exit %d)" % rc,
                     text)
    check("explain: %d files without an English sentence" % len(files),
          bad == 0, "%d outputs" % bad)


def test_help_and_errors():
    jobs = []
    for c in ["probe", "verify", "report", "explain", "sender"]:
        for label, lang, env in [("--lang zh", ["--lang", "zh"], None),
                                 ("LANG=zh_CN.UTF-8", [], ZH_ENV)]:
            jobs += [("%s %s --help" % (c, label), [c] + lang + ["--help"],
                      env),
                     ("%s %s --bogus" % (c, label), [c] + lang + ["--bogus"],
                      env),
                     ("%s %s (no argument)" % (c, label), [c] + lang, env),
                     ("%s %s /nonexistent/file" % (c, label),
                      [c] + lang + ["/nonexistent/file"], env)]
    jobs += [("LANG=zh_CN.UTF-8 --help", ["--help"], ZH_ENV),
             ("--help --lang zh", ["--help", "--lang", "zh"], None),
             ("LANG=zh_CN.UTF-8 unknown command", ["frobnicate"], ZH_ENV),
             ("probe --lang zh bob.example.com (no @)",
              ["probe", "--lang", "zh", "bob.example.com"], None),
             ("probe --lang zh --timeout forever",
              ["probe", "--lang", "zh", "--timeout", "forever",
               "a@ok.test"], None),
             ("verify --lang zh --encoding klingon",
              ["verify", "--lang", "zh", "--encoding", "klingon", "-"],
              None)]
    # --lang after the option in error: the error is in Chinese all the same
    jobs += [("%s (--lang zh last)" % " ".join(a), a + ["--lang", "zh"], None)
             for a in (["probe", "--timeout", "forever", "a@ok.test"],
                       ["probe", "--port", "0", "a@ok.test"],
                       ["probe", "-4", "-6", "a@ok.test"],
                       ["verify", "--jobs", "0", "-"],
                       ["verify", "--csv-delimiter", "x", "-"],
                       ["verify", "--shard", "3/2", "-"],
                       ["verify", "-o", "/tmp", "/dev/null"],
                       ["report", "--details", "0", "x.jsonl"],
                       ["sender", "--max-dns", "0", "example.com"],
                       ["explain", "--folder", "attic", "x.eml"])]
    bad = judge_runs(jobs)
    check("--help and usage errors: %d runs without an English sentence"
          % len(jobs), bad == 0, "%d runs" % bad)


def test_pages():
    """The one-address page (probe --html), sender's page (sender --html)
    and the report of explain --json and sender --json, in Chinese."""
    bad, n = 0, 0
    for addr, extra in [("nobody@ok.test", []), ("alice@blocked.test", []),
                        ("grey@greylist.test", []), ("x@nxdomain.test", []),
                        ("user@tlsgarbage.test", []),
                        ("alice@dane.sec.test", [])]:
        page = os.path.join(TMP, "probe-%d.html" % n)
        n += 1
        rc, text = run(["probe", "--lang", "zh", "--html", page] + LAB +
                       extra + [addr])
        bad += not judge("probe --lang zh --html %s (exit %d)" % (addr, rc),
                         text)
        bad += not judge_html("probe --html %s: the page" % addr, page)
    for dom in ("listed", "spf11", "hosted"):
        page = os.path.join(TMP, "sender-%s.html" % dom)
        rc, text = run(["sender", "--lang", "zh", "--html", page] + LAB +
                       [dom + ".sender.test"])
        bad += not judge("sender --lang zh --html %s (exit %d)" % (dom, rc),
                         text)
        bad += not judge_html("sender --html %s: the page" % dom, page)
    ex = os.path.join(REPO, "test", "explain")
    files = sorted(glob.glob(os.path.join(ex, "chinese", "*.eml")) +
                   glob.glob(os.path.join(ex, "delivered", "*.eml")))
    js = os.path.join(TMP, "explain.jsonl")
    with open(js, "wb") as f:
        f.write(subprocess.run([BIN, "explain", "--json"] + files,
                               capture_output=True, timeout=120).stdout)
    sj = os.path.join(TMP, "sender.json")
    with open(sj, "wb") as f:
        f.write(subprocess.run([BIN, "sender", "--json"] + LAB +
                               ["neighbours.sender.test"],
                               capture_output=True, timeout=120).stdout)
    page = os.path.join(TMP, "explained.html")
    rc, text = run(["report", "--lang", "zh", "-o", page, js, sj])
    bad += not judge("report --lang zh of explain --json and sender --json "
                     "(exit %d)" % rc, text)
    bad += not judge_html("report of bounces, delivered messages and "
                          "sender: the page", page)
    check("probe --html, sender --html and the report of explain/sender "
          "JSON: no English sentence", bad == 0, "%d outputs" % bad)


def test_the_judge():
    """The rules themselves: English prose fails, data passes."""
    fails = ["  ! timeout waiting for the banner",
             "不在 the 6 lists asked 黑名单上",
             "SPF missing/failing，DKIM ok",
             "服务器原文 \"550 a\" was not translated \"b\" 中文",
             "mxtrace verify: cannot open x.csv: No such file or directory",
             "服务器原文 \"550 x\" then the mailbox is full ……（到此截断；--json 输出含全文）"]
    passes = ["                              < 550 5.1.1 User unknown here",
              "  > MAIL FROM:<postmaster@vm>",
              "服务器原文 \"550 Mailbox not found. please check\"",
              "服务器原文 \"> ... while talking to mx.example.com.: "
              ">>>> DATA > <<< 550 5.1.1 User unknown\"",
              "服务器原文 \"550 5.2.2 mailbox full. The cause: \"Mapi:00.0000, 00\" "
              "……（到此截断；--json 输出含全文）",
              "  - X-Rspamd-Action: no action  [采信：由收件服务器写入]",
              "结论：无法投递 [undeliverable]（原因：mailbox_unknown）",
              "在 URIBL multi 黑名单上", "请运行 mxtrace sender example.com",
              "TLS 握手失败：error:0A00010B:SSL routines::wrong version number",
              "SPF pass，DKIM pass（Mon, 30 Nov 2026）"]
    for s in fails:
        check("judge: English found in %r" % s, sentences(s) != [])
    for s in passes:
        check("judge: data passes in %r" % s, sentences(s) == [],
              sentences(s))
    # a warning wrapped over lines is judged as one line
    wrapped = ("  - mx.test 127.0.26.5：STARTTLS：TLS 握手失败：error:0A00010B:SSL\n"
               "    routines::wrong version number\n")
    check("judge: a wrapped warning's data passes",
          not any(sentences(ln) for ln in logical_lines(wrapped)))
    prose = "  - 警告：服务器\n    did not answer in time\n"
    check("judge: English on a wrapped warning's next line found",
          any(sentences(ln) for ln in logical_lines(prose)))


def main():
    for t in [test_the_judge, test_help_and_errors, test_probe,
              test_verify_report, test_sender, test_explain, test_pages]:
        guarded(t)
    for f in failed_lines:
        print("  ENGLISH %s" % f)
    print("  # %d outputs judged" % len(runs))
    return finish("test_zh_output")


if __name__ == "__main__":
    sys.exit(main())
