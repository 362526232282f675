"""Outputs a public capture of a real unit contradicted (issue 20; each test names its capture):
the boot banner's checksum, `show startup-config` after `write erase`, the INFO line of
`failover lan interface`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from asa_emulator import api


def _lab(name: str = "example") -> api.Lab:
    lab = api.Lab.load(name, in_memory=True)
    lab.settle()
    return lab


def test_the_boot_banner_prints_the_loaded_configuration_s_checksum() -> None:
    """`Cryptochecksum (unchanged): a44c49c9 4217b655 7de33b81 70c47440` (real 9.8(4)22
    ASA5506-X console, netdev mailing list 2024): the checksum `show checksum` gives."""
    lab = _lab()
    u = lab.unit("primary")
    u.take_messages()
    u.reload(1000)
    lab.advance(1000)
    console = u.take_messages()
    groups = u.spaces.checksum_groups()
    assert len(groups.split()) == 4
    assert f"Cryptochecksum (unchanged): {groups}" in console
    shown = lab.run(["@console primary", "enable", "", "show checksum"])
    assert f"Checksum: {groups}" in shown


def test_show_startup_config_after_write_erase_says_no_configuration() -> None:
    """Cisco Networking Academy ASA lab (public copy): `write erase`, `[OK]`, then `show start`
    prints `No Configuration`."""
    lines = _lab("blank").run(["enable", "", "write erase", "", "show startup-config"])
    at = lines.index("ciscoasa# write erase")
    assert lines[at:] == ["ciscoasa# write erase", "Erase configuration in flash memory? [confirm]",
                          "[OK]", "ciscoasa# show startup-config", "No Configuration"]


def test_failover_lan_interface_says_the_port_s_configuration_is_cleared() -> None:
    """Real 9.2(2)4 ASA5525 (blog "Configuring Stateful Failover on a Cisco ASA HA Pair", 2016):
    `failover lan interface failover GigabitEthernet0/7` prints an INFO line; naming the same
    port again prints nothing."""
    lines = _lab("blank").run(["enable", "", "configure terminal",
                               "failover lan interface folink GigabitEthernet0/1",
                               "failover lan interface folink GigabitEthernet0/1"])
    at = lines.index("ciscoasa(config)# failover lan interface folink GigabitEthernet0/1")
    assert lines[at:] == [
        "ciscoasa(config)# failover lan interface folink GigabitEthernet0/1",
        "INFO: Non-failover interface config is cleared on GigabitEthernet0/1 and its sub-interfaces",
        "ciscoasa(config)# failover lan interface folink GigabitEthernet0/1"]


def test_show_traffic_indents_with_tabs() -> None:
    """genieparser ShowTraffic golden output (a real unit): TABs, not spaces, before each line
    and between the packet and byte counts; the counts are the traffic engine's."""
    lab = _lab()
    lines = lab.run(["@traffic primary admin tcp outsideISP-A 192.168.1.50:40000 192.168.1.1:22",
                     "enable", "", "changeto context admin", "show traffic"])
    at = lines.index("outsideISP-A:")
    secs = lines[at + 1].split("(in ")[1].split(" secs")[0]
    assert secs.endswith(".000")
    assert lines[at + 1:at + 13] == [
        f"\t\treceived (in {secs} secs):", lines[at + 2], lines[at + 3],
        f"\t\ttransmitted (in {secs} secs):", lines[at + 5], lines[at + 6],
        "\t1 minute input rate 0 pkts/sec,  0 bytes/sec", "\t1 minute output rate 0 pkts/sec,  0 bytes/sec",
        "\t1 minute drop rate, 0 pkts/sec", "\t5 minute input rate 0 pkts/sec,  0 bytes/sec",
        "\t5 minute output rate 0 pkts/sec,  0 bytes/sec", "\t5 minute drop rate, 0 pkts/sec"]
    assert re.fullmatch(r"\t\t\t\t[1-9]\d* packets\t\d+ bytes", lines[at + 2])     # the packet in
    for i in (2, 5):
        assert re.fullmatch(r"\t\t\t\t\d+ packets\t\d+ bytes", lines[at + i])
        assert re.fullmatch(r"\t\t\t\t\d+ pkts/sec\t\d+ bytes/sec", lines[at + i + 1])


def test_show_logging_counts_what_each_server_was_sent_and_has_the_tcp_stats() -> None:
    """ntc fixture cisco_asa_show_logging_2.raw (a real ASA5515-X): `Logging to inside
    10.67.88.90, UDP TX:323 errors: 0  dropped: 1` under the trap line, then the `Global TCP
    syslog stats::` block; the count moves with the messages sent."""
    lab = _lab()
    lab.run(["enable", "", "changeto context admin", "configure terminal", "logging enable",
             "logging trap informational", "logging host inside 10.1.0.5", "end"])
    before = lab.run(["show logging"])
    lab.run(["changeto system", "no failover active group 1", "@wait 3s", "changeto context admin"])
    after = lab.run(["show logging"])
    trap = next(ln for ln in after if ln.startswith("    Trap logging:"))
    sent = int(trap.split(", ")[-1].split()[0])
    assert sent > 0
    at = after.index(trap)
    assert after[at + 1:at + 7] == [
        f"        Logging to inside 10.1.0.5, UDP TX:{sent} errors: 0  dropped: 0",
        "    Global TCP syslog stats::", "        NOT_PUTABLE: 0, ALL_CHANNEL_DOWN: 0",
        "        CHANNEL_FLAP_CNT: 0, SYSLOG_PKT_LOSS: 0", "        PARTIAL_REWRITE_CNT: 0",
        "    Permit-hostdown logging: disabled"]
    assert "        Logging to inside 10.1.0.5, UDP TX:0 errors: 0  dropped: 0" in before


