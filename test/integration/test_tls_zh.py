#!/usr/bin/env python3
"""test_tls_zh.py - OpenSSL's words in the user's language.

What OpenSSL reports reaches a person through mxtrace's own words for its
code (probe/net/tlserr.c), which the catalogue translates:

- a server that answers the ClientHello with plain text (tlsgarbage): the
  trace and the warnings say in Chinese that the server did not answer in
  TLS, with no "wrong version number", and so does the HTML report of
  its JSON; the English output and the JSON keep OpenSSL's line
  "error:0A00010B:SSL routines::wrong version number"; the warning that
  the handshake was retried without TLS names that cause once, not
  "TLS handshake failed (TLS handshake failed: ...)";
- a self-signed certificate (the lab Postfix): "自签名证书";
- an expired certificate whose name is not the host's (a server this test
  runs on loopback, its certificate from a CA of its own in --ca-file):
  "证书已过期" and "名称不匹配"; JSON verify_error "certificate has expired";
- MTA-STS over HTTPS (mxtrace sender): the policy server's certificate not
  trusted (no --ca-file) and not naming the policy host (stswrongname):
  "证书未通过验证：找不到签发者证书" / "……：主机名不匹配", no English
  frame; the JSON's error keeps its English words.
"""

import json
import os
import re
import socket
import ssl
import subprocess
import tempfile
import threading

from labcheck import BIN, RESOLVER, RUN, check, finish, guarded

BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
        "--no-mta-sts"]
CA = os.path.join(RUN, "tls", "cafile.pem")
TMP = tempfile.mkdtemp(prefix="mxtrace-tlszh-")


def run(args, lang="zh"):
    """mxtrace ARGS --lang LANG: its standard output as text."""
    p = subprocess.run([BIN] + args[:1] + ["--lang", lang] + args[1:],
                       capture_output=True, timeout=120)
    return p.stdout.decode("utf-8", "replace")


def unwrapped(text):
    """Chinese output with its wrapped lines joined again (a line breaks
    anywhere between two characters; the next one is indented)."""
    return re.sub(r"\n +", "", text)


def test_not_tls():
    zh = unwrapped(run(["probe"] + BASE + ["user@tlsgarbage.test"]))
    check("tlsgarbage --lang zh: the server did not answer in TLS, in "
          "Chinese", "服务器回应的不是 TLS（版本号错误，OpenSSL 错误 0A00010B）"
          in zh and "wrong version number" not in zh, zh[-1500:])
    en = run(["probe"] + BASE + ["user@tlsgarbage.test"], lang="en")
    check("tlsgarbage in English: OpenSSL's line as before",
          "TLS handshake failed: error:0A00010B:SSL routines::wrong version "
          "number" in en, en[-1500:])
    warned = re.sub(r"\n    (?=\S)", " ", en)  # a warning's further lines
    twice = [ln for ln in warned.splitlines()
             if ln.count("TLS handshake failed") > 1]
    check("tlsgarbage in English: the retry's warning names the cause once "
          "(no 'TLS handshake failed (TLS handshake failed: ...)')",
          "TLS handshake failed (error:0A00010B:SSL routines::wrong version "
          "number); retried without STARTTLS" in warned and not twice,
          twice or en[-1500:])
    check("tlsgarbage --lang zh: the retry's warning names the cause once",
          "TLS 握手失败（服务器回应的不是 TLS（版本号错误，OpenSSL 错误 "
          "0A00010B））；已像邮件服务器一样改用不加密方式重试" in zh and
          "TLS 握手失败（TLS 握手失败" not in zh, zh[-1500:])
    check("tlsgarbage: the one handshake failure is one warning (the retry's), "
          "not also the STARTTLS step's",
          warned.count("wrong version number") == 2 and
          "STARTTLS: TLS handshake failed" not in warned, en[-1500:])
    req = run(["probe"] + BASE + ["--require-tls", "user@tlsgarbage.test"],
              lang="en")
    check("tlsgarbage --require-tls: no retry, the STARTTLS step's warning "
          "says the failure",
          "STARTTLS: TLS handshake failed: error:0A00010B" in
          re.sub(r"\n    (?=\S)", " ", req) and "retried without" not in req,
          req[-1500:])
    out = run(["probe", "--json"] + BASE + ["user@tlsgarbage.test"])
    js = json.loads(out)
    errs = [s.get("error") for a in js["attempts"] for s in a["steps"]]
    check("tlsgarbage --json: the step's error keeps OpenSSL's English",
          "TLS handshake failed: error:0A00010B:SSL routines::wrong version "
          "number" in errs, errs)
    src, page = os.path.join(TMP, "garbage.json"), os.path.join(TMP, "g.html")
    with open(src, "w") as f:
        f.write(out)
    subprocess.run([BIN, "report", "--lang", "zh", "-o", page, src],
                   capture_output=True, timeout=60, check=True)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    check("report --lang zh of that JSON: the handshake error in Chinese",
          "TLS 握手失败：服务器回应的不是 TLS（版本号错误，OpenSSL 错误 "
          "0A00010B）" in html and "wrong version number" not in html,
          html.count("wrong version number"))


