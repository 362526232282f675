"""A configuration sync's copy (failover/sync.py: copy_config, which runs each space's rendered
lines through Session.run_rendered) gives the mate the source's running configuration of every
space, and exactly what running each line through Session.execute (run_lines) gives: the same
configuration objects, console lines and derived values.  On the large lab of the benchmarks
(250 contexts x 4 VLAN subinterfaces) and on the example lab with a richer configuration."""

from __future__ import annotations

from typing import Any

import pytest

from asa_emulator.device.interfaces import live_ports, monitoring
from asa_emulator.device.session import Session
from asa_emulator.device.unit import Unit
from asa_emulator.failover.sync import copy_config
from asa_emulator.lab.lab import Lab
from tests.support.labfiles import generated_lab
from tests.support.paths import ROOT

# typed on the example lab's primary before the copy: what the plain lab lacks (a subinterface
# allocated under a mapped name, IPv6, monitoring, objects, access lists, routes, names,
# logging, users, a failover group option), in the system space and in both contexts
RICHER = [
    "enable", "", "configure terminal",
    "interface GigabitEthernet0/0.10", "vlan 10", "exit",
    "context ctx1", "allocate-interface GigabitEthernet0/0.10 dmz", "exit",
    "failover group 1", "preempt 5", "exit",
    "changeto context ctx1", "configure terminal",
    "interface dmz", "nameif dmz", "security-level 50",
    "ip address 10.9.9.1 255.255.255.0 standby 10.9.9.2", "description the dmz", "exit",
    "interface GigabitEthernet0/5", "ipv6 address 2001:db8::1/64 standby 2001:db8::2", "exit",
    "monitor-interface dmz", "no monitor-interface inside",
    "object network web", "host 10.9.9.10", "exit",
    "object-group network servers", "network-object host 10.9.9.11", "exit",
    "access-list OUT extended permit tcp any host 10.9.9.10 eq 80",
    "access-list OUT extended deny ip any any",
    "access-group OUT in interface outsideISP-B",
    "route outsideISP-B 0.0.0.0 0.0.0.0 192.168.2.254 1",
    "name 10.9.9.12 printer",
    "logging enable", "logging buffered informational", "logging timestamp",
    "mtu dmz 1400", "timeout xlate 2:00:00",
    "username bob password secret1 privilege 15",
    "ssh 10.0.0.0 255.0.0.0 inside", "ssh timeout 30",
    "changeto context admin", "configure terminal", "hostname Adm2", "arp timeout 3600",
]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return generated_lab(tmp_path_factory.mktemp("large"), 250)


@pytest.fixture()
def richer() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    con = lab.console("primary")
    for line in RICHER:
        con.execute(line)
    return lab


def _bodies(u: Unit, all_: bool = False) -> dict[str | None, list[str]]:
    """Every space's configuration; the system's without `failover lan unit` (never copied)."""
    got: dict[str | None, list[str]] = {
        None: [x for x in u.spaces.config_body(None, all_=all_) if not x.startswith("failover lan unit")]}
    for c in u.ctx:
        got[c] = u.spaces.config_body(c, all_=all_)
    return got


def _copied(lab: Lab) -> tuple[Any, ...]:
    """Copy primary to secondary; what the secondary then has: its configuration objects,
    the console lines of the copy, what it derives from the configuration."""
    p, s = lab.units["primary"], lab.units["secondary"]
    s.take_messages()
    copy_config(p, s, None, True)
    return (s.sys, s.ctx, s.take_messages(), monitoring(s), sorted(live_ports(s)),
            s.spaces.context_places(), s.sys.failover.lan_unit)


def _same_as_execute(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _copied(lab)
    with monkeypatch.context() as m:
        m.setattr(Session, "run_rendered", Session.run_lines)
        plain = _copied(lab)
    assert fast[0] is not plain[0]          # two copies were made, compared field by field
    assert fast == plain


def test_full_sync_of_the_large_lab_copies_every_space(large: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    p, s = large.units["primary"], large.units["secondary"]
    assert len(p.ctx) == 250
    copy_config(p, s, None, True)
    assert _bodies(s) == _bodies(p)
    assert _bodies(s, all_=True) == _bodies(p, all_=True)
    assert s.sys.failover.lan_unit == "secondary"
    _same_as_execute(large, monkeypatch)


def test_full_sync_of_a_richer_configuration(richer: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    p, s = richer.units["primary"], richer.units["secondary"]
    copy_config(p, s, None, True)
    assert _bodies(s) == _bodies(p)
    assert _bodies(s, all_=True) == _bodies(p, all_=True)
    assert "monitor-interface dmz" in s.spaces.config_body("ctx1")
    _same_as_execute(richer, monkeypatch)


@pytest.mark.parametrize("lab_dir", sorted(p.name for p in (ROOT / "transcripts" / "labs").iterdir()
                                           if (p / "lab.toml").exists()))
def test_the_copy_runs_each_line_as_execute_does(lab_dir: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The transcripts' labs (single mode, Active/Standby, corrupt files, other versions)."""
    lab = Lab.load(str(ROOT / "transcripts" / "labs" / lab_dir), in_memory=True)
    lab.settle()
    _same_as_execute(lab, monkeypatch)


def test_lines_the_fast_path_leaves_to_execute(richer: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused line, a parse error, a rejected command and a sub-mode's parent command in a
    copied configuration: the same errors and results as through execute."""
    s = richer.units["secondary"]
    lines = ["interface GigabitEthernet0/3", " description caf\u00e9", " nameif x y z",
             " no-such-word", "x" * 600, "context nosuch", "  join-failover-group 9", "!",
             "interface GigabitEthernet0/2", " description ok", "hostname other"]

    def run() -> tuple[Any, ...]:
        s.spaces.reset_config(factory=False)
        s.take_messages()
        errors = s.batch(None, "replica").run_rendered(lines)
        return errors, s.sys, s.ctx, s.take_messages()
    fast = run()
    with monkeypatch.context() as m:
        m.setattr(Session, "run_rendered", Session.run_lines)
        plain = run()
    assert fast == plain
    assert len(fast[0]) >= 8                # each bad line reported
    assert fast[1].interfaces["GigabitEthernet0/2"].description == "ok"


@pytest.mark.parametrize("change", [False, True])
def test_write_standby_sends_what_the_source_has_when_the_copy_is_made(change: bool) -> None:
    """The sync renders the source once when it starts (its length sets the transfer's
    duration) and sends those lines, unless the source's configuration changed meanwhile."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    con = lab.console("primary")
    for line in ("enable", "", "changeto system", "configure terminal"):
        con.execute(line)
    con.execute("write standby")
    if change:
        con.execute("interface GigabitEthernet0/3")
        con.execute(" description typed meanwhile")
    while lab.failover_state("secondary").syncing:
        lab.advance(500)
    p, s = lab.units["primary"], lab.units["secondary"]
    assert _bodies(s) == _bodies(p)
    assert (s.sys.interfaces["GigabitEthernet0/3"].description == "typed meanwhile") == change
