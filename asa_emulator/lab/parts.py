"""The running lab as the `@` directives and `@status` see it: a small protocol at the bottom
of `lab/`, so that directives.py and status.py take the lab as an argument without importing
lab.py, which assembles the lab and imports them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..clock import Clock
    from ..device.unit import Unit
    from ..failover.pair import Pair
    from ..traffic.engine import Traffic
    from .spec import LabSpec
    from .wiring import Wiring


class LabParts(Protocol):
    spec: LabSpec
    clock: Clock
    units: dict[str, Unit]
    wiring: Wiring
    pair: Pair
    traffic: Traffic
    current: str                # the unit whose console a script's lines go to
    quit_requested: bool        # `@quit`: the runner reads no further

    def unit(self, name: str) -> Unit: ...

    def advance(self, ms: int) -> None: ...

    def reset(self) -> None: ...
