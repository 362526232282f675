"""Rules of a unit's interfaces: which are monitored for failover, and their traffic counters.

Physical interfaces are monitored by default, subinterfaces are not; `[no] monitor-interface`
overrides either (configuration guide, "Interface Monitoring").  The failover engine, `show
failover`, `show running-config` and the `monitor-interface` command all ask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config.model import ContextConfig, CtxInterface
    from .unit import Unit


def phys_of(unit: Unit, context: str, ctx_ifname: str) -> str:
    cdef = unit.sys.contexts.get(context)
    if cdef:
        for a in cdef.allocations:
            if a.ctx_name == ctx_ifname:
                return a.phys
    return ctx_ifname


def is_monitored(unit: Unit, ctx: ContextConfig, itf: CtxInterface, phys: str | None = None) -> bool:
    """Physical interfaces are monitored by default, subinterfaces are not.  `phys`: the
    physical interface, when the caller knows it (saves a walk of the allocations)."""
    if not itf.nameif:
        return False
    explicit = ctx.monitor.get(itf.nameif)
    if explicit is not None:
        return explicit
    return "." not in (phys if phys is not None else phys_of(unit, ctx.name, itf.name))


def monitored_count(unit: Unit) -> int:
    """How many interfaces are monitored (kept until the configuration changes)."""
    return unit.derived("monitored_count", lambda: sum(
        1 for name, phys, itf in unit.named_interfaces() if is_monitored(unit, unit.ctx[name], itf, phys)))


@dataclass
class IfCounters:
    """What one context interface saw (Traffic Statistics and ASR lines of `show interface`)."""

    packets_in: int = 0
    bytes_in: int = 0
    packets_out: int = 0
    bytes_out: int = 0
    dropped: int = 0
    asr_received: int = 0
    asr_transmitted: int = 0
    asr_dropped: int = 0

    def add(self, other: IfCounters) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
