#!/usr/bin/env python3
"""test_unprivileged.py - what happens to an ordinary user's files: the
real binary run as an unprivileged user (nobody, via setpriv; the test
runs as root, as the lab does), against the running lab (test/lab/up)
where a command needs a server.

Covers, for every command (probe, probe --html, verify, report, explain,
sender --message and --html): an input it may not read (mode 000), a
maildir folder it may not list, a maildir message it may not read among
readable ones (66, the others still explained), a --resume whose
FILE.meta it may not read; an output in a folder it may not write, an
existing output made read-only (refused with 73 and left as it was, not
replaced by the file renamed over it: report -o, probe/sender --html,
verify -o and --csv), a writable output in a read-only folder (the file
written beside it first named), a --resume onto a read-only output or in
a read-only folder.  A full disk (a tmpfs of 64 KiB in a mount namespace
of the test's own): verify stops with exit 74 and one message naming the
output and the cause, the records written are whole lines, a --resume
while still full is refused (73, as an -o on a disk already full) with
the records left as they were, and the --resume after space is freed
finishes with every row once, as a run with space; report -o, probe
--html and sender --html onto a full disk exit 74 with the cause and
leave no page and no .tmp file.  /tmp full (a tmpfs over it): explain of
standard input, which keeps a copy there, exits 66 naming the cause;
verify, which keeps its list's rows there (and a copy of standard
input), exits 74 naming the folder and the cause, before any output is
made.  TMPDIR (with /tmp full): a full folder there is named instead of
/tmp (verify 74, explain - 66); a roomy one lets verify, verify - and
explain - finish, and keeps no file.  A file system mounted read-only: report -o, probe/sender --html,
verify -o and --resume refused (73, "Read-only file system"); report of
records whose FILE.meta it may not read writes the page and says why the
meta is ignored.  Each case: the documented exit status
(probe/base/exitcode.h), one message naming the file and the cause, in
English and in Chinese (--lang zh and LANG=zh_CN.UTF-8; the line starts
"mxtrace COMMAND：", no English left in it), no crash or traceback.
"""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile

from labcheck import REPO, BIN, RESOLVER, check, finish, guarded, whole_lines

UID = 65534
# not under /tmp: test_full_tmp mounts a full tmpfs there
TMP = tempfile.mkdtemp(prefix="mxtrace-nonroot-", dir="/var/tmp")
LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
       "--helo", "probe.lab.test"]
VERIFY = ["verify", "-q"] + LAB
SAMPLE = os.path.join(REPO, "test", "explain", "sisimai", "arf-01.eml")
RECORDS = os.path.join(REPO, "test", "fixtures", "report_basic.jsonl")
CRASH = (b"Traceback", b"AddressSanitizer", b"LeakSanitizer",
         b"runtime error:", b"Segmentation", b"Aborted")


def setup():
    """The binary, its data files and the trust anchor copied where the
    unprivileged user reaches them; TMP/w: the user's own folder."""
    os.chmod(TMP, 0o755)
    os.makedirs(os.path.join(TMP, "bin"))
    shutil.copy(os.path.abspath(BIN), os.path.join(TMP, "bin", "mxtrace"))
    shutil.copytree(os.path.join(REPO, "data"), os.path.join(TMP, "data"))
    anchor = os.environ.get("MXTRACE_TRUST_ANCHOR")
    if anchor and os.path.exists(anchor):
        shutil.copy(anchor, os.path.join(TMP, "anchors.key"))
        os.environ["MXTRACE_TRUST_ANCHOR"] = os.path.join(TMP, "anchors.key")
    for root, dirs, files in os.walk(TMP):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o755)
    w = os.path.join(TMP, "w")
    os.mkdir(w, 0o755)
    own(w)
    return w


MX = os.path.join(TMP, "bin", "mxtrace")


def own(p):
    os.chown(p, UID, UID)


