#!/usr/bin/env python3
"""socksbad.py - SOCKS5 servers that misbehave on purpose, for the mxtrace lab.

One process serves several listeners, each ADDR:PORT=MODE.  Modes:

  garbage    answers the greeting with an HTTP error page, then closes
  short      chooses "no authentication", then answers CONNECT with the
             first 4 bytes of a reply and closes
  v6bound    a working proxy whose CONNECT reply carries an IPv6 BND.ADDR
             (2001:db8::25 port 2525); the tunnel then relays to the MX
             (only to 127.0.0.0/8 and ::1: the lab never leaves loopback)
  silent     accepts the connection and never answers
  stall      chooses "no authentication", then never answers CONNECT
  endless    chooses "no authentication", then sends an endless stream of
             bytes instead of the CONNECT reply

Every connection is bounded in time and in what is read; nothing received
is stored.
"""

import argparse
import asyncio
import ipaddress
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labserve import until_stopped, write_pidfile  # noqa: E402

SESSION_MAX = 120.0
ENDLESS_MAX = 64 * 1024 * 1024


def log(msg):
    print("socksbad: " + msg, file=sys.stderr, flush=True)


async def read_greeting(r):
    ver, n = await r.readexactly(2)
    await r.readexactly(n)
    return ver


async def read_connect(r):
    """The CONNECT request: (host, port) of an IP target, or None."""
    ver, cmd, _rsv, atyp = await r.readexactly(4)
    if atyp == 1:
        host = socket.inet_ntop(socket.AF_INET, await r.readexactly(4))
    elif atyp == 4:
        host = socket.inet_ntop(socket.AF_INET6, await r.readexactly(16))
    else:
        return None
    port = struct.unpack("!H", await r.readexactly(2))[0]
    if ver != 5 or cmd != 1:
        return None
    return host, port


async def pipe(r, w):
    try:
        while True:
            data = await r.read(65536)
            if not data:
                break
            w.write(data)
            await w.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        w.close()


async def relay(host, port, r, w):
    if not ipaddress.ip_address(host).is_loopback:
        w.write(b"\x05\x02\x00\x01\x00\x00\x00\x00\x00\x00")
        return
    try:
        mr, mw = await asyncio.open_connection(host, port)
    except OSError:
        w.write(b"\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00")
        return
    bound = socket.inet_pton(socket.AF_INET6, "2001:db8::25")
    w.write(b"\x05\x00\x00\x04" + bound + struct.pack("!H", 2525))
    await w.drain()
    await asyncio.gather(pipe(r, mw), pipe(mr, w))


async def session(mode, r, w):
    await read_greeting(r)
    if mode == "garbage":
        w.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        return
    if mode == "silent":
        await asyncio.sleep(SESSION_MAX)
        return
    w.write(b"\x05\x00")
    await w.drain()
    target = await read_connect(r)
    if mode == "short":
        w.write(b"\x05\x00\x00\x01")
    elif mode == "stall":
        await asyncio.sleep(SESSION_MAX)
    elif mode == "endless":
        sent = 0
        chunk = b"\x05" * 65536
        while sent < ENDLESS_MAX:
            w.write(chunk)
            await w.drain()
            sent += len(chunk)
    elif mode == "v6bound" and target is not None:
        await relay(target[0], target[1], r, w)


def handler(mode):
    async def handle(r, w):
        try:
            await asyncio.wait_for(session(mode, r, w), SESSION_MAX)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError,
                ConnectionError):
            pass
        finally:
            try:
                w.close()
            except Exception:
                pass
    return handle


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pidfile")
    ap.add_argument("listeners", nargs="+", metavar="ADDR:PORT=MODE")
    opts = ap.parse_args()
    keep = []
    for spec in opts.listeners:
        addr, mode = spec.rsplit("=", 1)
        host, port = addr.rsplit(":", 1)
        keep.append(await asyncio.start_server(handler(mode), host.strip("[]"),
                                               int(port), reuse_address=True))
        log("listening on %s (%s)" % (addr, mode))
    write_pidfile(opts.pidfile)
    await until_stopped()
    log("stopping")


if __name__ == "__main__":
    asyncio.run(main())
