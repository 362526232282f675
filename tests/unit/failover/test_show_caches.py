"""What `show failover`, `show failover state` and `show interface` keep between two runs is
never stale: after every kind of change (the clock, links, monitoring, failovers, commands in a
context and in the system space, traffic, a mate that reboots), on both units, what they print
is what they print once every kept line is dropped.

The kept lines (failover/show/gather.py, device/views.py) are keyed by generation counters
(Unit.config_touched, UnitFailover.monitoring_changed, Wiring.gen) and by the pair's state;
this compares them with a fresh gathering, step by step through a scenario.
"""

from __future__ import annotations

import pytest

from asa_emulator.device.session import Session
from asa_emulator.lab.lab import Lab

SHOWS = ("show failover", "show failover state", "show interface", "show interface detail",
         "show failover group 1", "show failover group 2")
CONTEXT_SHOWS = ("show failover", "show monitor-interface", "show interface")

STEPS: list[list[str]] = [
    ["@wait 5s"],
    ["@link down secondary GigabitEthernet0/3", "@wait 20s"],
    ["@link up secondary GigabitEthernet0/3", "@wait 20s"],
    ["@link fail primary GigabitEthernet0/3", "@wait 30s"],
    ["@link heal primary GigabitEthernet0/3", "@wait 30s"],
    ["changeto context admin", "configure terminal", "interface GigabitEthernet0/3",
     " ip address 10.1.0.1 255.255.255.0", "end", "changeto system"],
    ["@wait 3s"],
    ["changeto context admin", "configure terminal", "interface GigabitEthernet0/3",
     " ip address 10.1.0.1 255.255.255.0 standby 10.1.0.11", " shutdown", "end", "changeto system"],
    ["@wait 20s"],
    ["changeto context ctx1", "configure terminal", "no monitor-interface inside",
     "no monitor-interface outsideISP-B", "interface GigabitEthernet0/5",
     " description changed", "end", "changeto system"],
    ["@wait 2s"],
    ["@link down primary GigabitEthernet0/5"],      # ctx1 monitors nothing: the link alone
    ["@link up primary GigabitEthernet0/5"],
    ["configure terminal", "interface GigabitEthernet0/4", " shutdown", "end"],
    ["@wait 20s"],
    ["configure terminal", "interface GigabitEthernet0/4", " no shutdown",
     " description system side", "end"],
    ["@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:80 bytes 500"],
    ["configure terminal", "failover group 2", " no preempt", "exit", "end"],
    ["failover active group 2"],
    ["@wait 10s"],
    ["no failover active group 2"],
    ["@wait 10s"],
    ["@failover-link down", "@wait 30s"],
    ["@failover-link up", "@wait 30s"],
    ["@power off secondary", "@wait 30s"],
    ["@power on secondary", "@wait 120s"],
    ["changeto context admin", "configure terminal", "interface GigabitEthernet0/3",
     " no shutdown", "end", "changeto system"],
    ["@wait 30s"],
    ["@traffic primary admin tcp inside 10.1.0.50:40001 outsideISP-A 203.0.113.10:80 bytes 700"],
    ["@traffic secondary ctx1 udp inside 10.2.20.50:5000 outsideISP-B 198.51.100.7:53"],
]


def _forget(lab: Lab) -> None:
    """Drop every kept line and view: the next show gathers from scratch."""
    lab.forget_kept()


def _session(lab: Lab, unit: str) -> Session:
    con = lab.console(unit)
    for line in ("enable", "", "changeto system"):
        con.execute(line)
    return con


def _shown(lab: Lab) -> dict[tuple[str, str | None, str], list[str]]:
    """Every show of SHOWS and CONTEXT_SHOWS on every unit that is up, in every space."""
    out = {}
    for unit in lab.units:
        if not lab.units[unit].up:
            continue
        con = _session(lab, unit)
        for context in (None, "admin", "ctx1"):
            con.execute("changeto system" if context is None else f"changeto context {context}")
            for command in SHOWS if context is None else CONTEXT_SHOWS:
                out[(unit, context, command)] = con.execute(command)
        con.execute("changeto system")
    return out


def _compare(lab: Lab) -> None:
    """What the shows print with the lines kept since the last step (the step in between),
    against a fresh gathering; the fresh one leaves its lines kept for the next step."""
    kept = _shown(lab)
    _forget(lab)
    fresh = _shown(lab)
    for key, lines in fresh.items():
        assert kept[key] == lines, key


@pytest.mark.parametrize("upto", [len(STEPS)])
def test_kept_show_lines_match_a_fresh_gathering(upto: int) -> None:
    lab = Lab.load("example")
    lab.settle()
    _compare(lab)
    con = _session(lab, "primary")
    for step in STEPS[:upto]:
        for line in step:
            if line.startswith("@"):
                lab.directive(line)
            else:
                con.execute(line)
        _compare(lab)
        con = _session(lab, "primary")
