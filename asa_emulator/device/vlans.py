"""The VLAN licence: `Maximum VLANs` of `show version` is enforced.

Configuration guide, "Licensing for VLAN Subinterfaces": "For an interface to count against
the VLAN limit, you must assign a VLAN to it" (`vlan N` on a subinterface).  A subinterface
without a VLAN, or one whose VLAN changes, does not add to the count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages as msg
from .hardware import max_vlans

if TYPE_CHECKING:
    from .commands import Command


def vlan_licence_check(cmd: Command) -> None:
    """Refuse a VLAN on one more subinterface once the licence's VLANs are all in use."""
    u = cmd.unit
    most = max_vlans(u.hw)
    interfaces = u.sys.interfaces
    # a sync of a large lab assigns a thousand VLANs: count only when the limit may be near
    if len(interfaces) <= most:
        return
    used = sum(1 for itf in interfaces.values() if itf.vlan is not None)
    if used >= most:
        cmd.error(msg.vlan_licence_exceeded(most))
