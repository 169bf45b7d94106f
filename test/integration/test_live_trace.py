#!/usr/bin/env python3
"""test_live_trace.py - `mxtrace probe` on a terminal prints each step as
it happens.

mx.slow.test (127.0.25.6) sleeps 3 s before its banner.  On a
pseudo-terminal mxtrace must print the DNS and Connect lines at once and
then show, redrawn in place, the banner step it waits for with the time
waited so far - all before the verdict exists.  The verdict comes in
colour unless NO_COLOR is set; every warning sits under one "Warnings"
heading.  Once the redrawn status lines are taken out, the terminal shows
the same lines in the same order as a pipe does (numbers aside: timings
and the random catch-all address differ between runs).  With TERM=dumb (a
terminal that knows no escape sequences) no escape byte is written at
all: the waiting line is still redrawn, blanked with spaces, and the
screen ends as the pipe's lines.

No wall clock is asserted: what counts is what had been written before
the banner came (the elapsed times mxtrace itself printed).
"""

import os
import re
import subprocess
import sys

from labcheck import BIN, RESOLVER, check, finish, guarded, on_pty

ARGS = ["probe", "--resolver", RESOLVER, "--allow-private", "--timeout", "8s",
        "alice@slow.test"]
STATUS = re.compile(rb"\r\x1b\[K")
SGR = re.compile(rb"\x1b\[[0-9;]*m")


def run_pty(env):
    """Chunks of mxtrace's output on a pseudo-terminal, as they came."""
    return on_pty([BIN] + ARGS, env=env)


def final_lines(raw):
    """What stays on the screen: status redraws and colours taken out."""
    text = SGR.sub(b"", raw).replace(b"\r\n", b"\n")
    out = []
    for line in text.split(b"\n"):
        # a line that was redrawn keeps what came after the last clear
        parts = STATUS.split(line)
        kept = parts[-1]
        if kept.strip() or len(parts) == 1:
            out.append(kept)
    return out


def masked(lines):
    """Lines with numbers and the random catch-all local part masked."""
    out = []
    for line in lines:
        line = re.sub(rb"mxtrace-[0-9a-f]+", b"mxtrace-R", line)
        line = re.sub(rb"\d+(\.\d+)?", b"N", line)
        out.append(re.sub(rb" +", b" ", line).rstrip())
    return [l for l in out if l]


def test_live():
    env = dict(os.environ, LANG="C", TERM="xterm")
    env.pop("NO_COLOR", None)
    rc, chunks = run_pty(env)
    raw = b"".join(chunks)
    check("terminal: exit 0 (deliverable)", rc == 0, rc)
    # the output written before the banner arrived
    before = b""
    for c in chunks:
        if b"220 " in c:
            before += c[:c.index(b"220 ")]
            break
        before += c
    check("live: DNS and Connect printed before the banner came",
          b"DNS" in before and b"Connect" in before, before[-300:])
    waits = [float(m) for m in re.findall(
        rb"\(banner\)[^\r\n]*?\s(\d+\.\d) s", before)]
    check("live: the banner step shown as waited for, its time counting up",
          len(waits) >= 3 and max(waits) >= 2.0 and waits == sorted(waits),
          waits[:5] + ["..."] + waits[-3:])
    check("live: no verdict before the banner", b"Verdict" not in before)
    check("live: a quick connect gets no port 25 hint", b"port 25 blocked" not in raw)
    check("live: the verdict in colour", re.search(
        rb"\x1b\[1;32mDeliverable", raw) is not None,
        raw[raw.find(b"Verdict") - 10:raw.find(b"Verdict") + 80])

    pipe = subprocess.run([BIN] + ARGS, capture_output=True, timeout=40,
                          env=env)
    check("pipe: exit 0", pipe.returncode == 0, pipe.returncode)
    check("pipe: no escape sequence at all", b"\x1b" not in pipe.stdout)
    got, want = masked(final_lines(raw)), masked(pipe.stdout.split(b"\n"))
    check("terminal: every waiting line was cleared before the next line",
          not any(b"waiting" in l for l in final_lines(raw)),
          [l for l in final_lines(raw) if b"waiting" in l])
    check("terminal and pipe: the same lines in the same order",
          got == want, "\n".join(x.decode("utf-8", "replace") for x in
                                 [b"--- terminal"] + got + [b"--- pipe"] +
                                 want))
    heads = [l for l in pipe.stdout.split(b"\n") if l.startswith(b"Warnings")]
    items = [l for l in pipe.stdout.split(b"\n") if l.startswith(b"  - ")]
    check("one Warnings heading, each warning under it",
          len(heads) == 1 and len(items) >= 1, (heads, items))


