"""After a system-space command, `show failover` and system `show interface` print again only
what that command can have moved: each context's interface lines are kept under what they take
from the system space (its allocations and their ports' `shutdown`; a context with IPv6
addresses is gathered again, its link-local addresses follow the MACs), each system
interface's lines under everything they are made of.  After each system-space change below,
what they print equals a fresh gathering, on both units, with IPv6 in a context."""

from __future__ import annotations

import pytest

from asa_emulator.lab.lab import Lab

SHOWS = ("show failover", "show interface", "show interface detail")

STEPS: list[list[str]] = [
    # IPv6 in ctx1 (its link-local address follows the MAC), a subinterface for later steps
    ["changeto context ctx1", "configure terminal", "interface GigabitEthernet0/5",
     " ipv6 address 2001:db8::/64 eui-64", "end", "changeto system"],
    ["configure terminal", "interface GigabitEthernet0/5", " mac-address 1234.5678.9abc", "end"],
    ["configure terminal", "mac-address auto", "end"],
    ["configure terminal", "no mac-address auto", "end"],
    ["configure terminal", "interface GigabitEthernet0/2", " shutdown", "end"],
    ["configure terminal", "interface GigabitEthernet0/2", " no shutdown", "end"],
    # a subinterface listed before others (each later one's number moves), then allocated,
    # remapped, released and removed
    ["configure terminal", "interface GigabitEthernet0/0.7", " vlan 7", "end"],
    ["configure terminal", "context admin", " allocate-interface GigabitEthernet0/0.7", "end"],
    ["changeto context admin", "configure terminal", "interface GigabitEthernet0/0.7",
     " nameif dmz7", " ip address 10.7.0.1 255.255.255.0 standby 10.7.0.2", "end", "changeto system"],
    ["configure terminal", "interface GigabitEthernet0/0.7", " shutdown", "end"],  # not monitored
    ["configure terminal", "interface GigabitEthernet0/0.7", " no shutdown", "end"],
    ["configure terminal", "context admin", " allocate-interface GigabitEthernet0/0.7 seven", "end"],
    ["configure terminal", "interface GigabitEthernet0/0", " shutdown", "end"],
    ["configure terminal", "interface GigabitEthernet0/0", " no shutdown", "end"],
    ["configure terminal", "context admin", " no allocate-interface GigabitEthernet0/0.7", "end"],
    ["configure terminal", "no interface GigabitEthernet0/0.7", "end"],
    ["configure terminal", "failover interface ip folink 10.0.4.2 255.255.255.0 standby 10.0.4.12", "end"],
    ["configure terminal", "interface GigabitEthernet0/3", " description system side", "end"],
    ["configure terminal", "failover group 1", " preempt 5", "exit", "end"],
]


def _forget(lab: Lab) -> None:
    lab.forget_kept()


def _shown(lab: Lab) -> dict[tuple[str, str], list[str]]:
    out = {}
    for unit in lab.units:
        con = lab.console(unit)
        for line in ("enable", "", "changeto system"):
            con.execute(line)
        for command in SHOWS:
            out[(unit, command)] = con.execute(command)
    return out


@pytest.mark.parametrize("upto", [len(STEPS)])
def test_system_space_commands_leave_no_stale_show_lines(upto: int) -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    _shown(lab)
    con = lab.console("primary")
    for line in ("enable", "", "changeto system"):
        con.execute(line)
    for step in STEPS[:upto]:
        for line in step:
            out = con.execute(line)
            assert not any("ERROR" in x or "Invalid" in x for x in out), (line, out)
        kept = _shown(lab)
        _forget(lab)
        assert _shown(lab) == kept, step
    assert any("2001:db8::" in x for x in kept[("primary", "show failover")])
