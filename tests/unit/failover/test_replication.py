"""Table 34-1 as data: which commands replicate, typed in full or abbreviated."""

from __future__ import annotations

import pytest

from asa_emulator.lab.lab import Lab


def _saved_hostname(lab: Lab, unit: str) -> str:
    data = lab.units[unit].flash.read(".private/startup-config").decode()
    return next(ln for ln in data.splitlines() if ln.startswith("hostname "))


@pytest.mark.parametrize(("command", "replicated"), [
    ("write memory", True),
    ("wr mem", True),
    ("copy /noconfirm running-config startup-config", True),
    ("copy /noconfirm run star", True),
    ("write terminal", False),
    ("copy /noconfirm running-config flash:/run.cfg", False),
])
def test_saving_commands(command: str, replicated: bool) -> None:
    lab = Lab.load("example")
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "hostname renamed", "end", command):
        s.execute(line)
    before = "hostname secondary"
    assert _saved_hostname(lab, "secondary") == ("hostname renamed" if replicated else before)


@pytest.mark.parametrize(("line", "replicated"), [
    ("hostname from-primary", True),
    ("failover lan unit primary", False),
    ("failover polltime unit 2 holdtime 10", True),
    ("mac-address auto", True),
])
def test_system_configuration_commands(line: str, replicated: bool) -> None:
    lab = Lab.load("example")
    lab.settle()
    sec = lab.units["secondary"]
    before = sec.spaces.config_body(None)
    s = lab.open_session("primary")
    for cmd in ("enable", "", "configure terminal", line):
        s.execute(cmd)
    assert (sec.spaces.config_body(None) != before) == replicated
