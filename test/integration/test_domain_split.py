#!/usr/bin/env python3
"""test_domain_split.py - probe tells a domain that does not exist from one
that exists without a mail server, in its JSON and in its words.

  - alice@nxdomain.test (NXDOMAIN in the lab's zone): reason
    domain_not_found; the text says the domain does not exist and asks for
    the spelling to be checked;
  - alice@noaddr.test (the name exists, no MX and no address): reason
    domain_no_mail; the text says the domain exists without a mail server
    and asks for another address.
Both keep the verdict no_mail_domain, the stage dns and exit status 1.
Checked in English (--json, the terminal) and in Chinese (--lang zh).
Prints one line per check and exits 1 when any failed.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, RESOLVER, check, finish, guarded  # noqa: E402

LAB = ["--resolver", RESOLVER, "--allow-private", "--timeout", "5s",
       "--helo", "mxtrace.test"]

# address, reason, words the English text must hold, words it must not,
# the same in Chinese
CASES = [
    ("alice@nxdomain.test", "domain_not_found",
     ["does not exist", "misspelt"], ["mail server"],
     ["不存在", "拼错"], ["没有邮件服务器"]),
    ("alice@noaddr.test", "domain_no_mail",
     ["exists but has no mail server", "another"], ["does not exist"],
     ["存在，但没有邮件服务器", "另一个地址"], ["不存在"]),
]


def run(args):
    p = subprocess.run([BIN, "probe"] + LAB + args, capture_output=True,
                       timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def has_all(text, want, never):
    flat = " ".join(text.split())
    return all(w in flat for w in want) and not any(w in flat for w in never)


def test_json():
    for addr, reason, en, en_not, _, _ in CASES:
        rc, out = run(["--json", addr])
        try:
            r = json.loads(out)
        except ValueError:
            check("%s: JSON" % addr, False, out[-300:])
            continue
        check("%s: no_mail_domain/dns/%s, exit 1 (got %s/%s/%s, %d)" %
              (addr, reason, r.get("verdict"), r.get("stage"),
               r.get("reason"), rc),
              rc == 1 and r.get("verdict") == "no_mail_domain" and
              r.get("stage") == "dns" and r.get("reason") == reason, out[-300:])
        check("%s: the JSON explanation says so" % addr,
              has_all(r.get("explanation") or "", en, en_not),
              r.get("explanation"))


def test_terminal():
    for addr, reason, en, en_not, zh, zh_not in CASES:
        rc, out = run([addr])
        check("%s: the English text (exit %d)" % (addr, rc),
              rc == 1 and has_all(out, en, en_not), out[-400:])
        rc, out = run(["--lang", "zh", addr])
        check("%s: the Chinese text (exit %d)" % (addr, rc),
              rc == 1 and has_all(out.replace(" ", ""),
                                  [w.replace(" ", "") for w in zh],
                                  zh_not), out[-400:])


def main():
    for t in (test_json, test_terminal):
        guarded(t)
    return finish("test_domain_split")


if __name__ == "__main__":
    sys.exit(main())
