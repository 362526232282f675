"""Packet capture: `capture NAME ...`, `show capture`, `clear capture`, `no capture`.

A capture lives in one unit's memory (a reload empties it; it is in no configuration and is
not replicated, Table 34-1) and belongs to the context it was typed in.  It watches the
packets the traffic engine moves (traffic/engine.py's taps): a `raw-data` capture records each
packet its interfaces receive or send (a packet forwarded from one captured interface to
another is recorded twice, as on a real unit), an `asp-drop` capture each packet the context
drops, with the reason.

Layouts from public captures of real units:
* `show capture` in a context of a multiple-context unit: `capture NAME type raw-data
  interface IF [circular-buffer] [Capturing - N bytes]`, then `  match ip host A host B`
  (the typed `A 255.255.255.255` reads `host A`); a full linear buffer reads `[Buffer Full -
  N bytes]` (two public blog posts of 2020, "Data-plane packet captures on the Cisco ASA" and
  a perfSONAR throughput note, both typed at `asa/pri/ctx/act#` prompts);
* `show capture NAME`: a blank line, `N packets captured`, a blank line, one line per packet
  (`%4d: ` then HH:MM:SS.micro and 7 spaces), `N packets shown` (same post; a subinterface's
  packets start with `802.1Q vlan#N P0 `);
* a TCP line `1.1.1.1.12869 > 2.2.2.2.80: S 3624439037:3624439037(0) win 8192`
  (tunnelsup.com "Packet Captures on Cisco ASA"); a UDP line ends `:  udp LEN`.
"""

from __future__ import annotations

import ipaddress
import zlib
from collections import deque
from dataclasses import field
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING

from ..config.acl import port_text
from ..records import dataclass
from .capture_dump import headers, hex_lines

if TYPE_CHECKING:
    from ..device.unit import Unit
    from ..traffic.engine import Packet, Traffic

DEFAULT_BUFFER = 524288             # 512 KB (the command reference's default)
# unverified: the memory a unit gives all its captures together (the command reference says a
# capture's buffer comes from the unit's memory and the largest is 32 MB, but no total or
# message was found); 256 MB: eight captures of the largest buffer
TOTAL_MEMORY = 268435456
NO_MEMORY = "ERROR: Not enough memory for capture buffer"      # unverified wording
WINDOW = 8192                       # unverified: the window every modelled TCP packet carries
SEQ_KEPT = 4096                     # TCP directions whose next sequence number is kept (the oldest go)
DROP_TEXT = {
    "no-route": "No route to host",
    # a transparent unit's through traffic it cannot bridge  # unverified: its place in the list
    "dst-l2_lookup-fail": "Dst MAC L2 Lookup Failed",
    "acl-drop": "Flow is denied by configured rule",
    "tcp-not-syn": "First TCP packet not SYN",
    "interface-down": "Interface is down",
    "fo-standby": "Dropped by standby unit",
}


