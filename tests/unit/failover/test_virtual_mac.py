"""Virtual MAC addresses: defaults and the chapter's order of preference."""

from __future__ import annotations

from asa_emulator.device.addresses import interface_mac
from asa_emulator.lab.lab import Lab


def _lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab


def _run(lab: Lab, unit: str, *lines: str) -> None:
    s = lab.open_session(unit)
    for line in ("enable", "", *lines):
        s.execute(line)


def _macs(lab: Lab) -> tuple[str, str]:
    return (interface_mac(lab.units["primary"], "admin", "GigabitEthernet0/2"),
            interface_mac(lab.units["secondary"], "admin", "GigabitEthernet0/2"))


def test_generated_failover_macs_follow_port_and_group() -> None:
    lab = _lab()
    assert _macs(lab) == ("00a0.c902.0101", "00a0.c902.0102")
    assert interface_mac(lab.units["secondary"], "ctx1", "GigabitEthernet0/4") == "00a0.c904.0201"
    _run(lab, "primary", "no failover active group 1")
    assert _macs(lab) == ("00a0.c902.0102", "00a0.c902.0101")      # they move with the group


def test_order_of_preference() -> None:
    lab = _lab()
    _run(lab, "primary", "configure terminal", "mac-address auto")
    auto = _macs(lab)
    assert auto[0].startswith("a2") and auto[0] != auto[1]
    _run(lab, "primary", "configure terminal", "failover group 1",
         "mac address GigabitEthernet0/2 0000.a000.a011 0000.a000.a012")
    assert _macs(lab) == ("0000.a000.a011", "0000.a000.a012")       # group mac over auto
    _run(lab, "primary", "changeto context admin", "configure terminal",
         "interface GigabitEthernet0/2", "mac-address 0000.1111.2222 standby 0000.1111.3333")
    assert _macs(lab) == ("0000.1111.2222", "0000.1111.3333")       # interface mac over all
