"""`management-only` (issue 19): the interface sub-command, its running-config line (on by
default on a Management port, for good on a 5500-X), `show interface`'s blocked count and the
through traffic it refuses; and a transparent unit before 8.4 taking its management address
at (config)#."""

from __future__ import annotations

import dataclasses

from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import load_spec
from tests.support.labfiles import single_mode_lab


def _config(lab: Lab, *lines: str) -> list[list[str]]:
    s = lab.open_session("primary")
    return [s.execute(line) for line in ("enable", "", "configure terminal", *lines)][3:]


def test_a_management_port_is_management_only_by_default_and_for_good_on_a_5500x() -> None:
    lab = single_mode_lab()
    s = lab.open_session("primary")
    s.execute("enable")
    s.execute("")
    assert s.execute("show running-config interface Management0/0") == [
        "!", "interface Management0/0", " management-only", " no nameif", " no security-level",
        " no ip address"]
    s.execute("configure terminal")
    s.execute("interface Management0/0")
    assert s.execute("no management-only") == [
        "ERROR: Management-only mode cannot be disabled on this interface"]


def test_an_older_appliance_prints_no_management_only_before_shutdown() -> None:
    lab = single_mode_lab(model="ASA5520")
    _config(lab, "interface Management0/0", "no management-only", "shutdown", "end")
    s = lab.open_session("primary")
    s.execute("enable")
    s.execute("")
    assert s.execute("show running-config interface Management0/0") == [
        "!", "interface Management0/0", " no management-only", " shutdown", " no nameif",
        " no security-level", " no ip address"]


def test_a_management_only_data_interface_blocks_through_traffic() -> None:
    lab = single_mode_lab()
    out = _config(lab, "interface GigabitEthernet0/4", "nameif dmz",
                  "ip address 192.168.3.1 255.255.255.0 standby 192.168.3.2", "no shutdown",
                  "management-only", "end")
    assert out[1] == ['INFO: Security level for "dmz" set to 0 by default.']
    assert all(not o for o in out[2:])
    run_directive(lab, "@wait 30s")
    run_directive(lab, "@traffic primary tcp dmz 192.168.3.50:40000 192.168.2.80:80")
    s = lab.open_session("primary")
    s.execute("enable")
    s.execute("")
    assert s.execute("show running-config interface GigabitEthernet0/4")[2] == " management-only"
    assert s.execute("show conn")[0] == "0 in use, 0 most used"
    shown = s.execute("show interface dmz")
    assert "\tManagement-only interface. Blocked 1 through-the-device packets" in shown
    assert s.execute("packet-tracer input dmz tcp 192.168.3.50 4000 192.168.2.80 80")[-1] == (
        "Drop-reason: (mgmt-only) Management-only interface does not pass through-the-device "
        "traffic")
    # and back: `no management-only` on a data interface lets the traffic through
    _config(lab, "interface GigabitEthernet0/4", "no management-only", "end")
    run_directive(lab, "@traffic primary tcp inside 192.168.2.50:40000 192.168.3.80:80")
    assert s.execute("show conn")[0] == "1 in use, 1 most used"


def test_a_transparent_unit_before_8_4_takes_its_management_address_in_global_mode() -> None:
    lab = single_mode_lab(model="ASA5520", version="8.2(5)")
    out = _config(lab, "firewall transparent", "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2",
                  "end", "show running-config")
    assert out[1] == []
    shown = out[3]
    at = shown.index("ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2")
    assert shown[at - 1].startswith("mtu ") or shown[at - 1].startswith("pager ") \
        or shown[at - 1].startswith("logging ")


def test_a_9x_unit_refuses_the_global_management_address() -> None:
    marker = ["                    ^", "ERROR: % Invalid input detected at '^' marker."]
    lab = single_mode_lab()
    out = _config(lab, "firewall transparent", "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2")
    assert out[1] == marker
    old_routed = single_mode_lab(model="ASA5520", version="8.2(5)")
    assert _config(old_routed, "ip address 10.0.0.1 255.255.255.0")[0] == marker


def test_the_pre_8_4_management_address_stands_for_the_monitored_interfaces() -> None:
    lab = single_mode_lab(model="ASA5520", version="8.2(5)")
    mate = lab.open_session("secondary")     # the firewall mode is set on each unit
    for line in ("enable", "", "configure terminal", "firewall transparent", "end"):
        mate.execute(line)
    _config(lab, "firewall transparent", "interface GigabitEthernet0/4", "nameif dmz",
            "no shutdown", "exit", "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2", "end")
    run_directive(lab, "@wait 30s")
    s = lab.open_session("primary")
    s.execute("enable")
    s.execute("")
    shown = s.execute("show monitor-interface")
    assert "                Interface dmz (10.0.0.1): Normal (Monitored)" in shown
    assert "                Interface dmz (10.0.0.2): Normal (Monitored)" in shown


def test_show_ip_address_gives_the_pre_8_4_management_address() -> None:
    lab = single_mode_lab(model="ASA5520", version="8.2(5)")
    mate = lab.open_session("secondary")
    for line in ("enable", "", "configure terminal", "firewall transparent", "end"):
        mate.execute(line)
    shown = _config(lab, "firewall transparent",
                    "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2", "end",
                    "show ip address")[-1]
    assert shown == ["Management System IP Address:", "\tip address 10.0.0.1 255.255.255.0",
                     "Management Current IP Address:", "\tip address 10.0.0.1 255.255.255.0"]
    run_directive(lab, "@wait 5s")
    assert mate.execute("show ip address")[-1] == "\tip address 10.0.0.2 255.255.255.0"


def test_bridge_groups_and_bvis_came_with_8_4() -> None:
    spec = load_spec("example")
    spec.units = [dataclasses.replace(u, hw=dataclasses.replace(u.hw, model="ASA5520",
                                                                version="8.2(5)"))
                  for u in spec.units]
    lab = Lab(spec)
    lab.settle()
    s = lab.open_session("primary")
    out = [s.execute(line) for line in (
        "enable", "", "changeto context ctx1", "configure terminal", "firewall transparent",
        "interface BVI1", "interface GigabitEthernet0/4", "bridge-group 1", "exit",
        "ip address 10.2.20.1 255.255.255.0 standby 10.2.20.11")]
    marker = "ERROR: % Invalid input detected at '^' marker."
    assert out[5][-1] == marker                 # interface BVI1
    assert out[7][-1] == marker                 # bridge-group 1
    assert out[9] == []
