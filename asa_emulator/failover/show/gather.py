"""Gather the `show failover` views (model.py) from the pair's state, for render.py to print.

Chapter 34, "Monitoring Failover": `show failover [group N | state | history | interface |
exec ... | descriptions]`, `show monitor-interface`; and the lab's `@status` row.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import TYPE_CHECKING, Any

from ...config.defaults import MAX_MONITORED
from ...device import messages
from ...device.addresses import current_ipv6, failover_on
from ...device.interfaces import address_holder, has_standby_address, is_monitored, monitored_count
from ...kept import memo
from .. import health
from ..remote import show_exec
from ..state import UNIT, GroupState, PairState, Reason, UnitFailover, sys_shut
from . import render
from .model import (
    DEFAULT_GROUP_STAT_NAMES,
    FailoverView,
    GroupView,
    HistoryEntry,
    HostView,
    IfaceView,
    LinkView,
    StateView,
    StatRow,
    stat_names,
)

if TYPE_CHECKING:
    from ...device.commands import Command
    from ...device.unit import Unit

SHORT_REASONS = {Reason.INTERFACE_CHECK: "Ifc Failure", Reason.HELLO_LOST: "Comm Failure"}


# One function per form of the command (its grammar alias): failover/show_commands.py
# registers each as the handler of its alias.

def show_monitor_interface(pair: PairState, cmd: Command) -> list[str]:
    u, space = cmd.unit, cmd.session.space      # single mode: the one space's interfaces
    if space is None:
        # the system space: every context's interfaces, each named with its context
        return render.show_monitor_interface(view(pair, u), None)
    return render.show_monitor_interface(view(pair, u, (space,)), space)


def show_failover(pair: PairState, cmd: Command) -> list[str]:
    u, context = cmd.unit, cmd.session.context
    if context and not u.single:
        # inside a security context: that context's view, not the whole system
        return render.show_failover_context(view(pair, u), context)
    return render.show_failover(view(pair, u))


def show_failover_group(pair: PairState, cmd: Command) -> list[str]:
    u = cmd.unit
    gid = int(cmd.value("N_1_2") or 1)
    if gid not in u.sys.failover.group_ids():
        cmd.error(messages.failover_group_missing(gid))
    return render.show_failover_group(view(pair, u), gid)


def show_failover_state(pair: PairState, cmd: Command) -> list[str]:
    return list(_state_lines(pair, cmd.unit))


def show_failover_history(pair: PairState, cmd: Command) -> list[str]:
    return render.show_failover_history(history(pair, cmd.unit))


def show_failover_interface(pair: PairState, cmd: Command) -> list[str]:
    return render.show_failover_interface(view(pair, cmd.unit, ()))


def show_failover_exec(pair: PairState, cmd: Command) -> list[str]:
    return show_exec(pair, cmd)


def show_failover_descriptions(pair: PairState, cmd: Command) -> list[str]:
    return _descriptions(cmd.unit)


def _descriptions(u: Unit) -> list[str]:
    f = u.sys.failover
    return [f"  {name}: {('LAN' if f.lan_if and f.lan_if[0] == name else '')}"
            f"{'/' if f.lan_if and f.link and f.lan_if[0] == f.link[0] == name else ''}"
            f"{('STATE' if f.link and f.link[0] == name else '')} Failover Interface"
            # the LAN link first, then the state link: in that order, whatever the hash seed
            for name in dict.fromkeys(n for n, _ in filter(None, (f.lan_if, f.link)))]


def history(pair: PairState, u: Unit) -> list[HistoryEntry]:
    """Active/Standby history has no group column: its entries are the unit's."""
    aa = pair.active_active_of(u)
    return [HistoryEntry(render.format_time(h.at), h.group if aa else None, h.from_state,
                         h.to_state, h.reason)
            for h in pair.of(u).history]


Contexts = Collection[str] | None
"""The contexts whose interfaces a view lists: None for all of them."""


