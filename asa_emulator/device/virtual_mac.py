"""The MAC address a data interface holds under failover: one rule per failover kind.

Chapter 34, "Configuring Virtual MAC Addresses", orders the ways a virtual MAC address can be
given; the last step differs with the kind of failover:

1. the interface's own `mac-address ACTIVE standby STANDBY`;
2. Active/Active: the failover group's `mac address IF ACTIVE STANDBY`;
   Active/Standby: the global `failover mac address IF ACTIVE STANDBY` (which Active/Active
   ignores: "no effect on Active/Active failover configurations");
3. `mac-address auto` (multiple context mode);
4. Active/Active: the generated 00a0.c9<port>.<group>01 (active) / ...02 (standby);
   Active/Standby: the burned-in addresses of the primary unit on the active unit, of the
   secondary unit on the standby one.  A secondary that has not heard the primary since it
   started knows no other address than its own: it uses its own burned-in address (why the
   chapter advises virtual MACs, "even if it comes online before the primary unit").

`active` says whether the interface's unit (Active/Standby) or group (Active/Active) is
active on this unit; `pick` 0 is the active address, 1 the standby one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .unit import Unit


def own_mac(itf_mac: tuple[str, str | None] | None, pick: int) -> str | None:
    """Step 1: the interface's `mac-address` (the standby address where it has one)."""
    if not itf_mac:
        return None
    return itf_mac[pick] or itf_mac[0]


def active_active_mac(u: Unit, context: str, phys: str, pick: int,
                      auto: str | None) -> str:
    """Steps 2-4 in Active/Active: the group's `mac address`, `mac-address auto`, the
    generated group address."""
    gid = u.spaces.group_of(context)
    grp = u.sys.failover.groups.get(gid)
    if grp and phys in grp.macs:
        return grp.macs[phys][pick]
    if auto is not None:
        return auto
    port = u.hw.port_number(phys)
    return f"00a0.c9{port:02x}.{gid:02x}{pick + 1:02x}"


def active_standby_mac(u: Unit, phys: str, pick: int, auto: str | None) -> str:
    """Steps 2-4 in Active/Standby: `failover mac address`, `mac-address auto`, the burned-in
    address of the primary (active) or of the secondary (standby)."""
    fixed = u.sys.failover.macs.get(phys)
    if fixed is not None:
        return fixed[pick]
    if auto is not None:
        return auto
    return burned_in_of(u, phys, "primary" if pick == 0 else "secondary")


def burned_in_of(u: Unit, phys: str, role: str) -> str:
    """The burned-in address of `phys` on the unit of `role`: this unit's own, or the mate's
    when this unit has heard it since it started (hellos carry the mate's addresses)."""
    if u.role == role or u.pair is None or not u.pair.mate_seen(u):
        return u.hw.mac_of(phys)
    return u.pair.mate_unit(u).hw.mac_of(phys)

