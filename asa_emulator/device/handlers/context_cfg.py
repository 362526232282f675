"""Security context configuration: interfaces, addresses, ASR groups, monitoring."""

from __future__ import annotations

import ipaddress

from ...config.defaults import MAX_MONITORED
from ...config.model import ContextConfig, CtxInterface, is_bvi
from ...config.netmask import is_netmask
from ...kept import memo
from .. import bridge, names
from .. import messages as msg
from ..commands import Command, handler
from ..hardware import allocated_interface
from ..interfaces import is_monitored, monitored_count, phys_of


def _ctx(cmd: Command) -> ContextConfig:
    return cmd.unit.ctx[cmd.session.context or ""]


def _itf(cmd: Command) -> CtxInterface:
    ctx, target = _ctx(cmd), str(cmd.session.state.target)
    if target not in ctx.interfaces:
        if not (ctx.transparent and is_bvi(target)):
            cmd.invalid_at(0)       # a mate in router mode has no BVI (`firewall` is not replicated)
        # a BVI sub-command replicated to the mate (or run by failover exec) before the mate
        # has the BVI: it is created there, as `interface BVI<n>` creates it
        ctx.interfaces[target] = CtxInterface(target)
    return ctx.interfaces[target]


def _lookup_ifname(ctx: ContextConfig, typed: str) -> str | None:
    """An allocated interface by its mapped or physical name; abbreviations of physical
    names (`g0/2`, `gig 0/2`) are accepted as on the ASA."""
    if typed in ctx.interfaces:
        return typed
    found = allocated_interface(typed, ctx.interfaces)
    if found is not None:
        return found
    low = typed.lower()                 # a mapped name typed in another case
    return next((n for n in ctx.interfaces if n.lower() == low), None)


def _bvi(ctx: ContextConfig, typed: str) -> str | None:
    """`interface BVI<n>` (1-250) in a transparent-mode context: the bridge virtual interface
    that holds a bridge group's management address (since 8.4(1))."""
    name = "BVI" + typed[3:] if typed[:3].lower() == "bvi" else ""
    if not (ctx.transparent and is_bvi(name) and 1 <= int(name[3:]) <= 250):
        return None
    return f"BVI{int(name[3:])}"


@handler("ctx_interface")
def ctx_interface(cmd: Command) -> None:
    ctx = _ctx(cmd)
    typed = cmd.value("IFNAME") or ""
    # bridge groups and their BVIs came with 8.4(1): before, a transparent context has one
    # management address, typed at (config)# (global_ip_address)
    name = _lookup_ifname(ctx, typed) or (_bvi(ctx, typed) if cmd.unit.hw.at_least(8, 4) else None)
    if name is None:
        cmd.invalid_token("IFNAME")
    assert name is not None
    if name not in ctx.interfaces:
        if is_bvi(name) and not bridge.room_for(ctx, cmd.unit.hw, int(name[3:])):
            cmd.error(msg.bridge_groups_full(bridge.max_groups(cmd.unit.hw)))
        ctx.interfaces[name] = CtxInterface(name)
    cmd.session.enter("ctx_if", target=name)


@handler("no_ctx_interface")
def no_ctx_interface(cmd: Command) -> None:
    ctx = _ctx(cmd)
    typed = cmd.value("IFNAME") or ""
    bvi = _bvi(ctx, typed)
    if bvi is not None and bvi in ctx.interfaces:
        del ctx.interfaces[bvi]
        return
    name = _lookup_ifname(ctx, typed)
    if name is None:
        cmd.invalid_token("IFNAME")
    assert name is not None
    if ctx.interfaces[name].nameif:
        ctx.monitor.pop(ctx.interfaces[name].nameif, None)
    ctx.interfaces[name] = CtxInterface(name, management_port=ctx.interfaces[name].management_port)


@handler("nameif")
def nameif(cmd: Command) -> None:
    ctx, itf = _ctx(cmd), _itf(cmd)
    if cmd.no:
        old = itf.nameif
        itf.nameif, itf.security_level, itf.ip, itf.ipv6, itf.asr_group = "", None, None, [], None
        ctx.monitor.pop(old, None)
        return
    name = cmd.value("NAME") or ""
    if not names.valid_nameif(name):
        cmd.invalid_token("NAME")
    other = ctx.by_nameif(name)
    if other is not None and other is not itf:
        cmd.error(msg.nameif_in_use(name))
    if itf.nameif and itf.nameif != name and itf.nameif in ctx.monitor:
        ctx.monitor[name] = ctx.monitor.pop(itf.nameif)
    itf.nameif = name
    if itf.security_level is None:
        # a named interface always has a level: 100 for "inside", 0 for any other name
        level = 100 if name.lower() == "inside" else 0
        itf.security_level = level
        if not cmd.session.batch:
            cmd.print(msg.security_level_default(name, level))


@handler("security_level")
def security_level(cmd: Command) -> None:
    itf = _itf(cmd)
    if cmd.no:
        itf.security_level = 0 if itf.nameif else None
    else:
        itf.security_level = int(cmd.value("N_0_100") or 0)