def _ifaces(pair: PairState, u: Unit, as_other: bool, contexts: Contexts) -> tuple[IfaceView, ...]:
    # one line per named interface of every listed context (thousands on a large lab), kept
    # per context (u.kept, for u's failover state) while what they show is the same: the key holds the
    # generation of the context's configuration (ConfigSpaces.config_touched), what the lines take
    # from the system space (_system_part), the links' generation (Wiring.gen) and, for a
    # context with monitored interfaces, its interfaces' statuses' (UnitFailover.
    # monitoring_changed), and the context's group state here.  After a system-space command
    # that may have changed what contexts read of it (ConfigSpaces.inputs_gen), each context's
    # system part is looked at again, its lines made again only if it moved; after any other
    # (a port's description) only the contexts with IPv6 lines are.
    fo = pair.of(u)
    kept: dict[str, tuple[tuple[object, ...], int | None, tuple[IfaceView, ...], Any]] = u.kept.get(
        u, "failover_iface_views", fo, dict)
    # the system space's generations the kept entries were last checked at: (sys_gen, inputs_gen)
    checked: list[int] = u.kept.get(u, "failover_iface_views_checked", fo, lambda: [-1, -1])
    spaces = u.spaces
    sys_moved = checked[0] != spaces.sys_gen
    spaces.settle_inputs()
    inputs_gen = spaces.inputs_gen
    inputs_moved = checked[1] != inputs_gen
    if sys_moved:
        checked[0] = spaces.sys_gen
    if inputs_moved:
        checked[1] = inputs_gen
        if len(kept) > 2 * len(u.sys.contexts) + 16:
            kept.clear()                # contexts removed since: drop what they left
    ran = failover_on(u)
    fixed = (ran, fo.paired, pair.link.gen)
    ctx_gen, mon_gen = u.spaces.ctx_gen, fo.mon_gen
    linked: dict[str, bool] = {}            # per port: it has a link (_plain_status)
    out: list[IfaceView] = []
    for name in _listed(u, contexts):
        found = kept.get(name)
        key = (fixed, ctx_gen.get(name, 0), u.is_active_here(name))
        if found is None or inputs_moved or (sys_moved and found[3] is None):
            part = _system_part(u, name)
            moved = found is None or part is None or found[3] != part
        else:
            part, moved = found[3], False
        if moved or found is None or found[0] != key or (found[1] is not None and found[1] != mon_gen):
            views, monitors, v6 = _context_ifaces(pair, u, name, ran and not key[2], linked)
            # an IPv6 line's link-local address follows the MAC addresses, which system-space
            # settings move: such a context is made again after any system-space command
            found = kept[name] = (key, mon_gen if monitors else None, views, None if v6 else part)
        out += found[2]
    return tuple(out)


def _system_part(u: Unit, name: str) -> tuple[tuple[str, str | None, bool | None], ...] | None:
    """What a context's interface lines take from the system space (but for an IPv6
    address's, see _ifaces): its allocations and their ports' `shutdown`."""
    cdef = u.sys.contexts.get(name)
    if cdef is None or name not in u.ctx:
        return None
    sys_ifs = u.sys.interfaces
    return tuple([(a.phys, a.mapped, sysif.shutdown if (sysif := sys_ifs.get(a.phys)) else None)
                  for a in cdef.allocations])


