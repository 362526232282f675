"""`packet-tracer` and packet capture (asa_emulator/troubleshoot/): exact lines for the allowed
and the dropped flows (by an entry, by the implicit rule, without a route, from a down
interface, on the standby unit), nothing changed by a trace, captures of `@traffic` in both
directions, per unit and not replicated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from asa_emulator.api import Lab
from asa_emulator.config.model import SINGLE
from asa_emulator.traffic.engine import Packet
from tests.support.paths import LABS

DEFAULT_ROUTE = "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254"
OUT_IN = ("access-list outside_in extended permit tcp host 198.51.100.7 host 10.1.0.10 eq https",
          "access-list outside_in extended deny tcp any any eq ssh",
          "access-group outside_in in interface outsideISP-A")


class Cli:
    """A privileged session on one unit, in one context."""

    def __init__(self, lab: Lab, unit: str, ctx: str | None = "admin") -> None:
        self.s = lab.open_session(unit)
        self.s.execute("enable")
        self.s.execute("")
        if ctx is not None:
            self.s.execute(f"changeto context {ctx}")

    def __call__(self, line: str) -> list[str]:
        return [text.rstrip() for text in self.s.execute(line)]

    def configure(self, *lines: str) -> None:
        self("configure terminal")
        for line in lines:
            assert self(line) == [], line
        self("end")


def phase(n: int, type_: str, subtype: str, result: str, config: list[str],
          info: list[str]) -> list[str]:
    return [f"Phase: {n}", f"Type: {type_}", f"Subtype: {subtype}".rstrip(), f"Result: {result}",
            "Config:", *config, "Additional Information:", *info, ""]


def result(src: str, dst: str | None, action: str, drop: str | None = None,
           line: str = "up") -> list[str]:
    out = ["Result:", f"input-interface: {src}", "input-status: up", f"input-line-status: {line}"]
    if dst is not None:
        out += [f"output-interface: {dst}", "output-status: up", "output-line-status: up"]
    out.append(f"Action: {action}")
    return out + ([f"Drop-reason: {drop}"] if drop else [])


ACL_DROP = "(acl-drop) Flow is denied by configured rule"


@pytest.fixture
def lab() -> Lab:
    lab = Lab.load("example")
    lab.settle()
    return lab


# ---------------------------------------------------------------------------- packet-tracer

def test_an_allowed_flow_walks_route_options_and_flow_creation(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE)
    assert cli("packet-tracer input inside tcp 10.1.0.50 40000 203.0.113.10 www") == [
        "",
        *phase(1, "ROUTE-LOOKUP", "input", "ALLOW", [],
               ["in   0.0.0.0         0.0.0.0         outsideISP-A"]),
        *phase(2, "IP-OPTIONS", "", "ALLOW", [], []),
        *phase(3, "FLOW-CREATION", "", "ALLOW", [],
               ["New flow created with id 1, packet dispatched to next module"]),
        *result("inside", "outsideISP-A", "allow")]


def test_an_entry_of_the_inbound_list_allows_or_drops_and_is_named(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(*OUT_IN)
    route = phase(1, "ROUTE-LOOKUP", "input", "ALLOW", [],
                  ["in   10.1.0.0        255.255.255.0   inside"])
    allowed = cli("packet-tracer input outsideISP-A tcp 198.51.100.7 50000 10.1.0.10 https")
    assert allowed[:len(route) + 1] == ["", *route]
    assert allowed[len(route) + 1:len(route) + 10] == phase(
        2, "ACCESS-LIST", "log", "ALLOW",
        ["access-group outside_in in interface outsideISP-A", OUT_IN[0]], [])
    assert allowed[-1] == "Action: allow"
    assert cli("packet-tracer input outsideISP-A tcp 198.51.100.7 50000 10.1.0.10 22") == [
        "", *route,
        *phase(2, "ACCESS-LIST", "log", "DROP",
               ["access-group outside_in in interface outsideISP-A", OUT_IN[1]], []),
        *result("outsideISP-A", "inside", "drop", ACL_DROP)]
    # no entry matches: the list's implicit deny
    assert cli("packet-tracer input outsideISP-A udp 198.51.100.7 50000 10.1.0.10 domain") == [
        "", *route, *phase(2, "ACCESS-LIST", "", "DROP", ["Implicit Rule"], []),
        *result("outsideISP-A", "inside", "drop", ACL_DROP)]


def test_without_a_list_only_a_higher_level_reaches_a_lower_one(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    out = cli("packet-tracer input outsideISP-A tcp 192.168.1.50 50000 10.1.0.10 80")
    assert out[9:17] == phase(2, "ACCESS-LIST", "", "DROP", ["Implicit Rule"], [])
    assert out[-1] == f"Drop-reason: {ACL_DROP}"
    inward = cli("packet-tracer input inside tcp 10.1.0.50 40000 192.168.1.50 80")
    assert "ACCESS-LIST" not in "\n".join(inward) and inward[-1] == "Action: allow"


def test_no_route_prints_only_the_input_side(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    assert cli("packet-tracer input inside tcp 10.1.0.50 40000 203.0.113.10 80") == [
        "", *result("inside", None, "drop", "(no-route) No route to host")]


def test_a_down_input_interface_drops(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    lab.directive("@link down primary GigabitEthernet0/3")
    assert cli("packet-tracer input inside tcp 10.1.0.50 40000 192.168.1.50 80") == [
        "", *result("inside", None, "drop", "(interface-down) Interface is down", line="down")]


def test_a_trace_changes_nothing(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE, *OUT_IN)
    before = [cli(c) for c in ("show access-list", "show conn", "show asp drop", "show interface")]
    for line in ("packet-tracer input outsideISP-A tcp 198.51.100.7 50000 10.1.0.10 https",
                 "packet-tracer input outsideISP-A tcp 198.51.100.7 50000 10.1.0.10 ssh",
                 "packet-tracer input inside tcp 10.1.0.50 40000 203.0.113.10 80"):
        cli(line)
    after = [cli(c) for c in ("show access-list", "show conn", "show asp drop", "show interface")]
    assert after == before
    # the flow id is the one the next connection gets: a real one moves it
    flow = "New flow created with id {}, packet dispatched to next module"
    assert flow.format(1) in cli("packet-tracer input inside tcp 10.1.0.50 40000 203.0.113.10 80")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40000 203.0.113.10:80")
    assert flow.format(2) in cli("packet-tracer input inside tcp 10.1.0.50 40001 203.0.113.10 80")


def test_detailed_names_the_rule_with_its_hit_count(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(*OUT_IN)
    lab.directive("@traffic primary admin tcp outsideISP-A 198.51.100.7:50000 10.1.0.10:443")
    out = cli("packet-tracer input outsideISP-A tcp 198.51.100.7 50001 10.1.0.10 443 detailed")
    at = out.index(" Forward Flow based lookup yields rule:")
    assert out[at + 1].startswith(" in  id=0x") and out[at + 1].endswith("deny=false")
    assert out[at + 2].startswith("        hits=1, ") and out[at + 2].endswith("protocol=6")
    assert out[at + 3:at + 6] == [
        "        src ip/id=198.51.100.7, mask=255.255.255.255, port=0, tag=any",
        "        dst ip/id=10.1.0.10, mask=255.255.255.255, port=443, tag=any, dscp=0x0",
        "        input_ifc=outsideISP-A, output_ifc=any"]


def test_icmp_and_xml(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure("access-list outside_in extended permit icmp any host 10.1.0.10",
                  "access-group outside_in in interface outsideISP-A")
    out = cli("packet-tracer input outsideISP-A icmp 198.51.100.7 8 0 10.1.0.10 xml")
    root = ET.fromstring("<trace>" + "\n".join(out) + "</trace>")
    phases = root.findall("Phase")
    assert [p.findtext("type") for p in phases] == [
        "ROUTE-LOOKUP", "ACCESS-LIST", "IP-OPTIONS", "FLOW-CREATION"]
    assert phases[1].findtext("config") == (
        "access-group outside_in in interface outsideISP-A\n"
        "access-list outside_in extended permit icmp any host 10.1.0.10")
    assert root.findtext("result/action") == "allow"
    assert root.findtext("result/output-interface") == "inside"
    dropped = cli("packet-tracer input outsideISP-A icmp 198.51.100.7 8 0 1234 10.1.0.11")
    assert dropped[-1] == f"Drop-reason: {ACL_DROP}"


@pytest.mark.parametrize("line", [
    "packet-tracer input nosuch tcp 10.1.0.50 1 10.1.0.6 2",
    "packet-tracer input inside tcp 10.1.0.50 nosuch 10.1.0.6 2",
    "packet-tracer input inside udp 10.1.0.50 1 10.1.0.6 https",      # https is TCP only
    "packet-tracer input inside tcp 10.1.0.50 1 10.1.0.6 70000",
])
def test_a_bad_interface_or_port_is_refused_at_the_caret(lab: Lab, line: str) -> None:
    out = Cli(lab, "primary")(line)
    assert out[-1] == "ERROR: % Invalid input detected at '^' marker."
    word = {"nosuch": "nosuch", "https": "https", "70000": "70000"}
    bad = next(w for w in word if f" {w} " in f"{line} ")
    assert out[0].index("^") == len("primary/admin# ") + line.index(f" {bad}") + 1


def test_the_standby_unit_of_a_group_drops(lab: Lab) -> None:
    """ctx1 is in group 2, active on the secondary: the primary holds it standby."""
    line = "packet-tracer input inside tcp 10.2.20.50 40000 192.168.2.77 80"
    standby = Cli(lab, "primary", "ctx1")(line)
    active = Cli(lab, "secondary", "ctx1")(line)
    assert standby[-1] == "Drop-reason: (fo-standby) Dropped by standby unit"
    assert active[-1] == "Action: allow"
    # the same walk, up to the flow creation
    assert standby[:standby.index("Result:")] == active[:active.index("Phase: 3")]


def test_a_9_x_unit_resolves_the_egress_interface() -> None:
    lab = Lab.load(str(LABS / "example-9.6"))
    lab.settle()
    cli = Cli(lab, "primary")
    cli.configure("route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254")
    out = cli("packet-tracer input inside tcp 10.1.0.50 40000 203.0.113.10 80")
    assert out[1:8] == phase(1, "ROUTE-LOOKUP", "Resolve Egress Interface", "ALLOW", [],
                             ["found next-hop 192.168.1.254 using egress ifc  outsideISP-A"])[:-1]
    near = cli("packet-tracer input inside tcp 10.1.0.50 40000 192.168.1.77 80")
    assert near[7] == "found next-hop 192.168.1.77 using egress ifc  outsideISP-A"


def test_single_mode_traces_and_captures_in_its_one_space() -> None:
    lab = Lab.load(str(LABS / "single-mode"))
    lab.settle()
    cli = Cli(lab, "primary", None)
    # the lab's inside is 192.168.2.0/24, its outside 192.168.1.0/24
    cli.configure("route outside 0.0.0.0 0.0.0.0 192.168.1.254")
    out = cli("packet-tracer input inside tcp 192.168.2.50 40000 203.0.113.10 80")
    assert out[7] == "in   0.0.0.0         0.0.0.0         outside"
    assert out[-7:] == result("inside", "outside", "allow")[1:]
    standby = Cli(lab, "secondary", None)("packet-tracer input inside tcp 192.168.2.50 40000 203.0.113.10 80")
    assert standby[-1] == "Drop-reason: (fo-standby) Dropped by standby unit"
    assert cli("capture CAP interface outside") == []
    # (the `@traffic` directive names a context; single mode's space is fed to the engine)
    lab.traffic.packet(lab.units["primary"], SINGLE,
                       Packet("TCP", "inside", ("192.168.2.50", 40000), None, ("203.0.113.10", 80)))
    assert packets(cli("show capture CAP"))[0].startswith("192.168.2.50.40000 > 203.0.113.10.80: S ")


# ---------------------------------------------------------------------------- capture

TCP_OUT = "@traffic primary admin tcp inside 10.1.0.50:40000 203.0.113.10:80"
TCP_BACK = "@traffic primary admin tcp outsideISP-A 203.0.113.10:80 10.1.0.50:40000 bytes 500"


def packets(out: list[str]) -> list[str]:
    """The packet lines of `show capture NAME`, without the numbers and timestamps."""
    return [line.split(None, 2)[2] for line in out if line[4:5] == ":"]


def test_a_capture_records_both_directions_in_the_real_layout(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE)
    assert cli("capture CAPI interface inside match ip host 10.1.0.50 any") == []
    assert cli("capture CAPO interface outsideISP-A") == []
    lab.directive(TCP_OUT)
    lab.directive("@wait 1500ms")
    lab.directive(TCP_BACK)
    lab.directive("@traffic primary admin udp inside 10.1.0.50:5353 203.0.113.10:53 bytes 40")
    inside = cli("show capture CAPI")
    assert inside[:3] == ["", "3 packets captured", ""]
    assert inside[-1] == "3 packets shown"
    first, second = inside[3], inside[4]
    assert first.startswith("   1: ") and first[6:21].count(":") == 2 and first[21:28] == " " * 7
    syn = packets(inside)[0]
    assert syn.startswith("10.1.0.50.40000 > 203.0.113.10.80: S ") and syn.endswith("(0) win 8192")
    seq = int(syn.split()[4].split(":")[0])
    assert packets(inside)[1] == (
        f"203.0.113.10.80 > 10.1.0.50.40000: P {packets(inside)[1].split()[4].split(':')[0]}:"
        f"{int(packets(inside)[1].split()[4].split(':')[0]) + 500}(500) ack {seq + 1} win 8192")
    assert packets(inside)[2] == "10.1.0.50.5353 > 203.0.113.10.53:  udp 40"
    # the reply came 1.5 s after the SYN, on the virtual clock
    assert int(second[12:14]) * 1000 + int(second[15:21]) // 1000 - (
        int(first[12:14]) * 1000 + int(first[15:21]) // 1000) in (1500, -58500)
    assert packets(cli("show capture CAPO")) == packets(inside)   # no NAT: the same packets
    assert cli("show capture") == [
        "capture CAPI type raw-data interface inside [Capturing - 690 bytes]",
        "  match ip host 10.1.0.50 any",
        "capture CAPO type raw-data interface outsideISP-A [Capturing - 690 bytes]"]


def test_counts_move_and_clear_and_no_capture_end_it(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE)
    cli("capture CAP interface inside")
    for port in (40000, 40001, 40002):
        lab.directive(f"@traffic primary admin tcp inside 10.1.0.50:{port} 203.0.113.10:80")
    assert cli("show capture CAP")[1] == "3 packets captured"
    shown = cli("show capture CAP count 1")
    assert shown[1] == "3 packets captured" and shown[-1] == "1 packet shown" and len(shown) == 5
    assert cli("clear capture CAP") == []
    assert cli("show capture CAP") == ["", "0 packets captured", "", "0 packets shown"]
    assert cli("no capture CAP") == []
    assert cli("show capture CAP") == ["ERROR: Capture <CAP> does not exist"]
    assert cli("no capture CAP") == ["ERROR: Capture <CAP> does not exist"]
    assert cli("show capture") == []


def test_a_capture_is_per_unit_and_per_context_and_not_replicated(lab: Lab) -> None:
    primary, secondary = Cli(lab, "primary"), Cli(lab, "secondary")
    primary("capture CAP interface inside")
    assert secondary("show capture") == []
    assert Cli(lab, "primary", "ctx1")("show capture") == []
    assert primary("show capture") == ["capture CAP type raw-data interface inside [Capturing - 0 bytes]"]
    assert "capture" not in "\n".join(primary("show running-config"))
    lab.directive("@crash primary")
    lab.directive("@wait 2m")
    assert Cli(lab, "primary")("show capture") == []      # memory goes with a reload


def test_asp_drop_capture_names_the_reason(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli("capture DROPS type asp-drop")
    lab.directive("@traffic primary admin tcp outsideISP-A 198.51.100.7:50000 10.1.0.10:443")
    lab.directive("@traffic primary admin tcp inside 10.1.0.50:40000 203.0.113.10:80")
    acl, route = packets(cli("show capture DROPS"))
    assert acl.startswith("198.51.100.7.50000 > 10.1.0.10.443: S ")
    assert acl.endswith(f"(0) win 8192 Drop-reason: {ACL_DROP}")
    assert route.startswith("10.1.0.50.40000 > 203.0.113.10.80: S ")
    assert route.endswith("(0) win 8192 Drop-reason: (no-route) No route to host")
    assert cli("show capture")[0] == "capture DROPS type asp-drop all [Capturing - 108 bytes]"


def test_a_linear_buffer_fills_and_a_circular_one_keeps_the_latest(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE)
    cli("capture LIN interface inside buffer 1534")
    cli("capture RING interface inside buffer 1534 circular-buffer")
    for port in range(40000, 40003):
        lab.directive(f"@traffic primary admin udp inside 10.1.0.50:{port} 203.0.113.10:53 bytes 600")
    listing = cli("show capture")
    assert listing[0] == "capture LIN type raw-data buffer 1534 interface inside [Buffer Full - 1284 bytes]"
    assert listing[1] == ("capture RING type raw-data buffer 1534 interface inside circular-buffer"
                          " [Capturing - 1284 bytes]")
    assert [p.split()[0] for p in packets(cli("show capture LIN"))] == ["10.1.0.50.40000", "10.1.0.50.40001"]
    assert [p.split()[0] for p in packets(cli("show capture RING"))] == ["10.1.0.50.40001", "10.1.0.50.40002"]


def test_a_capture_on_an_unknown_interface_is_refused(lab: Lab) -> None:
    cli = Cli(lab, "primary")
    out = cli("capture CAP interface nosuch")
    assert out[-1] == "ERROR: % Invalid input detected at '^' marker."
    assert cli("show capture") == []


def test_a_long_capture_keeps_bounded_tcp_state(lab: Lab) -> None:
    from asa_emulator.troubleshoot.capture import SEQ_KEPT, captures
    cli = Cli(lab, "primary")
    cli.configure(DEFAULT_ROUTE)
    cli("capture CAP interface inside buffer 1534 circular-buffer")
    u = lab.units["primary"]
    for port in range(1024, 1024 + SEQ_KEPT + 500):
        lab.traffic.packet(u, "admin", Packet("TCP", "inside", ("10.1.0.50", port), None,
                                              ("203.0.113.10", 80)))
    assert len(captures(lab.traffic).next_seq) <= SEQ_KEPT
    assert cli("show capture")[0].endswith("[Capturing - 1512 bytes]")     # 28 SYNs of 54 bytes
