"""Issue 20, part B, where automation reads it: netmiko `cisco_asa` over SSH gets `show cpu
usage detailed` parsed by the stock ntc template (one row per core of the lab's 5515-X), and
the service policy's counters and the ASP classifier's hits after traffic, in a context."""

from __future__ import annotations

from netmiko import ConnectHandler
from ntc_templates.parse import parse_output

from asa_emulator.transcript.background import BackgroundLab


def test_netmiko_reads_platform_and_policy_shows(asa_lab_ssh: BackgroundLab) -> None:
    with ConnectHandler(**asa_lab_ssh.netmiko["primary"]) as asa:
        asa.send_command("changeto system")
        cpu = asa.send_command("show cpu usage detailed")
        detail = asa.send_command("show memory detail").splitlines()
        asa.send_command("changeto context admin")
        asa.send_config_set(["access-list in1 extended permit udp any any eq domain",
                             "access-group in1 in interface inside",
                             "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254"])
        asa_lab_ssh.directive("@traffic primary admin udp inside 10.1.0.50:40001 203.0.113.53:53")
        policy = asa.send_command("show service-policy").splitlines()
        classify = asa.send_command("show asp table classify interface inside").splitlines()
    rows = parse_output(platform="cisco_asa", command="show cpu usage detailed", data=cpu)
    assert [r["core"] for r in rows] == [f"Core {i}" for i in range(4)]
    assert detail[0].startswith("Free memory:") and detail[5].startswith("Total memory:")
    dns = next(line for line in policy if "Inspect: dns" in line)
    assert dns == "      Inspect: dns preset_dns_map, packet 1, lock fail 0, drop 0, reset-drop 0"
    assert [line.split(",")[0] for line in classify if line.startswith("\thits=")] == ["\thits=1", "\thits=0"]
