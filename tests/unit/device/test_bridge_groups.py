"""Transparent mode's bridge groups (8.4 and later) and the management address before 8.4:
`interface BVI<n>` and `bridge-group <n>` in a single-mode unit as in a context, their
running-config order, `show interface`, `show bridge-group`, the release's limits, ping and
routes through a bridge group, and the BVI's standby address at failover."""

from __future__ import annotations

from asa_emulator.device.session import Session
from asa_emulator.lab.directives import run_directive
from asa_emulator.lab.lab import Lab
from tests.support.labfiles import single_mode_lab

MARKER = "ERROR: % Invalid input detected at '^' marker."


def _session(lab: Lab, unit: str = "primary") -> Session:
    s = lab.open_session(unit)
    s.execute("enable")
    s.execute("")
    return s


def _run(s: Session, *lines: str) -> list[list[str]]:
    return [s.execute(line) for line in lines]


def _bridge(lab: Lab, *extra: str) -> Session:
    """Both units transparent (the mode is each unit's own); on the primary two members of
    bridge group 1 and BVI1 with a standby address."""
    _run(_session(lab, "secondary"), "configure terminal", "firewall transparent", "end")
    s = _session(lab)
    out = _run(s, "configure terminal", "firewall transparent",
               "interface GigabitEthernet0/2", "nameif outside", "bridge-group 1",
               "interface GigabitEthernet0/3", "nameif inside", "bridge-group 1",
               "interface BVI1", "ip address 10.1.0.1 255.255.255.0 standby 10.1.0.2", *extra, "end")
    assert [o for o in out if o and not o[0].startswith("INFO:")] == []
    run_directive(lab, "@wait 30s")
    return s


def test_a_single_mode_bvi_is_configured_and_rendered_after_the_ports() -> None:
    lab = single_mode_lab()
    s = _bridge(lab)
    assert s.execute("show firewall") == ["Firewall mode: Transparent"]
    shown = s.execute("show running-config interface")
    assert shown[-3:] == ["!", "interface BVI1", " ip address 10.1.0.1 255.255.255.0 standby 10.1.0.2"]
    at = shown.index("interface GigabitEthernet0/2")
    assert shown[at:at + 4] == ["interface GigabitEthernet0/2", " nameif outside", " bridge-group 1",
                                " security-level 0"]
    assert s.execute("show running-config interface bvi1") == [
        "!", "interface BVI1", " ip address 10.1.0.1 255.255.255.0 standby 10.1.0.2"]
    full = s.execute("show running-config")
    assert full.index("interface BVI1") > full.index("interface Management0/0")
    s.execute("configure terminal")
    assert "  BVI              Bridge-Group Virtual Interface" in s.help("interface ")
    s.execute("end")
    assert s.execute("show interface ip brief")[-1] == (
        "BVI1                       10.1.0.1        YES CONFIG up                    up  ")


def test_show_interface_and_show_bridge_group_give_the_address_held_now() -> None:
    lab = single_mode_lab()
    _bridge(lab)
    mate = _session(lab, "secondary")
    assert mate.execute("show interface BVI1") == [
        'Interface BVI1 "", is up, line protocol is up',
        "\tMAC address 0013.c480.9103, MTU 1500",
        "\tIP address 10.1.0.2, subnet mask 255.255.255.0"]
    assert mate.execute("show bridge-group") == [
        "Bridge Group: 1", "Interfaces: outside inside",
        "Management System IP Address: 10.1.0.1 255.255.255.0",
        "Management Current IP Address: 10.1.0.2 255.255.255.0",
        "Management IPv6 Global Unicast Address(es):", "    N/A",
        "Static mac-address entries: 0", "Dynamic mac-address entries: 0"]
    # the primary fails: the secondary takes the BVI's active address
    run_directive(lab, "@power off primary")
    run_directive(lab, "@wait 20s")
    assert mate.execute("show bridge-group 1")[3] == "Management Current IP Address: 10.1.0.1 255.255.255.0"
    assert mate.execute("show interface BVI1")[-1] == "\tIP address 10.1.0.1, subnet mask 255.255.255.0"


def test_ping_and_routes_go_through_the_bridge_group() -> None:
    lab = single_mode_lab()
    s = _bridge(lab)
    assert s.execute("ping 10.1.0.2")[-1].startswith("Success rate is 100 percent")
    assert s.execute("ping 10.1.0.9")[-2] == "....."           # on the subnet, nobody answers
    assert s.execute("ping 10.9.0.9")[-2] == "?????"           # no route
    assert "C        10.1.0.0 255.255.255.0 is directly connected, outside" in s.execute("show route")
    mate = _session(lab, "secondary")
    assert mate.execute("ping 10.1.0.1")[-1].startswith("Success rate is 100 percent")


def test_a_bridge_group_member_has_no_address_and_a_bvi_has_no_port() -> None:
    lab = single_mode_lab()
    s = _bridge(lab)
    out = _run(s, "configure terminal", "interface GigabitEthernet0/2",
               "ip address 10.1.0.3 255.255.255.0", "interface BVI1", "speed 100", "vlan 10",
               "description management", "end")
    assert out[2][-1] == MARKER
    assert out[4][-1] == MARKER and out[5][-1] == MARKER
    assert s.execute("show running-config interface BVI1")[2] == " description management"
    # `no interface BVI1` removes it; the members stay in their group
    _run(s, "configure terminal", "no interface BVI1", "end")
    assert "interface BVI1" not in s.execute("show running-config interface")
    assert s.execute("show interface ip brief")[-1].startswith("Management0/0")


