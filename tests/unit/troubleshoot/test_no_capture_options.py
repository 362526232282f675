"""`no capture NAME OPTION...` takes options back and keeps the capture (the command reference:
`no capture capture_name [arguments]`, the arguments omitted to remove it); before, every
form but `no capture NAME` was the `^` error, so an engineer could not take an interface off
a capture without losing what it had captured."""

from __future__ import annotations

from asa_emulator.api import Lab

FLOW = "tcp inside 10.1.0.5:3000 outsideISP-A 192.168.1.9:80"


def test_options_are_taken_back_one_by_one_and_the_packets_stay() -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    lines = lab.run([
        "enable", "", "changeto context admin",
        "capture c1 interface inside interface outsideISP-A match tcp any any eq www buffer 4000 circular-buffer",
        f"@traffic primary admin {FLOW}",
        "no capture c1 interface inside", "show capture",
        "no capture c1 match tcp any any eq www", "no capture c1 circular-buffer buffer 4000",
        "show capture", "no capture c1 interface ?", "no capture c1 match ip 10.0.0.0 1.2.3.4 any",
        "no capture c1", "show capture"])
    at = lines.index("primary/admin# no capture c1 interface inside")
    assert lines[at:] == [
        "primary/admin# no capture c1 interface inside",
        "primary/admin# show capture",
        "capture c1 type raw-data buffer 4000 interface outsideISP-A circular-buffer [Capturing - 108 bytes]",
        "  match tcp any any eq www",
        "primary/admin# no capture c1 match tcp any any eq www",
        "primary/admin# no capture c1 circular-buffer buffer 4000",
        "primary/admin# show capture",
        "capture c1 type raw-data interface outsideISP-A [Capturing - 108 bytes]",
        "primary/admin# no capture c1 interface ?",
        "  outsideISP-A  Name of interface GigabitEthernet0/2",
        "  inside        Name of interface GigabitEthernet0/3",
        "primary/admin# no capture c1 match ip 10.0.0.0 1.2.3.4 any",
        "ERROR: IP address,mask <10.0.0.0,1.2.3.4> doesn't pair",
        "primary/admin# no capture c1",
        "primary/admin# show capture"]
