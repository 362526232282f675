"""Bridge groups of a transparent-mode space (8.4(1) and later): `interface BVI<n>` holds the
group's management address, `bridge-group <n>` makes an interface a member.  The same rules
serve a transparent context and a single-mode transparent unit (its one space).

Limits (Cisco ASA CLI configuration guides, "Completing Interface Configuration (Transparent
Mode, 8.4 and Later)": "up to 8 bridge groups in single mode or per context", "Each bridge
group can include up to 4 interfaces"; 9.3(1) raised the groups to 250, 9.6(2) the members to
64 (release notes of those versions)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config.model import ContextConfig, CtxInterface, is_bvi

if TYPE_CHECKING:
    from .hardware import Hardware

__all__ = ["bvi_name", "egress", "groups", "max_groups", "max_members", "members",
           "no_management_address", "room_for", "show_bridge_group", "show_bvi", "unmanaged"]


def bvi_name(typed: str) -> str | None:
    """`bvi1`, `BVI01` -> `BVI1`; None unless the word names a BVI of 1-250."""
    if typed[:3].lower() != "bvi" or not typed[3:].isdigit():
        return None
    n = int(typed[3:])
    return f"BVI{n}" if 1 <= n <= 250 else None


def max_members(hw: Hardware) -> int:
    """Interfaces one bridge group may hold on this release."""
    return 64 if hw.at_least(9, 6) else 4


def max_groups(hw: Hardware) -> int:
    """Bridge groups one space may hold on this release."""
    return 250 if hw.at_least(9, 3) else 8


def room_for(ctx: ContextConfig, hw: Hardware, group: int) -> bool:
    """A bridge group `group` (existing, or a new one within the release's maximum) may be
    used in the space."""
    have = groups(ctx)
    return group in have or len(have) < max_groups(hw)


def members(ctx: ContextConfig, group: int) -> list[CtxInterface]:
    """The interfaces of the space in bridge group `group`, in configuration order."""
    return [itf for itf in ctx.interfaces.values() if itf.bridge_group == group]


def groups(ctx: ContextConfig) -> list[int]:
    """The bridge groups of the space (a BVI or at least one member), by number."""
    found = {int(n[3:]) for n in ctx.interfaces if is_bvi(n)}
    found.update(itf.bridge_group for itf in ctx.interfaces.values() if itf.bridge_group is not None)
    return sorted(found)


def show_bridge_group(ctx: ContextConfig, only: int | None,
                      current: dict[int, tuple[str, str] | None]) -> list[str]:
    """`show bridge-group [N]`: each group's members, its BVI's configured and current
    management address.  `current`: the address each group's BVI holds now (standby side:
    the standby address).  # unverified: no public capture of an ASA's `show bridge-group`
    found; the layout follows the 8.4 command reference's description of the fields."""
    out: list[str] = []
    for n in groups(ctx):
        if only is not None and n != only:
            continue
        bvi = ctx.interfaces.get(f"BVI{n}")
        names = " ".join(itf.nameif or itf.name for itf in members(ctx, n))
        out += [f"Bridge Group: {n}", f"Interfaces: {names}"]
        if bvi is not None and bvi.ip:
            out.append(f"Management System IP Address: {bvi.ip[0]} {bvi.ip[1]}")
        now = current.get(n)
        if now is not None:
            out.append(f"Management Current IP Address: {now[0]} {now[1]}")
        out.append("Management IPv6 Global Unicast Address(es):")
        addrs = [spec.split()[0] for spec, _ in bvi.ipv6] if bvi is not None else []
        out += [f"    {a}" for a in addrs] or ["    N/A"]
        out += ["Static mac-address entries: 0", "Dynamic mac-address entries: 0"]
    return out


def show_bvi(name: str, up: bool, proto_up: bool, mac: str, ipv4: tuple[str, str] | None,
             description: str = "") -> list[str]:
    """`show interface BVI<n>`: a BVI has no port (no hardware, duplex or counters), only
    the MAC its members share, and the group's management address.  # unverified: no public
    capture of an ASA BVI's `show interface` found; the lines are those of a context's
    interface (device/show_interface.py) without the port's."""
    state = "up" if up else "administratively down"
    out = [f'Interface {name} "", is {state}, line protocol is {"up" if proto_up else "down"}']
    out += [f"\tDescription: {description}"] if description else []
    out.append(f"\tMAC address {mac}, MTU 1500")
    out.append(f"\tIP address {ipv4[0]}, subnet mask {ipv4[1]}" if ipv4 else "\tIP address unassigned")
    return out


def egress(ctx: ContextConfig, src_nameif: str) -> str | None:
    """The member a packet arriving on `src_nameif` is bridged out of: the group's other
    member (with more than two, the first other in configuration order: the lab has no MAC
    address table to learn hosts from).  None when the interface bridges nowhere: not a
    member, no other named member, or a group whose BVI has no address (a real unit drops
    through traffic then: %ASA-6-322004 "No management IP address configured for transparent
    firewall", community.cisco.com "What do you need to know about transparent firewall")."""
    src = ctx.by_nameif(src_nameif)
    if src is None:
        return None
    if src.bridge_group is None:
        # before 8.4: the space's named interfaces are one bridge, managed by the address
        # typed at (config)#
        if ctx.mgmt_ip is None:
            return None
        group = [i for i in ctx.interfaces.values() if not is_bvi(i.name) and not i.is_management_only]
    else:
        bvi = ctx.interfaces.get(f"BVI{src.bridge_group}")
        if bvi is None or bvi.ip is None:
            return None
        group = members(ctx, src.bridge_group)
    others = [m.nameif for m in group if m is not src and m.nameif]
    return others[0] if others else None


def unmanaged(ctx: ContextConfig, src_nameif: str) -> str | None:
    """The member a packet arriving on `src_nameif` would be bridged to, when only the
    missing management address stops it (no BVI, or a BVI without an address); else None."""
    src = ctx.by_nameif(src_nameif)
    if src is None or src.bridge_group is None:
        return None
    bvi = ctx.interfaces.get(f"BVI{src.bridge_group}")
    if bvi is not None and bvi.ip is not None:
        return None
    others = [m.nameif for m in members(ctx, src.bridge_group) if m is not src and m.nameif]
    return others[0] if others else None


def no_management_address(proto: str, src_if: str, src: tuple[str, int], dst_if: str,
                          dst: tuple[str, int]) -> tuple[int, int, str]:
    """(id, level, text) of the syslog message a transparent unit logs when it drops through
    traffic for want of a management address.  Text: community.cisco.com, "What do you need
    to know about transparent firewall (ASA or FTD)": `%ASA-6-322004: No management IP address
    configured for transparent firewall. Dropping protocol ICMP packet from IN:10.150.1.1/2048
    to OUT:10.150.1.2/0` (interfaces by nameif, ports after a slash)."""
    return (322004, 6, "No management IP address configured for transparent firewall. Dropping "
            f"protocol {proto.upper()} packet from {src_if}:{src[0]}/{src[1]} to "
            f"{dst_if}:{dst[0]}/{dst[1]}")