def test_a_routed_unit_has_no_bvi_and_no_bridge_groups() -> None:
    lab = single_mode_lab()
    s = _session(lab)
    out = _run(s, "show bridge-group", "configure terminal", "interface BVI1")
    assert out[0] == ["              ^", MARKER]
    assert out[2] == [" " * 27 + "^", MARKER]
    assert not any("BVI" in line for line in s.help("interface "))
    assert s.execute("show firewall") == ["Firewall mode: Router"]


def test_a_bridge_group_holds_4_interfaces_before_9_6_and_a_space_8_groups_before_9_3() -> None:
    lab = single_mode_lab()
    s = _bridge(lab)
    out = _run(s, "configure terminal", "interface GigabitEthernet0/4", "bridge-group 1",
               "interface GigabitEthernet0/5", "bridge-group 1", "interface Management0/0",
               "bridge-group 1")
    assert out[2] == [] and out[4] == []
    assert out[6] == ["ERROR: Bridge group 1 already has maximum number of interfaces (4)"]
    out = _run(s, *(f"interface BVI{n}" for n in range(2, 9)), "interface BVI9",
               "interface Management0/0", "bridge-group 9")
    assert all(o == [] for o in out[:7])
    assert out[7] == ["ERROR: Maximum number of bridge groups (8) reached"]
    assert out[9] == ["ERROR: Maximum number of bridge groups (8) reached"]
    later = _bridge(single_mode_lab(version="9.6(4)"))
    out = _run(later, "configure terminal", "interface GigabitEthernet0/4",
               "bridge-group 1", "interface GigabitEthernet0/5", "bridge-group 1",
               "interface Management0/0", "bridge-group 1", "interface BVI9")
    assert all(o == [] for o in out)


def test_before_8_4_ping_and_routes_use_the_management_address() -> None:
    lab = single_mode_lab(model="ASA5520", version="8.2(5)")
    _run(_session(lab, "secondary"), "configure terminal", "firewall transparent", "end")
    s = _session(lab)
    _run(s, "configure terminal", "firewall transparent", "interface GigabitEthernet0/2",
         "nameif outside", "interface GigabitEthernet0/3", "nameif inside", "exit",
         "ip address 10.0.0.1 255.255.255.0 standby 10.0.0.2", "end")
    run_directive(lab, "@wait 30s")
    assert s.execute("ping 10.0.0.2")[-1].startswith("Success rate is 100 percent")
    assert s.execute("ping 10.0.0.1")[-1].startswith("Success rate is 100 percent")
    assert s.execute("ping 10.0.0.9")[-2] == "....."
    assert "C        10.0.0.0 255.255.255.0 is directly connected, outside" in s.execute("show route")
    mate = _session(lab, "secondary")
    assert mate.execute("ping 10.0.0.1")[-1].startswith("Success rate is 100 percent")


def test_a_bridge_group_without_a_management_address_bridges_nothing() -> None:
    lab = single_mode_lab()
    _run(_session(lab, "secondary"), "configure terminal", "firewall transparent", "end")
    s = _session(lab)
    _run(s, "configure terminal", "firewall transparent", "logging enable",
         "logging buffered informational", "interface GigabitEthernet0/2", "nameif outside",
         "bridge-group 1", "interface GigabitEthernet0/3", "nameif inside", "security-level 100",
         "bridge-group 1", "end")
    run_directive(lab, "@wait 30s")
    trace = s.execute("packet-tracer input inside udp 10.1.0.50 5353 10.1.0.80 53")
    assert trace[-1] == "Drop-reason: (dst-l2_lookup-fail) Dst MAC L2 Lookup Failed"
    run_directive(lab, "@traffic primary udp inside 10.1.0.50:5353 10.1.0.80:53")
    assert s.execute("show conn")[0] == "0 in use, 0 most used"
    assert ("%ASA-6-322004: No management IP address configured for transparent firewall. "
            "Dropping protocol UDP packet from inside:10.1.0.50/5353 to outside:10.1.0.80/53"
            ) in s.execute("show logging")
    assert "  Dst MAC L2 Lookup Failed (dst-l2_lookup-fail)" in " ".join(s.execute("show asp drop"))
    # with the BVI's address the same packet is bridged out of the group's other member,
    # whatever its destination address
    _run(s, "configure terminal", "interface BVI1", "ip address 10.1.0.1 255.255.255.0", "end")
    assert s.execute("packet-tracer input inside udp 10.1.0.50 5353 172.16.9.9 53")[1:8] == [
        "Phase: 1", "Type: L2-EGRESS-IFC-LOOKUP", "Subtype: Destination MAC L2 Lookup",
        "Result: ALLOW", "Config:", "Additional Information:",
        "Destination MAC lookup resulted in egress ifc outside"]
    run_directive(lab, "@traffic primary udp inside 10.1.0.50:5353 10.1.0.80:53")
    assert s.execute("show conn")[-1].startswith("UDP outside  10.1.0.80:53 inside  10.1.0.50:5353")