@handler("ip_address")
def ip_address(cmd: Command) -> None:
    itf, ctx = _itf(cmd), _ctx(cmd)
    if cmd.no:
        itf.ip = None
        return
    if ctx.transparent and not is_bvi(itf.name):
        # transparent mode (8.4(1) and later): the management address is on a BVI
        cmd.invalid_at(cmd.col_of(cmd.tokens[0].type))
    addr, mask, standby = _typed_address(cmd)
    lo, hi = _bounds(addr, mask)
    for other in ctx.interfaces.values():
        if other is itf or not other.ip:
            continue
        other_lo, other_hi = _bounds(other.ip[0], other.ip[1])
        if other_lo <= hi and lo <= other_hi:       # the subnets overlap
            cmd.error(msg.address_overlaps(other.nameif or other.name))
    itf.ip = (addr, mask, standby)
    itf.ip_method = "CONFIG" if cmd.session.batch else "manual"


def _typed_address(cmd: Command) -> tuple[str, str, str | None]:
    """`ip address ADDR MASK [standby ADDR]` as typed, refused with the ASA's message when it
    is wrong by itself (an interface's, and the pre-8.4 transparent management address)."""
    addrs = cmd.values("IPV4")
    addr, mask = addrs[0], addrs[1]
    standby = addrs[2] if len(addrs) > 2 else None
    problem = _address_problem(addr, mask, standby)
    if problem == "invalid":
        cmd.error(msg.invalid_ip_address(addr, mask))
    if problem == "not host":
        cmd.error(msg.not_host_address(addr))
    if problem == "standby invalid":
        cmd.invalid_token("IPV4", 2)
    if problem == "standby out" and standby is not None:
        cmd.error(msg.standby_not_in_subnet(standby))
    if problem is not None:
        cmd.error(msg.STANDBY_SAME_AS_ACTIVE)
    return addr, mask, standby


@memo("addresses: ip address checks", 4096, per=1, most=1 << 16)
def _address_problem(addr: str, mask: str, standby: str | None) -> str | None:
    """What is wrong with `ip address ADDR MASK [standby ADDR]` by itself, or None.  Cached:
    a sync of a large lab runs thousands of them, and ipaddress's objects are slow to compare."""
    try:
        net = _subnet(addr, mask)
        ip = _address(addr)
    except ValueError:
        return "invalid"
    if ip in (net.network_address, net.broadcast_address) and net.prefixlen < 31:
        return "not host"
    if standby is None:
        return None
    try:
        in_net = _address(standby) in net
    except ValueError:
        return "standby invalid"
    if not in_net:
        return "standby out"
    return "standby same" if standby == addr else None


@memo("addresses: parsed", 8192, per=2, most=1 << 17)
def _address(addr: str) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(addr)


@memo("addresses: subnets' bounds", 8192, per=2, most=1 << 17)
def _bounds(addr: str, mask: str) -> tuple[int, int]:
    """An interface address's subnet as its first and last addresses (integers)."""
    net = _subnet(addr, mask)
    return int(net.network_address), int(net.broadcast_address)


@memo("addresses: subnets", 4096, per=1, most=1 << 16)
def _subnet(addr: str, mask: str) -> ipaddress.IPv4Network:
    """An interface address's subnet.  Cached: each `ip address` is compared with every other
    interface of its context, so a sync of a large context would parse them again and again.
    ValueError for a mask that is no netmask (the wildcard 0.0.0.255 was read as /24)."""
    if not is_netmask(mask):
        raise ValueError(mask)
    return ipaddress.IPv4Network(f"{addr}/{mask}", strict=False)


@handler("ipv6_address")
def ipv6_address(cmd: Command) -> None:
    """The IPv6 forms of the chapter's Step 1: `ipv6 address autoconfig`,
    `ipv6 address PREFIX/LEN [eui-64] [standby ADDR]`, `ipv6 address ADDR link-local
    [standby ADDR]`.  Each is kept as the running-config writes it (compressed addresses:
    `2001:db8::1/64`, `2001:db8::/64 eui-64`, `fe80::1 link-local`, `autoconfig`) with its
    standby address."""
    itf = _itf(cmd)
    parsed = _ipv6_spec(cmd)
    if parsed is None:
        return
    spec, net = parsed
    if cmd.no:
        itf.ipv6 = [] if not spec else [p for p in itf.ipv6 if p[0] != spec]
        return
    standby = cmd.values("IPV6")[-1] if cmd.has("standby") else None
    if standby is not None:
        try:
            sb = ipaddress.IPv6Address(standby)
        except ValueError:
            cmd.invalid_token("IPV6", len(cmd.values("IPV6")) - 1)
            return
        if net is not None and sb not in net:
            cmd.error(msg.standby_not_in_subnet(standby))
        standby = str(sb)
    itf.ipv6 = [p for p in itf.ipv6 if p[0] != spec] + [(spec, standby)]


_LINK_LOCAL = ipaddress.IPv6Network("fe80::/10")


