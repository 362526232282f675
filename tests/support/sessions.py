"""A unit's privileged EXEC in this process: lines run in a session of the lab's, the last
line's output (the unit tests of shows read it)."""

from __future__ import annotations

from asa_emulator.api import Lab


def privileged(lab: Lab, unit: str, ctx: str | None, *lines: str) -> list[str]:
    """Privileged EXEC on a unit (in a context), the lines run; the last line's output."""
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    if ctx is not None:
        s.execute(f"changeto context {ctx}")
    out: list[str] = []
    for line in lines:
        out = s.execute(line)
    return out
