"""Exact output of the non-failover `show` renderers, and real parsers reading it.

The parser checks use ntc-templates (the TextFSM templates netmiko's `use_textfsm=True` uses);
they end with `^. -> Error`, so any line a real ASA would not print makes them fail.  There is no
ntc template for `show context`; that one is read with genieparser's own ShowContext regexes.
"""

from __future__ import annotations

import re

import pytest
from ntc_templates.parse import ParsingException, parse_output

from asa_emulator.device import messages as msg
from asa_emulator.device.hardware import Hardware
from asa_emulator.device.show import (
    ContextRow,
    DirEntry,
    SavedSpace,
    activation_key,
    asa_timestamp,
    checksum_groups,
    last_modified_text,
    show_clock,
    show_context,
    show_dir,
    show_mode,
    show_version,
    uptime_text,
    write_memory_all_lines,
    write_memory_lines,
)
from asa_emulator.device.show_interface import (
    InterfaceView,
    IpAddrView,
    IpBriefRow,
    show_interface,
    show_interface_ip_brief,
    show_ip_address,
)

T = "\t"
JUN_9_2021 = 1623249324486          # 14:35:24.486 UTC Wed Jun 9 2021
NOV_25_2026 = 1795602902123         # 10:35:02.123 UTC Wed Nov 25 2026
JUN_11_2020 = 1591860648000         # 07:30:48 UTC Thu Jun 11 2020
MAR_1_2026 = 1772355907004          # 09:05:07.004 UTC Sun Mar 1 2026


def ntc(command: str, lines: list[str]) -> list[dict[str, object]]:
    return parse_output(platform="cisco_asa", command=command, data="\n".join(lines))


# ============================================================================ time formats
@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0 secs"),
    (1, "1 sec"),
    (45, "45 secs"),
    (125, "2 mins 5 secs"),
    (333, "5 mins 33 secs"),
    (61, "1 min 1 sec"),
    (3720, "1 hour 2 mins"),
    (7920, "2 hours 12 mins"),
    (39060, "10 hours 51 mins"),
    (86400, "1 day 0 hours"),
    (3 * 86400 + 3 * 3600 + 59, "3 days 3 hours"),
    (86400 + 9 * 3600, "1 day 9 hours"),
    (365 * 86400 + 97 * 86400 + 5, "1 year 97 days"),
    (700 * 86400, "1 year 335 days"),
])
def test_uptime_text(seconds: int, text: str) -> None:
    assert uptime_text(seconds) == text


def test_timestamps() -> None:
    assert asa_timestamp(JUN_9_2021) == "14:35:24.486 UTC Wed Jun 9 2021"
    assert asa_timestamp(MAR_1_2026) == "09:05:07.004 UTC Sun Mar 1 2026"
    assert last_modified_text("enable_15", JUN_9_2021) == "enable_15 at 14:35:24.486 UTC Wed Jun 9 2021"


def test_show_clock() -> None:
    assert show_clock(NOV_25_2026) == ["10:35:02.123 UTC Wed Nov 25 2026"]
    assert show_clock(MAR_1_2026, detail=True) == [
        "09:05:07.004 UTC Sun Mar 1 2026",
        "Time source is manual",
        "UTC time is: 09:05:07 UTC Mar 1 2026",
    ]


def test_show_mode() -> None:
    assert show_mode("multiple") == ["Security context mode: multiple"]
    assert show_mode("multiple", "multiple") == ["Security context mode: multiple"]
    assert show_mode("multiple", "single") == ["Security context mode: multiple",
                                               "The flash mode is SINGLE"]


# ============================================================================ show version
HW = Hardware(model="ASA5520", ram_mb=2048, serial="JMX1234X0YZ")
KEY = activation_key("JMX1234X0YZ")

PLATFORM_FEATURES = [
    "Maximum Physical Interfaces       : Unlimited      perpetual",
    "Maximum VLANs                     : 150            perpetual",
    "Inside Hosts                      : Unlimited      perpetual",
    "Failover                          : Active/Active  perpetual",
    "Encryption-DES                    : Enabled        perpetual",
    "Encryption-3DES-AES               : Enabled        perpetual",
    "Security Contexts                 : {n:<15}perpetual",
    "GTP/GPRS                          : Disabled       perpetual",
    "AnyConnect Premium Peers          : {peers:<15}perpetual",
    "AnyConnect Essentials             : Disabled       perpetual",
    "Other VPN Peers                   : 750            perpetual",
    "Total VPN Peers                   : 750            perpetual",
    "Shared License                    : Disabled       perpetual",
    "AnyConnect for Mobile             : Disabled       perpetual",
    "AnyConnect for Cisco VPN Phone    : Disabled       perpetual",
    "Advanced Endpoint Assessment      : Disabled       perpetual",
    "UC Phone Proxy Sessions           : 2              perpetual",
    "Total UC Proxy Sessions           : 2              perpetual",
    "Botnet Traffic Filter             : Disabled       perpetual",
    "Intercompany Media Engine         : Disabled       perpetual",
]


def features(n: int, peers: int = 2) -> list[str]:
    return [line.format(n=n, peers=peers) for line in PLATFORM_FEATURES]


