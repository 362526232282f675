"""`show local-host [all]` in a context (and single mode): the hosts of the context's
connection table, interface by interface (grammar/traffic.lark, `show_local_host`).

Layout: the command reference's example of `show local-host` (ASA 7.x/8.x command reference,
"show local-host": `Interface inside: 1 active, 1 maximum active, 0 denied`, then per host
`local host: <10.1.1.15>,` and its four limit lines, `  Conn:` and the host's connections),
recalled, not copied from a capture found here  # unverified.  The connection lines are
`show conn`'s (traffic/show.py).  A host is an address at an end of a connection, on that
end's interface; `maximum active` is the most hosts the interface had at once (ConnTable).
No connection limit is configurable in the emulator: every limit is `unlimited`, nothing is
denied.  `all` adds the hosts that talk to the unit itself: its SSH clients on a connected
subnet of the context.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..device import routes
from ..device.commands import Command, handler
from ..records import dataclass
from . import show
from .engine import Traffic
from .table import TCP


@dataclass(frozen=True)
class HostView:
    ip: str
    tcp: int                    # TCP connections of the host
    udp: int
    conns: tuple[str, ...]      # their `show conn` lines


def interface_block(nameif: str, hosts: Sequence[HostView], peak: int) -> list[str]:
    out = [f"Interface {nameif}: {len(hosts)} active, {max(peak, len(hosts))} maximum active, 0 denied"]
    for h in hosts:
        out += [f"local host: <{h.ip}>,",
                f"    TCP flow count/limit = {h.tcp}/unlimited",
                "    TCP embryonic count to host = 0",
                "    TCP intercept watermark = unlimited",
                f"    UDP flow count/limit = {h.udp}/unlimited"]
        if h.conns:
            out += ["  Conn:", *(f"    {line}" for line in h.conns)]
    return out


def _gather(eng: Traffic, cmd: Command, with_own: bool) -> list[str]:
    u, ctx = cmd.unit, cmd.session.context or ""
    cfg = u.ctx.get(ctx)
    if cfg is None:
        return []
    table = eng.of(u).table(ctx)
    views = {id(c): v for c, v in zip(table, eng.conn_views(u, ctx), strict=True)}
    # per (nameif, address): its TCP and UDP counts and conn lines, in the order they came
    counts: dict[tuple[str, str], list[int]] = {}
    lines: dict[tuple[str, str], list[str]] = {}
    for c in table:
        for end in (c.initiator, c.responder):
            key = (end.nameif, end.ip)
            counts.setdefault(key, [0, 0])[0 if c.proto == TCP else 1] += 1
            lines.setdefault(key, []).append(show.conn_line(views[id(c)]))
    if with_own:
        for r in u.mgmt.ssh:
            route = routes.lookup(u, ctx, r.client_ip) if r.context == ctx else None
            if route is not None and route.gateway is None:
                counts.setdefault((route.nameif, r.client_ip), [0, 0])[0] += 1
    out: list[str] = []
    for nameif in _nameifs(cmd):
        hosts = [HostView(ip, tcp, udp, tuple(lines.get((n, ip), ())))
                 for (n, ip), (tcp, udp) in counts.items() if n == nameif]
        out += interface_block(nameif, hosts, table.host_peak.get(nameif, 0))
    return out


def _nameifs(cmd: Command) -> list[str]:
    """The context's named interfaces, in allocation order."""
    u, ctx = cmd.unit, cmd.session.context or ""
    return [itf.nameif for c, _, itf in u.spaces.named_interfaces_in((ctx,)) if c == ctx]


@handler("show_local_host")
def show_local_host(cmd: Command) -> None:
    eng = cmd.unit.traffic
    if not isinstance(eng, Traffic):
        raise RuntimeError(f"unit {cmd.unit.name} is not part of a lab")
    cmd.print(*_gather(eng, cmd, cmd.has("all")))