def as_user(args, lang=None, env_lang=None, stdin=None, timeout=180,
            tmpdir=None):
    """mxtrace ARGS as the unprivileged user, in W, standard input from
    the file W/STDIN (else none), TMPDIR set to tmpdir when given (else
    not set): the process."""
    env = dict(os.environ, HOME=W, LC_ALL="", LANGUAGE="")
    env.pop("TMPDIR", None)
    if tmpdir is not None:
        env["TMPDIR"] = tmpdir
    env["LANG"] = env_lang or "C.UTF-8"
    pre = ["setpriv", "--reuid=%d" % UID, "--regid=%d" % UID,
           "--clear-groups"]
    argv = pre + [MX] + args[:1] + (["--lang", lang] if lang else []) + \
        args[1:]
    with open(path(stdin) if stdin else os.devnull, "rb") as f:
        return subprocess.run(argv, cwd=W, env=env, capture_output=True,
                              stdin=f, timeout=timeout)


def path(name):
    return os.path.join(W, name)


def write(name, data, mode=0o644):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    own(p)
    os.chmod(p, mode)
    return name


def folder(name, mode=0o755):
    p = path(name)
    os.makedirs(p, exist_ok=True)
    own(p)
    os.chmod(p, mode)
    return name


def said(what, p, status, words, head=None):
    """Exit status and one message on stderr naming every word (the file,
    the cause), starting with head when given; no crash."""
    err = p.stderr.decode("utf-8", "replace")
    lines = [l for l in err.splitlines() if l.strip()]
    hits = [l for l in lines if all(w in l for w in words) and
            (head is None or l.startswith(head))]
    check("%s: exit %d" % (what, status), p.returncode == status,
          "exit %d: %s" % (p.returncode, err[-400:]))
    check("%s: one message with %s" % (what, words), len(hits) == 1,
          err[-400:])
    check("%s: no crash" % what, not any(c in p.stderr for c in CRASH)
          and p.returncode >= 0, err[-400:])


def both(what, args, status, words, zh_words, env_lang=False, stdin=None,
         tmpdir=None):
    """The case in English, then in Chinese (--lang zh, and by LANG when
    env_lang), each with its own words."""
    said(what, as_user(args, stdin=stdin, tmpdir=tmpdir), status, words,
         "mxtrace %s: " % args[0])
    # the Chinese line says it all in Chinese, from its first colon
    zh = "mxtrace %s\uff1a" % args[0]
    said(what + " (--lang zh)", as_user(args, lang="zh", stdin=stdin,
                                        tmpdir=tmpdir),
         status, zh_words, zh)
    if env_lang:
        said(what + " (LANG=zh_CN.UTF-8)",
             as_user(args, env_lang="zh_CN.UTF-8", stdin=stdin,
                     tmpdir=tmpdir), status, zh_words, zh)


EACCES_ZH = "没有权限"
ENOSPC_EN, ENOSPC_ZH = "No space left on device", "磁盘空间不足"


def unchanged(what, name, before):
    with open(path(name), "rb") as f:
        check("%s: %s left as it was" % (what, name), f.read() == before)


def no_tmp(what, d="."):
    left = [n for n in os.listdir(path(d)) if n.endswith(".tmp")]
    check("%s: no .tmp file left" % what, not left, left)


# --- inputs it may not read ----------------------------------------------

