"""Out of file descriptors (EMFILE, ENFILE) on accept: a refused connection, never a traceback.

asyncio reports a failed `accept()` to the loop's exception handler (by default a traceback on
stderr, once a second for as long as it lasts) and leaves the client waiting in the listen
backlog.  The guard keeps one spare descriptor: when an accept fails for want of descriptors it
frees the spare, accepts the waiting clients one by one and closes each at once (the client
sees the connection refused, as a full server would answer), and takes the spare back.  Every
other report goes to the handler that was there before.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import socket
import struct
from typing import Any

OUT_OF_DESCRIPTORS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
MAX_REFUSED_PER_REPORT = 256        # clients taken off the backlog per report (bounded work)


class AcceptGuard:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._before = loop.get_exception_handler()
        self._spare = _open_spare()
        self.refused = 0
        loop.set_exception_handler(self._handle)

    def close(self) -> None:
        self._loop.set_exception_handler(self._before)
        if self._spare >= 0:
            os.close(self._spare)
            self._spare = -1

    def _handle(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, OSError) and exc.errno in OUT_OF_DESCRIPTORS:
            listener = context.get("socket")
            if listener is not None and str(context.get("message", "")).startswith("socket.accept()"):
                self._refuse_waiting(listener)
            return      # a connection that could not be served is refused, quietly
        if self._before is not None:
            self._before(loop, context)
        else:
            loop.default_exception_handler(context)

    def _refuse_waiting(self, listener: Any) -> None:
        if self._spare >= 0:
            os.close(self._spare)
            self._spare = -1
        # a socket object over the listener's descriptor (detached again: never closes it)
        sock = socket.socket(listener.family, listener.type, listener.proto, fileno=listener.fileno())
        try:
            sock.setblocking(False)
            for _ in range(MAX_REFUSED_PER_REPORT):
                try:
                    client, _address = sock.accept()
                except OSError:
                    break       # the backlog is empty, or not even one descriptor is free
                with contextlib.suppress(OSError):   # reset: the client sees it refused
                    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                self.refused += 1
        finally:
            sock.detach()
            self._spare = _open_spare()


def _open_spare() -> int:
    with contextlib.suppress(OSError):
        return os.open(os.devnull, os.O_RDONLY)
    return -1
