"""Output lines later releases added follow the lab's version: 9.1(7) shows none of them, the
example lab on 9.6(4) (transcripts/labs/example-9.6) shows all."""

from __future__ import annotations

import shutil
from pathlib import Path

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


STATS_92 = ["General", "sys cmd", "up time", "RPC services", "TCP conn", "UDP conn", "ARP tbl",
            "Xlate_Timeout", "IPv6 ND tbl", "VPN IKEv1 SA", "VPN IKEv1 P2", "VPN IKEv2 SA",
            "VPN IKEv2 P2", "VPN CTCP upd", "VPN SDI upd", "VPN DHCP upd", "SIP Session",
            "Route Session", "Router ID", "User-Identity", "CTS SGTNAME", "CTS PAC",
            "TrustSec-SXP", "IPv6 Route", "STS Table"]


def _stat_rows(lab: str) -> list[str]:
    lines = _lines(lab)
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("Link :")) + 2
    rows = []
    for ln in lines[start:]:
        if not ln.startswith("        ") or ln.strip().startswith("Logical Update"):
            break
        rows.append(ln[8:24].strip() if not ln.startswith("        SIP Tx  ") else "SIP Tx")
    return rows


@pytest.mark.parametrize(("version", "rows"), [
    ("9.1(7)", [n for n in STATS_92 if n not in ("Router ID", "CTS SGTNAME", "CTS PAC", "TrustSec-SXP",
                                                  "IPv6 Route", "STS Table")]),
    # real 9.2(2)4 ASA5525 (blog "Configuring Stateful Failover on a Cisco ASA HA Pair", 2016)
    ("9.2(2)4", STATS_92),
    # real 9.5(2) ASA5525 (wrmem.net, 2016): SIP Tx and SIP Pinhole after SIP Session
    ("9.5(2)", STATS_92[:17] + ["SIP Tx", "SIP Pinhole"] + STATS_92[17:]),
], ids=["9.1", "9.2", "9.5"])
def test_failover_statistics_rows_follow_the_release(tmp_path: Path, version: str, rows: list[str]) -> None:
    lab = tmp_path / "lab"
    shutil.copytree(LAB_96, lab)
    toml = lab / "lab.toml"
    toml.write_text(toml.read_text().replace('version = "9.6(4)"', f'version = "{version}"'))
    assert _stat_rows(str(lab)) == rows
