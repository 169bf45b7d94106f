"""labserve.py - what the lab's scripted servers (socksbad.py, stsweb.py)
share: the pid file `down` reads, written atomically, and waiting for
SIGTERM/SIGINT on an asyncio loop."""
import asyncio
import os
import signal


def write_pidfile(path):
    """Write this process's pid to path (if given), atomically."""
    if path:
        with open(path + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.replace(path + ".tmp", path)


async def until_stopped():
    """Return once SIGTERM or SIGINT arrives."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
