"""A trainee's lab saved whole and read back (classroom/persist.py): a lab caught with timers
in flight (a failover just forced, the mates renegotiating) goes on exactly as the original
does, and a snapshot another version wrote is ignored."""

from __future__ import annotations

from pathlib import Path

from asa_emulator.classroom import persist
from asa_emulator.lab.copies import copy_lab
from asa_emulator.lab.lab import Lab
from asa_emulator.lab.labfile import find_lab

SHOW = ["show failover", "show failover history", "show clock", "show running-config"]


def _lab(folder: Path) -> Lab:
    copy_lab(find_lab("example"), folder)
    lab = Lab.load(str(folder.resolve()))
    lab.settle()
    return lab


def _shows(lab: Lab) -> list[list[str]]:
    con = lab.console("primary")
    con.execute("enable")
    con.execute("cisco")
    return [con.execute(line) for line in SHOW]


def test_a_lab_with_timers_in_flight_goes_on_as_the_original(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    lab.directive("@crash secondary")      # reload, hello timers, negotiation: closures on the clock
    lab.advance(3_000)
    persist.save(lab, tmp_path)
    back = persist.load(tmp_path)
    assert back is not None and back is not lab
    for each in (lab, back):
        each.advance(120_000)
    shown = _shows(back)
    assert shown == _shows(lab)
    assert shown[0][0].rstrip() == "Failover On" and "Active" in "\n".join(shown[0])


def test_a_snapshot_of_another_version_is_ignored(tmp_path: Path) -> None:
    lab = _lab(tmp_path)
    persist.save(lab, tmp_path)
    data = (tmp_path / persist.FILE).read_bytes()
    (tmp_path / persist.FILE).write_bytes(data.replace(b"asa-emulator-snapshot 1 ", b"asa-emulator-snapshot 0 ", 1))
    assert persist.load(tmp_path) is None
    (tmp_path / persist.FILE).write_bytes(data[:200])       # torn: ignored too
    assert persist.load(tmp_path) is None
