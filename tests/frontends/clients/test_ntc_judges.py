"""Real parsers as judges: every ntc-templates `cisco_asa` template whose command the emulator
implements reads the emulator's output in the system space and a context, on both units, before
and after a failover, and the key fields hold the right values.

ntc's `show failover` template cannot read real Active/Active output (it wants `Group N` at
column 0, real devices indent it: reference §8f); tests/frontends/clients/templates/ holds the corrected copy.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textfsm
from ntc_templates.parse import parse_output

from asa_emulator import api
from tests.support.judges import CONTEXT_CMDS, SERIALS, SYSTEM_CMDS, outputs, script

# the corrected copy of the ntc template that stops on real output (see its header); `show
# version` is judged by the stock template (a 5500-X indents its `ASA:` line, Cisco TAC 212420)
FIXED = {"show failover": Path(__file__).parent / "templates" / "cisco_asa_show_failover.textfsm"}



def ntc(command: str, lines: list[str]) -> list[dict[str, object]]:
    if command in FIXED:
        with FIXED[command].open() as f:
            fsm = textfsm.TextFSM(f)
            rows = fsm.ParseText("\n".join(lines) + "\n")
            return [dict(zip((h.lower() for h in fsm.header), r, strict=True)) for r in rows]
    return parse_output(platform="cisco_asa", command=command, data="\n".join(lines) + "\n")



def _admin_active_here(unit: str, failed_over: bool) -> bool:
    return (unit == "primary") != failed_over


@pytest.mark.parametrize("failed_over", [False, True], ids=["before", "after-failover"])
@pytest.mark.parametrize("unit", ["primary", "secondary"])
def test_ntc_templates_read_the_emulator(unit: str, failed_over: bool) -> None:
    results = outputs(script(unit, failed_over))
    typed = [c for c, _ in results]
    start = typed.index(SYSTEM_CMDS[0], len(typed) - len(SYSTEM_CMDS) - len(CONTEXT_CMDS) - 2)
    system = dict(results[start:start + len(SYSTEM_CMDS)])
    context = dict(results[start + len(SYSTEM_CMDS) + 1:])
    own = SERIALS[unit]
    active = _admin_active_here(unit, failed_over)
    outside = "192.168.1.1" if active else "192.168.1.2"
    mate_outside = "192.168.1.2" if active else "192.168.1.1"

    v = ntc("show version", system["show version"])[0]
    assert (v["version"], v["serial"]) == ("9.1(7)", [own])
    assert str(v["hardware"]).startswith("ASA5515, 8192 MB RAM")
    assert v["failover"] == "Active/Active" and v["hostname"] == "primary"
    assert "GigabitEthernet0/1" in v["interfaces"]

    inv = ntc("show inventory", system["show inventory"])
    assert (inv[0]["name"], inv[0]["pid"], inv[0]["sn"]) == ("Chassis", "ASA5515", own)

    mod = ntc("show module", system["show module"])
    assert (mod[0]["module"], mod[0]["model"], mod[0]["serial"]) == ("0", "ASA5515", own)

    for cmd in ("show interface GigabitEthernet0/1", "show interface detail"):
        rows = {r["interface"]: r for r in ntc(cmd.replace(" GigabitEthernet0/1", ""), system[cmd])}
        folink = rows["GigabitEthernet0/1"]
        # the failover link holds the primary's address on the primary, the standby on the secondary
        zone = folink.get("interface_zone", folink.get("interface_name"))
        assert zone == "folink" and folink["mtu"] == "1500"
        assert folink["ip_address"] == ("10.0.4.1" if unit == "primary" else "10.0.4.11")
    assert rows["GigabitEthernet0/2"]["link_status"] == "up"

    brief = {r["interface"]: r for r in ntc("show interface ip brief", system["show interface ip brief"])}
    assert brief["GigabitEthernet0/1"]["ip_address"] == ("10.0.4.1" if unit == "primary" else "10.0.4.11")
    assert brief["GigabitEthernet0/0"]["ip_address"] == "unassigned"

    res = ntc("show resource usage", system["show resource usage"])
    assert {r["context"] for r in res} == {"admin", "ctx1"}
    assert any(r["resource"] == "Routes" and r["context"] == "admin" for r in res)

    fo = ntc("show failover", system["show failover"])[0]
    assert (fo["state"], fo["role"], fo["lan_intf_name"]) == ("On", unit.capitalize(), "folink")
    assert fo["sw_version"] == "9.1(7)" and fo["sw_version_mate"] == "9.1(7)"
    assert fo["service_state"][0] == ("Active" if active else "Standby Ready")
    assert fo["service_state_mate"][0] == ("Standby Ready" if active else "Active")

    cv = ntc("show version", context["show version"])[0]
    assert cv["version"] == "9.1(7)"

    crows = {r["interface"]: r for r in ntc("show interface", context["show interface"])}
    assert crows["GigabitEthernet0/2"]["interface_zone"] == "outsideISP-A"
    assert crows["GigabitEthernet0/2"]["ip_address"] == outside

    cbrief = {r["interface"]: r for r in ntc("show interface ip brief", context["show interface ip brief"])}
    assert cbrief["GigabitEthernet0/2"]["ip_address"] == outside

    route = ntc("show route", context["show route"])
    by_net = {(r["network"], r["netmask"]): r for r in route}
    assert by_net[("192.168.1.0", "255.255.255.0")]["nexthopif"] == "outsideISP-A"
    assert by_net[("0.0.0.0", "0.0.0.0")]["nexthopip"] == "192.168.1.254" and by_net[("0.0.0.0", "0.0.0.0")]["protocol"] == "S"

    arp = ntc("show arp", context["show arp"])
    assert {(r["interface"], r["ip_address"]) for r in arp} >= {("outsideISP-A", mate_outside)}

    names = ntc("show name", context["show name"])
    assert (names[0]["ip_address"], names[0]["name"]) == ("192.168.1.254", "isp-a-gw")

    xl = ntc("show xlate", context["show xlate"])
    assert xl == []

    for target in ("192.168.1.2", "192.168.1.1"):
        p = ntc("ping", context[f"ping {target}"])[0]
        assert (p["destination"], p["success_pct"], p["response_stream"]) == (target, "100", "!!!!!")


ACL_SETUP = ["enable", "", "changeto context admin", "configure terminal",
             "route inside 10.50.0.0 255.255.0.0 10.1.0.254",
             "object network web", " host 10.50.1.10",
             "object network lan", " subnet 10.50.0.0 255.255.0.0",
             "object-group network partners", " network-object host 198.51.100.7",
             " network-object 203.0.113.0 255.255.255.0",
             "access-list outside_in remark partners reach the web server",
             "access-list outside_in extended permit tcp object-group partners object web eq 443",
             "access-list outside_in extended deny udp any4 10.50.0.0 255.255.0.0 eq 53",
             "access-group outside_in in interface outsideISP-A", "end",
             "@traffic primary admin tcp outsideISP-A 198.51.100.7:50000 10.50.1.10:443",
             "@traffic primary admin tcp outsideISP-A 203.0.113.9:50001 10.50.1.10:443",
             "@traffic primary admin tcp outsideISP-A 203.0.113.9:50002 10.50.1.10:443",
             "@traffic primary admin udp outsideISP-A 198.51.100.7:5353 10.50.1.10:53"]
ACL_CMDS = ["show access-list", "show asp drop", "show running-config access-group",
            "show running-config object network"]


@pytest.mark.parametrize("unit", ["primary", "secondary"])
def test_ntc_templates_read_access_control(unit: str) -> None:
    """show access-list (entries, their elements, hit counts), show asp drop and the
    access-group and object lines of the configuration, on the unit that saw the traffic and
    on its mate (same lists by replication, its own zero counts)."""
    tail = ["@console secondary", "enable", "", "changeto context admin"] if unit == "secondary" else []
    results = dict(outputs(ACL_SETUP + tail + ACL_CMDS)[-len(ACL_CMDS):])
    seen = unit == "primary"

    rows = ntc("show access-list", results["show access-list"])
    head = rows[0]
    assert (head["acl_name"], head["acl_tot_elem"]) == ("outside_in", "3")
    assert re.fullmatch(r"0x[0-9a-f]{8}", str(head["acl_name_hash"]))
    remark = next(r for r in rows if r["remark"])
    assert (remark["line_num"], remark["remark"]) == ("1", "partners reach the web server")
    line2 = next(r for r in rows if r["line_num"] == "2" and r["src_object_grp"])
    assert (line2["action"], line2["protocol"], line2["dst_object"], line2["dst_port"]) == (
        "permit", "tcp", "web", "https")
    assert line2["hit_count"] == ("3" if seen else "0")
    elements = {r["entry_src_host"] or r["entry_src_network"]: r for r in rows
                if r["line_num"] == "2" and r["entry_hash"]}
    assert set(elements) == {"198.51.100.7", "203.0.113.0"}
    assert elements["203.0.113.0"]["entry_hit_count"] == ("2" if seen else "0")
    assert elements["198.51.100.7"]["entry_dst_host"] == "10.50.1.10"
    line3 = next(r for r in rows if r["line_num"] == "3")
    assert (line3["action"], line3["protocol"], line3["src_any"], line3["dst_network"],
            line3["dst_mask"], line3["dst_port"]) == ("deny", "udp", "any4", "10.50.0.0",
                                                      "255.255.0.0", "domain")
    assert line3["hit_count"] == ("1" if seen else "0")

    drops = ntc("show asp drop", results["show asp drop"])[0]
    assert drops["acl_drop"] == ("1" if seen else "")
    assert drops["last_cleared"] == "Never"

    groups = ntc("show running-config access-group", results["show running-config access-group"])
    assert [(g["access_list"], g["interface"]) for g in groups] == [("outside_in", "outsideISP-A")]

    objs = {o["name"]: o for o in ntc("show running-config object network",
                                      results["show running-config object network"])}
    assert (objs["web"]["type"], objs["web"]["host"]) == ("host", "10.50.1.10")
    assert (objs["lan"]["network"], objs["lan"]["netmask"]) == ("10.50.0.0", "255.255.0.0")


LABS = sorted([*(p.name for p in (Path(api.__file__).parent / "lab" / "builtin").iterdir() if p.is_dir()),
               *(str(p) for p in (Path(__file__).parents[3] / "transcripts" / "labs").iterdir()
                 if (p / "lab.toml").exists())])


@pytest.mark.parametrize("lab_name", LABS, ids=lambda n: Path(n).name)
def test_stock_ntc_template_reads_show_version_of_every_lab(lab_name: str) -> None:
    """Every built-in and transcript lab's `show version`, read by the stock ntc-templates
    template (no corrected copy): it stops with an Error on a line it does not know."""
    lab = api.Lab.load(lab_name, in_memory=True)
    lab.settle()
    lines = lab.run(["enable", "", "show version"])
    start = next(i for i, ln in enumerate(lines) if ln.endswith("# show version")) + 1
    hw = lab.unit("primary").hw
    rows = parse_output(platform="cisco_asa", command="show version", data="\n".join(lines[start:]) + "\n")
    assert rows[0]["version"] == hw.version and rows[0]["hardware"].startswith(hw.model)
