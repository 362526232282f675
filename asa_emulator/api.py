"""The Python API for in-process tests (README "Python API"): the objects the transcript
runner itself drives, so a test and a golden transcript go through the same code.

    Lab.load(name_or_dir, in_memory=True)   a built-in lab or a lab directory
    lab.settle()                            boot, negotiation, configuration sync
    lab.console(unit).execute(line)         one typed line -> output lines
    lab.console(unit).take_messages()       console messages printed since the last call
    lab.directive("@wait 2s")               an `@` directive -> output lines (LabError if bad)
    lab.summary()                           units' power and group states, links, clock
    lab.failover_state(unit)                a frozen copy of a unit's failover state
    lab.run(lines)                          script lines -> transcript lines, from where the lab is
    run_lines(lines)                        a whole script (`@lab` first) -> (transcript, stats)
"""

from __future__ import annotations

from collections.abc import Iterable

from .console import LabSummary, UnitSummary
from .lab import lab
from .lab.spec import LabError
from .transcript.runner import RunStats, run_lines, run_on

__all__ = ["Lab", "LabError", "LabSummary", "RunStats", "UnitSummary", "run_lines"]


class Lab(lab.Lab):
    """A lab (lab/lab.py) that also runs script lines: the runner drives the lab, so running
    lives here, above both, and `lab/` never imports the runner."""

    def run(self, lines: Iterable[str]) -> list[str]:
        """Run script lines (commands and `@` directives) on this lab as `asa-emulator run`
        does, from where the lab is now; the transcript lines they produce."""
        out: list[str] = []
        run_on(self, lines, out.append)
        return out