HEAD = [
    "",
    "Cisco Adaptive Security Appliance Software Version 9.1(7) <system>",
    "Device Manager Version 7.6(1)",
    "",
    "Compiled on Thu 11-Feb-16 11:44 PST by builders",
    'System image file is "disk0:/asa917-k8.bin"',
    'Config file at boot was "startup-config"',
    "",
]
HARDWARE = [
    "Hardware:   ASA5520, 2048 MB RAM, CPU Pentium 4 Celeron 2000 MHz",
    "Internal ATA Compact Flash, 256MB",
    "BIOS Flash M50FW016 @ 0xfff00000, 2048KB",
    "",
    "Encryption hardware device : Cisco ASA-55x0 on-board accelerator (revision 0x0)",
    "                             Boot microcode        : CN1000-MC-BOOT-2.00",
    "                             SSL/IKE microcode     : CNLite-MC-SSLm-PLUS-2.03",
    "                             IPSec microcode       : CNlite-MC-IPSECm-MAIN-2.09",
    "                             Number of accelerators: 1",
    "",
    " 0: Ext: GigabitEthernet0/0  : address is 0013.c480.8201, irq 9",
    " 1: Ext: GigabitEthernet0/1  : address is 0013.c480.8202, irq 9",
    " 2: Ext: GigabitEthernet0/2  : address is 0013.c480.8203, irq 9",
    " 3: Ext: GigabitEthernet0/3  : address is 0013.c480.8204, irq 9",
    " 4: Ext: GigabitEthernet0/4  : address is 0013.c480.8205, irq 9",
    " 5: Ext: GigabitEthernet0/5  : address is 0013.c480.8206, irq 9",
    " 6: Ext: Management0/0       : address is 0013.c480.8207, irq 11",
    " 7: Int: Not used            : irq 11",
    " 8: Int: Not used            : irq 5",
    "",
]
TAIL = [
    "",
    "This platform has an ASA 5520 VPN Plus license.",
    "",
    "Serial Number: JMX1234X0YZ",
    f"Running Permanent Activation Key: {KEY}",
    "Configuration register is 0x1",
]


def test_show_version_system_failover_off() -> None:
    out = show_version(HW, hostname="ciscoasa", space="system", uptime_s=3 * 86400 + 3 * 3600,
                       config_file="startup-config", last_modified=None,
                       failover_cluster_uptime_s=None)
    assert out == (HEAD + ["ciscoasa up 3 days 3 hours", ""] + HARDWARE
                   + ["Licensed features for this platform:"] + features(5) + TAIL
                   + ["Configuration has not been modified since last system restart."])


def test_show_version_system_failover_on() -> None:
    out = show_version(HW, hostname="primary", space="system", uptime_s=125,
                       config_file="startup-config",
                       last_modified=last_modified_text("enable_15", JUN_9_2021),
                       failover_cluster_uptime_s=86400 + 9 * 3600)
    assert out == (HEAD + ["primary up 2 mins 5 secs", "failover cluster up 1 day 9 hours", ""]
                   + HARDWARE + ["Licensed features for this platform:"] + features(5)
                   + ["", "", "Failover cluster licensed features for this platform:"]
                   + features(10, peers=4) + TAIL
                   + ["Configuration last modified by enable_15 at 14:35:24.486 UTC Wed Jun 9 2021"])


CONTEXT_FEATURES = [
    "Failover                          : Active/Active  perpetual",
    "Encryption-DES                    : Enabled        perpetual",
    "Encryption-3DES-AES               : Enabled        perpetual",
    "GTP/GPRS                          : Disabled       perpetual",
    "AnyConnect Premium Peers          : 0              perpetual",
    "Other VPN Peers                   : 0              perpetual",
    "AnyConnect for Mobile             : Disabled       perpetual",
    "AnyConnect for Cisco VPN Phone    : Disabled       perpetual",
    "Advanced Endpoint Assessment      : Disabled       perpetual",
]


def test_show_version_user_context() -> None:
    out = show_version(HW, hostname="primary", space="context", uptime_s=3 * 86400 + 3 * 3600,
                       config_file="startup-config",
                       last_modified=last_modified_text("enable_15", JUN_9_2021),
                       failover_cluster_uptime_s=3 * 86400 + 4 * 3600)
    assert out == [
        "",
        "Cisco Adaptive Security Appliance Software Version 9.1(7) <context>",
        "Device Manager Version 7.6(1)",
        "",
        "Compiled on Thu 11-Feb-16 11:44 PST by builders",
        "",
        "primary up 3 days 3 hours",
        "failover cluster up 3 days 4 hours",
        "",
        "Hardware:   ASA5520",
        "",
        "Licensed features for this user context:",
        *CONTEXT_FEATURES,
        "              ",
        "",
        "Failover cluster licensed features for this user context:",
        *CONTEXT_FEATURES,
        "",
        "Configuration last modified by enable_15 at 14:35:24.486 UTC Wed Jun 9 2021",
    ]


