"""In a multiple-mode Active/Standby pair, the system space's `show interface` of a port
allocated to one context shows the MAC address that port holds, the one its context's
interface took by the Active/Standby precedence, and it moves with it at failover (issue 19)."""

from __future__ import annotations

from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from tests.support.paths import LABS

PORTS = {"GigabitEthernet0/2": "admin", "GigabitEthernet0/3": "admin",
         "GigabitEthernet0/4": "ctx1", "GigabitEthernet0/5": "ctx1"}


def _macs(lab: Lab, unit: str) -> tuple[dict[str, str], dict[str, str]]:
    """(system space's MAC per port, the context's MAC per port)."""
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    s.execute("changeto system")
    system = {p: s.execute(f"show interface {p} | include MAC")[0].split()[2].rstrip(",")
              for p in PORTS}
    contexts: dict[str, str] = {}
    for ctx in ("admin", "ctx1"):
        s.execute(f"changeto context {ctx}")
        shown = s.execute("show interface | include Interface|MAC")
        for head, mac in zip(shown[::2], shown[1::2], strict=True):
            contexts[head.split()[1]] = mac.split()[2].rstrip(",")
    return system, contexts


def test_the_system_space_shows_the_mac_the_context_holds() -> None:
    lab = Lab.load(str(LABS / "active-standby"), in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto system", "configure terminal",
                 "failover mac address GigabitEthernet0/3 0000.a000.a011 0000.a000.a012",
                 "changeto context ctx1", "interface GigabitEthernet0/4",
                 "mac-address 0000.1111.2222 standby 0000.1111.3333", "end"):
        s.execute(line)
    run_directive(lab, "@wait 5s")
    for unit, active in (("primary", True), ("secondary", False)):
        system, contexts = _macs(lab, unit)
        assert system == contexts
        assert system["GigabitEthernet0/3"] == ("0000.a000.a011" if active else "0000.a000.a012")
        assert system["GigabitEthernet0/4"] == ("0000.1111.2222" if active else "0000.1111.3333")
        # no virtual MAC: the primary's burned-in address on the active unit
        assert system["GigabitEthernet0/2"] == ("0013.c480.8203" if active else "0013.c480.9103")
    s2 = lab.open_session("secondary")
    for line in ("enable", "", "failover active"):
        s2.execute(line)
    run_directive(lab, "@wait 5s")
    system, contexts = _macs(lab, "secondary")
    assert system == contexts
    assert system["GigabitEthernet0/2"] == "0013.c480.8203"
    assert system["GigabitEthernet0/3"] == "0000.a000.a011"
