#!/usr/bin/env python3
"""test_terminal_width.py - what mxtrace says in its own words fits an
80-column terminal, in English and Chinese, on the real binary against
the lab:

  - probe, every address of test/lab/cases.tsv: each line within 80
    columns but a server's words ("< " a reply, "> " what was sent) and
    an error marked "! " (it quotes a server, OpenSSL or the resolver and
    is kept whole), or one token wider than a line (a long host name, a
    DANE record's hash) alone; the verdict's reason and stage in words, no
    JSON reason name; an address literal's plan line names the address
    once;
  - verify on a terminal 50, 60, 80 and 200 columns wide: each redraw of the
    progress line within a column less (a line the terminal folds cannot
    be redrawn in place), the Chinese one with Chinese commas and durations
    (1 秒, not 1s); at 80 and 200 the verdicts' counts whole on the line
    while a greylisted address waits (its countdown shortened or left out
    first), at 200 the whole countdown beside them; the summary within
    the terminal's width (at most 80 columns);
  - probe on a terminal 50 and 60 columns wide (a phone's SSH app), in
    English and Chinese: every line within the width, a server's reply
    (a long one, in Chinese, with control characters) wrapped, not cut:
    every word of it there and its control characters escaped; the same
    run into a pipe keeps the 80-column layout, replies whole on a line;
  - verify's summary on a terminal 50 and 60 columns wide: every line
    within the width, every domain and every count there;
  - sender's checklist on a terminal 50 and 60 columns wide: every line
    within the width, the same words as into a pipe;
  - explain of bounces and delivered messages on a terminal 50 and 60
    columns wide: every line within the width but one word wider than a
    line (a long address, a message-id), the same words as into a pipe,
    the server's words escaped;
  - explain of a delivered message (a skewed clock, a long host name, a
    DMARC guess) and of a bounce quoting its server under the label at 40
    and 50 columns: no line wider, a long word cut, none ending in blanks;
  - explain of the Chinese bounces into a pipe: the Meaning line (a
    temporary reason with its label passes 80 columns) wrapped within 80,
    none of its words lost;
  - a message naming the user's file shows its control characters
    escaped;
  - verify's and sender's notes on stderr (the HELO name, the encoding
    the list was read in) wrapped at the terminal's width (at most 80)
    on a terminal of 50, 80 and 200 columns, kept whole on a pipe.

Exit 0 when every check passes.
"""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import (BIN, REPO, RESOLVER, LoopbackServer, check,  # noqa: E402
                      finish, guarded, lab_cases, on_pty)

LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
       "--helo", "probe.mxtrace.test"]
REASONS = re.findall(r'"([a-z0-9_]+)"', open(os.path.join(
    REPO, "probe", "meaning", "verdict.c")).read().split(
    "reason_names[REASON__LAST] = {")[1].split("};")[0])


def cols(line):
    return sum(2 if ord(c) >= 0x1100 else 1 for c in line)


def own_words(line):
    """A line in mxtrace's own words: not a server's, not a quoting error."""
    return not re.search(r"(^|\s)[<>!] ", line)


def test_probe():
    bad, runs = [], 0
    for addr, opts in [(a, o) for a, o in lab_cases() if "--json" not in o]:
        for lang in ("en", "zh"):
            p = subprocess.run([BIN, "probe", "--lang", lang] + LAB + opts +
                               [addr], capture_output=True, timeout=120)
            runs += 1
            out = p.stdout.decode("utf-8", "replace")
            what = "probe --lang %s %s %s" % (lang, " ".join(opts), addr)
            for line in out.splitlines():
                if own_words(line) and cols(line) > 80 and \
                        " " in line.strip():
                    bad.append("%s: %d columns: %s" % (what, cols(line), line))
                # a step without a value ("Connect  0 ms") ends at its unit
                if line.endswith(" "):
                    bad.append("%s: ends in a blank: %r" % (what, line))
            lines = out.splitlines()
            verdict = [i for i, ln in enumerate(lines)
                       if ln.startswith(("Verdict:", "结论："))]
            if not verdict or verdict[-1] + 1 >= len(lines):
                bad.append("%s: no verdict" % what)
                continue
            facts = lines[verdict[-1] + 1]
            if not facts.lstrip().startswith(("Reason:", "原因：")):
                bad.append("%s: reason line: %s" % (what, facts))
            names = [r for r in REASONS
                     if re.search(r"\b%s\b" % r, facts) and "_" in r]
            if names:
                bad.append("%s: JSON reason name %s: %s" % (what, names, facts))
            if addr.startswith("alice@[") and lang == "en":
                plan = [ln for ln in lines if ln.lstrip().startswith("DNS")]
                if not plan or plan[0].count(addr[6:]) != 1 or \
                        "implicit" in plan[0]:
                    bad.append("%s: literal's plan: %s" % (what, plan))
                # the attempt's head names the address once: [IP]:25
                ip = addr[7:-1].replace("IPv6:", "", 1)
                heads = [ln for ln in lines if ln.startswith("Attempt")]
                if not heads or any(ln.count("[%s]" % ip) != 1
                                    for ln in heads):
                    bad.append("%s: literal's attempt: %s" % (what, heads))
    check("probe: %d runs, own words within 80 columns, reason in words"
          % runs, not bad, "\n    " + "\n    ".join(bad[:12]))


