"""Renderers for the failover `show` commands: view -> list of output lines.

Pure functions: no I/O, no clock. Layouts and their evidence are in
docs/asa-failover-output.md; the short version:

* header lines at column 0, `Failover On ` / `Failover Off ` with a trailing space
  (raw 8.0(4) and 9.6(4)5 captures keep it);
* Active/Standby host blocks at 8 / 16 / 18 spaces (many real captures);
* Active/Active host blocks `  This host:    Primary`, `  Group 1       State:          Active`,
  `                Active time:    2896 (sec)` (Cisco command-reference layout);
* the statistics table as `%-16s%-11s%-11s%-11s%-10s` after 8 spaces (rerr column padded,
  as in the raw 9.6(4)5 capture).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ...kept import memo
from .model import (
    FailoverView,
    GroupView,
    HistoryEntry,
    HostView,
    IfaceView,
    LinkView,
    StateView,
    StatRow,
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HISTORY_RULE = "=" * 74
_I8 = " " * 8
_I16 = " " * 16
_I18 = " " * 18


@memo("failover: event times", 1024)
def format_time(ms_since_epoch_utc: int, tz_name: str = "UTC", tz_offset_min: int = 0) -> str:
    """`13:40:18 UTC Dec 9 2004`: the ASA's timestamp for failover events (day not padded).
    Cached: `show failover state` prints the same few failure times again and again."""
    moment = datetime.fromtimestamp(ms_since_epoch_utc / 1000, tz=UTC)
    moment += timedelta(minutes=tz_offset_min)
    return (f"{moment:%H:%M:%S} {tz_name} {_MONTHS[moment.month - 1]} "
            f"{moment.day} {moment.year}")


def format_poll(ms: int) -> str:
    """`1 seconds`, `15 seconds`, `500 milliseconds` (whole seconds print as seconds)."""
    if ms % 1000 == 0:
        return f"{ms // 1000} seconds"
    return f"{ms} milliseconds"


# --------------------------------------------------------------------------- pieces

def _lan_line(v: FailoverView) -> str:
    if v.lan is None:
        return "Failover LAN Interface: not Configured"
    return f"Failover LAN Interface: {v.lan.nameif} {v.lan.phys} ({v.lan.state})"


def _header(v: FailoverView) -> list[str]:
    lines = [
        "Failover On " if v.enabled else
        "Failover Off (pseudo-Standby)" if v.pseudo_standby else "Failover Off ",
        f"Failover unit {v.role}",
        _lan_line(v),
    ]
    if v.reconnect_timeout is not None:
        lines.append(f"Reconnect timeout {v.reconnect_timeout}")
    lines += [
        f"Unit Poll frequency {format_poll(v.unit_poll_ms)}, holdtime {format_poll(v.unit_hold_ms)}",
        (f"Interface Poll frequency {format_poll(v.if_poll_ms)}, "
         f"holdtime {format_poll(v.if_hold_ms)}"),
        f"Interface Policy {v.policy}",
        f"Monitored Interfaces {v.monitored} of {v.monitored_max} maximum",
    ]
    if v.mac_move_notification is not None:
        lines.append(f"MAC Address Move Notification Interval {v.mac_move_notification}")
    if v.replication_http:
        lines.append("failover replication http")
    return lines


def _versions(v: FailoverView) -> list[str]:
    lines = [f"Version: Ours {v.version_ours}, Mate {v.version_mate or 'Unknown'}"]
    if v.serial_ours is not None:
        lines.append(f"Serial Number: Ours {v.serial_ours}, Mate {v.serial_mate or 'Unknown'}")
    return lines


def _ip_text(iface: IfaceView) -> str:
    text = iface.ipv4 or "0.0.0.0"
    if iface.ipv6:
        text += f"/{iface.ipv6}"
    return text


def iface_line(iface: IfaceView, with_context: bool = True) -> str:
    """`admin Interface outside (10.0.0.1): Normal (Monitored)` (no indentation)."""
    prefix = f"{iface.context} " if with_context and iface.context else ""
    suffix = f" ({iface.monitor})" if iface.monitor else ""
    return f"{prefix}Interface {iface.nameif} ({_ip_text(iface)}): {iface.status}{suffix}"


def _slot_line(host: HostView) -> str:
    return (f"slot {host.slot}: {host.model} hw/sw rev ({host.hw_rev}/{host.version}) "
            f"status ({host.status})")


def _host_inventory(host: HostView) -> list[str]:
    """slot line, interfaces under it, extra slot lines (a mate not heard has no slot line)."""
    lines = []
    if host.present:
        lines.append(_I16 + _slot_line(host))
    # `show failover` on a large lab prints thousands, mostly the same from one run to the next
    get = _INVENTORY_LINES.get
    lines += [get(i) or _inventory_line(i) for i in host.interfaces]
    if host.present:
        lines += [_I16 + s for s in host.extra_slots]
    return lines


# An interface's inventory line by its view (a named tuple: it keys the dict), kept between
# runs; emptied when it holds more than a large lab's lines (it never grows without bound)
_INVENTORY_LINES: dict[IfaceView, str] = {}
_INVENTORY_MAX = 20_000


def _inventory_line(i: IfaceView) -> str:
    line = _I18 + iface_line(i)
    if len(_INVENTORY_LINES) >= _INVENTORY_MAX:
        _INVENTORY_LINES.clear()
    _INVENTORY_LINES[i] = line
    return line


def _unit_state(host: HostView) -> GroupView:
    return host.groups[0] if host.groups else GroupView(1, "Not Detected", 0)


@memo("failover: statistics lines", 256)
def _stat_line(row: StatRow) -> str:
    # a row by its values: when one counter moves, only its line is formatted again
    name, xmit, xerr, rcv, rerr = row
    # `SIP Tx` is followed by two spaces only (the real 9.6(4)5 capture: a TAB on the device)
    field = f"{name}  " if name == "SIP Tx" else f"{name:<16}"
    return f"{_I8}{field}{xmit:<11}{xerr:<11}{rcv:<11}{rerr:<10}"


_STATS_HEADER = f"{_I8}{'Stateful Obj':<16}{'xmit':<11}{'xerr':<11}{'rcv':<11}{'rerr':<10}"


def _stats_table(rows: tuple[StatRow, ...]) -> list[str]:
    return list(_stats_lines(rows))


@memo("failover: statistics tables", 64)
def _stats_lines(rows: tuple[StatRow, ...]) -> tuple[str, ...]:
    # the counters seldom change between two `show failover`: the table is formatted once
    # per set of values (rows are tuples, so they key the cache)
    return (_STATS_HEADER, *[_stat_line(r) for r in rows])


def _stats_block(v: FailoverView) -> list[str]:
    link = v.state_link
    link_text = f"{link.nameif} {link.phys} ({link.state})" if link else "Unconfigured."
    recv, xmit = v.queue
    return [
        "Stateful Failover Logical Update Statistics",
        f"{_I8}Link : {link_text}",
        *_stats_table(v.stats),
        "",
        f"{_I8}Logical Update Queue Information",
        f"{' ' * 24}Cur     Max     Total",
        f"{_I8}{'Recv Q:':<16}{recv[0]:<8}{recv[1]:<8}{recv[2]}",
        f"{_I8}{'Xmit Q:':<16}{xmit[0]:<8}{xmit[1]:<8}{xmit[2]}",
    ]


# --------------------------------------------------------------------------- show failover

def _standby_host(label: str, host: HostView) -> list[str]:
    state = _unit_state(host)
    return [
        f"{_I8}{label}: {host.role} - {state.state} ",
        f"{_I16}Active time: {state.active_time_s} (sec)",
        *_host_inventory(host),
    ]


def _active_host(label: str, host: HostView) -> list[str]:
    lines = [f"  {label + ':':<14}{host.role}"]
    for g in host.groups:
        lines.append(f"  {'Group ' + str(g.gid):<14}{'State:':<16}{g.state}")
        lines.append(f"{_I16}{'Active time:':<16}{g.active_time_s} (sec)")
    inventory = _host_inventory(host)
    if inventory:
        lines.append("")
        lines += inventory
    return lines


def show_failover(v: FailoverView) -> list[str]:
    """`show failover` in the system execution space."""
    lines = _header(v)
    if not v.enabled:
        return lines
    lines += _versions(v)
    if v.active_active:
        for gid in sorted(v.group_last_failover):
            when = v.group_last_failover[gid]
            if when is not None:
                lines.append(f"Group {gid} last failover at: {when}")
        lines.append("")
        lines += _active_host("This host", v.this)
        if v.other is not None:
            lines.append("")
            lines += _active_host("Other host", v.other)
    else:
        if v.last_failover is not None:
            lines.append(f"Last Failover at: {v.last_failover}")
        lines += _standby_host("This host", v.this)
        if v.other is not None:
            lines += _standby_host("Other host", v.other)
    lines.append("")
    lines += _stats_block(v)
    return lines


# --------------------------------------------------------------------------- show failover group

def _group_of(host: HostView, gid: int) -> GroupView | None:
    return next((g for g in host.groups if g.gid == gid), None)


def _contexts_in(v: FailoverView, gid: int) -> set[str]:
    return {ctx for ctx, g in v.context_groups.items() if g == gid}


def _group_host(label: str, host: HostView, group: GroupView, contexts: set[str]) -> list[str]:
    lines = [
        f"  {label + ':':<14}{host.role}",
        f"  {'State:':<14}{group.state}",
        f"{_I16}Active time: {group.active_time_s} (sec)",
        "",
    ]
    lines += [_I16 + iface_line(i) for i in host.interfaces if i.context in contexts]
    return lines


def show_failover_group(v: FailoverView, gid: int) -> list[str]:
    """`show failover group N` (Active/Active). Empty when this unit has no such group."""
    mine = _group_of(v.this, gid)
    if mine is None:
        return []
    contexts = _contexts_in(v, gid)
    lines = []
    when = v.group_last_failover.get(gid)
    if when is not None:
        lines.append(f"Last Failover at: {when}")
    lines.append("")
    lines += _group_host("This host", v.this, mine, contexts)
    theirs = _group_of(v.other, gid) if v.other is not None else None
    if v.other is not None and theirs is not None:
        lines.append("")
        lines += _group_host("Other host", v.other, theirs, contexts)
    lines.append("")
    lines.append("Stateful Failover Logical Update Statistics")
    lines.append(f"{_I8}Status: {'Configured.' if v.state_link else 'Not Configured.'}")
    lines += _stats_table(v.group_stats.get(gid, ()))
    return lines


# --------------------------------------------------------------------------- show failover (context)

def _context_host(label: str, host: HostView, gid: int, context: str) -> list[str]:
    group = _group_of(host, gid) or _unit_state(host)
    return [
        f"{_I8}{label}: {group.state}",
        f"{_I16}Active time: {group.active_time_s} (sec)",
        *[_I18 + iface_line(i, with_context=False)
          for i in host.interfaces if i.context == context],
    ]


def show_failover_context(v: FailoverView, context: str) -> list[str]:
    """`show failover` inside a security context: the state of the context's failover group
    on this unit and its peer, the context's own interfaces, and the group's Stateful
    Failover counters.  Reconstructed from the command reference's sample for a security
    context (`This context:` / `Peer context:`, `Status: Configured.`); unverified on a
    device."""
    if not v.enabled:
        return ["Failover Off "]
    gid = v.context_groups.get(context, 1) if v.active_active else 1
    lines = ["Failover On "]
    when = v.group_last_failover.get(gid) if v.active_active else v.last_failover
    if when is not None:
        lines.append(f"Last Failover at: {when}")
    lines += _context_host("This context", v.this, gid, context)
    if v.other is not None:
        lines += _context_host("Peer context", v.other, gid, context)
    else:
        lines += [f"{_I8}Peer context: Not Detected", f"{_I16}Active time: 0 (sec)"]
    lines += ["", "Stateful Failover Logical Update Statistics",
              f"{_I8}Status: {'Configured.' if v.state_link else 'Not Configured.'}"]
    lines += _stats_table(v.group_stats.get(gid, ()))
    return lines


# --------------------------------------------------------------------------- show failover state

def _state_row(lines: list[str], label: str, g: GroupView) -> None:
    row = f"{label:<15}{g.state:<15}{g.last_failure:<25}{g.last_failure_time or ''}"
    lines.append(row.rstrip())
    if g.failure_details:
        lines += [_I30 + d for d in g.failure_details]


_GROUP_LABELS = {gid: f"   Group {gid}" for gid in (1, 2)}
_STATE_HEAD = f"{'':<15}{'State':<15}{'Last Failure Reason':<25}Date/Time"
_I30 = " " * 30


def _state_host(lines: list[str], label: str, host: HostView, active_active: bool) -> None:
    lines.append(f"{label:<11}-   {host.role}")
    if active_active:
        for g in host.groups:
            _state_row(lines, _GROUP_LABELS.get(g.gid) or f"   Group {g.gid}", g)
    else:
        _state_row(lines, "", _unit_state(host))


def show_failover_state(v: StateView | FailoverView) -> list[str]:
    """`show failover state`: both units' states, last failure reasons, sync state."""
    lines = ["", _STATE_HEAD]
    _state_host(lines, "This host", v.this, v.active_active)
    if v.other is not None:
        _state_host(lines, "Other host", v.other, v.active_active)
    lines += ["", "====Configuration State==="]
    lines += [_I8 + s for s in v.config_state]
    lines.append("====Communication State===")
    lines += [_I8 + s for s in v.comm_state]
    return lines


