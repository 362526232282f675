"""A saved lab is restored with one boot (lab/saved_state.py): lab-state.json says how long
the restore takes (the saved lab's own start, or its own restore), and the lab started that
much earlier is kept when it shows the saved time and failover states.  Boots are counted
as the labs made (load_lab_state's `lab_class`, or Lab itself), never timed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from asa_emulator import cli
from asa_emulator.api import Lab
from asa_emulator.classroom import labs
from asa_emulator.classroom.roster import Trainee, new_roster, save
from asa_emulator.frontends.tui import app
from asa_emulator.lab import lab as lab_module
from asa_emulator.lab.account import hash_password
from asa_emulator.lab.saved_state import FILE, load_lab_state, save_lab_state
from tests.support.lab_shows import saved_shows

WORK = ["@console primary", "enable", "", "configure terminal", "hostname fw1", "end",
        "failover active group 2", "@wait 10s", "@link down secondary GigabitEthernet0/5", "@wait 30s"]


class Counted(Lab):
    made = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        type(self).made += 1
        super().__init__(*args, **kwargs)


def restored(folder: Path) -> tuple[Lab, int]:
    """The lab restored from `folder`, and the boots it took."""
    Counted.made = 0
    lab = load_lab_state(folder, lab_class=Counted)
    return lab, Counted.made


def test_a_settled_lab_is_restored_with_one_boot(tmp_path: Path) -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(["@wait 5m"])
    save_lab_state(lab, tmp_path / "saved")
    back, boots = restored(tmp_path / "saved")
    assert boots == 1
    assert back.clock.now == lab.clock.now
    assert saved_shows(back) == saved_shows(lab)


def test_a_worked_lab_saved_again_after_its_restore_boots_once(tmp_path: Path) -> None:
    """Roles moved and a link down: the first restore measures what they take (its trial
    boots), the lab saved again after it restores with one boot, showing the same."""
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    lab.run(WORK)
    save_lab_state(lab, tmp_path / "first")
    first, boots = restored(tmp_path / "first")
    assert boots > 1
    assert saved_shows(first) == saved_shows(lab)
    save_lab_state(first, tmp_path / "second")
    second, boots = restored(tmp_path / "second")
    assert boots == 1
    assert saved_shows(second) == saved_shows(lab)


def test_a_wrong_expectation_falls_back_to_the_trials(tmp_path: Path) -> None:
    lab = Lab.load("example", in_memory=True)
    lab.settle()
    save_lab_state(lab, tmp_path / "saved")
    path = tmp_path / "saved" / FILE
    state = json.loads(path.read_text())
    state["restore_ms"] += 1000
    path.write_text(json.dumps(state))
    back, boots = restored(tmp_path / "saved")
    assert boots == 3                   # the hinted boot, one trial, the lab kept
    assert back.clock.now == lab.clock.now
    assert saved_shows(back) == saved_shows(lab)


@pytest.fixture
def boots(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every lab the code under test makes (its lab.toml's name)."""
    made: list[str] = []
    real = lab_module.Lab.__init__

    def counting(self: lab_module.Lab, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        made.append(self.spec.name)
    monkeypatch.setattr(lab_module.Lab, "__init__", counting)
    return made


def test_a_classroom_lab_is_restored_with_one_boot(tmp_path: Path, boots: list[str]) -> None:
    roster = new_roster(tmp_path / "room")
    roster.trainees["alice"] = Trainee("alice", hash_password("alice-pw"), "primary")
    save(roster)
    folder = labs.make(roster, roster.trainees["alice"])
    boots.clear()
    lab, note = labs.restore(folder)
    assert (note, len(boots)) == ("", 1)
    labs.save(lab, folder)
    boots.clear()
    assert labs.restore(folder)[1] == "" and len(boots) == 1


def test_the_terminal_starts_a_kept_lab_with_one_boot(tmp_path: Path, boots: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASA_EMULATOR_DATA", str(tmp_path / "data"))
    ran: list[Lab] = []
    monkeypatch.setattr(app, "run_terminal", lambda lab: ran.append(lab) or 0)
    monkeypatch.setattr(lab_module, "keep_for_good", lambda: None)
    assert cli.cmd_lab("example") == 0       # made from the factory lab, kept
    assert cli.cmd_lab("example") == 0       # the kept copy started again
    assert len(ran) == 2 and boots == ["example", "example"]
