#!/usr/bin/env python3
"""test_term_charset - human text follows the locale's charset, machine
formats stay UTF-8.  Under LC_ALL=zh_CN.GB18030 (a Chinese Windows' SSH
session) the `--lang zh` text of explain, probe, sender and every --help
on stdout, and the errors on stderr, must be valid GB18030 that decodes
to exactly what a UTF-8 locale gets (run times aside); explain's JSON,
probe's and sender's JSON, verify's JSON Lines and CSV must be the same
bytes in both; on a terminal the text is wrapped at the terminal's width
in both alike; under zh_CN.GBK a character GBK lacks (an emoji) shows as
'?' for each column it takes; under the C locale (a box with no locale
set) the bytes stay UTF-8.  The locales come from scripts/setup.  Needs
no lab: DNS goes to 127.0.0.1 port 9, where nothing answers."""
import base64
import glob
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish, guarded, on_pty  # noqa: E402

UTF8 = "C.UTF-8"
GB18030 = "zh_CN.GB18030"
GBK = "zh_CN.GBK"
CHINESE = sorted(glob.glob(os.path.join(REPO, "test", "explain", "chinese",
                                        "*.eml")))
NODNS = ["--resolver", "127.0.0.1@9", "--timeout", "100ms", "--no-dnssec"]
# what differs between two runs of the same command: times
TIMES = re.compile(r'\d+\s*(ms|毫秒)|"(\w*ms|\w*_at)": ?("[^"]*"|\d+)')


def env_of(loc):
    env = dict(os.environ)
    for k in ("LANG", "LANGUAGE", "LC_CTYPE", "LC_MESSAGES"):
        env.pop(k, None)
    env["LC_ALL"] = loc
    return env


def run(loc, args, stdin=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True,
                       env=env_of(loc), timeout=60)
    return p.stdout, p.stderr


def untimed(text):
    return TIMES.sub("T", text) if text is not None else None


def decoded(b, charset):
    """The text of b in charset; None when b is not in it."""
    try:
        return b.decode(charset)
    except UnicodeDecodeError:
        return None


def same_text(what, args, stream=0, stdin=None):
    """args' output (stdout: 0, stderr: 1) under GB18030 is GB18030 for
    the text the UTF-8 locale gets."""
    u8 = run(UTF8, args, stdin)[stream]
    gb = run(GB18030, args, stdin)[stream]
    text = untimed(decoded(gb, "gb18030"))
    want = untimed(decoded(u8, "utf-8"))
    check(what + ": some Chinese to convert", re.search("[\u4e00-\u9fff]",
                                                        want) is not None)
    check(what + ": GB18030 for the same text", text == want,
          "%r... for %r..." % (gb[:80], u8[:80]))


def same_bytes(what, args, stdin=None):
    """args' stdout is the same UTF-8 bytes under GB18030 as under UTF-8
    (run times aside)."""
    u8 = untimed(decoded(run(UTF8, args, stdin)[0], "utf-8"))
    gb = untimed(decoded(run(GB18030, args, stdin)[0], "utf-8"))
    check(what + ": has Chinese", u8 is not None and
          re.search("[\u4e00-\u9fff]", u8) is not None)
    check(what + ": the same UTF-8 bytes", u8 is not None and u8 == gb,
          "%r... vs %r..." % (gb and gb[:80], u8 and u8[:80]))


def test_explain():
    same_text("explain --lang zh", ["explain", "--lang", "zh"] + CHINESE)
    same_bytes("explain --json --lang zh",
               ["explain", "--json", "--lang", "zh"] + CHINESE)
    same_text("explain's error on stderr",
              ["explain", "--lang", "zh", "/nonexistent/bounce.eml"], 1)


def test_help():
    same_text("mxtrace --lang zh --help", ["--lang", "zh", "--help"])
    for cmd in ("probe", "verify", "report", "explain", "sender"):
        same_text(cmd + " --help", [cmd, "--lang", "zh", "--help"])