# A refusal as a big provider words it, long, with a Chinese line, a URL
# and control characters a hostile server could send to drive a terminal.
NARROW_REPLY = [
    b"550-5.1.1 The email account that you tried to reach does not exist. "
    b"Please try double-checking the recipient's email address for typos "
    b"or unnecessary spaces.\x1b[2J\x07 Learn more at "
    b"https://support.example.test/NoSuchUser",
    "550 5.1.1 对不起，您要找的邮箱不存在，请检查收件人地址是否拼写正确，"
    "或者联系对方确认。".encode("utf-8")]


class WordyServer(LoopbackServer):
    """Says NARROW_REPLY to every RCPT; 250 to the rest."""

    def serve(self, c):
        c.settimeout(20)
        f = c.makefile("rb")
        c.sendall(b"220 mx.wordy.test ESMTP\r\n")
        for line in f:
            cmd = line.strip().upper()
            if cmd.startswith(b"RCPT"):
                c.sendall(b"\r\n".join(NARROW_REPLY) + b"\r\n")
            elif cmd.startswith(b"QUIT"):
                c.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                c.sendall(b"250 mx.wordy.test\r\n")


def screen(chunks):
    """What a terminal shows of a probe's output: each line as the last
    redraw of the waiting line left it."""
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return [ln.split("\r\x1b[K")[-1] for ln in text.split("\n")]


def squeezed(text):
    """text without its white space: what wrapping leaves of it."""
    return "".join(text.split())


