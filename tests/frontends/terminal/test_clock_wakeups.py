"""The real-time clock sleeps until the lab's next event (frontends/clock.py): on an event
loop whose time is virtual, its wake-ups over minutes are counted, not timed."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeVar

from asa_emulator.frontends.clock import RealTimeClock
from asa_emulator.lab.lab import Lab
from tests.support.fakes import FakeLab
from tests.support.loops import VirtualTimeLoop

T = TypeVar("T")


def on_virtual_time(main: Callable[[VirtualTimeLoop], Awaitable[T]]) -> T:
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(main(loop))
    finally:
        loop.close()


async def window(clock: RealTimeClock, seconds: float,
                 after_tick: Callable[[], None] | None = None) -> int:
    """The clock's wake-ups while `seconds` of (virtual) wall time pass."""
    task = asyncio.create_task(clock.run(after_tick))
    await asyncio.sleep(seconds)
    await stop(task)
    return clock.wakes


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def test_nothing_scheduled_no_wake_up_in_ten_minutes() -> None:
    lab = FakeLab()

    async def main(loop: VirtualTimeLoop) -> int:
        return await window(RealTimeClock(lab, now_ns=loop.now_ns), 600)
    assert on_virtual_time(main) == 0
    assert lab.advanced == []


def test_a_timer_every_second_wakes_it_once_a_second() -> None:
    lab = FakeLab()
    lab.period_ms = 1000

    async def main(loop: VirtualTimeLoop) -> int:
        return await window(RealTimeClock(lab, now_ns=loop.now_ns), 10.5)
    assert on_virtual_time(main) == 10
    assert lab.advanced == [1000] * 10


def test_the_terminal_toolbar_wakes_it_once_a_second_of_the_lab_clock() -> None:
    """The toolbar shows the virtual clock's seconds: one wake-up each, on the second."""
    lab = FakeLab()
    seen: list[int] = []

    async def main(loop: VirtualTimeLoop) -> int:
        clock = RealTimeClock(lab, now_ns=loop.now_ns)
        lab.advance(250)                # the lab's clock 250 ms into a second
        task = asyncio.create_task(clock.run(lambda: seen.append(lab.now_ms() % 1000), clock.to_next_second))
        await asyncio.sleep(5.1)
        await stop(task)
        return clock.wakes
    assert on_virtual_time(main) == 5
    assert seen == [0] * 5


def test_a_settled_pair_wakes_it_only_to_see_that_its_polls_change_nothing() -> None:
    """The example pair polls every second; once both units' polls changed nothing, the clock
    sleeps until another event (none): one wake-up in ten minutes, not 6,000."""
    lab = Lab.load("example")
    lab.settle()
    start = lab.clock.now

    async def main(loop: VirtualTimeLoop) -> int:
        return await window(RealTimeClock(lab, now_ns=loop.now_ns), 600)
    assert on_virtual_time(main) == 1
    assert lab.clock.now - start == 1000    # its one wake-up; the rest is caught up by the next line


def settled(name: str) -> Lab:
    """The lab once booted and paired, what its consoles printed meanwhile read."""
    lab = Lab.load(name)
    lab.settle()
    for unit in lab.unit_names:
        lab.console(unit).take_messages()
    return lab


def _power_off_at_5s(lab: Lab, clock: RealTimeClock | None) -> None:
    if clock is not None:
        clock.catch_up()
    lab.directive("@power off secondary")
    if clock is not None:
        clock.ran()


def test_a_lost_mate_is_declared_on_time_while_nobody_types() -> None:
    """The secondary loses power 5 s in; the primary's console messages (the mate's hold
    time running out, the failover) come at the same virtual times as when the lab is moved
    one event at a time, and at that wall-clock moment."""
    reference = settled("example")
    origin = reference.clock.now
    reference.advance(5000)
    _power_off_at_5s(reference, None)
    expected = []
    while (at := reference.clock.next_event_at()) is not None and at <= origin + 40_000:
        reference.advance(at - reference.clock.now)
        if lines := reference.console("primary").take_messages():
            expected.append((at - origin, lines))
    assert expected != []

    lab = settled("example")
    assert lab.clock.now == origin

    async def main(loop: VirtualTimeLoop) -> list[tuple[int, int, list[str]]]:
        clock = RealTimeClock(lab, now_ns=loop.now_ns)
        seen: list[tuple[int, int, list[str]]] = []

        def after_tick() -> None:
            if lines := lab.console("primary").take_messages():
                seen.append((loop.now_ns() // 1_000_000, lab.clock.now - origin, lines))
        task = asyncio.create_task(clock.run(after_tick))
        await asyncio.sleep(5)
        _power_off_at_5s(lab, clock)
        await asyncio.sleep(35.0005)
        await stop(task)
        return seen
    seen = on_virtual_time(main)
    assert [(lab_ms, lines) for _, lab_ms, lines in seen] == expected
    assert [wall_ms for wall_ms, _, _ in seen] == [at for at, _ in expected]
