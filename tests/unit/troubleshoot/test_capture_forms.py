"""The capture forms the command reference lists beyond create/show/clear/no: `capture NAME
stop` (records no more, keeps its packets; `show capture` says so), `clear capture /all`,
`show capture NAME packet-number N`, `... dump` (each packet's modelled headers in hex),
`... decode` and `... trace` (no trace recorded: the packets as the default form prints them),
and a bound on the memory all captures of a unit take together.  Before, each of these was
the `^` error and any number of 32 MB captures could be made."""

from __future__ import annotations

import pytest

from asa_emulator.api import Lab
from asa_emulator.device.session import Session

FLOW = "tcp inside 10.1.0.5:3000 outsideISP-A 192.168.1.9:80"


@pytest.fixture
def lab() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    return lab


def admin(lab: Lab) -> Session:
    s = lab.open_session("primary")
    for line in ("enable", "", "changeto context admin"):
        s.execute(line)
    return s


def test_a_stopped_capture_keeps_its_packets_and_records_no_more(lab: Lab) -> None:
    s = admin(lab)
    s.execute("capture c1 interface inside")
    lab.run([f"@traffic primary admin {FLOW}"])
    assert s.execute("capture c1 stop") == []
    lab.run([f"@traffic primary admin {FLOW}"])
    assert s.execute("show capture") == ["capture c1 type raw-data interface inside [Stopped - 54 bytes]"]
    assert s.execute("show capture c1")[1] == "1 packet captured"
    s.execute("capture c1 interface inside")
    lab.run([f"@traffic primary admin {FLOW}"])
    assert s.execute("show capture c1")[1] == "2 packets captured"
    assert s.execute("capture nosuch stop") == ["ERROR: Capture <nosuch> does not exist"]


def test_clear_capture_all_empties_every_capture_of_the_space(lab: Lab) -> None:
    s = admin(lab)
    s.execute("capture c1 interface inside")
    s.execute("capture c2 interface outsideISP-A")
    lab.run([f"@traffic primary admin {FLOW}"])
    assert s.execute("clear capture /all") == []
    assert s.execute("show capture") == [
        "capture c1 type raw-data interface inside [Capturing - 0 bytes]",
        "capture c2 type raw-data interface outsideISP-A [Capturing - 0 bytes]"]


def test_packet_number_dump_decode_and_trace(lab: Lab) -> None:
    s = admin(lab)
    s.execute("capture c1 interface inside")
    lab.run([f"@traffic primary admin {FLOW}", f"@traffic primary admin {FLOW}"])
    every = s.execute("show capture c1")
    second = s.execute("show capture c1 packet-number 2")
    assert second == ["", "2 packets captured", "", every[4], "1 packet shown"]
    assert s.execute("show capture c1 decode") == every
    assert s.execute("show capture c1 trace") == every
    dump = s.execute("show capture c1 packet-number 1 count 1 dump")
    assert dump[3] == every[3]
    # Ethernet type 0800, IPv4, then 10.1.0.5 > 192.168.1.9 and ports 3000 > 80
    assert dump[4].startswith("0x0000   0000 0000 0000 0000 0000 0000 0800 4500")
    assert dump[5].startswith("0x0010   0028 0000 0000 4006 af19 0a01 0005 c0a8")
    assert dump[6].startswith("0x0020   0109 0bb8 0050 ")
    assert dump[-1] == "1 packet shown"
    assert s.execute("show capture c1 packet-number 0")[-1] == "ERROR: % Invalid input detected at '^' marker."


def test_captures_of_a_unit_share_a_bounded_memory(lab: Lab) -> None:
    s = admin(lab)
    for n in range(8):
        assert s.execute(f"capture big{n} buffer 33554432") == []
    assert s.execute("capture big8 buffer 33554432") == ["ERROR: Not enough memory for capture buffer"]
    assert s.execute("capture small") == ["ERROR: Not enough memory for capture buffer"]
    assert "small" not in " ".join(s.execute("show capture"))
    other = lab.open_session("primary")
    for line in ("enable", "", "changeto context ctx1"):
        other.execute(line)
    assert other.execute("capture c buffer 1534") == ["ERROR: Not enough memory for capture buffer"]
    s.execute("no capture big0")
    assert s.execute("capture small") == []