def test_no_color():
    env = dict(os.environ, LANG="C", TERM="xterm", NO_COLOR="1")
    rc, chunks = run_pty(env)
    raw = b"".join(chunks)
    check("NO_COLOR: exit 0", rc == 0, rc)
    check("NO_COLOR: no colour, still live",
          SGR.search(raw) is None and STATUS.search(raw) is not None and
          b"Deliverable" in raw, raw[-300:])


def on_screen(raw):
    """What a terminal that knows only CR and LF ends up showing: each
    part after a CR written over the line from its first column."""
    out = []
    for line in raw.replace(b"\r\n", b"\n").split(b"\n"):
        shown = b""
        for part in line.split(b"\r"):
            shown = part + shown[len(part):]
        out.append(shown.rstrip())
    return out


def test_dumb():
    env = dict(os.environ, LANG="C", TERM="dumb")
    env.pop("NO_COLOR", None)
    rc, chunks = run_pty(env)
    raw = b"".join(chunks)
    check("TERM=dumb: exit 0", rc == 0, rc)
    check("TERM=dumb: no escape byte at all (no colour, no erase)",
          b"\x1b" not in raw, raw[:300])
    waits = re.findall(rb"\r *\r  Greeting \(banner\) +\d+\.\d s +waiting",
                       raw)
    check("TERM=dumb: still live, the waiting line blanked with spaces "
          "and redrawn", len(waits) >= 3, raw[:400])
    pipe = subprocess.run([BIN] + ARGS, capture_output=True, timeout=40,
                          env=env)
    got = masked(on_screen(raw))
    want = masked(pipe.stdout.split(b"\n"))
    check("TERM=dumb: the screen ends as the pipe's lines", got == want,
          "\n".join(x.decode("utf-8", "replace") for x in
                    [b"--- terminal"] + got + [b"--- pipe"] + want))


def test_zh():
    env = dict(os.environ, LANG="zh_CN.UTF-8", TERM="xterm")
    rc, chunks = run_pty(env)
    raw = b"".join(chunks).decode("utf-8", "replace")
    check("zh: the live trace in Chinese",
          rc == 0 and "服务器问候" in raw and "等待中" in raw and
          "可投递" in raw and "警告" in raw, raw[-400:])


def test_port25_hint():
    """blackhole.test's two MX hosts drop every SYN, as a network that
    filters port 25 does: once a connect has waited 5 s with no server of
    the probe heard from, the waiting line says port 25 may be blocked
    here (en, zh; at 80 columns, within one line); it is a waiting line,
    cleared like the others, so neither the screen's last lines nor a pipe
    keep it.  mx.slow.test's connect is quick: test_live never shows it.

    The second MX host was checked ahead 1.5 s in (a quarter of --timeout,
    engine/lookahead.c), so once the first connect timed out the probe
    waits about 1.5 s more for that check: the waiting line goes on there,
    its time the check's own (from about 4.5 s), until the second
    attempt is printed."""
    args = ["probe", "--resolver", RESOLVER, "--allow-private", "--timeout", "6s",
            "alice@blackhole.test"]
    for lang, hint in (("C", b"port 25 blocked here? see --proxy"),
                       ("zh_CN.UTF-8", "本网络封锁了 25 端口？".encode())):
        env = dict(os.environ, LANG=lang, TERM="xterm")
        rc, chunks = on_pty([BIN] + args, env=env, width=80)
        raw = b"".join(chunks)
        said = [float(m) for m in re.findall(
            rb"(\d+\.\d) \S+\s+\S*[^\r\n]*?" + re.escape(hint), raw)]
        check("%s: the hint shown while a connect waits, from 5 s on (%s)" %
              (lang, said[:3]), len(said) >= 2 and min(said) >= 5.0, raw[-400:])
        check("%s: the hint's waiting lines cleared" % lang,
              not any(hint in l for l in final_lines(raw)),
              [l for l in final_lines(raw) if hint in l])
        # after the first attempt's last line, before the second's head
        text = SGR.sub(b"", raw)
        before = text[:text.find(b"b.blackhole.test [127.0.27.4]:25")]
        gap = before[before.rfind(b"\r\n"):]
        ahead = [float(m) for m in re.findall(
            rb"\r\x1b\[K\s*\S+\s+(\d+\.\d) ", gap)]
        check("%s: the check ahead waited for is shown, its time counting "
              "up from about 4.5 s (%s)" % (lang, ahead[:2] + ahead[-1:]),
              len(ahead) >= 5 and 4.0 <= min(ahead) <= 5.0 and
              ahead == sorted(ahead), gap[-400:])
    pipe = subprocess.run([BIN] + args, capture_output=True, timeout=40,
                          env=dict(os.environ, LANG="C"))
    check("pipe: no hint", b"blocked here" not in pipe.stdout, pipe.stdout[-300:])


def main():
    guarded(test_live)
    guarded(test_port25_hint)
    guarded(test_no_color)
    guarded(test_dumb)
    guarded(test_zh)
    return finish("test_live_trace")


if __name__ == "__main__":
    sys.exit(main())
