"""The ports between a unit and what the lab attaches to it (device/boundary.py, issue 18): the
wiring raises link changes as an event, a unit reaches the pair through a read-only query and
an event sink, and it makes its sessions through the maker it is given."""

from __future__ import annotations

from asa_emulator.clock import Clock
from asa_emulator.device.boundary import LineSession, PairEvents, PairQuery
from asa_emulator.device.flash import STARTUP, Flash
from asa_emulator.device.hardware import Hardware
from asa_emulator.device.session import Session
from asa_emulator.device.unit import Unit
from asa_emulator.lab.lab import Lab

START_MS = 1_718_193_600_000


def _heard(lab: Lab) -> list[int]:
    heard: list[int] = []
    lab.wiring.listeners.append(lambda: heard.append(lab.wiring.gen))
    return heard


def test_the_wiring_raises_every_link_change() -> None:
    """A fault set or cleared, a cut special link and a unit that lost power each reach the
    pair as one event of the wiring (the directives call no pair method for it)."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    heard = _heard(lab)
    lab.directive("@link down primary GigabitEthernet0/2")
    lab.directive("@link up primary GigabitEthernet0/2")
    lab.directive("@failover-link down")
    assert heard == [1, 2, 3]                   # each a change of the cabling (gen moves)
    lab.directive("@power off secondary")
    lab.directive("@crash primary")
    assert heard == [1, 2, 3, 3, 3]             # power: an event, the cabling unchanged


def test_the_lab_attaches_the_pair_as_query_and_sink() -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    u = lab.units["primary"]
    query: PairQuery[Unit] | None = u.pair
    sink: PairEvents[Unit, object] | None = u.events
    assert query is lab.pair and sink is lab.pair
    assert u.pair.mate_unit(u) is lab.units["secondary"]


def test_a_unit_makes_its_sessions_with_the_maker_it_is_given() -> None:
    """The unit sits below the session class: its console, the batch sessions that load a
    file and the replica session come from `sessions`."""
    made: list[str] = []

    def sessions(unit: Unit, kind: str) -> LineSession:
        made.append(kind)
        return Session(unit, kind)

    hw = Hardware()
    flash = Flash(capacity=hw.flash_bytes)
    flash.write(STARTUP, b"hostname made\n", START_MS)
    u = Unit("primary", hw, flash, Clock(START_MS), sessions=sessions)
    u.power_on(0)
    u.clock.advance(1)
    assert u.up and u.sys.hostname == "made"
    assert made == ["console", "batch", "console"]      # built, the startup-config, booted
    u.replica_session()
    assert made[-1] == "replica"
    assert u.replica_session() is u.replica_session()   # one, reused


def test_the_configuration_lives_in_the_units_spaces() -> None:
    """The powered unit keeps power, boot, console and sessions; the configuration spaces
    (allocation, running-config, save, checksums, loading) are `unit.spaces`, whose working
    sets the unit reads through `sys`, `ctx` and `single`."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    u = lab.units["primary"]
    assert u.sys is u.spaces.sys and u.ctx is u.spaces.ctx and u.single is u.spaces.single
    con = lab.console("primary")
    for line in ("enable", "", "configure terminal", "hostname moved"):
        con.execute(line)
    assert "hostname moved" in u.spaces.running_config(None)
    assert not u.spaces.saved(None)
    assert not any(hasattr(u, name) for name in
                   ("running_config", "config_body", "save", "saved", "allocate", "run_file"))
