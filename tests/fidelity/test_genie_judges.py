"""Cisco's Genie parsers (os='asa') as judges of the emulator's output: `make fidelity`
installs the optional `fidelity` extra (pyats, genie) and runs this folder; `make test` never
collects it (pyproject: norecursedirs).  Each judge runs on both units, before and after a
failover, and asserts the values the parser read.

Where Genie cannot read real output, the judge feeds it the part it can read and says why:
- `show route` on 9.1: Genie strips the codes legend only when it ends in `+ - replicated
  route` (the 9.2+ legend, its golden outputs); the 9.1 legend (ASA 9.1 configuration guide,
  "Displaying the Routing Table") ends in `P - periodic downloaded static route`, so Genie reads
  its `D - EIGRP` line as a route and stops.  On 9.1 it gets the lines from `Gateway of last
  resort` on; on the 9.6 lab it gets the whole output.
- `show failover` (Active/Standby only, reference §8f): in multiple-context mode a real unit
  prefixes each interface line with its context (`admin Interface outside (...)`, Cisco's
  command reference, reference §1a); Genie's golden outputs are single-mode and its pattern
  starts at `Interface`, so it reads no interface.  The judge gives it one context's lines with
  the prefix removed.  Its `\\w+` interface name also skips nameifs with a hyphen
  (`outsideISP-A`), valid on a real ASA: only `inside` is read.
"""

from __future__ import annotations

import re

import pytest
from genie.libs.parser.asa.show_arp import ShowArp
from genie.libs.parser.asa.show_failover import ShowFailover
from genie.libs.parser.asa.show_interface import ShowInterfaceIpBrief
from genie.libs.parser.asa.show_inventory import ShowInventory
from genie.libs.parser.asa.show_nameif import ShowNameif
from genie.libs.parser.asa.show_route import ShowRoute
from genie.libs.parser.asa.show_version import ShowVersion

from tests.support.judges import SERIALS, outputs, script
from tests.support.paths import LABS

AS_LAB = str(LABS / "active-standby")
LAB_96 = str(LABS / "example-9.6")
UNITS = pytest.mark.parametrize("unit", ["primary", "secondary"])
WHEN = pytest.mark.parametrize("failed_over", [False, True], ids=["before", "after-failover"])


class _Device:
    """What a Genie parser asks of its device when it is given the output to read."""
    name = "asa"
    os = "asa"


def genie(parser: type, lines: list[str]) -> dict:
    return parser(device=_Device()).cli(output="\n".join(lines) + "\n")


def routes(lines: list[str]) -> dict:
    """Genie's `show route` routes; a legend Genie cannot strip (9.1) is left out."""
    if not any("replicated route" in ln for ln in lines):
        lines = lines[next(i for i, ln in enumerate(lines) if ln.startswith("Gateway of last")):]
    return genie(ShowRoute, lines)["vrf"]["default"]["address_family"]["ipv4"]["routes"]


def _typed(results: list[tuple[str, list[str]]], cmds: list[str]) -> dict[str, list[str]]:
    """The outputs of the last len(cmds) typed commands, by command."""
    return dict(results[-len(cmds):])


def test_genie_sees_the_91_legend_it_cannot_strip() -> None:
    """The whole 9.1 output stops Genie (why `routes` trims it): if this ever passes, Genie
    learnt the 9.1 legend and the trimming can go."""
    lines = dict(outputs(["enable", "", "changeto context admin", "show route"]))["show route"]
    assert "       P - periodic downloaded static route" in lines
    assert not any("replicated route" in ln for ln in lines)
    with pytest.raises(Exception, match="'-'"):
        genie(ShowRoute, lines)


@UNITS
@WHEN
def test_genie_reads_the_system_space_and_a_context(unit: str, failed_over: bool) -> None:
    sys_cmds = ["show version", "show inventory", "show interface ip brief"]
    ctx_cmds = ["show version", "show interface ip brief", "show route", "show arp", "show nameif"]
    lines = script(unit, failed_over)
    # script() ends in the ntc commands: keep its set-up (route, name, failover, console)
    lines = lines[:lines.index("show version")]
    results = outputs(lines + sys_cmds + ["changeto context admin"] + ctx_cmds)
    system = dict(results[-len(sys_cmds) - 1 - len(ctx_cmds):-1 - len(ctx_cmds)])
    context = _typed(results, ctx_cmds)
    # group 1 (admin) is active on the primary until `no failover active group 1`
    active = (unit == "primary") != failed_over
    outside, mate = ("192.168.1.1", "192.168.1.2") if active else ("192.168.1.2", "192.168.1.1")

    v = genie(ShowVersion, system["show version"])["version"]
    assert (v["asa_version"], v["platform"], v["hostname"]) == ("9.1(7)", "ASA5515", "primary")
    assert (v["mem_size"], v["cpu_count"], v["core_count"]) == ("8192 MB", 1, 4)
    assert v["serial_number"] == SERIALS[unit]
    inv = genie(ShowInventory, system["show inventory"])
    assert (inv["Chassis"]["pid"], inv["Chassis"]["sn"]) == ("ASA5515", SERIALS[unit])
    brief = genie(ShowInterfaceIpBrief, system["show interface ip brief"])["interfaces"]
    folink = "10.0.4.1" if unit == "primary" else "10.0.4.11"
    assert brief["GigabitEthernet0/1"]["ipv4"] == {folink: {"ip": folink}}
    assert brief["GigabitEthernet0/1"]["method"] == "CONFIG"

    cv = genie(ShowVersion, context["show version"])["version"]
    assert (cv["asa_version"], cv["context"], cv["hostname"]) == ("9.1(7)", True, "SecAppA")
    assert cv["licensed_features"]["failover"]["status"] == "Active/Active"
    cbrief = genie(ShowInterfaceIpBrief, context["show interface ip brief"])["interfaces"]
    assert cbrief["GigabitEthernet0/2"]["ipv4"] == {outside: {"ip": outside}}
    assert cbrief["GigabitEthernet0/2"]["link_status"] == "up"

    rt = routes(context["show route"])
    assert set(rt) == {"0.0.0.0/0", "10.1.0.0/24", "192.168.1.0/24"}
    default = rt["0.0.0.0/0"]
    assert (default["source_protocol"], default["candidate_default"], default["route_preference"],
            default["metric"]) == ("static", True, 1, 0)
    assert default["next_hop"]["next_hop_list"][1] == {
        "index": 1, "next_hop": "192.168.1.254", "outgoing_interface_name": "outsideISP-A"}
    assert rt["192.168.1.0/24"]["source_protocol"] == "connected"
    assert list(rt["192.168.1.0/24"]["next_hop"]["outgoing_interface_name"]) == ["outsideISP-A"]

    arp = genie(ShowArp, context["show arp"])
    assert mate in arp["outsideISP-A"]["ipv4"]["neighbors"]
    assert re.fullmatch(r"[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}",
                        arp["outsideISP-A"]["ipv4"]["neighbors"][mate]["link_layer_address"])
    nameif = genie(ShowNameif, context["show nameif"])
    assert (nameif["GigabitEthernet0/2"]["name"], nameif["GigabitEthernet0/2"]["security_level"]) == (
        "outsideISP-A", 0)
    assert (nameif["GigabitEthernet0/3"]["name"], nameif["GigabitEthernet0/3"]["security_level"]) == (
        "inside", 100)


