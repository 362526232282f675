"""Real-time clock for the interactive front ends: moves the lab's virtual clock with the wall clock.

The engine never reads the wall clock; the lab terminal and the SSH server do it here, in one place.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from asa_emulator.console import LabHandle
from asa_emulator.syslog_udp import UdpSyslogSender

TICK_SECONDS = 0.1


class RealTimeClock:
    """Advances `lab` by the real milliseconds elapsed since the previous tick, and sends the
    syslog messages of `logging host` lines (commands and timers made) after each tick."""

    def __init__(self, lab: LabHandle, now_ns: Callable[[], int] = time.monotonic_ns,
                 syslog: UdpSyslogSender | None = None) -> None:
        self._lab = lab
        self._now_ns = now_ns
        self._last_ns = now_ns()
        self._syslog = syslog or UdpSyslogSender()

    def tick(self) -> int:
        """Advance the lab by the whole milliseconds elapsed; return them.

        The sub-millisecond remainder is carried to the next tick so no time is lost."""
        ms = (self._now_ns() - self._last_ns) // 1_000_000
        if ms > 0:
            self._last_ns += ms * 1_000_000
            self._lab.advance(ms)
        self._syslog.send(self._lab.take_syslog())
        return ms

    async def run(self, after_tick: Callable[[], None] | None = None, interval: float = TICK_SECONDS) -> None:
        """Tick every `interval` seconds until cancelled, calling `after_tick` after each tick."""
        while True:
            await asyncio.sleep(interval)
            self.tick()
            if after_tick is not None:
                after_tick()