def test_unreadable_inputs():
    with open(SAMPLE, "rb") as f:
        msg = f.read()
    write("hidden.eml", msg, 0)
    both("explain of a file mode 000", ["explain", "hidden.eml"], 66,
         ["hidden.eml", "Permission denied"], ["hidden.eml", EACCES_ZH],
         env_lang=True)
    folder("md")
    for sub in ("cur", "new", "tmp"):
        folder("md/" + sub)
    write("md/cur/1", msg)
    os.chmod(path("md/cur"), 0)
    both("explain of a maildir whose cur/ cannot be listed",
         ["explain", "md"], 66, ["md/cur", "Permission denied"],
         ["md/cur", EACCES_ZH])
    os.chmod(path("md/cur"), 0o755)
    write("md/cur/2", msg, 0)
    p = as_user(["explain", "md"])
    said("explain of a maildir with one message mode 000", p, 66,
         ["md/cur/2", "Permission denied"])
    check("explain of a maildir with one message mode 000: the readable "
          "one is explained", b"md/cur/1" in p.stdout and
          b"spam" in p.stdout.lower(), p.stdout[-300:])
    p = as_user(["explain", "md"], lang="zh")
    said("explain of a maildir with one message mode 000 (--lang zh)", p,
         66, ["md/cur/2", EACCES_ZH], "mxtrace explain\uff1a")
    with open(RECORDS, "rb") as f:
        write("hidden.jsonl", f.read(), 0)
    both("report of a file mode 000", ["report", "-o", "r.html",
                                       "hidden.jsonl"], 66,
         ["hidden.jsonl", "Permission denied"], ["hidden.jsonl", EACCES_ZH])
    check("report of a file mode 000: no page written",
          not os.path.exists(path("r.html")))
    both("sender --message of a file mode 000",
         ["sender", "--resolver", RESOLVER, "--message", "hidden.eml",
          "ok.test"], 66, ["hidden.eml", "Permission denied"],
         ["hidden.eml", EACCES_ZH])
    write("hidden.txt", "alice@ok.test\n", 0)
    both("verify of a list mode 000", VERIFY + ["-o", "h.jsonl",
                                                "hidden.txt"], 66,
         ["hidden.txt", "Permission denied"], ["hidden.txt", EACCES_ZH],
         env_lang=True)


# --- outputs it may not write --------------------------------------------

def test_readonly_outputs():
    folder("ro")
    os.chmod(path("ro"), 0o555)
    with open(RECORDS, "rb") as f:
        write("in.jsonl", f.read())
    both("report -o into a read-only folder",
         ["report", "-o", "ro/r.html", "in.jsonl"], 73,
         ["ro/r.html", "Permission denied"], ["ro/r.html", EACCES_ZH])
    keep = b"a page the user made read-only\n"
    for args, what in (
            (["report", "-o", "kept", "in.jsonl"], "report -o"),
            (["probe"] + LAB + ["--html", "kept", "alice@ok.test"],
             "probe --html"),
            (["sender", "--resolver", RESOLVER, "--html", "kept",
              "ok.test"], "sender --html"),
            (VERIFY + ["-o", "v.jsonl", "--force", "--csv", "kept",
                       write("l.txt", "alice@ok.test\n")], "verify --csv")):
        write("kept", keep, 0o444)
        both("%s onto an existing read-only file" % what, args, 73,
             ["kept", "Permission denied"], ["kept", EACCES_ZH])
        unchanged("%s onto an existing read-only file" % what, "kept", keep)
        check("%s onto an existing read-only file: still read-only" % what,
              os.stat(path("kept")).st_mode & 0o777 == 0o444)
        no_tmp("%s onto an existing read-only file" % what)
    for args, what in (
            (["probe"] + LAB + ["--html", "ro/p.html", "alice@ok.test"],
             "probe --html"),
            (["sender", "--resolver", RESOLVER, "--html", "ro/p.html",
              "ok.test"], "sender --html"),
            (VERIFY + ["-o", "ro/p.html", "l.txt"], "verify -o"),
            (VERIFY + ["-o", "v2.jsonl", "--csv", "ro/p.html", "l.txt"],
             "verify --csv")):
        both("%s into a read-only folder" % what, args, 73,
             ["ro/p.html", "Permission denied"], ["ro/p.html", EACCES_ZH])
    # a file of the user's, writable, in a folder that takes no new file:
    # the page is written beside it first, and that file is named
    folder("ro2")
    write("ro2/mine.html", keep, 0o666)
    os.chmod(path("ro2"), 0o555)
    for args, what in (
            (["report", "-o", "ro2/mine.html", "in.jsonl"], "report -o"),
            (VERIFY + ["-o", "v4.jsonl", "--csv", "ro2/mine.html", "l.txt"],
             "verify --csv")):
        both("%s onto a writable file in a read-only folder" % what, args,
             73, ["ro2/mine.html.tmp", "Permission denied"],
             ["ro2/mine.html.tmp", EACCES_ZH])
        unchanged("%s onto a writable file in a read-only folder" % what,
                  "ro2/mine.html", keep)
    write("v3.jsonl", keep, 0o444)
    both("verify -o an existing read-only file",
         VERIFY + ["-o", "v3.jsonl", "--force", "l.txt"], 73,
         ["v3.jsonl", "Permission denied"], ["v3.jsonl", EACCES_ZH])
    unchanged("verify -o an existing read-only file", "v3.jsonl", keep)


