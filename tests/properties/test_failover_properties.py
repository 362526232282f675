"""Invariants of the failover pair under random fault sequences (issues 3, 4 and 17)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.failover.state import TRANSIENT
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from tests.support.paths import LABS

# Active/Active (the built-in example) and Active/Standby (the same pair without failover
# groups: the unit-level state is the one that runs)
ACTIVE_STANDBY = str(LABS / "active-standby")
SINGLE_MODE = str(LABS / "single-mode")
LABS = ("example", ACTIVE_STANDBY, SINGLE_MODE)

UNITS = ("primary", "secondary")
DATA_IFS = ("GigabitEthernet0/2", "GigabitEthernet0/3", "GigabitEthernet0/4", "GigabitEthernet0/5")

fault = st.one_of(
    st.tuples(st.just("wait"), st.sampled_from(["1s", "5s", "20s"])),
    st.tuples(st.just("power"), st.sampled_from(["off", "on"]), st.sampled_from(UNITS)),
    st.tuples(st.just("crash"), st.sampled_from(UNITS)),
    st.tuples(st.just("link"), st.sampled_from(["down", "up", "fail", "heal"]),
              st.sampled_from(UNITS), st.sampled_from(DATA_IFS)),
    st.tuples(st.just("failover-link"), st.sampled_from(["down", "up"])),
    # hardware and service-card failures (Table 34-2); a crash or power cycle recovers them
    st.tuples(st.just("fail"), st.sampled_from(UNITS), st.sampled_from(["hardware", "service-card"])),
    st.tuples(st.just("cli"), st.sampled_from(UNITS),
              st.sampled_from(["failover active", "no failover active", "failover active group 1",
                               "no failover active group 2", "failover reset", "failover reset group 1"])),
)


def _apply(lab: Lab, step: tuple[str, ...]) -> None:
    kind = step[0]
    if kind == "cli":
        unit = lab.units[step[1]]
        if unit.up:
            s = lab.open_session(step[1])
            s.execute("enable")
            s.execute("")
            s.execute(step[2])
        return
    if kind == "crash" and not lab.units[step[1]].up:
        return
    try:
        lab.directive("@" + " ".join(step))
    except LabError:
        assert kind == "fail"       # a unit that does not run failover (off, booting) cannot fail


def _starting(lab: Lab) -> bool:
    """A powered unit is booting or has not yet met its mate nor given up looking for it: if
    the failover link is down now, it starts up without it (Table 34-2: both units active)."""
    for name, u in lab.units.items():
        fo = lab.failover_state(name)
        if u.powered and (not u.up or not fo.started or fo.negotiating):
            return True
    return False


def _active_units(lab: Lab, gid: int) -> list[str]:
    return [n for n, u in lab.units.items()
            if u.up and (fo := lab.failover_state(n)).started and fo.group(gid).active]


def _gids(lab: Lab) -> tuple[int, ...]:
    """The failover groups the pair runs (Active/Standby: the unit-level state, as group 1)."""
    return lab.failover_state(lab.unit_names[0]).gids


def _settled(lab: Lab) -> bool:
    """A running unit has settled: every group that runs is out of its transient states."""
    return any(u.up and (fo := lab.failover_state(n)).started and not fo.syncing
               and all(g.state not in TRANSIENT for g in fo.groups)
               for n, u in lab.units.items())


@pytest.mark.parametrize("lab_name", LABS)
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(fault, min_size=1, max_size=12))
def test_one_active_unit_per_group_once_hold_time_passed(lab_name: str,
                                                         steps: list[tuple[str, ...]]) -> None:
    lab = Lab.load(lab_name, in_memory=True)
    lab.settle()
    # a unit started up while the failover link was down: both units may run every group
    # (Table 34-2, "Failover link failed at startup") until the link is back
    split = False
    for step in steps:
        _apply(lab, step)
        split = lab.wiring.cut and (split or _starting(lab))
        lab.advance(20_000)
        split = lab.wiring.cut and (split or _starting(lab))
        if split:
            continue
        # the failover link was up when the units started (it may have failed since: then
        # no failover happens, row 7): once the hold time has passed no group (or, in
        # Active/Standby, the unit-level state) is active twice, and once a running unit has
        # settled every group that runs is active somewhere, whatever failed (both units
        # included: a group stays active where it is while its mate is failed)
        settled = _settled(lab)
        for gid in _gids(lab):
            active = _active_units(lab, gid)
            assert len(active) <= 1, (gid, steps)
            if settled:
                assert len(active) == 1, (gid, steps)
        for name, u in lab.units.items():
            if not u.powered:
                # a unit that is off reports nothing at all
                assert lab.console(name).prompt() == ""
                assert lab.console(name).execute("show failover") == []
    # heal every fault, then let hold times, boots and syncs pass
    lab.directive("@failover-link up")
    for name in UNITS:
        lab.directive(f"@power on {name}")
        for itf in DATA_IFS:
            lab.directive(f"@link up {name} {itf}")
            lab.directive(f"@link heal {name} {itf}")
    lab.advance(120_000)
    for gid in _gids(lab):
        assert len(_active_units(lab, gid)) == 1, (gid, steps)


def _comparable(lab: Lab, unit: str) -> list[str]:
    u = lab.units[unit]
    lines = [ln for ln in u.spaces.config_body(None) if not ln.startswith("failover lan unit")]
    for ctx in sorted(u.ctx):
        lines += [f"[{ctx}]"] + u.spaces.config_body(ctx)
    return lines


def test_sync_makes_the_running_configs_equal_except_unit_lines() -> None:
    lab = Lab.load("example")
    lab.settle()
    assert _comparable(lab, "primary") == _comparable(lab, "secondary")
    assert "failover lan unit primary" in lab.units["primary"].spaces.config_body(None)
    assert "failover lan unit primary" not in lab.units["secondary"].spaces.config_body(None)


config_line = st.sampled_from([
    ("system", "hostname pair-one"),
    ("system", "failover group 1"),
    ("admin", "interface GigabitEthernet0/3"),
    ("admin", "pager lines 40"),
    ("ctx1", "hostname SecAppB2"),
    ("system", "context ctx1"),
    ("system", "mac-address auto"),
])


@settings(max_examples=25, deadline=None)
@given(st.lists(config_line, min_size=1, max_size=8))
def test_commands_on_the_active_unit_keep_the_pair_synchronised(lines: list[tuple[str, str]]) -> None:
    lab = Lab.load("example")
    lab.settle()
    for space, line in lines:
        # system and admin replicate from the unit with group 1 active, ctx1 from group 2's
        unit = "secondary" if space == "ctx1" else "primary"
        s = lab.open_session(unit)
        s.execute("enable")
        s.execute("")
        if space != "system":
            s.execute(f"changeto context {space}")
        s.execute("configure terminal")
        s.execute(line)
    assert _comparable(lab, "primary") == _comparable(lab, "secondary")


def test_replication_from_the_standby_side_is_refused_and_warned() -> None:
    lab = Lab.load("example")
    lab.settle()
    s = lab.open_session("secondary")
    s.execute("enable")
    s.execute("")
    assert s.execute("configure terminal") == [
        "**** WARNING ****",
        "\tConfiguration Replication is NOT performed from Standby unit to Active unit.",
        "\tConfigurations are no longer synchronized.",
    ]
    s.execute("hostname only-here")
    assert lab.units["secondary"].sys.hostname == "only-here"
    assert lab.units["primary"].sys.hostname == "primary"
