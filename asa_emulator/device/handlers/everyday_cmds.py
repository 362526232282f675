"""Everyday commands with state behind them: static routes and names in a context, `ping` from
the lab's topology, and the `show` commands inventory tools type first (route, arp, nameif,
inventory, module, cpu, traffic, licence, resources, xlate, nat).  device/everyday.py prints."""

from __future__ import annotations

import ipaddress

from ...config.model import ContextConfig, StaticRoute
from ...config.netmask import is_netmask
from .. import everyday, resources, routes
from ..addresses import interface_mac
from ..commands import Command, handler
from ..show import activation_key, show_version


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


# ---------------------------------------------------------------- configuration

@handler("route_static")
def route_static(cmd: Command) -> None:
    ctx = _ctx(cmd)
    nameif = cmd.value("NAME") or ""
    network, mask, gateway = cmd.values("IPV4")[:3]
    if ctx.by_nameif(nameif) is None:
        cmd.invalid_token("NAME")
    if not is_netmask(mask):
        cmd.invalid_token("IPV4", 1)
    metric = int(cmd.value("N_1_255") or 1)
    same = [r for r in ctx.routes if (r.nameif, r.network, r.mask, r.gateway) ==
            (nameif, network, mask, gateway)]
    if cmd.no:
        ctx.routes = [r for r in ctx.routes if r not in same]
        return
    route = StaticRoute(nameif, network, mask, gateway, metric)
    if same:
        ctx.routes[ctx.routes.index(same[0])] = route
    else:
        ctx.routes.append(route)


@handler("name_map")
def name_map(cmd: Command) -> None:
    ctx = _ctx(cmd)
    address = cmd.value("IPV4") or ""
    if cmd.no:
        ctx.names.pop(address, None)
        return
    desc = cmd.value("REST") or ""
    ctx.names[address] = (cmd.value("NAME") or "", desc.strip())


@handler("names")
def names(cmd: Command) -> None:
    """`names` is always on from 8.4 (the line is accepted and changes nothing)."""


# ---------------------------------------------------------------- ping

@handler("ping")
def ping(cmd: Command) -> None:
    target = cmd.value("IPV4") or ""
    context = cmd.session.space        # single mode: the one space's interfaces
    if context is None:
        # the system execution space has no interfaces of its own to send from
        cmd.print(*everyday.ping_lines(target, "?"))
        return
    u = cmd.unit
    named = cmd.value("NAME")
    if named is not None and _ctx(cmd).by_nameif(named) is None:
        cmd.invalid_token("NAME")
    route = routes.lookup(u, context, target)
    own = routes.answers(u, context, target)
    if own is not None and (named is None or named == own):
        cmd.print(*everyday.ping_lines(target, "!"))
    elif route is None:
        cmd.print(*everyday.ping_lines(target, "?"))
    else:
        cmd.print(*everyday.ping_lines(target, "."))


# ---------------------------------------------------------------- context shows

@handler("show_route")
def show_route(cmd: Command) -> None:
    u, context = cmd.unit, cmd.session.context or ""
    table = routes.table(u, context)
    only = cmd.value("NAME")
    if only is not None:
        table = [r for r in table if r.nameif == only]
    names = {addr: name for addr, (name, _) in u.ctx[context].names.items()}
    cmd.print(*everyday.show_route(table, local_codes=routes.has_local_routes(u), names=names))


@handler("clear_arp", "clear_counters")
def clear_nothing_kept(cmd: Command) -> None:
    """`clear arp`, `clear counters`: accepted and silent, as on a real unit; what they clear
    is not kept by the emulator (the grammar says why)."""


# `show file system`: no capture of an ASA found; modelled on the IOS layout and the file
# systems `copy ?` lists (disk0:, alias flash:; the remote ones; system:)  # unverified
_REMOTE_FS = ("ftp:", "http:", "https:", "smb:", "tftp:")


@handler("show_file_system")
def show_file_system(cmd: Command) -> None:
    u = cmd.unit
    total = u.flash_capacity()
    rows = [("*", str(total), str(total - u.flash.used()), "disk", "disk0: flash:")]
    rows += [(" ", "-", "-", "network", fs) for fs in _REMOTE_FS]
    rows += [(" ", "-", "-", "opaque", "system:")]
    cmd.print("File Systems:", "", f"{'Size(b)':>13}{'Free(b)':>13}{'Type':>10}  Flags  Prefixes",
              *(f"{d}{size:>12}{free:>13}{kind:>10}     rw  {fs}" for d, size, free, kind, fs in rows))


