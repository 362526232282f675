"""Single context mode is one configuration space (issue 19): every view, `ping`,
`show monitor-interface`, `show conn` and `@traffic` read the interface as configured there."""

from __future__ import annotations

import pytest

from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.spec import LabError
from tests.support.paths import LABS

SINGLE_LAB = str(LABS / "single-mode")


def _lab_with_dmz() -> tuple[Lab, object]:
    lab = Lab.load(SINGLE_LAB, in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "configure terminal", "interface GigabitEthernet0/4",
                 "nameif dmz", "ip address 192.168.3.1 255.255.255.0 standby 192.168.3.2",
                 "no shutdown", "end"):
        s.execute(line)
    run_directive(lab, "@wait 30s")
    return lab, s


def test_the_views_read_the_one_space() -> None:
    lab, s = _lab_with_dmz()
    assert s.execute("show running-config interface GigabitEthernet0/4") == [
        "!", "interface GigabitEthernet0/4", " nameif dmz", " security-level 0",
        " ip address 192.168.3.1 255.255.255.0 standby 192.168.3.2"]
    shown = s.execute("show interface GigabitEthernet0/4")
    assert shown[0] == 'Interface GigabitEthernet0/4 "dmz", is up, line protocol is up'
    assert "\tIP address 192.168.3.1, subnet mask 255.255.255.0" in shown
    assert s.execute("show interface dmz") == shown
    brief = s.execute("show interface ip brief")
    assert "GigabitEthernet0/4         192.168.3.1     YES CONFIG up                    up  " in brief
    # the failover link keeps its failover name and the address this unit holds
    assert "GigabitEthernet0/1         10.0.4.1        YES CONFIG up                    up  " in brief
    assert s.execute("show interface GigabitEthernet0/1")[0] == \
        'Interface GigabitEthernet0/1 "folink", is up, line protocol is up'
    assert s.execute("ping 192.168.3.2")[-1].startswith("Success rate is 100 percent (5/5)")
    assert "                Interface dmz (192.168.3.1): Normal (Monitored)" in \
        s.execute("show monitor-interface")


def test_traffic_takes_no_context_in_single_mode() -> None:
    lab, s = _lab_with_dmz()
    run_directive(lab, "@traffic primary tcp inside 192.168.2.50:40000 192.168.3.80:80")
    conn = s.execute("show conn")
    assert conn[0] == "1 in use, 1 most used"
    assert conn[2].startswith("TCP dmz  192.168.3.80:80 inside  192.168.2.50:40000")
    with pytest.raises(LabError, match="unit primary has no interface named 'nosuch'"):
        run_directive(lab, "@traffic primary tcp nosuch 192.168.2.50:40000 192.168.3.80:80")


def test_monitor_interface_in_the_system_space_lists_every_context() -> None:
    lab = Lab.load("example")
    lab.settle()
    s = lab.open_session("primary")
    s.execute("enable")
    s.execute("")
    out = s.execute("show monitor-interface")
    # Active/Active: each host's contexts under their own group's state (issue 19), not all
    # under group 1's
    assert out == [
        "        This host: Primary",
        "                Group 1 - Active",
        "                admin Interface outsideISP-A (192.168.1.1): Normal (Monitored)",
        "                admin Interface inside (10.1.0.1): Normal (Monitored)",
        "                Group 2 - Standby Ready",
        "                ctx1 Interface outsideISP-B (192.168.2.1): Normal (Monitored)",
        "                ctx1 Interface inside (10.2.20.11): Normal (Monitored)",
        "        Other host: Secondary",
        "                Group 1 - Standby Ready",
        "                admin Interface outsideISP-A (192.168.1.2): Normal (Monitored)",
        "                admin Interface inside (10.1.0.11): Normal (Monitored)",
        "                Group 2 - Active",
        "                ctx1 Interface outsideISP-B (192.168.2.2): Normal (Monitored)",
        "                ctx1 Interface inside (10.2.20.1): Normal (Monitored)"]