def test_probe_narrow():
    """probe on a phone's terminal: each line within its width, a server's
    reply wrapped whole and escaped; into a pipe the 80-column layout."""
    srv = WordyServer()
    env = dict(os.environ, NO_COLOR="1")
    said = [squeezed(ln[10:].decode("utf-8").replace("\x1b", "\\x1B")
                     .replace("\x07", "\\x07")) for ln in NARROW_REPLY]
    try:
        argv = LAB + ["--port", str(srv.port), "nobody@ok.test"]
        for lang in ("en", "zh"):
            for width in (50, 60):
                what = "probe --lang %s at %d columns" % (lang, width)
                rc, chunks = on_pty([BIN, "probe", "--lang", lang] + argv,
                                    env=env, timeout=60, width=width)
                lines = screen(chunks)
                wide = [ln for ln in lines if cols(ln) > width]
                check("%s: exit 1, every line within %d columns" % (
                      what, width), rc == 1 and not wide and
                      len(lines) > 10, (rc, wide[:4] or lines[-6:]))
                whole = squeezed("\n".join(lines))
                lost = [w for w in said if w not in whole]
                check("%s: the reply wrapped, every word there" % what,
                      not lost, (lost, lines))
                check("%s: its control characters escaped" % what,
                      "\x1b[2J" not in "".join(lines) and
                      "\x07" not in "".join(lines) and
                      "\\x1B[2J\\x07" in whole, lines)
                check("%s: the reply's first line on several" % what,
                      not any("email account" in ln and "Learn more" in ln
                              for ln in lines), lines)
            pipes, raw = [], ""
            for columns in (None, "50"):
                penv = dict(env)
                penv.pop("COLUMNS", None)
                if columns:
                    penv["COLUMNS"] = columns
                p = subprocess.run([BIN, "probe", "--lang", lang] + argv,
                                   capture_output=True, timeout=60, env=penv)
                raw = raw or p.stdout.decode("utf-8")
                pipes.append(re.sub(r" +\d+ (ms|毫秒)|[:：]\d+ (ms|毫秒)|"
                                    r"mxtrace-[0-9a-f]+",
                                    "N", p.stdout.decode("utf-8")))
            lines = raw.splitlines()
            first = NARROW_REPLY[0][10:].decode().replace("\x1b", "\\x1B") \
                .replace("\x07", "\\x07")
            rcpt = [ln for ln in lines if ln.lstrip().startswith(
                ("Recipient (RCPT TO)", "收件人（RCPT TO）"))]
            check("probe --lang %s into a pipe: the 80-column layout, each "
                  "reply line whole, whatever COLUMNS" % lang,
                  pipes[0] == pipes[1] and
                  any(ln.endswith(first) and ln.startswith(" " * 35 + "< ")
                      for ln in lines) and rcpt and
                  all(cols(ln.split("> ")[0]) == 35 for ln in rcpt), lines)
    finally:
        srv.close()
    # the lab's servers: a blocklist's long refusal, Exim's dated banner,
    # TLS and a DANE failure, greylisting, out-of-step replies
    bad = []
    for addr in ("alice@blocked.test", "nobody@exim.test",
                 "alice@bogus.sec.test", "grey@greylist.test",
                 "user@shift.test", "user@tlsearly.test"):
        for lang in ("en", "zh"):
            rc, chunks = on_pty([BIN, "probe", "--lang", lang] + LAB +
                                [addr], env=env, timeout=60, width=50)
            lines = screen(chunks)
            bad += ["%s %s: %s" % (lang, addr, ln) for ln in lines
                    if cols(ln) > 50 and " " in ln.strip()[2:]]
            if not any(ln.startswith(("Verdict:", "结论：")) for ln in lines):
                bad.append("%s %s: no verdict" % (lang, addr))
    check("probe of the lab's servers at 50 columns: every line within "
          "50 but one word wider than a line", not bad, bad[:6])


def untimed(text):
    """squeezed(text) without the time taken (N ms)."""
    return squeezed(re.sub(r"\d+\s*(ms|毫秒)", "N", text))


def test_sender_narrow():
    """sender's checklist on a phone's terminal: each line within its
    width but a word wider than a line, nothing lost against the pipe's."""
    env = dict(os.environ, NO_COLOR="1")
    argv = LAB[:-2] + ["--helo", "mail.listed.sender.test",
                       "listed.sender.test"]
    for lang in ("en", "zh"):
        p = subprocess.run([BIN, "sender", "--lang", lang] + argv,
                           capture_output=True, timeout=60, env=env)
        piped = p.stdout.decode("utf-8")
        for width in (50, 60):
            what = "sender --lang %s at %d columns" % (lang, width)
            rc, chunks = on_pty([BIN, "sender", "--lang", lang] + argv,
                                env=env, timeout=60, width=width)
            lines = screen(chunks)
            wide = [ln for ln in lines if cols(ln) > width and
                    " " in ln.strip()]
            check("%s: exit %d, every line within %d columns" % (
                  what, p.returncode, width), rc == p.returncode and
                  len(lines) > 20 and not wide, wide[:4] or lines[-4:])
            check("%s: the same words as into a pipe" % what,
                  untimed("\n".join(lines)) == untimed(piped), lines[:8])


# Bounces with a long quote, a long address, a Chinese quote, a display
# name beside an address and a quote whose first word is long; delivered
# messages.
NARROW_BOUNCES = ("chinese/01-qq-mailbox-not-found.eml",
                  "chinese/14-163-dt-rbl.eml",
                  "sisimai/rhost-outlook-06.eml", "sisimai/rhost-kddi-02.eml",
                  "sisimai/lhost-imailserver-06.eml",
                  "sisimai/lhost-sendmail-27.eml",
                  # delivered messages: the spam verdict, the sending IP,
                  # the receiver's authentication, the sender command
                  "delivered/34-ipv6-rspamd-greylist-delay.eml",
                  "delivered/36-postfix-generic-ptr.eml",
                  "delivered/18-netease-163-coremail.eml",
                  "sisimai/lhost-amazonses-10.eml")