def test_show_version_newer_release_wording() -> None:
    hw = Hardware(model="ASA5525", version="9.6(4)8", serial="FCH1234ABCD")
    out = show_version(hw, hostname="asa", space="system", uptime_s=60, config_file="startup-config",
                       last_modified=None, failover_cluster_uptime_s=None)
    assert out[1] == "Cisco Adaptive Security Appliance Software Version 9.6(4)8 <system>"
    assert 'System image file is "disk0:/asa964-8-smp-k8.bin"' in out
    assert "Carrier                           : Disabled       perpetual" in out
    assert "Cluster                           : Disabled       perpetual" in out
    assert "This platform has an ASA5525 VPN Premium license." in out
    assert out[-5:] == ["", "Image type          : Release", "Key version         : A", "",
                        "Configuration has not been modified since last system restart."]


def test_show_version_parsed_by_ntc_system() -> None:
    out = show_version(HW, hostname="primary", space="system", uptime_s=3 * 86400 + 3 * 3600,
                       config_file="startup-config",
                       last_modified=last_modified_text("enable_15", JUN_9_2021),
                       failover_cluster_uptime_s=3 * 86400 + 3 * 3600)
    (rec,) = ntc("show version", out)
    assert rec["version"] == "9.1(7)"
    assert rec["device_mgr_version"] == "7.6(1)"
    assert rec["compile_date"] == "11-Feb-16"
    assert rec["image"] == "disk0:/asa917-k8.bin"
    assert rec["hostname"] == "primary"
    assert rec["uptime"] == "3 days 3 hours"
    assert rec["hardware"] == "ASA5520, 2048 MB RAM, CPU Pentium 4 Celeron 2000 MHz"
    assert rec["flash"] == "256MB"
    assert rec["interfaces"][:7] == list(HW.interfaces)
    assert rec["max_intf"] == "Unlimited"
    assert rec["max_vlans"] == "150"
    assert rec["failover"] == "Active/Active"
    assert rec["serial"] == ["JMX1234X0YZ"]
    assert rec["last_mod"] == "enable_15 at 14:35:24.486 UTC Wed Jun 9 2021"


def test_show_version_parsed_by_ntc_context() -> None:
    out = show_version(HW, hostname="primary", space="context", uptime_s=125,
                       config_file="startup-config", last_modified=None,
                       failover_cluster_uptime_s=3700)
    (rec,) = ntc("show version", out)
    assert rec["version"] == "9.1(7)"
    assert rec["hostname"] == "primary"
    assert rec["uptime"] == "2 mins 5 secs"
    assert rec["hardware"] == "ASA5520"
    assert rec["failover"] == "Active/Active"
    assert rec["image"] == "" and rec["serial"] == [] and rec["interfaces"] == []


# ============================================================================ show interface
OUTSIDE = InterfaceView("GigabitEthernet0/0", "outside", admin_up=True, link_up=True,
                        line_protocol_up=True, mac="0013.c480.8201", mtu=1500,
                        ipv4=("10.0.0.5", "255.255.255.252"), description="to iosv-1", number=3)
UNNAMED = InterfaceView("GigabitEthernet0/1", "", mac="0013.c480.8202", number=4)
SUBIF = InterfaceView("GigabitEthernet0/2.100", "dmz", admin_up=True, link_up=True,
                      line_protocol_up=True, mac="0013.c480.8203", mtu=1500,
                      ipv4=("10.1.1.1", "255.255.255.0"), is_subinterface=True, vlan=100, number=5)
MGMT = InterfaceView("Management0/0", "mgmt", admin_up=True, link_up=True, line_protocol_up=True,
                     hardware="i82557", bw_mbps=100, dly_usec=100, mac="0013.c480.8207", mtu=1500,
                     ipv4=("192.168.1.1", "255.255.255.0"), management_only=True,
                     output_flow_control="unsupported", number=6)

COUNTERS = [
    f"{T}0 packets input, 0 bytes, 0 no buffer",
    f"{T}Received 0 broadcasts, 0 runts, 0 giants",
    f"{T}0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort",
    f"{T}0 pause input, 0 resume input",
    f"{T}0 L2 decode drops",
    f"{T}0 packets output, 0 bytes, 0 underruns",
    f"{T}0 pause output, 0 resume output",
    f"{T}0 output errors, 0 collisions, 0 interface resets",
    f"{T}0 late collisions, 0 deferred",
    f"{T}0 input reset drops, 0 output reset drops",
    f"{T}input queue (blocks free curr/low): hardware (0/0)",
    f"{T}output queue (blocks free curr/low): hardware (0/0)",
]
RATES = [
    "      1 minute input rate 0 pkts/sec,  0 bytes/sec",
    "      1 minute output rate 0 pkts/sec,  0 bytes/sec",
    "      1 minute drop rate, 0 pkts/sec",
    "      5 minute input rate 0 pkts/sec,  0 bytes/sec",
    "      5 minute output rate 0 pkts/sec,  0 bytes/sec",
    "      5 minute drop rate, 0 pkts/sec",
]


def traffic(name: str) -> list[str]:
    return [f'  Traffic Statistics for "{name}":', f"{T}0 packets input, 0 bytes",
            f"{T}0 packets output, 0 bytes", f"{T}0 packets dropped"]


