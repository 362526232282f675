"""A lab saved to disk at a random point of a random sequence comes back printing the same
shows on every unit (asa_emulator/lab/saved_state.py, issue 21).

The sequence mixes faults, time, failover commands, saved and unsaved changes and traffic.  The
lab is then left two minutes and settled before it is saved: what is under way when a lab is
saved (a boot, a fault not yet detected) is not saved, it is found done in the restored lab
(saved_state.py).  The restored lab's fixed set of shows (tests/support/lab_shows.py) must
equal the lab's."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from asa_emulator.api import Lab, LabError
from asa_emulator.lab.saved_state import load_lab_state, save_lab_state
from tests.support.lab_shows import saved_shows

STEPS = (
    "@wait 3s", "@wait 20s", "@wait 2m",
    "@link down primary GigabitEthernet0/3", "@link up primary GigabitEthernet0/3",
    "@link fail secondary GigabitEthernet0/4", "@link heal secondary GigabitEthernet0/4",
    "@failover-link down", "@failover-link up",
    "@power off secondary", "@power on secondary",
    "@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443 bytes 500",
    "@traffic primary admin tcp inside 10.1.0.51:40000 outsideISP-A 203.0.113.10:80 bytes 70",
    "@traffic secondary ctx1 tcp inside 10.2.20.60:41000 outsideISP-B 198.51.100.7:22 bytes 9",
    "@console primary", "@console secondary",
    "enable", "", "configure terminal", "failover group 1", "preempt 5", "replication http", "exit",
    "no failover active group 1", "failover active group 2", "write memory", "write memory all",
    "changeto context admin", "changeto context ctx1", "changeto system", "hostname other",
    "access-list a1 extended permit tcp any any eq 22", "access-group a1 in interface inside",
)


def run(lab: Lab, steps: list[str]) -> None:
    for step in steps:
        try:
            lab.run([step])
        except LabError:
            pass        # a directive the lab refuses here (a link of a unit that is off)


def _boots_alone(steps: list[str]) -> bool:
    """A unit powered on or off while the failover link is down.  On: the secondary finds no
    mate, although the primary knew it.  Off: its mate keeps the states it last heard (the
    link already failed) where a restore, booting the faults before the pair forms, shows it
    Failed.  A restore boots the faults either after the pair formed or before it, never
    half-way: these histories are out of its reach (saved_state.py)."""
    link_down = False
    for step in steps:
        if step.startswith("@failover-link"):
            link_down = step.endswith("down")
        elif step.startswith("@power ") and link_down:
            return True
    return False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(STEPS), min_size=1, max_size=16))
# an interface failing while the failover link is down fails nothing over; restored with every
# fault at once, group 1 failed over to the secondary (found by hypothesis)
@example(["@failover-link down"] + ["@wait 3s"] * 5 + ["@link down primary GigabitEthernet0/3"])
def test_a_saved_lab_restores_with_the_same_shows(steps: list[str]) -> None:
    assume(not _boots_alone(steps))
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    run(lab, steps)
    lab.advance(120_000)
    lab.settle()
    before = saved_shows(lab)
    with tempfile.TemporaryDirectory() as tmp:
        save_lab_state(lab, Path(tmp) / "saved")
        restored = load_lab_state(Path(tmp) / "saved", lab_class=Lab)
        assert saved_shows(restored) == before