def test_explain_narrow():
    """explain on a phone's terminal: each line within its width but a
    word wider than a line, nothing lost against the pipe's text."""
    env = dict(os.environ, NO_COLOR="1")
    for name in NARROW_BOUNCES:
        path = os.path.join(REPO, "test", "explain", name)
        for lang in ("en", "zh"):
            p = subprocess.run([BIN, "explain", "--lang", lang, path],
                               capture_output=True, timeout=60, env=env)
            piped = p.stdout.decode("utf-8")
            for width in (50, 60):
                what = "explain --lang %s %s at %d columns" % (
                    lang, os.path.basename(name), width)
                rc, chunks = on_pty([BIN, "explain", "--lang", lang, path],
                                    env=env, timeout=60, width=width)
                lines = screen(chunks)
                wide = [ln for ln in lines if cols(ln) > width and
                        " " in ln.strip()]
                check("%s: exit %d, every line within %d columns" % (
                      what, p.returncode, width), rc == p.returncode and
                      not wide and "\x1b" not in "".join(lines),
                      wide[:4] or lines[-4:])
                check("%s: the same words as into a pipe" % what,
                      squeezed("\n".join(lines)) == squeezed(piped),
                      lines[:12])
    # a backslash of the message's, in a header's list of the delivered
    # message, is doubled once (a\\b), not escaped twice (a\\\\b)
    with open(os.path.join(REPO, "test", "explain", "delivered",
                           "22-postfix-spamassassin-spam.eml"), "rb") as f:
        msg = f.read().replace(b"Authentication-Results: mx.example.org;",
                               b"Authentication-Results: a\\b;")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.eml")
        with open(path, "wb") as f:
            f.write(msg)
        p = subprocess.run([BIN, "explain", "--lang", "en", path],
                           capture_output=True, timeout=60)
        rc, chunks = on_pty([BIN, "explain", "--lang", "en", path],
                            env=env, timeout=60, width=50)
        for where, out in (("a pipe", p.stdout.decode("utf-8")),
                           ("50 columns", "\n".join(screen(chunks)))):
            shown = [ln for ln in out.splitlines() if "a\\" in ln]
            check("explain of a delivered message (%s): a backslash of "
                  "its headers escaped once" % where, shown and
                  all("a\\\\b" in ln and "a\\\\\\" not in ln
                      for ln in shown), shown)


def test_explain_meaning():
    """explain's Meaning line is mxtrace's own words: within 80 columns
    into a pipe, its further line under the value column."""
    for name, words in (("11-163-hl-rep.eml", "ratelimit"),
                        ("14-163-dt-rbl.eml", "blocklist"),
                        ("13-126-hl-ifc.eml", "ratelimit")):
        path = os.path.join(REPO, "test", "explain", "chinese", name)
        for lang, label in (("en", "Meaning"), ("zh", "含义")):
            words = words if lang == "en" else ""
            p = subprocess.run([BIN, "explain", "--lang", lang, path],
                               capture_output=True, timeout=60)
            lines = p.stdout.decode("utf-8").splitlines()
            at = [i for i, ln in enumerate(lines)
                  if ln.strip().startswith(label)]
            block = lines[at[0]:at[0] + 3] if at else []
            meaning = [block[0]] + [ln for ln in block[1:] if
                                    ln.startswith(" " * 19)] if at else []
            check("explain --lang %s %s: the Meaning line within 80 "
                  "columns" % (lang, name), p.returncode == 0 and meaning and
                  all(cols(ln) <= 80 for ln in meaning) and
                  squeezed(" ".join(meaning)).endswith(words),
                  meaning or lines)


# a delay notice dated, with when it was last tried and until when it
# retries (each a date line of its own)
DATED_DSN = (
    b"Date: Mon, 30 Nov 2026 09:01:00 +0800\nFrom: MAILER-DAEMON@mx.example"
    b".org\nSubject: Delayed Mail\nMIME-Version: 1.0\nContent-Type: "
    b"multipart/report; report-type=delivery-status; boundary=B\n\n--B\n"
    b"Content-Type: message/delivery-status\n\nReporting-MTA: dns; "
    b"mx.example.org\n\nFinal-Recipient: rfc822; a@customer.example\n"
    b"Action: delayed\nStatus: 4.4.1\nLast-Attempt-Date: Tue, 1 Dec 2026 "
    b"10:20:30 +0000\nWill-Retry-Until: Sat, 5 Dec 2026 10:20:30 +0000\n"
    b"--B--\n")


