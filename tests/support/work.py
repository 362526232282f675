"""The work a command does, counted: every call of an emulator function and every line of it
run (a loop inside one comprehension is one call, but a line per turn).  The cost contracts
(tests/contracts/) compare these counts, which the machine's load does not move."""

from __future__ import annotations

import sys
from collections import Counter
from types import FrameType
from typing import Any

from .paths import ROOT

PACKAGE = str(ROOT / "asa_emulator")

Work = Counter[tuple[str, str, str]]
"""(event "call" or "line", file under asa_emulator/, function) -> how many."""


def counted(con: Any, line: str) -> tuple[list[str], Work]:
    """The output of `line` run on session `con`, and the work it did inside the package."""
    work: Work = Counter()

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        code = frame.f_code
        if not code.co_filename.startswith(PACKAGE):
            return None
        if event in ("call", "line"):
            work[(event, code.co_filename[len(PACKAGE):], code.co_name)] += 1
        return trace
    sys.settrace(trace)
    try:
        out = con.execute(line)
    finally:
        sys.settrace(None)
    return out, work
