"""Cisco's Genie parsers (os='asa') as judges of the emulator's output: `make fidelity`
installs the optional `fidelity` extra (pyats, genie) and runs this folder; `make test` never
collects it (pyproject: norecursedirs).  Genie's `show failover` reads Active/Standby only,
so it runs on the A/S lab (transcripts/labs/active-standby)."""

from __future__ import annotations

import sys
from pathlib import Path

from genie.libs.parser.asa.show_failover import ShowFailover
from genie.libs.parser.asa.show_interface import ShowInterfaceIpBrief
from genie.libs.parser.asa.show_inventory import ShowInventory
from genie.libs.parser.asa.show_version import ShowVersion

sys.path.insert(0, str(Path(__file__).parents[1]))
from test_ntc_judges import outputs  # noqa: E402

AS_LAB = str(Path(__file__).parents[2] / "transcripts" / "labs" / "active-standby")


class _Device:
    """What a Genie parser asks of its device when it is given the output to read."""
    name = "asa"
    os = "asa"


def genie(parser: type, lines: list[str]) -> dict:
    return parser(device=_Device()).cli(output="\n".join(lines) + "\n")


def test_genie_reads_the_system_space() -> None:
    res = dict(outputs(["enable", "", "show version", "show inventory", "show interface ip brief"]))
    v = genie(ShowVersion, res["show version"])["version"]
    assert (v["asa_version"], v["platform"], v["hostname"]) == ("9.1(7)", "ASA5515", "primary")
    assert (v["mem_size"], v["cpu_count"], v["core_count"]) == ("8192 MB", 1, 4)
    inv = genie(ShowInventory, res["show inventory"])
    assert (inv["Chassis"]["pid"], inv["Chassis"]["sn"]) == ("ASA5515", "JMX1234A0P1")
    brief = genie(ShowInterfaceIpBrief, res["show interface ip brief"])["interfaces"]
    assert brief["GigabitEthernet0/1"]["ipv4"] == {"10.0.4.1": {"ip": "10.0.4.1"}}
    assert brief["GigabitEthernet0/1"]["method"] == "CONFIG"


def test_genie_reads_active_standby_failover() -> None:
    res = dict(outputs(["@lab " + AS_LAB, "enable", "", "show failover"]))
    fo = genie(ShowFailover, res["show failover"])
    assert fo["failover_enabled"] is True and fo["failover_unit"] == "Primary"
    assert fo["failover_lan_interface"] == {"name": "folink", "interface": "GigabitEthernet0/1",
                                            "status": "up"}
    assert fo["version"] == {"ours": "9.1(7)", "mate": "9.1(7)"}
    assert fo["this_host"]["state"] == "Active" and fo["this_host"]["is_primary"] is True