def test_explain_narrowest():
    """explain of a delivered message with a skewed clock, a long host
    name, a long SPF domain and a DMARC guess, of a bounce whose server's
    words go under their label, one whose address passes the edge where
    it moves to its own line and one with a long word holding a blank
    (";a= ;p="), a delay notice with its dates (last attempt, retries
    until), at 40 and 50 columns: no line
    wider than the terminal (a host name cut after a dot), none ending in
    blanks, the same words as into a pipe."""
    env = dict(os.environ, NO_COLOR="1")
    with open(os.path.join(REPO, "test", "explain", "delivered",
                           "27-clock-skew.eml"), "rb") as f:
        msg = f.read().replace(
            b"relay.example.com",
            b"relay-eu-west-1a.outbound-gateway.prod.example.com")
    msg = (b"Authentication-Results: mx.example.org;\n"
           b"\tspf=pass smtp.mailfrom=sales@bounces.eu-west-1."
           b"mailer-gateway.example.com;\n"
           b"\tdkim=pass header.d=example.com header.s=s2026;\n"
           b"\tdmarc=bestguesspass (p=QUARANTINE) header.from=example.com\n"
           + msg)
    with tempfile.TemporaryDirectory() as d:
        skewed = os.path.join(d, "skewed.eml")
        with open(skewed, "wb") as f:
            f.write(msg)
        dated = os.path.join(d, "dated.eml")
        with open(dated, "wb") as f:
            f.write(DATED_DSN)
        for path in (skewed, dated, os.path.join(
                REPO, "test", "explain", "chinese",
                "54-163-notice-timeout-html.eml"), os.path.join(
                REPO, "test", "explain", "chinese",
                "57-alimail-notice-unknown.eml"), os.path.join(
                REPO, "test", "explain", "lhost",
                "exchange2003-unknown.eml")):
            for lang in ("en", "zh"):
                p = subprocess.run([BIN, "explain", "--lang", lang, path],
                                   capture_output=True, timeout=60, env=env)
                for width in (40, 50):
                    what = "explain --lang %s %s at %d columns" % (
                        lang, os.path.basename(path), width)
                    rc, chunks = on_pty([BIN, "explain", "--lang", lang,
                                         path], env=env, timeout=60,
                                        width=width)
                    lines = screen(chunks)
                    wide = [ln for ln in lines if cols(ln) > width]
                    check("%s: every line within %d columns, a long word "
                          "too" % (what, width), rc == p.returncode and
                          not wide, wide[:4])
                    blank = [ln for ln in lines if ln != ln.rstrip()]
                    check("%s: no line ends in blanks" % what, not blank,
                          blank[:4])
                    check("%s: the same words as into a pipe" % what,
                          squeezed("\n".join(lines)) ==
                          squeezed(p.stdout.decode("utf-8")), lines[:12])


# grey-NONCE@retry.test is greylisted once per NONCE: each run its own
LIST = ("公司,联系人,邮箱\n华强,张伟,alice@ok.test\n明远,李娜,nobody@ok.test\n"
        "恒通,王芳,wang@nxdomain.test\n坏,赵六,not-an-address\n"
        "灰,钱七,grey-%d@retry.test\n满,孙八,carol@full.test\n"
        "黑,周九,alice@blocked.test\n全收,吴十,x@catchall.test\n"
        "慢,郑一,alice@slow.test\n")


SUMMARY_DOMAINS = ("ok.test", "nxdomain.test", "retry.test", "full.test",
                   "blocked.test", "catchall.test", "slow.test")


