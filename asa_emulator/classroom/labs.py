"""Each trainee's lab: a lab directory `DIR/labs/NAME`, made from the exercise's lab with its
setup run once (`classroom add`), loaded when the trainee first logs in, saved whole when the
server stops, reset by the instructor.

A lab is saved as the terminal's labs are (lab/saved_state.py): the flash as it is,
`physical.json` (what `exercise grade --classroom` boots with) and `lab-state.json` (the
clock, the unsaved running configurations, the failover roles, the connection tables).  Data
only, each file written whole (a temporary file renamed over it): nothing read back runs
code.  A `lab-state.json` that cannot be used (damaged, another version's, another lab's) is
put aside as `lab-state.json.bad` and the lab boots from its flash and physical.json, with one
line saying so; nobody else's lab is touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..exercise.load import load_exercise
from ..exercise.run import ExerciseRun
from ..exercise.spec import Exercise
from ..lab import physical
from ..lab.copies import copy_lab
from ..lab.lab import Lab
from ..lab.labfile import find_lab
from ..lab.saved_state import FILE as STATE_FILE
from ..lab.saved_state import load_lab_state, save_lab_state
from ..lab.spec import LabError
from .roster import Roster, RosterError, Trainee


def exercise_of(roster: Roster, trainee: Trainee) -> Exercise:
    """The trainee's exercise: a built-in name or a folder (relative to the classroom)."""
    return load_exercise(trainee.exercise, roster.folder)


def make(roster: Roster, trainee: Trainee) -> Path:
    """A new lab for the trainee (an old one is replaced): the exercise's lab copied, booted,
    the setup run once, then saved whole."""
    ex = exercise_of(roster, trainee)
    folder = roster.lab_dir(trainee.name).resolve()
    remove(roster, trainee.name)
    folder.mkdir(parents=True)
    copy_lab(find_lab(ex.lab, ex.lab_base), folder)
    lab = Lab.load(str(folder))
    lab.settle()
    hook = ExerciseRun(ex, trainee.name, roster.secret)
    hook.setup(lab)
    save(lab, folder)
    return folder


def remove(roster: Roster, name: str) -> None:
    folder = roster.lab_dir(name)
    if folder.is_symlink():
        raise RosterError(f"{folder} is a link: not removed")
    if folder.is_dir():
        shutil.rmtree(folder)


def open_lab(roster: Roster, trainee: Trainee) -> tuple[Lab, ExerciseRun, str]:
    """The trainee's lab as it was left, with the exercise on it (the setup is not run
    again), and a line to tell when its saved state could not be used ("" otherwise)."""
    ex = exercise_of(roster, trainee)
    folder = roster.lab_dir(trainee.name).resolve()
    if not (folder / "lab.toml").is_file():
        make(roster, trainee)
    lab, note = restore(folder)
    hook = ExerciseRun(ex, trainee.name, roster.secret)
    lab.exercise = hook
    return lab, hook, note


def restore(folder: Path) -> tuple[Lab, str]:
    """The lab saved in `folder` (see the module's docstring) and the line saying why its
    saved state was not used ("" when it was, or when there was none).  LabError when the
    lab cannot boot from its flash and physical.json either: lab-state.json then stays."""
    state = folder / STATE_FILE
    if not state.is_file():
        return _boot(folder), ""
    try:
        return load_lab_state(folder), ""
    except Exception as exc:    # noqa: BLE001 - a foreign file is one line, never a traceback
        why = str(exc).removeprefix(f"{state}: ") if isinstance(exc, LabError) else \
            f"not a saved lab state ({type(exc).__name__}: {exc})"
    lab = _boot(folder)
    aside = state.with_name(STATE_FILE + ".bad")
    try:
        state.replace(aside)    # kept for a look; the next save writes a good one
    except OSError:
        aside_note = "left in place"
    else:
        aside_note = f"kept aside as {aside.name}"
    return lab, f"{state}: {why}; started from its flash ({aside_note})"


def _boot(folder: Path) -> Lab:
    """The lab from its flash (what `write memory` saved) and physical.json."""
    lab = Lab.load(str(folder))
    off = physical.apply(lab, folder)
    lab.settle()
    physical.power_off(lab, off)
    return lab


def save(lab: Lab, folder: Path) -> None:
    """The lab whole: lab-state.json, readable by its owner only (it holds the running
    configurations, secrets and all), and physical.json."""
    save_lab_state(lab, folder, private=True)
