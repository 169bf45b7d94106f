#!/usr/bin/env python3
"""test_local_firewall.py - a connect this machine itself forbids.

In the lab's own network namespace, "prohibit" routes for both MX
addresses of refused.test (127.0.27.1 and .3) make connect() fail at once
with EACCES, as an OUTPUT firewall rule makes it fail with EPERM: nothing
leaves the machine.  The verdict is unreachable / local_firewall at stage
connect, and the explanation (English and Chinese) blames this machine,
not the recipient.  Without the routes the same address is the plain
connection_failed (both MX refuse).
"""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import RESOLVER, check, finish, guarded, probe_json  # noqa: E402

BASE = ["--resolver", RESOLVER, "--allow-private", "--timeout", "3s",
        "--helo", "mxtrace.test"]
ADDRS = ["127.0.27.1", "127.0.27.3"]


def routes(op, strict=True):
    for a in ADDRS:
        subprocess.run(["ip", "route", op, "prohibit", a + "/32", "table",
                        "local"], check=strict,
                       stderr=None if strict else subprocess.DEVNULL)


def test_local_firewall():
    # scripts/check runs this in the host's namespace: routes a killed
    # run left behind would make every later refused.test look firewalled
    routes("del", strict=False)
    d, _ = probe_json("alice@refused.test", BASE)
    check("without the routes: connection_failed",
          d.get("reason") == "connection_failed", d)
    routes("add")
    try:
        d, p = probe_json("alice@refused.test", BASE)
        zh, _ = probe_json("alice@refused.test", BASE, "--lang", "zh")
    finally:
        routes("del")
    check("every connect forbidden here: unreachable/connect/local_firewall",
          (d.get("verdict"), d.get("stage"), d.get("reason")) ==
          ("unreachable", "connect", "local_firewall"), d)
    check("both MX were tried", len(d.get("attempts") or []) == 2,
          d.get("attempts"))
    check("exit status 2: says nothing about the address",
          p.returncode == 2, p.returncode)
    ex = d.get("explanation", "")
    check("the explanation blames this machine",
          "This machine itself refused" in ex and "recipient" in ex, ex)
    check("the Chinese explanation blames this machine",
          "这台电脑自己拒绝了连接" in zh.get("explanation", ""), zh)


def main():
    guarded(test_local_firewall)
    return finish("test_local_firewall")


if __name__ == "__main__":
    sys.exit(main())