def test_verify():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "list.csv")
        for n, (lang, width) in enumerate((("en", 50), ("zh", 50), ("en", 60),
                                           ("zh", 60), ("en", 80), ("zh", 80),
                                           ("en", 200), ("zh", 200))):
            with open(src, "w", encoding="utf-8") as f:
                f.write(LIST % (os.getpid() * 10 + n))
            out = os.path.join(d, "out-%s-%d.jsonl" % (lang, width))
            rc, chunks = on_pty(
                [BIN, "verify", "--lang", lang] + LAB +
                ["--retry-after", "1s" if width < 80 else "3s", "--max-wait",
                 "10s", "-o", out, src],
                stderr="pty", timeout=60, width=width)
            text = b"".join(chunks).decode("utf-8", "replace")
            what = "verify (%s, %d columns)" % (lang, width)
            check("%s on a terminal: exit 0" % what, rc == 0,
                  "%s %s" % (rc, text[-300:]))
            text = text.replace("\r\n", "\n")
            redraws = [seg.split("\n")[0] for seg in text.split("\r\x1b[K")[1:]]
            redraws = [r for r in redraws if r]
            check("%s: the progress line is drawn" % what, redraws,
                  text[:300])
            wide = [r for r in redraws if cols(r) > width - 1]
            check("%s: every redraw within %d columns" % (what, width - 1),
                  not wide, wide[:3])
            if lang == "zh":
                english = [r for r in redraws if ", " in r or
                           re.search(r"\d+[smh]\b", r)]
                check("%s: Chinese commas and durations in the progress "
                      "line" % what, not english, english[:3])
            if width >= 80:
                # the verdicts' counts, once there are some, stay whole on
                # the line while the greylisted address waits its 3 s: the
                # countdown gives way first (at 200 columns it is whole)
                counted = [i for i, r in enumerate(redraws) if " | " in r]
                cut = [r for r in redraws[counted[0]:] if " | " not in r or
                       not r[-1].isdigit()] if counted else ["none"]
                check("%s: the counts stay whole on the line (%d redraws)"
                      % (what, len(redraws)), not cut, cut[:3])
                full = [r for r in redraws if "greylisted address," in r or
                        "个地址被灰名单暂缓" in r]
                if width == 200:
                    check("%s: the countdown whole beside them" % what,
                          full and " | " in full[-1], redraws[-3:])
            summary = text.split("\r\x1b[K")[-1].splitlines()
            room = min(width, 80)
            long_lines = [ln for ln in summary if cols(ln) > room]
            check("%s: the summary within %d columns" % (what, room),
                  not long_lines, long_lines[:3])
            said = " ".join(summary)
            lost = [dom for dom in SUMMARY_DOMAINS if dom not in said]
            check("%s: every domain in the summary" % what, not lost,
                  (lost, summary))
            if width < 80:
                # the counts each stand beside their word or their column
                counted = [ln for ln in summary if re.match(
                    r"    \d+ (address|个地址)", ln)]
                check("%s: each domain's count said (%d)" % (
                      what, len(counted)), len(counted) ==
                      len(SUMMARY_DOMAINS), summary)


def test_messages_escaped():
    """A message naming a file or a column of the user's list shows its
    control characters escaped: a hostile file name cannot drive the
    terminal."""
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "list\x1b[2J\x1b]0;x\x07.csv")
        p = subprocess.run([BIN, "verify", bad], capture_output=True,
                           timeout=60)
        check("verify: a missing file's name escaped (exit 66)",
              p.returncode == 66 and b"\x1b" not in p.stderr and
              b"\\x1B[2J" in p.stderr, p.stderr[-300:])
        with open(bad, "w") as f:
            f.write("name,e\x1b[31mmail\nx,a@ok.test\n")
        p = subprocess.run([BIN, "verify", "--column", "Email", "-o",
                            os.path.join(d, "o.jsonl"), bad],
                           capture_output=True, timeout=60)
        check("verify: --column missing: the file name escaped (exit 65)",
              p.returncode == 65 and b"\x1b" not in p.stderr,
              p.stderr[-300:])
        p = subprocess.run([BIN, "fro\x1b[2Jb"], capture_output=True,
                           timeout=60)
        check("an unknown command's name escaped (exit 64)",
              p.returncode == 64 and b"\x1b" not in p.stderr and
              b"\\x1B[2J" in p.stderr, p.stderr[-300:])
        for argv in (["probe", "--helo", "a\x1b[2Jb", "x@ok.test"],
                     ["--lang", "z\x1b[2J", "probe", "x@ok.test"],
                     ["probe", "--fro\x1b[2Jb", "x@ok.test"]):
            p = subprocess.run([BIN] + argv, capture_output=True, timeout=60)
            check("a usage error naming %r escaped (exit 64)" % argv[1],
                  p.returncode == 64 and b"\x1b" not in p.stderr and
                  b"\\x1B[2J" in p.stderr, p.stderr[-300:])
        p = subprocess.run([BIN, "report", "-o", os.path.join(d, "r.html"),
                            bad], capture_output=True, timeout=60)
        check("report: a bad input's file name escaped",
              p.returncode != 0 and b"\x1b" not in p.stderr, p.stderr[-300:])


