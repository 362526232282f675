"""The one way the servers wait for a deadline: sleep until it, or until told that it moved.

A front end's timers (idle connections and sessions, `console timeout`, the lab clock's next
event) are each a `Watch`: it asks `next_wait()` how long it may sleep (None: no deadline at
all), sleeps that long in one timer, or with no timer when there is no deadline, and then
acts.  Whoever may have made a deadline earlier (a connection becoming idle, a command that
scheduled an event or changed a timeout) calls `poke()`: the watch acts and asks again.
A server nobody uses thus has no pending timer and its event loop wakes for nothing
(tests/frontends/classroom/test_idle_wakeups.py, tests/frontends/ssh/test_idle_serve.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class Watch:
    """`act()` after each wait; `next_wait()`: the seconds until the next deadline, None for
    none.  `act` runs after a poke too (it acts on what is due, and nothing else)."""

    def __init__(self, next_wait: Callable[[], float | None], act: Callable[[], None]) -> None:
        self._next_wait = next_wait
        self._act = act
        self._poked = asyncio.Event()

    def poke(self) -> None:
        """A deadline may be earlier now: wake, act, and ask again."""
        self._poked.set()

    async def run(self) -> None:
        while True:
            wait = self._next_wait()
            if wait is None or wait > 0:
                await self._sleep(wait)
            self._poked.clear()
            self._act()
            if wait is not None and wait <= 0:
                await asyncio.sleep(0)  # due already: give the loop a turn between acts

    async def _sleep(self, wait: float | None) -> None:
        """Until poked, or `wait` seconds (one timer; none when None).  Not asyncio.wait_for:
        on Python 3.11 it swallows a cancellation that comes as the poke does, and the
        server's close would wait for ever."""
        timer = None if wait is None else asyncio.get_running_loop().call_later(wait, self._poked.set)
        try:
            await self._poked.wait()
        finally:
            if timer is not None:
                timer.cancel()


def earliest(*deadlines: float | None) -> float | None:
    """The soonest of some deadlines, None when none is set."""
    due = [d for d in deadlines if d is not None]
    return min(due) if due else None


def seconds_until(deadline: float | None, now: float) -> float | None:
    """A deadline (the wall clock's time) as the wait before it; None stays None."""
    return None if deadline is None else max(0.0, deadline - now)