def test_self_signed():
    zh = unwrapped(run(["probe"] + BASE + ["alice@ok.test"]))
    check("self-signed certificate --lang zh: 自签名证书",
          "证书未通过验证（自签名证书）" in zh and "self-signed" not in zh,
          zh[-1500:])


def make_expired():
    """A CA of this test and a certificate it signed for another name,
    expired yesterday: (ca.pem, cert.pem, key.pem)."""
    ca, cakey = os.path.join(TMP, "ca.pem"), os.path.join(TMP, "ca.key")
    csr = os.path.join(TMP, "leaf.csr")
    cert, key = os.path.join(TMP, "leaf.pem"), os.path.join(TMP, "leaf.key")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for argv in (["openssl", "req", "-x509"] + ec +
                 ["-days", "30", "-subj", "/CN=test_tls_zh CA",
                  "-keyout", cakey, "-out", ca],
                 ["openssl", "req"] + ec +
                 ["-subj", "/CN=elsewhere.example", "-keyout", key,
                  "-out", csr],
                 ["openssl", "x509", "-req", "-in", csr, "-CA", ca,
                  "-CAkey", cakey, "-set_serial", "7", "-days", "-1",
                  "-out", cert]):
        subprocess.run(argv, check=True, capture_output=True)
    return ca, cert, key


def smtp_server(cert, key):
    """A one-session SMTP server with STARTTLS on 127.0.0.1: its port."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(4)

    def serve():
        while True:
            c, _ = ls.accept()
            try:
                talk(c)
            except (OSError, ssl.SSLError):
                pass
            finally:
                c.close()

    def talk(c):
        f = c.makefile("rb")
        c.sendall(b"220 mx.example ESMTP\r\n")
        tls = False
        for line in f:
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"):
                c.sendall(b"250-mx.example\r\n" + (
                    b"" if tls else b"250-STARTTLS\r\n") + b"250 8BITMIME\r\n")
            elif cmd == b"STARTTLS":
                c.sendall(b"220 go ahead\r\n")
                c = ctx.wrap_socket(c, server_side=True)
                f = c.makefile("rb")
                tls = True
                return talk_tls(c, f)
            elif cmd == b"QUIT":
                c.sendall(b"221 bye\r\n")
                return
            else:
                c.sendall(b"250 ok\r\n")

    def talk_tls(c, f):
        for line in f:
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"):
                c.sendall(b"250-mx.example\r\n250 8BITMIME\r\n")
            elif cmd == b"QUIT":
                c.sendall(b"221 bye\r\n")
                return
            else:
                c.sendall(b"250 ok\r\n")

    threading.Thread(target=serve, daemon=True).start()
    return ls.getsockname()[1]


def test_expired_wrong_name():
    ca, cert, key = make_expired()
    port = smtp_server(cert, key)
    args = BASE + ["--ca-file", ca, "--port", str(port), "user@[127.0.0.1]"]
    zh = unwrapped(run(["probe"] + args))
    check("expired certificate for another name --lang zh: 证书已过期, "
          "名称不匹配", "证书未通过验证（证书已过期）" in zh and
          "名称不匹配" in zh and "has expired" not in zh, zh[-1500:])
    js = json.loads(run(["probe", "--json"] + args))
    tls = [a["tls"] for a in js["attempts"] if a.get("tls")]
    check("expired certificate --json: verify_error in OpenSSL's words",
          tls and tls[0]["verify_error"] == "certificate has expired" and
          tls[0]["name_match"] is False, tls)


def test_mta_sts():
    base = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s"]
    zh = unwrapped(run(["sender"] + base + ["stsenforce.test"]))
    check("MTA-STS policy server not trusted, sender --lang zh: in Chinese",
          "证书未通过验证：找不到签发者证书；签发者/CN=mxtracelabCA不受本机信任"
          in re.sub(r"\s+", "", zh) and
          "does not verify" not in zh and "issuer" not in zh, zh[-2000:])
    zh = unwrapped(run(["sender"] + base + ["--ca-file", CA,
                                            "stswrongname.test"]))
    check("MTA-STS policy host not on the certificate, sender --lang zh: "
          "主机名不匹配", "证书未通过验证：主机名不匹配" in zh and
          "mismatch" not in zh, zh[-2000:])
    js = json.loads(run(["sender", "--json"] + base + ["stsenforce.test"]))
    errs = json.dumps(js)
    check("sender --json: the MTA-STS error keeps its English words",
          "the certificate does not verify: unable to get local issuer "
          "certificate" in errs, errs[-600:])


def main():
    for t in [test_not_tls, test_self_signed, test_expired_wrong_name,
              test_mta_sts]:
        guarded(t)
    return finish("test_tls_zh")


if __name__ == "__main__":
    raise SystemExit(main())
