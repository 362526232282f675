"""Active/Standby in multiple context mode: no failover group configured (issue 9)."""

from __future__ import annotations

from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS

AS_LAB = str(LABS / "active-standby")


def _enable(lab: Lab, unit: str):
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    return s


def test_a_pair_without_groups_runs_the_unit_level_state() -> None:
    lab = Lab.load(AS_LAB)
    lab.settle()
    for unit in ("primary", "secondary"):
        assert lab.failover_state(unit).gids == (1,)
        assert not lab.failover_state(unit).active_active
    s = _enable(lab, "primary")
    out = s.execute("show failover")
    assert "        This host: Primary - Active " in out
    assert "        Other host: Secondary - Standby Ready " in out
    assert not any(line.lstrip().startswith("Group") for line in out)


def test_the_system_interface_policy_decides_in_active_standby() -> None:
    lab = Lab.load(AS_LAB)
    lab.settle()
    s = _enable(lab, "primary")
    s.execute("configure terminal")
    s.execute("failover interface-policy 2")
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.advance(30_000)
    assert lab.failover_state("primary").group(1).state == "Active"
    lab.directive("@link down primary GigabitEthernet0/4")
    lab.advance(30_000)
    assert lab.failover_state("primary").group(1).state == "Failed"
    assert lab.failover_state("secondary").group(1).state == "Active"


def test_the_example_pair_keeps_its_two_groups() -> None:
    lab = Lab.load("example")
    lab.settle()
    for unit in ("primary", "secondary"):
        assert lab.failover_state(unit).gids == (1, 2)
        assert lab.failover_state(unit).active_active


def test_a_group_that_is_not_configured_is_refused() -> None:
    lab = Lab.load(AS_LAB)
    lab.settle()
    s = _enable(lab, "primary")
    for line in ("failover active group 1", "no failover active group 2",
                 "failover reset group 1", "show failover group 2"):
        assert s.execute(line) == [f"ERROR: Failover group {line[-1]} does not exist"], line
    assert lab.failover_state("primary").group(1).state == "Active"