@handler("show_route_summary")
def show_route_summary(cmd: Command) -> None:
    cmd.print(*routes.show_route_summary(routes.table(cmd.unit, cmd.session.context or "")))


def _allocated(cmd: Command) -> list[tuple[str, str]]:
    """(allocated name, physical) of the context's interfaces, in allocation order."""
    cdef = cmd.unit.sys.contexts[cmd.session.context or ""]
    return [(a.ctx_name, a.phys) for a in cdef.allocations]


@handler("show_nameif")
def show_nameif(cmd: Command) -> None:
    ctx = _ctx(cmd)
    rows = []
    for name, _ in _allocated(cmd):
        itf = ctx.interfaces.get(name)
        if itf is not None and itf.nameif:
            rows.append(everyday.NameifRow(name, itf.nameif, itf.security_level or 0))
    cmd.print(*everyday.show_nameif(rows))


def _host_mac(address: str) -> str:
    """A made-up, stable MAC for a lab host (the lab has no real hosts)."""
    v = int(ipaddress.IPv4Address(address))
    return f"0050.56{(v >> 16) & 0xff:02x}.{(v >> 8) & 0xff:02x}{v & 0xff:02x}"


@handler("show_arp")
def show_arp(cmd: Command) -> None:
    """The mate's address on each interface (failover hellos keep it fresh: the age is the
    time since the last interface poll) and the hosts of the context's connections that sit
    on a connected subnet."""
    u, context = cmd.unit, cmd.session.context or ""
    rows: list[everyday.ArpRow] = []
    mate = u.pair.mate_unit(u) if u.pair is not None else None
    up = routes.named_up(u, context)
    for phys, itf in up:
        if mate is None or not mate.up or context not in mate.ctx or not u.sys.failover.enabled:
            continue
        mitf = mate.ctx[context].interfaces.get(itf.name)
        theirs = routes.held_ip(mate, context, mitf) if mitf is not None and mitf.nameif else None
        if theirs and mate.has_link(phys.split(".")[0]):
            age = (u.clock.now // 1000) % 5
            rows.append(everyday.ArpRow(itf.nameif, theirs[0], interface_mac(mate, context, phys), age))
    if u.traffic is not None:
        subnets = {}
        for _, itf in up:
            ip = routes.held_ip(u, context, itf)
            assert ip is not None
            subnets[itf.nameif] = ipaddress.IPv4Network(f"{ip[0]}/{ip[1]}", strict=False)
        for nameif, address, last_ms in sorted(u.traffic.hosts(u, context)):
            net = subnets.get(nameif)
            if net is not None and ipaddress.IPv4Address(address) in net:
                age = max(0, (u.clock.now - last_ms) // 1000)
                rows.append(everyday.ArpRow(nameif, address, _host_mac(address), age))
    cmd.print(*everyday.show_arp(rows))


@handler("show_xlate")
def show_xlate(cmd: Command) -> None:
    """No NAT is modelled: the empty table, or with `count` its first line (the table's
    header is the count line, `0 in use, 0 most used`)."""
    cmd.print(*(everyday.XLATE_EMPTY[:1] if cmd.has("count") else everyday.XLATE_EMPTY))


@handler("clear_xlate")
def clear_xlate(cmd: Command) -> None:
    """No translation is modelled: nothing to clear, nothing printed."""


@handler("show_bootvar")
def show_bootvar(cmd: Command) -> None:
    """The boot and configuration-file variables: empty, as on a unit without `boot system`
    or `boot config` (not modelled: the unit boots the first image on its flash).  Layout
    from real captures: a 5506-X in its factory state (speaknetworks.com basic ASA 5506-X
    example, every variable empty) and 8.2(5)/9.6(4) units after `boot system` (a blank
    line, then `BOOT variable = `, `Current BOOT variable = `, `CONFIG_FILE variable = `,
    `Current CONFIG_FILE variable = `)."""
    cmd.print("", "BOOT variable = ", "Current BOOT variable = ", "CONFIG_FILE variable = ",
              "Current CONFIG_FILE variable = ")


@handler("show_checksum")
def show_checksum(cmd: Command) -> None:
    """The Cryptochecksum of the space's running configuration (the one `show running-config`
    ends with).  # unverified: the `Checksum:` label, recalled from the command reference's
    example (`Checksum: 1a2833c0 129ac70b 1a88df85 650dbb81`), not re-read."""
    cmd.print(f"Checksum: {cmd.unit.spaces.checksum_groups(cmd.session.context)}")


@handler("show_nat")
def show_nat(cmd: Command) -> None:
    """No NAT is modelled: a real ASA without NAT rules prints nothing."""


@handler("show_name")
def show_name(cmd: Command) -> None:
    cmd.print(*everyday.show_name(_ctx(cmd).names))


# ---------------------------------------------------------------- shows of every space

@handler("show_inventory")
def show_inventory(cmd: Command) -> None:
    cmd.print(*everyday.show_inventory(cmd.unit.hw.model, cmd.unit.hw.serial))


@handler("show_module")
def show_module(cmd: Command) -> None:
    hw = cmd.unit.hw
    first = hw.mac_of(hw.interfaces[0])
    last = hw.mac_of(hw.interfaces[-1])
    cmd.print(*everyday.show_module(hw.model, hw.serial, first, last, hw.version))


@handler("show_cpu")
def show_cpu(cmd: Command) -> None:
    cmd.print(*everyday.show_cpu_usage(cmd.session.context))


@handler("show_traffic")
def show_traffic(cmd: Command) -> None:
    u, context = cmd.unit, cmd.session.context
    uptime = max(1, (u.clock.now - u.booted_at) // 1000)
    rows = []
    if context is None:
        totals = u.traffic.phys_counters(u) if u.traffic is not None else {}
        for sysif in u.sys.ordered_interfaces():
            c = totals.get(sysif.name)
            rows.append(everyday.TrafficRow(sysif.name, c.packets_in if c else 0, c.bytes_in if c else 0,
                                            c.packets_out if c else 0, c.bytes_out if c else 0, uptime))
    else:
        ctx = u.ctx[context]
        for name, _ in _allocated(cmd):
            itf = ctx.interfaces.get(name)
            if itf is None or not itf.nameif:
                continue
            c = u.traffic.if_counters(u, context, name) if u.traffic is not None else None
            rows.append(everyday.TrafficRow(itf.nameif, c.packets_in if c else 0, c.bytes_in if c else 0,
                                            c.packets_out if c else 0, c.bytes_out if c else 0, uptime))
    cmd.print(*everyday.show_traffic(rows))


# ---------------------------------------------------------------- system space

def _licence_block(cmd: Command) -> list[str]:
    """The licence part of `show version` (features, platform licence line)."""
    u = cmd.unit
    lines = show_version(u.hw, hostname=u.sys.hostname, space="system", uptime_s=0,
                         config_file="startup-config", last_modified=None,
                         failover_cluster_uptime_s=None)
    start = lines.index("Licensed features for this platform:")
    end = next(i for i, ln in enumerate(lines) if ln.startswith("This platform has"))
    return lines[start:end + 1]


@handler("show_activation_key")
def show_activation_key(cmd: Command) -> None:
    """Serial number, running key, the features, and the flash key comparison (Cisco command
    reference example for `show activation-key`; unverified on 9.x)."""
    hw = cmd.unit.hw
    cmd.print(f"Serial Number:  {hw.serial}",
              f"Running Permanent Activation Key: {activation_key(hw.serial)} ", "",
              *_licence_block(cmd), "",
              "The flash permanent activation key is the SAME as the running permanent key.")


@handler("show_license")
def show_license(cmd: Command) -> None:
    """`show license [all]` on a PAK-licensed 5500-X: the activation-key listing (9.x before
    Smart Licensing; unverified)."""
    show_activation_key(cmd)




@handler("show_resource_allocation")
def show_resource_allocation(cmd: Command) -> None:
    n = len(cmd.unit.sys.contexts)
    rows = [(r, "unlimited" if r not in resources.DEFAULT_LIMIT else str(5 * n), "N/A")
            for r in resources.RESOURCES]
    cmd.print(*everyday.show_resource_allocation(rows))


@handler("show_resource_usage")
def show_resource_usage(cmd: Command) -> None:
    cmd.print(*resources.show_usage(cmd.unit))