@dataclass(frozen=True)
class Match:
    """`match PROTO SRC [eq P] DST [eq P]`: a packet matches in either direction."""
    proto: str                      # ip | tcp | udp | icmp
    src: tuple[str, str]            # (address, mask); any: 0.0.0.0 0.0.0.0
    sport: int | None
    dst: tuple[str, str]
    dport: int | None

    def hits(self, p: Packet) -> bool:
        if self.proto not in ("ip", p.proto.lower()):
            return False
        return (self._one(p.src, p.dst)) or self._one(p.dst, p.src)

    def _one(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        return (_inside(a[0], self.src) and _inside(b[0], self.dst)
                and self.sport in (None, a[1]) and self.dport in (None, b[1]))

    def text(self) -> str:
        def end(addr: tuple[str, str], port: int | None) -> str:
            a, m = addr
            s = "any" if m == "0.0.0.0" else f"host {a}" if m == "255.255.255.255" else f"{a} {m}"
            proto = self.proto if self.proto in ("tcp", "udp") else "tcp"
            return s if port is None else f"{s} eq {port_text(port, proto)}"
        return f"match {self.proto} {end(self.src, self.sport)} {end(self.dst, self.dport)}"


def _inside(ip: str, net: tuple[str, str]) -> bool:
    return ipaddress.IPv4Address(ip) in ipaddress.IPv4Network(f"{net[0]}/{net[1]}", strict=False)


@dataclass(frozen=True)
class Record:
    """One captured packet, rendered when it was captured (what it was then)."""
    ms: int
    text: str                       # after the timestamp: `[802.1Q ...]SRC > DST: ...`
    size: int                       # bytes it takes in the buffer
    header: bytes = b""             # its modelled headers, for `show capture NAME dump`


@dataclass
class Capture:
    name: str
    kind: str = "raw-data"          # raw-data | asp-drop
    interfaces: list[str] = field(default_factory=list)
    match: Match | None = None
    buffer: int = DEFAULT_BUFFER
    circular: bool = False
    # a deque: a full circular buffer drops its oldest packet for each new one, and a 32 MB
    # buffer holds some 600,000 of them (list.pop(0) moved them all, each time)
    records: deque[Record] = field(default_factory=deque)
    used: int = 0
    full: bool = False
    stopped: bool = False           # `capture NAME stop`: keeps its packets, records no more

    def add(self, rec: Record) -> None:
        if self.full or self.stopped:
            return
        if self.used + rec.size > self.buffer:
            if not self.circular:
                self.full = True
                return
            while self.records and self.used + rec.size > self.buffer:
                self.used -= self.records.popleft().size
        self.records.append(rec)
        self.used += rec.size

    def clear(self) -> None:
        self.records, self.used, self.full = deque(), 0, False

    def wants(self, nameif: str, p: Packet) -> bool:
        if self.interfaces and nameif not in self.interfaces:
            return False
        return self.match is None or self.match.hits(p)

    def listing(self) -> list[str]:
        """Its lines in `show capture`."""
        head = f"capture {self.name} type {self.kind}"
        if self.kind == "asp-drop":
            head += " all"          # unverified: the drop-code word of `type asp-drop [all]`
        if self.buffer != DEFAULT_BUFFER:
            head += f" buffer {self.buffer}"   # unverified: where the listing puts it
        head += "".join(f" interface {i}" for i in self.interfaces)
        if self.circular:
            head += " circular-buffer"
        # unverified: the word a stopped capture shows (modelled on `Buffer Full`)
        state = "Stopped" if self.stopped else "Buffer Full" if self.full else "Capturing"
        out = [f"{head} [{state} - {self.used} bytes]"]
        if self.match is not None:
            out.append(f"  {self.match.text()}")
        return out


def timestamp(ms: int) -> str:
    """HH:MM:SS.micro of the virtual clock (milliseconds: the last three digits are 0)."""
    d = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return f"{d:%H:%M:%S}.{ms % 1000:03d}000"


def show_packets(cap: Capture, count: int | None = None, detail: bool = False,
                 first: int = 1, dump: bool = False) -> list[str]:
    """`show capture NAME [packet-number N] [count C] [detail] [dump]`: from packet `first`.
    `decode` and `trace` print the default form (# unverified: no trace is recorded, a capture
    without its `trace` option has none to show)."""
    start = first - 1
    recs = list(islice(cap.records, start, None if count is None else start + count))
    out = ["", f"{_packets(len(cap.records))} captured", ""]
    for i, r in enumerate(recs, start=first):
        if dump:
            out.append(f"{i:>4}: {timestamp(r.ms)}       {r.text}")
            out += hex_lines(r.header)
        elif detail:
            # unverified: the detail form's layout (Ethernet line, then the packet indented)
            out.append(f"{i:>4}: {timestamp(r.ms)} 0x0800 Length: {r.size}")
            out.append(f"      {r.text}")
        else:
            out.append(f"{i:>4}: {timestamp(r.ms)}       {r.text}")
    out.append(f"{_packets(len(recs))} shown")
    return out


def _packets(n: int) -> str:
    """`1 packet`, `2 packets` (a 9.16 asp-drop capture in a public Cisco community post
    prints `1 packet captured` ... `1 packet shown`)."""
    return f"{n} packet" if n == 1 else f"{n} packets"

class Captures:
    """Every unit's captures, per context; a tap of the lab's traffic engine."""

    def __init__(self, eng: Traffic) -> None:
        self.eng = eng
        self.by_unit: dict[str, dict[str, dict[str, Capture]]] = {}    # unit -> ctx -> name
        self.next_seq: dict[tuple[str, str, int, str, int], int] = {}  # TCP direction -> seq
        self._last: tuple[Packet, str] | None = None    # the packet being moved, its TCP text

    def of(self, u: Unit, ctx: str) -> dict[str, Capture]:
        return self.by_unit.setdefault(u.name, {}).setdefault(ctx, {})

    def reserved(self, u: Unit, but: tuple[str, str]) -> int:
        """The buffer bytes the unit's captures hold in every context, but capture `but`
        (context, name)."""
        return sum(c.buffer for ctx, caps in self.by_unit.get(u.name, {}).items()
                   for name, c in caps.items() if (ctx, name) != but)

    # -------------------------------------------------------------- the tap
    def begin(self, u: Unit, ctx: str, p: Packet) -> None:
        """A packet arrives: its TCP flags are read now, before it opens a connection."""
        if ctx in u.ctx and any(self.by_unit.values()):
            self._packet_text(u, ctx, p)

    def seen(self, u: Unit, ctx: str, nameif: str, p: Packet) -> None:
        caps = [c for c in self.of(u, ctx).values() if c.kind == "raw-data" and c.wants(nameif, p)]
        if caps:
            self._record(u, ctx, nameif, p, caps, "")

    def dropped(self, u: Unit, ctx: str, nameif: str, p: Packet, reason: str) -> None:
        caps = [c for c in self.of(u, ctx).values() if c.kind == "asp-drop" and c.wants(nameif, p)]
        if caps:
            # unverified: the reason's place on an asp-drop capture line
            self._record(u, ctx, nameif, p, caps, f" Drop-reason: ({reason}) {DROP_TEXT.get(reason, '')}")

    def unit_reset(self, u: Unit) -> None:
        self.by_unit.pop(u.name, None)

    def _record(self, u: Unit, ctx: str, nameif: str, p: Packet, caps: list[Capture], tail: str) -> None:
        text = self._vlan(u, ctx, nameif) + self._packet_text(u, ctx, p) + tail
        rec = Record(u.clock.now, text, _frame_size(p), headers(p.proto, p.src, p.dst, p.nbytes, text))
        for c in caps:
            c.add(rec)

    def _vlan(self, u: Unit, ctx: str, nameif: str) -> str:
        """`802.1Q vlan#N P0 ` before a packet of a VLAN subinterface."""
        cdef = u.sys.contexts.get(ctx)
        itf = u.ctx[ctx].by_nameif(nameif)
        phys = next((a.phys for a in cdef.allocations if itf and a.ctx_name == itf.name), None) if cdef else None
        sysif = u.sys.interfaces.get(phys) if phys else None
        return f"802.1Q vlan#{sysif.vlan} P0 " if sysif is not None and sysif.vlan else ""

    def _packet_text(self, u: Unit, ctx: str, p: Packet) -> str:
        """The packet as the capture prints it; a TCP packet's flags and sequence numbers are
        worked out once, when it is first seen (the same packet leaving reads the same)."""
        if self._last is not None and self._last[0] is p:
            return self._last[1]
        ends = f"{p.src[0]}.{p.src[1]} > {p.dst[0]}.{p.dst[1]}:"
        if p.proto != "TCP":
            text = f"{ends}  udp {p.nbytes}"
        else:
            text = f"{ends} {self._tcp(u, ctx, p)}"
        self._last = (p, text)
        return text

    def _tcp(self, u: Unit, ctx: str, p: Packet) -> str:
        """SYN for a packet that opens a connection, FIN for a close, data (P, or `.` for an
        empty segment) otherwise; absolute sequence numbers from a stable initial one per
        direction.  # unverified: flags and numbers are modelled (the traffic engine has no
        handshake), the layout is the tunnelsup.com one."""
        key = ("TCP", p.src[0], p.src[1], p.dst[0], p.dst[1])
        back = ("TCP", p.dst[0], p.dst[1], p.src[0], p.src[1])
        opening = self.eng.of(u).table(ctx).get(p.proto, p.src, p.dst) is None and not p.close
        seq = self.next_seq.pop(key, _isn(key))      # re-inserted below: the newest are kept
        if len(self.next_seq) >= SEQ_KEPT:
            self.next_seq.pop(next(iter(self.next_seq)))
        if opening:
            self.next_seq[key] = seq + 1
            return f"S {seq}:{seq}(0) win {WINDOW}"
        ack = self.next_seq.get(back, _isn(back) + 1)
        if p.close:
            self.next_seq[key] = seq + 1
            return f"F {seq}:{seq}(0) ack {ack} win {WINDOW}"
        self.next_seq[key] = seq + p.nbytes
        if p.nbytes == 0:
            return f". ack {ack} win {WINDOW}"
        return f"P {seq}:{seq + p.nbytes}({p.nbytes}) ack {ack} win {WINDOW}"


def _isn(key: tuple[str, str, int, str, int]) -> int:
    return zlib.crc32(" ".join(map(str, key)).encode())


def _frame_size(p: Packet) -> int:
    """Ethernet, IP and TCP/UDP headers and the payload.  # unverified: what a real buffer
    counts per packet."""
    return 14 + 20 + (20 if p.proto == "TCP" else 8) + p.nbytes


def find_captures(eng: Traffic) -> Captures | None:
    """The lab's captures, if a capture command made them."""
    return next((tap for tap in eng.taps if isinstance(tap, Captures)), None)


def captures(eng: Traffic) -> Captures:
    """The lab's captures: made, and hung on the traffic engine, by the first capture command."""
    found = find_captures(eng)
    if found is not None:
        return found
    found = Captures(eng)
    eng.taps.append(found)
    return found