def test_show_interface_system_space() -> None:
    out = show_interface([OUTSIDE, UNNAMED, SUBIF], detail=False, in_context=False)
    assert out == [
        'Interface GigabitEthernet0/0 "outside", is up, line protocol is up',
        "  Hardware is i82546GB rev03, BW 1000 Mbps, DLY 10 usec",
        f"{T}Auto-Duplex(Full-duplex), Auto-Speed(1000 Mbps)",
        f"{T}Input flow control is unsupported, output flow control is off",
        f"{T}Description: to iosv-1",
        f"{T}MAC address 0013.c480.8201, MTU 1500",
        f"{T}IP address 10.0.0.5, subnet mask 255.255.255.252",
        *COUNTERS,
        *traffic("outside"),
        *RATES,
        'Interface GigabitEthernet0/1 "", is administratively down, line protocol is down',
        "  Hardware is i82546GB rev03, BW 1000 Mbps, DLY 10 usec",
        f"{T}Auto-Duplex, Auto-Speed",
        f"{T}Input flow control is unsupported, output flow control is off",
        f"{T}Available for allocation to a context",
        f"{T}MAC address 0013.c480.8202, MTU not set",
        f"{T}IP address unassigned",
        *COUNTERS,
        'Interface GigabitEthernet0/2.100 "dmz", is up, line protocol is up',
        "  Hardware is i82546GB rev03, BW 1000 Mbps, DLY 10 usec",
        f"{T}VLAN identifier 100",
        f"{T}MAC address 0013.c480.8203, MTU 1500",
        f"{T}IP address 10.1.1.1, subnet mask 255.255.255.0",
        *traffic("dmz"),
        *RATES,
    ]


def test_show_interface_detail_control_point() -> None:
    out = show_interface([OUTSIDE, UNNAMED], detail=True, in_context=False)
    cp = [i for i, line in enumerate(out) if line == "  Control Point Interface States:"]
    assert len(cp) == 2
    assert out[cp[0]:cp[0] + 4] == ["  Control Point Interface States:",
                                    f"{T}Interface number is 3",
                                    f"{T}Interface config status is active",
                                    f"{T}Interface state is active"]
    assert out[cp[1]:] == ["  Control Point Interface States:",
                           f"{T}Interface number is 4",
                           f"{T}Interface config status is not active",
                           f"{T}Interface state is not active"]


def test_show_interface_link_down_and_forced_speed() -> None:
    down = InterfaceView("GigabitEthernet0/3", "inside", admin_up=True, link_up=False,
                         mac="0013.c480.8204", mtu=1500, ipv4=("10.2.2.1", "255.255.255.0"))
    forced = InterfaceView("GigabitEthernet0/4", "dmz2", admin_up=True, link_up=True,
                           line_protocol_up=True, mac="0013.c480.8205", mtu=1500,
                           duplex="full", speed="100")
    out = show_interface([down, forced], detail=False, in_context=False)
    assert out[0] == 'Interface GigabitEthernet0/3 "inside", is down, line protocol is down'
    assert out[2] == f"{T}Auto-Duplex, Auto-Speed"
    i = out.index('Interface GigabitEthernet0/4 "dmz2", is up, line protocol is up')
    assert out[i + 2] == f"{T}Full-Duplex(Full-duplex), 100 Mbps(100 Mbps)"
    assert f"{T}IP address unassigned" in out[i:]


INSIDE_HIDDEN = InterfaceView("inside", "inside", admin_up=True, link_up=True, line_protocol_up=True,
                              mac="1200.0000.0001", mtu=1500, ipv4=("10.2.2.1", "255.255.255.0"),
                              visible=False, description="LAN", number=7)
FREE_HIDDEN = InterfaceView("GigabitEthernet0/5", "", admin_up=True, link_up=True,
                            line_protocol_up=True, visible=False, number=8)
FREE_VISIBLE = InterfaceView("GigabitEthernet0/3", "", admin_up=True, link_up=True,
                             line_protocol_up=True, mac="0013.c480.8204", visible=True, number=9)


def test_show_interface_user_context() -> None:
    out = show_interface([INSIDE_HIDDEN, FREE_HIDDEN, MGMT, FREE_VISIBLE], detail=False,
                         in_context=True)
    assert out == [
        'Interface inside "inside", is up, line protocol is up',
        f"{T}Description: LAN",
        f"{T}MAC address 1200.0000.0001, MTU 1500",
        f"{T}IP address 10.2.2.1, subnet mask 255.255.255.0",
        *traffic("inside"),
        'Interface GigabitEthernet0/5 "", is up, line protocol is up',
        f"{T}Available but not configured via nameif",
        'Interface Management0/0 "mgmt", is up, line protocol is up',
        "  Hardware is i82557, BW 100 Mbps, DLY 100 usec",
        f"{T}Auto-Duplex(Full-duplex), Auto-Speed(100 Mbps)",
        f"{T}Input flow control is unsupported, output flow control is unsupported",
        f"{T}MAC address 0013.c480.8207, MTU 1500",
        f"{T}IP address 192.168.1.1, subnet mask 255.255.255.0",
        *COUNTERS,
        *traffic("mgmt"),
        *RATES,
        f"{T}Management-only interface. Blocked 0 through-the-device packets",
        'Interface GigabitEthernet0/3 "", is up, line protocol is up',
        "  Hardware is i82546GB rev03, BW 1000 Mbps, DLY 10 usec",
        f"{T}Auto-Duplex(Full-duplex), Auto-Speed(1000 Mbps)",
        f"{T}Input flow control is unsupported, output flow control is off",
        f"{T}Available but not configured via nameif",
        f"{T}MAC address 0013.c480.8204, MTU not set",
        f"{T}IP address unassigned",
        *COUNTERS,
    ]


