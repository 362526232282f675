"""Issue 20, part B: the platform and policy shows in the space where a real unit takes them
(`show memory detail`, `show cpu usage detailed`, `show environment`, `show vlan` in the system
space and single mode; `show asp table routing|classify`, `show service-policy` in a context),
with values from the lab's state, and the system space's `show interface` of a subinterface."""

from __future__ import annotations

import pytest
from ntc_templates.parse import parse_output

from asa_emulator.api import Lab
from tests.support.paths import LABS
from tests.support.sessions import privileged


@pytest.fixture
def lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab




SUBIFS = ("configure terminal", "interface GigabitEthernet0/5.10", "vlan 10",
          "interface GigabitEthernet0/5.11", "vlan 11", "interface GigabitEthernet0/5.30",
          "vlan 30", "description inside-sub", "end")


def test_system_subinterface_prints_no_mac_mtu_ip_or_counters(lab: Lab) -> None:
    # ntc cisco_asa_show_interface_detail.raw (real multi-context 5585): Port-channel1.355
    out = privileged(lab, "primary", None, *SUBIFS, "show interface GigabitEthernet0/5.30 detail")
    assert out == ['Interface GigabitEthernet0/5.30 "", is up, line protocol is up',
                   "  Hardware is i82546GB rev03, BW 1000 Mbps, DLY 10 usec",
                   "\tVLAN identifier 30",
                   "\tDescription: inside-sub",
                   "\tAvailable for allocation to a context"]
    # the physical port keeps its MAC, MTU and counters
    parent = privileged(lab, "primary", None, "show interface GigabitEthernet0/5")
    assert "\tMAC address 0013.c480.8206, MTU not set" in parent


def test_show_vlan_lists_the_subinterfaces_vlans_as_ranges(lab: Lab) -> None:
    assert privileged(lab, "primary", None, "show vlan") == []
    assert privileged(lab, "primary", None, *SUBIFS, "show vlan") == ["10-11,30"]
    # the configuration replicates: the mate uses the same VLANs
    assert privileged(lab, "secondary", None, "show vlan") == ["10-11,30"]
    assert privileged(lab, "primary", "admin", "show vlan")[-1].startswith("ERROR: % Invalid input")


def test_memory_detail_adds_up_to_show_memory(lab: Lab) -> None:
    plain = privileged(lab, "primary", None, "show memory")
    detail = privileged(lab, "primary", None, "show memory detail")
    free, total = int(plain[0].split()[2]), int(plain[3].split()[2])
    assert total == 8192 * 1024 * 1024
    nums = {line.split(":")[0].strip(): int(line.split(":")[1].split()[0])
            for line in detail if "bytes" in line}
    assert nums["Free memory"] == free and nums["Total memory"] == total
    assert nums["Allocated memory in use"] + nums["Reserved memory"] == total - free
    assert privileged(lab, "primary", "admin", "show memory detail")[-1].startswith("ERROR: % Invalid input")


def test_cpu_usage_detailed_one_row_per_core_read_by_the_stock_template(lab: Lab) -> None:
    out = privileged(lab, "primary", None, "show cpu usage detailed")
    rows = parse_output(platform="cisco_asa", command="show cpu usage detailed", data="\n".join(out))
    assert [r["core"] for r in rows] == ["Core 0", "Core 1", "Core 2", "Core 3"]   # 5515-X: 4 cores
    # idle, as `show cpu usage` says
    assert {r["cpu_5_sec"] for r in rows} == {"0.0"}
    assert privileged(lab, "primary", None, "show cpu usage") == [
        "CPU utilization for 5 seconds = 0%; 1 minute: 0%; 5 minutes: 0%"]
    old = Lab.load(str(LABS / "base-licence"), in_memory=True)
    old.settle()
    rows = parse_output(platform="cisco_asa", command="show cpu usage detailed",
                        data="\n".join(privileged(old, "primary", None, "show cpu detailed")))
    assert [r["core"] for r in rows] == ["Core 0"]                                  # ASA 5510


def test_environment_follows_the_platform(lab: Lab) -> None:
    out = privileged(lab, "primary", None, "show environment")
    assert out[0] == "Cooling Fans:" and " Power Supply Unit Redundancy          : N/A" in out
    old = Lab.load(str(LABS / "base-licence"), in_memory=True)
    old.settle()
    out = privileged(old, "primary", None, "show environment")
    assert out[0] == "Temperature:" and "Cooling Fans:" not in out


