"""Active/Standby virtual MACs (issue 19): the interface's `mac-address`, then the global
`failover mac address`, then `mac-address auto`, then the primary's burned-in address on the
active unit (the secondary's on the standby), moving at failover, in single and multiple mode."""

from __future__ import annotations

import pytest

from asa_emulator.device.addresses import interface_mac
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS

# (lab, the space the interface lives in, the interface's space-side configuration mode)
CASES = {
    "single": (LABS / "single-mode", "", []),
    "multiple": (LABS / "active-standby", "admin", ["changeto context admin"]),
}
PHYS = "GigabitEthernet0/2"


def _lab(kind: str) -> Lab:
    lab = Lab.load(str(CASES[kind][0]), in_memory=True)
    lab.settle()
    return lab


def _run(lab: Lab, unit: str, *lines: str) -> list[str]:
    s = lab.open_session(unit)
    out: list[str] = []
    for line in ("enable", "", *lines):
        out = s.execute(line)
    return out


def _macs(lab: Lab, kind: str) -> tuple[str, str]:
    space = CASES[kind][1]
    return (interface_mac(lab.units["primary"], space, PHYS),
            interface_mac(lab.units["secondary"], space, PHYS))


def _fail_over(lab: Lab) -> None:
    _run(lab, "primary", "no failover active")
    lab.directive("@wait 5s")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_burned_in_addresses_of_the_primary_move_to_the_active_unit(kind: str) -> None:
    lab = _lab(kind)
    prim, sec = (lab.units[n].hw.mac_of(PHYS) for n in ("primary", "secondary"))
    assert _macs(lab, kind) == (prim, sec)
    _fail_over(lab)
    assert _macs(lab, kind) == (sec, prim)
    # the standby unit's own `show interface` says the same
    shown = _run(lab, "primary", *CASES[kind][2], f"show interface {PHYS}")
    assert f"\tMAC address {sec}, MTU 1500" in shown


@pytest.mark.parametrize("kind", sorted(CASES))
def test_failover_mac_address_is_used_and_moves(kind: str) -> None:
    lab = _lab(kind)
    _run(lab, "primary", "configure terminal", f"failover mac address {PHYS} 0000.a000.a011 0000.a000.a012")
    assert _macs(lab, kind) == ("0000.a000.a011", "0000.a000.a012")
    _fail_over(lab)
    assert _macs(lab, kind) == ("0000.a000.a012", "0000.a000.a011")


def test_order_of_preference_in_multiple_mode_without_groups() -> None:
    lab = _lab("multiple")
    _run(lab, "primary", "configure terminal", "mac-address auto")
    auto = _macs(lab, "multiple")
    assert auto[0].startswith("a2") and auto[0] != auto[1]
    _run(lab, "primary", "configure terminal", f"failover mac address {PHYS} 0000.a000.a011 0000.a000.a012")
    assert _macs(lab, "multiple") == ("0000.a000.a011", "0000.a000.a012")     # over auto
    _run(lab, "primary", "changeto context admin", "configure terminal",
         f"interface {PHYS}", "mac-address 0000.1111.2222 standby 0000.1111.3333")
    assert _macs(lab, "multiple") == ("0000.1111.2222", "0000.1111.3333")     # over all


def test_interface_mac_address_wins_in_single_mode() -> None:
    lab = _lab("single")
    _run(lab, "primary", "configure terminal", f"failover mac address {PHYS} 0000.a000.a011 0000.a000.a012",
         f"interface {PHYS}", "mac-address 0000.1111.2222 standby 0000.1111.3333")
    assert _macs(lab, "single") == ("0000.1111.2222", "0000.1111.3333")
    _fail_over(lab)
    assert _macs(lab, "single") == ("0000.1111.3333", "0000.1111.2222")


def test_a_secondary_that_never_heard_the_primary_uses_its_own_address() -> None:
    lab = _lab("single")
    lab.directive("@power off primary")
    lab.directive("@power off secondary")
    lab.directive("@power on secondary")
    lab.directive("@wait 2m")
    sec = lab.units["secondary"]
    assert sec.is_active_here(None)
    assert interface_mac(sec, "", PHYS) == sec.hw.mac_of(PHYS)
