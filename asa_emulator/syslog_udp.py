"""The front ends' syslog sender: `logging host` messages as real UDP datagrams.

The engine does no I/O: units put syslog messages for servers in an outbox (device/syslog.py)
and the lab hands them out (`LabHandle.take_syslog`).  The script runner, the lab terminal
and the SSH server drain it and send each one here.  The lab's addresses are not real, so
every `logging host` is reached on the loopback (127.0.0.1) at the line's UDP port, or 514:
a test rig listens there to watch for failovers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .config.defaults import SYSLOG_LOOPBACK
from .device.syslog import Datagram


class UdpSyslogSender:
    """Sends datagrams from one UDP socket; a server that does not listen is no error (the
    ASA never knows, as with real UDP syslog)."""

    def __init__(self, address: str = SYSLOG_LOOPBACK) -> None:
        self._address = address
        self._sock: Any = None        # a socket, opened (and `socket` imported) on first use

    def send(self, datagrams: Iterable[Datagram]) -> None:
        for d in datagrams:
            if self._sock is None:
                import socket
                self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                self._sock.sendto(d.payload, (self._address, d.port))
            except OSError:
                pass            # unreachable port, no route: UDP syslog is fire-and-forget

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
