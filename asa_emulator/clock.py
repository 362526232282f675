"""The virtual clock and event scheduler, below every unit, the pair and the lab.

Time is an integer number of milliseconds since the Unix epoch (UTC).  Nothing reads the
wall clock: time moves only when a front end calls `advance`, so every run of a script
delivers the same events in the same order.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

Action = Callable[[], None]


@dataclass(order=True)
class _Event:
    at: int
    seq: int
    action: Action = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class Timer:
    """A handle to cancel a scheduled event."""

    def __init__(self, event: _Event) -> None:
        self._event = event

    def cancel(self) -> None:
        self._event.cancelled = True

    @property
    def pending(self) -> bool:
        return not self._event.cancelled

    @property
    def at(self) -> int:
        return self._event.at


class Clock:
    def __init__(self, start_ms: int) -> None:
        self.now = start_ms
        self.start = start_ms
        self._queue: list[_Event] = []
        self._seq = itertools.count()

    def call_at(self, at: int, action: Action) -> Timer:
        ev = _Event(max(at, self.now), next(self._seq), action)
        heapq.heappush(self._queue, ev)
        return Timer(ev)

    def call_later(self, delay_ms: int, action: Action) -> Timer:
        return self.call_at(self.now + delay_ms, action)

    def advance(self, ms: int) -> None:
        """Run every event due up to now + ms, in time order, then stop there."""
        self.run_until(self.now + ms)

    def run_until(self, end: int) -> None:
        q = self._queue
        while q and q[0].at <= end:
            ev = heapq.heappop(q)
            if ev.cancelled:
                continue
            self.now = ev.at
            ev.cancelled = True
            ev.action()
        self.now = max(self.now, end)

    def next_event_at(self) -> int | None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0].at if self._queue else None