GB_LIST = ("公司,联系人,邮箱,地址\n华强电子有限公司,张伟,alice@ok.test,深圳市南山区\n"
           "明远贸易有限公司,李娜,nobody@ok.test,广州市天河区\n")


def notes(text, marks):
    """The lines of each note naming one of marks, with its further lines
    (indented), before the first redraw of the progress line."""
    lines = text.replace("\r\n", "\n").split("\r\x1b[K")[0].splitlines()
    groups = []
    for ln in lines:
        if groups and ln.startswith("  ") and groups[-1][0].startswith(
                "mxtrace"):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return [ln for g in groups if any(m in " ".join(g) for m in marks)
            for ln in g]


def test_notes_wrapped():
    """verify's and sender's notes on stderr (the HELO name that is not
    ours, the list read as GB18030) wrapped at the terminal's width, at
    most 80 columns, a further line indented; kept whole on a pipe."""
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "list.csv")
        with open(src, "wb") as f:
            f.write(GB_LIST.encode("gb18030"))
        out = os.path.join(d, "out.jsonl")
        vargs = LAB[:-2] + ["--helo", "localhost", "--force", "-o", out, src]
        for lang in ("en", "zh"):
            for width in (50, 80, 200):
                rc, chunks = on_pty([BIN, "verify", "--lang", lang] + vargs,
                                    stderr="pty", timeout=60, width=width)
                lines = notes(b"".join(chunks).decode("utf-8", "replace"),
                              ("localhost", "GB18030"))
                room = min(width, 80)
                said = [ln for ln in lines if ln.startswith("mxtrace")]
                check("verify (%s) at %d columns: the notes said (exit %d)"
                      % (lang, width, rc), rc == 0 and len(said) == 2 and
                      len(lines) > len(said), lines)
                wide = [ln for ln in lines if cols(ln) > room]
                check("verify (%s) at %d columns: each note's line within %d"
                      % (lang, width, room), not wide, wide)
            rc, chunks = on_pty([BIN, "sender", "--lang", lang] + LAB[:-2] +
                                ["--helo", "localhost", "good.sender.test"],
                                stderr="pty", timeout=60, width=50)
            lines = b"".join(chunks).decode("utf-8", "replace").replace(
                "\r\n", "\n").splitlines()
            helo = [i for i, ln in enumerate(lines) if "localhost" in ln]
            note = lines[helo[0]:helo[0] + 1] if helo else []
            for ln in lines[helo[0] + 1:] if helo else []:
                if not ln.startswith("  "):
                    break
                note.append(ln)
            check("sender (%s) at 50 columns: the HELO note wrapped at 50"
                  % lang, len(note) >= 2 and all(cols(ln) <= 50
                                                 for ln in note), lines[:6])
            p = subprocess.run([BIN, "verify", "--lang", lang] + vargs,
                               capture_output=True, timeout=60)
            err = p.stderr.decode("utf-8", "replace").splitlines()
            whole = [ln for ln in err if "localhost" in ln and
                     ln.rstrip().endswith(("this IP", "拉黑"))]
            check("verify (%s) on a pipe: the HELO note one line" % lang,
                  p.returncode == 0 and whole and cols(whole[0]) > 80, err)


guarded(test_messages_escaped)
guarded(test_probe)
guarded(test_probe_narrow)
guarded(test_sender_narrow)
guarded(test_explain_narrow)
guarded(test_explain_narrowest)
guarded(test_explain_meaning)
guarded(test_verify)
guarded(test_notes_wrapped)
sys.exit(finish("test_terminal_width"))
