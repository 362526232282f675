"""The virtual clock and event scheduler, below every unit, the pair and the lab.

Time is an integer number of milliseconds since the Unix epoch (UTC).  Nothing reads the
wall clock: time moves only when a front end calls `advance`, so every run of a script
delivers the same events in the same order.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Collection
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

    @property
    def order(self) -> tuple[int, int]:
        """Where the event stands in the queue: events due at the same time run in the
        order they were scheduled."""
        return self._event.at, self._event.seq


class Clock:
    def __init__(self, start_ms: int) -> None:
        self.now = start_ms
        self.start = start_ms
        self._queue: list[_Event] = []
        self._seq = itertools.count()
        self._end: int | None = None        # where the run under way stops
        self.runs = 0                       # run_until calls so far
        self.events_run = 0                 # events executed so far

    def call_at(self, at: int, action: Action) -> Timer:
        ev = _Event(max(at, self.now), next(self._seq), action)
        heapq.heappush(self._queue, ev)
        return Timer(ev)

    def call_later(self, delay_ms: int, action: Action) -> Timer:
        return self.call_at(self.now + delay_ms, action)

    def advance(self, ms: int) -> None:
        """Run every event due up to now + ms, in time order, then stop there."""
        self.run_until(self.now + ms)

    def run_until(self, end: int, budget: int | None = None) -> bool:
        """Run every event due up to `end`, then stop there; True.  With a `budget`, stop
        early (False, the clock at the last event run) once that many events ran: a front
        end that must give its event loop to others moves a long way in slices of work.
        Ticks skipped as quiet count as run (they are where the time went)."""
        q = self._queue
        self.runs += 1
        self._end = end
        stop = None if budget is None else self.events_run + budget
        try:
            while q and q[0].at <= end:
                if stop is not None and self.events_run >= stop:
                    return False
                ev = heapq.heappop(q)
                if ev.cancelled:
                    continue
                self.now = ev.at
                ev.cancelled = True
                self.events_run += 1
                ev.action()
        finally:
            self._end = None
        self.now = max(self.now, end)
        return True

    def quiet_until(self, ignore: Collection[Timer]) -> int | None:
        """Inside a run: when the next event other than `ignore` is due, or the run's end if
        sooner; None outside a run.  What may happen before then is only `ignore`."""
        if self._end is None:
            return None
        due = self.next_due(ignore)
        return self._end if due is None else min(self._end, due)

    def next_due(self, ignore: Collection[Timer] = ()) -> int | None:
        """When the next event other than `ignore` is due; None: nothing else is scheduled."""
        skip = {id(t._event) for t in ignore}
        due = [ev.at for ev in self._queue if not ev.cancelled and id(ev) not in skip]
        return min(due) if due else None

    def next_event_at(self) -> int | None:
        while self._queue and self._queue[0].cancelled:
            heapq.heappop(self._queue)
        return self._queue[0].at if self._queue else None
