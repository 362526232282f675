"""`show conn [count|detail]` and `clear conn` in a context; `show access-list` (hit counts),
`clear access-list [NAME] counters`, `show asp drop` and `clear asp drop`.

Registered with the device's command registry when the lab imports this module.
"""

from __future__ import annotations

from ..device import acl, asp_table
from ..device import messages as msg
from ..device.commands import Command, handler
from ..device.show import clock_text
from . import (
    inspection,
    local_host,  # noqa: F401  (registers `show local-host`)
    show,
)
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
    cmd.print(*show.show_conn(eng.conn_views(u, ctx), *eng.counts(u, ctx)))


@handler("show_conn_count")
def show_conn_count(cmd: Command) -> None:
    cmd.print(*show.show_conn_count(*_engine(cmd).counts(cmd.unit, cmd.session.context or "")))


@handler("show_conn_detail")
def show_conn_detail(cmd: Command) -> None:
    u, ctx = cmd.unit, cmd.session.context or ""
    eng = _engine(cmd)
    cmd.print(*show.show_conn_detail(eng.conn_views(u, ctx), *eng.counts(u, ctx)))


@handler("clear_conn")
def clear_conn(cmd: Command) -> None:
    proto = next((w.upper() for w in cmd.words if w in ("tcp", "udp")), None)
    port = cmd.value("N_1_65535")
    deleted = _engine(cmd).clear(cmd.unit, cmd.session.context or "", proto,
                                 cmd.value("IPV4"), int(port) if port is not None else None)
    cmd.print(*show.clear_conn(deleted))


# ---------------------------------------------------------------- access lists, ASP drops

@handler("show_access_list")
def show_access_list(cmd: Command) -> None:
    u, ctx = cmd.unit, cmd.session.context or ""
    only = cmd.value("OBJECT_NAME")
    cfg = u.ctx[ctx]
    if only is not None and only not in cfg.access_lists:
        cmd.error(msg.acl_missing(only))
    eng = _engine(cmd)
    if cmd.has("brief"):
        cmd.print(*acl.show_access_list_brief(cfg, eng.acl_hits(u, ctx), eng.acl_last_hits(u, ctx), only))
        return
    cmd.print(*acl.show_access_list(cfg, eng.acl_hits(u, ctx), only))


@handler("clear_acl_counters")
def clear_acl_counters(cmd: Command) -> None:
    u, ctx = cmd.unit, cmd.session.context or ""
    only = cmd.value("NAME")
    if only is not None and only not in u.ctx[ctx].access_lists:
        cmd.error(msg.acl_missing(only))
    _engine(cmd).clear_acl_hits(u, ctx, only)


@handler("show_asp_drop")
def show_asp_drop(cmd: Command) -> None:
    """The unit's accelerated security path counters (one set per unit; shown the same in the
    system space and every context: unverified for multiple context mode)."""
    eng = _engine(cmd)
    when = eng.of(cmd.unit).drops_cleared
    cleared = "Never" if when is None else f"{clock_text(when)} by enable_15"
    cmd.print(*acl.show_asp_drop(eng.asp_drops(cmd.unit), cleared))


@handler("clear_asp_drop")
def clear_asp_drop(cmd: Command) -> None:
    _engine(cmd).clear_asp_drops(cmd.unit, cmd.unit.clock.now)


# ---------------------------------------------------------------- service policies

@handler("show_service_policy")
def show_service_policy(cmd: Command) -> None:
    u, ctx = cmd.unit, cmd.session.context or ""
    cfg = u.ctx[ctx]
    only = "global" if cmd.has("global") else cmd.value("NAME")
    if only not in (None, "global") and cfg.by_nameif(only or "") is None:
        cmd.invalid_token("NAME")
    counts = _engine(cmd).inspections.of(u)
    # the long 9.x counter line from 9.5 on (traffic/inspection.py)
    cmd.print(*inspection.show_service_policy(ctx, cfg, counts, long=u.hw.at_least(9, 5), only=only))


@handler("show_asp_table_classify")
def show_asp_table_classify(cmd: Command) -> None:
    """The classifier entries of the context's inbound access-groups, with the hit counts
    `show access-list` shows (device/asp_table.py)."""
    u, ctx = cmd.unit, cmd.session.context or ""
    cfg = u.ctx[ctx]
    interface, domain = cmd.after("interface"), cmd.after("domain")
    if interface is not None and cfg.by_nameif(interface) is None:
        cmd.invalid_token("NAME")
    nameifs = [itf.nameif for itf in cfg.interfaces.values() if itf.nameif]
    cmd.print(*asp_table.show_asp_classify(cfg, nameifs, _engine(cmd).acl_hits(u, ctx),
                                           interface=interface, domain=domain))
