"""Snapshots of a running lab (asa_emulator/lab/freeze.py, issue 21) restore byte-identically.

A random sequence of directives and commands runs on the example lab; at a random point a
snapshot is taken and every unit's output of a fixed set of shows (system space and both
contexts) is read.  The rest of the sequence runs on.  The restored lab must print the same
shows as the lab did when the snapshot was taken, and, given the rest of the sequence, print
the same transcript and end with the same shows as the lab that ran it: its timers (hellos,
holds, a sync under way, a boot) act on the copy, not on the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asa_emulator.api import Lab, LabError
from asa_emulator.device.session import ModeState, Session
from asa_emulator.lab.freeze import Snapshot

SHOWS = ("show failover", "show failover history", "show running-config", "show clock",
         "show interface ip brief", "show conn", "show failover state")
STEPS = (
    "@wait 3s", "@wait 20s", "@wait 2m",
    "@link down primary GigabitEthernet0/3", "@link up primary GigabitEthernet0/3",
    "@link fail secondary GigabitEthernet0/4", "@link heal secondary GigabitEthernet0/4",
    "@failover-link down", "@failover-link up",
    "@power off secondary", "@power on secondary", "@crash primary",
    "@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:80 bytes 500",
    "@console primary", "@console secondary",
    "enable", "", "configure terminal", "failover group 1", "preempt 5", "exit",
    "no failover active group 1", "failover active group 2", "write memory",
    "changeto context admin", "changeto system", "hostname other",
)


def shows(lab: Lab) -> dict[tuple[str, str, str], list[str]]:
    """Each up unit's output of SHOWS in the system space and each context, read through
    sessions of their own (the consoles' modes stay as they are)."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for name, u in lab.units.items():
        out[(name, "power", "")] = [str(u.powered), str(u.up)]
        if not u.up:
            continue
        for space in (None, *sorted(u.ctx)):
            s = Session(u, "ssh")
            s.pager = 0
            s.state = ModeState("sys_exec") if space is None else ModeState("ctx_exec", space)
            for command in SHOWS:
                out[(name, space or "system", command)] = s.execute(command)
    out[("lab", "clock", "")] = [str(lab.clock.now)]
    return out


def run(lab: Lab, steps: list[str]) -> list[str]:
    """The transcript of the steps; a directive the lab refuses (a crash of a unit that is
    off) is one line of it."""
    out: list[str] = []
    for step in steps:
        try:
            out += lab.run([step])
        except LabError as exc:
            out.append(f"refused: {exc}")
    return out


def _lab() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    return lab


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(STEPS), min_size=1, max_size=14), st.data())
def test_a_snapshot_restores_the_lab_as_it_was(steps: list[str], data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(steps)))
    lab = _lab()
    run(lab, steps[:at])
    snap = Snapshot(lab)
    then = shows(lab)
    tail = run(lab, steps[at:])
    restored = snap.restore()
    assert shows(restored) == then
    assert run(restored, steps[at:]) == tail
    assert shows(restored) == shows(lab)


def test_each_restore_is_a_lab_of_its_own() -> None:
    lab = _lab()
    snap = Snapshot(lab)
    one, two = snap.restore(), snap.restore()
    one.run(["@power off primary", "@wait 30s"])
    assert shows(two) == shows(snap.restore()) == shows(lab)
    assert shows(one) != shows(two)
    assert not one.units["primary"].powered and two.units["primary"].powered


def test_a_timer_of_the_copy_acts_on_the_copy() -> None:
    """A unit's hello tick is a lambda over the pair and the unit: after a restore, waiting
    on the copy moves the copy's failover state, never the original's."""
    lab = _lab()
    lab.run(["@failover-link down"])
    copy = Snapshot(lab).restore()
    before = shows(lab)
    copy.run(["@wait 1m"])
    assert shows(lab) == before
    assert shows(copy)[("secondary", "system", "show failover")] != \
        before[("secondary", "system", "show failover")]
