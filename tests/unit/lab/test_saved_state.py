"""A running lab saved to disk and restored (asa_emulator/lab/saved_state.py, issue 21): the
restored lab prints the same shows on every unit, unsaved changes included, whatever the
roles, links and connections were; a bad state file is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asa_emulator.api import Lab, LabError
from asa_emulator.lab.saved_state import load_lab_state, save_lab_state
from tests.support.lab_shows import saved_shows
from tests.support.paths import LABS

WORK = ["@console primary", "enable", "", "configure terminal", "failover group 1", "replication http",
        "exit", "access-list out1 extended permit tcp any any eq 443", "write memory", "hostname fw1", "end",
        "changeto context admin", "configure terminal",
        "access-list in1 extended permit tcp any any eq 443", "access-group in1 in interface inside", "end",
        "changeto system",
        "@traffic primary admin tcp inside 10.1.0.50:40000 outsideISP-A 203.0.113.10:443 bytes 400",
        "@traffic primary admin tcp inside 10.1.0.50:40001 outsideISP-A 203.0.113.10:80 bytes 99",
        "failover active group 2", "@wait 10s", "@link down secondary GigabitEthernet0/5", "@wait 30s"]


def _worked() -> Lab:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(WORK)
    return lab


def test_a_saved_lab_comes_back_with_the_same_shows(tmp_path: Path) -> None:
    """Group 2 forced to the primary, a monitored interface down on the secondary (group 2
    Failed there), connections, counters, access-list hits, an unsaved hostname on top of a
    saved change, the clock: all as they were."""
    lab = _worked()
    before = saved_shows(lab)
    save_lab_state(lab, tmp_path / "saved")
    restored = load_lab_state(tmp_path / "saved", lab_class=Lab)
    assert saved_shows(restored) == before
    assert restored.failover_state("primary").states() == ("Active", "Active")
    assert restored.unsaved() == lab.unsaved() == ["primary: system, admin", "secondary: system, admin"]
    con = restored.console("primary")
    restored.run(["@console primary", "enable", ""])
    assert con.execute("show running-config | include ^hostname") == ["hostname fw1"]
    assert con.execute("show startup-config | include ^hostname") == ["hostname primary"]


def test_the_saved_folder_is_a_lab_directory(tmp_path: Path) -> None:
    """The flash as it is (the unsaved hostname is not written to it), physical.json and
    lab-state.json; the restored lab persists its flash there, and a reload of it boots the
    startup-config, not the running configuration the restore used."""
    lab = _worked()
    save_lab_state(lab, tmp_path / "saved")
    folder = tmp_path / "saved"
    assert sorted(p.name for p in folder.iterdir()) == ["lab-state.json", "lab.toml", "physical.json",
                                                        "primary", "secondary"]
    assert b"hostname primary" in (folder / "primary/.private/startup-config").read_bytes()
    assert json.loads((folder / "physical.json").read_text())["no_link"] == [["secondary", "GigabitEthernet0/5"]]
    restored = load_lab_state(folder, lab_class=Lab)
    restored.run(["@console primary", "enable", "", "write memory"])
    assert b"hostname fw1" in (folder / "primary/.private/startup-config").read_bytes()


def test_saving_into_its_own_directory_and_a_unit_left_off(tmp_path: Path) -> None:
    """A lab directory saved where it lives (the classroom's case): the secondary powered off
    stays off."""
    import shutil
    shutil.copytree(LABS / "single-mode", tmp_path / "lab")
    lab = Lab.load(str(tmp_path / "lab"))
    lab.settle()
    lab.run(["@console primary", "enable", "", "configure terminal", "names", "end", "@power off secondary",
             "@wait 5s"])
    before = saved_shows(lab)
    save_lab_state(lab, tmp_path / "lab")
    restored = load_lab_state(tmp_path / "lab", lab_class=Lab)
    assert saved_shows(restored) == before
    assert not restored.unit("secondary").powered


@pytest.mark.parametrize(("content", "message"), [
    ("{", "not a saved lab state (Expecting property name enclosed in double quotes"),
    ('{"version": 9, "clock_ms": 1, "units": {}}', "not a saved lab state (not version 1)"),
    ('{"version": 1, "clock_ms": 1, "units": {"third": {}}}', "no unit third in the lab"),
    ('{"version": 1, "clock_ms": 1, "units": {"primary": []}}', "not a saved lab state (no units)"),
    ('{"version": 1, "clock_ms": 1, "units": {"primary": {"running": {"x": "%%"}}}}',
     "not a saved lab state (Only base64 data is allowed)"),
    ('{"version": 1, "clock_ms": 1, "units": {"primary": {"traffic": {"tables": {"admin": 3}}}}}',
     "bad connection table"),
])
def test_a_bad_state_file_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    save_lab_state(_worked(), tmp_path / "saved")
    (tmp_path / "saved" / "lab-state.json").write_text(content)
    with pytest.raises(LabError) as err:
        load_lab_state(tmp_path / "saved")
    assert message in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "saved" / "lab-state.json"))


def test_saving_refuses_a_folder_with_something_else_in_it(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    with pytest.raises(LabError, match="not empty and not the lab's own directory"):
        save_lab_state(_worked(), tmp_path / "x")