def test_show_interface_detail_user_context_hidden() -> None:
    out = show_interface([INSIDE_HIDDEN], detail=True, in_context=True)
    assert out[-4:] == ["  Control Point Interface States:", f"{T}Interface number is 7",
                        f"{T}Interface config status is active", f"{T}Interface state is active"]


def test_show_interface_parsed_by_ntc_context() -> None:
    out = show_interface([INSIDE_HIDDEN, FREE_HIDDEN, MGMT, FREE_VISIBLE, OUTSIDE, SUBIF],
                         detail=False, in_context=True)
    recs = {r["interface"]: r for r in ntc("show interface", out)}
    assert list(recs) == ["inside", "GigabitEthernet0/5", "Management0/0", "GigabitEthernet0/3",
                          "GigabitEthernet0/0", "GigabitEthernet0/2.100"]
    assert recs["inside"]["interface_zone"] == "inside"
    assert recs["inside"]["ip_address"] == "10.2.2.1"
    assert recs["inside"]["mac_address"] == "1200.0000.0001"
    assert recs["inside"]["description"] == "LAN"
    assert recs["GigabitEthernet0/5"]["link_status"] == "up"
    assert recs["Management0/0"]["bandwidth"] == "100 Mbps"
    assert recs["Management0/0"]["speed"] == "100 Mbps"
    assert recs["GigabitEthernet0/0"]["hardware_type"] == "i82546GB rev03"
    assert recs["GigabitEthernet0/0"]["netmask"] == "255.255.255.252"
    assert recs["GigabitEthernet0/0"]["mtu"] == "1500"
    assert recs["GigabitEthernet0/0"]["onemin_in_pps"] == "0"
    assert recs["GigabitEthernet0/2.100"]["vlan_id"] == "100"


def test_show_interface_detail_parsed_by_ntc_system() -> None:
    out = show_interface([OUTSIDE, UNNAMED, SUBIF], detail=True, in_context=False)
    recs = {r["interface"]: r for r in ntc("show interface detail", out)}
    assert set(recs) == {"GigabitEthernet0/0", "GigabitEthernet0/1", "GigabitEthernet0/2.100"}
    o = recs["GigabitEthernet0/0"]
    assert (o["interface_name"], o["link_status"], o["protocol_status"]) == ("outside", "up", "up")
    assert (o["duplex"], o["speed"], o["flowcontrol_out"]) == ("Full", "1000 Mbps", "off")
    assert (o["ip_address"], o["netmask"], o["mtu"]) == ("10.0.0.5", "255.255.255.252", "1500")
    assert o["control_interface_number"] == "3"
    u = recs["GigabitEthernet0/1"]
    assert (u["link_status"], u["mtu"], u["ip_address"]) == ("administratively down", "not set",
                                                            "unassigned")
    assert u["control_interface_config_status"] == "not active"
    assert recs["GigabitEthernet0/2.100"]["vlan_id"] == "100"


# ============================================================================ ip address / ip brief
def test_show_ip_address() -> None:
    system = [IpAddrView("GigabitEthernet0/2", "outside", "10.0.1.1", "255.255.255.0"),
              IpAddrView("GigabitEthernet0/3", "inside", "192.168.1.1", "255.255.255.0", "manual")]
    current = [IpAddrView("GigabitEthernet0/2", "outside", "10.0.1.11", "255.255.255.0"),
               IpAddrView("GigabitEthernet0/3", "inside", "192.168.1.11", "255.255.255.0", "manual")]
    assert show_ip_address(system, current) == [
        "System IP Addresses:",
        "Interface                Name                   IP address      Subnet mask     Method",
        "GigabitEthernet0/2       outside                10.0.1.1        255.255.255.0   CONFIG",
        "GigabitEthernet0/3       inside                 192.168.1.1     255.255.255.0   manual",
        "Current IP Addresses:",
        "Interface                Name                   IP address      Subnet mask     Method",
        "GigabitEthernet0/2       outside                10.0.1.11       255.255.255.0   CONFIG",
        "GigabitEthernet0/3       inside                 192.168.1.11    255.255.255.0   manual",
    ]


def test_show_ip_address_long_names_stay_separated() -> None:
    row = IpAddrView("GigabitEthernet0/1.1000", "a-very-long-interface-name", "209.165.200.226",
                     "255.255.255.248")
    line = show_ip_address([row], [])[2]
    assert line.split() == ["GigabitEthernet0/1.1000", "a-very-long-interface-name",
                            "209.165.200.226", "255.255.255.248", "CONFIG"]


BRIEF = [
    IpBriefRow("GigabitEthernet0/0", "10.0.0.5", "CONFIG", "up", "up"),
    IpBriefRow("GigabitEthernet0/1"),
    IpBriefRow("GigabitEthernet0/2", "unassigned", "unset", "down", "down"),
    IpBriefRow("Management0/0", "192.168.1.1", "manual", "up", "up"),
]