def _context_ifaces(pair: PairState, u: Unit, name: str, standby_here: bool,
                    linked: dict[str, bool]) -> tuple[tuple[IfaceView, ...], bool, bool]:
    """A context's interface lines, whether one is monitored (its status then comes from
    the monitoring) and whether one shows an IPv6 address.  What is the same for the whole context is worked out once, the rest
    inline (the helpers named in the comments say what each step is)."""
    cdef, ctx = u.sys.contexts.get(name), u.ctx.get(name)
    if cdef is None or ctx is None:
        return (), False, False
    fo = pair.of(u)
    paired, ifmon = fo.paired, fo.ifmon
    sys_ifs, cables, unit_name = u.sys.interfaces, pair.link, u.name
    itfs, monitor = ctx.interfaces, ctx.monitor
    out: list[IfaceView] = []
    monitors = v6_used = False
    for a in cdef.allocations:
        phys = a.phys
        itf = itfs.get(a.mapped or phys)    # a.ctx_name
        if itf is None or not itf.nameif:
            continue
        nameif = itf.nameif
        # address_holder: a bridge-group member shows its BVI's addresses (before 8.4: the
        # context's management address)
        holder = (itf if itf.bridge_group is None and ctx.mgmt_ip is None
                  else address_holder(ctx, itf))
        hip = holder.ip
        # ip_held: the standby address where the context's group is standby here
        ipv4 = ((hip[2] or None) if standby_here else hip[0]) if hip else None
        v6 = None
        if holder.ipv6:
            v6, v6_used = current_ipv6(u, name, holder, phys, not standby_here), True
        # is_monitored: an explicit `monitor-interface`, else physical interfaces only
        explicit = monitor.get(nameif)
        monitored = explicit if explicit is not None else "." not in phys
        monitors = monitors or monitored
        mon = ifmon.get((name, nameif)) if paired and monitored else None
        if mon is not None:
            status = mon.status
        else:
            # _plain_status, with each port's link looked up once
            sysif = sys_ifs.get(phys)
            if itf.shutdown or (sysif and sysif.shutdown):
                status = "Link Down"
            else:
                port = phys.split(".")[0]
                up = linked.get(port)
                if up is None:
                    up = linked[port] = cables.has_link(unit_name, port)
                status = "Normal" if up else "No Link"
        if not monitored:
            tag = "Not-Monitored"
        elif not has_standby_address(holder):
            # never tested (no standby address): the link's own state, or Unknown with no
            # address at all (9.12 capture: `Interface outside (0.0.0.0): Unknown (Waiting)`)
            tag = "Waiting"
            status = (_plain_status(u, phys, itf.shutdown, pair) if hip or holder.ipv6
                      else "Unknown")
        elif not paired or status == "Unknown":
            tag = "Waiting"
        else:
            tag = "Monitored"
        out.append(_iface_view((name, nameif, ipv4, v6, status, tag)))
    return tuple(out), monitors, v6_used


# IfaceView(...) without the named tuple's Python-level __new__ (a call per line of a
# `show failover` that lists thousands): the fields in IfaceView's order
_iface_view = partial(tuple.__new__, IfaceView)


def _listed(u: Unit, contexts: Contexts) -> Collection[str]:
    """The contexts whose interfaces are listed, in the system's context order."""
    if contexts is None:
        return u.sys.contexts
    wanted = set(contexts)
    if len(wanted) <= 1:
        return wanted
    return [c for c in u.sys.contexts if c in wanted]


def _unheard_ifaces(u: Unit, contexts: Contexts) -> tuple[IfaceView, ...]:
    """A mate that is not heard: its interfaces as this unit's configuration has them, each
    with the address the mate holds (the other one of each pair), status unknown
    (`Interface outside (10.0.0.2): Unknown (Waiting)`, 9.12 capture with a failed mate)."""
    out: list[IfaceView] = []
    named = u.spaces.named_interfaces() if contexts is None else u.spaces.named_interfaces_in(contexts)
    for name, phys, itf in named:
        ctx = u.ctx[name]
        ip = None
        holder = address_holder(ctx, itf)
        if holder.ip:
            addr, _mask, standby = holder.ip
            ip = (standby or None) if u.is_active_here(name) else addr
        tag = "Waiting" if is_monitored(u, ctx, itf, phys) else "Not-Monitored"
        out.append(IfaceView(name, itf.nameif, ip, None, "Unknown", tag))
    return tuple(out)


def _plain_status(u: Unit, phys: str, shut: bool, pair: PairState) -> str:
    sysif = u.sys.interfaces.get(phys)
    if shut or (sysif and sysif.shutdown):
        return "Link Down"
    if not pair.link.has_link(u.name, phys):
        return "No Link"
    return "Normal"


