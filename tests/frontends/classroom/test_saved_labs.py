"""Each trainee's lab is saved whole when the classroom server stops and comes back as it
was (lab/saved_state.py's files, data only); a saved state that cannot be used is one line,
the lab boots from its flash, and the other trainees' labs are untouched (issue 22)."""

from __future__ import annotations

import asyncio
import json
import re
import signal
from pathlib import Path

import pytest

from tests.support.classroom import ClassServed, Term, make_classroom

PRIV = "# "
SHOWS = ["show running-config hostname", "show failover | include This host|Group . +State",
         "@status", "show clock"]


async def typed(port: int, user: str, lines: list[str]) -> list[str]:
    """What each line printed, up to the next prompt (the first item: the login's)."""
    term = await Term.open(port, user)
    out = [await term.prompt()]
    for line in lines:
        term.proc.stdin.write(line + "\r")
        out.append(await term.prompt())
    term.close()
    await term.conn.wait_closed()
    return out


def clock(shown: str) -> str:
    found = re.search(r"\d\d:\d\d:\d\d\.\d+ UTC \w+ \w+ \d+ \d+", shown)
    assert found, shown
    return found.group()


def test_a_restart_keeps_the_running_config_roles_faults_and_clock(tmp_path: Path) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice", "bob"], exercise="monitoring")
    served = ClassServed(folder)
    try:
        before = asyncio.run(typed(served.ports["primary"], "alice", [
            "enable", "", "failover active group 2", "@link down secondary GigabitEthernet0/1",
            "@wait 1m", "configure terminal", "hostname alice-fw", "end", *SHOWS]))
    finally:
        assert served.stop(signal.SIGTERM) == (0, "")
    assert (folder / "labs" / "alice" / "lab-state.json").stat().st_mode & 0o077 == 0
    assert not list(folder.glob("labs/*/snapshot.bin"))
    served = ClassServed(folder)
    try:
        after = asyncio.run(typed(served.ports["primary"], "alice", ["enable", "", *SHOWS]))
        bob = asyncio.run(typed(served.ports["primary"], "bob", ["enable", "", *SHOWS]))
    finally:
        assert served.stop(signal.SIGTERM) == (0, "")
    assert after[0].endswith("alice-fw> ")
    assert after[3:6] == before[-4:-1]          # hostname, both groups active here, the pulled link
    assert "Group 2       State:          Active" in after[4]
    assert "failover link: primary folink failed, secondary folink failed" in after[5]  # Gi0/1 pulled
    assert clock(after[6]) >= clock(before[-1])  # the clock went on from where it stood
    assert "hostname alice-fw" not in bob[3] and "Group 2       State:          Standby" in bob[4]


@pytest.mark.parametrize("damage", [b"\x80\x04garbage", json.dumps({"version": 99}).encode(),
                                    json.dumps({"version": 1, "clock_ms": 0,
                                                "units": {"tertiary": {}}}).encode()])
def test_a_saved_state_that_cannot_be_used_is_one_line_and_costs_no_one_else(
        tmp_path: Path, damage: bytes) -> None:
    folder = tmp_path / "room"
    make_classroom(folder, ["alice", "bob"])
    served = ClassServed(folder)
    try:
        asyncio.run(typed(served.ports["primary"], "bob", ["enable", "", "configure terminal",
                                                           "hostname bob-fw", "end"]))
    finally:
        assert served.stop(signal.SIGTERM) == (0, "")
    state = folder / "labs" / "alice" / "lab-state.json"
    state.write_bytes(damage)
    served = ClassServed(folder)
    try:
        alice = asyncio.run(typed(served.ports["primary"], "alice", ["show version | include ^Serial"]))
        bob = asyncio.run(typed(served.ports["primary"], "bob", []))
    finally:
        status, err = served.stop(signal.SIGTERM)
    assert alice[0].startswith("% Your lab's saved state could not be used: it was started from "
                               "its saved configuration\r\n")
    assert alice[0].endswith("ciscoasa> ") and "Serial Number" in alice[1]
    assert bob[0].endswith("bob-fw> ")
    assert status == 0 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"asa-emulator: alice: {state}: ") and "kept aside as lab-state.json.bad" in err
    assert state.with_name("lab-state.json.bad").read_bytes() == damage
    assert json.loads(state.read_bytes())["version"] == 1     # saved again at the stop


def test_a_lab_that_cannot_boot_keeps_its_saved_state_for_later(tmp_path: Path) -> None:
    """A damaged physical.json: the lab cannot start (one line to the trainee), and its
    lab-state.json, which is not at fault, stays where it is."""
    folder = tmp_path / "room"
    make_classroom(folder, ["alice", "bob"])
    lab = folder / "labs" / "alice"
    state = (lab / "lab-state.json").read_bytes()
    (lab / "physical.json").write_text("[1, 2")
    served = ClassServed(folder)
    try:
        async def refused() -> str:
            return await (await Term.open(served.ports["primary"], "alice")).ended()
        told = asyncio.run(refused())
        bob = asyncio.run(typed(served.ports["primary"], "bob", []))
    finally:
        status, err = served.stop(signal.SIGTERM)
    assert told == f"% Your lab cannot be started: {lab.resolve() / 'physical.json'}: not a physical state file " \
                   "(Expecting ',' delimiter: line 1 column 6 (char 5))\r\n"
    assert bob[0].endswith("ciscoasa> ")
    assert (status, err) == (0, "")
    assert (lab / "lab-state.json").read_bytes() == state and not (lab / "lab-state.json.bad").exists()