def test_show_interface_ip_brief() -> None:
    assert show_interface_ip_brief(BRIEF) == [
        "Interface                  IP-Address      OK? Method Status                Protocol",
        "GigabitEthernet0/0         10.0.0.5        YES CONFIG up                    up  ",
        "GigabitEthernet0/1         unassigned      YES unset  administratively down down",
        "GigabitEthernet0/2         unassigned      YES unset  down                  down",
        "Management0/0              192.168.1.1     YES manual up                    up  ",
    ]


def test_show_interface_ip_brief_parsed_by_ntc() -> None:
    recs = ntc("show interface ip brief", show_interface_ip_brief(BRIEF))
    assert [(r["interface"], r["ip_address"], r["status"], r["proto"]) for r in recs] == [
        ("GigabitEthernet0/0", "10.0.0.5", "up", "up"),
        ("GigabitEthernet0/1", "unassigned", "administratively down", "down"),
        ("GigabitEthernet0/2", "unassigned", "down", "down"),
        ("Management0/0", "192.168.1.1", "up", "up"),
    ]


# ============================================================================ show context
ADMIN = ContextRow("admin", ("GigabitEthernet0/2", "GigabitEthernet0/3"), url="disk0:/admin.cfg",
                   is_admin=True, context_id=1)
CTX1 = ContextRow("ctx1", ("GigabitEthernet0/4", "GigabitEthernet0/5"), url="disk0:/ctx1.cfg",
                  context_id=2)
VLANS = ContextRow("pod1", ("Vlan1000", "Vlan1001", "Vlan1030", "Vlan1031", "Vlan1050", "Vlan1051",
                            "Vlan1082", "Vlan1083", "Vlan1090"), cls="111",
                   url="disk0:/pod-context/pod1", context_id=3)


def test_show_context() -> None:
    assert show_context([ADMIN, CTX1, VLANS], detail=False, count_only=False) == [
        "Context Name      Class                Interfaces           Mode         URL",
        "*admin            default              GigabitEthernet0/2,  Routed       disk0:/admin.cfg",
        "                                        GigabitEthernet0/3",
        " ctx1             default              GigabitEthernet0/4,  Routed       disk0:/ctx1.cfg",
        "                                        GigabitEthernet0/5",
        " pod1             111                  Vlan1000,Vlan1001,   Routed       disk0:/pod-context/pod1",
        "                                        Vlan1030,Vlan1031,",
        "                                        Vlan1050,Vlan1051,",
        "                                        Vlan1082,Vlan1083...",
        "Total active Security Contexts: 3",
    ]


def test_show_context_in_user_context_and_count() -> None:
    one = ContextRow("ctx1", ("Vlan100", "Vlan200"), url="disk0:/ctx1.cfg", mode="Transparent")
    assert show_context([one], detail=False, count_only=False, show_total=False) == [
        "Context Name      Class                Interfaces           Mode         URL",
        " ctx1             default              Vlan100,Vlan200      Transparent  disk0:/ctx1.cfg",
    ]
    assert show_context([ADMIN, CTX1], detail=False, count_only=True) == [
        "Total active Security Contexts: 2"]


def test_show_context_detail() -> None:
    many = ContextRow("pod9", tuple(f"Vlan{n}" for n in (1000, 1001, 1030, 1031, 1032, 993, 994, 995,
                                                         996, 997, 998, 999)),
                      url="disk0:/pod9.cfg", context_id=3)
    mapped = ContextRow("ctx1", ("GigabitEthernet0/4",), mapped=("outside",), url="disk0:/ctx1.cfg",
                        context_id=2)
    out = show_context([ADMIN, mapped, many], detail=True, count_only=False,
                       system_interfaces=("GigabitEthernet0/0", "GigabitEthernet0/1"))
    assert out == [
        'Context "admin", has been created',
        "  Config URL: disk0:/admin.cfg",
        "  Real Interfaces: GigabitEthernet0/2, GigabitEthernet0/3",
        "  Mapped Interfaces: GigabitEthernet0/2, GigabitEthernet0/3",
        "  Class: default, Flags: 0x00000113, ID: 1",
        "",
        'Context "ctx1", has been created',
        "  Config URL: disk0:/ctx1.cfg",
        "  Real Interfaces: GigabitEthernet0/4",
        "  Mapped Interfaces: outside",
        "  Class: default, Flags: 0x00000111, ID: 2",
        "",
        'Context "pod9", has been created',
        "  Config URL: disk0:/pod9.cfg",
        "  Real Interfaces: Vlan1000, Vlan1001, Vlan1030, Vlan1031, Vlan1032,",
        "    Vlan993, Vlan994, Vlan995, Vlan996, Vlan997, Vlan998, Vlan999",
        "  Mapped Interfaces: Vlan1000, Vlan1001, Vlan1030, Vlan1031, Vlan1032,",
        "    Vlan993, Vlan994, Vlan995, Vlan996, Vlan997, Vlan998, Vlan999",
        "  Class: default, Flags: 0x00000111, ID: 3",
        "",
        'Context "system", is a system resource',
        "  Config URL: startup-config",
        "  Real Interfaces:",
        "  Mapped Interfaces: GigabitEthernet0/0, GigabitEthernet0/1",
        "  Class: default, Flags: 0x00000819, ID: 257",
        "",
        'Context "null", is a system resource',
        "  Config URL: ... null ...",
        "  Real Interfaces:",
        "  Mapped Interfaces:",
        "  Class: default, Flags: 0x00000809, ID: 258",
    ]


