"""Output lines later releases added follow the lab's version: 9.1(7) shows none of them, the
example lab on 9.6(4) (transcripts/labs/example-9.6) shows all."""

from __future__ import annotations

import pytest

from asa_emulator.transcript.runner import run_lines
from tests.support.paths import LABS

LAB_96 = str(LABS / "example-9.6")
LATER = ("Reconnect timeout 0:00:00", "MAC Address Move Notification Interval not set",
         "Serial Number: Ours JMX1234A0P1, Mate JMX1234A0S2", "        SIP Tx  0          0          0          0",
         "        STS Table       0          0          0          0",
         "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP",
         "L        192.168.1.1 255.255.255.255 is directly connected, outsideISP-A")


def _lines(lab: str | None) -> list[str]:
    lines, _ = run_lines(["enable", "", "show failover", "show running-config | begin Saved",
                          "changeto context admin", "show route"], lab_name=lab)
    return lines


@pytest.mark.parametrize(("lab", "later"), [(None, False), (LAB_96, True)], ids=["9.1(7)", "9.6(4)"])
def test_version_dependent_lines(lab: str | None, later: bool) -> None:
    lines = _lines(lab)
    for line in LATER:
        assert (line in lines) == later, line
    saved = lines.index(": Saved")
    assert lines[saved + 1] == ("" if later else ":")
