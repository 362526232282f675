"""packet-tracer and the `eq` port positions as an engineer types them: the ICMP type by name
with the code optional (9.x command reference), `?` listing the ICMP type range and names and
at a port the number range and the port names of the protocol (one table: config/acl.py's
PORT_NAMES), Tab completing a port name.  Before, the ICMP form wanted two numbers and a port
position showed only `<port>`."""

from __future__ import annotations

import pytest

from asa_emulator.api import Lab
from asa_emulator.config.acl import PORT_NAMES
from asa_emulator.device.session import Session


@pytest.fixture
def admin() -> Session:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto context admin", "configure terminal",
                 "route outsideISP-A 0.0.0.0 0.0.0.0 192.168.1.254", "end"):
        s.execute(line)
    return s


def test_icmp_type_by_name_and_the_code_left_out(admin: Session) -> None:
    by_name = admin.execute("packet-tracer input inside icmp 10.1.0.5 echo 8.8.8.8")
    by_number = admin.execute("packet-tracer input inside icmp 10.1.0.5 8 0 8.8.8.8")
    assert by_name[-1] == "Action: allow"
    assert by_name[:-3] == by_number[:-3]
    assert admin.execute("packet-tracer input inside icmp 10.1.0.5 echo 0 7 8.8.8.8")[-1] == "Action: allow"
    assert admin.execute("packet-tracer input inside icmp 10.1.0.5 bogus 8.8.8.8")[-1] == \
        "ERROR: % Invalid input detected at '^' marker."


def test_question_mark_at_each_icmp_position(admin: Session) -> None:
    types = admin.help("packet-tracer input inside icmp 10.1.0.5 ")
    assert types[:4] == ["  <0-255>  Enter the icmp type", "  alternate-address",
                         "  conversion-error", "  echo"]
    assert "  time-exceeded" in types and "  unreachable" in types and "  echo-reply" in types
    assert admin.help("packet-tracer input inside icmp 10.1.0.5 echo ") == [
        "  <A.B.C.D>  Source IP address, then destination IP address",
        "  <0-255>    Enter the icmp code"]
    assert admin.help("packet-tracer input inside icmp 10.1.0.5 echo 0 ") == [
        "  <A.B.C.D>  Source IP address, then destination IP address",
        "  <0-65535>  Enter the icmp identifier"]


@pytest.mark.parametrize(("line", "proto"), [
    ("packet-tracer input inside tcp 10.1.0.5 ", "tcp"),
    ("packet-tracer input inside udp 10.1.0.5 1025 8.8.8.8 ", "udp"),
    ("capture c match tcp any eq ", "tcp"),
])
def test_a_port_position_lists_the_range_and_the_protocol_s_port_names(
        admin: Session, line: str, proto: str) -> None:
    names = sorted(n for n, (_, protos) in PORT_NAMES.items() if proto in protos.split())
    listed = admin.help(line)
    assert listed[0] == "  <0-65535>  Enter port number (0 - 65535)"
    assert [x.strip() for x in listed[1:]] == names
    assert ("  https" in listed) == (proto == "tcp") and ("  snmp" in listed) == (proto == "udp")


def test_access_list_eq_lists_and_tab_completes_port_names(admin: Session) -> None:
    admin.execute("configure terminal")
    listed = admin.help("access-list A extended permit tcp any any eq ")
    assert listed[:3] == ["  <0-65535>  Enter port number (0 - 65535)", "  aol", "  bgp"]
    assert admin.complete("access-list A extended permit tcp any any eq ww") == ["www"]
    assert admin.complete("packet-tracer input inside tcp 10.1.0.5 1025 8.8.8.8 htt") == ["https"]
    assert admin.complete("capture c match udp any any eq snmp") == ["snmp", "snmptrap"]