# genieparser src/genie/libs/parser/asa/show_context.py, ShowContext.cli (p1, p2), verbatim
_GENIE_P1 = re.compile(r'^(?P<context_name>\S+)\s+(?P<class>\S+)\s+(?P<interface>\S+)\s+'
                       r'(?P<mode>(?!Contexts:)\S+)\s+(?P<url>\S+)$')
_GENIE_P2 = re.compile(r'^(?P<interface>\S+)$')


def genie_show_context(text: str) -> dict[str, dict[str, object]]:
    """genieparser's ShowContext.cli loop, trimmed to what it records."""
    ret: dict[str, dict[str, object]] = {}
    name = ""
    for line in text.splitlines():
        line = line.strip()
        m = _GENIE_P1.match(line)
        if m:
            g = m.groupdict()
            admin = g["context_name"].startswith("*")
            name = g["context_name"][1:] if admin else g["context_name"]
            entry = ret.setdefault(name, {"candidate_default": admin, "interfaces": []})
            entry.update({"class": g["class"], "mode": g["mode"], "url": g["url"]})
            entry["interfaces"] += g["interface"].rstrip(",").split(",")  # type: ignore[operator]
            continue
        m = _GENIE_P2.match(line)
        if m:
            ifs = m.group("interface").rstrip(",")
            ifs = ifs.removesuffix("...")
            ret[name]["interfaces"] += ifs.split(",")  # type: ignore[operator]
    return ret


def test_show_context_parsed_by_genieparser_regexes() -> None:
    parsed = genie_show_context("\n".join(show_context([ADMIN, CTX1, VLANS], detail=False,
                                                       count_only=False)))
    assert parsed == {
        "admin": {"candidate_default": True, "class": "default", "mode": "Routed",
                  "url": "disk0:/admin.cfg",
                  "interfaces": ["GigabitEthernet0/2", "GigabitEthernet0/3"]},
        "ctx1": {"candidate_default": False, "class": "default", "mode": "Routed",
                 "url": "disk0:/ctx1.cfg",
                 "interfaces": ["GigabitEthernet0/4", "GigabitEthernet0/5"]},
        "pod1": {"candidate_default": False, "class": "111", "mode": "Routed",
                 "url": "disk0:/pod-context/pod1",
                 "interfaces": ["Vlan1000", "Vlan1001", "Vlan1030", "Vlan1031", "Vlan1050",
                                "Vlan1051", "Vlan1082", "Vlan1083"]},
    }


def test_show_context_no_template_in_ntc() -> None:
    # documents why the genieparser regexes are used above
    with pytest.raises(ParsingException, match="No template found"):
        ntc("show context", show_context([ADMIN], detail=False, count_only=False))


# ============================================================================ dir
DIR_ENTRIES = [
    DirEntry(10, "admin.cfg", 1858, JUN_11_2020),
    DirEntry(11, "ctx1.cfg", 1203, MAR_1_2026),
    DirEntry(12345, "backup", 4096, JUN_11_2020, is_dir=True),
]


def test_show_dir() -> None:
    assert show_dir("disk0:/", DIR_ENTRIES, 8571076608, 8218820608) == [
        "Directory of disk0:/",
        "",
        "10     -rwx  1858         07:30:48 Jun 11 2020  admin.cfg",
        "11     -rwx  1203         09:05:07 Mar 01 2026  ctx1.cfg",
        "12345  drwx  4096         07:30:48 Jun 11 2020  backup",
        "",
        "8571076608 bytes total (8218820608 bytes free)",
    ]


def test_show_dir_empty() -> None:
    assert show_dir("flash:/backup/", [], 268435456, 268000000) == [
        "Directory of flash:/backup/",
        "",
        "No files in directory",
        "",
        "268435456 bytes total (268000000 bytes free)",
    ]


def test_show_dir_parsed_by_ntc() -> None:
    recs = ntc("dir", show_dir("disk0:/", DIR_ENTRIES, 8571076608, 8218820608))
    assert [(r["id"], r["permissions"], r["size"], r["date_time"], r["name"]) for r in recs] == [
        ("10", "-rwx", "1858", "07:30:48 Jun 11 2020", "admin.cfg"),
        ("11", "-rwx", "1203", "09:05:07 Mar 01 2026", "ctx1.cfg"),
        ("12345", "drwx", "4096", "07:30:48 Jun 11 2020", "backup"),
    ]
    assert {(r["file_system"], r["total_size"], r["total_free"]) for r in recs} == {
        ("disk0:/", "8571076608", "8218820608")}


# ============================================================================ write memory
def test_checksum_groups() -> None:
    assert checksum_groups("4B86B1E42E731D6B9D1FC491A5EAE0F3") == "4b86b1e4 2e731d6b 9d1fc491 a5eae0f3"


