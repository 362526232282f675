"""Transparent mode where automation drives it: netmiko `cisco_asa` over SSH configures a
bridge group in a context (members, BVI with a standby address) and reads `show bridge-group`
and `show interface ip brief`, the BVI row parsed by the stock ntc template."""

from __future__ import annotations

from netmiko import ConnectHandler
from ntc_templates.parse import parse_output

from asa_emulator.transcript.background import BackgroundLab


def test_netmiko_configures_a_bridge_group_and_reads_it(asa_lab_ssh: BackgroundLab) -> None:
    # ctx1's failover group 2 is active on the secondary: configure it there
    with ConnectHandler(**asa_lab_ssh.netmiko["secondary"]) as asa:
        asa.send_command("changeto context ctx1")
        asa.send_config_set(["firewall transparent",
                             "interface GigabitEthernet0/4", "nameif outside", "bridge-group 1",
                             "interface GigabitEthernet0/5", "nameif inside", "bridge-group 1",
                             "interface BVI1", "ip address 10.2.20.1 255.255.255.0 standby 10.2.20.11"])
        shown = asa.send_command("show bridge-group").splitlines()
        brief = asa.send_command("show interface ip brief")
        firewall = asa.send_command("show firewall")
    assert shown[:4] == ["Bridge Group: 1", "Interfaces: outside inside",
                         "Management System IP Address: 10.2.20.1 255.255.255.0",
                         "Management Current IP Address: 10.2.20.1 255.255.255.0"]
    rows = parse_output(platform="cisco_asa", command="show interface ip brief", data=brief)
    bvi = next(r for r in rows if r["interface"] == "BVI1")
    assert (bvi["ip_address"], bvi["status"], bvi["proto"]) == ("10.2.20.1", "up", "up")
    assert firewall.strip() == "Firewall mode: Transparent"
