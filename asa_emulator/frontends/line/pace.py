"""How a line of a front end keeps the lab's real-time clock in step.

The real-time clock (frontends/clock.py) sleeps until the lab's next event, not at a fixed
rate: between events the virtual clock lags the wall clock.  So every line a user runs
(a command, a directive, `@wait`) first catches the clock up (what the line shows, `show
clock` and uptimes, is as of now) and then tells it that the line ran: the line may have
scheduled an earlier event or printed console messages, which the clock delivers at once.
"""

from __future__ import annotations

from typing import Protocol


class Pace(Protocol):
    def catch_up(self) -> None:
        """Bring the lab's virtual clock to now (before a line runs)."""
        ...

    def ran(self) -> None:
        """A line ran: deliver what it printed, plan the next wake-up again."""
        ...


class _Unpaced:
    """A lab with no real-time clock (a test's, a script's): nothing to keep in step."""

    def catch_up(self) -> None:
        pass

    def ran(self) -> None:
        pass


UNPACED: Pace = _Unpaced()