def test_probe_sender():
    same_text("probe --lang zh", ["probe", "--lang", "zh", "a@@b"])
    same_bytes("probe --json --lang zh",
               ["probe", "--json", "--lang", "zh", "a@@b"])
    same_text("sender --lang zh", ["sender", "--lang", "zh"] + NODNS +
              ["example.com"])
    same_bytes("sender --json --lang zh", ["sender", "--json", "--lang",
                                           "zh"] + NODNS + ["example.com"])


def test_verify():
    stdin = "a@@b\n张伟@@例子.中国\n".encode()
    with tempfile.TemporaryDirectory() as d:
        outs = {}
        for loc in (UTF8, GB18030):
            out, csv = os.path.join(d, loc + ".jsonl"), os.path.join(d, loc
                                                                     + ".csv")
            err = run(loc, ["verify", "--lang", "zh", "-o", out, "--csv",
                            csv] + NODNS + ["-"], stdin)[1]
            with open(out, "rb") as f, open(csv, "rb") as g:
                outs[loc] = (untimed(decoded(f.read(), "utf-8")), g.read(),
                             err)
        check("verify's JSON Lines: the same UTF-8 bytes",
              outs[UTF8][0] == outs[GB18030][0] and
              "张伟" in outs[UTF8][0])
        check("verify's CSV: the same UTF-8 bytes",
              outs[UTF8][1] == outs[GB18030][1] and
              "张伟".encode() in outs[UTF8][1])


def test_terminal():
    """On a 50-column terminal the text wraps at 50 in both locales."""
    got = {}
    for loc in (UTF8, GB18030):
        rc, chunks = on_pty([BIN, "probe", "--lang", "zh", "a@@b"],
                            env=env_of(loc), width=50)
        got[loc] = untimed(decoded(b"".join(chunks), "utf-8" if loc == UTF8
                                   else "gb18030"))
    lines = got[UTF8].splitlines()
    check("the UTF-8 text is wrapped for 50 columns", len(lines) > 3 and
          max(len(line) for line in lines) < 50, lines)
    check("the GB18030 text wrapped the same", got[GB18030] == got[UTF8],
          "%r vs %r" % ((got[GB18030] or "")[:200], got[UTF8][:200]))


def test_unmappable():
    """GBK has no emoji: '??' (it takes two columns), the rest converted."""
    with open(CHINESE[0], "rb") as f:
        msg = f.read()
    subj = base64.b64encode("关于报价😀确认".encode()).decode()
    msg = re.sub(rb"^Subject: =\?GB2312[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*",
                 ("Subject: =?UTF-8?B?%s?=\r\n" % subj).encode(), msg,
                 count=1, flags=re.M)
    u8 = run(UTF8, ["explain", "--lang", "zh", "-"], msg)[0].decode()
    gbk = run(GBK, ["explain", "--lang", "zh", "-"], msg)[0]
    check("the subject with its emoji in the UTF-8 text", "关于报价😀确认" in u8)
    text = decoded(gbk, "gbk")
    check("the emoji shown as ??, the rest as it is",
          text == u8.replace("😀", "??"), "%r" % gbk[:300])


def test_c_locale():
    """No locale set: the bytes stay UTF-8, as they always were."""
    args = ["explain", "--lang", "zh", CHINESE[0]]
    check("LC_ALL=C: the UTF-8 bytes", run("C", args)[0] ==
          run(UTF8, args)[0])


def main():
    have = subprocess.run(["locale", "-a"], capture_output=True,
                          text=True).stdout.lower().split()
    for loc in (GB18030, GBK):
        if not check("locale %s installed (scripts/setup)" % loc,
                     loc.lower() in have):
            return finish("test_term_charset")
    for fn in (test_explain, test_help, test_probe_sender, test_verify,
               test_terminal, test_unmappable, test_c_locale):
        guarded(fn)
    return finish("test_term_charset")


if __name__ == "__main__":
    sys.exit(main())