def test_a_configuration_sync_logs_the_replication_syslogs() -> None:
    """Cisco ASA syslog messages guide: 709003/709004 on the unit that sends its configuration,
    709005/709006 on the one that receives it, each beside its console banner."""
    lab = _lab()
    lines = lab.run(["enable", "", "changeto context admin", "configure terminal", "logging enable",
                     "logging buffered informational", "end", "changeto system", "write standby",
                     "failover reload-standby", "@wait 5m", "changeto context admin",
                     "show logging | include 7090"])
    assert lines[-2:] == ["%ASA-1-709003: (Primary) Beginning configuration replication: Send to mate.",
                          "%ASA-1-709004: (Primary) End Configuration Replication (ACT)"]
    mate = lab.run(["@console secondary", "enable", "", "changeto context admin",
                    "show logging | include 7090"])
    assert mate[-2:] == ["%ASA-1-709005: (Secondary) Beginning configuration replication: Receiving from mate.",
                         "%ASA-1-709006: (Secondary) End Configuration Replication (STB)"]


def test_the_failover_cluster_licence_block_sums_both_units(tmp_path: Path) -> None:
    """ntc fixture cisco_asa_show_version3.raw (9.9(2)32 ASA5516 A/A): the unit's `Security
    Contexts : 2`, `AnyConnect Premium Peers : 4` are 4 and 8 in the failover cluster block:
    the two units' licences summed (capped by the platform), not this unit's doubled."""
    lab_dir = tmp_path / "lab"
    shutil.copytree(Path(api.__file__).parent / "lab" / "builtin" / "example", lab_dir)
    toml = lab_dir / "lab.toml"
    text = toml.read_text()
    toml.write_text(text.replace("contexts = 5", "contexts = 2", 1).replace("contexts = 5", "contexts = 3", 1))
    lab = api.Lab.load(str(lab_dir), in_memory=True)
    lab.settle()
    lines = lab.run(["enable", "", "show version | include Security Contexts|AnyConnect Premium|licensed"])
    assert lines[-5:] == [
        "Security Contexts                 : 2              perpetual",
        "AnyConnect Premium Peers          : 2              perpetual",
        "Failover cluster licensed features for this platform:",
        "Security Contexts                 : 5              perpetual",
        "AnyConnect Premium Peers          : 4              perpetual"]


def test_show_resource_usage_counts_live_and_keeps_the_peak() -> None:
    """ntc fixture cisco_asa_show_resource_usage.raw (a real unit): per context the resources
    whose count or peak reached 1, then the `S = System` legend; the counts follow the lab
    (connections, their hosts, routes) and the peak stays after `clear conn`."""
    lab = _lab()
    head = "Resource                 Current        Peak      Limit        Denied Context"
    legend = "S = System: Combined context limits exceed the system limit; the system limit is shown"
    routes = ["Routes                         2           2  unlimited             0 admin",
              "Routes                         2           2  unlimited             0 ctx1"]
    assert lab.run(["enable", "", "show resource usage"])[-4:] == [head, *routes, legend]
    lab.run(["@traffic primary admin tcp inside 10.1.0.50:40000 192.168.1.77:80",
             "@traffic primary admin tcp inside 10.1.0.51:40000 192.168.1.77:80"])
    assert lab.run(["show resource usage"])[1:] == [
        head, "Conns                          2           2  unlimited             0 admin",
        "Hosts                          3           3  unlimited             0 admin", *routes, legend]
    lab.run(["changeto context admin", "clear conn", "changeto system"])
    assert lab.run(["show resource usage"])[1:] == [
        head, "Conns                          0           2  unlimited             0 admin",
        "Hosts                          0           3  unlimited             0 admin", *routes, legend]


def test_show_route_summary_counts_the_table_s_routes() -> None:
    """`show route summary` read `summary` as an interface name and printed an empty table:
    it counts the context's routes by source (layout modelled on IOS, unverified)."""
    lab = _lab()
    head = ["IP routing table maximum-paths is 3",
            "Route Source    Networks    Subnets     Replicates  Overhead    Memory (bytes)"]
    lines = lab.run(["enable", "", "changeto context admin", "show route summary"])
    assert lines[-5:] == [*head, "connected       1           1           0           176         576",
                          "static          0           0           0           0           0",
                          "Total           1           1           0           176         576"]
    lab.run(["configure terminal", "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254",
             "route inside 10.50.0.0 255.255.0.0 10.1.0.254", "end"])
    assert lab.run(["show route summ"])[1:] == [
        *head, "connected       1           1           0           176         576",
        "static          1           1           0           176         576",
        "Total           2           2           0           352         1152"]
