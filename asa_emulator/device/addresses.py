"""Which MAC and IP address an interface holds right now (they move at failover).

MAC precedence (chapter 34, "Configuring Virtual MAC Addresses"): the interface's own
`mac-address`, then the failover group's (Active/Active) or the global `failover mac address`
(Active/Standby), then `mac-address auto`, then the generated failover MAC (Active/Active) or
the primary's burned-in address (Active/Standby): device/virtual_mac.py.  Without failover
an interface has its own `mac-address`, `mac-address auto` or its burned-in address.  The IP address is the active address on the unit where
the context's group is active and the standby address on the other.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from .virtual_mac import active_active_mac, active_standby_mac, own_mac

if TYPE_CHECKING:
    from ..config.model import CtxInterface
    from .unit import Unit


def _active_here(u: Unit, context: str | None) -> bool:
    return u.is_active_here(context)


def failover_on(u: Unit) -> bool:
    """Failover has run on this unit (public name of _failover_on)."""
    return _failover_on(u)


def _failover_on(u: Unit) -> bool:
    """Failover has run on this unit: its groups have states (kept after `no failover`)."""
    return u.pair is not None and u.pair.failover_ran(u)


def interface_mac(u: Unit, context: str | None, phys: str,
                  itf: CtxInterface | None = None) -> str:
    """The MAC address the interface uses now on unit u.  `itf`: the context's interface on
    `phys`, when the caller has it (no walk of the context's allocations).  Under failover
    the rule of the failover kind decides (device/virtual_mac.py)."""
    if context is None:
        # the system space: its own `mac-address` (which moves at failover) or the burned-in one
        sysif = u.sys.interfaces.get(phys)
        if sysif and sysif.mac:
            if _failover_on(u):
                return sysif.mac[0 if _active_here(u, None) else 1] or sysif.mac[0]
            return sysif.mac[0]
        holder = _only_holder(u, phys) if _failover_on(u) and not u.sys.failover.groups else None
        if holder is not None:
            # unverified (no capture of a system space's `show interface` in a multiple-mode
            # Active/Standby pair): the port shows the address it holds on the wire, the one
            # its context's interface took (it moves at failover)
            return interface_mac(u, holder, phys)
        return u.hw.mac_of(phys)
    if itf is None:
        itf = _space_interface(u, context, phys)
    sysif = u.sys.interfaces.get(phys)
    if not _failover_on(u):
        mac = own_mac(itf.mac if itf else None, 0) or own_mac(sysif.mac if sysif else None, 0)
        if mac is not None:
            return mac
        if u.sys.mac_auto is not False and not u.single:
            return _auto_mac(u, context, phys, 0)
        return u.hw.mac_of(phys)
    pick = 0 if _active_here(u, context) else 1
    mac = own_mac(itf.mac if itf else None, pick) or own_mac(sysif.mac if sysif else None, pick)
    if mac is not None:
        return mac
    auto = _auto_mac(u, context, phys, pick) if u.sys.mac_auto is not False and not u.single else None
    if u.sys.failover.groups:
        return active_active_mac(u, context, phys, pick, auto)
    return active_standby_mac(u, phys, pick, auto)


def _only_holder(u: Unit, phys: str) -> str | None:
    """The one context `phys` is allocated to (None: none, or shared by several)."""
    holder = sole_holders(u).get(phys)
    return holder if holder in u.ctx else None


def sole_holders(u: Unit) -> dict[str, str]:
    """Each port allocated to exactly one context: that context (kept until the system space
    changes: a large lab has a thousand ports)."""
    def make() -> dict[str, str]:
        seen: dict[str, list[str]] = {}
        for name, cdef in u.sys.contexts.items():
            for a in cdef.allocations:
                seen.setdefault(a.phys, []).append(name)
        return {phys: names[0] for phys, names in seen.items() if len(set(names)) == 1}
    return u.kept.get(u, "sole_port_holders", u.spaces.sys_gen, make)


def _space_interface(u: Unit, context: str, phys: str) -> CtxInterface | None:
    """The interface a context (or the single mode's one space) has on `phys`."""
    ctx = u.ctx.get(context)
    cdef = u.sys.contexts.get(context)
    if ctx and cdef:
        for a in cdef.allocations:
            if a.phys == phys:
                return ctx.interfaces.get(a.ctx_name)
    return None


def _auto_mac(u: Unit, context: str, phys: str, pick: int) -> str:
    """`mac-address auto [prefix N]`: A2 + prefix + context index + interface index (8.5+ form,
    simplified: the ASA derives the last bytes from internal counters)."""
    prefix = u.sys.mac_auto if isinstance(u.sys.mac_auto, int) and u.sys.mac_auto is not True else 0
    # the contexts' places, kept until the system space changes (a lab has hundreds)
    ctx_index = u.spaces.context_places().get(context, 0)
    port = u.hw.port_number(phys)
    return f"a2{(pick << 4) | (prefix >> 8 & 0xf):02x}.{prefix & 0xff:02x}{ctx_index:02x}.{port:02x}01"


def current_ip(u: Unit, context: str, itf: CtxInterface) -> tuple[str, str] | None:
    if not itf.ip:
        return None
    return ip_held(itf, _failover_on(u) and not _active_here(u, context))


def ip_held(itf: CtxInterface, standby_here: bool) -> tuple[str, str] | None:
    """The address an interface holds: its standby address where its group is standby (none
    without one), the active address otherwise.  For callers that walk many interfaces and
    know `standby_here` once per context."""
    if not itf.ip:
        return None
    addr, mask, standby = itf.ip
    if standby_here:
        return (standby or addr, mask) if standby else None
    return addr, mask


def current_ipv6(u: Unit, context: str, itf: CtxInterface, phys: str,
                 active: bool | None = None) -> str | None:
    """The IPv6 address `show failover` prints after the IPv4 one: the first configured form
    that gives one here.  A fixed address or link-local moves like an IPv4 address (active /
    standby); an EUI-64 address is derived from the MAC address the interface holds now (the
    MAC moves at failover, so the address does); `autoconfig` learns a prefix from a router
    the lab does not have, so it gives none."""
    if active is None:      # whether the context's group is active here (callers may know)
        active = not _failover_on(u) or _active_here(u, context)
    for spec, standby in itf.ipv6:
        if spec == "autoconfig":
            continue
        if spec.endswith(" eui-64"):
            net = ipaddress.IPv6Network(spec.split()[0])
            return str(net[_eui64(interface_mac(u, context, phys))])
        addr = spec.split()[0].split("/")[0]
        if active:
            return addr
        if standby:
            return standby
    return None


def _eui64(mac: str) -> int:
    """The modified EUI-64 interface identifier of a MAC address (RFC 4291, appendix A)."""
    b = bytes.fromhex(mac.replace(".", ""))
    return int.from_bytes(bytes([b[0] ^ 0x02, b[1], b[2], 0xFF, 0xFE, b[3], b[4], b[5]]), "big")