@UNITS
def test_genie_reads_96_show_route_whole(unit: str) -> None:
    """On 9.6 the legend ends in `+ - replicated route`: Genie reads the output unchanged,
    local routes (`L`) included."""
    tail = ["@console secondary", "enable", ""] if unit == "secondary" else []
    lines = _typed(outputs(["@lab " + LAB_96, "enable", ""] + tail
                           + ["changeto context admin", "show route"]), ["show route"])["show route"]
    assert any("replicated route" in ln for ln in lines)
    rt = genie(ShowRoute, lines)["vrf"]["default"]["address_family"]["ipv4"]["routes"]
    own = "192.168.1.1" if unit == "primary" else "192.168.1.2"
    assert set(rt) == {"10.1.0.0/24", f"10.1.0.{1 if unit == 'primary' else 11}/32",
                       "192.168.1.0/24", f"{own}/32"}
    assert (rt[f"{own}/32"]["source_protocol"], rt[f"{own}/32"]["source_protocol_codes"]) == (
        "local", "L")
    assert list(rt[f"{own}/32"]["next_hop"]["outgoing_interface_name"]) == ["outsideISP-A"]


def _one_context(lines: list[str], ctx: str) -> list[str]:
    """`show failover` with only `ctx`'s interface lines, their context prefix removed (see the
    module docstring: Genie reads single-mode lines only)."""
    out = []
    for ln in lines:
        m = re.match(r"^(\s+)(\S+) (Interface .*)$", ln)
        if m is None:
            out.append(ln)
        elif m.group(2) == ctx:
            out.append(m.group(1) + m.group(3))
    return out


@UNITS
@WHEN
def test_genie_reads_active_standby_failover(unit: str, failed_over: bool) -> None:
    before = ["no failover active", "@wait 3s"] if failed_over else []
    tail = ["@wait 1s", "@console secondary", "enable", ""] if unit == "secondary" else []
    lines = _typed(outputs(["@lab " + AS_LAB, "enable", ""] + before + tail + ["show failover"]),
                   ["show failover"])["show failover"]
    active = (unit == "primary") != failed_over
    mate = "secondary" if unit == "primary" else "primary"

    fo = genie(ShowFailover, lines)
    assert fo["failover_enabled"] is True and fo["failover_unit"] == unit.capitalize()
    assert fo["failover_lan_interface"] == {"name": "folink", "interface": "GigabitEthernet0/1",
                                            "status": "up"}
    assert fo["version"] == {"ours": "9.1(7)", "mate": "9.1(7)"}
    this, other = fo["this_host"], fo["other_host"]
    assert (this["is_primary"], other["is_primary"]) == (unit == "primary", mate == "primary")
    assert this["state"] == ("Active" if active else "Standby Ready")
    assert other["state"] == ("Standby Ready" if active else "Active")
    assert this["slots"]["0"] == {"model": "ASA5515", "version": "1.0/9.1(7)", "status": "Up Sys"}
    # multi-context interface lines: Genie reads none as printed (see the module docstring)
    assert this["interfaces"] == {} and other["interfaces"] == {}

    for ctx, act, stby in (("admin", "10.1.0.1", "10.1.0.11"), ("ctx1", "10.2.20.1", "10.2.20.11")):
        per = genie(ShowFailover, _one_context(lines, ctx))
        own, peer = (act, stby) if active else (stby, act)
        assert per["this_host"]["interfaces"] == {
            "inside": {"ipv4_address": own, "state": "Normal", "monitored_state": "Monitored"}}
        assert per["other_host"]["interfaces"] == {
            "inside": {"ipv4_address": peer, "state": "Normal", "monitored_state": "Monitored"}}
