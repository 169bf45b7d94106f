"""labcheck - what every test/integration/test_*.py shares: where the
binary and the lab are (from the environment test/integration/run sets),
and one way to record and print a check."""
import collections
import fcntl
import json
import os
import pty
import select
import signal
import socket
import struct
import subprocess
import termios
import threading
import time

REPO = os.environ.get("REPO", os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
BIN = os.environ.get("MXTRACE_BIN", "./mxtrace")
RESOLVER = os.environ.get("LAB_RESOLVER", "127.0.53.1")
# The lab's run folder: test/lab/isolated gives each lab its own
# (MXTRACE_LAB_RUN); test/integration/run passes it on as LAB_RUN.
RUN = os.environ.get("LAB_RUN") or os.environ.get("MXTRACE_LAB_RUN") or \
    os.path.join(REPO, "test", "lab", "run")
# The lab's DNSSEC trust anchor, for every binary a test runs: the lab's
# own key's (test/lab/dnssec), the same for every lab.
os.environ.setdefault("MXTRACE_TRUST_ANCHOR", os.path.join(
    REPO, "test", "lab", "dnssec", "anchors.key"))

failures = []


class LoopbackServer:
    """A scripted SMTP server of a test's own on ip (127.0.25.1: the lab's
    domains that lead there reach it with --port) at port (0: a free one):
    one thread per connection runs self.serve(conn) with a 30 s timeout (a
    serve may set its own); a socket error ends the session quietly, then
    self.ended(conn) and the connection is closed. self.sessions counts
    the connections."""

    def __init__(self, ip="127.0.25.1", port=0, backlog=64):
        self.lock = threading.Lock()
        self.sessions = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((ip, port))
        self.sock.listen(backlog)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return          # closed
            with self.lock:
                self.sessions += 1
            threading.Thread(target=self.session, args=(c,),
                             daemon=True).start()

    def session(self, c):
        try:
            c.settimeout(30)
            self.serve(c)
        except OSError:
            pass
        finally:
            self.ended(c)
            c.close()

    def serve(self, conn):
        """The dialogue; returning ends the session."""

    def ended(self, conn):
        """Called once the session is over, before its connection closes."""

    def close(self):
        self.sock.close()


class RcptLog(LoopbackServer):
    """An SMTP server on ip at port (0: a free one) that keeps each RCPT's
    path, so a test counts probes exactly; local parts starting with "ok"
    (any case) are accepted, the others unknown.  hold: greet no one (read
    until the client goes)."""

    def __init__(self, ip="127.0.25.1", port=0, hold=False):
        self.rcpts = []
        self.hold = hold
        super().__init__(ip, port)

    def serve(self, c):
        f = c.makefile("rb")
        if self.hold:
            for _ in f:
                pass
            return
        c.sendall(b"220 mx.rcptlog.test ESMTP\r\n")
        for line in f:
            cmd = line.strip()
            word = cmd[:4].upper()
            if word == b"EHLO":
                out = (b"250-mx.rcptlog.test\r\n250-PIPELINING\r\n"
                       b"250 8BITMIME\r\n")
            elif word == b"RCPT":
                rcpt = cmd.split(b"<", 1)[-1].split(b">", 1)[0].decode()
                with self.lock:
                    self.rcpts.append(rcpt)
                out = (b"250 2.1.5 Ok\r\n" if rcpt.lower().startswith("ok")
                       else b"550 5.1.1 User unknown\r\n")
            elif word == b"QUIT":
                c.sendall(b"221 2.0.0 Bye\r\n")
                return
            else:
                out = b"250 2.0.0 Ok\r\n"
            c.sendall(out)

    def taken(self):
        """The RCPT paths so far, forgotten after."""
        with self.lock:
            out, self.rcpts = self.rcpts, []
        return out


class RcptUnanswered(LoopbackServer):
    """Answers the greeting, EHLO and MAIL as mx.NAME; at RCPT, `how`:
    "silent" (never answers: reads until the client goes) or "cut" (one
    line of a multi-line reply, then close)."""

    def __init__(self, how="silent", name="rcpttest.test"):
        self.how = how
        self.host = ("mx." + name).encode()
        super().__init__()

    def serve(self, c):
        f = c.makefile("rb")
        c.sendall(b"220 " + self.host + b" ESMTP\r\n")
        while True:
            line = f.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                c.sendall(b"250-" + self.host + b"\r\n250 PIPELINING\r\n")
            elif verb == b"MAIL":
                c.sendall(b"250 2.1.0 Ok\r\n")
            elif verb == b"RCPT":
                if self.how == "cut":
                    c.sendall(b"550-5.1.1 first line of the refusal\r\n")
                    return
                c.settimeout(60)
                f.read()            # until the client goes
                return
            elif verb == b"QUIT":
                c.sendall(b"221 Bye\r\n")
                return
            else:
                c.sendall(b"250 Ok\r\n")


class UdpServer:
    """Datagrams to ip:port (0: a free port) handed to self.take(data,
    peer) in a thread of its own, for the tests' scripted DNS servers.
    Subclasses set their own fields before calling __init__ (the thread
    starts in it).  close() stops the thread, then frees the port (a
    thread blocked in recvfrom would hold it after a bare close).  ip may
    be IPv6 with its interface ("fe80::53%lo": getaddrinfo makes the
    scope id bind needs)."""

    def __init__(self, ip="127.0.0.1", port=0):
        family = socket.AF_INET6 if ":" in ip else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_DGRAM)
        self.sock.bind(socket.getaddrinfo(ip, port, family,
                                          socket.SOCK_DGRAM)[0][4])
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.at = "%s@%d" % (ip, self.port)
        self.done = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.done:
            try:
                q, peer = self.sock.recvfrom(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            self.take(q, peer)

    def take(self, q, peer):
        raise NotImplementedError

    def close(self):
        self.done = True
        self.thread.join()
        self.sock.close()


class SlowForwarder(UdpServer):
    """A DNS forwarder to the lab's resolver on ip:port (0: a free port)
    that sends each answer back delay seconds after its question came in;
    every question is answered, each in a thread of its own.  mangle, if
    given, makes the answer to the start-up check's question (the root's
    SOA) what it returns of (question, answer); the others pass as they
    are, so the probe after the check runs as usual."""

    def __init__(self, delay, ip="127.0.0.1", port=0, mangle=None):
        self.delay = delay
        self.mangle = mangle
        self.asked = 0
        self.questions = collections.Counter()  # question section: times
        self.lock = threading.Lock()
        super().__init__(ip, port)

    def take(self, q, peer):
        with self.lock:
            self.asked += 1
            self.questions[q[12:]] += 1
        threading.Thread(target=self.answer,
                         args=(q, peer, time.monotonic()),
                         daemon=True).start()

    def mangles(self, q):
        """Whether mangle applies to question q: the root's SOA."""
        return q[12:17] == b"\x00\x00\x06\x00\x01"

    def answer(self, q, peer, t0):
        up = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        up.settimeout(10)
        try:
            up.sendto(q, (RESOLVER, 53))
            a = up.recv(65535)
            if self.mangle and self.mangles(q):
                a = self.mangle(q, a)
            time.sleep(max(0.0, t0 + self.delay - time.monotonic()))
            self.sock.sendto(a, peer)
        except OSError:
            pass
        finally:
            up.close()


def root_answered(q, a):
    """A SlowForwarder mangle: the lab's answer to the start-up check's
    question (REFUSED: the lab's Unbound serves only the lab) made NOERROR,
    as a resolver of the internet answers the root's SOA."""
    return a[:3] + bytes([a[3] & 0xf0]) + a[4:]


def check(what, ok, detail=""):
    """Print one check's outcome; remember it when it failed."""
    print("  %s %s%s" % ("ok  " if ok else "FAIL", what,
                         "" if ok else ": " + str(detail)))
    if not ok:
        failures.append(what)
    return ok


def child_signals(default=(), ignored=()):
    """A preexec_fn for a command a test stops with a signal: the signals
    in default at SIG_DFL in the child, those in ignored at SIG_IGN.  A
    shell without job control (.ci/run's may be one) starts its background
    commands with SIGINT ignored, Python leaves it so for its children, and
    mxtrace keeps a stop signal its parent left ignored (base/stopsig.h):
    a test that stops a run with SIGINT sets it to its default
    (SIGINT_DEFAULT)."""
    def set_them():
        for sig in default:
            signal.signal(sig, signal.SIG_DFL)
        for sig in ignored:
            signal.signal(sig, signal.SIG_IGN)
    return set_them


SIGINT_DEFAULT = child_signals(default=(signal.SIGINT,))



def stopped_at_meta(argv, out, src):
    """Run verify (argv, then -o out and the list src) and SIGINT it as
    soon as out's FILE.meta exists (a SIGINT from then on is handled),
    before any address reaches SMTP when the list's server is silent.test
    (it holds the first records for --timeout); its exit status."""
    p = subprocess.Popen(argv + ["-o", out, src], stderr=subprocess.PIPE,
                         preexec_fn=SIGINT_DEFAULT)
    end = time.monotonic() + 9
    while time.monotonic() < end and not os.path.exists(out + ".meta"):
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    p.communicate(timeout=30)
    return p.returncode


numbers = []


def guarded(fn):
    """Run one test function; a crash of a check is a failure, not a skip."""
    t0 = time.monotonic()
    try:
        fn()
    except Exception as e:
        check(fn.__name__, False, "%s: %s" % (type(e).__name__, e))
    numbers.append("%s: %.1fs" % (fn.__name__, time.monotonic() - t0))


def finish(name):
    """Print what was measured and the outcome; the exit status."""
    for line in numbers:
        print("  # %s" % line)
    print("%s: %s" % (name, "ok" if not failures else
                      "FAIL: " + ", ".join(failures)))
    return 1 if failures else 0


def whole_lines(file):
    """Every line of a JSON Lines file, each one JSON object; the file must
    end with a newline (a torn last line is an error)."""
    with open(file, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise ValueError("%s ends inside a line" % file)
    return [json.loads(line) for line in data.splitlines()]


def probe_json(addr, base, *opts, env=None, timeout=90):
    """mxtrace probe --json BASE OPTS ADDR: (the record, the process);
    a record that is not JSON becomes {"stdout", "stderr"} for the FAIL."""
    p = subprocess.run([BIN, "probe", "--json"] + list(base) + list(opts) +
                       [addr], capture_output=True, timeout=timeout, env=env)
    try:
        return json.loads(p.stdout), p
    except ValueError:
        return {"stdout": p.stdout[-300:].decode(errors="replace"),
                "stderr": p.stderr[-300:].decode(errors="replace")}, p


def verify_want(name, want, argv, tmp, timeout=300):
    """Run argv (a verify command, without -o and the list) on the
    addresses of want (address -> the verdict it must get), the list
    written to tmp/NAME.txt and the records to tmp/NAME.jsonl; check exit
    0 and one record per address with its verdict.  The records by
    address, in the file's order (a missing output file: none, and the
    check fails)."""
    src = os.path.join(tmp, name + ".txt")
    out = os.path.join(tmp, name + ".jsonl")
    with open(src, "w") as f:
        f.write("".join(a + "\n" for a in want))
    p = subprocess.run(list(argv) + ["-o", out, src], capture_output=True,
                       timeout=timeout)
    recs = [json.loads(l) for l in open(out, "rb")] \
        if os.path.exists(out) else []
    got = {r["address"]: r for r in recs}
    bad = [(a, got[a]["verdict"] if a in got else None, v)
           for a, v in want.items() if a not in got or got[a]["verdict"] != v]
    check("%s: exit 0, %d addresses, each once with its own verdict" % (
          name, len(want)), p.returncode == 0 and len(recs) == len(want)
          and not bad, "rc %d, %d records, wrong %s; %s" % (
              p.returncode, len(recs), bad[:3],
              p.stderr.decode("utf-8", "replace")[-300:]))
    return got


def verify_report(addresses, base):
    """verify ADDRESSES with BASE options, then the English HTML report of
    the records: (the report's text, "" when it was not written; stderr)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "in.txt")
        with open(lst, "w") as f:
            f.write("\n".join(addresses) + "\n")
        out = os.path.join(tmp, "o.jsonl")
        subprocess.run([BIN, "verify", "-q"] + list(base) + ["-o", out, lst],
                       capture_output=True, timeout=120)
        html = os.path.join(tmp, "r.html")
        p = subprocess.run([BIN, "report", "--lang", "en", "-o", html, out],
                           capture_output=True, timeout=60)
        if p.returncode != 0:
            return "", p.stderr
        with open(html, encoding="utf-8") as f:
            return f.read(), p.stderr


def lab_cases():
    """The (address, options) of test/lab/cases.tsv a person could type:
    no templates, no @-marks of the runner, each pair once; an option's
    {run} is the lab's run folder (RUN), as test/integration/run makes it."""
    seen, out = set(), []
    with open(os.path.join(REPO, "test", "lab", "cases.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fld = line.rstrip("\n").split("\t")
            addr, opts = fld[0], fld[4]
            if "{" in addr or "\\" in addr:
                continue
            o = [] if opts == "-" else [x.replace("{run}", RUN)
                                        for x in opts.split()
                                        if not x.startswith("@")]
            if (addr, tuple(o)) not in seen:
                seen.add((addr, tuple(o)))
                out.append((addr, o))
    return out


def on_pty(argv, env=None, stderr=subprocess.DEVNULL, timeout=40,
           width=None):
    """Run argv with its stdout on a pseudo-terminal: its exit status and
    the chunks it wrote, as they came (bounded in time and size).  stderr:
    where the child's stderr goes; "pty" puts it on the terminal too.
    width: the terminal's columns (TIOCSWINSZ), else the pty's default."""
    master, slave = pty.openpty()
    if width is not None:
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 24, width, 0, 0))
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=slave if stderr == "pty" else stderr,
                         close_fds=True, env=env)
    os.close(slave)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline and sum(map(len, chunks)) < 1 << 20:
        r, _, _ = select.select([master], [], [], 0.5)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif p.poll() is not None:
            break
    os.close(master)
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return p.returncode, chunks


def typed_on_pty(argv, keys, env=None, timeout=60):
    """Run argv with its stdin a pseudo-terminal, type keys there once it
    has had 0.3 s to start, and wait for its end: (exit status, stdout,
    stderr)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=slave, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env)
    os.close(slave)
    time.sleep(0.3)
    os.write(master, keys)
    try:
        out, err = p.communicate(timeout=timeout)
    finally:
        os.close(master)
    return p.returncode, out, err
