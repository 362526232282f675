"""A context's connection table on one unit: plain data and pure functions, no clock, no I/O.

A connection is identified by its protocol and its two endpoints (address, port), whichever
way a packet travels.  It remembers which side opened it (the initiator), the interface
(nameif) each side is on, the bytes it carried, when it was built and when it last saw a
packet, and whether each side has sent data.  The `show conn` flags are derived from that and
from the interfaces' security levels: the lower-security side is the ASA's "outside".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import field, replace

from ..records import dataclass

TCP = "TCP"
UDP = "UDP"
HTTP_PORT = 80

Addr = tuple[str, int]                      # (IPv4 address, port)
ConnKey = tuple[str, Addr, Addr]            # (protocol, lower address, higher address)


def conn_key(proto: str, a: Addr, b: Addr) -> ConnKey:
    """The same key for both directions of a connection."""
    return (proto, a, b) if a <= b else (proto, b, a)


@dataclass(frozen=True)
class Endpoint:
    nameif: str
    ip: str
    port: int

    @property
    def addr(self) -> Addr:
        return (self.ip, self.port)


@dataclass
class Conn:
    proto: str                      # TCP | UDP
    initiator: Endpoint
    responder: Endpoint
    created_ms: int
    last_ms: int
    bytes: int = 0
    initiator_data: bool = False    # the initiator has sent data
    responder_data: bool = False    # the responder has sent data

    @property
    def key(self) -> ConnKey:
        return conn_key(self.proto, self.initiator.addr, self.responder.addr)

    def end_of(self, addr: Addr) -> Endpoint | None:
        """The end whose address is `addr` (the sender of a packet from `addr`)."""
        if self.initiator.addr == addr:
            return self.initiator
        if self.responder.addr == addr:
            return self.responder
        return None

    def other_end(self, addr: Addr) -> Endpoint:
        return self.responder if self.initiator.addr == addr else self.initiator


def is_http(conn: Conn) -> bool:
    """An HTTP connection, as `replication http` means it: TCP to port 80."""
    return conn.proto == TCP and conn.responder.port == HTTP_PORT


def record(conn: Conn, sender: Addr, nbytes: int, now_ms: int) -> None:
    """A packet of `nbytes` payload bytes from `sender` passed through the connection."""
    conn.bytes += nbytes
    conn.last_ms = now_ms
    if nbytes:
        if conn.initiator.addr == sender:
            conn.initiator_data = True
        else:
            conn.responder_data = True


def copy_conn(conn: Conn) -> Conn:
    """An independent copy (what Stateful Failover gives the mate)."""
    return replace(conn)


def orient(conn: Conn, level: Callable[[str], int]) -> tuple[Endpoint, Endpoint, bool]:
    """(outside end, inside end, opened from outside): the lower security level is outside;
    on equal levels the responder is printed first and the connection counts as opened from
    inside."""
    if level(conn.initiator.nameif) < level(conn.responder.nameif):
        return conn.initiator, conn.responder, True
    return conn.responder, conn.initiator, False


def flags(conn: Conn, from_outside: bool) -> str:
    """The `show conn` flags: U up, I inbound data (outside to inside), O outbound data,
    B initial SYN from outside; a UDP connection shows `-`."""
    if conn.proto != TCP:
        return "-"
    inbound = conn.initiator_data if from_outside else conn.responder_data
    outbound = conn.responder_data if from_outside else conn.initiator_data
    return "U" + ("I" if inbound else "") + ("O" if outbound else "") + ("B" if from_outside else "")


@dataclass
class ConnTable:
    """One context's connections on one unit, oldest first."""

    conns: dict[ConnKey, Conn] = field(default_factory=dict)
    most_used: int = 0
    # `show local-host`: connections per (nameif, address) of an end, and the most hosts
    # each interface had at once (kept here, where connections come and go)
    host_conns: dict[tuple[str, str], int] = field(default_factory=dict)
    host_active: dict[str, int] = field(default_factory=dict)   # nameif -> hosts now
    host_peak: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.conns)

    def __iter__(self) -> Iterator[Conn]:
        return iter(list(self.conns.values()))

    def get(self, proto: str, src: Addr, dst: Addr) -> Conn | None:
        return self.conns.get(conn_key(proto, src, dst))

    def find(self, proto: str, src: Addr, dst: Addr, ingress: str) -> Conn | None:
        """The connection a packet from `src` to `dst` arriving on interface `ingress`
        belongs to: same endpoints, and the sender's end is on that interface."""
        conn = self.get(proto, src, dst)
        if conn is None:
            return None
        end = conn.end_of(src)
        return conn if end is not None and end.nameif == ingress else None

    def add(self, conn: Conn) -> None:
        if conn.key in self.conns:
            self._unhost(self.conns[conn.key])
        self.conns[conn.key] = conn
        self.most_used = max(self.most_used, len(self.conns))
        for end in (conn.initiator, conn.responder):
            key = (end.nameif, end.ip)
            count = self.host_conns.get(key, 0)
            self.host_conns[key] = count + 1
            if not count:
                active = self.host_active[end.nameif] = self.host_active.get(end.nameif, 0) + 1
                self.host_peak[end.nameif] = max(self.host_peak.get(end.nameif, 0), active)

    def _unhost(self, conn: Conn) -> None:
        for end in (conn.initiator, conn.responder):
            key = (end.nameif, end.ip)
            count = self.host_conns.get(key, 0) - 1
            if count > 0:
                self.host_conns[key] = count
            elif self.host_conns.pop(key, None) is not None:
                self.host_active[end.nameif] -= 1

    def remove(self, conn: Conn) -> bool:
        gone = self.conns.pop(conn.key, None)
        if gone is not None:
            self._unhost(gone)
        return gone is not None

    def select(self, proto: str | None = None, address: str | None = None,
               port: int | None = None) -> list[Conn]:
        """The connections `clear conn [protocol P] [address A] [port N]` names."""
        out = []
        for c in self.conns.values():
            ends = (c.initiator, c.responder)
            if proto is not None and c.proto != proto:
                continue
            if address is not None and all(e.ip != address for e in ends):
                continue
            if port is not None and all(e.port != port for e in ends):
                continue
            out.append(c)
        return out

    def replace_all(self, conns: list[Conn]) -> None:
        """Take these connections instead of the current ones (a bulk sync)."""
        self.conns = {}
        self.host_conns, self.host_active = {}, {}
        for c in conns:
            self.add(c)