def test_resume_refused():
    write("two.txt", "alice@ok.test\nbob@ok.test\n")
    p = as_user(VERIFY + ["-o", "two.jsonl", "two.txt"])
    check("verify two addresses as the user", p.returncode == 0, p.stderr)
    with open(path("two.jsonl"), "rb") as f:
        recs = f.read()
    os.chmod(path("two.jsonl"), 0o444)
    both("verify --resume onto a read-only output",
         VERIFY + ["-o", "two.jsonl", "--resume", "two.txt"], 73,
         ["two.jsonl", "Permission denied"], ["two.jsonl", EACCES_ZH])
    unchanged("verify --resume onto a read-only output", "two.jsonl", recs)
    os.chmod(path("two.jsonl"), 0o644)
    os.chmod(path("two.jsonl.meta"), 0)
    both("verify --resume with FILE.meta mode 000",
         VERIFY + ["-o", "two.jsonl", "--resume", "two.txt"], 73,
         ["two.jsonl.meta", "Permission denied"],
         ["two.jsonl.meta", EACCES_ZH], env_lang=True)
    unchanged("verify --resume with FILE.meta mode 000", "two.jsonl", recs)
    os.chmod(path("two.jsonl.meta"), 0o644)
    os.chmod(W, 0o555)
    try:
        both("verify --resume in a read-only folder",
             VERIFY + ["-o", "two.jsonl", "--resume", "two.txt"], 73,
             ["two.jsonl.meta", "Permission denied"],
             ["two.jsonl.meta", EACCES_ZH])
    finally:
        os.chmod(W, 0o755)
    unchanged("verify --resume in a read-only folder", "two.jsonl", recs)
    p = as_user(VERIFY + ["-o", "two.jsonl", "--resume", "two.txt"])
    check("verify --resume once the folder is writable again: done",
          p.returncode == 0 and len(whole_lines(path("two.jsonl"))) == 2,
          p.stderr[-300:])


# --- a full disk ---------------------------------------------------------

