"""Rules of a unit's interfaces: their names as typed, which are monitored for failover, and
their traffic counters.

Physical interfaces are monitored by default, subinterfaces are not; `[no] monitor-interface`
overrides either (configuration guide, "Interface Monitoring").  A monitored interface is
tested only when it has a standby address (`is_tested`).  The failover engine, `show
failover`, `show running-config` and the `monitor-interface` command all ask here.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from ..config.model import CtxInterface
from ..kept import memo
from .derived import Counted, Joined
from .hardware import canonical_interface

if TYPE_CHECKING:
    from ..config.model import ContextConfig
    from .commands import Command
    from .unit import Unit


def phys_name(cmd: Command, terminal: str = "PHY_IF", nth: int = 0) -> str:
    """The canonical physical interface a PHY_IF word names, or the `^` error."""
    typed = cmd.values(terminal)[nth]
    name = canonical_interface(typed, cmd.unit.hw.interfaces)
    if name is None:
        cmd.invalid_token(terminal, nth)
        raise AssertionError  # unreachable: invalid_token raises
    return name


def norm_mac(mac: str) -> str:
    """`0:1a.b` -> `0000.001a.000b`: the form the ASA prints."""
    return ".".join(part.zfill(4) for part in mac.lower().split("."))


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


def address_holder(ctx: ContextConfig, itf: CtxInterface) -> CtxInterface:
    """The interface whose addresses stand for itf: itself, or in transparent mode the BVI of
    its bridge group (the management address, since 8.4(1)), which failover's hellos use;
    before 8.4 the context's one management address (`ip address` at (config)#)."""
    if itf.bridge_group is not None:
        return ctx.interfaces.get(f"BVI{itf.bridge_group}", itf)
    if ctx.mgmt_ip is not None and ctx.transparent and itf.nameif:
        return _managed(itf.name, ctx.mgmt_ip)
    return itf


@memo("interfaces: pre-8.4 management address holder", 1024)
def _managed(name: str, ip: tuple[str, str, str | None]) -> CtxInterface:
    # read only: the views take its addresses
    return CtxInterface(name, ip=ip)


def has_standby_address(itf: CtxInterface) -> bool:
    """The interface has a standby address (IPv4 `standby`, or an IPv6 address with one)."""
    return bool((itf.ip and itf.ip[2]) or any(standby for _, standby in itf.ipv6))


def is_tested(unit: Unit, ctx: ContextConfig, itf: CtxInterface, phys: str | None = None) -> bool:
    """A monitored interface that failover actually tests: the two units exchange hellos on
    it only when each has an address there, so one without a standby address is never
    tested.  It stays in the `Waiting` state (`Normal (Waiting)`, `Unknown (Waiting)` without
    any address), never Testing or Failed, and never counts towards the interface policy
    (chapter 34 guidelines: "standby IP addresses need to be configured on all interfaces")."""
    return is_monitored(unit, ctx, itf, phys) and has_standby_address(address_holder(ctx, itf))


def sys_shut(u: Unit, phys: str) -> bool:
    """The system space has shut the port down: the port itself or, for a subinterface,
    its parent (a subinterface carries nothing while its physical port is shut down)."""
    for name in dict.fromkeys((phys, phys.split(".")[0])):
        itf = u.sys.interfaces.get(name)
        if itf and itf.shutdown:
            return True
    return False


class Monitoring(NamedTuple):
    """The interfaces failover monitors on a unit, derived from the configuration."""

    tested: tuple[tuple[str, str, str, int], ...]   # (context, nameif, physical, group) tested
    shut: frozenset[tuple[str, str]]    # (context, nameif) of those shut down (context or system)
    total: int                          # monitored interfaces, tested or waiting


# (context, nameif, physical, group, tested, shut down) of a monitored interface
_Monitored = tuple[str, str, str, int, bool, bool]


def monitoring(unit: Unit) -> Monitoring:
    """The monitored interfaces, kept per context: a command in one context rebuilds that
    context's part only (device/derived.py)."""
    kept = unit.spaces.per_context(unit.kept.get(unit, "monitoring", None,
                                          lambda: Joined(partial(_monitored_in, unit), _monitoring)))
    return kept.value(unit.spaces.context_places())


def _monitored_in(unit: Unit, name: str) -> tuple[_Monitored, ...]:
    # rebuilt for every context after a system-space command (a large lab: thousands of
    # interfaces, mostly unmonitored subinterfaces): ConfigSpaces.named_interfaces_in and
    # is_monitored inline, the rest only for the monitored ones
    ctx, cdef = unit.ctx.get(name), unit.sys.contexts.get(name)
    if ctx is None or cdef is None:
        return ()
    itfs, monitor = ctx.interfaces, ctx.monitor
    group = unit.spaces.group_of(name)
    out: list[_Monitored] = []
    for a in cdef.allocations:
        phys = a.phys
        itf = itfs.get(a.mapped or phys)        # a.ctx_name
        if itf is None or not itf.nameif:
            continue
        explicit = monitor.get(itf.nameif)
        if not (explicit if explicit is not None else "." not in phys):
            continue
        # is_tested, the interface known monitored
        tested = has_standby_address(address_holder(ctx, itf))
        # whether it is shut matters only for a tested one (_monitoring)
        shut = tested and (itf.shutdown or sys_shut(unit, phys)
                           or any(i.shutdown for i in itfs.values() if i.nameif == itf.nameif))
        out.append((name, itf.nameif, phys, group, tested, shut))
    return tuple(out)


def _monitoring(entries: tuple[_Monitored, ...]) -> Monitoring:
    return Monitoring(tuple(e[:4] for e in entries if e[4]),
                      frozenset((e[0], e[1]) for e in entries if e[4] and e[5]),
                      len(entries))


def monitored_count(unit: Unit) -> int:
    """How many interfaces are monitored (kept per context, see monitoring)."""
    return monitoring(unit).total


def live_ports(unit: Unit) -> Collection[str]:
    """The physical ports of the unit's named interfaces that are not shut down (kept per
    context: each port counted by the contexts that use it)."""
    kept = unit.spaces.per_context(unit.kept.get(unit, "live_ports", None, lambda: Counted(partial(_live_in, unit))))
    return kept.counts.keys()


def _live_in(unit: Unit, name: str) -> tuple[str, ...]:
    return tuple(phys for _, phys, itf in unit.spaces.named_interfaces_in((name,))
                 if not itf.shutdown and not sys_shut(unit, phys))