def test_write_memory_lines() -> None:
    assert write_memory_lines("c4c58b75 ea6ca884 235cc59e 05d6f114", 5030) == [
        "Building configuration...",
        "Cryptochecksum: c4c58b75 ea6ca884 235cc59e 05d6f114",
        "",
        "5030 bytes copied in 0.670 secs",
        "[OK]",
    ]
    assert write_memory_lines("4b86b1e4 2e731d6b 9d1fc491 a5eae0f3", 6854, elapsed_ms=1200)[3] == (
        "6854 bytes copied in 1.200 secs")


def test_write_memory_all_lines() -> None:
    spaces = [SavedSpace("system", "1b10d8bc 5e2dd2bb 1cb6e25b 7fa48e39", 2236),
              SavedSpace("admin", "3d7dbfa3 d6e6f5b0 a4cefde6 cdd7b7d9", 2081, 180),
              SavedSpace("ctx1", "0a0b0c0d 01020304 05060708 090a0b0c", 1802, 160)]
    assert write_memory_all_lines(spaces) == [
        "Building configuration...",
        "Saving context :             system :  (000/003 Contexts saved) ",
        "Cryptochecksum: 1b10d8bc 5e2dd2bb 1cb6e25b 7fa48e39",
        "",
        "2236 bytes copied in 0.170 secs",
        "Saving context :              admin :  (001/003 Contexts saved) ",
        "Cryptochecksum: 3d7dbfa3 d6e6f5b0 a4cefde6 cdd7b7d9",
        "",
        "2081 bytes copied in 0.180 secs",
        "Saving context :               ctx1 :  (002/003 Contexts saved) ",
        "Cryptochecksum: 0a0b0c0d 01020304 05060708 090a0b0c",
        "",
        "1802 bytes copied in 0.160 secs",
        "[OK]",
    ]


# ============================================================================ messages
def test_parser_messages() -> None:
    assert msg.INVALID_INPUT == "ERROR: % Invalid input detected at '^' marker."
    assert msg.INCOMPLETE == "ERROR: % Incomplete command"
    assert msg.caret_line(14) == " " * 14 + "^"
    assert msg.ambiguous("sh fa") == 'ERROR: % Ambiguous command:  "sh fa"'


def test_file_system_messages() -> None:
    assert msg.source_filename_prompt("running-config") == "Source filename [running-config]?"
    assert msg.destination_filename_prompt("backup.cfg") == "Destination filename [backup.cfg]?"
    assert msg.delete_filename_prompt("x.cfg") == "Delete filename [x.cfg]?"
    assert msg.delete_confirm("disk0:/x.cfg") == "Delete disk0:/x.cfg? [confirm]"
    assert msg.mkdir_prompt("backup") == "Create directory filename [backup]?"
    assert msg.mkdir_done("disk0:/backup") == "Created dir disk0:/backup"
    assert msg.bytes_copied(4996, 660) == "4996 bytes copied in 0.660 secs"
    assert msg.cryptochecksum("a b c d") == "Cryptochecksum: a b c d"
    assert msg.error_opening("disk0:/nofile") == (
        "%Error opening disk0:/nofile (No such file or directory)")


def test_failover_and_reload_messages() -> None:
    assert msg.REPLICATION_BEGIN == "Beginning configuration replication: Sending to mate."
    assert msg.REPLICATION_END == "End Configuration Replication to mate"
    assert msg.RELOAD_CONFIRM == "Proceed with reload? [confirm]"
    assert msg.reload_save_prompt("admin") == (
        "admin config has been modified. Save? [Y]es/[N]o/[S]ave all/[C]ancel:")
    assert msg.failover_exec_mode("Active", "interface sub-command") == (
        "Active unit Failover EXEC is at interface sub-command mode")
    assert msg.version_mismatch_warning("9.5(2)", "9.2(2)4")[1] == (
        "   Mate version 9.5(2) is not identical with ours 9.2(2)4")
    assert msg.changeto_invalid("GLOBAL") == "ERROR: 'GLOBAL' is not valid"
    assert msg.MODE_CONFIRM.endswith("change mode? [confirm]")
    assert msg.MODE_CONVERT.endswith("system configuration? [confirm]")
    assert msg.STANDBY_CONFIG_WARNING[0] == "**** WARNING ****"


def test_one_system_interface_shows_its_own_allocation_line() -> None:
    """`show interface X` in the system space: every data interface, allocated to a context
    or not, prints the allocation line, the failover link its name and no `Traffic
    Statistics` block (a real multiple-context pair: ntc-templates
    cisco_asa_show_interface_detail.raw)."""
    from asa_emulator.lab.lab import Lab
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    primary = lab.console("primary")
    primary.execute("enable")
    primary.execute("")

    def shown(itf: str) -> list[str]:
        return primary.execute(f"show interface {itf} | include Interface|allocation|Description|Statistics")
    assert shown("GigabitEthernet0/0") == [
        'Interface GigabitEthernet0/0 "", is up, line protocol is up',
        f"{T}Available for allocation to a context"]
    assert shown("GigabitEthernet0/1") == [
        'Interface GigabitEthernet0/1 "folink", is up, line protocol is up',
        f"{T}Description: LAN/STATE Failover Interface"]
    assert shown("GigabitEthernet0/2") == ['Interface GigabitEthernet0/2 "", is up, line protocol is up',
                                           f"{T}Available for allocation to a context"]
