"""`Lab.failover_state(unit)` (asa_emulator/lab/snapshot.py): a frozen copy of what the
failover engine holds for one unit, agreeing with what the unit's `show failover` prints, and
the same on the API's Lab."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError

import pytest

from asa_emulator import api
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from tests.support.paths import LABS

GROUP_LINE = re.compile(r"  Group \d +State: +(.+)$")
MONITOR_LINE = re.compile(r" +(\S+) Interface (\S+) \(.*\): (.+) \(Monitored\)$")


def _enable(lab: Lab, unit: str, *lines: str) -> list[str]:
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    out: list[str] = []
    for line in lines:
        out += s.execute(line)
    return out


def test_the_settled_example_lab_as_show_failover_prints_it(lab: Lab) -> None:
    p, s = lab.failover_state("primary"), lab.failover_state("secondary")
    assert (p.unit, p.role, s.role) == ("primary", "Primary", "Secondary")
    assert p.enabled and p.started and p.paired and p.mate_seen and p.active_active
    assert p.gids == s.gids == (1, 2)
    assert p.states() == ("Active", "Standby Ready")
    assert s.states() == ("Standby Ready", "Active")
    assert [(g.preference, g.preempt_s) for g in p.groups] == [("primary", None),
                                                               ("secondary", None)]
    assert p.links.failover_up and p.links.state_up and p.links.linked
    assert not p.links.lan_failed and p.mismatch is None and p.unit_failure is None
    assert {m.status for m in p.monitors} == {"Normal"}
    assert p.monitor("admin", "inside") == "Normal" and p.monitor("admin", "nowhere") is None
    # the same group states and monitored interfaces as the unit's own `show failover`
    shown = _enable(lab, "primary", "show failover")
    this_host = shown[shown.index("  This host:    Primary"):shown.index("  Other host:   Secondary")]
    states = [m.group(1) for ln in this_host if (m := GROUP_LINE.match(ln))]
    monitors = {m.groups() for ln in this_host if (m := MONITOR_LINE.match(ln))}
    assert tuple(states) == p.states()
    assert monitors == {(m.context, m.name, m.status) for m in p.monitors}
    assert f"Monitored Interfaces {len(p.monitors)} of 250 maximum" in shown


def test_a_snapshot_is_frozen_and_never_follows_the_lab(lab: Lab) -> None:
    before = lab.failover_state("secondary")
    with pytest.raises(FrozenInstanceError):
        before.paired = False  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        before.groups[0].state = "Active"  # type: ignore[misc]
    lab.directive("@link down secondary GigabitEthernet0/2")
    lab.directive("@wait 30s")
    after = lab.failover_state("secondary")
    assert before.states() == ("Standby Ready", "Active")
    assert after.states() == ("Failed", "Active")
    g1 = after.group(1)
    assert (g1.failure, g1.over_threshold, g1.active) == ("Interface check", True, False)
    assert not after.group(2).over_threshold
    assert after.monitor("admin", "outsideISP-A") == "No Link"
    last = after.history[-1]
    assert (last.group, last.from_state, last.to_state, last.reason) == (
        1, "Standby Ready", "Failed", "Interface check")
    assert after.history_count > before.history_count
    assert lab.failover_state("primary").states() == ("Active", "Standby Ready")


def test_configured_preempt_and_the_failover_link(lab: Lab) -> None:
    _enable(lab, "primary", "configure terminal", "failover group 1", "preempt 5")
    assert lab.failover_state("primary").group(1).preempt_s == 5
    assert lab.failover_state("secondary").group(1).preempt_s == 5      # replicated
    lab.directive("@failover-link down")
    lab.directive("@wait 30s")
    links = lab.failover_state("primary").links
    assert not links.failover_up and not links.linked and links.lan_failed
    with pytest.raises(KeyError):
        lab.failover_state("primary").group(3)


def test_active_standby_shows_the_unit_level_state_as_group_one() -> None:
    lab = Lab.load(str(LABS / "active-standby"), in_memory=True)
    lab.settle()
    p, s = lab.failover_state("primary"), lab.failover_state("secondary")
    assert (p.gids, p.active_active, p.active) == ((1,), False, True)
    assert (s.states(), s.active) == (("Standby Ready",), False)


def test_the_api_lab_has_it_and_an_unknown_unit_is_a_lab_error() -> None:
    lab = api.Lab.load("example", in_memory=True)
    lab.settle()
    assert lab.failover_state("secondary").group(2).state == "Active"
    with pytest.raises(LabError):
        lab.failover_state("tertiary")