# --------------------------------------------------------------------------- show failover history

def show_failover_history(entries: tuple[HistoryEntry, ...] | list[HistoryEntry]) -> list[str]:
    """`show failover history`, oldest first. A `Group` column appears when any entry
    belongs to a failover group (Active/Active)."""
    grouped = any(e.group is not None for e in entries)
    group_head = f"{'Group':<6}" if grouped else ""
    lines = [
        _HISTORY_RULE,
        f"{group_head}{'From State':<27}{'To State':<27}Reason",
        _HISTORY_RULE,
    ]
    for n, e in enumerate(entries):
        if n:
            lines.append("")
        lines.append(e.time)
        group_col = f"{'' if e.group is None else e.group!s:<6}" if grouped else ""
        lines.append(f"{group_col}{e.from_state:<27}{e.to_state:<27}{e.reason}")
    lines.append(_HISTORY_RULE)
    return lines


# --------------------------------------------------------------------------- show failover interface

def _system_ip(link: LinkView) -> str:
    ip = link.ip or "0.0.0.0"
    if ":" in ip:
        return f"{ip}/{link.mask or '64'}"
    return f"{ip} {link.mask or '0.0.0.0'}"


def show_failover_interface(v: FailoverView) -> list[str]:
    """`show failover interface`: the LAN failover link, then the state link if it is a
    different interface. The primary owns the active address, the secondary the standby one."""
    links = [link for link in (v.lan, v.state_link) if link is not None]
    if len(links) == 2 and links[0].nameif == links[1].nameif:
        links = links[:1]
    lines = []
    for link in links:
        active = link.ip or "0.0.0.0"
        standby = link.standby_ip or "0.0.0.0"
        mine, theirs = (active, standby) if v.role == "Primary" else (standby, active)
        lines += [
            f"{_I8}interface {link.nameif} {link.phys}",
            f"{_I16}System IP Address: {_system_ip(link)}",
            f"{_I16}My IP Address    : {mine}",
            f"{_I16}Other IP Address : {theirs}",
        ]
    return lines


