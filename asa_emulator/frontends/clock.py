"""Real-time clock for the interactive front ends: moves the lab's virtual clock with the wall clock.

The engine never reads the wall clock; the lab terminal and the servers do it here, in one
place.  The clock does not tick at a fixed rate: it sleeps until the lab's next event
(`LabHandle.wake_in_ms`: a failover poll that may change something, a hold time, a timer),
then moves the lab to now, which runs it on time with its console and syslog messages.  A
lab with nothing scheduled makes no wake-up at all.  Each line a user runs catches the clock
up first and pokes it after (`Pace`, frontends/line/pace.py), so what a user sees is the same
as with a clock ticking all the time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from asa_emulator.console import LabHandle
from asa_emulator.frontends.watch import Watch, earliest
from asa_emulator.syslog_udp import UdpSyslogSender


class RealTimeClock:
    """Advances `lab` by the real milliseconds elapsed, when the lab has something due and
    around each line (catch_up, ran), and sends the syslog messages of `logging host` lines
    (commands and timers made) after each advance."""

    def __init__(self, lab: LabHandle, now_ns: Callable[[], int] = time.monotonic_ns,
                 syslog: UdpSyslogSender | None = None) -> None:
        self._lab = lab
        self._now_ns = now_ns
        self._last_ns = now_ns()
        self._syslog = syslog or UdpSyslogSender()
        self._mark = lab.run_mark()     # trust no failover poll run before the clock started
        self._watch: Watch | None = None
        self.wakes = 0                  # how often run() woke (the tests count them)

    def tick(self) -> int:
        """Advance the lab by the whole milliseconds elapsed; return them.

        The sub-millisecond remainder is carried to the next tick so no time is lost."""
        ms = (self._now_ns() - self._last_ns) // 1_000_000
        if ms > 0:
            self._last_ns += ms * 1_000_000
            self._lab.advance(ms)
        elif self._lab.wake_in_ms(self._mark) == 0:
            self._lab.advance(0)        # due this very millisecond (a line scheduled it)
        self._syslog.send(self._lab.take_syslog())
        return ms

    def catch_up(self) -> None:
        """Before a line: the lab's clock at now."""
        self.tick()

    def ran(self) -> None:
        """After a line: anything may have changed (a failover poll that was quiet may not be
        now), its messages are delivered and the next wake-up planned again."""
        self._mark = self._lab.run_mark()
        if self._watch is not None:
            self._watch.poke()

    def next_wait(self) -> float | None:
        """Seconds until the lab's next event is due in wall-clock time; None: none is."""
        due = self._lab.wake_in_ms(self._mark)
        if due is None:
            return None
        behind_ms = (self._now_ns() - self._last_ns) / 1_000_000   # wall time not yet applied
        return max(0.0, (due - behind_ms) / 1000)

    def to_next_second(self) -> float:
        """Seconds until the virtual clock shows its next second (the terminal's toolbar)."""
        behind_ms = (self._now_ns() - self._last_ns) / 1_000_000
        return (1000 - (self._lab.now_ms() + behind_ms) % 1000) / 1000

    async def run(self, after_tick: Callable[[], None] | None = None,
                  deadline: Callable[[], float | None] | None = None) -> None:
        """Advance the lab whenever it has an event due (and after each line) until
        cancelled, calling `after_tick` after each advance.  `deadline`: the seconds until
        something else `after_tick` does is due (a `console timeout`), None for nothing."""

        def act() -> None:
            self.wakes += 1
            self.tick()
            if after_tick is not None:
                after_tick()

        def wait() -> float | None:
            return earliest(self.next_wait(), deadline() if deadline is not None else None)
        self._watch = Watch(wait, act)
        try:
            await self._watch.run()
        finally:
            self._watch = None
