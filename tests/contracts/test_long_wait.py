"""A long `@wait` costs the events that happen, not the seconds, in every steady state.

Each lab state below is one a pair stays in for as long as nobody acts: paired, the failover
link down (the units do not hear each other but still see each other on the data
interfaces), the mate powered off, both units failed, a monitored interface failed, the state
link down, Active/Standby, single mode, a mate without failover or with another key.  In each, a `@wait` of the limit (720h) computes a
few ticks only (Pair.ticks_computed: work is counted, never timed), and a shorter wait lands
in exactly what the lab computing every tick (tests/properties/test_cache_differential.py's `bypassed`)
prints and shows: console lines, `show failover`, its history and state, `@status`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

import pytest

from asa_emulator.device.unit import Unit
from asa_emulator.failover.pair import Pair
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS
from tests.support.ticks import bypassed

LABS = LABS
AS_LAB, SINGLE_LAB = str(LABS / "active-standby"), str(LABS / "single-mode")

# (lab, directives that bring it to the state, directives that end it)
STATES = {
    "paired": ("example", [], ["@link down primary GigabitEthernet0/3"]),
    "failover-link-down": ("example", ["@failover-link down"], ["@failover-link up"]),
    "mate-off": ("example", ["@power off secondary"], ["@power on secondary"]),
    "primary-off": ("example", ["@power off primary"], ["@power on primary"]),
    "both-failed": ("example", ["@fail secondary hardware", "@fail primary service-card"],
                    ["@crash secondary"]),
    "interface-failed": ("example", ["@link fail primary GigabitEthernet0/3"],
                         ["@link heal primary GigabitEthernet0/3"]),
    "interface-down": ("example", ["@link down secondary GigabitEthernet0/4"],
                       ["@link up secondary GigabitEthernet0/4"]),
    "state-link-down": ("example", ["@state-link down"], ["@state-link up"]),
    "failover-link-down-at-start": ("example", ["@failover-link down", "@reset"],
                                    ["@failover-link up"]),
    "failover-link-down-then-mate-off": ("example", ["@failover-link down", "@wait 1m",
                                                     "@power off secondary"],
                                         ["@power on secondary", "@failover-link up"]),
    "active-standby-link-down": (AS_LAB, ["@failover-link down"], ["@failover-link up"]),
    "active-standby-mate-off": (AS_LAB, ["@power off primary"], ["@power on primary"]),
    "single-mode-link-down": (SINGLE_LAB, ["@failover-link down"], ["@failover-link up"]),
    "single-mode-both-failed": (SINGLE_LAB, ["@fail primary hardware",
                                             "@fail secondary hardware"], ["@crash primary"]),
    "mate-without-failover": ("example", ["secondary# no failover"], ["secondary# failover"]),
    "failover-key-mismatch": ("example", ["secondary# failover key other"],
                              ["secondary# no failover key"]),
    "fast-unit-poll": ("example", ["primary# failover polltime unit msec 200 holdtime 1"],
                       ["@failover-link down"]),
}

# the longest wait a directive allows (lab/directives.py MAX_WAIT_MS) in ticks of both units
LIMIT = "@wait 720h"
FEW_TICKS = 300


def _do(lab: Lab, line: str) -> None:
    """A directive, or `UNIT# LINE`: a command in UNIT's system configuration."""
    if line.startswith("@"):
        lab.directive(line)
        return
    unit, _, command = line.partition("# ")
    con = lab.console(unit)
    for typed in ("end", "enable", "", "changeto system", "configure terminal", command, "end"):
        con.execute(typed)


def _booted(name: str) -> Lab:
    lab = Lab.load(name, in_memory=True)
    lab.settle()
    return lab


def _seen(lab: Lab) -> list[str]:
    """What a user sees of the lab: the console lines so far, each unit's failover shows
    (with their times), and `@status`."""
    out: list[str] = []
    for name, u in lab.units.items():
        out += [f"{name}: {line}" for line in u.take_messages()]
        if not u.up:
            continue
        con = lab.console(name)
        for line in ("end", "enable", "", "changeto system" if not u.single else "end"):
            con.execute(line)
        for line in ("show failover", "show failover history", "show failover state"):
            out += con.execute(line)
    return out + lab.directive("@status")


@contextmanager
def _at_most(ticks: int) -> Iterator[None]:
    """Stop a wait that computes more than `ticks` ticks at once (a failure here would
    otherwise take minutes to show)."""
    shipped = Pair._tick
    count = [0]

    def tick(self: Pair, u: Unit) -> None:
        count[0] += 1
        assert count[0] <= ticks, f"more than {ticks} ticks computed"
        shipped(self, u)
    with patch.object(Pair, "_tick", tick):
        yield


@pytest.mark.parametrize("state", list(STATES))
def test_a_wait_of_the_limit_computes_a_few_ticks(state: str) -> None:
    name, enter, leave = STATES[state]
    lab = _booted(name)
    for line in enter:
        _do(lab, line)
    for directives in ([], leave):          # in the state, then once it has ended
        for line in directives:
            _do(lab, line)
        before = lab.pair.ticks_computed
        with _at_most(FEW_TICKS):
            lab.directive(LIMIT)
        # the state's own timers (hold times, interface tests, a boot) run; not 2.6 M ticks
        assert lab.pair.ticks_computed - before <= FEW_TICKS, (state, directives)


@pytest.mark.parametrize("state", list(STATES))
def test_a_long_wait_lands_where_every_tick_computed_does(state: str) -> None:
    name, enter, leave = STATES[state]
    shipped = _booted(name)
    with bypassed():
        fresh = _booted(name)
    for directives in (enter, ["@wait 20m"], leave, ["@wait 20m"]):
        for line in directives:
            _do(shipped, line)
            with bypassed():
                _do(fresh, line)
        seen = _seen(shipped)
        with bypassed():
            assert _seen(fresh) == seen, (state, directives)
