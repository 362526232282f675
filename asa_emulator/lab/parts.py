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


class ExerciseHook(Protocol):
    """An exercise running on the lab (asa_emulator/exercise/), as `@task`, `@check` and the
    directive filter see it: the lab layer knows only this."""

    def allows(self, directive: str) -> bool: ...

    def task_lines(self) -> list[str]: ...

    def check_lines(self, lab: LabParts) -> list[str]: ...


class LabParts(Protocol):
    spec: LabSpec
    clock: Clock
    units: dict[str, Unit]
    wiring: Wiring
    pair: Pair
    traffic: Traffic
    current: str                # the unit whose console a script's lines go to
    quit_requested: bool        # `@quit`: the runner reads no further
    exercise: ExerciseHook | None   # the exercise being worked on this lab, if any

    def unit(self, name: str) -> Unit: ...

    def advance(self, ms: int) -> None: ...

    def reset(self) -> None: ...
