"""`show conn [count|detail]` and `clear conn` in a context.

Registered with the device's command registry when the lab imports this module.
"""

from __future__ import annotations

from ..device.commands import Command, handler
from . import show
from .engine import Traffic


def _engine(cmd: Command) -> Traffic:
    eng = cmd.unit.traffic
    if not isinstance(eng, Traffic):
        raise RuntimeError(f"unit {cmd.unit.name} is not part of a lab")
    return eng


@handler("show_conn")
def show_conn(cmd: Command) -> None:
    u, ctx = cmd.unit, cmd.session.context or ""
    eng = _engine(cmd)
    in_use, most = eng.counts(u, ctx)
    if cmd.has("count"):
        cmd.print(*show.show_conn_count(in_use, most))
    elif cmd.has("detail"):
        cmd.print(*show.show_conn_detail(eng.conn_views(u, ctx), in_use, most))
    else:
        cmd.print(*show.show_conn(eng.conn_views(u, ctx), in_use, most))


@handler("clear_conn")
def clear_conn(cmd: Command) -> None:
    proto = next((w.upper() for w in cmd.words if w in ("tcp", "udp")), None)
    port = cmd.value("N_1_65535")
    deleted = _engine(cmd).clear(cmd.unit, cmd.session.context or "", proto,
                                 cmd.value("IPV4"), int(port) if port is not None else None)
    cmd.print(*show.clear_conn(deleted))