ROUTE_ACL = ("configure terminal", "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254",
             "access-list inside_in extended permit udp any any eq domain",
             "access-list inside_in extended permit tcp any host 203.0.113.10 eq ftp",
             "access-group inside_in in interface inside", "end")


def test_asp_routing_from_the_contexts_addresses_and_routes(lab: Lab) -> None:
    out = privileged(lab, "primary", "admin", *ROUTE_ACL, "show asp table routing")
    assert out[:4] == ["in   255.255.255.255 255.255.255.255 identity",
                       "in   192.168.1.1     255.255.255.255 identity",
                       "in   10.1.0.1        255.255.255.255 identity",
                       "in   10.1.0.0        255.255.255.0   inside"]
    assert out[-1] == "out  0.0.0.0         0.0.0.0         via 192.168.1.254, outsideISP-A"
    # the standby holds the standby addresses
    standby = privileged(lab, "secondary", "admin", "show asp table routing")
    assert standby[2] == "in   10.1.0.11       255.255.255.255 identity"


def test_asp_classify_entries_per_ace_with_the_access_lists_hits(lab: Lab) -> None:
    privileged(lab, "primary", "admin", *ROUTE_ACL)
    before = privileged(lab, "primary", "admin", "show asp table classify interface inside")
    assert before[:4] == ["Interface inside:", "", "Input Table",
                          before[3]]
    assert before[3].startswith("in  id=0x") and before[3].endswith(", priority=13, domain=permit, deny=false")
    assert sum(1 for line in before if line.startswith("in  id=")) == 3     # 2 ACEs + implicit deny
    assert "\tdst ip/id=203.0.113.10, mask=255.255.255.255, port=21, tag=any, dscp=0x0" in before
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40002 203.0.113.10:21")
    after = privileged(lab, "primary", "admin", "show asp table classify")
    hits = [line.split(",")[0].strip() for line in after if line.startswith("\thits=")]
    assert hits == ["hits=0", "hits=1", "hits=0"]
    assert privileged(lab, "primary", "admin", "show asp table classify domain inspect-dns") == []


def _inspect(out: list[str], name: str) -> str:
    return next(line for line in out if line.startswith(f"      Inspect: {name}"))


def test_service_policy_counts_inspected_packets_per_unit(lab: Lab) -> None:
    privileged(lab, "primary", "admin", *ROUTE_ACL)
    out = privileged(lab, "primary", "admin", "show service-policy")
    assert out[:4] == ["", "Global policy: ", "  Service-policy: global_policy",
                       "    Class-map: inspection_default"]
    assert _inspect(out, "dns") == ("      Inspect: dns preset_dns_map, packet 0, lock fail 0, "
                                    "drop 0, reset-drop 0")
    lab.directive("@traffic primary admin udp inside 10.1.0.50:40001 203.0.113.53:53")
    lab.directive("@traffic primary admin udp outsideISP-A 203.0.113.53:53 10.1.0.50:40001")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40002 203.0.113.10:21")
    out = privileged(lab, "primary", "admin", "show service-policy global")
    assert "packet 2," in _inspect(out, "dns") and "packet 1," in _inspect(out, "ftp")
    assert "packet 0," in _inspect(out, "tftp")
    # counters are the unit's own: the standby forwarded nothing
    assert "packet 0," in _inspect(privileged(lab, "secondary", "admin", "show service-policy"), "dns")
    assert privileged(lab, "primary", "admin", "show service-policy interface inside") == []
    assert privileged(lab, "primary", "admin", "show service-policy interface nosuch")[-1].startswith(
        "ERROR: % Invalid input")
    assert privileged(lab, "primary", None, "show service-policy")[-1].startswith("ERROR: % Invalid input")


def test_service_policy_long_counter_line_from_9_5() -> None:
    lab = Lab.load(str(LABS / "example-9.6"), in_memory=True)
    lab.settle()
    out = privileged(lab, "primary", "admin", "show service-policy")
    assert _inspect(out, "sip") == (
        "      Inspect: sip , packet 0, lock fail 0, drop 0, reset-drop 0, 5-min-pkt-rate 0 "
        "pkts/sec, v6-fail-close 0 sctp-drop-override 0")
    i = out.index(_inspect(out, "sip"))
    assert out[i + 1] == "               tcp-proxy: bytes in buffer 0, bytes dropped 0"
