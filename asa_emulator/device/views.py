"""Gather a unit's state for the device `show` renderers (device/show.py and
device/show_interface.py print it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config.model import is_bvi
from . import bridge, show, show_interface
from .addresses import current_ip, failover_on, interface_mac, sole_holders
from .hardware import allocated_interface, canonical_interface

if TYPE_CHECKING:
    from ..config.model import SysInterface
    from .boundary import IfCounters
    from .commands import Command
    from .unit import Unit


def version(cmd: Command) -> list[str]:
    u, context = cmd.unit, cmd.session.context
    uptime = max(0, (u.clock.now - u.booted_at) // 1000)
    fo_up = u.pair.cluster_uptime_s(u) if u.pair is not None else None
    last = show.last_modified_text(*u.spaces.last_modified) if u.spaces.last_modified else None
    return show.show_version(
        u.hw, hostname=u.sys.hostname if context is None else (u.ctx[context].hostname or context),
        space="system" if context is None else "context",
        uptime_s=uptime, config_file="startup-config",
        last_modified=last, failover_cluster_uptime_s=fo_up,
        mate=u.pair.mate_unit(u).hw if fo_up is not None and u.pair is not None else None)


def clock(cmd: Command) -> list[str]:
    return show.show_clock(cmd.unit.clock.now, detail=cmd.has("detail"))


def interface(cmd: Command) -> list[str]:
    u, s = cmd.unit, cmd.session
    detail = cmd.has("detail")
    space = s.space             # single mode: the one space, not the system's port list
    only = resolve_interface(cmd) if cmd.value("IFNAME") else None
    if space is None and not cmd.has("summary"):
        return _system_interfaces(u, only, detail)
    views = _if_views(u, space, only)
    if cmd.has("summary"):
        out = show_interface.show_interface_summary(views, in_context=space is not None)
    else:
        out = show_interface.show_interface(views, detail=detail, in_context=space is not None)
    if space is None:
        return out
    # a transparent space's BVIs, after its interfaces (they have no allocation)
    for v in _bvi_views(u, space, only):
        out += bridge.show_bvi(v.name, v.admin_up, v.line_protocol_up, v.mac, v.ipv4, v.description)
    return out


def interface_ip_brief(cmd: Command) -> list[str]:
    return show_interface.show_interface_ip_brief(_brief_rows(cmd.unit, cmd.session.space))


def _bvi_views(u: Unit, space: str, only: str | None = None) -> list[show_interface.InterfaceView]:
    """The BVIs of a transparent space: up unless shut down, line protocol up while a member
    is (the ASA bridges through its members), the first member's MAC (members share it), the
    address held now (the standby address where the space is standby)."""
    ctx = u.ctx[space]
    out: list[show_interface.InterfaceView] = []
    if not ctx.transparent:
        return out
    for name, itf in ctx.interfaces.items():
        if not is_bvi(name) or (only is not None and name != only):
            continue
        group = int(name[3:])
        ids = {m.name for m in bridge.members(ctx, group)}
        ups = [v for v in _if_views(u, space) if v.name in ids]
        proto = not itf.shutdown and any(v.line_protocol_up for v in ups)
        out.append(show_interface.InterfaceView(
            name=name, admin_up=not itf.shutdown, link_up=proto, line_protocol_up=proto,
            mac=ups[0].mac if ups else "0000.0000.0000", ipv4=current_ip(u, space, itf),
            description=itf.description))
    return out


def _system_interfaces(u: Unit, only: str | None, detail: bool) -> list[str]:
    """`show interface [detail]` in the system space (thousands of subinterfaces on a large
    lab).  Each interface's lines are kept (u.kept) under everything they are made of:
    its place in the listing, its own settings and its port's `shutdown`, whether it is
    a failover link (with that link's address), its port's link, the unit's
    failover state (the MAC address) and its traffic counters.  A system-space command thus
    makes only the interfaces it changed be printed again; until the next one (sys_gen) only
    what moves without a command (link, failover state, counters) is looked at."""
    kept: dict[str, tuple[tuple[object, ...], tuple[object, ...], tuple[str, ...]]] = u.kept.get(
        u, "shown_interfaces_detail" if detail else "shown_interfaces", None, dict)
    # the system space's generation every kept entry was last checked at (a whole listing)
    checked: dict[bool, int] = u.kept.get(u, "shown_interfaces_checked", None, dict)
    sys_gen = u.spaces.sys_gen
    settled_ok = checked.get(detail) == sys_gen
    ordered = _ordered(u)
    if len(kept) > 2 * len(ordered) + 16:
        kept.clear()                        # interfaces removed since: drop what they left
    eng = u.traffic
    totals = eng.phys_counters(u) if eng is not None else {}
    fixed = (failover_on(u), u.is_active_here(None))
    holders = sole_holders(u) if fixed[0] and not u.sys.failover.groups else None
    f = u.sys.failover
    links = {link[1]: failover_link_of(u, link[1]) for link in (f.lan_if, f.link) if link is not None}
    sys_ifs = u.sys.interfaces
    linked: dict[str, bool] = {}            # per port: it has a link
    out: list[str] = []
    for i, itf in enumerate(ordered):
        name = itf.name
        if only is not None and name != only:
            continue
        base = name.split(".")[0]
        link = linked.get(base)
        if link is None:
            link = linked[base] = u.has_link(base)
        c = totals.get(name)
        # an Active/Standby port shows the MAC its context's interface holds: that context's
        # own changes move it too (device/addresses.py)
        holder = holders.get(name) if holders else None
        moving = (fixed, link, c and (c.packets_in, c.bytes_in, c.packets_out, c.bytes_out, c.dropped),
                  holder and u.spaces.ctx_gen.get(holder))
        found = kept.get(name)
        if found is not None and found[0] == moving and settled_ok:
            out += found[2]             # the usual case: nothing moved since the last listing
            continue
        settled = (i, itf.shutdown, sys_ifs[base].shutdown, itf.description, itf.mac, itf.vlan,
                   itf.speed, itf.duplex, links.get(name))
        if found is None or found[0] != moving or found[1] != settled:
            v = _system_view(u, i, itf, link, c)
            found = kept[name] = (moving, settled, tuple(show_interface.one_interface(v, detail=detail, in_context=False)))
        out += found[2]
    if only is None:
        checked[detail] = sys_gen
    return out


def _ordered(u: Unit) -> list[SysInterface]:
    """The system's interfaces in the ASA's listing order (kept until the system space changes)."""
    return u.kept.get(u, "ordered_interfaces", u.spaces.sys_gen, u.sys.ordered_interfaces)


def _system_view(u: Unit, i: int, itf: SysInterface, link: bool,
                 counters: IfCounters | None) -> show_interface.InterfaceView:
    """A system-space interface, the `i`th in the listing order."""
    base = itf.name.split(".")[0]
    admin = not itf.shutdown and not u.sys.interfaces[base].shutdown
    fover = failover_link_of(u, itf.name)
    return show_interface.InterfaceView(
        nameif=fover[0] if fover else "", mtu=1500 if fover else None,
        ipv4=fover[1] if fover else None,
        # a real multiple-context system space prints `Available for allocation to a context`
        # on every data interface, allocated or not, and no `Traffic Statistics` block for the
        # failover links (ntc-templates cisco_asa_show_interface_detail.raw, ASA 5585 pair)
        allocatable=fover is None, statistics=fover is None,
        name=itf.name, admin_up=admin, link_up=link, line_protocol_up=admin and link,
        mac=interface_mac(u, None, itf.name), description=itf.description,
        is_subinterface="." in itf.name, vlan=itf.vlan, number=i + 2,
        management_only=base.startswith("Management"), duplex=itf.duplex, speed=itf.speed,
        output_flow_control="unsupported" if base.startswith("Management") else "off",
        **_traffic(counters))  # type: ignore[arg-type]


def failover_link_of(u: Unit, phys: str) -> tuple[str, tuple[str, str] | None] | None:
    """(failover name, (address, mask) this unit holds) when `phys` carries the LAN failover or
    the state link.  The primary holds the active address, the secondary the standby one:
    failover-link addresses never move (reference §8c)."""
    f = u.sys.failover
    for link in (f.lan_if, f.link):
        if link is not None and link[1] == phys:
            ip = f.ips.get(link[0])
            if ip is None or ":" in ip.active:
                return link[0], None
            addr = ip.active if f.lan_unit == "primary" else ip.standby
            return link[0], (addr, ip.mask)
    return None


def resolve_interface(cmd: Command) -> str:
    """The interface an IFNAME word of a `show` command names, as the space calls it: a
    physical name (abbreviations accepted), a mapped name or a nameif.  `^` otherwise."""
    u, s = cmd.unit, cmd.session
    typed = cmd.value("IFNAME") or ""
    space = s.space
    if space is None:
        canon = canonical_interface(typed, u.hw.interfaces)
        if canon is not None and canon in u.sys.interfaces:
            return canon
    else:
        ctx = u.ctx[space]
        if typed in ctx.interfaces:
            return typed
        bvi = bridge.bvi_name(typed)
        if bvi is not None and bvi in ctx.interfaces:
            return bvi
        itf = ctx.by_nameif(typed)
        if itf is not None:
            return itf.name
        found = allocated_interface(typed, ctx.interfaces)
        if found is not None:
            return found
    cmd.invalid_token("IFNAME")
    return ""


def _traffic(c: IfCounters | None, asr_group: int | None = None) -> dict[str, object]:
    """A view's fields for the interface's traffic counters (asa_emulator/traffic/)."""
    if c is None:
        return {}
    asr = (c.asr_received, c.asr_transmitted, c.asr_dropped) if asr_group is not None else None
    return {"packets_in": c.packets_in, "bytes_in": c.bytes_in, "packets_out": c.packets_out,
            "bytes_out": c.bytes_out, "dropped": c.dropped, "asr": asr,
            "blocked": c.blocked}


def _if_views(u: Unit, context: str | None, only: str | None = None) -> list[show_interface.InterfaceView]:
    """The interfaces of the space (`only`: that one, by the name the space gives it)."""
    eng = u.traffic
    out: list[show_interface.InterfaceView] = []
    if context is None:
        totals = eng.phys_counters(u) if eng is not None else {}
        for i, itf in enumerate(_ordered(u)):
            if only is None or itf.name == only:
                link = u.has_link(itf.name.split(".")[0])
                out.append(_system_view(u, i, itf, link, totals.get(itf.name)))
        return out
    cdef = u.sys.contexts[context]
    ctx = u.ctx[context]
    for i, a in enumerate(cdef.allocations):
        ctx_name = a.mapped or a.phys           # a.ctx_name, without a property call each
        if only is not None and ctx_name != only:
            continue
        cif = ctx.interfaces.get(ctx_name)
        if cif is None:
            continue
        sysif = u.sys.interfaces.get(a.phys)
        base = a.phys.split(".")[0]
        parent = u.sys.interfaces.get(base)
        admin = (not cif.shutdown and not (sysif and sysif.shutdown)
                 and not (parent and parent.shutdown))
        link = u.has_link(base)
        nameif, ip, mtu = cif.nameif, current_ip(u, context, cif), cif.mtu if cif.nameif else None
        description, visible = cif.description, a.visible
        if u.single:
            # one space: the port's own settings are the interface's, and a failover link
            # shows its failover name and address (it has no nameif of its own)
            description, visible = (sysif.description if sysif else ""), True
            fover = failover_link_of(u, a.phys) if not cif.nameif else None
            if fover is not None:
                nameif, ip, mtu = fover[0], fover[1], 1500
        out.append(show_interface.InterfaceView(
            name=ctx_name, nameif=nameif, admin_up=admin, link_up=link,
            line_protocol_up=admin and link, mac=interface_mac(u, context, a.phys, cif),
            mtu=mtu, ipv4=ip, description=description,
            is_subinterface="." in a.phys, vlan=sysif.vlan if sysif else None,
            visible=visible, number=i + 2, management_only=cif.is_management_only,
            **_traffic(eng.if_counters(u, context, a.ctx_name) if eng is not None else None,
                       cif.asr_group)))  # type: ignore[arg-type]
    return out


def _brief_rows(u: Unit, context: str | None) -> list[show_interface.IpBriefRow]:
    rows = []
    for v in _if_views(u, context) + (_bvi_views(u, context) if context is not None else []):
        status = "up" if v.admin_up and v.link_up else ("administratively down" if not v.admin_up else "down")
        rows.append(show_interface.IpBriefRow(
            interface=v.name, address=v.ipv4[0] if v.ipv4 else "unassigned",
            method="CONFIG" if v.ipv4 else "unset", status=status,
            protocol="up" if v.line_protocol_up else "down"))
    return rows


def ip_address(cmd: Command) -> list[str]:
    u, s = cmd.unit, cmd.session
    space = s.space
    if space is None:
        if cmd.value("IFNAME"):
            resolve_interface(cmd)
        return show_interface.show_ip_address([], [])
    cdef = u.sys.contexts[space]
    ctx = u.ctx[space]
    only = resolve_interface(cmd) if cmd.value("IFNAME") else None
    if ctx.transparent and ctx.mgmt_ip is not None and only is None:
        # before 8.4: the one management address of a transparent context
        addr, mask, standby = ctx.mgmt_ip
        standby_here = failover_on(u) and not u.is_active_here(space)
        now = ((standby, mask) if standby else None) if standby_here else (addr, mask)
        return show_interface.show_management_address((addr, mask), now)
    system, current = [], []
    for a in cdef.allocations:
        itf = ctx.interfaces.get(a.ctx_name)
        if itf is None or not itf.nameif or not itf.ip or (only and a.ctx_name != only):
            continue
        system.append(show_interface.IpAddrView(a.ctx_name, itf.nameif, itf.ip[0], itf.ip[1], itf.ip_method))
        now = current_ip(u, space, itf)
        if now:
            current.append(show_interface.IpAddrView(a.ctx_name, itf.nameif, now[0], now[1], itf.ip_method))
    for name, itf in ctx.interfaces.items():
        # a transparent space's BVIs: the bridge groups' management addresses  # unverified
        if is_bvi(name) and itf.ip and only in (None, name):
            system.append(show_interface.IpAddrView(name, "", itf.ip[0], itf.ip[1], itf.ip_method))
            now = current_ip(u, space, itf)
            if now:
                current.append(show_interface.IpAddrView(name, "", now[0], now[1], itf.ip_method))
    return show_interface.show_ip_address(system, current)


def context(cmd: Command) -> list[str]:
    u, s = cmd.unit, cmd.session
    if s.context is not None:
        names = [s.context]
    else:
        want = cmd.value("NAME")
        names = [want] if want else list(u.sys.contexts)
        if want and want not in u.sys.contexts:
            return []
    rows = []
    for i, name in enumerate(names):
        cdef = u.sys.contexts[name]
        rows.append(show.ContextRow(
            name=name, interfaces=tuple(a.phys for a in cdef.allocations),
            mapped=tuple(a.ctx_name for a in cdef.allocations), url=cdef.config_url,
            is_admin=name == u.sys.admin_context,
            mode="Transparent" if u.ctx[name].transparent else "Routed", context_id=i + 1))
    return show.show_context(rows, detail=cmd.has("detail"), count_only=cmd.has("count"),
                             system_interfaces=[i.name for i in u.sys.ordered_interfaces()] if cmd.has("detail") and s.context is None else None)

