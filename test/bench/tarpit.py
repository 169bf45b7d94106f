#!/usr/bin/env python3
"""tarpit.py - the bench lab's scripted hosts, on loopback only.

  ADDR:PORT=tarpit     accepts up to --max-clients connections, sends a 220
                       banner and then never answers again (reads and drops
                       what the client sends); used to count how many
                       concurrent sessions one verifier process holds.
  ADDR:PORT=blackhole  a listen backlog of 0 filled by one connection of its
                       own that is never accepted: later SYNs are dropped and
                       connects time out (a "dead" host that does not refuse).

The process exits by itself after --lifetime seconds (bounded), or on SIGTERM.
It writes its pid to --pidfile and, every second, the number of open tarpit
connections to --countfile.
"""

import argparse
import asyncio
import ipaddress
import os
import signal
import socket
import sys

open_clients = 0


def loopback_only(host):
    if not ipaddress.ip_address(host).is_loopback:
        sys.exit("tarpit.py: %s is not a loopback address" % host)


async def tarpit_client(reader, writer, opts):
    global open_clients
    if open_clients >= opts.max_clients:
        writer.close()
        return
    open_clients += 1
    try:
        writer.write(b"220 tarpit.bench.test ESMTP\r\n")
        await writer.drain()
        # Read and drop (bounded per read) until the client goes away.
        while await reader.read(4096):
            pass
    except (ConnectionError, OSError):
        pass
    finally:
        open_clients -= 1
        writer.close()


def blackhole(host, port):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((host, port))
    lsock.listen(0)
    filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    filler.settimeout(2)
    filler.connect((host, port))
    return [lsock, filler]


async def report(opts):
    while True:
        if opts.countfile:
            tmp = opts.countfile + ".tmp"
            with open(tmp, "w") as f:
                f.write("%d\n" % open_clients)
            os.replace(tmp, opts.countfile)
        await asyncio.sleep(1)


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pidfile")
    ap.add_argument("--countfile")
    ap.add_argument("--max-clients", type=int, default=12000)
    ap.add_argument("--lifetime", type=float, default=1800)
    ap.add_argument("listeners", nargs="+", metavar="ADDR:PORT=MODE")
    opts = ap.parse_args()

    keep, servers = [], []
    for spec in opts.listeners:
        addr, mode = spec.rsplit("=", 1)
        host, port = addr.rsplit(":", 1)
        loopback_only(host)
        if mode == "blackhole":
            keep += blackhole(host, int(port))
        elif mode == "tarpit":
            servers.append(await asyncio.start_server(
                lambda r, w: tarpit_client(r, w, opts), host, int(port),
                backlog=4096, reuse_address=True))
        else:
            sys.exit("tarpit.py: unknown mode " + mode)
    if opts.pidfile:
        with open(opts.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    reporter = asyncio.create_task(report(opts))
    try:
        await asyncio.wait_for(stop.wait(), opts.lifetime)
    except asyncio.TimeoutError:
        pass
    reporter.cancel()
    for s in servers:
        s.close()
    for s in keep:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