def private_mounts():
    """A mount namespace of this process's own: its tmpfs mounts go with
    it."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(0x00020000) != 0:       # CLONE_NEWNS
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWNS)")
    subprocess.run(["mount", "--make-rprivate", "/"], check=True)


def tmpfs(name, size):
    folder(name)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755,uid=%d,"
                    "gid=%d" % (size, UID, UID), "tmpfs", path(name)],
                   check=True)


def fill(name):
    """Fill the tmpfs NAME (under W, or an absolute path) up to its last
    byte."""
    fd = os.open(os.path.join(path(name), "filler"), os.O_WRONLY |
                 os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096) > 0:
            pass
    except OSError:
        pass
    os.close(fd)


def rows(name):
    """row -> (address, verdict, reason), each row at most once (a row
    written twice is a failure)."""
    out, twice = {}, []
    for r in whole_lines(path(name)):
        key = (r["row"], r.get("part"))
        if key in out:
            twice.append(key)
        out[key] = (r.get("address"), r.get("verdict"), r.get("reason"))
    check("%s: no row written twice" % name, not twice, twice[:5])
    return out


def test_full_disk_verify():
    addrs = ["alice@ok.test", "bob@ok.test"] + \
        ["user%d@ok.test" % i for i in range(1, 61)]
    write("many.txt", "\n".join(addrs) + "\n")
    p = as_user(VERIFY + ["-o", "room.jsonl", "--csv", "room.csv",
                          "many.txt"])
    check("verify with space: done", p.returncode == 0, p.stderr[-300:])
    want = rows("room.jsonl")
    tmpfs("small", "64k")
    p = as_user(VERIFY + ["-o", "small/o.jsonl", "--csv", "small/o.csv",
                          "many.txt"])
    said("verify -o onto a full disk", p, 74,
         ["small/o.jsonl", ENOSPC_EN, "--resume"])
    try:
        got = whole_lines(path("small/o.jsonl"))
        check("verify onto a full disk: whole lines only, some written",
              0 < len(got) < len(addrs), len(got))
    except ValueError as e:
        check("verify onto a full disk: whole lines only", False, e)
    check("verify onto a full disk: no CSV of the unfinished records",
          not os.path.exists(path("small/o.csv")))
    with open(path("small/o.jsonl"), "rb") as f:
        part = f.read()
    p = as_user(VERIFY + ["-o", "small/o.jsonl", "--csv", "small/o.csv",
                          "--resume", "many.txt"])
    # refused before the run starts, as an -o on a disk already full
    # (test_verify_hostile): 73; 74 is a write failed during the run
    said("verify --resume while the disk is still full", p, 73,
         ["small/o.jsonl.meta", ENOSPC_EN])
    unchanged("verify --resume while the disk is still full",
              "small/o.jsonl", part)
    p = as_user(VERIFY + ["-o", "small/o.jsonl", "--csv", "small/o.csv",
                          "--resume", "many.txt"], lang="zh")
    said("verify --resume while the disk is still full (--lang zh)", p, 73,
         ["small/o.jsonl.meta", ENOSPC_ZH], "mxtrace verify\uff1a")
    subprocess.run(["mount", "-o", "remount,size=4m", path("small")],
                   check=True)
    p = as_user(VERIFY + ["-o", "small/o.jsonl", "--csv", "small/o.csv",
                          "--resume", "many.txt"])
    check("verify --resume after space is freed: done", p.returncode == 0,
          p.stderr[-300:])
    got = rows("small/o.jsonl")
    check("verify --resume after space is freed: every row once, as the "
          "run with space", got == want,
          sorted(set(got.items()) ^ set(want.items()))[:4])
    with open(path("small/o.csv"), encoding="utf-8-sig") as f:
        n = sum(1 for _ in f)
    with open(path("room.csv"), encoding="utf-8-sig") as f:
        m = sum(1 for _ in f)
    check("verify --resume after space is freed: the CSV has every row",
          n == m, "%d lines, want %d" % (n, m))
    no_tmp("verify onto a full disk", "small")
    # the message itself in Chinese, by --lang and by LANG
    for lang, env_lang, what in (("zh", None, "--lang zh"),
                                 (None, "zh_CN.UTF-8", "LANG=zh_CN.UTF-8")):
        tmpfs("small2", "64k")
        p = as_user(VERIFY + ["-o", "small2/o.jsonl", "many.txt"],
                    lang=lang, env_lang=env_lang)
        said("verify -o onto a full disk (%s)" % what, p, 74,
             ["small2/o.jsonl", ENOSPC_ZH, "--resume"],
             "mxtrace verify\uff1a")
        subprocess.run(["umount", path("small2")], check=True)


def test_full_disk_pages():
    with open(RECORDS, "rb") as f:
        write("in2.jsonl", f.read())
    for args, what in (
            (["report", "-o", "full/page.html", "in2.jsonl"], "report -o"),
            (["probe"] + LAB + ["--html", "full/page.html", "alice@ok.test"],
             "probe --html"),
            (["sender", "--resolver", RESOLVER, "--html", "full/page.html",
              "ok.test"], "sender --html")):
        tmpfs("full", "64k")
        fill("full")
        both("%s onto a full disk" % what, args, 74,
             ["full/page.html", ENOSPC_EN], ["full/page.html", ENOSPC_ZH])
        check("%s onto a full disk: no page" % what,
              not os.path.exists(path("full/page.html")))
        no_tmp("%s onto a full disk" % what, "full")
        subprocess.run(["umount", path("full")], check=True)


def test_readonly_mount():
    """A file system mounted read-only (EROFS, not a permission): every
    output refused before any work; report of records whose FILE.meta it
    may not read says so and writes the page."""
    tmpfs("rofs", "64k")
    with open(RECORDS, "rb") as f:
        write("rofs/in.jsonl", f.read())
    write("rofs/l.txt", "alice@ok.test\n")
    subprocess.run(["mount", "-o", "remount,ro", path("rofs")], check=True)
    try:
        for args, what in (
                (["report", "-o", "rofs/p.html", "rofs/in.jsonl"],
                 "report -o"),
                (["probe"] + LAB + ["--html", "rofs/p.html",
                                    "alice@ok.test"], "probe --html"),
                (["sender", "--resolver", RESOLVER, "--html", "rofs/p.html",
                  "ok.test"], "sender --html"),
                (VERIFY + ["-o", "rofs/p.html", "rofs/l.txt"], "verify -o"),
                (VERIFY + ["-o", "rofs/in.jsonl", "--resume", "rofs/l.txt"],
                 "verify --resume")):
            both("%s on a read-only file system" % what, args, 73,
                 ["rofs/", "Read-only file system"],
                 ["rofs/", "\u53ea\u8bfb"])
    finally:
        subprocess.run(["umount", path("rofs")], check=True)
    with open(RECORDS, "rb") as f:
        write("m.jsonl", f.read())
    write("m.jsonl.meta", '{"mxtrace_verify": 1}\n', 0)
    p = as_user(["report", "-o", "m.html", "m.jsonl"])
    said("report with FILE.meta mode 000: the page, and why the meta is "
         "ignored", p, 0, ["m.jsonl.meta", "Permission denied"],
         "mxtrace report: ")
    p = as_user(["report", "-o", "m.html", "m.jsonl"], lang="zh")
    said("report with FILE.meta mode 000 (--lang zh)", p, 0,
         ["m.jsonl.meta", EACCES_ZH], "mxtrace report\uff1a")


def test_full_tmp():
    """/tmp full: where explain keeps a copy of its standard input, and
    verify the rows of its list for the passes after the first."""
    with open(SAMPLE, "rb") as f:
        write("m.eml", f.read())
    write("few.txt", "alice@ok.test\nbob@ok.test\n")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k,mode=1777",
                    "tmpfs", "/tmp"], check=True)
    try:
        fill("/tmp")
        both("explain - with /tmp full", ["explain", "-"], 66,
             ["standard input", ENOSPC_EN],
             ["\u6807\u51c6\u8f93\u5165", ENOSPC_ZH], env_lang=True,
             stdin="m.eml")
        both("verify with /tmp full", VERIFY + ["-o", "few.jsonl",
                                                "few.txt"], 74,
             [ENOSPC_EN, "/tmp"], [ENOSPC_ZH, "/tmp"], env_lang=True)
        check("verify with /tmp full: no record, no FILE.meta",
              not os.path.exists(path("few.jsonl.meta")))
        both("verify - with /tmp full", VERIFY + ["-o", "few2.jsonl", "-"],
             74, [ENOSPC_EN, "/tmp", "standard input"],
             [ENOSPC_ZH, "/tmp", "\u6807\u51c6\u8f93\u5165"],
             stdin="few.txt")
        check("verify - with /tmp full: no FILE.meta",
              not os.path.exists(path("few2.jsonl.meta")))
        # TMPDIR set but empty: /tmp, as when not set
        said("verify with TMPDIR empty and /tmp full",
             as_user(VERIFY + ["-o", "few3.jsonl", "few.txt"], tmpdir=""),
             74, [ENOSPC_EN, " /tmp "], "mxtrace verify: ")
        test_tmpdir()
    finally:
        subprocess.run(["umount", "/tmp"], check=True)


def test_tmpdir():
    """TMPDIR (/tmp full): a full folder there is named, not /tmp; a
    roomy one takes verify's rows and explain's copy of standard input,
    which are gone when the run ends."""
    tmpfs("tfull", "16k")
    fill("tfull")
    full = path("tfull")
    for args, what, words, zh_words, stdin in (
            (VERIFY + ["-o", "t1.jsonl", "few.txt"], "verify", [], [], None),
            (VERIFY + ["-o", "t2.jsonl", "-"], "verify -",
             ["standard input"], ["\u6807\u51c6\u8f93\u5165"], "few.txt"),
            (["explain", "-"], "explain -", ["standard input"],
             ["\u6807\u51c6\u8f93\u5165"], "m.eml")):
        status = 66 if args[0] == "explain" else 74
        both("%s with TMPDIR a full folder" % what, args, status,
             words + [ENOSPC_EN, full], zh_words + [ENOSPC_ZH, full],
             stdin=stdin, tmpdir=full)
        p = as_user(args, stdin=stdin, tmpdir=full)
        check("%s with TMPDIR a full folder: /tmp not named" % what,
              b" /tmp " not in p.stderr, p.stderr[-300:])
    check("verify with TMPDIR a full folder: no FILE.meta",
          not os.path.exists(path("t1.jsonl.meta")))
    subprocess.run(["umount", full], check=True)
    room = path(folder("troom"))
    p = as_user(VERIFY + ["-o", "t3.jsonl", "few.txt"], tmpdir=room)
    check("verify with TMPDIR roomy and /tmp full: done",
          p.returncode == 0 and len(whole_lines(path("t3.jsonl"))) == 2,
          p.stderr[-300:])
    p = as_user(VERIFY + ["-o", "t4.jsonl", "--csv", "t4.csv", "-"],
                stdin="few.txt", tmpdir=room)
    check("verify - --csv with TMPDIR roomy and /tmp full: done",
          p.returncode == 0 and len(whole_lines(path("t4.jsonl"))) == 2
          and os.path.exists(path("t4.csv")), p.stderr[-300:])
    p = as_user(["explain", "-"], stdin="m.eml", tmpdir=room)
    check("explain - with TMPDIR roomy and /tmp full: explained",
          p.returncode == 0 and b"spam" in p.stdout.lower(),
          p.stderr[-300:])
    check("TMPDIR roomy: no temporary file left there",
          os.listdir(room) == [], os.listdir(room))


def unmount_all():
    """Every tmpfs a test mounted under TMP (also after a failure), so
    that TMP can be removed."""
    with open("/proc/self/mounts") as f:
        points = [l.split()[1] for l in f if l.split()[1].startswith(TMP)]
    for m in reversed(points):
        subprocess.run(["umount", m])


# becoming nobody and mounting a tmpfs take root, as the lab does
if check("run as root", os.geteuid() == 0, "uid %d" % os.geteuid()):
    W = setup()
    private_mounts()
    guarded(test_unreadable_inputs)
    guarded(test_readonly_outputs)
    guarded(test_resume_refused)
    guarded(test_full_disk_verify)
    guarded(test_full_disk_pages)
    guarded(test_full_tmp)
    guarded(test_readonly_mount)
    unmount_all()
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(finish("test_unprivileged"))