def _ipv6_spec(cmd: Command) -> tuple[str, ipaddress.IPv6Network | None] | None:
    """The typed form as the running-config writes it, and the subnet its standby address
    must lie in ("" for a bare `no ipv6 address`); None after an error."""
    if cmd.has("autoconfig"):
        return "autoconfig", None
    if cmd.has("link-local"):
        try:
            addr = ipaddress.IPv6Address(cmd.values("IPV6")[0])
        except ValueError:
            cmd.invalid_token("IPV6")
            return None
        if addr not in _LINK_LOCAL:
            cmd.error(msg.not_link_local(str(addr)))
        return f"{addr} link-local", _LINK_LOCAL
    typed = cmd.value("IPV6_PREFIX")
    if typed is None:
        return "", None
    try:
        iface = ipaddress.IPv6Interface(typed)
    except ValueError:
        cmd.invalid_token("IPV6_PREFIX")
        return None
    if cmd.has("eui-64"):
        return f"{iface.network.with_prefixlen} eui-64", iface.network
    return iface.with_prefixlen, iface.network


@handler("asr_group")
def asr_group(cmd: Command) -> None:
    itf, ctx = _itf(cmd), _ctx(cmd)
    if cmd.no:
        itf.asr_group = None
        return
    gid = int(cmd.value("N_1_32") or 1)
    for other in ctx.interfaces.values():
        if other is not itf and other.asr_group == gid:
            cmd.error(msg.asr_group_duplicate(other.nameif or other.name, gid))
    itf.asr_group = gid


@handler("bridge_group")
def bridge_group(cmd: Command) -> None:
    """`bridge-group N` on an interface of a transparent-mode context."""
    itf, ctx = _itf(cmd), _ctx(cmd)
    if not ctx.transparent or is_bvi(itf.name) or not cmd.unit.hw.at_least(8, 4):
        cmd.invalid_at(cmd.col_of(cmd.tokens[1 if cmd.no else 0].type))
    if cmd.no:
        itf.bridge_group = None
        return
    group = int(cmd.value("N_1_250") or 1)
    if not 1 <= group <= 250:
        cmd.invalid_token("N_1_250")
    if group == itf.bridge_group:
        return
    most = bridge.max_members(cmd.unit.hw)
    if len(bridge.members(ctx, group)) >= most:
        cmd.error(msg.bridge_group_full(group, most))
    if not bridge.room_for(ctx, cmd.unit.hw, group):
        cmd.error(msg.bridge_groups_full(bridge.max_groups(cmd.unit.hw)))
    itf.bridge_group = group


@handler("monitor_interface")
def monitor_interface(cmd: Command) -> None:
    u, ctx = cmd.unit, _ctx(cmd)
    name = cmd.value("NAME") or ""
    itf = ctx.by_nameif(name)
    if itf is None:       # the ASA's parser only knows the names in use: `^` under the name
        cmd.invalid_token("NAME")
    assert itf is not None
    default = "." not in _phys_of(cmd, itf.name)
    if cmd.no:
        ctx.monitor[name] = False
    else:
        if not is_monitored(u, ctx, itf) and monitored_count(u) >= MAX_MONITORED:
            cmd.error(msg.max_monitored(MAX_MONITORED))
        ctx.monitor[name] = True
    if ctx.monitor.get(name) == default:
        del ctx.monitor[name]   # back to the default: not shown in the running-config


def _phys_of(cmd: Command, ctx_name: str) -> str:
    return phys_of(cmd.unit, cmd.session.context or "", ctx_name)


@handler("mtu")
def mtu(cmd: Command) -> None:
    """`mtu NAME BYTES` (`no mtu NAME` restores 1500) for a named interface of this context."""
    ctx = _ctx(cmd)
    itf = ctx.by_nameif(cmd.value("NAME") or "")
    if itf is None:
        cmd.invalid_token("NAME")
        return
    itf.mtu = 1500 if cmd.no else int(cmd.value("N_64_9198") or 1500)


@handler("management_only")
def management_only(cmd: Command) -> None:
    """`[no] management-only`: the interface passes only traffic to and from the unit.  A
    5500-X's Management port is management-only for good (the configuration guide's table of
    Management interfaces: not configurable for through traffic on the 5512-X to 5555-X)."""
    itf = _itf(cmd)
    if cmd.no and itf.mgmt_port and cmd.unit.hw.x_series:
        cmd.error(msg.MANAGEMENT_ONLY_FIXED)
    value = not cmd.no
    itf.management_only = None if value == itf.mgmt_port else value


@handler("global_ip_address")
def global_ip_address(cmd: Command) -> None:
    """`ip address A M [standby S]` at (config)#: a transparent unit's management address
    before 8.4(1) (the chapter: "In transparent firewall mode, enter the command in global
    configuration mode").  Later releases put it on a BVI and have no such command: the
    parser's marker under `address`, as a 9.x unit prints it."""
    ctx = _ctx(cmd)
    if not ctx.transparent or cmd.unit.hw.at_least(8, 4):
        words = [t for t in cmd.tokens if t.type != "IPV4" and str(t).lower() != "no"]
        cmd.invalid_at(int(words[1].start_pos or 0) if len(words) > 1 else 0)   # `address`
    if cmd.no:
        ctx.mgmt_ip = None
        return
    ctx.mgmt_ip = _typed_address(cmd)