# --------------------------------------------------------------------------- show monitor-interface

def show_monitor_interface(v: FailoverView, context: str | None) -> list[str]:
    """`show monitor-interface` inside a context (or a single-mode unit's one space): its own
    interfaces on both units, under `This host: Primary - Active` headers that give the state
    of the context's group.  In the system space (context None) every context's interfaces,
    each line led by its context's name, under the unit's state (Active/Standby) or under
    their groups' states (Active/Active, _system_blocks).
    # unverified: the system space's form (no public capture found)"""
    gid = v.context_groups.get(context, 1) if v.active_active and context is not None else 1

    def block(label: str, host: HostView) -> list[str]:
        group = _group_of(host, gid) or _unit_state(host)
        return [
            f"{_I8}{label}: {host.role} - {group.state}",
            *[_I16 + iface_line(i, with_context=context is None)
              for i in host.interfaces if context is None or i.context == context],
        ]

    if context is None and v.active_active:
        return _system_blocks(v)
    lines = block("This host", v.this)
    if v.other is not None:
        lines += block("Other host", v.other)
    return lines


def _system_blocks(v: FailoverView) -> list[str]:
    """The system space in Active/Active: no one state heads a host whose contexts belong to
    two groups, so each host is headed by its role alone and each group's state leads the
    lines of that group's contexts.  # unverified: no public capture of this form was found"""
    gids = sorted({g.gid for g in v.this.groups} | set(v.context_groups.values()))
    lines: list[str] = []
    for label, host in (("This host", v.this), ("Other host", v.other)):
        if host is None:
            continue
        lines.append(f"{_I8}{label}: {host.role}")
        for gid in gids:
            group = _group_of(host, gid)
            lines.append(f"{_I16}Group {gid} - {group.state if group else 'Not Detected'}")
            lines += [_I16 + iface_line(i) for i in host.interfaces
                      if v.context_groups.get(i.context, 1) == gid]
    return lines