def _groups(pair: PairState, u: Unit, alive: bool) -> tuple[GroupView, ...]:
    fo = pair.of(u)
    now = pair.clock.now
    out = []
    for gid in pair.gids_of(u):
        g = fo.groups[gid]
        failure = g.last_failure
        if failure is None:
            reason, when = "None", None
        else:
            reason = SHORT_REASONS.get(failure[0], failure[0])
            when = render.format_time(failure[1])
        details: tuple[str, ...] = ()
        if g.state == "Failed" and g.failure == "Interface check":
            details = tuple(f"{c} {n}: {m.status}" for (c, n), m in fo.ifmon.items()
                            if m.status in ("Failed", "No Link") and u.spaces.group_of(c) == gid)
        if alive:
            out.append(GroupView(gid, g.state, g.active_time_ms(now) // 1000, reason, when, details))
        else:
            out.append(GroupView(gid, "Failed", 0, reason, when, details))
    return tuple(out)


def _host(pair: PairState, u: Unit, contexts: Contexts, alive: bool = True,
          as_other: bool = False) -> HostView:
    # `show failover state` names no contexts: no interfaces to gather
    listed = alive and (contexts is None or bool(contexts))
    return HostView(role=pair.role(u), groups=_groups(pair, u, alive), model=u.hw.model,
                    hw_rev=u.hw.hw_rev, version=u.hw.version,
                    interfaces=_ifaces(pair, u, as_other, contexts) if listed else (), present=alive)


def _link(pair: PairState, u: Unit, link: tuple[str, str] | None, lan: bool) -> LinkView | None:
    if link is None:
        return None
    f = u.sys.failover
    fo = pair.of(u)
    name, phys = link
    ip = f.ips.get(name)
    cables = pair.link
    if sys_shut(u, phys):
        # 9.12 capture: `Link : foupdateif ... (administratively down)`; a subinterface whose
        # physical port is shut down is down with it
        state = "administratively down"
    elif lan and fo.lan_failed:
        state = "Failed"
    else:
        state = "up" if cables.has_link(u.name, phys) and not cables.cable_cut(u.name, phys) else "down"
    mask = ip.mask.lstrip("/") if ip else None
    return LinkView(name, phys, state, ip.active if ip else None, mask, ip.standby if ip else None)


def refused_mate(pair: PairState, u: Unit) -> bool:
    """The mate's hellos are heard but it cannot be our mate (prerequisites, or the same
    `failover lan unit`): it is known, and shown Failed."""
    return pair.of(u).mismatch in ("prereq", "role") and pair.mate(u).up


def pair_standby(pair: PairState, u: Unit) -> bool:
    """After `no failover` the unit keeps its states: standby for the system space's group
    (group 1) makes it a pseudo-Standby."""
    g = pair.of(u).groups[1]
    return g.state != "Not Detected" and not g.active


def _other(pair: PairState, u: Unit, contexts: Contexts) -> HostView:
    """The mate, as u sees it."""
    fo = pair.of(u)
    m = pair.mate(u)
    if fo.paired or fo.lan_failed:
        # still paired: the mate as last heard, even if it has just gone silent
        return _host(pair, m, contexts, alive=True, as_other=True)
    # a mate heard but refused (prerequisites) is known, and shown failed
    refused = refused_mate(pair, u)
    state = "Failed" if fo.mate_failed or refused else "Not Detected"
    reason = "Comm Failure" if fo.mate_failed else "Config Mismatch" if refused else "None"
    when = render.format_time(fo.mate_lost_at) if fo.mate_failed and fo.mate_lost_at else None
    # a mate heard and refused has told its role (the same as ours when that is why)
    return HostView(role=pair.role(m) if refused else pair.role(u).other,
                    groups=tuple(GroupView(g, state, 0, reason, when) for g in pair.gids_of(u)),
                    model=m.hw.model, hw_rev=m.hw.hw_rev, version=m.hw.version,
                    interfaces=_unheard_ifaces(u, contexts), present=False)


def state_view(pair: PairState, u: Unit) -> StateView:
    """What `show failover state` prints, and only that: the units' roles and group states
    (no interfaces, statistics or links to gather)."""
    enabled = u.sys.failover.enabled and pair.of(u).started
    return StateView(_host(pair, u, ()), _other(pair, u, ()) if enabled else None,
                     pair.active_active_of(u))


def _state_key(pair: PairState, u: Unit) -> tuple[object, ...]:
    """What the failover views of u show of the pair's state, as values or as the counters
    that move with them: the views gathered for one key are the same (up to the clock)."""
    fo, m = pair.of(u), pair.mate(u)
    mfo = pair.of(m)
    return (fo, mfo, u.up, m.up,                     # the engine states (new at each boot)
            u.spaces.sys_gen, m.spaces.sys_gen,                   # roles, failover on, groups, contexts' groups
            fo.history_count, mfo.history_count,    # group states and failures (set_state)
            fo.mon_gen, mfo.mon_gen,                # monitored statuses (monitoring_changed)
            fo.started, fo.paired, mfo.paired, fo.lan_failed, fo.mate_failed, fo.mate_lost_at,
            fo.mismatch,
            fo.unit_failure, mfo.unit_failure)     # a failure kept on a group that stays active
                                                    # (health.unit_failed: no state change)


def _state_lines(pair: PairState, u: Unit) -> tuple[str, ...]:
    """`show failover state`, printed again only when what it shows may have changed (a
    replay runs the command thousands of times between two state changes)."""
    return u.kept.get(u, "failover_state_lines", _state_key(pair, u),
                      lambda: tuple(render.show_failover_state(state_view(pair, u))))


def view(pair: PairState, u: Unit, contexts: Contexts = None) -> FailoverView:
    """What the `show failover` family prints.  `contexts`: the contexts whose interfaces
    the command lists (None: all, as `show failover`; () for `show failover state`, which
    lists none: its cost does not grow with the configuration).

    The whole view (contexts None) is kept while nothing it shows has changed but the clock:
    the key is the pair's state (_state_key), every change of either unit's configuration
    (config_gen), of the links and of the Stateful Failover counters; the groups' active
    times, the only fields that move with the clock, are set on every call."""
    if contexts is not None:
        return _view(pair, u, contexts)
    fo, m = pair.of(u), pair.mate(u)
    mfo = pair.of(m)
    # the Stateful Failover counters, read once: for the key, and for the view if it is made
    counted = [tuple(pair.repl_stats(u, g).items()) for g in (None, *pair.gids_of(u))]
    key = (_state_key(pair, u), u.spaces.config_gen, m.spaces.config_gen, pair.link.gen,
           fo.stats_sys_cmd, mfo.stats_sys_cmd, *counted)
    v = u.kept.get(u, "failover_view", key, lambda: _view(pair, u, None, counted))
    now = pair.clock.now
    _set_active_times(v.this, fo, now)
    if v.other is not None and (fo.paired or fo.lan_failed):   # the mate as last heard (_other)
        _set_active_times(v.other, mfo, now)
    return v


def _set_active_times(host: HostView, fo: UnitFailover, now: int) -> None:
    """The groups' active times as of now (what _groups puts in a view of a unit alive)."""
    for gv in host.groups:
        gv.active_time_s = fo.groups[gv.gid].active_time_ms(now) // 1000


def _view(pair: PairState, u: Unit, contexts: Contexts,
          counted: list[Counted] | None = None) -> FailoverView:
    """`counted`: pair.repl_stats of the unit (None) and of each group, if already read."""
    f = u.sys.failover
    fo = pair.of(u)
    m = pair.mate(u)
    mfo = pair.of(m)
    enabled = f.enabled and fo.started
    other = _other(pair, u, contexts) if enabled else None
    mate_known = fo.paired or fo.lan_failed
    # Active/Active: the system-wide `failover polltime interface`, `failover
    # interface-policy` and `failover replication http` have no effect (Guidelines): the
    # header shows what the failover groups use (group 1's poll time and policy, or their
    # defaults; HTTP replication when a group has it).  Active/Standby: the system's own.
    aa = pair.active_active_of(u)
    poll, hold = health.poll_hold(u, 1)
    policy = health.policy(u, 1)
    http = (any(g.replication_http for g in f.groups.values()) if f.groups
            else f.replication_http)
    last = fo.last_failover.get(UNIT)
    gids = pair.gids_of(u)
    if counted is None:
        counted = [tuple(pair.repl_stats(u, g).items()) for g in (None, *gids)]
    return FailoverView(
        enabled=enabled, role=pair.role(u), lan=_link(pair, u, f.lan_if, True),
        this=_host(pair, u, contexts), other=other, active_active=aa,
        state_link=_link(pair, u, f.link, False),
        unit_poll_ms=f.unit_poll_ms, unit_hold_ms=f.unit_hold_ms, if_poll_ms=poll, if_hold_ms=hold,
        policy=f"{policy[0]}%" if policy[1] else str(policy[0]),
        # counted for the views that print the header (all contexts), not per `show failover state`
        monitored=monitored_count(u) if contexts is None else 0,
        monitored_max=MAX_MONITORED,
        replication_http=http,
        last_failover=render.format_time(last) if last is not None and not aa else None,
        pseudo_standby=not enabled and pair_standby(pair, u),
        version_ours=u.hw.version,
        version_mate=m.hw.version if mate_known or refused_mate(pair, u) else None,
        # lines later releases added (docs/asa-failover-output.md §1): the lab's version decides
        reconnect_timeout="0:00:00" if u.hw.at_least(9, 5) else None,
        mac_move_notification="not set" if u.hw.at_least(9, 2) else None,
        serial_ours=u.hw.serial if u.hw.at_least(9, 6) else None,
        serial_mate=m.hw.serial if u.hw.at_least(9, 6) and mate_known else None,
        group_last_failover={g: render.format_time(fo.last_failover[g]) if g in fo.last_failover else None
                             for g in gids},
        stats=_stat_rows(stat_names(u.hw.at_least),
                         (("sys cmd", (fo.stats_sys_cmd, mfo.stats_sys_cmd)), *counted[0])),
        group_stats={g: _stat_rows(DEFAULT_GROUP_STAT_NAMES, c) for g, c in zip(gids, counted[1:], strict=True)},
        context_groups=_context_groups(u, contexts))


def _context_groups(u: Unit, contexts: Contexts) -> dict[str, int]:
    """Each listed context's failover group (ConfigSpaces.group_of, inline for all of them)."""
    if contexts is not None:
        return {c: u.spaces.group_of(c) for c in contexts}
    admin = u.sys.admin_context
    return {c: 1 if c == admin else d.failover_group or 1 for c, d in u.sys.contexts.items()}


Counted = tuple[tuple[str, tuple[int, int]], ...]
"""Stateful Failover counters: (row name, (xmit, rcv)) for the rows counted."""


@memo("failover: statistics rows", 64)
def _stat_rows(names: tuple[str, ...], counted: Counted) -> tuple[StatRow, ...]:
    """A Stateful Failover statistics table: the rows `counted` has as (xmit, rcv), zeros
    elsewhere (no transmit or receive errors are emulated)."""
    # the same few counters from one `show failover` to the next: the rows are built once
    # per set of values
    found = dict(counted)
    return tuple([(name, xmit, 0, rcv, 0) for name in names
                  for xmit, rcv in (found.get(name, _NOT_COUNTED),)])


_NOT_COUNTED = (0, 0)


def status_headings(pair: PairState) -> list[str]:
    """The state columns of `@status`: one per failover group, or the unit's state."""
    return [f"group {g}" for g in pair.gids] if pair.active_active else ["state"]


def status_row(pair: PairState, u: Unit) -> list[str]:
    """The lab's `@status` row for u: role, failover on/off, group states, links."""
    fo = pair.of(u)
    if not u.up:
        return ["-"] * (4 + len(pair.gids))
    f = u.sys.failover
    # failover off: a group that never negotiated is active; one that was running keeps
    # its state (`no failover` leaves standby groups standby), as the prompt shows it
    states: list[str] = [fo.groups[g].state if fo.started or fo.groups[g].state != GroupState.NOT_DETECTED
              else GroupState.ACTIVE for g in pair.gids]
    if u.single:        # a single-mode unit has only its unit-level state (group 1's record)
        states = [s if g == UNIT else "-" for g, s in zip(pair.gids, states, strict=True)]
    lan = "-"
    if f.lan_if:
        lan = f"{f.lan_if[0]} " + ("failed" if fo.lan_failed else
                                    "up" if fo.paired else "down")
    state = f"{f.link[0]}" if f.link else "-"
    return [f.lan_unit, "on" if f.enabled else "off", *states, lan, state]
