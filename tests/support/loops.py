"""Looking at an event loop rather than at wall time: its pending timers, the waits of its
selector, and a loop whose time is virtual (a wait with a timeout moves it on at once), so
that a real-time clock's wake-ups over minutes are counted in milliseconds of test."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from tests.support.probes import WAIT_S


def timers(loop: asyncio.AbstractEventLoop) -> list[str]:
    """The loop's pending timers (cancelled ones are only waiting to be dropped)."""
    return [repr(h) for h in loop._scheduled if not h.cancelled()]  # type: ignore[attr-defined]


async def no_timers(loop: asyncio.AbstractEventLoop) -> list[str]:
    """Let closing connections finish (each step is the test's own timer, gone once it
    fired); the timers still pending after that."""
    for _ in range(int(WAIT_S / 0.05)):
        await asyncio.sleep(0.05)
        if not timers(loop):
            break
    return timers(loop)


async def selects_until_woken(loop: asyncio.AbstractEventLoop, after_s: float) -> list[Any]:
    """The timeouts of the selector's waits until another thread wakes the loop."""
    selector = loop._selector  # type: ignore[attr-defined]
    calls: list[Any] = []
    seen: list[Any] = []
    real = selector.select

    def counting(timeout: Any = None) -> Any:
        calls.append(timeout)
        return real(timeout)
    woken = asyncio.Event()

    def wake() -> None:
        seen.extend(calls)              # what the loop did before it was woken
        loop.call_soon_threadsafe(woken.set)
    selector.select = counting
    try:
        threading.Timer(after_s, wake).start()
        await woken.wait()
    finally:
        selector.select = real
    return seen


class Stuck(Exception):
    """The virtual loop has nothing scheduled and nothing to read: it would wait for ever."""


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock (`time()`, `now_ns()`) moves only when it would wait: a
    wait with a timeout takes no real time; one without (nothing scheduled) raises Stuck."""

    def __init__(self) -> None:
        super().__init__()
        self._ns = 0
        real = self._selector.select   # type: ignore[attr-defined]

        def select(timeout: float | None = None) -> Any:
            if timeout is None:
                raise Stuck()
            self._ns += round(max(0.0, timeout) * 1e9)
            return real(0)
        self._selector.select = select  # type: ignore[attr-defined]

    def time(self) -> float:
        return self._ns / 1e9

    def now_ns(self) -> int:
        return self._ns
