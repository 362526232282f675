"""A hello tick's work follows the monitored interfaces, never the size of the lab.

The large lab (benchmarks/large_lab.py: 250 contexts x 4 VLAN subinterfaces on an ASA 5585-X
pair) monitors the same four physical interfaces as the example lab, with the default
monitoring (subinterfaces are not monitored).  Work is counted, not timed: every call of a
function of the emulator while the clock runs a minute of steady state.
"""

from __future__ import annotations

import sys
from collections import Counter
from types import FrameType

import pytest

from asa_emulator.failover import health
from asa_emulator.lab.lab import Lab
from tests.support.labfiles import generated_lab
from tests.support.paths import ROOT

PACKAGE = str(ROOT / "asa_emulator")



@pytest.fixture(scope="module")
def large_lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return generated_lab(tmp_path_factory.mktemp("large"), 250)


def _calls_during(lab: Lab, ms: int) -> Counter[tuple[str, str]]:
    """Every call of an emulator function while the clock advances `ms`."""
    calls: Counter[tuple[str, str]] = Counter()

    def count(frame: FrameType, event: str, arg: object) -> None:
        code = frame.f_code
        if event == "call" and code.co_filename.startswith(PACKAGE):
            calls[(code.co_filename[len(PACKAGE):], code.co_name)] += 1
    sys.setprofile(count)
    try:
        lab.advance(ms)
    finally:
        sys.setprofile(None)
    return calls


def _steady(lab: Lab) -> Counter[tuple[str, str]]:
    lab.advance(10_000)         # the first tick after a change rebuilds what it derives
    return _calls_during(lab, 60_000)


def test_large_lab_is_paired_and_monitors_the_example_interfaces(large_lab: Lab) -> None:
    example = Lab.load("example")
    example.settle()
    for name in ("primary", "secondary"):
        big, small = large_lab.units[name], example.units[name]
        assert len(big.ctx) == 250
        assert sum(len(c.interfaces) for c in big.ctx.values()) == 250 * 4 + 4
        assert health.monitored(big) == health.monitored(small)
    assert large_lab.failover_state("primary").paired and large_lab.failover_state("secondary").paired


def test_a_tick_does_the_same_work_on_both_labs(large_lab: Lab) -> None:
    example = Lab.load("example")
    example.settle()
    small, big = _steady(example), _steady(large_lab)
    assert sum(small.values()) > 0
    assert big == small


def test_a_configuration_change_is_seen_by_the_next_tick(large_lab: Lab) -> None:
    """The monitored-interface list is kept between ticks, and rebuilt after a change."""
    p = large_lab.units["primary"]
    before = health.monitored(p)
    con = large_lab.console("primary")
    for line in ("enable", "", "changeto context c3", "configure terminal",
                 "monitor-interface net0"):
        con.execute(line)
    large_lab.advance(2_000)
    after = health.monitored(p)
    assert len(after) == len(before) + 1
    assert ("c3", "net0", "TenGigabitEthernet0/6.108", 1) in after
    assert large_lab.failover_state("primary").monitor("c3", "net0") is not None
    con.execute("no monitor-interface net0")
    large_lab.advance(2_000)
    assert health.monitored(p) == before
    assert large_lab.failover_state("primary").monitor("c3", "net0") is None


@pytest.fixture(scope="module")
def small_lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """The large lab's generator with 3 contexts: admin, ctx1 and c3 configured as there."""
    return generated_lab(tmp_path_factory.mktemp("small"), 3)


NET0 = ("c3", "net0", "TenGigabitEthernet0/6.108", 1)     # c3's first subinterface


@pytest.mark.parametrize(("lines", "net0_monitored"), [
    (["interface TenGigabitEthernet0/6.108", " description changed"], False),
    (["monitor-interface net0"], True),
    (["interface TenGigabitEthernet0/6.108", " shutdown"], True),
    (["interface TenGigabitEthernet0/6.108", " no shutdown"], True),
    (["no monitor-interface net0"], False),
], ids=["description", "monitor", "shutdown", "no-shutdown", "no-monitor"])
def test_a_command_in_a_context_then_a_tick_costs_the_same_on_both_labs(
        small_lab: Lab, large_lab: Lab, lines: list[str], net0_monitored: bool) -> None:
    """What a tick derives from the configuration is rebuilt for the context a command was
    typed in only: the tick after it does the same work on 3 contexts as on 250 (the cases
    run in order: each starts where the previous one left c3)."""
    counted = []
    for lab in (small_lab, large_lab):
        con = lab.console("primary")
        for line in ("enable", "", "changeto context c3", "configure terminal"):
            con.execute(line)
        lab.advance(10_000)             # steady: what the last command changed is rebuilt
        for line in lines:
            assert con.execute(line) == [], line
        con.execute("exit")
        counted.append(_calls_during(lab, 1_000))
        p = lab.units["primary"]
        assert (NET0 in health.monitored(p)) is net0_monitored     # the tick saw the change
        shut = lines[-1] == " shutdown"
        assert (("c3", "net0") in health._shut_down(p)) is shut
    small, big = counted
    assert sum(small.values()) > 0
    assert big == small


def _transcript_of(lab: Lab) -> list[str]:
    con = lab.console("primary")
    out: list[str] = []
    for line in ("enable", "", "show failover", "show failover history", "show failover state"):
        out += con.execute(line)
    return out + lab.directive("@status")


@pytest.mark.parametrize("events", [
    ["@link fail primary GigabitEthernet0/3"],
    ["@link down secondary GigabitEthernet0/4", "@link up secondary GigabitEthernet0/4"],
    ["@power off secondary", "@power on secondary"],
    ["@failover-link down", "@failover-link up"],
    ["@link fail primary GigabitEthernet0/3", "@link heal primary GigabitEthernet0/3"],
])
def test_skipping_quiet_ticks_changes_nothing_seen(events: list[str]) -> None:
    """Hours in one run (quiet ticks skipped) and second by second (each run is short), with
    events between: the same states, times and history."""
    one, steps = Lab.load("example"), Lab.load("example")
    for lab in (one, steps):
        lab.settle()
    for event in ["", *events]:
        for lab in (one, steps):
            if event:
                lab.directive(event)
        one.advance(600_000)
        for _ in range(600):
            steps.advance(1_000)
        assert _transcript_of(one) == _transcript_of(steps)
