"""`failover reload-standby`: the active unit makes its standby mate reboot.

Command reference: "Forces the standby unit to reboot"; it is entered on the active unit (the
unit where failover group 1, which holds the system execution space, is active).  The mate
goes down as after its own `reload` and boots again (its console shows the boot);
failover meets it when it comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..device import messages
from .state import UNIT

if TYPE_CHECKING:
    from ..device.commands import Command
    from .state import PairState


def reload_standby(ps: PairState, cmd: Command) -> None:
    u = cmd.unit
    m = ps.mate(u)
    if not ps.of(u).groups[UNIT].active:
        cmd.error(messages.RELOAD_STANDBY_NOT_ACTIVE)
    if not ps.linked(u):
        cmd.error(messages.RELOAD_STANDBY_NO_MATE)
    # as its own `reload`: down at the clock's next step, then the boot its console shows
    m.shut_down()
