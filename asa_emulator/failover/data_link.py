"""A data interface as the Stateful Failover link (`failover link NAME` naming a nameif).

The configuration guide ("Stateful Failover Link"): a regular data interface may carry the
state link, "supported in single context, routed mode only", and the ASA warns when it is
given.  In multiple context mode the state link lives in the system execution space, which
holds no data interface: the command is refused there with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config.model import SINGLE
from ..device import messages
from ..device.interfaces import phys_name

if TYPE_CHECKING:
    from ..device.commands import Command
    from ..device.unit import Unit


def is_data_link(u: Unit, link: tuple[str, str]) -> bool:
    """The state link `link` (name, port) is a single-mode data interface (its nameif)."""
    if not u.single:
        return False
    itf = u.ctx[SINGLE].interfaces.get(link[1])
    return itf is not None and itf.nameif == link[0]


def data_state_link(cmd: Command, name: str) -> str | None:
    """`failover link NAME [PHY_IF]` where NAME is a data interface's nameif: its port, once
    the ASA's warning is printed (single context routed mode), or the command refused with the
    reason (multiple context mode, transparent mode, another port).  None when NAME names no
    data interface: an ordinary, dedicated state link."""
    u = cmd.unit
    if not u.single:
        if not cmd.values("PHY_IF") and any(
                ctx.by_nameif(name) is not None for ctx in u.ctx.values()):
            cmd.error(messages.state_link_data_multiple(name))
        return None
    itf = u.ctx[SINGLE].by_nameif(name)
    if itf is None:
        return None
    if cmd.values("PHY_IF") and phys_name(cmd) != itf.name:
        cmd.error(messages.failover_name_in_use(name, itf.name))
    if u.ctx[SINGLE].transparent:
        cmd.error(messages.state_link_data_transparent(name))
    cmd.print(*messages.STATE_LINK_DATA_WARNING)
    return itf.name
